// `opentop trace FILE|LAB SRC DST [PROTO [PORT]] [via NODE] [-4|-6]`: the path the model predicts, hop
// by hop — each route and rule that decides, the NAT on the way, the reply, or where and
// why the packet dies. Nothing on the machine is read or changed.

import { DiagnosticError } from "../../diagnostics/diagnostic.js";
import { location, type Span } from "../../diagnostics/source.js";
import { adHocExpectations } from "../../model/expect/adhoc.js";
import type { Expectation } from "../../model/model.js";
import { stopSentence } from "../../model/reach/explain.js";
import { endpoint } from "../../model/reach/ports.js";
import type { Path, Step, Stop, Verdict } from "../../model/reach/types.js";
import { analyse, holds } from "../../model/reach/verdict.js";
import { assertNever } from "../../never.js";
import { params, parseCommand, usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import type { Io } from "../io.js";
import { SPEC, usageOf } from "../spec.js";
import { modelTarget } from "../target.js";

const spec = SPEC.trace;
const usage = usageOf(spec);

export const trace: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const [target, ...words] = p.positionals;
    if (!target || words.length < 2 || words.length > 6)
      throw usageError("give a lab, a source and a destination (and a protocol)", usage);
    if (p.values.ipv4 && p.values.ipv6) throw usageError("give -4 or -6, not both", usage);
    const family = p.values.ipv4 ? ["-4"] : p.values.ipv6 ? ["-6"] : [];
    const { compiled } = modelTarget(target, params(p.values));
    const lab = compiled.lab;
    const asked = adHocExpectations(lab, [...words, ...family]);
    if (asked.expectations.length === 0) throw new DiagnosticError(asked.diagnostics);
    const traced = asked.expectations.map((e) => ({ e, v: analyse(lab, e) }));
    if (p.format === "json") {
      io.out(JSON.stringify({ lab: lab.name, traces: traced.map(({ e, v }) => traceJson(e, v)) }, null, 2));
      return EXIT.ok;
    }
    for (const { e, v } of traced) printTrace(io, e, v);
    return EXIT.ok;
  },
};

function printTrace(io: Io, e: Expectation, v: Verdict): void {
  const st = io.style;
  const from = v.source?.text ?? e.from.node;
  const to = endpoint(e.to.address, e.port !== undefined ? { first: e.port, last: e.port } : undefined);
  const verdict =
    v.kind === "reaches" ? st.help(v.kind) : v.kind === "blocked" ? st.error(v.kind) : st.warning(v.kind);
  const what = `${e.protocol}${e.port !== undefined ? ` ${e.port}` : ""}`;
  io.out(`${st.bold(`${e.from.node} → ${e.to.node} ${what}`)} (IPv${e.family}, ${from} → ${to}): ${verdict}`);
  v.paths.forEach((path, i) => {
    if (v.paths.length > 1) io.out(st.bold(`path ${i + 1} of ${v.paths.length}`));
    printSteps(io, path.forward);
    if (path.request.kind !== "delivered") {
      printStop(io, path.request);
      return;
    }
    io.out(st.dim("  reply"));
    printSteps(io, path.reply);
    printStop(io, path.stop);
  });
  io.out("");
}

function printSteps(io: Io, steps: readonly Step[]): void {
  const width = Math.max(8, ...steps.map((s) => s.node.length));
  let last = "";
  for (const s of steps) {
    const name = s.node === last ? "" : s.node;
    last = s.node;
    const [text, span] = stepText(s);
    io.out(`  ${name.padEnd(width)}  ${text}${span ? io.style.dim(`  ${location(span)}`) : ""}`);
  }
}

function printStop(io: Io, stop: Stop): void {
  const text = stopSentence(stop);
  const span = stop.kind === "blocked" ? stop.by.span : stop.kind === "unknown" ? stop.span : undefined;
  const mark =
    stop.kind === "returned"
      ? io.style.help("✓")
      : stop.kind === "unknown"
        ? io.style.warning("?")
        : io.style.error("✗");
  io.out(`  ${mark} ${text}${span ? io.style.dim(`  ${location(span)}`) : ""}`);
}

/** A step in words, and the statement that decided it. */
function stepText(s: Step): [string, Span | undefined] {
  switch (s.kind) {
    case "route":
      return [s.text, s.span];
    case "filter":
      return [`${s.hook} accepts (${s.state}): ${s.by.text}`, s.by.span];
    case "nat":
      return [s.text, s.span];
    case "send":
      return [`out ${s.out} → ${s.to} ${s.in} (next hop ${s.via})`, undefined];
    case "local":
      return [s.text, undefined];
    default:
      return assertNever(s);
  }
}

/** A verdict as JSON: spans as `file:line:col`. */
export function traceJson(e: Expectation, v: Verdict): unknown {
  return {
    expectation: e.text,
    family: e.family,
    protocol: e.protocol,
    ...(e.port !== undefined ? { port: e.port } : {}),
    from: { node: e.from.node, address: v.source?.text ?? null },
    to: { node: e.to.node, address: e.to.address.text },
    verdict: v.kind,
    holds: holds(e, v),
    ...(v.delivery
      ? {
          delivery: {
            node: v.delivery.node,
            address: v.delivery.address.text,
            port: v.delivery.port ?? null,
          },
        }
      : {}),
    paths: v.paths.map(pathJson),
  };
}

function pathJson(p: Path): unknown {
  return {
    nodes: p.nodes,
    forward: p.forward.map(plain),
    request: plain(p.request),
    reply: p.reply.map(plain),
    stop: plain(p.stop),
  };
}

/** Spans become locations, addresses their text. */
function plain(x: object): unknown {
  return JSON.parse(
    JSON.stringify(x, (key, value) => {
      if (value && typeof value === "object" && "file" in value && "start" in value)
        return location(value as Span);
      if (key === "address" && value && typeof value === "object" && "text" in value) return value.text;
      return value;
    }),
  );
}
