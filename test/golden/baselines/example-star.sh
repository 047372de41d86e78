#!/bin/sh
# Lab star: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/star.otop
#   sha256    917718e348f48ff877528543b1e55e6cf9e08b7924bb22a34ad2a61deb464be9
#   requires  ip nsenter unshare mkdir ln readlink rm mv date touch find cat sh sleep ss setsid timeout socat ping tr sed
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
LAB='star'
SELF=${0##*/}
RUN_DIR=${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP='ip nsenter unshare mkdir ln readlink rm mv date touch find cat'
NEED_DOWN='ip nsenter mkdir ln readlink rm find'
NEED_STATUS='ip nsenter'
NEED_TEST='nsenter sh ip sleep ss mkdir setsid timeout socat ping cat tr sed ln readlink rm date'
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=51
KIB_PER_NAMESPACE=320
SUMMARY='50 nodes, 1 switch, 50 links (405 operations)'
HELP='
Lab star: 50 nodes, 1 switch, 50 links (405 operations).
  up      create it (needs root and ip, nsenter, unshare, mkdir, ln, readlink, rm, mv, date, touch, find, cat)
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
  # == stage 1 of 3: namespaces
  # create network namespace star  (examples/star.otop:7:5)
  # create network namespace star.h1  (examples/star.otop:12:1)
  # create network namespace star.h2  (examples/star.otop:12:1)
  # create network namespace star.h3  (examples/star.otop:12:1)
  # create network namespace star.h4  (examples/star.otop:12:1)
  # create network namespace star.h5  (examples/star.otop:12:1)
  # create network namespace star.h6  (examples/star.otop:12:1)
  # create network namespace star.h7  (examples/star.otop:12:1)
  # create network namespace star.h8  (examples/star.otop:12:1)
  # create network namespace star.h9  (examples/star.otop:12:1)
  # create network namespace star.h10  (examples/star.otop:12:1)
  # create network namespace star.h11  (examples/star.otop:12:1)
  # create network namespace star.h12  (examples/star.otop:12:1)
  # create network namespace star.h13  (examples/star.otop:12:1)
  # create network namespace star.h14  (examples/star.otop:12:1)
  # create network namespace star.h15  (examples/star.otop:12:1)
  # create network namespace star.h16  (examples/star.otop:12:1)
  # create network namespace star.h17  (examples/star.otop:12:1)
  # create network namespace star.h18  (examples/star.otop:12:1)
  # create network namespace star.h19  (examples/star.otop:12:1)
  # create network namespace star.h20  (examples/star.otop:12:1)
  # create network namespace star.h21  (examples/star.otop:12:1)
  # create network namespace star.h22  (examples/star.otop:12:1)
  # create network namespace star.h23  (examples/star.otop:12:1)
  # create network namespace star.h24  (examples/star.otop:12:1)
  # create network namespace star.h25  (examples/star.otop:12:1)
  # create network namespace star.h26  (examples/star.otop:12:1)
  # create network namespace star.h27  (examples/star.otop:12:1)
  # create network namespace star.h28  (examples/star.otop:12:1)
  # create network namespace star.h29  (examples/star.otop:12:1)
  # create network namespace star.h30  (examples/star.otop:12:1)
  # create network namespace star.h31  (examples/star.otop:12:1)
  # create network namespace star.h32  (examples/star.otop:12:1)
  # create network namespace star.h33  (examples/star.otop:12:1)
  # create network namespace star.h34  (examples/star.otop:12:1)
  # create network namespace star.h35  (examples/star.otop:12:1)
  # create network namespace star.h36  (examples/star.otop:12:1)
  # create network namespace star.h37  (examples/star.otop:12:1)
  # create network namespace star.h38  (examples/star.otop:12:1)
  # create network namespace star.h39  (examples/star.otop:12:1)
  # create network namespace star.h40  (examples/star.otop:12:1)
  # create network namespace star.h41  (examples/star.otop:12:1)
  # create network namespace star.h42  (examples/star.otop:12:1)
  # create network namespace star.h43  (examples/star.otop:12:1)
  # create network namespace star.h44  (examples/star.otop:12:1)
  # create network namespace star.h45  (examples/star.otop:12:1)
  # create network namespace star.h46  (examples/star.otop:12:1)
  # create network namespace star.h47  (examples/star.otop:12:1)
  # create network namespace star.h48  (examples/star.otop:12:1)
  # create network namespace star.h49  (examples/star.otop:12:1)
  # create network namespace star.h50  (examples/star.otop:12:1)
  tool_step '1/52, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add star
netns add star.h1
netns add star.h2
netns add star.h3
netns add star.h4
netns add star.h5
netns add star.h6
netns add star.h7
netns add star.h8
netns add star.h9
netns add star.h10
netns add star.h11
netns add star.h12
netns add star.h13
netns add star.h14
netns add star.h15
netns add star.h16
netns add star.h17
netns add star.h18
netns add star.h19
netns add star.h20
netns add star.h21
netns add star.h22
netns add star.h23
netns add star.h24
netns add star.h25
netns add star.h26
netns add star.h27
netns add star.h28
netns add star.h29
netns add star.h30
netns add star.h31
netns add star.h32
netns add star.h33
netns add star.h34
netns add star.h35
netns add star.h36
netns add star.h37
netns add star.h38
netns add star.h39
netns add star.h40
netns add star.h41
netns add star.h42
netns add star.h43
netns add star.h44
netns add star.h45
netns add star.h46
netns add star.h47
netns add star.h48
netns add star.h49
netns add star.h50
EOF
  # == stage 2 of 3: links
  # mark lo in star as opentop:star  (examples/star.otop:7:5)
  # create bridge sw in star  (examples/star.otop:10:1)
  # give sw in star no IPv6 link-local address  (examples/star.otop:10:1)
  # bring sw up in star  (examples/star.otop:10:1)
  # create veth pair h1.eth0 (star) — eth0 (star.h1)  (examples/star.otop:13:3)
  # give h1.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h2.eth0 (star) — eth0 (star.h2)  (examples/star.otop:13:3)
  # give h2.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h3.eth0 (star) — eth0 (star.h3)  (examples/star.otop:13:3)
  # give h3.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h4.eth0 (star) — eth0 (star.h4)  (examples/star.otop:13:3)
  # give h4.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h5.eth0 (star) — eth0 (star.h5)  (examples/star.otop:13:3)
  # give h5.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h6.eth0 (star) — eth0 (star.h6)  (examples/star.otop:13:3)
  # give h6.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h7.eth0 (star) — eth0 (star.h7)  (examples/star.otop:13:3)
  # give h7.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h8.eth0 (star) — eth0 (star.h8)  (examples/star.otop:13:3)
  # give h8.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h9.eth0 (star) — eth0 (star.h9)  (examples/star.otop:13:3)
  # give h9.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h10.eth0 (star) — eth0 (star.h10)  (examples/star.otop:13:3)
  # give h10.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h11.eth0 (star) — eth0 (star.h11)  (examples/star.otop:13:3)
  # give h11.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h12.eth0 (star) — eth0 (star.h12)  (examples/star.otop:13:3)
  # give h12.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h13.eth0 (star) — eth0 (star.h13)  (examples/star.otop:13:3)
  # give h13.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h14.eth0 (star) — eth0 (star.h14)  (examples/star.otop:13:3)
  # give h14.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h15.eth0 (star) — eth0 (star.h15)  (examples/star.otop:13:3)
  # give h15.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h16.eth0 (star) — eth0 (star.h16)  (examples/star.otop:13:3)
  # give h16.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h17.eth0 (star) — eth0 (star.h17)  (examples/star.otop:13:3)
  # give h17.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h18.eth0 (star) — eth0 (star.h18)  (examples/star.otop:13:3)
  # give h18.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h19.eth0 (star) — eth0 (star.h19)  (examples/star.otop:13:3)
  # give h19.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h20.eth0 (star) — eth0 (star.h20)  (examples/star.otop:13:3)
  # give h20.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h21.eth0 (star) — eth0 (star.h21)  (examples/star.otop:13:3)
  # give h21.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h22.eth0 (star) — eth0 (star.h22)  (examples/star.otop:13:3)
  # give h22.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h23.eth0 (star) — eth0 (star.h23)  (examples/star.otop:13:3)
  # give h23.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h24.eth0 (star) — eth0 (star.h24)  (examples/star.otop:13:3)
  # give h24.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h25.eth0 (star) — eth0 (star.h25)  (examples/star.otop:13:3)
  # give h25.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h26.eth0 (star) — eth0 (star.h26)  (examples/star.otop:13:3)
  # give h26.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h27.eth0 (star) — eth0 (star.h27)  (examples/star.otop:13:3)
  # give h27.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h28.eth0 (star) — eth0 (star.h28)  (examples/star.otop:13:3)
  # give h28.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h29.eth0 (star) — eth0 (star.h29)  (examples/star.otop:13:3)
  # give h29.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h30.eth0 (star) — eth0 (star.h30)  (examples/star.otop:13:3)
  # give h30.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h31.eth0 (star) — eth0 (star.h31)  (examples/star.otop:13:3)
  # give h31.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h32.eth0 (star) — eth0 (star.h32)  (examples/star.otop:13:3)
  # give h32.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h33.eth0 (star) — eth0 (star.h33)  (examples/star.otop:13:3)
  # give h33.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h34.eth0 (star) — eth0 (star.h34)  (examples/star.otop:13:3)
  # give h34.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h35.eth0 (star) — eth0 (star.h35)  (examples/star.otop:13:3)
  # give h35.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h36.eth0 (star) — eth0 (star.h36)  (examples/star.otop:13:3)
  # give h36.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h37.eth0 (star) — eth0 (star.h37)  (examples/star.otop:13:3)
  # give h37.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h38.eth0 (star) — eth0 (star.h38)  (examples/star.otop:13:3)
  # give h38.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h39.eth0 (star) — eth0 (star.h39)  (examples/star.otop:13:3)
  # give h39.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h40.eth0 (star) — eth0 (star.h40)  (examples/star.otop:13:3)
  # give h40.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h41.eth0 (star) — eth0 (star.h41)  (examples/star.otop:13:3)
  # give h41.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h42.eth0 (star) — eth0 (star.h42)  (examples/star.otop:13:3)
  # give h42.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h43.eth0 (star) — eth0 (star.h43)  (examples/star.otop:13:3)
  # give h43.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h44.eth0 (star) — eth0 (star.h44)  (examples/star.otop:13:3)
  # give h44.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h45.eth0 (star) — eth0 (star.h45)  (examples/star.otop:13:3)
  # give h45.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h46.eth0 (star) — eth0 (star.h46)  (examples/star.otop:13:3)
  # give h46.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h47.eth0 (star) — eth0 (star.h47)  (examples/star.otop:13:3)
  # give h47.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h48.eth0 (star) — eth0 (star.h48)  (examples/star.otop:13:3)
  # give h48.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h49.eth0 (star) — eth0 (star.h49)  (examples/star.otop:13:3)
  # give h49.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  # create veth pair h50.eth0 (star) — eth0 (star.h50)  (examples/star.otop:13:3)
  # give h50.eth0 in star no IPv6 link-local address  (examples/star.otop:13:3)
  tool_step '2/52, links, in the switches (star)' nsenter --net=/run/netns/star -- ip -batch - <<'EOF' || return 1
link set dev lo alias opentop:star
link add name sw type bridge
link set dev sw addrgenmode none
link set dev sw up
link add name h1.eth0 index 12017798 master sw up type veth peer name eth0 netns star.h1
link set dev h1.eth0 addrgenmode none
link add name h2.eth0 index 5178072 master sw up type veth peer name eth0 netns star.h2
link set dev h2.eth0 addrgenmode none
link add name h3.eth0 index 3121044 master sw up type veth peer name eth0 netns star.h3
link set dev h3.eth0 addrgenmode none
link add name h4.eth0 index 6232381 master sw up type veth peer name eth0 netns star.h4
link set dev h4.eth0 addrgenmode none
link add name h5.eth0 index 13782671 master sw up type veth peer name eth0 netns star.h5
link set dev h5.eth0 addrgenmode none
link add name h6.eth0 index 7907023 master sw up type veth peer name eth0 netns star.h6
link set dev h6.eth0 addrgenmode none
link add name h7.eth0 index 5765171 master sw up type veth peer name eth0 netns star.h7
link set dev h7.eth0 addrgenmode none
link add name h8.eth0 index 1703713 master sw up type veth peer name eth0 netns star.h8
link set dev h8.eth0 addrgenmode none
link add name h9.eth0 index 4442973 master sw up type veth peer name eth0 netns star.h9
link set dev h9.eth0 addrgenmode none
link add name h10.eth0 index 15711181 master sw up type veth peer name eth0 netns star.h10
link set dev h10.eth0 addrgenmode none
link add name h11.eth0 index 9206450 master sw up type veth peer name eth0 netns star.h11
link set dev h11.eth0 addrgenmode none
link add name h12.eth0 index 14361453 master sw up type veth peer name eth0 netns star.h12
link set dev h12.eth0 addrgenmode none
link add name h13.eth0 index 9216523 master sw up type veth peer name eth0 netns star.h13
link set dev h13.eth0 addrgenmode none
link add name h14.eth0 index 1007445 master sw up type veth peer name eth0 netns star.h14
link set dev h14.eth0 addrgenmode none
link add name h15.eth0 index 7023466 master sw up type veth peer name eth0 netns star.h15
link set dev h15.eth0 addrgenmode none
link add name h16.eth0 index 6771140 master sw up type veth peer name eth0 netns star.h16
link set dev h16.eth0 addrgenmode none
link add name h17.eth0 index 68630 master sw up type veth peer name eth0 netns star.h17
link set dev h17.eth0 addrgenmode none
link add name h18.eth0 index 13268575 master sw up type veth peer name eth0 netns star.h18
link set dev h18.eth0 addrgenmode none
link add name h19.eth0 index 792681 master sw up type veth peer name eth0 netns star.h19
link set dev h19.eth0 addrgenmode none
link add name h20.eth0 index 15440299 master sw up type veth peer name eth0 netns star.h20
link set dev h20.eth0 addrgenmode none
link add name h21.eth0 index 8059838 master sw up type veth peer name eth0 netns star.h21
link set dev h21.eth0 addrgenmode none
link add name h22.eth0 index 8367985 master sw up type veth peer name eth0 netns star.h22
link set dev h22.eth0 addrgenmode none
link add name h23.eth0 index 7106085 master sw up type veth peer name eth0 netns star.h23
link set dev h23.eth0 addrgenmode none
link add name h24.eth0 index 6060409 master sw up type veth peer name eth0 netns star.h24
link set dev h24.eth0 addrgenmode none
link add name h25.eth0 index 11950130 master sw up type veth peer name eth0 netns star.h25
link set dev h25.eth0 addrgenmode none
link add name h26.eth0 index 9635573 master sw up type veth peer name eth0 netns star.h26
link set dev h26.eth0 addrgenmode none
link add name h27.eth0 index 727986 master sw up type veth peer name eth0 netns star.h27
link set dev h27.eth0 addrgenmode none
link add name h28.eth0 index 14331843 master sw up type veth peer name eth0 netns star.h28
link set dev h28.eth0 addrgenmode none
link add name h29.eth0 index 4503000 master sw up type veth peer name eth0 netns star.h29
link set dev h29.eth0 addrgenmode none
link add name h30.eth0 index 10657636 master sw up type veth peer name eth0 netns star.h30
link set dev h30.eth0 addrgenmode none
link add name h31.eth0 index 3976651 master sw up type veth peer name eth0 netns star.h31
link set dev h31.eth0 addrgenmode none
link add name h32.eth0 index 10687224 master sw up type veth peer name eth0 netns star.h32
link set dev h32.eth0 addrgenmode none
link add name h33.eth0 index 15984763 master sw up type veth peer name eth0 netns star.h33
link set dev h33.eth0 addrgenmode none
link add name h34.eth0 index 5924016 master sw up type veth peer name eth0 netns star.h34
link set dev h34.eth0 addrgenmode none
link add name h35.eth0 index 6071409 master sw up type veth peer name eth0 netns star.h35
link set dev h35.eth0 addrgenmode none
link add name h36.eth0 index 10674315 master sw up type veth peer name eth0 netns star.h36
link set dev h36.eth0 addrgenmode none
link add name h37.eth0 index 15453407 master sw up type veth peer name eth0 netns star.h37
link set dev h37.eth0 addrgenmode none
link add name h38.eth0 index 7087627 master sw up type veth peer name eth0 netns star.h38
link set dev h38.eth0 addrgenmode none
link add name h39.eth0 index 545817 master sw up type veth peer name eth0 netns star.h39
link set dev h39.eth0 addrgenmode none
link add name h40.eth0 index 12314007 master sw up type veth peer name eth0 netns star.h40
link set dev h40.eth0 addrgenmode none
link add name h41.eth0 index 5392317 master sw up type veth peer name eth0 netns star.h41
link set dev h41.eth0 addrgenmode none
link add name h42.eth0 index 10988960 master sw up type veth peer name eth0 netns star.h42
link set dev h42.eth0 addrgenmode none
link add name h43.eth0 index 16533499 master sw up type veth peer name eth0 netns star.h43
link set dev h43.eth0 addrgenmode none
link add name h44.eth0 index 7842443 master sw up type veth peer name eth0 netns star.h44
link set dev h44.eth0 addrgenmode none
link add name h45.eth0 index 10497139 master sw up type veth peer name eth0 netns star.h45
link set dev h45.eth0 addrgenmode none
link add name h46.eth0 index 11262961 master sw up type veth peer name eth0 netns star.h46
link set dev h46.eth0 addrgenmode none
link add name h47.eth0 index 1212371 master sw up type veth peer name eth0 netns star.h47
link set dev h47.eth0 addrgenmode none
link add name h48.eth0 index 2220663 master sw up type veth peer name eth0 netns star.h48
link set dev h48.eth0 addrgenmode none
link add name h49.eth0 index 3127246 master sw up type veth peer name eth0 netns star.h49
link set dev h49.eth0 addrgenmode none
link add name h50.eth0 index 3909735 master sw up type veth peer name eth0 netns star.h50
link set dev h50.eth0 addrgenmode none
EOF
  # == stage 3 of 3: addresses and routes (its 50 steps side by side)
  up_3() {
    # mark lo in star.h1 as opentop:star:h1  (examples/star.otop:12:1)
    # bring lo up in star.h1  (examples/star.otop:12:1)
    # add 10.0.0.1/16 to eth0 in star.h1  (examples/star.otop:13:14)
    # add fd00::1/64 to eth0 in star.h1  (examples/star.otop:13:42)
    # bring eth0 up in star.h1  (examples/star.otop:13:3)
    tool_step '3/52, addresses and routes, in node h1 (star.h1)' nsenter --net=/run/netns/star.h1 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h1
link set dev lo up
addr add 10.0.0.1/16 dev eth0
addr add fd00::1/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_4() {
    # mark lo in star.h2 as opentop:star:h2  (examples/star.otop:12:1)
    # bring lo up in star.h2  (examples/star.otop:12:1)
    # add 10.0.0.2/16 to eth0 in star.h2  (examples/star.otop:13:14)
    # add fd00::2/64 to eth0 in star.h2  (examples/star.otop:13:42)
    # bring eth0 up in star.h2  (examples/star.otop:13:3)
    tool_step '4/52, addresses and routes, in node h2 (star.h2)' nsenter --net=/run/netns/star.h2 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h2
link set dev lo up
addr add 10.0.0.2/16 dev eth0
addr add fd00::2/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_5() {
    # mark lo in star.h3 as opentop:star:h3  (examples/star.otop:12:1)
    # bring lo up in star.h3  (examples/star.otop:12:1)
    # add 10.0.0.3/16 to eth0 in star.h3  (examples/star.otop:13:14)
    # add fd00::3/64 to eth0 in star.h3  (examples/star.otop:13:42)
    # bring eth0 up in star.h3  (examples/star.otop:13:3)
    tool_step '5/52, addresses and routes, in node h3 (star.h3)' nsenter --net=/run/netns/star.h3 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h3
link set dev lo up
addr add 10.0.0.3/16 dev eth0
addr add fd00::3/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_6() {
    # mark lo in star.h4 as opentop:star:h4  (examples/star.otop:12:1)
    # bring lo up in star.h4  (examples/star.otop:12:1)
    # add 10.0.0.4/16 to eth0 in star.h4  (examples/star.otop:13:14)
    # add fd00::4/64 to eth0 in star.h4  (examples/star.otop:13:42)
    # bring eth0 up in star.h4  (examples/star.otop:13:3)
    tool_step '6/52, addresses and routes, in node h4 (star.h4)' nsenter --net=/run/netns/star.h4 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h4
link set dev lo up
addr add 10.0.0.4/16 dev eth0
addr add fd00::4/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_7() {
    # mark lo in star.h5 as opentop:star:h5  (examples/star.otop:12:1)
    # bring lo up in star.h5  (examples/star.otop:12:1)
    # add 10.0.0.5/16 to eth0 in star.h5  (examples/star.otop:13:14)
    # add fd00::5/64 to eth0 in star.h5  (examples/star.otop:13:42)
    # bring eth0 up in star.h5  (examples/star.otop:13:3)
    tool_step '7/52, addresses and routes, in node h5 (star.h5)' nsenter --net=/run/netns/star.h5 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h5
link set dev lo up
addr add 10.0.0.5/16 dev eth0
addr add fd00::5/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_8() {
    # mark lo in star.h6 as opentop:star:h6  (examples/star.otop:12:1)
    # bring lo up in star.h6  (examples/star.otop:12:1)
    # add 10.0.0.6/16 to eth0 in star.h6  (examples/star.otop:13:14)
    # add fd00::6/64 to eth0 in star.h6  (examples/star.otop:13:42)
    # bring eth0 up in star.h6  (examples/star.otop:13:3)
    tool_step '8/52, addresses and routes, in node h6 (star.h6)' nsenter --net=/run/netns/star.h6 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h6
link set dev lo up
addr add 10.0.0.6/16 dev eth0
addr add fd00::6/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_9() {
    # mark lo in star.h7 as opentop:star:h7  (examples/star.otop:12:1)
    # bring lo up in star.h7  (examples/star.otop:12:1)
    # add 10.0.0.7/16 to eth0 in star.h7  (examples/star.otop:13:14)
    # add fd00::7/64 to eth0 in star.h7  (examples/star.otop:13:42)
    # bring eth0 up in star.h7  (examples/star.otop:13:3)
    tool_step '9/52, addresses and routes, in node h7 (star.h7)' nsenter --net=/run/netns/star.h7 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h7
link set dev lo up
addr add 10.0.0.7/16 dev eth0
addr add fd00::7/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_10() {
    # mark lo in star.h8 as opentop:star:h8  (examples/star.otop:12:1)
    # bring lo up in star.h8  (examples/star.otop:12:1)
    # add 10.0.0.8/16 to eth0 in star.h8  (examples/star.otop:13:14)
    # add fd00::8/64 to eth0 in star.h8  (examples/star.otop:13:42)
    # bring eth0 up in star.h8  (examples/star.otop:13:3)
    tool_step '10/52, addresses and routes, in node h8 (star.h8)' nsenter --net=/run/netns/star.h8 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h8
link set dev lo up
addr add 10.0.0.8/16 dev eth0
addr add fd00::8/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_11() {
    # mark lo in star.h9 as opentop:star:h9  (examples/star.otop:12:1)
    # bring lo up in star.h9  (examples/star.otop:12:1)
    # add 10.0.0.9/16 to eth0 in star.h9  (examples/star.otop:13:14)
    # add fd00::9/64 to eth0 in star.h9  (examples/star.otop:13:42)
    # bring eth0 up in star.h9  (examples/star.otop:13:3)
    tool_step '11/52, addresses and routes, in node h9 (star.h9)' nsenter --net=/run/netns/star.h9 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h9
link set dev lo up
addr add 10.0.0.9/16 dev eth0
addr add fd00::9/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_12() {
    # mark lo in star.h10 as opentop:star:h10  (examples/star.otop:12:1)
    # bring lo up in star.h10  (examples/star.otop:12:1)
    # add 10.0.0.10/16 to eth0 in star.h10  (examples/star.otop:13:14)
    # add fd00::a/64 to eth0 in star.h10  (examples/star.otop:13:42)
    # bring eth0 up in star.h10  (examples/star.otop:13:3)
    tool_step '12/52, addresses and routes, in node h10 (star.h10)' nsenter --net=/run/netns/star.h10 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h10
link set dev lo up
addr add 10.0.0.10/16 dev eth0
addr add fd00::a/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_13() {
    # mark lo in star.h11 as opentop:star:h11  (examples/star.otop:12:1)
    # bring lo up in star.h11  (examples/star.otop:12:1)
    # add 10.0.0.11/16 to eth0 in star.h11  (examples/star.otop:13:14)
    # add fd00::b/64 to eth0 in star.h11  (examples/star.otop:13:42)
    # bring eth0 up in star.h11  (examples/star.otop:13:3)
    tool_step '13/52, addresses and routes, in node h11 (star.h11)' nsenter --net=/run/netns/star.h11 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h11
link set dev lo up
addr add 10.0.0.11/16 dev eth0
addr add fd00::b/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_14() {
    # mark lo in star.h12 as opentop:star:h12  (examples/star.otop:12:1)
    # bring lo up in star.h12  (examples/star.otop:12:1)
    # add 10.0.0.12/16 to eth0 in star.h12  (examples/star.otop:13:14)
    # add fd00::c/64 to eth0 in star.h12  (examples/star.otop:13:42)
    # bring eth0 up in star.h12  (examples/star.otop:13:3)
    tool_step '14/52, addresses and routes, in node h12 (star.h12)' nsenter --net=/run/netns/star.h12 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h12
link set dev lo up
addr add 10.0.0.12/16 dev eth0
addr add fd00::c/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_15() {
    # mark lo in star.h13 as opentop:star:h13  (examples/star.otop:12:1)
    # bring lo up in star.h13  (examples/star.otop:12:1)
    # add 10.0.0.13/16 to eth0 in star.h13  (examples/star.otop:13:14)
    # add fd00::d/64 to eth0 in star.h13  (examples/star.otop:13:42)
    # bring eth0 up in star.h13  (examples/star.otop:13:3)
    tool_step '15/52, addresses and routes, in node h13 (star.h13)' nsenter --net=/run/netns/star.h13 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h13
link set dev lo up
addr add 10.0.0.13/16 dev eth0
addr add fd00::d/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_16() {
    # mark lo in star.h14 as opentop:star:h14  (examples/star.otop:12:1)
    # bring lo up in star.h14  (examples/star.otop:12:1)
    # add 10.0.0.14/16 to eth0 in star.h14  (examples/star.otop:13:14)
    # add fd00::e/64 to eth0 in star.h14  (examples/star.otop:13:42)
    # bring eth0 up in star.h14  (examples/star.otop:13:3)
    tool_step '16/52, addresses and routes, in node h14 (star.h14)' nsenter --net=/run/netns/star.h14 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h14
link set dev lo up
addr add 10.0.0.14/16 dev eth0
addr add fd00::e/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_17() {
    # mark lo in star.h15 as opentop:star:h15  (examples/star.otop:12:1)
    # bring lo up in star.h15  (examples/star.otop:12:1)
    # add 10.0.0.15/16 to eth0 in star.h15  (examples/star.otop:13:14)
    # add fd00::f/64 to eth0 in star.h15  (examples/star.otop:13:42)
    # bring eth0 up in star.h15  (examples/star.otop:13:3)
    tool_step '17/52, addresses and routes, in node h15 (star.h15)' nsenter --net=/run/netns/star.h15 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h15
link set dev lo up
addr add 10.0.0.15/16 dev eth0
addr add fd00::f/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_18() {
    # mark lo in star.h16 as opentop:star:h16  (examples/star.otop:12:1)
    # bring lo up in star.h16  (examples/star.otop:12:1)
    # add 10.0.0.16/16 to eth0 in star.h16  (examples/star.otop:13:14)
    # add fd00::10/64 to eth0 in star.h16  (examples/star.otop:13:42)
    # bring eth0 up in star.h16  (examples/star.otop:13:3)
    tool_step '18/52, addresses and routes, in node h16 (star.h16)' nsenter --net=/run/netns/star.h16 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h16
link set dev lo up
addr add 10.0.0.16/16 dev eth0
addr add fd00::10/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_19() {
    # mark lo in star.h17 as opentop:star:h17  (examples/star.otop:12:1)
    # bring lo up in star.h17  (examples/star.otop:12:1)
    # add 10.0.0.17/16 to eth0 in star.h17  (examples/star.otop:13:14)
    # add fd00::11/64 to eth0 in star.h17  (examples/star.otop:13:42)
    # bring eth0 up in star.h17  (examples/star.otop:13:3)
    tool_step '19/52, addresses and routes, in node h17 (star.h17)' nsenter --net=/run/netns/star.h17 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h17
link set dev lo up
addr add 10.0.0.17/16 dev eth0
addr add fd00::11/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_20() {
    # mark lo in star.h18 as opentop:star:h18  (examples/star.otop:12:1)
    # bring lo up in star.h18  (examples/star.otop:12:1)
    # add 10.0.0.18/16 to eth0 in star.h18  (examples/star.otop:13:14)
    # add fd00::12/64 to eth0 in star.h18  (examples/star.otop:13:42)
    # bring eth0 up in star.h18  (examples/star.otop:13:3)
    tool_step '20/52, addresses and routes, in node h18 (star.h18)' nsenter --net=/run/netns/star.h18 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h18
link set dev lo up
addr add 10.0.0.18/16 dev eth0
addr add fd00::12/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_21() {
    # mark lo in star.h19 as opentop:star:h19  (examples/star.otop:12:1)
    # bring lo up in star.h19  (examples/star.otop:12:1)
    # add 10.0.0.19/16 to eth0 in star.h19  (examples/star.otop:13:14)
    # add fd00::13/64 to eth0 in star.h19  (examples/star.otop:13:42)
    # bring eth0 up in star.h19  (examples/star.otop:13:3)
    tool_step '21/52, addresses and routes, in node h19 (star.h19)' nsenter --net=/run/netns/star.h19 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h19
link set dev lo up
addr add 10.0.0.19/16 dev eth0
addr add fd00::13/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_22() {
    # mark lo in star.h20 as opentop:star:h20  (examples/star.otop:12:1)
    # bring lo up in star.h20  (examples/star.otop:12:1)
    # add 10.0.0.20/16 to eth0 in star.h20  (examples/star.otop:13:14)
    # add fd00::14/64 to eth0 in star.h20  (examples/star.otop:13:42)
    # bring eth0 up in star.h20  (examples/star.otop:13:3)
    tool_step '22/52, addresses and routes, in node h20 (star.h20)' nsenter --net=/run/netns/star.h20 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h20
link set dev lo up
addr add 10.0.0.20/16 dev eth0
addr add fd00::14/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_23() {
    # mark lo in star.h21 as opentop:star:h21  (examples/star.otop:12:1)
    # bring lo up in star.h21  (examples/star.otop:12:1)
    # add 10.0.0.21/16 to eth0 in star.h21  (examples/star.otop:13:14)
    # add fd00::15/64 to eth0 in star.h21  (examples/star.otop:13:42)
    # bring eth0 up in star.h21  (examples/star.otop:13:3)
    tool_step '23/52, addresses and routes, in node h21 (star.h21)' nsenter --net=/run/netns/star.h21 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h21
link set dev lo up
addr add 10.0.0.21/16 dev eth0
addr add fd00::15/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_24() {
    # mark lo in star.h22 as opentop:star:h22  (examples/star.otop:12:1)
    # bring lo up in star.h22  (examples/star.otop:12:1)
    # add 10.0.0.22/16 to eth0 in star.h22  (examples/star.otop:13:14)
    # add fd00::16/64 to eth0 in star.h22  (examples/star.otop:13:42)
    # bring eth0 up in star.h22  (examples/star.otop:13:3)
    tool_step '24/52, addresses and routes, in node h22 (star.h22)' nsenter --net=/run/netns/star.h22 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h22
link set dev lo up
addr add 10.0.0.22/16 dev eth0
addr add fd00::16/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_25() {
    # mark lo in star.h23 as opentop:star:h23  (examples/star.otop:12:1)
    # bring lo up in star.h23  (examples/star.otop:12:1)
    # add 10.0.0.23/16 to eth0 in star.h23  (examples/star.otop:13:14)
    # add fd00::17/64 to eth0 in star.h23  (examples/star.otop:13:42)
    # bring eth0 up in star.h23  (examples/star.otop:13:3)
    tool_step '25/52, addresses and routes, in node h23 (star.h23)' nsenter --net=/run/netns/star.h23 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h23
link set dev lo up
addr add 10.0.0.23/16 dev eth0
addr add fd00::17/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_26() {
    # mark lo in star.h24 as opentop:star:h24  (examples/star.otop:12:1)
    # bring lo up in star.h24  (examples/star.otop:12:1)
    # add 10.0.0.24/16 to eth0 in star.h24  (examples/star.otop:13:14)
    # add fd00::18/64 to eth0 in star.h24  (examples/star.otop:13:42)
    # bring eth0 up in star.h24  (examples/star.otop:13:3)
    tool_step '26/52, addresses and routes, in node h24 (star.h24)' nsenter --net=/run/netns/star.h24 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h24
link set dev lo up
addr add 10.0.0.24/16 dev eth0
addr add fd00::18/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_27() {
    # mark lo in star.h25 as opentop:star:h25  (examples/star.otop:12:1)
    # bring lo up in star.h25  (examples/star.otop:12:1)
    # add 10.0.0.25/16 to eth0 in star.h25  (examples/star.otop:13:14)
    # add fd00::19/64 to eth0 in star.h25  (examples/star.otop:13:42)
    # bring eth0 up in star.h25  (examples/star.otop:13:3)
    tool_step '27/52, addresses and routes, in node h25 (star.h25)' nsenter --net=/run/netns/star.h25 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h25
link set dev lo up
addr add 10.0.0.25/16 dev eth0
addr add fd00::19/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_28() {
    # mark lo in star.h26 as opentop:star:h26  (examples/star.otop:12:1)
    # bring lo up in star.h26  (examples/star.otop:12:1)
    # add 10.0.0.26/16 to eth0 in star.h26  (examples/star.otop:13:14)
    # add fd00::1a/64 to eth0 in star.h26  (examples/star.otop:13:42)
    # bring eth0 up in star.h26  (examples/star.otop:13:3)
    tool_step '28/52, addresses and routes, in node h26 (star.h26)' nsenter --net=/run/netns/star.h26 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h26
link set dev lo up
addr add 10.0.0.26/16 dev eth0
addr add fd00::1a/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_29() {
    # mark lo in star.h27 as opentop:star:h27  (examples/star.otop:12:1)
    # bring lo up in star.h27  (examples/star.otop:12:1)
    # add 10.0.0.27/16 to eth0 in star.h27  (examples/star.otop:13:14)
    # add fd00::1b/64 to eth0 in star.h27  (examples/star.otop:13:42)
    # bring eth0 up in star.h27  (examples/star.otop:13:3)
    tool_step '29/52, addresses and routes, in node h27 (star.h27)' nsenter --net=/run/netns/star.h27 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h27
link set dev lo up
addr add 10.0.0.27/16 dev eth0
addr add fd00::1b/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_30() {
    # mark lo in star.h28 as opentop:star:h28  (examples/star.otop:12:1)
    # bring lo up in star.h28  (examples/star.otop:12:1)
    # add 10.0.0.28/16 to eth0 in star.h28  (examples/star.otop:13:14)
    # add fd00::1c/64 to eth0 in star.h28  (examples/star.otop:13:42)
    # bring eth0 up in star.h28  (examples/star.otop:13:3)
    tool_step '30/52, addresses and routes, in node h28 (star.h28)' nsenter --net=/run/netns/star.h28 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h28
link set dev lo up
addr add 10.0.0.28/16 dev eth0
addr add fd00::1c/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_31() {
    # mark lo in star.h29 as opentop:star:h29  (examples/star.otop:12:1)
    # bring lo up in star.h29  (examples/star.otop:12:1)
    # add 10.0.0.29/16 to eth0 in star.h29  (examples/star.otop:13:14)
    # add fd00::1d/64 to eth0 in star.h29  (examples/star.otop:13:42)
    # bring eth0 up in star.h29  (examples/star.otop:13:3)
    tool_step '31/52, addresses and routes, in node h29 (star.h29)' nsenter --net=/run/netns/star.h29 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h29
link set dev lo up
addr add 10.0.0.29/16 dev eth0
addr add fd00::1d/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_32() {
    # mark lo in star.h30 as opentop:star:h30  (examples/star.otop:12:1)
    # bring lo up in star.h30  (examples/star.otop:12:1)
    # add 10.0.0.30/16 to eth0 in star.h30  (examples/star.otop:13:14)
    # add fd00::1e/64 to eth0 in star.h30  (examples/star.otop:13:42)
    # bring eth0 up in star.h30  (examples/star.otop:13:3)
    tool_step '32/52, addresses and routes, in node h30 (star.h30)' nsenter --net=/run/netns/star.h30 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h30
link set dev lo up
addr add 10.0.0.30/16 dev eth0
addr add fd00::1e/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_33() {
    # mark lo in star.h31 as opentop:star:h31  (examples/star.otop:12:1)
    # bring lo up in star.h31  (examples/star.otop:12:1)
    # add 10.0.0.31/16 to eth0 in star.h31  (examples/star.otop:13:14)
    # add fd00::1f/64 to eth0 in star.h31  (examples/star.otop:13:42)
    # bring eth0 up in star.h31  (examples/star.otop:13:3)
    tool_step '33/52, addresses and routes, in node h31 (star.h31)' nsenter --net=/run/netns/star.h31 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h31
link set dev lo up
addr add 10.0.0.31/16 dev eth0
addr add fd00::1f/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_34() {
    # mark lo in star.h32 as opentop:star:h32  (examples/star.otop:12:1)
    # bring lo up in star.h32  (examples/star.otop:12:1)
    # add 10.0.0.32/16 to eth0 in star.h32  (examples/star.otop:13:14)
    # add fd00::20/64 to eth0 in star.h32  (examples/star.otop:13:42)
    # bring eth0 up in star.h32  (examples/star.otop:13:3)
    tool_step '34/52, addresses and routes, in node h32 (star.h32)' nsenter --net=/run/netns/star.h32 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h32
link set dev lo up
addr add 10.0.0.32/16 dev eth0
addr add fd00::20/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_35() {
    # mark lo in star.h33 as opentop:star:h33  (examples/star.otop:12:1)
    # bring lo up in star.h33  (examples/star.otop:12:1)
    # add 10.0.0.33/16 to eth0 in star.h33  (examples/star.otop:13:14)
    # add fd00::21/64 to eth0 in star.h33  (examples/star.otop:13:42)
    # bring eth0 up in star.h33  (examples/star.otop:13:3)
    tool_step '35/52, addresses and routes, in node h33 (star.h33)' nsenter --net=/run/netns/star.h33 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h33
link set dev lo up
addr add 10.0.0.33/16 dev eth0
addr add fd00::21/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_36() {
    # mark lo in star.h34 as opentop:star:h34  (examples/star.otop:12:1)
    # bring lo up in star.h34  (examples/star.otop:12:1)
    # add 10.0.0.34/16 to eth0 in star.h34  (examples/star.otop:13:14)
    # add fd00::22/64 to eth0 in star.h34  (examples/star.otop:13:42)
    # bring eth0 up in star.h34  (examples/star.otop:13:3)
    tool_step '36/52, addresses and routes, in node h34 (star.h34)' nsenter --net=/run/netns/star.h34 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h34
link set dev lo up
addr add 10.0.0.34/16 dev eth0
addr add fd00::22/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_37() {
    # mark lo in star.h35 as opentop:star:h35  (examples/star.otop:12:1)
    # bring lo up in star.h35  (examples/star.otop:12:1)
    # add 10.0.0.35/16 to eth0 in star.h35  (examples/star.otop:13:14)
    # add fd00::23/64 to eth0 in star.h35  (examples/star.otop:13:42)
    # bring eth0 up in star.h35  (examples/star.otop:13:3)
    tool_step '37/52, addresses and routes, in node h35 (star.h35)' nsenter --net=/run/netns/star.h35 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h35
link set dev lo up
addr add 10.0.0.35/16 dev eth0
addr add fd00::23/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_38() {
    # mark lo in star.h36 as opentop:star:h36  (examples/star.otop:12:1)
    # bring lo up in star.h36  (examples/star.otop:12:1)
    # add 10.0.0.36/16 to eth0 in star.h36  (examples/star.otop:13:14)
    # add fd00::24/64 to eth0 in star.h36  (examples/star.otop:13:42)
    # bring eth0 up in star.h36  (examples/star.otop:13:3)
    tool_step '38/52, addresses and routes, in node h36 (star.h36)' nsenter --net=/run/netns/star.h36 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h36
link set dev lo up
addr add 10.0.0.36/16 dev eth0
addr add fd00::24/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_39() {
    # mark lo in star.h37 as opentop:star:h37  (examples/star.otop:12:1)
    # bring lo up in star.h37  (examples/star.otop:12:1)
    # add 10.0.0.37/16 to eth0 in star.h37  (examples/star.otop:13:14)
    # add fd00::25/64 to eth0 in star.h37  (examples/star.otop:13:42)
    # bring eth0 up in star.h37  (examples/star.otop:13:3)
    tool_step '39/52, addresses and routes, in node h37 (star.h37)' nsenter --net=/run/netns/star.h37 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h37
link set dev lo up
addr add 10.0.0.37/16 dev eth0
addr add fd00::25/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_40() {
    # mark lo in star.h38 as opentop:star:h38  (examples/star.otop:12:1)
    # bring lo up in star.h38  (examples/star.otop:12:1)
    # add 10.0.0.38/16 to eth0 in star.h38  (examples/star.otop:13:14)
    # add fd00::26/64 to eth0 in star.h38  (examples/star.otop:13:42)
    # bring eth0 up in star.h38  (examples/star.otop:13:3)
    tool_step '40/52, addresses and routes, in node h38 (star.h38)' nsenter --net=/run/netns/star.h38 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h38
link set dev lo up
addr add 10.0.0.38/16 dev eth0
addr add fd00::26/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_41() {
    # mark lo in star.h39 as opentop:star:h39  (examples/star.otop:12:1)
    # bring lo up in star.h39  (examples/star.otop:12:1)
    # add 10.0.0.39/16 to eth0 in star.h39  (examples/star.otop:13:14)
    # add fd00::27/64 to eth0 in star.h39  (examples/star.otop:13:42)
    # bring eth0 up in star.h39  (examples/star.otop:13:3)
    tool_step '41/52, addresses and routes, in node h39 (star.h39)' nsenter --net=/run/netns/star.h39 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h39
link set dev lo up
addr add 10.0.0.39/16 dev eth0
addr add fd00::27/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_42() {
    # mark lo in star.h40 as opentop:star:h40  (examples/star.otop:12:1)
    # bring lo up in star.h40  (examples/star.otop:12:1)
    # add 10.0.0.40/16 to eth0 in star.h40  (examples/star.otop:13:14)
    # add fd00::28/64 to eth0 in star.h40  (examples/star.otop:13:42)
    # bring eth0 up in star.h40  (examples/star.otop:13:3)
    tool_step '42/52, addresses and routes, in node h40 (star.h40)' nsenter --net=/run/netns/star.h40 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h40
link set dev lo up
addr add 10.0.0.40/16 dev eth0
addr add fd00::28/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_43() {
    # mark lo in star.h41 as opentop:star:h41  (examples/star.otop:12:1)
    # bring lo up in star.h41  (examples/star.otop:12:1)
    # add 10.0.0.41/16 to eth0 in star.h41  (examples/star.otop:13:14)
    # add fd00::29/64 to eth0 in star.h41  (examples/star.otop:13:42)
    # bring eth0 up in star.h41  (examples/star.otop:13:3)
    tool_step '43/52, addresses and routes, in node h41 (star.h41)' nsenter --net=/run/netns/star.h41 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h41
link set dev lo up
addr add 10.0.0.41/16 dev eth0
addr add fd00::29/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_44() {
    # mark lo in star.h42 as opentop:star:h42  (examples/star.otop:12:1)
    # bring lo up in star.h42  (examples/star.otop:12:1)
    # add 10.0.0.42/16 to eth0 in star.h42  (examples/star.otop:13:14)
    # add fd00::2a/64 to eth0 in star.h42  (examples/star.otop:13:42)
    # bring eth0 up in star.h42  (examples/star.otop:13:3)
    tool_step '44/52, addresses and routes, in node h42 (star.h42)' nsenter --net=/run/netns/star.h42 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h42
link set dev lo up
addr add 10.0.0.42/16 dev eth0
addr add fd00::2a/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_45() {
    # mark lo in star.h43 as opentop:star:h43  (examples/star.otop:12:1)
    # bring lo up in star.h43  (examples/star.otop:12:1)
    # add 10.0.0.43/16 to eth0 in star.h43  (examples/star.otop:13:14)
    # add fd00::2b/64 to eth0 in star.h43  (examples/star.otop:13:42)
    # bring eth0 up in star.h43  (examples/star.otop:13:3)
    tool_step '45/52, addresses and routes, in node h43 (star.h43)' nsenter --net=/run/netns/star.h43 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h43
link set dev lo up
addr add 10.0.0.43/16 dev eth0
addr add fd00::2b/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_46() {
    # mark lo in star.h44 as opentop:star:h44  (examples/star.otop:12:1)
    # bring lo up in star.h44  (examples/star.otop:12:1)
    # add 10.0.0.44/16 to eth0 in star.h44  (examples/star.otop:13:14)
    # add fd00::2c/64 to eth0 in star.h44  (examples/star.otop:13:42)
    # bring eth0 up in star.h44  (examples/star.otop:13:3)
    tool_step '46/52, addresses and routes, in node h44 (star.h44)' nsenter --net=/run/netns/star.h44 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h44
link set dev lo up
addr add 10.0.0.44/16 dev eth0
addr add fd00::2c/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_47() {
    # mark lo in star.h45 as opentop:star:h45  (examples/star.otop:12:1)
    # bring lo up in star.h45  (examples/star.otop:12:1)
    # add 10.0.0.45/16 to eth0 in star.h45  (examples/star.otop:13:14)
    # add fd00::2d/64 to eth0 in star.h45  (examples/star.otop:13:42)
    # bring eth0 up in star.h45  (examples/star.otop:13:3)
    tool_step '47/52, addresses and routes, in node h45 (star.h45)' nsenter --net=/run/netns/star.h45 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h45
link set dev lo up
addr add 10.0.0.45/16 dev eth0
addr add fd00::2d/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_48() {
    # mark lo in star.h46 as opentop:star:h46  (examples/star.otop:12:1)
    # bring lo up in star.h46  (examples/star.otop:12:1)
    # add 10.0.0.46/16 to eth0 in star.h46  (examples/star.otop:13:14)
    # add fd00::2e/64 to eth0 in star.h46  (examples/star.otop:13:42)
    # bring eth0 up in star.h46  (examples/star.otop:13:3)
    tool_step '48/52, addresses and routes, in node h46 (star.h46)' nsenter --net=/run/netns/star.h46 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h46
link set dev lo up
addr add 10.0.0.46/16 dev eth0
addr add fd00::2e/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_49() {
    # mark lo in star.h47 as opentop:star:h47  (examples/star.otop:12:1)
    # bring lo up in star.h47  (examples/star.otop:12:1)
    # add 10.0.0.47/16 to eth0 in star.h47  (examples/star.otop:13:14)
    # add fd00::2f/64 to eth0 in star.h47  (examples/star.otop:13:42)
    # bring eth0 up in star.h47  (examples/star.otop:13:3)
    tool_step '49/52, addresses and routes, in node h47 (star.h47)' nsenter --net=/run/netns/star.h47 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h47
link set dev lo up
addr add 10.0.0.47/16 dev eth0
addr add fd00::2f/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_50() {
    # mark lo in star.h48 as opentop:star:h48  (examples/star.otop:12:1)
    # bring lo up in star.h48  (examples/star.otop:12:1)
    # add 10.0.0.48/16 to eth0 in star.h48  (examples/star.otop:13:14)
    # add fd00::30/64 to eth0 in star.h48  (examples/star.otop:13:42)
    # bring eth0 up in star.h48  (examples/star.otop:13:3)
    tool_step '50/52, addresses and routes, in node h48 (star.h48)' nsenter --net=/run/netns/star.h48 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h48
link set dev lo up
addr add 10.0.0.48/16 dev eth0
addr add fd00::30/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_51() {
    # mark lo in star.h49 as opentop:star:h49  (examples/star.otop:12:1)
    # bring lo up in star.h49  (examples/star.otop:12:1)
    # add 10.0.0.49/16 to eth0 in star.h49  (examples/star.otop:13:14)
    # add fd00::31/64 to eth0 in star.h49  (examples/star.otop:13:42)
    # bring eth0 up in star.h49  (examples/star.otop:13:3)
    tool_step '51/52, addresses and routes, in node h49 (star.h49)' nsenter --net=/run/netns/star.h49 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h49
link set dev lo up
addr add 10.0.0.49/16 dev eth0
addr add fd00::31/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  up_52() {
    # mark lo in star.h50 as opentop:star:h50  (examples/star.otop:12:1)
    # bring lo up in star.h50  (examples/star.otop:12:1)
    # add 10.0.0.50/16 to eth0 in star.h50  (examples/star.otop:13:14)
    # add fd00::32/64 to eth0 in star.h50  (examples/star.otop:13:42)
    # bring eth0 up in star.h50  (examples/star.otop:13:3)
    tool_step '52/52, addresses and routes, in node h50 (star.h50)' nsenter --net=/run/netns/star.h50 -- ip -batch - <<'EOF'
link set dev lo alias opentop:star:h50
link set dev lo up
addr add 10.0.0.50/16 dev eth0
addr add fd00::32/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  at_once 3 52 || return 1
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
  # delete network namespace star.h50 and everything in it
  if ns_ours star.h50 opentop:star:h50; then owned=$((owned + 1)); queue 'netns del star.h50'; fi
  # delete network namespace star.h49 and everything in it
  if ns_ours star.h49 opentop:star:h49; then owned=$((owned + 1)); queue 'netns del star.h49'; fi
  # delete network namespace star.h48 and everything in it
  if ns_ours star.h48 opentop:star:h48; then owned=$((owned + 1)); queue 'netns del star.h48'; fi
  # delete network namespace star.h47 and everything in it
  if ns_ours star.h47 opentop:star:h47; then owned=$((owned + 1)); queue 'netns del star.h47'; fi
  # delete network namespace star.h46 and everything in it
  if ns_ours star.h46 opentop:star:h46; then owned=$((owned + 1)); queue 'netns del star.h46'; fi
  # delete network namespace star.h45 and everything in it
  if ns_ours star.h45 opentop:star:h45; then owned=$((owned + 1)); queue 'netns del star.h45'; fi
  # delete network namespace star.h44 and everything in it
  if ns_ours star.h44 opentop:star:h44; then owned=$((owned + 1)); queue 'netns del star.h44'; fi
  # delete network namespace star.h43 and everything in it
  if ns_ours star.h43 opentop:star:h43; then owned=$((owned + 1)); queue 'netns del star.h43'; fi
  # delete network namespace star.h42 and everything in it
  if ns_ours star.h42 opentop:star:h42; then owned=$((owned + 1)); queue 'netns del star.h42'; fi
  # delete network namespace star.h41 and everything in it
  if ns_ours star.h41 opentop:star:h41; then owned=$((owned + 1)); queue 'netns del star.h41'; fi
  # delete network namespace star.h40 and everything in it
  if ns_ours star.h40 opentop:star:h40; then owned=$((owned + 1)); queue 'netns del star.h40'; fi
  # delete network namespace star.h39 and everything in it
  if ns_ours star.h39 opentop:star:h39; then owned=$((owned + 1)); queue 'netns del star.h39'; fi
  # delete network namespace star.h38 and everything in it
  if ns_ours star.h38 opentop:star:h38; then owned=$((owned + 1)); queue 'netns del star.h38'; fi
  # delete network namespace star.h37 and everything in it
  if ns_ours star.h37 opentop:star:h37; then owned=$((owned + 1)); queue 'netns del star.h37'; fi
  # delete network namespace star.h36 and everything in it
  if ns_ours star.h36 opentop:star:h36; then owned=$((owned + 1)); queue 'netns del star.h36'; fi
  # delete network namespace star.h35 and everything in it
  if ns_ours star.h35 opentop:star:h35; then owned=$((owned + 1)); queue 'netns del star.h35'; fi
  # delete network namespace star.h34 and everything in it
  if ns_ours star.h34 opentop:star:h34; then owned=$((owned + 1)); queue 'netns del star.h34'; fi
  # delete network namespace star.h33 and everything in it
  if ns_ours star.h33 opentop:star:h33; then owned=$((owned + 1)); queue 'netns del star.h33'; fi
  # delete network namespace star.h32 and everything in it
  if ns_ours star.h32 opentop:star:h32; then owned=$((owned + 1)); queue 'netns del star.h32'; fi
  # delete network namespace star.h31 and everything in it
  if ns_ours star.h31 opentop:star:h31; then owned=$((owned + 1)); queue 'netns del star.h31'; fi
  # delete network namespace star.h30 and everything in it
  if ns_ours star.h30 opentop:star:h30; then owned=$((owned + 1)); queue 'netns del star.h30'; fi
  # delete network namespace star.h29 and everything in it
  if ns_ours star.h29 opentop:star:h29; then owned=$((owned + 1)); queue 'netns del star.h29'; fi
  # delete network namespace star.h28 and everything in it
  if ns_ours star.h28 opentop:star:h28; then owned=$((owned + 1)); queue 'netns del star.h28'; fi
  # delete network namespace star.h27 and everything in it
  if ns_ours star.h27 opentop:star:h27; then owned=$((owned + 1)); queue 'netns del star.h27'; fi
  # delete network namespace star.h26 and everything in it
  if ns_ours star.h26 opentop:star:h26; then owned=$((owned + 1)); queue 'netns del star.h26'; fi
  # delete network namespace star.h25 and everything in it
  if ns_ours star.h25 opentop:star:h25; then owned=$((owned + 1)); queue 'netns del star.h25'; fi
  # delete network namespace star.h24 and everything in it
  if ns_ours star.h24 opentop:star:h24; then owned=$((owned + 1)); queue 'netns del star.h24'; fi
  # delete network namespace star.h23 and everything in it
  if ns_ours star.h23 opentop:star:h23; then owned=$((owned + 1)); queue 'netns del star.h23'; fi
  # delete network namespace star.h22 and everything in it
  if ns_ours star.h22 opentop:star:h22; then owned=$((owned + 1)); queue 'netns del star.h22'; fi
  # delete network namespace star.h21 and everything in it
  if ns_ours star.h21 opentop:star:h21; then owned=$((owned + 1)); queue 'netns del star.h21'; fi
  # delete network namespace star.h20 and everything in it
  if ns_ours star.h20 opentop:star:h20; then owned=$((owned + 1)); queue 'netns del star.h20'; fi
  # delete network namespace star.h19 and everything in it
  if ns_ours star.h19 opentop:star:h19; then owned=$((owned + 1)); queue 'netns del star.h19'; fi
  # delete network namespace star.h18 and everything in it
  if ns_ours star.h18 opentop:star:h18; then owned=$((owned + 1)); queue 'netns del star.h18'; fi
  # delete network namespace star.h17 and everything in it
  if ns_ours star.h17 opentop:star:h17; then owned=$((owned + 1)); queue 'netns del star.h17'; fi
  # delete network namespace star.h16 and everything in it
  if ns_ours star.h16 opentop:star:h16; then owned=$((owned + 1)); queue 'netns del star.h16'; fi
  # delete network namespace star.h15 and everything in it
  if ns_ours star.h15 opentop:star:h15; then owned=$((owned + 1)); queue 'netns del star.h15'; fi
  # delete network namespace star.h14 and everything in it
  if ns_ours star.h14 opentop:star:h14; then owned=$((owned + 1)); queue 'netns del star.h14'; fi
  # delete network namespace star.h13 and everything in it
  if ns_ours star.h13 opentop:star:h13; then owned=$((owned + 1)); queue 'netns del star.h13'; fi
  # delete network namespace star.h12 and everything in it
  if ns_ours star.h12 opentop:star:h12; then owned=$((owned + 1)); queue 'netns del star.h12'; fi
  # delete network namespace star.h11 and everything in it
  if ns_ours star.h11 opentop:star:h11; then owned=$((owned + 1)); queue 'netns del star.h11'; fi
  # delete network namespace star.h10 and everything in it
  if ns_ours star.h10 opentop:star:h10; then owned=$((owned + 1)); queue 'netns del star.h10'; fi
  # delete network namespace star.h9 and everything in it
  if ns_ours star.h9 opentop:star:h9; then owned=$((owned + 1)); queue 'netns del star.h9'; fi
  # delete network namespace star.h8 and everything in it
  if ns_ours star.h8 opentop:star:h8; then owned=$((owned + 1)); queue 'netns del star.h8'; fi
  # delete network namespace star.h7 and everything in it
  if ns_ours star.h7 opentop:star:h7; then owned=$((owned + 1)); queue 'netns del star.h7'; fi
  # delete network namespace star.h6 and everything in it
  if ns_ours star.h6 opentop:star:h6; then owned=$((owned + 1)); queue 'netns del star.h6'; fi
  # delete network namespace star.h5 and everything in it
  if ns_ours star.h5 opentop:star:h5; then owned=$((owned + 1)); queue 'netns del star.h5'; fi
  # delete network namespace star.h4 and everything in it
  if ns_ours star.h4 opentop:star:h4; then owned=$((owned + 1)); queue 'netns del star.h4'; fi
  # delete network namespace star.h3 and everything in it
  if ns_ours star.h3 opentop:star:h3; then owned=$((owned + 1)); queue 'netns del star.h3'; fi
  # delete network namespace star.h2 and everything in it
  if ns_ours star.h2 opentop:star:h2; then owned=$((owned + 1)); queue 'netns del star.h2'; fi
  # delete network namespace star.h1 and everything in it
  if ns_ours star.h1 opentop:star:h1; then owned=$((owned + 1)); queue 'netns del star.h1'; fi
  # delete network namespace star and everything in it
  if ns_ours star opentop:star; then owned=$((owned + 1)); queue 'netns del star'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/star ]; then left="$left"'  netns star'"$NL"; fi
  if [ -e /run/netns/star.h1 ]; then left="$left"'  netns star.h1'"$NL"; fi
  if [ -e /run/netns/star.h2 ]; then left="$left"'  netns star.h2'"$NL"; fi
  if [ -e /run/netns/star.h3 ]; then left="$left"'  netns star.h3'"$NL"; fi
  if [ -e /run/netns/star.h4 ]; then left="$left"'  netns star.h4'"$NL"; fi
  if [ -e /run/netns/star.h5 ]; then left="$left"'  netns star.h5'"$NL"; fi
  if [ -e /run/netns/star.h6 ]; then left="$left"'  netns star.h6'"$NL"; fi
  if [ -e /run/netns/star.h7 ]; then left="$left"'  netns star.h7'"$NL"; fi
  if [ -e /run/netns/star.h8 ]; then left="$left"'  netns star.h8'"$NL"; fi
  if [ -e /run/netns/star.h9 ]; then left="$left"'  netns star.h9'"$NL"; fi
  if [ -e /run/netns/star.h10 ]; then left="$left"'  netns star.h10'"$NL"; fi
  if [ -e /run/netns/star.h11 ]; then left="$left"'  netns star.h11'"$NL"; fi
  if [ -e /run/netns/star.h12 ]; then left="$left"'  netns star.h12'"$NL"; fi
  if [ -e /run/netns/star.h13 ]; then left="$left"'  netns star.h13'"$NL"; fi
  if [ -e /run/netns/star.h14 ]; then left="$left"'  netns star.h14'"$NL"; fi
  if [ -e /run/netns/star.h15 ]; then left="$left"'  netns star.h15'"$NL"; fi
  if [ -e /run/netns/star.h16 ]; then left="$left"'  netns star.h16'"$NL"; fi
  if [ -e /run/netns/star.h17 ]; then left="$left"'  netns star.h17'"$NL"; fi
  if [ -e /run/netns/star.h18 ]; then left="$left"'  netns star.h18'"$NL"; fi
  if [ -e /run/netns/star.h19 ]; then left="$left"'  netns star.h19'"$NL"; fi
  if [ -e /run/netns/star.h20 ]; then left="$left"'  netns star.h20'"$NL"; fi
  if [ -e /run/netns/star.h21 ]; then left="$left"'  netns star.h21'"$NL"; fi
  if [ -e /run/netns/star.h22 ]; then left="$left"'  netns star.h22'"$NL"; fi
  if [ -e /run/netns/star.h23 ]; then left="$left"'  netns star.h23'"$NL"; fi
  if [ -e /run/netns/star.h24 ]; then left="$left"'  netns star.h24'"$NL"; fi
  if [ -e /run/netns/star.h25 ]; then left="$left"'  netns star.h25'"$NL"; fi
  if [ -e /run/netns/star.h26 ]; then left="$left"'  netns star.h26'"$NL"; fi
  if [ -e /run/netns/star.h27 ]; then left="$left"'  netns star.h27'"$NL"; fi
  if [ -e /run/netns/star.h28 ]; then left="$left"'  netns star.h28'"$NL"; fi
  if [ -e /run/netns/star.h29 ]; then left="$left"'  netns star.h29'"$NL"; fi
  if [ -e /run/netns/star.h30 ]; then left="$left"'  netns star.h30'"$NL"; fi
  if [ -e /run/netns/star.h31 ]; then left="$left"'  netns star.h31'"$NL"; fi
  if [ -e /run/netns/star.h32 ]; then left="$left"'  netns star.h32'"$NL"; fi
  if [ -e /run/netns/star.h33 ]; then left="$left"'  netns star.h33'"$NL"; fi
  if [ -e /run/netns/star.h34 ]; then left="$left"'  netns star.h34'"$NL"; fi
  if [ -e /run/netns/star.h35 ]; then left="$left"'  netns star.h35'"$NL"; fi
  if [ -e /run/netns/star.h36 ]; then left="$left"'  netns star.h36'"$NL"; fi
  if [ -e /run/netns/star.h37 ]; then left="$left"'  netns star.h37'"$NL"; fi
  if [ -e /run/netns/star.h38 ]; then left="$left"'  netns star.h38'"$NL"; fi
  if [ -e /run/netns/star.h39 ]; then left="$left"'  netns star.h39'"$NL"; fi
  if [ -e /run/netns/star.h40 ]; then left="$left"'  netns star.h40'"$NL"; fi
  if [ -e /run/netns/star.h41 ]; then left="$left"'  netns star.h41'"$NL"; fi
  if [ -e /run/netns/star.h42 ]; then left="$left"'  netns star.h42'"$NL"; fi
  if [ -e /run/netns/star.h43 ]; then left="$left"'  netns star.h43'"$NL"; fi
  if [ -e /run/netns/star.h44 ]; then left="$left"'  netns star.h44'"$NL"; fi
  if [ -e /run/netns/star.h45 ]; then left="$left"'  netns star.h45'"$NL"; fi
  if [ -e /run/netns/star.h46 ]; then left="$left"'  netns star.h46'"$NL"; fi
  if [ -e /run/netns/star.h47 ]; then left="$left"'  netns star.h47'"$NL"; fi
  if [ -e /run/netns/star.h48 ]; then left="$left"'  netns star.h48'"$NL"; fi
  if [ -e /run/netns/star.h49 ]; then left="$left"'  netns star.h49'"$NL"; fi
  if [ -e /run/netns/star.h50 ]; then left="$left"'  netns star.h50'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/star && found=0
  taken_netns /run/netns/star.h1 && found=0
  taken_netns /run/netns/star.h2 && found=0
  taken_netns /run/netns/star.h3 && found=0
  taken_netns /run/netns/star.h4 && found=0
  taken_netns /run/netns/star.h5 && found=0
  taken_netns /run/netns/star.h6 && found=0
  taken_netns /run/netns/star.h7 && found=0
  taken_netns /run/netns/star.h8 && found=0
  taken_netns /run/netns/star.h9 && found=0
  taken_netns /run/netns/star.h10 && found=0
  taken_netns /run/netns/star.h11 && found=0
  taken_netns /run/netns/star.h12 && found=0
  taken_netns /run/netns/star.h13 && found=0
  taken_netns /run/netns/star.h14 && found=0
  taken_netns /run/netns/star.h15 && found=0
  taken_netns /run/netns/star.h16 && found=0
  taken_netns /run/netns/star.h17 && found=0
  taken_netns /run/netns/star.h18 && found=0
  taken_netns /run/netns/star.h19 && found=0
  taken_netns /run/netns/star.h20 && found=0
  taken_netns /run/netns/star.h21 && found=0
  taken_netns /run/netns/star.h22 && found=0
  taken_netns /run/netns/star.h23 && found=0
  taken_netns /run/netns/star.h24 && found=0
  taken_netns /run/netns/star.h25 && found=0
  taken_netns /run/netns/star.h26 && found=0
  taken_netns /run/netns/star.h27 && found=0
  taken_netns /run/netns/star.h28 && found=0
  taken_netns /run/netns/star.h29 && found=0
  taken_netns /run/netns/star.h30 && found=0
  taken_netns /run/netns/star.h31 && found=0
  taken_netns /run/netns/star.h32 && found=0
  taken_netns /run/netns/star.h33 && found=0
  taken_netns /run/netns/star.h34 && found=0
  taken_netns /run/netns/star.h35 && found=0
  taken_netns /run/netns/star.h36 && found=0
  taken_netns /run/netns/star.h37 && found=0
  taken_netns /run/netns/star.h38 && found=0
  taken_netns /run/netns/star.h39 && found=0
  taken_netns /run/netns/star.h40 && found=0
  taken_netns /run/netns/star.h41 && found=0
  taken_netns /run/netns/star.h42 && found=0
  taken_netns /run/netns/star.h43 && found=0
  taken_netns /run/netns/star.h44 && found=0
  taken_netns /run/netns/star.h45 && found=0
  taken_netns /run/netns/star.h46 && found=0
  taken_netns /run/netns/star.h47 && found=0
  taken_netns /run/netns/star.h48 && found=0
  taken_netns /run/netns/star.h49 && found=0
  taken_netns /run/netns/star.h50 && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge
EOF
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (examples/star.otop:10:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/star.otop:13:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:star 2:star.h1 3:star.h2 4:star.h3 5:star.h4 6:star.h5 7:star.h6 8:star.h7 9:star.h8 10:star.h9 11:star.h10 12:star.h11 13:star.h12 14:star.h13 15:star.h14 16:star.h15 17:star.h16 18:star.h17 19:star.h18 20:star.h19 21:star.h20 22:star.h21 23:star.h22 24:star.h23 25:star.h24 26:star.h25 27:star.h26 28:star.h27 29:star.h28 30:star.h29 31:star.h30 32:star.h31 33:star.h32 34:star.h33 35:star.h34 36:star.h35 37:star.h36 38:star.h37 39:star.h38 40:star.h39 41:star.h40 42:star.h41 43:star.h42 44:star.h43 45:star.h44 46:star.h45 47:star.h46 48:star.h47 49:star.h48 50:star.h49 51:star.h50
)

ns_1() { look 'the switches (star)' star links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface sw'
  [ "${seen_3-}" = 1 ] || drift missing 'interface h1.eth0'
  [ "${seen_4-}" = 1 ] || drift missing 'interface h2.eth0'
  [ "${seen_5-}" = 1 ] || drift missing 'interface h3.eth0'
  [ "${seen_6-}" = 1 ] || drift missing 'interface h4.eth0'
  [ "${seen_7-}" = 1 ] || drift missing 'interface h5.eth0'
  [ "${seen_8-}" = 1 ] || drift missing 'interface h6.eth0'
  [ "${seen_9-}" = 1 ] || drift missing 'interface h7.eth0'
  [ "${seen_10-}" = 1 ] || drift missing 'interface h8.eth0'
  [ "${seen_11-}" = 1 ] || drift missing 'interface h9.eth0'
  [ "${seen_12-}" = 1 ] || drift missing 'interface h10.eth0'
  [ "${seen_13-}" = 1 ] || drift missing 'interface h11.eth0'
  [ "${seen_14-}" = 1 ] || drift missing 'interface h12.eth0'
  [ "${seen_15-}" = 1 ] || drift missing 'interface h13.eth0'
  [ "${seen_16-}" = 1 ] || drift missing 'interface h14.eth0'
  [ "${seen_17-}" = 1 ] || drift missing 'interface h15.eth0'
  [ "${seen_18-}" = 1 ] || drift missing 'interface h16.eth0'
  [ "${seen_19-}" = 1 ] || drift missing 'interface h17.eth0'
  [ "${seen_20-}" = 1 ] || drift missing 'interface h18.eth0'
  [ "${seen_21-}" = 1 ] || drift missing 'interface h19.eth0'
  [ "${seen_22-}" = 1 ] || drift missing 'interface h20.eth0'
  [ "${seen_23-}" = 1 ] || drift missing 'interface h21.eth0'
  [ "${seen_24-}" = 1 ] || drift missing 'interface h22.eth0'
  [ "${seen_25-}" = 1 ] || drift missing 'interface h23.eth0'
  [ "${seen_26-}" = 1 ] || drift missing 'interface h24.eth0'
  [ "${seen_27-}" = 1 ] || drift missing 'interface h25.eth0'
  [ "${seen_28-}" = 1 ] || drift missing 'interface h26.eth0'
  [ "${seen_29-}" = 1 ] || drift missing 'interface h27.eth0'
  [ "${seen_30-}" = 1 ] || drift missing 'interface h28.eth0'
  [ "${seen_31-}" = 1 ] || drift missing 'interface h29.eth0'
  [ "${seen_32-}" = 1 ] || drift missing 'interface h30.eth0'
  [ "${seen_33-}" = 1 ] || drift missing 'interface h31.eth0'
  [ "${seen_34-}" = 1 ] || drift missing 'interface h32.eth0'
  [ "${seen_35-}" = 1 ] || drift missing 'interface h33.eth0'
  [ "${seen_36-}" = 1 ] || drift missing 'interface h34.eth0'
  [ "${seen_37-}" = 1 ] || drift missing 'interface h35.eth0'
  [ "${seen_38-}" = 1 ] || drift missing 'interface h36.eth0'
  [ "${seen_39-}" = 1 ] || drift missing 'interface h37.eth0'
  [ "${seen_40-}" = 1 ] || drift missing 'interface h38.eth0'
  [ "${seen_41-}" = 1 ] || drift missing 'interface h39.eth0'
  [ "${seen_42-}" = 1 ] || drift missing 'interface h40.eth0'
  [ "${seen_43-}" = 1 ] || drift missing 'interface h41.eth0'
  [ "${seen_44-}" = 1 ] || drift missing 'interface h42.eth0'
  [ "${seen_45-}" = 1 ] || drift missing 'interface h43.eth0'
  [ "${seen_46-}" = 1 ] || drift missing 'interface h44.eth0'
  [ "${seen_47-}" = 1 ] || drift missing 'interface h45.eth0'
  [ "${seen_48-}" = 1 ] || drift missing 'interface h46.eth0'
  [ "${seen_49-}" = 1 ] || drift missing 'interface h47.eth0'
  [ "${seen_50-}" = 1 ] || drift missing 'interface h48.eth0'
  [ "${seen_51-}" = 1 ] || drift missing 'interface h49.eth0'
  [ "${seen_52-}" = 1 ] || drift missing 'interface h50.eth0'
  extras
}

# links_1 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_1() {
  case $2 in
    '') links_1_0 "$1" && return 0 ;;
    sw) links_1_1 "$1" && return 0 ;;
  esac
  links_1_0 "$1" || links_1_1 "$1"
}
links_1_0() {
  case $1 in
    lo) seen_1=1; want_link ;;
    sw) seen_2=1; want_link up ;;
    *) return 1 ;;
  esac
}
links_1_1() {
  case $1 in
    h1*)
      case $1 in
        h1.eth0) seen_3=1; want_link up master sw ;;
        h10.eth0) seen_12=1; want_link up master sw ;;
        h11.eth0) seen_13=1; want_link up master sw ;;
        h12.eth0) seen_14=1; want_link up master sw ;;
        h13.eth0) seen_15=1; want_link up master sw ;;
        h14.eth0) seen_16=1; want_link up master sw ;;
        h15.eth0) seen_17=1; want_link up master sw ;;
        h16.eth0) seen_18=1; want_link up master sw ;;
        h17.eth0) seen_19=1; want_link up master sw ;;
        h18.eth0) seen_20=1; want_link up master sw ;;
        h19.eth0) seen_21=1; want_link up master sw ;;
        *) return 1 ;;
      esac
      ;;
    h2*)
      case $1 in
        h2.eth0) seen_4=1; want_link up master sw ;;
        h20.eth0) seen_22=1; want_link up master sw ;;
        h21.eth0) seen_23=1; want_link up master sw ;;
        h22.eth0) seen_24=1; want_link up master sw ;;
        h23.eth0) seen_25=1; want_link up master sw ;;
        h24.eth0) seen_26=1; want_link up master sw ;;
        h25.eth0) seen_27=1; want_link up master sw ;;
        h26.eth0) seen_28=1; want_link up master sw ;;
        h27.eth0) seen_29=1; want_link up master sw ;;
        h28.eth0) seen_30=1; want_link up master sw ;;
        h29.eth0) seen_31=1; want_link up master sw ;;
        *) return 1 ;;
      esac
      ;;
    h3*)
      case $1 in
        h3.eth0) seen_5=1; want_link up master sw ;;
        h30.eth0) seen_32=1; want_link up master sw ;;
        h31.eth0) seen_33=1; want_link up master sw ;;
        h32.eth0) seen_34=1; want_link up master sw ;;
        h33.eth0) seen_35=1; want_link up master sw ;;
        h34.eth0) seen_36=1; want_link up master sw ;;
        h35.eth0) seen_37=1; want_link up master sw ;;
        h36.eth0) seen_38=1; want_link up master sw ;;
        h37.eth0) seen_39=1; want_link up master sw ;;
        h38.eth0) seen_40=1; want_link up master sw ;;
        h39.eth0) seen_41=1; want_link up master sw ;;
        *) return 1 ;;
      esac
      ;;
    h4*)
      case $1 in
        h4.eth0) seen_6=1; want_link up master sw ;;
        h40.eth0) seen_42=1; want_link up master sw ;;
        h41.eth0) seen_43=1; want_link up master sw ;;
        h42.eth0) seen_44=1; want_link up master sw ;;
        h43.eth0) seen_45=1; want_link up master sw ;;
        h44.eth0) seen_46=1; want_link up master sw ;;
        h45.eth0) seen_47=1; want_link up master sw ;;
        h46.eth0) seen_48=1; want_link up master sw ;;
        h47.eth0) seen_49=1; want_link up master sw ;;
        h48.eth0) seen_50=1; want_link up master sw ;;
        h49.eth0) seen_51=1; want_link up master sw ;;
        *) return 1 ;;
      esac
      ;;
    h5*)
      case $1 in
        h5.eth0) seen_7=1; want_link up master sw ;;
        h50.eth0) seen_52=1; want_link up master sw ;;
        *) return 1 ;;
      esac
      ;;
    h6.eth0) seen_8=1; want_link up master sw ;;
    h7.eth0) seen_9=1; want_link up master sw ;;
    h8.eth0) seen_10=1; want_link up master sw ;;
    h9.eth0) seen_11=1; want_link up master sw ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node h1 (star.h1)' star.h1 links_2; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr eth0 10.0.0.1/16
    want_addr eth0 fd00::1/64
  else
    drift missing 'interface eth0'
  fi
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
routes_2() { return 1; }

