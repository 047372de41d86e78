// The front end in one call: bytes → tokens → syntax tree → expanded declarations →
// checked model. Every phase reports into one list; the model exists only without errors.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { type Diagnostic, Diagnostics, diag, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { type SourceFile, sourceFile, spanOf } from "../diagnostics/source.js";
import { parse } from "../syntax/parser.js";
import { check } from "./check.js";
import { expand } from "./expand.js";
import type { Lab } from "./model.js";
import { LAB_NAME_MAX, NAME_PATTERN } from "./names.js";
import { verdictDiagnostics } from "./reach/explain.js";

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
  /**
   * Whether expectations the model says cannot hold are errors (the default): `trace` and
   * `test`, which report verdicts themselves, set it to false.
   */
  readonly verdicts?: boolean;
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
  if (lab && !diagnostics.hasErrors && options.verdicts !== false)
    for (const d of verdictDiagnostics(lab)) diagnostics.add(d);
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

/** Reads and compiles a file; an unreadable file is a diagnostic, not an exception. */
export function compileFile(path: string, options: CompileOptions = {}): Compiled {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const file = sourceFile(path, "");
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES"
            ? "permission denied"
            : (e as Error).message;
    return {
      file,
      hash: "",
      diagnostics: [
        diag("OT9001", `cannot read ${path}: ${reason}`, { help: "give the path of a lab file (.otop)" }),
      ],
    };
  }
  return compileSource(sourceFile(path, bytes), options);
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
