// A lab's span on this machine (its content: src/plan/span.ts): the record, the machines'
// scripts and the sockets of the shared ssh connections under RUN/.machines/LAB, written
// whole by rename, and the span's lock beside it.

import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { spanDirHolds, spanDirIn, spanLockIn } from "../plan/layout.js";
import { parseSpan, type SpanMachine, type SpanRecord } from "../plan/span.js";
import { acquireAt, type LockResult } from "./lock.js";
import { removeOwn, runDir, stateWrite } from "./record.js";
import type { Remote } from "./ssh.js";

export function spanDir(lab: string): string {
  return spanDirIn(runDir(), lab);
}

export function readSpan(lab: string): SpanRecord | undefined | Error {
  let text: string;
  try {
    text = readFileSync(join(spanDir(lab), "span.json"), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return e as Error;
  }
  return parseSpan(text, lab);
}

/** The record, written aside and renamed so that a reader never sees half of it. */
export function writeSpan(span: SpanRecord): void {
  const dir = spanDir(span.lab);
  stateWrite(dir, () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `.span.${process.pid}.tmp`);
    writeFileSync(tmp, `${JSON.stringify(span, null, 1)}\n`);
    renameSync(tmp, join(dir, "span.json"));
  });
}

/** Writes a machine's script into the span's directory (made, private, if missing); its path. */
export function writeScript(lab: string, name: string, text: string): string {
  const dir = spanDir(lab);
  const path = join(dir, name);
  stateWrite(dir, () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, text, { mode: 0o700 });
    renameSync(tmp, path);
  });
  return path;
}

/** Where a machine's script is, if `up` wrote it (undefined if it is gone). */
export function scriptPath(span: SpanRecord, m: SpanMachine): string | undefined {
  const path = join(spanDir(span.lab), m.script);
  return existsSync(path) ? path : undefined;
}

/**
 * Forgets the span: each entry OpenTop puts in its directory (`spanDirHolds`), then the
 * directory, never recursively (as a lab's own directory). Returns what is there that
 * OpenTop did not put there; then nothing is removed, and the span stays until it is gone.
 */
export function removeSpan(lab: string): string[] {
  return removeOwn(spanDir(lab), spanDirHolds);
}

export function lockSpan(lab: string): LockResult {
  return acquireAt(spanLockIn(runDir(), lab));
}

/** Labs this machine brought up on other machines. */
export function listSpans(): string[] {
  try {
    return readdirSync(join(runDir(), ".machines"), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(runDir(), ".machines", d.name, "span.json")))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * How a machine of the span is reached: its shared connection's socket is `ssh/NAME` in the
 * span's directory (the directory made, private, when missing). A socket path is at most
 * 107 bytes with the suffix ssh adds while it makes one: a long run directory falls back to
 * the machine's place in the span.
 */
export function remoteOf(
  lab: string,
  m: Pick<SpanMachine, "name" | "address" | "ssh" | "sshOptions">,
  index: number,
): Remote {
  const dir = join(spanDir(lab), "ssh");
  stateWrite(dir, () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  });
  const byName = join(dir, m.name);
  const control = byName.length <= 88 ? byName : join(dir, String(index));
  return { machine: m, control };
}
