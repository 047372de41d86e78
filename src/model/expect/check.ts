// Expectations, checked: each end resolved to a node of the lab (and an address of it),
// the protocol, port, family and `via` read, and one declaration split into one
// expectation per address family it covers. What an expectation's verdict is, is the
// analysis's business (src/model/reach/); this module only says what is asked.

import { closest, type Diagnostics } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/source.js";
import { type Family, type Ip, parseIp } from "../ip.js";
import { isolates } from "../isolation.js";
import type { Node } from "../model.js";
import type { Text } from "../text.js";
import type { Address } from "../values.js";
import type { ExpectDecl } from "./decl.js";
import { type Expectation, PROBE_PROTOCOLS, type ProbeProtocol, type Source, type Target } from "./types.js";

export type { Expectation, ProbeProtocol, Source, Target } from "./types.js";

/** What the checker needs of the lab besides its nodes: addresses of the host's side of links. */
export interface ExpectContext {
  readonly nodes: readonly Node[];
  readonly switches: readonly string[];
  /** Addresses the lab gives the host (`host-address`), which expectations cannot probe. */
  readonly hostAddresses: readonly Address[];
}

/** The expectations of a lab, checked; each problem reported with its own code. */
export function checkExpectations(
  decls: readonly ExpectDecl[],
  ctx: ExpectContext,
  diagnostics: Diagnostics,
): Expectation[] {
  const checker = new ExpectChecker(ctx, diagnostics);
  const out = decls.flatMap((d) => checker.expectation(d));
  contradictions(out, diagnostics);
  return out;
}

/** An end of an expectation, resolved: a node, and an interface or an address when written. */
interface End {
  readonly node: Node;
  readonly iface?: string;
  readonly address?: Ip;
}

interface Words {
  readonly protocol: ProbeProtocol;
  readonly port?: number;
  readonly family?: Family;
  readonly via?: string;
}

const WORDS_HELP =
  "after the destination come a protocol (`icmp`, the default; `tcp PORT`; `udp PORT`), `via NODE`, and `-4` or `-6`";

class ExpectChecker {
  private readonly nodes: ReadonlyMap<string, Node>;

  constructor(
    private readonly ctx: ExpectContext,
    private readonly diagnostics: Diagnostics,
  ) {
    this.nodes = new Map(ctx.nodes.map((n) => [n.name, n]));
  }

  expectation(d: ExpectDecl): Expectation[] {
    const from = this.end(d.from, "source");
    const to = this.end(d.to, "destination");
    const words = this.words(d.args);
    if (!from || !to || !words) return [];
    const families = this.families(d, from, to, words);
    const text = [d.from.text, d.reach ? "->" : "!->", d.to.text, ...d.args.map((a) => a.text)].join(" ");
    return families.flatMap((family): Expectation[] => {
      const source = this.source(from, family);
      const target = this.target(to, family);
      if (!source || !target) return [];
      return [
        {
          text,
          reach: d.reach,
          from: source,
          to: target,
          protocol: words.protocol,
          ...(words.port !== undefined ? { port: words.port } : {}),
          family,
          ...(words.via !== undefined ? { via: words.via } : {}),
          span: d.span,
        },
      ];
    });
  }

