#!/bin/sh
# Lab spread: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/test/golden/cases/spread.otop
#   sha256    d943e450e8012bd364556bcec55f46a25418f11bca01054cc9a375665982c6e9
#   requires  ip nsenter bridge tc unshare ping mkdir ln readlink rm mv date touch find cat
#   machine   alpha (198.51.100.1): this machine's part of the lab only
#   others    beta (198.51.100.2), gamma (198.51.100.3), each with a script of its own
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
LAB='spread'
SELF=${0##*/}
RUN_DIR=${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP='ip nsenter bridge tc unshare ping mkdir ln readlink rm mv date touch find cat'
NEED_DOWN='ip nsenter mkdir ln readlink rm find'
NEED_STATUS='ip tc nsenter'
NEED_TEST=''
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=2
KIB_PER_NAMESPACE=320
SUMMARY='1 node, 1 switch, 4 links on machine alpha (31 operations)'
HELP='
Lab spread: 1 node, 1 switch, 4 links on machine alpha (31 operations).
  up      create it (needs root and ip, nsenter, bridge, tc, unshare, ping, mkdir, ln, readlink, rm, mv, date, touch, find, cat)
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
  # == stage 1 of 5: namespaces
  # create network namespace spread  (test/golden/cases/spread.otop:3:5)
  # create network namespace spread.a  (test/golden/cases/spread.otop:12:1)
  tool_step '1/7, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add spread
netns add spread.a
EOF
  # == stage 2 of 5: links (its 2 steps side by side)
  up_2() {
    # create VXLAN tunnel vxlan.1 (VNI 5001) in spread  (test/golden/cases/spread.otop:10:1)
    # create VXLAN tunnel eth0 (VNI 5000 to 198.51.100.2) in spread.a  (test/golden/cases/spread.otop:13:3)
    # create VXLAN tunnel wan (VNI 5002 to 198.51.100.3) in spread.a  (test/golden/cases/spread.otop:15:3)
    # create veth pair ot-nb09no-up (the host) — up (spread.a)  (test/golden/cases/spread.otop:16:3)
    # mark ot-nb09no-up in the host as opentop:spread:a:up  (test/golden/cases/spread.otop:16:3)
    # add 198.51.100.129/30 to ot-nb09no-up in the host  (test/golden/cases/spread.otop:16:47)
    # bring ot-nb09no-up up in the host  (test/golden/cases/spread.otop:16:3)
    tool_step '2/7, links, on the host' ip -batch - <<'EOF'
link add name vxlan.1 netns spread mtu 1450 type vxlan id 5001 local 198.51.100.1 dstport 14789
link add name eth0 netns spread.a mtu 1450 type vxlan id 5000 local 198.51.100.1 remote 198.51.100.2 nolearning dstport 14789
link add name wan netns spread.a mtu 1450 type vxlan id 5002 local 198.51.100.1 remote 198.51.100.3 nolearning dstport 14789
link add name ot-nb09no-up type veth peer name up netns spread.a
link set dev ot-nb09no-up alias opentop:spread:a:up
addr add 198.51.100.129/30 dev ot-nb09no-up
link set dev ot-nb09no-up up
EOF
  }
  up_3() {
    # mark lo in spread as opentop:spread  (test/golden/cases/spread.otop:3:5)
    # create bridge lan in spread  (test/golden/cases/spread.otop:10:1)
    # give lan in spread no IPv6 link-local address  (test/golden/cases/spread.otop:10:1)
    # bring lan up in spread  (test/golden/cases/spread.otop:10:1)
    # create veth pair a.eth1 (spread) — eth1 (spread.a)  (test/golden/cases/spread.otop:14:3)
    # give a.eth1 in spread no IPv6 link-local address  (test/golden/cases/spread.otop:14:3)
    tool_step '3/7, links, in the switches (spread)' nsenter --net=/run/netns/spread -- ip -batch - <<'EOF'
link set dev lo alias opentop:spread
link add name lan mtu 1450 type bridge
link set dev lan addrgenmode none
link set dev lan up
link add name a.eth1 index 14367097 mtu 1450 master lan up type veth peer name eth1 netns spread.a mtu 1450
link set dev a.eth1 addrgenmode none
EOF
  }
  at_once 2 3 || return 1
  # == stage 3 of 5: switch tunnels (its 2 steps side by side)
  up_4() {
    # make vxlan.1 a port of lan in spread  (test/golden/cases/spread.otop:10:1)
    tool_step '4/7, switch tunnels, in the switches (spread)' nsenter --net=/run/netns/spread -- ip -batch - <<'EOF'
link set dev vxlan.1 master lan up
EOF
  }
  up_5() {
    # let vxlan.1 in spread flood to machine beta (198.51.100.2)  (test/golden/cases/spread.otop:10:1)
    # let vxlan.1 in spread flood to machine gamma (198.51.100.3)  (test/golden/cases/spread.otop:10:1)
    tool_step '5/7, switch tunnels, in the switches (spread)' nsenter --net=/run/netns/spread -- bridge -batch - <<'EOF'
fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.2
fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.3
EOF
  }
  at_once 4 5 || return 1
  # == stage 4 of 5: shaping
  # shape wan in spread.a: tbf rate 10mbit burst 14640b limit 1464000b  (test/golden/cases/spread.otop:15:30)
  # shape wan in spread.a: netem limit 1000 delay 5ms  (test/golden/cases/spread.otop:15:30)
  tool_step '6/7, shaping, in node a (spread.a)' nsenter --net=/run/netns/spread.a -- tc -batch - <<'EOF' || return 1
qdisc add dev wan root handle 1: tbf rate 10mbit burst 14640b limit 1464000b
qdisc add dev wan parent 1:1 handle 10: netem limit 1000 delay 5ms
EOF
  # == stage 5 of 5: addresses and routes
  # mark lo in spread.a as opentop:spread:a  (test/golden/cases/spread.otop:12:1)
  # bring lo up in spread.a  (test/golden/cases/spread.otop:12:1)
  # add 10.0.0.1/30 to eth0 in spread.a  (test/golden/cases/spread.otop:13:18)
  # add fd00:12::1/64 to eth0 in spread.a  (test/golden/cases/spread.otop:13:30)
  # bring eth0 up in spread.a  (test/golden/cases/spread.otop:13:3)
  # add 10.1.0.1/24 to eth1 in spread.a  (test/golden/cases/spread.otop:14:15)
  # bring eth1 up in spread.a  (test/golden/cases/spread.otop:14:3)
  # add 10.0.1.1/30 to wan in spread.a  (test/golden/cases/spread.otop:15:16)
  # bring wan up in spread.a  (test/golden/cases/spread.otop:15:3)
  # add 198.51.100.130/30 to up in spread.a  (test/golden/cases/spread.otop:16:14)
  # bring up up in spread.a  (test/golden/cases/spread.otop:16:3)
  tool_step '7/7, addresses and routes, in node a (spread.a)' nsenter --net=/run/netns/spread.a -- ip -batch - <<'EOF' || return 1
link set dev lo alias opentop:spread:a
link set dev lo up
addr add 10.0.0.1/30 dev eth0
addr add fd00:12::1/64 dev eth0 nodad
link set dev eth0 up
addr add 10.1.0.1/24 dev eth1
link set dev eth1 up
addr add 10.0.1.1/30 dev wan
link set dev wan up
addr add 198.51.100.130/30 dev up
link set dev up up
EOF
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
  # delete ot-nb09no-up from the host
  if iface_ours ot-nb09no-up opentop:spread:a:up spread.a opentop:spread:a; then owned=$((owned + 1)); queue 'link del dev ot-nb09no-up'; fi
  # delete network namespace spread.a and everything in it
  if ns_ours spread.a opentop:spread:a; then owned=$((owned + 1)); queue 'netns del spread.a'; fi
  # delete network namespace spread and everything in it
  if ns_ours spread opentop:spread; then owned=$((owned + 1)); queue 'netns del spread'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/spread ]; then left="$left"'  netns spread'"$NL"; fi
  if [ -e /run/netns/spread.a ]; then left="$left"'  netns spread.a'"$NL"; fi
  if iface_exists ot-nb09no-up; then left="$left"'  host-iface ot-nb09no-up'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/spread && found=0
  taken_netns /run/netns/spread.a && found=0
  not_mine alpha 198.51.100.1 && found=0
  underlay_short beta 198.51.100.2 1500 ping -4 -n -q -c 1 -W 1 198.51.100.2 -- ping -4 -n -q -c 1 -W 1 -Mdo -s 1472 198.51.100.2 && found=0
  underlay_short gamma 198.51.100.3 1500 ping -4 -n -q -c 1 -W 1 198.51.100.3 -- ping -4 -n -q -c 1 -W 1 -Mdo -s 1472 198.51.100.3 && found=0
  taken_iface ot-nb09no-up && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name v0 type vxlan id 1 dstport 4789
EOF
    error OT6011 'this kernel lacks VXLAN tunnels, which this statement needs (test/golden/cases/spread.otop:10:1)' 'it is the kernel option CONFIG_VXLAN (module vxlan: `modprobe vxlan`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks VXLAN tunnels, which this statement needs (test/golden/cases/spread.otop:13:3)' 'it is the kernel option CONFIG_VXLAN (module vxlan: `modprobe vxlan`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks VXLAN tunnels, which this statement needs (test/golden/cases/spread.otop:15:3)' 'it is the kernel option CONFIG_VXLAN (module vxlan: `modprobe vxlan`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/spread.otop:16:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/spread.otop:14:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge
EOF
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (test/golden/cases/spread.otop:10:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- tc qdisc add dev lo root tbf rate 1mbit burst 16kb limit 16kb; then
    error OT6011 'this kernel lacks the token bucket filter qdisc (rate), which this statement needs (test/golden/cases/spread.otop:15:30)' 'it is the kernel option CONFIG_NET_SCH_TBF (module sch_tbf: `modprobe sch_tbf`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- tc qdisc add dev lo root netem delay 1ms; then
    error OT6011 'this kernel lacks the network emulator qdisc (delay, jitter, loss), which this statement needs (test/golden/cases/spread.otop:15:30)' 'it is the kernel option CONFIG_NET_SCH_NETEM (module sch_netem: `modprobe sch_netem`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:spread 2:spread.a+tc 3:-
)

ns_1() { look 'the switches (spread)' spread links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface vxlan.1'
  [ "${seen_3-}" = 1 ] || drift missing 'interface lan'
  [ "${seen_4-}" = 1 ] || drift missing 'interface a.eth1'
  extras
}

# links_1 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_1() {
  case $2 in
    '') links_1_0 "$1" && return 0 ;;
    lan) links_1_1 "$1" && return 0 ;;
  esac
  links_1_0 "$1" || links_1_1 "$1"
}
links_1_0() {
  case $1 in
    lo) seen_1=1; want_link ;;
    lan) seen_3=1; want_link up mtu 1450 ;;
    *) return 1 ;;
  esac
}
links_1_1() {
  case $1 in
    vxlan.1) seen_2=1; want_link up mtu 1450 master lan ;;
    a.eth1) seen_4=1; want_link up mtu 1450 master lan ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node a (spread.a)' spread.a links_2; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr eth0 10.0.0.1/30
    want_addr eth0 fd00:12::1/64
  else
    drift missing 'interface eth0'
  fi
  if [ "${seen_3-}" = 2 ]; then
    want_addr wan 10.0.1.1/30
  else
    drift missing 'interface wan'
  fi
  if [ "${seen_4-}" = 2 ]; then
    want_addr up 198.51.100.130/30
  else
    drift missing 'interface up'
  fi
  if [ "${seen_5-}" = 2 ]; then
    want_addr eth1 10.1.0.1/24
  else
    drift missing 'interface eth1'
  fi
  shaped wan
  want_qdisc wan tbf 1: root rate 10Mbit
  want_qdisc wan netem 10: 1:1 limit 1000
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    eth0) seen_2=2; want_link up mtu 1450 ;;
    wan) seen_3=2; want_link shaped up mtu 1450 ;;
    up) seen_4=2; want_link up ;;
    eth1) seen_5=2; want_link up mtu 1450 ;;
    *) return 1 ;;
  esac
}
routes_2() { return 1; }

