#!/bin/sh
# Lab branch: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/machines.otop
#   sha256    dc3c8f266550d5b677a74ad5cf43dd38f16f51e07afe220b9d58b4e3a365bc3b
#   requires  ip nsenter sysctl nft bridge unshare ping mkdir ln readlink rm mv date touch find cat
#   machine   gamma (198.51.100.3): this machine's part of the lab only
#   others    alpha (198.51.100.1), beta (198.51.100.2), each with a script of its own
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
NEED_UP='ip nsenter sysctl nft bridge unshare ping mkdir ln readlink rm mv date touch find cat'
NEED_DOWN='ip nsenter mkdir ln readlink rm find'
NEED_STATUS='ip nsenter'
NEED_TEST=''
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=2
KIB_PER_NAMESPACE=320
SUMMARY='1 node, 1 switch, 2 links on machine gamma (25 operations)'
HELP='
Lab branch: 1 node, 1 switch, 2 links on machine gamma (25 operations).
  up      create it (needs root and ip, nsenter, sysctl, nft, bridge, unshare, ping, mkdir, ln, readlink, rm, mv, date, touch, find, cat)
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
  # == stage 1 of 6: namespaces
  # create network namespace branch  (examples/machines.otop:7:5)
  # create network namespace branch.router  (examples/machines.otop:25:1)
  tool_step '1/8, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add branch
netns add branch.router
EOF
  # == stage 2 of 6: namespace sysctls
  # set net.ipv4.ip_forward = 1 in branch.router  (examples/machines.otop:26:3)
  # set net.ipv6.conf.all.forwarding = 1 in branch.router  (examples/machines.otop:26:3)
  # set net.ipv6.conf.default.accept_dad = 0 in branch.router  (examples/machines.otop:26:3)
  tool_step '2/8, namespace sysctls, in node router (branch.router)' nsenter --net=/run/netns/branch.router -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 || return 1
  # == stage 3 of 6: filters
  # load nftables table inet opentop in branch.router  (examples/machines.otop:30:5)
  tool_step '3/8, filters, in node router (branch.router)' nsenter --net=/run/netns/branch.router -- nft -f - <<'EOF' || return 1
table inet opentop {
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state related,established accept comment "forward accept established"
		meta l4proto icmp accept comment "forward accept icmp"
		meta l4proto ipv6-icmp accept comment "forward accept icmpv6"
		iifname "eth0" oifname "eth1" tcp dport { 80, 443 } accept comment "forward accept in eth0 out eth1 tcp dport 80,443"
	}
}
EOF
  # == stage 4 of 6: links (its 2 steps side by side)
  up_4() {
    # create VXLAN tunnel vxlan.1 (VNI 6970274) in branch  (examples/machines.otop:13:1)
    # create VXLAN tunnel eth1 (VNI 6970275 to 198.51.100.1) in branch.router  (examples/machines.otop:28:3)
    tool_step '4/8, links, on the host' ip -batch - <<'EOF'
link add name vxlan.1 netns branch mtu 1450 type vxlan id 6970274 local 198.51.100.3 dstport 4789
link add name eth1 netns branch.router mtu 1450 type vxlan id 6970275 local 198.51.100.3 remote 198.51.100.1 nolearning dstport 4789
EOF
  }
  up_5() {
    # mark lo in branch as opentop:branch  (examples/machines.otop:7:5)
    # create bridge office in branch  (examples/machines.otop:13:1)
    # give office in branch no IPv6 link-local address  (examples/machines.otop:13:1)
    # bring office up in branch  (examples/machines.otop:13:1)
    # create veth pair router.eth0 (branch) — eth0 (branch.router)  (examples/machines.otop:27:3)
    # give router.eth0 in branch no IPv6 link-local address  (examples/machines.otop:27:3)
    tool_step '5/8, links, in the switches (branch)' nsenter --net=/run/netns/branch -- ip -batch - <<'EOF'
link set dev lo alias opentop:branch
link add name office mtu 1450 type bridge
link set dev office addrgenmode none
link set dev office up
link add name router.eth0 index 9829555 mtu 1450 master office up type veth peer name eth0 netns branch.router mtu 1450
link set dev router.eth0 addrgenmode none
EOF
  }
  at_once 4 5 || return 1
  # == stage 5 of 6: switch tunnels (its 2 steps side by side)
  up_6() {
    # make vxlan.1 a port of office in branch  (examples/machines.otop:13:1)
    tool_step '6/8, switch tunnels, in the switches (branch)' nsenter --net=/run/netns/branch -- ip -batch - <<'EOF'
link set dev vxlan.1 master office up
EOF
  }
  up_7() {
    # let vxlan.1 in branch flood to machine alpha (198.51.100.1)  (examples/machines.otop:13:1)
    # let vxlan.1 in branch flood to machine beta (198.51.100.2)  (examples/machines.otop:13:1)
    tool_step '7/8, switch tunnels, in the switches (branch)' nsenter --net=/run/netns/branch -- bridge -batch - <<'EOF'
fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.1
fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.2
EOF
  }
  at_once 6 7 || return 1
  # == stage 6 of 6: addresses and routes
  # mark lo in branch.router as opentop:branch:router  (examples/machines.otop:25:1)
  # bring lo up in branch.router  (examples/machines.otop:25:1)
  # add 10.1.0.1/24 to eth0 in branch.router  (examples/machines.otop:27:18)
  # add fd00:1::1/64 to eth0 in branch.router  (examples/machines.otop:27:30)
  # bring eth0 up in branch.router  (examples/machines.otop:27:3)
  # add 10.2.0.1/30 to eth1 in branch.router  (examples/machines.otop:28:23)
  # add fd00:2::1/64 to eth1 in branch.router  (examples/machines.otop:28:35)
  # bring eth1 up in branch.router  (examples/machines.otop:28:3)
  tool_step '8/8, addresses and routes, in node router (branch.router)' nsenter --net=/run/netns/branch.router -- ip -batch - <<'EOF' || return 1
