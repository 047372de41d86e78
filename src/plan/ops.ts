// The primitive operations of a plan. Each kind defines, in one place, the tool that runs
// it, its exact command line, and its inverse; the runner, the shell-script emitter,
// `plan`, rollback and tear-down all read this table, so they cannot drift apart.

import type { Span } from "../diagnostics/source.js";
import {
  ISOLATION_OPS,
  type IsolationKind,
  type IsolationOpBody,
  isIsolationKind,
  RANK,
} from "./isolation-ops.js";
import type { Program } from "./programs.js";

/** A network namespace by name (under /run/netns), or null for the host's own. */
export type Ns = string | null;

export interface VethEnd {
  readonly ns: Ns;
  readonly name: string;
  readonly mtu?: number;
  readonly mac?: string;
  /** A bridge in the same namespace to enslave this end to (it is also set up). */
  readonly master?: string;
  /**
   * An explicit ifindex (first end only; iproute2 ignores it on the peer). See lower.ts:
   * it keeps an end's ifindex different from its peer's, which the kernel's link watcher
   * otherwise mistakes for "not urgent" and delays the link's start by up to a second.
   */
  readonly index?: number;
}

export interface Base {
  /** The statement of the lab file that asked for this operation. */
  readonly origin?: Span;
}

export type Op = Base &
  (
    | { readonly kind: "netns.add"; readonly name: string }
    | { readonly kind: "netns.del"; readonly name: string }
    | { readonly kind: "bridge.add"; readonly ns: Ns; readonly name: string; readonly mtu?: number }
    | { readonly kind: "veth.add"; readonly ns: Ns; readonly a: VethEnd; readonly b: VethEnd }
    | { readonly kind: "link.alias"; readonly ns: Ns; readonly dev: string; readonly alias: string }
    | { readonly kind: "link.up"; readonly ns: Ns; readonly dev: string }
    | { readonly kind: "link.del"; readonly ns: Ns; readonly dev: string }
    | {
        readonly kind: "addr.add";
        readonly ns: Ns;
        readonly dev: string;
        readonly cidr: string;
        readonly family: 4 | 6;
      }
    | {
        readonly kind: "route.add";
        readonly ns: Ns;
        readonly family: 4 | 6;
        readonly destination: string;
        readonly via?: string;
        readonly dev?: string;
        readonly metric?: number;
        readonly src?: string;
        readonly mtu?: number;
        readonly onlink?: boolean;
      }
    | { readonly kind: "sysctl.set"; readonly ns: Ns; readonly key: string; readonly value: string }
    // Filters (src/plan/firewall.ts): whole rulesets, given to their tool on standard input.
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
    | { readonly kind: "nft.raw"; readonly ns: Ns; readonly ruleset: string }
    | { readonly kind: "nft.deltable"; readonly ns: Ns; readonly family: "inet"; readonly name: string }
    | { readonly kind: "iptables.restore"; readonly ns: Ns; readonly ruleset: string }
    | { readonly kind: "ip6tables.restore"; readonly ns: Ns; readonly ruleset: string }
    // Composable isolation: namespaces besides net, mounts, cgroups, services (isolation-ops.ts).
    | IsolationOpBody
  );

export type OpKind = Op["kind"];
export type OpOf<K extends OpKind> = Extract<Op, { kind: K }>;

/**
 * The tools a step can be: `ip` runs its operations as lines of one `ip -batch -`;
 * `sysctl` gives each operation as one `KEY=VALUE` argument of one `sysctl -w`; `nft`,
 * `iptables` and `ip6tables` read their operations' scripts (`nft -f -`, `*-restore`) on
 * standard input, one transaction per step; `exec` is one operation whose words are the
 * whole argv (a step of its own), its script its standard input.
 */
export type Tool = "ip" | "sysctl" | "nft" | "iptables" | "ip6tables" | "exec";

