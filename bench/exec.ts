// Benchmark: running a program in a node through the API (`lab.exec`) against spawning
// `nsenter --net=… true` directly from Node, on an N-node star, alternating, medians of R
// runs each. Prints the medians and their ratio; it decides nothing.
//
//   npm run build && node dist/bench/exec.js [N=200] [R=200]

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { up } from "../src/api/opentop.js";

const N = Number(process.argv[2] ?? 200);
const R = Number(process.argv[3] ?? 200);

function raw(ns: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = spawn("nsenter", [`--net=/run/netns/${ns}`, "--", "true"], { stdio: "ignore" });
    c.on("error", reject);
    c.on("close", () => resolve());
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const dir = mkdtempSync(join(tmpdir(), "opentop-bench-"));
const name = `xbench${process.pid.toString(36)}`;
const file = join(dir, "star.otop");
writeFileSync(file, `lab ${name}\nswitch sw\nnode h[1..${N}] { eth0 -> sw 10.{i / 250}.{i % 250}.1/8 }\n`);
const lab = await up(file);
try {
  const api: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < R; i++) {
    const node = `h${1 + (i % N)}`;
    let t = performance.now();
    await lab.exec(node, ["true"]);
    api.push(performance.now() - t);
    t = performance.now();
    await raw(`${name}.${node}`);
    direct.push(performance.now() - t);
  }
  const a = median(api);
  const d = median(direct);
  console.log(
    `${N}-node star, ${R} runs each: API exec ${a.toFixed(2)} ms, raw nsenter ${d.toFixed(2)} ms, ratio ${(a / d).toFixed(2)}`,
  );
} finally {
  await lab.down();
  rmSync(dir, { recursive: true, force: true });
}
