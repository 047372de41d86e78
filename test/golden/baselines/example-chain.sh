#!/bin/sh
# Lab chain: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/chain.otop
#   sha256    817067dfef095cc34aafed42b55698bf9608c1b99c778229788ca50c852319b7
#   requires  ip nsenter sysctl unshare mkdir ln readlink rm mv date touch find cat
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
LAB='chain'
SELF=${0##*/}
RUN_DIR=${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP='ip nsenter sysctl unshare mkdir ln readlink rm mv date touch find cat'
NEED_DOWN='ip nsenter mkdir ln readlink rm find'
NEED_STATUS='ip nsenter'
NEED_TEST=''
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=6
KIB_PER_NAMESPACE=320
SUMMARY='6 nodes, 0 switches, 5 links (81 operations)'
HELP='
Lab chain: 6 nodes, 0 switches, 5 links (81 operations).
  up      create it (needs root and ip, nsenter, sysctl, unshare, mkdir, ln, readlink, rm, mv, date, touch, find, cat)
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
  # create network namespace chain.r1  (examples/chain.otop:15:3)
  # create network namespace chain.r2  (examples/chain.otop:15:3)
  # create network namespace chain.r3  (examples/chain.otop:15:3)
  # create network namespace chain.r4  (examples/chain.otop:15:3)
  # create network namespace chain.a  (examples/chain.otop:29:1)
  # create network namespace chain.b  (examples/chain.otop:30:1)
  tool_step '1/12, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add chain.r1
netns add chain.r2
netns add chain.r3
netns add chain.r4
netns add chain.a
netns add chain.b
EOF
  # == stage 2 of 4: namespace sysctls (its 4 steps side by side)
  up_2() {
    # set net.ipv4.ip_forward = 1 in chain.r1  (examples/chain.otop:16:5)
    # set net.ipv6.conf.all.forwarding = 1 in chain.r1  (examples/chain.otop:16:5)
    # set net.ipv6.conf.default.accept_dad = 0 in chain.r1  (examples/chain.otop:16:5)
    tool_step '2/12, namespace sysctls, in node r1 (chain.r1)' nsenter --net=/run/netns/chain.r1 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_3() {
    # set net.ipv4.ip_forward = 1 in chain.r2  (examples/chain.otop:16:5)
    # set net.ipv6.conf.all.forwarding = 1 in chain.r2  (examples/chain.otop:16:5)
    # set net.ipv6.conf.default.accept_dad = 0 in chain.r2  (examples/chain.otop:16:5)
    tool_step '3/12, namespace sysctls, in node r2 (chain.r2)' nsenter --net=/run/netns/chain.r2 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_4() {
    # set net.ipv4.ip_forward = 1 in chain.r3  (examples/chain.otop:16:5)
    # set net.ipv6.conf.all.forwarding = 1 in chain.r3  (examples/chain.otop:16:5)
    # set net.ipv6.conf.default.accept_dad = 0 in chain.r3  (examples/chain.otop:16:5)
    tool_step '4/12, namespace sysctls, in node r3 (chain.r3)' nsenter --net=/run/netns/chain.r3 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_5() {
    # set net.ipv4.ip_forward = 1 in chain.r4  (examples/chain.otop:16:5)
    # set net.ipv6.conf.all.forwarding = 1 in chain.r4  (examples/chain.otop:16:5)
    # set net.ipv6.conf.default.accept_dad = 0 in chain.r4  (examples/chain.otop:16:5)
    tool_step '5/12, namespace sysctls, in node r4 (chain.r4)' nsenter --net=/run/netns/chain.r4 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  at_once 2 5 || return 1
  # == stage 3 of 4: links
  # create veth pair right (chain.r1) — left (chain.r2)  (examples/chain.otop:26:3)
  # create veth pair right (chain.r2) — left (chain.r3)  (examples/chain.otop:26:3)
  # create veth pair right (chain.r3) — left (chain.r4)  (examples/chain.otop:26:3)
  # create veth pair right (chain.r4) — eth0 (chain.b)  (examples/chain.otop:32:1)
  # create veth pair eth0 (chain.a) — left (chain.r1)  (examples/chain.otop:31:1)
  tool_step '6/12, links, on the host' ip -batch - <<'EOF' || return 1
link add name right index 6399116 netns chain.r1 type veth peer name left netns chain.r2
link add name right index 16107059 netns chain.r2 type veth peer name left netns chain.r3
link add name right index 2518798 netns chain.r3 type veth peer name left netns chain.r4
link add name right index 5956747 netns chain.r4 type veth peer name eth0 netns chain.b
link add name eth0 index 2041691 netns chain.a type veth peer name left netns chain.r1
EOF
  # == stage 4 of 4: addresses and routes (its 6 steps side by side)
  up_7() {
    # mark lo in chain.r1 as opentop:chain:r1  (examples/chain.otop:15:3)
    # bring lo up in chain.r1  (examples/chain.otop:15:3)
    # add 10.255.0.2/31 to right in chain.r1  (examples/chain.otop:26:19)
    # add fd00:ff::2/127 to right in chain.r1  (examples/chain.otop:26:32)
    # bring right up in chain.r1  (examples/chain.otop:26:3)
    # add 10.1.0.1/24 to left in chain.r1  (examples/chain.otop:31:51)
    # add fd00:1::1/64 to left in chain.r1  (examples/chain.otop:31:63)
    # bring left up in chain.r1  (examples/chain.otop:31:43)
    # route 10.2.0.0/24 via 10.255.0.3 in chain.r1  (examples/chain.otop:18:16)
    # route fd00:2::/64 via fd00:ff::3 in chain.r1  (examples/chain.otop:18:65)
    tool_step '7/12, addresses and routes, in node r1 (chain.r1)' nsenter --net=/run/netns/chain.r1 -- ip -batch - <<'EOF'
link set dev lo alias opentop:chain:r1
link set dev lo up
addr add 10.255.0.2/31 dev right
addr add fd00:ff::2/127 dev right nodad
link set dev right up
addr add 10.1.0.1/24 dev left
addr add fd00:1::1/64 dev left nodad
link set dev left up
route add 10.2.0.0/24 via 10.255.0.3
route add fd00:2::/64 via fd00:ff::3
EOF
  }
  up_8() {
    # mark lo in chain.r2 as opentop:chain:r2  (examples/chain.otop:15:3)
    # bring lo up in chain.r2  (examples/chain.otop:15:3)
    # add 10.255.0.3/31 to left in chain.r2  (examples/chain.otop:26:63)
    # add fd00:ff::3/127 to left in chain.r2  (examples/chain.otop:26:76)
    # bring left up in chain.r2  (examples/chain.otop:26:49)
    # add 10.255.0.4/31 to right in chain.r2  (examples/chain.otop:26:19)
    # add fd00:ff::4/127 to right in chain.r2  (examples/chain.otop:26:32)
    # bring right up in chain.r2  (examples/chain.otop:26:3)
    # route 10.1.0.0/24 via 10.255.0.2 in chain.r2  (examples/chain.otop:17:16)
    # route fd00:1::/64 via fd00:ff::2 in chain.r2  (examples/chain.otop:17:69)
    # route 10.2.0.0/24 via 10.255.0.5 in chain.r2  (examples/chain.otop:18:16)
    # route fd00:2::/64 via fd00:ff::5 in chain.r2  (examples/chain.otop:18:65)
    tool_step '8/12, addresses and routes, in node r2 (chain.r2)' nsenter --net=/run/netns/chain.r2 -- ip -batch - <<'EOF'
link set dev lo alias opentop:chain:r2
link set dev lo up
addr add 10.255.0.3/31 dev left
addr add fd00:ff::3/127 dev left nodad
link set dev left up
addr add 10.255.0.4/31 dev right
addr add fd00:ff::4/127 dev right nodad
link set dev right up
route add 10.1.0.0/24 via 10.255.0.2
route add fd00:1::/64 via fd00:ff::2
route add 10.2.0.0/24 via 10.255.0.5
route add fd00:2::/64 via fd00:ff::5
EOF
  }
  up_9() {
    # mark lo in chain.r3 as opentop:chain:r3  (examples/chain.otop:15:3)
    # bring lo up in chain.r3  (examples/chain.otop:15:3)
    # add 10.255.0.5/31 to left in chain.r3  (examples/chain.otop:26:63)
    # add fd00:ff::5/127 to left in chain.r3  (examples/chain.otop:26:76)
    # bring left up in chain.r3  (examples/chain.otop:26:49)
    # add 10.255.0.6/31 to right in chain.r3  (examples/chain.otop:26:19)
    # add fd00:ff::6/127 to right in chain.r3  (examples/chain.otop:26:32)
    # bring right up in chain.r3  (examples/chain.otop:26:3)
    # route 10.1.0.0/24 via 10.255.0.4 in chain.r3  (examples/chain.otop:17:16)
    # route fd00:1::/64 via fd00:ff::4 in chain.r3  (examples/chain.otop:17:69)
    # route 10.2.0.0/24 via 10.255.0.7 in chain.r3  (examples/chain.otop:18:16)
    # route fd00:2::/64 via fd00:ff::7 in chain.r3  (examples/chain.otop:18:65)
    tool_step '9/12, addresses and routes, in node r3 (chain.r3)' nsenter --net=/run/netns/chain.r3 -- ip -batch - <<'EOF'
link set dev lo alias opentop:chain:r3
link set dev lo up
addr add 10.255.0.5/31 dev left
addr add fd00:ff::5/127 dev left nodad
link set dev left up
addr add 10.255.0.6/31 dev right
addr add fd00:ff::6/127 dev right nodad
link set dev right up
route add 10.1.0.0/24 via 10.255.0.4
route add fd00:1::/64 via fd00:ff::4
route add 10.2.0.0/24 via 10.255.0.7
route add fd00:2::/64 via fd00:ff::7
EOF
  }
  up_10() {
    # mark lo in chain.r4 as opentop:chain:r4  (examples/chain.otop:15:3)
    # bring lo up in chain.r4  (examples/chain.otop:15:3)
    # add 10.255.0.7/31 to left in chain.r4  (examples/chain.otop:26:63)
    # add fd00:ff::7/127 to left in chain.r4  (examples/chain.otop:26:76)
    # bring left up in chain.r4  (examples/chain.otop:26:49)
    # add 10.2.0.1/24 to right in chain.r4  (examples/chain.otop:32:17)
    # add fd00:2::1/64 to right in chain.r4  (examples/chain.otop:32:29)
    # bring right up in chain.r4  (examples/chain.otop:32:1)
    # route 10.1.0.0/24 via 10.255.0.6 in chain.r4  (examples/chain.otop:17:16)
    # route fd00:1::/64 via fd00:ff::6 in chain.r4  (examples/chain.otop:17:69)
    tool_step '10/12, addresses and routes, in node r4 (chain.r4)' nsenter --net=/run/netns/chain.r4 -- ip -batch - <<'EOF'
link set dev lo alias opentop:chain:r4
link set dev lo up
addr add 10.255.0.7/31 dev left
addr add fd00:ff::7/127 dev left nodad
link set dev left up
addr add 10.2.0.1/24 dev right
addr add fd00:2::1/64 dev right nodad
link set dev right up
route add 10.1.0.0/24 via 10.255.0.6
route add fd00:1::/64 via fd00:ff::6
EOF
  }
  up_11() {
    # mark lo in chain.a as opentop:chain:a  (examples/chain.otop:29:1)
    # bring lo up in chain.a  (examples/chain.otop:29:1)
    # add 10.1.0.10/24 to eth0 in chain.a  (examples/chain.otop:31:13)
    # add fd00:1::10/64 to eth0 in chain.a  (examples/chain.otop:31:26)
    # bring eth0 up in chain.a  (examples/chain.otop:31:1)
    # route 0.0.0.0/0 via 10.1.0.1 in chain.a  (examples/chain.otop:29:10)
    # route ::/0 via fd00:1::1 in chain.a  (examples/chain.otop:29:38)
    tool_step '11/12, addresses and routes, in node a (chain.a)' nsenter --net=/run/netns/chain.a -- ip -batch - <<'EOF'
link set dev lo alias opentop:chain:a
link set dev lo up
addr add 10.1.0.10/24 dev eth0
addr add fd00:1::10/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.1.0.1
route add ::/0 via fd00:1::1
EOF
  }
  up_12() {
    # mark lo in chain.b as opentop:chain:b  (examples/chain.otop:30:1)
    # bring lo up in chain.b  (examples/chain.otop:30:1)
    # add 10.2.0.10/24 to eth0 in chain.b  (examples/chain.otop:32:52)
    # add fd00:2::10/64 to eth0 in chain.b  (examples/chain.otop:32:65)
    # bring eth0 up in chain.b  (examples/chain.otop:32:45)
    # route 0.0.0.0/0 via 10.2.0.1 in chain.b  (examples/chain.otop:30:10)
    # route ::/0 via fd00:2::1 in chain.b  (examples/chain.otop:30:38)
    tool_step '12/12, addresses and routes, in node b (chain.b)' nsenter --net=/run/netns/chain.b -- ip -batch - <<'EOF'
link set dev lo alias opentop:chain:b
link set dev lo up
addr add 10.2.0.10/24 dev eth0
addr add fd00:2::10/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.2.0.1
route add ::/0 via fd00:2::1
EOF
  }
  at_once 7 12 || return 1
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
  # delete network namespace chain.b and everything in it
  if ns_ours chain.b opentop:chain:b; then owned=$((owned + 1)); queue 'netns del chain.b'; fi
  # delete network namespace chain.a and everything in it
  if ns_ours chain.a opentop:chain:a; then owned=$((owned + 1)); queue 'netns del chain.a'; fi
  # delete network namespace chain.r4 and everything in it
  if ns_ours chain.r4 opentop:chain:r4; then owned=$((owned + 1)); queue 'netns del chain.r4'; fi
  # delete network namespace chain.r3 and everything in it
  if ns_ours chain.r3 opentop:chain:r3; then owned=$((owned + 1)); queue 'netns del chain.r3'; fi
  # delete network namespace chain.r2 and everything in it
  if ns_ours chain.r2 opentop:chain:r2; then owned=$((owned + 1)); queue 'netns del chain.r2'; fi
  # delete network namespace chain.r1 and everything in it
  if ns_ours chain.r1 opentop:chain:r1; then owned=$((owned + 1)); queue 'netns del chain.r1'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/chain.r1 ]; then left="$left"'  netns chain.r1'"$NL"; fi
  if [ -e /run/netns/chain.r2 ]; then left="$left"'  netns chain.r2'"$NL"; fi
  if [ -e /run/netns/chain.r3 ]; then left="$left"'  netns chain.r3'"$NL"; fi
  if [ -e /run/netns/chain.r4 ]; then left="$left"'  netns chain.r4'"$NL"; fi
  if [ -e /run/netns/chain.a ]; then left="$left"'  netns chain.a'"$NL"; fi
  if [ -e /run/netns/chain.b ]; then left="$left"'  netns chain.b'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/chain.r1 && found=0
  taken_netns /run/netns/chain.r2 && found=0
  taken_netns /run/netns/chain.r3 && found=0
  taken_netns /run/netns/chain.r4 && found=0
  taken_netns /run/netns/chain.a && found=0
  taken_netns /run/netns/chain.b && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/chain.otop:26:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/chain.otop:32:1)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/chain.otop:31:1)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:chain.r1 2:chain.r2 3:chain.r3 4:chain.r4 5:chain.a 6:chain.b
)

ns_1() { look 'node r1 (chain.r1)' chain.r1 links_1 1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 1 ]; then
    want_addr right 10.255.0.2/31
    want_addr right fd00:ff::2/127
  else
    drift missing 'interface right'
  fi
  if [ "${seen_3-}" = 1 ]; then
    want_addr left 10.1.0.1/24
    want_addr left fd00:1::1/64
  else
    drift missing 'interface left'
  fi
  [ "${rseen_1-}" = 1 ] || drift missing 'route 10.2.0.0/24 via 10.255.0.3'
  [ "${rseen_2-}" = 1 ] || drift missing 'route fd00:2::/64 via fd00:ff::3'
  extras
}

# links_1 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_1() {
  case $1 in
    lo) seen_1=1; want_link up ;;
    right) seen_2=1; want_link up ;;
    left) seen_3=1; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_1: marks the plan's routes that this route of the kernel is; false if none.
