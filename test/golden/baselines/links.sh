#!/bin/sh
# Lab glinks: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/test/golden/cases/links.otop
#   sha256    f39f4d050f4c19c4dcd028a9831b1a6eb7cda3c67e02df87f21f6ef1251aba4a
#   requires  ip nsenter sysctl sh sed mkdir mv bridge tc unshare rm ln readlink date touch find cat
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
LAB='glinks'
SELF=${0##*/}
RUN_DIR=${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP='ip nsenter sysctl sh sed mkdir mv bridge tc unshare rm ln readlink date touch find cat'
NEED_DOWN='sh nsenter ip rm mkdir ln readlink find'
NEED_STATUS='ip tc nsenter'
NEED_TEST=''
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=6
KIB_PER_NAMESPACE=320
SUMMARY='5 nodes, 2 switches, 13 links (119 operations)'
HELP='
Lab glinks: 5 nodes, 2 switches, 13 links (119 operations).
  up      create it (needs root and ip, nsenter, sysctl, sh, sed, mkdir, mv, bridge, tc, unshare, rm, ln, readlink, date, touch, find, cat)
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
  # create network namespace glinks  (test/golden/cases/links.otop:3:5)
  # create network namespace glinks.r  (test/golden/cases/links.otop:8:1)
  # create network namespace glinks.s  (test/golden/cases/links.otop:24:1)
  # create network namespace glinks.pc  (test/golden/cases/links.otop:32:1)
  # create network namespace glinks.cam  (test/golden/cases/links.otop:33:1)
  # create network namespace glinks.h  (test/golden/cases/links.otop:34:1)
  tool_step '1/20, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add glinks
netns add glinks.r
netns add glinks.s
netns add glinks.pc
netns add glinks.cam
netns add glinks.h
EOF
  # == stage 2 of 7: namespace sysctls (its 2 steps side by side)
  up_2() {
    # set net.ipv4.ip_forward = 1 in glinks.r  (test/golden/cases/links.otop:9:3)
    # set net.ipv6.conf.all.forwarding = 1 in glinks.r  (test/golden/cases/links.otop:9:3)
    # set net.ipv6.conf.default.accept_dad = 0 in glinks.r  (test/golden/cases/links.otop:9:3)
    # set net.ipv4.fib_multipath_hash_policy = 1 in glinks.r  (test/golden/cases/links.otop:10:3)
    tool_step '2/20, namespace sysctls, in node r (glinks.r)' nsenter --net=/run/netns/glinks.r -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 net.ipv4.fib_multipath_hash_policy=1
  }
  up_3() {
    # set net.ipv4.ip_forward = 1 in glinks.s  (test/golden/cases/links.otop:25:3)
    # set net.ipv6.conf.all.forwarding = 1 in glinks.s  (test/golden/cases/links.otop:25:3)
    # set net.ipv6.conf.default.accept_dad = 0 in glinks.s  (test/golden/cases/links.otop:25:3)
    tool_step '3/20, namespace sysctls, in node s (glinks.s)' nsenter --net=/run/netns/glinks.s -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  at_once 2 3 || return 1
  # == stage 3 of 7: links (its 4 steps side by side)
  up_4() {
    # create veth pair e1 (glinks.r) — e1 (glinks.s)  (test/golden/cases/links.otop:14:3)
    # create veth pair e2 (glinks.r) — e2 (glinks.s)  (test/golden/cases/links.otop:15:3)
    # create veth pair ot-bz752s-up0 (the host) — up0 (glinks.r)  (test/golden/cases/links.otop:17:3)
    # mark ot-bz752s-up0 in the host as opentop:glinks:r:up0  (test/golden/cases/links.otop:17:3)
    # add 198.51.100.129/30 to ot-bz752s-up0 in the host  (test/golden/cases/links.otop:17:48)
    # bring ot-bz752s-up0 up in the host  (test/golden/cases/links.otop:17:3)
    tool_step '4/20, links, on the host' ip -batch - <<'EOF'
link add name e1 index 121837 netns glinks.r type veth peer name e1 netns glinks.s
link add name e2 index 15396971 netns glinks.r type veth peer name e2 netns glinks.s
link add name ot-bz752s-up0 type veth peer name up0 netns glinks.r
link set dev ot-bz752s-up0 alias opentop:glinks:r:up0
addr add 198.51.100.129/30 dev ot-bz752s-up0
link set dev ot-bz752s-up0 up
EOF
  }
  up_5() {
    # move the host's enp7s0 into glinks.r as wan, its state saved in /run/opentop/glinks/nics/enp7s0  (test/golden/cases/links.otop:18:3)
    tool_step '5/20, links, on the host' sh -c 'nic=$1 ns=$2 name=$3 f=$4; shift 4; [ ! -e "$f" ] || { echo "$f exists: $nic is held by a lab already" >&2; exit 1; }; l=$(ip -o link show dev "$nic") || exit 1; mkdir -p "${f%/*}" || exit 1; { echo "# opentop: the state of $nic before it was moved into $ns as $name; down restores it"; mtu=${l#* mtu }; mtu=${mtu%% *}; case $l in *" link/ether "*) mac=${l#* link/ether }; echo "link set dev $nic address ${mac%% *} mtu $mtu";; *) echo "link set dev $nic mtu $mtu";; esac; ip -o addr show dev "$nic" scope global | sed -e "/ dynamic /d" -n -e "s/^[0-9]*: [^ ]* *inet6\{0,1\} \(.*\) scope .*/\1/p" | while read -r a; do echo "addr add $a dev $nic"; done; flags=${l#*<}; case ,${flags%%>*}, in *,UP,*) echo "link set dev $nic up";; esac; { ip -o -4 route show dev "$nic"; ip -o -6 route show dev "$nic"; } | sed -e "/ proto kernel /d" -e "/ proto ra /d" -e "/ expires /d" -e "s/ linkdown//g" -e "s/ dead//g" | while read -r r; do echo "route add $r dev $nic"; done; } > "$f.new" && mv "$f.new" "$f" || exit 1; ip link set dev "$nic" netns "$ns" name "$name" "$@"' opentop-nic-take enp7s0 glinks.r wan /run/opentop/glinks/nics/enp7s0 mtu 1400
  }
  up_6() {
    # create macvlan mv0 (private) on the host's enp8s0, in glinks.r  (test/golden/cases/links.otop:19:3)
    tool_step '6/20, links, on the host' ip -batch - <<'EOF'
link add link enp8s0 name mv0 netns glinks.r type macvlan mode private
EOF
  }
  up_7() {
    # mark lo in glinks as opentop:glinks  (test/golden/cases/links.otop:3:5)
    # create VLAN-aware bridge core in glinks  (test/golden/cases/links.otop:5:1)
    # give core in glinks no IPv6 link-local address  (test/golden/cases/links.otop:5:1)
    # bring core up in glinks  (test/golden/cases/links.otop:5:1)
    # create bridge lan in glinks  (test/golden/cases/links.otop:6:1)
    # give lan in glinks no IPv6 link-local address  (test/golden/cases/links.otop:6:1)
    # bring lan up in glinks  (test/golden/cases/links.otop:6:1)
    # create veth pair r.trunk (glinks) — trunk (glinks.r)  (test/golden/cases/links.otop:11:3)
    # give r.trunk in glinks no IPv6 link-local address  (test/golden/cases/links.otop:11:3)
    # create veth pair r.lan (glinks) — lan (glinks.r)  (test/golden/cases/links.otop:16:3)
    # give r.lan in glinks no IPv6 link-local address  (test/golden/cases/links.otop:16:3)
    # create veth pair pc.eth0 (glinks) — eth0 (glinks.pc)  (test/golden/cases/links.otop:32:11)
    # give pc.eth0 in glinks no IPv6 link-local address  (test/golden/cases/links.otop:32:11)
    # create veth pair cam.eth0 (glinks) — eth0 (glinks.cam)  (test/golden/cases/links.otop:33:12)
    # give cam.eth0 in glinks no IPv6 link-local address  (test/golden/cases/links.otop:33:12)
    # create veth pair h.eth0 (glinks) — eth0 (glinks.h)  (test/golden/cases/links.otop:34:10)
    # give h.eth0 in glinks no IPv6 link-local address  (test/golden/cases/links.otop:34:10)
    tool_step '7/20, links, in the switches (glinks)' nsenter --net=/run/netns/glinks -- ip -batch - <<'EOF'
link set dev lo alias opentop:glinks
link add name core mtu 9000 type bridge vlan_filtering 1 vlan_default_pvid 0
link set dev core addrgenmode none
link set dev core up
link add name lan type bridge
link set dev lan addrgenmode none
link set dev lan up
link add name r.trunk index 13747415 mtu 9000 master core up type veth peer name trunk netns glinks.r mtu 9000
link set dev r.trunk addrgenmode none
link add name r.lan index 11605822 master lan up type veth peer name lan netns glinks.r
link set dev r.lan addrgenmode none
link add name pc.eth0 index 3946193 mtu 9000 master core up type veth peer name eth0 netns glinks.pc mtu 9000
link set dev pc.eth0 addrgenmode none
link add name cam.eth0 index 5321024 mtu 9000 master core up type veth peer name eth0 netns glinks.cam mtu 9000
link set dev cam.eth0 addrgenmode none
link add name h.eth0 index 8347262 master lan up type veth peer name eth0 netns glinks.h
link set dev h.eth0 addrgenmode none
EOF
  }
  at_once 4 7 || return 1
  # == stage 4 of 7: stacked interfaces (its 2 steps side by side)
  up_8() {
    # create VLAN 10 sub-interface trunk.10 on trunk in glinks.r  (test/golden/cases/links.otop:12:3)
    # create VLAN 20 sub-interface trunk.20 on trunk in glinks.r  (test/golden/cases/links.otop:13:3)
    tool_step '8/20, stacked interfaces, in node r (glinks.r)' nsenter --net=/run/netns/glinks.r -- ip -batch - <<'EOF'
link add link trunk name trunk.10 type vlan id 10
link add link trunk name trunk.20 mtu 1500 type vlan id 20
EOF
  }
  up_9() {
    # create VLAN 20 sub-interface eth0.20 on eth0 in glinks.cam  (test/golden/cases/links.otop:33:39)
    tool_step '9/20, stacked interfaces, in node cam (glinks.cam)' nsenter --net=/run/netns/glinks.cam -- ip -batch - <<'EOF'
link add link eth0 name eth0.20 type vlan id 20
EOF
  }
  at_once 8 9 || return 1
  # == stage 5 of 7: switch VLANs
  # let port r.trunk in glinks carry VLAN 10 tagged  (test/golden/cases/links.otop:11:3)
  # let port r.trunk in glinks carry VLAN 20 tagged  (test/golden/cases/links.otop:11:3)
  # let port r.trunk in glinks carry VLAN 100-102 tagged  (test/golden/cases/links.otop:11:3)
  # let port r.trunk in glinks carry VLAN 1 untagged  (test/golden/cases/links.otop:11:3)
  # let port pc.eth0 in glinks carry VLAN 10 untagged  (test/golden/cases/links.otop:32:11)
  # let port cam.eth0 in glinks carry VLAN 20 tagged  (test/golden/cases/links.otop:33:12)
  tool_step '10/20, switch VLANs, in the switches (glinks)' nsenter --net=/run/netns/glinks -- bridge -batch - <<'EOF' || return 1
vlan add dev r.trunk vid 10
vlan add dev r.trunk vid 20
vlan add dev r.trunk vid 100-102
vlan add dev r.trunk vid 1 pvid untagged
vlan add dev pc.eth0 vid 10 pvid untagged
vlan add dev cam.eth0 vid 20
EOF
  # == stage 6 of 7: shaping (its 5 steps side by side)
  up_11() {
    # shape e1 in glinks.r: tbf rate 1gbit burst 125000b limit 25000682b  (test/golden/cases/links.otop:14:28)
    # shape e1 in glinks.r: netem limit 16513 delay 100ms  (test/golden/cases/links.otop:14:28)
    # shape e2 in glinks.r: netem limit 5000 delay 10ms 1ms loss 0.5% rate 100gbit  (test/golden/cases/links.otop:15:28)
    # shape lan in glinks.r: tbf rate 100mbit burst 65536b limit 1514000b  (test/golden/cases/links.otop:16:29)
    # shape lan in glinks.r: pfifo limit 1000  (test/golden/cases/links.otop:16:29)
    # shape up0 in glinks.r: tbf rate 500kbit burst 15140b limit 1514000b  (test/golden/cases/links.otop:17:66)
    # shape up0 in glinks.r: pfifo limit 1000  (test/golden/cases/links.otop:17:66)
    tool_step '11/20, shaping, in node r (glinks.r)' nsenter --net=/run/netns/glinks.r -- tc -batch - <<'EOF'
qdisc add dev e1 root handle 1: tbf rate 1gbit burst 125000b limit 25000682b
qdisc add dev e1 parent 1:1 handle 10: netem limit 16513 delay 100ms
qdisc add dev e2 root handle 1: netem limit 5000 delay 10ms 1ms loss 0.5% rate 100gbit
qdisc add dev lan root handle 1: tbf rate 100mbit burst 65536b limit 1514000b
qdisc add dev lan parent 1:1 handle 10: pfifo limit 1000
qdisc add dev up0 root handle 1: tbf rate 500kbit burst 15140b limit 1514000b
qdisc add dev up0 parent 1:1 handle 10: pfifo limit 1000
EOF
  }
  up_12() {
    # shape e2 in glinks.s: tbf rate 10mbit burst 15140b limit 1514000b  (test/golden/cases/links.otop:28:20)
    # shape e2 in glinks.s: pfifo limit 1000  (test/golden/cases/links.otop:28:20)
    tool_step '12/20, shaping, in node s (glinks.s)' nsenter --net=/run/netns/glinks.s -- tc -batch - <<'EOF'
qdisc add dev e2 root handle 1: tbf rate 10mbit burst 15140b limit 1514000b
qdisc add dev e2 parent 1:1 handle 10: pfifo limit 1000
EOF
  }
  up_13() {
    # shape eth0 in glinks.h: pfifo limit 50  (test/golden/cases/links.otop:34:37)
    tool_step '13/20, shaping, in node h (glinks.h)' nsenter --net=/run/netns/glinks.h -- tc -batch - <<'EOF'
qdisc add dev eth0 root handle 1: pfifo limit 50
EOF
  }
  up_14() {
    # shape r.lan in glinks: tbf rate 100mbit burst 65536b limit 1514000b  (test/golden/cases/links.otop:16:29)
    # shape r.lan in glinks: pfifo limit 1000  (test/golden/cases/links.otop:16:29)
    tool_step '14/20, shaping, in the switches (glinks)' nsenter --net=/run/netns/glinks -- tc -batch - <<'EOF'
qdisc add dev r.lan root handle 1: tbf rate 100mbit burst 65536b limit 1514000b
qdisc add dev r.lan parent 1:1 handle 10: pfifo limit 1000
EOF
  }
  up_15() {
    # shape ot-bz752s-up0 in the host: tbf rate 500kbit burst 15140b limit 1514000b  (test/golden/cases/links.otop:17:66)
    # shape ot-bz752s-up0 in the host: pfifo limit 1000  (test/golden/cases/links.otop:17:66)
    tool_step '15/20, shaping, on the host' tc -batch - <<'EOF'
qdisc add dev ot-bz752s-up0 root handle 1: tbf rate 500kbit burst 15140b limit 1514000b
qdisc add dev ot-bz752s-up0 parent 1:1 handle 10: pfifo limit 1000
EOF
  }
  at_once 11 15 || return 1
  # == stage 7 of 7: addresses and routes (its 5 steps side by side)
  up_16() {
    # mark lo in glinks.r as opentop:glinks:r  (test/golden/cases/links.otop:8:1)
    # bring lo up in glinks.r  (test/golden/cases/links.otop:8:1)
    # give trunk in glinks.r no IPv6 link-local address  (test/golden/cases/links.otop:11:3)
    # bring trunk up in glinks.r  (test/golden/cases/links.otop:11:3)
    # add 10.10.0.1/24 to trunk.10 in glinks.r  (test/golden/cases/links.otop:12:12)
    # give trunk.10 in glinks.r no IPv6 link-local address  (test/golden/cases/links.otop:12:3)
    # bring trunk.10 up in glinks.r  (test/golden/cases/links.otop:12:3)
    # add 10.20.0.1/24 to trunk.20 in glinks.r  (test/golden/cases/links.otop:13:12)
    # give trunk.20 in glinks.r no IPv6 link-local address  (test/golden/cases/links.otop:13:3)
    # bring trunk.20 up in glinks.r  (test/golden/cases/links.otop:13:3)
    # add 10.0.1.0/31 to e1 in glinks.r  (test/golden/cases/links.otop:14:14)
    # give e1 in glinks.r no IPv6 link-local address  (test/golden/cases/links.otop:14:3)
    # bring e1 up in glinks.r  (test/golden/cases/links.otop:14:3)
    # add 10.0.2.0/31 to e2 in glinks.r  (test/golden/cases/links.otop:15:14)
    # give e2 in glinks.r no IPv6 link-local address  (test/golden/cases/links.otop:15:3)
    # bring e2 up in glinks.r  (test/golden/cases/links.otop:15:3)
    # add 10.30.0.1/24 to lan in glinks.r  (test/golden/cases/links.otop:16:14)
    # give lan in glinks.r no IPv6 link-local address  (test/golden/cases/links.otop:16:3)
    # bring lan up in glinks.r  (test/golden/cases/links.otop:16:3)
    # add 198.51.100.130/30 to up0 in glinks.r  (test/golden/cases/links.otop:17:15)
    # give up0 in glinks.r no IPv6 link-local address  (test/golden/cases/links.otop:17:3)
    # bring up0 up in glinks.r  (test/golden/cases/links.otop:17:3)
    # add 192.0.2.2/24 to wan in glinks.r  (test/golden/cases/links.otop:18:22)
    # bring wan up in glinks.r  (test/golden/cases/links.otop:18:3)
    # add 192.0.3.2/24 to mv0 in glinks.r  (test/golden/cases/links.otop:19:22)
    # give mv0 in glinks.r no IPv6 link-local address  (test/golden/cases/links.otop:19:3)
    # bring mv0 up in glinks.r  (test/golden/cases/links.otop:19:3)
    # route 10.9.0.0/16 over 2 paths in glinks.r  (test/golden/cases/links.otop:20:3)
    # route 10.8.0.0/16 over 2 paths in glinks.r  (test/golden/cases/links.otop:21:3)
    tool_step '16/20, addresses and routes, in node r (glinks.r)' nsenter --net=/run/netns/glinks.r -- ip -batch - <<'EOF'
link set dev lo alias opentop:glinks:r
link set dev lo up
link set dev trunk addrgenmode none
link set dev trunk up
addr add 10.10.0.1/24 dev trunk.10
link set dev trunk.10 addrgenmode none
link set dev trunk.10 up
addr add 10.20.0.1/24 dev trunk.20
link set dev trunk.20 addrgenmode none
link set dev trunk.20 up
addr add 10.0.1.0/31 dev e1
link set dev e1 addrgenmode none
link set dev e1 up
addr add 10.0.2.0/31 dev e2
link set dev e2 addrgenmode none
link set dev e2 up
addr add 10.30.0.1/24 dev lan
link set dev lan addrgenmode none
link set dev lan up
addr add 198.51.100.130/30 dev up0
link set dev up0 addrgenmode none
link set dev up0 up
addr add 192.0.2.2/24 dev wan
link set dev wan up
addr add 192.0.3.2/24 dev mv0
link set dev mv0 addrgenmode none
link set dev mv0 up
route add 10.9.0.0/16 nexthop via 10.0.1.1 dev e1 weight 1 nexthop via 10.0.2.1 dev e2 weight 1
route add 10.8.0.0/16 metric 20 nexthop via 10.0.1.1 dev e1 weight 3 nexthop via 10.0.2.1 dev e2 weight 1
EOF
  }
  up_17() {
    # mark lo in glinks.s as opentop:glinks:s  (test/golden/cases/links.otop:24:1)
    # bring lo up in glinks.s  (test/golden/cases/links.otop:24:1)
    # add 10.9.0.1/32 to lo in glinks.s  (test/golden/cases/links.otop:26:6)
    # add 10.0.1.1/31 to e1 in glinks.s  (test/golden/cases/links.otop:27:6)
    # give e1 in glinks.s no IPv6 link-local address  (test/golden/cases/links.otop:27:3)
    # bring e1 up in glinks.s  (test/golden/cases/links.otop:27:3)
    # add 10.0.2.1/31 to e2 in glinks.s  (test/golden/cases/links.otop:28:6)
    # give e2 in glinks.s no IPv6 link-local address  (test/golden/cases/links.otop:28:3)
    # bring e2 up in glinks.s  (test/golden/cases/links.otop:28:3)
    # route 0.0.0.0/0 via 10.0.1.0 in glinks.s  (test/golden/cases/links.otop:29:3)
    tool_step '17/20, addresses and routes, in node s (glinks.s)' nsenter --net=/run/netns/glinks.s -- ip -batch - <<'EOF'
link set dev lo alias opentop:glinks:s
link set dev lo up
addr add 10.9.0.1/32 dev lo
addr add 10.0.1.1/31 dev e1
link set dev e1 addrgenmode none
link set dev e1 up
addr add 10.0.2.1/31 dev e2
link set dev e2 addrgenmode none
link set dev e2 up
route add 0.0.0.0/0 via 10.0.1.0
EOF
  }
  up_18() {
    # mark lo in glinks.pc as opentop:glinks:pc  (test/golden/cases/links.otop:32:1)
    # bring lo up in glinks.pc  (test/golden/cases/links.otop:32:1)
    # add 10.10.0.5/24 to eth0 in glinks.pc  (test/golden/cases/links.otop:32:24)
    # give eth0 in glinks.pc no IPv6 link-local address  (test/golden/cases/links.otop:32:11)
    # bring eth0 up in glinks.pc  (test/golden/cases/links.otop:32:11)
    # route 0.0.0.0/0 via 10.10.0.1 in glinks.pc  (test/golden/cases/links.otop:32:52)
    tool_step '18/20, addresses and routes, in node pc (glinks.pc)' nsenter --net=/run/netns/glinks.pc -- ip -batch - <<'EOF'
link set dev lo alias opentop:glinks:pc
link set dev lo up
addr add 10.10.0.5/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
route add 0.0.0.0/0 via 10.10.0.1
EOF
  }
  up_19() {
    # mark lo in glinks.cam as opentop:glinks:cam  (test/golden/cases/links.otop:33:1)
    # bring lo up in glinks.cam  (test/golden/cases/links.otop:33:1)
    # give eth0 in glinks.cam no IPv6 link-local address  (test/golden/cases/links.otop:33:12)
    # bring eth0 up in glinks.cam  (test/golden/cases/links.otop:33:12)
    # add 10.20.0.5/24 to eth0.20 in glinks.cam  (test/golden/cases/links.otop:33:47)
    # give eth0.20 in glinks.cam no IPv6 link-local address  (test/golden/cases/links.otop:33:39)
    # bring eth0.20 up in glinks.cam  (test/golden/cases/links.otop:33:39)
    # route 0.0.0.0/0 via 10.20.0.1 in glinks.cam  (test/golden/cases/links.otop:33:61)
    tool_step '19/20, addresses and routes, in node cam (glinks.cam)' nsenter --net=/run/netns/glinks.cam -- ip -batch - <<'EOF'
link set dev lo alias opentop:glinks:cam
link set dev lo up
link set dev eth0 addrgenmode none
link set dev eth0 up
addr add 10.20.0.5/24 dev eth0.20
link set dev eth0.20 addrgenmode none
link set dev eth0.20 up
route add 0.0.0.0/0 via 10.20.0.1
EOF
  }
  up_20() {
    # mark lo in glinks.h as opentop:glinks:h  (test/golden/cases/links.otop:34:1)
    # bring lo up in glinks.h  (test/golden/cases/links.otop:34:1)
    # add 10.30.0.5/24 to eth0 in glinks.h  (test/golden/cases/links.otop:34:22)
    # give eth0 in glinks.h no IPv6 link-local address  (test/golden/cases/links.otop:34:10)
    # bring eth0 up in glinks.h  (test/golden/cases/links.otop:34:10)
    tool_step '20/20, addresses and routes, in node h (glinks.h)' nsenter --net=/run/netns/glinks.h -- ip -batch - <<'EOF'
link set dev lo alias opentop:glinks:h
link set dev lo up
addr add 10.30.0.5/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
EOF
  }
  at_once 16 20 || return 1
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
  # give the host's enp7s0 back from glinks.r, as it was
  if nic_ours glinks.r opentop:glinks:r wan /run/opentop/glinks/nics/enp7s0 '# opentop: the state of enp7s0 before it was moved into glinks.r as wan; down restores it' enp7s0; then
    owned=$((owned + 1)); removed=$((removed + 1))
    sh -c 'ns=$1 name=$2 nic=$3 f=$4; if [ -e "$ns" ] && nsenter --net="$ns" ip link show dev "$name" >/dev/null 2>&1; then nsenter --net="$ns" ip link set dev "$name" netns "/proc/$$/ns/net" name "$nic" || exit 1; fi; [ -f "$f" ] || exit 0; head=; IFS= read -r head < "$f"; [ "$head" = "# opentop: the state of $nic before it was moved into ${ns##*/} as $name; down restores it" ] || { echo "$f is not the saved state of $nic: left as it is" >&2; exit 1; }; ip link show dev "$nic" >/dev/null 2>&1 || { echo "$nic is not on the host; its saved state is $f" >&2; exit 1; }; set -f; b=$(sed 1d "$f" | while IFS= read -r l; do case $l in *[!A-Za-z0-9./:_\ -]*) echo "!$l"; exit 1;; esac; set -- $l; n=0; for w; do case $w in dev|oif|netns|nexthop|nhid|table|vrf|encap|master|name) n=$((n+1));; esac; done; case $l in "link set dev $nic up") echo "$l";; "link set dev $nic mtu "*) [ $# = 6 ] && [ -n "${6##*[!0-9]*}" ] || { echo "!$l"; exit 1; }; echo "$l";; "link set dev $nic address "*" mtu "*) [ $# = 8 ] && [ "$7" = mtu ] && [ -n "${8##*[!0-9]*}" ] || { echo "!$l"; exit 1; }; echo "$l";; "addr add "*" dev $nic") [ $n = 1 ] || { echo "!$l"; exit 1; }; echo "addr replace ${l#addr add }";; "route add "*" dev $nic") [ $n = 1 ] || { echo "!$l"; exit 1; }; echo "route replace ${l#route add }";; *) echo "!$l"; exit 1;; esac; done) || { echo "$f is not the saved state of $nic (a line its move did not write: ${b##*!}): left as it is" >&2; exit 1; }; printf "%s\n" "$b" | ip -force -batch - && rm -f "$f"' opentop-nic-give /run/netns/glinks.r wan enp7s0 /run/opentop/glinks/nics/enp7s0 || ok=1
  fi
  # delete ot-bz752s-up0 from the host
  if iface_ours ot-bz752s-up0 opentop:glinks:r:up0 glinks.r opentop:glinks:r; then owned=$((owned + 1)); queue 'link del dev ot-bz752s-up0'; fi
  # delete network namespace glinks.h and everything in it
  if ns_ours glinks.h opentop:glinks:h; then owned=$((owned + 1)); queue 'netns del glinks.h'; fi
  # delete network namespace glinks.cam and everything in it
  if ns_ours glinks.cam opentop:glinks:cam; then owned=$((owned + 1)); queue 'netns del glinks.cam'; fi
  # delete network namespace glinks.pc and everything in it
  if ns_ours glinks.pc opentop:glinks:pc; then owned=$((owned + 1)); queue 'netns del glinks.pc'; fi
  # delete network namespace glinks.s and everything in it
  if ns_ours glinks.s opentop:glinks:s; then owned=$((owned + 1)); queue 'netns del glinks.s'; fi
  # delete network namespace glinks.r and everything in it
  if ns_ours glinks.r opentop:glinks:r; then owned=$((owned + 1)); queue 'netns del glinks.r'; fi
  # delete network namespace glinks and everything in it
  if ns_ours glinks opentop:glinks; then owned=$((owned + 1)); queue 'netns del glinks'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/glinks ]; then left="$left"'  netns glinks'"$NL"; fi
  if [ -e /run/netns/glinks.r ]; then left="$left"'  netns glinks.r'"$NL"; fi
  if [ -e /run/netns/glinks.s ]; then left="$left"'  netns glinks.s'"$NL"; fi
  if [ -e /run/netns/glinks.pc ]; then left="$left"'  netns glinks.pc'"$NL"; fi
  if [ -e /run/netns/glinks.cam ]; then left="$left"'  netns glinks.cam'"$NL"; fi
  if [ -e /run/netns/glinks.h ]; then left="$left"'  netns glinks.h'"$NL"; fi
  if iface_exists ot-bz752s-up0; then left="$left"'  host-iface ot-bz752s-up0'"$NL"; fi
  if nic_left /run/netns/glinks.r wan /run/opentop/glinks/nics/enp7s0; then left="$left"'  moved-nic enp7s0'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/glinks && found=0
  taken_netns /run/netns/glinks.r && found=0
  taken_netns /run/netns/glinks.s && found=0
  taken_netns /run/netns/glinks.pc && found=0
  taken_netns /run/netns/glinks.cam && found=0
  taken_netns /run/netns/glinks.h && found=0
  taken_iface ot-bz752s-up0 && found=0
  taken_saved /run/opentop/glinks/nics/enp7s0 enp7s0 && found=0
  nic_unusable enp7s0 move && found=0
  nic_unusable enp8s0 parent && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/links.otop:14:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/links.otop:15:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/links.otop:17:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/links.otop:11:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/links.otop:16:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/links.otop:32:11)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/links.otop:33:12)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/links.otop:34:10)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
