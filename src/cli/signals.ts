// The signals that ask OpenTop to stop: Ctrl-C at the terminal (SIGINT), a polite kill
// (SIGTERM), and the terminal going away (SIGHUP: a closed window, a dropped SSH session).
// A command that must not be cut half-way (`up` rolls back, `down` and `gc` finish) handles
// all three alike; without a handler, each would end Node at once, mid-step.

const INTERRUPTS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Calls `handler` on each interrupting signal until the returned function is called. */
export function onInterrupt(handler: () => void): () => void {
  for (const s of INTERRUPTS) process.on(s, handler);
  return () => {
    for (const s of INTERRUPTS) process.off(s, handler);
  };
}

/** A flag that each interrupting signal sets, for a command that polls it (`up` across machines). */
export interface Interrupt {
  readonly interrupted: () => boolean;
  /** Stops listening (the process's default handling is back). */
  off(): void;
}

export function interruptFlag(): Interrupt {
  let seen = false;
  const off = onInterrupt(() => {
    seen = true;
  });
  return { interrupted: () => seen, off };
}
