// The checker: resolve every name, parse every value, and build the model, reporting each
// problem with its own code. It keeps going after an error so one run reports them all.

import { closest, type Diagnostics } from "../diagnostics/diagnostic.js";
import { type SourceFile, type Span, spanOf } from "../diagnostics/source.js";
import type { Decls, IfaceDecl, NodeDecl, PropDecl, RouteDecl, SwitchDecl, Text } from "./expand.js";
import { checkFilter } from "./filter.js";
import {
  type Cidr,
  contains,
  isLinkLocal,
  lastAddress,
  network,
  parseCidr,
  parseIp,
  parseMac,
  unassignable,
} from "./ip.js";
import { type Aspect, checkIsolation, labDefault } from "./isolation.js";
import type { Address, End, Iface, Lab, Link, Node, Route, Switch, Sysctl } from "./model.js";
import { hostIfaceName, IFNAME_MAX, LAB_NAME_MAX, NAME_PATTERN, NODE_NAME_MAX } from "./names.js";

/** A Linux bridge numbers its ports 1 to 1023 (BR_MAX_PORTS - 1). */
export const BRIDGE_MAX_PORTS = 1023;

const SAFE_NAME_HELP = "names use letters, digits, `_` and `-`, and start with a letter";

interface IfaceInfo {
  readonly node: NodeDecl;
  readonly decl: IfaceDecl;
  readonly addresses: Address[];
  mtu?: number;
  mac?: string;
  hostName?: string;
  readonly hostAddresses: Address[];
  hostMasquerade?: Span;
  /** Index into links once attached. */
  link?: number;
}

export function check(decls: Decls, diagnostics: Diagnostics, file?: SourceFile): Lab | undefined {
  return new Checker(diagnostics, file).run(decls);
}

class Checker {
  private readonly switches = new Map<string, { decl: SwitchDecl; mtu?: number }>();
  private readonly nodes = new Map<string, NodeDecl>();
  /** node → interface → info */
  private readonly ifaces = new Map<string, Map<string, IfaceInfo>>();
  private readonly links: Link[] = [];
  private labName = "";
  /** The lab's `isolate`, for nodes without their own. */
  private labIsolate: readonly Aspect[] | undefined;

  constructor(
    private readonly diagnostics: Diagnostics,
    private readonly file?: SourceFile,
  ) {}

  run(decls: Decls): Lab | undefined {
    const labSpan = this.lab(decls);
    this.labIsolate = labDefault(decls, this.diagnostics);
    for (const s of decls.switches) this.switchDecl(s);
    for (const n of decls.nodes) this.nodeDecl(n);
    for (const n of this.nodes.values()) for (const i of n.ifaces) this.attach(n, i);
    this.unattached();
    this.segments();
    const nodes: Node[] = [];
    for (const n of this.nodes.values()) nodes.push(this.node(n));
    if (this.diagnostics.hasErrors || labSpan === undefined) return undefined;
    const switches: Switch[] = [...this.switches.values()].map(({ decl, mtu }) => ({
      name: decl.name.text,
      span: decl.span,
      ...(mtu !== undefined ? { mtu } : {}),
    }));
    return { name: this.labName, span: labSpan, switches, nodes, links: this.links };
  }

  // ---- names --------------------------------------------------------------------------

  private lab(decls: Decls): Span | undefined {
    const [first, ...rest] = decls.labs;
    if (!first) {
      this.diagnostics.error("OT1001", "the lab has no name", {
        ...(this.file ? { span: spanOf(this.file, 0, 0) } : {}),
        help: "start the file with `lab NAME`, for example `lab office`; every kernel object of the lab carries it",
      });
      return undefined;
    }
    for (const again of rest)
      this.diagnostics.error("OT1002", "the lab is named twice", {
        span: again.span,
        labels: [{ span: first.span, message: "first named here" }],
        help: "one file describes one lab: keep one `lab` line",
      });
    if (!this.name(first, "lab", LAB_NAME_MAX)) return undefined;
    this.labName = first.text;
    return first.span;
  }

  /** Checks a name's characters and length; true if it is usable. */
  private name(t: Text, what: string, max: number): boolean {
    if (!NAME_PATTERN.test(t.text)) {
      this.diagnostics.error("OT1003", `invalid ${what} name \`${t.text}\``, {
        span: t.span,
        help: SAFE_NAME_HELP,
      });
      return false;
    }
    if (t.text.length > max) {
      this.diagnostics.error("OT1004", `${what} name \`${t.text}\` is ${t.text.length} characters long`, {
        span: t.span,
        label: `at most ${max}`,
        ...(max === IFNAME_MAX
          ? { notes: ["the kernel limits interface names to 15 characters"] }
          : { notes: [`${what} names are part of kernel object names and paths; the limit is ${max}`] }),
        help: `use a name of at most ${max} characters`,
      });
      return false;
    }
    return true;
  }

