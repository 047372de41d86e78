// `opentop capture LAB NODE|SWITCH|host IFACE [FILTER…] [-w FILE]`: tcpdump where the lab's
// packets are, pcap to standard output or a file (the API's `RunningLab.capture`). Ctrl-C
// stops it: tcpdump writes what it has and says how many packets it captured.

import { startCapture } from "../../api/capture.js";
import { requireRecord, resolveTarget } from "../../api/target.js";
import { DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import { parseCommand, usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { unstoppable } from "../signals.js";
import { SPEC, usageOf } from "../spec.js";

const spec = SPEC.capture;
const usage = usageOf(spec);

export const capture: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const [lab, at, iface, ...filter] = p.positionals;
    if (!lab || !at || !iface)
      throw usageError("give a lab, a node (or a switch, or host) and an interface", usage);
    const write = p.values.write === undefined ? undefined : String(p.values.write);
    const count = p.values.count === undefined ? undefined : Number(p.values.count);
    if (count !== undefined && !(Number.isInteger(count) && count >= 1))
      throw usageError("--count takes a whole number of packets, 1 or more", usage);
    if (write === undefined && process.stdout.isTTY)
      throw usageError(
        "pcap is binary: pipe it (`| wireshark -k -i -`, `| tcpdump -r -`) or write it to a file with -w FILE",
        usage,
      );
    const record = requireRecord(resolveTarget(lab));
    // What tcpdump says before it listens is why it could not; after, its counts.
    const early: string[] = [];
    let listening = false;
    const said = () =>
      `opentop: capturing on ${cap.point.what}${write !== undefined ? ` into ${write}` : ""}; Ctrl-C stops`;
    const cap = startCapture(record, at, iface, {
      filter,
      output: write ?? 1,
      ...(count !== undefined ? { count } : {}),
      onMessage: (line) => {
        if (!listening && /listening on /.test(line)) {
          listening = true;
          io.err(said());
        }
        if (listening) io.err(line);
        else early.push(line);
      },
    });
    // A signal stops tcpdump, which then ends the command (a terminal's Ctrl-C reaches it too).
    const summary = await unstoppable(
      () => void cap.stop(),
      () => cap.done,
    );
    if (summary.code === 0 || listening) return summary.code === 0 ? EXIT.ok : EXIT.failed;
    throw new DiagnosticError(
      diag(
        "OT6067",
        `tcpdump could not capture on ${cap.point.what}: ${early.join("; ") || `exit status ${summary.code}`}`,
        {
          help: "check the filter expression (`man pcap-filter`)",
        },
      ),
    );
  },
};
