// Entering a node on this machine: the nsenter command that joins exactly the namespaces the
// node has, after joining its cgroups (src/plan/enter.ts), once they are known to exist. A
// switch's name enters the switches' namespace (the lab's own, where every bridge and port is).

import { DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import { nodeNetns, switchNetns } from "../model/names.js";
import { inNetns, nodeEnterPrefix, someNodes } from "../plan/enter.js";
import type { LabRecord } from "../plan/record.js";
import { enterProblem, hasNetwork } from "./isolation.js";
import { netnsLive } from "./kernel.js";

/** OT6008 unless the lab has `node` (or, with `switches`, a switch of that name). */
export function requireNode(record: LabRecord, node: string, switches = false): void {
  if (record.nodes.includes(node) || (switches && record.switches.includes(node))) return;
  throw new DiagnosticError(
    diag("OT6008", `lab ${record.lab} has no node \`${node}\``, {
      help: `its nodes are ${someNodes(record.nodes)}${switches && record.switches.length ? `; a switch's name (${someNodes(record.switches)}) enters the switches' namespace` : ""}`,
    }),
  );
}

/**
 * The argv prefix that runs a program inside `node` (the program follows `--`), or inside the
 * switches' namespace for a switch's name.
 */
export function enterArgv(record: LabRecord, node: string): string[] {
  requireNode(record, node, true);
  if (!record.nodes.includes(node)) return switchesArgv(record);
  const rt = record.isolation?.[node];
  const ns = nodeNetns(record.lab, node);
  if (hasNetwork(record, node) && !netnsLive(ns))
    throw new DiagnosticError(
      diag("OT6008", `node ${node} of lab ${record.lab} has no namespace (${ns} is gone)`, {
        help: `\`opentop status ${record.lab}\` shows what is missing; \`opentop down ${record.lab}\` and \`up\` rebuild it`,
      }),
    );
  if (rt) {
    const problem = enterProblem(record, node, rt);
    if (problem) throw new DiagnosticError(problem);
  }
  return nodeEnterPrefix(record.lab, node, rt);
}

function switchesArgv(record: LabRecord): string[] {
  const ns = switchNetns(record.lab);
  if (!netnsLive(ns))
    throw new DiagnosticError(
      diag("OT6008", `the switches' namespace of lab ${record.lab} is gone (${ns})`, {
        help: `\`opentop status ${record.lab}\` shows what is missing; \`opentop down ${record.lab}\` and \`up\` rebuild it`,
      }),
    );
  return inNetns(ns, []);
}
