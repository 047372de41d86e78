// `opentop down LAB|FILE`: remove everything the lab created; idempotent (the API's `down`).
// A lab brought up on several machines is taken down on each, over ssh, and reported per
// machine; with `--machine NAME`, the part this machine holds.

import { downTarget } from "../../api/actions.js";
import { closest, DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import { counted } from "../../plural.js";
import { listLabs } from "../../runtime/record.js";
import { readSpan } from "../../runtime/span.js";
import { downAcross } from "../across.js";
import { type Parsed, parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import type { Io } from "../io.js";
import { machineOption } from "../machine-option.js";
import { progress } from "../progress.js";
import { unstoppable } from "../signals.js";
import { SPEC, usageOf } from "../spec.js";
import { labTarget, looksLikeFile, onePositional, type Target } from "../target.js";

const spec = SPEC.down;
const usage = usageOf(spec);

export const down: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const arg = onePositional(p, usage, "give one lab name or lab file");
    const target = labTarget(p, usage, true);
    const compiled = target.compiled;
    const asked = compiled?.lab ? machineOption(p.values, compiled.lab) : localMachine(p, target);
    // A lab on several machines, without --machine: every machine, over ssh.
    const across =
      asked === undefined && (readSpan(target.lab) !== undefined || !!compiled?.lab?.machines.length);
    if (across) return downOnMachines(target, p, io);
    const started = performance.now();
    const shown = progress(io, `taking ${arg} down`, p.format === "pretty");
    shown.phase("reading its record");
    let downed: Awaited<ReturnType<typeof downTarget>>;
    try {
      // Taking a lab down is not left half-way: a Ctrl-C waits for it to finish.
      downed = await unstoppable(
        () => {
          shown.end();
          finishing(io);
        },
        () =>
          downTarget(target, {
            ...(asked !== undefined ? { machine: asked } : {}),
            onStages: (stages) => shown.start(stages),
            onStep: (step) => shown.step(step),
          }),
      );
    } finally {
      shown.end();
    }
    const seconds = (performance.now() - started) / 1000;
    // This machine's part of a lab on several machines: the others hold theirs.
    const part = target.record?.machine ?? asked;
    const others = (target.record?.machines ?? []).filter((m) => m.name !== part).map((m) => m.name);
    if (p.format === "json")
      io.out(
        JSON.stringify({
          ok: true,
          lab: downed.lab,
          ...(part !== undefined ? { machine: part } : {}),
          removed: downed.removed,
          seconds: Number(seconds.toFixed(3)),
        }),
      );
    else {
      // Nothing of that name: perhaps a typo for a lab that is up.
      const guess =
        !looksLikeFile(arg) && downed.removed === 0
          ? closest(
              downed.lab,
              listLabs().filter((l) => l !== downed.lab),
            )
          : undefined;
      io.out(
        downed.note !== undefined
          ? `${downed.note}${guess ? ` (did you mean \`${guess}\`?)` : ""}`
          : `lab ${downed.lab}${part !== undefined ? `'s part on machine ${part}` : ""} is down (${counted(downed.removed, "object")} removed, ${seconds.toFixed(2)} s)`,
      );
      if (others.length)
        io.err(
          `its other machines hold their parts: ${others.join(", ")} (\`opentop down ${downed.lab}\` on the machine that brought it up, or \`--machine NAME\` on each)`,
        );
    }
    return EXIT.ok;
  },
};

function finishing(io: Io): void {
  io.err("opentop: finishing taking the lab down (it is not left half-way)");
}

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

/** Every machine of the lab, over ssh. */
async function downOnMachines(target: Target, p: Parsed, io: Io): Promise<number> {
  const started = performance.now();
  const compiled = target.compiled?.lab ? { ...target.compiled, lab: target.compiled.lab } : undefined;
  const result = await unstoppable(
    () => finishing(io),
    () => downAcross(target.lab, compiled),
  );
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
