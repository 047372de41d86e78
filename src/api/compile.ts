// Compiling a lab for the API and the CLI: the front end, then this machine's plan (each
// machine's, for a lab on several), with the `--set` values given — and, for `apply`, those the
// running lab of that name was given, unless set again or unset. Bad input is never an
// exception: every problem is a diagnostic.

import { closest, type Diagnostic, DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import { sourceFile } from "../diagnostics/source.js";
import { type Compiled, compileFile, compileSource } from "../model/compile.js";
import type { Lab as Model } from "../model/model.js";
import { machinesInUse } from "../model/part.js";
import type { Firewall } from "../plan/firewall.js";
import type { Plan } from "../plan/plan.js";
import type { LabRecord } from "../plan/record.js";
import { acrossMachines } from "../plan/span.js";
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
  /**
   * A lab on several machines: plan only the part of the machine of that name, as that
   * machine (`--machine NAME`: this machine is that one). Without it, each machine's plan.
   */
  readonly machine?: string;
}

export interface Compilation {
  /** The lab file's path, as given. */
  readonly file: string;
  /** The lab's name, when the file declares a valid one. */
  readonly name?: string;
  /** The checked model; absent when there are errors. */
  readonly model?: Model;
  /**
   * The plan for this machine; absent when there are errors, or when the lab is on several
   * machines (`machine`) and none was chosen (`CompileOptions.machine`).
   */
  readonly plan?: Plan;
  /**
   * A lab on several machines, none chosen: each machine's plan, of its part, as this
   * machine's platform would lower it (`opentop up` has each machine lower its own).
   * `up`, `apply` and `diff` refuse such a lab (OT6049): the CLI brings it up over ssh.
   */
  readonly machines?: readonly Plan[];
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
  return finish(file, compiled, extra, options);
}

/** The values a running lab keeps: those it was given, less those given now or unset. */
function keptValues(
  record: LabRecord | undefined,
  given: ReadonlyMap<string, string>,
  unset: readonly string[],
): [string, string][] {
  return Object.entries(record?.params ?? {}).filter(([k]) => !given.has(k) && !unset.includes(k));
}

/**
 * The model lowered for this machine (or, for a lab on several machines, for each of them, or
 * for the one chosen), its warnings added; a lowering that refuses is a diagnostic.
 */
function finish(
  file: string,
  compiled: Compiled,
  extra: readonly Diagnostic[],
  options: Pick<CompileOptions, "firewall" | "machine">,
): Compilation {
  const params = Object.fromEntries(compiled.params ?? []);
  const base = { file, ...(compiled.labName !== undefined ? { name: compiled.labName } : {}), params };
  const diagnostics = [...compiled.diagnostics, ...extra];
  const lab = compiled.lab;
  if (!lab || diagnostics.some((d) => d.severity === "error")) return { ...base, diagnostics };
  const { firewall, machine } = options;
  if (machine !== undefined && !lab.machines.some((m) => m.name === machine))
    return { ...base, diagnostics: [...diagnostics, noSuchMachine(lab, machine)] };
  const lowered = (on: string | undefined) =>
    lowerHere(lab, {
      ...(firewall !== undefined ? { firewall } : {}),
      ...(on !== undefined ? { machine: on } : {}),
    });
  let out: Compilation;
  try {
    if (lab.machines.length && machine === undefined)
      // Each machine's plan; this machine's host forwarding is none of theirs.
      out = { ...base, model: lab, machines: machinesInUse(lab).map((m) => lowered(m.name)), diagnostics };
    else {
      const plan = lowered(machine);
      out = { ...base, model: lab, plan, diagnostics: [...diagnostics, ...hostForwardingWarnings(plan)] };
    }
  } catch (e) {
    if (e instanceof DiagnosticError) return { ...base, diagnostics: [...diagnostics, ...e.diagnostics] };
    throw e;
  }
  // What `up` and `apply` run is this object's plan: frozen, so that it cannot be swapped for
  // another lab's behind the front end's back (that made a record of one lab list another's).
  Object.freeze(out);
  FRONT.set(out, { ...compiled, lab });
  return out;
}

/** `--machine NAME` (`machine`) that is not one of the lab's machines (OT6045). */
export function noSuchMachine(lab: Model, name: string): Diagnostic {
  const names = lab.machines.map((m) => m.name);
  const guess = closest(name, names);
  return diag(
    "OT6045",
    names.length ? `lab ${lab.name} has no machine \`${name}\`` : `lab ${lab.name} has no machines`,
    {
      help: names.length
        ? guess
          ? `did you mean \`${guess}\`?`
          : `its machines are ${names.map((m) => `\`${m}\``).join(", ")}`
        : "`--machine` chooses a part of a lab declared on several machines (`machine NAME ADDRESS`); this one is all this machine's",
    },
  );
}

function failed(file: string, diagnostics: Diagnostic[]): Compilation {
  return { file, params: {}, diagnostics };
}

/** The front end's result of a compilation without errors (of a lab on several machines too); else its diagnostics are thrown. */
export function frontEnd(c: Compilation): Compiled & { readonly lab: Model } {
  const compiled = typeof c === "object" && c !== null ? FRONT.get(c) : undefined;
  if (compiled) return compiled;
  // Anything else passed for a compilation (`up({})`, a copy, a forgery) is refused, not a TypeError.
  if (Array.isArray(c?.diagnostics) && c.diagnostics.some((d) => d?.severity === "error"))
    throw new OpentopError(c.diagnostics);
  throw new OpentopError(
    diag("OT9003", "internal error: not a compilation of this OpenTop", {
      help: "pass the object `compile()` returned, as it is",
    }),
  );
}

/**
 * The front end's result and the plan of a compilation without errors; else its diagnostics
 * are thrown. A lab on several machines has no one plan: `doing` (`the API's up`) refuses it
 * (OT6049) — unless one of its machines was chosen.
 */
export function frontOf(
  c: Compilation,
  doing = "the API",
): { compiled: Compiled & { readonly lab: Model }; plan: Plan } {
  const compiled = frontEnd(c);
  if (!c.plan) throw new OpentopError(onSeveralMachines(compiled.lab, doing));
  return { compiled, plan: c.plan };
}

/** A file compiled, or a compilation as given; its errors are thrown, and a lab on several machines refused (`frontOf`). */
export function compiledTarget(
  target: string | Compilation,
  options: CompileOptions,
  doing?: string,
): { c: Compilation; compiled: Compiled & { readonly lab: Model }; plan: Plan } {
  const c = typeof target === "string" ? compile(target, options) : target;
  return { c, ...frontOf(c, doing) };
}

/**
 * The API brings up, changes and compares labs of this machine: a lab on several machines is
 * the CLI's (`opentop up FILE` acts on each machine over ssh), and is refused (OT6049).
 */
export function onSeveralMachines(lab: Model, doing: string): Diagnostic {
  return {
    ...acrossMachines(lab.name, lab.machines.length, doing),
    help: `\`opentop up FILE\` brings it up on every machine over ssh, \`opentop down ${lab.name}\` takes it down`,
  };
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
