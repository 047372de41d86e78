#!/bin/sh
# Lab spread6: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/test/golden/cases/spread-v6.otop
#   sha256    27859427fd0e2b696f0a113506852af8854b88653758ec68ff1011e464277cdf
#   requires  ip nsenter bridge unshare ping mkdir ln readlink rm mv date touch find cat
#   machine   west (2001:db8::2): this machine's part of the lab only
#   others    east (2001:db8::1), each with a script of its own
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
LAB='spread6'
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
NAMESPACES=3
KIB_PER_NAMESPACE=320
SUMMARY='2 nodes, 1 switch, 2 links on machine west (28 operations)'
HELP='
Lab spread6: 2 nodes, 1 switch, 2 links on machine west (28 operations).
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
  # == stage 1 of 5: namespaces
  # create network namespace spread6  (test/golden/cases/spread-v6.otop:3:5)
  # create network namespace spread6.pc  (test/golden/cases/spread-v6.otop:15:1)
  # create network namespace spread6.cam  (test/golden/cases/spread-v6.otop:16:1)
  tool_step '1/8, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add spread6
netns add spread6.pc
netns add spread6.cam
EOF
  # == stage 2 of 5: links (its 2 steps side by side)
  up_2() {
    # create VXLAN tunnel vxlan.1 (VNI 8303162) in spread6  (test/golden/cases/spread-v6.otop:7:1)
    tool_step '2/8, links, on the host' ip -batch - <<'EOF'
link add name vxlan.1 netns spread6 mtu 8926 type vxlan id 8303162 local 2001:db8::2 dstport 4789
EOF
  }
  up_3() {
    # mark lo in spread6 as opentop:spread6  (test/golden/cases/spread-v6.otop:3:5)
    # create VLAN-aware bridge office in spread6  (test/golden/cases/spread-v6.otop:7:1)
    # give office in spread6 no IPv6 link-local address  (test/golden/cases/spread-v6.otop:7:1)
    # bring office up in spread6  (test/golden/cases/spread-v6.otop:7:1)
    # create veth pair pc.eth0 (spread6) — eth0 (spread6.pc)  (test/golden/cases/spread-v6.otop:15:19)
    # give pc.eth0 in spread6 no IPv6 link-local address  (test/golden/cases/spread-v6.otop:15:19)
    # create veth pair cam.eth0 (spread6) — eth0 (spread6.cam)  (test/golden/cases/spread-v6.otop:16:20)
    # give cam.eth0 in spread6 no IPv6 link-local address  (test/golden/cases/spread-v6.otop:16:20)
    tool_step '3/8, links, in the switches (spread6)' nsenter --net=/run/netns/spread6 -- ip -batch - <<'EOF'
link set dev lo alias opentop:spread6
link add name office mtu 8926 type bridge vlan_filtering 1 vlan_default_pvid 0
link set dev office addrgenmode none
link set dev office up
link add name pc.eth0 index 3946193 mtu 8926 master office up type veth peer name eth0 netns spread6.pc mtu 8926
link set dev pc.eth0 addrgenmode none
link add name cam.eth0 index 5321024 mtu 8926 master office up type veth peer name eth0 netns spread6.cam mtu 8926
link set dev cam.eth0 addrgenmode none
EOF
  }
  at_once 2 3 || return 1
  # == stage 3 of 5: switch tunnels (its 2 steps side by side)
  up_4() {
    # make vxlan.1 a port of office in spread6  (test/golden/cases/spread-v6.otop:7:1)
    tool_step '4/8, switch tunnels, in the switches (spread6)' nsenter --net=/run/netns/spread6 -- ip -batch - <<'EOF'
link set dev vxlan.1 master office up
EOF
  }
  up_5() {
    # let vxlan.1 in spread6 flood to machine east (2001:db8::1)  (test/golden/cases/spread-v6.otop:7:1)
    tool_step '5/8, switch tunnels, in the switches (spread6)' nsenter --net=/run/netns/spread6 -- bridge -batch - <<'EOF'
fdb append 00:00:00:00:00:00 dev vxlan.1 dst 2001:db8::1
EOF
  }
  at_once 4 5 || return 1
  # == stage 4 of 5: switch VLANs
  # let port vxlan.1 in spread6 carry VLAN 10 tagged  (test/golden/cases/spread-v6.otop:7:1)
  # let port vxlan.1 in spread6 carry VLAN 20 tagged  (test/golden/cases/spread-v6.otop:7:1)
  # let port pc.eth0 in spread6 carry VLAN 10 untagged  (test/golden/cases/spread-v6.otop:15:19)
  # let port cam.eth0 in spread6 carry VLAN 20 untagged  (test/golden/cases/spread-v6.otop:16:20)
  tool_step '6/8, switch VLANs, in the switches (spread6)' nsenter --net=/run/netns/spread6 -- bridge -batch - <<'EOF' || return 1
