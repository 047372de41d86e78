// `exec`, `shell` and `logs` of a node on another machine of a lab: the command runs on the
// node's machine, over ssh, entered into the node exactly as on this one (src/plan/enter.ts);
// its services' logs are read there.

import { DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import { nodeEnterPrefix, someNodes } from "../../plan/enter.js";
import { machineOfNode, type SpanMachine, type SpanRecord } from "../../plan/span.js";
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
  const where = machineFor(target, node);
  if (!where) return undefined;
  const { span, machine } = where;
  const argv = [
    "env",
    `OPENTOP_LAB=${span.lab}`,
    `OPENTOP_NODE=${node}`,
    ...nodeEnterPrefix(span.lab, node, span.isolation?.[node]),
    ...command,
  ];
  return attachedOnMachine(remoteOf(span.lab, machine, span.machines.indexOf(machine)), argv);
}

/**
 * `logs` of a node on another machine: its services' log files, printed there by `tail`
 * (`-F` to follow), over ssh; undefined when the node is this machine's.
 */
export async function logsOnItsMachine(
  target: Target,
  node: string,
  service: string | undefined,
  follow: boolean,
): Promise<number | undefined> {
  const where = machineFor(target, node);
  if (!where) return undefined;
  const { span, machine } = where;
  const services = span.isolation?.[node]?.services ?? [];
  const chosen = services.filter((s) => service === undefined || s.name === service);
  if (chosen.length === 0)
    throw new DiagnosticError(
      diag(
        "OT5104",
        service === undefined
          ? `node ${node} runs no services`
          : `node ${node} has no service \`${service}\``,
        {
          help: services.length
            ? `its services are ${services.map((s) => s.name).join(", ")}`
            : 'a node runs a service with `run "COMMAND"`',
        },
      ),
    );
  const argv = ["tail", "-n", "+1", ...(follow ? ["-F"] : []), "--", ...chosen.map((s) => s.log)];
  return attachedOnMachine(remoteOf(span.lab, machine, span.machines.indexOf(machine)), argv);
}

/** The span and the machine of a node that is not on this machine, in a lab on several. */
function machineFor(target: Target, node: string): { span: SpanRecord; machine: SpanMachine } | undefined {
  if (target.record?.nodes.includes(node)) return undefined;
  const span = spanOfLab(target.lab);
  const machine = span ? machineOfNode(span, node) : undefined;
  if (span && !machine)
    throw new DiagnosticError(
      diag("OT6008", `lab ${span.lab} has no node \`${node}\``, {
        help: `its nodes are ${someNodes(span.machines.flatMap((m) => m.nodes))}`,
      }),
    );
  if (span && machine) return { span, machine };
  const others = (target.record?.machines ?? []).filter((m) => m.name !== target.record?.machine);
  if (others.length === 0) return undefined;
  throw new DiagnosticError(
    diag("OT6047", `node ${node} of lab ${target.lab} is not on this machine (${target.record?.machine})`, {
      notes: [`the lab's other machines: ${others.map((m) => `${m.name} (${m.address})`).join(", ")}`],
      help: `run it on the machine that holds the node (\`opentop exec ${target.lab} ${node} …\` there), or from the machine that brought the lab up`,
    }),
  );
}
