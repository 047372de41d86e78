// Verdicts in words: the diagnostic of an expectation that cannot hold (at the `expect`,
// with labels at the statements that decide it and the path as notes), and the short
// sentences `trace` and `test` print.

import { type Diagnostic, diag, type Label } from "../../diagnostics/diagnostic.js";
import { location } from "../../diagnostics/source.js";
import { assertNever } from "../../never.js";
import type { Expectation, Lab } from "../model.js";
import type { Blocked, Path, Step, Stop, Verdict } from "./types.js";
import { analyse, holds, outcome } from "./verdict.js";

/** `pc1 -> web tcp 80 (IPv4)`: how an expectation is named in messages. */
export function expectationName(e: Expectation): string {
  return `\`${e.text}\` (IPv${e.family})`;
}

/** The diagnostics of every expectation the model says cannot hold, or cannot decide. */
export function verdictDiagnostics(lab: Lab): Diagnostic[] {
  return lab.expectations.flatMap((e) => {
    const d = verdictDiagnostic(e, analyse(lab, e));
    return d ? [d] : [];
  });
}

export function verdictDiagnostic(e: Expectation, v: Verdict): Diagnostic | undefined {
  const h = holds(e, v);
  if (h === "yes") return undefined;
  const help = `\`opentop trace ${traceArgs(e)}\` shows the path hop by hop`;
  if (h === "unknown") {
    const stop = v.paths.map((p) => p.stop).find((s) => s.kind === "unknown");
    return diag("OT8012", `${expectationName(e)} is not decided by the model`, {
      span: e.span,
      labels:
        stop?.kind === "unknown" && stop.span ? [{ span: stop.span, message: "the model stops here" }] : [],
      notes: stop?.kind === "unknown" ? [stop.reason] : [],
      help: "`opentop test` decides it with real packets",
    });
  }
  const notes = v.paths.flatMap((p, i) => pathNotes(p, v.paths.length > 1 ? i + 1 : undefined));
  if (v.kind === "partial") {
    // Where the paths that do not reach stop: the statements that make the paths differ.
    const stops = v.paths.flatMap((p) =>
      p.stop.kind === "blocked" && p.stop.by.span
        ? [{ span: p.stop.by.span, message: LABEL[p.stop.how] }]
        : [],
    );
    return diag("OT8013", `${expectationName(e)} holds on some paths only`, {
      span: e.span,
      labels: unique(stops),
      notes,
      help,
    });
  }
  if (e.reach && v.kind === "reaches")
    return diag("OT8014", `${expectationName(e)} reaches its target, but not through ${e.via}`, {
      span: e.span,
      notes,
      help: `route it through ${e.via}, or remove \`via ${e.via}\``,
    });
  if (e.reach) {
    const path = v.paths.find((p) => outcome(p) === "blocked");
    const stop = path?.stop;
    const onReply = path?.request.kind === "delivered";
    return diag(
      "OT8010",
      `${expectationName(e)} cannot hold: ${stop ? `${onReply ? "the reply: " : ""}${stopSentence(stop)}` : "no path"}`,
      {
        span: e.span,
        labels:
          stop?.kind === "blocked" && stop.by.span ? [{ span: stop.by.span, message: LABEL[stop.how] }] : [],
        notes,
        help,
      },
    );
  }
  const accepted = v.paths.flatMap((p) => p.forward).flatMap(acceptedBy);
  return diag("OT8011", `${expectationName(e)} cannot hold: it reaches ${e.to.node}`, {
    span: e.span,
    labels: unique(accepted),
    notes,
    help,
  });
}

function acceptedBy(s: Step): Label[] {
  if (s.kind !== "filter" || !s.by.span) return [];
  return [{ span: s.by.span, message: `accepts it (${s.hook}, ${s.state})` }];
}

function unique(list: readonly Label[]): Label[] {
  const seen = new Set<number>();
  return list.filter((x) => {
    if (seen.has(x.span.start)) return false;
    seen.add(x.span.start);
    return true;
  });
}

/** The arguments of `opentop trace` for the expectation: its file and its own words. */
export function traceArgs(e: Expectation): string {
  const [src = "", , dst = "", ...rest] = e.text.split(" ");
  const words = rest.filter((w) => w !== "-4" && w !== "-6");
  return [e.span.file.path, src, dst, ...words, `-${e.family}`].join(" ");
}

/** The path in one note: the nodes, and where and why it stops. */
function pathNotes(p: Path, n: number | undefined): string[] {
  const there = p.nodes.join(" → ");
  const back = p.reply.length ? replyNodes(p) : "";
  const head = `${n !== undefined ? `path ${n}: ` : "path: "}${there}${back ? `, back ${back}` : ""}`;
  const stop = p.stop;
  const where = stop.kind === "blocked" && stop.by.span ? `, ${location(stop.by.span)}` : "";
  return [head, ...(outcome(p) === "reaches" ? [] : [`${stopSentence(stop)}${where}`])];
}

function replyNodes(p: Path): string {
  const nodes: string[] = [];
  for (const s of p.reply) if (nodes.at(-1) !== s.node) nodes.push(s.node);
  const last = p.stop.node;
  if (nodes.at(-1) !== last) nodes.push(last);
  return nodes.join(" → ");
}

/** Where and why a walk stopped, as a sentence. */
export function stopSentence(stop: Stop): string {
  switch (stop.kind) {
    case "delivered":
      return `delivered to ${stop.node}`;
    case "returned":
      return `the reply returns to ${stop.node}`;
    case "unknown":
      return stop.reason;
    case "blocked":
      return BLOCKED[stop.how](stop.by.text);
    default:
      return assertNever(stop);
  }
}

/** A blocked walk as a sentence, from what decided it. */
const BLOCKED: { readonly [K in Blocked]: (by: string) => string } = {
  dropped: (by) => `dropped by ${by}`,
  rejected: (by) => `rejected by ${by}`,
  "no-route": (by) => by,
  "not-forwarding": (by) => by,
  "no-neighbour": (by) => by,
  "neighbour-discovery": (by) => by,
  loop: (by) => by,
  "rp-filter": (by) => by,
  ignored: (by) => by,
  "no-source": (by) => by,
  mismatch: (by) => by,
};

/** The label at the statement that blocks it. */
const LABEL: { readonly [K in Blocked]: string } = {
  dropped: "drops it",
  rejected: "rejects it",
  "no-route": "no route here",
  "not-forwarding": "does not forward",
  "no-neighbour": "the route goes to no neighbour",
  "neighbour-discovery": "drops neighbour discovery",
  loop: "a routing loop",
  "rp-filter": "reverse-path filtering",
  ignored: "ignores pings",
  "no-source": "has no address to send from",
  mismatch: "the reply does not match",
};
