// The primitive operations of a plan, and the one table of their kinds. Each kind defines,
// in one entry, the tool that runs it, its exact command line, its inverse, what it leaves
// in the kernel, what it owns and claims on the machine, and its key; the runner, the
// shell-script emitter, `plan`, rollback, tear-down, `status` and the collision checks all
// read this table, so they cannot drift apart. The kinds come in families, each in a file
// of its own under src/plan/ops/; a new family is one import and one spread here.

import { addTo } from "../group.js";
import type { Fact } from "./facts.js";
import type { Feature } from "./features.js";
import { FIREWALL_OPS, type FirewallOp } from "./ops/firewall.js";
import { ISOLATION_OPS, type IsolationOp } from "./ops/isolation.js";
import { NETWORK_OPS, type NetworkOp } from "./ops/network.js";
import { NIC_OPS, type NicOp } from "./ops/nic.js";
import { PROBE_OPS, type ProbeOp } from "./ops/probe.js";
import { READY_OPS, type ReadyOp } from "./ops/ready.js";
import { TC_OPS, type TcOp } from "./ops/tc.js";
import {
  type Need,
  type NeedContext,
  type Ns,
  type OpSpec,
  RANK,
  type Shape,
  type Tool,
  type Undone,
  type Update,
} from "./ops/types.js";
import type { Claim, Owned } from "./owned.js";
import type { Program } from "./programs.js";

export { type VethEnd, vethEnd } from "./ops/network.js";
export type { Base, Need, NeedContext, Ns, Tool, Update } from "./ops/types.js";
export { RANK } from "./ops/types.js";

export type Op = NetworkOp | NicOp | TcOp | FirewallOp | IsolationOp | ReadyOp | ProbeOp;
export type OpKind = Op["kind"];
export type OpOf<K extends OpKind> = Extract<Op, { kind: K }>;

/** Every kind, exhaustively: a kind missing here (or a member missing in it) does not compile. */
const OPS: { readonly [K in OpKind]: OpSpec<OpOf<K>, Op> } = {
  ...NETWORK_OPS,
  ...NIC_OPS,
  ...TC_OPS,
  ...FIREWALL_OPS,
  ...ISOLATION_OPS,
  ...READY_OPS,
  ...PROBE_OPS,
};

function spec<K extends OpKind>(op: OpOf<K>): OpSpec<OpOf<K>, Op> {
  return OPS[op.kind] as unknown as OpSpec<OpOf<K>, Op>;
}

/** The fields of a kind, for reading a record back; undefined for a kind this version does not have. */
export function shapeOfKind(kind: unknown): Shape | undefined {
  return typeof kind === "string" && Object.hasOwn(OPS, kind) ? OPS[kind as OpKind].shape : undefined;
}

export function toolOf(op: Op): Tool {
  return spec(op).tool;
}

export function whereOf(op: Op): Ns {
  return spec(op).where(op);
}

/**
 * What places an operation in a step, its tool and `where`, from one look-up of its kind:
 * `steps` asks both of every operation of a plan (hundreds of thousands in a large lab).
 */
export function placing(op: Op): Pick<OpSpec<Op, Op>, "tool" | "where"> {
  return spec(op);
}

export function wordsOf(op: Op): string[] {
  return spec(op).words(op);
}

export function inverseOf(op: Op): Op | null {
  return spec(op).inverse(op);
}

/** Its inverse when nothing proves that the lab made what it undoes (`OpSpec.unproven`). */
export function unprovenInverseOf(op: Op): Op | null {
  const s = spec(op);
  return s.unproven ? s.unproven(op) : s.inverse(op);
}

/** How tear-down from a record undoes the operation (`OpSpec.undone`). */
export function undoneBy(op: Op): Undone {
  return spec(op).undone(op);
}

export function describe(op: Op): string {
  return spec(op).describe(op);
}

/** The operation's part of its step's standard input, for tools that read a script. */
export function scriptOf(op: Op): string | undefined {
  return spec(op).script?.(op);
}

/** Which object the operation acts on, stable across plans (unique within one). */
export function keyOf(op: Op): string {
  return spec(op).key(op);
}

/** What the operation leaves in the kernel. */
export function leavesOf(op: Op): Fact[] {
  return spec(op).leaves(op);
}

/** What the operation creates that the lab owns and tear-down removes explicitly. */
export function ownsOf(op: Op): Owned[] {
  return spec(op).owns(op);
}

/** What must be free on the machine before the operation runs: what it owns, and more. */
export function claimsOf(op: Op): Claim[] {
  return [...spec(op).owns(op), ...(spec(op).claims?.(op) ?? [])];
}

export function rankOf(op: Op): number {
  return spec(op).rank?.(op) ?? RANK.network;
}

/** Its place within its tear-down stage: higher runs later. */
export function orderOf(op: Op): number {
  return spec(op).order?.(op) ?? 0;
}

/** What a deleting operation removes, named for people. */
export function removedBy(op: Op): string[] {
  return spec(op).removes?.(op) ?? [describe(op)];
}

/** It runs a program the lab file wrote, in the caller's locale (`OpSpec.labPrograms`). */
export function runsLabPrograms(op: Op): boolean {
  return spec(op).labPrograms === true;
}

export function programsOf(op: Op): Program[] {
  return spec(op).programs?.(op) ?? [];
}

/** The kernel features it needs, which `up` probes for before anything is created. */
export function featuresOf(op: Op): Feature[] {
  return spec(op).features?.(op) ?? [];
}

/** Each feature the operations need, with the operations that need it, in their order. */
export function featureUsers(ops: readonly Op[]): Map<Feature, Op[]> {
  const out = new Map<Feature, Op[]>();
  for (const op of ops) for (const f of featuresOf(op)) addTo(out, f, op);
  return out;
}

// ---- changing a running lab (`apply`, src/plan/diff.ts) -------------------------------------

/** The objects it needs, and those it lives inside (`OpSpec.needs`). */
export function needsOf(op: Op, ctx: NeedContext): Need[] {
  return spec(op).needs(op, ctx);
}

/** The keys of the objects it makes (its own key, unless its kind says more). */
export function makesOf(op: Op): string[] {
  return spec(op).makes?.(op) ?? [keyOf(op)];
}

/** What removes exactly its object from a running lab becoming `next`; null: it cannot be removed alone. */
export function undoOf(op: Op, next: NeedContext): readonly Op[] | null {
  return spec(op).undo(op, next);
}

/** Its object, going for good, is removed after the change has made what it makes (`OpSpec.undoneLast`). */
export function undoneLast(op: Op): boolean {
  return spec(op).undoneLast === true;
}

/** It takes effect only on an object made with it (`OpSpec.madeWith`). */
export function madeWith(op: Op): boolean {
  return spec(op).madeWith === true;
}

/** What changes `from` into `to` in place (same kind and key); undefined: recreate it. */
export function updateOf(from: Op, to: Op, ctx: NeedContext): Update<Op> | undefined {
  if (from.kind !== to.kind) return undefined;
  const s = spec(from) as OpSpec<Op, Op>;
  return s.update?.(from, to, ctx);
}

/** An operation's content: everything but where in the file it came from, as a stable text. */
export function contentOf(op: Op): string {
  const { origin: _, ...rest } = op;
  return stable(rest);
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stable(o[k])}`).join(",")}}`;
}
