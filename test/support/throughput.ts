// A timed TCP transfer between two namespaces (or a namespace and the host), for shaping
// tests: the receiver times the bytes that arrive after the first fifth, so that the
// sender's slow start and the bucket's initial burst do not count. Both ends are Node
// processes entered with nsenter and stopped by their PID.

import { type ChildProcess, spawn } from "node:child_process";
import { until } from "./lab.js";

const RECEIVER = `
const net = require("node:net");
const [port] = process.argv.slice(1);
const server = net.createServer((c) => {
  let bytes = 0, from = 0, fromBytes = 0;
  const total = Number(process.env.BYTES);
  c.on("data", (d) => {
    bytes += d.length;
    if (!from && bytes >= total / 5) { from = process.hrtime.bigint(); fromBytes = bytes; }
  });
  c.on("end", () => {
    const seconds = Number(process.hrtime.bigint() - from) / 1e9;
    process.stdout.write(JSON.stringify({ bytes, mbits: ((bytes - fromBytes) * 8) / seconds / 1e6 }) + "\\n");
    server.close();
  });
});
server.listen(Number(port), "::", () => process.stdout.write("listening\\n"));
`;

const SENDER = `
const net = require("node:net");
const [host, port, total] = process.argv.slice(1);
const c = net.connect({ host, port: Number(port) }, () => {
  const chunk = Buffer.alloc(64 * 1024);
  let left = Number(total);
  const write = () => {
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      left -= n;
      if (!c.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return c.once("drain", write);
    }
    c.end();
  };
  write();
});
c.on("error", (e) => { process.stderr.write(String(e)); process.exit(1); });
`;

/** argv that runs `argv` in a namespace, or on the host for null. */
function inside(ns: string | null, argv: string[]): string[] {
  return ns === null ? argv : ["nsenter", `--net=/run/netns/${ns}`, "--", ...argv];
}

function output(child: ChildProcess): { lines: string[]; stderr: () => string } {
  const lines: string[] = [];
  let buffer = "";
  let stderr = "";
  child.stdout?.on("data", (b: Buffer) => {
    buffer += b.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    lines.push(...parts);
  });
  child.stderr?.on("data", (b: Buffer) => {
    stderr += b.toString();
  });
  return { lines, stderr: () => stderr };
}

/**
 * Sends `bytes` over TCP from `from` to `address` (which `to` holds) and returns the rate the
 * receiver saw, in Mbit/s. Both processes are stopped by their PIDs, also on failure.
 */
export async function transfer(
  from: string | null,
  to: string | null,
  address: string,
  bytes: number,
  port = 5201,
): Promise<number> {
  const [rfile, ...rargs] = inside(to, [process.execPath, "-e", RECEIVER, String(port)]);
  const receiver = spawn(rfile as string, rargs, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, BYTES: String(bytes) },
  });
  let sender: ChildProcess | undefined;
  const stop = (child: ChildProcess | undefined) => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null)
      process.kill(child.pid);
  };
  try {
    const r = output(receiver);
    if (!(await until(() => r.lines.includes("listening"), 10_000)))
      throw new Error(`the receiver did not start: ${r.stderr()}`);
    const [sfile, ...sargs] = inside(from, [
      process.execPath,
      "-e",
      SENDER,
      address,
      String(port),
      String(bytes),
    ]);
    sender = spawn(sfile as string, sargs, { stdio: ["ignore", "pipe", "pipe"] });
    const s = output(sender);
    const done = () => r.lines.some((l) => l.startsWith("{"));
    if (!(await until(done, 60_000)))
      throw new Error(`the transfer did not end: ${s.stderr()} ${r.stderr()}`);
    const result = JSON.parse(r.lines.find((l) => l.startsWith("{")) ?? "{}") as {
      bytes: number;
      mbits: number;
    };
    if (result.bytes !== bytes) throw new Error(`${result.bytes} of ${bytes} bytes arrived`);
    return result.mbits;
  } finally {
    stop(sender);
    stop(receiver);
  }
}

/**
 * Asserts that a shaped rate is between `low` and `high` Mbit/s. A shaper only caps a rate:
 * a busy machine (the suite runs tests side by side on two cores) can slow the sender below
 * it, never lift it above. So a reading above `high` fails at once, and one below `low` is
 * measured again, up to three readings in all: a shaper set too low gives three low ones.
 */
export async function assertRate(
  measure: () => Promise<number>,
  low: number,
  high: number,
  what: string,
): Promise<void> {
  const readings: number[] = [];
  for (let i = 0; i < 3; i++) {
    const got = await measure();
    readings.push(got);
    const shown = readings.map((r) => r.toFixed(1)).join(", ");
    if (got > high) throw new Error(`${what}: ${shown} Mbit/s, above ${high}`);
    if (got >= low) return;
    if (i === 2) throw new Error(`${what}: ${shown} Mbit/s, each below ${low}`);
  }
}
