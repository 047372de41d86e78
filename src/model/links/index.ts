// The link kinds in one table. A new kind is a module in this folder, a line in `Kinds` and
// an entry in LINK_KINDS; the type checker names whatever is missing, here and in src/plan.

import type { Text } from "../expand.js";
import type { IfaceState, LinkWords, Scope } from "../scope.js";
import { HOST_LINK, type HostLink, type HostSettings } from "./host.js";
import { NIC_LINK, type NicLink, type NicSettings } from "./nic.js";
import { P2P_LINK, type P2pLink } from "./p2p.js";
import { type Domain, type End, endText, type Joined, type LinkKindSpec, type Segment } from "./spec.js";
import { SWITCH_LINK, type SwitchLink } from "./switch.js";
import type { PortSettings } from "./switch-vlans.js";
import { VLAN_LINK, type VlanLink } from "./vlan.js";

export type { HostLink } from "./host.js";
export type { MacvlanMode, NicLink } from "./nic.js";
export type { P2pLink } from "./p2p.js";
export type { Domain, End, Joined, Role, Segment } from "./spec.js";
export type { SwitchLink } from "./switch.js";
export type { VlanLink } from "./vlan.js";

/** Each kind's model type, and the settings its interface options fill. */
interface Kinds {
  readonly switch: { readonly link: SwitchLink; readonly settings: PortSettings };
  readonly p2p: { readonly link: P2pLink; readonly settings: undefined };
  readonly host: { readonly link: HostLink; readonly settings: HostSettings };
  readonly vlan: { readonly link: VlanLink; readonly settings: undefined };
  readonly nic: { readonly link: NicLink; readonly settings: NicSettings };
}

export type LinkKind = keyof Kinds;
export type LinkOf<K extends LinkKind> = Kinds[K]["link"];
export type Link = LinkOf<LinkKind>;
type SettingsOf<K extends LinkKind> = Kinds[K]["settings"];

/** Indexed by a kind `K`, an entry has type `LinkKindSpec<LinkOf<K>, …>`: calls through it stay typed. */
export const LINK_KINDS: {
  readonly [K in LinkKind]: LinkKindSpec<LinkOf<K>, SettingsOf<K>> & { readonly kind: K };
} = { switch: SWITCH_LINK, p2p: P2P_LINK, host: HOST_LINK, vlan: VLAN_LINK, nic: NIC_LINK };

/** The table's own keys (Object.keys does not keep their type). */
const KIND_NAMES = Object.keys(LINK_KINDS) as LinkKind[];

/** Every kind's reserved word, with what it stands for. */
const RESERVED = new Map(
  KIND_NAMES.flatMap((k) => {
    const keyword = LINK_KINDS[k].keyword;
    return keyword ? [[keyword.word, keyword.meaning] as const] : [];
  }),
);
const KEYWORDS: ReadonlySet<string> = new Set(RESERVED.keys());

/** The kind a target asks for: their patterns split the words, so there is exactly one. */
export function kindOf(target: string): LinkKind | undefined {
  // A loop, not `filter`: asked of every interface, and an array and a closure each cost
  // more than the kinds' patterns.
  let found: LinkKind | undefined;
  for (const k of KIND_NAMES) {
    if (!LINK_KINDS[k].matches(target, KEYWORDS)) continue;
    if (found !== undefined) {
      const kinds = KIND_NAMES.filter((x) => LINK_KINDS[x].matches(target, KEYWORDS));
      throw new Error(`internal: link kinds ${kinds.join(", ")} all take \`${target}\``);
    }
    found = k;
  }
  return found;
}

/** The kind that declares an interface by its name alone (`eth0.10`), if one does. */
export function namedKind(name: string): LinkKind | undefined {
  for (const k of KIND_NAMES) if (LINK_KINDS[k].named?.(name)) return k;
  return undefined;
}

/** "`a`, `b` or `c`". */
function alternatives(words: readonly string[]): string {
  const quoted = words.map((w) => `\`${w}\``);
  const last = quoted.pop();
  return quoted.length ? `${quoted.join(", ")} or ${last}` : (last ?? "");
}

/** How the kinds' targets are written, for those that have one. */
function usages(kinds: readonly LinkKind[]): string[] {
  return kinds.flatMap((k) => {
    const usage = LINK_KINDS[k].usage;
    return usage === undefined ? [] : [usage];
  });
}

/** The link kinds' words, for the checks below them (src/model/scope.ts). */
export const LINK_WORDS: LinkWords = {
  namesTarget: (scope, word) => KIND_NAMES.some((k) => LINK_KINDS[k].resembles(scope, word)),
  reserved: RESERVED,
  otherTargets: (kind) => alternatives(usages(KIND_NAMES.filter((k) => k !== kind))),
  targetsFor: (iface) => alternatives(usages(KIND_NAMES).map((u) => `${iface} -> ${u}`)),
};

/** The kind that owns an interface option, if a kind does (`mtu` and `mac` are every interface's). */
export function ownerOf(option: string): LinkKind | undefined {
  return KIND_NAMES.find((k) => Object.hasOwn(LINK_KINDS[k].options, option));
}

