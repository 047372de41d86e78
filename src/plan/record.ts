// The lab record (/run/opentop/LAB/record.json): what `up` set out to create, written before
// its first kernel operation so that a crash leaves evidence, then marked `up`. It holds the
// plan itself, so that `down`, `status` and `exec` work without the lab file. Its content
// is a pure function of the plan; reading and writing it on disk is src/runtime/record.ts.

import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { location } from "../diagnostics/source.js";
import type { Compiled } from "../model/compile.js";
import { NAME_PATTERN } from "../model/names.js";
import { partOn } from "../model/part.js";
import { VERSION } from "../version.js";
import { NODE_RUNTIME_SHAPE, type NodeRuntime } from "./enter.js";
import { labDirIn, RUN_DIR } from "./layout.js";
import type { Shape } from "./ops/types.js";
import { type Op, ownsOf, shapeOfKind } from "./ops.js";
import { type Owned, type OwnedKind, ownedKey } from "./owned.js";
import { opsOf, type Plan } from "./plan.js";
import { isObject, type ShapeContext, shapeProblem } from "./shape.js";

export const RECORD_VERSION = 2;

/** `applying`: an `apply` is changing the lab from `ops` to `next` (both may exist in part). */
export type LabState = "creating" | "up" | "applying";

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
  /** The lab's source (and its `--set` values): `Compiled.hash`. */
  readonly hash: string;
  /** The `--set` values it was brought up (or last applied) with, by parameter. */
  readonly params?: Readonly<Record<string, string>>;
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
   * While an `apply` runs (state `applying`): the plan it changes the lab to, as its own
   * record would say it. Tear-down then undoes both (each object under its guard), since
   * an `apply` killed half-way leaves some of each.
   */
  readonly next?: NextRecord;
  /**
   * Only in a record that stands in for a lost one (`markedRecord`), never written: the
   * lab's objects found on the machine by their marks, as the operations that remove them —
   * under the guard of the owned object each removes, or (isolation's own inverses) none.
   */
  readonly found?: readonly { readonly op: Op; readonly owned?: Owned }[];
  /**
   * Only in a record read from its file, never written: when `up` first wrote it (the file's
   * modification time, in ms, which `up` keeps when it marks the lab up). What the kernel made
   * at or after that moment under the lab's names was made by that `up`, which had checked
   * that none of it existed: the proof that an object it had not marked yet is the lab's. A
   * record without it (one that stands in for a lost one) proves nothing: only marks count.
   */
  readonly born?: number;
}

/** What a record says about a plan: what `apply` puts in `next`, and then in the record. */
export type NextRecord = Pick<
  LabRecord,
  "file" | "hash" | "params" | "nodes" | "switches" | "plan" | "owned" | "ops" | "isolation"
>;

/** The part of the record `recordOf` makes from the plan, for `next`. */
export function nextOf(r: LabRecord): NextRecord {
  const { file, hash, params, nodes, switches, plan, owned, ops, isolation } = r;
  return {
    file,
    hash,
    ...(params ? { params } : {}),
    nodes,
    switches,
    plan,
    owned,
    ops,
    ...(isolation ? { isolation } : {}),
  };
}

/** The record once `next` is the lab: what a finished `apply` writes. */
export function settled(r: LabRecord): LabRecord {
  const { next, isolation: _, params: _p, ...rest } = r;
  return next ? { ...rest, ...next, state: "up" } : { ...r, state: "up" };
}

/** Every operation the record says may exist: the plan that is up, and during an `apply` the next one. */
export function recordedOps(r: LabRecord): RecordOp[] {
  return [...r.ops, ...(r.next?.ops ?? [])];
}

