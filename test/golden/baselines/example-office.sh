#!/bin/sh
# Lab office: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/office.otop
#   sha256    439b18972ce926d3ff4ccafafb4f37ed3e35c79645dc552ee3ceae649bac8f7f
#   requires  ip nsenter sysctl nft unshare mkdir ln readlink rm mv date touch find cat sh sleep ss setsid timeout socat ping tr sed
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
LAB='office'
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
NEED_TEST='nsenter sh ip sleep ss mkdir setsid timeout socat ping cat tr sed ln readlink rm date'
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=6
KIB_PER_NAMESPACE=320
SUMMARY='5 nodes, 2 switches, 6 links (66 operations)'
HELP='
Lab office: 5 nodes, 2 switches, 6 links (66 operations).
  up      create it (needs root and ip, nsenter, sysctl, nft, unshare, mkdir, ln, readlink, rm, mv, date, touch, find, cat)
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
  # == stage 1 of 5: namespaces
  # create network namespace office  (examples/office.otop:13:5)
  # create network namespace office.router  (examples/office.otop:18:1)
  # create network namespace office.web  (examples/office.otop:39:1)
  # create network namespace office.pc1  (examples/office.otop:52:1)
  # create network namespace office.pc2  (examples/office.otop:52:1)
  # create network namespace office.isp  (examples/office.otop:58:1)
  tool_step '1/11, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add office
