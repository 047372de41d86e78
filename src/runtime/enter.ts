// Entering a node: the nsenter command that joins exactly the namespaces the node has.

import { DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import { nodeNetns } from "../model/names.js";
import { netnsPath } from "../plan/plan.js";
import { netnsExists } from "./kernel.js";
import type { LabRecord } from "./record.js";

/** The argv prefix that runs a program inside `node` (the program follows `--`). */
export function enterArgv(record: LabRecord, node: string): string[] {
  if (!record.nodes.includes(node))
    throw new DiagnosticError(
      diag("OT6008", `lab ${record.lab} has no node \`${node}\``, {
        help: `its nodes are ${record.nodes.slice(0, 20).join(", ")}${record.nodes.length > 20 ? ", …" : ""}`,
      }),
    );
  const ns = nodeNetns(record.lab, node);
  if (!netnsExists(ns))
    throw new DiagnosticError(
      diag("OT6008", `node ${node} of lab ${record.lab} has no namespace (${ns} is gone)`, {
        help: `\`opentop status ${record.lab}\` shows what is missing; \`opentop down ${record.lab}\` and \`up\` rebuild it`,
      }),
    );
  return enterPrefix(record, node);
}

/** The argv prefix that enters `node`, without checks: the emitted script's `exec` runs it too. */
export function enterPrefix(record: LabRecord, node: string): string[] {
  return ["nsenter", `--net=${netnsPath(nodeNetns(record.lab, node))}`, "--"];
}
