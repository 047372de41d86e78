#!/bin/sh
# Lab gnft: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/test/golden/cases/filters-nft.otop
#   sha256    e6c92e7c890a158c1391a22c511494a29b490e0424103687d4282552bb095d0a
#   requires  ip nsenter sysctl nft unshare mkdir ln readlink rm mv date touch find cat
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
LAB='gnft'
SELF=${0##*/}
RUN_DIR=${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP='ip nsenter sysctl nft unshare mkdir ln readlink rm mv date touch find cat'
NEED_DOWN='ip nft nsenter mkdir ln readlink rm find'
NEED_STATUS='ip nsenter'
NEED_TEST=''
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=2
KIB_PER_NAMESPACE=320
SUMMARY='2 nodes, 0 switches, 2 links (28 operations)'
HELP='
Lab gnft: 2 nodes, 0 switches, 2 links (28 operations).
  up      create it (needs root and ip, nsenter, sysctl, nft, unshare, mkdir, ln, readlink, rm, mv, date, touch, find, cat)
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
  # == stage 1 of 5: namespaces
  # create network namespace gnft.fw  (test/golden/cases/filters-nft.otop:5:1)
  # create network namespace gnft.pc  (test/golden/cases/filters-nft.otop:25:1)
  tool_step '1/7, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add gnft.fw
netns add gnft.pc
EOF
  # == stage 2 of 5: namespace sysctls
  # set net.ipv4.ip_forward = 1 in gnft.fw  (test/golden/cases/filters-nft.otop:6:3)
  # set net.ipv6.conf.all.forwarding = 1 in gnft.fw  (test/golden/cases/filters-nft.otop:6:3)
  # set net.ipv6.conf.default.accept_dad = 0 in gnft.fw  (test/golden/cases/filters-nft.otop:6:3)
  tool_step '2/7, namespace sysctls, in node fw (gnft.fw)' nsenter --net=/run/netns/gnft.fw -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 || return 1
  # == stage 3 of 5: filters (its 2 steps side by side)
  up_3() {
    # load nftables table inet opentop in gnft.fw  (test/golden/cases/filters-nft.otop:11:5)
    # apply literal nftables text in gnft.fw  (test/golden/cases/filters-nft.otop:15:3)
    tool_step '3/7, filters, in node fw (gnft.fw)' nsenter --net=/run/netns/gnft.fw -- nft -f - <<'EOF'
table inet opentop {
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state related,established accept comment "forward accept established"
		iifname "eth0" oifname "wan" accept comment "forward accept in eth0 out wan"
	}
}
table inet extra {
  chain mss {
    type filter hook forward priority mangle; policy accept;
    tcp flags syn tcp option maxseg size set rt mtu
  }
}
EOF
  }
  up_4() {
    # create nftables table inet opentop-gnft on the host  (test/golden/cases/filters-nft.otop:7:62)
    tool_step '4/7, filters, on the host' nft -f - <<'EOF'
table inet opentop-gnft {
	comment "opentop:gnft"
	chain postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		iifname "ot-g8i71x-wan" masquerade comment "fw.wan host-masquerade"
	}
}
EOF
  }
  at_once 3 4 || return 1
  # == stage 4 of 5: links
  # create veth pair ot-g8i71x-wan (the host) — wan (gnft.fw)  (test/golden/cases/filters-nft.otop:7:3)
  # mark ot-g8i71x-wan in the host as opentop:gnft:fw:wan  (test/golden/cases/filters-nft.otop:7:3)
  # add 198.51.100.1/30 to ot-g8i71x-wan in the host  (test/golden/cases/filters-nft.otop:7:46)
  # bring ot-g8i71x-wan up in the host  (test/golden/cases/filters-nft.otop:7:3)
  # create veth pair eth0 (gnft.fw) — eth0 (gnft.pc)  (test/golden/cases/filters-nft.otop:8:3)
  tool_step '5/7, links, on the host' ip -batch - <<'EOF' || return 1
