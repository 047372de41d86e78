// The front end in one call: bytes → tokens → syntax tree → expanded declarations →
// checked model. Every phase reports into one list; the model exists only without errors.

import { createHash } from "node:crypto";
import { type Diagnostic, Diagnostics, diag, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { type SourceFile, sourceFile, spanOf } from "../diagnostics/source.js";
import { check } from "./check.js";
import { expand } from "./expand.js";
import type { Lab } from "./model.js";
import { LAB_NAME_MAX, NAME_PATTERN } from "./names.js";
import { verdictDiagnostics } from "./reach/explain.js";
import { invalidText, loadSources, MAX_SOURCE_BYTES, type Reader, readLabFile } from "./sources.js";

export interface Compiled {
  readonly file: SourceFile;
  /** SHA-256 of the source bytes and the `--set` values, recorded with a lab that is up. */
  readonly hash: string;
  /** The `--set` values it was compiled with (overriding the parameters' defaults). */
  readonly params?: ReadonlyMap<string, string>;
  readonly lab?: Lab;
  /** The lab's name when the file declares a valid one, even if it has other errors. */
  readonly labName?: string;
  /** The names of the parameters the lab declares (`param`), which `--set` may give. */
  readonly parameters?: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface CompileOptions {
  readonly params?: ReadonlyMap<string, string>;
  /** How included files are read (tests give files from memory); the file system by default. */
  readonly read?: Reader;
  /**
   * Whether expectations the model says cannot hold are errors (the default): `trace` and
   * `test`, which report verdicts themselves, set it to false.
   */
  readonly verdicts?: boolean;
}

export function compileSource(file: SourceFile, options: CompileOptions = {}): Compiled {
  const diagnostics = new Diagnostics();
  const bad = invalidText(file);
  if (bad !== undefined) {
    diagnostics.error("OT0009", "the file is not UTF-8 text", {
      span: spanOf(file, bad, bad + 1),
      help: "lab files are UTF-8 text without NUL bytes",
    });
    return { file, hash: hashOf([file], options.params), diagnostics: diagnostics.list };
  }
  const sources = loadSources(file, diagnostics, options.read);
  const hash = hashOf(sources.files, options.params);
  const decls = expand(sources.tree, diagnostics, options);
  // A lab cut short by a limit would only add the errors of its missing part.
  const lab = decls.truncated ? undefined : check(decls, diagnostics, file);
  if (lab && !diagnostics.hasErrors && options.verdicts !== false)
    for (const d of verdictDiagnostics(lab)) diagnostics.add(d);
  const name = decls.labs[0]?.text;
  const labName =
    name !== undefined && NAME_PATTERN.test(name) && name.length <= LAB_NAME_MAX ? name : undefined;
  return {
    file,
    hash,
    ...(options.params?.size ? { params: options.params } : {}),
    ...(lab && !diagnostics.hasErrors ? { lab } : {}),
    ...(labName !== undefined ? { labName } : {}),
    parameters: decls.params,
    diagnostics: sortDiagnostics(diagnostics.list),
  };
}

/**
 * SHA-256 of the lab's bytes: its own file's alone when it includes nothing and sets no
 * parameter, else each included file's path and bytes after it, then each `--set` value
 * (sorted), so that a change to any part — or another value — changes the hash.
 */
function hashOf(files: readonly SourceFile[], params?: ReadonlyMap<string, string>): string {
  const [main, ...included] = files;
  const hash = createHash("sha256").update(main?.bytes ?? new Uint8Array());
  for (const f of included) hash.update(`\0${f.path}\0`).update(f.bytes);
  for (const [k, v] of [...(params ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    hash.update(`\0--set\0${k}=${v}`);
  return hash.digest("hex");
}

/** Reads and compiles a file; an unreadable file is a diagnostic, not an exception. */
export function compileFile(path: string, options: CompileOptions = {}): Compiled {
  let bytes: Uint8Array;
  try {
    bytes = readLabFile(path, MAX_SOURCE_BYTES).bytes;
  } catch (e) {
    return { file: sourceFile(path, ""), hash: "", diagnostics: [unreadable(path, e)] };
  }
  return compileSource(sourceFile(path, bytes), options);
}

/** Why the lab's own file cannot be read (its includes' problems are reported at their `include`). */
function unreadable(path: string, e: unknown): Diagnostic {
  const err = e as NodeJS.ErrnoException & { size?: number };
  if (err.code === "EFBIG")
    return diag("OT9005", `${path} is too large to be a lab file: ${err.size ?? "too many"} bytes`, {
      notes: [`OpenTop reads lab files of up to ${MAX_SOURCE_BYTES / 1024 / 1024} MiB, includes and all`],
      help: "a large lab is a few lines with ranges (`node pc[1..500]`) and `for` loops, not one line an object",
    });
  const reason =
    err.code === "ENOENT"
      ? "no such file"
      : err.code === "EISDIR"
        ? "it is a directory"
        : err.code === "EACCES"
          ? "permission denied"
          : err.message;
  return diag("OT9001", `cannot read ${path}: ${reason}`, { help: "give the path of a lab file (.otop)" });
}
