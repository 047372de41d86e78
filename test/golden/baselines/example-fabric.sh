#!/bin/sh
# Lab fabric: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/fabric.otop
#   sha256    3b469227c384c443a78d5514d55da6205d6663fc0d70cd5e0e59d7293631ff4a
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
LAB='fabric'
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
NAMESPACES=10
KIB_PER_NAMESPACE=320
SUMMARY='10 nodes, 0 switches, 12 links (164 operations)'
HELP='
Lab fabric: 10 nodes, 0 switches, 12 links (164 operations).
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
  # create network namespace fabric.s1  (examples/fabric.otop:24:1)
  # create network namespace fabric.s2  (examples/fabric.otop:24:1)
  # create network namespace fabric.l1  (examples/fabric.otop:33:3)
  # create network namespace fabric.h1  (examples/fabric.otop:40:3)
  # create network namespace fabric.l2  (examples/fabric.otop:33:3)
  # create network namespace fabric.h2  (examples/fabric.otop:40:3)
  # create network namespace fabric.l3  (examples/fabric.otop:33:3)
  # create network namespace fabric.h3  (examples/fabric.otop:40:3)
  # create network namespace fabric.l4  (examples/fabric.otop:33:3)
  # create network namespace fabric.h4  (examples/fabric.otop:40:3)
  tool_step '1/18, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add fabric.s1
