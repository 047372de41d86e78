// `opentop exec LAB NODE -- CMD…` and `opentop shell LAB NODE`: a program inside a node (or,
// by a switch's name, the switches' namespace), its exit status passed through. The node is
// entered as the API's `RunningLab.enter` says; bin/opentop.js takes a faster way for the
// common case (src/cli/fast.ts) and comes here for everything else. In a lab brought up on
// several machines, a node of another machine is entered there, over ssh (./exec-machines.ts).

import { RunningLab } from "../../api/running.js";
import { requireRoot } from "../../api/target.js";
import { usageError } from "../args.js";
import type { Command } from "../command.js";
import { runEntered, split } from "../fast.js";
import { SPEC, usageOf } from "../spec.js";
import { requireRecord, resolveTarget, type Target } from "../target.js";
import { onItsMachine } from "./exec-machines.js";

/** The argv prefix that enters the node (the API's `RunningLab.enter`); root is needed to use it. */
function entered(target: Target, node: string, what: string, usage: (lab: string) => string): RunningLab {
  const running = new RunningLab(requireRecord(target));
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
    const target = resolveTarget(lab);
    const remote = await onItsMachine(target, node, rest);
    if (remote !== undefined) return remote;
    const running = entered(
      target,
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
    const target = resolveTarget(lab);
    // On another machine: sh, interactive, with the prompt that says where it is.
    const remote = await onItsMachine(target, node, ["env", `PS1=[${target.lab}:${node}] # `, "sh", "-i"]);
    if (remote !== undefined) return remote;
    const running = entered(target, node, "a shell inside a node", (l) => `opentop shell ${l} ${node}`);
    return runEntered("shell", running.enter(node), running.name, node, [], io.err);
  },
};
