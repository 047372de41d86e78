#!/bin/sh
# Lab ring: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/ring.otop
#   sha256    8f1f862466dbb317e2187221753434f51f58742ffd1098eafcce750b081a69bf
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
LAB='ring'
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
SUMMARY='10 nodes, 0 switches, 10 links (165 operations)'
HELP='
Lab ring: 10 nodes, 0 switches, 10 links (165 operations).
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
  # create network namespace ring.r1  (examples/ring.otop:22:3)
  # create network namespace ring.h1  (examples/ring.otop:39:3)
  # create network namespace ring.r2  (examples/ring.otop:22:3)
  # create network namespace ring.h2  (examples/ring.otop:39:3)
  # create network namespace ring.r3  (examples/ring.otop:22:3)
  # create network namespace ring.h3  (examples/ring.otop:39:3)
  # create network namespace ring.r4  (examples/ring.otop:22:3)
  # create network namespace ring.h4  (examples/ring.otop:39:3)
  # create network namespace ring.r5  (examples/ring.otop:22:3)
  # create network namespace ring.h5  (examples/ring.otop:39:3)
  tool_step '1/17, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add ring.r1
netns add ring.h1
netns add ring.r2
netns add ring.h2
netns add ring.r3
netns add ring.h3
netns add ring.r4
netns add ring.h4
netns add ring.r5
netns add ring.h5
EOF
  # == stage 2 of 4: namespace sysctls (its 5 steps side by side)
  up_2() {
    # set net.ipv4.ip_forward = 1 in ring.r1  (examples/ring.otop:23:5)
    # set net.ipv6.conf.all.forwarding = 1 in ring.r1  (examples/ring.otop:23:5)
    # set net.ipv6.conf.default.accept_dad = 0 in ring.r1  (examples/ring.otop:23:5)
    tool_step '2/17, namespace sysctls, in node r1 (ring.r1)' nsenter --net=/run/netns/ring.r1 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_3() {
    # set net.ipv4.ip_forward = 1 in ring.r2  (examples/ring.otop:23:5)
    # set net.ipv6.conf.all.forwarding = 1 in ring.r2  (examples/ring.otop:23:5)
    # set net.ipv6.conf.default.accept_dad = 0 in ring.r2  (examples/ring.otop:23:5)
    tool_step '3/17, namespace sysctls, in node r2 (ring.r2)' nsenter --net=/run/netns/ring.r2 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_4() {
    # set net.ipv4.ip_forward = 1 in ring.r3  (examples/ring.otop:23:5)
    # set net.ipv6.conf.all.forwarding = 1 in ring.r3  (examples/ring.otop:23:5)
    # set net.ipv6.conf.default.accept_dad = 0 in ring.r3  (examples/ring.otop:23:5)
    tool_step '4/17, namespace sysctls, in node r3 (ring.r3)' nsenter --net=/run/netns/ring.r3 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_5() {
    # set net.ipv4.ip_forward = 1 in ring.r4  (examples/ring.otop:23:5)
    # set net.ipv6.conf.all.forwarding = 1 in ring.r4  (examples/ring.otop:23:5)
    # set net.ipv6.conf.default.accept_dad = 0 in ring.r4  (examples/ring.otop:23:5)
    tool_step '5/17, namespace sysctls, in node r4 (ring.r4)' nsenter --net=/run/netns/ring.r4 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  up_6() {
    # set net.ipv4.ip_forward = 1 in ring.r5  (examples/ring.otop:23:5)
    # set net.ipv6.conf.all.forwarding = 1 in ring.r5  (examples/ring.otop:23:5)
    # set net.ipv6.conf.default.accept_dad = 0 in ring.r5  (examples/ring.otop:23:5)
    tool_step '6/17, namespace sysctls, in node r5 (ring.r5)' nsenter --net=/run/netns/ring.r5 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0
  }
  at_once 2 6 || return 1
  # == stage 3 of 4: links
  # create veth pair right (ring.r1) — left (ring.r2)  (examples/ring.otop:34:3)
  # create veth pair lan (ring.r1) — eth0 (ring.h1)  (examples/ring.otop:40:3)
  # create veth pair right (ring.r2) — left (ring.r3)  (examples/ring.otop:34:3)
  # create veth pair lan (ring.r2) — eth0 (ring.h2)  (examples/ring.otop:40:3)
  # create veth pair right (ring.r3) — left (ring.r4)  (examples/ring.otop:34:3)
  # create veth pair lan (ring.r3) — eth0 (ring.h3)  (examples/ring.otop:40:3)
  # create veth pair right (ring.r4) — left (ring.r5)  (examples/ring.otop:34:3)
  # create veth pair lan (ring.r4) — eth0 (ring.h4)  (examples/ring.otop:40:3)
  # create veth pair right (ring.r5) — left (ring.r1)  (examples/ring.otop:34:3)
  # create veth pair lan (ring.r5) — eth0 (ring.h5)  (examples/ring.otop:40:3)
  tool_step '7/17, links, on the host' ip -batch - <<'EOF' || return 1
link add name right index 6399116 netns ring.r1 type veth peer name left netns ring.r2
link add name lan index 2466013 netns ring.r1 type veth peer name eth0 netns ring.h1
link add name right index 16107059 netns ring.r2 type veth peer name left netns ring.r3
link add name lan index 13258592 netns ring.r2 type veth peer name eth0 netns ring.h2
link add name right index 2518798 netns ring.r3 type veth peer name left netns ring.r4
link add name lan index 1733419 netns ring.r3 type veth peer name eth0 netns ring.h3
link add name right index 5956747 netns ring.r4 type veth peer name left netns ring.r5
link add name lan index 6994488 netns ring.r4 type veth peer name eth0 netns ring.h4
link add name right index 8381861 netns ring.r5 type veth peer name left netns ring.r1
link add name lan index 8219681 netns ring.r5 type veth peer name eth0 netns ring.h5
EOF
  # == stage 4 of 4: addresses and routes (its 10 steps side by side)
  up_8() {
    # mark lo in ring.r1 as opentop:ring:r1  (examples/ring.otop:22:3)
    # bring lo up in ring.r1  (examples/ring.otop:22:3)
    # add 10.255.0.2/31 to right in ring.r1  (examples/ring.otop:34:19)
    # add fd00:ff::2/127 to right in ring.r1  (examples/ring.otop:34:47)
    # bring right up in ring.r1  (examples/ring.otop:34:3)
    # add 10.0.1.1/24 to lan in ring.r1  (examples/ring.otop:40:17)
    # add fd00:1:0:1::1/64 to lan in ring.r1  (examples/ring.otop:40:32)
    # bring lan up in ring.r1  (examples/ring.otop:40:3)
    # add 10.255.0.11/31 to left in ring.r1  (examples/ring.otop:35:21)
    # add fd00:ff::b/127 to left in ring.r1  (examples/ring.otop:35:49)
    # bring left up in ring.r1  (examples/ring.otop:35:8)
    # route 10.0.2.0/24 via 10.255.0.3 in ring.r1  (examples/ring.otop:26:9)
    # route fd00:1:0:2::/64 via fd00:ff::3 in ring.r1  (examples/ring.otop:27:9)
    # route 10.0.3.0/24 via 10.255.0.3 in ring.r1  (examples/ring.otop:26:9)
    # route fd00:1:0:3::/64 via fd00:ff::3 in ring.r1  (examples/ring.otop:27:9)
    # route 10.0.4.0/24 via 10.255.0.10 in ring.r1  (examples/ring.otop:29:9)
    # route fd00:1:0:4::/64 via fd00:ff::a in ring.r1  (examples/ring.otop:30:9)
    # route 10.0.5.0/24 via 10.255.0.10 in ring.r1  (examples/ring.otop:29:9)
    # route fd00:1:0:5::/64 via fd00:ff::a in ring.r1  (examples/ring.otop:30:9)
    tool_step '8/17, addresses and routes, in node r1 (ring.r1)' nsenter --net=/run/netns/ring.r1 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ring:r1
link set dev lo up
addr add 10.255.0.2/31 dev right
addr add fd00:ff::2/127 dev right nodad
link set dev right up
addr add 10.0.1.1/24 dev lan
addr add fd00:1:0:1::1/64 dev lan nodad
link set dev lan up
addr add 10.255.0.11/31 dev left
addr add fd00:ff::b/127 dev left nodad
link set dev left up
route add 10.0.2.0/24 via 10.255.0.3
route add fd00:1:0:2::/64 via fd00:ff::3
route add 10.0.3.0/24 via 10.255.0.3
route add fd00:1:0:3::/64 via fd00:ff::3
route add 10.0.4.0/24 via 10.255.0.10
route add fd00:1:0:4::/64 via fd00:ff::a
route add 10.0.5.0/24 via 10.255.0.10
route add fd00:1:0:5::/64 via fd00:ff::a
EOF
  }
  up_9() {
    # mark lo in ring.h1 as opentop:ring:h1  (examples/ring.otop:39:3)
    # bring lo up in ring.h1  (examples/ring.otop:39:3)
    # add 10.0.1.10/24 to eth0 in ring.h1  (examples/ring.otop:40:61)
    # add fd00:1:0:1::a/64 to eth0 in ring.h1  (examples/ring.otop:40:77)
    # bring eth0 up in ring.h1  (examples/ring.otop:40:51)
    # route 0.0.0.0/0 via 10.0.1.1 in ring.h1  (examples/ring.otop:39:15)
    # route ::/0 via fd00:1:0:1::1 in ring.h1  (examples/ring.otop:39:47)
    tool_step '9/17, addresses and routes, in node h1 (ring.h1)' nsenter --net=/run/netns/ring.h1 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ring:h1
link set dev lo up
addr add 10.0.1.10/24 dev eth0
addr add fd00:1:0:1::a/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.0.1.1
route add ::/0 via fd00:1:0:1::1
EOF
  }
  up_10() {
    # mark lo in ring.r2 as opentop:ring:r2  (examples/ring.otop:22:3)
    # bring lo up in ring.r2  (examples/ring.otop:22:3)
    # add 10.255.0.3/31 to left in ring.r2  (examples/ring.otop:35:21)
    # add fd00:ff::3/127 to left in ring.r2  (examples/ring.otop:35:49)
    # bring left up in ring.r2  (examples/ring.otop:35:8)
    # add 10.255.0.4/31 to right in ring.r2  (examples/ring.otop:34:19)
    # add fd00:ff::4/127 to right in ring.r2  (examples/ring.otop:34:47)
    # bring right up in ring.r2  (examples/ring.otop:34:3)
    # add 10.0.2.1/24 to lan in ring.r2  (examples/ring.otop:40:17)
    # add fd00:1:0:2::1/64 to lan in ring.r2  (examples/ring.otop:40:32)
    # bring lan up in ring.r2  (examples/ring.otop:40:3)
    # route 10.0.1.0/24 via 10.255.0.2 in ring.r2  (examples/ring.otop:29:9)
    # route fd00:1:0:1::/64 via fd00:ff::2 in ring.r2  (examples/ring.otop:30:9)
    # route 10.0.3.0/24 via 10.255.0.5 in ring.r2  (examples/ring.otop:26:9)
    # route fd00:1:0:3::/64 via fd00:ff::5 in ring.r2  (examples/ring.otop:27:9)
    # route 10.0.4.0/24 via 10.255.0.5 in ring.r2  (examples/ring.otop:26:9)
    # route fd00:1:0:4::/64 via fd00:ff::5 in ring.r2  (examples/ring.otop:27:9)
    # route 10.0.5.0/24 via 10.255.0.2 in ring.r2  (examples/ring.otop:29:9)
    # route fd00:1:0:5::/64 via fd00:ff::2 in ring.r2  (examples/ring.otop:30:9)
    tool_step '10/17, addresses and routes, in node r2 (ring.r2)' nsenter --net=/run/netns/ring.r2 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ring:r2
link set dev lo up
addr add 10.255.0.3/31 dev left
addr add fd00:ff::3/127 dev left nodad
link set dev left up
addr add 10.255.0.4/31 dev right
addr add fd00:ff::4/127 dev right nodad
link set dev right up
addr add 10.0.2.1/24 dev lan
addr add fd00:1:0:2::1/64 dev lan nodad
link set dev lan up
route add 10.0.1.0/24 via 10.255.0.2
route add fd00:1:0:1::/64 via fd00:ff::2
route add 10.0.3.0/24 via 10.255.0.5
route add fd00:1:0:3::/64 via fd00:ff::5
route add 10.0.4.0/24 via 10.255.0.5
route add fd00:1:0:4::/64 via fd00:ff::5
route add 10.0.5.0/24 via 10.255.0.2
route add fd00:1:0:5::/64 via fd00:ff::2
EOF
  }
  up_11() {
    # mark lo in ring.h2 as opentop:ring:h2  (examples/ring.otop:39:3)
    # bring lo up in ring.h2  (examples/ring.otop:39:3)
    # add 10.0.2.10/24 to eth0 in ring.h2  (examples/ring.otop:40:61)
    # add fd00:1:0:2::a/64 to eth0 in ring.h2  (examples/ring.otop:40:77)
    # bring eth0 up in ring.h2  (examples/ring.otop:40:51)
    # route 0.0.0.0/0 via 10.0.2.1 in ring.h2  (examples/ring.otop:39:15)
    # route ::/0 via fd00:1:0:2::1 in ring.h2  (examples/ring.otop:39:47)
    tool_step '11/17, addresses and routes, in node h2 (ring.h2)' nsenter --net=/run/netns/ring.h2 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ring:h2
link set dev lo up
addr add 10.0.2.10/24 dev eth0
addr add fd00:1:0:2::a/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.0.2.1
route add ::/0 via fd00:1:0:2::1
EOF
  }
  up_12() {
    # mark lo in ring.r3 as opentop:ring:r3  (examples/ring.otop:22:3)
    # bring lo up in ring.r3  (examples/ring.otop:22:3)
    # add 10.255.0.5/31 to left in ring.r3  (examples/ring.otop:35:21)
    # add fd00:ff::5/127 to left in ring.r3  (examples/ring.otop:35:49)
    # bring left up in ring.r3  (examples/ring.otop:35:8)
    # add 10.255.0.6/31 to right in ring.r3  (examples/ring.otop:34:19)
    # add fd00:ff::6/127 to right in ring.r3  (examples/ring.otop:34:47)
    # bring right up in ring.r3  (examples/ring.otop:34:3)
    # add 10.0.3.1/24 to lan in ring.r3  (examples/ring.otop:40:17)
    # add fd00:1:0:3::1/64 to lan in ring.r3  (examples/ring.otop:40:32)
    # bring lan up in ring.r3  (examples/ring.otop:40:3)
    # route 10.0.1.0/24 via 10.255.0.4 in ring.r3  (examples/ring.otop:29:9)
    # route fd00:1:0:1::/64 via fd00:ff::4 in ring.r3  (examples/ring.otop:30:9)
    # route 10.0.2.0/24 via 10.255.0.4 in ring.r3  (examples/ring.otop:29:9)
    # route fd00:1:0:2::/64 via fd00:ff::4 in ring.r3  (examples/ring.otop:30:9)
    # route 10.0.4.0/24 via 10.255.0.7 in ring.r3  (examples/ring.otop:26:9)
    # route fd00:1:0:4::/64 via fd00:ff::7 in ring.r3  (examples/ring.otop:27:9)
    # route 10.0.5.0/24 via 10.255.0.7 in ring.r3  (examples/ring.otop:26:9)
    # route fd00:1:0:5::/64 via fd00:ff::7 in ring.r3  (examples/ring.otop:27:9)
    tool_step '12/17, addresses and routes, in node r3 (ring.r3)' nsenter --net=/run/netns/ring.r3 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ring:r3
link set dev lo up
addr add 10.255.0.5/31 dev left
addr add fd00:ff::5/127 dev left nodad
link set dev left up
addr add 10.255.0.6/31 dev right
addr add fd00:ff::6/127 dev right nodad
link set dev right up
addr add 10.0.3.1/24 dev lan
addr add fd00:1:0:3::1/64 dev lan nodad
link set dev lan up
route add 10.0.1.0/24 via 10.255.0.4
route add fd00:1:0:1::/64 via fd00:ff::4
route add 10.0.2.0/24 via 10.255.0.4
route add fd00:1:0:2::/64 via fd00:ff::4
route add 10.0.4.0/24 via 10.255.0.7
route add fd00:1:0:4::/64 via fd00:ff::7
route add 10.0.5.0/24 via 10.255.0.7
route add fd00:1:0:5::/64 via fd00:ff::7
EOF
  }
  up_13() {
    # mark lo in ring.h3 as opentop:ring:h3  (examples/ring.otop:39:3)
    # bring lo up in ring.h3  (examples/ring.otop:39:3)
    # add 10.0.3.10/24 to eth0 in ring.h3  (examples/ring.otop:40:61)
    # add fd00:1:0:3::a/64 to eth0 in ring.h3  (examples/ring.otop:40:77)
    # bring eth0 up in ring.h3  (examples/ring.otop:40:51)
    # route 0.0.0.0/0 via 10.0.3.1 in ring.h3  (examples/ring.otop:39:15)
    # route ::/0 via fd00:1:0:3::1 in ring.h3  (examples/ring.otop:39:47)
    tool_step '13/17, addresses and routes, in node h3 (ring.h3)' nsenter --net=/run/netns/ring.h3 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ring:h3
link set dev lo up
addr add 10.0.3.10/24 dev eth0
addr add fd00:1:0:3::a/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.0.3.1
route add ::/0 via fd00:1:0:3::1
EOF
  }
  up_14() {
    # mark lo in ring.r4 as opentop:ring:r4  (examples/ring.otop:22:3)
    # bring lo up in ring.r4  (examples/ring.otop:22:3)
    # add 10.255.0.7/31 to left in ring.r4  (examples/ring.otop:35:21)
    # add fd00:ff::7/127 to left in ring.r4  (examples/ring.otop:35:49)
    # bring left up in ring.r4  (examples/ring.otop:35:8)
    # add 10.255.0.8/31 to right in ring.r4  (examples/ring.otop:34:19)
    # add fd00:ff::8/127 to right in ring.r4  (examples/ring.otop:34:47)
    # bring right up in ring.r4  (examples/ring.otop:34:3)
    # add 10.0.4.1/24 to lan in ring.r4  (examples/ring.otop:40:17)
    # add fd00:1:0:4::1/64 to lan in ring.r4  (examples/ring.otop:40:32)
    # bring lan up in ring.r4  (examples/ring.otop:40:3)
    # route 10.0.1.0/24 via 10.255.0.9 in ring.r4  (examples/ring.otop:26:9)
    # route fd00:1:0:1::/64 via fd00:ff::9 in ring.r4  (examples/ring.otop:27:9)
    # route 10.0.2.0/24 via 10.255.0.6 in ring.r4  (examples/ring.otop:29:9)
    # route fd00:1:0:2::/64 via fd00:ff::6 in ring.r4  (examples/ring.otop:30:9)
    # route 10.0.3.0/24 via 10.255.0.6 in ring.r4  (examples/ring.otop:29:9)
    # route fd00:1:0:3::/64 via fd00:ff::6 in ring.r4  (examples/ring.otop:30:9)
    # route 10.0.5.0/24 via 10.255.0.9 in ring.r4  (examples/ring.otop:26:9)
    # route fd00:1:0:5::/64 via fd00:ff::9 in ring.r4  (examples/ring.otop:27:9)
    tool_step '14/17, addresses and routes, in node r4 (ring.r4)' nsenter --net=/run/netns/ring.r4 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ring:r4
link set dev lo up
addr add 10.255.0.7/31 dev left
addr add fd00:ff::7/127 dev left nodad
link set dev left up
addr add 10.255.0.8/31 dev right
addr add fd00:ff::8/127 dev right nodad
link set dev right up
addr add 10.0.4.1/24 dev lan
addr add fd00:1:0:4::1/64 dev lan nodad
link set dev lan up
route add 10.0.1.0/24 via 10.255.0.9
route add fd00:1:0:1::/64 via fd00:ff::9
route add 10.0.2.0/24 via 10.255.0.6
route add fd00:1:0:2::/64 via fd00:ff::6
route add 10.0.3.0/24 via 10.255.0.6
route add fd00:1:0:3::/64 via fd00:ff::6
route add 10.0.5.0/24 via 10.255.0.9
route add fd00:1:0:5::/64 via fd00:ff::9
EOF
  }
  up_15() {
    # mark lo in ring.h4 as opentop:ring:h4  (examples/ring.otop:39:3)
    # bring lo up in ring.h4  (examples/ring.otop:39:3)
    # add 10.0.4.10/24 to eth0 in ring.h4  (examples/ring.otop:40:61)
    # add fd00:1:0:4::a/64 to eth0 in ring.h4  (examples/ring.otop:40:77)
    # bring eth0 up in ring.h4  (examples/ring.otop:40:51)
    # route 0.0.0.0/0 via 10.0.4.1 in ring.h4  (examples/ring.otop:39:15)
    # route ::/0 via fd00:1:0:4::1 in ring.h4  (examples/ring.otop:39:47)
    tool_step '15/17, addresses and routes, in node h4 (ring.h4)' nsenter --net=/run/netns/ring.h4 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ring:h4
link set dev lo up
addr add 10.0.4.10/24 dev eth0
addr add fd00:1:0:4::a/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.0.4.1
route add ::/0 via fd00:1:0:4::1
EOF
  }
  up_16() {
    # mark lo in ring.r5 as opentop:ring:r5  (examples/ring.otop:22:3)
    # bring lo up in ring.r5  (examples/ring.otop:22:3)
    # add 10.255.0.9/31 to left in ring.r5  (examples/ring.otop:35:21)
    # add fd00:ff::9/127 to left in ring.r5  (examples/ring.otop:35:49)
    # bring left up in ring.r5  (examples/ring.otop:35:8)
    # add 10.255.0.10/31 to right in ring.r5  (examples/ring.otop:34:19)
    # add fd00:ff::a/127 to right in ring.r5  (examples/ring.otop:34:47)
    # bring right up in ring.r5  (examples/ring.otop:34:3)
    # add 10.0.5.1/24 to lan in ring.r5  (examples/ring.otop:40:17)
    # add fd00:1:0:5::1/64 to lan in ring.r5  (examples/ring.otop:40:32)
    # bring lan up in ring.r5  (examples/ring.otop:40:3)
    # route 10.0.1.0/24 via 10.255.0.11 in ring.r5  (examples/ring.otop:26:9)
    # route fd00:1:0:1::/64 via fd00:ff::b in ring.r5  (examples/ring.otop:27:9)
    # route 10.0.2.0/24 via 10.255.0.11 in ring.r5  (examples/ring.otop:26:9)
    # route fd00:1:0:2::/64 via fd00:ff::b in ring.r5  (examples/ring.otop:27:9)
    # route 10.0.3.0/24 via 10.255.0.8 in ring.r5  (examples/ring.otop:29:9)
    # route fd00:1:0:3::/64 via fd00:ff::8 in ring.r5  (examples/ring.otop:30:9)
    # route 10.0.4.0/24 via 10.255.0.8 in ring.r5  (examples/ring.otop:29:9)
    # route fd00:1:0:4::/64 via fd00:ff::8 in ring.r5  (examples/ring.otop:30:9)
    tool_step '16/17, addresses and routes, in node r5 (ring.r5)' nsenter --net=/run/netns/ring.r5 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ring:r5
link set dev lo up
addr add 10.255.0.9/31 dev left
addr add fd00:ff::9/127 dev left nodad
link set dev left up
addr add 10.255.0.10/31 dev right
addr add fd00:ff::a/127 dev right nodad
link set dev right up
addr add 10.0.5.1/24 dev lan
addr add fd00:1:0:5::1/64 dev lan nodad
link set dev lan up
route add 10.0.1.0/24 via 10.255.0.11
route add fd00:1:0:1::/64 via fd00:ff::b
route add 10.0.2.0/24 via 10.255.0.11
route add fd00:1:0:2::/64 via fd00:ff::b
route add 10.0.3.0/24 via 10.255.0.8
route add fd00:1:0:3::/64 via fd00:ff::8
route add 10.0.4.0/24 via 10.255.0.8
route add fd00:1:0:4::/64 via fd00:ff::8
EOF
  }
  up_17() {
    # mark lo in ring.h5 as opentop:ring:h5  (examples/ring.otop:39:3)
    # bring lo up in ring.h5  (examples/ring.otop:39:3)
    # add 10.0.5.10/24 to eth0 in ring.h5  (examples/ring.otop:40:61)
    # add fd00:1:0:5::a/64 to eth0 in ring.h5  (examples/ring.otop:40:77)
    # bring eth0 up in ring.h5  (examples/ring.otop:40:51)
    # route 0.0.0.0/0 via 10.0.5.1 in ring.h5  (examples/ring.otop:39:15)
    # route ::/0 via fd00:1:0:5::1 in ring.h5  (examples/ring.otop:39:47)
    tool_step '17/17, addresses and routes, in node h5 (ring.h5)' nsenter --net=/run/netns/ring.h5 -- ip -batch - <<'EOF'
link set dev lo alias opentop:ring:h5
link set dev lo up
addr add 10.0.5.10/24 dev eth0
addr add fd00:1:0:5::a/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.0.5.1
route add ::/0 via fd00:1:0:5::1
EOF
  }
  at_once 8 17 || return 1
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
  # delete network namespace ring.h5 and everything in it
  if ns_ours ring.h5 opentop:ring:h5; then owned=$((owned + 1)); queue 'netns del ring.h5'; fi
  # delete network namespace ring.r5 and everything in it
  if ns_ours ring.r5 opentop:ring:r5; then owned=$((owned + 1)); queue 'netns del ring.r5'; fi
  # delete network namespace ring.h4 and everything in it
  if ns_ours ring.h4 opentop:ring:h4; then owned=$((owned + 1)); queue 'netns del ring.h4'; fi
  # delete network namespace ring.r4 and everything in it
  if ns_ours ring.r4 opentop:ring:r4; then owned=$((owned + 1)); queue 'netns del ring.r4'; fi
  # delete network namespace ring.h3 and everything in it
  if ns_ours ring.h3 opentop:ring:h3; then owned=$((owned + 1)); queue 'netns del ring.h3'; fi
  # delete network namespace ring.r3 and everything in it
  if ns_ours ring.r3 opentop:ring:r3; then owned=$((owned + 1)); queue 'netns del ring.r3'; fi
  # delete network namespace ring.h2 and everything in it
  if ns_ours ring.h2 opentop:ring:h2; then owned=$((owned + 1)); queue 'netns del ring.h2'; fi
  # delete network namespace ring.r2 and everything in it
  if ns_ours ring.r2 opentop:ring:r2; then owned=$((owned + 1)); queue 'netns del ring.r2'; fi
  # delete network namespace ring.h1 and everything in it
  if ns_ours ring.h1 opentop:ring:h1; then owned=$((owned + 1)); queue 'netns del ring.h1'; fi
  # delete network namespace ring.r1 and everything in it
  if ns_ours ring.r1 opentop:ring:r1; then owned=$((owned + 1)); queue 'netns del ring.r1'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/ring.r1 ]; then left="$left"'  netns ring.r1'"$NL"; fi
  if [ -e /run/netns/ring.h1 ]; then left="$left"'  netns ring.h1'"$NL"; fi
  if [ -e /run/netns/ring.r2 ]; then left="$left"'  netns ring.r2'"$NL"; fi
  if [ -e /run/netns/ring.h2 ]; then left="$left"'  netns ring.h2'"$NL"; fi
  if [ -e /run/netns/ring.r3 ]; then left="$left"'  netns ring.r3'"$NL"; fi
  if [ -e /run/netns/ring.h3 ]; then left="$left"'  netns ring.h3'"$NL"; fi
  if [ -e /run/netns/ring.r4 ]; then left="$left"'  netns ring.r4'"$NL"; fi
  if [ -e /run/netns/ring.h4 ]; then left="$left"'  netns ring.h4'"$NL"; fi
  if [ -e /run/netns/ring.r5 ]; then left="$left"'  netns ring.r5'"$NL"; fi
  if [ -e /run/netns/ring.h5 ]; then left="$left"'  netns ring.h5'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/ring.r1 && found=0
  taken_netns /run/netns/ring.h1 && found=0
  taken_netns /run/netns/ring.r2 && found=0
  taken_netns /run/netns/ring.h2 && found=0
  taken_netns /run/netns/ring.r3 && found=0
  taken_netns /run/netns/ring.h3 && found=0
  taken_netns /run/netns/ring.r4 && found=0
  taken_netns /run/netns/ring.h4 && found=0
  taken_netns /run/netns/ring.r5 && found=0
  taken_netns /run/netns/ring.h5 && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/ring.otop:34:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/ring.otop:40:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:ring.r1 2:ring.h1 3:ring.r2 4:ring.h2 5:ring.r3 6:ring.h3 7:ring.r4 8:ring.h4 9:ring.r5 10:ring.h5
)

ns_1() { look 'node r1 (ring.r1)' ring.r1 links_1 1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 1 ]; then
    want_addr right 10.255.0.2/31
    want_addr right fd00:ff::2/127
  else
    drift missing 'interface right'
  fi
  if [ "${seen_3-}" = 1 ]; then
    want_addr lan 10.0.1.1/24
    want_addr lan fd00:1:0:1::1/64
  else
    drift missing 'interface lan'
  fi
  if [ "${seen_4-}" = 1 ]; then
    want_addr left 10.255.0.11/31
    want_addr left fd00:ff::b/127
  else
    drift missing 'interface left'
  fi
  [ "${rseen_1-}" = 1 ] || drift missing 'route 10.0.2.0/24 via 10.255.0.3'
  [ "${rseen_2-}" = 1 ] || drift missing 'route fd00:1:0:2::/64 via fd00:ff::3'
  [ "${rseen_3-}" = 1 ] || drift missing 'route 10.0.3.0/24 via 10.255.0.3'
  [ "${rseen_4-}" = 1 ] || drift missing 'route fd00:1:0:3::/64 via fd00:ff::3'
  [ "${rseen_5-}" = 1 ] || drift missing 'route 10.0.4.0/24 via 10.255.0.10'
  [ "${rseen_6-}" = 1 ] || drift missing 'route fd00:1:0:4::/64 via fd00:ff::a'
  [ "${rseen_7-}" = 1 ] || drift missing 'route 10.0.5.0/24 via 10.255.0.10'
  [ "${rseen_8-}" = 1 ] || drift missing 'route fd00:1:0:5::/64 via fd00:ff::a'
  extras
}

# links_1 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_1() {
  case $1 in
    lo) seen_1=1; want_link up ;;
    right) seen_2=1; want_link up ;;
    lan) seen_3=1; want_link up ;;
    left) seen_4=1; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_1: marks the plan's routes that this route of the kernel is; false if none.
