// Shaping's operations: qdiscs, each a line of one `tc -batch -` per namespace. A qdisc lives
// on its interface and goes with it (the namespace's deletion, or the host end's), so none
// needs an inverse. Their kernel modules are features probed before anything is created.

import type { Fact } from "../facts.js";
import type { Feature } from "../features.js";
import { at, type Ns, nsKey } from "../ns.js";
import { type Qdisc, qdiscWords } from "../qdisc.js";
import { type Base, F, type Shape, type SpecTable } from "./types.js";

export type TcOp = Base & {
  readonly kind: "qdisc.add";
  readonly ns: Ns;
  readonly dev: string;
  /** `root`, or the class of the qdisc it is the child of (`1:1`). */
  readonly parent: string;
  readonly handle: string;
  readonly qdisc: Qdisc;
};

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
    shape: { ns: F.ns, dev: F.word, parent: F.word, handle: F.word, qdisc: { kinds: QDISC } },
    tool: "tc",
    where: (op) => op.ns,
    words: (op) => [
      "qdisc",
      "add",
      "dev",
      op.dev,
      ...(op.parent === "root" ? ["root"] : ["parent", op.parent]),
      "handle",
      op.handle,
      ...qdiscWords(op.qdisc),
    ],
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
  },
};
