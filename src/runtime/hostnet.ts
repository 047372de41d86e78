// The host's own networks, read before a lab adds addresses on the host's side of a host
// link: a lab never changes where the host's own traffic goes. The rule (docs/reliability.md,
// 8): a host-side prefix may overlap no address and no route of the host, in any table,
// except a default route; and a default route of its family carries only what the host
// sends to the Internet, so the prefix must then be one the Internet does not route — the
// private-use, shared, benchmarking and documentation ranges — unless the link says
// `host-override-default`. The check and the adding run under one lock for the whole
// machine (`withHostLock`), so that two labs never both take a prefix that each saw free.

import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/source.js";
import { type Cidr, contains, network, parseCidr } from "../model/ip.js";
import { claimsOf } from "../plan/ops.js";
import { opsOf, type Plan } from "../plan/plan.js";
import { ipJson, routePrefix } from "./kernel.js";
import { acquireHost } from "./lock.js";
import { type ProcResult, run } from "./proc.js";

interface IpAddr {
  readonly ifname: string;
  readonly addr_info?: readonly { readonly local: string; readonly prefixlen: number }[];
}

interface IpRoute {
  readonly dst: string;
  readonly gateway?: string;
  readonly dev?: string;
  readonly type?: string;
  readonly table?: string;
}

interface HostNet {
  readonly cidr: Cidr;
  readonly what: string;
}

interface HostRoutes {
  /** Addresses and routes other than default routes. */
  readonly nets: HostNet[];
  /** Default routes, by family. */
  readonly defaults: { readonly family: 4 | 6; readonly what: string }[];
}

/**
 * Prefixes the Internet does not route (RFC 6890's not-globally-reachable ranges that a host
 * may use for its own networks): a default route towards the Internet does not carry them.
 * Link-local ranges are not here: a host reaches some of them (a cloud's metadata service)
 * through its default gateway.
 */
export const NOT_GLOBAL: readonly string[] = [
  "10.0.0.0/8", // private use, RFC 1918
  "172.16.0.0/12",
  "192.168.0.0/16",
  "100.64.0.0/10", // shared address space, RFC 6598
  "198.18.0.0/15", // benchmarking, RFC 2544
  "192.0.2.0/24", // documentation, RFC 5737
  "198.51.100.0/24",
  "203.0.113.0/24",
  "fc00::/7", // unique local, RFC 4193
  "2001:2::/48", // benchmarking, RFC 5180
  "2001:db8::/32", // documentation, RFC 3849
  "3fff::/20", // documentation, RFC 9637
];

async function hostNetworks(): Promise<HostRoutes | Diagnostic> {
  const [addrs, routes4, routes6] = await Promise.all([
    run(["ip", "-j", "addr", "show"]),
    run(["ip", "-j", "-4", "route", "show", "table", "all"]),
    run(["ip", "-j", "-6", "route", "show", "table", "all"]),
  ]);
  // Fail closed: without the host's networks, a host link cannot be known to be safe.
  const problem = [addrs, routes4, routes6]
    .map((r) => ({ r, why: unreadable(r) }))
    .find((p) => p.why !== undefined);
  if (problem)
    return diag("OT6004", `could not read the host's networks: ${problem.why}`, {
      notes: [`command: ${problem.r.argv.join(" ")}`],
      help: "a lab with a link to the host is brought up only once its addresses are known not to overlap the host's",
    });
  const out: HostNet[] = [];
  const defaults: HostRoutes["defaults"][number][] = [];
  for (const a of ipJson<IpAddr>(addrs.stdout)?.flat() ?? [])
    for (const i of a.addr_info ?? []) {
      const c = parseCidr(`${i.local}/${i.prefixlen}`);
      if (c.ok) out.push({ cidr: network(c.value), what: `${i.local}/${i.prefixlen} on ${a.ifname}` });
    }
  for (const [family, routes] of [
    [4, routes4],
    [6, routes6],
  ] as const)
    for (const r of ipJson<IpRoute>(routes.stdout)?.flat() ?? []) {
      if (r.type === "local" || r.type === "broadcast" || r.type === "multicast") continue;
      const dst = routePrefix(r.dst, family);
      const c = parseCidr(dst);
      const what = `route ${r.dst}${r.gateway ? ` via ${r.gateway}` : ""}${r.dev ? ` dev ${r.dev}` : ""}${r.table ? ` table ${r.table}` : ""}`;
      if (c.ok && c.value.prefix > 0) out.push({ cidr: network(c.value), what });
      else if (c.ok) defaults.push({ family, what });
    }
  return { nets: out, defaults };
}

