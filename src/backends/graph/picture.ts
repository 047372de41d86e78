// What a picture of a lab shows, before any format: its machines (clusters), their nodes
// with badges, switches and host, and the links between them with interface names and
// addresses, each with the details a page shows on hover, and the live state when the lab
// is up. DOT, Mermaid, SVG and HTML (dot.ts, mermaid.ts, svg.ts, html.ts) all draw this.

import type { Rule } from "../../model/filter.js";
import { hasLimits, LIMIT_KINDS, type Mount } from "../../model/isolation.js";
import type { Iface, Lab, LinkKind, Node } from "../../model/model.js";
import { assertNever } from "../../never.js";
import { counted } from "../../plural.js";
import { drawLink, type EdgeEnd, type Vertex } from "./edges.js";
import { orient } from "./layout.js";

export type { EdgeEnd } from "./edges.js";

/**
 * The live state of what is drawn: `planned` (drawn from a file), `up`, `down` (an
 * interface that is down or has no carrier), `missing` (not in the kernel), `drift`.
 */
export type State = "planned" | "up" | "down" | "missing" | "drift";

export type BadgeKind = "forward" | "filter" | "isolation" | "limits" | "services" | "note";

export interface Badge {
  readonly kind: BadgeKind;
  readonly text: string;
}

/** An interface drawn inside its vertex, where its links attach. */
export interface Port {
  readonly name: string;
  readonly addresses: readonly string[];
}

export interface PictureVertex {
  /** Unique in the picture, made of safe characters: `n3`, `s0`, `h0`. */
  readonly id: string;
  readonly kind: "node" | "switch" | "host";
  readonly name: string;
  readonly badges: readonly Badge[];
  /** Its interfaces, in the order declared (a switch's ports are not drawn: links end at it). */
  readonly ports: readonly Port[];
  /** Lines shown on hover. */
  readonly details: readonly string[];
  readonly state: State;
}

export interface PictureEdge {
  readonly id: string;
  readonly kind: LinkKind;
  readonly a: EdgeEnd & { readonly vertex: string };
  readonly b: EdgeEnd & { readonly vertex: string };
  readonly details: readonly string[];
  readonly state: State;
}

export interface Machine {
  readonly id: string;
  readonly label: string;
  readonly vertices: readonly PictureVertex[];
}

export interface Picture {
  readonly lab: string;
  readonly machines: readonly Machine[];
  readonly edges: readonly PictureEdge[];
  /** The vertex nearest to all others (of the largest connected part): a radial layout's root. */
  readonly centre?: string;
  /** Drawn with live state (a lab that is up), and what differs from its plan lab-wide. */
  readonly live: boolean;
  readonly drift: readonly string[];
}

/** The kernel's view of a lab that is up, as the CLI reads it from `status`. */
export interface Live {
  /** Per node: whether its namespace exists, and its drift, one line each. */
  readonly nodes: ReadonlyMap<string, { readonly present: boolean; readonly drift: readonly string[] }>;
  /** Per `NODE.IFACE`: the interface's state. */
  readonly ifaces: ReadonlyMap<string, "up" | "down" | "missing">;
  /** Drift outside any node (the switches' namespace, the host). */
  readonly drift: readonly string[];
}

/**
 * Which machine a node is on, as its cluster is labelled: in a lab with machines, the node's
 * (with its underlay address); else this one.
 */
function machineOf(node: Node, lab: Lab): string {
  const m = lab.machines.find((x) => x.name === node.machine);
  return m ? `machine ${m.name} (${m.address})` : "this machine";
}

