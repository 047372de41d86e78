// `exec` and `shell` of a node on another machine of a lab: the command runs on the node's
// machine, over ssh, entered into the node exactly as on this one (src/plan/enter.ts).

import { DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import { nodeEnterPrefix, someNodes } from "../../plan/enter.js";
import { machineOfNode } from "../../plan/span.js";
import { remoteOf } from "../../runtime/span.js";
import { attachedOnMachine } from "../../runtime/ssh.js";
import { spanOfLab } from "../across.js";
import type { Target } from "../target.js";

/**
 * Runs `command` in `node` on its machine when the node is not this machine's, and resolves
 * to its exit status (ssh's 255 when the machine cannot be reached); undefined when the node
 * is this machine's, or the lab is not one on several machines.
 */
export async function onItsMachine(
  target: Target,
  node: string,
  command: readonly string[],
): Promise<number | undefined> {
  if (target.record?.nodes.includes(node)) return undefined;
  const span = spanOfLab(target.lab);
  const machine = span ? machineOfNode(span, node) : undefined;
  if (span && !machine)
    throw new DiagnosticError(
      diag("OT6008", `lab ${span.lab} has no node \`${node}\``, {
        help: `its nodes are ${someNodes(span.machines.flatMap((m) => m.nodes))}`,
      }),
    );
  if (!span || !machine) {
    const others = (target.record?.machines ?? []).filter((m) => m.name !== target.record?.machine);
    if (others.length === 0) return undefined;
    throw new DiagnosticError(
      diag("OT6047", `node ${node} of lab ${target.lab} is not on this machine (${target.record?.machine})`, {
        notes: [`the lab's other machines: ${others.map((m) => `${m.name} (${m.address})`).join(", ")}`],
        help: `run it on the machine that holds the node (\`opentop exec ${target.lab} ${node} …\` there), or from the machine that brought the lab up`,
      }),
    );
  }
  const index = span.machines.indexOf(machine);
  const argv = [
    "env",
    `OPENTOP_LAB=${span.lab}`,
    `OPENTOP_NODE=${node}`,
    ...nodeEnterPrefix(span.lab, node, span.isolation?.[node]),
    ...command,
  ];
  return attachedOnMachine(remoteOf(span.lab, machine, index), argv);
}