routes_1() {
  is=1
  case $r_dest in
    10.2.0.0/24)
      ! route_is '' 10.255.0.3 '' || { rseen_1=1; is=0; }
      ;;
    fd00:2::/64)
      ! route_is '' fd00:ff::3 '' || { rseen_2=1; is=0; }
      ;;
  esac
  return $is
}

ns_2() { look 'node r2 (chain.r2)' chain.r2 links_2 1; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr left 10.255.0.3/31
    want_addr left fd00:ff::3/127
  else
    drift missing 'interface left'
  fi
  if [ "${seen_3-}" = 2 ]; then
    want_addr right 10.255.0.4/31
    want_addr right fd00:ff::4/127
  else
    drift missing 'interface right'
  fi
  [ "${rseen_1-}" = 2 ] || drift missing 'route 10.1.0.0/24 via 10.255.0.2'
  [ "${rseen_2-}" = 2 ] || drift missing 'route fd00:1::/64 via fd00:ff::2'
  [ "${rseen_3-}" = 2 ] || drift missing 'route 10.2.0.0/24 via 10.255.0.5'
  [ "${rseen_4-}" = 2 ] || drift missing 'route fd00:2::/64 via fd00:ff::5'
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    left) seen_2=2; want_link up ;;
    right) seen_3=2; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_2: marks the plan's routes that this route of the kernel is; false if none.
