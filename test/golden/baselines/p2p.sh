#!/bin/sh
# Lab gp2p: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/test/golden/cases/p2p.otop
#   sha256    6be5a7397ce475039336e40dfac3346b5b310c6ece2181ca4a537d156af3cfdd
#   requires  ip nsenter unshare mkdir ln readlink rm mv date touch find cat
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
LAB='gp2p'
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
NEED_TEST=''
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=2
KIB_PER_NAMESPACE=320
SUMMARY='2 nodes, 0 switches, 1 link (18 operations)'
HELP='
Lab gp2p: 2 nodes, 0 switches, 1 link (18 operations).
  up      create it (needs root and ip, nsenter, unshare, mkdir, ln, readlink, rm, mv, date, touch, find, cat)
  down    remove everything it created; also after a failed or interrupted up
  status  its live state, and drift from its plan (exit status 1 on drift)
  exec    run a command inside a node (nsenter)
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
  # create network namespace gp2p.a  (test/golden/cases/p2p.otop:4:1)
  # create network namespace gp2p.b  (test/golden/cases/p2p.otop:10:1)
  tool_step '1/4, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add gp2p.a
netns add gp2p.b
EOF
  # == stage 2 of 3: links
  # create veth pair eth0 (gp2p.a) — eth0 (gp2p.b)  (test/golden/cases/p2p.otop:5:3)
  tool_step '2/4, links, on the host' ip -batch - <<'EOF' || return 1
link add name eth0 index 2041691 netns gp2p.a mtu 9000 address 02:00:00:00:00:0a type veth peer name eth0 netns gp2p.b mtu 9000
EOF
  # == stage 3 of 3: addresses and routes (its 2 steps side by side)
  up_3() {
    # mark lo in gp2p.a as opentop:gp2p:a  (test/golden/cases/p2p.otop:4:1)
    # bring lo up in gp2p.a  (test/golden/cases/p2p.otop:4:1)
    # add 10.0.0.1/30 to eth0 in gp2p.a  (test/golden/cases/p2p.otop:5:18)
    # add fd00::1/64 to eth0 in gp2p.a  (test/golden/cases/p2p.otop:5:30)
    # bring eth0 up in gp2p.a  (test/golden/cases/p2p.otop:5:3)
    # add 10.255.0.1/32 to lo in gp2p.a  (test/golden/cases/p2p.otop:6:6)
    # route 10.255.0.2/32 via 10.0.0.2 in gp2p.a  (test/golden/cases/p2p.otop:7:3)
    tool_step '3/4, addresses and routes, in node a (gp2p.a)' nsenter --net=/run/netns/gp2p.a -- ip -batch - <<'EOF'
link set dev lo alias opentop:gp2p:a
link set dev lo up
addr add 10.0.0.1/30 dev eth0
addr add fd00::1/64 dev eth0 nodad
link set dev eth0 up
addr add 10.255.0.1/32 dev lo
route add 10.255.0.2/32 via 10.0.0.2
EOF
  }
  up_4() {
    # mark lo in gp2p.b as opentop:gp2p:b  (test/golden/cases/p2p.otop:10:1)
    # bring lo up in gp2p.b  (test/golden/cases/p2p.otop:10:1)
    # add 10.0.0.2/30 to eth0 in gp2p.b  (test/golden/cases/p2p.otop:11:8)
    # add fd00::2/64 to eth0 in gp2p.b  (test/golden/cases/p2p.otop:11:20)
    # bring eth0 up in gp2p.b  (test/golden/cases/p2p.otop:11:3)
    # add 10.255.0.2/32 to lo in gp2p.b  (test/golden/cases/p2p.otop:12:6)
    # route 10.255.0.1/32 via 10.0.0.1 in gp2p.b  (test/golden/cases/p2p.otop:13:3)
    # route ::/0 via fd00::1 in gp2p.b  (test/golden/cases/p2p.otop:14:3)
    tool_step '4/4, addresses and routes, in node b (gp2p.b)' nsenter --net=/run/netns/gp2p.b -- ip -batch - <<'EOF'
link set dev lo alias opentop:gp2p:b
link set dev lo up
addr add 10.0.0.2/30 dev eth0
addr add fd00::2/64 dev eth0 nodad
link set dev eth0 up
addr add 10.255.0.2/32 dev lo
route add 10.255.0.1/32 via 10.0.0.1
route add ::/0 via fd00::1 metric 100
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
  # delete network namespace gp2p.b and everything in it
  if ns_ours gp2p.b opentop:gp2p:b; then owned=$((owned + 1)); queue 'netns del gp2p.b'; fi
  # delete network namespace gp2p.a and everything in it
  if ns_ours gp2p.a opentop:gp2p:a; then owned=$((owned + 1)); queue 'netns del gp2p.a'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/gp2p.a ]; then left="$left"'  netns gp2p.a'"$NL"; fi
  if [ -e /run/netns/gp2p.b ]; then left="$left"'  netns gp2p.b'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/gp2p.a && found=0
  taken_netns /run/netns/gp2p.b && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/p2p.otop:5:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:gp2p.a 2:gp2p.b
)

