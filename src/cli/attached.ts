// A program run with the terminal attached (`exec`, `shell`): its exit status passed through,
// 128 + n after signal n, 127 when it cannot be started. The terminal's Ctrl-C reaches it
// too; OpenTop lets it decide, and reports its status.

import { spawn } from "node:child_process";
import { signalStatus } from "../runtime/proc.js";

/** Status of a program that could not be started, as shells use it. */
export const CANNOT_RUN = 127;

export function attached(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  err: (text: string) => void,
): Promise<number> {
  return new Promise((resolve) => {
    const [file, ...args] = argv;
    if (!file) return resolve(2);
    const ignore = () => {};
    process.on("SIGINT", ignore);
    process.on("SIGQUIT", ignore);
    const child = spawn(file, args, { stdio: "inherit", env });
    const done = (code: number) => {
      process.off("SIGINT", ignore);
      process.off("SIGQUIT", ignore);
      resolve(code);
    };
    child.on("error", (e) => {
      err(`opentop: cannot run ${file}: ${e.message}`);
      done(CANNOT_RUN);
    });
    child.on("close", (code, signal) => done(code ?? signalStatus(signal)));
  });
}
