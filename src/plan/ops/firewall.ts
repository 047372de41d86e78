// The filters' operations: whole rulesets given to their tool on standard input, one
// transaction per step (src/plan/firewall.ts lowers filters to these). A node's table goes
// with its namespace; the lab's table on the host is owned and deleted explicitly.

import { at, type Ns, nsKey } from "../ns.js";
import type { Owned } from "../owned.js";
import {
  type Base,
  F,
  inside,
  type Need,
  NOTHING,
  need,
  netnsKey,
  type SpecTable,
  type Update,
} from "./types.js";

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
    // What `apply` runs (never in `up`'s plan): a table swapped for its new rules in one
    // transaction, and a node's whole ruleset flushed (literal `nft` text cannot be undone alone).
    | {
        readonly kind: "nft.replace";
        readonly ns: Ns;
        readonly family: "inet";
        readonly name: string;
        readonly mark?: string;
        readonly ruleset: string;
      }
    | { readonly kind: "nft.flush"; readonly ns: string }
  );

/** What each iptables table's built-in chains are: restoring them empty, with policy ACCEPT, clears it. */
const BUILTIN_CHAINS: Readonly<Record<string, readonly string[]>> = {
  filter: ["INPUT", "FORWARD", "OUTPUT"],
  nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
  mangle: ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"],
  raw: ["PREROUTING", "OUTPUT"],
};

/**
 * A restore file that empties each of `tables` (`*filter`): restored without --noflush, a
 * table named in the file is flushed, its own chains deleted, its built-in ones set as given.
 */
function emptyTables(tables: readonly string[]): string {
  return tables
    .map((t) => {
      const name = t.slice(1);
      const chains = (BUILTIN_CHAINS[name] ?? []).map((c) => `:${c} ACCEPT [0:0]`);
      return [t, ...chains, "COMMIT", ""].join("\n");
    })
    .join("");
}

type Restore = Extract<FirewallOp, { kind: "iptables.restore" | "ip6tables.restore" }>;

/** iptables' apply answers: a ruleset is replaced by restoring the new one, and the tables it no longer has emptied. */
const RESTORE_CHANGES = {
  needs: (op: Restore): Need[] => (op.ns === null ? [] : [inside(netnsKey(op.ns))]),
  undo: (op: Restore): FirewallOp[] => [{ ...op, ruleset: emptyTables(restoreTables(op.ruleset)) }],
  update: (from: Restore, to: Restore): Update<FirewallOp> => {
    const dropped = restoreTables(from.ruleset).filter((t) => !restoreTables(to.ruleset).includes(t));
    return { ops: [{ ...to, ruleset: `${emptyTables(dropped)}${to.ruleset}` }], dependents: "kept" };
  },
};

/** Every table of a node's namespace lives in its ruleset, which a literal block's undo flushes. */
function rulesKey(ns: string): string {
  return `nft-rules ${ns}`;
}

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
    needs: (op) => (op.ns === null ? [] : [inside(netnsKey(op.ns)), inside(rulesKey(op.ns))]),
    undo: (op) => [{ kind: "nft.deltable", ns: op.ns, family: op.family, name: op.name }],
    // One transaction: the table never is without its rules, nor with half of the new ones.
    update: (_, { kind: _k, ...to }) => ({ ops: [{ kind: "nft.replace", ...to }], dependents: "kept" }),
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
    // Nothing says what literal text made: its undo flushes the node's whole ruleset, which
    // takes the node's table along (and the other blocks, which need each other).
    needs: (op) => (op.ns === null ? [] : [inside(netnsKey(op.ns)), need(rulesKey(op.ns))]),
    makes: (op) => [`nft-raw ${nsKey(op.ns)} ${op.index}`, ...(op.ns === null ? [] : [rulesKey(op.ns)])],
    undo: (op) => (op.ns === null ? null : [{ kind: "nft.flush", ns: op.ns }]),
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
    ...NOTHING,
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
    ...RESTORE_CHANGES,
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
    ...RESTORE_CHANGES,
  },
  "nft.replace": {
    shape: { ns: F.ns, family: INET, name: F.word, mark: F.optional("mark"), ruleset: "string" },
    tool: "nft",
    where: (op) => op.ns,
    words: (op) => ["replace", "table", op.family, op.name],
    // `add` first, so that `delete` never fails: one transaction either way.
    script: (op) => `add table ${op.family} ${op.name}\ndelete table ${op.family} ${op.name}\n${op.ruleset}`,
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `replace nftables table ${op.family} ${op.name} in ${at(op.ns)} with its new rules`,
    key: (op) => `nft ${nsKey(op.ns)} ${op.family} ${op.name}`,
    leaves: () => [],
    owns: () => [],
    ...NOTHING,
  },
  "nft.flush": {
    shape: { ns: "netns" },
    tool: "nft",
    where: (op) => op.ns,
    words: () => ["flush", "ruleset"],
    script: () => "flush ruleset\n",
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `flush the whole nftables ruleset of ${op.ns}`,
    key: (op) => rulesKey(op.ns),
    leaves: () => [],
    owns: () => [],
    ...NOTHING,
  },
};
