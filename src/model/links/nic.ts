// The host's own interfaces, by name: `lan0 -> host.enp3s0` is a macvlan on the host's
// enp3s0 (its own MAC on the NIC's segment; `macvlan private|vepa|passthru`, default
// bridge), and `wan -> host.enp4s0 { move }` is enp4s0 itself, moved into the node for the
// lab's lifetime and given back, as it was, at `down`. The NIC must exist and be nobody
// else's when the lab comes up (a claim, src/runtime/collisions.ts), not the lab's own.

import type { Span } from "../../diagnostics/source.js";
import { addTo } from "../../group.js";
import type { IfaceDecl, PropDecl } from "../expand.js";
import { HOST, IFNAME_MAX } from "../names.js";
import type { Scope } from "../scope.js";
import { checkName } from "../values.js";
import { type End, endText, type LinkKindSpec, type Misplaced } from "./spec.js";

export const MACVLAN_MODES = ["bridge", "private", "vepa", "passthru"] as const;
export type MacvlanMode = (typeof MACVLAN_MODES)[number];

export interface NicLink {
  readonly kind: "nic";
  readonly end: End;
  /** The host's interface. */
  readonly nic: string;
  /** A macvlan on it (with its mode), or the interface itself, moved into the node. */
  readonly use: { readonly kind: "macvlan"; readonly mode: MacvlanMode } | { readonly kind: "move" };
  readonly span: Span;
}

export interface NicSettings {
  readonly macvlan?: PropDecl;
  readonly move?: PropDecl;
}

const PREFIX = `${HOST}.`;

/** `macvlan` and `move` elsewhere. */
const nicOnly: Misplaced = (scope, p, iface) => {
  if (iface.props.find((q) => q.key === p.key) !== p) return;
  scope.diagnostics.error("OT2008", `\`${p.key}\` applies only to an interface on the host's NIC`, {
    span: p.keySpan,
    help: `write \`${iface.name.text} -> host.NIC …\`, naming the host's interface`,
  });
};

export const NIC_LINK: LinkKindSpec<NicLink, NicSettings> = {
  kind: "nic",
  usage: "host.NIC",
  matches: (target) => target.startsWith(PREFIX),
  resembles: (_scope, word) => word.startsWith(PREFIX),
  farEnd: false,
  options: { macvlan: nicOnly, move: nicOnly },
  settings: (_scope, iface: IfaceDecl) => {
    const macvlan = iface.props.find((p) => p.key === "macvlan");
    const move = iface.props.find((p) => p.key === "move");
    return { ...(macvlan ? { macvlan } : {}), ...(move ? { move } : {}) };
  },

  attach(scope, iface, target, settings) {
    const end: End = { node: iface.node.name.text, iface: iface.decl.name.text };
    const name = { text: target.text.slice(PREFIX.length), span: target.span };
    if (!checkName(scope.diagnostics, name, "host interface", IFNAME_MAX)) return undefined;
    const use = useOf(scope, settings);
    return use ? { kind: "nic", end, nic: name.text, use, span: iface.decl.span } : undefined;
  },

  ends: (link) => [{ end: link.end, role: "creates" }],

  // Every macvlan on one NIC is on the NIC's segment (a moved NIC alone is too), and so is
  // whatever the NIC's own network holds, which the reachability analysis does not follow.
  segment: (_scope, link) => ({
    key: `nic:${link.nic}`,
    name: `the host's \`${link.nic}\``,
    addresses: [],
    outside: `the network of the host's \`${link.nic}\``,
  }),

  checkAll: (scope, links) => {
    const byNic = new Map<string, NicLink[]>();
    for (const l of links) addTo(byNic, l.nic, l);
    for (const [nic, users] of byNic) exclusive(scope, nic, users);
  },
};

function useOf(scope: Scope, s: NicSettings): NicLink["use"] | undefined {
  if (s.move && s.macvlan) {
    scope.diagnostics.error(
      "OT2040",
      "an interface is a macvlan on the host's NIC, or the NIC moved in, not both",
      {
        span: s.move.keySpan,
        labels: [{ span: s.macvlan.keySpan, message: "a macvlan here" }],
        help: "remove `move` (a macvlan: the NIC stays the host's) or `macvlan` (the NIC itself is the node's for the lab's lifetime)",
      },
    );
    return undefined;
  }
  if (s.move) return { kind: "move" };
  const mode = s.macvlan?.args[0];
  if (!mode) return { kind: "macvlan", mode: "bridge" };
  if ((MACVLAN_MODES as readonly string[]).includes(mode.text))
    return { kind: "macvlan", mode: mode.text as MacvlanMode };
  scope.diagnostics.error("OT2040", `\`${mode.text}\` is not a macvlan mode`, {
    span: mode.span,
    help: `the modes are ${MACVLAN_MODES.map((m) => `\`${m}\``).join(", ")}`,
  });
  return undefined;
}

/** A moved NIC, or one in passthru mode, is one interface's alone. */
function exclusive(scope: Scope, nic: string, users: readonly NicLink[]): void {
  const sole = users.find((l) => l.use.kind === "move" || l.use.mode === "passthru");
  const other = users.find((l) => l !== sole);
  if (!sole || !other) return;
  const how = sole.use.kind === "move" ? "is moved into" : "is given whole (passthru) to";
  scope.diagnostics.error(
    "OT2041",
    `the host's \`${nic}\` ${how} \`${endText(sole.end)}\`, and used by \`${endText(other.end)}\` too`,
    {
      span: other.span,
      labels: [{ span: sole.span, message: `\`${nic}\` ${how} this interface` }],
      help: "a moved NIC, or a passthru macvlan, is one interface's; use another NIC, or macvlans in another mode",
    },
  );
}
