// Source files as bytes. Spans are byte offsets; line and column are computed only here,
// when something is printed.

import { assertNever } from "../never.js";

export interface SourceFile {
  readonly path: string;
  readonly bytes: Uint8Array;
  /** Byte offset of the start of every line, computed on first use. */
  lineStarts?: number[];
  /** For every line, 1 when it is ASCII (its columns are its bytes), computed with lineStarts. */
  asciiLines?: Uint8Array;
  /** `file:line:col` of offsets asked before: a plan's operations point at few statements, each many times. */
  locations?: Map<number, string>;
}

export interface Span {
  readonly file: SourceFile;
  readonly start: number;
  readonly end: number;
  /** Set on text made by a loop, a range or a template: which copy this is. */
  readonly via?: Expansion;
}

/**
 * One step of expansion: a variable bound by a loop or a range (`k = 3`), or a template
 * used by a node. Text written once and expanded many times carries, in each copy, the
 * chain of steps that made it (innermost first), so that a problem in it is reported once
 * with how many copies hit it, and where the first was made (src/diagnostics/diagnostic.ts).
 */
export type Frame =
  | { readonly kind: "binding"; readonly name: string; readonly value: string }
  | { readonly kind: "template"; readonly name: string; readonly node: string; readonly use: Span };

export interface Expansion {
  readonly frame: Frame;
  readonly outer?: Expansion;
  /** Identifies the chain: equal keys, the same copy. */
  readonly key: string;
}

/** `outer` extended by one more step. */
export function expansion(frame: Frame, outer?: Expansion): Expansion {
  let step: string;
  switch (frame.kind) {
    case "binding":
      step = `${frame.name}=${frame.value}`;
      break;
    case "template":
      step = `${frame.name}@${frame.node}:${frame.use.file.path}:${frame.use.start}`;
      break;
    default:
      assertNever(frame);
  }
  // Two literals, not a spread of the optional `outer`: a loop makes a step per iteration,
  // and V8 adds each property after a spread one by one.
  return outer ? { frame, outer, key: `${outer.key}/${step}` } : { frame, key: step };
}

/** The same place, as made by `via` (nothing changes without one). */
export function made(span: Span, via: Expansion | undefined): Span {
  return via ? { file: span.file, start: span.start, end: span.end, via } : span;
}

export function sourceFile(path: string, text: string | Uint8Array): SourceFile {
  return { path, bytes: typeof text === "string" ? Buffer.from(text, "utf8") : text };
}

export function spanOf(file: SourceFile, start: number, end: number, via?: Expansion): Span {
  return via ? { file, start, end, via } : { file, start, end };
}

/** The smallest span that covers both (made as `a` was). */
export function join(a: Span, b: Span): Span {
  return spanOf(a.file, Math.min(a.start, b.start), Math.max(a.end, b.end), a.via);
}

function lineStarts(file: SourceFile): number[] {
  if (file.lineStarts) return file.lineStarts;
  const starts = [0];
  const ascii: number[] = [1];
  for (let i = 0; i < file.bytes.length; i++) {
    const b = file.bytes[i] ?? 0;
    if (b === 0x0a) {
      starts.push(i + 1);
      ascii.push(1);
    } else if (b >= 0x80) ascii[ascii.length - 1] = 0;
  }
  file.lineStarts = starts;
  file.asciiLines = Uint8Array.from(ascii);
  return starts;
}

export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counted in characters (code points), not bytes. */
  readonly column: number;
}

export function position(file: SourceFile, offset: number): Position {
  const starts = lineStarts(file);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  const lineStart = starts[lo] ?? 0;
  // An ASCII line's columns are its bytes: no decoding (a long line with many diagnostics
  // would otherwise cost its length for each).
  if (file.asciiLines?.[lo] === 1) return { line: lo + 1, column: offset - lineStart + 1 };
  let column = 1;
  for (let i = lineStart; i < offset; i++) if (((file.bytes[i] ?? 0) & 0xc0) !== 0x80) column++;
  return { line: lo + 1, column };
}

/** `file:line:col` of a span's start: how diagnostics, plans and records point at a statement. */
export function location(span: Span): string {
  const file = span.file;
  file.locations ??= new Map();
  let text = file.locations.get(span.start);
  if (text === undefined) {
    const p = position(file, span.start);
    text = `${file.path}:${p.line}:${p.column}`;
    file.locations.set(span.start, text);
  }
  return text;
}

/** The text of a 1-based line, without its line break. */
export function lineText(file: SourceFile, line: number): string {
  const starts = lineStarts(file);
  const start = starts[line - 1] ?? file.bytes.length;
  let end = starts[line] ?? file.bytes.length;
  if (end > start && file.bytes[end - 1] === 0x0a) end--;
  if (end > start && file.bytes[end - 1] === 0x0d) end--;
  return Buffer.from(file.bytes.buffer, file.bytes.byteOffset + start, end - start).toString("utf8");
}
