#!/bin/sh
# Lab vlan: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/vlan.otop
#   sha256    4cca017fce98d3c3bf788466332fa0c06b5873ffe9b2517ef2bc2ef347d671a9
#   requires  ip nsenter sysctl nft bridge unshare mkdir ln readlink rm mv date touch find cat
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
LAB='vlan'
SELF=${0##*/}
RUN_DIR=${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP='ip nsenter sysctl nft bridge unshare mkdir ln readlink rm mv date touch find cat'
NEED_DOWN='ip nsenter mkdir ln readlink rm find'
NEED_STATUS='ip nsenter'
NEED_TEST=''
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=7
KIB_PER_NAMESPACE=320
SUMMARY='6 nodes, 1 switch, 8 links (80 operations)'
HELP='
Lab vlan: 6 nodes, 1 switch, 8 links (80 operations).
  up      create it (needs root and ip, nsenter, sysctl, nft, bridge, unshare, mkdir, ln, readlink, rm, mv, date, touch, find, cat)
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
  # create network namespace vlan  (examples/vlan.otop:14:5)
  # create network namespace vlan.router  (examples/vlan.otop:18:1)
  # create network namespace vlan.isp  (examples/vlan.otop:34:1)
  # create network namespace vlan.staff1  (examples/vlan.otop:36:1)
  # create network namespace vlan.staff2  (examples/vlan.otop:37:1)
  # create network namespace vlan.printer  (examples/vlan.otop:38:1)
  # create network namespace vlan.guest  (examples/vlan.otop:39:1)
  tool_step '1/14, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add vlan
netns add vlan.router
netns add vlan.isp
netns add vlan.staff1
netns add vlan.staff2
netns add vlan.printer
netns add vlan.guest
EOF
  # == stage 2 of 7: namespace sysctls (its 2 steps side by side)
  up_2() {
    # set net.ipv4.ip_forward = 1 in vlan.router  (examples/vlan.otop:19:3)
    # set net.ipv6.conf.all.forwarding = 1 in vlan.router  (examples/vlan.otop:19:3)
    # set net.ipv6.conf.default.accept_dad = 0 in vlan.router  (examples/vlan.otop:19:3)
    tool_step '2/14, namespace sysctls, in node router (vlan.router)' nsenter --net=/run/netns/vlan.router -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_3() {
    # set net.ipv4.ip_forward = 1 in vlan.isp  (examples/vlan.otop:34:12)
    # set net.ipv6.conf.all.forwarding = 1 in vlan.isp  (examples/vlan.otop:34:12)
    # set net.ipv6.conf.default.accept_dad = 0 in vlan.isp  (examples/vlan.otop:34:12)
    tool_step '3/14, namespace sysctls, in node isp (vlan.isp)' nsenter --net=/run/netns/vlan.isp -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  at_once 2 3 || return 1
  # == stage 3 of 7: filters
  # load nftables table inet opentop in vlan.router  (examples/vlan.otop:26:5)
  tool_step '4/14, filters, in node router (vlan.router)' nsenter --net=/run/netns/vlan.router -- nft -f - <<'EOF' || return 1
table inet opentop {
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state related,established accept comment "forward accept established"
		iifname "trunk.10" accept comment "forward accept in trunk.10"
		iifname "trunk.20" oifname "uplink" accept comment "forward accept in trunk.20 out uplink"
	}
	chain postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "uplink" masquerade comment "masquerade out uplink"
	}
}
EOF
  # == stage 4 of 7: links (its 2 steps side by side)
  up_5() {
    # create veth pair uplink (vlan.router) — eth0 (vlan.isp)  (examples/vlan.otop:23:3)
    tool_step '5/14, links, on the host' ip -batch - <<'EOF'
link add name uplink index 15457098 netns vlan.router type veth peer name eth0 netns vlan.isp
EOF
  }
  up_6() {
    # mark lo in vlan as opentop:vlan  (examples/vlan.otop:14:5)
    # create VLAN-aware bridge office in vlan  (examples/vlan.otop:16:1)
    # give office in vlan no IPv6 link-local address  (examples/vlan.otop:16:1)
    # bring office up in vlan  (examples/vlan.otop:16:1)
    # create veth pair router.trunk (vlan) — trunk (vlan.router)  (examples/vlan.otop:20:3)
    # give router.trunk in vlan no IPv6 link-local address  (examples/vlan.otop:20:3)
    # create veth pair staff1.eth0 (vlan) — eth0 (vlan.staff1)  (examples/vlan.otop:36:15)
    # give staff1.eth0 in vlan no IPv6 link-local address  (examples/vlan.otop:36:15)
    # create veth pair staff2.eth0 (vlan) — eth0 (vlan.staff2)  (examples/vlan.otop:37:15)
    # give staff2.eth0 in vlan no IPv6 link-local address  (examples/vlan.otop:37:15)
    # create veth pair printer.eth0 (vlan) — eth0 (vlan.printer)  (examples/vlan.otop:38:16)
    # give printer.eth0 in vlan no IPv6 link-local address  (examples/vlan.otop:38:16)
    # create veth pair guest.eth0 (vlan) — eth0 (vlan.guest)  (examples/vlan.otop:39:14)
    # give guest.eth0 in vlan no IPv6 link-local address  (examples/vlan.otop:39:14)
    tool_step '6/14, links, in the switches (vlan)' nsenter --net=/run/netns/vlan -- ip -batch - <<'EOF'
link set dev lo alias opentop:vlan
link add name office type bridge vlan_filtering 1 vlan_default_pvid 0
link set dev office addrgenmode none
link set dev office up
link add name router.trunk index 7441684 master office up type veth peer name trunk netns vlan.router
link set dev router.trunk addrgenmode none
link add name staff1.eth0 index 5087559 master office up type veth peer name eth0 netns vlan.staff1
link set dev staff1.eth0 addrgenmode none
link add name staff2.eth0 index 3419887 master office up type veth peer name eth0 netns vlan.staff2
link set dev staff2.eth0 addrgenmode none
link add name printer.eth0 index 11860575 master office up type veth peer name eth0 netns vlan.printer
link set dev printer.eth0 addrgenmode none
link add name guest.eth0 index 1681561 master office up type veth peer name eth0 netns vlan.guest
link set dev guest.eth0 addrgenmode none
EOF
  }
  at_once 5 6 || return 1
  # == stage 5 of 7: stacked interfaces
  # create VLAN 10 sub-interface trunk.10 on trunk in vlan.router  (examples/vlan.otop:21:3)
  # create VLAN 20 sub-interface trunk.20 on trunk in vlan.router  (examples/vlan.otop:22:3)
  tool_step '7/14, stacked interfaces, in node router (vlan.router)' nsenter --net=/run/netns/vlan.router -- ip -batch - <<'EOF' || return 1
link add link trunk name trunk.10 type vlan id 10
link add link trunk name trunk.20 type vlan id 20
EOF
  # == stage 6 of 7: switch VLANs
  # let port router.trunk in vlan carry VLAN 10 tagged  (examples/vlan.otop:20:3)
  # let port router.trunk in vlan carry VLAN 20 tagged  (examples/vlan.otop:20:3)
  # let port staff1.eth0 in vlan carry VLAN 10 untagged  (examples/vlan.otop:36:15)
  # let port staff2.eth0 in vlan carry VLAN 10 untagged  (examples/vlan.otop:37:15)
  # let port printer.eth0 in vlan carry VLAN 10 untagged  (examples/vlan.otop:38:16)
  # let port guest.eth0 in vlan carry VLAN 20 untagged  (examples/vlan.otop:39:14)
  tool_step '8/14, switch VLANs, in the switches (vlan)' nsenter --net=/run/netns/vlan -- bridge -batch - <<'EOF' || return 1
vlan add dev router.trunk vid 10
vlan add dev router.trunk vid 20
vlan add dev staff1.eth0 vid 10 pvid untagged
vlan add dev staff2.eth0 vid 10 pvid untagged
vlan add dev printer.eth0 vid 10 pvid untagged
vlan add dev guest.eth0 vid 20 pvid untagged
EOF
  # == stage 7 of 7: addresses and routes (its 6 steps side by side)
  up_9() {
    # mark lo in vlan.router as opentop:vlan:router  (examples/vlan.otop:18:1)
    # bring lo up in vlan.router  (examples/vlan.otop:18:1)
    # give trunk in vlan.router no IPv6 link-local address  (examples/vlan.otop:20:3)
    # bring trunk up in vlan.router  (examples/vlan.otop:20:3)
    # add 10.10.0.1/24 to trunk.10 in vlan.router  (examples/vlan.otop:21:12)
    # give trunk.10 in vlan.router no IPv6 link-local address  (examples/vlan.otop:21:3)
    # bring trunk.10 up in vlan.router  (examples/vlan.otop:21:3)
    # add 10.20.0.1/24 to trunk.20 in vlan.router  (examples/vlan.otop:22:12)
    # give trunk.20 in vlan.router no IPv6 link-local address  (examples/vlan.otop:22:3)
    # bring trunk.20 up in vlan.router  (examples/vlan.otop:22:3)
    # add 203.0.113.1/24 to uplink in vlan.router  (examples/vlan.otop:23:22)
    # give uplink in vlan.router no IPv6 link-local address  (examples/vlan.otop:23:3)
    # bring uplink up in vlan.router  (examples/vlan.otop:23:3)
    # route 0.0.0.0/0 via 203.0.113.254 in vlan.router  (examples/vlan.otop:24:3)
    tool_step '9/14, addresses and routes, in node router (vlan.router)' nsenter --net=/run/netns/vlan.router -- ip -batch - <<'EOF'
link set dev lo alias opentop:vlan:router
link set dev lo up
link set dev trunk addrgenmode none
link set dev trunk up
addr add 10.10.0.1/24 dev trunk.10
link set dev trunk.10 addrgenmode none
link set dev trunk.10 up
addr add 10.20.0.1/24 dev trunk.20
link set dev trunk.20 addrgenmode none
link set dev trunk.20 up
addr add 203.0.113.1/24 dev uplink
link set dev uplink addrgenmode none
link set dev uplink up
route add 0.0.0.0/0 via 203.0.113.254
EOF
  }
  up_10() {
    # mark lo in vlan.isp as opentop:vlan:isp  (examples/vlan.otop:34:1)
    # bring lo up in vlan.isp  (examples/vlan.otop:34:1)
    # add 203.0.113.254/24 to eth0 in vlan.isp  (examples/vlan.otop:34:26)
    # give eth0 in vlan.isp no IPv6 link-local address  (examples/vlan.otop:34:21)
    # bring eth0 up in vlan.isp  (examples/vlan.otop:34:21)
    tool_step '10/14, addresses and routes, in node isp (vlan.isp)' nsenter --net=/run/netns/vlan.isp -- ip -batch - <<'EOF'
link set dev lo alias opentop:vlan:isp
link set dev lo up
addr add 203.0.113.254/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
EOF
  }
  up_11() {
    # mark lo in vlan.staff1 as opentop:vlan:staff1  (examples/vlan.otop:36:1)
    # bring lo up in vlan.staff1  (examples/vlan.otop:36:1)
    # add 10.10.0.11/24 to eth0 in vlan.staff1  (examples/vlan.otop:36:30)
    # give eth0 in vlan.staff1 no IPv6 link-local address  (examples/vlan.otop:36:15)
    # bring eth0 up in vlan.staff1  (examples/vlan.otop:36:15)
    # route 0.0.0.0/0 via 10.10.0.1 in vlan.staff1  (examples/vlan.otop:36:59)
    tool_step '11/14, addresses and routes, in node staff1 (vlan.staff1)' nsenter --net=/run/netns/vlan.staff1 -- ip -batch - <<'EOF'
link set dev lo alias opentop:vlan:staff1
link set dev lo up
addr add 10.10.0.11/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
route add 0.0.0.0/0 via 10.10.0.1
EOF
  }
  up_12() {
    # mark lo in vlan.staff2 as opentop:vlan:staff2  (examples/vlan.otop:37:1)
    # bring lo up in vlan.staff2  (examples/vlan.otop:37:1)
    # add 10.10.0.12/24 to eth0 in vlan.staff2  (examples/vlan.otop:37:30)
    # give eth0 in vlan.staff2 no IPv6 link-local address  (examples/vlan.otop:37:15)
    # bring eth0 up in vlan.staff2  (examples/vlan.otop:37:15)
    # route 0.0.0.0/0 via 10.10.0.1 in vlan.staff2  (examples/vlan.otop:37:59)
    tool_step '12/14, addresses and routes, in node staff2 (vlan.staff2)' nsenter --net=/run/netns/vlan.staff2 -- ip -batch - <<'EOF'
link set dev lo alias opentop:vlan:staff2
link set dev lo up
addr add 10.10.0.12/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
route add 0.0.0.0/0 via 10.10.0.1
EOF
  }
  up_13() {
    # mark lo in vlan.printer as opentop:vlan:printer  (examples/vlan.otop:38:1)
    # bring lo up in vlan.printer  (examples/vlan.otop:38:1)
    # add 10.10.0.50/24 to eth0 in vlan.printer  (examples/vlan.otop:38:31)
    # give eth0 in vlan.printer no IPv6 link-local address  (examples/vlan.otop:38:16)
    # bring eth0 up in vlan.printer  (examples/vlan.otop:38:16)
    # route 0.0.0.0/0 via 10.10.0.1 in vlan.printer  (examples/vlan.otop:38:60)
    tool_step '13/14, addresses and routes, in node printer (vlan.printer)' nsenter --net=/run/netns/vlan.printer -- ip -batch - <<'EOF'
link set dev lo alias opentop:vlan:printer
link set dev lo up
addr add 10.10.0.50/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
route add 0.0.0.0/0 via 10.10.0.1
EOF
  }
  up_14() {
    # mark lo in vlan.guest as opentop:vlan:guest  (examples/vlan.otop:39:1)
    # bring lo up in vlan.guest  (examples/vlan.otop:39:1)
    # add 10.20.0.11/24 to eth0 in vlan.guest  (examples/vlan.otop:39:29)
    # give eth0 in vlan.guest no IPv6 link-local address  (examples/vlan.otop:39:14)
    # bring eth0 up in vlan.guest  (examples/vlan.otop:39:14)
    # route 0.0.0.0/0 via 10.20.0.1 in vlan.guest  (examples/vlan.otop:39:58)
    tool_step '14/14, addresses and routes, in node guest (vlan.guest)' nsenter --net=/run/netns/vlan.guest -- ip -batch - <<'EOF'
link set dev lo alias opentop:vlan:guest
link set dev lo up
addr add 10.20.0.11/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
route add 0.0.0.0/0 via 10.20.0.1
EOF
  }
  at_once 9 14 || return 1
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
  # delete network namespace vlan.guest and everything in it
  if ns_ours vlan.guest opentop:vlan:guest; then owned=$((owned + 1)); queue 'netns del vlan.guest'; fi
  # delete network namespace vlan.printer and everything in it
  if ns_ours vlan.printer opentop:vlan:printer; then owned=$((owned + 1)); queue 'netns del vlan.printer'; fi
  # delete network namespace vlan.staff2 and everything in it
  if ns_ours vlan.staff2 opentop:vlan:staff2; then owned=$((owned + 1)); queue 'netns del vlan.staff2'; fi
  # delete network namespace vlan.staff1 and everything in it
  if ns_ours vlan.staff1 opentop:vlan:staff1; then owned=$((owned + 1)); queue 'netns del vlan.staff1'; fi
  # delete network namespace vlan.isp and everything in it
  if ns_ours vlan.isp opentop:vlan:isp; then owned=$((owned + 1)); queue 'netns del vlan.isp'; fi
  # delete network namespace vlan.router and everything in it
  if ns_ours vlan.router opentop:vlan:router; then owned=$((owned + 1)); queue 'netns del vlan.router'; fi
  # delete network namespace vlan and everything in it
  if ns_ours vlan opentop:vlan; then owned=$((owned + 1)); queue 'netns del vlan'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/vlan ]; then left="$left"'  netns vlan'"$NL"; fi
  if [ -e /run/netns/vlan.router ]; then left="$left"'  netns vlan.router'"$NL"; fi
  if [ -e /run/netns/vlan.isp ]; then left="$left"'  netns vlan.isp'"$NL"; fi
  if [ -e /run/netns/vlan.staff1 ]; then left="$left"'  netns vlan.staff1'"$NL"; fi
  if [ -e /run/netns/vlan.staff2 ]; then left="$left"'  netns vlan.staff2'"$NL"; fi
  if [ -e /run/netns/vlan.printer ]; then left="$left"'  netns vlan.printer'"$NL"; fi
  if [ -e /run/netns/vlan.guest ]; then left="$left"'  netns vlan.guest'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/vlan && found=0
  taken_netns /run/netns/vlan.router && found=0
  taken_netns /run/netns/vlan.isp && found=0
  taken_netns /run/netns/vlan.staff1 && found=0
  taken_netns /run/netns/vlan.staff2 && found=0
  taken_netns /run/netns/vlan.printer && found=0
  taken_netns /run/netns/vlan.guest && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/vlan.otop:23:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/vlan.otop:20:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/vlan.otop:36:15)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/vlan.otop:37:15)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/vlan.otop:38:16)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/vlan.otop:39:14)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge
