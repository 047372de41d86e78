// NAT as the analysis applies it: where each kind of rule acts, and what a rule does to a
// new connection's first packet — dnat its destination (address, port), snat and
// masquerade its source. Conntrack undoes them for the replies (./walk.ts).

import { assertNever } from "../../never.js";
import type { FilterRule, Rule } from "../filter.js";
import type { Ip } from "../ip.js";
import type { NodeView } from "./net.js";
import { endpoint } from "./ports.js";
import { sourceAddress } from "./route.js";
import type { Packet, Stop } from "./types.js";

export type NatRule = Exclude<Rule, FilterRule>;

/** Where each kind of rule acts: a filter chain, or a NAT hook. */
export const RULE_HOOK: { readonly [K in Rule["kind"]]: "chain" | "prerouting" | "postrouting" } = {
  filter: "chain",
  dnat: "prerouting",
  snat: "postrouting",
  masquerade: "postrouting",
};

export function isFilterRule(r: Rule): r is FilterRule {
  return RULE_HOOK[r.kind] === "chain";
}

export type Rewritten = { readonly packet: Packet; readonly text: string } | { readonly stop: Stop };

/** What the rule does to the packet at `node` (`oif` and `nextHop` where it leaves, for masquerade). */
export function rewrite(rule: NatRule, p: Packet, node: NodeView, oif: string, nextHop: Ip): Rewritten {
  switch (rule.kind) {
    case "dnat": {
      const ports = rule.to.ports;
      const inside = ports && p.dport && ports.first <= p.dport.first && p.dport.last <= ports.last;
      const dport = ports && !inside ? ports : p.dport;
      if (dport && dport.first !== dport.last && p.proto !== "icmp")
        return {
          stop: {
            kind: "unknown",
            node: node.name,
            reason: `\`${rule.text}\` picks one port of a range`,
            span: rule.span,
          },
        };
      const packet = { ...p, dst: rule.to.address, ...(dport ? { dport } : {}) };
      return {
        packet,
        text: `dnat ${endpoint(p.dst, p.dport)} → ${endpoint(packet.dst, packet.dport)} (\`${rule.text}\`)`,
      };
    }
    case "snat":
      return source(rule, p, rule.to.address, rule.to.ports ?? p.sport);
    case "masquerade": {
      // The output interface's address, as the kernel chooses it for the next hop.
      const src = sourceAddress(node, oif, p.dst, nextHop, undefined, true);
      if (!src)
        return {
          stop: {
            kind: "blocked",
            node: node.name,
            how: "no-source",
            by: { text: `\`${rule.text}\`: ${oif} has no IPv${p.family} address`, span: rule.span },
          },
        };
      return source(rule, p, src, p.sport);
    }
    default:
      return assertNever(rule);
  }
}

function source(rule: NatRule, p: Packet, src: Ip, sport: Packet["sport"]): Rewritten {
  const packet = { ...p, src, ...(sport ? { sport } : {}) };
  return { packet, text: `${rule.kind} ${p.src.text} → ${src.text} (\`${rule.text}\`)` };
}
