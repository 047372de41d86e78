// The programs a plan may run, each with the package that provides it and why a lab needs
// it. `up` checks for exactly the programs of its plan and the emitted script names the
// same ones, so a lab that does not filter never asks for nft (the brief's "no bloat").

export interface ProgramSpec {
  /** The distribution package that provides it (Debian's name). */
  readonly package: string;
  /** Completes "PROGRAM not found: …": why this lab needs it. */
  readonly why: string;
}

export const PROGRAMS = {
  ip: { package: "iproute2", why: "this lab creates namespaces, links, addresses and routes with it" },
  tc: { package: "iproute2", why: "this lab shapes traffic (rate, delay, loss) with it" },
  bridge: { package: "iproute2", why: "this lab's VLAN-aware switches are set up with it" },
  sysctl: { package: "procps", why: "this lab sets sysctls" },
  nsenter: { package: "util-linux", why: "this lab runs programs inside its namespaces with it" },
  nft: { package: "nftables", why: "this lab filters traffic" },
  "iptables-restore": { package: "iptables", why: "this lab filters IPv4 traffic with iptables" },
  "ip6tables-restore": { package: "iptables", why: "this lab filters IPv6 traffic with ip6tables" },
  unshare: {
    package: "util-linux",
    why: "this lab creates namespaces besides the network's, or tries its kernel features and rulesets first",
  },
  // Composable isolation: namespaces, mounts, cgroups and services (src/plan/ops/isolation.ts).
  sh: { package: "dash", why: "this lab's steps include small sh programs" },
  mount: { package: "mount", why: "this lab mounts file systems in its nodes" },
  umount: { package: "mount", why: "this lab mounts file systems in its nodes" },
  mountpoint: { package: "util-linux", why: "this lab keeps namespaces with bind mounts" },
  pivot_root: { package: "util-linux", why: "a node of this lab has its own root" },
  setsid: { package: "util-linux", why: "this lab runs services" },
  hostname: { package: "hostname", why: "a node of this lab has its own hostname" },
  mkdir: { package: "coreutils", why: "the lab keeps its record and files under /run/opentop" },
  rmdir: { package: "coreutils", why: "this lab removes its directories and cgroups" },
  rm: { package: "coreutils", why: "the lab removes its record and files" },
  mv: { package: "coreutils", why: "this lab saves the state of a host interface it moves in" },
  touch: { package: "coreutils", why: "this lab keeps namespace files, and its record's time of birth" },
  tee: { package: "coreutils", why: "this lab writes cgroup limits" },
  cat: { package: "coreutils", why: "the script reads the kernel's limits, and process and cgroup state" },
  stat: { package: "coreutils", why: "this lab unmounts only what it mounted" },
  find: { package: "findutils", why: "the script tells what the lab made from what it did not" },
  sleep: { package: "coreutils", why: "this lab waits for processes to start or stop" },
  env: { package: "coreutils", why: "this lab runs services" },
  tr: { package: "coreutils", why: "this lab stops its processes by their marks" },
  sed: { package: "sed", why: "this lab stops its processes by their marks" },
  tail: { package: "coreutils", why: "this lab reports the last lines of a failing service's log" },
  // Expectations' live probes (src/plan/probes.ts): `opentop test` and the script's `test`.
  ping: {
    package: "iputils-ping",
    why: "this lab's expectations are tested with ping, or the underlay between its machines checked",
  },
  socat: { package: "socat", why: "this lab's tcp and udp expectations are tested with it" },
  ss: { package: "iproute2", why: "this lab's tests look for a listener before starting one" },
  timeout: { package: "coreutils", why: "this lab's tests bound the life of a throwaway listener" },
  // Looking at a running lab (`opentop capture`), never part of a plan.
  tcpdump: { package: "tcpdump", why: "`capture` runs it in the lab's namespace" },
} as const satisfies Record<string, ProgramSpec>;

/** A program of the table: every command is built from these (the type checks the snippets' lists). */
export type Program = keyof typeof PROGRAMS;

export function isProgram(name: string): name is Program {
  return Object.hasOwn(PROGRAMS, name);
}

/**
 * The programs an argv runs: argv[0], and after `nsenter … --` the program it enters with,
 * plus those a small sh program of the command runs (`also`). Every command is built from
 * programs of the table; anything else is a bug.
 */
export function programsOfArgv(argv: readonly string[], also: readonly Program[] = []): Program[] {
  const first = argv[0] === "nsenter" ? ["nsenter", argv[argv.indexOf("--") + 1] ?? ""] : [argv[0] ?? ""];
  return [...new Set([...first, ...also])].map((name) => {
    if (!isProgram(name)) throw new Error(`internal: ${name} is not in the table of programs`);
    return name;
  });
}
