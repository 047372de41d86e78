// The few operations that no single tool performs — join a cgroup and then exec, start a
// process detached and write down its PID, stop a process only if it is still the one we
// started — are these constant POSIX sh programs. They are run as `sh -c PROGRAM NAME ARG…`:
// every value reaches them as a positional argument and is used quoted, never spliced into
// program text, so a value cannot become code. They are the same for the runner and the
// standalone script (`opentop build`), which is why they are sh and not Node: `plan` shows them, and
// a machine without Node runs them unchanged. Each is one line so that a process's command
// line reads `sh`, `-c`, PROGRAM, NAME, … and its NAME (a mark) is the fourth word.

import { LISTEN, PROBE, SETTLE } from "./probes.js";

/**
 * `opentop-join PROCS… -- ARGV…`: move this process into the cgroups whose `cgroup.procs`
 * files are given, then exec ARGV (same PID), so everything ARGV starts is accounted there.
 */
export const JOIN = 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"';

/**
 * `opentop-start LOG PIDFILE STATUS PROCS… -- ARGV…`: leave the caller's working directory
 * (a service must not pin it, nor start wherever `up` happened to run), remove the exit
 * status an earlier run of the service left (readiness reads it first), join the cgroups,
 * start ARGV in a new session (detached from the caller's terminal and process group), its
 * output appended to LOG, write its PID to PIDFILE, and return at once. setsid does not fork
 * here: a background job of a non-interactive shell is not a process-group leader, so `$!`
 * is ARGV's own PID.
 */
export const START_SERVICE =
  'cd / || exit 125; log=$1 pidfile=$2; rm -f "$3" || exit 125; shift 3; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; setsid "$@" </dev/null >>"$log" 2>&1 & echo $! > "$pidfile" || { kill -KILL $!; exit 1; }';

/**
 * `MARK STATUS ARGV…` (MARK is `$0`, so it shows in `ps` and in /proc/PID/cmdline): run
 * ARGV — nsenter into the node, then the user's `sh -c COMMAND` — and write its exit status
 * to STATUS. This is how a detached service's exit code is kept without a daemon: the
 * wrapper is the service's session leader, waits for it, and is stopped with it.
 */
export const SERVICE_WRAPPER = 'status=$1; shift; "$@"; echo $? > "$status"';

/**
 * `opentop-init LOG PIDFILE PIDNS PROCS… -- ARGV…`, run by `unshare --pid` (which creates a
 * pid namespace for this shell's children without forking): leave the caller's working
 * directory, join the cgroups, start ARGV —
 * the namespace's first process, so its init — write its PID, and bind its pid namespace
 * to PIDNS (from the host's mount namespace, so that the file outlives this shell).
 */
export const START_INIT =
  'cd / || exit 125; log=$1 pidfile=$2 ns=$3; shift 3; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; "$@" </dev/null >>"$log" 2>&1 & echo $! > "$pidfile" && mount --bind /proc/$!/ns/pid "$ns" || { kill -KILL $!; exit 1; }';

/**
 * The init of a node's pid namespace (`$0` is its mark). A pid namespace dies with its
 * first process, so one must live as long as the node; it also reaps processes orphaned
 * inside the node (sh's `wait` collects any child, adopted ones included). It sleeps in a
 * child so that `wait` has something to wait for; `sleep` is exec'd once, before the node
 * switches to its `root`, so the root needs no `sleep` of its own.
 */
export const INIT = "while :; do sleep 2147483647 & wait; done";

/**
 * `opentop-stop PIDFILE MARK GRACE MODE`: stop what a PID file names, only if it is still
 * ours: a live process must carry MARK as its fourth command-line word (else the PID has
 * been reused and nothing is done). MODE `group` signals the process group the service
 * leads (which outlives its leader while any member lives, and whose number the kernel
 * does not reuse meanwhile); `process` signals the one process (a pid namespace's init,
 * whose death takes every process of the namespace with it). TERM, then KILL after GRACE
 * tenths of a second; it returns when they are gone — zombies count as gone, since reaping
 * them is their parent's business, not a sign that they still run.
 */