ns_1() { look 'node a (gp2p.a)' gp2p.a links_1 1; }
end_1() {
  if [ "${seen_1-}" = 1 ]; then
    want_addr lo 10.255.0.1/32
  else
    drift missing 'interface lo'
  fi
  if [ "${seen_2-}" = 1 ]; then
    want_addr eth0 10.0.0.1/30
    want_addr eth0 fd00::1/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 1 ] || drift missing 'route 10.255.0.2/32 via 10.0.0.2'
  extras
}

# links_1 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_1() {
  case $1 in
    lo) seen_1=1; want_link up ;;
    eth0) seen_2=1; want_link up mtu 9000 mac 02:00:00:00:00:0a ;;
    *) return 1 ;;
  esac
}

# routes_1: marks the plan's routes that this route of the kernel is; false if none.
routes_1() {
  is=1
  case $r_dest in
    10.255.0.2/32)
      ! route_is '' 10.0.0.2 '' || { rseen_1=1; is=0; }
      ;;
  esac
  return $is
}

ns_2() { look 'node b (gp2p.b)' gp2p.b links_2 1; }
end_2() {
  if [ "${seen_1-}" = 2 ]; then
    want_addr lo 10.255.0.2/32
  else
    drift missing 'interface lo'
  fi
  if [ "${seen_2-}" = 2 ]; then
    want_addr eth0 10.0.0.2/30
    want_addr eth0 fd00::2/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 2 ] || drift missing 'route 10.255.0.1/32 via 10.0.0.1'
  [ "${rseen_2-}" = 2 ] || drift missing 'route ::/0 via fd00::1 metric 100'
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    eth0) seen_2=2; want_link up mtu 9000 ;;
    *) return 1 ;;
  esac
}

# routes_2: marks the plan's routes that this route of the kernel is; false if none.
routes_2() {
  is=1
  case $r_dest in
    10.255.0.1/32)
      ! route_is '' 10.0.0.1 '' || { rseen_1=2; is=0; }
      ;;
    ::/0)
      ! route_is 100 fd00::1 '' || { rseen_2=2; is=0; }
      ;;
  esac
  return $is
}

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    a) enter nsenter --net=/run/netns/gp2p.a -- "$@" ;;
    b) enter nsenter --net=/run/netns/gp2p.b -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are a, b'
      return 1
      ;;
  esac
}

# ---- test: the expectations with real packets (as `opentop test`) -------------------

TEST_WIDTH=0
test_plan() { :; }
stop_listeners() { :; }
test_rows() { :; }

