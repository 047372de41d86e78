// What must be free on this machine before `up` creates anything: every object the plan
// claims (each operation kind says which, src/plan/ops.ts `claimsOf`) is checked here by
// kind, and a lab that would take over an existing object, or a network the host uses,
// does not start. One checker per kind of claim, exhaustively.

import { existsSync } from "node:fs";
import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/source.js";
import { parseMark } from "../model/names.js";
import { claimsOf, ownsOf } from "../plan/ops.js";
import type { ClaimKind, ClaimOf } from "../plan/owned.js";
import { opsOf, type Plan } from "../plan/plan.js";
import { limits } from "./capacity.js";
import { hostTableMark } from "./firewall.js";
import { hostOverlaps } from "./hostnet.js";
import { hostIfaceAlias, hostIfaceExists, ipJson, netnsExists } from "./kernel.js";
import { run } from "./proc.js";
import { everyRecord } from "./record.js";
import { ownAddressProblems, underlayProblems } from "./underlay.js";

interface Claimed<K extends ClaimKind> {
  readonly claim: ClaimOf<K>;
  /** The statement that asked for it. */
  readonly origin: Span | undefined;
}

/** Checks the claims of one kind: for each, what is in its way (undefined: it is free). */
type Checker<K extends ClaimKind> = (
  claims: readonly Claimed<K>[],
  plan: Plan,
) => Promise<(Diagnostic | undefined)[]>;

const CHECKERS: { readonly [K in ClaimKind]: Checker<K> } = {
  netns: async (claims) =>
    claims.map((c) =>
      netnsExists(c.claim.name)
        ? diag("OT6002", `network namespace ${c.claim.name} already exists`, {
            span: c.origin,
            label: "this lab would create it",
            notes: ["OpenTop never reuses or removes a namespace it did not create"],
            help: `choose another lab name, or remove the namespace if it is yours (\`ip netns del ${c.claim.name}\`)`,
          })
        : undefined,
    ),
  "host-iface": async (claims) => claims.map((c) => hostIfaceTaken(c.claim, c.origin)),
  "host-table": async (claims, plan) =>
    claims.map((c) =>
      hostTableMark(c.claim.family, c.claim.name) !== undefined
        ? diag("OT4010", `nftables table ${c.claim.family} ${c.claim.name} already exists on the host`, {
            span: c.origin,
            label: "this lab would create it",
            notes: ["OpenTop never adds to or removes a table it did not create"],
            help: `if it is left from an earlier run of this lab, \`opentop down ${plan.lab}\` removes it; otherwise delete it (\`nft delete table ${c.claim.family} ${c.claim.name}\`)`,
          })
        : undefined,
    ),
  cgroup: async (claims) =>
    claims.map((c) =>
      existsSync(c.claim.path)
        ? diag("OT5105", `cgroup ${c.claim.path} already exists`, {
            span: c.origin,
            label: "this lab would create it",
            notes: ["it is left from an earlier run of a lab of this name whose record is gone"],
            help: `remove it once nothing runs in it: its node cgroups, then it (\`rmdir ${c.claim.path}/*/ ${c.claim.path}\`)`,
          })
        : undefined,
    ),
  "host-net": (claims) =>
    hostOverlaps(
      claims.map((c) => ({
        cidr: c.claim.cidr,
        overDefault: c.claim.overDefault === true,
        origin: c.origin,
      })),
    ),
  "moved-nic": async (claims, plan) =>
    claims.map((c) =>
      existsSync(c.claim.saved)
        ? diag(
            "OT6032",
            `the saved state of the host's ${c.claim.name} is left from an earlier run of this lab`,
            {
              span: c.origin,
              label: "this lab would move it in",
              notes: [
                `it is ${c.claim.saved}: an earlier run moved ${c.claim.name} in and has not given it back`,
              ],
              help: `\`opentop down ${plan.lab}\` gives it back and restores it`,
            },
          )
        : undefined,
    ),
  "host-nic": async (claims, plan) => {
    const moves = claims.some((c) => c.claim.use === "move");
    const host: HostNics = {
      defaults: moves ? await defaultRouteDevs() : new Set<string>(),
      links: await hostLinksDetailed(),
      macvlansOf: moves ? otherLabsMacvlans(plan.lab) : new Map(),
    };
    return claims.map((c) => nicProblem(c, host) ?? nicInUse(c, host));
  },
  underlay: underlayProblems,
  "own-address": ownAddressProblems,
};

