// `opentop fmt [--check] FILE…`: lab files in the one canonical style (src/format/). Each
// file is written whole, by a rename, so an interrupted fmt leaves it as it was; `-` is
// standard input, formatted to standard output. --check writes nothing and reports each
// file that is not formatted (OT9030) at its first line that differs.

import { chownSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { type Diagnostic, diag, hasErrors } from "../../diagnostics/diagnostic.js";
import { renderJson } from "../../diagnostics/render.js";
import { type SourceFile, sourceFile, spanOf } from "../../diagnostics/source.js";
import { format } from "../../format/format.js";
import { MAX_SOURCE_BYTES, readLabFile } from "../../model/sources.js";
import { parseCommand, usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { printDiagnostics } from "../io.js";
import { SPEC, usageOf } from "../spec.js";

const spec = SPEC.fmt;
const STDIN = "-";

type Status = "unchanged" | "reformatted" | "not formatted" | "failed";

interface Outcome {
  readonly file: string;
  readonly status: Status;
  readonly diagnostics: readonly Diagnostic[];
  /** The formatted text of standard input. */
  readonly text?: string;
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "it is a directory",
  ENOTREG: "not a regular file",
  EACCES: "permission denied",
  EFBIG: `larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB`,
};

/** A lab file (never blocking on a FIFO or a device, as `check` reads one), or standard input. */
function read(path: string): SourceFile | Diagnostic {
  try {
    if (path === STDIN) return sourceFile("<stdin>", readFileSync(0));
    return sourceFile(path, readLabFile(path, MAX_SOURCE_BYTES).bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    return diag("OT9001", `cannot read ${path}: ${REASONS[code] ?? (code || (e as Error).message)}`, {
      help: "give the path of a lab file (.otop), or `-` for standard input",
    });
  }
}

/** Replaces a file by a rename: whole or not at all, with its mode and owner (through a symlink). */
function writeWhole(path: string, text: string): Diagnostic | undefined {
  let tmp: string | undefined;
  try {
    const real = realpathSync(path);
    const st = statSync(real);
    tmp = `${real}.opentop-fmt-${process.pid}`;
    writeFileSync(tmp, text, { mode: st.mode & 0o7777, flag: "wx" });
    if (process.getuid?.() === 0) chownSync(tmp, st.uid, st.gid);
    renameSync(tmp, real);
    return undefined;
  } catch (e) {
    if (tmp) rmSync(tmp, { force: true });
    return diag(
      "OT9013",
      `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      {
        help: "fmt writes a new file beside it and renames it over the old: the directory must be writable",
      },
    );
  }
}

/** OT9030 at the first line of the file that the formatter writes otherwise. */
function notFormatted(file: SourceFile, formatted: string): Diagnostic {
  const lines = Buffer.from(file.bytes).toString("utf8").split("\n");
  const want = formatted.split("\n");
  let i = 0;
  while (i < lines.length && lines[i]?.replace(/\r$/, "") === want[i]) i++;
  const start = Buffer.byteLength(
    lines
      .slice(0, i)
      .map((l) => `${l}\n`)
      .join(""),
  );
  const length = Buffer.byteLength((lines[i] ?? "").replace(/\r$/, ""));
  const span = spanOf(file, Math.min(start, file.bytes.length), Math.min(start + length, file.bytes.length));
  const expected = want[i];
  return diag("OT9030", `${file.path} is not formatted`, {
    span,
    label: "the first line that differs",
    notes: [
      expected === undefined || expected === ""
        ? "formatted, this line is not there"
        : `formatted, it reads: \`${expected}\``,
    ],
    help: `\`opentop fmt ${file.path === "<stdin>" ? "-" : file.path}\` rewrites it in the canonical style`,
  });
}

function fmtOne(path: string, check: boolean): Outcome {
  const file = read(path);
  if (!("bytes" in file)) return { file: path, status: "failed", diagnostics: [file] };
  const r = format(file);
  if (r.text === undefined) return { file: path, status: "failed", diagnostics: r.diagnostics };
  const text = r.text;
  const same = Buffer.from(text).equals(Buffer.from(file.bytes));
  if (check)
    return {
      file: path,
      status: same ? "unchanged" : "not formatted",
      diagnostics: same ? [] : [notFormatted(file, text)],
    };
  if (path === STDIN)
    return { file: path, status: same ? "unchanged" : "reformatted", diagnostics: [], text };
  if (same) return { file: path, status: "unchanged", diagnostics: [] };
  const failed = writeWhole(path, text);
  return failed
    ? { file: path, status: "failed", diagnostics: [failed] }
    : { file: path, status: "reformatted", diagnostics: [] };
}

export const fmt: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    if (!p.positionals.length)
      throw usageError("give one or more lab files, or `-` for standard input", usageOf(spec));
    if (p.positionals.filter((f) => f === STDIN).length > 1) throw usageError("give `-` once", usageOf(spec));
    const outcomes = p.positionals.map((path) => fmtOne(path, p.values.check === true));
    const diagnostics = outcomes.flatMap((o) => o.diagnostics);
    const failed = hasErrors(diagnostics);
    if (p.format === "json") {
      const files = outcomes.map((o) => ({
        file: o.file,
        status: o.status,
        ...(o.text !== undefined ? { text: o.text } : {}),
      }));
      io.out(JSON.stringify({ ok: !failed, files, diagnostics: diagnostics.map(renderJson) }, null, 2));
      return failed ? EXIT.failed : EXIT.ok;
    }
    printDiagnostics(io, diagnostics, p.format);
    for (const o of outcomes) {
      if (o.text !== undefined && o.text !== "") io.out(o.text);
      else if (o.status === "reformatted" && o.file !== STDIN) io.out(o.file);
    }
    return failed ? EXIT.failed : EXIT.ok;
  },
};
