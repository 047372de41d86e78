#!/bin/sh
# Lab gflt: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/test/golden/cases/filters.otop
#   sha256    948e57659e490cc03f3446bbdefcac286cb2a9828d580a1f81f67a52221d84a5
#   requires  ip nsenter sysctl nft mkdir ln readlink rm mv date
#
# Usage: sh SCRIPT up | down | status | exec NODE COMMAND [ARG]... | plan | --help
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

# ---- up: the plan, stage by stage --------------------------------------------------
#
# The steps of a stage are independent (`opentop up` runs them concurrently; here they
# run one after another). Each step is one process; the lines of a batch are the
# operations listed above it, in order, with the statement of the lab file that asked
# for each. A step that fails stops `up`, which then rolls back.

up_plan() {
  # == stage 1 of 5: namespaces
  # create network namespace gflt  (test/golden/cases/filters.otop:4:5)
  # create network namespace gflt.fw  (test/golden/cases/filters.otop:8:1)
  # create network namespace gflt.srv  (test/golden/cases/filters.otop:39:1)
  # create network namespace gflt.isp  (test/golden/cases/filters.otop:51:1)
  # create network namespace gflt.pc  (test/golden/cases/filters.otop:55:1)
  step '1/10, namespaces, on the host' ip -batch - <<'EOF' || return 1
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
  step '2/10, namespace sysctls, in node fw (gflt.fw)' nsenter --net=/run/netns/gflt.fw -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 || return 1
  # == stage 3 of 5: filters
  # load nftables table inet opentop in gflt.fw  (test/golden/cases/filters.otop:15:5)
  step '3/10, filters, in node fw (gflt.fw)' nsenter --net=/run/netns/gflt.fw -- nft -f - <<'EOF' || return 1
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
  # load nftables table inet opentop in gflt.srv  (test/golden/cases/filters.otop:43:5)
  step '4/10, filters, in node srv (gflt.srv)' nsenter --net=/run/netns/gflt.srv -- nft -f - <<'EOF' || return 1
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
  # == stage 4 of 5: links
  # create veth pair eth1 (gflt.fw) — eth0 (gflt.srv)  (test/golden/cases/filters.otop:11:3)
  # create veth pair wan (gflt.fw) — eth0 (gflt.isp)  (test/golden/cases/filters.otop:12:3)
  step '5/10, links, on the host' ip -batch - <<'EOF' || return 1
link add name eth1 index 1001 netns gflt.fw type veth peer name eth0 netns gflt.srv
link add name wan index 1002 netns gflt.fw type veth peer name eth0 netns gflt.isp
EOF
  # mark lo in gflt as opentop:gflt  (test/golden/cases/filters.otop:4:5)
  # create bridge lan in gflt  (test/golden/cases/filters.otop:6:1)
  # create veth pair fw.eth0 (gflt) — eth0 (gflt.fw)  (test/golden/cases/filters.otop:10:3)
  # create veth pair pc.eth0 (gflt) — eth0 (gflt.pc)  (test/golden/cases/filters.otop:56:3)
  step '6/10, links, in the switches (gflt)' nsenter --net=/run/netns/gflt -- ip -batch - <<'EOF' || return 1
link set dev lo alias opentop:gflt
link add name lan up type bridge
link add name fw.eth0 index 1001 master lan up type veth peer name eth0 netns gflt.fw
link add name pc.eth0 index 1002 master lan up type veth peer name eth0 netns gflt.pc
EOF
  # == stage 5 of 5: addresses and routes
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
  step '7/10, addresses and routes, in node fw (gflt.fw)' nsenter --net=/run/netns/gflt.fw -- ip -batch - <<'EOF' || return 1
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
  # mark lo in gflt.srv as opentop:gflt:srv  (test/golden/cases/filters.otop:39:1)
  # bring lo up in gflt.srv  (test/golden/cases/filters.otop:39:1)
  # add 10.2.0.10/24 to eth0 in gflt.srv  (test/golden/cases/filters.otop:40:8)
  # add fd6f:2::10/64 to eth0 in gflt.srv  (test/golden/cases/filters.otop:40:21)
  # bring eth0 up in gflt.srv  (test/golden/cases/filters.otop:40:3)
  # route 0.0.0.0/0 via 10.2.0.1 in gflt.srv  (test/golden/cases/filters.otop:41:3)
  step '8/10, addresses and routes, in node srv (gflt.srv)' nsenter --net=/run/netns/gflt.srv -- ip -batch - <<'EOF' || return 1
link set dev lo alias opentop:gflt:srv
link set dev lo up
addr add 10.2.0.10/24 dev eth0
addr add fd6f:2::10/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.2.0.1
EOF
  # mark lo in gflt.isp as opentop:gflt:isp  (test/golden/cases/filters.otop:51:1)
  # bring lo up in gflt.isp  (test/golden/cases/filters.otop:51:1)
  # add 203.0.113.2/24 to eth0 in gflt.isp  (test/golden/cases/filters.otop:52:8)
  # add fd6f:ff::2/64 to eth0 in gflt.isp  (test/golden/cases/filters.otop:52:23)
  # bring eth0 up in gflt.isp  (test/golden/cases/filters.otop:52:3)
  step '9/10, addresses and routes, in node isp (gflt.isp)' nsenter --net=/run/netns/gflt.isp -- ip -batch - <<'EOF' || return 1
link set dev lo alias opentop:gflt:isp
link set dev lo up
addr add 203.0.113.2/24 dev eth0
addr add fd6f:ff::2/64 dev eth0 nodad
link set dev eth0 up
EOF
  # mark lo in gflt.pc as opentop:gflt:pc  (test/golden/cases/filters.otop:55:1)
  # bring lo up in gflt.pc  (test/golden/cases/filters.otop:55:1)
  # add 10.1.0.10/24 to eth0 in gflt.pc  (test/golden/cases/filters.otop:56:15)
  # add fd6f:1::10/64 to eth0 in gflt.pc  (test/golden/cases/filters.otop:56:28)
  # bring eth0 up in gflt.pc  (test/golden/cases/filters.otop:56:3)
  # route 0.0.0.0/0 via 10.1.0.1 in gflt.pc  (test/golden/cases/filters.otop:57:3)
  step '10/10, addresses and routes, in node pc (gflt.pc)' nsenter --net=/run/netns/gflt.pc -- ip -batch - <<'EOF' || return 1
link set dev lo alias opentop:gflt:pc
link set dev lo up
addr add 10.1.0.10/24 dev eth0
addr add fd6f:1::10/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.1.0.1
EOF
}

