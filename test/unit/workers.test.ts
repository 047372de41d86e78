// The sh workers that run many small processes (src/runtime/workers.ts): each job's exit
// status, output and errors are its own, whatever it prints; nothing starts after `stop()`;
// a worker that dies leaves its job under way as the signal it died of, and the rest unrun.
// Only harmless programs run here (echo, cat, printf, sleep, sh).

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { ProcResult } from "../../src/runtime/proc.js";
import { type Job, runJobs } from "../../src/runtime/workers.js";

/** Through workers whatever the number of jobs. */
const SHARED = { concurrency: 2, threshold: 1 };

test("workers: each job's status, output and errors are its own, words and input as given", async () => {
  const tricky = "a b\t$HOME `id` $(id) \\ * ? [x] ' \" ; | & < > {a,b} ~";
  const jobs: Job[] = [
    { argv: ["printf", "%s|", tricky, "*", ""] },
    { argv: ["cat"], stdin: `line 1\n${tricky}\nEOF\nlast\n` },
    { argv: ["cat"], stdin: "" },
    { argv: ["cat"] },
    { argv: ["sh", "-c", 'printf out; printf err >&2; exit "$1"', "sh", "7"] },
    { argv: ["printf", "no newline at the end"] },
    { argv: ["printf", "%s\n", "#opentop-job-0123 0", "\n#opentop-job-"] },
    { argv: ["opentop-no-such-program"] },
  ];
  for (const options of [SHARED, { concurrency: 2 }]) {
    const r = (await runJobs(jobs, options)) as ProcResult[];
    // An empty argument cannot pass through a worker: that job ran alone, the same way.
    assert.equal(r[0]?.stdout, `${tricky}|*||`);
    assert.equal(r[1]?.stdout, `line 1\n${tricky}\nEOF\nlast\n`);
    assert.equal(r[2]?.stdout, "");
    assert.equal(r[3]?.stdout, "");
    assert.deepEqual([r[4]?.code, r[4]?.stdout, r[4]?.stderr], [7, "out", "err"]);
    assert.equal(r[5]?.stdout, "no newline at the end");
    assert.equal(r[6]?.stdout, "#opentop-job-0123 0\n\n#opentop-job-\n");
    assert.equal(r[7]?.code, 127);
    assert.match(r[7]?.stderr ?? "", /opentop-no-such-program: command not found/);
    for (const [i, x] of r.entries()) assert.deepEqual(x.argv, jobs[i]?.argv);
  }
});

test("workers: many jobs, each result where its job was, and onDone once each", async () => {
  const jobs: Job[] = Array.from({ length: 300 }, (_, i) => ({ argv: ["echo", `job ${i}`] }));
  const seen: number[] = [];
  const r = await runJobs(jobs, { concurrency: 7, onDone: (i) => seen.push(i) });
  assert.deepEqual(
    r.map((x) => x?.stdout),
    jobs.map((_, i) => `job ${i}\n`),
  );
  assert.deepEqual(
    seen.sort((a, b) => a - b),
    jobs.map((_, i) => i),
  );
});

test("workers: nothing starts once stop() is true; what started finished and says so", async () => {
  let failures = 0;
  const jobs: Job[] = Array.from({ length: 20 }, (_, i) => ({
    argv: ["sh", "-c", `exit ${i === 5 ? 1 : 0}`],
  }));
  const options = {
    stop: () => failures > 0,
    onDone: (_: number, result: ProcResult) => {
      if (result.code !== 0) failures++;
    },
  };
  // One worker runs its jobs in order: the sixth fails, and no other starts after it.
  const r = await runJobs(jobs, { ...options, concurrency: 1, threshold: 1 });
  assert.deepEqual(
    r.map((x) => x?.code),
    [0, 0, 0, 0, 0, 1, ...Array(14).fill(undefined)],
  );
  // Stopped before anything: no worker runs a job.
  const none = await runJobs(jobs, { concurrency: 4, threshold: 1, stop: () => true });
  assert.ok(none.every((x) => x === undefined));
});

test("workers: a job too large for an argument runs alone; a worker killed leaves its job as the signal", async () => {
  const big = "x".repeat(300_000);
  const r = await runJobs([{ argv: ["cat"], stdin: big }, { argv: ["echo", "small"] }], SHARED);
  assert.equal(r[0]?.stdout.length, big.length);
  assert.equal(r[1]?.stdout, "small\n");
  // The job kills its own worker (its parent shell): the job's result is the worker's end.
  const killed = await runJobs(
    [{ argv: ["sh", "-c", 'kill -KILL "$PPID"; sleep 0.2'] }, { argv: ["echo", "never"] }],
    { concurrency: 1, threshold: 1 },
  );
  assert.equal(killed[0]?.code, 128 + 9);
  assert.equal(killed[1], undefined);
});

