// The command line as data: every command with its arguments, options and examples, and the
// exit statuses. One table feeds `--help`, `opentop help CMD`, the man page, docs/cli.md,
// shell completion and the option parser itself, so that none of them can drift apart.

/** What a positional argument is, for completion (src/cli/complete.ts) and for people. */
export type ArgKind =
  | "file"
  | "lab"
  | "lab-or-file"
  | "node"
  | "node-or-switch"
  | "capture-at"
  | "iface"
  | "filter"
  | "service"
  | "program"
  | "shell"
  | "import-format"
  | "probe-protocol";

export interface OptionDoc {
  readonly name: string;
  readonly short?: string;
  /** The value's placeholder (`N`, `FILE`); absent: a flag. */
  readonly value?: string;
  /** The values it takes, when they are a fixed few (completion offers them). */
  readonly choices?: readonly string[];
  /** Its value is a file name. */
  readonly file?: boolean;
  readonly multiple?: boolean;
  readonly help: string;
}

export interface Example {
  readonly cmd: string;
  readonly what: string;
}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  /** The positional part of the synopsis: `LAB|FILE NODE [SERVICE]`. */
  readonly args: string;
  /** What each positional is, in order; the last repeats when `rest` is set. */
  readonly positionals: readonly ArgKind[];
  readonly rest?: boolean;
  readonly description: string;
  readonly options: readonly OptionDoc[];
  readonly examples: readonly Example[];
  /** Not listed in help (the completion helper). */
  readonly hidden?: boolean;
}

const SET: OptionDoc = {
  name: "set",
  value: "NAME=VALUE",
  multiple: true,
  help: "give parameter NAME this value instead of its default (repeatable)",
};
const UNSET: OptionDoc = {
  name: "unset",
  value: "NAME",
  multiple: true,
  help: "drop the value the running lab keeps for parameter NAME: back to the file's default (repeatable)",
};
const FIREWALL: OptionDoc = {
  name: "firewall",
  value: "nft|iptables",
  choices: ["nft", "iptables"],
  help: "lower filters to nftables or iptables (default: nft where it is installed)",
};
const JSON_OUT: OptionDoc = { name: "json", help: "write the result as JSON on standard output" };
const MACHINE: OptionDoc = {
  name: "machine",
  value: "NAME",
  help: "in a lab on several machines: only machine NAME's part, on this machine (which is NAME), without ssh",
};
const FORMAT: OptionDoc = {
  name: "format",
  value: "pretty|short|json",
  choices: ["pretty", "short", "json"],
  help: "how diagnostics are written: for people (default), one line each, or JSON",
};

/** Options every command takes. */
export const GLOBAL_OPTIONS: readonly OptionDoc[] = [
  { name: "help", short: "h", help: "show the command's help and exit" },
  FORMAT,
];