routes_1() {
  is=1
  case $r_dest in
    10.0.2.0/24)
      ! route_is '' 10.255.0.3 '' || { rseen_1=1; is=0; }
      ;;
    fd00:1:0:2::/64)
      ! route_is '' fd00:ff::3 '' || { rseen_2=1; is=0; }
      ;;
    10.0.3.0/24)
      ! route_is '' 10.255.0.3 '' || { rseen_3=1; is=0; }
      ;;
    fd00:1:0:3::/64)
      ! route_is '' fd00:ff::3 '' || { rseen_4=1; is=0; }
      ;;
    10.0.4.0/24)
      ! route_is '' 10.255.0.10 '' || { rseen_5=1; is=0; }
      ;;
    fd00:1:0:4::/64)
      ! route_is '' fd00:ff::a '' || { rseen_6=1; is=0; }
      ;;
    10.0.5.0/24)
      ! route_is '' 10.255.0.10 '' || { rseen_7=1; is=0; }
      ;;
    fd00:1:0:5::/64)
      ! route_is '' fd00:ff::a '' || { rseen_8=1; is=0; }
      ;;
  esac
  return $is
}

ns_2() { look 'node h1 (ring.h1)' ring.h1 links_2 1; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr eth0 10.0.1.10/24
    want_addr eth0 fd00:1:0:1::a/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 2 ] || drift missing 'route 0.0.0.0/0 via 10.0.1.1'
  [ "${rseen_2-}" = 2 ] || drift missing 'route ::/0 via fd00:1:0:1::1'
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    eth0) seen_2=2; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_2: marks the plan's routes that this route of the kernel is; false if none.
routes_2() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.0.1.1 '' || { rseen_1=2; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:1:0:1::1 '' || { rseen_2=2; is=0; }
      ;;
  esac
  return $is
}

