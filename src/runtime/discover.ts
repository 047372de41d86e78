// Finding a lab's objects by their marks alone, for `down` without a record and for `gc`.
// Only marked objects are ever returned: a namespace whose loopback alias, or a host
// interface whose alias, says `opentop:LAB…`; a process whose `$0` is the lab's mark; and
// the mounts and cgroups in the places only OpenTop uses (discover-isolation.ts says why
// those are the lab's). Look-alikes without the mark are not ours.

import { readdirSync, readFileSync } from "node:fs";
import { NAME_PATTERN, parseMark } from "../model/names.js";
import { inNetns } from "../plan/enter.js";
import { NIC_SAVED_HEAD } from "../plan/snippets.js";
import { discoverIsolation, emptyIsolation, type IsolationFound } from "./discover-isolation.js";
import { hostTableMark } from "./firewall.js";
import { hostIfaceAlias, ifaceIn, listHostIfaces, listNetns, netnsLive } from "./kernel.js";
import { pool, run, which } from "./proc.js";
import { labDir } from "./record.js";

export interface Marked extends IsolationFound {
  readonly namespaces: string[];
  readonly hostIfaces: { readonly name: string; readonly mark: string }[];
  readonly hostTables: { readonly family: "inet"; readonly name: string; readonly mark: string }[];
  /** Host interfaces moved into the lab's nodes, found by the state saved in its directory. */
  readonly movedNics: {
    readonly name: string;
    readonly ns: string;
    readonly iface: string;
    readonly saved: string;
  }[];
}

/** Nothing found. */
export function emptyMarked(): Marked {
  return { namespaces: [], hostIfaces: [], hostTables: [], movedNics: [], ...emptyIsolation() };
}

/** The moved interfaces a lab's directory holds the saved state of (`LAB/nics/NIC`). */
function movedNics(lab: string): Marked["movedNics"] {
  const dir = `${labDir(lab)}/nics`;
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  return files.flatMap((file) => {
    const saved = `${dir}/${file}`;
    let head = "";
    try {
      head = readFileSync(saved, "utf8").split("\n")[0] ?? "";
    } catch {}
    const [, name, ns, iface] = NIC_SAVED_HEAD.exec(head) ?? [];
    // Only what this lab could have written: its NIC's file, into one of its nodes — and
    // only while that node holds the NIC. Without the record, a saved state is no proof that
    // the lab moved anything: a file alone would make gc reconfigure a host interface.
    const ours =
      name === file &&
      ns?.startsWith(`${lab}.`) &&
      NAME_PATTERN.test(name) &&
      iface &&
      NAME_PATTERN.test(iface) &&
      netnsLive(ns) &&
      ifaceIn(ns, iface);
    return ours && name && ns && iface ? [{ name, ns, iface, saved }] : [];
  });
}

/** The mark on a namespace's loopback, or undefined. */
async function netnsMark(ns: string): Promise<string | undefined> {
  const r = await run(inNetns(ns, ["ip", "-j", "link", "show", "dev", "lo"]), { tools: true });
  if (r.code !== 0) return undefined;
  try {
    const [lo] = JSON.parse(r.stdout) as { ifalias?: string }[];
    return lo?.ifalias;
  } catch {
    return undefined;
  }
}

/**
 * Marked objects on this machine, by lab. `only` restricts the search to one lab (and to
 * namespaces whose name could be that lab's, so that it stays cheap).
 */
export async function discover(only?: string): Promise<Map<string, Marked>> {
  const out = new Map<string, Marked>();
  // Isolation first: a lab may have left nothing of its network (or never had one).
  for (const [lab, found] of discoverIsolation(only))
    out.set(lab, { namespaces: [], hostIfaces: [], hostTables: [], movedNics: movedNics(lab), ...found });
  const entry = (lab: string) => {
    let m = out.get(lab);
    if (!m) {
      m = emptyMarked();
      out.set(lab, m);
    }
    return m;
  };
  // Only namespaces: a FIFO under the name would block the read, a link lead it elsewhere.
  const candidates = listNetns().filter(
    (ns) => (only === undefined || ns === only || ns.startsWith(`${only}.`)) && netnsLive(ns),
  );
  const marks = await pool(candidates, 8, netnsMark);
  candidates.forEach((ns, i) => {
    const mark = parseMark(marks[i]);
    // The mark must agree with the name: LAB for the switches, LAB.NODE for a node.
    if (!mark || (only !== undefined && mark.lab !== only)) return;
    const expected = mark.node === undefined ? mark.lab : `${mark.lab}.${mark.node}`;
    if (ns === expected) entry(mark.lab).namespaces.push(ns);
  });
  for (const name of listHostIfaces()) {
    const alias = hostIfaceAlias(name);
    const mark = parseMark(alias);
    if (!mark || mark.iface === undefined || alias === undefined) continue;
    if (only !== undefined && mark.lab !== only) continue;
    entry(mark.lab).hostIfaces.push({ name, mark: alias });
  }
  // The lab's nftables tables on the host (host-side NAT): `inet opentop-LAB`, with the
  // lab's mark as their comment.
  if (which("nft")) {
    const tables = await run(["nft", "list", "tables", "inet"]);
    for (const line of tables.stdout.split("\n")) {
      const name = /^table inet (opentop-\S+)$/.exec(line.trim())?.[1];
      if (!name) continue;
      const mark = hostTableMark("inet", name);
      const parsed = parseMark(mark ?? undefined);
      if (!parsed || !mark || `opentop-${parsed.lab}` !== name) continue;
      if (only !== undefined && parsed.lab !== only) continue;
      entry(parsed.lab).hostTables.push({ family: "inet", name, mark });
    }
  }
  return out;
}
