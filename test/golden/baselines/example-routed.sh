#!/bin/sh
# Lab routed: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/routed.otop
#   sha256    d8b84f8b41b16b93cfa67081d0dd5c575b7a431f7031c67c33f21c81029cee24
#   requires  ip nsenter sysctl unshare mkdir ln readlink rm mv date touch find cat sh sleep ss setsid timeout socat ping tr sed
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
LAB='routed'
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
NEED_TEST='nsenter sh ip sleep ss mkdir setsid timeout socat ping cat tr sed ln readlink rm date'
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=5
KIB_PER_NAMESPACE=320
SUMMARY='4 nodes, 2 switches, 6 links (67 operations)'
HELP='
Lab routed: 4 nodes, 2 switches, 6 links (67 operations).
  up      create it (needs root and ip, nsenter, sysctl, unshare, mkdir, ln, readlink, rm, mv, date, touch, find, cat)
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
  # == stage 1 of 4: namespaces
  # create network namespace routed  (examples/routed.otop:8:5)
  # create network namespace routed.r1  (examples/routed.otop:13:1)
  # create network namespace routed.r2  (examples/routed.otop:22:1)
  # create network namespace routed.client  (examples/routed.otop:30:1)
  # create network namespace routed.server  (examples/routed.otop:36:1)
  tool_step '1/9, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add routed