ns_3() { look 'node r2 (ring.r2)' ring.r2 links_3 1; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr left 10.255.0.3/31
    want_addr left fd00:ff::3/127
  else
    drift missing 'interface left'
  fi
  if [ "${seen_3-}" = 3 ]; then
    want_addr right 10.255.0.4/31
    want_addr right fd00:ff::4/127
  else
    drift missing 'interface right'
  fi
  if [ "${seen_4-}" = 3 ]; then
    want_addr lan 10.0.2.1/24
    want_addr lan fd00:1:0:2::1/64
  else
    drift missing 'interface lan'
  fi
  [ "${rseen_1-}" = 3 ] || drift missing 'route 10.0.1.0/24 via 10.255.0.2'
  [ "${rseen_2-}" = 3 ] || drift missing 'route fd00:1:0:1::/64 via fd00:ff::2'
  [ "${rseen_3-}" = 3 ] || drift missing 'route 10.0.3.0/24 via 10.255.0.5'
  [ "${rseen_4-}" = 3 ] || drift missing 'route fd00:1:0:3::/64 via fd00:ff::5'
  [ "${rseen_5-}" = 3 ] || drift missing 'route 10.0.4.0/24 via 10.255.0.5'
  [ "${rseen_6-}" = 3 ] || drift missing 'route fd00:1:0:4::/64 via fd00:ff::5'
  [ "${rseen_7-}" = 3 ] || drift missing 'route 10.0.5.0/24 via 10.255.0.2'
  [ "${rseen_8-}" = 3 ] || drift missing 'route fd00:1:0:5::/64 via fd00:ff::2'
  extras
}

