// The live filters of a lab: rule counters, and drift from the plan. The plan's rulesets
// are compared with what the kernel holds, in the kernel's own canonical form: for nft, the
// plan's table is loaded into a throwaway namespace and echoed back (`nft -e -j`), so no
// second description of nft's syntax lives here; iptables rules are rendered as
// iptables-save prints them, so its lines compare as they are.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertNever } from "../never.js";
import { inNetns } from "../plan/enter.js";
import type { FactOf } from "../plan/facts.js";
import { type LabRecord, namespaceNodes } from "../plan/record.js";
import type { Drift } from "./drift.js";
import { netnsLive } from "./kernel.js";
import type { ProcResult } from "./proc.js";
import { type Job, runJobs } from "./workers.js";

export interface RuleCounter {
  readonly chain: string;
  /** The rule as written in the lab file (its comment in the kernel). */
  readonly rule: string;
  readonly packets: number;
  readonly bytes: number;
}

export interface FilterStatus {
  /** The node, or null for the lab's table on the host. */
  readonly node: string | null;
  readonly ns: string | null;
  readonly backend: "nft" | "iptables";
  /** What was compared: `inet opentop` (nft), `ip6tables filter+nat`. */
  readonly table: string;
  readonly present: boolean;
  /** Counters of the rules that count (`counter` in the lab file). */
  readonly counters: readonly RuleCounter[];
  readonly drift: readonly Drift[];
}

type FilterFact = FactOf<"nft-table" | "iptables">;

/** The filters' facts of a lab (`nft-table`, `iptables`) against the kernel. */
export async function filterStatus(
  record: LabRecord,
  facts: readonly FilterFact[],
  concurrency = 8,
): Promise<FilterStatus[]> {
  const nodes = namespaceNodes(record);
  // A namespace that is gone is reported by the network's status.
  const here = facts.filter((f) => f.ns === null || netnsLive(f.ns));
  const [live, canonical] = await Promise.all([
    runJobs(here.map(liveRead), { concurrency }),
    canonicalNft(
      here.flatMap((f) => (f.kind === "nft-table" ? [f.ruleset] : [])),
      concurrency,
    ),
  ]);
  return here.map((f, i) => {
    const node = f.ns === null ? null : (nodes.get(f.ns) ?? null);
    const read = live[i] ?? { argv: [], code: 127, stdout: "", stderr: "not read" };
    switch (f.kind) {
      case "nft-table":
        return nftStatus(f, node, read, canonical.get(f.ruleset));
      case "iptables":
        return iptablesStatus(f, node, read);
      default:
        return assertNever(f);
    }
  });
}

/** What the kernel holds of a filter: its table (nft), or its tables with counters (iptables). */
function liveRead(f: FilterFact): Job {
  switch (f.kind) {
    case "nft-table":
      return { argv: inNetns(f.ns, ["nft", "-j", "list", "table", f.family, f.name]), tools: true };
    case "iptables":
      return {
        argv: inNetns(f.ns, [`${f.family === 4 ? "iptables" : "ip6tables"}-save`, "-c"]),
        tools: true,
      };
    default:
      return assertNever(f);
  }
}

const COUNTED = /(^| )(counter|count)( |$)/;

// ---- nftables -------------------------------------------------------------------------

interface NftObject {
  table?: { name: string };
  chain?: { name: string; type?: string; hook?: string; prio?: number; policy?: string };
  rule?: { chain: string; comment?: string; handle?: number; expr?: unknown[] };
}

interface NftState {
  readonly chains: Map<string, string>;
  readonly rules: Map<
    string,
    { key: string; comment?: string; handle?: number; counter?: { packets: number; bytes: number } }[]
  >;
}

function nftState(objects: readonly NftObject[]): NftState {
  const chains = new Map<string, string>();
  const rules: NftState["rules"] = new Map();
  for (const o of objects) {
    if (o.chain) {
      const c = o.chain;
      chains.set(
        c.name,
        c.hook ? `type ${c.type} hook ${c.hook} priority ${c.prio}; policy ${c.policy}` : "",
      );
    }
    if (o.rule) {
      let counter: { packets: number; bytes: number } | undefined;
      // Counter values change with traffic: compare rules without them.
      const expr = (o.rule.expr ?? []).map((e) => {
        if (e && typeof e === "object" && "counter" in e) {
          counter = (e as { counter: { packets: number; bytes: number } }).counter;
          return { counter: null };
        }
        return e;
      });
      const list = rules.get(o.rule.chain) ?? [];
      list.push({
        key: JSON.stringify({ expr, comment: o.rule.comment ?? null }),
        ...(o.rule.comment !== undefined ? { comment: o.rule.comment } : {}),
        ...(o.rule.handle !== undefined ? { handle: o.rule.handle } : {}),
        ...(counter ? { counter } : {}),
      });
      rules.set(o.rule.chain, list);
    }
  }
  return { chains, rules };
}

