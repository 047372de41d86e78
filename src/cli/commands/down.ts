// `opentop down LAB|FILE`: remove everything the lab created; idempotent. A lab brought up on
// several machines is taken down on each, over ssh, and reported per machine.

import { closest, DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import { type LabRecord, recordOf } from "../../plan/record.js";
import { counted } from "../../plural.js";
import { down as takeDown } from "../../runtime/lifecycle.js";
import { lowerHere } from "../../runtime/platform.js";
import { listLabs } from "../../runtime/record.js";
import { readSpan } from "../../runtime/span.js";
import { downAcross } from "../across.js";
import { type Parsed, parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import type { Io } from "../io.js";
import { machineOption } from "../machine-option.js";
import { progress } from "../progress.js";
import { onInterrupt } from "../signals.js";
import { SPEC, usageOf } from "../spec.js";
import { labTarget, type Target } from "../target.js";

const spec = SPEC.down;
const usage = usageOf(spec);

export const down: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const target = labTarget(p, usage, true);
    const compiled = target.compiled;
    const asked = compiled?.lab ? machineOption(p.values, compiled.lab) : localMachine(p, target);
    const across =
      asked === undefined && (readSpan(target.lab) !== undefined || !!compiled?.lab?.machines.length);
    if (across) return downOnMachines(target, p, io);
    return downHere(target, asked, p, io);
  },
};

/** `--machine NAME` with a lab's name: the part this machine holds must be NAME's. */
function localMachine(p: Parsed, target: Target): string | undefined {
  const v = p.values.machine;
  if (typeof v !== "string") return undefined;
  const held = target.record?.machine;
  if (target.record && held !== v)
    throw new DiagnosticError(
      diag(
        "OT6045",
        `this machine holds ${held !== undefined ? `machine ${held}'s part` : "all"} of lab ${target.lab}, not machine ${v}'s`,
        {
          help: `run \`opentop down ${target.lab}\`${held !== undefined ? ` (or \`--machine ${held}\`)` : ""} here, and \`--machine ${v}\` on machine ${v}`,
        },
      ),
    );
  return v;
}

/** This machine's lab, or its part of a lab on several machines. */
async function downHere(target: Target, machine: string | undefined, p: Parsed, io: Io): Promise<number> {
  const started = performance.now();
  const compiled = target.compiled;
  const fallback = planOfFile(target, machine);
  const shown = progress(io, `taking ${target.lab} down`, p.format === "pretty");
  const unhandle = finishing(io, () => shown.end());
  shown.phase("reading its record");
  let outcome: Awaited<ReturnType<typeof takeDown>>;
  try {
    outcome = await takeDown(target.lab, {
      ...(fallback ? { fallback } : {}),
      onStages: (stages) => shown.start(stages),
      onStep: (step) => shown.step(step),
    });
  } finally {
    shown.end();
    unhandle();
  }
  const seconds = (performance.now() - started) / 1000;
  if (!outcome.ok) throw new DiagnosticError(outcome.diagnostics);
  const part = target.record?.machine ?? machine;
  const others = (target.record?.machines ?? []).filter((m) => m.name !== part).map((m) => m.name);
  if (p.format === "json")
    io.out(
      JSON.stringify({
        ok: true,
        lab: target.lab,
        ...(part !== undefined ? { machine: part } : {}),
        removed: outcome.removed,
        seconds: Number(seconds.toFixed(3)),
      }),
    );
  else {
    // Nothing of that name: perhaps a typo for a lab that is up.
    const guess =
      !compiled && outcome.removed === 0
        ? closest(
            target.lab,
            listLabs().filter((l) => l !== target.lab),
          )
        : undefined;
    io.out(
      outcome.message
        ? `${outcome.message}${guess ? ` (did you mean \`${guess}\`?)` : ""}`
        : `lab ${target.lab}${part !== undefined ? `'s part on machine ${part}` : ""} is down (${counted(outcome.removed, "object")} removed, ${seconds.toFixed(2)} s)`,
    );
    if (others.length)
      io.err(
        `its other machines hold their parts: ${others.join(", ")} (\`opentop down ${target.lab}\` on the machine that brought it up, or \`--machine NAME\` on each)`,
      );
  }
  return EXIT.ok;
}

/** Every machine of the lab, over ssh. */
async function downOnMachines(target: Target, p: Parsed, io: Io): Promise<number> {
  const started = performance.now();
  const compiled = target.compiled?.lab ? { ...target.compiled, lab: target.compiled.lab } : undefined;
  const unhandle = finishing(io);
  let result: Awaited<ReturnType<typeof downAcross>>;
  try {
    result = await downAcross(target.lab, compiled);
  } finally {
    unhandle();
  }
  const seconds = (performance.now() - started) / 1000;
  const machines = result.runs.map((r) => ({
    machine: r.machine,
    ok: r.ok,
    said: r.result.stdout.trim().split("\n").at(-1) ?? "",
  }));
  if (p.format === "json")
    io.out(JSON.stringify({ ok: result.ok, lab: target.lab, machines, seconds: Number(seconds.toFixed(3)) }));
  else for (const m of machines) io.out(`${m.machine}: ${m.said || (m.ok ? "down" : "failed")}`);
  if (!result.ok) throw new DiagnosticError(result.diagnostics);
  if (p.format !== "json")
    io.out(`lab ${target.lab} is down on ${counted(machines.length, "machine")} (${seconds.toFixed(2)} s)`);
  return EXIT.ok;
}

/**
 * Taking a lab down is not left half-way: a Ctrl-C (or a closed terminal) waits for it to
 * finish. Returns what stops waiting.
 */
function finishing(io: Io, before: () => void = () => {}): () => void {
  return onInterrupt(() => {
    before();
    io.err("opentop: finishing taking the lab down (it is not left half-way)");
  });
}

/**
 * Given a lab file: with the record gone (or unreadable), the file's own plan (of `machine`'s
 * part, for a lab on several machines) says what to look for; with a record, the file must be
 * the one the lab was brought up from — `down FILE` never takes down a lab of the same name
 * that another file brought up.
 */
function planOfFile(target: Target, machine: string | undefined): LabRecord | undefined {
  const compiled = target.compiled;
  if (!compiled?.lab) return undefined;
  const mine = recordOf(
    compiled,
    lowerHere(compiled.lab, machine !== undefined ? { machine } : {}),
    "cli",
    "",
  );
  const up = target.record;
  if (!up) return mine;
  const same =
    up.plan !== "" ? up.plan === mine.plan : JSON.stringify(up.owned) === JSON.stringify(mine.owned);
  if (same) return undefined;
  throw new DiagnosticError(
    diag("OT6019", `lab ${target.lab} is up from another file, or from another version of this one`, {
      notes: [
        `it was brought up ${up.createdAt} from ${up.file}; the plan of ${compiled.file.path} differs from the one it runs`,
      ],
      help: `take it down by its name, whatever its file: \`opentop down ${target.lab}\``,
    }),
  );
}