# links_3 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_3() {
  case $1 in
    lo) seen_1=3; want_link up ;;
    left) seen_2=3; want_link up ;;
    right) seen_3=3; want_link up ;;
    lan) seen_4=3; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_3: marks the plan's routes that this route of the kernel is; false if none.
routes_3() {
  is=1
  case $r_dest in
    10.0.1.0/24)
      ! route_is '' 10.255.0.2 '' || { rseen_1=3; is=0; }
      ;;
    fd00:1:0:1::/64)
      ! route_is '' fd00:ff::2 '' || { rseen_2=3; is=0; }
      ;;
    10.0.3.0/24)
      ! route_is '' 10.255.0.5 '' || { rseen_3=3; is=0; }
      ;;
    fd00:1:0:3::/64)
      ! route_is '' fd00:ff::5 '' || { rseen_4=3; is=0; }
      ;;
    10.0.4.0/24)
      ! route_is '' 10.255.0.5 '' || { rseen_5=3; is=0; }
      ;;
    fd00:1:0:4::/64)
      ! route_is '' fd00:ff::5 '' || { rseen_6=3; is=0; }
      ;;
    10.0.5.0/24)
      ! route_is '' 10.255.0.2 '' || { rseen_7=3; is=0; }
      ;;
    fd00:1:0:5::/64)
      ! route_is '' fd00:ff::2 '' || { rseen_8=3; is=0; }
      ;;
  esac
  return $is
}

ns_4() { look 'node h2 (ring.h2)' ring.h2 links_4 1; }
end_4() {
  [ "${seen_1-}" = 4 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 4 ]; then
    want_addr eth0 10.0.2.10/24
    want_addr eth0 fd00:1:0:2::a/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 4 ] || drift missing 'route 0.0.0.0/0 via 10.0.2.1'
  [ "${rseen_2-}" = 4 ] || drift missing 'route ::/0 via fd00:1:0:2::1'
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
      ! route_is '' 10.0.2.1 '' || { rseen_1=4; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:1:0:2::1 '' || { rseen_2=4; is=0; }
      ;;
  esac
  return $is
}

ns_5() { look 'node r3 (ring.r3)' ring.r3 links_5 1; }
end_5() {
  [ "${seen_1-}" = 5 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 5 ]; then
    want_addr left 10.255.0.5/31
    want_addr left fd00:ff::5/127
  else
    drift missing 'interface left'
  fi
  if [ "${seen_3-}" = 5 ]; then
    want_addr right 10.255.0.6/31
    want_addr right fd00:ff::6/127
  else
    drift missing 'interface right'
  fi
  if [ "${seen_4-}" = 5 ]; then
    want_addr lan 10.0.3.1/24
    want_addr lan fd00:1:0:3::1/64
  else
    drift missing 'interface lan'
  fi
  [ "${rseen_1-}" = 5 ] || drift missing 'route 10.0.1.0/24 via 10.255.0.4'
  [ "${rseen_2-}" = 5 ] || drift missing 'route fd00:1:0:1::/64 via fd00:ff::4'
  [ "${rseen_3-}" = 5 ] || drift missing 'route 10.0.2.0/24 via 10.255.0.4'
  [ "${rseen_4-}" = 5 ] || drift missing 'route fd00:1:0:2::/64 via fd00:ff::4'
  [ "${rseen_5-}" = 5 ] || drift missing 'route 10.0.4.0/24 via 10.255.0.7'
  [ "${rseen_6-}" = 5 ] || drift missing 'route fd00:1:0:4::/64 via fd00:ff::7'
  [ "${rseen_7-}" = 5 ] || drift missing 'route 10.0.5.0/24 via 10.255.0.7'
  [ "${rseen_8-}" = 5 ] || drift missing 'route fd00:1:0:5::/64 via fd00:ff::7'
  extras
}

# links_5 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_5() {
  case $1 in
    lo) seen_1=5; want_link up ;;
    left) seen_2=5; want_link up ;;
    right) seen_3=5; want_link up ;;
    lan) seen_4=5; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_5: marks the plan's routes that this route of the kernel is; false if none.
routes_5() {
  is=1
  case $r_dest in
    10.0.1.0/24)
      ! route_is '' 10.255.0.4 '' || { rseen_1=5; is=0; }
      ;;
    fd00:1:0:1::/64)
      ! route_is '' fd00:ff::4 '' || { rseen_2=5; is=0; }
      ;;
    10.0.2.0/24)
      ! route_is '' 10.255.0.4 '' || { rseen_3=5; is=0; }
      ;;
    fd00:1:0:2::/64)
      ! route_is '' fd00:ff::4 '' || { rseen_4=5; is=0; }
      ;;
    10.0.4.0/24)
      ! route_is '' 10.255.0.7 '' || { rseen_5=5; is=0; }
      ;;
    fd00:1:0:4::/64)
      ! route_is '' fd00:ff::7 '' || { rseen_6=5; is=0; }
      ;;
    10.0.5.0/24)
      ! route_is '' 10.255.0.7 '' || { rseen_7=5; is=0; }
      ;;
    fd00:1:0:5::/64)
      ! route_is '' fd00:ff::7 '' || { rseen_8=5; is=0; }
      ;;
  esac
  return $is
}

ns_6() { look 'node h3 (ring.h3)' ring.h3 links_6 1; }
end_6() {
  [ "${seen_1-}" = 6 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 6 ]; then
    want_addr eth0 10.0.3.10/24
    want_addr eth0 fd00:1:0:3::a/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 6 ] || drift missing 'route 0.0.0.0/0 via 10.0.3.1'
  [ "${rseen_2-}" = 6 ] || drift missing 'route ::/0 via fd00:1:0:3::1'
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
      ! route_is '' 10.0.3.1 '' || { rseen_1=6; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:1:0:3::1 '' || { rseen_2=6; is=0; }
      ;;
  esac
  return $is
}

ns_7() { look 'node r4 (ring.r4)' ring.r4 links_7 1; }
end_7() {
  [ "${seen_1-}" = 7 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 7 ]; then
    want_addr left 10.255.0.7/31
    want_addr left fd00:ff::7/127
  else
    drift missing 'interface left'
  fi
  if [ "${seen_3-}" = 7 ]; then
    want_addr right 10.255.0.8/31
    want_addr right fd00:ff::8/127
  else
    drift missing 'interface right'
  fi
  if [ "${seen_4-}" = 7 ]; then
    want_addr lan 10.0.4.1/24
    want_addr lan fd00:1:0:4::1/64
  else
    drift missing 'interface lan'
  fi
  [ "${rseen_1-}" = 7 ] || drift missing 'route 10.0.1.0/24 via 10.255.0.9'
  [ "${rseen_2-}" = 7 ] || drift missing 'route fd00:1:0:1::/64 via fd00:ff::9'
  [ "${rseen_3-}" = 7 ] || drift missing 'route 10.0.2.0/24 via 10.255.0.6'
  [ "${rseen_4-}" = 7 ] || drift missing 'route fd00:1:0:2::/64 via fd00:ff::6'
  [ "${rseen_5-}" = 7 ] || drift missing 'route 10.0.3.0/24 via 10.255.0.6'
  [ "${rseen_6-}" = 7 ] || drift missing 'route fd00:1:0:3::/64 via fd00:ff::6'
  [ "${rseen_7-}" = 7 ] || drift missing 'route 10.0.5.0/24 via 10.255.0.9'
  [ "${rseen_8-}" = 7 ] || drift missing 'route fd00:1:0:5::/64 via fd00:ff::9'
  extras
}

# links_7 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_7() {
  case $1 in
    lo) seen_1=7; want_link up ;;
    left) seen_2=7; want_link up ;;
    right) seen_3=7; want_link up ;;
    lan) seen_4=7; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_7: marks the plan's routes that this route of the kernel is; false if none.
routes_7() {
  is=1
  case $r_dest in
    10.0.1.0/24)
      ! route_is '' 10.255.0.9 '' || { rseen_1=7; is=0; }
      ;;
    fd00:1:0:1::/64)
      ! route_is '' fd00:ff::9 '' || { rseen_2=7; is=0; }
      ;;
    10.0.2.0/24)
      ! route_is '' 10.255.0.6 '' || { rseen_3=7; is=0; }
      ;;
    fd00:1:0:2::/64)
      ! route_is '' fd00:ff::6 '' || { rseen_4=7; is=0; }
      ;;
    10.0.3.0/24)
      ! route_is '' 10.255.0.6 '' || { rseen_5=7; is=0; }
      ;;
    fd00:1:0:3::/64)
      ! route_is '' fd00:ff::6 '' || { rseen_6=7; is=0; }
      ;;
    10.0.5.0/24)
      ! route_is '' 10.255.0.9 '' || { rseen_7=7; is=0; }
      ;;
    fd00:1:0:5::/64)
      ! route_is '' fd00:ff::9 '' || { rseen_8=7; is=0; }
      ;;
  esac
  return $is
}

ns_8() { look 'node h4 (ring.h4)' ring.h4 links_8 1; }
end_8() {
  [ "${seen_1-}" = 8 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 8 ]; then
    want_addr eth0 10.0.4.10/24
    want_addr eth0 fd00:1:0:4::a/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 8 ] || drift missing 'route 0.0.0.0/0 via 10.0.4.1'
  [ "${rseen_2-}" = 8 ] || drift missing 'route ::/0 via fd00:1:0:4::1'
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
      ! route_is '' 10.0.4.1 '' || { rseen_1=8; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:1:0:4::1 '' || { rseen_2=8; is=0; }
      ;;
  esac
  return $is
}

ns_9() { look 'node r5 (ring.r5)' ring.r5 links_9 1; }
end_9() {
  [ "${seen_1-}" = 9 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 9 ]; then
    want_addr left 10.255.0.9/31
    want_addr left fd00:ff::9/127
  else
    drift missing 'interface left'
  fi
  if [ "${seen_3-}" = 9 ]; then
    want_addr right 10.255.0.10/31
    want_addr right fd00:ff::a/127
  else
    drift missing 'interface right'
  fi
  if [ "${seen_4-}" = 9 ]; then
    want_addr lan 10.0.5.1/24
    want_addr lan fd00:1:0:5::1/64
  else
    drift missing 'interface lan'
  fi
  [ "${rseen_1-}" = 9 ] || drift missing 'route 10.0.1.0/24 via 10.255.0.11'
  [ "${rseen_2-}" = 9 ] || drift missing 'route fd00:1:0:1::/64 via fd00:ff::b'
  [ "${rseen_3-}" = 9 ] || drift missing 'route 10.0.2.0/24 via 10.255.0.11'
  [ "${rseen_4-}" = 9 ] || drift missing 'route fd00:1:0:2::/64 via fd00:ff::b'
  [ "${rseen_5-}" = 9 ] || drift missing 'route 10.0.3.0/24 via 10.255.0.8'
  [ "${rseen_6-}" = 9 ] || drift missing 'route fd00:1:0:3::/64 via fd00:ff::8'
  [ "${rseen_7-}" = 9 ] || drift missing 'route 10.0.4.0/24 via 10.255.0.8'
  [ "${rseen_8-}" = 9 ] || drift missing 'route fd00:1:0:4::/64 via fd00:ff::8'
  extras
}