function nftObjects(stdout: string): NftObject[] {
  const out: NftObject[] = [];
  for (const line of stdout.split("\n")) {
    if (!line.trim().startsWith("{")) continue;
    const doc = JSON.parse(line) as { nftables?: Record<string, unknown>[] };
    for (const item of doc.nftables ?? []) {
      // `nft -e` echoes `{"add": {"rule": …}}`; `nft list` prints `{"rule": …}`.
      const inner = "add" in item ? (item.add as NftObject) : (item as NftObject);
      out.push(inner);
    }
  }
  return out;
}

/**
 * The plan's tables as the kernel holds them: each loaded into a throwaway namespace of its
 * own and echoed as JSON, each distinct ruleset once. From a file: with -j, nft reads its
 * input twice (JSON first), which stdin cannot do.
 */
async function canonicalNft(
  rulesets: readonly string[],
  concurrency: number,
): Promise<Map<string, ProcResult>> {
  const distinct = [...new Set(rulesets)];
  if (distinct.length === 0) return new Map();
  const dir = mkdtempSync(join(tmpdir(), "opentop-nft-"));
  try {
    const files = distinct.map((ruleset, i) => {
      const file = join(dir, `${i}.nft`);
      writeFileSync(file, ruleset);
      return file;
    });
    const echoed = await runJobs(
      files.map((file) => ({ argv: ["unshare", "--net", "--", "nft", "-e", "-j", "-f", file], tools: true })),
      { concurrency },
    );
    return new Map(
      distinct.map((ruleset, i) => [ruleset, echoed[i] ?? { argv: [], code: 127, stdout: "", stderr: "" }]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function nftStatus(
  op: FactOf<"nft-table">,
  node: string | null,
  live: ProcResult,
  expected: ProcResult | undefined,
): FilterStatus {
  const table = `${op.family} ${op.name}`;
  const base = { node, ns: op.ns, backend: "nft" as const, table };
  if (live.code !== 0)
    return {
      ...base,
      present: false,
      counters: [],
      drift: [{ ns: op.ns, kind: "missing", what: `nftables table ${table}` }],
    };
  const have = nftState(nftObjects(live.stdout));
  const counters: RuleCounter[] = [];
  for (const [chain, rules] of have.rules)
    for (const r of rules)
      if (r.counter && r.comment && COUNTED.test(r.comment))
        counters.push({ chain, rule: r.comment, packets: r.counter.packets, bytes: r.counter.bytes });
  if (expected === undefined || expected.code !== 0) {
    // The plan's table, loaded in a namespace of its own to be compared, was not: said as
    // drift, never taken for none (a rollback's check must not pass on what it did not see).
    const why = expected?.stderr.trim().split("\n")[0] || `exit status ${expected?.code ?? "unknown"}`;
    return {
      ...base,
      present: true,
      counters: merge(counters),
      drift: [
        {
          ns: op.ns,
          kind: "changed",
          what: `nftables table ${table} could not be compared with the plan: ${why}`,
        },
      ],
    };
  }
  const want = nftState(nftObjects(expected.stdout));
  return { ...base, present: true, counters: merge(counters), drift: nftDrift(op.ns, table, want, have) };
}

function nftDrift(ns: string | null, table: string, want: NftState, have: NftState): Drift[] {
  const drift: Drift[] = [];
  for (const [name, spec] of want.chains) {
    const got = have.chains.get(name);
    if (got === undefined) drift.push({ ns, kind: "missing", what: `chain ${name} of table ${table}` });
    else if (got !== spec)
      drift.push({
        ns,
        kind: "changed",
        what: `chain ${name} of table ${table} is \`${got}\`, not \`${spec}\``,
      });
  }
  for (const name of have.chains.keys())
    if (!want.chains.has(name)) drift.push({ ns, kind: "extra", what: `chain ${name} in table ${table}` });
  for (const name of new Set([...want.rules.keys(), ...have.rules.keys()])) {
    if (!want.chains.has(name) || !have.chains.has(name)) continue;
    const describe = (r: { comment?: string; handle?: number }) =>
      r.comment ? `\`${r.comment}\`` : `(handle ${r.handle ?? "?"}, no comment)`;
    drift.push(
      ...sequenceDrift(ns, `chain ${name}`, want.rules.get(name) ?? [], have.rules.get(name) ?? [], describe),
    );
  }
  return drift;
}

// ---- iptables -------------------------------------------------------------------------

interface SaveState {
  /** `filter INPUT` → policy */
  readonly policies: Map<string, string>;
  /** `filter INPUT` → rule lines without counters */
  readonly rules: Map<string, { key: string; counter?: { packets: number; bytes: number } }[]>;
  readonly tables: Set<string>;
}

function saveState(text: string): SaveState {
  const policies = new Map<string, string>();
  const rules: SaveState["rules"] = new Map();
  const tables = new Set<string>();
  let table = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("*")) {
      table = line.slice(1);
      tables.add(table);
      continue;
    }
    const policy = /^:(\S+) (\S+)/.exec(line);
    if (policy) {
      if (policy[2] !== "-") policies.set(`${table} ${policy[1]}`, policy[2] ?? "");
      continue;
    }
    const rule = /^(?:\[(\d+):(\d+)\] )?(-A (\S+) .*)$/.exec(line);
    if (!rule) continue;
    const key = `${table} ${rule[4]}`;
    const list = rules.get(key) ?? [];
    list.push({
      key: rule[3] ?? "",
      ...(rule[1] !== undefined ? { counter: { packets: Number(rule[1]), bytes: Number(rule[2]) } } : {}),
    });
    rules.set(key, list);
  }
  return { policies, rules, tables };
}

function iptablesStatus(op: FactOf<"iptables">, node: string | null, live: ProcResult): FilterStatus {
  const tool = op.family === 4 ? "iptables" : "ip6tables";
  const want = saveState(op.ruleset);
  const table = `${tool} ${[...want.tables].join("+")}`;
  const base = { node, ns: op.ns, backend: "iptables" as const, table };
  if (live.code !== 0)
    return {
      ...base,
      present: false,
      counters: [],
      drift: [
        {
          ns: op.ns,
          kind: "missing",
          what: `${tool} rules (${tool}-save: ${live.stderr.trim() || live.code})`,
        },
      ],
    };
  const have = saveState(live.stdout);
  const counters: RuleCounter[] = [];
  for (const [key, rules] of have.rules)
    for (const r of rules) {
      const comment = /--comment "([^"]*)"/.exec(r.key)?.[1];
      // A logging rule is a LOG line before the verdict's: count the verdict's only.
      if (r.counter && comment && COUNTED.test(comment) && !r.key.includes(" -j LOG "))
        counters.push({ chain: key.split(" ")[1] ?? key, rule: comment, ...r.counter });
    }
  const drift: Drift[] = [];
  for (const t of want.tables)
    if (!have.tables.has(t)) drift.push({ ns: op.ns, kind: "missing", what: `${tool} table ${t}` });
  for (const [key, policy] of want.policies) {
    const got = have.policies.get(key);
    if (have.tables.has(key.split(" ")[0] ?? "") && got !== policy)
      drift.push({
        ns: op.ns,
        kind: "changed",
        what: `${tool} ${key} policy is ${got ?? "missing"}, not ${policy}`,
      });
  }
  const describe = (r: { key: string }) => `\`${r.key}\``;
  for (const key of new Set([...want.rules.keys(), ...have.rules.keys()]))
    drift.push(
      ...sequenceDrift(
        op.ns,
        `${tool} ${key}`,
        want.rules.get(key) ?? [],
        have.rules.get(key) ?? [],
        describe,
      ),
    );
  return { ...base, present: true, counters: merge(counters), drift };
}