# ---- down: what the lab owns and still exists ----------------------------------------
#
# Host interfaces first (so they are gone when `down` returns), then the namespaces and
# everything in them. Each object is deleted only if it exists (and, on the host, carries
# the lab's mark); a batch keeps going past a failing line (-force). Also the rollback of
# a failed `up`, which created all of it. Sets $removed; false when a deletion failed.

down_plan() {
  removed=0
  ok=0
  # delete network namespace gflt and everything in it
  if [ -e /run/netns/gflt ]; then queue 'netns del gflt'; fi
  # delete network namespace gflt.fw and everything in it
  if [ -e /run/netns/gflt.fw ]; then queue 'netns del gflt.fw'; fi
  # delete network namespace gflt.srv and everything in it
  if [ -e /run/netns/gflt.srv ]; then queue 'netns del gflt.srv'; fi
  # delete network namespace gflt.isp and everything in it
  if [ -e /run/netns/gflt.isp ]; then queue 'netns del gflt.isp'; fi
  # delete network namespace gflt.pc and everything in it
  if [ -e /run/netns/gflt.pc ]; then queue 'netns del gflt.pc'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
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

# status_plan: every namespace's live interfaces and routes, checked against what the
# plan creates (the same expectations as `opentop status`).
status_plan() {
  look 'the switches (gflt)' gflt /run/netns/gflt lo lan fw.eth0 pc.eth0
  if look 'node fw (gflt.fw)' gflt.fw /run/netns/gflt.fw lo eth1 wan eth0; then
    want_addr eth1 10.2.0.1/24
    want_addr eth1 fd6f:2::1/64
    want_addr wan 203.0.113.1/24
    want_addr wan fd6f:ff::1/64
    want_addr eth0 10.1.0.1/24
    want_addr eth0 fd6f:1::1/64
    want_route '' -4 0.0.0.0/0 via 203.0.113.2
  fi
  if look 'node srv (gflt.srv)' gflt.srv /run/netns/gflt.srv lo eth0; then
    want_addr eth0 10.2.0.10/24
    want_addr eth0 fd6f:2::10/64
    want_route '' -4 0.0.0.0/0 via 10.2.0.1
  fi
  if look 'node isp (gflt.isp)' gflt.isp /run/netns/gflt.isp lo eth0; then
    want_addr eth0 203.0.113.2/24
    want_addr eth0 fd6f:ff::2/64
  fi
  if look 'node pc (gflt.pc)' gflt.pc /run/netns/gflt.pc lo eth0; then
    want_addr eth0 10.1.0.10/24
    want_addr eth0 fd6f:1::10/64
    want_route '' -4 0.0.0.0/0 via 10.1.0.1
  fi
}

# link_of NS DEV: checks interface DEV of namespace NS (empty: the host) against the plan,
# from its line of `ip -o link` ($line); false when the plan makes no such interface.
link_of() {
  case "$1 $2" in
    'gflt lo') want_link ;;
    'gflt lan') want_link up ;;
    'gflt fw.eth0') want_link up master lan ;;
    'gflt pc.eth0') want_link up master lan ;;
    'gflt.fw lo') want_link up ;;
    'gflt.fw eth1') want_link up ;;
    'gflt.fw wan') want_link up ;;
    'gflt.fw eth0') want_link up ;;
    'gflt.srv lo') want_link up ;;
    'gflt.srv eth0') want_link up ;;
    'gflt.isp lo') want_link up ;;
    'gflt.isp eth0') want_link up ;;
    'gflt.pc lo') want_link up ;;
    'gflt.pc eth0') want_link up ;;
    *) return 1 ;;
  esac
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

