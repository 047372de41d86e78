// Benchmark: where the start of `opentop exec LAB NODE -- true` goes, on an N-node star,
// medians of R runs each, alternating. Prints each and the differences; it decides nothing.
//
//   node -e ''                              Node's own start
//   node (import the exec entry)            + loading what `exec` loads (src/cli/entry.ts)
//   opentop exec LAB NODE -- true           + reading the record's head, checks, nsenter, true
//   opentop exec … (the command table)      the same through `main` and the whole record
//   nsenter --net=… true                    the floor: the program alone, from this process
//
//   npm run build && node dist/bench/cli-exec.js [N=200] [R=31]

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { down, up } from "../src/api/opentop.js";
import { recordHead } from "../src/plan/record-head.js";
import { readRecord } from "../src/runtime/record.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const N = Number(process.argv[2] ?? 200);
const R = Number(process.argv[3] ?? 31);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const dir = mkdtempSync(join(tmpdir(), "opentop-bench-"));
const name = `xcli${process.pid.toString(36)}`;
const file = join(dir, "star.otop");
writeFileSync(file, `lab ${name}\nswitch sw\nnode h[1..${N}] { eth0 -> sw 10.{i / 250}.{i % 250}.1/8 }\n`);
await up(file);
try {
  const bin = join(ROOT, "bin/opentop.js");
  const url = (f: string) => pathToFileURL(join(ROOT, f)).href;
  const node = `h${Math.ceil(N / 2)}`;
  const runs: Record<string, string[]> = {
    "node -e ''": [process.execPath, "-e", ""],
    "node + exec's modules": [
      process.execPath,
      "--input-type=module",
      "-e",
      `await import(${JSON.stringify(url("dist/bundle/entry.js"))})`,
    ],
    "opentop exec": [process.execPath, bin, "exec", name, node, "--", "true"],
    "exec through main": [
      process.execPath,
      "--input-type=module",
      "-e",
      `const { main } = await import(${JSON.stringify(url("dist/bundle/main.js"))}); process.exitCode = await main(["exec", ${JSON.stringify(name)}, ${JSON.stringify(node)}, "--", "true"]);`,
    ],
    "nsenter … true": ["nsenter", `--net=/run/netns/${name}.${node}`, "--", "true"],
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  for (let i = 0; i < R; i++)
    for (const [what, argv] of Object.entries(runs)) {
      const t = performance.now();
      const r = spawnSync(argv[0] as string, argv.slice(1), { stdio: "ignore" });
      if (r.status !== 0) throw new Error(`${what} failed: ${r.status}`);
      times[what]?.push(performance.now() - t);
    }
  // In this process: the record read whole (parsed and checked) against its head alone.
  const path = join(process.env.OPENTOP_RUN_DIR ?? "/run/opentop", name, "record.json");
  const whole: number[] = [];
  const head: number[] = [];
  for (let i = 0; i < R; i++) {
    let t = performance.now();
    readRecord(name);
    whole.push(performance.now() - t);
    t = performance.now();
    recordHead(readFileSync(path, "utf8"));
    head.push(performance.now() - t);
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  console.log(`${N}-node star, medians of ${R}:`);
  for (const [k, v] of Object.entries(m)) console.log(`  ${k.padEnd(24)} ${v.toFixed(1).padStart(7)} ms`);
  console.log(`  record read whole        ${median(whole).toFixed(1).padStart(7)} ms (in process)`);
  console.log(`  record's head only       ${median(head).toFixed(1).padStart(7)} ms (in process)`);
  const d = (a: string, b: string) => ((m[a] ?? 0) - (m[b] ?? 0)).toFixed(1);
  console.log(
    `  opentop exec = Node's start + ${d("node + exec's modules", "node -e ''")} ms modules + ${d("opentop exec", "node + exec's modules")} ms record, checks and the program`,
  );
} finally {
  await down(name);
  rmSync(dir, { recursive: true, force: true });
}
