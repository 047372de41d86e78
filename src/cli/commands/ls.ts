// `opentop ls`: the labs on this machine, from their records.

import { listLabs, readRecord } from "../../runtime/record.js";
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
      return { lab: name, state: r.state, nodes: r.nodes.length, since: r.createdAt, file: r.file, by: r.by };
    });
    if (p.format === "json") io.out(JSON.stringify({ labs }, null, 2));
    else if (labs.length === 0) io.out("no labs on this machine");
    else
      for (const l of printableData(labs))
        io.out(
          "nodes" in l
            ? `${l.lab.padEnd(20)} ${l.state.padEnd(9)} ${String(l.nodes).padStart(4)} ${l.nodes === 1 ? "node " : "nodes"}  since ${l.since}  ${l.file}`
            : `${l.lab.padEnd(20)} ${l.state}`,
        );
    return EXIT.ok;
  },
};