EOF
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (examples/vlan.otop:16:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge vlan_filtering 1
EOF
    error OT6011 'this kernel lacks VLAN filtering on bridges, which this statement needs (examples/vlan.otop:16:1)' 'it is the kernel option CONFIG_BRIDGE_VLAN_FILTERING (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks VLAN filtering on bridges, which this statement needs (examples/vlan.otop:20:3)' 'it is the kernel option CONFIG_BRIDGE_VLAN_FILTERING (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks VLAN filtering on bridges, which this statement needs (examples/vlan.otop:36:15)' 'it is the kernel option CONFIG_BRIDGE_VLAN_FILTERING (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks VLAN filtering on bridges, which this statement needs (examples/vlan.otop:37:15)' 'it is the kernel option CONFIG_BRIDGE_VLAN_FILTERING (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks VLAN filtering on bridges, which this statement needs (examples/vlan.otop:38:16)' 'it is the kernel option CONFIG_BRIDGE_VLAN_FILTERING (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks VLAN filtering on bridges, which this statement needs (examples/vlan.otop:39:14)' 'it is the kernel option CONFIG_BRIDGE_VLAN_FILTERING (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
link add link p0 name p0.1 type vlan id 1
EOF
    error OT6011 'this kernel lacks 802.1Q VLAN sub-interfaces, which this statement needs (examples/vlan.otop:21:3)' 'it is the kernel option CONFIG_VLAN_8021Q (module 8021q: `modprobe 8021q`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks 802.1Q VLAN sub-interfaces, which this statement needs (examples/vlan.otop:22:3)' 'it is the kernel option CONFIG_VLAN_8021Q (module 8021q: `modprobe 8021q`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:vlan 2:vlan.router 3:vlan.isp 4:vlan.staff1 5:vlan.staff2 6:vlan.printer 7:vlan.guest
)