link add link p0 name m0 type macvlan mode bridge
EOF
    error OT6011 'this kernel lacks macvlan interfaces, which this statement needs (test/golden/cases/links.otop:19:3)' 'it is the kernel option CONFIG_MACVLAN (module macvlan: `modprobe macvlan`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge
EOF
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (test/golden/cases/links.otop:5:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (test/golden/cases/links.otop:6:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge vlan_filtering 1
EOF
    error OT6011 'this kernel lacks VLAN filtering on bridges, which this statement needs (test/golden/cases/links.otop:5:1)' 'it is the kernel option CONFIG_BRIDGE_VLAN_FILTERING (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks VLAN filtering on bridges, which this statement needs (test/golden/cases/links.otop:11:3)' 'it is the kernel option CONFIG_BRIDGE_VLAN_FILTERING (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks VLAN filtering on bridges, which this statement needs (test/golden/cases/links.otop:32:11)' 'it is the kernel option CONFIG_BRIDGE_VLAN_FILTERING (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks VLAN filtering on bridges, which this statement needs (test/golden/cases/links.otop:33:12)' 'it is the kernel option CONFIG_BRIDGE_VLAN_FILTERING (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
link add link p0 name p0.1 type vlan id 1
EOF
    error OT6011 'this kernel lacks 802.1Q VLAN sub-interfaces, which this statement needs (test/golden/cases/links.otop:12:3)' 'it is the kernel option CONFIG_VLAN_8021Q (module 8021q: `modprobe 8021q`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks 802.1Q VLAN sub-interfaces, which this statement needs (test/golden/cases/links.otop:13:3)' 'it is the kernel option CONFIG_VLAN_8021Q (module 8021q: `modprobe 8021q`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks 802.1Q VLAN sub-interfaces, which this statement needs (test/golden/cases/links.otop:33:39)' 'it is the kernel option CONFIG_VLAN_8021Q (module 8021q: `modprobe 8021q`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- tc qdisc add dev lo root tbf rate 1mbit burst 16kb limit 16kb; then
    error OT6011 'this kernel lacks the token bucket filter qdisc (rate), which this statement needs (test/golden/cases/links.otop:14:28)' 'it is the kernel option CONFIG_NET_SCH_TBF (module sch_tbf: `modprobe sch_tbf`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks the token bucket filter qdisc (rate), which this statement needs (test/golden/cases/links.otop:16:29)' 'it is the kernel option CONFIG_NET_SCH_TBF (module sch_tbf: `modprobe sch_tbf`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks the token bucket filter qdisc (rate), which this statement needs (test/golden/cases/links.otop:17:66)' 'it is the kernel option CONFIG_NET_SCH_TBF (module sch_tbf: `modprobe sch_tbf`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks the token bucket filter qdisc (rate), which this statement needs (test/golden/cases/links.otop:28:20)' 'it is the kernel option CONFIG_NET_SCH_TBF (module sch_tbf: `modprobe sch_tbf`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- tc qdisc add dev lo root netem delay 1ms; then
    error OT6011 'this kernel lacks the network emulator qdisc (delay, jitter, loss), which this statement needs (test/golden/cases/links.otop:14:28)' 'it is the kernel option CONFIG_NET_SCH_NETEM (module sch_netem: `modprobe sch_netem`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks the network emulator qdisc (delay, jitter, loss), which this statement needs (test/golden/cases/links.otop:15:28)' 'it is the kernel option CONFIG_NET_SCH_NETEM (module sch_netem: `modprobe sch_netem`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link set dev lo up
route add 192.0.2.0/24 nexthop dev lo nexthop dev lo weight 2
EOF
    error OT6011 'this kernel lacks multipath (ECMP) routes, which this statement needs (test/golden/cases/links.otop:20:3)' 'it is the kernel option CONFIG_IP_ROUTE_MULTIPATH; on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks multipath (ECMP) routes, which this statement needs (test/golden/cases/links.otop:21:3)' 'it is the kernel option CONFIG_IP_ROUTE_MULTIPATH; on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:glinks+tc 2:glinks.r+tc 3:glinks.s+tc 4:glinks.pc 5:glinks.cam 6:glinks.h+tc 7:-+tc
)

ns_1() { look 'the switches (glinks)' glinks links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface core'
  [ "${seen_3-}" = 1 ] || drift missing 'interface lan'
  [ "${seen_4-}" = 1 ] || drift missing 'interface r.trunk'
  [ "${seen_5-}" = 1 ] || drift missing 'interface r.lan'
  [ "${seen_6-}" = 1 ] || drift missing 'interface pc.eth0'
  [ "${seen_7-}" = 1 ] || drift missing 'interface cam.eth0'
  [ "${seen_8-}" = 1 ] || drift missing 'interface h.eth0'
  shaped r.lan
  want_qdisc r.lan tbf 1: root rate 100Mbit
  want_qdisc r.lan pfifo 10: 1:1 limit 1000p
  extras
}

# links_1 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_1() {
  case $2 in
    '') links_1_0 "$1" && return 0 ;;
    core) links_1_1 "$1" && return 0 ;;
    lan) links_1_2 "$1" && return 0 ;;
  esac
  links_1_0 "$1" || links_1_1 "$1" || links_1_2 "$1"
}
links_1_0() {
  case $1 in
    lo) seen_1=1; want_link ;;
    core) seen_2=1; want_link up mtu 9000 ;;
    lan) seen_3=1; want_link up ;;
    *) return 1 ;;
  esac
}
links_1_1() {
  case $1 in
    r.trunk) seen_4=1; want_link up mtu 9000 master core ;;
    pc.eth0) seen_6=1; want_link up mtu 9000 master core ;;
    cam.eth0) seen_7=1; want_link up mtu 9000 master core ;;
    *) return 1 ;;
  esac
}
links_1_2() {
  case $1 in
    r.lan) seen_5=1; want_link shaped up master lan ;;
    h.eth0) seen_8=1; want_link up master lan ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node r (glinks.r)' glinks.r links_2 1; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr e1 10.0.1.0/31
  else
    drift missing 'interface e1'
  fi
  if [ "${seen_3-}" = 2 ]; then
    want_addr e2 10.0.2.0/31
  else
    drift missing 'interface e2'
  fi
  if [ "${seen_4-}" = 2 ]; then
    want_addr up0 198.51.100.130/30
  else
    drift missing 'interface up0'
  fi
  if [ "${seen_5-}" = 2 ]; then
    want_addr wan 192.0.2.2/24
  else
    drift missing 'interface wan'
  fi
  if [ "${seen_6-}" = 2 ]; then
    want_addr mv0 192.0.3.2/24
  else
    drift missing 'interface mv0'
  fi
  [ "${seen_7-}" = 2 ] || drift missing 'interface trunk'
  if [ "${seen_8-}" = 2 ]; then
    want_addr lan 10.30.0.1/24
  else
    drift missing 'interface lan'
  fi
  if [ "${seen_9-}" = 2 ]; then
    want_addr trunk.10 10.10.0.1/24
  else
    drift missing 'interface trunk.10'
  fi
  if [ "${seen_10-}" = 2 ]; then
    want_addr trunk.20 10.20.0.1/24
  else
    drift missing 'interface trunk.20'
  fi
  [ "${rseen_1-}" = 2 ] || drift missing 'route 10.9.0.0/16 via 10.0.1.1 dev e1 weight 1, via 10.0.2.1 dev e2 weight 1'
  [ "${rseen_2-}" = 2 ] || drift missing 'route 10.8.0.0/16 via 10.0.1.1 dev e1 weight 3, via 10.0.2.1 dev e2 weight 1 metric 20'
  shaped e1 e2 lan up0
  want_qdisc e1 tbf 1: root rate 1Gbit
  want_qdisc e1 netem 10: 1:1 limit 16513
  want_qdisc e2 netem 1: root limit 5000
  want_qdisc lan tbf 1: root rate 100Mbit
  want_qdisc lan pfifo 10: 1:1 limit 1000p
  want_qdisc up0 tbf 1: root rate 500Kbit
  want_qdisc up0 pfifo 10: 1:1 limit 1000p
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    e1) seen_2=2; want_link shaped up ;;
    e2) seen_3=2; want_link shaped up ;;
    up0) seen_4=2; want_link shaped up ;;
    wan) seen_5=2; want_link up mtu 1400 ;;
    mv0) seen_6=2; want_link up ;;
    trunk) seen_7=2; want_link up mtu 9000 ;;
    lan) seen_8=2; want_link shaped up ;;
    trunk.10) seen_9=2; want_link up ;;
    trunk.20) seen_10=2; want_link up mtu 1500 ;;
    *) return 1 ;;
  esac
}

