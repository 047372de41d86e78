// A route's next hops: `via` and `dev` once for a route of one path, or several times — each
// `via` starting a hop, or `nexthop` before each as iproute2 writes them, with `weight` — for
// a multipath (ECMP) route. This splits a route's options into its own and its hops', and
// checks the shape; routes.ts checks each hop's gateway as for a route of one path.

import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/source.js";
import type { PropDecl, RouteDecl } from "./expand.js";
import type { Family, Ip } from "./ip.js";

/** One path of a multipath route. */
export interface Nexthop {
  readonly via?: Ip;
  /** The interface: as written, or the one on the gateway's subnet. */
  readonly dev: string;
  /** Its share of the flows, 1–256 (iproute2's default is 1). */
  readonly weight: number;
  readonly onlink: boolean;
}

/**
 * The options of one hop, and where it starts (its `nexthop`, `via` or `dev`). Fields, not a
 * Map by key: every route of a lab has a hop or two, and a Map each cost more than the rest
 * of splitting it.
 */
export interface HopOptions {
  via: PropDecl | undefined;
  dev: PropDecl | undefined;
  weight: PropDecl | undefined;
  onlink: PropDecl | undefined;
  readonly span: Span;
}

/** A route's own options (the parser takes no others: ROUTE_OPTIONS). */
export interface RouteOptions {
  metric: PropDecl | undefined;
  src: PropDecl | undefined;
  mtu: PropDecl | undefined;
}

/** A hop with no option yet, starting at `span`. */
export function emptyHop(span: Span): HopOptions {
  return { via: undefined, dev: undefined, weight: undefined, onlink: undefined, span };
}

/** The largest weight: iproute2 sends weight − 1 in one byte. */
export const MAX_WEIGHT = 256;

/**
 * A route's own options and its hops, in order (none when it names neither `via` nor `dev`);
 * undefined after an error, which is reported.
 */
export function splitRoute(
  diagnostics: Diagnostics,
  r: RouteDecl,
): { opts: RouteOptions; hops: HopOptions[] } | undefined {
  const opts: RouteOptions = { metric: undefined, src: undefined, mtu: undefined };
  const hops: HopOptions[] = [];
  for (const p of r.props) {
    const key = p.key;
    if (key === "nexthop") {
      hops.push(emptyHop(p.keySpan));
      continue;
    }
    if (key === "via" || key === "dev" || key === "weight" || key === "onlink") {
      // A second `via` starts the next hop, as repeated `via`s are written.
      let here = hops.at(-1);
      if (!here || (key === "via" && here.via)) {
        here = emptyHop(p.keySpan);
        hops.push(here);
      }
      const first = here[key];
      if (first) {
        twice(diagnostics, p, first, true);
        return undefined;
      }
      here[key] = p;
    } else if (key === "metric" || key === "src" || key === "mtu") {
      const first = opts[key];
      if (first) {
        twice(diagnostics, p, first, false);
        return undefined;
      }
      opts[key] = p;
    }
  }
  for (const h of hops)
    if (!h.via && !h.dev) {
      diagnostics.error("OT3021", "a next hop needs `via` or `dev`", {
        span: h.span,
        help: "write each path as `nexthop via GATEWAY [dev IFACE] [weight N]`",
      });
      return undefined;
    }
  const weighted = hops.find((h) => h.weight)?.weight;
  if (hops.length === 1 && weighted) {
    diagnostics.error("OT3021", "`weight` applies to the paths of a multipath route", {
      span: weighted.keySpan,
      help: "give the route several next hops (`via A via B`, or `nexthop via A weight 2 nexthop via B`), or remove `weight`",
    });
    return undefined;
  }
  return { opts, hops };
}

function twice(diagnostics: Diagnostics, p: PropDecl, first: PropDecl, hop: boolean): void {
  diagnostics.error(
    hop ? "OT3021" : "OT3007",
    `\`${p.key}\` is given twice in one ${hop ? "next hop" : "route"}`,
    {
      span: p.keySpan,
      labels: [{ span: first.keySpan, message: "first given here" }],
      ...(hop ? { help: "start each path with `via` or `nexthop`" } : {}),
    },
  );
}

/** A path as routes.ts has checked it: its gateway (if any), interface, and where it is written. */
interface CheckedPath {
  readonly via: Ip | undefined;
  readonly dev: string;
  readonly span: Span;
}

/** The same gateway (and interface) twice in one route is one path written twice. */
export function repeatedHop(diagnostics: Diagnostics, hops: readonly CheckedPath[]): boolean {
  const seen = new Map<string, Span>();
  for (const hop of hops) {
    const key = `${hop.via?.text ?? ""} ${hop.dev}`;
    const first = seen.get(key);
    if (first) {
      diagnostics.error("OT3021", `the path through ${hop.via?.text ?? hop.dev} is given twice`, {
        span: hop.span,
        labels: [{ span: first, message: "first given here" }],
        help: "give each path once; to send it more of the flows, give it a higher `weight`",
      });
      return true;
    }
    seen.set(key, hop.span);
  }
  return false;
}

/**
 * An IPv6 route of several paths, one of which has no gateway: the kernel refuses it
 * ("Device only routes can not be added for IPv6 using the multipath API"), so `up` would
 * fail on it and roll back; said here instead.
 */
export function v6DeviceHop(diagnostics: Diagnostics, family: Family, hops: readonly CheckedPath[]): boolean {
  const bare = family === 6 && hops.length > 1 ? hops.find((h) => !h.via) : undefined;
  if (!bare) return false;
  diagnostics.error(
    "OT3021",
    `an IPv6 route of several paths needs a gateway on each: ${bare.dev} has none`,
    {
      span: bare.span,
      help: "give the path a gateway (`nexthop via GATEWAY dev IFACE`), or route the destination through the interface alone (`route PREFIX dev IFACE`)",
    },
  );
  return true;
}