vlan add dev vxlan.1 vid 10
vlan add dev vxlan.1 vid 20
vlan add dev pc.eth0 vid 10 pvid untagged
vlan add dev cam.eth0 vid 20 pvid untagged
EOF
  # == stage 5 of 5: addresses and routes (its 2 steps side by side)
  up_7() {
    # mark lo in spread6.pc as opentop:spread6:pc  (test/golden/cases/spread-v6.otop:15:1)
    # bring lo up in spread6.pc  (test/golden/cases/spread-v6.otop:15:1)
    # add 10.10.0.11/24 to eth0 in spread6.pc  (test/golden/cases/spread-v6.otop:15:34)
    # give eth0 in spread6.pc no IPv6 link-local address  (test/golden/cases/spread-v6.otop:15:19)
    # bring eth0 up in spread6.pc  (test/golden/cases/spread-v6.otop:15:19)
    tool_step '7/8, addresses and routes, in node pc (spread6.pc)' nsenter --net=/run/netns/spread6.pc -- ip -batch - <<'EOF'
link set dev lo alias opentop:spread6:pc
link set dev lo up
addr add 10.10.0.11/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
EOF
  }
  up_8() {
    # mark lo in spread6.cam as opentop:spread6:cam  (test/golden/cases/spread-v6.otop:16:1)
    # bring lo up in spread6.cam  (test/golden/cases/spread-v6.otop:16:1)
    # add 10.20.0.5/24 to eth0 in spread6.cam  (test/golden/cases/spread-v6.otop:16:55)
    # give eth0 in spread6.cam no IPv6 link-local address  (test/golden/cases/spread-v6.otop:16:20)
    # bring eth0 up in spread6.cam  (test/golden/cases/spread-v6.otop:16:20)
    tool_step '8/8, addresses and routes, in node cam (spread6.cam)' nsenter --net=/run/netns/spread6.cam -- ip -batch - <<'EOF'
link set dev lo alias opentop:spread6:cam
link set dev lo up
addr add 10.20.0.5/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
EOF
  }
  at_once 7 8 || return 1
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
  # delete network namespace spread6.cam and everything in it
  if ns_ours spread6.cam opentop:spread6:cam; then owned=$((owned + 1)); queue 'netns del spread6.cam'; fi
  # delete network namespace spread6.pc and everything in it
  if ns_ours spread6.pc opentop:spread6:pc; then owned=$((owned + 1)); queue 'netns del spread6.pc'; fi
  # delete network namespace spread6 and everything in it
  if ns_ours spread6 opentop:spread6; then owned=$((owned + 1)); queue 'netns del spread6'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/spread6 ]; then left="$left"'  netns spread6'"$NL"; fi
  if [ -e /run/netns/spread6.pc ]; then left="$left"'  netns spread6.pc'"$NL"; fi
  if [ -e /run/netns/spread6.cam ]; then left="$left"'  netns spread6.cam'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/spread6 && found=0
  taken_netns /run/netns/spread6.pc && found=0
  taken_netns /run/netns/spread6.cam && found=0
  not_mine west 2001:db8::2 && found=0
  underlay_short east 2001:db8::1 9000 ping -6 -n -q -c 1 -W 1 2001:db8::1 -- ping -6 -n -q -c 1 -W 1 -Mdo -s 8952 2001:db8::1 && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name v0 type vxlan id 1 dstport 4789
