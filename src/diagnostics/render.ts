// The three printers of diagnostics: rustc-style for people, file:line:col for editors,
// JSON for tools. Nothing else formats a diagnostic.

import type { Diagnostic } from "./diagnostic.js";
import { lineText, location, position, type SourceFile, type Span } from "./source.js";

export interface Style {
  error(text: string): string;
  warning(text: string): string;
  help(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export const plainStyle: Style = {
  error: (t) => t,
  warning: (t) => t,
  help: (t) => t,
  dim: (t) => t,
  bold: (t) => t,
};

export function renderShort(d: Diagnostic): string {
  const where = d.span ? `${printable(location(d.span))}: ` : "";
  return `${where}${d.severity}[${d.code}]: ${printable(d.message)}`;
}

/**
 * Text that came from outside — a file's name, an include's path, what a tool said — as a
 * terminal may show it: control characters (an escape sequence would drive the terminal, a
 * carriage return overwrite the line) and bidirectional overrides written as `\u001b`; a
 * line break as `\n` too unless `breaks` keeps them (a tool's message of several lines, in
 * a pretty diagnostic's note). Tabs stay. JSON needs none of this: it escapes them itself.
 */
export function printable(text: string, breaks = false): string {
  return text.replace(UNPRINTABLE, (c) =>
    c === "\n"
      ? breaks
        ? c
        : "\\n"
      : c === "\r"
        ? "\\r"
        : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function renderJson(d: Diagnostic): object {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.span ? jsonSpan(d.span) : {}),
    ...(d.label !== undefined ? { label: d.label } : {}),
    labels: d.labels.map((l) => ({ ...jsonSpan(l.span), message: l.message })),
    notes: d.notes,
    ...(d.help !== undefined ? { help: d.help } : {}),
  };
}

function jsonSpan(span: Span): object {
  const start = position(span.file, span.start);
  const end = position(span.file, span.end);
  return {
    file: span.file.path,
    start: span.start,
    end: span.end,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
}

interface Mark {
  span: Span;
  message: string;
  primary: boolean;
}

export function renderPretty(d: Diagnostic, style: Style = plainStyle): string {
  const paint = d.severity === "error" ? style.error : style.warning;
  const out: string[] = [style.bold(`${paint(`${d.severity}[${d.code}]`)}: ${printable(d.message)}`)];
  const marks: Mark[] = [];
  if (d.span) marks.push({ span: d.span, message: printable(d.label ?? ""), primary: true });
  for (const l of d.labels) marks.push({ span: l.span, message: printable(l.message), primary: false });
  const notes = d.notes.map((n) => printable(n, true));
  const help = d.help === undefined ? undefined : printable(d.help, true);

  if (d.span) {
    const lines = marks.map((m) => position(m.span.file, m.span.start).line);
    const gutter = String(Math.max(...lines)).length;
    const pad = " ".repeat(gutter);
    out.push(`${pad}${style.dim("-->")} ${printable(location(d.span))}`);
    let currentFile = d.span.file;
    out.push(`${pad} ${style.dim("|")}`);
    const ordered = [...marks].sort((a, b) =>
      a.span.file === b.span.file ? a.span.start - b.span.start : a.primary ? -1 : 1,
    );
    let lastLine = -1;
    for (const m of ordered) {
      if (m.span.file !== currentFile) {
        currentFile = m.span.file;
        out.push(`${pad}${style.dim("::>")} ${printable(location(m.span))}`);
        lastLine = -1;
      }
      const start = position(m.span.file, m.span.start);
      const end = position(m.span.file, Math.max(m.span.start, m.span.end));
      if (lastLine !== -1 && start.line > lastLine + 1) out.push(`${pad}${style.dim("...")}`);
      // Control characters (a NUL, an escape) would garble the terminal: one visible
      // replacement character each, so that columns still line up. A long line is shown
      // around the mark only.
      const full = lineChars(m.span.file, start.line);
      const to = end.line === start.line ? end.column : full.length + 1;
      const shown = clip(full, start.column, to);
      if (start.line !== lastLine) {
        out.push(
          `${style.dim(`${String(start.line).padStart(gutter)} |`)} ${shown.text.replace(/\t/g, " ")}`,
        );
      }
      lastLine = start.line;
      const width = Math.max(1, Math.min(to, shown.end) - start.column);
      const carets = (m.primary ? "^" : "-").repeat(width);
      const marker = `${" ".repeat(start.column - shown.from)}${carets}${m.message ? ` ${m.message}` : ""}`;
      out.push(`${pad} ${style.dim("|")} ${m.primary ? paint(marker) : style.help(marker)}`);
    }
    if (notes.length || help) out.push(`${pad} ${style.dim("|")}`);
    for (const n of notes) out.push(`${pad} ${style.dim("=")} ${style.bold("note")}: ${n}`);
    if (help) out.push(`${pad} ${style.dim("=")} ${style.help(style.bold("help"))}: ${help}`);
  } else {
    for (const n of notes) out.push(`  ${style.dim("=")} ${style.bold("note")}: ${n}`);
    if (help) out.push(`  ${style.dim("=")} ${style.help(style.bold("help"))}: ${help}`);
  }
  return out.join("\n");
}

/** The last line shown, as characters made visible: many diagnostics on one long line decode it once. */
let shownLine: { file: SourceFile; line: number; chars: readonly string[] } | undefined;

function lineChars(file: SourceFile, line: number): readonly string[] {
  if (shownLine?.file !== file || shownLine.line !== line)
    shownLine = { file, line, chars: [...visible(lineText(file, line))] };
  return shownLine.chars;
}

/** How much of a line is shown around a mark: enough for any line written by hand. */
const SHOWN = 200;

/**
 * The part of a line (its characters) shown for a mark at columns [from, to): the whole line
 * when it is short, else a window of SHOWN characters from a little before the mark, each
 * cut end shown as `…`. `from` is the column the window starts at (its first character's,
 * or the `…`'s), `end` the column after it.
 */
function clip(
  line: readonly string[],
  from: number,
  to: number,
): { text: string; from: number; end: number } {
  if (line.length <= SHOWN) return { text: line.join(""), from: 1, end: line.length + 1 };
  const start = Math.max(1, Math.min(from - 20, line.length - SHOWN + 1));
  const stop = Math.min(line.length + 1, Math.max(start + SHOWN, Math.min(to, from + SHOWN)));
  const head = start > 1 ? "…" : "";
  const tail = stop <= line.length ? "…" : "";
  return {
    text: `${head}${line.slice(start - 1 + head.length, stop - 1).join("")}${tail}`,
    from: start,
    end: stop,
  };
}

/** The line with every control character but tab replaced by U+FFFD. */
function visible(line: string): string {
  let out = "";
  for (const ch of line) {
    const c = ch.codePointAt(0) ?? 0;
    out += (c < 0x20 && c !== 0x09) || c === 0x7f ? "\ufffd" : ch;
  }
  return out;
}
