// Tunnels: a layer-2 domain whose interfaces are on several machines — a point-to-point link
// between two, a switch with ports on many — is carried between them by VXLAN. Each such
// domain gets one tunnel: a VNI allocated here, deterministically, so that every machine's
// plan agrees without talking; the underlay family its machines share (OT2062); and an MTU
// that fits in the underlay's after the tunnel's own headers (OT2063). What each domain is,
// the link kinds say (`domain`, src/model/links/); which machine a node is on, machines.ts.

import { createHash } from "node:crypto";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/source.js";
import type { Decls, PropDecl } from "./expand.js";
import { type Domain, domainOf, endsOf, type Link } from "./links/index.js";
import type { Machine, Placement } from "./machines.js";
import type { IfaceState, Scope } from "./scope.js";

export interface Tunnel {
  /** The domain it carries, for messages: "switch `lan`". */
  readonly name: string;
  readonly vni: number;
  /** The UDP port every machine of the lab listens on and sends to. */
  readonly port: number;
  readonly family: 4 | 6;
  /** The machines it joins, in the order they are declared. */
  readonly machines: readonly string[];
  /** The largest MTU of an interface it carries. */
  readonly mtu: number;
  /** The largest packet it sends on the underlay: that MTU, a VLAN tag if it carries them, VXLAN's headers. */
  readonly size: number;
  /** Its links, by their index in the lab's. */
  readonly links: readonly number[];
  readonly span: Span;
}

/**
 * What VXLAN adds to a frame of MTU bytes: its Ethernet header (14), VXLAN (8), UDP (8) and
 * the outer IP header (20, or 40 over IPv6).
 */
export const VXLAN_OVERHEAD: { readonly [F in 4 | 6]: number } = { 4: 50, 6: 70 };
/** An 802.1Q tag, inside the tunnel, when it carries tagged frames. */
export const VLAN_TAG = 4;
/** IANA's port for VXLAN (RFC 7348); clouds often filter it, hence `vxlan port`. */
export const DEFAULT_VXLAN_PORT = 4789;
/** VNIs are 24 bits; 0 is not used. */
export const VNI_MAX = 16_777_215;

interface Settings {
  readonly port: number;
  /** The first VNI (`vxlan vni N`), if given. */
  readonly vni?: number;
  readonly vniSpan?: Span;
}

interface Member {
  readonly info: IfaceState;
  readonly machine: string;
}

interface Gathered {
  readonly domain: Domain;
  readonly members: Member[];
  readonly links: number[];
}

/** The lab's tunnels, in the order of their first link; every node is placed already. */
export function placeTunnels(
  scope: Scope,
  placement: Placement,
  links: readonly Link[],
  decls: Decls,
): Tunnel[] {
  const settings = readVxlan(scope.diagnostics, decls.vxlan);
  if (placement.machines.size === 0) return [];
  emptyMachines(scope, placement);
  const domains = gather(scope, placement, links);
  const crossing = domains.filter((g) => machinesOf(placement, g).length > 1);
  const first = settings.vni ?? defaultBase(scope.labName);
  if (settings.vni !== undefined && settings.vni + crossing.length - 1 > VNI_MAX)
    scope.diagnostics.error("OT2064", `the lab's ${crossing.length} tunnels need VNIs past ${VNI_MAX}`, {
      span: settings.vniSpan,
      help: `start them lower: \`vxlan vni ${VNI_MAX - crossing.length + 1}\` at most`,
    });
  const out: Tunnel[] = [];
  crossing.forEach((g, k) => {
    const tunnel = tunnelOf(scope, placement, g, ((first - 1 + k) % VNI_MAX) + 1, settings.port);
    if (tunnel) out.push(tunnel);
  });
  for (const g of domains)
    g.domain.placed?.(machinesOf(placement, g), out.find((t) => t.links[0] === g.links[0])?.vni);
  return out;
}

