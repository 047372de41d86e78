// A host interface moved into a node for the lab's lifetime: `nic.take` saves its state in
// the lab's directory (as the `ip -batch` that restores it) and moves it in under the
// node's name for it; `nic.give` — its inverse, and what tear-down runs, also after a crash —
// moves it back and restores what was saved. What the lab owns is the NIC's move (a
// `moved-nic`), whose removal is a restore; what it claims is the NIC, which must exist on
// the host and be nobody else's (src/runtime/collisions.ts).

import { netnsPath } from "../layout.js";
import { NIC_GIVE, NIC_TAKE } from "../snippets.js";
import { LINK_SETTINGS, linkLeaves, linkSettings } from "./network.js";
import { type Base, F, NOTHING, need, netnsKey, RANK, type SpecTable } from "./types.js";

export type NicOp = Base &
  (
    | {
        readonly kind: "nic.take";
        /** The host's interface. */
        readonly nic: string;
        /** The node's namespace it moves into, and its name there. */
        readonly ns: string;
        readonly name: string;
        /** Where its state is saved (in the lab's directory). */
        readonly saved: string;
        readonly mtu?: number;
        readonly mac?: string;
      }
    | {
        readonly kind: "nic.give";
        readonly ns: string;
        readonly name: string;
        readonly nic: string;
        readonly saved: string;
      }
  );

export const NIC_OPS: SpecTable<NicOp> = {
  "nic.take": {
    shape: { nic: F.word, ns: "netns", name: F.word, saved: "lab-path", ...LINK_SETTINGS },
    tool: "exec",
    where: () => null,
    words: (op) => [
      "sh",
      "-c",
      NIC_TAKE,
      "opentop-nic-take",
      op.nic,
      op.ns,
      op.name,
      op.saved,
      ...linkSettings(op),
    ],
    inverse: (op) => ({ kind: "nic.give", ns: op.ns, name: op.name, nic: op.nic, saved: op.saved }),
    undone: () => "owned",
    describe: (op) => `move the host's ${op.nic} into ${op.ns} as ${op.name}, its state saved in ${op.saved}`,
    key: (op) => `link ${op.ns} ${op.name}`,
    leaves: (op) => [linkLeaves(op.ns, op.name, op)],
    owns: (op) => [{ kind: "moved-nic", name: op.nic, ns: op.ns, iface: op.name, saved: op.saved }],
    claims: (op) => [{ kind: "host-nic", name: op.nic, use: "move" }],
    programs: () => ["ip", "sed", "mkdir", "mv"],
    // Given back explicitly, never left to its namespace's deletion (which would strip it).
    needs: (op) => [need(netnsKey(op.ns))],
    undo: (op) => [{ kind: "nic.give", ns: op.ns, name: op.name, nic: op.nic, saved: op.saved }],
  },
  "nic.give": {
    shape: { ns: "netns", name: F.word, nic: F.word, saved: "lab-path" },
    tool: "exec",
    where: () => null,
    words: (op) => ["sh", "-c", NIC_GIVE, "opentop-nic-give", netnsPath(op.ns), op.name, op.nic, op.saved],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `give the host's ${op.nic} back from ${op.ns}, as it was`,
    // Before the namespace goes: a NIC in a namespace that is deleted is destroyed (a
    // virtual one) or returned without its addresses (a physical one).
    rank: () => RANK.nics,
    removes: (op) => [`host interface ${op.nic}, given back from ${op.ns} with its saved state`],
    key: (op) => `nic ${op.nic}`,
    leaves: () => [],
    owns: () => [],
    programs: () => ["nsenter", "ip", "rm"],
    ...NOTHING,
  },
};
