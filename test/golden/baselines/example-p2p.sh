#!/bin/sh
# Lab p2p: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/p2p.otop
#   sha256    c50bd991f74b7650e2d7308a6157432d40a6d56c48c1c29b4e7497e559bb3c4d
#   requires  ip nsenter unshare mkdir ln readlink rm mv date touch find
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
LAB='p2p'
SELF=${0##*/}
RUN_DIR=${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP='ip nsenter unshare mkdir ln readlink rm mv date touch find'
NEED_DOWN='ip nsenter mkdir ln readlink rm find'
NEED_STATUS='ip nsenter'
SUMMARY='2 nodes, 0 switches, 1 link (13 operations)'
HELP='
Lab p2p: 2 nodes, 0 switches, 1 link (13 operations).
  up      create it (needs root and ip, nsenter, unshare, mkdir, ln, readlink, rm, mv, date, touch, find)
  down    remove everything it created; also after a failed or interrupted up
  status  its live state, and drift from its plan (exit status 1 on drift)
  exec    run a command inside a node (nsenter)
  plan    print every operation that up runs, doing nothing'

# ---- up: the plan, stage by stage --------------------------------------------------
#
# The steps of a stage are independent (`opentop up` runs them concurrently; here they
# run one after another). Each step is one process; the lines of a batch are the
# operations listed above it, in order, with the statement of the lab file that asked
# for each. A step that fails stops `up`, which then rolls back.

up_plan() {
  # == stage 1 of 3: namespaces
  # create network namespace p2p.a  (examples/p2p.otop:10:1)
  # create network namespace p2p.b  (examples/p2p.otop:14:1)
  step '1/4, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add p2p.a
netns add p2p.b
EOF
  # == stage 2 of 3: links
  # create veth pair eth0 (p2p.a) — eth0 (p2p.b)  (examples/p2p.otop:11:3)
  step '2/4, links, on the host' ip -batch - <<'EOF' || return 1
link add name eth0 index 2041691 netns p2p.a type veth peer name eth0 netns p2p.b
EOF
  # == stage 3 of 3: addresses and routes
  # mark lo in p2p.a as opentop:p2p:a  (examples/p2p.otop:10:1)
  # bring lo up in p2p.a  (examples/p2p.otop:10:1)
  # add 10.0.0.1/30 to eth0 in p2p.a  (examples/p2p.otop:11:18)
  # add fd00::1/64 to eth0 in p2p.a  (examples/p2p.otop:11:30)
  # bring eth0 up in p2p.a  (examples/p2p.otop:11:3)
  step '3/4, addresses and routes, in node a (p2p.a)' nsenter --net=/run/netns/p2p.a -- ip -batch - <<'EOF' || return 1
link set dev lo alias opentop:p2p:a
link set dev lo up
addr add 10.0.0.1/30 dev eth0
addr add fd00::1/64 dev eth0 nodad
link set dev eth0 up
EOF
  # mark lo in p2p.b as opentop:p2p:b  (examples/p2p.otop:14:1)
  # bring lo up in p2p.b  (examples/p2p.otop:14:1)
  # add 10.0.0.2/30 to eth0 in p2p.b  (examples/p2p.otop:15:8)
  # add fd00::2/64 to eth0 in p2p.b  (examples/p2p.otop:15:20)
  # bring eth0 up in p2p.b  (examples/p2p.otop:15:3)
  step '4/4, addresses and routes, in node b (p2p.b)' nsenter --net=/run/netns/p2p.b -- ip -batch - <<'EOF' || return 1
link set dev lo alias opentop:p2p:b
link set dev lo up
addr add 10.0.0.2/30 dev eth0
addr add fd00::2/64 dev eth0 nodad
link set dev eth0 up
EOF
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
  # delete network namespace p2p.b and everything in it
  if ns_ours p2p.b opentop:p2p:b; then owned=$((owned + 1)); queue 'netns del p2p.b'; fi
  # delete network namespace p2p.a and everything in it
  if ns_ours p2p.a opentop:p2p:a; then owned=$((owned + 1)); queue 'netns del p2p.a'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/p2p.a ]; then left="$left"'  netns p2p.a'"$NL"; fi
  if [ -e /run/netns/p2p.b ]; then left="$left"'  netns p2p.b'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/p2p.a && found=0
  taken_netns /run/netns/p2p.b && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/p2p.otop:11:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_plan: every namespace's live interfaces, addresses and routes, checked against
# what the plan creates (the same facts as `opentop status`): missing, changed and extra.
status_plan() {
  if look 'node a (p2p.a)' p2p.a /run/netns/p2p.a lo eth0; then
    want_addr eth0 10.0.0.1/30
    want_addr eth0 fd00::1/64
    extras
  fi
  if look 'node b (p2p.b)' p2p.b /run/netns/p2p.b lo eth0; then
    want_addr eth0 10.0.0.2/30
    want_addr eth0 fd00::2/64
    extras
  fi
}

# link_of NS DEV: checks interface DEV of namespace NS (empty: the host) against the plan,
# from its line of `ip -o link` ($line); false when the plan makes no such interface.
link_of() {
  case "$1 $2" in
    'p2p.a lo') want_link up ;;
    'p2p.a eth0') want_link up ;;
    'p2p.b lo') want_link up ;;
    'p2p.b eth0') want_link up ;;
    *) return 1 ;;
  esac
}

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    a) enter nsenter --net=/run/netns/p2p.a -- "$@" ;;
    b) enter nsenter --net=/run/netns/p2p.b -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are a, b'
      return 1
      ;;
  esac
}

