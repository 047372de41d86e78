#!/bin/sh
# Lab ecmp: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/ecmp.otop
#   sha256    79c44cad1bdf557fce9a08630c71eed50251aefbee531b114e25e6e5e2d42963
#   requires  ip nsenter sysctl unshare mkdir ln readlink rm mv date touch find cat sh ss setsid timeout socat sleep ping tr sed
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
LAB='ecmp'
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
NEED_TEST='nsenter sh ss mkdir setsid timeout socat sleep ping cat tr sed ln readlink rm date'
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=10
KIB_PER_NAMESPACE=320
SUMMARY='10 nodes, 0 switches, 12 links (152 operations)'
HELP='
Lab ecmp: 10 nodes, 0 switches, 12 links (152 operations).
  up      create it (needs root and ip, nsenter, sysctl, unshare, mkdir, ln, readlink, rm, mv, date, touch, find, cat)
  down    remove everything it created; also after a failed or interrupted up
  status  its live state, and drift from its plan (exit status 1 on drift)
  exec    run a command inside a node (nsenter)
  test    probe its expectations with real packets (needs root and nsenter, sh, ss, mkdir, setsid, timeout, socat, sleep, ping, cat, tr, sed, ln, readlink, rm, date)
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
  # create network namespace ecmp.spine1  (examples/ecmp.otop:14:1)
  # create network namespace ecmp.spine2  (examples/ecmp.otop:26:1)
  # create network namespace ecmp.leaf1  (examples/ecmp.otop:38:1)
  # create network namespace ecmp.leaf2  (examples/ecmp.otop:47:1)
  # create network namespace ecmp.leaf3  (examples/ecmp.otop:56:1)
  # create network namespace ecmp.leaf4  (examples/ecmp.otop:65:1)
  # create network namespace ecmp.h1  (examples/ecmp.otop:74:1)
  # create network namespace ecmp.h2  (examples/ecmp.otop:75:1)
  # create network namespace ecmp.h3  (examples/ecmp.otop:76:1)
  # create network namespace ecmp.h4  (examples/ecmp.otop:77:1)
  tool_step '1/18, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add ecmp.spine1
