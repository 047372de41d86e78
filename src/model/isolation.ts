// Composable isolation (docs/isolation.md): what a node isolates besides (or instead of) its network,
// its mounts, its cgroup limits and the services it runs. Declarations → this part of the
// model; every problem is an OT5xxx diagnostic, and checking goes on after one.

import { closest, type Diagnostics } from "../diagnostics/diagnostic.js";
import { join, type Span } from "../diagnostics/source.js";
import { assertNever } from "../never.js";
import type { Decls, IsolationDecl, NodeDecl, Text } from "./expand.js";
import { NAME_PATTERN } from "./names.js";
import { type Ready, readReadiness } from "./ready.js";

/** What a node can isolate, in the order they are listed everywhere. */
export const ASPECTS = ["net", "uts", "ipc", "mount", "pid", "cgroup"] as const;
export type Aspect = (typeof ASPECTS)[number];

/** Principle 1: without `isolate`, a node isolates its network and shares everything else. */
export const DEFAULT_ASPECTS: readonly Aspect[] = ["net"];

export type Mount =
  | {
      readonly kind: "tmpfs";
      /** Where, as the node sees it (inside its `root` when it has one). */
      readonly target: string;
      /** The `size=` option: bytes, or a percentage of memory (`50%`). */
      readonly size?: string;
      readonly span: Span;
    }
  | {
      readonly kind: "bind";
      /** A path on the host. */
      readonly source: string;
      readonly target: string;
      readonly readonly: boolean;
      readonly span: Span;
    };

export interface Limit {
  /** Bytes for memory, cores for cpu (0.5 is half a core), a count for pids. */
  readonly value: number;
  /** As written, for people. */
  readonly text: string;
  readonly span: Span;
}

export type LimitKind = "memory" | "cpu" | "pids";
export const LIMIT_KINDS: readonly LimitKind[] = ["memory", "cpu", "pids"];
export type Limits = { readonly [K in LimitKind]?: Limit };

export interface Service {
  /** Names its log, its PID file and its process mark: `run1`, `run2`… unless named. */
  readonly name: string;
  /** The user's shell command: run by `sh -c` as written, never spliced into other shell text. */
  readonly command: string;
  /** When `up` counts it as ready (src/model/ready.ts). */
  readonly ready: Ready;
  readonly span: Span;
}

export interface Isolation {
  /** In the order of ASPECTS. */
  readonly aspects: readonly Aspect[];
  /** With `uts`: the declared hostname, or the node's name. */
  readonly hostname?: string;
  /** The `hostname` statement, when there is one. */
  readonly hostnameSpan?: Span;
  readonly root?: { readonly dir: string; readonly span: Span };
  readonly mounts: readonly Mount[];
  readonly limits: Limits;
  readonly services: readonly Service[];
}

export function isolates(i: Isolation, aspect: Aspect): boolean {
  return i.aspects.includes(aspect);
}

export function hasLimits(limits: Limits): boolean {
  return LIMIT_KINDS.some((k) => limits[k] !== undefined);
}

/** Service names are file names and part of process marks. */
export const SERVICE_NAME_MAX = 32;

/**
 * The longest command a service may have: it is one argument of `sh -c`, and Linux takes no
 * argument longer than MAX_ARG_STRLEN (32 pages: 128 KiB with its terminating NUL).
 */
export const COMMAND_MAX = 128 * 1024 - 1;
/** A service may not be called this: the pid namespace's init has the mark `…:init`. */
const RESERVED_SERVICE = "init";
/** The kernel's HOST_NAME_MAX. */
const HOSTNAME_MAX = 64;

/** The lab's default from top-level `isolate` statements, if any (the first counts). */
export function labDefault(decls: Decls, diagnostics: Diagnostics): readonly Aspect[] | undefined {
  const [first, ...rest] = decls.isolate;
  for (const again of rest) repeated(diagnostics, again, first, "`isolate` is given twice at the top level");
  return first ? aspects(first, diagnostics) : undefined;
}