const TABLE = [
  {
    name: "check",
    summary: "report every problem in a lab file; change nothing",
    args: "FILE",
    positionals: ["file"],
    description:
      "Compiles FILE and reports every error and warning in it, each with its code, place and a hint. A lab with filters is also checked against this machine: the tools its lowering needs and, as root, whether the kernel takes its rulesets. Nothing on the machine changes.",
    options: [SET, FIREWALL, JSON_OUT],
    examples: [
      { cmd: "opentop check examples/office.otop", what: "check a lab file" },
      { cmd: "opentop check lab.otop --format short", what: "one line per problem, for editors and grep" },
      { cmd: "opentop check examples/star.otop --set n=300", what: "check it with a parameter changed" },
    ],
  },
  {
    name: "plan",
    summary: "show every kernel operation `up` would run; do nothing",
    args: "FILE",
    positionals: ["file"],
    description:
      "Prints the exact operations of `up` (or with --down, of `down`), stage by stage and process by process, each with the statement of the file that asked for it.",
    options: [
      SET,
      UNSET,
      FIREWALL,
      { name: "down", help: "show the operations of `down` instead" },
      {
        name: "diff",
        help: "show what `apply` would change in the running lab: each object added, changed in place, made again (and what forced it) or removed",
      },
      {
        ...MACHINE,
        help: "in a lab on several machines: only machine NAME's plan (default: every machine's)",
      },
      JSON_OUT,
    ],
    examples: [
      { cmd: "opentop plan examples/p2p.otop", what: "what `up` would do" },
      { cmd: "opentop plan examples/p2p.otop --down", what: "what `down` would do" },
      {
        cmd: "sudo opentop plan examples/wan.otop --diff --set rate=5mbit",
        what: "what `apply` would change",
      },
    ],
  },
  {
    name: "up",
    summary: "bring a lab up: create its namespaces, links, addresses and routes",
    args: "FILE",
    positionals: ["file"],
    description:
      "Runs the lab's plan on this machine (as root) and exits: no daemon stays behind. The record under /run/opentop is written before the first operation, so a crash leaves evidence; a failure or Ctrl-C half-way rolls back what was done. On a terminal, the phase and a count of steps show progress. A lab on several machines is brought up on all of them over ssh, at once: each machine's script is streamed to `sh -s` there, every machine first checks that it can come up (its underlay to the others included), and if one fails, every machine is rolled back.",
    options: [
      SET,
      FIREWALL,
      MACHINE,
      { name: "jobs", short: "j", value: "N", help: "run at most N processes at once within a stage" },
      { name: "verbose", short: "v", help: "print every process as it finishes, with its time" },
      JSON_OUT,
    ],
    examples: [
      { cmd: "sudo opentop up examples/office.otop", what: "bring the office lab up" },
      { cmd: "sudo opentop up examples/star.otop --set n=200", what: "a star of 200 nodes" },
    ],
  },
  {
    name: "apply",
    summary: "change a running lab into what its file now says, touching nothing else",
    args: "FILE",
    positionals: ["file"],
    description:
      "Compares the running lab's record with the file's plan, object by object, and runs only the difference: what is gone is removed, what is new is made, what changed is changed in place where the kernel can (a route, a qdisc, a filter in one transaction, a sysctl, a limit) and made again where it cannot — with everything that needs it, which the list of changes says. Everything else is untouched: connections across an unchanged path survive. --set values given before are kept unless set again, or dropped with --unset. A failure or Ctrl-C rolls back to the lab as it was. A lab that is not up is brought up. `opentop plan FILE --diff` shows the same changes without making them. The standalone script (`build`) does not apply: it brings its lab up and down whole; nor does a lab on several machines yet (OT6049).",
    options: [
      SET,
      UNSET,
      FIREWALL,
      { name: "verbose", short: "v", help: "print every process as it finishes, with its time" },
      JSON_OUT,
    ],
    examples: [
      { cmd: "sudo opentop apply examples/office.otop", what: "apply an edited lab file" },
      { cmd: "sudo opentop apply examples/wan.otop --set rate=5mbit", what: "change one parameter" },
      { cmd: "sudo opentop apply examples/wan.otop --unset rate", what: "back to the file's default" },
    ],
  },
  {
    name: "down",
    summary: "remove everything a lab created (works after a crash, or with the file gone)",
    args: "LAB|FILE",
    positionals: ["lab-or-file"],
    description:
      "Removes every object the lab created, from its record, or from its file, or by the lab's marks on the machine when both are gone. It never removes an object that is not provably the lab's: one that carries its mark, or that its record proves it made. Given a file, it takes down only a lab brought up from that file's plan (with the same --set values). Taking down a lab that is not up does nothing and succeeds. A lab brought up on several machines is taken down on each over ssh, and reported per machine.",
    options: [SET, MACHINE, JSON_OUT],
    examples: [
      { cmd: "sudo opentop down office", what: "take the office lab down by its name" },
      { cmd: "sudo opentop down examples/office.otop", what: "the same, by its file" },
    ],
  },
  {
    name: "status",
    summary: "show a lab's live state from the kernel and any drift from its plan",
    args: "LAB|FILE",
    positionals: ["lab-or-file"],
    description:
      "Reads the lab's namespaces, interfaces, addresses, routes, filters, services and limits from the kernel and compares them with what its plan left there: every missing, extra or changed object is drift, and so is a namespace it could not read (with the reason, never as missing); a namespace whose name is there but holds no namespace (unmounted by hand, or something else put there) is missing, and is never opened. A namespace's interfaces are listed loopback first, then in the order people count names (`h2` before `h10`), each bridge followed by its ports. A route the lab declares without a metric is there at any metric the kernel gives it, unless that route is exactly another the lab declares; one declared without a gateway is there only without one (a route through a neighbour in its place is drift, also through an IPv6 neighbour, which drift names as ip does: `via inet6 ADDRESS`); drift names a route's metric where it has one (IPv6's default 1024 aside). Needs root (the namespaces cannot be entered without it). Exits 1 when the lab has drifted or is half up, or when a service has exited with an error or was stopped. A lab brought up on several machines is read on each over ssh (by its script's status: interfaces, addresses, routes and shaping).",
    options: [MACHINE, JSON_OUT],
    examples: [
      { cmd: "sudo opentop status office", what: "the office lab's live state" },
      { cmd: "sudo opentop status office --json | jq .drift", what: "only its drift" },
    ],
  },
  {
    name: "trace",
    summary: "show the path the model predicts for a packet, hop by hop; change nothing",
    args: "LAB|FILE SRC DST [icmp | tcp PORT | udp PORT] [via NODE]",
    positionals: ["lab-or-file", "node", "node", "probe-protocol"],
    description:
      "Walks one packet through the lab's model as an `expect SRC -> DST …` statement would be checked: each route and filter rule that decides, with its place in the file, the NAT on the way, the reply back through conntrack, or where and why the packet stops. SRC and DST are nodes, `NODE.IFACE` or addresses of nodes; without -4 or -6, each family both have is traced. Every path of a multipath route is shown. Nothing on the machine is read; the lab need not be up.",
    options: [
      { name: "ipv4", short: "4", help: "trace IPv4 only" },
      { name: "ipv6", short: "6", help: "trace IPv6 only" },
      SET,
      JSON_OUT,
    ],
    examples: [
      {
        cmd: "opentop trace examples/office.otop isp router.wan tcp 80 -4",
        what: "through the router's dnat",
      },
      { cmd: "opentop trace office pc1 web tcp 22", what: "why pc1 cannot reach web's ssh" },
    ],
  },
  {
    name: "test",
    summary: "prove a lab's expectations with real packets (or every pair of nodes: --matrix)",
    args: "LAB|FILE",
    positionals: ["lab-or-file"],
    description:
      "In the lab that is up (from this file as it is now), sends each expectation's packets — ping, or a TCP connection or UDP datagram with socat, to a throwaway listener where the request lands — and shows the kernel's answer beside the model's verdict. An expectation that does not hold fails; a disagreement between the model and the kernel is reported as a defect (OT8021). With --matrix, every ordered pair of nodes is pinged instead, in a grid per family. Needs root. Exits 1 on any failure, defect or probe error. A lab on several machines cannot be tested with real packets yet (OT8024): `check` gives the model's verdicts.",
    options: [
      { name: "matrix", help: "ping every ordered pair of nodes instead of the lab's expectations" },
      {
        name: "timeout",
        value: "SECONDS",
        help: "how long a probe waits for an answer (default 2; 1 with --matrix)",
      },
      {
        name: "jobs",
        short: "j",
        value: "N",
        help: "run at most N probes at once (default 16; 64 with --matrix)",
      },
      SET,
      JSON_OUT,
    ],
    examples: [
      { cmd: "sudo opentop test office", what: "the office lab's expectations, with real packets" },
      { cmd: "sudo opentop test examples/star.otop --matrix", what: "every pair of the star's nodes" },
      {
        cmd: "sudo opentop test office --json | jq '.results[] | select(.pass == false)'",
        what: "what failed",
      },
    ],
  },
  {
    name: "ls",
    summary: "list the labs on this machine",
    args: "",
    positionals: [],
    description:
      "Lists the labs that have a record on this machine, with their state, size and file: the parts of labs on several machines that this machine holds, and the labs it brought up on other machines (from its own record of them, without asking them).",
    options: [JSON_OUT],
    examples: [{ cmd: "opentop ls", what: "the labs on this machine" }],
  },
  {
    name: "exec",
    summary: "run a command inside a node",
    args: "LAB|FILE NODE|SWITCH [--] COMMAND [ARG]…",
    positionals: ["lab-or-file", "node-or-switch", "program"],
    rest: true,
    description:
      "Runs COMMAND inside NODE with the terminal attached: in exactly the namespaces the node isolates, after joining its cgroups. A switch's name enters the switches' namespace instead: the lab's own network namespace, where every switch's bridge and ports are. The exit status is the command's. Options after NODE belong to COMMAND; `--` may separate them. Needs root. In a lab brought up on several machines, the command runs on the node's machine, over ssh.",
    options: [],
    examples: [
      { cmd: "sudo opentop exec office pc1 -- ping -c1 10.2.0.10", what: "ping the web server from pc1" },
      { cmd: "sudo opentop exec office router -- nft list ruleset", what: "the router's live filter" },
      {
        cmd: "sudo opentop exec office lan -- bridge fdb show br lan",
        what: "switch lan's forwarding table",
      },
    ],
  },
  {
    name: "shell",
    summary: "open an interactive shell inside a node",
    args: "LAB|FILE NODE|SWITCH",
    positionals: ["lab-or-file", "node-or-switch"],
    description:
      "Opens $SHELL (or /bin/sh) inside NODE (a switch's name: the switches' namespace). The prompt starts with [LAB:NODE] so that it is clear where you are (bash, zsh, fish and sh-like shells); OPENTOP_LAB and OPENTOP_NODE are set. Needs root.",
    options: [],
    examples: [{ cmd: "sudo opentop shell office router", what: "a shell on the router" }],
  },
  {
    name: "logs",
    summary: "print the output of a node's services",
    args: "LAB|FILE NODE [SERVICE]",
    positionals: ["lab-or-file", "node", "service"],
    description:
      "Prints what a node's services (`run`) wrote to standard output and error, from their log files under /run/opentop/LAB/services. With --follow, keeps printing what they write until interrupted.",
    options: [{ name: "follow", short: "f", help: "keep printing new output until Ctrl-C" }],
    examples: [
      { cmd: "sudo opentop logs isolation db", what: "every service of node db" },
      { cmd: "sudo opentop logs isolation db web -f", what: "follow service web" },
    ],
  },
  {
    name: "capture",
    summary: "capture packets on a node's interface, a switch's port or a host end: pcap for wireshark",
    args: "LAB|FILE NODE|SWITCH|host IFACE [FILTER]…",
    positionals: ["lab-or-file", "capture-at", "iface", "filter"],
    rest: true,
    description:
      "Runs tcpdump on IFACE of NODE, in the node's network namespace, and writes pcap to standard output (each packet as it comes, for `| wireshark -k -i -`) or with -w to a file; FILTER is a tcpdump filter expression. For a switch, IFACE is the port of a node's interface, `NODE.IFACE` (or the switch's own name: its bridge); for `host`, `NODE.IFACE` is the host's end of that node's link to the host. Ctrl-C stops it; tcpdump's counts go to standard error. Needs root and tcpdump.",
    options: [
      {
        name: "write",
        short: "w",
        value: "FILE",
        file: true,
        help: "write the pcap to FILE instead of standard output",
      },
      { name: "count", short: "c", value: "N", help: "stop after N packets" },
    ],
    examples: [
      {
        cmd: "sudo opentop capture office router wan | wireshark -k -i -",
        what: "watch the router's uplink live",
      },
      {
        cmd: "sudo opentop capture office lan pc1.eth0 icmp -w pc1.pcap",
        what: "pc1's switch port, ICMP only, to a file",
      },
      {
        cmd: "sudo opentop capture office host router.wan -c 10 | tcpdump -r -",
        what: "ten packets at the host's end",
      },
    ],
  },
  {
    name: "graph",
    summary: "draw a lab: DOT, Mermaid, SVG, or an HTML page with details on hover",
    args: "LAB|FILE",
    positionals: ["lab-or-file"],
    description:
      "Draws the lab's nodes (with badges for isolation, limits, services and filters), switches, and links with their interface names and addresses. For a lab that is up (by its name), the live state is drawn in colour: missing nodes and links that are down in red, drift in orange. A large lab keeps names only (details on hover), and a large mesh (a leaf-spine fabric: more links than boxes) is drawn radially around its centre, in rings wide enough for what they hold. SVG and HTML are rendered in-process (Graphviz compiled to WebAssembly): no graphviz needs to be installed. The HTML page is self-contained and works offline.",
    options: [
      {
        name: "output-format",
        short: "T",
        value: "dot|mermaid|svg|html",
        choices: ["dot", "mermaid", "svg", "html"],
        help: "what to write (default: from the file name given to -o, else dot)",
      },
      {
        name: "output",
        short: "o",
        value: "FILE",
        file: true,
        help: "write to FILE instead of standard output",
      },
      SET,
    ],
    examples: [
      { cmd: "opentop graph examples/office.otop -o office.svg", what: "a picture of the office lab" },
      { cmd: "opentop graph examples/office.otop -o office.html", what: "a page with details on hover" },
      { cmd: "opentop graph examples/office.otop | dot -Tpng > office.png", what: "DOT for Graphviz" },
      { cmd: "sudo opentop graph office -T svg > live.svg", what: "a running lab, with its live state" },
    ],
  },
  {
    name: "build",
    summary: "write the lab as a standalone sh script (up, down, status, exec) that needs no OpenTop",
    args: "FILE",
    positionals: ["file"],
    description:
      "Writes the lab's plan as one POSIX sh script that needs only sh and the elementary tools (ip, nsenter, and nft, sysctl… as the lab needs). The script's up, down, status and exec do what OpenTop's do, with the same record; its test probes the lab's expectations as `opentop test` does; `check` says whether up would work, creating nothing. A lab on several machines has one script per machine: --machine writes one, --all-machines every one, with an Ansible inventory and playbook that copy and run them (a machine's script does not test: the lab's expectations cross machines).",
    options: [
      {
        name: "output",
        short: "o",
        value: "OUT",
        file: true,
        help: "write to OUT (executable) instead of standard output",
      },
      { ...MACHINE, help: "in a lab on several machines: the script of machine NAME's part" },
      {
        name: "all-machines",
        value: "DIR",
        file: true,
        help: "in a lab on several machines: every machine's script in DIR, with inventory.ini and playbook.yml for Ansible",
      },
      SET,
      FIREWALL,
      JSON_OUT,
    ],
    examples: [
      { cmd: "opentop build examples/office.otop -o office.sh", what: "write the script" },
      { cmd: "sudo ./office.sh up && sudo ./office.sh status", what: "run it, without OpenTop" },
      {
        cmd: "opentop build examples/machines.otop --all-machines out/",
        what: "a script per machine, and a playbook: `ansible-playbook -i out/inventory.ini out/playbook.yml`",
      },
    ],
  },
  {
    name: "import",
    summary: "convert a containerlab topology or a Mininet --topo into a lab file",
    args: "containerlab TOPO.clab.yml | mininet TOPO",
    positionals: ["import-format", "file"],
    description:
      "Writes an OpenTop lab equivalent to a containerlab topology (its linux, bridge and host nodes, their links, and addresses set by plain `ip addr add` exec lines) or to one of Mininet's --topo spellings (single,N, linear,N, tree,DEPTH,FANOUT, minimal). What cannot be converted is reported as a warning and kept as a comment in the output, never dropped silently.",
    options: [
      {
        name: "output",
        short: "o",
        value: "FILE",
        file: true,
        help: "write the lab to FILE instead of standard output",
      },
      { name: "name", value: "LAB", help: "the lab's name (default: the topology's)" },
    ],
    examples: [
      {
        cmd: "opentop import containerlab srl.clab.yml -o srl.otop",
        what: "convert a containerlab topology",
      },
      { cmd: "opentop import mininet tree,2,3 -o tree.otop", what: "Mininet's `--topo tree,2,3`" },
    ],
  },
  {
    name: "fmt",
    summary: "rewrite lab files in the one canonical style, keeping every comment",
    args: "FILE…",
    positionals: ["file"],
    rest: true,
    description:
      'Rewrites each FILE in OpenTop\'s canonical style (docs/language.md, "Style"): two spaces a level, one statement a line except in a block written on one line, one blank between words, at most one blank line in a row, and every comment where it was, those after code aligned. Only layout changes, never a word, so the plan stays the same; fmt checks that before it writes, and writes each file whole (an interrupted fmt leaves it as it was). A file with syntax errors is left as it is. FILE `-` formats standard input to standard output. Prints the name of each file it rewrote.',
    options: [
      {
        name: "check",
        help: "write nothing; fail with OT9030 for each file that is not formatted, at its first line that differs",
      },
      JSON_OUT,
    ],
    examples: [
      { cmd: "opentop fmt examples/*.otop", what: "format files in place" },
      { cmd: "opentop fmt --check lab.otop", what: "in CI: fail if lab.otop is not formatted" },
      { cmd: "opentop fmt - < lab.otop", what: "format standard input to standard output (for editors)" },
    ],
  },
  {
    name: "lsp",
    summary: "the language server for editors: diagnostics as you type, completion, formatting",
    args: "",
    positionals: [],
    description:
      "Speaks the Language Server Protocol over standard input and output; an editor starts it (docs/editors.md). For each open lab file it publishes `check`'s diagnostics as the file changes, completes keywords and the names of nodes, switches and interfaces, and formats the file as `fmt` does. It changes nothing on the machine.",
    options: [{ name: "stdio", help: "talk over standard input and output (the only way; editors pass it)" }],
    examples: [{ cmd: "opentop lsp", what: "what an editor runs (see docs/editors.md)" }],
  },
  {
    name: "gc",
    summary: "remove what labs that never finished coming up (or lost their record) left behind",
    args: "",
    positionals: [],
    description:
      "Finds objects that carry a lab's mark but belong to no lab that is up (a crashed `up`, a lost record) and removes them. It never touches a lab that is up, nor an object without a mark.",
    options: [{ name: "dry-run", short: "n", help: "only say what would be removed" }, JSON_OUT],
    examples: [
      { cmd: "opentop gc --dry-run", what: "what would be removed" },
      { cmd: "sudo opentop gc", what: "remove it" },
    ],
  },
  {
    name: "completion",
    summary: "print the shell completion script for bash, zsh or fish",
    args: "bash|zsh|fish",
    positionals: ["shell"],
    description:
      "Prints a script that completes OpenTop's commands, options, lab names (from `opentop ls`) and node names. Load it from your shell's start-up file (see EXAMPLES) or install it where your shell looks for completions.",
    options: [],
    examples: [
      { cmd: 'eval "$(opentop completion bash)"', what: "in ~/.bashrc" },
      { cmd: "source <(opentop completion zsh)", what: "in ~/.zshrc (after compinit)" },
      { cmd: "opentop completion fish > ~/.config/fish/completions/opentop.fish", what: "fish" },
    ],
  },
  {
    name: "help",
    summary: "show the commands, or one command's help",
    args: "[COMMAND]",
    positionals: [],
    description: "Without COMMAND, lists the commands; with one, shows its usage, options and examples.",
    options: [],
    examples: [{ cmd: "opentop help up", what: "how to use `up`" }],
  },
  {
    name: "__complete",
    summary: "completion candidates for the words of a command line (used by the completion scripts)",
    args: "WORD…",
    positionals: [],
    description: "Prints one candidate a line, `value<TAB>description`; a line `:files` asks for file names.",
    options: [],
    examples: [],
    hidden: true,
  },
] as const satisfies readonly CommandSpec[];

