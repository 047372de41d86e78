// The standalone script (`opentop build`): a lab's plan as one POSIX sh file that needs
// only sh and the programs the plan runs. It is generated from the same plan and the same
// `command(step)` the runner spawns, the same record and lock protocol as the CLI, the same
// guarded tear-down (`teardownOps`) and the same expected state as `status`, so that the
// script and `opentop` can act on each other's labs. Nothing here knows what an operation
// kind does: a new kind or tool flows through `command()` and the program table.

import type { Compiled } from "../model/compile.js";
import { nodeNetns, switchNetns } from "../model/names.js";
import { assertNever } from "../never.js";
import { describe, type Ns, type Op } from "../plan/ops.js";
import { command, netnsPath, opsOf, type Plan, type Step, steps } from "../plan/plan.js";
import { PROGRAMS, type Program, programsNeeded, programsOfStages } from "../plan/programs.js";
import { nodeEnterPrefix, someNodes } from "../runtime/enter.js";
import { recordOf } from "../runtime/lifecycle.js";
import { type LabRecord, recordText } from "../runtime/record.js";
import { type Expected, expectedState } from "../runtime/status.js";
import { type Guard, type GuardedOp, teardownOps } from "../runtime/teardown.js";
import { VERSION } from "../version.js";
import { shellQuote as q } from "./quote.js";
import { origin, planText } from "./text.js";

/** POSIX utilities the script itself runs for its lock and record (not builtins in dash). */
const UTILITIES = {
  up: ["mkdir", "ln", "readlink", "rm", "mv", "date"],
  down: ["mkdir", "ln", "readlink", "rm"],
} as const;

/** The script's own `status` reads the kernel with ip, entering namespaces as every step does. */
function statusPrograms(record: LabRecord): Program[] {
  return record.namespaces.length ? ["ip", "nsenter"] : ["ip"];
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
  };
}

