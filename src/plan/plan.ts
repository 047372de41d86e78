// A plan: stages run in order; the steps of a stage are independent of each other and may
// run concurrently; a step is one process (one `ip -batch`, one `sysctl -w`) and holds
// the operations it performs, in order.

import { assertNever } from "../never.js";
import { inNetns, type NodeRuntime } from "./enter.js";
import { type Ns, type Op, programsOf, scriptOf, type Tool, toolOf, whereOf, wordsOf } from "./ops.js";
import { type Program, programsOfArgv } from "./programs.js";

export interface Step {
  readonly tool: Tool;
  /** Where the process runs: a namespace, or null for the host's. */
  readonly ns: Ns;
  readonly ops: readonly Op[];
}

export interface Stage {
  readonly name: string;
  readonly steps: readonly Step[];
}

export interface Plan {
  readonly lab: string;
  readonly stages: readonly Stage[];
  /** What `down` runs: every inverse of `stages`, newest first. */
  readonly teardown: readonly Stage[];
  /** How to enter each node that isolates more than its network, or runs services (for the record). */
  readonly nodes?: Readonly<Record<string, NodeRuntime>>;
}

/** Every operation of the stages, in the order they run (within a stage, step by step). */
export function opsOf(stages: readonly Stage[]): Op[] {
  return stages.flatMap((s) => s.steps.flatMap((st) => st.ops));
}

/** Groups operations into steps: consecutive operations with the same tool and place share one. */
export function steps(ops: readonly Op[]): Step[] {
  const out: { tool: Tool; ns: Ns; ops: Op[] }[] = [];
  for (const op of ops) {
    const tool = toolOf(op);
    const ns = whereOf(op);
    const last = out.at(-1);
    // An `exec` operation is a process of its own.
    if (last && tool !== "exec" && last.tool === tool && last.ns === ns) last.ops.push(op);
    else out.push({ tool, ns, ops: [op] });
  }
  return out;
}

export interface Command {
  readonly argv: readonly string[];
  /** Text for the process's standard input (the lines of a batch). */
  readonly stdin?: string;
  /**
   * Every program the process runs, argv[0] first (nsenter, then the tool it enters with):
   * what a machine must have for this step, for `up`'s preflight and the script's check.
   */
  readonly programs: readonly Program[];
}

/** A command with the programs its argv runs, derived from the argv itself. */
function withPrograms(cmd: { argv: string[]; stdin?: string }): Command {
  return { ...cmd, programs: programsOfArgv(cmd.argv) };
}

/** The exact process a step runs. */
export function command(step: Step, options: { force?: boolean } = {}): Command {
  switch (step.tool) {
    case "ip":
      return withPrograms({
        argv: inNetns(step.ns, ["ip", ...(options.force ? ["-force"] : []), "-batch", "-"]),
        stdin: step.ops.map((op) => `${batchLine(wordsOf(op))}\n`).join(""),
      });
    case "sysctl":
      return withPrograms({ argv: inNetns(step.ns, ["sysctl", "-q", "-w", ...step.ops.flatMap(wordsOf)]) });
    // One script on standard input, one transaction: a table is loaded whole or not at all.
    case "nft":
      return withPrograms({ argv: inNetns(step.ns, ["nft", "-f", "-"]), stdin: scripts(step) });
    case "iptables":
    case "ip6tables":
      // -w: iptables-legacy serialises on one lock for the whole machine; wait for it
      // rather than fail when the steps of a stage run concurrently.
      return withPrograms({ argv: inNetns(step.ns, [`${step.tool}-restore`, "-w"]), stdin: scripts(step) });
    case "exec": {
      // One operation, the whole argv; a snippet's own programs come from its spec.
      const [op, ...more] = step.ops;
      if (!op || more.length) throw new Error("internal: an exec step holds one operation");
      const script = scriptOf(op);
      const argv = wordsOf(op);
      return {
        argv,
        ...(script !== undefined ? { stdin: script } : {}),
        programs: programsOfArgv(argv, programsOf(op)),
      };
    }
    default:
      return assertNever(step.tool);
  }
}

function scripts(step: Step): string {
  return step.ops.map((op) => scriptOf(op) ?? "").join("");
}

/** A line of an `ip -batch` file. Every word is from the safe character set; this checks it. */
export function batchLine(words: readonly string[]): string {
  for (const w of words)
    if (!/^[A-Za-z0-9_.:/,+%@=-]+$/.test(w))
      throw new Error(`internal: unsafe word in a batch line: ${JSON.stringify(w)}`);
  return words.join(" ");
}

/** Programs the stages run, each once, in the order they are first needed. */
export function programsOfStages(stages: readonly Stage[]): Program[] {
  const out = new Set<Program>();
  for (const stage of stages)
    for (const step of stage.steps) for (const p of command(step).programs) out.add(p);
  return [...out];
}

/** Programs `up` needs: its own and those of the tear-down that rolls it back. */
export function programsNeeded(plan: Plan): Program[] {
  return [...new Set([...programsOfStages(plan.stages), ...programsOfStages(plan.teardown)])];
}
