// Filters to operations: per filtering node, one nftables table (plus its literal `nft`
// blocks) in one `nft -f`, or the iptables lowering; and the lab's NAT table on the host for
// `host-masquerade` links. Nodes without a filter get nothing, so a lab without filters
// needs neither nft nor iptables.

import { type Diagnostic, DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import type { Filter } from "../model/filter.js";
import type { Lab } from "../model/model.js";
import { labMark, nodeNetns } from "../model/names.js";
import { iptablesFamilies, iptablesRestore } from "./iptables.js";
import { hostNats } from "./links/index.js";
import { hostNatTable, hostTableName, NODE_TABLE, nftTable } from "./nft.js";
import type { Op } from "./ops.js";
import type { Firewall } from "./platform.js";

export { FIREWALLS, type Firewall } from "./platform.js";

/** One list of operations per filtering node, then the host's table (each list is one step or two). */
export function firewallOps(lab: Lab, firewall: Firewall): Op[][] {
  const problems: Diagnostic[] = [];
  const out: Op[][] = [];
  for (const node of lab.nodes) {
    if (!node.filter) continue;
    const ns = nodeNetns(lab.name, node.name);
    const ops =
      firewall === "nft" ? nftOps(node.filter, ns) : iptablesOps(node.name, node.filter, ns, problems);
    if (ops.length) out.push(ops);
  }
  const host = hostNatOps(lab, firewall, problems);
  if (host.length) out.push(host);
  if (problems.length) throw new DiagnosticError(problems);
  return out;
}

/** A node's table and its literal `nft` blocks, in one transaction. */
function nftOps(filter: Filter, ns: string): Op[] {
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
  return ops;
}

/** A node's filter as iptables-restore and ip6tables-restore files; literal nft cannot be (OT4009). */
function iptablesOps(node: string, filter: Filter, ns: string, problems: Diagnostic[]): Op[] {
  for (const raw of filter.raw)
    problems.push(
      diag("OT4009", `the \`nft\` block of \`${node}\` cannot be applied with iptables`, {
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
  return ops;
}

/** The lab's own table on the host for the NAT its links ask for (nft only: OT4009 with iptables). */
function hostNatOps(lab: Lab, firewall: Firewall, problems: Diagnostic[]): Op[] {
  const masquerades = hostNats(lab.links);
  const first = masquerades[0];
  if (!first) return [];
  if (firewall === "iptables") {
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
    return [];
  }
  const name = hostTableName(lab.name);
  const mark = labMark(lab.name);
  const rules = masquerades.map((m) => ({ hostIface: m.hostIface, text: m.text }));
  return [
    {
      kind: "nft.table",
      ns: null,
      family: "inet",
      name,
      mark,
      ruleset: hostNatTable(name, mark, rules),
      origin: first.span,
    },
  ];
}

/** True when the lab has anything for a firewall to do. */
export function usesFirewall(lab: Lab): boolean {
  return lab.nodes.some((n) => n.filter) || hostNats(lab.links).length > 0;
}
