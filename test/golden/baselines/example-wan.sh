#!/bin/sh
# Lab wan: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/wan.otop
#   sha256    ed9ee6a61619928529d593e399975ae5b636d19cacde1557b8abbbb91ffeffad
#   requires  ip nsenter sysctl tc unshare mkdir ln readlink rm mv date touch find cat
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
LAB='wan'
SELF=${0##*/}
RUN_DIR=${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP='ip nsenter sysctl tc unshare mkdir ln readlink rm mv date touch find cat'
NEED_DOWN='ip nsenter mkdir ln readlink rm find'
NEED_STATUS='ip tc nsenter'
NEED_TEST=''
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=5
KIB_PER_NAMESPACE=320
SUMMARY='4 nodes, 2 switches, 5 links (65 operations)'
HELP='
Lab wan: 4 nodes, 2 switches, 5 links (65 operations).
  up      create it (needs root and ip, nsenter, sysctl, tc, unshare, mkdir, ln, readlink, rm, mv, date, touch, find, cat)
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
  # create network namespace wan  (examples/wan.otop:9:5)
  # create network namespace wan.ra  (examples/wan.otop:14:1)
  # create network namespace wan.rb  (examples/wan.otop:22:1)
  # create network namespace wan.pc-a  (examples/wan.otop:30:1)
  # create network namespace wan.pc-b  (examples/wan.otop:36:1)
  tool_step '1/11, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add wan
netns add wan.ra
netns add wan.rb
netns add wan.pc-a
netns add wan.pc-b
EOF
  # == stage 2 of 5: namespace sysctls (its 2 steps side by side)
  up_2() {
    # set net.ipv4.ip_forward = 1 in wan.ra  (examples/wan.otop:15:3)
    # set net.ipv6.conf.all.forwarding = 1 in wan.ra  (examples/wan.otop:15:3)
    # set net.ipv6.conf.default.accept_dad = 0 in wan.ra  (examples/wan.otop:15:3)
    tool_step '2/11, namespace sysctls, in node ra (wan.ra)' nsenter --net=/run/netns/wan.ra -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_3() {
    # set net.ipv4.ip_forward = 1 in wan.rb  (examples/wan.otop:23:3)
    # set net.ipv6.conf.all.forwarding = 1 in wan.rb  (examples/wan.otop:23:3)
    # set net.ipv6.conf.default.accept_dad = 0 in wan.rb  (examples/wan.otop:23:3)
    tool_step '3/11, namespace sysctls, in node rb (wan.rb)' nsenter --net=/run/netns/wan.rb -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  at_once 2 3 || return 1
  # == stage 3 of 5: links (its 2 steps side by side)
  up_4() {
    # create veth pair wan (wan.ra) — wan (wan.rb)  (examples/wan.otop:17:3)
    tool_step '4/11, links, on the host' ip -batch - <<'EOF'
link add name wan index 15080146 netns wan.ra type veth peer name wan netns wan.rb
EOF
  }
  up_5() {
    # mark lo in wan as opentop:wan  (examples/wan.otop:9:5)
    # create bridge site-a in wan  (examples/wan.otop:11:1)
    # give site-a in wan no IPv6 link-local address  (examples/wan.otop:11:1)
    # bring site-a up in wan  (examples/wan.otop:11:1)
    # create bridge site-b in wan  (examples/wan.otop:12:1)
    # give site-b in wan no IPv6 link-local address  (examples/wan.otop:12:1)
    # bring site-b up in wan  (examples/wan.otop:12:1)
    # create veth pair ra.lan (wan) — lan (wan.ra)  (examples/wan.otop:16:3)
    # give ra.lan in wan no IPv6 link-local address  (examples/wan.otop:16:3)
    # create veth pair rb.lan (wan) — lan (wan.rb)  (examples/wan.otop:24:3)
    # give rb.lan in wan no IPv6 link-local address  (examples/wan.otop:24:3)
    # create veth pair pc-a.eth0 (wan) — eth0 (wan.pc-a)  (examples/wan.otop:31:3)
    # give pc-a.eth0 in wan no IPv6 link-local address  (examples/wan.otop:31:3)
    # create veth pair pc-b.eth0 (wan) — eth0 (wan.pc-b)  (examples/wan.otop:37:3)
    # give pc-b.eth0 in wan no IPv6 link-local address  (examples/wan.otop:37:3)
    tool_step '5/11, links, in the switches (wan)' nsenter --net=/run/netns/wan -- ip -batch - <<'EOF'
link set dev lo alias opentop:wan
link add name site-a type bridge
link set dev site-a addrgenmode none
link set dev site-a up
link add name site-b type bridge
link set dev site-b addrgenmode none
link set dev site-b up
link add name ra.lan index 13796836 master site-a up type veth peer name lan netns wan.ra
link set dev ra.lan addrgenmode none
link add name rb.lan index 9590135 master site-b up type veth peer name lan netns wan.rb
link set dev rb.lan addrgenmode none
link add name pc-a.eth0 index 5672292 master site-a up type veth peer name eth0 netns wan.pc-a
link set dev pc-a.eth0 addrgenmode none
link add name pc-b.eth0 index 12509094 master site-b up type veth peer name eth0 netns wan.pc-b
link set dev pc-b.eth0 addrgenmode none
EOF
  }
  at_once 4 5 || return 1
  # == stage 4 of 5: shaping (its 2 steps side by side)
  up_6() {
    # shape wan in wan.ra: tbf rate 20mbit burst 15140b limit 1514000b  (examples/wan.otop:17:47)
    # shape wan in wan.ra: netem limit 1000 delay 30ms 2ms loss 0.1% rate 20mbit  (examples/wan.otop:17:47)
    tool_step '6/11, shaping, in node ra (wan.ra)' nsenter --net=/run/netns/wan.ra -- tc -batch - <<'EOF'
qdisc add dev wan root handle 1: tbf rate 20mbit burst 15140b limit 1514000b
qdisc add dev wan parent 1:1 handle 10: netem limit 1000 delay 30ms 2ms loss 0.1% rate 20mbit
EOF
  }
  up_7() {
    # shape wan in wan.rb: tbf rate 20mbit burst 15140b limit 1514000b  (examples/wan.otop:17:47)
    # shape wan in wan.rb: netem limit 1000 delay 30ms 2ms loss 0.1% rate 20mbit  (examples/wan.otop:17:47)
    tool_step '7/11, shaping, in node rb (wan.rb)' nsenter --net=/run/netns/wan.rb -- tc -batch - <<'EOF'
qdisc add dev wan root handle 1: tbf rate 20mbit burst 15140b limit 1514000b
qdisc add dev wan parent 1:1 handle 10: netem limit 1000 delay 30ms 2ms loss 0.1% rate 20mbit
EOF
  }
  at_once 6 7 || return 1
  # == stage 5 of 5: addresses and routes (its 4 steps side by side)
  up_8() {
    # mark lo in wan.ra as opentop:wan:ra  (examples/wan.otop:14:1)
    # bring lo up in wan.ra  (examples/wan.otop:14:1)
    # add 10.10.0.1/24 to lan in wan.ra  (examples/wan.otop:16:17)
    # add fd10:a::1/64 to lan in wan.ra  (examples/wan.otop:16:30)
    # bring lan up in wan.ra  (examples/wan.otop:16:3)
    # add 10.255.1.0/31 to wan in wan.ra  (examples/wan.otop:17:17)
    # add fd10:ff::/127 to wan in wan.ra  (examples/wan.otop:17:31)
    # bring wan up in wan.ra  (examples/wan.otop:17:3)
    # route 10.20.0.0/24 via 10.255.1.1 in wan.ra  (examples/wan.otop:18:3)
    # route fd10:b::/64 via fd10:ff::1 in wan.ra  (examples/wan.otop:19:3)
    tool_step '8/11, addresses and routes, in node ra (wan.ra)' nsenter --net=/run/netns/wan.ra -- ip -batch - <<'EOF'
link set dev lo alias opentop:wan:ra
link set dev lo up
addr add 10.10.0.1/24 dev lan
addr add fd10:a::1/64 dev lan nodad
link set dev lan up
addr add 10.255.1.0/31 dev wan
addr add fd10:ff::/127 dev wan nodad
link set dev wan up
route add 10.20.0.0/24 via 10.255.1.1
route add fd10:b::/64 via fd10:ff::1
EOF
  }
  up_9() {
    # mark lo in wan.rb as opentop:wan:rb  (examples/wan.otop:22:1)
    # bring lo up in wan.rb  (examples/wan.otop:22:1)
    # add 10.20.0.1/24 to lan in wan.rb  (examples/wan.otop:24:17)
    # add fd10:b::1/64 to lan in wan.rb  (examples/wan.otop:24:30)
    # bring lan up in wan.rb  (examples/wan.otop:24:3)
    # add 10.255.1.1/31 to wan in wan.rb  (examples/wan.otop:25:7)
    # add fd10:ff::1/127 to wan in wan.rb  (examples/wan.otop:25:21)
    # bring wan up in wan.rb  (examples/wan.otop:25:3)
    # route 10.10.0.0/24 via 10.255.1.0 in wan.rb  (examples/wan.otop:26:3)
    # route fd10:a::/64 via fd10:ff:: in wan.rb  (examples/wan.otop:27:3)
    tool_step '9/11, addresses and routes, in node rb (wan.rb)' nsenter --net=/run/netns/wan.rb -- ip -batch - <<'EOF'
link set dev lo alias opentop:wan:rb
link set dev lo up
addr add 10.20.0.1/24 dev lan
addr add fd10:b::1/64 dev lan nodad
link set dev lan up
addr add 10.255.1.1/31 dev wan
addr add fd10:ff::1/127 dev wan nodad
link set dev wan up
route add 10.10.0.0/24 via 10.255.1.0
route add fd10:a::/64 via fd10:ff::
EOF
  }
  up_10() {
    # mark lo in wan.pc-a as opentop:wan:pc-a  (examples/wan.otop:30:1)
    # bring lo up in wan.pc-a  (examples/wan.otop:30:1)
    # add 10.10.0.10/24 to eth0 in wan.pc-a  (examples/wan.otop:31:18)
    # add fd10:a::10/64 to eth0 in wan.pc-a  (examples/wan.otop:31:32)
    # bring eth0 up in wan.pc-a  (examples/wan.otop:31:3)
    # route 0.0.0.0/0 via 10.10.0.1 in wan.pc-a  (examples/wan.otop:32:3)
    # route ::/0 via fd10:a::1 in wan.pc-a  (examples/wan.otop:33:3)
    tool_step '10/11, addresses and routes, in node pc-a (wan.pc-a)' nsenter --net=/run/netns/wan.pc-a -- ip -batch - <<'EOF'
link set dev lo alias opentop:wan:pc-a
link set dev lo up
addr add 10.10.0.10/24 dev eth0
addr add fd10:a::10/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.10.0.1
route add ::/0 via fd10:a::1
EOF
  }
  up_11() {
    # mark lo in wan.pc-b as opentop:wan:pc-b  (examples/wan.otop:36:1)
    # bring lo up in wan.pc-b  (examples/wan.otop:36:1)
    # add 10.20.0.10/24 to eth0 in wan.pc-b  (examples/wan.otop:37:18)
    # add fd10:b::10/64 to eth0 in wan.pc-b  (examples/wan.otop:37:32)
    # bring eth0 up in wan.pc-b  (examples/wan.otop:37:3)
    # route 0.0.0.0/0 via 10.20.0.1 in wan.pc-b  (examples/wan.otop:38:3)
    # route ::/0 via fd10:b::1 in wan.pc-b  (examples/wan.otop:39:3)
    tool_step '11/11, addresses and routes, in node pc-b (wan.pc-b)' nsenter --net=/run/netns/wan.pc-b -- ip -batch - <<'EOF'
link set dev lo alias opentop:wan:pc-b
link set dev lo up
addr add 10.20.0.10/24 dev eth0
addr add fd10:b::10/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.20.0.1
route add ::/0 via fd10:b::1
EOF
  }
  at_once 8 11 || return 1
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
  # delete network namespace wan.pc-b and everything in it
  if ns_ours wan.pc-b opentop:wan:pc-b; then owned=$((owned + 1)); queue 'netns del wan.pc-b'; fi
  # delete network namespace wan.pc-a and everything in it
  if ns_ours wan.pc-a opentop:wan:pc-a; then owned=$((owned + 1)); queue 'netns del wan.pc-a'; fi
  # delete network namespace wan.rb and everything in it
  if ns_ours wan.rb opentop:wan:rb; then owned=$((owned + 1)); queue 'netns del wan.rb'; fi
  # delete network namespace wan.ra and everything in it
  if ns_ours wan.ra opentop:wan:ra; then owned=$((owned + 1)); queue 'netns del wan.ra'; fi
  # delete network namespace wan and everything in it
  if ns_ours wan opentop:wan; then owned=$((owned + 1)); queue 'netns del wan'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/wan ]; then left="$left"'  netns wan'"$NL"; fi
  if [ -e /run/netns/wan.ra ]; then left="$left"'  netns wan.ra'"$NL"; fi
  if [ -e /run/netns/wan.rb ]; then left="$left"'  netns wan.rb'"$NL"; fi
  if [ -e /run/netns/wan.pc-a ]; then left="$left"'  netns wan.pc-a'"$NL"; fi
  if [ -e /run/netns/wan.pc-b ]; then left="$left"'  netns wan.pc-b'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/wan && found=0
  taken_netns /run/netns/wan.ra && found=0
  taken_netns /run/netns/wan.rb && found=0
  taken_netns /run/netns/wan.pc-a && found=0
  taken_netns /run/netns/wan.pc-b && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/wan.otop:17:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/wan.otop:16:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/wan.otop:24:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/wan.otop:31:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/wan.otop:37:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge
EOF
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (examples/wan.otop:11:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (examples/wan.otop:12:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- tc qdisc add dev lo root tbf rate 1mbit burst 16kb limit 16kb; then
    error OT6011 'this kernel lacks the token bucket filter qdisc (rate), which this statement needs (examples/wan.otop:17:47)' 'it is the kernel option CONFIG_NET_SCH_TBF (module sch_tbf: `modprobe sch_tbf`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- tc qdisc add dev lo root netem delay 1ms; then
    error OT6011 'this kernel lacks the network emulator qdisc (delay, jitter, loss), which this statement needs (examples/wan.otop:17:47)' 'it is the kernel option CONFIG_NET_SCH_NETEM (module sch_netem: `modprobe sch_netem`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:wan 2:wan.ra+tc 3:wan.rb+tc 4:wan.pc-a 5:wan.pc-b
)

ns_1() { look 'the switches (wan)' wan links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface site-a'
  [ "${seen_3-}" = 1 ] || drift missing 'interface site-b'
  [ "${seen_4-}" = 1 ] || drift missing 'interface ra.lan'
  [ "${seen_5-}" = 1 ] || drift missing 'interface rb.lan'
  [ "${seen_6-}" = 1 ] || drift missing 'interface pc-a.eth0'
  [ "${seen_7-}" = 1 ] || drift missing 'interface pc-b.eth0'
  extras
}

# links_1 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_1() {
  case $2 in
    '') links_1_0 "$1" && return 0 ;;
    site-a) links_1_1 "$1" && return 0 ;;
    site-b) links_1_2 "$1" && return 0 ;;
  esac
  links_1_0 "$1" || links_1_1 "$1" || links_1_2 "$1"
}
links_1_0() {
  case $1 in
    lo) seen_1=1; want_link ;;
    site-a) seen_2=1; want_link up ;;
    site-b) seen_3=1; want_link up ;;
    *) return 1 ;;
  esac
}
links_1_1() {
  case $1 in
    ra.lan) seen_4=1; want_link up master site-a ;;
    pc-a.eth0) seen_6=1; want_link up master site-a ;;
    *) return 1 ;;
  esac
}
links_1_2() {
  case $1 in
    rb.lan) seen_5=1; want_link up master site-b ;;
    pc-b.eth0) seen_7=1; want_link up master site-b ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node ra (wan.ra)' wan.ra links_2 1; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr wan 10.255.1.0/31
    want_addr wan fd10:ff::/127
  else
    drift missing 'interface wan'
  fi
  if [ "${seen_3-}" = 2 ]; then
    want_addr lan 10.10.0.1/24
    want_addr lan fd10:a::1/64
  else
    drift missing 'interface lan'
  fi
  [ "${rseen_1-}" = 2 ] || drift missing 'route 10.20.0.0/24 via 10.255.1.1'
  [ "${rseen_2-}" = 2 ] || drift missing 'route fd10:b::/64 via fd10:ff::1'
  shaped wan
  want_qdisc wan tbf 1: root rate 20Mbit
  want_qdisc wan netem 10: 1:1 limit 1000
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    wan) seen_2=2; want_link shaped up ;;
    lan) seen_3=2; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_2: marks the plan's routes that this route of the kernel is; false if none.
