#!/bin/sh
# Lab tour: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/tour.otop
#   sha256    3dadc5f832dfd4fc42f6a483400c737fd22a8f4fb3cbbf376c8ed1c640c823db
#   requires  ip nsenter sysctl nft tc mkdir sh setsid env cat tail sed sleep ss unshare tr stat mountpoint rmdir ln readlink rm mv date touch find timeout socat ping
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
LAB='tour'
SELF=${0##*/}
RUN_DIR=${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP='ip nsenter sysctl nft tc mkdir sh setsid env cat tail sed sleep ss unshare tr stat mountpoint rmdir ln readlink rm mv date touch find'
NEED_DOWN='sh cat tr sed sleep ip stat mountpoint rmdir nsenter mkdir ln readlink rm find'
NEED_STATUS='ip tc nsenter'
NEED_TEST='nsenter sh ip sleep ss mkdir setsid timeout socat ping cat tr sed ln readlink rm date'
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=5
KIB_PER_NAMESPACE=320
SUMMARY='4 nodes, 1 switch, 4 links (56 operations)'
HELP='
Lab tour: 4 nodes, 1 switch, 4 links (56 operations).
  up      create it (needs root and ip, nsenter, sysctl, nft, tc, mkdir, sh, setsid, env, cat, tail, sed, sleep, ss, unshare, tr, stat, mountpoint, rmdir, ln, readlink, rm, mv, date, touch, find)
  down    remove everything it created; also after a failed or interrupted up
  status  its live state, and drift from its plan (exit status 1 on drift)
  exec    run a command inside a node (nsenter, sh)
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
  # == stage 1 of 10: namespaces
  # create network namespace tour  (examples/tour.otop:7:5)
  # create network namespace tour.router  (examples/tour.otop:11:1)
  # create network namespace tour.web  (examples/tour.otop:27:1)
  # create network namespace tour.pc  (examples/tour.otop:34:1)
  # create network namespace tour.isp  (examples/tour.otop:40:1)
  tool_step '1/16, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add tour
netns add tour.router
netns add tour.web
netns add tour.pc
netns add tour.isp
EOF
  # == stage 2 of 10: namespace sysctls
  # set net.ipv4.ip_forward = 1 in tour.router  (examples/tour.otop:12:3)
  # set net.ipv6.conf.all.forwarding = 1 in tour.router  (examples/tour.otop:12:3)
  # set net.ipv6.conf.default.accept_dad = 0 in tour.router  (examples/tour.otop:12:3)
  tool_step '2/16, namespace sysctls, in node router (tour.router)' nsenter --net=/run/netns/tour.router -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 || return 1
  # == stage 3 of 10: filters
  # load nftables table inet opentop in tour.router  (examples/tour.otop:16:5)
  tool_step '3/16, filters, in node router (tour.router)' nsenter --net=/run/netns/tour.router -- nft -f - <<'EOF' || return 1
table inet opentop {
	chain prerouting {
		type nat hook prerouting priority dstnat; policy accept;
		iifname "up0" tcp dport 80 dnat ip to 10.1.0.10:8080 comment "dnat in up0 tcp dport 80 to 10.1.0.10:8080"
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state related,established accept comment "forward accept established"
		meta l4proto icmp accept comment "forward accept icmp"
		meta l4proto ipv6-icmp accept comment "forward accept icmpv6"
		iifname "eth0" oifname "up0" accept comment "forward accept in eth0 out up0"
		iifname "up0" oifname "eth0" tcp dport 8080 accept comment "forward accept in up0 out eth0 tcp dport 8080"
	}
	chain postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "up0" masquerade comment "masquerade out up0"
	}
}
EOF
  # == stage 4 of 10: links (its 2 steps side by side)
  up_4() {
    # create veth pair up0 (tour.router) — eth0 (tour.isp)  (examples/tour.otop:14:3)
    tool_step '4/16, links, on the host' ip -batch - <<'EOF'
link add name up0 index 13649223 netns tour.router type veth peer name eth0 netns tour.isp
EOF
  }
  up_5() {
    # mark lo in tour as opentop:tour  (examples/tour.otop:7:5)
    # create bridge lan in tour  (examples/tour.otop:9:1)
    # give lan in tour no IPv6 link-local address  (examples/tour.otop:9:1)
    # bring lan up in tour  (examples/tour.otop:9:1)
    # create veth pair router.eth0 (tour) — eth0 (tour.router)  (examples/tour.otop:13:3)
    # give router.eth0 in tour no IPv6 link-local address  (examples/tour.otop:13:3)
    # create veth pair web.eth0 (tour) — eth0 (tour.web)  (examples/tour.otop:28:3)
    # give web.eth0 in tour no IPv6 link-local address  (examples/tour.otop:28:3)
    # create veth pair pc.eth0 (tour) — eth0 (tour.pc)  (examples/tour.otop:35:3)
    # give pc.eth0 in tour no IPv6 link-local address  (examples/tour.otop:35:3)
    tool_step '5/16, links, in the switches (tour)' nsenter --net=/run/netns/tour -- ip -batch - <<'EOF'
link set dev lo alias opentop:tour
link add name lan type bridge
link set dev lan addrgenmode none
link set dev lan up
link add name router.eth0 index 9829555 master lan up type veth peer name eth0 netns tour.router
link set dev router.eth0 addrgenmode none
link add name web.eth0 index 6854235 master lan up type veth peer name eth0 netns tour.web
link set dev web.eth0 addrgenmode none
link add name pc.eth0 index 3946193 master lan up type veth peer name eth0 netns tour.pc
link set dev pc.eth0 addrgenmode none
EOF
  }
  at_once 4 5 || return 1
  # == stage 5 of 10: shaping (its 2 steps side by side)
  up_6() {
    # shape up0 in tour.router: tbf rate 50mbit burst 15140b limit 1514000b  (examples/tour.otop:14:49)
    # shape up0 in tour.router: pfifo limit 1000  (examples/tour.otop:14:49)
    tool_step '6/16, shaping, in node router (tour.router)' nsenter --net=/run/netns/tour.router -- tc -batch - <<'EOF'
qdisc add dev up0 root handle 1: tbf rate 50mbit burst 15140b limit 1514000b
qdisc add dev up0 parent 1:1 handle 10: pfifo limit 1000
EOF
  }
  up_7() {
    # shape eth0 in tour.isp: tbf rate 50mbit burst 15140b limit 1514000b  (examples/tour.otop:14:49)
    # shape eth0 in tour.isp: pfifo limit 1000  (examples/tour.otop:14:49)
    tool_step '7/16, shaping, in node isp (tour.isp)' nsenter --net=/run/netns/tour.isp -- tc -batch - <<'EOF'
qdisc add dev eth0 root handle 1: tbf rate 50mbit burst 15140b limit 1514000b
qdisc add dev eth0 parent 1:1 handle 10: pfifo limit 1000
EOF
  }
  at_once 6 7 || return 1
  # == stage 6 of 10: addresses and routes (its 4 steps side by side)
  up_8() {
    # mark lo in tour.router as opentop:tour:router  (examples/tour.otop:11:1)
    # bring lo up in tour.router  (examples/tour.otop:11:1)
    # add 10.1.0.1/24 to eth0 in tour.router  (examples/tour.otop:13:15)
    # add fd00:1::1/64 to eth0 in tour.router  (examples/tour.otop:13:27)
    # bring eth0 up in tour.router  (examples/tour.otop:13:3)
    # add 198.18.0.1/30 to up0 in tour.router  (examples/tour.otop:14:19)
    # add fd00:ff::1/64 to up0 in tour.router  (examples/tour.otop:14:33)
    # bring up0 up in tour.router  (examples/tour.otop:14:3)
    tool_step '8/16, addresses and routes, in node router (tour.router)' nsenter --net=/run/netns/tour.router -- ip -batch - <<'EOF'
link set dev lo alias opentop:tour:router
link set dev lo up
addr add 10.1.0.1/24 dev eth0
addr add fd00:1::1/64 dev eth0 nodad
link set dev eth0 up
addr add 198.18.0.1/30 dev up0
addr add fd00:ff::1/64 dev up0 nodad
link set dev up0 up
EOF
  }
  up_9() {
    # mark lo in tour.web as opentop:tour:web  (examples/tour.otop:27:1)
    # bring lo up in tour.web  (examples/tour.otop:27:1)
    # add 10.1.0.10/24 to eth0 in tour.web  (examples/tour.otop:28:15)
    # add fd00:1::10/64 to eth0 in tour.web  (examples/tour.otop:28:28)
    # bring eth0 up in tour.web  (examples/tour.otop:28:3)
    # route 0.0.0.0/0 via 10.1.0.1 in tour.web  (examples/tour.otop:29:3)
    # route ::/0 via fd00:1::1 in tour.web  (examples/tour.otop:30:3)
    tool_step '9/16, addresses and routes, in node web (tour.web)' nsenter --net=/run/netns/tour.web -- ip -batch - <<'EOF'
link set dev lo alias opentop:tour:web
link set dev lo up
addr add 10.1.0.10/24 dev eth0
addr add fd00:1::10/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.1.0.1
route add ::/0 via fd00:1::1
EOF
  }
  up_10() {
    # mark lo in tour.pc as opentop:tour:pc  (examples/tour.otop:34:1)
    # bring lo up in tour.pc  (examples/tour.otop:34:1)
    # add 10.1.0.20/24 to eth0 in tour.pc  (examples/tour.otop:35:15)
    # add fd00:1::20/64 to eth0 in tour.pc  (examples/tour.otop:35:28)
    # bring eth0 up in tour.pc  (examples/tour.otop:35:3)
    # route 0.0.0.0/0 via 10.1.0.1 in tour.pc  (examples/tour.otop:36:3)
    # route ::/0 via fd00:1::1 in tour.pc  (examples/tour.otop:37:3)
    tool_step '10/16, addresses and routes, in node pc (tour.pc)' nsenter --net=/run/netns/tour.pc -- ip -batch - <<'EOF'
link set dev lo alias opentop:tour:pc
link set dev lo up
addr add 10.1.0.20/24 dev eth0
addr add fd00:1::20/64 dev eth0 nodad
link set dev eth0 up
route add 0.0.0.0/0 via 10.1.0.1
route add ::/0 via fd00:1::1
EOF
  }
  up_11() {
    # mark lo in tour.isp as opentop:tour:isp  (examples/tour.otop:40:1)
    # bring lo up in tour.isp  (examples/tour.otop:40:1)
    # add 198.18.0.2/30 to eth0 in tour.isp  (examples/tour.otop:40:17)
    # add fd00:ff::2/64 to eth0 in tour.isp  (examples/tour.otop:40:31)
    # bring eth0 up in tour.isp  (examples/tour.otop:40:12)
    tool_step '11/16, addresses and routes, in node isp (tour.isp)' nsenter --net=/run/netns/tour.isp -- ip -batch - <<'EOF'
link set dev lo alias opentop:tour:isp
link set dev lo up
addr add 198.18.0.2/30 dev eth0
addr add fd00:ff::2/64 dev eth0 nodad
link set dev eth0 up
EOF
  }
  at_once 8 11 || return 1
  # == stage 7 of 10: directories (its 2 steps side by side)
  up_12() {
    # create directories /run/opentop/tour/services  (examples/tour.otop:7:5)
    tool_step '12/16, directories, on the host' mkdir -p /run/opentop/tour/services
  }
  up_13() {
    # create cgroup /sys/fs/cgroup/opentop/tour  (examples/tour.otop:7:5)
    tool_step '13/16, directories, on the host' mkdir -p /sys/fs/cgroup/opentop/tour
  }
  at_once 12 13 || return 1
  # == stage 8 of 10: node cgroups and namespace files
  # create cgroup /sys/fs/cgroup/opentop/tour/web  (examples/tour.otop:27:1)
  tool_step '14/16, node cgroups and namespace files, on the host' mkdir -p /sys/fs/cgroup/opentop/tour/web || return 1
  # == stage 9 of 10: services
  # start service site in node web  (examples/tour.otop:31:3)
  step '15/16, services, on the host' sh -c 'cd / || exit 125; log=$1 pidfile=$2; rm -f "$3" || exit 125; shift 3; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; setsid "$@" </dev/null >>"$log" 2>&1 & echo $! > "$pidfile" || { kill -KILL $!; exit 1; }' opentop-start /run/opentop/tour/services/web.site.log /run/opentop/tour/services/web.site.pid /run/opentop/tour/services/web.site.status /sys/fs/cgroup/opentop/tour/web/cgroup.procs -- sh -c 'status=$1; shift; "$@"; echo $? > "$status"' opentop:tour:web:site /run/opentop/tour/services/web.site.status env OPENTOP_LAB=tour OPENTOP_NODE=web OPENTOP_SERVICE=site nsenter --net=/run/netns/tour.web -- sh -c 'exec python3 -m http.server 8080 --bind :: --directory /usr/share/doc' || return 1
  # == stage 10 of 10: readiness
  # wait until service site of node web listens on tcp 8080  (examples/tour.otop:31:3)
  step '16/16, readiness, in node web (tour.web)' nsenter --net=/run/netns/tour.web -- sh -c 'pidfile=$1 status=$2 log=$3 t=$4 kind=$5 port=$6; shift 6; [ "${1-}" != -- ] || shift; fail() { echo "$1" >&2; tail -n 10 "$log" 2>/dev/null | sed "s/^/log: /" >&2; exit 1; }; f=-t; [ "$kind" = udp ] && f=-u; ready() { case $kind in tcp|udp) [ -n "$(ss -Hln $f "sport = :$port")" ];; command) "$@" >/dev/null 2>&1 </dev/null;; *) [ $i -ge 3 ];; esac; }; i=0; while :; do if [ -s "$status" ]; then code=$(cat "$status"); [ "$code" = 0 ] && [ "$kind" = started ] && exit 0; fail "it exited with status $code"; fi; pid=$(cat "$pidfile" 2>/dev/null); if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then [ -s "$status" ] && continue; fail "it is gone"; fi; if ready "$@"; then exit 0; fi; [ $i -ge $((t * 10)) ] && fail "it is not ready after $t s"; sleep 0.1; i=$((i+1)); done' opentop-ready /run/opentop/tour/services/web.site.pid /run/opentop/tour/services/web.site.status /run/opentop/tour/services/web.site.log 30 tcp 8080 || return 1
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
  # stop service site of node web
  if true; then
    removed=$((removed + 1))
    sh -c 'pid=$(cat "$1" 2>/dev/null) || exit 0; mark=$2 grace=$3 mode=$4; case $pid in ""|*[!0-9]*) exit 0;; esac; a=$(tr "\0" "\n" < /proc/$pid/cmdline 2>/dev/null); if [ -n "$a" ]; then [ "$(printf "%s\n" "$a" | sed -n 4p)" = "$mark" ] || exit 0; elif [ "$mode" != group ]; then exit 0; fi; alive() { for f in /proc/[0-9]*/stat; do read -r l 2>/dev/null < "$f" || continue; set -- ${l##*) }; [ "$1" != Z ] || continue; if [ "$mode" = group ]; then [ "$3" = "$pid" ] && return 0; else [ "$f" = "/proc/$pid/stat" ] && return 0; fi; done; return 1; }; t=$pid; [ "$mode" = group ] && t=-$pid; kill -TERM $t 2>/dev/null || exit 0; i=0; while alive; do [ $i -eq $grace ] && kill -KILL $t 2>/dev/null; [ $i -ge $((grace + 50)) ] && { echo "process $pid did not stop" >&2; exit 1; }; sleep 0.1; i=$((i+1)); done' opentop-stop /run/opentop/tour/services/web.site.pid opentop:tour:web:site 50 group || ok=1
  fi
  # delete network namespace tour.isp and everything in it
  if ns_ours tour.isp opentop:tour:isp; then owned=$((owned + 1)); queue 'netns del tour.isp'; fi
  # delete network namespace tour.pc and everything in it
  if ns_ours tour.pc opentop:tour:pc; then owned=$((owned + 1)); queue 'netns del tour.pc'; fi
  # delete network namespace tour.web and everything in it
  if ns_ours tour.web opentop:tour:web; then owned=$((owned + 1)); queue 'netns del tour.web'; fi
  # delete network namespace tour.router and everything in it
  if ns_ours tour.router opentop:tour:router; then owned=$((owned + 1)); queue 'netns del tour.router'; fi
  # delete network namespace tour and everything in it
  if ns_ours tour opentop:tour; then owned=$((owned + 1)); queue 'netns del tour'; fi
  flush ip -force -batch - || ok=1
  # remove cgroup /sys/fs/cgroup/opentop/tour/web (killing what still runs in it)
  if true; then
    removed=$((removed + 1))
    if [ "$proved" = 1 ]; then
      sh -c 'd=$1; [ -d "$d" ] || exit 0; case $d in */opentop/*) ;; *) exit 1 ;; esac; case $(stat -f -c %T "$d") in cgroup2fs | cgroupfs) ;; *) echo "$d is not a cgroup" >&2; exit 1 ;; esac; mountpoint -q "${d%/opentop/*}" || { echo "$d is not below the root of a cgroup hierarchy" >&2; exit 1; }; [ ! -e "$d/cgroup.kill" ] || echo 1 > "$d/cgroup.kill"; i=0; while p=$(cat "$d/cgroup.procs") && [ -n "$p" ]; do [ $i -ge 50 ] && { echo "cgroup $d still holds processes $p" >&2; exit 1; }; kill -KILL $p 2>/dev/null; sleep 0.1; i=$((i+1)); done; rmdir "$d"' opentop-cgroup-del /sys/fs/cgroup/opentop/tour/web || ok=1
    else # without a record of this plan: remove cgroup /sys/fs/cgroup/opentop/tour/web if it is empty (found by its name: what runs in it is not killed)
      sh -c '[ ! -d "$1" ] || rmdir "$1"' opentop-cgroup-rmdir /sys/fs/cgroup/opentop/tour/web || ok=1
    fi
  fi
  # remove cgroup /sys/fs/cgroup/opentop/tour (killing what still runs in it)
  if true; then
    removed=$((removed + 1))
    if [ "$proved" = 1 ]; then
      sh -c 'd=$1; [ -d "$d" ] || exit 0; case $d in */opentop/*) ;; *) exit 1 ;; esac; case $(stat -f -c %T "$d") in cgroup2fs | cgroupfs) ;; *) echo "$d is not a cgroup" >&2; exit 1 ;; esac; mountpoint -q "${d%/opentop/*}" || { echo "$d is not below the root of a cgroup hierarchy" >&2; exit 1; }; [ ! -e "$d/cgroup.kill" ] || echo 1 > "$d/cgroup.kill"; i=0; while p=$(cat "$d/cgroup.procs") && [ -n "$p" ]; do [ $i -ge 50 ] && { echo "cgroup $d still holds processes $p" >&2; exit 1; }; kill -KILL $p 2>/dev/null; sleep 0.1; i=$((i+1)); done; rmdir "$d"' opentop-cgroup-del /sys/fs/cgroup/opentop/tour || ok=1
    else # without a record of this plan: remove cgroup /sys/fs/cgroup/opentop/tour if it is empty (found by its name: what runs in it is not killed)
      sh -c '[ ! -d "$1" ] || rmdir "$1"' opentop-cgroup-rmdir /sys/fs/cgroup/opentop/tour || ok=1
    fi
  fi
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/tour ]; then left="$left"'  netns tour'"$NL"; fi
  if [ -e /run/netns/tour.router ]; then left="$left"'  netns tour.router'"$NL"; fi
  if [ -e /run/netns/tour.web ]; then left="$left"'  netns tour.web'"$NL"; fi
  if [ -e /run/netns/tour.pc ]; then left="$left"'  netns tour.pc'"$NL"; fi
  if [ -e /run/netns/tour.isp ]; then left="$left"'  netns tour.isp'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/tour && found=0
  taken_netns /run/netns/tour.router && found=0
  taken_netns /run/netns/tour.web && found=0
  taken_netns /run/netns/tour.pc && found=0
  taken_netns /run/netns/tour.isp && found=0
  taken_cgroup /sys/fs/cgroup/opentop/tour && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/tour.otop:14:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/tour.otop:13:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/tour.otop:28:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/tour.otop:35:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge
EOF
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (examples/tour.otop:9:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- tc qdisc add dev lo root tbf rate 1mbit burst 16kb limit 16kb; then
    error OT6011 'this kernel lacks the token bucket filter qdisc (rate), which this statement needs (examples/tour.otop:14:49)' 'it is the kernel option CONFIG_NET_SCH_TBF (module sch_tbf: `modprobe sch_tbf`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:tour 2:tour.router+tc 3:tour.web 4:tour.pc 5:tour.isp+tc
)

ns_1() { look 'the switches (tour)' tour links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface lan'
  [ "${seen_3-}" = 1 ] || drift missing 'interface router.eth0'
  [ "${seen_4-}" = 1 ] || drift missing 'interface web.eth0'
  [ "${seen_5-}" = 1 ] || drift missing 'interface pc.eth0'
  extras
}

# links_1 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_1() {
  case $2 in
    '') links_1_0 "$1" && return 0 ;;
    lan) links_1_1 "$1" && return 0 ;;
  esac
  links_1_0 "$1" || links_1_1 "$1"
}
links_1_0() {
  case $1 in
    lo) seen_1=1; want_link ;;
    lan) seen_2=1; want_link up ;;
    *) return 1 ;;
  esac
}
links_1_1() {
  case $1 in
    router.eth0) seen_3=1; want_link up master lan ;;
    web.eth0) seen_4=1; want_link up master lan ;;
    pc.eth0) seen_5=1; want_link up master lan ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node router (tour.router)' tour.router links_2; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr up0 198.18.0.1/30
    want_addr up0 fd00:ff::1/64
  else
    drift missing 'interface up0'
  fi
  if [ "${seen_3-}" = 2 ]; then
    want_addr eth0 10.1.0.1/24
    want_addr eth0 fd00:1::1/64
  else
    drift missing 'interface eth0'
  fi
  shaped up0
  want_qdisc up0 tbf 1: root rate 50Mbit
  want_qdisc up0 pfifo 10: 1:1 limit 1000p
  extras
}