ns_1() { look 'the switches (vlan)' vlan links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface office'
  [ "${seen_3-}" = 1 ] || drift missing 'interface router.trunk'
  [ "${seen_4-}" = 1 ] || drift missing 'interface staff1.eth0'
  [ "${seen_5-}" = 1 ] || drift missing 'interface staff2.eth0'
  [ "${seen_6-}" = 1 ] || drift missing 'interface printer.eth0'
  [ "${seen_7-}" = 1 ] || drift missing 'interface guest.eth0'
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
    office) seen_2=1; want_link up ;;
    *) return 1 ;;
  esac
}
links_1_1() {
  case $1 in
    router.trunk) seen_3=1; want_link up master office ;;
    staff1.eth0) seen_4=1; want_link up master office ;;
    staff2.eth0) seen_5=1; want_link up master office ;;
    printer.eth0) seen_6=1; want_link up master office ;;
    guest.eth0) seen_7=1; want_link up master office ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node router (vlan.router)' vlan.router links_2 1; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr uplink 203.0.113.1/24
  else
    drift missing 'interface uplink'
  fi
  [ "${seen_3-}" = 2 ] || drift missing 'interface trunk'
  if [ "${seen_4-}" = 2 ]; then
    want_addr trunk.10 10.10.0.1/24
  else
    drift missing 'interface trunk.10'
  fi
  if [ "${seen_5-}" = 2 ]; then
    want_addr trunk.20 10.20.0.1/24
  else
    drift missing 'interface trunk.20'
  fi
  [ "${rseen_1-}" = 2 ] || drift missing 'route 0.0.0.0/0 via 203.0.113.254'
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    uplink) seen_2=2; want_link up ;;
    trunk) seen_3=2; want_link up ;;
    trunk.10) seen_4=2; want_link up ;;
    trunk.20) seen_5=2; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_2: marks the plan's routes that this route of the kernel is; false if none.