ns_3() { look 'node h2 (star.h2)' star.h2 links_3; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr eth0 10.0.0.2/16
    want_addr eth0 fd00::2/64
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

ns_4() { look 'node h3 (star.h3)' star.h3 links_4; }
end_4() {
  [ "${seen_1-}" = 4 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 4 ]; then
    want_addr eth0 10.0.0.3/16
    want_addr eth0 fd00::3/64
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

ns_5() { look 'node h4 (star.h4)' star.h4 links_5; }
end_5() {
  [ "${seen_1-}" = 5 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 5 ]; then
    want_addr eth0 10.0.0.4/16
    want_addr eth0 fd00::4/64
  else
    drift missing 'interface eth0'
  fi
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
routes_5() { return 1; }

ns_6() { look 'node h5 (star.h5)' star.h5 links_6; }
end_6() {
  [ "${seen_1-}" = 6 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 6 ]; then
    want_addr eth0 10.0.0.5/16
    want_addr eth0 fd00::5/64
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

ns_7() { look 'node h6 (star.h6)' star.h6 links_7; }
end_7() {
  [ "${seen_1-}" = 7 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 7 ]; then
    want_addr eth0 10.0.0.6/16
    want_addr eth0 fd00::6/64
  else
    drift missing 'interface eth0'
  fi
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
routes_7() { return 1; }

ns_8() { look 'node h7 (star.h7)' star.h7 links_8; }
end_8() {
  [ "${seen_1-}" = 8 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 8 ]; then
    want_addr eth0 10.0.0.7/16
    want_addr eth0 fd00::7/64
  else
    drift missing 'interface eth0'
  fi
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
routes_8() { return 1; }

ns_9() { look 'node h8 (star.h8)' star.h8 links_9; }
end_9() {
  [ "${seen_1-}" = 9 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 9 ]; then
    want_addr eth0 10.0.0.8/16
    want_addr eth0 fd00::8/64
  else
    drift missing 'interface eth0'
  fi
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
routes_9() { return 1; }

ns_10() { look 'node h9 (star.h9)' star.h9 links_10; }
end_10() {
  [ "${seen_1-}" = 10 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 10 ]; then
    want_addr eth0 10.0.0.9/16
    want_addr eth0 fd00::9/64
  else
    drift missing 'interface eth0'
  fi
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
routes_10() { return 1; }

ns_11() { look 'node h10 (star.h10)' star.h10 links_11; }
end_11() {
  [ "${seen_1-}" = 11 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 11 ]; then
    want_addr eth0 10.0.0.10/16
    want_addr eth0 fd00::a/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_11 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_11() {
  case $1 in
    lo) seen_1=11; want_link up ;;
    eth0) seen_2=11; want_link up ;;
    *) return 1 ;;
  esac
}
routes_11() { return 1; }

ns_12() { look 'node h11 (star.h11)' star.h11 links_12; }
end_12() {
  [ "${seen_1-}" = 12 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 12 ]; then
    want_addr eth0 10.0.0.11/16
    want_addr eth0 fd00::b/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_12 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_12() {
  case $1 in
    lo) seen_1=12; want_link up ;;
    eth0) seen_2=12; want_link up ;;
    *) return 1 ;;
  esac
}
routes_12() { return 1; }

ns_13() { look 'node h12 (star.h12)' star.h12 links_13; }
end_13() {
  [ "${seen_1-}" = 13 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 13 ]; then
    want_addr eth0 10.0.0.12/16
    want_addr eth0 fd00::c/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_13 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_13() {
  case $1 in
    lo) seen_1=13; want_link up ;;
    eth0) seen_2=13; want_link up ;;
    *) return 1 ;;
  esac
}
routes_13() { return 1; }

ns_14() { look 'node h13 (star.h13)' star.h13 links_14; }
end_14() {
  [ "${seen_1-}" = 14 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 14 ]; then
    want_addr eth0 10.0.0.13/16
    want_addr eth0 fd00::d/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_14 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_14() {
  case $1 in
    lo) seen_1=14; want_link up ;;
    eth0) seen_2=14; want_link up ;;
    *) return 1 ;;
  esac
}
routes_14() { return 1; }