netns add routed.r1
netns add routed.r2
netns add routed.client
netns add routed.server
EOF
  # == stage 2 of 4: namespace sysctls (its 2 steps side by side)
  up_2() {
    # set net.ipv4.ip_forward = 1 in routed.r1  (examples/routed.otop:14:3)
    # set net.ipv6.conf.all.forwarding = 1 in routed.r1  (examples/routed.otop:14:3)
    # set net.ipv6.conf.default.accept_dad = 0 in routed.r1  (examples/routed.otop:14:3)
    tool_step '2/9, namespace sysctls, in node r1 (routed.r1)' nsenter --net=/run/netns/routed.r1 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_3() {
    # set net.ipv4.ip_forward = 1 in routed.r2  (examples/routed.otop:23:3)
    # set net.ipv6.conf.all.forwarding = 1 in routed.r2  (examples/routed.otop:23:3)
    # set net.ipv6.conf.default.accept_dad = 0 in routed.r2  (examples/routed.otop:23:3)
    tool_step '3/9, namespace sysctls, in node r2 (routed.r2)' nsenter --net=/run/netns/routed.r2 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  at_once 2 3 || return 1
  # == stage 3 of 4: links (its 2 steps side by side)
  up_4() {
    # create veth pair eth1 (routed.r1) — eth1 (routed.r2)  (examples/routed.otop:16:3)
    # create veth pair ot-3ty1yf-uplin (the host) — uplink (routed.r1)  (examples/routed.otop:17:3)
    # mark ot-3ty1yf-uplin in the host as opentop:routed:r1:uplink  (examples/routed.otop:17:3)
    # add 198.51.100.1/30 to ot-3ty1yf-uplin in the host  (examples/routed.otop:17:49)
    # bring ot-3ty1yf-uplin up in the host  (examples/routed.otop:17:3)
    tool_step '4/9, links, on the host' ip -batch - <<'EOF'
link add name eth1 index 9558233 netns routed.r1 type veth peer name eth1 netns routed.r2
link add name ot-3ty1yf-uplin type veth peer name uplink netns routed.r1
link set dev ot-3ty1yf-uplin alias opentop:routed:r1:uplink
addr add 198.51.100.1/30 dev ot-3ty1yf-uplin
link set dev ot-3ty1yf-uplin up
EOF
  }
  up_5() {
    # mark lo in routed as opentop:routed  (examples/routed.otop:8:5)
    # create bridge lan1 in routed  (examples/routed.otop:10:1)
    # give lan1 in routed no IPv6 link-local address  (examples/routed.otop:10:1)
    # bring lan1 up in routed  (examples/routed.otop:10:1)
    # create bridge lan2 in routed  (examples/routed.otop:11:1)
    # give lan2 in routed no IPv6 link-local address  (examples/routed.otop:11:1)
    # bring lan2 up in routed  (examples/routed.otop:11:1)
    # create veth pair r1.eth0 (routed) — eth0 (routed.r1)  (examples/routed.otop:15:3)
    # give r1.eth0 in routed no IPv6 link-local address  (examples/routed.otop:15:3)
    # create veth pair r2.eth0 (routed) — eth0 (routed.r2)  (examples/routed.otop:24:3)
    # give r2.eth0 in routed no IPv6 link-local address  (examples/routed.otop:24:3)
    # create veth pair client.eth0 (routed) — eth0 (routed.client)  (examples/routed.otop:31:3)
    # give client.eth0 in routed no IPv6 link-local address  (examples/routed.otop:31:3)
    # create veth pair server.eth0 (routed) — eth0 (routed.server)  (examples/routed.otop:37:3)
    # give server.eth0 in routed no IPv6 link-local address  (examples/routed.otop:37:3)
    tool_step '5/9, links, in the switches (routed)' nsenter --net=/run/netns/routed -- ip -batch - <<'EOF'
link set dev lo alias opentop:routed
link add name lan1 type bridge
link set dev lan1 addrgenmode none
link set dev lan1 up
link add name lan2 mtu 1400 type bridge
link set dev lan2 addrgenmode none
link set dev lan2 up
link add name r1.eth0 index 9080851 master lan1 up type veth peer name eth0 netns routed.r1
link set dev r1.eth0 addrgenmode none
link add name r2.eth0 index 11633859 mtu 1400 master lan2 up type veth peer name eth0 netns routed.r2 mtu 1400
link set dev r2.eth0 addrgenmode none
link add name client.eth0 index 13719805 master lan1 up type veth peer name eth0 netns routed.client
link set dev client.eth0 addrgenmode none
link add name server.eth0 index 12503716 mtu 1400 master lan2 up type veth peer name eth0 netns routed.server mtu 1400
link set dev server.eth0 addrgenmode none
EOF
  }
  at_once 4 5 || return 1
  # == stage 4 of 4: addresses and routes (its 4 steps side by side)
  up_6() {
    # mark lo in routed.r1 as opentop:routed:r1  (examples/routed.otop:13:1)
    # bring lo up in routed.r1  (examples/routed.otop:13:1)
    # add 10.1.0.1/24 to eth0 in routed.r1  (examples/routed.otop:15:16)
    # add fd00:1::1/64 to eth0 in routed.r1  (examples/routed.otop:15:28)
    # bring eth0 up in routed.r1  (examples/routed.otop:15:3)
    # add 10.255.0.0/31 to eth1 in routed.r1  (examples/routed.otop:16:19)
    # add fd00:ff::/127 to eth1 in routed.r1  (examples/routed.otop:16:33)
    # bring eth1 up in routed.r1  (examples/routed.otop:16:3)
    # add 198.51.100.2/30 to uplink in routed.r1  (examples/routed.otop:17:18)
    # bring uplink up in routed.r1  (examples/routed.otop:17:3)
    # route 10.2.0.0/24 via 10.255.0.1 in routed.r1  (examples/routed.otop:18:3)
    # route fd00:2::/64 via fd00:ff::1 in routed.r1  (examples/routed.otop:19:3)
    tool_step '6/9, addresses and routes, in node r1 (routed.r1)' nsenter --net=/run/netns/routed.r1 -- ip -batch - <<'EOF'
link set dev lo alias opentop:routed:r1
link set dev lo up
addr add 10.1.0.1/24 dev eth0
addr add fd00:1::1/64 dev eth0 nodad
link set dev eth0 up
addr add 10.255.0.0/31 dev eth1
addr add fd00:ff::/127 dev eth1 nodad
link set dev eth1 up
addr add 198.51.100.2/30 dev uplink
link set dev uplink up
route add 10.2.0.0/24 via 10.255.0.1
route add fd00:2::/64 via fd00:ff::1
EOF
  }
  up_7() {
    # mark lo in routed.r2 as opentop:routed:r2  (examples/routed.otop:22:1)
    # bring lo up in routed.r2  (examples/routed.otop:22:1)
    # add 10.2.0.1/24 to eth0 in routed.r2  (examples/routed.otop:24:16)
    # add fd00:2::1/64 to eth0 in routed.r2  (examples/routed.otop:24:28)
    # bring eth0 up in routed.r2  (examples/routed.otop:24:3)
    # add 10.255.0.1/31 to eth1 in routed.r2  (examples/routed.otop:25:8)
    # add fd00:ff::1/127 to eth1 in routed.r2  (examples/routed.otop:25:22)
    # bring eth1 up in routed.r2  (examples/routed.otop:25:3)
    # route 10.1.0.0/24 via 10.255.0.0 in routed.r2  (examples/routed.otop:26:3)
    # route fd00:1::/64 via fd00:ff:: in routed.r2  (examples/routed.otop:27:3)
    tool_step '7/9, addresses and routes, in node r2 (routed.r2)' nsenter --net=/run/netns/routed.r2 -- ip -batch - <<'EOF'
link set dev lo alias opentop:routed:r2
link set dev lo up
addr add 10.2.0.1/24 dev eth0
addr add fd00:2::1/64 dev eth0 nodad
link set dev eth0 up
addr add 10.255.0.1/31 dev eth1
addr add fd00:ff::1/127 dev eth1 nodad
link set dev eth1 up
route add 10.1.0.0/24 via 10.255.0.0
route add fd00:1::/64 via fd00:ff::
EOF
  }
  up_8() {
    # mark lo in routed.client as opentop:routed:client  (examples/routed.otop:30:1)
    # bring lo up in routed.client  (examples/routed.otop:30:1)
    # add 10.1.0.10/24 to eth0 in routed.client  (examples/routed.otop:31:16)
    # add fd00:1::10/64 to eth0 in routed.client  (examples/routed.otop:31:29)
    # bring eth0 up in routed.client  (examples/routed.otop:31:3)
    # route 0.0.0.0/0 via 10.1.0.1 in routed.client  (examples/routed.otop:32:3)
    # route ::/0 via fd00:1::1 in routed.client  (examples/routed.otop:33:3)
    tool_step '8/9, addresses and routes, in node client (routed.client)' nsenter --net=/run/netns/routed.client -- ip -batch - <<'EOF'
link set dev lo alias opentop:routed:client
link set dev lo up
addr add 10.1.0.10/24 dev eth0
addr add fd00:1::10/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.1.0.1
route add ::/0 via fd00:1::1
EOF
  }
  up_9() {
    # mark lo in routed.server as opentop:routed:server  (examples/routed.otop:36:1)
    # bring lo up in routed.server  (examples/routed.otop:36:1)
    # add 10.2.0.10/24 to eth0 in routed.server  (examples/routed.otop:37:16)
    # add fd00:2::10/64 to eth0 in routed.server  (examples/routed.otop:37:29)
    # bring eth0 up in routed.server  (examples/routed.otop:37:3)
    # route 0.0.0.0/0 via 10.2.0.1 in routed.server  (examples/routed.otop:38:3)
    # route ::/0 via fd00:2::1 in routed.server  (examples/routed.otop:39:3)
    tool_step '9/9, addresses and routes, in node server (routed.server)' nsenter --net=/run/netns/routed.server -- ip -batch - <<'EOF'
link set dev lo alias opentop:routed:server
link set dev lo up
addr add 10.2.0.10/24 dev eth0
addr add fd00:2::10/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.2.0.1
route add ::/0 via fd00:2::1
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
  # delete ot-3ty1yf-uplin from the host
  if iface_ours ot-3ty1yf-uplin opentop:routed:r1:uplink routed.r1 opentop:routed:r1; then owned=$((owned + 1)); queue 'link del dev ot-3ty1yf-uplin'; fi
  # delete network namespace routed.server and everything in it
  if ns_ours routed.server opentop:routed:server; then owned=$((owned + 1)); queue 'netns del routed.server'; fi
  # delete network namespace routed.client and everything in it
  if ns_ours routed.client opentop:routed:client; then owned=$((owned + 1)); queue 'netns del routed.client'; fi
  # delete network namespace routed.r2 and everything in it
  if ns_ours routed.r2 opentop:routed:r2; then owned=$((owned + 1)); queue 'netns del routed.r2'; fi
  # delete network namespace routed.r1 and everything in it
  if ns_ours routed.r1 opentop:routed:r1; then owned=$((owned + 1)); queue 'netns del routed.r1'; fi
  # delete network namespace routed and everything in it
  if ns_ours routed opentop:routed; then owned=$((owned + 1)); queue 'netns del routed'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/routed ]; then left="$left"'  netns routed'"$NL"; fi
  if [ -e /run/netns/routed.r1 ]; then left="$left"'  netns routed.r1'"$NL"; fi
  if [ -e /run/netns/routed.r2 ]; then left="$left"'  netns routed.r2'"$NL"; fi
  if [ -e /run/netns/routed.client ]; then left="$left"'  netns routed.client'"$NL"; fi
  if [ -e /run/netns/routed.server ]; then left="$left"'  netns routed.server'"$NL"; fi
  if iface_exists ot-3ty1yf-uplin; then left="$left"'  host-iface ot-3ty1yf-uplin'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/routed && found=0
  taken_netns /run/netns/routed.r1 && found=0
  taken_netns /run/netns/routed.r2 && found=0
  taken_netns /run/netns/routed.client && found=0
  taken_netns /run/netns/routed.server && found=0
  taken_iface ot-3ty1yf-uplin && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/routed.otop:16:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/routed.otop:17:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/routed.otop:15:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/routed.otop:24:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/routed.otop:31:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/routed.otop:37:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge
EOF
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (examples/routed.otop:10:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (examples/routed.otop:11:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:routed 2:routed.r1 3:routed.r2 4:routed.client 5:routed.server 6:-
)

ns_1() { look 'the switches (routed)' routed links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface lan1'
  [ "${seen_3-}" = 1 ] || drift missing 'interface lan2'
  [ "${seen_4-}" = 1 ] || drift missing 'interface r1.eth0'
  [ "${seen_5-}" = 1 ] || drift missing 'interface r2.eth0'
  [ "${seen_6-}" = 1 ] || drift missing 'interface client.eth0'
  [ "${seen_7-}" = 1 ] || drift missing 'interface server.eth0'
  extras
}

# links_1 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_1() {
  case $2 in
    '') links_1_0 "$1" && return 0 ;;
    lan1) links_1_1 "$1" && return 0 ;;
    lan2) links_1_2 "$1" && return 0 ;;
  esac
  links_1_0 "$1" || links_1_1 "$1" || links_1_2 "$1"
}
links_1_0() {
  case $1 in
    lo) seen_1=1; want_link ;;
    lan1) seen_2=1; want_link up ;;
    lan2) seen_3=1; want_link up mtu 1400 ;;
    *) return 1 ;;
  esac
}
links_1_1() {
  case $1 in
    r1.eth0) seen_4=1; want_link up master lan1 ;;
    client.eth0) seen_6=1; want_link up master lan1 ;;
    *) return 1 ;;
  esac
}
links_1_2() {
  case $1 in
    r2.eth0) seen_5=1; want_link up mtu 1400 master lan2 ;;
    server.eth0) seen_7=1; want_link up mtu 1400 master lan2 ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node r1 (routed.r1)' routed.r1 links_2 1; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr eth1 10.255.0.0/31
    want_addr eth1 fd00:ff::/127
  else
    drift missing 'interface eth1'
  fi
  if [ "${seen_3-}" = 2 ]; then
    want_addr uplink 198.51.100.2/30
  else
    drift missing 'interface uplink'
  fi
  if [ "${seen_4-}" = 2 ]; then
    want_addr eth0 10.1.0.1/24
    want_addr eth0 fd00:1::1/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 2 ] || drift missing 'route 10.2.0.0/24 via 10.255.0.1'
  [ "${rseen_2-}" = 2 ] || drift missing 'route fd00:2::/64 via fd00:ff::1'
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    eth1) seen_2=2; want_link up ;;
    uplink) seen_3=2; want_link up ;;
    eth0) seen_4=2; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_2: marks the plan's routes that this route of the kernel is; false if none.
