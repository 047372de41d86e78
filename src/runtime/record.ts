// The lab record on disk (its content: src/plan/record.ts): read, written whole by rename so
// that a reader never sees half of it, removed with the lab's directory.

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import { NAME_PATTERN } from "../model/names.js";
import { labDirIn, RUN_DIR } from "../plan/layout.js";
import { type LabRecord, parseRecord, recordText } from "../plan/record.js";

export function runDir(): string {
  return process.env.OPENTOP_RUN_DIR ?? RUN_DIR;
}

export function labDir(lab: string): string {
  return labDirIn(runDir(), lab);
}

export function readRecord(lab: string): LabRecord | undefined | Error {
  let text: string;
  try {
    text = readFileSync(join(labDir(lab), "record.json"), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return e as Error;
  }
  return parseRecord(text, lab);
}

export function writeRecord(record: LabRecord): void {
  const dir = labDir(record.lab);
  stateWrite(dir, () => {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    const tmp = join(dir, `.record.${process.pid}.tmp`);
    writeFileSync(tmp, recordText(record));
    renameSync(tmp, join(dir, "record.json"));
  });
}

/** Runs a write under the run directory; a failure is a diagnostic, not a crash. */
export function stateWrite<T>(path: string, write: () => T): T {
  try {
    return write();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new DiagnosticError(
      diag("OT9004", `cannot write ${path}: ${err.code ?? err.message}`, {
        notes: [`OpenTop keeps its records and locks under ${runDir()} (OPENTOP_RUN_DIR)`],
        help: "that directory must be writable by root on a local file system (normally the tmpfs /run)",
      }),
    );
  }
}

export function removeRecord(lab: string): void {
  rmSync(labDir(lab), { recursive: true, force: true });
}

/**
 * Labs that have a directory on this machine: those named as labs are (`.machines` holds what
 * this machine keeps of labs on other machines, src/runtime/span.ts).
 */
export function listLabs(): string[] {
  try {
    return readdirSync(runDir(), { withFileTypes: true })
      .filter((d) => d.isDirectory() && NAME_PATTERN.test(d.name))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}