ns_15() { look 'node h14 (star.h14)' star.h14 links_15; }
end_15() {
  [ "${seen_1-}" = 15 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 15 ]; then
    want_addr eth0 10.0.0.14/16
    want_addr eth0 fd00::e/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_15 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_15() {
  case $1 in
    lo) seen_1=15; want_link up ;;
    eth0) seen_2=15; want_link up ;;
    *) return 1 ;;
  esac
}
routes_15() { return 1; }

ns_16() { look 'node h15 (star.h15)' star.h15 links_16; }
end_16() {
  [ "${seen_1-}" = 16 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 16 ]; then
    want_addr eth0 10.0.0.15/16
    want_addr eth0 fd00::f/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_16 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_16() {
  case $1 in
    lo) seen_1=16; want_link up ;;
    eth0) seen_2=16; want_link up ;;
    *) return 1 ;;
  esac
}
routes_16() { return 1; }

ns_17() { look 'node h16 (star.h16)' star.h16 links_17; }
end_17() {
  [ "${seen_1-}" = 17 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 17 ]; then
    want_addr eth0 10.0.0.16/16
    want_addr eth0 fd00::10/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_17 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_17() {
  case $1 in
    lo) seen_1=17; want_link up ;;
    eth0) seen_2=17; want_link up ;;
    *) return 1 ;;
  esac
}
routes_17() { return 1; }

