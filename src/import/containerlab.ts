// `opentop import containerlab TOPO.clab.yml`: a containerlab topology as an OpenTop lab.
// Converted: `linux` nodes (to nodes), `bridge` and `ovs-bridge` nodes (to switches), links
// between them and to the host (`host:IFACE`), and of each node's `exec` lines those that
// are plain `ip addr add`, `ip route add`, `ip link set … up` and `sysctl -w net.…`.
// Everything else — other kinds, images, binds, other commands — is reported (OT9021) and
// kept as a comment where it was. The YAML is read by the `yaml` library.

import { type Document, isMap, isScalar, isSeq, parseDocument } from "yaml";
import { type Diagnostic, diag, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { type SourceFile, type Span, spanOf } from "../diagnostics/source.js";
import { LAB_NAME_MAX } from "../model/names.js";
import {
  type Draft,
  emptyDraft,
  type Imported,
  ifaceOf,
  nodeOf,
  safeIfaceName,
  safeName,
  safeNodeName,
} from "./draft.js";
import { applyExec } from "./exec.js";

/** What a containerlab node becomes. */
type Role = "node" | "switch" | "host" | "other";

const ROLES: Readonly<Record<string, Role>> = {
  linux: "node",
  bridge: "switch",
  "ovs-bridge": "switch",
  host: "host",
};

/** Node keys that say what a node is or does and are converted; every other key is a container's. */
const CONVERTED_KEYS = new Set(["kind", "group", "exec"]);

class Importer {
  readonly diagnostics: Diagnostic[] = [];
  readonly names = new Map<string, string>();
  readonly roles = new Map<string, Role>();
  readonly draft: Draft;

  constructor(
    readonly file: SourceFile,
    readonly doc: Document,
    labName: string | undefined,
  ) {
    const topoName = String(doc.get("name") ?? "imported");
    const lab = labName ?? safeName(topoName, "lab-", LAB_NAME_MAX);
    if (labName === undefined && lab !== topoName) this.renamed(["name"], topoName, lab, "lab");
    this.draft = emptyDraft(lab, [
      `Imported from ${file.path} (containerlab topology \`${topoName}\`) by \`opentop import\`.`,
      "What could not be converted is kept below as comments: see the warnings it printed.",
    ]);
  }

  /**
   * The span of what `path` names, for a diagnostic: a map's key (`image:`, a node's name)
   * or a list's item (an exec line, a link).
   */
  span(path: readonly (string | number)[]): Span | undefined {
    const last = path.at(-1);
    const parent = this.doc.getIn(path.slice(0, -1), true);
    const key = isMap(parent)
      ? parent.items.find((p) => isScalar(p.key) && p.key.value === last)?.key
      : undefined;
    const node = (key ?? this.doc.getIn(path, true)) as { range?: [number, number, number] } | undefined;
    const range = node?.range;
    if (!range) return undefined;
    const text = Buffer.from(this.file.bytes).toString("utf8");
    const bytes = (chars: number) => Buffer.byteLength(text.slice(0, chars));
    return spanOf(this.file, bytes(range[0]), bytes(range[1]));
  }

  warn(path: readonly (string | number)[], message: string, help?: string): void {
    this.diagnostics.push(diag("OT9021", message, { span: this.span(path), ...(help ? { help } : {}) }));
  }

  renamed(path: readonly (string | number)[], from: string, to: string, what: string): void {
    this.diagnostics.push(
      diag("OT9023", `${what} \`${from}\` is called \`${to}\` in the lab`, {
        span: this.span(path),
        notes: ["OpenTop names are letters, digits, `_` and `-`, starting with a letter"],
      }),
    );
  }

  run(): void {
    const nodes = this.doc.getIn(["topology", "nodes"]);
    if (isMap(nodes))
      for (const pair of nodes.items) this.node(String(isScalar(pair.key) ? pair.key.value : pair.key));
    const links = this.doc.getIn(["topology", "links"]);
    if (isSeq(links)) for (let i = 0; i < links.items.length; i++) this.link(i);
    for (const key of ["mgmt", "settings"])
      if (this.doc.has(key)) {
        this.warn([key], `\`${key}\` is not converted: OpenTop nodes have no management network`);
        this.draft.trailer.push(`not converted: \`${key}\` (containerlab's management network and settings)`);
      }
  }

  /** The kind of a node: its own, its group's, or the topology's default. */
  kindOf(name: string): string {
    const own = this.doc.getIn(["topology", "nodes", name, "kind"]);
    const group = this.doc.getIn(["topology", "nodes", name, "group"]);
    const byGroup =
      group === undefined ? undefined : this.doc.getIn(["topology", "groups", String(group), "kind"]);
    return String(own ?? byGroup ?? this.doc.getIn(["topology", "defaults", "kind"]) ?? "linux");
  }

  node(name: string): void {
    const kind = this.kindOf(name);
    const role = ROLES[kind] ?? "other";
    this.roles.set(name, role);
    const path = ["topology", "nodes", name];
    if (role === "other") {
      this.warn(
        path,
        `node \`${name}\` of kind \`${kind}\` is not converted: OpenTop converts \`linux\`, \`bridge\` and \`host\``,
        "its links are left out too (noted in the file); replace it by hand with a node that does its job",
      );
      this.draft.trailer.push(`not converted: node ${name} (kind ${kind}) and its links`);
      return;
    }
    if (role === "host") return;
    const safe = role === "switch" ? safeIfaceName(name) : safeNodeName(name);
    if (safe !== name) this.renamed(path, name, safe, role);
    this.names.set(name, safe);
    if (role === "switch") {
      this.draft.switches.push({
        name: safe,
        comments: kind === "bridge" ? [] : [`${name}: an ${kind} in containerlab; a Linux bridge here`],
      });
      return;
    }
    nodeOf(this.draft, safe);
    this.settings(name, safe);
  }

  /** A node's container settings are reported and kept as comments; its exec lines are read after its links. */
  settings(name: string, safe: string): void {
    const spec = this.doc.getIn(["topology", "nodes", name]);
    if (!isMap(spec)) return;
    const node = nodeOf(this.draft, safe);
    const dropped = spec.items
      .map((p) => String(isScalar(p.key) ? p.key.value : p.key))
      .filter((k) => !CONVERTED_KEYS.has(k));
    for (const key of dropped) {
      const value = this.doc.getIn(["topology", "nodes", name, key]);
      const text =
        typeof value === "object" && value !== null
          ? JSON.stringify((value as { toJSON(): unknown }).toJSON())
          : String(value);
      node.comments.push(`not converted: ${key} ${text}`);
    }
    if (dropped.length)
      this.warn(
        ["topology", "nodes", name, dropped[0] as string],
        `node \`${name}\`: ${dropped.map((k) => `\`${k}\``).join(", ")} not converted`,
        "an OpenTop node shares the host's files and programs (or isolates them: docs/language.md, `isolate`)",
      );
  }

  link(index: number): void {
    const path = ["topology", "links", index];
    const ends = endpointsOf(this.doc, index);
    if (!ends) {
      const link = this.doc.getIn(path);
      const text =
        typeof link === "object" && link !== null
          ? JSON.stringify((link as { toJSON(): unknown }).toJSON())
          : String(link);
      this.warn(
        path,
        "a link of this form is not converted",
        "OpenTop converts links with two `endpoints` (`node:interface`) and `type: veth` links",
      );
      this.draft.trailer.push(`not converted: link ${text}`);
      return;
    }
    const [a, b] = ends;
    const ra = this.roleOf(a.node);
    const rb = this.roleOf(b.node);
    if (ra === "other" || rb === "other") {
      // Reported with the node it leads to; noted where it would have been.
      const [kept, lost] = ra === "other" ? [b, a] : [a, b];
      const note = `not converted: ${kept.iface} — ${lost.node}:${lost.iface} (node ${lost.node} is not converted)`;
      if (this.roleOf(kept.node) === "node")
        nodeOf(this.draft, this.names.get(kept.node) ?? kept.node).comments.push(note);
      else this.draft.trailer.push(note);
      return;
    }
    if (ra !== "node" && rb !== "node") {
      this.warn(
        path,
        `the link ${a.node}:${a.iface} — ${b.node}:${b.iface} joins no linux node`,
        "OpenTop links join a node to a switch, another node or the host",
      );
      this.draft.trailer.push(`not converted: link ${a.node}:${a.iface} — ${b.node}:${b.iface}`);
      return;
    }
    const [n, other, otherRole] = ra === "node" ? [a, b, rb] : [b, a, ra];
    for (const end of otherRole === "node" ? [n, other] : [n])
      if (safeIfaceName(end.iface) !== end.iface)
        this.renamed(
          path,
          `${end.node}:${end.iface}`,
          `${this.names.get(end.node) ?? end.node}.${safeIfaceName(end.iface)}`,
          "interface",
        );
    this.attach(n, other, otherRole);
  }

  roleOf(node: string): Role {
    return node === "host" ? "host" : (this.roles.get(node) ?? "other");
  }

  attach(n: { node: string; iface: string }, other: { node: string; iface: string }, role: Role): void {
    const node = nodeOf(this.draft, this.names.get(n.node) ?? n.node);
    const iface = ifaceOf(node, safeIfaceName(n.iface));
    if (role === "switch") iface.target = this.names.get(other.node) ?? other.node;
    else if (role === "host") {
      iface.target = "host";
      iface.options.push("host-name", safeIfaceName(other.iface));
    } else {
      const peer = nodeOf(this.draft, this.names.get(other.node) ?? other.node);
      ifaceOf(peer, safeIfaceName(other.iface));
      iface.target = `${peer.name}.${safeIfaceName(other.iface)}`;
    }
  }

  /** Every node's exec lines, once its interfaces are known. */
  execs(): void {
    for (const [name, role] of this.roles) {
      if (role !== "node") continue;
      const lines = this.doc.getIn(["topology", "nodes", name, "exec"]);
      if (!isSeq(lines)) continue;
      const node = nodeOf(this.draft, this.names.get(name) ?? name);
      lines.items.forEach((item, i) => {
        const line = String(isScalar(item) ? item.value : item);
        const problem = applyExec(node, line);
        if (problem) {
          node.comments.push(`not converted: exec "${line}"`);
          this.warn(
            ["topology", "nodes", name, "exec", i],
            `node \`${name}\`: exec line not converted: ${problem}`,
            "OpenTop converts plain `ip addr add`, `ip route add`, `ip link set … up` and `sysctl -w net.…`",
          );
        }
      });
    }
  }
}

