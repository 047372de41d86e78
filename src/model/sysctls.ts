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

/** Per-interface keys (net.ipv4.conf.eth0.…), which need their interface: its name, else undefined. */
const PER_IFACE = /^net\.(ipv4|ipv6)\.(conf|neigh)\.([^.]+)\./;

export function sysctlIface(key: string): string | undefined {
  const m = PER_IFACE.exec(key);
  return m?.[3] !== undefined && m[3] !== "all" && m[3] !== "default" ? m[3] : undefined;
}

/** The key a per-interface key takes its value from when the interface is made: `…conf.default.…`. */
export function sysctlDefault(key: string): string {
  return key.replace(PER_IFACE, (_, v, kind) => `net.${v}.${kind}.default.`);
}

/** `forward`'s settings first, then the node's own in declaration order. */
export function checkSysctls(diagnostics: Diagnostics, n: NodeDecl): Sysctl[] {
  // Most nodes of a large lab set none: no table of keys for them, nor a closure.
  if (n.forwards.length === 0 && n.sysctls.length === 0) return [];
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
    const refused = notPerNamespace(key);
    if (refused !== undefined) {
      diagnostics.error("OT3008", `sysctl \`${key}\` is not kept per network namespace`, {
        span: s.key.span,
        notes: [refused],
        help: 'a node sets only what the kernel keeps for each network namespace: its interfaces\' settings (net.ipv4.conf.*, net.ipv6.conf.*, neigh.*), IP, TCP, UDP and ICMP behaviour, routes, conntrack timeouts (docs/language.md, "Sysctls")',
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

/**
 * The sysctls a node may set: those Linux keeps for each network namespace, so that setting
 * one inside a node changes that node only. The kernel shows a namespace only its own
 * settings, with a few exceptions it shows everywhere and keeps once (below); anything under
 * net.* that is not here is refused rather than tried.
 */
const PER_NAMESPACE: readonly RegExp[] = [
  // Per interface (`all`, `default`, or one interface), and the neighbour tables'.
  /^net\.ipv[46]\.(conf|neigh)\.[^.]+\.[a-z0-9_]+$/,
  /^net\.ipv4\.(ip_|tcp_|udp_|icmp_|igmp_|ipfrag_|fib_)[a-z0-9_]+$/,
  /^net\.ipv4\.(ping_group_range|fwmark_reflect|raw_l3mdev_accept|nexthop_compat_mode|xfrm4_gc_thresh)$/,
  /^net\.ipv4\.route\.(min_pmtu|mtu_expires|min_adv_mss|flush)$/,
  /^net\.ipv6\.(route|icmp)\.[a-z0-9_]+$/,
  /^net\.ipv6\.(ip6frag_|flowlabel_|fib_|max_|idgen_|ioam6_|seg6_)[a-z0-9_]+$/,
  /^net\.ipv6\.(bindv6only|ip_nonlocal_bind|fwmark_reflect|auto_flowlabels|anycast_src_echo_reply|xfrm6_gc_thresh)$/,
  /^net\.netfilter\.nf_conntrack_[a-z0-9_]+$/,
  /^net\.netfilter\.nf_log\.[0-9]+$/,
  /^net\.bridge\.bridge-nf-[a-z0-9-]+$/,
  /^net\.mptcp\.[a-z0-9_]+$/,
  /^net\.unix\.max_dgram_qlen$/,
  /^net\.core\.(somaxconn|optmem_max|txrehash|tstamp_allow_data|rps_default_mask|xfrm_[a-z_]+)$/,
];

/** Within those: what a namespace shows but the kernel keeps once, or lets only the host's set. */
const NOT_OWN: readonly (readonly [RegExp, string])[] = [
  [
    /^net\.netfilter\.nf_hooks_lwtunnel$/,
    "every namespace shows it, but it is one switch for the whole machine: set in a node, it would change the host",
  ],
  [
    /^net\.(ipv4\.(tcp_mem|udp_mem|tcp_max_orphans|tcp_low_latency|fib_sync_mem|ipfrag_secret_interval)|ipv6\.ip6frag_secret_interval)$/,
    "the kernel keeps it once for the whole machine",
  ],
  [
    /^net\.ipv[46]\.neigh\.default\./,
    "the neighbour tables' defaults are the machine's; set the interface's own (net.ipv4.neigh.eth0.…)",
  ],
  [
    /^net\.(netfilter\.nf_conntrack_(max|buckets|expect_max|count)|ipv4\.(tcp_allowed_congestion_control|tcp_available_[a-z_]+|tcp_ehash_entries|udp_hash_entries)|ipv[46]\.conf\.[^.]+\.mc_forwarding|mptcp\.available_[a-z_]+)$/,
    "a namespace may read it but not set it: the host's value applies to every namespace",
  ],
];

/** Why a net.* key is not the node's own to set, or undefined when it is. */
export function notPerNamespace(key: string): string | undefined {
  const own = NOT_OWN.find(([re]) => re.test(key));
  if (own) return own[1];
  if (PER_NAMESPACE.some((re) => re.test(key))) return undefined;
  return "it is not among the settings Linux keeps per network namespace (net.core.* is mostly the machine's: its buffers, its queues, its BPF JIT)";
}