# links_9 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_9() {
  case $1 in
    lo) seen_1=9; want_link up ;;
    left) seen_2=9; want_link up ;;
    right) seen_3=9; want_link up ;;
    lan) seen_4=9; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_9: marks the plan's routes that this route of the kernel is; false if none.
routes_9() {
  is=1
  case $r_dest in
    10.0.1.0/24)
      ! route_is '' 10.255.0.11 '' || { rseen_1=9; is=0; }
      ;;
    fd00:1:0:1::/64)
      ! route_is '' fd00:ff::b '' || { rseen_2=9; is=0; }
      ;;
    10.0.2.0/24)
      ! route_is '' 10.255.0.11 '' || { rseen_3=9; is=0; }
      ;;
    fd00:1:0:2::/64)
      ! route_is '' fd00:ff::b '' || { rseen_4=9; is=0; }
      ;;
    10.0.3.0/24)
      ! route_is '' 10.255.0.8 '' || { rseen_5=9; is=0; }
      ;;
    fd00:1:0:3::/64)
      ! route_is '' fd00:ff::8 '' || { rseen_6=9; is=0; }
      ;;
    10.0.4.0/24)
      ! route_is '' 10.255.0.8 '' || { rseen_7=9; is=0; }
      ;;
    fd00:1:0:4::/64)
      ! route_is '' fd00:ff::8 '' || { rseen_8=9; is=0; }
      ;;
  esac
  return $is
}

ns_10() { look 'node h5 (ring.h5)' ring.h5 links_10 1; }
end_10() {
  [ "${seen_1-}" = 10 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 10 ]; then
    want_addr eth0 10.0.5.10/24
    want_addr eth0 fd00:1:0:5::a/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 10 ] || drift missing 'route 0.0.0.0/0 via 10.0.5.1'
  [ "${rseen_2-}" = 10 ] || drift missing 'route ::/0 via fd00:1:0:5::1'
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
      ! route_is '' 10.0.5.1 '' || { rseen_1=10; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:1:0:5::1 '' || { rseen_2=10; is=0; }
      ;;
  esac
  return $is
}

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    r1) enter nsenter --net=/run/netns/ring.r1 -- "$@" ;;
    h1) enter nsenter --net=/run/netns/ring.h1 -- "$@" ;;
    r2) enter nsenter --net=/run/netns/ring.r2 -- "$@" ;;
    h2) enter nsenter --net=/run/netns/ring.h2 -- "$@" ;;
    r3) enter nsenter --net=/run/netns/ring.r3 -- "$@" ;;
    h3) enter nsenter --net=/run/netns/ring.h3 -- "$@" ;;
    r4) enter nsenter --net=/run/netns/ring.r4 -- "$@" ;;
    h4) enter nsenter --net=/run/netns/ring.h4 -- "$@" ;;
    r5) enter nsenter --net=/run/netns/ring.r5 -- "$@" ;;
    h5) enter nsenter --net=/run/netns/ring.h5 -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are r1, h1, r2, h2, r3, h3, r4, h4, r5, h5'
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
  printf '%s\n' '# lab ring: up, 165 operations in 17 processes

# stage 1: namespaces
ip -batch -
    netns add ring.r1  # examples/ring.otop:22:3
    netns add ring.h1  # examples/ring.otop:39:3
    netns add ring.r2  # examples/ring.otop:22:3
    netns add ring.h2  # examples/ring.otop:39:3
    netns add ring.r3  # examples/ring.otop:22:3
    netns add ring.h3  # examples/ring.otop:39:3
    netns add ring.r4  # examples/ring.otop:22:3
    netns add ring.h4  # examples/ring.otop:39:3
    netns add ring.r5  # examples/ring.otop:22:3
    netns add ring.h5  # examples/ring.otop:39:3

# stage 2: namespace sysctls (steps run concurrently)
nsenter --net=/run/netns/ring.r1 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/ring.otop:23:5
    net.ipv6.conf.all.forwarding=1      # examples/ring.otop:23:5
    net.ipv6.conf.default.accept_dad=0  # examples/ring.otop:23:5
nsenter --net=/run/netns/ring.r2 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/ring.otop:23:5
    net.ipv6.conf.all.forwarding=1      # examples/ring.otop:23:5
    net.ipv6.conf.default.accept_dad=0  # examples/ring.otop:23:5
nsenter --net=/run/netns/ring.r3 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/ring.otop:23:5
    net.ipv6.conf.all.forwarding=1      # examples/ring.otop:23:5
    net.ipv6.conf.default.accept_dad=0  # examples/ring.otop:23:5
nsenter --net=/run/netns/ring.r4 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/ring.otop:23:5
    net.ipv6.conf.all.forwarding=1      # examples/ring.otop:23:5
    net.ipv6.conf.default.accept_dad=0  # examples/ring.otop:23:5
nsenter --net=/run/netns/ring.r5 -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/ring.otop:23:5
    net.ipv6.conf.all.forwarding=1      # examples/ring.otop:23:5
    net.ipv6.conf.default.accept_dad=0  # examples/ring.otop:23:5

# stage 3: links
ip -batch -
    link add name right index 6399116 netns ring.r1 type veth peer name left netns ring.r2   # examples/ring.otop:34:3
    link add name lan index 2466013 netns ring.r1 type veth peer name eth0 netns ring.h1     # examples/ring.otop:40:3
    link add name right index 16107059 netns ring.r2 type veth peer name left netns ring.r3  # examples/ring.otop:34:3
    link add name lan index 13258592 netns ring.r2 type veth peer name eth0 netns ring.h2    # examples/ring.otop:40:3
    link add name right index 2518798 netns ring.r3 type veth peer name left netns ring.r4   # examples/ring.otop:34:3
    link add name lan index 1733419 netns ring.r3 type veth peer name eth0 netns ring.h3     # examples/ring.otop:40:3
    link add name right index 5956747 netns ring.r4 type veth peer name left netns ring.r5   # examples/ring.otop:34:3
    link add name lan index 6994488 netns ring.r4 type veth peer name eth0 netns ring.h4     # examples/ring.otop:40:3
    link add name right index 8381861 netns ring.r5 type veth peer name left netns ring.r1   # examples/ring.otop:34:3
    link add name lan index 8219681 netns ring.r5 type veth peer name eth0 netns ring.h5     # examples/ring.otop:40:3

# stage 4: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/ring.r1 -- ip -batch -
    link set dev lo alias opentop:ring:r1     # examples/ring.otop:22:3
    link set dev lo up                        # examples/ring.otop:22:3
    addr add 10.255.0.2/31 dev right          # examples/ring.otop:34:19
    addr add fd00:ff::2/127 dev right nodad   # examples/ring.otop:34:47
    link set dev right up                     # examples/ring.otop:34:3
    addr add 10.0.1.1/24 dev lan              # examples/ring.otop:40:17
    addr add fd00:1:0:1::1/64 dev lan nodad   # examples/ring.otop:40:32
    link set dev lan up                       # examples/ring.otop:40:3
    addr add 10.255.0.11/31 dev left          # examples/ring.otop:35:21
    addr add fd00:ff::b/127 dev left nodad    # examples/ring.otop:35:49
    link set dev left up                      # examples/ring.otop:35:8
    route add 10.0.2.0/24 via 10.255.0.3      # examples/ring.otop:26:9
    route add fd00:1:0:2::/64 via fd00:ff::3  # examples/ring.otop:27:9
    route add 10.0.3.0/24 via 10.255.0.3      # examples/ring.otop:26:9
    route add fd00:1:0:3::/64 via fd00:ff::3  # examples/ring.otop:27:9
    route add 10.0.4.0/24 via 10.255.0.10     # examples/ring.otop:29:9
    route add fd00:1:0:4::/64 via fd00:ff::a  # examples/ring.otop:30:9
    route add 10.0.5.0/24 via 10.255.0.10     # examples/ring.otop:29:9
    route add fd00:1:0:5::/64 via fd00:ff::a  # examples/ring.otop:30:9
nsenter --net=/run/netns/ring.h1 -- ip -batch -
    link set dev lo alias opentop:ring:h1     # examples/ring.otop:39:3
    link set dev lo up                        # examples/ring.otop:39:3
    addr add 10.0.1.10/24 dev eth0            # examples/ring.otop:40:61
    addr add fd00:1:0:1::a/64 dev eth0 nodad  # examples/ring.otop:40:77
    link set dev eth0 up                      # examples/ring.otop:40:51
    route add 0.0.0.0/0 via 10.0.1.1          # examples/ring.otop:39:15
    route add ::/0 via fd00:1:0:1::1          # examples/ring.otop:39:47
nsenter --net=/run/netns/ring.r2 -- ip -batch -
    link set dev lo alias opentop:ring:r2     # examples/ring.otop:22:3
    link set dev lo up                        # examples/ring.otop:22:3
    addr add 10.255.0.3/31 dev left           # examples/ring.otop:35:21
    addr add fd00:ff::3/127 dev left nodad    # examples/ring.otop:35:49
    link set dev left up                      # examples/ring.otop:35:8
    addr add 10.255.0.4/31 dev right          # examples/ring.otop:34:19
    addr add fd00:ff::4/127 dev right nodad   # examples/ring.otop:34:47
    link set dev right up                     # examples/ring.otop:34:3
    addr add 10.0.2.1/24 dev lan              # examples/ring.otop:40:17
    addr add fd00:1:0:2::1/64 dev lan nodad   # examples/ring.otop:40:32
    link set dev lan up                       # examples/ring.otop:40:3
    route add 10.0.1.0/24 via 10.255.0.2      # examples/ring.otop:29:9
    route add fd00:1:0:1::/64 via fd00:ff::2  # examples/ring.otop:30:9
    route add 10.0.3.0/24 via 10.255.0.5      # examples/ring.otop:26:9
    route add fd00:1:0:3::/64 via fd00:ff::5  # examples/ring.otop:27:9
    route add 10.0.4.0/24 via 10.255.0.5      # examples/ring.otop:26:9
    route add fd00:1:0:4::/64 via fd00:ff::5  # examples/ring.otop:27:9
    route add 10.0.5.0/24 via 10.255.0.2      # examples/ring.otop:29:9
    route add fd00:1:0:5::/64 via fd00:ff::2  # examples/ring.otop:30:9
nsenter --net=/run/netns/ring.h2 -- ip -batch -
    link set dev lo alias opentop:ring:h2     # examples/ring.otop:39:3
    link set dev lo up                        # examples/ring.otop:39:3
    addr add 10.0.2.10/24 dev eth0            # examples/ring.otop:40:61
    addr add fd00:1:0:2::a/64 dev eth0 nodad  # examples/ring.otop:40:77
    link set dev eth0 up                      # examples/ring.otop:40:51
    route add 0.0.0.0/0 via 10.0.2.1          # examples/ring.otop:39:15
    route add ::/0 via fd00:1:0:2::1          # examples/ring.otop:39:47
