// The programs a plan may run, each with the package that provides it and why a lab needs
// it. `up` checks for exactly the programs of its plan and the emitted script names the
// same ones, so a lab that does not filter never asks for nft (the brief's "no bloat").

import type { Plan, Stage } from "./plan.js";
import { command } from "./plan.js";

export type Program = "ip" | "sysctl" | "nsenter";

export interface ProgramSpec {
  /** The distribution package that provides it (Debian's name). */
  readonly package: string;
  /** Completes "PROGRAM not found: …": why this lab needs it. */
  readonly why: string;
}

export const PROGRAMS: { readonly [P in Program]: ProgramSpec } = {
  ip: { package: "iproute2", why: "this lab creates namespaces, links, addresses and routes with it" },
  sysctl: { package: "procps", why: "this lab sets sysctls" },
  nsenter: { package: "util-linux", why: "this lab runs programs inside its namespaces with it" },
};

/** Programs the stages run, each once, in the order they are first needed. */
export function programsOf(stages: readonly Stage[]): Program[] {
  const out = new Set<Program>();
  for (const stage of stages)
    for (const step of stage.steps) for (const p of command(step).programs) out.add(p);
  return [...out];
}

/** Programs `up` needs: its own and those of the tear-down that rolls it back. */
export function programsNeeded(plan: Plan): Program[] {
  return [...new Set([...programsOf(plan.stages), ...programsOf(plan.teardown)])];
}
