// The kernel features a lab can need, each with what provides it (the kernel option and the
// module) and a probe: the smallest command that succeeds exactly when the kernel has it. An
// operation kind says which features it needs (`features` in the op table); before anything
// is created, `up` runs each needed probe once in a throwaway network namespace
// (src/runtime/features.ts), so that a kernel without netem or 802.1Q refuses the lab with
// the statement that asked for it, not half-way through.

import type { Program } from "./programs.js";

export interface FeatureSpec {
  /** What it is, for people: "802.1Q VLAN sub-interfaces". */
  readonly what: string;
  /** The kernel configuration option that builds it. */
  readonly config: string;
  /** The module that provides it, where it is one (`modprobe NAME`). */
  readonly module: string;
  /**
   * Run inside a fresh network namespace (`unshare --net --`): its argv and standard input.
   * A fresh namespace has only `lo`, down; anything a probe creates goes with it.
   */
  readonly probe: { readonly argv: readonly [Program, ...string[]]; readonly stdin?: string };
}

/** A probe that is an `ip -batch` of these lines. */
function ipProbe(...lines: string[]): FeatureSpec["probe"] {
  return { argv: ["ip", "-batch", "-"], stdin: `${lines.join("\n")}\n` };
}

/** A probe that is a `tc` command on the fresh namespace's loopback. */
function tcProbe(...words: string[]): FeatureSpec["probe"] {
  return { argv: ["tc", "qdisc", "add", "dev", "lo", "root", ...words] };
}

const VETH = "link add name p0 type veth peer name p1";

export const FEATURES = {
  veth: { what: "veth pairs", config: "CONFIG_VETH", module: "veth", probe: ipProbe(VETH) },
  bridge: {
    what: "Linux bridges",
    config: "CONFIG_BRIDGE",
    module: "bridge",
    probe: ipProbe("link add name b0 type bridge"),
  },
  "bridge-vlan": {
    what: "VLAN filtering on bridges",
    config: "CONFIG_BRIDGE_VLAN_FILTERING",
    module: "bridge",
    probe: ipProbe("link add name b0 type bridge vlan_filtering 1"),
  },
  vlan: {
    what: "802.1Q VLAN sub-interfaces",
    config: "CONFIG_VLAN_8021Q",
    module: "8021q",
    probe: ipProbe(VETH, "link add link p0 name p0.1 type vlan id 1"),
  },
  macvlan: {
    what: "macvlan interfaces",
    config: "CONFIG_MACVLAN",
    module: "macvlan",
    probe: ipProbe(VETH, "link add link p0 name m0 type macvlan mode bridge"),
  },
  vxlan: {
    what: "VXLAN tunnels",
    config: "CONFIG_VXLAN",
    module: "vxlan",
    probe: ipProbe("link add name v0 type vxlan id 1 dstport 4789"),
  },
  multipath: {
    what: "multipath (ECMP) routes",
    config: "CONFIG_IP_ROUTE_MULTIPATH",
    module: "(built in)",
    probe: ipProbe("link set dev lo up", "route add 192.0.2.0/24 nexthop dev lo nexthop dev lo weight 2"),
  },
  tbf: {
    what: "the token bucket filter qdisc (rate)",
    config: "CONFIG_NET_SCH_TBF",
    module: "sch_tbf",
    probe: tcProbe("tbf", "rate", "1mbit", "burst", "16kb", "limit", "16kb"),
  },
  netem: {
    what: "the network emulator qdisc (delay, jitter, loss)",
    config: "CONFIG_NET_SCH_NETEM",
    module: "sch_netem",
    probe: tcProbe("netem", "delay", "1ms"),
  },
} as const satisfies Record<string, FeatureSpec>;

export type Feature = keyof typeof FEATURES;

/** What `up` and the script say when the kernel lacks a feature a statement needs. */
export function lackMessage(feature: Feature): { readonly message: string; readonly help: string } {
  const spec: FeatureSpec = FEATURES[feature];
  const module = spec.module.startsWith("(") ? "" : ` (module ${spec.module}: \`modprobe ${spec.module}\`)`;
  return {
    message: `this kernel lacks ${spec.what}, which this statement needs`,
    help: `it is the kernel option ${spec.config}${module}; on a kernel without it, remove what needs it from the lab`,
  };
}