link set dev lo alias opentop:branch:router
link set dev lo up
addr add 10.1.0.1/24 dev eth0
addr add fd00:1::1/64 dev eth0 nodad
link set dev eth0 up
addr add 10.2.0.1/30 dev eth1
addr add fd00:2::1/64 dev eth1 nodad
link set dev eth1 up
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
  # delete network namespace branch.router and everything in it
  if ns_ours branch.router opentop:branch:router; then owned=$((owned + 1)); queue 'netns del branch.router'; fi
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
  if [ -e /run/netns/branch.router ]; then left="$left"'  netns branch.router'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/branch && found=0
  taken_netns /run/netns/branch.router && found=0
  not_mine gamma 198.51.100.3 && found=0
  underlay_short alpha 198.51.100.1 1500 ping -4 -n -q -c 1 -W 1 198.51.100.1 -- ping -4 -n -q -c 1 -W 1 -Mdo -s 1472 198.51.100.1 && found=0
  underlay_short beta 198.51.100.2 1500 ping -4 -n -q -c 1 -W 1 198.51.100.2 -- ping -4 -n -q -c 1 -W 1 -Mdo -s 1472 198.51.100.2 && found=0
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
    error OT6011 'this kernel lacks VXLAN tunnels, which this statement needs (examples/machines.otop:28:3)' 'it is the kernel option CONFIG_VXLAN (module vxlan: `modprobe vxlan`); on a kernel without it, remove what needs it from the lab'
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
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/machines.otop:27:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:branch 2:branch.router
)

ns_1() { look 'the switches (branch)' branch links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface vxlan.1'
  [ "${seen_3-}" = 1 ] || drift missing 'interface office'
  [ "${seen_4-}" = 1 ] || drift missing 'interface router.eth0'
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
    router.eth0) seen_4=1; want_link up mtu 1450 master office ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node router (branch.router)' branch.router links_2; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr eth1 10.2.0.1/30
    want_addr eth1 fd00:2::1/64
  else
    drift missing 'interface eth1'
  fi
  if [ "${seen_3-}" = 2 ]; then
    want_addr eth0 10.1.0.1/24
    want_addr eth0 fd00:1::1/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    eth1) seen_2=2; want_link up mtu 1450 ;;
    eth0) seen_3=2; want_link up mtu 1450 ;;
    *) return 1 ;;
  esac
}
routes_2() { return 1; }

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    router) enter nsenter --net=/run/netns/branch.router -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are router'
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
  printf '%s\n' '# lab branch on machine gamma: up, 25 operations in 8 processes

# stage 1: namespaces
ip -batch -
    netns add branch         # examples/machines.otop:7:5
    netns add branch.router  # examples/machines.otop:25:1

