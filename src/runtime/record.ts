// The lab record on disk (its content: src/plan/record.ts): read, written whole by rename so
// that a reader never sees half of it, removed with the lab's directory.

import { createHash } from "node:crypto";
import {
  type Dirent,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import { NAME_PATTERN } from "../model/names.js";
import { labDirHolds, labDirIn, RUN_DIR } from "../plan/layout.js";
import { type LabRecord, parseRecord, recordText, recordValue } from "../plan/record.js";
import { labDir, runDir } from "./rundir.js";

export { labDir, runDir } from "./rundir.js";

/**
 * The lab's record, with when it was born (its file's modification time: see
 * `LabRecord.born`); undefined without one; an Error when it cannot be read as one.
 */
export function readRecord(lab: string): LabRecord | undefined | Error {
  return readRecordIn(runDir(), lab);
}

/** `readRecord` of a lab of run directory `dir`. */
function readRecordIn(dir: string, lab: string): LabRecord | undefined | Error {
  const path = join(labDirIn(dir, lab), "record.json");
  let text: string;
  let born: number;
  try {
    born = statSync(path).mtimeMs;
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return e as Error;
  }
  const record = validated(path, text, lab, labDirIn(dir, lab));
  return record instanceof Error ? record : { ...record, born };
}

/**
 * The last record read: its bytes, and why they are not a record (undefined: they are one). A
 * command reads a record to know what its argument names, then again under the lab's lock
 * (what it acts on must be what is there then); when the bytes are the same, checking them
 * again (tens of milliseconds for a lab of a thousand nodes) would find the same. What is
 * kept is the verdict, not the record: the first reading is its caller's (the API hands it
 * out), and what a caller changes in it must not become what the next reading says.
 */
let lastRead:
  | { readonly path: string; readonly text: string; readonly problem: string | undefined }
  | undefined;

function validated(path: string, text: string, lab: string, dir: string): LabRecord | Error {
  if (lastRead?.path === path && lastRead.text === text)
    return lastRead.problem !== undefined
      ? new Error(lastRead.problem)
      : (recordValue(text, lab) as LabRecord);
  const record = parseRecord(text, lab, dir);
  lastRead = { path, text, problem: record instanceof Error ? record.message : undefined };
  return record;
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

/** What an entry of a directory of OpenTop's own is; undefined: none it makes (a link, a FIFO…). */
export type EntryKind = "dir" | "file" | "socket";

function kindOf(e: Dirent): EntryKind | undefined {
  return e.isDirectory() ? "dir" : e.isFile() ? "file" : e.isSocket() ? "socket" : undefined;
}

/**
 * What is in `dir` that OpenTop does not put there (`holds`, by path relative to it and kind),
 * two levels deep at most: anything else, a symbolic link, a special file. Empty for a
 * directory of OpenTop's own, or none.
 */
export function strangersUnder(dir: string, holds: (path: string, kind: EntryKind) => boolean): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      const kind = kindOf(e);
      if (kind === undefined || !holds(path, kind)) out.push(path);
      else if (kind === "dir" && depth < 1) walk(path, depth + 1);
    }
  };
  walk("", 0);
  return out.sort();
}

/**
 * Removes `dir`: each entry OpenTop puts there (`holds`), then the directory — never
 * recursively, so that nothing else can go with it. Returns what is in it that OpenTop did
 * not put there; then nothing is removed.
 */
export function removeOwn(dir: string, holds: (path: string, kind: EntryKind) => boolean): string[] {
  const strangers = strangersUnder(dir, holds);
  if (strangers.length) return strangers;
  const gone = (remove: () => void, what: string): string[] => {
    try {
      remove();
      return [];
    } catch (e) {
      // Gone already is gone; anything else (a file put there meanwhile) keeps it.
      return (e as NodeJS.ErrnoException).code === "ENOENT" ? [] : [what];
    }
  };
  const entries = (sub: string) => {
    try {
      return readdirSync(join(dir, sub), { withFileTypes: true });
    } catch {
      return [];
    }
  };
  const left: string[] = [];
  for (const e of entries("")) {
    if (e.isDirectory()) {
      for (const f of entries(e.name))
        left.push(...gone(() => unlinkSync(join(dir, e.name, f.name)), `${e.name}/${f.name}`));
      left.push(...gone(() => rmdirSync(join(dir, e.name)), e.name));
    } else left.push(...gone(() => unlinkSync(join(dir, e.name)), e.name));
  }
  return left.length ? left : gone(() => rmdirSync(dir), ".");
}

/** The lab's directory holds `path` as OpenTop puts it there (sockets: never). */
function labHolds(path: string, kind: EntryKind): boolean {
  return kind !== "socket" && labDirHolds(path, kind === "dir");
}

/**
 * What is in the lab's directory that OpenTop does not put there (`labDirHolds`), by path
 * relative to it: anything else, a symbolic link, a special file. Empty for a directory of
 * OpenTop's own, or none.
 */
export function strangersIn(lab: string): string[] {
  return strangersUnder(labDir(lab), labHolds);
}

/**
 * Removes the lab's directory: each entry OpenTop puts there, then the directory — never
 * recursively, so that nothing else can go with it. Returns what is in it that OpenTop did
 * not put there; then nothing is removed, and the record stays until it is gone.
 */
export function removeRecord(lab: string): string[] {
  return removeOwn(labDir(lab), labHolds);
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

/**
 * The readable records of every run directory of this machine: what the other labs hold
 * (a lab never takes what another lab uses). Unreadable ones say nothing and are skipped.
 */
export function everyRecord(): LabRecord[] {
  return knownRunDirs().flatMap((dir) =>
    labsIn(dir).flatMap((lab) => {
      const r = readRecordIn(dir, lab);
      return r && !(r instanceof Error) ? [r] : [];
    }),
  );
}

/**
 * Labs that have a directory in this run directory: those named as labs are (not
 * `.run-dirs`, nor `.machines`, which holds what this machine keeps of labs on other
 * machines, src/runtime/span.ts: a lab's name starts with a letter).
 */
export function listLabs(): string[] {
  return labsIn(runDir());
}

function labsIn(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && NAME_PATTERN.test(d.name))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}
