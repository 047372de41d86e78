// Real TCP traffic between namespaces for filter tests: a listener that reports who
// connected (to see NAT from the far side), a client that tells "connected", "refused" and
// "timed out" apart, and the machines to bring labs up on: nft, iptables, or a machine
// that only has (legacy) iptables. Listeners are Node processes entered with nsenter and
// stopped by their PID.

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli, scratch, writeLab } from "./lab.js";

const SERVER = `
const net = require("node:net");
const [port, host] = process.argv.slice(1);
const server = net.createServer((c) => {
  process.stdout.write("peer " + c.remoteAddress.replace(/^::ffff:/, "") + "\\n");
  c.end("hi\\n");
});
server.listen(Number(port), host, () => process.stdout.write("listening\\n"));
`;

/** A TCP client (node -e CLIENT HOST PORT MS): prints ok, refused, timeout or the error's code. */
export const CLIENT = `
const net = require("node:net");
const [host, port, ms] = process.argv.slice(1);
const done = (what) => { process.stdout.write(what); process.exit(0); };
setTimeout(() => done("timeout"), Number(ms));
const c = net.connect({ host, port: Number(port) });
c.on("data", (d) => { if (String(d).includes("hi")) done("ok"); });
c.on("error", (e) => done(e.code === "ECONNREFUSED" ? "refused" : e.code));
`;

export interface Listener {
  readonly pid: number;
  /** Peer addresses of the connections so far, in order. */
  peers(): string[];
  /** Waits (briefly) for a connection from `address` to have been reported. */
  sawPeer(address: string, ms?: number): Promise<boolean>;
  stop(): void;
}

/** A TCP listener in a namespace on all addresses (IPv4 and IPv6) of `port`. */
export async function listen(ns: string, port: number): Promise<Listener> {
  const child: ChildProcess = spawn(
    "nsenter",
    [`--net=/run/netns/${ns}`, "--", process.execPath, "-e", SERVER, String(port), "::"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines: string[] = [];
  let buffer = "";
  child.stdout?.on("data", (b: Buffer) => {
    buffer += b.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    lines.push(...parts);
  });
  let stderr = "";
  child.stderr?.on("data", (b: Buffer) => {
    stderr += b.toString();
  });
  const stop = () => {
    // nsenter execs the program: this PID is the listener itself.
    if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, "SIGTERM");
  };
  const started = Date.now();
  while (!lines.includes("listening")) {
    if (child.exitCode !== null || Date.now() - started > 10_000) {
      stop();
      throw new Error(`listener on ${ns}:${port} did not start: ${stderr}`);
    }
    await sleep(10);
  }
  const peers = () => lines.filter((l) => l.startsWith("peer ")).map((l) => l.slice(5));
  return {
    pid: child.pid ?? -1,
    peers,
    async sawPeer(address, ms = 2000) {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        if (peers().includes(address)) return true;
        await sleep(10);
      }
      return false;
    },
    stop,
  };
}

export type Outcome = "ok" | "refused" | "timeout" | string;

/** Connects from a namespace and reads the listener's greeting: ok, refused or timeout. */
export function connect(ns: string, host: string, port: number, timeoutMs = 1000): Outcome {
  const r = spawnSync(
    "nsenter",
    [`--net=/run/netns/${ns}`, "--", process.execPath, "-e", CLIENT, host, String(port), String(timeoutMs)],
    { encoding: "utf8", timeout: timeoutMs + 10_000 },
  );
  return r.stdout.trim() || `failed: ${r.stderr}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The machines a filter test runs on: nftables; iptables (this machine's, iptables-nft);
 * and a machine that only has iptables: no nft on PATH and iptables-legacy as
 * iptables-restore, so that OpenTop chooses iptables by itself and nothing of nf_tables is used.
 */
export type Machine = "nft" | "iptables" | "iptables-only";
export const MACHINES: readonly Machine[] = ["nft", "iptables", "iptables-only"];

export interface MachineEnv {
  readonly upArgs: string[];
  readonly env: NodeJS.ProcessEnv;
  readonly remove: () => void;
}

const IPTABLES_ONLY_TOOLS = ["ip", "nsenter", "sysctl", "unshare"];
const LEGACY = ["iptables-restore", "ip6tables-restore", "iptables-save", "ip6tables-save"];

export function machineEnv(machine: Machine): MachineEnv {
  switch (machine) {
    case "nft":
      return { upArgs: ["--firewall", "nft"], env: {}, remove: () => {} };
    case "iptables":
      return { upArgs: ["--firewall", "iptables"], env: {}, remove: () => {} };
    case "iptables-only": {
      const dir = mkdtempSync(join(tmpdir(), "opentop-iptables-only-"));
      for (const tool of IPTABLES_ONLY_TOOLS) {
        const found = spawnSync("sh", ["-c", 'command -v "$1"', "sh", tool], {
          encoding: "utf8",
        }).stdout.trim();
        if (found) symlinkSync(found, join(dir, tool));
      }
      // xtables-legacy-multi acts by the name it is called with.
      for (const tool of LEGACY) symlinkSync("/usr/sbin/xtables-legacy-multi", join(dir, tool));
      return { upArgs: [], env: { PATH: dir }, remove: () => rmSync(dir, { recursive: true, force: true }) };
    }
  }
}

export interface FilterLab {
  readonly name: string;
  readonly path: string;
  ns(node: string): string;
  /** The CLI on this lab's machine (same PATH as `up`). */
  cli(args: string[]): ReturnType<typeof cli>;
}

/** Like withLab, on one of the machines; the lab is always taken down. */
export async function withFilterLab<T>(
  machine: Machine,
  base: string,
  body: string,
  fn: (lab: FilterLab) => Promise<T> | T,
): Promise<T> {
  const s = scratch();
  const m = machineEnv(machine);
  const { path, lab } = writeLab(s.dir, base, body);
  const run = (args: string[]) => cli(args, { env: m.env });
  let result: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    const r = run(["up", path, ...m.upArgs]);
    if (r.code !== 0) throw new Error(`opentop up failed (${r.code}):\n${r.stderr}${r.stdout}`);
    result = { ok: true, value: await fn({ name: lab, path, ns: (node) => `${lab}.${node}`, cli: run }) };
  } catch (error) {
    result = { ok: false, error };
  }
  const d = run(["down", lab]);
  m.remove();
  s.remove();
  if (!result.ok) throw result.error;
  if (d.code !== 0) throw new Error(`opentop down failed (${d.code}):\n${d.stderr}`);
  return result.value;
}