  private switchDecl(s: SwitchDecl): void {
    // A switch becomes a bridge of the same name, so its name is an interface name.
    if (!this.name(s.name, "switch", IFNAME_MAX)) return;
    if (s.name.text === "host") {
      this.reserved(s.name, "switch");
      return;
    }
    const first = this.switches.get(s.name.text);
    if (first) {
      this.duplicate(s.name, first.decl.name, "switch");
      return;
    }
    const entry: { decl: SwitchDecl; mtu?: number } = { decl: s };
    for (const p of s.props) if (p.key === "mtu") this.mtu(p, (v) => (entry.mtu = v));
    this.switches.set(s.name.text, entry);
  }

  private nodeDecl(n: NodeDecl): void {
    if (!this.name(n.name, "node", NODE_NAME_MAX)) return;
    if (n.name.text === "host") {
      this.reserved(n.name, "node");
      return;
    }
    const first = this.nodes.get(n.name.text);
    if (first) {
      this.duplicate(n.name, first.name, "node");
      return;
    }
    const sw = this.switches.get(n.name.text);
    if (sw) {
      this.duplicate(n.name, sw.decl.name, "switch");
      return;
    }
    this.nodes.set(n.name.text, n);
    const ifaces = new Map<string, IfaceInfo>();
    this.ifaces.set(n.name.text, ifaces);
    for (const i of n.ifaces) {
      if (!this.name(i.name, "interface", IFNAME_MAX)) continue;
      const prior = ifaces.get(i.name.text);
      if (prior) {
        this.diagnostics.error(
          "OT1006",
          `node \`${n.name.text}\` declares interface \`${i.name.text}\` twice`,
          {
            span: i.name.span,
            labels: [{ span: prior.decl.name.span, message: "first declared here" }],
            help: "give all of an interface's addresses and options in one statement",
          },
        );
        continue;
      }
      ifaces.set(i.name.text, this.iface(n, i));
    }
  }

  private reserved(t: Text, what: string): void {
    this.diagnostics.error("OT1013", `\`${t.text}\` cannot name a ${what}`, {
      span: t.span,
      help: "`host` stands for the host's own network namespace in `-> host`; choose another name",
    });
  }

  private duplicate(t: Text, first: Text, firstKind: string): void {
    if (t.span.start === first.span.start && t.span.end === first.span.end) {
      this.diagnostics.error("OT1005", `this statement declares \`${t.text}\` more than once`, {
        span: t.span,
        help: "the copies made by its range or loop overlap; make the names differ (for example with both indexes)",
      });
      return;
    }
    this.diagnostics.error("OT1005", `the name \`${t.text}\` is already used`, {
      span: t.span,
      labels: [{ span: first.span, message: `first used here, by a ${firstKind}` }],
      help: "nodes and switches share one set of names; rename one of them",
    });
  }

  // ---- interfaces ---------------------------------------------------------------------

  private iface(n: NodeDecl, i: IfaceDecl): IfaceInfo {
    const info: IfaceInfo = { node: n, decl: i, addresses: [], hostAddresses: [] };
    for (const a of i.addresses) {
      const addr = this.address(a, i.name.text === "lo");
      if (addr) info.addresses.push(addr);
    }
    const isHost = i.target?.text === "host";
    for (const p of i.props) {
      switch (p.key) {
        case "mtu":
          this.mtu(p, (v) => (info.mtu = v));
          break;
        case "mac": {
          const arg = p.args[0];
          if (!arg) break;
          const mac = parseMac(arg.text);
          if (mac.ok) info.mac = mac.value;
          else
            this.diagnostics.error("OT2004", `invalid MAC address \`${arg.text}\``, {
              span: arg.span,
              label: mac.reason,
              help: "use a locally administered unicast address such as 02:00:00:00:00:01",
            });
          break;
        }
        case "host-name":
        case "host-address": {
          const arg = p.args[0];
          if (!arg) break;
          if (!isHost) {
            this.diagnostics.error("OT2008", `\`${p.key}\` applies only to a link to the host`, {
              span: p.keySpan,
              help: `write \`${i.name.text} -> host …\` to link this interface to the host, or remove \`${p.key}\``,
            });
            break;
          }
          if (p.key === "host-name") {
            if (this.name(arg, "host interface", IFNAME_MAX)) info.hostName = arg.text;
          } else {
            const addr = this.address(arg);
            if (addr) info.hostAddresses.push(addr);
          }
          break;
        }
      }
    }
    const masquerade = i.props.find((p) => p.key === "host-masquerade");
    if (masquerade && !isHost)
      this.diagnostics.error("OT2008", "`host-masquerade` applies only to a link to the host", {
        span: masquerade.keySpan,
        help: `write \`${i.name.text} -> host …\`, or masquerade inside the lab with a filter: \`filter { masquerade out ${i.name.text} }\``,
      });
    else if (masquerade) info.hostMasquerade = masquerade.keySpan;
    if (i.name.text === "lo" && i.target) {
      this.diagnostics.error("OT1013", "the loopback interface `lo` cannot be linked", {
        span: i.target.span,
        help: "give `lo` only addresses (`lo 10.255.0.1/32`) and link another interface",
      });
    }
    return info;
  }

