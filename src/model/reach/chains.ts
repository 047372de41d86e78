// A node's filter, evaluated for one packet at one hook as nftables (or iptables) would:
// rules in the order written, the first that matches decides, else the chain's policy; a
// NAT chain applies its first matching rule. A rule that matches only some of the source
// ports the kernel may pick gives no answer (`maybe`) rather than a guess.

import type { Filter, FilterRule, PortRange, Rule } from "../filter.js";
import { contains, type Family } from "../ip.js";
import { isFilterRule, RULE_HOOK } from "./nat.js";
import type { Decider, Packet, PacketState, Ports, Tri } from "./types.js";

/** Where the packet is: its interfaces (absent where the hook cannot know one) and state. */
export interface Context {
  readonly iif?: string;
  readonly oif?: string;
  readonly state: PacketState;
}

export type FilterOutcome =
  | { readonly kind: "accept" | "drop" | "reject"; readonly by: Decider; readonly silent?: boolean }
  | { readonly kind: "maybe"; readonly by: Decider };

/** The verdict of a filter chain (input, forward, output) on a packet. */
export function chainVerdict(
  node: string,
  filter: Filter | undefined,
  hook: "input" | "forward" | "output",
  p: Packet,
  ctx: Context,
): FilterOutcome {
  if (!filter) return { kind: "accept", by: { text: `${node} has no filter` }, silent: true };
  const rules = filter.rules.filter((r): r is FilterRule => isFilterRule(r) && r.chain === hook);
  const policy = filter.policies.find((x) => x.chain === hook);
  for (const r of rules) {
    const m = matches(r, p, ctx);
    if (m === "no") continue;
    const by = { text: `rule \`${r.text}\` of ${node}`, span: r.span };
    if (m === "maybe") return { kind: "maybe", by };
    return { kind: r.verdict, by };
  }
  if (policy)
    return { kind: policy.verdict, by: { text: `the ${hook} policy of ${node}`, span: policy.span } };
  if (rules.length === 0)
    return { kind: "accept", by: { text: `${node} has no ${hook} chain` }, silent: true };
  return { kind: "accept", by: { text: `no ${hook} rule of ${node} matches (its policy is accept)` } };
}

export type NatOutcome =
  | { readonly kind: "none" }
  | { readonly kind: "apply"; readonly rule: Exclude<Rule, FilterRule> }
  | { readonly kind: "maybe"; readonly by: Decider };

/** The NAT rule a new connection's first packet meets at `hook`, if any. */
export function natRule(
  node: string,
  filter: Filter | undefined,
  hook: "prerouting" | "postrouting",
  p: Packet,
  ctx: Context,
): NatOutcome {
  if (!filter) return { kind: "none" };
  for (const r of filter.rules) {
    if (isFilterRule(r) || RULE_HOOK[r.kind] !== hook) continue;
    const m = matches(r, p, ctx);
    if (m === "yes") return { kind: "apply", rule: r };
    if (m === "maybe") return { kind: "maybe", by: { text: `rule \`${r.text}\` of ${node}`, span: r.span } };
  }
  return { kind: "none" };
}

/** Whether a rule matches a packet: every match it has must. */
export function matches(r: Rule, p: Packet, ctx: Context): Tri {
  const m = r.match;
  if (!m.families.includes(p.family)) return "no";
  if (m.iif.length && (ctx.iif === undefined || !m.iif.includes(ctx.iif))) return "no";
  if (m.oif.length && (ctx.oif === undefined || !m.oif.includes(ctx.oif))) return "no";
  if (m.saddr.length && !m.saddr.some((c) => contains(c, p.src))) return "no";
  if (m.daddr.length && !m.daddr.some((c) => contains(c, p.dst))) return "no";
  if (m.protocol && !protocolMatches(m.protocol, p.proto, p.family)) return "no";
  if (m.ct.length && (ctx.state === "untracked" || !m.ct.includes(ctx.state))) return "no";
  return and(ports(m.sport, p.sport), ports(m.dport, p.dport));
}

function protocolMatches(rule: string, proto: Packet["proto"], family: Family): boolean {
  switch (rule) {
    case "icmp":
      return proto === "icmp" && family === 4;
    case "icmpv6":
      return (proto === "icmp" || proto === "nd") && family === 6;
    default:
      return rule === proto;
  }
}

/** A port match against the packet's port: all of its possible values, none, or some. */
function ports(rule: readonly PortRange[], packet: Ports | undefined): Tri {
  if (rule.length === 0) return "yes";
  if (!packet) return "no";
  if (covers(rule, packet)) return "yes";
  return rule.some((r) => r.first <= packet.last && packet.first <= r.last) ? "maybe" : "no";
}

/** Every port of `packet` lies in one of the ranges. */
function covers(rule: readonly PortRange[], packet: Ports): boolean {
  for (let port = packet.first; port <= packet.last; ) {
    const r = rule.find((x) => x.first <= port && port <= x.last);
    if (!r) return false;
    port = r.last + 1;
  }
  return true;
}

function and(a: Tri, b: Tri): Tri {
  if (a === "no" || b === "no") return "no";
  if (a === "maybe" || b === "maybe") return "maybe";
  return "yes";
}