routes_2() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 203.0.113.254 '' || { rseen_1=2; is=0; }
      ;;
  esac
  return $is
}

ns_3() { look 'node isp (vlan.isp)' vlan.isp links_3; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr eth0 203.0.113.254/24
  else
    drift missing 'interface eth0'
  fi
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
routes_3() { return 1; }

ns_4() { look 'node staff1 (vlan.staff1)' vlan.staff1 links_4 1; }
end_4() {
  [ "${seen_1-}" = 4 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 4 ]; then
    want_addr eth0 10.10.0.11/24
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 4 ] || drift missing 'route 0.0.0.0/0 via 10.10.0.1'
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
  esac
  return $is
}

ns_5() { look 'node staff2 (vlan.staff2)' vlan.staff2 links_5 1; }
end_5() {
  [ "${seen_1-}" = 5 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 5 ]; then
    want_addr eth0 10.10.0.12/24
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 5 ] || drift missing 'route 0.0.0.0/0 via 10.10.0.1'
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
      ! route_is '' 10.10.0.1 '' || { rseen_1=5; is=0; }
      ;;
  esac
  return $is
}

ns_6() { look 'node printer (vlan.printer)' vlan.printer links_6 1; }
end_6() {
  [ "${seen_1-}" = 6 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 6 ]; then
    want_addr eth0 10.10.0.50/24
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 6 ] || drift missing 'route 0.0.0.0/0 via 10.10.0.1'
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
      ! route_is '' 10.10.0.1 '' || { rseen_1=6; is=0; }
      ;;
  esac
  return $is
}

ns_7() { look 'node guest (vlan.guest)' vlan.guest links_7 1; }
end_7() {
  [ "${seen_1-}" = 7 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 7 ]; then
    want_addr eth0 10.20.0.11/24
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 7 ] || drift missing 'route 0.0.0.0/0 via 10.20.0.1'
  extras
}

# links_7 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_7() {
  case $1 in
    lo) seen_1=7; want_link up ;;
    eth0) seen_2=7; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_7: marks the plan's routes that this route of the kernel is; false if none.
