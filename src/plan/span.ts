// The record of a lab brought up on several machines, kept by the machine that brought it up
// (RUN/.machines/LAB/span.json): which machines it spans, how each is reached, which nodes
// each holds, and the script each ran, so that `down LAB`, `status LAB` and `exec LAB NODE`
// work without the file. Each machine keeps its own record of its part as well (src/plan/
// record.ts); this one only says where the parts are. Its content is a pure function of
// the model and the machines' plans; on disk it is src/runtime/span.ts's.

import { resolve } from "node:path";
import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import type { Compiled } from "../model/compile.js";
import type { SshTarget } from "../model/machines.js";
import type { Machine } from "../model/model.js";
import type { NodeRuntime } from "./enter.js";
import type { LabState } from "./record.js";

export const SPAN_VERSION = 1;

export interface SpanMachine {
  readonly name: string;
  readonly address: string;
  readonly ssh: SshTarget;
  readonly sshOptions: readonly (readonly [string, string])[];
  /** The nodes on it. */
  readonly nodes: readonly string[];
  /** Its script, a file of the span's directory. */
  readonly script: string;
}

export interface SpanRecord {
  readonly version: number;
  readonly lab: string;
  readonly file: string;
  readonly hash: string;
  readonly state: LabState;
  readonly createdAt: string;
  readonly machines: readonly SpanMachine[];
  /** How to enter the nodes that isolate more than their network, on whichever machine. */
  readonly isolation?: Readonly<Record<string, NodeRuntime>>;
}

/** The record of a lab about to come up on `machines`, each with its plan's node runtimes. */
export function spanOf(
  compiled: Compiled,
  machines: readonly { readonly machine: Machine; readonly nodes?: Readonly<Record<string, NodeRuntime>> }[],
  createdAt: string,
): SpanRecord {
  const lab = compiled.lab;
  if (!lab) throw new Error("internal: no model");
  const isolation = Object.assign({}, ...machines.map((m) => m.nodes ?? {})) as Record<string, NodeRuntime>;
  return {
    version: SPAN_VERSION,
    lab: lab.name,
    file: resolve(compiled.file.path),
    hash: compiled.hash,
    state: "creating",
    createdAt,
    machines: machines.map(({ machine }) => ({
      name: machine.name,
      address: machine.address,
      ssh: machine.ssh,
      sshOptions: machine.sshOptions,
      nodes: lab.nodes.filter((n) => n.machine === machine.name).map((n) => n.name),
      script: `${machine.name}.sh`,
    })),
    ...(Object.keys(isolation).length ? { isolation } : {}),
  };
}

/** The span record of `lab` in `text`, or why it is not one this version reads. */
export function parseSpan(text: string, lab: string): SpanRecord | Error {
  let x: unknown;
  try {
    x = JSON.parse(text);
  } catch {
    return new Error("it is not valid JSON");
  }
  if (typeof x !== "object" || x === null || Array.isArray(x))
    return new Error("it is not a record OpenTop wrote");
  const r = x as Record<string, unknown>;
  if (r.version !== SPAN_VERSION || r.lab !== lab)
    return new Error(`span record version ${String(r.version)} of lab ${String(r.lab)} is not understood`);
  if (r.state !== "creating" && r.state !== "up") return new Error("its state is neither creating nor up");
  if (!Array.isArray(r.machines) || !r.machines.every(isSpanMachine))
    return new Error("its machines are not as OpenTop wrote them");
  return r as unknown as SpanRecord;
}

function isSpanMachine(m: unknown): boolean {
  if (typeof m !== "object" || m === null) return false;
  const o = m as Record<string, unknown>;
  const ssh = o.ssh as Record<string, unknown> | undefined;
  return (
    typeof o.name === "string" &&
    /^[A-Za-z][A-Za-z0-9_-]*$/.test(o.name) &&
    typeof o.address === "string" &&
    typeof ssh === "object" &&
    ssh !== null &&
    typeof ssh.host === "string" &&
    Array.isArray(o.sshOptions) &&
    Array.isArray(o.nodes) &&
    typeof o.script === "string" &&
    /^[A-Za-z][A-Za-z0-9_-]*\.sh$/.test(o.script)
  );
}

/** The machine that holds `node`, if the span has it. */
export function machineOfNode(span: SpanRecord, node: string): SpanMachine | undefined {
  return span.machines.find((m) => m.nodes.includes(node));
}

/**
 * A lab on several machines is not changed in place yet (OT6049): each machine holds its part
 * under its own record, and changing them together — and rolling them back together — is
 * more than each machine's `apply`. `doing` names what refuses (`apply`, `plan --diff`).
 */
export function acrossMachines(lab: string, machines: number, doing: string): Diagnostic {
  return diag(
    "OT6049",
    `lab ${lab} is on ${machines > 0 ? `${machines} machines` : "several machines"}: ${doing} does not act on a lab on several machines yet`,
    {
      notes: [
        "each machine holds its part under its own record; changing the parts together, and rolling them back together, is not done yet",
      ],
      help: `take it down and up again: \`opentop down ${lab}\`, then \`opentop up FILE\``,
    },
  );
}