export interface OpSpec<K extends OpKind> {
  readonly tool: Tool;
  /** Where the operation runs. */
  where(op: OpOf<K>): Ns;
  /** The batch line (ip) or the argument (sysctl), as words; for a script, its summary. */
  words(op: OpOf<K>): string[];
  /**
   * What the operation gives its tool on standard input: its part of the script (nft,
   * iptables-restore), or an `exec` process's whole input (a value for `tee`).
   */
  script?(op: OpOf<K>): string | undefined;
  /** What undoes it, or null when deleting the namespace it lives in undoes it. */
  inverse(op: OpOf<K>): Op | null;
  /** One line for people: "create namespace office.router". */
  describe(op: OpOf<K>): string;
  /** When an inverse runs in tear-down: stages of ascending rank (default: the network's, 2). */
  rank?(op: OpOf<K>): number;
  /** Programs it runs besides its tool (what `up` checks are installed). */
  programs?(op: OpOf<K>): Program[];
}

type Specs = { readonly [K in OpKind]: OpSpec<K> };

function vethEnd(end: VethEnd, here: Ns): string[] {
  // `name` and `dev` before user-chosen names: iproute2 would read a name such as `br`
  // or `up` as a keyword (an abbreviation of `broadcast`, a flag) without them.
  const w = [end.name];
  if (end.index !== undefined) w.push("index", String(end.index));
  if (end.ns !== here) {
    // A host end is always created from the host: "the host's namespace" has no name
    // that another namespace could use reliably.
    if (end.ns === null) throw new Error(`internal: veth end ${end.name} on the host created from ${here}`);
    w.push("netns", end.ns);
  }
  if (end.mtu !== undefined) w.push("mtu", String(end.mtu));
  if (end.mac !== undefined) w.push("address", end.mac);
  if (end.master !== undefined) w.push("master", end.master, "up");
  return w;
}

function at(ns: Ns): string {
  return ns === null ? "the host" : ns;
}