# stage 2: namespace sysctls
nsenter --net=/run/netns/branch.router -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/machines.otop:26:3
    net.ipv6.conf.all.forwarding=1      # examples/machines.otop:26:3
    net.ipv6.conf.default.accept_dad=0  # examples/machines.otop:26:3

# stage 3: filters
nsenter --net=/run/netns/branch.router -- nft -f -
    # examples/machines.otop:30:5
    table inet opentop {
    	chain forward {
    		type filter hook forward priority filter; policy drop;
    		ct state related,established accept comment "forward accept established"
    		meta l4proto icmp accept comment "forward accept icmp"
    		meta l4proto ipv6-icmp accept comment "forward accept icmpv6"
    		iifname "eth0" oifname "eth1" tcp dport { 80, 443 } accept comment "forward accept in eth0 out eth1 tcp dport 80,443"
    	}
    }

# stage 4: links (steps run concurrently)
ip -batch -
    link add name vxlan.1 netns branch mtu 1450 type vxlan id 6970274 local 198.51.100.3 dstport 4789                                     # examples/machines.otop:13:1
    link add name eth1 netns branch.router mtu 1450 type vxlan id 6970275 local 198.51.100.3 remote 198.51.100.1 nolearning dstport 4789  # examples/machines.otop:28:3
nsenter --net=/run/netns/branch -- ip -batch -
    link set dev lo alias opentop:branch                                                                                     # examples/machines.otop:7:5
    link add name office mtu 1450 type bridge                                                                                # examples/machines.otop:13:1
    link set dev office addrgenmode none                                                                                     # examples/machines.otop:13:1
    link set dev office up                                                                                                   # examples/machines.otop:13:1
    link add name router.eth0 index 9829555 mtu 1450 master office up type veth peer name eth0 netns branch.router mtu 1450  # examples/machines.otop:27:3
    link set dev router.eth0 addrgenmode none                                                                                # examples/machines.otop:27:3

# stage 5: switch tunnels (steps run concurrently)
nsenter --net=/run/netns/branch -- ip -batch -
    link set dev vxlan.1 master office up  # examples/machines.otop:13:1
nsenter --net=/run/netns/branch -- bridge -batch -
    fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.1  # examples/machines.otop:13:1
    fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.2  # examples/machines.otop:13:1

