// `opentop import mininet TOPO`: Mininet's built-in topologies, as `mn --topo` spells them —
// `minimal`, `single,N`, `reversed,N`, `linear,K[,N]`, `tree,DEPTH[,FANOUT]` (or
// `tree,depth=D,fanout=F`) — with Mininet's names and addresses (h1 … as 10.0.0.1/8 …).
// Mininet's switches learn addresses and forward between each other, so all hosts share
// one layer-2 segment; OpenTop cannot link two switches (a link joins a node to a switch),
// so a topology of several switches becomes one switch, reported (OT9021), and the layout
// of Mininet's switches is kept as comments.

import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import { emptyDraft, type Imported, ifaceOf, nodeOf } from "./draft.js";

interface Shape {
  /** Switch names, and for each the hosts on it, in Mininet's order. */
  readonly switches: readonly { readonly name: string; readonly hosts: readonly string[] }[];
  /** Switch-to-switch links, as comments. */
  readonly trunks: readonly string[];
}

const HELP = "give `minimal`, `single,N`, `reversed,N`, `linear,K[,N]` or `tree,DEPTH[,FANOUT]`";
/** As many hosts as one switch's bridge takes (its port limit, OT1018). */
const MAX_HOSTS = 1000;

function bad(spec: string, why: string): Imported {
  return { diagnostics: [diag("OT9022", `\`${spec}\` is not a Mininet topology: ${why}`, { help: HELP })] };
}

/** `name,a,b` or `name,key=a,key=b`: the arguments by position or by Mininet's keyword. */
function args(parts: readonly string[], keys: readonly string[]): Map<string, number> | string {
  const out = new Map<string, number>();
  for (const [i, part] of parts.entries()) {
    const eq = part.indexOf("=");
    const key = eq >= 0 ? part.slice(0, eq) : keys[i];
    const value = Number(eq >= 0 ? part.slice(eq + 1) : part);
    if (key === undefined || !keys.includes(key)) return `unknown argument \`${part}\``;
    if (!Number.isInteger(value) || value < 1) return `\`${part}\` is not a positive integer`;
    out.set(key, value);
  }
  return out;
}

function single(n: number): Shape {
  return { switches: [{ name: "s1", hosts: Array.from({ length: n }, (_, i) => `h${i + 1}`) }], trunks: [] };
}

function linear(k: number, n: number): Shape {
  const switches = Array.from({ length: k }, (_, i) => ({
    name: `s${i + 1}`,
    // Mininet's names: h1, h2 … with one host a switch, else h{host}s{switch}.
    hosts: Array.from({ length: n }, (_, j) => (n === 1 ? `h${i + 1}` : `h${j + 1}s${i + 1}`)),
  }));
  const trunks = switches.slice(1).map((s, i) => `s${i + 1} — ${s.name}`);
  return { switches, trunks };
}

/** Mininet's TreeTopo: switches numbered depth-first, hosts at the leaves in order. */
function tree(depth: number, fanout: number): Shape {
  const switches: { name: string; hosts: string[] }[] = [];
  const trunks: string[] = [];
  let hostNum = 1;
  let switchNum = 1;
  const add = (level: number): string => {
    const name = `s${switchNum++}`;
    const sw = { name, hosts: [] as string[] };
    switches.push(sw);
    for (let i = 0; i < fanout; i++) {
      if (level === 1) sw.hosts.push(`h${hostNum++}`);
      else trunks.push(`${name} — ${add(level - 1)}`);
    }
    return name;
  };
  add(depth);
  return { switches, trunks };
}

/** Refused before anything is built: `tree,30,30` would be 30³⁰ hosts. */
function tooMany(hosts: number): string | undefined {
  return hosts > MAX_HOSTS ? `${hosts} hosts; one switch takes at most ${MAX_HOSTS}` : undefined;
}

/** The arguments by name, defaults filled in, or why they are wrong. */
function take(
  parts: readonly string[],
  keys: readonly string[],
  defaults: readonly number[],
): number[] | string {
  const given = args(parts, keys);
  if (typeof given === "string") return given;
  return keys.map((k, i) => given.get(k) ?? (defaults[i] as number));
}

function shapeOf(spec: string): Shape | string {
  const [name = "", ...rest] = spec.split(",").map((p) => p.trim());
  switch (name) {
    case "minimal":
      return rest.length ? "minimal takes no arguments" : single(2);
    case "single":
    case "reversed": {
      const v = take(rest, ["k"], [2]);
      return typeof v === "string" ? v : (tooMany(v[0] as number) ?? single(v[0] as number));
    }
    case "linear": {
      const v = take(rest, ["k", "n"], [2, 1]);
      return typeof v === "string"
        ? v
        : (tooMany((v[0] as number) * (v[1] as number)) ?? linear(v[0] as number, v[1] as number));
    }
    case "tree": {
      const v = take(rest, ["depth", "fanout"], [1, 2]);
      if (typeof v !== "string" && (v[0] as number) > 32) return "a tree deeper than 32 switches";
      return typeof v === "string"
        ? v
        : (tooMany((v[1] as number) ** (v[0] as number)) ?? tree(v[0] as number, v[1] as number));
    }
    default:
      return `unknown topology \`${name}\``;
  }
}

export function fromMininet(spec: string, labName?: string): Imported {
  const shape = shapeOf(spec);
  if (typeof shape === "string") return bad(spec, shape);
  const hosts = shape.switches.flatMap((s) => s.hosts);
  const lab = labName ?? `mn-${spec.replace(/[^A-Za-z0-9]+/g, "-")}`.replace(/-+$/, "").slice(0, 32);
  const draft = emptyDraft(lab, [`Mininet's \`--topo ${spec}\`, imported by \`opentop import\`.`]);
  const diagnostics: Diagnostic[] = [];
  const segment = shape.switches.length === 1 ? (shape.switches[0]?.name ?? "s1") : "s";
  draft.switches.push({
    name: segment,
    comments:
      shape.switches.length === 1
        ? []
        : [
            `Mininet's ${shape.switches.length} switches, one segment here (OpenTop links no switch to a switch):`,
            ...shape.switches.map((s) => `  ${s.name}: ${s.hosts.join(" ") || "no hosts"}`),
            `  links between them: ${shape.trunks.join(", ")}`,
          ],
  });
  if (shape.switches.length > 1)
    diagnostics.push(
      diag("OT9021", `Mininet's ${shape.switches.length} switches become one switch, \`${segment}\``, {
        notes: [
          "every host reaches every other, as in Mininet; the paths between Mininet's switches (and their links' limits) are not reproduced",
        ],
        help: "to reproduce the switches' layout, join switches through nodes that route between them",
      }),
    );
  hosts.forEach((h, i) => {
    const iface = ifaceOf(nodeOf(draft, h), "eth0");
    iface.target = segment;
    iface.addresses.push(`10.${(i + 1) >> 16}.${((i + 1) >> 8) & 255}.${(i + 1) & 255}/8`);
  });
  return { draft, diagnostics };
}