/** A node's isolation from its statements and the lab's default. */
export function checkIsolation(
  node: NodeDecl,
  labAspects: readonly Aspect[] | undefined,
  diagnostics: Diagnostics,
): Isolation {
  // Most nodes of a large lab say nothing of it: they share one answer.
  if (node.isolation.length === 0 && labAspects === undefined) return DEFAULT_ISOLATION;
  return new NodeChecker(node, diagnostics).run(labAspects);
}

/** A node's isolation when neither it nor the lab says anything of it. */
const DEFAULT_ISOLATION: Isolation = { aspects: DEFAULT_ASPECTS, mounts: [], limits: {}, services: [] };

class NodeChecker {
  constructor(
    private readonly node: NodeDecl,
    private readonly diagnostics: Diagnostics,
  ) {}

  run(labAspects: readonly Aspect[] | undefined): Isolation {
    const d = this.diagnostics;
    const statements = this.node.isolation;
    const isolate = this.once(
      statements.filter((s) => s.keyword === "isolate"),
      "isolate",
    );
    const chosen = (isolate && aspects(isolate, d)) ?? labAspects ?? DEFAULT_ASPECTS;
    const has = (a: Aspect) => chosen.includes(a);
    const where = isolate
      ? "this node's `isolate`"
      : labAspects
        ? "the lab's `isolate`"
        : "the default (`isolate net`)";

    if (has("pid") && !has("mount"))
      d.error("OT5003", "`isolate pid` needs `mount` too", {
        span: isolate?.span ?? this.node.name.span,
        notes: [
          "a pid namespace needs its own /proc, or `ps` inside shows the host's processes; /proc is mounted in the node's mount namespace",
        ],
        help: "isolate `mount` as well: `isolate … pid mount`",
      });
    if (!has("net")) this.noNetwork(where);

    const hostnameDecl = this.once(
      statements.filter((s) => s.keyword === "hostname"),
      "hostname",
    );
    let hostname: string | undefined;
    if (hostnameDecl) {
      hostname = this.hostname(hostnameDecl);
      this.needs(hostnameDecl, "uts", has, where);
    }

    const rootDecl = this.once(
      statements.filter((s) => s.keyword === "root"),
      "root",
    );
    let root: Isolation["root"];
    if (rootDecl) {
      this.needs(rootDecl, "mount", has, where);
      const dir = this.args(rootDecl, 1, 1, "`root DIR`, for example `root /srv/rootfs`")
        ? pathArg(rootDecl.args[0], "root directory", d)
        : undefined;
      if (dir === "/")
        d.error("OT5006", "`root /` is the host's own root", {
          span: rootDecl.args[0]?.span,
          help: "give a directory that holds the node's file system, such as /srv/rootfs",
        });
      else if (dir !== undefined) root = { dir, span: rootDecl.span };
    }

    const mounts: Mount[] = [];
    for (const s of statements) {
      if (s.keyword !== "mount" && s.keyword !== "bind") continue;
      this.needs(s, "mount", has, where);
      const m = s.keyword === "mount" ? this.tmpfs(s) : this.bind(s);
      if (m) mounts.push(m);
    }
    this.targets(mounts);

    const limits = this.limits(statements.filter((s) => s.keyword === "limit"));
    const services = this.services(statements.filter((s) => s.keyword === "run"));

    return {
      aspects: ASPECTS.filter(has),
      ...(has("uts") ? { hostname: hostname ?? this.node.name.text } : {}),
      ...(has("uts") && hostname !== undefined && hostnameDecl ? { hostnameSpan: hostnameDecl.span } : {}),
      ...(root ? { root } : {}),
      mounts,
      limits,
      services,
    };
  }

  /** The first of statements that may appear once; the others are reported. */
  private once(list: readonly IsolationDecl[], what: string): IsolationDecl | undefined {
    const [first, ...rest] = list;
    for (const again of rest)
      repeated(
        this.diagnostics,
        again,
        first,
        `\`${what}\` is given twice in node \`${this.node.name.text}\``,
      );
    return first;
  }

