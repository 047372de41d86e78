// Plans for people (`opentop plan`) and for tools (`opentop plan --json`).

import { position, type Span } from "../diagnostics/source.js";
import { describe, type Op, scriptOf, wordsOf } from "../plan/ops.js";
import { command, type Plan, type Step } from "../plan/plan.js";
import { shellQuote } from "./quote.js";

export function origin(span: Span | undefined): string | undefined {
  if (!span) return undefined;
  const p = position(span.file, span.start);
  return `${span.file.path}:${p.line}:${p.column}`;
}

export function planText(plan: Plan, which: "up" | "down" = "up"): string {
  const stages = which === "up" ? plan.stages : plan.teardown;
  const count = stages.reduce((n, s) => n + s.steps.reduce((m, st) => m + st.ops.length, 0), 0);
  const processes = stages.reduce((n, s) => n + s.steps.length, 0);
  const out = [`# lab ${plan.lab}: ${which}, ${count} operations in ${processes} processes`];
  stages.forEach((stage, i) => {
    out.push(
      "",
      `# stage ${i + 1}: ${stage.name}${stage.steps.length > 1 ? " (steps run concurrently)" : ""}`,
    );
    for (const step of stage.steps) out.push(...stepText(step));
  });
  return out.join("\n");
}

function stepText(step: Step): string[] {
  const cmd = command(step);
  const out = [cmd.argv.map(shellQuote).join(" ")];
  const width = Math.max(...step.ops.map((op) => wordsOf(op).join(" ").length));
  for (const op of step.ops) {
    const from = origin(op.origin);
    const script = scriptOf(op);
    if (script !== undefined) {
      // A script (an nft table, an iptables-restore file) is shown whole, as the tool reads it.
      if (from) out.push(`    # ${from}`);
      out.push(
        ...script
          .replace(/\n$/, "")
          .split("\n")
          .map((line) => `    ${line}`),
      );
      continue;
    }
    const text = wordsOf(op).join(" ");
    out.push(`    ${from ? `${text.padEnd(width)}  # ${from}` : text}`);
  }
  return out;
}

export function opJson(op: Op): object {
  const { origin: span, ...rest } = op;
  const from = origin(span);
  return { ...rest, describe: describe(op), ...(from ? { origin: from } : {}) };
}

export function planJson(plan: Plan): object {
  const stages = (list: Plan["stages"]) =>
    list.map((stage) => ({
      name: stage.name,
      steps: stage.steps.map((step) => {
        const cmd = command(step);
        return {
          tool: step.tool,
          ns: step.ns,
          argv: cmd.argv,
          ...(cmd.stdin !== undefined ? { stdin: cmd.stdin } : {}),
          ops: step.ops.map(opJson),
        };
      }),
    }));
  return { lab: plan.lab, up: stages(plan.stages), down: stages(plan.teardown) };
}
