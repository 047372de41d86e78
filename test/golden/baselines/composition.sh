#!/bin/sh
# Lab comp: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/test/golden/cases/composition.otop
#   sha256    53fee9374de48eeedb4ea23d73d5547db995353aa2c38d13fb890fb69e81b8a5
#   requires  ip nsenter sysctl nft unshare mkdir ln readlink rm mv date touch find cat
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
LAB='comp'
SELF=${0##*/}
RUN_DIR=${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP='ip nsenter sysctl nft unshare mkdir ln readlink rm mv date touch find cat'
NEED_DOWN='ip nsenter mkdir ln readlink rm find'
NEED_STATUS='ip nsenter'
NEED_TEST=''
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=5
KIB_PER_NAMESPACE=320
SUMMARY='4 nodes, 1 switch, 5 links (56 operations)'
HELP='
Lab comp: 4 nodes, 1 switch, 5 links (56 operations).
  up      create it (needs root and ip, nsenter, sysctl, nft, unshare, mkdir, ln, readlink, rm, mv, date, touch, find, cat)
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
  # create network namespace comp  (test/golden/cases/composition.otop:3:5)
  # create network namespace comp.core  (test/golden/cases/composition.otop:8:1)
  # create network namespace comp.h1  (test/golden/cases/composition.otop:16:3)
  # create network namespace comp.h2  (test/golden/cases/composition.otop:16:3)
  # create network namespace comp.h3  (test/golden/cases/composition.otop:16:3)
  tool_step '1/9, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add comp
netns add comp.core
netns add comp.h1
netns add comp.h2
netns add comp.h3
EOF
  # == stage 2 of 5: namespace sysctls
  # set net.ipv4.ip_forward = 1 in comp.core  (test/golden/cases/composition.otop:9:3)
  # set net.ipv6.conf.all.forwarding = 1 in comp.core  (test/golden/cases/composition.otop:9:3)
  # set net.ipv6.conf.default.accept_dad = 0 in comp.core  (test/golden/cases/composition.otop:9:3)
  tool_step '2/9, namespace sysctls, in node core (comp.core)' nsenter --net=/run/netns/comp.core -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 || return 1
  # == stage 3 of 5: filters
  # load nftables table inet opentop in comp.core  (test/golden/cases/composition.otop:25:5)
  tool_step '3/9, filters, in node core (comp.core)' nsenter --net=/run/netns/comp.core -- nft -f - <<'EOF' || return 1
table inet opentop {
	chain forward {
		type filter hook forward priority filter; policy accept;
		iifname "l2" drop comment "forward drop in l2"
	}
}
EOF
  # == stage 4 of 5: links (its 2 steps side by side)
  up_4() {
    # create veth pair l1 (comp.core) — eth0 (comp.h1)  (test/golden/cases/composition.otop:20:3)
    # create veth pair l2 (comp.core) — eth0 (comp.h2)  (test/golden/cases/composition.otop:20:3)
    # create veth pair l3 (comp.core) — eth0 (comp.h3)  (test/golden/cases/composition.otop:20:3)
    tool_step '4/9, links, on the host' ip -batch - <<'EOF'
link add name l1 index 3514974 netns comp.core mtu 1400 type veth peer name eth0 netns comp.h1 mtu 1400
link add name l2 index 4067729 netns comp.core mtu 1400 type veth peer name eth0 netns comp.h2 mtu 1400
link add name l3 index 14632074 netns comp.core mtu 1400 type veth peer name eth0 netns comp.h3 mtu 1400
EOF
  }
  up_5() {
    # mark lo in comp as opentop:comp  (test/golden/cases/composition.otop:3:5)
    # create bridge extra in comp  (test/golden/cases/composition.otop:7:1)
    # give extra in comp no IPv6 link-local address  (test/golden/cases/composition.otop:7:1)
    # bring extra up in comp  (test/golden/cases/composition.otop:7:1)
    # create veth pair core.x (comp) — x (comp.core)  (test/golden/cases/composition.otop:10:3)
    # give core.x in comp no IPv6 link-local address  (test/golden/cases/composition.otop:10:3)
    # create veth pair h3.e (comp) — e (comp.h3)  (test/golden/cases/composition.otop:18:17)
    # give h3.e in comp no IPv6 link-local address  (test/golden/cases/composition.otop:18:17)
    tool_step '5/9, links, in the switches (comp)' nsenter --net=/run/netns/comp -- ip -batch - <<'EOF'
link set dev lo alias opentop:comp
link add name extra type bridge
link set dev extra addrgenmode none
link set dev extra up
link add name core.x index 9036985 master extra up type veth peer name x netns comp.core
link set dev core.x addrgenmode none
link add name h3.e index 13651742 master extra up type veth peer name e netns comp.h3
link set dev h3.e addrgenmode none
EOF
  }
  at_once 4 5 || return 1
  # == stage 5 of 5: addresses and routes (its 4 steps side by side)
  up_6() {
    # mark lo in comp.core as opentop:comp:core  (test/golden/cases/composition.otop:8:1)
    # bring lo up in comp.core  (test/golden/cases/composition.otop:8:1)
    # add 10.30.0.1/24 to x in comp.core  (test/golden/cases/composition.otop:10:14)
    # bring x up in comp.core  (test/golden/cases/composition.otop:10:3)
    # add 10.20.1.1/24 to l1 in comp.core  (test/golden/cases/composition.otop:20:18)
    # add fd20:0:0:1::1/64 to l1 in comp.core  (test/golden/cases/composition.otop:20:33)
    # bring l1 up in comp.core  (test/golden/cases/composition.otop:20:3)
    # add 10.20.2.1/24 to l2 in comp.core  (test/golden/cases/composition.otop:20:18)
    # add fd20:0:0:2::1/64 to l2 in comp.core  (test/golden/cases/composition.otop:20:33)
    # bring l2 up in comp.core  (test/golden/cases/composition.otop:20:3)
    # add 10.20.3.1/24 to l3 in comp.core  (test/golden/cases/composition.otop:20:18)
    # add fd20:0:0:3::1/64 to l3 in comp.core  (test/golden/cases/composition.otop:20:33)
    # bring l3 up in comp.core  (test/golden/cases/composition.otop:20:3)
    tool_step '6/9, addresses and routes, in node core (comp.core)' nsenter --net=/run/netns/comp.core -- ip -batch - <<'EOF'
link set dev lo alias opentop:comp:core
link set dev lo up
addr add 10.30.0.1/24 dev x
link set dev x up
addr add 10.20.1.1/24 dev l1
addr add fd20:0:0:1::1/64 dev l1 nodad
link set dev l1 up
addr add 10.20.2.1/24 dev l2
addr add fd20:0:0:2::1/64 dev l2 nodad
link set dev l2 up
addr add 10.20.3.1/24 dev l3
addr add fd20:0:0:3::1/64 dev l3 nodad
link set dev l3 up
EOF
  }
  up_7() {
    # mark lo in comp.h1 as opentop:comp:h1  (test/golden/cases/composition.otop:16:3)
    # bring lo up in comp.h1  (test/golden/cases/composition.otop:16:3)
    # add 10.20.1.10/24 to eth0 in comp.h1  (test/golden/cases/composition.otop:20:62)
    # add fd20:0:0:1::a/64 to eth0 in comp.h1  (test/golden/cases/composition.otop:20:78)
    # bring eth0 up in comp.h1  (test/golden/cases/composition.otop:20:52)
    # route 0.0.0.0/0 via 10.20.1.1 in comp.h1  (test/golden/cases/parts/edge.otop:8:3)
    # route ::/0 via fd20:0:0:1::1 in comp.h1  (test/golden/cases/parts/edge.otop:9:3)
    tool_step '7/9, addresses and routes, in node h1 (comp.h1)' nsenter --net=/run/netns/comp.h1 -- ip -batch - <<'EOF'
link set dev lo alias opentop:comp:h1
link set dev lo up
addr add 10.20.1.10/24 dev eth0
addr add fd20:0:0:1::a/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.20.1.1
route add ::/0 via fd20:0:0:1::1
EOF
  }
  up_8() {
    # mark lo in comp.h2 as opentop:comp:h2  (test/golden/cases/composition.otop:16:3)
    # bring lo up in comp.h2  (test/golden/cases/composition.otop:16:3)
    # add 10.20.2.10/24 to eth0 in comp.h2  (test/golden/cases/composition.otop:20:62)
    # add fd20:0:0:2::a/64 to eth0 in comp.h2  (test/golden/cases/composition.otop:20:78)
    # bring eth0 up in comp.h2  (test/golden/cases/composition.otop:20:52)
    # route 0.0.0.0/0 via 10.20.2.1 in comp.h2  (test/golden/cases/parts/edge.otop:8:3)
    # route ::/0 via fd20:0:0:2::1 in comp.h2  (test/golden/cases/parts/edge.otop:9:3)
    tool_step '8/9, addresses and routes, in node h2 (comp.h2)' nsenter --net=/run/netns/comp.h2 -- ip -batch - <<'EOF'
link set dev lo alias opentop:comp:h2
link set dev lo up
addr add 10.20.2.10/24 dev eth0
addr add fd20:0:0:2::a/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.20.2.1
route add ::/0 via fd20:0:0:2::1
EOF
  }
  up_9() {
    # mark lo in comp.h3 as opentop:comp:h3  (test/golden/cases/composition.otop:16:3)
    # bring lo up in comp.h3  (test/golden/cases/composition.otop:16:3)
    # add 10.30.0.4/24 to e in comp.h3  (test/golden/cases/composition.otop:18:28)
    # bring e up in comp.h3  (test/golden/cases/composition.otop:18:17)
    # add 10.20.3.10/24 to eth0 in comp.h3  (test/golden/cases/composition.otop:20:62)
    # add fd20:0:0:3::a/64 to eth0 in comp.h3  (test/golden/cases/composition.otop:20:78)
    # bring eth0 up in comp.h3  (test/golden/cases/composition.otop:20:52)
    # route 0.0.0.0/0 via 10.20.3.1 in comp.h3  (test/golden/cases/parts/edge.otop:8:3)
    # route ::/0 via fd20:0:0:3::1 in comp.h3  (test/golden/cases/parts/edge.otop:9:3)
    tool_step '9/9, addresses and routes, in node h3 (comp.h3)' nsenter --net=/run/netns/comp.h3 -- ip -batch - <<'EOF'
link set dev lo alias opentop:comp:h3
link set dev lo up
addr add 10.30.0.4/24 dev e
link set dev e up
addr add 10.20.3.10/24 dev eth0
addr add fd20:0:0:3::a/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.20.3.1
route add ::/0 via fd20:0:0:3::1
EOF
  }
  at_once 6 9 || return 1
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
  # delete network namespace comp.h3 and everything in it
  if ns_ours comp.h3 opentop:comp:h3; then owned=$((owned + 1)); queue 'netns del comp.h3'; fi
  # delete network namespace comp.h2 and everything in it
  if ns_ours comp.h2 opentop:comp:h2; then owned=$((owned + 1)); queue 'netns del comp.h2'; fi
  # delete network namespace comp.h1 and everything in it
  if ns_ours comp.h1 opentop:comp:h1; then owned=$((owned + 1)); queue 'netns del comp.h1'; fi
  # delete network namespace comp.core and everything in it
  if ns_ours comp.core opentop:comp:core; then owned=$((owned + 1)); queue 'netns del comp.core'; fi
  # delete network namespace comp and everything in it
  if ns_ours comp opentop:comp; then owned=$((owned + 1)); queue 'netns del comp'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/comp ]; then left="$left"'  netns comp'"$NL"; fi
  if [ -e /run/netns/comp.core ]; then left="$left"'  netns comp.core'"$NL"; fi
  if [ -e /run/netns/comp.h1 ]; then left="$left"'  netns comp.h1'"$NL"; fi
  if [ -e /run/netns/comp.h2 ]; then left="$left"'  netns comp.h2'"$NL"; fi
  if [ -e /run/netns/comp.h3 ]; then left="$left"'  netns comp.h3'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/comp && found=0
  taken_netns /run/netns/comp.core && found=0
  taken_netns /run/netns/comp.h1 && found=0
  taken_netns /run/netns/comp.h2 && found=0
  taken_netns /run/netns/comp.h3 && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/composition.otop:20:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/composition.otop:10:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/composition.otop:18:17)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge
