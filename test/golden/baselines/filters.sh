#!/bin/sh
# Lab gflt: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/test/golden/cases/filters.otop
#   sha256    948e57659e490cc03f3446bbdefcac286cb2a9828d580a1f81f67a52221d84a5
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
LAB='gflt'
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
SUMMARY='4 nodes, 1 switch, 4 links (49 operations)'
HELP='
Lab gflt: 4 nodes, 1 switch, 4 links (49 operations).
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
  # create network namespace gflt  (test/golden/cases/filters.otop:4:5)
  # create network namespace gflt.fw  (test/golden/cases/filters.otop:8:1)
  # create network namespace gflt.srv  (test/golden/cases/filters.otop:39:1)
  # create network namespace gflt.isp  (test/golden/cases/filters.otop:51:1)
  # create network namespace gflt.pc  (test/golden/cases/filters.otop:55:1)
  tool_step '1/10, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add gflt
netns add gflt.fw
netns add gflt.srv
netns add gflt.isp
netns add gflt.pc
EOF
  # == stage 2 of 5: namespace sysctls
  # set net.ipv4.ip_forward = 1 in gflt.fw  (test/golden/cases/filters.otop:9:3)
  # set net.ipv6.conf.all.forwarding = 1 in gflt.fw  (test/golden/cases/filters.otop:9:3)
  # set net.ipv6.conf.default.accept_dad = 0 in gflt.fw  (test/golden/cases/filters.otop:9:3)
  tool_step '2/10, namespace sysctls, in node fw (gflt.fw)' nsenter --net=/run/netns/gflt.fw -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 || return 1
  # == stage 3 of 5: filters (its 2 steps side by side)
  up_3() {
    # load nftables table inet opentop in gflt.fw  (test/golden/cases/filters.otop:15:5)
    tool_step '3/10, filters, in node fw (gflt.fw)' nsenter --net=/run/netns/gflt.fw -- nft -f - <<'EOF'
table inet opentop {
	chain prerouting {
		type nat hook prerouting priority dstnat; policy accept;
		iifname "wan" tcp dport 80 dnat ip to 10.2.0.10:8080 comment "dnat in wan tcp dport 80 to 10.2.0.10:8080"
		iifname "wan" udp dport 5353 dnat ip to 10.2.0.10 comment "dnat in wan udp dport 5353 to 10.2.0.10"
		iifname "wan" tcp dport 8443 dnat ip6 to [fd6f:2::10]:443 comment "dnat in wan tcp dport 8443 to [fd6f:2::10]:443"
	}
	chain input {
		type filter hook input priority filter; policy drop;
		ct state related,established accept comment "input accept established"
		iifname "lo" accept comment "input accept in lo"
		meta l4proto icmp accept comment "input accept icmp"
		meta l4proto ipv6-icmp accept comment "input accept icmpv6"
		iifname "eth0" ip saddr 10.1.0.0/24 tcp dport 22 counter accept comment "input accept in eth0 saddr 10.1.0.0/24,fd6f:1::/64 tcp dport 22 counter"
		iifname "eth0" ip6 saddr fd6f:1::/64 tcp dport 22 counter accept comment "input accept in eth0 saddr 10.1.0.0/24,fd6f:1::/64 tcp dport 22 counter"
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state related,established accept comment "forward accept ct state established,related"
		ct state invalid log prefix "fw invalid: " drop comment "forward drop ct state invalid log"
		iifname "eth0" oifname "eth1" tcp dport { 80, 443, 8000-8080 } accept comment "forward accept in eth0 out eth1 tcp dport 80,443,8000-8080"
		iifname "eth0" oifname "eth1" tcp dport 25 reject with tcp reset comment "forward reject in eth0 out eth1 tcp dport 25"
		iifname "eth0" udp dport 161 reject comment "forward reject in eth0 udp dport 161"
		iifname "eth0" oifname "wan" counter log prefix "fw forward accept: " accept comment "forward accept in eth0 out wan count log"
		iifname "wan" oifname "eth1" ip daddr 10.2.0.10 tcp dport 8080 accept comment "forward accept in wan out eth1 daddr 10.2.0.10,fd6f:2::10 tcp dport 8080"
		iifname "wan" oifname "eth1" ip6 daddr fd6f:2::10 tcp dport 8080 accept comment "forward accept in wan out eth1 daddr 10.2.0.10,fd6f:2::10 tcp dport 8080"
		iifname "eth0" oifname "eth1" udp sport 1024-65535 udp dport 5001 accept comment "forward accept in eth0 out eth1 udp sport 1024-65535 dport 5001"
		iifname "eth0" oifname "eth1" udp sport 1024-65535 udp dport 5002 accept comment "forward accept in eth0 out eth1 udp sport 1024-65535 dport 5002"
	}
	chain output {
		type filter hook output priority filter; policy accept;
		accept comment "output accept"
	}
	chain postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "wan" ip saddr 10.1.0.0/24 masquerade comment "masquerade out wan saddr 10.1.0.0/24"
		oifname "eth1" ip6 saddr fd6f:1::/64 snat ip6 to fd6f:2::1 comment "snat out eth1 saddr fd6f:1::/64 to fd6f:2::1"
	}
}
EOF
  }
  up_4() {
    # load nftables table inet opentop in gflt.srv  (test/golden/cases/filters.otop:43:5)
    tool_step '4/10, filters, in node srv (gflt.srv)' nsenter --net=/run/netns/gflt.srv -- nft -f - <<'EOF'
table inet opentop {
	chain input {
		type filter hook input priority filter; policy drop;
		ct state related,established accept comment "input accept established"
		meta l4proto ipv6-icmp accept comment "input accept icmpv6"
		tcp dport { 443, 8080 } accept comment "input accept tcp dport 443,8080"
		udp sport { 53, 123 } udp dport { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16-17 } accept comment "input accept udp sport 53,123 dport 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16-17"
	}
}
EOF
  }
  at_once 3 4 || return 1
  # == stage 4 of 5: links (its 2 steps side by side)
  up_5() {
    # create veth pair eth1 (gflt.fw) — eth0 (gflt.srv)  (test/golden/cases/filters.otop:11:3)
    # create veth pair wan (gflt.fw) — eth0 (gflt.isp)  (test/golden/cases/filters.otop:12:3)
    tool_step '5/10, links, on the host' ip -batch - <<'EOF'
link add name eth1 index 7679867 netns gflt.fw type veth peer name eth0 netns gflt.srv
link add name wan index 9367498 netns gflt.fw type veth peer name eth0 netns gflt.isp
EOF
  }
  up_6() {
    # mark lo in gflt as opentop:gflt  (test/golden/cases/filters.otop:4:5)
    # create bridge lan in gflt  (test/golden/cases/filters.otop:6:1)
    # give lan in gflt no IPv6 link-local address  (test/golden/cases/filters.otop:6:1)
    # bring lan up in gflt  (test/golden/cases/filters.otop:6:1)
    # create veth pair fw.eth0 (gflt) — eth0 (gflt.fw)  (test/golden/cases/filters.otop:10:3)
    # give fw.eth0 in gflt no IPv6 link-local address  (test/golden/cases/filters.otop:10:3)
    # create veth pair pc.eth0 (gflt) — eth0 (gflt.pc)  (test/golden/cases/filters.otop:56:3)
    # give pc.eth0 in gflt no IPv6 link-local address  (test/golden/cases/filters.otop:56:3)
    tool_step '6/10, links, in the switches (gflt)' nsenter --net=/run/netns/gflt -- ip -batch - <<'EOF'
link set dev lo alias opentop:gflt
link add name lan type bridge
link set dev lan addrgenmode none
link set dev lan up
link add name fw.eth0 index 15197469 master lan up type veth peer name eth0 netns gflt.fw
link set dev fw.eth0 addrgenmode none
link add name pc.eth0 index 3946193 master lan up type veth peer name eth0 netns gflt.pc
link set dev pc.eth0 addrgenmode none
EOF
  }
  at_once 5 6 || return 1
  # == stage 5 of 5: addresses and routes (its 4 steps side by side)
  up_7() {
    # mark lo in gflt.fw as opentop:gflt:fw  (test/golden/cases/filters.otop:8:1)
    # bring lo up in gflt.fw  (test/golden/cases/filters.otop:8:1)
    # add 10.1.0.1/24 to eth0 in gflt.fw  (test/golden/cases/filters.otop:10:15)
    # add fd6f:1::1/64 to eth0 in gflt.fw  (test/golden/cases/filters.otop:10:27)
    # bring eth0 up in gflt.fw  (test/golden/cases/filters.otop:10:3)
    # add 10.2.0.1/24 to eth1 in gflt.fw  (test/golden/cases/filters.otop:11:20)
    # add fd6f:2::1/64 to eth1 in gflt.fw  (test/golden/cases/filters.otop:11:32)
    # bring eth1 up in gflt.fw  (test/golden/cases/filters.otop:11:3)
    # add 203.0.113.1/24 to wan in gflt.fw  (test/golden/cases/filters.otop:12:19)
    # add fd6f:ff::1/64 to wan in gflt.fw  (test/golden/cases/filters.otop:12:34)
    # bring wan up in gflt.fw  (test/golden/cases/filters.otop:12:3)
    # route 0.0.0.0/0 via 203.0.113.2 in gflt.fw  (test/golden/cases/filters.otop:13:3)
    tool_step '7/10, addresses and routes, in node fw (gflt.fw)' nsenter --net=/run/netns/gflt.fw -- ip -batch - <<'EOF'
link set dev lo alias opentop:gflt:fw
link set dev lo up
addr add 10.1.0.1/24 dev eth0
addr add fd6f:1::1/64 dev eth0 nodad
link set dev eth0 up
addr add 10.2.0.1/24 dev eth1
addr add fd6f:2::1/64 dev eth1 nodad
link set dev eth1 up
addr add 203.0.113.1/24 dev wan
addr add fd6f:ff::1/64 dev wan nodad
link set dev wan up
route add 0.0.0.0/0 via 203.0.113.2
EOF
  }
  up_8() {
    # mark lo in gflt.srv as opentop:gflt:srv  (test/golden/cases/filters.otop:39:1)
    # bring lo up in gflt.srv  (test/golden/cases/filters.otop:39:1)
    # add 10.2.0.10/24 to eth0 in gflt.srv  (test/golden/cases/filters.otop:40:8)
    # add fd6f:2::10/64 to eth0 in gflt.srv  (test/golden/cases/filters.otop:40:21)
    # bring eth0 up in gflt.srv  (test/golden/cases/filters.otop:40:3)
    # route 0.0.0.0/0 via 10.2.0.1 in gflt.srv  (test/golden/cases/filters.otop:41:3)
    tool_step '8/10, addresses and routes, in node srv (gflt.srv)' nsenter --net=/run/netns/gflt.srv -- ip -batch - <<'EOF'
link set dev lo alias opentop:gflt:srv
link set dev lo up
addr add 10.2.0.10/24 dev eth0
addr add fd6f:2::10/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.2.0.1
EOF
  }
  up_9() {
    # mark lo in gflt.isp as opentop:gflt:isp  (test/golden/cases/filters.otop:51:1)
    # bring lo up in gflt.isp  (test/golden/cases/filters.otop:51:1)
    # add 203.0.113.2/24 to eth0 in gflt.isp  (test/golden/cases/filters.otop:52:8)
    # add fd6f:ff::2/64 to eth0 in gflt.isp  (test/golden/cases/filters.otop:52:23)
    # bring eth0 up in gflt.isp  (test/golden/cases/filters.otop:52:3)
    tool_step '9/10, addresses and routes, in node isp (gflt.isp)' nsenter --net=/run/netns/gflt.isp -- ip -batch - <<'EOF'
link set dev lo alias opentop:gflt:isp
link set dev lo up
addr add 203.0.113.2/24 dev eth0
addr add fd6f:ff::2/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_10() {
    # mark lo in gflt.pc as opentop:gflt:pc  (test/golden/cases/filters.otop:55:1)
    # bring lo up in gflt.pc  (test/golden/cases/filters.otop:55:1)
    # add 10.1.0.10/24 to eth0 in gflt.pc  (test/golden/cases/filters.otop:56:15)
    # add fd6f:1::10/64 to eth0 in gflt.pc  (test/golden/cases/filters.otop:56:28)
    # bring eth0 up in gflt.pc  (test/golden/cases/filters.otop:56:3)
    # route 0.0.0.0/0 via 10.1.0.1 in gflt.pc  (test/golden/cases/filters.otop:57:3)
    tool_step '10/10, addresses and routes, in node pc (gflt.pc)' nsenter --net=/run/netns/gflt.pc -- ip -batch - <<'EOF'
link set dev lo alias opentop:gflt:pc
link set dev lo up
addr add 10.1.0.10/24 dev eth0
addr add fd6f:1::10/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.1.0.1
EOF
  }
  at_once 7 10 || return 1
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
  # delete network namespace gflt.pc and everything in it
  if ns_ours gflt.pc opentop:gflt:pc; then owned=$((owned + 1)); queue 'netns del gflt.pc'; fi
  # delete network namespace gflt.isp and everything in it
  if ns_ours gflt.isp opentop:gflt:isp; then owned=$((owned + 1)); queue 'netns del gflt.isp'; fi
  # delete network namespace gflt.srv and everything in it
  if ns_ours gflt.srv opentop:gflt:srv; then owned=$((owned + 1)); queue 'netns del gflt.srv'; fi
  # delete network namespace gflt.fw and everything in it
  if ns_ours gflt.fw opentop:gflt:fw; then owned=$((owned + 1)); queue 'netns del gflt.fw'; fi
  # delete network namespace gflt and everything in it
  if ns_ours gflt opentop:gflt; then owned=$((owned + 1)); queue 'netns del gflt'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/gflt ]; then left="$left"'  netns gflt'"$NL"; fi
  if [ -e /run/netns/gflt.fw ]; then left="$left"'  netns gflt.fw'"$NL"; fi
  if [ -e /run/netns/gflt.srv ]; then left="$left"'  netns gflt.srv'"$NL"; fi
  if [ -e /run/netns/gflt.isp ]; then left="$left"'  netns gflt.isp'"$NL"; fi
  if [ -e /run/netns/gflt.pc ]; then left="$left"'  netns gflt.pc'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/gflt && found=0
  taken_netns /run/netns/gflt.fw && found=0
  taken_netns /run/netns/gflt.srv && found=0
  taken_netns /run/netns/gflt.isp && found=0
  taken_netns /run/netns/gflt.pc && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/filters.otop:11:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/filters.otop:12:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/filters.otop:10:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/filters.otop:56:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge
EOF
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (test/golden/cases/filters.otop:6:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:gflt 2:gflt.fw 3:gflt.srv 4:gflt.isp 5:gflt.pc
)

ns_1() { look 'the switches (gflt)' gflt links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface lan'
  [ "${seen_3-}" = 1 ] || drift missing 'interface fw.eth0'
  [ "${seen_4-}" = 1 ] || drift missing 'interface pc.eth0'
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
    lan) seen_2=1; want_link up ;;
    *) return 1 ;;
  esac
}
links_1_1() {
  case $1 in
    fw.eth0) seen_3=1; want_link up master lan ;;
    pc.eth0) seen_4=1; want_link up master lan ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node fw (gflt.fw)' gflt.fw links_2 1; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr eth1 10.2.0.1/24
    want_addr eth1 fd6f:2::1/64
  else
    drift missing 'interface eth1'
  fi
  if [ "${seen_3-}" = 2 ]; then
    want_addr wan 203.0.113.1/24
    want_addr wan fd6f:ff::1/64
  else
    drift missing 'interface wan'
  fi
  if [ "${seen_4-}" = 2 ]; then
    want_addr eth0 10.1.0.1/24
    want_addr eth0 fd6f:1::1/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 2 ] || drift missing 'route 0.0.0.0/0 via 203.0.113.2'
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    eth1) seen_2=2; want_link up ;;
    wan) seen_3=2; want_link up ;;
    eth0) seen_4=2; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_2: marks the plan's routes that this route of the kernel is; false if none.
