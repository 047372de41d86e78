// The tools a step can be, one entry each: the process it runs for its operations, what it
// reads on standard input, and — after a failure — which operation it says failed. The
// runner, the script, `plan` and failure diagnostics read this table; a new tool is one
// entry, and its program must be in the table of programs.

import type { Tool } from "./ops/types.js";
import { type Op, programsOf, scriptOf, wordsOf } from "./ops.js";
import { isProgram, type Program } from "./programs.js";

export interface Failed {
  /** The operation that failed, when the tool says which. */
  readonly op?: Op;
  /** A batch's failing line, 1-based: the operations before it took effect, none after. */
  readonly line?: number;
}

interface ToolSpec {
  /**
   * The argv that runs the operations, before it is entered into the step's namespace. Its
   * first word is a program of the table (checked by the compiler, and for an `exec` step's
   * own argv when the command is made).
   */
  argv(ops: readonly Op[], options: { readonly force?: boolean }): [Program, ...string[]];
  /** What the process reads on standard input, if anything. */
  stdin(ops: readonly Op[]): string | undefined;
  /** From the tool's error output: which operation failed. */
  locate(stderr: string, ops: readonly Op[]): Failed;
  /** The tool's error in short, and the line of its input it refused, where it says so. */
  explain?(
    stderr: string,
    ops: readonly Op[],
  ): { readonly message: string; readonly line?: string } | undefined;
  /** Programs the operations run besides the tool (an `exec` step's sh programs). */
  also(ops: readonly Op[]): Program[];
}

/** `ip -batch` and `tc -batch` report the failing line of their input: `Command failed -:N`. */
function batchFailure(stderr: string, ops: readonly Op[]): Failed {
  const m = /Command failed -:(\d+)/.exec(stderr);
  if (!m) return only(ops);
  const line = Number(m[1]);
  const op = ops[line - 1];
  return { line, ...(op ? { op } : {}) };
}

/** Without a word from the tool, a step of one operation failed at that operation. */
function only(ops: readonly Op[]): Failed {
  const op = ops.length === 1 ? ops[0] : undefined;
  return op ? { op } : {};
}

function scripts(ops: readonly Op[]): string {
  return ops.map((op) => scriptOf(op) ?? "").join("");
}

/** Each restore file applies as one transaction: nothing tells which operation failed. */
function restore(tool: "iptables" | "ip6tables"): ToolSpec {
  return {
    // -w: iptables-legacy serialises on one lock for the whole machine; wait for it
    // rather than fail when the steps of a stage run concurrently.
    argv: () => [`${tool}-restore`, "-w"],
    stdin: scripts,
    locate: (_, ops) => only(ops),
    also: () => [],
  };
}

/** iproute2's `ip`, `tc` and `bridge`: the operations as the lines of one `-batch -`. */
function iproute2(program: "ip" | "tc" | "bridge"): ToolSpec {
  return {
    argv: (_, o) => [program, ...(o.force ? ["-force"] : []), "-batch", "-"],
    stdin: (ops) => ops.map((op) => `${batchLine(wordsOf(op))}\n`).join(""),
    locate: batchFailure,
    also: () => [],
  };
}

export const TOOLS: { readonly [T in Tool]: ToolSpec } = {
  ip: iproute2("ip"),
  tc: iproute2("tc"),
  bridge: iproute2("bridge"),
  sysctl: {
    argv: (ops) => ["sysctl", "-q", "-w", ...ops.flatMap(wordsOf)],
    stdin: () => undefined,
    // sysctl names the key it could not set — a key the kernel does not have ("cannot stat
    // /proc/sys/net/ipv4/foo") or a value it refuses ('setting key "net.ipv4.foo"') — and
    // goes on with the others; each operation of a sysctl step is one KEY=VALUE argument.
    locate: (stderr, ops) => {
      const m = /\/proc\/sys\/(\S+?):|setting key "([^"]+)"/.exec(stderr);
      const key = (m?.[1] ?? m?.[2])?.replaceAll("/", ".");
      const op = ops.find((o) => wordsOf(o)[0]?.split("=")[0]?.replaceAll("/", ".") === key);
      return op ? { op } : only(ops);
    },
    also: () => [],
  },
  // One script on standard input, one transaction: a table is loaded whole or not at all.
  nft: {
    argv: () => ["nft", "-f", "-"],
    stdin: scripts,
    // No `line`: nft applies all or nothing.
    locate: (stderr, ops) => {
      const op = nftError(stderr, ops)?.op;
      return op ? { op } : only(ops);
    },
    // nft repeats the refused line with carets: its message, and the line.
    explain: nftError,
    also: () => [],
  },
  iptables: restore("iptables"),
  ip6tables: restore("ip6tables"),
  // One operation, the whole argv; a snippet's own programs come from its spec.
  exec: {
    argv: (ops) => {
      const [op, ...more] = ops;
      if (!op || more.length) throw new Error("internal: an exec step holds one operation");
      const [program = "", ...args] = wordsOf(op);
      if (!isProgram(program)) throw new Error(`internal: ${program} is not in the table of programs`);
      return [program, ...args];
    },
    stdin: (ops) => (ops[0] ? scriptOf(ops[0]) : undefined),
    locate: (_, ops) => only(ops),
    also: (ops) => ops.flatMap(programsOf),
  },
};

/** A line of an `ip -batch` file. Every word is from the safe character set; this checks it. */
export function batchLine(words: readonly string[]): string {
  for (const w of words)
    if (!/^[A-Za-z0-9_.:/,+%@=-]+$/.test(w))
      throw new Error(`internal: unsafe word in a batch line: ${JSON.stringify(w)}`);
  return words.join(" ");
}

/**
 * nft's error for a script on stdin, shortened: the message, the line it names, and which
 * operation's text holds that line (`/dev/stdin:LINE:COL: Error: …`).
 */
export function nftError(
  stderr: string,
  ops: readonly Op[],
): { message: string; line?: string; op?: Op } | undefined {
  const m = /\/dev\/stdin:(\d+):[\d-]+: Error: (.*)/.exec(stderr);
  if (!m) return undefined;
  const lineNo = Number(m[1]);
  let first = 1;
  for (const op of ops) {
    const script = scriptOf(op) ?? "";
    const count = script.split("\n").length - (script.endsWith("\n") ? 1 : 0);
    if (lineNo < first + count) {
      const line = script.split("\n")[lineNo - first]?.trim();
      return { message: m[2] ?? "", ...(line ? { line } : {}), op };
    }
    first += count;
  }
  return { message: m[2] ?? "" };
}
