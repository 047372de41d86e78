// The only place that writes to the terminal: styled text, diagnostics in the chosen
// format, and JSON documents.

import { styleText } from "node:util";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { plainStyle, renderJson, renderPretty, renderShort, type Style } from "../diagnostics/render.js";

export type Format = "pretty" | "short" | "json";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly style: Style;
  readonly color: boolean;
}

function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR) return true;
  return stream.isTTY === true;
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
    if (!closed) stream.write(t.endsWith("\n") ? t : `${t}\n`);
  };
}

export function terminal(): Io {
  const color = useColor(process.stderr);
  const paint =
    (...formats: Parameters<typeof styleText>[0][]) =>
    (t: string) =>
      formats.reduce((s, f) => styleText(f, s), t);
  return {
    out: lines(process.stdout),
    err: lines(process.stderr),
    color,
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
 * Prints diagnostics in the order given: the compiler gives them sorted by place, a run on
 * the machine in the order things happened (the failure, then what rollback said).
 */
export function printDiagnostics(io: Io, list: readonly Diagnostic[], format: Format): void {
  if (format === "json") {
    io.out(JSON.stringify({ diagnostics: list.map(renderJson) }, null, 2));
    return;
  }
  // Pretty diagnostics are separated by a blank line.
  for (const d of list) io.err(format === "short" ? renderShort(d) : `${renderPretty(d, io.style)}\n\n`);
  if (format === "pretty") {
    const errors = list.filter((d) => d.severity === "error").length;
    const warnings = list.length - errors;
    const parts = [
      ...(errors ? [`${errors} error${errors > 1 ? "s" : ""}`] : []),
      ...(warnings ? [`${warnings} warning${warnings > 1 ? "s" : ""}`] : []),
    ];
    if (parts.length) io.err(io.style.bold(parts.join(", ")));
  }
}
