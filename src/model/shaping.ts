// Shaping: `rate`, `burst`, `delay`, `jitter`, `loss` and `limit` on an interface, in the units
// people use (`10mbit`, `20ms`, `1%`). They shape what the interface sends (its egress);
// `both` shapes what it receives as well, at the link's other end. Values are parsed and
// checked here, each alone (OT2020, OT2021, OT2022, OT2025); where `both` lands is decided
// once the links are known (src/model/shaping-links.ts).

import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { join, type Span } from "../diagnostics/source.js";
import type { IfaceDecl, PropDecl } from "./expand.js";

/** What a qdisc does to one direction of an interface. Absent members: not shaped so. */
export interface Shaping {
  /** Bits per second. */
  readonly rate?: number;
  /** Bytes the rate's bucket holds: what may leave at once, faster than the rate. */
  readonly burst?: number;
  /** Microseconds every packet waits. */
  readonly delay?: number;
  /** Microseconds by which each packet's delay varies. */
  readonly jitter?: number;
  /** Percent of packets dropped at random (0 < loss ≤ 100). */
  readonly loss?: number;
  /** Packets the queue holds. */
  readonly limit?: number;
  /** The MTU of the interface it shapes (for the default burst and queue). */
  readonly mtu: number;
  /** The shaping options as written (first to last): where its operations come from. */
  readonly span: Span;
}

/** What a frame adds to its packet that a qdisc counts: the Ethernet header. */
export const ETHERNET_HEADER = 14;

/** The words of shaping, as interface options (the parser's IFACE_OPTIONS lists them too). */
export const SHAPING_OPTIONS = ["rate", "burst", "delay", "jitter", "loss", "limit", "both"] as const;

/** An interface's shaping as written, before the links say where `both` lands. */
export interface ShapingDecl {
  readonly shaping: Omit<Shaping, "mtu">;
  /** `both`: what the interface receives is shaped alike, at the link's other end. */
  readonly both?: Span;
}

type Knob = Exclude<keyof Shaping, "mtu" | "span">;

/** Each knob's parser: its value from the text, or why the text is not one. */
const KNOBS: {
  readonly [K in Knob]: { readonly parse: (t: string) => number | string; readonly form: string };
} = {
  rate: { parse: parseRate, form: "a rate such as 10mbit, 1gbit or 500kbit (or bytes: 1mbps)" },
  burst: { parse: parseBytes, form: "a size in bytes such as 32k, 1m or 15000" },
  delay: { parse: parseTime, form: "a time such as 20ms, 1.5ms, 500us or 1s" },
  jitter: { parse: parseTime, form: "a time such as 5ms" },
  loss: { parse: parsePercent, form: "a percentage such as 1% or 0.1%" },
  limit: { parse: parsePackets, form: "a number of packets from 1 to 10000000" },
};

const RATE_UNITS: Readonly<Record<string, number>> = {
  bit: 1,
  kbit: 1e3,
  mbit: 1e6,
  gbit: 1e9,
  tbit: 1e12,
  bps: 8,
  kbps: 8e3,
  mbps: 8e6,
  gbps: 8e9,
  tbps: 8e12,
};

function parseRate(t: string): number | string {
  const m = /^(\d+(?:\.\d+)?)([a-z]+)$/i.exec(t);
  const unit = m?.[2] ? RATE_UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) return "not a rate";
  const bits = Math.round(Number(m[1]) * unit);
  if (bits < 8) return "below 8 bit/s (1 byte/s), the kernel's smallest rate";
  return bits > 1e13 ? "above 10tbit" : bits;
}

const SIZE_UNITS: Readonly<Record<string, number>> = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1 << 20,
  mb: 1 << 20,
  mib: 1 << 20,
};

function parseBytes(t: string): number | string {
  const m = /^(\d+)([a-z]*)$/i.exec(t);
  const unit = m ? SIZE_UNITS[(m[2] ?? "").toLowerCase()] : undefined;
  if (!m || unit === undefined) return "not a size";
  const bytes = Number(m[1]) * unit;
  return bytes > 1 << 30 ? "above 1g" : bytes;
}