routes_2() {
  is=1
  case $r_dest in
    10.20.0.0/24)
      ! route_is '' 10.255.1.1 '' || { rseen_1=2; is=0; }
      ;;
    fd10:b::/64)
      ! route_is '' fd10:ff::1 '' || { rseen_2=2; is=0; }
      ;;
  esac
  return $is
}

ns_3() { look 'node rb (wan.rb)' wan.rb links_3 1; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr wan 10.255.1.1/31
    want_addr wan fd10:ff::1/127
  else
    drift missing 'interface wan'
  fi
  if [ "${seen_3-}" = 3 ]; then
    want_addr lan 10.20.0.1/24
    want_addr lan fd10:b::1/64
  else
    drift missing 'interface lan'
  fi
  [ "${rseen_1-}" = 3 ] || drift missing 'route 10.10.0.0/24 via 10.255.1.0'
  [ "${rseen_2-}" = 3 ] || drift missing 'route fd10:a::/64 via fd10:ff::'
  shaped wan
  want_qdisc wan tbf 1: root rate 20Mbit
  want_qdisc wan netem 10: 1:1 limit 1000
  extras
}

# links_3 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_3() {
  case $1 in
    lo) seen_1=3; want_link up ;;
    wan) seen_2=3; want_link shaped up ;;
    lan) seen_3=3; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_3: marks the plan's routes that this route of the kernel is; false if none.