ns_18() { look 'node h17 (star.h17)' star.h17 links_18; }
end_18() {
  [ "${seen_1-}" = 18 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 18 ]; then
    want_addr eth0 10.0.0.17/16
    want_addr eth0 fd00::11/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_18 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_18() {
  case $1 in
    lo) seen_1=18; want_link up ;;
    eth0) seen_2=18; want_link up ;;
    *) return 1 ;;
  esac
}
routes_18() { return 1; }

ns_19() { look 'node h18 (star.h18)' star.h18 links_19; }
end_19() {
  [ "${seen_1-}" = 19 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 19 ]; then
    want_addr eth0 10.0.0.18/16
    want_addr eth0 fd00::12/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_19 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_19() {
  case $1 in
    lo) seen_1=19; want_link up ;;
    eth0) seen_2=19; want_link up ;;
    *) return 1 ;;
  esac
}
routes_19() { return 1; }

ns_20() { look 'node h19 (star.h19)' star.h19 links_20; }
end_20() {
  [ "${seen_1-}" = 20 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 20 ]; then
    want_addr eth0 10.0.0.19/16
    want_addr eth0 fd00::13/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_20 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_20() {
  case $1 in
    lo) seen_1=20; want_link up ;;
    eth0) seen_2=20; want_link up ;;
    *) return 1 ;;
  esac
}
routes_20() { return 1; }

