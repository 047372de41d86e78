// `opentop graph LAB|FILE [-T FORMAT] [-o OUT]`: a picture of a lab (src/backends/graph/).
// A lab that is up is drawn from its file with its live state from `status` in colour.

import { writeFileSync } from "node:fs";
import {
  formatOfPath,
  GRAPH_FORMATS,
  type GraphFormat,
  isGraphFormat,
  type Live,
  picture,
} from "../../backends/graph/index.js";
import { type Diagnostic, DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import type { Lab } from "../../model/model.js";
import type { LabRecord } from "../../plan/record.js";
import { status as readStatus, type Status } from "../../runtime/status.js";
import { spanOfLab } from "../across.js";
import { params, parseCommand, usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { printDiagnostics } from "../io.js";
import { SPEC, usageOf } from "../spec.js";
import { compileTarget, looksLikeFile, requireRecord, resolveTarget } from "../target.js";

const spec = SPEC.graph;

function chosenFormat(asked: unknown, out: string | undefined): GraphFormat {
  if (typeof asked === "string") {
    if (isGraphFormat(asked)) return asked;
    throw usageError(`unknown graph format \`${asked}\``, "-T dot|mermaid|svg|html");
  }
  return (out !== undefined && formatOfPath(out)) || "dot";
}

interface Drawn {
  readonly lab: Lab;
  readonly live?: Live;
  readonly warnings: readonly Diagnostic[];
}

/** A lab file is drawn as planned; a lab's name, from its record's file with its live state. */
async function drawn(arg: string, values: ReadonlyMap<string, string>): Promise<Drawn> {
  if (looksLikeFile(arg)) {
    const compiled = compileTarget(arg, values);
    if (!compiled.lab) throw new DiagnosticError(compiled.diagnostics);
    return { lab: compiled.lab, warnings: compiled.diagnostics };
  }
  const target = resolveTarget(arg, values);
  // A lab this machine brought up on several: drawn from its file, as planned.
  const span = target.record ? undefined : spanOfLab(target.lab);
  if (span) {
    const compiled = compileTarget(span.file, values);
    if (!compiled.lab) throw new DiagnosticError(unreadableFile(span.lab, span.file, compiled.hash));
    const asPlanned = diag("OT9012", `lab ${span.lab} is drawn as planned, without its live state`, {
      notes: ["its live state is on its machines"],
      help: `\`opentop status ${span.lab}\` reads each machine's part`,
    });
    return { lab: compiled.lab, warnings: [asPlanned] };
  }
  const record = requireRecord(target);
  const compiled = compileTarget(record.file, values);
  if (!compiled.lab) throw new DiagnosticError(unreadableFile(record.lab, record.file, compiled.hash));
  const warnings: Diagnostic[] = [];
  if (compiled.hash !== record.hash)
    warnings.push(
      diag("OT9011", `the file of lab ${record.lab} has changed since the lab came up`, {
        notes: [
          `${record.file} is drawn as it is now; the live state is matched by node and interface names`,
        ],
      }),
    );
  if (process.getuid?.() !== 0) {
    warnings.push(
      diag("OT9012", `lab ${record.lab} is drawn as planned, without its live state`, {
        notes: ["reading the live state needs root: OpenTop must enter the lab's namespaces"],
        help: `run \`sudo opentop graph ${record.lab}\` to see links that are down and drift`,
      }),
    );
    return { lab: compiled.lab, warnings };
  }
  return { lab: compiled.lab, live: liveOf(record, await readStatus(record)), warnings };
}

function unreadableFile(lab: string, file: string, hash: string): Diagnostic {
  return diag(
    "OT9010",
    `cannot draw lab ${lab}: its file ${file} ${hash ? "has errors" : "cannot be read"}`,
    {
      notes: ["a lab's record holds its plan, not its drawing: the picture is made from the file"],
      help: `give the lab's file: \`opentop graph FILE\``,
    },
  );
}

/** What the picture needs of `status`: namespaces present, interfaces up, drift by node. */
function liveOf(record: LabRecord, s: Status): Live {
  const nodes = new Map<string, { present: boolean; drift: string[] }>();
  const ifaces = new Map<string, "up" | "down" | "missing">();
  const nodeOfNs = new Map<string | null, string>();
  for (const ns of s.namespaces) {
    if (ns.node === null) continue;
    nodeOfNs.set(ns.ns, ns.node);
    nodes.set(ns.node, { present: ns.present, drift: [] });
    for (const i of ns.ifaces)
      ifaces.set(
        `${ns.node}.${i.name}`,
        i.up && i.operstate !== "DOWN" && i.operstate !== "LOWERLAYERDOWN" ? "up" : "down",
      );
  }
  // A node-only lab (no isolation but net) lists every node; one missing from status is gone.
  for (const node of record.nodes) if (!nodes.has(node)) nodes.set(node, { present: true, drift: [] });
  const labWide: string[] = [];
  for (const d of s.drift) {
    const node = nodeOfNs.get(d.ns);
    const line = `${d.kind} ${d.what}`;
    if (node !== undefined) nodes.get(node)?.drift.push(line);
    else labWide.push(`${line} (in ${d.ns ?? "the host"})`);
  }
  return { nodes, ifaces, drift: labWide };
}

export const graph: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const [arg, ...extra] = p.positionals;
    if (!arg || extra.length) throw usageError("give one lab name or lab file", usageOf(spec));
    const out = typeof p.values.output === "string" && p.values.output !== "-" ? p.values.output : undefined;
    const format = chosenFormat(p.values["output-format"], out);
    const d = await drawn(arg, params(p.values));
    printDiagnostics(io, d.warnings, p.format);
    const text = await GRAPH_FORMATS[format](picture(d.lab, d.live));
    if (out === undefined) {
      io.out(text);
      return EXIT.ok;
    }
    try {
      writeFileSync(out, text);
    } catch (e) {
      throw new DiagnosticError(
        diag("OT9013", `cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
          help: "give a path in a directory you can write (or `-o -` for standard output)",
        }),
      );
    }
    return EXIT.ok;
  },
};