/**
 * The VNI of a lab's first tunnel when the file gives none: from a hash of the lab's name, so
 * that two labs on the same machines (whose tunnels share each machine's UDP port) seldom
 * collide; a collision is the kernel's refusal at `up`, and `vxlan vni N` chooses others.
 */
function defaultBase(lab: string): number {
  const digest = createHash("sha256").update(`vxlan/${lab}`).digest();
  return (digest.readUInt32BE(0) % VNI_MAX) + 1;
}

/** The domains of the lab's links, each with the interfaces its links create, in link order. */
function gather(scope: Scope, placement: Placement, links: readonly Link[]): Gathered[] {
  const domains = new Map<string, Gathered>();
  links.forEach((link, index) => {
    const domain = domainOf(scope, link, index);
    if (!domain) return;
    const entry = domains.get(domain.key) ?? { domain, members: [], links: [] };
    domains.set(domain.key, entry);
    entry.links.push(index);
    for (const { end, role } of endsOf(link)) {
      const info = scope.iface(end.node, end.iface);
      const machine = placement.placed.get(end.node);
      if (info && machine !== undefined && role === "creates") entry.members.push({ info, machine });
    }
  });
  return [...domains.values()];
}

/** The machines of a domain's interfaces, in the order the machines are declared. */
function machinesOf(placement: Placement, g: Gathered): string[] {
  return [...placement.machines.keys()].filter((name) => g.members.some((m) => m.machine === name));
}

/** One domain's tunnel: its machines' family, its MTU fitted to their underlay. */
function tunnelOf(
  scope: Scope,
  placement: Placement,
  g: Gathered,
  vni: number,
  port: number,
): Tunnel | undefined {
  const names = machinesOf(placement, g);
  const machines = names.flatMap((name) => {
    const m = placement.machines.get(name)?.machine;
    return m ? [m] : [];
  });
  const [a] = machines;
  const b = machines.find((m) => m.family !== a?.family);
  if (!a) return undefined;
  if (b) {
    scope.diagnostics.error("OT2062", `${g.domain.name} joins machines of two underlay families`, {
      span: g.domain.span,
      notes: [
        `machine \`${a.name}\` is reached over IPv${a.family} (${a.address}), \`${b.name}\` over IPv${b.family} (${b.address})`,
      ],
      help: "a tunnel runs over one family: give the machines addresses of one family, or keep the domain on machines of one",
    });
    return undefined;
  }
  const tag = tagged(g);
  const overhead = VXLAN_OVERHEAD[a.family] + (tag ? VLAN_TAG : 0);
  const mtu = fitMtu(scope.diagnostics, g, machines, { bytes: overhead, tag });
  if (mtu === undefined) return undefined;
  return {
    name: g.domain.name,
    vni,
    port,
    family: a.family,
    machines: names,
    mtu,
    size: mtu + overhead,
    links: g.links,
    span: g.domain.span,
  };
}

/** Whether the domain's frames carry VLAN tags: a VLAN-aware switch's, or a parent's of sub-interfaces. */
function tagged(g: Gathered): boolean {
  return !!g.domain.tagged || g.members.some((m) => m.info.users.length > 0);
}

/**
 * The largest MTU the domain's interfaces may have: the smallest underlay's, less the
 * tunnel's headers (`overhead`). Interfaces that set none get it (or the one the other end
 * sets, on a point-to-point link); an interface or a switch that sets a larger one is an
 * error there.
 */
