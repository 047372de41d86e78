// `opentop exec` and `opentop shell` for the common case, without loading the rest of
// OpenTop: a node that isolates only its network (or a switch's name), entered with one
// nsenter after reading the few fields of the record that say so (src/plan/record-head.ts).
// Anything else — a lab file, help, a node with more namespaces, a record that does not read
// plainly, not root — is left to the command itself (src/cli/commands/exec.ts), which checks
// everything and says what is wrong. Both run the program the same way (`runEntered`).

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { NAME_PATTERN, nodeNetns, switchNetns } from "../model/names.js";
import { inNetns } from "../plan/ns.js";
import { recordHead } from "../plan/record-head.js";
import { netnsLive } from "../runtime/netns-file.js";
import { labDir } from "../runtime/rundir.js";
import { attached } from "./attached.js";
import { shellLaunch } from "./prompt.js";

/** Splits `LAB NODE [--] CMD…` without parsing the command's own options. */
export function split(args: readonly string[]): { lab?: string; node?: string; rest: string[] } {
  const words = [...args];
  const lab = words.shift();
  const node = words.shift();
  if (words[0] === "--") words.shift();
  return { ...(lab ? { lab } : {}), ...(node ? { node } : {}), rest: words };
}

/** Runs `rest` (exec) or the user's shell (shell) behind `prefix`, the argv that enters the node. */
export async function runEntered(
  command: "exec" | "shell",
  prefix: readonly string[],
  lab: string,
  node: string,
  rest: readonly string[],
  err: (text: string) => void,
): Promise<number> {
  const env = { ...process.env, OPENTOP_LAB: lab, OPENTOP_NODE: node };
  if (command === "exec") return attached([...prefix, ...rest], env, err);
  const launch = shellLaunch(process.env.SHELL || "/bin/sh", lab, node);
  try {
    return await attached([...prefix, ...launch.argv], { ...env, ...launch.env }, err);
  } finally {
    launch.cleanup();
  }
}

/** The exit status of `exec`/`shell` run the quick way; undefined: the command itself must run. */
export async function fast(argv: readonly string[]): Promise<number | undefined> {
  const [command, ...args] = argv;
  if ((command !== "exec" && command !== "shell") || process.getuid?.() !== 0) return undefined;
  const { lab, node, rest } = split(args);
  if (lab === undefined || node === undefined || !NAME_PATTERN.test(lab) || !NAME_PATTERN.test(node))
    return undefined;
  // A file of that name in the working directory is the lab's file; `exec LAB NODE --help` is help.
  if (existsSync(lab) || args[2] === "-h" || args[2] === "--help") return undefined;
  if (command === "exec" ? rest.length === 0 : rest.length > 0) return undefined;
  const ns = plainNamespace(lab, node);
  if (ns === undefined) return undefined;
  return runEntered(command, inNetns(ns, []), lab, node, rest, (t) => process.stderr.write(`${t}\n`));
}

/** The network namespace that alone enters `node` of `lab` (or its switches'), when the record says so plainly. */
function plainNamespace(lab: string, node: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(labDir(lab), "record.json"), "utf8");
  } catch {
    return undefined;
  }
  const head = recordHead(text);
  if (!head || head.lab !== lab) return undefined;
  const ns = head.nodes.includes(node)
    ? head.isolated.includes(node)
      ? undefined
      : nodeNetns(lab, node)
    : head.switches.includes(node)
      ? switchNetns(lab)
      : undefined;
  return ns !== undefined && netnsLive(ns) ? ns : undefined;
}