nsenter --net=/run/netns/ring.r3 -- ip -batch -
    link set dev lo alias opentop:ring:r3     # examples/ring.otop:22:3
    link set dev lo up                        # examples/ring.otop:22:3
    addr add 10.255.0.5/31 dev left           # examples/ring.otop:35:21
    addr add fd00:ff::5/127 dev left nodad    # examples/ring.otop:35:49
    link set dev left up                      # examples/ring.otop:35:8
    addr add 10.255.0.6/31 dev right          # examples/ring.otop:34:19
    addr add fd00:ff::6/127 dev right nodad   # examples/ring.otop:34:47
    link set dev right up                     # examples/ring.otop:34:3
    addr add 10.0.3.1/24 dev lan              # examples/ring.otop:40:17
    addr add fd00:1:0:3::1/64 dev lan nodad   # examples/ring.otop:40:32
    link set dev lan up                       # examples/ring.otop:40:3
    route add 10.0.1.0/24 via 10.255.0.4      # examples/ring.otop:29:9
    route add fd00:1:0:1::/64 via fd00:ff::4  # examples/ring.otop:30:9
    route add 10.0.2.0/24 via 10.255.0.4      # examples/ring.otop:29:9
    route add fd00:1:0:2::/64 via fd00:ff::4  # examples/ring.otop:30:9
    route add 10.0.4.0/24 via 10.255.0.7      # examples/ring.otop:26:9
    route add fd00:1:0:4::/64 via fd00:ff::7  # examples/ring.otop:27:9
    route add 10.0.5.0/24 via 10.255.0.7      # examples/ring.otop:26:9
    route add fd00:1:0:5::/64 via fd00:ff::7  # examples/ring.otop:27:9
nsenter --net=/run/netns/ring.h3 -- ip -batch -
    link set dev lo alias opentop:ring:h3     # examples/ring.otop:39:3
    link set dev lo up                        # examples/ring.otop:39:3
    addr add 10.0.3.10/24 dev eth0            # examples/ring.otop:40:61
    addr add fd00:1:0:3::a/64 dev eth0 nodad  # examples/ring.otop:40:77
    link set dev eth0 up                      # examples/ring.otop:40:51
    route add 0.0.0.0/0 via 10.0.3.1          # examples/ring.otop:39:15
    route add ::/0 via fd00:1:0:3::1          # examples/ring.otop:39:47
nsenter --net=/run/netns/ring.r4 -- ip -batch -
    link set dev lo alias opentop:ring:r4     # examples/ring.otop:22:3
    link set dev lo up                        # examples/ring.otop:22:3
    addr add 10.255.0.7/31 dev left           # examples/ring.otop:35:21
    addr add fd00:ff::7/127 dev left nodad    # examples/ring.otop:35:49
    link set dev left up                      # examples/ring.otop:35:8
    addr add 10.255.0.8/31 dev right          # examples/ring.otop:34:19
    addr add fd00:ff::8/127 dev right nodad   # examples/ring.otop:34:47
    link set dev right up                     # examples/ring.otop:34:3
    addr add 10.0.4.1/24 dev lan              # examples/ring.otop:40:17
    addr add fd00:1:0:4::1/64 dev lan nodad   # examples/ring.otop:40:32
    link set dev lan up                       # examples/ring.otop:40:3
    route add 10.0.1.0/24 via 10.255.0.9      # examples/ring.otop:26:9
    route add fd00:1:0:1::/64 via fd00:ff::9  # examples/ring.otop:27:9
    route add 10.0.2.0/24 via 10.255.0.6      # examples/ring.otop:29:9
    route add fd00:1:0:2::/64 via fd00:ff::6  # examples/ring.otop:30:9
    route add 10.0.3.0/24 via 10.255.0.6      # examples/ring.otop:29:9
    route add fd00:1:0:3::/64 via fd00:ff::6  # examples/ring.otop:30:9
    route add 10.0.5.0/24 via 10.255.0.9      # examples/ring.otop:26:9
    route add fd00:1:0:5::/64 via fd00:ff::9  # examples/ring.otop:27:9
nsenter --net=/run/netns/ring.h4 -- ip -batch -
    link set dev lo alias opentop:ring:h4     # examples/ring.otop:39:3
    link set dev lo up                        # examples/ring.otop:39:3
    addr add 10.0.4.10/24 dev eth0            # examples/ring.otop:40:61
    addr add fd00:1:0:4::a/64 dev eth0 nodad  # examples/ring.otop:40:77
    link set dev eth0 up                      # examples/ring.otop:40:51
    route add 0.0.0.0/0 via 10.0.4.1          # examples/ring.otop:39:15
    route add ::/0 via fd00:1:0:4::1          # examples/ring.otop:39:47
nsenter --net=/run/netns/ring.r5 -- ip -batch -
    link set dev lo alias opentop:ring:r5     # examples/ring.otop:22:3
    link set dev lo up                        # examples/ring.otop:22:3
    addr add 10.255.0.9/31 dev left           # examples/ring.otop:35:21
    addr add fd00:ff::9/127 dev left nodad    # examples/ring.otop:35:49
    link set dev left up                      # examples/ring.otop:35:8
    addr add 10.255.0.10/31 dev right         # examples/ring.otop:34:19
    addr add fd00:ff::a/127 dev right nodad   # examples/ring.otop:34:47
    link set dev right up                     # examples/ring.otop:34:3
    addr add 10.0.5.1/24 dev lan              # examples/ring.otop:40:17
    addr add fd00:1:0:5::1/64 dev lan nodad   # examples/ring.otop:40:32
    link set dev lan up                       # examples/ring.otop:40:3
    route add 10.0.1.0/24 via 10.255.0.11     # examples/ring.otop:26:9
    route add fd00:1:0:1::/64 via fd00:ff::b  # examples/ring.otop:27:9
    route add 10.0.2.0/24 via 10.255.0.11     # examples/ring.otop:26:9
    route add fd00:1:0:2::/64 via fd00:ff::b  # examples/ring.otop:27:9
    route add 10.0.3.0/24 via 10.255.0.8      # examples/ring.otop:29:9
    route add fd00:1:0:3::/64 via fd00:ff::8  # examples/ring.otop:30:9
    route add 10.0.4.0/24 via 10.255.0.8      # examples/ring.otop:29:9
    route add fd00:1:0:4::/64 via fd00:ff::8  # examples/ring.otop:30:9