# plan_text: what `up` runs, as `opentop plan` prints it.
plan_text() {
  printf '%s\n' '# lab gflt: up, 45 operations in 10 processes

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
    link add name eth1 index 1001 netns gflt.fw type veth peer name eth0 netns gflt.srv  # test/golden/cases/filters.otop:11:3
    link add name wan index 1002 netns gflt.fw type veth peer name eth0 netns gflt.isp   # test/golden/cases/filters.otop:12:3
nsenter --net=/run/netns/gflt -- ip -batch -
    link set dev lo alias opentop:gflt                                                     # test/golden/cases/filters.otop:4:5
    link add name lan up type bridge                                                       # test/golden/cases/filters.otop:6:1
    link add name fw.eth0 index 1001 master lan up type veth peer name eth0 netns gflt.fw  # test/golden/cases/filters.otop:10:3
    link add name pc.eth0 index 1002 master lan up type veth peer name eth0 netns gflt.pc  # test/golden/cases/filters.otop:56:3

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
 "version": 1,
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
OBJECTS=' "nodes": [
  "fw",
  "srv",
  "isp",
  "pc"
 ],
 "switches": [
  "lan"
 ],
 "namespaces": [
  "gflt",
  "gflt.fw",
  "gflt.srv",
  "gflt.isp",
  "gflt.pc"
 ],
 "hostIfaces": [],
 "hostTables": [],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"gflt"},"origin":"test/golden/cases/filters.otop:4:5"},
  {"op":{"kind":"netns.add","name":"gflt.fw"},"origin":"test/golden/cases/filters.otop:8:1"},
  {"op":{"kind":"netns.add","name":"gflt.srv"},"origin":"test/golden/cases/filters.otop:39:1"},
  {"op":{"kind":"netns.add","name":"gflt.isp"},"origin":"test/golden/cases/filters.otop:51:1"},
  {"op":{"kind":"netns.add","name":"gflt.pc"},"origin":"test/golden/cases/filters.otop:55:1"},
  {"op":{"kind":"sysctl.set","ns":"gflt.fw","key":"net.ipv4.ip_forward","value":"1"},"origin":"test/golden/cases/filters.otop:9:3"},
  {"op":{"kind":"sysctl.set","ns":"gflt.fw","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"test/golden/cases/filters.otop:9:3"},
  {"op":{"kind":"sysctl.set","ns":"gflt.fw","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"test/golden/cases/filters.otop:9:3"},
  {"op":{"kind":"nft.table","ns":"gflt.fw","family":"inet","name":"opentop","ruleset":"table inet opentop {\n\tchain prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\tiifname \"wan\" tcp dport 80 dnat ip to 10.2.0.10:8080 comment \"dnat in wan tcp dport 80 to 10.2.0.10:8080\"\n\t\tiifname \"wan\" udp dport 5353 dnat ip to 10.2.0.10 comment \"dnat in wan udp dport 5353 to 10.2.0.10\"\n\t\tiifname \"wan\" tcp dport 8443 dnat ip6 to [fd6f:2::10]:443 comment \"dnat in wan tcp dport 8443 to [fd6f:2::10]:443\"\n\t}\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\tct state related,established accept comment \"input accept established\"\n\t\tiifname \"lo\" accept comment \"input accept in lo\"\n\t\tmeta l4proto icmp accept comment \"input accept icmp\"\n\t\tmeta l4proto ipv6-icmp accept comment \"input accept icmpv6\"\n\t\tiifname \"eth0\" ip saddr 10.1.0.0/24 tcp dport 22 counter accept comment \"input accept in eth0 saddr 10.1.0.0/24,fd6f:1::/64 tcp dport 22 counter\"\n\t\tiifname \"eth0\" ip6 saddr fd6f:1::/64 tcp dport 22 counter accept comment \"input accept in eth0 saddr 10.1.0.0/24,fd6f:1::/64 tcp dport 22 counter\"\n\t}\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n\t\tct state related,established accept comment \"forward accept ct state established,related\"\n\t\tct state invalid log prefix \"fw invalid: \" drop comment \"forward drop ct state invalid log\"\n\t\tiifname \"eth0\" oifname \"eth1\" tcp dport { 80, 443, 8000-8080 } accept comment \"forward accept in eth0 out eth1 tcp dport 80,443,8000-8080\"\n\t\tiifname \"eth0\" oifname \"eth1\" tcp dport 25 reject with tcp reset comment \"forward reject in eth0 out eth1 tcp dport 25\"\n\t\tiifname \"eth0\" udp dport 161 reject comment \"forward reject in eth0 udp dport 161\"\n\t\tiifname \"eth0\" oifname \"wan\" counter log prefix \"fw forward accept: \" accept comment \"forward accept in eth0 out wan count log\"\n\t\tiifname \"wan\" oifname \"eth1\" ip daddr 10.2.0.10 tcp dport 8080 accept comment \"forward accept in wan out eth1 daddr 10.2.0.10,fd6f:2::10 tcp dport 8080\"\n\t\tiifname \"wan\" oifname \"eth1\" ip6 daddr fd6f:2::10 tcp dport 8080 accept comment \"forward accept in wan out eth1 daddr 10.2.0.10,fd6f:2::10 tcp dport 8080\"\n\t\tiifname \"eth0\" oifname \"eth1\" udp sport 1024-65535 udp dport 5001 accept comment \"forward accept in eth0 out eth1 udp sport 1024-65535 dport 5001\"\n\t\tiifname \"eth0\" oifname \"eth1\" udp sport 1024-65535 udp dport 5002 accept comment \"forward accept in eth0 out eth1 udp sport 1024-65535 dport 5002\"\n\t}\n\tchain output {\n\t\ttype filter hook output priority filter; policy accept;\n\t\taccept comment \"output accept\"\n\t}\n\tchain postrouting {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t\toifname \"wan\" ip saddr 10.1.0.0/24 masquerade comment \"masquerade out wan saddr 10.1.0.0/24\"\n\t\toifname \"eth1\" ip6 saddr fd6f:1::/64 snat ip6 to fd6f:2::1 comment \"snat out eth1 saddr fd6f:1::/64 to fd6f:2::1\"\n\t}\n}\n"},"origin":"test/golden/cases/filters.otop:15:5"},
  {"op":{"kind":"nft.table","ns":"gflt.srv","family":"inet","name":"opentop","ruleset":"table inet opentop {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\tct state related,established accept comment \"input accept established\"\n\t\tmeta l4proto ipv6-icmp accept comment \"input accept icmpv6\"\n\t\ttcp dport { 443, 8080 } accept comment \"input accept tcp dport 443,8080\"\n\t\tudp sport { 53, 123 } udp dport { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16-17 } accept comment \"input accept udp sport 53,123 dport 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16-17\"\n\t}\n}\n"},"origin":"test/golden/cases/filters.otop:43:5"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"gflt.fw","name":"eth1","index":1001},"b":{"ns":"gflt.srv","name":"eth0"}},"origin":"test/golden/cases/filters.otop:11:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"gflt.fw","name":"wan","index":1002},"b":{"ns":"gflt.isp","name":"eth0"}},"origin":"test/golden/cases/filters.otop:12:3"},
  {"op":{"kind":"link.alias","ns":"gflt","dev":"lo","alias":"opentop:gflt"},"origin":"test/golden/cases/filters.otop:4:5"},
  {"op":{"kind":"bridge.add","ns":"gflt","name":"lan"},"origin":"test/golden/cases/filters.otop:6:1"},
  {"op":{"kind":"veth.add","ns":"gflt","a":{"ns":"gflt","name":"fw.eth0","index":1001,"master":"lan"},"b":{"ns":"gflt.fw","name":"eth0"}},"origin":"test/golden/cases/filters.otop:10:3"},
  {"op":{"kind":"veth.add","ns":"gflt","a":{"ns":"gflt","name":"pc.eth0","index":1002,"master":"lan"},"b":{"ns":"gflt.pc","name":"eth0"}},"origin":"test/golden/cases/filters.otop:56:3"},
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

# ---- the script's own machinery: messages, programs, the lock, the record -------------

interrupted=0
locked=0
me=
current=

# error CODE MESSAGE [HELP [NOTE]]: a diagnostic on stderr, in OpenTop's own format.
error() {
  printf 'error[%s]: %s\n' "$1" "$2" >&2
  [ -z "${4-}" ] || printf '  = note: %s\n' "$4" >&2
  [ -z "${3-}" ] || printf '  = help: %s\n' "$3" >&2
}

# need PROGRAM...: true when every PROGRAM is on PATH; names each missing one, and why.
need() {
  missing=0
  for program in "$@"; do
    command -v "$program" >/dev/null 2>&1 && continue
    why "$program"
    error OT6005 "$program not found: $why" "install $package"
    missing=1
  done
  return "$missing"
}

# is_root: the effective user is root (read from /proc: `id` would be one more program).
is_root() {
  while read -r key _ effective _; do
    if [ "$key" = Uid: ]; then
      [ "$effective" = 0 ]
      return
    fi
  done </proc/self/status
  return 1
}

# step LABEL COMMAND [ARG]...: one process of the plan (its batch on stdin); LABEL names it
# in messages. Stops before starting when up was interrupted. What a step prints on its
# standard output (tee echoing a cgroup value) is not for the user, as with `opentop up`;
# its errors are.
step() {
  current=$1
  shift
  [ "$interrupted" = 0 ] || return 1
  "$@" >/dev/null
}

# queue LINE / flush COMMAND...: collect the lines of a batch, then run COMMAND on them.
batch=
queue() {
  batch=$batch$1$NL
  removed=$((removed + 1))
}
flush() {
  [ -n "$batch" ] || return 0
  printf '%s' "$batch" | "$@"
  status=$?
  batch=
  return "$status"
}

# proc_start PID: sets $start to the start time of process PID (field 22 of /proc/PID/stat);
# false when there is no such process.
proc_start() {
  start=
  stat=
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null
  [ -n "$stat" ] || return 1
  # The command name is in parentheses and may contain spaces: split after the last one.
  # shellcheck disable=SC2086 # splitting into fields is the point
  set -- ${stat##*')'}
  [ $# -ge 20 ] || return 1
  shift 19
  start=$1
}

# holder_alive HOLDER: the process PID:STARTTIME that holds a lock still runs.
holder_alive() {
  case ${1%%:*} in
    '' | *[!0-9]*) return 1 ;;
  esac
  proc_start "${1%%:*}" && [ "$start" = "${1#*:}" ]
}

# lock_take: the lab's lock, as OpenTop takes it: a symbolic link whose target names its
# holder (PID:STARTTIME). Creating it is atomic; a holder that died leaves a stale lock,
# which is taken over.
lock_take() {
  mkdir -p "$RUN_DIR" || return 1
  proc_start $$ || start=0
  me=$$:$start
  for _ in 1 2 3; do
    if ln -s "$me" "$LOCK" 2>/dev/null; then
      locked=1
      return 0
    fi
    holder=$(readlink "$LOCK" 2>/dev/null) || continue
    if holder_alive "$holder"; then
      error OT6009 "lab $LAB is busy: another OpenTop command is working on it" \
        'wait for it to finish, then try again' "the lock is held by process ${holder%%:*}"
      return 1
    fi
    # A stale lock: its holder died without releasing it.
    [ "$(readlink "$LOCK" 2>/dev/null)" != "$holder" ] || rm -f "$LOCK"
  done
  error OT6009 "lab $LAB is busy: its lock $LOCK cannot be taken" 'try again'
  return 1
}

lock_release() {
  [ "$locked" = 1 ] || return 0
  locked=0
  [ "$(readlink "$LOCK" 2>/dev/null)" != "$me" ] || rm -f "$LOCK"
}

# read_record: the state, creation time and OBJECTS of the lab's record; state is empty
# when there is none, "unreadable" when it is not OpenTop's layout (one key a line).
read_record() {
  rec_state=
  rec_since=
  rec_objects=
  [ -e "$RECORD" ] || return 0
  objects=1
  while IFS= read -r line; do
    case $line in
      ' "state": "'*)
        rec_state=${line#*': "'}
        rec_state=${rec_state%%'"'*}
        ;;
      ' "createdAt": "'*)
        rec_since=${line#*': "'}
        rec_since=${rec_since%%'"'*}
        ;;
      ' "nodes": ['*) objects=0 ;;
      ' "ops": ['*) break ;;
    esac
    [ "$objects" = 1 ] || rec_objects=$rec_objects$line$NL
  done <"$RECORD"
  [ -n "$rec_state" ] || rec_state=unreadable
}

# write_record STATE: the record, written aside and renamed so that a reader never sees half.
write_record() {
  mkdir -p "$LAB_DIR" &&
    printf '%s' "$RECORD_HEAD" "$1" "$RECORD_CREATED" "$created" "$RECORD_BY" "$OBJECTS" "$RECORD_OPS" \
      >"$LAB_DIR/.record.$$.tmp" &&
    mv -f "$LAB_DIR/.record.$$.tmp" "$RECORD"
}

# enter PROGRAM [ARG]... -- COMMAND...: a node's entering command, in place of this shell,
# once the namespace files it names (--net=PATH and the like) exist.
enter() {
  for arg in "$@"; do
    case $arg in
      --) break ;;
      --*=/*)
        [ -e "${arg#*=}" ] && continue
        error OT6008 "node $node of lab $LAB has no namespace (${arg#*=} is gone)" \
          "\`$SELF status\` shows what is missing; \`$SELF down\` and \`$SELF up\` rebuild it"
        return 1
        ;;
    esac
  done
  need "$1" || return 1
  OPENTOP_LAB=$LAB
  OPENTOP_NODE=$node
  export OPENTOP_LAB OPENTOP_NODE
  exec "$@"
}

# why PROGRAM: sets $why and $package, for the message when PROGRAM is missing.
why() {
  case $1 in
    ip) why='this lab creates namespaces, links, addresses and routes with it' package=iproute2 ;;
    nsenter) why='this lab runs programs inside its namespaces with it' package=util-linux ;;
    sysctl) why='this lab sets sysctls' package=procps ;;
    nft) why='this lab filters traffic' package=nftables ;;
    mkdir) why='the lab keeps its record and files under /run/opentop' package=coreutils ;;
    ln) why='the script keeps its lock and record with it' package=coreutils ;;
    readlink) why='the script keeps its lock and record with it' package=coreutils ;;
    rm) why='the lab removes its record and files' package=coreutils ;;
    mv) why='the script keeps its lock and record with it' package=coreutils ;;
    date) why='the script keeps its lock and record with it' package=coreutils ;;
    *) why='this script runs it' package=$1 ;;
  esac
}

# taken_netns PATH: the namespace exists already (and then says so).
taken_netns() {
  [ -e "$1" ] || return 1
  error OT6002 "network namespace ${1##*/} already exists" \
    "choose another lab name, or remove the namespace if it is yours (ip netns del ${1##*/})" \
    'OpenTop never reuses or removes a namespace it did not create'
}

# ---- status: the live state, and drift from the plan -----------------------------------
#
# One `ip -batch` a namespace reads its interfaces, addresses and IPv4 routes (a process
# is what costs), and its lines are read once: matching patterns against all of it would
# take time quadratic in its size (a switch with hundreds of ports).

drift=0
drifts=
ns=
nspath=

# ipn ARG...: ip in the namespace being looked at ($nspath; empty for the host's), entered
# as every step enters one: `ip -n` would also copy the machine's mounts (one per namespace)
# on each call, which makes a large lab's status quadratic.
ipn() {
  if [ -n "$nspath" ]; then nsenter --net="$nspath" ip "$@"; else ip "$@"; fi
}

# drift KIND WHAT: one difference between the kernel and the plan.
drift() {
  drift=$((drift + 1))
  drifts=$drifts$(printf '  %-7s %s (in %s)' "$1" "$2" "${ns:-the host}")$NL
}

# look TITLE NS PATH DEV...: show a namespace's interfaces, addresses and routes, and check
# them: every interface as the plan made it (link_of), each DEV present, and no other in a
# namespace of the lab's own. Keeps the addresses as " DEV=CIDR ..." in $have for
# want_addr. False (and drift) when the namespace is missing.
look() {
  printf '%s\n' "$1"
  ns=$2
  nspath=$3
  shift 2
  if [ ! -e "$1" ]; then
    echo '  missing'
    drift missing "namespace $ns"
    return 1
  fi
  shift
  inspect "$@" <<'EOF'
link show
address show
route show proto boot
EOF
  ipn -6 route show proto boot | while IFS= read -r line; do echo "  route $line"; done
}

# look_host DEV...: the same for the lab's interfaces on the host (DEV only).
look_host() {
  echo 'host'
  ns=
  nspath=
  inspect "$@" <<'EOF'
link show
address show
EOF
}

# inspect DEV...: runs the batch on stdin in the namespace, then checks and shows (on the
# host, only DEV...) what it printed.
inspect() {
  seen=' '
  have=' '
  shown=
  routes=
  text=$(ipn -o -batch -)
  while IFS= read -r line; do
    case $line in
      [0-9]*': '*': <'*) link_line "$line" ;;
      [0-9]*': '*) addr_line "$line" ;;
      ?*) routes="$routes  route $line$NL" ;;
    esac
  done <<EOF