ns_21() { look 'node h20 (star.h20)' star.h20 links_21; }
end_21() {
  [ "${seen_1-}" = 21 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 21 ]; then
    want_addr eth0 10.0.0.20/16
    want_addr eth0 fd00::14/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_21 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_21() {
  case $1 in
    lo) seen_1=21; want_link up ;;
    eth0) seen_2=21; want_link up ;;
    *) return 1 ;;
  esac
}
routes_21() { return 1; }

ns_22() { look 'node h21 (star.h21)' star.h21 links_22; }
end_22() {
  [ "${seen_1-}" = 22 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 22 ]; then
    want_addr eth0 10.0.0.21/16
    want_addr eth0 fd00::15/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_22 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_22() {
  case $1 in
    lo) seen_1=22; want_link up ;;
    eth0) seen_2=22; want_link up ;;
    *) return 1 ;;
  esac
}
routes_22() { return 1; }

ns_23() { look 'node h22 (star.h22)' star.h22 links_23; }
end_23() {
  [ "${seen_1-}" = 23 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 23 ]; then
    want_addr eth0 10.0.0.22/16
    want_addr eth0 fd00::16/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_23 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_23() {
  case $1 in
    lo) seen_1=23; want_link up ;;
    eth0) seen_2=23; want_link up ;;
    *) return 1 ;;
  esac
}
routes_23() { return 1; }

ns_24() { look 'node h23 (star.h23)' star.h23 links_24; }
end_24() {
  [ "${seen_1-}" = 24 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 24 ]; then
    want_addr eth0 10.0.0.23/16
    want_addr eth0 fd00::17/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_24 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_24() {
  case $1 in
    lo) seen_1=24; want_link up ;;
    eth0) seen_2=24; want_link up ;;
    *) return 1 ;;
  esac
}
routes_24() { return 1; }

ns_25() { look 'node h24 (star.h24)' star.h24 links_25; }
end_25() {
  [ "${seen_1-}" = 25 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 25 ]; then
    want_addr eth0 10.0.0.24/16
    want_addr eth0 fd00::18/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_25 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_25() {
  case $1 in
    lo) seen_1=25; want_link up ;;
    eth0) seen_2=25; want_link up ;;
    *) return 1 ;;
  esac
}
routes_25() { return 1; }

ns_26() { look 'node h25 (star.h25)' star.h25 links_26; }
end_26() {
  [ "${seen_1-}" = 26 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 26 ]; then
    want_addr eth0 10.0.0.25/16
    want_addr eth0 fd00::19/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_26 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_26() {
  case $1 in
    lo) seen_1=26; want_link up ;;
    eth0) seen_2=26; want_link up ;;
    *) return 1 ;;
  esac
}
routes_26() { return 1; }

ns_27() { look 'node h26 (star.h26)' star.h26 links_27; }
end_27() {
  [ "${seen_1-}" = 27 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 27 ]; then
    want_addr eth0 10.0.0.26/16
    want_addr eth0 fd00::1a/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_27 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_27() {
  case $1 in
    lo) seen_1=27; want_link up ;;
    eth0) seen_2=27; want_link up ;;
    *) return 1 ;;
  esac
}
routes_27() { return 1; }

ns_28() { look 'node h27 (star.h27)' star.h27 links_28; }
end_28() {
  [ "${seen_1-}" = 28 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 28 ]; then
    want_addr eth0 10.0.0.27/16
    want_addr eth0 fd00::1b/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_28 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_28() {
  case $1 in
    lo) seen_1=28; want_link up ;;
    eth0) seen_2=28; want_link up ;;
    *) return 1 ;;
  esac
}
routes_28() { return 1; }

ns_29() { look 'node h28 (star.h28)' star.h28 links_29; }
end_29() {
  [ "${seen_1-}" = 29 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 29 ]; then
    want_addr eth0 10.0.0.28/16
    want_addr eth0 fd00::1c/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_29 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_29() {
  case $1 in
    lo) seen_1=29; want_link up ;;
    eth0) seen_2=29; want_link up ;;
    *) return 1 ;;
  esac
}
routes_29() { return 1; }

ns_30() { look 'node h29 (star.h29)' star.h29 links_30; }
end_30() {
  [ "${seen_1-}" = 30 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 30 ]; then
    want_addr eth0 10.0.0.29/16
    want_addr eth0 fd00::1d/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_30 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_30() {
  case $1 in
    lo) seen_1=30; want_link up ;;
    eth0) seen_2=30; want_link up ;;
    *) return 1 ;;
  esac
}
routes_30() { return 1; }

ns_31() { look 'node h30 (star.h30)' star.h30 links_31; }
end_31() {
  [ "${seen_1-}" = 31 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 31 ]; then
    want_addr eth0 10.0.0.30/16
    want_addr eth0 fd00::1e/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_31 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_31() {
  case $1 in
    lo) seen_1=31; want_link up ;;
    eth0) seen_2=31; want_link up ;;
    *) return 1 ;;
  esac
}
routes_31() { return 1; }

ns_32() { look 'node h31 (star.h31)' star.h31 links_32; }
end_32() {
  [ "${seen_1-}" = 32 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 32 ]; then
    want_addr eth0 10.0.0.31/16
    want_addr eth0 fd00::1f/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_32 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_32() {
  case $1 in
    lo) seen_1=32; want_link up ;;
    eth0) seen_2=32; want_link up ;;
    *) return 1 ;;
  esac
}
routes_32() { return 1; }

ns_33() { look 'node h32 (star.h32)' star.h32 links_33; }
end_33() {
  [ "${seen_1-}" = 33 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 33 ]; then
    want_addr eth0 10.0.0.32/16
    want_addr eth0 fd00::20/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_33 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_33() {
  case $1 in
    lo) seen_1=33; want_link up ;;
    eth0) seen_2=33; want_link up ;;
    *) return 1 ;;
  esac
}
routes_33() { return 1; }

ns_34() { look 'node h33 (star.h33)' star.h33 links_34; }
end_34() {
  [ "${seen_1-}" = 34 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 34 ]; then
    want_addr eth0 10.0.0.33/16
    want_addr eth0 fd00::21/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_34 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_34() {
  case $1 in
    lo) seen_1=34; want_link up ;;
    eth0) seen_2=34; want_link up ;;
    *) return 1 ;;
  esac
}
routes_34() { return 1; }

ns_35() { look 'node h34 (star.h34)' star.h34 links_35; }
end_35() {
  [ "${seen_1-}" = 35 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 35 ]; then
    want_addr eth0 10.0.0.34/16
    want_addr eth0 fd00::22/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_35 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_35() {
  case $1 in
    lo) seen_1=35; want_link up ;;
    eth0) seen_2=35; want_link up ;;
    *) return 1 ;;
  esac
}
routes_35() { return 1; }

ns_36() { look 'node h35 (star.h35)' star.h35 links_36; }
end_36() {
  [ "${seen_1-}" = 36 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 36 ]; then
    want_addr eth0 10.0.0.35/16
    want_addr eth0 fd00::23/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_36 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_36() {
  case $1 in
    lo) seen_1=36; want_link up ;;
    eth0) seen_2=36; want_link up ;;
    *) return 1 ;;
  esac
}
routes_36() { return 1; }

ns_37() { look 'node h36 (star.h36)' star.h36 links_37; }
end_37() {
  [ "${seen_1-}" = 37 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 37 ]; then
    want_addr eth0 10.0.0.36/16
    want_addr eth0 fd00::24/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_37 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_37() {
  case $1 in
    lo) seen_1=37; want_link up ;;
    eth0) seen_2=37; want_link up ;;
    *) return 1 ;;
  esac
}
routes_37() { return 1; }

ns_38() { look 'node h37 (star.h37)' star.h37 links_38; }
end_38() {
  [ "${seen_1-}" = 38 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 38 ]; then
    want_addr eth0 10.0.0.37/16
    want_addr eth0 fd00::25/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_38 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_38() {
  case $1 in
    lo) seen_1=38; want_link up ;;
    eth0) seen_2=38; want_link up ;;
    *) return 1 ;;
  esac
}
routes_38() { return 1; }

ns_39() { look 'node h38 (star.h38)' star.h38 links_39; }
end_39() {
  [ "${seen_1-}" = 39 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 39 ]; then
    want_addr eth0 10.0.0.38/16
    want_addr eth0 fd00::26/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_39 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_39() {
  case $1 in
    lo) seen_1=39; want_link up ;;
    eth0) seen_2=39; want_link up ;;
    *) return 1 ;;
  esac
}
routes_39() { return 1; }

ns_40() { look 'node h39 (star.h39)' star.h39 links_40; }
end_40() {
  [ "${seen_1-}" = 40 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 40 ]; then
    want_addr eth0 10.0.0.39/16
    want_addr eth0 fd00::27/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_40 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_40() {
  case $1 in
    lo) seen_1=40; want_link up ;;
    eth0) seen_2=40; want_link up ;;
    *) return 1 ;;
  esac
}
routes_40() { return 1; }

ns_41() { look 'node h40 (star.h40)' star.h40 links_41; }
end_41() {
  [ "${seen_1-}" = 41 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 41 ]; then
    want_addr eth0 10.0.0.40/16
    want_addr eth0 fd00::28/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_41 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_41() {
  case $1 in
    lo) seen_1=41; want_link up ;;
    eth0) seen_2=41; want_link up ;;
    *) return 1 ;;
  esac
}
routes_41() { return 1; }

ns_42() { look 'node h41 (star.h41)' star.h41 links_42; }
end_42() {
  [ "${seen_1-}" = 42 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 42 ]; then
    want_addr eth0 10.0.0.41/16
    want_addr eth0 fd00::29/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_42 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_42() {
  case $1 in
    lo) seen_1=42; want_link up ;;
    eth0) seen_2=42; want_link up ;;
    *) return 1 ;;
  esac
}
routes_42() { return 1; }