# routes_2: marks the plan's routes that this route of the kernel is; false if none.
routes_2() {
  is=1
  case $r_dest in
    10.9.0.0/16)
      ! route_is '' '' '' 'via 10.0.1.1 dev e1 weight 1' 'via 10.0.2.1 dev e2 weight 1' || { rseen_1=2; is=0; }
      ;;
    10.8.0.0/16)
      ! route_is 20 '' '' 'via 10.0.1.1 dev e1 weight 3' 'via 10.0.2.1 dev e2 weight 1' || { rseen_2=2; is=0; }
      ;;
  esac
  return $is
}

ns_3() { look 'node s (glinks.s)' glinks.s links_3 1; }
end_3() {
  if [ "${seen_1-}" = 3 ]; then
    want_addr lo 10.9.0.1/32
  else
    drift missing 'interface lo'
  fi
  if [ "${seen_2-}" = 3 ]; then
    want_addr e1 10.0.1.1/31
  else
    drift missing 'interface e1'
  fi
  if [ "${seen_3-}" = 3 ]; then
    want_addr e2 10.0.2.1/31
  else
    drift missing 'interface e2'
  fi
  [ "${rseen_1-}" = 3 ] || drift missing 'route 0.0.0.0/0 via 10.0.1.0'
  shaped e2
  want_qdisc e2 tbf 1: root rate 10Mbit
  want_qdisc e2 pfifo 10: 1:1 limit 1000p
  extras
}

