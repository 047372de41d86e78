#!/bin/sh
# Lab p2p: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/p2p.otop
#   sha256    05ec7c68cc0a67cb6248bb3099d69fa9c758d78bc75a95f15f09ce69b5e7c48f
#   requires  ip nsenter unshare mkdir ln readlink rm mv date touch find cat sh sleep ss setsid timeout socat ping tr sed
#
# Usage: sh SCRIPT up | down | status | exec NODE COMMAND [ARG]... | test | plan | --help
#
# `up` runs the lab's plan (below, stage by stage) with the programs above and rolls it
# back if a step fails; `down` removes what the lab owns and still exists. They keep the
# lock and the record under /run/opentop exactly as `opentop` does, so `opentop status`,
# `exec` and `down` work on a lab this script brought up, and the other way round.
# Generated from the lab file: change the file and build again rather than editing this.

# Single-quoted text here is literal by design: values from the lab file are never expanded.
# shellcheck disable=SC2016
set -u
set -f # nothing here expands file names
LAB='p2p'
SELF=${0##*/}
RUN_DIR=${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP='ip nsenter unshare mkdir ln readlink rm mv date touch find cat'
NEED_DOWN='ip nsenter mkdir ln readlink rm find'
NEED_STATUS='ip nsenter'
NEED_TEST='nsenter sh ip sleep ss mkdir setsid timeout socat ping cat tr sed ln readlink rm date'
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=2
KIB_PER_NAMESPACE=320
SUMMARY='2 nodes, 0 switches, 1 link (13 operations)'
HELP='
Lab p2p: 2 nodes, 0 switches, 1 link (13 operations).
  up      create it (needs root and ip, nsenter, unshare, mkdir, ln, readlink, rm, mv, date, touch, find, cat)
  down    remove everything it created; also after a failed or interrupted up
  status  its live state, and drift from its plan (exit status 1 on drift)
  exec    run a command inside a node (nsenter)
  test    probe its expectations with real packets (needs root and nsenter, sh, ip, sleep, ss, mkdir, setsid, timeout, socat, ping, cat, tr, sed, ln, readlink, rm, date)
  plan    print every operation that up runs, doing nothing'

# ---- up: the plan, stage by stage --------------------------------------------------
#
# The steps of a stage are independent. Those of a stage that runs only the tools run
# side by side, as `opentop up` runs them (at_once, one runner a CPU: each step a
# function up_N); a stage that starts the lab's own programs runs one step after another.
# Each step is one process; the lines of a batch are the operations listed above it, in
# order, with the statement of the lab file that asked for each. A step that fails stops
# `up`, which then rolls back.

up_plan() {
  # == stage 1 of 3: namespaces
  # create network namespace p2p.a  (examples/p2p.otop:10:1)
  # create network namespace p2p.b  (examples/p2p.otop:14:1)
  tool_step '1/4, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add p2p.a
netns add p2p.b
EOF
  # == stage 2 of 3: links
  # create veth pair eth0 (p2p.a) — eth0 (p2p.b)  (examples/p2p.otop:11:3)
  tool_step '2/4, links, on the host' ip -batch - <<'EOF' || return 1
link add name eth0 index 2041691 netns p2p.a type veth peer name eth0 netns p2p.b
EOF
  # == stage 3 of 3: addresses and routes (its 2 steps side by side)
  up_3() {
    # mark lo in p2p.a as opentop:p2p:a  (examples/p2p.otop:10:1)
    # bring lo up in p2p.a  (examples/p2p.otop:10:1)
    # add 10.0.0.1/30 to eth0 in p2p.a  (examples/p2p.otop:11:18)
    # add fd00::1/64 to eth0 in p2p.a  (examples/p2p.otop:11:30)
    # bring eth0 up in p2p.a  (examples/p2p.otop:11:3)
    tool_step '3/4, addresses and routes, in node a (p2p.a)' nsenter --net=/run/netns/p2p.a -- ip -batch - <<'EOF'
link set dev lo alias opentop:p2p:a
link set dev lo up
addr add 10.0.0.1/30 dev eth0
addr add fd00::1/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_4() {
    # mark lo in p2p.b as opentop:p2p:b  (examples/p2p.otop:14:1)
    # bring lo up in p2p.b  (examples/p2p.otop:14:1)
    # add 10.0.0.2/30 to eth0 in p2p.b  (examples/p2p.otop:15:8)
    # add fd00::2/64 to eth0 in p2p.b  (examples/p2p.otop:15:20)
    # bring eth0 up in p2p.b  (examples/p2p.otop:15:3)
    tool_step '4/4, addresses and routes, in node b (p2p.b)' nsenter --net=/run/netns/p2p.b -- ip -batch - <<'EOF'
link set dev lo alias opentop:p2p:b
link set dev lo up
addr add 10.0.0.2/30 dev eth0
addr add fd00::2/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  at_once 3 4 || return 1
}

# ---- down: what the lab owns and still exists ----------------------------------------
#
# Host interfaces first (so they are gone when `down` returns), then the namespaces and
# everything in them. Each object is deleted only if it exists and is provably the lab's
# (its mark, or made after a record of this plan); a batch keeps going past a failing line
# (-force). Also the rollback of a failed `up`. Sets $removed (what ran) and $owned (how
# many of the lab's own objects were found); false when a deletion failed.

down_plan() {
  removed=0
  owned=0
  ok=0
  # delete network namespace p2p.b and everything in it
  if ns_ours p2p.b opentop:p2p:b; then owned=$((owned + 1)); queue 'netns del p2p.b'; fi
  # delete network namespace p2p.a and everything in it
  if ns_ours p2p.a opentop:p2p:a; then owned=$((owned + 1)); queue 'netns del p2p.a'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/p2p.a ]; then left="$left"'  netns p2p.a'"$NL"; fi
  if [ -e /run/netns/p2p.b ]; then left="$left"'  netns p2p.b'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/p2p.a && found=0
  taken_netns /run/netns/p2p.b && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/p2p.otop:11:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:p2p.a 2:p2p.b
)

ns_1() { look 'node a (p2p.a)' p2p.a links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 1 ]; then
    want_addr eth0 10.0.0.1/30
    want_addr eth0 fd00::1/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_1 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_1() {
  case $1 in
    lo) seen_1=1; want_link up ;;
    eth0) seen_2=1; want_link up ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node b (p2p.b)' p2p.b links_2; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr eth0 10.0.0.2/30
    want_addr eth0 fd00::2/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    eth0) seen_2=2; want_link up ;;
    *) return 1 ;;
  esac
}
routes_2() { return 1; }

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    a) enter nsenter --net=/run/netns/p2p.a -- "$@" ;;
    b) enter nsenter --net=/run/netns/p2p.b -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are a, b'
      return 1
      ;;
  esac
}