routes_2() {
  is=1
  case $r_dest in
    10.1.0.0/24)
      ! route_is '' 10.255.0.2 '' || { rseen_1=2; is=0; }
      ;;
    fd00:1::/64)
      ! route_is '' fd00:ff::2 '' || { rseen_2=2; is=0; }
      ;;
    10.2.0.0/24)
      ! route_is '' 10.255.0.5 '' || { rseen_3=2; is=0; }
      ;;
    fd00:2::/64)
      ! route_is '' fd00:ff::5 '' || { rseen_4=2; is=0; }
      ;;
  esac
  return $is
}

ns_3() { look 'node r3 (chain.r3)' chain.r3 links_3 1; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr left 10.255.0.5/31
    want_addr left fd00:ff::5/127
  else
    drift missing 'interface left'
  fi
  if [ "${seen_3-}" = 3 ]; then
    want_addr right 10.255.0.6/31
    want_addr right fd00:ff::6/127
  else
    drift missing 'interface right'
  fi
  [ "${rseen_1-}" = 3 ] || drift missing 'route 10.1.0.0/24 via 10.255.0.4'
  [ "${rseen_2-}" = 3 ] || drift missing 'route fd00:1::/64 via fd00:ff::4'
  [ "${rseen_3-}" = 3 ] || drift missing 'route 10.2.0.0/24 via 10.255.0.7'
  [ "${rseen_4-}" = 3 ] || drift missing 'route fd00:2::/64 via fd00:ff::7'
  extras
}