# links_3 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_3() {
  case $1 in
    lo) seen_1=3; want_link up ;;
    e1) seen_2=3; want_link up ;;
    e2) seen_3=3; want_link shaped up ;;
    *) return 1 ;;
  esac
}

# routes_3: marks the plan's routes that this route of the kernel is; false if none.
routes_3() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.0.1.0 '' || { rseen_1=3; is=0; }
      ;;
  esac
  return $is
}

ns_4() { look 'node pc (glinks.pc)' glinks.pc links_4 1; }
end_4() {
  [ "${seen_1-}" = 4 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 4 ]; then
    want_addr eth0 10.10.0.5/24
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
    eth0) seen_2=4; want_link up mtu 9000 ;;
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

ns_5() { look 'node cam (glinks.cam)' glinks.cam links_5 1; }
end_5() {
  [ "${seen_1-}" = 5 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 5 ] || drift missing 'interface eth0'
  if [ "${seen_3-}" = 5 ]; then
    want_addr eth0.20 10.20.0.5/24
  else
    drift missing 'interface eth0.20'
  fi
  [ "${rseen_1-}" = 5 ] || drift missing 'route 0.0.0.0/0 via 10.20.0.1'
  extras
}

# links_5 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_5() {
  case $1 in
    lo) seen_1=5; want_link up ;;
    eth0) seen_2=5; want_link up mtu 9000 ;;
    eth0.20) seen_3=5; want_link up ;;
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
  esac
  return $is
}

