// `--firewall nft|iptables`: how a lab's filters are lowered. Without it, the machine's
// platform decides (src/runtime/platform.ts): nft where it is installed, iptables on a
// machine that only has iptables.

import type { Firewall } from "../plan/firewall.js";
import { FIREWALLS } from "../plan/firewall.js";
import { type Parsed, usageError } from "./args.js";

/** The lowering asked for, as options of `lowerHere`: none when the machine decides. */
export function firewallOf(values: Parsed["values"]): { firewall?: Firewall } {
  const v = values.firewall;
  if (v === undefined) return {};
  const found = FIREWALLS.find((f) => f === v);
  if (!found) throw usageError(`unknown firewall \`${String(v)}\``, "--firewall nft|iptables");
  return { firewall: found };
}
