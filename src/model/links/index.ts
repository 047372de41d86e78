// The link kinds in one table. A new kind is a module in this folder, a line in `Kinds` and
// an entry in LINK_KINDS; the type checker names whatever is missing, here and in src/plan.

import type { Text } from "../expand.js";
import type { IfaceState, LinkWords, Scope } from "../scope.js";
import { HOST_LINK, type HostLink, type HostSettings } from "./host.js";
import { P2P_LINK, type P2pLink } from "./p2p.js";
import type { Joined, LinkKindSpec, Segment } from "./spec.js";
import { SWITCH_LINK, type SwitchLink } from "./switch.js";

export type { HostLink } from "./host.js";
export type { P2pLink } from "./p2p.js";
export type { End, Joined, Role, Segment } from "./spec.js";
export type { SwitchLink } from "./switch.js";

/** Each kind's model type, and the settings its interface options fill. */
interface Kinds {
  readonly switch: { readonly link: SwitchLink; readonly settings: undefined };
  readonly p2p: { readonly link: P2pLink; readonly settings: undefined };
  readonly host: { readonly link: HostLink; readonly settings: HostSettings };
}

export type LinkKind = keyof Kinds;
export type LinkOf<K extends LinkKind> = Kinds[K]["link"];
export type Link = LinkOf<LinkKind>;
type SettingsOf<K extends LinkKind> = Kinds[K]["settings"];

/** Indexed by a kind `K`, an entry has type `LinkKindSpec<LinkOf<K>, …>`: calls through it stay typed. */
export const LINK_KINDS: {
  readonly [K in LinkKind]: LinkKindSpec<LinkOf<K>, SettingsOf<K>> & { readonly kind: K };
} = { switch: SWITCH_LINK, p2p: P2P_LINK, host: HOST_LINK };

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
  const kinds = KIND_NAMES.filter((k) => LINK_KINDS[k].matches(target, KEYWORDS));
  if (kinds.length > 1) throw new Error(`internal: link kinds ${kinds.join(", ")} all take \`${target}\``);
  return kinds[0];
}

/** "`a`, `b` or `c`". */
function alternatives(words: readonly string[]): string {
  const quoted = words.map((w) => `\`${w}\``);
  const last = quoted.pop();
  return quoted.length ? `${quoted.join(", ")} or ${last}` : (last ?? "");
}

/** The link kinds' words, for the checks below them (src/model/scope.ts). */
export const LINK_WORDS: LinkWords = {
  namesTarget: (scope, word) => KIND_NAMES.some((k) => LINK_KINDS[k].resembles(scope, word)),
  reserved: RESERVED,
  otherTargets: (kind) => alternatives(KIND_NAMES.filter((k) => k !== kind).map((k) => LINK_KINDS[k].usage)),
  targetsFor: (iface) => alternatives(KIND_NAMES.map((k) => `${iface} -> ${LINK_KINDS[k].usage}`)),
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

export function segmentOf<K extends LinkKind>(
  scope: Scope,
  link: LinkOf<K> & { readonly kind: K },
  index: number,
): Segment {
  return LINK_KINDS[link.kind].segment(scope, link, index);
}
