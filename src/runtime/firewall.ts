// Filters on this machine: which lowering to use when none is asked for, what tools it
// needs, whether the kernel can load the lab's rulesets (tried in a throwaway namespace
// before anything is created), and the lab's own table on the host (found by its mark).

import { readFileSync } from "node:fs";
import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import type { Firewall } from "../plan/firewall.js";
import { ownsOf } from "../plan/ops.js";
import { command, type Plan, type Step } from "../plan/plan.js";
import { PROGRAMS, type Program } from "../plan/programs.js";
import { nftError } from "../plan/tools.js";
import { pool, run, runSync, which } from "./proc.js";

/** nft where it is installed; else iptables if it is (a machine that only has iptables). */
export function autoFirewall(): Firewall {
  if (which("nft")) return "nft";
  return which("iptables-restore") ? "iptables" : "nft";
}

const FIREWALL_TOOLS = new Set(["nft", "iptables", "ip6tables"]);

function firewallSteps(plan: Plan): Step[] {
  return plan.stages.flatMap((s) => s.steps).filter((s) => FIREWALL_TOOLS.has(s.tool));
}

/** The programs the plan's filter steps run, and `unshare` for trying them first. */
export function firewallTools(plan: Plan): Program[] {
  const steps = firewallSteps(plan);
  if (steps.length === 0) return [];
  return [...new Set<Program>([...steps.flatMap((step) => command(step).programs), "unshare"])];
}

/**
 * Loads every filter step of the plan into a throwaway network namespace (`unshare -n`),
 * so that a ruleset the kernel cannot take (a missing nftables module, a kernel without
 * nf_tables) is reported before any object of the lab exists. Identical rulesets are
 * tried once. Needs root, like `up`.
 */
export async function probeFirewall(plan: Plan, concurrency = 8): Promise<Diagnostic[]> {
  const tried = new Map<string, Step>();
  for (const step of firewallSteps(plan)) {
    const cmd = command(step);
    const key = `${step.tool}\n${cmd.stdin ?? ""}`;
    if (!tried.has(key)) tried.set(key, step);
  }
  const results = await pool([...tried.values()], concurrency, async (step) => {
    // The step as run from the host, so that unshare gives it a namespace of its own.
    const cmd = command({ ...step, ns: null });
    const result = await run(
      ["unshare", "--net", "--", ...cmd.argv],
      cmd.stdin !== undefined ? { stdin: cmd.stdin } : {},
    );
    return result.code === 0 ? undefined : probeFailure(step, cmd.argv, result.stderr);
  });
  return results.filter((d): d is Diagnostic => d !== undefined);
}

function probeFailure(step: Step, argv: readonly string[], stderr: string): Diagnostic {
  const nft = step.tool === "nft";
  const summary = nft ? nftError(stderr, step.ops) : undefined;
  const op = summary?.op ?? step.ops[0];
  const where = step.ns === null ? "the host's NAT table" : `the filter of ${step.ns}`;
  const text = summary?.message ?? (stderr.trim().split("\n").join("; ") || "no error message");
  const missing =
    /No such file or directory|not supported|Protocol not supported|Unknown|can't initialize|Couldn't load/i.test(
      stderr,
    );
  const message = missing
    ? `this machine cannot load ${where}: ${text}`
    : `${argv[0]} refuses ${where}: ${text}`;
  return diag(missing ? "OT6011" : "OT6004", message, {
    span: op?.origin,
    label: "asked for here",
    notes: [
      `tried before creating anything, in a throwaway namespace: ${argv.join(" ")}`,
      ...(summary?.line ? [`the line it refused: ${summary.line}`] : []),
    ],
    help: missing
      ? nft
        ? "the kernel lacks an nftables feature this rule needs (a module such as nft_nat, nft_masq, nft_reject_inet, nft_ct, or nf_tables itself); load it, or try `--firewall iptables`"
        : "the kernel or iptables lacks a match or target this rule needs (x_tables modules such as xt_conntrack, xt_multiport, iptable_nat)"
      : "check the rule; if it is from an `nft { … }` block, its text is applied as written",
  });
}

/** The comment (owner's mark) of an nftables table on the host; null when it has none, undefined when absent. */
export function hostTableMark(family: string, name: string): string | null | undefined {
  // Text, not -j: nft 1.0.6 leaves table comments out of its JSON.
  const r = runSync(["nft", "list", "table", family, name]);
  if (r.code !== 0) return undefined;
  const m = /^table [^\n]*\{\n\s*comment "([^"]*)"/.exec(r.stdout);
  return m?.[1] ?? null;
}

function readSysctl(key: string): string | undefined {
  try {
    return readFileSync(`/proc/sys/${key.replaceAll(".", "/")}`, "utf8").trim();
  } catch {
    return undefined;
  }
}

/** Host-side NAT does nothing while the host does not forward: say so, change nothing. */
export function hostForwardingWarnings(plan: Plan, read = readSysctl): Diagnostic[] {
  const hostNat = firewallSteps(plan)
    .flatMap((s) => s.ops)
    .find((op) => ownsOf(op).some((o) => o.kind === "host-table"));
  if (!hostNat) return [];
  const off = ["net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding"].filter((k) => read(k) === "0");
  if (off.length === 0) return [];
  return [
    diag("OT4011", "host-side NAT is set up, but the host does not forward packets", {
      span: hostNat.origin,
      notes: [`off on the host: ${off.join(", ")}`],
      help: "OpenTop does not change the host's own settings; to let the lab out through the host, run `sysctl -w net.ipv4.ip_forward=1` (and the IPv6 one) yourself",
    }),
  ];
}

/**
 * What `check` can say about this machine for a lab with filters: missing tools, and (as
 * root) rulesets the kernel refuses, tried in throwaway namespaces. Nothing is changed.
 */
export async function firewallMachineCheck(plan: Plan): Promise<Diagnostic[]> {
  const missing = firewallTools(plan)
    .filter((t) => !which(t))
    .map((t) =>
      diag("OT6005", `${t} not found: this lab's filters need it`, {
        help: `install ${PROGRAMS[t].package}${t === "nft" ? ", or lower the filters to iptables with `--firewall iptables`" : ""}`,
      }),
    );
  if (missing.length || process.getuid?.() !== 0) return missing;
  return probeFirewall(plan);
}
