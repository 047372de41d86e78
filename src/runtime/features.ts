// Whether this machine's kernel has what a plan needs: each feature its operations ask for
// (src/plan/features.ts) is probed once, in a throwaway network namespace, before anything
// of the lab is created; a missing one refuses the lab with one diagnostic per statement
// that needs it, naming the feature, its kernel option and its module.

import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/source.js";
import { FEATURES, type Feature, lackMessage } from "../plan/features.js";
import { describe, featureUsers, type Op } from "../plan/ops.js";
import { opsOf, type Plan } from "../plan/plan.js";
import { type ProcResult, pool, run } from "./proc.js";

function neededFeatures(plan: Plan): Map<Feature, Op[]> {
  return featureUsers(opsOf(plan.stages));
}

/**
 * How the kernel (through ip and tc) answers a request for what it lacks: an unknown link
 * or qdisc kind, an unsupported option or attribute, a module that is not there.
 */
const LACKS =
  /unknown|not supported|no such file or directory|invalid argument|not implemented|protocol not available|no such device/i;

/** The result of one probe: present, missing, or the probe itself could not run. */
type Probed = { readonly feature: Feature; readonly result: ProcResult };

async function probe(feature: Feature): Promise<Probed> {
  const { argv, stdin } = FEATURES[feature].probe;
  // In the tools' locale: LACKS reads their messages (and unshare's).
  const result = await run(["unshare", "--net", "--", ...argv], {
    ...(stdin !== undefined ? { stdin } : {}),
    tools: true,
  });
  return { feature, result };
}

/**
 * Probes every feature the plan needs (each once, concurrently) and reports those this
 * kernel lacks: one diagnostic per statement and feature. Needs root, like `up`.
 */
export async function probeFeatures(plan: Plan, concurrency = 8): Promise<Diagnostic[]> {
  const needed = neededFeatures(plan);
  const probed = await pool([...needed.keys()], concurrency, probe);
  const out: Diagnostic[] = [];
  for (const p of probed) {
    if (!p || p.result.code === 0) continue;
    // unshare's own failure says nothing about the feature, nor does an answer other than
    // the kernel's "I do not know this" (out of memory, a permission, a tool that died).
    if (/^unshare:/m.test(p.result.stderr) || !LACKS.test(p.result.stderr)) {
      out.push(cannotProbe(p));
      continue;
    }
    const seen = new Set<Span | undefined>();
    for (const op of needed.get(p.feature) ?? []) {
      if (seen.has(op.origin)) continue;
      seen.add(op.origin);
      out.push(missing(p, op));
    }
  }
  return out;
}

function missing(p: Probed, op: Op): Diagnostic {
  const spec = FEATURES[p.feature];
  const said = p.result.stderr.trim().split("\n")[0] ?? "";
  const { message, help } = lackMessage(p.feature);
  return diag("OT6011", message, {
    span: op.origin,
    label: `needs ${spec.what}`,
    notes: [
      `to ${describe(op)}`,
      `probed before creating anything, in a throwaway namespace: ${[...spec.probe.argv].join(" ")}${said ? ` said "${said}"` : ""}`,
    ],
    help,
  });
}

function cannotProbe(p: Probed): Diagnostic {
  return diag("OT6004", `could not probe the kernel for ${FEATURES[p.feature].what}`, {
    notes: [`command: ${p.result.argv.join(" ")}`, p.result.stderr.trim() || `exit status ${p.result.code}`],
    help: "OpenTop tries what a lab needs in a throwaway network namespace first (as root, with CAP_SYS_ADMIN); the answer above is not one that says the kernel lacks it: fix what it names and run again",
  });
}
