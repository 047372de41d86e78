// The labs the benchmarks build, each at any size: the OpenTop source a person would write
// for it (ranges and loops), and the same lab as the kernel objects it is made of (`Topo`),
// from which the hand-written `ip -batch` script, the raw-netlink floor's input and
// Mininet's topology are generated. The smoke run checks that OpenTop's plan makes the same
// number of each kind of object as the `Topo` says.

/** A lab as kernel objects, in the order they are made. */
export interface Topo {
  readonly shape: ShapeName;
  readonly n: number;
  readonly lab: string;
  /** Node namespaces (`LAB.NODE`), and the switches' namespace (`LAB`) when there are switches. */
  readonly nodes: readonly string[];
  readonly hub?: string;
  readonly bridges: readonly string[];
  /** Each pair created from `ns` (the hub for a switch port, the host otherwise). */
  readonly veths: readonly Veth[];
  readonly addrs: readonly { node: string; dev: string; cidr: string }[];
  readonly routes: readonly { node: string; prefix: string; via: string }[];
  /** Nodes that forward (IPv4, and IPv6 when the lab has it). */
  readonly routers: readonly string[];
  /** Nodes with a packet filter: the nft ruleset each loads. */
  readonly filters: readonly { node: string; ruleset: string }[];
  /** The lab declares IPv6: interfaces keep their link-local addresses. */
  readonly ipv6: boolean;
  readonly source: string;
}

export interface Veth {
  /** A switch port (in the hub, joining `bridge`), or a pair between two nodes. */
  readonly a: { node: string | null; dev: string; index?: number; bridge?: string };
  readonly b: { node: string; dev: string };
}

export const SHAPES = ["star", "star6", "chain", "tree", "fabric", "filtered"] as const;
export type ShapeName = (typeof SHAPES)[number];

/** What a shape is, for people. */
export const DESCRIPTION: { readonly [S in ShapeName]: string } = {
  star: "N hosts on one switch (IPv4)",
  star6: "N hosts on one switch, dual stack",
  chain: "a chain of N routers (/31 links, forwarding, two routes each)",
  tree: "a router and N/100 switches of 100 hosts each",
  fabric: "leaf-spine: 4 spines, (N-4)/2 leaves each with a host behind it",
  filtered: "N hosts on one switch, each with a packet filter (nft)",
};

/** The largest N a shape takes (a Linux bridge has at most 1023 ports). */
export const MAX_N: { readonly [S in ShapeName]: number } = {
  star: 1023,
  star6: 1023,
  chain: 100_000,
  tree: 100_000,
  fabric: 100_000,
  filtered: 1023,
};