link add name ot-g8i71x-wan type veth peer name wan netns gnft.fw
link set dev ot-g8i71x-wan alias opentop:gnft:fw:wan
addr add 198.51.100.1/30 dev ot-g8i71x-wan
link set dev ot-g8i71x-wan up
link add name eth0 index 15197469 netns gnft.fw type veth peer name eth0 netns gnft.pc
EOF
  # == stage 5 of 5: addresses and routes (its 2 steps side by side)
  up_6() {
    # mark lo in gnft.fw as opentop:gnft:fw  (test/golden/cases/filters-nft.otop:5:1)
    # bring lo up in gnft.fw  (test/golden/cases/filters-nft.otop:5:1)
    # add 198.51.100.2/30 to wan in gnft.fw  (test/golden/cases/filters-nft.otop:7:15)
    # give wan in gnft.fw no IPv6 link-local address  (test/golden/cases/filters-nft.otop:7:3)
    # bring wan up in gnft.fw  (test/golden/cases/filters-nft.otop:7:3)
    # add 10.1.0.1/24 to eth0 in gnft.fw  (test/golden/cases/filters-nft.otop:8:19)
    # give eth0 in gnft.fw no IPv6 link-local address  (test/golden/cases/filters-nft.otop:8:3)
    # bring eth0 up in gnft.fw  (test/golden/cases/filters-nft.otop:8:3)
    # route 0.0.0.0/0 via 198.51.100.1 in gnft.fw  (test/golden/cases/filters-nft.otop:9:3)
    tool_step '6/7, addresses and routes, in node fw (gnft.fw)' nsenter --net=/run/netns/gnft.fw -- ip -batch - <<'EOF'
link set dev lo alias opentop:gnft:fw
link set dev lo up
addr add 198.51.100.2/30 dev wan
link set dev wan addrgenmode none
link set dev wan up
addr add 10.1.0.1/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
route add 0.0.0.0/0 via 198.51.100.1
EOF
  }
  up_7() {
    # mark lo in gnft.pc as opentop:gnft:pc  (test/golden/cases/filters-nft.otop:25:1)
    # bring lo up in gnft.pc  (test/golden/cases/filters-nft.otop:25:1)
    # add 10.1.0.10/24 to eth0 in gnft.pc  (test/golden/cases/filters-nft.otop:26:8)
    # give eth0 in gnft.pc no IPv6 link-local address  (test/golden/cases/filters-nft.otop:26:3)
    # bring eth0 up in gnft.pc  (test/golden/cases/filters-nft.otop:26:3)
    # route 0.0.0.0/0 via 10.1.0.1 in gnft.pc  (test/golden/cases/filters-nft.otop:27:3)
    tool_step '7/7, addresses and routes, in node pc (gnft.pc)' nsenter --net=/run/netns/gnft.pc -- ip -batch - <<'EOF'
link set dev lo alias opentop:gnft:pc
link set dev lo up
addr add 10.1.0.10/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
route add 0.0.0.0/0 via 10.1.0.1
EOF
  }
  at_once 6 7 || return 1
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
  # delete ot-g8i71x-wan from the host
  if iface_ours ot-g8i71x-wan opentop:gnft:fw:wan gnft.fw opentop:gnft:fw; then owned=$((owned + 1)); queue 'link del dev ot-g8i71x-wan'; fi
  flush ip -force -batch - || ok=1
  # delete nftables table inet opentop-gnft from the host
  if nft list table inet opentop-gnft 2>/dev/null | grep -qF 'comment "opentop:gnft"'; then owned=$((owned + 1)); queue 'delete table inet opentop-gnft'; fi
  flush nft -f - || ok=1
  # delete network namespace gnft.pc and everything in it
  if ns_ours gnft.pc opentop:gnft:pc; then owned=$((owned + 1)); queue 'netns del gnft.pc'; fi
  # delete network namespace gnft.fw and everything in it
  if ns_ours gnft.fw opentop:gnft:fw; then owned=$((owned + 1)); queue 'netns del gnft.fw'; fi
  flush ip -force -batch - || ok=1
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/gnft.fw ]; then left="$left"'  netns gnft.fw'"$NL"; fi
  if [ -e /run/netns/gnft.pc ]; then left="$left"'  netns gnft.pc'"$NL"; fi
  if nft list table inet opentop-gnft >/dev/null 2>&1; then left="$left"'  host-table inet opentop-gnft'"$NL"; fi
  if iface_exists ot-g8i71x-wan; then left="$left"'  host-iface ot-g8i71x-wan'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/gnft.fw && found=0
  taken_netns /run/netns/gnft.pc && found=0
  taken_table inet opentop-gnft && found=0
  taken_iface ot-g8i71x-wan && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/filters-nft.otop:7:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/filters-nft.otop:8:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:gnft.fw 2:gnft.pc 3:-
)