ns_6() { look 'node h (glinks.h)' glinks.h links_6; }
end_6() {
  [ "${seen_1-}" = 6 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 6 ]; then
    want_addr eth0 10.30.0.5/24
  else
    drift missing 'interface eth0'
  fi
  shaped eth0
  want_qdisc eth0 pfifo 1: root limit 50p
  extras
}

# links_6 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_6() {
  case $1 in
    lo) seen_1=6; want_link up ;;
    eth0) seen_2=6; want_link shaped up ;;
    *) return 1 ;;
  esac
}
routes_6() { return 1; }

ns_7() { look host '' links_7; }
end_7() {
  if [ "${seen_1-}" = 7 ]; then
    want_addr ot-bz752s-up0 198.51.100.129/30
  else
    drift missing 'interface ot-bz752s-up0'
  fi
  shaped ot-bz752s-up0
  want_qdisc ot-bz752s-up0 tbf 1: root rate 500Kbit
  want_qdisc ot-bz752s-up0 pfifo 10: 1:1 limit 1000p
  extras
}

# links_7 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_7() {
  case $1 in
    ot-bz752s-up0) seen_1=7; want_link shaped up ;;
    *) return 1 ;;
  esac
}
routes_7() { return 1; }

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    r) enter nsenter --net=/run/netns/glinks.r -- "$@" ;;
    s) enter nsenter --net=/run/netns/glinks.s -- "$@" ;;
    pc) enter nsenter --net=/run/netns/glinks.pc -- "$@" ;;
    cam) enter nsenter --net=/run/netns/glinks.cam -- "$@" ;;
    h) enter nsenter --net=/run/netns/glinks.h -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are r, s, pc, cam, h'
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
  printf '%s\n' '# lab glinks: up, 119 operations in 20 processes

# stage 1: namespaces
ip -batch -
    netns add glinks      # test/golden/cases/links.otop:3:5
    netns add glinks.r    # test/golden/cases/links.otop:8:1
    netns add glinks.s    # test/golden/cases/links.otop:24:1
    netns add glinks.pc   # test/golden/cases/links.otop:32:1
    netns add glinks.cam  # test/golden/cases/links.otop:33:1
    netns add glinks.h    # test/golden/cases/links.otop:34:1

# stage 2: namespace sysctls (steps run concurrently)
nsenter --net=/run/netns/glinks.r -- sysctl -q -w …
    net.ipv4.ip_forward=1                 # test/golden/cases/links.otop:9:3
    net.ipv6.conf.all.forwarding=1        # test/golden/cases/links.otop:9:3
    net.ipv6.conf.default.accept_dad=0    # test/golden/cases/links.otop:9:3
    net.ipv4.fib_multipath_hash_policy=1  # test/golden/cases/links.otop:10:3
nsenter --net=/run/netns/glinks.s -- sysctl -q -w …
    net.ipv4.ip_forward=1               # test/golden/cases/links.otop:25:3
    net.ipv6.conf.all.forwarding=1      # test/golden/cases/links.otop:25:3
    net.ipv6.conf.default.accept_dad=0  # test/golden/cases/links.otop:25:3

# stage 3: links (steps run concurrently)
ip -batch -
    link add name e1 index 121837 netns glinks.r type veth peer name e1 netns glinks.s    # test/golden/cases/links.otop:14:3
    link add name e2 index 15396971 netns glinks.r type veth peer name e2 netns glinks.s  # test/golden/cases/links.otop:15:3
    link add name ot-bz752s-up0 type veth peer name up0 netns glinks.r                    # test/golden/cases/links.otop:17:3
    link set dev ot-bz752s-up0 alias opentop:glinks:r:up0                                 # test/golden/cases/links.otop:17:3
    addr add 198.51.100.129/30 dev ot-bz752s-up0                                          # test/golden/cases/links.otop:17:48
    link set dev ot-bz752s-up0 up                                                         # test/golden/cases/links.otop:17:3
sh -c <nic-take> opentop-nic-take enp7s0 glinks.r wan /run/opentop/glinks/nics/enp7s0 mtu 1400
    # move the host'\''s enp7s0 into glinks.r as wan, its state saved in /run/opentop/glinks/nics/enp7s0  (test/golden/cases/links.otop:18:3)
ip -batch -
    link add link enp8s0 name mv0 netns glinks.r type macvlan mode private  # test/golden/cases/links.otop:19:3
nsenter --net=/run/netns/glinks -- ip -batch -
    link set dev lo alias opentop:glinks                                                                             # test/golden/cases/links.otop:3:5
    link add name core mtu 9000 type bridge vlan_filtering 1 vlan_default_pvid 0                                     # test/golden/cases/links.otop:5:1
    link set dev core addrgenmode none                                                                               # test/golden/cases/links.otop:5:1
    link set dev core up                                                                                             # test/golden/cases/links.otop:5:1
    link add name lan type bridge                                                                                    # test/golden/cases/links.otop:6:1
    link set dev lan addrgenmode none                                                                                # test/golden/cases/links.otop:6:1
    link set dev lan up                                                                                              # test/golden/cases/links.otop:6:1
    link add name r.trunk index 13747415 mtu 9000 master core up type veth peer name trunk netns glinks.r mtu 9000   # test/golden/cases/links.otop:11:3
    link set dev r.trunk addrgenmode none                                                                            # test/golden/cases/links.otop:11:3
    link add name r.lan index 11605822 master lan up type veth peer name lan netns glinks.r                          # test/golden/cases/links.otop:16:3
    link set dev r.lan addrgenmode none                                                                              # test/golden/cases/links.otop:16:3
    link add name pc.eth0 index 3946193 mtu 9000 master core up type veth peer name eth0 netns glinks.pc mtu 9000    # test/golden/cases/links.otop:32:11
    link set dev pc.eth0 addrgenmode none                                                                            # test/golden/cases/links.otop:32:11
    link add name cam.eth0 index 5321024 mtu 9000 master core up type veth peer name eth0 netns glinks.cam mtu 9000  # test/golden/cases/links.otop:33:12
    link set dev cam.eth0 addrgenmode none                                                                           # test/golden/cases/links.otop:33:12
    link add name h.eth0 index 8347262 master lan up type veth peer name eth0 netns glinks.h                         # test/golden/cases/links.otop:34:10
    link set dev h.eth0 addrgenmode none                                                                             # test/golden/cases/links.otop:34:10

# stage 4: stacked interfaces (steps run concurrently)
nsenter --net=/run/netns/glinks.r -- ip -batch -
    link add link trunk name trunk.10 type vlan id 10           # test/golden/cases/links.otop:12:3
    link add link trunk name trunk.20 mtu 1500 type vlan id 20  # test/golden/cases/links.otop:13:3
nsenter --net=/run/netns/glinks.cam -- ip -batch -
    link add link eth0 name eth0.20 type vlan id 20  # test/golden/cases/links.otop:33:39

# stage 5: switch VLANs
nsenter --net=/run/netns/glinks -- bridge -batch -
    vlan add dev r.trunk vid 10                # test/golden/cases/links.otop:11:3
    vlan add dev r.trunk vid 20                # test/golden/cases/links.otop:11:3
    vlan add dev r.trunk vid 100-102           # test/golden/cases/links.otop:11:3
    vlan add dev r.trunk vid 1 pvid untagged   # test/golden/cases/links.otop:11:3
    vlan add dev pc.eth0 vid 10 pvid untagged  # test/golden/cases/links.otop:32:11
    vlan add dev cam.eth0 vid 20               # test/golden/cases/links.otop:33:12

# stage 6: shaping (steps run concurrently)
nsenter --net=/run/netns/glinks.r -- tc -batch -
    qdisc add dev e1 root handle 1: tbf rate 1gbit burst 125000b limit 25000682b            # test/golden/cases/links.otop:14:28
    qdisc add dev e1 parent 1:1 handle 10: netem limit 16513 delay 100ms                    # test/golden/cases/links.otop:14:28
    qdisc add dev e2 root handle 1: netem limit 5000 delay 10ms 1ms loss 0.5% rate 100gbit  # test/golden/cases/links.otop:15:28
    qdisc add dev lan root handle 1: tbf rate 100mbit burst 65536b limit 1514000b           # test/golden/cases/links.otop:16:29
    qdisc add dev lan parent 1:1 handle 10: pfifo limit 1000                                # test/golden/cases/links.otop:16:29
    qdisc add dev up0 root handle 1: tbf rate 500kbit burst 15140b limit 1514000b           # test/golden/cases/links.otop:17:66
    qdisc add dev up0 parent 1:1 handle 10: pfifo limit 1000                                # test/golden/cases/links.otop:17:66
nsenter --net=/run/netns/glinks.s -- tc -batch -
    qdisc add dev e2 root handle 1: tbf rate 10mbit burst 15140b limit 1514000b  # test/golden/cases/links.otop:28:20
    qdisc add dev e2 parent 1:1 handle 10: pfifo limit 1000                      # test/golden/cases/links.otop:28:20
nsenter --net=/run/netns/glinks.h -- tc -batch -
    qdisc add dev eth0 root handle 1: pfifo limit 50  # test/golden/cases/links.otop:34:37
nsenter --net=/run/netns/glinks -- tc -batch -
    qdisc add dev r.lan root handle 1: tbf rate 100mbit burst 65536b limit 1514000b  # test/golden/cases/links.otop:16:29
    qdisc add dev r.lan parent 1:1 handle 10: pfifo limit 1000                       # test/golden/cases/links.otop:16:29
