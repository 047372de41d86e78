// Expansion of `expect` statements: ranges on either end (`pc[1..3] -> web`) give one
// declaration per pair of names, interpolations are evaluated, and each declaration's spans
// name the copy that made it (Span.via), so that one expectation that fails for every node
// of a range is one diagnostic. What the words mean is checked later (./check.ts), against
// the lab's nodes and addresses.

import { type Expansion, made, type Span } from "../../diagnostics/source.js";
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

/** What expansion offers this module (src/model/expand.ts). */
export interface ExpandHelpers {
  /** The names a pattern stands for, each with the step of expansion that makes it. */
  names(pattern: NamePattern, env: Env): readonly (readonly [Text, Expansion | undefined])[];
  word(word: Word, env: Env): string | undefined;
  /** Runs `body` inside a step of expansion (a range's binding). */
  within(step: Expansion | undefined, body: () => void): void;
  /** A span as the current copy made it. */
  at(span: Span): Span;
}

/** The declarations of one statement, or undefined when it has more than `room` (too many). */
export function expandExpect(
  stmt: ExpectStmt,
  env: Env,
  helpers: ExpandHelpers,
  room: number,
): ExpectDecl[] | undefined {
  const words: { text: string; span: Span }[] = [];
  for (const a of stmt.args) {
    const text = helpers.word(a, env);
    if (text === undefined) return [];
    words.push({ text, span: a.span });
  }
  // Each pair's words are its own copy's, so that a mistake in them is reported once.
  const args = () => words.map((w): Text => ({ text: w.text, span: helpers.at(w.span) }));
  const froms = ends(stmt.from, env, helpers);
  if (froms === undefined) return [];
  const out: ExpectDecl[] = [];
  let tooMany = false;
  // The destination's names inside the source's copy: a pair is the copy of both.
  for (const [from, step] of froms)
    helpers.within(step, () => {
      const tos = ends(stmt.to, env, helpers) ?? [];
      if (tooMany || out.length + tos.length > room) {
        tooMany = true;
        return;
      }
      for (const [to, inner] of tos)
        helpers.within(inner, () =>
          out.push({ reach: stmt.reach, from, to, args: args(), span: helpers.at(stmt.span) }),
        );
    });
  return tooMany ? undefined : out;
}

/** The names an end stands for, each with its `.IFACE` suffix and the copy that makes it. */
function ends(end: ExpectEnd, env: Env, helpers: ExpandHelpers): [Text, Expansion | undefined][] | undefined {
  const suffix = end.suffix ? helpers.word(end.suffix, env) : "";
  if (suffix === undefined) return undefined;
  return helpers
    .names(end.pattern, env)
    .map(([name, step]) => [{ text: `${name.text}${suffix}`, span: made(end.span, step) }, step]);
}
