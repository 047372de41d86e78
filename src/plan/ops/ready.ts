// Waiting for a service to be ready (src/model/ready.ts): one `exec` step per service after
// the services have started, run by `up` and by the script's `up` alike. A service that
// exits, disappears or is not ready in time fails `up`, which then rolls back.

import { READY } from "../snippets.js";
import { type Base, F, need, type SpecTable } from "./types.js";

export type ReadyOp = Base & {
  readonly kind: "service.ready";
  readonly node: string;
  readonly name: string;
  /** The node's network namespace, where `ss` looks for a listener (null: the host's). */
  readonly ns: string | null;
  readonly pidfile: string;
  readonly status: string;
  readonly log: string;
  readonly check: "started" | "tcp" | "udp" | "command";
  readonly port?: number;
  /** For `command`: the argv that runs it inside the node. */
  readonly argv?: readonly string[];
  readonly seconds: number;
};

function what(op: ReadyOp): string {
  switch (op.check) {
    case "started":
      return "keeps running";
    case "command":
      return "passes its readiness command";
    default:
      return `listens on ${op.check} ${op.port}`;
  }
}

export const READY_OPS: SpecTable<ReadyOp> = {
  "service.ready": {
    shape: {
      node: F.word,
      name: F.word,
      ns: F.ns,
      pidfile: "lab-path",
      status: "lab-path",
      log: "lab-path",
      check: { oneOf: ["started", "tcp", "udp", "command"] },
      port: F.optional("number"),
      argv: F.optional(F.strings),
      seconds: "number",
    },
    tool: "exec",
    labPrograms: true,
    where: (op) => op.ns,
    words: (op) => [
      "sh",
      "-c",
      READY,
      "opentop-ready",
      op.pidfile,
      op.status,
      op.log,
      String(op.seconds),
      op.check,
      op.port !== undefined ? String(op.port) : "",
      ...(op.argv ? ["--", ...op.argv] : []),
    ],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `wait until service ${op.name} of node ${op.node} ${what(op)}`,
    key: (op) => `ready ${op.node} ${op.name}`,
    leaves: () => [],
    owns: () => [],
    programs: (op) => [
      "sh",
      "cat",
      "tail",
      "sed",
      "sleep",
      ...(op.check === "tcp" || op.check === "udp" ? (["ss"] as const) : []),
      ...(op.argv ? (["nsenter", "env"] as const) : []),
    ],
    // It leaves nothing: waited for again whenever its service starts again.
    needs: (op) => [need(`service ${op.node} ${op.name}`)],
    undo: () => [],
  },
};
