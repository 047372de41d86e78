// Simulated machines for the tests of labs across machines, on one VM: each "machine" is a
// network namespace with a mount namespace of its own whose /run is a fresh tmpfs (so its
// /run/netns and /run/opentop are its own, as on a real machine), kept alive by a holder
// process whose PID is recorded and entered with `nsenter -t PID -n -m`. Each runs Debian's
// sshd, started here inside the machine, listening on its underlay address only, with keys
// made for the test. The machines' underlay is the test's own namespace: one bridge, or two
// joined by a router that filters (only ssh, ICMP and the VXLAN port pass). OpenTop itself
// runs in a "controller" namespace on the underlay (with its own /run too), so that nothing
// of the underlay touches the host's interfaces, routes or /run. `close()` stops sshd and
// the holders by their recorded PIDs and removes the keys.

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN, type CliResult } from "./lab.js";

export interface SimMachine {
  readonly name: string;
  /** Its underlay address. */
  readonly address: string;
  /** The holder of its namespaces. */
  readonly pid: number;
}

export interface SimOptions {
  readonly machines: number;
  readonly family?: 4 | 6;
  /** Two segments and a filtering router between them (machine 1 alone on the first). */
  readonly routed?: boolean;
  /** The MTU of the second segment's links (the router's path to it narrower than 1500). */
  readonly narrowMtu?: number;
  /** The VXLAN port the router lets through. */
  readonly port?: number;
}

export interface Sim {
  readonly dir: string;
  readonly machines: readonly SimMachine[];
  /** Runs OpenTop's CLI inside the controller namespace. */
  cli(args: readonly string[], options?: { input?: string }): CliResult;
  /** Runs argv inside the controller namespace (where OpenTop runs). */
  controller(argv: readonly string[], input?: string): CliResult;
  /** Starts OpenTop's CLI inside the controller, to interrupt it (SIGINT, by its PID). */
  spawnCli(args: readonly string[]): { interrupt(): void; done: Promise<CliResult> };
  /** Runs argv inside a machine (its network and mount namespaces). */
  on(machine: string, argv: readonly string[], input?: string): CliResult;
  /** The `machine` statements of a lab file for these machines, with the test's ssh key. */
  machineLines(options?: { readonly mtu?: number }): string;
  /** A TCP server in namespace `ns` of a machine on `port` (IPv4 and IPv6) that says "hi". */
  listen(machine: string, ns: string, port: number): Promise<{ stop(): void }>;
  /** Stops a machine's sshd and its sessions, as if the machine could not be reached. */
  stopSshd(machine: string): Promise<void>;
  startSshd(machine: string): Promise<void>;
  close(): Promise<void>;
}

interface Holder {
  readonly pid: number;
  readonly child: ChildProcess;
}

