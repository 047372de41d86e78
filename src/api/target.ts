// A lab named by the user: the path of its file (compiled for its name and plan) or the name
// of a lab that is up (known by its record). The API's functions and the CLI's commands take
// either alike.

import { existsSync, statSync } from "node:fs";
import { closest, DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import { type Compiled, compileFile } from "../model/compile.js";
import type { Lab } from "../model/model.js";
import { NAME_PATTERN } from "../model/names.js";
import type { LabRecord } from "../plan/record.js";
import { listLabs, readRecord } from "../runtime/record.js";
import { unreadableRecord } from "./compile.js";

export interface Target {
  readonly lab: string;
  readonly compiled?: Compiled;
  readonly record?: LabRecord;
}

export function looksLikeFile(arg: string): boolean {
  return arg.includes("/") || arg.endsWith(".otop") || (existsSync(arg) && statSync(arg).isFile());
}

/**
 * `arg` as a lab file or a lab's name, with its record when it is up. `tolerant`: an
 * unreadable record is treated as none (for `down`, which then finds the lab by its marks)
 * instead of being an error (OT6013).
 */
export function resolveTarget(
  arg: string,
  params: ReadonlyMap<string, string> = new Map(),
  tolerant = false,
): Target {
  if (looksLikeFile(arg)) {
    const compiled = compileFile(arg, { params });
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
  if (record instanceof Error) throw new DiagnosticError(unreadableRecord(t.lab, record));
  return { ...t, ...(record ? { record } : {}) };
}

/** A lab's model and, when it is up, its record. */
export interface Modelled {
  readonly compiled: Compiled & { readonly lab: Lab };
  readonly record?: LabRecord;
}

/**
 * `FILE|LAB` for what reads a lab's expectations (`trace`, `test`): the file, or the file the
 * lab of that name was brought up from. The model's verdicts are theirs to report, so an
 * expectation that cannot hold is no error here.
 */
export function modelTarget(arg: string, params: ReadonlyMap<string, string> = new Map()): Modelled {
  const target = resolveTarget(arg, params);
  const path = target.compiled?.file.path ?? target.record?.file;
  if (path === undefined)
    throw new DiagnosticError(
      diag("OT6007", `lab ${arg} is not up`, {
        help: "give the lab's file, or the name of a lab that is up (see `opentop ls`)",
      }),
    );
  const compiled = compileFile(path, { params, verdicts: false });
  if (!compiled.lab) throw new DiagnosticError(compiled.diagnostics);
  return {
    compiled: { ...compiled, lab: compiled.lab },
    ...(target.record ? { record: target.record } : {}),
  };
}

/** The record of a lab that is up, or OT6007 with the closest name of one. */
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

/** OT6006 unless this process is root: `what` needs it. */
export function requireRoot(what: string, help: string, notes: readonly string[] = []): void {
  if (process.getuid?.() === 0) return;
  throw new DiagnosticError(diag("OT6006", `${what} needs root`, { notes, help }));
}
