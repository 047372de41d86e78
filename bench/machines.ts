// Benchmark: a lab across N simulated machines (test/support/machines.ts: namespaces of their
// own, each with its sshd), brought up, read and taken down over ssh by `opentop`, for each N
// given: the wall-clock time of each command, and of each machine's part (its ssh session),
// against running one machine's script by hand inside it (no ssh). It decides nothing.
//
//   npm run build && node dist/bench/machines.js [HOSTS=10] [N…=2 4 8]
//
// The lab is bench/spread.otop: on each machine a rack (a switch, HOSTS hosts, a router); the
// routers share a core switch spanning every machine, and form a ring of tunnels.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { uniqueLab } from "../test/support/lab.js";
import { machineClean, simulate } from "../test/support/machines.js";

const ROOT = join(import.meta.dirname, "../..");
const HOSTS = Number(process.argv[2] ?? 10);
const SIZES = process.argv.slice(3).map(Number);

function seconds(from: number): number {
  return (performance.now() - from) / 1000;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function one(n: number): Promise<string> {
  const s = await simulate({ machines: n });
  const lab = uniqueLab("bench");
  try {
    const body = readFileSync(join(ROOT, "bench/spread.otop"), "utf8")
      .replace(/^lab .*$/m, `lab ${lab}`)
      .replace(/^machine .*$/m, s.machineLines());
    const file = join(s.dir, "spread.otop");
    writeFileSync(file, body);
    const set = ["--set", `machines=${n}`, "--set", `hosts=${HOSTS}`];
    let t = performance.now();
    const up = s.cli(["up", file, ...set, "--json"]);
    const upTime = seconds(t);
    if (up.code !== 0) throw new Error(`up: ${up.stderr}`);
    const parts = (JSON.parse(up.stdout) as { machines: { seconds: number }[] }).machines.map(
      (m) => m.seconds,
    );
    t = performance.now();
    const st = s.cli(["status", lab]);
    const statusTime = seconds(t);
    if (st.code !== 0) throw new Error(`status: ${st.stdout}${st.stderr}`);
    t = performance.now();
    const down = s.cli(["down", lab]);
    const downTime = seconds(t);
    if (down.code !== 0) throw new Error(`down: ${down.stderr}`);
    // One machine's script by hand, inside it: its part without ssh.
    const dir = join(s.dir, "out");
    s.cli(["build", file, ...set, "--all-machines", dir]);
    t = performance.now();
    const byHand = s.on("m1", ["sh", join(dir, "m1.sh"), "up"]);
    const handTime = seconds(t);
    if (byHand.code !== 0) throw new Error(`m1.sh up: ${byHand.stderr}`);
    s.on("m1", ["sh", join(dir, "m1.sh"), "down"]);
    const left = s.machines.flatMap((m) => machineClean(s, m.name));
    if (left.length) throw new Error(`left: ${left.join("; ")}`);
    const nodes = n * (HOSTS + 1);
    return `| ${n} | ${nodes} | ${upTime.toFixed(2)} | ${median(parts).toFixed(2)} (max ${Math.max(...parts).toFixed(2)}) | ${handTime.toFixed(2)} | ${statusTime.toFixed(2)} | ${downTime.toFixed(2)} |`;
  } finally {
    s.cli(["down", lab]);
    await s.close();
  }
}

console.log(
  `lab: bench/spread.otop, ${HOSTS} hosts and a router a machine, a core switch over all, a ring of tunnels`,
);
console.log(
  "| machines | nodes | up (s) | up, a machine's session (s, median) | a machine's script by hand (s) | status (s) | down (s) |",
);
console.log(
  "| -------- | ----- | ------ | ----------------------------------- | ------------------------------ | ---------- | -------- |",
);
for (const n of SIZES.length ? SIZES : [2, 4, 8]) console.log(await one(n));
