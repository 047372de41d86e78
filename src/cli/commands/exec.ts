// `opentop exec LAB NODE -- CMD…` and `opentop shell LAB NODE`: a program inside a node,
// its exit status passed through.

import { spawn } from "node:child_process";
import { enterArgv } from "../../runtime/enter.js";
import { signalStatus } from "../../runtime/proc.js";
import { usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import type { Io } from "../io.js";
import { requireRecord, resolveTarget } from "../target.js";

const execUsage = "opentop exec LAB|FILE NODE [--] COMMAND [ARG]…";
const shellUsage = "opentop shell LAB|FILE NODE";

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
      done(127);
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

export const exec: Command = {
  usage: execUsage,
  async run(args, io) {
    const { lab, node, rest } = split(args);
    if (!lab || !node || rest.length === 0) throw usageError("give a lab, a node and a command", execUsage);
    const record = requireRecord(resolveTarget(lab, new Map()));
    const env = { ...process.env, OPENTOP_LAB: record.lab, OPENTOP_NODE: node };
    return attached([...enterArgv(record, node), ...rest], env, io);
  },
};

export const shell: Command = {
  usage: shellUsage,
  async run(args, io) {
    const { lab, node, rest } = split(args);
    if (!lab || !node || rest.length) throw usageError("give a lab and a node", shellUsage);
    const record = requireRecord(resolveTarget(lab, new Map()));
    const program = process.env.SHELL || "/bin/sh";
    const env = {
      ...process.env,
      OPENTOP_LAB: record.lab,
      OPENTOP_NODE: node,
      PS1: `[${record.lab}/${node}] \\w \\$ `,
    };
    return attached([...enterArgv(record, node), program], env, io);
  },
};
