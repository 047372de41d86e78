// `opentop ls`: the labs on this machine, from their records — its parts of labs on several
// machines included — and the labs it brought up on other machines, from its record of them
// (without asking the machines: `status LAB` does).

import { listLabs, readRecord } from "../../runtime/record.js";
import { listSpans, readSpan } from "../../runtime/span.js";
import { parseCommand, usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { printableData } from "../io.js";
import { SPEC, usageOf } from "../spec.js";

const spec = SPEC.ls;
const usage = usageOf(spec);

export const ls: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    if (p.positionals.length) throw usageError("ls takes no arguments", usage);
    const labs = listLabs().map((name) => {
      const r = readRecord(name);
      if (!r || r instanceof Error) return { lab: name, state: "unreadable" as const };
      return {
        lab: name,
        state: r.state,
        nodes: r.nodes.length,
        since: r.createdAt,
        file: r.file,
        by: r.by,
        ...(r.machine !== undefined
          ? { machine: r.machine, machines: (r.machines ?? []).map((m) => m.name) }
          : {}),
      };
    });
    const spans = listSpans().map((name) => {
      const s = readSpan(name);
      if (!s || s instanceof Error) return { lab: name, state: "unreadable" as const };
      return {
        lab: name,
        state: s.state,
        nodes: s.machines.reduce((n, m) => n + m.nodes.length, 0),
        since: s.createdAt,
        file: s.file,
        machines: s.machines.map((m) => m.name),
      };
    });
    if (p.format === "json")
      io.out(JSON.stringify({ labs, ...(spans.length ? { elsewhere: spans } : {}) }, null, 2));
    else if (labs.length === 0 && spans.length === 0) io.out("no labs on this machine");
    else {
      for (const l of printableData(labs))
        io.out(
          "nodes" in l
            ? `${l.lab.padEnd(20)} ${l.state.padEnd(9)} ${String(l.nodes).padStart(4)} ${l.nodes === 1 ? "node " : "nodes"}  since ${l.since}  ${l.file}${"machine" in l ? `  (machine ${l.machine}'s part; the lab is on ${(l.machines ?? []).join(", ")})` : ""}`
            : `${l.lab.padEnd(20)} ${l.state}`,
        );
      for (const s of printableData(spans))
        io.out(
          "nodes" in s
            ? `${s.lab.padEnd(20)} ${s.state.padEnd(9)} ${String(s.nodes).padStart(4)} ${s.nodes === 1 ? "node " : "nodes"}  since ${s.since}  ${s.file}  (on machines ${(s.machines ?? []).join(", ")}, over ssh)`
            : `${s.lab.padEnd(20)} ${s.state} (on machines, over ssh)`,
        );
    }
    return EXIT.ok;
  },
};