nsenter --net=/run/netns/ring.h5 -- ip -batch -
    link set dev lo alias opentop:ring:h5     # examples/ring.otop:39:3
    link set dev lo up                        # examples/ring.otop:39:3
    addr add 10.0.5.10/24 dev eth0            # examples/ring.otop:40:61
    addr add fd00:1:0:5::a/64 dev eth0 nodad  # examples/ring.otop:40:77
    link set dev eth0 up                      # examples/ring.otop:40:51
    route add 0.0.0.0/0 via 10.0.5.1          # examples/ring.otop:39:15
    route add ::/0 via fd00:1:0:5::1          # examples/ring.otop:39:47'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "ring",
 "file": "/ROOT/examples/ring.otop",
 "hash": "8f1f862466dbb317e2187221753434f51f58742ffd1098eafcce750b081a69bf",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["r1","h1","r2","h2","r3","h3","r4","h4","r5","h5"],
 "switches": [],
 "plan": "6fda6e0ffdb33f65b98dc4141bae884c2fc5517053ceef8515f6fe88a9840660",
 "owned": [
  {"kind":"netns","name":"ring.r1","node":"r1"},
  {"kind":"netns","name":"ring.h1","node":"h1"},
  {"kind":"netns","name":"ring.r2","node":"r2"},
  {"kind":"netns","name":"ring.h2","node":"h2"},
  {"kind":"netns","name":"ring.r3","node":"r3"},
  {"kind":"netns","name":"ring.h3","node":"h3"},
  {"kind":"netns","name":"ring.r4","node":"r4"},
  {"kind":"netns","name":"ring.h4","node":"h4"},
  {"kind":"netns","name":"ring.r5","node":"r5"},
  {"kind":"netns","name":"ring.h5","node":"h5"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"ring.r1","node":"r1"},"origin":"examples/ring.otop:22:3"},
  {"op":{"kind":"netns.add","name":"ring.h1","node":"h1"},"origin":"examples/ring.otop:39:3"},
  {"op":{"kind":"netns.add","name":"ring.r2","node":"r2"},"origin":"examples/ring.otop:22:3"},
  {"op":{"kind":"netns.add","name":"ring.h2","node":"h2"},"origin":"examples/ring.otop:39:3"},
  {"op":{"kind":"netns.add","name":"ring.r3","node":"r3"},"origin":"examples/ring.otop:22:3"},
  {"op":{"kind":"netns.add","name":"ring.h3","node":"h3"},"origin":"examples/ring.otop:39:3"},
  {"op":{"kind":"netns.add","name":"ring.r4","node":"r4"},"origin":"examples/ring.otop:22:3"},
  {"op":{"kind":"netns.add","name":"ring.h4","node":"h4"},"origin":"examples/ring.otop:39:3"},
  {"op":{"kind":"netns.add","name":"ring.r5","node":"r5"},"origin":"examples/ring.otop:22:3"},
  {"op":{"kind":"netns.add","name":"ring.h5","node":"h5"},"origin":"examples/ring.otop:39:3"},
  {"op":{"kind":"sysctl.set","ns":"ring.r1","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/ring.otop:23:5"},
  {"op":{"kind":"sysctl.set","ns":"ring.r1","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/ring.otop:23:5"},
  {"op":{"kind":"sysctl.set","ns":"ring.r1","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/ring.otop:23:5"},
  {"op":{"kind":"sysctl.set","ns":"ring.r2","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/ring.otop:23:5"},
  {"op":{"kind":"sysctl.set","ns":"ring.r2","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/ring.otop:23:5"},
  {"op":{"kind":"sysctl.set","ns":"ring.r2","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/ring.otop:23:5"},
  {"op":{"kind":"sysctl.set","ns":"ring.r3","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/ring.otop:23:5"},
  {"op":{"kind":"sysctl.set","ns":"ring.r3","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/ring.otop:23:5"},
  {"op":{"kind":"sysctl.set","ns":"ring.r3","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/ring.otop:23:5"},
  {"op":{"kind":"sysctl.set","ns":"ring.r4","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/ring.otop:23:5"},
  {"op":{"kind":"sysctl.set","ns":"ring.r4","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/ring.otop:23:5"},
  {"op":{"kind":"sysctl.set","ns":"ring.r4","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/ring.otop:23:5"},
  {"op":{"kind":"sysctl.set","ns":"ring.r5","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/ring.otop:23:5"},
  {"op":{"kind":"sysctl.set","ns":"ring.r5","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/ring.otop:23:5"},
  {"op":{"kind":"sysctl.set","ns":"ring.r5","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/ring.otop:23:5"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ring.r1","name":"right","index":6399116},"b":{"ns":"ring.r2","name":"left"}},"origin":"examples/ring.otop:34:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ring.r1","name":"lan","index":2466013},"b":{"ns":"ring.h1","name":"eth0"}},"origin":"examples/ring.otop:40:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ring.r2","name":"right","index":16107059},"b":{"ns":"ring.r3","name":"left"}},"origin":"examples/ring.otop:34:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ring.r2","name":"lan","index":13258592},"b":{"ns":"ring.h2","name":"eth0"}},"origin":"examples/ring.otop:40:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ring.r3","name":"right","index":2518798},"b":{"ns":"ring.r4","name":"left"}},"origin":"examples/ring.otop:34:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ring.r3","name":"lan","index":1733419},"b":{"ns":"ring.h3","name":"eth0"}},"origin":"examples/ring.otop:40:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ring.r4","name":"right","index":5956747},"b":{"ns":"ring.r5","name":"left"}},"origin":"examples/ring.otop:34:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ring.r4","name":"lan","index":6994488},"b":{"ns":"ring.h4","name":"eth0"}},"origin":"examples/ring.otop:40:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ring.r5","name":"right","index":8381861},"b":{"ns":"ring.r1","name":"left"}},"origin":"examples/ring.otop:34:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"ring.r5","name":"lan","index":8219681},"b":{"ns":"ring.h5","name":"eth0"}},"origin":"examples/ring.otop:40:3"},
  {"op":{"kind":"link.alias","ns":"ring.r1","dev":"lo","alias":"opentop:ring:r1"},"origin":"examples/ring.otop:22:3"},
  {"op":{"kind":"link.up","ns":"ring.r1","dev":"lo"},"origin":"examples/ring.otop:22:3"},
  {"op":{"kind":"addr.add","ns":"ring.r1","dev":"right","cidr":"10.255.0.2/31","family":4},"origin":"examples/ring.otop:34:19"},
  {"op":{"kind":"addr.add","ns":"ring.r1","dev":"right","cidr":"fd00:ff::2/127","family":6},"origin":"examples/ring.otop:34:47"},
  {"op":{"kind":"link.up","ns":"ring.r1","dev":"right"},"origin":"examples/ring.otop:34:3"},
  {"op":{"kind":"addr.add","ns":"ring.r1","dev":"lan","cidr":"10.0.1.1/24","family":4},"origin":"examples/ring.otop:40:17"},
  {"op":{"kind":"addr.add","ns":"ring.r1","dev":"lan","cidr":"fd00:1:0:1::1/64","family":6},"origin":"examples/ring.otop:40:32"},
  {"op":{"kind":"link.up","ns":"ring.r1","dev":"lan"},"origin":"examples/ring.otop:40:3"},
  {"op":{"kind":"addr.add","ns":"ring.r1","dev":"left","cidr":"10.255.0.11/31","family":4},"origin":"examples/ring.otop:35:21"},
  {"op":{"kind":"addr.add","ns":"ring.r1","dev":"left","cidr":"fd00:ff::b/127","family":6},"origin":"examples/ring.otop:35:49"},
  {"op":{"kind":"link.up","ns":"ring.r1","dev":"left"},"origin":"examples/ring.otop:35:8"},
  {"op":{"kind":"route.add","ns":"ring.r1","family":4,"destination":"10.0.2.0/24","via":"10.255.0.3"},"origin":"examples/ring.otop:26:9"},
  {"op":{"kind":"route.add","ns":"ring.r1","family":6,"destination":"fd00:1:0:2::/64","via":"fd00:ff::3"},"origin":"examples/ring.otop:27:9"},
  {"op":{"kind":"route.add","ns":"ring.r1","family":4,"destination":"10.0.3.0/24","via":"10.255.0.3"},"origin":"examples/ring.otop:26:9"},
  {"op":{"kind":"route.add","ns":"ring.r1","family":6,"destination":"fd00:1:0:3::/64","via":"fd00:ff::3"},"origin":"examples/ring.otop:27:9"},
  {"op":{"kind":"route.add","ns":"ring.r1","family":4,"destination":"10.0.4.0/24","via":"10.255.0.10"},"origin":"examples/ring.otop:29:9"},
  {"op":{"kind":"route.add","ns":"ring.r1","family":6,"destination":"fd00:1:0:4::/64","via":"fd00:ff::a"},"origin":"examples/ring.otop:30:9"},
  {"op":{"kind":"route.add","ns":"ring.r1","family":4,"destination":"10.0.5.0/24","via":"10.255.0.10"},"origin":"examples/ring.otop:29:9"},
  {"op":{"kind":"route.add","ns":"ring.r1","family":6,"destination":"fd00:1:0:5::/64","via":"fd00:ff::a"},"origin":"examples/ring.otop:30:9"},
  {"op":{"kind":"link.alias","ns":"ring.h1","dev":"lo","alias":"opentop:ring:h1"},"origin":"examples/ring.otop:39:3"},
  {"op":{"kind":"link.up","ns":"ring.h1","dev":"lo"},"origin":"examples/ring.otop:39:3"},
  {"op":{"kind":"addr.add","ns":"ring.h1","dev":"eth0","cidr":"10.0.1.10/24","family":4},"origin":"examples/ring.otop:40:61"},
  {"op":{"kind":"addr.add","ns":"ring.h1","dev":"eth0","cidr":"fd00:1:0:1::a/64","family":6},"origin":"examples/ring.otop:40:77"},
  {"op":{"kind":"link.up","ns":"ring.h1","dev":"eth0"},"origin":"examples/ring.otop:40:51"},
  {"op":{"kind":"route.add","ns":"ring.h1","family":4,"destination":"0.0.0.0/0","via":"10.0.1.1"},"origin":"examples/ring.otop:39:15"},
  {"op":{"kind":"route.add","ns":"ring.h1","family":6,"destination":"::/0","via":"fd00:1:0:1::1"},"origin":"examples/ring.otop:39:47"},
  {"op":{"kind":"link.alias","ns":"ring.r2","dev":"lo","alias":"opentop:ring:r2"},"origin":"examples/ring.otop:22:3"},
  {"op":{"kind":"link.up","ns":"ring.r2","dev":"lo"},"origin":"examples/ring.otop:22:3"},
  {"op":{"kind":"addr.add","ns":"ring.r2","dev":"left","cidr":"10.255.0.3/31","family":4},"origin":"examples/ring.otop:35:21"},
  {"op":{"kind":"addr.add","ns":"ring.r2","dev":"left","cidr":"fd00:ff::3/127","family":6},"origin":"examples/ring.otop:35:49"},
  {"op":{"kind":"link.up","ns":"ring.r2","dev":"left"},"origin":"examples/ring.otop:35:8"},
  {"op":{"kind":"addr.add","ns":"ring.r2","dev":"right","cidr":"10.255.0.4/31","family":4},"origin":"examples/ring.otop:34:19"},
  {"op":{"kind":"addr.add","ns":"ring.r2","dev":"right","cidr":"fd00:ff::4/127","family":6},"origin":"examples/ring.otop:34:47"},
  {"op":{"kind":"link.up","ns":"ring.r2","dev":"right"},"origin":"examples/ring.otop:34:3"},
  {"op":{"kind":"addr.add","ns":"ring.r2","dev":"lan","cidr":"10.0.2.1/24","family":4},"origin":"examples/ring.otop:40:17"},
  {"op":{"kind":"addr.add","ns":"ring.r2","dev":"lan","cidr":"fd00:1:0:2::1/64","family":6},"origin":"examples/ring.otop:40:32"},
  {"op":{"kind":"link.up","ns":"ring.r2","dev":"lan"},"origin":"examples/ring.otop:40:3"},
  {"op":{"kind":"route.add","ns":"ring.r2","family":4,"destination":"10.0.1.0/24","via":"10.255.0.2"},"origin":"examples/ring.otop:29:9"},
  {"op":{"kind":"route.add","ns":"ring.r2","family":6,"destination":"fd00:1:0:1::/64","via":"fd00:ff::2"},"origin":"examples/ring.otop:30:9"},
  {"op":{"kind":"route.add","ns":"ring.r2","family":4,"destination":"10.0.3.0/24","via":"10.255.0.5"},"origin":"examples/ring.otop:26:9"},
  {"op":{"kind":"route.add","ns":"ring.r2","family":6,"destination":"fd00:1:0:3::/64","via":"fd00:ff::5"},"origin":"examples/ring.otop:27:9"},
  {"op":{"kind":"route.add","ns":"ring.r2","family":4,"destination":"10.0.4.0/24","via":"10.255.0.5"},"origin":"examples/ring.otop:26:9"},
  {"op":{"kind":"route.add","ns":"ring.r2","family":6,"destination":"fd00:1:0:4::/64","via":"fd00:ff::5"},"origin":"examples/ring.otop:27:9"},
  {"op":{"kind":"route.add","ns":"ring.r2","family":4,"destination":"10.0.5.0/24","via":"10.255.0.2"},"origin":"examples/ring.otop:29:9"},
  {"op":{"kind":"route.add","ns":"ring.r2","family":6,"destination":"fd00:1:0:5::/64","via":"fd00:ff::2"},"origin":"examples/ring.otop:30:9"},
  {"op":{"kind":"link.alias","ns":"ring.h2","dev":"lo","alias":"opentop:ring:h2"},"origin":"examples/ring.otop:39:3"},
  {"op":{"kind":"link.up","ns":"ring.h2","dev":"lo"},"origin":"examples/ring.otop:39:3"},
  {"op":{"kind":"addr.add","ns":"ring.h2","dev":"eth0","cidr":"10.0.2.10/24","family":4},"origin":"examples/ring.otop:40:61"},
  {"op":{"kind":"addr.add","ns":"ring.h2","dev":"eth0","cidr":"fd00:1:0:2::a/64","family":6},"origin":"examples/ring.otop:40:77"},
  {"op":{"kind":"link.up","ns":"ring.h2","dev":"eth0"},"origin":"examples/ring.otop:40:51"},
  {"op":{"kind":"route.add","ns":"ring.h2","family":4,"destination":"0.0.0.0/0","via":"10.0.2.1"},"origin":"examples/ring.otop:39:15"},
  {"op":{"kind":"route.add","ns":"ring.h2","family":6,"destination":"::/0","via":"fd00:1:0:2::1"},"origin":"examples/ring.otop:39:47"},
  {"op":{"kind":"link.alias","ns":"ring.r3","dev":"lo","alias":"opentop:ring:r3"},"origin":"examples/ring.otop:22:3"},
  {"op":{"kind":"link.up","ns":"ring.r3","dev":"lo"},"origin":"examples/ring.otop:22:3"},
  {"op":{"kind":"addr.add","ns":"ring.r3","dev":"left","cidr":"10.255.0.5/31","family":4},"origin":"examples/ring.otop:35:21"},
  {"op":{"kind":"addr.add","ns":"ring.r3","dev":"left","cidr":"fd00:ff::5/127","family":6},"origin":"examples/ring.otop:35:49"},
  {"op":{"kind":"link.up","ns":"ring.r3","dev":"left"},"origin":"examples/ring.otop:35:8"},
  {"op":{"kind":"addr.add","ns":"ring.r3","dev":"right","cidr":"10.255.0.6/31","family":4},"origin":"examples/ring.otop:34:19"},
  {"op":{"kind":"addr.add","ns":"ring.r3","dev":"right","cidr":"fd00:ff::6/127","family":6},"origin":"examples/ring.otop:34:47"},
  {"op":{"kind":"link.up","ns":"ring.r3","dev":"right"},"origin":"examples/ring.otop:34:3"},
  {"op":{"kind":"addr.add","ns":"ring.r3","dev":"lan","cidr":"10.0.3.1/24","family":4},"origin":"examples/ring.otop:40:17"},
  {"op":{"kind":"addr.add","ns":"ring.r3","dev":"lan","cidr":"fd00:1:0:3::1/64","family":6},"origin":"examples/ring.otop:40:32"},
  {"op":{"kind":"link.up","ns":"ring.r3","dev":"lan"},"origin":"examples/ring.otop:40:3"},
  {"op":{"kind":"route.add","ns":"ring.r3","family":4,"destination":"10.0.1.0/24","via":"10.255.0.4"},"origin":"examples/ring.otop:29:9"},
  {"op":{"kind":"route.add","ns":"ring.r3","family":6,"destination":"fd00:1:0:1::/64","via":"fd00:ff::4"},"origin":"examples/ring.otop:30:9"},
  {"op":{"kind":"route.add","ns":"ring.r3","family":4,"destination":"10.0.2.0/24","via":"10.255.0.4"},"origin":"examples/ring.otop:29:9"},
  {"op":{"kind":"route.add","ns":"ring.r3","family":6,"destination":"fd00:1:0:2::/64","via":"fd00:ff::4"},"origin":"examples/ring.otop:30:9"},
  {"op":{"kind":"route.add","ns":"ring.r3","family":4,"destination":"10.0.4.0/24","via":"10.255.0.7"},"origin":"examples/ring.otop:26:9"},
  {"op":{"kind":"route.add","ns":"ring.r3","family":6,"destination":"fd00:1:0:4::/64","via":"fd00:ff::7"},"origin":"examples/ring.otop:27:9"},
  {"op":{"kind":"route.add","ns":"ring.r3","family":4,"destination":"10.0.5.0/24","via":"10.255.0.7"},"origin":"examples/ring.otop:26:9"},
  {"op":{"kind":"route.add","ns":"ring.r3","family":6,"destination":"fd00:1:0:5::/64","via":"fd00:ff::7"},"origin":"examples/ring.otop:27:9"},
  {"op":{"kind":"link.alias","ns":"ring.h3","dev":"lo","alias":"opentop:ring:h3"},"origin":"examples/ring.otop:39:3"},
  {"op":{"kind":"link.up","ns":"ring.h3","dev":"lo"},"origin":"examples/ring.otop:39:3"},
  {"op":{"kind":"addr.add","ns":"ring.h3","dev":"eth0","cidr":"10.0.3.10/24","family":4},"origin":"examples/ring.otop:40:61"},
  {"op":{"kind":"addr.add","ns":"ring.h3","dev":"eth0","cidr":"fd00:1:0:3::a/64","family":6},"origin":"examples/ring.otop:40:77"},
  {"op":{"kind":"link.up","ns":"ring.h3","dev":"eth0"},"origin":"examples/ring.otop:40:51"},
  {"op":{"kind":"route.add","ns":"ring.h3","family":4,"destination":"0.0.0.0/0","via":"10.0.3.1"},"origin":"examples/ring.otop:39:15"},
  {"op":{"kind":"route.add","ns":"ring.h3","family":6,"destination":"::/0","via":"fd00:1:0:3::1"},"origin":"examples/ring.otop:39:47"},
  {"op":{"kind":"link.alias","ns":"ring.r4","dev":"lo","alias":"opentop:ring:r4"},"origin":"examples/ring.otop:22:3"},
  {"op":{"kind":"link.up","ns":"ring.r4","dev":"lo"},"origin":"examples/ring.otop:22:3"},
  {"op":{"kind":"addr.add","ns":"ring.r4","dev":"left","cidr":"10.255.0.7/31","family":4},"origin":"examples/ring.otop:35:21"},
  {"op":{"kind":"addr.add","ns":"ring.r4","dev":"left","cidr":"fd00:ff::7/127","family":6},"origin":"examples/ring.otop:35:49"},
  {"op":{"kind":"link.up","ns":"ring.r4","dev":"left"},"origin":"examples/ring.otop:35:8"},
  {"op":{"kind":"addr.add","ns":"ring.r4","dev":"right","cidr":"10.255.0.8/31","family":4},"origin":"examples/ring.otop:34:19"},
  {"op":{"kind":"addr.add","ns":"ring.r4","dev":"right","cidr":"fd00:ff::8/127","family":6},"origin":"examples/ring.otop:34:47"},
  {"op":{"kind":"link.up","ns":"ring.r4","dev":"right"},"origin":"examples/ring.otop:34:3"},
  {"op":{"kind":"addr.add","ns":"ring.r4","dev":"lan","cidr":"10.0.4.1/24","family":4},"origin":"examples/ring.otop:40:17"},
  {"op":{"kind":"addr.add","ns":"ring.r4","dev":"lan","cidr":"fd00:1:0:4::1/64","family":6},"origin":"examples/ring.otop:40:32"},
  {"op":{"kind":"link.up","ns":"ring.r4","dev":"lan"},"origin":"examples/ring.otop:40:3"},
  {"op":{"kind":"route.add","ns":"ring.r4","family":4,"destination":"10.0.1.0/24","via":"10.255.0.9"},"origin":"examples/ring.otop:26:9"},
  {"op":{"kind":"route.add","ns":"ring.r4","family":6,"destination":"fd00:1:0:1::/64","via":"fd00:ff::9"},"origin":"examples/ring.otop:27:9"},
  {"op":{"kind":"route.add","ns":"ring.r4","family":4,"destination":"10.0.2.0/24","via":"10.255.0.6"},"origin":"examples/ring.otop:29:9"},
  {"op":{"kind":"route.add","ns":"ring.r4","family":6,"destination":"fd00:1:0:2::/64","via":"fd00:ff::6"},"origin":"examples/ring.otop:30:9"},
  {"op":{"kind":"route.add","ns":"ring.r4","family":4,"destination":"10.0.3.0/24","via":"10.255.0.6"},"origin":"examples/ring.otop:29:9"},
  {"op":{"kind":"route.add","ns":"ring.r4","family":6,"destination":"fd00:1:0:3::/64","via":"fd00:ff::6"},"origin":"examples/ring.otop:30:9"},
  {"op":{"kind":"route.add","ns":"ring.r4","family":4,"destination":"10.0.5.0/24","via":"10.255.0.9"},"origin":"examples/ring.otop:26:9"},
  {"op":{"kind":"route.add","ns":"ring.r4","family":6,"destination":"fd00:1:0:5::/64","via":"fd00:ff::9"},"origin":"examples/ring.otop:27:9"},
  {"op":{"kind":"link.alias","ns":"ring.h4","dev":"lo","alias":"opentop:ring:h4"},"origin":"examples/ring.otop:39:3"},
  {"op":{"kind":"link.up","ns":"ring.h4","dev":"lo"},"origin":"examples/ring.otop:39:3"},
  {"op":{"kind":"addr.add","ns":"ring.h4","dev":"eth0","cidr":"10.0.4.10/24","family":4},"origin":"examples/ring.otop:40:61"},
  {"op":{"kind":"addr.add","ns":"ring.h4","dev":"eth0","cidr":"fd00:1:0:4::a/64","family":6},"origin":"examples/ring.otop:40:77"},
  {"op":{"kind":"link.up","ns":"ring.h4","dev":"eth0"},"origin":"examples/ring.otop:40:51"},
  {"op":{"kind":"route.add","ns":"ring.h4","family":4,"destination":"0.0.0.0/0","via":"10.0.4.1"},"origin":"examples/ring.otop:39:15"},
  {"op":{"kind":"route.add","ns":"ring.h4","family":6,"destination":"::/0","via":"fd00:1:0:4::1"},"origin":"examples/ring.otop:39:47"},
  {"op":{"kind":"link.alias","ns":"ring.r5","dev":"lo","alias":"opentop:ring:r5"},"origin":"examples/ring.otop:22:3"},
  {"op":{"kind":"link.up","ns":"ring.r5","dev":"lo"},"origin":"examples/ring.otop:22:3"},
  {"op":{"kind":"addr.add","ns":"ring.r5","dev":"left","cidr":"10.255.0.9/31","family":4},"origin":"examples/ring.otop:35:21"},
  {"op":{"kind":"addr.add","ns":"ring.r5","dev":"left","cidr":"fd00:ff::9/127","family":6},"origin":"examples/ring.otop:35:49"},
  {"op":{"kind":"link.up","ns":"ring.r5","dev":"left"},"origin":"examples/ring.otop:35:8"},
  {"op":{"kind":"addr.add","ns":"ring.r5","dev":"right","cidr":"10.255.0.10/31","family":4},"origin":"examples/ring.otop:34:19"},
  {"op":{"kind":"addr.add","ns":"ring.r5","dev":"right","cidr":"fd00:ff::a/127","family":6},"origin":"examples/ring.otop:34:47"},
  {"op":{"kind":"link.up","ns":"ring.r5","dev":"right"},"origin":"examples/ring.otop:34:3"},
  {"op":{"kind":"addr.add","ns":"ring.r5","dev":"lan","cidr":"10.0.5.1/24","family":4},"origin":"examples/ring.otop:40:17"},
  {"op":{"kind":"addr.add","ns":"ring.r5","dev":"lan","cidr":"fd00:1:0:5::1/64","family":6},"origin":"examples/ring.otop:40:32"},
  {"op":{"kind":"link.up","ns":"ring.r5","dev":"lan"},"origin":"examples/ring.otop:40:3"},
  {"op":{"kind":"route.add","ns":"ring.r5","family":4,"destination":"10.0.1.0/24","via":"10.255.0.11"},"origin":"examples/ring.otop:26:9"},
  {"op":{"kind":"route.add","ns":"ring.r5","family":6,"destination":"fd00:1:0:1::/64","via":"fd00:ff::b"},"origin":"examples/ring.otop:27:9"},
  {"op":{"kind":"route.add","ns":"ring.r5","family":4,"destination":"10.0.2.0/24","via":"10.255.0.11"},"origin":"examples/ring.otop:26:9"},
  {"op":{"kind":"route.add","ns":"ring.r5","family":6,"destination":"fd00:1:0:2::/64","via":"fd00:ff::b"},"origin":"examples/ring.otop:27:9"},
  {"op":{"kind":"route.add","ns":"ring.r5","family":4,"destination":"10.0.3.0/24","via":"10.255.0.8"},"origin":"examples/ring.otop:29:9"},
  {"op":{"kind":"route.add","ns":"ring.r5","family":6,"destination":"fd00:1:0:3::/64","via":"fd00:ff::8"},"origin":"examples/ring.otop:30:9"},
  {"op":{"kind":"route.add","ns":"ring.r5","family":4,"destination":"10.0.4.0/24","via":"10.255.0.8"},"origin":"examples/ring.otop:29:9"},
  {"op":{"kind":"route.add","ns":"ring.r5","family":6,"destination":"fd00:1:0:4::/64","via":"fd00:ff::8"},"origin":"examples/ring.otop:30:9"},
  {"op":{"kind":"link.alias","ns":"ring.h5","dev":"lo","alias":"opentop:ring:h5"},"origin":"examples/ring.otop:39:3"},
  {"op":{"kind":"link.up","ns":"ring.h5","dev":"lo"},"origin":"examples/ring.otop:39:3"},
  {"op":{"kind":"addr.add","ns":"ring.h5","dev":"eth0","cidr":"10.0.5.10/24","family":4},"origin":"examples/ring.otop:40:61"},
  {"op":{"kind":"addr.add","ns":"ring.h5","dev":"eth0","cidr":"fd00:1:0:5::a/64","family":6},"origin":"examples/ring.otop:40:77"},
  {"op":{"kind":"link.up","ns":"ring.h5","dev":"eth0"},"origin":"examples/ring.otop:40:51"},
  {"op":{"kind":"route.add","ns":"ring.h5","family":4,"destination":"0.0.0.0/0","via":"10.0.5.1"},"origin":"examples/ring.otop:39:15"},
  {"op":{"kind":"route.add","ns":"ring.h5","family":6,"destination":"::/0","via":"fd00:1:0:5::1"},"origin":"examples/ring.otop:39:47"}
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