netns add fabric.s2
netns add fabric.l1
netns add fabric.h1
netns add fabric.l2
netns add fabric.h2
netns add fabric.l3
netns add fabric.h3
netns add fabric.l4
netns add fabric.h4
EOF
  # == stage 2 of 4: namespace sysctls (its 6 steps side by side)
  up_2() {
    # set net.ipv4.ip_forward = 1 in fabric.s1  (examples/fabric.otop:25:3)
    # set net.ipv6.conf.all.forwarding = 1 in fabric.s1  (examples/fabric.otop:25:3)
    # set net.ipv6.conf.default.accept_dad = 0 in fabric.s1  (examples/fabric.otop:25:3)
    tool_step '2/18, namespace sysctls, in node s1 (fabric.s1)' nsenter --net=/run/netns/fabric.s1 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_3() {
    # set net.ipv4.ip_forward = 1 in fabric.s2  (examples/fabric.otop:25:3)
    # set net.ipv6.conf.all.forwarding = 1 in fabric.s2  (examples/fabric.otop:25:3)
    # set net.ipv6.conf.default.accept_dad = 0 in fabric.s2  (examples/fabric.otop:25:3)
    tool_step '3/18, namespace sysctls, in node s2 (fabric.s2)' nsenter --net=/run/netns/fabric.s2 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_4() {
    # set net.ipv4.ip_forward = 1 in fabric.l1  (examples/fabric.otop:18:3)
    # set net.ipv6.conf.all.forwarding = 1 in fabric.l1  (examples/fabric.otop:18:3)
    # set net.ipv6.conf.default.accept_dad = 0 in fabric.l1  (examples/fabric.otop:18:3)
    tool_step '4/18, namespace sysctls, in node l1 (fabric.l1)' nsenter --net=/run/netns/fabric.l1 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_5() {
    # set net.ipv4.ip_forward = 1 in fabric.l2  (examples/fabric.otop:18:3)
    # set net.ipv6.conf.all.forwarding = 1 in fabric.l2  (examples/fabric.otop:18:3)
    # set net.ipv6.conf.default.accept_dad = 0 in fabric.l2  (examples/fabric.otop:18:3)
    tool_step '5/18, namespace sysctls, in node l2 (fabric.l2)' nsenter --net=/run/netns/fabric.l2 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_6() {
    # set net.ipv4.ip_forward = 1 in fabric.l3  (examples/fabric.otop:18:3)
    # set net.ipv6.conf.all.forwarding = 1 in fabric.l3  (examples/fabric.otop:18:3)
    # set net.ipv6.conf.default.accept_dad = 0 in fabric.l3  (examples/fabric.otop:18:3)
    tool_step '6/18, namespace sysctls, in node l3 (fabric.l3)' nsenter --net=/run/netns/fabric.l3 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_7() {
    # set net.ipv4.ip_forward = 1 in fabric.l4  (examples/fabric.otop:18:3)
    # set net.ipv6.conf.all.forwarding = 1 in fabric.l4  (examples/fabric.otop:18:3)
    # set net.ipv6.conf.default.accept_dad = 0 in fabric.l4  (examples/fabric.otop:18:3)
    tool_step '7/18, namespace sysctls, in node l4 (fabric.l4)' nsenter --net=/run/netns/fabric.l4 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  at_once 2 7 || return 1
  # == stage 3 of 4: links
  # create veth pair lan (fabric.l1) — eth0 (fabric.h1)  (examples/fabric.otop:41:3)
  # create veth pair s1 (fabric.l1) — l1 (fabric.s1)  (examples/fabric.otop:37:5)
  # create veth pair s2 (fabric.l1) — l1 (fabric.s2)  (examples/fabric.otop:37:5)
  # create veth pair lan (fabric.l2) — eth0 (fabric.h2)  (examples/fabric.otop:41:3)
  # create veth pair s1 (fabric.l2) — l2 (fabric.s1)  (examples/fabric.otop:37:5)
  # create veth pair s2 (fabric.l2) — l2 (fabric.s2)  (examples/fabric.otop:37:5)
  # create veth pair lan (fabric.l3) — eth0 (fabric.h3)  (examples/fabric.otop:41:3)
  # create veth pair s1 (fabric.l3) — l3 (fabric.s1)  (examples/fabric.otop:37:5)
  # create veth pair s2 (fabric.l3) — l3 (fabric.s2)  (examples/fabric.otop:37:5)
  # create veth pair lan (fabric.l4) — eth0 (fabric.h4)  (examples/fabric.otop:41:3)
  # create veth pair s1 (fabric.l4) — l4 (fabric.s1)  (examples/fabric.otop:37:5)
  # create veth pair s2 (fabric.l4) — l4 (fabric.s2)  (examples/fabric.otop:37:5)
  tool_step '8/18, links, on the host' ip -batch - <<'EOF' || return 1
link add name lan index 6249957 netns fabric.l1 type veth peer name eth0 netns fabric.h1
link add name s1 index 13986947 netns fabric.l1 type veth peer name l1 netns fabric.s1
link add name s2 index 4172228 netns fabric.l1 type veth peer name l1 netns fabric.s2
link add name lan index 5795738 netns fabric.l2 type veth peer name eth0 netns fabric.h2
link add name s1 index 8883095 netns fabric.l2 type veth peer name l2 netns fabric.s1
link add name s2 index 8657962 netns fabric.l2 type veth peer name l2 netns fabric.s2
link add name lan index 12549925 netns fabric.l3 type veth peer name eth0 netns fabric.h3
link add name s1 index 15295141 netns fabric.l3 type veth peer name l3 netns fabric.s1
link add name s2 index 6798325 netns fabric.l3 type veth peer name l3 netns fabric.s2
link add name lan index 7417662 netns fabric.l4 type veth peer name eth0 netns fabric.h4
link add name s1 index 482150 netns fabric.l4 type veth peer name l4 netns fabric.s1
link add name s2 index 9659062 netns fabric.l4 type veth peer name l4 netns fabric.s2
EOF
  # == stage 4 of 4: addresses and routes (its 10 steps side by side)
  up_9() {
    # mark lo in fabric.s1 as opentop:fabric:s1  (examples/fabric.otop:24:1)
    # bring lo up in fabric.s1  (examples/fabric.otop:24:1)
    # add 10.255.0.1/31 to l1 in fabric.s1  (examples/fabric.otop:38:20)
    # add fd00:ff::1/127 to l1 in fabric.s1  (examples/fabric.otop:38:48)
    # bring l1 up in fabric.s1  (examples/fabric.otop:38:10)
    # add 10.255.0.5/31 to l2 in fabric.s1  (examples/fabric.otop:38:20)
    # add fd00:ff::5/127 to l2 in fabric.s1  (examples/fabric.otop:38:48)
    # bring l2 up in fabric.s1  (examples/fabric.otop:38:10)
    # add 10.255.0.9/31 to l3 in fabric.s1  (examples/fabric.otop:38:20)
    # add fd00:ff::9/127 to l3 in fabric.s1  (examples/fabric.otop:38:48)
    # bring l3 up in fabric.s1  (examples/fabric.otop:38:10)
    # add 10.255.0.13/31 to l4 in fabric.s1  (examples/fabric.otop:38:20)
    # add fd00:ff::d/127 to l4 in fabric.s1  (examples/fabric.otop:38:48)
    # bring l4 up in fabric.s1  (examples/fabric.otop:38:10)
    # route 10.128.1.0/24 via 10.255.0.0 in fabric.s1  (examples/fabric.otop:27:5)
    # route fd00:1:0:1::/64 via fd00:ff:: in fabric.s1  (examples/fabric.otop:28:5)
    # route 10.128.2.0/24 via 10.255.0.4 in fabric.s1  (examples/fabric.otop:27:5)
    # route fd00:1:0:2::/64 via fd00:ff::4 in fabric.s1  (examples/fabric.otop:28:5)
    # route 10.128.3.0/24 via 10.255.0.8 in fabric.s1  (examples/fabric.otop:27:5)
    # route fd00:1:0:3::/64 via fd00:ff::8 in fabric.s1  (examples/fabric.otop:28:5)
    # route 10.128.4.0/24 via 10.255.0.12 in fabric.s1  (examples/fabric.otop:27:5)
    # route fd00:1:0:4::/64 via fd00:ff::c in fabric.s1  (examples/fabric.otop:28:5)
    tool_step '9/18, addresses and routes, in node s1 (fabric.s1)' nsenter --net=/run/netns/fabric.s1 -- ip -batch - <<'EOF'
link set dev lo alias opentop:fabric:s1
link set dev lo up
addr add 10.255.0.1/31 dev l1
addr add fd00:ff::1/127 dev l1 nodad
link set dev l1 up
addr add 10.255.0.5/31 dev l2
addr add fd00:ff::5/127 dev l2 nodad
link set dev l2 up
addr add 10.255.0.9/31 dev l3
addr add fd00:ff::9/127 dev l3 nodad
link set dev l3 up
addr add 10.255.0.13/31 dev l4
addr add fd00:ff::d/127 dev l4 nodad
link set dev l4 up
route add 10.128.1.0/24 via 10.255.0.0
route add fd00:1:0:1::/64 via fd00:ff::
route add 10.128.2.0/24 via 10.255.0.4
route add fd00:1:0:2::/64 via fd00:ff::4
route add 10.128.3.0/24 via 10.255.0.8
route add fd00:1:0:3::/64 via fd00:ff::8
route add 10.128.4.0/24 via 10.255.0.12
route add fd00:1:0:4::/64 via fd00:ff::c
EOF
  }
  up_10() {
    # mark lo in fabric.s2 as opentop:fabric:s2  (examples/fabric.otop:24:1)
    # bring lo up in fabric.s2  (examples/fabric.otop:24:1)
    # add 10.255.0.3/31 to l1 in fabric.s2  (examples/fabric.otop:38:20)
    # add fd00:ff::3/127 to l1 in fabric.s2  (examples/fabric.otop:38:48)
    # bring l1 up in fabric.s2  (examples/fabric.otop:38:10)
    # add 10.255.0.7/31 to l2 in fabric.s2  (examples/fabric.otop:38:20)
    # add fd00:ff::7/127 to l2 in fabric.s2  (examples/fabric.otop:38:48)
    # bring l2 up in fabric.s2  (examples/fabric.otop:38:10)
    # add 10.255.0.11/31 to l3 in fabric.s2  (examples/fabric.otop:38:20)
    # add fd00:ff::b/127 to l3 in fabric.s2  (examples/fabric.otop:38:48)
    # bring l3 up in fabric.s2  (examples/fabric.otop:38:10)
    # add 10.255.0.15/31 to l4 in fabric.s2  (examples/fabric.otop:38:20)
    # add fd00:ff::f/127 to l4 in fabric.s2  (examples/fabric.otop:38:48)
    # bring l4 up in fabric.s2  (examples/fabric.otop:38:10)
    # route 10.128.1.0/24 via 10.255.0.2 in fabric.s2  (examples/fabric.otop:27:5)
    # route fd00:1:0:1::/64 via fd00:ff::2 in fabric.s2  (examples/fabric.otop:28:5)
    # route 10.128.2.0/24 via 10.255.0.6 in fabric.s2  (examples/fabric.otop:27:5)
    # route fd00:1:0:2::/64 via fd00:ff::6 in fabric.s2  (examples/fabric.otop:28:5)
    # route 10.128.3.0/24 via 10.255.0.10 in fabric.s2  (examples/fabric.otop:27:5)
    # route fd00:1:0:3::/64 via fd00:ff::a in fabric.s2  (examples/fabric.otop:28:5)
    # route 10.128.4.0/24 via 10.255.0.14 in fabric.s2  (examples/fabric.otop:27:5)
    # route fd00:1:0:4::/64 via fd00:ff::e in fabric.s2  (examples/fabric.otop:28:5)
    tool_step '10/18, addresses and routes, in node s2 (fabric.s2)' nsenter --net=/run/netns/fabric.s2 -- ip -batch - <<'EOF'
link set dev lo alias opentop:fabric:s2
link set dev lo up
addr add 10.255.0.3/31 dev l1
addr add fd00:ff::3/127 dev l1 nodad
link set dev l1 up
addr add 10.255.0.7/31 dev l2
addr add fd00:ff::7/127 dev l2 nodad
link set dev l2 up
addr add 10.255.0.11/31 dev l3
addr add fd00:ff::b/127 dev l3 nodad
link set dev l3 up
addr add 10.255.0.15/31 dev l4
addr add fd00:ff::f/127 dev l4 nodad
link set dev l4 up
route add 10.128.1.0/24 via 10.255.0.2
route add fd00:1:0:1::/64 via fd00:ff::2
route add 10.128.2.0/24 via 10.255.0.6
route add fd00:1:0:2::/64 via fd00:ff::6
route add 10.128.3.0/24 via 10.255.0.10
route add fd00:1:0:3::/64 via fd00:ff::a
route add 10.128.4.0/24 via 10.255.0.14
route add fd00:1:0:4::/64 via fd00:ff::e
EOF
  }
  up_11() {
    # mark lo in fabric.l1 as opentop:fabric:l1  (examples/fabric.otop:33:3)
    # bring lo up in fabric.l1  (examples/fabric.otop:33:3)
    # add 10.128.1.1/24 to lan in fabric.l1  (examples/fabric.otop:19:7)
    # add fd00:1:0:1::1/64 to lan in fabric.l1  (examples/fabric.otop:19:35)
    # bring lan up in fabric.l1  (examples/fabric.otop:41:3)
    # add 10.255.0.0/31 to s1 in fabric.l1  (examples/fabric.otop:37:20)
    # add fd00:ff::/127 to s1 in fabric.l1  (examples/fabric.otop:37:48)
    # bring s1 up in fabric.l1  (examples/fabric.otop:37:5)
    # add 10.255.0.2/31 to s2 in fabric.l1  (examples/fabric.otop:37:20)
    # add fd00:ff::2/127 to s2 in fabric.l1  (examples/fabric.otop:37:48)
    # bring s2 up in fabric.l1  (examples/fabric.otop:37:5)
    # route 0.0.0.0/0 via 10.255.0.1 in fabric.l1  (examples/fabric.otop:20:3)
    # route ::/0 via fd00:ff::1 in fabric.l1  (examples/fabric.otop:21:3)
    tool_step '11/18, addresses and routes, in node l1 (fabric.l1)' nsenter --net=/run/netns/fabric.l1 -- ip -batch - <<'EOF'
link set dev lo alias opentop:fabric:l1
link set dev lo up
addr add 10.128.1.1/24 dev lan
addr add fd00:1:0:1::1/64 dev lan nodad
link set dev lan up
addr add 10.255.0.0/31 dev s1
addr add fd00:ff::/127 dev s1 nodad
link set dev s1 up
addr add 10.255.0.2/31 dev s2
addr add fd00:ff::2/127 dev s2 nodad
link set dev s2 up
route add 0.0.0.0/0 via 10.255.0.1
route add ::/0 via fd00:ff::1
EOF
  }
  up_12() {
    # mark lo in fabric.h1 as opentop:fabric:h1  (examples/fabric.otop:40:3)
    # bring lo up in fabric.h1  (examples/fabric.otop:40:3)
    # add 10.128.1.10/24 to eth0 in fabric.h1  (examples/fabric.otop:41:30)
    # add fd00:1:0:1::a/64 to eth0 in fabric.h1  (examples/fabric.otop:41:59)
    # bring eth0 up in fabric.h1  (examples/fabric.otop:41:20)
    # route 0.0.0.0/0 via 10.128.1.1 in fabric.h1  (examples/fabric.otop:40:15)
    # route ::/0 via fd00:1:0:1::1 in fabric.h1  (examples/fabric.otop:40:60)
    tool_step '12/18, addresses and routes, in node h1 (fabric.h1)' nsenter --net=/run/netns/fabric.h1 -- ip -batch - <<'EOF'
link set dev lo alias opentop:fabric:h1
link set dev lo up
addr add 10.128.1.10/24 dev eth0
addr add fd00:1:0:1::a/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.128.1.1
route add ::/0 via fd00:1:0:1::1
EOF
  }
  up_13() {
    # mark lo in fabric.l2 as opentop:fabric:l2  (examples/fabric.otop:33:3)
    # bring lo up in fabric.l2  (examples/fabric.otop:33:3)
    # add 10.128.2.1/24 to lan in fabric.l2  (examples/fabric.otop:19:7)
    # add fd00:1:0:2::1/64 to lan in fabric.l2  (examples/fabric.otop:19:35)
    # bring lan up in fabric.l2  (examples/fabric.otop:41:3)
    # add 10.255.0.4/31 to s1 in fabric.l2  (examples/fabric.otop:37:20)
    # add fd00:ff::4/127 to s1 in fabric.l2  (examples/fabric.otop:37:48)
    # bring s1 up in fabric.l2  (examples/fabric.otop:37:5)
    # add 10.255.0.6/31 to s2 in fabric.l2  (examples/fabric.otop:37:20)
    # add fd00:ff::6/127 to s2 in fabric.l2  (examples/fabric.otop:37:48)
    # bring s2 up in fabric.l2  (examples/fabric.otop:37:5)
    # route 0.0.0.0/0 via 10.255.0.5 in fabric.l2  (examples/fabric.otop:20:3)
    # route ::/0 via fd00:ff::5 in fabric.l2  (examples/fabric.otop:21:3)
    tool_step '13/18, addresses and routes, in node l2 (fabric.l2)' nsenter --net=/run/netns/fabric.l2 -- ip -batch - <<'EOF'
link set dev lo alias opentop:fabric:l2
link set dev lo up
addr add 10.128.2.1/24 dev lan
addr add fd00:1:0:2::1/64 dev lan nodad
link set dev lan up
addr add 10.255.0.4/31 dev s1
addr add fd00:ff::4/127 dev s1 nodad
link set dev s1 up
addr add 10.255.0.6/31 dev s2
addr add fd00:ff::6/127 dev s2 nodad
link set dev s2 up
route add 0.0.0.0/0 via 10.255.0.5
route add ::/0 via fd00:ff::5
EOF
  }
  up_14() {
    # mark lo in fabric.h2 as opentop:fabric:h2  (examples/fabric.otop:40:3)
    # bring lo up in fabric.h2  (examples/fabric.otop:40:3)
    # add 10.128.2.10/24 to eth0 in fabric.h2  (examples/fabric.otop:41:30)
    # add fd00:1:0:2::a/64 to eth0 in fabric.h2  (examples/fabric.otop:41:59)
    # bring eth0 up in fabric.h2  (examples/fabric.otop:41:20)
    # route 0.0.0.0/0 via 10.128.2.1 in fabric.h2  (examples/fabric.otop:40:15)
    # route ::/0 via fd00:1:0:2::1 in fabric.h2  (examples/fabric.otop:40:60)
    tool_step '14/18, addresses and routes, in node h2 (fabric.h2)' nsenter --net=/run/netns/fabric.h2 -- ip -batch - <<'EOF'
link set dev lo alias opentop:fabric:h2
link set dev lo up
addr add 10.128.2.10/24 dev eth0
addr add fd00:1:0:2::a/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.128.2.1
route add ::/0 via fd00:1:0:2::1
EOF
  }
  up_15() {
    # mark lo in fabric.l3 as opentop:fabric:l3  (examples/fabric.otop:33:3)
    # bring lo up in fabric.l3  (examples/fabric.otop:33:3)
    # add 10.128.3.1/24 to lan in fabric.l3  (examples/fabric.otop:19:7)
    # add fd00:1:0:3::1/64 to lan in fabric.l3  (examples/fabric.otop:19:35)
    # bring lan up in fabric.l3  (examples/fabric.otop:41:3)
    # add 10.255.0.8/31 to s1 in fabric.l3  (examples/fabric.otop:37:20)
    # add fd00:ff::8/127 to s1 in fabric.l3  (examples/fabric.otop:37:48)
    # bring s1 up in fabric.l3  (examples/fabric.otop:37:5)
    # add 10.255.0.10/31 to s2 in fabric.l3  (examples/fabric.otop:37:20)
    # add fd00:ff::a/127 to s2 in fabric.l3  (examples/fabric.otop:37:48)
    # bring s2 up in fabric.l3  (examples/fabric.otop:37:5)
    # route 0.0.0.0/0 via 10.255.0.9 in fabric.l3  (examples/fabric.otop:20:3)
    # route ::/0 via fd00:ff::9 in fabric.l3  (examples/fabric.otop:21:3)
    tool_step '15/18, addresses and routes, in node l3 (fabric.l3)' nsenter --net=/run/netns/fabric.l3 -- ip -batch - <<'EOF'
link set dev lo alias opentop:fabric:l3
link set dev lo up
addr add 10.128.3.1/24 dev lan
addr add fd00:1:0:3::1/64 dev lan nodad
link set dev lan up
addr add 10.255.0.8/31 dev s1
addr add fd00:ff::8/127 dev s1 nodad
link set dev s1 up
addr add 10.255.0.10/31 dev s2
addr add fd00:ff::a/127 dev s2 nodad
link set dev s2 up
route add 0.0.0.0/0 via 10.255.0.9
route add ::/0 via fd00:ff::9
EOF
  }
  up_16() {
    # mark lo in fabric.h3 as opentop:fabric:h3  (examples/fabric.otop:40:3)
    # bring lo up in fabric.h3  (examples/fabric.otop:40:3)
    # add 10.128.3.10/24 to eth0 in fabric.h3  (examples/fabric.otop:41:30)
    # add fd00:1:0:3::a/64 to eth0 in fabric.h3  (examples/fabric.otop:41:59)
    # bring eth0 up in fabric.h3  (examples/fabric.otop:41:20)
    # route 0.0.0.0/0 via 10.128.3.1 in fabric.h3  (examples/fabric.otop:40:15)
    # route ::/0 via fd00:1:0:3::1 in fabric.h3  (examples/fabric.otop:40:60)
    tool_step '16/18, addresses and routes, in node h3 (fabric.h3)' nsenter --net=/run/netns/fabric.h3 -- ip -batch - <<'EOF'
link set dev lo alias opentop:fabric:h3
link set dev lo up
addr add 10.128.3.10/24 dev eth0
addr add fd00:1:0:3::a/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.128.3.1
route add ::/0 via fd00:1:0:3::1
EOF
  }
  up_17() {
    # mark lo in fabric.l4 as opentop:fabric:l4  (examples/fabric.otop:33:3)
    # bring lo up in fabric.l4  (examples/fabric.otop:33:3)
    # add 10.128.4.1/24 to lan in fabric.l4  (examples/fabric.otop:19:7)
    # add fd00:1:0:4::1/64 to lan in fabric.l4  (examples/fabric.otop:19:35)
    # bring lan up in fabric.l4  (examples/fabric.otop:41:3)
    # add 10.255.0.12/31 to s1 in fabric.l4  (examples/fabric.otop:37:20)
    # add fd00:ff::c/127 to s1 in fabric.l4  (examples/fabric.otop:37:48)
    # bring s1 up in fabric.l4  (examples/fabric.otop:37:5)
    # add 10.255.0.14/31 to s2 in fabric.l4  (examples/fabric.otop:37:20)
    # add fd00:ff::e/127 to s2 in fabric.l4  (examples/fabric.otop:37:48)
    # bring s2 up in fabric.l4  (examples/fabric.otop:37:5)
    # route 0.0.0.0/0 via 10.255.0.13 in fabric.l4  (examples/fabric.otop:20:3)
    # route ::/0 via fd00:ff::d in fabric.l4  (examples/fabric.otop:21:3)
    tool_step '17/18, addresses and routes, in node l4 (fabric.l4)' nsenter --net=/run/netns/fabric.l4 -- ip -batch - <<'EOF'
link set dev lo alias opentop:fabric:l4
link set dev lo up
addr add 10.128.4.1/24 dev lan
addr add fd00:1:0:4::1/64 dev lan nodad
link set dev lan up
addr add 10.255.0.12/31 dev s1
addr add fd00:ff::c/127 dev s1 nodad
link set dev s1 up
addr add 10.255.0.14/31 dev s2
addr add fd00:ff::e/127 dev s2 nodad
link set dev s2 up
route add 0.0.0.0/0 via 10.255.0.13
route add ::/0 via fd00:ff::d
EOF
  }
  up_18() {
    # mark lo in fabric.h4 as opentop:fabric:h4  (examples/fabric.otop:40:3)
    # bring lo up in fabric.h4  (examples/fabric.otop:40:3)
    # add 10.128.4.10/24 to eth0 in fabric.h4  (examples/fabric.otop:41:30)
    # add fd00:1:0:4::a/64 to eth0 in fabric.h4  (examples/fabric.otop:41:59)
    # bring eth0 up in fabric.h4  (examples/fabric.otop:41:20)
    # route 0.0.0.0/0 via 10.128.4.1 in fabric.h4  (examples/fabric.otop:40:15)
    # route ::/0 via fd00:1:0:4::1 in fabric.h4  (examples/fabric.otop:40:60)
    tool_step '18/18, addresses and routes, in node h4 (fabric.h4)' nsenter --net=/run/netns/fabric.h4 -- ip -batch - <<'EOF'
link set dev lo alias opentop:fabric:h4
link set dev lo up
addr add 10.128.4.10/24 dev eth0
addr add fd00:1:0:4::a/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.128.4.1
route add ::/0 via fd00:1:0:4::1
EOF
  }
  at_once 9 18 || return 1
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
  # delete network namespace fabric.h4 and everything in it
  if ns_ours fabric.h4 opentop:fabric:h4; then owned=$((owned + 1)); queue 'netns del fabric.h4'; fi
  # delete network namespace fabric.l4 and everything in it
  if ns_ours fabric.l4 opentop:fabric:l4; then owned=$((owned + 1)); queue 'netns del fabric.l4'; fi
  # delete network namespace fabric.h3 and everything in it
  if ns_ours fabric.h3 opentop:fabric:h3; then owned=$((owned + 1)); queue 'netns del fabric.h3'; fi
  # delete network namespace fabric.l3 and everything in it
  if ns_ours fabric.l3 opentop:fabric:l3; then owned=$((owned + 1)); queue 'netns del fabric.l3'; fi
  # delete network namespace fabric.h2 and everything in it
  if ns_ours fabric.h2 opentop:fabric:h2; then owned=$((owned + 1)); queue 'netns del fabric.h2'; fi
  # delete network namespace fabric.l2 and everything in it
  if ns_ours fabric.l2 opentop:fabric:l2; then owned=$((owned + 1)); queue 'netns del fabric.l2'; fi
  # delete network namespace fabric.h1 and everything in it
  if ns_ours fabric.h1 opentop:fabric:h1; then owned=$((owned + 1)); queue 'netns del fabric.h1'; fi
  # delete network namespace fabric.l1 and everything in it
  if ns_ours fabric.l1 opentop:fabric:l1; then owned=$((owned + 1)); queue 'netns del fabric.l1'; fi
  # delete network namespace fabric.s2 and everything in it
  if ns_ours fabric.s2 opentop:fabric:s2; then owned=$((owned + 1)); queue 'netns del fabric.s2'; fi
  # delete network namespace fabric.s1 and everything in it
  if ns_ours fabric.s1 opentop:fabric:s1; then owned=$((owned + 1)); queue 'netns del fabric.s1'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/fabric.s1 ]; then left="$left"'  netns fabric.s1'"$NL"; fi
  if [ -e /run/netns/fabric.s2 ]; then left="$left"'  netns fabric.s2'"$NL"; fi
  if [ -e /run/netns/fabric.l1 ]; then left="$left"'  netns fabric.l1'"$NL"; fi
  if [ -e /run/netns/fabric.h1 ]; then left="$left"'  netns fabric.h1'"$NL"; fi
  if [ -e /run/netns/fabric.l2 ]; then left="$left"'  netns fabric.l2'"$NL"; fi
  if [ -e /run/netns/fabric.h2 ]; then left="$left"'  netns fabric.h2'"$NL"; fi
  if [ -e /run/netns/fabric.l3 ]; then left="$left"'  netns fabric.l3'"$NL"; fi
  if [ -e /run/netns/fabric.h3 ]; then left="$left"'  netns fabric.h3'"$NL"; fi
  if [ -e /run/netns/fabric.l4 ]; then left="$left"'  netns fabric.l4'"$NL"; fi
  if [ -e /run/netns/fabric.h4 ]; then left="$left"'  netns fabric.h4'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/fabric.s1 && found=0
  taken_netns /run/netns/fabric.s2 && found=0
  taken_netns /run/netns/fabric.l1 && found=0
  taken_netns /run/netns/fabric.h1 && found=0
  taken_netns /run/netns/fabric.l2 && found=0
  taken_netns /run/netns/fabric.h2 && found=0
  taken_netns /run/netns/fabric.l3 && found=0
  taken_netns /run/netns/fabric.h3 && found=0
  taken_netns /run/netns/fabric.l4 && found=0
  taken_netns /run/netns/fabric.h4 && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/fabric.otop:41:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/fabric.otop:37:5)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:fabric.s1 2:fabric.s2 3:fabric.l1 4:fabric.h1 5:fabric.l2 6:fabric.h2 7:fabric.l3 8:fabric.h3 9:fabric.l4 10:fabric.h4
)

ns_1() { look 'node s1 (fabric.s1)' fabric.s1 links_1 1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 1 ]; then
    want_addr l1 10.255.0.1/31
    want_addr l1 fd00:ff::1/127
  else
    drift missing 'interface l1'
  fi
  if [ "${seen_3-}" = 1 ]; then
    want_addr l2 10.255.0.5/31
    want_addr l2 fd00:ff::5/127
  else
    drift missing 'interface l2'
  fi
  if [ "${seen_4-}" = 1 ]; then
    want_addr l3 10.255.0.9/31
    want_addr l3 fd00:ff::9/127
  else
    drift missing 'interface l3'
  fi
  if [ "${seen_5-}" = 1 ]; then
    want_addr l4 10.255.0.13/31
    want_addr l4 fd00:ff::d/127
  else
    drift missing 'interface l4'
  fi
  [ "${rseen_1-}" = 1 ] || drift missing 'route 10.128.1.0/24 via 10.255.0.0'
  [ "${rseen_2-}" = 1 ] || drift missing 'route fd00:1:0:1::/64 via fd00:ff::'
  [ "${rseen_3-}" = 1 ] || drift missing 'route 10.128.2.0/24 via 10.255.0.4'
  [ "${rseen_4-}" = 1 ] || drift missing 'route fd00:1:0:2::/64 via fd00:ff::4'
  [ "${rseen_5-}" = 1 ] || drift missing 'route 10.128.3.0/24 via 10.255.0.8'
  [ "${rseen_6-}" = 1 ] || drift missing 'route fd00:1:0:3::/64 via fd00:ff::8'
  [ "${rseen_7-}" = 1 ] || drift missing 'route 10.128.4.0/24 via 10.255.0.12'
  [ "${rseen_8-}" = 1 ] || drift missing 'route fd00:1:0:4::/64 via fd00:ff::c'
  extras
}

# links_1 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_1() {
  case $1 in
    lo) seen_1=1; want_link up ;;
    l1) seen_2=1; want_link up ;;
    l2) seen_3=1; want_link up ;;
    l3) seen_4=1; want_link up ;;
    l4) seen_5=1; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_1: marks the plan's routes that this route of the kernel is; false if none.