test("workers: reads run straight through — a job that reads all its input never takes the worker's go-lines, and a worker killed half-way leaves the rest unrun", async () => {
  // Without stop(), every go-line is in the worker's pipe before its first job starts.
  const jobs: Job[] = Array.from({ length: 1000 }, (_, i) =>
    i % 3 === 0
      ? { argv: ["sh", "-c", 'cat; cat; echo "$1"', "sh", String(i)] }
      : i % 3 === 1
        ? { argv: ["cat"], stdin: `input ${i}\n` }
        : { argv: ["echo", `job ${i}`] },
  );
  const r = await runJobs(jobs, { concurrency: 1, threshold: 1 });
  assert.deepEqual(
    r.map((x) => x?.stdout),
    jobs.map((_, i) => (i % 3 === 0 ? `${i}\n` : i % 3 === 1 ? `input ${i}\n` : `job ${i}\n`)),
  );
  const killed = await runJobs(
    Array.from({ length: 50 }, (_, i) => ({
      argv: i === 20 ? ["sh", "-c", 'printf half; kill -KILL "$PPID"'] : ["echo", String(i)],
    })),
    { concurrency: 1, threshold: 1 },
  );
  assert.deepEqual(
    killed.map((x) => x?.stdout),
    [...Array.from({ length: 20 }, (_, i) => `${i}\n`), "half", ...Array(29).fill(undefined)],
  );
  assert.equal(killed[20]?.code, 128 + 9);
});

test("workers: reads that an interrupt killed run again — the job, and the jobs of a worker it killed", async () => {
  // A process spawned by OpenTop is in its process group until it calls setsid, so a Ctrl-C
  // can kill a worker (or a process run alone) before it has run anything. Reads run again;
  // a job that a stop()-run started is not repeated.
  const dir = mkdtempSync(join(tmpdir(), "opentop-workers-"));
  try {
    const once = (name: string, victim: string) => [
      "sh",
      "-c",
      `[ -e "$1" ] || { : > "$1"; kill -INT ${victim}; sleep 0.2; }; echo "$2"`,
      "sh",
      join(dir, name),
    ];
    const jobs: Job[] = Array.from({ length: 12 }, (_, i) => ({
      argv:
        i === 3
          ? [...once("worker", '"$PPID"'), "3"]
          : i === 7
            ? [...once("job", "$$"), "7"]
            : ["echo", String(i)],
    }));
    for (const options of [{ concurrency: 1, threshold: 1 }, { concurrency: 2 }]) {
      rmSync(join(dir, "worker"), { force: true });
      rmSync(join(dir, "job"), { force: true });
      const r = await runJobs(jobs, options);
      assert.deepEqual(
        r.map((x) => x?.stdout),
        jobs.map((_, i) => `${i}\n`),
      );
      assert.ok(r.every((x) => x?.code === 0));
    }
    // With stop(), what an interrupt killed is reported as it ended, never run again.
    rmSync(join(dir, "job"), { force: true });
    const stopped = await runJobs([{ argv: [...once("job", "$$"), "x"] }], { ...SHARED, stop: () => false });
    assert.equal(stopped[0]?.code, 130);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("workers: jobs of the elementary tools run in the C locale, others in the caller's, also in one worker", async () => {
  const saved = process.env.LC_ALL;
  process.env.LC_ALL = "C.UTF-8";
  try {
    const locale = (tools: boolean): Job => ({
      argv: ["sh", "-c", 'printf %s "$LC_ALL"'],
      ...(tools ? { tools } : {}),
    });
    const seen = async (jobs: Job[], options: { concurrency: number; threshold?: number }) =>
      (await runJobs(jobs, options)).map((r) => r?.stdout);
    for (const options of [SHARED, { concurrency: 8 }]) {
      assert.deepEqual(await seen([locale(true), locale(true), locale(true)], options), ["C", "C", "C"]);
      assert.deepEqual(await seen([locale(false), locale(false)], options), ["C.UTF-8", "C.UTF-8"]);
    }
    // Alone, each job is its own; shared, jobs 0 and 2 are one worker's, 1 and 3 the other's:
    // each job still in its own locale.
    const mixed = [locale(true), locale(true), locale(false), locale(true)];
    assert.deepEqual(await seen(mixed, { concurrency: 8 }), ["C", "C", "C.UTF-8", "C"]);
    assert.deepEqual(await seen(mixed, SHARED), ["C", "C", "C.UTF-8", "C"]);
  } finally {
    if (saved === undefined) delete process.env.LC_ALL;
    else process.env.LC_ALL = saved;
  }
});