netns add office.router
netns add office.web
netns add office.pc1
netns add office.pc2
netns add office.isp
EOF
  # == stage 2 of 5: namespace sysctls
  # set net.ipv4.ip_forward = 1 in office.router  (examples/office.otop:19:3)
  # set net.ipv6.conf.all.forwarding = 1 in office.router  (examples/office.otop:19:3)
  # set net.ipv6.conf.default.accept_dad = 0 in office.router  (examples/office.otop:19:3)
  tool_step '2/11, namespace sysctls, in node router (office.router)' nsenter --net=/run/netns/office.router -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 || return 1
  # == stage 3 of 5: filters (its 2 steps side by side)
  up_3() {
    # load nftables table inet opentop in office.router  (examples/office.otop:24:5)
    tool_step '3/11, filters, in node router (office.router)' nsenter --net=/run/netns/office.router -- nft -f - <<'EOF'
table inet opentop {
	chain prerouting {
		type nat hook prerouting priority dstnat; policy accept;
		iifname "wan" tcp dport 80 dnat ip to 10.2.0.10:8080 comment "dnat in wan tcp dport 80 to 10.2.0.10:8080"
		iifname "wan" tcp dport 80 dnat ip6 to [fd6f:2::10]:8080 comment "dnat in wan tcp dport 80 to [fd6f:2::10]:8080"
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state related,established accept comment "forward accept established"
		meta l4proto icmp accept comment "forward accept icmp"
		meta l4proto ipv6-icmp accept comment "forward accept icmpv6"
		iifname "eth0" oifname "wan" accept comment "forward accept in eth0 out wan"
		iifname "eth0" oifname "eth1" tcp dport { 80, 443 } accept comment "forward accept in eth0 out eth1 tcp dport 80,443"
		iifname "eth0" oifname "eth1" tcp dport 8443 reject with tcp reset comment "forward reject in eth0 out eth1 tcp dport 8443"
		iifname "eth0" oifname "eth1" ip6 saddr fd6f:1::/64 tcp dport 8000 accept comment "forward accept in eth0 out eth1 saddr fd6f:1::/64 tcp dport 8000"
		iifname "wan" oifname "eth1" tcp dport 8080 counter accept comment "forward accept in wan out eth1 tcp dport 8080 counter"
	}
	chain postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "wan" masquerade comment "masquerade out wan"
	}
}
EOF
  }
  up_4() {
    # load nftables table inet opentop in office.web  (examples/office.otop:44:5)
    tool_step '4/11, filters, in node web (office.web)' nsenter --net=/run/netns/office.web -- nft -f - <<'EOF'
table inet opentop {
	chain input {
		type filter hook input priority filter; policy drop;
		ct state related,established accept comment "input accept established"
		meta l4proto icmp accept comment "input accept icmp"
		meta l4proto ipv6-icmp accept comment "input accept icmpv6"
		tcp dport { 22, 80, 443, 8000, 8080, 8443 } accept comment "input accept tcp dport 22,80,443,8000,8080,8443"
	}
}
EOF
  }
  at_once 3 4 || return 1
  # == stage 4 of 5: links (its 2 steps side by side)
  up_5() {
    # create veth pair wan (office.router) — eth0 (office.isp)  (examples/office.otop:22:3)
    tool_step '5/11, links, on the host' ip -batch - <<'EOF'
link add name wan index 7839789 netns office.router type veth peer name eth0 netns office.isp
EOF
  }
  up_6() {
    # mark lo in office as opentop:office  (examples/office.otop:13:5)
    # create bridge lan in office  (examples/office.otop:15:1)
    # give lan in office no IPv6 link-local address  (examples/office.otop:15:1)
    # bring lan up in office  (examples/office.otop:15:1)
    # create bridge dmz in office  (examples/office.otop:16:1)
    # give dmz in office no IPv6 link-local address  (examples/office.otop:16:1)
    # bring dmz up in office  (examples/office.otop:16:1)
    # create veth pair router.eth0 (office) — eth0 (office.router)  (examples/office.otop:20:3)
    # give router.eth0 in office no IPv6 link-local address  (examples/office.otop:20:3)
    # create veth pair router.eth1 (office) — eth1 (office.router)  (examples/office.otop:21:3)
    # give router.eth1 in office no IPv6 link-local address  (examples/office.otop:21:3)
    # create veth pair web.eth0 (office) — eth0 (office.web)  (examples/office.otop:40:3)
    # give web.eth0 in office no IPv6 link-local address  (examples/office.otop:40:3)
    # create veth pair pc1.eth0 (office) — eth0 (office.pc1)  (examples/office.otop:53:3)
    # give pc1.eth0 in office no IPv6 link-local address  (examples/office.otop:53:3)
    # create veth pair pc2.eth0 (office) — eth0 (office.pc2)  (examples/office.otop:53:3)
    # give pc2.eth0 in office no IPv6 link-local address  (examples/office.otop:53:3)
    tool_step '6/11, links, in the switches (office)' nsenter --net=/run/netns/office -- ip -batch - <<'EOF'
link set dev lo alias opentop:office
link add name lan type bridge
link set dev lan addrgenmode none
link set dev lan up
link add name dmz type bridge
link set dev dmz addrgenmode none
link set dev dmz up
link add name router.eth0 index 9829555 master lan up type veth peer name eth0 netns office.router
link set dev router.eth0 addrgenmode none
link add name router.eth1 index 14157307 master dmz up type veth peer name eth1 netns office.router
link set dev router.eth1 addrgenmode none
link add name web.eth0 index 6854235 master dmz up type veth peer name eth0 netns office.web
link set dev web.eth0 addrgenmode none
link add name pc1.eth0 index 9302337 master lan up type veth peer name eth0 netns office.pc1
link set dev pc1.eth0 addrgenmode none
link add name pc2.eth0 index 940250 master lan up type veth peer name eth0 netns office.pc2
link set dev pc2.eth0 addrgenmode none
EOF
  }
  at_once 5 6 || return 1
  # == stage 5 of 5: addresses and routes (its 5 steps side by side)
  up_7() {
    # mark lo in office.router as opentop:office:router  (examples/office.otop:18:1)
    # bring lo up in office.router  (examples/office.otop:18:1)
    # add 10.1.0.1/24 to eth0 in office.router  (examples/office.otop:20:15)
    # add fd6f:1::1/64 to eth0 in office.router  (examples/office.otop:20:27)
    # bring eth0 up in office.router  (examples/office.otop:20:3)
    # add 10.2.0.1/24 to eth1 in office.router  (examples/office.otop:21:15)
    # add fd6f:2::1/64 to eth1 in office.router  (examples/office.otop:21:27)
    # bring eth1 up in office.router  (examples/office.otop:21:3)
    # add 203.0.113.1/24 to wan in office.router  (examples/office.otop:22:19)
    # add fd6f:ff::1/64 to wan in office.router  (examples/office.otop:22:34)
    # bring wan up in office.router  (examples/office.otop:22:3)
    tool_step '7/11, addresses and routes, in node router (office.router)' nsenter --net=/run/netns/office.router -- ip -batch - <<'EOF'
link set dev lo alias opentop:office:router
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
EOF
  }
  up_8() {
    # mark lo in office.web as opentop:office:web  (examples/office.otop:39:1)
    # bring lo up in office.web  (examples/office.otop:39:1)
    # add 10.2.0.10/24 to eth0 in office.web  (examples/office.otop:40:15)
    # add fd6f:2::10/64 to eth0 in office.web  (examples/office.otop:40:28)
    # bring eth0 up in office.web  (examples/office.otop:40:3)
    # route 0.0.0.0/0 via 10.2.0.1 in office.web  (examples/office.otop:41:3)
    # route ::/0 via fd6f:2::1 in office.web  (examples/office.otop:42:3)
    tool_step '8/11, addresses and routes, in node web (office.web)' nsenter --net=/run/netns/office.web -- ip -batch - <<'EOF'
link set dev lo alias opentop:office:web
link set dev lo up
addr add 10.2.0.10/24 dev eth0
addr add fd6f:2::10/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.2.0.1
route add ::/0 via fd6f:2::1
EOF
  }
  up_9() {
    # mark lo in office.pc1 as opentop:office:pc1  (examples/office.otop:52:1)
    # bring lo up in office.pc1  (examples/office.otop:52:1)
    # add 10.1.0.11/24 to eth0 in office.pc1  (examples/office.otop:53:15)
    # add fd6f:1::11/64 to eth0 in office.pc1  (examples/office.otop:53:32)
    # bring eth0 up in office.pc1  (examples/office.otop:53:3)
    # route 0.0.0.0/0 via 10.1.0.1 in office.pc1  (examples/office.otop:54:3)
    # route ::/0 via fd6f:1::1 in office.pc1  (examples/office.otop:55:3)
    tool_step '9/11, addresses and routes, in node pc1 (office.pc1)' nsenter --net=/run/netns/office.pc1 -- ip -batch - <<'EOF'
link set dev lo alias opentop:office:pc1
link set dev lo up
addr add 10.1.0.11/24 dev eth0
addr add fd6f:1::11/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.1.0.1
route add ::/0 via fd6f:1::1
EOF
  }
  up_10() {
    # mark lo in office.pc2 as opentop:office:pc2  (examples/office.otop:52:1)
    # bring lo up in office.pc2  (examples/office.otop:52:1)
    # add 10.1.0.12/24 to eth0 in office.pc2  (examples/office.otop:53:15)
    # add fd6f:1::12/64 to eth0 in office.pc2  (examples/office.otop:53:32)
    # bring eth0 up in office.pc2  (examples/office.otop:53:3)
    # route 0.0.0.0/0 via 10.1.0.1 in office.pc2  (examples/office.otop:54:3)
    # route ::/0 via fd6f:1::1 in office.pc2  (examples/office.otop:55:3)
    tool_step '10/11, addresses and routes, in node pc2 (office.pc2)' nsenter --net=/run/netns/office.pc2 -- ip -batch - <<'EOF'
link set dev lo alias opentop:office:pc2
link set dev lo up
addr add 10.1.0.12/24 dev eth0
addr add fd6f:1::12/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.1.0.1
route add ::/0 via fd6f:1::1
EOF
  }
  up_11() {
    # mark lo in office.isp as opentop:office:isp  (examples/office.otop:58:1)
    # bring lo up in office.isp  (examples/office.otop:58:1)
    # add 203.0.113.2/24 to eth0 in office.isp  (examples/office.otop:59:8)
    # add fd6f:ff::2/64 to eth0 in office.isp  (examples/office.otop:59:23)
    # bring eth0 up in office.isp  (examples/office.otop:59:3)
    tool_step '11/11, addresses and routes, in node isp (office.isp)' nsenter --net=/run/netns/office.isp -- ip -batch - <<'EOF'
link set dev lo alias opentop:office:isp
link set dev lo up
addr add 203.0.113.2/24 dev eth0
addr add fd6f:ff::2/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  at_once 7 11 || return 1
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
  # delete network namespace office.isp and everything in it
  if ns_ours office.isp opentop:office:isp; then owned=$((owned + 1)); queue 'netns del office.isp'; fi
  # delete network namespace office.pc2 and everything in it
  if ns_ours office.pc2 opentop:office:pc2; then owned=$((owned + 1)); queue 'netns del office.pc2'; fi
  # delete network namespace office.pc1 and everything in it
  if ns_ours office.pc1 opentop:office:pc1; then owned=$((owned + 1)); queue 'netns del office.pc1'; fi
  # delete network namespace office.web and everything in it
  if ns_ours office.web opentop:office:web; then owned=$((owned + 1)); queue 'netns del office.web'; fi
  # delete network namespace office.router and everything in it
  if ns_ours office.router opentop:office:router; then owned=$((owned + 1)); queue 'netns del office.router'; fi
  # delete network namespace office and everything in it
  if ns_ours office opentop:office; then owned=$((owned + 1)); queue 'netns del office'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/office ]; then left="$left"'  netns office'"$NL"; fi
  if [ -e /run/netns/office.router ]; then left="$left"'  netns office.router'"$NL"; fi
  if [ -e /run/netns/office.web ]; then left="$left"'  netns office.web'"$NL"; fi
  if [ -e /run/netns/office.pc1 ]; then left="$left"'  netns office.pc1'"$NL"; fi
  if [ -e /run/netns/office.pc2 ]; then left="$left"'  netns office.pc2'"$NL"; fi
  if [ -e /run/netns/office.isp ]; then left="$left"'  netns office.isp'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/office && found=0
  taken_netns /run/netns/office.router && found=0
  taken_netns /run/netns/office.web && found=0
  taken_netns /run/netns/office.pc1 && found=0
  taken_netns /run/netns/office.pc2 && found=0
  taken_netns /run/netns/office.isp && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/office.otop:22:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/office.otop:20:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/office.otop:21:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/office.otop:40:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/office.otop:53:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge
EOF
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (examples/office.otop:15:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (examples/office.otop:16:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:office 2:office.router 3:office.web 4:office.pc1 5:office.pc2 6:office.isp
)

ns_1() { look 'the switches (office)' office links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface lan'
  [ "${seen_3-}" = 1 ] || drift missing 'interface dmz'
  [ "${seen_4-}" = 1 ] || drift missing 'interface router.eth0'
  [ "${seen_5-}" = 1 ] || drift missing 'interface router.eth1'
  [ "${seen_6-}" = 1 ] || drift missing 'interface web.eth0'
  [ "${seen_7-}" = 1 ] || drift missing 'interface pc1.eth0'
  [ "${seen_8-}" = 1 ] || drift missing 'interface pc2.eth0'
  extras
}

# links_1 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_1() {
  case $2 in
    '') links_1_0 "$1" && return 0 ;;
    lan) links_1_1 "$1" && return 0 ;;
    dmz) links_1_2 "$1" && return 0 ;;
  esac
  links_1_0 "$1" || links_1_1 "$1" || links_1_2 "$1"
}
links_1_0() {
  case $1 in
    lo) seen_1=1; want_link ;;
    lan) seen_2=1; want_link up ;;
    dmz) seen_3=1; want_link up ;;
    *) return 1 ;;
  esac
}
links_1_1() {
  case $1 in
    router.eth0) seen_4=1; want_link up master lan ;;
    pc1.eth0) seen_7=1; want_link up master lan ;;
    pc2.eth0) seen_8=1; want_link up master lan ;;
    *) return 1 ;;
  esac
}
links_1_2() {
  case $1 in
    router.eth1) seen_5=1; want_link up master dmz ;;
    web.eth0) seen_6=1; want_link up master dmz ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node router (office.router)' office.router links_2; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr wan 203.0.113.1/24
    want_addr wan fd6f:ff::1/64
  else
    drift missing 'interface wan'
  fi
  if [ "${seen_3-}" = 2 ]; then
    want_addr eth0 10.1.0.1/24
    want_addr eth0 fd6f:1::1/64
  else
    drift missing 'interface eth0'
  fi
  if [ "${seen_4-}" = 2 ]; then
    want_addr eth1 10.2.0.1/24
    want_addr eth1 fd6f:2::1/64
  else
    drift missing 'interface eth1'
  fi
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    wan) seen_2=2; want_link up ;;
    eth0) seen_3=2; want_link up ;;
    eth1) seen_4=2; want_link up ;;
    *) return 1 ;;
  esac
}
routes_2() { return 1; }

ns_3() { look 'node web (office.web)' office.web links_3 1; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr eth0 10.2.0.10/24
    want_addr eth0 fd6f:2::10/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 3 ] || drift missing 'route 0.0.0.0/0 via 10.2.0.1'
  [ "${rseen_2-}" = 3 ] || drift missing 'route ::/0 via fd6f:2::1'
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
    ::/0)
      ! route_is '' fd6f:2::1 '' || { rseen_2=3; is=0; }
      ;;
  esac
  return $is
}

ns_4() { look 'node pc1 (office.pc1)' office.pc1 links_4 1; }
end_4() {
  [ "${seen_1-}" = 4 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 4 ]; then
    want_addr eth0 10.1.0.11/24
    want_addr eth0 fd6f:1::11/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 4 ] || drift missing 'route 0.0.0.0/0 via 10.1.0.1'
  [ "${rseen_2-}" = 4 ] || drift missing 'route ::/0 via fd6f:1::1'
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
      ! route_is '' fd6f:1::1 '' || { rseen_2=4; is=0; }
      ;;
  esac
  return $is
}

ns_5() { look 'node pc2 (office.pc2)' office.pc2 links_5 1; }
end_5() {
  [ "${seen_1-}" = 5 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 5 ]; then
    want_addr eth0 10.1.0.12/24
    want_addr eth0 fd6f:1::12/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 5 ] || drift missing 'route 0.0.0.0/0 via 10.1.0.1'
  [ "${rseen_2-}" = 5 ] || drift missing 'route ::/0 via fd6f:1::1'
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
      ! route_is '' fd6f:1::1 '' || { rseen_2=5; is=0; }
      ;;
  esac
  return $is
}