# links_2 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_2() {
  case $1 in
    lo) seen_1=2; want_link up ;;
    up0) seen_2=2; want_link shaped up ;;
    eth0) seen_3=2; want_link up ;;
    *) return 1 ;;
  esac
}
routes_2() { return 1; }

ns_3() { look 'node web (tour.web)' tour.web links_3 1; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr eth0 10.1.0.10/24
    want_addr eth0 fd00:1::10/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 3 ] || drift missing 'route 0.0.0.0/0 via 10.1.0.1'
  [ "${rseen_2-}" = 3 ] || drift missing 'route ::/0 via fd00:1::1'
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

# routes_3: marks the plan's routes that this route of the kernel is; false if none.
routes_3() {
  is=1
  case $r_dest in
    0.0.0.0/0)
      ! route_is '' 10.1.0.1 '' || { rseen_1=3; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:1::1 '' || { rseen_2=3; is=0; }
      ;;
  esac
  return $is
}

ns_4() { look 'node pc (tour.pc)' tour.pc links_4 1; }
end_4() {
  [ "${seen_1-}" = 4 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 4 ]; then
    want_addr eth0 10.1.0.20/24
    want_addr eth0 fd00:1::20/64
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 4 ] || drift missing 'route 0.0.0.0/0 via 10.1.0.1'
  [ "${rseen_2-}" = 4 ] || drift missing 'route ::/0 via fd00:1::1'
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
      ! route_is '' 10.1.0.1 '' || { rseen_1=4; is=0; }
      ;;
    ::/0)
      ! route_is '' fd00:1::1 '' || { rseen_2=4; is=0; }
      ;;
  esac
  return $is
}