routes_7() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.20.0.1 '' || { rseen_1=7; is=0; }
      ;;
  esac
  return $is
}

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    router) enter nsenter --net=/run/netns/vlan.router -- "$@" ;;
    isp) enter nsenter --net=/run/netns/vlan.isp -- "$@" ;;
    staff1) enter nsenter --net=/run/netns/vlan.staff1 -- "$@" ;;
    staff2) enter nsenter --net=/run/netns/vlan.staff2 -- "$@" ;;
    printer) enter nsenter --net=/run/netns/vlan.printer -- "$@" ;;
    guest) enter nsenter --net=/run/netns/vlan.guest -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are router, isp, staff1, staff2, printer, guest'
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
  printf '%s\n' '# lab vlan: up, 80 operations in 14 processes

# stage 1: namespaces
ip -batch -
    netns add vlan          # examples/vlan.otop:14:5
    netns add vlan.router   # examples/vlan.otop:18:1
    netns add vlan.isp      # examples/vlan.otop:34:1
    netns add vlan.staff1   # examples/vlan.otop:36:1
    netns add vlan.staff2   # examples/vlan.otop:37:1
    netns add vlan.printer  # examples/vlan.otop:38:1
    netns add vlan.guest    # examples/vlan.otop:39:1

# stage 2: namespace sysctls (steps run concurrently)
nsenter --net=/run/netns/vlan.router -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/vlan.otop:19:3
    net.ipv6.conf.all.forwarding=1      # examples/vlan.otop:19:3
    net.ipv6.conf.default.accept_dad=0  # examples/vlan.otop:19:3
nsenter --net=/run/netns/vlan.isp -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/vlan.otop:34:12
    net.ipv6.conf.all.forwarding=1      # examples/vlan.otop:34:12
    net.ipv6.conf.default.accept_dad=0  # examples/vlan.otop:34:12

# stage 3: filters
nsenter --net=/run/netns/vlan.router -- nft -f -
    # examples/vlan.otop:26:5
    table inet opentop {
    	chain forward {
    		type filter hook forward priority filter; policy drop;
    		ct state related,established accept comment "forward accept established"
    		iifname "trunk.10" accept comment "forward accept in trunk.10"
    		iifname "trunk.20" oifname "uplink" accept comment "forward accept in trunk.20 out uplink"
    	}
    	chain postrouting {
    		type nat hook postrouting priority srcnat; policy accept;
    		oifname "uplink" masquerade comment "masquerade out uplink"
    	}
    }

# stage 4: links (steps run concurrently)
ip -batch -
    link add name uplink index 15457098 netns vlan.router type veth peer name eth0 netns vlan.isp  # examples/vlan.otop:23:3
nsenter --net=/run/netns/vlan -- ip -batch -
    link set dev lo alias opentop:vlan                                                                      # examples/vlan.otop:14:5
    link add name office type bridge vlan_filtering 1 vlan_default_pvid 0                                   # examples/vlan.otop:16:1
    link set dev office addrgenmode none                                                                    # examples/vlan.otop:16:1
    link set dev office up                                                                                  # examples/vlan.otop:16:1
    link add name router.trunk index 7441684 master office up type veth peer name trunk netns vlan.router   # examples/vlan.otop:20:3
    link set dev router.trunk addrgenmode none                                                              # examples/vlan.otop:20:3
    link add name staff1.eth0 index 5087559 master office up type veth peer name eth0 netns vlan.staff1     # examples/vlan.otop:36:15
    link set dev staff1.eth0 addrgenmode none                                                               # examples/vlan.otop:36:15
    link add name staff2.eth0 index 3419887 master office up type veth peer name eth0 netns vlan.staff2     # examples/vlan.otop:37:15
    link set dev staff2.eth0 addrgenmode none                                                               # examples/vlan.otop:37:15
    link add name printer.eth0 index 11860575 master office up type veth peer name eth0 netns vlan.printer  # examples/vlan.otop:38:16
    link set dev printer.eth0 addrgenmode none                                                              # examples/vlan.otop:38:16
    link add name guest.eth0 index 1681561 master office up type veth peer name eth0 netns vlan.guest       # examples/vlan.otop:39:14
    link set dev guest.eth0 addrgenmode none                                                                # examples/vlan.otop:39:14

# stage 5: stacked interfaces
nsenter --net=/run/netns/vlan.router -- ip -batch -
    link add link trunk name trunk.10 type vlan id 10  # examples/vlan.otop:21:3
    link add link trunk name trunk.20 type vlan id 20  # examples/vlan.otop:22:3

# stage 6: switch VLANs
nsenter --net=/run/netns/vlan -- bridge -batch -
    vlan add dev router.trunk vid 10                # examples/vlan.otop:20:3
    vlan add dev router.trunk vid 20                # examples/vlan.otop:20:3
    vlan add dev staff1.eth0 vid 10 pvid untagged   # examples/vlan.otop:36:15
    vlan add dev staff2.eth0 vid 10 pvid untagged   # examples/vlan.otop:37:15
    vlan add dev printer.eth0 vid 10 pvid untagged  # examples/vlan.otop:38:16
    vlan add dev guest.eth0 vid 20 pvid untagged    # examples/vlan.otop:39:14

# stage 7: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/vlan.router -- ip -batch -
    link set dev lo alias opentop:vlan:router  # examples/vlan.otop:18:1
    link set dev lo up                         # examples/vlan.otop:18:1
    link set dev trunk addrgenmode none        # examples/vlan.otop:20:3
    link set dev trunk up                      # examples/vlan.otop:20:3
    addr add 10.10.0.1/24 dev trunk.10         # examples/vlan.otop:21:12
    link set dev trunk.10 addrgenmode none     # examples/vlan.otop:21:3
    link set dev trunk.10 up                   # examples/vlan.otop:21:3
    addr add 10.20.0.1/24 dev trunk.20         # examples/vlan.otop:22:12
    link set dev trunk.20 addrgenmode none     # examples/vlan.otop:22:3
    link set dev trunk.20 up                   # examples/vlan.otop:22:3
    addr add 203.0.113.1/24 dev uplink         # examples/vlan.otop:23:22
    link set dev uplink addrgenmode none       # examples/vlan.otop:23:3
    link set dev uplink up                     # examples/vlan.otop:23:3
    route add 0.0.0.0/0 via 203.0.113.254      # examples/vlan.otop:24:3
