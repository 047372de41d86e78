// A lab's sources: its file and the files it includes, read and parsed into one list of
// statements. `include "FILE"` names a lab file (.otop) relative to the including file; the
// included statements stand where the `include` was. Every file is read once (an include of
// a file already read adds nothing); a cycle, a missing file, too deep a nesting or too many
// bytes in all are diagnostics at the `include`.

import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { type SourceFile, sourceFile, spanOf } from "../diagnostics/source.js";
import type { IncludeStmt, LabFile, TopStmt } from "../syntax/ast.js";
import { parse } from "../syntax/parser.js";

/** Includes nest at most this deep (the lab's own file is depth 0). */
export const MAX_INCLUDE_DEPTH = 16;
/**
 * A lab and everything it includes hold at most this many bytes: far beyond any lab written
 * by hand or generated (a 20 000-node lab written out node by node is about 2 MB), and a
 * bound on what `check` reads. The lab's own file past it is OT9005; an include that would
 * pass it, OT0022 at the include.
 */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

/** Reads a file: its bytes, and what identifies it (two paths to one file share it). */
export type Reader = (path: string, limit: number) => { bytes: Uint8Array; id: string };

export interface Sources {
  /** The statements of every file, includes replaced by what they include. */
  readonly tree: LabFile;
  /** The lab's own file, then every included file in the order it was read. */
  readonly files: readonly SourceFile[];
}

export function loadSources(main: SourceFile, diagnostics: Diagnostics, read: Reader = readLabFile): Sources {
  const loader = new Loader(diagnostics, read, main);
  const tree = parse(main, diagnostics);
  return {
    tree: { ...tree, statements: loader.statements(tree, [identity(main.path)]) },
    files: loader.files,
  };
}

/** Where a file was read from, when it was not read by a Reader (a file given as text). */
function identity(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

class Loader {
  readonly files: SourceFile[];
  private bytes: number;
  /** Every file read, by identity, with the path it was read by: an include of one adds nothing. */
  private readonly read = new Map<string, string>();

  constructor(
    private readonly diagnostics: Diagnostics,
    private readonly reader: Reader,
    main: SourceFile,
  ) {
    this.files = [main];
    this.bytes = main.bytes.length;
    this.read.set(identity(main.path), main.path);
  }

  /** The file's statements with its includes resolved; `chain` is the files including it, itself last. */
  statements(tree: LabFile, chain: readonly string[]): TopStmt[] {
    const out: TopStmt[] = [];
    for (const stmt of tree.statements) {
      if (stmt.kind !== "include") out.push(stmt);
      else out.push(...this.include(stmt, chain));
    }
    return out;
  }

  private include(stmt: IncludeStmt, chain: readonly string[]): TopStmt[] {
    const target = this.target(stmt, chain);
    if (!target) return [];
    const { path, bytes, id } = target;
    if (this.read.has(id)) return [];
    this.read.set(id, path);
    this.bytes += bytes.length;
    const file = sourceFile(path, bytes);
    this.files.push(file);
    const bad = invalidText(file);
    if (bad !== undefined) {
      this.diagnostics.error("OT0009", "the file is not UTF-8 text", {
        span: spanOf(file, bad, bad + 1),
        labels: [{ span: stmt.path.span, message: "included here" }],
        help: "lab files are UTF-8 text without NUL bytes",
      });
      return [];
    }
    return this.statements(parse(file, this.diagnostics), [...chain, id]);
  }

  /** The file an include names, read; undefined after a problem (reported at the include). */
  private target(
    stmt: IncludeStmt,
    chain: readonly string[],
  ): { path: string; bytes: Uint8Array; id: string } | undefined {
    const written = stmt.path.kind === "string" ? stmt.path.value : literalWord(stmt.path.parts);
    const fail = (
      code: "OT0020" | "OT0021" | "OT0022",
      message: string,
      help: string,
      notes: string[] = [],
    ) => {
      this.diagnostics.error(code, message, { span: stmt.path.span, notes, help });
      return undefined;
    };
    if (written === undefined)
      return fail(
        "OT0020",
        "an included file's name is written as is",
        "write the path without `{…}`: includes are read before anything is computed",
      );
    if (!written.endsWith(".otop"))
      return fail(
        "OT0020",
        `\`${written}\` is not a lab file`,
        "an include names a lab file, whose name ends in `.otop`",
      );
    const including = stmt.span.file.path;
    const path = isAbsolute(written) ? written : join(dirname(including), written);
    if (chain.length > MAX_INCLUDE_DEPTH)
      return fail(
        "OT0022",
        `includes nest more than ${MAX_INCLUDE_DEPTH} deep`,
        "include the parts from fewer levels",
      );
    let got: { bytes: Uint8Array; id: string };
    try {
      got = this.reader(path, MAX_SOURCE_BYTES - this.bytes);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EFBIG")
        return fail(
          "OT0022",
          `the lab and its includes are larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB`,
          "a lab file describes a lab; split nothing this large into it",
        );
      return fail(
        "OT0020",
        `cannot include ${path}: ${reason(e)}`,
        `the path is relative to the including file, ${including}`,
      );
    }
    // A link named like a lab file is not one: what counts is the file it leads to, or an
    // include could show any file root can read, line by line, as "unknown statements".
    if (!got.id.endsWith(".otop"))
      return fail(
        "OT0020",
        `\`${written}\` is not a lab file: it is a link to a file whose name does not end in \`.otop\``,
        "an include names a lab file, whose name ends in `.otop`",
      );
    const loop = chain.indexOf(got.id);
    if (loop !== -1)
      return fail(
        "OT0021",
        `\`${written}\` includes itself`,
        "remove one of the includes: a file is included once",
        [`the cycle: ${[...chain.slice(loop), got.id].map((f) => this.shown(f)).join(" includes ")}`],
      );
    return { path, ...got };
  }

  /** A file as messages name it: the path it was read by. */
  private shown(id: string): string {
    return this.read.get(id) ?? id;
  }
}

/** An include's path as written; undefined when it holds `{…}`. */
function literalWord(parts: readonly { kind: string; text?: string }[]): string | undefined {
  let out = "";
  for (const p of parts) {
    if (p.kind !== "text" || p.text === undefined) return undefined;
    out += p.text;
  }
  return out;
}

function reason(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "it is a directory";
    case "ENOTREG":
      return "not a regular file";
    case "EACCES":
      return "permission denied";
    default:
      return (e as Error).message;
  }
}