routes_2() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 203.0.113.2 '' || { rseen_1=2; is=0; }
      ;;
  esac
  return $is
}

ns_3() { look 'node srv (gflt.srv)' gflt.srv links_3 1; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr eth0 10.2.0.10/24
    want_addr eth0 fd6f:2::10/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 3 ] || drift missing 'route 0.0.0.0/0 via 10.2.0.1'
  extras
}

# links_3 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_3() {
  case $1 in
    lo) seen_1=3; want_link up ;;
    eth0) seen_2=3; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_3: marks the plan's routes that this route of the kernel is; false if none.
routes_3() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.2.0.1 '' || { rseen_1=3; is=0; }
      ;;
  esac
  return $is
}

ns_4() { look 'node isp (gflt.isp)' gflt.isp links_4; }
end_4() {
  [ "${seen_1-}" = 4 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 4 ]; then
    want_addr eth0 203.0.113.2/24
    want_addr eth0 fd6f:ff::2/64
  else
    drift missing 'interface eth0'
  fi
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
routes_4() { return 1; }

ns_5() { look 'node pc (gflt.pc)' gflt.pc links_5 1; }
end_5() {
  [ "${seen_1-}" = 5 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 5 ]; then
    want_addr eth0 10.1.0.10/24
    want_addr eth0 fd6f:1::10/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 5 ] || drift missing 'route 0.0.0.0/0 via 10.1.0.1'
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
  esac
  return $is
}

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    fw) enter nsenter --net=/run/netns/gflt.fw -- "$@" ;;
    srv) enter nsenter --net=/run/netns/gflt.srv -- "$@" ;;
    isp) enter nsenter --net=/run/netns/gflt.isp -- "$@" ;;
    pc) enter nsenter --net=/run/netns/gflt.pc -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are fw, srv, isp, pc'
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
  printf '%s\n' '# lab gflt: up, 49 operations in 10 processes

