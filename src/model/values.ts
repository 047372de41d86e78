// Single values as written in a lab: names, addresses, MTUs, MACs and integers, each parsed
// into its model form or reported with its own code. No value here depends on another.

import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/source.js";
import type { PropDecl, Text } from "./expand.js";
import { type Cidr, isV4Edge, parseCidr, parseMac, unassignable } from "./ip.js";
import { IFNAME_MAX, NAME_PATTERN } from "./names.js";

/** An address of an interface, with where it was written. */
export interface Address extends Cidr {
  readonly span: Span;
}

const SAFE_NAME_HELP = "names use letters, digits, `_` and `-`, and start with a letter";

/** Checks a name's characters and length; true if it is usable. */
export function checkName(diagnostics: Diagnostics, t: Text, what: string, max: number): boolean {
  if (!NAME_PATTERN.test(t.text)) {
    diagnostics.error("OT1003", `invalid ${what} name \`${t.text}\``, { span: t.span, help: SAFE_NAME_HELP });
    return false;
  }
  if (t.text.length > max) {
    diagnostics.error("OT1004", `${what} name \`${t.text}\` is ${t.text.length} characters long`, {
      span: t.span,
      label: `at most ${max}`,
      ...(max === IFNAME_MAX
        ? { notes: ["the kernel limits interface names to 15 characters"] }
        : { notes: [`${what} names are part of kernel object names and paths; the limit is ${max}`] }),
      help: `use a name of at most ${max} characters`,
    });
    return false;
  }
  return true;
}

/**
 * An address with its prefix length, assignable to an interface. `namesTarget` tells a word
 * that is no address but a link target, so that the error can suggest the missing `->`.
 */
export function parseAddress(
  diagnostics: Diagnostics,
  t: Text,
  namesTarget: (word: string) => boolean,
  onLo = false,
): Address | undefined {
  const parsed = parseCidr(t.text);
  if (!parsed.ok) {
    // A word that is no address at all is most often a target without its arrow.
    const word = !/^[0-9a-fA-F:.]+(\/\d*)?$/.test(t.text);
    const target = word && namesTarget(t.text);
    diagnostics.error("OT2001", word ? `\`${t.text}\` is not an address` : `invalid address \`${t.text}\``, {
      span: t.span,
      label: word ? "an address was expected here" : parsed.reason,
      help: target
        ? `to connect the interface, write \`-> ${t.text}\``
        : "write an address with its prefix length, such as 10.0.0.1/24 or fd00::1/64",
    });
    return undefined;
  }
  const a = parsed.value;
  const bad = unassignable(a) ?? loopback(a, onLo);
  if (bad) {
    diagnostics.error("OT2001", `invalid address \`${t.text}\``, { span: t.span, label: bad });
    return undefined;
  }
  if (a.family === 4 && a.prefix < 31) edgeOfSubnet(diagnostics, a, t.span);
  // Written out, not spread: see withPrefix.
  return { family: a.family, text: a.text, bytes: a.bytes, prefix: a.prefix, cidr: a.cidr, span: t.span };
}

/**
 * The loopback addresses every namespace's `lo` has: not again (IPv6 takes an address once
 * whatever its length: "address already assigned"), and ::1 on no other interface (the
 * kernel: "Cannot assign loopback address on this device").
 */
function loopback(a: Cidr, onLo: boolean): string | undefined {
  if (onLo && (a.cidr === "127.0.0.1/8" || a.text === "::1"))
    return "the loopback of every namespace has it already";
  if (!onLo && a.text === "::1") return "::1 is the loopback address, which only `lo` has";
  return undefined;
}

/** The network and broadcast addresses of an IPv4 subnet are no host's. */
function edgeOfSubnet(diagnostics: Diagnostics, a: Cidr, span: Span): void {
  if (isV4Edge(a, 0))
    diagnostics.error("OT2003", `\`${a.cidr}\` is the network address of its subnet`, {
      span,
      help: "hosts on this subnet will not reach it as a neighbour; use a host address",
    });
  else if (isV4Edge(a, 1))
    diagnostics.error("OT2009", `\`${a.cidr}\` is the broadcast address of its subnet`, {
      span,
      help: "use a host address; packets to the broadcast address reach every host of the subnet",
    });
}

/** An `mtu` option's value; undefined when it is invalid (reported). */
export function parseMtu(diagnostics: Diagnostics, p: PropDecl): number | undefined {
  const arg = p.args[0];
  if (!arg) return undefined;
  const v = Number(arg.text);
  if (!/^\d+$/.test(arg.text) || v < 68 || v > 65535) {
    diagnostics.error("OT2005", `invalid MTU \`${arg.text}\``, {
      span: arg.span,
      help: "an MTU is an integer from 68 to 65535 (1280 or more where IPv6 is used)",
    });
    return undefined;
  }
  return v;
}

/** A `mac` option's value, normalised; undefined when it is invalid (reported). */
export function parseMacOption(diagnostics: Diagnostics, p: PropDecl): string | undefined {
  const arg = p.args[0];
  if (!arg) return undefined;
  const mac = parseMac(arg.text);
  if (mac.ok) return mac.value;
  diagnostics.error("OT2004", `invalid MAC address \`${arg.text}\``, {
    span: arg.span,
    label: mac.reason,
    help: "use a locally administered unicast address such as 02:00:00:00:00:01",
  });
  return undefined;
}

/** A route option's integer: undefined when absent, null when invalid (reported, OT3007). */
export function parseInteger(
  diagnostics: Diagnostics,
  p: PropDecl | undefined,
  min: number,
  max: number,
  what: string,
): number | undefined | null {
  const arg = p?.args[0];
  if (!arg) return undefined;
  const v = Number(arg.text);
  if (!/^\d+$/.test(arg.text) || v < min || v > max) {
    diagnostics.error("OT3007", `invalid ${what} \`${arg.text}\``, {
      span: arg.span,
      help: `a ${what} is an integer from ${min} to ${max}`,
    });
    return null;
  }
  return v;
}
