// How the API fails: one error type whose `diagnostics` are the data the CLI prints (code,
// message, place, notes, help). Everything below the API reports problems as diagnostics
// (`DiagnosticError`); the API hands them on as `OpentopError`, which is one of those, so that
// the CLI — a layer over the API — prints both alike.

import { type Diagnostic, DiagnosticError } from "../diagnostics/diagnostic.js";
import type { Diff } from "../plan/diff.js";

/** What every failing call throws: the diagnostics OpenTop would print, as data. */
export class OpentopError extends DiagnosticError {
  constructor(diagnostics: Diagnostic | readonly Diagnostic[]) {
    super(diagnostics);
    this.name = "OpentopError";
  }
}

/** A change that failed (and was rolled back, unless its diagnostics say otherwise): what it set out to change. */
export class ApplyError extends OpentopError {
  readonly diff: Diff | undefined;
  constructor(diagnostics: readonly Diagnostic[], diff: Diff | undefined) {
    super(diagnostics);
    this.name = "ApplyError";
    this.diff = diff;
  }
}

/** Runs `f`, handing on what it reports as an `OpentopError`. */
export function guarded<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw asOpentop(e);
  }
}

/** `guarded` for a promise. */
export async function guardedAsync<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw asOpentop(e);
  }
}

function asOpentop(e: unknown): unknown {
  return e instanceof DiagnosticError && !(e instanceof OpentopError) ? new OpentopError(e.diagnostics) : e;
}

/** Throws unless the outcome went through. */
export function mustSucceed<T extends { readonly ok: boolean; readonly diagnostics: readonly Diagnostic[] }>(
  outcome: T,
): T {
  if (!outcome.ok) throw new OpentopError(outcome.diagnostics);
  return outcome;
}