export function picture(lab: Lab, live?: Live): Picture {
  const ids = new VertexIds(lab);
  const edges = lab.links.map((link, i): PictureEdge => {
    const drawn = drawLink(link, lab);
    const ends = { a: placed(drawn.a, ids), b: placed(drawn.b, ids) };
    return { id: `e${i}`, kind: link.kind, ...ends, details: drawn.details, state: edgeState(drawn, live) };
  });
  const byMachine = new Map<string, PictureVertex[]>();
  const add = (machine: string, v: PictureVertex) => {
    const list = byMachine.get(machine) ?? [];
    list.push(v);
    byMachine.set(machine, list);
  };
  for (const node of lab.nodes) add(machineOf(node, lab), nodeVertex(node, ids.node(node.name), live));
  // Switches and the host's own network are on every machine that has a node using them.
  const users = usersOf(edges, lab);
  lab.switches.forEach((s, i) => {
    for (const m of users.get(`s${i}`) ?? [machineOf(lab.nodes[0] as Node, lab)])
      add(m, {
        id: `s${i}`,
        kind: "switch",
        name: s.name,
        badges: s.mtu ? [{ kind: "note", text: `mtu ${s.mtu}` }] : [],
        ports: [],
        details: [
          s.vni !== undefined
            ? `switch ${s.name}: a bridge on each of ${(s.machines ?? []).join(", ")}, joined by VXLAN ${s.vni}`
            : `switch ${s.name}: a bridge in the lab's namespace`,
          ...(s.mtu ? [`mtu ${s.mtu}`] : []),
        ],
        state: live ? "up" : "planned",
      });
  });
  for (const m of users.get("h0") ?? [])
    add(m, {
      id: "h0",
      kind: "host",
      name: "host",
      badges: [],
      ports: edges
        .flatMap((e) => [e.a, e.b].filter((x) => x.vertex === "h0" && x.iface !== undefined))
        .map((x) => ({ name: x.iface ?? "", addresses: x.addresses })),
      details: hostDetails(edges),
      state: live ? "up" : "planned",
    });
  const machines = [...byMachine].map(([label, vertices], i) => ({ id: `m${i}`, label, vertices }));
  const all = [...new Set(machines.flatMap((m) => m.vertices.map((v) => v.id)))];
  const drawn = orient(all, edges);
  return {
    lab: lab.name,
    machines,
    edges: drawn.edges,
    ...(drawn.centre !== undefined ? { centre: drawn.centre } : {}),
    live: live !== undefined,
    drift: live?.drift ?? [],
  };
}

/** Vertex ids by name: nodes `n0…`, switches `s0…`, the host `h0`. */
class VertexIds {
  private readonly nodes: Map<string, string>;
  private readonly switches: Map<string, string>;
  constructor(lab: Lab) {
    this.nodes = new Map(lab.nodes.map((n, i) => [n.name, `n${i}`]));
    this.switches = new Map(lab.switches.map((s, i) => [s.name, `s${i}`]));
  }
  node(name: string): string {
    return this.nodes.get(name) ?? "n?";
  }
  of(v: Vertex): string {
    switch (v.kind) {
      case "host":
        return "h0";
      case "node":
        return this.nodes.get(v.name) ?? "n?";
      case "switch":
        return this.switches.get(v.name) ?? "s?";
      default:
        return assertNever(v);
    }
  }
}

function placed(
  end: EdgeEnd & { readonly at: Vertex },
  ids: VertexIds,
): EdgeEnd & { readonly vertex: string } {
  const { at, ...rest } = end;
  return { ...rest, vertex: ids.of(at) };
}

/** Machines of the nodes on each switch and on the host. */
function usersOf(edges: readonly PictureEdge[], lab: Lab): Map<string, string[]> {
  const machineById = new Map(lab.nodes.map((n, i) => [`n${i}`, machineOf(n, lab)]));
  const out = new Map<string, string[]>();
  for (const e of edges)
    for (const [from, to] of [
      [e.a.vertex, e.b.vertex],
      [e.b.vertex, e.a.vertex],
    ] as const) {
      const m = machineById.get(from);
      if (m === undefined || machineById.has(to)) continue;
      const list = out.get(to) ?? [];
      if (!list.includes(m)) out.set(to, [...list, m]);
    }
  return out;
}

function edgeState(drawn: { readonly a: EdgeEnd; readonly b: EdgeEnd }, live: Live | undefined): State {
  if (!live) return "planned";
  const states = [drawn.a, drawn.b].flatMap((e) =>
    e.node && e.iface ? [live.ifaces.get(`${e.node}.${e.iface}`) ?? "missing"] : [],
  );
  if (states.includes("missing")) return "missing";
  if (states.includes("down")) return "down";
  return "up";
}

function hostDetails(edges: readonly PictureEdge[]): string[] {
  const mine = edges.filter((e) => e.b.vertex === "h0" || e.a.vertex === "h0");
  return ["the machine's own network namespace", `${counted(mine.length, "link")} to the lab`];
}

