// The `exec` lines of a containerlab node that say what the lab language says: plain
// `ip addr add`, `ip route add`, `ip link set … up` and `sysctl -w net.…`, applied to the
// node's draft. Anything else is left to the caller to report, with the reason.

import { type DraftNode, ifaceOf, safeIfaceName } from "./draft.js";

const ADDR_OBJECTS = new Set(["a", "addr", "address"]);
const ROUTE_OBJECTS = new Set(["r", "ro", "route"]);
const LINK_OBJECTS = new Set(["l", "link"]);

/** Applies one exec line; returns why it cannot be, or undefined when it was. */
export function applyExec(node: DraftNode, line: string): string | undefined {
  const words = line.trim().split(/\s+/);
  if (words[0] === "sysctl") return sysctl(node, words.slice(1));
  if (words[0] !== "ip") return `\`${words[0] ?? ""}\` is not ip or sysctl`;
  const rest = words.slice(1).filter((w) => w !== "-4" && w !== "-6");
  const [object = "", verb = "", ...args] = rest;
  if (ADDR_OBJECTS.has(object) && verb === "add") return address(node, args);
  if (ROUTE_OBJECTS.has(object) && verb === "add") return route(node, args);
  if (LINK_OBJECTS.has(object) && verb === "set") return linkUp(args);
  return `\`ip ${object} ${verb}\` has no equivalent in the lab language`;
}

/** `ADDRESS dev IFACE` in either order, nothing else. */
function address(node: DraftNode, args: readonly string[]): string | undefined {
  const dev = args.indexOf("dev");
  const name = dev >= 0 ? args[dev + 1] : undefined;
  const others = args.filter((_, i) => i !== dev && i !== dev + 1);
  const [cidr, ...extra] = others;
  if (!name || !cidr || extra.length || !cidr.includes("/"))
    return "only `ip addr add ADDRESS/LEN dev IFACE` is plain";
  const iface = node.ifaces.find((i) => i.name === safeIfaceName(name));
  if (!iface && name !== "lo") return `interface ${name} is not one of the node's links`;
  (iface ?? ifaceOf(node, "lo")).addresses.push(cidr);
  return undefined;
}

/** `DEST [via GW] [dev IFACE] [metric N]`, written as a `route` statement. */
function route(node: DraftNode, args: readonly string[]): string | undefined {
  const [dest, ...options] = args;
  if (!dest) return "a route needs a destination";
  const out = [dest === "default" ? "default" : dest];
  for (let i = 0; i < options.length; i += 2) {
    const key = options[i] as string;
    const value = options[i + 1];
    if (!value || !["via", "dev", "metric", "src", "mtu"].includes(key))
      return `route option \`${key}\` is not converted`;
    out.push(key, key === "dev" ? safeIfaceName(value) : value);
  }
  node.statements.push(`route ${out.join(" ")}`);
  return undefined;
}

/** `ip link set [dev] IFACE up`: OpenTop brings every interface up itself. */
function linkUp(args: readonly string[]): string | undefined {
  const words = args[0] === "dev" ? args.slice(1) : args;
  return words.length === 2 && words[1] === "up" ? undefined : "only `ip link set IFACE up` is implied";
}

/** `sysctl -w net.KEY=VALUE` (or without -w): the node's own network settings. */
function sysctl(node: DraftNode, args: readonly string[]): string | undefined {
  const words = args[0] === "-w" ? args.slice(1) : args;
  const [setting, ...extra] = words;
  const eq = setting?.indexOf("=") ?? -1;
  if (!setting || extra.length || eq <= 0) return "only `sysctl -w KEY=VALUE` is plain";
  const key = setting.slice(0, eq);
  if (!key.startsWith("net.")) return `${key} is not a setting of the node's network namespace`;
  const value = setting.slice(eq + 1);
  node.statements.push(
    `sysctl ${key} ${/^[A-Za-z0-9._:/,+-]+$/.test(value) ? value : JSON.stringify(value)}`,
  );
  return undefined;
}