ns_5() { look 'node isp (tour.isp)' tour.isp links_5; }
end_5() {
  [ "${seen_1-}" = 5 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 5 ]; then
    want_addr eth0 198.18.0.2/30
    want_addr eth0 fd00:ff::2/64
  else
    drift missing 'interface eth0'
  fi
  shaped eth0
  want_qdisc eth0 tbf 1: root rate 50Mbit
  want_qdisc eth0 pfifo 10: 1:1 limit 1000p
  extras
}

# links_5 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_5() {
  case $1 in
    lo) seen_1=5; want_link up ;;
    eth0) seen_2=5; want_link shaped up ;;
    *) return 1 ;;
  esac
}
routes_5() { return 1; }

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    router) enter nsenter --net=/run/netns/tour.router -- "$@" ;;
    web) enter sh -c 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"' opentop-join /sys/fs/cgroup/opentop/tour/web/cgroup.procs -- nsenter --net=/run/netns/tour.web -- "$@" ;;
    pc) enter nsenter --net=/run/netns/tour.pc -- "$@" ;;
    isp) enter nsenter --net=/run/netns/tour.isp -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are router, web, pc, isp'
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
  # wait until the IPv6 addresses of node router have passed duplicate address detection (at most 5 s)
  settle 1 nsenter --net=/run/netns/tour.router -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node web have passed duplicate address detection (at most 5 s)
  settle 2 nsenter --net=/run/netns/tour.web -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node pc have passed duplicate address detection (at most 5 s)
  settle 3 nsenter --net=/run/netns/tour.pc -- sh -c "$SH_SETTLE" opentop-settle 5
  # wait until the IPv6 addresses of node isp have passed duplicate address detection (at most 5 s)
  settle 4 nsenter --net=/run/netns/tour.isp -- sh -c "$SH_SETTLE" opentop-settle 5
  # listen on tcp 10.1.0.10:8080 in node web, unless something does
  listener 5 nsenter --net=/run/netns/tour.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/tour/probes/web.tcp.10.1.0.10.8080.pid opentop:tour:web:listen-tcp-8080-1 87 tcp 4 10.1.0.10 8080
  # listen on tcp [fd00:1::10]:8080 in node web, unless something does
  listener 6 nsenter --net=/run/netns/tour.web -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/tour/probes/web.tcp.fd00:1::10.8080.pid opentop:tour:web:listen-tcp-8080-2 87 tcp 6 fd00:1::10 8080
  # probe tcp 10.1.0.10:8080 from node pc
  run_probe 7 nsenter --net=/run/netns/tour.pc -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.1.0.10 8080 '' 2
  # probe tcp [fd00:1::10]:8080 from node pc
  run_probe 8 nsenter --net=/run/netns/tour.pc -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd00:1::10 8080 '' 2
  # probe icmp 198.18.0.2 from node pc
  run_probe 9 nsenter --net=/run/netns/tour.pc -- sh -c "$SH_PROBE" opentop-probe icmp 4 198.18.0.2 '' '' 2
  # probe icmp fd00:ff::2 from node pc
  run_probe 10 nsenter --net=/run/netns/tour.pc -- sh -c "$SH_PROBE" opentop-probe icmp 6 fd00:ff::2 '' '' 2
  # probe tcp 198.18.0.1:80 from node isp
  run_probe 11 nsenter --net=/run/netns/tour.isp -- sh -c "$SH_PROBE" opentop-probe tcp 4 198.18.0.1 80 '' 2
  # probe tcp 10.1.0.10:8080 from node isp
  run_probe 12 nsenter --net=/run/netns/tour.isp -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.1.0.10 8080 '' 2
  # probe tcp [fd00:1::10]:8080 from node isp
  run_probe 13 nsenter --net=/run/netns/tour.isp -- sh -c "$SH_PROBE" opentop-probe tcp 6 fd00:1::10 8080 '' 2
  # probe icmp 10.1.0.20 from node isp
  run_probe 14 nsenter --net=/run/netns/tour.isp -- sh -c "$SH_PROBE" opentop-probe icmp 4 10.1.0.20 '' '' 2
  # probe icmp fd00:1::20 from node isp
  run_probe 15 nsenter --net=/run/netns/tour.isp -- sh -c "$SH_PROBE" opentop-probe icmp 6 fd00:1::20 '' '' 2
  wait
  stop_listeners
}