# plan_text: what `up` runs, as `opentop plan` prints it.
plan_text() {
  printf '%s\n' '# lab p2p: up, 13 operations in 4 processes

# stage 1: namespaces
ip -batch -
    netns add p2p.a  # examples/p2p.otop:10:1
    netns add p2p.b  # examples/p2p.otop:14:1

# stage 2: links
ip -batch -
    link add name eth0 index 2041691 netns p2p.a type veth peer name eth0 netns p2p.b  # examples/p2p.otop:11:3

# stage 3: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/p2p.a -- ip -batch -
    link set dev lo alias opentop:p2p:a  # examples/p2p.otop:10:1
    link set dev lo up                   # examples/p2p.otop:10:1
    addr add 10.0.0.1/30 dev eth0        # examples/p2p.otop:11:18
    addr add fd00::1/64 dev eth0 nodad   # examples/p2p.otop:11:30
    link set dev eth0 up                 # examples/p2p.otop:11:3
nsenter --net=/run/netns/p2p.b -- ip -batch -
    link set dev lo alias opentop:p2p:b  # examples/p2p.otop:14:1
    link set dev lo up                   # examples/p2p.otop:14:1
    addr add 10.0.0.2/30 dev eth0        # examples/p2p.otop:15:8
    addr add fd00::2/64 dev eth0 nodad   # examples/p2p.otop:15:20
    link set dev eth0 up                 # examples/p2p.otop:15:3'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "p2p",
 "file": "/ROOT/examples/p2p.otop",
 "hash": "c50bd991f74b7650e2d7308a6157432d40a6d56c48c1c29b4e7497e559bb3c4d",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["a","b"],
 "switches": [],
 "plan": "d58bad3aaf5c7e28d8d7450ad6e2d5d08f331767097b443cb025b63ca088ab90",
 "owned": [
  {"kind":"netns","name":"p2p.a","node":"a"},
  {"kind":"netns","name":"p2p.b","node":"b"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"p2p.a","node":"a"},"origin":"examples/p2p.otop:10:1"},
  {"op":{"kind":"netns.add","name":"p2p.b","node":"b"},"origin":"examples/p2p.otop:14:1"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"p2p.a","name":"eth0","index":2041691},"b":{"ns":"p2p.b","name":"eth0"}},"origin":"examples/p2p.otop:11:3"},
  {"op":{"kind":"link.alias","ns":"p2p.a","dev":"lo","alias":"opentop:p2p:a"},"origin":"examples/p2p.otop:10:1"},
  {"op":{"kind":"link.up","ns":"p2p.a","dev":"lo"},"origin":"examples/p2p.otop:10:1"},
  {"op":{"kind":"addr.add","ns":"p2p.a","dev":"eth0","cidr":"10.0.0.1/30","family":4},"origin":"examples/p2p.otop:11:18"},
  {"op":{"kind":"addr.add","ns":"p2p.a","dev":"eth0","cidr":"fd00::1/64","family":6},"origin":"examples/p2p.otop:11:30"},
  {"op":{"kind":"link.up","ns":"p2p.a","dev":"eth0"},"origin":"examples/p2p.otop:11:3"},
  {"op":{"kind":"link.alias","ns":"p2p.b","dev":"lo","alias":"opentop:p2p:b"},"origin":"examples/p2p.otop:14:1"},
  {"op":{"kind":"link.up","ns":"p2p.b","dev":"lo"},"origin":"examples/p2p.otop:14:1"},
  {"op":{"kind":"addr.add","ns":"p2p.b","dev":"eth0","cidr":"10.0.0.2/30","family":4},"origin":"examples/p2p.otop:15:8"},
  {"op":{"kind":"addr.add","ns":"p2p.b","dev":"eth0","cidr":"fd00::2/64","family":6},"origin":"examples/p2p.otop:15:20"},
  {"op":{"kind":"link.up","ns":"p2p.b","dev":"eth0"},"origin":"examples/p2p.otop:15:3"}
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
    *) why='this script runs it' package=$1 ;;
  esac
}