export function buildScript(compiled: Compiled, plan: Plan): Script {
  const lab = compiled.lab;
  if (!lab) throw new Error("internal: building a script without a model");
  const record = recordOf(compiled, plan, "script");
  const down = downSteps(record);
  const enter = new Map(record.nodes.map((n) => [n, nodeEnterPrefix(record, n)]));
  const enterPrograms = [...new Set([...enter.values()].map((argv) => argv[0] ?? ""))].filter(Boolean);
  const downPrograms = programsOfStages([{ name: "teardown", steps: down.map((d) => d.step) }]);
  const needs = {
    up: unique([...programsNeeded(plan), ...downPrograms, ...UTILITIES.up]),
    down: unique([...downPrograms, ...UTILITIES.down]),
    status: statusPrograms(record),
    exec: enterPrograms,
  };
  // In the order the commands need them: the lab's own programs first, then the utilities
  // of the script's lock and record.
  const all = [...needs.up, ...needs.down, ...needs.status, ...needs.exec];
  const requires = unique(all);
  const name = (ns: Ns) => placeOf(record, ns);
  // What this lab does comes first, for whoever audits it; the machinery shared by every
  // script (messages, lock, record, status checks) after it, then the commands.
  const parts = [
    header(compiled, record, requires),
    settings(record),
    upSection(plan, name),
    downSection(down),
    collisionsSection(record),
    statusSection(record, expectedState(record)),
    execSection(record, enter),
    planSection(plan),
    recordParts(record),
    PRELUDE,
    whyFunction(requires),
    TAKEN_NETNS,
    record.hostIfaces.length ? TAKEN_IFACE : "",
    down.some((d) => d.guards.some((g) => g.kind === "host-iface")) ? IFACE_OURS : "",
    STATUS_PRELUDE,
    commandsSection(record, lab, plan, needs),
  ];
  return { text: `${parts.filter(Boolean).join("\n")}`, requires, needs };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** How a namespace is called in the script's messages and sections. */
function placeOf(record: LabRecord, ns: Ns): string {
  if (ns === null) return "the host";
  if (ns === switchNetns(record.lab)) return `the switches (${ns})`;
  const node = record.nodes.find((n) => nodeNetns(record.lab, n) === ns);
  return node !== undefined ? `node ${node} (${ns})` : ns;
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
    "#",
    "# Usage: sh SCRIPT up | down | status | exec NODE COMMAND [ARG]... | plan | --help",
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

function settings(record: LabRecord): string {
  // Always quoted: a lab may be called like a program (`tr`), which shellcheck would query.
  return `LAB='${record.lab.replaceAll("'", "'\\''")}'
SELF=\${0##*/}
RUN_DIR=\${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'`;
}

/**
 * The record in five pieces around its two values known only at run time (state and
 * creation time); OBJECTS, what the lab owns, is also what `down` and `status` compare
 * with the record of a lab that is up.
 */
function recordParts(record: LabRecord): string {
  const text = recordText({ ...record, state: "creating", createdAt: "", ops: [] });
  const dynamic = '\n "state": "creating",\n "createdAt": "",\n "by": "script",\n';
  const at = text.indexOf(dynamic);
  const rest = text.slice(at + dynamic.length);
  const ops = rest.indexOf('\n "ops": []');
  // Raw newlines and quotes occur in JSON only as structure, so these are the keys themselves.
  if (at < 0 || !rest.startsWith(' "nodes": [') || ops < 0)
    throw new Error("internal: the record's layout is not the one the script reads");
  // One operation a line: any JSON layout parses the same, and the script stays readable.
  const opLines = record.ops.map((o) => `  ${JSON.stringify(o)}`).join(",\n");
  const tail = rest.slice(ops + 1).replace(' "ops": []', ` "ops": [\n${opLines}\n ]`);
  return [
    "",
    "# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns",
    "# (OBJECTS) and the operations of its plan. Only its state and creation time vary.",
    `RECORD_HEAD=${q(`${text.slice(0, at)}\n "state": "`)}`,
    `RECORD_CREATED=${q('",\n "createdAt": "')}`,
    `RECORD_BY=${q('",\n "by": "script",\n')}`,
    `OBJECTS=${q(rest.slice(0, ops + 1))}`,
    `RECORD_OPS=${q(tail)}`,
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
    "# The steps of a stage are independent (`opentop up` runs them concurrently; here they",
    "# run one after another). Each step is one process; the lines of a batch are the",
    "# operations listed above it, in order, with the statement of the lab file that asked",
    "# for each. A step that fails stops `up`, which then rolls back.",
    "",
    "up_plan() {",
  ];
  let index = 0;
  plan.stages.forEach((stage, i) => {
    out.push(`  # == stage ${i + 1} of ${plan.stages.length}: ${stage.name}`);
    for (const step of stage.steps) {
      index++;
      const label = `${index}/${total}, ${stage.name}, ${step.ns === null ? "on" : "in"} ${place(step.ns)}`;
      out.push(...step.ops.map((op) => `  ${comment(opComment(op))}`));
      const cmd = command(step);
      const argv = cmd.argv.map(q).join(" ");
      out.push(...withStdin(`  step ${q(label)} ${argv}`, cmd.stdin, " || return 1"));
    }
  });
  out.push("}");
  return out.join("\n");
}

function opComment(op: Op): string {
  const from = origin(op.origin);
  return from ? `${describe(op)}  (${from})` : describe(op);
}

function collisionsSection(record: LabRecord): string {
  return [
    "",
    "# collisions: true when an object of the lab already exists. This lab's `up` did not",
    "# create it (its record would say so), so the lab refuses to start rather than reuse it.",
    "collisions() {",
    "  found=1",
    ...record.namespaces.map((n) => `  taken_netns ${q(netnsPath(n))} && found=0`),
    ...record.hostIfaces.map((h) => `  taken_iface ${q(h.name)} && found=0`),
    '  return "$found"',
    "}",
  ].join("\n");
}

// ---- down -----------------------------------------------------------------------------

interface DownStep {
  readonly step: Step;
  /** The guard of each of the step's operations, in order. */
  readonly guards: readonly Guard[];
}

/** The guarded tear-down grouped into steps as `down` groups it, each op with its guard. */
function downSteps(record: LabRecord): DownStep[] {
  const guarded = teardownOps(record);
  const guardOf = new Map<Op, Guard>(guarded.map((g: GuardedOp) => [g.op, g.when]));
  return steps(guarded.map((g) => g.op)).map((step) => ({
    step,
    guards: step.ops.map((op) => {
      const g = guardOf.get(op);
      if (!g) throw new Error("internal: an unguarded tear-down operation");
      return g;
    }),
  }));
}

/** The guard as a shell test. */
function guardTest(g: Guard): string {
  switch (g.kind) {
    case "always":
      return "true";
    case "netns":
      return `[ -e ${q(netnsPath(g.name))} ]`;
    case "host-iface":
      return `iface_ours ${q(g.name)} ${q(g.mark)}`;
    case "host-table":
      // A table is loaded whole with its comment: the mark in its listing makes it the lab's.
      return `nft list table ${q(g.family)} ${q(g.name)} 2>/dev/null | grep -qF ${q(`comment "${g.mark}"`)}`;
    default:
      return assertNever(g);
  }
}

function downSection(down: readonly DownStep[]): string {
  const out = [
    "",
    "# ---- down: what the lab owns and still exists ----------------------------------------",
    "#",
    "# Host interfaces first (so they are gone when `down` returns), then the namespaces and",
    "# everything in them. Each object is deleted only if it exists (and, on the host, carries",
    "# the lab's mark); a batch keeps going past a failing line (-force). Also the rollback of",
    "# a failed `up`, which created all of it. Sets $removed; false when a deletion failed.",
    "",
    "down_plan() {",
    "  removed=0",
    "  ok=0",
  ];
  for (const { step, guards } of down) {
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
      if (batch) out.push(`  if ${guardTest(guard)}; then queue ${q((one.stdin ?? "").slice(0, -1))}; fi`);
      else {
        out.push(`  if ${guardTest(guard)}; then`, "    removed=$((removed + 1))");
        out.push(...withStdin(`    ${one.argv.map(q).join(" ")}`, one.stdin, " || ok=1"), "  fi");
      }
    });
    if (batch) out.push(`  flush ${argv} || ok=1`);
  }
  out.push('  return "$ok"', "}");
  return out.join("\n");
}

