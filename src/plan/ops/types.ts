// The shape every kind of operation fills in. A kind answers, in one entry of the table
// (src/plan/ops.ts), every question the rest of OpenTop asks about it: how it runs, what
// undoes it, what it leaves in the kernel, what it owns and claims on the machine, and which
// object it is (its key, for comparing two plans). Types only.

import type { Span } from "../../diagnostics/source.js";
import type { Fact } from "../facts.js";
import type { Feature } from "../features.js";
import { type Ns, nsKey } from "../ns.js";
import type { Claim, Owned } from "../owned.js";
import type { Program } from "../programs.js";

export type { Ns } from "../ns.js";

export interface Base {
  /** The statement of the lab file that asked for this operation. */
  readonly origin?: Span;
}

/**
 * The tools a step can be: `ip`, `tc` and `bridge` run their operations as lines of one
 * `-batch -` (iproute2's three, which report a failing line alike);
 * `sysctl` gives each operation as one `KEY=VALUE` argument of one `sysctl -w`; `nft`,
 * `iptables` and `ip6tables` read their operations' scripts (`nft -f -`, `*-restore`) on
 * standard input, one transaction per step; `exec` is one operation whose words are the
 * whole argv (a step of its own), its script its standard input.
 */
export type Tool = "ip" | "tc" | "bridge" | "sysctl" | "nft" | "iptables" | "ip6tables" | "exec";

/**
 * Tear-down ranks: inverses run in stages of ascending rank. Services stop while everything
 * they use still exists, then the inits (taking the rest of their pid namespaces with them);
 * the network goes; then the namespace files, and last the cgroups, which can only be
 * removed once empty.
 */
export const RANK = {
  services: 0,
  inits: 1,
  nics: 2,
  network: 3,
  namespaces: 4,
  files: 5,
  labCgroups: 6,
} as const;

/**
 * One kind of operation `O`, whose inverse is an operation of type `I` (its own family's).
 * Every member but the optional ones is required, so that a new kind cannot be added without
 * saying what it leaves, owns and is.
 */
export interface OpSpec<O, I> {
  readonly tool: Tool;
  /**
   * It runs a program the lab file wrote (a service, an init, a readiness check's command),
   * which keeps the caller's locale. Every other operation runs only the tools and OpenTop's
   * own programs, in the C locale (`toolEnv`), so that failure.ts and `test` read their
   * messages whatever the user's language.
   */
  readonly labPrograms?: true;
  /** Its fields, as a record read back must hold them (besides `kind`). */
  readonly shape: Shape;
  /** Where the operation runs. */
  where(op: O): Ns;
  /** The batch line (ip) or the argument (sysctl), as words; for a script, its summary. */
  words(op: O): string[];
  /**
   * What the operation gives its tool on standard input: its part of the script (nft,
   * iptables-restore), or an `exec` process's whole input (a value for `tee`).
   */
  script?(op: O): string | undefined;
  /** What undoes it, or null when deleting the namespace it lives in undoes it. */
  inverse(op: O): I | null;
  /**
   * What undoes it when nothing proves that the lab made what it undoes — a record that
   * stands in for a lost one, from the lab's file or found by marks (default: `inverse`).
   */
  unproven?(op: O): I | null;
  /**
   * How tear-down from a record undoes it: `nothing` (no inverse: its namespace, or the lab's
   * directory, takes it along — or it deletes), `owned` (its inverse, only while what it
   * owns still exists and is the lab's), `self` (its inverse, which checks that for itself).
   */
  undone(op: O): Undone;
  /** One line for people: "create namespace office.router". */
  describe(op: O): string;
  /**
   * Which object it makes, sets or removes, stable across plans: operations with the same
   * key act on the same object (unique within a plan; `apply` compares plans by it).
   */
  key(op: O): string;
  /** What it leaves in the kernel, for `status` and the script's `status`. */
  leaves(op: O): Fact[];
  /** What it creates that tear-down must remove explicitly (the record lists these). */
  owns(op: O): Owned[];
  /** What must be free before `up` besides what it owns (default: nothing more). */
  claims?(op: O): Claim[];
  /** When its inverse runs in tear-down (default: the network's rank). */
  rank?(op: O): number;
  /**
   * Its place within its tear-down stage (default 0; higher runs later): a namespace is
   * deleted after the host's objects, so that those are gone when `down` returns.
   */
  order?(op: O): number;
  /**
   * For an operation that deletes: what it removes, named for people (`gc --dry-run` lists
   * these; default: its description).
   */
  removes?(op: O): string[];
  /** Programs it runs besides its tool (what `up` checks are installed). */
  programs?(op: O): Program[];
  /**
   * The kernel features it needs (default: none beyond the network namespaces every lab
   * needs): `up` probes each once, before anything is created (src/plan/features.ts).
   */
  features?(op: O): Feature[];

  // ---- changing a running lab (`apply`, src/plan/diff.ts) ----------------------------------

