// A throwaway machine for adversarial tests: a shell script run in namespaces of its own —
// its own network namespace (the "host" of the labs it brings up), mount namespace (private
// /run/netns, /run/opentop, /sys and /tmp, so that OpenTop sees only what the script made), pid
// namespace and /proc (so that gc sees no other lab's processes). Everything in it goes when
// the script ends: the namespaces it made are bound only in its private /run/netns.
// Ownership attacks (look-alikes named like a lab's objects, a host-name naming an uplink,
// edited records) run here, never against the real machine's interfaces.

import { spawnSync } from "node:child_process";
import { shellQuote as q } from "../../src/plan/quote.js";
import { BIN, type CliResult, ROOT } from "./lab.js";

export interface SandboxOptions {
  /** Mount cgroup2 (in a cgroup namespace rooted at the test's own cgroup) at /sys/fs/cgroup. */
  readonly cgroup?: boolean;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs `script` (sh) in a sandbox. `$OT` runs OpenTop; the script can call `copy_host_routes`
 * to give the sandbox's host an uplink with this machine's kind of routes (an address on a LAN
 * and a default route, IPv4 and IPv6), and `up_ms` and `signal_after` to interrupt a command
 * as a terminal does, at a point of its run.
 */
export function sandbox(script: string, options: SandboxOptions = {}): CliResult {
  const setup = [
    "set -u",
    "mount -t tmpfs sandbox /run/netns",
    // The machine's /sys goes with the mounts below it (its cgroup hierarchies): the
    // sandbox's network is what a fresh sysfs shows.
    "umount -R -l /sys && mount -t sysfs sandbox /sys",
    "mkdir -p /run/opentop && mount -t tmpfs sandbox /run/opentop",
    // A /tmp of its own (what a case writes there is no other run's, and is gone with it),
    // made at /mnt and moved over /tmp, with this repository bound into it when it lives
    // under /tmp (a fresh clone there): OpenTop must stay where the tests run it from.
    "mount -t tmpfs sandbox /mnt",
    ...(ROOT.startsWith("/tmp/")
      ? [`mkdir -p ${q(`/mnt${ROOT.slice(4)}`)} && mount --bind ${q(ROOT)} ${q(`/mnt${ROOT.slice(4)}`)}`]
      : []),
    "mount --move /mnt /tmp",
    ...(options.cgroup ? ["mount -t cgroup2 sandbox /sys/fs/cgroup"] : []),
    "ip link set lo up",
    `OT="${process.execPath} ${BIN}"`,
    // An uplink as a real host has one: a LAN address and default routes, v4 and v6.
    "copy_host_routes() {",
    "  ip link add name eth0 type veth peer name eth0-peer &&",
    "  ip link set eth0 up && ip link set eth0-peer up &&",
    "  ip addr add 192.0.2.2/24 dev eth0 && ip -6 addr add fd00::2/64 dev eth0 nodad &&",
    "  ip route add default via 192.0.2.1 && ip -6 route add default via fd00::1",
    "}",
    // `up_ms FILE`: how long a whole `up` of FILE takes here (then down), to spread signals over it.
    "up_ms() {",
    '  t0=$(date +%s%N); $OT up "$1" >/dev/null || echo PROBE-FAILED >&2; t1=$(date +%s%N)',
    '  $OT down "$1" >/dev/null; echo $(( (t1 - t0) / 1000000 ))',
    "}",
    // `signal_after SIGNAL MS OUT COMMAND…`: run COMMAND as a terminal runs a job (a process
    // group of its own), send SIGNAL to that group MS milliseconds in, and print `rc=N`.
    "signal_after() {",
    "  sig=$1 ms=$2 out=$3; shift 3",
    '  setsid "$@" >"$out" 2>&1 & pid=$!',
    '  sleep "$(( ms / 1000 )).$(printf %03d $(( ms % 1000 )))"',
    '  kill -"$sig" -"$pid" 2>/dev/null',
    '  wait "$pid"; echo "rc=$?"',
    "}",
  ].join("\n");
  const argv = [
    "--mount",
    "--net",
    "--pid",
    "--fork",
    "--mount-proc",
    ...(options.cgroup ? ["--cgroup"] : []),
    "--propagation",
    "private",
    "sh",
    "-c",
    `${setup}\n${script}`,
  ];
  const r = spawnSync("unshare", argv, {
    encoding: "utf8",
    timeout: options.timeoutMs ?? 120_000,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
  });
  return { code: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
}

/** The text between `>>> NAME` and the next `>>>` (or the end) in a sandbox's output; throws if there is none. */
export function section(output: string, name: string): string {
  const start = output.indexOf(`>>> ${name}\n`);
  // A missing section is a sandbox that died or timed out before it: never an empty answer.
  if (start < 0) throw new Error(`the sandbox's output has no section ${name}:\n${output}`);
  const rest = output.slice(start + name.length + 5);
  const end = rest.indexOf(">>> ");
  return end < 0 ? rest : rest.slice(0, end);
}