/** What the host's interfaces are to each other and to the labs, read once for every claim. */
interface HostNics {
  /** Interfaces that carry a default route. */
  readonly defaults: ReadonlySet<string>;
  readonly links: readonly HostLink[];
  /** For each host interface, the other labs that have macvlans on it. */
  readonly macvlansOf: ReadonlyMap<string, readonly string[]>;
}

interface HostLink {
  readonly ifname: string;
  readonly master?: string;
  /** The lower interface (or, for a veth, its peer: see `upper`). */
  readonly link?: string;
  readonly link_netnsid?: number;
  readonly linkinfo?: { readonly info_kind?: string };
}

/** The host's interfaces with their masters and lower interfaces (`ip -j -d link`). */
async function hostLinksDetailed(): Promise<HostLink[]> {
  const r = await run(["ip", "-j", "-d", "link", "show"]);
  return r.code === 0 ? (ipJson<HostLink>(r.stdout)?.flat() ?? []) : [];
}

/** Kinds whose `link` is a peer, not a lower interface: a veth's other end is no upper. */
const PEERED = new Set(["veth", "vxcan", "netkit"]);

/** The host's own interfaces stacked on `nic` (a VLAN, a macvlan of the host's). */
function uppersOf(nic: string, links: readonly HostLink[]): string[] {
  return links
    .filter((l) => l.link === nic && l.link_netnsid === undefined && !PEERED.has(l.linkinfo?.info_kind ?? ""))
    .map((l) => l.ifname);
}

/** The labs other than `lab`, by the host interfaces on which their records put macvlans. */
function otherLabsMacvlans(lab: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const record of everyRecord()) {
    if (record.lab === lab) continue;
    for (const { op } of record.ops)
      for (const c of claimsOf(op))
        if (c.kind === "host-nic" && c.use === "parent") {
          const labs = out.get(c.name) ?? [];
          if (!labs.includes(record.lab)) out.set(c.name, [...labs, record.lab]);
        }
  }
  return out;
}

/**
 * A host interface the host or another lab uses through it: a port of a bridge or bond (it
 * would leave it; and a macvlan cannot sit on a port), or, to move it, the lower interface
 * of the host's own VLANs or macvlans, or of another lab's macvlans (they would follow it
 * into this lab).
 */
function nicInUse(c: Claimed<"host-nic">, host: HostNics): Diagnostic | undefined {
  const { name, use } = c.claim;
  const what = use === "move" ? "this lab would move it in" : "this lab would put a macvlan on it";
  const master = host.links.find((l) => l.ifname === name)?.master;
  if (master)
    return diag("OT6090", `the host's ${name} is a port of ${master}`, {
      span: c.origin,
      label: what,
      notes: [
        use === "move"
          ? `moved into a node, it would leave ${master}, which the host uses`
          : `the kernel puts no macvlan on a port of a bridge or a bond`,
      ],
      help: `use an interface that is no port${use === "move" ? "" : `, or ${master} itself as the macvlan's parent (\`-> host.${master}\`)`}`,
    });
  if (use !== "move") return undefined;
  const uppers = uppersOf(name, host.links);
  const labs = host.macvlansOf.get(name) ?? [];
  if (uppers.length === 0 && labs.length === 0) return undefined;
  const whose = uppers.length ? uppers.join(", ") : `a macvlan of OpenTop lab ${labs.join(", ")}`;
  return diag("OT6091", `the host's ${name} carries ${whose}`, {
    span: c.origin,
    label: what,
    notes: [
      `moved into a node, it would take ${uppers.length ? "the host's traffic on them" : "that lab's traffic"} into this lab`,
    ],
    help: uppers.length
      ? "move an interface nothing is stacked on, or use a macvlan on it (`-> host.NIC` without `move`)"
      : `take lab ${labs[0]} down first, or use a macvlan on it too (\`-> host.${name}\` without \`move\`)`,
  });
}