/** Why a command's output cannot be trusted as the host's networks: it failed, or is not JSON. */
function unreadable(r: ProcResult): string | undefined {
  if (r.code !== 0) return r.stderr.trim() || `exit status ${r.code}`;
  return ipJson(r.stdout) === undefined ? "its output is not the JSON it was asked for" : undefined;
}

function overlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && (contains(a, b) || contains(b, a));
}

/** An address a plan puts on the host's side, and whether its link may take default-routed traffic. */
export interface HostAddr {
  readonly cidr: string;
  readonly overDefault: boolean;
  readonly origin: Span | undefined;
}

/**
 * For each address a plan puts on the host's side, why it would change where the host's own
 * traffic goes, if it would (aligned with `hostAddrs`); when the host's networks cannot be
 * read, every address is refused with the reason (fail closed).
 */
export async function hostOverlaps(hostAddrs: readonly HostAddr[]): Promise<(Diagnostic | undefined)[]> {
  if (hostAddrs.length === 0) return [];
  const host = await hostNetworks();
  if (!("nets" in host)) return [host, ...hostAddrs.slice(1).map(() => undefined)];
  return hostAddrs.map((op) => {
    const parsed = parseCidr(op.cidr);
    if (!parsed.ok) return undefined;
    const mine = network(parsed.value);
    const clash = host.nets.find((n) => overlaps(n.cidr, mine));
    if (clash)
      return diag("OT6014", `the host side of this link, ${op.cidr}, overlaps the host's ${clash.what}`, {
        span: op.origin,
        label: "this address would go on the host",
        notes: ["a lab never changes where the host's own traffic goes"],
        help: "use a subnet that appears nowhere in the host's `ip addr` and `ip route`",
      });
    const gateway = host.defaults.find((d) => d.family === mine.family);
    if (!gateway || op.overDefault || notGlobal(mine)) return undefined;
    return diag(
      "OT6020",
      `the host side of this link, ${op.cidr}, would take traffic the host sends through its default route`,
      {
        span: op.origin,
        label: "this prefix is routed on the Internet",
        notes: [
          `today the host reaches ${mine.cidr} through its ${gateway.what}; with this link it would reach the lab instead`,
          "a lab never changes where the host's own traffic goes: only prefixes the Internet does not route (private-use, shared, benchmarking and documentation ranges) are taken from under a default route",
        ],
        help: "use a private prefix the host does not route (in 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7); if the lab is meant to take this traffic from the host, add `host-override-default` to the link",
      },
    );
  });
}

function notGlobal(c: Cidr): boolean {
  return NOT_GLOBAL.some((range) => {
    const r = parseCidr(range);
    return r.ok && r.value.family === c.family && r.value.prefix <= c.prefix && contains(r.value, c);
  });
}

/**
 * Runs `act` — the checks of what the plan takes of the host, and the plan that takes it —
 * holding the lock of the whole machine's host side when it takes anything there that
 * another lab could want at the same moment: a host-side address, or one of the host's
 * interfaces (a macvlan's parent, a NIC moved in: two labs moving one NIC at once would
 * both find it free, and the loser could not roll back); `gaveUp` if interrupted while
 * waiting for it.
 */
export async function withHostLock<T>(
  plan: Plan,
  interrupted: () => boolean,
  act: () => Promise<T>,
  gaveUp: () => T,
): Promise<T> {
  const any = opsOf(plan.stages).some((op) =>
    claimsOf(op).some((c) => c.kind === "host-net" || c.kind === "host-nic"),
  );
  if (!any) return act();
  const release = await acquireHost(interrupted);
  if (!release) return gaveUp();
  try {
    return await act();
  } finally {
    release();
  }
}
