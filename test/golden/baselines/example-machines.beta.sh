#!/bin/sh
# Lab branch: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/machines.otop
#   sha256    dc3c8f266550d5b677a74ad5cf43dd38f16f51e07afe220b9d58b4e3a365bc3b
#   requires  ip nsenter bridge unshare ping mkdir ln readlink rm mv date touch find cat
#   machine   beta (198.51.100.2): this machine's part of the lab only
#   others    alpha (198.51.100.1), gamma (198.51.100.3), each with a script of its own
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
LAB='branch'
SELF=${0##*/}
RUN_DIR=${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP='ip nsenter bridge unshare ping mkdir ln readlink rm mv date touch find cat'
NEED_DOWN='ip nsenter mkdir ln readlink rm find'
NEED_STATUS='ip nsenter'
NEED_TEST=''
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=2
KIB_PER_NAMESPACE=320
SUMMARY='1 node, 1 switch, 1 link on machine beta (19 operations)'
HELP='
Lab branch: 1 node, 1 switch, 1 link on machine beta (19 operations).
  up      create it (needs root and ip, nsenter, bridge, unshare, ping, mkdir, ln, readlink, rm, mv, date, touch, find, cat)
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
  # == stage 1 of 4: namespaces
  # create network namespace branch  (examples/machines.otop:7:5)
  # create network namespace branch.pc3  (examples/machines.otop:20:1)
  tool_step '1/6, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add branch
netns add branch.pc3
EOF
  # == stage 2 of 4: links (its 2 steps side by side)
  up_2() {
    # create VXLAN tunnel vxlan.1 (VNI 6970274) in branch  (examples/machines.otop:13:1)
    tool_step '2/6, links, on the host' ip -batch - <<'EOF'
link add name vxlan.1 netns branch mtu 1450 type vxlan id 6970274 local 198.51.100.2 dstport 4789
EOF
  }
  up_3() {
    # mark lo in branch as opentop:branch  (examples/machines.otop:7:5)
    # create bridge office in branch  (examples/machines.otop:13:1)
    # give office in branch no IPv6 link-local address  (examples/machines.otop:13:1)
    # bring office up in branch  (examples/machines.otop:13:1)
    # create veth pair pc3.eth0 (branch) — eth0 (branch.pc3)  (examples/machines.otop:21:3)
    # give pc3.eth0 in branch no IPv6 link-local address  (examples/machines.otop:21:3)
    tool_step '3/6, links, in the switches (branch)' nsenter --net=/run/netns/branch -- ip -batch - <<'EOF'
link set dev lo alias opentop:branch
link add name office mtu 1450 type bridge
link set dev office addrgenmode none
link set dev office up
link add name pc3.eth0 index 6270037 mtu 1450 master office up type veth peer name eth0 netns branch.pc3 mtu 1450
link set dev pc3.eth0 addrgenmode none
EOF
  }
  at_once 2 3 || return 1
  # == stage 3 of 4: switch tunnels (its 2 steps side by side)
  up_4() {
    # make vxlan.1 a port of office in branch  (examples/machines.otop:13:1)
    tool_step '4/6, switch tunnels, in the switches (branch)' nsenter --net=/run/netns/branch -- ip -batch - <<'EOF'
link set dev vxlan.1 master office up
EOF
  }
  up_5() {
    # let vxlan.1 in branch flood to machine alpha (198.51.100.1)  (examples/machines.otop:13:1)
    # let vxlan.1 in branch flood to machine gamma (198.51.100.3)  (examples/machines.otop:13:1)
    tool_step '5/6, switch tunnels, in the switches (branch)' nsenter --net=/run/netns/branch -- bridge -batch - <<'EOF'
fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.1
fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.3
EOF
  }
  at_once 4 5 || return 1
  # == stage 4 of 4: addresses and routes
  # mark lo in branch.pc3 as opentop:branch:pc3  (examples/machines.otop:20:1)
  # bring lo up in branch.pc3  (examples/machines.otop:20:1)
  # add 10.1.0.13/24 to eth0 in branch.pc3  (examples/machines.otop:21:18)
  # add fd00:1::13/64 to eth0 in branch.pc3  (examples/machines.otop:21:31)
  # bring eth0 up in branch.pc3  (examples/machines.otop:21:3)
  # route 0.0.0.0/0 via 10.1.0.1 in branch.pc3  (examples/machines.otop:22:3)
  # route ::/0 via fd00:1::1 in branch.pc3  (examples/machines.otop:23:3)
  tool_step '6/6, addresses and routes, in node pc3 (branch.pc3)' nsenter --net=/run/netns/branch.pc3 -- ip -batch - <<'EOF' || return 1
link set dev lo alias opentop:branch:pc3
link set dev lo up
addr add 10.1.0.13/24 dev eth0
addr add fd00:1::13/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.1.0.1
route add ::/0 via fd00:1::1
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
  # delete network namespace branch.pc3 and everything in it
  if ns_ours branch.pc3 opentop:branch:pc3; then owned=$((owned + 1)); queue 'netns del branch.pc3'; fi
  # delete network namespace branch and everything in it
  if ns_ours branch opentop:branch; then owned=$((owned + 1)); queue 'netns del branch'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/branch ]; then left="$left"'  netns branch'"$NL"; fi
  if [ -e /run/netns/branch.pc3 ]; then left="$left"'  netns branch.pc3'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/branch && found=0
  taken_netns /run/netns/branch.pc3 && found=0
  not_mine beta 198.51.100.2 && found=0
  underlay_short alpha 198.51.100.1 1500 ping -4 -n -q -c 1 -W 1 198.51.100.1 -- ping -4 -n -q -c 1 -W 1 -Mdo -s 1472 198.51.100.1 && found=0
  underlay_short gamma 198.51.100.3 1500 ping -4 -n -q -c 1 -W 1 198.51.100.3 -- ping -4 -n -q -c 1 -W 1 -Mdo -s 1472 198.51.100.3 && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name v0 type vxlan id 1 dstport 4789
EOF
    error OT6011 'this kernel lacks VXLAN tunnels, which this statement needs (examples/machines.otop:13:1)' 'it is the kernel option CONFIG_VXLAN (module vxlan: `modprobe vxlan`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge
EOF
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (examples/machines.otop:13:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/machines.otop:21:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:branch 2:branch.pc3
)

ns_1() { look 'the switches (branch)' branch links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface vxlan.1'
  [ "${seen_3-}" = 1 ] || drift missing 'interface office'
  [ "${seen_4-}" = 1 ] || drift missing 'interface pc3.eth0'
  extras
}

# links_1 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_1() {
  case $2 in
    '') links_1_0 "$1" && return 0 ;;
    office) links_1_1 "$1" && return 0 ;;
  esac
  links_1_0 "$1" || links_1_1 "$1"
}
links_1_0() {
  case $1 in
    lo) seen_1=1; want_link ;;
    office) seen_3=1; want_link up mtu 1450 ;;
    *) return 1 ;;
  esac
}
links_1_1() {
  case $1 in
    vxlan.1) seen_2=1; want_link up mtu 1450 master office ;;
    pc3.eth0) seen_4=1; want_link up mtu 1450 master office ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node pc3 (branch.pc3)' branch.pc3 links_2 1; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr eth0 10.1.0.13/24
    want_addr eth0 fd00:1::13/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 2 ] || drift missing 'route 0.0.0.0/0 via 10.1.0.1'
  [ "${rseen_2-}" = 2 ] || drift missing 'route ::/0 via fd00:1::1'
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    eth0) seen_2=2; want_link up mtu 1450 ;;
    *) return 1 ;;
  esac
}

