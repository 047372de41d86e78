// A command's lab argument: its one lab file (`up`, `plan`, `build`, `check`), or `LAB|FILE`
// — a lab file or the name of a lab that is up — which the API resolves (src/api/target.ts).

import { type Compilation, compile } from "../api/compile.js";
import { resolveTarget, type Target } from "../api/target.js";
import { DiagnosticError } from "../diagnostics/diagnostic.js";
import { type Compiled, compileFile } from "../model/compile.js";
import type { Lab } from "../model/model.js";
import { type Parsed, params, usageError } from "./args.js";
import { firewallOf } from "./firewall.js";
import { type Io, printDiagnostics } from "./io.js";

export {
  looksLikeFile,
  type Modelled,
  modelTarget,
  requireRecord,
  resolveTarget,
  type Target,
} from "../api/target.js";

export function compileTarget(
  path: string,
  params: ReadonlyMap<string, string>,
  options: { readonly verdicts?: boolean } = {},
): Compiled {
  return compileFile(path, { params, ...options });
}

/** The one lab file a command takes (plan, build), compiled; its errors are thrown. */
export function labFile(p: Parsed, usage: string): Compiled & { readonly lab: Lab } {
  const compiled = compileTarget(onePositional(p, usage, "give one lab file"), params(p.values));
  if (!compiled.lab) throw new DiagnosticError(compiled.diagnostics);
  return { ...compiled, lab: compiled.lab };
}

/** The one positional a command takes, or a usage error. */
export function onePositional(p: Parsed, usage: string, what: string): string {
  const [arg, ...extra] = p.positionals;
  if (!arg || extra.length) throw usageError(what, usage);
  return arg;
}

/** The one `LAB|FILE` a command takes (status, down); `tolerant` as for resolveTarget. */
export function labTarget(p: Parsed, usage: string, tolerant = false): Target {
  return resolveTarget(onePositional(p, usage, "give one lab name or lab file"), params(p.values), tolerant);
}

/**
 * The command's one lab file compiled (the API's `compile`, with `--set`, `--unset`,
 * `--firewall` and `--machine`, and for `apply` the values its running lab keeps); its
 * warnings printed, its errors thrown. A lab on several machines, without `--machine`, has
 * each machine's plan (`machines`) instead of this machine's (`plan`).
 */
export function compiledOrThrown(p: Parsed, usage: string, io: Io, keep = false): Compilation {
  const file = onePositional(p, usage, "give one lab file");
  const unset = [p.values.unset ?? []].flat().map(String);
  const machine = p.values.machine;
  const c = compile(file, {
    params: Object.fromEntries(params(p.values)),
    ...firewallOf(p.values),
    ...(keep ? { keep, unset } : {}),
    ...(typeof machine === "string" ? { machine } : {}),
  });
  if (!c.model) throw new DiagnosticError(c.diagnostics);
  if (p.format !== "json") printDiagnostics(io, c.diagnostics, p.format);
  return c;
}
