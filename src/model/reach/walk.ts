// The walk: a packet through the lab as the kernels along its way would take it. At each
// node: conntrack's view of it, prerouting (dnat, or undoing the source NAT of a reply),
// reverse-path filtering, the routing decision, the input, forward or output chain,
// postrouting (snat and masquerade, or undoing the dnat of a reply), and the next hop's
// neighbour — with IPv6's neighbour discovery, which filters see. Equal-cost next hops
// branch the walk; every branch ends in a Stop.

import type { Ip } from "../ip.js";
import { type Context, chainVerdict, natRule } from "./chains.js";
import { type NatRule, rewrite } from "./nat.js";
import type { Net, NodeView } from "./net.js";
import { endpoint } from "./ports.js";
import { isLocal, lookup, sourceAddress } from "./route.js";
import type { Blocked, Decider, Packet, PacketState, Ports, Step, Stop } from "./types.js";

/** At most this many nodes on one way: the default TTL and hop limit is 64. */
const MAX_HOPS = 64;

interface Tuple {
  readonly src: Ip;
  readonly dst: Ip;
  readonly sport?: Ports;
  readonly dport?: Ports;
}

/** A node's connection-tracking entry: the packet as it came (or was sent), and after NAT there. */
interface Conn {
  readonly before: Tuple;
  readonly after: Tuple;
}

export interface State {
  readonly packet: Packet;
  readonly conns: ReadonlyMap<string, Conn>;
  readonly steps: readonly Step[];
  readonly nodes: readonly string[];
  readonly seen: ReadonlySet<string>;
}

export interface Ending {
  readonly state: State;
  readonly stop: Stop;
}

export type Dir = "request" | "reply";

export interface Walk {
  readonly net: Net;
  readonly dir: Dir;
  /** Filters set aside: where routing and NAT alone take a packet. */
  readonly ignoreFilters: boolean;
  /** For a reply: the node the request came from, and what it sent. */
  readonly origin?: { readonly node: string; readonly sent: Tuple };
}

/** A packet whose source address the kernel has yet to choose. */
export type Draft = Omit<Packet, "src"> & { readonly src?: Ip };

export function start(packet: Draft, conns: ReadonlyMap<string, Conn> = new Map()): State {
  return { packet: packet as Packet, conns, steps: [], nodes: [], seen: new Set() };
}

export function tupleOf(p: Packet): Tuple {
  return {
    src: p.src,
    dst: p.dst,
    ...(p.sport ? { sport: p.sport } : {}),
    ...(p.dport ? { dport: p.dport } : {}),
  };
}

function end(state: State, stop: Stop): Ending[] {
  return [{ state, stop }];
}

function blocked(node: string, how: Blocked, by: Decider): Stop {
  return { kind: "blocked", node, how, by };
}

function add(s: State, step: Step): State {
  return { ...s, steps: [...s.steps, step] };
}

function withPacket(s: State, packet: Packet): State {
  return { ...s, packet };
}

function withConn(s: State, node: string, conn: Conn): State {
  return { ...s, conns: new Map([...s.conns, [node, conn]]) };
}

/** Why a node cannot be followed, if it cannot: literal nftables, or a setting the model leaves out. */
function opaque(node: NodeView, family: 4 | 6): Stop | undefined {
  const raw = node.filter?.raw[0];
  if (raw)
    return {
      kind: "unknown",
      node: node.name,
      reason: `${node.name} has literal nftables (\`nft { … }\`), which the model does not read`,
      span: raw.span,
    };
  const setting = node.settings.unmodelled(family);
  if (setting)
    return {
      kind: "unknown",
      node: node.name,
      reason: `${node.name} sets ${setting.key} to ${setting.value}, which the model does not follow`,
    };
  return undefined;
}

// ---- conntrack --------------------------------------------------------------------------

interface Tracked {
  readonly state: PacketState;
  /** A reply to a connection the node tracks: its NAT is undone on the way. */
  readonly reverse: boolean;
}

function samePorts(a: Ports | undefined, b: Ports | undefined): boolean {
  return a?.first === b?.first && a?.last === b?.last;
}

function sameTuple(a: Tuple, b: Tuple): boolean {
  return (
    a.src.text === b.src.text &&
    a.dst.text === b.dst.text &&
    samePorts(a.sport, b.sport) &&
    samePorts(a.dport, b.dport)
  );
}

function reversed(t: Tuple): Tuple {
  return {
    src: t.dst,
    dst: t.src,
    ...(t.dport ? { sport: t.dport } : {}),
    ...(t.sport ? { dport: t.sport } : {}),
  };
}

