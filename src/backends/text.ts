// Plans for people (`opentop plan`) and for tools (`opentop plan --json`).

import { location, type Span } from "../diagnostics/source.js";
import type { Lab } from "../model/model.js";
import type { ChangeKind, Diff } from "../plan/diff.js";
import { describe, type Op, scriptOf, wordsOf } from "../plan/ops.js";
import { argvOf, command, opCount, type Plan, readsInput, type Step } from "../plan/plan.js";
import { shellQuote } from "../plan/quote.js";
import { SNIPPET_NAMES } from "../plan/snippets.js";
import { counted } from "../plural.js";

/** A lab's size for people: `3 nodes, 1 switch, 3 links`. */
export function labSize(lab: Lab): string {
  return [
    counted(lab.nodes.length, "node"),
    counted(lab.switches.length, "switch", "switches"),
    counted(lab.links.length, "link"),
  ].join(", ");
}

/** Where an operation comes from, when it has a statement. */
export function origin(span: Span | undefined): string | undefined {
  return span ? location(span) : undefined;
}

/** A plan's text for people: `writePlansText` of the one plan, whole. */
export function planText(plan: Plan, which: "up" | "down" = "up"): string {
  const pieces: string[] = [];
  writePlansText([plan], which, (piece) => pieces.push(piece));
  return pieces.join("");
}

/**
 * Plans' texts for people, each after a blank line, handed to `write` in pieces of whole
 * lines as they are made. `opentop plan` writes each piece at once: a large lab's plan is
 * megabytes, which held whole would be copied once more to join it and encoded in one go to
 * write it. Every piece but the last ends with its line break, so a writer that adds one to
 * a text without (`Io.out`) adds it only after the last, as it would to the whole text.
 */
export function writePlansText(
  plans: readonly Plan[],
  which: "up" | "down",
  write: (piece: string) => void,
): void {
  const out = new Pieces(write);
  plans.forEach((plan, i) => {
    if (i > 0) out.push("");
    planLines(plan, which, out);
  });
  out.end();
}

/** Lines handed on in pieces of about `PIECE` characters; every piece but the last ends with a line break. */
class Pieces {
  private lines: string[] = [];
  private size = 0;

  constructor(private readonly write: (piece: string) => void) {}

  /** A line (or several, joined): the lines before it go on when it comes, so the last waits for `end`. */
  push(line: string): void {
    if (this.size >= PIECE) {
      this.lines.push("");
      this.write(this.lines.join("\n"));
      this.lines = [];
      this.size = 0;
    }
    this.lines.push(line);
    this.size += line.length;
  }

  end(): void {
    if (this.lines.length) this.write(this.lines.join("\n"));
  }
}

/** About 64 KB: few enough writes for a plan of megabytes, small enough to die young. */
const PIECE = 1 << 16;

/** What a plan's text is added to, a line (or several, joined) at a time. */
interface Lines {
  push(line: string): void;
}

function planLines(plan: Plan, which: "up" | "down", out: Lines): void {
  const stages = which === "up" ? plan.stages : plan.teardown;
  const processes = stages.reduce((n, s) => n + s.steps.length, 0);
  const on = plan.machine !== undefined ? ` on machine ${plan.machine}` : "";
  out.push(
    `# lab ${plan.lab}${on}: ${which}, ${counted(opCount(stages), "operation")} in ${counted(processes, "process", "processes")}`,
  );
  const programs = new Set<string>();
  stages.forEach((stage, i) => {
    out.push("");
    out.push(`# stage ${i + 1}: ${stage.name}${stage.steps.length > 1 ? " (steps run concurrently)" : ""}`);
    // Each step's lines handed on as they are made (`out` joins and writes them in pieces): a
    // plan has hundreds of thousands, which would otherwise all live until the end (and be
    // copied by the collector).
    for (const step of stage.steps) stepText(step, programs, out);
  });
  if (programs.size) {
    out.push("");
    out.push("# the sh programs above, shown as <NAME> (src/plan/snippets.ts):");
    for (const [text, name] of SNIPPET_NAMES) if (programs.has(text)) out.push(`#   <${name}> = ${text}`);
  }
}

/** An `exec` step's text: its argv once (constant sh programs by name), what it does, where from. */
function execText(step: Step, programs: Set<string>, out: Lines): void {
  const lines: string[] = [];
  const cmd = command(step);
  const words = cmd.argv.map((w) => {
    const name = SNIPPET_NAMES.get(w);
    if (name === undefined) return shellQuote(w);
    programs.add(w);
    return `<${name}>`;
  });
  const op = step.ops[0];
  const from = origin(op?.origin);
  lines.push(words.join(" "));
  if (cmd.stdin !== undefined) lines.push(`    <<< ${cmd.stdin.trimEnd()}`);
  lines.push(`    # ${op ? describe(op) : ""}${from ? `  (${from})` : ""}`);
  out.push(lines.join("\n"));
}

/**
 * A step's text, added to `out` line by line: its command, then one line per operation with
 * the statement it came from: batch lines for `ip -batch -`, scripts whole, or the arguments
 * of tools that take them as argv.
 */
