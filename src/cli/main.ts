// The command-line entry point: dispatch to a command, and turn every error into a
// diagnostic on stderr with an exit status. No stack trace reaches a user.

import { closest, DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import { VERSION } from "../version.js";
import { usageError } from "./args.js";
import { type Command, EXIT } from "./command.js";
import { type Format, type Io, printDiagnostics, terminal } from "./io.js";

interface Entry {
  readonly name: string;
  readonly summary: string;
  /** Loaded on demand: starting OpenTop costs only the modules of the command that runs. */
  readonly load: () => Promise<Command>;
}

export const COMMANDS: readonly Entry[] = [
  {
    name: "check",
    summary: "report every problem in a lab file; change nothing",
    load: async () => (await import("./commands/check.js")).check,
  },
  {
    name: "plan",
    summary: "show every kernel operation `up` would run; do nothing",
    load: async () => (await import("./commands/plan.js")).plan,
  },
  {
    name: "up",
    summary: "bring a lab up: create its namespaces, links, addresses and routes",
    load: async () => (await import("./commands/up.js")).up,
  },
  {
    name: "down",
    summary: "remove everything a lab created (works after a crash, or with the file gone)",
    load: async () => (await import("./commands/down.js")).down,
  },
  {
    name: "status",
    summary: "show a lab's live state from the kernel and any drift from its plan",
    load: async () => (await import("./commands/status.js")).status,
  },
  {
    name: "trace",
    summary: "show the path the model predicts for a packet, hop by hop; change nothing",
    load: async () => (await import("./commands/trace.js")).trace,
  },
  {
    name: "test",
    summary: "prove a lab's expectations with real packets (or every pair of nodes: --matrix)",
    load: async () => (await import("./commands/test.js")).test,
  },
  {
    name: "ls",
    summary: "list the labs on this machine",
    load: async () => (await import("./commands/ls.js")).ls,
  },
  {
    name: "exec",
    summary: "run a command inside a node",
    load: async () => (await import("./commands/exec.js")).exec,
  },
  {
    name: "shell",
    summary: "open an interactive shell inside a node",
    load: async () => (await import("./commands/exec.js")).shell,
  },
  {
    name: "logs",
    summary: "print the output of a node's services",
    load: async () => (await import("./commands/logs.js")).logs,
  },
  {
    name: "build",
    summary: "write the lab as a standalone sh script (up, down, status, exec) that needs no OpenTop",
    load: async () => (await import("./commands/build.js")).build,
  },
  {
    name: "gc",
    summary: "remove what labs that never finished coming up (or lost their record) left behind",
    load: async () => (await import("./commands/gc.js")).gc,
  },
];

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
    const loaded = await command.load();
    if (command.name !== "exec" && (args.includes("--help") || args.includes("-h"))) {
      io.out(`${command.summary}\n\nusage: ${loaded.usage}`);
      return EXIT.ok;
    }
    return await loaded.run(args, io);
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