  /** A node, `NODE.IFACE`, or an address of a node. */
  private end(t: Text, what: "source" | "destination"): End | undefined {
    if (/^[0-9a-fA-F:.]+(\/\d+)?$/.test(t.text) && /[:]|^\d+\.\d+\.\d+\.\d+/.test(t.text))
      return this.address(t, what);
    const dot = t.text.indexOf(".");
    const nodeName = dot === -1 ? t.text : t.text.slice(0, dot);
    const node = this.node(nodeName, t);
    if (!node) return undefined;
    if (dot === -1) return { node };
    const iface = t.text.slice(dot + 1);
    if (node.ifaces.some((i) => i.name === iface)) return { node, iface };
    const guess = closest(
      iface,
      node.ifaces.map((i) => i.name),
    );
    this.diagnostics.error("OT8002", `node \`${node.name}\` has no interface \`${iface}\``, {
      span: t.span,
      help: guess
        ? `did you mean \`${node.name}.${guess}\`?`
        : `its interfaces are ${node.ifaces.map((i) => `\`${i.name}\``).join(", ") || "none"}`,
    });
    return undefined;
  }

  private node(name: string, t: Text): Node | undefined {
    const node = this.nodes.get(name);
    if (!node) {
      const isSwitch = this.ctx.switches.includes(name);
      const guess = closest(name, this.nodes.keys());
      this.diagnostics.error("OT8002", `no node named \`${name}\``, {
        span: t.span,
        help: isSwitch
          ? `\`${name}\` is a switch, which has no address: name a node on it`
          : guess
            ? `did you mean \`${guess}\`?`
            : "an expectation names nodes, `NODE.IFACE` or addresses of the lab",
      });
      return undefined;
    }
    if (isolates(node.isolation, "net")) return node;
    this.diagnostics.error("OT8007", `node \`${name}\` has no network of its own`, {
      span: t.span,
      notes: [
        "it does not isolate `net`: it shares the host's network, which OpenTop neither models nor probes",
      ],
      help: "give the node `isolate net …`, or name another node",
    });
    return undefined;
  }

  /** An address without a prefix length, held by a node of the lab. */
  private address(t: Text, what: string): End | undefined {
    const ip = parseIp(t.text);
    if (!ip.ok) {
      this.diagnostics.error("OT8001", `invalid ${what} \`${t.text}\``, {
        span: t.span,
        label: t.text.includes("/") ? "an address without its prefix length is expected" : ip.reason,
        help: "name a node, `NODE.IFACE`, or an address such as 10.1.0.10",
      });
      return undefined;
    }
    for (const node of this.ctx.nodes)
      for (const iface of node.ifaces)
        if (iface.addresses.some((a) => a.text === ip.value.text))
          return { node, iface: iface.name, address: ip.value };
    const host = this.ctx.hostAddresses.some((a) => a.text === ip.value.text);
    this.diagnostics.error("OT8003", `${ip.value.text} is not an address of the lab's nodes`, {
      span: t.span,
      ...(host
        ? {
            notes: [
              "it is the host's side of a link to the host: OpenTop neither models nor probes the host",
            ],
          }
        : {}),
      help: "expectations are about the lab: name a node, `NODE.IFACE`, or an address one of its nodes has",
    });
    return undefined;
  }

  /** Protocol, port, `via` and family, in any order. */
  private words(args: readonly Text[]): Words | undefined {
    let protocol: { value: ProbeProtocol; span: Span } | undefined;
    let port: number | undefined;
    let family: Family | undefined;
    let via: string | undefined;
    const bad = (t: Text, message: string, help = WORDS_HELP) => {
      this.diagnostics.error("OT8001", message, { span: t.span, help });
      return undefined;
    };
    for (let i = 0; i < args.length; i++) {
      const w = args[i] as Text;
      const next = args[i + 1];
      if ((PROBE_PROTOCOLS as readonly string[]).includes(w.text)) {
        if (protocol) return bad(w, "an expectation has one protocol");
        protocol = { value: w.text as ProbeProtocol, span: w.span };
        if (w.text === "icmp") continue;
        if (!next || !/^\d+$/.test(next.text))
          return bad(w, `\`${w.text}\` needs a port`, `for example \`${w.text} 80\``);
        const n = Number(next.text);
        if (n < 1 || n > 65535) return bad(next, `invalid port \`${next.text}\``, "a port is 1 to 65535");
        port = n;
        i++;
      } else if (w.text === "-4" || w.text === "-6") {
        if (family) return bad(w, "the family is given twice");
        family = w.text === "-4" ? 4 : 6;
      } else if (w.text === "via") {
        if (via !== undefined) return bad(w, "`via` is given twice");
        if (!next) return bad(w, "`via` needs a node", "for example `via router`");
        if (!this.node(next.text, next)) return undefined;
        via = next.text;
        i++;
      } else if (/^\d+$/.test(w.text))
        return bad(w, `a port needs its protocol: \`tcp ${w.text}\` or \`udp ${w.text}\``);
      else if (w.text === "icmpv6" || w.text === "ping")
        return bad(
          w,
          `unknown word \`${w.text}\` in an expectation`,
          "write `icmp`: the family says whether it is ICMPv6",
        );
      else return bad(w, `unknown word \`${w.text}\` in an expectation`);
    }
    return {
      protocol: protocol?.value ?? "icmp",
      ...(port !== undefined ? { port } : {}),
      ...(family !== undefined ? { family } : {}),
      ...(via !== undefined ? { via } : {}),
    };
  }

  /**
   * The families the expectation covers: the one `-4`/`-6` or an address fixes, else every
   * family both ends have an address of.
   */
  private families(d: ExpectDecl, from: End, to: End, words: Words): Family[] {
    const fixed = [words.family, from.address?.family, to.address?.family].filter(
      (f): f is Family => f !== undefined,
    );
    if (new Set(fixed).size > 1) {
      this.diagnostics.error("OT8001", "this expectation mixes IPv4 and IPv6", {
        span: d.span,
        help: "a packet is IPv4 or IPv6: the addresses and `-4`/`-6` must agree",
      });
      return [];
    }
    const candidates: Family[] = fixed.length ? [fixed[0] as Family] : [4, 6];
    const both = candidates.filter((f) => has(from, f) && has(to, f));
    if (both.length) return both;
    const missing = !has(from, candidates[0] as Family) ? from : to;
    const where = missing.iface ? `${missing.node.name}.${missing.iface}` : missing.node.name;
    this.diagnostics.error(
      "OT8004",
      fixed.length
        ? `\`${where}\` has no IPv${candidates[0]} address`
        : `\`${d.from.text}\` and \`${d.to.text}\` have no address family in common`,
      {
        span: d.span,
        help: "give the nodes addresses of one family, or choose it with `-4` or `-6`",
      },
    );
    return [];
  }

  private source(end: End, family: Family): Source | undefined {
    const address = end.address ?? (end.iface ? firstAddress(end.node, family, end.iface) : undefined);
    return {
      node: end.node.name,
      ...(end.iface ? { iface: end.iface } : {}),
      ...(address ? { address } : {}),
    };
  }

  private target(end: End, family: Family): Target | undefined {
    const address = end.address ?? firstAddress(end.node, family, end.iface);
    if (!address) return undefined;
    return { node: end.node.name, ...(end.iface ? { iface: end.iface } : {}), address };
  }
}

