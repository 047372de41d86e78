// A node's packet filter, checked: every rule's interfaces resolved, addresses and ports
// parsed, the address families it can match worked out, and every rule that could never
// match (or could not be lowered to both nftables and iptables) reported with its own code.

import { closest, type Diagnostics } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/source.js";
import {
  type ChainName,
  isChain,
  isProtocol,
  isVerdict,
  type ProtocolName,
  type VerdictName,
} from "../syntax/filter.js";
import { nftText } from "../syntax/nft.js";
import type { FilterDecl, NatTargetDecl, NodeDecl, PropDecl } from "./expand.js";
import type { Iface } from "./ifaces.js";
import {
  type Cidr,
  contains,
  type Family,
  type Ip,
  network,
  type Parsed,
  parseCidr,
  parseIp,
  withPrefix,
} from "./ip.js";
import type { Route } from "./routes.js";
import type { Sysctl } from "./sysctls.js";

// The words' own lists (src/syntax/filter.ts) are the one definition of each.
export type Chain = ChainName;
export type Verdict = VerdictName;
export type Protocol = ProtocolName;
export type CtState = "invalid" | "new" | "related" | "established";

/** In the order iptables-save prints them, so that rendered rules read back unchanged. */
export const CT_STATES: readonly CtState[] = ["invalid", "new", "related", "established"];

/** A port or an inclusive range of ports. */
export interface PortRange {
  readonly first: number;
  readonly last: number;
}

/** `80`, or a range: nft and NAT targets write `1000-2000`, iptables' port matches `1000:2000`. */
export function portText(r: PortRange, separator: "-" | ":"): string {
  return r.first === r.last ? String(r.first) : `${r.first}${separator}${r.last}`;
}

/** What a rule matches; an empty list matches anything. */
export interface Match {
  readonly iif: readonly string[];
  readonly oif: readonly string[];
  readonly saddr: readonly Cidr[];
  readonly daddr: readonly Cidr[];
  readonly protocol?: Protocol;
  readonly sport: readonly PortRange[];
  readonly dport: readonly PortRange[];
  readonly ct: readonly CtState[];
  /** The address families the rule can match: fixed by its addresses, protocol or target. */
  readonly families: readonly Family[];
}

interface RuleBase {
  readonly match: Match;
  readonly counter: boolean;
  /** The log prefix, when the rule logs. */
  readonly log?: string;
  /** The rule as written (expanded), on one line: its comment in the kernel, shown by status. */
  readonly text: string;
  readonly span: Span;
}

export interface FilterRule extends RuleBase {
  readonly kind: "filter";
  readonly chain: Chain;
  readonly verdict: Verdict;
}

export interface MasqueradeRule extends RuleBase {
  readonly kind: "masquerade";
}

export interface TranslateRule extends RuleBase {
  readonly kind: "snat" | "dnat";
  readonly to: NatTo;
}

export type Rule = FilterRule | MasqueradeRule | TranslateRule;

export interface NatTo {
  readonly address: Ip;
  readonly ports?: PortRange;
}

export interface Policy {
  readonly chain: Chain;
  readonly verdict: "accept" | "drop";
  readonly span: Span;
}

/** An `nft { … }` block: applied as written, after the node's own table, in one transaction. */
export interface RawNft {
  readonly text: string;
  readonly span: Span;
}

export interface Filter {
  readonly policies: readonly Policy[];
  readonly rules: readonly Rule[];
  readonly raw: readonly RawNft[];
  /** The first filter statement: what asked for the table. */
  readonly span: Span;
}

/** iptables' LOG target takes at most 29 characters of prefix; nft allows more. */
export const LOG_PREFIX_MAX = 29;
/** Rule comments are cut to this many characters (nft stores at most 128 bytes). */
const COMMENT_MAX = 120;

export interface FilterContext {
  readonly node: string;
  readonly ifaces: readonly Iface[];
  readonly routes: readonly Route[];
  readonly sysctls: readonly Sysctl[];
}

/** The checked filter of a node, or undefined when it has none (or it has errors, reported). */
export function checkFilter(
  decl: NodeDecl,
  ctx: FilterContext,
  diagnostics: Diagnostics,
): Filter | undefined {
  if (decl.filters.length === 0 && decl.nfts.length === 0) return undefined;
  return new FilterChecker(ctx, diagnostics).run(decl);
}

const ALL_FAMILIES: readonly Family[] = [4, 6];

