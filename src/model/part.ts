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
  return partsOf(lab).get(machine) ?? { ...lab, nodes: [], switches: [], links: [] };
}

/** Every machine's part, made in one pass over the lab and kept with it (a lab is immutable). */
const PARTS = new WeakMap<Lab, Map<string, Lab>>();

function partsOf(lab: Lab): Map<string, Lab> {
  const known = PARTS.get(lab);
  if (known) return known;
  const parts = new Map(
    lab.machines.map((m) => [
      m.name,
      {
        nodes: [] as Lab["nodes"][number][],
        switches: [] as Lab["switches"][number][],
        links: [] as Lab["links"][number][],
      },
    ]),
  );
  const machineOf = new Map(lab.nodes.map((n) => [n.name, n.machine]));
  for (const n of lab.nodes) if (n.machine !== undefined) parts.get(n.machine)?.nodes.push(n);
  for (const s of lab.switches) for (const m of s.machines ?? []) parts.get(m)?.switches.push(s);
  for (const l of lab.links) {
    const on = new Set(endsOf(l).flatMap((j) => machineOf.get(j.end.node) ?? []));
    for (const m of on) parts.get(m)?.links.push(l);
  }
  const out = new Map([...parts].map(([name, p]) => [name, { ...lab, ...p }]));
  PARTS.set(lab, out);
  return out;
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
