// The command-line entry point: dispatch to a command, and turn every error into a
// diagnostic on stderr with an exit status. No stack trace reaches a user.

import { closest, DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import { VERSION } from "../version.js";
import { usageError } from "./args.js";
import { type Command, EXIT } from "./command.js";
import { commandHelp, overview } from "./help.js";
import { type Format, type Io, printDiagnostics, terminal } from "./io.js";
import { type CommandName, type CommandSpec, SPEC, SPECS, specOf, usageOf } from "./spec.js";

/**
 * Each command's module, loaded on demand: starting OpenTop costs only the modules of the
 * command that runs. Exhaustive over the command table (src/cli/spec.ts).
 */
const LOADERS: { readonly [K in CommandName]: () => Promise<Command> } = {
  check: async () => (await import("./commands/check.js")).check,
  plan: async () => (await import("./commands/plan.js")).plan,
  up: async () => (await import("./commands/up.js")).up,
  apply: async () => (await import("./commands/apply.js")).apply,
  down: async () => (await import("./commands/down.js")).down,
  status: async () => (await import("./commands/status.js")).status,
  trace: async () => (await import("./commands/trace.js")).trace,
  test: async () => (await import("./commands/test.js")).test,
  ls: async () => (await import("./commands/ls.js")).ls,
  exec: async () => (await import("./commands/exec.js")).exec,
  shell: async () => (await import("./commands/exec.js")).shell,
  logs: async () => (await import("./commands/logs.js")).logs,
  capture: async () => (await import("./commands/capture.js")).capture,
  graph: async () => (await import("./commands/graph.js")).graph,
  build: async () => (await import("./commands/build.js")).build,
  import: async () => (await import("./commands/import.js")).importLab,
  fmt: async () => (await import("./commands/fmt.js")).fmt,
  lsp: async () => (await import("./commands/lsp.js")).lsp,
  gc: async () => (await import("./commands/gc.js")).gc,
  completion: async () => (await import("./commands/completion.js")).completion,
  help: async () => helpCommand,
  __complete: async () => (await import("./commands/completion.js")).complete,
};

const helpCommand: Command = {
  async run(args, io) {
    const words = args.filter((a) => a !== "--help" && a !== "-h");
    const [name, ...extra] = words;
    if (extra.length) throw usageError("give at most one command", usageOf(SPEC.help));
    // `help --help` is help's own help; `help` alone, the overview.
    const own = words.length < args.length && name === undefined;
    io.out(own ? commandHelp(SPEC.help) : name === undefined ? overview() : commandHelp(knownCommand(name)));
    return EXIT.ok;
  },
};

/** The spec of a command the user named, or OT9002 with the closest name. */
function knownCommand(name: string): CommandSpec {
  const spec = specOf(name);
  if (spec) return spec;
  const guess = closest(
    name,
    SPECS.filter((c) => !c.hidden).map((c) => c.name),
  );
  throw usageError(
    `unknown command \`${name}\`${guess ? `; did you mean \`${guess}\`?` : ""}`,
    "opentop COMMAND [ARGS]; `opentop help` lists them",
  );
}

/**
 * Whether the arguments ask for the command's help. A command that runs a program (`exec`)
 * reads `-h` and `--help` only before the program: `exec LAB NODE -- ls --help` is ls's.
 */
function wantsHelp(spec: CommandSpec, args: readonly string[]): boolean {
  const end = args.indexOf("--");
  const own = end < 0 ? args : args.slice(0, end);
  const reach = spec.rest ? own.slice(0, spec.positionals.length) : own;
  return reach.includes("--help") || reach.includes("-h");
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
  if (!name || name === "--help" || name === "-h") {
    io.out(overview());
    return name ? EXIT.ok : EXIT.usage;
  }
  try {
    if (name === "--version" || name === "-V" || name === "version") {
      if (args.length) throw usageError(`${name} takes no arguments`, "opentop --version");
      io.out(`opentop ${VERSION}`);
      return EXIT.ok;
    }
    const spec = knownCommand(name);
    if (spec.name !== "help" && wantsHelp(spec, args)) {
      io.out(commandHelp(spec));
      return EXIT.ok;
    }
    const loaded = await LOADERS[spec.name as CommandName]();
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
