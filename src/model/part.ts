// One machine's part of a lab: the nodes on it and the links that touch them. A lab with
// machines is lowered one machine at a time (src/plan/lower.ts); a lab without machines is
// all one part, whichever machine runs it.

import { endsOf } from "./links/index.js";
import type { Lab, Machine } from "./model.js";

/**
 * The part of `lab` on `machine`: its nodes, the switches with a bridge there, and every link
 * one of whose ends is there (a tunnel's other end is on another machine).
 */
export function partOn(lab: Lab, machine: string | undefined): Lab {
  if (machine === undefined || lab.machines.length === 0) return lab;
  const here = new Set(lab.nodes.filter((n) => n.machine === machine).map((n) => n.name));
  return {
    ...lab,
    nodes: lab.nodes.filter((n) => here.has(n.name)),
    switches: lab.switches.filter((s) => s.machines?.includes(machine)),
    links: lab.links.filter((l) => endsOf(l).some((j) => here.has(j.end.node))),
  };
}

/** The machine of that name, or undefined. */
export function machineNamed(lab: Lab, name: string): Machine | undefined {
  return lab.machines.find((m) => m.name === name);
}

/** The machines that hold something of the lab: a node or a switch's bridge. */
export function machinesInUse(lab: Lab): Machine[] {
  const used = new Set([
    ...lab.nodes.flatMap((n) => (n.machine !== undefined ? [n.machine] : [])),
    ...lab.switches.flatMap((s) => s.machines ?? []),
  ]);
  return lab.machines.filter((m) => used.has(m.name));
}
