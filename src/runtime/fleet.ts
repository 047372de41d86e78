// A lab's machines, each reached over ssh, running its own standalone script: the script is
// streamed to `sh -s` (the remote needs sh and the elementary tools, no OpenTop), on every
// machine at once. What a script says in OpenTop's diagnostic format becomes diagnostics
// again here, each naming its machine, so that a failure on one machine of many reads as
// one would on this one.

import { readFileSync } from "node:fs";
import { CODES, type Code } from "../diagnostics/codes.js";
import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import { hintFor } from "./failure.js";
import { type ProcResult, pool } from "./proc.js";
import { onMachine, type Remote, sshSaid, unreachable } from "./ssh.js";

/** A machine and the script it runs (a file, read as its session starts: a fleet's are not all held at once). */
export interface Target {
  readonly remote: Remote;
  readonly script: string;
}

export interface MachineRun {
  readonly machine: string;
  /** The script ran and succeeded. */
  readonly ok: boolean;
  /** ssh reached the machine (its status was not ssh's own 255). */
  readonly reached: boolean;
  readonly result: ProcResult;
  readonly seconds: number;
  /** What the script said in OpenTop's format (or why the machine was not reached). */
  readonly diagnostics: readonly Diagnostic[];
}

export interface FleetOptions {
  /** ssh sessions at once. */
  readonly concurrency?: number;
  /** How messages name the lab's commands (`opentop down LAB`) in place of the script's. */
  readonly commands?: { readonly lab: string; readonly file?: string };
}

/**
 * The script as streamed: one brace group, so that the remote shell reads all of it before
 * running any of it — a command of the script that read its standard input would otherwise
 * read the rest of the script.
 */
export function streamed(script: string): string {
  return `{\n${script}\n}\n`;
}

/** Runs `sh -s SUBCOMMAND` with each target's script, on every target at once. */
export async function runScripts(
  targets: readonly Target[],
  subcommand: string,
  options: FleetOptions = {},
): Promise<MachineRun[]> {
  const runs = await pool(targets, options.concurrency ?? 32, async (t): Promise<MachineRun> => {
    const started = performance.now();
    const result = await onMachine(
      t.remote,
      ["sh", "-s", "--", subcommand],
      streamed(readFileSync(t.script, "utf8")),
    );
    const seconds = (performance.now() - started) / 1000;
    const name = t.remote.machine.name;
    if (unreachable(result))
      return {
        machine: name,
        ok: false,
        reached: false,
        result,
        seconds,
        diagnostics: [notReached(t.remote, result)],
      };
    return {
      machine: name,
      ok: result.code === 0,
      reached: true,
      result,
      seconds,
      diagnostics: scriptDiagnostics(name, result.stderr, options.commands),
    };
  });
  return runs.flatMap((r) => (r ? [r] : []));
}

/**
 * OT6046: the machine was reached a moment ago (it answered `check`), and ssh failed while its
 * script ran: the connection broke, or the machine went down.
 */
export function lost(run: MachineRun): MachineRun {
  if (run.reached) return run;
  return {
    ...run,
    diagnostics: [
      diag(
        "OT6046",
        `the connection to machine ${run.machine} was lost while its script ran: ${sshSaid(run.result)}`,
        {
          notes: ["it had answered a moment before; its part of the lab may be half up"],
          help: "every machine is rolled back; if this one cannot be reached, run `opentop down LAB` once it can",
        },
      ),
    ],
  };
}

/** OT6040: ssh could not run anything on the machine. */
export function notReached(r: Remote, result: ProcResult): Diagnostic {
  const { ssh } = r.machine;
  const dest = `${ssh.user !== undefined ? `${ssh.user}@` : ""}${ssh.host}`;
  return diag("OT6040", `cannot reach machine ${r.machine.name} over ssh: ${sshSaid(result)}`, {
    notes: [`ssh ${ssh.port !== undefined ? `-p ${ssh.port} ` : ""}${dest}, without a password (BatchMode)`],
    help: `check that \`ssh ${ssh.port !== undefined ? `-p ${ssh.port} ` : ""}${dest} true\` works from here as this user: a key the machine accepts, its host key in known_hosts; the lab's \`ssh-option\`s and ~/.ssh/config apply`,
  });
}

/**
 * A script's standard error as diagnostics: `error[CODE]: MESSAGE` with its `= note:` and
 * `= help:` lines, each message prefixed with the machine; other lines (a tool's own words)
 * are notes of the diagnostic that follows them, or of the last one.
 */
export function scriptDiagnostics(
  machine: string,
  stderr: string,
  commands?: FleetOptions["commands"],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  let said: string[] = [];
  let current: { code: Code; message: string; notes: string[]; help?: string } | undefined;
  const flush = () => {
    if (!current) return;
    // A step that failed: what the tool said may mean more, as it would here (failure.ts).
    const hint = current.code === "OT6004" ? hintFor(current.notes.join("\n")) : undefined;
    const help = hint?.help ?? current.help;
    out.push(
      diag(hint?.code ?? current.code, `${machine}: ${current.message}`, {
        notes: current.notes,
        ...(help ? { help: ourCommands(help, commands) } : {}),
      }),
    );
    current = undefined;
  };
  for (const line of stderr.split("\n")) {
    const head = /^error\[(OT\d{4})\]: (.*)$/.exec(line);
    const note = /^ {2}= note: (.*)$/.exec(line);
    const help = /^ {2}= help: (.*)$/.exec(line);
    if (head) {
      flush();
      const code = (Object.hasOwn(CODES, head[1] ?? "") ? head[1] : "OT6004") as Code;
      current = { code, message: head[2] ?? "", notes: said.map((s) => `it said: ${s}`) };
      said = [];
    } else if (note && current) current.notes.push(note[1] ?? "");
    else if (help && current) current.help = help[1] ?? "";
    else if (line.trim()) said.push(line.trim());
  }
  if (current && said.length) current.notes.push(...said.map((s) => `then: ${s}`));
  flush();
  return out;
}

/** The script names itself `sh` when streamed: its advice names OpenTop's commands instead. */
function ourCommands(help: string, commands: FleetOptions["commands"]): string {
  if (!commands) return help;
  return help
    .replaceAll("`sh down`", `\`opentop down ${commands.lab}\``)
    .replaceAll("`sh status`", `\`opentop status ${commands.lab}\``)
    .replaceAll("`sh up`", `\`opentop up ${commands.file ?? "FILE"}\``);
}
