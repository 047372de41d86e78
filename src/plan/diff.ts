// Two plans compared operation by operation, for changing a running lab (`apply`, `plan
// --diff`): the operations of the lab that is up (its record's) against a new plan, matched
// by key (`keyOf`). Same key, same content: untouched. Same key, other content: changed in
// place where its kind can (`update`), else recreated. A key on one side only: added or
// removed. What needs an object that is recreated or removed is recreated or removed with it
// (`needs`, `makes`), and the diff says which object forced it. Pure: the runtime runs it.

import { addTo } from "../group.js";
import { type Cidr, contains, parseCidr, parseIp } from "../model/ip.js";
import { type Ns, nsKey } from "./ns.js";
import {
  contentOf,
  keyOf,
  madeWith,
  makesOf,
  type Need,
  type NeedContext,
  needsOf,
  type Op,
  orderOf,
  ownsOf,
  rankOf,
  type Update,
  undoneBy,
  undoneLast,
  undoOf,
  updateOf,
  whereOf,
} from "./ops.js";
import { opsOf, type Plan, type Stage, type Step, steps } from "./plan.js";
import type { RecordOp } from "./record.js";
import type { GuardedOp } from "./teardown.js";

export type ChangeKind = "add" | "remove" | "update" | "recreate";

export interface Change {
  readonly kind: ChangeKind;
  readonly key: string;
  /** The operation in the lab that is up (remove, update, recreate). */
  readonly from?: Op;
  /** The operation of the new plan (add, update, recreate). */
  readonly to?: Op;
  /** Recreated or removed because this object (a key) is: what it needs or lives in. */
  readonly because?: string;
  /** Where the lab's operation (`from`) came from in its file as it was: `file:line:col` (the record's). */
  readonly was?: string;
}

/** An operation that removes an object that goes, under its guard: `of`, the key of the operation that made it. */
export interface UndoOp extends GuardedOp {
  readonly of: string;
}

export interface Diff {
  /** Every change, the lab's removals and recreations first (in its order), then the new plan's. */
  readonly changes: readonly Change[];
  /** What removes the objects that go, newest first, each under its guard (as tear-down's). */
  readonly undo: readonly UndoOp[];
  /** Then what makes, changes and makes again: the new plan's stages with only that. */
  readonly stages: readonly Stage[];
  /** Last, what removes the objects that go for good once what replaces them is made (`undoneLast`). */
  readonly last: readonly UndoOp[];
  /** Operations of the new plan left as they are. */
  readonly unchanged: number;
  /** What cannot be removed alone and lives in nothing that could be recreated instead. */
  readonly blocked: readonly Op[];
  /** For each operation of `stages`, the key of the new plan's operation it stands for. */
  readonly sources: ReadonlyMap<Op, string>;
  /** What goes with something it lives inside (no undo of its own): key → those keys. */
  readonly takenBy: ReadonlyMap<string, readonly string[]>;
  /** Updated in place, taking along what lives inside them. */
  readonly replaced: ReadonlySet<string>;
}

/** What `needs` may ask of a plan: which interface holds a gateway, which keys it has. */
export function needContext(ops: readonly Op[]): NeedContext {
  const keys = new Set(ops.map(keyOf));
  // Each namespace's addresses, parsed once: every route asks, and a route asks many times.
  type Addr = Extract<Op, { kind: "addr.add" }>;
  const addrs = new Map<string, { op: Addr; cidr: Cidr }[]>();
  for (const op of ops)
    if (op.kind === "addr.add") {
      const c = parseCidr(op.cidr);
      if (c.ok) addTo(addrs, nsKey(op.ns), { op, cidr: c.value });
    }
  return {
    has: (key) => keys.has(key),
    onLink(ns: Ns, address: string) {
      const ip = parseIp(address);
      if (!ip.ok) return [];
      return (addrs.get(nsKey(ns)) ?? []).filter((a) => contains(a.cidr, ip.value)).map((a) => a.op);
    },
  };
}

/** One side of the comparison: its operations by key, and who makes each object. */
interface Side {
  readonly ops: ReadonlyMap<string, Op>;
  readonly makers: ReadonlyMap<string, readonly string[]>;
  readonly ctx: NeedContext;
}

function side(ops: readonly Op[]): Side {
  const byKey = new Map<string, Op>();
  const makers = new Map<string, string[]>();
  for (const op of ops) {
    const key = keyOf(op);
    byKey.set(key, op);
    for (const m of makesOf(op)) addTo(makers, m, key);
  }
  return { ops: byKey, makers, ctx: needContext(ops) };
}

/** The keys of the operations that make what `n` names, other than `self`. */
function makersOf(s: Side, n: Need, self: string): string[] {
  return (s.makers.get(n.key) ?? []).filter((k) => k !== self);
}

