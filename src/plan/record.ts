// The lab record (/run/opentop/LAB/record.json): what `up` set out to create, written before
// its first kernel operation so that a crash leaves evidence, then marked `up`. It holds the
// plan itself, so that `down`, `status` and `exec` work without the lab file. Its content
// is a pure function of the plan; reading and writing it on disk is src/runtime/record.ts.

import { resolve } from "node:path";
import { location } from "../diagnostics/source.js";
import type { Compiled } from "../model/compile.js";
import { nodeNetns } from "../model/names.js";
import { VERSION } from "../version.js";
import type { NodeRuntime } from "./enter.js";
import { type Op, ownsOf } from "./ops.js";
import type { Owned } from "./owned.js";
import { opsOf, type Plan } from "./plan.js";

export const RECORD_VERSION = 2;

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
  /** What the lab owns on the machine (its namespaces, its objects on the host), in plan order. */
  readonly owned: readonly Owned[];
  /** The operations of `up`, in order. */
  readonly ops: readonly RecordOp[];
  /**
   * How to enter the nodes that isolate more than their network or run services: their
   * namespace files, cgroups, init and services. Absent (plain labs): every node is
   * network-only.
   */
  readonly isolation?: Readonly<Record<string, NodeRuntime>>;
  /**
   * Only in a record that stands in for a lost one (`markedRecord`), never written: the
   * lab's isolation objects found on the machine by their marks, as the operations (isolation's
   * own inverses) that remove them.
   */
  readonly found?: readonly Op[];
}

/** The record `up` writes (the CLI's or the standalone script's) for a plan. */
export function recordOf(compiled: Compiled, plan: Plan, by: "cli" | "script"): LabRecord {
  const lab = compiled.lab;
  if (!lab) throw new Error("internal: no model");
  const ops = opsOf(plan.stages);
  return {
    version: RECORD_VERSION,
    tool: `opentop ${VERSION}`,
    lab: lab.name,
    file: resolve(compiled.file.path),
    hash: compiled.hash,
    state: "creating",
    createdAt: new Date().toISOString(),
    by,
    nodes: lab.nodes.map((n) => n.name),
    switches: lab.switches.map((s) => s.name),
    owned: ops.flatMap(ownsOf),
    ops: ops.map((op) => {
      const { origin: span, ...rest } = op;
      return { op: rest as Op, ...(span ? { origin: location(span) } : {}) };
    }),
    ...(plan.nodes ? { isolation: plan.nodes } : {}),
  };
}

/** The lab's network namespaces, from what it owns. */
export function recordNamespaces(record: LabRecord): string[] {
  return record.owned.flatMap((o) => (o.kind === "netns" ? [o.name] : []));
}

/** The lab's interfaces on the host, from what it owns. */
export function recordHostIfaces(record: LabRecord): { name: string; mark: string }[] {
  return record.owned.flatMap((o) => (o.kind === "host-iface" ? [{ name: o.name, mark: o.mark }] : []));
}

/** The node whose namespace `ns` is (`LAB.NODE`), if any: not the switches' (`LAB`), not the host. */
export function nodeOfNamespace(record: LabRecord, ns: string | null): string | null {
  const prefix = nodeNetns(record.lab, "");
  return ns?.startsWith(prefix) ? ns.slice(prefix.length) : null;
}

/** Keys whose arrays are written one element a line. */
const LISTED = new Set(["owned", "ops"]);

/**
 * The record as a file: JSON with one key a line, and what the lab owns and its operations
 * one a line. The emitted script writes the same text and reads its keys line by line (it has
 * no JSON parser), so keep this layout.
 */
export function recordText(record: LabRecord): string {
  const lines = Object.entries(record)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      const key = JSON.stringify(k);
      if (!LISTED.has(k) || !Array.isArray(v) || v.length === 0) return ` ${key}: ${JSON.stringify(v)}`;
      return ` ${key}: [\n${v.map((item) => `  ${JSON.stringify(item)}`).join(",\n")}\n ]`;
    });
  return `{\n${lines.join(",\n")}\n}\n`;
}

/**
 * The record of `lab` in `text`, or why it is not one this version reads: every command reads
 * these fields without asking again, so a record edited or cut short by hand is
 * "unreadable" (OT6013, and down finds the lab by its marks), never an internal error.
 */
export function parseRecord(text: string, lab: string): LabRecord | Error {
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

function shapeProblem(x: unknown, lab: string): string | undefined {
  if (typeof x !== "object" || x === null || Array.isArray(x)) return "it is not a record OpenTop wrote";
  const r = x as Record<string, unknown>;
  if (r.version !== RECORD_VERSION || r.lab !== lab)
    return `record version ${String(r.version)} of lab ${String(r.lab)} is not understood`;
  const missing = [
    ...(["file", "hash", "state", "createdAt", "by"] as const).filter((k) => typeof r[k] !== "string"),
    ...(["nodes", "switches", "owned", "ops"] as const).filter((k) => !Array.isArray(r[k])),
  ];
  return missing.length ? `it lacks ${missing.join(", ")}` : undefined;
}
