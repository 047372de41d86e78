#!/bin/sh
# Lab spread: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/test/golden/cases/spread.otop
#   sha256    d943e450e8012bd364556bcec55f46a25418f11bca01054cc9a375665982c6e9
#   requires  ip nsenter sysctl nft bridge tc unshare ping mkdir ln readlink rm mv date touch find cat
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
LAB='spread'
SELF=${0##*/}
RUN_DIR=${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP='ip nsenter sysctl nft bridge tc unshare ping mkdir ln readlink rm mv date touch find cat'
NEED_DOWN='ip nsenter mkdir ln readlink rm find'
NEED_STATUS='ip tc nsenter'
NEED_TEST=''
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=5
KIB_PER_NAMESPACE=320
SUMMARY='4 nodes, 1 switch, 4 links on machine gamma (48 operations)'
HELP='
Lab spread: 4 nodes, 1 switch, 4 links on machine gamma (48 operations).
  up      create it (needs root and ip, nsenter, sysctl, nft, bridge, tc, unshare, ping, mkdir, ln, readlink, rm, mv, date, touch, find, cat)
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
  # == stage 1 of 7: namespaces
  # create network namespace spread  (test/golden/cases/spread.otop:3:5)
  # create network namespace spread.c  (test/golden/cases/spread.otop:22:1)
  # create network namespace spread.d  (test/golden/cases/spread.otop:32:1)
  # create network namespace spread.e  (test/golden/cases/spread.otop:33:1)
  # create network namespace spread.f  (test/golden/cases/spread.otop:34:1)
  tool_step '1/12, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add spread
netns add spread.c
netns add spread.d
netns add spread.e
netns add spread.f
EOF
  # == stage 2 of 7: namespace sysctls
  # set net.ipv4.ip_forward = 1 in spread.c  (test/golden/cases/spread.otop:23:3)
  # set net.ipv6.conf.all.forwarding = 1 in spread.c  (test/golden/cases/spread.otop:23:3)
  # set net.ipv6.conf.default.accept_dad = 0 in spread.c  (test/golden/cases/spread.otop:23:3)
  tool_step '2/12, namespace sysctls, in node c (spread.c)' nsenter --net=/run/netns/spread.c -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 || return 1
  # == stage 3 of 7: filters
  # load nftables table inet opentop in spread.c  (test/golden/cases/spread.otop:27:5)
  tool_step '3/12, filters, in node c (spread.c)' nsenter --net=/run/netns/spread.c -- nft -f - <<'EOF' || return 1
table inet opentop {
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state related,established accept comment "forward accept established"
		iifname "wan" oifname "eth1" tcp dport 80 accept comment "forward accept in wan out eth1 tcp dport 80"
	}
}
EOF
  # == stage 4 of 7: links (its 2 steps side by side)
  up_4() {
    # create VXLAN tunnel vxlan.1 (VNI 5001) in spread  (test/golden/cases/spread.otop:10:1)
    # create VXLAN tunnel wan (VNI 5002 to 198.51.100.1) in spread.c  (test/golden/cases/spread.otop:15:3)
    # create veth pair eth0 (spread.e) — eth0 (spread.f)  (test/golden/cases/spread.otop:33:19)
    tool_step '4/12, links, on the host' ip -batch - <<'EOF'
link add name vxlan.1 netns spread mtu 1450 type vxlan id 5001 local 198.51.100.3 dstport 14789
link add name wan netns spread.c mtu 1450 type vxlan id 5002 local 198.51.100.3 remote 198.51.100.1 nolearning dstport 14789
link add name eth0 index 14489305 netns spread.e mtu 9000 type veth peer name eth0 netns spread.f mtu 9000
EOF
  }
  up_5() {
    # mark lo in spread as opentop:spread  (test/golden/cases/spread.otop:3:5)
    # create bridge lan in spread  (test/golden/cases/spread.otop:10:1)
    # give lan in spread no IPv6 link-local address  (test/golden/cases/spread.otop:10:1)
    # bring lan up in spread  (test/golden/cases/spread.otop:10:1)
    # create veth pair c.eth1 (spread) — eth1 (spread.c)  (test/golden/cases/spread.otop:25:3)
    # give c.eth1 in spread no IPv6 link-local address  (test/golden/cases/spread.otop:25:3)
    # create veth pair d.eth1 (spread) — eth1 (spread.d)  (test/golden/cases/spread.otop:32:19)
    # give d.eth1 in spread no IPv6 link-local address  (test/golden/cases/spread.otop:32:19)
    tool_step '5/12, links, in the switches (spread)' nsenter --net=/run/netns/spread -- ip -batch - <<'EOF'
link set dev lo alias opentop:spread
link add name lan mtu 1450 type bridge
link set dev lan addrgenmode none
link set dev lan up
link add name c.eth1 index 16635193 mtu 1450 master lan up type veth peer name eth1 netns spread.c mtu 1450
link set dev c.eth1 addrgenmode none
link add name d.eth1 index 959747 mtu 1450 master lan up type veth peer name eth1 netns spread.d mtu 1450
link set dev d.eth1 addrgenmode none
EOF
  }
  at_once 4 5 || return 1
  # == stage 5 of 7: switch tunnels (its 2 steps side by side)
  up_6() {
    # make vxlan.1 a port of lan in spread  (test/golden/cases/spread.otop:10:1)
    tool_step '6/12, switch tunnels, in the switches (spread)' nsenter --net=/run/netns/spread -- ip -batch - <<'EOF'
link set dev vxlan.1 master lan up
EOF
  }
  up_7() {
    # let vxlan.1 in spread flood to machine alpha (198.51.100.1)  (test/golden/cases/spread.otop:10:1)
    # let vxlan.1 in spread flood to machine beta (198.51.100.2)  (test/golden/cases/spread.otop:10:1)
    tool_step '7/12, switch tunnels, in the switches (spread)' nsenter --net=/run/netns/spread -- bridge -batch - <<'EOF'
fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.1
fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.2
EOF
  }
  at_once 6 7 || return 1
  # == stage 6 of 7: shaping
  # shape wan in spread.c: tbf rate 10mbit burst 14640b limit 1464000b  (test/golden/cases/spread.otop:15:30)
  # shape wan in spread.c: netem limit 1000 delay 5ms  (test/golden/cases/spread.otop:15:30)
  tool_step '8/12, shaping, in node c (spread.c)' nsenter --net=/run/netns/spread.c -- tc -batch - <<'EOF' || return 1
qdisc add dev wan root handle 1: tbf rate 10mbit burst 14640b limit 1464000b
qdisc add dev wan parent 1:1 handle 10: netem limit 1000 delay 5ms
EOF
  # == stage 7 of 7: addresses and routes (its 4 steps side by side)
  up_9() {
    # mark lo in spread.c as opentop:spread:c  (test/golden/cases/spread.otop:22:1)
    # bring lo up in spread.c  (test/golden/cases/spread.otop:22:1)
    # add 10.0.1.2/30 to wan in spread.c  (test/golden/cases/spread.otop:24:7)
    # give wan in spread.c no IPv6 link-local address  (test/golden/cases/spread.otop:24:3)
    # bring wan up in spread.c  (test/golden/cases/spread.otop:24:3)
    # add 10.1.0.254/24 to eth1 in spread.c  (test/golden/cases/spread.otop:25:15)
    # give eth1 in spread.c no IPv6 link-local address  (test/golden/cases/spread.otop:25:3)
    # bring eth1 up in spread.c  (test/golden/cases/spread.otop:25:3)
    tool_step '9/12, addresses and routes, in node c (spread.c)' nsenter --net=/run/netns/spread.c -- ip -batch - <<'EOF'
link set dev lo alias opentop:spread:c
link set dev lo up
addr add 10.0.1.2/30 dev wan
link set dev wan addrgenmode none
link set dev wan up
addr add 10.1.0.254/24 dev eth1
link set dev eth1 addrgenmode none
link set dev eth1 up
EOF
  }
  up_10() {
    # mark lo in spread.d as opentop:spread:d  (test/golden/cases/spread.otop:32:1)
    # bring lo up in spread.d  (test/golden/cases/spread.otop:32:1)
    # add 10.1.0.4/24 to eth1 in spread.d  (test/golden/cases/spread.otop:32:31)
    # give eth1 in spread.d no IPv6 link-local address  (test/golden/cases/spread.otop:32:19)
    # bring eth1 up in spread.d  (test/golden/cases/spread.otop:32:19)
    tool_step '10/12, addresses and routes, in node d (spread.d)' nsenter --net=/run/netns/spread.d -- ip -batch - <<'EOF'
link set dev lo alias opentop:spread:d
link set dev lo up
addr add 10.1.0.4/24 dev eth1
link set dev eth1 addrgenmode none
link set dev eth1 up
EOF
  }
  up_11() {
    # mark lo in spread.e as opentop:spread:e  (test/golden/cases/spread.otop:33:1)
    # bring lo up in spread.e  (test/golden/cases/spread.otop:33:1)
    # add 10.0.2.1/30 to eth0 in spread.e  (test/golden/cases/spread.otop:33:34)
    # give eth0 in spread.e no IPv6 link-local address  (test/golden/cases/spread.otop:33:19)
    # bring eth0 up in spread.e  (test/golden/cases/spread.otop:33:19)
    tool_step '11/12, addresses and routes, in node e (spread.e)' nsenter --net=/run/netns/spread.e -- ip -batch - <<'EOF'
link set dev lo alias opentop:spread:e
link set dev lo up
addr add 10.0.2.1/30 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
EOF
  }
  up_12() {
    # mark lo in spread.f as opentop:spread:f  (test/golden/cases/spread.otop:34:1)
    # bring lo up in spread.f  (test/golden/cases/spread.otop:34:1)
    # add 10.0.2.2/30 to eth0 in spread.f  (test/golden/cases/spread.otop:34:24)
    # give eth0 in spread.f no IPv6 link-local address  (test/golden/cases/spread.otop:34:19)
    # bring eth0 up in spread.f  (test/golden/cases/spread.otop:34:19)
    tool_step '12/12, addresses and routes, in node f (spread.f)' nsenter --net=/run/netns/spread.f -- ip -batch - <<'EOF'
link set dev lo alias opentop:spread:f
link set dev lo up
addr add 10.0.2.2/30 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
EOF
  }
  at_once 9 12 || return 1
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
  # delete network namespace spread.f and everything in it
  if ns_ours spread.f opentop:spread:f; then owned=$((owned + 1)); queue 'netns del spread.f'; fi
  # delete network namespace spread.e and everything in it
  if ns_ours spread.e opentop:spread:e; then owned=$((owned + 1)); queue 'netns del spread.e'; fi
  # delete network namespace spread.d and everything in it
  if ns_ours spread.d opentop:spread:d; then owned=$((owned + 1)); queue 'netns del spread.d'; fi
  # delete network namespace spread.c and everything in it
  if ns_ours spread.c opentop:spread:c; then owned=$((owned + 1)); queue 'netns del spread.c'; fi
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
  if [ -e /run/netns/spread.c ]; then left="$left"'  netns spread.c'"$NL"; fi
  if [ -e /run/netns/spread.d ]; then left="$left"'  netns spread.d'"$NL"; fi
  if [ -e /run/netns/spread.e ]; then left="$left"'  netns spread.e'"$NL"; fi
  if [ -e /run/netns/spread.f ]; then left="$left"'  netns spread.f'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/spread && found=0
  taken_netns /run/netns/spread.c && found=0
  taken_netns /run/netns/spread.d && found=0
  taken_netns /run/netns/spread.e && found=0
  taken_netns /run/netns/spread.f && found=0
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
    error OT6011 'this kernel lacks VXLAN tunnels, which this statement needs (test/golden/cases/spread.otop:10:1)' 'it is the kernel option CONFIG_VXLAN (module vxlan: `modprobe vxlan`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks VXLAN tunnels, which this statement needs (test/golden/cases/spread.otop:15:3)' 'it is the kernel option CONFIG_VXLAN (module vxlan: `modprobe vxlan`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/spread.otop:33:19)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/spread.otop:25:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/spread.otop:32:19)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
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
  read_wide 1:spread 2:spread.c+tc 3:spread.d 4:spread.e 5:spread.f
)