routes_2() {
  is=1
  case $r_dest in
    10.2.0.0/24)
      ! route_is '' 10.255.0.1 '' || { rseen_1=2; is=0; }
      ;;
    fd00:2::/64)
      ! route_is '' fd00:ff::1 '' || { rseen_2=2; is=0; }
      ;;
  esac
  return $is
}

ns_3() { look 'node r2 (routed.r2)' routed.r2 links_3 1; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr eth1 10.255.0.1/31
    want_addr eth1 fd00:ff::1/127
  else
    drift missing 'interface eth1'
  fi
  if [ "${seen_3-}" = 3 ]; then
    want_addr eth0 10.2.0.1/24
    want_addr eth0 fd00:2::1/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 3 ] || drift missing 'route 10.1.0.0/24 via 10.255.0.0'
  [ "${rseen_2-}" = 3 ] || drift missing 'route fd00:1::/64 via fd00:ff::'
  extras
}

# links_3 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_3() {
  case $1 in
    lo) seen_1=3; want_link up ;;
    eth1) seen_2=3; want_link up ;;
    eth0) seen_3=3; want_link up mtu 1400 ;;
    *) return 1 ;;
  esac
}

# routes_3: marks the plan's routes that this route of the kernel is; false if none.
routes_3() {
  is=1
  case $r_dest in
    10.1.0.0/24)
      ! route_is '' 10.255.0.0 '' || { rseen_1=3; is=0; }
      ;;
    fd00:1::/64)
      ! route_is '' fd00:ff:: '' || { rseen_2=3; is=0; }
      ;;
  esac
  return $is
}

