// Kernel and tool errors, translated: the user sees the operation, the object, the line
// of the lab file that asked for it, the tool's own words, and what to do.

import { constants } from "node:os";
import type { Code } from "../diagnostics/codes.js";
import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import { describe, wordsOf } from "../plan/ops.js";
import { shellQuote } from "../plan/quote.js";
import { SNIPPET_NAMES } from "../plan/snippets.js";
import { TOOLS } from "../plan/tools.js";
import type { StepFailure } from "./run.js";

interface Hint {
  readonly pattern: RegExp;
  readonly help: string;
  readonly code?: Code;
}

const HINTS: readonly Hint[] = [
  // A service that is not ready (src/plan/ops/ready.ts): its log's last lines are notes.
  {
    pattern: /^it exited with status|^it is gone/m,
    code: "OT5021",
    help: "the service's command failed: its log's last lines are above (`opentop logs` shows all of it once the lab is up)",
  },
  {
    pattern: /^it is not ready after/m,
    code: "OT5022",
    help: "it may need longer (`timeout SECONDS` after `ready`), or listen elsewhere than its `ready` says",
  },
  // Filters: nft and iptables say "missing" in their own words.
  {
    pattern: /Could not process rule: (No such file or directory|Operation not supported)/,
    code: "OT6011",
    help: "the kernel lacks an nftables feature this rule needs (a module such as nft_nat, nft_masq, nft_reject_inet or nft_ct); load it, or try `--firewall iptables`",
  },
  {
    pattern:
      /can't initialize ip6?tables table|Couldn't load (target|match)|Another app is currently holding the xtables lock/,
    code: "OT6011",
    help: "iptables cannot load this rule here: the kernel lacks an x_tables module (iptable_nat, xt_conntrack, xt_multiport…) or the xtables lock is held",
  },
  {
    pattern: /Unknown device type|unsupported|Not supported/i,
    code: "OT6011",
    help: "this kernel lacks the feature (a module may be missing: `modprobe veth` / `modprobe bridge`)",
  },
  {
    pattern: /Operation not permitted|Permission denied/,
    code: "OT6006",
    help:
      process.getuid?.() === 0
        ? "OpenTop runs as root but lacks a capability the kernel asks for (CAP_NET_ADMIN, CAP_SYS_ADMIN): in a container, give it those"
        : "OpenTop changes network namespaces and interfaces: run it as root",
  },
  {
    pattern: /Address already assigned/,
    help: "the address is already on this interface; check for a duplicate address in the lab",
  },
  {
    pattern: /VXLAN device with the specified VNI already exists/,
    code: "OT6043",
    help: "another tunnel on this machine (another lab's?) uses this VNI on the same UDP port: give the lab other VNIs (`vxlan vni N`) or another port (`vxlan port N`)",
  },
  {
    pattern: /File exists/,
    help: "an object of this name already exists; if it is left from an earlier run, `opentop down LAB` removes it",
  },
  {
    pattern: /Nexthop has invalid gateway|Network is unreachable|No route to host/,
    help: "the gateway is not on a subnet of an interface that is up",
  },
  { pattern: /Cannot find device/, help: "the interface does not exist in that namespace" },
  {
    pattern: /netns is immutable/,
    help: "this interface cannot leave the host's network namespace (a bridge, a loopback, a wireless interface, whose phy moves with `iw phy … set netns`); put a macvlan on it instead (`-> host.NIC` without `move`)",
  },
  {
    pattern: /setting key "[^"]*": Invalid argument/,
    help: "the kernel refuses this value for the setting (Documentation/networking/ip-sysctl.rst in the kernel's sources says which it takes)",
  },
  {
    pattern: /cannot stat \/proc\/sys/,
    help: "this kernel has no such setting in a network namespace (check the key's spelling)",
  },
  { pattern: /command not found/, code: "OT6005", help: "install the tool (iproute2, util-linux, procps)" },
  {
    // A cgroup found by its name alone (no record) is removed only if empty.
    pattern: /rmdir: failed to remove '[^']*\/opentop\/[^']*': Device or resource busy/,
    help: "something still uses this cgroup: processes (see its cgroup.procs) or a cgroup below it. Without the lab's record OpenTop cannot tell that they are the lab's, so it stops only processes that carry the lab's mark; stop the others, then run `opentop gc` (or `opentop down LAB`) again",
  },
];

/** What a tool's error output means, when OpenTop knows: a more precise code, and what to do. */
export function hintFor(said: string): { readonly code?: Code; readonly help: string } | undefined {
  return HINTS.find((h) => h.pattern.test(said));
}

/** An exit status, or the signal that ended the process (128 + its number). */
function status(code: number): string {
  const signal = Object.entries(constants.signals).find(([, n]) => n === code - 128)?.[0];
  return code > 128 && signal ? `killed by ${signal}` : `exit status ${code}`;
}

/** A word of a command as a diagnostic shows it: one of OpenTop's sh programs by its name. */
function shown(word: string, quote: (w: string) => string): string {
  const name = SNIPPET_NAMES.get(word);
  return name ? `<${name}>` : quote(word);
}

export function failureDiagnostic(f: StepFailure): Diagnostic {
  // A tool that names the line it refused (nft): its message, and the line as a note.
  const said = TOOLS[f.step.tool].explain?.(f.result.stderr, f.step.ops);
  // Lines a step marks `log: ` are a service's log, shown as they are.
  const lines = f.result.stderr.split("\n");
  const logged = lines.filter((l) => l.startsWith("log: "));
  const stderr =
    said?.message ??
    lines
      .filter((l) => l.trim() && !l.startsWith("log: ") && !/^Command failed -:\d+$/.test(l.trim()))
      .join("; ");
  const hint = HINTS.find((h) => h.pattern.test(f.result.stderr));
  // The command as it ran (rollback adds -force, for one), OpenTop's own sh programs by name.
  const ran = f.result.argv.map((w) => shown(w, shellQuote)).join(" ");
  const asked = f.op ? wordsOf(f.op).map((w) => shown(w, (x) => x)) : [];
  const programs = [...f.result.argv, ...(f.op ? wordsOf(f.op) : [])].flatMap(
    (w) => SNIPPET_NAMES.get(w) ?? [],
  );
  const notes = [
    ...logged,
    `command: ${ran}${f.line !== undefined ? `, line ${f.line}` : ""}`,
    // An exec step's operation is its command: said once.
    ...(f.op && !ran.endsWith(asked.join(" ")) ? [`operation: ${asked.join(" ")}`] : []),
    ...(said?.line ? [`the line it refused: ${said.line}`] : []),
    ...[...new Set(programs)].map(
      (name) => `<${name}> is a program of OpenTop's own: \`opentop plan\` shows its text`,
    ),
    status(f.result.code),
  ];
  // Without a line number the whole step failed before any of it took effect: point at
  // the statement of its first operation.
  const first = f.step.ops[0];
  const what = f.op
    ? describe(f.op)
    : `run ${f.step.tool} for ${f.step.ops.length} operation${f.step.ops.length > 1 ? "s" : ""}${first ? `, from "${describe(first)}"` : ""}`;
  return diag(hint?.code ?? "OT6004", `could not ${what}: ${stderr || "no error message"}`, {
    span: f.op?.origin ?? first?.origin,
    label: f.op ? "asked for here" : "the first of them was asked for here",
    notes,
    help: hint?.help,
  });
}
