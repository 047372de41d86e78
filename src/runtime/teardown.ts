// Tear-down's guards, evaluated against this machine: an owned object is removed only if it
// still exists and is provably the lab's — whatever the record says, each kind checks its
// own rule here (and the standalone script the same rules in sh). The guarded operations
// themselves come from the plan (src/plan/teardown.ts).
//
// What proves an object is the lab's: the lab's mark, which every object carries once `up`
// has written it; or, for an object `up` made but had not marked yet when it stopped, the
// record `up` wrote before making anything (`LabRecord.born`): a namespace made at or after
// that moment under the lab's name was made by that `up`, which had checked that none
// existed. A record that stands in for a lost one (from the lab's file, or found by marks)
// proves nothing: only marks count.

import { closeSync, constants, existsSync, fstatSync, openSync, readSync } from "node:fs";
import { labMark, nodeMark, nodeNetns, parseMark, switchNetns } from "../model/names.js";
import { assertNever } from "../never.js";
import { hostTableName } from "../plan/nft.js";
import type { Owned, OwnedKind, OwnedOf } from "../plan/owned.js";
import type { Stage } from "../plan/plan.js";
import { type LabRecord, recordedOwned } from "../plan/record.js";
import { nicSavedHead } from "../plan/snippets.js";
import { type Guard, teardownOps, teardownStages } from "../plan/teardown.js";
import { hostTableMark } from "./firewall.js";
import {
  hostIfaceAlias,
  hostIfaceExists,
  ifaceIn,
  netnsEntry,
  netnsLive,
  netnsLoMark,
  vethPeerNetns,
} from "./kernel.js";
import { labDir } from "./record.js";

/** What an owned object is on this machine now. */
export type Verdict = "gone" | "ours" | "foreign";

/** Whose objects are judged, and what proves an unmarked one is the lab's. */
export interface Proof {
  readonly lab: string;
  /** The record's time of birth (ms), if a record `up` wrote says what the lab made. */
  readonly born?: number;
}

export function proofOf(record: LabRecord): Proof {
  return { lab: record.lab, ...(record.born !== undefined ? { born: record.born } : {}) };
}

/** How each kind of owned object is recognised as the lab's, here. */
const OURS: { readonly [K in OwnedKind]: (o: OwnedOf<K>, p: Proof) => Verdict } = {
  // The kernel's time of the namespace's file is when it was made (nsfs). Only a namespace,
  // or the empty file one leaves when unmounted, can be the lab's: `ip netns del` would
  // follow a symbolic link to its target (another lab's namespace), and delete whatever else
  // is there.
  netns: (o, p) => {
    // One lstat, without an exception for a name that is gone: `down` asks this of every
    // namespace it has just removed (a thousand exceptions cost it 50 ms).
    const { kind, made } = netnsEntry(o.name);
    if (kind === "gone") return "gone";
    if (kind === "other" || made === undefined) return "foreign";
    if (o.name !== (o.node === undefined ? switchNetns(p.lab) : nodeNetns(p.lab, o.node))) return "foreign";
    if (p.born !== undefined && made >= p.born) return "ours";
    const mark = o.node === undefined ? labMark(p.lab) : nodeMark(p.lab, o.node);
    return netnsLoMark(o.name) === mark ? "ours" : "foreign";
  },
  // Unmarked, it was made but not marked yet (the two are consecutive lines of one batch):
  // then only a veth whose peer is in the lab's own namespace of that node is the lab's.
  "host-iface": (o, p) => {
    if (!hostIfaceExists(o.name)) return "gone";
    const mark = parseMark(o.mark);
    if (mark?.lab !== p.lab || mark.node === undefined) return "foreign";
    const alias = hostIfaceAlias(o.name);
    if (alias === o.mark) return "ours";
    const peer = nodeNetns(p.lab, mark.node);
    return alias === undefined &&
      vethPeerNetns(o.name) === peer &&
      OURS.netns({ kind: "netns", name: peer, node: mark.node }, p) === "ours"
      ? "ours"
      : "foreign";
  },
  // A table is loaded whole with its comment: without the lab's mark it is not the lab's.
  "host-table": (o, p) => {
    const mark = hostTableMark(o.family, o.name);
    if (mark === undefined) return "gone";
    return mark === labMark(p.lab) && o.mark === mark && o.name === hostTableName(p.lab) ? "ours" : "foreign";
  },
  // Its removal gives the NIC back. It is the lab's while the lab's own node holds it: out of
  // the lab's namespace it goes back to the host either way (there the namespace's deletion
  // would destroy it, or return it stripped), and `nic.give` applies its saved state only
  // from a file whose first line is the one its move wrote. Or, a give-back cut short, while
  // that file (in the lab's directory) waits for the NIC back on the host — if a record `up`
  // wrote proves the move: a file alone, without it, would let anyone who can write there
  // reconfigure any host interface (the uplink) at the next gc. A record's fields alone prove
  // nothing. Gone when neither the file nor the node's hold of it is left.
  "moved-nic": (o, p) => {
    const node = o.ns.startsWith(`${p.lab}.`) ? o.ns.slice(p.lab.length + 1) : undefined;
    const labs = node !== undefined && o.saved.startsWith(`${labDir(p.lab)}/`);
    const held = netnsLive(o.ns) && ifaceIn(o.ns, o.iface);
    const head = labs ? savedHead(o.saved) : undefined;
    if (!held && (labs ? head === undefined : !existsSync(o.saved))) return "gone";
    if (held)
      return node !== undefined && OURS.netns({ kind: "netns", name: o.ns, node }, p) === "ours"
        ? "ours"
        : "foreign";
    return p.born !== undefined &&
      labs &&
      head === nicSavedHead(o.name, o.ns, o.iface) &&
      hostIfaceExists(o.name)
      ? "ours"
      : "foreign";
  },
};

/**
 * The first line of a moved interface's saved state; undefined when there is no such file.
 * Read without waiting, and only from a regular file: anything else there is not a state.
 */
function savedHead(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return "";
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString("utf8").split("\n")[0] ?? "";
  } catch {
    return "";
  } finally {
    closeSync(fd);
  }
}

export function verdict(o: Owned, p: Proof): Verdict {
  return (OURS[o.kind] as (o: Owned, p: Proof) => Verdict)(o, p);
}

export function holds(guard: Guard, p: Proof): boolean {
  switch (guard.kind) {
    case "always":
      return true;
    case "owned":
      return guard.owned.every((o) => verdict(o, p) === "ours");
    default:
      return assertNever(guard);
  }
}

/** The tear-down of a lab from its record: what it owns, still exists and is provably its, in stages. */
export function teardownOf(record: LabRecord): Stage[] {
  const p = proofOf(record);
  return teardownStages(
    teardownOps(record)
      .filter((g) => holds(g.when, p))
      .map((g) => g.op),
  );
}

/**
 * What the record lists that still exists after its tear-down: an object the lab could not
 * remove, or one that is not provably the lab's (a look-alike under its name) and was left.
 * The record is kept while anything is listed here.
 */
export function leftBehind(record: LabRecord): { readonly owned: Owned; readonly verdict: Verdict }[] {
  const p = proofOf(record);
  const owned = [
    ...recordedOwned(record),
    ...(record.found ?? []).flatMap((f) => (f.owned ? [f.owned] : [])),
  ];
  return owned.map((o) => ({ owned: o, verdict: verdict(o, p) })).filter((x) => x.verdict !== "gone");
}