# ---- test: the expectations with real packets (as `opentop test`) -------------------

SH_SETTLE='i=0; n=$(($1 * 10)); while [ -n "$(ip -6 addr show tentative 2>/dev/null)" ] && [ "$i" -lt "$n" ]; do sleep 0.1; i=$((i + 1)); done'
SH_LISTEN='pidfile=$1 mark=$2 life=$3 proto=$4 family=$5 addr=$6 port=$7; f=-t; [ "$proto" = udp ] && f=-u; listening() { ss -Hln $f "sport = :$port" | { while read -r _ _ _ l _; do case ${l%:*} in "*"|0.0.0.0|"[::]"|"$addr"|"[$addr]") exit 3;; esac; done; exit 0; }; [ $? = 3 ]; }; if listening; then echo present; exit 0; fi; b=$addr; [ "$family" = 6 ] && b="[$addr]"; case $proto in tcp) l=TCP$family-LISTEN:$port,bind=$b,reuseaddr,fork r=/dev/null;; *) l=UDP$family-RECVFROM:$port,bind=$b,fork r=PIPE;; esac; mkdir -p "${pidfile%/*}" || exit 1; setsid sh -c '\''timeout --foreground "$@"; exit 0'\'' "$mark" "$life" socat "$l" "$r" </dev/null >/dev/null 2>&1 & pid=$!; echo "$pid" > "$pidfile" || { kill -KILL "$pid"; exit 1; }; i=0; until listening; do kill -0 "$pid" 2>/dev/null || { echo "socat could not listen on $b:$port" >&2; exit 1; }; [ $i -ge 100 ] && { echo "nothing listens on $b:$port after 5 s" >&2; exit 1; }; sleep 0.05; i=$((i+1)); done; echo started'
SH_PROBE='proto=$1 family=$2 dst=$3 port=$4 src=$5 t=$6; a=$dst b=$src; [ "$family" = 6 ] && a="[$dst]" b="[$src]"; case $proto in icmp) set -- ping -n -"$family" -c 1 -i 0.2 -w "$t"; [ -z "$src" ] || set -- "$@" -I "$src"; out=$(LC_ALL=C "$@" "$dst" 2>&1) && { echo reached; exit 0; };; tcp) o=connect-timeout=$t; [ -z "$src" ] || o=$o,bind=$b; out=$(LC_ALL=C socat -T "$t" /dev/null "TCP$family:$a:$port,$o" 2>&1) && { echo reached; exit 0; };; udp) o=readbytes=1; [ -z "$src" ] || o=$o,bind=$b; out=$(echo opentop | LC_ALL=C socat -t "$t" -T "$t" - "UDP$family:$a:$port,$o" 2>&1); case $out in "") echo timeout; exit 0;; *" E "*) ;; *) echo reached; exit 0;; esac;; *) echo "error unknown protocol $proto"; exit 0;; esac; case $out in *"Connection refused"*|*"Port Unreachable"*|*"Port unreachable"*|*"Packet filtered"*|*rohibited*|*"not permitted"*) echo refused;; *nreachable*|*"No route"*|*"Time to live exceeded"*|*"Hop limit"*) echo unreachable;; *"timed out"*|*" 0 received"*) echo timeout;; *) printf "error %s\n" "$(printf "%s" "$out" | tr "\n" " ")";; esac'
SH_STOP='pid=$(cat "$1" 2>/dev/null) || exit 0; mark=$2 grace=$3 mode=$4; case $pid in ""|*[!0-9]*) exit 0;; esac; a=$(tr "\0" "\n" < /proc/$pid/cmdline 2>/dev/null); if [ -n "$a" ]; then [ "$(printf "%s\n" "$a" | sed -n 4p)" = "$mark" ] || exit 0; elif [ "$mode" != group ]; then exit 0; fi; alive() { for f in /proc/[0-9]*/stat; do read -r l 2>/dev/null < "$f" || continue; set -- ${l##*) }; [ "$1" != Z ] || continue; if [ "$mode" = group ]; then [ "$3" = "$pid" ] && return 0; else [ "$f" = "/proc/$pid/stat" ] && return 0; fi; done; return 1; }; t=$pid; [ "$mode" = group ] && t=-$pid; kill -TERM $t 2>/dev/null || exit 0; i=0; while alive; do [ $i -eq $grace ] && kill -KILL $t 2>/dev/null; [ $i -ge $((grace + 50)) ] && { echo "process $pid did not stop" >&2; exit 1; }; sleep 0.1; i=$((i+1)); done'