netns add ecmp.spine2
netns add ecmp.leaf1
netns add ecmp.leaf2
netns add ecmp.leaf3
netns add ecmp.leaf4
netns add ecmp.h1
netns add ecmp.h2
netns add ecmp.h3
netns add ecmp.h4
EOF
  # == stage 2 of 4: namespace sysctls (its 6 steps side by side)
  up_2() {
    # set net.ipv4.ip_forward = 1 in ecmp.spine1  (examples/ecmp.otop:15:3)
    # set net.ipv6.conf.all.forwarding = 1 in ecmp.spine1  (examples/ecmp.otop:15:3)
    # set net.ipv6.conf.default.accept_dad = 0 in ecmp.spine1  (examples/ecmp.otop:15:3)
    tool_step '2/18, namespace sysctls, in node spine1 (ecmp.spine1)' nsenter --net=/run/netns/ecmp.spine1 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_3() {
    # set net.ipv4.ip_forward = 1 in ecmp.spine2  (examples/ecmp.otop:27:3)
    # set net.ipv6.conf.all.forwarding = 1 in ecmp.spine2  (examples/ecmp.otop:27:3)
    # set net.ipv6.conf.default.accept_dad = 0 in ecmp.spine2  (examples/ecmp.otop:27:3)
    tool_step '3/18, namespace sysctls, in node spine2 (ecmp.spine2)' nsenter --net=/run/netns/ecmp.spine2 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_4() {
    # set net.ipv4.ip_forward = 1 in ecmp.leaf1  (examples/ecmp.otop:39:3)
    # set net.ipv6.conf.all.forwarding = 1 in ecmp.leaf1  (examples/ecmp.otop:39:3)
    # set net.ipv6.conf.default.accept_dad = 0 in ecmp.leaf1  (examples/ecmp.otop:39:3)
    # set net.ipv4.fib_multipath_hash_policy = 1 in ecmp.leaf1  (examples/ecmp.otop:40:3)
    tool_step '4/18, namespace sysctls, in node leaf1 (ecmp.leaf1)' nsenter --net=/run/netns/ecmp.leaf1 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 net.ipv4.fib_multipath_hash_policy=1
  }
  up_5() {
    # set net.ipv4.ip_forward = 1 in ecmp.leaf2  (examples/ecmp.otop:48:3)
    # set net.ipv6.conf.all.forwarding = 1 in ecmp.leaf2  (examples/ecmp.otop:48:3)
    # set net.ipv6.conf.default.accept_dad = 0 in ecmp.leaf2  (examples/ecmp.otop:48:3)
    # set net.ipv4.fib_multipath_hash_policy = 1 in ecmp.leaf2  (examples/ecmp.otop:49:3)
    tool_step '5/18, namespace sysctls, in node leaf2 (ecmp.leaf2)' nsenter --net=/run/netns/ecmp.leaf2 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 net.ipv4.fib_multipath_hash_policy=1
  }
  up_6() {
    # set net.ipv4.ip_forward = 1 in ecmp.leaf3  (examples/ecmp.otop:57:3)
    # set net.ipv6.conf.all.forwarding = 1 in ecmp.leaf3  (examples/ecmp.otop:57:3)
    # set net.ipv6.conf.default.accept_dad = 0 in ecmp.leaf3  (examples/ecmp.otop:57:3)
    # set net.ipv4.fib_multipath_hash_policy = 1 in ecmp.leaf3  (examples/ecmp.otop:58:3)
    tool_step '6/18, namespace sysctls, in node leaf3 (ecmp.leaf3)' nsenter --net=/run/netns/ecmp.leaf3 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 net.ipv4.fib_multipath_hash_policy=1
  }
  up_7() {
    # set net.ipv4.ip_forward = 1 in ecmp.leaf4  (examples/ecmp.otop:66:3)
    # set net.ipv6.conf.all.forwarding = 1 in ecmp.leaf4  (examples/ecmp.otop:66:3)
    # set net.ipv6.conf.default.accept_dad = 0 in ecmp.leaf4  (examples/ecmp.otop:66:3)
    # set net.ipv4.fib_multipath_hash_policy = 1 in ecmp.leaf4  (examples/ecmp.otop:67:3)
    tool_step '7/18, namespace sysctls, in node leaf4 (ecmp.leaf4)' nsenter --net=/run/netns/ecmp.leaf4 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 net.ipv4.fib_multipath_hash_policy=1
  }
  at_once 2 7 || return 1
  # == stage 3 of 4: links
  # create veth pair l1 (ecmp.spine1) — s1 (ecmp.leaf1)  (examples/ecmp.otop:16:3)
  # create veth pair l2 (ecmp.spine1) — s1 (ecmp.leaf2)  (examples/ecmp.otop:17:3)
  # create veth pair l3 (ecmp.spine1) — s1 (ecmp.leaf3)  (examples/ecmp.otop:18:3)
  # create veth pair l4 (ecmp.spine1) — s1 (ecmp.leaf4)  (examples/ecmp.otop:19:3)
  # create veth pair l1 (ecmp.spine2) — s2 (ecmp.leaf1)  (examples/ecmp.otop:28:3)
  # create veth pair l2 (ecmp.spine2) — s2 (ecmp.leaf2)  (examples/ecmp.otop:29:3)
  # create veth pair l3 (ecmp.spine2) — s2 (ecmp.leaf3)  (examples/ecmp.otop:30:3)
  # create veth pair l4 (ecmp.spine2) — s2 (ecmp.leaf4)  (examples/ecmp.otop:31:3)
  # create veth pair h (ecmp.leaf1) — eth0 (ecmp.h1)  (examples/ecmp.otop:43:3)
  # create veth pair h (ecmp.leaf2) — eth0 (ecmp.h2)  (examples/ecmp.otop:52:3)
  # create veth pair h (ecmp.leaf3) — eth0 (ecmp.h3)  (examples/ecmp.otop:61:3)
  # create veth pair h (ecmp.leaf4) — eth0 (ecmp.h4)  (examples/ecmp.otop:70:3)
  tool_step '8/18, links, on the host' ip -batch - <<'EOF' || return 1
link add name l1 index 8146571 netns ecmp.spine1 type veth peer name s1 netns ecmp.leaf1
link add name l2 index 1938805 netns ecmp.spine1 type veth peer name s1 netns ecmp.leaf2
link add name l3 index 4851888 netns ecmp.spine1 type veth peer name s1 netns ecmp.leaf3
link add name l4 index 12175034 netns ecmp.spine1 type veth peer name s1 netns ecmp.leaf4
link add name l1 index 4681078 netns ecmp.spine2 type veth peer name s2 netns ecmp.leaf1
link add name l2 index 2912833 netns ecmp.spine2 type veth peer name s2 netns ecmp.leaf2
link add name l3 index 2672560 netns ecmp.spine2 type veth peer name s2 netns ecmp.leaf3
link add name l4 index 12542108 netns ecmp.spine2 type veth peer name s2 netns ecmp.leaf4
link add name h index 14505850 netns ecmp.leaf1 type veth peer name eth0 netns ecmp.h1
link add name h index 1469300 netns ecmp.leaf2 type veth peer name eth0 netns ecmp.h2
link add name h index 4056757 netns ecmp.leaf3 type veth peer name eth0 netns ecmp.h3
link add name h index 11561957 netns ecmp.leaf4 type veth peer name eth0 netns ecmp.h4
EOF
  # == stage 4 of 4: addresses and routes (its 10 steps side by side)
  up_9() {
    # mark lo in ecmp.spine1 as opentop:ecmp:spine1  (examples/ecmp.otop:14:1)
    # bring lo up in ecmp.spine1  (examples/ecmp.otop:14:1)
    # add 10.0.1.0/31 to l1 in ecmp.spine1  (examples/ecmp.otop:16:18)
    # give l1 in ecmp.spine1 no IPv6 link-local address  (examples/ecmp.otop:16:3)
    # bring l1 up in ecmp.spine1  (examples/ecmp.otop:16:3)
    # add 10.0.1.2/31 to l2 in ecmp.spine1  (examples/ecmp.otop:17:18)
    # give l2 in ecmp.spine1 no IPv6 link-local address  (examples/ecmp.otop:17:3)
    # bring l2 up in ecmp.spine1  (examples/ecmp.otop:17:3)
    # add 10.0.1.4/31 to l3 in ecmp.spine1  (examples/ecmp.otop:18:18)
    # give l3 in ecmp.spine1 no IPv6 link-local address  (examples/ecmp.otop:18:3)
    # bring l3 up in ecmp.spine1  (examples/ecmp.otop:18:3)
    # add 10.0.1.6/31 to l4 in ecmp.spine1  (examples/ecmp.otop:19:18)
    # give l4 in ecmp.spine1 no IPv6 link-local address  (examples/ecmp.otop:19:3)
    # bring l4 up in ecmp.spine1  (examples/ecmp.otop:19:3)
    # route 10.1.1.0/24 via 10.0.1.1 in ecmp.spine1  (examples/ecmp.otop:20:3)
    # route 10.1.2.0/24 via 10.0.1.3 in ecmp.spine1  (examples/ecmp.otop:21:3)
    # route 10.1.3.0/24 via 10.0.1.5 in ecmp.spine1  (examples/ecmp.otop:22:3)
    # route 10.1.4.0/24 via 10.0.1.7 in ecmp.spine1  (examples/ecmp.otop:23:3)
    tool_step '9/18, addresses and routes, in node spine1 (ecmp.spine1)' nsenter --net=/run/netns/ecmp.spine1 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ecmp:spine1
link set dev lo up
addr add 10.0.1.0/31 dev l1
link set dev l1 addrgenmode none
link set dev l1 up
addr add 10.0.1.2/31 dev l2
link set dev l2 addrgenmode none
link set dev l2 up
addr add 10.0.1.4/31 dev l3
link set dev l3 addrgenmode none
link set dev l3 up
addr add 10.0.1.6/31 dev l4
link set dev l4 addrgenmode none
link set dev l4 up
route add 10.1.1.0/24 via 10.0.1.1
route add 10.1.2.0/24 via 10.0.1.3
route add 10.1.3.0/24 via 10.0.1.5
route add 10.1.4.0/24 via 10.0.1.7
EOF
  }
  up_10() {
    # mark lo in ecmp.spine2 as opentop:ecmp:spine2  (examples/ecmp.otop:26:1)
    # bring lo up in ecmp.spine2  (examples/ecmp.otop:26:1)
    # add 10.0.2.0/31 to l1 in ecmp.spine2  (examples/ecmp.otop:28:18)
    # give l1 in ecmp.spine2 no IPv6 link-local address  (examples/ecmp.otop:28:3)
    # bring l1 up in ecmp.spine2  (examples/ecmp.otop:28:3)
    # add 10.0.2.2/31 to l2 in ecmp.spine2  (examples/ecmp.otop:29:18)
    # give l2 in ecmp.spine2 no IPv6 link-local address  (examples/ecmp.otop:29:3)
    # bring l2 up in ecmp.spine2  (examples/ecmp.otop:29:3)
    # add 10.0.2.4/31 to l3 in ecmp.spine2  (examples/ecmp.otop:30:18)
    # give l3 in ecmp.spine2 no IPv6 link-local address  (examples/ecmp.otop:30:3)
    # bring l3 up in ecmp.spine2  (examples/ecmp.otop:30:3)
    # add 10.0.2.6/31 to l4 in ecmp.spine2  (examples/ecmp.otop:31:18)
    # give l4 in ecmp.spine2 no IPv6 link-local address  (examples/ecmp.otop:31:3)
    # bring l4 up in ecmp.spine2  (examples/ecmp.otop:31:3)
    # route 10.1.1.0/24 via 10.0.2.1 in ecmp.spine2  (examples/ecmp.otop:32:3)
    # route 10.1.2.0/24 via 10.0.2.3 in ecmp.spine2  (examples/ecmp.otop:33:3)
    # route 10.1.3.0/24 via 10.0.2.5 in ecmp.spine2  (examples/ecmp.otop:34:3)
    # route 10.1.4.0/24 via 10.0.2.7 in ecmp.spine2  (examples/ecmp.otop:35:3)
    tool_step '10/18, addresses and routes, in node spine2 (ecmp.spine2)' nsenter --net=/run/netns/ecmp.spine2 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ecmp:spine2
link set dev lo up
addr add 10.0.2.0/31 dev l1
link set dev l1 addrgenmode none
link set dev l1 up
addr add 10.0.2.2/31 dev l2
link set dev l2 addrgenmode none
link set dev l2 up
addr add 10.0.2.4/31 dev l3
link set dev l3 addrgenmode none
link set dev l3 up
addr add 10.0.2.6/31 dev l4
link set dev l4 addrgenmode none
link set dev l4 up
route add 10.1.1.0/24 via 10.0.2.1
route add 10.1.2.0/24 via 10.0.2.3
route add 10.1.3.0/24 via 10.0.2.5
route add 10.1.4.0/24 via 10.0.2.7
EOF
  }
  up_11() {
    # mark lo in ecmp.leaf1 as opentop:ecmp:leaf1  (examples/ecmp.otop:38:1)
    # bring lo up in ecmp.leaf1  (examples/ecmp.otop:38:1)
    # add 10.0.1.1/31 to s1 in ecmp.leaf1  (examples/ecmp.otop:41:6)
    # give s1 in ecmp.leaf1 no IPv6 link-local address  (examples/ecmp.otop:41:3)
    # bring s1 up in ecmp.leaf1  (examples/ecmp.otop:41:3)
    # add 10.0.2.1/31 to s2 in ecmp.leaf1  (examples/ecmp.otop:42:6)
    # give s2 in ecmp.leaf1 no IPv6 link-local address  (examples/ecmp.otop:42:3)
    # bring s2 up in ecmp.leaf1  (examples/ecmp.otop:42:3)
    # add 10.1.1.1/24 to h in ecmp.leaf1  (examples/ecmp.otop:43:16)
    # give h in ecmp.leaf1 no IPv6 link-local address  (examples/ecmp.otop:43:3)
    # bring h up in ecmp.leaf1  (examples/ecmp.otop:43:3)
    # route 10.1.0.0/16 over 2 paths in ecmp.leaf1  (examples/ecmp.otop:44:3)
    tool_step '11/18, addresses and routes, in node leaf1 (ecmp.leaf1)' nsenter --net=/run/netns/ecmp.leaf1 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ecmp:leaf1
link set dev lo up
addr add 10.0.1.1/31 dev s1
link set dev s1 addrgenmode none
link set dev s1 up
addr add 10.0.2.1/31 dev s2
link set dev s2 addrgenmode none
link set dev s2 up
addr add 10.1.1.1/24 dev h
link set dev h addrgenmode none
link set dev h up
route add 10.1.0.0/16 nexthop via 10.0.1.0 dev s1 weight 1 nexthop via 10.0.2.0 dev s2 weight 1
EOF
  }
  up_12() {
    # mark lo in ecmp.leaf2 as opentop:ecmp:leaf2  (examples/ecmp.otop:47:1)
    # bring lo up in ecmp.leaf2  (examples/ecmp.otop:47:1)
    # add 10.0.1.3/31 to s1 in ecmp.leaf2  (examples/ecmp.otop:50:6)
    # give s1 in ecmp.leaf2 no IPv6 link-local address  (examples/ecmp.otop:50:3)
    # bring s1 up in ecmp.leaf2  (examples/ecmp.otop:50:3)
    # add 10.0.2.3/31 to s2 in ecmp.leaf2  (examples/ecmp.otop:51:6)
    # give s2 in ecmp.leaf2 no IPv6 link-local address  (examples/ecmp.otop:51:3)
    # bring s2 up in ecmp.leaf2  (examples/ecmp.otop:51:3)
    # add 10.1.2.1/24 to h in ecmp.leaf2  (examples/ecmp.otop:52:16)
    # give h in ecmp.leaf2 no IPv6 link-local address  (examples/ecmp.otop:52:3)
    # bring h up in ecmp.leaf2  (examples/ecmp.otop:52:3)
    # route 10.1.0.0/16 over 2 paths in ecmp.leaf2  (examples/ecmp.otop:53:3)
    tool_step '12/18, addresses and routes, in node leaf2 (ecmp.leaf2)' nsenter --net=/run/netns/ecmp.leaf2 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ecmp:leaf2
link set dev lo up
addr add 10.0.1.3/31 dev s1
link set dev s1 addrgenmode none
link set dev s1 up
addr add 10.0.2.3/31 dev s2
link set dev s2 addrgenmode none
link set dev s2 up
addr add 10.1.2.1/24 dev h
link set dev h addrgenmode none
link set dev h up
route add 10.1.0.0/16 nexthop via 10.0.1.2 dev s1 weight 1 nexthop via 10.0.2.2 dev s2 weight 1
EOF
  }
  up_13() {
    # mark lo in ecmp.leaf3 as opentop:ecmp:leaf3  (examples/ecmp.otop:56:1)
    # bring lo up in ecmp.leaf3  (examples/ecmp.otop:56:1)
    # add 10.0.1.5/31 to s1 in ecmp.leaf3  (examples/ecmp.otop:59:6)
    # give s1 in ecmp.leaf3 no IPv6 link-local address  (examples/ecmp.otop:59:3)
    # bring s1 up in ecmp.leaf3  (examples/ecmp.otop:59:3)
    # add 10.0.2.5/31 to s2 in ecmp.leaf3  (examples/ecmp.otop:60:6)
    # give s2 in ecmp.leaf3 no IPv6 link-local address  (examples/ecmp.otop:60:3)
    # bring s2 up in ecmp.leaf3  (examples/ecmp.otop:60:3)
    # add 10.1.3.1/24 to h in ecmp.leaf3  (examples/ecmp.otop:61:16)
    # give h in ecmp.leaf3 no IPv6 link-local address  (examples/ecmp.otop:61:3)
    # bring h up in ecmp.leaf3  (examples/ecmp.otop:61:3)
    # route 10.1.0.0/16 over 2 paths in ecmp.leaf3  (examples/ecmp.otop:62:3)
    tool_step '13/18, addresses and routes, in node leaf3 (ecmp.leaf3)' nsenter --net=/run/netns/ecmp.leaf3 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ecmp:leaf3
link set dev lo up
addr add 10.0.1.5/31 dev s1
link set dev s1 addrgenmode none
link set dev s1 up
addr add 10.0.2.5/31 dev s2
link set dev s2 addrgenmode none
link set dev s2 up
addr add 10.1.3.1/24 dev h
link set dev h addrgenmode none
link set dev h up
route add 10.1.0.0/16 nexthop via 10.0.1.4 dev s1 weight 1 nexthop via 10.0.2.4 dev s2 weight 1
EOF
  }
  up_14() {
    # mark lo in ecmp.leaf4 as opentop:ecmp:leaf4  (examples/ecmp.otop:65:1)
    # bring lo up in ecmp.leaf4  (examples/ecmp.otop:65:1)
    # add 10.0.1.7/31 to s1 in ecmp.leaf4  (examples/ecmp.otop:68:6)
    # give s1 in ecmp.leaf4 no IPv6 link-local address  (examples/ecmp.otop:68:3)
    # bring s1 up in ecmp.leaf4  (examples/ecmp.otop:68:3)
    # add 10.0.2.7/31 to s2 in ecmp.leaf4  (examples/ecmp.otop:69:6)
    # give s2 in ecmp.leaf4 no IPv6 link-local address  (examples/ecmp.otop:69:3)
    # bring s2 up in ecmp.leaf4  (examples/ecmp.otop:69:3)
    # add 10.1.4.1/24 to h in ecmp.leaf4  (examples/ecmp.otop:70:16)
    # give h in ecmp.leaf4 no IPv6 link-local address  (examples/ecmp.otop:70:3)
    # bring h up in ecmp.leaf4  (examples/ecmp.otop:70:3)
    # route 10.1.0.0/16 over 2 paths in ecmp.leaf4  (examples/ecmp.otop:71:3)
    tool_step '14/18, addresses and routes, in node leaf4 (ecmp.leaf4)' nsenter --net=/run/netns/ecmp.leaf4 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ecmp:leaf4
link set dev lo up
addr add 10.0.1.7/31 dev s1
link set dev s1 addrgenmode none
link set dev s1 up
addr add 10.0.2.7/31 dev s2
link set dev s2 addrgenmode none
link set dev s2 up
addr add 10.1.4.1/24 dev h
link set dev h addrgenmode none
link set dev h up
route add 10.1.0.0/16 nexthop via 10.0.1.6 dev s1 weight 1 nexthop via 10.0.2.6 dev s2 weight 1
EOF
  }
  up_15() {
    # mark lo in ecmp.h1 as opentop:ecmp:h1  (examples/ecmp.otop:74:1)
    # bring lo up in ecmp.h1  (examples/ecmp.otop:74:1)
    # add 10.1.1.10/24 to eth0 in ecmp.h1  (examples/ecmp.otop:74:16)
    # give eth0 in ecmp.h1 no IPv6 link-local address  (examples/ecmp.otop:74:11)
    # bring eth0 up in ecmp.h1  (examples/ecmp.otop:74:11)
    # route 0.0.0.0/0 via 10.1.1.1 in ecmp.h1  (examples/ecmp.otop:74:30)
    tool_step '15/18, addresses and routes, in node h1 (ecmp.h1)' nsenter --net=/run/netns/ecmp.h1 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ecmp:h1
link set dev lo up
addr add 10.1.1.10/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
route add 0.0.0.0/0 via 10.1.1.1
EOF
  }
  up_16() {
    # mark lo in ecmp.h2 as opentop:ecmp:h2  (examples/ecmp.otop:75:1)
    # bring lo up in ecmp.h2  (examples/ecmp.otop:75:1)
    # add 10.1.2.10/24 to eth0 in ecmp.h2  (examples/ecmp.otop:75:16)
    # give eth0 in ecmp.h2 no IPv6 link-local address  (examples/ecmp.otop:75:11)
    # bring eth0 up in ecmp.h2  (examples/ecmp.otop:75:11)
    # route 0.0.0.0/0 via 10.1.2.1 in ecmp.h2  (examples/ecmp.otop:75:30)
    tool_step '16/18, addresses and routes, in node h2 (ecmp.h2)' nsenter --net=/run/netns/ecmp.h2 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ecmp:h2
link set dev lo up
addr add 10.1.2.10/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
route add 0.0.0.0/0 via 10.1.2.1
EOF
  }
  up_17() {
    # mark lo in ecmp.h3 as opentop:ecmp:h3  (examples/ecmp.otop:76:1)
    # bring lo up in ecmp.h3  (examples/ecmp.otop:76:1)
    # add 10.1.3.10/24 to eth0 in ecmp.h3  (examples/ecmp.otop:76:16)
    # give eth0 in ecmp.h3 no IPv6 link-local address  (examples/ecmp.otop:76:11)
    # bring eth0 up in ecmp.h3  (examples/ecmp.otop:76:11)
    # route 0.0.0.0/0 via 10.1.3.1 in ecmp.h3  (examples/ecmp.otop:76:30)
    tool_step '17/18, addresses and routes, in node h3 (ecmp.h3)' nsenter --net=/run/netns/ecmp.h3 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ecmp:h3
link set dev lo up
addr add 10.1.3.10/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
route add 0.0.0.0/0 via 10.1.3.1
EOF
  }
  up_18() {
    # mark lo in ecmp.h4 as opentop:ecmp:h4  (examples/ecmp.otop:77:1)
    # bring lo up in ecmp.h4  (examples/ecmp.otop:77:1)
    # add 10.1.4.10/24 to eth0 in ecmp.h4  (examples/ecmp.otop:77:16)
    # give eth0 in ecmp.h4 no IPv6 link-local address  (examples/ecmp.otop:77:11)
    # bring eth0 up in ecmp.h4  (examples/ecmp.otop:77:11)
    # route 0.0.0.0/0 via 10.1.4.1 in ecmp.h4  (examples/ecmp.otop:77:30)
    tool_step '18/18, addresses and routes, in node h4 (ecmp.h4)' nsenter --net=/run/netns/ecmp.h4 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ecmp:h4
link set dev lo up
addr add 10.1.4.10/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
route add 0.0.0.0/0 via 10.1.4.1
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
  # delete network namespace ecmp.h4 and everything in it
  if ns_ours ecmp.h4 opentop:ecmp:h4; then owned=$((owned + 1)); queue 'netns del ecmp.h4'; fi
  # delete network namespace ecmp.h3 and everything in it
  if ns_ours ecmp.h3 opentop:ecmp:h3; then owned=$((owned + 1)); queue 'netns del ecmp.h3'; fi
  # delete network namespace ecmp.h2 and everything in it
  if ns_ours ecmp.h2 opentop:ecmp:h2; then owned=$((owned + 1)); queue 'netns del ecmp.h2'; fi
  # delete network namespace ecmp.h1 and everything in it
  if ns_ours ecmp.h1 opentop:ecmp:h1; then owned=$((owned + 1)); queue 'netns del ecmp.h1'; fi
  # delete network namespace ecmp.leaf4 and everything in it
  if ns_ours ecmp.leaf4 opentop:ecmp:leaf4; then owned=$((owned + 1)); queue 'netns del ecmp.leaf4'; fi
  # delete network namespace ecmp.leaf3 and everything in it
  if ns_ours ecmp.leaf3 opentop:ecmp:leaf3; then owned=$((owned + 1)); queue 'netns del ecmp.leaf3'; fi
  # delete network namespace ecmp.leaf2 and everything in it
  if ns_ours ecmp.leaf2 opentop:ecmp:leaf2; then owned=$((owned + 1)); queue 'netns del ecmp.leaf2'; fi
  # delete network namespace ecmp.leaf1 and everything in it
  if ns_ours ecmp.leaf1 opentop:ecmp:leaf1; then owned=$((owned + 1)); queue 'netns del ecmp.leaf1'; fi
  # delete network namespace ecmp.spine2 and everything in it
  if ns_ours ecmp.spine2 opentop:ecmp:spine2; then owned=$((owned + 1)); queue 'netns del ecmp.spine2'; fi
  # delete network namespace ecmp.spine1 and everything in it
  if ns_ours ecmp.spine1 opentop:ecmp:spine1; then owned=$((owned + 1)); queue 'netns del ecmp.spine1'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/ecmp.spine1 ]; then left="$left"'  netns ecmp.spine1'"$NL"; fi
  if [ -e /run/netns/ecmp.spine2 ]; then left="$left"'  netns ecmp.spine2'"$NL"; fi
  if [ -e /run/netns/ecmp.leaf1 ]; then left="$left"'  netns ecmp.leaf1'"$NL"; fi
  if [ -e /run/netns/ecmp.leaf2 ]; then left="$left"'  netns ecmp.leaf2'"$NL"; fi
  if [ -e /run/netns/ecmp.leaf3 ]; then left="$left"'  netns ecmp.leaf3'"$NL"; fi
  if [ -e /run/netns/ecmp.leaf4 ]; then left="$left"'  netns ecmp.leaf4'"$NL"; fi
  if [ -e /run/netns/ecmp.h1 ]; then left="$left"'  netns ecmp.h1'"$NL"; fi
  if [ -e /run/netns/ecmp.h2 ]; then left="$left"'  netns ecmp.h2'"$NL"; fi
  if [ -e /run/netns/ecmp.h3 ]; then left="$left"'  netns ecmp.h3'"$NL"; fi
  if [ -e /run/netns/ecmp.h4 ]; then left="$left"'  netns ecmp.h4'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/ecmp.spine1 && found=0
  taken_netns /run/netns/ecmp.spine2 && found=0
  taken_netns /run/netns/ecmp.leaf1 && found=0
  taken_netns /run/netns/ecmp.leaf2 && found=0
  taken_netns /run/netns/ecmp.leaf3 && found=0
  taken_netns /run/netns/ecmp.leaf4 && found=0
  taken_netns /run/netns/ecmp.h1 && found=0
  taken_netns /run/netns/ecmp.h2 && found=0
  taken_netns /run/netns/ecmp.h3 && found=0
  taken_netns /run/netns/ecmp.h4 && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/ecmp.otop:16:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/ecmp.otop:17:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/ecmp.otop:18:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/ecmp.otop:19:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/ecmp.otop:28:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/ecmp.otop:29:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/ecmp.otop:30:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/ecmp.otop:31:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/ecmp.otop:43:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/ecmp.otop:52:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/ecmp.otop:61:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/ecmp.otop:70:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link set dev lo up
route add 192.0.2.0/24 nexthop dev lo nexthop dev lo weight 2
EOF
    error OT6011 'this kernel lacks multipath (ECMP) routes, which this statement needs (examples/ecmp.otop:44:3)' 'it is the kernel option CONFIG_IP_ROUTE_MULTIPATH; on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks multipath (ECMP) routes, which this statement needs (examples/ecmp.otop:53:3)' 'it is the kernel option CONFIG_IP_ROUTE_MULTIPATH; on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks multipath (ECMP) routes, which this statement needs (examples/ecmp.otop:62:3)' 'it is the kernel option CONFIG_IP_ROUTE_MULTIPATH; on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks multipath (ECMP) routes, which this statement needs (examples/ecmp.otop:71:3)' 'it is the kernel option CONFIG_IP_ROUTE_MULTIPATH; on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:ecmp.spine1 2:ecmp.spine2 3:ecmp.leaf1 4:ecmp.leaf2 5:ecmp.leaf3 6:ecmp.leaf4 7:ecmp.h1 8:ecmp.h2 9:ecmp.h3 10:ecmp.h4
)

ns_1() { look 'node spine1 (ecmp.spine1)' ecmp.spine1 links_1 1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 1 ]; then
    want_addr l1 10.0.1.0/31
  else
    drift missing 'interface l1'
  fi
  if [ "${seen_3-}" = 1 ]; then
    want_addr l2 10.0.1.2/31
  else
    drift missing 'interface l2'
  fi
  if [ "${seen_4-}" = 1 ]; then
    want_addr l3 10.0.1.4/31
  else
    drift missing 'interface l3'
  fi
  if [ "${seen_5-}" = 1 ]; then
    want_addr l4 10.0.1.6/31
  else
    drift missing 'interface l4'
  fi
  [ "${rseen_1-}" = 1 ] || drift missing 'route 10.1.1.0/24 via 10.0.1.1'
  [ "${rseen_2-}" = 1 ] || drift missing 'route 10.1.2.0/24 via 10.0.1.3'
  [ "${rseen_3-}" = 1 ] || drift missing 'route 10.1.3.0/24 via 10.0.1.5'
  [ "${rseen_4-}" = 1 ] || drift missing 'route 10.1.4.0/24 via 10.0.1.7'
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
    10.1.1.0/24)
      ! route_is '' 10.0.1.1 '' || { rseen_1=1; is=0; }
      ;;
    10.1.2.0/24)
      ! route_is '' 10.0.1.3 '' || { rseen_2=1; is=0; }
      ;;
    10.1.3.0/24)
      ! route_is '' 10.0.1.5 '' || { rseen_3=1; is=0; }
      ;;
    10.1.4.0/24)
      ! route_is '' 10.0.1.7 '' || { rseen_4=1; is=0; }
      ;;
  esac
  return $is
}