  private address(t: Text, onLo = false): Address | undefined {
    const parsed = parseCidr(t.text);
    if (!parsed.ok) {
      // A word that is no address at all is most often a target without its arrow.
      const word = !/^[0-9a-fA-F:.]+(\/\d*)?$/.test(t.text);
      const target =
        word && (this.switches.has(t.text) || t.text === "host" || /^[A-Za-z][\w-]*\.[A-Za-z]/.test(t.text));
      this.diagnostics.error(
        "OT2001",
        word ? `\`${t.text}\` is not an address` : `invalid address \`${t.text}\``,
        {
          span: t.span,
          label: word ? "an address was expected here" : parsed.reason,
          help: target
            ? `to connect the interface, write \`-> ${t.text}\``
            : "write an address with its prefix length, such as 10.0.0.1/24 or fd00::1/64",
        },
      );
      return undefined;
    }
    const a = parsed.value;
    const bad =
      unassignable(a) ??
      (onLo && (a.cidr === "127.0.0.1/8" || a.cidr === "::1/128")
        ? "the loopback of every namespace has it already"
        : undefined);
    if (bad) {
      this.diagnostics.error("OT2001", `invalid address \`${t.text}\``, { span: t.span, label: bad });
      return undefined;
    }
    if (a.family === 4 && a.prefix < 31) {
      if (network(a).text === a.text)
        this.diagnostics.error("OT2003", `\`${a.cidr}\` is the network address of its subnet`, {
          span: t.span,
          help: "hosts on this subnet will not reach it as a neighbour; use a host address",
        });
      else if (lastAddress(a).text === a.text)
        this.diagnostics.error("OT2009", `\`${a.cidr}\` is the broadcast address of its subnet`, {
          span: t.span,
          help: "use a host address; packets to the broadcast address reach every host of the subnet",
        });
    }
    return { ...a, span: t.span };
  }

  private mtu(p: PropDecl, set: (v: number) => void): void {
    const arg = p.args[0];
    if (!arg) return;
    const v = Number(arg.text);
    if (!/^\d+$/.test(arg.text) || v < 68 || v > 65535) {
      this.diagnostics.error("OT2005", `invalid MTU \`${arg.text}\``, {
        span: arg.span,
        help: "an MTU is an integer from 68 to 65535 (1280 or more where IPv6 is used)",
      });
      return;
    }
    set(v);
  }

  // ---- links --------------------------------------------------------------------------

  private info(end: End): IfaceInfo | undefined {
    return this.ifaces.get(end.node)?.get(end.iface);
  }

