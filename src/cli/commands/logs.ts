// `opentop logs LAB|FILE NODE [SERVICE] [-f]`: what a node's services wrote (stdout and
// stderr), from their log files under /run/opentop/LAB/services; no daemon keeps them.

import { readFileSync } from "node:fs";
import { DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import type { ServiceRuntime } from "../../plan/enter.js";
import type { LabRecord } from "../../plan/record.js";
import { requireNode } from "../../runtime/enter.js";
import { follow } from "../../runtime/follow.js";
import { parseCommand, usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import type { Io } from "../io.js";
import { SPEC, usageOf } from "../spec.js";
import { requireRecord, resolveTarget } from "../target.js";
import { logsOnItsMachine } from "./exec-machines.js";

const spec = SPEC.logs;

/** The services asked for: all of the node's, or the one named; OT5104 when there are none. */
function chosenServices(record: LabRecord, node: string, service: string | undefined): ServiceRuntime[] {
  requireNode(record, node);
  const services = record.isolation?.[node]?.services ?? [];
  const chosen = service === undefined ? services : services.filter((s) => s.name === service);
  if (chosen.length) return [...chosen];
  throw new DiagnosticError(
    diag(
      "OT5104",
      service === undefined ? `node ${node} runs no services` : `node ${node} has no service \`${service}\``,
      {
        help: services.length
          ? `its services are ${services.map((s) => s.name).join(", ")}`
          : 'a node runs a service with `run "COMMAND"`',
      },
    ),
  );
}

/**
 * Follows the logs from `from` (bytes already printed) until Ctrl-C (or SIGTERM), whole
 * lines at a time, with a header whenever the service writing changes.
 */
async function followLogs(
  io: Io,
  node: string,
  chosen: readonly ServiceRuntime[],
  from: readonly number[],
  stop: AbortController,
): Promise<void> {
  let last = chosen.length > 1 ? chosen.length - 1 : -1;
  const partial = chosen.map(() => "");
  try {
    await follow(
      chosen.map((s, i) => ({ path: s.log, from: from[i] ?? 0 })),
      (i, text) => {
        const all = partial[i] + text;
        const end = all.lastIndexOf("\n") + 1;
        partial[i] = all.slice(end);
        if (end === 0) return;
        if (chosen.length > 1 && i !== last) io.out(io.style.bold(`==> ${node} ${chosen[i]?.name} <==`));
        last = i;
        io.out(all.slice(0, end));
      },
      stop.signal,
    );
  } finally {
    stop.abort();
  }
}

export const logs: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const [lab, node, service, ...extra] = p.positionals;
    if (!lab || !node || extra.length)
      throw usageError("give a lab, a node and optionally a service", usageOf(spec));
    const target = resolveTarget(lab, new Map());
    const remote = await logsOnItsMachine(target, node, service, p.values.follow === true);
    if (remote !== undefined) return remote;
    const record = requireRecord(target);
    const chosen = chosenServices(record, node, service);
    // With -f, Ctrl-C ends following normally: listened for before anything is printed,
    // so that a reader who stops after the first lines does not kill OpenTop.
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    if (p.values.follow) {
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
    }
    try {
      const printed = printExisting(io, node, chosen);
      if (p.values.follow && !stop.signal.aborted) await followLogs(io, node, chosen, printed, stop);
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
    return EXIT.ok;
  },
};

/** What the services' logs hold now; the bytes printed of each. */
function printExisting(io: Io, node: string, chosen: readonly ServiceRuntime[]): number[] {
  return chosen.map((s) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(s.log);
    } catch {
      bytes = Buffer.alloc(0);
    }
    if (chosen.length > 1) io.out(io.style.bold(`==> ${node} ${s.name} <==`));
    if (bytes.length) io.out(bytes.toString("utf8"));
    return bytes.length;
  });
}