/** The comparison as it grows: what goes (undone), what is changed in place, and why. */
interface State {
  readonly old: Side;
  readonly next: Side;
  readonly gone: Set<string>;
  readonly updates: Map<string, Update<Op>>;
  /** Updated in place, but taking what needs them along (`dependents: "recreated"`). */
  readonly replaced: Set<string>;
  /** Updated in place, resetting what lives inside them (`dependents: "reset"`). */
  readonly reset: Set<string>;
  readonly because: Map<string, string>;
  readonly blocked: Op[];
}

/** Compares the operations of the lab that is up with a new plan (or, for a rollback, a list of operations). */
export function diffPlans(from: readonly Op[], to: Plan | readonly Op[]): Diff {
  const toOps = isPlan(to) ? opsOf(to.stages) : [...to];
  const st: State = {
    old: side(from),
    next: side(toOps),
    gone: new Set(),
    updates: new Map(),
    replaced: new Set(),
    reset: new Set(),
    because: new Map(),
    blocked: [],
  };
  classify(st);
  propagate(st);
  const sources = new Map<Op, string>();
  const run = (op: Op): Op[] => {
    const key = keyOf(op);
    const ops = !st.old.ops.has(key) || st.gone.has(key) ? [op] : [...(st.updates.get(key)?.ops ?? [])];
    for (const o of ops) sources.set(o, key);
    return ops;
  };
  const stages = isPlan(to)
    ? to.stages.flatMap((s) =>
        inRounds(
          s.name,
          s.steps.map((step) => steps(step.ops.flatMap(run))),
        ),
      )
    : sequential(toOps.flatMap(run));
  return {
    changes: changesOf(st, from, toOps),
    undo: undoOps(st, from, false),
    stages,
    last: undoOps(st, from, true),
    unchanged: toOps.filter(
      (op) => !st.gone.has(keyOf(op)) && st.old.ops.has(keyOf(op)) && !st.updates.has(keyOf(op)),
    ).length,
    blocked: st.blocked,
    sources,
    takenBy: takenBy(st),
    replaced: st.replaced,
  };
}

/**
 * `diffPlans` from a running lab's record: each change to one of its operations says where
 * that operation came from in the file as it was (`was`), which the new file may no longer
 * have — a removed statement's place is known only from the record.
 */
export function diffRecord(from: readonly RecordOp[], to: Plan): Diff {
  const d = diffPlans(
    from.map((r) => r.op),
    to,
  );
  const where = new Map(from.flatMap((r) => (r.origin !== undefined ? [[keyOf(r.op), r.origin]] : [])));
  return {
    ...d,
    changes: d.changes.map((c) => {
      const was = c.from ? where.get(c.key) : undefined;
      return was !== undefined ? { ...c, was } : c;
    }),
  };
}

/** For each operation that goes with what it lives inside: those containers' keys. */
function takenBy(st: State): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, op] of st.old.ops) {
    if (!st.gone.has(key)) continue;
    const holders = needsOf(op, st.old.ctx)
      .filter((n) => n.inside)
      .flatMap((n) => makersOf(st.old, n, key))
      .filter((m) => st.gone.has(m) || st.replaced.has(m));
    if (holders.length) out.set(key, holders);
  }
  return out;
}

/**
 * What exists after part of a diff ran: the lab's operations less those whose undo ran (and
 * what went with them), with what the new plan's ran in their place or added — what a
 * rollback compares with the lab as it was. `undone`: keys whose undo ran; `done`: keys of
 * the new plan whose operations ran (both counting those that may have).
 */
export function partly(
  d: Diff,
  from: readonly Op[],
  to: readonly Op[],
  undone: ReadonlySet<string>,
  done: ReadonlySet<string>,
): Op[] {
  const gone = (key: string, depth = 0): boolean =>
    undone.has(key) ||
    (depth < 64 &&
      (d.takenBy.get(key) ?? []).some((h) => gone(h, depth + 1) || (d.replaced.has(h) && done.has(h))));
  const next = new Map(to.map((op) => [keyOf(op), op]));
  const out: Op[] = [];
  const seen = new Set<string>();
  for (const op of from) {
    const key = keyOf(op);
    if (gone(key)) continue;
    const now = done.has(key) ? next.get(key) : undefined;
    out.push(now ?? op);
    seen.add(key);
  }
  for (const op of to) if (done.has(keyOf(op)) && !seen.has(keyOf(op))) out.push(op);
  return out;
}

function isPlan(x: Plan | readonly Op[]): x is Plan {
  return !Array.isArray(x);
}

