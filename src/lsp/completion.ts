// Completion: what may be written at a place. The place is read from the tokens before it
// — which block it is in (a node, a filter, a block of options), the statement's words so
// far — so that it works on a file that does not parse yet, as a file being typed rarely
// does. Names come from the checked model when the lab last compiled, and from the words
// of the file as it is now.

import { sourceFile } from "../diagnostics/source.js";
import { ASPECTS, LIMIT_KINDS } from "../model/isolation.js";
import type { Lab } from "../model/model.js";
import { assertNever } from "../never.js";
import { CHAINS, NAT_ACTIONS, RULE_CLAUSES, SPECIAL_CLAUSES, VERDICTS } from "../syntax/filter.js";
import { Lexer, type Token } from "../syntax/lexer.js";
import {
  IFACE_OPTIONS,
  LINK_SEPARATOR,
  MACHINE_OPTIONS,
  NODE_STATEMENTS,
  ROUTE_OPTIONS,
  SWITCH_OPTIONS,
  TOP_KEYWORDS,
  VXLAN_OPTIONS,
} from "../syntax/parser.js";

/** The names a lab declares: nodes with their interfaces, switches, templates, machines. */
export interface Names {
  readonly nodes: ReadonlyMap<string, ReadonlySet<string>>;
  readonly switches: ReadonlySet<string>;
  readonly templates: ReadonlySet<string>;
  readonly machines: ReadonlySet<string>;
}

export type ItemKind = "keyword" | "node" | "switch" | "interface" | "template" | "endpoint" | "machine";

export interface Candidate {
  readonly label: string;
  readonly kind: ItemKind;
  readonly detail: string;
}

type BlockKind =
  | "top"
  | "node"
  | "filter"
  | "nft"
  | "switch-options"
  | "iface-options"
  | "machine-options"
  | "vxlan-options";

interface Block {
  readonly kind: BlockKind;
  /** The nodes whose body this is: one, a range's (`pc[1..3]`), or none (a template). */
  readonly nodes?: readonly string[];
}

/** What a token pass over a file (or the part before a place) learns. */
interface Scan {
  readonly blocks: readonly Block[];
  /** The words of the statement under way, at the innermost block. */
  readonly words: readonly Token[];
  readonly names: Names;
}

/** The words and braces of a text, block by block: a few dozen lines of bookkeeping. */
function scan(text: string): Scan {
  const lexer = new Lexer(sourceFile("completion.otop", text));
  const blocks: Block[] = [{ kind: "top" }];
  let words: Token[] = [];
  const nodes = new Map<string, Set<string>>();
  const switches = new Set<string>();
  const templates = new Set<string>();
  const machines = new Set<string>();
  const iface = (node: string | undefined, name: string) => {
    // An interface's name, or a VLAN sub-interface's (`eth0.10`).
    if (node === undefined || !/^[A-Za-z][A-Za-z0-9_-]*(\.\d+)?$/.test(name)) return;
    const set = nodes.get(node) ?? new Set<string>();
    nodes.set(node, set.add(name));
  };
  for (let t = lexer.next(); t.kind !== "eof"; t = lexer.next()) {
    const block = blocks.at(-1) ?? { kind: "top" };
    if (t.kind === "lbrace") {
      const inner = blockOf(words, block);
      if (inner.kind === "nft" && lexer.rawBlock())
        lexer.next(); // its `}`: nft text is no tokens
      else blocks.push(inner);
      words = [];
    } else if (t.kind === "rbrace" || t.kind === "newline") {
      if (t.kind === "rbrace" && blocks.length > 1) blocks.pop();
      words = [];
    } else {
      words.push(t);
      declare(words, block, { nodes, switches, templates, machines }, iface);
    }
  }
  for (const n of nodes.keys()) if (!plain(n)) nodes.delete(n);
  return { blocks, words, names: { nodes, switches, templates, machines } };
}

/** A name as written, without `{…}` to evaluate. */
function plain(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_-]*$/.test(name);
}