# stage 1: namespaces
ip -batch -
    netns add gflt      # test/golden/cases/filters.otop:4:5
    netns add gflt.fw   # test/golden/cases/filters.otop:8:1
    netns add gflt.srv  # test/golden/cases/filters.otop:39:1
    netns add gflt.isp  # test/golden/cases/filters.otop:51:1
    netns add gflt.pc   # test/golden/cases/filters.otop:55:1

# stage 2: namespace sysctls
nsenter --net=/run/netns/gflt.fw -- sysctl -q -w …
    net.ipv4.ip_forward=1               # test/golden/cases/filters.otop:9:3
    net.ipv6.conf.all.forwarding=1      # test/golden/cases/filters.otop:9:3
    net.ipv6.conf.default.accept_dad=0  # test/golden/cases/filters.otop:9:3

# stage 3: filters (steps run concurrently)
nsenter --net=/run/netns/gflt.fw -- nft -f -
    # test/golden/cases/filters.otop:15:5
    table inet opentop {
    	chain prerouting {
    		type nat hook prerouting priority dstnat; policy accept;
    		iifname "wan" tcp dport 80 dnat ip to 10.2.0.10:8080 comment "dnat in wan tcp dport 80 to 10.2.0.10:8080"
    		iifname "wan" udp dport 5353 dnat ip to 10.2.0.10 comment "dnat in wan udp dport 5353 to 10.2.0.10"
    		iifname "wan" tcp dport 8443 dnat ip6 to [fd6f:2::10]:443 comment "dnat in wan tcp dport 8443 to [fd6f:2::10]:443"
    	}
    	chain input {
    		type filter hook input priority filter; policy drop;
    		ct state related,established accept comment "input accept established"
    		iifname "lo" accept comment "input accept in lo"
    		meta l4proto icmp accept comment "input accept icmp"
    		meta l4proto ipv6-icmp accept comment "input accept icmpv6"
    		iifname "eth0" ip saddr 10.1.0.0/24 tcp dport 22 counter accept comment "input accept in eth0 saddr 10.1.0.0/24,fd6f:1::/64 tcp dport 22 counter"
    		iifname "eth0" ip6 saddr fd6f:1::/64 tcp dport 22 counter accept comment "input accept in eth0 saddr 10.1.0.0/24,fd6f:1::/64 tcp dport 22 counter"
    	}
    	chain forward {
    		type filter hook forward priority filter; policy drop;
    		ct state related,established accept comment "forward accept ct state established,related"
    		ct state invalid log prefix "fw invalid: " drop comment "forward drop ct state invalid log"
    		iifname "eth0" oifname "eth1" tcp dport { 80, 443, 8000-8080 } accept comment "forward accept in eth0 out eth1 tcp dport 80,443,8000-8080"
    		iifname "eth0" oifname "eth1" tcp dport 25 reject with tcp reset comment "forward reject in eth0 out eth1 tcp dport 25"
    		iifname "eth0" udp dport 161 reject comment "forward reject in eth0 udp dport 161"
    		iifname "eth0" oifname "wan" counter log prefix "fw forward accept: " accept comment "forward accept in eth0 out wan count log"
    		iifname "wan" oifname "eth1" ip daddr 10.2.0.10 tcp dport 8080 accept comment "forward accept in wan out eth1 daddr 10.2.0.10,fd6f:2::10 tcp dport 8080"
    		iifname "wan" oifname "eth1" ip6 daddr fd6f:2::10 tcp dport 8080 accept comment "forward accept in wan out eth1 daddr 10.2.0.10,fd6f:2::10 tcp dport 8080"
    		iifname "eth0" oifname "eth1" udp sport 1024-65535 udp dport 5001 accept comment "forward accept in eth0 out eth1 udp sport 1024-65535 dport 5001"
    		iifname "eth0" oifname "eth1" udp sport 1024-65535 udp dport 5002 accept comment "forward accept in eth0 out eth1 udp sport 1024-65535 dport 5002"
    	}
    	chain output {
    		type filter hook output priority filter; policy accept;
    		accept comment "output accept"
    	}
    	chain postrouting {
    		type nat hook postrouting priority srcnat; policy accept;
    		oifname "wan" ip saddr 10.1.0.0/24 masquerade comment "masquerade out wan saddr 10.1.0.0/24"
    		oifname "eth1" ip6 saddr fd6f:1::/64 snat ip6 to fd6f:2::1 comment "snat out eth1 saddr fd6f:1::/64 to fd6f:2::1"
    	}
    }