/**
 * A stage of the new plan as the diff runs it: each of its steps became `parts` (one step,
 * or several when a change in place runs in another namespace than its step's — a veth's
 * MTU set at both ends). The n-th part of every step runs in the n-th stage, so that a
 * step's parts keep their order (a bridge made before the port that names it as master)
 * while the steps still run concurrently, as in the plan. No parts: no stage.
 */
function inRounds(name: string, parts: readonly Step[][]): Stage[] {
  const rounds = parts.reduce((n, p) => Math.max(n, p.length), 0);
  return Array.from({ length: rounds }, (_, r) => ({
    name,
    steps: parts.flatMap((p) => (p[r] ? [p[r]] : [])),
  }));
}

/** Operations as stages of one step each, in order: for a list that has no stages of its own. */
function sequential(ops: readonly Op[]): Stage[] {
  return steps(ops).map((step) => ({ name: "rollback", steps: [step] }));
}

/** Same key on both sides: untouched, updated in place, or recreated; one side only: removed. */
function classify(st: State): void {
  for (const [key, from] of st.old.ops) {
    const to = st.next.ops.get(key);
    if (!to) {
      st.gone.add(key);
      continue;
    }
    if (contentOf(from) === contentOf(to)) continue;
    const update = updateOf(from, to, st.next.ctx);
    if (!update) st.gone.add(key);
    else {
      st.updates.set(key, update);
      if (update.dependents === "recreated") st.replaced.add(key);
      if (update.dependents === "reset") st.reset.add(key);
    }
  }
}

/**
 * Until nothing more changes: an operation of the lab goes when something it needs goes or
 * is replaced; one of the new plan is made again when something it needs is made (anew or
 * again); an operation that cannot be undone alone takes what it lives inside with it.
 */
function propagate(st: State): void {
  const forced = (s: Side, key: string, op: Op, hit: (k: string) => boolean): string | undefined => {
    for (const n of needsOf(op, s.ctx)) for (const m of makersOf(s, n, key)) if (hit(m)) return m;
    return undefined;
  };
  const goes = (m: string) => st.gone.has(m) || st.replaced.has(m);
  const made = (m: string) => goes(m) || !st.old.ops.has(m);
  // Handed over (make before break): neither what goes last nor what takes its place touches it.
  const but = (key: string, hit: (m: string) => boolean) => {
    const over = handedOver(st, key);
    return over ? (m: string) => hit(m) && !over.has(m) : hit;
  };
  for (let changed = true; changed; ) {
    changed = false;
    const mark = (key: string, cause: string | undefined) => {
      if (cause === undefined || st.gone.has(key)) return;
      st.gone.add(key);
      st.updates.delete(key);
      st.because.set(key, cause);
      changed = true;
    };
    for (const [key, op] of st.old.ops) mark(key, forced(st.old, key, op, but(key, goes)));
    // New, and taking effect only on an object made with it: that object is made again.
    for (const [key, op] of st.next.ops) {
      if (st.old.ops.has(key) || !madeWith(op)) continue;
      for (const n of needsOf(op, st.next.ctx))
        if (n.inside) for (const m of makersOf(st.old, n, key)) mark(m, key);
    }
    for (const [key, op] of st.next.ops)
      if (st.old.ops.has(key)) mark(key, forced(st.next, key, op, but(key, made)));
    for (const [key, op] of st.next.ops) {
      // Inside something reset: set again as it is (or made again where it cannot be).
      const was = st.old.ops.get(key);
      if (!was || st.gone.has(key) || st.updates.has(key)) continue;
      const cause = forced(st.next, key, op, (m) => st.reset.has(m));
      if (cause === undefined) continue;
      const again = updateOf(was, op, st.next.ctx);
      if (again) st.updates.set(key, again);
      else mark(key, cause);
      changed = true;
    }
    for (const key of [...st.gone]) {
      const op = st.old.ops.get(key);
      if (!op || undoOf(op, st.next.ctx) !== null || skipped(st, key, op)) continue;
      const holders = needsOf(op, st.old.ctx)
        .filter((n) => n.inside)
        .flatMap((n) => makersOf(st.old, n, key));
      if (holders.length === 0 && !st.blocked.includes(op)) st.blocked.push(op);
      for (const h of holders) mark(h, key);
    }
  }
}

/**
 * The objects an operation of both plans (as it is, or changed in place) is handed over between: what it needs
 * that goes last (`undoneLast`) and what new of that sort it needs in the new plan instead,
 * when it needs the same of everything else — a route whose gateway's address is replaced on
 * its interface. The new is made before the old goes, so it never goes without: untouched.
 */