ns_4() { look 'node client (routed.client)' routed.client links_4 1; }
end_4() {
  [ "${seen_1-}" = 4 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 4 ]; then
    want_addr eth0 10.1.0.10/24
    want_addr eth0 fd00:1::10/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 4 ] || drift missing 'route 0.0.0.0/0 via 10.1.0.1'
  [ "${rseen_2-}" = 4 ] || drift missing 'route ::/0 via fd00:1::1'
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
      ! route_is '' 10.1.0.1 '' || { rseen_1=4; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:1::1 '' || { rseen_2=4; is=0; }
      ;;
  esac
  return $is
}

ns_5() { look 'node server (routed.server)' routed.server links_5 1; }
end_5() {
  [ "${seen_1-}" = 5 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 5 ]; then
    want_addr eth0 10.2.0.10/24
    want_addr eth0 fd00:2::10/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 5 ] || drift missing 'route 0.0.0.0/0 via 10.2.0.1'
  [ "${rseen_2-}" = 5 ] || drift missing 'route ::/0 via fd00:2::1'
  extras
}

# links_5 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_5() {
  case $1 in
    lo) seen_1=5; want_link up ;;
    eth0) seen_2=5; want_link up mtu 1400 ;;
    *) return 1 ;;
  esac
}

# routes_5: marks the plan's routes that this route of the kernel is; false if none.
routes_5() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.2.0.1 '' || { rseen_1=5; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:2::1 '' || { rseen_2=5; is=0; }
      ;;
  esac
  return $is
}

ns_6() { look host '' links_6; }
end_6() {
  if [ "${seen_1-}" = 6 ]; then
    want_addr ot-3ty1yf-uplin 198.51.100.1/30
  else
    drift missing 'interface ot-3ty1yf-uplin'
  fi
  extras
}

# links_6 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_6() {
  case $1 in
    ot-3ty1yf-uplin) seen_1=6; want_link up ;;
    *) return 1 ;;
  esac
}
routes_6() { return 1; }

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    r1) enter nsenter --net=/run/netns/routed.r1 -- "$@" ;;
    r2) enter nsenter --net=/run/netns/routed.r2 -- "$@" ;;
    client) enter nsenter --net=/run/netns/routed.client -- "$@" ;;
    server) enter nsenter --net=/run/netns/routed.server -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are r1, r2, client, server'
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
  # wait until the IPv6 addresses of node r1 have passed duplicate address detection (at most 5 s)
  settle 1 nsenter --net=/run/netns/routed.r1 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node r2 have passed duplicate address detection (at most 5 s)
  settle 2 nsenter --net=/run/netns/routed.r2 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node client have passed duplicate address detection (at most 5 s)
  settle 3 nsenter --net=/run/netns/routed.client -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node server have passed duplicate address detection (at most 5 s)
  settle 4 nsenter --net=/run/netns/routed.server -- sh -c "$SH_SETTLE" opentop-settle 5
  # listen on tcp 10.2.0.10:80 in node server, unless something does
  listener 5 nsenter --net=/run/netns/routed.server -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/routed/probes/server.tcp.10.2.0.10.80.pid opentop:routed:server:listen-tcp-80-1 84 tcp 4 10.2.0.10 80
  # listen on tcp [fd00:2::10]:80 in node server, unless something does
  listener 6 nsenter --net=/run/netns/routed.server -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/routed/probes/server.tcp.fd00:2::10.80.pid opentop:routed:server:listen-tcp-80-2 84 tcp 6 fd00:2::10 80
  # listen on udp 10.1.0.10:53 in node client, unless something does
  listener 7 nsenter --net=/run/netns/routed.client -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/routed/probes/client.udp.10.1.0.10.53.pid opentop:routed:client:listen-udp-53-3 84 udp 4 10.1.0.10 53
  # listen on udp [fd00:1::10]:53 in node client, unless something does
  listener 8 nsenter --net=/run/netns/routed.client -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/routed/probes/client.udp.fd00:1::10.53.pid opentop:routed:client:listen-udp-53-4 84 udp 6 fd00:1::10 53
  # probe tcp 10.2.0.10:80 from node client
  run_probe 9 nsenter --net=/run/netns/routed.client -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.2.0.10 80 '' 2
  # probe tcp [fd00:2::10]:80 from node client
  run_probe 10 nsenter --net=/run/netns/routed.client -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd00:2::10 80 '' 2
  # probe udp 10.1.0.10:53 from node server
  run_probe 11 nsenter --net=/run/netns/routed.server -- sh -c "$SH_PROBE" opentop-probe udp 4 10.1.0.10 53 '' 2
  # probe udp [fd00:1::10]:53 from node server
  run_probe 12 nsenter --net=/run/netns/routed.server -- sh -c "$SH_PROBE" opentop-probe udp 6 fd00:1::10 53 '' 2
  # probe icmp 10.2.0.10 from node client
  run_probe 13 nsenter --net=/run/netns/routed.client -- sh -c "$SH_PROBE" opentop-probe icmp 4 10.2.0.10 '' '' 2
  # probe icmp fd00:2::10 from node client
  run_probe 14 nsenter --net=/run/netns/routed.client -- sh -c "$SH_PROBE" opentop-probe icmp 6 fd00:2::10 '' '' 2
  # probe icmp 10.255.0.1 from node client
  run_probe 15 nsenter --net=/run/netns/routed.client -- sh -c "$SH_PROBE" opentop-probe icmp 4 10.255.0.1 '' '' 2
  # probe icmp fd00:ff::1 from node client
  run_probe 16 nsenter --net=/run/netns/routed.client -- sh -c "$SH_PROBE" opentop-probe icmp 6 fd00:ff::1 '' '' 2
  wait
  stop_listeners
}