export const STOP =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: `${l##*) }` is sh's, in a plain string on purpose
  'pid=$(cat "$1" 2>/dev/null) || exit 0; mark=$2 grace=$3 mode=$4; case $pid in ""|*[!0-9]*) exit 0;; esac; a=$(tr "\\0" "\\n" < /proc/$pid/cmdline 2>/dev/null); if [ -n "$a" ]; then [ "$(printf "%s\\n" "$a" | sed -n 4p)" = "$mark" ] || exit 0; elif [ "$mode" != group ]; then exit 0; fi; alive() { for f in /proc/[0-9]*/stat; do read -r l 2>/dev/null < "$f" || continue; set -- ${l##*) }; [ "$1" != Z ] || continue; if [ "$mode" = group ]; then [ "$3" = "$pid" ] && return 0; else [ "$f" = "/proc/$pid/stat" ] && return 0; fi; done; return 1; }; t=$pid; [ "$mode" = group ] && t=-$pid; kill -TERM $t 2>/dev/null || exit 0; i=0; while alive; do [ $i -eq $grace ] && kill -KILL $t 2>/dev/null; [ $i -ge $((grace + 50)) ] && { echo "process $pid did not stop" >&2; exit 1; }; sleep 0.1; i=$((i+1)); done';

/**
 * `opentop-ns-release FILE…`: unmount namespace files (bind mounts may be stacked) and remove
 * them. Only a namespace is unmounted (a file system of type nsfs): whatever else is mounted
 * there is not OpenTop's, and is left with its file (reported when the lab's directory goes).
 */
export const NS_RELEASE =
  'for f; do while mountpoint -q "$f" && [ "$(stat -f -c %T "$f")" = nsfs ]; do umount "$f" || exit 1; done; mountpoint -q "$f" || rm -f "$f"; done';

/**
 * `opentop-nsdir-del DIR`: undo the private bind mount that holds namespace files, and
 * remove it. OpenTop's mount there is DIR bound onto itself, so it is on the file system of
 * the directory it sits in (same device): anything else mounted there is not OpenTop's, and is
 * left with the directory (reported when the lab's directory goes).
 */
export const NSDIR_DEL =
  'while mountpoint -q "$1" && [ "$(stat -c %d "$1")" = "$(stat -c %d "$1/..")" ]; do umount "$1" || exit 1; done; mountpoint -q "$1" || [ ! -d "$1" ] || rmdir "$1"';

/**
 * `opentop-cgroup-del DIR`: remove a cgroup of the lab. Whatever still runs in it is the
 * lab's (it could only get there through the lab: a service, `exec`), so it is killed
 * first — with cgroup.kill where the kernel has it — because a cgroup with processes
 * cannot be removed. Absent: nothing to do. It must be a cgroup (a directory of a cgroup file
 * system: a directory elsewhere that merely holds a file named cgroup.procs is not one, and
 * the PIDs in such a file are nobody's) below `opentop/` at the root of a hierarchy (a mount
 * point): anything else is not touched.
 */
export const CGROUP_DEL =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: `${d%/opentop/*}` is sh's, in a plain string on purpose
  'd=$1; [ -d "$d" ] || exit 0; case $d in */opentop/*) ;; *) exit 1 ;; esac; case $(stat -f -c %T "$d") in cgroup2fs | cgroupfs) ;; *) echo "$d is not a cgroup" >&2; exit 1 ;; esac; mountpoint -q "${d%/opentop/*}" || { echo "$d is not below the root of a cgroup hierarchy" >&2; exit 1; }; [ ! -e "$d/cgroup.kill" ] || echo 1 > "$d/cgroup.kill"; i=0; while p=$(cat "$d/cgroup.procs") && [ -n "$p" ]; do [ $i -ge 50 ] && { echo "cgroup $d still holds processes $p" >&2; exit 1; }; kill -KILL $p 2>/dev/null; sleep 0.1; i=$((i+1)); done; rmdir "$d"';

/**
 * `opentop-cgroup-rmdir DIR`: remove a cgroup found by its name alone, only if it is empty
 * (rmdir, which the kernel refuses while anything runs in it); absent, nothing to do.
 */
export const CGROUP_RMDIR = '[ ! -d "$1" ] || rmdir "$1"';

/**
 * `opentop-root DIR`, run inside the node's mount namespace: make DIR (already a mount
 * point) the namespace's root. `pivot_root . .` stacks the old root on top of the new one
 * and `umount -l .` detaches it, so no directory for the old root is needed inside DIR and
 * the host's file system is no longer reachable from the node.
 */
export const PIVOT = 'cd "$1" && pivot_root . . && umount -l .';

/**
 * `opentop-nic-take NIC NETNS NAME FILE [ARG]…`: write to FILE, as an `ip -batch` with a
 * comment first, what restores the host's interface NIC as it is now — its MAC and MTU, its
 * addresses (not those a DHCP client or the kernel will give it again: dynamic ones), up or
 * down, and the routes through it that are not the kernel's own or a router advertisement's
 * — then move it into NETNS under the name NAME, with ARGs (`mtu 9000`). FILE existing
 * already means the NIC is some lab's: nothing is done.
 */
