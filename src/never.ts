// Exhaustive switches over unions (STYLE.md, habit 6): `default: return assertNever(x)`
// stops compiling when the union gains a member that the switch does not handle.

export function assertNever(x: never): never {
  throw new Error(`internal: unexpected ${JSON.stringify(x)}`);
}
