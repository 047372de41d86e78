// Where a capture listens, from a running lab's record: a node's interface in its namespace,
// a switch's port (or bridge) in the switches' namespace, or the host's end of a node's link
// to the host — and the tcpdump command that listens there, entering only the network
// namespace (tcpdump is the host's; a node's own root or limits are not the observer's).
// Pure: the runtime spawns the command.

import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import { HOST, nodeNetns, parseMark, portName, switchNetns } from "../model/names.js";
import { inNetns, someNodes } from "./enter.js";
import type { Ns } from "./ns.js";
import { linkKey } from "./ops/types.js";
import { leavesOf, makesOf } from "./ops.js";
import { type LabRecord, recordHostIfaces } from "./record.js";

export interface CapturePoint {
  /** The network namespace (null: the host's own). */
  readonly ns: Ns;
  /** The interface there. */
  readonly dev: string;
  /** For people: `router's wan`, `port pc1.eth0 of switch lan`, `the host's end of router.wan`. */
  readonly what: string;
}

/**
 * The interface `iface` of `where` — a node, a switch, or `host` — in the lab that is up; a
 * diagnostic (OT6066, OT6008) that lists what there is when it has no such interface.
 */
export function capturePoint(record: LabRecord, where: string, iface: string): CapturePoint | Diagnostic {
  if (where === HOST) return hostEnd(record, iface);
  if (record.nodes.includes(where)) return nodeIface(record, where, iface);
  if (record.switches.includes(where)) return switchPort(record, where, iface);
  return diag("OT6008", `lab ${record.lab} has no node or switch \`${where}\``, {
    help: `its nodes are ${someNodes(record.nodes)}${record.switches.length ? `; its switches ${someNodes(record.switches)}` : ""}; \`host\` with NODE.IFACE names the host's end of a node's link to the host`,
  });
}

/** The tcpdump that writes pcap (packet by packet) to its standard output. */
export function captureArgv(
  point: CapturePoint,
  options: { readonly filter?: readonly string[]; readonly count?: number } = {},
): string[] {
  return inNetns(point.ns, [
    "tcpdump",
    "-i",
    point.dev,
    // Each packet written as it comes (a live reader such as wireshark sees it at once).
    "-U",
    "--immediate-mode",
    "-w",
    "-",
    ...(options.count !== undefined ? ["-c", String(options.count)] : []),
    // The filter is an expression, never options: `--` ends them.
    "--",
    ...(options.filter ?? []),
  ]);
}

/** What a capture may name at `where` (a node, a switch or `host`): for completion. */
export function captureIfaces(record: LabRecord, where: string): string[] {
  if (where === HOST) return hostEnds(record).map((e) => e.of);
  if (record.nodes.includes(where)) return ifacesIn(record, nodeNetns(record.lab, where));
  if (record.switches.includes(where))
    return [...portsOf(record, switchNetns(record.lab), where).values(), where];
  return [];
}

/** The interfaces the record's operations make in `ns`, by name. */
function ifacesIn(record: LabRecord, ns: Ns): string[] {
  const prefix = linkKey(ns, "");
  return [
    ...new Set(
      record.ops.flatMap((r) =>
        makesOf(r.op).flatMap((k) => (k.startsWith(prefix) ? [k.slice(prefix.length)] : [])),
      ),
    ),
  ];
}

function nodeIface(record: LabRecord, node: string, iface: string): CapturePoint | Diagnostic {
  const rt = record.isolation?.[node];
  if (rt && rt.enter.net === undefined)
    return diag("OT6066", `node ${node} has no network of its own: it uses the host's`, {
      help: `capture on the host's interfaces with tcpdump itself`,
    });
  const ns = nodeNetns(record.lab, node);
  const ifaces = ifacesIn(record, ns);
  if (ifaces.includes(iface)) return { ns, dev: iface, what: `${node}'s ${iface}` };
  return diag("OT6066", `node ${node} of lab ${record.lab} has no interface \`${iface}\``, {
    help: `its interfaces are ${someNodes(ifaces)}`,
  });
}

/** A port by its node's interface (`pc1.eth0`) or by its own name, or the switch's bridge itself. */
function switchPort(record: LabRecord, sw: string, port: string): CapturePoint | Diagnostic {
  const ns = switchNetns(record.lab);
  const dot = port.indexOf(".");
  const node = port.slice(0, dot);
  const name = dot > 0 && record.nodes.includes(node) ? portName(node, port.slice(dot + 1)) : port;
  if (name === sw) return { ns, dev: sw, what: `the bridge of switch ${sw}` };
  const ports = portsOf(record, ns, sw);
  const found = ports.get(name);
  if (found !== undefined) return { ns, dev: name, what: `port ${found} of switch ${sw}` };
  return diag("OT6066", `switch ${sw} of lab ${record.lab} has no port \`${port}\``, {
    help: ports.size
      ? `its ports are ${someNodes([...ports.values()])} (a node's interface), or \`${sw}\` for its bridge`
      : `it has no ports; \`${sw}\` names its bridge`,
  });
}

/** The ports of switch `sw`: kernel name → the node's interface it serves (`pc1.eth0`). */
function portsOf(record: LabRecord, ns: string, sw: string): Map<string, string> {
  const byPort = new Map<string, string>();
  for (const node of record.nodes)
    for (const iface of ifacesIn(record, nodeNetns(record.lab, node)))
      byPort.set(portName(node, iface), `${node}.${iface}`);
  const out = new Map<string, string>();
  for (const r of record.ops)
    for (const f of leavesOf(r.op))
      if ("master" in f && f.master === sw && f.ns === ns) out.set(f.dev, byPort.get(f.dev) ?? f.dev);
  return out;
}

/** The host's end of a node's link to the host: by `NODE.IFACE`, or by its own name on the host. */
function hostEnd(record: LabRecord, iface: string): CapturePoint | Diagnostic {
  const ends = hostEnds(record);
  const end = ends.find((e) => e.of === iface || e.name === iface);
  if (end) return { ns: null, dev: end.name, what: `the host's end of ${end.of} (${end.name})` };
  return diag("OT6066", `lab ${record.lab} has no link to the host at \`${iface}\``, {
    help: ends.length
      ? `its links to the host are ${someNodes(ends.map((e) => `${e.of} (${e.name})`))}`
      : "it has no link to the host (`IFACE -> host`)",
  });
}

/** The lab's ends on the host, each with the node's interface it links (`router.wan`). */
function hostEnds(record: LabRecord): { readonly name: string; readonly of: string }[] {
  return recordHostIfaces(record).flatMap((h) => {
    const m = parseMark(h.mark);
    return m?.node !== undefined && m.iface !== undefined
      ? [{ name: h.name, of: `${m.node}.${m.iface}` }]
      : [];
  });
}
