// What the benchmarks run, each the same lab (`Topo`): OpenTop itself, the standalone script
// OpenTop builds of it (its plan run by `sh`, no Node), a hand-written `ip -batch` script,
// the raw-netlink floor (bench/floor.c) and Mininet. Each brings the lab
// up, reads its state, runs a command in a node, and takes it down; times are wall-clock
// seconds of the whole command as a user runs it (Node's start included for OpenTop,
// Python's for Mininet). Every lab is named by the bench and removed by it.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import type { Topo } from "./shapes.js";

export interface Timing {
  up: number;
  /** Until the command returned. */
  down: number;
  /** Until the kernel had destroyed the lab's namespaces (measurable where there is a hub). */
  settled?: number;
  status?: number;
  /** The hand-written script's reads split over every core (compared with OpenTop's status). */
  statusWide?: number;
  /** One command in a node (median of a few). */
  exec?: number;
}

export interface Peer {
  readonly name: string;
  /** Why it cannot run this lab here, if it cannot. */
  unavailable(t: Topo): string | undefined;
  cycle(t: Topo, dir: string): Promise<Timing>;
}

const now = () => performance.now() / 1000;

export function sh(argv: readonly string[], input = ""): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(argv[0] as string, argv.slice(1), {
    input,
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  return { code: r.status ?? 128, stdout: r.stdout ?? "", stderr: r.stderr ?? String(r.error ?? "") };
}

function must(argv: readonly string[], input = ""): string {
  const r = sh(argv, input);
  if (r.code !== 0)
    throw new Error(`${argv.slice(0, 4).join(" ")} failed (${r.code}): ${r.stderr.slice(0, 400)}`);
  return r.stdout;
}

function timed(argv: readonly string[], input = ""): number {
  const t = now();
  must(argv, input);
  return now() - t;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Keeps the lab's switches' namespace alive after `down` deletes its name, and tells when
 * the kernel has destroyed every node namespace: each node's end of a port is a veth whose
 * peer, in the held namespace, vanishes with it.
 */
function holdHub(t: Topo): { settle: () => Promise<number>; release: () => void } | undefined {
  if (!t.hub) return undefined;
  const child = spawn("nsenter", [`--net=/run/netns/${t.hub}`, "sleep", "3600"], { stdio: "ignore" });
  const file = `/proc/${child.pid}/ns/net`;
  const veths = () =>
    sh(["nsenter", `--net=${file}`, "ip", "-o", "link", "show", "type", "veth"])
      .stdout.split("\n")
      .filter(Boolean).length;
  return {
    async settle() {
      while (veths() > 0) await sleep(5);
      return now();
    },
    release: () => child.kill("SIGKILL"),
  };
}

/** Down, timed to its return and (with a hub) to the kernel's end of it. */
async function downTimed(t: Topo, down: () => void): Promise<Pick<Timing, "down" | "settled">> {
  const holder = holdHub(t);
  try {
    await sleep(50); // the holder has entered the namespace
    const t0 = now();
    down();
    const returned = now() - t0;
    const settled = holder ? (await holder.settle()) - t0 : undefined;
    return { down: returned, ...(settled !== undefined ? { settled } : {}) };
  } finally {
    holder?.release();
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

const EXECS = 5;

// ---- OpenTop --------------------------------------------------------------------------

/** What a peer that runs OpenTop's plan (OpenTop itself, or the script it builds) runs. */
interface Commands {
  readonly up: string[];
  readonly status: string[];
  readonly exec: (node: string) => string[];
  readonly down: string[];
}

/**
 * Up, status (which must find no drift: a lab it did not make whole is no measurement),
 * exec in the lab's first node and down, timed; the lab taken down whatever happens.
 */
async function planCycle(t: Topo, who: string, c: Commands): Promise<Timing> {
  const up = timed(c.up);
  try {
    const t0 = now();
    const status = sh(c.status);
    const statusTime = now() - t0;
    if (status.code !== 0)
      throw new Error(`${who}'s status of ${t.lab} found drift: ${status.stdout.slice(-400)}`);
    const node = t.nodes[0] as string;
    const exec = median(Array.from({ length: EXECS }, () => timed(c.exec(node))));
    const down = await downTimed(t, () => must(c.down));
    return { up, ...down, status: statusTime, exec };
  } finally {
    sh(c.down);
  }
}

export function opentop(root: string): Peer {
  const bin = join(root, "bin/opentop.js");
  const cli = (...args: string[]) => [process.execPath, bin, ...args];
  return {
    name: "opentop",
    unavailable: () => undefined,
    async cycle(t, dir) {
      const file = join(dir, `${t.lab}.otop`);
      writeFileSync(file, t.source);
      return planCycle(t, "opentop", {
        up: cli("up", file),
        status: cli("status", t.lab),
        exec: (node) => cli("exec", t.lab, node, "--", "true"),
        down: cli("down", t.lab),
      });
    },
  };
}

/**
 * The script `opentop build` writes of the lab, run by `sh`: OpenTop's own plan, its guards
 * and its record, with no Node at run time. Next to `opentop`, it tells the cost of Node and
 * the compiler from that of the processes the plan runs.
 */
export function built(root: string): Peer {
  const bin = join(root, "bin/opentop.js");
  return {
    name: "built",
    unavailable: () => undefined,
    async cycle(t, dir) {
      const file = join(dir, `${t.lab}.otop`);
      writeFileSync(file, t.source);
      const script = join(dir, `${t.lab}.sh`);
      must([process.execPath, bin, "build", file, "-o", script]);
      return planCycle(t, "the built script", {
        up: ["sh", script, "up"],
        status: ["sh", script, "status"],
        exec: (node) => ["sh", script, "exec", node, "true"],
        down: ["sh", script, "down"],
      });
    },
  };
}

// ---- the hand-written script ------------------------------------------------------------

/** The `ip -batch` script a careful person writes for the lab: one batch a namespace, in turn. */
export function scriptOf(t: Topo): string {
  const ns = (node: string) => `${t.lab}.${node}`;
  const enter = (node: string | null) => (node === null ? "" : `nsenter --net=/run/netns/${node} `);
  const heredoc = (cmd: string, lines: readonly string[]) =>
    lines.length ? [`${cmd} <<'EOF'`, ...lines, "EOF"] : [];
  const quiet = (dev: string) => `link set dev ${dev} addrgenmode none`;
  const up: string[] = [
    ...heredoc("ip -batch -", [
      ...(t.hub ? [`netns add ${t.hub}`] : []),
      ...t.nodes.map((n) => `netns add ${ns(n)}`),
    ]),
  ];
  for (const r of t.routers)
    up.push(
      `${enter(ns(r))}sysctl -q -w net.ipv4.ip_forward=1${t.ipv6 ? " net.ipv6.conf.all.forwarding=1" : ""} >/dev/null`,
    );
  for (const f of t.filters)
    up.push(...heredoc(`${enter(ns(f.node))}nft -f -`, f.ruleset.trimEnd().split("\n")));
  const pairs = t.veths.filter((v) => v.a.node !== null);
  up.push(
    ...heredoc(
      "ip -batch -",
      pairs.map(
        (v) =>
          `link add name ${v.a.dev} index ${v.a.index} netns ${ns(v.a.node as string)} type veth peer name ${v.b.dev} netns ${ns(v.b.node)}`,
      ),
    ),
  );
  if (t.hub) {
    const hub: string[] = [];
    for (const b of t.bridges) hub.push(`link add name ${b} type bridge`, quiet(b), `link set dev ${b} up`);
    for (const v of t.veths.filter((x) => x.a.node === null))
      hub.push(
        `link add name ${v.a.dev} index ${v.a.index} master ${v.a.bridge} up type veth peer name ${v.b.dev} netns ${ns(v.b.node)}`,
        quiet(v.a.dev),
      );
    up.push(...heredoc(`${enter(t.hub)}ip -batch -`, hub));
  }
  up.push(...nodeBatches(t, (node, lines) => heredoc(`${enter(ns(node))}ip -batch -`, lines)));
  const names = [...t.nodes.map(ns), ...(t.hub ? [t.hub] : [])];
  const down = heredoc(
    "ip -force -batch -",
    names.map((n) => `netns del ${n}`),
  );
  // Each namespace read by its own `nsenter` and `ip`: in turn, and (`status-wide`) split
  // over as many shells as the machine has cores, the most the tools can do.
  const read = [
    "read_ns() {",
    "  for ns; do",
    "    nsenter --net=/run/netns/$ns ip -o -batch - <<'EOF'",
    "addr show",
    "route show",
    "EOF",
    "  done >/dev/null",
    "}",
  ];
  const cores = Math.max(1, cpus().length);
  const shares = Array.from({ length: cores }, (_, k) => names.filter((_, i) => i % cores === k));
  const status = [`read_ns ${names.join(" ")}`];
  const wide = [...shares.filter((s) => s.length).map((s) => `read_ns ${s.join(" ")} &`), "wait"];
  return [
    "#!/bin/sh",
    "# The lab as a careful person writes it by hand: one ip -batch a namespace, in turn.",
    "set -e",
    ...read,
    "case $1 in",
    "up)",
    ...up,
    ";;",
    "down)",
    ...down,
    ";;",
    "status)",
    ...status,
    ";;",
    "status-wide)",
    ...wide,
    ";;",
    "esac",
    "",
  ].join("\n");
}

/** Each node's own batch: loopback, addresses, interfaces up (quiet first without IPv6), routes. */
function nodeBatches(t: Topo, batch: (node: string, lines: string[]) => string[]): string[] {
  const byNode = new Map<string, string[]>(t.nodes.map((n) => [n, ["link set dev lo up"]]));
  const devs = new Map<string, Set<string>>(t.nodes.map((n) => [n, new Set()]));
  for (const v of t.veths) {
    if (v.a.node !== null) devs.get(v.a.node)?.add(v.a.dev);
    devs.get(v.b.node)?.add(v.b.dev);
  }
  for (const a of t.addrs) byNode.get(a.node)?.push(`addr add ${a.cidr} dev ${a.dev}`);
  for (const [node, set] of devs)
    for (const dev of set)
      byNode
        .get(node)
        ?.push(...(t.ipv6 ? [] : [`link set dev ${dev} addrgenmode none`]), `link set dev ${dev} up`);
  for (const r of t.routes) byNode.get(r.node)?.push(`route add ${r.prefix} via ${r.via}`);
  return [...byNode].flatMap(([node, lines]) => batch(node, lines));
}

export function script(): Peer {
  return {
    name: "ip-batch",
    unavailable: () => undefined,
    async cycle(t, dir) {
      const file = join(dir, `${t.lab}.batch.sh`);
      writeFileSync(file, scriptOf(t));
      const up = timed(["sh", file, "up"]);
      try {
        const status = timed(["sh", file, "status"]);
        const statusWide = timed(["sh", file, "status-wide"]);
        const node = `/run/netns/${t.lab}.${t.nodes[0]}`;
        const exec = median(Array.from({ length: EXECS }, () => timed(["nsenter", `--net=${node}`, "true"])));
        const down = await downTimed(t, () => must(["sh", file, "down"]));
        return { up, ...down, status, statusWide, exec };
      } finally {
        sh(["sh", file, "down"]);
      }
    },
  };
}

// ---- the floor ------------------------------------------------------------------------

/** The floor's input: the same objects, in the same order as the script makes them. */
export function floorInput(t: Topo): string {
  const ns = (node: string) => `${t.lab}.${node}`;
  const out: string[] = [...(t.hub ? [`netns ${t.hub}`] : []), ...t.nodes.map((n) => `netns ${ns(n)}`)];
  for (const r of t.routers) {
    out.push(`sysctl ${ns(r)} net/ipv4/ip_forward 1`);
    if (t.ipv6) out.push(`sysctl ${ns(r)} net/ipv6/conf/all/forwarding 1`);
  }
  for (const v of t.veths.filter((x) => x.a.node !== null))
    out.push(`veth ${ns(v.a.node as string)} ${v.a.dev} ${v.a.index} ${ns(v.b.node)} ${v.b.dev} -`);
  if (t.hub) {
    for (const b of t.bridges) out.push(`bridge ${t.hub} ${b}`, `quiet ${t.hub} ${b}`, `up ${t.hub} ${b}`);
    for (const v of t.veths.filter((x) => x.a.node === null))
      out.push(
        `veth ${t.hub} ${v.a.dev} ${v.a.index} ${ns(v.b.node)} ${v.b.dev} ${v.a.bridge}`,
        `quiet ${t.hub} ${v.a.dev}`,
      );
  }
  out.push(
    ...nodeBatches(t, (node, lines) =>
      lines.map((l) => {
        const w = l.split(" ");
        if (l.startsWith("addr add")) return `addr ${ns(node)} ${w[4]} ${w[2]}`;
        if (l.endsWith("addrgenmode none")) return `quiet ${ns(node)} ${w[3]}`;
        if (l.startsWith("link set")) return `up ${ns(node)} ${w[3]}`;
        return `route ${ns(node)} ${w[2]} ${w[4]}`;
      }),
    ),
  );
  return `${out.join("\n")}\n`;
}

export function floor(bin: string | undefined): Peer {
  return {
    name: "floor",
    unavailable: (t) =>
      bin === undefined
        ? "no C compiler to build bench/floor.c"
        : t.filters.length
          ? "nftables has no raw-netlink floor here"
          : undefined,
    async cycle(t, dir) {
      const file = join(dir, `${t.lab}.floor`);
      const input = floorInput(t);
      writeFileSync(file, input);
      const up = timed([bin as string, "up"], input);
      try {
        const status = timed([bin as string, "status"], input);
        const down = await downTimed(t, () => must([bin as string, "down"], input));
        return { up, ...down, status };
      } finally {
        sh([bin as string, "down"], input);
      }
    },
  };
}

// ---- Mininet --------------------------------------------------------------------------

const PYTHON = "/usr/bin/python3";

export function mininet(root: string): Peer {
  const driver = join(root, "bench/mininet_lab.py");
  const have = existsSync(PYTHON) && sh([PYTHON, "-c", "import mininet.net"]).code === 0;
  return {
    name: "mininet",
    unavailable: (t) =>
      !have
        ? "Mininet is not installed (apt-get install mininet bridge-utils)"
        : t.filters.length || t.ipv6
          ? "not built for Mininet (filters, IPv6)"
          : undefined,
    async cycle(t, dir) {
      const file = join(dir, `${t.lab}.mininet.json`);
      writeFileSync(file, JSON.stringify(t));
      return await driveMininet(driver, file);
    },
  };
}

/** Mininet in one Python process: up, a few commands in a node, down, each when told. */
function driveMininet(driver: string, file: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const child = spawn(PYTHON, [driver, file], { stdio: ["pipe", "pipe", "inherit"] });
    const timing: Partial<Timing> = {};
    let last = t0;
    let buffer = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      buffer += s;
      for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const event = JSON.parse(line) as { event: string; exec?: number };
        const t = now();
        if (event.event === "up") {
          timing.up = t - t0;
          child.stdin.write("exec\n");
        } else if (event.event === "exec") {
          timing.exec = event.exec ?? Number.NaN;
          last = now();
          child.stdin.write("stop\n");
        } else if (event.event === "down") timing.down = t - last;
      }
    });
    child.on("close", (code) =>
      code === 0 && timing.up !== undefined && timing.down !== undefined
        ? resolve(timing as Timing)
        : reject(new Error(`Mininet ended with ${code}`)),
    );
  });
}
