// An experiment written with OpenTop's API and node:test: TCP throughput across a shaped link
// (tbf `rate`) as the rate changes through `apply` — one lab, brought up once, its qdisc
// changed in place between runs — printed as a table. The numbers are physics, so they are
// checked loosely: each within 15% of its rate, and rising with it.
//
//   sudo node --test dist/examples/experiments/throughput.test.js            # a few seconds
//   sudo OPENTOP_EXPERIMENT_SCALE=full node --test dist/examples/…           # more rates, longer runs
//
// In a program of your own, import from "opentop" instead of the checkout's source.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { type RunningLab, up } from "../../src/api/opentop.js";

/** The lab: a sender whose link to the receiver is shaped at `rate`. */
const LAB = (name: string) => `lab ${name}
param rate = 10mbit
node src { eth0 -> dst.eth0 10.0.0.1/30 { rate {rate} } }
node dst { eth0 10.0.0.2/30 }
`;

/**
 * The receiver (in dst): once `warm` seconds of data have arrived, the rate between two
 * arrivals `window` seconds apart — bytes over time, whatever the size of each read.
 */
const RECEIVER = `
const [warm, window] = process.argv.slice(1).map(Number);
require("node:net").createServer((c) => {
  let t0, from;
  let bytes = 0;
  c.on("data", (b) => {
    const t = (performance.now() - (t0 ??= performance.now())) / 1000;
    bytes += b.length;
    if (from === undefined && t >= warm) from = { t, bytes };
    else if (from && t >= from.t + window) {
      console.log(JSON.stringify({ bps: ((bytes - from.bytes) * 8) / (t - from.t) }));
      process.exit(0);
    }
  });
}).listen(5001, () => console.log("listening"));
`;

/** The sender (in src): as fast as TCP lets it, until the receiver has measured and gone. */
const SENDER = `
const c = require("node:net").connect({ host: "10.0.0.2", port: 5001 });
const chunk = Buffer.alloc(64 * 1024);
const more = () => { while (c.write(chunk)); };
c.on("connect", more).on("drain", more).on("error", () => process.exit(0)).on("close", () => process.exit(0));
`;

interface Row {
  readonly rate: number;
  readonly measured: number;
}

/** Parses `10mbit`, `512kbit` into bits per second. */
function bits(rate: string): number {
  const m = /^(\d+(?:\.\d+)?)(k|m|g)bit$/.exec(rate);
  if (!m) throw new Error(`not a rate: ${rate}`);
  return Number(m[1]) * { k: 1e3, m: 1e6, g: 1e9 }[m[2] as "k" | "m" | "g"];
}

/** One run: a receiver in dst, a sender in src, the receiver's measured rate in bits per second. */
async function measure(lab: RunningLab, warm: number, window: number): Promise<number> {
  const receiver = lab.spawn("dst", [process.execPath, "-e", RECEIVER, String(warm), String(window)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: string[] = [];
  receiver.stdout?.on("data", (b: Buffer) => lines.push(...b.toString().split("\n").filter(Boolean)));
  const ended = new Promise((resolve) => receiver.on("close", resolve));
  while (!lines.includes("listening")) await new Promise((r) => setTimeout(r, 10));
  const sent = await lab.exec("src", [process.execPath, "-e", SENDER], {
    timeout: (warm + window + 10) * 1000,
  });
  await ended;
  const result = lines.find((l) => l.startsWith("{"));
  assert.ok(result, `the receiver measured nothing (sender: ${sent.code} ${sent.stderr})`);
  return (JSON.parse(result) as { bps: number }).bps;
}

/** The experiment: the lab up once, then for each rate an `apply` and a run. */
export async function experiment(
  name: string,
  rates: readonly string[],
  warm: number,
  window: number,
): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), "opentop-throughput-"));
  const file = join(dir, "shaped.otop");
  writeFileSync(file, LAB(name));
  const lab = await up(file, { params: { rate: rates[0] ?? "10mbit" } });
  try {
    const rows: Row[] = [];
    for (const rate of rates) {
      // Only the qdiscs change, in place: the link, its addresses and routes stay.
      const { diff } = await lab.apply(file, { params: { rate } });
      assert.ok(diff.changes.every((c) => c.kind === "update" && c.key.startsWith("qdisc ")));
      rows.push({ rate: bits(rate), measured: await measure(lab, warm, window) });
    }
    return rows;
  } finally {
    await lab.down();
    rmSync(dir, { recursive: true, force: true });
  }
}

const FULL = process.env.OPENTOP_EXPERIMENT_SCALE === "full";
const RATES = FULL
  ? ["2mbit", "5mbit", "10mbit", "20mbit", "50mbit", "100mbit"]
  : ["4mbit", "8mbit", "16mbit"];
const [WARM, WINDOW] = FULL ? [1, 5] : [0.3, 1];

test(`TCP throughput follows a shaped link's rate as apply changes it (${RATES.join(", ")})`, {
  skip: process.getuid?.() === 0 ? false : "the experiment needs root (it creates namespaces)",
  timeout: 300_000,
}, async () => {
  const name = process.env.OPENTOP_EXPERIMENT_LAB ?? `tput${process.pid.toString(36)}`;
  const rows = await experiment(name, RATES, WARM, WINDOW);
  const mbit = (n: number) => (n / 1e6).toFixed(2).padStart(8);
  console.log("    rate  measured  measured/rate");
  for (const r of rows)
    console.log(`${mbit(r.rate)}  ${mbit(r.measured)}  ${(r.measured / r.rate).toFixed(3).padStart(13)}`);
  for (const r of rows)
    assert.ok(
      Math.abs(r.measured - r.rate) <= 0.15 * r.rate,
      `${mbit(r.measured)} Mbit/s is not within 15% of ${mbit(r.rate)}`,
    );
  for (let i = 1; i < rows.length; i++)
    assert.ok((rows[i]?.measured ?? 0) > (rows[i - 1]?.measured ?? 0), "the throughput rises with the rate");
});
