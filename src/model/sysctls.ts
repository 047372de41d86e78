// A node's sysctls: `forward` expanded to the settings it stands for, every key checked to
// be the node's own (net.*), every value safe to pass on, and no key set twice.

import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/source.js";
import type { NodeDecl } from "./expand.js";

export interface Sysctl {
  readonly key: string;
  readonly value: string;
  readonly span: Span;
}

/** `forward`'s settings first, then the node's own in declaration order. */
export function checkSysctls(diagnostics: Diagnostics, n: NodeDecl): Sysctl[] {
  const out: Sysctl[] = [];
  const seen = new Map<string, Span>();
  const add = (key: string, value: string, span: Span, keySpan: Span) => {
    const first = seen.get(key);
    if (first) {
      diagnostics.error("OT1016", `sysctl \`${key}\` is set twice in \`${n.name.text}\``, {
        span: keySpan,
        labels: [{ span: first, message: "first set here" }],
        help: "`forward` sets net.ipv4.ip_forward and net.ipv6.conf.all.forwarding; set each key once",
      });
      return;
    }
    seen.set(key, keySpan);
    out.push({ key, value, span });
  };
  forward(diagnostics, n, add);
  for (const s of n.sysctls) {
    const key = s.key.text.replaceAll("/", ".");
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(key) || key.includes("..") || key.endsWith(".")) {
      diagnostics.error("OT3006", `invalid sysctl key \`${s.key.text}\``, {
        span: s.key.span,
        help: "a key is dotted words, such as net.ipv4.conf.all.rp_filter",
      });
      continue;
    }
    if (!key.startsWith("net.")) {
      diagnostics.error("OT3005", `sysctl \`${key}\` is not in the node's network namespace`, {
        span: s.key.span,
        notes: [
          "only net.* settings belong to a network namespace; others (kernel.*, vm.*, fs.*) are the host's",
        ],
        help: "set only net.* keys in a node; host-wide settings are outside a lab",
      });
      continue;
    }
    const value = s.value.text;
    if (value.length === 0 || value.length > 256 || hasUnsafeChar(value)) {
      diagnostics.error("OT3006", `invalid value for sysctl \`${key}\``, {
        span: s.value.span,
        help: 'a value is a number, or words in a string ("4096 87380 6291456"), with no quotes, $, backslashes or control characters inside',
      });
      continue;
    }
    add(key, value, s.span, s.key.span);
  }
  return out;
}

type Add = (key: string, value: string, span: Span, keySpan: Span) => void;

/** `forward`, once: forwarding for IPv4 and IPv6, and no duplicate address detection. */
function forward(diagnostics: Diagnostics, n: NodeDecl, add: Add): void {
  const [firstForward, ...moreForwards] = n.forwards;
  for (const again of moreForwards)
    if (firstForward)
      diagnostics.error("OT1016", `\`forward\` is given twice in \`${n.name.text}\``, {
        span: again,
        labels: [{ span: firstForward, message: "first given here" }],
        help: "one `forward` turns forwarding on for IPv4 and IPv6",
      });
  for (const span of n.forwards.slice(0, 1)) {
    add("net.ipv4.ip_forward", "1", span, span);
    add("net.ipv6.conf.all.forwarding", "1", span, span);
    // A router asks for a forwarded packet's next hop from its link-local address, which
    // duplicate address detection keeps unusable for a second or two after the link comes
    // up: forwarded IPv6 would be dropped meanwhile. Lab addresses are checked for
    // duplicates when compiled, so a router's interfaces skip DAD (unless set explicitly).
    const explicit = n.sysctls.some(
      (x) => x.key.text.replaceAll("/", ".") === "net.ipv6.conf.default.accept_dad",
    );
    if (!explicit) add("net.ipv6.conf.default.accept_dad", "0", span, span);
  }
}

/** Control characters, quotes, backquotes, `$` and backslashes: never in a sysctl value. */
function hasUnsafeChar(value: string): boolean {
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || c === 0x7f || "\"'`$\\".includes(ch)) return true;
  }
  return false;
}