routes_1() {
  is=1
  case $r_dest in
    10.128.1.0/24)
      ! route_is '' 10.255.0.0 '' || { rseen_1=1; is=0; }
      ;;
    fd00:1:0:1::/64)
      ! route_is '' fd00:ff:: '' || { rseen_2=1; is=0; }
      ;;
    10.128.2.0/24)
      ! route_is '' 10.255.0.4 '' || { rseen_3=1; is=0; }
      ;;
    fd00:1:0:2::/64)
      ! route_is '' fd00:ff::4 '' || { rseen_4=1; is=0; }
      ;;
    10.128.3.0/24)
      ! route_is '' 10.255.0.8 '' || { rseen_5=1; is=0; }
      ;;
    fd00:1:0:3::/64)
      ! route_is '' fd00:ff::8 '' || { rseen_6=1; is=0; }
      ;;
    10.128.4.0/24)
      ! route_is '' 10.255.0.12 '' || { rseen_7=1; is=0; }
      ;;
    fd00:1:0:4::/64)
      ! route_is '' fd00:ff::c '' || { rseen_8=1; is=0; }
      ;;
  esac
  return $is
}

ns_2() { look 'node s2 (fabric.s2)' fabric.s2 links_2 1; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr l1 10.255.0.3/31
    want_addr l1 fd00:ff::3/127
  else
    drift missing 'interface l1'
  fi
  if [ "${seen_3-}" = 2 ]; then
    want_addr l2 10.255.0.7/31
    want_addr l2 fd00:ff::7/127
  else
    drift missing 'interface l2'
  fi
  if [ "${seen_4-}" = 2 ]; then
    want_addr l3 10.255.0.11/31
    want_addr l3 fd00:ff::b/127
  else
    drift missing 'interface l3'
  fi
  if [ "${seen_5-}" = 2 ]; then
    want_addr l4 10.255.0.15/31
    want_addr l4 fd00:ff::f/127
  else
    drift missing 'interface l4'
  fi
  [ "${rseen_1-}" = 2 ] || drift missing 'route 10.128.1.0/24 via 10.255.0.2'
  [ "${rseen_2-}" = 2 ] || drift missing 'route fd00:1:0:1::/64 via fd00:ff::2'
  [ "${rseen_3-}" = 2 ] || drift missing 'route 10.128.2.0/24 via 10.255.0.6'
  [ "${rseen_4-}" = 2 ] || drift missing 'route fd00:1:0:2::/64 via fd00:ff::6'
  [ "${rseen_5-}" = 2 ] || drift missing 'route 10.128.3.0/24 via 10.255.0.10'
  [ "${rseen_6-}" = 2 ] || drift missing 'route fd00:1:0:3::/64 via fd00:ff::a'
  [ "${rseen_7-}" = 2 ] || drift missing 'route 10.128.4.0/24 via 10.255.0.14'
  [ "${rseen_8-}" = 2 ] || drift missing 'route fd00:1:0:4::/64 via fd00:ff::e'
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    l1) seen_2=2; want_link up ;;
    l2) seen_3=2; want_link up ;;
    l3) seen_4=2; want_link up ;;
    l4) seen_5=2; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_2: marks the plan's routes that this route of the kernel is; false if none.