stop_listeners() {
  # stop the listener on tcp 10.2.0.10 port 80 in node server
  stop_listener 5 sh -c "$SH_STOP" opentop-stop /run/opentop/routed/probes/server.tcp.10.2.0.10.80.pid opentop:routed:server:listen-tcp-80-1 10 group
  # stop the listener on tcp fd00:2::10 port 80 in node server
  stop_listener 6 sh -c "$SH_STOP" opentop-stop /run/opentop/routed/probes/server.tcp.fd00:2::10.80.pid opentop:routed:server:listen-tcp-80-2 10 group
  # stop the listener on udp 10.1.0.10 port 53 in node client
  stop_listener 7 sh -c "$SH_STOP" opentop-stop /run/opentop/routed/probes/client.udp.10.1.0.10.53.pid opentop:routed:client:listen-udp-53-3 10 group
  # stop the listener on udp fd00:1::10 port 53 in node client
  stop_listener 8 sh -c "$SH_STOP" opentop-stop /run/opentop/routed/probes/client.udp.fd00:1::10.53.pid opentop:routed:client:listen-udp-53-4 10 group
  :
}

TEST_WIDTH=23
test_rows() {
  row 'client -> server tcp 80' 4 reach reaches 'through client → r1 → r2 → server' 9 5
  row 'client -> server tcp 80' 6 reach reaches 'through client → r1 → r2 → server' 10 6
  row 'server -> client udp 53' 4 reach reaches 'through server → r2 → r1 → client' 11 7
  row 'server -> client udp 53' 6 reach reaches 'through server → r2 → r1 → client' 12 8
  row 'client -> server via r2' 4 reach reaches 'through client → r1 → r2 → server' 13 0
  row 'client -> server via r2' 6 reach reaches 'through client → r1 → r2 → server' 14 0
  row 'client -> r2.eth1' 4 reach reaches 'through client → r1 → r2' 15 0
  row 'client -> r2.eth1' 6 reach reaches 'through client → r1 → r2' 16 0
}

