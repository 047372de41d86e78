// A link to the host: `uplink -> host`, a veth pair with one end in the host's own network
// namespace, which may have addresses (`host-address`) and masquerade the lab's traffic.

import type { Span } from "../../diagnostics/source.js";
import type { IfaceDecl } from "../expand.js";
import { HOST, hostIfaceName, IFNAME_MAX } from "../names.js";
import type { Scope } from "../scope.js";
import { type Address, checkName } from "../values.js";
import { type End, endText, type LinkKindSpec, type Misplaced } from "./spec.js";

export interface HostLink {
  readonly kind: "host";
  readonly end: End;
  /** The host-side interface name: declared, or generated (≤ 15 characters). */
  readonly hostName: string;
  readonly hostAddresses: readonly Address[];
  /** `host-masquerade`: the lab's traffic from this link leaves the host with the host's address. */
  readonly hostMasquerade?: Span;
  /**
   * `host-override-default`: the host-side prefix may be one the host reaches through its
   * default route today (a globally routed one), which the link then takes from the host.
   */
  readonly hostOverrideDefault?: Span;
  readonly span: Span;
}

/** What the `host-…` options of an interface say. */
export interface HostSettings {
  hostName?: string;
  readonly hostAddresses: Address[];
  hostMasquerade?: Span;
  hostOverrideDefault?: Span;
}

/** `host-name` and `host-address` elsewhere: each is reported. */
const hostOnly: Misplaced = (scope, p, iface) => {
  if (!p.args[0]) return;
  scope.diagnostics.error("OT2008", `\`${p.key}\` applies only to a link to the host`, {
    span: p.keySpan,
    help: `write \`${iface.name.text} -> host …\` to link this interface to the host, or remove \`${p.key}\``,
  });
};

/** `host-masquerade` elsewhere: a flag, so only its first occurrence is reported. */
const masqueradeHostOnly: Misplaced = (scope, p, iface) => {
  if (iface.props.find((q) => q.key === p.key) !== p) return;
  scope.diagnostics.error("OT2008", "`host-masquerade` applies only to a link to the host", {
    span: p.keySpan,
    help: `write \`${iface.name.text} -> host …\`, or masquerade inside the lab with a filter: \`filter { masquerade out ${iface.name.text} }\``,
  });
};

/** `host-override-default` elsewhere: a flag, reported once. */
const overrideHostOnly: Misplaced = (scope, p, iface) => {
  if (iface.props.find((q) => q.key === p.key) !== p) return;
  scope.diagnostics.error("OT2008", "`host-override-default` applies only to a link to the host", {
    span: p.keySpan,
    help: `write \`${iface.name.text} -> host … { host-address … host-override-default }\`, or remove it`,
  });
};

export const HOST_LINK: LinkKindSpec<HostLink, HostSettings> = {
  kind: "host",
  keyword: { word: HOST, meaning: "the host's own network namespace" },
  usage: HOST,
  matches: (target) => target === HOST,
  resembles: (_scope, word) => word === HOST,
  farEnd: true,
  options: {
    "host-name": hostOnly,
    "host-address": hostOnly,
    "host-masquerade": masqueradeHostOnly,
    "host-override-default": overrideHostOnly,
  },
  settings: hostSettings,

  attach(scope, iface, _target, settings) {
    const end: End = { node: iface.node.name.text, iface: iface.decl.name.text };
    return {
      kind: "host",
      end,
      hostName: settings.hostName ?? hostIfaceName(scope.labName, end.node, end.iface),
      hostAddresses: settings.hostAddresses,
      ...(settings.hostMasquerade ? { hostMasquerade: settings.hostMasquerade } : {}),
      ...(settings.hostOverrideDefault ? { hostOverrideDefault: settings.hostOverrideDefault } : {}),
      span: iface.decl.span,
    };
  },

  ends: (link) => [{ end: link.end, role: "creates" }],

  segment: (_scope, link, index) => ({
    key: `link:${index}`,
    name: `the link from ${endText(link.end)} to the host`,
    addresses: link.hostAddresses,
    outside: "the host",
  }),
};

function hostSettings(scope: Scope, iface: IfaceDecl): HostSettings {
  const settings: HostSettings = { hostAddresses: [] };
  for (const p of iface.props) {
    const arg = p.args[0];
    if (!arg) continue;
    if (p.key === "host-name") {
      if (checkName(scope.diagnostics, arg, "host interface", IFNAME_MAX)) settings.hostName = arg.text;
    } else if (p.key === "host-address") {
      const addr = scope.address(arg);
      if (addr) settings.hostAddresses.push(addr);
    }
  }
  const masquerade = iface.props.find((p) => p.key === "host-masquerade");
  if (masquerade) settings.hostMasquerade = masquerade.keySpan;
  const override = iface.props.find((p) => p.key === "host-override-default");
  if (override) settings.hostOverrideDefault = override.keySpan;
  return settings;
}
