// Places: a node's body may be given in several places — a ranged node, then a few of its
// nodes again; a `link` that names its interfaces — and they add up to one declaration per
// node. An interface mentioned in several places takes its link, its addresses and each of
// its options from one of them; said in two places, it is reported naming both.

import { closest, type Diagnostics } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/source.js";
import { addTo } from "../group.js";
import type { Decls, IfaceDecl, LinkDecl, LinkEndDecl, NodeDecl, PropDecl } from "./expand.js";
import { splitEnd } from "./links/p2p.js";

/** One declaration per node, in the order of their first place; each interface once. */
export function mergePlaces(decls: Decls, diagnostics: Diagnostics): NodeDecl[] {
  const nodes = new Map<string, NodeDecl>();
  for (const n of decls.nodes) {
    const first = nodes.get(n.name.text);
    nodes.set(n.name.text, first ? add(first, n, diagnostics) : n);
  }
  // Each node's places on links, gathered first: a spine of a large fabric is on thousands.
  const onLinks = new Map<string, IfaceDecl[]>();
  for (const link of decls.links)
    for (const [node, iface] of linkPlaces(link, nodes, diagnostics) ?? []) addTo(onLinks, node, iface);
  return [...nodes.values()].map((n) => {
    const linked = onLinks.get(n.name.text);
    const ifaces = mergeIfaces(n.name.text, linked ? [...n.ifaces, ...linked] : n.ifaces, diagnostics);
    // Most nodes are given in one place, each interface once: the node as it is, not a copy.
    return ifaces === n.ifaces ? n : { ...n, ifaces };
  });
}

/** Two places of one node, the first's name and span kept; their statements in order. */
function add(a: NodeDecl, b: NodeDecl, diagnostics: Diagnostics): NodeDecl {
  if (a.on && b.on)
    diagnostics.error("OT1082", `the machine of node \`${a.name.text}\` is given in two places`, {
      span: b.on.span,
      labels: [{ span: a.on.span, message: "first given here" }],
      help: "a node is on one machine: name it in one place (`node NAME on MACHINE`)",
    });
  const on = a.on ?? b.on;
  return {
    name: a.name,
    span: a.span,
    ...(on ? { on } : {}),
    ifaces: [...a.ifaces, ...b.ifaces],
    routes: [...a.routes, ...b.routes],
    sysctls: [...a.sysctls, ...b.sysctls],
    forwards: [...a.forwards, ...b.forwards],
    filters: [...a.filters, ...b.filters],
    filterBlocks: [...a.filterBlocks, ...b.filterBlocks],
    nfts: [...a.nfts, ...b.nfts],
    isolation: [...a.isolation, ...b.isolation],
  };
}

/**
 * A `link`'s two ends as places of their nodes' interfaces: the first end is declared as
 * linking to the second (`x -> B.y`), the second as the other end, as if each were written
 * in its node. Undefined when an end names no interface of a node (reported).
 */
function linkPlaces(
  link: LinkDecl,
  nodes: ReadonlyMap<string, NodeDecl>,
  diagnostics: Diagnostics,
): [string, IfaceDecl][] | undefined {
  const a = endOf(link.a, nodes, diagnostics);
  const b = endOf(link.b, nodes, diagnostics);
  if (!a || !b) return undefined;
  const props = (end: LinkEndDecl): PropDecl[] => [...end.props, ...link.props];
  return [
    [
      a.node,
      {
        name: { text: a.iface, span: link.a.target.span },
        target: link.b.target,
        addresses: link.a.addresses,
        props: props(link.a),
        span: link.span,
      },
    ],
    [
      b.node,
      {
        name: { text: b.iface, span: link.b.target.span },
        addresses: link.b.addresses,
        props: props(link.b),
        span: link.b.span,
      },
    ],
  ];
}

