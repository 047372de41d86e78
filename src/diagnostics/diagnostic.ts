// One diagnostic type for everything the tool reports: syntax, checks, and failures on the
// machine. Diagnostics are data; only the renderers turn them into text.

import { assertNever } from "../never.js";
import { CODES, type Code, type Severity } from "./codes.js";
import type { Expansion, Span } from "./source.js";

export interface Label {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  /** Where the problem is. Absent for problems with no place in a file (a missing tool). */
  readonly span?: Span;
  /** Text under the primary caret. */
  readonly label?: string;
  /** Other places that explain the problem ("first declared here"). */
  readonly labels: readonly Label[];
  readonly notes: readonly string[];
  readonly help?: string;
}

export interface DiagnosticInit {
  span?: Span | undefined;
  label?: string | undefined;
  labels?: readonly Label[];
  notes?: readonly string[];
  help?: string | undefined;
  severity?: Severity;
}

export function diag(code: Code, message: string, init: DiagnosticInit = {}): Diagnostic {
  return {
    code,
    severity: init.severity ?? CODES[code].severity,
    message,
    ...(init.span ? { span: init.span } : {}),
    ...(init.label !== undefined ? { label: init.label } : {}),
    labels: init.labels ?? [],
    notes: init.notes ?? [],
    ...(init.help !== undefined ? { help: init.help } : {}),
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/**
 * Collects diagnostics across phases, in order. Text inside a loop, a range or a template is
 * checked once per copy, so one mistake there would be reported once per copy: problems
 * with the same code at the same place that come from expansion collapse into the first,
 * with a note saying how many copies hit it (error floods).
 */
export class Diagnostics {
  readonly list: Diagnostic[] = [];
  private readonly places = new Map<string, Place>();
  add(d: Diagnostic): void {
    const span = d.span;
    const where = span ? `${span.file.path}:${span.start}:${span.end}` : "";
    // Without expansion, two different messages at one place are two problems.
    const key = `${d.code}\0${where}${span?.via ? "" : `\0${d.message}`}`;
    const copy = span?.via?.key ?? "";
    const place = this.places.get(key);
    if (!place) {
      const index = this.list.push(withExpansion(d, 1)) - 1;
      this.places.set(key, { index, first: d, copies: new Set([copy]) });
      return;
    }
    if (place.copies.has(copy)) return;
    place.copies.add(copy);
    this.list[place.index] = withExpansion(place.first, place.copies.size);
  }
  error(code: Code, message: string, init: DiagnosticInit = {}): void {
    this.add(diag(code, message, init));
  }
  get hasErrors(): boolean {
    return hasErrors(this.list);
  }
}

interface Place {
  readonly index: number;
  /** The first report, as made; the list holds it with its expansion's notes. */
  readonly first: Diagnostic;
  /** The expansions that hit this place ("" for text written once). */
  readonly copies: Set<string>;
}

/**
 * A diagnostic with what its expansion says: the bindings of its copy (or, for `copies`
 * more than one, how many hit it and which was first), and the templates it was made in,
 * named in one note, with a label at the node's own `use` — the user's line.
 */
function withExpansion(d: Diagnostic, copies: number): Diagnostic {
  const via = d.span?.via;
  if (!via) return d;
  const bindings: string[] = [];
  /** Innermost first. */
  const templates: { name: string; node: string; use: Span }[] = [];
  for (let e: Expansion | undefined = via; e; e = e.outer) {
    const f = e.frame;
    switch (f.kind) {
      case "binding":
        bindings.unshift(`${f.name} = ${f.value}`);
        break;
      case "template":
        templates.push(f);
        break;
      default:
        assertNever(f);
    }
  }
  const notes: string[] = [];
  const when = bindings.length ? `when ${bindings.join(", ")}` : undefined;
  if (copies > 1)
    notes.push(`${copies} ${when ? "iterations" : "uses"} hit this; the first ${when ?? "is shown"}`);
  else if (when) notes.push(when);
  const outermost = templates.at(-1);
  if (!outermost) return { ...d, notes: [...d.notes, ...notes] };
  const chain = templates.map((t) => `template \`${t.name}\``).join(", used in ");
  notes.push(`in ${chain}, used by node \`${outermost.node}\``);
  const use: Label = { span: outermost.use, message: `\`${outermost.name}\` used here` };
  return { ...d, labels: [...d.labels, use], notes: [...d.notes, ...notes] };
}

/** An error that carries diagnostics to the command that prints them. */
export class DiagnosticError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: Diagnostic | readonly Diagnostic[]) {
    const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics as Diagnostic];
    super(list.map((d) => `${d.code}: ${d.message}`).join("; "));
    this.diagnostics = list;
  }
}

/** Sorted by file and position, with file-less diagnostics first. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => {
    if (!a.span || !b.span) return (a.span ? 1 : 0) - (b.span ? 1 : 0);
    if (a.span.file.path !== b.span.file.path) return a.span.file.path < b.span.file.path ? -1 : 1;
    return a.span.start - b.span.start;
  });
}

/**
 * "did you mean" for a misspelt name: the closest candidate, if it is close enough to be
 * a typo (one edit for short names, two for long ones; a swap of neighbours is one edit).
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const allowed = name.length <= 2 ? 0 : name.length <= 6 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, at(i - 2, j - 2) + 1);
      row[j] = v;
    }
  }
  return at(a.length, b.length);
}