function sh(argv: readonly string[], input?: string): CliResult {
  const r = spawnSync(argv[0] as string, argv.slice(1), {
    encoding: "utf8",
    input: input ?? "",
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status ?? 128, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

function must(argv: readonly string[], input?: string): string {
  const r = sh(argv, input);
  if (r.code !== 0) throw new Error(`${argv.join(" ")} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

/** A process holding fresh namespaces; `mount` gives it a mount namespace with its own /run. */
async function holder(mount: boolean): Promise<Holder> {
  const argv = mount
    ? [
        "unshare",
        "--net",
        "--mount",
        "--",
        "sh",
        "-c",
        "mount -t tmpfs -o mode=755 opentop-test-run /run && mkdir -p /run/netns /run/sshd && chmod 755 /run/sshd && echo ready && exec sleep 100000",
      ]
    : ["unshare", "--net", "--", "sh", "-c", "echo ready && exec sleep 100000"];
  const child = spawn(argv[0] as string, argv.slice(1), { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`holder exited (${code})`)));
  });
  if (child.pid === undefined) throw new Error("holder has no pid");
  return { pid: child.pid, child };
}

function inNs(pid: number, argv: readonly string[], mount = true, input?: string): CliResult {
  return sh(["nsenter", "-t", String(pid), "-n", ...(mount ? ["-m"] : []), "--", ...argv], input);
}

function mustIn(pid: number, argv: readonly string[], mount = true): string {
  const r = inNs(pid, argv, mount);
  if (r.code !== 0) throw new Error(`${argv.join(" ")} in ${pid} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

/** Addresses of the plan: segment A (router, controller, machine 1) and B (the others). */
function addressing(family: 4 | 6, routed: boolean) {
  if (family === 4)
    return {
      prefix: routed ? 26 : 24,
      router: ["192.168.213.1", "192.168.213.65"],
      controller: "192.168.213.2",
      machine: (k: number) => (routed && k > 1 ? `192.168.213.${70 + k}` : `192.168.213.${10 + k}`),
      wide: "192.168.213.0/24",
    };
  return {
    prefix: routed ? 112 : 64,
    router: ["fd13:ff::a:1", "fd13:ff::b:1"],
    controller: "fd13:ff::a:2",
    machine: (k: number) => (routed && k > 1 ? `fd13:ff::b:${10 + k}` : `fd13:ff::a:${10 + k}`),
    wide: "fd13:ff::/64",
  };
}

/** The router's filter: only ssh, ICMP and the tunnels' UDP port are forwarded. */
function routerFilter(port: number): string {
  return `table inet underlay {
  chain forward {
    type filter hook forward priority 0; policy drop;
    ct state established,related accept
    meta l4proto { icmp, ipv6-icmp } accept
    tcp dport 22 accept
    udp dport ${port} accept
  }
}
`;
}

export async function simulate(options: SimOptions): Promise<Sim> {
  const family = options.family ?? 4;
  const routed = options.routed ?? false;
  const plan = addressing(family, routed);
  const dir = mkdtempSync(join(tmpdir(), "opentop-machines-"));
  const holders: Holder[] = [];
  const daemons: ChildProcess[] = [];
  const listeners: ChildProcess[] = [];
  const close = async () => {
    for (const d of [...listeners, ...daemons])
      if (d.pid !== undefined && d.exitCode === null) d.kill("SIGTERM");
    // The controller's connections first, then what is left in each machine (sshd's sessions).
    for (const h of holders.slice(1)) await lingering(h.pid);
    for (const h of holders) if (h.child.exitCode === null) h.child.kill("SIGKILL");
    await Promise.all(holders.map((h) => exited(h.child)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const underlay = await holder(false);
    holders.push(underlay);
    const controller = await holder(true);
    holders.push(controller);
    keys(dir);
    const segments = routed ? ["ula", "ulb"] : ["ula"];
    for (const s of segments) {
      mustIn(underlay.pid, ["ip", "link", "add", "name", s, "type", "bridge"], false);
      mustIn(underlay.pid, ["ip", "link", "set", "dev", s, "up"], false);
    }
    mustIn(underlay.pid, ["ip", "link", "set", "dev", "lo", "up"], false);
    if (routed) router(underlay.pid, plan, options.port ?? 4789);
    attach(underlay.pid, controller.pid, "ctl", "ula", plan.controller, plan, family, undefined);
    const machines: SimMachine[] = [];
    const sshds = new Map<string, ChildProcess>();
    for (let k = 1; k <= options.machines; k++) {
      const m = await holder(true);
      holders.push(m);
      const segment = routed && k > 1 ? "ulb" : "ula";
      const mtu = segment === "ulb" ? options.narrowMtu : undefined;
      attach(underlay.pid, m.pid, `m${k}`, segment, plan.machine(k), plan, family, mtu);
      machines.push({ name: `m${k}`, address: plan.machine(k), pid: m.pid });
      const d = sshd(dir, m.pid, plan.machine(k), family);
      daemons.push(d);
      sshds.set(`m${k}`, d);
    }
    writeFileSync(join(dir, "known_hosts"), knownHosts(dir, machines));
    for (const m of machines) await reachable(dir, controller.pid, m);
    const control = {
      async stop(name: string) {
        const d = sshds.get(name);
        if (d?.pid !== undefined && d.exitCode === null) {
          d.kill("SIGTERM");
          await exited(d);
        }
        // Its sessions outlive it (a shared connection among them): they go too.
        const m = machines.find((x) => x.name === name);
        if (m) await lingering(m.pid);
      },
      async start(name: string) {
        const m = machines.find((x) => x.name === name);
        if (!m) throw new Error(`no machine ${name}`);
        const d = sshd(dir, m.pid, m.address, family);
        daemons.push(d);
        sshds.set(name, d);
        await reachable(dir, controller.pid, m);
      },
    };
    return sim(dir, controller.pid, machines, close, control, listeners);
  } catch (e) {
    await close();
    throw e;
  }
}

function keys(dir: string): void {
  must(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", join(dir, "hostkey")]);
  must(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", join(dir, "id")]);
  writeFileSync(join(dir, "authorized_keys"), readFileSync(join(dir, "id.pub")));
  writeFileSync(
    join(dir, "sshd_config"),
    [
      `HostKey ${join(dir, "hostkey")}`,
      `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
      "PermitRootLogin prohibit-password",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      "StrictModes no",
      "PidFile none",
      "PrintMotd no",
      "Subsystem sftp internal-sftp",
      // A client that vanished (its namespace gone) ends its session within seconds.
      "ClientAliveInterval 2",
      "ClientAliveCountMax 3",
      "",
    ].join("\n"),
  );
}

function knownHosts(dir: string, machines: readonly SimMachine[]): string {
  const key = readFileSync(join(dir, "hostkey.pub"), "utf8").trim().split(" ").slice(0, 2).join(" ");
  return machines.map((m) => `${m.address} ${key}\n`).join("");
}

/** A veth from the underlay's bridge `segment` to the namespaces of `pid`, as its eth0. */
function attach(
  underlay: number,
  pid: number,
  port: string,
  segment: string,
  address: string,
  plan: ReturnType<typeof addressing>,
  family: 4 | 6,
  mtu: number | undefined,
): void {
  const m = mtu !== undefined ? ["mtu", String(mtu)] : [];
  mustIn(
    underlay,
    [
      "ip",
      "link",
      "add",
      "name",
      port,
      ...m,
      "type",
      "veth",
      "peer",
      "name",
      "eth0",
      ...m,
      "netns",
      `/proc/${pid}/ns/net`,
    ],
    false,
  );
  mustIn(underlay, ["ip", "link", "set", "dev", port, "master", segment, "up"], false);
  const gateway = plan.router[segment === "ulb" ? 1 : 0] as string;
  const batch = [
    "link set dev lo up",
    "link set dev eth0 up",
    `addr add ${address}/${plan.prefix} dev eth0${family === 6 ? " nodad" : ""}`,
    ...(plan.prefix !== (family === 4 ? 24 : 64) ? [`route add ${plan.wide} via ${gateway}`] : []),
  ];
  must(["nsenter", "-t", String(pid), "-n", "--", "ip", "-batch", "-"], `${batch.join("\n")}\n`);
}

/** The underlay's namespace routes between the two segments, and filters what it forwards. */
function router(underlay: number, plan: ReturnType<typeof addressing>, port: number): void {
  const family = plan.router[0]?.includes(":") ? 6 : 4;
  ["ula", "ulb"].forEach((s, i) => {
    const nodad = family === 6 ? ["nodad"] : [];
    mustIn(underlay, ["ip", "addr", "add", `${plan.router[i]}/${plan.prefix}`, "dev", s, ...nodad], false);
  });
  mustIn(underlay, ["sysctl", "-q", "-w", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1"], false);
  const r = inNs(underlay, ["nft", "-f", "-"], false, routerFilter(port));
  if (r.code !== 0) throw new Error(`the underlay router's filter: ${r.stderr}`);
}

/** sshd inside the machine, on its underlay address only; its PID is the child's (nsenter execs it). */
function sshd(dir: string, pid: number, address: string, family: 4 | 6): ChildProcess {
  const child = spawn(
    "nsenter",
    [
      "-t",
      String(pid),
      "-n",
      "-m",
      "--",
      "/usr/sbin/sshd",
      "-D",
      "-e",
      "-f",
      join(dir, "sshd_config"),
      "-o",
      `ListenAddress=${family === 6 ? `[${address}]` : address}:22`,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let said = "";
  child.stderr?.on("data", (b: Buffer) => {
    said = `${said}${b.toString("utf8")}`.slice(-4000);
  });
  child.on("exit", (code) => {
    if (code) process.stderr.write(`sshd in ${address} exited ${code}: ${said}\n`);
  });
  return child;
}

function sshOptions(dir: string): string[] {
  return [
    `IdentityFile ${join(dir, "id")}`,
    `UserKnownHostsFile ${join(dir, "known_hosts")}`,
    "StrictHostKeyChecking yes",
    "IdentitiesOnly yes",
    "GlobalKnownHostsFile /dev/null",
  ];
}

/** Waits for the machine's sshd to answer from the controller. */
async function reachable(dir: string, controller: number, m: SimMachine): Promise<void> {
  const args = sshOptions(dir).flatMap((o) => ["-o", o.replace(" ", "=")]);
  for (let i = 0; i < 100; i++) {
    const r = inNs(controller, [
      "ssh",
      ...args,
      "-o",
      "BatchMode=yes",
      "-o",
      "ConnectTimeout=2",
      `root@${m.address}`,
      "true",
    ]);
    if (r.code === 0) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`sshd of ${m.name} (${m.address}) does not answer`);
}

const SERVER = `
const net = require("node:net");
const server = net.createServer((c) => c.end("hi\\n"));
server.listen(Number(process.argv[1]), "::", () => process.stdout.write("listening\\n"));
`;

function sim(
  dir: string,
  controller: number,
  machines: readonly SimMachine[],
  close: () => Promise<void>,
  sshd: { stop(name: string): Promise<void>; start(name: string): Promise<void> },
  listeners: ChildProcess[],
): Sim {
  return {
    stopSshd: sshd.stop,
    startSshd: sshd.start,
    async listen(name, ns, port) {
      const m = machines.find((x) => x.name === name);
      if (!m) throw new Error(`no machine ${name}`);
      // Both nsenters exec: the PID is the server's.
      const argv = [
        "-t",
        String(m.pid),
        "-n",
        "-m",
        "--",
        "nsenter",
        `--net=/run/netns/${ns}`,
        "--",
        process.execPath,
        "-e",
        SERVER,
        String(port),
      ];
      const child = spawn("nsenter", argv, { stdio: ["ignore", "pipe", "inherit"] });
      listeners.push(child);
      await new Promise<void>((resolve, reject) => {
        child.stdout?.once("data", () => resolve());
        child.once("exit", (code) => reject(new Error(`listener in ${ns} exited (${code})`)));
      });
      return { stop: () => child.kill("SIGTERM") };
    },
    dir,
    machines,
    cli: (args, options = {}) => inNs(controller, [process.execPath, BIN, ...args], true, options.input),
    controller: (argv, input) => inNs(controller, argv, true, input),
    spawnCli(args) {
      // nsenter execs node: the PID is the CLI's own.
      const child = spawn(
        "nsenter",
        ["-t", String(controller), "-n", "-m", "--", process.execPath, BIN, ...args],
        {
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, NO_COLOR: "1" },
        },
      );
      let stdout = "";
      let stderr = "";
      child.stdout?.on("data", (b: Buffer) => {
        stdout += b.toString();
      });
      child.stderr?.on("data", (b: Buffer) => {
        stderr += b.toString();
      });
      const done = new Promise<CliResult>((resolve) =>
        child.on("close", (code) => resolve({ code: code ?? 128, stdout, stderr })),
      );
      return { interrupt: () => child.kill("SIGINT"), done };
    },
    on: (name, argv, input) => {
      const m = machines.find((x) => x.name === name);
      if (!m) throw new Error(`no machine ${name}`);
      return inNs(m.pid, argv, true, input);
    },
    machineLines: (options = {}) =>
      machines
        .map((m) =>
          [
            `machine ${m.name} ${m.address} {`,
            `  ssh root@${m.address.includes(":") ? m.address : `${m.address}:22`}`,
            ...(options.mtu !== undefined ? [`  mtu ${options.mtu}`] : []),
            ...sshOptions(dir).map((o) => {
              const [k, ...v] = o.split(" ");
              return `  ssh-option ${k} "${v.join(" ")}"`;
            }),
            "}",
          ].join("\n"),
        )
        .join("\n"),
    close,
  };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Processes in the network namespace of holder `pid` besides the holder — in the controller,
 * ssh's shared connections, which outlive a command by a few seconds; in a machine, sshd's
 * sessions — are this test's by construction (nothing else runs there): they end by PID,
 * TERM and then KILL, and are waited for (a session left behind its namespaces' end would
 * wait for its client forever).
 */
async function lingering(holder: number | undefined): Promise<void> {
  if (holder === undefined) return;
  let ns: string;
  try {
    ns = readlinkSync(`/proc/${holder}/ns/net`);
  } catch {
    return;
  }
  const others = () =>
    readdirSync("/proc")
      .filter((x) => /^\d+$/.test(x) && Number(x) !== holder)
      .filter((p) => {
        try {
          return readlinkSync(`/proc/${p}/ns/net`) === ns;
        } catch {
          return false;
        }
      })
      .map(Number);
  for (const [signal, wait] of [
    ["SIGTERM", 2000],
    ["SIGKILL", 2000],
  ] as const) {
    const pids = others();
    if (pids.length === 0) return;
    for (const pid of pids)
      try {
        process.kill(pid, signal);
      } catch {}
    for (let t = 0; t < wait && others().length; t += 50) await new Promise((r) => setTimeout(r, 50));
  }
}

/** Whether a machine holds nothing of any lab: no namespace, no record, only lo and eth0. */
export function machineClean(s: Sim, name: string): string[] {
  const out: string[] = [];
  const netns = s.on(name, ["ls", "/run/netns"]).stdout.split("\n").filter(Boolean);
  if (netns.length) out.push(`${name}: namespaces ${netns.join(" ")}`);
  const run = s.on(name, ["ls", "-A", "/run/opentop"]).stdout.split("\n").filter(Boolean);
  if (run.length) out.push(`${name}: /run/opentop has ${run.join(" ")}`);
  const links = JSON.parse(s.on(name, ["ip", "-j", "link", "show"]).stdout || "[]") as { ifname: string }[];
  const extra = links.map((l) => l.ifname).filter((n) => n !== "lo" && n !== "eth0");
  if (extra.length) out.push(`${name}: interfaces ${extra.join(" ")}`);
  return out;
}
