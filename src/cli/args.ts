// Command-line parsing on top of node:util parseArgs: one declaration per command, and
// usage errors as diagnostics like every other error.

import { parseArgs } from "node:util";
import { DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import type { Format } from "./io.js";
import { type CommandSpec, usageOf } from "./spec.js";

export type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }>;

export const COMMON: OptionSpec = {
  json: { type: "boolean" },
  format: { type: "string" },
  help: { type: "boolean", short: "h" },
};

export interface Parsed {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
  readonly format: Format;
}

export function parse(args: string[], options: OptionSpec, usage: string): Parsed {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw usageError(argsProblem(e as NodeJS.ErrnoException), usage);
  }
  const values = parsed.values as Parsed["values"];
  const format = values.json ? "json" : (values.format ?? "pretty");
  if (format !== "pretty" && format !== "short" && format !== "json")
    throw usageError(`unknown format \`${String(format)}\``, "--format pretty|short|json");
  return { values, positionals: parsed.positionals, format };
}

/** Parses a command's arguments by its entry in the command table (src/cli/spec.ts). */
export function parseCommand(args: string[], spec: CommandSpec): Parsed {
  return parse(args, optionsOf(spec), usageOf(spec));
}

/** node:util's declaration of a command's options, from the table. */
export function optionsOf(spec: CommandSpec): OptionSpec {
  return Object.fromEntries(
    spec.options.map((o) => [
      o.name,
      {
        type: o.value ? ("string" as const) : ("boolean" as const),
        ...(o.short ? { short: o.short } : {}),
        ...(o.multiple ? { multiple: true } : {}),
      },
    ]),
  );
}

export function usageError(message: string, usage: string): DiagnosticError {
  return new DiagnosticError(diag("OT9002", message, { help: `usage: ${usage}` }));
}

/** `--set NAME=VALUE` options as a map. */
export function params(values: Parsed["values"]): Map<string, string> {
  const out = new Map<string, string>();
  const list = values.set;
  for (const item of Array.isArray(list) ? list : list ? [list] : []) {
    const text = String(item);
    const eq = text.indexOf("=");
    if (eq <= 0) throw usageError(`\`--set ${text}\` is not NAME=VALUE`, "--set NAME=VALUE");
    out.set(text.slice(0, eq), text.slice(eq + 1));
  }
  return out;
}

/** node:util's parse errors, in this tool's words. */
function argsProblem(e: NodeJS.ErrnoException): string {
  const option = /'(-[^' ]+)/.exec(e.message)?.[1];
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return option ? `unknown option \`${option}\`` : "unknown option";
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      // node:util names an option with a short form as `'-o, --output <value>'`.
      const named = /'(?:(-\w), )?(--[\w-]+)/.exec(e.message);
      if (!named) return "an option needs a value";
      return `option \`${named[1] ?? named[2]}\`${named[1] ? ` (\`${named[2]}\`)` : ""} needs a value`;
    }
    default:
      return e.message;
  }
}
