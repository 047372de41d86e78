// The filters' operations: whole rulesets given to their tool on standard input, one
// transaction per step (src/plan/firewall.ts lowers filters to these). A node's table goes
// with its namespace; the lab's table on the host is owned and deleted explicitly.

import { at, type Ns, nsKey } from "../ns.js";
import type { Owned } from "../owned.js";
import { type Base, F, type SpecTable } from "./types.js";

export type FirewallOp = Base &
  (
    | {
        readonly kind: "nft.table";
        readonly ns: Ns;
        readonly family: "inet";
        readonly name: string;
        /** The table's comment: the owner's mark, for tables on the host. */
        readonly mark?: string;
        /** `table inet NAME { … }`, exactly as nft reads it. */
        readonly ruleset: string;
      }
    /** A literal `nft { … }` block; `index` counts a node's blocks (they have no name). */
    | { readonly kind: "nft.raw"; readonly ns: Ns; readonly index: number; readonly ruleset: string }
    | { readonly kind: "nft.deltable"; readonly ns: Ns; readonly family: "inet"; readonly name: string }
    | { readonly kind: "iptables.restore"; readonly ns: Ns; readonly ruleset: string }
    | { readonly kind: "ip6tables.restore"; readonly ns: Ns; readonly ruleset: string }
  );

/** The tables an iptables-restore file writes: `*filter`, `*nat`. */
function restoreTables(ruleset: string): string[] {
  return ruleset.split("\n").filter((l) => l.startsWith("*"));
}

/** A table on the host is the lab's by its mark, loaded with it. */
function hostTable(op: Extract<FirewallOp, { kind: "nft.table" }>): Owned[] {
  if (op.ns !== null) return [];
  if (op.mark === undefined) throw new Error(`internal: host table ${op.name} without the lab's mark`);
  return [{ kind: "host-table", family: op.family, name: op.name, mark: op.mark }];
}

const INET = { oneOf: ["inet"] } as const;

export const FIREWALL_OPS: SpecTable<FirewallOp> = {
  "nft.table": {
    shape: { ns: F.ns, family: INET, name: F.word, mark: F.optional("mark"), ruleset: "string" },
    tool: "nft",
    where: (op) => op.ns,
    words: (op) => ["table", op.family, op.name],
    script: (op) => op.ruleset,
    // A node's table goes with its namespace; a table on the host is deleted explicitly.
    inverse: (op) =>
      op.ns === null ? { kind: "nft.deltable", ns: null, family: op.family, name: op.name } : null,
    undone: (op) => (op.ns === null ? "owned" : "nothing"),
    describe: (op) =>
      op.ns === null
        ? `create nftables table ${op.family} ${op.name} on the host`
        : `load nftables table ${op.family} ${op.name} in ${op.ns}`,
    key: (op) => `nft ${nsKey(op.ns)} ${op.family} ${op.name}`,
    leaves: (op) => [{ kind: "nft-table", ns: op.ns, family: op.family, name: op.name, ruleset: op.ruleset }],
    owns: hostTable,
  },
  "nft.raw": {
    shape: { ns: F.ns, index: "number", ruleset: "string" },
    tool: "nft",
    where: (op) => op.ns,
    words: () => ["nft", "{", "…", "}"],
    script: (op) => op.ruleset,
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `apply literal nftables text in ${at(op.ns)}`,
    key: (op) => `nft-raw ${nsKey(op.ns)} ${op.index}`,
    // Literal text is the kernel's to interpret: `status` does not claim to know its result.
    leaves: () => [],
    owns: () => [],
  },
  "nft.deltable": {
    shape: { ns: F.ns, family: INET, name: F.word },
    tool: "nft",
    where: (op) => op.ns,
    words: (op) => ["delete", "table", op.family, op.name],
    script: (op) => `delete table ${op.family} ${op.name}\n`,
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `delete nftables table ${op.family} ${op.name} from ${at(op.ns)}`,
    removes: (op) => [`nft table ${op.family} ${op.name}`],
    key: (op) => `nft ${nsKey(op.ns)} ${op.family} ${op.name}`,
    leaves: () => [],
    owns: () => [],
  },
  "iptables.restore": {
    shape: { ns: F.ns, ruleset: "string" },
    tool: "iptables",
    where: (op) => op.ns,
    words: (op) => restoreTables(op.ruleset),
    script: (op) => op.ruleset,
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `load the IPv4 iptables rules of ${at(op.ns)} (${restoreTables(op.ruleset).join(" ")})`,
    key: (op) => `iptables ${nsKey(op.ns)} 4`,
    leaves: (op) => [{ kind: "iptables", ns: op.ns, family: 4, ruleset: op.ruleset }],
    owns: () => [],
  },
  "ip6tables.restore": {
    shape: { ns: F.ns, ruleset: "string" },
    tool: "ip6tables",
    where: (op) => op.ns,
    words: (op) => restoreTables(op.ruleset),
    script: (op) => op.ruleset,
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) =>
      `load the IPv6 ip6tables rules of ${at(op.ns)} (${restoreTables(op.ruleset).join(" ")})`,
    key: (op) => `iptables ${nsKey(op.ns)} 6`,
    leaves: (op) => [{ kind: "iptables", ns: op.ns, family: 6, ruleset: op.ruleset }],
    owns: () => [],
  },
};
