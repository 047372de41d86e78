// The lab record (/run/opentop/LAB/record.json): what `up` set out to create, written before
// its first kernel operation so that a crash leaves evidence, then marked `up`. It holds the
// plan itself, so that `down`, `status` and `exec` work without the lab file. Its content
// is a pure function of the plan; reading and writing it on disk is src/runtime/record.ts.

import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { location } from "../diagnostics/source.js";
import type { Compiled } from "../model/compile.js";
import { partOn } from "../model/part.js";
import { VERSION } from "../version.js";
import type { NodeRuntime } from "./enter.js";
import { type Op, ownsOf } from "./ops.js";
import type { Owned, OwnedKind } from "./owned.js";
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
  /**
   * In a lab with machines: the machine this record is of (each keeps its own, of its part)
   * and every machine of the lab with its underlay address, so that any of them can say
   * where the rest of the lab is.
   */
  readonly machine?: string;
  readonly machines?: readonly { readonly name: string; readonly address: string }[];
  readonly state: LabState;
  readonly createdAt: string;
  /** Who brought it up: `cli` or `script`. */
  readonly by: "cli" | "script";
  readonly nodes: readonly string[];
  readonly switches: readonly string[];
  /** `planHash` of `ops`: which plan this is. */
  readonly plan: string;
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
   * lab's objects found on the machine by their marks, as the operations that remove them —
   * under the guard of the owned object each removes, or (isolation's own inverses) none.
   */
  readonly found?: readonly { readonly op: Op; readonly owned?: Owned }[];
}

/**
 * The record `up` writes (the CLI's or the standalone script's) for a plan, created at
 * `createdAt` (the script fills it in when it runs). The lab file's path is made absolute
 * against the working directory: the record outlives it.
 */
export function recordOf(compiled: Compiled, plan: Plan, by: "cli" | "script", createdAt: string): LabRecord {
  const whole = compiled.lab;
  if (!whole) throw new Error("internal: no model");
  const lab = partOn(whole, plan.machine);
  const ops = opsOf(plan.stages).map((op): RecordOp => {
    const { origin: span, ...rest } = op;
    return { op: rest as Op, ...(span ? { origin: location(span) } : {}) };
  });
  return {
    version: RECORD_VERSION,
    tool: `opentop ${VERSION}`,
    lab: lab.name,
    file: resolve(compiled.file.path),
    hash: compiled.hash,
    ...(plan.machine !== undefined
      ? {
          machine: plan.machine,
          machines: whole.machines.map((m) => ({ name: m.name, address: m.address })),
        }
      : {}),
    state: "creating",
    createdAt,
    by,
    nodes: lab.nodes.map((n) => n.name),
    switches: lab.switches.map((s) => s.name),
    plan: planHash(ops),
    owned: ops.flatMap((r) => ownsOf(r.op)),
    ops,
    ...(plan.nodes ? { isolation: plan.nodes } : {}),
  };
}

/**
 * What identifies a plan: a hash of its operations (without where in the file each came
 * from). Two records with the same hash were brought up by the same plan, services, mounts
 * and all: the script compares it (with what the lab owns) before it acts on a record.
 */
export function planHash(ops: readonly RecordOp[]): string {
  return createHash("sha256")
    .update(JSON.stringify(ops.map((r) => r.op)))
    .digest("hex");
}

/** The lab's network namespaces, from what it owns. */
export function recordNamespaces(record: LabRecord): string[] {
  return record.owned.flatMap((o) => (o.kind === "netns" ? [o.name] : []));
}

/** The lab's interfaces on the host, from what it owns. */
export function recordHostIfaces(record: LabRecord): { name: string; mark: string }[] {
  return record.owned.flatMap((o) => (o.kind === "host-iface" ? [{ name: o.name, mark: o.mark }] : []));
}

/** Each node namespace of the lab, by name, with its node (the lab's own namespace has none). */
export function namespaceNodes(record: LabRecord): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const o of record.owned) if (o.kind === "netns" && o.node !== undefined) out.set(o.name, o.node);
  return out;
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
  if (isObject(parsed) && parsed.version === 1 && parsed.lab === lab) parsed = fromVersion1(parsed);
  const problem = shapeProblem(parsed, lab);
  return problem === undefined ? (parsed as LabRecord) : new Error(problem);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function shapeProblem(x: unknown, lab: string): string | undefined {
  if (!isObject(x)) return "it is not a record OpenTop wrote";
  if (x.version !== RECORD_VERSION || x.lab !== lab)
    return `record version ${String(x.version)} of lab ${String(x.lab)} is not understood`;
  const missing = [
    ...(["file", "hash", "state", "createdAt", "by", "plan"] as const).filter(
      (k) => typeof x[k] !== "string",
    ),
    ...(["nodes", "switches", "owned", "ops"] as const).filter((k) => !Array.isArray(x[k])),
  ];
  if (missing.length) return `it lacks ${missing.join(", ")}`;
  const bad = (x.owned as unknown[]).find((o) => !isOwned(o));
  return bad === undefined
    ? undefined
    : `it lists an object that is not one OpenTop owns: ${JSON.stringify(bad)}`;
}

/** The string fields of each kind of owned object (`node` of a namespace is optional). */
const OWNED_FIELDS: { readonly [K in OwnedKind]: readonly string[] } = {
  netns: ["name"],
  "host-iface": ["name", "mark"],
  "host-table": ["family", "name", "mark"],
  "moved-nic": ["name", "ns", "iface", "saved"],
};

function isOwned(o: unknown): o is Owned {
  if (!isObject(o) || typeof o.kind !== "string" || !Object.hasOwn(OWNED_FIELDS, o.kind)) return false;
  const fields = OWNED_FIELDS[o.kind as OwnedKind];
  return (
    fields.every((f) => typeof o[f] === "string") && (o.node === undefined || typeof o.node === "string")
  );
}

/**
 * A record of version 1 (OpenTop before its owned objects were one list), read as version 2,
 * so that a lab brought up before an upgrade stays the lab's: its namespaces, host interfaces
 * and host tables become `owned`, and its host veth ends learn the mark they were given.
 */
function fromVersion1(r: Record<string, unknown>): Record<string, unknown> {
  const list = (k: string): Record<string, unknown>[] => (Array.isArray(r[k]) ? r[k].filter(isObject) : []);
  const marks = new Map(list("hostIfaces").map((h) => [h.name, h.mark]));
  const marked = (end: unknown) =>
    isObject(end) && end.ns === null && marks.has(end.name) ? { ...end, mark: marks.get(end.name) } : end;
  const ops = list("ops").map((ro) =>
    isObject(ro.op) && ro.op.kind === "veth.add"
      ? { ...ro, op: { ...ro.op, a: marked(ro.op.a), b: marked(ro.op.b) } }
      : ro,
  );
  const { namespaces: _n, hostIfaces: _h, hostTables: _t, ...rest } = r;
  return {
    ...rest,
    version: RECORD_VERSION,
    plan: "",
    owned: [
      // A node's namespace was LAB.NODE then as now; the lab's own is LAB.
      ...(Array.isArray(r.namespaces) ? r.namespaces : []).map((name) =>
        typeof name === "string" && name.startsWith(`${String(r.lab)}.`)
          ? { kind: "netns", name, node: name.slice(String(r.lab).length + 1) }
          : { kind: "netns", name },
      ),
      ...list("hostIfaces").map((h) => ({ kind: "host-iface", name: h.name, mark: h.mark })),
      ...list("hostTables").map((t) => ({
        kind: "host-table",
        family: t.family,
        name: t.name,
        mark: t.mark,
      })),
    ],
    ops,
  };
}
