// The words of a `filter { … }` block. They are nftables' words (chains, verdicts, `saddr`,
// `dport`, `ct state`, `masquerade`, `dnat … to`), so that an engineer who knows nft reads a
// rule at once. The parser reads rules with these tables; the checker gives them meaning.

export const CHAINS = ["input", "forward", "output"] as const;
export type ChainName = (typeof CHAINS)[number];

export const VERDICTS = ["accept", "drop", "reject"] as const;
export type VerdictName = (typeof VERDICTS)[number];

export const NAT_ACTIONS = ["masquerade", "snat", "dnat"] as const;
export type NatActionName = (typeof NAT_ACTIONS)[number];

export const PROTOCOLS = ["tcp", "udp", "icmp", "icmpv6"] as const;
export type ProtocolName = (typeof PROTOCOLS)[number];

/**
 * The matches and options of a rule, with the number of arguments each takes. Three more
 * are read by the parser itself: `ct state LIST`, `log ["PREFIX"]` and `to TARGET`.
 */
export const RULE_CLAUSES: Readonly<Record<string, number>> = {
  in: 1,
  out: 1,
  saddr: 1,
  daddr: 1,
  tcp: 0,
  udp: 0,
  icmp: 0,
  icmpv6: 0,
  sport: 1,
  dport: 1,
  established: 0,
  counter: 0,
  count: 0,
};

export const SPECIAL_CLAUSES = ["ct", "log", "to"] as const;

/** Spellings from nft and iptables that people type out of habit, and OpenTop's word. */
export const CLAUSE_ALIASES: Readonly<Record<string, string>> = {
  iif: "in",
  iifname: "in",
  oif: "out",
  oifname: "out",
  src: "saddr",
  source: "saddr",
  from: "saddr",
  dst: "daddr",
  destination: "daddr",
  state: "ct state",
  ctstate: "ct state",
  proto: "tcp, udp, icmp or icmpv6 (the protocol alone)",
  protocol: "tcp, udp, icmp or icmpv6 (the protocol alone)",
  "ipv6-icmp": "icmpv6",
  icmp6: "icmpv6",
  port: "dport",
  ports: "dport",
  dports: "dport",
  sports: "sport",
};

/** Spellings of statements: iptables' chain names, nft's verbs. */
export const STATEMENT_ALIASES: Readonly<Record<string, string>> = {
  INPUT: "input",
  FORWARD: "forward",
  OUTPUT: "output",
  prerouting: "dnat",
  postrouting: "masquerade` or `snat",
  SNAT: "snat",
  DNAT: "dnat",
  MASQUERADE: "masquerade",
};

export function isChain(word: string): word is ChainName {
  return (CHAINS as readonly string[]).includes(word);
}

export function isVerdict(word: string): word is VerdictName {
  return (VERDICTS as readonly string[]).includes(word);
}

export function isNatAction(word: string): word is NatActionName {
  return (NAT_ACTIONS as readonly string[]).includes(word);
}

export function isProtocol(word: string): word is ProtocolName {
  return (PROTOCOLS as readonly string[]).includes(word);
}