/** The k-th /31 of 10.252.0.0/14 (k from 0), its address `end` (0 or 1), without its length. */
function slash31(k: number, end: 0 | 1): string {
  const n = 2 * k + end;
  if (n >= 2 ** 18) throw new Error("more /31 links than 10.252.0.0/14 holds");
  return `10.${252 + Math.floor(n / 65536)}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/** Address `host` of the `s`-th /20 of 10.0.0.0/8 (a tree's switch `s`), without its length. */
function slash20(s: number, host: number): string {
  const n = s * 4096 + host;
  return `10.${Math.floor(n / 65536)}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

class Builder {
  readonly nodes: string[] = [];
  readonly bridges: string[] = [];
  readonly veths: Veth[] = [];
  readonly addrs: { node: string; dev: string; cidr: string }[] = [];
  readonly routes: { node: string; prefix: string; via: string }[] = [];
  readonly routers: string[] = [];
  readonly filters: { node: string; ruleset: string }[] = [];
  private ports = 0;
  constructor(readonly lab: string) {}
  node(name: string): string {
    this.nodes.push(name);
    return name;
  }
  port(bridge: string, node: string, dev: string, cidrs: string[]): void {
    const name = `${node}.${dev}`.length <= 15 ? `${node}.${dev}` : `p.${this.ports + 1}`;
    this.veths.push({ a: { node: null, dev: name, index: 1000 + ++this.ports, bridge }, b: { node, dev } });
    for (const cidr of cidrs) this.addrs.push({ node, dev, cidr });
  }
  pair(a: string, aDev: string, aCidr: string, b: string, bDev: string, bCidr: string): void {
    this.veths.push({ a: { node: a, dev: aDev, index: 1000 + ++this.ports }, b: { node: b, dev: bDev } });
    this.addrs.push({ node: a, dev: aDev, cidr: aCidr }, { node: b, dev: bDev, cidr: bCidr });
  }
  topo(shape: ShapeName, n: number, ipv6: boolean, source: string): Topo {
    return {
      shape,
      n,
      lab: this.lab,
      nodes: this.nodes,
      ...(this.bridges.length ? { hub: this.lab } : {}),
      bridges: this.bridges,
      veths: this.veths,
      addrs: this.addrs,
      routes: this.routes,
      routers: this.routers,
      filters: this.filters,
      ipv6,
      source,
    };
  }
}

const RULESET = `table inet opentop {
\tchain input {
\t\ttype filter hook input priority filter; policy drop;
\t\tct state related,established accept comment "input accept established"
\t\tmeta l4proto icmp accept comment "input accept icmp"
\t\ttcp dport 22 accept comment "input accept tcp dport 22"
\t}
}
`;

function star(lab: string, n: number, shape: "star" | "star6" | "filtered"): Topo {
  const b = new Builder(lab);
  b.bridges.push("sw");
  const six = shape === "star6";
  for (let i = 1; i <= n; i++) {
    const h = b.node(`h${i}`);
    const v4 = `10.0.${Math.floor(i / 256)}.${i % 256}/16`;
    b.port("sw", h, "eth0", six ? [v4, `fd00::${i.toString(16)}/64`] : [v4]);
    if (shape === "filtered") b.filters.push({ node: h, ruleset: RULESET });
  }
  const lines = [
    `lab ${lab}`,
    "switch sw",
    `node h[1..${n}] {`,
    `  eth0 -> sw 10.0.{i / 256}.{i % 256}/16${six ? " fd00::{hex(i)}/64" : ""}`,
    ...(shape === "filtered"
      ? [
          "  filter { input policy drop; input accept established; input accept icmp; input accept tcp dport 22 }",
        ]
      : []),
    "}",
  ];
  return b.topo(shape, n, six, `${lines.join("\n")}\n`);
}

function chain(lab: string, n: number): Topo {
  const b = new Builder(lab);
  for (let k = 1; k <= n; k++) b.routers.push(b.node(`r${k}`));
  for (let k = 1; k < n; k++)
    b.pair(`r${k}`, "right", `${slash31(k, 0)}/31`, `r${k + 1}`, "left", `${slash31(k, 1)}/31`);
  for (let k = 1; k <= n; k++) {
    if (k > 1) b.routes.push({ node: `r${k}`, prefix: "10.1.0.0/24", via: slash31(k - 1, 0) });
    if (k < n) b.routes.push({ node: `r${k}`, prefix: "10.2.0.0/24", via: slash31(k, 1) });
  }
  const source = `lab ${lab}
param n = ${n}
param hops = 10.252.0.0/14
for k in 1..{n} {
  node r{k} {
    forward
    if k > 1 { route 10.1.0.0/24 via {ip(net(hops, 31, k - 1), 0)} }
    if k < n { route 10.2.0.0/24 via {ip(net(hops, 31, k), 1)} }
  }
}
for k in 1..{n - 1} {
  let p = net(hops, 31, k)
  link r{k}.right {host(p, 0)} -- r{k + 1}.left {host(p, 1)}
}
`;
  return b.topo("chain", n, false, source);
}

function tree(lab: string, n: number): Topo {
  const b = new Builder(lab);
  const per = 100;
  const switches = Math.max(1, Math.ceil(n / per));
  if (switches >= 4096) throw new Error("more switches than 10.0.0.0/8 holds /20s");
  const core = b.node("core");
  b.routers.push(core);
  for (let s = 1; s <= switches; s++) {
    b.bridges.push(`s${s}`);
    b.port(`s${s}`, core, `e${s}`, [`${slash20(s, 1)}/20`]);
  }
  const last = n - (switches - 1) * per;
  for (let s = 1; s <= switches; s++)
    for (let i = 1; i <= (s < switches ? per : last); i++) {
      const h = b.node(`h${s}x${i}`);
      b.port(`s${s}`, h, "eth0", [`${slash20(s, i + 1)}/20`]);
      b.routes.push({ node: h, prefix: "0.0.0.0/0", via: slash20(s, 1) });
    }
  const hosts = (count: number) =>
    `node h{s}x[1..${count}] { eth0 -> s{s} {host(net(lans, 20, s), i + 1)}; route default via {ip(net(lans, 20, s), 1)} }`;
  const source = `lab ${lab}
param lans = 10.0.0.0/8
node core { forward }
for s in 1..${switches} {
  switch s{s}
  node core { e{s} -> s{s} {host(net(lans, 20, s), 1)} }
  if s < ${switches} { ${hosts(per)} } else { ${hosts(last)} }
}
`;
  return b.topo("tree", n, false, source);
}

function fabric(lab: string, n: number): Topo {
  const b = new Builder(lab);
  const spines = 4;
  const leaves = Math.max(1, Math.floor((n - spines) / 2));
  const lan = (l: number, host: number) => `10.${128 + Math.floor(l / 256)}.${l % 256}.${host}`;
  for (let s = 1; s <= spines; s++) b.routers.push(b.node(`s${s}`));
  for (let l = 1; l <= leaves; l++) {
    b.routers.push(b.node(`l${l}`));
    b.node(`h${l}`);
  }
  for (let l = 1; l <= leaves; l++) {
    for (let s = 1; s <= spines; s++) {
      const k = (l - 1) * spines + s - 1;
      b.pair(`l${l}`, `s${s}`, `${slash31(k, 0)}/31`, `s${s}`, `l${l}`, `${slash31(k, 1)}/31`);
      b.routes.push({ node: `s${s}`, prefix: `${lan(l, 0)}/24`, via: slash31(k, 0) });
    }
    b.pair(`l${l}`, "lan", `${lan(l, 1)}/24`, `h${l}`, "eth0", `${lan(l, 10)}/24`);
    b.routes.push({ node: `l${l}`, prefix: "0.0.0.0/0", via: slash31((l - 1) * spines, 1) });
    b.routes.push({ node: `h${l}`, prefix: "0.0.0.0/0", via: lan(l, 1) });
  }
  const source = `lab ${lab}
param spines = ${spines}
param leaves = ${leaves}
param core = 10.252.0.0/14
param lans = 10.128.0.0/9
node s[1..{spines}] {
  forward
  for l in 1..{leaves} { route {net(lans, 24, l)} via {ip(net(core, 31, (l - 1) * spines + i - 1), 0)} }
}
for l in 1..{leaves} {
  node l{l} { forward; route default via {ip(net(core, 31, (l - 1) * spines), 1)} }
  for s in 1..{spines} {
    let k = (l - 1) * spines + s - 1
    link l{l}.s{s} {host(net(core, 31, k), 0)} -- s{s}.l{l} {host(net(core, 31, k), 1)}
  }
  node h{l} { route default via {ip(net(lans, 24, l), 1)} }
  link l{l}.lan {host(net(lans, 24, l), 1)} -- h{l}.eth0 {host(net(lans, 24, l), 10)}
}
`;
  return b.topo("fabric", n, false, source);
}

/** The lab of `shape` with about `n` nodes, named `lab`. */
export function shapeOf(shape: ShapeName, n: number, lab: string): Topo {
  switch (shape) {
    case "star":
    case "star6":
    case "filtered":
      return star(lab, n, shape);
    case "chain":
      return chain(lab, n);
    case "tree":
      return tree(lab, n);
    case "fabric":
      return fabric(lab, n);
  }
}

/** How many objects of each kind the lab has, to compare with OpenTop's plan. */
export function counts(t: Topo): Record<string, number> {
  return {
    namespaces: t.nodes.length + (t.hub ? 1 : 0),
    bridges: t.bridges.length,
    veths: t.veths.length,
    addresses: t.addrs.length,
    routes: t.routes.length,
    filters: t.filters.length,
  };
}
