// A node's interfaces (one declaration each, merged from their places by merge.ts): their
// addresses and options read, each option of a link kind checked against its own target (OT2008).

import type { Span } from "../diagnostics/source.js";
import type { Writable } from "../opt.js";
import type { IfaceDecl, NodeDecl } from "./expand.js";
import {
  kindOf,
  LINK_KINDS,
  type LinkKind,
  namedKind,
  ownerOf,
  type Pending,
  pending,
} from "./links/index.js";
import { IFNAME_MAX } from "./names.js";
import type { IfaceState, Scope } from "./scope.js";
import { readShaping, SHAPING_OPTIONS, type Shaping } from "./shaping.js";
import { type Address, checkName, parseMacOption, parseMtu } from "./values.js";

export interface Iface {
  readonly node: string;
  readonly name: string;
  readonly span: Span;
  readonly addresses: readonly Address[];
  readonly mtu?: number;
  readonly mac?: string;
  /** The link that creates it: index into Lab.links; absent only for `lo`. */
  readonly link?: number;
  /** Links that use it as their parent device (indexes into Lab.links); absent when none do. */
  readonly usedBy?: readonly number[];
  /** What it sends is shaped so (a qdisc on it). */
  readonly egress?: Shaping;
  /** What it receives is shaped so, at an end its link owns (a switch port, the host's end). */
  readonly ingress?: Shaping;
}

/**
 * Reads the interfaces of a declared node into the scope. Adds those that name a target to
 * `out` (one list for the whole lab: no list a node), to be linked once every node is
 * declared, and returns it.
 */
export function readIfaces(scope: Scope, n: NodeDecl, out: Pending[] = []): Pending[] {
  const ifaces = scope.ifaces.get(n.name.text);
  if (!ifaces) return out;
  for (const i of n.ifaces) {
    // Each interface is declared once: its places were merged (src/model/merge.ts). A kind
    // that declares interfaces by their name (`eth0.10`) has checked its form.
    const named = namedKind(i.name.text);
    if (named ? !fits(scope, i) : !checkName(scope.diagnostics, i.name, "interface", IFNAME_MAX)) continue;
    if (named && i.target) linkedByName(scope, i);
    const kind = named ?? (i.target ? kindOf(i.target.text) : undefined);
    const info = readIface(scope, n, i, kind);
    ifaces.set(i.name.text, info);
    // The kind reads its own options even where it cannot link (`lo`): they are checked alike.
    const target = named ? i.name : i.target;
    const waiting = kind && target ? pending(scope, kind, info, target) : undefined;
    if (!loopback(scope, i) && waiting) out.push(waiting);
  }
  return out;
}

function readIface(scope: Scope, n: NodeDecl, i: IfaceDecl, kind: LinkKind | undefined): IfaceState {
  const info: IfaceState = { node: n, decl: i, addresses: [], users: [] };
  for (const a of i.addresses) {
    const addr = scope.address(a, i.name.text === "lo");
    if (addr) info.addresses.push(addr);
  }
  for (const p of i.props) {
    switch (p.key) {
      case "mtu": {
        const mtu = parseMtu(scope.diagnostics, p);
        if (mtu !== undefined) info.mtu = mtu;
        break;
      }
      case "mac": {
        const mac = parseMacOption(scope.diagnostics, p);
        if (mac !== undefined) info.mac = mac;
        break;
      }
      default: {
        // Shaping is read as a whole below.
        if ((SHAPING_OPTIONS as readonly string[]).includes(p.key)) break;
        // A link kind's option: its kind reads it, anywhere else it is misplaced.
        const owner = ownerOf(p.key);
        if (owner !== undefined && owner !== kind) LINK_KINDS[owner].options[p.key]?.(scope, p, i);
      }
    }
  }
  const shaping = readShaping(scope.diagnostics, i);
  if (shaping) info.shaping = shaping;
  return info;
}

/** A name of a kind's own form is still a kernel interface name: at most 15 characters. */
function fits(scope: Scope, i: IfaceDecl): boolean {
  if (i.name.text.length <= IFNAME_MAX) return true;
  scope.diagnostics.error(
    "OT1004",
    `interface name \`${i.name.text}\` is ${i.name.text.length} characters long`,
    {
      span: i.name.span,
      label: `at most ${IFNAME_MAX}`,
      notes: ["the kernel limits interface names to 15 characters"],
      help: `use a shorter parent name, so that PARENT.VID has at most ${IFNAME_MAX} characters`,
    },
  );
  return false;
}

/** A VLAN sub-interface is carried by its parent: it is linked to nothing itself. */
function linkedByName(scope: Scope, i: IfaceDecl): void {
  const dot = i.name.text.lastIndexOf(".");
  const parent = i.name.text.slice(0, dot);
  scope.diagnostics.error(
    "OT2031",
    `\`${i.name.text}\` is a VLAN sub-interface of \`${parent}\`: it takes no \`->\``,
    {
      span: i.target?.span ?? i.name.span,
      notes: [
        `it is carried, tagged with VLAN ${i.name.text.slice(dot + 1)}, by whatever \`${parent}\` is linked to`,
      ],
      help: `remove \`-> ${i.target?.text ?? ""}\`; link \`${parent}\` instead`,
    },
  );
}

/** The loopback exists in every namespace: nothing creates it, so it links to nothing. */
function loopback(scope: Scope, i: IfaceDecl): boolean {
  if (i.name.text !== "lo") return false;
  if (i.target)
    scope.diagnostics.error("OT1013", "the loopback interface `lo` cannot be linked", {
      span: i.target.span,
      help: "give `lo` only addresses (`lo 10.255.0.1/32`) and link another interface",
    });
  return true;
}

/** The model's interfaces of a node, in declaration order. */
export function ifaceModels(node: string, ifaces: ReadonlyMap<string, IfaceState>): Iface[] {
  const out: Iface[] = [];
  // By value: the name is the declaration's (each was set under its own name).
  for (const info of ifaces.values()) out.push(ifaceModel(node, info));
  return out;
}

/**
 * One interface of the model, made field by field in the order its JSON shows them: a
 * literal of conditional spreads cost several times as much, and a large lab has tens of
 * thousands of interfaces.
 */
function ifaceModel(node: string, info: IfaceState): Iface {
  const iface: Writable<Iface> = {
    node,
    name: info.decl.name.text,
    span: info.decl.span,
    addresses: info.addresses,
  };
  if (info.mtu !== undefined) iface.mtu = info.mtu;
  if (info.mac !== undefined) iface.mac = info.mac;
  if (info.creator !== undefined) iface.link = info.creator;
  if (info.users.length) iface.usedBy = [...info.users];
  if (info.egress) iface.egress = info.egress;
  if (info.ingress) iface.ingress = info.ingress;
  return iface;
}
