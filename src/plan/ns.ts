// Where an operation runs or a fact holds: a network namespace by name (under /run/netns),
// or null for the machine's own. A plan is always one machine's: null never means "some
// other host".

import { netnsPath } from "./layout.js";

export type Ns = string | null;

/** A namespace in a key: `@host` for the machine's own (no namespace name contains `@`). */
export function nsKey(ns: Ns): string {
  return ns ?? "@host";
}

/** A namespace in a sentence for people. */
export function at(ns: Ns): string {
  return ns === null ? "the host" : ns;
}

/** The argv that runs `argv` inside a network namespace (one setns), or on the host for null. */
export function inNetns(ns: Ns, argv: readonly string[]): string[] {
  return ns === null ? [...argv] : ["nsenter", `--net=${netnsPath(ns)}`, "--", ...argv];
}