  /** Attach an interface that names a target; p2p links are recorded once. */
  private attach(n: NodeDecl, i: IfaceDecl): void {
    const self = this.info({ node: n.name.text, iface: i.name.text });
    if (!self || self.decl !== i || !i.target || i.name.text === "lo") return;
    const target = i.target;
    const here: End = { node: n.name.text, iface: i.name.text };

    if (target.text === "host") {
      const hostName = self.hostName ?? hostIfaceName(this.labName, here.node, here.iface);
      self.link =
        this.links.push({
          kind: "host",
          end: here,
          hostName,
          hostAddresses: self.hostAddresses,
          ...(self.hostMasquerade ? { hostMasquerade: self.hostMasquerade } : {}),
          span: i.span,
        }) - 1;
      return;
    }

    const dot = target.text.indexOf(".");
    if (dot === -1) {
      if (this.switches.has(target.text)) {
        self.link = this.links.push({ kind: "switch", switch: target.text, end: here, span: i.span }) - 1;
        return;
      }
      const isNode = this.nodes.has(target.text);
      const guess = closest(target.text, this.switches.keys());
      this.diagnostics.error("OT1007", `no switch named \`${target.text}\``, {
        span: target.span,
        help: isNode
          ? `\`${target.text}\` is a node: link to one of its interfaces, as in \`-> ${target.text}.eth0\``
          : guess
            ? `did you mean \`${guess}\`?`
            : `declare it with \`switch ${target.text}\`, or link to \`NODE.INTERFACE\` or \`host\``,
      });
      return;
    }

    const peer: End = { node: target.text.slice(0, dot), iface: target.text.slice(dot + 1) };
    const peerNode = this.nodes.get(peer.node);
    if (!peerNode) {
      const guess = closest(peer.node, this.nodes.keys());
      this.diagnostics.error("OT1007", `no node named \`${peer.node}\``, {
        span: target.span,
        help: guess
          ? `did you mean \`${guess}.${peer.iface}\`?`
          : `declare it with \`node ${peer.node} { … }\``,
      });
      return;
    }
    const other = this.info(peer);
    if (!other) {
      // Suggest only interfaces that are free to be this link's other end.
      const free = [...(this.ifaces.get(peer.node) ?? new Map<string, IfaceInfo>())]
        .filter(([name, info]) => name !== "lo" && !info.decl.target)
        .map(([name]) => name);
      const guess = closest(peer.iface, free);
      this.diagnostics.error("OT1008", `node \`${peer.node}\` has no interface \`${peer.iface}\``, {
        span: target.span,
        labels: [{ span: peerNode.name.span, message: `\`${peer.node}\` is declared here` }],
        help: guess
          ? `did you mean \`${peer.node}.${guess}\`?`
          : `declare the other end in \`${peer.node}\`, for example \`${peer.iface} 10.0.0.2/30\``,
      });
      return;
    }
    if (peer.iface === "lo") {
      this.diagnostics.error("OT1013", "the loopback interface `lo` cannot be linked", {
        span: target.span,
        help: `link to another interface of \`${peer.node}\`; \`lo\` takes only addresses`,
      });
      return;
    }
    if (peer.node === here.node && peer.iface === here.iface) {
      this.diagnostics.error("OT1012", `interface \`${here.node}.${here.iface}\` is linked to itself`, {
        span: target.span,
        help: "a point-to-point link joins two different interfaces",
      });
      return;
    }
    const otherTarget = other.decl.target;
    if (otherTarget && otherTarget.text !== `${here.node}.${here.iface}`) {
      this.diagnostics.error(
        "OT1010",
        `\`${peer.node}.${peer.iface}\` is linked to \`${otherTarget.text}\`, not back to \`${here.node}.${here.iface}\``,
        {
          span: target.span,
          labels: [{ span: otherTarget.span, message: "the other end says this" }],
          help: `a point-to-point link is declared at one end; remove \`-> ${otherTarget.text}\` from the other end or make it point back`,
        },
      );
      return;
    }
    if (other.link !== undefined) {
      const existing = this.links[other.link];
      if (existing?.kind === "p2p" && otherTarget) return; // both ends declared the same link
      this.diagnostics.error("OT1009", `interface \`${peer.node}.${peer.iface}\` is attached twice`, {
        span: target.span,
        labels: existing ? [{ span: existing.span, message: "already attached here" }] : [],
        help: "an interface is one end of one link; give the node another interface",
      });
      return;
    }
    const index = this.links.push({ kind: "p2p", a: here, b: peer, span: i.span }) - 1;
    self.link = index;
    other.link = index;
  }

  private unattached(): void {
    for (const [node, ifaces] of this.ifaces) {
      for (const [name, info] of ifaces) {
        if (name === "lo" || info.link !== undefined || info.decl.target) continue;
        this.diagnostics.error("OT1011", `interface \`${node}.${name}\` is not connected to anything`, {
          span: info.decl.name.span,
          help: `connect it with \`${name} -> SWITCH\`, \`${name} -> NODE.IFACE\` or \`${name} -> host\`, or link to it from another node with \`-> ${node}.${name}\``,
        });
      }
    }
  }

