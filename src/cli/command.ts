// What every command provides to the dispatcher in main.ts; its name, usage, options and
// examples are its entry in the command table (src/cli/spec.ts), so that a command's
// module is loaded only when it runs.

import type { Io } from "./io.js";

export interface Command {
  run(args: string[], io: Io): Promise<number>;
}

/** Exit statuses: 0 success, 1 the lab or the machine said no, 2 bad command line. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