# links_3 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_3() {
  case $1 in
    lo) seen_1=3; want_link up ;;
    left) seen_2=3; want_link up ;;
    right) seen_3=3; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_3: marks the plan's routes that this route of the kernel is; false if none.
routes_3() {
  is=1
  case $r_dest in
    10.1.0.0/24)
      ! route_is '' 10.255.0.4 '' || { rseen_1=3; is=0; }
      ;;
    fd00:1::/64)
      ! route_is '' fd00:ff::4 '' || { rseen_2=3; is=0; }
      ;;
    10.2.0.0/24)
      ! route_is '' 10.255.0.7 '' || { rseen_3=3; is=0; }
      ;;
    fd00:2::/64)
      ! route_is '' fd00:ff::7 '' || { rseen_4=3; is=0; }
      ;;
  esac
  return $is
}

ns_4() { look 'node r4 (chain.r4)' chain.r4 links_4 1; }
end_4() {
  [ "${seen_1-}" = 4 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 4 ]; then
    want_addr left 10.255.0.7/31
    want_addr left fd00:ff::7/127
  else
    drift missing 'interface left'
  fi
  if [ "${seen_3-}" = 4 ]; then
    want_addr right 10.2.0.1/24
    want_addr right fd00:2::1/64
  else
    drift missing 'interface right'
  fi
  [ "${rseen_1-}" = 4 ] || drift missing 'route 10.1.0.0/24 via 10.255.0.6'
  [ "${rseen_2-}" = 4 ] || drift missing 'route fd00:1::/64 via fd00:ff::6'
  extras
}

# links_4 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_4() {
  case $1 in
    lo) seen_1=4; want_link up ;;
    left) seen_2=4; want_link up ;;
    right) seen_3=4; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_4: marks the plan's routes that this route of the kernel is; false if none.
routes_4() {
  is=1
  case $r_dest in
    10.1.0.0/24)
      ! route_is '' 10.255.0.6 '' || { rseen_1=4; is=0; }
      ;;
    fd00:1::/64)
      ! route_is '' fd00:ff::6 '' || { rseen_2=4; is=0; }
      ;;
  esac
  return $is
}

ns_5() { look 'node a (chain.a)' chain.a links_5 1; }
end_5() {
  [ "${seen_1-}" = 5 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 5 ]; then
    want_addr eth0 10.1.0.10/24
    want_addr eth0 fd00:1::10/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 5 ] || drift missing 'route 0.0.0.0/0 via 10.1.0.1'
  [ "${rseen_2-}" = 5 ] || drift missing 'route ::/0 via fd00:1::1'
  extras
}

# links_5 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_5() {
  case $1 in
    lo) seen_1=5; want_link up ;;
    eth0) seen_2=5; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_5: marks the plan's routes that this route of the kernel is; false if none.
