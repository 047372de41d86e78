// Ctrl-C and SIGTERM during a command that must finish what it started (an `up` rolls back):
// the signal only sets a flag that the command polls.

export interface Interrupt {
  readonly interrupted: () => boolean;
  /** Stops listening (the process's default handling is back). */
  off(): void;
}

export function onInterrupt(): Interrupt {
  let seen = false;
  const onSignal = () => {
    seen = true;
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    interrupted: () => seen,
    off() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}