ns_6() { look 'node isp (office.isp)' office.isp links_6; }
end_6() {
  [ "${seen_1-}" = 6 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 6 ]; then
    want_addr eth0 203.0.113.2/24
    want_addr eth0 fd6f:ff::2/64
  else
    drift missing 'interface eth0'
  fi
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
routes_6() { return 1; }

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    router) enter nsenter --net=/run/netns/office.router -- "$@" ;;
    web) enter nsenter --net=/run/netns/office.web -- "$@" ;;
    pc1) enter nsenter --net=/run/netns/office.pc1 -- "$@" ;;
    pc2) enter nsenter --net=/run/netns/office.pc2 -- "$@" ;;
    isp) enter nsenter --net=/run/netns/office.isp -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are router, web, pc1, pc2, isp'
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
  # wait until the IPv6 addresses of node router have passed duplicate address detection (at most 5 s)
  settle 1 nsenter --net=/run/netns/office.router -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node web have passed duplicate address detection (at most 5 s)
  settle 2 nsenter --net=/run/netns/office.web -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node pc1 have passed duplicate address detection (at most 5 s)
  settle 3 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node pc2 have passed duplicate address detection (at most 5 s)
  settle 4 nsenter --net=/run/netns/office.pc2 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node isp have passed duplicate address detection (at most 5 s)
  settle 5 nsenter --net=/run/netns/office.isp -- sh -c "$SH_SETTLE" opentop-settle 5
  # listen on tcp 10.2.0.10:80 in node web, unless something does
  listener 6 nsenter --net=/run/netns/office.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/web.tcp.10.2.0.10.80.pid opentop:office:web:listen-tcp-80-1 156 tcp 4 10.2.0.10 80
  # listen on tcp [fd6f:2::10]:80 in node web, unless something does
  listener 7 nsenter --net=/run/netns/office.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/web.tcp.fd6f:2::10.80.pid opentop:office:web:listen-tcp-80-2 156 tcp 6 fd6f:2::10 80
  # listen on tcp 10.2.0.10:443 in node web, unless something does
  listener 8 nsenter --net=/run/netns/office.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/web.tcp.10.2.0.10.443.pid opentop:office:web:listen-tcp-443-3 156 tcp 4 10.2.0.10 443
  # listen on tcp [fd6f:2::10]:443 in node web, unless something does
  listener 9 nsenter --net=/run/netns/office.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/web.tcp.fd6f:2::10.443.pid opentop:office:web:listen-tcp-443-4 156 tcp 6 fd6f:2::10 443
  # listen on tcp 10.2.0.10:22 in node web, unless something does
  listener 10 nsenter --net=/run/netns/office.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/web.tcp.10.2.0.10.22.pid opentop:office:web:listen-tcp-22-5 156 tcp 4 10.2.0.10 22
  # listen on tcp [fd6f:2::10]:22 in node web, unless something does
  listener 11 nsenter --net=/run/netns/office.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/web.tcp.fd6f:2::10.22.pid opentop:office:web:listen-tcp-22-6 156 tcp 6 fd6f:2::10 22
  # listen on tcp 10.2.0.10:8443 in node web, unless something does
  listener 12 nsenter --net=/run/netns/office.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/web.tcp.10.2.0.10.8443.pid opentop:office:web:listen-tcp-8443-7 156 tcp 4 10.2.0.10 8443
  # listen on tcp [fd6f:2::10]:8443 in node web, unless something does
  listener 13 nsenter --net=/run/netns/office.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/web.tcp.fd6f:2::10.8443.pid opentop:office:web:listen-tcp-8443-8 156 tcp 6 fd6f:2::10 8443
  # listen on tcp [fd6f:2::10]:8000 in node web, unless something does
  listener 14 nsenter --net=/run/netns/office.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/web.tcp.fd6f:2::10.8000.pid opentop:office:web:listen-tcp-8000-9 156 tcp 6 fd6f:2::10 8000
  # listen on tcp 10.2.0.10:8000 in node web, unless something does
  listener 15 nsenter --net=/run/netns/office.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/web.tcp.10.2.0.10.8000.pid opentop:office:web:listen-tcp-8000-10 156 tcp 4 10.2.0.10 8000
  # listen on tcp 10.2.0.10:9999 in node web, unless something does
  listener 16 nsenter --net=/run/netns/office.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/web.tcp.10.2.0.10.9999.pid opentop:office:web:listen-tcp-9999-11 156 tcp 4 10.2.0.10 9999
  # listen on tcp [fd6f:2::10]:9999 in node web, unless something does
  listener 17 nsenter --net=/run/netns/office.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/web.tcp.fd6f:2::10.9999.pid opentop:office:web:listen-tcp-9999-12 156 tcp 6 fd6f:2::10 9999
  # listen on tcp 10.1.0.12:7000 in node pc2, unless something does
  listener 18 nsenter --net=/run/netns/office.pc2 -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/pc2.tcp.10.1.0.12.7000.pid opentop:office:pc2:listen-tcp-7000-13 156 tcp 4 10.1.0.12 7000
  # listen on tcp [fd6f:1::12]:7000 in node pc2, unless something does
  listener 19 nsenter --net=/run/netns/office.pc2 -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/pc2.tcp.fd6f:1::12.7000.pid opentop:office:pc2:listen-tcp-7000-14 156 tcp 6 fd6f:1::12 7000
  # listen on tcp 203.0.113.2:9000 in node isp, unless something does
  listener 20 nsenter --net=/run/netns/office.isp -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/isp.tcp.203.0.113.2.9000.pid opentop:office:isp:listen-tcp-9000-15 156 tcp 4 203.0.113.2 9000
  # listen on tcp [fd6f:ff::2]:9000 in node isp, unless something does
  listener 21 nsenter --net=/run/netns/office.isp -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/isp.tcp.fd6f:ff::2.9000.pid opentop:office:isp:listen-tcp-9000-16 156 tcp 6 fd6f:ff::2 9000
  # listen on udp 203.0.113.2:53 in node isp, unless something does
  listener 22 nsenter --net=/run/netns/office.isp -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/isp.udp.203.0.113.2.53.pid opentop:office:isp:listen-udp-53-17 156 udp 4 203.0.113.2 53
  # listen on udp [fd6f:ff::2]:53 in node isp, unless something does
  listener 23 nsenter --net=/run/netns/office.isp -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/isp.udp.fd6f:ff::2.53.pid opentop:office:isp:listen-udp-53-18 156 udp 6 fd6f:ff::2 53
  # listen on tcp 10.2.0.10:8080 in node web, unless something does
  listener 24 nsenter --net=/run/netns/office.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/web.tcp.10.2.0.10.8080.pid opentop:office:web:listen-tcp-8080-19 156 tcp 4 10.2.0.10 8080
  # listen on tcp [fd6f:2::10]:8080 in node web, unless something does
  listener 25 nsenter --net=/run/netns/office.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/office/probes/web.tcp.fd6f:2::10.8080.pid opentop:office:web:listen-tcp-8080-20 156 tcp 6 fd6f:2::10 8080
  # probe tcp 10.2.0.10:80 from node pc1
  run_probe 26 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.2.0.10 80 '' 2
  # probe tcp [fd6f:2::10]:80 from node pc1
  run_probe 27 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd6f:2::10 80 '' 2
  # probe tcp 10.2.0.10:80 from node pc2
  run_probe 28 nsenter --net=/run/netns/office.pc2 -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.2.0.10 80 '' 2
  # probe tcp [fd6f:2::10]:80 from node pc2
  run_probe 29 nsenter --net=/run/netns/office.pc2 -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd6f:2::10 80 '' 2
  # probe tcp 10.2.0.10:443 from node pc1
  run_probe 30 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.2.0.10 443 '' 2
  # probe tcp [fd6f:2::10]:443 from node pc1
  run_probe 31 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd6f:2::10 443 '' 2
  # probe tcp 10.2.0.10:22 from node pc1
  run_probe 32 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.2.0.10 22 '' 2
  # probe tcp [fd6f:2::10]:22 from node pc1
  run_probe 33 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd6f:2::10 22 '' 2
  # probe tcp 10.2.0.10:8443 from node pc1
  run_probe 34 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.2.0.10 8443 '' 2
  # probe tcp [fd6f:2::10]:8443 from node pc1
  run_probe 35 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd6f:2::10 8443 '' 2
  # probe tcp [fd6f:2::10]:8000 from node pc1
  run_probe 36 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd6f:2::10 8000 '' 2
  # probe tcp 10.2.0.10:8000 from node pc1
  run_probe 37 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.2.0.10 8000 '' 2
  # probe tcp 10.2.0.10:22 from node router
  run_probe 38 nsenter --net=/run/netns/office.router -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.2.0.10 22 '' 2
  # probe tcp [fd6f:2::10]:22 from node router
  run_probe 39 nsenter --net=/run/netns/office.router -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd6f:2::10 22 '' 2
  # probe tcp 10.2.0.10:9999 from node router
  run_probe 40 nsenter --net=/run/netns/office.router -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.2.0.10 9999 '' 2
  # probe tcp [fd6f:2::10]:9999 from node router
  run_probe 41 nsenter --net=/run/netns/office.router -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd6f:2::10 9999 '' 2
  # probe tcp 10.1.0.12:7000 from node web
  run_probe 42 nsenter --net=/run/netns/office.web -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.1.0.12 7000 '' 2
  # probe tcp [fd6f:1::12]:7000 from node web
  run_probe 43 nsenter --net=/run/netns/office.web -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd6f:1::12 7000 '' 2
  # probe tcp 203.0.113.2:9000 from node pc1
  run_probe 44 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe tcp 4 203.0.113.2 9000 '' 2
  # probe tcp [fd6f:ff::2]:9000 from node pc1
  run_probe 45 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd6f:ff::2 9000 '' 2
  # probe udp 203.0.113.2:53 from node pc1
  run_probe 46 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe udp 4 203.0.113.2 53 '' 2
  # probe udp [fd6f:ff::2]:53 from node pc1
  run_probe 47 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe udp 6 fd6f:ff::2 53 '' 2
  # probe tcp 203.0.113.1:80 from node isp
  run_probe 48 nsenter --net=/run/netns/office.isp -- sh -c "$SH_PROBE" opentop-probe tcp 4 203.0.113.1 80 '' 2
  # probe tcp [fd6f:ff::1]:80 from node isp
  run_probe 49 nsenter --net=/run/netns/office.isp -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd6f:ff::1 80 '' 2
  # probe tcp 10.2.0.10:8080 from node isp
  run_probe 50 nsenter --net=/run/netns/office.isp -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.2.0.10 8080 '' 2
  # probe tcp [fd6f:2::10]:8080 from node isp
  run_probe 51 nsenter --net=/run/netns/office.isp -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd6f:2::10 8080 '' 2
  # probe icmp 10.1.0.11 from node isp
  run_probe 52 nsenter --net=/run/netns/office.isp -- sh -c "$SH_PROBE" opentop-probe icmp 4 10.1.0.11 '' '' 2
  # probe icmp fd6f:1::11 from node isp
  run_probe 53 nsenter --net=/run/netns/office.isp -- sh -c "$SH_PROBE" opentop-probe icmp 6 fd6f:1::11 '' '' 2
  # probe icmp 10.2.0.10 from node pc1
  run_probe 54 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe icmp 4 10.2.0.10 '' '' 2
  # probe icmp fd6f:2::10 from node pc1
  run_probe 55 nsenter --net=/run/netns/office.pc1 -- sh -c "$SH_PROBE" opentop-probe icmp 6 fd6f:2::10 '' '' 2
  # probe icmp 10.2.0.10 from node pc2
  run_probe 56 nsenter --net=/run/netns/office.pc2 -- sh -c "$SH_PROBE" opentop-probe icmp 4 10.2.0.10 '' '' 2
  # probe icmp fd6f:2::10 from node pc2
  run_probe 57 nsenter --net=/run/netns/office.pc2 -- sh -c "$SH_PROBE" opentop-probe icmp 6 fd6f:2::10 '' '' 2
  wait
  stop_listeners
}

