#!/bin/sh
# Lab routed: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/routed.otop
#   sha256    4f02763ea0d1143f490901e85eadbd5e3dc9ba9c4872652598f11638786adb50
#   requires  ip nsenter sysctl mkdir ln readlink rm mv date
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
LAB='routed'
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
  # == stage 1 of 4: namespaces
  # create network namespace routed  (examples/routed.otop:8:5)
  # create network namespace routed.r1  (examples/routed.otop:13:1)
  # create network namespace routed.r2  (examples/routed.otop:22:1)
  # create network namespace routed.client  (examples/routed.otop:30:1)
  # create network namespace routed.server  (examples/routed.otop:36:1)
  step '1/9, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add routed
netns add routed.r1
netns add routed.r2
netns add routed.client
netns add routed.server
EOF
  # == stage 2 of 4: namespace sysctls
  # set net.ipv4.ip_forward = 1 in routed.r1  (examples/routed.otop:14:3)
  # set net.ipv6.conf.all.forwarding = 1 in routed.r1  (examples/routed.otop:14:3)
  # set net.ipv6.conf.default.accept_dad = 0 in routed.r1  (examples/routed.otop:14:3)
  step '2/9, namespace sysctls, in node r1 (routed.r1)' nsenter --net=/run/netns/routed.r1 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 || return 1
  # set net.ipv4.ip_forward = 1 in routed.r2  (examples/routed.otop:23:3)
  # set net.ipv6.conf.all.forwarding = 1 in routed.r2  (examples/routed.otop:23:3)
  # set net.ipv6.conf.default.accept_dad = 0 in routed.r2  (examples/routed.otop:23:3)
  step '3/9, namespace sysctls, in node r2 (routed.r2)' nsenter --net=/run/netns/routed.r2 -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 || return 1
  # == stage 3 of 4: links
  # create veth pair eth1 (routed.r1) — eth1 (routed.r2)  (examples/routed.otop:16:3)
  # create veth pair ot-3ty1yf-uplin (the host) — uplink (routed.r1)  (examples/routed.otop:17:3)
  # mark ot-3ty1yf-uplin in the host as opentop:routed:r1:uplink  (examples/routed.otop:17:3)
  # add 198.51.100.1/30 to ot-3ty1yf-uplin in the host  (examples/routed.otop:17:49)
  # bring ot-3ty1yf-uplin up in the host  (examples/routed.otop:17:3)
  step '4/9, links, on the host' ip -batch - <<'EOF' || return 1
link add name eth1 index 1001 netns routed.r1 type veth peer name eth1 netns routed.r2
link add name ot-3ty1yf-uplin type veth peer name uplink netns routed.r1
link set dev ot-3ty1yf-uplin alias opentop:routed:r1:uplink
addr add 198.51.100.1/30 dev ot-3ty1yf-uplin
link set dev ot-3ty1yf-uplin up
EOF
  # mark lo in routed as opentop:routed  (examples/routed.otop:8:5)
  # create bridge lan1 in routed  (examples/routed.otop:10:1)
  # create bridge lan2 in routed  (examples/routed.otop:11:1)
  # create veth pair r1.eth0 (routed) — eth0 (routed.r1)  (examples/routed.otop:15:3)
  # create veth pair r2.eth0 (routed) — eth0 (routed.r2)  (examples/routed.otop:24:3)
  # create veth pair client.eth0 (routed) — eth0 (routed.client)  (examples/routed.otop:31:3)
  # create veth pair server.eth0 (routed) — eth0 (routed.server)  (examples/routed.otop:37:3)
  step '5/9, links, in the switches (routed)' nsenter --net=/run/netns/routed -- ip -batch - <<'EOF' || return 1
