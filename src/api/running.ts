// A running lab's handle: run programs in its nodes, capture its packets, test it, read its
// state, change it, take it down. How to enter each node is read from the record once per
// handle, so that `exec` costs what one `nsenter` costs.

import { type ChildProcess, type SpawnOptions, spawn as spawnProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { diag } from "../diagnostics/diagnostic.js";
import type { LabRecord } from "../plan/record.js";
import { enterArgv } from "../runtime/enter.js";
import { signalStatus } from "../runtime/proc.js";
import {
  type Applied,
  type ApplyOptions,
  applyLab,
  type Downed,
  downLab,
  type LabStatus,
  labStatus,
  recordNow,
} from "./actions.js";
import { type Capture, type CaptureOptions, startCapture } from "./capture.js";
import { compile } from "./compile.js";
import { guarded, OpentopError } from "./errors.js";
import { type TestOptions, type TestReport, test } from "./test.js";

export interface ExecResult {
  /** Its exit status: 128 + n after signal n, 127 when it could not be started. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ExecOptions {
  /** Written to the program's standard input. */
  readonly input?: string | Buffer;
  /** Killed (SIGKILL) after this many milliseconds; its code is then 137. */
  readonly timeout?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** The handle of a lab that is up, by its name (its record is read now). */
export function lab(name: string): RunningLab {
  return new RunningLab(recordNow(name));
}

/** A namespace file an entering prefix names (`--net=PATH`) that is not there. */
function goneFile(word: string): boolean {
  const m = /^--[a-z]+=(\/.*)$/.exec(word);
  return m?.[1] !== undefined && !existsSync(m[1]);
}

/** A lab that is up: run programs in its nodes, read its state, change it, take it down. */
export class RunningLab {
  readonly name: string;
  #record: LabRecord;
  readonly #enter = new Map<string, readonly string[]>();

  constructor(record: LabRecord) {
    this.name = record.lab;
    this.#record = record;
  }

  /** The record of the lab as it was read (its plan's operations, nodes, how to enter them). */
  get record(): LabRecord {
    return this.#record;
  }

  get nodes(): readonly string[] {
    return this.#record.nodes;
  }

  get switches(): readonly string[] {
    return this.#record.switches;
  }

  /**
   * The argv prefix that enters `node` (`nsenter …`, after joining its cgroups), computed
   * once; a switch's name enters the switches' namespace.
   */
  enter(node: string): readonly string[] {
    let argv = this.#enter.get(node);
    if (!argv) {
      const record = this.#record;
      argv = guarded(() => enterArgv(record, node));
      this.#enter.set(node, argv);
    }
    return argv;
  }

  /** Runs `argv` in `node` and resolves to its exit status and output. */
  async exec(node: string, argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const child = this.spawn(node, argv, {
      stdio: [options.input !== undefined ? "pipe" : "ignore", "pipe", "pipe"],
      ...(options.env ? { env: options.env } : {}),
      ...(options.timeout !== undefined ? { timeout: options.timeout, killSignal: "SIGKILL" } : {}),
    });
    const result = await new Promise<ExecResult>((resolve) => {
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout?.on("data", (b: Buffer) => out.push(b));
      child.stderr?.on("data", (b: Buffer) => err.push(b));
      child.stdin?.on("error", () => {}); // it may exit before reading all of its input
      if (options.input !== undefined) child.stdin?.end(options.input);
      child.on("error", (e) => resolve({ code: 127, stdout: "", stderr: String(e) }));
      child.on("close", (code, signal) =>
        resolve({
          code: code ?? signalStatus(signal),
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8"),
        }),
      );
    });
    // nsenter could not enter: the node's namespaces are gone since they were read (the lab
    // taken down, or the node removed by `apply`) — OT6008, not the program's status. Told by
    // a file of the prefix that is gone, not by nsenter's words: it runs in the caller's
    // locale, as the program does, and says "kann nicht geöffnet werden" in German.
    const used = this.#enter.get(node) ?? [];
    if (result.code !== 0 && result.stderr.startsWith("nsenter: ") && used.some(goneFile)) {
      this.#enter.delete(node);
      this.enter(node);
    }
    return result;
  }

  /** Starts `argv` in `node` (its namespaces and cgroups) and returns the process; stop it by its PID. */
  spawn(node: string, argv: readonly string[], options: SpawnOptions = {}): ChildProcess {
    let prefix = this.enter(node);
    // A process, unlike a result, cannot say afterwards that the node was gone: its network
    // namespace is looked for first (OT6008 if the lab is down, as `exec` says).
    const net = prefix.find((a) => a.startsWith("--net="))?.slice("--net=".length);
    if (net !== undefined && !existsSync(net)) {
      this.#enter.delete(node);
      prefix = this.enter(node);
    }
    const [file, ...args] = [...prefix, ...argv];
    if (file === undefined || argv.length === 0)
      throw new OpentopError(diag("OT9002", "give a program to run", {}));
    return spawnProcess(file, args, {
      ...options,
      env: { ...process.env, ...options.env, OPENTOP_LAB: this.name, OPENTOP_NODE: node },
    });
  }

  /**
   * Captures packets on `iface` of `where` (a node, a switch — its port by `NODE.IFACE` —
   * or `host`, with `NODE.IFACE` of a link to the host) with tcpdump; see `Capture`.
   */
  capture(where: string, iface: string, options: CaptureOptions = {}): Capture {
    return startCapture(this.#record, where, iface, options);
  }

  /** The lab's expectations tested with real packets. */
  test(options: Omit<TestOptions, "params"> = {}): Promise<TestReport> {
    return test(this.name, options);
  }

  /** The lab's live state and its drift from the plan. */
  status(): Promise<LabStatus> {
    return labStatus(this.name, this.#record);
  }

  /** Changes the lab into what `file` now says; the handle then knows the new plan. */
  async apply(file: string, options: ApplyOptions = {}): Promise<Applied> {
    const c = compile(file, { ...options, keep: true });
    if (c.name !== undefined && c.name !== this.name)
      throw new OpentopError(
        diag("OT6007", `${file} is lab ${c.name}, not ${this.name}`, {
          help: `change lab ${c.name} with \`apply("${file}")\`, or give this lab's file`,
        }),
      );
    const applied = await applyLab(c, options);
    this.#record = applied.record;
    this.#enter.clear();
    return applied;
  }

  down(): Promise<Downed> {
    return downLab(this.name);
  }
}