nsenter --net=/run/netns/gflt.srv -- nft -f -
    # test/golden/cases/filters.otop:43:5
    table inet opentop {
    	chain input {
    		type filter hook input priority filter; policy drop;
    		ct state related,established accept comment "input accept established"
    		meta l4proto ipv6-icmp accept comment "input accept icmpv6"
    		tcp dport { 443, 8080 } accept comment "input accept tcp dport 443,8080"
    		udp sport { 53, 123 } udp dport { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16-17 } accept comment "input accept udp sport 53,123 dport 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16-17"
    	}
    }

# stage 4: links (steps run concurrently)
ip -batch -
    link add name eth1 index 7679867 netns gflt.fw type veth peer name eth0 netns gflt.srv  # test/golden/cases/filters.otop:11:3
    link add name wan index 9367498 netns gflt.fw type veth peer name eth0 netns gflt.isp   # test/golden/cases/filters.otop:12:3
nsenter --net=/run/netns/gflt -- ip -batch -
    link set dev lo alias opentop:gflt                                                         # test/golden/cases/filters.otop:4:5
    link add name lan type bridge                                                              # test/golden/cases/filters.otop:6:1
    link set dev lan addrgenmode none                                                          # test/golden/cases/filters.otop:6:1
    link set dev lan up                                                                        # test/golden/cases/filters.otop:6:1
    link add name fw.eth0 index 15197469 master lan up type veth peer name eth0 netns gflt.fw  # test/golden/cases/filters.otop:10:3
    link set dev fw.eth0 addrgenmode none                                                      # test/golden/cases/filters.otop:10:3
    link add name pc.eth0 index 3946193 master lan up type veth peer name eth0 netns gflt.pc   # test/golden/cases/filters.otop:56:3
    link set dev pc.eth0 addrgenmode none                                                      # test/golden/cases/filters.otop:56:3

# stage 5: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/gflt.fw -- ip -batch -
    link set dev lo alias opentop:gflt:fw  # test/golden/cases/filters.otop:8:1
    link set dev lo up                     # test/golden/cases/filters.otop:8:1
    addr add 10.1.0.1/24 dev eth0          # test/golden/cases/filters.otop:10:15
    addr add fd6f:1::1/64 dev eth0 nodad   # test/golden/cases/filters.otop:10:27
    link set dev eth0 up                   # test/golden/cases/filters.otop:10:3
    addr add 10.2.0.1/24 dev eth1          # test/golden/cases/filters.otop:11:20
    addr add fd6f:2::1/64 dev eth1 nodad   # test/golden/cases/filters.otop:11:32
    link set dev eth1 up                   # test/golden/cases/filters.otop:11:3
    addr add 203.0.113.1/24 dev wan        # test/golden/cases/filters.otop:12:19
    addr add fd6f:ff::1/64 dev wan nodad   # test/golden/cases/filters.otop:12:34
    link set dev wan up                    # test/golden/cases/filters.otop:12:3
    route add 0.0.0.0/0 via 203.0.113.2    # test/golden/cases/filters.otop:13:3