routes_3() {
  is=1
  case $r_dest in
    10.10.0.0/24)
      ! route_is '' 10.255.1.0 '' || { rseen_1=3; is=0; }
      ;;
    fd10:a::/64)
      ! route_is '' fd10:ff:: '' || { rseen_2=3; is=0; }
      ;;
  esac
  return $is
}

ns_4() { look 'node pc-a (wan.pc-a)' wan.pc-a links_4 1; }
end_4() {
  [ "${seen_1-}" = 4 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 4 ]; then
    want_addr eth0 10.10.0.10/24
    want_addr eth0 fd10:a::10/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 4 ] || drift missing 'route 0.0.0.0/0 via 10.10.0.1'
  [ "${rseen_2-}" = 4 ] || drift missing 'route ::/0 via fd10:a::1'
  extras
}

# links_4 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_4() {
  case $1 in
    lo) seen_1=4; want_link up ;;
    eth0) seen_2=4; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_4: marks the plan's routes that this route of the kernel is; false if none.
routes_4() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.10.0.1 '' || { rseen_1=4; is=0; }
      ;;
    ::/0)
      ! route_is '' fd10:a::1 '' || { rseen_2=4; is=0; }
      ;;
  esac
  return $is
}

ns_5() { look 'node pc-b (wan.pc-b)' wan.pc-b links_5 1; }
end_5() {
  [ "${seen_1-}" = 5 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 5 ]; then
    want_addr eth0 10.20.0.10/24
    want_addr eth0 fd10:b::10/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 5 ] || drift missing 'route 0.0.0.0/0 via 10.20.0.1'
  [ "${rseen_2-}" = 5 ] || drift missing 'route ::/0 via fd10:b::1'
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
      ! route_is '' 10.20.0.1 '' || { rseen_1=5; is=0; }
      ;;
    ::/0)
      ! route_is '' fd10:b::1 '' || { rseen_2=5; is=0; }
      ;;
  esac
  return $is
}

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    ra) enter nsenter --net=/run/netns/wan.ra -- "$@" ;;
    rb) enter nsenter --net=/run/netns/wan.rb -- "$@" ;;
    pc-a) enter nsenter --net=/run/netns/wan.pc-a -- "$@" ;;
    pc-b) enter nsenter --net=/run/netns/wan.pc-b -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are ra, rb, pc-a, pc-b'
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
  printf '%s\n' '# lab wan: up, 65 operations in 11 processes