EOF
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (test/golden/cases/composition.otop:7:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:comp 2:comp.core 3:comp.h1 4:comp.h2 5:comp.h3
)

ns_1() { look 'the switches (comp)' comp links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface extra'
  [ "${seen_3-}" = 1 ] || drift missing 'interface core.x'
  [ "${seen_4-}" = 1 ] || drift missing 'interface h3.e'
  extras
}

# links_1 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_1() {
  case $2 in
    '') links_1_0 "$1" && return 0 ;;
    extra) links_1_1 "$1" && return 0 ;;
  esac
  links_1_0 "$1" || links_1_1 "$1"
}
links_1_0() {
  case $1 in
    lo) seen_1=1; want_link ;;
    extra) seen_2=1; want_link up ;;
    *) return 1 ;;
  esac
}
links_1_1() {
  case $1 in
    core.x) seen_3=1; want_link up master extra ;;
    h3.e) seen_4=1; want_link up master extra ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node core (comp.core)' comp.core links_2; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr l1 10.20.1.1/24
    want_addr l1 fd20:0:0:1::1/64
  else
    drift missing 'interface l1'
  fi
  if [ "${seen_3-}" = 2 ]; then
    want_addr l2 10.20.2.1/24
    want_addr l2 fd20:0:0:2::1/64
  else
    drift missing 'interface l2'
  fi
  if [ "${seen_4-}" = 2 ]; then
    want_addr l3 10.20.3.1/24
    want_addr l3 fd20:0:0:3::1/64
  else
    drift missing 'interface l3'
  fi
  if [ "${seen_5-}" = 2 ]; then
    want_addr x 10.30.0.1/24
  else
    drift missing 'interface x'
  fi
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    l1) seen_2=2; want_link up mtu 1400 ;;
    l2) seen_3=2; want_link up mtu 1400 ;;
    l3) seen_4=2; want_link up mtu 1400 ;;
    x) seen_5=2; want_link up ;;
    *) return 1 ;;
  esac
}
routes_2() { return 1; }