routes_2() {
  is=1
  case $r_dest in
    10.128.1.0/24)
      ! route_is '' 10.255.0.2 '' || { rseen_1=2; is=0; }
      ;;
    fd00:1:0:1::/64)
      ! route_is '' fd00:ff::2 '' || { rseen_2=2; is=0; }
      ;;
    10.128.2.0/24)
      ! route_is '' 10.255.0.6 '' || { rseen_3=2; is=0; }
      ;;
    fd00:1:0:2::/64)
      ! route_is '' fd00:ff::6 '' || { rseen_4=2; is=0; }
      ;;
    10.128.3.0/24)
      ! route_is '' 10.255.0.10 '' || { rseen_5=2; is=0; }
      ;;
    fd00:1:0:3::/64)
      ! route_is '' fd00:ff::a '' || { rseen_6=2; is=0; }
      ;;
    10.128.4.0/24)
      ! route_is '' 10.255.0.14 '' || { rseen_7=2; is=0; }
      ;;
    fd00:1:0:4::/64)
      ! route_is '' fd00:ff::e '' || { rseen_8=2; is=0; }
      ;;
  esac
  return $is
}

ns_3() { look 'node l1 (fabric.l1)' fabric.l1 links_3 1; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr lan 10.128.1.1/24
    want_addr lan fd00:1:0:1::1/64
  else
    drift missing 'interface lan'
  fi
  if [ "${seen_3-}" = 3 ]; then
    want_addr s1 10.255.0.0/31
    want_addr s1 fd00:ff::/127
  else
    drift missing 'interface s1'
  fi
  if [ "${seen_4-}" = 3 ]; then
    want_addr s2 10.255.0.2/31
    want_addr s2 fd00:ff::2/127
  else
    drift missing 'interface s2'
  fi
  [ "${rseen_1-}" = 3 ] || drift missing 'route 0.0.0.0/0 via 10.255.0.1'
  [ "${rseen_2-}" = 3 ] || drift missing 'route ::/0 via fd00:ff::1'
  extras
}

# links_3 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_3() {
  case $1 in
    lo) seen_1=3; want_link up ;;
    lan) seen_2=3; want_link up ;;
    s1) seen_3=3; want_link up ;;
    s2) seen_4=3; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_3: marks the plan's routes that this route of the kernel is; false if none.
routes_3() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.255.0.1 '' || { rseen_1=3; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:ff::1 '' || { rseen_2=3; is=0; }
      ;;
  esac
  return $is
}

ns_4() { look 'node h1 (fabric.h1)' fabric.h1 links_4 1; }
end_4() {
  [ "${seen_1-}" = 4 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 4 ]; then
    want_addr eth0 10.128.1.10/24
    want_addr eth0 fd00:1:0:1::a/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 4 ] || drift missing 'route 0.0.0.0/0 via 10.128.1.1'
  [ "${rseen_2-}" = 4 ] || drift missing 'route ::/0 via fd00:1:0:1::1'
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
      ! route_is '' 10.128.1.1 '' || { rseen_1=4; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:1:0:1::1 '' || { rseen_2=4; is=0; }
      ;;
  esac
  return $is
}

ns_5() { look 'node l2 (fabric.l2)' fabric.l2 links_5 1; }
end_5() {
  [ "${seen_1-}" = 5 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 5 ]; then
    want_addr lan 10.128.2.1/24
    want_addr lan fd00:1:0:2::1/64
  else
    drift missing 'interface lan'
  fi
  if [ "${seen_3-}" = 5 ]; then
    want_addr s1 10.255.0.4/31
    want_addr s1 fd00:ff::4/127
  else
    drift missing 'interface s1'
  fi
  if [ "${seen_4-}" = 5 ]; then
    want_addr s2 10.255.0.6/31
    want_addr s2 fd00:ff::6/127
  else
    drift missing 'interface s2'
  fi
  [ "${rseen_1-}" = 5 ] || drift missing 'route 0.0.0.0/0 via 10.255.0.5'
  [ "${rseen_2-}" = 5 ] || drift missing 'route ::/0 via fd00:ff::5'
  extras
}

# links_5 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_5() {
  case $1 in
    lo) seen_1=5; want_link up ;;
    lan) seen_2=5; want_link up ;;
    s1) seen_3=5; want_link up ;;
    s2) seen_4=5; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_5: marks the plan's routes that this route of the kernel is; false if none.
routes_5() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.255.0.5 '' || { rseen_1=5; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:ff::5 '' || { rseen_2=5; is=0; }
      ;;
  esac
  return $is
}

ns_6() { look 'node h2 (fabric.h2)' fabric.h2 links_6 1; }
end_6() {
  [ "${seen_1-}" = 6 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 6 ]; then
    want_addr eth0 10.128.2.10/24
    want_addr eth0 fd00:1:0:2::a/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 6 ] || drift missing 'route 0.0.0.0/0 via 10.128.2.1'
  [ "${rseen_2-}" = 6 ] || drift missing 'route ::/0 via fd00:1:0:2::1'
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
      ! route_is '' 10.128.2.1 '' || { rseen_1=6; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:1:0:2::1 '' || { rseen_2=6; is=0; }
      ;;
  esac
  return $is
}

ns_7() { look 'node l3 (fabric.l3)' fabric.l3 links_7 1; }
end_7() {
  [ "${seen_1-}" = 7 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 7 ]; then
    want_addr lan 10.128.3.1/24
    want_addr lan fd00:1:0:3::1/64
  else
    drift missing 'interface lan'
  fi
  if [ "${seen_3-}" = 7 ]; then
    want_addr s1 10.255.0.8/31
    want_addr s1 fd00:ff::8/127
  else
    drift missing 'interface s1'
  fi
  if [ "${seen_4-}" = 7 ]; then
    want_addr s2 10.255.0.10/31
    want_addr s2 fd00:ff::a/127
  else
    drift missing 'interface s2'
  fi
  [ "${rseen_1-}" = 7 ] || drift missing 'route 0.0.0.0/0 via 10.255.0.9'
  [ "${rseen_2-}" = 7 ] || drift missing 'route ::/0 via fd00:ff::9'
  extras
}

# links_7 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_7() {
  case $1 in
    lo) seen_1=7; want_link up ;;
    lan) seen_2=7; want_link up ;;
    s1) seen_3=7; want_link up ;;
    s2) seen_4=7; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_7: marks the plan's routes that this route of the kernel is; false if none.
routes_7() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.255.0.9 '' || { rseen_1=7; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:ff::9 '' || { rseen_2=7; is=0; }
      ;;
  esac
  return $is
}

ns_8() { look 'node h3 (fabric.h3)' fabric.h3 links_8 1; }
end_8() {
  [ "${seen_1-}" = 8 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 8 ]; then
    want_addr eth0 10.128.3.10/24
    want_addr eth0 fd00:1:0:3::a/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 8 ] || drift missing 'route 0.0.0.0/0 via 10.128.3.1'
  [ "${rseen_2-}" = 8 ] || drift missing 'route ::/0 via fd00:1:0:3::1'
  extras
}

# links_8 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_8() {
  case $1 in
    lo) seen_1=8; want_link up ;;
    eth0) seen_2=8; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_8: marks the plan's routes that this route of the kernel is; false if none.
routes_8() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.128.3.1 '' || { rseen_1=8; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:1:0:3::1 '' || { rseen_2=8; is=0; }
      ;;
  esac
  return $is
}

