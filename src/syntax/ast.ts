// The syntax tree. Every node carries the span it was parsed from; nothing here is
// evaluated: words keep their interpolations until the model expands them.

import type { Span } from "../diagnostics/source.js";
import type { WordPart } from "./lexer.js";

/** A bare word, possibly with `{expr}` interpolations. */
export interface Word {
  readonly kind: "word";
  readonly parts: readonly WordPart[];
  readonly span: Span;
}

/** A double-quoted string: literal, never interpolated. */
export interface Str {
  readonly kind: "string";
  readonly value: string;
  readonly span: Span;
}

export type Value = Word | Str;

/** `lo..hi`, inclusive; each bound is a word evaluating to an integer. */
export interface Range {
  readonly from: Word;
  readonly to: Word;
  readonly span: Span;
}

/** `pc` or `pc[1..50]`: a name, or a family of names indexed by `i`. */
export interface NamePattern {
  readonly name: Word;
  readonly range?: Range;
  readonly span: Span;
}

/** `mtu 1400`, `mac 02:00:00:00:00:01`: a keyword and its arguments. */
export interface Property {
  readonly key: string;
  readonly keySpan: Span;
  readonly args: readonly Value[];
  readonly span: Span;
}

export interface LabStmt {
  readonly kind: "lab";
  readonly name: Word;
  readonly span: Span;
}

export interface ParamStmt {
  readonly kind: "param";
  readonly name: Word;
  readonly value: Value;
  readonly span: Span;
}

export interface SwitchStmt {
  readonly kind: "switch";
  readonly name: NamePattern;
  readonly props: readonly Property[];
  readonly span: Span;
}

export interface NodeStmt {
  readonly kind: "node";
  readonly name: NamePattern;
  /** `on MACHINE`: the machine the node is on (src/model/machines.ts). */
  readonly on?: Word;
  readonly body: readonly NodeBodyStmt[];
  readonly span: Span;
}

/** `machine NAME[RANGE] ADDRESS [OPTION…] [{ OPTION… }]`: a host of the lab, by its underlay address. */
export interface MachineStmt {
  readonly kind: "machine";
  readonly name: NamePattern;
  readonly address: Word;
  /** `ssh DEST`, `ssh-option KEY VALUE`, `mtu N`. */
  readonly props: readonly Property[];
  readonly span: Span;
}

/** `on MACHINE` at the top level: the machine of every node that names none. */
export interface OnStmt {
  readonly kind: "on";
  readonly machine: Word;
  readonly span: Span;
}

/** `vxlan [port N] [vni N]`: how tunnels between machines are made. */
export interface VxlanStmt {
  readonly kind: "vxlan";
  readonly props: readonly Property[];
  readonly span: Span;
}

export interface ForStmt<T> {
  readonly kind: "for";
  readonly variable: Word;
  readonly range: Range;
  readonly body: readonly T[];
  readonly span: Span;
}

/** `if CONDITION { … } [else { … }]`; `else if` is an `if` alone in `otherwise`. */
export interface IfStmt<T> {
  readonly kind: "if";
  readonly condition: Expression;
  readonly body: readonly T[];
  readonly otherwise?: readonly T[];
  readonly span: Span;
}

/**
 * An expression written outside braces — `k > 1 and k < n` after `if`, `net(hops, 31, k)`
 * after `let p =` — as text, evaluated by the model (src/model/expr.ts).
 */
export interface Expression {
  readonly source: string;
  readonly span: Span;
}

/** `let NAME = EXPR`: NAME holds EXPR's value in the rest of the block. */
export interface LetStmt {
  readonly kind: "let";
  readonly name: Word;
  readonly value: Expression;
  readonly span: Span;
}

/** One end of a `link`: `r1.eth1 10.0.0.0/31 mtu 9000`. */
export interface LinkEnd {
  /** `NODE.IFACE` */
  readonly target: Word;
  readonly addresses: readonly Word[];
  readonly props: readonly Property[];
  readonly span: Span;
}

/** `link A.x [ADDR…] -- B.y [ADDR…] [{ OPTION… }]`: a point-to-point link, both ends in one place. */
export interface LinkStmt {
  readonly kind: "link";
  readonly a: LinkEnd;
  readonly b: LinkEnd;
  /** Options of the block: they apply to both ends. */
  readonly props: readonly Property[];
  readonly span: Span;
}

/** `include "parts/routers.otop"`: resolved before expansion (src/model/sources.ts). */
export interface IncludeStmt {
  readonly kind: "include";
  readonly path: Value;
  readonly span: Span;
}

/** `param NAME [= DEFAULT]` at the top level of a template's body. */
export interface TemplateParam {
  readonly name: Word;
  readonly value?: Value;
  readonly span: Span;
}

/** `template NAME { param…; node statements… }`: a node body that nodes `use`. */
export interface TemplateStmt {
  readonly kind: "template";
  readonly name: Word;
  readonly params: readonly TemplateParam[];
  readonly body: readonly NodeBodyStmt[];
  readonly span: Span;
}

/** `use NAME ARG=VALUE…` in a node body: the template's statements, with its parameters bound. */
export interface UseStmt {
  readonly kind: "use";
  readonly name: Word;
  readonly args: readonly UseArg[];
  readonly span: Span;
}

export interface UseArg {
  readonly name: Word;
  readonly value: Value;
  readonly span: Span;
}