ns_3() { look 'node h1 (comp.h1)' comp.h1 links_3 1; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr eth0 10.20.1.10/24
    want_addr eth0 fd20:0:0:1::a/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 3 ] || drift missing 'route 0.0.0.0/0 via 10.20.1.1'
  [ "${rseen_2-}" = 3 ] || drift missing 'route ::/0 via fd20:0:0:1::1'
  extras
}

# links_3 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_3() {
  case $1 in
    lo) seen_1=3; want_link up ;;
    eth0) seen_2=3; want_link up mtu 1400 ;;
    *) return 1 ;;
  esac
}

# routes_3: marks the plan's routes that this route of the kernel is; false if none.
routes_3() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.20.1.1 '' || { rseen_1=3; is=0; }
      ;;
    ::/0)
      ! route_is '' fd20:0:0:1::1 '' || { rseen_2=3; is=0; }
      ;;
  esac
  return $is
}

ns_4() { look 'node h2 (comp.h2)' comp.h2 links_4 1; }
end_4() {
  [ "${seen_1-}" = 4 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 4 ]; then
    want_addr eth0 10.20.2.10/24
    want_addr eth0 fd20:0:0:2::a/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 4 ] || drift missing 'route 0.0.0.0/0 via 10.20.2.1'
  [ "${rseen_2-}" = 4 ] || drift missing 'route ::/0 via fd20:0:0:2::1'
  extras
}