$text
EOF
  for dev in "$@"; do
    case $seen in *" $dev "*) ;; *) drift missing "interface $dev" ;; esac
  done
  # One line an interface: its name, whether it is up, and its addresses or its bridge.
  while read -r dev state extra; do
    [ -n "$dev" ] || continue
    if [ -z "$extra" ]; then
      # shellcheck disable=SC2086 # its words (nothing here expands file names)
      for a in $have; do
        case $a in "$dev="*) extra="$extra ${a#*=}" ;; esac
      done
    fi
    printf '  %-16s %-5s%s\n' "$dev" "$state" "$extra"
  done <<EOF
$shown
EOF
  printf '%s' "$routes"
}

# link_line LINE: a line of `ip -o link` (N: DEV[@PEER]: <FLAGS> mtu M ... state S ...).
link_line() {
  line=${1#*: }
  dev=${line%%: *}
  dev=${dev%@*}
  line=" $line "
  seen="$seen$dev "
  if ! link_of "$ns" "$dev"; then
    [ -n "$ns" ] || return 0 # on the host, only the lab's interfaces count
    drift extra "interface $dev"
  fi
  flags=${line#*<}
  case ,${flags%%>*}, in
    *,UP,*) state=up ;;
    *) state=down ;;
  esac
  case $line in
    *" master "*)
      master=${line#*" master "}
      shown="$shown$dev $state (port of ${master%% *})$NL"
      ;;
    *) shown="$shown$dev $state$NL" ;;
  esac
}

