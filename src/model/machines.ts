// Machines: the hosts a lab spreads over, each by its underlay address (OT2060, OT2061),
// how to reach it (ssh, OT2066, OT2067), and which machine each node is on (OT1081, OT1082).
// The tunnels that carry a layer-2 domain from machine to machine are tunnels.ts's.

import { closest, type Diagnostics } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/source.js";
import type { Decls, MachineDecl, NodeDecl, PropDecl, Text } from "./expand.js";
import { parseIp } from "./ip.js";
import { checkName, parseMtu } from "./values.js";

/** How the machine is reached over ssh: `[USER@]HOST[:PORT]` (default: its underlay address). */
export interface SshTarget {
  readonly user?: string;
  readonly host: string;
  readonly port?: number;
}

export interface Machine {
  readonly name: string;
  readonly span: Span;
  /** Its underlay address, canonical: where the other machines' tunnels reach it. */
  readonly address: string;
  readonly family: 4 | 6;
  /** The largest IP packet its underlay carries (`mtu`; 1500 by default). */
  readonly mtu: number;
  readonly ssh: SshTarget;
  /** `ssh-option KEY VALUE`, in order: given to ssh as `-o KEY=VALUE`. */
  readonly sshOptions: readonly (readonly [string, string])[];
}

/** Machine names are part of paths and messages; like a lab's, they are short. */
export const MACHINE_NAME_MAX = 32;
export const DEFAULT_UNDERLAY_MTU = 1500;

/**
 * ssh options that make ssh run a program on this machine: a lab file that OpenTop brings up
 * as root may not choose them (~/.ssh/config may).
 */
const COMMAND_OPTIONS = new Set(
  [
    "ProxyCommand",
    "LocalCommand",
    "PermitLocalCommand",
    "KnownHostsCommand",
    "PKCS11Provider",
    "SecurityKeyProvider",
    "Match",
    "Include",
    "ControlPath",
    "ControlMaster",
  ].map((o) => o.toLowerCase()),
);

/** A machine as the checker knows it. */
export interface MachineState {
  readonly machine: Machine;
  readonly decl: MachineDecl;
}

/** The lab's machines, and which node is on which, as the checker learns them. */
export class Placement {
  /** The lab's machines (none: a lab of this machine alone), in declaration order. */
  readonly machines = new Map<string, MachineState>();
  /** Where nodes that name no machine are: `on MACHINE`, else the first machine. */
  defaultMachine: string | undefined;
  /** node → the machine it is on (only in a lab with machines). */
  readonly placed = new Map<string, string>();
  constructor(readonly diagnostics: Diagnostics) {}
}

/** Declares the lab's machines and its default one; a lab without them has none. */
export function declareMachines(diagnostics: Diagnostics, decls: Decls): Placement {
  const scope = new Placement(diagnostics);
  const addresses = new Map<string, Text>();
  for (const m of decls.machines) {
    const machine = readMachine(scope.diagnostics, m);
    if (!machine) continue;
    const first = scope.machines.get(machine.name);
    if (first) {
      scope.diagnostics.error("OT1005", `machine \`${machine.name}\` is declared twice`, {
        span: m.name.span,
        labels: [{ span: first.decl.name.span, message: "first declared here" }],
        help: "give each machine its own name",
      });
      continue;
    }
    const other = machine.address ? addresses.get(machine.address) : undefined;
    if (other)
      scope.diagnostics.error("OT2061", `two machines have the address ${machine.address}`, {
        span: m.address.span,
        labels: [{ span: other.span, message: "also this machine's" }],
        help: "each machine is reached at an address of its own; one machine is declared once",
      });
    else addresses.set(machine.address, m.address);
    scope.machines.set(machine.name, { machine, decl: m });
  }
  const [first, ...again] = decls.placements;
  for (const a of again)
    scope.diagnostics.error("OT1082", "the lab's default machine is given twice", {
      span: a.span,
      labels: first ? [{ span: first.span, message: "first given here" }] : [],
      help: "keep one `on MACHINE` at the top level; nodes elsewhere name theirs",
    });
  if (first && machineNamed(scope, first)) scope.defaultMachine = first.text;
  else scope.defaultMachine ??= [...scope.machines.keys()][0];
  return scope;
}

