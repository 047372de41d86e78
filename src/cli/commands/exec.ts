// `opentop exec LAB NODE -- CMD…` and `opentop shell LAB NODE`: a program inside a node (or,
// by a switch's name, the switches' namespace), its exit status passed through. The node is
// entered as the API's `RunningLab.enter` says; bin/opentop.js takes a faster way for the
// common case (src/cli/fast.ts) and comes here for everything else.

import { RunningLab } from "../../api/running.js";
import { requireRoot } from "../../api/target.js";
import { usageError } from "../args.js";
import type { Command } from "../command.js";
import { runEntered, split } from "../fast.js";
import { SPEC, usageOf } from "../spec.js";
import { requireRecord, resolveTarget } from "../target.js";

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
    const { lab, node, rest } = split(args);
    if (!lab || !node || rest.length === 0)
      throw usageError("give a lab, a node and a command", usageOf(SPEC.exec));
    const running = entered(
      lab,
      node,
      "running a command inside a node",
      (l) => `opentop exec ${l} ${node} -- …`,
    );
    return runEntered("exec", running.enter(node), running.name, node, rest, io.err);
  },
};

export const shell: Command = {
  async run(args, io) {
    const { lab, node, rest } = split(args);
    if (!lab || !node || rest.length) throw usageError("give a lab and a node", usageOf(SPEC.shell));
    const running = entered(lab, node, "a shell inside a node", (l) => `opentop shell ${l} ${node}`);
    return runEntered("shell", running.enter(node), running.name, node, [], io.err);
  },
};