/**
 * How conntrack at `node` sees the packet: the reply of a connection it tracks is
 * established; a packet it has not seen starts a connection — except a TCP or ICMP echo
 * reply, which conntrack calls invalid (a SYN-ACK or an echo reply starts nothing).
 */
function track(w: Walk, s: State, node: string): Tracked {
  const conn = s.conns.get(node);
  const t = tupleOf(s.packet);
  if (conn && sameTuple(t, reversed(conn.after))) return { state: "established", reverse: true };
  if (conn && sameTuple(t, conn.before)) return { state: "established", reverse: false };
  if (w.dir === "reply" && s.packet.proto !== "udp") return { state: "invalid", reverse: false };
  return { state: "new", reverse: false };
}

// ---- filters and NAT --------------------------------------------------------------------

type Passed = { readonly ok: State } | { readonly stop: Stop };

function filter(
  w: Walk,
  s: State,
  node: NodeView,
  hook: "input" | "forward" | "output",
  ctx: Context,
): Passed {
  if (w.ignoreFilters || !node.filter) return { ok: s };
  const v = chainVerdict(node.name, node.filter, hook, s.packet, ctx);
  switch (v.kind) {
    case "accept":
      return v.silent
        ? { ok: s }
        : { ok: add(s, { kind: "filter", node: node.name, hook, state: ctx.state, by: v.by }) };
    case "drop":
      return { stop: blocked(node.name, "dropped", v.by) };
    case "reject":
      return { stop: blocked(node.name, "rejected", v.by) };
    case "maybe":
      return {
        stop: {
          kind: "unknown",
          node: node.name,
          reason: `${v.by.text} matches only some of the source ports the kernel picks`,
          ...(v.by.span ? { span: v.by.span } : {}),
        },
      };
  }
}

/**
 * What NAT does at a hook: the reply of a connection the node tracks has its translation
 * undone (prerouting restores the destination, postrouting the source); a new
 * connection's first packet meets the hook's first matching rule (returned to the caller).
 */
function natHook(
  s: State,
  node: NodeView,
  hook: "prerouting" | "postrouting",
  ctx: Context,
  t: Tracked,
): { done: Passed } | { rule: NatRule } {
  const p = s.packet;
  const conn = s.conns.get(node.name);
  if (t.reverse && conn) {
    const pre = hook === "prerouting";
    const b = conn.before;
    const back: Packet = pre
      ? { ...p, dst: b.src, ...(b.sport ? { dport: b.sport } : {}) }
      : { ...p, src: b.dst, ...(b.dport ? { sport: b.dport } : {}) };
    const [from, to] = pre ? [p.dst, back.dst] : [p.src, back.src];
    if (from.text === to.text) return { done: { ok: s } };
    const what = `conntrack: the reply's ${pre ? "destination" : "source"}`;
    return { done: { ok: add(withPacket(s, back), natStep(node.name, what, from, to)) } };
  }
  if (t.state !== "new") return { done: { ok: s } };
  const nat = natRule(node.name, node.filter, hook, p, ctx);
  if (nat.kind === "none") return { done: { ok: s } };
  if (nat.kind === "maybe") return { done: { stop: portsUnknown(node.name, nat.by) } };
  return { rule: nat.rule };
}

/** Prerouting: dnat of a new connection, or the reply of a source-translated one restored. */
function prerouting(s: State, node: NodeView, iif: string, t: Tracked): Passed {
  const h = natHook(s, node, "prerouting", { iif, state: "new" }, t);
  // Before routing there is no output interface: nothing that needs one applies here.
  return "done" in h ? h.done : translate(s, node, h.rule, "", s.packet.dst);
}

/** Postrouting: snat or masquerade of a new connection, or the reply of a dnat'd one restored. */
function postrouting(s: State, node: NodeView, oif: string, nextHop: Ip, t: Tracked): Passed {
  const h = natHook(s, node, "postrouting", { oif, state: "new" }, t);
  return "done" in h ? h.done : translate(s, node, h.rule, oif, nextHop);
}

/** A NAT rule applied: the packet rewritten, the node's connection updated, a step for people. */
function translate(s: State, node: NodeView, rule: NatRule, oif: string, nextHop: Ip): Passed {
  const r = rewrite(rule, s.packet, node, oif, nextHop);
  if ("stop" in r) return { stop: r.stop };
  const moved = updateAfter(withPacket(s, r.packet), node.name);
  return { ok: add(moved, { kind: "nat", node: node.name, text: r.text, span: rule.span }) };
}

function natStep(node: string, what: string, from: Ip, to: Ip): Step {
  return { kind: "nat", node, text: `${what} ${from.text} → ${to.text}` };
}