test_plan() {
  # wait until the IPv6 addresses of node a have passed duplicate address detection (at most 5 s)
  settle 1 nsenter --net=/run/netns/p2p.a -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node b have passed duplicate address detection (at most 5 s)
  settle 2 nsenter --net=/run/netns/p2p.b -- sh -c "$SH_SETTLE" opentop-settle 5
  # listen on tcp 10.0.0.1:22 in node a, unless something does
  listener 3 nsenter --net=/run/netns/p2p.a -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/p2p/probes/a.tcp.10.0.0.1.22.pid opentop:p2p:a:listen-tcp-22-1 72 tcp 4 10.0.0.1 22
  # listen on tcp [fd00::1]:22 in node a, unless something does
  listener 4 nsenter --net=/run/netns/p2p.a -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/p2p/probes/a.tcp.fd00::1.22.pid opentop:p2p:a:listen-tcp-22-2 72 tcp 6 fd00::1 22
  # probe icmp 10.0.0.2 from node a
  run_probe 5 nsenter --net=/run/netns/p2p.a -- sh -c "$SH_PROBE" opentop-probe icmp 4 10.0.0.2 '' '' 2
  # probe icmp fd00::2 from node a
  run_probe 6 nsenter --net=/run/netns/p2p.a -- sh -c "$SH_PROBE" opentop-probe icmp 6 fd00::2 '' '' 2
  # probe tcp 10.0.0.1:22 from node b
  run_probe 7 nsenter --net=/run/netns/p2p.b -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.0.0.1 22 '' 2
  # probe tcp [fd00::1]:22 from node b
  run_probe 8 nsenter --net=/run/netns/p2p.b -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd00::1 22 '' 2
  wait
  stop_listeners
}

