// The live probes of expectations as constant POSIX sh programs, run as `sh -c PROGRAM NAME
// ARG…` inside a node's network namespace (every value a positional argument, never program
// text), by the runner (`opentop test`) and the standalone script's `test` alike. Each
// prints one line that both read the same way: what came back.
//
// The tools: ping (iputils-ping) for icmp; socat for tcp and udp, because it binds a source
// address (bash's /dev/tcp cannot), reports each connect and read error by its errno text,
// and listens as well — the netcats differ in flags and error reports from one package to
// the next; ss (iproute2) to see whether something listens; timeout (coreutils) bounds a
// throwaway listener's life even if nothing stops it.

/**
 * `opentop-probe PROTO FAMILY DST PORT SRC SECONDS`: one probe from this namespace; prints
 * `reached`, `refused` (a reset, ICMP port unreachable or prohibited, or this node's own
 * filter refusing to send), `unreachable`
 * (ICMP host or network unreachable, no route, no neighbour), `timeout` (no answer in
 * SECONDS), or `error MESSAGE`. SRC may be empty (the kernel chooses); PORT is empty for
 * icmp. Ping sends every 0.2 s until the first reply, so a first packet lost to a neighbour
 * being resolved does not count. ping and socat run with LC_ALL=C: the messages read here
 * are glibc's errno texts, which ping gives in the user's language otherwise ("Das Netzwerk
 * ist nicht erreichbar"), and the built script runs in the caller's locale.
 */
export const PROBE = [
  'proto=$1 family=$2 dst=$3 port=$4 src=$5 t=$6; a=$dst b=$src; [ "$family" = 6 ] && a="[$dst]" b="[$src]";',
  "case $proto in",
  'icmp) set -- ping -n -"$family" -c 1 -i 0.2 -w "$t"; [ -z "$src" ] || set -- "$@" -I "$src"; out=$(LC_ALL=C "$@" "$dst" 2>&1) && { echo reached; exit 0; };;',
  'tcp) o=connect-timeout=$t; [ -z "$src" ] || o=$o,bind=$b; out=$(LC_ALL=C socat -T "$t" /dev/null "TCP$family:$a:$port,$o" 2>&1) && { echo reached; exit 0; };;',
  'udp) o=readbytes=1; [ -z "$src" ] || o=$o,bind=$b; out=$(echo opentop | LC_ALL=C socat -t "$t" -T "$t" - "UDP$family:$a:$port,$o" 2>&1); case $out in "") echo timeout; exit 0;; *" E "*) ;; *) echo reached; exit 0;; esac;;',
  '*) echo "error unknown protocol $proto"; exit 0;;',
  "esac;",
  "case $out in",
  '*"Connection refused"*|*"Port Unreachable"*|*"Port unreachable"*|*"Packet filtered"*|*rohibited*|*"not permitted"*) echo refused;;',
  '*nreachable*|*"No route"*|*"Time to live exceeded"*|*"Hop limit"*) echo unreachable;;',
  '*"timed out"*|*" 0 received"*) echo timeout;;',
  '*) printf "error %s\\n" "$(printf "%s" "$out" | tr "\\n" " ")";;',
  "esac",
].join(" ");

/**
 * `opentop-listen PIDFILE MARK SECONDS PROTO FAMILY ADDRESS PORT`: a throwaway listener on
 * ADDRESS:PORT of this namespace (tcp: accepts and closes; udp: echoes each datagram), unless
 * something listens there already (on the address or on every address). Prints `present`
 * (nothing started) or `started` once it listens; its PID goes to PIDFILE, its `$0` is MARK
 * (so that only it is stopped, as a service is), and it ends by itself after SECONDS.
 */
export const LISTEN = [
  'pidfile=$1 mark=$2 life=$3 proto=$4 family=$5 addr=$6 port=$7; f=-t; [ "$proto" = udp ] && f=-u;',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: `${l%:*}` is sh's, in a plain string on purpose
  'listening() { ss -Hln $f "sport = :$port" | { while read -r _ _ _ l _; do case ${l%:*} in "*"|0.0.0.0|"[::]"|"$addr"|"[$addr]") exit 3;; esac; done; exit 0; }; [ $? = 3 ]; };',
  "if listening; then echo present; exit 0; fi;",
  'b=$addr; [ "$family" = 6 ] && b="[$addr]";',
  "case $proto in tcp) l=TCP$family-LISTEN:$port,bind=$b,reuseaddr,fork r=/dev/null;; *) l=UDP$family-RECVFROM:$port,bind=$b,fork r=PIPE;; esac;",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: sh's, in a plain string on purpose
  'mkdir -p "${pidfile%/*}" || exit 1;',
  `setsid sh -c 'timeout --foreground "$@"; exit 0' "$mark" "$life" socat "$l" "$r" </dev/null >/dev/null 2>&1 &`,
  'pid=$!; echo "$pid" > "$pidfile" || { kill -KILL "$pid"; exit 1; };',
  'i=0; until listening; do kill -0 "$pid" 2>/dev/null || { echo "socat could not listen on $b:$port" >&2; exit 1; }; [ $i -ge 100 ] && { echo "nothing listens on $b:$port after 5 s" >&2; exit 1; }; sleep 0.05; i=$((i+1)); done;',
  "echo started",
].join(" ");

/**
 * `opentop-settle SECONDS`: waits until no address of this namespace is tentative (IPv6
 * duplicate address detection, about a second after an interface comes up), for at most
 * SECONDS. Until a node's link-local address has passed it, the kernel does not solicit
 * its neighbours, and the first packets of a path through it wait a second for the next
 * try: a probe right after `up` would time out where a path works. Prints nothing.
 */
export const SETTLE = [
  "i=0; n=$(($1 * 10));",
  'while [ -n "$(ip -6 addr show tentative 2>/dev/null)" ] && [ "$i" -lt "$n" ]; do sleep 0.1; i=$((i + 1)); done',
].join(" ");

/** What a probe saw, as its program prints it. */
export type Seen = "reached" | "refused" | "unreachable" | "timeout" | "error";

export interface ProbeOutput {
  readonly seen: Seen;
  /** For `error`: what went wrong. */
  readonly detail?: string;
}

/** A probe's printed line, read back. */
export function readProbe(stdout: string): ProbeOutput {
  const line = stdout.trim().split("\n").at(-1) ?? "";
  const [word = "", ...rest] = line.split(" ");
  if (word === "reached" || word === "refused" || word === "unreachable" || word === "timeout")
    return { seen: word };
  return { seen: "error", detail: (word === "error" ? rest.join(" ") : line) || "the probe printed nothing" };
}
