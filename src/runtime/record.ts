// The lab record under /run/opentop/LAB: what `up` set out to create (written before the
// first kernel operation, so a crash leaves evidence), its state, and the plan itself, so
// that `down`, `status` and `exec` work without the lab file. /run is a tmpfs: records
// vanish at reboot together with the namespaces they describe.

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import type { NodeRuntime } from "../plan/isolation.js";
import type { Op } from "../plan/ops.js";

export const RECORD_VERSION = 1;

export function runDir(): string {
  return process.env.OPENTOP_RUN_DIR ?? "/run/opentop";
}

export function labDir(lab: string): string {
  return join(runDir(), lab);
}

export type LabState = "creating" | "up";

export interface RecordOp {
  readonly op: Op;
  /** file:line:col of the statement that asked for it. */
  readonly origin?: string;
}

export interface LabRecord {
  readonly version: number;
  readonly tool: string;
  readonly lab: string;
  /** Absolute path of the lab file (it may since have moved or gone). */
  readonly file: string;
  readonly hash: string;
  readonly state: LabState;
  readonly createdAt: string;
  /** Who brought it up: `cli` or `script`. */
  readonly by: "cli" | "script";
  readonly nodes: readonly string[];
  readonly switches: readonly string[];
  /** Every network namespace of the lab. */
  readonly namespaces: readonly string[];
  /** Interfaces on the host's side, with the mark each carries. */
  readonly hostIfaces: readonly { readonly name: string; readonly mark: string }[];
  /** nftables tables on the host (host-side NAT), with the mark in their comment. */
  readonly hostTables?: readonly { readonly family: "inet"; readonly name: string; readonly mark: string }[];
  /** The operations of `up`, in order. */
  readonly ops: readonly RecordOp[];
  /**
   * How to enter the nodes that isolate more than their network or run services: their
   * namespace files, cgroups, init and services. Absent (older records, plain labs): every
   * node is network-only.
   */
  readonly isolation?: Readonly<Record<string, NodeRuntime>>;
  /**
   * Only in a record that stands in for a lost one (`markedRecord`), never written: the
   * lab's isolation objects found on the machine by their marks, as the operations (isolation's
   * own inverses) that remove them.
   */
  readonly found?: readonly Op[];
}

export function readRecord(lab: string): LabRecord | undefined | Error {
  let text: string;
  try {
    text = readFileSync(join(labDir(lab), "record.json"), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return e as Error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not the parser's message: it would quote the file's content into the diagnostic.
    return new Error("it is not valid JSON");
  }
  const problem = shapeProblem(parsed, lab);
  return problem === undefined ? (parsed as LabRecord) : new Error(problem);
}

/**
 * Why parsed JSON is not a record of `lab` that this version reads, if it is not: every
 * command reads these fields without asking again, so a record edited or cut short by hand
 * is "unreadable" (OT6013, and down finds the lab by its marks), never an internal error.
 */
function shapeProblem(x: unknown, lab: string): string | undefined {
  if (typeof x !== "object" || x === null || Array.isArray(x)) return "it is not a record OpenTop wrote";
  const r = x as Record<string, unknown>;
  if (r.version !== RECORD_VERSION || r.lab !== lab)
    return `record version ${String(r.version)} of lab ${String(r.lab)} is not understood`;
  const missing = [
    ...(["file", "hash", "state", "createdAt", "by"] as const).filter((k) => typeof r[k] !== "string"),
    ...(["nodes", "switches", "namespaces", "hostIfaces", "ops"] as const).filter(
      (k) => !Array.isArray(r[k]),
    ),
  ];
  return missing.length ? `it lacks ${missing.join(", ")}` : undefined;
}

/**
 * The record as a file: JSON with one key a line. The emitted script writes the same text
 * and reads its keys line by line (it has no JSON parser), so keep this layout.
 */
export function recordText(record: LabRecord): string {
  return `${JSON.stringify(record, null, 1)}\n`;
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

/** Labs that have a record on this machine. */
export function listLabs(): string[] {
  try {
    return readdirSync(runDir(), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}