stop_listeners() {
  # stop the listener on tcp 10.0.0.1 port 22 in node a
  stop_listener 3 sh -c "$SH_STOP" opentop-stop /run/opentop/p2p/probes/a.tcp.10.0.0.1.22.pid opentop:p2p:a:listen-tcp-22-1 10 group
  # stop the listener on tcp fd00::1 port 22 in node a
  stop_listener 4 sh -c "$SH_STOP" opentop-stop /run/opentop/p2p/probes/a.tcp.fd00::1.22.pid opentop:p2p:a:listen-tcp-22-2 10 group
  :
}

TEST_WIDTH=13
test_rows() {
  row 'a -> b' 4 reach reaches 'through a → b' 5 0
  row 'a -> b' 6 reach reaches 'through a → b' 6 0
  row 'b -> a tcp 22' 4 reach reaches 'through b → a' 7 3
  row 'b -> a tcp 22' 6 reach reaches 'through b → a' 8 4
}

# plan_text: what `up` runs, as `opentop plan` prints it.
plan_text() {
  printf '%s\n' '# lab p2p: up, 13 operations in 4 processes

# stage 1: namespaces
ip -batch -
    netns add p2p.a  # examples/p2p.otop:10:1
    netns add p2p.b  # examples/p2p.otop:14:1

# stage 2: links
ip -batch -
    link add name eth0 index 2041691 netns p2p.a type veth peer name eth0 netns p2p.b  # examples/p2p.otop:11:3

# stage 3: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/p2p.a -- ip -batch -
    link set dev lo alias opentop:p2p:a  # examples/p2p.otop:10:1
    link set dev lo up                   # examples/p2p.otop:10:1
    addr add 10.0.0.1/30 dev eth0        # examples/p2p.otop:11:18
    addr add fd00::1/64 dev eth0 nodad   # examples/p2p.otop:11:30
    link set dev eth0 up                 # examples/p2p.otop:11:3
nsenter --net=/run/netns/p2p.b -- ip -batch -
    link set dev lo alias opentop:p2p:b  # examples/p2p.otop:14:1
    link set dev lo up                   # examples/p2p.otop:14:1
    addr add 10.0.0.2/30 dev eth0        # examples/p2p.otop:15:8
    addr add fd00::2/64 dev eth0 nodad   # examples/p2p.otop:15:20
    link set dev eth0 up                 # examples/p2p.otop:15:3'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "p2p",
 "file": "/ROOT/examples/p2p.otop",
 "hash": "05ec7c68cc0a67cb6248bb3099d69fa9c758d78bc75a95f15f09ce69b5e7c48f",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["a","b"],
 "switches": [],
 "plan": "d58bad3aaf5c7e28d8d7450ad6e2d5d08f331767097b443cb025b63ca088ab90",
 "owned": [
  {"kind":"netns","name":"p2p.a","node":"a"},
  {"kind":"netns","name":"p2p.b","node":"b"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"p2p.a","node":"a"},"origin":"examples/p2p.otop:10:1"},
  {"op":{"kind":"netns.add","name":"p2p.b","node":"b"},"origin":"examples/p2p.otop:14:1"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"p2p.a","name":"eth0","index":2041691},"b":{"ns":"p2p.b","name":"eth0"}},"origin":"examples/p2p.otop:11:3"},
  {"op":{"kind":"link.alias","ns":"p2p.a","dev":"lo","alias":"opentop:p2p:a"},"origin":"examples/p2p.otop:10:1"},
  {"op":{"kind":"link.up","ns":"p2p.a","dev":"lo"},"origin":"examples/p2p.otop:10:1"},
  {"op":{"kind":"addr.add","ns":"p2p.a","dev":"eth0","cidr":"10.0.0.1/30","family":4},"origin":"examples/p2p.otop:11:18"},
  {"op":{"kind":"addr.add","ns":"p2p.a","dev":"eth0","cidr":"fd00::1/64","family":6},"origin":"examples/p2p.otop:11:30"},
  {"op":{"kind":"link.up","ns":"p2p.a","dev":"eth0"},"origin":"examples/p2p.otop:11:3"},
  {"op":{"kind":"link.alias","ns":"p2p.b","dev":"lo","alias":"opentop:p2p:b"},"origin":"examples/p2p.otop:14:1"},
  {"op":{"kind":"link.up","ns":"p2p.b","dev":"lo"},"origin":"examples/p2p.otop:14:1"},
  {"op":{"kind":"addr.add","ns":"p2p.b","dev":"eth0","cidr":"10.0.0.2/30","family":4},"origin":"examples/p2p.otop:15:8"},
  {"op":{"kind":"addr.add","ns":"p2p.b","dev":"eth0","cidr":"fd00::2/64","family":6},"origin":"examples/p2p.otop:15:20"},
  {"op":{"kind":"link.up","ns":"p2p.b","dev":"eth0"},"origin":"examples/p2p.otop:15:3"}
 ]
}
'