ns_9() { look 'node l4 (fabric.l4)' fabric.l4 links_9 1; }
end_9() {
  [ "${seen_1-}" = 9 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 9 ]; then
    want_addr lan 10.128.4.1/24
    want_addr lan fd00:1:0:4::1/64
  else
    drift missing 'interface lan'
  fi
  if [ "${seen_3-}" = 9 ]; then
    want_addr s1 10.255.0.12/31
    want_addr s1 fd00:ff::c/127
  else
    drift missing 'interface s1'
  fi
  if [ "${seen_4-}" = 9 ]; then
    want_addr s2 10.255.0.14/31
    want_addr s2 fd00:ff::e/127
  else
    drift missing 'interface s2'
  fi
  [ "${rseen_1-}" = 9 ] || drift missing 'route 0.0.0.0/0 via 10.255.0.13'
  [ "${rseen_2-}" = 9 ] || drift missing 'route ::/0 via fd00:ff::d'
  extras
}

# links_9 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_9() {
  case $1 in
    lo) seen_1=9; want_link up ;;
    lan) seen_2=9; want_link up ;;
    s1) seen_3=9; want_link up ;;
    s2) seen_4=9; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_9: marks the plan's routes that this route of the kernel is; false if none.
routes_9() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.255.0.13 '' || { rseen_1=9; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:ff::d '' || { rseen_2=9; is=0; }
      ;;
  esac
  return $is
}

ns_10() { look 'node h4 (fabric.h4)' fabric.h4 links_10 1; }
end_10() {
  [ "${seen_1-}" = 10 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 10 ]; then
    want_addr eth0 10.128.4.10/24
    want_addr eth0 fd00:1:0:4::a/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 10 ] || drift missing 'route 0.0.0.0/0 via 10.128.4.1'
  [ "${rseen_2-}" = 10 ] || drift missing 'route ::/0 via fd00:1:0:4::1'
  extras
}

# links_10 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_10() {
  case $1 in
    lo) seen_1=10; want_link up ;;
    eth0) seen_2=10; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_10: marks the plan's routes that this route of the kernel is; false if none.
routes_10() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.128.4.1 '' || { rseen_1=10; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:1:0:4::1 '' || { rseen_2=10; is=0; }
      ;;
  esac
  return $is
}

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    s1) enter nsenter --net=/run/netns/fabric.s1 -- "$@" ;;
    s2) enter nsenter --net=/run/netns/fabric.s2 -- "$@" ;;
    l1) enter nsenter --net=/run/netns/fabric.l1 -- "$@" ;;
    h1) enter nsenter --net=/run/netns/fabric.h1 -- "$@" ;;
    l2) enter nsenter --net=/run/netns/fabric.l2 -- "$@" ;;
    h2) enter nsenter --net=/run/netns/fabric.h2 -- "$@" ;;
    l3) enter nsenter --net=/run/netns/fabric.l3 -- "$@" ;;
    h3) enter nsenter --net=/run/netns/fabric.h3 -- "$@" ;;
    l4) enter nsenter --net=/run/netns/fabric.l4 -- "$@" ;;
    h4) enter nsenter --net=/run/netns/fabric.h4 -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are s1, s2, l1, h1, l2, h2, l3, h3, l4, h4'
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
  printf '%s\n' '# lab fabric: up, 164 operations in 18 processes

# stage 1: namespaces
ip -batch -
    netns add fabric.s1  # examples/fabric.otop:24:1
    netns add fabric.s2  # examples/fabric.otop:24:1
    netns add fabric.l1  # examples/fabric.otop:33:3
    netns add fabric.h1  # examples/fabric.otop:40:3
    netns add fabric.l2  # examples/fabric.otop:33:3
    netns add fabric.h2  # examples/fabric.otop:40:3
    netns add fabric.l3  # examples/fabric.otop:33:3
    netns add fabric.h3  # examples/fabric.otop:40:3
    netns add fabric.l4  # examples/fabric.otop:33:3
    netns add fabric.h4  # examples/fabric.otop:40:3

# stage 2: namespace sysctls (steps run concurrently)
nsenter --net=/run/netns/fabric.s1 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/fabric.otop:25:3
    net.ipv6.conf.all.forwarding=1      # examples/fabric.otop:25:3
    net.ipv6.conf.default.accept_dad=0  # examples/fabric.otop:25:3
nsenter --net=/run/netns/fabric.s2 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/fabric.otop:25:3
    net.ipv6.conf.all.forwarding=1      # examples/fabric.otop:25:3
    net.ipv6.conf.default.accept_dad=0  # examples/fabric.otop:25:3
nsenter --net=/run/netns/fabric.l1 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/fabric.otop:18:3
    net.ipv6.conf.all.forwarding=1      # examples/fabric.otop:18:3
    net.ipv6.conf.default.accept_dad=0  # examples/fabric.otop:18:3
nsenter --net=/run/netns/fabric.l2 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/fabric.otop:18:3
    net.ipv6.conf.all.forwarding=1      # examples/fabric.otop:18:3
    net.ipv6.conf.default.accept_dad=0  # examples/fabric.otop:18:3
nsenter --net=/run/netns/fabric.l3 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/fabric.otop:18:3
    net.ipv6.conf.all.forwarding=1      # examples/fabric.otop:18:3
    net.ipv6.conf.default.accept_dad=0  # examples/fabric.otop:18:3
nsenter --net=/run/netns/fabric.l4 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/fabric.otop:18:3
    net.ipv6.conf.all.forwarding=1      # examples/fabric.otop:18:3
    net.ipv6.conf.default.accept_dad=0  # examples/fabric.otop:18:3

# stage 3: links
ip -batch -
    link add name lan index 6249957 netns fabric.l1 type veth peer name eth0 netns fabric.h1   # examples/fabric.otop:41:3
    link add name s1 index 13986947 netns fabric.l1 type veth peer name l1 netns fabric.s1     # examples/fabric.otop:37:5
    link add name s2 index 4172228 netns fabric.l1 type veth peer name l1 netns fabric.s2      # examples/fabric.otop:37:5
    link add name lan index 5795738 netns fabric.l2 type veth peer name eth0 netns fabric.h2   # examples/fabric.otop:41:3
    link add name s1 index 8883095 netns fabric.l2 type veth peer name l2 netns fabric.s1      # examples/fabric.otop:37:5
    link add name s2 index 8657962 netns fabric.l2 type veth peer name l2 netns fabric.s2      # examples/fabric.otop:37:5
    link add name lan index 12549925 netns fabric.l3 type veth peer name eth0 netns fabric.h3  # examples/fabric.otop:41:3
    link add name s1 index 15295141 netns fabric.l3 type veth peer name l3 netns fabric.s1     # examples/fabric.otop:37:5
    link add name s2 index 6798325 netns fabric.l3 type veth peer name l3 netns fabric.s2      # examples/fabric.otop:37:5
    link add name lan index 7417662 netns fabric.l4 type veth peer name eth0 netns fabric.h4   # examples/fabric.otop:41:3
    link add name s1 index 482150 netns fabric.l4 type veth peer name l4 netns fabric.s1       # examples/fabric.otop:37:5
    link add name s2 index 9659062 netns fabric.l4 type veth peer name l4 netns fabric.s2      # examples/fabric.otop:37:5

# stage 4: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/fabric.s1 -- ip -batch -
    link set dev lo alias opentop:fabric:s1   # examples/fabric.otop:24:1
    link set dev lo up                        # examples/fabric.otop:24:1
    addr add 10.255.0.1/31 dev l1             # examples/fabric.otop:38:20
    addr add fd00:ff::1/127 dev l1 nodad      # examples/fabric.otop:38:48
    link set dev l1 up                        # examples/fabric.otop:38:10
    addr add 10.255.0.5/31 dev l2             # examples/fabric.otop:38:20
    addr add fd00:ff::5/127 dev l2 nodad      # examples/fabric.otop:38:48
    link set dev l2 up                        # examples/fabric.otop:38:10
    addr add 10.255.0.9/31 dev l3             # examples/fabric.otop:38:20
    addr add fd00:ff::9/127 dev l3 nodad      # examples/fabric.otop:38:48
    link set dev l3 up                        # examples/fabric.otop:38:10
    addr add 10.255.0.13/31 dev l4            # examples/fabric.otop:38:20
    addr add fd00:ff::d/127 dev l4 nodad      # examples/fabric.otop:38:48
    link set dev l4 up                        # examples/fabric.otop:38:10
    route add 10.128.1.0/24 via 10.255.0.0    # examples/fabric.otop:27:5
    route add fd00:1:0:1::/64 via fd00:ff::   # examples/fabric.otop:28:5
    route add 10.128.2.0/24 via 10.255.0.4    # examples/fabric.otop:27:5
    route add fd00:1:0:2::/64 via fd00:ff::4  # examples/fabric.otop:28:5
    route add 10.128.3.0/24 via 10.255.0.8    # examples/fabric.otop:27:5
    route add fd00:1:0:3::/64 via fd00:ff::8  # examples/fabric.otop:28:5
    route add 10.128.4.0/24 via 10.255.0.12   # examples/fabric.otop:27:5
    route add fd00:1:0:4::/64 via fd00:ff::c  # examples/fabric.otop:28:5
nsenter --net=/run/netns/fabric.s2 -- ip -batch -
    link set dev lo alias opentop:fabric:s2   # examples/fabric.otop:24:1
    link set dev lo up                        # examples/fabric.otop:24:1
    addr add 10.255.0.3/31 dev l1             # examples/fabric.otop:38:20
    addr add fd00:ff::3/127 dev l1 nodad      # examples/fabric.otop:38:48
    link set dev l1 up                        # examples/fabric.otop:38:10
    addr add 10.255.0.7/31 dev l2             # examples/fabric.otop:38:20
    addr add fd00:ff::7/127 dev l2 nodad      # examples/fabric.otop:38:48
    link set dev l2 up                        # examples/fabric.otop:38:10
    addr add 10.255.0.11/31 dev l3            # examples/fabric.otop:38:20
    addr add fd00:ff::b/127 dev l3 nodad      # examples/fabric.otop:38:48
    link set dev l3 up                        # examples/fabric.otop:38:10
    addr add 10.255.0.15/31 dev l4            # examples/fabric.otop:38:20
    addr add fd00:ff::f/127 dev l4 nodad      # examples/fabric.otop:38:48
    link set dev l4 up                        # examples/fabric.otop:38:10
    route add 10.128.1.0/24 via 10.255.0.2    # examples/fabric.otop:27:5
    route add fd00:1:0:1::/64 via fd00:ff::2  # examples/fabric.otop:28:5
    route add 10.128.2.0/24 via 10.255.0.6    # examples/fabric.otop:27:5
    route add fd00:1:0:2::/64 via fd00:ff::6  # examples/fabric.otop:28:5
    route add 10.128.3.0/24 via 10.255.0.10   # examples/fabric.otop:27:5
    route add fd00:1:0:3::/64 via fd00:ff::a  # examples/fabric.otop:28:5
    route add 10.128.4.0/24 via 10.255.0.14   # examples/fabric.otop:27:5
    route add fd00:1:0:4::/64 via fd00:ff::e  # examples/fabric.otop:28:5
