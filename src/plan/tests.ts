// Lowering of expectations to a test: the model's verdict of each (src/model/reach/), and the
// operations that measure it with real packets — throwaway listeners where the request lands
// (placed by routing and NAT with filters set aside, so that a filter the model misreads
// shows up as an answer), the probes, and the listeners' stops. `opentop test` runs them and
// the standalone script's `test` runs the same commands. The matrix (`test --matrix`) is the
// same, for every ordered pair of nodes.

import { location } from "../diagnostics/source.js";
import { addTo } from "../group.js";
import { firstAddress } from "../model/expect/check.js";
import { isolates } from "../model/isolation.js";
import type { Expectation, Lab } from "../model/model.js";
import { nodeNetns } from "../model/names.js";
import { stopSentence } from "../model/reach/explain.js";
import type { Verdict } from "../model/reach/types.js";
import { analyse, holds, outcome } from "../model/reach/verdict.js";
import { processMark } from "./isolation.js";
import { labDirIn } from "./layout.js";
import type { ProbeOp } from "./ops/probe.js";
import { keyOf, type Op } from "./ops.js";
import { type Stage, steps, type TestPlan, type TestRow } from "./plan.js";

export type { TestPlan, TestRow } from "./plan.js";

/** How long a probe waits for an answer, unless told otherwise. */
export const PROBE_SECONDS = 2;

interface Lowered {
  readonly e: Expectation;
  readonly v: Verdict;
  readonly id: string;
}

/** The test of a lab's expectations. */
export function lowerTests(lab: Lab, runDir: string, seconds = PROBE_SECONDS): TestPlan {
  const lowered = lab.expectations.map((e, i) => ({ e, v: analyse(lab, e), id: `e${i + 1}` }));
  return build(lab, runDir, seconds, lowered, false).tp;
}

/**
 * The matrix: every ordered pair of nodes with an address of a family in common, pinged.
 * `neighbours` bounds the neighbour entries a round of probes may make (each pair makes
 * one at each end): past it, the pairs are probed in rounds, and every node forgets the
 * neighbours it learnt between them — the kernel keeps one table for the whole machine.
 */
export function matrixTests(
  lab: Lab,
  runDir: string,
  seconds = PROBE_SECONDS,
  neighbours?: number,
): TestPlan {
  const nodes = lab.nodes.filter((n) => isolates(n.isolation, "net"));
  const lowered: Lowered[] = [];
  for (const family of [4, 6] as const)
    for (const a of nodes)
      for (const b of nodes) {
        const address = firstAddress(b, family);
        if (a === b || !address || !firstAddress(a, family)) continue;
        const e: Expectation = {
          text: `${a.name} -> ${b.name}`,
          reach: true,
          from: { node: a.name },
          to: { node: b.name, address },
          protocol: "icmp",
          family,
          span: lab.span,
        };
        lowered.push({ e, v: analyse(lab, e), id: `m${family}-${a.name}-${b.name}` });
      }
  const { tp, probes } = build(lab, runDir, seconds, lowered, true);
  return neighbours === undefined ? tp : inRounds(lab, tp, probes, neighbours);
}

type Probe = Extract<ProbeOp, { kind: "probe" }>;

/**
 * The matrix's probes in rounds of sources whose pairs make at most `budget` neighbour
 * entries per family, each round followed by every node forgetting its learnt neighbours.
 */
function inRounds(lab: Lab, tp: TestPlan, probes: readonly Probe[], budget: number): TestPlan {
  const bySource = new Map<string, Probe[]>();
  for (const op of probes) addTo(bySource, op.node, op);
  // Each pair makes an entry at each end, in its own family's table.
  const cost = (ops: readonly Probe[]) =>
    Math.max(...([4, 6] as const).map((f) => 2 * ops.filter((o) => o.family === f).length));
  const rounds: Probe[][] = [[]];
  for (const ops of bySource.values()) {
    const last = rounds.at(-1) as Probe[];
    if (last.length && cost([...last, ...ops]) > budget) rounds.push([...ops]);
    else last.push(...ops);
  }
  if (rounds.length === 1) return tp;
  const nodes = lab.nodes.filter((n) => isolates(n.isolation, "net"));
  const stages = rounds.flatMap((ops, i): Stage[] => [
    { name: `probes (round ${i + 1} of ${rounds.length})`, steps: steps(ops) },
    ...(i + 1 < rounds.length
      ? [
          {
            name: `forget neighbours (round ${i + 1})`,
            steps: steps(
              nodes.map(
                (n): Op => ({
                  kind: "neigh.flush",
                  node: n.name,
                  ns: nodeNetns(lab.name, n.name),
                  round: i + 1,
                }),
              ),
            ),
          },
        ]
      : []),
  ]);
  return { ...tp, probes: stages };
}

