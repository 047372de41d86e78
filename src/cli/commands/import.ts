// `opentop import containerlab TOPO.clab.yml | mininet TOPO [-o OUT] [--name LAB]`: another
// tool's topology as a lab file (src/import/). What could not be converted is reported as
// warnings and kept in the file as comments; the file written is checked like any other.

import { readFileSync, writeFileSync } from "node:fs";
import { type Diagnostic, DiagnosticError, diag, hasErrors } from "../../diagnostics/diagnostic.js";
import { sourceFile } from "../../diagnostics/source.js";
import { fromContainerlab } from "../../import/containerlab.js";
import { draftText } from "../../import/draft.js";
import { fromMininet } from "../../import/mininet.js";
import { compileSource } from "../../model/compile.js";
import { LAB_NAME_MAX, NAME_PATTERN } from "../../model/names.js";
import { parseCommand, usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { printDiagnostics } from "../io.js";
import { SPEC, usageOf } from "../spec.js";

const spec = SPEC.import;

function readTopology(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new DiagnosticError(
      diag("OT9001", `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
        help: "give the path of a containerlab topology (.clab.yml)",
      }),
    );
  }
}

function convert(format: string, what: string, name: string | undefined) {
  if (format === "containerlab") return fromContainerlab(sourceFile(what, readTopology(what)), name);
  if (format === "mininet") return fromMininet(what.replace(/^--topo[= ]/, ""), name);
  throw usageError(`cannot import \`${format}\`: give \`containerlab\` or \`mininet\``, usageOf(spec));
}

export const importLab: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const [format, what, ...extra] = p.positionals;
    if (!format || !what || extra.length) throw usageError("give a format and a topology", usageOf(spec));
    const name = typeof p.values.name === "string" ? p.values.name : undefined;
    if (name !== undefined && !(NAME_PATTERN.test(name) && name.length <= LAB_NAME_MAX))
      throw usageError(
        `\`${name}\` is not a lab name`,
        "--name LAB: letters, digits, `_` and `-`, starting with a letter",
      );
    const imported = convert(format, what, name);
    if (!imported.draft) throw new DiagnosticError(imported.diagnostics);
    const out = typeof p.values.output === "string" && p.values.output !== "-" ? p.values.output : undefined;
    const text = draftText(imported.draft);
    // The lab written must be a lab: checked as `opentop check` would (its problems point into it).
    const checked = compileSource(sourceFile(out ?? `${imported.draft.lab}.otop`, text));
    const diagnostics: Diagnostic[] = [...imported.diagnostics, ...checked.diagnostics];
    printDiagnostics(io, diagnostics, p.format);
    if (out === undefined) io.out(text);
    else
      try {
        writeFileSync(out, text);
      } catch (e) {
        throw new DiagnosticError(
          diag(
            "OT9013",
            `cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
            {
              help: "give a path in a directory you can write (or `-o -` for standard output)",
            },
          ),
        );
      }
    return hasErrors(diagnostics) ? EXIT.failed : EXIT.ok;
  },
};
