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

export interface RunOptions {
  readonly stdin?: string;
  /**
   * In a process group of its own, so that the terminal's Ctrl-C does not reach it: the
   * caller decides what an interruption means (ssh to another machine, whose work must
   * finish before it is rolled back).
   */
  readonly detached?: boolean;
}

export function run(argv: readonly string[], options: RunOptions = {}): Promise<ProcResult> {
  return new Promise((resolve) => {
    const [file, ...args] = argv;
    if (!file) throw new Error("internal: empty argv");
    const child = spawn(file, args, {
      stdio: ["pipe", "pipe", "pipe"],
      ...(options.detached ? { detached: true } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let spawnError: NodeJS.ErrnoException | undefined;
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e: NodeJS.ErrnoException) => {
      spawnError = e;
    });
    child.stdin.on("error", () => {}); // the tool may exit before reading all of stdin
    child.stdin.end(options.stdin ?? "");
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

/**
 * `run`, waiting: for the few checks that tear-down's synchronous guards make (`holds`).
 * The same result for a missing tool (127) and a signal (128 + n).
 */
export function runSync(argv: readonly string[]): ProcResult {
  const [file, ...args] = argv;
  if (!file) throw new Error("internal: empty argv");
  const r = spawnSync(file, args, { encoding: "utf8" });
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