nsenter --net=/run/netns/fabric.l1 -- ip -batch -
    link set dev lo alias opentop:fabric:l1  # examples/fabric.otop:33:3
    link set dev lo up                       # examples/fabric.otop:33:3
    addr add 10.128.1.1/24 dev lan           # examples/fabric.otop:19:7
    addr add fd00:1:0:1::1/64 dev lan nodad  # examples/fabric.otop:19:35
    link set dev lan up                      # examples/fabric.otop:41:3
    addr add 10.255.0.0/31 dev s1            # examples/fabric.otop:37:20
    addr add fd00:ff::/127 dev s1 nodad      # examples/fabric.otop:37:48
    link set dev s1 up                       # examples/fabric.otop:37:5
    addr add 10.255.0.2/31 dev s2            # examples/fabric.otop:37:20
    addr add fd00:ff::2/127 dev s2 nodad     # examples/fabric.otop:37:48
    link set dev s2 up                       # examples/fabric.otop:37:5
    route add 0.0.0.0/0 via 10.255.0.1       # examples/fabric.otop:20:3
    route add ::/0 via fd00:ff::1            # examples/fabric.otop:21:3
nsenter --net=/run/netns/fabric.h1 -- ip -batch -
    link set dev lo alias opentop:fabric:h1   # examples/fabric.otop:40:3
    link set dev lo up                        # examples/fabric.otop:40:3
    addr add 10.128.1.10/24 dev eth0          # examples/fabric.otop:41:30
    addr add fd00:1:0:1::a/64 dev eth0 nodad  # examples/fabric.otop:41:59
    link set dev eth0 up                      # examples/fabric.otop:41:20
    route add 0.0.0.0/0 via 10.128.1.1        # examples/fabric.otop:40:15
    route add ::/0 via fd00:1:0:1::1          # examples/fabric.otop:40:60
nsenter --net=/run/netns/fabric.l2 -- ip -batch -
    link set dev lo alias opentop:fabric:l2  # examples/fabric.otop:33:3
    link set dev lo up                       # examples/fabric.otop:33:3
    addr add 10.128.2.1/24 dev lan           # examples/fabric.otop:19:7
    addr add fd00:1:0:2::1/64 dev lan nodad  # examples/fabric.otop:19:35
    link set dev lan up                      # examples/fabric.otop:41:3
    addr add 10.255.0.4/31 dev s1            # examples/fabric.otop:37:20
    addr add fd00:ff::4/127 dev s1 nodad     # examples/fabric.otop:37:48
    link set dev s1 up                       # examples/fabric.otop:37:5
    addr add 10.255.0.6/31 dev s2            # examples/fabric.otop:37:20
    addr add fd00:ff::6/127 dev s2 nodad     # examples/fabric.otop:37:48
    link set dev s2 up                       # examples/fabric.otop:37:5
    route add 0.0.0.0/0 via 10.255.0.5       # examples/fabric.otop:20:3
    route add ::/0 via fd00:ff::5            # examples/fabric.otop:21:3
nsenter --net=/run/netns/fabric.h2 -- ip -batch -
    link set dev lo alias opentop:fabric:h2   # examples/fabric.otop:40:3
    link set dev lo up                        # examples/fabric.otop:40:3
    addr add 10.128.2.10/24 dev eth0          # examples/fabric.otop:41:30
    addr add fd00:1:0:2::a/64 dev eth0 nodad  # examples/fabric.otop:41:59
    link set dev eth0 up                      # examples/fabric.otop:41:20
    route add 0.0.0.0/0 via 10.128.2.1        # examples/fabric.otop:40:15
    route add ::/0 via fd00:1:0:2::1          # examples/fabric.otop:40:60
nsenter --net=/run/netns/fabric.l3 -- ip -batch -
    link set dev lo alias opentop:fabric:l3  # examples/fabric.otop:33:3
    link set dev lo up                       # examples/fabric.otop:33:3
    addr add 10.128.3.1/24 dev lan           # examples/fabric.otop:19:7
    addr add fd00:1:0:3::1/64 dev lan nodad  # examples/fabric.otop:19:35
    link set dev lan up                      # examples/fabric.otop:41:3
    addr add 10.255.0.8/31 dev s1            # examples/fabric.otop:37:20
    addr add fd00:ff::8/127 dev s1 nodad     # examples/fabric.otop:37:48
    link set dev s1 up                       # examples/fabric.otop:37:5
    addr add 10.255.0.10/31 dev s2           # examples/fabric.otop:37:20
    addr add fd00:ff::a/127 dev s2 nodad     # examples/fabric.otop:37:48
    link set dev s2 up                       # examples/fabric.otop:37:5
    route add 0.0.0.0/0 via 10.255.0.9       # examples/fabric.otop:20:3
    route add ::/0 via fd00:ff::9            # examples/fabric.otop:21:3
nsenter --net=/run/netns/fabric.h3 -- ip -batch -
    link set dev lo alias opentop:fabric:h3   # examples/fabric.otop:40:3
    link set dev lo up                        # examples/fabric.otop:40:3
    addr add 10.128.3.10/24 dev eth0          # examples/fabric.otop:41:30
    addr add fd00:1:0:3::a/64 dev eth0 nodad  # examples/fabric.otop:41:59
    link set dev eth0 up                      # examples/fabric.otop:41:20
    route add 0.0.0.0/0 via 10.128.3.1        # examples/fabric.otop:40:15
    route add ::/0 via fd00:1:0:3::1          # examples/fabric.otop:40:60
nsenter --net=/run/netns/fabric.l4 -- ip -batch -
    link set dev lo alias opentop:fabric:l4  # examples/fabric.otop:33:3
    link set dev lo up                       # examples/fabric.otop:33:3
    addr add 10.128.4.1/24 dev lan           # examples/fabric.otop:19:7
    addr add fd00:1:0:4::1/64 dev lan nodad  # examples/fabric.otop:19:35
    link set dev lan up                      # examples/fabric.otop:41:3
    addr add 10.255.0.12/31 dev s1           # examples/fabric.otop:37:20
    addr add fd00:ff::c/127 dev s1 nodad     # examples/fabric.otop:37:48
    link set dev s1 up                       # examples/fabric.otop:37:5
    addr add 10.255.0.14/31 dev s2           # examples/fabric.otop:37:20
    addr add fd00:ff::e/127 dev s2 nodad     # examples/fabric.otop:37:48
    link set dev s2 up                       # examples/fabric.otop:37:5
    route add 0.0.0.0/0 via 10.255.0.13      # examples/fabric.otop:20:3
    route add ::/0 via fd00:ff::d            # examples/fabric.otop:21:3