EOF
    error OT6011 'this kernel lacks VXLAN tunnels, which this statement needs (test/golden/cases/spread-v6.otop:7:1)' 'it is the kernel option CONFIG_VXLAN (module vxlan: `modprobe vxlan`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge
EOF
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (test/golden/cases/spread-v6.otop:7:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge vlan_filtering 1
EOF
    error OT6011 'this kernel lacks VLAN filtering on bridges, which this statement needs (test/golden/cases/spread-v6.otop:7:1)' 'it is the kernel option CONFIG_BRIDGE_VLAN_FILTERING (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks VLAN filtering on bridges, which this statement needs (test/golden/cases/spread-v6.otop:15:19)' 'it is the kernel option CONFIG_BRIDGE_VLAN_FILTERING (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks VLAN filtering on bridges, which this statement needs (test/golden/cases/spread-v6.otop:16:20)' 'it is the kernel option CONFIG_BRIDGE_VLAN_FILTERING (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/spread-v6.otop:15:19)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/spread-v6.otop:16:20)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:spread6 2:spread6.pc 3:spread6.cam
)

ns_1() { look 'the switches (spread6)' spread6 links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface vxlan.1'
  [ "${seen_3-}" = 1 ] || drift missing 'interface office'
  [ "${seen_4-}" = 1 ] || drift missing 'interface pc.eth0'
  [ "${seen_5-}" = 1 ] || drift missing 'interface cam.eth0'
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
    office) seen_3=1; want_link up mtu 8926 ;;
    *) return 1 ;;
  esac
}
links_1_1() {
  case $1 in
    vxlan.1) seen_2=1; want_link up mtu 8926 master office ;;
    pc.eth0) seen_4=1; want_link up mtu 8926 master office ;;
    cam.eth0) seen_5=1; want_link up mtu 8926 master office ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node pc (spread6.pc)' spread6.pc links_2; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr eth0 10.10.0.11/24
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    eth0) seen_2=2; want_link up mtu 8926 ;;
    *) return 1 ;;
  esac
}
routes_2() { return 1; }

ns_3() { look 'node cam (spread6.cam)' spread6.cam links_3; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr eth0 10.20.0.5/24
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_3 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_3() {
  case $1 in
    lo) seen_1=3; want_link up ;;
    eth0) seen_2=3; want_link up mtu 8926 ;;
    *) return 1 ;;
  esac
}
routes_3() { return 1; }

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    pc) enter nsenter --net=/run/netns/spread6.pc -- "$@" ;;
    cam) enter nsenter --net=/run/netns/spread6.cam -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are pc, cam'
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
  printf '%s\n' '# lab spread6 on machine west: up, 28 operations in 8 processes

# stage 1: namespaces
ip -batch -
    netns add spread6      # test/golden/cases/spread-v6.otop:3:5
    netns add spread6.pc   # test/golden/cases/spread-v6.otop:15:1
    netns add spread6.cam  # test/golden/cases/spread-v6.otop:16:1

# stage 2: links (steps run concurrently)
ip -batch -
    link add name vxlan.1 netns spread6 mtu 8926 type vxlan id 8303162 local 2001:db8::2 dstport 4789  # test/golden/cases/spread-v6.otop:7:1
nsenter --net=/run/netns/spread6 -- ip -batch -
    link set dev lo alias opentop:spread6                                                                               # test/golden/cases/spread-v6.otop:3:5
    link add name office mtu 8926 type bridge vlan_filtering 1 vlan_default_pvid 0                                      # test/golden/cases/spread-v6.otop:7:1
    link set dev office addrgenmode none                                                                                # test/golden/cases/spread-v6.otop:7:1
    link set dev office up                                                                                              # test/golden/cases/spread-v6.otop:7:1
    link add name pc.eth0 index 3946193 mtu 8926 master office up type veth peer name eth0 netns spread6.pc mtu 8926    # test/golden/cases/spread-v6.otop:15:19
    link set dev pc.eth0 addrgenmode none                                                                               # test/golden/cases/spread-v6.otop:15:19
    link add name cam.eth0 index 5321024 mtu 8926 master office up type veth peer name eth0 netns spread6.cam mtu 8926  # test/golden/cases/spread-v6.otop:16:20
    link set dev cam.eth0 addrgenmode none                                                                              # test/golden/cases/spread-v6.otop:16:20