ns_3() { look host '' links_3; }
end_3() {
  if [ "${seen_1-}" = 3 ]; then
    want_addr ot-nb09no-up 198.51.100.129/30
  else
    drift missing 'interface ot-nb09no-up'
  fi
  extras
}

# links_3 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_3() {
  case $1 in
    ot-nb09no-up) seen_1=3; want_link up ;;
    *) return 1 ;;
  esac
}
routes_3() { return 1; }

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    a) enter nsenter --net=/run/netns/spread.a -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are a'
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
  printf '%s\n' '# lab spread on machine alpha: up, 31 operations in 7 processes

# stage 1: namespaces
ip -batch -
    netns add spread    # test/golden/cases/spread.otop:3:5
    netns add spread.a  # test/golden/cases/spread.otop:12:1

# stage 2: links (steps run concurrently)
ip -batch -
    link add name vxlan.1 netns spread mtu 1450 type vxlan id 5001 local 198.51.100.1 dstport 14789                                # test/golden/cases/spread.otop:10:1
    link add name eth0 netns spread.a mtu 1450 type vxlan id 5000 local 198.51.100.1 remote 198.51.100.2 nolearning dstport 14789  # test/golden/cases/spread.otop:13:3
    link add name wan netns spread.a mtu 1450 type vxlan id 5002 local 198.51.100.1 remote 198.51.100.3 nolearning dstport 14789   # test/golden/cases/spread.otop:15:3
    link add name ot-nb09no-up type veth peer name up netns spread.a                                                               # test/golden/cases/spread.otop:16:3
    link set dev ot-nb09no-up alias opentop:spread:a:up                                                                            # test/golden/cases/spread.otop:16:3
    addr add 198.51.100.129/30 dev ot-nb09no-up                                                                                    # test/golden/cases/spread.otop:16:47
    link set dev ot-nb09no-up up                                                                                                   # test/golden/cases/spread.otop:16:3
