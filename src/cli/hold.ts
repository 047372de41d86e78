// Interrupts held from a command's first instruction (`up`, `apply`, `down`): without a
// handler, a Ctrl-C that lands while OpenTop is still loading or compiling would end it
// outright, and one that lands after its work would cut its report short. Small on purpose:
// the entry loads it before anything else (src/cli/entry.ts); src/cli/signals.ts is where
// the work takes them.

/**
 * The signals that ask OpenTop to stop: Ctrl-C at the terminal (SIGINT), a polite kill
 * (SIGTERM), and the terminal going away (SIGHUP: a closed window, a dropped SSH session).
 * Without a handler each would end Node at once, mid-step.
 */
export const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * The commands that hold interrupts from their start: `up` and `apply` stop at once, having
 * done nothing, for one that came before their work; `down` is not stopped (src/cli/signals.ts).
 */
const HOLDING = new Set(["up", "apply", "down"]);

/** An interrupt that came while interrupts were held and no work was listening for one. */
let held = false;
let holding = false;

/**
 * From now until the process exits, an interrupt never ends it outright, half-way through
 * printing or before its work has begun: one that lands before the work (`interruptible`,
 * `interruptFlag`) starts makes it stop at once, having done nothing; one that lands after
 * the work is done lets the command say what it did.
 */
export function holdInterrupts(): void {
  if (holding) return;
  holding = true;
  const hold = () => {
    held = true;
  };
  for (const s of SIGNALS) process.on(s, hold);
}

/** Holds interrupts if the command line is one of a command that does (`up`, `apply`). */
export function holdFor(argv: readonly string[]): void {
  if (argv[0] !== undefined && HOLDING.has(argv[0])) holdInterrupts();
}

/**
 * How a command that held interrupts ends: once what it printed is written, at once, with
 * its status. Left to end by itself, Node puts each signal's default action back as it shuts
 * down, and an interrupt landing then ends the process by the signal (status 130 in a shell)
 * with its work done and reported; `process.exit` keeps the handlers to the last. It drops
 * what a pipe has not taken yet (Node writes to a pipe without blocking), so it waits for
 * that first, interrupts still held. A command that did not hold interrupts ends by itself,
 * as any program a Ctrl-C may end.
 */
export async function ended(status: number): Promise<number> {
  if (!holding) return status;
  await Promise.all([written(process.stdout), written(process.stderr)]);
  process.exit(status);
}

/** Once everything written to `stream` so far is out (or can no longer be: its reader is gone). */
function written(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    stream.write("", () => resolve());
  });
}

/** Whether an interrupt came before the work that takes it; taken once. */
export function takeHeld(): boolean {
  const was = held;
  held = false;
  return was;
}