interface Endpoint {
  readonly node: string;
  readonly iface: string;
}

/** A link's two ends: `endpoints: ["a:eth1", "b:eth1"]`, or `type: veth` with `{node, interface}` maps. */
function endpointsOf(doc: Document, index: number): [Endpoint, Endpoint] | undefined {
  const link = doc.getIn(["topology", "links", index]);
  if (!isMap(link)) return undefined;
  const type = link.get("type");
  if (type !== undefined && type !== "veth") return undefined;
  const list = link.get("endpoints");
  if (!isSeq(list) || list.items.length !== 2) return undefined;
  const ends = list.items.map((item): Endpoint | undefined => {
    if (isScalar(item)) {
      const text = String(item.value);
      const colon = text.indexOf(":");
      return colon > 0 ? { node: text.slice(0, colon), iface: text.slice(colon + 1) } : undefined;
    }
    if (isMap(item)) {
      const node = item.get("node");
      const iface = item.get("interface");
      return node !== undefined && iface !== undefined
        ? { node: String(node), iface: String(iface) }
        : undefined;
    }
    return undefined;
  });
  const [a, b] = ends;
  return a && b ? [a, b] : undefined;
}

export function fromContainerlab(file: SourceFile, labName?: string): Imported {
  const text = Buffer.from(file.bytes).toString("utf8");
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const at = e?.pos[0] ?? 0;
    const start = Buffer.byteLength(text.slice(0, at));
    return {
      diagnostics: [
        diag(
          "OT9020",
          `${file.path} is not a YAML document: ${e?.message.split("\n")[0] ?? "syntax error"}`,
          {
            span: spanOf(file, start, Math.max(start + 1, Buffer.byteLength(text.slice(0, e?.pos[1] ?? at)))),
            help: "give a containerlab topology (`name:` and `topology: { nodes: …, links: … }`)",
          },
        ),
      ],
    };
  }
  if (!isMap(doc.getIn(["topology", "nodes"])))
    return {
      diagnostics: [
        diag("OT9020", `${file.path} is not a containerlab topology: it has no \`topology.nodes\``, {
          help: "give a containerlab topology (`name:` and `topology: { nodes: …, links: … }`)",
        }),
      ],
    };
  const importer = new Importer(file, doc, labName);
  importer.run();
  importer.execs();
  return { draft: importer.draft, diagnostics: sortDiagnostics(importer.diagnostics) };
}