/** Why the host's interface cannot be used as the claim asks, if it cannot. */
function nicProblem(c: Claimed<"host-nic">, host: HostNics): Diagnostic | undefined {
  const defaults = host.defaults;
  const { name, use } = c.claim;
  const what = use === "move" ? "this lab would move it in" : "this lab would put a macvlan on it";
  if (!hostIfaceExists(name))
    return diag("OT6030", `the host has no interface ${name}`, {
      span: c.origin,
      label: what,
      help: "name an interface of the host (`ip link`)",
    });
  const mark = parseMark(hostIfaceAlias(name));
  if (mark)
    return diag("OT6031", `interface ${name} of the host belongs to OpenTop lab ${mark.lab}`, {
      span: c.origin,
      label: what,
      notes: ["a lab never uses another lab's interfaces, or its own ends on the host"],
      help: "name an interface of the host's own",
    });
  if (use === "move" && defaults.has(name))
    return diag("OT6033", `the host's ${name} carries its default route: moving it would cut the host off`, {
      span: c.origin,
      label: what,
      notes: ["a lab never changes where the host's own traffic goes"],
      help: "move an interface the host does not depend on, or use a macvlan on it (`-> host.NIC` without `move`)",
    });
  return undefined;
}

/** The host's interfaces that carry a default route (IPv4 or IPv6). */
async function defaultRouteDevs(): Promise<Set<string>> {
  const out = new Set<string>();
  for (const family of ["-4", "-6"]) {
    const r = await run(["ip", "-j", family, "route", "show", "default"]);
    for (const route of ipJson<{ dev?: string; nexthops?: { dev?: string }[] }>(r.stdout)?.flat() ?? []) {
      if (route.dev) out.add(route.dev);
      for (const h of route.nexthops ?? []) if (h.dev) out.add(h.dev);
    }
  }
  return out;
}

/** OT6003 when a host interface the lab would create exists already (its own, up, too). */
function hostIfaceTaken(o: { readonly name: string }, origin: Span | undefined): Diagnostic | undefined {
  if (!hostIfaceExists(o.name)) return undefined;
  const mark = parseMark(hostIfaceAlias(o.name));
  return diag("OT6003", `interface ${o.name} already exists on the host`, {
    span: origin,
    label: "this link would create it",
    notes: [mark ? `it belongs to OpenTop lab ${mark.lab}` : "it does not belong to an OpenTop lab"],
    help: mark
      ? `run \`opentop down ${mark.lab}\`, or give this link another \`host-name\``
      : "give this link another `host-name`",
  });
}

/**
 * For `check`: the interfaces the plan would create on the host that exist already and are
 * not this lab's own (a lab that is up has its own): `host-name eth0` is refused before `up`.
 */
export function hostIfacesTaken(plan: Plan): Diagnostic[] {
  return opsOf(plan.stages).flatMap((op) =>
    ownsOf(op).flatMap((o) =>
      o.kind === "host-iface" && hostIfaceAlias(o.name) !== o.mark
        ? (hostIfaceTaken(o, op.origin) ?? [])
        : [],
    ),
  );
}

/**
 * This machine's limits the plan would exceed (src/runtime/capacity.ts), then every claim of
 * the plan that this machine does not leave free, in plan order: nothing is created while
 * any is reported.
 */
export async function collisions(plan: Plan): Promise<Diagnostic[]> {
  const claimed = opsOf(plan.stages).flatMap((op) =>
    claimsOf(op).map((claim): Claimed<ClaimKind> => ({ claim, origin: op.origin })),
  );
  const found = new Map<Claimed<ClaimKind>, Diagnostic>();
  for (const kind of Object.keys(CHECKERS) as ClaimKind[]) {
    const claims = claimed.filter((c) => c.claim.kind === kind);
    if (claims.length === 0) continue;
    const results = await (CHECKERS[kind] as Checker<ClaimKind>)(claims, plan);
    claims.forEach((c, i) => {
      const d = results[i];
      if (d) found.set(c, d);
    });
  }
  return [...limits(plan), ...claimed.flatMap((c) => found.get(c) ?? [])];
}
