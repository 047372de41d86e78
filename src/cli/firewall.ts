// `--firewall nft|iptables`: how a lab's filters are lowered. Without it, nft where it is
// installed and iptables on a machine that only has iptables.

import type { Firewall } from "../plan/firewall.js";
import { FIREWALLS } from "../plan/firewall.js";
import { autoFirewall } from "../runtime/firewall.js";
import { type OptionSpec, type Parsed, usageError } from "./args.js";

export const FIREWALL_OPTION: OptionSpec = { firewall: { type: "string" } };

export function firewallOf(values: Parsed["values"]): Firewall {
  const v = values.firewall;
  if (v === undefined) return autoFirewall();
  const found = FIREWALLS.find((f) => f === v);
  if (!found) throw usageError(`unknown firewall \`${String(v)}\``, "--firewall nft|iptables");
  return found;
}