nsenter --net=/run/netns/vlan.isp -- ip -batch -
    link set dev lo alias opentop:vlan:isp  # examples/vlan.otop:34:1
    link set dev lo up                      # examples/vlan.otop:34:1
    addr add 203.0.113.254/24 dev eth0      # examples/vlan.otop:34:26
    link set dev eth0 addrgenmode none      # examples/vlan.otop:34:21
    link set dev eth0 up                    # examples/vlan.otop:34:21
nsenter --net=/run/netns/vlan.staff1 -- ip -batch -
    link set dev lo alias opentop:vlan:staff1  # examples/vlan.otop:36:1
    link set dev lo up                         # examples/vlan.otop:36:1
    addr add 10.10.0.11/24 dev eth0            # examples/vlan.otop:36:30
    link set dev eth0 addrgenmode none         # examples/vlan.otop:36:15
    link set dev eth0 up                       # examples/vlan.otop:36:15
    route add 0.0.0.0/0 via 10.10.0.1          # examples/vlan.otop:36:59
nsenter --net=/run/netns/vlan.staff2 -- ip -batch -
    link set dev lo alias opentop:vlan:staff2  # examples/vlan.otop:37:1
    link set dev lo up                         # examples/vlan.otop:37:1
    addr add 10.10.0.12/24 dev eth0            # examples/vlan.otop:37:30
    link set dev eth0 addrgenmode none         # examples/vlan.otop:37:15
    link set dev eth0 up                       # examples/vlan.otop:37:15
    route add 0.0.0.0/0 via 10.10.0.1          # examples/vlan.otop:37:59
nsenter --net=/run/netns/vlan.printer -- ip -batch -
    link set dev lo alias opentop:vlan:printer  # examples/vlan.otop:38:1
    link set dev lo up                          # examples/vlan.otop:38:1
    addr add 10.10.0.50/24 dev eth0             # examples/vlan.otop:38:31
    link set dev eth0 addrgenmode none          # examples/vlan.otop:38:16
    link set dev eth0 up                        # examples/vlan.otop:38:16
    route add 0.0.0.0/0 via 10.10.0.1           # examples/vlan.otop:38:60