routes_5() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.1.0.1 '' || { rseen_1=5; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:1::1 '' || { rseen_2=5; is=0; }
      ;;
  esac
  return $is
}

ns_6() { look 'node b (chain.b)' chain.b links_6 1; }
end_6() {
  [ "${seen_1-}" = 6 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 6 ]; then
    want_addr eth0 10.2.0.10/24
    want_addr eth0 fd00:2::10/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 6 ] || drift missing 'route 0.0.0.0/0 via 10.2.0.1'
  [ "${rseen_2-}" = 6 ] || drift missing 'route ::/0 via fd00:2::1'
  extras
}

# links_6 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_6() {
  case $1 in
    lo) seen_1=6; want_link up ;;
    eth0) seen_2=6; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_6: marks the plan's routes that this route of the kernel is; false if none.
routes_6() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.2.0.1 '' || { rseen_1=6; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:2::1 '' || { rseen_2=6; is=0; }
      ;;
  esac
  return $is
}

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    r1) enter nsenter --net=/run/netns/chain.r1 -- "$@" ;;
    r2) enter nsenter --net=/run/netns/chain.r2 -- "$@" ;;
    r3) enter nsenter --net=/run/netns/chain.r3 -- "$@" ;;
    r4) enter nsenter --net=/run/netns/chain.r4 -- "$@" ;;
    a) enter nsenter --net=/run/netns/chain.a -- "$@" ;;
    b) enter nsenter --net=/run/netns/chain.b -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are r1, r2, r3, r4, a, b'
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
  printf '%s\n' '# lab chain: up, 81 operations in 12 processes

# stage 1: namespaces
ip -batch -
    netns add chain.r1  # examples/chain.otop:15:3
    netns add chain.r2  # examples/chain.otop:15:3
    netns add chain.r3  # examples/chain.otop:15:3
    netns add chain.r4  # examples/chain.otop:15:3
    netns add chain.a   # examples/chain.otop:29:1
    netns add chain.b   # examples/chain.otop:30:1

# stage 2: namespace sysctls (steps run concurrently)
nsenter --net=/run/netns/chain.r1 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/chain.otop:16:5
    net.ipv6.conf.all.forwarding=1      # examples/chain.otop:16:5
    net.ipv6.conf.default.accept_dad=0  # examples/chain.otop:16:5
nsenter --net=/run/netns/chain.r2 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/chain.otop:16:5
    net.ipv6.conf.all.forwarding=1      # examples/chain.otop:16:5
    net.ipv6.conf.default.accept_dad=0  # examples/chain.otop:16:5
nsenter --net=/run/netns/chain.r3 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/chain.otop:16:5
    net.ipv6.conf.all.forwarding=1      # examples/chain.otop:16:5
    net.ipv6.conf.default.accept_dad=0  # examples/chain.otop:16:5
nsenter --net=/run/netns/chain.r4 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/chain.otop:16:5
    net.ipv6.conf.all.forwarding=1      # examples/chain.otop:16:5
    net.ipv6.conf.default.accept_dad=0  # examples/chain.otop:16:5

# stage 3: links
ip -batch -
    link add name right index 6399116 netns chain.r1 type veth peer name left netns chain.r2   # examples/chain.otop:26:3
    link add name right index 16107059 netns chain.r2 type veth peer name left netns chain.r3  # examples/chain.otop:26:3
    link add name right index 2518798 netns chain.r3 type veth peer name left netns chain.r4   # examples/chain.otop:26:3
    link add name right index 5956747 netns chain.r4 type veth peer name eth0 netns chain.b    # examples/chain.otop:32:1
    link add name eth0 index 2041691 netns chain.a type veth peer name left netns chain.r1     # examples/chain.otop:31:1

# stage 4: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/chain.r1 -- ip -batch -
    link set dev lo alias opentop:chain:r1   # examples/chain.otop:15:3
    link set dev lo up                       # examples/chain.otop:15:3
    addr add 10.255.0.2/31 dev right         # examples/chain.otop:26:19
    addr add fd00:ff::2/127 dev right nodad  # examples/chain.otop:26:32
    link set dev right up                    # examples/chain.otop:26:3
    addr add 10.1.0.1/24 dev left            # examples/chain.otop:31:51
    addr add fd00:1::1/64 dev left nodad     # examples/chain.otop:31:63
    link set dev left up                     # examples/chain.otop:31:43
    route add 10.2.0.0/24 via 10.255.0.3     # examples/chain.otop:18:16
    route add fd00:2::/64 via fd00:ff::3     # examples/chain.otop:18:65
nsenter --net=/run/netns/chain.r2 -- ip -batch -
    link set dev lo alias opentop:chain:r2   # examples/chain.otop:15:3
    link set dev lo up                       # examples/chain.otop:15:3
    addr add 10.255.0.3/31 dev left          # examples/chain.otop:26:63
    addr add fd00:ff::3/127 dev left nodad   # examples/chain.otop:26:76
    link set dev left up                     # examples/chain.otop:26:49
    addr add 10.255.0.4/31 dev right         # examples/chain.otop:26:19
    addr add fd00:ff::4/127 dev right nodad  # examples/chain.otop:26:32
    link set dev right up                    # examples/chain.otop:26:3
    route add 10.1.0.0/24 via 10.255.0.2     # examples/chain.otop:17:16
    route add fd00:1::/64 via fd00:ff::2     # examples/chain.otop:17:69
    route add 10.2.0.0/24 via 10.255.0.5     # examples/chain.otop:18:16
    route add fd00:2::/64 via fd00:ff::5     # examples/chain.otop:18:65
