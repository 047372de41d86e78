// Live state of a lab, read from the kernel (`ip -j`), compared with what its plan leaves
// there (the facts of its operations, src/plan/expected.ts): every missing, extra or
// changed object is reported as drift.

import { routeMetric } from "../model/routes.js";
import { inNetns } from "../plan/enter.js";
import { expectedFacts, expectedNetwork, type NsExpected, routeText } from "../plan/expected.js";
import { type FactKind, factsFor } from "../plan/facts.js";
import type { Owned } from "../plan/owned.js";
import { type LabRecord, namespaceNodes, recordHostIfaces, recordNamespaces } from "../plan/record.js";
import type { Drift } from "./drift.js";
import { type FilterStatus, filterStatus } from "./filter-status.js";
import { isolationLeft, isolationStatus, type NodeIsolationStatus } from "./isolation.js";
import { ipJson, netnsLive, routePrefix } from "./kernel.js";
import { byInterrupt, type ProcResult } from "./proc.js";
import { readShaping, type ShapedIface, shapingStatus } from "./shaping-status.js";
import { type Job, runJobs } from "./workers.js";

export { routeText } from "../plan/expected.js";
export type { Drift } from "./drift.js";

export interface LiveIface {
  readonly name: string;
  readonly up: boolean;
  readonly operstate: string;
  readonly mtu: number;
  readonly mac: string;
  readonly master?: string;
  /** The kind of its root qdisc (`noqueue`, `tbf`, …). */
  readonly qdisc: string;
  readonly addresses: readonly string[];
}

export interface LiveRoute {
  readonly destination: string;
  /**
   * Its gateway: an address, or for one of the other family (an IPv4 route through an IPv6
   * neighbour, `via inet6`, which only a hand can make) the family and address as ip prints
   * them, `inet6 fe80::1`.
   */
  readonly via?: string;
  readonly dev?: string;
  readonly metric?: number;
  readonly protocol: string;
  /** A multipath route's paths. */
  readonly nexthops?: readonly { readonly via?: string; readonly dev: string; readonly weight: number }[];
}

export interface LiveNamespace {
  /** The node's name, or null for the switches' namespace or the host. */
  readonly node: string | null;
  readonly ns: string | null;
  readonly present: boolean;
  /** Why it could not be read, when it could not (it is there, its contents unknown). */
  readonly unread?: string;
  readonly ifaces: readonly LiveIface[];
  readonly routes: readonly LiveRoute[];
}

export interface Status {
  readonly record: LabRecord;
  readonly namespaces: readonly LiveNamespace[];
  /** The filters of the lab's nodes (and its table on the host), with counters. */
  readonly filters: readonly FilterStatus[];
  readonly drift: readonly Drift[];
  /** Nodes that isolate more than their network or run services: their inits and services. */
  readonly nodes: readonly NodeIsolationStatus[];
  /** The shaped interfaces, with their live qdiscs. */
  readonly shaping: readonly ShapedIface[];
}

export interface IpAddrJson {
  ifname: string;
  flags?: string[];
  operstate?: string;
  mtu?: number;
  address?: string;
  master?: string;
  qdisc?: string;
  addr_info?: { family: string; local: string; prefixlen: number; scope: string }[];
}

/** A gateway as `ip -j` prints it: `gateway` of the route's family, `via` of the other. */
interface IpGatewayJson {
  gateway?: string;
  via?: { family: string; host: string };
}

interface IpRouteJson extends IpGatewayJson {
  dst: string;
  dev?: string;
  metric?: number;
  protocol?: string;
  type?: string;
  table?: string;
  pref?: string;
  nexthops?: (IpGatewayJson & { dev?: string; weight?: number })[];
}

/** A route's (or a path's) gateway as LiveRoute names it, if it has one. */
function gatewayOf(g: IpGatewayJson): { via?: string } {
  if (g.gateway) return { via: g.gateway };
  return g.via ? { via: `${g.via.family} ${g.via.host}` } : {};
}

/** `ip -j -batch` prints one JSON document per command, each on its own line. */
function jsonLines<T>(r: ProcResult): T[][] {
  const docs = ipJson<T>(r.stdout);
  if (docs === undefined) throw new Error(`\`${r.argv.join(" ")}\` printed something that is not JSON`);
  return docs;
}