stop_listeners() {
  # stop the listener on tcp 10.2.0.10 port 80 in node web
  stop_listener 6 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/web.tcp.10.2.0.10.80.pid opentop:office:web:listen-tcp-80-1 10 group
  # stop the listener on tcp fd6f:2::10 port 80 in node web
  stop_listener 7 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/web.tcp.fd6f:2::10.80.pid opentop:office:web:listen-tcp-80-2 10 group
  # stop the listener on tcp 10.2.0.10 port 443 in node web
  stop_listener 8 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/web.tcp.10.2.0.10.443.pid opentop:office:web:listen-tcp-443-3 10 group
  # stop the listener on tcp fd6f:2::10 port 443 in node web
  stop_listener 9 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/web.tcp.fd6f:2::10.443.pid opentop:office:web:listen-tcp-443-4 10 group
  # stop the listener on tcp 10.2.0.10 port 22 in node web
  stop_listener 10 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/web.tcp.10.2.0.10.22.pid opentop:office:web:listen-tcp-22-5 10 group
  # stop the listener on tcp fd6f:2::10 port 22 in node web
  stop_listener 11 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/web.tcp.fd6f:2::10.22.pid opentop:office:web:listen-tcp-22-6 10 group
  # stop the listener on tcp 10.2.0.10 port 8443 in node web
  stop_listener 12 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/web.tcp.10.2.0.10.8443.pid opentop:office:web:listen-tcp-8443-7 10 group
  # stop the listener on tcp fd6f:2::10 port 8443 in node web
  stop_listener 13 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/web.tcp.fd6f:2::10.8443.pid opentop:office:web:listen-tcp-8443-8 10 group
  # stop the listener on tcp fd6f:2::10 port 8000 in node web
  stop_listener 14 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/web.tcp.fd6f:2::10.8000.pid opentop:office:web:listen-tcp-8000-9 10 group
  # stop the listener on tcp 10.2.0.10 port 8000 in node web
  stop_listener 15 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/web.tcp.10.2.0.10.8000.pid opentop:office:web:listen-tcp-8000-10 10 group
  # stop the listener on tcp 10.2.0.10 port 9999 in node web
  stop_listener 16 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/web.tcp.10.2.0.10.9999.pid opentop:office:web:listen-tcp-9999-11 10 group
  # stop the listener on tcp fd6f:2::10 port 9999 in node web
  stop_listener 17 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/web.tcp.fd6f:2::10.9999.pid opentop:office:web:listen-tcp-9999-12 10 group
  # stop the listener on tcp 10.1.0.12 port 7000 in node pc2
  stop_listener 18 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/pc2.tcp.10.1.0.12.7000.pid opentop:office:pc2:listen-tcp-7000-13 10 group
  # stop the listener on tcp fd6f:1::12 port 7000 in node pc2
  stop_listener 19 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/pc2.tcp.fd6f:1::12.7000.pid opentop:office:pc2:listen-tcp-7000-14 10 group
  # stop the listener on tcp 203.0.113.2 port 9000 in node isp
  stop_listener 20 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/isp.tcp.203.0.113.2.9000.pid opentop:office:isp:listen-tcp-9000-15 10 group
  # stop the listener on tcp fd6f:ff::2 port 9000 in node isp
  stop_listener 21 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/isp.tcp.fd6f:ff::2.9000.pid opentop:office:isp:listen-tcp-9000-16 10 group
  # stop the listener on udp 203.0.113.2 port 53 in node isp
  stop_listener 22 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/isp.udp.203.0.113.2.53.pid opentop:office:isp:listen-udp-53-17 10 group
  # stop the listener on udp fd6f:ff::2 port 53 in node isp
  stop_listener 23 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/isp.udp.fd6f:ff::2.53.pid opentop:office:isp:listen-udp-53-18 10 group
  # stop the listener on tcp 10.2.0.10 port 8080 in node web
  stop_listener 24 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/web.tcp.10.2.0.10.8080.pid opentop:office:web:listen-tcp-8080-19 10 group
  # stop the listener on tcp fd6f:2::10 port 8080 in node web
  stop_listener 25 sh -c "$SH_STOP" opentop-stop /run/opentop/office/probes/web.tcp.fd6f:2::10.8080.pid opentop:office:web:listen-tcp-8080-20 10 group
  :
}

TEST_WIDTH=24
test_rows() {
  row 'pc1 -> web tcp 80' 4 reach reaches 'through pc1 → router → web' 26 6
  row 'pc1 -> web tcp 80' 6 reach reaches 'through pc1 → router → web' 27 7
  row 'pc2 -> web tcp 80' 4 reach reaches 'through pc2 → router → web' 28 6
  row 'pc2 -> web tcp 80' 6 reach reaches 'through pc2 → router → web' 29 7
  row 'pc1 -> web tcp 443' 4 reach reaches 'through pc1 → router → web' 30 8
  row 'pc1 -> web tcp 443' 6 reach reaches 'through pc1 → router → web' 31 9
  row 'pc1 !-> web tcp 22' 4 not blocked 'dropped by the forward policy of router' 32 10
  row 'pc1 !-> web tcp 22' 6 not blocked 'dropped by the forward policy of router' 33 11
  row 'pc1 !-> web tcp 8443' 4 not blocked 'rejected by rule `forward reject in eth0 out eth1 tcp dport 8443` of router' 34 12
  row 'pc1 !-> web tcp 8443' 6 not blocked 'rejected by rule `forward reject in eth0 out eth1 tcp dport 8443` of router' 35 13
  row 'pc1 -> web tcp 8000 -6' 6 reach reaches 'through pc1 → router → web' 36 14
  row 'pc1 !-> web tcp 8000 -4' 4 not blocked 'dropped by the forward policy of router' 37 15
  row 'router -> web tcp 22' 4 reach reaches 'through router → web' 38 10
  row 'router -> web tcp 22' 6 reach reaches 'through router → web' 39 11
  row 'router !-> web tcp 9999' 4 not blocked 'dropped by the input policy of web' 40 16
  row 'router !-> web tcp 9999' 6 not blocked 'dropped by the input policy of web' 41 17
  row 'web !-> pc2 tcp 7000' 4 not blocked 'dropped by the forward policy of router' 42 18
  row 'web !-> pc2 tcp 7000' 6 not blocked 'dropped by the forward policy of router' 43 19
  row 'pc1 -> isp tcp 9000' 4 reach reaches 'through pc1 → router → isp' 44 20
  row 'pc1 -> isp tcp 9000' 6 reach reaches 'through pc1 → router → isp' 45 21
  row 'pc1 -> isp udp 53' 4 reach reaches 'through pc1 → router → isp' 46 22
  row 'pc1 -> isp udp 53' 6 reach reaches 'through pc1 → router → isp' 47 23
  row 'isp -> router.wan tcp 80' 4 reach reaches 'through isp → router → web' 48 24
  row 'isp -> router.wan tcp 80' 6 reach reaches 'through isp → router → web' 49 25
  row 'isp !-> web tcp 8080' 4 not blocked 'isp has no route to 10.2.0.10' 50 24
  row 'isp !-> web tcp 8080' 6 not blocked 'isp has no route to fd6f:2::10' 51 25
  row 'isp !-> pc1' 4 not blocked 'isp has no route to 10.1.0.11' 52 0
  row 'isp !-> pc1' 6 not blocked 'isp has no route to fd6f:1::11' 53 0
  row 'pc1 -> web' 4 reach reaches 'through pc1 → router → web' 54 0
  row 'pc1 -> web' 6 reach reaches 'through pc1 → router → web' 55 0
  row 'pc2 -> web' 4 reach reaches 'through pc2 → router → web' 56 0
  row 'pc2 -> web' 6 reach reaches 'through pc2 → router → web' 57 0
}