# routes_2: marks the plan's routes that this route of the kernel is; false if none.
routes_2() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.1.0.1 '' || { rseen_1=2; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:1::1 '' || { rseen_2=2; is=0; }
      ;;
  esac
  return $is
}

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    pc3) enter nsenter --net=/run/netns/branch.pc3 -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are pc3'
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
  printf '%s\n' '# lab branch on machine beta: up, 19 operations in 6 processes

# stage 1: namespaces
ip -batch -
    netns add branch      # examples/machines.otop:7:5
    netns add branch.pc3  # examples/machines.otop:20:1

# stage 2: links (steps run concurrently)
ip -batch -
    link add name vxlan.1 netns branch mtu 1450 type vxlan id 6970274 local 198.51.100.2 dstport 4789  # examples/machines.otop:13:1
nsenter --net=/run/netns/branch -- ip -batch -
    link set dev lo alias opentop:branch                                                                               # examples/machines.otop:7:5
    link add name office mtu 1450 type bridge                                                                          # examples/machines.otop:13:1
    link set dev office addrgenmode none                                                                               # examples/machines.otop:13:1
    link set dev office up                                                                                             # examples/machines.otop:13:1
    link add name pc3.eth0 index 6270037 mtu 1450 master office up type veth peer name eth0 netns branch.pc3 mtu 1450  # examples/machines.otop:21:3
    link set dev pc3.eth0 addrgenmode none                                                                             # examples/machines.otop:21:3

# stage 3: switch tunnels (steps run concurrently)
nsenter --net=/run/netns/branch -- ip -batch -
    link set dev vxlan.1 master office up  # examples/machines.otop:13:1
nsenter --net=/run/netns/branch -- bridge -batch -
    fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.1  # examples/machines.otop:13:1
    fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.3  # examples/machines.otop:13:1