function handedOver(st: State, key: string): Set<string> | undefined {
  const was = st.old.ops.get(key);
  const now = st.next.ops.get(key);
  if (!was || !now || st.gone.has(key)) return undefined;
  const makers = (s: Side, op: Op) => new Set(needsOf(op, s.ctx).flatMap((n) => makersOf(s, n, key)));
  const before = makers(st.old, was);
  const after = makers(st.next, now);
  const going = [...before].filter((m) => !after.has(m) && last(st, m));
  const coming = [...after].filter((m) => {
    const op = st.next.ops.get(m);
    return !before.has(m) && !st.old.ops.has(m) && op !== undefined && undoneLast(op);
  });
  const rest = (set: Set<string>, out: readonly string[]) => [...set].filter((m) => !out.includes(m)).sort();
  if (coming.length === 0 || rest(before, going).join(" ") !== rest(after, coming).join(" "))
    return undefined;
  return new Set([...going, ...coming]);
}

/** Its object goes for good, removed after the change has made what replaces it (`undoneLast`). */
function last(st: State, key: string): boolean {
  const op = st.old.ops.get(key);
  return op !== undefined && undoneLast(op) && !st.next.ops.has(key) && !skipped(st, key, op);
}

/** The kernel takes it along: something it lives inside goes (or is replaced) too. */
function skipped(st: State, key: string, op: Op): boolean {
  return needsOf(op, st.old.ctx).some(
    (n) => n.inside && makersOf(st.old, n, key).some((m) => st.gone.has(m) || st.replaced.has(m)),
  );
}

/**
 * What removes what goes: each operation's own undo, newest first, unless something it lives
 * inside goes too; under the guard tear-down would use (an object the lab owns on the
 * machine, only while it exists and is the lab's). Ordered like tear-down (services stop
 * first, cgroups go last), the same undo once. `late`: those removed after the change has
 * made what it makes, else those before.
 */
function undoOps(st: State, from: readonly Op[], late: boolean): UndoOp[] {
  const seen = new Set<string>();
  const out: { g: UndoOp; i: number }[] = [];
  [...from].reverse().forEach((op) => {
    const key = keyOf(op);
    if (!st.gone.has(key) || skipped(st, key, op) || last(st, key) !== late) return;
    const owned = undoneBy(op) === "owned" ? ownsOf(op) : [];
    for (const u of undoOf(op, st.next.ctx) ?? []) {
      const text = contentOf(u);
      if (seen.has(text)) continue;
      seen.add(text);
      const when = owned.length ? { kind: "owned" as const, owned } : { kind: "always" as const };
      out.push({ g: { op: u, when, of: key }, i: out.length });
    }
  });
  return out
    .sort((x, y) => rankOf(x.g.op) - rankOf(y.g.op) || orderOf(x.g.op) - orderOf(y.g.op) || x.i - y.i)
    .map((x) => x.g);
}

/**
 * Undo operations (already ordered) as stages: each rank and order a group; in a group, each
 * namespace's operations in order, one step of each namespace per stage, so that namespaces
 * proceed concurrently and nothing in one namespace overtakes what comes before it.
 */
export function undoStages(ops: readonly Op[]): Stage[] {
  const groups: Op[][] = [];
  let last: string | undefined;
  for (const op of ops) {
    const group = `${rankOf(op)}/${orderOf(op)}`;
    if (group !== last) groups.push([]);
    groups.at(-1)?.push(op);
    last = group;
  }
  return groups.flatMap((group) => {
    const byNs = new Map<string, Op[]>();
    for (const op of group) addTo(byNs, nsKey(whereOf(op)), op);
    const lanes = [...byNs.values()].map((ops) => steps(ops));
    const rounds = Math.max(0, ...lanes.map((l) => l.length));
    return Array.from({ length: rounds }, (_, r) => ({
      name: "remove",
      steps: lanes.flatMap((l) => (l[r] ? [l[r]] : [])),
    }));
  });
}

function changesOf(st: State, from: readonly Op[], to: readonly Op[]): Change[] {
  const out: Change[] = [];
  const because = (key: string) => {
    const b = st.because.get(key);
    return b !== undefined ? { because: b } : {};
  };
  for (const op of from) {
    const key = keyOf(op);
    if (!st.gone.has(key)) continue;
    const next = st.next.ops.get(key);
    out.push(
      next
        ? { kind: "recreate", key, from: op, to: next, ...because(key) }
        : { kind: "remove", key, from: op, ...because(key) },
    );
  }
  for (const op of to) {
    const key = keyOf(op);
    const was = st.old.ops.get(key);
    if (!was) out.push({ kind: "add", key, to: op });
    else if (st.updates.has(key)) out.push({ kind: "update", key, from: was, to: op });
  }
  return out;
}
