// `opentop exec LAB NODE -- CMD…` and `opentop shell LAB NODE`: a program inside a node (or,
// by a switch's name, the switches' namespace), its exit status passed through. The node is
// entered as the API's `RunningLab.enter` says; bin/opentop.js takes a faster way for the
// common case (src/cli/fast-exec.ts) and comes here for everything else.

import { spawn } from "node:child_process";
import { RunningLab } from "../../api/running.js";
import { requireRoot } from "../../api/target.js";
import { signalStatus } from "../../runtime/proc.js";
import { usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import type { Io } from "../io.js";
import { shellLaunch } from "../prompt.js";
import { SPEC, usageOf } from "../spec.js";
import { requireRecord, resolveTarget } from "../target.js";

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

/** The argv prefix that enters the node (the API's `RunningLab.enter`); root is needed to use it. */
function entered(labOrFile: string, node: string, what: string, usage: (lab: string) => string): RunningLab {
  const running = new RunningLab(requireRecord(resolveTarget(labOrFile)));
  running.enter(node);
  // Entering a node's namespaces takes root (CAP_SYS_ADMIN): say so before nsenter does.
  requireRoot(what, `run it as root: \`sudo ${usage(running.name)}\``, [
    "only root may enter another network namespace",
  ]);
  return running;
}

export const exec: Command = {
  async run(args, io) {
    const usage = usageOf(SPEC.exec);
    const { lab, node, rest } = split(args);
    if (!lab || !node || rest.length === 0) throw usageError("give a lab, a node and a command", usage);
    const running = entered(
      lab,
      node,
      "running a command inside a node",
      (l) => `opentop exec ${l} ${node} -- …`,
    );
    const env = { ...process.env, OPENTOP_LAB: running.name, OPENTOP_NODE: node };
    return attached([...running.enter(node), ...rest], env, io);
  },
};

export const shell: Command = {
  async run(args, io) {
    const { lab, node, rest } = split(args);
    if (!lab || !node || rest.length) throw usageError("give a lab and a node", usageOf(SPEC.shell));
    const running = entered(lab, node, "a shell inside a node", (l) => `opentop shell ${l} ${node}`);
    const program = process.env.SHELL || "/bin/sh";
    const launch = shellLaunch(program, running.name, node);
    const env = { ...process.env, OPENTOP_LAB: running.name, OPENTOP_NODE: node, ...launch.env };
    try {
      return await attached([...running.enter(node), ...launch.argv], env, io);
    } finally {
      launch.cleanup();
    }
  },
};
