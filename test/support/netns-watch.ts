// Watching namespaces die: a namespace deleted by name lives on while anything refers to it,
// and the kernel frees it later, in the background. A test holds a switch's namespace open
// and watches its ports: each is the peer of a node's veth, and goes when that node's
// namespace dies (the benchmark's way, bench/peers.ts).

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { netnsPath } from "../../src/plan/layout.js";

/** A namespace held open by this process: its veths (by name), read through the descriptor. */
export interface Held {
  readonly fd: number;
  veths(): string[];
  close(): void;
}

export function holdOpen(ns: string): Held {
  const fd = openSync(netnsPath(ns), "r");
  return { fd, veths: () => vethsOf(fd), close: () => closeSync(fd) };
}

/** The veths (by name) of the namespace this process's descriptor `fd` refers to. */
export function vethsOf(fd: number): string[] {
  const r = spawnSync(
    "nsenter",
    [`--net=/proc/${process.pid}/fd/${fd}`, "ip", "-o", "link", "show", "type", "veth"],
    {
      encoding: "utf8",
    },
  );
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .split("\n")
    .filter(Boolean)
    .map((l) => (l.split(": ")[1] ?? "").split("@")[0] ?? "");
}