# links_4 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_4() {
  case $1 in
    lo) seen_1=4; want_link up ;;
    eth0) seen_2=4; want_link up mtu 1400 ;;
    *) return 1 ;;
  esac
}

# routes_4: marks the plan's routes that this route of the kernel is; false if none.
routes_4() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.20.2.1 '' || { rseen_1=4; is=0; }
      ;;
    ::/0)
      ! route_is '' fd20:0:0:2::1 '' || { rseen_2=4; is=0; }
      ;;
  esac
  return $is
}

ns_5() { look 'node h3 (comp.h3)' comp.h3 links_5 1; }
end_5() {
  [ "${seen_1-}" = 5 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 5 ]; then
    want_addr eth0 10.20.3.10/24
    want_addr eth0 fd20:0:0:3::a/64
  else
    drift missing 'interface eth0'
  fi
  if [ "${seen_3-}" = 5 ]; then
    want_addr e 10.30.0.4/24
  else
    drift missing 'interface e'
  fi
  [ "${rseen_1-}" = 5 ] || drift missing 'route 0.0.0.0/0 via 10.20.3.1'
  [ "${rseen_2-}" = 5 ] || drift missing 'route ::/0 via fd20:0:0:3::1'
  extras
}

# links_5 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_5() {
  case $1 in
    lo) seen_1=5; want_link up ;;
    eth0) seen_2=5; want_link up mtu 1400 ;;
    e) seen_3=5; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_5: marks the plan's routes that this route of the kernel is; false if none.
