// Benchmark: `apply` of a one-node change (one node's address) in an N-node star, against
// taking the same lab down and bringing it up again — what changing it cost before `apply`.
// Through the API (no Node start on either side), alternating, medians of R rounds. Prints
// the medians and their ratio; it decides nothing.
//
//   npm run build && node dist/bench/apply.js [N=1000] [R=5]

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apply, down, up } from "../src/api/opentop.js";

const N = Number(process.argv[2] ?? 1000);
const R = Number(process.argv[3] ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const dir = mkdtempSync(join(tmpdir(), "opentop-bench-"));
const name = `xapply${process.pid.toString(36)}`;
const file = join(dir, "star.otop");
/** The star, h1 at address `last` of its /8 (the one-node change: 250 or 251). */
const star = (last: number) =>
  `lab ${name}\nswitch sw\nnode h1 { eth0 -> sw 10.0.0.${last}/8 }\nnode h[2..${N}] { eth0 -> sw 10.{i / 250}.{i % 250}.1/8 }\n`;

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
}

writeFileSync(file, star(250));
await up(file);
try {
  const applies: number[] = [];
  const rebuilds: number[] = [];
  let operations = 0;
  for (let i = 0; i < R; i++) {
    // The file changes one node; the lab follows by apply, then the same lab is rebuilt whole.
    writeFileSync(file, star(i % 2 === 0 ? 251 : 250));
    applies.push(
      await timed(async () => {
        operations = (await apply(file)).diff.changes.length;
      }),
    );
    rebuilds.push(
      await timed(async () => {
        await down(name);
        await up(file);
      }),
    );
  }
  const a = median(applies);
  const b = median(rebuilds);
  console.log(
    `${N}-node star, ${R} rounds: apply of one node's address (${operations} changes) ${a.toFixed(3)} s, down + up ${b.toFixed(3)} s, ratio ${(a / b).toFixed(3)}`,
  );
} finally {
  await down(name);
  rmSync(dir, { recursive: true, force: true });
}
