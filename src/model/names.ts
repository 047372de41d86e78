// How a lab's objects are named in the kernel, and which names the language accepts.
// Names are restricted to a safe character set so that no tool or shell misreads them.

import { hash } from "node:crypto";

/** Letters, digits, `_` and `-`, starting with a letter: safe in argv, batch files and sh. */
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** The kernel's limit on interface names (IFNAMSIZ - 1). */
export const IFNAME_MAX = 15;
/** Lab names appear in every namespace name and in /run/opentop paths. */
export const LAB_NAME_MAX = 32;
/** Node names appear in namespace names (`LAB.NODE`, at most 255 bytes). */
export const NODE_NAME_MAX = 64;

/** The host's own network namespace after `->`; so that it stays unambiguous, nothing else takes the name. */
export const HOST = "host";

/** The network namespace of a node: `office.router`. Node names never contain `.`. */
export function nodeNetns(lab: string, node: string): string {
  return `${lab}.${node}`;
}

/** The namespace that holds a lab's switches (bridges): the lab's own name. */
export function switchNetns(lab: string): string {
  return lab;
}

/**
 * The switch side of a node's port: `pc1.eth0` when it fits in 15 characters (it cannot
 * collide with a bridge name, which has no `.`), else `p.` and ten base-36 characters of a
 * hash of node and interface (a node name starts with a letter, so `p.…` is never
 * `NODE.IFACE`, and ten characters make two ports of one lab alike only with negligible
 * probability). Derived from the port alone, never from its place among the lab's ports, so
 * that adding a link to a running lab (`apply`) renames no other port.
 */
export function portName(node: string, iface: string): string {
  const name = `${node}.${iface}`;
  return name.length <= IFNAME_MAX ? name : `p.${base36(digest(`${node}/${iface}`), 10)}`;
}

/** A number from 0 to 2^48 - 1 derived from `text`: the same text, the same number. */
export function stableNumber(text: string): number {
  // Its first 6 bytes, big-endian: 12 hex digits, exact in a double (< 2^53).
  return Number.parseInt(digest(text).slice(0, 12), 16);
}

/**
 * SHA-256 in one call, in hex: lowering asks for one an interface, a Hash object costs twice
 * as much, and Node 20's one-shot hash returns hex in about half the time of a Buffer.
 */
function digest(text: string): string {
  return hash("sha256", text, "hex");
}

/** The last `n` base-36 digits of the first 8 bytes of a digest, zero-padded. */
function base36(hex: string, n: number): string {
  return BigInt(`0x${hex.slice(0, 16)}`)
    .toString(36)
    .padStart(n, "0")
    .slice(-n);
}

/**
 * The host side of a node's link to the host, unless declared: `ot-` + 6 characters of a
 * hash of lab, node and interface + `-` + up to 5 of the interface name. Deterministic;
 * distinct labs, nodes or interfaces give distinct names except with negligible probability,
 * and `up` refuses an existing name rather than reusing it.
 */
export function hostIfaceName(lab: string, node: string, iface: string): string {
  return `ot-${base36(digest(`${lab}/${node}/${iface}`), 6)}-${iface.slice(0, 5)}`;
}

/** Marks written into the kernel (interface aliases) so tear-down and gc know their owner. */
export const MARK_PREFIX = "opentop";

export function labMark(lab: string): string {
  return `${MARK_PREFIX}:${lab}`;
}

export function nodeMark(lab: string, node: string): string {
  return `${MARK_PREFIX}:${lab}:${node}`;
}

export function hostIfaceMark(lab: string, node: string, iface: string): string {
  return `${MARK_PREFIX}:${lab}:${node}:${iface}`;
}

/** Parse a mark back: undefined if it is not OpenTop's. */
export function parseMark(
  alias: string | undefined,
): { lab: string; node?: string; iface?: string } | undefined {
  if (!alias) return undefined;
  const parts = alias.split(":");
  if (parts[0] !== MARK_PREFIX || !parts[1] || !NAME_PATTERN.test(parts[1]) || parts.length > 4)
    return undefined;
  return {
    lab: parts[1],
    ...(parts[2] ? { node: parts[2] } : {}),
    ...(parts[3] ? { iface: parts[3] } : {}),
  };
}