// ---- status ---------------------------------------------------------------------------

function statusSection(record: LabRecord, expected: Map<string | null, Expected>): string {
  const out = [
    "",
    "# status_plan: every namespace's live interfaces and routes, checked against what the",
    "# plan creates (the same expectations as `opentop status`).",
    "status_plan() {",
  ];
  // One arm a interface: "NS DEV") the checks of its `ip -o link` line.
  const arms: string[] = [];
  const checks = (ns: string | null): string[] => {
    const ifaces = [...(expected.get(ns)?.ifaces ?? [])];
    const lines: string[] = [];
    for (const [dev, want] of ifaces) {
      const words = [
        ...(want.up ? ["up"] : []),
        ...(want.mtu !== undefined ? ["mtu", String(want.mtu)] : []),
        ...(want.mac !== undefined ? ["mac", want.mac] : []),
        ...(want.master !== undefined ? ["master", want.master] : []),
      ];
      arms.push(`    ${q(`${ns ?? ""} ${dev}`)}) ${["want_link", ...words.map(q)].join(" ")} ;;`);
      for (const a of want.addresses) lines.push(`    want_addr ${q(dev)} ${q(a)}`);
    }
    for (const r of expected.get(ns)?.routes ?? []) {
      if (r.kind !== "route.add") continue;
      const words = [
        r.metric !== undefined ? String(r.metric) : "",
        r.family === 4 ? "-4" : "-6",
        r.destination,
        ...(r.via !== undefined ? ["via", r.via] : []),
        ...(r.dev !== undefined ? ["dev", r.dev] : []),
      ];
      lines.push(`    want_route ${words.map(q).join(" ")}`);
    }
    return lines;
  };
  const devs = (ns: string | null) => [...(expected.get(ns)?.ifaces.keys() ?? [])].map(q).join(" ");
  for (const ns of record.namespaces) {
    const checked = checks(ns);
    const look = `look ${q(placeOf(record, ns))} ${q(ns)} ${q(netnsPath(ns))} ${devs(ns)}`;
    out.push(...(checked.length ? [`  if ${look}; then`, ...checked, "  fi"] : [`  ${look}`]));
  }
  if (record.hostIfaces.length) {
    const checked = checks(null);
    const look = `look_host ${devs(null)}`;
    out.push(...(checked.length ? [`  if ${look}; then`, ...checked, "  fi"] : [`  ${look}`]));
  }
  out.push(
    "}",
    "",
    "# link_of NS DEV: checks interface DEV of namespace NS (empty: the host) against the plan,",
    "# from its line of `ip -o link` ($line); false when the plan makes no such interface.",
    "link_of() {",
    '  case "$1 $2" in',
    ...arms,
    "    *) return 1 ;;",
    "  esac",
    "}",
  );
  return out.join("\n");
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

function planSection(plan: Plan): string {
  return [
    "",
    "# plan_text: what `up` runs, as `opentop plan` prints it.",
    "plan_text() {",
    `  printf '%s\\n' ${q(planText(plan, "up"))}`,
    "}",
  ].join("\n");
}

function commandsSection(
  record: LabRecord,
  lab: NonNullable<Compiled["lab"]>,
  plan: Plan,
  needs: Script["needs"],
): string {
  const ops = opsOf(plan.stages).length;
  const summary = `${lab.nodes.length} nodes, ${lab.switches.length} switches, ${lab.links.length} links (${ops} operations)`;
  const need = (list: readonly string[]) => list.map(q).join(" ");
  const help = [
    "",
    `Lab ${record.lab}: ${summary}.`,
    `  up      create it (needs root and ${needs.up.join(", ")})`,
    "  down    remove everything it created; also after a failed or interrupted up",
    "  status  its live state, and drift from its plan (exit status 1 on drift)",
    `  exec    run a command inside a node (${needs.exec.join(", ")})`,
    "  plan    print every operation that up runs, doing nothing",
  ].join("\n");
  return `
# ---- the commands ------------------------------------------------------------------

cmd_up() {
  if ! is_root; then
    error OT6006 'bringing a lab up needs root' \\
      'run this script as root (for example with sudo); it creates namespaces and interfaces'
    return 1
  fi
  need ${need(needs.up)} || return 1
  lock_take || return 1
  read_record
  case $rec_state in
    '') ;;
    up)
      error OT6001 "lab $LAB is already up" "run \\\`$SELF down\\\` first" "brought up $rec_since"
      return 1
      ;;
    creating)
      error OT6010 "lab $LAB was left half up by an interrupted run" \\
        "run \\\`$SELF down\\\` to remove what it created, then bring it up again" "that run started $rec_since"
      return 1
      ;;
    *)
      error OT6013 "the record of lab $LAB cannot be read" \\
        "inspect $RECORD; \\\`$SELF down\\\` removes the lab by its plan"
      return 1
      ;;
  esac
  if collisions; then return 1; fi
  created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  if ! write_record creating; then
    error OT6004 "cannot write the record $RECORD" 'nothing was created'
    return 1
  fi
  trap 'interrupted=1' INT TERM HUP
  if up_plan && [ "$interrupted" = 0 ] && write_record up; then
    echo ${q(`lab ${record.lab} is up: ${summary}`)}
    return 0
  fi
  if [ "$interrupted" = 1 ]; then
    error OT6004 "bringing lab $LAB up was interrupted"
  else
    error OT6004 "up failed at step $current" '' \\
      'the message above is the tool'\\''s own; in a batch, "-:N" is its line N, listed in this script'
  fi
  if down_plan; then
    rm -rf "$LAB_DIR"
    echo "rolled back: $removed objects removed, nothing is left" >&2
  else
    error OT6012 "rolling back lab $LAB did not finish" "run \\\`$SELF down\\\` to remove what is left"
  fi
  return 1
}

cmd_down() {
  if ! is_root; then
    error OT6006 'taking a lab down needs root' 'run this script as root'
    return 1
  fi
  need ${need(needs.down)} || return 1
  lock_take || return 1
  read_record
  case $rec_state in
    '' | unreadable) ;; # what to remove is this script's plan, as with \`opentop down FILE\`
    *)
      if [ "$rec_objects" != "$OBJECTS" ]; then
        error OT7002 "lab $LAB was brought up from another plan" \\
          "take it down with \\\`opentop down $LAB\\\`, or with the script built from its file" \\
          'its record lists other nodes, namespaces or host interfaces than this script'
        return 1
      fi
      ;;
  esac
  trap 'interrupted=1' INT TERM HUP # finish removing, then exit
  if ! down_plan; then
    error OT6004 "taking lab $LAB down did not finish" "the message above says why; run \\\`$SELF down\\\` again"
    return 1
  fi
  rm -rf "$LAB_DIR"
  if [ -z "$rec_state" ] && [ "$removed" = 0 ]; then
    echo "lab $LAB is not up: nothing to do"
  else
    echo "lab $LAB is down ($removed objects removed)"
  fi
}

cmd_status() {
  need ${need(needs.status)} || return 1
  read_record
  case $rec_state in
    '')
      error OT6007 "lab $LAB is not up" "bring it up with \\\`$SELF up\\\`"
      return 1
      ;;
    unreadable)
      error OT6013 "the record of lab $LAB cannot be read" "inspect $RECORD"
      return 1
      ;;
    up) echo "lab $LAB: up since $rec_since" ;;
    *) echo "lab $LAB: half up (interrupted) since $rec_since" ;;
  esac
  if [ "$rec_objects" != "$OBJECTS" ]; then
    error OT7002 "lab $LAB was brought up from another plan" \\
      "see \\\`opentop status $LAB\\\`, or the script built from its file" \\
      'its record lists other nodes, namespaces or host interfaces than this script'
    return 1
  fi
  status_plan
  if [ "$drift" = 0 ]; then
    echo 'no drift: the kernel matches the plan'
  else
    printf 'drift (%s):\\n%s' "$drift" "$drifts"
  fi
  [ "$drift" = 0 ] && [ "$rec_state" = up ]
}

cmd_exec() {
  if [ $# -lt 2 ]; then
    usage >&2
    return 2
  fi
  read_record
  if [ -z "$rec_state" ]; then
    error OT6007 "lab $LAB is not up" "bring it up with \\\`$SELF up\\\`"
    return 1
  fi
  exec_node "$@"
}

usage() {
  printf 'usage: %s up | down | status | exec NODE COMMAND [ARG]... | plan | --help\\n' "$SELF"
  printf '%s\\n' ${q(help)}
}

trap lock_release EXIT
case \${1-} in
  up | down | status | plan)
    if [ $# -ne 1 ]; then
      usage >&2
      exit 2
    fi
    case $1 in up) cmd_up ;; down) cmd_down ;; status) cmd_status ;; plan) plan_text ;; esac
    ;;
  exec)
    shift
    cmd_exec "$@"
    ;;
  -h | --help | help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
`;
}

// ---- the script's own machinery -------------------------------------------------------

const PRELUDE = `
# ---- the script's own machinery: messages, programs, the lock, the record -------------

interrupted=0
locked=0
me=
current=

# error CODE MESSAGE [HELP [NOTE]]: a diagnostic on stderr, in OpenTop's own format.
error() {
  printf 'error[%s]: %s\\n' "$1" "$2" >&2
  [ -z "\${4-}" ] || printf '  = note: %s\\n' "$4" >&2
  [ -z "\${3-}" ] || printf '  = help: %s\\n' "$3" >&2
}

# need PROGRAM...: true when every PROGRAM is on PATH; names each missing one, and why.
need() {
  missing=0
  for program in "$@"; do
    command -v "$program" >/dev/null 2>&1 && continue
    why "$program"
    error OT6005 "$program not found: $why" "install $package"
    missing=1
  done
  return "$missing"
}

# is_root: the effective user is root (read from /proc: \`id\` would be one more program).
is_root() {
  while read -r key _ effective _; do
    if [ "$key" = Uid: ]; then
      [ "$effective" = 0 ]
      return
    fi
  done </proc/self/status
  return 1
}

# step LABEL COMMAND [ARG]...: one process of the plan (its batch on stdin); LABEL names it
# in messages. Stops before starting when up was interrupted. What a step prints on its
# standard output (tee echoing a cgroup value) is not for the user, as with \`opentop up\`;
# its errors are.
step() {
  current=$1
  shift
  [ "$interrupted" = 0 ] || return 1
  "$@" >/dev/null
}

# queue LINE / flush COMMAND...: collect the lines of a batch, then run COMMAND on them.
batch=
queue() {
  batch=$batch$1$NL
  removed=$((removed + 1))
}
flush() {
  [ -n "$batch" ] || return 0
  printf '%s' "$batch" | "$@"
  status=$?
  batch=
  return "$status"
}

# proc_start PID: sets $start to the start time of process PID (field 22 of /proc/PID/stat);
# false when there is no such process.
proc_start() {
  start=
  stat=
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null
  [ -n "$stat" ] || return 1
  # The command name is in parentheses and may contain spaces: split after the last one.
  # shellcheck disable=SC2086 # splitting into fields is the point
  set -- \${stat##*')'}
  [ $# -ge 20 ] || return 1
  shift 19
  start=$1
}

# holder_alive HOLDER: the process PID:STARTTIME that holds a lock still runs.
holder_alive() {
  case \${1%%:*} in
    '' | *[!0-9]*) return 1 ;;
  esac
  proc_start "\${1%%:*}" && [ "$start" = "\${1#*:}" ]
}

# lock_take: the lab's lock, as OpenTop takes it: a symbolic link whose target names its
# holder (PID:STARTTIME). Creating it is atomic; a holder that died leaves a stale lock,
# which is taken over.
lock_take() {
  mkdir -p "$RUN_DIR" || return 1
  proc_start $$ || start=0
  me=$$:$start
  for _ in 1 2 3; do
    if ln -s "$me" "$LOCK" 2>/dev/null; then
      locked=1
      return 0
    fi
    holder=$(readlink "$LOCK" 2>/dev/null) || continue
    if holder_alive "$holder"; then
      error OT6009 "lab $LAB is busy: another OpenTop command is working on it" \\
        'wait for it to finish, then try again' "the lock is held by process \${holder%%:*}"
      return 1
    fi
    # A stale lock: its holder died without releasing it.
    [ "$(readlink "$LOCK" 2>/dev/null)" != "$holder" ] || rm -f "$LOCK"
  done
  error OT6009 "lab $LAB is busy: its lock $LOCK cannot be taken" 'try again'
  return 1
}

lock_release() {
  [ "$locked" = 1 ] || return 0
  locked=0
  [ "$(readlink "$LOCK" 2>/dev/null)" != "$me" ] || rm -f "$LOCK"
}

# read_record: the state, creation time and OBJECTS of the lab's record; state is empty
# when there is none, "unreadable" when it is not OpenTop's layout (one key a line).
read_record() {
  rec_state=
  rec_since=
  rec_objects=
  [ -e "$RECORD" ] || return 0
  objects=1
  while IFS= read -r line; do
    case $line in
      ' "state": "'*)
        rec_state=\${line#*': "'}
        rec_state=\${rec_state%%'"'*}
        ;;
      ' "createdAt": "'*)
        rec_since=\${line#*': "'}
        rec_since=\${rec_since%%'"'*}
        ;;
      ' "nodes": ['*) objects=0 ;;
      ' "ops": ['*) break ;;
    esac
    [ "$objects" = 1 ] || rec_objects=$rec_objects$line$NL
  done <"$RECORD"
  [ -n "$rec_state" ] || rec_state=unreadable
}

# write_record STATE: the record, written aside and renamed so that a reader never sees half.
write_record() {
  mkdir -p "$LAB_DIR" &&
    printf '%s' "$RECORD_HEAD" "$1" "$RECORD_CREATED" "$created" "$RECORD_BY" "$OBJECTS" "$RECORD_OPS" \\
      >"$LAB_DIR/.record.$$.tmp" &&
    mv -f "$LAB_DIR/.record.$$.tmp" "$RECORD"
}

# enter PROGRAM [ARG]... -- COMMAND...: a node's entering command, in place of this shell,
# once the namespace files it names (--net=PATH and the like) exist.
enter() {
  for arg in "$@"; do
    case $arg in
      --) break ;;
      --*=/*)
        [ -e "\${arg#*=}" ] && continue
        error OT6008 "node $node of lab $LAB has no namespace (\${arg#*=} is gone)" \\
          "\\\`$SELF status\\\` shows what is missing; \\\`$SELF down\\\` and \\\`$SELF up\\\` rebuild it"
        return 1
        ;;
    esac
  done
  need "$1" || return 1
  OPENTOP_LAB=$LAB
  OPENTOP_NODE=$node
  export OPENTOP_LAB OPENTOP_NODE
  exec "$@"
}`;

const TAKEN_NETNS = `
# taken_netns PATH: the namespace exists already (and then says so).
taken_netns() {
  [ -e "$1" ] || return 1
  error OT6002 "network namespace \${1##*/} already exists" \\
    "choose another lab name, or remove the namespace if it is yours (ip netns del \${1##*/})" \\
    'OpenTop never reuses or removes a namespace it did not create'
}`;

const TAKEN_IFACE = `
# taken_iface DEV: the host interface exists already (and then says so).
taken_iface() {
  [ -e "/sys/class/net/$1" ] || return 1
  error OT6003 "interface $1 already exists on the host" \\
    'give this link another host-name, or remove the interface if it is yours'
}`;

const IFACE_OURS = `
# iface_ours NAME MARK: host interface NAME exists and carries MARK, or no mark at all (the
# run that created it died before marking it; the record proves it is the lab's).
iface_ours() {
  [ -e "/sys/class/net/$1" ] || return 1
  mark=
  { read -r mark <"/sys/class/net/$1/ifalias"; } 2>/dev/null
  [ -z "$mark" ] || [ "$mark" = "$2" ]
}`;

const STATUS_PRELUDE = `
# ---- status: the live state, and drift from the plan -----------------------------------
#
# One \`ip -batch\` a namespace reads its interfaces, addresses and IPv4 routes (a process
# is what costs), and its lines are read once: matching patterns against all of it would
# take time quadratic in its size (a switch with hundreds of ports).

drift=0
drifts=
ns=
nspath=

# ipn ARG...: ip in the namespace being looked at ($nspath; empty for the host's), entered
# as every step enters one: \`ip -n\` would also copy the machine's mounts (one per namespace)
# on each call, which makes a large lab's status quadratic.
ipn() {
  if [ -n "$nspath" ]; then nsenter --net="$nspath" ip "$@"; else ip "$@"; fi
}

# drift KIND WHAT: one difference between the kernel and the plan.
drift() {
  drift=$((drift + 1))
  drifts=$drifts$(printf '  %-7s %s (in %s)' "$1" "$2" "\${ns:-the host}")$NL
}

# look TITLE NS PATH DEV...: show a namespace's interfaces, addresses and routes, and check
# them: every interface as the plan made it (link_of), each DEV present, and no other in a
# namespace of the lab's own. Keeps the addresses as " DEV=CIDR ..." in $have for
# want_addr. False (and drift) when the namespace is missing.
look() {
  printf '%s\\n' "$1"
  ns=$2
  nspath=$3
  shift 2
  if [ ! -e "$1" ]; then
    echo '  missing'
    drift missing "namespace $ns"
    return 1
  fi
  shift
  inspect "$@" <<'EOF'
link show
address show
route show proto boot
EOF
  ipn -6 route show proto boot | while IFS= read -r line; do echo "  route $line"; done
}

# look_host DEV...: the same for the lab's interfaces on the host (DEV only).
look_host() {
  echo 'host'
  ns=
  nspath=
  inspect "$@" <<'EOF'
link show
address show
EOF
}

# inspect DEV...: runs the batch on stdin in the namespace, then checks and shows (on the
# host, only DEV...) what it printed.
inspect() {
  seen=' '
  have=' '
  shown=
  routes=
  text=$(ipn -o -batch -)
  while IFS= read -r line; do
    case $line in
      [0-9]*': '*': <'*) link_line "$line" ;;
      [0-9]*': '*) addr_line "$line" ;;
      ?*) routes="$routes  route $line$NL" ;;
    esac
  done <<EOF
$text
EOF
  for dev in "$@"; do
    case $seen in *" $dev "*) ;; *) drift missing "interface $dev" ;; esac
  done
  # One line an interface: its name, whether it is up, and its addresses or its bridge.
  while read -r dev state extra; do
    [ -n "$dev" ] || continue
    if [ -z "$extra" ]; then
      # shellcheck disable=SC2086 # its words (nothing here expands file names)
      for a in $have; do
        case $a in "$dev="*) extra="$extra \${a#*=}" ;; esac
      done
    fi
    printf '  %-16s %-5s%s\\n' "$dev" "$state" "$extra"
  done <<EOF
$shown
EOF
  printf '%s' "$routes"
}

# link_line LINE: a line of \`ip -o link\` (N: DEV[@PEER]: <FLAGS> mtu M ... state S ...).
link_line() {
  line=\${1#*: }
  dev=\${line%%: *}
  dev=\${dev%@*}
  line=" $line "
  seen="$seen$dev "
  if ! link_of "$ns" "$dev"; then
    [ -n "$ns" ] || return 0 # on the host, only the lab's interfaces count
    drift extra "interface $dev"
  fi
  flags=\${line#*<}
  case ,\${flags%%>*}, in
    *,UP,*) state=up ;;
    *) state=down ;;
  esac
  case $line in
    *" master "*)
      master=\${line#*" master "}
      shown="$shown$dev $state (port of \${master%% *})$NL"
      ;;
    *) shown="$shown$dev $state$NL" ;;
  esac
}

# addr_line LINE: a line of \`ip -o addr\` (N: DEV inet|inet6 CIDR ... scope S ...); only
# the addresses of global scope are the lab's, as in \`opentop status\`.
addr_line() {
  case $1 in *" scope global "*) ;; *) return 0 ;; esac
  # shellcheck disable=SC2086 # the line's words (nothing here expands file names)
  set -- $1
  have="$have\${2%@*}=$4 "
}

# want_link [up] [mtu N] [mac MAC] [master BRIDGE]: interface $dev (its \`ip -o link\` line
# is $line) is as the plan made it.
want_link() {
  while [ $# -gt 0 ]; do
    case $1 in
      up)
        flags=\${line#*<}
        case ,\${flags%%>*}, in
          *,UP,*) ;;
          *) drift changed "interface $dev is down" ;;
        esac
        ;;
      mtu | mac)
        key=$1
        [ "$key" = mtu ] || key=link/ether
        case $line in
          *" $key $2 "*) ;;
          *)
            got=\${line#*" $key "}
            [ "$got" != "$line" ] || got=none
            [ "$1" = mtu ] && what=MTU || what=MAC
            drift changed "interface $dev has $what \${got%% *}, not $2"
            ;;
        esac
        shift
        ;;
      master)
        case $line in
          *" master $2 "*) ;;
          *) drift changed "port $dev is not in bridge $2" ;;
        esac
        shift
        ;;
    esac
    shift
  done
}

# want_addr DEV CIDR: DEV has the address.
want_addr() {
  case $have in
    *" $1=$2 "*) ;;
    *) drift missing "address $2 on $1" ;;
  esac
}

# want_route METRIC FAMILY DESTINATION [via GATEWAY] [dev DEV]: the route exists.
want_route() {
  metric=$1
  family=$2
  destination=$3
  shift 3
  got=$(ipn "$family" route show exact "$destination" "$@")
  if [ -n "$got" ]; then
    [ -n "$metric" ] || return 0
    case " $got " in *" metric $metric "*) return 0 ;; esac
  fi
  drift missing "route $destination\${1:+ $*}"
}`;