# stage 3: switch tunnels (steps run concurrently)
nsenter --net=/run/netns/spread6 -- ip -batch -
    link set dev vxlan.1 master office up  # test/golden/cases/spread-v6.otop:7:1
nsenter --net=/run/netns/spread6 -- bridge -batch -
    fdb append 00:00:00:00:00:00 dev vxlan.1 dst 2001:db8::1  # test/golden/cases/spread-v6.otop:7:1

# stage 4: switch VLANs
nsenter --net=/run/netns/spread6 -- bridge -batch -
    vlan add dev vxlan.1 vid 10                 # test/golden/cases/spread-v6.otop:7:1
    vlan add dev vxlan.1 vid 20                 # test/golden/cases/spread-v6.otop:7:1
    vlan add dev pc.eth0 vid 10 pvid untagged   # test/golden/cases/spread-v6.otop:15:19
    vlan add dev cam.eth0 vid 20 pvid untagged  # test/golden/cases/spread-v6.otop:16:20

# stage 5: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/spread6.pc -- ip -batch -
    link set dev lo alias opentop:spread6:pc  # test/golden/cases/spread-v6.otop:15:1
    link set dev lo up                        # test/golden/cases/spread-v6.otop:15:1
    addr add 10.10.0.11/24 dev eth0           # test/golden/cases/spread-v6.otop:15:34
    link set dev eth0 addrgenmode none        # test/golden/cases/spread-v6.otop:15:19
    link set dev eth0 up                      # test/golden/cases/spread-v6.otop:15:19