type RuleDecl = Extract<FilterDecl, { kind: "rule" }>;
/** A rule's clauses by meaning (see `meaning`). */
type Clauses = ReadonlyMap<string, PropDecl>;

/** What a rule's families are narrowed by, once parsed. */
interface Narrowing {
  readonly saddr: readonly Cidr[];
  readonly daddr: readonly Cidr[];
  readonly protocol: Protocol | undefined;
  readonly to: NatTo | undefined;
}

class FilterChecker {
  /** Errors reported so far: a rule with any is left out, and the filter with them. */
  private errors = 0;

  constructor(
    private readonly ctx: FilterContext,
    private readonly diagnostics: Diagnostics,
  ) {}

  run(decl: NodeDecl): Filter | undefined {
    const policies: Policy[] = [];
    const rules: Rule[] = [];
    for (const item of decl.filters) {
      if (item.kind === "policy") {
        const chain = item.chain.text;
        const verdict = item.verdict.text;
        if (!isChain(chain) || (verdict !== "accept" && verdict !== "drop")) continue; // the parser admits no other
        const first = policies.find((p) => p.chain === chain);
        if (first) {
          this.error("OT1016", `the policy of chain \`${chain}\` is set twice in \`${this.ctx.node}\``, {
            span: item.span,
            labels: [{ span: first.span, message: "first set here" }],
            help: "a chain has one policy; keep one `policy` line",
          });
          continue;
        }
        policies.push({ chain, verdict, span: item.span });
      } else {
        const rule = this.rule(item);
        if (rule) rules.push(rule);
      }
    }
    this.forwarding(decl, policies, rules);
    const raw = decl.nfts.map((n) => ({ text: nftText(n.text), span: n.span })).filter((n) => n.text !== "");
    if (this.errors > 0) return undefined;
    const first = decl.filters[0]?.span ?? decl.nfts[0]?.span ?? decl.span;
    return { policies, rules, raw, span: first };
  }

  private error(...args: Parameters<Diagnostics["error"]>): void {
    this.diagnostics.error(...args);
    this.errors++;
  }

  private rule(r: RuleDecl): Rule | undefined {
    const before = this.errors;
    const clauses = this.clauses(r.clauses);
    const has = (key: string) => clauses.get(key);
    const action = r.action.text;
    const chain = r.chain && isChain(r.chain.text) ? r.chain.text : undefined;

    const iif = this.ifaces(has("in"));
    const oif = this.ifaces(has("out"));
    const saddr = this.addresses(has("saddr"));
    const daddr = this.addresses(has("daddr"));
    const protoClause = has("protocol");
    const protocol = protoClause && isProtocol(protoClause.key) ? protoClause.key : undefined;
    const sport = this.ports(has("sport"));
    const dport = this.ports(has("dport"));
    const ct = this.ctStates(has("ct"));
    const log = this.logPrefix(has("log"), chain ?? action, chain ? action : "");

    this.portsNeedProtocol(clauses, protocol, protoClause);
    this.unknowableInterfaces(clauses, chain, action);
    const to = this.natTarget(r, protocol, protoClause);
    const families = this.families(r, clauses, { saddr, daddr, protocol, to }, before);
    if (action === "dnat" && to && r.target) this.reachable(to.address, r.target);

    if (this.errors !== before) return undefined;
    const match: Match = {
      iif,
      oif,
      saddr,
      daddr,
      ...(protocol ? { protocol } : {}),
      sport,
      dport,
      ct,
      families,
    };
    const base = {
      match,
      counter: has("counter") !== undefined,
      ...(log !== undefined ? { log } : {}),
      text: ruleText(r),
      span: r.span,
    };
    switch (action) {
      case "masquerade":
        return { kind: "masquerade", ...base };
      case "snat":
      case "dnat":
        return to ? { kind: action, to, ...base } : undefined;
      default:
        return chain && isVerdict(action) ? { kind: "filter", chain, verdict: action, ...base } : undefined;
    }
  }

