// Shaping's operations: qdiscs, each a line of one `tc -batch -` per namespace. A qdisc lives
// on its interface and goes with it (the namespace's deletion, or the host end's), so none
// needs an inverse. Their kernel modules are features probed before anything is created.

import type { Fact } from "../facts.js";
import type { Feature } from "../features.js";
import { at, type Ns, nsKey } from "../ns.js";
import { type Qdisc, qdiscWords } from "../qdisc.js";
import { type Base, F, inside, linkKey, NOTHING, type Shape, type SpecTable } from "./types.js";

interface QdiscAt {
  readonly ns: Ns;
  readonly dev: string;
  /** `root`, or the class of the qdisc it is the child of (`1:1`). */
  readonly parent: string;
  readonly handle: string;
}

export type TcOp = Base &
  (
    | (QdiscAt & { readonly kind: "qdisc.add"; readonly qdisc: Qdisc })
    /**
     * What `apply` runs on a qdisc that stays: `change` its parameters (same kind), or
     * `replace` it by one of another kind, in one request — no moment unshaped.
     */
    | (QdiscAt & { readonly kind: "qdisc.set"; readonly verb: "change" | "replace"; readonly qdisc: Qdisc })
    | (QdiscAt & { readonly kind: "qdisc.del" })
  );

/** `dev DEV root` or `dev DEV parent P`, then `handle H`. */
function placeWords(op: QdiscAt): string[] {
  return ["dev", op.dev, ...(op.parent === "root" ? ["root"] : ["parent", op.parent]), "handle", op.handle];
}

/** The qdisc of the class a child hangs from: `1:1` is a class of `1:`. */
function parentQdisc(op: QdiscAt): string[] {
  return op.parent === "root" ? [] : [`qdisc ${nsKey(op.ns)} ${op.dev} ${op.parent.split(":")[0]}:`];
}

const AT: Shape = { ns: F.ns, dev: F.word, parent: F.word, handle: F.word };

const FEATURE: { readonly [K in Qdisc["kind"]]: Feature | null } = {
  tbf: "tbf",
  netem: "netem",
  // pfifo is always built in (CONFIG_NET_SCH_FIFO).
  pfifo: null,
};

/** Each qdisc's parameters, as a record read back must hold them. */
const QDISC: { readonly [K in Qdisc["kind"]]: Shape } = {
  tbf: { rate: "number", burst: "number", limit: "number" },
  netem: {
    limit: "number",
    delay: F.optional("number"),
    jitter: F.optional("number"),
    loss: F.optional("number"),
    rate: F.optional("number"),
  },
  pfifo: { limit: "number" },
};

export const TC_OPS: SpecTable<TcOp> = {
  "qdisc.add": {
    shape: { ...AT, qdisc: { kinds: QDISC } },
    tool: "tc",
    where: (op) => op.ns,
    words: (op) => ["qdisc", "add", ...placeWords(op), ...qdiscWords(op.qdisc)],
    // It goes with its interface: the namespace's deletion, or the host end's.
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `shape ${op.dev} in ${at(op.ns)}: ${qdiscWords(op.qdisc).join(" ")}`,
    key: (op) => `qdisc ${nsKey(op.ns)} ${op.dev} ${op.handle}`,
    leaves: (op): Fact[] => [
      { kind: "qdisc", ns: op.ns, dev: op.dev, handle: op.handle, parent: op.parent, qdisc: op.qdisc },
    ],
    owns: () => [],
    features: (op) => {
      const f = FEATURE[op.qdisc.kind];
      return f ? [f] : [];
    },
    needs: (op) => [inside(linkKey(op.ns, op.dev)), ...parentQdisc(op).map(inside)],
    undo: (op) => [{ kind: "qdisc.del", ns: op.ns, dev: op.dev, parent: op.parent, handle: op.handle }],
    update: (from, { kind: _, ...to }) =>
      from.qdisc.kind === to.qdisc.kind
        ? {
            ops: [{ kind: "qdisc.set", verb: "change", ...to }],
            // tbf gives a FIFO child its own limit when changed: the child is set again.
            dependents: to.qdisc.kind === "tbf" ? "reset" : "kept",
          }
        : // Another kind drops the children of the one it replaces: they are made again.
          { ops: [{ kind: "qdisc.set", verb: "replace", ...to }], dependents: "recreated" },
  },
  "qdisc.set": {
    shape: { ...AT, verb: { oneOf: ["change", "replace"] }, qdisc: { kinds: QDISC } },
    tool: "tc",
    where: (op) => op.ns,
    words: (op) => ["qdisc", op.verb, ...placeWords(op), ...qdiscWords(op.qdisc)],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) =>
      `${op.verb} the shaping of ${op.dev} in ${at(op.ns)}: ${qdiscWords(op.qdisc).join(" ")}`,
    key: (op) => `qdisc ${nsKey(op.ns)} ${op.dev} ${op.handle}`,
    leaves: () => [],
    owns: () => [],
    features: (op) => {
      const f = FEATURE[op.qdisc.kind];
      return f ? [f] : [];
    },
    ...NOTHING,
  },
  "qdisc.del": {
    shape: AT,
    tool: "tc",
    where: (op) => op.ns,
    // A root qdisc is deleted as `root`: the kernel then puts the interface's default back.
    words: (op) => [
      "qdisc",
      "del",
      "dev",
      op.dev,
      ...(op.parent === "root" ? ["root"] : ["parent", op.parent, "handle", op.handle]),
    ],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) =>
      `remove the ${op.parent === "root" ? "shaping" : `qdisc ${op.handle}`} of ${op.dev} in ${at(op.ns)}`,
    key: (op) => `qdisc ${nsKey(op.ns)} ${op.dev} ${op.handle}`,
    leaves: () => [],
    owns: () => [],
    ...NOTHING,
  },
};
