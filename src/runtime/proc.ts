// Running the elementary tools: argv arrays, never a shell; output captured; a tool that
// is missing is a result (exit 127), not an exception.

import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants as fs } from "node:fs";
import { constants } from "node:os";
import { delimiter, join } from "node:path";

export interface ProcResult {
  readonly argv: readonly string[];
  /** Exit code; 128 + n for a signal; 127 when the program could not be started. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs argv to its end. The process gets a session of its own: a Ctrl-C at the terminal
 * (SIGINT to the foreground process group) reaches OpenTop, which stops starting steps and
 * lets the running ones finish, so that it knows what they did — not the steps themselves,
 * which would die half-way without saying how far they got. Not quite: a child is in
 * OpenTop's process group from its fork until it calls setsid, and a signal sent to the
 * group then is pending in it and kills it once it starts (with a large heap, fork takes
 * a millisecond or more: measured, half the children spawned during a stream of SIGHUPs).
 * Such a process dies without having run; `byInterrupt` tells callers, which may run it again.
 * (ssh to another machine is one such process too: the caller decides what an interruption
 * means, and the work over there finishes before it is rolled back.)
 */
export interface RunOptions {
  readonly stdin?: string;
  /** It runs only the elementary tools and OpenTop's own programs: in their locale (`toolEnv`). */
  readonly tools?: boolean;
}

/**
 * The environment of a process that runs only the elementary tools (and OpenTop's own sh
 * programs), none of a lab's own programs (services, inits, checks, `exec`): the caller's,
 * in the C locale. Their messages are then those OpenTop recognises (failure.ts) whatever
 * the user's language, and `nsenter`, `sysctl`, `unshare` and `setsid` start without
 * reading the locale's files (27 of them, 0.26 ms of `nsenter`'s 1.6 ms here: a quarter of
 * a second of a 1,000-node lab's `status`). A lab's programs keep the caller's locale.
 */
export function toolEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: "C" };
}

export function run(argv: readonly string[], options: RunOptions = {}): Promise<ProcResult> {
  return new Promise((resolve) => {
    const [file, ...args] = argv;
    if (!file) throw new Error("internal: empty argv");
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(file, args, {
        stdio: ["pipe", "pipe", "pipe"],
        detached: true,
        ...(options.tools ? { env: toolEnv() } : {}),
      });
    } catch (e) {
      // What the kernel refuses at once (E2BIG: an argument over 128 KiB) is thrown, not emitted.
      resolve({ argv, code: 127, stdout: "", stderr: `${file}: ${(e as Error).message}` });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let spawnError: NodeJS.ErrnoException | undefined;
    child.stdout?.on("data", (b: Buffer) => out.push(b));
    child.stderr?.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e: NodeJS.ErrnoException) => {
      spawnError = e;
    });
    child.stdin?.on("error", () => {}); // the tool may exit before reading all of stdin
    child.stdin?.end(options.stdin ?? "");
    child.on("close", (code, signal) => {
      const stderr = Buffer.concat(err).toString("utf8");
      if (spawnError)
        resolve({
          argv,
          code: 127,
          stdout: "",
          stderr:
            spawnError.code === "ENOENT" ? `${file}: command not found` : `${file}: ${spawnError.message}`,
        });
      else
        resolve({
          argv,
          code: code ?? signalStatus(signal),
          stdout: Buffer.concat(out).toString("utf8"),
          stderr,
        });
    });
  });
}

/** Killed by SIGINT, SIGTERM or SIGHUP: what an interrupt does to a process it reaches. */
export function byInterrupt(r: { readonly code: number }): boolean {
  return (["SIGINT", "SIGTERM", "SIGHUP"] as const).some((s) => r.code === signalStatus(s));
}

/**
 * `run`, waiting: for the few checks that tear-down's synchronous guards make (`holds`).
 * The same result for a missing tool (127) and a signal (128 + n). A check only reads, so
 * one that an interrupt killed as it started (see `run`) is run again: a guard must not
 * take a Ctrl-C during `down` for "not the lab's".
 */
export function runSync(argv: readonly string[], options: Pick<RunOptions, "tools"> = {}): ProcResult {
  let r = runSyncOnce(argv, options);
  for (let i = 0; i < 3 && byInterrupt(r); i++) r = runSyncOnce(argv, options);
  return r;
}

function runSyncOnce(argv: readonly string[], options: Pick<RunOptions, "tools">): ProcResult {
  const [file, ...args] = argv;
  if (!file) throw new Error("internal: empty argv");
  // `detached` (a session of its own, as `run` gives) works for spawnSync too, though
  // Node's types list it for spawn only.
  const spawnOptions: Parameters<typeof spawnSync>[2] & { detached: boolean } = {
    encoding: "utf8",
    detached: true,
    ...(options.tools ? { env: toolEnv() } : {}),
  };
  const r = spawnSync(file, args, spawnOptions) as ReturnType<typeof spawnSync> & {
    stdout: string;
    stderr: string;
  };
  if (r.error) {
    const e = r.error as NodeJS.ErrnoException;
    return {
      argv,
      code: 127,
      stdout: "",
      stderr: e.code === "ENOENT" ? `${file}: command not found` : `${file}: ${e.message}`,
    };
  }
  return { argv, code: r.status ?? signalStatus(r.signal), stdout: r.stdout, stderr: r.stderr };
}

/** The exit status a shell gives a process that `signal` ended: 128 + its number. */
export function signalStatus(signal: NodeJS.Signals | null): number {
  return 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
}

/** Runs tasks with at most `limit` in flight; stops starting new ones once `stop()` is true. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
  stop: () => boolean = () => false,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The full path of a program on PATH, or undefined. */
export function which(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin").split(delimiter)) {
    if (!dir) continue;
    const full = join(dir, program);
    try {
      accessSync(full, fs.X_OK);
      return full;
    } catch {}
  }
  return undefined;
}
