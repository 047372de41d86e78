// Entering a node on this machine: the nsenter command that joins exactly the namespaces the
// node has, after joining its cgroups (src/plan/enter.ts), once they are known to exist.

import { DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import { nodeNetns } from "../model/names.js";
import { nodeEnterPrefix, someNodes } from "../plan/enter.js";
import type { LabRecord } from "../plan/record.js";
import { enterProblem, hasNetwork } from "./isolation.js";
import { netnsExists } from "./kernel.js";

/** OT6008 unless the lab has `node`. */
export function requireNode(record: LabRecord, node: string): void {
  if (!record.nodes.includes(node))
    throw new DiagnosticError(
      diag("OT6008", `lab ${record.lab} has no node \`${node}\``, {
        help: `its nodes are ${someNodes(record.nodes)}`,
      }),
    );
}

/** The argv prefix that runs a program inside `node` (the program follows `--`). */
export function enterArgv(record: LabRecord, node: string): string[] {
  requireNode(record, node);
  const rt = record.isolation?.[node];
  const ns = nodeNetns(record.lab, node);
  if (hasNetwork(record, node) && !netnsExists(ns))
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