  private needs(s: IsolationDecl, aspect: Aspect, has: (a: Aspect) => boolean, where: string): void {
    if (has(aspect)) return;
    this.diagnostics.error("OT5003", `\`${s.keyword}\` needs \`isolate ${aspect}\``, {
      span: s.keywordSpan,
      notes: [`node \`${this.node.name.text}\` isolates what ${where} says, which leaves out \`${aspect}\``],
      help: `add \`${aspect}\` to the node's \`isolate\`, or remove this \`${s.keyword}\``,
    });
  }

  /** Arity check: true if the statement has from `min` to `max` arguments. */
  private args(s: IsolationDecl, min: number, max: number, usage: string): boolean {
    if (s.args.length >= min && s.args.length <= max) return true;
    const extra = s.args[max];
    this.diagnostics.error(
      "OT5011",
      s.args.length < min
        ? `\`${s.keyword}\` needs more arguments`
        : `too many arguments to \`${s.keyword}\``,
      { span: extra?.span ?? s.span, help: `write ${usage}` },
    );
    return false;
  }

  private noNetwork(where: string): void {
    const d = this.diagnostics;
    const name = this.node.name.text;
    const report = (span: Span, what: string) =>
      d.error("OT5004", `${what} in node \`${name}\`, which does not isolate its network`, {
        span,
        notes: [
          `without \`net\` (${where}) the node shares the host's network: it has no interfaces, routes or sysctls of its own`,
        ],
        help: "add `net` to the node's `isolate`, or remove the statement",
      });
    for (const i of this.node.ifaces) report(i.name.span, `interface \`${i.name.text}\``);
    for (const r of this.node.routes) report(r.span, "a route");
    for (const s of this.node.sysctls) report(s.span, "a sysctl");
    for (const f of this.node.forwards) report(f, "`forward`");
    // A filter loads into the node's own network namespace; without one there is none to
    // load it into (the host's is never touched), and none that the lab created.
    for (const f of this.node.filterBlocks) report(f, "a filter");
    for (const n of this.node.nfts) report(n.span, "an `nft` block");
  }

  private hostname(s: IsolationDecl): string | undefined {
    if (!this.args(s, 1, 1, "`hostname NAME`, for example `hostname db`")) return undefined;
    const arg = s.args[0] as Text;
    const ok =
      !arg.quoted &&
      arg.text.length <= HOSTNAME_MAX &&
      arg.text.split(".").every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
    if (ok) return arg.text;
    this.diagnostics.error("OT5010", `invalid hostname \`${arg.text}\``, {
      span: arg.span,
      help: `a hostname is dot-separated labels of letters, digits and \`-\` (not at either end), at most ${HOSTNAME_MAX} characters`,
    });
    return undefined;
  }

  /** `mount tmpfs PATH [size SIZE]` */
  private tmpfs(s: IsolationDecl): Mount | undefined {
    const usage = "`mount tmpfs PATH [size SIZE]`, for example `mount tmpfs /var/lib/db size 64M`";
    if (!this.args(s, 2, 4, usage)) return undefined;
    const [kind, target, option, value] = s.args;
    if (kind?.text !== "tmpfs" || kind.quoted) {
      this.diagnostics.error("OT5011", `OpenTop mounts only \`tmpfs\`, not \`${kind?.text}\``, {
        span: kind?.span ?? s.span,
        help: "for a directory of the host write `bind HOST_PATH PATH`; for a fresh in-memory file system write `mount tmpfs PATH`",
      });
      return undefined;
    }
    const path = pathArg(target, "mount point", this.diagnostics);
    let size: string | undefined;
    if (option !== undefined) {
      if (option.text !== "size" || value === undefined) {
        this.diagnostics.error("OT5011", `unknown tmpfs option \`${option.text}\``, {
          span: option.span,
          help: `write ${usage}`,
        });
        return undefined;
      }
      if (/^(100|[1-9][0-9]?)%$/.test(value.text)) size = value.text;
      else {
        const bytes = sizeArg(value, "tmpfs size", 4096, this.diagnostics);
        if (bytes === undefined) return undefined;
        size = String(bytes);
      }
    }
    if (path === undefined) return undefined;
    return { kind: "tmpfs", target: path, ...(size !== undefined ? { size } : {}), span: s.span };
  }