routes_5() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.20.3.1 '' || { rseen_1=5; is=0; }
      ;;
    ::/0)
      ! route_is '' fd20:0:0:3::1 '' || { rseen_2=5; is=0; }
      ;;
  esac
  return $is
}

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    core) enter nsenter --net=/run/netns/comp.core -- "$@" ;;
    h1) enter nsenter --net=/run/netns/comp.h1 -- "$@" ;;
    h2) enter nsenter --net=/run/netns/comp.h2 -- "$@" ;;
    h3) enter nsenter --net=/run/netns/comp.h3 -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are core, h1, h2, h3'
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
  printf '%s\n' '# lab comp: up, 56 operations in 9 processes

# stage 1: namespaces
ip -batch -
    netns add comp       # test/golden/cases/composition.otop:3:5
    netns add comp.core  # test/golden/cases/composition.otop:8:1
    netns add comp.h1    # test/golden/cases/composition.otop:16:3
    netns add comp.h2    # test/golden/cases/composition.otop:16:3
    netns add comp.h3    # test/golden/cases/composition.otop:16:3

# stage 2: namespace sysctls
nsenter --net=/run/netns/comp.core -- sysctl -q -w …
    net.ipv4.ip_forward=1               # test/golden/cases/composition.otop:9:3
    net.ipv6.conf.all.forwarding=1      # test/golden/cases/composition.otop:9:3
    net.ipv6.conf.default.accept_dad=0  # test/golden/cases/composition.otop:9:3

# stage 3: filters
nsenter --net=/run/netns/comp.core -- nft -f -
    # test/golden/cases/composition.otop:25:5
    table inet opentop {
    	chain forward {
    		type filter hook forward priority filter; policy accept;
    		iifname "l2" drop comment "forward drop in l2"
    	}
    }

# stage 4: links (steps run concurrently)
ip -batch -
    link add name l1 index 3514974 netns comp.core mtu 1400 type veth peer name eth0 netns comp.h1 mtu 1400   # test/golden/cases/composition.otop:20:3
    link add name l2 index 4067729 netns comp.core mtu 1400 type veth peer name eth0 netns comp.h2 mtu 1400   # test/golden/cases/composition.otop:20:3
    link add name l3 index 14632074 netns comp.core mtu 1400 type veth peer name eth0 netns comp.h3 mtu 1400  # test/golden/cases/composition.otop:20:3
nsenter --net=/run/netns/comp -- ip -batch -
    link set dev lo alias opentop:comp                                                        # test/golden/cases/composition.otop:3:5
    link add name extra type bridge                                                           # test/golden/cases/composition.otop:7:1
    link set dev extra addrgenmode none                                                       # test/golden/cases/composition.otop:7:1
    link set dev extra up                                                                     # test/golden/cases/composition.otop:7:1
    link add name core.x index 9036985 master extra up type veth peer name x netns comp.core  # test/golden/cases/composition.otop:10:3
    link set dev core.x addrgenmode none                                                      # test/golden/cases/composition.otop:10:3
    link add name h3.e index 13651742 master extra up type veth peer name e netns comp.h3     # test/golden/cases/composition.otop:18:17
    link set dev h3.e addrgenmode none                                                        # test/golden/cases/composition.otop:18:17

# stage 5: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/comp.core -- ip -batch -
    link set dev lo alias opentop:comp:core  # test/golden/cases/composition.otop:8:1
    link set dev lo up                       # test/golden/cases/composition.otop:8:1
    addr add 10.30.0.1/24 dev x              # test/golden/cases/composition.otop:10:14
    link set dev x up                        # test/golden/cases/composition.otop:10:3
    addr add 10.20.1.1/24 dev l1             # test/golden/cases/composition.otop:20:18
    addr add fd20:0:0:1::1/64 dev l1 nodad   # test/golden/cases/composition.otop:20:33
    link set dev l1 up                       # test/golden/cases/composition.otop:20:3
    addr add 10.20.2.1/24 dev l2             # test/golden/cases/composition.otop:20:18
    addr add fd20:0:0:2::1/64 dev l2 nodad   # test/golden/cases/composition.otop:20:33
    link set dev l2 up                       # test/golden/cases/composition.otop:20:3
    addr add 10.20.3.1/24 dev l3             # test/golden/cases/composition.otop:20:18
    addr add fd20:0:0:3::1/64 dev l3 nodad   # test/golden/cases/composition.otop:20:33
    link set dev l3 up                       # test/golden/cases/composition.otop:20:3