# stage 1: namespaces
ip -batch -
    netns add wan       # examples/wan.otop:9:5
    netns add wan.ra    # examples/wan.otop:14:1
    netns add wan.rb    # examples/wan.otop:22:1
    netns add wan.pc-a  # examples/wan.otop:30:1
    netns add wan.pc-b  # examples/wan.otop:36:1

# stage 2: namespace sysctls (steps run concurrently)
nsenter --net=/run/netns/wan.ra -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/wan.otop:15:3
    net.ipv6.conf.all.forwarding=1      # examples/wan.otop:15:3
    net.ipv6.conf.default.accept_dad=0  # examples/wan.otop:15:3
nsenter --net=/run/netns/wan.rb -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/wan.otop:23:3
    net.ipv6.conf.all.forwarding=1      # examples/wan.otop:23:3
    net.ipv6.conf.default.accept_dad=0  # examples/wan.otop:23:3

# stage 3: links (steps run concurrently)
ip -batch -
    link add name wan index 15080146 netns wan.ra type veth peer name wan netns wan.rb  # examples/wan.otop:17:3
nsenter --net=/run/netns/wan -- ip -batch -
    link set dev lo alias opentop:wan                                                                # examples/wan.otop:9:5
    link add name site-a type bridge                                                                 # examples/wan.otop:11:1
    link set dev site-a addrgenmode none                                                             # examples/wan.otop:11:1
    link set dev site-a up                                                                           # examples/wan.otop:11:1
    link add name site-b type bridge                                                                 # examples/wan.otop:12:1
    link set dev site-b addrgenmode none                                                             # examples/wan.otop:12:1
    link set dev site-b up                                                                           # examples/wan.otop:12:1
    link add name ra.lan index 13796836 master site-a up type veth peer name lan netns wan.ra        # examples/wan.otop:16:3
    link set dev ra.lan addrgenmode none                                                             # examples/wan.otop:16:3
    link add name rb.lan index 9590135 master site-b up type veth peer name lan netns wan.rb         # examples/wan.otop:24:3
    link set dev rb.lan addrgenmode none                                                             # examples/wan.otop:24:3
    link add name pc-a.eth0 index 5672292 master site-a up type veth peer name eth0 netns wan.pc-a   # examples/wan.otop:31:3
    link set dev pc-a.eth0 addrgenmode none                                                          # examples/wan.otop:31:3
    link add name pc-b.eth0 index 12509094 master site-b up type veth peer name eth0 netns wan.pc-b  # examples/wan.otop:37:3
    link set dev pc-b.eth0 addrgenmode none                                                          # examples/wan.otop:37:3