  /** `bind HOST_PATH PATH [ro|rw]` */
  private bind(s: IsolationDecl): Mount | undefined {
    const usage = "`bind HOST_PATH PATH [ro]`, for example `bind /srv/www /var/www ro`";
    if (!this.args(s, 2, 3, usage)) return undefined;
    const [source, target, mode] = s.args;
    const from = pathArg(source, "host path", this.diagnostics);
    const to = pathArg(target, "mount point", this.diagnostics);
    if (mode !== undefined && mode.text !== "ro" && mode.text !== "rw") {
      this.diagnostics.error("OT5011", `unknown bind option \`${mode.text}\``, {
        span: mode.span,
        help: "`ro` makes the mount read-only; `rw` (the default) read-write",
      });
      return undefined;
    }
    if (from === undefined || to === undefined) return undefined;
    return { kind: "bind", source: from, target: to, readonly: mode?.text === "ro", span: s.span };
  }

  /** Each mount point once; none at `/` (that is `root`) nor under /proc or /sys (OpenTop's own). */
  private targets(mounts: readonly Mount[]): void {
    const seen = new Map<string, Mount>();
    for (const m of mounts) {
      const first = seen.get(m.target);
      if (first) {
        this.diagnostics.error(
          "OT5006",
          `\`${m.target}\` is mounted twice in node \`${this.node.name.text}\``,
          {
            span: m.span,
            labels: [{ span: first.span, message: "first mounted here" }],
            help: "mount each path once; the second mount would hide the first",
          },
        );
        continue;
      }
      seen.set(m.target, m);
      const reserved = ["/proc", "/sys"].find((r) => m.target === r || m.target.startsWith(`${r}/`));
      if (m.target === "/" || reserved)
        this.diagnostics.error("OT5006", `a mount at \`${m.target}\` is not allowed`, {
          span: m.span,
          notes: [
            m.target === "/"
              ? "the node's whole file system is given by `root DIR`"
              : `OpenTop mounts the node's own ${reserved} there`,
          ],
          help: m.target === "/" ? "write `root DIR` instead" : "mount somewhere else",
        });
    }
  }

  /** `limit KEY VALUE [KEY VALUE]…`, over all of a node's `limit` statements. */
  private limits(statements: readonly IsolationDecl[]): Limits {
    const d = this.diagnostics;
    const out: { [K in LimitKind]?: Limit } = {};
    const spans = new Map<LimitKind, Span>();
    for (const s of statements) {
      if (s.args.length === 0 || s.args.length % 2 !== 0) {
        d.error("OT5011", s.args.length === 0 ? "`limit` needs a limit" : "a limit without a value", {
          span: s.args.at(-1)?.span ?? s.span,
          help: "write `limit memory SIZE`, `limit cpu CORES` or `limit pids N`; several may share a line: `limit memory 256M cpu 0.5`",
        });
        continue;
      }
      for (let i = 0; i < s.args.length; i += 2) {
        const key = s.args[i] as Text;
        const value = s.args[i + 1] as Text;
        if (!(LIMIT_KINDS as readonly string[]).includes(key.text) || key.quoted) {
          const guess = closest(key.text, LIMIT_KINDS);
          d.error("OT5008", `unknown limit \`${key.text}\``, {
            span: key.span,
            help: guess
              ? `did you mean \`${guess}\`?`
              : "the limits are `memory SIZE`, `cpu CORES` (0.5 is half a core) and `pids N`",
          });
          continue;
        }
        const kind = key.text as LimitKind;
        const first = spans.get(kind);
        if (first) {
          d.error("OT5002", `\`limit ${kind}\` is given twice in node \`${this.node.name.text}\``, {
            span: key.span,
            labels: [{ span: first, message: "first given here" }],
            help: "give each limit once",
          });
          continue;
        }
        spans.set(kind, key.span);
        const parsed = this.limitValue(kind, value);
        if (parsed !== undefined)
          out[kind] = { value: parsed, text: value.text, span: join(key.span, value.span) };
      }
    }
    return out;
  }

