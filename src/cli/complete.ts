// Shell completion: the candidates for the last word of a command line, from the command
// table (commands, options, their values) and the machine (lab names from the records,
// node and service names from a lab's record or file). The shells' scripts
// (completion-scripts.ts) ask `opentop __complete WORD…` and show what it prints.

import { compileFile } from "../model/compile.js";
import { HOST } from "../model/names.js";
import { captureIfaces } from "../plan/capture.js";
import type { LabRecord } from "../plan/record.js";
import { listLabs, readRecord } from "../runtime/record.js";
import { type ArgKind, type CommandSpec, GLOBAL_OPTIONS, type OptionDoc, SPECS, specOf } from "./spec.js";
import { looksLikeFile } from "./target.js";

export interface Candidate {
  readonly value: string;
  readonly description?: string;
}

/** What the shell is to show: candidates, and whether file names fit too. */
export interface Completion {
  readonly candidates: readonly Candidate[];
  readonly files: boolean;
}

const NONE: Completion = { candidates: [], files: false };
const SHELLS = ["bash", "zsh", "fish"];
const IMPORT_FORMATS = ["containerlab", "mininet"];
const PROBE_PROTOCOLS = ["icmp", "tcp", "udp"];
/** The first words of tcpdump filters people write most. */
const FILTER_WORDS = [
  "icmp",
  "icmp6",
  "tcp",
  "udp",
  "arp",
  "port",
  "host",
  "net",
  "src",
  "dst",
  "not",
  "and",
  "or",
];

/** `words`: the words after `opentop`, the last being the one completed (maybe empty). */
export function complete(words: readonly string[]): Completion {
  const current = words.at(-1) ?? "";
  const before = words.slice(0, -1);
  const [name, ...args] = before;
  if (name === undefined)
    return filtered(
      current,
      SPECS.filter((s) => !s.hidden).map((s) => ({ value: s.name, description: s.summary })),
      false,
    );
  const spec = specOf(name);
  if (!spec || spec.hidden) return NONE;
  if (name === "help") return args.length ? NONE : complete([current]);
  const options = [...spec.options, ...GLOBAL_OPTIONS];
  const pending = valueOption(options, args.at(-1));
  if (pending) return optionValue(pending, current);
  const { positionals, ended } = positionalsOf(options, args);
  // `exec LAB NODE CMD…`: past its program, words are the program's.
  if (spec.rest && positionals.length >= spec.positionals.length) return { candidates: [], files: true };
  if (current.startsWith("-") && !ended) return filtered(current, options.map(optionCandidate), false);
  const kind = spec.positionals[positionals.length];
  return kind ? positional(kind, spec, positionals, current) : NONE;
}

/** The option `word` names when it takes a value (`-o`, `--output`), if any. */
function valueOption(options: readonly OptionDoc[], word: string | undefined): OptionDoc | undefined {
  if (word === undefined || !word.startsWith("-") || word.includes("=")) return undefined;
  const o = options.find((x) => word === `--${x.name}` || (x.short !== undefined && word === `-${x.short}`));
  return o?.value ? o : undefined;
}

function optionValue(o: OptionDoc, current: string): Completion {
  if (o.choices)
    return filtered(
      current,
      o.choices.map((value) => ({ value })),
      false,
    );
  return { candidates: [], files: o.file === true };
}

/** The positional words of `args` (options and their values left out), and whether `--` ended the options. */
function positionalsOf(
  options: readonly OptionDoc[],
  args: readonly string[],
): { positionals: string[]; ended: boolean } {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (word === "--") return { positionals: [...out, ...args.slice(i + 1)], ended: true };
    if (word.startsWith("-") && word !== "-") {
      if (valueOption(options, word)) i++;
      continue;
    }
    out.push(word);
  }
  return { positionals: out, ended: false };
}

function optionCandidate(o: OptionDoc): Candidate {
  return { value: `--${o.name}`, description: o.help };
}

function positional(
  kind: ArgKind,
  spec: CommandSpec,
  before: readonly string[],
  current: string,
): Completion {
  switch (kind) {
    case "file":
      return { candidates: [], files: true };
    case "lab":
      return filtered(current, labs(), false);
    case "lab-or-file":
      return filtered(current, labs(), true);
    case "node":
      return filtered(current, nodesOf(before[0]), false);
    case "node-or-switch":
      return filtered(current, [...nodesOf(before[0]), ...switchesOf(before[0])], false);
    case "capture-at":
      return filtered(current, [...nodesOf(before[0]), ...switchesOf(before[0]), { value: HOST }], false);
    case "iface":
      return filtered(current, ifacesOf(before[0], before[1]), false);
    case "filter":
      return filtered(
        current,
        FILTER_WORDS.map((value) => ({ value })),
        false,
      );
    case "service":
      return filtered(current, servicesOf(before[0], before[1]), false);
    case "program":
      return { candidates: [], files: true };
    case "shell":
      return filtered(
        current,
        SHELLS.map((value) => ({ value })),
        false,
      );
    case "import-format":
      return filtered(
        current,
        IMPORT_FORMATS.map((value) => ({ value })),
        false,
      );
    case "probe-protocol":
      return filtered(
        current,
        PROBE_PROTOCOLS.map((value) => ({ value })),
        false,
      );
    default:
      return assertKind(kind, spec);
  }
}

function assertKind(kind: never, spec: CommandSpec): never {
  throw new Error(`internal: argument kind ${String(kind)} of ${spec.name}`);
}

function filtered(current: string, candidates: readonly Candidate[], files: boolean): Completion {
  return { candidates: candidates.filter((c) => c.value.startsWith(current)), files };
}

function labs(): Candidate[] {
  return listLabs().map((value) => ({ value, description: "lab" }));
}

/** A lab's nodes: from its record when it is up, else from its file. */
function nodesOf(lab: string | undefined): Candidate[] {
  if (lab === undefined) return [];
  if (looksLikeFile(lab)) return (compileFile(lab).lab?.nodes ?? []).map((n) => ({ value: n.name }));
  const record = readRecord(lab);
  return record && !(record instanceof Error) ? record.nodes.map((value) => ({ value })) : [];
}

/** A running lab's record, or undefined. */
function recordOf(lab: string | undefined): LabRecord | undefined {
  if (lab === undefined || looksLikeFile(lab)) return undefined;
  const record = readRecord(lab);
  return record && !(record instanceof Error) ? record : undefined;
}

function switchesOf(lab: string | undefined): Candidate[] {
  return (recordOf(lab)?.switches ?? []).map((value) => ({ value, description: "switch" }));
}

/** What a capture may listen on at `where` of a running lab. */
function ifacesOf(lab: string | undefined, where: string | undefined): Candidate[] {
  const record = recordOf(lab);
  return record && where !== undefined ? captureIfaces(record, where).map((value) => ({ value })) : [];
}

function servicesOf(lab: string | undefined, node: string | undefined): Candidate[] {
  if (lab === undefined || node === undefined || looksLikeFile(lab)) return [];
  const record = readRecord(lab);
  if (!record || record instanceof Error) return [];
  return (record.isolation?.[node]?.services ?? []).map((s) => ({ value: s.name, description: s.command }));
}

/** The protocol the shells' scripts read: `:files` first when file names fit, then `value\tdescription`. */
export function completionText(c: Completion): string {
  const lines = c.candidates.map((x) =>
    x.description ? `${x.value}\t${x.description.replace(/\s+/g, " ")}` : x.value,
  );
  return [...(c.files ? [":files"] : []), ...lines].join("\n");
}