  /** Per segment (a switch, a point-to-point or host link): addresses, MACs, MTUs. */
  private segments(): void {
    const segments = new Map<string, { end: End; info: IfaceInfo }[]>();
    const hostSide = new Map<string, Address[]>();
    this.links.forEach((link, index) => {
      const key = link.kind === "switch" ? `switch:${link.switch}` : `link:${index}`;
      const ends = link.kind === "p2p" ? [link.a, link.b] : [link.end];
      const list = segments.get(key) ?? [];
      for (const end of ends) {
        const info = this.info(end);
        if (info) list.push({ end, info });
      }
      segments.set(key, list);
      if (link.kind === "host") hostSide.set(key, [...link.hostAddresses]);
    });
    for (const [key, members] of segments) {
      if (key.startsWith("switch:") && members.length > BRIDGE_MAX_PORTS) {
        const sw = this.switches.get(key.slice(7));
        this.diagnostics.error("OT1018", `switch \`${key.slice(7)}\` has ${members.length} ports`, {
          span: sw?.decl.name.span,
          label: `a Linux bridge takes at most ${BRIDGE_MAX_PORTS}`,
          help: "split the segment into several switches joined by a node, or use fewer nodes",
        });
      }
      const seen = new Map<string, Span>();
      const addrs = members.flatMap((m) => m.info.addresses).concat(hostSide.get(key) ?? []);
      for (const a of addrs) {
        const first = seen.get(a.text);
        if (first) {
          this.diagnostics.error("OT2002", `address ${a.text} is used twice on ${this.segmentName(key)}`, {
            span: a.span,
            labels: [{ span: first, message: "also assigned here" }],
            help: "every interface on a segment needs its own address",
          });
        } else seen.set(a.text, a.span);
      }
      const macs = new Map<string, IfaceInfo>();
      for (const m of members) {
        if (!m.info.mac) continue;
        const first = macs.get(m.info.mac);
        if (first) {
          this.diagnostics.error(
            "OT2006",
            `MAC address ${m.info.mac} is used twice on ${this.segmentName(key)}`,
            {
              span: macSpan(m.info) ?? m.info.decl.span,
              labels: [{ span: macSpan(first) ?? first.decl.span, message: "also used here" }],
              help: "give each interface on a segment its own MAC address",
            },
          );
        } else macs.set(m.info.mac, m.info);
      }
      const sw = key.startsWith("switch:") ? this.switches.get(key.slice(7)) : undefined;
      // Where an interface's MTU comes from: its own `mtu`, else the switch's.
      const switchMtu = sw?.decl.props.find((p) => p.key === "mtu")?.args[0]?.span;
      const whereMtu = (info: IfaceInfo): Span => mtuSpan(info) ?? switchMtu ?? info.decl.span;
      const mtus = new Map<number, IfaceInfo>();
      for (const m of members) {
        const mtu = m.info.mtu ?? sw?.mtu;
        if (mtu !== undefined) mtus.set(mtu, m.info);
        if (mtu !== undefined && mtu < 1280 && m.info.addresses.some((a) => a.family === 6)) {
          this.diagnostics.error(
            "OT2005",
            `MTU ${mtu} is too small for IPv6 on \`${m.end.node}.${m.end.iface}\``,
            {
              span: whereMtu(m.info),
              notes: ["the kernel disables IPv6 on an interface whose MTU is below 1280"],
              help: "use an MTU of 1280 or more, or drop the IPv6 addresses",
            },
          );
        }
      }
      if (mtus.size > 1 && members.length > 1) {
        const [a, b] = [...mtus.entries()];
        if (a && b)
          this.diagnostics.error("OT2007", `MTUs differ on ${this.segmentName(key)}: ${a[0]} and ${b[0]}`, {
            span: whereMtu(b[1]),
            labels: [{ span: whereMtu(a[1]), message: `MTU ${a[0]} here` }],
            help: "set the same MTU on every end (or once on the switch); large packets are dropped otherwise",
          });
      }
    }
  }

  private segmentName(key: string): string {
    if (key.startsWith("switch:")) return `switch \`${key.slice(7)}\``;
    const link = this.links[Number(key.slice(5))];
    if (link?.kind === "p2p")
      return `the link ${link.a.node}.${link.a.iface} — ${link.b.node}.${link.b.iface}`;
    if (link?.kind === "host") return `the link from ${link.end.node}.${link.end.iface} to the host`;
    return "a link";
  }

  // ---- nodes: routes and sysctls --------------------------------------------------------

