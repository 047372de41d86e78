// Compiling a lab for the API and the CLI: the front end, then this machine's plan, with the
// `--set` values given — and, for `apply`, those the running lab of that name was given,
// unless set again or unset. Bad input is never an exception: every problem is a diagnostic.

import { type Diagnostic, DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import { sourceFile } from "../diagnostics/source.js";
import { type Compiled, compileFile, compileSource } from "../model/compile.js";
import type { Lab as Model } from "../model/model.js";
import type { Firewall } from "../plan/firewall.js";
import type { Plan } from "../plan/plan.js";
import type { LabRecord } from "../plan/record.js";
import { hostForwardingWarnings } from "../runtime/firewall.js";
import { lowerHere } from "../runtime/platform.js";
import { readRecord } from "../runtime/record.js";
import { OpentopError } from "./errors.js";

/** Parameters as `--set` gives them. */
export type Params = Readonly<Record<string, string | number>>;

export interface CompileOptions {
  /** The lab's text; without it, the file is read. */
  readonly source?: string;
  /** Values for the lab's parameters (`--set NAME=VALUE`). */
  readonly params?: Params;
  /**
   * Start from the values the running lab of the same name was given (`up` or an earlier
   * `apply`), as `apply` does: a value set once stays until it is set again or unset.
   */
  readonly keep?: boolean;
  /** With `keep`: parameters whose kept value is dropped (back to the file's default). */
  readonly unset?: readonly string[];
  /** How filters are lowered (default: nft where it is installed, else iptables). */
  readonly firewall?: Firewall;
}

export interface Compilation {
  /** The lab file's path, as given. */
  readonly file: string;
  /** The lab's name, when the file declares a valid one. */
  readonly name?: string;
  /** The checked model; absent when there are errors. */
  readonly model?: Model;
  /** The plan for this machine; absent when there are errors. */
  readonly plan?: Plan;
  /** The parameter values it was compiled with (given, and kept from the running lab). */
  readonly params: Readonly<Record<string, string>>;
  /** Errors and warnings, as data, in the order of the file. */
  readonly diagnostics: readonly Diagnostic[];
}

/** What `up` and `apply` need besides the public view: the front end's own result. */
const FRONT = new WeakMap<Compilation, Compiled & { readonly lab: Model }>();

/** Compiles a lab file, or with `source`, the text of one (named `file` in diagnostics). Never throws on bad input. */
export function compile(file: string, options: CompileOptions = {}): Compilation {
  const given = new Map(Object.entries(options.params ?? {}).map(([k, v]) => [k, String(v)]));
  const unset = options.unset ?? [];
  const front = (params: ReadonlyMap<string, string>) =>
    options.source !== undefined
      ? compileSource(sourceFile(file, options.source), { params })
      : compileFile(file, { params });
  const both = unset.filter((n) => given.has(n));
  if (both.length) return failed(file, [setAndUnset(both)]);
  let compiled = front(given);
  const extra: Diagnostic[] = [];
  const declared = new Set(compiled.parameters ?? []);
  for (const name of unset) if (compiled.parameters && !declared.has(name)) extra.push(noSuchParameter(name));
  if (options.keep && compiled.lab) {
    const record = readRecord(compiled.lab.name);
    if (record instanceof Error) return failed(file, [unreadableRecord(compiled.lab.name, record)]);
    const kept = keptValues(record, given, unset);
    for (const [name, value] of kept)
      if (!declared.has(name)) extra.push(droppedValue(compiled.lab.name, name, value));
    const merged = kept.filter(([name]) => declared.has(name));
    if (merged.length) compiled = front(new Map([...merged, ...given]));
  }
  return finish(file, compiled, extra, options.firewall);
}

/** The values a running lab keeps: those it was given, less those given now or unset. */
function keptValues(
  record: LabRecord | undefined,
  given: ReadonlyMap<string, string>,
  unset: readonly string[],
): [string, string][] {
  return Object.entries(record?.params ?? {}).filter(([k]) => !given.has(k) && !unset.includes(k));
}

/** The model lowered for this machine, its warnings added; a lowering that refuses is a diagnostic. */
function finish(
  file: string,
  compiled: Compiled,
  extra: readonly Diagnostic[],
  firewall: Firewall | undefined,
): Compilation {
  const params = Object.fromEntries(compiled.params ?? []);
  const base = { file, ...(compiled.labName !== undefined ? { name: compiled.labName } : {}), params };
  const diagnostics = [...compiled.diagnostics, ...extra];
  const lab = compiled.lab;
  if (!lab || diagnostics.some((d) => d.severity === "error")) return { ...base, diagnostics };
  let plan: Plan;
  try {
    plan = lowerHere(lab, firewall !== undefined ? { firewall } : {});
  } catch (e) {
    if (e instanceof DiagnosticError) return { ...base, diagnostics: [...diagnostics, ...e.diagnostics] };
    throw e;
  }
  const out: Compilation = {
    ...base,
    model: lab,
    plan,
    diagnostics: [...diagnostics, ...hostForwardingWarnings(plan)],
  };
  FRONT.set(out, { ...compiled, lab });
  return out;
}

function failed(file: string, diagnostics: Diagnostic[]): Compilation {
  return { file, params: {}, diagnostics };
}

/** The front end's result and the plan of a compilation without errors; else its diagnostics are thrown. */
export function frontOf(c: Compilation): { compiled: Compiled & { readonly lab: Model }; plan: Plan } {
  const compiled = FRONT.get(c);
  if (!compiled || !c.plan) {
    if (c.diagnostics.some((d) => d.severity === "error")) throw new OpentopError(c.diagnostics);
    throw new OpentopError(
      diag("OT9003", "internal error: not a compilation of this OpenTop", {
        help: "pass the object `compile()` returned, as it is",
      }),
    );
  }
  return { compiled, plan: c.plan };
}

/** A file compiled, or a compilation as given; its errors are thrown. */
export function compiledTarget(
  target: string | Compilation,
  options: CompileOptions,
): { c: Compilation; compiled: Compiled & { readonly lab: Model }; plan: Plan } {
  const c = typeof target === "string" ? compile(target, options) : target;
  return { c, ...frontOf(c) };
}

export function unreadableRecord(lab: string, e: Error): Diagnostic {
  return diag("OT6013", `the record of lab ${lab} cannot be read: ${e.message}`, {
    help: `inspect its file under /run/opentop/${lab}/; \`opentop down ${lab}\` removes the lab by its marks`,
  });
}

function setAndUnset(names: readonly string[]): Diagnostic {
  return diag("OT6064", `${names.map((n) => `\`${n}\``).join(", ")} is both set and unset`, {
    help: "give each parameter either `--set NAME=VALUE` or `--unset NAME`",
  });
}

function noSuchParameter(name: string): Diagnostic {
  return diag("OT6064", `\`--unset ${name}\` names no parameter of this lab`, {
    help: "`--unset NAME` drops the value a running lab keeps for one of its file's `param`s",
  });
}

function droppedValue(lab: string, name: string, value: string): Diagnostic {
  return diag(
    "OT6065",
    `lab ${lab} was given \`${name}=${value}\`, but its file no longer has that parameter`,
    {
      notes: ["the value is dropped: a value is kept only for a parameter the file still declares"],
    },
  );
}