function portsUnknown(node: string, by: Decider): Stop {
  return {
    kind: "unknown",
    node,
    reason: `${by.text} matches only some of the source ports the kernel picks`,
    ...(by.span ? { span: by.span } : {}),
  };
}

/** The node's connection, after NAT changed the packet there. */
function updateAfter(s: State, node: string): State {
  const conn = s.conns.get(node);
  return conn ? withConn(s, node, { before: conn.before, after: tupleOf(s.packet) }) : s;
}

// ---- the walk ---------------------------------------------------------------------------

/** A packet the node sends: its route, output chain, postrouting, and on to the next hop. */
export function originate(w: Walk, name: string, s0: State): Ending[] {
  const node = w.net.node(name);
  const p0 = s0.packet as Draft;
  const hidden = opaque(node, p0.family);
  const s = { ...s0, nodes: [...s0.nodes, name] };
  if (hidden) return end(s, hidden);
  if (isLocal(node, p0.dst)) return loopback(w, node, s);
  const route = lookup(node, p0.dst);
  if (!route)
    return end(
      s,
      blocked(name, "no-route", { text: `${name} has no route to ${p0.dst.text}`, span: node.span }),
    );
  return route.hops.flatMap((hop) => {
    const nextHop = hop.via ?? p0.dst;
    const src = p0.src ?? sourceAddress(node, hop.dev, p0.dst, nextHop, route.src);
    if (!src)
      return end(
        s,
        blocked(name, "no-source", {
          text: `${name} has no IPv${p0.family} address to send from`,
          span: node.span,
        }),
      );
    const p = { ...p0, src } as Packet;
    let st = add(withPacket(s, p), {
      kind: "route",
      node: name,
      text: route.text,
      ...(route.span ? { span: route.span } : {}),
    });
    const t: Tracked = w.dir === "request" ? { state: "new", reverse: false } : track(w, st, name);
    if (w.dir === "request" || (t.state === "new" && !st.conns.has(name)))
      st = withConn(st, name, { before: tupleOf(p), after: tupleOf(p) });
    const out = filter(w, st, node, "output", { oif: hop.dev, state: t.state });
    if ("stop" in out) return end(st, out.stop);
    const post = postrouting(out.ok, node, hop.dev, nextHop, t);
    if ("stop" in post) return end(out.ok, post.stop);
    return transmit(w, post.ok, node, hop.dev, nextHop);
  });
}

/** A packet to the node's own address: out through `lo` and back in. */
function loopback(w: Walk, node: NodeView, s: State): Ending[] {
  const p0 = s.packet as Draft;
  // To its own address, a node sends from that address.
  const p = { ...p0, src: p0.src ?? p0.dst } as Packet;
  const t: Tracked =
    w.dir === "request" ? { state: "new", reverse: false } : { state: "established", reverse: true };
  let st = add(withPacket(s, p), {
    kind: "local",
    node: node.name,
    text: `${p.dst.text} is ${node.name}'s own: through lo`,
  });
  if (w.dir === "request") st = withConn(st, node.name, { before: tupleOf(p), after: tupleOf(p) });
  const out = filter(w, st, node, "output", { oif: "lo", state: t.state });
  if ("stop" in out) return end(st, out.stop);
  return local(w, out.ok, node, "lo", t.state);
}

/** A packet arrives at a node on `iif`. */
function arrive(w: Walk, name: string, iif: string, s0: State): Ending[] {
  const node = w.net.node(name);
  const s = { ...s0, nodes: [...s0.nodes, name] };
  const hidden = opaque(node, s.packet.family);
  if (hidden) return end(s, hidden);
  const key = `${name}|${iif}|${s.packet.src.text}|${s.packet.dst.text}`;
  if (s.seen.has(key) || s.nodes.length > MAX_HOPS)
    return end(
      s,
      blocked(name, "loop", { text: `the packet comes back to ${name}: a routing loop`, span: node.span }),
    );
  let st: State = { ...s, seen: new Set([...s.seen, key]) };
  const t = track(w, st, name);
  if (t.state === "new" && !st.conns.has(name))
    st = withConn(st, name, { before: tupleOf(st.packet), after: tupleOf(st.packet) });
  const rp = reversePath(node, iif, st.packet);
  if (rp) return end(st, rp);
  const pre = prerouting(st, node, iif, t);
  if ("stop" in pre) return end(st, pre.stop);
  if (isLocal(node, pre.ok.packet.dst)) {
    const input = filter(w, pre.ok, node, "input", { iif, state: t.state });
    if ("stop" in input) return end(pre.ok, input.stop);
    return local(w, input.ok, node, iif, t.state);
  }
  return forward(w, pre.ok, node, iif, t);
}