# plan_text: what `up` runs, as `opentop plan` prints it.
plan_text() {
  printf '%s\n' '# lab gp2p: up, 18 operations in 4 processes

# stage 1: namespaces
ip -batch -
    netns add gp2p.a  # test/golden/cases/p2p.otop:4:1
    netns add gp2p.b  # test/golden/cases/p2p.otop:10:1

# stage 2: links
ip -batch -
    link add name eth0 index 2041691 netns gp2p.a mtu 9000 address 02:00:00:00:00:0a type veth peer name eth0 netns gp2p.b mtu 9000  # test/golden/cases/p2p.otop:5:3

# stage 3: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/gp2p.a -- ip -batch -
    link set dev lo alias opentop:gp2p:a  # test/golden/cases/p2p.otop:4:1
    link set dev lo up                    # test/golden/cases/p2p.otop:4:1
    addr add 10.0.0.1/30 dev eth0         # test/golden/cases/p2p.otop:5:18
    addr add fd00::1/64 dev eth0 nodad    # test/golden/cases/p2p.otop:5:30
    link set dev eth0 up                  # test/golden/cases/p2p.otop:5:3
    addr add 10.255.0.1/32 dev lo         # test/golden/cases/p2p.otop:6:6
    route add 10.255.0.2/32 via 10.0.0.2  # test/golden/cases/p2p.otop:7:3
nsenter --net=/run/netns/gp2p.b -- ip -batch -
    link set dev lo alias opentop:gp2p:b   # test/golden/cases/p2p.otop:10:1
    link set dev lo up                     # test/golden/cases/p2p.otop:10:1
    addr add 10.0.0.2/30 dev eth0          # test/golden/cases/p2p.otop:11:8
    addr add fd00::2/64 dev eth0 nodad     # test/golden/cases/p2p.otop:11:20
    link set dev eth0 up                   # test/golden/cases/p2p.otop:11:3
    addr add 10.255.0.2/32 dev lo          # test/golden/cases/p2p.otop:12:6
    route add 10.255.0.1/32 via 10.0.0.1   # test/golden/cases/p2p.otop:13:3
    route add ::/0 via fd00::1 metric 100  # test/golden/cases/p2p.otop:14:3'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "gp2p",
 "file": "/ROOT/test/golden/cases/p2p.otop",
 "hash": "6be5a7397ce475039336e40dfac3346b5b310c6ece2181ca4a537d156af3cfdd",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["a","b"],
 "switches": [],
 "plan": "a6ef87de5701b3f366de80247e4d89baf192c3d52f0b897ab2c562de00f0f7c9",
 "owned": [
  {"kind":"netns","name":"gp2p.a","node":"a"},
  {"kind":"netns","name":"gp2p.b","node":"b"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"gp2p.a","node":"a"},"origin":"test/golden/cases/p2p.otop:4:1"},
  {"op":{"kind":"netns.add","name":"gp2p.b","node":"b"},"origin":"test/golden/cases/p2p.otop:10:1"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"gp2p.a","name":"eth0","index":2041691,"mtu":9000,"mac":"02:00:00:00:00:0a"},"b":{"ns":"gp2p.b","name":"eth0","mtu":9000}},"origin":"test/golden/cases/p2p.otop:5:3"},
  {"op":{"kind":"link.alias","ns":"gp2p.a","dev":"lo","alias":"opentop:gp2p:a"},"origin":"test/golden/cases/p2p.otop:4:1"},
  {"op":{"kind":"link.up","ns":"gp2p.a","dev":"lo"},"origin":"test/golden/cases/p2p.otop:4:1"},
  {"op":{"kind":"addr.add","ns":"gp2p.a","dev":"eth0","cidr":"10.0.0.1/30","family":4},"origin":"test/golden/cases/p2p.otop:5:18"},
  {"op":{"kind":"addr.add","ns":"gp2p.a","dev":"eth0","cidr":"fd00::1/64","family":6},"origin":"test/golden/cases/p2p.otop:5:30"},
  {"op":{"kind":"link.up","ns":"gp2p.a","dev":"eth0"},"origin":"test/golden/cases/p2p.otop:5:3"},
  {"op":{"kind":"addr.add","ns":"gp2p.a","dev":"lo","cidr":"10.255.0.1/32","family":4},"origin":"test/golden/cases/p2p.otop:6:6"},
  {"op":{"kind":"route.add","ns":"gp2p.a","family":4,"destination":"10.255.0.2/32","via":"10.0.0.2"},"origin":"test/golden/cases/p2p.otop:7:3"},
  {"op":{"kind":"link.alias","ns":"gp2p.b","dev":"lo","alias":"opentop:gp2p:b"},"origin":"test/golden/cases/p2p.otop:10:1"},
  {"op":{"kind":"link.up","ns":"gp2p.b","dev":"lo"},"origin":"test/golden/cases/p2p.otop:10:1"},
  {"op":{"kind":"addr.add","ns":"gp2p.b","dev":"eth0","cidr":"10.0.0.2/30","family":4},"origin":"test/golden/cases/p2p.otop:11:8"},
  {"op":{"kind":"addr.add","ns":"gp2p.b","dev":"eth0","cidr":"fd00::2/64","family":6},"origin":"test/golden/cases/p2p.otop:11:20"},
  {"op":{"kind":"link.up","ns":"gp2p.b","dev":"eth0"},"origin":"test/golden/cases/p2p.otop:11:3"},
  {"op":{"kind":"addr.add","ns":"gp2p.b","dev":"lo","cidr":"10.255.0.2/32","family":4},"origin":"test/golden/cases/p2p.otop:12:6"},
  {"op":{"kind":"route.add","ns":"gp2p.b","family":4,"destination":"10.255.0.1/32","via":"10.0.0.1"},"origin":"test/golden/cases/p2p.otop:13:3"},
  {"op":{"kind":"route.add","ns":"gp2p.b","family":6,"destination":"::/0","via":"fd00::1","metric":100},"origin":"test/golden/cases/p2p.otop:14:3"}
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
    *) why='this script runs it' package=$1 ;;
  esac
}