ns_2() { look 'node spine2 (ecmp.spine2)' ecmp.spine2 links_2 1; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr l1 10.0.2.0/31
  else
    drift missing 'interface l1'
  fi
  if [ "${seen_3-}" = 2 ]; then
    want_addr l2 10.0.2.2/31
  else
    drift missing 'interface l2'
  fi
  if [ "${seen_4-}" = 2 ]; then
    want_addr l3 10.0.2.4/31
  else
    drift missing 'interface l3'
  fi
  if [ "${seen_5-}" = 2 ]; then
    want_addr l4 10.0.2.6/31
  else
    drift missing 'interface l4'
  fi
  [ "${rseen_1-}" = 2 ] || drift missing 'route 10.1.1.0/24 via 10.0.2.1'
  [ "${rseen_2-}" = 2 ] || drift missing 'route 10.1.2.0/24 via 10.0.2.3'
  [ "${rseen_3-}" = 2 ] || drift missing 'route 10.1.3.0/24 via 10.0.2.5'
  [ "${rseen_4-}" = 2 ] || drift missing 'route 10.1.4.0/24 via 10.0.2.7'
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
    10.1.1.0/24)
      ! route_is '' 10.0.2.1 '' || { rseen_1=2; is=0; }
      ;;
    10.1.2.0/24)
      ! route_is '' 10.0.2.3 '' || { rseen_2=2; is=0; }
      ;;
    10.1.3.0/24)
      ! route_is '' 10.0.2.5 '' || { rseen_3=2; is=0; }
      ;;
    10.1.4.0/24)
      ! route_is '' 10.0.2.7 '' || { rseen_4=2; is=0; }
      ;;
  esac
  return $is
}

