// The iptables lowering of a node's filter, for machines without nftables: one
// `iptables-restore` (and one `ip6tables-restore`) file per node. Rules are written in the
// exact form `iptables-save` prints them (one address and interface per rule, `-m tcp`,
// `/32`, states in the kernel's order), so that status compares the live rules line by line.

import { type Filter, type PortRange, portText, type Rule } from "../model/filter.js";
import type { Cidr, Family } from "../model/ip.js";
import { assertNever } from "../never.js";

/** The built-in chains of each table iptables-restore writes, as iptables-save lists them. */
const TABLES = {
  filter: ["INPUT", "FORWARD", "OUTPUT"],
  nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
} as const;

type Table = keyof typeof TABLES;

/** multiport takes at most 15 ports, a range counting as two. */
const MULTIPORT_SLOTS = 15;

/** Families the filter needs rules for: a policy applies to both, as in an `inet` table. */
export function iptablesFamilies(filter: Filter): Family[] {
  const families = new Set<Family>(filter.policies.length ? [4, 6] : []);
  for (const rule of filter.rules) for (const f of rule.match.families) families.add(f);
  return ([4, 6] as const).filter((f) => families.has(f));
}

/** The iptables-restore input of one family, or undefined when nothing applies to it. */
export function iptablesRestore(filter: Filter, family: Family): string | undefined {
  // Chain by chain, in the order iptables-save lists them; in each, in the file's order.
  const rules = filter.rules
    .filter((r) => r.match.families.includes(family))
    .map((r, i) => ({ r, i, chain: (TABLES[tableOf(r)] as readonly string[]).indexOf(chainOf(r)) }))
    .sort((a, b) => a.chain - b.chain || a.i - b.i)
    .map((x) => x.r);
  const out: string[] = [];
  const filterRules = rules.filter((r) => r.kind === "filter");
  if (filter.policies.length || filterRules.length) {
    out.push("*filter");
    for (const chain of TABLES.filter) {
      const policy = filter.policies.find((p) => p.chain === chain.toLowerCase())?.verdict ?? "accept";
      out.push(`:${chain} ${policy.toUpperCase()} [0:0]`);
    }
    out.push(...filterRules.flatMap((r) => iptablesRules(r, family)), "COMMIT");
  }
  const natRules = rules.filter((r) => r.kind !== "filter");
  if (natRules.length) {
    out.push("*nat", ...TABLES.nat.map((c) => `:${c} ACCEPT [0:0]`));
    out.push(...natRules.flatMap((r) => iptablesRules(r, family)), "COMMIT");
  }
  return out.length ? `${out.join("\n")}\n` : undefined;
}

export function tableOf(rule: Rule): Table {
  return rule.kind === "filter" ? "filter" : "nat";
}

function chainOf(rule: Rule): string {
  switch (rule.kind) {
    case "filter":
      return rule.chain.toUpperCase();
    case "dnat":
      return "PREROUTING";
    case "snat":
    case "masquerade":
      return "POSTROUTING";
    default:
      return assertNever(rule);
  }
}

/**
 * `-A` lines of one rule in one family: iptables has no lists of addresses or interfaces
 * in one rule, so a rule with lists becomes one line per combination.
 */
export function iptablesRules(rule: Rule, family: Family): string[] {
  const m = rule.match;
  const own = (list: readonly Cidr[]) => list.filter((a) => a.family === family);
  const anyOf = <T>(list: readonly T[]): (T | undefined)[] => (list.length ? [...list] : [undefined]);
  const sources = anyOf(own(m.saddr));
  const destinations = anyOf(own(m.daddr));
  const portMatches = ports(
    m.protocol === "tcp" || m.protocol === "udp" ? m.protocol : undefined,
    m.sport,
    m.dport,
  );
  const out: string[] = [];
  for (const s of sources)
    for (const d of destinations)
      for (const i of anyOf(m.iif))
        for (const o of anyOf(m.oif))
          for (const p of portMatches) {
            const words = [`-A ${chainOf(rule)}`];
            if (s) words.push(`-s ${s.cidr}`);
            if (d) words.push(`-d ${d.cidr}`);
            if (i) words.push(`-i ${i}`);
            if (o) words.push(`-o ${o}`);
            if (m.protocol) words.push(`-p ${protocolName(m.protocol, family)}`);
            if (p) words.push(p);
            if (m.ct.length)
              words.push(`-m conntrack --ctstate ${m.ct.map((c) => c.toUpperCase()).join(",")}`);
            words.push(`-m comment --comment "${rule.text}"`);
            const matches = words.join(" ");
            if (rule.log !== undefined) out.push(`${matches} -j LOG --log-prefix "${rule.log}"`);
            out.push(`${matches} -j ${target(rule, family)}`);
          }
  return out;
}

function protocolName(p: NonNullable<Rule["match"]["protocol"]>, family: Family): string {
  if (p === "icmpv6" || (p === "icmp" && family === 6)) return "ipv6-icmp";
  return p;
}

/**
 * The port matches of a rule, one per line it becomes: single ports and ranges with
 * `-m tcp`, lists with `-m multiport` (split where a list exceeds multiport's 15 slots).
 */
function ports(
  protocol: "tcp" | "udp" | undefined,
  sport: readonly PortRange[],
  dport: readonly PortRange[],
): (string | undefined)[] {
  if (!protocol || (sport.length === 0 && dport.length === 0)) return [undefined];
  const single = (list: readonly PortRange[]) => (list.length === 1 ? list[0] : undefined);
  const s = single(sport);
  const d = single(dport);
  const head =
    s || d ? `-m ${protocol}${s ? ` --sport ${range(s)}` : ""}${d ? ` --dport ${range(d)}` : ""}` : undefined;
  const sChunks = sport.length > 1 ? chunks(sport) : [undefined];
  const dChunks = dport.length > 1 ? chunks(dport) : [undefined];
  const out: string[] = [];
  for (const sc of sChunks)
    for (const dc of dChunks) {
      const words = [head, sc && `-m multiport --sports ${sc}`, dc && `-m multiport --dports ${dc}`];
      out.push(words.filter((w): w is string => !!w).join(" "));
    }
  return out;
}

function chunks(list: readonly PortRange[]): string[] {
  const out: string[][] = [[]];
  let used = 0;
  for (const r of list) {
    const cost = r.first === r.last ? 1 : 2;
    if (used + cost > MULTIPORT_SLOTS) {
      out.push([]);
      used = 0;
    }
    out.at(-1)?.push(range(r));
    used += cost;
  }
  return out.map((c) => c.join(","));
}

function range(r: PortRange): string {
  return portText(r, ":");
}

function target(rule: Rule, family: Family): string {
  switch (rule.kind) {
    case "filter":
      if (rule.verdict !== "reject") return rule.verdict.toUpperCase();
      if (rule.match.protocol === "tcp") return "REJECT --reject-with tcp-reset";
      return `REJECT --reject-with ${family === 4 ? "icmp-port-unreachable" : "icmp6-port-unreachable"}`;
    case "masquerade":
      return "MASQUERADE";
    case "snat":
    case "dnat": {
      const a = rule.to.address;
      const p = rule.to.ports ? `:${portText(rule.to.ports, "-")}` : "";
      const to = a.family === 6 && p ? `[${a.text}]${p}` : `${a.text}${p}`;
      return rule.kind === "snat" ? `SNAT --to-source ${to}` : `DNAT --to-destination ${to}`;
    }
    default:
      return assertNever(rule);
  }
}