nsenter --net=/run/netns/gflt.srv -- ip -batch -
    link set dev lo alias opentop:gflt:srv  # test/golden/cases/filters.otop:39:1
    link set dev lo up                      # test/golden/cases/filters.otop:39:1
    addr add 10.2.0.10/24 dev eth0          # test/golden/cases/filters.otop:40:8
    addr add fd6f:2::10/64 dev eth0 nodad   # test/golden/cases/filters.otop:40:21
    link set dev eth0 up                    # test/golden/cases/filters.otop:40:3
    route add 0.0.0.0/0 via 10.2.0.1        # test/golden/cases/filters.otop:41:3
nsenter --net=/run/netns/gflt.isp -- ip -batch -
    link set dev lo alias opentop:gflt:isp  # test/golden/cases/filters.otop:51:1
    link set dev lo up                      # test/golden/cases/filters.otop:51:1
    addr add 203.0.113.2/24 dev eth0        # test/golden/cases/filters.otop:52:8
    addr add fd6f:ff::2/64 dev eth0 nodad   # test/golden/cases/filters.otop:52:23
    link set dev eth0 up                    # test/golden/cases/filters.otop:52:3
nsenter --net=/run/netns/gflt.pc -- ip -batch -
    link set dev lo alias opentop:gflt:pc  # test/golden/cases/filters.otop:55:1
    link set dev lo up                     # test/golden/cases/filters.otop:55:1
    addr add 10.1.0.10/24 dev eth0         # test/golden/cases/filters.otop:56:15
    addr add fd6f:1::10/64 dev eth0 nodad  # test/golden/cases/filters.otop:56:28
    link set dev eth0 up                   # test/golden/cases/filters.otop:56:3
    route add 0.0.0.0/0 via 10.1.0.1       # test/golden/cases/filters.otop:57:3'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "gflt",
 "file": "/ROOT/test/golden/cases/filters.otop",
 "hash": "948e57659e490cc03f3446bbdefcac286cb2a9828d580a1f81f67a52221d84a5",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["fw","srv","isp","pc"],
 "switches": ["lan"],
 "plan": "1e6ef7240c59cf691912550849d665ebca77a7e73bd42f1dafa79899989385f7",
 "owned": [
  {"kind":"netns","name":"gflt"},
  {"kind":"netns","name":"gflt.fw","node":"fw"},
  {"kind":"netns","name":"gflt.srv","node":"srv"},
  {"kind":"netns","name":"gflt.isp","node":"isp"},
  {"kind":"netns","name":"gflt.pc","node":"pc"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"gflt"},"origin":"test/golden/cases/filters.otop:4:5"},
  {"op":{"kind":"netns.add","name":"gflt.fw","node":"fw"},"origin":"test/golden/cases/filters.otop:8:1"},
  {"op":{"kind":"netns.add","name":"gflt.srv","node":"srv"},"origin":"test/golden/cases/filters.otop:39:1"},
  {"op":{"kind":"netns.add","name":"gflt.isp","node":"isp"},"origin":"test/golden/cases/filters.otop:51:1"},
  {"op":{"kind":"netns.add","name":"gflt.pc","node":"pc"},"origin":"test/golden/cases/filters.otop:55:1"},
  {"op":{"kind":"sysctl.set","ns":"gflt.fw","key":"net.ipv4.ip_forward","value":"1"},"origin":"test/golden/cases/filters.otop:9:3"},
  {"op":{"kind":"sysctl.set","ns":"gflt.fw","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"test/golden/cases/filters.otop:9:3"},
  {"op":{"kind":"sysctl.set","ns":"gflt.fw","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"test/golden/cases/filters.otop:9:3"},
  {"op":{"kind":"nft.table","ns":"gflt.fw","family":"inet","name":"opentop","ruleset":"table inet opentop {\n\tchain prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\tiifname \"wan\" tcp dport 80 dnat ip to 10.2.0.10:8080 comment \"dnat in wan tcp dport 80 to 10.2.0.10:8080\"\n\t\tiifname \"wan\" udp dport 5353 dnat ip to 10.2.0.10 comment \"dnat in wan udp dport 5353 to 10.2.0.10\"\n\t\tiifname \"wan\" tcp dport 8443 dnat ip6 to [fd6f:2::10]:443 comment \"dnat in wan tcp dport 8443 to [fd6f:2::10]:443\"\n\t}\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\tct state related,established accept comment \"input accept established\"\n\t\tiifname \"lo\" accept comment \"input accept in lo\"\n\t\tmeta l4proto icmp accept comment \"input accept icmp\"\n\t\tmeta l4proto ipv6-icmp accept comment \"input accept icmpv6\"\n\t\tiifname \"eth0\" ip saddr 10.1.0.0/24 tcp dport 22 counter accept comment \"input accept in eth0 saddr 10.1.0.0/24,fd6f:1::/64 tcp dport 22 counter\"\n\t\tiifname \"eth0\" ip6 saddr fd6f:1::/64 tcp dport 22 counter accept comment \"input accept in eth0 saddr 10.1.0.0/24,fd6f:1::/64 tcp dport 22 counter\"\n\t}\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n\t\tct state related,established accept comment \"forward accept ct state established,related\"\n\t\tct state invalid log prefix \"fw invalid: \" drop comment \"forward drop ct state invalid log\"\n\t\tiifname \"eth0\" oifname \"eth1\" tcp dport { 80, 443, 8000-8080 } accept comment \"forward accept in eth0 out eth1 tcp dport 80,443,8000-8080\"\n\t\tiifname \"eth0\" oifname \"eth1\" tcp dport 25 reject with tcp reset comment \"forward reject in eth0 out eth1 tcp dport 25\"\n\t\tiifname \"eth0\" udp dport 161 reject comment \"forward reject in eth0 udp dport 161\"\n\t\tiifname \"eth0\" oifname \"wan\" counter log prefix \"fw forward accept: \" accept comment \"forward accept in eth0 out wan count log\"\n\t\tiifname \"wan\" oifname \"eth1\" ip daddr 10.2.0.10 tcp dport 8080 accept comment \"forward accept in wan out eth1 daddr 10.2.0.10,fd6f:2::10 tcp dport 8080\"\n\t\tiifname \"wan\" oifname \"eth1\" ip6 daddr fd6f:2::10 tcp dport 8080 accept comment \"forward accept in wan out eth1 daddr 10.2.0.10,fd6f:2::10 tcp dport 8080\"\n\t\tiifname \"eth0\" oifname \"eth1\" udp sport 1024-65535 udp dport 5001 accept comment \"forward accept in eth0 out eth1 udp sport 1024-65535 dport 5001\"\n\t\tiifname \"eth0\" oifname \"eth1\" udp sport 1024-65535 udp dport 5002 accept comment \"forward accept in eth0 out eth1 udp sport 1024-65535 dport 5002\"\n\t}\n\tchain output {\n\t\ttype filter hook output priority filter; policy accept;\n\t\taccept comment \"output accept\"\n\t}\n\tchain postrouting {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t\toifname \"wan\" ip saddr 10.1.0.0/24 masquerade comment \"masquerade out wan saddr 10.1.0.0/24\"\n\t\toifname \"eth1\" ip6 saddr fd6f:1::/64 snat ip6 to fd6f:2::1 comment \"snat out eth1 saddr fd6f:1::/64 to fd6f:2::1\"\n\t}\n}\n"},"origin":"test/golden/cases/filters.otop:15:5"},
  {"op":{"kind":"nft.table","ns":"gflt.srv","family":"inet","name":"opentop","ruleset":"table inet opentop {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\tct state related,established accept comment \"input accept established\"\n\t\tmeta l4proto ipv6-icmp accept comment \"input accept icmpv6\"\n\t\ttcp dport { 443, 8080 } accept comment \"input accept tcp dport 443,8080\"\n\t\tudp sport { 53, 123 } udp dport { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16-17 } accept comment \"input accept udp sport 53,123 dport 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16-17\"\n\t}\n}\n"},"origin":"test/golden/cases/filters.otop:43:5"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"gflt.fw","name":"eth1","index":7679867},"b":{"ns":"gflt.srv","name":"eth0"}},"origin":"test/golden/cases/filters.otop:11:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"gflt.fw","name":"wan","index":9367498},"b":{"ns":"gflt.isp","name":"eth0"}},"origin":"test/golden/cases/filters.otop:12:3"},
  {"op":{"kind":"link.alias","ns":"gflt","dev":"lo","alias":"opentop:gflt"},"origin":"test/golden/cases/filters.otop:4:5"},
  {"op":{"kind":"bridge.add","ns":"gflt","name":"lan"},"origin":"test/golden/cases/filters.otop:6:1"},
  {"op":{"kind":"link.nolinklocal","ns":"gflt","dev":"lan"},"origin":"test/golden/cases/filters.otop:6:1"},
  {"op":{"kind":"link.up","ns":"gflt","dev":"lan"},"origin":"test/golden/cases/filters.otop:6:1"},
  {"op":{"kind":"veth.add","ns":"gflt","a":{"ns":"gflt","name":"fw.eth0","index":15197469,"master":"lan"},"b":{"ns":"gflt.fw","name":"eth0"}},"origin":"test/golden/cases/filters.otop:10:3"},
  {"op":{"kind":"link.nolinklocal","ns":"gflt","dev":"fw.eth0"},"origin":"test/golden/cases/filters.otop:10:3"},
  {"op":{"kind":"veth.add","ns":"gflt","a":{"ns":"gflt","name":"pc.eth0","index":3946193,"master":"lan"},"b":{"ns":"gflt.pc","name":"eth0"}},"origin":"test/golden/cases/filters.otop:56:3"},
  {"op":{"kind":"link.nolinklocal","ns":"gflt","dev":"pc.eth0"},"origin":"test/golden/cases/filters.otop:56:3"},
  {"op":{"kind":"link.alias","ns":"gflt.fw","dev":"lo","alias":"opentop:gflt:fw"},"origin":"test/golden/cases/filters.otop:8:1"},
  {"op":{"kind":"link.up","ns":"gflt.fw","dev":"lo"},"origin":"test/golden/cases/filters.otop:8:1"},
  {"op":{"kind":"addr.add","ns":"gflt.fw","dev":"eth0","cidr":"10.1.0.1/24","family":4},"origin":"test/golden/cases/filters.otop:10:15"},
  {"op":{"kind":"addr.add","ns":"gflt.fw","dev":"eth0","cidr":"fd6f:1::1/64","family":6},"origin":"test/golden/cases/filters.otop:10:27"},
  {"op":{"kind":"link.up","ns":"gflt.fw","dev":"eth0"},"origin":"test/golden/cases/filters.otop:10:3"},
  {"op":{"kind":"addr.add","ns":"gflt.fw","dev":"eth1","cidr":"10.2.0.1/24","family":4},"origin":"test/golden/cases/filters.otop:11:20"},
  {"op":{"kind":"addr.add","ns":"gflt.fw","dev":"eth1","cidr":"fd6f:2::1/64","family":6},"origin":"test/golden/cases/filters.otop:11:32"},
  {"op":{"kind":"link.up","ns":"gflt.fw","dev":"eth1"},"origin":"test/golden/cases/filters.otop:11:3"},
  {"op":{"kind":"addr.add","ns":"gflt.fw","dev":"wan","cidr":"203.0.113.1/24","family":4},"origin":"test/golden/cases/filters.otop:12:19"},
  {"op":{"kind":"addr.add","ns":"gflt.fw","dev":"wan","cidr":"fd6f:ff::1/64","family":6},"origin":"test/golden/cases/filters.otop:12:34"},
  {"op":{"kind":"link.up","ns":"gflt.fw","dev":"wan"},"origin":"test/golden/cases/filters.otop:12:3"},
  {"op":{"kind":"route.add","ns":"gflt.fw","family":4,"destination":"0.0.0.0/0","via":"203.0.113.2"},"origin":"test/golden/cases/filters.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"gflt.srv","dev":"lo","alias":"opentop:gflt:srv"},"origin":"test/golden/cases/filters.otop:39:1"},
  {"op":{"kind":"link.up","ns":"gflt.srv","dev":"lo"},"origin":"test/golden/cases/filters.otop:39:1"},
  {"op":{"kind":"addr.add","ns":"gflt.srv","dev":"eth0","cidr":"10.2.0.10/24","family":4},"origin":"test/golden/cases/filters.otop:40:8"},
  {"op":{"kind":"addr.add","ns":"gflt.srv","dev":"eth0","cidr":"fd6f:2::10/64","family":6},"origin":"test/golden/cases/filters.otop:40:21"},
  {"op":{"kind":"link.up","ns":"gflt.srv","dev":"eth0"},"origin":"test/golden/cases/filters.otop:40:3"},
  {"op":{"kind":"route.add","ns":"gflt.srv","family":4,"destination":"0.0.0.0/0","via":"10.2.0.1"},"origin":"test/golden/cases/filters.otop:41:3"},
  {"op":{"kind":"link.alias","ns":"gflt.isp","dev":"lo","alias":"opentop:gflt:isp"},"origin":"test/golden/cases/filters.otop:51:1"},
  {"op":{"kind":"link.up","ns":"gflt.isp","dev":"lo"},"origin":"test/golden/cases/filters.otop:51:1"},
  {"op":{"kind":"addr.add","ns":"gflt.isp","dev":"eth0","cidr":"203.0.113.2/24","family":4},"origin":"test/golden/cases/filters.otop:52:8"},
  {"op":{"kind":"addr.add","ns":"gflt.isp","dev":"eth0","cidr":"fd6f:ff::2/64","family":6},"origin":"test/golden/cases/filters.otop:52:23"},
  {"op":{"kind":"link.up","ns":"gflt.isp","dev":"eth0"},"origin":"test/golden/cases/filters.otop:52:3"},
  {"op":{"kind":"link.alias","ns":"gflt.pc","dev":"lo","alias":"opentop:gflt:pc"},"origin":"test/golden/cases/filters.otop:55:1"},
  {"op":{"kind":"link.up","ns":"gflt.pc","dev":"lo"},"origin":"test/golden/cases/filters.otop:55:1"},
  {"op":{"kind":"addr.add","ns":"gflt.pc","dev":"eth0","cidr":"10.1.0.10/24","family":4},"origin":"test/golden/cases/filters.otop:56:15"},
  {"op":{"kind":"addr.add","ns":"gflt.pc","dev":"eth0","cidr":"fd6f:1::10/64","family":6},"origin":"test/golden/cases/filters.otop:56:28"},
  {"op":{"kind":"link.up","ns":"gflt.pc","dev":"eth0"},"origin":"test/golden/cases/filters.otop:56:3"},
  {"op":{"kind":"route.add","ns":"gflt.pc","family":4,"destination":"0.0.0.0/0","via":"10.1.0.1"},"origin":"test/golden/cases/filters.otop:57:3"}
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