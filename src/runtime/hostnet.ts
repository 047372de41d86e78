// The host's own networks, read before a lab adds addresses on the host's side of a host
// link: a lab must never take over a subnet the host already uses (its gateway, its LAN,
// a VPN route), because that would change where the host's own traffic goes.

import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/source.js";
import { type Cidr, contains, network, parseCidr } from "../model/ip.js";
import { ipJson, routePrefix } from "./kernel.js";
import { type ProcResult, run } from "./proc.js";

interface IpAddr {
  readonly ifname: string;
  readonly addr_info?: readonly { readonly local: string; readonly prefixlen: number }[];
}

interface IpRoute {
  readonly dst: string;
  readonly dev?: string;
  readonly type?: string;
}

interface HostNet {
  readonly cidr: Cidr;
  readonly what: string;
}

async function hostNetworks(): Promise<HostNet[] | Diagnostic> {
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
      if (r.dst === "default" || r.type === "local" || r.type === "broadcast" || r.type === "multicast")
        continue;
      const dst = routePrefix(r.dst, family);
      const c = parseCidr(dst);
      if (c.ok && c.value.prefix > 0)
        out.push({ cidr: network(c.value), what: `route ${dst}${r.dev ? ` dev ${r.dev}` : ""}` });
    }
  return out;
}

/** Why a command's output cannot be trusted as the host's networks: it failed, or is not JSON. */
function unreadable(r: ProcResult): string | undefined {
  if (r.code !== 0) return r.stderr.trim() || `exit status ${r.code}`;
  return ipJson(r.stdout) === undefined ? "its output is not the JSON it was asked for" : undefined;
}

function overlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && (contains(a, b) || contains(b, a));
}

/**
 * For each address a plan puts on the host's side, the network of the host it overlaps, if
 * any (aligned with `hostAddrs`); when the host's networks cannot be read, every address is
 * refused with the reason (fail closed).
 */
export async function hostOverlaps(
  hostAddrs: readonly { readonly cidr: string; readonly origin: Span | undefined }[],
): Promise<(Diagnostic | undefined)[]> {
  if (hostAddrs.length === 0) return [];
  const nets = await hostNetworks();
  if (!Array.isArray(nets)) return [nets, ...hostAddrs.slice(1).map(() => undefined)];
  return hostAddrs.map((op) => {
    const parsed = parseCidr(op.cidr);
    if (!parsed.ok) return undefined;
    const mine = network(parsed.value);
    const clash = nets.find((n) => overlaps(n.cidr, mine));
    return clash
      ? diag("OT6014", `the host side of this link, ${op.cidr}, overlaps the host's ${clash.what}`, {
          span: op.origin,
          label: "this address would go on the host",
          notes: ["a lab never changes where the host's own traffic goes"],
          help: "use a subnet that appears nowhere in the host's `ip addr` and `ip route`",
        })
      : undefined;
  });
}