/** Records what the statement's words so far declare. */
function declare(
  words: readonly Token[],
  block: Block,
  names: {
    nodes: Map<string, Set<string>>;
    switches: Set<string>;
    templates: Set<string>;
    machines: Set<string>;
  },
  iface: (node: string | undefined, name: string) => void,
): void {
  const [first, second] = words.map((w) => w.text);
  const last = words.at(-1)?.text ?? "";
  const before = words.at(-2);
  if (words.length === 2 && block.kind === "top" && second !== undefined) {
    if (first === "node" && plain(second)) names.nodes.set(second, names.nodes.get(second) ?? new Set());
    if (first === "switch" && plain(second)) names.switches.add(second);
    if (first === "template" && plain(second)) names.templates.add(second);
    if (first === "machine" && plain(second)) names.machines.add(second);
  }
  if (words.length === 5 && block.kind === "top" && first === "node" && second !== undefined)
    for (const n of expandRange(second, words)) names.nodes.set(n, names.nodes.get(n) ?? new Set());
  if (words.length === 1 && block.kind === "node" && first !== undefined && !isNodeKeyword(first))
    for (const node of block.nodes ?? []) iface(node, first);
  // `A.x` after `->`, after `link` or after `--`: node A has interface x.
  const endpoint =
    before?.kind === "arrow" || (first === "link" && (words.length === 2 || before?.text === LINK_SEPARATOR));
  if (endpoint && /^[^.{]+\.[^.{]+$/.test(last)) {
    const [node, name] = last.split(".") as [string, string];
    if (node !== "host" && plain(node)) iface(node, name);
  }
}

/** `node pc[1..3]` as pc1 pc2 pc3, when the range is literal and small. */
function expandRange(name: string, words: readonly Token[]): string[] {
  const range = /^(\d+)\.\.(\d+)$/.exec(words[3]?.text ?? "");
  if (!plain(name) || words[2]?.kind !== "lbracket" || words[4]?.kind !== "rbracket" || !range) return [];
  const [from, to] = [Number(range[1]), Number(range[2])];
  if (to < from || to - from >= 256) return [];
  return Array.from({ length: to - from + 1 }, (_, k) => `${name}${from + k}`);
}

function isNodeKeyword(word: string): boolean {
  return (NODE_STATEMENTS as readonly string[]).includes(word);
}

/** The block a `{` opens, from the words of its statement. */
function blockOf(words: readonly Token[], outer: Block): Block {
  const first = words[0]?.text;
  switch (first) {
    case "node": {
      // `node NAME[RANGE] on MACHINE {`: the machine is not part of the name.
      const named = words.at(-2)?.text === "on" ? words.slice(0, -2) : words;
      const name = named[1]?.text ?? "";
      const nodes = named.length === 2 && plain(name) ? [name] : expandRange(name, named);
      return { kind: "node", nodes };
    }
    case "template":
      return { kind: "node" };
    case "filter":
      return { kind: "filter", ...(outer.nodes ? { nodes: outer.nodes } : {}) };
    case "nft":
      return { kind: "nft" };
    case "switch":
      return { kind: "switch-options" };
    case "machine":
      return { kind: "machine-options" };
    case "vxlan":
      return { kind: "vxlan-options" };
    case "link":
      return { kind: "iface-options" };
    case "for":
    case "if":
    case "else":
      return outer;
    default:
      return outer.kind === "node" && first !== undefined ? { kind: "iface-options" } : outer;
  }
}

const keywords = (words: Iterable<string>, detail = "keyword"): Candidate[] =>
  [...words].map((label) => ({ label, kind: "keyword", detail }));

/** What may be written at the end of `before` (the text up to the place). */
export function complete(before: string, known: Names): Candidate[] {
  const here = scan(before);
  const names = merge(known, here.names);
  const block = here.blocks.at(-1) ?? { kind: "top" };
  const partial = /[A-Za-z0-9_.:/,+%@*-]$/.test(before) ? here.words.at(-1) : undefined;
  const words = partial ? here.words.slice(0, -1) : here.words;
  if (block.kind === "nft") return [];
  if (words.at(-1)?.kind === "arrow") return targets(names);
  if (words.length === 0) return statements(block, names);
  return options(
    words.map((w) => w.text),
    block,
    names,
  );
}

function merge(a: Names, b: Names): Names {
  const nodes = new Map<string, Set<string>>();
  for (const m of [a.nodes, b.nodes])
    for (const [n, ifaces] of m) nodes.set(n, new Set([...(nodes.get(n) ?? []), ...ifaces]));
  return {
    nodes,
    switches: new Set([...a.switches, ...b.switches]),
    templates: new Set([...a.templates, ...b.templates]),
    machines: new Set([...a.machines, ...b.machines]),
  };
}

/** What an interface connects to after `->`: a switch, another node's interface, the host. */
function targets(names: Names): Candidate[] {
  return [
    ...[...names.switches].map((label): Candidate => ({ label, kind: "switch", detail: "switch" })),
    ...endpoints(names),
    { label: "host", kind: "keyword", detail: "a veth pair to the host" },
  ];
}

function endpoints(names: Names): Candidate[] {
  return [...names.nodes].flatMap(([node, ifaces]) =>
    [...ifaces].map(
      (i): Candidate => ({ label: `${node}.${i}`, kind: "endpoint", detail: `interface of node ${node}` }),
    ),
  );
}

function ifacesOf(block: Block, names: Names): Candidate[] {
  const node = block.nodes?.[0];
  const ifaces = node === undefined ? [] : [...(names.nodes.get(node) ?? [])];
  return ifaces.map((label) => ({ label, kind: "interface", detail: `interface of node ${node}` }));
}

/** The first word of a statement in this block. */
function statements(block: Block, names: Names): Candidate[] {
  switch (block.kind) {
    case "top":
      return keywords(TOP_KEYWORDS);
    case "node":
      return [...keywords(NODE_STATEMENTS), ...ifacesOf(block, names)];
    case "filter":
      return keywords([...CHAINS, ...NAT_ACTIONS, "nat", "let", "for", "if"]);
    case "switch-options":
      return keywords(Object.keys(SWITCH_OPTIONS), "switch option");
    case "iface-options":
      return keywords(Object.keys(IFACE_OPTIONS), "interface option");
    case "machine-options":
      return keywords(Object.keys(MACHINE_OPTIONS), "machine option");
    case "vxlan-options":
      return keywords(Object.keys(VXLAN_OPTIONS), "tunnel option");
    case "nft":
      return [];
    default:
      return assertNever(block.kind);
  }
}

/** A later word of a statement. */
function options(words: readonly string[], block: Block, names: Names): Candidate[] {
  const [first = ""] = words;
  const last = words.at(-1) ?? "";
  if (block.kind === "filter") {
    if ((CHAINS as readonly string[]).includes(first) && words.length === 1)
      return keywords([...VERDICTS, "policy"]);
    if (last === "in" || last === "out") return ifacesOf(block, names);
    return keywords([...Object.keys(RULE_CLAUSES), ...SPECIAL_CLAUSES], "match or option");
  }
  if (
    block.kind === "switch-options" ||
    block.kind === "iface-options" ||
    block.kind === "machine-options" ||
    block.kind === "vxlan-options"
  )
    return statements(block, names);
  switch (first) {
    case "node":
      // `node NAME on MACHINE`
      return last === "on" ? machinesOf(names) : words.length === 2 ? keywords(["on"], "its machine") : [];
    case "switch":
      return words.length === 1 ? [] : keywords(Object.keys(SWITCH_OPTIONS), "switch option");
    case "machine":
      // `machine NAME ADDRESS OPTION…`
      return words.length < 3 ? [] : keywords(Object.keys(MACHINE_OPTIONS), "machine option");
    case "on":
      return words.length === 1 ? machinesOf(names) : [];
    case "vxlan":
      return keywords(Object.keys(VXLAN_OPTIONS), "tunnel option");
    case "link":
      return [
        ...endpoints(names),
        ...(words.length > 1 ? keywords([LINK_SEPARATOR, ...Object.keys(IFACE_OPTIONS)]) : []),
      ];
    case "use":
      return words.length === 1
        ? [...names.templates].map((label) => ({ label, kind: "template", detail: "template" }))
        : [];
    case "isolate":
      return keywords(ASPECTS, "what the node isolates");
    case "limit":
      return keywords(LIMIT_KINDS, "limit");
    case "route":
      return last === "dev" ? ifacesOf(block, names) : keywords(Object.keys(ROUTE_OPTIONS), "route option");
    default:
      return block.kind === "node" && !isNodeKeyword(first)
        ? keywords(Object.keys(IFACE_OPTIONS), "interface option")
        : [];
  }
}

function machinesOf(names: Names): Candidate[] {
  return [...names.machines].map((label) => ({ label, kind: "machine", detail: "machine" }));
}

/** The names of a checked lab. */
export function namesOfLab(lab: Lab): Names {
  return {
    nodes: new Map(lab.nodes.map((n) => [n.name, new Set(n.ifaces.map((i) => i.name))])),
    switches: new Set(lab.switches.map((s) => s.name)),
    templates: new Set(),
    machines: new Set(lab.machines.map((m) => m.name)),
  };
}

/** The names in a file as it is now (it need not compile). */
export function namesOfText(text: string): Names {
  return scan(text).names;
}
