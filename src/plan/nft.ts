// A node's filter as one nftables table, `table inet opentop`, in the node's namespace: one
// chain per hook the filter uses, every rule with its statement as comment, loaded in one
// `nft -f` transaction. Also the host's table for `host-masquerade`, owned by the lab.

import { type Chain, type Filter, type PortRange, portText, type Rule } from "../model/filter.js";
import type { Family } from "../model/ip.js";
import { assertNever } from "../never.js";

/** The table of a node's filter, inside the node's namespace (nothing else is there). */
export const NODE_TABLE = "opentop";

/** The lab's table on the host: its name says whose it is, its comment marks it too. */
export function hostTableName(lab: string): string {
  return `opentop-${lab}`;
}

type Hook = Chain | "prerouting" | "postrouting";

const HOOKS: readonly { readonly hook: Hook; readonly type: "filter" | "nat"; readonly priority: string }[] =
  [
    { hook: "prerouting", type: "nat", priority: "dstnat" },
    { hook: "input", type: "filter", priority: "filter" },
    { hook: "forward", type: "filter", priority: "filter" },
    { hook: "output", type: "filter", priority: "filter" },
    { hook: "postrouting", type: "nat", priority: "srcnat" },
  ];

function hookOf(rule: Rule): Hook {
  switch (rule.kind) {
    case "filter":
      return rule.chain;
    case "dnat":
      return "prerouting";
    case "snat":
    case "masquerade":
      return "postrouting";
    default:
      return assertNever(rule);
  }
}

/** `table inet NAME { … }`: only the chains the filter uses. */
export function nftTable(name: string, filter: Filter): string {
  const out = [`table inet ${name} {`];
  for (const { hook, type, priority } of HOOKS) {
    const policy = filter.policies.find((p) => p.chain === hook)?.verdict;
    const rules = filter.rules.filter((r) => hookOf(r) === hook);
    if (!policy && rules.length === 0) continue;
    out.push(
      `\tchain ${hook} {`,
      `\t\ttype ${type} hook ${hook} priority ${priority}; policy ${policy ?? "accept"};`,
      ...rules.flatMap(nftRules).map((line) => `\t\t${line}`),
      "\t}",
    );
  }
  out.push("}");
  return `${out.join("\n")}\n`;
}

/** The host's NAT table for a lab's `host-masquerade` links (`mark`: its ownership comment). */
export function hostNatTable(
  name: string,
  mark: string,
  links: readonly { readonly hostIface: string; readonly text: string }[],
): string {
  return [
    `table inet ${name} {`,
    `\tcomment "${mark}"`,
    "\tchain postrouting {",
    "\t\ttype nat hook postrouting priority srcnat; policy accept;",
    // Packets the lab sends out through the host leave with the host's address.
    ...links.map((l) => `\t\tiifname "${l.hostIface}" masquerade comment "${l.text}"`),
    "\t}",
    "}",
    "",
  ].join("\n");
}

/**
 * The lines of one rule: one, or one per family when addresses or a NAT target fix it
 * (`ip saddr` and `ip6 saddr` are different fields).
 */
export function nftRules(rule: Rule): string[] {
  const m = rule.match;
  const perFamily = m.saddr.length > 0 || m.daddr.length > 0 || rule.kind === "snat" || rule.kind === "dnat";
  const families: (Family | undefined)[] = perFamily ? [...m.families] : [undefined];
  return families.map((family) => nftRule(rule, family));
}

function nftRule(rule: Rule, family: Family | undefined): string {
  const m = rule.match;
  const parts: string[] = [];
  if (m.iif.length) parts.push(`iifname ${set(m.iif.map(quote))}`);
  if (m.oif.length) parts.push(`oifname ${set(m.oif.map(quote))}`);
  if (family !== undefined) {
    const ip = family === 4 ? "ip" : "ip6";
    const saddr = m.saddr.filter((a) => a.family === family);
    const daddr = m.daddr.filter((a) => a.family === family);
    if (saddr.length) parts.push(`${ip} saddr ${set(saddr.map(prefix))}`);
    if (daddr.length) parts.push(`${ip} daddr ${set(daddr.map(prefix))}`);
  }
  const p = m.protocol;
  if ((p === "tcp" || p === "udp") && (m.sport.length || m.dport.length)) {
    // A port match implies its protocol; nft needs no separate `meta l4proto`.
    if (m.sport.length) parts.push(`${p} sport ${set(m.sport.map(port))}`);
    if (m.dport.length) parts.push(`${p} dport ${set(m.dport.map(port))}`);
  } else if (p) parts.push(`meta l4proto ${p === "icmpv6" ? "ipv6-icmp" : p}`);
  if (m.ct.length) parts.push(`ct state ${m.ct.join(",")}`);
  if (rule.counter) parts.push("counter");
  if (rule.log !== undefined) parts.push(`log prefix ${quote(rule.log)}`);
  parts.push(action(rule), `comment ${quote(rule.text)}`);
  return parts.join(" ");
}

function action(rule: Rule): string {
  switch (rule.kind) {
    case "filter":
      // A TCP client sees "connection refused" at once; others get ICMP port unreachable.
      return rule.verdict === "reject" && rule.match.protocol === "tcp"
        ? "reject with tcp reset"
        : rule.verdict;
    case "masquerade":
      return "masquerade";
    case "snat":
    case "dnat": {
      const a = rule.to.address;
      const ports = rule.to.ports ? `:${port(rule.to.ports)}` : "";
      const target = a.family === 6 && ports ? `[${a.text}]${ports}` : `${a.text}${ports}`;
      return `${rule.kind} ${a.family === 4 ? "ip" : "ip6"} to ${target}`;
    }
    default:
      return assertNever(rule);
  }
}

function set(items: readonly string[]): string {
  return items.length === 1 ? (items[0] as string) : `{ ${items.join(", ")} }`;
}

function quote(text: string): string {
  // The checker admits no `"` or `\` in names, prefixes or comments.
  return `"${text}"`;
}

function prefix(c: { text: string; cidr: string; prefix: number; family: Family }): string {
  return c.prefix === (c.family === 4 ? 32 : 128) ? c.text : c.cidr;
}

function port(r: PortRange): string {
  return portText(r, "-");
}
