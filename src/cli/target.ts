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

export function compileTarget(path: string, params: ReadonlyMap<string, string>): Compiled {
  return compileFile(path, { params });
}

/** The one lab file a command takes (plan, up, build), compiled; its errors are thrown. */
export function labFile(p: Parsed, usage: string): Compiled & { readonly lab: Lab } {
  const [file, ...extra] = p.positionals;
  if (!file || extra.length) throw usageError("give one lab file", usage);
  const compiled = compileTarget(file, params(p.values));
  if (!compiled.lab) throw new DiagnosticError(compiled.diagnostics);
  return { ...compiled, lab: compiled.lab };
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