export type CommandName = (typeof TABLE)[number]["name"];

/** Every command, in the order help lists them. */
export const SPECS: readonly (CommandSpec & { readonly name: CommandName })[] = TABLE;

export const SPEC = Object.fromEntries(SPECS.map((s) => [s.name, s])) as {
  readonly [K in CommandName]: CommandSpec;
};

export function specOf(name: string): CommandSpec | undefined {
  return SPECS.find((s) => s.name === name);
}

/** Exit statuses, one table for `--help`, the man page and docs/cli.md. */
export const EXIT_STATUSES: readonly {
  readonly status: string;
  readonly meaning: string;
  /** The commands it concerns, when not every command. */
  readonly only?: readonly CommandName[];
}[] = [
  { status: "0", meaning: "success (warnings included)" },
  {
    status: "1",
    meaning:
      "an error in the lab file, or a failure on the machine (rolled back); `status`: the lab has drifted, is half up, or a service has stopped; `test`: an expectation failed, or the model and the kernel disagree",
  },
  {
    status: "1",
    meaning:
      "`fmt --check`: a file is not formatted (OT9030); `fmt`: a file could not be read, parsed or written",
    only: ["fmt"],
  },
  { status: "2", meaning: "a command-line usage error (OT9002), or `opentop` without a command" },
  {
    status: "N",
    meaning:
      "`exec` and `shell`: the program's own status (128 + n after signal n; 127 if it cannot be started)",
    only: ["exec", "shell"],
  },
];

/** Environment variables OpenTop reads. */
export const ENVIRONMENT: readonly { readonly name: string; readonly meaning: string }[] = [
  { name: "NO_COLOR", meaning: "set (to anything): never colour the output" },
  { name: "FORCE_COLOR", meaning: "set: colour even when the output is not a terminal" },
  { name: "OPENTOP_RUN_DIR", meaning: "where records and locks live (default /run/opentop)" },
  { name: "OPENTOP_DEBUG", meaning: "set: an internal error (OT9003) shows its stack trace" },
];

/** The synopsis: `opentop up FILE [--set NAME=VALUE]… [--json]`. */
export function usageOf(spec: CommandSpec): string {
  const options = spec.options.map((o) => `[${optionSynopsis(o)}]${o.multiple ? "…" : ""}`);
  return ["opentop", spec.name, spec.args, ...options].filter((w) => w !== "").join(" ");
}

/** `-o, --output FILE` or `--json`. */
export function optionSynopsis(o: OptionDoc, withShort = false): string {
  const long = `--${o.name}${o.value ? ` ${o.value}` : ""}`;
  return withShort && o.short ? `-${o.short}, ${long}` : long;
}