# addr_line LINE: a line of `ip -o addr` (N: DEV inet|inet6 CIDR ... scope S ...); only
# the addresses of global scope are the lab's, as in `opentop status`.
addr_line() {
  case $1 in *" scope global "*) ;; *) return 0 ;; esac
  # shellcheck disable=SC2086 # the line's words (nothing here expands file names)
  set -- $1
  have="$have${2%@*}=$4 "
}

# want_link [up] [mtu N] [mac MAC] [master BRIDGE]: interface $dev (its `ip -o link` line
# is $line) is as the plan made it.
want_link() {
  while [ $# -gt 0 ]; do
    case $1 in
      up)
        flags=${line#*<}
        case ,${flags%%>*}, in
          *,UP,*) ;;
          *) drift changed "interface $dev is down" ;;
        esac
        ;;
      mtu | mac)
        key=$1
        [ "$key" = mtu ] || key=link/ether
        case $line in
          *" $key $2 "*) ;;
          *)
            got=${line#*" $key "}
            [ "$got" != "$line" ] || got=none
            [ "$1" = mtu ] && what=MTU || what=MAC
            drift changed "interface $dev has $what ${got%% *}, not $2"
            ;;
        esac
        shift
        ;;
      master)
        case $line in
          *" master $2 "*) ;;
          *) drift changed "port $dev is not in bridge $2" ;;
        esac
        shift
        ;;
    esac
    shift
  done
}