  /** Ports belong to tcp and udp: a port match needs one of them. */
  private portsNeedProtocol(
    clauses: Clauses,
    protocol: Protocol | undefined,
    protoClause: PropDecl | undefined,
  ): void {
    for (const key of ["sport", "dport"] as const) {
      const c = clauses.get(key);
      if (!c) continue;
      if (protocol === undefined)
        this.error("OT4008", `\`${key}\` needs a protocol`, {
          span: c.keySpan,
          help: `write the protocol before the port: \`tcp ${key} ${c.args[0]?.text ?? "80"}\` or \`udp ${key} …\``,
        });
      else if (protocol === "icmp" || protocol === "icmpv6")
        this.error("OT4006", `this rule can never match: ${protocol} has no ports`, {
          span: c.keySpan,
          labels: protoClause ? [{ span: protoClause.keySpan, message: `the protocol is ${protocol}` }] : [],
          help: "ports belong to tcp and udp; remove the port or change the protocol",
        });
    }
  }

  /** Interfaces the hook cannot know: they never match. */
  private unknowableInterfaces(clauses: Clauses, chain: Chain | undefined, action: string): void {
    const never = (c: PropDecl | undefined, message: string, help: string) => {
      if (c) this.error("OT4006", `this rule can never match: ${message}`, { span: c.keySpan, help });
    };
    if (chain === "input")
      never(
        clauses.get("out"),
        "packets delivered to the node itself have no output interface",
        "match the interface they arrive on with `in`",
      );
    if (chain === "output")
      never(
        clauses.get("in"),
        "packets the node sends have no input interface",
        "match the interface they leave by with `out`",
      );
    if (action === "dnat")
      never(
        clauses.get("out"),
        "dnat happens before routing, when the output interface is not yet known",
        "match where packets arrive with `in`, or filter by output interface in a forward rule",
      );
    if ((action === "masquerade" || action === "snat") && clauses.get("in"))
      this.error("OT4008", `\`in\` cannot be matched in a ${action} rule`, {
        span: clauses.get("in")?.keySpan,
        notes: ["source addresses are translated after routing, where iptables knows no input interface"],
        help: "match the sender with `saddr`, or choose the output interface with `out`",
      });
  }

  /** The target of snat and dnat, which only they take. */
  private natTarget(
    r: RuleDecl,
    protocol: Protocol | undefined,
    protoClause: PropDecl | undefined,
  ): NatTo | undefined {
    const action = r.action.text;
    if (action === "snat" || action === "dnat") {
      if (r.target) return this.target(r.target, protocol, protoClause);
      this.error("OT4008", `\`${action}\` needs a target`, {
        span: r.action.span,
        help:
          action === "dnat"
            ? "add `to ADDRESS[:PORT]`, for example `dnat in wan tcp dport 80 to 10.2.0.10:8080`"
            : "add `to ADDRESS`, for example `snat out wan to 203.0.113.1`",
      });
    } else if (r.target) {
      this.error("OT4008", `\`to\` applies only to \`snat\` and \`dnat\``, {
        span: r.target.span,
        help:
          action === "masquerade"
            ? "masquerade takes the address of the output interface; use `snat … to ADDRESS` for another"
            : "remove `to …`",
      });
    }
    return undefined;
  }

  /**
   * The address families the rule can match: every match that names one narrows them. A
   * rule left with none is reported, unless it has other errors already (since `before`).
   */
  private families(r: RuleDecl, clauses: Clauses, m: Narrowing, before: number): Family[] {
    let families: Family[] = [...ALL_FAMILIES];
    const reasons: { span: Span; message: string }[] = [];
    const narrow = (allowed: readonly Family[], span: Span, message: string) => {
      families = families.filter((f) => allowed.includes(f));
      reasons.push({ span, message });
    };
    const sa = clauses.get("saddr");
    const da = clauses.get("daddr");
    const protoClause = clauses.get("protocol");
    if (sa && m.saddr.length)
      narrow(familiesOf(m.saddr), sa.span, `${describeFamilies(familiesOf(m.saddr))} sources`);
    if (da && m.daddr.length)
      narrow(familiesOf(m.daddr), da.span, `${describeFamilies(familiesOf(m.daddr))} destinations`);
    if (m.protocol === "icmp" && protoClause) narrow([4], protoClause.keySpan, "icmp is IPv4's");
    if (m.protocol === "icmpv6" && protoClause) narrow([6], protoClause.keySpan, "icmpv6 is IPv6's");
    if (m.to && r.target) narrow([m.to.address.family], r.target.span, `an IPv${m.to.address.family} target`);
    if (families.length === 0 && this.errors === before) {
      const [first, ...rest] = reasons;
      this.error("OT4006", "this rule can never match: it mixes IPv4 and IPv6", {
        span: first?.span ?? r.span,
        ...(first ? { label: first.message } : {}),
        labels: rest.map((x) => ({ span: x.span, message: x.message })),
        help: "a packet is IPv4 or IPv6: write one rule per family",
      });
    }
    return families;
  }

