// The lab record on disk (its content: src/plan/record.ts): read, written whole by rename so
// that a reader never sees half of it, removed with the lab's directory.

import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import { NAME_PATTERN } from "../model/names.js";
import { labDirIn, RUN_DIR } from "../plan/layout.js";
import { type LabRecord, parseRecord, recordText } from "../plan/record.js";
import { labDir, runDir } from "./rundir.js";

export { labDir, runDir } from "./rundir.js";

/**
 * The lab's record, with when it was born (its file's modification time: see
 * `LabRecord.born`); undefined without one; an Error when it cannot be read as one.
 */
export function readRecord(lab: string): LabRecord | undefined | Error {
  const path = join(labDir(lab), "record.json");
  let text: string;
  let born: number;
  try {
    born = statSync(path).mtimeMs;
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return e as Error;
  }
  const record = parseRecord(text, lab, labDir(lab));
  return record instanceof Error ? record : { ...record, born };
}

/**
 * Writes the record whole (aside, then renamed, so that a reader never sees half of it). A
 * record that exists keeps its time of birth: marking a lab up does not make it younger
 * than what it made. Returns the record as read back would be, with `born`.
 */
export function writeRecord(record: LabRecord): LabRecord {
  const dir = labDir(record.lab);
  const path = join(dir, "record.json");
  const tmp = join(dir, `.record.${process.pid}.tmp`);
  return stateWrite(dir, () => {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    try {
      writeFileSync(tmp, recordText(record));
      const before = bornOf(path);
      if (before !== undefined) utimesSync(tmp, Date.now() / 1000, before / 1000);
      renameSync(tmp, path);
    } catch (e) {
      // A full or read-only run directory: no half-written file is left behind.
      try {
        unlinkSync(tmp);
      } catch {}
      throw e;
    }
    return { ...record, born: statSync(path).mtimeMs };
  });
}

function bornOf(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
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
 * Where labs of this machine keep records besides the default run directory: a lab brought
 * up with another OPENTOP_RUN_DIR leaves a link to that directory under the default one, so
 * that `gc` and `ls` of any run directory see its record (and never take its marked objects
 * for debris).
 */
function runDirsIndex(): string {
  return join(RUN_DIR, ".run-dirs");
}

/** Notes this run directory in the index of run directories, if it is not the default. */
export function registerRunDir(): void {
  const dir = resolve(runDir());
  if (dir === RUN_DIR) return;
  const name = createHash("sha256").update(dir).digest("hex").slice(0, 16);
  stateWrite(runDirsIndex(), () => {
    mkdirSync(runDirsIndex(), { recursive: true, mode: 0o755 });
    try {
      symlinkSync(dir, join(runDirsIndex(), name));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  });
}

/** Every run directory of this machine that exists: this one, the default, and those noted. */
export function knownRunDirs(): string[] {
  const out = new Set([runDir(), RUN_DIR]);
  try {
    for (const entry of readdirSync(runDirsIndex())) {
      try {
        const target = readlinkSync(join(runDirsIndex(), entry));
        if (statSync(target).isDirectory()) out.add(target);
      } catch {}
    }
  } catch {}
  return [...out];
}

/** The lab has a record file in some run directory of this machine (readable or not). */
export function recordedAnywhere(lab: string): boolean {
  return knownRunDirs().some((dir) => existsSync(join(labDirIn(dir, lab), "record.json")));
}

/** Labs that have a directory in this run directory (not `.run-dirs`: a lab's name starts with a letter). */
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
