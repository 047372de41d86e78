// The VLANs of a VLAN-aware switch's ports: `access 10` (one VLAN, untagged) or `trunk
// 10,20 [native 1]` (tagged, and one untagged). Read from the node's interface, checked
// against its switch, and the traps peers document are refused or warned of: a native VLAN
// outside the trunk's list, untagged addresses on a trunk that carries no untagged VLAN, a
// port of a VLAN-aware switch without VLANs (the bridge's default VLAN 1 would join every
// such port: OpenTop gives the bridge none, so they would carry nothing).

import type { Span } from "../../diagnostics/source.js";
import type { IfaceDecl, PropDecl } from "../expand.js";
import type { IfaceState, Scope } from "../scope.js";
import type { Misplaced } from "./spec.js";
import { MAX_VID } from "./vlan.js";

/** What a port carries. */
export interface PortVlans {
  /** One VLAN, untagged. */
  readonly access?: number;
  /** VLANs carried tagged. */
  readonly trunk?: readonly number[];
  /** The trunk's untagged VLAN (one of `trunk`). */
  readonly native?: number;
}

export interface PortSettings {
  readonly vlans: PortVlans;
  readonly at: { readonly access?: PropDecl; readonly trunk?: PropDecl; readonly native?: PropDecl };
}

export const PORT_OPTIONS = ["access", "trunk", "native"] as const;

/** `access`, `trunk` or `native` on an interface that is no switch port. */
export const portOnly: Misplaced = (scope, p, iface) => {
  if (!p.args[0]) return;
  scope.diagnostics.error("OT2008", `\`${p.key}\` applies only to a port of a switch`, {
    span: p.keySpan,
    help: `link \`${iface.name.text}\` to a VLAN-aware switch, or remove \`${p.key}\``,
  });
};

/** `10`, `10,20`, `100-110`: VLAN numbers, each 1 to 4094; undefined when invalid (reported). */
export function parseVids(scope: Scope, p: PropDecl): number[] | undefined {
  const arg = p.args[0];
  if (!arg) return undefined;
  const out: number[] = [];
  for (const part of arg.text.split(",")) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    const from = Number(m?.[1]);
    const to = Number(m?.[2] ?? m?.[1]);
    if (!m || from < 1 || to > MAX_VID || to < from) {
      scope.diagnostics.error("OT2030", `\`${arg.text}\` is not a list of VLANs`, {
        span: arg.span,
        help: `VLANs are numbers from 1 to ${MAX_VID}, listed with commas and ranges: \`10,20,100-110\``,
      });
      return undefined;
    }
    for (let v = from; v <= to; v++) if (!out.includes(v)) out.push(v);
  }
  return out;
}

export function portSettings(scope: Scope, iface: IfaceDecl): PortSettings {
  const at: { access?: PropDecl; trunk?: PropDecl; native?: PropDecl } = {};
  const vlans: { access?: number; trunk?: number[]; native?: number } = {};
  for (const p of iface.props) {
    if (p.key !== "access" && p.key !== "trunk" && p.key !== "native") continue;
    at[p.key] ??= p;
    const vids = parseVids(scope, p);
    if (!vids) continue;
    if (p.key === "trunk") vlans.trunk = vids;
    else if (vids.length !== 1 || vids[0] === undefined) one(scope, p);
    else vlans[p.key] = vids[0];
  }
  return { vlans, at };
}

function one(scope: Scope, p: PropDecl): void {
  scope.diagnostics.error("OT2030", `\`${p.key}\` is one VLAN`, {
    span: p.args[0]?.span ?? p.keySpan,
    help: p.key === "access" ? "a port with several VLANs is a `trunk`" : "a trunk has one untagged VLAN",
  });
}

/**
 * The port's VLANs checked against its switch: what it carries, or undefined when it is
 * refused (reported). A switch that is not VLAN-aware takes no VLANs.
 */