# want_addr DEV CIDR: DEV has the address.
want_addr() {
  case $have in
    *" $1=$2 "*) ;;
    *) drift missing "address $2 on $1" ;;
  esac
}

# want_route METRIC FAMILY DESTINATION [via GATEWAY] [dev DEV]: the route exists.
want_route() {
  metric=$1
  family=$2
  destination=$3
  shift 3
  got=$(ipn "$family" route show exact "$destination" "$@")
  if [ -n "$got" ]; then
    [ -n "$metric" ] || return 0
    case " $got " in *" metric $metric "*) return 0 ;; esac
  fi
  drift missing "route $destination${1:+ $*}"
}

# ---- the commands ------------------------------------------------------------------

cmd_up() {
  if ! is_root; then
    error OT6006 'bringing a lab up needs root' \
      'run this script as root (for example with sudo); it creates namespaces and interfaces'
    return 1
  fi
  need ip nsenter sysctl nft mkdir ln readlink rm mv date || return 1
  lock_take || return 1
  read_record
  case $rec_state in
    '') ;;
    up)
      error OT6001 "lab $LAB is already up" "run \`$SELF down\` first" "brought up $rec_since"
      return 1
      ;;
    creating)
      error OT6010 "lab $LAB was left half up by an interrupted run" \
        "run \`$SELF down\` to remove what it created, then bring it up again" "that run started $rec_since"
      return 1
      ;;
    *)
      error OT6013 "the record of lab $LAB cannot be read" \
        "inspect $RECORD; \`$SELF down\` removes the lab by its plan"
      return 1
      ;;
  esac
  if collisions; then return 1; fi
  created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  if ! write_record creating; then
    error OT6004 "cannot write the record $RECORD" 'nothing was created'
    return 1
  fi
  trap 'interrupted=1' INT TERM HUP
  if up_plan && [ "$interrupted" = 0 ] && write_record up; then
    echo 'lab gflt is up: 4 nodes, 1 switches, 4 links (45 operations)'
    return 0
  fi
  if [ "$interrupted" = 1 ]; then
    error OT6004 "bringing lab $LAB up was interrupted"
  else
    error OT6004 "up failed at step $current" '' \
      'the message above is the tool'\''s own; in a batch, "-:N" is its line N, listed in this script'
  fi
  if down_plan; then
    rm -rf "$LAB_DIR"
    echo "rolled back: $removed objects removed, nothing is left" >&2
  else
    error OT6012 "rolling back lab $LAB did not finish" "run \`$SELF down\` to remove what is left"
  fi
  return 1
}