function stepText(step: Step, programs: Set<string>, out: Lines): void {
  if (step.tool === "exec") {
    execText(step, programs, out);
    return;
  }
  const { ops } = step;
  // Each operation's words joined at once: a step holds up to tens of thousands, whose word
  // lists would otherwise all live until the step's text is made.
  const lines: string[] = [];
  let args = 0;
  let width = 0;
  for (const op of ops) {
    const words = wordsOf(op);
    const line = words.join(" ");
    args += words.length;
    width = Math.max(width, line.length);
    lines.push(line);
  }
  const argv = argvOf(step);
  const input = readsInput(step);
  // Arguments of the tool itself (sysctl KEY=VALUE…): the command with `…`, then one per line.
  // Each line goes to `out` as it is made, not joined into the step's text first: `out`
  // joins its pieces anyway, and a copy of every step's text cost more than the lines.
  out.push(input ? quoted(argv, argv.length) : `${quoted(argv, argv.length - args)} …`);
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as Op;
    const script = input ? scriptOf(op) : undefined;
    if (script === undefined) {
      out.push(opLine(lines[i] ?? "", width, op));
      continue;
    }
    // A script (an nft table, an iptables-restore file) is shown whole, as the tool reads it.
    const from = origin(op.origin);
    if (from) out.push(`    # ${from}`);
    for (const line of script.replace(/\n$/, "").split("\n")) out.push(`    ${line}`);
  }
}

/** The first `n` words of an argv, quoted for sh, as one line. */
function quoted(argv: readonly string[], n: number): string {
  return (n < argv.length ? argv.slice(0, n) : argv).map(shellQuote).join(" ");
}

/** An operation's line, indented, and the statement it came from in a column `width` on. */
function opLine(line: string, width: number, op: Op): string {
  const from = origin(op.origin);
  return from ? `    ${line}${spaces(width - line.length)}  # ${from}` : `    ${line}`.trimEnd();
}

/**
 * `n` spaces, made once for each `n`: a plan's lines are padded to their step's widest,
 * and appended to, not copied (`padEnd` copies the line).
 */
const SPACES: string[] = [];
function spaces(n: number): string {
  const made = SPACES[n] ?? " ".repeat(n);
  SPACES[n] = made;
  return made;
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
  return {
    lab: plan.lab,
    ...(plan.machine !== undefined ? { machine: plan.machine } : {}),
    up: stages(plan.stages),
    down: stages(plan.teardown),
  };
}

const SIGN: { readonly [K in ChangeKind]: string } = { add: "+", remove: "-", update: "~", recreate: "!" };

/** What `apply` changes, for people: one line a change, what forced it, then the count. */
export function diffText(diff: Diff, lab: string): string {
  if (diff.changes.length === 0)
    return `# lab ${lab}: no change (${counted(diff.unchanged, "operation")} as they are)`;
  const out = [`# lab ${lab}: ${diffSummary(diff)}`];
  const byKey = new Map(diff.changes.map((c) => [c.key, c]));
  for (const c of diff.changes) {
    const op = c.to ?? c.from;
    if (!op) continue;
    // A removed object is in the file as it was (the record says where), not in the new one.
    const from = c.to ? origin(op.origin) : c.was !== undefined ? `was ${c.was}` : undefined;
    const cause = c.because !== undefined ? byKey.get(c.because) : undefined;
    const why = cause ? `  (with: ${describe((cause.from ?? cause.to) as Op)})` : "";
    out.push(`${SIGN[c.kind]} ${describe(op)}${why}${from ? `  # ${from}` : ""}`);
  }
  return out.join("\n");
}

const VERBS: { readonly [K in ChangeKind]: readonly [string, string] } = {
  add: ["to add", "added"],
  update: ["to change in place", "changed in place"],
  recreate: ["to make again", "made again"],
  remove: ["to remove", "removed"],
};

/** `2 to add, 1 to change in place; 40 unchanged` (`done`: `2 added, …`). */
export function diffSummary(diff: Diff, done = false): string {
  const parts = (Object.keys(VERBS) as ChangeKind[]).flatMap((k) => {
    const n = diff.changes.filter((c) => c.kind === k).length;
    return n ? [`${n} ${VERBS[k][done ? 1 : 0]}`] : [];
  });
  return `${parts.join(", ")}; ${diff.unchanged} unchanged`;
}

/** The same for tools: each change with its kind, key, operations and cause. */
export function diffJson(diff: Diff): object {
  return {
    changes: diff.changes.map((c) => ({
      kind: c.kind,
      key: c.key,
      describe: describe((c.to ?? c.from) as Op),
      ...(c.from ? { from: opJson(c.from) } : {}),
      ...(c.to ? { to: opJson(c.to) } : {}),
      ...(c.because !== undefined ? { because: c.because } : {}),
      ...(c.was !== undefined ? { was: c.was } : {}),
    })),
    unchanged: diff.unchanged,
  };
}