export function portVlans(
  scope: Scope,
  iface: IfaceState,
  sw: { readonly name: string; readonly vlanAware?: Span },
  s: PortSettings,
): PortVlans | undefined {
  const port = `\`${iface.node.name.text}.${iface.decl.name.text}\``;
  const given = s.at.access ?? s.at.trunk ?? s.at.native;
  if (!sw.vlanAware) {
    if (given)
      scope.diagnostics.error(
        "OT2033",
        `\`${given.key}\` on a port of switch \`${sw.name}\`, which is not VLAN-aware`,
        {
          span: given.keySpan,
          help: `declare the switch with \`switch ${sw.name} { vlan-aware }\`, or remove \`${given.key}\``,
        },
      );
    return given ? undefined : {};
  }
  if (!given) {
    scope.diagnostics.error("OT2034", `${port} is a port of VLAN-aware switch \`${sw.name}\` without VLANs`, {
      span: iface.decl.target?.span ?? iface.decl.span,
      notes: [
        "OpenTop gives a VLAN-aware bridge no default VLAN: the bridge's VLAN 1 would otherwise join every port that names none, and leak between them",
      ],
      help: "give the port its VLANs: `access 10`, or `trunk 10,20` (with `native 1` for untagged traffic)",
    });
    return undefined;
  }
  return conflicts(scope, s) ? undefined : s.vlans;
}

/** Access and trunk at once, a native VLAN without a trunk or outside its list. */
function conflicts(scope: Scope, s: PortSettings): boolean {
  const { access, trunk, native } = s.at;
  if (access && (trunk || native)) {
    const other = trunk ?? native;
    scope.diagnostics.error("OT2033", "a port is `access` or `trunk`, not both", {
      span: other?.keySpan ?? access.keySpan,
      labels: [{ span: access.keySpan, message: "access here" }],
      help: "an access port carries one VLAN untagged; a trunk carries several tagged (and `native` one untagged)",
    });
    return true;
  }
  if (native && !trunk) {
    scope.diagnostics.error("OT2033", "`native` applies to a trunk", {
      span: native.keySpan,
      help: "write `trunk VLANS native VLAN`, or `access VLAN` for a port of one untagged VLAN",
    });
    return true;
  }
  const n = s.vlans.native;
  if (native && n !== undefined && s.vlans.trunk && !s.vlans.trunk.includes(n)) {
    scope.diagnostics.error("OT2035", `the native VLAN ${n} is not in the trunk's list`, {
      span: native.args[0]?.span ?? native.keySpan,
      labels: trunk ? [{ span: trunk.args[0]?.span ?? trunk.keySpan, message: "the trunk's VLANs" }] : [],
      notes: ["untagged frames would be put in a VLAN the trunk does not carry, and dropped"],
      help: `add ${n} to the list (\`trunk ${[n, ...s.vlans.trunk].join(",")} native ${n}\`), or remove \`native\``,
    });
    return true;
  }
  return false;
}

/** A trunk without a native VLAN drops untagged frames: addresses on the port's own interface are unreachable. */
export function untaggedDropped(scope: Scope, iface: IfaceState, vlans: PortVlans): void {
  const address = iface.addresses[0];
  if (!vlans.trunk || vlans.native !== undefined || !address) return;
  scope.diagnostics.error(
    "OT2036",
    `\`${iface.node.name.text}.${iface.decl.name.text}\` sends untagged on a trunk without a native VLAN`,
    {
      span: address.span,
      notes: [
        "a trunk without `native` carries tagged frames only: this address's traffic is dropped at the switch",
      ],
      help: `put the address on a VLAN sub-interface (\`${iface.decl.name.text}.${vlans.trunk[0]} ${address.text}/…\`), or give the trunk a \`native\` VLAN`,
    },
  );
}

/** Why a port does not carry VLAN `vid` tagged (undefined: it does). */
export function notCarried(vlans: PortVlans, vid: number): string | undefined {
  if (vlans.access !== undefined) return `an access port carries only its VLAN ${vlans.access}, untagged`;
  if (vlans.trunk && !vlans.trunk.includes(vid))
    return `the trunk carries VLANs ${vidRanges(vlans.trunk).join(",")}`;
  if (vlans.native === vid) return `the trunk carries VLAN ${vid} untagged (it is its native VLAN)`;
  return undefined;
}

/** VLAN numbers as ranges of consecutive ones: `10`, `100-110`. */
export function vidRanges(vids: readonly number[]): string[] {
  const sorted = [...vids].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    out.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return out;
}