# stage 4: shaping (steps run concurrently)
nsenter --net=/run/netns/wan.ra -- tc -batch -
    qdisc add dev wan root handle 1: tbf rate 20mbit burst 15140b limit 1514000b                   # examples/wan.otop:17:47
    qdisc add dev wan parent 1:1 handle 10: netem limit 1000 delay 30ms 2ms loss 0.1% rate 20mbit  # examples/wan.otop:17:47
nsenter --net=/run/netns/wan.rb -- tc -batch -
    qdisc add dev wan root handle 1: tbf rate 20mbit burst 15140b limit 1514000b                   # examples/wan.otop:17:47
    qdisc add dev wan parent 1:1 handle 10: netem limit 1000 delay 30ms 2ms loss 0.1% rate 20mbit  # examples/wan.otop:17:47

# stage 5: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/wan.ra -- ip -batch -
    link set dev lo alias opentop:wan:ra   # examples/wan.otop:14:1
    link set dev lo up                     # examples/wan.otop:14:1
    addr add 10.10.0.1/24 dev lan          # examples/wan.otop:16:17
    addr add fd10:a::1/64 dev lan nodad    # examples/wan.otop:16:30
    link set dev lan up                    # examples/wan.otop:16:3
    addr add 10.255.1.0/31 dev wan         # examples/wan.otop:17:17
    addr add fd10:ff::/127 dev wan nodad   # examples/wan.otop:17:31
    link set dev wan up                    # examples/wan.otop:17:3
    route add 10.20.0.0/24 via 10.255.1.1  # examples/wan.otop:18:3
    route add fd10:b::/64 via fd10:ff::1   # examples/wan.otop:19:3