nsenter --net=/run/netns/fabric.h4 -- ip -batch -
    link set dev lo alias opentop:fabric:h4   # examples/fabric.otop:40:3
    link set dev lo up                        # examples/fabric.otop:40:3
    addr add 10.128.4.10/24 dev eth0          # examples/fabric.otop:41:30
    addr add fd00:1:0:4::a/64 dev eth0 nodad  # examples/fabric.otop:41:59
    link set dev eth0 up                      # examples/fabric.otop:41:20
    route add 0.0.0.0/0 via 10.128.4.1        # examples/fabric.otop:40:15
    route add ::/0 via fd00:1:0:4::1          # examples/fabric.otop:40:60'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "fabric",
 "file": "/ROOT/examples/fabric.otop",
 "hash": "3b469227c384c443a78d5514d55da6205d6663fc0d70cd5e0e59d7293631ff4a",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["s1","s2","l1","h1","l2","h2","l3","h3","l4","h4"],
 "switches": [],
 "plan": "8461ffb3f0cc861bb4c2a1ec5dbea721aec473a8c873c479eeb6520a09902954",
 "owned": [
  {"kind":"netns","name":"fabric.s1","node":"s1"},
  {"kind":"netns","name":"fabric.s2","node":"s2"},
  {"kind":"netns","name":"fabric.l1","node":"l1"},
  {"kind":"netns","name":"fabric.h1","node":"h1"},
  {"kind":"netns","name":"fabric.l2","node":"l2"},
  {"kind":"netns","name":"fabric.h2","node":"h2"},
  {"kind":"netns","name":"fabric.l3","node":"l3"},
  {"kind":"netns","name":"fabric.h3","node":"h3"},
  {"kind":"netns","name":"fabric.l4","node":"l4"},
  {"kind":"netns","name":"fabric.h4","node":"h4"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"fabric.s1","node":"s1"},"origin":"examples/fabric.otop:24:1"},
  {"op":{"kind":"netns.add","name":"fabric.s2","node":"s2"},"origin":"examples/fabric.otop:24:1"},
  {"op":{"kind":"netns.add","name":"fabric.l1","node":"l1"},"origin":"examples/fabric.otop:33:3"},
  {"op":{"kind":"netns.add","name":"fabric.h1","node":"h1"},"origin":"examples/fabric.otop:40:3"},
  {"op":{"kind":"netns.add","name":"fabric.l2","node":"l2"},"origin":"examples/fabric.otop:33:3"},
  {"op":{"kind":"netns.add","name":"fabric.h2","node":"h2"},"origin":"examples/fabric.otop:40:3"},
  {"op":{"kind":"netns.add","name":"fabric.l3","node":"l3"},"origin":"examples/fabric.otop:33:3"},
  {"op":{"kind":"netns.add","name":"fabric.h3","node":"h3"},"origin":"examples/fabric.otop:40:3"},
  {"op":{"kind":"netns.add","name":"fabric.l4","node":"l4"},"origin":"examples/fabric.otop:33:3"},
  {"op":{"kind":"netns.add","name":"fabric.h4","node":"h4"},"origin":"examples/fabric.otop:40:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.s1","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/fabric.otop:25:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.s1","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/fabric.otop:25:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.s1","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/fabric.otop:25:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.s2","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/fabric.otop:25:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.s2","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/fabric.otop:25:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.s2","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/fabric.otop:25:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.l1","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/fabric.otop:18:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.l1","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/fabric.otop:18:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.l1","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/fabric.otop:18:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.l2","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/fabric.otop:18:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.l2","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/fabric.otop:18:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.l2","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/fabric.otop:18:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.l3","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/fabric.otop:18:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.l3","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/fabric.otop:18:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.l3","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/fabric.otop:18:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.l4","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/fabric.otop:18:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.l4","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/fabric.otop:18:3"},
  {"op":{"kind":"sysctl.set","ns":"fabric.l4","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/fabric.otop:18:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"fabric.l1","name":"lan","index":6249957},"b":{"ns":"fabric.h1","name":"eth0"}},"origin":"examples/fabric.otop:41:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"fabric.l1","name":"s1","index":13986947},"b":{"ns":"fabric.s1","name":"l1"}},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"fabric.l1","name":"s2","index":4172228},"b":{"ns":"fabric.s2","name":"l1"}},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"fabric.l2","name":"lan","index":5795738},"b":{"ns":"fabric.h2","name":"eth0"}},"origin":"examples/fabric.otop:41:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"fabric.l2","name":"s1","index":8883095},"b":{"ns":"fabric.s1","name":"l2"}},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"fabric.l2","name":"s2","index":8657962},"b":{"ns":"fabric.s2","name":"l2"}},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"fabric.l3","name":"lan","index":12549925},"b":{"ns":"fabric.h3","name":"eth0"}},"origin":"examples/fabric.otop:41:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"fabric.l3","name":"s1","index":15295141},"b":{"ns":"fabric.s1","name":"l3"}},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"fabric.l3","name":"s2","index":6798325},"b":{"ns":"fabric.s2","name":"l3"}},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"fabric.l4","name":"lan","index":7417662},"b":{"ns":"fabric.h4","name":"eth0"}},"origin":"examples/fabric.otop:41:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"fabric.l4","name":"s1","index":482150},"b":{"ns":"fabric.s1","name":"l4"}},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"fabric.l4","name":"s2","index":9659062},"b":{"ns":"fabric.s2","name":"l4"}},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"link.alias","ns":"fabric.s1","dev":"lo","alias":"opentop:fabric:s1"},"origin":"examples/fabric.otop:24:1"},
  {"op":{"kind":"link.up","ns":"fabric.s1","dev":"lo"},"origin":"examples/fabric.otop:24:1"},
  {"op":{"kind":"addr.add","ns":"fabric.s1","dev":"l1","cidr":"10.255.0.1/31","family":4},"origin":"examples/fabric.otop:38:20"},
  {"op":{"kind":"addr.add","ns":"fabric.s1","dev":"l1","cidr":"fd00:ff::1/127","family":6},"origin":"examples/fabric.otop:38:48"},
  {"op":{"kind":"link.up","ns":"fabric.s1","dev":"l1"},"origin":"examples/fabric.otop:38:10"},
  {"op":{"kind":"addr.add","ns":"fabric.s1","dev":"l2","cidr":"10.255.0.5/31","family":4},"origin":"examples/fabric.otop:38:20"},
  {"op":{"kind":"addr.add","ns":"fabric.s1","dev":"l2","cidr":"fd00:ff::5/127","family":6},"origin":"examples/fabric.otop:38:48"},
  {"op":{"kind":"link.up","ns":"fabric.s1","dev":"l2"},"origin":"examples/fabric.otop:38:10"},
  {"op":{"kind":"addr.add","ns":"fabric.s1","dev":"l3","cidr":"10.255.0.9/31","family":4},"origin":"examples/fabric.otop:38:20"},
  {"op":{"kind":"addr.add","ns":"fabric.s1","dev":"l3","cidr":"fd00:ff::9/127","family":6},"origin":"examples/fabric.otop:38:48"},
  {"op":{"kind":"link.up","ns":"fabric.s1","dev":"l3"},"origin":"examples/fabric.otop:38:10"},
  {"op":{"kind":"addr.add","ns":"fabric.s1","dev":"l4","cidr":"10.255.0.13/31","family":4},"origin":"examples/fabric.otop:38:20"},
  {"op":{"kind":"addr.add","ns":"fabric.s1","dev":"l4","cidr":"fd00:ff::d/127","family":6},"origin":"examples/fabric.otop:38:48"},
  {"op":{"kind":"link.up","ns":"fabric.s1","dev":"l4"},"origin":"examples/fabric.otop:38:10"},
  {"op":{"kind":"route.add","ns":"fabric.s1","family":4,"destination":"10.128.1.0/24","via":"10.255.0.0"},"origin":"examples/fabric.otop:27:5"},
  {"op":{"kind":"route.add","ns":"fabric.s1","family":6,"destination":"fd00:1:0:1::/64","via":"fd00:ff::"},"origin":"examples/fabric.otop:28:5"},
  {"op":{"kind":"route.add","ns":"fabric.s1","family":4,"destination":"10.128.2.0/24","via":"10.255.0.4"},"origin":"examples/fabric.otop:27:5"},
  {"op":{"kind":"route.add","ns":"fabric.s1","family":6,"destination":"fd00:1:0:2::/64","via":"fd00:ff::4"},"origin":"examples/fabric.otop:28:5"},
  {"op":{"kind":"route.add","ns":"fabric.s1","family":4,"destination":"10.128.3.0/24","via":"10.255.0.8"},"origin":"examples/fabric.otop:27:5"},
  {"op":{"kind":"route.add","ns":"fabric.s1","family":6,"destination":"fd00:1:0:3::/64","via":"fd00:ff::8"},"origin":"examples/fabric.otop:28:5"},
  {"op":{"kind":"route.add","ns":"fabric.s1","family":4,"destination":"10.128.4.0/24","via":"10.255.0.12"},"origin":"examples/fabric.otop:27:5"},
  {"op":{"kind":"route.add","ns":"fabric.s1","family":6,"destination":"fd00:1:0:4::/64","via":"fd00:ff::c"},"origin":"examples/fabric.otop:28:5"},
  {"op":{"kind":"link.alias","ns":"fabric.s2","dev":"lo","alias":"opentop:fabric:s2"},"origin":"examples/fabric.otop:24:1"},
  {"op":{"kind":"link.up","ns":"fabric.s2","dev":"lo"},"origin":"examples/fabric.otop:24:1"},
  {"op":{"kind":"addr.add","ns":"fabric.s2","dev":"l1","cidr":"10.255.0.3/31","family":4},"origin":"examples/fabric.otop:38:20"},
  {"op":{"kind":"addr.add","ns":"fabric.s2","dev":"l1","cidr":"fd00:ff::3/127","family":6},"origin":"examples/fabric.otop:38:48"},
  {"op":{"kind":"link.up","ns":"fabric.s2","dev":"l1"},"origin":"examples/fabric.otop:38:10"},
  {"op":{"kind":"addr.add","ns":"fabric.s2","dev":"l2","cidr":"10.255.0.7/31","family":4},"origin":"examples/fabric.otop:38:20"},
  {"op":{"kind":"addr.add","ns":"fabric.s2","dev":"l2","cidr":"fd00:ff::7/127","family":6},"origin":"examples/fabric.otop:38:48"},
  {"op":{"kind":"link.up","ns":"fabric.s2","dev":"l2"},"origin":"examples/fabric.otop:38:10"},
  {"op":{"kind":"addr.add","ns":"fabric.s2","dev":"l3","cidr":"10.255.0.11/31","family":4},"origin":"examples/fabric.otop:38:20"},
  {"op":{"kind":"addr.add","ns":"fabric.s2","dev":"l3","cidr":"fd00:ff::b/127","family":6},"origin":"examples/fabric.otop:38:48"},
  {"op":{"kind":"link.up","ns":"fabric.s2","dev":"l3"},"origin":"examples/fabric.otop:38:10"},
  {"op":{"kind":"addr.add","ns":"fabric.s2","dev":"l4","cidr":"10.255.0.15/31","family":4},"origin":"examples/fabric.otop:38:20"},
  {"op":{"kind":"addr.add","ns":"fabric.s2","dev":"l4","cidr":"fd00:ff::f/127","family":6},"origin":"examples/fabric.otop:38:48"},
  {"op":{"kind":"link.up","ns":"fabric.s2","dev":"l4"},"origin":"examples/fabric.otop:38:10"},
  {"op":{"kind":"route.add","ns":"fabric.s2","family":4,"destination":"10.128.1.0/24","via":"10.255.0.2"},"origin":"examples/fabric.otop:27:5"},
  {"op":{"kind":"route.add","ns":"fabric.s2","family":6,"destination":"fd00:1:0:1::/64","via":"fd00:ff::2"},"origin":"examples/fabric.otop:28:5"},
  {"op":{"kind":"route.add","ns":"fabric.s2","family":4,"destination":"10.128.2.0/24","via":"10.255.0.6"},"origin":"examples/fabric.otop:27:5"},
  {"op":{"kind":"route.add","ns":"fabric.s2","family":6,"destination":"fd00:1:0:2::/64","via":"fd00:ff::6"},"origin":"examples/fabric.otop:28:5"},
  {"op":{"kind":"route.add","ns":"fabric.s2","family":4,"destination":"10.128.3.0/24","via":"10.255.0.10"},"origin":"examples/fabric.otop:27:5"},
  {"op":{"kind":"route.add","ns":"fabric.s2","family":6,"destination":"fd00:1:0:3::/64","via":"fd00:ff::a"},"origin":"examples/fabric.otop:28:5"},
  {"op":{"kind":"route.add","ns":"fabric.s2","family":4,"destination":"10.128.4.0/24","via":"10.255.0.14"},"origin":"examples/fabric.otop:27:5"},
  {"op":{"kind":"route.add","ns":"fabric.s2","family":6,"destination":"fd00:1:0:4::/64","via":"fd00:ff::e"},"origin":"examples/fabric.otop:28:5"},
  {"op":{"kind":"link.alias","ns":"fabric.l1","dev":"lo","alias":"opentop:fabric:l1"},"origin":"examples/fabric.otop:33:3"},
  {"op":{"kind":"link.up","ns":"fabric.l1","dev":"lo"},"origin":"examples/fabric.otop:33:3"},
  {"op":{"kind":"addr.add","ns":"fabric.l1","dev":"lan","cidr":"10.128.1.1/24","family":4},"origin":"examples/fabric.otop:19:7"},
  {"op":{"kind":"addr.add","ns":"fabric.l1","dev":"lan","cidr":"fd00:1:0:1::1/64","family":6},"origin":"examples/fabric.otop:19:35"},
  {"op":{"kind":"link.up","ns":"fabric.l1","dev":"lan"},"origin":"examples/fabric.otop:41:3"},
  {"op":{"kind":"addr.add","ns":"fabric.l1","dev":"s1","cidr":"10.255.0.0/31","family":4},"origin":"examples/fabric.otop:37:20"},
  {"op":{"kind":"addr.add","ns":"fabric.l1","dev":"s1","cidr":"fd00:ff::/127","family":6},"origin":"examples/fabric.otop:37:48"},
  {"op":{"kind":"link.up","ns":"fabric.l1","dev":"s1"},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"addr.add","ns":"fabric.l1","dev":"s2","cidr":"10.255.0.2/31","family":4},"origin":"examples/fabric.otop:37:20"},
  {"op":{"kind":"addr.add","ns":"fabric.l1","dev":"s2","cidr":"fd00:ff::2/127","family":6},"origin":"examples/fabric.otop:37:48"},
  {"op":{"kind":"link.up","ns":"fabric.l1","dev":"s2"},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"route.add","ns":"fabric.l1","family":4,"destination":"0.0.0.0/0","via":"10.255.0.1"},"origin":"examples/fabric.otop:20:3"},
  {"op":{"kind":"route.add","ns":"fabric.l1","family":6,"destination":"::/0","via":"fd00:ff::1"},"origin":"examples/fabric.otop:21:3"},
  {"op":{"kind":"link.alias","ns":"fabric.h1","dev":"lo","alias":"opentop:fabric:h1"},"origin":"examples/fabric.otop:40:3"},
  {"op":{"kind":"link.up","ns":"fabric.h1","dev":"lo"},"origin":"examples/fabric.otop:40:3"},
  {"op":{"kind":"addr.add","ns":"fabric.h1","dev":"eth0","cidr":"10.128.1.10/24","family":4},"origin":"examples/fabric.otop:41:30"},
  {"op":{"kind":"addr.add","ns":"fabric.h1","dev":"eth0","cidr":"fd00:1:0:1::a/64","family":6},"origin":"examples/fabric.otop:41:59"},
  {"op":{"kind":"link.up","ns":"fabric.h1","dev":"eth0"},"origin":"examples/fabric.otop:41:20"},
  {"op":{"kind":"route.add","ns":"fabric.h1","family":4,"destination":"0.0.0.0/0","via":"10.128.1.1"},"origin":"examples/fabric.otop:40:15"},
  {"op":{"kind":"route.add","ns":"fabric.h1","family":6,"destination":"::/0","via":"fd00:1:0:1::1"},"origin":"examples/fabric.otop:40:60"},
  {"op":{"kind":"link.alias","ns":"fabric.l2","dev":"lo","alias":"opentop:fabric:l2"},"origin":"examples/fabric.otop:33:3"},
  {"op":{"kind":"link.up","ns":"fabric.l2","dev":"lo"},"origin":"examples/fabric.otop:33:3"},
  {"op":{"kind":"addr.add","ns":"fabric.l2","dev":"lan","cidr":"10.128.2.1/24","family":4},"origin":"examples/fabric.otop:19:7"},
  {"op":{"kind":"addr.add","ns":"fabric.l2","dev":"lan","cidr":"fd00:1:0:2::1/64","family":6},"origin":"examples/fabric.otop:19:35"},
  {"op":{"kind":"link.up","ns":"fabric.l2","dev":"lan"},"origin":"examples/fabric.otop:41:3"},
  {"op":{"kind":"addr.add","ns":"fabric.l2","dev":"s1","cidr":"10.255.0.4/31","family":4},"origin":"examples/fabric.otop:37:20"},
  {"op":{"kind":"addr.add","ns":"fabric.l2","dev":"s1","cidr":"fd00:ff::4/127","family":6},"origin":"examples/fabric.otop:37:48"},
  {"op":{"kind":"link.up","ns":"fabric.l2","dev":"s1"},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"addr.add","ns":"fabric.l2","dev":"s2","cidr":"10.255.0.6/31","family":4},"origin":"examples/fabric.otop:37:20"},
  {"op":{"kind":"addr.add","ns":"fabric.l2","dev":"s2","cidr":"fd00:ff::6/127","family":6},"origin":"examples/fabric.otop:37:48"},
  {"op":{"kind":"link.up","ns":"fabric.l2","dev":"s2"},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"route.add","ns":"fabric.l2","family":4,"destination":"0.0.0.0/0","via":"10.255.0.5"},"origin":"examples/fabric.otop:20:3"},
  {"op":{"kind":"route.add","ns":"fabric.l2","family":6,"destination":"::/0","via":"fd00:ff::5"},"origin":"examples/fabric.otop:21:3"},
  {"op":{"kind":"link.alias","ns":"fabric.h2","dev":"lo","alias":"opentop:fabric:h2"},"origin":"examples/fabric.otop:40:3"},
  {"op":{"kind":"link.up","ns":"fabric.h2","dev":"lo"},"origin":"examples/fabric.otop:40:3"},
  {"op":{"kind":"addr.add","ns":"fabric.h2","dev":"eth0","cidr":"10.128.2.10/24","family":4},"origin":"examples/fabric.otop:41:30"},
  {"op":{"kind":"addr.add","ns":"fabric.h2","dev":"eth0","cidr":"fd00:1:0:2::a/64","family":6},"origin":"examples/fabric.otop:41:59"},
  {"op":{"kind":"link.up","ns":"fabric.h2","dev":"eth0"},"origin":"examples/fabric.otop:41:20"},
  {"op":{"kind":"route.add","ns":"fabric.h2","family":4,"destination":"0.0.0.0/0","via":"10.128.2.1"},"origin":"examples/fabric.otop:40:15"},
  {"op":{"kind":"route.add","ns":"fabric.h2","family":6,"destination":"::/0","via":"fd00:1:0:2::1"},"origin":"examples/fabric.otop:40:60"},
  {"op":{"kind":"link.alias","ns":"fabric.l3","dev":"lo","alias":"opentop:fabric:l3"},"origin":"examples/fabric.otop:33:3"},
  {"op":{"kind":"link.up","ns":"fabric.l3","dev":"lo"},"origin":"examples/fabric.otop:33:3"},
  {"op":{"kind":"addr.add","ns":"fabric.l3","dev":"lan","cidr":"10.128.3.1/24","family":4},"origin":"examples/fabric.otop:19:7"},
  {"op":{"kind":"addr.add","ns":"fabric.l3","dev":"lan","cidr":"fd00:1:0:3::1/64","family":6},"origin":"examples/fabric.otop:19:35"},
  {"op":{"kind":"link.up","ns":"fabric.l3","dev":"lan"},"origin":"examples/fabric.otop:41:3"},
  {"op":{"kind":"addr.add","ns":"fabric.l3","dev":"s1","cidr":"10.255.0.8/31","family":4},"origin":"examples/fabric.otop:37:20"},
  {"op":{"kind":"addr.add","ns":"fabric.l3","dev":"s1","cidr":"fd00:ff::8/127","family":6},"origin":"examples/fabric.otop:37:48"},
  {"op":{"kind":"link.up","ns":"fabric.l3","dev":"s1"},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"addr.add","ns":"fabric.l3","dev":"s2","cidr":"10.255.0.10/31","family":4},"origin":"examples/fabric.otop:37:20"},
  {"op":{"kind":"addr.add","ns":"fabric.l3","dev":"s2","cidr":"fd00:ff::a/127","family":6},"origin":"examples/fabric.otop:37:48"},
  {"op":{"kind":"link.up","ns":"fabric.l3","dev":"s2"},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"route.add","ns":"fabric.l3","family":4,"destination":"0.0.0.0/0","via":"10.255.0.9"},"origin":"examples/fabric.otop:20:3"},
  {"op":{"kind":"route.add","ns":"fabric.l3","family":6,"destination":"::/0","via":"fd00:ff::9"},"origin":"examples/fabric.otop:21:3"},
  {"op":{"kind":"link.alias","ns":"fabric.h3","dev":"lo","alias":"opentop:fabric:h3"},"origin":"examples/fabric.otop:40:3"},
  {"op":{"kind":"link.up","ns":"fabric.h3","dev":"lo"},"origin":"examples/fabric.otop:40:3"},
  {"op":{"kind":"addr.add","ns":"fabric.h3","dev":"eth0","cidr":"10.128.3.10/24","family":4},"origin":"examples/fabric.otop:41:30"},
  {"op":{"kind":"addr.add","ns":"fabric.h3","dev":"eth0","cidr":"fd00:1:0:3::a/64","family":6},"origin":"examples/fabric.otop:41:59"},
  {"op":{"kind":"link.up","ns":"fabric.h3","dev":"eth0"},"origin":"examples/fabric.otop:41:20"},
  {"op":{"kind":"route.add","ns":"fabric.h3","family":4,"destination":"0.0.0.0/0","via":"10.128.3.1"},"origin":"examples/fabric.otop:40:15"},
  {"op":{"kind":"route.add","ns":"fabric.h3","family":6,"destination":"::/0","via":"fd00:1:0:3::1"},"origin":"examples/fabric.otop:40:60"},
  {"op":{"kind":"link.alias","ns":"fabric.l4","dev":"lo","alias":"opentop:fabric:l4"},"origin":"examples/fabric.otop:33:3"},
  {"op":{"kind":"link.up","ns":"fabric.l4","dev":"lo"},"origin":"examples/fabric.otop:33:3"},
  {"op":{"kind":"addr.add","ns":"fabric.l4","dev":"lan","cidr":"10.128.4.1/24","family":4},"origin":"examples/fabric.otop:19:7"},
  {"op":{"kind":"addr.add","ns":"fabric.l4","dev":"lan","cidr":"fd00:1:0:4::1/64","family":6},"origin":"examples/fabric.otop:19:35"},
  {"op":{"kind":"link.up","ns":"fabric.l4","dev":"lan"},"origin":"examples/fabric.otop:41:3"},
  {"op":{"kind":"addr.add","ns":"fabric.l4","dev":"s1","cidr":"10.255.0.12/31","family":4},"origin":"examples/fabric.otop:37:20"},
  {"op":{"kind":"addr.add","ns":"fabric.l4","dev":"s1","cidr":"fd00:ff::c/127","family":6},"origin":"examples/fabric.otop:37:48"},
  {"op":{"kind":"link.up","ns":"fabric.l4","dev":"s1"},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"addr.add","ns":"fabric.l4","dev":"s2","cidr":"10.255.0.14/31","family":4},"origin":"examples/fabric.otop:37:20"},
  {"op":{"kind":"addr.add","ns":"fabric.l4","dev":"s2","cidr":"fd00:ff::e/127","family":6},"origin":"examples/fabric.otop:37:48"},
  {"op":{"kind":"link.up","ns":"fabric.l4","dev":"s2"},"origin":"examples/fabric.otop:37:5"},
  {"op":{"kind":"route.add","ns":"fabric.l4","family":4,"destination":"0.0.0.0/0","via":"10.255.0.13"},"origin":"examples/fabric.otop:20:3"},
  {"op":{"kind":"route.add","ns":"fabric.l4","family":6,"destination":"::/0","via":"fd00:ff::d"},"origin":"examples/fabric.otop:21:3"},
  {"op":{"kind":"link.alias","ns":"fabric.h4","dev":"lo","alias":"opentop:fabric:h4"},"origin":"examples/fabric.otop:40:3"},
  {"op":{"kind":"link.up","ns":"fabric.h4","dev":"lo"},"origin":"examples/fabric.otop:40:3"},
  {"op":{"kind":"addr.add","ns":"fabric.h4","dev":"eth0","cidr":"10.128.4.10/24","family":4},"origin":"examples/fabric.otop:41:30"},
  {"op":{"kind":"addr.add","ns":"fabric.h4","dev":"eth0","cidr":"fd00:1:0:4::a/64","family":6},"origin":"examples/fabric.otop:41:59"},
  {"op":{"kind":"link.up","ns":"fabric.h4","dev":"eth0"},"origin":"examples/fabric.otop:41:20"},
  {"op":{"kind":"route.add","ns":"fabric.h4","family":4,"destination":"0.0.0.0/0","via":"10.128.4.1"},"origin":"examples/fabric.otop:40:15"},
  {"op":{"kind":"route.add","ns":"fabric.h4","family":6,"destination":"::/0","via":"fd00:1:0:4::1"},"origin":"examples/fabric.otop:40:60"}
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