  /** The clauses by meaning; a meaning given twice is an error. */
  private clauses(list: readonly PropDecl[]): Map<string, PropDecl> {
    const out = new Map<string, PropDecl>();
    for (const c of list) {
      const key = meaning(c.key);
      const first = out.get(key);
      if (!first) {
        out.set(key, c);
        continue;
      }
      if (key === "protocol" && first.key !== c.key)
        this.error("OT4006", `this rule can never match: a packet is not both ${first.key} and ${c.key}`, {
          span: c.keySpan,
          labels: [{ span: first.keySpan, message: `${first.key} here` }],
          help: "write one rule per protocol",
        });
      else
        this.error(
          "OT4008",
          key === "ct"
            ? "the connection state is given twice in one rule"
            : `\`${c.key}\` is given twice in one rule`,
          {
            span: c.keySpan,
            labels: [{ span: first.keySpan, message: "first given here" }],
            help:
              key === "ct"
                ? "`established` is short for `ct state established,related`; keep one of them"
                : "give a list instead: `dport 80,443`, `saddr 10.1.0.0/24,10.2.0.0/24`",
          },
        );
    }
    return out;
  }

  private ifaces(c: PropDecl | undefined): string[] {
    const arg = c?.args[0];
    if (!arg) return [];
    const names = arg.text.split(",");
    const known = ["lo", ...this.ctx.ifaces.map((i) => i.name)];
    const out: string[] = [];
    for (const name of names) {
      if (known.includes(name)) {
        if (!out.includes(name)) out.push(name);
        continue;
      }
      const guess = name ? closest(name, known) : undefined;
      this.error(
        "OT4003",
        name ? `node \`${this.ctx.node}\` has no interface \`${name}\`` : "an empty interface name in a list",
        {
          span: arg.span,
          help: guess
            ? `did you mean \`${guess}\`?`
            : `the interfaces of \`${this.ctx.node}\` are ${known.map((k) => `\`${k}\``).join(", ")}`,
        },
      );
    }
    return out;
  }

  private addresses(c: PropDecl | undefined): Cidr[] {
    const arg = c?.args[0];
    if (!arg) return [];
    const out: Cidr[] = [];
    for (const item of arg.text.split(",")) {
      const parsed = item.includes("/") ? parseCidr(item) : hostPrefix(item);
      if (!parsed.ok) {
        this.error("OT2001", `invalid address \`${item}\` in \`${c.key}\``, {
          span: arg.span,
          label: parsed.reason,
          help: "write addresses or prefixes, such as 10.1.0.0/24,10.9.0.1 or fd00:1::/64",
        });
        continue;
      }
      const cidr = parsed.value;
      const net = network(cidr);
      if (net.text !== cidr.text) {
        this.error("OT2001", `prefix \`${cidr.cidr}\` has host bits set`, {
          span: arg.span,
          help: `did you mean \`${net.cidr}\`?`,
        });
        continue;
      }
      if (!out.some((o) => o.cidr === cidr.cidr)) out.push(cidr);
    }
    return out;
  }

  private ports(c: PropDecl | undefined): PortRange[] {
    const arg = c?.args[0];
    if (!arg) return [];
    const out: PortRange[] = [];
    for (const item of arg.text.split(",")) {
      const range = parsePortRange(item);
      if (typeof range === "string")
        this.error("OT4005", `invalid port \`${item}\` in \`${c.key}\``, {
          span: arg.span,
          label: range,
          help: "a port is 1 to 65535; write ranges as FIRST-LAST and lists with commas: `80,443,8000-8080`",
        });
      else out.push(range);
    }
    return out;
  }

  private ctStates(c: PropDecl | undefined): CtState[] {
    if (!c) return [];
    if (c.key === "established") return ["related", "established"];
    const arg = c.args[0];
    if (!arg) return [];
    const states = new Set<CtState>();
    for (const item of arg.text.split(",")) {
      if ((CT_STATES as readonly string[]).includes(item)) states.add(item as CtState);
      else
        this.error("OT4008", `unknown connection state \`${item}\``, {
          span: arg.span,
          help: `the states are ${CT_STATES.map((s) => `\`${s}\``).join(", ")}, in a list such as \`ct state established,related\``,
        });
    }
    return CT_STATES.filter((s) => states.has(s));
  }

  private logPrefix(c: PropDecl | undefined, where: string, verdict: string): string | undefined {
    if (!c) return undefined;
    const arg = c.args[0];
    if (!arg) return defaultLogPrefix(this.ctx.node, where, verdict);
    // nft reads `$NAME` in a string as a variable, and a quote or backslash would end or
    // escape it: such a prefix could not be passed on as written.
    if (arg.text.length > LOG_PREFIX_MAX || !/^[\x20-\x7e]*$/.test(arg.text) || /["\\$]/.test(arg.text))
      this.error(
        "OT4008",
        `invalid log prefix ${JSON.stringify(arg.text.length > 60 ? `${arg.text.slice(0, 60)}…` : arg.text)}`,
        {
          span: arg.span,
          label:
            arg.text.length > LOG_PREFIX_MAX
              ? `${arg.text.length} characters`
              : "quotes, backslashes, `$` or non-ASCII",
          help: `a log prefix is at most ${LOG_PREFIX_MAX} printable ASCII characters without \`"\`, \`\\\` or \`$\` (nft would read \`$NAME\` as a variable)`,
        },
      );
    return arg.text;
  }

  private target(
    t: NatTargetDecl,
    protocol: Protocol | undefined,
    protoClause: PropDecl | undefined,
  ): NatTo | undefined {
    const help = "write `to 10.2.0.10`, `to 10.2.0.10:8080`, `to fd00:2::10` or `to [fd00:2::10]:8080`";
    let address: Ip | undefined;
    let portText: string | undefined;
    if (t.bracketed) {
      const ip = parseIp(t.address.text);
      if (!ip.ok || ip.value.family !== 6) {
        this.error("OT2001", `invalid address \`${t.address.text}\` in \`[ ]\``, {
          span: t.address.span,
          label: ip.ok ? "brackets are for IPv6 addresses" : ip.reason,
          help,
        });
        return undefined;
      }
      address = ip.value;
      if (t.port) portText = t.port.text.slice(1);
    } else {
      const ip = parseIp(t.address.text);
      const m = /^([0-9.]+):([^:]*)$/.exec(t.address.text);
      const v4 = m?.[1] !== undefined ? parseIp(m[1]) : undefined;
      if (ip.ok) address = ip.value;
      else if (v4?.ok && v4.value.family === 4) {
        address = v4.value;
        portText = m?.[2] ?? "";
      } else {
        this.error("OT2001", `invalid address \`${t.address.text}\` after \`to\``, {
          span: t.address.span,
          label: ip.reason,
          help: `${help}; an IPv6 address with a port goes in brackets`,
        });
        return undefined;
      }
    }
    if (portText === undefined) return { address };
    const ports = parsePortRange(portText);
    if (typeof ports === "string") {
      this.error("OT4005", `invalid port \`${portText}\` in the target`, {
        span: t.port?.span ?? t.address.span,
        label: ports,
        help: "a port is 1 to 65535, or a range FIRST-LAST",
      });
      return undefined;
    }
    if (protocol !== "tcp" && protocol !== "udp") {
      this.error("OT4008", "a port in the target needs `tcp` or `udp`", {
        span: t.port?.span ?? t.address.span,
        ...(protoClause
          ? { labels: [{ span: protoClause.keySpan, message: `the protocol is ${protoClause.key}` }] }
          : {}),
        help: "ports are translated for tcp and udp only: add `tcp` (and usually `dport`) to the rule",
      });
      return undefined;
    }
    return { address, ports };
  }

  /** A dnat target must be reachable from the node: on a connected subnet or a route's. */
  private reachable(address: Ip, t: NatTargetDecl): void {
    const connected = this.ctx.ifaces.flatMap((i) =>
      i.addresses.filter((a) => a.family === address.family).map((a) => ({ net: network(a), iface: i.name })),
    );
    if (connected.some((c) => contains(c.net, address))) return;
    if (this.ctx.routes.some((r) => r.destination.prefix > 0 && contains(r.destination, address))) return;
    this.error("OT4004", `dnat target ${address.text} is on no subnet connected to \`${this.ctx.node}\``, {
      span: t.address.span,
      notes: [
        connected.length
          ? `connected IPv${address.family} subnets: ${connected.map((c) => `${c.net.cidr} on ${c.iface}`).join(", ")}`
          : `\`${this.ctx.node}\` has no IPv${address.family} address`,
      ],
      help: "translate to a host on one of those subnets, or add a route (other than the default) that leads to it",
    });
  }

  /** Forward rules on a node that does not forward never see a packet: say so (a warning). */
  private forwarding(decl: NodeDecl, policies: readonly Policy[], rules: readonly Rule[]): void {
    const forwards = (family: Family) =>
      this.ctx.sysctls.some(
        (s) =>
          s.value === "1" &&
          s.key === (family === 4 ? "net.ipv4.ip_forward" : "net.ipv6.conf.all.forwarding"),
      );
    if (forwards(4) || forwards(6)) return;
    const forwardRule =
      rules.find((r) => r.kind === "filter" && r.chain === "forward")?.span ??
      policies.find((p) => p.chain === "forward" && p.verdict === "drop")?.span;
    if (forwardRule) {
      this.diagnostics.error(
        "OT4007",
        `node \`${this.ctx.node}\` does not forward, but its filter has forward rules`,
        {
          span: forwardRule,
          labels: [{ span: decl.name.span, message: "this node" }],
          notes: ["forward rules see only packets the node routes from one interface to another"],
          help: "add `forward` to the node to make it a router, or use `input` rules for traffic to the node itself",
        },
      );
      return;
    }
    const own = this.ctx.ifaces.flatMap((i) => i.addresses.map((a) => a.text));
    const dnat = rules.find((r) => r.kind === "dnat" && !own.includes(r.to.address.text));
    if (dnat)
      this.diagnostics.error(
        "OT4007",
        `node \`${this.ctx.node}\` does not forward, but dnat sends packets on`,
        {
          span: dnat.span,
          labels: [{ span: decl.name.span, message: "this node" }],
          help: "add `forward` to the node so that translated packets are routed to their new destination",
        },
      );
  }
}

/** Clause keys by meaning: `count` is `counter`, `established` a connection state, tcp… a protocol. */
function meaning(key: string): string {
  if (key === "count") return "counter";
  if (key === "established") return "ct";
  if (isProtocol(key)) return "protocol";
  return key;
}

/** An address as the prefix of just itself: 10.0.0.1/32, fd00::1/128. */
function hostPrefix(text: string): Parsed<Cidr> {
  const ip = parseIp(text);
  if (!ip.ok) return ip;
  const prefix = ip.value.family === 4 ? 32 : 128;
  return { ok: true, value: withPrefix(ip.value, prefix) };
}

/** `80`, `1000-2000`: a range, or why not. */
export function parsePortRange(text: string): PortRange | string {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) return "not a port number or range";
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  if (first < 1 || first > 65535 || last < 1 || last > 65535) return "ports are 1 to 65535";
  if (last < first) return `the range runs backwards: did you mean ${last}-${first}?`;
  return { first, last };
}