# why PROGRAM: sets $why and $package, for the message when PROGRAM is missing.
why() {
  case $1 in
    ip) why='this lab creates namespaces, links, addresses and routes with it' package=iproute2 ;;
    nsenter) why='this lab runs programs inside its namespaces with it' package=util-linux ;;
    unshare) why='this lab creates namespaces besides the network'\''s, or tries its kernel features and rulesets first' package=util-linux ;;
    mkdir) why='the lab keeps its record and files under /run/opentop' package=coreutils ;;
    ln) why='the script keeps its lock and record with it' package=coreutils ;;
    readlink) why='the script keeps its lock and record with it' package=coreutils ;;
    rm) why='the lab removes its record and files' package=coreutils ;;
    mv) why='this lab saves the state of a host interface it moves in' package=coreutils ;;
    date) why='the script keeps its lock and record with it' package=coreutils ;;
    touch) why='this lab keeps namespace files, and its record'\''s time of birth' package=coreutils ;;
    find) why='the script tells what the lab made from what it did not' package=findutils ;;
    cat) why='the script reads the kernel'\''s limits, and process and cgroup state' package=coreutils ;;
    sh) why='this lab'\''s steps include small sh programs' package=dash ;;
    sleep) why='this lab waits for processes to start or stop' package=coreutils ;;
    ss) why='this lab'\''s tests look for a listener before starting one' package=iproute2 ;;
    setsid) why='this lab runs services' package=util-linux ;;
    timeout) why='this lab'\''s tests bound the life of a throwaway listener' package=coreutils ;;
    socat) why='this lab'\''s tcp and udp expectations are tested with it' package=socat ;;
    ping) why='this lab'\''s expectations are tested with ping, or the underlay between its machines checked' package=iputils-ping ;;
    tr) why='this lab stops its processes by their marks' package=coreutils ;;
    sed) why='this lab stops its processes by their marks' package=sed ;;
    *) why='this script runs it' package=$1 ;;
  esac
}