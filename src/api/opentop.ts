// OpenTop as a library: `import { up, lab } from "opentop"`. The functions the commands run —
// compile, up, apply, diff, down, status, test, capture — and a running lab's handle, whose
// `exec` costs what one `nsenter` costs and whose `spawn` starts a long-running process in a
// node's namespaces and cgroups. The CLI is a layer over these same functions: it parses its
// arguments, prints what they return and maps their errors to exit statuses. Errors are
// thrown as `OpentopError`, whose `diagnostics` are data (code, message, place, notes, help).
// A lab on several machines (`machine NAME ADDRESS`) is compiled — each machine's plan — but
// brought up, changed and taken down by the CLI, over ssh: `up`, `apply`, `diff` and `down`
// refuse it (OT6049).

import type { Diff } from "../plan/diff.js";
import {
  type Applied,
  type ApplyOptions,
  applyLab,
  type Downed,
  type DownOptions,
  downLab,
  type LabStatus,
  labStatus,
  previewLab,
  type UpOptions,
  upLab,
} from "./actions.js";
import type { Compilation } from "./compile.js";
import { RunningLab } from "./running.js";

export type { Diagnostic } from "../diagnostics/diagnostic.js";
export type { Lab as Model } from "../model/model.js";
export type { CapturePoint } from "../plan/capture.js";
export type { Change, ChangeKind, Diff } from "../plan/diff.js";
export type { Op } from "../plan/ops.js";
export type { Plan, Stage, Step } from "../plan/plan.js";
export type { LabRecord } from "../plan/record.js";
export type { ProcResult } from "../runtime/proc.js";
export type { Status } from "../runtime/status.js";
export type {
  Applied,
  ApplyOptions,
  Downed,
  DownOptions,
  LabStatus,
  RunOptions,
  UpOptions,
} from "./actions.js";
export type { Capture, CaptureOptions, CaptureSummary } from "./capture.js";
export { type Compilation, type CompileOptions, compile, type Params } from "./compile.js";
export { ApplyError, OpentopError } from "./errors.js";
export { type ExecOptions, type ExecResult, lab, RunningLab } from "./running.js";
export { type TestOptions, type TestReport, type TestResult, test } from "./test.js";

/** Brings a lab up from its file (or a compilation of it) and returns its handle. */
export async function up(target: string | Compilation, options: UpOptions = {}): Promise<RunningLab> {
  return new RunningLab(await upLab(target, options));
}

/**
 * Changes the running lab into what its file now says (bringing it up if it is not): only the
 * difference runs. `--set` values it was given before are kept unless set again or `unset`.
 */
export function apply(target: string | Compilation, options: ApplyOptions = {}): Promise<Applied> {
  return applyLab(target, options);
}

/** What `apply` would change, without changing it (`plan --diff`); `up`: whether the lab is up. */
export function diff(
  target: string | Compilation,
  options: Pick<ApplyOptions, "params" | "unset" | "firewall"> = {},
): { readonly up: boolean; readonly diff: Diff } {
  return previewLab(target, options);
}

/** Takes a lab down by its name or its file; a lab that is not up is nothing to do. */
export function down(labOrFile: string, options: DownOptions = {}): Promise<Downed> {
  return downLab(labOrFile, options);
}

/** The live state of a lab that is up, by its name or its file, and its drift from its plan (needs root). */
export function status(labOrFile: string): Promise<LabStatus> {
  return labStatus(labOrFile);
}