  private limitValue(kind: LimitKind, t: Text): number | undefined {
    const d = this.diagnostics;
    switch (kind) {
      case "memory":
        return sizeArg(t, "memory limit", 1 << 20, d);
      case "cpu": {
        const v = Number(t.text);
        // The kernel's smallest quota is 1 ms per 100 ms period: 0.01 of a core.
        if (/^\d+(\.\d+)?$/.test(t.text) && v >= 0.01 && v <= 1024) return v;
        d.error("OT5008", `invalid cpu limit \`${t.text}\``, {
          span: t.span,
          help: "give cores as a decimal from 0.01 to 1024: `limit cpu 0.5` is half a core, `limit cpu 2` two cores",
        });
        return undefined;
      }
      case "pids": {
        const v = Number(t.text);
        if (/^\d+$/.test(t.text) && v >= 1 && v <= 4194304) return v;
        d.error("OT5008", `invalid pids limit \`${t.text}\``, {
          span: t.span,
          help: "give the most processes and threads the node may have at once, an integer from 1 to 4194304",
        });
        return undefined;
      }
      default:
        return assertNever(kind);
    }
  }

  /** `run "COMMAND"` or `run NAME "COMMAND"` */
  private services(statements: readonly IsolationDecl[]): Service[] {
    const d = this.diagnostics;
    const out: Service[] = [];
    const names = new Map<string, Span>();
    let unnamed = 0;
    for (const statement of statements) {
      const usage =
        '`run "COMMAND"` or `run NAME "COMMAND"`, for example `run web "python3 -m http.server 80"`';
      const { head, ready } = readReadiness(statement.args, d, COMMAND_MAX);
      const s = { ...statement, args: head };
      if (!ready || !this.args(s, 1, 2, usage)) continue;
      const command = s.args.at(-1) as Text;
      const nameArg = s.args.length === 2 ? s.args[0] : undefined;
      if (!command.quoted) {
        d.error("OT5009", "the command of `run` must be a quoted string", {
          span: command.span,
          notes: ["the command is run by `sh -c` exactly as written, so it is quoted to show where it ends"],
          help: `write \`run "${command.text}"\``,
        });
        continue;
      }
      if (command.text.trim() === "") {
        d.error("OT5009", "the command of `run` is empty", { span: command.span, help: `write ${usage}` });
        continue;
      }
      const bytes = Buffer.byteLength(command.text, "utf8");
      if (bytes > COMMAND_MAX) {
        d.error(
          "OT5013",
          `the command of \`run\` is ${bytes} bytes long; the kernel takes at most ${COMMAND_MAX}`,
          {
            span: command.span,
            label: "given to `sh -c` as one argument",
            notes: [
              "Linux refuses to start a program with an argument longer than 128 KiB (MAX_ARG_STRLEN), so `up` could not start this service",
            ],
            help: 'put the commands in a script file and run that: `run "sh /path/to/script.sh"`',
          },
        );
        continue;
      }
      let name: string;
      if (nameArg) {
        if (nameArg.quoted || !NAME_PATTERN.test(nameArg.text) || nameArg.text.length > SERVICE_NAME_MAX) {
          d.error("OT5009", `invalid service name \`${nameArg.text}\``, {
            span: nameArg.span,
            help: `a service name is letters, digits, \`_\` and \`-\`, starting with a letter, at most ${SERVICE_NAME_MAX} characters`,
          });
          continue;
        }
        if (nameArg.text === RESERVED_SERVICE) {
          d.error("OT5009", "a service cannot be named `init`", {
            span: nameArg.span,
            notes: ["`init` names the process that keeps a node's pid namespace alive"],
            help: "choose another name",
          });
          continue;
        }
        name = nameArg.text;
      } else name = `run${++unnamed}`;
      const first = names.get(name);
      if (first) {
        d.error("OT5009", `node \`${this.node.name.text}\` has two services named \`${name}\``, {
          span: nameArg?.span ?? s.span,
          labels: [{ span: first, message: "first named here" }],
          help: "give every service of a node its own name (unnamed ones are `run1`, `run2`, …)",
        });
        continue;
      }
      names.set(name, nameArg?.span ?? s.span);
      out.push({ name, command: command.text, ready, span: s.span });
    }
    return out;
  }
}

