// `opentop exec LAB NODE -- CMD…` and `opentop shell LAB NODE`: a program inside a node,
// its exit status passed through.

import { spawn } from "node:child_process";
import { DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import { enterArgv } from "../../runtime/enter.js";
import { signalStatus } from "../../runtime/proc.js";
import { usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import type { Io } from "../io.js";
import { shellLaunch } from "../prompt.js";
import { SPEC, usageOf } from "../spec.js";
import { requireRecord, resolveTarget } from "../target.js";
import { onItsMachine } from "./exec-machines.js";

/** Status of a program that could not be started, as shells use it. */
const CANNOT_RUN = 127;

/** Runs argv with the terminal attached; resolves to its exit status (128 + n for signal n). */
function attached(argv: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  return new Promise((resolve) => {
    const [file, ...args] = argv;
    if (!file) return resolve(EXIT.usage);
    // The terminal's Ctrl-C reaches the child too; let it decide, and report its status.
    const ignore = () => {};
    process.on("SIGINT", ignore);
    process.on("SIGQUIT", ignore);
    const child = spawn(file, args, { stdio: "inherit", env });
    const done = (code: number) => {
      process.off("SIGINT", ignore);
      process.off("SIGQUIT", ignore);
      resolve(code);
    };
    child.on("error", (e) => {
      io.err(`opentop: cannot run ${file}: ${e.message}`);
      done(CANNOT_RUN);
    });
    child.on("close", (code, signal) => done(code ?? signalStatus(signal)));
  });
}

/** Splits `LAB NODE [--] CMD…` without parsing the command's own options. */
function split(args: string[]): { lab?: string; node?: string; rest: string[] } {
  const words = [...args];
  const lab = words.shift();
  const node = words.shift();
  if (words[0] === "--") words.shift();
  return { ...(lab ? { lab } : {}), ...(node ? { node } : {}), rest: words };
}

/** Entering a node's namespaces takes root (CAP_SYS_ADMIN): say so before nsenter does. */
function requireRoot(what: string, usage: string): void {
  if (process.getuid?.() === 0) return;
  throw new DiagnosticError(
    diag("OT6006", `${what} needs root`, {
      notes: ["only root may enter another network namespace"],
      help: `run it as root: \`sudo ${usage}\``,
    }),
  );
}

export const exec: Command = {
  async run(args, io) {
    const usage = usageOf(SPEC.exec);
    const { lab, node, rest } = split(args);
    if (!lab || !node || rest.length === 0) throw usageError("give a lab, a node and a command", usage);
    const target = resolveTarget(lab, new Map());
    const remote = await onItsMachine(target, node, rest);
    if (remote !== undefined) return remote;
    const record = requireRecord(target);
    const argv = enterArgv(record, node);
    requireRoot("running a command inside a node", `opentop exec ${record.lab} ${node} -- …`);
    const env = { ...process.env, OPENTOP_LAB: record.lab, OPENTOP_NODE: node };
    return attached([...argv, ...rest], env, io);
  },
};

export const shell: Command = {
  async run(args, io) {
    const { lab, node, rest } = split(args);
    if (!lab || !node || rest.length) throw usageError("give a lab and a node", usageOf(SPEC.shell));
    const target = resolveTarget(lab, new Map());
    // On another machine: sh, interactive, with the prompt that says where it is.
    const remote = await onItsMachine(target, node, ["env", `PS1=[${target.lab}:${node}] # `, "sh", "-i"]);
    if (remote !== undefined) return remote;
    const record = requireRecord(target);
    const argv = enterArgv(record, node);
    requireRoot("a shell inside a node", `opentop shell ${record.lab} ${node}`);
    const program = process.env.SHELL || "/bin/sh";
    const launch = shellLaunch(program, record.lab, node);
    const env = { ...process.env, OPENTOP_LAB: record.lab, OPENTOP_NODE: node, ...launch.env };
    try {
      return await attached([...argv, ...launch.argv], env, io);
    } finally {
      launch.cleanup();
    }
  },
};