link set dev lo alias opentop:routed
link add name lan1 up type bridge
link add name lan2 mtu 1400 up type bridge
link add name r1.eth0 index 1001 master lan1 up type veth peer name eth0 netns routed.r1
link add name r2.eth0 index 1002 mtu 1400 master lan2 up type veth peer name eth0 netns routed.r2 mtu 1400
link add name client.eth0 index 1003 master lan1 up type veth peer name eth0 netns routed.client
link add name server.eth0 index 1004 mtu 1400 master lan2 up type veth peer name eth0 netns routed.server mtu 1400
EOF
  # == stage 4 of 4: addresses and routes
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
  step '6/9, addresses and routes, in node r1 (routed.r1)' nsenter --net=/run/netns/routed.r1 -- ip -batch - <<'EOF' || return 1
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
  step '7/9, addresses and routes, in node r2 (routed.r2)' nsenter --net=/run/netns/routed.r2 -- ip -batch - <<'EOF' || return 1
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
  # mark lo in routed.client as opentop:routed:client  (examples/routed.otop:30:1)
  # bring lo up in routed.client  (examples/routed.otop:30:1)
  # add 10.1.0.10/24 to eth0 in routed.client  (examples/routed.otop:31:16)
  # add fd00:1::10/64 to eth0 in routed.client  (examples/routed.otop:31:29)
  # bring eth0 up in routed.client  (examples/routed.otop:31:3)
  # route 0.0.0.0/0 via 10.1.0.1 in routed.client  (examples/routed.otop:32:3)
  # route ::/0 via fd00:1::1 in routed.client  (examples/routed.otop:33:3)
  step '8/9, addresses and routes, in node client (routed.client)' nsenter --net=/run/netns/routed.client -- ip -batch - <<'EOF' || return 1
link set dev lo alias opentop:routed:client
link set dev lo up
addr add 10.1.0.10/24 dev eth0
addr add fd00:1::10/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.1.0.1
route add ::/0 via fd00:1::1
EOF
  # mark lo in routed.server as opentop:routed:server  (examples/routed.otop:36:1)
  # bring lo up in routed.server  (examples/routed.otop:36:1)
  # add 10.2.0.10/24 to eth0 in routed.server  (examples/routed.otop:37:16)
  # add fd00:2::10/64 to eth0 in routed.server  (examples/routed.otop:37:29)
  # bring eth0 up in routed.server  (examples/routed.otop:37:3)
  # route 0.0.0.0/0 via 10.2.0.1 in routed.server  (examples/routed.otop:38:3)
  # route ::/0 via fd00:2::1 in routed.server  (examples/routed.otop:39:3)
  step '9/9, addresses and routes, in node server (routed.server)' nsenter --net=/run/netns/routed.server -- ip -batch - <<'EOF' || return 1
link set dev lo alias opentop:routed:server
link set dev lo up
addr add 10.2.0.10/24 dev eth0
addr add fd00:2::10/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.2.0.1
route add ::/0 via fd00:2::1
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
  # delete ot-3ty1yf-uplin from the host
  if iface_ours ot-3ty1yf-uplin opentop:routed:r1:uplink; then queue 'link del dev ot-3ty1yf-uplin'; fi
  # delete network namespace routed and everything in it
  if [ -e /run/netns/routed ]; then queue 'netns del routed'; fi
  # delete network namespace routed.r1 and everything in it
  if [ -e /run/netns/routed.r1 ]; then queue 'netns del routed.r1'; fi
  # delete network namespace routed.r2 and everything in it
  if [ -e /run/netns/routed.r2 ]; then queue 'netns del routed.r2'; fi
  # delete network namespace routed.client and everything in it
  if [ -e /run/netns/routed.client ]; then queue 'netns del routed.client'; fi
  # delete network namespace routed.server and everything in it
  if [ -e /run/netns/routed.server ]; then queue 'netns del routed.server'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
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

# status_plan: every namespace's live interfaces and routes, checked against what the
# plan creates (the same expectations as `opentop status`).
status_plan() {
  look 'the switches (routed)' routed /run/netns/routed lo lan1 lan2 r1.eth0 r2.eth0 client.eth0 server.eth0
  if look 'node r1 (routed.r1)' routed.r1 /run/netns/routed.r1 lo eth1 uplink eth0; then
    want_addr eth1 10.255.0.0/31
    want_addr eth1 fd00:ff::/127
    want_addr uplink 198.51.100.2/30
    want_addr eth0 10.1.0.1/24
    want_addr eth0 fd00:1::1/64
    want_route '' -4 10.2.0.0/24 via 10.255.0.1
    want_route '' -6 fd00:2::/64 via fd00:ff::1
  fi
  if look 'node r2 (routed.r2)' routed.r2 /run/netns/routed.r2 lo eth1 eth0; then
    want_addr eth1 10.255.0.1/31
    want_addr eth1 fd00:ff::1/127
    want_addr eth0 10.2.0.1/24
    want_addr eth0 fd00:2::1/64
    want_route '' -4 10.1.0.0/24 via 10.255.0.0
    want_route '' -6 fd00:1::/64 via fd00:ff::
  fi
  if look 'node client (routed.client)' routed.client /run/netns/routed.client lo eth0; then
    want_addr eth0 10.1.0.10/24
    want_addr eth0 fd00:1::10/64
    want_route '' -4 0.0.0.0/0 via 10.1.0.1
    want_route '' -6 ::/0 via fd00:1::1
  fi
  if look 'node server (routed.server)' routed.server /run/netns/routed.server lo eth0; then
    want_addr eth0 10.2.0.10/24
    want_addr eth0 fd00:2::10/64
    want_route '' -4 0.0.0.0/0 via 10.2.0.1
    want_route '' -6 ::/0 via fd00:2::1
  fi
  if look_host ot-3ty1yf-uplin; then
    want_addr ot-3ty1yf-uplin 198.51.100.1/30
  fi
}