nsenter --net=/run/netns/spread6.cam -- ip -batch -
    link set dev lo alias opentop:spread6:cam  # test/golden/cases/spread-v6.otop:16:1
    link set dev lo up                         # test/golden/cases/spread-v6.otop:16:1
    addr add 10.20.0.5/24 dev eth0             # test/golden/cases/spread-v6.otop:16:55
    link set dev eth0 addrgenmode none         # test/golden/cases/spread-v6.otop:16:20
    link set dev eth0 up                       # test/golden/cases/spread-v6.otop:16:20'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "spread6",
 "file": "/ROOT/test/golden/cases/spread-v6.otop",
 "hash": "27859427fd0e2b696f0a113506852af8854b88653758ec68ff1011e464277cdf",
 "machine": "west",
 "machines": [{"name":"east","address":"2001:db8::1"},{"name":"west","address":"2001:db8::2"}],
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["pc","cam"],
 "switches": ["office"],
 "plan": "2675c12b5a3a1f08f89c0abc8c010db77df801c1277e8eccd4e2a128d86c2417",
 "owned": [
  {"kind":"netns","name":"spread6"},
  {"kind":"netns","name":"spread6.pc","node":"pc"},
  {"kind":"netns","name":"spread6.cam","node":"cam"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"spread6"},"origin":"test/golden/cases/spread-v6.otop:3:5"},
  {"op":{"kind":"netns.add","name":"spread6.pc","node":"pc"},"origin":"test/golden/cases/spread-v6.otop:15:1"},
  {"op":{"kind":"netns.add","name":"spread6.cam","node":"cam"},"origin":"test/golden/cases/spread-v6.otop:16:1"},
  {"op":{"kind":"vxlan.add","netns":"spread6","name":"vxlan.1","vni":8303162,"machine":"west","local":"2001:db8::2","port":4789,"mtu":8926},"origin":"test/golden/cases/spread-v6.otop:7:1"},
  {"op":{"kind":"link.alias","ns":"spread6","dev":"lo","alias":"opentop:spread6"},"origin":"test/golden/cases/spread-v6.otop:3:5"},
  {"op":{"kind":"bridge.add","ns":"spread6","name":"office","mtu":8926,"vlanAware":true},"origin":"test/golden/cases/spread-v6.otop:7:1"},
  {"op":{"kind":"link.nolinklocal","ns":"spread6","dev":"office"},"origin":"test/golden/cases/spread-v6.otop:7:1"},
  {"op":{"kind":"link.up","ns":"spread6","dev":"office"},"origin":"test/golden/cases/spread-v6.otop:7:1"},
  {"op":{"kind":"veth.add","ns":"spread6","a":{"ns":"spread6","name":"pc.eth0","index":3946193,"mtu":8926,"master":"office"},"b":{"ns":"spread6.pc","name":"eth0","mtu":8926}},"origin":"test/golden/cases/spread-v6.otop:15:19"},
  {"op":{"kind":"link.nolinklocal","ns":"spread6","dev":"pc.eth0"},"origin":"test/golden/cases/spread-v6.otop:15:19"},
  {"op":{"kind":"veth.add","ns":"spread6","a":{"ns":"spread6","name":"cam.eth0","index":5321024,"mtu":8926,"master":"office"},"b":{"ns":"spread6.cam","name":"eth0","mtu":8926}},"origin":"test/golden/cases/spread-v6.otop:16:20"},
  {"op":{"kind":"link.nolinklocal","ns":"spread6","dev":"cam.eth0"},"origin":"test/golden/cases/spread-v6.otop:16:20"},
  {"op":{"kind":"link.master","ns":"spread6","dev":"vxlan.1","master":"office"},"origin":"test/golden/cases/spread-v6.otop:7:1"},
  {"op":{"kind":"vxlan.peer","ns":"spread6","dev":"vxlan.1","remote":"2001:db8::1","underlay":{"machine":"east","address":"2001:db8::1","family":6,"size":9000}},"origin":"test/golden/cases/spread-v6.otop:7:1"},
  {"op":{"kind":"port.vlan","ns":"spread6","dev":"vxlan.1","vids":"10"},"origin":"test/golden/cases/spread-v6.otop:7:1"},
  {"op":{"kind":"port.vlan","ns":"spread6","dev":"vxlan.1","vids":"20"},"origin":"test/golden/cases/spread-v6.otop:7:1"},
  {"op":{"kind":"port.vlan","ns":"spread6","dev":"pc.eth0","vids":"10","untagged":true},"origin":"test/golden/cases/spread-v6.otop:15:19"},
  {"op":{"kind":"port.vlan","ns":"spread6","dev":"cam.eth0","vids":"20","untagged":true},"origin":"test/golden/cases/spread-v6.otop:16:20"},
  {"op":{"kind":"link.alias","ns":"spread6.pc","dev":"lo","alias":"opentop:spread6:pc"},"origin":"test/golden/cases/spread-v6.otop:15:1"},
  {"op":{"kind":"link.up","ns":"spread6.pc","dev":"lo"},"origin":"test/golden/cases/spread-v6.otop:15:1"},
  {"op":{"kind":"addr.add","ns":"spread6.pc","dev":"eth0","cidr":"10.10.0.11/24","family":4},"origin":"test/golden/cases/spread-v6.otop:15:34"},
  {"op":{"kind":"link.nolinklocal","ns":"spread6.pc","dev":"eth0"},"origin":"test/golden/cases/spread-v6.otop:15:19"},
  {"op":{"kind":"link.up","ns":"spread6.pc","dev":"eth0"},"origin":"test/golden/cases/spread-v6.otop:15:19"},
  {"op":{"kind":"link.alias","ns":"spread6.cam","dev":"lo","alias":"opentop:spread6:cam"},"origin":"test/golden/cases/spread-v6.otop:16:1"},
  {"op":{"kind":"link.up","ns":"spread6.cam","dev":"lo"},"origin":"test/golden/cases/spread-v6.otop:16:1"},
  {"op":{"kind":"addr.add","ns":"spread6.cam","dev":"eth0","cidr":"10.20.0.5/24","family":4},"origin":"test/golden/cases/spread-v6.otop:16:55"},
  {"op":{"kind":"link.nolinklocal","ns":"spread6.cam","dev":"eth0"},"origin":"test/golden/cases/spread-v6.otop:16:20"},
  {"op":{"kind":"link.up","ns":"spread6.cam","dev":"eth0"},"origin":"test/golden/cases/spread-v6.otop:16:20"}
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