ns_43() { look 'node h42 (star.h42)' star.h42 links_43; }
end_43() {
  [ "${seen_1-}" = 43 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 43 ]; then
    want_addr eth0 10.0.0.42/16
    want_addr eth0 fd00::2a/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_43 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_43() {
  case $1 in
    lo) seen_1=43; want_link up ;;
    eth0) seen_2=43; want_link up ;;
    *) return 1 ;;
  esac
}
routes_43() { return 1; }

ns_44() { look 'node h43 (star.h43)' star.h43 links_44; }
end_44() {
  [ "${seen_1-}" = 44 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 44 ]; then
    want_addr eth0 10.0.0.43/16
    want_addr eth0 fd00::2b/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_44 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_44() {
  case $1 in
    lo) seen_1=44; want_link up ;;
    eth0) seen_2=44; want_link up ;;
    *) return 1 ;;
  esac
}
routes_44() { return 1; }

ns_45() { look 'node h44 (star.h44)' star.h44 links_45; }
end_45() {
  [ "${seen_1-}" = 45 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 45 ]; then
    want_addr eth0 10.0.0.44/16
    want_addr eth0 fd00::2c/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_45 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_45() {
  case $1 in
    lo) seen_1=45; want_link up ;;
    eth0) seen_2=45; want_link up ;;
    *) return 1 ;;
  esac
}
routes_45() { return 1; }

ns_46() { look 'node h45 (star.h45)' star.h45 links_46; }
end_46() {
  [ "${seen_1-}" = 46 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 46 ]; then
    want_addr eth0 10.0.0.45/16
    want_addr eth0 fd00::2d/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_46 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_46() {
  case $1 in
    lo) seen_1=46; want_link up ;;
    eth0) seen_2=46; want_link up ;;
    *) return 1 ;;
  esac
}
routes_46() { return 1; }

ns_47() { look 'node h46 (star.h46)' star.h46 links_47; }
end_47() {
  [ "${seen_1-}" = 47 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 47 ]; then
    want_addr eth0 10.0.0.46/16
    want_addr eth0 fd00::2e/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_47 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_47() {
  case $1 in
    lo) seen_1=47; want_link up ;;
    eth0) seen_2=47; want_link up ;;
    *) return 1 ;;
  esac
}
routes_47() { return 1; }

ns_48() { look 'node h47 (star.h47)' star.h47 links_48; }
end_48() {
  [ "${seen_1-}" = 48 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 48 ]; then
    want_addr eth0 10.0.0.47/16
    want_addr eth0 fd00::2f/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_48 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_48() {
  case $1 in
    lo) seen_1=48; want_link up ;;
    eth0) seen_2=48; want_link up ;;
    *) return 1 ;;
  esac
}
routes_48() { return 1; }

ns_49() { look 'node h48 (star.h48)' star.h48 links_49; }
end_49() {
  [ "${seen_1-}" = 49 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 49 ]; then
    want_addr eth0 10.0.0.48/16
    want_addr eth0 fd00::30/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_49 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_49() {
  case $1 in
    lo) seen_1=49; want_link up ;;
    eth0) seen_2=49; want_link up ;;
    *) return 1 ;;
  esac
}
routes_49() { return 1; }

ns_50() { look 'node h49 (star.h49)' star.h49 links_50; }
end_50() {
  [ "${seen_1-}" = 50 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 50 ]; then
    want_addr eth0 10.0.0.49/16
    want_addr eth0 fd00::31/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_50 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_50() {
  case $1 in
    lo) seen_1=50; want_link up ;;
    eth0) seen_2=50; want_link up ;;
    *) return 1 ;;
  esac
}
routes_50() { return 1; }

ns_51() { look 'node h50 (star.h50)' star.h50 links_51; }
end_51() {
  [ "${seen_1-}" = 51 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 51 ]; then
    want_addr eth0 10.0.0.50/16
    want_addr eth0 fd00::32/64
  else
    drift missing 'interface eth0'
  fi
  extras
}

# links_51 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_51() {
  case $1 in
    lo) seen_1=51; want_link up ;;
    eth0) seen_2=51; want_link up ;;
    *) return 1 ;;
  esac
}
routes_51() { return 1; }

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    h1) enter nsenter --net=/run/netns/star.h1 -- "$@" ;;
    h2) enter nsenter --net=/run/netns/star.h2 -- "$@" ;;
    h3) enter nsenter --net=/run/netns/star.h3 -- "$@" ;;
    h4) enter nsenter --net=/run/netns/star.h4 -- "$@" ;;
    h5) enter nsenter --net=/run/netns/star.h5 -- "$@" ;;
    h6) enter nsenter --net=/run/netns/star.h6 -- "$@" ;;
    h7) enter nsenter --net=/run/netns/star.h7 -- "$@" ;;
    h8) enter nsenter --net=/run/netns/star.h8 -- "$@" ;;
    h9) enter nsenter --net=/run/netns/star.h9 -- "$@" ;;
    h10) enter nsenter --net=/run/netns/star.h10 -- "$@" ;;
    h11) enter nsenter --net=/run/netns/star.h11 -- "$@" ;;
    h12) enter nsenter --net=/run/netns/star.h12 -- "$@" ;;
    h13) enter nsenter --net=/run/netns/star.h13 -- "$@" ;;
    h14) enter nsenter --net=/run/netns/star.h14 -- "$@" ;;
    h15) enter nsenter --net=/run/netns/star.h15 -- "$@" ;;
    h16) enter nsenter --net=/run/netns/star.h16 -- "$@" ;;
    h17) enter nsenter --net=/run/netns/star.h17 -- "$@" ;;
    h18) enter nsenter --net=/run/netns/star.h18 -- "$@" ;;
    h19) enter nsenter --net=/run/netns/star.h19 -- "$@" ;;
    h20) enter nsenter --net=/run/netns/star.h20 -- "$@" ;;
    h21) enter nsenter --net=/run/netns/star.h21 -- "$@" ;;
    h22) enter nsenter --net=/run/netns/star.h22 -- "$@" ;;
    h23) enter nsenter --net=/run/netns/star.h23 -- "$@" ;;
    h24) enter nsenter --net=/run/netns/star.h24 -- "$@" ;;
    h25) enter nsenter --net=/run/netns/star.h25 -- "$@" ;;
    h26) enter nsenter --net=/run/netns/star.h26 -- "$@" ;;
    h27) enter nsenter --net=/run/netns/star.h27 -- "$@" ;;
    h28) enter nsenter --net=/run/netns/star.h28 -- "$@" ;;
    h29) enter nsenter --net=/run/netns/star.h29 -- "$@" ;;
    h30) enter nsenter --net=/run/netns/star.h30 -- "$@" ;;
    h31) enter nsenter --net=/run/netns/star.h31 -- "$@" ;;
    h32) enter nsenter --net=/run/netns/star.h32 -- "$@" ;;
    h33) enter nsenter --net=/run/netns/star.h33 -- "$@" ;;
    h34) enter nsenter --net=/run/netns/star.h34 -- "$@" ;;
    h35) enter nsenter --net=/run/netns/star.h35 -- "$@" ;;
    h36) enter nsenter --net=/run/netns/star.h36 -- "$@" ;;
    h37) enter nsenter --net=/run/netns/star.h37 -- "$@" ;;
    h38) enter nsenter --net=/run/netns/star.h38 -- "$@" ;;
    h39) enter nsenter --net=/run/netns/star.h39 -- "$@" ;;
    h40) enter nsenter --net=/run/netns/star.h40 -- "$@" ;;
    h41) enter nsenter --net=/run/netns/star.h41 -- "$@" ;;
    h42) enter nsenter --net=/run/netns/star.h42 -- "$@" ;;
    h43) enter nsenter --net=/run/netns/star.h43 -- "$@" ;;
    h44) enter nsenter --net=/run/netns/star.h44 -- "$@" ;;
    h45) enter nsenter --net=/run/netns/star.h45 -- "$@" ;;
    h46) enter nsenter --net=/run/netns/star.h46 -- "$@" ;;
    h47) enter nsenter --net=/run/netns/star.h47 -- "$@" ;;
    h48) enter nsenter --net=/run/netns/star.h48 -- "$@" ;;
    h49) enter nsenter --net=/run/netns/star.h49 -- "$@" ;;
    h50) enter nsenter --net=/run/netns/star.h50 -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11, h12, h13, h14, h15, h16, h17, h18, h19, h20, …'
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
  # wait until the IPv6 addresses of node h1 have passed duplicate address detection (at most 5 s)
  settle 1 nsenter --net=/run/netns/star.h1 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h2 have passed duplicate address detection (at most 5 s)
  settle 2 nsenter --net=/run/netns/star.h2 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h3 have passed duplicate address detection (at most 5 s)
  settle 3 nsenter --net=/run/netns/star.h3 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h4 have passed duplicate address detection (at most 5 s)
  settle 4 nsenter --net=/run/netns/star.h4 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h5 have passed duplicate address detection (at most 5 s)
  settle 5 nsenter --net=/run/netns/star.h5 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h6 have passed duplicate address detection (at most 5 s)
  settle 6 nsenter --net=/run/netns/star.h6 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h7 have passed duplicate address detection (at most 5 s)
  settle 7 nsenter --net=/run/netns/star.h7 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h8 have passed duplicate address detection (at most 5 s)
  settle 8 nsenter --net=/run/netns/star.h8 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h9 have passed duplicate address detection (at most 5 s)
  settle 9 nsenter --net=/run/netns/star.h9 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h10 have passed duplicate address detection (at most 5 s)
  settle 10 nsenter --net=/run/netns/star.h10 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h11 have passed duplicate address detection (at most 5 s)
  settle 11 nsenter --net=/run/netns/star.h11 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h12 have passed duplicate address detection (at most 5 s)
  settle 12 nsenter --net=/run/netns/star.h12 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h13 have passed duplicate address detection (at most 5 s)
  settle 13 nsenter --net=/run/netns/star.h13 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h14 have passed duplicate address detection (at most 5 s)
  settle 14 nsenter --net=/run/netns/star.h14 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h15 have passed duplicate address detection (at most 5 s)
  settle 15 nsenter --net=/run/netns/star.h15 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h16 have passed duplicate address detection (at most 5 s)
  settle 16 nsenter --net=/run/netns/star.h16 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h17 have passed duplicate address detection (at most 5 s)
  settle 17 nsenter --net=/run/netns/star.h17 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h18 have passed duplicate address detection (at most 5 s)
  settle 18 nsenter --net=/run/netns/star.h18 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h19 have passed duplicate address detection (at most 5 s)
  settle 19 nsenter --net=/run/netns/star.h19 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h20 have passed duplicate address detection (at most 5 s)
  settle 20 nsenter --net=/run/netns/star.h20 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h21 have passed duplicate address detection (at most 5 s)
  settle 21 nsenter --net=/run/netns/star.h21 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h22 have passed duplicate address detection (at most 5 s)
  settle 22 nsenter --net=/run/netns/star.h22 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h23 have passed duplicate address detection (at most 5 s)
  settle 23 nsenter --net=/run/netns/star.h23 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h24 have passed duplicate address detection (at most 5 s)
  settle 24 nsenter --net=/run/netns/star.h24 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h25 have passed duplicate address detection (at most 5 s)
  settle 25 nsenter --net=/run/netns/star.h25 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h26 have passed duplicate address detection (at most 5 s)
  settle 26 nsenter --net=/run/netns/star.h26 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h27 have passed duplicate address detection (at most 5 s)
  settle 27 nsenter --net=/run/netns/star.h27 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h28 have passed duplicate address detection (at most 5 s)
  settle 28 nsenter --net=/run/netns/star.h28 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h29 have passed duplicate address detection (at most 5 s)
  settle 29 nsenter --net=/run/netns/star.h29 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h30 have passed duplicate address detection (at most 5 s)
  settle 30 nsenter --net=/run/netns/star.h30 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h31 have passed duplicate address detection (at most 5 s)
  settle 31 nsenter --net=/run/netns/star.h31 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h32 have passed duplicate address detection (at most 5 s)
  settle 32 nsenter --net=/run/netns/star.h32 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h33 have passed duplicate address detection (at most 5 s)
  settle 33 nsenter --net=/run/netns/star.h33 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h34 have passed duplicate address detection (at most 5 s)
  settle 34 nsenter --net=/run/netns/star.h34 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h35 have passed duplicate address detection (at most 5 s)
  settle 35 nsenter --net=/run/netns/star.h35 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h36 have passed duplicate address detection (at most 5 s)
  settle 36 nsenter --net=/run/netns/star.h36 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h37 have passed duplicate address detection (at most 5 s)
  settle 37 nsenter --net=/run/netns/star.h37 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h38 have passed duplicate address detection (at most 5 s)
  settle 38 nsenter --net=/run/netns/star.h38 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h39 have passed duplicate address detection (at most 5 s)
  settle 39 nsenter --net=/run/netns/star.h39 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h40 have passed duplicate address detection (at most 5 s)
  settle 40 nsenter --net=/run/netns/star.h40 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h41 have passed duplicate address detection (at most 5 s)
  settle 41 nsenter --net=/run/netns/star.h41 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h42 have passed duplicate address detection (at most 5 s)
  settle 42 nsenter --net=/run/netns/star.h42 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h43 have passed duplicate address detection (at most 5 s)
  settle 43 nsenter --net=/run/netns/star.h43 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h44 have passed duplicate address detection (at most 5 s)
  settle 44 nsenter --net=/run/netns/star.h44 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h45 have passed duplicate address detection (at most 5 s)
  settle 45 nsenter --net=/run/netns/star.h45 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h46 have passed duplicate address detection (at most 5 s)
  settle 46 nsenter --net=/run/netns/star.h46 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h47 have passed duplicate address detection (at most 5 s)
  settle 47 nsenter --net=/run/netns/star.h47 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h48 have passed duplicate address detection (at most 5 s)
  settle 48 nsenter --net=/run/netns/star.h48 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h49 have passed duplicate address detection (at most 5 s)
  settle 49 nsenter --net=/run/netns/star.h49 -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node h50 have passed duplicate address detection (at most 5 s)
  settle 50 nsenter --net=/run/netns/star.h50 -- sh -c "$SH_SETTLE" opentop-settle 5
  # listen on tcp 10.0.0.1:80 in node h1, unless something does
  listener 51 nsenter --net=/run/netns/star.h1 -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/star/probes/h1.tcp.10.0.0.1.80.pid opentop:star:h1:listen-tcp-80-1 72 tcp 4 10.0.0.1 80
  # listen on tcp [fd00::1]:80 in node h1, unless something does
  listener 52 nsenter --net=/run/netns/star.h1 -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/star/probes/h1.tcp.fd00::1.80.pid opentop:star:h1:listen-tcp-80-2 72 tcp 6 fd00::1 80
  # probe icmp 10.0.0.50 from node h1
  run_probe 53 nsenter --net=/run/netns/star.h1 -- sh -c "$SH_PROBE" opentop-probe icmp 4 10.0.0.50 '' '' 2
  # probe icmp fd00::32 from node h1
  run_probe 54 nsenter --net=/run/netns/star.h1 -- sh -c "$SH_PROBE" opentop-probe icmp 6 fd00::32 '' '' 2
  # probe tcp 10.0.0.1:80 from node h50
  run_probe 55 nsenter --net=/run/netns/star.h50 -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.0.0.1 80 '' 2
  # probe tcp [fd00::1]:80 from node h50
  run_probe 56 nsenter --net=/run/netns/star.h50 -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd00::1 80 '' 2
  wait
  stop_listeners
}

stop_listeners() {
  # stop the listener on tcp 10.0.0.1 port 80 in node h1
  stop_listener 51 sh -c "$SH_STOP" opentop-stop /run/opentop/star/probes/h1.tcp.10.0.0.1.80.pid opentop:star:h1:listen-tcp-80-1 10 group
  # stop the listener on tcp fd00::1 port 80 in node h1
  stop_listener 52 sh -c "$SH_STOP" opentop-stop /run/opentop/star/probes/h1.tcp.fd00::1.80.pid opentop:star:h1:listen-tcp-80-2 10 group
  :
}

TEST_WIDTH=16
test_rows() {
  row 'h1 -> h50' 4 reach reaches 'through h1 → h50' 53 0
  row 'h1 -> h50' 6 reach reaches 'through h1 → h50' 54 0
  row 'h50 -> h1 tcp 80' 4 reach reaches 'through h50 → h1' 55 51
  row 'h50 -> h1 tcp 80' 6 reach reaches 'through h50 → h1' 56 52
}

