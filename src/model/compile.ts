// The front end in one call: bytes → tokens → syntax tree → expanded declarations →
// checked model. Every phase reports into one list; the model exists only without errors.

import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { type Diagnostic, Diagnostics, diag, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { type SourceFile, sourceFile, spanOf } from "../diagnostics/source.js";
import { parse } from "../syntax/parser.js";
import { check } from "./check.js";
import { expand } from "./expand.js";
import type { Lab } from "./model.js";
import { LAB_NAME_MAX, NAME_PATTERN } from "./names.js";

export interface Compiled {
  readonly file: SourceFile;
  /** SHA-256 of the source bytes, recorded with a lab that is up. */
  readonly hash: string;
  readonly lab?: Lab;
  /** The lab's name when the file declares a valid one, even if it has other errors. */
  readonly labName?: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface CompileOptions {
  readonly params?: ReadonlyMap<string, string>;
}

export function compileSource(file: SourceFile, options: CompileOptions = {}): Compiled {
  const diagnostics = new Diagnostics();
  const hash = createHash("sha256").update(file.bytes).digest("hex");
  const bad = invalidText(file);
  if (bad !== undefined) {
    diagnostics.error("OT0009", "the file is not UTF-8 text", {
      span: spanOf(file, bad, bad + 1),
      help: "lab files are UTF-8 text without NUL bytes",
    });
    return { file, hash, diagnostics: diagnostics.list };
  }
  const tree = parse(file, diagnostics);
  const decls = expand(tree, diagnostics, options);
  const lab = check(decls, diagnostics, file);
  const name = decls.labs[0]?.text;
  const labName =
    name !== undefined && NAME_PATTERN.test(name) && name.length <= LAB_NAME_MAX ? name : undefined;
  return {
    file,
    hash,
    ...(lab && !diagnostics.hasErrors ? { lab } : {}),
    ...(labName !== undefined ? { labName } : {}),
    diagnostics: sortDiagnostics(diagnostics.list),
  };
}

/**
 * The largest lab file read: far beyond any lab written by hand or generated (a 20 000-node
 * lab written out node by node is about 2 MB), and a bound on what `check` reads.
 */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Reads and compiles a file; an unreadable file is a diagnostic, not an exception. */
export function compileFile(path: string, options: CompileOptions = {}): Compiled {
  const read = readLabFile(path);
  if (read instanceof Uint8Array) return compileSource(sourceFile(path, read), options);
  return { file: sourceFile(path, ""), hash: "", diagnostics: [read] };
}

/**
 * A lab file's bytes, or why not. Only a regular file is read — a FIFO or a terminal would
 * wait for a writer, a device such as /dev/zero never ends — and only up to MAX_FILE_BYTES.
 * Opened without waiting (O_NONBLOCK) and then checked, so nothing can be swapped in between.
 */
export function readLabFile(path: string): Uint8Array | Diagnostic {
  const cannot = (reason: string) =>
    diag("OT9001", `cannot read ${path}: ${reason}`, { help: "give the path of a lab file (.otop)" });
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    return cannot(errnoReason(e));
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return cannot("it is a directory");
    if (!st.isFile()) return cannot(`it is ${kindOf(st)}, not a regular file`);
    if (st.size > MAX_FILE_BYTES) return tooLarge(path, st.size);
    const bytes = Buffer.alloc(st.size + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < bytes.length; n += got)
      got = readSync(fd, bytes, n, bytes.length - n, null);
    // It grew while being read: still bounded.
    if (n > MAX_FILE_BYTES) return tooLarge(path, n);
    return bytes.subarray(0, n);
  } catch (e) {
    return cannot(errnoReason(e));
  } finally {
    closeSync(fd);
  }
}

function tooLarge(path: string, size: number): Diagnostic {
  return diag("OT9005", `${path} is too large to be a lab file: ${size} bytes`, {
    notes: [`OpenTop reads lab files of up to ${MAX_FILE_BYTES / 1024 / 1024} MiB`],
    help: "a large lab is a few lines with ranges (`node pc[1..500]`) and `for` loops, not one line an object",
  });
}

function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "ENOENT"
    ? "no such file"
    : code === "EISDIR"
      ? "it is a directory"
      : code === "EACCES"
        ? "permission denied"
        : (e as Error).message;
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a file";
}

/** Offset of the first NUL byte or invalid UTF-8 sequence, if any. */
function invalidText(file: SourceFile): number | undefined {
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