nsenter --net=/run/netns/vlan.guest -- ip -batch -
    link set dev lo alias opentop:vlan:guest  # examples/vlan.otop:39:1
    link set dev lo up                        # examples/vlan.otop:39:1
    addr add 10.20.0.11/24 dev eth0           # examples/vlan.otop:39:29
    link set dev eth0 addrgenmode none        # examples/vlan.otop:39:14
    link set dev eth0 up                      # examples/vlan.otop:39:14
    route add 0.0.0.0/0 via 10.20.0.1         # examples/vlan.otop:39:58'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "vlan",
 "file": "/ROOT/examples/vlan.otop",
 "hash": "4cca017fce98d3c3bf788466332fa0c06b5873ffe9b2517ef2bc2ef347d671a9",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["router","isp","staff1","staff2","printer","guest"],
 "switches": ["office"],
 "plan": "b440defa8d7bd153cdf1d68b752861e480aa694473fcd7bcd822acbaf0c22e9c",
 "owned": [
  {"kind":"netns","name":"vlan"},
  {"kind":"netns","name":"vlan.router","node":"router"},
  {"kind":"netns","name":"vlan.isp","node":"isp"},
  {"kind":"netns","name":"vlan.staff1","node":"staff1"},
  {"kind":"netns","name":"vlan.staff2","node":"staff2"},
  {"kind":"netns","name":"vlan.printer","node":"printer"},
  {"kind":"netns","name":"vlan.guest","node":"guest"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"vlan"},"origin":"examples/vlan.otop:14:5"},
  {"op":{"kind":"netns.add","name":"vlan.router","node":"router"},"origin":"examples/vlan.otop:18:1"},
  {"op":{"kind":"netns.add","name":"vlan.isp","node":"isp"},"origin":"examples/vlan.otop:34:1"},
  {"op":{"kind":"netns.add","name":"vlan.staff1","node":"staff1"},"origin":"examples/vlan.otop:36:1"},
  {"op":{"kind":"netns.add","name":"vlan.staff2","node":"staff2"},"origin":"examples/vlan.otop:37:1"},
  {"op":{"kind":"netns.add","name":"vlan.printer","node":"printer"},"origin":"examples/vlan.otop:38:1"},
  {"op":{"kind":"netns.add","name":"vlan.guest","node":"guest"},"origin":"examples/vlan.otop:39:1"},
  {"op":{"kind":"sysctl.set","ns":"vlan.router","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/vlan.otop:19:3"},
  {"op":{"kind":"sysctl.set","ns":"vlan.router","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/vlan.otop:19:3"},
  {"op":{"kind":"sysctl.set","ns":"vlan.router","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/vlan.otop:19:3"},
  {"op":{"kind":"sysctl.set","ns":"vlan.isp","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/vlan.otop:34:12"},
  {"op":{"kind":"sysctl.set","ns":"vlan.isp","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/vlan.otop:34:12"},
  {"op":{"kind":"sysctl.set","ns":"vlan.isp","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/vlan.otop:34:12"},
  {"op":{"kind":"nft.table","ns":"vlan.router","family":"inet","name":"opentop","ruleset":"table inet opentop {\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n\t\tct state related,established accept comment \"forward accept established\"\n\t\tiifname \"trunk.10\" accept comment \"forward accept in trunk.10\"\n\t\tiifname \"trunk.20\" oifname \"uplink\" accept comment \"forward accept in trunk.20 out uplink\"\n\t}\n\tchain postrouting {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t\toifname \"uplink\" masquerade comment \"masquerade out uplink\"\n\t}\n}\n"},"origin":"examples/vlan.otop:26:5"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"vlan.router","name":"uplink","index":15457098},"b":{"ns":"vlan.isp","name":"eth0"}},"origin":"examples/vlan.otop:23:3"},
  {"op":{"kind":"link.alias","ns":"vlan","dev":"lo","alias":"opentop:vlan"},"origin":"examples/vlan.otop:14:5"},
  {"op":{"kind":"bridge.add","ns":"vlan","name":"office","vlanAware":true},"origin":"examples/vlan.otop:16:1"},
  {"op":{"kind":"link.nolinklocal","ns":"vlan","dev":"office"},"origin":"examples/vlan.otop:16:1"},
  {"op":{"kind":"link.up","ns":"vlan","dev":"office"},"origin":"examples/vlan.otop:16:1"},
  {"op":{"kind":"veth.add","ns":"vlan","a":{"ns":"vlan","name":"router.trunk","index":7441684,"master":"office"},"b":{"ns":"vlan.router","name":"trunk"}},"origin":"examples/vlan.otop:20:3"},
  {"op":{"kind":"link.nolinklocal","ns":"vlan","dev":"router.trunk"},"origin":"examples/vlan.otop:20:3"},
  {"op":{"kind":"veth.add","ns":"vlan","a":{"ns":"vlan","name":"staff1.eth0","index":5087559,"master":"office"},"b":{"ns":"vlan.staff1","name":"eth0"}},"origin":"examples/vlan.otop:36:15"},
  {"op":{"kind":"link.nolinklocal","ns":"vlan","dev":"staff1.eth0"},"origin":"examples/vlan.otop:36:15"},
  {"op":{"kind":"veth.add","ns":"vlan","a":{"ns":"vlan","name":"staff2.eth0","index":3419887,"master":"office"},"b":{"ns":"vlan.staff2","name":"eth0"}},"origin":"examples/vlan.otop:37:15"},
  {"op":{"kind":"link.nolinklocal","ns":"vlan","dev":"staff2.eth0"},"origin":"examples/vlan.otop:37:15"},
  {"op":{"kind":"veth.add","ns":"vlan","a":{"ns":"vlan","name":"printer.eth0","index":11860575,"master":"office"},"b":{"ns":"vlan.printer","name":"eth0"}},"origin":"examples/vlan.otop:38:16"},
  {"op":{"kind":"link.nolinklocal","ns":"vlan","dev":"printer.eth0"},"origin":"examples/vlan.otop:38:16"},
  {"op":{"kind":"veth.add","ns":"vlan","a":{"ns":"vlan","name":"guest.eth0","index":1681561,"master":"office"},"b":{"ns":"vlan.guest","name":"eth0"}},"origin":"examples/vlan.otop:39:14"},
  {"op":{"kind":"link.nolinklocal","ns":"vlan","dev":"guest.eth0"},"origin":"examples/vlan.otop:39:14"},
  {"op":{"kind":"vlan.add","ns":"vlan.router","parent":"trunk","name":"trunk.10","vid":10},"origin":"examples/vlan.otop:21:3"},
  {"op":{"kind":"vlan.add","ns":"vlan.router","parent":"trunk","name":"trunk.20","vid":20},"origin":"examples/vlan.otop:22:3"},
  {"op":{"kind":"port.vlan","ns":"vlan","dev":"router.trunk","vids":"10"},"origin":"examples/vlan.otop:20:3"},
  {"op":{"kind":"port.vlan","ns":"vlan","dev":"router.trunk","vids":"20"},"origin":"examples/vlan.otop:20:3"},
  {"op":{"kind":"port.vlan","ns":"vlan","dev":"staff1.eth0","vids":"10","untagged":true},"origin":"examples/vlan.otop:36:15"},
  {"op":{"kind":"port.vlan","ns":"vlan","dev":"staff2.eth0","vids":"10","untagged":true},"origin":"examples/vlan.otop:37:15"},
  {"op":{"kind":"port.vlan","ns":"vlan","dev":"printer.eth0","vids":"10","untagged":true},"origin":"examples/vlan.otop:38:16"},
  {"op":{"kind":"port.vlan","ns":"vlan","dev":"guest.eth0","vids":"20","untagged":true},"origin":"examples/vlan.otop:39:14"},
  {"op":{"kind":"link.alias","ns":"vlan.router","dev":"lo","alias":"opentop:vlan:router"},"origin":"examples/vlan.otop:18:1"},
  {"op":{"kind":"link.up","ns":"vlan.router","dev":"lo"},"origin":"examples/vlan.otop:18:1"},
  {"op":{"kind":"link.nolinklocal","ns":"vlan.router","dev":"trunk"},"origin":"examples/vlan.otop:20:3"},
  {"op":{"kind":"link.up","ns":"vlan.router","dev":"trunk"},"origin":"examples/vlan.otop:20:3"},
  {"op":{"kind":"addr.add","ns":"vlan.router","dev":"trunk.10","cidr":"10.10.0.1/24","family":4},"origin":"examples/vlan.otop:21:12"},
  {"op":{"kind":"link.nolinklocal","ns":"vlan.router","dev":"trunk.10"},"origin":"examples/vlan.otop:21:3"},
  {"op":{"kind":"link.up","ns":"vlan.router","dev":"trunk.10"},"origin":"examples/vlan.otop:21:3"},
  {"op":{"kind":"addr.add","ns":"vlan.router","dev":"trunk.20","cidr":"10.20.0.1/24","family":4},"origin":"examples/vlan.otop:22:12"},
  {"op":{"kind":"link.nolinklocal","ns":"vlan.router","dev":"trunk.20"},"origin":"examples/vlan.otop:22:3"},
  {"op":{"kind":"link.up","ns":"vlan.router","dev":"trunk.20"},"origin":"examples/vlan.otop:22:3"},
  {"op":{"kind":"addr.add","ns":"vlan.router","dev":"uplink","cidr":"203.0.113.1/24","family":4},"origin":"examples/vlan.otop:23:22"},
  {"op":{"kind":"link.nolinklocal","ns":"vlan.router","dev":"uplink"},"origin":"examples/vlan.otop:23:3"},
  {"op":{"kind":"link.up","ns":"vlan.router","dev":"uplink"},"origin":"examples/vlan.otop:23:3"},
  {"op":{"kind":"route.add","ns":"vlan.router","family":4,"destination":"0.0.0.0/0","via":"203.0.113.254"},"origin":"examples/vlan.otop:24:3"},
  {"op":{"kind":"link.alias","ns":"vlan.isp","dev":"lo","alias":"opentop:vlan:isp"},"origin":"examples/vlan.otop:34:1"},
  {"op":{"kind":"link.up","ns":"vlan.isp","dev":"lo"},"origin":"examples/vlan.otop:34:1"},
  {"op":{"kind":"addr.add","ns":"vlan.isp","dev":"eth0","cidr":"203.0.113.254/24","family":4},"origin":"examples/vlan.otop:34:26"},
  {"op":{"kind":"link.nolinklocal","ns":"vlan.isp","dev":"eth0"},"origin":"examples/vlan.otop:34:21"},
  {"op":{"kind":"link.up","ns":"vlan.isp","dev":"eth0"},"origin":"examples/vlan.otop:34:21"},
  {"op":{"kind":"link.alias","ns":"vlan.staff1","dev":"lo","alias":"opentop:vlan:staff1"},"origin":"examples/vlan.otop:36:1"},
  {"op":{"kind":"link.up","ns":"vlan.staff1","dev":"lo"},"origin":"examples/vlan.otop:36:1"},
  {"op":{"kind":"addr.add","ns":"vlan.staff1","dev":"eth0","cidr":"10.10.0.11/24","family":4},"origin":"examples/vlan.otop:36:30"},
  {"op":{"kind":"link.nolinklocal","ns":"vlan.staff1","dev":"eth0"},"origin":"examples/vlan.otop:36:15"},
  {"op":{"kind":"link.up","ns":"vlan.staff1","dev":"eth0"},"origin":"examples/vlan.otop:36:15"},
  {"op":{"kind":"route.add","ns":"vlan.staff1","family":4,"destination":"0.0.0.0/0","via":"10.10.0.1"},"origin":"examples/vlan.otop:36:59"},
  {"op":{"kind":"link.alias","ns":"vlan.staff2","dev":"lo","alias":"opentop:vlan:staff2"},"origin":"examples/vlan.otop:37:1"},
  {"op":{"kind":"link.up","ns":"vlan.staff2","dev":"lo"},"origin":"examples/vlan.otop:37:1"},
  {"op":{"kind":"addr.add","ns":"vlan.staff2","dev":"eth0","cidr":"10.10.0.12/24","family":4},"origin":"examples/vlan.otop:37:30"},
  {"op":{"kind":"link.nolinklocal","ns":"vlan.staff2","dev":"eth0"},"origin":"examples/vlan.otop:37:15"},
  {"op":{"kind":"link.up","ns":"vlan.staff2","dev":"eth0"},"origin":"examples/vlan.otop:37:15"},
  {"op":{"kind":"route.add","ns":"vlan.staff2","family":4,"destination":"0.0.0.0/0","via":"10.10.0.1"},"origin":"examples/vlan.otop:37:59"},
  {"op":{"kind":"link.alias","ns":"vlan.printer","dev":"lo","alias":"opentop:vlan:printer"},"origin":"examples/vlan.otop:38:1"},
  {"op":{"kind":"link.up","ns":"vlan.printer","dev":"lo"},"origin":"examples/vlan.otop:38:1"},
  {"op":{"kind":"addr.add","ns":"vlan.printer","dev":"eth0","cidr":"10.10.0.50/24","family":4},"origin":"examples/vlan.otop:38:31"},
  {"op":{"kind":"link.nolinklocal","ns":"vlan.printer","dev":"eth0"},"origin":"examples/vlan.otop:38:16"},
  {"op":{"kind":"link.up","ns":"vlan.printer","dev":"eth0"},"origin":"examples/vlan.otop:38:16"},
  {"op":{"kind":"route.add","ns":"vlan.printer","family":4,"destination":"0.0.0.0/0","via":"10.10.0.1"},"origin":"examples/vlan.otop:38:60"},
  {"op":{"kind":"link.alias","ns":"vlan.guest","dev":"lo","alias":"opentop:vlan:guest"},"origin":"examples/vlan.otop:39:1"},
  {"op":{"kind":"link.up","ns":"vlan.guest","dev":"lo"},"origin":"examples/vlan.otop:39:1"},
  {"op":{"kind":"addr.add","ns":"vlan.guest","dev":"eth0","cidr":"10.20.0.11/24","family":4},"origin":"examples/vlan.otop:39:29"},
  {"op":{"kind":"link.nolinklocal","ns":"vlan.guest","dev":"eth0"},"origin":"examples/vlan.otop:39:14"},
  {"op":{"kind":"link.up","ns":"vlan.guest","dev":"eth0"},"origin":"examples/vlan.otop:39:14"},
  {"op":{"kind":"route.add","ns":"vlan.guest","family":4,"destination":"0.0.0.0/0","via":"10.20.0.1"},"origin":"examples/vlan.otop:39:58"}
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