/** Reverse-path filtering (IPv4): the way back to the source must be a route (through `iif`, if strict). */
function reversePath(node: NodeView, iif: string, p: Packet): Stop | undefined {
  if (p.family !== 4 || p.proto === "nd") return undefined;
  const mode = node.settings.rpFilter(iif);
  if (mode === 0 || isLocal(node, p.src)) return undefined;
  const back = lookup(node, p.src);
  if (back && (mode === 2 || back.hops.some((h) => h.dev === iif))) return undefined;
  return blocked(node.name, "rp-filter", {
    text: `reverse-path filtering in ${node.name} (rp_filter ${mode} on ${iif}): ${back ? `the way back to ${p.src.text} is not through ${iif}` : `no route back to ${p.src.text}`}`,
  });
}

/** A packet for a node that is not its own: forwarding, a route, the forward chain, postrouting. */
function forward(w: Walk, s: State, node: NodeView, iif: string, t: Tracked): Ending[] {
  const p = s.packet;
  if (!node.settings.forwards(p.family, iif))
    return end(
      s,
      blocked(node.name, "not-forwarding", {
        text: `${node.name} does not forward IPv${p.family} (no \`forward\`)`,
        span: node.span,
      }),
    );
  const route = lookup(node, p.dst);
  if (!route)
    return end(
      s,
      blocked(node.name, "no-route", { text: `${node.name} has no route to ${p.dst.text}`, span: node.span }),
    );
  const st = add(s, {
    kind: "route",
    node: node.name,
    text: route.text,
    ...(route.span ? { span: route.span } : {}),
  });
  return route.hops.flatMap((hop) => {
    const fwd = filter(w, st, node, "forward", { iif, oif: hop.dev, state: t.state });
    if ("stop" in fwd) return end(st, fwd.stop);
    const nextHop = hop.via ?? fwd.ok.packet.dst;
    const post = postrouting(fwd.ok, node, hop.dev, nextHop, t);
    if ("stop" in post) return end(fwd.ok, post.stop);
    return transmit(w, post.ok, node, hop.dev, nextHop);
  });
}

/** Delivered to the node itself: a request arrives; a reply must be the one its source waits for. */
function local(w: Walk, s: State, node: NodeView, iif: string, state: PacketState): Ending[] {
  const p = s.packet;
  if (w.dir === "reply") {
    const o = w.origin;
    if (o && o.node === node.name && sameTuple(tupleOf(p), reversed(o.sent)))
      return end(s, { kind: "returned", node: node.name });
    const text =
      o?.node === node.name
        ? `the reply comes back from ${endpoint(p.src, p.sport)}, but ${node.name} sent to ${endpoint(o.sent.dst, o.sent.dport)}`
        : `the reply goes to ${node.name}, not to ${o?.node ?? "its source"}`;
    return end(s, blocked(node.name, "mismatch", { text }));
  }
  if (p.proto === "icmp" && !node.settings.answersEcho(p.family))
    return end(
      s,
      blocked(node.name, "ignored", {
        text: `${node.name} ignores pings (icmp echo_ignore_all)`,
        span: node.span,
      }),
    );
  const st = add(s, {
    kind: "local",
    node: node.name,
    text: `delivered to ${endpoint(p.dst, p.dport)} (in ${iif}, ${state})`,
  });
  return end(st, {
    kind: "delivered",
    node: node.name,
    address: p.dst,
    ...(p.dport ? { port: p.dport.first } : {}),
  });
}

/** Out of `oif` to the neighbour that holds `nextHop` on its segment, and into it. */
function transmit(w: Walk, s: State, node: NodeView, oif: string, nextHop: Ip): Ending[] {
  const found = neighbour(w.net, node, oif, nextHop);
  if ("stop" in found) return end(s, found.stop);
  if (s.packet.family === 6 && !w.ignoreFilters) {
    const nd = discovery(node, oif, found.node, found.iface, s.packet, nextHop);
    if (nd) return end(s, nd);
  }
  const st = add(s, {
    kind: "send",
    node: node.name,
    out: oif,
    to: found.node.name,
    in: found.iface,
    via: nextHop.text,
  });
  return arrive(w, found.node.name, found.iface, st);
}

type Found = { readonly node: NodeView; readonly iface: string } | { readonly stop: Stop };

/**
 * Who answers for `nextHop` on the segment of `oif`: IPv4's ARP is answered for an address
 * on any interface of a node; IPv6's neighbour discovery only for one on the receiving one.
 */