/** How long a node may take to finish duplicate address detection before probes start anyway. */
const SETTLE_SECONDS = 5;

function build(
  lab: Lab,
  runDir: string,
  seconds: number,
  lowered: readonly Lowered[],
  matrix: boolean,
): { tp: TestPlan; probes: Probe[] } {
  const listeners = new Map<string, Extract<ProbeOp, { kind: "listen.start" }>>();
  // A listener outlives the probes by far, however they are scheduled; it is stopped by
  // its PID as soon as they are done, and ends by itself only if nothing stops it.
  const lifetime = Math.min(3600, 60 + lowered.length * (seconds + 1));
  const rows: TestRow[] = [];
  const probes: Probe[] = [];
  for (const { e, v, id } of lowered) {
    const listener = listenerFor(lab, runDir, e, v, lifetime, listeners.size + 1);
    if (listener && !listeners.has(keyOf(listener))) listeners.set(keyOf(listener), listener);
    const probe: Probe = {
      kind: "probe",
      id,
      node: e.from.node,
      ns: nodeNetns(lab.name, e.from.node),
      proto: e.protocol,
      family: e.family,
      dst: e.to.address.text,
      ...(e.port !== undefined ? { port: e.port } : {}),
      ...(e.from.address ? { src: e.from.address.text } : {}),
      seconds,
      ...(matrix ? {} : { origin: e.span }),
    };
    probes.push(probe);
    rows.push({
      name: e.text,
      from: e.from.node,
      to: e.to.node,
      family: e.family,
      protocol: e.protocol,
      ...(matrix ? {} : { expect: e.reach, holds: holds(e, v), origin: location(e.span) }),
      verdict: v.kind,
      why: why(v),
      probe: keyOf(probe),
      ...(listener ? { listener: keyOf(listener) } : {}),
    });
  }
  const starts = [...listeners.values()];
  const stops = starts.map((l) => stopOf(l));
  const stage = (name: string, ops: readonly Op[]): Stage[] =>
    ops.length ? [{ name, steps: steps(ops) }] : [];
  // Nodes whose addresses may still be tentative: every node with a network of its own.
  const settle = probes.some((p) => p.family === 6)
    ? lab.nodes
        .filter((n) => isolates(n.isolation, "net"))
        .map(
          (n): Op => ({
            kind: "addr.settle",
            node: n.name,
            ns: nodeNetns(lab.name, n.name),
            seconds: SETTLE_SECONDS,
          }),
        )
    : [];
  const tp = {
    settle: stage("duplicate address detection", settle),
    listen: stage("listeners", starts),
    probes: stage("probes", probes),
    stop: stage("stop listeners", stops),
    rows,
    seconds,
  };
  return { tp, probes };
}

function stopOf(l: Extract<ProbeOp, { kind: "listen.start" }>): Op {
  return {
    kind: "listen.stop",
    node: l.node,
    proto: l.proto,
    address: l.address,
    port: l.port,
    pidfile: l.pidfile,
    mark: l.mark,
  };
}

/**
 * Where a tcp or udp probe needs something listening: where routing and NAT deliver the
 * request with filters set aside, else at the expectation's target.
 */
function listenerFor(
  lab: Lab,
  runDir: string,
  e: Expectation,
  v: Verdict,
  lifetime: number,
  n: number,
): Extract<ProbeOp, { kind: "listen.start" }> | undefined {
  if (e.protocol === "icmp" || e.port === undefined) return undefined;
  const at = v.delivery ?? { node: e.to.node, address: e.to.address, port: e.port };
  const port = at.port ?? e.port;
  const name = `listen-${e.protocol}-${port}-${n}`;
  return {
    kind: "listen.start",
    node: at.node,
    ns: nodeNetns(lab.name, at.node),
    proto: e.protocol,
    family: e.family,
    address: at.address.text,
    port,
    pidfile: `${labDirIn(runDir, lab.name)}/probes/${at.node}.${e.protocol}.${at.address.text}.${port}.pid`,
    mark: processMark(lab.name, at.node, name),
    lifetime,
  };
}

/** The model's verdict in a few words: how the request gets there, or where it stops. */
function why(v: Verdict): string {
  const path = v.paths.find((p) => outcome(p) !== "reaches") ?? v.paths[0];
  if (!path) return "no path";
  // With multipath routes there are several ways through (and back): name one, and how many.
  const others = v.paths.length > 1 ? ` (one of ${v.paths.length} paths)` : "";
  if (outcome(path) === "reaches") return `through ${path.nodes.join(" → ")}${others}`;
  return `${path.request.kind === "delivered" ? "the reply: " : ""}${stopSentence(path.stop)}`;
}