nsenter --net=/run/netns/chain.r3 -- ip -batch -
    link set dev lo alias opentop:chain:r3   # examples/chain.otop:15:3
    link set dev lo up                       # examples/chain.otop:15:3
    addr add 10.255.0.5/31 dev left          # examples/chain.otop:26:63
    addr add fd00:ff::5/127 dev left nodad   # examples/chain.otop:26:76
    link set dev left up                     # examples/chain.otop:26:49
    addr add 10.255.0.6/31 dev right         # examples/chain.otop:26:19
    addr add fd00:ff::6/127 dev right nodad  # examples/chain.otop:26:32
    link set dev right up                    # examples/chain.otop:26:3
    route add 10.1.0.0/24 via 10.255.0.4     # examples/chain.otop:17:16
    route add fd00:1::/64 via fd00:ff::4     # examples/chain.otop:17:69
    route add 10.2.0.0/24 via 10.255.0.7     # examples/chain.otop:18:16
    route add fd00:2::/64 via fd00:ff::7     # examples/chain.otop:18:65
nsenter --net=/run/netns/chain.r4 -- ip -batch -
    link set dev lo alias opentop:chain:r4  # examples/chain.otop:15:3
    link set dev lo up                      # examples/chain.otop:15:3
    addr add 10.255.0.7/31 dev left         # examples/chain.otop:26:63
    addr add fd00:ff::7/127 dev left nodad  # examples/chain.otop:26:76
    link set dev left up                    # examples/chain.otop:26:49
    addr add 10.2.0.1/24 dev right          # examples/chain.otop:32:17
    addr add fd00:2::1/64 dev right nodad   # examples/chain.otop:32:29
    link set dev right up                   # examples/chain.otop:32:1
    route add 10.1.0.0/24 via 10.255.0.6    # examples/chain.otop:17:16
    route add fd00:1::/64 via fd00:ff::6    # examples/chain.otop:17:69
nsenter --net=/run/netns/chain.a -- ip -batch -
    link set dev lo alias opentop:chain:a  # examples/chain.otop:29:1
    link set dev lo up                     # examples/chain.otop:29:1
    addr add 10.1.0.10/24 dev eth0         # examples/chain.otop:31:13
    addr add fd00:1::10/64 dev eth0 nodad  # examples/chain.otop:31:26
    link set dev eth0 up                   # examples/chain.otop:31:1
    route add 0.0.0.0/0 via 10.1.0.1       # examples/chain.otop:29:10
    route add ::/0 via fd00:1::1           # examples/chain.otop:29:38