tc -batch -
    qdisc add dev ot-bz752s-up0 root handle 1: tbf rate 500kbit burst 15140b limit 1514000b  # test/golden/cases/links.otop:17:66
    qdisc add dev ot-bz752s-up0 parent 1:1 handle 10: pfifo limit 1000                       # test/golden/cases/links.otop:17:66

# stage 7: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/glinks.r -- ip -batch -
    link set dev lo alias opentop:glinks:r                                                                     # test/golden/cases/links.otop:8:1
    link set dev lo up                                                                                         # test/golden/cases/links.otop:8:1
    link set dev trunk addrgenmode none                                                                        # test/golden/cases/links.otop:11:3
    link set dev trunk up                                                                                      # test/golden/cases/links.otop:11:3
    addr add 10.10.0.1/24 dev trunk.10                                                                         # test/golden/cases/links.otop:12:12
    link set dev trunk.10 addrgenmode none                                                                     # test/golden/cases/links.otop:12:3
    link set dev trunk.10 up                                                                                   # test/golden/cases/links.otop:12:3
    addr add 10.20.0.1/24 dev trunk.20                                                                         # test/golden/cases/links.otop:13:12
    link set dev trunk.20 addrgenmode none                                                                     # test/golden/cases/links.otop:13:3
    link set dev trunk.20 up                                                                                   # test/golden/cases/links.otop:13:3
    addr add 10.0.1.0/31 dev e1                                                                                # test/golden/cases/links.otop:14:14
    link set dev e1 addrgenmode none                                                                           # test/golden/cases/links.otop:14:3
    link set dev e1 up                                                                                         # test/golden/cases/links.otop:14:3
    addr add 10.0.2.0/31 dev e2                                                                                # test/golden/cases/links.otop:15:14
    link set dev e2 addrgenmode none                                                                           # test/golden/cases/links.otop:15:3
    link set dev e2 up                                                                                         # test/golden/cases/links.otop:15:3
    addr add 10.30.0.1/24 dev lan                                                                              # test/golden/cases/links.otop:16:14
    link set dev lan addrgenmode none                                                                          # test/golden/cases/links.otop:16:3
    link set dev lan up                                                                                        # test/golden/cases/links.otop:16:3
    addr add 198.51.100.130/30 dev up0                                                                         # test/golden/cases/links.otop:17:15
    link set dev up0 addrgenmode none                                                                          # test/golden/cases/links.otop:17:3
    link set dev up0 up                                                                                        # test/golden/cases/links.otop:17:3
    addr add 192.0.2.2/24 dev wan                                                                              # test/golden/cases/links.otop:18:22
    link set dev wan up                                                                                        # test/golden/cases/links.otop:18:3
    addr add 192.0.3.2/24 dev mv0                                                                              # test/golden/cases/links.otop:19:22
    link set dev mv0 addrgenmode none                                                                          # test/golden/cases/links.otop:19:3
    link set dev mv0 up                                                                                        # test/golden/cases/links.otop:19:3
    route add 10.9.0.0/16 nexthop via 10.0.1.1 dev e1 weight 1 nexthop via 10.0.2.1 dev e2 weight 1            # test/golden/cases/links.otop:20:3
    route add 10.8.0.0/16 metric 20 nexthop via 10.0.1.1 dev e1 weight 3 nexthop via 10.0.2.1 dev e2 weight 1  # test/golden/cases/links.otop:21:3
nsenter --net=/run/netns/glinks.s -- ip -batch -
    link set dev lo alias opentop:glinks:s  # test/golden/cases/links.otop:24:1
    link set dev lo up                      # test/golden/cases/links.otop:24:1
    addr add 10.9.0.1/32 dev lo             # test/golden/cases/links.otop:26:6
    addr add 10.0.1.1/31 dev e1             # test/golden/cases/links.otop:27:6
    link set dev e1 addrgenmode none        # test/golden/cases/links.otop:27:3
    link set dev e1 up                      # test/golden/cases/links.otop:27:3
    addr add 10.0.2.1/31 dev e2             # test/golden/cases/links.otop:28:6
    link set dev e2 addrgenmode none        # test/golden/cases/links.otop:28:3
    link set dev e2 up                      # test/golden/cases/links.otop:28:3
    route add 0.0.0.0/0 via 10.0.1.0        # test/golden/cases/links.otop:29:3
nsenter --net=/run/netns/glinks.pc -- ip -batch -
    link set dev lo alias opentop:glinks:pc  # test/golden/cases/links.otop:32:1
    link set dev lo up                       # test/golden/cases/links.otop:32:1
    addr add 10.10.0.5/24 dev eth0           # test/golden/cases/links.otop:32:24
    link set dev eth0 addrgenmode none       # test/golden/cases/links.otop:32:11
    link set dev eth0 up                     # test/golden/cases/links.otop:32:11
    route add 0.0.0.0/0 via 10.10.0.1        # test/golden/cases/links.otop:32:52
nsenter --net=/run/netns/glinks.cam -- ip -batch -
    link set dev lo alias opentop:glinks:cam  # test/golden/cases/links.otop:33:1
    link set dev lo up                        # test/golden/cases/links.otop:33:1
    link set dev eth0 addrgenmode none        # test/golden/cases/links.otop:33:12
    link set dev eth0 up                      # test/golden/cases/links.otop:33:12
    addr add 10.20.0.5/24 dev eth0.20         # test/golden/cases/links.otop:33:47
    link set dev eth0.20 addrgenmode none     # test/golden/cases/links.otop:33:39
    link set dev eth0.20 up                   # test/golden/cases/links.otop:33:39
    route add 0.0.0.0/0 via 10.20.0.1         # test/golden/cases/links.otop:33:61
nsenter --net=/run/netns/glinks.h -- ip -batch -
    link set dev lo alias opentop:glinks:h  # test/golden/cases/links.otop:34:1
    link set dev lo up                      # test/golden/cases/links.otop:34:1
    addr add 10.30.0.5/24 dev eth0          # test/golden/cases/links.otop:34:22
    link set dev eth0 addrgenmode none      # test/golden/cases/links.otop:34:10
    link set dev eth0 up                    # test/golden/cases/links.otop:34:10