# plan_text: what `up` runs, as `opentop plan` prints it.
plan_text() {
  printf '%s\n' '# lab star: up, 405 operations in 52 processes

# stage 1: namespaces
ip -batch -
    netns add star      # examples/star.otop:7:5
    netns add star.h1   # examples/star.otop:12:1
    netns add star.h2   # examples/star.otop:12:1
    netns add star.h3   # examples/star.otop:12:1
    netns add star.h4   # examples/star.otop:12:1
    netns add star.h5   # examples/star.otop:12:1
    netns add star.h6   # examples/star.otop:12:1
    netns add star.h7   # examples/star.otop:12:1
    netns add star.h8   # examples/star.otop:12:1
    netns add star.h9   # examples/star.otop:12:1
    netns add star.h10  # examples/star.otop:12:1
    netns add star.h11  # examples/star.otop:12:1
    netns add star.h12  # examples/star.otop:12:1
    netns add star.h13  # examples/star.otop:12:1
    netns add star.h14  # examples/star.otop:12:1
    netns add star.h15  # examples/star.otop:12:1
    netns add star.h16  # examples/star.otop:12:1
    netns add star.h17  # examples/star.otop:12:1
    netns add star.h18  # examples/star.otop:12:1
    netns add star.h19  # examples/star.otop:12:1
    netns add star.h20  # examples/star.otop:12:1
    netns add star.h21  # examples/star.otop:12:1
    netns add star.h22  # examples/star.otop:12:1
    netns add star.h23  # examples/star.otop:12:1
    netns add star.h24  # examples/star.otop:12:1
    netns add star.h25  # examples/star.otop:12:1
    netns add star.h26  # examples/star.otop:12:1
    netns add star.h27  # examples/star.otop:12:1
    netns add star.h28  # examples/star.otop:12:1
    netns add star.h29  # examples/star.otop:12:1
    netns add star.h30  # examples/star.otop:12:1
    netns add star.h31  # examples/star.otop:12:1
    netns add star.h32  # examples/star.otop:12:1
    netns add star.h33  # examples/star.otop:12:1
    netns add star.h34  # examples/star.otop:12:1
    netns add star.h35  # examples/star.otop:12:1
    netns add star.h36  # examples/star.otop:12:1
    netns add star.h37  # examples/star.otop:12:1
    netns add star.h38  # examples/star.otop:12:1
    netns add star.h39  # examples/star.otop:12:1
    netns add star.h40  # examples/star.otop:12:1
    netns add star.h41  # examples/star.otop:12:1
    netns add star.h42  # examples/star.otop:12:1
    netns add star.h43  # examples/star.otop:12:1
    netns add star.h44  # examples/star.otop:12:1
    netns add star.h45  # examples/star.otop:12:1
    netns add star.h46  # examples/star.otop:12:1
    netns add star.h47  # examples/star.otop:12:1
    netns add star.h48  # examples/star.otop:12:1
    netns add star.h49  # examples/star.otop:12:1
    netns add star.h50  # examples/star.otop:12:1

# stage 2: links
nsenter --net=/run/netns/star -- ip -batch -
    link set dev lo alias opentop:star                                                          # examples/star.otop:7:5
    link add name sw type bridge                                                                # examples/star.otop:10:1
    link set dev sw addrgenmode none                                                            # examples/star.otop:10:1
    link set dev sw up                                                                          # examples/star.otop:10:1
    link add name h1.eth0 index 12017798 master sw up type veth peer name eth0 netns star.h1    # examples/star.otop:13:3
    link set dev h1.eth0 addrgenmode none                                                       # examples/star.otop:13:3
    link add name h2.eth0 index 5178072 master sw up type veth peer name eth0 netns star.h2     # examples/star.otop:13:3
    link set dev h2.eth0 addrgenmode none                                                       # examples/star.otop:13:3
    link add name h3.eth0 index 3121044 master sw up type veth peer name eth0 netns star.h3     # examples/star.otop:13:3
    link set dev h3.eth0 addrgenmode none                                                       # examples/star.otop:13:3
    link add name h4.eth0 index 6232381 master sw up type veth peer name eth0 netns star.h4     # examples/star.otop:13:3
    link set dev h4.eth0 addrgenmode none                                                       # examples/star.otop:13:3
    link add name h5.eth0 index 13782671 master sw up type veth peer name eth0 netns star.h5    # examples/star.otop:13:3
    link set dev h5.eth0 addrgenmode none                                                       # examples/star.otop:13:3
    link add name h6.eth0 index 7907023 master sw up type veth peer name eth0 netns star.h6     # examples/star.otop:13:3
    link set dev h6.eth0 addrgenmode none                                                       # examples/star.otop:13:3
    link add name h7.eth0 index 5765171 master sw up type veth peer name eth0 netns star.h7     # examples/star.otop:13:3
    link set dev h7.eth0 addrgenmode none                                                       # examples/star.otop:13:3
    link add name h8.eth0 index 1703713 master sw up type veth peer name eth0 netns star.h8     # examples/star.otop:13:3
    link set dev h8.eth0 addrgenmode none                                                       # examples/star.otop:13:3
    link add name h9.eth0 index 4442973 master sw up type veth peer name eth0 netns star.h9     # examples/star.otop:13:3
    link set dev h9.eth0 addrgenmode none                                                       # examples/star.otop:13:3
    link add name h10.eth0 index 15711181 master sw up type veth peer name eth0 netns star.h10  # examples/star.otop:13:3
    link set dev h10.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h11.eth0 index 9206450 master sw up type veth peer name eth0 netns star.h11   # examples/star.otop:13:3
    link set dev h11.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h12.eth0 index 14361453 master sw up type veth peer name eth0 netns star.h12  # examples/star.otop:13:3
    link set dev h12.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h13.eth0 index 9216523 master sw up type veth peer name eth0 netns star.h13   # examples/star.otop:13:3
    link set dev h13.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h14.eth0 index 1007445 master sw up type veth peer name eth0 netns star.h14   # examples/star.otop:13:3
    link set dev h14.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h15.eth0 index 7023466 master sw up type veth peer name eth0 netns star.h15   # examples/star.otop:13:3
    link set dev h15.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h16.eth0 index 6771140 master sw up type veth peer name eth0 netns star.h16   # examples/star.otop:13:3
    link set dev h16.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h17.eth0 index 68630 master sw up type veth peer name eth0 netns star.h17     # examples/star.otop:13:3
    link set dev h17.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h18.eth0 index 13268575 master sw up type veth peer name eth0 netns star.h18  # examples/star.otop:13:3
    link set dev h18.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h19.eth0 index 792681 master sw up type veth peer name eth0 netns star.h19    # examples/star.otop:13:3
    link set dev h19.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h20.eth0 index 15440299 master sw up type veth peer name eth0 netns star.h20  # examples/star.otop:13:3
    link set dev h20.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h21.eth0 index 8059838 master sw up type veth peer name eth0 netns star.h21   # examples/star.otop:13:3
    link set dev h21.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h22.eth0 index 8367985 master sw up type veth peer name eth0 netns star.h22   # examples/star.otop:13:3
    link set dev h22.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h23.eth0 index 7106085 master sw up type veth peer name eth0 netns star.h23   # examples/star.otop:13:3
    link set dev h23.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h24.eth0 index 6060409 master sw up type veth peer name eth0 netns star.h24   # examples/star.otop:13:3
    link set dev h24.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h25.eth0 index 11950130 master sw up type veth peer name eth0 netns star.h25  # examples/star.otop:13:3
    link set dev h25.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h26.eth0 index 9635573 master sw up type veth peer name eth0 netns star.h26   # examples/star.otop:13:3
    link set dev h26.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h27.eth0 index 727986 master sw up type veth peer name eth0 netns star.h27    # examples/star.otop:13:3
    link set dev h27.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h28.eth0 index 14331843 master sw up type veth peer name eth0 netns star.h28  # examples/star.otop:13:3
    link set dev h28.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h29.eth0 index 4503000 master sw up type veth peer name eth0 netns star.h29   # examples/star.otop:13:3
    link set dev h29.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h30.eth0 index 10657636 master sw up type veth peer name eth0 netns star.h30  # examples/star.otop:13:3
    link set dev h30.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h31.eth0 index 3976651 master sw up type veth peer name eth0 netns star.h31   # examples/star.otop:13:3
    link set dev h31.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h32.eth0 index 10687224 master sw up type veth peer name eth0 netns star.h32  # examples/star.otop:13:3
    link set dev h32.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h33.eth0 index 15984763 master sw up type veth peer name eth0 netns star.h33  # examples/star.otop:13:3
    link set dev h33.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h34.eth0 index 5924016 master sw up type veth peer name eth0 netns star.h34   # examples/star.otop:13:3
    link set dev h34.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h35.eth0 index 6071409 master sw up type veth peer name eth0 netns star.h35   # examples/star.otop:13:3
    link set dev h35.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h36.eth0 index 10674315 master sw up type veth peer name eth0 netns star.h36  # examples/star.otop:13:3
    link set dev h36.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h37.eth0 index 15453407 master sw up type veth peer name eth0 netns star.h37  # examples/star.otop:13:3
    link set dev h37.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h38.eth0 index 7087627 master sw up type veth peer name eth0 netns star.h38   # examples/star.otop:13:3
    link set dev h38.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h39.eth0 index 545817 master sw up type veth peer name eth0 netns star.h39    # examples/star.otop:13:3
    link set dev h39.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h40.eth0 index 12314007 master sw up type veth peer name eth0 netns star.h40  # examples/star.otop:13:3
    link set dev h40.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h41.eth0 index 5392317 master sw up type veth peer name eth0 netns star.h41   # examples/star.otop:13:3
    link set dev h41.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h42.eth0 index 10988960 master sw up type veth peer name eth0 netns star.h42  # examples/star.otop:13:3
    link set dev h42.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h43.eth0 index 16533499 master sw up type veth peer name eth0 netns star.h43  # examples/star.otop:13:3
    link set dev h43.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h44.eth0 index 7842443 master sw up type veth peer name eth0 netns star.h44   # examples/star.otop:13:3
    link set dev h44.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h45.eth0 index 10497139 master sw up type veth peer name eth0 netns star.h45  # examples/star.otop:13:3
    link set dev h45.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h46.eth0 index 11262961 master sw up type veth peer name eth0 netns star.h46  # examples/star.otop:13:3
    link set dev h46.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h47.eth0 index 1212371 master sw up type veth peer name eth0 netns star.h47   # examples/star.otop:13:3
    link set dev h47.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h48.eth0 index 2220663 master sw up type veth peer name eth0 netns star.h48   # examples/star.otop:13:3
    link set dev h48.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h49.eth0 index 3127246 master sw up type veth peer name eth0 netns star.h49   # examples/star.otop:13:3
    link set dev h49.eth0 addrgenmode none                                                      # examples/star.otop:13:3
    link add name h50.eth0 index 3909735 master sw up type veth peer name eth0 netns star.h50   # examples/star.otop:13:3
    link set dev h50.eth0 addrgenmode none                                                      # examples/star.otop:13:3

# stage 3: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/star.h1 -- ip -batch -
    link set dev lo alias opentop:star:h1  # examples/star.otop:12:1
    link set dev lo up                     # examples/star.otop:12:1
    addr add 10.0.0.1/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::1/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                   # examples/star.otop:13:3
nsenter --net=/run/netns/star.h2 -- ip -batch -
    link set dev lo alias opentop:star:h2  # examples/star.otop:12:1
    link set dev lo up                     # examples/star.otop:12:1
    addr add 10.0.0.2/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::2/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                   # examples/star.otop:13:3
nsenter --net=/run/netns/star.h3 -- ip -batch -
    link set dev lo alias opentop:star:h3  # examples/star.otop:12:1
    link set dev lo up                     # examples/star.otop:12:1
    addr add 10.0.0.3/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::3/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                   # examples/star.otop:13:3
nsenter --net=/run/netns/star.h4 -- ip -batch -
    link set dev lo alias opentop:star:h4  # examples/star.otop:12:1
    link set dev lo up                     # examples/star.otop:12:1
    addr add 10.0.0.4/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::4/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                   # examples/star.otop:13:3
nsenter --net=/run/netns/star.h5 -- ip -batch -
    link set dev lo alias opentop:star:h5  # examples/star.otop:12:1
    link set dev lo up                     # examples/star.otop:12:1
    addr add 10.0.0.5/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::5/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                   # examples/star.otop:13:3
nsenter --net=/run/netns/star.h6 -- ip -batch -
    link set dev lo alias opentop:star:h6  # examples/star.otop:12:1
    link set dev lo up                     # examples/star.otop:12:1
    addr add 10.0.0.6/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::6/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                   # examples/star.otop:13:3
nsenter --net=/run/netns/star.h7 -- ip -batch -
    link set dev lo alias opentop:star:h7  # examples/star.otop:12:1
    link set dev lo up                     # examples/star.otop:12:1
    addr add 10.0.0.7/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::7/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                   # examples/star.otop:13:3
nsenter --net=/run/netns/star.h8 -- ip -batch -
    link set dev lo alias opentop:star:h8  # examples/star.otop:12:1
    link set dev lo up                     # examples/star.otop:12:1
    addr add 10.0.0.8/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::8/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                   # examples/star.otop:13:3
nsenter --net=/run/netns/star.h9 -- ip -batch -
    link set dev lo alias opentop:star:h9  # examples/star.otop:12:1
    link set dev lo up                     # examples/star.otop:12:1
    addr add 10.0.0.9/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::9/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                   # examples/star.otop:13:3
nsenter --net=/run/netns/star.h10 -- ip -batch -
    link set dev lo alias opentop:star:h10  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.10/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::a/64 dev eth0 nodad      # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h11 -- ip -batch -
    link set dev lo alias opentop:star:h11  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.11/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::b/64 dev eth0 nodad      # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h12 -- ip -batch -
    link set dev lo alias opentop:star:h12  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.12/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::c/64 dev eth0 nodad      # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h13 -- ip -batch -
    link set dev lo alias opentop:star:h13  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.13/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::d/64 dev eth0 nodad      # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h14 -- ip -batch -
    link set dev lo alias opentop:star:h14  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.14/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::e/64 dev eth0 nodad      # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h15 -- ip -batch -
    link set dev lo alias opentop:star:h15  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.15/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::f/64 dev eth0 nodad      # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h16 -- ip -batch -
    link set dev lo alias opentop:star:h16  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.16/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::10/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h17 -- ip -batch -
    link set dev lo alias opentop:star:h17  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.17/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::11/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h18 -- ip -batch -
    link set dev lo alias opentop:star:h18  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.18/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::12/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h19 -- ip -batch -
    link set dev lo alias opentop:star:h19  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.19/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::13/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h20 -- ip -batch -
    link set dev lo alias opentop:star:h20  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.20/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::14/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h21 -- ip -batch -
    link set dev lo alias opentop:star:h21  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.21/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::15/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h22 -- ip -batch -
    link set dev lo alias opentop:star:h22  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.22/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::16/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h23 -- ip -batch -
    link set dev lo alias opentop:star:h23  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.23/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::17/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h24 -- ip -batch -
    link set dev lo alias opentop:star:h24  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.24/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::18/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h25 -- ip -batch -
    link set dev lo alias opentop:star:h25  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.25/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::19/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h26 -- ip -batch -
    link set dev lo alias opentop:star:h26  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.26/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::1a/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h27 -- ip -batch -
    link set dev lo alias opentop:star:h27  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.27/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::1b/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h28 -- ip -batch -
    link set dev lo alias opentop:star:h28  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.28/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::1c/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h29 -- ip -batch -
    link set dev lo alias opentop:star:h29  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.29/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::1d/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h30 -- ip -batch -
    link set dev lo alias opentop:star:h30  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.30/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::1e/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h31 -- ip -batch -
    link set dev lo alias opentop:star:h31  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.31/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::1f/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h32 -- ip -batch -
    link set dev lo alias opentop:star:h32  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.32/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::20/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h33 -- ip -batch -
    link set dev lo alias opentop:star:h33  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.33/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::21/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h34 -- ip -batch -
    link set dev lo alias opentop:star:h34  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.34/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::22/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h35 -- ip -batch -
    link set dev lo alias opentop:star:h35  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.35/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::23/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h36 -- ip -batch -
    link set dev lo alias opentop:star:h36  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.36/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::24/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h37 -- ip -batch -
    link set dev lo alias opentop:star:h37  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.37/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::25/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h38 -- ip -batch -
    link set dev lo alias opentop:star:h38  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.38/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::26/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h39 -- ip -batch -
    link set dev lo alias opentop:star:h39  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.39/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::27/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h40 -- ip -batch -
    link set dev lo alias opentop:star:h40  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.40/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::28/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h41 -- ip -batch -
    link set dev lo alias opentop:star:h41  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.41/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::29/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h42 -- ip -batch -
    link set dev lo alias opentop:star:h42  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.42/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::2a/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h43 -- ip -batch -
    link set dev lo alias opentop:star:h43  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.43/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::2b/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h44 -- ip -batch -
    link set dev lo alias opentop:star:h44  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.44/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::2c/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h45 -- ip -batch -
    link set dev lo alias opentop:star:h45  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.45/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::2d/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h46 -- ip -batch -
    link set dev lo alias opentop:star:h46  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.46/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::2e/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h47 -- ip -batch -
    link set dev lo alias opentop:star:h47  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.47/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::2f/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h48 -- ip -batch -
    link set dev lo alias opentop:star:h48  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.48/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::30/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h49 -- ip -batch -
    link set dev lo alias opentop:star:h49  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.49/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::31/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3
nsenter --net=/run/netns/star.h50 -- ip -batch -
    link set dev lo alias opentop:star:h50  # examples/star.otop:12:1
    link set dev lo up                      # examples/star.otop:12:1
    addr add 10.0.0.50/16 dev eth0          # examples/star.otop:13:14
    addr add fd00::32/64 dev eth0 nodad     # examples/star.otop:13:42
    link set dev eth0 up                    # examples/star.otop:13:3'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "star",
 "file": "/ROOT/examples/star.otop",
 "hash": "917718e348f48ff877528543b1e55e6cf9e08b7924bb22a34ad2a61deb464be9",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["h1","h2","h3","h4","h5","h6","h7","h8","h9","h10","h11","h12","h13","h14","h15","h16","h17","h18","h19","h20","h21","h22","h23","h24","h25","h26","h27","h28","h29","h30","h31","h32","h33","h34","h35","h36","h37","h38","h39","h40","h41","h42","h43","h44","h45","h46","h47","h48","h49","h50"],
 "switches": ["sw"],
 "plan": "f19d160b727f0ffc21f19d49e2766e66ae8aafd33e3e96207e04c2b6a51b50e9",
 "owned": [
  {"kind":"netns","name":"star"},
  {"kind":"netns","name":"star.h1","node":"h1"},
  {"kind":"netns","name":"star.h2","node":"h2"},
  {"kind":"netns","name":"star.h3","node":"h3"},
  {"kind":"netns","name":"star.h4","node":"h4"},
  {"kind":"netns","name":"star.h5","node":"h5"},
  {"kind":"netns","name":"star.h6","node":"h6"},
  {"kind":"netns","name":"star.h7","node":"h7"},
  {"kind":"netns","name":"star.h8","node":"h8"},
  {"kind":"netns","name":"star.h9","node":"h9"},
  {"kind":"netns","name":"star.h10","node":"h10"},
  {"kind":"netns","name":"star.h11","node":"h11"},
  {"kind":"netns","name":"star.h12","node":"h12"},
  {"kind":"netns","name":"star.h13","node":"h13"},
  {"kind":"netns","name":"star.h14","node":"h14"},
  {"kind":"netns","name":"star.h15","node":"h15"},
  {"kind":"netns","name":"star.h16","node":"h16"},
  {"kind":"netns","name":"star.h17","node":"h17"},
  {"kind":"netns","name":"star.h18","node":"h18"},
  {"kind":"netns","name":"star.h19","node":"h19"},
  {"kind":"netns","name":"star.h20","node":"h20"},
  {"kind":"netns","name":"star.h21","node":"h21"},
  {"kind":"netns","name":"star.h22","node":"h22"},
  {"kind":"netns","name":"star.h23","node":"h23"},
  {"kind":"netns","name":"star.h24","node":"h24"},
  {"kind":"netns","name":"star.h25","node":"h25"},
  {"kind":"netns","name":"star.h26","node":"h26"},
  {"kind":"netns","name":"star.h27","node":"h27"},
  {"kind":"netns","name":"star.h28","node":"h28"},
  {"kind":"netns","name":"star.h29","node":"h29"},
  {"kind":"netns","name":"star.h30","node":"h30"},
  {"kind":"netns","name":"star.h31","node":"h31"},
  {"kind":"netns","name":"star.h32","node":"h32"},
  {"kind":"netns","name":"star.h33","node":"h33"},
  {"kind":"netns","name":"star.h34","node":"h34"},
  {"kind":"netns","name":"star.h35","node":"h35"},
  {"kind":"netns","name":"star.h36","node":"h36"},
  {"kind":"netns","name":"star.h37","node":"h37"},
  {"kind":"netns","name":"star.h38","node":"h38"},
  {"kind":"netns","name":"star.h39","node":"h39"},
  {"kind":"netns","name":"star.h40","node":"h40"},
  {"kind":"netns","name":"star.h41","node":"h41"},
  {"kind":"netns","name":"star.h42","node":"h42"},
  {"kind":"netns","name":"star.h43","node":"h43"},
  {"kind":"netns","name":"star.h44","node":"h44"},
  {"kind":"netns","name":"star.h45","node":"h45"},
  {"kind":"netns","name":"star.h46","node":"h46"},
  {"kind":"netns","name":"star.h47","node":"h47"},
  {"kind":"netns","name":"star.h48","node":"h48"},
  {"kind":"netns","name":"star.h49","node":"h49"},
  {"kind":"netns","name":"star.h50","node":"h50"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"star"},"origin":"examples/star.otop:7:5"},
  {"op":{"kind":"netns.add","name":"star.h1","node":"h1"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h2","node":"h2"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h3","node":"h3"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h4","node":"h4"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h5","node":"h5"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h6","node":"h6"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h7","node":"h7"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h8","node":"h8"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h9","node":"h9"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h10","node":"h10"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h11","node":"h11"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h12","node":"h12"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h13","node":"h13"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h14","node":"h14"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h15","node":"h15"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h16","node":"h16"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h17","node":"h17"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h18","node":"h18"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h19","node":"h19"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h20","node":"h20"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h21","node":"h21"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h22","node":"h22"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h23","node":"h23"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h24","node":"h24"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h25","node":"h25"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h26","node":"h26"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h27","node":"h27"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h28","node":"h28"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h29","node":"h29"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h30","node":"h30"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h31","node":"h31"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h32","node":"h32"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h33","node":"h33"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h34","node":"h34"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h35","node":"h35"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h36","node":"h36"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h37","node":"h37"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h38","node":"h38"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h39","node":"h39"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h40","node":"h40"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h41","node":"h41"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h42","node":"h42"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h43","node":"h43"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h44","node":"h44"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h45","node":"h45"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h46","node":"h46"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h47","node":"h47"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h48","node":"h48"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h49","node":"h49"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"netns.add","name":"star.h50","node":"h50"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.alias","ns":"star","dev":"lo","alias":"opentop:star"},"origin":"examples/star.otop:7:5"},
  {"op":{"kind":"bridge.add","ns":"star","name":"sw"},"origin":"examples/star.otop:10:1"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"sw"},"origin":"examples/star.otop:10:1"},
  {"op":{"kind":"link.up","ns":"star","dev":"sw"},"origin":"examples/star.otop:10:1"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h1.eth0","index":12017798,"master":"sw"},"b":{"ns":"star.h1","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h1.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h2.eth0","index":5178072,"master":"sw"},"b":{"ns":"star.h2","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h2.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h3.eth0","index":3121044,"master":"sw"},"b":{"ns":"star.h3","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h3.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h4.eth0","index":6232381,"master":"sw"},"b":{"ns":"star.h4","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h4.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h5.eth0","index":13782671,"master":"sw"},"b":{"ns":"star.h5","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h5.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h6.eth0","index":7907023,"master":"sw"},"b":{"ns":"star.h6","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h6.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h7.eth0","index":5765171,"master":"sw"},"b":{"ns":"star.h7","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h7.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h8.eth0","index":1703713,"master":"sw"},"b":{"ns":"star.h8","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h8.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h9.eth0","index":4442973,"master":"sw"},"b":{"ns":"star.h9","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h9.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h10.eth0","index":15711181,"master":"sw"},"b":{"ns":"star.h10","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h10.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h11.eth0","index":9206450,"master":"sw"},"b":{"ns":"star.h11","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h11.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h12.eth0","index":14361453,"master":"sw"},"b":{"ns":"star.h12","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h12.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h13.eth0","index":9216523,"master":"sw"},"b":{"ns":"star.h13","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h13.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h14.eth0","index":1007445,"master":"sw"},"b":{"ns":"star.h14","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h14.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h15.eth0","index":7023466,"master":"sw"},"b":{"ns":"star.h15","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h15.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h16.eth0","index":6771140,"master":"sw"},"b":{"ns":"star.h16","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h16.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h17.eth0","index":68630,"master":"sw"},"b":{"ns":"star.h17","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h17.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h18.eth0","index":13268575,"master":"sw"},"b":{"ns":"star.h18","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h18.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h19.eth0","index":792681,"master":"sw"},"b":{"ns":"star.h19","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h19.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h20.eth0","index":15440299,"master":"sw"},"b":{"ns":"star.h20","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h20.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h21.eth0","index":8059838,"master":"sw"},"b":{"ns":"star.h21","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h21.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h22.eth0","index":8367985,"master":"sw"},"b":{"ns":"star.h22","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h22.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h23.eth0","index":7106085,"master":"sw"},"b":{"ns":"star.h23","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h23.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h24.eth0","index":6060409,"master":"sw"},"b":{"ns":"star.h24","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h24.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h25.eth0","index":11950130,"master":"sw"},"b":{"ns":"star.h25","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h25.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h26.eth0","index":9635573,"master":"sw"},"b":{"ns":"star.h26","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h26.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h27.eth0","index":727986,"master":"sw"},"b":{"ns":"star.h27","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h27.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h28.eth0","index":14331843,"master":"sw"},"b":{"ns":"star.h28","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h28.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h29.eth0","index":4503000,"master":"sw"},"b":{"ns":"star.h29","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h29.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h30.eth0","index":10657636,"master":"sw"},"b":{"ns":"star.h30","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h30.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h31.eth0","index":3976651,"master":"sw"},"b":{"ns":"star.h31","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h31.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h32.eth0","index":10687224,"master":"sw"},"b":{"ns":"star.h32","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h32.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h33.eth0","index":15984763,"master":"sw"},"b":{"ns":"star.h33","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h33.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h34.eth0","index":5924016,"master":"sw"},"b":{"ns":"star.h34","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h34.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h35.eth0","index":6071409,"master":"sw"},"b":{"ns":"star.h35","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h35.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h36.eth0","index":10674315,"master":"sw"},"b":{"ns":"star.h36","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h36.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h37.eth0","index":15453407,"master":"sw"},"b":{"ns":"star.h37","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h37.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h38.eth0","index":7087627,"master":"sw"},"b":{"ns":"star.h38","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h38.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h39.eth0","index":545817,"master":"sw"},"b":{"ns":"star.h39","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h39.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h40.eth0","index":12314007,"master":"sw"},"b":{"ns":"star.h40","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h40.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h41.eth0","index":5392317,"master":"sw"},"b":{"ns":"star.h41","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h41.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h42.eth0","index":10988960,"master":"sw"},"b":{"ns":"star.h42","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h42.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h43.eth0","index":16533499,"master":"sw"},"b":{"ns":"star.h43","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h43.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h44.eth0","index":7842443,"master":"sw"},"b":{"ns":"star.h44","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h44.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h45.eth0","index":10497139,"master":"sw"},"b":{"ns":"star.h45","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h45.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h46.eth0","index":11262961,"master":"sw"},"b":{"ns":"star.h46","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h46.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h47.eth0","index":1212371,"master":"sw"},"b":{"ns":"star.h47","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h47.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h48.eth0","index":2220663,"master":"sw"},"b":{"ns":"star.h48","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h48.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h49.eth0","index":3127246,"master":"sw"},"b":{"ns":"star.h49","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h49.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"star","a":{"ns":"star","name":"h50.eth0","index":3909735,"master":"sw"},"b":{"ns":"star.h50","name":"eth0"}},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"star","dev":"h50.eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h1","dev":"lo","alias":"opentop:star:h1"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h1","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h1","dev":"eth0","cidr":"10.0.0.1/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h1","dev":"eth0","cidr":"fd00::1/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h1","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h2","dev":"lo","alias":"opentop:star:h2"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h2","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h2","dev":"eth0","cidr":"10.0.0.2/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h2","dev":"eth0","cidr":"fd00::2/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h2","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h3","dev":"lo","alias":"opentop:star:h3"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h3","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h3","dev":"eth0","cidr":"10.0.0.3/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h3","dev":"eth0","cidr":"fd00::3/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h3","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h4","dev":"lo","alias":"opentop:star:h4"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h4","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h4","dev":"eth0","cidr":"10.0.0.4/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h4","dev":"eth0","cidr":"fd00::4/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h4","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h5","dev":"lo","alias":"opentop:star:h5"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h5","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h5","dev":"eth0","cidr":"10.0.0.5/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h5","dev":"eth0","cidr":"fd00::5/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h5","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h6","dev":"lo","alias":"opentop:star:h6"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h6","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h6","dev":"eth0","cidr":"10.0.0.6/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h6","dev":"eth0","cidr":"fd00::6/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h6","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h7","dev":"lo","alias":"opentop:star:h7"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h7","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h7","dev":"eth0","cidr":"10.0.0.7/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h7","dev":"eth0","cidr":"fd00::7/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h7","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h8","dev":"lo","alias":"opentop:star:h8"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h8","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h8","dev":"eth0","cidr":"10.0.0.8/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h8","dev":"eth0","cidr":"fd00::8/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h8","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h9","dev":"lo","alias":"opentop:star:h9"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h9","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h9","dev":"eth0","cidr":"10.0.0.9/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h9","dev":"eth0","cidr":"fd00::9/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h9","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h10","dev":"lo","alias":"opentop:star:h10"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h10","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h10","dev":"eth0","cidr":"10.0.0.10/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h10","dev":"eth0","cidr":"fd00::a/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h10","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h11","dev":"lo","alias":"opentop:star:h11"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h11","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h11","dev":"eth0","cidr":"10.0.0.11/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h11","dev":"eth0","cidr":"fd00::b/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h11","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h12","dev":"lo","alias":"opentop:star:h12"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h12","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h12","dev":"eth0","cidr":"10.0.0.12/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h12","dev":"eth0","cidr":"fd00::c/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h12","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h13","dev":"lo","alias":"opentop:star:h13"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h13","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h13","dev":"eth0","cidr":"10.0.0.13/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h13","dev":"eth0","cidr":"fd00::d/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h13","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h14","dev":"lo","alias":"opentop:star:h14"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h14","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h14","dev":"eth0","cidr":"10.0.0.14/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h14","dev":"eth0","cidr":"fd00::e/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h14","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h15","dev":"lo","alias":"opentop:star:h15"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h15","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h15","dev":"eth0","cidr":"10.0.0.15/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h15","dev":"eth0","cidr":"fd00::f/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h15","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h16","dev":"lo","alias":"opentop:star:h16"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h16","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h16","dev":"eth0","cidr":"10.0.0.16/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h16","dev":"eth0","cidr":"fd00::10/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h16","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h17","dev":"lo","alias":"opentop:star:h17"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h17","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h17","dev":"eth0","cidr":"10.0.0.17/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h17","dev":"eth0","cidr":"fd00::11/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h17","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h18","dev":"lo","alias":"opentop:star:h18"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h18","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h18","dev":"eth0","cidr":"10.0.0.18/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h18","dev":"eth0","cidr":"fd00::12/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h18","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h19","dev":"lo","alias":"opentop:star:h19"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h19","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h19","dev":"eth0","cidr":"10.0.0.19/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h19","dev":"eth0","cidr":"fd00::13/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h19","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h20","dev":"lo","alias":"opentop:star:h20"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h20","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h20","dev":"eth0","cidr":"10.0.0.20/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h20","dev":"eth0","cidr":"fd00::14/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h20","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h21","dev":"lo","alias":"opentop:star:h21"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h21","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h21","dev":"eth0","cidr":"10.0.0.21/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h21","dev":"eth0","cidr":"fd00::15/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h21","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h22","dev":"lo","alias":"opentop:star:h22"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h22","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h22","dev":"eth0","cidr":"10.0.0.22/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h22","dev":"eth0","cidr":"fd00::16/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h22","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h23","dev":"lo","alias":"opentop:star:h23"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h23","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h23","dev":"eth0","cidr":"10.0.0.23/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h23","dev":"eth0","cidr":"fd00::17/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h23","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h24","dev":"lo","alias":"opentop:star:h24"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h24","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h24","dev":"eth0","cidr":"10.0.0.24/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h24","dev":"eth0","cidr":"fd00::18/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h24","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h25","dev":"lo","alias":"opentop:star:h25"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h25","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h25","dev":"eth0","cidr":"10.0.0.25/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h25","dev":"eth0","cidr":"fd00::19/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h25","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h26","dev":"lo","alias":"opentop:star:h26"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h26","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h26","dev":"eth0","cidr":"10.0.0.26/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h26","dev":"eth0","cidr":"fd00::1a/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h26","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h27","dev":"lo","alias":"opentop:star:h27"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h27","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h27","dev":"eth0","cidr":"10.0.0.27/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h27","dev":"eth0","cidr":"fd00::1b/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h27","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h28","dev":"lo","alias":"opentop:star:h28"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h28","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h28","dev":"eth0","cidr":"10.0.0.28/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h28","dev":"eth0","cidr":"fd00::1c/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h28","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h29","dev":"lo","alias":"opentop:star:h29"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h29","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h29","dev":"eth0","cidr":"10.0.0.29/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h29","dev":"eth0","cidr":"fd00::1d/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h29","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h30","dev":"lo","alias":"opentop:star:h30"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h30","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h30","dev":"eth0","cidr":"10.0.0.30/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h30","dev":"eth0","cidr":"fd00::1e/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h30","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h31","dev":"lo","alias":"opentop:star:h31"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h31","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h31","dev":"eth0","cidr":"10.0.0.31/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h31","dev":"eth0","cidr":"fd00::1f/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h31","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h32","dev":"lo","alias":"opentop:star:h32"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h32","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h32","dev":"eth0","cidr":"10.0.0.32/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h32","dev":"eth0","cidr":"fd00::20/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h32","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h33","dev":"lo","alias":"opentop:star:h33"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h33","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h33","dev":"eth0","cidr":"10.0.0.33/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h33","dev":"eth0","cidr":"fd00::21/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h33","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h34","dev":"lo","alias":"opentop:star:h34"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h34","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h34","dev":"eth0","cidr":"10.0.0.34/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h34","dev":"eth0","cidr":"fd00::22/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h34","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h35","dev":"lo","alias":"opentop:star:h35"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h35","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h35","dev":"eth0","cidr":"10.0.0.35/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h35","dev":"eth0","cidr":"fd00::23/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h35","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h36","dev":"lo","alias":"opentop:star:h36"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h36","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h36","dev":"eth0","cidr":"10.0.0.36/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h36","dev":"eth0","cidr":"fd00::24/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h36","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h37","dev":"lo","alias":"opentop:star:h37"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h37","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h37","dev":"eth0","cidr":"10.0.0.37/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h37","dev":"eth0","cidr":"fd00::25/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h37","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h38","dev":"lo","alias":"opentop:star:h38"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h38","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h38","dev":"eth0","cidr":"10.0.0.38/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h38","dev":"eth0","cidr":"fd00::26/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h38","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h39","dev":"lo","alias":"opentop:star:h39"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h39","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h39","dev":"eth0","cidr":"10.0.0.39/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h39","dev":"eth0","cidr":"fd00::27/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h39","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h40","dev":"lo","alias":"opentop:star:h40"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h40","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h40","dev":"eth0","cidr":"10.0.0.40/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h40","dev":"eth0","cidr":"fd00::28/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h40","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h41","dev":"lo","alias":"opentop:star:h41"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h41","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h41","dev":"eth0","cidr":"10.0.0.41/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h41","dev":"eth0","cidr":"fd00::29/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h41","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h42","dev":"lo","alias":"opentop:star:h42"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h42","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h42","dev":"eth0","cidr":"10.0.0.42/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h42","dev":"eth0","cidr":"fd00::2a/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h42","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h43","dev":"lo","alias":"opentop:star:h43"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h43","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h43","dev":"eth0","cidr":"10.0.0.43/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h43","dev":"eth0","cidr":"fd00::2b/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h43","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h44","dev":"lo","alias":"opentop:star:h44"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h44","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h44","dev":"eth0","cidr":"10.0.0.44/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h44","dev":"eth0","cidr":"fd00::2c/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h44","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h45","dev":"lo","alias":"opentop:star:h45"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h45","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h45","dev":"eth0","cidr":"10.0.0.45/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h45","dev":"eth0","cidr":"fd00::2d/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h45","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h46","dev":"lo","alias":"opentop:star:h46"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h46","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h46","dev":"eth0","cidr":"10.0.0.46/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h46","dev":"eth0","cidr":"fd00::2e/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h46","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h47","dev":"lo","alias":"opentop:star:h47"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h47","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h47","dev":"eth0","cidr":"10.0.0.47/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h47","dev":"eth0","cidr":"fd00::2f/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h47","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h48","dev":"lo","alias":"opentop:star:h48"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h48","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h48","dev":"eth0","cidr":"10.0.0.48/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h48","dev":"eth0","cidr":"fd00::30/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h48","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h49","dev":"lo","alias":"opentop:star:h49"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h49","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h49","dev":"eth0","cidr":"10.0.0.49/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h49","dev":"eth0","cidr":"fd00::31/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h49","dev":"eth0"},"origin":"examples/star.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"star.h50","dev":"lo","alias":"opentop:star:h50"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"link.up","ns":"star.h50","dev":"lo"},"origin":"examples/star.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"star.h50","dev":"eth0","cidr":"10.0.0.50/16","family":4},"origin":"examples/star.otop:13:14"},
  {"op":{"kind":"addr.add","ns":"star.h50","dev":"eth0","cidr":"fd00::32/64","family":6},"origin":"examples/star.otop:13:42"},
  {"op":{"kind":"link.up","ns":"star.h50","dev":"eth0"},"origin":"examples/star.otop:13:3"}
 ]
}
'

# why PROGRAM: sets $why and $package, for the message when PROGRAM is missing.
why() {
  case $1 in
    ip) why='this lab creates namespaces, links, addresses and routes with it' package=iproute2 ;;
    nsenter) why='this lab runs programs inside its namespaces with it' package=util-linux ;;
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