// The man page (docs/opentop.1) and the command reference of docs/cli.md, written from the
// command table (spec.ts) that `--help` reads too. `npm run docs` writes both; a unit test
// fails when either is out of date.

import { VERSION } from "../version.js";
import {
  type CommandSpec,
  ENVIRONMENT,
  EXIT_STATUSES,
  GLOBAL_OPTIONS,
  type OptionDoc,
  optionSynopsis,
  SPECS,
  usageOf,
} from "./spec.js";

const visible = (): CommandSpec[] => SPECS.filter((s) => !s.hidden);

/** roff text: a leading `.` or `'` would be a request, `\` an escape, `-` a hyphen. */
function roff(text: string): string {
  return text
    .replace(/\\/g, "\\e")
    .replace(/-/g, "\\-")
    .replace(/`([^`]+)`/g, "\\fB$1\\fR")
    .replace(/^([.'])/gm, "\\&$1");
}

function roffOption(o: OptionDoc): string[] {
  return [".TP", `\\fB${roff(optionSynopsis(o, true))}\\fR`, roff(o.help)];
}

function roffCommand(c: CommandSpec): string[] {
  return [
    ".SS",
    `\\fB${roff(usageOf(c))}\\fR`,
    roff(c.summary.replace(/^./, (x) => x.toUpperCase())),
    ".PP",
    roff(c.description),
    ...(c.options.length ? [".RS", ...c.options.flatMap(roffOption), ".RE"] : []),
    ...c.examples.flatMap((e) => [".PP", `\\fB${roff(e.cmd)}\\fR`, ".RS", roff(e.what), ".RE"]),
  ];
}

export function manPage(): string {
  return `${[
    `.TH OPENTOP 1 "" "opentop ${VERSION}" "User Commands"`,
    ".SH NAME",
    "opentop \\- declarative network labs on Linux namespaces, no daemon",
    ".SH SYNOPSIS",
    "\\fBopentop\\fR \\fICOMMAND\\fR [\\fIARGS\\fR] [\\fIOPTIONS\\fR]",
    ".SH DESCRIPTION",
    roff(
      "OpenTop compiles a lab file (nodes, switches, links, addresses, routes, filters, NAT, isolation) into exactly the kernel operations the lab needs, runs them with the elementary tools (ip, nft, sysctl, nsenter) and exits. `plan` shows every operation before it runs; `build` writes them as a standalone sh script. The language is described in docs/language.md.",
    ),
    ".SH COMMANDS",
    ...visible().flatMap(roffCommand),
    ".SH OPTIONS",
    "Every command takes:",
    ...GLOBAL_OPTIONS.flatMap(roffOption),
    ".TP",
    "\\fB\\-V\\fR, \\fB\\-\\-version\\fR",
    "Show the version (as the only argument).",
    ".SH EXIT STATUS",
    ...EXIT_STATUSES.flatMap((e) => [".TP", `\\fB${e.status}\\fR`, roff(e.meaning)]),
    ".SH ENVIRONMENT",
    ...ENVIRONMENT.flatMap((e) => [".TP", `\\fB${e.name}\\fR`, roff(e.meaning)]),
    ".SH FILES",
    ".TP",
    "\\fI/run/opentop/LAB/record.json\\fR",
    "The record of a lab that is up: its plan and what it owns.",
    ".TP",
    "\\fI/run/opentop/LAB.lock\\fR",
    "The lock held by the command working on a lab.",
    ".SH SEE ALSO",
    "\\fBip\\fR(8), \\fBnft\\fR(8), \\fBnsenter\\fR(1), \\fBnamespaces\\fR(7)",
  ].join("\n")}\n`;
}

/** A Markdown table with aligned columns (as the repository's formatter writes them). */
function mdTable(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const escaped = [head, ...rows].map((r) => r.map((c) => c.replace(/\|/g, "\\|")));
  const widths = head.map((_, i) => Math.max(3, ...escaped.map((r) => [...(r[i] ?? "")].length)));
  const line = (r: readonly string[]) =>
    `| ${r.map((c, i) => c + " ".repeat((widths[i] ?? 0) - [...c].length)).join(" | ")} |`;
  const [top = [], ...body] = escaped;
  return [line(top), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...body.map(line)];
}

function mdCommand(c: CommandSpec): string[] {
  return [
    `### \`opentop ${c.name}\``,
    "",
    "```",
    usageOf(c),
    "```",
    "",
    c.description,
    "",
    ...(c.options.length
      ? [
          ...mdTable(
            ["option", "meaning"],
            c.options.map((o) => [`\`${optionSynopsis(o, true)}\``, o.help]),
          ),
          "",
        ]
      : []),
    ...(c.examples.length
      ? ["```", ...c.examples.map((e) => `${e.cmd.padEnd(52)} # ${e.what}`), "```", ""]
      : []),
  ];
}

/** The generated part of docs/cli.md: commands, options and exit statuses. */
export function cliReference(): string {
  return [
    ...mdTable(
      ["command", "what it does"],
      visible().map((c) => [`[\`${c.name}\`](#opentop-${c.name})`, c.summary]),
    ),
    "",
    ...visible().flatMap(mdCommand),
    "### Options of every command",
    "",
    ...mdTable(
      ["option", "meaning"],
      [
        ...GLOBAL_OPTIONS.map((o) => [`\`${optionSynopsis(o, true)}\``, o.help]),
        ["`-V`, `--version`", "show the version (as the only argument)"],
      ],
    ),
    "",
    "## Exit statuses",
    "",
    ...mdTable(
      ["status", "meaning"],
      EXIT_STATUSES.map((e) => [e.status, e.meaning]),
    ),
    "",
    "## Environment",
    "",
    ...mdTable(
      ["variable", "meaning"],
      ENVIRONMENT.map((e) => [`\`${e.name}\``, e.meaning]),
    ),
  ].join("\n");
}

export const REFERENCE_START = "<!-- generated from src/cli/spec.ts by `npm run docs`: do not edit below -->";
export const REFERENCE_END = "<!-- end of the generated reference -->";

/** docs/cli.md with its generated part replaced. */
export function withReference(page: string): string {
  const start = page.indexOf(REFERENCE_START);
  const end = page.indexOf(REFERENCE_END);
  if (start < 0 || end < start) throw new Error("docs/cli.md has lost its generated-reference markers");
  return `${page.slice(0, start + REFERENCE_START.length)}\n\n${cliReference()}\n\n${page.slice(end)}`;
}