/** Whether an end has an address of the family (its own, or its interface's, or the node's). */
function has(end: End, family: Family): boolean {
  if (end.address) return end.address.family === family;
  return firstAddress(end.node, family, end.iface) !== undefined;
}

/**
 * The address that stands for a node (or one of its interfaces) as a destination: the first
 * of the family in the order the interfaces are declared, the loopback's last.
 */
export function firstAddress(node: Node, family: Family, iface?: string): Ip | undefined {
  const ifaces = iface
    ? node.ifaces.filter((i) => i.name === iface)
    : [...node.ifaces.filter((i) => i.name !== "lo"), ...node.ifaces.filter((i) => i.name === "lo")];
  for (const i of ifaces) {
    const a = i.addresses.find((x) => x.family === family);
    if (a) return { family: a.family, text: a.text, bytes: a.bytes };
  }
  return undefined;
}

/** `a -> b` and `a !-> b` for the same packet: one of them cannot hold. */
function contradictions(list: readonly Expectation[], diagnostics: Diagnostics): void {
  const seen = new Map<string, Expectation>();
  for (const e of list) {
    const key = [e.from.node, e.from.address?.text, e.to.address.text, e.protocol, e.port, e.family].join(
      " ",
    );
    const first = seen.get(key);
    if (!first) {
      seen.set(key, e);
      continue;
    }
    if (first.reach === e.reach) continue;
    diagnostics.error("OT8006", `\`${e.text}\` contradicts \`${first.text}\``, {
      span: e.span,
      labels: [{ span: first.span, message: "the other expectation" }],
      help: "one packet either reaches or does not: keep one of them",
    });
  }
}