/**
 * Reads a regular file of at most `limit` bytes: a FIFO or a terminal would wait for a
 * writer, a device such as /dev/zero never ends. Opened without waiting (O_NONBLOCK) and
 * then checked, so nothing can be swapped in between; never reads more than `limit` + 1
 * bytes, even from a file that grows meanwhile. Errors carry `code`: EISDIR, ENOTREG (its
 * message says what the file is), EFBIG (with `size`), or the system's.
 */
export function readLabFile(path: string, limit: number): { bytes: Uint8Array; id: string } {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error("it is a directory"), { code: "EISDIR" });
    if (!st.isFile())
      throw Object.assign(new Error(`it is ${kindOf(st)}, not a regular file`), { code: "ENOTREG" });
    if (st.size > limit) throw tooLarge(st.size);
    let bytes = Buffer.alloc(st.size + 1);
    let n = 0;
    for (;;) {
      if (n === bytes.length) {
        if (n > limit) throw tooLarge(n);
        bytes = Buffer.concat([bytes, Buffer.alloc(Math.min(bytes.length, limit + 1 - n))]);
      }
      const got = readSync(fd, bytes, n, bytes.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > limit) throw tooLarge(n);
    return { bytes: bytes.subarray(0, n), id: realpathSync(path) };
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: number): Error {
  return Object.assign(new Error("too large"), { code: "EFBIG", size });
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a file";
}

/** Offset of the first NUL byte or invalid UTF-8 sequence, if any. */
export function invalidText(file: SourceFile): number | undefined {
  const nul = file.bytes.indexOf(0);
  if (nul !== -1) return nul;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(file.bytes);
    return undefined;
  } catch {
    // Find the offending offset for the caret.
    for (let i = 0; i < file.bytes.length; i++) {
      const b = file.bytes[i] ?? 0;
      if (b < 0x80) continue;
      const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
      if (len === 0) return i;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(file.bytes.subarray(i, i + len));
      } catch {
        return i;
      }
      i += len - 1;
    }
    return 0;
  }
}