ns_1() { look 'the switches (spread)' spread links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface vxlan.1'
  [ "${seen_3-}" = 1 ] || drift missing 'interface lan'
  [ "${seen_4-}" = 1 ] || drift missing 'interface c.eth1'
  [ "${seen_5-}" = 1 ] || drift missing 'interface d.eth1'
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
    c.eth1) seen_4=1; want_link up mtu 1450 master lan ;;
    d.eth1) seen_5=1; want_link up mtu 1450 master lan ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node c (spread.c)' spread.c links_2; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr wan 10.0.1.2/30
  else
    drift missing 'interface wan'
  fi
  if [ "${seen_3-}" = 2 ]; then
    want_addr eth1 10.1.0.254/24
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
    wan) seen_2=2; want_link shaped up mtu 1450 ;;
    eth1) seen_3=2; want_link up mtu 1450 ;;
    *) return 1 ;;
  esac
}
routes_2() { return 1; }

ns_3() { look 'node d (spread.d)' spread.d links_3; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr eth1 10.1.0.4/24
  else
    drift missing 'interface eth1'
  fi
  extras
}

# links_3 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_3() {
  case $1 in
    lo) seen_1=3; want_link up ;;
    eth1) seen_2=3; want_link up mtu 1450 ;;
    *) return 1 ;;
  esac
}
routes_3() { return 1; }