  private node(n: NodeDecl): Node {
    const ifaces = this.ifaces.get(n.name.text) ?? new Map<string, IfaceInfo>();
    const outIfaces: Iface[] = [];
    for (const [name, info] of ifaces) {
      outIfaces.push({
        node: n.name.text,
        name,
        span: info.decl.span,
        addresses: info.addresses,
        ...(info.mtu !== undefined ? { mtu: info.mtu } : {}),
        ...(info.mac !== undefined ? { mac: info.mac } : {}),
        ...(info.link !== undefined ? { link: info.link } : {}),
      });
    }
    const routes: Route[] = [];
    const seen = new Map<string, Span>();
    for (const r of n.routes) {
      const route = this.route(n, r, ifaces);
      if (!route) continue;
      const key = `${route.destination.cidr} metric ${route.metric ?? "-"}`;
      const first = seen.get(key);
      if (first) {
        this.diagnostics.error("OT3004", `route to ${route.destination.cidr} is declared twice`, {
          span: r.span,
          labels: [{ span: first, message: "first declared here" }],
          help: "for several paths to one destination give them different `metric`s",
        });
        continue;
      }
      seen.set(key, r.span);
      const kernel = kernelRoute(route, ifaces);
      if (kernel) {
        this.diagnostics.error(
          "OT3004",
          `route to ${route.destination.cidr} duplicates the route the kernel makes for ${kernel.address.cidr}`,
          {
            span: r.span,
            labels: [
              { span: kernel.address.span, message: `the kernel routes this subnet to ${kernel.iface}` },
            ],
            notes: [
              "an IPv4 address on an interface that is up comes with a route to its subnet, of metric 0",
            ],
            help: "remove the route: the subnet is on the link already; for a second path to it, give the route a `metric`",
          },
        );
        continue;
      }
      routes.push(route);
    }
    const sysctls = this.sysctls(n);
    const filter = checkFilter(
      n,
      { node: n.name.text, ifaces: outIfaces, routes, sysctls },
      this.diagnostics,
    );
    return {
      name: n.name.text,
      span: n.span,
      ifaces: outIfaces,
      routes,
      sysctls,
      ...(filter ? { filter } : {}),
      isolation: checkIsolation(n, this.labIsolate, this.diagnostics),
    };
  }