ns_1() { look 'node fw (gnft.fw)' gnft.fw links_1 1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 1 ]; then
    want_addr wan 198.51.100.2/30
  else
    drift missing 'interface wan'
  fi
  if [ "${seen_3-}" = 1 ]; then
    want_addr eth0 10.1.0.1/24
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 1 ] || drift missing 'route 0.0.0.0/0 via 198.51.100.1'
  extras
}

# links_1 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_1() {
  case $1 in
    lo) seen_1=1; want_link up ;;
    wan) seen_2=1; want_link up ;;
    eth0) seen_3=1; want_link up ;;
    *) return 1 ;;
  esac
}

# routes_1: marks the plan's routes that this route of the kernel is; false if none.
routes_1() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 198.51.100.1 '' || { rseen_1=1; is=0; }
      ;;
  esac
  return $is
}

ns_2() { look 'node pc (gnft.pc)' gnft.pc links_2 1; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr eth0 10.1.0.10/24
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 2 ] || drift missing 'route 0.0.0.0/0 via 10.1.0.1'
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
      ! route_is '' 10.1.0.1 '' || { rseen_1=2; is=0; }
      ;;
  esac
  return $is
}

ns_3() { look host '' links_3; }
end_3() {
  if [ "${seen_1-}" = 3 ]; then
    want_addr ot-g8i71x-wan 198.51.100.1/30
  else
    drift missing 'interface ot-g8i71x-wan'
  fi
  extras
}

# links_3 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_3() {
  case $1 in
    ot-g8i71x-wan) seen_1=3; want_link up ;;
    *) return 1 ;;
  esac
}
routes_3() { return 1; }

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    fw) enter nsenter --net=/run/netns/gnft.fw -- "$@" ;;
    pc) enter nsenter --net=/run/netns/gnft.pc -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are fw, pc'
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
  printf '%s\n' '# lab gnft: up, 28 operations in 7 processes

# stage 1: namespaces
ip -batch -
    netns add gnft.fw  # test/golden/cases/filters-nft.otop:5:1
    netns add gnft.pc  # test/golden/cases/filters-nft.otop:25:1

# stage 2: namespace sysctls
nsenter --net=/run/netns/gnft.fw -- sysctl -q -w …
    net.ipv4.ip_forward=1               # test/golden/cases/filters-nft.otop:6:3
    net.ipv6.conf.all.forwarding=1      # test/golden/cases/filters-nft.otop:6:3
    net.ipv6.conf.default.accept_dad=0  # test/golden/cases/filters-nft.otop:6:3

# stage 3: filters (steps run concurrently)
nsenter --net=/run/netns/gnft.fw -- nft -f -
    # test/golden/cases/filters-nft.otop:11:5
    table inet opentop {
    	chain forward {
    		type filter hook forward priority filter; policy drop;
    		ct state related,established accept comment "forward accept established"
    		iifname "eth0" oifname "wan" accept comment "forward accept in eth0 out wan"
    	}
    }
    # test/golden/cases/filters-nft.otop:15:3
    table inet extra {
      chain mss {
        type filter hook forward priority mangle; policy accept;
        tcp flags syn tcp option maxseg size set rt mtu
      }
    }
nft -f -
    # test/golden/cases/filters-nft.otop:7:62
    table inet opentop-gnft {
    	comment "opentop:gnft"
    	chain postrouting {
    		type nat hook postrouting priority srcnat; policy accept;
    		iifname "ot-g8i71x-wan" masquerade comment "fw.wan host-masquerade"
    	}
    }

# stage 4: links
ip -batch -
    link add name ot-g8i71x-wan type veth peer name wan netns gnft.fw                       # test/golden/cases/filters-nft.otop:7:3
    link set dev ot-g8i71x-wan alias opentop:gnft:fw:wan                                    # test/golden/cases/filters-nft.otop:7:3
    addr add 198.51.100.1/30 dev ot-g8i71x-wan                                              # test/golden/cases/filters-nft.otop:7:46
    link set dev ot-g8i71x-wan up                                                           # test/golden/cases/filters-nft.otop:7:3
    link add name eth0 index 15197469 netns gnft.fw type veth peer name eth0 netns gnft.pc  # test/golden/cases/filters-nft.otop:8:3