# stage 4: addresses and routes
nsenter --net=/run/netns/branch.pc3 -- ip -batch -
    link set dev lo alias opentop:branch:pc3  # examples/machines.otop:20:1
    link set dev lo up                        # examples/machines.otop:20:1
    addr add 10.1.0.13/24 dev eth0            # examples/machines.otop:21:18
    addr add fd00:1::13/64 dev eth0 nodad     # examples/machines.otop:21:31
    link set dev eth0 up                      # examples/machines.otop:21:3
    route add 0.0.0.0/0 via 10.1.0.1          # examples/machines.otop:22:3
    route add ::/0 via fd00:1::1              # examples/machines.otop:23:3'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "branch",
 "file": "/ROOT/examples/machines.otop",
 "hash": "dc3c8f266550d5b677a74ad5cf43dd38f16f51e07afe220b9d58b4e3a365bc3b",
 "machine": "beta",
 "machines": [{"name":"alpha","address":"198.51.100.1"},{"name":"beta","address":"198.51.100.2"},{"name":"gamma","address":"198.51.100.3"}],
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["pc3"],
 "switches": ["office"],
 "plan": "38033df888bfed95e1c4430646be0aa49990e4b57d818dacab91ccf759b0cc16",
 "owned": [
  {"kind":"netns","name":"branch"},
  {"kind":"netns","name":"branch.pc3","node":"pc3"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"branch"},"origin":"examples/machines.otop:7:5"},
  {"op":{"kind":"netns.add","name":"branch.pc3","node":"pc3"},"origin":"examples/machines.otop:20:1"},
  {"op":{"kind":"vxlan.add","netns":"branch","name":"vxlan.1","vni":6970274,"machine":"beta","local":"198.51.100.2","port":4789,"mtu":1450},"origin":"examples/machines.otop:13:1"},
  {"op":{"kind":"link.alias","ns":"branch","dev":"lo","alias":"opentop:branch"},"origin":"examples/machines.otop:7:5"},
  {"op":{"kind":"bridge.add","ns":"branch","name":"office","mtu":1450},"origin":"examples/machines.otop:13:1"},
  {"op":{"kind":"link.nolinklocal","ns":"branch","dev":"office"},"origin":"examples/machines.otop:13:1"},
  {"op":{"kind":"link.up","ns":"branch","dev":"office"},"origin":"examples/machines.otop:13:1"},
  {"op":{"kind":"veth.add","ns":"branch","a":{"ns":"branch","name":"pc3.eth0","index":6270037,"mtu":1450,"master":"office"},"b":{"ns":"branch.pc3","name":"eth0","mtu":1450}},"origin":"examples/machines.otop:21:3"},
  {"op":{"kind":"link.nolinklocal","ns":"branch","dev":"pc3.eth0"},"origin":"examples/machines.otop:21:3"},
  {"op":{"kind":"link.master","ns":"branch","dev":"vxlan.1","master":"office"},"origin":"examples/machines.otop:13:1"},
  {"op":{"kind":"vxlan.peer","ns":"branch","dev":"vxlan.1","remote":"198.51.100.1","underlay":{"machine":"alpha","address":"198.51.100.1","family":4,"size":1500}},"origin":"examples/machines.otop:13:1"},
  {"op":{"kind":"vxlan.peer","ns":"branch","dev":"vxlan.1","remote":"198.51.100.3","underlay":{"machine":"gamma","address":"198.51.100.3","family":4,"size":1500}},"origin":"examples/machines.otop:13:1"},
  {"op":{"kind":"link.alias","ns":"branch.pc3","dev":"lo","alias":"opentop:branch:pc3"},"origin":"examples/machines.otop:20:1"},
  {"op":{"kind":"link.up","ns":"branch.pc3","dev":"lo"},"origin":"examples/machines.otop:20:1"},
  {"op":{"kind":"addr.add","ns":"branch.pc3","dev":"eth0","cidr":"10.1.0.13/24","family":4},"origin":"examples/machines.otop:21:18"},
  {"op":{"kind":"addr.add","ns":"branch.pc3","dev":"eth0","cidr":"fd00:1::13/64","family":6},"origin":"examples/machines.otop:21:31"},
  {"op":{"kind":"link.up","ns":"branch.pc3","dev":"eth0"},"origin":"examples/machines.otop:21:3"},
  {"op":{"kind":"route.add","ns":"branch.pc3","family":4,"destination":"0.0.0.0/0","via":"10.1.0.1"},"origin":"examples/machines.otop:22:3"},
  {"op":{"kind":"route.add","ns":"branch.pc3","family":6,"destination":"::/0","via":"fd00:1::1"},"origin":"examples/machines.otop:23:3"}
 ]
}
'

# why PROGRAM: sets $why and $package, for the message when PROGRAM is missing.
why() {
  case $1 in
    ip) why='this lab creates namespaces, links, addresses and routes with it' package=iproute2 ;;
    nsenter) why='this lab runs programs inside its namespaces with it' package=util-linux ;;
    bridge) why='this lab'\''s VLAN-aware switches are set up with it' package=iproute2 ;;
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