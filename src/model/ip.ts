// IP address arithmetic for the checker, on top of ipaddr.js. Strict: IPv4 only in
// dotted-quad form, no zone indices, canonical text for comparisons.

import ipaddr from "ipaddr.js";

export type Family = 4 | 6;

export interface Ip {
  readonly family: Family;
  /** Canonical text: dotted quad, or IPv6 as the kernel's tools write it (`v6Text`). */
  readonly text: string;
  readonly bytes: readonly number[];
}

export interface Cidr extends Ip {
  readonly prefix: number;
  /** `10.1.0.1/24` */
  readonly cidr: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * An address with a prefix length. Written out, not spread (`{ ...ip, prefix }`): Node 20's
 * V8 takes about a microsecond for each property added after a spread, and every address of
 * a lab passes here, some several times.
 */
export function withPrefix(ip: Ip, prefix: number): Cidr {
  return { family: ip.family, text: ip.text, bytes: ip.bytes, prefix, cidr: `${ip.text}/${prefix}` };
}

export function parseIp(text: string): Parsed<Ip> {
  if (text.includes("%")) return { ok: false, reason: "zone indices (`%eth0`) are not accepted; use `dev`" };
  // IPv6 first when there is a colon: ipaddr.js tells an invalid IPv4 address by an
  // exception, which costs more than everything else here.
  if (text.includes(":")) {
    const hex = embeddedV4(text);
    return hex !== undefined && ipaddr.IPv6.isValid(hex)
      ? { ok: true, value: fromAddr(ipaddr.IPv6.parse(hex)) }
      : { ok: false, reason: "not an IPv4 or IPv6 address" };
  }
  const v4 = ipv4Bytes(text);
  if (v4) return { ok: true, value: { family: 4, text, bytes: v4 } };
  return { ok: false, reason: "not an IPv4 or IPv6 address" };
}

/**
 * An IPv6 address whose last 32 bits are written as a dotted quad (`::ffff:10.0.0.1`,
 * `::10.0.0.1`, `64:ff9b::192.0.2.1`) with them written as two hex words instead, as the
 * kernel reads them; undefined when the quad is not one. Not left to ipaddr.js, which reads
 * `::10.0.0.1` as `::ffff:10.0.0.1` (another address: the route would not be the user's)
 * and refuses `ffff::10.0.0.1`.
 */
function embeddedV4(text: string): string | undefined {
  if (!text.includes(".")) return text;
  const colon = text.lastIndexOf(":");
  const b = ipv4Bytes(text.slice(colon + 1));
  if (!b) return undefined;
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = b;
  return `${text.slice(0, colon + 1)}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
}

/**
 * A dotted quad's bytes: four decimal numbers to 255, without leading zeros (which some
 * tools read as octal), as ipaddr.js's `isValidFourPartDecimal` takes them — parsed here
 * because a large lab has tens of thousands of them, and ipaddr.js takes 20 µs each. Read
 * character by character rather than by a regular expression, whose match (five strings)
 * cost more than the rest of a check of an address.
 */
function ipv4Bytes(text: string): number[] | undefined {
  // Four places, not an empty list pushed to: a pushed list keeps room for 17, and every
  // address of a large lab lives to the end in the model (and is copied by the collector).
  const bytes = [0, 0, 0, 0];
  let count = 0;
  let n = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    // The end of the text closes the last number as a dot closes the others.
    const c = i < text.length ? text.charCodeAt(i) : DOT;
    if (c === DOT) {
      if (digits === 0 || n > 255 || count === 4) return undefined;
      bytes[count++] = n;
      n = 0;
      digits = 0;
    } else if (c >= ZERO && c <= ZERO + 9) {
      if (digits === 3 || (digits === 1 && n === 0)) return undefined; // a fourth digit, a leading zero
      n = n * 10 + (c - ZERO);
      digits++;
    } else return undefined;
  }
  return count === 4 ? bytes : undefined;
}
const DOT = 0x2e;
const ZERO = 0x30;

export function parseCidr(text: string): Parsed<Cidr> {
  const slash = text.indexOf("/");
  if (slash === -1) return { ok: false, reason: "the prefix length is missing" };
  const ip = parseIp(text.slice(0, slash));
  if (!ip.ok) return ip;
  const lengthText = text.slice(slash + 1);
  const max = ip.value.family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(lengthText) || Number(lengthText) > max)
    return { ok: false, reason: `the prefix length must be 0 to ${max}` };
  const prefix = Number(lengthText);
  return { ok: true, value: withPrefix(ip.value, prefix) };
}

function fromAddr(a: ipaddr.IPv4 | ipaddr.IPv6): Ip {
  const bytes = a.toByteArray();
  return a.kind() === "ipv4"
    ? { family: 4, text: a.toString(), bytes }
    : { family: 6, text: v6Text(bytes), bytes };
}

/**
 * An IPv6 address as the kernel's tools write it (glibc's `inet_ntop`, which `ip`, `nft`
 * and `tc` print with): RFC 5952's compressed hex, except that an address whose first 96
 * bits are zero and whose next 32 are not all zero but for the last 16 (`::10.0.0.1`),
 * or an IPv4-mapped one (`::ffff:10.0.0.0`), ends in a dotted quad. The plan's text is
 * compared with what those tools print, so it must be theirs: ipaddr.js writes
 * `::ffff:a00:0`, which `status` then called missing, and the kernel's route extra.
 */
export function v6Text(bytes: readonly number[]): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  // The first longest run of two or more zero words is written `::`.
  let base = -1;
  let len = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > len) [base, len] = [i, j - i];
    i = j;
  }
  if (len < 2) base = -1;
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (i === base) {
      out += ":";
      i += len - 1;
      if (i === 7) out += ":";
      continue;
    }
    if (i !== 0) out += ":";
    if (i === 6 && base === 0 && (len === 6 || (len === 5 && words[5] === 0xffff)))
      return `${out}${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
    out += (words[i] ?? 0).toString(16);
  }
  return out;
}

function fromBytes(bytes: readonly number[]): Ip {
  // A template, not `join`: a loop can make tens of thousands of addresses, and `join` of
  // numbers costs more (20,000 here: 3–5 ms against 0.2–3).
  if (bytes.length === 4)
    return { family: 4, text: `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`, bytes };
  return fromAddr(ipaddr.fromByteArray([...bytes]));
}

/** An IPv4 address as a number, and the mask of a prefix length (in 32 bits, unsigned). */
const v4 = (bytes: readonly number[]) =>
  (((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>> 0;
const v4Mask = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);
const v4Bytes = (n: number) => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** The network of a prefix: host bits cleared. */
export function network(c: Cidr): Cidr {
  const ip =
    c.family === 4
      ? fromBytes(v4Bytes((v4(c.bytes) & v4Mask(c.prefix)) >>> 0))
      : fromBytes(c.bytes.map((b, i) => b & maskByte(c.prefix, i)));
  return withPrefix(ip, c.prefix);
}

/** Whether a prefix is a network, its host bits clear: asked of every route, so without making one. */
export function isNetwork(c: Cidr): boolean {
  if (c.family === 4) return (v4(c.bytes) & ~v4Mask(c.prefix)) >>> 0 === 0;
  return c.bytes.every((b, i) => (b & ~maskByte(c.prefix, i) & 0xff) === 0);
}

/** Whether an IPv4 address of a prefix is its network (`edge` 0) or broadcast (`edge` 1) address. */
export function isV4Edge(c: Cidr, edge: 0 | 1): boolean {
  const host = (v4(c.bytes) & ~v4Mask(c.prefix)) >>> 0;
  return edge === 0 ? host === 0 : host === ~v4Mask(c.prefix) >>> 0;
}

function maskByte(prefix: number, index: number): number {
  const bits = Math.max(0, Math.min(8, prefix - index * 8));
  return (0xff << (8 - bits)) & 0xff;
}

export function contains(net: Cidr, ip: Ip): boolean {
  if (net.family !== ip.family) return false;
  if (net.family === 4) return ((v4(net.bytes) ^ v4(ip.bytes)) & v4Mask(net.prefix)) === 0;
  return net.bytes.every(
    (b, i) => (b & maskByte(net.prefix, i)) === ((ip.bytes[i] ?? 0) & maskByte(net.prefix, i)),
  );
}

/** An address's bits under a prefix length, as a key: equal for the addresses of one subnet. */
function maskedKey(ip: Ip, prefix: number): string | number {
  if (ip.family === 4) return (v4(ip.bytes) & v4Mask(prefix)) >>> 0;
  return ip.bytes.map((b, i) => b & maskByte(prefix, i)).join(",");
}

/**
 * The subnets of many addresses, each with a value, asked which holds an address. Most nodes
 * have an address or two, compared one by one; past SMALL the addresses are indexed, one
 * lookup per distinct prefix length (a spine of a large fabric has thousands, and a route
 * for each of its leaves).
 */
export class Subnets<T> {
  private readonly added: { readonly address: Cidr; readonly value: T }[] = [];
  /** The index, made at the first question asked of more than SMALL addresses. */
  private tables: Table<T>[] | undefined;

  add(address: Cidr, value: T): void {
    this.added.push({ address, value });
    this.tables = undefined;
  }

  /** The value of the first address added with `prefix`'s length and on it. */
  on(prefix: Cidr): T | undefined {
    const tables = this.index();
    if (tables)
      return tableOf(tables, prefix.family, prefix.prefix)?.byKey.get(maskedKey(prefix, prefix.prefix))
        ?.value;
    for (const { address, value } of this.added)
      if (address.prefix === prefix.prefix && contains(address, prefix)) return value;
    return undefined;
  }

  /** The value of the first address added whose subnet holds `ip`. */
  find(ip: Ip): T | undefined {
    const tables = this.index();
    if (!tables) {
      for (const { address, value } of this.added) if (contains(address, ip)) return value;
      return undefined;
    }
    let best: Entry<T> | undefined;
    for (const table of tables) {
      if (table.family !== ip.family) continue;
      const hit = table.byKey.get(maskedKey(ip, table.prefix));
      if (hit && (!best || hit.order < best.order)) best = hit;
    }
    return best?.value;
  }

  private index(): Table<T>[] | undefined {
    if (this.added.length <= SMALL) return undefined;
    if (this.tables) return this.tables;
    const tables: Table<T>[] = [];
    this.added.forEach(({ address, value }, order) => {
      let table = tableOf(tables, address.family, address.prefix);
      if (!table) {
        table = { family: address.family, prefix: address.prefix, byKey: new Map() };
        tables.push(table);
      }
      const key = maskedKey(address, address.prefix);
      if (!table.byKey.has(key)) table.byKey.set(key, { order, value });
    });
    this.tables = tables;
    return tables;
  }
}

/** Up to this many addresses, comparing each costs less than making an index of them. */
const SMALL = 16;

/** The addresses of one family and prefix length, by their masked bits. */
interface Table<T> {
  readonly family: Family;
  readonly prefix: number;
  readonly byKey: Map<string | number, Entry<T>>;
}

interface Entry<T> {
  /** Which address this is, in the order added: the first of several on one subnet wins. */
  readonly order: number;
  readonly value: T;
}

function tableOf<T>(tables: readonly Table<T>[], family: Family, prefix: number): Table<T> | undefined {
  for (const table of tables) if (table.family === family && table.prefix === prefix) return table;
  return undefined;
}

/** Whether `ip` is the broadcast address of the IPv4 subnet `c` (on it, its host bits set). */
export function isV4BroadcastOf(c: Cidr, ip: Ip): boolean {
  return ip.family === 4 && (v4(ip.bytes) | v4Mask(c.prefix)) >>> 0 === 0xffffffff && contains(c, ip);
}

/** The broadcast address of an IPv4 prefix: its host bits set. */
export function v4Broadcast(c: Cidr): Ip {
  return fromBytes(v4Bytes((v4(c.bytes) | ~v4Mask(c.prefix)) >>> 0));
}

/** Whether an address is IPv4-mapped (::ffff:0:0/96), which the kernel sends no IPv6 packet to or from. */
export function isV4Mapped(ip: Ip): boolean {
  return (
    ip.family === 6 &&
    ip.bytes[10] === 0xff &&
    ip.bytes[11] === 0xff &&
    ip.bytes.slice(0, 10).every((b) => b === 0)
  );
}

export function isLinkLocal(ip: Ip): boolean {
  return ip.family === 6 ? ip.bytes[0] === 0xfe && ((ip.bytes[1] ?? 0) & 0xc0) === 0x80 : false;
}

/** Addresses that cannot be assigned to an interface. */
export function unassignable(ip: Ip): string | undefined {
  if (ip.bytes.every((b) => b === 0)) return "the unspecified address cannot be assigned";
  if (ip.family === 4 && (ip.bytes[0] ?? 0) >= 224 && (ip.bytes[0] ?? 0) < 240)
    return "a multicast address cannot be assigned";
  if (ip.family === 4 && (ip.bytes[0] ?? 0) >= 240) return "a reserved (class E) address cannot be assigned";
  if (ip.family === 6 && ip.bytes[0] === 0xff) return "a multicast address cannot be assigned";
  if (isV4Mapped(ip)) return "an IPv4-mapped address (::ffff:0:0/96) carries no IPv6 packets";
  return undefined;
}

export function parseMac(text: string): Parsed<string> {
  if (!/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(text))
    return { ok: false, reason: "a MAC address is six hexadecimal octets separated by `:`" };
  const first = Number.parseInt(text.slice(0, 2), 16);
  if (first & 1) return { ok: false, reason: "the first octet is odd: that is a multicast address" };
  if (/^(00:){5}00$/.test(text)) return { ok: false, reason: "the all-zero address cannot be assigned" };
  return { ok: true, value: text.toLowerCase() };
}

// ---- address pools: the k-th subnet of a prefix, the k-th address in it ----------------

function toBig(bytes: readonly number[]): bigint {
  return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

function fromBig(n: bigint, family: Family): Ip {
  const bytes: number[] = [];
  for (let i = family === 4 ? 4 : 16, v = n; i > 0; i--, v >>= 8n) bytes.unshift(Number(v & 0xffn));
  return fromBytes(bytes);
}

function bitsOf(family: Family): number {
  return family === 4 ? 32 : 128;
}

/** How many blocks of `length` a prefix holds: 2^(length - prefix). */
export function blocks(base: Cidr, length: number): bigint {
  return 1n << BigInt(length - base.prefix);
}

/**
 * An IPv4 prefix from its address as a number. Pools are counted in numbers for IPv4 (a
 * loop asks for tens of thousands of addresses; BigInt would cost several times more) and in
 * BigInt for IPv6: 2^32 blocks and addresses are exact in a number.
 */
function v4Cidr(n: number, prefix: number): Cidr {
  return withPrefix(fromBytes(v4Bytes(n)), prefix);
}

/**
 * The `index`-th subnet of `length` inside `base` (counted from 0), or why there is none:
 * `base` must be a network and `length` no shorter than it.
 */
export function subnet(base: Cidr, length: number, index: number): Parsed<Cidr> {
  const bits = bitsOf(base.family);
  if (length < base.prefix || length > bits)
    return {
      ok: false,
      reason: `a /${length} does not fit in a /${base.prefix}: the length must be ${base.prefix} to ${bits}`,
    };
  if (base.family === 4) {
    const count = 2 ** (length - base.prefix);
    if (index < 0 || index >= count)
      return { ok: false, reason: `${base.cidr} holds ${count} /${length}s, numbered 0 to ${count - 1}` };
    return { ok: true, value: v4Cidr((v4(base.bytes) + index * 2 ** (32 - length)) >>> 0, length) };
  }
  const count = blocks(base, length);
  if (index < 0 || BigInt(index) >= count)
    return { ok: false, reason: `${base.cidr} holds ${count} /${length}s, numbered 0 to ${count - 1n}` };
  const start = toBig(base.bytes) + (BigInt(index) << BigInt(bits - length));
  const ip = fromBig(start, base.family);
  return { ok: true, value: withPrefix(ip, length) };
}

/** The `index`-th address of `base` (0 is its network address), with `base`'s length. */
export function nthAddress(base: Cidr, index: number): Parsed<Cidr> {
  if (base.family === 4) {
    const count = 2 ** (32 - base.prefix);
    if (index < 0 || index >= count)
      return { ok: false, reason: `${base.cidr} holds ${count} addresses, numbered 0 to ${count - 1}` };
    return { ok: true, value: v4Cidr((v4(base.bytes) + index) >>> 0, base.prefix) };
  }
  const count = blocks(base, bitsOf(base.family));
  if (index < 0 || BigInt(index) >= count)
    return { ok: false, reason: `${base.cidr} holds ${count} addresses, numbered 0 to ${count - 1n}` };
  const ip = fromBig(toBig(base.bytes) + BigInt(index), base.family);
  return { ok: true, value: withPrefix(ip, base.prefix) };
}
