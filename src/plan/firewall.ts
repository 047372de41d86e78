// Filters to operations: per filtering node, one nftables table (plus its literal `nft`
// blocks) in one `nft -f`, or the iptables lowering; and the lab's NAT table on the host for
// `host-masquerade` links. Nodes without a filter get nothing, so a lab without filters
// needs neither nft nor iptables.

import { type Diagnostic, DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import type { Lab } from "../model/model.js";
import { labMark, nodeNetns } from "../model/names.js";
import { iptablesFamilies, iptablesRestore } from "./iptables.js";
import { hostNats } from "./links/index.js";
import { hostNatTable, hostTableName, NODE_TABLE, nftTable } from "./nft.js";
import type { Op } from "./ops.js";

/** How filters are lowered: nftables (the default), or iptables where nft is absent. */
export type Firewall = "nft" | "iptables";

export const FIREWALLS: readonly Firewall[] = ["nft", "iptables"];

/** One list of operations per filtering node, then the host's table (each list is one step or two). */
export function firewallOps(lab: Lab, firewall: Firewall): Op[][] {
  const problems: Diagnostic[] = [];
  const out: Op[][] = [];
  for (const node of lab.nodes) {
    const filter = node.filter;
    if (!filter) continue;
    const ns = nodeNetns(lab.name, node.name);
    if (firewall === "nft") {
      const ops: Op[] = [];
      if (filter.policies.length || filter.rules.length)
        ops.push({
          kind: "nft.table",
          ns,
          family: "inet",
          name: NODE_TABLE,
          ruleset: nftTable(NODE_TABLE, filter),
          origin: filter.span,
        });
      filter.raw.forEach((raw, index) => {
        ops.push({ kind: "nft.raw", ns, index, ruleset: `${raw.text}\n`, origin: raw.span });
      });
      if (ops.length) out.push(ops);
      continue;
    }
    for (const raw of filter.raw)
      problems.push(
        diag("OT4009", `the \`nft\` block of \`${node.name}\` cannot be applied with iptables`, {
          span: raw.span,
          notes: ["literal nftables text needs nft; the iptables lowering covers only `filter { … }`"],
          help: "install nftables and use `--firewall nft`, or express the rules in `filter { … }`",
        }),
      );
    const ops: Op[] = [];
    for (const family of iptablesFamilies(filter)) {
      const ruleset = iptablesRestore(filter, family);
      if (ruleset === undefined) continue;
      ops.push({
        kind: family === 4 ? "iptables.restore" : "ip6tables.restore",
        ns,
        ruleset,
        origin: filter.span,
      });
    }
    if (ops.length) out.push(ops);
  }

  const masquerades = hostNats(lab.links);
  if (masquerades.length && firewall === "iptables")
    for (const m of masquerades)
      problems.push(
        diag("OT4009", "host-side NAT is not possible with the iptables lowering", {
          span: m.span,
          notes: [
            "with iptables the rule would go into the host's own nat table, which OpenTop cannot own or remove whole",
          ],
          help: "install nftables (the lab's NAT then lives in a table of its own), or remove `host-masquerade`",
        }),
      );
  else if (masquerades.length) {
    const name = hostTableName(lab.name);
    const mark = labMark(lab.name);
    const first = masquerades[0];
    out.push([
      {
        kind: "nft.table",
        ns: null,
        family: "inet",
        name,
        mark,
        ruleset: hostNatTable(
          name,
          mark,
          masquerades.map((m) => ({ hostIface: m.hostIface, text: m.text })),
        ),
        ...(first ? { origin: first.span } : {}),
      },
    ]);
  }
  if (problems.length) throw new DiagnosticError(problems);
  return out;
}

/** True when the lab has anything for a firewall to do. */
export function usesFirewall(lab: Lab): boolean {
  return lab.nodes.some((n) => n.filter) || hostNats(lab.links).length > 0;
}