export function badgesOf(node: Node): Badge[] {
  const iso = node.isolation;
  const out: Badge[] = [];
  if (node.sysctls.some((s) => s.key === "net.ipv4.ip_forward" && s.value === "1"))
    out.push({ kind: "forward", text: "forward" });
  if (node.filter) out.push({ kind: "filter", text: filterBadge(node) });
  const extra = iso.aspects.filter((a) => a !== "net");
  if (extra.length || !iso.aspects.includes("net"))
    out.push({
      kind: "isolation",
      text: iso.aspects.includes("net")
        ? `isolates ${extra.join(" ")}`
        : `host network · isolates ${extra.join(" ")}`,
    });
  if (hasLimits(iso.limits))
    out.push({
      kind: "limits",
      text: LIMIT_KINDS.flatMap((k) => (iso.limits[k] ? [`${k} ${iso.limits[k]?.text}`] : [])).join(" "),
    });
  if (iso.services.length)
    out.push({ kind: "services", text: `▶ ${iso.services.map((s) => s.name).join(" ")}` });
  return out;
}

function filterBadge(node: Node): string {
  const f = node.filter;
  if (!f) return "";
  return f.rules.some(isNat) ? "filter · nat" : "filter";
}

function isNat(rule: Rule): boolean {
  switch (rule.kind) {
    case "filter":
      return false;
    case "masquerade":
    case "snat":
    case "dnat":
      return true;
    default:
      return assertNever(rule);
  }
}

function nodeVertex(node: Node, id: string, live: Live | undefined): PictureVertex {
  const state = live?.nodes.get(node.name);
  return {
    id,
    kind: "node",
    name: node.name,
    badges: badgesOf(node),
    ports: node.ifaces.map((i) => ({ name: i.name, addresses: i.addresses.map((a) => a.cidr) })),
    details: [
      ...nodeDetails(node),
      ...(state?.drift.length ? ["drift:", ...state.drift.map((d) => `  ${d}`)] : []),
    ],
    // A node the live state does not mention is not known to be gone.
    state: !live ? "planned" : state?.present === false ? "missing" : state?.drift.length ? "drift" : "up",
  };
}

function nodeDetails(node: Node): string[] {
  const iso = node.isolation;
  const f = node.filter;
  return [
    `isolates ${iso.aspects.join(" ")}`,
    ...node.ifaces.map(ifaceLine),
    ...node.routes.map(
      (r) =>
        `route ${r.destination.prefix === 0 ? "default" : r.destination.cidr}${r.via ? ` via ${r.via.text}` : ""}${r.dev ? ` dev ${r.dev}` : ""}`,
    ),
    ...node.sysctls.map((s) => `sysctl ${s.key} ${s.value}`),
    ...(f
      ? [
          `filter: ${counted(f.rules.length, "rule")}${f.policies.length ? `, ${f.policies.map((p) => `${p.chain} policy ${p.verdict}`).join(", ")}` : ""}`,
        ]
      : []),
    ...(iso.hostname !== undefined ? [`hostname ${iso.hostname}`] : []),
    ...(iso.root ? [`root ${iso.root.dir}`] : []),
    ...iso.mounts.map(mountLine),
    ...LIMIT_KINDS.flatMap((k) => (iso.limits[k] ? [`limit ${k} ${iso.limits[k]?.text}`] : [])),
    ...iso.services.map((s) => `run ${s.name}: ${s.command}`),
  ];
}

function mountLine(m: Mount): string {
  switch (m.kind) {
    case "tmpfs":
      return `mount tmpfs ${m.target}${m.size ? ` size ${m.size}` : ""}`;
    case "bind":
      return `bind ${m.source} ${m.target}${m.readonly ? " ro" : ""}`;
    default:
      return assertNever(m);
  }
}

function ifaceLine(i: Iface): string {
  const extra = [...(i.mtu ? [`mtu ${i.mtu}`] : []), ...(i.mac ? [`mac ${i.mac}`] : [])];
  return [i.name, ...i.addresses.map((a) => a.cidr), ...extra].join(" ");
}

/** For a live picture, what is not as planned, in a few words: `1 node missing, 2 links down`. */
export function liveProblems(p: Picture): string[] {
  const vertices = verticesOf(p);
  const missing = vertices.filter((v) => v.state === "missing").length;
  const down = p.edges.filter((e) => e.state === "down" || e.state === "missing").length;
  const drifted = vertices.some((v) => v.state === "drift") || p.drift.length > 0;
  return [
    ...(missing ? [`${counted(missing, "node")} missing`] : []),
    ...(down ? [`${counted(down, "link")} down`] : []),
    ...(drifted ? ["drift"] : []),
  ];
}

/** Vertices of every machine, in drawing order. */
export function verticesOf(p: Picture): PictureVertex[] {
  const seen = new Set<string>();
  return p.machines.flatMap((m) => m.vertices).filter((v) => !seen.has(v.id) && seen.add(v.id) !== undefined);
}