const TIME_UNITS: Readonly<Record<string, number>> = { s: 1e6, ms: 1e3, us: 1 };

function parseTime(t: string): number | string {
  const m = /^(\d+(?:\.\d+)?)(s|ms|us)$/.exec(t);
  if (!m?.[2]) return "not a time";
  const us = Math.round(Number(m[1]) * (TIME_UNITS[m[2]] ?? 1));
  return us > 60e6 ? "above 60s" : us;
}

function parsePercent(t: string): number | string {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(t);
  if (!m) return "not a percentage";
  const p = Number(m[1]);
  return p <= 0 || p > 100 ? "not above 0% and at most 100%" : p;
}

function parsePackets(t: string): number | string {
  if (!/^\d+$/.test(t)) return "not a number of packets";
  const n = Number(t);
  return n < 1 || n > 10_000_000 ? "not from 1 to 10000000" : n;
}

/**
 * The shaping options of an interface, each parsed (an invalid one is reported, OT2020, and
 * left out), and checked together: `burst` needs `rate`, `jitter` needs `delay` (OT2021);
 * undefined when it has none.
 */
export function readShaping(diagnostics: Diagnostics, iface: IfaceDecl): ShapingDecl | undefined {
  // Most interfaces of a large lab have no option at all.
  if (iface.props.length === 0) return undefined;
  const props = iface.props.filter((p) => (SHAPING_OPTIONS as readonly string[]).includes(p.key));
  const first = props[0];
  if (!first) return undefined;
  const knobs: { -readonly [K in Knob]?: number } = {};
  const where: { [K in Knob]?: PropDecl } = {};
  let both: Span | undefined;
  for (const p of props) {
    if (p.key === "both") {
      both ??= p.keySpan;
      continue;
    }
    const knob = p.key as Knob;
    const arg = p.args[0];
    if (!arg) continue;
    if (where[knob]) {
      diagnostics.error("OT2020", `\`${knob}\` is given twice for \`${iface.name.text}\``, {
        span: p.keySpan,
        labels: [{ span: where[knob].keySpan, message: "first given here" }],
      });
      continue;
    }
    where[knob] = p;
    const value = KNOBS[knob].parse(arg.text);
    if (typeof value === "string") {
      diagnostics.error("OT2020", `invalid ${knob} \`${arg.text}\``, {
        span: arg.span,
        label: value,
        help: `write ${KNOBS[knob].form}`,
      });
      continue;
    }
    knobs[knob] = value;
  }
  needs(diagnostics, where, "burst", "rate", "the burst is the depth of the rate's bucket");
  needs(diagnostics, where, "jitter", "delay", "jitter varies the delay of each packet around `delay`");
  if (knobs.jitter !== undefined && knobs.delay !== undefined && knobs.jitter > knobs.delay && where.jitter)
    diagnostics.error(
      "OT2025",
      `jitter ${show(where.jitter)} is larger than the delay ${show(where.delay)}`,
      {
        span: where.jitter.span,
        notes: [
          "a packet cannot leave before it is sent: delays below zero become zero, so the average delay is more than `delay`",
        ],
        help: "use a jitter at most as large as the delay",
      },
    );
  if (Object.keys(knobs).length === 0 && !both) return undefined;
  const last = props.at(-1) ?? first;
  return { shaping: { ...knobs, span: join(first.span, last.span) }, ...(both ? { both } : {}) };
}

function show(p: PropDecl | undefined): string {
  return p?.args[0]?.text ?? "";
}

/** A knob that modifies another must come with it. */
function needs(
  diagnostics: Diagnostics,
  where: { readonly [K in Knob]?: PropDecl },
  knob: Knob,
  base: Knob,
  why: string,
): void {
  const p = where[knob];
  if (!p || where[base]) return;
  diagnostics.error("OT2021", `\`${knob}\` without \`${base}\``, {
    span: p.keySpan,
    notes: [why],
    help: `add \`${base}\`, or remove \`${knob}\``,
  });
}

/** Whether the shaping shapes anything (`both` alone does not). */
export function shapes(s: Omit<Shaping, "mtu">): boolean {
  return (Object.keys(KNOBS) as Knob[]).some((k) => s[k] !== undefined);
}