# plan_text: what `up` runs, as `opentop plan` prints it.
plan_text() {
  printf '%s\n' '# lab routed: up, 67 operations in 9 processes

# stage 1: namespaces
ip -batch -
    netns add routed         # examples/routed.otop:8:5
    netns add routed.r1      # examples/routed.otop:13:1
    netns add routed.r2      # examples/routed.otop:22:1
    netns add routed.client  # examples/routed.otop:30:1
    netns add routed.server  # examples/routed.otop:36:1

# stage 2: namespace sysctls (steps run concurrently)
nsenter --net=/run/netns/routed.r1 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/routed.otop:14:3
    net.ipv6.conf.all.forwarding=1      # examples/routed.otop:14:3
    net.ipv6.conf.default.accept_dad=0  # examples/routed.otop:14:3
nsenter --net=/run/netns/routed.r2 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/routed.otop:23:3
    net.ipv6.conf.all.forwarding=1      # examples/routed.otop:23:3
    net.ipv6.conf.default.accept_dad=0  # examples/routed.otop:23:3

# stage 3: links (steps run concurrently)
ip -batch -
    link add name eth1 index 9558233 netns routed.r1 type veth peer name eth1 netns routed.r2  # examples/routed.otop:16:3
    link add name ot-3ty1yf-uplin type veth peer name uplink netns routed.r1                   # examples/routed.otop:17:3
    link set dev ot-3ty1yf-uplin alias opentop:routed:r1:uplink                                # examples/routed.otop:17:3
    addr add 198.51.100.1/30 dev ot-3ty1yf-uplin                                               # examples/routed.otop:17:49
    link set dev ot-3ty1yf-uplin up                                                            # examples/routed.otop:17:3
nsenter --net=/run/netns/routed -- ip -batch -
    link set dev lo alias opentop:routed                                                                                    # examples/routed.otop:8:5
    link add name lan1 type bridge                                                                                          # examples/routed.otop:10:1
    link set dev lan1 addrgenmode none                                                                                      # examples/routed.otop:10:1
    link set dev lan1 up                                                                                                    # examples/routed.otop:10:1
    link add name lan2 mtu 1400 type bridge                                                                                 # examples/routed.otop:11:1
    link set dev lan2 addrgenmode none                                                                                      # examples/routed.otop:11:1
    link set dev lan2 up                                                                                                    # examples/routed.otop:11:1
    link add name r1.eth0 index 9080851 master lan1 up type veth peer name eth0 netns routed.r1                             # examples/routed.otop:15:3
    link set dev r1.eth0 addrgenmode none                                                                                   # examples/routed.otop:15:3
    link add name r2.eth0 index 11633859 mtu 1400 master lan2 up type veth peer name eth0 netns routed.r2 mtu 1400          # examples/routed.otop:24:3
    link set dev r2.eth0 addrgenmode none                                                                                   # examples/routed.otop:24:3
    link add name client.eth0 index 13719805 master lan1 up type veth peer name eth0 netns routed.client                    # examples/routed.otop:31:3
    link set dev client.eth0 addrgenmode none                                                                               # examples/routed.otop:31:3
    link add name server.eth0 index 12503716 mtu 1400 master lan2 up type veth peer name eth0 netns routed.server mtu 1400  # examples/routed.otop:37:3
    link set dev server.eth0 addrgenmode none                                                                               # examples/routed.otop:37:3

# stage 4: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/routed.r1 -- ip -batch -
    link set dev lo alias opentop:routed:r1  # examples/routed.otop:13:1
    link set dev lo up                       # examples/routed.otop:13:1
    addr add 10.1.0.1/24 dev eth0            # examples/routed.otop:15:16
    addr add fd00:1::1/64 dev eth0 nodad     # examples/routed.otop:15:28
    link set dev eth0 up                     # examples/routed.otop:15:3
    addr add 10.255.0.0/31 dev eth1          # examples/routed.otop:16:19
    addr add fd00:ff::/127 dev eth1 nodad    # examples/routed.otop:16:33
    link set dev eth1 up                     # examples/routed.otop:16:3
    addr add 198.51.100.2/30 dev uplink      # examples/routed.otop:17:18
    link set dev uplink up                   # examples/routed.otop:17:3
    route add 10.2.0.0/24 via 10.255.0.1     # examples/routed.otop:18:3
    route add fd00:2::/64 via fd00:ff::1     # examples/routed.otop:19:3
nsenter --net=/run/netns/routed.r2 -- ip -batch -
    link set dev lo alias opentop:routed:r2  # examples/routed.otop:22:1
    link set dev lo up                       # examples/routed.otop:22:1
    addr add 10.2.0.1/24 dev eth0            # examples/routed.otop:24:16
    addr add fd00:2::1/64 dev eth0 nodad     # examples/routed.otop:24:28
    link set dev eth0 up                     # examples/routed.otop:24:3
    addr add 10.255.0.1/31 dev eth1          # examples/routed.otop:25:8
    addr add fd00:ff::1/127 dev eth1 nodad   # examples/routed.otop:25:22
    link set dev eth1 up                     # examples/routed.otop:25:3
    route add 10.1.0.0/24 via 10.255.0.0     # examples/routed.otop:26:3
    route add fd00:1::/64 via fd00:ff::      # examples/routed.otop:27:3
nsenter --net=/run/netns/routed.client -- ip -batch -
    link set dev lo alias opentop:routed:client  # examples/routed.otop:30:1
    link set dev lo up                           # examples/routed.otop:30:1
    addr add 10.1.0.10/24 dev eth0               # examples/routed.otop:31:16
    addr add fd00:1::10/64 dev eth0 nodad        # examples/routed.otop:31:29
    link set dev eth0 up                         # examples/routed.otop:31:3
    route add 0.0.0.0/0 via 10.1.0.1             # examples/routed.otop:32:3
    route add ::/0 via fd00:1::1                 # examples/routed.otop:33:3
nsenter --net=/run/netns/routed.server -- ip -batch -
    link set dev lo alias opentop:routed:server  # examples/routed.otop:36:1
    link set dev lo up                           # examples/routed.otop:36:1
    addr add 10.2.0.10/24 dev eth0               # examples/routed.otop:37:16
    addr add fd00:2::10/64 dev eth0 nodad        # examples/routed.otop:37:29
    link set dev eth0 up                         # examples/routed.otop:37:3
    route add 0.0.0.0/0 via 10.2.0.1             # examples/routed.otop:38:3
    route add ::/0 via fd00:2::1                 # examples/routed.otop:39:3'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "routed",
 "file": "/ROOT/examples/routed.otop",
 "hash": "d8b84f8b41b16b93cfa67081d0dd5c575b7a431f7031c67c33f21c81029cee24",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["r1","r2","client","server"],
 "switches": ["lan1","lan2"],
 "plan": "7f90e01580c564496262b44c02e5a321e3cdf136db9f8d72a71bbece1384f020",
 "owned": [
  {"kind":"netns","name":"routed"},
  {"kind":"netns","name":"routed.r1","node":"r1"},
  {"kind":"netns","name":"routed.r2","node":"r2"},
  {"kind":"netns","name":"routed.client","node":"client"},
  {"kind":"netns","name":"routed.server","node":"server"},
  {"kind":"host-iface","name":"ot-3ty1yf-uplin","mark":"opentop:routed:r1:uplink"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"routed"},"origin":"examples/routed.otop:8:5"},
  {"op":{"kind":"netns.add","name":"routed.r1","node":"r1"},"origin":"examples/routed.otop:13:1"},
  {"op":{"kind":"netns.add","name":"routed.r2","node":"r2"},"origin":"examples/routed.otop:22:1"},
  {"op":{"kind":"netns.add","name":"routed.client","node":"client"},"origin":"examples/routed.otop:30:1"},
  {"op":{"kind":"netns.add","name":"routed.server","node":"server"},"origin":"examples/routed.otop:36:1"},
  {"op":{"kind":"sysctl.set","ns":"routed.r1","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/routed.otop:14:3"},
  {"op":{"kind":"sysctl.set","ns":"routed.r1","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/routed.otop:14:3"},
  {"op":{"kind":"sysctl.set","ns":"routed.r1","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/routed.otop:14:3"},
  {"op":{"kind":"sysctl.set","ns":"routed.r2","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/routed.otop:23:3"},
  {"op":{"kind":"sysctl.set","ns":"routed.r2","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/routed.otop:23:3"},
  {"op":{"kind":"sysctl.set","ns":"routed.r2","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/routed.otop:23:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"routed.r1","name":"eth1","index":9558233},"b":{"ns":"routed.r2","name":"eth1"}},"origin":"examples/routed.otop:16:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":null,"name":"ot-3ty1yf-uplin","mark":"opentop:routed:r1:uplink"},"b":{"ns":"routed.r1","name":"uplink"}},"origin":"examples/routed.otop:17:3"},
  {"op":{"kind":"link.alias","ns":null,"dev":"ot-3ty1yf-uplin","alias":"opentop:routed:r1:uplink"},"origin":"examples/routed.otop:17:3"},
  {"op":{"kind":"addr.add","ns":null,"dev":"ot-3ty1yf-uplin","cidr":"198.51.100.1/30","family":4},"origin":"examples/routed.otop:17:49"},
  {"op":{"kind":"link.up","ns":null,"dev":"ot-3ty1yf-uplin"},"origin":"examples/routed.otop:17:3"},
  {"op":{"kind":"link.alias","ns":"routed","dev":"lo","alias":"opentop:routed"},"origin":"examples/routed.otop:8:5"},
  {"op":{"kind":"bridge.add","ns":"routed","name":"lan1"},"origin":"examples/routed.otop:10:1"},
  {"op":{"kind":"link.nolinklocal","ns":"routed","dev":"lan1"},"origin":"examples/routed.otop:10:1"},
  {"op":{"kind":"link.up","ns":"routed","dev":"lan1"},"origin":"examples/routed.otop:10:1"},
  {"op":{"kind":"bridge.add","ns":"routed","name":"lan2","mtu":1400},"origin":"examples/routed.otop:11:1"},
  {"op":{"kind":"link.nolinklocal","ns":"routed","dev":"lan2"},"origin":"examples/routed.otop:11:1"},
  {"op":{"kind":"link.up","ns":"routed","dev":"lan2"},"origin":"examples/routed.otop:11:1"},
  {"op":{"kind":"veth.add","ns":"routed","a":{"ns":"routed","name":"r1.eth0","index":9080851,"master":"lan1"},"b":{"ns":"routed.r1","name":"eth0"}},"origin":"examples/routed.otop:15:3"},
  {"op":{"kind":"link.nolinklocal","ns":"routed","dev":"r1.eth0"},"origin":"examples/routed.otop:15:3"},
  {"op":{"kind":"veth.add","ns":"routed","a":{"ns":"routed","name":"r2.eth0","index":11633859,"mtu":1400,"master":"lan2"},"b":{"ns":"routed.r2","name":"eth0","mtu":1400}},"origin":"examples/routed.otop:24:3"},
  {"op":{"kind":"link.nolinklocal","ns":"routed","dev":"r2.eth0"},"origin":"examples/routed.otop:24:3"},
  {"op":{"kind":"veth.add","ns":"routed","a":{"ns":"routed","name":"client.eth0","index":13719805,"master":"lan1"},"b":{"ns":"routed.client","name":"eth0"}},"origin":"examples/routed.otop:31:3"},
  {"op":{"kind":"link.nolinklocal","ns":"routed","dev":"client.eth0"},"origin":"examples/routed.otop:31:3"},
  {"op":{"kind":"veth.add","ns":"routed","a":{"ns":"routed","name":"server.eth0","index":12503716,"mtu":1400,"master":"lan2"},"b":{"ns":"routed.server","name":"eth0","mtu":1400}},"origin":"examples/routed.otop:37:3"},
  {"op":{"kind":"link.nolinklocal","ns":"routed","dev":"server.eth0"},"origin":"examples/routed.otop:37:3"},
  {"op":{"kind":"link.alias","ns":"routed.r1","dev":"lo","alias":"opentop:routed:r1"},"origin":"examples/routed.otop:13:1"},
  {"op":{"kind":"link.up","ns":"routed.r1","dev":"lo"},"origin":"examples/routed.otop:13:1"},
  {"op":{"kind":"addr.add","ns":"routed.r1","dev":"eth0","cidr":"10.1.0.1/24","family":4},"origin":"examples/routed.otop:15:16"},
  {"op":{"kind":"addr.add","ns":"routed.r1","dev":"eth0","cidr":"fd00:1::1/64","family":6},"origin":"examples/routed.otop:15:28"},
  {"op":{"kind":"link.up","ns":"routed.r1","dev":"eth0"},"origin":"examples/routed.otop:15:3"},
  {"op":{"kind":"addr.add","ns":"routed.r1","dev":"eth1","cidr":"10.255.0.0/31","family":4},"origin":"examples/routed.otop:16:19"},
  {"op":{"kind":"addr.add","ns":"routed.r1","dev":"eth1","cidr":"fd00:ff::/127","family":6},"origin":"examples/routed.otop:16:33"},
  {"op":{"kind":"link.up","ns":"routed.r1","dev":"eth1"},"origin":"examples/routed.otop:16:3"},
  {"op":{"kind":"addr.add","ns":"routed.r1","dev":"uplink","cidr":"198.51.100.2/30","family":4},"origin":"examples/routed.otop:17:18"},
  {"op":{"kind":"link.up","ns":"routed.r1","dev":"uplink"},"origin":"examples/routed.otop:17:3"},
  {"op":{"kind":"route.add","ns":"routed.r1","family":4,"destination":"10.2.0.0/24","via":"10.255.0.1"},"origin":"examples/routed.otop:18:3"},
  {"op":{"kind":"route.add","ns":"routed.r1","family":6,"destination":"fd00:2::/64","via":"fd00:ff::1"},"origin":"examples/routed.otop:19:3"},
  {"op":{"kind":"link.alias","ns":"routed.r2","dev":"lo","alias":"opentop:routed:r2"},"origin":"examples/routed.otop:22:1"},
  {"op":{"kind":"link.up","ns":"routed.r2","dev":"lo"},"origin":"examples/routed.otop:22:1"},
  {"op":{"kind":"addr.add","ns":"routed.r2","dev":"eth0","cidr":"10.2.0.1/24","family":4},"origin":"examples/routed.otop:24:16"},
  {"op":{"kind":"addr.add","ns":"routed.r2","dev":"eth0","cidr":"fd00:2::1/64","family":6},"origin":"examples/routed.otop:24:28"},
  {"op":{"kind":"link.up","ns":"routed.r2","dev":"eth0"},"origin":"examples/routed.otop:24:3"},
  {"op":{"kind":"addr.add","ns":"routed.r2","dev":"eth1","cidr":"10.255.0.1/31","family":4},"origin":"examples/routed.otop:25:8"},
  {"op":{"kind":"addr.add","ns":"routed.r2","dev":"eth1","cidr":"fd00:ff::1/127","family":6},"origin":"examples/routed.otop:25:22"},
  {"op":{"kind":"link.up","ns":"routed.r2","dev":"eth1"},"origin":"examples/routed.otop:25:3"},
  {"op":{"kind":"route.add","ns":"routed.r2","family":4,"destination":"10.1.0.0/24","via":"10.255.0.0"},"origin":"examples/routed.otop:26:3"},
  {"op":{"kind":"route.add","ns":"routed.r2","family":6,"destination":"fd00:1::/64","via":"fd00:ff::"},"origin":"examples/routed.otop:27:3"},
  {"op":{"kind":"link.alias","ns":"routed.client","dev":"lo","alias":"opentop:routed:client"},"origin":"examples/routed.otop:30:1"},
  {"op":{"kind":"link.up","ns":"routed.client","dev":"lo"},"origin":"examples/routed.otop:30:1"},
  {"op":{"kind":"addr.add","ns":"routed.client","dev":"eth0","cidr":"10.1.0.10/24","family":4},"origin":"examples/routed.otop:31:16"},
  {"op":{"kind":"addr.add","ns":"routed.client","dev":"eth0","cidr":"fd00:1::10/64","family":6},"origin":"examples/routed.otop:31:29"},
  {"op":{"kind":"link.up","ns":"routed.client","dev":"eth0"},"origin":"examples/routed.otop:31:3"},
  {"op":{"kind":"route.add","ns":"routed.client","family":4,"destination":"0.0.0.0/0","via":"10.1.0.1"},"origin":"examples/routed.otop:32:3"},
  {"op":{"kind":"route.add","ns":"routed.client","family":6,"destination":"::/0","via":"fd00:1::1"},"origin":"examples/routed.otop:33:3"},
  {"op":{"kind":"link.alias","ns":"routed.server","dev":"lo","alias":"opentop:routed:server"},"origin":"examples/routed.otop:36:1"},
  {"op":{"kind":"link.up","ns":"routed.server","dev":"lo"},"origin":"examples/routed.otop:36:1"},
  {"op":{"kind":"addr.add","ns":"routed.server","dev":"eth0","cidr":"10.2.0.10/24","family":4},"origin":"examples/routed.otop:37:16"},
  {"op":{"kind":"addr.add","ns":"routed.server","dev":"eth0","cidr":"fd00:2::10/64","family":6},"origin":"examples/routed.otop:37:29"},
  {"op":{"kind":"link.up","ns":"routed.server","dev":"eth0"},"origin":"examples/routed.otop:37:3"},
  {"op":{"kind":"route.add","ns":"routed.server","family":4,"destination":"0.0.0.0/0","via":"10.2.0.1"},"origin":"examples/routed.otop:38:3"},
  {"op":{"kind":"route.add","ns":"routed.server","family":6,"destination":"::/0","via":"fd00:2::1"},"origin":"examples/routed.otop:39:3"}
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