ns_4() { look 'node e (spread.e)' spread.e links_4; }
end_4() {
  [ "${seen_1-}" = 4 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 4 ]; then
    want_addr eth0 10.0.2.1/30
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_4 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_4() {
  case $1 in
    lo) seen_1=4; want_link up ;;
    eth0) seen_2=4; want_link up mtu 9000 ;;
    *) return 1 ;;
  esac
}
routes_4() { return 1; }

ns_5() { look 'node f (spread.f)' spread.f links_5; }
end_5() {
  [ "${seen_1-}" = 5 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 5 ]; then
    want_addr eth0 10.0.2.2/30
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_5 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_5() {
  case $1 in
    lo) seen_1=5; want_link up ;;
    eth0) seen_2=5; want_link up mtu 9000 ;;
    *) return 1 ;;
  esac
}
routes_5() { return 1; }

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    c) enter nsenter --net=/run/netns/spread.c -- "$@" ;;
    d) enter nsenter --net=/run/netns/spread.d -- "$@" ;;
    e) enter nsenter --net=/run/netns/spread.e -- "$@" ;;
    f) enter nsenter --net=/run/netns/spread.f -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are c, d, e, f'
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
  printf '%s\n' '# lab spread on machine gamma: up, 48 operations in 12 processes

# stage 1: namespaces
ip -batch -
    netns add spread    # test/golden/cases/spread.otop:3:5
    netns add spread.c  # test/golden/cases/spread.otop:22:1
    netns add spread.d  # test/golden/cases/spread.otop:32:1
    netns add spread.e  # test/golden/cases/spread.otop:33:1
    netns add spread.f  # test/golden/cases/spread.otop:34:1