  private route(n: NodeDecl, r: RouteDecl, ifaces: Map<string, IfaceInfo>): Route | undefined {
    const opts = new Map<string, PropDecl>();
    for (const p of r.props) {
      const first = opts.get(p.key);
      if (first) {
        this.diagnostics.error("OT3007", `\`${p.key}\` is given twice in one route`, {
          span: p.keySpan,
          labels: [{ span: first.keySpan, message: "first given here" }],
        });
        return undefined;
      }
      opts.set(p.key, p);
    }
    const viaText = opts.get("via")?.args[0];
    const via = viaText ? parseIp(viaText.text) : undefined;
    if (viaText && via && !via.ok) {
      this.diagnostics.error("OT2001", `invalid gateway \`${viaText.text}\``, {
        span: viaText.span,
        label: via.reason,
        help: "a gateway is an address without a prefix length, such as 10.0.0.1",
      });
      return undefined;
    }
    const gw = via?.ok ? via.value : undefined;

    let destination: Cidr;
    if (r.destination.text === "default") {
      if (!gw) {
        this.diagnostics.error("OT3003", "a default route without a gateway", {
          span: r.destination.span,
          help: "add `via ADDRESS`; for a route out of an interface write `route 0.0.0.0/0 dev IFACE` or `route ::/0 dev IFACE`",
        });
        return undefined;
      }
      destination = defaultRoute(gw.family);
    } else {
      const parsed = parseCidr(r.destination.text);
      if (!parsed.ok) {
        this.diagnostics.error("OT2001", `invalid route destination \`${r.destination.text}\``, {
          span: r.destination.span,
          label: parsed.reason,
          help: "write `default` or a prefix such as 10.2.0.0/16 or fd00:2::/64",
        });
        return undefined;
      }
      destination = parsed.value;
      const net = network(destination);
      if (net.text !== destination.text) {
        this.diagnostics.error("OT2001", `route destination \`${destination.cidr}\` has host bits set`, {
          span: r.destination.span,
          help: `did you mean \`${net.cidr}\`?`,
        });
        return undefined;
      }
    }
    if (gw && gw.family !== destination.family) {
      this.diagnostics.error(
        "OT3002",
        `an IPv${destination.family} route through an IPv${gw.family} gateway`,
        {
          span: viaText?.span ?? r.span,
          labels: [{ span: r.destination.span, message: `IPv${destination.family} destination` }],
          help: "use a gateway of the destination's family",
        },
      );
      return undefined;
    }
    const devText = opts.get("dev")?.args[0];
    if (devText && !ifaces.has(devText.text)) {
      const guess = closest(devText.text, ifaces.keys());
      this.diagnostics.error("OT1008", `node \`${n.name.text}\` has no interface \`${devText.text}\``, {
        span: devText.span,
        help: guess ? `did you mean \`${guess}\`?` : "name an interface declared in this node",
      });
      return undefined;
    }
    if (!gw && !devText) {
      this.diagnostics.error("OT3003", `route to ${destination.cidr} has neither \`via\` nor \`dev\``, {
        span: r.span,
        help: "add `via GATEWAY`, or `dev IFACE` for a destination directly on a link",
      });
      return undefined;
    }
    const onlink = opts.has("onlink");
    if (gw && !onlink) {
      const candidates = devText
        ? [ifaces.get(devText.text)].filter((x): x is IfaceInfo => !!x)
        : [...ifaces.values()];
      if (isLinkLocal(gw)) {
        if (!devText) {
          this.diagnostics.error("OT3003", `the link-local gateway ${gw.text} needs \`dev\``, {
            span: viaText?.span ?? r.span,
            help: "name the interface the gateway is on: `dev eth0`",
          });
          return undefined;
        }
      } else if (
        !candidates.some((c) => c.addresses.some((a) => a.family === gw.family && contains(network(a), gw)))
      ) {
        const connected = candidates.flatMap((c) =>
          c.addresses
            .filter((a) => a.family === gw.family)
            .map((a) => `${network(a).cidr} on ${c.decl.name.text}`),
        );
        this.diagnostics.error(
          "OT3001",
          `gateway ${gw.text} is on no subnet connected to \`${n.name.text}\``,
          {
            span: viaText?.span ?? r.span,
            notes: [
              connected.length
                ? `connected IPv${gw.family} subnets${devText ? ` of ${devText.text}` : ""}: ${connected.join(", ")}`
                : `\`${n.name.text}\` has no IPv${gw.family} address${devText ? ` on ${devText.text}` : ""}`,
            ],
            help: "use a gateway on one of those subnets, add an address in the gateway's subnet, or add `onlink` if the gateway is reachable without one",
          },
        );
        return undefined;
      }
    }
    const metric = this.integer(opts.get("metric"), 0, 0xffffffff, "metric");
    const mtu = this.integer(opts.get("mtu"), 68, 65535, "route MTU");
    const srcText = opts.get("src")?.args[0];
    let src: Route["src"];
    if (srcText) {
      const parsed = parseIp(srcText.text);
      const own = [...ifaces.values()].flatMap((i) => i.addresses);
      if (!parsed.ok || !own.some((a) => a.text === parsed.value.text)) {
        this.diagnostics.error(
          "OT3007",
          `source address \`${srcText.text}\` is not an address of \`${n.name.text}\``,
          {
            span: srcText.span,
            help: "`src` must be one of the node's own addresses, without a prefix length",
          },
        );
        return undefined;
      }
      if (parsed.value.family !== destination.family) {
        this.diagnostics.error(
          "OT3002",
          `an IPv${destination.family} route with an IPv${parsed.value.family} source`,
          {
            span: srcText.span,
          },
        );
        return undefined;
      }
      src = parsed.value;
    }
    if (metric === null || mtu === null) return undefined;
    return {
      destination,
      family: destination.family,
      ...(gw ? { via: gw } : {}),
      ...(devText ? { dev: devText.text } : {}),
      ...(metric !== undefined ? { metric } : {}),
      ...(src ? { src } : {}),
      ...(mtu !== undefined ? { mtu } : {}),
      onlink,
      span: r.span,
    };
  }

  /** undefined when absent, null when invalid (reported). */
  private integer(
    p: PropDecl | undefined,
    min: number,
    max: number,
    what: string,
  ): number | undefined | null {
    const arg = p?.args[0];
    if (!arg) return undefined;
    const v = Number(arg.text);
    if (!/^\d+$/.test(arg.text) || v < min || v > max) {
      this.diagnostics.error("OT3007", `invalid ${what} \`${arg.text}\``, {
        span: arg.span,
        help: `a ${what} is an integer from ${min} to ${max}`,
      });
      return null;
    }
    return v;
  }

