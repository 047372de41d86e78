// A plan: stages run in order; the steps of a stage are independent of each other and may
// run concurrently; a step is one process (one `ip -batch`, one `sysctl -w`) and holds
// the operations it performs, in order.

import type { NodeRuntime } from "./isolation.js";
import { inputOf, type Ns, type Op, type Tool, toolOf, whereOf, wordsOf } from "./ops.js";

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

/** The netns file a namespace is entered by. */
export function netnsPath(ns: string): string {
  return `/run/netns/${ns}`;
}

export interface Command {
  readonly argv: readonly string[];
  /** Text for the process's standard input (the lines of a batch). */
  readonly stdin?: string;
}

/**
 * The exact process a step runs. `ip -n` enters the namespace itself; other tools are
 * entered with nsenter (one setns, no /sys remount, so the cost does not grow with the
 * number of namespaces on the machine, unlike `ip netns exec`).
 */
export function command(step: Step, options: { force?: boolean } = {}): Command {
  switch (step.tool) {
    case "ip": {
      const argv = [
        "ip",
        ...(step.ns === null ? [] : ["-n", step.ns]),
        ...(options.force ? ["-force"] : []),
        "-batch",
        "-",
      ];
      return { argv, stdin: step.ops.map((op) => `${batchLine(wordsOf(op))}\n`).join("") };
    }
    case "sysctl": {
      const args = ["sysctl", "-q", "-w", ...step.ops.flatMap(wordsOf)];
      return { argv: step.ns === null ? args : ["nsenter", `--net=${netnsPath(step.ns)}`, "--", ...args] };
    }
    case "exec": {
      const [op, ...more] = step.ops;
      if (!op || more.length) throw new Error("internal: an exec step holds one operation");
      const input = inputOf(op);
      return { argv: wordsOf(op), ...(input !== undefined ? { stdin: input } : {}) };
    }
  }
}

/** A line of an `ip -batch` file. Every word is from the safe character set; this checks it. */
export function batchLine(words: readonly string[]): string {
  for (const w of words)
    if (!/^[A-Za-z0-9_.:/,+%@=-]+$/.test(w))
      throw new Error(`internal: unsafe word in a batch line: ${JSON.stringify(w)}`);
  return words.join(" ");
}
