// Benchmark: `up` and settled `down` of an N-node star (one switch) with OpenTop, against
// a hand-optimised iproute2 batch script doing the same thing, in the same run,
// alternating, medians of R rounds. Reports ratios; it decides nothing.
//
//   npm run build && node dist/bench/star.js [N=200] [ROUNDS=5]
//
// "Settled down" is the time until the kernel has finished tearing the lab down: both
// sides keep the switches' namespace alive with a process and wait until its last veth
// port has gone (the far ends vanish when the kernel has destroyed the host namespaces).

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const N = Number(process.argv[2] ?? 200);
const ROUNDS = Number(process.argv[3] ?? 5);
const JOBS = process.env.OPENTOP_JOBS;

function now(): number {
  return performance.now() / 1000;
}

function sh(argv: string[], input?: string): void {
  const r = spawnSync(argv[0] as string, argv.slice(1), { input: input ?? "", encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed: ${r.stderr}`);
}

function veths(nsFile: string): number {
  const r = spawnSync("nsenter", [`--net=${nsFile}`, "ip", "-o", "link", "show", "type", "veth"], {
    encoding: "utf8",
  });
  return r.stdout.split("\n").filter(Boolean).length;
}

/** Keeps a namespace alive after its name is deleted; returns its /proc ns file and a release. */
function hold(ns: string): { file: string; release: () => void } {
  const child = spawn("nsenter", [`--net=/run/netns/${ns}`, "sleep", "600"], { stdio: "ignore" });
  const pid = child.pid;
  if (pid === undefined) throw new Error("cannot start the holder");
  return { file: `/proc/${pid}/ns/net`, release: () => child.kill("SIGKILL") };
}

async function settle(file: string): Promise<void> {
  while (veths(file) > 0) await new Promise((r) => setTimeout(r, 5));
}

const addr = (i: number) => `10.0.${Math.floor(i / 256)}.${i % 256}`;

/** The floor: N + 2 ip processes, one batch per node, run one after another. */
async function baseline(): Promise<{ up: number; down: number }> {
  const p = "obench";
  const t0 = now();
  sh(["ip", "-batch", "-"], [`netns add ${p}-sw`, ...range(N).map((i) => `netns add ${p}-h${i}`)].join("\n"));
  sh(
    ["ip", "-n", `${p}-sw`, "-batch", "-"],
    [
      "link add br0 up type bridge",
      ...range(N).map((i) => `link add pbv${i} master br0 up type veth peer name eth0 netns ${p}-h${i}`),
    ].join("\n"),
  );
  for (const i of range(N))
    sh(
      ["ip", "-n", `${p}-h${i}`, "-batch", "-"],
      `addr add ${addr(i)}/16 dev eth0\nlink set eth0 up\nlink set lo up\n`,
    );
  const up = now() - t0;
  const holder = hold(`${p}-sw`);
  const t1 = now();
  sh(["ip", "-batch", "-"], [...range(N).map((i) => `netns del ${p}-h${i}`), `netns del ${p}-sw`].join("\n"));
  await settle(holder.file);
  const down = now() - t1;
  holder.release();
  return { up, down };
}

async function opentop(file: string, lab: string): Promise<{ up: number; down: number }> {
  const bin = join(ROOT, "bin/opentop.js");
  const t0 = now();
  sh([process.execPath, bin, "up", file, ...(JOBS ? ["--jobs", JOBS] : [])]);
  const up = now() - t0;
  const holder = hold(lab);
  const t1 = now();
  sh([process.execPath, bin, "down", lab]);
  await settle(holder.file);
  const down = now() - t1;
  holder.release();
  return { up, down };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k + 1);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

const dir = mkdtempSync(join(tmpdir(), "opentop-bench-"));
const lab = "obenchot";
const file = join(dir, "star.otop");
writeFileSync(file, `lab ${lab}\nswitch sw\nnode h[1..${N}] { eth0 -> sw 10.0.{i / 256}.{i % 256}/16 }\n`);
const results = {
  baseline: { up: [] as number[], down: [] as number[] },
  opentop: { up: [] as number[], down: [] as number[] },
};
try {
  for (let r = 0; r < ROUNDS; r++) {
    const b = await baseline();
    results.baseline.up.push(b.up);
    results.baseline.down.push(b.down);
    const o = await opentop(file, lab);
    results.opentop.up.push(o.up);
    results.opentop.down.push(o.down);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const summary = {
  n: N,
  rounds: ROUNDS,
  baseline_up_s: Number(median(results.baseline.up).toFixed(3)),
  baseline_down_settled_s: Number(median(results.baseline.down).toFixed(3)),
  opentop_up_s: Number(median(results.opentop.up).toFixed(3)),
  opentop_down_settled_s: Number(median(results.opentop.down).toFixed(3)),
  ratio_up: Number((median(results.opentop.up) / median(results.baseline.up)).toFixed(2)),
  ratio_down: Number((median(results.opentop.down) / median(results.baseline.down)).toFixed(2)),
};
console.log(JSON.stringify(summary));