# stage 2: namespace sysctls
nsenter --net=/run/netns/spread.c -- sysctl -q -w …
    net.ipv4.ip_forward=1               # test/golden/cases/spread.otop:23:3
    net.ipv6.conf.all.forwarding=1      # test/golden/cases/spread.otop:23:3
    net.ipv6.conf.default.accept_dad=0  # test/golden/cases/spread.otop:23:3

# stage 3: filters
nsenter --net=/run/netns/spread.c -- nft -f -
    # test/golden/cases/spread.otop:27:5
    table inet opentop {
    	chain forward {
    		type filter hook forward priority filter; policy drop;
    		ct state related,established accept comment "forward accept established"
    		iifname "wan" oifname "eth1" tcp dport 80 accept comment "forward accept in wan out eth1 tcp dport 80"
    	}
    }

# stage 4: links (steps run concurrently)
ip -batch -
    link add name vxlan.1 netns spread mtu 1450 type vxlan id 5001 local 198.51.100.3 dstport 14789                               # test/golden/cases/spread.otop:10:1
    link add name wan netns spread.c mtu 1450 type vxlan id 5002 local 198.51.100.3 remote 198.51.100.1 nolearning dstport 14789  # test/golden/cases/spread.otop:15:3
    link add name eth0 index 14489305 netns spread.e mtu 9000 type veth peer name eth0 netns spread.f mtu 9000                    # test/golden/cases/spread.otop:33:19
nsenter --net=/run/netns/spread -- ip -batch -
    link set dev lo alias opentop:spread                                                                         # test/golden/cases/spread.otop:3:5
    link add name lan mtu 1450 type bridge                                                                       # test/golden/cases/spread.otop:10:1
    link set dev lan addrgenmode none                                                                            # test/golden/cases/spread.otop:10:1
    link set dev lan up                                                                                          # test/golden/cases/spread.otop:10:1
    link add name c.eth1 index 16635193 mtu 1450 master lan up type veth peer name eth1 netns spread.c mtu 1450  # test/golden/cases/spread.otop:25:3
    link set dev c.eth1 addrgenmode none                                                                         # test/golden/cases/spread.otop:25:3
    link add name d.eth1 index 959747 mtu 1450 master lan up type veth peer name eth1 netns spread.d mtu 1450    # test/golden/cases/spread.otop:32:19
    link set dev d.eth1 addrgenmode none                                                                         # test/golden/cases/spread.otop:32:19