/** Everything the record says the lab may own: `owned`, and during an `apply` `next`'s too. */
export function recordedOwned(r: LabRecord): Owned[] {
  const seen = new Set<string>();
  return [...r.owned, ...(r.next?.owned ?? [])].filter((o) => {
    const k = ownedKey(o);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
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
    ...(compiled.params && compiled.params.size > 0 ? { params: Object.fromEntries(compiled.params) } : {}),
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
  return recordedOwned(record).flatMap((o) => (o.kind === "netns" ? [o.name] : []));
}

/** The lab's interfaces on the host, from what it owns. */
export function recordHostIfaces(record: LabRecord): { name: string; mark: string }[] {
  return recordedOwned(record).flatMap((o) =>
    o.kind === "host-iface" ? [{ name: o.name, mark: o.mark }] : [],
  );
}

/** Each node namespace of the lab, by name, with its node (the lab's own namespace has none). */
export function namespaceNodes(record: LabRecord): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const o of recordedOwned(record))
    if (o.kind === "netns" && o.node !== undefined) out.set(o.name, o.node);
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
    .filter(([k, v]) => v !== undefined && k !== "born" && k !== "found")
    .map(([k, v]) => {
      const key = JSON.stringify(k);
      if (!LISTED.has(k) || !Array.isArray(v) || v.length === 0) return ` ${key}: ${JSON.stringify(v)}`;
      return ` ${key}: [\n${v.map((item) => `  ${JSON.stringify(item)}`).join(",\n")}\n ]`;
    });
  return `{\n${lines.join(",\n")}\n}\n`;
}

/**
 * The record of `lab` in `text`, or why it is not one this version reads: every command acts
 * on these fields without asking again, so a record edited or cut short by hand is
 * "unreadable" (OT6013, and `down` finds the lab by its marks), never an internal error. Every
 * operation must be of a kind this version has, each field as its kind's shape says, and
 * everything it names of the lab's — namespaces, marks, paths, cgroups — this lab's own
 * (src/plan/shape.ts), in `dir`, the lab's directory; what the lab owns must be what its
 * operations own, and the plan's hash must be theirs.
 */
export function parseRecord(text: string, lab: string, dir = labDirIn(RUN_DIR, lab)): LabRecord | Error {
  let parsed: unknown;
  try {
    parsed = recordValue(text, lab);
  } catch {
    // Not the parser's message: it would quote the file's content into the diagnostic.
    return new Error("it is not valid JSON");
  }
  const problem = recordProblem(parsed, { lab, dir });
  return problem === undefined ? (parsed as LabRecord) : new Error(problem);
}

/**
 * The value in `text` as `parseRecord` checks it (a version-1 record read as version 2), made
 * anew, unchecked: for bytes `parseRecord` has accepted, so that each reading is an object
 * of its own. Throws on text that is not JSON.
 */
export function recordValue(text: string, lab: string): unknown {
  const parsed: unknown = JSON.parse(text);
  return isObject(parsed) && parsed.version === 1 && parsed.lab === lab ? fromVersion1(parsed) : parsed;
}

/**
 * The plain fields of a record file (`owned`, `ops` and `isolation` are checked by kind).
 * `found` and `born` are never written, so a file that has them is not a record.
 */
const RECORD_SHAPE: Shape = {
  version: "number",
  tool: "string",
  lab: "string",
  file: "string",
  hash: "string",
  state: { oneOf: ["creating", "up", "applying"] },
  createdAt: "string",
  by: { oneOf: ["cli", "script"] },
  nodes: { each: "word" },
  switches: { each: "word" },
  plan: "string",
  machine: { optional: "word" },
  machines: { optional: { each: { object: { name: "word", address: "word" } } } },
};

