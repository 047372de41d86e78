// The standalone script (`opentop build`): a lab's plan as one POSIX sh file that needs
// only sh and the programs the plan runs. It is generated from the same plan and the same
// `command(step)` the runner spawns, the same record and lock protocol as the CLI, the same
// guarded tear-down (`teardownOps`) and the same expected facts as `status`, so that the
// script and `opentop` can act on each other's labs. Nothing here knows what an operation
// kind does: a new kind or tool flows through `command()` and the program table, and a new
// kind of owned object, claim or fact does not compile until the tables below say what the
// script does with it. The lab's own part comes first; the machinery every script shares is
// one sh file, prelude.sh, appended unchanged.

import { location } from "../../diagnostics/source.js";
import { addTo } from "../../group.js";
import type { Compiled } from "../../model/compile.js";
import { labMark, nodeMark, nodeNetns, parseMark } from "../../model/names.js";
import { partOn } from "../../model/part.js";
import { routeMetric } from "../../model/routes.js";
import { assertNever } from "../../never.js";
import { KERNEL_BYTES_PER_NAMESPACE, namespacesWanted } from "../../plan/capacity.js";
import { nodeEnterPrefix, someNodes } from "../../plan/enter.js";
import { expectedFacts, expectedNetwork, type NsExpected, routeText } from "../../plan/expected.js";
import { type FactKind, type FactOf, factsFor } from "../../plan/facts.js";
import { FEATURES, lackMessage } from "../../plan/features.js";
import { netnsPath } from "../../plan/layout.js";
import { claimsOf, describe, featureUsers, keyOf, leavesOf, type Ns, type Op } from "../../plan/ops.js";
import {
  type ClaimKind,
  type ClaimOf,
  type Owned,
  type OwnedKind,
  type OwnedOf,
  ownedKey,
} from "../../plan/owned.js";
import {
  command,
  opsOf,
  type Plan,
  programsNeeded,
  programsOfStages,
  type Stage,
  type Step,
  stepRunsLabPrograms,
  steps,
} from "../../plan/plan.js";
import { PROGRAMS, type Program } from "../../plan/programs.js";
import { comparedParams } from "../../plan/qdisc.js";
import { shellQuote as q } from "../../plan/quote.js";
import {
  type LabRecord,
  namespaceNodes,
  recordHostIfaces,
  recordNamespaces,
  recordOf,
  recordText,
} from "../../plan/record.js";
import { nicSavedHead, SNIPPET_NAMES } from "../../plan/snippets.js";
import { type Guard, type GuardedOp, teardownOps } from "../../plan/teardown.js";
import type { TestPlan } from "../../plan/tests.js";
import { carryArgv, reachArgv } from "../../plan/underlay.js";
import { counted } from "../../plural.js";
import { VERSION } from "../../version.js";
import { labSize, planText } from "../text.js";
import PRELUDE from "./prelude.sh.gen.js";

/** POSIX utilities the script itself runs for its lock and record (not builtins in dash). */
const UTILITIES = {
  up: ["mkdir", "ln", "readlink", "rm", "mv", "date", "touch", "find", "cat"],
  down: ["mkdir", "ln", "readlink", "rm", "find"],
  test: ["mkdir", "ln", "readlink", "rm", "cat", "date"],
} as const;

/**
 * The script's own `status` reads the kernel with ip (and tc for a lab that shapes),
 * entering namespaces as every step does.
 */
function statusPrograms(record: LabRecord): Program[] {
  const shapes = record.ops.some((r) => leavesOf(r.op).some((f) => f.kind === "qdisc"));
  return [
    "ip",
    ...(shapes ? (["tc"] as const) : []),
    ...(recordNamespaces(record).length ? (["nsenter"] as const) : []),
  ];
}

/**
 * What tear-down's guards run: ip, for a namespace's mark read from inside it (entered with
 * nsenter), a host veth's peer, and where a moved NIC is.
 */
function guardPrograms(record: LabRecord): Program[] {
  return ["ip", ...(recordNamespaces(record).length ? (["nsenter"] as const) : [])];
}

const UTILITY_SPEC = { package: "coreutils", why: "the script keeps its lock and record with it" };

export interface Script {
  readonly text: string;
  /** Every program the script may run, besides sh and its builtins: what a machine needs. */
  readonly requires: readonly string[];
  /** The programs each subcommand checks for before it acts. */
  readonly needs: {
    readonly up: readonly string[];
    readonly down: readonly string[];
    readonly status: readonly string[];
    readonly exec: readonly string[];
    /** Empty when the lab has no expectations. */
    readonly test: readonly string[];
  };
}

/** The script: the lab's own part, then the shared machinery (prelude.sh) as it is. */
export function buildScript(compiled: Compiled, plan: Plan): Script {
  const own = labPart(compiled, plan);
  return { ...own, text: `${own.text}\n${PRELUDE}` };
}