export type TopStmt =
  | LabStmt
  | ParamStmt
  | SwitchStmt
  | NodeStmt
  | MachineStmt
  | OnStmt
  | VxlanStmt
  | IsolationStmt
  | LinkStmt
  | IncludeStmt
  | TemplateStmt
  | LetStmt
  | ExpectStmt
  | ForStmt<TopStmt>
  | IfStmt<TopStmt>;

// ---- expectations (docs/expectations.md) -------------------------------------------------

/**
 * One end of an expectation as written: a node (`pc1`), a range of nodes (`pc[1..3]`), an
 * interface (`web.eth0`, `pc[1..3].eth0`: the suffix is glued to the `]`) or an address.
 * What it names is resolved by the model (src/model/expect/).
 */
export interface ExpectEnd {
  readonly pattern: NamePattern;
  /** `.eth0` right after `]`. */
  readonly suffix?: Word;
  readonly span: Span;
}

/** `expect SRC -> DST [PROTO [PORT]] [via NODE] [-4|-6]`, or `!->` for "must not reach". */
export interface ExpectStmt {
  readonly kind: "expect";
  readonly from: ExpectEnd;
  /** `->` (true) or `!->` (false). */
  readonly reach: boolean;
  readonly arrow: Span;
  readonly to: ExpectEnd;
  /** The words after the destination, checked by the model. */
  readonly args: readonly Word[];
  readonly span: Span;
}

/** `eth0 -> lan 10.0.0.1/24 { mtu 1400 }` */
export interface IfaceStmt {
  readonly kind: "iface";
  readonly name: Word;
  /** The word after `->`: a switch, `node.iface`, or `host`. */
  readonly target?: Word;
  readonly addresses: readonly Word[];
  readonly props: readonly Property[];
  readonly span: Span;
}

export interface RouteStmt {
  readonly kind: "route";
  /** `default` or a prefix. */
  readonly destination: Word;
  readonly props: readonly Property[];
  readonly span: Span;
}

export interface ForwardStmt {
  readonly kind: "forward";
  readonly span: Span;
}

export interface SysctlStmt {
  readonly kind: "sysctl";
  readonly key: Word;
  readonly value: Value;
  readonly span: Span;
}

// ---- isolation (docs/language.md, "Isolation, limits and services") ---------------------

/** What a node isolates and runs: `isolate`, `hostname`, `mount`, `bind`, `root`, `limit`, `run`. */
export type IsolationKeyword = "isolate" | "hostname" | "mount" | "bind" | "root" | "limit" | "run";

/**
 * An isolation statement: its keyword and its arguments as written (words and strings).
 * Their shape is checked by the model (src/model/isolation.ts), which can say more
 * precisely what is wrong than a grammar could. At top level only `isolate` (the lab's default).
 */
export interface IsolationStmt {
  readonly kind: "isolation";
  readonly keyword: IsolationKeyword;
  readonly keywordSpan: Span;
  readonly args: readonly Value[];
  readonly span: Span;
}

export type NodeBodyStmt =
  | IfaceStmt
  | RouteStmt
  | ForwardStmt
  | SysctlStmt
  | FilterStmt
  | NftStmt
  | IsolationStmt
  | UseStmt
  | LetStmt
  | ForStmt<NodeBodyStmt>
  | IfStmt<NodeBodyStmt>;

// ---- filters (docs/language.md, "Packet filters and NAT") -------------------------------------------------

/** A keyword as written, with its place: `forward`, `accept`, `dnat`. */
export interface Keyword {
  readonly text: string;
  readonly span: Span;
}

/** `filter { … }`: the node's packet filter and NAT, one nftables table in its namespace. */
export interface FilterStmt {
  readonly kind: "filter";
  readonly body: readonly FilterBodyStmt[];
  readonly span: Span;
}

/** `forward policy drop` */
export interface FilterPolicyStmt {
  readonly kind: "policy";
  readonly chain: Keyword;
  readonly verdict: Keyword;
  readonly span: Span;
}

/**
 * `forward accept in eth0 tcp dport 80` (a chain and a verdict) or
 * `dnat in wan tcp dport 80 to 10.2.0.10:8080` (a NAT action; `nat` before it is optional).
 */
export interface FilterRuleStmt {
  readonly kind: "rule";
  /** input, forward or output; absent for NAT. */
  readonly chain?: Keyword;
  /** accept, drop, reject, masquerade, snat or dnat. */
  readonly action: Keyword;
  /** Matches and options in the order written; `ct state X` is key `ct`. */
  readonly clauses: readonly Property[];
  readonly target?: NatTarget;
  readonly span: Span;
}

/** `to 10.2.0.10:8080`, `to [fd00:2::10]:8080`, `to fd00:2::10` */
export interface NatTarget {
  readonly address: Value;
  /** `:8080` after a bracketed IPv6 address. */
  readonly port?: Word;
  readonly bracketed: boolean;
  readonly span: Span;
}

export type FilterBodyStmt =
  | FilterPolicyStmt
  | FilterRuleStmt
  | LetStmt
  | ForStmt<FilterBodyStmt>
  | IfStmt<FilterBodyStmt>;

/** `nft { … }`: literal nftables text, applied in the node as written. */
export interface NftStmt {
  readonly kind: "nft";
  readonly text: string;
  readonly textSpan: Span;
  readonly span: Span;
}

export interface LabFile {
  readonly statements: readonly TopStmt[];
  readonly span: Span;
}