nsenter --net=/run/netns/spread -- ip -batch -
    link set dev lo alias opentop:spread                                                                         # test/golden/cases/spread.otop:3:5
    link add name lan mtu 1450 type bridge                                                                       # test/golden/cases/spread.otop:10:1
    link set dev lan addrgenmode none                                                                            # test/golden/cases/spread.otop:10:1
    link set dev lan up                                                                                          # test/golden/cases/spread.otop:10:1
    link add name a.eth1 index 14367097 mtu 1450 master lan up type veth peer name eth1 netns spread.a mtu 1450  # test/golden/cases/spread.otop:14:3
    link set dev a.eth1 addrgenmode none                                                                         # test/golden/cases/spread.otop:14:3

# stage 3: switch tunnels (steps run concurrently)
nsenter --net=/run/netns/spread -- ip -batch -
    link set dev vxlan.1 master lan up  # test/golden/cases/spread.otop:10:1
nsenter --net=/run/netns/spread -- bridge -batch -
    fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.2  # test/golden/cases/spread.otop:10:1
    fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.3  # test/golden/cases/spread.otop:10:1

# stage 4: shaping
nsenter --net=/run/netns/spread.a -- tc -batch -
    qdisc add dev wan root handle 1: tbf rate 10mbit burst 14640b limit 1464000b  # test/golden/cases/spread.otop:15:30
    qdisc add dev wan parent 1:1 handle 10: netem limit 1000 delay 5ms            # test/golden/cases/spread.otop:15:30

