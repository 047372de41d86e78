// The command-line entry point: dispatch to a command, and turn every error into a
// diagnostic on stderr with an exit status. No stack trace reaches a user.

import { closest, DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import { VERSION } from "../version.js";
import { usageError } from "./args.js";
import { type Command, EXIT } from "./command.js";
import { build } from "./commands/build.js";
import { check } from "./commands/check.js";
import { down } from "./commands/down.js";
import { exec, shell } from "./commands/exec.js";
import { gc } from "./commands/gc.js";
import { logs } from "./commands/logs.js";
import { ls } from "./commands/ls.js";
import { plan } from "./commands/plan.js";
import { status } from "./commands/status.js";
import { up } from "./commands/up.js";
import { type Format, type Io, printDiagnostics, terminal } from "./io.js";

export const COMMANDS: readonly Command[] = [check, plan, up, down, status, ls, exec, shell, logs, build, gc];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `opentop ${VERSION}: declarative network labs on Linux namespaces, no daemon`,
    "",
    "usage: opentop COMMAND [ARGS]",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "`opentop COMMAND --help` shows a command's usage. Reporting commands take --json.",
  ].join("\n");
}

/** The format a failing command's diagnostics are printed in, read before parsing. */
function formatOf(args: readonly string[]): Format {
  if (args.includes("--json")) return "json";
  const i = args.indexOf("--format");
  const f = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith("--format="))?.slice(9);
  return f === "short" || f === "json" ? f : "pretty";
}

export async function main(argv: string[], io: Io = terminal()): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.out(help());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === "--version" || name === "version") {
    io.out(VERSION);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) {
      const guess = closest(
        name,
        COMMANDS.map((c) => c.name),
      );
      throw usageError(
        `unknown command \`${name}\`${guess ? `; did you mean \`${guess}\`?` : ""}`,
        "opentop COMMAND [ARGS]; `opentop help` lists them",
      );
    }
    if (command.name !== "exec" && (args.includes("--help") || args.includes("-h"))) {
      io.out(`${command.summary}\n\nusage: ${command.usage}`);
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof DiagnosticError) {
      printDiagnostics(io, e.diagnostics, formatOf(args));
      return e.diagnostics.some((d) => d.code === "OT9002") ? EXIT.usage : EXIT.failed;
    }
    const detail = process.env.OPENTOP_DEBUG ? `\n${(e as Error).stack}` : "";
    printDiagnostics(
      io,
      [
        diag("OT9003", `internal error: ${(e as Error).message ?? String(e)}${detail}`, {
          help: "this is a bug in OpenTop; please report it with the lab file (OPENTOP_DEBUG=1 shows where)",
        }),
      ],
      formatOf(args),
    );
    return EXIT.failed;
  }
}