nsenter --net=/run/netns/wan.rb -- ip -batch -
    link set dev lo alias opentop:wan:rb   # examples/wan.otop:22:1
    link set dev lo up                     # examples/wan.otop:22:1
    addr add 10.20.0.1/24 dev lan          # examples/wan.otop:24:17
    addr add fd10:b::1/64 dev lan nodad    # examples/wan.otop:24:30
    link set dev lan up                    # examples/wan.otop:24:3
    addr add 10.255.1.1/31 dev wan         # examples/wan.otop:25:7
    addr add fd10:ff::1/127 dev wan nodad  # examples/wan.otop:25:21
    link set dev wan up                    # examples/wan.otop:25:3
    route add 10.10.0.0/24 via 10.255.1.0  # examples/wan.otop:26:3
    route add fd10:a::/64 via fd10:ff::    # examples/wan.otop:27:3
nsenter --net=/run/netns/wan.pc-a -- ip -batch -
    link set dev lo alias opentop:wan:pc-a  # examples/wan.otop:30:1
    link set dev lo up                      # examples/wan.otop:30:1
    addr add 10.10.0.10/24 dev eth0         # examples/wan.otop:31:18
    addr add fd10:a::10/64 dev eth0 nodad   # examples/wan.otop:31:32
    link set dev eth0 up                    # examples/wan.otop:31:3
    route add 0.0.0.0/0 via 10.10.0.1       # examples/wan.otop:32:3
    route add ::/0 via fd10:a::1            # examples/wan.otop:33:3