# the sh programs above, shown as <NAME> (src/plan/snippets.ts):
#   <nic-take> = nic=$1 ns=$2 name=$3 f=$4; shift 4; [ ! -e "$f" ] || { echo "$f exists: $nic is held by a lab already" >&2; exit 1; }; l=$(ip -o link show dev "$nic") || exit 1; mkdir -p "${f%/*}" || exit 1; { echo "# opentop: the state of $nic before it was moved into $ns as $name; down restores it"; mtu=${l#* mtu }; mtu=${mtu%% *}; case $l in *" link/ether "*) mac=${l#* link/ether }; echo "link set dev $nic address ${mac%% *} mtu $mtu";; *) echo "link set dev $nic mtu $mtu";; esac; ip -o addr show dev "$nic" scope global | sed -e "/ dynamic /d" -n -e "s/^[0-9]*: [^ ]* *inet6\{0,1\} \(.*\) scope .*/\1/p" | while read -r a; do echo "addr add $a dev $nic"; done; flags=${l#*<}; case ,${flags%%>*}, in *,UP,*) echo "link set dev $nic up";; esac; { ip -o -4 route show dev "$nic"; ip -o -6 route show dev "$nic"; } | sed -e "/ proto kernel /d" -e "/ proto ra /d" -e "/ expires /d" -e "s/ linkdown//g" -e "s/ dead//g" | while read -r r; do echo "route add $r dev $nic"; done; } > "$f.new" && mv "$f.new" "$f" || exit 1; ip link set dev "$nic" netns "$ns" name "$name" "$@"'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "glinks",
 "file": "/ROOT/test/golden/cases/links.otop",
 "hash": "f39f4d050f4c19c4dcd028a9831b1a6eb7cda3c67e02df87f21f6ef1251aba4a",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["r","s","pc","cam","h"],
 "switches": ["core","lan"],
 "plan": "0f23c9d60424adddfdad8e73d8c6721f2cc7e09dec5e1349078e8ac044f95870",
 "owned": [
  {"kind":"netns","name":"glinks"},
  {"kind":"netns","name":"glinks.r","node":"r"},
  {"kind":"netns","name":"glinks.s","node":"s"},
  {"kind":"netns","name":"glinks.pc","node":"pc"},
  {"kind":"netns","name":"glinks.cam","node":"cam"},
  {"kind":"netns","name":"glinks.h","node":"h"},
  {"kind":"host-iface","name":"ot-bz752s-up0","mark":"opentop:glinks:r:up0"},
  {"kind":"moved-nic","name":"enp7s0","ns":"glinks.r","iface":"wan","saved":"/run/opentop/glinks/nics/enp7s0"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"glinks"},"origin":"test/golden/cases/links.otop:3:5"},
  {"op":{"kind":"netns.add","name":"glinks.r","node":"r"},"origin":"test/golden/cases/links.otop:8:1"},
  {"op":{"kind":"netns.add","name":"glinks.s","node":"s"},"origin":"test/golden/cases/links.otop:24:1"},
  {"op":{"kind":"netns.add","name":"glinks.pc","node":"pc"},"origin":"test/golden/cases/links.otop:32:1"},
  {"op":{"kind":"netns.add","name":"glinks.cam","node":"cam"},"origin":"test/golden/cases/links.otop:33:1"},
  {"op":{"kind":"netns.add","name":"glinks.h","node":"h"},"origin":"test/golden/cases/links.otop:34:1"},
  {"op":{"kind":"sysctl.set","ns":"glinks.r","key":"net.ipv4.ip_forward","value":"1"},"origin":"test/golden/cases/links.otop:9:3"},
  {"op":{"kind":"sysctl.set","ns":"glinks.r","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"test/golden/cases/links.otop:9:3"},
  {"op":{"kind":"sysctl.set","ns":"glinks.r","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"test/golden/cases/links.otop:9:3"},
  {"op":{"kind":"sysctl.set","ns":"glinks.r","key":"net.ipv4.fib_multipath_hash_policy","value":"1"},"origin":"test/golden/cases/links.otop:10:3"},
  {"op":{"kind":"sysctl.set","ns":"glinks.s","key":"net.ipv4.ip_forward","value":"1"},"origin":"test/golden/cases/links.otop:25:3"},
  {"op":{"kind":"sysctl.set","ns":"glinks.s","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"test/golden/cases/links.otop:25:3"},
  {"op":{"kind":"sysctl.set","ns":"glinks.s","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"test/golden/cases/links.otop:25:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"glinks.r","name":"e1","index":121837},"b":{"ns":"glinks.s","name":"e1"}},"origin":"test/golden/cases/links.otop:14:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"glinks.r","name":"e2","index":15396971},"b":{"ns":"glinks.s","name":"e2"}},"origin":"test/golden/cases/links.otop:15:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":null,"name":"ot-bz752s-up0","mark":"opentop:glinks:r:up0"},"b":{"ns":"glinks.r","name":"up0"}},"origin":"test/golden/cases/links.otop:17:3"},
  {"op":{"kind":"link.alias","ns":null,"dev":"ot-bz752s-up0","alias":"opentop:glinks:r:up0"},"origin":"test/golden/cases/links.otop:17:3"},
  {"op":{"kind":"addr.add","ns":null,"dev":"ot-bz752s-up0","cidr":"198.51.100.129/30","family":4},"origin":"test/golden/cases/links.otop:17:48"},
  {"op":{"kind":"link.up","ns":null,"dev":"ot-bz752s-up0"},"origin":"test/golden/cases/links.otop:17:3"},
  {"op":{"kind":"nic.take","nic":"enp7s0","ns":"glinks.r","name":"wan","saved":"/run/opentop/glinks/nics/enp7s0","mtu":1400},"origin":"test/golden/cases/links.otop:18:3"},
  {"op":{"kind":"macvlan.add","parent":"enp8s0","netns":"glinks.r","name":"mv0","mode":"private"},"origin":"test/golden/cases/links.otop:19:3"},
  {"op":{"kind":"link.alias","ns":"glinks","dev":"lo","alias":"opentop:glinks"},"origin":"test/golden/cases/links.otop:3:5"},
  {"op":{"kind":"bridge.add","ns":"glinks","name":"core","mtu":9000,"vlanAware":true},"origin":"test/golden/cases/links.otop:5:1"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks","dev":"core"},"origin":"test/golden/cases/links.otop:5:1"},
  {"op":{"kind":"link.up","ns":"glinks","dev":"core"},"origin":"test/golden/cases/links.otop:5:1"},
  {"op":{"kind":"bridge.add","ns":"glinks","name":"lan"},"origin":"test/golden/cases/links.otop:6:1"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks","dev":"lan"},"origin":"test/golden/cases/links.otop:6:1"},
  {"op":{"kind":"link.up","ns":"glinks","dev":"lan"},"origin":"test/golden/cases/links.otop:6:1"},
  {"op":{"kind":"veth.add","ns":"glinks","a":{"ns":"glinks","name":"r.trunk","index":13747415,"mtu":9000,"master":"core"},"b":{"ns":"glinks.r","name":"trunk","mtu":9000}},"origin":"test/golden/cases/links.otop:11:3"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks","dev":"r.trunk"},"origin":"test/golden/cases/links.otop:11:3"},
  {"op":{"kind":"veth.add","ns":"glinks","a":{"ns":"glinks","name":"r.lan","index":11605822,"master":"lan"},"b":{"ns":"glinks.r","name":"lan"}},"origin":"test/golden/cases/links.otop:16:3"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks","dev":"r.lan"},"origin":"test/golden/cases/links.otop:16:3"},
  {"op":{"kind":"veth.add","ns":"glinks","a":{"ns":"glinks","name":"pc.eth0","index":3946193,"mtu":9000,"master":"core"},"b":{"ns":"glinks.pc","name":"eth0","mtu":9000}},"origin":"test/golden/cases/links.otop:32:11"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks","dev":"pc.eth0"},"origin":"test/golden/cases/links.otop:32:11"},
  {"op":{"kind":"veth.add","ns":"glinks","a":{"ns":"glinks","name":"cam.eth0","index":5321024,"mtu":9000,"master":"core"},"b":{"ns":"glinks.cam","name":"eth0","mtu":9000}},"origin":"test/golden/cases/links.otop:33:12"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks","dev":"cam.eth0"},"origin":"test/golden/cases/links.otop:33:12"},
  {"op":{"kind":"veth.add","ns":"glinks","a":{"ns":"glinks","name":"h.eth0","index":8347262,"master":"lan"},"b":{"ns":"glinks.h","name":"eth0"}},"origin":"test/golden/cases/links.otop:34:10"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks","dev":"h.eth0"},"origin":"test/golden/cases/links.otop:34:10"},
  {"op":{"kind":"vlan.add","ns":"glinks.r","parent":"trunk","name":"trunk.10","vid":10},"origin":"test/golden/cases/links.otop:12:3"},
  {"op":{"kind":"vlan.add","ns":"glinks.r","parent":"trunk","name":"trunk.20","vid":20,"mtu":1500},"origin":"test/golden/cases/links.otop:13:3"},
  {"op":{"kind":"vlan.add","ns":"glinks.cam","parent":"eth0","name":"eth0.20","vid":20},"origin":"test/golden/cases/links.otop:33:39"},
  {"op":{"kind":"port.vlan","ns":"glinks","dev":"r.trunk","vids":"10"},"origin":"test/golden/cases/links.otop:11:3"},
  {"op":{"kind":"port.vlan","ns":"glinks","dev":"r.trunk","vids":"20"},"origin":"test/golden/cases/links.otop:11:3"},
  {"op":{"kind":"port.vlan","ns":"glinks","dev":"r.trunk","vids":"100-102"},"origin":"test/golden/cases/links.otop:11:3"},
  {"op":{"kind":"port.vlan","ns":"glinks","dev":"r.trunk","vids":"1","untagged":true},"origin":"test/golden/cases/links.otop:11:3"},
  {"op":{"kind":"port.vlan","ns":"glinks","dev":"pc.eth0","vids":"10","untagged":true},"origin":"test/golden/cases/links.otop:32:11"},
  {"op":{"kind":"port.vlan","ns":"glinks","dev":"cam.eth0","vids":"20"},"origin":"test/golden/cases/links.otop:33:12"},
  {"op":{"kind":"qdisc.add","ns":"glinks.r","dev":"e1","parent":"root","handle":"1:","qdisc":{"kind":"tbf","rate":1000000000,"burst":125000,"limit":25000682}},"origin":"test/golden/cases/links.otop:14:28"},
  {"op":{"kind":"qdisc.add","ns":"glinks.r","dev":"e1","parent":"1:1","handle":"10:","qdisc":{"kind":"netem","limit":16513,"delay":100000}},"origin":"test/golden/cases/links.otop:14:28"},
  {"op":{"kind":"qdisc.add","ns":"glinks.r","dev":"e2","parent":"root","handle":"1:","qdisc":{"kind":"netem","limit":5000,"delay":10000,"jitter":1000,"loss":0.5,"rate":100000000000}},"origin":"test/golden/cases/links.otop:15:28"},
  {"op":{"kind":"qdisc.add","ns":"glinks.r","dev":"lan","parent":"root","handle":"1:","qdisc":{"kind":"tbf","rate":100000000,"burst":65536,"limit":1514000}},"origin":"test/golden/cases/links.otop:16:29"},
  {"op":{"kind":"qdisc.add","ns":"glinks.r","dev":"lan","parent":"1:1","handle":"10:","qdisc":{"kind":"pfifo","limit":1000}},"origin":"test/golden/cases/links.otop:16:29"},
  {"op":{"kind":"qdisc.add","ns":"glinks.r","dev":"up0","parent":"root","handle":"1:","qdisc":{"kind":"tbf","rate":500000,"burst":15140,"limit":1514000}},"origin":"test/golden/cases/links.otop:17:66"},
  {"op":{"kind":"qdisc.add","ns":"glinks.r","dev":"up0","parent":"1:1","handle":"10:","qdisc":{"kind":"pfifo","limit":1000}},"origin":"test/golden/cases/links.otop:17:66"},
  {"op":{"kind":"qdisc.add","ns":"glinks.s","dev":"e2","parent":"root","handle":"1:","qdisc":{"kind":"tbf","rate":10000000,"burst":15140,"limit":1514000}},"origin":"test/golden/cases/links.otop:28:20"},
  {"op":{"kind":"qdisc.add","ns":"glinks.s","dev":"e2","parent":"1:1","handle":"10:","qdisc":{"kind":"pfifo","limit":1000}},"origin":"test/golden/cases/links.otop:28:20"},
  {"op":{"kind":"qdisc.add","ns":"glinks.h","dev":"eth0","parent":"root","handle":"1:","qdisc":{"kind":"pfifo","limit":50}},"origin":"test/golden/cases/links.otop:34:37"},
  {"op":{"kind":"qdisc.add","ns":"glinks","dev":"r.lan","parent":"root","handle":"1:","qdisc":{"kind":"tbf","rate":100000000,"burst":65536,"limit":1514000}},"origin":"test/golden/cases/links.otop:16:29"},
  {"op":{"kind":"qdisc.add","ns":"glinks","dev":"r.lan","parent":"1:1","handle":"10:","qdisc":{"kind":"pfifo","limit":1000}},"origin":"test/golden/cases/links.otop:16:29"},
  {"op":{"kind":"qdisc.add","ns":null,"dev":"ot-bz752s-up0","parent":"root","handle":"1:","qdisc":{"kind":"tbf","rate":500000,"burst":15140,"limit":1514000}},"origin":"test/golden/cases/links.otop:17:66"},
  {"op":{"kind":"qdisc.add","ns":null,"dev":"ot-bz752s-up0","parent":"1:1","handle":"10:","qdisc":{"kind":"pfifo","limit":1000}},"origin":"test/golden/cases/links.otop:17:66"},
  {"op":{"kind":"link.alias","ns":"glinks.r","dev":"lo","alias":"opentop:glinks:r"},"origin":"test/golden/cases/links.otop:8:1"},
  {"op":{"kind":"link.up","ns":"glinks.r","dev":"lo"},"origin":"test/golden/cases/links.otop:8:1"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks.r","dev":"trunk"},"origin":"test/golden/cases/links.otop:11:3"},
  {"op":{"kind":"link.up","ns":"glinks.r","dev":"trunk"},"origin":"test/golden/cases/links.otop:11:3"},
  {"op":{"kind":"addr.add","ns":"glinks.r","dev":"trunk.10","cidr":"10.10.0.1/24","family":4},"origin":"test/golden/cases/links.otop:12:12"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks.r","dev":"trunk.10"},"origin":"test/golden/cases/links.otop:12:3"},
  {"op":{"kind":"link.up","ns":"glinks.r","dev":"trunk.10"},"origin":"test/golden/cases/links.otop:12:3"},
  {"op":{"kind":"addr.add","ns":"glinks.r","dev":"trunk.20","cidr":"10.20.0.1/24","family":4},"origin":"test/golden/cases/links.otop:13:12"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks.r","dev":"trunk.20"},"origin":"test/golden/cases/links.otop:13:3"},
  {"op":{"kind":"link.up","ns":"glinks.r","dev":"trunk.20"},"origin":"test/golden/cases/links.otop:13:3"},
  {"op":{"kind":"addr.add","ns":"glinks.r","dev":"e1","cidr":"10.0.1.0/31","family":4},"origin":"test/golden/cases/links.otop:14:14"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks.r","dev":"e1"},"origin":"test/golden/cases/links.otop:14:3"},
  {"op":{"kind":"link.up","ns":"glinks.r","dev":"e1"},"origin":"test/golden/cases/links.otop:14:3"},
  {"op":{"kind":"addr.add","ns":"glinks.r","dev":"e2","cidr":"10.0.2.0/31","family":4},"origin":"test/golden/cases/links.otop:15:14"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks.r","dev":"e2"},"origin":"test/golden/cases/links.otop:15:3"},
  {"op":{"kind":"link.up","ns":"glinks.r","dev":"e2"},"origin":"test/golden/cases/links.otop:15:3"},
  {"op":{"kind":"addr.add","ns":"glinks.r","dev":"lan","cidr":"10.30.0.1/24","family":4},"origin":"test/golden/cases/links.otop:16:14"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks.r","dev":"lan"},"origin":"test/golden/cases/links.otop:16:3"},
  {"op":{"kind":"link.up","ns":"glinks.r","dev":"lan"},"origin":"test/golden/cases/links.otop:16:3"},
  {"op":{"kind":"addr.add","ns":"glinks.r","dev":"up0","cidr":"198.51.100.130/30","family":4},"origin":"test/golden/cases/links.otop:17:15"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks.r","dev":"up0"},"origin":"test/golden/cases/links.otop:17:3"},
  {"op":{"kind":"link.up","ns":"glinks.r","dev":"up0"},"origin":"test/golden/cases/links.otop:17:3"},
  {"op":{"kind":"addr.add","ns":"glinks.r","dev":"wan","cidr":"192.0.2.2/24","family":4},"origin":"test/golden/cases/links.otop:18:22"},
  {"op":{"kind":"link.up","ns":"glinks.r","dev":"wan"},"origin":"test/golden/cases/links.otop:18:3"},
  {"op":{"kind":"addr.add","ns":"glinks.r","dev":"mv0","cidr":"192.0.3.2/24","family":4},"origin":"test/golden/cases/links.otop:19:22"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks.r","dev":"mv0"},"origin":"test/golden/cases/links.otop:19:3"},
  {"op":{"kind":"link.up","ns":"glinks.r","dev":"mv0"},"origin":"test/golden/cases/links.otop:19:3"},
  {"op":{"kind":"route.add","ns":"glinks.r","family":4,"destination":"10.9.0.0/16","nexthops":[{"via":"10.0.1.1","dev":"e1","weight":1},{"via":"10.0.2.1","dev":"e2","weight":1}]},"origin":"test/golden/cases/links.otop:20:3"},
  {"op":{"kind":"route.add","ns":"glinks.r","family":4,"destination":"10.8.0.0/16","metric":20,"nexthops":[{"via":"10.0.1.1","dev":"e1","weight":3},{"via":"10.0.2.1","dev":"e2","weight":1}]},"origin":"test/golden/cases/links.otop:21:3"},
  {"op":{"kind":"link.alias","ns":"glinks.s","dev":"lo","alias":"opentop:glinks:s"},"origin":"test/golden/cases/links.otop:24:1"},
  {"op":{"kind":"link.up","ns":"glinks.s","dev":"lo"},"origin":"test/golden/cases/links.otop:24:1"},
  {"op":{"kind":"addr.add","ns":"glinks.s","dev":"lo","cidr":"10.9.0.1/32","family":4},"origin":"test/golden/cases/links.otop:26:6"},
  {"op":{"kind":"addr.add","ns":"glinks.s","dev":"e1","cidr":"10.0.1.1/31","family":4},"origin":"test/golden/cases/links.otop:27:6"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks.s","dev":"e1"},"origin":"test/golden/cases/links.otop:27:3"},
  {"op":{"kind":"link.up","ns":"glinks.s","dev":"e1"},"origin":"test/golden/cases/links.otop:27:3"},
  {"op":{"kind":"addr.add","ns":"glinks.s","dev":"e2","cidr":"10.0.2.1/31","family":4},"origin":"test/golden/cases/links.otop:28:6"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks.s","dev":"e2"},"origin":"test/golden/cases/links.otop:28:3"},
  {"op":{"kind":"link.up","ns":"glinks.s","dev":"e2"},"origin":"test/golden/cases/links.otop:28:3"},
  {"op":{"kind":"route.add","ns":"glinks.s","family":4,"destination":"0.0.0.0/0","via":"10.0.1.0"},"origin":"test/golden/cases/links.otop:29:3"},
  {"op":{"kind":"link.alias","ns":"glinks.pc","dev":"lo","alias":"opentop:glinks:pc"},"origin":"test/golden/cases/links.otop:32:1"},
  {"op":{"kind":"link.up","ns":"glinks.pc","dev":"lo"},"origin":"test/golden/cases/links.otop:32:1"},
  {"op":{"kind":"addr.add","ns":"glinks.pc","dev":"eth0","cidr":"10.10.0.5/24","family":4},"origin":"test/golden/cases/links.otop:32:24"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks.pc","dev":"eth0"},"origin":"test/golden/cases/links.otop:32:11"},
  {"op":{"kind":"link.up","ns":"glinks.pc","dev":"eth0"},"origin":"test/golden/cases/links.otop:32:11"},
  {"op":{"kind":"route.add","ns":"glinks.pc","family":4,"destination":"0.0.0.0/0","via":"10.10.0.1"},"origin":"test/golden/cases/links.otop:32:52"},
  {"op":{"kind":"link.alias","ns":"glinks.cam","dev":"lo","alias":"opentop:glinks:cam"},"origin":"test/golden/cases/links.otop:33:1"},
  {"op":{"kind":"link.up","ns":"glinks.cam","dev":"lo"},"origin":"test/golden/cases/links.otop:33:1"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks.cam","dev":"eth0"},"origin":"test/golden/cases/links.otop:33:12"},
  {"op":{"kind":"link.up","ns":"glinks.cam","dev":"eth0"},"origin":"test/golden/cases/links.otop:33:12"},
  {"op":{"kind":"addr.add","ns":"glinks.cam","dev":"eth0.20","cidr":"10.20.0.5/24","family":4},"origin":"test/golden/cases/links.otop:33:47"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks.cam","dev":"eth0.20"},"origin":"test/golden/cases/links.otop:33:39"},
  {"op":{"kind":"link.up","ns":"glinks.cam","dev":"eth0.20"},"origin":"test/golden/cases/links.otop:33:39"},
  {"op":{"kind":"route.add","ns":"glinks.cam","family":4,"destination":"0.0.0.0/0","via":"10.20.0.1"},"origin":"test/golden/cases/links.otop:33:61"},
  {"op":{"kind":"link.alias","ns":"glinks.h","dev":"lo","alias":"opentop:glinks:h"},"origin":"test/golden/cases/links.otop:34:1"},
  {"op":{"kind":"link.up","ns":"glinks.h","dev":"lo"},"origin":"test/golden/cases/links.otop:34:1"},
  {"op":{"kind":"addr.add","ns":"glinks.h","dev":"eth0","cidr":"10.30.0.5/24","family":4},"origin":"test/golden/cases/links.otop:34:22"},
  {"op":{"kind":"link.nolinklocal","ns":"glinks.h","dev":"eth0"},"origin":"test/golden/cases/links.otop:34:10"},
  {"op":{"kind":"link.up","ns":"glinks.h","dev":"eth0"},"origin":"test/golden/cases/links.otop:34:10"}
 ]
}
'

# why PROGRAM: sets $why and $package, for the message when PROGRAM is missing.
why() {
  case $1 in
    ip) why='this lab creates namespaces, links, addresses and routes with it' package=iproute2 ;;
    nsenter) why='this lab runs programs inside its namespaces with it' package=util-linux ;;
    sysctl) why='this lab sets sysctls' package=procps ;;
    sh) why='this lab'\''s steps include small sh programs' package=dash ;;
    sed) why='this lab stops its processes by their marks' package=sed ;;
    mkdir) why='the lab keeps its record and files under /run/opentop' package=coreutils ;;
    mv) why='this lab saves the state of a host interface it moves in' package=coreutils ;;
    bridge) why='this lab'\''s VLAN-aware switches are set up with it' package=iproute2 ;;
    tc) why='this lab shapes traffic (rate, delay, loss) with it' package=iproute2 ;;
    unshare) why='this lab creates namespaces besides the network'\''s, or tries its kernel features and rulesets first' package=util-linux ;;
    rm) why='the lab removes its record and files' package=coreutils ;;
    ln) why='the script keeps its lock and record with it' package=coreutils ;;
    readlink) why='the script keeps its lock and record with it' package=coreutils ;;
    date) why='the script keeps its lock and record with it' package=coreutils ;;
    touch) why='this lab keeps namespace files, and its record'\''s time of birth' package=coreutils ;;
    find) why='the script tells what the lab made from what it did not' package=findutils ;;
    cat) why='the script reads the kernel'\''s limits, and process and cgroup state' package=coreutils ;;
    *) why='this script runs it' package=$1 ;;
  esac
}