ns_3() { look 'node leaf1 (ecmp.leaf1)' ecmp.leaf1 links_3 1; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr s1 10.0.1.1/31
  else
    drift missing 'interface s1'
  fi
  if [ "${seen_3-}" = 3 ]; then
    want_addr s2 10.0.2.1/31
  else
    drift missing 'interface s2'
  fi
  if [ "${seen_4-}" = 3 ]; then
    want_addr h 10.1.1.1/24
  else
    drift missing 'interface h'
  fi
  [ "${rseen_1-}" = 3 ] || drift missing 'route 10.1.0.0/16 via 10.0.1.0 dev s1 weight 1, via 10.0.2.0 dev s2 weight 1'
  extras
}

# links_3 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_3() {
  case $1 in
    lo) seen_1=3; want_link up ;;
    s1) seen_2=3; want_link up ;;
    s2) seen_3=3; want_link up ;;
    h) seen_4=3; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_3: marks the plan's routes that this route of the kernel is; false if none.
routes_3() {
  is=1
  case $r_dest in
    10.1.0.0/16)
      ! route_is '' '' '' 'via 10.0.1.0 dev s1 weight 1' 'via 10.0.2.0 dev s2 weight 1' || { rseen_1=3; is=0; }
      ;;
  esac
  return $is
}

ns_4() { look 'node leaf2 (ecmp.leaf2)' ecmp.leaf2 links_4 1; }
end_4() {
  [ "${seen_1-}" = 4 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 4 ]; then
    want_addr s1 10.0.1.3/31
  else
    drift missing 'interface s1'
  fi
  if [ "${seen_3-}" = 4 ]; then
    want_addr s2 10.0.2.3/31
  else
    drift missing 'interface s2'
  fi
  if [ "${seen_4-}" = 4 ]; then
    want_addr h 10.1.2.1/24
  else
    drift missing 'interface h'
  fi
  [ "${rseen_1-}" = 4 ] || drift missing 'route 10.1.0.0/16 via 10.0.1.2 dev s1 weight 1, via 10.0.2.2 dev s2 weight 1'
  extras
}

# links_4 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_4() {
  case $1 in
    lo) seen_1=4; want_link up ;;
    s1) seen_2=4; want_link up ;;
    s2) seen_3=4; want_link up ;;
    h) seen_4=4; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_4: marks the plan's routes that this route of the kernel is; false if none.
routes_4() {
  is=1
  case $r_dest in
    10.1.0.0/16)
      ! route_is '' '' '' 'via 10.0.1.2 dev s1 weight 1' 'via 10.0.2.2 dev s2 weight 1' || { rseen_1=4; is=0; }
      ;;
  esac
  return $is
}

ns_5() { look 'node leaf3 (ecmp.leaf3)' ecmp.leaf3 links_5 1; }
end_5() {
  [ "${seen_1-}" = 5 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 5 ]; then
    want_addr s1 10.0.1.5/31
  else
    drift missing 'interface s1'
  fi
  if [ "${seen_3-}" = 5 ]; then
    want_addr s2 10.0.2.5/31
  else
    drift missing 'interface s2'
  fi
  if [ "${seen_4-}" = 5 ]; then
    want_addr h 10.1.3.1/24
  else
    drift missing 'interface h'
  fi
  [ "${rseen_1-}" = 5 ] || drift missing 'route 10.1.0.0/16 via 10.0.1.4 dev s1 weight 1, via 10.0.2.4 dev s2 weight 1'
  extras
}

# links_5 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_5() {
  case $1 in
    lo) seen_1=5; want_link up ;;
    s1) seen_2=5; want_link up ;;
    s2) seen_3=5; want_link up ;;
    h) seen_4=5; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_5: marks the plan's routes that this route of the kernel is; false if none.
routes_5() {
  is=1
  case $r_dest in
    10.1.0.0/16)
      ! route_is '' '' '' 'via 10.0.1.4 dev s1 weight 1' 'via 10.0.2.4 dev s2 weight 1' || { rseen_1=5; is=0; }
      ;;
  esac
  return $is
}

ns_6() { look 'node leaf4 (ecmp.leaf4)' ecmp.leaf4 links_6 1; }
end_6() {
  [ "${seen_1-}" = 6 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 6 ]; then
    want_addr s1 10.0.1.7/31
  else
    drift missing 'interface s1'
  fi
  if [ "${seen_3-}" = 6 ]; then
    want_addr s2 10.0.2.7/31
  else
    drift missing 'interface s2'
  fi
  if [ "${seen_4-}" = 6 ]; then
    want_addr h 10.1.4.1/24
  else
    drift missing 'interface h'
  fi
  [ "${rseen_1-}" = 6 ] || drift missing 'route 10.1.0.0/16 via 10.0.1.6 dev s1 weight 1, via 10.0.2.6 dev s2 weight 1'
  extras
}

# links_6 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_6() {
  case $1 in
    lo) seen_1=6; want_link up ;;
    s1) seen_2=6; want_link up ;;
    s2) seen_3=6; want_link up ;;
    h) seen_4=6; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_6: marks the plan's routes that this route of the kernel is; false if none.
routes_6() {
  is=1
  case $r_dest in
    10.1.0.0/16)
      ! route_is '' '' '' 'via 10.0.1.6 dev s1 weight 1' 'via 10.0.2.6 dev s2 weight 1' || { rseen_1=6; is=0; }
      ;;
  esac
  return $is
}

ns_7() { look 'node h1 (ecmp.h1)' ecmp.h1 links_7 1; }
end_7() {
  [ "${seen_1-}" = 7 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 7 ]; then
    want_addr eth0 10.1.1.10/24
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 7 ] || drift missing 'route 0.0.0.0/0 via 10.1.1.1'
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
      ! route_is '' 10.1.1.1 '' || { rseen_1=7; is=0; }
      ;;
  esac
  return $is
}

ns_8() { look 'node h2 (ecmp.h2)' ecmp.h2 links_8 1; }
end_8() {
  [ "${seen_1-}" = 8 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 8 ]; then
    want_addr eth0 10.1.2.10/24
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 8 ] || drift missing 'route 0.0.0.0/0 via 10.1.2.1'
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
      ! route_is '' 10.1.2.1 '' || { rseen_1=8; is=0; }
      ;;
  esac
  return $is
}

ns_9() { look 'node h3 (ecmp.h3)' ecmp.h3 links_9 1; }
end_9() {
  [ "${seen_1-}" = 9 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 9 ]; then
    want_addr eth0 10.1.3.10/24
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 9 ] || drift missing 'route 0.0.0.0/0 via 10.1.3.1'
  extras
}

# links_9 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_9() {
  case $1 in
    lo) seen_1=9; want_link up ;;
    eth0) seen_2=9; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_9: marks the plan's routes that this route of the kernel is; false if none.
routes_9() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.1.3.1 '' || { rseen_1=9; is=0; }
      ;;
  esac
  return $is
}

ns_10() { look 'node h4 (ecmp.h4)' ecmp.h4 links_10 1; }
end_10() {
  [ "${seen_1-}" = 10 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 10 ]; then
    want_addr eth0 10.1.4.10/24
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 10 ] || drift missing 'route 0.0.0.0/0 via 10.1.4.1'
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
      ! route_is '' 10.1.4.1 '' || { rseen_1=10; is=0; }
      ;;
  esac
  return $is
}

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    spine1) enter nsenter --net=/run/netns/ecmp.spine1 -- "$@" ;;
    spine2) enter nsenter --net=/run/netns/ecmp.spine2 -- "$@" ;;
    leaf1) enter nsenter --net=/run/netns/ecmp.leaf1 -- "$@" ;;
    leaf2) enter nsenter --net=/run/netns/ecmp.leaf2 -- "$@" ;;
    leaf3) enter nsenter --net=/run/netns/ecmp.leaf3 -- "$@" ;;
    leaf4) enter nsenter --net=/run/netns/ecmp.leaf4 -- "$@" ;;
    h1) enter nsenter --net=/run/netns/ecmp.h1 -- "$@" ;;
    h2) enter nsenter --net=/run/netns/ecmp.h2 -- "$@" ;;
    h3) enter nsenter --net=/run/netns/ecmp.h3 -- "$@" ;;
    h4) enter nsenter --net=/run/netns/ecmp.h4 -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are spine1, spine2, leaf1, leaf2, leaf3, leaf4, h1, h2, h3, h4'
      return 1
      ;;
  esac
}

# ---- test: the expectations with real packets (as `opentop test`) -------------------