function familiesOf(list: readonly Cidr[]): Family[] {
  return ALL_FAMILIES.filter((f) => list.some((c) => c.family === f));
}

function describeFamilies(families: readonly Family[]): string {
  return families.length === 2 ? "IPv4 and IPv6" : `IPv${families[0]}`;
}

function defaultLogPrefix(node: string, where: string, verdict: string): string {
  return `${`${node} ${where}${verdict ? ` ${verdict}` : ""}`.slice(0, LOG_PREFIX_MAX - 2)}: `;
}

/** The rule as one line, from its expanded words: a comment safe in nft and iptables-restore. */
function ruleText(r: RuleDecl): string {
  const words: string[] = [];
  if (r.chain) words.push(r.chain.text);
  words.push(r.action.text);
  for (const c of r.clauses) {
    if (c.key === "ct") words.push("ct", "state", ...c.args.map((a) => a.text));
    else if (c.key === "log")
      words.push("log"); // the prefix is in the log statement itself
    else words.push(c.key, ...c.args.map((a) => a.text));
  }
  if (r.target) {
    const address = r.target.bracketed ? `[${r.target.address.text}]` : r.target.address.text;
    words.push("to", `${address}${r.target.port?.text ?? ""}`);
  }
  return commentText(words.join(" "));
}

/** Only characters that need no escaping inside double quotes in nft and iptables-restore. */
export function commentText(text: string): string {
  return text.replace(/[^A-Za-z0-9 _.,:/+%@*=[\]-]/g, "_").slice(0, COMMENT_MAX);
}
