// The lab's names: its own, its switches', its nodes' and their interfaces', declared once
// each (OT1001–OT1005, OT1013), and the diagnostics sink every later check reports into.

import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { type SourceFile, type Span, spanOf } from "../diagnostics/source.js";
import type { Decls, IfaceDecl, NodeDecl, SwitchDecl, Text } from "./expand.js";
import { IFNAME_MAX, LAB_NAME_MAX, NODE_NAME_MAX } from "./names.js";
import type { Shaping, ShapingDecl } from "./shaping.js";
import { type Address, checkName, parseAddress, parseMtu } from "./values.js";

export interface SwitchState {
  readonly decl: SwitchDecl;
  mtu?: number;
  /** `vlan-aware`: ports carry VLANs (`access`, `trunk`), the bridge filters by them. */
  vlanAware?: Span;
  /** The machines its ports are on (a lab with machines): a bridge on each. */
  machines?: readonly string[];
  /** The VNI of the tunnel that joins its bridges, when they are several. */
  vni?: number;
}

/** An interface as the checker knows it: its values parsed, its links once attached. */
export interface IfaceState {
  readonly node: NodeDecl;
  readonly decl: IfaceDecl;
  readonly addresses: Address[];
  mtu?: number;
  mac?: string;
  /** The link that creates the interface (index into the lab's links); at most one. */
  creator?: number;
  /** Links that use the interface as their parent device; any number. */
  readonly users: number[];
  /** Its shaping as written; where it lands (`egress`, `ingress`) once linked. */
  shaping?: ShapingDecl;
  egress?: Shaping;
  ingress?: Shaping;
}

/**
 * What the link kinds say about words, for checks that sit below them (src/model/links/
 * builds it from the kinds' table): which words name targets, which are reserved.
 */
export interface LinkWords {
  /** Whether a word written where an address belongs names a link target (OT2001's hint). */
  namesTarget(scope: Scope, word: string): boolean;
  /** Words that name a kind's target by themselves, with what each stands for. */
  readonly reserved: ReadonlyMap<string, string>;
  /** Every kind's target but `kind`'s, for a message: "`NODE.IFACE` or `host`". */
  otherTargets(kind: string): string;
  /** Every way to link `iface`: "`eth0 -> SWITCH`, `eth0 -> NODE.IFACE` or `eth0 -> host`". */
  targetsFor(iface: string): string;
}

export class Scope {
  labName = "";
  readonly switches = new Map<string, SwitchState>();
  readonly nodes = new Map<string, NodeDecl>();
  /** node → interface → state */
  readonly ifaces = new Map<string, Map<string, IfaceState>>();

  constructor(
    readonly diagnostics: Diagnostics,
    readonly file: SourceFile | undefined,
    /** The link kinds' words: they know them, and they sit above this module. */
    readonly words: LinkWords,
  ) {}

  iface(node: string, name: string): IfaceState | undefined {
    return this.ifaces.get(node)?.get(name);
  }

  ifacesOf(node: string): ReadonlyMap<string, IfaceState> {
    return this.ifaces.get(node) ?? new Map<string, IfaceState>();
  }

  /** An interface's address (or the host's side of a link). */
  address(t: Text, onLo = false): Address | undefined {
    return parseAddress(this.diagnostics, t, this.namesTarget, onLo);
  }

  /** Whether a word names a link target: made once, not a closure for each address read. */
  private readonly namesTarget = (word: string): boolean => this.words.namesTarget(this, word);
}

/** The lab's name and where it is declared; undefined when it has none that is usable. */
export function declareLab(scope: Scope, decls: Decls): Span | undefined {
  const [first, ...rest] = decls.labs;
  if (!first) {
    scope.diagnostics.error("OT1001", "the lab has no name", {
      ...(scope.file ? { span: spanOf(scope.file, 0, 0) } : {}),
      help: "start the file with `lab NAME`, for example `lab office`; every kernel object of the lab carries it",
    });
    return undefined;
  }
  for (const again of rest)
    scope.diagnostics.error("OT1002", "the lab is named twice", {
      span: again.span,
      labels: [{ span: first.span, message: "first named here" }],
      help: "one file describes one lab: keep one `lab` line",
    });
  if (!checkName(scope.diagnostics, first, "lab", LAB_NAME_MAX)) return undefined;
  scope.labName = first.text;
  return first.span;
}

export function declareSwitch(scope: Scope, s: SwitchDecl): void {
  // A switch becomes a bridge of the same name, so its name is an interface name.
  if (!checkName(scope.diagnostics, s.name, "switch", IFNAME_MAX)) return;
  if (scope.words.reserved.has(s.name.text)) {
    reserved(scope, s.name, "switch");
    return;
  }
  const first = scope.switches.get(s.name.text);
  if (first) {
    duplicate(scope, s.name, first.decl.name, "switch");
    return;
  }
  const entry: SwitchState = { decl: s };
  for (const p of s.props) {
    if (p.key === "vlan-aware") entry.vlanAware ??= p.keySpan;
    if (p.key !== "mtu") continue;
    const mtu = parseMtu(scope.diagnostics, p);
    if (mtu !== undefined) entry.mtu = mtu;
  }
  scope.switches.set(s.name.text, entry);
}

/** Declares a node with no interfaces yet (ifaces.ts reads them); false if it is refused. */
export function declareNode(scope: Scope, n: NodeDecl): boolean {
  if (!checkName(scope.diagnostics, n.name, "node", NODE_NAME_MAX)) return false;
  if (scope.words.reserved.has(n.name.text)) {
    reserved(scope, n.name, "node");
    return false;
  }
  const first = scope.nodes.get(n.name.text);
  if (first) {
    duplicate(scope, n.name, first.name, "node");
    return false;
  }
  const sw = scope.switches.get(n.name.text);
  if (sw) {
    duplicate(scope, n.name, sw.decl.name, "switch");
    return false;
  }
  scope.nodes.set(n.name.text, n);
  scope.ifaces.set(n.name.text, new Map());
  return true;
}

function reserved(scope: Scope, t: Text, what: string): void {
  scope.diagnostics.error("OT1013", `\`${t.text}\` cannot name a ${what}`, {
    span: t.span,
    help: `\`${t.text}\` stands for ${scope.words.reserved.get(t.text)} in \`-> ${t.text}\`; choose another name`,
  });
}

function duplicate(scope: Scope, t: Text, first: Text, firstKind: string): void {
  if (t.span.start === first.span.start && t.span.end === first.span.end) {
    scope.diagnostics.error("OT1005", `this statement declares \`${t.text}\` more than once`, {
      span: t.span,
      help: "the copies made by its range or loop overlap; make the names differ (for example with both indexes)",
    });
    return;
  }
  scope.diagnostics.error("OT1005", `the name \`${t.text}\` is already used`, {
    span: t.span,
    labels: [{ span: first.span, message: `first used here, by a ${firstKind}` }],
    help: "nodes and switches share one set of names; rename one of them",
  });
}