SH_LISTEN='pidfile=$1 mark=$2 life=$3 proto=$4 family=$5 addr=$6 port=$7; f=-t; [ "$proto" = udp ] && f=-u; listening() { ss -Hln $f "sport = :$port" | { while read -r _ _ _ l _; do case ${l%:*} in "*"|0.0.0.0|"[::]"|"$addr"|"[$addr]") exit 3;; esac; done; exit 0; }; [ $? = 3 ]; }; if listening; then echo present; exit 0; fi; b=$addr; [ "$family" = 6 ] && b="[$addr]"; case $proto in tcp) l=TCP$family-LISTEN:$port,bind=$b,reuseaddr,fork r=/dev/null;; *) l=UDP$family-RECVFROM:$port,bind=$b,fork r=PIPE;; esac; mkdir -p "${pidfile%/*}" || exit 1; setsid sh -c '\''timeout --foreground "$@"; exit 0'\'' "$mark" "$life" socat "$l" "$r" </dev/null >/dev/null 2>&1 & pid=$!; echo "$pid" > "$pidfile" || { kill -KILL "$pid"; exit 1; }; i=0; until listening; do kill -0 "$pid" 2>/dev/null || { echo "socat could not listen on $b:$port" >&2; exit 1; }; [ $i -ge 100 ] && { echo "nothing listens on $b:$port after 5 s" >&2; exit 1; }; sleep 0.05; i=$((i+1)); done; echo started'
SH_PROBE='proto=$1 family=$2 dst=$3 port=$4 src=$5 t=$6; a=$dst b=$src; [ "$family" = 6 ] && a="[$dst]" b="[$src]"; case $proto in icmp) set -- ping -n -"$family" -c 1 -i 0.2 -w "$t"; [ -z "$src" ] || set -- "$@" -I "$src"; out=$(LC_ALL=C "$@" "$dst" 2>&1) && { echo reached; exit 0; };; tcp) o=connect-timeout=$t; [ -z "$src" ] || o=$o,bind=$b; out=$(LC_ALL=C socat -T "$t" /dev/null "TCP$family:$a:$port,$o" 2>&1) && { echo reached; exit 0; };; udp) o=readbytes=1; [ -z "$src" ] || o=$o,bind=$b; out=$(echo opentop | LC_ALL=C socat -t "$t" -T "$t" - "UDP$family:$a:$port,$o" 2>&1); case $out in "") echo timeout; exit 0;; *" E "*) ;; *) echo reached; exit 0;; esac;; *) echo "error unknown protocol $proto"; exit 0;; esac; case $out in *"Connection refused"*|*"Port Unreachable"*|*"Port unreachable"*|*"Packet filtered"*|*rohibited*|*"not permitted"*) echo refused;; *nreachable*|*"No route"*|*"Time to live exceeded"*|*"Hop limit"*) echo unreachable;; *"timed out"*|*" 0 received"*) echo timeout;; *) printf "error %s\n" "$(printf "%s" "$out" | tr "\n" " ")";; esac'
SH_STOP='pid=$(cat "$1" 2>/dev/null) || exit 0; mark=$2 grace=$3 mode=$4; case $pid in ""|*[!0-9]*) exit 0;; esac; a=$(tr "\0" "\n" < /proc/$pid/cmdline 2>/dev/null); if [ -n "$a" ]; then [ "$(printf "%s\n" "$a" | sed -n 4p)" = "$mark" ] || exit 0; elif [ "$mode" != group ]; then exit 0; fi; alive() { for f in /proc/[0-9]*/stat; do read -r l 2>/dev/null < "$f" || continue; set -- ${l##*) }; [ "$1" != Z ] || continue; if [ "$mode" = group ]; then [ "$3" = "$pid" ] && return 0; else [ "$f" = "/proc/$pid/stat" ] && return 0; fi; done; return 1; }; t=$pid; [ "$mode" = group ] && t=-$pid; kill -TERM $t 2>/dev/null || exit 0; i=0; while alive; do [ $i -eq $grace ] && kill -KILL $t 2>/dev/null; [ $i -ge $((grace + 50)) ] && { echo "process $pid did not stop" >&2; exit 1; }; sleep 0.1; i=$((i+1)); done'

test_plan() {
  # listen on tcp 10.1.1.10:80 in node h1, unless something does
  listener 1 nsenter --net=/run/netns/ecmp.h1 -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/ecmp/probes/h1.tcp.10.1.1.10.80.pid opentop:ecmp:h1:listen-tcp-80-1 75 tcp 4 10.1.1.10 80
  # listen on udp 10.1.3.10:53 in node h3, unless something does
  listener 2 nsenter --net=/run/netns/ecmp.h3 -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/ecmp/probes/h3.udp.10.1.3.10.53.pid opentop:ecmp:h3:listen-udp-53-2 75 udp 4 10.1.3.10 53
  # probe icmp 10.1.2.10 from node h1
  run_probe 3 nsenter --net=/run/netns/ecmp.h1 -- sh -c "$SH_PROBE" opentop-probe icmp 4 10.1.2.10 '' '' 2
  # probe icmp 10.1.3.10 from node h1
  run_probe 4 nsenter --net=/run/netns/ecmp.h1 -- sh -c "$SH_PROBE" opentop-probe icmp 4 10.1.3.10 '' '' 2
  # probe icmp 10.1.4.10 from node h1
  run_probe 5 nsenter --net=/run/netns/ecmp.h1 -- sh -c "$SH_PROBE" opentop-probe icmp 4 10.1.4.10 '' '' 2
  # probe tcp 10.1.1.10:80 from node h4
  run_probe 6 nsenter --net=/run/netns/ecmp.h4 -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.1.1.10 80 '' 2
  # probe udp 10.1.3.10:53 from node h2
  run_probe 7 nsenter --net=/run/netns/ecmp.h2 -- sh -c "$SH_PROBE" opentop-probe udp 4 10.1.3.10 53 '' 2
  wait
  stop_listeners
}

stop_listeners() {
  # stop the listener on tcp 10.1.1.10 port 80 in node h1
  stop_listener 1 sh -c "$SH_STOP" opentop-stop /run/opentop/ecmp/probes/h1.tcp.10.1.1.10.80.pid opentop:ecmp:h1:listen-tcp-80-1 10 group
  # stop the listener on udp 10.1.3.10 port 53 in node h3
  stop_listener 2 sh -c "$SH_STOP" opentop-stop /run/opentop/ecmp/probes/h3.udp.10.1.3.10.53.pid opentop:ecmp:h3:listen-udp-53-2 10 group
  :
}

TEST_WIDTH=15
test_rows() {
  row 'h1 -> h2' 4 reach reaches 'through h1 → leaf1 → spine1 → leaf2 → h2 (one of 4 paths)' 3 0
  row 'h1 -> h3' 4 reach reaches 'through h1 → leaf1 → spine1 → leaf3 → h3 (one of 4 paths)' 4 0
  row 'h1 -> h4' 4 reach reaches 'through h1 → leaf1 → spine1 → leaf4 → h4 (one of 4 paths)' 5 0
  row 'h4 -> h1 tcp 80' 4 reach reaches 'through h4 → leaf4 → spine1 → leaf1 → h1 (one of 4 paths)' 6 1
  row 'h2 -> h3 udp 53' 4 reach reaches 'through h2 → leaf2 → spine1 → leaf3 → h3 (one of 4 paths)' 7 2
}