stop_listeners() {
  # stop the listener on tcp 10.1.0.10 port 8080 in node web
  stop_listener 5 sh -c "$SH_STOP" opentop-stop /run/opentop/tour/probes/web.tcp.10.1.0.10.8080.pid opentop:tour:web:listen-tcp-8080-1 10 group
  # stop the listener on tcp fd00:1::10 port 8080 in node web
  stop_listener 6 sh -c "$SH_STOP" opentop-stop /run/opentop/tour/probes/web.tcp.fd00:1::10.8080.pid opentop:tour:web:listen-tcp-8080-2 10 group
  :
}

TEST_WIDTH=27
test_rows() {
  row 'pc -> web tcp 8080' 4 reach reaches 'through pc → web' 7 5
  row 'pc -> web tcp 8080' 6 reach reaches 'through pc → web' 8 6
  row 'pc -> isp' 4 reach reaches 'through pc → router → isp' 9 0
  row 'pc -> isp' 6 reach reaches 'through pc → router → isp' 10 0
  row 'isp -> router.up0 tcp 80 -4' 4 reach reaches 'through isp → router → web' 11 5
  row 'isp !-> web tcp 8080' 4 not blocked 'isp has no route to 10.1.0.10' 12 5
  row 'isp !-> web tcp 8080' 6 not blocked 'isp has no route to fd00:1::10' 13 6
  row 'isp !-> pc' 4 not blocked 'isp has no route to 10.1.0.20' 14 0
  row 'isp !-> pc' 6 not blocked 'isp has no route to fd00:1::20' 15 0
}