const counting = new Intl.Collator("en", { numeric: true });
/** Names in counting order; names it counts alike (`br0`, `br00`) by their characters. */
function byCount(a: string, b: string): number {
  return counting.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Interfaces in the order people count them (`h2` before `h10`), loopback first and each
 * bridge followed by its ports: the kernel lists them by index, and the indexes OpenTop
 * gives are derived from names, so its order is no order (a 1,000-port switch listed its
 * ports shuffled).
 */
export function ifaceOrder(a: IpAddrJson, b: IpAddrJson): number {
  return (
    Number(b.ifname === "lo") - Number(a.ifname === "lo") ||
    byCount(a.master ?? a.ifname, b.master ?? b.ifname) ||
    Number(a.master !== undefined) - Number(b.master !== undefined) ||
    byCount(a.ifname, b.ifname)
  );
}

function liveIfaces(addrs: IpAddrJson[]): LiveIface[] {
  return [...addrs].sort(ifaceOrder).map((a) => ({
    name: a.ifname,
    up: (a.flags ?? []).includes("UP"),
    operstate: a.operstate ?? "UNKNOWN",
    mtu: a.mtu ?? 0,
    mac: a.address ?? "",
    ...(a.master ? { master: a.master } : {}),
    qdisc: a.qdisc ?? "",
    // The lab's addresses are of global scope, on lo too; 127.0.0.1 and ::1 are not.
    addresses: (a.addr_info ?? [])
      .filter((i) => i.scope === "global")
      .map((i) => `${i.local}/${i.prefixlen}`),
  }));
}

/**
 * A route's family, which `ip -j` does not print: its destination's, else its gateway's (a
 * `via` is of the other family), else (a default route out of an interface, or through an
 * IPv6 neighbour) whether it has a preference, which the kernel gives every IPv6 route and
 * no IPv4 one.
 */
function familyOf(r: IpRouteJson): 4 | 6 {
  const words = [r.dst, r.gateway, ...(r.nexthops ?? []).map((h) => h.gateway)];
  for (const w of words) {
    if (w?.includes(":")) return 6;
    if (w?.includes(".")) return 4;
  }
  return r.pref !== undefined ? 6 : 4;
}

function liveRoutes(routes: IpRouteJson[], family: 4 | 6): LiveRoute[] {
  return routes
    .filter((r) => (r.type ?? "unicast") === "unicast" && familyOf(r) === family)
    .map((r) => ({
      destination: routePrefix(r.dst, family),
      ...gatewayOf(r),
      ...(r.dev ? { dev: r.dev } : {}),
      ...(r.metric !== undefined ? { metric: r.metric } : {}),
      protocol: r.protocol ?? "boot",
      ...(r.nexthops
        ? {
            nexthops: r.nexthops.map((h) => ({
              ...gatewayOf(h),
              dev: h.dev ?? "",
              weight: h.weight ?? 1,
            })),
          }
        : {}),
    }));
}

/**
 * What one `ip` reads in a namespace: its interfaces with their addresses, and its routes of
 * every table and both families (`-batch` takes no family per line, and a second process
 * would cost as much again); those of the main table are kept.
 */
const NETWORK_READ = "addr show\nroute show table all\n";

/** The read of a namespace (null: the host) that `liveNamespace` makes sense of. */
export function networkRead(ns: string | null): Job {
  return { argv: inNetns(ns, ["ip", "-j", "-batch", "-"]), stdin: NETWORK_READ, tools: true };
}

function liveNamespace(ns: string | null, node: string | null, r: ProcResult | undefined): LiveNamespace {
  if (r === undefined) return { node, ns, present: false, ifaces: [], routes: [] };
  if (r.code !== 0 && ns !== null) {
    // It was there when the read started: gone since, or the read itself failed (an
    // interrupt killed it in every try, `nsenter` refused), which is not the same thing.
    if (!netnsLive(ns)) return { node, ns, present: false, ifaces: [], routes: [] };
    return { node, ns, present: true, unread: readFailure(r), ifaces: [], routes: [] };
  }
  const [addrs = [], routes = []] = jsonLines<IpAddrJson & IpRouteJson>(r);
  const main = routes.filter((x) => x.table === undefined || x.table === "main");
  return {
    node,
    ns,
    present: true,
    ifaces: liveIfaces(addrs),
    routes: [...liveRoutes(main, 4), ...liveRoutes(main, 6)],
  };
}

/** Why a read gave nothing: the tool's first words, or the interrupt that ended it. */
function readFailure(r: ProcResult): string {
  if (byInterrupt(r)) return "interrupted";
  const first = r.stderr.trim().split("\n")[0];
  return first ? first : `\`${r.argv[0]}\` exited with status ${r.code}`;
}

/** The namespaces' live state: one process each, run by a few shells. */
async function readNamespaces(
  targets: readonly { ns: string | null; node: string | null }[],
  concurrency: number,
): Promise<LiveNamespace[]> {
  const here = targets.filter((t) => t.ns === null || netnsLive(t.ns));
  const read = await runJobs(
    here.map((t) => networkRead(t.ns)),
    { concurrency },
  );
  const live = new Map(here.map((t, i) => [t, liveNamespace(t.ns, t.node, read[i])]));
  return targets.map((t) => live.get(t) ?? liveNamespace(t.ns, t.node, undefined));
}

function canonical(cidr: string): string {
  return cidr.toLowerCase();
}

/**
 * Which part of `status` compares each kind of fact with the kernel: a new kind of fact does
 * not compile until one does (the script's status answers the same question for itself).
 */
export const SECTION = {
  link: "network",
  addr: "network",
  route: "network",
  qdisc: "shaping",
  "nft-table": "filters",
  iptables: "filters",
  mount: "isolation",
  cgroup: "isolation",
  process: "isolation",
} as const satisfies { readonly [K in FactKind]: "network" | "shaping" | "filters" | "isolation" };

/** The interfaces of a namespace as the plan made them, with their addresses. */
function compareIfaces(live: LiveNamespace, expected: NsExpected, hostOnly: Set<string> | null): Drift[] {
  const drift: Drift[] = [];
  const where = live.ns;
  const byName = new Map(live.ifaces.map((i) => [i.name, i]));
  const names = new Set([...expected.links.keys(), ...expected.addrs.keys()]);
  for (const name of names) {
    const want = expected.links.get(name);
    const got = byName.get(name);
    if (!got) {
      drift.push({ ns: where, kind: "missing", what: `interface ${name}` });
      continue;
    }
    const changed = (what: string) =>
      drift.push({ ns: where, kind: "changed", what: `interface ${name} ${what}` });
    if (want?.up && !got.up) changed("is down");
    if (want?.mtu !== undefined && got.mtu !== want.mtu) changed(`has MTU ${got.mtu}, not ${want.mtu}`);
    if (want?.mac !== undefined && got.mac !== want.mac) changed(`has MAC ${got.mac}, not ${want.mac}`);
    if (want?.master !== undefined && got.master !== want.master)
      drift.push({ ns: where, kind: "changed", what: `port ${name} is not in bridge ${want.master}` });
    const wanted = expected.addrs.get(name) ?? new Set<string>();
    const have = new Set(got.addresses.map(canonical));
    for (const a of wanted)
      if (!have.has(a)) drift.push({ ns: where, kind: "missing", what: `address ${a} on ${name}` });
    for (const a of have)
      if (!wanted.has(a) && !(name === "lo" && /^(127\.|::1\/)/.test(a)))
        drift.push({ ns: where, kind: "extra", what: `address ${a} on ${name}` });
  }
  for (const got of live.ifaces) {
    if (hostOnly && !hostOnly.has(got.name)) continue; // on the host, only the lab's interfaces count
    if (!names.has(got.name)) drift.push({ ns: where, kind: "extra", what: `interface ${got.name}` });
  }
  return drift;
}

type WantRoute = NsExpected["routes"][number];

/**
 * Whether a live route is the one the plan made: what the plan says, the rest free — but its
 * gateway, or none: a route declared without one is a device route, and one through a
 * neighbour (made by hand) sends its packets elsewhere.
 */
function sameRoute(want: WantRoute, r: LiveRoute): boolean {
  if (r.destination !== want.destination) return false;
  // `ip -j` gives no metric where it is 0 (IPv4's default; IPv6's is always given).
  if (want.metric !== undefined && (r.metric ?? 0) !== want.metric) return false;
  if (want.nexthops || r.nexthops) {
    const mine = (want.nexthops ?? []).map((h) => `${h.via ?? ""} ${h.dev} ${h.weight}`).sort();
    const theirs = (r.nexthops ?? []).map((h) => `${h.via ?? ""} ${h.dev} ${h.weight}`).sort();
    return mine.join(",") === theirs.join(",");
  }
  return r.via === want.via && (want.dev === undefined || r.dev === want.dev);
}

/**
 * Whether a live route is a route of the plan as the kernel keeps it: its metric too (the
 * kernel's default where the plan gives none).
 */
function exactRoute(want: WantRoute, r: LiveRoute): boolean {
  return sameRoute(want, r) && routeMetric(want) === (r.metric ?? 0);
}

/**
 * A namespace's routes: each the plan made is there, and (in the lab's own) no other. A live
 * route is the plan's routes it is exactly, if any, else those it matches (what the plan
 * says, the rest free): so a route declared without a metric is there at another, but not
 * when that route is another of the plan's, which would hide the first one's loss.
 */
function compareRoutes(live: LiveNamespace, expected: NsExpected): Drift[] {
  const where = live.ns;
  const found = new Set<WantRoute>();
  const extra: Drift[] = [];
  for (const r of live.routes) {
    const exact = expected.routes.filter((w) => exactRoute(w, r));
    const its = exact.length ? exact : expected.routes.filter((w) => sameRoute(w, r));
    for (const w of its) found.add(w);
    if (!its.length && r.protocol !== "kernel" && r.protocol !== "ra")
      extra.push({ ns: where, kind: "extra", what: routeText(r) });
  }
  const missing = expected.routes
    .filter((w) => !found.has(w))
    .map((w): Drift => ({ ns: where, kind: "missing", what: routeText(w) }));
  return [...missing, ...extra];
}

function compare(
  live: LiveNamespace,
  expected: NsExpected | undefined,
  hostOnly: Set<string> | null,
): Drift[] {
  if (!live.present) return [{ ns: live.ns, kind: "missing", what: `namespace ${live.ns}` }];
  if (live.unread !== undefined)
    return [{ ns: live.ns, kind: "changed", what: `namespace ${live.ns} could not be read: ${live.unread}` }];
  if (!expected) return [];
  const drift = compareIfaces(live, expected, hostOnly);
  // On the host, routes are the host's own business (a host link's prefix route included).
  return hostOnly ? drift : [...drift, ...compareRoutes(live, expected)];
}

export async function status(record: LabRecord, concurrency = 8): Promise<Status> {
  const facts = expectedFacts(record.ops.map((r) => r.op));
  const network = expectedNetwork(factsFor(SECTION, facts, "network"));
  const nodes = namespaceNodes(record);
  const targets: { ns: string | null; node: string | null }[] = recordNamespaces(record).map((ns) => ({
    ns,
    node: nodes.get(ns) ?? null,
  }));
  const hostNames = new Set(recordHostIfaces(record).map((h) => h.name));
  if (hostNames.size) targets.push({ ns: null, node: null });
  const [live, qdiscs, filters] = await Promise.all([
    readNamespaces(targets, concurrency),
    readShaping(factsFor(SECTION, facts, "shaping"), concurrency),
    filterStatus(record, factsFor(SECTION, facts, "filters"), concurrency),
  ]);
  const drift: Drift[] = [];
  // Half changed (`applying`): compared with the plan that was up; what only the unfinished
  // change makes is not missing when it is not there, and is named when it is.
  const unfinished = record.state === "applying" ? (record.next?.ops ?? []).map((r) => r.op) : [];
  const netnsOf = (owned: readonly Owned[]) => owned.flatMap((o) => (o.kind === "netns" ? [o.name] : []));
  const changeOnly = new Set(record.state === "applying" ? netnsOf(record.next?.owned ?? []) : []);
  for (const ns of netnsOf(record.owned)) changeOnly.delete(ns);
  for (const l of live) {
    if (l.ns !== null && changeOnly.has(l.ns)) {
      if (l.present)
        drift.push({ ns: l.ns, kind: "extra", what: `namespace ${l.ns} (made by the unfinished change)` });
      continue;
    }
    if (l.ns === null) {
      const hostLive = { ...l, ifaces: l.ifaces.filter((i) => hostNames.has(i.name)) };
      drift.push(...compare(hostLive, network.get(null), hostNames));
    } else drift.push(...compare(l, network.get(l.ns), null));
  }
  const shown = live
    .filter((l) => l.present || l.ns === null || !changeOnly.has(l.ns))
    .map((l) =>
      l.ns === null ? { ...l, ifaces: l.ifaces.filter((i) => hostNames.has(i.name)), routes: [] } : l,
    );
  const roots = new Map(
    shown.map(
      (l) => [l.ns, new Map(l.ifaces.filter((i) => i.name !== "lo").map((i) => [i.name, i.qdisc]))] as const,
    ),
  );
  const shaping = shapingStatus(factsFor(SECTION, facts, "shaping"), qdiscs, roots);
  drift.push(...shaping.drift);
  for (const f of filters) drift.push(...f.drift);
  const isolation = isolationStatus(record, factsFor(SECTION, facts, "isolation"));
  drift.push(...isolation.drift);
  drift.push(
    ...isolationLeft(
      unfinished,
      record.ops.map((r) => r.op),
    ).map((d) => ({ ...d, what: `${d.what} (made by the unfinished change)` })),
  );
  return {
    record,
    namespaces: shown,
    filters,
    drift: dedupe(drift),
    nodes: isolation.nodes,
    shaping: shaping.shaped,
  };
}

function dedupe(drift: Drift[]): Drift[] {
  const seen = new Set<string>();
  return drift.filter((d) => {
    const key = `${d.ns}|${d.kind}|${d.what}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
