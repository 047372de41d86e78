// A lab converted from another tool's topology, before it is written as a lab file: what the
// importers (containerlab.ts, mininet.ts) build, and `draftText`, which writes it in the
// language's own layout. What could not be converted travels with it as comments, so that
// nothing is dropped without a trace in the file itself.

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { IFNAME_MAX, NODE_NAME_MAX } from "../model/names.js";
import { NODE_KEYWORDS } from "../syntax/parser.js";

export interface DraftIface {
  readonly name: string;
  /** `SWITCH`, `NODE.IFACE`, `host`; absent for the far end of a point-to-point link, and `lo`. */
  target?: string;
  readonly addresses: string[];
  /** Options written after the addresses: `host-name veth1`. */
  readonly options: string[];
}

export interface DraftNode {
  readonly name: string;
  readonly ifaces: DraftIface[];
  /** Statements after the interfaces: `route …`, `sysctl …`. */
  readonly statements: string[];
  readonly comments: string[];
}

/** What an import gives: a draft of the lab (unless nothing could be made), and what it says. */
export interface Imported {
  readonly draft?: Draft;
  readonly diagnostics: readonly Diagnostic[];
}

export interface Draft {
  lab: string;
  /** The file's opening comment lines. */
  readonly header: string[];
  readonly switches: { readonly name: string; readonly comments: string[] }[];
  readonly nodes: DraftNode[];
  /** Comments at the end: what of the topology as a whole was not converted. */
  readonly trailer: string[];
}

export function emptyDraft(lab: string, header: string[]): Draft {
  return { lab, header, switches: [], nodes: [], trailer: [] };
}

export function nodeOf(draft: Draft, name: string): DraftNode {
  let node = draft.nodes.find((n) => n.name === name);
  if (!node) {
    node = { name, ifaces: [], statements: [], comments: [] };
    draft.nodes.push(node);
  }
  return node;
}

export function ifaceOf(node: DraftNode, name: string): DraftIface {
  let iface = node.ifaces.find((i) => i.name === name);
  if (!iface) {
    iface = { name, addresses: [], options: [] };
    node.ifaces.push(iface);
  }
  return iface;
}

/**
 * A name the language accepts, from another tool's: characters outside letters, digits, `_`
 * and `-` become `-`, a leading non-letter gets a prefix, and it is cut to `max`. The same
 * name always gives the same result.
 */
export function safeName(name: string, prefix: string, max: number): string {
  let out = name.replace(/[^A-Za-z0-9_-]/g, "-");
  if (!/^[A-Za-z]/.test(out)) out = `${prefix}${out}`;
  return out.slice(0, max);
}

export function safeNodeName(name: string): string {
  const out = safeName(name, "n", NODE_NAME_MAX);
  return out === "host" ? "host-node" : out;
}

const IFACE_RESERVED: ReadonlySet<string> = new Set(NODE_KEYWORDS);

export function safeIfaceName(name: string): string {
  const out = safeName(name, "if", IFNAME_MAX);
  return IFACE_RESERVED.has(out) ? `if-${out}`.slice(0, IFNAME_MAX) : out;
}

/** A comment's text on one line, whatever it quotes. */
function comment(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, " ")}`;
}

function ifaceLine(i: DraftIface): string {
  return [i.name, ...(i.target ? ["->", i.target] : []), ...i.addresses, ...i.options].join(" ");
}

export function draftText(d: Draft): string {
  const out = [...d.header.map(comment), "", `lab ${d.lab}`];
  if (d.switches.length) out.push("");
  for (const s of d.switches) {
    out.push(...s.comments.map(comment), `switch ${s.name}`);
  }
  for (const n of d.nodes) {
    const body = [...n.ifaces.map(ifaceLine), ...n.statements, ...n.comments.map(comment)];
    out.push("", body.length ? `node ${n.name} {` : `node ${n.name}`);
    if (body.length) out.push(...body.map((l) => `  ${l}`), "}");
  }
  if (d.trailer.length) out.push("", ...d.trailer.map(comment));
  return `${out.join("\n")}\n`;
}