export const NIC_TAKE =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: sh parameter expansions, in a plain string on purpose
  'nic=$1 ns=$2 name=$3 f=$4; shift 4; [ ! -e "$f" ] || { echo "$f exists: $nic is held by a lab already" >&2; exit 1; }; l=$(ip -o link show dev "$nic") || exit 1; mkdir -p "${f%/*}" || exit 1; { echo "# opentop: the state of $nic before it was moved into $ns as $name; down restores it"; mtu=${l#* mtu }; mtu=${mtu%% *}; case $l in *" link/ether "*) mac=${l#* link/ether }; echo "link set dev $nic address ${mac%% *} mtu $mtu";; *) echo "link set dev $nic mtu $mtu";; esac; ip -o addr show dev "$nic" scope global | sed -e "/ dynamic /d" -n -e "s/^[0-9]*: [^ ]* *inet6\\{0,1\\} \\(.*\\) scope .*/\\1/p" | while read -r a; do echo "addr add $a dev $nic"; done; flags=${l#*<}; case ,${flags%%>*}, in *,UP,*) echo "link set dev $nic up";; esac; { ip -o -4 route show dev "$nic"; ip -o -6 route show dev "$nic"; } | sed -e "/ proto kernel /d" -e "/ proto ra /d" -e "/ expires /d" -e "s/ linkdown//g" -e "s/ dead//g" | while read -r r; do echo "route add $r dev $nic"; done; } > "$f.new" && mv "$f.new" "$f" || exit 1; ip link set dev "$nic" netns "$ns" name "$name" "$@"';

/**
 * `opentop-nic-give NETNS NAME NIC FILE`: give a moved interface back: if NETNS (a path)
 * holds NAME, move it to this shell's network namespace (the host's) as NIC; then restore
 * what FILE saved and remove it. Each part checks what exists, so it may run again: the
 * saved addresses and routes are applied with `replace`, so a NIC that never left (its move
 * failed after its state was saved) takes them as it has them. FILE is applied only if it is
 * what NIC_TAKE writes — its first line, then only lines that set NIC's MAC, MTU and state,
 * or add an address or a route on NIC and on no other interface (one `dev`, NIC's, last) —
 * so that an edited file can change nothing on the host but the NIC given back.
 */
export const NIC_GIVE =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: sh parameter expansions, in a plain string on purpose
  'ns=$1 name=$2 nic=$3 f=$4; if [ -e "$ns" ] && nsenter --net="$ns" ip link show dev "$name" >/dev/null 2>&1; then nsenter --net="$ns" ip link set dev "$name" netns "/proc/$$/ns/net" name "$nic" || exit 1; fi; [ -f "$f" ] || exit 0; head=; IFS= read -r head < "$f"; [ "$head" = "# opentop: the state of $nic before it was moved into ${ns##*/} as $name; down restores it" ] || { echo "$f is not the saved state of $nic: left as it is" >&2; exit 1; }; ip link show dev "$nic" >/dev/null 2>&1 || { echo "$nic is not on the host; its saved state is $f" >&2; exit 1; }; set -f; b=$(sed 1d "$f" | while IFS= read -r l; do case $l in *[!A-Za-z0-9./:_\\ -]*) echo "!$l"; exit 1;; esac; set -- $l; n=0; for w; do case $w in dev|oif|netns|nexthop|nhid|table|vrf|encap|master|name) n=$((n+1));; esac; done; case $l in "link set dev $nic up") echo "$l";; "link set dev $nic mtu "*) [ $# = 6 ] && [ -n "${6##*[!0-9]*}" ] || { echo "!$l"; exit 1; }; echo "$l";; "link set dev $nic address "*" mtu "*) [ $# = 8 ] && [ "$7" = mtu ] && [ -n "${8##*[!0-9]*}" ] || { echo "!$l"; exit 1; }; echo "$l";; "addr add "*" dev $nic") [ $n = 1 ] || { echo "!$l"; exit 1; }; echo "addr replace ${l#addr add }";; "route add "*" dev $nic") [ $n = 1 ] || { echo "!$l"; exit 1; }; echo "route replace ${l#route add }";; *) echo "!$l"; exit 1;; esac; done) || { echo "$f is not the saved state of $nic (a line its move did not write: ${b##*!}): left as it is" >&2; exit 1; }; printf "%s\\n" "$b" | ip -force -batch - && rm -f "$f"';

/**
 * The first line of a moved interface's saved state, as NIC_TAKE writes it: what `nic.give`,
 * the guards of tear-down and `down` without a record check before they trust the file.
 */