nsenter --net=/run/netns/comp.h1 -- ip -batch -
    link set dev lo alias opentop:comp:h1     # test/golden/cases/composition.otop:16:3
    link set dev lo up                        # test/golden/cases/composition.otop:16:3
    addr add 10.20.1.10/24 dev eth0           # test/golden/cases/composition.otop:20:62
    addr add fd20:0:0:1::a/64 dev eth0 nodad  # test/golden/cases/composition.otop:20:78
    link set dev eth0 up                      # test/golden/cases/composition.otop:20:52
    route add 0.0.0.0/0 via 10.20.1.1         # test/golden/cases/parts/edge.otop:8:3
    route add ::/0 via fd20:0:0:1::1          # test/golden/cases/parts/edge.otop:9:3
nsenter --net=/run/netns/comp.h2 -- ip -batch -
    link set dev lo alias opentop:comp:h2     # test/golden/cases/composition.otop:16:3
    link set dev lo up                        # test/golden/cases/composition.otop:16:3
    addr add 10.20.2.10/24 dev eth0           # test/golden/cases/composition.otop:20:62
    addr add fd20:0:0:2::a/64 dev eth0 nodad  # test/golden/cases/composition.otop:20:78
    link set dev eth0 up                      # test/golden/cases/composition.otop:20:52
    route add 0.0.0.0/0 via 10.20.2.1         # test/golden/cases/parts/edge.otop:8:3
    route add ::/0 via fd20:0:0:2::1          # test/golden/cases/parts/edge.otop:9:3