/** What is particular to one lab: everything but the prelude. */
export function labPart(compiled: Compiled, plan: Plan): Script {
  if (!compiled.lab) throw new Error("internal: building a script without a model");
  // A lab on several machines: this machine's part of it.
  const lab = partOn(compiled.lab, plan.machine);
  const record = recordOf(compiled, plan, "script", "");
  const down = downSteps(record);
  const enter = new Map(record.nodes.map((n) => [n, nodeEnterPrefix(record.lab, n, record.isolation?.[n])]));
  const enterPrograms = [...new Set([...enter.values()].map((argv) => argv[0] ?? ""))].filter(Boolean);
  const downPrograms = programsOfStages([{ name: "teardown", steps: down.map((d) => d.step) }]);
  const needs = {
    up: unique([...programsNeeded(plan), ...downPrograms, ...UTILITIES.up]),
    down: unique([...downPrograms, ...guardPrograms(record), ...UTILITIES.down]),
    status: statusPrograms(record),
    exec: enterPrograms,
    test: plan.tests ? unique([...testPrograms(plan.tests), ...UTILITIES.test]) : [],
  };
  // In the order the commands need them: the lab's own programs first, then the utilities
  // of the script's lock and record.
  const requires = unique([...needs.up, ...needs.down, ...needs.status, ...needs.exec, ...needs.test]);
  const on = plan.machine !== undefined ? ` on machine ${plan.machine}` : "";
  const summary = `${labSize(lab)}${on} (${counted(opsOf(plan.stages).length, "operation")})`;
  const nodes = namespaceNodes(record);
  const name = (ns: Ns) => placeOf(nodes, ns);
  const parts = [
    header(compiled, record, requires),
    settings(record, needs, summary, namespacesWanted(plan)),
    upSection(plan, name),
    downSection(down, record.lab),
    leftSection(record),
    collisionsSection(plan),
    featuresSection(plan),
    statusSection(record),
    execSection(record, enter),
    testSection(plan.tests, plan.machine !== undefined && compiled.lab.expectations.length > 0),
    planSection(plan),
    recordParts(record),
    whyFunction(requires),
  ];
  return { text: parts.join("\n"), requires, needs };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** How a namespace is called in the script's messages and sections. */
function placeOf(nodes: ReadonlyMap<string, string>, ns: Ns): string {
  if (ns === null) return "the host";
  const node = nodes.get(ns);
  return node !== undefined ? `node ${node} (${ns})` : `the switches (${ns})`;
}

/** Text for a comment line: a value from the lab file must not end the comment early. */
function comment(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  return `# ${text.replace(/[\u0000-\u001f\u007f]/g, "?")}`.trimEnd();
}

function header(compiled: Compiled, record: LabRecord, requires: readonly string[]): string {
  return [
    "#!/bin/sh",
    comment(`Lab ${record.lab}: a standalone script built by opentop ${VERSION} (\`opentop build\`).`),
    "#",
    comment(`  source    ${record.file}`),
    comment(`  sha256    ${compiled.hash}`),
    comment(`  requires  ${requires.join(" ")}`),
    ...machineLines(record),
    "#",
    "# Usage: sh SCRIPT up | down | status | exec NODE COMMAND [ARG]... | test | plan | --help",
    "#",
    "# `up` runs the lab's plan (below, stage by stage) with the programs above and rolls it",
    "# back if a step fails; `down` removes what the lab owns and still exists. They keep the",
    "# lock and the record under /run/opentop exactly as `opentop` does, so `opentop status`,",
    "# `exec` and `down` work on a lab this script brought up, and the other way round.",
    "# Generated from the lab file: change the file and build again rather than editing this.",
    "",
    "# Single-quoted text here is literal by design: values from the lab file are never expanded.",
    "# shellcheck disable=SC2016",
    "set -u",
    "set -f # nothing here expands file names",
  ].join("\n");
}

/** A machine's part of a lab: which, and where the rest is. */
function machineLines(record: LabRecord): string[] {
  if (record.machine === undefined) return [];
  const others = (record.machines ?? []).filter((m) => m.name !== record.machine);
  const self = record.machines?.find((m) => m.name === record.machine);
  return [
    comment(
      `  machine   ${record.machine}${self ? ` (${self.address})` : ""}: this machine's part of the lab only`,
    ),
    comment(
      `  others    ${others.map((m) => `${m.name} (${m.address})`).join(", ") || "none"}, each with a script of its own`,
    ),
  ];
}

function settings(record: LabRecord, needs: Script["needs"], summary: string, namespaces: number): string {
  const help = [
    "",
    `Lab ${record.lab}: ${summary}.`,
    `  up      create it (needs root and ${needs.up.join(", ")})`,
    "  down    remove everything it created; also after a failed or interrupted up",
    "  status  its live state, and drift from its plan (exit status 1 on drift)",
    `  exec    run a command inside a node (${needs.exec.join(", ")})`,
    ...(needs.test.length
      ? [`  test    probe its expectations with real packets (needs root and ${needs.test.join(", ")})`]
      : []),
    "  plan    print every operation that up runs, doing nothing",
  ].join("\n");
  // Always quoted: a lab may be called like a program (`tr`), which shellcheck would query.
  return `LAB='${record.lab.replaceAll("'", "'\\''")}'
SELF=\${0##*/}
RUN_DIR=\${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP=${q(needs.up.join(" "))}
NEED_DOWN=${q(needs.down.join(" "))}
NEED_STATUS=${q(needs.status.join(" "))}
NEED_TEST=${q(needs.test.join(" "))}
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=${namespaces}
KIB_PER_NAMESPACE=${KERNEL_BYTES_PER_NAMESPACE / 1024}
SUMMARY=${q(summary)}
HELP=${q(help)}`;
}

/**
 * The record in five pieces around its two values known only at run time (state and
 * creation time); OBJECTS, what the lab owns, is also what `down` and `status` compare
 * with the record of a lab that is up.
 */
function recordParts(record: LabRecord): string {
  const text = recordText({ ...record, state: "creating", createdAt: "" });
  const dynamic = '\n "state": "creating",\n "createdAt": "",\n "by": "script",\n';
  const at = text.indexOf(dynamic);
  const rest = text.slice(at + dynamic.length);
  const ops = rest.indexOf('\n "ops": [');
  // Raw newlines and quotes occur in JSON only as structure, so these are the keys themselves.
  if (at < 0 || !rest.startsWith(' "nodes": [') || ops < 0)
    throw new Error("internal: the record's layout is not the one the script reads");
  return [
    "",
    "# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns",
    "# (OBJECTS) and the operations of its plan. Only its state and creation time vary.",
    `RECORD_HEAD=${q(`${text.slice(0, at)}\n "state": "`)}`,
    `RECORD_CREATED=${q('",\n "createdAt": "')}`,
    `RECORD_BY=${q('",\n "by": "script",\n')}`,
    `OBJECTS=${q(rest.slice(0, ops + 1))}`,
    `RECORD_OPS=${q(rest.slice(ops + 1))}`,
  ].join("\n");
}

function whyFunction(programs: readonly string[]): string {
  const arms = programs.map((p) => {
    const spec = p in PROGRAMS ? PROGRAMS[p as Program] : UTILITY_SPEC;
    return `    ${p}) why=${q(spec.why)} package=${q(spec.package)} ;;`;
  });
  return [
    "",
    "# why PROGRAM: sets $why and $package, for the message when PROGRAM is missing.",
    "why() {",
    "  case $1 in",
    ...arms,
    "    *) why='this script runs it' package=$1 ;;",
    "  esac",
    "}",
  ].join("\n");
}

// ---- up -------------------------------------------------------------------------------

/** A heredoc delimiter that no line of `text` equals. */
export function delimiter(text: string): string {
  const lines = new Set(text.split("\n"));
  let d = "EOF";
  for (let i = 1; lines.has(d); i++) d = `EOF_${i}`;
  return d;
}

/** `argv`, quoted, with `stdin` fed to it: a quoted heredoc when it can be, else printf. */
function withStdin(argv: string, stdin: string | undefined, after: string): string[] {
  if (stdin === undefined) return [`${argv}${after}`];
  if (stdin.endsWith("\n") && !stdin.includes("\0")) {
    const d = delimiter(stdin);
    return [`${argv} <<'${d}'${after}`, ...stdin.slice(0, -1).split("\n"), d];
  }
  // A heredoc always ends in a newline; input without one goes through printf exactly.
  return [`printf '%s' ${q(stdin)} | ${argv}${after}`];
}

function upSection(plan: Plan, place: (ns: Ns) => string): string {
  const total = plan.stages.reduce((n, s) => n + s.steps.length, 0);
  const out = [
    "",
    "# ---- up: the plan, stage by stage --------------------------------------------------",
    "#",
    "# The steps of a stage are independent. Those of a stage that runs only the tools run",
    "# side by side, as `opentop up` runs them (at_once, one runner a CPU: each step a",
    "# function up_N); a stage that starts the lab's own programs runs one step after another.",
    "# Each step is one process; the lines of a batch are the operations listed above it, in",
    "# order, with the statement of the lab file that asked for each. A step that fails stops",
    "# `up`, which then rolls back.",
    "",
    "up_plan() {",
  ];
  let index = 0;
  plan.stages.forEach((stage, i) => {
    const side = stage.steps.length > 1 && !stage.steps.some(stepRunsLabPrograms);
    out.push(
      `  # == stage ${i + 1} of ${plan.stages.length}: ${stage.name}${side ? ` (its ${stage.steps.length} steps side by side)` : ""}`,
    );
    const first = index + 1;
    for (const step of stage.steps) {
      index++;
      const label = `${index}/${total}, ${stage.name}, ${step.ns === null ? "on" : "in"} ${place(step.ns)}`;
      const cmd = command(step);
      const argv = cmd.argv.map(q).join(" ");
      // As `opentop up` runs it: a step of the lab's programs in the caller's locale, any
      // other in C (docs/architecture.md).
      const fn = stepRunsLabPrograms(step) ? "step" : "tool_step";
      const indent = side ? "    " : "  ";
      if (side) out.push(`  up_${index}() {`);
      out.push(...step.ops.map((op) => `${indent}${comment(opComment(op))}`));
      out.push(...withStdin(`${indent}${fn} ${q(label)} ${argv}`, cmd.stdin, side ? "" : " || return 1"));
      if (side) out.push("  }");
    }
    if (side) out.push(`  at_once ${first} ${index} || return 1`);
  });
  out.push("}");
  return out.join("\n");
}

function opComment(op: Op): string {
  const from = op.origin ? location(op.origin) : undefined;
  return from ? `${describe(op)}  (${from})` : describe(op);
}

/**
 * How the script finds each kind of claim taken already: a test that says so (and is true),
 * or null where the script does not check it and why — `opentop up` checks every kind
 * (src/runtime/collisions.ts).
 */
const TAKEN: { readonly [K in ClaimKind]: ((c: ClaimOf<K>) => string) | { readonly unchecked: string } } = {
  netns: (c) => `taken_netns ${q(netnsPath(c.name))}`,
  "host-iface": (c) => `taken_iface ${q(c.name)}`,
  "host-table": (c) => `taken_table ${q(c.family)} ${q(c.name)}`,
  cgroup: (c) => `taken_cgroup ${q(c.path)}`,
  "host-net": { unchecked: "comparing prefixes with every route of the host is more than sh should parse" },
  "moved-nic": (c) => `taken_saved ${q(c.saved)} ${q(c.name)}`,
  "host-nic": (c) => `nic_unusable ${q(c.name)} ${q(c.use)}`,
  "own-address": (c) => `not_mine ${q(c.machine)} ${q(c.address)}`,
  underlay: (c) =>
    `underlay_short ${[c.machine, c.address, String(c.size), ...reachArgv(c), "--", ...carryArgv(c)].map(q).join(" ")}`,
};

function collisionsSection(plan: Plan): string {
  // One test a claim; claims alike (a peer's underlay, claimed by each of its tunnels) once.
  const tests = new Set(
    opsOf(plan.stages)
      .flatMap(claimsOf)
      .flatMap((c) => {
        const taken = TAKEN[c.kind] as ((c: ClaimOf<ClaimKind>) => string) | { unchecked: string };
        return typeof taken === "function" ? [`  ${taken(c)} && found=0`] : [];
      }),
  );
  return [
    "",
    "# collisions: true when an object of the lab already exists. This lab's `up` did not",
    "# create it (its record would say so), so the lab refuses to start rather than reuse it.",
    "collisions() {",
    "  found=1",
    ...tests,
    '  return "$found"',
    "}",
  ].join("\n");
}

/**
 * features: each kernel feature the plan needs, probed once in a throwaway network namespace
 * as `opentop up` does (src/runtime/features.ts), with a diagnostic per statement that needs
 * a missing one.
 */
function featuresSection(plan: Plan): string {
  const out = [
    "",
    "# features: false when the kernel lacks a feature the lab needs; each is probed once, in a",
    "# throwaway network namespace, before anything is created (as `opentop up` does).",
    "features() {",
    "  lacking=0",
  ];
  for (const [feature, ops] of featureUsers(opsOf(plan.stages))) {
    const { argv, stdin } = FEATURES[feature].probe;
    const { message, help } = lackMessage(feature);
    out.push(...withStdin(`  if ! probe unshare --net -- ${argv.map(q).join(" ")}`, stdin, "; then"));
    const places = [...new Set(ops.map((op) => (op.origin ? location(op.origin) : "")))];
    for (const place of places)
      out.push(`    error OT6011 ${q(place ? `${message} (${place})` : message)} ${q(help)}`);
    out.push("    lacking=1", "  fi");
  }
  out.push('  return "$lacking"', "}");
  return out.join("\n");
}

// ---- down -----------------------------------------------------------------------------

interface DownStep {
  readonly step: Step;
  /** The guard of each of the step's operations, in order. */
  readonly guards: readonly Guard[];
  /**
   * Each operation's form when nothing proves the lab made what it undoes (no record of this
   * plan, `$proved` = 0), where that differs (a cgroup is then removed only if empty).
   */
  readonly unproven: readonly (Op | undefined)[];
}

/** The guarded tear-down grouped into steps as `down` groups it, each op with its guard. */
function downSteps(record: LabRecord): DownStep[] {
  const guarded = teardownOps(record, true);
  const weaker = teardownOps(record, false);
  const guardOf = new Map<Op, Guard>(guarded.map((g: GuardedOp) => [g.op, g.when]));
  const unprovenOf = new Map<Op, Op>(guarded.map((g, i) => [g.op, weaker[i]?.op ?? g.op]));
  return steps(guarded.map((g) => g.op)).map((step) => ({
    step,
    guards: step.ops.map((op) => {
      const g = guardOf.get(op);
      if (!g) throw new Error("internal: an unguarded tear-down operation");
      return g;
    }),
    unproven: step.ops.map((op) => {
      const u = unprovenOf.get(op);
      return u && JSON.stringify(u) !== JSON.stringify(op) ? u : undefined;
    }),
  }));
}

/**
 * How the script recognises each kind of owned object as the lab's (as src/runtime/teardown.ts
 * does: its mark, or — while a record of this plan proves it, `$proved` — having been made
 * after that record), and how it sees that one still exists at all.
 */
const OURS: {
  readonly [K in OwnedKind]: {
    readonly ours: (o: OwnedOf<K>, lab: string) => string;
    readonly exists: (o: OwnedOf<K>) => string;
  };
} = {
  netns: {
    ours: (o, lab) =>
      `ns_ours ${q(o.name)} ${q(o.node === undefined ? labMark(lab) : nodeMark(lab, o.node))}`,
    exists: (o) => `[ -e ${q(netnsPath(o.name))} ]`,
  },
  "host-iface": {
    ours: (o, lab) => {
      const node = parseMark(o.mark)?.node ?? "";
      return `iface_ours ${q(o.name)} ${q(o.mark)} ${q(nodeNetns(lab, node))} ${q(nodeMark(lab, node))}`;
    },
    exists: (o) => `iface_exists ${q(o.name)}`,
  },
  // A table is loaded whole with its comment: the mark in its listing makes it the lab's.
  "host-table": {
    ours: (o) =>
      `nft list table ${q(o.family)} ${q(o.name)} 2>/dev/null | grep -qF ${q(`comment "${o.mark}"`)}`,
    exists: (o) => `nft list table ${q(o.family)} ${q(o.name)} >/dev/null 2>&1`,
  },
  // The lab's while its own node holds it, or while its saved state (first line as the move
  // wrote it) waits for it on the host (src/runtime/teardown.ts).
  "moved-nic": {
    ours: (o, lab) =>
      `nic_ours ${q(o.ns)} ${q(nodeMark(lab, o.ns.slice(lab.length + 1)))} ${q(o.iface)} ${q(o.saved)} ${q(nicSavedHead(o.name, o.ns, o.iface))} ${q(o.name)}`,
    exists: (o) => `nic_left ${q(netnsPath(o.ns))} ${q(o.iface)} ${q(o.saved)}`,
  },
};

function oursTest(o: Owned, lab: string): string {
  return (OURS[o.kind].ours as (o: Owned, lab: string) => string)(o, lab);
}

/** The guard as a shell test. */
function guardTest(g: Guard, lab: string): string {
  switch (g.kind) {
    case "always":
      return "true";
    case "owned":
      return g.owned.map((o) => oursTest(o, lab)).join(" && ");
    default:
      return assertNever(g);
  }
}

/** `left_behind`: what the lab owns that still exists, as a list for a message (empty: nothing). */
function leftSection(record: LabRecord): string {
  return [
    "",
    "# left_behind: sets $left to what the lab owns that still exists, one a line (after",
    "# down_plan: its own that could not go, or a look-alike that is not provably the lab's).",
    "left_behind() {",
    "  left=",
    ...record.owned.map(
      (o) =>
        `  if ${(OURS[o.kind].exists as (o: Owned) => string)(o)}; then left="$left"${q(`  ${ownedKey(o)}`)}"$NL"; fi`,
    ),
    "}",
  ].join("\n");
}

function downSection(down: readonly DownStep[], lab: string): string {
  const out = [
    "",
    "# ---- down: what the lab owns and still exists ----------------------------------------",
    "#",
    "# Host interfaces first (so they are gone when `down` returns), then the namespaces and",
    "# everything in them. Each object is deleted only if it exists and is provably the lab's",
    "# (its mark, or made after a record of this plan); a batch keeps going past a failing line",
    "# (-force). Also the rollback of a failed `up`. Sets $removed (what ran) and $owned (how",
    "# many of the lab's own objects were found); false when a deletion failed.",
    "",
    "down_plan() {",
    "  removed=0",
    "  owned=0",
    "  ok=0",
  ];
  for (const { step, guards, unproven } of down) {
    const full = command(step, { force: true });
    const single = step.ops.map((op) => command({ ...step, ops: [op] }, { force: true }));
    const argv = full.argv.map(q).join(" ");
    // A batch takes the lines of the operations whose guards hold; anything else runs one
    // process per operation.
    const batch =
      full.stdin !== undefined &&
      full.stdin === single.map((c) => c.stdin ?? "").join("") &&
      single.every((c) => c.stdin?.endsWith("\n"));
    step.ops.forEach((op, i) => {
      const guard = guards[i];
      const one = single[i];
      if (!guard || !one) return;
      out.push(`  ${comment(describe(op))}`);
      const found = guard.kind === "owned" ? "owned=$((owned + 1)); " : "";
      if (batch)
        out.push(
          `  if ${guardTest(guard, lab)}; then ${found}queue ${q((one.stdin ?? "").slice(0, -1))}; fi`,
        );
      else {
        out.push(`  if ${guardTest(guard, lab)}; then`, `    ${found}removed=$((removed + 1))`);
        const weaker = unproven[i];
        if (weaker) {
          const w = command({ ...step, ops: [weaker] }, { force: true });
          out.push('    if [ "$proved" = 1 ]; then');
          out.push(...withStdin(`      ${one.argv.map(q).join(" ")}`, one.stdin, " || ok=1"));
          out.push(`    else ${comment(`without a record of this plan: ${describe(weaker)}`)}`);
          out.push(...withStdin(`      ${w.argv.map(q).join(" ")}`, w.stdin, " || ok=1"), "    fi");
        } else out.push(...withStdin(`    ${one.argv.map(q).join(" ")}`, one.stdin, " || ok=1"));
        out.push("  fi");
      }
    });
    if (batch) out.push(`  flush ${argv} || ok=1`);
  }
  out.push('  return "$ok"', "}");
  return out.join("\n");
}

// ---- status ---------------------------------------------------------------------------

/**
 * What the script's `status` does with each kind of fact: the network's are checked per
 * namespace, from the same facts as `opentop status`; the others are left to `opentop
 * status`, for the reason given (the script needs nothing but sh and ip for its status).
 */
export const SCRIPT_STATUS = {
  link: "network",
  addr: "network",
  route: "network",
  qdisc: "shaping",
  "nft-table": { unchecked: "comparing rulesets needs nft's canonical JSON" },
  iptables: { unchecked: "comparing rulesets needs iptables-save's canonical form" },
  mount: { unchecked: "namespace files are checked when a node is entered (exec)" },
  cgroup: { unchecked: "cgroups are checked when a node is entered (exec)" },
  process: { unchecked: "an init is checked when its node is entered (exec)" },
} as const satisfies { readonly [K in FactKind]: "network" | "shaping" | { readonly unchecked: string } };

function statusSection(record: LabRecord): string {
  const nodes = namespaceNodes(record);
  const facts = expectedFacts(record.ops.map((r) => r.op));
  const expected = expectedNetwork(factsFor(SCRIPT_STATUS, facts, "network"));
  const qdiscs = new Map<Ns, FactOf<"qdisc">[]>();
  for (const f of factsFor(SCRIPT_STATUS, facts, "shaping")) addTo(qdiscs, f.ns, f);
  // Each namespace K: ns_K starts its section, links_K checks its interfaces as they come,
  // routes_K its routes, end_K what the plan makes there once they have all come. What no
  // check claims is extra: `extras` reports it once the checks have run.
  const out: string[] = [];
  const reads: string[] = [];
  const section = (ns: Ns, title: string) => {
    const k = reads.length + 1;
    const shaped = qdiscs.get(ns) ?? [];
    const e = expected.get(ns);
    const ids = new Map(interfaces(e).map((dev, i) => [dev, i + 1]));
    const routed = e !== undefined && e.routes.length > 0 ? " 1" : "";
    out.push(
      "",
      `ns_${k}() { look ${q(title)} ${q(ns ?? "")} links_${k}${routed}; }`,
      `end_${k}() {`,
      ...ifaceChecks(e, k, ids),
      ...missingRoutes(e, k),
      ...qdiscChecks(shaped),
      "  extras",
      "}",
      ...linkFunctions(`links_${k}`, k, e, ids, new Set(shaped.map((f) => f.dev))),
      ...routeFunction(`routes_${k}`, k, e),
    );
    reads.push(`${k}:${ns ?? "-"}${shaped.length ? "+tc" : ""}`);
  };
  for (const ns of recordNamespaces(record)) section(ns, placeOf(nodes, ns));
  if (recordHostIfaces(record).length) section(null, "host");
  return [
    "",
    "# status_reads: what every namespace holds, in the order of the status functions of each",
    "# namespace that follow (in a subshell: read_wide's traps are its own).",
    "status_reads() (",
    "  set -f",
    `  read_wide ${reads.map(q).join(" ")}`,
    ")",
    ...out,
  ].join("\n");
}

/** The interfaces a namespace should have: those the plan makes or puts addresses on. */
function interfaces(e: NsExpected | undefined): string[] {
  return e ? [...new Set([...e.links.keys(), ...e.addrs.keys()])] : [];
}

/** An arm of a lookup: an interface's name and what its arm does. */
interface Arm {
  readonly dev: string;
  readonly body: string;
}

/** A `case` looks through this many names one by one; more are split by their beginnings. */
const CASE_LEAF = 16;

/**
 * The arms of a `case $1` that finds one of `arms` (names that begin alike in their first
 * `known` characters) as a tree of `case`s on the names' beginnings: dash tries a `case`'s
 * patterns one by one, so a bridge of 1,000 ports in one `case` cost 500 patterns a port on
 * average (240 M instructions of a 1,000-node star's status); split at the shortest
 * beginning that tells them apart (`h1` … `h9`, then `h10` … `h19`), a few tens. A name that
 * is not there falls through to `return 1` at whatever depth. Patterns are quoted, and a
 * beginning's `*` outside the quotes: a name may hold any character.
 */
function caseTree(arms: readonly Arm[], known = 0): string[] {
  const miss = "*) return 1 ;;";
  if (arms.length <= CASE_LEAF) return [...arms.map((a) => `${q(a.dev)}) ${a.body} ;;`), miss];
  let length = known + 1;
  let groups = new Map<string, Arm[]>();
  for (;;) {
    groups = new Map();
    // A name no longer than the beginning is an arm of its own (its pattern is exact).
    for (const a of arms)
      addTo(groups, a.dev.length < length ? `=${a.dev}` : `*${a.dev.slice(0, length)}`, a);
    if (groups.size > 1) break;
    length++;
  }
  return [
    ...[...groups].flatMap(([key, group]) => {
      const [only] = group;
      if (group.length === 1 && only) return [`${q(only.dev)}) ${only.body} ;;`];
      return [
        `${q(key.slice(1))}*)`,
        "  case $1 in",
        ...caseTree(group, length).map((l) => `    ${l}`),
        "  esac",
        "  ;;",
      ];
    }),
    miss,
  ];
}

/**
 * The functions that check a namespace's interfaces against the plan (`link_line` calls them
 * with an interface and its bridge): one per bridge its ports are in and one for the rest,
 * each a `case` of their interfaces (`caseTree`), so that no lookup scans the lab's every
 * interface. A port found elsewhere than in its bridge is looked for among all (and its
 * bridge reported).
 */
function linkFunctions(
  name: string,
  k: number,
  e: NsExpected | undefined,
  ids: ReadonlyMap<string, number>,
  shaped: ReadonlySet<string>,
): string[] {
  const groups = new Map<string, Arm[]>();
  for (const [dev, id] of ids) {
    const want = e?.links.get(dev);
    const words = [
      // A shaped interface's qdiscs are checked by want_qdisc; another's must be the kernel's.
      ...(shaped.has(dev) ? ["shaped"] : []),
      ...(want?.up ? ["up"] : []),
      ...(want?.mtu !== undefined ? ["mtu", String(want.mtu)] : []),
      ...(want?.mac !== undefined ? ["mac", want.mac] : []),
      ...(want?.master !== undefined ? ["master", want.master] : []),
    ];
    addTo(groups, want?.master ?? "", {
      dev,
      body: `seen_${id}=${k}; ${["want_link", ...words.map(q)].join(" ")}`,
    });
  }
  const masters = [...groups.keys()];
  const lookup = (fn: string, arms: readonly Arm[]) => [
    `${fn}() {`,
    "  case $1 in",
    ...caseTree(arms).map((l) => `    ${l}`),
    "  esac",
    "}",
  ];
  const head = `# ${name} DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.`;
  // A namespace without bridges (a node's): one function.
  if (masters.length <= 1 && !masters[0]) return ["", head, ...lookup(name, groups.get("") ?? [])];
  const fn = (k: number) => `${name}_${k}`;
  return [
    "",
    head,
    `${name}() {`,
    "  case $2 in",
    ...masters.map((m, k) => `    ${q(m)}) ${fn(k)} "$1" && return 0 ;;`),
    "  esac",
    `  ${masters.map((_, k) => `${fn(k)} "$1"`).join(" || ")}`,
    "}",
    ...masters.flatMap((m, k) => lookup(fn(k), groups.get(m) ?? [])),
  ];
}

/**
 * Each interface the plan makes or addresses in namespace K is there (links_K saw it), and
 * then has the plan's addresses: a missing interface is one drift, as in `opentop status`,
 * not also each of its addresses.
 */
function ifaceChecks(e: NsExpected | undefined, k: number, ids: ReadonlyMap<string, number>): string[] {
  return [...ids].flatMap(([dev, id]) => {
    const seen = `[ "\${seen_${id}-}" = ${k} ]`;
    const missing = `drift missing ${q(`interface ${dev}`)}`;
    const addrs = [...(e?.addrs.get(dev) ?? [])].map((a) => `want_addr ${q(dev)} ${q(a)}`);
    if (addrs.length === 0) return [`  ${seen} || ${missing}`];
    return [`  if ${seen}; then`, ...addrs.map((a) => `    ${a}`), "  else", `    ${missing}`, "  fi"];
  });
}

/**
 * The plan's routes in namespace K that the kernel has none of (each one routes_K marked
 * `rseen_I=K` as its lines came). Routes that drift names alike are one line, as `opentop
 * status` says each difference once (rare, as drift names a route's metric).
 */
function missingRoutes(e: NsExpected | undefined, k: number): string[] {
  const byText = new Map<string, number[]>();
  for (const [i, r] of (e?.routes ?? []).entries()) addTo(byText, routeText(r), i + 1);
  return [...byText].map(([text, ids]) => {
    const seen = ids.map((i) => `[ "\${rseen_${i}-}" = ${k} ]`);
    const all = seen.length === 1 ? seen[0] : `{ ${seen.join(" && ")}; }`;
    return `  ${all} || drift missing ${q(text)}`;
  });
}

/**
 * The function that takes each route the kernel shows in namespace K (as route_parse read
 * it, from keep_routes) and marks every route of the plan that it is (`rseen_I=K`), false
 * when it is none: a `case` of the plan's destinations, so that each line is looked up once,
 * not every route of the plan looked for among every line (a router's square of its
 * routes). As `opentop status` does, a route of the plan is there when some route of the
 * kernel is it, and a route of the kernel is extra when it is none of the plan's.
 */
function routeFunction(name: string, k: number, e: NsExpected | undefined): string[] {
  const arms = new Map<string, { i: number; r: NsExpected["routes"][number] }[]>();
  for (const [i, r] of (e?.routes ?? []).entries()) addTo(arms, r.destination, { i, r });
  // A namespace where the plan makes no route: every route of the kernel there is extra.
  if (arms.size === 0) return [`${name}() { return 1; }`];
  const mark = (test: string, i: number) => `! ${test} || { rseen_${i + 1}=${k}; is=0; }`;
  return [
    "",
    `# ${name}: marks the plan's routes that this route of the kernel is; false if none.`,
    `${name}() {`,
    "  is=1",
    "  case $r_dest in",
    ...[...arms].flatMap(([destination, routes]) => {
      const loose = routes.map(({ i, r }) => mark(`route_is ${routeArgs(r).map(q).join(" ")}`, i));
      // Several of the plan's routes to one destination: a route of the kernel is those it
      // is exactly, if any, else those it matches (as opentop status has it), so that one
      // declared without a metric does not stand in for another that is gone.
      const lines =
        routes.length === 1
          ? loose
          : [
              ...routes.map(({ i, r }) => {
                const [, via = "", ...rest] = routeArgs(r);
                return mark(`route_exact ${[String(routeMetric(r)), via, ...rest].map(q).join(" ")}`, i);
              }),
              "case $is in 1)",
              ...loose.map((t) => `  ${t}`),
              ";; esac",
            ];
      return [`    ${q(destination)})`, ...lines.map((t) => `      ${t}`), "      ;;"];
    }),
    "  esac",
    "  return $is",
    "}",
  ];
}

/** The qdiscs of a namespace's shaped interfaces: read once, then each checked. */
function qdiscChecks(shaped: readonly FactOf<"qdisc">[]): string[] {
  if (shaped.length === 0) return [];
  const devs = [...new Set(shaped.map((f) => f.dev))];
  return [
    `  ${["shaped", ...devs].map(q).join(" ")}`,
    ...shaped.map(
      (f) =>
        `  ${["want_qdisc", f.dev, f.qdisc.kind, f.handle, f.parent, ...comparedParams(f.qdisc).flat()].map(q).join(" ")}`,
    ),
  ];
}

/**
 * A route of the plan as `route_is` takes it: its metric, gateway and interface (empty where
 * the plan says none), then its paths as route_parse writes them.
 */
function routeArgs(r: NsExpected["routes"][number]): string[] {
  return [
    r.metric !== undefined ? String(r.metric) : "",
    r.via ?? "",
    r.dev ?? "",
    ...(r.nexthops ?? []).map(
      (h) => `${h.via !== undefined ? `via ${h.via} ` : ""}dev ${h.dev} weight ${h.weight}`,
    ),
  ];
}

// ---- exec -----------------------------------------------------------------------------

function execSection(record: LabRecord, enter: Map<string, string[]>): string {
  const nodes = someNodes(record.nodes);
  return [
    "",
    "# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.",
    "exec_node() {",
    "  node=$1",
    "  shift",
    "  case $node in",
    ...[...enter].map(([node, argv]) => `    ${q(node)}) enter ${argv.map(q).join(" ")} "$@" ;;`),
    `    *) error OT6008 "lab $LAB has no node \\\`$node\\\`" ${q(`its nodes are ${nodes}`)}`,
    "      return 1",
    "      ;;",
    "  esac",
    "}",
  ].join("\n");
}

// ---- test ---------------------------------------------------------------------------

function testPrograms(tp: TestPlan): Program[] {
  return programsOfStages([...tp.settle, ...tp.listen, ...tp.probes, ...tp.stop]);
}

/**
 * test_plan: the listeners, the probes (run in the background, JOBS at a time), the
 * listeners' stops — the commands `opentop test` runs; test_rows: one line of the table an
 * expectation, with the model's verdict as the build computed it.
 */
/**
 * The test's part of the script. A machine's part of a lab on several machines has none:
 * its probes and their listeners would be on several machines (`across`: then its `test`
 * refuses, OT8024, rather than say the lab has no expectations).
 */
function testSection(tp: TestPlan | undefined, across: boolean): string {
  const out = [
    "",
    "# ---- test: the expectations with real packets (as `opentop test`) -------------------",
    "",
  ];
  if (!tp)
    return [
      ...out,
      ...(across
        ? [
            "# This machine's part alone cannot test the lab: its expectations cross machines.",
            "TEST_ACROSS=1",
          ]
        : []),
      "TEST_WIDTH=0",
      "test_plan() { :; }",
      "stop_listeners() { :; }",
      "test_rows() { :; }",
    ].join("\n");
  const index = new Map<string, number>();
  // Each constant sh program once, in a variable; the steps pass it as their argument.
  const programs = new Map<string, string>();
  const word = (w: string) => {
    const name = SNIPPET_NAMES.get(w);
    if (name === undefined) return q(w);
    const variable = `SH_${name.toUpperCase().replaceAll("-", "_")}`;
    programs.set(variable, w);
    return `"$${variable}"`;
  };
  const line = (fn: string, stages: readonly Stage[]) =>
    stages.flatMap((st) =>
      st.steps.map((step) => {
        const op = step.ops[0] as Op;
        if (!index.has(keyOf(op))) index.set(keyOf(op), index.size + 1);
        return `  ${comment(describe(op))}\n  ${fn} ${index.get(keyOf(op))} ${command(step).argv.map(word).join(" ")}`;
      }),
    );
  const body = [
    "test_plan() {",
    ...line("settle", tp.settle),
    ...line("listener", tp.listen),
    ...line("run_probe", tp.probes),
    "  wait",
    "  stop_listeners",
    "}",
    "",
    "stop_listeners() {",
    ...line("stop_listener", tp.stop),
    "  :",
    "}",
    "",
    `TEST_WIDTH=${Math.max(11, ...tp.rows.map((r) => r.name.length))}`,
    "test_rows() {",
    ...tp.rows.map((r) => {
      const expect = r.expect === undefined ? "-" : r.expect ? "reach" : "not";
      const listener = r.listener ? index.get(r.listener) : 0;
      const words = [
        r.name,
        String(r.family),
        expect,
        r.verdict,
        r.why,
        String(index.get(r.probe)),
        String(listener),
      ];
      return `  row ${words.map(q).join(" ")}`;
    }),
    "}",
  ];
  const defs = [...programs].map(([variable, text]) => `${variable}=${q(text)}`);
  return [...out, ...defs, "", ...body].join("\n");
}

function planSection(plan: Plan): string {
  return [
    "",
    "# plan_text: what `up` runs, as `opentop plan` prints it.",
    "plan_text() {",
    `  printf '%s\\n' ${q(planText(plan, "up"))}`,
    "}",
  ].join("\n");
}