nsenter --net=/run/netns/chain.b -- ip -batch -
    link set dev lo alias opentop:chain:b  # examples/chain.otop:30:1
    link set dev lo up                     # examples/chain.otop:30:1
    addr add 10.2.0.10/24 dev eth0         # examples/chain.otop:32:52
    addr add fd00:2::10/64 dev eth0 nodad  # examples/chain.otop:32:65
    link set dev eth0 up                   # examples/chain.otop:32:45
    route add 0.0.0.0/0 via 10.2.0.1       # examples/chain.otop:30:10
    route add ::/0 via fd00:2::1           # examples/chain.otop:30:38'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "chain",
 "file": "/ROOT/examples/chain.otop",
 "hash": "817067dfef095cc34aafed42b55698bf9608c1b99c778229788ca50c852319b7",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["r1","r2","r3","r4","a","b"],
 "switches": [],
 "plan": "dd9f6026d975219f2774b6843148fcf27c93047ee425ce99db476390362b2211",
 "owned": [
  {"kind":"netns","name":"chain.r1","node":"r1"},
  {"kind":"netns","name":"chain.r2","node":"r2"},
  {"kind":"netns","name":"chain.r3","node":"r3"},
  {"kind":"netns","name":"chain.r4","node":"r4"},
  {"kind":"netns","name":"chain.a","node":"a"},
  {"kind":"netns","name":"chain.b","node":"b"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"chain.r1","node":"r1"},"origin":"examples/chain.otop:15:3"},
  {"op":{"kind":"netns.add","name":"chain.r2","node":"r2"},"origin":"examples/chain.otop:15:3"},
  {"op":{"kind":"netns.add","name":"chain.r3","node":"r3"},"origin":"examples/chain.otop:15:3"},
  {"op":{"kind":"netns.add","name":"chain.r4","node":"r4"},"origin":"examples/chain.otop:15:3"},
  {"op":{"kind":"netns.add","name":"chain.a","node":"a"},"origin":"examples/chain.otop:29:1"},
  {"op":{"kind":"netns.add","name":"chain.b","node":"b"},"origin":"examples/chain.otop:30:1"},
  {"op":{"kind":"sysctl.set","ns":"chain.r1","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/chain.otop:16:5"},
  {"op":{"kind":"sysctl.set","ns":"chain.r1","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/chain.otop:16:5"},
  {"op":{"kind":"sysctl.set","ns":"chain.r1","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/chain.otop:16:5"},
  {"op":{"kind":"sysctl.set","ns":"chain.r2","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/chain.otop:16:5"},
  {"op":{"kind":"sysctl.set","ns":"chain.r2","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/chain.otop:16:5"},
  {"op":{"kind":"sysctl.set","ns":"chain.r2","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/chain.otop:16:5"},
  {"op":{"kind":"sysctl.set","ns":"chain.r3","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/chain.otop:16:5"},
  {"op":{"kind":"sysctl.set","ns":"chain.r3","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/chain.otop:16:5"},
  {"op":{"kind":"sysctl.set","ns":"chain.r3","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/chain.otop:16:5"},
  {"op":{"kind":"sysctl.set","ns":"chain.r4","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/chain.otop:16:5"},
  {"op":{"kind":"sysctl.set","ns":"chain.r4","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/chain.otop:16:5"},
  {"op":{"kind":"sysctl.set","ns":"chain.r4","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/chain.otop:16:5"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"chain.r1","name":"right","index":6399116},"b":{"ns":"chain.r2","name":"left"}},"origin":"examples/chain.otop:26:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"chain.r2","name":"right","index":16107059},"b":{"ns":"chain.r3","name":"left"}},"origin":"examples/chain.otop:26:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"chain.r3","name":"right","index":2518798},"b":{"ns":"chain.r4","name":"left"}},"origin":"examples/chain.otop:26:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"chain.r4","name":"right","index":5956747},"b":{"ns":"chain.b","name":"eth0"}},"origin":"examples/chain.otop:32:1"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"chain.a","name":"eth0","index":2041691},"b":{"ns":"chain.r1","name":"left"}},"origin":"examples/chain.otop:31:1"},
  {"op":{"kind":"link.alias","ns":"chain.r1","dev":"lo","alias":"opentop:chain:r1"},"origin":"examples/chain.otop:15:3"},
  {"op":{"kind":"link.up","ns":"chain.r1","dev":"lo"},"origin":"examples/chain.otop:15:3"},
  {"op":{"kind":"addr.add","ns":"chain.r1","dev":"right","cidr":"10.255.0.2/31","family":4},"origin":"examples/chain.otop:26:19"},
  {"op":{"kind":"addr.add","ns":"chain.r1","dev":"right","cidr":"fd00:ff::2/127","family":6},"origin":"examples/chain.otop:26:32"},
  {"op":{"kind":"link.up","ns":"chain.r1","dev":"right"},"origin":"examples/chain.otop:26:3"},
  {"op":{"kind":"addr.add","ns":"chain.r1","dev":"left","cidr":"10.1.0.1/24","family":4},"origin":"examples/chain.otop:31:51"},
  {"op":{"kind":"addr.add","ns":"chain.r1","dev":"left","cidr":"fd00:1::1/64","family":6},"origin":"examples/chain.otop:31:63"},
  {"op":{"kind":"link.up","ns":"chain.r1","dev":"left"},"origin":"examples/chain.otop:31:43"},
  {"op":{"kind":"route.add","ns":"chain.r1","family":4,"destination":"10.2.0.0/24","via":"10.255.0.3"},"origin":"examples/chain.otop:18:16"},
  {"op":{"kind":"route.add","ns":"chain.r1","family":6,"destination":"fd00:2::/64","via":"fd00:ff::3"},"origin":"examples/chain.otop:18:65"},
  {"op":{"kind":"link.alias","ns":"chain.r2","dev":"lo","alias":"opentop:chain:r2"},"origin":"examples/chain.otop:15:3"},
  {"op":{"kind":"link.up","ns":"chain.r2","dev":"lo"},"origin":"examples/chain.otop:15:3"},
  {"op":{"kind":"addr.add","ns":"chain.r2","dev":"left","cidr":"10.255.0.3/31","family":4},"origin":"examples/chain.otop:26:63"},
  {"op":{"kind":"addr.add","ns":"chain.r2","dev":"left","cidr":"fd00:ff::3/127","family":6},"origin":"examples/chain.otop:26:76"},
  {"op":{"kind":"link.up","ns":"chain.r2","dev":"left"},"origin":"examples/chain.otop:26:49"},
  {"op":{"kind":"addr.add","ns":"chain.r2","dev":"right","cidr":"10.255.0.4/31","family":4},"origin":"examples/chain.otop:26:19"},
  {"op":{"kind":"addr.add","ns":"chain.r2","dev":"right","cidr":"fd00:ff::4/127","family":6},"origin":"examples/chain.otop:26:32"},
  {"op":{"kind":"link.up","ns":"chain.r2","dev":"right"},"origin":"examples/chain.otop:26:3"},
  {"op":{"kind":"route.add","ns":"chain.r2","family":4,"destination":"10.1.0.0/24","via":"10.255.0.2"},"origin":"examples/chain.otop:17:16"},
  {"op":{"kind":"route.add","ns":"chain.r2","family":6,"destination":"fd00:1::/64","via":"fd00:ff::2"},"origin":"examples/chain.otop:17:69"},
  {"op":{"kind":"route.add","ns":"chain.r2","family":4,"destination":"10.2.0.0/24","via":"10.255.0.5"},"origin":"examples/chain.otop:18:16"},
  {"op":{"kind":"route.add","ns":"chain.r2","family":6,"destination":"fd00:2::/64","via":"fd00:ff::5"},"origin":"examples/chain.otop:18:65"},
  {"op":{"kind":"link.alias","ns":"chain.r3","dev":"lo","alias":"opentop:chain:r3"},"origin":"examples/chain.otop:15:3"},
  {"op":{"kind":"link.up","ns":"chain.r3","dev":"lo"},"origin":"examples/chain.otop:15:3"},
  {"op":{"kind":"addr.add","ns":"chain.r3","dev":"left","cidr":"10.255.0.5/31","family":4},"origin":"examples/chain.otop:26:63"},
  {"op":{"kind":"addr.add","ns":"chain.r3","dev":"left","cidr":"fd00:ff::5/127","family":6},"origin":"examples/chain.otop:26:76"},
  {"op":{"kind":"link.up","ns":"chain.r3","dev":"left"},"origin":"examples/chain.otop:26:49"},
  {"op":{"kind":"addr.add","ns":"chain.r3","dev":"right","cidr":"10.255.0.6/31","family":4},"origin":"examples/chain.otop:26:19"},
  {"op":{"kind":"addr.add","ns":"chain.r3","dev":"right","cidr":"fd00:ff::6/127","family":6},"origin":"examples/chain.otop:26:32"},
  {"op":{"kind":"link.up","ns":"chain.r3","dev":"right"},"origin":"examples/chain.otop:26:3"},
  {"op":{"kind":"route.add","ns":"chain.r3","family":4,"destination":"10.1.0.0/24","via":"10.255.0.4"},"origin":"examples/chain.otop:17:16"},
  {"op":{"kind":"route.add","ns":"chain.r3","family":6,"destination":"fd00:1::/64","via":"fd00:ff::4"},"origin":"examples/chain.otop:17:69"},
  {"op":{"kind":"route.add","ns":"chain.r3","family":4,"destination":"10.2.0.0/24","via":"10.255.0.7"},"origin":"examples/chain.otop:18:16"},
  {"op":{"kind":"route.add","ns":"chain.r3","family":6,"destination":"fd00:2::/64","via":"fd00:ff::7"},"origin":"examples/chain.otop:18:65"},
  {"op":{"kind":"link.alias","ns":"chain.r4","dev":"lo","alias":"opentop:chain:r4"},"origin":"examples/chain.otop:15:3"},
  {"op":{"kind":"link.up","ns":"chain.r4","dev":"lo"},"origin":"examples/chain.otop:15:3"},
  {"op":{"kind":"addr.add","ns":"chain.r4","dev":"left","cidr":"10.255.0.7/31","family":4},"origin":"examples/chain.otop:26:63"},
  {"op":{"kind":"addr.add","ns":"chain.r4","dev":"left","cidr":"fd00:ff::7/127","family":6},"origin":"examples/chain.otop:26:76"},
  {"op":{"kind":"link.up","ns":"chain.r4","dev":"left"},"origin":"examples/chain.otop:26:49"},
  {"op":{"kind":"addr.add","ns":"chain.r4","dev":"right","cidr":"10.2.0.1/24","family":4},"origin":"examples/chain.otop:32:17"},
  {"op":{"kind":"addr.add","ns":"chain.r4","dev":"right","cidr":"fd00:2::1/64","family":6},"origin":"examples/chain.otop:32:29"},
  {"op":{"kind":"link.up","ns":"chain.r4","dev":"right"},"origin":"examples/chain.otop:32:1"},
  {"op":{"kind":"route.add","ns":"chain.r4","family":4,"destination":"10.1.0.0/24","via":"10.255.0.6"},"origin":"examples/chain.otop:17:16"},
  {"op":{"kind":"route.add","ns":"chain.r4","family":6,"destination":"fd00:1::/64","via":"fd00:ff::6"},"origin":"examples/chain.otop:17:69"},
  {"op":{"kind":"link.alias","ns":"chain.a","dev":"lo","alias":"opentop:chain:a"},"origin":"examples/chain.otop:29:1"},
  {"op":{"kind":"link.up","ns":"chain.a","dev":"lo"},"origin":"examples/chain.otop:29:1"},
  {"op":{"kind":"addr.add","ns":"chain.a","dev":"eth0","cidr":"10.1.0.10/24","family":4},"origin":"examples/chain.otop:31:13"},
  {"op":{"kind":"addr.add","ns":"chain.a","dev":"eth0","cidr":"fd00:1::10/64","family":6},"origin":"examples/chain.otop:31:26"},
  {"op":{"kind":"link.up","ns":"chain.a","dev":"eth0"},"origin":"examples/chain.otop:31:1"},
  {"op":{"kind":"route.add","ns":"chain.a","family":4,"destination":"0.0.0.0/0","via":"10.1.0.1"},"origin":"examples/chain.otop:29:10"},
  {"op":{"kind":"route.add","ns":"chain.a","family":6,"destination":"::/0","via":"fd00:1::1"},"origin":"examples/chain.otop:29:38"},
  {"op":{"kind":"link.alias","ns":"chain.b","dev":"lo","alias":"opentop:chain:b"},"origin":"examples/chain.otop:30:1"},
  {"op":{"kind":"link.up","ns":"chain.b","dev":"lo"},"origin":"examples/chain.otop:30:1"},
  {"op":{"kind":"addr.add","ns":"chain.b","dev":"eth0","cidr":"10.2.0.10/24","family":4},"origin":"examples/chain.otop:32:52"},
  {"op":{"kind":"addr.add","ns":"chain.b","dev":"eth0","cidr":"fd00:2::10/64","family":6},"origin":"examples/chain.otop:32:65"},
  {"op":{"kind":"link.up","ns":"chain.b","dev":"eth0"},"origin":"examples/chain.otop:32:45"},
  {"op":{"kind":"route.add","ns":"chain.b","family":4,"destination":"0.0.0.0/0","via":"10.2.0.1"},"origin":"examples/chain.otop:30:10"},
  {"op":{"kind":"route.add","ns":"chain.b","family":6,"destination":"::/0","via":"fd00:2::1"},"origin":"examples/chain.otop:30:38"}
 ]
}
'

# why PROGRAM: sets $why and $package, for the message when PROGRAM is missing.
why() {
  case $1 in
    ip) why='this lab creates namespaces, links, addresses and routes with it' package=iproute2 ;;
    nsenter) why='this lab runs programs inside its namespaces with it' package=util-linux ;;
    sysctl) why='this lab sets sysctls' package=procps ;;
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