/**
 * Places a node on its machine — its own `on`, else the lab's default — and says which
 * (none in a lab without machines).
 */
export function placeNode(scope: Placement, n: NodeDecl): string | undefined {
  const machine = n.on ? (machineNamed(scope, n.on) ? n.on.text : undefined) : scope.defaultMachine;
  if (machine !== undefined) scope.placed.set(n.name.text, machine);
  return machine;
}

/** Whether `t` names a declared machine (OT1081 if not). */
function machineNamed(scope: Placement, t: Text): boolean {
  if (scope.machines.has(t.text)) return true;
  const guess = closest(t.text, scope.machines.keys());
  scope.diagnostics.error("OT1081", `no machine named \`${t.text}\``, {
    span: t.span,
    help: guess
      ? `did you mean \`${guess}\`?`
      : scope.machines.size
        ? `the machines are ${[...scope.machines.keys()].map((k) => `\`${k}\``).join(", ")}`
        : `declare it with \`machine ${t.text} ADDRESS\`, its underlay address`,
  });
  return false;
}

function readMachine(diagnostics: Diagnostics, m: MachineDecl): Machine | undefined {
  if (!checkName(diagnostics, m.name, "machine", MACHINE_NAME_MAX)) return undefined;
  const ip = parseIp(m.address.text);
  if (!ip.ok || ip.value.bytes.every((b) => b === 0) || isMulticast(ip.value.bytes, ip.value.family)) {
    diagnostics.error("OT2060", `\`${m.address.text}\` is not a machine's address`, {
      span: m.address.span,
      label: ip.ok
        ? "not a unicast address"
        : m.address.text.includes("/")
          ? "no prefix length here"
          : ip.reason,
      help: "give the IPv4 or IPv6 address the other machines reach this one at, such as 198.51.100.1",
    });
    // Still declared, so that its nodes are not reported as well (the lab has an error).
    const ssh = { host: m.address.text };
    return {
      name: m.name.text,
      span: m.span,
      address: "",
      family: 4,
      mtu: DEFAULT_UNDERLAY_MTU,
      ssh,
      sshOptions: [],
    };
  }
  let mtu = DEFAULT_UNDERLAY_MTU;
  let ssh: SshTarget = { host: ip.value.text };
  const sshOptions: [string, string][] = [];
  const seen = new Map<string, Span>();
  for (const p of m.props) {
    if (p.key !== "ssh-option" && once(diagnostics, seen, p, m.name.text)) continue;
    if (p.key === "mtu") mtu = underlayMtu(diagnostics, p, ip.value.family) ?? mtu;
    else if (p.key === "ssh") ssh = sshTarget(diagnostics, p) ?? ssh;
    else if (p.key === "ssh-option") {
      const option = sshOption(diagnostics, p);
      if (option) sshOptions.push(option);
    }
  }
  return {
    name: m.name.text,
    span: m.span,
    address: ip.value.text,
    family: ip.value.family,
    mtu,
    ssh,
    sshOptions,
  };
}

function isMulticast(bytes: readonly number[], family: 4 | 6): boolean {
  const b = bytes[0] ?? 0;
  return family === 4 ? b >= 224 : b === 0xff;
}

/** True (and reported, OT1006) when a machine's option is given a second time. */
function once(diagnostics: Diagnostics, seen: Map<string, Span>, p: PropDecl, machine: string): boolean {
  const first = seen.get(p.key);
  if (!first) {
    seen.set(p.key, p.keySpan);
    return false;
  }
  diagnostics.error("OT1006", `\`${p.key}\` of machine \`${machine}\` is given twice`, {
    span: p.keySpan,
    labels: [{ span: first, message: "first given here" }],
    help: "give each option of a machine once",
  });
  return true;
}

