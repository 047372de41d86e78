// Reaching the lab's other machines: OpenSSH, as the user runs it (their ~/.ssh/config, keys
// and known hosts), with the lab file's options, never asking for a password (BatchMode),
// and one connection a machine shared by every command of a run (ControlMaster, its socket
// under the lab's directory on this machine, ControlPersist short): a command costs one
// handshake a machine. The remote side needs sh and the elementary tools only.

import { spawn } from "node:child_process";
import type { Machine } from "../model/model.js";
import { shellQuote } from "../plan/quote.js";
import { type ProcResult, run, signalStatus } from "./proc.js";

/** How long a shared connection outlives its last command: `up` then `status` reuse it. */
export const CONTROL_PERSIST_SECONDS = 10;

/** The machine as ssh reaches it, with the socket its shared connection listens on. */
export interface Remote {
  readonly machine: Pick<Machine, "name" | "address" | "ssh" | "sshOptions">;
  readonly control: string;
}

/** ssh_config's value syntax: a value with blanks in double quotes. */
function optionValue(v: string): string {
  return /\s/.test(v) ? `"${v.replaceAll('"', "")}"` : v;
}

/** The argv of ssh running `command` (words, quoted for the remote shell) on the machine. */
export function sshArgv(r: Remote, command: readonly string[], options: { tty?: boolean } = {}): string[] {
  const { ssh, sshOptions } = r.machine;
  return [
    "ssh",
    options.tty ? "-t" : "-T",
    // The lab's options first: ssh keeps the first value it is given for each.
    ...sshOptions.flatMap(([k, v]) => ["-o", `${k}=${optionValue(v)}`]),
    "-o",
    "BatchMode=yes",
    "-o",
    "ConnectTimeout=10",
    "-o",
    "ServerAliveInterval=10",
    "-o",
    "ControlMaster=auto",
    "-o",
    `ControlPath=${r.control}`,
    "-o",
    `ControlPersist=${CONTROL_PERSIST_SECONDS}`,
    ...(ssh.port !== undefined ? ["-p", String(ssh.port)] : []),
    ...(ssh.user !== undefined ? ["-l", ssh.user] : []),
    ssh.host,
    "--",
    command.map(shellQuote).join(" "),
  ];
}

/**
 * Runs `command` on the machine with `stdin` fed to it, in a process group of its own (the
 * terminal's Ctrl-C is the caller's to handle). ssh's own failure is exit status 255.
 */
export function onMachine(r: Remote, command: readonly string[], stdin?: string): Promise<ProcResult> {
  return run(sshArgv(r, command), stdin !== undefined ? { stdin } : {});
}

/** Runs `command` on the machine with this terminal attached; resolves to its exit status. */
export function attachedOnMachine(r: Remote, command: readonly string[]): Promise<number> {
  const argv = sshArgv(r, command, { tty: process.stdin.isTTY === true });
  return new Promise((resolve) => {
    const [file, ...args] = argv;
    const ignore = () => {};
    process.on("SIGINT", ignore);
    const child = spawn(file as string, args, { stdio: "inherit" });
    const done = (code: number) => {
      process.off("SIGINT", ignore);
      resolve(code);
    };
    child.on("error", () => done(127));
    child.on("close", (code, signal) => done(code ?? signalStatus(signal)));
  });
}

/** Asks a shared connection to end now (nothing if there is none). */
export async function closeConnection(r: Remote): Promise<void> {
  const { ssh } = r.machine;
  await run(["ssh", "-o", `ControlPath=${r.control}`, "-O", "exit", ssh.host]);
}

/** ssh failed to reach the machine (as opposed to the remote command failing): status 255. */
export function unreachable(result: ProcResult): boolean {
  return result.code === 255 || result.code === 127;
}

/** What ssh said about its own failure, in one line. */
export function sshSaid(result: ProcResult): string {
  const lines = result.stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/^Warning: Permanently added/.test(l));
  return lines.slice(-2).join("; ") || `ssh exited with status ${result.code}`;
}
