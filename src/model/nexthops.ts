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

/** The options of one hop, by key, and where it starts (its `nexthop`, `via` or `dev`). */
export interface HopOptions {
  readonly options: Map<string, PropDecl>;
  readonly span: Span;
}

/** Options that belong to a hop; the others (metric, src, mtu) are the route's. */
const HOP_KEYS = new Set(["via", "dev", "weight", "onlink"]);

/** The largest weight: iproute2 sends weight − 1 in one byte. */
export const MAX_WEIGHT = 256;

/**
 * A route's own options and its hops, in order (none when it names neither `via` nor `dev`);
 * undefined after an error, which is reported.
 */
export function splitRoute(
  diagnostics: Diagnostics,
  r: RouteDecl,
): { opts: Map<string, PropDecl>; hops: HopOptions[] } | undefined {
  const opts = new Map<string, PropDecl>();
  const hops: HopOptions[] = [];
  const start = (p: PropDecl): HopOptions => {
    const h = { options: new Map<string, PropDecl>(), span: p.keySpan };
    hops.push(h);
    return h;
  };
  for (const p of r.props) {
    if (p.key === "nexthop") {
      start(p);
      continue;
    }
    const hop = HOP_KEYS.has(p.key);
    const current = hops.at(-1);
    // A second `via` starts the next hop, as repeated `via`s are written.
    const here = !hop
      ? undefined
      : !current || (p.key === "via" && current.options.has("via"))
        ? start(p)
        : current;
    const into = here ? here.options : opts;
    const first = into.get(p.key);
    if (first) {
      twice(diagnostics, p, first, hop);
      return undefined;
    }
    into.set(p.key, p);
  }
  for (const h of hops)
    if (!h.options.has("via") && !h.options.has("dev")) {
      diagnostics.error("OT3021", "a next hop needs `via` or `dev`", {
        span: h.span,
        help: "write each path as `nexthop via GATEWAY [dev IFACE] [weight N]`",
      });
      return undefined;
    }
  const weighted = hops.find((h) => h.options.has("weight"))?.options.get("weight");
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

/** The same gateway (and interface) twice in one route is one path written twice. */
export function repeatedHop(
  diagnostics: Diagnostics,
  hops: readonly (Nexthop & { readonly span: Span })[],
): boolean {
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
export function v6DeviceHop(
  diagnostics: Diagnostics,
  family: Family,
  hops: readonly (Nexthop & { readonly span: Span })[],
): boolean {
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