# plan_text: what `up` runs, as `opentop plan` prints it.
plan_text() {
  printf '%s\n' '# lab ecmp: up, 152 operations in 18 processes

# stage 1: namespaces
ip -batch -
    netns add ecmp.spine1  # examples/ecmp.otop:14:1
    netns add ecmp.spine2  # examples/ecmp.otop:26:1
    netns add ecmp.leaf1   # examples/ecmp.otop:38:1
    netns add ecmp.leaf2   # examples/ecmp.otop:47:1
    netns add ecmp.leaf3   # examples/ecmp.otop:56:1
    netns add ecmp.leaf4   # examples/ecmp.otop:65:1
    netns add ecmp.h1      # examples/ecmp.otop:74:1
    netns add ecmp.h2      # examples/ecmp.otop:75:1
    netns add ecmp.h3      # examples/ecmp.otop:76:1
    netns add ecmp.h4      # examples/ecmp.otop:77:1

# stage 2: namespace sysctls (steps run concurrently)
nsenter --net=/run/netns/ecmp.spine1 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/ecmp.otop:15:3
    net.ipv6.conf.all.forwarding=1      # examples/ecmp.otop:15:3
    net.ipv6.conf.default.accept_dad=0  # examples/ecmp.otop:15:3
nsenter --net=/run/netns/ecmp.spine2 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/ecmp.otop:27:3
    net.ipv6.conf.all.forwarding=1      # examples/ecmp.otop:27:3
    net.ipv6.conf.default.accept_dad=0  # examples/ecmp.otop:27:3
nsenter --net=/run/netns/ecmp.leaf1 -- sysctl -q -w …
    net.ipv4.ip_forward=1                 # examples/ecmp.otop:39:3
    net.ipv6.conf.all.forwarding=1        # examples/ecmp.otop:39:3
    net.ipv6.conf.default.accept_dad=0    # examples/ecmp.otop:39:3
    net.ipv4.fib_multipath_hash_policy=1  # examples/ecmp.otop:40:3
nsenter --net=/run/netns/ecmp.leaf2 -- sysctl -q -w …
    net.ipv4.ip_forward=1                 # examples/ecmp.otop:48:3
    net.ipv6.conf.all.forwarding=1        # examples/ecmp.otop:48:3
    net.ipv6.conf.default.accept_dad=0    # examples/ecmp.otop:48:3
    net.ipv4.fib_multipath_hash_policy=1  # examples/ecmp.otop:49:3
nsenter --net=/run/netns/ecmp.leaf3 -- sysctl -q -w …
    net.ipv4.ip_forward=1                 # examples/ecmp.otop:57:3
    net.ipv6.conf.all.forwarding=1        # examples/ecmp.otop:57:3
    net.ipv6.conf.default.accept_dad=0    # examples/ecmp.otop:57:3
    net.ipv4.fib_multipath_hash_policy=1  # examples/ecmp.otop:58:3
nsenter --net=/run/netns/ecmp.leaf4 -- sysctl -q -w …
    net.ipv4.ip_forward=1                 # examples/ecmp.otop:66:3
    net.ipv6.conf.all.forwarding=1        # examples/ecmp.otop:66:3
    net.ipv6.conf.default.accept_dad=0    # examples/ecmp.otop:66:3
    net.ipv4.fib_multipath_hash_policy=1  # examples/ecmp.otop:67:3

# stage 3: links
ip -batch -
    link add name l1 index 8146571 netns ecmp.spine1 type veth peer name s1 netns ecmp.leaf1   # examples/ecmp.otop:16:3
    link add name l2 index 1938805 netns ecmp.spine1 type veth peer name s1 netns ecmp.leaf2   # examples/ecmp.otop:17:3
    link add name l3 index 4851888 netns ecmp.spine1 type veth peer name s1 netns ecmp.leaf3   # examples/ecmp.otop:18:3
    link add name l4 index 12175034 netns ecmp.spine1 type veth peer name s1 netns ecmp.leaf4  # examples/ecmp.otop:19:3
    link add name l1 index 4681078 netns ecmp.spine2 type veth peer name s2 netns ecmp.leaf1   # examples/ecmp.otop:28:3
    link add name l2 index 2912833 netns ecmp.spine2 type veth peer name s2 netns ecmp.leaf2   # examples/ecmp.otop:29:3
    link add name l3 index 2672560 netns ecmp.spine2 type veth peer name s2 netns ecmp.leaf3   # examples/ecmp.otop:30:3
    link add name l4 index 12542108 netns ecmp.spine2 type veth peer name s2 netns ecmp.leaf4  # examples/ecmp.otop:31:3
    link add name h index 14505850 netns ecmp.leaf1 type veth peer name eth0 netns ecmp.h1     # examples/ecmp.otop:43:3
    link add name h index 1469300 netns ecmp.leaf2 type veth peer name eth0 netns ecmp.h2      # examples/ecmp.otop:52:3
    link add name h index 4056757 netns ecmp.leaf3 type veth peer name eth0 netns ecmp.h3      # examples/ecmp.otop:61:3
    link add name h index 11561957 netns ecmp.leaf4 type veth peer name eth0 netns ecmp.h4     # examples/ecmp.otop:70:3

# stage 4: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/ecmp.spine1 -- ip -batch -
    link set dev lo alias opentop:ecmp:spine1  # examples/ecmp.otop:14:1
    link set dev lo up                         # examples/ecmp.otop:14:1
    addr add 10.0.1.0/31 dev l1                # examples/ecmp.otop:16:18
    link set dev l1 addrgenmode none           # examples/ecmp.otop:16:3
    link set dev l1 up                         # examples/ecmp.otop:16:3
    addr add 10.0.1.2/31 dev l2                # examples/ecmp.otop:17:18
    link set dev l2 addrgenmode none           # examples/ecmp.otop:17:3
    link set dev l2 up                         # examples/ecmp.otop:17:3
    addr add 10.0.1.4/31 dev l3                # examples/ecmp.otop:18:18
    link set dev l3 addrgenmode none           # examples/ecmp.otop:18:3
    link set dev l3 up                         # examples/ecmp.otop:18:3
    addr add 10.0.1.6/31 dev l4                # examples/ecmp.otop:19:18
    link set dev l4 addrgenmode none           # examples/ecmp.otop:19:3
    link set dev l4 up                         # examples/ecmp.otop:19:3
    route add 10.1.1.0/24 via 10.0.1.1         # examples/ecmp.otop:20:3
    route add 10.1.2.0/24 via 10.0.1.3         # examples/ecmp.otop:21:3
    route add 10.1.3.0/24 via 10.0.1.5         # examples/ecmp.otop:22:3
    route add 10.1.4.0/24 via 10.0.1.7         # examples/ecmp.otop:23:3
nsenter --net=/run/netns/ecmp.spine2 -- ip -batch -
    link set dev lo alias opentop:ecmp:spine2  # examples/ecmp.otop:26:1
    link set dev lo up                         # examples/ecmp.otop:26:1
    addr add 10.0.2.0/31 dev l1                # examples/ecmp.otop:28:18
    link set dev l1 addrgenmode none           # examples/ecmp.otop:28:3
    link set dev l1 up                         # examples/ecmp.otop:28:3
    addr add 10.0.2.2/31 dev l2                # examples/ecmp.otop:29:18
    link set dev l2 addrgenmode none           # examples/ecmp.otop:29:3
    link set dev l2 up                         # examples/ecmp.otop:29:3
    addr add 10.0.2.4/31 dev l3                # examples/ecmp.otop:30:18
    link set dev l3 addrgenmode none           # examples/ecmp.otop:30:3
    link set dev l3 up                         # examples/ecmp.otop:30:3
    addr add 10.0.2.6/31 dev l4                # examples/ecmp.otop:31:18
    link set dev l4 addrgenmode none           # examples/ecmp.otop:31:3
    link set dev l4 up                         # examples/ecmp.otop:31:3
    route add 10.1.1.0/24 via 10.0.2.1         # examples/ecmp.otop:32:3
    route add 10.1.2.0/24 via 10.0.2.3         # examples/ecmp.otop:33:3
    route add 10.1.3.0/24 via 10.0.2.5         # examples/ecmp.otop:34:3
    route add 10.1.4.0/24 via 10.0.2.7         # examples/ecmp.otop:35:3
nsenter --net=/run/netns/ecmp.leaf1 -- ip -batch -
    link set dev lo alias opentop:ecmp:leaf1                                                         # examples/ecmp.otop:38:1
    link set dev lo up                                                                               # examples/ecmp.otop:38:1
    addr add 10.0.1.1/31 dev s1                                                                      # examples/ecmp.otop:41:6
    link set dev s1 addrgenmode none                                                                 # examples/ecmp.otop:41:3
    link set dev s1 up                                                                               # examples/ecmp.otop:41:3
    addr add 10.0.2.1/31 dev s2                                                                      # examples/ecmp.otop:42:6
    link set dev s2 addrgenmode none                                                                 # examples/ecmp.otop:42:3
    link set dev s2 up                                                                               # examples/ecmp.otop:42:3
    addr add 10.1.1.1/24 dev h                                                                       # examples/ecmp.otop:43:16
    link set dev h addrgenmode none                                                                  # examples/ecmp.otop:43:3
    link set dev h up                                                                                # examples/ecmp.otop:43:3
    route add 10.1.0.0/16 nexthop via 10.0.1.0 dev s1 weight 1 nexthop via 10.0.2.0 dev s2 weight 1  # examples/ecmp.otop:44:3
nsenter --net=/run/netns/ecmp.leaf2 -- ip -batch -
    link set dev lo alias opentop:ecmp:leaf2                                                         # examples/ecmp.otop:47:1
    link set dev lo up                                                                               # examples/ecmp.otop:47:1
    addr add 10.0.1.3/31 dev s1                                                                      # examples/ecmp.otop:50:6
    link set dev s1 addrgenmode none                                                                 # examples/ecmp.otop:50:3
    link set dev s1 up                                                                               # examples/ecmp.otop:50:3
    addr add 10.0.2.3/31 dev s2                                                                      # examples/ecmp.otop:51:6
    link set dev s2 addrgenmode none                                                                 # examples/ecmp.otop:51:3
    link set dev s2 up                                                                               # examples/ecmp.otop:51:3
    addr add 10.1.2.1/24 dev h                                                                       # examples/ecmp.otop:52:16
    link set dev h addrgenmode none                                                                  # examples/ecmp.otop:52:3
    link set dev h up                                                                                # examples/ecmp.otop:52:3
    route add 10.1.0.0/16 nexthop via 10.0.1.2 dev s1 weight 1 nexthop via 10.0.2.2 dev s2 weight 1  # examples/ecmp.otop:53:3
nsenter --net=/run/netns/ecmp.leaf3 -- ip -batch -
    link set dev lo alias opentop:ecmp:leaf3                                                         # examples/ecmp.otop:56:1
    link set dev lo up                                                                               # examples/ecmp.otop:56:1
    addr add 10.0.1.5/31 dev s1                                                                      # examples/ecmp.otop:59:6
    link set dev s1 addrgenmode none                                                                 # examples/ecmp.otop:59:3
    link set dev s1 up                                                                               # examples/ecmp.otop:59:3
    addr add 10.0.2.5/31 dev s2                                                                      # examples/ecmp.otop:60:6
    link set dev s2 addrgenmode none                                                                 # examples/ecmp.otop:60:3
    link set dev s2 up                                                                               # examples/ecmp.otop:60:3
    addr add 10.1.3.1/24 dev h                                                                       # examples/ecmp.otop:61:16
    link set dev h addrgenmode none                                                                  # examples/ecmp.otop:61:3
    link set dev h up                                                                                # examples/ecmp.otop:61:3
    route add 10.1.0.0/16 nexthop via 10.0.1.4 dev s1 weight 1 nexthop via 10.0.2.4 dev s2 weight 1  # examples/ecmp.otop:62:3
nsenter --net=/run/netns/ecmp.leaf4 -- ip -batch -
    link set dev lo alias opentop:ecmp:leaf4                                                         # examples/ecmp.otop:65:1
    link set dev lo up                                                                               # examples/ecmp.otop:65:1
    addr add 10.0.1.7/31 dev s1                                                                      # examples/ecmp.otop:68:6
    link set dev s1 addrgenmode none                                                                 # examples/ecmp.otop:68:3
    link set dev s1 up                                                                               # examples/ecmp.otop:68:3
    addr add 10.0.2.7/31 dev s2                                                                      # examples/ecmp.otop:69:6
    link set dev s2 addrgenmode none                                                                 # examples/ecmp.otop:69:3
    link set dev s2 up                                                                               # examples/ecmp.otop:69:3
    addr add 10.1.4.1/24 dev h                                                                       # examples/ecmp.otop:70:16
    link set dev h addrgenmode none                                                                  # examples/ecmp.otop:70:3
    link set dev h up                                                                                # examples/ecmp.otop:70:3
    route add 10.1.0.0/16 nexthop via 10.0.1.6 dev s1 weight 1 nexthop via 10.0.2.6 dev s2 weight 1  # examples/ecmp.otop:71:3
nsenter --net=/run/netns/ecmp.h1 -- ip -batch -
    link set dev lo alias opentop:ecmp:h1  # examples/ecmp.otop:74:1
    link set dev lo up                     # examples/ecmp.otop:74:1
    addr add 10.1.1.10/24 dev eth0         # examples/ecmp.otop:74:16
    link set dev eth0 addrgenmode none     # examples/ecmp.otop:74:11
    link set dev eth0 up                   # examples/ecmp.otop:74:11
    route add 0.0.0.0/0 via 10.1.1.1       # examples/ecmp.otop:74:30
nsenter --net=/run/netns/ecmp.h2 -- ip -batch -
    link set dev lo alias opentop:ecmp:h2  # examples/ecmp.otop:75:1
    link set dev lo up                     # examples/ecmp.otop:75:1
    addr add 10.1.2.10/24 dev eth0         # examples/ecmp.otop:75:16
    link set dev eth0 addrgenmode none     # examples/ecmp.otop:75:11
    link set dev eth0 up                   # examples/ecmp.otop:75:11
    route add 0.0.0.0/0 via 10.1.2.1       # examples/ecmp.otop:75:30
nsenter --net=/run/netns/ecmp.h3 -- ip -batch -
    link set dev lo alias opentop:ecmp:h3  # examples/ecmp.otop:76:1
    link set dev lo up                     # examples/ecmp.otop:76:1
    addr add 10.1.3.10/24 dev eth0         # examples/ecmp.otop:76:16
    link set dev eth0 addrgenmode none     # examples/ecmp.otop:76:11
    link set dev eth0 up                   # examples/ecmp.otop:76:11
    route add 0.0.0.0/0 via 10.1.3.1       # examples/ecmp.otop:76:30
nsenter --net=/run/netns/ecmp.h4 -- ip -batch -
    link set dev lo alias opentop:ecmp:h4  # examples/ecmp.otop:77:1
    link set dev lo up                     # examples/ecmp.otop:77:1
    addr add 10.1.4.10/24 dev eth0         # examples/ecmp.otop:77:16
    link set dev eth0 addrgenmode none     # examples/ecmp.otop:77:11
    link set dev eth0 up                   # examples/ecmp.otop:77:11
    route add 0.0.0.0/0 via 10.1.4.1       # examples/ecmp.otop:77:30'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "ecmp",
 "file": "/ROOT/examples/ecmp.otop",
 "hash": "79c44cad1bdf557fce9a08630c71eed50251aefbee531b114e25e6e5e2d42963",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["spine1","spine2","leaf1","leaf2","leaf3","leaf4","h1","h2","h3","h4"],
 "switches": [],
 "plan": "22ca2ea98b6fdcb3c3b91455c849487f8b2b81dff781b95184ece8e3b95431ae",
 "owned": [
  {"kind":"netns","name":"ecmp.spine1","node":"spine1"},
  {"kind":"netns","name":"ecmp.spine2","node":"spine2"},
  {"kind":"netns","name":"ecmp.leaf1","node":"leaf1"},
  {"kind":"netns","name":"ecmp.leaf2","node":"leaf2"},
  {"kind":"netns","name":"ecmp.leaf3","node":"leaf3"},
  {"kind":"netns","name":"ecmp.leaf4","node":"leaf4"},
  {"kind":"netns","name":"ecmp.h1","node":"h1"},
  {"kind":"netns","name":"ecmp.h2","node":"h2"},
  {"kind":"netns","name":"ecmp.h3","node":"h3"},
  {"kind":"netns","name":"ecmp.h4","node":"h4"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"ecmp.spine1","node":"spine1"},"origin":"examples/ecmp.otop:14:1"},
  {"op":{"kind":"netns.add","name":"ecmp.spine2","node":"spine2"},"origin":"examples/ecmp.otop:26:1"},
  {"op":{"kind":"netns.add","name":"ecmp.leaf1","node":"leaf1"},"origin":"examples/ecmp.otop:38:1"},
  {"op":{"kind":"netns.add","name":"ecmp.leaf2","node":"leaf2"},"origin":"examples/ecmp.otop:47:1"},
  {"op":{"kind":"netns.add","name":"ecmp.leaf3","node":"leaf3"},"origin":"examples/ecmp.otop:56:1"},
  {"op":{"kind":"netns.add","name":"ecmp.leaf4","node":"leaf4"},"origin":"examples/ecmp.otop:65:1"},
  {"op":{"kind":"netns.add","name":"ecmp.h1","node":"h1"},"origin":"examples/ecmp.otop:74:1"},
  {"op":{"kind":"netns.add","name":"ecmp.h2","node":"h2"},"origin":"examples/ecmp.otop:75:1"},
  {"op":{"kind":"netns.add","name":"ecmp.h3","node":"h3"},"origin":"examples/ecmp.otop:76:1"},
  {"op":{"kind":"netns.add","name":"ecmp.h4","node":"h4"},"origin":"examples/ecmp.otop:77:1"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.spine1","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/ecmp.otop:15:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.spine1","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/ecmp.otop:15:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.spine1","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/ecmp.otop:15:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.spine2","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/ecmp.otop:27:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.spine2","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/ecmp.otop:27:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.spine2","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/ecmp.otop:27:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf1","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/ecmp.otop:39:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf1","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/ecmp.otop:39:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf1","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/ecmp.otop:39:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf1","key":"net.ipv4.fib_multipath_hash_policy","value":"1"},"origin":"examples/ecmp.otop:40:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf2","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/ecmp.otop:48:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf2","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/ecmp.otop:48:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf2","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/ecmp.otop:48:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf2","key":"net.ipv4.fib_multipath_hash_policy","value":"1"},"origin":"examples/ecmp.otop:49:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf3","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/ecmp.otop:57:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf3","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/ecmp.otop:57:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf3","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/ecmp.otop:57:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf3","key":"net.ipv4.fib_multipath_hash_policy","value":"1"},"origin":"examples/ecmp.otop:58:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf4","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/ecmp.otop:66:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf4","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/ecmp.otop:66:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf4","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/ecmp.otop:66:3"},
  {"op":{"kind":"sysctl.set","ns":"ecmp.leaf4","key":"net.ipv4.fib_multipath_hash_policy","value":"1"},"origin":"examples/ecmp.otop:67:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ecmp.spine1","name":"l1","index":8146571},"b":{"ns":"ecmp.leaf1","name":"s1"}},"origin":"examples/ecmp.otop:16:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ecmp.spine1","name":"l2","index":1938805},"b":{"ns":"ecmp.leaf2","name":"s1"}},"origin":"examples/ecmp.otop:17:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ecmp.spine1","name":"l3","index":4851888},"b":{"ns":"ecmp.leaf3","name":"s1"}},"origin":"examples/ecmp.otop:18:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ecmp.spine1","name":"l4","index":12175034},"b":{"ns":"ecmp.leaf4","name":"s1"}},"origin":"examples/ecmp.otop:19:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ecmp.spine2","name":"l1","index":4681078},"b":{"ns":"ecmp.leaf1","name":"s2"}},"origin":"examples/ecmp.otop:28:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ecmp.spine2","name":"l2","index":2912833},"b":{"ns":"ecmp.leaf2","name":"s2"}},"origin":"examples/ecmp.otop:29:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ecmp.spine2","name":"l3","index":2672560},"b":{"ns":"ecmp.leaf3","name":"s2"}},"origin":"examples/ecmp.otop:30:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ecmp.spine2","name":"l4","index":12542108},"b":{"ns":"ecmp.leaf4","name":"s2"}},"origin":"examples/ecmp.otop:31:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ecmp.leaf1","name":"h","index":14505850},"b":{"ns":"ecmp.h1","name":"eth0"}},"origin":"examples/ecmp.otop:43:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ecmp.leaf2","name":"h","index":1469300},"b":{"ns":"ecmp.h2","name":"eth0"}},"origin":"examples/ecmp.otop:52:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ecmp.leaf3","name":"h","index":4056757},"b":{"ns":"ecmp.h3","name":"eth0"}},"origin":"examples/ecmp.otop:61:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ecmp.leaf4","name":"h","index":11561957},"b":{"ns":"ecmp.h4","name":"eth0"}},"origin":"examples/ecmp.otop:70:3"},
  {"op":{"kind":"link.alias","ns":"ecmp.spine1","dev":"lo","alias":"opentop:ecmp:spine1"},"origin":"examples/ecmp.otop:14:1"},
  {"op":{"kind":"link.up","ns":"ecmp.spine1","dev":"lo"},"origin":"examples/ecmp.otop:14:1"},
  {"op":{"kind":"addr.add","ns":"ecmp.spine1","dev":"l1","cidr":"10.0.1.0/31","family":4},"origin":"examples/ecmp.otop:16:18"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.spine1","dev":"l1"},"origin":"examples/ecmp.otop:16:3"},
  {"op":{"kind":"link.up","ns":"ecmp.spine1","dev":"l1"},"origin":"examples/ecmp.otop:16:3"},
  {"op":{"kind":"addr.add","ns":"ecmp.spine1","dev":"l2","cidr":"10.0.1.2/31","family":4},"origin":"examples/ecmp.otop:17:18"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.spine1","dev":"l2"},"origin":"examples/ecmp.otop:17:3"},
  {"op":{"kind":"link.up","ns":"ecmp.spine1","dev":"l2"},"origin":"examples/ecmp.otop:17:3"},
  {"op":{"kind":"addr.add","ns":"ecmp.spine1","dev":"l3","cidr":"10.0.1.4/31","family":4},"origin":"examples/ecmp.otop:18:18"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.spine1","dev":"l3"},"origin":"examples/ecmp.otop:18:3"},
  {"op":{"kind":"link.up","ns":"ecmp.spine1","dev":"l3"},"origin":"examples/ecmp.otop:18:3"},
  {"op":{"kind":"addr.add","ns":"ecmp.spine1","dev":"l4","cidr":"10.0.1.6/31","family":4},"origin":"examples/ecmp.otop:19:18"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.spine1","dev":"l4"},"origin":"examples/ecmp.otop:19:3"},
  {"op":{"kind":"link.up","ns":"ecmp.spine1","dev":"l4"},"origin":"examples/ecmp.otop:19:3"},
  {"op":{"kind":"route.add","ns":"ecmp.spine1","family":4,"destination":"10.1.1.0/24","via":"10.0.1.1"},"origin":"examples/ecmp.otop:20:3"},
  {"op":{"kind":"route.add","ns":"ecmp.spine1","family":4,"destination":"10.1.2.0/24","via":"10.0.1.3"},"origin":"examples/ecmp.otop:21:3"},
  {"op":{"kind":"route.add","ns":"ecmp.spine1","family":4,"destination":"10.1.3.0/24","via":"10.0.1.5"},"origin":"examples/ecmp.otop:22:3"},
  {"op":{"kind":"route.add","ns":"ecmp.spine1","family":4,"destination":"10.1.4.0/24","via":"10.0.1.7"},"origin":"examples/ecmp.otop:23:3"},
  {"op":{"kind":"link.alias","ns":"ecmp.spine2","dev":"lo","alias":"opentop:ecmp:spine2"},"origin":"examples/ecmp.otop:26:1"},
  {"op":{"kind":"link.up","ns":"ecmp.spine2","dev":"lo"},"origin":"examples/ecmp.otop:26:1"},
  {"op":{"kind":"addr.add","ns":"ecmp.spine2","dev":"l1","cidr":"10.0.2.0/31","family":4},"origin":"examples/ecmp.otop:28:18"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.spine2","dev":"l1"},"origin":"examples/ecmp.otop:28:3"},
  {"op":{"kind":"link.up","ns":"ecmp.spine2","dev":"l1"},"origin":"examples/ecmp.otop:28:3"},
  {"op":{"kind":"addr.add","ns":"ecmp.spine2","dev":"l2","cidr":"10.0.2.2/31","family":4},"origin":"examples/ecmp.otop:29:18"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.spine2","dev":"l2"},"origin":"examples/ecmp.otop:29:3"},
  {"op":{"kind":"link.up","ns":"ecmp.spine2","dev":"l2"},"origin":"examples/ecmp.otop:29:3"},
  {"op":{"kind":"addr.add","ns":"ecmp.spine2","dev":"l3","cidr":"10.0.2.4/31","family":4},"origin":"examples/ecmp.otop:30:18"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.spine2","dev":"l3"},"origin":"examples/ecmp.otop:30:3"},
  {"op":{"kind":"link.up","ns":"ecmp.spine2","dev":"l3"},"origin":"examples/ecmp.otop:30:3"},
  {"op":{"kind":"addr.add","ns":"ecmp.spine2","dev":"l4","cidr":"10.0.2.6/31","family":4},"origin":"examples/ecmp.otop:31:18"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.spine2","dev":"l4"},"origin":"examples/ecmp.otop:31:3"},
  {"op":{"kind":"link.up","ns":"ecmp.spine2","dev":"l4"},"origin":"examples/ecmp.otop:31:3"},
  {"op":{"kind":"route.add","ns":"ecmp.spine2","family":4,"destination":"10.1.1.0/24","via":"10.0.2.1"},"origin":"examples/ecmp.otop:32:3"},
  {"op":{"kind":"route.add","ns":"ecmp.spine2","family":4,"destination":"10.1.2.0/24","via":"10.0.2.3"},"origin":"examples/ecmp.otop:33:3"},
  {"op":{"kind":"route.add","ns":"ecmp.spine2","family":4,"destination":"10.1.3.0/24","via":"10.0.2.5"},"origin":"examples/ecmp.otop:34:3"},
  {"op":{"kind":"route.add","ns":"ecmp.spine2","family":4,"destination":"10.1.4.0/24","via":"10.0.2.7"},"origin":"examples/ecmp.otop:35:3"},
  {"op":{"kind":"link.alias","ns":"ecmp.leaf1","dev":"lo","alias":"opentop:ecmp:leaf1"},"origin":"examples/ecmp.otop:38:1"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf1","dev":"lo"},"origin":"examples/ecmp.otop:38:1"},
  {"op":{"kind":"addr.add","ns":"ecmp.leaf1","dev":"s1","cidr":"10.0.1.1/31","family":4},"origin":"examples/ecmp.otop:41:6"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.leaf1","dev":"s1"},"origin":"examples/ecmp.otop:41:3"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf1","dev":"s1"},"origin":"examples/ecmp.otop:41:3"},
  {"op":{"kind":"addr.add","ns":"ecmp.leaf1","dev":"s2","cidr":"10.0.2.1/31","family":4},"origin":"examples/ecmp.otop:42:6"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.leaf1","dev":"s2"},"origin":"examples/ecmp.otop:42:3"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf1","dev":"s2"},"origin":"examples/ecmp.otop:42:3"},
  {"op":{"kind":"addr.add","ns":"ecmp.leaf1","dev":"h","cidr":"10.1.1.1/24","family":4},"origin":"examples/ecmp.otop:43:16"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.leaf1","dev":"h"},"origin":"examples/ecmp.otop:43:3"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf1","dev":"h"},"origin":"examples/ecmp.otop:43:3"},
  {"op":{"kind":"route.add","ns":"ecmp.leaf1","family":4,"destination":"10.1.0.0/16","nexthops":[{"via":"10.0.1.0","dev":"s1","weight":1},{"via":"10.0.2.0","dev":"s2","weight":1}]},"origin":"examples/ecmp.otop:44:3"},
  {"op":{"kind":"link.alias","ns":"ecmp.leaf2","dev":"lo","alias":"opentop:ecmp:leaf2"},"origin":"examples/ecmp.otop:47:1"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf2","dev":"lo"},"origin":"examples/ecmp.otop:47:1"},
  {"op":{"kind":"addr.add","ns":"ecmp.leaf2","dev":"s1","cidr":"10.0.1.3/31","family":4},"origin":"examples/ecmp.otop:50:6"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.leaf2","dev":"s1"},"origin":"examples/ecmp.otop:50:3"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf2","dev":"s1"},"origin":"examples/ecmp.otop:50:3"},
  {"op":{"kind":"addr.add","ns":"ecmp.leaf2","dev":"s2","cidr":"10.0.2.3/31","family":4},"origin":"examples/ecmp.otop:51:6"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.leaf2","dev":"s2"},"origin":"examples/ecmp.otop:51:3"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf2","dev":"s2"},"origin":"examples/ecmp.otop:51:3"},
  {"op":{"kind":"addr.add","ns":"ecmp.leaf2","dev":"h","cidr":"10.1.2.1/24","family":4},"origin":"examples/ecmp.otop:52:16"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.leaf2","dev":"h"},"origin":"examples/ecmp.otop:52:3"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf2","dev":"h"},"origin":"examples/ecmp.otop:52:3"},
  {"op":{"kind":"route.add","ns":"ecmp.leaf2","family":4,"destination":"10.1.0.0/16","nexthops":[{"via":"10.0.1.2","dev":"s1","weight":1},{"via":"10.0.2.2","dev":"s2","weight":1}]},"origin":"examples/ecmp.otop:53:3"},
  {"op":{"kind":"link.alias","ns":"ecmp.leaf3","dev":"lo","alias":"opentop:ecmp:leaf3"},"origin":"examples/ecmp.otop:56:1"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf3","dev":"lo"},"origin":"examples/ecmp.otop:56:1"},
  {"op":{"kind":"addr.add","ns":"ecmp.leaf3","dev":"s1","cidr":"10.0.1.5/31","family":4},"origin":"examples/ecmp.otop:59:6"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.leaf3","dev":"s1"},"origin":"examples/ecmp.otop:59:3"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf3","dev":"s1"},"origin":"examples/ecmp.otop:59:3"},
  {"op":{"kind":"addr.add","ns":"ecmp.leaf3","dev":"s2","cidr":"10.0.2.5/31","family":4},"origin":"examples/ecmp.otop:60:6"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.leaf3","dev":"s2"},"origin":"examples/ecmp.otop:60:3"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf3","dev":"s2"},"origin":"examples/ecmp.otop:60:3"},
  {"op":{"kind":"addr.add","ns":"ecmp.leaf3","dev":"h","cidr":"10.1.3.1/24","family":4},"origin":"examples/ecmp.otop:61:16"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.leaf3","dev":"h"},"origin":"examples/ecmp.otop:61:3"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf3","dev":"h"},"origin":"examples/ecmp.otop:61:3"},
  {"op":{"kind":"route.add","ns":"ecmp.leaf3","family":4,"destination":"10.1.0.0/16","nexthops":[{"via":"10.0.1.4","dev":"s1","weight":1},{"via":"10.0.2.4","dev":"s2","weight":1}]},"origin":"examples/ecmp.otop:62:3"},
  {"op":{"kind":"link.alias","ns":"ecmp.leaf4","dev":"lo","alias":"opentop:ecmp:leaf4"},"origin":"examples/ecmp.otop:65:1"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf4","dev":"lo"},"origin":"examples/ecmp.otop:65:1"},
  {"op":{"kind":"addr.add","ns":"ecmp.leaf4","dev":"s1","cidr":"10.0.1.7/31","family":4},"origin":"examples/ecmp.otop:68:6"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.leaf4","dev":"s1"},"origin":"examples/ecmp.otop:68:3"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf4","dev":"s1"},"origin":"examples/ecmp.otop:68:3"},
  {"op":{"kind":"addr.add","ns":"ecmp.leaf4","dev":"s2","cidr":"10.0.2.7/31","family":4},"origin":"examples/ecmp.otop:69:6"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.leaf4","dev":"s2"},"origin":"examples/ecmp.otop:69:3"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf4","dev":"s2"},"origin":"examples/ecmp.otop:69:3"},
  {"op":{"kind":"addr.add","ns":"ecmp.leaf4","dev":"h","cidr":"10.1.4.1/24","family":4},"origin":"examples/ecmp.otop:70:16"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.leaf4","dev":"h"},"origin":"examples/ecmp.otop:70:3"},
  {"op":{"kind":"link.up","ns":"ecmp.leaf4","dev":"h"},"origin":"examples/ecmp.otop:70:3"},
  {"op":{"kind":"route.add","ns":"ecmp.leaf4","family":4,"destination":"10.1.0.0/16","nexthops":[{"via":"10.0.1.6","dev":"s1","weight":1},{"via":"10.0.2.6","dev":"s2","weight":1}]},"origin":"examples/ecmp.otop:71:3"},
  {"op":{"kind":"link.alias","ns":"ecmp.h1","dev":"lo","alias":"opentop:ecmp:h1"},"origin":"examples/ecmp.otop:74:1"},
  {"op":{"kind":"link.up","ns":"ecmp.h1","dev":"lo"},"origin":"examples/ecmp.otop:74:1"},
  {"op":{"kind":"addr.add","ns":"ecmp.h1","dev":"eth0","cidr":"10.1.1.10/24","family":4},"origin":"examples/ecmp.otop:74:16"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.h1","dev":"eth0"},"origin":"examples/ecmp.otop:74:11"},
  {"op":{"kind":"link.up","ns":"ecmp.h1","dev":"eth0"},"origin":"examples/ecmp.otop:74:11"},
  {"op":{"kind":"route.add","ns":"ecmp.h1","family":4,"destination":"0.0.0.0/0","via":"10.1.1.1"},"origin":"examples/ecmp.otop:74:30"},
  {"op":{"kind":"link.alias","ns":"ecmp.h2","dev":"lo","alias":"opentop:ecmp:h2"},"origin":"examples/ecmp.otop:75:1"},
  {"op":{"kind":"link.up","ns":"ecmp.h2","dev":"lo"},"origin":"examples/ecmp.otop:75:1"},
  {"op":{"kind":"addr.add","ns":"ecmp.h2","dev":"eth0","cidr":"10.1.2.10/24","family":4},"origin":"examples/ecmp.otop:75:16"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.h2","dev":"eth0"},"origin":"examples/ecmp.otop:75:11"},
  {"op":{"kind":"link.up","ns":"ecmp.h2","dev":"eth0"},"origin":"examples/ecmp.otop:75:11"},
  {"op":{"kind":"route.add","ns":"ecmp.h2","family":4,"destination":"0.0.0.0/0","via":"10.1.2.1"},"origin":"examples/ecmp.otop:75:30"},
  {"op":{"kind":"link.alias","ns":"ecmp.h3","dev":"lo","alias":"opentop:ecmp:h3"},"origin":"examples/ecmp.otop:76:1"},
  {"op":{"kind":"link.up","ns":"ecmp.h3","dev":"lo"},"origin":"examples/ecmp.otop:76:1"},
  {"op":{"kind":"addr.add","ns":"ecmp.h3","dev":"eth0","cidr":"10.1.3.10/24","family":4},"origin":"examples/ecmp.otop:76:16"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.h3","dev":"eth0"},"origin":"examples/ecmp.otop:76:11"},
  {"op":{"kind":"link.up","ns":"ecmp.h3","dev":"eth0"},"origin":"examples/ecmp.otop:76:11"},
  {"op":{"kind":"route.add","ns":"ecmp.h3","family":4,"destination":"0.0.0.0/0","via":"10.1.3.1"},"origin":"examples/ecmp.otop:76:30"},
  {"op":{"kind":"link.alias","ns":"ecmp.h4","dev":"lo","alias":"opentop:ecmp:h4"},"origin":"examples/ecmp.otop:77:1"},
  {"op":{"kind":"link.up","ns":"ecmp.h4","dev":"lo"},"origin":"examples/ecmp.otop:77:1"},
  {"op":{"kind":"addr.add","ns":"ecmp.h4","dev":"eth0","cidr":"10.1.4.10/24","family":4},"origin":"examples/ecmp.otop:77:16"},
  {"op":{"kind":"link.nolinklocal","ns":"ecmp.h4","dev":"eth0"},"origin":"examples/ecmp.otop:77:11"},
  {"op":{"kind":"link.up","ns":"ecmp.h4","dev":"eth0"},"origin":"examples/ecmp.otop:77:11"},
  {"op":{"kind":"route.add","ns":"ecmp.h4","family":4,"destination":"0.0.0.0/0","via":"10.1.4.1"},"origin":"examples/ecmp.otop:77:30"}
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
    ss) why='this lab'\''s tests look for a listener before starting one' package=iproute2 ;;
    setsid) why='this lab runs services' package=util-linux ;;
    timeout) why='this lab'\''s tests bound the life of a throwaway listener' package=coreutils ;;
    socat) why='this lab'\''s tcp and udp expectations are tested with it' package=socat ;;
    sleep) why='this lab waits for processes to start or stop' package=coreutils ;;
    ping) why='this lab'\''s expectations are tested with ping, or the underlay between its machines checked' package=iputils-ping ;;
    tr) why='this lab stops its processes by their marks' package=coreutils ;;
    sed) why='this lab stops its processes by their marks' package=sed ;;
    *) why='this script runs it' package=$1 ;;
  esac
}