cmd_down() {
  if ! is_root; then
    error OT6006 'taking a lab down needs root' 'run this script as root'
    return 1
  fi
  need ip mkdir ln readlink rm || return 1
  lock_take || return 1
  read_record
  case $rec_state in
    '' | unreadable) ;; # what to remove is this script's plan, as with `opentop down FILE`
    *)
      if [ "$rec_objects" != "$OBJECTS" ]; then
        error OT7002 "lab $LAB was brought up from another plan" \
          "take it down with \`opentop down $LAB\`, or with the script built from its file" \
          'its record lists other nodes, namespaces or host interfaces than this script'
        return 1
      fi
      ;;
  esac
  trap 'interrupted=1' INT TERM HUP # finish removing, then exit
  if ! down_plan; then
    error OT6004 "taking lab $LAB down did not finish" "the message above says why; run \`$SELF down\` again"
    return 1
  fi
  rm -rf "$LAB_DIR"
  if [ -z "$rec_state" ] && [ "$removed" = 0 ]; then
    echo "lab $LAB is not up: nothing to do"
  else
    echo "lab $LAB is down ($removed objects removed)"
  fi
}

cmd_status() {
  need ip nsenter || return 1
  read_record
  case $rec_state in
    '')
      error OT6007 "lab $LAB is not up" "bring it up with \`$SELF up\`"
      return 1
      ;;
    unreadable)
      error OT6013 "the record of lab $LAB cannot be read" "inspect $RECORD"
      return 1
      ;;
    up) echo "lab $LAB: up since $rec_since" ;;
    *) echo "lab $LAB: half up (interrupted) since $rec_since" ;;
  esac
  if [ "$rec_objects" != "$OBJECTS" ]; then
    error OT7002 "lab $LAB was brought up from another plan" \
      "see \`opentop status $LAB\`, or the script built from its file" \
      'its record lists other nodes, namespaces or host interfaces than this script'
    return 1
  fi
  status_plan
  if [ "$drift" = 0 ]; then
    echo 'no drift: the kernel matches the plan'
  else
    printf 'drift (%s):\n%s' "$drift" "$drifts"
  fi
  [ "$drift" = 0 ] && [ "$rec_state" = up ]
}

cmd_exec() {
  if [ $# -lt 2 ]; then
    usage >&2
    return 2
  fi
  read_record
  if [ -z "$rec_state" ]; then
    error OT6007 "lab $LAB is not up" "bring it up with \`$SELF up\`"
    return 1
  fi
  exec_node "$@"
}

usage() {
  printf 'usage: %s up | down | status | exec NODE COMMAND [ARG]... | plan | --help\n' "$SELF"
  printf '%s\n' '
Lab gflt: 4 nodes, 1 switches, 4 links (45 operations).
  up      create it (needs root and ip, nsenter, sysctl, nft, mkdir, ln, readlink, rm, mv, date)
  down    remove everything it created; also after a failed or interrupted up
  status  its live state, and drift from its plan (exit status 1 on drift)
  exec    run a command inside a node (nsenter)
  plan    print every operation that up runs, doing nothing'
}

trap lock_release EXIT
case ${1-} in
  up | down | status | plan)
    if [ $# -ne 1 ]; then
      usage >&2
      exit 2
    fi
    case $1 in up) cmd_up ;; down) cmd_down ;; status) cmd_status ;; plan) plan_text ;; esac
    ;;
  exec)
    shift
    cmd_exec "$@"
    ;;
  -h | --help | help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
