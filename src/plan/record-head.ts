// The few fields of a lab record that entering a node needs — its lab, nodes, switches and
// which nodes isolate more than their network — read from the record's text without parsing
// its operations: `opentop exec` starts before a large lab's record would be parsed and
// checked whole (src/cli/fast.ts). It reads the layout `recordText` writes, one top-level key
// a line; anything else is no head, and the caller reads the record whole instead.

import { NAME_PATTERN } from "../model/names.js";

export interface RecordHead {
  readonly lab: string;
  readonly nodes: readonly string[];
  readonly switches: readonly string[];
  /** Nodes with a runtime of their own (`isolation`): entered by more than their network namespace. */
  readonly isolated: readonly string[];
}

/** The head of a record's text, or undefined when the text is not laid out as `recordText` writes it. */
export function recordHead(text: string): RecordHead | undefined {
  if (!text.startsWith("{\n")) return undefined;
  const version = field(text, "version");
  const lab = field(text, "lab");
  const nodes = field(text, "nodes");
  const switches = field(text, "switches");
  const isolation = text.includes('\n "isolation": ') ? field(text, "isolation") : {};
  if (version !== 1 && version !== 2) return undefined;
  if (typeof lab !== "string" || !names(nodes) || !names(switches)) return undefined;
  if (typeof isolation !== "object" || isolation === null || Array.isArray(isolation)) return undefined;
  return { lab, nodes, switches, isolated: Object.keys(isolation) };
}

/** The value of a top-level key written on its own line (` "key": value,`); undefined when absent or not JSON. */
function field(text: string, key: string): unknown {
  const head = `\n ${JSON.stringify(key)}: `;
  const at = text.indexOf(head);
  if (at < 0) return undefined;
  const end = text.indexOf("\n", at + head.length);
  const value = text.slice(at + head.length, end < 0 ? undefined : end).replace(/,$/, "");
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function names(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((n) => typeof n === "string" && NAME_PATTERN.test(n));
}