function fitMtu(
  diagnostics: Diagnostics,
  g: Gathered,
  machines: readonly Machine[],
  overhead: { readonly bytes: number; readonly tag: boolean },
): number | undefined {
  const narrowest = machines.reduce((x, y) => (y.mtu < x.mtu ? y : x));
  const limit = narrowest.mtu - overhead.bytes;
  let fits = true;
  const tooLarge = (mtu: number, span: Span | undefined, what: string) => {
    fits = false;
    diagnostics.error("OT2063", `${what} MTU ${mtu} does not fit through the tunnel between machines`, {
      span,
      label: `at most ${limit}`,
      notes: [
        `${g.domain.name} is carried by VXLAN, which adds ${overhead.bytes} bytes${overhead.tag ? " with the VLAN tag of its frames" : ""} over IPv${narrowest.family}; machine \`${narrowest.name}\`'s underlay carries ${narrowest.mtu}`,
      ],
      help: `use an MTU of at most ${limit}, or raise the underlay's (\`mtu\` of the machine) if its network carries more`,
    });
  };
  const domainMtu = g.domain.mtu;
  if (domainMtu?.value !== undefined && domainMtu.value > limit)
    tooLarge(domainMtu.value, domainMtu.span, `${g.domain.name}'s`);
  for (const m of g.members)
    if (m.info.mtu !== undefined && m.info.mtu > limit)
      tooLarge(m.info.mtu, mtuSpan(m.info), `\`${m.info.node.name.text}.${m.info.decl.name.text}\`'s`);
  if (!fits) return undefined;
  if (domainMtu) {
    if (domainMtu.value === undefined) domainMtu.set(limit);
  } else {
    const declared = g.members.find((m) => m.info.mtu !== undefined)?.info.mtu;
    for (const m of g.members) m.info.mtu ??= declared ?? limit;
  }
  const mtus = g.members.map((m) => m.info.mtu ?? domainMtu?.value ?? limit);
  return Math.max(domainMtu?.value ?? limit, ...mtus);
}

function mtuSpan(info: IfaceState): Span | undefined {
  return info.decl.props.find((p) => p.key === "mtu")?.args[0]?.span ?? info.decl.span;
}

/** `vxlan port N vni N`, each at most once. */
function readVxlan(diagnostics: Diagnostics, props: readonly PropDecl[]): Settings {
  let port = DEFAULT_VXLAN_PORT;
  let vni: number | undefined;
  let vniSpan: Span | undefined;
  const seen = new Map<string, Span>();
  for (const p of props) {
    const arg = p.args[0];
    const first = seen.get(p.key);
    if (first) {
      diagnostics.error("OT1082", `\`vxlan ${p.key}\` is given twice`, {
        span: p.keySpan,
        labels: [{ span: first, message: "first given here" }],
        help: "give each of the lab's tunnel settings once",
      });
      continue;
    }
    seen.set(p.key, p.keySpan);
    if (!arg) continue;
    const max = p.key === "port" ? 65535 : VNI_MAX;
    const value = Number(arg.text);
    if (!/^\d{1,8}$/.test(arg.text) || value < 1 || value > max) {
      diagnostics.error(
        p.key === "port" ? "OT2065" : "OT2064",
        `invalid ${p.key === "port" ? "UDP port" : "VNI"} \`${arg.text}\``,
        {
          span: arg.span,
          help: `it is an integer from 1 to ${max}`,
        },
      );
      continue;
    }
    if (p.key === "port") port = value;
    else {
      vni = value;
      vniSpan = arg.span;
    }
  }
  return { port, ...(vni !== undefined ? { vni } : {}), ...(vniSpan ? { vniSpan } : {}) };
}

/**
 * A machine holds at least one node (OT1086). How many it can hold is its kernel's to say:
 * checked against its part when it is brought up (src/runtime/capacity.ts, the script's
 * `capacity`), not a number here.
 */
function emptyMachines(scope: Scope, placement: Placement): void {
  const used = new Set(placement.placed.values());
  for (const [name, { decl }] of placement.machines)
    if (!used.has(name))
      scope.diagnostics.error("OT1086", `machine \`${name}\` holds no node of the lab`, {
        span: decl.name.span,
        help: `place nodes on it (\`node NAME on ${name}\`), or remove it; nothing is brought up there`,
      });
}
