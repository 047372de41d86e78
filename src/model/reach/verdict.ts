// An expectation's verdict: the request walked from its source, each branch that arrives
// answered by its reply, and the paths combined — `reaches` only if every path's round
// trip completes, `blocked` only if none does. Where the request lands with filters set
// aside is kept too: a live probe puts its throwaway listener there.

import type { Expectation, Lab } from "../model.js";
import { type Net, netOf } from "./net.js";
import type { Path, Ports, Verdict, VerdictKind } from "./types.js";
import { type Draft, type Ending, originate, start } from "./walk.js";

export function analyse(lab: Lab, e: Expectation): Verdict {
  const net = netOf(lab);
  const paths = request(net, e, false).flatMap((ending) => roundTrip(net, e, ending, false));
  const landed = request(net, e, true).find((x) => x.stop.kind === "delivered")?.stop;
  const sent = paths[0]?.source;
  return {
    kind: combine(paths.map((p) => p.path)),
    family: e.family,
    ...(sent ? { source: sent } : {}),
    paths: paths.map((p) => p.path),
    ...(landed?.kind === "delivered"
      ? {
          delivery: {
            node: landed.node,
            address: landed.address,
            ...(landed.port !== undefined ? { port: landed.port } : {}),
          },
        }
      : {}),
  };
}

/** The request a probe sends: from the expectation's source, to its target. */
function request(net: Net, e: Expectation, ignoreFilters: boolean): Ending[] {
  const source = net.node(e.from.node);
  const ports: { sport?: Ports; dport?: Ports } =
    e.protocol === "icmp" || e.port === undefined
      ? {}
      : { sport: source.settings.ephemeral, dport: { first: e.port, last: e.port } };
  const packet: Draft = {
    family: e.family,
    proto: e.protocol,
    dst: e.to.address,
    ...(e.from.address ? { src: e.from.address } : {}),
    ...ports,
  };
  return originate({ net, dir: "request", ignoreFilters }, e.from.node, start(packet));
}

/** A request that arrived, with its reply; one path per way the reply can take. */
function roundTrip(
  net: Net,
  e: Expectation,
  ending: Ending,
  ignoreFilters: boolean,
): { path: Path; source?: Ending["state"]["packet"]["src"] }[] {
  const req = ending.state;
  const sent = req.conns.get(e.from.node)?.before;
  const base = { forward: req.steps, request: ending.stop, nodes: req.nodes };
  if (ending.stop.kind !== "delivered" || !sent)
    return [{ path: { ...base, reply: [], stop: ending.stop }, ...(sent ? { source: sent.src } : {}) }];
  const p = req.packet;
  const reply = {
    family: p.family,
    proto: p.proto,
    src: p.dst,
    dst: p.src,
    ...(p.dport ? { sport: p.dport } : {}),
    ...(p.sport ? { dport: p.sport } : {}),
  };
  const walk = { net, dir: "reply" as const, ignoreFilters, origin: { node: e.from.node, sent } };
  const back = originate(walk, ending.stop.node, { ...start(reply, req.conns) });
  return back.map((b) => ({ path: { ...base, reply: b.state.steps, stop: b.stop }, source: sent.src }));
}

/** Paths that all agree give their verdict; a mix of arriving and not is `partial`. */
export function combine(paths: readonly Path[]): VerdictKind {
  const kinds = new Set(paths.map(outcome));
  if (kinds.has("reaches") && kinds.has("blocked")) return "partial";
  if (kinds.has("unknown") || kinds.size === 0) return "unknown";
  return kinds.has("reaches") ? "reaches" : "blocked";
}

export function outcome(path: Path): "reaches" | "blocked" | "unknown" {
  switch (path.stop.kind) {
    case "returned":
      return "reaches";
    case "unknown":
      return "unknown";
    default:
      return "blocked";
  }
}

export type Holds = "yes" | "no" | "unknown";

/**
 * Whether the expectation holds on the model: `->` when every path's round trip completes
 * (and crosses `via`); `!->` when none does (none that crosses `via`).
 */
export function holds(e: Expectation, v: Verdict): Holds {
  if (v.kind === "unknown") return "unknown";
  const crosses = (p: Path) => e.via === undefined || p.nodes.includes(e.via);
  if (e.reach) return v.paths.every((p) => outcome(p) === "reaches" && crosses(p)) ? "yes" : "no";
  return v.paths.some((p) => outcome(p) === "reaches" && crosses(p)) ? "no" : "yes";
}
