// The operations of `opentop test` (and the script's `test`): a throwaway listener where an
// expectation's packets land, started only if nothing listens there, and stopped by its PID;
// and the probe itself. They leave nothing in the kernel (`leaves` is empty) and own
// nothing: a listener ends by itself after its lifetime even if nothing stops it.

import type { ProbeProtocol } from "../../model/model.js";
import { LISTEN, PROBE, SETTLE } from "../probes.js";
import { STOP } from "../snippets.js";
import { type Base, F, type Field, NOTHING, RANK, type SpecTable } from "./types.js";

export type ProbeOp = Base & ProbeOpBody;

type ProbeOpBody =
  | {
      readonly kind: "listen.start";
      readonly node: string;
      /** The node's network namespace. */
      readonly ns: string;
      readonly proto: "tcp" | "udp";
      readonly family: 4 | 6;
      readonly address: string;
      readonly port: number;
      readonly pidfile: string;
      readonly mark: string;
      /** Seconds after which it ends by itself. */
      readonly lifetime: number;
    }
  | {
      readonly kind: "listen.stop";
      readonly node: string;
      readonly proto: "tcp" | "udp";
      readonly address: string;
      readonly port: number;
      readonly pidfile: string;
      readonly mark: string;
    }
  | {
      readonly kind: "probe";
      /** Which row of the test it is (its key). */
      readonly id: string;
      readonly node: string;
      readonly ns: string;
      readonly proto: ProbeProtocol;
      readonly family: 4 | 6;
      readonly dst: string;
      readonly port?: number;
      /** The source address, when the expectation fixes it. */
      readonly src?: string;
      readonly seconds: number;
    }
  | {
      /** Wait until the node's IPv6 addresses have passed duplicate address detection. */
      readonly kind: "addr.settle";
      readonly node: string;
      readonly ns: string;
      /** At most this long. */
      readonly seconds: number;
    }
  | {
      /**
       * Forget a node's learnt neighbours (not permanent ones): between the rounds of a
       * large matrix, whose pairs would otherwise fill the kernel's neighbour table, which
       * is one for the whole machine.
       */
      readonly kind: "neigh.flush";
      readonly node: string;
      readonly ns: string;
      readonly round: number;
    };

export type ProbeKind = ProbeOp["kind"];

function where(address: string, port: number, family: 4 | 6): string {
  return family === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

const PROTO: Field = { oneOf: ["tcp", "udp"] };
const FAMILY: Field = { oneOf: [4, 6] };

export const PROBE_OPS: SpecTable<ProbeOp> = {
  "listen.start": {
    // In the test (`Plan.tests`), never in the plan `apply` compares.
    ...NOTHING,
    shape: {
      node: F.word,
      ns: "netns",
      proto: PROTO,
      family: FAMILY,
      address: F.word,
      port: "number",
      pidfile: "lab-path",
      mark: "mark",
      lifetime: "number",
    },
    tool: "exec",
    where: (op) => op.ns,
    words: (op) => [
      "sh",
      "-c",
      LISTEN,
      "opentop-listen",
      op.pidfile,
      op.mark,
      String(op.lifetime),
      op.proto,
      String(op.family),
      op.address,
      String(op.port),
    ],
    inverse: (op) => ({
      kind: "listen.stop",
      node: op.node,
      proto: op.proto,
      address: op.address,
      port: op.port,
      pidfile: op.pidfile,
      mark: op.mark,
    }),
    undone: () => "self",
    describe: (op) =>
      `listen on ${op.proto} ${where(op.address, op.port, op.family)} in node ${op.node}, unless something does`,
    key: (op) => `listen ${op.node} ${op.proto} ${op.address} ${op.port}`,
    leaves: () => [],
    owns: () => [],
    programs: () => ["sh", "ss", "mkdir", "setsid", "timeout", "socat", "sleep"],
  },
  "listen.stop": {
    // In the test (`Plan.tests`), never in the plan `apply` compares.
    ...NOTHING,
    shape: {
      node: F.word,
      proto: PROTO,
      address: F.word,
      port: "number",
      pidfile: "lab-path",
      mark: "mark",
    },
    tool: "exec",
    where: () => null,
    words: (op) => ["sh", "-c", STOP, "opentop-stop", op.pidfile, op.mark, "10", "group"],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `stop the listener on ${op.proto} ${op.address} port ${op.port} in node ${op.node}`,
    rank: () => RANK.services,
    key: (op) => `listen ${op.node} ${op.proto} ${op.address} ${op.port}`,
    leaves: () => [],
    owns: () => [],
    programs: () => ["sh", "cat", "tr", "sed", "sleep"],
  },
  "addr.settle": {
    // In the test (`Plan.tests`), never in the plan `apply` compares.
    ...NOTHING,
    shape: { node: F.word, ns: "netns", seconds: "number" },
    tool: "exec",
    where: (op) => op.ns,
    words: (op) => ["sh", "-c", SETTLE, "opentop-settle", String(op.seconds)],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) =>
      `wait until the IPv6 addresses of node ${op.node} have passed duplicate address detection (at most ${op.seconds} s)`,
    key: (op) => `settle ${op.node}`,
    leaves: () => [],
    owns: () => [],
    programs: () => ["sh", "ip", "sleep"],
  },
  "neigh.flush": {
    // In the test (`Plan.tests`), never in the plan `apply` compares.
    ...NOTHING,
    shape: { node: F.word, ns: "netns", round: "number" },
    tool: "ip",
    where: (op) => op.ns,
    words: () => ["neigh", "flush", "all"],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `forget the neighbours node ${op.node} has learnt (round ${op.round})`,
    key: (op) => `neigh-flush ${op.node} ${op.round}`,
    leaves: () => [],
    owns: () => [],
  },
  probe: {
    // In the test (`Plan.tests`), never in the plan `apply` compares.
    ...NOTHING,
    shape: {
      id: "string",
      node: F.word,
      ns: "netns",
      proto: { oneOf: ["icmp", "tcp", "udp"] },
      family: FAMILY,
      dst: F.word,
      port: F.optional("number"),
      src: F.optional(F.word),
      seconds: "number",
    },
    tool: "exec",
    where: (op) => op.ns,
    words: (op) => [
      "sh",
      "-c",
      PROBE,
      "opentop-probe",
      op.proto,
      String(op.family),
      op.dst,
      op.port !== undefined ? String(op.port) : "",
      op.src ?? "",
      String(op.seconds),
    ],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) =>
      `probe ${op.proto}${op.port !== undefined ? ` ${where(op.dst, op.port, op.family)}` : ` ${op.dst}`} from node ${op.node}${op.src ? ` (from ${op.src})` : ""}`,
    key: (op) => `probe ${op.id}`,
    leaves: () => [],
    owns: () => [],
    programs: (op) => (op.proto === "icmp" ? ["sh", "ping"] : ["sh", "socat"]),
  },
};