function recordProblem(x: unknown, ctx: ShapeContext): string | undefined {
  if (!isObject(x)) return "it is not a record OpenTop wrote";
  if (x.version !== RECORD_VERSION || x.lab !== ctx.lab)
    return `record version ${String(x.version)} of lab ${String(x.lab)} is not understood`;
  const required = Object.entries(RECORD_SHAPE).flatMap(([k, f]) =>
    typeof f === "object" && "optional" in f ? [] : [k],
  );
  const missing = [...required, "owned", "ops"].filter((k) => x[k] === undefined);
  if (missing.length) return `it lacks ${missing.join(", ")}`;
  const { owned, ops, isolation, params, next, ...plain } = x;
  const top = shapeProblem(plain, RECORD_SHAPE, ctx);
  if (top !== undefined) return `its ${top.replace(/^`(\w+)`/, "$1")}`;
  if (params !== undefined && !isParams(params)) return "its params are not names and values";
  if (next !== undefined) {
    if (x.state !== "applying") return "it holds a next plan without applying it";
    const p = isObject(next) ? recordProblem({ ...x, ...next, next: undefined, state: "up" }, ctx) : "";
    if (p !== undefined) return `its next plan: ${p || "it is not an object"}`;
  } else if (x.state === "applying") return "it is applying a plan it does not hold";
  if (!Array.isArray(owned) || !Array.isArray(ops)) return "its owned objects or operations are not lists";
  const bad = owned.find((o) => !isOwned(o, ctx));
  if (bad !== undefined) return `it lists an object that is not one OpenTop owns: ${JSON.stringify(bad)}`;
  for (const [i, r] of ops.entries()) {
    const p = recordOpProblem(r, ctx);
    if (p !== undefined) return `its operation ${i + 1} ${p}`;
  }
  if (isolation !== undefined) {
    if (!isObject(isolation)) return "its isolation is not an object";
    for (const [node, rt] of Object.entries(isolation)) {
      const p = shapeProblem(rt, NODE_RUNTIME_SHAPE, ctx);
      if (p !== undefined) return `the isolation of its node ${node} ${p}`;
    }
  }
  return consistencyProblem(x as unknown as LabRecord);
}

function isParams(x: unknown): boolean {
  return (
    isObject(x) &&
    Object.entries(x).every(([k, v]) => NAME_PATTERN.test(k) && typeof v === "string" && !v.includes("\n"))
  );
}

/** A recorded operation: the operation, and where in the source it came from. */
const RECORDED_OP_SHAPE: Shape = { origin: { optional: "string" } };

function recordOpProblem(r: unknown, ctx: ShapeContext): string | undefined {
  if (!isObject(r) || !isObject(r.op)) return "is not an operation";
  const kind = r.op.kind;
  const shape = shapeOfKind(kind);
  if (!shape) return `is of a kind this version does not know (${JSON.stringify(kind)})`;
  return (
    shapeProblem(r, RECORDED_OP_SHAPE, ctx, ["op"]) ??
    shapeProblem(r.op, shape, ctx, ["kind"])?.replace(/^/, `(${String(kind)}) `)
  );
}

/** What the lab owns is what its operations own, and its plan is theirs: nothing added by hand. */
function consistencyProblem(r: LabRecord): string | undefined {
  const listed = r.owned.map(ownedKey);
  let owns: string[];
  try {
    owns = r.ops.flatMap((o) => ownsOf(o.op)).map(ownedKey);
  } catch (e) {
    // An operation of the right shape that no plan makes (a host end without its mark).
    return `an operation is not one a plan makes: ${(e as Error).message.replace(/^internal: /, "")}`;
  }
  if (listed.length !== owns.length || listed.some((k, i) => k !== owns[i]))
    return "what it says the lab owns is not what its operations created";
  if (r.plan !== "" && r.plan !== planHash(r.ops)) return "its operations are not the plan it names";
  return undefined;
}

/** The string fields of each kind of owned object (`node` of a namespace is optional). */
const OWNED_FIELDS: { readonly [K in OwnedKind]: Shape } = {
  netns: { name: "netns", node: { optional: "word" } },
  "host-iface": { name: "word", mark: "mark" },
  "host-table": { family: { oneOf: ["inet"] }, name: "word", mark: "mark" },
  "moved-nic": { name: "word", ns: "netns", iface: "word", saved: "lab-path" },
};

function isOwned(o: unknown, ctx: ShapeContext): o is Owned {
  if (!isObject(o) || typeof o.kind !== "string" || !Object.hasOwn(OWNED_FIELDS, o.kind)) return false;
  return shapeProblem(o, OWNED_FIELDS[o.kind as OwnedKind], ctx, ["kind"]) === undefined;
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