export function nicSavedHead(nic: string, ns: string, name: string): string {
  return `# opentop: the state of ${nic} before it was moved into ${ns} as ${name}; down restores it`;
}

/** NIC_TAKE's first line, read back: the interface, the namespace it went to, its name there. */
export const NIC_SAVED_HEAD =
  /^# opentop: the state of (\S+) before it was moved into (\S+) as (\S+); down restores it$/;

/**
 * `opentop-sysctl-reset NETNS KEY FROM fresh|node`: set KEY in the namespace to what it was
 * before the lab set it — FROM as a fresh namespace has it (a namespace-wide key: what the
 * node's namespace had when it was made), or as the node has it (`net.ipv4.conf.default.X`
 * for a per-interface key: what the interface got when it was made).
 */
export const SYSCTL_RESET =
  'ns=$1 key=$2 from=$3; if [ "$4" = fresh ]; then v=$(unshare --net -- sysctl -n "$from"); else v=$(nsenter --net="$ns" -- sysctl -n "$from"); fi || exit 1; exec nsenter --net="$ns" -- sysctl -q -w "$key=$v"';

/**
 * `opentop-addr-promote DEV CIDR` (in the node's namespace): remove an IPv4 address while
 * another of its subnet stays on the interface. Without `promote_secondaries` the kernel
 * would remove those with it when it is the subnet's primary — and every route through the
 * interface when no address is left; with it, the next becomes primary and the routes stay.
 * The interface's own setting is put back after.
 */
export const ADDR_PROMOTE =
  'dev=$1 cidr=$2 k=net/ipv4/conf/$1/promote_secondaries; v=$(sysctl -n "$k") || exit 1; sysctl -q -w "$k=1" || exit 1; ip addr del "$cidr" dev "$dev"; rc=$?; sysctl -q -w "$k=$v"; exit $rc';

/**
 * `opentop-ready PIDFILE STATUS LOG SECONDS KIND PORT [-- CHECK…]`: wait until a service
 * is ready — KIND `tcp`/`udp`: something listens on PORT in its network namespace (where
 * this runs); `command`: CHECK (entering the node) exits with 0; `started`: it has run
 * 0.3 s without failing (or finished with status 0). A service that exits (with any
 * status, once a check is asked for), or is gone, or is not ready after SECONDS fails:
 * the reason on the first line of standard error, the log's last lines after it, each
 * prefixed `log: `.
 */
export const READY = [
  // biome-ignore lint/suspicious/noTemplateCurlyInString: sh's, in a plain string on purpose
  'pidfile=$1 status=$2 log=$3 t=$4 kind=$5 port=$6; shift 6; [ "${1-}" != -- ] || shift;',
  'fail() { echo "$1" >&2; tail -n 10 "$log" 2>/dev/null | sed "s/^/log: /" >&2; exit 1; };',
  'f=-t; [ "$kind" = udp ] && f=-u;',
  'ready() { case $kind in tcp|udp) [ -n "$(ss -Hln $f "sport = :$port")" ];; command) "$@" >/dev/null 2>&1 </dev/null;; *) [ $i -ge 3 ];; esac; };',
  "i=0; while :; do",
  'if [ -s "$status" ]; then code=$(cat "$status"); [ "$code" = 0 ] && [ "$kind" = started ] && exit 0; fail "it exited with status $code"; fi;',
  'pid=$(cat "$pidfile" 2>/dev/null); if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then [ -s "$status" ] && continue; fail "it is gone"; fi;',
  'if ready "$@"; then exit 0; fi;',
  '[ $i -ge $((t * 10)) ] && fail "it is not ready after $t s";',
  "sleep 0.1; i=$((i+1)); done",
].join(" ");

/** Each program by the short name `plan` shows in its place (the full text follows the plan). */
export const SNIPPET_NAMES: ReadonlyMap<string, string> = new Map([
  [JOIN, "join"],
  [START_SERVICE, "start-service"],
  [SERVICE_WRAPPER, "service-wrapper"],
  [START_INIT, "start-init"],
  [INIT, "init"],
  [STOP, "stop"],
  [NS_RELEASE, "ns-release"],
  [NSDIR_DEL, "nsdir-del"],
  [CGROUP_DEL, "cgroup-del"],
  [CGROUP_RMDIR, "cgroup-rmdir"],
  [PIVOT, "pivot-root"],
  [NIC_TAKE, "nic-take"],
  [NIC_GIVE, "nic-give"],
  [SYSCTL_RESET, "sysctl-reset"],
  [ADDR_PROMOTE, "addr-promote"],
  [READY, "ready"],
  [PROBE, "probe"],
  [LISTEN, "listen"],
  [SETTLE, "settle"],
]);