# stage 5: switch tunnels (steps run concurrently)
nsenter --net=/run/netns/spread -- ip -batch -
    link set dev vxlan.1 master lan up  # test/golden/cases/spread.otop:10:1
nsenter --net=/run/netns/spread -- bridge -batch -
    fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.1  # test/golden/cases/spread.otop:10:1
    fdb append 00:00:00:00:00:00 dev vxlan.1 dst 198.51.100.2  # test/golden/cases/spread.otop:10:1

# stage 6: shaping
nsenter --net=/run/netns/spread.c -- tc -batch -
    qdisc add dev wan root handle 1: tbf rate 10mbit burst 14640b limit 1464000b  # test/golden/cases/spread.otop:15:30
    qdisc add dev wan parent 1:1 handle 10: netem limit 1000 delay 5ms            # test/golden/cases/spread.otop:15:30

# stage 7: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/spread.c -- ip -batch -
    link set dev lo alias opentop:spread:c  # test/golden/cases/spread.otop:22:1
    link set dev lo up                      # test/golden/cases/spread.otop:22:1
    addr add 10.0.1.2/30 dev wan            # test/golden/cases/spread.otop:24:7
    link set dev wan addrgenmode none       # test/golden/cases/spread.otop:24:3
    link set dev wan up                     # test/golden/cases/spread.otop:24:3
    addr add 10.1.0.254/24 dev eth1         # test/golden/cases/spread.otop:25:15
    link set dev eth1 addrgenmode none      # test/golden/cases/spread.otop:25:3
    link set dev eth1 up                    # test/golden/cases/spread.otop:25:3
nsenter --net=/run/netns/spread.d -- ip -batch -
    link set dev lo alias opentop:spread:d  # test/golden/cases/spread.otop:32:1
    link set dev lo up                      # test/golden/cases/spread.otop:32:1
    addr add 10.1.0.4/24 dev eth1           # test/golden/cases/spread.otop:32:31
    link set dev eth1 addrgenmode none      # test/golden/cases/spread.otop:32:19
    link set dev eth1 up                    # test/golden/cases/spread.otop:32:19
nsenter --net=/run/netns/spread.e -- ip -batch -
    link set dev lo alias opentop:spread:e  # test/golden/cases/spread.otop:33:1
    link set dev lo up                      # test/golden/cases/spread.otop:33:1
    addr add 10.0.2.1/30 dev eth0           # test/golden/cases/spread.otop:33:34
    link set dev eth0 addrgenmode none      # test/golden/cases/spread.otop:33:19
    link set dev eth0 up                    # test/golden/cases/spread.otop:33:19