function neighbour(net: Net, node: NodeView, oif: string, nextHop: Ip): Found {
  if (nextHop.family === 6 && (nextHop.bytes[0] ?? 0) === 0xfe && ((nextHop.bytes[1] ?? 0) & 0xc0) === 0x80)
    return {
      stop: {
        kind: "unknown",
        node: node.name,
        reason: `the gateway ${nextHop.text} is link-local: the model does not know which interface has it`,
      },
    };
  const seg = net.segmentOf(node.name, oif);
  const members = seg?.members.filter((m) => !(m.node === node.name && m.iface === oif)) ?? [];
  for (const m of members) {
    const peer = net.node(m.node);
    const holds =
      nextHop.family === 4
        ? [...peer.ifaces.values()].some((i) => i.addresses.some((a) => a.text === nextHop.text))
        : (peer.ifaces.get(m.iface)?.addresses.some((a) => a.text === nextHop.text) ?? false);
    if (holds) return siblings(net, node, oif, peer, m.iface) ?? { node: peer, iface: m.iface };
  }
  const name = seg?.segment.name ?? `${node.name}.${oif}`;
  if (seg?.segment.outside)
    return {
      stop: {
        kind: "unknown",
        node: node.name,
        reason: `${nextHop.text} is not a node's: out of ${oif} it is beyond the lab, on ${seg.segment.outside}`,
      },
    };
  return {
    stop: blocked(node.name, "no-neighbour", {
      text: `no node on ${name} has ${nextHop.text}`,
      span: node.span,
    }),
  };
}

/**
 * Two macvlans on one host NIC reach each other directly only when both are in `bridge`
 * mode; otherwise their frames leave through the NIC, and whether they come back (a switch
 * that hairpins, `vepa`; never, `private`) is the network outside's business.
 */
function siblings(net: Net, a: NodeView, aIf: string, b: NodeView, bIf: string): Found | undefined {
  const modes = [net.macvlanMode(a.name, aIf), net.macvlanMode(b.name, bIf)];
  if (modes.every((m) => m === undefined || m === "bridge")) return undefined;
  return {
    stop: {
      kind: "unknown",
      node: a.name,
      reason: `${a.name}.${aIf} and ${b.name}.${bIf} are macvlans on one host NIC, not both in \`bridge\` mode: between them, frames go through the network outside`,
    },
  };
}

/** A solicited-node multicast address, ff02::1:ffXX:XXXX, that a neighbour solicitation goes to. */
function solicited(ip: Ip): Ip {
  const b = ip.bytes;
  const bytes = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, b[13] ?? 0, b[14] ?? 0, b[15] ?? 0];
  const hex = (i: number) => ((bytes[i] ?? 0) * 256 + (bytes[i + 1] ?? 0)).toString(16);
  return { family: 6, text: `ff02::1:ff${hex(12).slice(-2)}:${hex(14)}`, bytes };
}

const LINK_LOCAL: Ip = {
  family: 6,
  text: "fe80::1",
  bytes: [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
};

/**
 * IPv6 neighbour discovery between two nodes: the solicitation out of one and into the
 * other, the advertisement back. ICMPv6 that conntrack leaves untracked, so an
 * `established` rule does not pass it: an `input policy drop` without `icmpv6` breaks IPv6.
 */
function discovery(
  a: NodeView,
  aIf: string,
  b: NodeView,
  bIf: string,
  trigger: Packet,
  target: Ip,
): Stop | undefined {
  const own = a.ifaces.get(aIf)?.addresses.some((x) => x.text === trigger.src.text);
  const ns: Packet = { family: 6, proto: "nd", src: own ? trigger.src : LINK_LOCAL, dst: solicited(target) };
  const na: Packet = { family: 6, proto: "nd", src: target, dst: ns.src };
  const checks: [NodeView, "input" | "output", Packet, Context][] = [
    [a, "output", ns, { oif: aIf, state: "untracked" }],
    [b, "input", ns, { iif: bIf, state: "untracked" }],
    [b, "output", na, { oif: bIf, state: "untracked" }],
    [a, "input", na, { iif: aIf, state: "untracked" }],
  ];
  for (const [node, hook, p, ctx] of checks) {
    if (!node.filter) continue;
    const v = chainVerdict(node.name, node.filter, hook, p, ctx);
    if (v.kind === "accept") continue;
    return blocked(node.name, "neighbour-discovery", {
      text: `neighbour discovery between ${a.name} and ${b.name}: ${v.by.text} ${v.kind === "maybe" ? "may drop" : "drops"} icmpv6`,
      ...(v.by.span ? { span: v.by.span } : {}),
    });
  }
  return undefined;
}
