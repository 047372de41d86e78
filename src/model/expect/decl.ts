// Expansion of `expect` statements: ranges on either end (`pc[1..3] -> web`) give one
// declaration per pair of names, interpolations are evaluated. What the words mean is
// checked later (./check.ts), against the lab's nodes and addresses.

import type { Span } from "../../diagnostics/source.js";
import type { ExpectEnd, ExpectStmt, NamePattern, Word } from "../../syntax/ast.js";
import type { Env } from "../expr.js";
import type { Text } from "../text.js";

/** One expectation as written, its words evaluated. */
export interface ExpectDecl {
  readonly reach: boolean;
  readonly from: Text;
  readonly to: Text;
  readonly args: readonly Text[];
  readonly span: Span;
}

/** What expansion offers this module: names of a pattern and evaluated words. */
export interface ExpandHelpers {
  names(pattern: NamePattern, env: Env): [Text, Env][];
  word(word: Word, env: Env): string | undefined;
}

/** The declarations of one statement, or undefined when it has more than `room` (too many). */
export function expandExpect(
  stmt: ExpectStmt,
  env: Env,
  helpers: ExpandHelpers,
  room: number,
): ExpectDecl[] | undefined {
  const froms = ends(stmt.from, env, helpers);
  const tos = ends(stmt.to, env, helpers);
  if (froms.length * tos.length > room) return undefined;
  const args: Text[] = [];
  for (const a of stmt.args) {
    const text = helpers.word(a, env);
    if (text === undefined) return [];
    args.push({ text, span: a.span });
  }
  return froms.flatMap((from) =>
    tos.map((to): ExpectDecl => ({ reach: stmt.reach, from, to, args, span: stmt.span })),
  );
}

/** The names an end stands for, each with its `.IFACE` suffix. */
function ends(end: ExpectEnd, env: Env, helpers: ExpandHelpers): Text[] {
  const suffix = end.suffix ? helpers.word(end.suffix, env) : "";
  if (suffix === undefined) return [];
  return helpers.names(end.pattern, env).map(([name]) => ({ text: `${name.text}${suffix}`, span: end.span }));
}