# stage 5: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/gnft.fw -- ip -batch -
    link set dev lo alias opentop:gnft:fw  # test/golden/cases/filters-nft.otop:5:1
    link set dev lo up                     # test/golden/cases/filters-nft.otop:5:1
    addr add 198.51.100.2/30 dev wan       # test/golden/cases/filters-nft.otop:7:15
    link set dev wan addrgenmode none      # test/golden/cases/filters-nft.otop:7:3
    link set dev wan up                    # test/golden/cases/filters-nft.otop:7:3
    addr add 10.1.0.1/24 dev eth0          # test/golden/cases/filters-nft.otop:8:19
    link set dev eth0 addrgenmode none     # test/golden/cases/filters-nft.otop:8:3
    link set dev eth0 up                   # test/golden/cases/filters-nft.otop:8:3
    route add 0.0.0.0/0 via 198.51.100.1   # test/golden/cases/filters-nft.otop:9:3
nsenter --net=/run/netns/gnft.pc -- ip -batch -
    link set dev lo alias opentop:gnft:pc  # test/golden/cases/filters-nft.otop:25:1
    link set dev lo up                     # test/golden/cases/filters-nft.otop:25:1
    addr add 10.1.0.10/24 dev eth0         # test/golden/cases/filters-nft.otop:26:8
    link set dev eth0 addrgenmode none     # test/golden/cases/filters-nft.otop:26:3
    link set dev eth0 up                   # test/golden/cases/filters-nft.otop:26:3
    route add 0.0.0.0/0 via 10.1.0.1       # test/golden/cases/filters-nft.otop:27:3'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "gnft",
 "file": "/ROOT/test/golden/cases/filters-nft.otop",
 "hash": "e6c92e7c890a158c1391a22c511494a29b490e0424103687d4282552bb095d0a",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["fw","pc"],
 "switches": [],
 "plan": "249806586d70ef68c02153f14490ff1b97dbd2c4de6d22a88a7a28c64a00fab5",
 "owned": [
  {"kind":"netns","name":"gnft.fw","node":"fw"},
  {"kind":"netns","name":"gnft.pc","node":"pc"},
  {"kind":"host-table","family":"inet","name":"opentop-gnft","mark":"opentop:gnft"},
  {"kind":"host-iface","name":"ot-g8i71x-wan","mark":"opentop:gnft:fw:wan"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"gnft.fw","node":"fw"},"origin":"test/golden/cases/filters-nft.otop:5:1"},
  {"op":{"kind":"netns.add","name":"gnft.pc","node":"pc"},"origin":"test/golden/cases/filters-nft.otop:25:1"},
  {"op":{"kind":"sysctl.set","ns":"gnft.fw","key":"net.ipv4.ip_forward","value":"1"},"origin":"test/golden/cases/filters-nft.otop:6:3"},
  {"op":{"kind":"sysctl.set","ns":"gnft.fw","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"test/golden/cases/filters-nft.otop:6:3"},
  {"op":{"kind":"sysctl.set","ns":"gnft.fw","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"test/golden/cases/filters-nft.otop:6:3"},
  {"op":{"kind":"nft.table","ns":"gnft.fw","family":"inet","name":"opentop","ruleset":"table inet opentop {\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n\t\tct state related,established accept comment \"forward accept established\"\n\t\tiifname \"eth0\" oifname \"wan\" accept comment \"forward accept in eth0 out wan\"\n\t}\n}\n"},"origin":"test/golden/cases/filters-nft.otop:11:5"},
  {"op":{"kind":"nft.raw","ns":"gnft.fw","index":0,"ruleset":"table inet extra {\n  chain mss {\n    type filter hook forward priority mangle; policy accept;\n    tcp flags syn tcp option maxseg size set rt mtu\n  }\n}\n"},"origin":"test/golden/cases/filters-nft.otop:15:3"},
  {"op":{"kind":"nft.table","ns":null,"family":"inet","name":"opentop-gnft","mark":"opentop:gnft","ruleset":"table inet opentop-gnft {\n\tcomment \"opentop:gnft\"\n\tchain postrouting {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t\tiifname \"ot-g8i71x-wan\" masquerade comment \"fw.wan host-masquerade\"\n\t}\n}\n"},"origin":"test/golden/cases/filters-nft.otop:7:62"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":null,"name":"ot-g8i71x-wan","mark":"opentop:gnft:fw:wan"},"b":{"ns":"gnft.fw","name":"wan"}},"origin":"test/golden/cases/filters-nft.otop:7:3"},
  {"op":{"kind":"link.alias","ns":null,"dev":"ot-g8i71x-wan","alias":"opentop:gnft:fw:wan"},"origin":"test/golden/cases/filters-nft.otop:7:3"},
  {"op":{"kind":"addr.add","ns":null,"dev":"ot-g8i71x-wan","cidr":"198.51.100.1/30","family":4},"origin":"test/golden/cases/filters-nft.otop:7:46"},
  {"op":{"kind":"link.up","ns":null,"dev":"ot-g8i71x-wan"},"origin":"test/golden/cases/filters-nft.otop:7:3"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"gnft.fw","name":"eth0","index":15197469},"b":{"ns":"gnft.pc","name":"eth0"}},"origin":"test/golden/cases/filters-nft.otop:8:3"},
  {"op":{"kind":"link.alias","ns":"gnft.fw","dev":"lo","alias":"opentop:gnft:fw"},"origin":"test/golden/cases/filters-nft.otop:5:1"},
  {"op":{"kind":"link.up","ns":"gnft.fw","dev":"lo"},"origin":"test/golden/cases/filters-nft.otop:5:1"},
  {"op":{"kind":"addr.add","ns":"gnft.fw","dev":"wan","cidr":"198.51.100.2/30","family":4},"origin":"test/golden/cases/filters-nft.otop:7:15"},
  {"op":{"kind":"link.nolinklocal","ns":"gnft.fw","dev":"wan"},"origin":"test/golden/cases/filters-nft.otop:7:3"},
  {"op":{"kind":"link.up","ns":"gnft.fw","dev":"wan"},"origin":"test/golden/cases/filters-nft.otop:7:3"},
  {"op":{"kind":"addr.add","ns":"gnft.fw","dev":"eth0","cidr":"10.1.0.1/24","family":4},"origin":"test/golden/cases/filters-nft.otop:8:19"},
  {"op":{"kind":"link.nolinklocal","ns":"gnft.fw","dev":"eth0"},"origin":"test/golden/cases/filters-nft.otop:8:3"},
  {"op":{"kind":"link.up","ns":"gnft.fw","dev":"eth0"},"origin":"test/golden/cases/filters-nft.otop:8:3"},
  {"op":{"kind":"route.add","ns":"gnft.fw","family":4,"destination":"0.0.0.0/0","via":"198.51.100.1"},"origin":"test/golden/cases/filters-nft.otop:9:3"},
  {"op":{"kind":"link.alias","ns":"gnft.pc","dev":"lo","alias":"opentop:gnft:pc"},"origin":"test/golden/cases/filters-nft.otop:25:1"},
  {"op":{"kind":"link.up","ns":"gnft.pc","dev":"lo"},"origin":"test/golden/cases/filters-nft.otop:25:1"},
  {"op":{"kind":"addr.add","ns":"gnft.pc","dev":"eth0","cidr":"10.1.0.10/24","family":4},"origin":"test/golden/cases/filters-nft.otop:26:8"},
  {"op":{"kind":"link.nolinklocal","ns":"gnft.pc","dev":"eth0"},"origin":"test/golden/cases/filters-nft.otop:26:3"},
  {"op":{"kind":"link.up","ns":"gnft.pc","dev":"eth0"},"origin":"test/golden/cases/filters-nft.otop:26:3"},
  {"op":{"kind":"route.add","ns":"gnft.pc","family":4,"destination":"0.0.0.0/0","via":"10.1.0.1"},"origin":"test/golden/cases/filters-nft.otop:27:3"}
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
    *) why='this script runs it' package=$1 ;;
  esac
}