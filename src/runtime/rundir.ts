// Which run directory this process uses (OPENTOP_RUN_DIR, else /run/opentop), and a lab's
// directory in it: a module of its own so that `exec`'s quick start (src/cli/fast.ts) reads
// them without loading the record's parser.

import { labDirIn, RUN_DIR } from "../plan/layout.js";

export function runDir(): string {
  return process.env.OPENTOP_RUN_DIR ?? RUN_DIR;
}

export function labDir(lab: string): string {
  return labDirIn(runDir(), lab);
}