/** The underlay's MTU: an IPv6 underlay carries at least 1280 bytes. */
function underlayMtu(diagnostics: Diagnostics, p: PropDecl, family: 4 | 6): number | undefined {
  const mtu = parseMtu(diagnostics, p);
  const arg = p.args[0];
  if (mtu === undefined || !arg) return undefined;
  if (family === 6 && mtu < 1280) {
    diagnostics.error("OT2005", `invalid MTU \`${arg.text}\` for an IPv6 underlay`, {
      span: arg.span,
      help: "IPv6 carries packets of 1280 bytes or more on every link",
    });
    return undefined;
  }
  return mtu;
}

/** `[USER@]HOST[:PORT]`; a HOST with colons is an IPv6 address (with a port: `[ADDRESS]:PORT`). */
export function parseSshTarget(text: string): SshTarget | string {
  const at = text.lastIndexOf("@");
  const user = at >= 0 ? text.slice(0, at) : undefined;
  let rest = at >= 0 ? text.slice(at + 1) : text;
  if (user !== undefined && !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(user)) return `\`${user}\` is not a user name`;
  let port: string | undefined;
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::(.*))?$/.exec(rest);
  if (bracketed) {
    rest = bracketed[1] ?? "";
    port = bracketed[2];
  } else if ((rest.match(/:/g) ?? []).length === 1) [rest, port] = rest.split(":") as [string, string];
  const ip = parseIp(rest);
  if (
    !ip.ok &&
    (rest.includes(":") ||
      !/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(rest))
  )
    return `\`${rest}\` is neither an address nor a host name`;
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535))
    return `\`${port}\` is not a port (1 to 65535)`;
  return {
    ...(user !== undefined ? { user } : {}),
    host: ip.ok ? ip.value.text : rest,
    ...(port !== undefined ? { port: Number(port) } : {}),
  };
}

function sshTarget(diagnostics: Diagnostics, p: PropDecl): SshTarget | undefined {
  const arg = p.args[0];
  if (!arg) return undefined;
  const target = parseSshTarget(arg.text);
  if (typeof target !== "string") return target;
  diagnostics.error("OT2066", `invalid ssh destination \`${arg.text}\``, {
    span: arg.span,
    label: target,
    help: 'write `ssh USER@HOST`, `ssh USER@HOST:PORT`, or for an IPv6 address with a port `ssh "USER@[ADDRESS]:PORT"`',
  });
  return undefined;
}

/** `ssh-option KEY VALUE`: an option of ssh_config(5), safe to put on ssh's command line. */
function sshOption(diagnostics: Diagnostics, p: PropDecl): [string, string] | undefined {
  const [key, value] = p.args;
  if (!key || !value) return undefined;
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(key.text)) {
    diagnostics.error("OT2067", `\`${key.text}\` is not an ssh option`, {
      span: key.span,
      help: "write an option of ssh_config(5) and its value: `ssh-option IdentityFile /root/.ssh/lab`",
    });
    return undefined;
  }
  if (COMMAND_OPTIONS.has(key.text.toLowerCase())) {
    diagnostics.error("OT2067", `ssh option \`${key.text}\` cannot be set in a lab file`, {
      span: key.span,
      notes: [
        key.text.toLowerCase().startsWith("control")
          ? "OpenTop shares one connection per machine itself (ControlMaster, under the lab's directory)"
          : "it makes ssh run a program on this machine, as root, chosen by the lab file",
      ],
      help: "set it in ~/.ssh/config for the machine's host, which ssh reads as well",
    });
    return undefined;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(value.text) || value.text === "") {
    diagnostics.error("OT2067", `invalid value for ssh option \`${key.text}\``, {
      span: value.span,
      help: "a value is one line of text",
    });
    return undefined;
  }
  return [key.text, value.text];
}