# plan_text: what `up` runs, as `opentop plan` prints it.
plan_text() {
  printf '%s\n' '# lab office: up, 66 operations in 11 processes

# stage 1: namespaces
ip -batch -
    netns add office         # examples/office.otop:13:5
    netns add office.router  # examples/office.otop:18:1
    netns add office.web     # examples/office.otop:39:1
    netns add office.pc1     # examples/office.otop:52:1
    netns add office.pc2     # examples/office.otop:52:1
    netns add office.isp     # examples/office.otop:58:1

# stage 2: namespace sysctls
nsenter --net=/run/netns/office.router -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/office.otop:19:3
    net.ipv6.conf.all.forwarding=1      # examples/office.otop:19:3
    net.ipv6.conf.default.accept_dad=0  # examples/office.otop:19:3

# stage 3: filters (steps run concurrently)
nsenter --net=/run/netns/office.router -- nft -f -
    # examples/office.otop:24:5
    table inet opentop {
    	chain prerouting {
    		type nat hook prerouting priority dstnat; policy accept;
    		iifname "wan" tcp dport 80 dnat ip to 10.2.0.10:8080 comment "dnat in wan tcp dport 80 to 10.2.0.10:8080"
    		iifname "wan" tcp dport 80 dnat ip6 to [fd6f:2::10]:8080 comment "dnat in wan tcp dport 80 to [fd6f:2::10]:8080"
    	}
    	chain forward {
    		type filter hook forward priority filter; policy drop;
    		ct state related,established accept comment "forward accept established"
    		meta l4proto icmp accept comment "forward accept icmp"
    		meta l4proto ipv6-icmp accept comment "forward accept icmpv6"
    		iifname "eth0" oifname "wan" accept comment "forward accept in eth0 out wan"
    		iifname "eth0" oifname "eth1" tcp dport { 80, 443 } accept comment "forward accept in eth0 out eth1 tcp dport 80,443"
    		iifname "eth0" oifname "eth1" tcp dport 8443 reject with tcp reset comment "forward reject in eth0 out eth1 tcp dport 8443"
    		iifname "eth0" oifname "eth1" ip6 saddr fd6f:1::/64 tcp dport 8000 accept comment "forward accept in eth0 out eth1 saddr fd6f:1::/64 tcp dport 8000"
    		iifname "wan" oifname "eth1" tcp dport 8080 counter accept comment "forward accept in wan out eth1 tcp dport 8080 counter"
    	}
    	chain postrouting {
    		type nat hook postrouting priority srcnat; policy accept;
    		oifname "wan" masquerade comment "masquerade out wan"
    	}
    }
nsenter --net=/run/netns/office.web -- nft -f -
    # examples/office.otop:44:5
    table inet opentop {
    	chain input {
    		type filter hook input priority filter; policy drop;
    		ct state related,established accept comment "input accept established"
    		meta l4proto icmp accept comment "input accept icmp"
    		meta l4proto ipv6-icmp accept comment "input accept icmpv6"
    		tcp dport { 22, 80, 443, 8000, 8080, 8443 } accept comment "input accept tcp dport 22,80,443,8000,8080,8443"
    	}
    }

# stage 4: links (steps run concurrently)
ip -batch -
    link add name wan index 7839789 netns office.router type veth peer name eth0 netns office.isp  # examples/office.otop:22:3
nsenter --net=/run/netns/office -- ip -batch -
    link set dev lo alias opentop:office                                                                 # examples/office.otop:13:5
    link add name lan type bridge                                                                        # examples/office.otop:15:1
    link set dev lan addrgenmode none                                                                    # examples/office.otop:15:1
    link set dev lan up                                                                                  # examples/office.otop:15:1
    link add name dmz type bridge                                                                        # examples/office.otop:16:1
    link set dev dmz addrgenmode none                                                                    # examples/office.otop:16:1
    link set dev dmz up                                                                                  # examples/office.otop:16:1
    link add name router.eth0 index 9829555 master lan up type veth peer name eth0 netns office.router   # examples/office.otop:20:3
    link set dev router.eth0 addrgenmode none                                                            # examples/office.otop:20:3
    link add name router.eth1 index 14157307 master dmz up type veth peer name eth1 netns office.router  # examples/office.otop:21:3
    link set dev router.eth1 addrgenmode none                                                            # examples/office.otop:21:3
    link add name web.eth0 index 6854235 master dmz up type veth peer name eth0 netns office.web         # examples/office.otop:40:3
    link set dev web.eth0 addrgenmode none                                                               # examples/office.otop:40:3
    link add name pc1.eth0 index 9302337 master lan up type veth peer name eth0 netns office.pc1         # examples/office.otop:53:3
    link set dev pc1.eth0 addrgenmode none                                                               # examples/office.otop:53:3
    link add name pc2.eth0 index 940250 master lan up type veth peer name eth0 netns office.pc2          # examples/office.otop:53:3
    link set dev pc2.eth0 addrgenmode none                                                               # examples/office.otop:53:3

# stage 5: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/office.router -- ip -batch -
    link set dev lo alias opentop:office:router  # examples/office.otop:18:1
    link set dev lo up                           # examples/office.otop:18:1
    addr add 10.1.0.1/24 dev eth0                # examples/office.otop:20:15
    addr add fd6f:1::1/64 dev eth0 nodad         # examples/office.otop:20:27
    link set dev eth0 up                         # examples/office.otop:20:3
    addr add 10.2.0.1/24 dev eth1                # examples/office.otop:21:15
    addr add fd6f:2::1/64 dev eth1 nodad         # examples/office.otop:21:27
    link set dev eth1 up                         # examples/office.otop:21:3
    addr add 203.0.113.1/24 dev wan              # examples/office.otop:22:19
    addr add fd6f:ff::1/64 dev wan nodad         # examples/office.otop:22:34
    link set dev wan up                          # examples/office.otop:22:3
nsenter --net=/run/netns/office.web -- ip -batch -
    link set dev lo alias opentop:office:web  # examples/office.otop:39:1
    link set dev lo up                        # examples/office.otop:39:1
    addr add 10.2.0.10/24 dev eth0            # examples/office.otop:40:15
    addr add fd6f:2::10/64 dev eth0 nodad     # examples/office.otop:40:28
    link set dev eth0 up                      # examples/office.otop:40:3
    route add 0.0.0.0/0 via 10.2.0.1          # examples/office.otop:41:3
    route add ::/0 via fd6f:2::1              # examples/office.otop:42:3
nsenter --net=/run/netns/office.pc1 -- ip -batch -
    link set dev lo alias opentop:office:pc1  # examples/office.otop:52:1
    link set dev lo up                        # examples/office.otop:52:1
    addr add 10.1.0.11/24 dev eth0            # examples/office.otop:53:15
    addr add fd6f:1::11/64 dev eth0 nodad     # examples/office.otop:53:32
    link set dev eth0 up                      # examples/office.otop:53:3
    route add 0.0.0.0/0 via 10.1.0.1          # examples/office.otop:54:3
    route add ::/0 via fd6f:1::1              # examples/office.otop:55:3
nsenter --net=/run/netns/office.pc2 -- ip -batch -
    link set dev lo alias opentop:office:pc2  # examples/office.otop:52:1
    link set dev lo up                        # examples/office.otop:52:1
    addr add 10.1.0.12/24 dev eth0            # examples/office.otop:53:15
    addr add fd6f:1::12/64 dev eth0 nodad     # examples/office.otop:53:32
    link set dev eth0 up                      # examples/office.otop:53:3
    route add 0.0.0.0/0 via 10.1.0.1          # examples/office.otop:54:3
    route add ::/0 via fd6f:1::1              # examples/office.otop:55:3
nsenter --net=/run/netns/office.isp -- ip -batch -
    link set dev lo alias opentop:office:isp  # examples/office.otop:58:1
    link set dev lo up                        # examples/office.otop:58:1
    addr add 203.0.113.2/24 dev eth0          # examples/office.otop:59:8
    addr add fd6f:ff::2/64 dev eth0 nodad     # examples/office.otop:59:23
    link set dev eth0 up                      # examples/office.otop:59:3'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "office",
 "file": "/ROOT/examples/office.otop",
 "hash": "439b18972ce926d3ff4ccafafb4f37ed3e35c79645dc552ee3ceae649bac8f7f",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["router","web","pc1","pc2","isp"],
 "switches": ["lan","dmz"],
 "plan": "dfe855ad4884d301dfedd7978c88edcd62a1139c46c39a226a8f8efc4b18c9e0",
 "owned": [
  {"kind":"netns","name":"office"},
  {"kind":"netns","name":"office.router","node":"router"},
  {"kind":"netns","name":"office.web","node":"web"},
  {"kind":"netns","name":"office.pc1","node":"pc1"},
  {"kind":"netns","name":"office.pc2","node":"pc2"},
  {"kind":"netns","name":"office.isp","node":"isp"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"office"},"origin":"examples/office.otop:13:5"},
  {"op":{"kind":"netns.add","name":"office.router","node":"router"},"origin":"examples/office.otop:18:1"},
  {"op":{"kind":"netns.add","name":"office.web","node":"web"},"origin":"examples/office.otop:39:1"},
  {"op":{"kind":"netns.add","name":"office.pc1","node":"pc1"},"origin":"examples/office.otop:52:1"},
  {"op":{"kind":"netns.add","name":"office.pc2","node":"pc2"},"origin":"examples/office.otop:52:1"},
  {"op":{"kind":"netns.add","name":"office.isp","node":"isp"},"origin":"examples/office.otop:58:1"},
  {"op":{"kind":"sysctl.set","ns":"office.router","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/office.otop:19:3"},
  {"op":{"kind":"sysctl.set","ns":"office.router","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/office.otop:19:3"},
  {"op":{"kind":"sysctl.set","ns":"office.router","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/office.otop:19:3"},
  {"op":{"kind":"nft.table","ns":"office.router","family":"inet","name":"opentop","ruleset":"table inet opentop {\n\tchain prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\tiifname \"wan\" tcp dport 80 dnat ip to 10.2.0.10:8080 comment \"dnat in wan tcp dport 80 to 10.2.0.10:8080\"\n\t\tiifname \"wan\" tcp dport 80 dnat ip6 to [fd6f:2::10]:8080 comment \"dnat in wan tcp dport 80 to [fd6f:2::10]:8080\"\n\t}\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n\t\tct state related,established accept comment \"forward accept established\"\n\t\tmeta l4proto icmp accept comment \"forward accept icmp\"\n\t\tmeta l4proto ipv6-icmp accept comment \"forward accept icmpv6\"\n\t\tiifname \"eth0\" oifname \"wan\" accept comment \"forward accept in eth0 out wan\"\n\t\tiifname \"eth0\" oifname \"eth1\" tcp dport { 80, 443 } accept comment \"forward accept in eth0 out eth1 tcp dport 80,443\"\n\t\tiifname \"eth0\" oifname \"eth1\" tcp dport 8443 reject with tcp reset comment \"forward reject in eth0 out eth1 tcp dport 8443\"\n\t\tiifname \"eth0\" oifname \"eth1\" ip6 saddr fd6f:1::/64 tcp dport 8000 accept comment \"forward accept in eth0 out eth1 saddr fd6f:1::/64 tcp dport 8000\"\n\t\tiifname \"wan\" oifname \"eth1\" tcp dport 8080 counter accept comment \"forward accept in wan out eth1 tcp dport 8080 counter\"\n\t}\n\tchain postrouting {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t\toifname \"wan\" masquerade comment \"masquerade out wan\"\n\t}\n}\n"},"origin":"examples/office.otop:24:5"},
  {"op":{"kind":"nft.table","ns":"office.web","family":"inet","name":"opentop","ruleset":"table inet opentop {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\tct state related,established accept comment \"input accept established\"\n\t\tmeta l4proto icmp accept comment \"input accept icmp\"\n\t\tmeta l4proto ipv6-icmp accept comment \"input accept icmpv6\"\n\t\ttcp dport { 22, 80, 443, 8000, 8080, 8443 } accept comment \"input accept tcp dport 22,80,443,8000,8080,8443\"\n\t}\n}\n"},"origin":"examples/office.otop:44:5"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"office.router","name":"wan","index":7839789},"b":{"ns":"office.isp","name":"eth0"}},"origin":"examples/office.otop:22:3"},
  {"op":{"kind":"link.alias","ns":"office","dev":"lo","alias":"opentop:office"},"origin":"examples/office.otop:13:5"},
  {"op":{"kind":"bridge.add","ns":"office","name":"lan"},"origin":"examples/office.otop:15:1"},
  {"op":{"kind":"link.nolinklocal","ns":"office","dev":"lan"},"origin":"examples/office.otop:15:1"},
  {"op":{"kind":"link.up","ns":"office","dev":"lan"},"origin":"examples/office.otop:15:1"},
  {"op":{"kind":"bridge.add","ns":"office","name":"dmz"},"origin":"examples/office.otop:16:1"},
  {"op":{"kind":"link.nolinklocal","ns":"office","dev":"dmz"},"origin":"examples/office.otop:16:1"},
  {"op":{"kind":"link.up","ns":"office","dev":"dmz"},"origin":"examples/office.otop:16:1"},
  {"op":{"kind":"veth.add","ns":"office","a":{"ns":"office","name":"router.eth0","index":9829555,"master":"lan"},"b":{"ns":"office.router","name":"eth0"}},"origin":"examples/office.otop:20:3"},
  {"op":{"kind":"link.nolinklocal","ns":"office","dev":"router.eth0"},"origin":"examples/office.otop:20:3"},
  {"op":{"kind":"veth.add","ns":"office","a":{"ns":"office","name":"router.eth1","index":14157307,"master":"dmz"},"b":{"ns":"office.router","name":"eth1"}},"origin":"examples/office.otop:21:3"},
  {"op":{"kind":"link.nolinklocal","ns":"office","dev":"router.eth1"},"origin":"examples/office.otop:21:3"},
  {"op":{"kind":"veth.add","ns":"office","a":{"ns":"office","name":"web.eth0","index":6854235,"master":"dmz"},"b":{"ns":"office.web","name":"eth0"}},"origin":"examples/office.otop:40:3"},
  {"op":{"kind":"link.nolinklocal","ns":"office","dev":"web.eth0"},"origin":"examples/office.otop:40:3"},
  {"op":{"kind":"veth.add","ns":"office","a":{"ns":"office","name":"pc1.eth0","index":9302337,"master":"lan"},"b":{"ns":"office.pc1","name":"eth0"}},"origin":"examples/office.otop:53:3"},
  {"op":{"kind":"link.nolinklocal","ns":"office","dev":"pc1.eth0"},"origin":"examples/office.otop:53:3"},
  {"op":{"kind":"veth.add","ns":"office","a":{"ns":"office","name":"pc2.eth0","index":940250,"master":"lan"},"b":{"ns":"office.pc2","name":"eth0"}},"origin":"examples/office.otop:53:3"},
  {"op":{"kind":"link.nolinklocal","ns":"office","dev":"pc2.eth0"},"origin":"examples/office.otop:53:3"},
  {"op":{"kind":"link.alias","ns":"office.router","dev":"lo","alias":"opentop:office:router"},"origin":"examples/office.otop:18:1"},
  {"op":{"kind":"link.up","ns":"office.router","dev":"lo"},"origin":"examples/office.otop:18:1"},
  {"op":{"kind":"addr.add","ns":"office.router","dev":"eth0","cidr":"10.1.0.1/24","family":4},"origin":"examples/office.otop:20:15"},
  {"op":{"kind":"addr.add","ns":"office.router","dev":"eth0","cidr":"fd6f:1::1/64","family":6},"origin":"examples/office.otop:20:27"},
  {"op":{"kind":"link.up","ns":"office.router","dev":"eth0"},"origin":"examples/office.otop:20:3"},
  {"op":{"kind":"addr.add","ns":"office.router","dev":"eth1","cidr":"10.2.0.1/24","family":4},"origin":"examples/office.otop:21:15"},
  {"op":{"kind":"addr.add","ns":"office.router","dev":"eth1","cidr":"fd6f:2::1/64","family":6},"origin":"examples/office.otop:21:27"},
  {"op":{"kind":"link.up","ns":"office.router","dev":"eth1"},"origin":"examples/office.otop:21:3"},
  {"op":{"kind":"addr.add","ns":"office.router","dev":"wan","cidr":"203.0.113.1/24","family":4},"origin":"examples/office.otop:22:19"},
  {"op":{"kind":"addr.add","ns":"office.router","dev":"wan","cidr":"fd6f:ff::1/64","family":6},"origin":"examples/office.otop:22:34"},
  {"op":{"kind":"link.up","ns":"office.router","dev":"wan"},"origin":"examples/office.otop:22:3"},
  {"op":{"kind":"link.alias","ns":"office.web","dev":"lo","alias":"opentop:office:web"},"origin":"examples/office.otop:39:1"},
  {"op":{"kind":"link.up","ns":"office.web","dev":"lo"},"origin":"examples/office.otop:39:1"},
  {"op":{"kind":"addr.add","ns":"office.web","dev":"eth0","cidr":"10.2.0.10/24","family":4},"origin":"examples/office.otop:40:15"},
  {"op":{"kind":"addr.add","ns":"office.web","dev":"eth0","cidr":"fd6f:2::10/64","family":6},"origin":"examples/office.otop:40:28"},
  {"op":{"kind":"link.up","ns":"office.web","dev":"eth0"},"origin":"examples/office.otop:40:3"},
  {"op":{"kind":"route.add","ns":"office.web","family":4,"destination":"0.0.0.0/0","via":"10.2.0.1"},"origin":"examples/office.otop:41:3"},
  {"op":{"kind":"route.add","ns":"office.web","family":6,"destination":"::/0","via":"fd6f:2::1"},"origin":"examples/office.otop:42:3"},
  {"op":{"kind":"link.alias","ns":"office.pc1","dev":"lo","alias":"opentop:office:pc1"},"origin":"examples/office.otop:52:1"},
  {"op":{"kind":"link.up","ns":"office.pc1","dev":"lo"},"origin":"examples/office.otop:52:1"},
  {"op":{"kind":"addr.add","ns":"office.pc1","dev":"eth0","cidr":"10.1.0.11/24","family":4},"origin":"examples/office.otop:53:15"},
  {"op":{"kind":"addr.add","ns":"office.pc1","dev":"eth0","cidr":"fd6f:1::11/64","family":6},"origin":"examples/office.otop:53:32"},
  {"op":{"kind":"link.up","ns":"office.pc1","dev":"eth0"},"origin":"examples/office.otop:53:3"},
  {"op":{"kind":"route.add","ns":"office.pc1","family":4,"destination":"0.0.0.0/0","via":"10.1.0.1"},"origin":"examples/office.otop:54:3"},
  {"op":{"kind":"route.add","ns":"office.pc1","family":6,"destination":"::/0","via":"fd6f:1::1"},"origin":"examples/office.otop:55:3"},
  {"op":{"kind":"link.alias","ns":"office.pc2","dev":"lo","alias":"opentop:office:pc2"},"origin":"examples/office.otop:52:1"},
  {"op":{"kind":"link.up","ns":"office.pc2","dev":"lo"},"origin":"examples/office.otop:52:1"},
  {"op":{"kind":"addr.add","ns":"office.pc2","dev":"eth0","cidr":"10.1.0.12/24","family":4},"origin":"examples/office.otop:53:15"},
  {"op":{"kind":"addr.add","ns":"office.pc2","dev":"eth0","cidr":"fd6f:1::12/64","family":6},"origin":"examples/office.otop:53:32"},
  {"op":{"kind":"link.up","ns":"office.pc2","dev":"eth0"},"origin":"examples/office.otop:53:3"},
  {"op":{"kind":"route.add","ns":"office.pc2","family":4,"destination":"0.0.0.0/0","via":"10.1.0.1"},"origin":"examples/office.otop:54:3"},
  {"op":{"kind":"route.add","ns":"office.pc2","family":6,"destination":"::/0","via":"fd6f:1::1"},"origin":"examples/office.otop:55:3"},
  {"op":{"kind":"link.alias","ns":"office.isp","dev":"lo","alias":"opentop:office:isp"},"origin":"examples/office.otop:58:1"},
  {"op":{"kind":"link.up","ns":"office.isp","dev":"lo"},"origin":"examples/office.otop:58:1"},
  {"op":{"kind":"addr.add","ns":"office.isp","dev":"eth0","cidr":"203.0.113.2/24","family":4},"origin":"examples/office.otop:59:8"},
  {"op":{"kind":"addr.add","ns":"office.isp","dev":"eth0","cidr":"fd6f:ff::2/64","family":6},"origin":"examples/office.otop:59:23"},
  {"op":{"kind":"link.up","ns":"office.isp","dev":"eth0"},"origin":"examples/office.otop:59:3"}
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