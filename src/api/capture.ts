// Capturing packets in a running lab: tcpdump on a node's interface, a switch's port or the
// host's end of a link (src/plan/capture.ts says where), writing pcap to a file, a stream or
// its standard output — so that `opentop capture LAB NODE IFACE | wireshark -k -i -` works.
// Stopped with SIGINT, tcpdump writes what it has and says how many packets it captured.

import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { diag } from "../diagnostics/diagnostic.js";
import { type CapturePoint, captureArgv, capturePoint } from "../plan/capture.js";
import { PROGRAMS } from "../plan/programs.js";
import type { LabRecord } from "../plan/record.js";
import { signalStatus, which } from "../runtime/proc.js";
import { OpentopError } from "./errors.js";
import { requireRoot } from "./target.js";

export type { CapturePoint } from "../plan/capture.js";

export interface CaptureOptions {
  /** A tcpdump filter, as words: `["icmp"]`, `["tcp", "port", "80"]`. */
  readonly filter?: readonly string[];
  /**
   * Where the pcap goes: a file (created or truncated), an open file descriptor, or (the
   * default) a pipe, `Capture.process.stdout`.
   */
  readonly output?: string | number;
  /** Stop after this many packets. */
  readonly count?: number;
  /** Told each line tcpdump writes to its standard error (`listening on …`, its counts). */
  readonly onMessage?: (line: string) => void;
}

export interface CaptureSummary {
  /** tcpdump's exit status (0 when stopped by SIGINT or after `count` packets). */
  readonly code: number;
  /** Packets written (tcpdump's `N packets captured`), when it said. */
  readonly captured?: number;
  /** Packets the kernel dropped for lack of room, when it said. */
  readonly dropped?: number;
  /** What tcpdump wrote to its standard error. */
  readonly messages: readonly string[];
}

export interface Capture {
  readonly point: CapturePoint;
  /** tcpdump itself (in the lab's namespace); its `stdout` is the pcap unless `output` was given. */
  readonly process: ChildProcess;
  /** Resolves once tcpdump listens: packets sent after it are captured. */
  readonly listening: Promise<void>;
  /** Resolves when tcpdump has ended, by `stop()`, after `count` packets, or by itself. */
  readonly done: Promise<CaptureSummary>;
  /** Asks tcpdump to stop (SIGINT: it writes what it has) and resolves to its summary. */
  stop(): Promise<CaptureSummary>;
}

/** Where `iface` of `where` (a node, a switch, or `host`) is, or OT6066 / OT6008. */
export function capturePointOf(record: LabRecord, where: string, iface: string): CapturePoint {
  const p = capturePoint(record, where, iface);
  if ("code" in p) throw new OpentopError(p);
  return p;
}

/** The checks before a capture: root, and tcpdump installed (OT6005 names its package). */
export function captureChecks(lab: string): void {
  requireRoot("capturing packets", `run it as root: \`sudo opentop capture ${lab} …\``);
  if (!which("tcpdump"))
    throw new OpentopError(
      diag("OT6005", `tcpdump not found: ${PROGRAMS.tcpdump.why}`, {
        help: `install ${PROGRAMS.tcpdump.package}`,
      }),
    );
}

export function startCapture(
  record: LabRecord,
  where: string,
  iface: string,
  options: CaptureOptions = {},
): Capture {
  const point = capturePointOf(record, where, iface);
  captureChecks(record.lab);
  const fd = typeof options.output === "string" ? openOutput(options.output) : options.output;
  const [file, ...args] = captureArgv(point, options);
  if (file === undefined) throw new Error("internal: empty argv");
  const child = spawn(file, args, { stdio: ["ignore", fd ?? "pipe", "pipe"] });
  if (typeof options.output === "string" && fd !== undefined) closeSync(fd);
  const messages: string[] = [];
  let heard: () => void = () => {};
  const listening = new Promise<void>((resolve) => {
    heard = resolve;
  });
  let buffer = "";
  child.stderr?.on("data", (b: Buffer) => {
    buffer += b.toString("utf8");
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      messages.push(line);
      if (/^(tcpdump: )?listening on /.test(line)) heard();
      options.onMessage?.(line);
    }
  });
  const done = new Promise<CaptureSummary>((resolve) => {
    child.on("error", (e) => {
      messages.push(String(e));
      resolve({ code: 127, messages });
    });
    child.on("close", (code, signal) => {
      if (buffer) messages.push(buffer);
      heard();
      resolve(summary(code ?? signalStatus(signal), messages));
    });
  });
  return {
    point,
    process: child,
    listening,
    done,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
      return done;
    },
  };
}

function openOutput(path: string): number {
  try {
    return openSync(path, "w", 0o644);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new OpentopError(
      diag("OT6067", `cannot write the capture to ${path}: ${err.code ?? err.message}`, {
        help: "give a file in a directory that exists and that you may write",
      }),
    );
  }
}

/** tcpdump's counts, from the lines it writes when it ends. */
function summary(code: number, messages: readonly string[]): CaptureSummary {
  const count = (what: string) => {
    for (const line of messages) {
      const m = new RegExp(`^(\\d+) packets? ${what}`).exec(line);
      if (m) return Number(m[1]);
    }
    return undefined;
  };
  const captured = count("captured");
  const dropped = count("dropped by kernel");
  return {
    code,
    ...(captured !== undefined ? { captured } : {}),
    ...(dropped !== undefined ? { dropped } : {}),
    messages,
  };
}
