// Integration-test helpers: unique lab names, the CLI as a subprocess, commands inside
// namespaces, and a lab that is always taken down, also when the test fails.

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { printable } from "../../src/diagnostics/render.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const BIN = join(ROOT, "bin/opentop.js");

/** Every lab a test run creates starts with this, so leftovers are attributable. */
export const RUN_PREFIX = process.env.OPENTOP_TEST_PREFIX ?? `t${process.pid.toString(36)}`;
let counter = 0;

/** A lab name unique on this machine: run prefix, this process, a counter, and `base`. */
export function uniqueLab(base: string): string {
  return `${RUN_PREFIX}${process.pid.toString(36)}${(counter++).toString(36)}-${base}`.slice(0, 32);
}

/** Whether `check` holds within `ms`, asked every 20 ms (and once more at the end). */
export async function until(check: () => boolean, ms = 10_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string; timeout?: number } = {},
): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    input: options.input ?? "",
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    cwd: options.cwd ?? ROOT,
    timeout: options.timeout ?? 120_000,
  });
  return { code: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the CLI with its standard output closed before it writes, as `opentop … | head -1`
 * does once `head` has its line: its exit status and standard error.
 */
export function cliClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => {
      stderr += b.toString("utf8");
    });
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

/** Runs argv inside a namespace of a lab (network only). */
export function inNs(ns: string, argv: string[], timeoutMs = 20_000): CliResult {
  const r = spawnSync("nsenter", [`--net=/run/netns/${ns}`, "--", ...argv], {
    encoding: "utf8",
    timeout: timeoutMs,
  });
  return { code: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
}

export function ping(ns: string, address: string, count = 1): boolean {
  return inNs(ns, ["ping", "-n", "-q", "-c", String(count), "-W", "2", address]).code === 0;
}

export function ipJson<T = unknown>(ns: string | null, args: string[]): T {
  const argv = ns === null ? ["ip", "-j", ...args] : ["ip", "-n", ns, "-j", ...args];
  const r = spawnSync(argv[0] as string, argv.slice(1), { encoding: "utf8" });
  return JSON.parse(r.stdout || "[]") as T;
}

/** A scratch directory removed by the returned function. */
export function scratch(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "opentop-test-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a lab file whose first line is `lab NAME` (NAME unique), returning path and name. */
export function writeLab(dir: string, base: string, body: string): { path: string; lab: string } {
  const lab = uniqueLab(base);
  const path = join(dir, `${base}.otop`);
  writeFileSync(path, `lab ${lab}\n${body}`);
  return { path, lab };
}

/**
 * Brings a lab up, runs `fn`, and always takes it down. Fails if `up` fails or if
 * anything of the lab is left after `down`.
 */
export async function withLab<T>(
  base: string,
  body: string,
  fn: (lab: { name: string; path: string; ns: (node: string) => string }) => Promise<T> | T,
  upArgs: string[] = [],
): Promise<T> {
  const s = scratch();
  const { path, lab } = writeLab(s.dir, base, body);
  let result: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    const r = cli(["up", path, ...upArgs]);
    if (r.code !== 0) throw new Error(`opentop up failed (${r.code}):\n${r.stderr}${r.stdout}`);
    result = { ok: true, value: await fn({ name: lab, path, ns: (node) => `${lab}.${node}` }) };
  } catch (error) {
    result = { ok: false, error };
  }
  const d = cli(["down", lab]);
  s.remove();
  if (!result.ok) throw result.error;
  if (d.code !== 0) throw new Error(`opentop down failed (${d.code}):\n${d.stderr}`);
  return result.value;
}

/** True when running as root on Linux: integration tests need it. */
export const IS_ROOT = process.getuid?.() === 0;
export const SKIP_NOT_ROOT = IS_ROOT ? false : "integration tests need root (they create namespaces)";

/**
 * A /30 for a test's link to the host: random within 10.0.0.0/8 — or within
 * OPENTOP_TEST_HOST_RANGE (an IPv4 prefix, such as an engineer's share of a machine that
 * several test at once) — avoiding every network the host uses, so that concurrent tests (and
 * the machine's own networks) never overlap.
 */
export function hostLinkSubnet(): { host: string; node: string } {
  const used: [number, number][] = [];
  for (const family of ["addr", "route"]) {
    const r = spawnSync("ip", ["-j", "-4", family, "show"], { encoding: "utf8" });
    const list = JSON.parse(r.stdout || "[]") as {
      dst?: string;
      addr_info?: { local: string; prefixlen: number }[];
    }[];
    for (const item of list) {
      const cidrs =
        family === "addr"
          ? (item.addr_info ?? []).map((a) => `${a.local}/${a.prefixlen}`)
          : item.dst && item.dst !== "default"
            ? [item.dst.includes("/") ? item.dst : `${item.dst}/32`]
            : [];
      for (const c of cidrs) {
        const [ip, len] = c.split("/");
        const n = (ip ?? "").split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
        const size = 2 ** (32 - Number(len));
        used.push([Math.floor(n / size) * size, size]);
      }
    }
  }
  const [rangeIp, rangeLen] = (process.env.OPENTOP_TEST_HOST_RANGE ?? "10.0.0.0/8").split("/");
  const rangeBase = (rangeIp ?? "").split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
  const slots = 2 ** (32 - Number(rangeLen)) / 4;
  for (;;) {
    const base = rangeBase + Math.floor(Math.random() * slots) * 4;
    if (used.some(([start, size]) => base < start + size && start < base + 4)) continue;
    const dotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
    return { host: `${dotted(base + 1)}/30`, node: `${dotted(base + 2)}/30` };
  }
}

/**
 * `opentop status`'s drift of a lab, as `KIND WHAT (in NS)`, sorted: as a built script prints
 * it, and as opentop's text prints WHAT (control characters escaped: `printable`).
 */
export function statusDrift(lab: string): string[] {
  const s = JSON.parse(cli(["status", lab, "--json"]).stdout) as {
    drift: { ns: string | null; kind: string; what: string }[];
  };
  return s.drift.map((d) => `${d.kind} ${printable(d.what)} (in ${d.ns ?? "the host"})`).sort();
}

/** The drift a built script's `status` printed, as `KIND WHAT (in NS)`, sorted. */
export function scriptDrift(stdout: string): string[] {
  return stdout
    .split("\n")
    .filter((l) => /^ {2}(missing|extra|changed) /.test(l))
    .map((l) => l.trim().replace(/ +/, " "))
    .sort();
}