function aspects(s: IsolationDecl, diagnostics: Diagnostics): readonly Aspect[] | undefined {
  if (s.args.length === 0) {
    diagnostics.error("OT5012", "`isolate` names nothing to isolate", {
      span: s.span,
      help: `list what the node isolates: ${ASPECTS.map((a) => `\`${a}\``).join(", ")}`,
    });
    return undefined;
  }
  const out: Aspect[] = [];
  const seen = new Map<string, Span>();
  let ok = true;
  for (const arg of s.args) {
    if (!(ASPECTS as readonly string[]).includes(arg.text) || arg.quoted) {
      const guess = closest(arg.text, ASPECTS);
      diagnostics.error("OT5001", `\`${arg.text}\` is not something a node can isolate`, {
        span: arg.span,
        help: guess
          ? `did you mean \`${guess}\`?`
          : `a node isolates any of ${ASPECTS.map((a) => `\`${a}\``).join(", ")}`,
      });
      ok = false;
      continue;
    }
    const first = seen.get(arg.text);
    if (first) {
      diagnostics.error("OT5002", `\`${arg.text}\` is listed twice`, {
        span: arg.span,
        labels: [{ span: first, message: "first listed here" }],
      });
      continue;
    }
    seen.set(arg.text, arg.span);
    out.push(arg.text as Aspect);
  }
  return ok ? ASPECTS.filter((a) => out.includes(a)) : undefined;
}

function repeated(
  d: Diagnostics,
  again: IsolationDecl,
  first: IsolationDecl | undefined,
  message: string,
): void {
  d.error("OT5002", message, {
    span: again.keywordSpan,
    labels: first ? [{ span: first.keywordSpan, message: "first given here" }] : [],
    help: `give \`${again.keyword}\` once`,
  });
}

/** Paths: absolute, normalised, of characters no tool or shell misreads. */
const PATH_CHARS = /^[A-Za-z0-9_.,+@%:=/-]+$/;
const PATH_MAX = 1024;

export function pathArg(t: Text | undefined, what: string, d: Diagnostics): string | undefined {
  if (!t) return undefined;
  const p = t.text;
  const problem = !p.startsWith("/")
    ? "it is not absolute"
    : !PATH_CHARS.test(p)
      ? "it has characters other than letters, digits and `_ . , + @ % : = - /`"
      : p.length > PATH_MAX
        ? `it is longer than ${PATH_MAX} characters`
        : p !== "/" &&
            (p.endsWith("/") ||
              p
                .split("/")
                .slice(1)
                .some((c) => c === "" || c === "." || c === ".."))
          ? "it is not normalised (an empty, `.` or `..` component, or a trailing `/`)"
          : undefined;
  if (!problem) return p;
  d.error("OT5005", `invalid ${what} \`${p}\``, {
    span: t.span,
    label: problem,
    help: "write an absolute path such as /srv/data, without `.` or `..` components",
  });
  return undefined;
}

const UNITS: Readonly<Record<string, number>> = { "": 1, k: 1 << 10, m: 1 << 20, g: 1 << 30, t: 2 ** 40 };

/** `256M`, `1G`, `512k`, `1048576`: binary units, an optional `B` or `iB`. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+)(?:([kKmMgGtT])(?:i?B)?|B)?$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]) * (UNITS[(m[2] ?? "").toLowerCase()] ?? 1);
  return Number.isSafeInteger(n) ? n : undefined;
}

function sizeArg(t: Text, what: string, min: number, d: Diagnostics): number | undefined {
  const v = parseSize(t.text);
  if (v !== undefined && v >= min) return v;
  d.error("OT5007", `invalid ${what} \`${t.text}\``, {
    span: t.span,
    label: v === undefined ? "not a size" : `less than ${formatSize(min)}`,
    help: `give a size such as 64M or 1G (K, M, G and T are powers of 1024), at least ${formatSize(min)}`,
  });
  return undefined;
}

export function formatSize(bytes: number): string {
  for (const [unit, factor] of [
    ["T", 2 ** 40],
    ["G", 1 << 30],
    ["M", 1 << 20],
    ["K", 1 << 10],
  ] as const)
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  return String(bytes);
}