function endOf(
  end: LinkEndDecl,
  nodes: ReadonlyMap<string, NodeDecl>,
  diagnostics: Diagnostics,
): { node: string; iface: string } | undefined {
  const split = splitEnd(end.target.text);
  if (!split?.node || !split.iface) {
    diagnostics.error("OT1044", `\`${end.target.text}\` is not an interface of a node`, {
      span: end.target.span,
      label: "`NODE.IFACE` was expected here",
      help: "a `link` joins two nodes' interfaces: `link r1.eth1 10.0.0.0/31 -- r2.eth1 10.0.0.1/31`; link to a switch or the host inside the node: `eth0 -> lan`",
    });
    return undefined;
  }
  if (!nodes.has(split.node)) {
    const guess = closest(split.node, nodes.keys());
    diagnostics.error("OT1007", `no node named \`${split.node}\``, {
      span: end.target.span,
      help: guess
        ? `did you mean \`${guess}.${split.iface}\`?`
        : `declare it with \`node ${split.node} { … }\`; a \`link\` declares interfaces, not nodes`,
    });
    return undefined;
  }
  return split;
}

/** A node's interfaces, one declaration each, in the order of their first mention. */
function mergeIfaces(node: string, ifaces: IfaceDecl[], diagnostics: Diagnostics): IfaceDecl[] {
  if (distinctNames(ifaces)) return ifaces;
  const places = new Map<string, IfaceDecl[]>();
  for (const i of ifaces) addTo(places, i.name.text, i);
  return [...places.values()].map((list) => {
    const [only, ...more] = list;
    if (only && more.length === 0) return only;
    return mergeIface(`${node}.${list[0]?.name.text}`, list, diagnostics);
  });
}

/** Whether each interface is mentioned once (most nodes have one or two). */
function distinctNames(ifaces: readonly IfaceDecl[]): boolean {
  if (ifaces.length < 2) return true;
  const names = new Set<string>();
  for (const i of ifaces) {
    if (names.has(i.name.text)) return false;
    names.add(i.name.text);
  }
  return true;
}

/** The link, the addresses and each option from the one place that gives it. */
function mergeIface(name: string, places: readonly IfaceDecl[], diagnostics: Diagnostics): IfaceDecl {
  const linked = once(
    places.filter((p) => p.target),
    (p) => p.name.span,
    (again, first) =>
      diagnostics.error("OT1009", `interface \`${name}\` is attached twice`, {
        span: again,
        labels: [{ span: first, message: "already attached here" }],
        help: "an interface is one end of one link; give the node another interface",
      }),
  );
  const addressed = once(
    places.filter((p) => p.addresses.length),
    (p) => p.addresses[0]?.span ?? p.span,
    (again, first) =>
      diagnostics.error("OT1006", `the addresses of \`${name}\` are given in two places`, {
        span: again,
        labels: [{ span: first, message: "first given here" }],
        help: "give all of an interface's addresses in one place: in its node, or on its `link`",
      }),
  );
  const main = linked ?? (places[0] as IfaceDecl);
  return {
    name: main.name,
    ...(linked?.target ? { target: linked.target } : {}),
    addresses: addressed?.addresses ?? [],
    props: mergeProps(name, places, diagnostics),
    span: main.span,
  };
}

/** Each option from the first place that gives it; another place giving it is reported. */
function mergeProps(name: string, places: readonly IfaceDecl[], diagnostics: Diagnostics): PropDecl[] {
  const owner = new Map<string, IfaceDecl>();
  const out: PropDecl[] = [];
  for (const place of places) {
    for (const p of place.props) {
      const first = owner.get(p.key);
      if (first && first !== place) {
        const firstSpan = first.props.find((q) => q.key === p.key)?.keySpan ?? first.span;
        diagnostics.error("OT1006", `\`${p.key}\` of \`${name}\` is given in two places`, {
          span: p.keySpan,
          labels: [{ span: firstSpan, message: "first given here" }],
          help: "give each option of an interface in one place",
        });
        continue;
      }
      owner.set(p.key, place);
      out.push(p);
    }
  }
  return out;
}

/** The first of `places`; every other is reported with `where` of both. */
function once<T>(
  places: readonly T[],
  where: (place: T) => Span,
  report: (again: Span, first: Span) => void,
): T | undefined {
  const [first, ...rest] = places;
  if (first) for (const again of rest) report(where(again), where(first));
  return first;
}
