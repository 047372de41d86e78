// `opentop help` and `opentop COMMAND --help`, written from the command table (spec.ts), as
// the man page and docs/cli.md are (manual.ts).

import { VERSION } from "../version.js";
import {
  type CommandSpec,
  EXIT_STATUSES,
  GLOBAL_OPTIONS,
  type OptionDoc,
  optionSynopsis,
  SPECS,
  usageOf,
} from "./spec.js";

/** Words wrapped to lines of `width` columns of text, each line after the first indented by `indent`. */
export function wrap(text: string, width: number, indent = ""): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join(`\n${indent}`);
}

/** Two columns: `left` padded to a common width, `right` wrapped beside it. */
function columns(rows: readonly (readonly [string, string])[], width = 80): string[] {
  const left = Math.min(28, Math.max(...rows.map(([l]) => l.length)));
  return rows.map(([l, r]) => {
    const pad = " ".repeat(left + 4);
    if (l.length > left) return `  ${l}\n${pad}${wrap(r, width - pad.length, pad)}`;
    return `  ${l.padEnd(left)}  ${wrap(r, width - pad.length, pad)}`;
  });
}

export function overview(): string {
  const visible = SPECS.filter((c: CommandSpec) => !c.hidden);
  return [
    `opentop ${VERSION}: declarative network labs on Linux namespaces, no daemon`,
    "",
    "usage: opentop COMMAND [ARGS] [OPTIONS]",
    "",
    "commands:",
    ...columns(visible.map((c) => [c.name, c.summary])),
    "",
    "options:",
    ...columns([
      ["-h, --help", "show help (`opentop COMMAND --help` or `opentop help COMMAND`: one command's)"],
      ["-V, --version", "show the version"],
    ]),
    "",
    "exit status:",
    ...columns(EXIT_STATUSES.map((e) => [e.status, e.meaning])),
    "",
    "`man opentop` and docs/cli.md describe every command; docs/language.md the lab language.",
  ].join("\n");
}

function optionRows(options: readonly OptionDoc[]): [string, string][] {
  return options.map((o) => [optionSynopsis(o, true), o.help]);
}

export function commandHelp(spec: CommandSpec): string {
  const examples = spec.examples.flatMap((e) => [`  ${e.cmd}`, `      ${e.what}`]);
  return [
    `opentop ${spec.name}: ${spec.summary}`,
    "",
    `usage: ${usageOf(spec)}`,
    "",
    wrap(spec.description, 80),
    "",
    "options:",
    ...columns(optionRows([...spec.options, ...GLOBAL_OPTIONS])),
    ...(examples.length ? ["", "examples:", ...examples] : []),
    "",
    "exit status:",
    ...columns(
      EXIT_STATUSES.filter((e) => !e.only || e.only.some((n) => n === spec.name)).map((e) => [
        e.status,
        e.meaning,
      ]),
    ),
  ].join("\n");
}