nsenter --net=/run/netns/wan.pc-b -- ip -batch -
    link set dev lo alias opentop:wan:pc-b  # examples/wan.otop:36:1
    link set dev lo up                      # examples/wan.otop:36:1
    addr add 10.20.0.10/24 dev eth0         # examples/wan.otop:37:18
    addr add fd10:b::10/64 dev eth0 nodad   # examples/wan.otop:37:32
    link set dev eth0 up                    # examples/wan.otop:37:3
    route add 0.0.0.0/0 via 10.20.0.1       # examples/wan.otop:38:3
    route add ::/0 via fd10:b::1            # examples/wan.otop:39:3'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "wan",
 "file": "/ROOT/examples/wan.otop",
 "hash": "ed9ee6a61619928529d593e399975ae5b636d19cacde1557b8abbbb91ffeffad",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["ra","rb","pc-a","pc-b"],
 "switches": ["site-a","site-b"],
 "plan": "69ba7c4fbdf7df7c358f860b71b0adcb7ea15e7219af776d53337de4271af10f",
 "owned": [
  {"kind":"netns","name":"wan"},
  {"kind":"netns","name":"wan.ra","node":"ra"},
  {"kind":"netns","name":"wan.rb","node":"rb"},
  {"kind":"netns","name":"wan.pc-a","node":"pc-a"},
  {"kind":"netns","name":"wan.pc-b","node":"pc-b"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"wan"},"origin":"examples/wan.otop:9:5"},
  {"op":{"kind":"netns.add","name":"wan.ra","node":"ra"},"origin":"examples/wan.otop:14:1"},
  {"op":{"kind":"netns.add","name":"wan.rb","node":"rb"},"origin":"examples/wan.otop:22:1"},
  {"op":{"kind":"netns.add","name":"wan.pc-a","node":"pc-a"},"origin":"examples/wan.otop:30:1"},
  {"op":{"kind":"netns.add","name":"wan.pc-b","node":"pc-b"},"origin":"examples/wan.otop:36:1"},
  {"op":{"kind":"sysctl.set","ns":"wan.ra","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/wan.otop:15:3"},
  {"op":{"kind":"sysctl.set","ns":"wan.ra","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/wan.otop:15:3"},
  {"op":{"kind":"sysctl.set","ns":"wan.ra","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/wan.otop:15:3"},
  {"op":{"kind":"sysctl.set","ns":"wan.rb","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/wan.otop:23:3"},
  {"op":{"kind":"sysctl.set","ns":"wan.rb","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/wan.otop:23:3"},
  {"op":{"kind":"sysctl.set","ns":"wan.rb","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/wan.otop:23:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"wan.ra","name":"wan","index":15080146},"b":{"ns":"wan.rb","name":"wan"}},"origin":"examples/wan.otop:17:3"},
  {"op":{"kind":"link.alias","ns":"wan","dev":"lo","alias":"opentop:wan"},"origin":"examples/wan.otop:9:5"},
  {"op":{"kind":"bridge.add","ns":"wan","name":"site-a"},"origin":"examples/wan.otop:11:1"},
  {"op":{"kind":"link.nolinklocal","ns":"wan","dev":"site-a"},"origin":"examples/wan.otop:11:1"},
  {"op":{"kind":"link.up","ns":"wan","dev":"site-a"},"origin":"examples/wan.otop:11:1"},
  {"op":{"kind":"bridge.add","ns":"wan","name":"site-b"},"origin":"examples/wan.otop:12:1"},
  {"op":{"kind":"link.nolinklocal","ns":"wan","dev":"site-b"},"origin":"examples/wan.otop:12:1"},
  {"op":{"kind":"link.up","ns":"wan","dev":"site-b"},"origin":"examples/wan.otop:12:1"},
  {"op":{"kind":"veth.add","ns":"wan","a":{"ns":"wan","name":"ra.lan","index":13796836,"master":"site-a"},"b":{"ns":"wan.ra","name":"lan"}},"origin":"examples/wan.otop:16:3"},
  {"op":{"kind":"link.nolinklocal","ns":"wan","dev":"ra.lan"},"origin":"examples/wan.otop:16:3"},
  {"op":{"kind":"veth.add","ns":"wan","a":{"ns":"wan","name":"rb.lan","index":9590135,"master":"site-b"},"b":{"ns":"wan.rb","name":"lan"}},"origin":"examples/wan.otop:24:3"},
  {"op":{"kind":"link.nolinklocal","ns":"wan","dev":"rb.lan"},"origin":"examples/wan.otop:24:3"},
  {"op":{"kind":"veth.add","ns":"wan","a":{"ns":"wan","name":"pc-a.eth0","index":5672292,"master":"site-a"},"b":{"ns":"wan.pc-a","name":"eth0"}},"origin":"examples/wan.otop:31:3"},
  {"op":{"kind":"link.nolinklocal","ns":"wan","dev":"pc-a.eth0"},"origin":"examples/wan.otop:31:3"},
  {"op":{"kind":"veth.add","ns":"wan","a":{"ns":"wan","name":"pc-b.eth0","index":12509094,"master":"site-b"},"b":{"ns":"wan.pc-b","name":"eth0"}},"origin":"examples/wan.otop:37:3"},
  {"op":{"kind":"link.nolinklocal","ns":"wan","dev":"pc-b.eth0"},"origin":"examples/wan.otop:37:3"},
  {"op":{"kind":"qdisc.add","ns":"wan.ra","dev":"wan","parent":"root","handle":"1:","qdisc":{"kind":"tbf","rate":20000000,"burst":15140,"limit":1514000}},"origin":"examples/wan.otop:17:47"},
  {"op":{"kind":"qdisc.add","ns":"wan.ra","dev":"wan","parent":"1:1","handle":"10:","qdisc":{"kind":"netem","limit":1000,"delay":30000,"jitter":2000,"loss":0.1,"rate":20000000}},"origin":"examples/wan.otop:17:47"},
  {"op":{"kind":"qdisc.add","ns":"wan.rb","dev":"wan","parent":"root","handle":"1:","qdisc":{"kind":"tbf","rate":20000000,"burst":15140,"limit":1514000}},"origin":"examples/wan.otop:17:47"},
  {"op":{"kind":"qdisc.add","ns":"wan.rb","dev":"wan","parent":"1:1","handle":"10:","qdisc":{"kind":"netem","limit":1000,"delay":30000,"jitter":2000,"loss":0.1,"rate":20000000}},"origin":"examples/wan.otop:17:47"},
  {"op":{"kind":"link.alias","ns":"wan.ra","dev":"lo","alias":"opentop:wan:ra"},"origin":"examples/wan.otop:14:1"},
  {"op":{"kind":"link.up","ns":"wan.ra","dev":"lo"},"origin":"examples/wan.otop:14:1"},
  {"op":{"kind":"addr.add","ns":"wan.ra","dev":"lan","cidr":"10.10.0.1/24","family":4},"origin":"examples/wan.otop:16:17"},
  {"op":{"kind":"addr.add","ns":"wan.ra","dev":"lan","cidr":"fd10:a::1/64","family":6},"origin":"examples/wan.otop:16:30"},
  {"op":{"kind":"link.up","ns":"wan.ra","dev":"lan"},"origin":"examples/wan.otop:16:3"},
  {"op":{"kind":"addr.add","ns":"wan.ra","dev":"wan","cidr":"10.255.1.0/31","family":4},"origin":"examples/wan.otop:17:17"},
  {"op":{"kind":"addr.add","ns":"wan.ra","dev":"wan","cidr":"fd10:ff::/127","family":6},"origin":"examples/wan.otop:17:31"},
  {"op":{"kind":"link.up","ns":"wan.ra","dev":"wan"},"origin":"examples/wan.otop:17:3"},
  {"op":{"kind":"route.add","ns":"wan.ra","family":4,"destination":"10.20.0.0/24","via":"10.255.1.1"},"origin":"examples/wan.otop:18:3"},
  {"op":{"kind":"route.add","ns":"wan.ra","family":6,"destination":"fd10:b::/64","via":"fd10:ff::1"},"origin":"examples/wan.otop:19:3"},
  {"op":{"kind":"link.alias","ns":"wan.rb","dev":"lo","alias":"opentop:wan:rb"},"origin":"examples/wan.otop:22:1"},
  {"op":{"kind":"link.up","ns":"wan.rb","dev":"lo"},"origin":"examples/wan.otop:22:1"},
  {"op":{"kind":"addr.add","ns":"wan.rb","dev":"lan","cidr":"10.20.0.1/24","family":4},"origin":"examples/wan.otop:24:17"},
  {"op":{"kind":"addr.add","ns":"wan.rb","dev":"lan","cidr":"fd10:b::1/64","family":6},"origin":"examples/wan.otop:24:30"},
  {"op":{"kind":"link.up","ns":"wan.rb","dev":"lan"},"origin":"examples/wan.otop:24:3"},
  {"op":{"kind":"addr.add","ns":"wan.rb","dev":"wan","cidr":"10.255.1.1/31","family":4},"origin":"examples/wan.otop:25:7"},
  {"op":{"kind":"addr.add","ns":"wan.rb","dev":"wan","cidr":"fd10:ff::1/127","family":6},"origin":"examples/wan.otop:25:21"},
  {"op":{"kind":"link.up","ns":"wan.rb","dev":"wan"},"origin":"examples/wan.otop:25:3"},
  {"op":{"kind":"route.add","ns":"wan.rb","family":4,"destination":"10.10.0.0/24","via":"10.255.1.0"},"origin":"examples/wan.otop:26:3"},
  {"op":{"kind":"route.add","ns":"wan.rb","family":6,"destination":"fd10:a::/64","via":"fd10:ff::"},"origin":"examples/wan.otop:27:3"},
  {"op":{"kind":"link.alias","ns":"wan.pc-a","dev":"lo","alias":"opentop:wan:pc-a"},"origin":"examples/wan.otop:30:1"},
  {"op":{"kind":"link.up","ns":"wan.pc-a","dev":"lo"},"origin":"examples/wan.otop:30:1"},
  {"op":{"kind":"addr.add","ns":"wan.pc-a","dev":"eth0","cidr":"10.10.0.10/24","family":4},"origin":"examples/wan.otop:31:18"},
  {"op":{"kind":"addr.add","ns":"wan.pc-a","dev":"eth0","cidr":"fd10:a::10/64","family":6},"origin":"examples/wan.otop:31:32"},
  {"op":{"kind":"link.up","ns":"wan.pc-a","dev":"eth0"},"origin":"examples/wan.otop:31:3"},
  {"op":{"kind":"route.add","ns":"wan.pc-a","family":4,"destination":"0.0.0.0/0","via":"10.10.0.1"},"origin":"examples/wan.otop:32:3"},
  {"op":{"kind":"route.add","ns":"wan.pc-a","family":6,"destination":"::/0","via":"fd10:a::1"},"origin":"examples/wan.otop:33:3"},
  {"op":{"kind":"link.alias","ns":"wan.pc-b","dev":"lo","alias":"opentop:wan:pc-b"},"origin":"examples/wan.otop:36:1"},
  {"op":{"kind":"link.up","ns":"wan.pc-b","dev":"lo"},"origin":"examples/wan.otop:36:1"},
  {"op":{"kind":"addr.add","ns":"wan.pc-b","dev":"eth0","cidr":"10.20.0.10/24","family":4},"origin":"examples/wan.otop:37:18"},
  {"op":{"kind":"addr.add","ns":"wan.pc-b","dev":"eth0","cidr":"fd10:b::10/64","family":6},"origin":"examples/wan.otop:37:32"},
  {"op":{"kind":"link.up","ns":"wan.pc-b","dev":"eth0"},"origin":"examples/wan.otop:37:3"},
  {"op":{"kind":"route.add","ns":"wan.pc-b","family":4,"destination":"0.0.0.0/0","via":"10.20.0.1"},"origin":"examples/wan.otop:38:3"},
  {"op":{"kind":"route.add","ns":"wan.pc-b","family":6,"destination":"::/0","via":"fd10:b::1"},"origin":"examples/wan.otop:39:3"}
 ]
}
'

# why PROGRAM: sets $why and $package, for the message when PROGRAM is missing.
why() {
  case $1 in
    ip) why='this lab creates namespaces, links, addresses and routes with it' package=iproute2 ;;
    nsenter) why='this lab runs programs inside its namespaces with it' package=util-linux ;;
    sysctl) why='this lab sets sysctls' package=procps ;;
    tc) why='this lab shapes traffic (rate, delay, loss) with it' package=iproute2 ;;
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