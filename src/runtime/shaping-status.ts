// Shaping's live state: the qdiscs of each shaped interface (`tc -j qdisc show`, one process
// per namespace that has any), compared with the plan's — missing, changed (kind, place,
// rate, queue) and extra qdiscs — and on every other interface of the lab, a root qdisc
// that is not one the kernel gives by itself (read from `ip -j` by status already).

import { addTo } from "../group.js";
import { inNetns } from "../plan/enter.js";
import type { FactOf } from "../plan/facts.js";
import type { Ns } from "../plan/ns.js";
import { comparedParams, printedRate } from "../plan/qdisc.js";
import type { Drift } from "./drift.js";
import { ipJson, netnsLive } from "./kernel.js";
import { runJobs } from "./workers.js";

/** Root qdiscs the kernel attaches by itself (the default one, or none on a virtual device). */
export const KERNEL_QDISCS: ReadonlySet<string> = new Set([
  "noqueue",
  "noop",
  "pfifo_fast",
  "mq",
  "fq_codel",
  "fq",
]);

export interface LiveQdisc {
  readonly dev: string;
  readonly kind: string;
  readonly handle: string;
  /** `root`, or its parent's class. */
  readonly parent: string;
  /** What is compared, as tc prints it: `rate 10Mbit`, `limit 1000p`. */
  readonly params: Readonly<Record<string, string>>;
}

export interface ShapedIface {
  readonly ns: Ns;
  readonly dev: string;
  readonly qdiscs: readonly LiveQdisc[];
}

interface TcQdiscJson {
  kind: string;
  handle: string;
  dev: string;
  root?: boolean;
  parent?: string;
  options?: { rate?: number; limit?: number };
}

type QdiscFact = FactOf<"qdisc">;

/** One qdisc of `tc -j qdisc show`, with what is compared as tc prints it. */
function liveQdisc(q: TcQdiscJson): LiveQdisc {
  const params: Record<string, string> = {};
  if (q.options?.rate !== undefined) params.rate = printedRate(q.options.rate);
  if (q.options?.limit !== undefined)
    params.limit = q.kind === "pfifo" ? `${q.options.limit}p` : String(q.options.limit);
  return { dev: q.dev, kind: q.kind, handle: q.handle, parent: q.root ? "root" : (q.parent ?? ""), params };
}

/** The qdiscs of each namespace (one `tc` each, run by a few shells); undefined where it is gone. */
async function readQdiscs(
  namespaces: readonly Ns[],
  concurrency: number,
): Promise<(LiveQdisc[] | undefined)[]> {
  // A namespace that is gone is reported by the network's status.
  const here = namespaces.filter((ns) => ns === null || netnsLive(ns));
  const done = await runJobs(
    here.map((ns) => ({ argv: inNetns(ns, ["tc", "-j", "qdisc", "show"]), tools: true })),
    { concurrency },
  );
  const byNs = new Map(here.map((ns, i) => [ns, done[i]]));
  const read = namespaces.map((ns) => byNs.get(ns));
  return read.map((r) =>
    r === undefined || r.code !== 0 ? undefined : (ipJson<TcQdiscJson>(r.stdout) ?? []).flat().map(liveQdisc),
  );
}

/** One interface's qdiscs against the plan's: each is there as planned, and no other. */
function compareDev(ns: Ns, dev: string, want: readonly QdiscFact[], got: readonly LiveQdisc[]): Drift[] {
  const drift: Drift[] = [];
  const name = (kind: string, handle: string) => `qdisc ${kind} ${handle} on ${dev}`;
  for (const w of want) {
    const g = got.find((q) => q.handle === w.handle);
    if (!g) {
      drift.push({ ns, kind: "missing", what: name(w.qdisc.kind, w.handle) });
      continue;
    }
    const changed = (what: string) =>
      drift.push({ ns, kind: "changed", what: `${name(w.qdisc.kind, w.handle)} ${what}` });
    if (g.kind !== w.qdisc.kind) changed(`is ${g.kind}`);
    else if (g.parent !== w.parent) changed(`is under ${g.parent}, not ${w.parent}`);
    else
      for (const [key, value] of comparedParams(w.qdisc))
        if (g.params[key] !== value) changed(`has ${key} ${g.params[key] ?? "none"}, not ${value}`);
  }
  for (const g of got)
    if (g.handle !== "0:" && !want.some((w) => w.handle === g.handle))
      drift.push({ ns, kind: "extra", what: name(g.kind, g.handle) });
  return drift;
}

/** The shaping facts by namespace and interface. */
function byNamespace(facts: readonly QdiscFact[]): Map<Ns, Map<string, QdiscFact[]>> {
  const byNs = new Map<Ns, Map<string, QdiscFact[]>>();
  for (const f of facts) {
    const devs = byNs.get(f.ns) ?? new Map<string, QdiscFact[]>();
    byNs.set(f.ns, devs);
    addTo(devs, f.dev, f);
  }
  return byNs;
}

/** The live qdiscs of each namespace that has shaping facts (absent: it is gone). */
export async function readShaping(
  facts: readonly QdiscFact[],
  concurrency = 8,
): Promise<ReadonlyMap<Ns, readonly LiveQdisc[]>> {
  const namespaces = [...byNamespace(facts).keys()];
  const read = await readQdiscs(namespaces, concurrency);
  return new Map(namespaces.flatMap((ns, k) => (read[k] ? [[ns, read[k]] as const] : [])));
}

/**
 * The shaped interfaces with their live qdiscs (`readShaping`), and drift: on them, against
 * the plan; on the lab's other interfaces (`rootQdiscs`: namespace → interface → its root
 * qdisc's kind, from `ip -j`), any root qdisc the kernel does not attach by itself.
 */
export function shapingStatus(
  facts: readonly QdiscFact[],
  qdiscs: ReadonlyMap<Ns, readonly LiveQdisc[]>,
  rootQdiscs: ReadonlyMap<Ns, ReadonlyMap<string, string>>,
): { shaped: ShapedIface[]; drift: Drift[] } {
  const byNs = byNamespace(facts);
  const drift: Drift[] = [];
  const shaped: ShapedIface[] = [];
  for (const [ns, devs] of byNs) {
    const live = qdiscs.get(ns);
    if (!live) continue; // a namespace that is gone: reported by the network's status
    const byDev = new Map<string, LiveQdisc[]>();
    for (const q of live) addTo(byDev, q.dev, q);
    for (const [dev, want] of devs) {
      const got = byDev.get(dev) ?? [];
      shaped.push({ ns, dev, qdiscs: got });
      drift.push(...compareDev(ns, dev, want, got));
    }
  }
  for (const [ns, devs] of rootQdiscs)
    for (const [dev, kind] of devs)
      if (!byNs.get(ns)?.has(dev) && !KERNEL_QDISCS.has(kind))
        drift.push({ ns, kind: "extra", what: `qdisc ${kind} on ${dev}` });
  return { shaped, drift };
}

/** A qdisc for people: `tbf 1: root rate 10Mbit`. */
export function qdiscText(q: LiveQdisc): string {
  const params = Object.entries(q.params).map(([k, v]) => ` ${k} ${v}`);
  return `${q.kind} ${q.handle} ${q.parent === "root" ? "root" : `parent ${q.parent}`}${params.join("")}`;
}