// ---- shared ---------------------------------------------------------------------------

/** Missing and extra rules of one chain (as multisets), or a change of their order. */
function sequenceDrift<T extends { key: string }>(
  ns: string | null,
  where: string,
  want: readonly T[],
  have: readonly T[],
  describe: (r: T) => string,
): Drift[] {
  const drift: Drift[] = [];
  const left = [...have];
  for (const w of want) {
    const i = left.findIndex((h) => h.key === w.key);
    if (i === -1) drift.push({ ns, kind: "missing", what: `rule ${describe(w)} in ${where}` });
    else left.splice(i, 1);
  }
  for (const h of left) drift.push({ ns, kind: "extra", what: `rule ${describe(h)} in ${where}` });
  if (drift.length === 0 && want.some((w, i) => have[i]?.key !== w.key))
    drift.push({ ns, kind: "changed", what: `the rules of ${where} are in another order` });
  return drift;
}

/** One counter per rule of the lab file (a rule may have become several in the kernel). */
function merge(counters: readonly RuleCounter[]): RuleCounter[] {
  const out = new Map<string, RuleCounter>();
  for (const c of counters) {
    const key = `${c.chain}\n${c.rule}`;
    const prior = out.get(key);
    out.set(key, prior ? { ...c, packets: prior.packets + c.packets, bytes: prior.bytes + c.bytes } : c);
  }
  return [...out.values()];
}
