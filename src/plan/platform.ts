// What the machine a plan is for offers, as one value given to lowering: its firewall
// flavour, its cgroup layout and its run directory. The runtime reads them from the machine
// (src/runtime/platform.ts); tests and golden plans give them, so lowering stays pure.

import type { CgroupLayout } from "./cgroups.js";
import { V2_LAYOUT } from "./cgroups.js";
import { RUN_DIR } from "./layout.js";

/** How filters are lowered: nftables (the default), or iptables where nft is absent. */
export type Firewall = "nft" | "iptables";

export const FIREWALLS: readonly Firewall[] = ["nft", "iptables"];

export interface Platform {
  /** How filters are lowered: nftables, or iptables where nft is absent (OT4009 for what it cannot). */
  readonly firewall: Firewall;
  /** Where cgroups and their controllers are, for labs with limits. */
  readonly cgroups: CgroupLayout;
  /** Where records, namespace files and services' files live. */
  readonly runDir: string;
  /**
   * Which of the lab's machines the plan is for (a lab with machines is lowered one machine
   * at a time); absent for a lab without machines, which is all this machine's.
   */
  readonly machine?: string;
}

/** A current distribution with nftables and cgroup v2, records under /run/opentop. */
export const DEFAULT_PLATFORM: Platform = { firewall: "nft", cgroups: V2_LAYOUT, runDir: RUN_DIR };

export function platform(given: Partial<Platform> = {}): Platform {
  return { ...DEFAULT_PLATFORM, ...given };
}