# plan_text: what `up` runs, as `opentop plan` prints it.
plan_text() {
  printf '%s\n' '# lab tour: up, 56 operations in 16 processes

# stage 1: namespaces
ip -batch -
    netns add tour         # examples/tour.otop:7:5
    netns add tour.router  # examples/tour.otop:11:1
    netns add tour.web     # examples/tour.otop:27:1
    netns add tour.pc      # examples/tour.otop:34:1
    netns add tour.isp     # examples/tour.otop:40:1

# stage 2: namespace sysctls
nsenter --net=/run/netns/tour.router -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/tour.otop:12:3
    net.ipv6.conf.all.forwarding=1      # examples/tour.otop:12:3
    net.ipv6.conf.default.accept_dad=0  # examples/tour.otop:12:3

# stage 3: filters
nsenter --net=/run/netns/tour.router -- nft -f -
    # examples/tour.otop:16:5
    table inet opentop {
    	chain prerouting {
    		type nat hook prerouting priority dstnat; policy accept;
    		iifname "up0" tcp dport 80 dnat ip to 10.1.0.10:8080 comment "dnat in up0 tcp dport 80 to 10.1.0.10:8080"
    	}
    	chain forward {
    		type filter hook forward priority filter; policy drop;
    		ct state related,established accept comment "forward accept established"
    		meta l4proto icmp accept comment "forward accept icmp"
    		meta l4proto ipv6-icmp accept comment "forward accept icmpv6"
    		iifname "eth0" oifname "up0" accept comment "forward accept in eth0 out up0"
    		iifname "up0" oifname "eth0" tcp dport 8080 accept comment "forward accept in up0 out eth0 tcp dport 8080"
    	}
    	chain postrouting {
    		type nat hook postrouting priority srcnat; policy accept;
    		oifname "up0" masquerade comment "masquerade out up0"
    	}
    }

# stage 4: links (steps run concurrently)
ip -batch -
    link add name up0 index 13649223 netns tour.router type veth peer name eth0 netns tour.isp  # examples/tour.otop:14:3
nsenter --net=/run/netns/tour -- ip -batch -
    link set dev lo alias opentop:tour                                                                # examples/tour.otop:7:5
    link add name lan type bridge                                                                     # examples/tour.otop:9:1
    link set dev lan addrgenmode none                                                                 # examples/tour.otop:9:1
    link set dev lan up                                                                               # examples/tour.otop:9:1
    link add name router.eth0 index 9829555 master lan up type veth peer name eth0 netns tour.router  # examples/tour.otop:13:3
    link set dev router.eth0 addrgenmode none                                                         # examples/tour.otop:13:3
    link add name web.eth0 index 6854235 master lan up type veth peer name eth0 netns tour.web        # examples/tour.otop:28:3
    link set dev web.eth0 addrgenmode none                                                            # examples/tour.otop:28:3
    link add name pc.eth0 index 3946193 master lan up type veth peer name eth0 netns tour.pc          # examples/tour.otop:35:3
    link set dev pc.eth0 addrgenmode none                                                             # examples/tour.otop:35:3

# stage 5: shaping (steps run concurrently)
nsenter --net=/run/netns/tour.router -- tc -batch -
    qdisc add dev up0 root handle 1: tbf rate 50mbit burst 15140b limit 1514000b  # examples/tour.otop:14:49
    qdisc add dev up0 parent 1:1 handle 10: pfifo limit 1000                      # examples/tour.otop:14:49
nsenter --net=/run/netns/tour.isp -- tc -batch -
    qdisc add dev eth0 root handle 1: tbf rate 50mbit burst 15140b limit 1514000b  # examples/tour.otop:14:49
    qdisc add dev eth0 parent 1:1 handle 10: pfifo limit 1000                      # examples/tour.otop:14:49

# stage 6: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/tour.router -- ip -batch -
    link set dev lo alias opentop:tour:router  # examples/tour.otop:11:1
    link set dev lo up                         # examples/tour.otop:11:1
    addr add 10.1.0.1/24 dev eth0              # examples/tour.otop:13:15
    addr add fd00:1::1/64 dev eth0 nodad       # examples/tour.otop:13:27
    link set dev eth0 up                       # examples/tour.otop:13:3
    addr add 198.18.0.1/30 dev up0             # examples/tour.otop:14:19
    addr add fd00:ff::1/64 dev up0 nodad       # examples/tour.otop:14:33
    link set dev up0 up                        # examples/tour.otop:14:3
nsenter --net=/run/netns/tour.web -- ip -batch -
    link set dev lo alias opentop:tour:web  # examples/tour.otop:27:1
    link set dev lo up                      # examples/tour.otop:27:1
    addr add 10.1.0.10/24 dev eth0          # examples/tour.otop:28:15
    addr add fd00:1::10/64 dev eth0 nodad   # examples/tour.otop:28:28
    link set dev eth0 up                    # examples/tour.otop:28:3
    route add 0.0.0.0/0 via 10.1.0.1        # examples/tour.otop:29:3
    route add ::/0 via fd00:1::1            # examples/tour.otop:30:3
nsenter --net=/run/netns/tour.pc -- ip -batch -
    link set dev lo alias opentop:tour:pc  # examples/tour.otop:34:1
    link set dev lo up                     # examples/tour.otop:34:1
    addr add 10.1.0.20/24 dev eth0         # examples/tour.otop:35:15
    addr add fd00:1::20/64 dev eth0 nodad  # examples/tour.otop:35:28
    link set dev eth0 up                   # examples/tour.otop:35:3
    route add 0.0.0.0/0 via 10.1.0.1       # examples/tour.otop:36:3
    route add ::/0 via fd00:1::1           # examples/tour.otop:37:3
nsenter --net=/run/netns/tour.isp -- ip -batch -
    link set dev lo alias opentop:tour:isp  # examples/tour.otop:40:1
    link set dev lo up                      # examples/tour.otop:40:1
    addr add 198.18.0.2/30 dev eth0         # examples/tour.otop:40:17
    addr add fd00:ff::2/64 dev eth0 nodad   # examples/tour.otop:40:31
    link set dev eth0 up                    # examples/tour.otop:40:12

# stage 7: directories (steps run concurrently)
mkdir -p /run/opentop/tour/services
    # create directories /run/opentop/tour/services  (examples/tour.otop:7:5)
mkdir -p /sys/fs/cgroup/opentop/tour
    # create cgroup /sys/fs/cgroup/opentop/tour  (examples/tour.otop:7:5)

# stage 8: node cgroups and namespace files
mkdir -p /sys/fs/cgroup/opentop/tour/web
    # create cgroup /sys/fs/cgroup/opentop/tour/web  (examples/tour.otop:27:1)

# stage 9: services
sh -c <start-service> opentop-start /run/opentop/tour/services/web.site.log /run/opentop/tour/services/web.site.pid /run/opentop/tour/services/web.site.status /sys/fs/cgroup/opentop/tour/web/cgroup.procs -- sh -c <service-wrapper> opentop:tour:web:site /run/opentop/tour/services/web.site.status env OPENTOP_LAB=tour OPENTOP_NODE=web OPENTOP_SERVICE=site nsenter --net=/run/netns/tour.web -- sh -c '\''exec python3 -m http.server 8080 --bind :: --directory /usr/share/doc'\''
    # start service site in node web  (examples/tour.otop:31:3)

# stage 10: readiness
nsenter --net=/run/netns/tour.web -- sh -c <ready> opentop-ready /run/opentop/tour/services/web.site.pid /run/opentop/tour/services/web.site.status /run/opentop/tour/services/web.site.log 30 tcp 8080
    # wait until service site of node web listens on tcp 8080  (examples/tour.otop:31:3)

# the sh programs above, shown as <NAME> (src/plan/snippets.ts):
#   <start-service> = cd / || exit 125; log=$1 pidfile=$2; rm -f "$3" || exit 125; shift 3; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; setsid "$@" </dev/null >>"$log" 2>&1 & echo $! > "$pidfile" || { kill -KILL $!; exit 1; }
#   <service-wrapper> = status=$1; shift; "$@"; echo $? > "$status"
#   <ready> = pidfile=$1 status=$2 log=$3 t=$4 kind=$5 port=$6; shift 6; [ "${1-}" != -- ] || shift; fail() { echo "$1" >&2; tail -n 10 "$log" 2>/dev/null | sed "s/^/log: /" >&2; exit 1; }; f=-t; [ "$kind" = udp ] && f=-u; ready() { case $kind in tcp|udp) [ -n "$(ss -Hln $f "sport = :$port")" ];; command) "$@" >/dev/null 2>&1 </dev/null;; *) [ $i -ge 3 ];; esac; }; i=0; while :; do if [ -s "$status" ]; then code=$(cat "$status"); [ "$code" = 0 ] && [ "$kind" = started ] && exit 0; fail "it exited with status $code"; fi; pid=$(cat "$pidfile" 2>/dev/null); if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then [ -s "$status" ] && continue; fail "it is gone"; fi; if ready "$@"; then exit 0; fi; [ $i -ge $((t * 10)) ] && fail "it is not ready after $t s"; sleep 0.1; i=$((i+1)); done'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "tour",
 "file": "/ROOT/examples/tour.otop",
 "hash": "3dadc5f832dfd4fc42f6a483400c737fd22a8f4fb3cbbf376c8ed1c640c823db",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["router","web","pc","isp"],
 "switches": ["lan"],
 "plan": "e4e86413999f0d08a9c2c04ff7628e2e6c7b28bcfdf2303bdda38ed0dd176f9b",
 "owned": [
  {"kind":"netns","name":"tour"},
  {"kind":"netns","name":"tour.router","node":"router"},
  {"kind":"netns","name":"tour.web","node":"web"},
  {"kind":"netns","name":"tour.pc","node":"pc"},
  {"kind":"netns","name":"tour.isp","node":"isp"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"tour"},"origin":"examples/tour.otop:7:5"},
  {"op":{"kind":"netns.add","name":"tour.router","node":"router"},"origin":"examples/tour.otop:11:1"},
  {"op":{"kind":"netns.add","name":"tour.web","node":"web"},"origin":"examples/tour.otop:27:1"},
  {"op":{"kind":"netns.add","name":"tour.pc","node":"pc"},"origin":"examples/tour.otop:34:1"},
  {"op":{"kind":"netns.add","name":"tour.isp","node":"isp"},"origin":"examples/tour.otop:40:1"},
  {"op":{"kind":"sysctl.set","ns":"tour.router","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/tour.otop:12:3"},
  {"op":{"kind":"sysctl.set","ns":"tour.router","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/tour.otop:12:3"},
  {"op":{"kind":"sysctl.set","ns":"tour.router","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/tour.otop:12:3"},
  {"op":{"kind":"nft.table","ns":"tour.router","family":"inet","name":"opentop","ruleset":"table inet opentop {\n\tchain prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\tiifname \"up0\" tcp dport 80 dnat ip to 10.1.0.10:8080 comment \"dnat in up0 tcp dport 80 to 10.1.0.10:8080\"\n\t}\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n\t\tct state related,established accept comment \"forward accept established\"\n\t\tmeta l4proto icmp accept comment \"forward accept icmp\"\n\t\tmeta l4proto ipv6-icmp accept comment \"forward accept icmpv6\"\n\t\tiifname \"eth0\" oifname \"up0\" accept comment \"forward accept in eth0 out up0\"\n\t\tiifname \"up0\" oifname \"eth0\" tcp dport 8080 accept comment \"forward accept in up0 out eth0 tcp dport 8080\"\n\t}\n\tchain postrouting {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t\toifname \"up0\" masquerade comment \"masquerade out up0\"\n\t}\n}\n"},"origin":"examples/tour.otop:16:5"},
  {"op":{"kind":"veth.add","ns":null,"a":{"ns":"tour.router","name":"up0","index":13649223},"b":{"ns":"tour.isp","name":"eth0"}},"origin":"examples/tour.otop:14:3"},
  {"op":{"kind":"link.alias","ns":"tour","dev":"lo","alias":"opentop:tour"},"origin":"examples/tour.otop:7:5"},
  {"op":{"kind":"bridge.add","ns":"tour","name":"lan"},"origin":"examples/tour.otop:9:1"},
  {"op":{"kind":"link.nolinklocal","ns":"tour","dev":"lan"},"origin":"examples/tour.otop:9:1"},
  {"op":{"kind":"link.up","ns":"tour","dev":"lan"},"origin":"examples/tour.otop:9:1"},
  {"op":{"kind":"veth.add","ns":"tour","a":{"ns":"tour","name":"router.eth0","index":9829555,"master":"lan"},"b":{"ns":"tour.router","name":"eth0"}},"origin":"examples/tour.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"tour","dev":"router.eth0"},"origin":"examples/tour.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"tour","a":{"ns":"tour","name":"web.eth0","index":6854235,"master":"lan"},"b":{"ns":"tour.web","name":"eth0"}},"origin":"examples/tour.otop:28:3"},
  {"op":{"kind":"link.nolinklocal","ns":"tour","dev":"web.eth0"},"origin":"examples/tour.otop:28:3"},
  {"op":{"kind":"veth.add","ns":"tour","a":{"ns":"tour","name":"pc.eth0","index":3946193,"master":"lan"},"b":{"ns":"tour.pc","name":"eth0"}},"origin":"examples/tour.otop:35:3"},
  {"op":{"kind":"link.nolinklocal","ns":"tour","dev":"pc.eth0"},"origin":"examples/tour.otop:35:3"},
  {"op":{"kind":"qdisc.add","ns":"tour.router","dev":"up0","parent":"root","handle":"1:","qdisc":{"kind":"tbf","rate":50000000,"burst":15140,"limit":1514000}},"origin":"examples/tour.otop:14:49"},
  {"op":{"kind":"qdisc.add","ns":"tour.router","dev":"up0","parent":"1:1","handle":"10:","qdisc":{"kind":"pfifo","limit":1000}},"origin":"examples/tour.otop:14:49"},
  {"op":{"kind":"qdisc.add","ns":"tour.isp","dev":"eth0","parent":"root","handle":"1:","qdisc":{"kind":"tbf","rate":50000000,"burst":15140,"limit":1514000}},"origin":"examples/tour.otop:14:49"},
  {"op":{"kind":"qdisc.add","ns":"tour.isp","dev":"eth0","parent":"1:1","handle":"10:","qdisc":{"kind":"pfifo","limit":1000}},"origin":"examples/tour.otop:14:49"},
  {"op":{"kind":"link.alias","ns":"tour.router","dev":"lo","alias":"opentop:tour:router"},"origin":"examples/tour.otop:11:1"},
  {"op":{"kind":"link.up","ns":"tour.router","dev":"lo"},"origin":"examples/tour.otop:11:1"},
  {"op":{"kind":"addr.add","ns":"tour.router","dev":"eth0","cidr":"10.1.0.1/24","family":4},"origin":"examples/tour.otop:13:15"},
  {"op":{"kind":"addr.add","ns":"tour.router","dev":"eth0","cidr":"fd00:1::1/64","family":6},"origin":"examples/tour.otop:13:27"},
  {"op":{"kind":"link.up","ns":"tour.router","dev":"eth0"},"origin":"examples/tour.otop:13:3"},
  {"op":{"kind":"addr.add","ns":"tour.router","dev":"up0","cidr":"198.18.0.1/30","family":4},"origin":"examples/tour.otop:14:19"},
  {"op":{"kind":"addr.add","ns":"tour.router","dev":"up0","cidr":"fd00:ff::1/64","family":6},"origin":"examples/tour.otop:14:33"},
  {"op":{"kind":"link.up","ns":"tour.router","dev":"up0"},"origin":"examples/tour.otop:14:3"},
  {"op":{"kind":"link.alias","ns":"tour.web","dev":"lo","alias":"opentop:tour:web"},"origin":"examples/tour.otop:27:1"},
  {"op":{"kind":"link.up","ns":"tour.web","dev":"lo"},"origin":"examples/tour.otop:27:1"},
  {"op":{"kind":"addr.add","ns":"tour.web","dev":"eth0","cidr":"10.1.0.10/24","family":4},"origin":"examples/tour.otop:28:15"},
  {"op":{"kind":"addr.add","ns":"tour.web","dev":"eth0","cidr":"fd00:1::10/64","family":6},"origin":"examples/tour.otop:28:28"},
  {"op":{"kind":"link.up","ns":"tour.web","dev":"eth0"},"origin":"examples/tour.otop:28:3"},
  {"op":{"kind":"route.add","ns":"tour.web","family":4,"destination":"0.0.0.0/0","via":"10.1.0.1"},"origin":"examples/tour.otop:29:3"},
  {"op":{"kind":"route.add","ns":"tour.web","family":6,"destination":"::/0","via":"fd00:1::1"},"origin":"examples/tour.otop:30:3"},
  {"op":{"kind":"link.alias","ns":"tour.pc","dev":"lo","alias":"opentop:tour:pc"},"origin":"examples/tour.otop:34:1"},
  {"op":{"kind":"link.up","ns":"tour.pc","dev":"lo"},"origin":"examples/tour.otop:34:1"},
  {"op":{"kind":"addr.add","ns":"tour.pc","dev":"eth0","cidr":"10.1.0.20/24","family":4},"origin":"examples/tour.otop:35:15"},
  {"op":{"kind":"addr.add","ns":"tour.pc","dev":"eth0","cidr":"fd00:1::20/64","family":6},"origin":"examples/tour.otop:35:28"},
  {"op":{"kind":"link.up","ns":"tour.pc","dev":"eth0"},"origin":"examples/tour.otop:35:3"},
  {"op":{"kind":"route.add","ns":"tour.pc","family":4,"destination":"0.0.0.0/0","via":"10.1.0.1"},"origin":"examples/tour.otop:36:3"},
  {"op":{"kind":"route.add","ns":"tour.pc","family":6,"destination":"::/0","via":"fd00:1::1"},"origin":"examples/tour.otop:37:3"},
  {"op":{"kind":"link.alias","ns":"tour.isp","dev":"lo","alias":"opentop:tour:isp"},"origin":"examples/tour.otop:40:1"},
  {"op":{"kind":"link.up","ns":"tour.isp","dev":"lo"},"origin":"examples/tour.otop:40:1"},
  {"op":{"kind":"addr.add","ns":"tour.isp","dev":"eth0","cidr":"198.18.0.2/30","family":4},"origin":"examples/tour.otop:40:17"},
  {"op":{"kind":"addr.add","ns":"tour.isp","dev":"eth0","cidr":"fd00:ff::2/64","family":6},"origin":"examples/tour.otop:40:31"},
  {"op":{"kind":"link.up","ns":"tour.isp","dev":"eth0"},"origin":"examples/tour.otop:40:12"},
  {"op":{"kind":"dir.add","paths":["/run/opentop/tour/services"]},"origin":"examples/tour.otop:7:5"},
  {"op":{"kind":"cgroup.add","path":"/sys/fs/cgroup/opentop/tour","scope":"lab"},"origin":"examples/tour.otop:7:5"},
  {"op":{"kind":"cgroup.add","path":"/sys/fs/cgroup/opentop/tour/web","scope":"node"},"origin":"examples/tour.otop:27:1"},
  {"op":{"kind":"service.start","node":"web","name":"site","enter":{"net":"/run/netns/tour.web"},"join":["/sys/fs/cgroup/opentop/tour/web/cgroup.procs"],"log":"/run/opentop/tour/services/web.site.log","pidfile":"/run/opentop/tour/services/web.site.pid","status":"/run/opentop/tour/services/web.site.status","mark":"opentop:tour:web:site","env":["OPENTOP_LAB=tour","OPENTOP_NODE=web","OPENTOP_SERVICE=site"],"command":"exec python3 -m http.server 8080 --bind :: --directory /usr/share/doc"},"origin":"examples/tour.otop:31:3"},
  {"op":{"kind":"service.ready","node":"web","name":"site","ns":"tour.web","pidfile":"/run/opentop/tour/services/web.site.pid","status":"/run/opentop/tour/services/web.site.status","log":"/run/opentop/tour/services/web.site.log","seconds":30,"check":"tcp","port":8080},"origin":"examples/tour.otop:31:3"}
 ],
 "isolation": {"web":{"aspects":["net"],"enter":{"net":"/run/netns/tour.web"},"join":["/sys/fs/cgroup/opentop/tour/web/cgroup.procs"],"limits":[],"services":[{"name":"site","command":"exec python3 -m http.server 8080 --bind :: --directory /usr/share/doc","pidfile":"/run/opentop/tour/services/web.site.pid","log":"/run/opentop/tour/services/web.site.log","status":"/run/opentop/tour/services/web.site.status","mark":"opentop:tour:web:site"}]}}
}
'

# why PROGRAM: sets $why and $package, for the message when PROGRAM is missing.
why() {
  case $1 in
    ip) why='this lab creates namespaces, links, addresses and routes with it' package=iproute2 ;;
    nsenter) why='this lab runs programs inside its namespaces with it' package=util-linux ;;
    sysctl) why='this lab sets sysctls' package=procps ;;
    nft) why='this lab filters traffic' package=nftables ;;
    tc) why='this lab shapes traffic (rate, delay, loss) with it' package=iproute2 ;;
    mkdir) why='the lab keeps its record and files under /run/opentop' package=coreutils ;;
    sh) why='this lab'\''s steps include small sh programs' package=dash ;;
    setsid) why='this lab runs services' package=util-linux ;;
    env) why='this lab runs services' package=coreutils ;;
    cat) why='the script reads the kernel'\''s limits, and process and cgroup state' package=coreutils ;;
    tail) why='this lab reports the last lines of a failing service'\''s log' package=coreutils ;;
    sed) why='this lab stops its processes by their marks' package=sed ;;
    sleep) why='this lab waits for processes to start or stop' package=coreutils ;;
    ss) why='this lab'\''s tests look for a listener before starting one' package=iproute2 ;;
    unshare) why='this lab creates namespaces besides the network'\''s, or tries its kernel features and rulesets first' package=util-linux ;;
    tr) why='this lab stops its processes by their marks' package=coreutils ;;
    stat) why='this lab unmounts only what it mounted' package=coreutils ;;
    mountpoint) why='this lab keeps namespaces with bind mounts' package=util-linux ;;
    rmdir) why='this lab removes its directories and cgroups' package=coreutils ;;
    ln) why='the script keeps its lock and record with it' package=coreutils ;;
    readlink) why='the script keeps its lock and record with it' package=coreutils ;;
    rm) why='the lab removes its record and files' package=coreutils ;;
    mv) why='this lab saves the state of a host interface it moves in' package=coreutils ;;
    date) why='the script keeps its lock and record with it' package=coreutils ;;
    touch) why='this lab keeps namespace files, and its record'\''s time of birth' package=coreutils ;;
    find) why='the script tells what the lab made from what it did not' package=findutils ;;
    timeout) why='this lab'\''s tests bound the life of a throwaway listener' package=coreutils ;;
    socat) why='this lab'\''s tcp and udp expectations are tested with it' package=socat ;;
    ping) why='this lab'\''s expectations are tested with ping, or the underlay between its machines checked' package=iputils-ping ;;
    *) why='this script runs it' package=$1 ;;
  esac
}