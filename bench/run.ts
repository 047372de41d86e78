// `npm run bench`: labs of several shapes and sizes brought up, read, entered and taken down
// by OpenTop, by the standalone script it builds, by a hand-written `ip -batch` script, by
// the raw-netlink floor and by Mininet (when installed), in turns in the same run; compiled by OpenTop (`check`, `plan`) with
// its memory. Prints medians and ratios to OpenTop, writes them as JSON and plots cost per
// node against size (SVG) under bench/results/. It decides nothing: see docs/benchmarks.md.
//
//   npm run bench -- [--smoke] [--shapes star,tree] [--sizes 100,1000] [--rounds 3]
//                    [--peers opentop,built,ip-batch,floor,mininet] [--compile 10000] [--out DIR]

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { SIGNALS } from "../src/cli/hold.js";
import { sourceFile } from "../src/diagnostics/source.js";
import { compileSource } from "../src/model/compile.js";
import { lower } from "../src/plan/lower.js";
import { opsOf } from "../src/plan/plan.js";
import { built, floor, mininet, opentop, type Peer, script, sh, type Timing } from "./peers.js";
import { type Panel, svg } from "./plot.js";
import { counts, DESCRIPTION, MAX_N, SHAPES, type ShapeName, shapeOf, type Topo } from "./shapes.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

interface Options {
  shapes: ShapeName[];
  sizes: number[];
  rounds: number;
  peers: string[];
  compile: number[];
  out: string;
  smoke: boolean;
}

/** The peers, by the names `Peer`s give themselves (bench/peers.ts), in the order they run. */
const PEERS = ["opentop", "built", "ip-batch", "floor", "mininet"];

const USAGE = `usage: npm run bench -- [--smoke] [--shapes ${SHAPES.join(",")}] [--sizes 100,1000]
                        [--rounds 3] [--peers ${PEERS.join(",")}] [--compile 10000]
                        [--out DIR]`;