# link_of NS DEV: checks interface DEV of namespace NS (empty: the host) against the plan,
# from its line of `ip -o link` ($line); false when the plan makes no such interface.
link_of() {
  case "$1 $2" in
    'routed lo') want_link ;;
    'routed lan1') want_link up ;;
    'routed lan2') want_link up mtu 1400 ;;
    'routed r1.eth0') want_link up master lan1 ;;
    'routed r2.eth0') want_link up mtu 1400 master lan2 ;;
    'routed client.eth0') want_link up master lan1 ;;
    'routed server.eth0') want_link up mtu 1400 master lan2 ;;
    'routed.r1 lo') want_link up ;;
    'routed.r1 eth1') want_link up ;;
    'routed.r1 uplink') want_link up ;;
    'routed.r1 eth0') want_link up ;;
    'routed.r2 lo') want_link up ;;
    'routed.r2 eth1') want_link up ;;
    'routed.r2 eth0') want_link up mtu 1400 ;;
    'routed.client lo') want_link up ;;
    'routed.client eth0') want_link up ;;
    'routed.server lo') want_link up ;;
    'routed.server eth0') want_link up mtu 1400 ;;
    ' ot-3ty1yf-uplin') want_link up ;;
    *) return 1 ;;
  esac
}

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

# plan_text: what `up` runs, as `opentop plan` prints it.
plan_text() {
  printf '%s\n' '# lab routed: up, 59 operations in 9 processes

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
    link add name eth1 index 1001 netns routed.r1 type veth peer name eth1 netns routed.r2  # examples/routed.otop:16:3
    link add name ot-3ty1yf-uplin type veth peer name uplink netns routed.r1                # examples/routed.otop:17:3
    link set dev ot-3ty1yf-uplin alias opentop:routed:r1:uplink                             # examples/routed.otop:17:3
    addr add 198.51.100.1/30 dev ot-3ty1yf-uplin                                            # examples/routed.otop:17:49
    link set dev ot-3ty1yf-uplin up                                                         # examples/routed.otop:17:3
nsenter --net=/run/netns/routed -- ip -batch -
    link set dev lo alias opentop:routed                                                                                # examples/routed.otop:8:5
    link add name lan1 up type bridge                                                                                   # examples/routed.otop:10:1
    link add name lan2 mtu 1400 up type bridge                                                                          # examples/routed.otop:11:1
    link add name r1.eth0 index 1001 master lan1 up type veth peer name eth0 netns routed.r1                            # examples/routed.otop:15:3
    link add name r2.eth0 index 1002 mtu 1400 master lan2 up type veth peer name eth0 netns routed.r2 mtu 1400          # examples/routed.otop:24:3
    link add name client.eth0 index 1003 master lan1 up type veth peer name eth0 netns routed.client                    # examples/routed.otop:31:3
    link add name server.eth0 index 1004 mtu 1400 master lan2 up type veth peer name eth0 netns routed.server mtu 1400  # examples/routed.otop:37:3

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
 "version": 1,
 "tool": "opentop 0.1.0",
 "lab": "routed",
 "file": "/ROOT/examples/routed.otop",
 "hash": "4f02763ea0d1143f490901e85eadbd5e3dc9ba9c4872652598f11638786adb50",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": [
  "r1",
  "r2",
  "client",
  "server"
 ],
 "switches": [
  "lan1",
  "lan2"
 ],
 "namespaces": [
  "routed",
  "routed.r1",
  "routed.r2",
  "routed.client",
  "routed.server"
 ],
 "hostIfaces": [
  {
   "name": "ot-3ty1yf-uplin",
   "mark": "opentop:routed:r1:uplink"
  }
 ],
 "hostTables": [],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"routed"},"origin":"examples/routed.otop:8:5"},
  {"op":{"kind":"netns.add","name":"routed.r1"},"origin":"examples/routed.otop:13:1"},
  {"op":{"kind":"netns.add","name":"routed.r2"},"origin":"examples/routed.otop:22:1"},
  {"op":{"kind":"netns.add","name":"routed.client"},"origin":"examples/routed.otop:30:1"},
  {"op":{"kind":"netns.add","name":"routed.server"},"origin":"examples/routed.otop:36:1"},
  {"op":{"kind":"sysctl.set","ns":"routed.r1","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/routed.otop:14:3"},
  {"op":{"kind":"sysctl.set","ns":"routed.r1","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/routed.otop:14:3"},
  {"op":{"kind":"sysctl.set","ns":"routed.r1","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/routed.otop:14:3"},
  {"op":{"kind":"sysctl.set","ns":"routed.r2","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/routed.otop:23:3"},
  {"op":{"kind":"sysctl.set","ns":"routed.r2","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/routed.otop:23:3"},
  {"op":{"kind":"sysctl.set","ns":"routed.r2","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/routed.otop:23:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"routed.r1","name":"eth1","index":1001},"b":{"ns":"routed.r2","name":"eth1"}},"origin":"examples/routed.otop:16:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":null,"name":"ot-3ty1yf-uplin"},"b":{"ns":"routed.r1","name":"uplink"}},"origin":"examples/routed.otop:17:3"},
  {"op":{"kind":"link.alias","ns":null,"dev":"ot-3ty1yf-uplin","alias":"opentop:routed:r1:uplink"},"origin":"examples/routed.otop:17:3"},
  {"op":{"kind":"addr.add","ns":null,"dev":"ot-3ty1yf-uplin","cidr":"198.51.100.1/30","family":4},"origin":"examples/routed.otop:17:49"},
  {"op":{"kind":"link.up","ns":null,"dev":"ot-3ty1yf-uplin"},"origin":"examples/routed.otop:17:3"},
  {"op":{"kind":"link.alias","ns":"routed","dev":"lo","alias":"opentop:routed"},"origin":"examples/routed.otop:8:5"},
  {"op":{"kind":"bridge.add","ns":"routed","name":"lan1"},"origin":"examples/routed.otop:10:1"},
  {"op":{"kind":"bridge.add","ns":"routed","name":"lan2","mtu":1400},"origin":"examples/routed.otop:11:1"},
  {"op":{"kind":"veth.add","ns":"routed","a":{"ns":"routed","name":"r1.eth0","index":1001,"master":"lan1"},"b":{"ns":"routed.r1","name":"eth0"}},"origin":"examples/routed.otop:15:3"},
  {"op":{"kind":"veth.add","ns":"routed","a":{"ns":"routed","name":"r2.eth0","index":1002,"mtu":1400,"master":"lan2"},"b":{"ns":"routed.r2","name":"eth0","mtu":1400}},"origin":"examples/routed.otop:24:3"},
  {"op":{"kind":"veth.add","ns":"routed","a":{"ns":"routed","name":"client.eth0","index":1003,"master":"lan1"},"b":{"ns":"routed.client","name":"eth0"}},"origin":"examples/routed.otop:31:3"},
  {"op":{"kind":"veth.add","ns":"routed","a":{"ns":"routed","name":"server.eth0","index":1004,"mtu":1400,"master":"lan2"},"b":{"ns":"routed.server","name":"eth0","mtu":1400}},"origin":"examples/routed.otop:37:3"},
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

# taken_iface DEV: the host interface exists already (and then says so).
taken_iface() {
  [ -e "/sys/class/net/$1" ] || return 1
  error OT6003 "interface $1 already exists on the host" \
    'give this link another host-name, or remove the interface if it is yours'
}

# iface_ours NAME MARK: host interface NAME exists and carries MARK, or no mark at all (the
# run that created it died before marking it; the record proves it is the lab's).
iface_ours() {
  [ -e "/sys/class/net/$1" ] || return 1
  mark=
  { read -r mark <"/sys/class/net/$1/ifalias"; } 2>/dev/null
  [ -z "$mark" ] || [ "$mark" = "$2" ]
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
  need ip nsenter sysctl mkdir ln readlink rm mv date || return 1
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
    echo 'lab routed is up: 4 nodes, 2 switches, 6 links (59 operations)'
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
Lab routed: 4 nodes, 2 switches, 6 links (59 operations).
  up      create it (needs root and ip, nsenter, sysctl, mkdir, ln, readlink, rm, mv, date)
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
