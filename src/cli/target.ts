// A command's `LAB|FILE` argument: a lab file (compiled for its name and plan) or the name
// of a lab that is up (known by its record).

import { existsSync, statSync } from "node:fs";
import { closest, DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import { type Compiled, compileFile } from "../model/compile.js";
import type { Lab } from "../model/model.js";
import { NAME_PATTERN } from "../model/names.js";
import type { LabRecord } from "../plan/record.js";
import { listLabs, readRecord } from "../runtime/record.js";
import { type Parsed, params, usageError } from "./args.js";

export interface Target {
  readonly lab: string;
  readonly compiled?: Compiled;
  readonly record?: LabRecord;
}

export function looksLikeFile(arg: string): boolean {
  return arg.includes("/") || arg.endsWith(".otop") || (existsSync(arg) && statSync(arg).isFile());
}

export function compileTarget(
  path: string,
  params: ReadonlyMap<string, string>,
  options: { readonly verdicts?: boolean } = {},
): Compiled {
  return compileFile(path, { params, ...options });
}

/** A lab's model and, when it is up, its record. */
export interface Modelled {
  readonly compiled: Compiled & { readonly lab: Lab };
  readonly record?: LabRecord;
}

/**
 * `FILE|LAB` for the commands that read a lab's expectations (`trace`, `test`): the file,
 * or the file the lab of that name was brought up from. The model's verdicts are theirs to
 * report, so an expectation that cannot hold is no error here.
 */
export function modelTarget(arg: string, params: ReadonlyMap<string, string>): Modelled {
  const target = resolveTarget(arg, params);
  const path = target.compiled?.file.path ?? target.record?.file;
  if (path === undefined)
    throw new DiagnosticError(
      diag("OT6007", `lab ${arg} is not up`, {
        help: "give the lab's file, or the name of a lab that is up (see `opentop ls`)",
      }),
    );
  const compiled = compileTarget(path, params, { verdicts: false });
  if (!compiled.lab) throw new DiagnosticError(compiled.diagnostics);
  return {
    compiled: { ...compiled, lab: compiled.lab },
    ...(target.record ? { record: target.record } : {}),
  };
}

/** The one lab file a command takes (plan, up, build), compiled; its errors are thrown. */
export function labFile(p: Parsed, usage: string): Compiled & { readonly lab: Lab } {
  const [file, ...extra] = p.positionals;
  if (!file || extra.length) throw usageError("give one lab file", usage);
  const compiled = compileTarget(file, params(p.values));
  if (!compiled.lab) throw new DiagnosticError(compiled.diagnostics);
  return { ...compiled, lab: compiled.lab };
}

/**
 * The one lab file of `apply` and `plan --diff`, compiled with the `--set` values its running
 * lab was brought up (or last changed) with, overridden by those given: a value set once stays
 * until it is set again. Its errors are thrown; `record` is the running lab's, if any.
 */
export function labFileOverRecord(
  p: Parsed,
  usage: string,
): { compiled: Compiled & { readonly lab: Lab }; record?: LabRecord } {
  const given = params(p.values);
  const first = labFile(p, usage);
  const record = readRecord(first.lab.name);
  if (record instanceof Error)
    throw new DiagnosticError(
      diag("OT6013", `the record of lab ${first.lab.name} cannot be read: ${record.message}`, {
        help: `\`opentop down ${first.lab.name}\` removes the lab by its marks`,
      }),
    );
  const kept = Object.entries(record?.params ?? {}).filter(([k]) => !given.has(k));
  if (kept.length === 0) return { compiled: first, ...(record ? { record } : {}) };
  const merged = new Map([...kept, ...given]);
  const compiled = compileTarget(first.file.path, merged);
  if (!compiled.lab) throw new DiagnosticError(compiled.diagnostics);
  return { compiled: { ...compiled, lab: compiled.lab }, ...(record ? { record } : {}) };
}

/** The one `LAB|FILE` a command takes (status, down); `tolerant` as for resolveTarget. */
export function labTarget(p: Parsed, usage: string, tolerant = false): Target {
  const [arg, ...extra] = p.positionals;
  if (!arg || extra.length) throw usageError("give one lab name or lab file", usage);
  return resolveTarget(arg, params(p.values), tolerant);
}

/**
 * `tolerant`: an unreadable record is treated as none (for `down`, which then finds the
 * lab by its marks) instead of being an error (OT6013).
 */
export function resolveTarget(arg: string, params: ReadonlyMap<string, string>, tolerant = false): Target {
  if (looksLikeFile(arg)) {
    const compiled = compileTarget(arg, params);
    if (!compiled.labName) throw new DiagnosticError(compiled.diagnostics);
    return withRecord({ lab: compiled.labName, compiled }, tolerant);
  }
  if (!NAME_PATTERN.test(arg))
    throw new DiagnosticError(
      diag("OT6007", `\`${arg}\` is neither a lab file nor a lab name`, {
        help: "give the lab's name (see `opentop ls`) or the path of its file",
      }),
    );
  return withRecord({ lab: arg }, tolerant);
}

function withRecord(t: Target, tolerant: boolean): Target {
  const record = readRecord(t.lab);
  if (record instanceof Error && tolerant) return t;
  if (record instanceof Error)
    throw new DiagnosticError(
      diag("OT6013", `the record of lab ${t.lab} cannot be read: ${record.message}`, {
        help: `\`opentop down ${t.lab}\` removes the lab by its marks`,
      }),
    );
  return { ...t, ...(record ? { record } : {}) };
}

export function requireRecord(t: Target): LabRecord {
  if (t.record) return t.record;
  const guess = t.compiled
    ? undefined
    : closest(
        t.lab,
        listLabs().filter((l) => l !== t.lab),
      );
  throw new DiagnosticError(
    diag("OT6007", `lab ${t.lab} is not up`, {
      help: t.compiled
        ? `bring it up with \`opentop up ${t.compiled.file.path}\``
        : guess
          ? `did you mean \`${guess}\`? (\`opentop ls\` lists the labs on this machine)`
          : "see `opentop ls` for the labs on this machine",
    }),
  );
}