/** An interface waiting for every name to be declared, to be linked by its target's kind. */
export interface Pending<K extends LinkKind = LinkKind> {
  readonly kind: K;
  readonly iface: IfaceState;
  readonly target: Text;
  readonly settings: SettingsOf<K>;
}

// Generic over the kind so that the spec, the link and the settings are one kind's: a union
// of specs would accept none of them.

export function pending<K extends LinkKind>(
  scope: Scope,
  kind: K,
  iface: IfaceState,
  target: Text,
): Pending<K> {
  return { kind, iface, target, settings: LINK_KINDS[kind].settings(scope, iface.decl) };
}

export function attach<K extends LinkKind>(scope: Scope, p: Pending<K>): LinkOf<K> | undefined {
  return LINK_KINDS[p.kind].attach(scope, p.iface, p.target, p.settings);
}

export function endsOf<K extends LinkKind>(link: LinkOf<K> & { readonly kind: K }): readonly Joined[] {
  return LINK_KINDS[link.kind].ends(link);
}

/** A link's segment; `links` are the lab's, for a VLAN's parent's. */
export function segmentOf<K extends LinkKind>(
  scope: Scope,
  link: LinkOf<K> & { readonly kind: K },
  index: number,
  links: readonly Link[],
): Segment {
  const tagged = (end: End, vid: number): string | undefined => {
    const at = scope.iface(end.node, end.iface)?.creator;
    const parent = at !== undefined ? links[at] : undefined;
    return parent && at !== undefined ? taggedOn(scope, parent, at, vid, links) : undefined;
  };
  return LINK_KINDS[link.kind].segment(scope, link, index, tagged);
}

/** The segment of VLAN `vid` carried tagged by a link. */
function taggedOn<K extends LinkKind>(
  scope: Scope,
  link: LinkOf<K> & { readonly kind: K },
  index: number,
  vid: number,
  links: readonly Link[],
): string {
  const spec: LinkKindSpec<LinkOf<K>, SettingsOf<K>> = LINK_KINDS[link.kind];
  return (
    spec.tagged?.(scope, link, index, vid) ?? `${segmentOf<K>(scope, link, index, links).key}:vlan:${vid}`
  );
}

/**
 * Each interface stacked on a parent with a VLAN tag (`eth0.10`) is carried by the parent's
 * link: a trunk that lists the VLAN, a plain link. An access port, or a trunk without it,
 * drops its frames (OT2037).
 */
export function checkCarried(scope: Scope, links: readonly Link[]): void {
  for (const link of links) {
    const vid = tagOf(link);
    if (vid === undefined) continue;
    const self = endsOf(link).find((j) => j.role === "creates")?.end;
    for (const { end, role } of endsOf(link)) {
      if (role !== "uses") continue;
      const at = scope.iface(end.node, end.iface)?.creator;
      const parent = at !== undefined ? links[at] : undefined;
      const why = parent ? carries(scope, parent, vid) : undefined;
      if (why)
        scope.diagnostics.error(
          "OT2037",
          `\`${self ? endText(self) : "?"}\` is not carried by the port of \`${endText(end)}\``,
          {
            span: link.span,
            ...(parent ? { labels: [{ span: parent.span, message: why }] } : {}),
            help: `add ${vid} to the port's trunk (\`trunk …,${vid}\`), or use a VLAN the port carries`,
          },
        );
    }
  }
}

function tagOf<K extends LinkKind>(link: LinkOf<K> & { readonly kind: K }): number | undefined {
  const spec: LinkKindSpec<LinkOf<K>, SettingsOf<K>> = LINK_KINDS[link.kind];
  return spec.tagOf?.(link);
}

function carries<K extends LinkKind>(
  scope: Scope,
  link: LinkOf<K> & { readonly kind: K },
  vid: number,
): string | undefined {
  const spec: LinkKindSpec<LinkOf<K>, SettingsOf<K>> = LINK_KINDS[link.kind];
  return spec.carries?.(scope, link, vid);
}

/** The layer-2 domain a link is part of, if its kind can span machines (`domain`). */
export function domainOf<K extends LinkKind>(
  scope: Scope,
  link: LinkOf<K> & { readonly kind: K },
  index: number,
): Domain | undefined {
  const spec: LinkKindSpec<LinkOf<K>, SettingsOf<K>> = LINK_KINDS[link.kind];
  return spec.domain?.(scope, link, index);
}

/** Each kind's checks across its links (`checkAll`). */
export function checkKinds(scope: Scope, links: readonly Link[]): void {
  for (const kind of KIND_NAMES) checkKind(scope, kind, links);
}

function checkKind<K extends LinkKind>(scope: Scope, kind: K, links: readonly Link[]): void {
  const spec: LinkKindSpec<LinkOf<K>, SettingsOf<K>> = LINK_KINDS[kind];
  spec.checkAll?.(
    scope,
    links.filter((l): l is LinkOf<K> => l.kind === kind),
  );
}
