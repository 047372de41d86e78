// Entering a node: the nsenter command that joins exactly the namespaces the node has,
// after joining its cgroups (so what runs there counts against the node's limits).

import { DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import { nodeNetns } from "../model/names.js";
import { enterPrefix } from "../plan/isolation.js";
import { inNetns } from "../plan/plan.js";
import { enterProblem, hasNetwork } from "./isolation.js";
import { netnsExists } from "./kernel.js";
import type { LabRecord } from "./record.js";

/** The first nodes of a lab, for a message that lists them: `pc1, pc2, …` past 20. */
export function someNodes(nodes: readonly string[]): string {
  return `${nodes.slice(0, 20).join(", ")}${nodes.length > 20 ? ", …" : ""}`;
}

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
  return nodeEnterPrefix(record, node);
}

/**
 * The argv prefix that enters `node`, without checks: its cgroups joined, then exactly the
 * namespaces it isolates. The emitted script's `exec` runs the same.
 */
export function nodeEnterPrefix(record: LabRecord, node: string): string[] {
  const rt = record.isolation?.[node];
  return rt ? enterPrefix(rt) : inNetns(nodeNetns(record.lab, node), []);
}