export const OPS: Specs = {
  "netns.add": {
    tool: "ip",
    where: () => null,
    words: (op) => ["netns", "add", op.name],
    inverse: (op) => ({ kind: "netns.del", name: op.name }),
    describe: (op) => `create network namespace ${op.name}`,
  },
  "netns.del": {
    tool: "ip",
    where: () => null,
    words: (op) => ["netns", "del", op.name],
    inverse: () => null,
    describe: (op) => `delete network namespace ${op.name} and everything in it`,
  },
  "bridge.add": {
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => [
      "link",
      "add",
      "name",
      op.name,
      ...(op.mtu ? ["mtu", String(op.mtu)] : []),
      "up",
      "type",
      "bridge",
    ],
    inverse: (op) => (op.ns === null ? { kind: "link.del", ns: null, dev: op.name } : null),
    describe: (op) => `create bridge ${op.name} in ${at(op.ns)}`,
  },
  "veth.add": {
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => [
      "link",
      "add",
      "name",
      ...vethEnd(op.a, op.ns),
      "type",
      "veth",
      "peer",
      "name",
      ...vethEnd(op.b, op.ns),
    ],
    inverse: (op) =>
      op.a.ns === null
        ? { kind: "link.del", ns: null, dev: op.a.name }
        : op.b.ns === null
          ? { kind: "link.del", ns: null, dev: op.b.name }
          : null,
    describe: (op) => `create veth pair ${op.a.name} (${at(op.a.ns)}) — ${op.b.name} (${at(op.b.ns)})`,
  },
  "link.alias": {
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => ["link", "set", "dev", op.dev, "alias", op.alias],
    inverse: () => null,
    describe: (op) => `mark ${op.dev} in ${at(op.ns)} as ${op.alias}`,
  },
  "link.up": {
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => ["link", "set", "dev", op.dev, "up"],
    inverse: () => null,
    describe: (op) => `bring ${op.dev} up in ${at(op.ns)}`,
  },
  "link.del": {
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => ["link", "del", "dev", op.dev],
    inverse: () => null,
    describe: (op) => `delete ${op.dev} from ${at(op.ns)}`,
  },
  "addr.add": {
    tool: "ip",
    where: (op) => op.ns,
    // IPv6 addresses skip duplicate address detection: a lab's addresses are checked for
    // duplicates at compile time, and DAD would leave them unusable for a second or two.
    words: (op) => ["addr", "add", op.cidr, "dev", op.dev, ...(op.family === 6 ? ["nodad"] : [])],
    inverse: () => null,
    describe: (op) => `add ${op.cidr} to ${op.dev} in ${at(op.ns)}`,
  },
  "route.add": {
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => [
      "route",
      "add",
      op.destination,
      ...(op.via ? ["via", op.via] : []),
      ...(op.dev ? ["dev", op.dev] : []),
      ...(op.metric !== undefined ? ["metric", String(op.metric)] : []),
      ...(op.src ? ["src", op.src] : []),
      ...(op.mtu !== undefined ? ["mtu", String(op.mtu)] : []),
      ...(op.onlink ? ["onlink"] : []),
    ],
    inverse: () => null,
    describe: (op) =>
      `route ${op.destination}${op.via ? ` via ${op.via}` : ""}${op.dev ? ` dev ${op.dev}` : ""} in ${at(op.ns)}`,
  },
  "sysctl.set": {
    tool: "sysctl",
    where: (op) => op.ns,
    words: (op) => [`${op.key}=${op.value}`],
    inverse: () => null,
    describe: (op) => `set ${op.key} = ${op.value} in ${at(op.ns)}`,
  },
  "nft.table": {
    tool: "nft",
    where: (op) => op.ns,
    words: (op) => ["table", op.family, op.name],
    script: (op) => op.ruleset,
    // A node's table goes with its namespace; a table on the host is deleted explicitly.
    inverse: (op) =>
      op.ns === null ? { kind: "nft.deltable", ns: null, family: op.family, name: op.name } : null,
    describe: (op) =>
      op.ns === null
        ? `create nftables table ${op.family} ${op.name} on the host`
        : `load nftables table ${op.family} ${op.name} in ${op.ns}`,
  },
  "nft.raw": {
    tool: "nft",
    where: (op) => op.ns,
    words: () => ["nft", "{", "…", "}"],
    script: (op) => op.ruleset,
    inverse: () => null,
    describe: (op) => `apply literal nftables text in ${at(op.ns)}`,
  },
  "nft.deltable": {
    tool: "nft",
    where: (op) => op.ns,
    words: (op) => ["delete", "table", op.family, op.name],
    script: (op) => `delete table ${op.family} ${op.name}\n`,
    inverse: () => null,
    describe: (op) => `delete nftables table ${op.family} ${op.name} from ${at(op.ns)}`,
  },
  "iptables.restore": {
    tool: "iptables",
    where: (op) => op.ns,
    words: (op) => restoreTables(op.ruleset),
    script: (op) => op.ruleset,
    inverse: () => null,
    describe: (op) => `load the IPv4 iptables rules of ${at(op.ns)} (${restoreTables(op.ruleset).join(" ")})`,
  },
  "ip6tables.restore": {
    tool: "ip6tables",
    where: (op) => op.ns,
    words: (op) => restoreTables(op.ruleset),
    script: (op) => op.ruleset,
    inverse: () => null,
    describe: (op) =>
      `load the IPv6 ip6tables rules of ${at(op.ns)} (${restoreTables(op.ruleset).join(" ")})`,
  },
  ...ISOLATION_OPS,
};

/** The tables an iptables-restore file writes: `*filter`, `*nat`. */
function restoreTables(ruleset: string): string[] {
  return ruleset.split("\n").filter((l) => l.startsWith("*"));
}

function spec<K extends OpKind>(op: OpOf<K>): OpSpec<K> {
  return OPS[op.kind] as unknown as OpSpec<K>;
}

export function toolOf(op: Op): Tool {
  return spec(op).tool;
}

export function whereOf(op: Op): Ns {
  return spec(op).where(op);
}

export function wordsOf(op: Op): string[] {
  return spec(op).words(op);
}

export function inverseOf(op: Op): Op | null {
  return spec(op).inverse(op);
}

export function describe(op: Op): string {
  return spec(op).describe(op);
}

/** The operation's part of its step's standard input, for tools that read a script. */
export function scriptOf(op: Op): string | undefined {
  return spec(op).script?.(op);
}

export function isIsolationOp(op: Op): op is OpOf<IsolationKind> {
  return isIsolationKind(op.kind);
}

export function rankOf(op: Op): number {
  return spec(op).rank?.(op) ?? RANK.network;
}

export function programsOf(op: Op): Program[] {
  return spec(op).programs?.(op) ?? [];
}