# stage 5: addresses and routes
nsenter --net=/run/netns/spread.a -- ip -batch -
    link set dev lo alias opentop:spread:a  # test/golden/cases/spread.otop:12:1
    link set dev lo up                      # test/golden/cases/spread.otop:12:1
    addr add 10.0.0.1/30 dev eth0           # test/golden/cases/spread.otop:13:18
    addr add fd00:12::1/64 dev eth0 nodad   # test/golden/cases/spread.otop:13:30
    link set dev eth0 up                    # test/golden/cases/spread.otop:13:3
    addr add 10.1.0.1/24 dev eth1           # test/golden/cases/spread.otop:14:15
    link set dev eth1 up                    # test/golden/cases/spread.otop:14:3
    addr add 10.0.1.1/30 dev wan            # test/golden/cases/spread.otop:15:16
    link set dev wan up                     # test/golden/cases/spread.otop:15:3
    addr add 198.51.100.130/30 dev up       # test/golden/cases/spread.otop:16:14
    link set dev up up                      # test/golden/cases/spread.otop:16:3'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "spread",
 "file": "/ROOT/test/golden/cases/spread.otop",
 "hash": "d943e450e8012bd364556bcec55f46a25418f11bca01054cc9a375665982c6e9",
 "machine": "alpha",
 "machines": [{"name":"alpha","address":"198.51.100.1"},{"name":"beta","address":"198.51.100.2"},{"name":"gamma","address":"198.51.100.3"}],
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["a"],
 "switches": ["lan"],
 "plan": "6837e59285bb094dcd1924e8a50bb280b414fc882b4593984a74ed7a798a51a4",
 "owned": [
  {"kind":"netns","name":"spread"},
  {"kind":"netns","name":"spread.a","node":"a"},
  {"kind":"host-iface","name":"ot-nb09no-up","mark":"opentop:spread:a:up"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"spread"},"origin":"test/golden/cases/spread.otop:3:5"},
  {"op":{"kind":"netns.add","name":"spread.a","node":"a"},"origin":"test/golden/cases/spread.otop:12:1"},
  {"op":{"kind":"vxlan.add","netns":"spread","name":"vxlan.1","vni":5001,"machine":"alpha","local":"198.51.100.1","port":14789,"mtu":1450},"origin":"test/golden/cases/spread.otop:10:1"},
  {"op":{"kind":"vxlan.add","netns":"spread.a","name":"eth0","vni":5000,"machine":"alpha","local":"198.51.100.1","remote":"198.51.100.2","port":14789,"mtu":1450,"underlay":{"machine":"beta","address":"198.51.100.2","family":4,"size":1500}},"origin":"test/golden/cases/spread.otop:13:3"},
  {"op":{"kind":"vxlan.add","netns":"spread.a","name":"wan","vni":5002,"machine":"alpha","local":"198.51.100.1","remote":"198.51.100.3","port":14789,"mtu":1450,"underlay":{"machine":"gamma","address":"198.51.100.3","family":4,"size":1500}},"origin":"test/golden/cases/spread.otop:15:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":null,"name":"ot-nb09no-up","mark":"opentop:spread:a:up"},"b":{"ns":"spread.a","name":"up"}},"origin":"test/golden/cases/spread.otop:16:3"},
  {"op":{"kind":"link.alias","ns":null,"dev":"ot-nb09no-up","alias":"opentop:spread:a:up"},"origin":"test/golden/cases/spread.otop:16:3"},
  {"op":{"kind":"addr.add","ns":null,"dev":"ot-nb09no-up","cidr":"198.51.100.129/30","family":4},"origin":"test/golden/cases/spread.otop:16:47"},
  {"op":{"kind":"link.up","ns":null,"dev":"ot-nb09no-up"},"origin":"test/golden/cases/spread.otop:16:3"},
  {"op":{"kind":"link.alias","ns":"spread","dev":"lo","alias":"opentop:spread"},"origin":"test/golden/cases/spread.otop:3:5"},
  {"op":{"kind":"bridge.add","ns":"spread","name":"lan","mtu":1450},"origin":"test/golden/cases/spread.otop:10:1"},
  {"op":{"kind":"link.nolinklocal","ns":"spread","dev":"lan"},"origin":"test/golden/cases/spread.otop:10:1"},
  {"op":{"kind":"link.up","ns":"spread","dev":"lan"},"origin":"test/golden/cases/spread.otop:10:1"},
  {"op":{"kind":"veth.add","ns":"spread","a":{"ns":"spread","name":"a.eth1","index":14367097,"mtu":1450,"master":"lan"},"b":{"ns":"spread.a","name":"eth1","mtu":1450}},"origin":"test/golden/cases/spread.otop:14:3"},
  {"op":{"kind":"link.nolinklocal","ns":"spread","dev":"a.eth1"},"origin":"test/golden/cases/spread.otop:14:3"},
  {"op":{"kind":"link.master","ns":"spread","dev":"vxlan.1","master":"lan"},"origin":"test/golden/cases/spread.otop:10:1"},
  {"op":{"kind":"vxlan.peer","ns":"spread","dev":"vxlan.1","remote":"198.51.100.2","underlay":{"machine":"beta","address":"198.51.100.2","family":4,"size":1500}},"origin":"test/golden/cases/spread.otop:10:1"},
  {"op":{"kind":"vxlan.peer","ns":"spread","dev":"vxlan.1","remote":"198.51.100.3","underlay":{"machine":"gamma","address":"198.51.100.3","family":4,"size":1500}},"origin":"test/golden/cases/spread.otop:10:1"},
  {"op":{"kind":"qdisc.add","ns":"spread.a","dev":"wan","parent":"root","handle":"1:","qdisc":{"kind":"tbf","rate":10000000,"burst":14640,"limit":1464000}},"origin":"test/golden/cases/spread.otop:15:30"},
  {"op":{"kind":"qdisc.add","ns":"spread.a","dev":"wan","parent":"1:1","handle":"10:","qdisc":{"kind":"netem","limit":1000,"delay":5000}},"origin":"test/golden/cases/spread.otop:15:30"},
  {"op":{"kind":"link.alias","ns":"spread.a","dev":"lo","alias":"opentop:spread:a"},"origin":"test/golden/cases/spread.otop:12:1"},
  {"op":{"kind":"link.up","ns":"spread.a","dev":"lo"},"origin":"test/golden/cases/spread.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"spread.a","dev":"eth0","cidr":"10.0.0.1/30","family":4},"origin":"test/golden/cases/spread.otop:13:18"},
  {"op":{"kind":"addr.add","ns":"spread.a","dev":"eth0","cidr":"fd00:12::1/64","family":6},"origin":"test/golden/cases/spread.otop:13:30"},
  {"op":{"kind":"link.up","ns":"spread.a","dev":"eth0"},"origin":"test/golden/cases/spread.otop:13:3"},
  {"op":{"kind":"addr.add","ns":"spread.a","dev":"eth1","cidr":"10.1.0.1/24","family":4},"origin":"test/golden/cases/spread.otop:14:15"},
  {"op":{"kind":"link.up","ns":"spread.a","dev":"eth1"},"origin":"test/golden/cases/spread.otop:14:3"},
  {"op":{"kind":"addr.add","ns":"spread.a","dev":"wan","cidr":"10.0.1.1/30","family":4},"origin":"test/golden/cases/spread.otop:15:16"},
  {"op":{"kind":"link.up","ns":"spread.a","dev":"wan"},"origin":"test/golden/cases/spread.otop:15:3"},
  {"op":{"kind":"addr.add","ns":"spread.a","dev":"up","cidr":"198.51.100.130/30","family":4},"origin":"test/golden/cases/spread.otop:16:14"},
  {"op":{"kind":"link.up","ns":"spread.a","dev":"up"},"origin":"test/golden/cases/spread.otop:16:3"}
 ]
}
'

# why PROGRAM: sets $why and $package, for the message when PROGRAM is missing.
why() {
  case $1 in
    ip) why='this lab creates namespaces, links, addresses and routes with it' package=iproute2 ;;
    nsenter) why='this lab runs programs inside its namespaces with it' package=util-linux ;;
    bridge) why='this lab'\''s VLAN-aware switches are set up with it' package=iproute2 ;;
    tc) why='this lab shapes traffic (rate, delay, loss) with it' package=iproute2 ;;
    unshare) why='this lab creates namespaces besides the network'\''s, or tries its kernel features and rulesets first' package=util-linux ;;
    ping) why='this lab'\''s expectations are tested with ping, or the underlay between its machines checked' package=iputils-ping ;;
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