// Running many short processes through a few shells. Node starts a process by forking
// itself in its main thread (3–8 ms here, more as its heap grows), so a stage of a thousand
// node batches, or the status of a thousand namespaces, would spend seconds forking one
// process after another. Instead a few `sh` workers each run their share of the jobs one
// after another — forking a small shell costs a fraction of that, and the workers fork in
// parallel. Where jobs can be stopped, Node hands a worker its next job only once the
// previous one is done, so it starts nothing after `stop()`, as `pool` does; reads run
// straight through. Each job reports its own exit status, standard output and standard
// error, as `run` does.

import { type ChildProcessByStdio, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { Readable, Writable } from "node:stream";
import { byInterrupt, type ProcResult, pool, run, signalStatus, toolEnv } from "./proc.js";

/** A process to run: its argv (a program on PATH and its arguments) and its standard input. */
export interface Job {
  readonly argv: readonly string[];
  readonly stdin?: string;
  /** It runs only the elementary tools (and OpenTop's own programs), none of the lab's: in their locale (`toolEnv`). */
  readonly tools?: boolean;
}

export interface JobOptions {
  /** Processes in flight at once: shells, or single processes when there are few jobs. */
  readonly concurrency: number;
  /**
   * Polled before each job starts: once true, no job starts. Without it (reads, which it is
   * harmless to finish), a worker is told to run all its jobs at once rather than one at a
   * time: no round trip through Node between one job and the next.
   */
  readonly stop?: () => boolean;
  /** Called as each job finishes, with its wall-clock duration in seconds. */
  readonly onDone?: (index: number, result: ProcResult, seconds: number) => void;
  /** Jobs from which shells are used (below it, one process each); for tests. */
  readonly threshold?: number;
}

/**
 * The worker. Its arguments are a tag and then three words a job: the job's argv with its
 * words joined by newlines (split back by IFS, with globbing off), its standard input
 * (given by a here-document, which adds one newline at its end: the caller removes one),
 * and `C` for a job of the tools, which runs with LC_ALL=C (`toolEnv`), or nothing for one
 * that keeps the worker's environment, the caller's: a worker may run both. It runs a job
 * for each line it reads, and ends when its input ends. After each job it writes a newline,
 * the tag and the job's exit status on its standard output, and a newline and the tag on
 * its standard error: the tag is random, so no output can contain it.
 */
export const WORKER = `set -f
IFS='
'
tag=$1
shift
while [ $# -ge 3 ] && read -r go; do
  if [ -z "$3" ]; then
    if [ -n "$2" ]; then
      $1 <<EOF
$2
EOF
    else
      $1 </dev/null
    fi
  elif [ -n "$2" ]; then
    LC_ALL=C $1 <<EOF
$2
EOF
  else
    LC_ALL=C $1 </dev/null
  fi
  printf '\\n%s %s\\n' "$tag" "$?"
  printf '\\n%s\\n' "$tag" >&2
  shift 3
done
`;

/**
 * Beyond these sizes a job runs as a process of its own: the kernel takes no single argument
 * over 128 KiB, and all of a process's arguments must fit in ARG_MAX (2 MiB, with the
 * environment).
 */
const MAX_WORD = 100_000;
const MAX_WORKER_ARGS = 512_000;

/** The word a job's argv becomes for the worker: its words joined by newlines. */
function argvWord(argv: readonly string[]): string | undefined {
  if (argv.length === 0 || argv.some((w) => w === "" || w.includes("\n") || w.includes("\0")))
    return undefined;
  return argv.join("\n");
}

/** A job as the worker takes it: its argv as one word, its standard input, and `C` or nothing (WORKER). */
type JobWords = readonly [argv: string, stdin: string, locale: "C" | ""];

/** The worker's three arguments for a job, or undefined when it must run on its own. */
function jobWords(job: Job): JobWords | undefined {
  const word = argvWord(job.argv);
  const input = job.stdin === undefined ? "" : job.stdin.endsWith("\n") ? job.stdin.slice(0, -1) : job.stdin;
  if (word === undefined || input.includes("\0")) return undefined;
  // An empty input is told apart from none only by the newline the here-document adds.
  if (job.stdin !== undefined && job.stdin !== "" && input === "") return undefined;
  if (word.length + input.length > MAX_WORD) return undefined;
  return [word, input, job.tools ? "C" : ""];
}

/**
 * Runs the jobs, at most `concurrency` at once, and returns their results in order;
 * undefined for a job that never started (after `stop()`, or its worker died first; without
 * `stop`, if an interrupt killed a job or a worker, those run again). With `stop`, `onDone`
 * is called as each finishes, before the next starts, so that what it records is what
 * `stop()` sees; without it, a worker's next job may already be running, and a job's
 * duration is counted from when Node saw the one before it end.
 */
export async function runJobs(
  jobs: readonly Job[],
  options: JobOptions,
): Promise<(ProcResult | undefined)[]> {
  const results = await runAll(jobs, options);
  if (options.stop) return results;
  // Reads: a job that an interrupt killed as it started (before it left OpenTop's process
  // group: see `run`), and those that never ran because a worker was killed so, are read
  // again, as `runSync` does: a Ctrl-C must not read as "missing" (a rollback's check).
  for (let i = 0; i < 3 && results.some((r) => r !== undefined && byInterrupt(r)); i++) {
    const again = results.flatMap((r, k) => (r === undefined || byInterrupt(r) ? [k] : []));
    const { onDone } = options;
    const more = await runAll(
      again.map((k) => jobs[k] as Job),
      { ...options, ...(onDone ? { onDone: (j, r, seconds) => onDone(again[j] ?? j, r, seconds) } : {}) },
    );
    for (const [j, k] of again.entries()) results[k] = more[j];
  }
  return results;
}

/** One pass over the jobs: shells for most, a process each for the rest. */
async function runAll(jobs: readonly Job[], options: JobOptions): Promise<(ProcResult | undefined)[]> {
  const results: (ProcResult | undefined)[] = jobs.map(() => undefined);
  const done = (i: number, result: ProcResult, started: number) => {
    results[i] = result;
    options.onDone?.(i, result, (performance.now() - started) / 1000);
  };
  const words = jobs.map(jobWords);
  let alone = words.flatMap((w, i) => (w ? [] : [i]));
  let shared = words.flatMap((w, i) => (w ? [i] : []));
  if (shared.length < (options.threshold ?? options.concurrency + 1)) {
    alone = jobs.map((_, i) => i);
    shared = [];
  }
  await Promise.all([
    pool(
      alone,
      options.concurrency,
      async (i) => {
        const started = performance.now();
        const { argv, stdin, tools } = jobs[i] as Job;
        done(
          i,
          await run(argv, { ...(stdin !== undefined ? { stdin } : {}), ...(tools ? { tools } : {}) }),
          started,
        );
      },
      options.stop ?? (() => false),
    ),
    ...shares(shared, words, options.concurrency).map((share) =>
      worker(
        share.map((i) => ({
          index: i,
          argv: (jobs[i] as Job).argv,
          words: words[i] as JobWords,
        })),
        // All of them the tools': the worker itself in their locale too (a bash as sh would
        // warn on its standard error, in the first job's output, of a locale it lacks).
        share.every((i) => jobs[i]?.tools),
        options.stop,
        done,
      ),
    ),
  ]);
  return results;
}

/** The shared jobs dealt out to workers in turn, with more workers where arguments would not fit. */
function shares(indices: readonly number[], words: readonly (JobWords | undefined)[], n: number) {
  if (indices.length === 0) return [];
  const bytes = indices.reduce(
    (sum, i) => sum + (words[i]?.[0].length ?? 0) + (words[i]?.[1].length ?? 0),
    0,
  );
  const count = Math.min(indices.length, Math.max(n, Math.ceil(bytes / MAX_WORKER_ARGS)));
  const out: number[][] = Array.from({ length: count }, () => []);
  for (const [k, i] of indices.entries()) out[k % count]?.push(i);
  return out;
}

interface Shared {
  readonly index: number;
  readonly argv: readonly string[];
  readonly words: JobWords;
}

/**
 * One worker shell running `share` in order. A job's result is known when both of its
 * markers have come; a worker that dies during a job leaves that job's result as the
 * signal or status it died of, with what it had written, and the rest never started.
 */
function worker(
  share: readonly Shared[],
  tools: boolean,
  stop: (() => boolean) | undefined,
  done: (index: number, result: ProcResult, started: number) => void,
): Promise<void> {
  const tag = `#opentop-job-${randomBytes(12).toString("hex")}`;
  return new Promise((resolve) => {
    let next = 0;
    let current: { job: Shared; started: number } | undefined;
    const settle = (r: Omit<ProcResult, "argv">) => {
      const c = current;
      current = undefined;
      if (c) done(c.job.index, notFound({ ...r, argv: c.job.argv }), c.started);
    };
    let child: ChildProcessByStdio<Writable, Readable, Readable>;
    try {
      child = spawn("sh", ["-c", WORKER, "sh", tag, ...share.flatMap((j) => j.words)], {
        stdio: ["pipe", "pipe", "pipe"],
        // A session of its own: a Ctrl-C reaches OpenTop, not the worker or its jobs (see run).
        // A worker of both kinds is in the caller's environment, and a job of the tools sets
        // LC_ALL=C for itself (WORKER).
        detached: true,
        ...(tools ? { env: toolEnv() } : {}),
      });
    } catch (e) {
      // What the kernel refuses at once (E2BIG) is thrown: the first job fails, none runs.
      current = share[0] && { job: share[0], started: performance.now() };
      settle({ code: 127, stdout: "", stderr: `sh: ${(e as Error).message}` });
      resolve();
      return;
    }
    const { stdin, stdout, stderr } = child;
    const start = () => {
      const job = share[next];
      if (job === undefined || stop?.()) {
        stdin.end();
        return;
      }
      next++;
      current = { job, started: performance.now() };
      if (stop) stdin.write("\n");
    };
    const markers = new Markers(tag);
    const finish = () => {
      for (const r of markers.take()) {
        settle(r);
        start();
      }
    };
    stdout.setEncoding("utf8");
    stderr.setEncoding("utf8");
    stdout.on("data", (s: string) => {
      markers.out(s);
      finish();
    });
    stderr.on("data", (s: string) => {
      markers.err(s);
      finish();
    });
    stdin.on("error", () => {}); // the worker may have died
    let failed: Error | undefined;
    child.on("error", (e) => {
      failed = e;
    });
    child.on("close", (code, signal) => {
      // A job under way when the worker ended: it may have done anything.
      const rest = markers.rest();
      if (failed) settle({ code: 127, stdout: "", stderr: `sh: ${failed.message}` });
      else settle({ code: code || signalStatus(signal), ...rest });
      resolve();
    });
    // Nothing to stop for: every job is told to go now.
    if (!stop) stdin.write("\n".repeat(share.length));
    start();
  });
}

/** `sh: 1: ip: not found` as `run` words it for a program that is missing. */
function notFound(r: ProcResult): ProcResult {
  if (r.code !== 127) return r;
  const m = /^sh: \d+: (.+): not found\n?$/.exec(r.stderr);
  return m ? { ...r, stderr: `${m[1]}: command not found` } : r;
}

/** Splits a worker's two streams into its jobs' outputs at the tag's markers. */
class Markers {
  private stdout = "";
  private stderr = "";
  private readonly outs: { stdout: string; code: number }[] = [];
  private readonly errs: string[] = [];
  constructor(private readonly tag: string) {}

  out(s: string): void {
    this.stdout += s;
    for (;;) {
      const at = this.stdout.indexOf(`\n${this.tag} `);
      const end = at < 0 ? -1 : this.stdout.indexOf("\n", at + 1);
      if (end < 0) return;
      const code = Number(this.stdout.slice(at + this.tag.length + 2, end));
      this.outs.push({ stdout: this.stdout.slice(0, at), code });
      this.stdout = this.stdout.slice(end + 1);
    }
  }

  err(s: string): void {
    this.stderr += s;
    for (;;) {
      const at = this.stderr.indexOf(`\n${this.tag}\n`);
      if (at < 0) return;
      this.errs.push(this.stderr.slice(0, at));
      this.stderr = this.stderr.slice(at + this.tag.length + 2);
    }
  }

  /** The jobs whose two markers have both come, in order. */
  take(): Omit<ProcResult, "argv">[] {
    const out: Omit<ProcResult, "argv">[] = [];
    for (let o = this.outs.shift(); o !== undefined; o = this.outs.shift()) {
      const e = this.errs.shift();
      if (e === undefined) {
        this.outs.unshift(o);
        break;
      }
      out.push({ code: o.code, stdout: o.stdout, stderr: e });
    }
    return out;
  }

  /** What came after the last marker: a job cut short. */
  rest(): { stdout: string; stderr: string } {
    return { stdout: this.stdout, stderr: this.stderr };
  }
}