nsenter --net=/run/netns/spread.f -- ip -batch -
    link set dev lo alias opentop:spread:f  # test/golden/cases/spread.otop:34:1
    link set dev lo up                      # test/golden/cases/spread.otop:34:1
    addr add 10.0.2.2/30 dev eth0           # test/golden/cases/spread.otop:34:24
    link set dev eth0 addrgenmode none      # test/golden/cases/spread.otop:34:19
    link set dev eth0 up                    # test/golden/cases/spread.otop:34:19'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "spread",
 "file": "/ROOT/test/golden/cases/spread.otop",
 "hash": "d943e450e8012bd364556bcec55f46a25418f11bca01054cc9a375665982c6e9",
 "machine": "gamma",
 "machines": [{"name":"alpha","address":"198.51.100.1"},{"name":"beta","address":"198.51.100.2"},{"name":"gamma","address":"198.51.100.3"}],
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["c","d","e","f"],
 "switches": ["lan"],
 "plan": "7ac94f51015313d32c3bd7ff784e43651a5898e6f627ca518d51072b10bd46ae",
 "owned": [
  {"kind":"netns","name":"spread"},
  {"kind":"netns","name":"spread.c","node":"c"},
  {"kind":"netns","name":"spread.d","node":"d"},
  {"kind":"netns","name":"spread.e","node":"e"},
  {"kind":"netns","name":"spread.f","node":"f"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"spread"},"origin":"test/golden/cases/spread.otop:3:5"},
  {"op":{"kind":"netns.add","name":"spread.c","node":"c"},"origin":"test/golden/cases/spread.otop:22:1"},
  {"op":{"kind":"netns.add","name":"spread.d","node":"d"},"origin":"test/golden/cases/spread.otop:32:1"},
  {"op":{"kind":"netns.add","name":"spread.e","node":"e"},"origin":"test/golden/cases/spread.otop:33:1"},
  {"op":{"kind":"netns.add","name":"spread.f","node":"f"},"origin":"test/golden/cases/spread.otop:34:1"},
  {"op":{"kind":"sysctl.set","ns":"spread.c","key":"net.ipv4.ip_forward","value":"1"},"origin":"test/golden/cases/spread.otop:23:3"},
  {"op":{"kind":"sysctl.set","ns":"spread.c","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"test/golden/cases/spread.otop:23:3"},
  {"op":{"kind":"sysctl.set","ns":"spread.c","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"test/golden/cases/spread.otop:23:3"},
  {"op":{"kind":"nft.table","ns":"spread.c","family":"inet","name":"opentop","ruleset":"table inet opentop {\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n\t\tct state related,established accept comment \"forward accept established\"\n\t\tiifname \"wan\" oifname \"eth1\" tcp dport 80 accept comment \"forward accept in wan out eth1 tcp dport 80\"\n\t}\n}\n"},"origin":"test/golden/cases/spread.otop:27:5"},
  {"op":{"kind":"vxlan.add","netns":"spread","name":"vxlan.1","vni":5001,"machine":"gamma","local":"198.51.100.3","port":14789,"mtu":1450},"origin":"test/golden/cases/spread.otop:10:1"},
  {"op":{"kind":"vxlan.add","netns":"spread.c","name":"wan","vni":5002,"machine":"gamma","local":"198.51.100.3","remote":"198.51.100.1","port":14789,"mtu":1450,"underlay":{"machine":"alpha","address":"198.51.100.1","family":4,"size":1500}},"origin":"test/golden/cases/spread.otop:15:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"spread.e","name":"eth0","index":14489305,"mtu":9000},"b":{"ns":"spread.f","name":"eth0","mtu":9000}},"origin":"test/golden/cases/spread.otop:33:19"},
  {"op":{"kind":"link.alias","ns":"spread","dev":"lo","alias":"opentop:spread"},"origin":"test/golden/cases/spread.otop:3:5"},
  {"op":{"kind":"bridge.add","ns":"spread","name":"lan","mtu":1450},"origin":"test/golden/cases/spread.otop:10:1"},
  {"op":{"kind":"link.nolinklocal","ns":"spread","dev":"lan"},"origin":"test/golden/cases/spread.otop:10:1"},
  {"op":{"kind":"link.up","ns":"spread","dev":"lan"},"origin":"test/golden/cases/spread.otop:10:1"},
  {"op":{"kind":"veth.add","ns":"spread","a":{"ns":"spread","name":"c.eth1","index":16635193,"mtu":1450,"master":"lan"},"b":{"ns":"spread.c","name":"eth1","mtu":1450}},"origin":"test/golden/cases/spread.otop:25:3"},
  {"op":{"kind":"link.nolinklocal","ns":"spread","dev":"c.eth1"},"origin":"test/golden/cases/spread.otop:25:3"},
  {"op":{"kind":"veth.add","ns":"spread","a":{"ns":"spread","name":"d.eth1","index":959747,"mtu":1450,"master":"lan"},"b":{"ns":"spread.d","name":"eth1","mtu":1450}},"origin":"test/golden/cases/spread.otop:32:19"},
  {"op":{"kind":"link.nolinklocal","ns":"spread","dev":"d.eth1"},"origin":"test/golden/cases/spread.otop:32:19"},
  {"op":{"kind":"link.master","ns":"spread","dev":"vxlan.1","master":"lan"},"origin":"test/golden/cases/spread.otop:10:1"},
  {"op":{"kind":"vxlan.peer","ns":"spread","dev":"vxlan.1","remote":"198.51.100.1","underlay":{"machine":"alpha","address":"198.51.100.1","family":4,"size":1500}},"origin":"test/golden/cases/spread.otop:10:1"},
  {"op":{"kind":"vxlan.peer","ns":"spread","dev":"vxlan.1","remote":"198.51.100.2","underlay":{"machine":"beta","address":"198.51.100.2","family":4,"size":1500}},"origin":"test/golden/cases/spread.otop:10:1"},
  {"op":{"kind":"qdisc.add","ns":"spread.c","dev":"wan","parent":"root","handle":"1:","qdisc":{"kind":"tbf","rate":10000000,"burst":14640,"limit":1464000}},"origin":"test/golden/cases/spread.otop:15:30"},
  {"op":{"kind":"qdisc.add","ns":"spread.c","dev":"wan","parent":"1:1","handle":"10:","qdisc":{"kind":"netem","limit":1000,"delay":5000}},"origin":"test/golden/cases/spread.otop:15:30"},
  {"op":{"kind":"link.alias","ns":"spread.c","dev":"lo","alias":"opentop:spread:c"},"origin":"test/golden/cases/spread.otop:22:1"},
  {"op":{"kind":"link.up","ns":"spread.c","dev":"lo"},"origin":"test/golden/cases/spread.otop:22:1"},
  {"op":{"kind":"addr.add","ns":"spread.c","dev":"wan","cidr":"10.0.1.2/30","family":4},"origin":"test/golden/cases/spread.otop:24:7"},
  {"op":{"kind":"link.nolinklocal","ns":"spread.c","dev":"wan"},"origin":"test/golden/cases/spread.otop:24:3"},
  {"op":{"kind":"link.up","ns":"spread.c","dev":"wan"},"origin":"test/golden/cases/spread.otop:24:3"},
  {"op":{"kind":"addr.add","ns":"spread.c","dev":"eth1","cidr":"10.1.0.254/24","family":4},"origin":"test/golden/cases/spread.otop:25:15"},
  {"op":{"kind":"link.nolinklocal","ns":"spread.c","dev":"eth1"},"origin":"test/golden/cases/spread.otop:25:3"},
  {"op":{"kind":"link.up","ns":"spread.c","dev":"eth1"},"origin":"test/golden/cases/spread.otop:25:3"},
  {"op":{"kind":"link.alias","ns":"spread.d","dev":"lo","alias":"opentop:spread:d"},"origin":"test/golden/cases/spread.otop:32:1"},
  {"op":{"kind":"link.up","ns":"spread.d","dev":"lo"},"origin":"test/golden/cases/spread.otop:32:1"},
  {"op":{"kind":"addr.add","ns":"spread.d","dev":"eth1","cidr":"10.1.0.4/24","family":4},"origin":"test/golden/cases/spread.otop:32:31"},
  {"op":{"kind":"link.nolinklocal","ns":"spread.d","dev":"eth1"},"origin":"test/golden/cases/spread.otop:32:19"},
  {"op":{"kind":"link.up","ns":"spread.d","dev":"eth1"},"origin":"test/golden/cases/spread.otop:32:19"},
  {"op":{"kind":"link.alias","ns":"spread.e","dev":"lo","alias":"opentop:spread:e"},"origin":"test/golden/cases/spread.otop:33:1"},
  {"op":{"kind":"link.up","ns":"spread.e","dev":"lo"},"origin":"test/golden/cases/spread.otop:33:1"},
  {"op":{"kind":"addr.add","ns":"spread.e","dev":"eth0","cidr":"10.0.2.1/30","family":4},"origin":"test/golden/cases/spread.otop:33:34"},
  {"op":{"kind":"link.nolinklocal","ns":"spread.e","dev":"eth0"},"origin":"test/golden/cases/spread.otop:33:19"},
  {"op":{"kind":"link.up","ns":"spread.e","dev":"eth0"},"origin":"test/golden/cases/spread.otop:33:19"},
  {"op":{"kind":"link.alias","ns":"spread.f","dev":"lo","alias":"opentop:spread:f"},"origin":"test/golden/cases/spread.otop:34:1"},
  {"op":{"kind":"link.up","ns":"spread.f","dev":"lo"},"origin":"test/golden/cases/spread.otop:34:1"},
  {"op":{"kind":"addr.add","ns":"spread.f","dev":"eth0","cidr":"10.0.2.2/30","family":4},"origin":"test/golden/cases/spread.otop:34:24"},
  {"op":{"kind":"link.nolinklocal","ns":"spread.f","dev":"eth0"},"origin":"test/golden/cases/spread.otop:34:19"},
  {"op":{"kind":"link.up","ns":"spread.f","dev":"eth0"},"origin":"test/golden/cases/spread.otop:34:19"}
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