// The only place that writes to the terminal: styled text, diagnostics in the chosen
// format, and JSON documents.

import { styleText } from "node:util";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import {
  plainStyle,
  printable,
  renderJson,
  renderPretty,
  renderShort,
  type Style,
} from "../diagnostics/render.js";

export type Format = "pretty" | "short" | "json";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly style: Style;
  readonly color: boolean;
  /**
   * A transient line on the terminal (progress), replacing the previous one; undefined
   * erases it. Absent when standard error is not a terminal.
   */
  readonly progress?: (line: string | undefined) => void;
}

/**
 * Colour only when both outputs are terminals (`opentop status LAB | less` gets none, on
 * either stream: one style serves both), never with NO_COLOR, always with FORCE_COLOR.
 */
function useColor(): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR) return true;
  return process.stdout.isTTY === true && process.stderr.isTTY === true;
}

/**
 * Lines to a stream until its reader goes away (`opentop status LAB | head -1`): then the
 * rest is dropped, and the command still finishes its work (an `up` is not cut half-way).
 * Without a listener, the stream's EPIPE would end the process with Node's stack trace.
 */
function lines(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on("error", () => {
    closed = true;
  });
  return (t) => {
    if (closed) return;
    // The line break written on its own: added to the text, it would copy the whole of it
    // (a large lab's plan is megabytes).
    stream.write(t);
    if (!t.endsWith("\n")) stream.write("\n");
  };
}

export function terminal(): Io {
  const color = useColor();
  const paint =
    (...formats: Parameters<typeof styleText>[0][]) =>
    (t: string) =>
      formats.reduce((s, f) => styleText(f, s), t);
  const err = lines(process.stderr);
  return {
    out: lines(process.stdout),
    err,
    color,
    ...(process.stderr.isTTY
      ? {
          progress: (line: string | undefined) => {
            // Cut to the terminal's width: a wrapped line could not be rewritten in place.
            const width = Math.max(20, (process.stderr.columns || 80) - 1);
            process.stderr.write(`\r\x1b[K${line === undefined ? "" : line.slice(0, width)}`);
          },
        }
      : {}),
    style: color
      ? {
          error: paint("red"),
          warning: paint("yellow"),
          help: paint("cyan"),
          dim: paint("dim"),
          bold: paint("bold"),
        }
      : plainStyle,
  };
}

/**
 * Data that shows what the machine says (interface names a process in a node chose, a
 * record's file name), every text in it as a terminal may print it: control characters as
 * escapes (`printable`), so that a name like `x\x1b[2J` cannot drive the terminal. For text
 * output; JSON escapes them itself.
 */
export function printableData<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_, v: unknown) =>
    typeof v === "string" ? printable(v) : v,
  ) as T;
}

/** How many diagnostics a pretty listing shows before it only counts the rest. */
const PRETTY_MAX = 100;

/**
 * Prints diagnostics in the order given: the compiler gives them sorted by place, a run on
 * the machine in the order things happened (the failure, then what rollback said). A flood
 * (a file that is no lab file at all) is shown in part at a terminal: its first PRETTY_MAX,
 * then a count; `--format short` and `--json` list every one.
 */
export function printDiagnostics(io: Io, list: readonly Diagnostic[], format: Format): void {
  if (format === "json") {
    io.out(JSON.stringify({ diagnostics: list.map(renderJson) }, null, 2));
    return;
  }
  if (format === "short") {
    for (const d of list) io.err(renderShort(d));
    return;
  }
  // Pretty diagnostics are separated by a blank line.
  for (const d of list.slice(0, PRETTY_MAX)) io.err(`${renderPretty(d, io.style)}\n\n`);
  if (list.length > PRETTY_MAX)
    io.err(
      `… and ${list.length - PRETTY_MAX} more, not shown (\`--format short\` or \`--json\` lists every one)`,
    );
  const errors = list.filter((d) => d.severity === "error").length;
  const warnings = list.length - errors;
  const parts = [
    ...(errors ? [`${errors} error${errors > 1 ? "s" : ""}`] : []),
    ...(warnings ? [`${warnings} warning${warnings > 1 ? "s" : ""}`] : []),
  ];
  if (parts.length) io.err(io.style.bold(parts.join(", ")));
}