nsenter --net=/run/netns/comp.h3 -- ip -batch -
    link set dev lo alias opentop:comp:h3     # test/golden/cases/composition.otop:16:3
    link set dev lo up                        # test/golden/cases/composition.otop:16:3
    addr add 10.30.0.4/24 dev e               # test/golden/cases/composition.otop:18:28
    link set dev e up                         # test/golden/cases/composition.otop:18:17
    addr add 10.20.3.10/24 dev eth0           # test/golden/cases/composition.otop:20:62
    addr add fd20:0:0:3::a/64 dev eth0 nodad  # test/golden/cases/composition.otop:20:78
    link set dev eth0 up                      # test/golden/cases/composition.otop:20:52
    route add 0.0.0.0/0 via 10.20.3.1         # test/golden/cases/parts/edge.otop:8:3
    route add ::/0 via fd20:0:0:3::1          # test/golden/cases/parts/edge.otop:9:3'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "comp",
 "file": "/ROOT/test/golden/cases/composition.otop",
 "hash": "53fee9374de48eeedb4ea23d73d5547db995353aa2c38d13fb890fb69e81b8a5",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["core","h1","h2","h3"],
 "switches": ["extra"],
 "plan": "1af11a5cdc61a3df35fc2a5d1fab391f5557e981a25fbcf4c4226a97968776de",
 "owned": [
  {"kind":"netns","name":"comp"},
  {"kind":"netns","name":"comp.core","node":"core"},
  {"kind":"netns","name":"comp.h1","node":"h1"},
  {"kind":"netns","name":"comp.h2","node":"h2"},
  {"kind":"netns","name":"comp.h3","node":"h3"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"comp"},"origin":"test/golden/cases/composition.otop:3:5"},
  {"op":{"kind":"netns.add","name":"comp.core","node":"core"},"origin":"test/golden/cases/composition.otop:8:1"},
  {"op":{"kind":"netns.add","name":"comp.h1","node":"h1"},"origin":"test/golden/cases/composition.otop:16:3"},
  {"op":{"kind":"netns.add","name":"comp.h2","node":"h2"},"origin":"test/golden/cases/composition.otop:16:3"},
  {"op":{"kind":"netns.add","name":"comp.h3","node":"h3"},"origin":"test/golden/cases/composition.otop:16:3"},
  {"op":{"kind":"sysctl.set","ns":"comp.core","key":"net.ipv4.ip_forward","value":"1"},"origin":"test/golden/cases/composition.otop:9:3"},
  {"op":{"kind":"sysctl.set","ns":"comp.core","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"test/golden/cases/composition.otop:9:3"},
  {"op":{"kind":"sysctl.set","ns":"comp.core","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"test/golden/cases/composition.otop:9:3"},
  {"op":{"kind":"nft.table","ns":"comp.core","family":"inet","name":"opentop","ruleset":"table inet opentop {\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy accept;\n\t\tiifname \"l2\" drop comment \"forward drop in l2\"\n\t}\n}\n"},"origin":"test/golden/cases/composition.otop:25:5"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"comp.core","name":"l1","index":3514974,"mtu":1400},"b":{"ns":"comp.h1","name":"eth0","mtu":1400}},"origin":"test/golden/cases/composition.otop:20:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"comp.core","name":"l2","index":4067729,"mtu":1400},"b":{"ns":"comp.h2","name":"eth0","mtu":1400}},"origin":"test/golden/cases/composition.otop:20:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"comp.core","name":"l3","index":14632074,"mtu":1400},"b":{"ns":"comp.h3","name":"eth0","mtu":1400}},"origin":"test/golden/cases/composition.otop:20:3"},
  {"op":{"kind":"link.alias","ns":"comp","dev":"lo","alias":"opentop:comp"},"origin":"test/golden/cases/composition.otop:3:5"},
  {"op":{"kind":"bridge.add","ns":"comp","name":"extra"},"origin":"test/golden/cases/composition.otop:7:1"},
  {"op":{"kind":"link.nolinklocal","ns":"comp","dev":"extra"},"origin":"test/golden/cases/composition.otop:7:1"},
  {"op":{"kind":"link.up","ns":"comp","dev":"extra"},"origin":"test/golden/cases/composition.otop:7:1"},
  {"op":{"kind":"veth.add","ns":"comp","a":{"ns":"comp","name":"core.x","index":9036985,"master":"extra"},"b":{"ns":"comp.core","name":"x"}},"origin":"test/golden/cases/composition.otop:10:3"},
  {"op":{"kind":"link.nolinklocal","ns":"comp","dev":"core.x"},"origin":"test/golden/cases/composition.otop:10:3"},
  {"op":{"kind":"veth.add","ns":"comp","a":{"ns":"comp","name":"h3.e","index":13651742,"master":"extra"},"b":{"ns":"comp.h3","name":"e"}},"origin":"test/golden/cases/composition.otop:18:17"},
  {"op":{"kind":"link.nolinklocal","ns":"comp","dev":"h3.e"},"origin":"test/golden/cases/composition.otop:18:17"},
  {"op":{"kind":"link.alias","ns":"comp.core","dev":"lo","alias":"opentop:comp:core"},"origin":"test/golden/cases/composition.otop:8:1"},
  {"op":{"kind":"link.up","ns":"comp.core","dev":"lo"},"origin":"test/golden/cases/composition.otop:8:1"},
  {"op":{"kind":"addr.add","ns":"comp.core","dev":"x","cidr":"10.30.0.1/24","family":4},"origin":"test/golden/cases/composition.otop:10:14"},
  {"op":{"kind":"link.up","ns":"comp.core","dev":"x"},"origin":"test/golden/cases/composition.otop:10:3"},
  {"op":{"kind":"addr.add","ns":"comp.core","dev":"l1","cidr":"10.20.1.1/24","family":4},"origin":"test/golden/cases/composition.otop:20:18"},
  {"op":{"kind":"addr.add","ns":"comp.core","dev":"l1","cidr":"fd20:0:0:1::1/64","family":6},"origin":"test/golden/cases/composition.otop:20:33"},
  {"op":{"kind":"link.up","ns":"comp.core","dev":"l1"},"origin":"test/golden/cases/composition.otop:20:3"},
  {"op":{"kind":"addr.add","ns":"comp.core","dev":"l2","cidr":"10.20.2.1/24","family":4},"origin":"test/golden/cases/composition.otop:20:18"},
  {"op":{"kind":"addr.add","ns":"comp.core","dev":"l2","cidr":"fd20:0:0:2::1/64","family":6},"origin":"test/golden/cases/composition.otop:20:33"},
  {"op":{"kind":"link.up","ns":"comp.core","dev":"l2"},"origin":"test/golden/cases/composition.otop:20:3"},
  {"op":{"kind":"addr.add","ns":"comp.core","dev":"l3","cidr":"10.20.3.1/24","family":4},"origin":"test/golden/cases/composition.otop:20:18"},
  {"op":{"kind":"addr.add","ns":"comp.core","dev":"l3","cidr":"fd20:0:0:3::1/64","family":6},"origin":"test/golden/cases/composition.otop:20:33"},
  {"op":{"kind":"link.up","ns":"comp.core","dev":"l3"},"origin":"test/golden/cases/composition.otop:20:3"},
  {"op":{"kind":"link.alias","ns":"comp.h1","dev":"lo","alias":"opentop:comp:h1"},"origin":"test/golden/cases/composition.otop:16:3"},
  {"op":{"kind":"link.up","ns":"comp.h1","dev":"lo"},"origin":"test/golden/cases/composition.otop:16:3"},
  {"op":{"kind":"addr.add","ns":"comp.h1","dev":"eth0","cidr":"10.20.1.10/24","family":4},"origin":"test/golden/cases/composition.otop:20:62"},
  {"op":{"kind":"addr.add","ns":"comp.h1","dev":"eth0","cidr":"fd20:0:0:1::a/64","family":6},"origin":"test/golden/cases/composition.otop:20:78"},
  {"op":{"kind":"link.up","ns":"comp.h1","dev":"eth0"},"origin":"test/golden/cases/composition.otop:20:52"},
  {"op":{"kind":"route.add","ns":"comp.h1","family":4,"destination":"0.0.0.0/0","via":"10.20.1.1"},"origin":"test/golden/cases/parts/edge.otop:8:3"},
  {"op":{"kind":"route.add","ns":"comp.h1","family":6,"destination":"::/0","via":"fd20:0:0:1::1"},"origin":"test/golden/cases/parts/edge.otop:9:3"},
  {"op":{"kind":"link.alias","ns":"comp.h2","dev":"lo","alias":"opentop:comp:h2"},"origin":"test/golden/cases/composition.otop:16:3"},
  {"op":{"kind":"link.up","ns":"comp.h2","dev":"lo"},"origin":"test/golden/cases/composition.otop:16:3"},
  {"op":{"kind":"addr.add","ns":"comp.h2","dev":"eth0","cidr":"10.20.2.10/24","family":4},"origin":"test/golden/cases/composition.otop:20:62"},
  {"op":{"kind":"addr.add","ns":"comp.h2","dev":"eth0","cidr":"fd20:0:0:2::a/64","family":6},"origin":"test/golden/cases/composition.otop:20:78"},
  {"op":{"kind":"link.up","ns":"comp.h2","dev":"eth0"},"origin":"test/golden/cases/composition.otop:20:52"},
  {"op":{"kind":"route.add","ns":"comp.h2","family":4,"destination":"0.0.0.0/0","via":"10.20.2.1"},"origin":"test/golden/cases/parts/edge.otop:8:3"},
  {"op":{"kind":"route.add","ns":"comp.h2","family":6,"destination":"::/0","via":"fd20:0:0:2::1"},"origin":"test/golden/cases/parts/edge.otop:9:3"},
  {"op":{"kind":"link.alias","ns":"comp.h3","dev":"lo","alias":"opentop:comp:h3"},"origin":"test/golden/cases/composition.otop:16:3"},
  {"op":{"kind":"link.up","ns":"comp.h3","dev":"lo"},"origin":"test/golden/cases/composition.otop:16:3"},
  {"op":{"kind":"addr.add","ns":"comp.h3","dev":"e","cidr":"10.30.0.4/24","family":4},"origin":"test/golden/cases/composition.otop:18:28"},
  {"op":{"kind":"link.up","ns":"comp.h3","dev":"e"},"origin":"test/golden/cases/composition.otop:18:17"},
  {"op":{"kind":"addr.add","ns":"comp.h3","dev":"eth0","cidr":"10.20.3.10/24","family":4},"origin":"test/golden/cases/composition.otop:20:62"},
  {"op":{"kind":"addr.add","ns":"comp.h3","dev":"eth0","cidr":"fd20:0:0:3::a/64","family":6},"origin":"test/golden/cases/composition.otop:20:78"},
  {"op":{"kind":"link.up","ns":"comp.h3","dev":"eth0"},"origin":"test/golden/cases/composition.otop:20:52"},
  {"op":{"kind":"route.add","ns":"comp.h3","family":4,"destination":"0.0.0.0/0","via":"10.20.3.1"},"origin":"test/golden/cases/parts/edge.otop:8:3"},
  {"op":{"kind":"route.add","ns":"comp.h3","family":6,"destination":"::/0","via":"fd20:0:0:3::1"},"origin":"test/golden/cases/parts/edge.otop:9:3"}
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