function options(argv: readonly string[]): Options | undefined {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      smoke: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      shapes: { type: "string" },
      sizes: { type: "string" },
      rounds: { type: "string" },
      peers: { type: "string" },
      compile: { type: "string" },
      out: { type: "string" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return undefined;
  const smoke = values.smoke === true;
  const list = (given: string | undefined, fallback: string) =>
    (given ?? fallback).split(",").filter(Boolean);
  const numbers = (name: string, given: string | undefined, fallback: string) =>
    list(given, fallback).map((x) => {
      const n = Number(x);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name}: ${x} is not a positive whole number`);
      return n;
    });
  const shapes = list(values.shapes, SHAPES.join(","));
  for (const s of shapes) if (!(SHAPES as readonly string[]).includes(s)) throw new Error(`no shape ${s}`);
  const peers = list(values.peers, PEERS.join(","));
  for (const p of peers) if (!PEERS.includes(p)) throw new Error(`no peer ${p}`);
  return {
    shapes: shapes as ShapeName[],
    sizes: numbers("sizes", values.sizes, smoke ? "10,30" : "100,200,500,1000"),
    rounds: numbers("rounds", values.rounds, smoke ? "1" : "3")[0] ?? 1,
    peers,
    compile: numbers("compile", values.compile, smoke ? "" : "2000,5000,10000"),
    out: values.out ?? join(ROOT, "bench/results"),
    smoke,
  };
}

/** The floor, built from bench/floor.c when a C compiler is here (undefined otherwise). */
function buildFloor(dir: string): string | undefined {
  const bin = join(dir, "floor");
  const r = spawnSync("cc", ["-O2", "-o", bin, join(ROOT, "bench/floor.c")], { encoding: "utf8" });
  return r.status === 0 ? bin : undefined;
}

/** OpenTop's plan of the lab makes exactly the Topo's objects (the peers build the same lab). */
function verify(t: Topo): void {
  const c = compileSource(sourceFile(`${t.lab}.otop`, t.source));
  if (!c.lab) throw new Error(`the ${t.shape} lab does not compile: ${c.diagnostics[0]?.message}`);
  const ops = opsOf(lower(c.lab).stages);
  const of = (kind: string) => ops.filter((o) => o.kind === kind);
  const local = (ns: string | null) => (ns ?? "").slice(t.lab.length + 1);
  const plan = {
    namespaces: of("netns.add").length,
    bridges: of("bridge.add").length,
    veths: of("veth.add").length,
    addresses: of("addr.add").length,
    routes: of("route.add").length,
    filters: ops.filter((o) => o.kind.startsWith("nft")).length,
  };
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const addrs = of("addr.add").map((o) => (o.kind === "addr.add" ? `${local(o.ns)} ${o.dev} ${o.cidr}` : ""));
  const routes = of("route.add").map((o) =>
    o.kind === "route.add" ? `${local(o.ns)} ${o.destination} ${o.via}` : "",
  );
  if (
    !same(plan, counts(t)) ||
    !same(addrs.sort(), t.addrs.map((a) => `${a.node} ${a.dev} ${a.cidr}`).sort()) ||
    !same(routes.sort(), t.routes.map((r) => `${r.node} ${r.prefix} ${r.via}`).sort())
  )
    throw new Error(`OpenTop's plan of the ${t.shape} lab is not the bench's (${JSON.stringify(plan)})`);
}

/** `opentop check|plan FILE`: seconds and peak memory (MB), by /usr/bin/time where it is. */
function compileCost(command: "check" | "plan", file: string): { seconds: number; mb?: number } {
  const time = existsSync("/usr/bin/time");
  const argv = [process.execPath, join(ROOT, "bin/opentop.js"), command, file];
  const t0 = performance.now();
  const r = time ? sh(["/usr/bin/time", "-f", "%M", ...argv]) : sh(argv);
  const seconds = (performance.now() - t0) / 1000;
  if (r.code !== 0) throw new Error(`opentop ${command} failed: ${r.stderr.slice(0, 300)}`);
  const kb = time ? Number(r.stderr.trim().split("\n").pop()) : Number.NaN;
  return { seconds, ...(Number.isFinite(kb) ? { mb: kb / 1024 } : {}) };
}

interface Row {
  shape: ShapeName;
  n: number;
  peer: string;
  round: number;
  timing?: Timing;
  skipped?: string;
  check?: { seconds: number; mb?: number };
  plan?: { seconds: number; mb?: number };
}

const median = (xs: readonly number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? (s[Math.floor(s.length / 2)] as number) : Number.NaN;
};

/** Waits until the kernel has freed what a peer's `down` left to free, where that can be seen. */
async function pause(t: Topo, timing: Timing | undefined): Promise<void> {
  if (timing?.settled === undefined) await new Promise((r) => setTimeout(r, 300 + t.nodes.length));
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  if (o === undefined) {
    console.log(USAGE);
    return;
  }
  if (process.getuid?.() !== 0) throw new Error("the benchmarks create namespaces: run them as root");
  const dir = mkdtempSync(join(tmpdir(), "opentop-bench-"));
  const started = new Date().toISOString();
  const load = loadavg();
  const rows: Row[] = [];
  try {
    const floorBin = buildFloor(dir);
    const all: Peer[] = [opentop(ROOT), built(ROOT), script(), floor(floorBin), mininet(ROOT)];
    const peers = all.filter((p) => o.peers.includes(p.name));
    for (const shape of o.shapes)
      for (const n of o.sizes.filter((x) => x <= MAX_N[shape])) {
        const t = shapeOf(shape, n, `ob${shape}${n}`);
        verify(t);
        console.log(`\n${shape} (${DESCRIPTION[shape]}), N=${n}`);
        for (let round = 0; round < o.rounds; round++)
          for (const peer of peers) {
            if (interrupted) throw new Error("interrupted");
            rows.push(await one(peer, t, round, dir));
          }
        const file = join(dir, `${t.lab}.otop`);
        writeFileSync(file, t.source);
        for (let round = 0; round < o.rounds; round++)
          rows.push({
            shape,
            n,
            peer: "compile",
            round,
            check: compileCost("check", file),
            plan: compileCost("plan", file),
          });
      }
    for (const n of o.compile) {
      const t = shapeOf("tree", n, `obtree${n}`);
      const file = join(dir, `${t.lab}.otop`);
      writeFileSync(file, t.source);
      for (let round = 0; round < Math.max(1, o.rounds); round++)
        rows.push({
          shape: "tree",
          n,
          peer: "compile",
          round,
          check: compileCost("check", file),
          plan: compileCost("plan", file),
        });
      console.log(`compile tree N=${n}: ${compileLine(rows, "tree", n)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report(o, rows, { started, load, after: loadavg() });
}

async function one(peer: Peer, t: Topo, round: number, dir: string): Promise<Row> {
  const base = { shape: t.shape, n: t.n, peer: peer.name, round };
  const why = peer.unavailable(t);
  if (why) return { ...base, skipped: why };
  const timing = await peer.cycle(t, dir);
  await pause(t, timing);
  const f = (x?: number) => (x === undefined ? "-" : x.toFixed(3));
  console.log(
    `  ${peer.name.padEnd(8)} up ${f(timing.up)}  down ${f(timing.down)} settled ${f(timing.settled)}  status ${f(timing.status)} wide ${f(timing.statusWide)}  exec ${f(timing.exec)}`,
  );
  return { ...base, timing };
}

function compileLine(rows: readonly Row[], shape: ShapeName, n: number): string {
  const mine = rows.filter((r) => r.peer === "compile" && r.shape === shape && r.n === n);
  const m = (pick: (r: Row) => number | undefined) => median(mine.map((r) => pick(r) ?? Number.NaN));
  return `check ${m((r) => r.check?.seconds).toFixed(3)} s (${m((r) => r.check?.mb).toFixed(0)} MB), plan ${m((r) => r.plan?.seconds).toFixed(3)} s (${m((r) => r.plan?.mb).toFixed(0)} MB)`;
}

const METRICS = ["up", "settled", "down", "status", "statusWide", "exec"] as const;

/** A metric's row in the table, and which of OpenTop's own it is compared with. */
const ROWS: { readonly [M in (typeof METRICS)[number]]: { label: string; mine: (typeof METRICS)[number] } } =
  {
    up: { label: "up", mine: "up" },
    settled: { label: "settled", mine: "settled" },
    down: { label: "down", mine: "down" },
    status: { label: "status", mine: "status" },
    statusWide: { label: "status, the tools on every core", mine: "status" },
    exec: { label: "exec", mine: "exec" },
  };

/** Medians by shape, size, tool and metric. */
function medians(rows: readonly Row[]) {
  const out = new Map<string, number>();
  const keys = new Set(rows.filter((r) => r.timing).map((r) => `${r.shape} ${r.n} ${r.peer}`));
  for (const key of keys)
    for (const metric of METRICS) {
      const v = median(
        rows
          .filter((r) => `${r.shape} ${r.n} ${r.peer}` === key)
          .map((r) => r.timing?.[metric] ?? Number.NaN),
      );
      if (Number.isFinite(v)) out.set(`${key} ${metric}`, v);
    }
  return out;
}

function report(
  o: Options,
  rows: readonly Row[],
  when: { started: string; load: number[]; after: number[] },
) {
  const m = medians(rows);
  const lines: string[] = [];
  const machine = `${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GB, Linux ${release()}`;
  lines.push(`# OpenTop benchmarks, ${when.started}`, "", `machine: ${machine}`);
  lines.push(
    `load average before ${when.load.map((x) => x.toFixed(2)).join(" ")}, after ${when.after.map((x) => x.toFixed(2)).join(" ")}`,
  );
  for (const shape of o.shapes) {
    const sizes = [...new Set(rows.filter((r) => r.shape === shape && r.timing).map((r) => r.n))].sort(
      (a, b) => a - b,
    );
    if (!sizes.length) continue;
    lines.push("", `## ${shape}: ${DESCRIPTION[shape]}`, "");
    lines.push(
      "| N | metric | opentop | built | ip-batch | floor | mininet | opentop / ip-batch | opentop / floor | built / floor |",
    );
    lines.push("| --: | --- | --: | --: | --: | --: | --: | --: | --: | --: |");
    for (const n of sizes)
      for (const metric of METRICS) {
        const v = (peer: string) => m.get(`${shape} ${n} ${peer} ${metric}`);
        const mine = m.get(`${shape} ${n} opentop ${ROWS[metric].mine}`);
        if (mine === undefined || (metric !== ROWS[metric].mine && v("ip-batch") === undefined)) continue;
        const cell = (x?: number) => (x === undefined ? "" : x.toFixed(3));
        const ratio = (x?: number, y?: number) =>
          x === undefined || y === undefined ? "" : (x / y).toFixed(2);
        lines.push(
          `| ${n} | ${ROWS[metric].label} | ${cell(mine)} | ${cell(v("built"))} | ${cell(v("ip-batch"))} | ${cell(v("floor"))} | ${cell(v("mininet"))} | ${ratio(mine, v("ip-batch"))} | ${ratio(mine, v("floor"))} | ${ratio(v("built"), v("floor"))} |`,
        );
      }
  }
  const compiled = [...new Set(rows.filter((r) => r.peer === "compile").map((r) => `${r.shape} ${r.n}`))];
  if (compiled.length) {
    lines.push("", "## compile", "", "| lab | check | plan |", "| --- | --: | --: |");
    for (const key of compiled) {
      const [shape, n] = key.split(" ");
      const [check, plan] = compileLine(rows, shape as ShapeName, Number(n)).split(", ");
      lines.push(`| ${shape} N=${n} | ${check?.replace(/^check /, "")} | ${plan?.replace(/^plan /, "")} |`);
    }
  }
  const skipped = [
    ...new Set(rows.filter((r) => r.skipped).map((r) => `${r.peer} on ${r.shape}: ${r.skipped}`)),
  ];
  if (skipped.length) lines.push("", "not run:", ...skipped.map((s) => `- ${s}`));
  const text = lines.join("\n");
  console.log(`\n${text}`);
  mkdirSync(o.out, { recursive: true });
  const stamp = when.started.replace(/[:.]/g, "-");
  writeFileSync(join(o.out, `${stamp}.md`), `${text}\n`);
  writeFileSync(
    join(o.out, `${stamp}.json`),
    JSON.stringify({ machine, ...when, options: o, rows }, null, 1),
  );
  writeFileSync(join(o.out, `${stamp}.svg`), plot(o, m));
  console.log(`\nwrote ${join(o.out, stamp)}.{md,json,svg}`);
}

/**
 * Milliseconds per node for up, down and status, per shape: down until the kernel settled
 * where that is measured (a lab with switches), else until the command returned.
 */
function plot(o: Options, m: Map<string, number>): string {
  const panels: Panel[] = [];
  const peers = ["opentop", "built", "ip-batch", "floor", "mininet"];
  const value = (shape: string, n: number, peer: string, metric: string) => {
    const at = (x: string) => m.get(`${shape} ${n} ${peer} ${x}`);
    return metric === "down" ? (at("settled") ?? at("down")) : at(metric);
  };
  for (const shape of o.shapes)
    for (const [metric, label] of [
      ["up", "up"],
      ["down", "down (settled)"],
      ["status", "status"],
    ] as const) {
      const series = peers.flatMap((peer) => {
        const points = o.sizes
          .map((n) => [n, value(shape, n, peer, metric)] as const)
          .filter((p): p is readonly [number, number] => p[1] !== undefined)
          .map(([n, v]) => [n, (v * 1000) / n] as const);
        return points.length ? [{ peer, points }] : [];
      });
      const settled = o.sizes.some((n) => m.has(`${shape} ${n} opentop settled`));
      const title = metric === "down" && !settled ? `${shape}: down (returned)` : `${shape}: ${label}`;
      panels.push({ title, series });
    }
  return svg("OpenTop benchmarks: cost per node", panels, 3);
}

let interrupted = false;
for (const signal of SIGNALS)
  process.on(signal, () => {
    // The running cycle's `finally` takes its lab down; no other starts.
    interrupted = true;
    console.error("interrupted: taking the current lab down");
  });
// A reader that goes away (`npm run bench | head`) must not end the run with a lab up: stop
// after the current cycle, which takes its lab down, as an interrupt does.
process.stdout.on("error", () => {
  interrupted = true;
});

main().catch((e: Error) => {
  console.error(`bench: ${e.message}`);
  process.exitCode = 1;
});
