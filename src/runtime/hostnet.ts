// The host's own networks, read before a lab adds addresses on the host's side of a host
// link: a lab must never take over a subnet the host already uses (its gateway, its LAN,
// a VPN route), because that would change where the host's own traffic goes.

import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import { type Cidr, contains, network, parseCidr } from "../model/ip.js";
import type { Plan } from "../plan/plan.js";
import { run } from "./proc.js";

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
  const failed = [addrs, routes4, routes6].find((r) => r.code !== 0);
  if (failed)
    return diag(
      "OT6004",
      `could not read the host's networks: ${failed.stderr.trim() || `exit status ${failed.code}`}`,
      {
        notes: [`command: ${failed.argv.join(" ")}`],
        help: "a lab with a link to the host is brought up only once its addresses are known not to overlap the host's",
      },
    );
  const out: HostNet[] = [];
  const parse = (text: string) => {
    try {
      return JSON.parse(text || "[]") as unknown[];
    } catch {
      return [];
    }
  };
  for (const a of parse(addrs.stdout) as {
    ifname: string;
    addr_info?: { local: string; prefixlen: number }[];
  }[])
    for (const i of a.addr_info ?? []) {
      const c = parseCidr(`${i.local}/${i.prefixlen}`);
      if (c.ok) out.push({ cidr: network(c.value), what: `${i.local}/${i.prefixlen} on ${a.ifname}` });
    }
  for (const [family, text] of [
    [4, routes4.stdout],
    [6, routes6.stdout],
  ] as const)
    for (const r of parse(text) as { dst: string; dev?: string; type?: string; table?: string }[]) {
      if (r.dst === "default" || r.type === "local" || r.type === "broadcast" || r.type === "multicast")
        continue;
      const dst = r.dst.includes("/") ? r.dst : `${r.dst}/${family === 4 ? 32 : 128}`;
      const c = parseCidr(dst);
      if (c.ok && c.value.prefix > 0)
        out.push({ cidr: network(c.value), what: `route ${dst}${r.dev ? ` dev ${r.dev}` : ""}` });
    }
  return out;
}

function overlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && (contains(a, b) || contains(b, a));
}

/** Addresses the plan puts on the host's side that overlap a network the host uses. */
export async function hostOverlaps(plan: Plan): Promise<Diagnostic[]> {
  const ops = plan.stages.flatMap((s) => s.steps.flatMap((st) => st.ops));
  const hostAddrs = ops.filter((op) => op.kind === "addr.add" && op.ns === null);
  if (hostAddrs.length === 0) return [];
  const nets = await hostNetworks();
  if (!Array.isArray(nets)) return [nets];
  const out: Diagnostic[] = [];
  for (const op of hostAddrs) {
    if (op.kind !== "addr.add") continue;
    const parsed = parseCidr(op.cidr);
    if (!parsed.ok) continue;
    const mine = network(parsed.value);
    const clash = nets.find((n) => overlaps(n.cidr, mine));
    if (clash)
      out.push(
        diag("OT6014", `the host side of this link, ${op.cidr}, overlaps the host's ${clash.what}`, {
          span: op.origin,
          label: "this address would go on the host",
          notes: ["a lab never changes where the host's own traffic goes"],
          help: "use a subnet that appears nowhere in the host's `ip addr` and `ip route`",
        }),
      );
  }
  return out;
}
