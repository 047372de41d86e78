// What every command provides to the dispatcher in main.ts (which holds their names and
// summaries, so that a command's module is loaded only when it runs).

import type { Io } from "./io.js";

export interface Command {
  readonly usage: string;
  run(args: string[], io: Io): Promise<number>;
}

/** Exit statuses: 0 success, 1 the lab or the machine said no, 2 bad command line. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