  private sysctls(n: NodeDecl): Sysctl[] {
    const out: Sysctl[] = [];
    const seen = new Map<string, Span>();
    const add = (key: string, value: string, span: Span, keySpan: Span) => {
      const first = seen.get(key);
      if (first) {
        this.diagnostics.error("OT1016", `sysctl \`${key}\` is set twice in \`${n.name.text}\``, {
          span: keySpan,
          labels: [{ span: first, message: "first set here" }],
          help: "`forward` sets net.ipv4.ip_forward and net.ipv6.conf.all.forwarding; set each key once",
        });
        return;
      }
      seen.set(key, keySpan);
      out.push({ key, value, span });
    };
    const [firstForward, ...moreForwards] = n.forwards;
    for (const again of moreForwards)
      if (firstForward)
        this.diagnostics.error("OT1016", `\`forward\` is given twice in \`${n.name.text}\``, {
          span: again,
          labels: [{ span: firstForward, message: "first given here" }],
          help: "one `forward` turns forwarding on for IPv4 and IPv6",
        });
    for (const span of n.forwards.slice(0, 1)) {
      add("net.ipv4.ip_forward", "1", span, span);
      add("net.ipv6.conf.all.forwarding", "1", span, span);
      // A router asks for a forwarded packet's next hop from its link-local address, which
      // duplicate address detection keeps unusable for a second or two after the link comes
      // up: forwarded IPv6 would be dropped meanwhile. Lab addresses are checked for
      // duplicates when compiled, so a router's interfaces skip DAD (unless set explicitly).
      const explicit = n.sysctls.some(
        (x) => x.key.text.replaceAll("/", ".") === "net.ipv6.conf.default.accept_dad",
      );
      if (!explicit) add("net.ipv6.conf.default.accept_dad", "0", span, span);
    }
    for (const s of n.sysctls) {
      const key = s.key.text.replaceAll("/", ".");
      if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(key) || key.includes("..") || key.endsWith(".")) {
        this.diagnostics.error("OT3006", `invalid sysctl key \`${s.key.text}\``, {
          span: s.key.span,
          help: "a key is dotted words, such as net.ipv4.conf.all.rp_filter",
        });
        continue;
      }
      if (!key.startsWith("net.")) {
        this.diagnostics.error("OT3005", `sysctl \`${key}\` is not in the node's network namespace`, {
          span: s.key.span,
          notes: [
            "only net.* settings belong to a network namespace; others (kernel.*, vm.*, fs.*) are the host's",
          ],
          help: "set only net.* keys in a node; host-wide settings are outside a lab",
        });
        continue;
      }
      const value = s.value.text;
      if (value.length === 0 || value.length > 256 || hasUnsafeChar(value)) {
        this.diagnostics.error("OT3006", `invalid value for sysctl \`${key}\``, {
          span: s.value.span,
          help: 'a value is a number, or words in a string ("4096 87380 6291456"), with no quotes, $, backslashes or control characters inside',
        });
        continue;
      }
      add(key, value, s.span, s.key.span);
    }
    return out;
  }
}

function defaultRoute(family: 4 | 6): Cidr {
  return family === 4
    ? { family, text: "0.0.0.0", bytes: [0, 0, 0, 0], prefix: 0, cidr: "0.0.0.0/0" }
    : { family, text: "::", bytes: new Array<number>(16).fill(0), prefix: 0, cidr: "::/0" };
}

/**
 * The address whose subnet route (the kernel's own, IPv4, metric 0, in the main table) a
 * route would collide with: the kernel refuses a second route to a prefix at one metric.
 * Not on `lo`, and not for /32, which come with no subnet route.
 */
function kernelRoute(
  route: Route,
  ifaces: ReadonlyMap<string, IfaceInfo>,
): { address: Address; iface: string } | undefined {
  if (route.family !== 4 || (route.metric ?? 0) !== 0) return undefined;
  for (const [iface, info] of ifaces) {
    if (iface === "lo") continue;
    const address = info.addresses.find(
      (a) => a.family === 4 && a.prefix < 32 && network(a).cidr === route.destination.cidr,
    );
    if (address) return { address, iface };
  }
  return undefined;
}

function macSpan(info: IfaceInfo): Span | undefined {
  return info.decl.props.find((p) => p.key === "mac")?.args[0]?.span;
}

function mtuSpan(info: IfaceInfo): Span | undefined {
  return info.decl.props.find((p) => p.key === "mtu")?.args[0]?.span;
}

/** Control characters, quotes, backquotes, `$` and backslashes: never in a sysctl value. */
function hasUnsafeChar(value: string): boolean {
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || c === 0x7f || "\"'`$\\".includes(ch)) return true;
  }
  return false;
}
