// This machine as lowering sees it (src/plan/platform.ts): its cgroup layout (read only
// when the lab uses cgroups), its firewall (nft where installed, else iptables, unless
// asked), and its run directory (OPENTOP_RUN_DIR).

import type { Lab } from "../model/model.js";
import type { Firewall } from "../plan/firewall.js";
import { lower } from "../plan/lower.js";
import type { Plan } from "../plan/plan.js";
import type { Platform } from "../plan/platform.js";
import { detectCgroupLayout, usesCgroups } from "./cgroups.js";
import { autoFirewall } from "./firewall.js";
import { runDir } from "./record.js";

export interface HereOptions {
  readonly firewall?: Firewall;
  /** In a lab with machines: which of them this machine is (its part is lowered). */
  readonly machine?: string;
}

export function platformHere(lab: Lab, options: HereOptions = {}): Partial<Platform> {
  return {
    runDir: runDir(),
    firewall: options.firewall ?? autoFirewall(),
    ...(usesCgroups(lab) ? { cgroups: detectCgroupLayout() } : {}),
    ...(options.machine !== undefined ? { machine: options.machine } : {}),
  };
}

/** The plan of a lab (of its part on `options.machine`) for this machine. */
export function lowerHere(lab: Lab, options: HereOptions = {}): Plan {
  return lower(lab, platformHere(lab, options));
}