# stage 6: addresses and routes
nsenter --net=/run/netns/branch.router -- ip -batch -
    link set dev lo alias opentop:branch:router  # examples/machines.otop:25:1
    link set dev lo up                           # examples/machines.otop:25:1
    addr add 10.1.0.1/24 dev eth0                # examples/machines.otop:27:18
    addr add fd00:1::1/64 dev eth0 nodad         # examples/machines.otop:27:30
    link set dev eth0 up                         # examples/machines.otop:27:3
    addr add 10.2.0.1/30 dev eth1                # examples/machines.otop:28:23
    addr add fd00:2::1/64 dev eth1 nodad         # examples/machines.otop:28:35
    link set dev eth1 up                         # examples/machines.otop:28:3'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "branch",
 "file": "/ROOT/examples/machines.otop",
 "hash": "dc3c8f266550d5b677a74ad5cf43dd38f16f51e07afe220b9d58b4e3a365bc3b",
 "machine": "gamma",
 "machines": [{"name":"alpha","address":"198.51.100.1"},{"name":"beta","address":"198.51.100.2"},{"name":"gamma","address":"198.51.100.3"}],
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["router"],
 "switches": ["office"],
 "plan": "11808d987bb40ce1a301e6eb97adfd1c32839b5dda30cd82b25812a8d0e389e7",
 "owned": [
  {"kind":"netns","name":"branch"},
  {"kind":"netns","name":"branch.router","node":"router"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"branch"},"origin":"examples/machines.otop:7:5"},
  {"op":{"kind":"netns.add","name":"branch.router","node":"router"},"origin":"examples/machines.otop:25:1"},
  {"op":{"kind":"sysctl.set","ns":"branch.router","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/machines.otop:26:3"},
  {"op":{"kind":"sysctl.set","ns":"branch.router","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/machines.otop:26:3"},
  {"op":{"kind":"sysctl.set","ns":"branch.router","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/machines.otop:26:3"},
  {"op":{"kind":"nft.table","ns":"branch.router","family":"inet","name":"opentop","ruleset":"table inet opentop {\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n\t\tct state related,established accept comment \"forward accept established\"\n\t\tmeta l4proto icmp accept comment \"forward accept icmp\"\n\t\tmeta l4proto ipv6-icmp accept comment \"forward accept icmpv6\"\n\t\tiifname \"eth0\" oifname \"eth1\" tcp dport { 80, 443 } accept comment \"forward accept in eth0 out eth1 tcp dport 80,443\"\n\t}\n}\n"},"origin":"examples/machines.otop:30:5"},
  {"op":{"kind":"vxlan.add","netns":"branch","name":"vxlan.1","vni":6970274,"machine":"gamma","local":"198.51.100.3","port":4789,"mtu":1450},"origin":"examples/machines.otop:13:1"},
  {"op":{"kind":"vxlan.add","netns":"branch.router","name":"eth1","vni":6970275,"machine":"gamma","local":"198.51.100.3","remote":"198.51.100.1","port":4789,"mtu":1450,"underlay":{"machine":"alpha","address":"198.51.100.1","family":4,"size":1500}},"origin":"examples/machines.otop:28:3"},
  {"op":{"kind":"link.alias","ns":"branch","dev":"lo","alias":"opentop:branch"},"origin":"examples/machines.otop:7:5"},
  {"op":{"kind":"bridge.add","ns":"branch","name":"office","mtu":1450},"origin":"examples/machines.otop:13:1"},
  {"op":{"kind":"link.nolinklocal","ns":"branch","dev":"office"},"origin":"examples/machines.otop:13:1"},
  {"op":{"kind":"link.up","ns":"branch","dev":"office"},"origin":"examples/machines.otop:13:1"},
  {"op":{"kind":"veth.add","ns":"branch","a":{"ns":"branch","name":"router.eth0","index":9829555,"mtu":1450,"master":"office"},"b":{"ns":"branch.router","name":"eth0","mtu":1450}},"origin":"examples/machines.otop:27:3"},
  {"op":{"kind":"link.nolinklocal","ns":"branch","dev":"router.eth0"},"origin":"examples/machines.otop:27:3"},
  {"op":{"kind":"link.master","ns":"branch","dev":"vxlan.1","master":"office"},"origin":"examples/machines.otop:13:1"},
  {"op":{"kind":"vxlan.peer","ns":"branch","dev":"vxlan.1","remote":"198.51.100.1","underlay":{"machine":"alpha","address":"198.51.100.1","family":4,"size":1500}},"origin":"examples/machines.otop:13:1"},
  {"op":{"kind":"vxlan.peer","ns":"branch","dev":"vxlan.1","remote":"198.51.100.2","underlay":{"machine":"beta","address":"198.51.100.2","family":4,"size":1500}},"origin":"examples/machines.otop:13:1"},
  {"op":{"kind":"link.alias","ns":"branch.router","dev":"lo","alias":"opentop:branch:router"},"origin":"examples/machines.otop:25:1"},
  {"op":{"kind":"link.up","ns":"branch.router","dev":"lo"},"origin":"examples/machines.otop:25:1"},
  {"op":{"kind":"addr.add","ns":"branch.router","dev":"eth0","cidr":"10.1.0.1/24","family":4},"origin":"examples/machines.otop:27:18"},
  {"op":{"kind":"addr.add","ns":"branch.router","dev":"eth0","cidr":"fd00:1::1/64","family":6},"origin":"examples/machines.otop:27:30"},
  {"op":{"kind":"link.up","ns":"branch.router","dev":"eth0"},"origin":"examples/machines.otop:27:3"},
  {"op":{"kind":"addr.add","ns":"branch.router","dev":"eth1","cidr":"10.2.0.1/30","family":4},"origin":"examples/machines.otop:28:23"},
  {"op":{"kind":"addr.add","ns":"branch.router","dev":"eth1","cidr":"fd00:2::1/64","family":6},"origin":"examples/machines.otop:28:35"},
  {"op":{"kind":"link.up","ns":"branch.router","dev":"eth1"},"origin":"examples/machines.otop:28:3"}
 ]
}
'

# why PROGRAM: sets $why and $package, for the message when PROGRAM is missing.
why() {
  case $1 in
    ip) why='this lab creates namespaces, links, addresses and routes with it' package=iproute2 ;;
    nsenter) why='this lab runs programs inside its namespaces with it' package=util-linux ;;
    sysctl) why='this lab sets sysctls' package=procps ;;
    nft) why='this lab filters traffic' package=nftables ;;
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