  /**
   * The objects (by key) it needs, and which of them it lives inside: when one it needs is
   * recreated or removed, so is it; when one it lives inside goes, the kernel takes it along
   * (an address with its interface), so it needs no undoing of its own.
   */
  needs(op: O, ctx: NeedContext): Need[];
  /** The keys of the objects it makes (default: its key): a veth pair makes two interfaces. */
  makes?(op: O): string[];
  /**
   * What removes exactly this operation's object from a running lab, leaving the rest
   * (`[]`: nothing to remove); null: it cannot be removed alone, so what it lives inside is
   * recreated with it. `next`: the plan the lab becomes (what stays beside it). Distinct from
   * `inverse`, which is tear-down's policy.
   */
  undo(op: O, next: NeedContext): readonly I[] | null;
  /**
   * Its object, when it goes for good, is removed after the change has made what it makes
   * (make before break): what needed it and has a replacement in the new plan never goes
   * without — an address is removed once the one that takes over its routes is there.
   */
  readonly undoneLast?: true;
  /**
   * It takes effect only on an object made with it (a setting the kernel reads when the
   * interface first comes up): added to an object that stays, that object is made again.
   */
  readonly madeWith?: true;
  /**
   * What turns `from` into `to` (same key, other content) in place; undefined: the object is
   * recreated (undone, then made again).
   */
  update?(from: O, to: O, ctx: NeedContext): Update<I> | undefined;
}

/** An object an operation needs, by key; `inside`: the kernel removes the operation's object with it. */
export interface Need {
  readonly key: string;
  readonly inside?: true;
}

export function need(key: string): Need {
  return { key };
}

export function inside(key: string): Need {
  return { key, inside: true };
}

/** What `needs` and `update` may ask of the plan an operation is part of. */
export interface NeedContext {
  /**
   * The addresses of `ns` whose prefix holds `address` (a gateway's), with their interfaces:
   * a route through that gateway goes when its interface goes, and the kernel drops it when
   * the last of them goes.
   */
  onLink(ns: Ns, address: string): readonly { readonly dev: string; readonly cidr: string }[];
  /** The plan has an operation of this key. */
  has(key: string): boolean;
}

/** An in-place change: its operations, and whether what needs the object survives it. */
export interface Update<I> {
  readonly ops: readonly I[];
  /**
   * `kept`: what needs the object is untouched; `recreated`: the change takes it along (a
   * qdisc replaced by one of another kind drops its children), so it is made again;
   * `reset`: the change resets what lives inside it (tbf sets its FIFO child's limit to its
   * own), which is set again as it is.
   */
  readonly dependents: "kept" | "recreated" | "reset";
}

/** The key of an interface: what its link's operations make and others need. */
export function linkKey(ns: Ns, dev: string): string {
  return `link ${nsKey(ns)} ${dev}`;
}

/** The key of a network namespace. */
export function netnsKey(name: string): string {
  return `netns ${name}`;
}

/** For kinds that only remove or change (they never stand in a plan of `up`): nothing to need or undo. */
export const NOTHING = { needs: (): Need[] => [], undo: (): never[] => [] } as const;

export type Undone = "nothing" | "owned" | "self";

/**
 * What one field of an operation holds, for reading a record back (src/plan/shape.ts): a
 * record is data from disk, so every field is checked before anything acts on it. The roles
 * that name the lab's own objects are checked against the lab whose record it is, so that a
 * record — edited, or another lab's — cannot point tear-down at anything else.
 */
export type Field =
  | "string"
  | "number"
  | "boolean"
  /** A name in a batch line (interface, bridge, table, address): the safe character set. */
  | "word"
  /** A network namespace of the lab: `LAB` or `LAB.NODE`. */
  | "netns"
  /** A network namespace of the lab, or null for the host's. */
  | "ns"
  /** The lab's mark, or one of its objects': `opentop:LAB[:…]`. */
  | "mark"
  /** A file or directory inside the lab's directory under the run directory. */
  | "lab-path"
  /** A cgroup of the lab: `…/opentop/LAB` or `…/opentop/LAB/NODE`. */
  | "cgroup"
  | { readonly oneOf: readonly (string | number | boolean)[] }
  | { readonly each: Field }
  | { readonly object: Shape }
  /** An object whose `kind` is one of these, with that kind's fields besides `kind`. */
  | { readonly kinds: { readonly [kind: string]: Shape } }
  | { readonly optional: Field };

/** The fields of an operation besides `kind`, each with what it must hold. */
export type Shape = { readonly [field: string]: Field };

/** Shorthands for the shapes of the table's entries. */
export const F = {
  strings: { each: "string" },
  words: { each: "word" },
  labPaths: { each: "lab-path" },
  ns: "ns",
  word: "word",
  optional: (f: Field): Field => ({ optional: f }),
} as const satisfies Record<string, Field | ((f: Field) => Field)>;

/** The specs of one family of operations, one per kind, exhaustively. */
export type SpecTable<U extends { readonly kind: string }, I = U> = {
  readonly [K in U["kind"]]: OpSpec<Extract<U, { kind: K }>, I>;
};
