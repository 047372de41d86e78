#!/bin/sh
# Lab isolation: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/examples/isolation.otop
#   sha256    c9ca1a55e15d0d788a1bb6846ba8b0ff4f46b0a04cfcd93bfde2d7557b6f7f10
#   requires  ip nsenter sysctl mkdir mount tee touch unshare sh hostname sleep setsid env cat tail sed ss tr mountpoint stat umount rm rmdir ln readlink mv date find timeout socat
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
LAB='isolation'
SELF=${0##*/}
RUN_DIR=${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP='ip nsenter sysctl mkdir mount tee touch unshare sh hostname sleep setsid env cat tail sed ss tr mountpoint stat umount rm rmdir ln readlink mv date find'
NEED_DOWN='sh cat tr sed sleep ip mountpoint stat umount rm rmdir nsenter mkdir ln readlink find'
NEED_STATUS='ip nsenter'
NEED_TEST='nsenter sh ss mkdir setsid timeout socat sleep cat tr sed ln readlink rm date'
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=3
KIB_PER_NAMESPACE=320
SUMMARY='3 nodes, 1 switch, 2 links (47 operations)'
HELP='
Lab isolation: 3 nodes, 1 switch, 2 links (47 operations).
  up      create it (needs root and ip, nsenter, sysctl, mkdir, mount, tee, touch, unshare, sh, hostname, sleep, setsid, env, cat, tail, sed, ss, tr, mountpoint, stat, umount, rm, rmdir, ln, readlink, mv, date, find)
  down    remove everything it created; also after a failed or interrupted up
  status  its live state, and drift from its plan (exit status 1 on drift)
  exec    run a command inside a node (nsenter, sh)
  test    probe its expectations with real packets (needs root and nsenter, sh, ss, mkdir, setsid, timeout, socat, sleep, cat, tr, sed, ln, readlink, rm, date)
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
  # == stage 1 of 18: namespaces
  # create network namespace isolation  (examples/isolation.otop:18:5)
  # create network namespace isolation.router  (examples/isolation.otop:22:1)
  # create network namespace isolation.db  (examples/isolation.otop:32:1)
  tool_step '1/27, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add isolation
netns add isolation.router
netns add isolation.db
EOF
  # == stage 2 of 18: namespace sysctls
  # set net.ipv4.ip_forward = 1 in isolation.router  (examples/isolation.otop:23:3)
  # set net.ipv6.conf.all.forwarding = 1 in isolation.router  (examples/isolation.otop:23:3)
  # set net.ipv6.conf.default.accept_dad = 0 in isolation.router  (examples/isolation.otop:23:3)
  tool_step '2/27, namespace sysctls, in node router (isolation.router)' nsenter --net=/run/netns/isolation.router -- sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 || return 1
  # == stage 3 of 18: links
  # mark lo in isolation as opentop:isolation  (examples/isolation.otop:18:5)
  # create bridge lan in isolation  (examples/isolation.otop:20:1)
  # give lan in isolation no IPv6 link-local address  (examples/isolation.otop:20:1)
  # bring lan up in isolation  (examples/isolation.otop:20:1)
  # create veth pair router.eth0 (isolation) — eth0 (isolation.router)  (examples/isolation.otop:24:3)
  # give router.eth0 in isolation no IPv6 link-local address  (examples/isolation.otop:24:3)
  # create veth pair db.eth0 (isolation) — eth0 (isolation.db)  (examples/isolation.otop:35:3)
  # give db.eth0 in isolation no IPv6 link-local address  (examples/isolation.otop:35:3)
  tool_step '3/27, links, in the switches (isolation)' nsenter --net=/run/netns/isolation -- ip -batch - <<'EOF' || return 1
link set dev lo alias opentop:isolation
link add name lan type bridge
link set dev lan addrgenmode none
link set dev lan up
link add name router.eth0 index 9829555 master lan up type veth peer name eth0 netns isolation.router
link set dev router.eth0 addrgenmode none
link add name db.eth0 index 11825311 master lan up type veth peer name eth0 netns isolation.db
link set dev db.eth0 addrgenmode none
EOF
  # == stage 4 of 18: addresses and routes (its 2 steps side by side)
  up_4() {
    # mark lo in isolation.router as opentop:isolation:router  (examples/isolation.otop:22:1)
    # bring lo up in isolation.router  (examples/isolation.otop:22:1)
    # add 10.20.0.1/24 to eth0 in isolation.router  (examples/isolation.otop:24:15)
    # give eth0 in isolation.router no IPv6 link-local address  (examples/isolation.otop:24:3)
    # bring eth0 up in isolation.router  (examples/isolation.otop:24:3)
    tool_step '4/27, addresses and routes, in node router (isolation.router)' nsenter --net=/run/netns/isolation.router -- ip -batch - <<'EOF'
link set dev lo alias opentop:isolation:router
link set dev lo up
addr add 10.20.0.1/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
EOF
  }
  up_5() {
    # mark lo in isolation.db as opentop:isolation:db  (examples/isolation.otop:32:1)
    # bring lo up in isolation.db  (examples/isolation.otop:32:1)
    # add 10.20.0.10/24 to eth0 in isolation.db  (examples/isolation.otop:35:15)
    # give eth0 in isolation.db no IPv6 link-local address  (examples/isolation.otop:35:3)
    # bring eth0 up in isolation.db  (examples/isolation.otop:35:3)
    # route 0.0.0.0/0 via 10.20.0.1 in isolation.db  (examples/isolation.otop:36:3)
    tool_step '5/27, addresses and routes, in node db (isolation.db)' nsenter --net=/run/netns/isolation.db -- ip -batch - <<'EOF'
link set dev lo alias opentop:isolation:db
link set dev lo up
addr add 10.20.0.10/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
route add 0.0.0.0/0 via 10.20.0.1
EOF
  }
  at_once 4 5 || return 1
  # == stage 5 of 18: directories (its 2 steps side by side)
  up_6() {
    # create directories /run/opentop/isolation/ns, /run/opentop/isolation/services  (examples/isolation.otop:18:5)
    tool_step '6/27, directories, on the host' mkdir -p /run/opentop/isolation/ns /run/opentop/isolation/services
  }
  up_7() {
    # create cgroup /sys/fs/cgroup/opentop/isolation  (examples/isolation.otop:18:5)
    tool_step '7/27, directories, on the host' mkdir -p /sys/fs/cgroup/opentop/isolation
  }
  at_once 6 7 || return 1
  # == stage 6 of 18: namespace directory
  # make /run/opentop/isolation/ns a private mount to hold namespace files  (examples/isolation.otop:18:5)
  tool_step '8/27, namespace directory, on the host' mount --bind --make-private /run/opentop/isolation/ns /run/opentop/isolation/ns || return 1
  # == stage 7 of 18: cgroup controllers (1 of 2)
  # write +memory +cpu +pids to /sys/fs/cgroup/opentop/cgroup.subtree_control  (examples/isolation.otop:18:5)
  tool_step '9/27, cgroup controllers (1 of 2), on the host' tee /sys/fs/cgroup/opentop/cgroup.subtree_control <<'EOF' || return 1
+memory +cpu +pids
EOF
  # == stage 8 of 18: cgroup controllers (2 of 2)
  # write +memory +cpu +pids to /sys/fs/cgroup/opentop/isolation/cgroup.subtree_control  (examples/isolation.otop:18:5)
  tool_step '10/27, cgroup controllers (2 of 2), on the host' tee /sys/fs/cgroup/opentop/isolation/cgroup.subtree_control <<'EOF' || return 1
+memory +cpu +pids
EOF
  # == stage 9 of 18: node cgroups and namespace files (its 3 steps side by side)
  up_11() {
    # create the namespace files of node files  (examples/isolation.otop:27:1)
    tool_step '11/27, node cgroups and namespace files, on the host' touch /run/opentop/isolation/ns/files.mnt
  }
  up_12() {
    # create cgroup /sys/fs/cgroup/opentop/isolation/db  (examples/isolation.otop:32:1)
    tool_step '12/27, node cgroups and namespace files, on the host' mkdir -p /sys/fs/cgroup/opentop/isolation/db
  }
  up_13() {
    # create the namespace files of node db  (examples/isolation.otop:32:1)
    tool_step '13/27, node cgroups and namespace files, on the host' touch /run/opentop/isolation/ns/db.uts /run/opentop/isolation/ns/db.ipc /run/opentop/isolation/ns/db.cgroup /run/opentop/isolation/ns/db.pid /run/opentop/isolation/ns/db.mnt
  }
  at_once 11 13 || return 1
  # == stage 10 of 18: limits (its 4 steps side by side)
  up_14() {
    # write 268435456 to /sys/fs/cgroup/opentop/isolation/db/memory.max  (examples/isolation.otop:38:9)
    tool_step '14/27, limits, on the host' tee /sys/fs/cgroup/opentop/isolation/db/memory.max <<'EOF'
268435456
EOF
  }
  up_15() {
    # write 0 to /sys/fs/cgroup/opentop/isolation/db/memory.swap.max  (examples/isolation.otop:38:9)
    tool_step '15/27, limits, on the host' tee /sys/fs/cgroup/opentop/isolation/db/memory.swap.max <<'EOF'
0
EOF
  }
  up_16() {
    # write 50000 100000 to /sys/fs/cgroup/opentop/isolation/db/cpu.max  (examples/isolation.otop:38:21)
    tool_step '16/27, limits, on the host' tee /sys/fs/cgroup/opentop/isolation/db/cpu.max <<'EOF'
50000 100000
EOF
  }
  up_17() {
    # write 128 to /sys/fs/cgroup/opentop/isolation/db/pids.max  (examples/isolation.otop:38:29)
    tool_step '17/27, limits, on the host' tee /sys/fs/cgroup/opentop/isolation/db/pids.max <<'EOF'
128
EOF
  }
  at_once 14 17 || return 1
  # == stage 11 of 18: node namespaces (its 2 steps side by side)
  up_18() {
    # create the mount namespaces of node files  (examples/isolation.otop:27:1)
    tool_step '18/27, node namespaces, on the host' unshare --mount=/run/opentop/isolation/ns/files.mnt --propagation private -- true
  }
  up_19() {
    # create the uts, ipc, cgroup, mount namespaces of node db  (examples/isolation.otop:32:1)
    tool_step '19/27, node namespaces, on the host' sh -c 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"' opentop-join /sys/fs/cgroup/opentop/isolation/db/cgroup.procs -- unshare --uts=/run/opentop/isolation/ns/db.uts --ipc=/run/opentop/isolation/ns/db.ipc --cgroup=/run/opentop/isolation/ns/db.cgroup --mount=/run/opentop/isolation/ns/db.mnt --propagation private -- true
  }
  at_once 18 19 || return 1
  # == stage 12 of 18: hostnames
  # set the hostname of node db to db  (examples/isolation.otop:34:3)
  tool_step '20/27, hostnames, on the host' nsenter --uts=/run/opentop/isolation/ns/db.uts -- hostname db || return 1
  # == stage 13 of 18: mounts (1 of 2) (its 2 steps side by side)
  up_21() {
    # mount tmpfs on /mnt in node files  (examples/isolation.otop:29:3)
    tool_step '21/27, mounts (1 of 2), on the host' nsenter --mount=/run/opentop/isolation/ns/files.mnt -- mount -t tmpfs -o size=16777216 opentop:isolation:files /mnt
  }
  up_22() {
    # mount sysfs on /sys in node db  (examples/isolation.otop:32:1)
    tool_step '22/27, mounts (1 of 2), on the host' nsenter --net=/run/netns/isolation.db --mount=/run/opentop/isolation/ns/db.mnt -- mount -t sysfs opentop:isolation:db /sys
  }
  at_once 21 22 || return 1
  # == stage 14 of 18: mounts (2 of 2)
  # mount tmpfs on /var/tmp in node db  (examples/isolation.otop:37:3)
  tool_step '23/27, mounts (2 of 2), on the host' nsenter --mount=/run/opentop/isolation/ns/db.mnt -- mount -t tmpfs -o size=67108864 opentop:isolation:db /var/tmp || return 1
  # == stage 15 of 18: init processes
  # start the init of node db's pid namespace  (examples/isolation.otop:32:1)
  step '24/27, init processes, on the host' unshare --pid -- sh -c 'cd / || exit 125; log=$1 pidfile=$2 ns=$3; shift 3; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; "$@" </dev/null >>"$log" 2>&1 & echo $! > "$pidfile" && mount --bind /proc/$!/ns/pid "$ns" || { kill -KILL $!; exit 1; }' opentop-init /run/opentop/isolation/services/db.init.log /run/opentop/isolation/services/db.init.pid /run/opentop/isolation/ns/db.pid /sys/fs/cgroup/opentop/isolation/db/cgroup.procs -- nsenter --net=/run/netns/isolation.db --uts=/run/opentop/isolation/ns/db.uts --ipc=/run/opentop/isolation/ns/db.ipc --cgroup=/run/opentop/isolation/ns/db.cgroup --mount=/run/opentop/isolation/ns/db.mnt -- sh -c 'while :; do sleep 2147483647 & wait; done' opentop:isolation:db:init || return 1
  # == stage 16 of 18: /proc of pid namespaces
  # mount proc on /proc in node db  (examples/isolation.otop:32:1)
  tool_step '25/27, /proc of pid namespaces, on the host' nsenter --pid=/run/opentop/isolation/ns/db.pid --mount=/run/opentop/isolation/ns/db.mnt -- mount -t proc opentop:isolation:db /proc || return 1
  # == stage 17 of 18: services
  # start service web in node db  (examples/isolation.otop:39:3)
  step '26/27, services, on the host' sh -c 'cd / || exit 125; log=$1 pidfile=$2; rm -f "$3" || exit 125; shift 3; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; setsid "$@" </dev/null >>"$log" 2>&1 & echo $! > "$pidfile" || { kill -KILL $!; exit 1; }' opentop-start /run/opentop/isolation/services/db.web.log /run/opentop/isolation/services/db.web.pid /run/opentop/isolation/services/db.web.status /sys/fs/cgroup/opentop/isolation/db/cgroup.procs -- sh -c 'status=$1; shift; "$@"; echo $? > "$status"' opentop:isolation:db:web /run/opentop/isolation/services/db.web.status env OPENTOP_LAB=isolation OPENTOP_NODE=db OPENTOP_SERVICE=web nsenter --net=/run/netns/isolation.db --uts=/run/opentop/isolation/ns/db.uts --ipc=/run/opentop/isolation/ns/db.ipc --cgroup=/run/opentop/isolation/ns/db.cgroup --pid=/run/opentop/isolation/ns/db.pid --mount=/run/opentop/isolation/ns/db.mnt -- sh -c 'exec python3 -m http.server 8080 --bind 10.20.0.10 --directory /var/tmp' || return 1
  # == stage 18 of 18: readiness
  # wait until service web of node db listens on tcp 8080  (examples/isolation.otop:39:3)
  step '27/27, readiness, in node db (isolation.db)' nsenter --net=/run/netns/isolation.db -- sh -c 'pidfile=$1 status=$2 log=$3 t=$4 kind=$5 port=$6; shift 6; [ "${1-}" != -- ] || shift; fail() { echo "$1" >&2; tail -n 10 "$log" 2>/dev/null | sed "s/^/log: /" >&2; exit 1; }; f=-t; [ "$kind" = udp ] && f=-u; ready() { case $kind in tcp|udp) [ -n "$(ss -Hln $f "sport = :$port")" ];; command) "$@" >/dev/null 2>&1 </dev/null;; *) [ $i -ge 3 ];; esac; }; i=0; while :; do if [ -s "$status" ]; then code=$(cat "$status"); [ "$code" = 0 ] && [ "$kind" = started ] && exit 0; fail "it exited with status $code"; fi; pid=$(cat "$pidfile" 2>/dev/null); if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then [ -s "$status" ] && continue; fail "it is gone"; fi; if ready "$@"; then exit 0; fi; [ $i -ge $((t * 10)) ] && fail "it is not ready after $t s"; sleep 0.1; i=$((i+1)); done' opentop-ready /run/opentop/isolation/services/db.web.pid /run/opentop/isolation/services/db.web.status /run/opentop/isolation/services/db.web.log 30 tcp 8080 || return 1
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
  # stop service web of node db
  if true; then
    removed=$((removed + 1))
    sh -c 'pid=$(cat "$1" 2>/dev/null) || exit 0; mark=$2 grace=$3 mode=$4; case $pid in ""|*[!0-9]*) exit 0;; esac; a=$(tr "\0" "\n" < /proc/$pid/cmdline 2>/dev/null); if [ -n "$a" ]; then [ "$(printf "%s\n" "$a" | sed -n 4p)" = "$mark" ] || exit 0; elif [ "$mode" != group ]; then exit 0; fi; alive() { for f in /proc/[0-9]*/stat; do read -r l 2>/dev/null < "$f" || continue; set -- ${l##*) }; [ "$1" != Z ] || continue; if [ "$mode" = group ]; then [ "$3" = "$pid" ] && return 0; else [ "$f" = "/proc/$pid/stat" ] && return 0; fi; done; return 1; }; t=$pid; [ "$mode" = group ] && t=-$pid; kill -TERM $t 2>/dev/null || exit 0; i=0; while alive; do [ $i -eq $grace ] && kill -KILL $t 2>/dev/null; [ $i -ge $((grace + 50)) ] && { echo "process $pid did not stop" >&2; exit 1; }; sleep 0.1; i=$((i+1)); done' opentop-stop /run/opentop/isolation/services/db.web.pid opentop:isolation:db:web 50 group || ok=1
  fi
  # stop the init of node db (and with it every process in its pid namespace)
  if true; then
    removed=$((removed + 1))
    sh -c 'pid=$(cat "$1" 2>/dev/null) || exit 0; mark=$2 grace=$3 mode=$4; case $pid in ""|*[!0-9]*) exit 0;; esac; a=$(tr "\0" "\n" < /proc/$pid/cmdline 2>/dev/null); if [ -n "$a" ]; then [ "$(printf "%s\n" "$a" | sed -n 4p)" = "$mark" ] || exit 0; elif [ "$mode" != group ]; then exit 0; fi; alive() { for f in /proc/[0-9]*/stat; do read -r l 2>/dev/null < "$f" || continue; set -- ${l##*) }; [ "$1" != Z ] || continue; if [ "$mode" = group ]; then [ "$3" = "$pid" ] && return 0; else [ "$f" = "/proc/$pid/stat" ] && return 0; fi; done; return 1; }; t=$pid; [ "$mode" = group ] && t=-$pid; kill -TERM $t 2>/dev/null || exit 0; i=0; while alive; do [ $i -eq $grace ] && kill -KILL $t 2>/dev/null; [ $i -ge $((grace + 50)) ] && { echo "process $pid did not stop" >&2; exit 1; }; sleep 0.1; i=$((i+1)); done' opentop-stop /run/opentop/isolation/services/db.init.pid opentop:isolation:db:init 0 process || ok=1
  fi
  # delete network namespace isolation.db and everything in it
  if ns_ours isolation.db opentop:isolation:db; then owned=$((owned + 1)); queue 'netns del isolation.db'; fi
  # delete network namespace isolation.router and everything in it
  if ns_ours isolation.router opentop:isolation:router; then owned=$((owned + 1)); queue 'netns del isolation.router'; fi
  # delete network namespace isolation and everything in it
  if ns_ours isolation opentop:isolation; then owned=$((owned + 1)); queue 'netns del isolation'; fi
  flush ip -force -batch - || ok=1
  # release the namespaces of node db
  if true; then
    removed=$((removed + 1))
    sh -c 'for f; do while mountpoint -q "$f" && [ "$(stat -f -c %T "$f")" = nsfs ]; do umount "$f" || exit 1; done; mountpoint -q "$f" || rm -f "$f"; done' opentop-ns-release /run/opentop/isolation/ns/db.uts /run/opentop/isolation/ns/db.ipc /run/opentop/isolation/ns/db.cgroup /run/opentop/isolation/ns/db.pid /run/opentop/isolation/ns/db.mnt || ok=1
  fi
  # release the namespaces of node files
  if true; then
    removed=$((removed + 1))
    sh -c 'for f; do while mountpoint -q "$f" && [ "$(stat -f -c %T "$f")" = nsfs ]; do umount "$f" || exit 1; done; mountpoint -q "$f" || rm -f "$f"; done' opentop-ns-release /run/opentop/isolation/ns/files.mnt || ok=1
  fi
  # remove cgroup /sys/fs/cgroup/opentop/isolation/db (killing what still runs in it)
  if true; then
    removed=$((removed + 1))
    if [ "$proved" = 1 ]; then
      sh -c 'd=$1; [ -d "$d" ] || exit 0; case $d in */opentop/*) ;; *) exit 1 ;; esac; case $(stat -f -c %T "$d") in cgroup2fs | cgroupfs) ;; *) echo "$d is not a cgroup" >&2; exit 1 ;; esac; mountpoint -q "${d%/opentop/*}" || { echo "$d is not below the root of a cgroup hierarchy" >&2; exit 1; }; [ ! -e "$d/cgroup.kill" ] || echo 1 > "$d/cgroup.kill"; i=0; while p=$(cat "$d/cgroup.procs") && [ -n "$p" ]; do [ $i -ge 50 ] && { echo "cgroup $d still holds processes $p" >&2; exit 1; }; kill -KILL $p 2>/dev/null; sleep 0.1; i=$((i+1)); done; rmdir "$d"' opentop-cgroup-del /sys/fs/cgroup/opentop/isolation/db || ok=1
    else # without a record of this plan: remove cgroup /sys/fs/cgroup/opentop/isolation/db if it is empty (found by its name: what runs in it is not killed)
      sh -c '[ ! -d "$1" ] || rmdir "$1"' opentop-cgroup-rmdir /sys/fs/cgroup/opentop/isolation/db || ok=1
    fi
  fi
  # unmount and remove /run/opentop/isolation/ns
  if true; then
    removed=$((removed + 1))
    sh -c 'while mountpoint -q "$1" && [ "$(stat -c %d "$1")" = "$(stat -c %d "$1/..")" ]; do umount "$1" || exit 1; done; mountpoint -q "$1" || [ ! -d "$1" ] || rmdir "$1"' opentop-nsdir-del /run/opentop/isolation/ns || ok=1
  fi
  # remove cgroup /sys/fs/cgroup/opentop/isolation (killing what still runs in it)
  if true; then
    removed=$((removed + 1))
    if [ "$proved" = 1 ]; then
      sh -c 'd=$1; [ -d "$d" ] || exit 0; case $d in */opentop/*) ;; *) exit 1 ;; esac; case $(stat -f -c %T "$d") in cgroup2fs | cgroupfs) ;; *) echo "$d is not a cgroup" >&2; exit 1 ;; esac; mountpoint -q "${d%/opentop/*}" || { echo "$d is not below the root of a cgroup hierarchy" >&2; exit 1; }; [ ! -e "$d/cgroup.kill" ] || echo 1 > "$d/cgroup.kill"; i=0; while p=$(cat "$d/cgroup.procs") && [ -n "$p" ]; do [ $i -ge 50 ] && { echo "cgroup $d still holds processes $p" >&2; exit 1; }; kill -KILL $p 2>/dev/null; sleep 0.1; i=$((i+1)); done; rmdir "$d"' opentop-cgroup-del /sys/fs/cgroup/opentop/isolation || ok=1
    else # without a record of this plan: remove cgroup /sys/fs/cgroup/opentop/isolation if it is empty (found by its name: what runs in it is not killed)
      sh -c '[ ! -d "$1" ] || rmdir "$1"' opentop-cgroup-rmdir /sys/fs/cgroup/opentop/isolation || ok=1
    fi
  fi
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/isolation ]; then left="$left"'  netns isolation'"$NL"; fi
  if [ -e /run/netns/isolation.router ]; then left="$left"'  netns isolation.router'"$NL"; fi
  if [ -e /run/netns/isolation.db ]; then left="$left"'  netns isolation.db'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/isolation && found=0
  taken_netns /run/netns/isolation.router && found=0
  taken_netns /run/netns/isolation.db && found=0
  taken_cgroup /sys/fs/cgroup/opentop/isolation && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge
EOF
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (examples/isolation.otop:20:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/isolation.otop:24:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (examples/isolation.otop:35:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:isolation 2:isolation.router 3:isolation.db
)

ns_1() { look 'the switches (isolation)' isolation links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface lan'
  [ "${seen_3-}" = 1 ] || drift missing 'interface router.eth0'
  [ "${seen_4-}" = 1 ] || drift missing 'interface db.eth0'
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
    db.eth0) seen_4=1; want_link up master lan ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node router (isolation.router)' isolation.router links_2; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr eth0 10.20.0.1/24
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

ns_3() { look 'node db (isolation.db)' isolation.db links_3 1; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr eth0 10.20.0.10/24
  else
    drift missing 'interface eth0'
  fi
  [ "${rseen_1-}" = 3 ] || drift missing 'route 0.0.0.0/0 via 10.20.0.1'
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
      ! route_is '' 10.20.0.1 '' || { rseen_1=3; is=0; }
      ;;
  esac
  return $is
}

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    router) enter nsenter --net=/run/netns/isolation.router -- "$@" ;;
    files) enter nsenter --mount=/run/opentop/isolation/ns/files.mnt -- "$@" ;;
    db) enter sh -c 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"' opentop-join /sys/fs/cgroup/opentop/isolation/db/cgroup.procs -- nsenter --net=/run/netns/isolation.db --uts=/run/opentop/isolation/ns/db.uts --ipc=/run/opentop/isolation/ns/db.ipc --cgroup=/run/opentop/isolation/ns/db.cgroup --pid=/run/opentop/isolation/ns/db.pid --mount=/run/opentop/isolation/ns/db.mnt -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are router, files, db'
      return 1
      ;;
  esac
}

# ---- test: the expectations with real packets (as `opentop test`) -------------------

SH_LISTEN='pidfile=$1 mark=$2 life=$3 proto=$4 family=$5 addr=$6 port=$7; f=-t; [ "$proto" = udp ] && f=-u; listening() { ss -Hln $f "sport = :$port" | { while read -r _ _ _ l _; do case ${l%:*} in "*"|0.0.0.0|"[::]"|"$addr"|"[$addr]") exit 3;; esac; done; exit 0; }; [ $? = 3 ]; }; if listening; then echo present; exit 0; fi; b=$addr; [ "$family" = 6 ] && b="[$addr]"; case $proto in tcp) l=TCP$family-LISTEN:$port,bind=$b,reuseaddr,fork r=/dev/null;; *) l=UDP$family-RECVFROM:$port,bind=$b,fork r=PIPE;; esac; mkdir -p "${pidfile%/*}" || exit 1; setsid sh -c '\''timeout --foreground "$@"; exit 0'\'' "$mark" "$life" socat "$l" "$r" </dev/null >/dev/null 2>&1 & pid=$!; echo "$pid" > "$pidfile" || { kill -KILL "$pid"; exit 1; }; i=0; until listening; do kill -0 "$pid" 2>/dev/null || { echo "socat could not listen on $b:$port" >&2; exit 1; }; [ $i -ge 100 ] && { echo "nothing listens on $b:$port after 5 s" >&2; exit 1; }; sleep 0.05; i=$((i+1)); done; echo started'
SH_PROBE='proto=$1 family=$2 dst=$3 port=$4 src=$5 t=$6; a=$dst b=$src; [ "$family" = 6 ] && a="[$dst]" b="[$src]"; case $proto in icmp) set -- ping -n -"$family" -c 1 -i 0.2 -w "$t"; [ -z "$src" ] || set -- "$@" -I "$src"; out=$(LC_ALL=C "$@" "$dst" 2>&1) && { echo reached; exit 0; };; tcp) o=connect-timeout=$t; [ -z "$src" ] || o=$o,bind=$b; out=$(LC_ALL=C socat -T "$t" /dev/null "TCP$family:$a:$port,$o" 2>&1) && { echo reached; exit 0; };; udp) o=readbytes=1; [ -z "$src" ] || o=$o,bind=$b; out=$(echo opentop | LC_ALL=C socat -t "$t" -T "$t" - "UDP$family:$a:$port,$o" 2>&1); case $out in "") echo timeout; exit 0;; *" E "*) ;; *) echo reached; exit 0;; esac;; *) echo "error unknown protocol $proto"; exit 0;; esac; case $out in *"Connection refused"*|*"Port Unreachable"*|*"Port unreachable"*|*"Packet filtered"*|*rohibited*|*"not permitted"*) echo refused;; *nreachable*|*"No route"*|*"Time to live exceeded"*|*"Hop limit"*) echo unreachable;; *"timed out"*|*" 0 received"*) echo timeout;; *) printf "error %s\n" "$(printf "%s" "$out" | tr "\n" " ")";; esac'
SH_STOP='pid=$(cat "$1" 2>/dev/null) || exit 0; mark=$2 grace=$3 mode=$4; case $pid in ""|*[!0-9]*) exit 0;; esac; a=$(tr "\0" "\n" < /proc/$pid/cmdline 2>/dev/null); if [ -n "$a" ]; then [ "$(printf "%s\n" "$a" | sed -n 4p)" = "$mark" ] || exit 0; elif [ "$mode" != group ]; then exit 0; fi; alive() { for f in /proc/[0-9]*/stat; do read -r l 2>/dev/null < "$f" || continue; set -- ${l##*) }; [ "$1" != Z ] || continue; if [ "$mode" = group ]; then [ "$3" = "$pid" ] && return 0; else [ "$f" = "/proc/$pid/stat" ] && return 0; fi; done; return 1; }; t=$pid; [ "$mode" = group ] && t=-$pid; kill -TERM $t 2>/dev/null || exit 0; i=0; while alive; do [ $i -eq $grace ] && kill -KILL $t 2>/dev/null; [ $i -ge $((grace + 50)) ] && { echo "process $pid did not stop" >&2; exit 1; }; sleep 0.1; i=$((i+1)); done'

test_plan() {
  # listen on tcp 10.20.0.10:8080 in node db, unless something does
  listener 1 nsenter --net=/run/netns/isolation.db -- sh -c "$SH_LISTEN" opentop-listen /run/opentop/isolation/probes/db.tcp.10.20.0.10.8080.pid opentop:isolation:db:listen-tcp-8080-1 63 tcp 4 10.20.0.10 8080
  # probe tcp 10.20.0.10:8080 from node router
  run_probe 2 nsenter --net=/run/netns/isolation.router -- sh -c "$SH_PROBE" opentop-probe tcp 4 10.20.0.10 8080 '' 2
  wait
  stop_listeners
}

stop_listeners() {
  # stop the listener on tcp 10.20.0.10 port 8080 in node db
  stop_listener 1 sh -c "$SH_STOP" opentop-stop /run/opentop/isolation/probes/db.tcp.10.20.0.10.8080.pid opentop:isolation:db:listen-tcp-8080-1 10 group
  :
}

TEST_WIDTH=21
test_rows() {
  row 'router -> db tcp 8080' 4 reach reaches 'through router → db' 2 1
}

# plan_text: what `up` runs, as `opentop plan` prints it.
plan_text() {
  printf '%s\n' '# lab isolation: up, 47 operations in 27 processes

# stage 1: namespaces
ip -batch -
    netns add isolation         # examples/isolation.otop:18:5
    netns add isolation.router  # examples/isolation.otop:22:1
    netns add isolation.db      # examples/isolation.otop:32:1

# stage 2: namespace sysctls
nsenter --net=/run/netns/isolation.router -- sysctl -q -w …
    net.ipv4.ip_forward=1               # examples/isolation.otop:23:3
    net.ipv6.conf.all.forwarding=1      # examples/isolation.otop:23:3
    net.ipv6.conf.default.accept_dad=0  # examples/isolation.otop:23:3

# stage 3: links
nsenter --net=/run/netns/isolation -- ip -batch -
    link set dev lo alias opentop:isolation                                                                # examples/isolation.otop:18:5
    link add name lan type bridge                                                                          # examples/isolation.otop:20:1
    link set dev lan addrgenmode none                                                                      # examples/isolation.otop:20:1
    link set dev lan up                                                                                    # examples/isolation.otop:20:1
    link add name router.eth0 index 9829555 master lan up type veth peer name eth0 netns isolation.router  # examples/isolation.otop:24:3
    link set dev router.eth0 addrgenmode none                                                              # examples/isolation.otop:24:3
    link add name db.eth0 index 11825311 master lan up type veth peer name eth0 netns isolation.db         # examples/isolation.otop:35:3
    link set dev db.eth0 addrgenmode none                                                                  # examples/isolation.otop:35:3

# stage 4: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/isolation.router -- ip -batch -
    link set dev lo alias opentop:isolation:router  # examples/isolation.otop:22:1
    link set dev lo up                              # examples/isolation.otop:22:1
    addr add 10.20.0.1/24 dev eth0                  # examples/isolation.otop:24:15
    link set dev eth0 addrgenmode none              # examples/isolation.otop:24:3
    link set dev eth0 up                            # examples/isolation.otop:24:3
nsenter --net=/run/netns/isolation.db -- ip -batch -
    link set dev lo alias opentop:isolation:db  # examples/isolation.otop:32:1
    link set dev lo up                          # examples/isolation.otop:32:1
    addr add 10.20.0.10/24 dev eth0             # examples/isolation.otop:35:15
    link set dev eth0 addrgenmode none          # examples/isolation.otop:35:3
    link set dev eth0 up                        # examples/isolation.otop:35:3
    route add 0.0.0.0/0 via 10.20.0.1           # examples/isolation.otop:36:3

# stage 5: directories (steps run concurrently)
mkdir -p /run/opentop/isolation/ns /run/opentop/isolation/services
    # create directories /run/opentop/isolation/ns, /run/opentop/isolation/services  (examples/isolation.otop:18:5)
mkdir -p /sys/fs/cgroup/opentop/isolation
    # create cgroup /sys/fs/cgroup/opentop/isolation  (examples/isolation.otop:18:5)

# stage 6: namespace directory
mount --bind --make-private /run/opentop/isolation/ns /run/opentop/isolation/ns
    # make /run/opentop/isolation/ns a private mount to hold namespace files  (examples/isolation.otop:18:5)

# stage 7: cgroup controllers (1 of 2)
tee /sys/fs/cgroup/opentop/cgroup.subtree_control
    <<< +memory +cpu +pids
    # write +memory +cpu +pids to /sys/fs/cgroup/opentop/cgroup.subtree_control  (examples/isolation.otop:18:5)

# stage 8: cgroup controllers (2 of 2)
tee /sys/fs/cgroup/opentop/isolation/cgroup.subtree_control
    <<< +memory +cpu +pids
    # write +memory +cpu +pids to /sys/fs/cgroup/opentop/isolation/cgroup.subtree_control  (examples/isolation.otop:18:5)

# stage 9: node cgroups and namespace files (steps run concurrently)
touch /run/opentop/isolation/ns/files.mnt
    # create the namespace files of node files  (examples/isolation.otop:27:1)
mkdir -p /sys/fs/cgroup/opentop/isolation/db
    # create cgroup /sys/fs/cgroup/opentop/isolation/db  (examples/isolation.otop:32:1)
touch /run/opentop/isolation/ns/db.uts /run/opentop/isolation/ns/db.ipc /run/opentop/isolation/ns/db.cgroup /run/opentop/isolation/ns/db.pid /run/opentop/isolation/ns/db.mnt
    # create the namespace files of node db  (examples/isolation.otop:32:1)

# stage 10: limits (steps run concurrently)
tee /sys/fs/cgroup/opentop/isolation/db/memory.max
    <<< 268435456
    # write 268435456 to /sys/fs/cgroup/opentop/isolation/db/memory.max  (examples/isolation.otop:38:9)
tee /sys/fs/cgroup/opentop/isolation/db/memory.swap.max
    <<< 0
    # write 0 to /sys/fs/cgroup/opentop/isolation/db/memory.swap.max  (examples/isolation.otop:38:9)
tee /sys/fs/cgroup/opentop/isolation/db/cpu.max
    <<< 50000 100000
    # write 50000 100000 to /sys/fs/cgroup/opentop/isolation/db/cpu.max  (examples/isolation.otop:38:21)
tee /sys/fs/cgroup/opentop/isolation/db/pids.max
    <<< 128
    # write 128 to /sys/fs/cgroup/opentop/isolation/db/pids.max  (examples/isolation.otop:38:29)

# stage 11: node namespaces (steps run concurrently)
unshare --mount=/run/opentop/isolation/ns/files.mnt --propagation private -- true
    # create the mount namespaces of node files  (examples/isolation.otop:27:1)
sh -c <join> opentop-join /sys/fs/cgroup/opentop/isolation/db/cgroup.procs -- unshare --uts=/run/opentop/isolation/ns/db.uts --ipc=/run/opentop/isolation/ns/db.ipc --cgroup=/run/opentop/isolation/ns/db.cgroup --mount=/run/opentop/isolation/ns/db.mnt --propagation private -- true
    # create the uts, ipc, cgroup, mount namespaces of node db  (examples/isolation.otop:32:1)

# stage 12: hostnames
nsenter --uts=/run/opentop/isolation/ns/db.uts -- hostname db
    # set the hostname of node db to db  (examples/isolation.otop:34:3)

# stage 13: mounts (1 of 2) (steps run concurrently)
nsenter --mount=/run/opentop/isolation/ns/files.mnt -- mount -t tmpfs -o size=16777216 opentop:isolation:files /mnt
    # mount tmpfs on /mnt in node files  (examples/isolation.otop:29:3)
nsenter --net=/run/netns/isolation.db --mount=/run/opentop/isolation/ns/db.mnt -- mount -t sysfs opentop:isolation:db /sys
    # mount sysfs on /sys in node db  (examples/isolation.otop:32:1)

# stage 14: mounts (2 of 2)
nsenter --mount=/run/opentop/isolation/ns/db.mnt -- mount -t tmpfs -o size=67108864 opentop:isolation:db /var/tmp
    # mount tmpfs on /var/tmp in node db  (examples/isolation.otop:37:3)

# stage 15: init processes
unshare --pid -- sh -c <start-init> opentop-init /run/opentop/isolation/services/db.init.log /run/opentop/isolation/services/db.init.pid /run/opentop/isolation/ns/db.pid /sys/fs/cgroup/opentop/isolation/db/cgroup.procs -- nsenter --net=/run/netns/isolation.db --uts=/run/opentop/isolation/ns/db.uts --ipc=/run/opentop/isolation/ns/db.ipc --cgroup=/run/opentop/isolation/ns/db.cgroup --mount=/run/opentop/isolation/ns/db.mnt -- sh -c <init> opentop:isolation:db:init
    # start the init of node db'\''s pid namespace  (examples/isolation.otop:32:1)

# stage 16: /proc of pid namespaces
nsenter --pid=/run/opentop/isolation/ns/db.pid --mount=/run/opentop/isolation/ns/db.mnt -- mount -t proc opentop:isolation:db /proc
    # mount proc on /proc in node db  (examples/isolation.otop:32:1)

# stage 17: services
sh -c <start-service> opentop-start /run/opentop/isolation/services/db.web.log /run/opentop/isolation/services/db.web.pid /run/opentop/isolation/services/db.web.status /sys/fs/cgroup/opentop/isolation/db/cgroup.procs -- sh -c <service-wrapper> opentop:isolation:db:web /run/opentop/isolation/services/db.web.status env OPENTOP_LAB=isolation OPENTOP_NODE=db OPENTOP_SERVICE=web nsenter --net=/run/netns/isolation.db --uts=/run/opentop/isolation/ns/db.uts --ipc=/run/opentop/isolation/ns/db.ipc --cgroup=/run/opentop/isolation/ns/db.cgroup --pid=/run/opentop/isolation/ns/db.pid --mount=/run/opentop/isolation/ns/db.mnt -- sh -c '\''exec python3 -m http.server 8080 --bind 10.20.0.10 --directory /var/tmp'\''
    # start service web in node db  (examples/isolation.otop:39:3)

# stage 18: readiness
nsenter --net=/run/netns/isolation.db -- sh -c <ready> opentop-ready /run/opentop/isolation/services/db.web.pid /run/opentop/isolation/services/db.web.status /run/opentop/isolation/services/db.web.log 30 tcp 8080
    # wait until service web of node db listens on tcp 8080  (examples/isolation.otop:39:3)

# the sh programs above, shown as <NAME> (src/plan/snippets.ts):
#   <join> = while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"
#   <start-service> = cd / || exit 125; log=$1 pidfile=$2; rm -f "$3" || exit 125; shift 3; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; setsid "$@" </dev/null >>"$log" 2>&1 & echo $! > "$pidfile" || { kill -KILL $!; exit 1; }
#   <service-wrapper> = status=$1; shift; "$@"; echo $? > "$status"
#   <start-init> = cd / || exit 125; log=$1 pidfile=$2 ns=$3; shift 3; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; "$@" </dev/null >>"$log" 2>&1 & echo $! > "$pidfile" && mount --bind /proc/$!/ns/pid "$ns" || { kill -KILL $!; exit 1; }
#   <init> = while :; do sleep 2147483647 & wait; done
#   <ready> = pidfile=$1 status=$2 log=$3 t=$4 kind=$5 port=$6; shift 6; [ "${1-}" != -- ] || shift; fail() { echo "$1" >&2; tail -n 10 "$log" 2>/dev/null | sed "s/^/log: /" >&2; exit 1; }; f=-t; [ "$kind" = udp ] && f=-u; ready() { case $kind in tcp|udp) [ -n "$(ss -Hln $f "sport = :$port")" ];; command) "$@" >/dev/null 2>&1 </dev/null;; *) [ $i -ge 3 ];; esac; }; i=0; while :; do if [ -s "$status" ]; then code=$(cat "$status"); [ "$code" = 0 ] && [ "$kind" = started ] && exit 0; fail "it exited with status $code"; fi; pid=$(cat "$pidfile" 2>/dev/null); if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then [ -s "$status" ] && continue; fail "it is gone"; fi; if ready "$@"; then exit 0; fi; [ $i -ge $((t * 10)) ] && fail "it is not ready after $t s"; sleep 0.1; i=$((i+1)); done'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "isolation",
 "file": "/ROOT/examples/isolation.otop",
 "hash": "c9ca1a55e15d0d788a1bb6846ba8b0ff4f46b0a04cfcd93bfde2d7557b6f7f10",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["router","files","db"],
 "switches": ["lan"],
 "plan": "e16f62902241a80a6104c26f14df3531d23c5eecad5230faef87c421688d475d",
 "owned": [
  {"kind":"netns","name":"isolation"},
  {"kind":"netns","name":"isolation.router","node":"router"},
  {"kind":"netns","name":"isolation.db","node":"db"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"isolation"},"origin":"examples/isolation.otop:18:5"},
  {"op":{"kind":"netns.add","name":"isolation.router","node":"router"},"origin":"examples/isolation.otop:22:1"},
  {"op":{"kind":"netns.add","name":"isolation.db","node":"db"},"origin":"examples/isolation.otop:32:1"},
  {"op":{"kind":"sysctl.set","ns":"isolation.router","key":"net.ipv4.ip_forward","value":"1"},"origin":"examples/isolation.otop:23:3"},
  {"op":{"kind":"sysctl.set","ns":"isolation.router","key":"net.ipv6.conf.all.forwarding","value":"1"},"origin":"examples/isolation.otop:23:3"},
  {"op":{"kind":"sysctl.set","ns":"isolation.router","key":"net.ipv6.conf.default.accept_dad","value":"0"},"origin":"examples/isolation.otop:23:3"},
  {"op":{"kind":"link.alias","ns":"isolation","dev":"lo","alias":"opentop:isolation"},"origin":"examples/isolation.otop:18:5"},
  {"op":{"kind":"bridge.add","ns":"isolation","name":"lan"},"origin":"examples/isolation.otop:20:1"},
  {"op":{"kind":"link.nolinklocal","ns":"isolation","dev":"lan"},"origin":"examples/isolation.otop:20:1"},
  {"op":{"kind":"link.up","ns":"isolation","dev":"lan"},"origin":"examples/isolation.otop:20:1"},
  {"op":{"kind":"veth.add","ns":"isolation","a":{"ns":"isolation","name":"router.eth0","index":9829555,"master":"lan"},"b":{"ns":"isolation.router","name":"eth0"}},"origin":"examples/isolation.otop:24:3"},
  {"op":{"kind":"link.nolinklocal","ns":"isolation","dev":"router.eth0"},"origin":"examples/isolation.otop:24:3"},
  {"op":{"kind":"veth.add","ns":"isolation","a":{"ns":"isolation","name":"db.eth0","index":11825311,"master":"lan"},"b":{"ns":"isolation.db","name":"eth0"}},"origin":"examples/isolation.otop:35:3"},
  {"op":{"kind":"link.nolinklocal","ns":"isolation","dev":"db.eth0"},"origin":"examples/isolation.otop:35:3"},
  {"op":{"kind":"link.alias","ns":"isolation.router","dev":"lo","alias":"opentop:isolation:router"},"origin":"examples/isolation.otop:22:1"},
  {"op":{"kind":"link.up","ns":"isolation.router","dev":"lo"},"origin":"examples/isolation.otop:22:1"},
  {"op":{"kind":"addr.add","ns":"isolation.router","dev":"eth0","cidr":"10.20.0.1/24","family":4},"origin":"examples/isolation.otop:24:15"},
  {"op":{"kind":"link.nolinklocal","ns":"isolation.router","dev":"eth0"},"origin":"examples/isolation.otop:24:3"},
  {"op":{"kind":"link.up","ns":"isolation.router","dev":"eth0"},"origin":"examples/isolation.otop:24:3"},
  {"op":{"kind":"link.alias","ns":"isolation.db","dev":"lo","alias":"opentop:isolation:db"},"origin":"examples/isolation.otop:32:1"},
  {"op":{"kind":"link.up","ns":"isolation.db","dev":"lo"},"origin":"examples/isolation.otop:32:1"},
  {"op":{"kind":"addr.add","ns":"isolation.db","dev":"eth0","cidr":"10.20.0.10/24","family":4},"origin":"examples/isolation.otop:35:15"},
  {"op":{"kind":"link.nolinklocal","ns":"isolation.db","dev":"eth0"},"origin":"examples/isolation.otop:35:3"},
  {"op":{"kind":"link.up","ns":"isolation.db","dev":"eth0"},"origin":"examples/isolation.otop:35:3"},
  {"op":{"kind":"route.add","ns":"isolation.db","family":4,"destination":"0.0.0.0/0","via":"10.20.0.1"},"origin":"examples/isolation.otop:36:3"},
  {"op":{"kind":"dir.add","paths":["/run/opentop/isolation/ns","/run/opentop/isolation/services"]},"origin":"examples/isolation.otop:18:5"},
  {"op":{"kind":"cgroup.add","path":"/sys/fs/cgroup/opentop/isolation","scope":"lab"},"origin":"examples/isolation.otop:18:5"},
  {"op":{"kind":"nsdir.add","path":"/run/opentop/isolation/ns"},"origin":"examples/isolation.otop:18:5"},
  {"op":{"kind":"cgroup.set","file":"/sys/fs/cgroup/opentop/cgroup.subtree_control","value":"+memory +cpu +pids"},"origin":"examples/isolation.otop:18:5"},
  {"op":{"kind":"cgroup.set","file":"/sys/fs/cgroup/opentop/isolation/cgroup.subtree_control","value":"+memory +cpu +pids"},"origin":"examples/isolation.otop:18:5"},
  {"op":{"kind":"ns.files","node":"files","paths":["/run/opentop/isolation/ns/files.mnt"]},"origin":"examples/isolation.otop:27:1"},
  {"op":{"kind":"cgroup.add","path":"/sys/fs/cgroup/opentop/isolation/db","scope":"node"},"origin":"examples/isolation.otop:32:1"},
  {"op":{"kind":"ns.files","node":"db","paths":["/run/opentop/isolation/ns/db.uts","/run/opentop/isolation/ns/db.ipc","/run/opentop/isolation/ns/db.cgroup","/run/opentop/isolation/ns/db.pid","/run/opentop/isolation/ns/db.mnt"]},"origin":"examples/isolation.otop:32:1"},
  {"op":{"kind":"cgroup.set","file":"/sys/fs/cgroup/opentop/isolation/db/memory.max","value":"268435456"},"origin":"examples/isolation.otop:38:9"},
  {"op":{"kind":"cgroup.set","file":"/sys/fs/cgroup/opentop/isolation/db/memory.swap.max","value":"0"},"origin":"examples/isolation.otop:38:9"},
  {"op":{"kind":"cgroup.set","file":"/sys/fs/cgroup/opentop/isolation/db/cpu.max","value":"50000 100000"},"origin":"examples/isolation.otop:38:21"},
  {"op":{"kind":"cgroup.set","file":"/sys/fs/cgroup/opentop/isolation/db/pids.max","value":"128"},"origin":"examples/isolation.otop:38:29"},
  {"op":{"kind":"ns.create","node":"files","mnt":"/run/opentop/isolation/ns/files.mnt","join":[],"release":["/run/opentop/isolation/ns/files.mnt"]},"origin":"examples/isolation.otop:27:1"},
  {"op":{"kind":"ns.create","node":"db","uts":"/run/opentop/isolation/ns/db.uts","ipc":"/run/opentop/isolation/ns/db.ipc","cgroup":"/run/opentop/isolation/ns/db.cgroup","mnt":"/run/opentop/isolation/ns/db.mnt","join":["/sys/fs/cgroup/opentop/isolation/db/cgroup.procs"],"release":["/run/opentop/isolation/ns/db.uts","/run/opentop/isolation/ns/db.ipc","/run/opentop/isolation/ns/db.cgroup","/run/opentop/isolation/ns/db.pid","/run/opentop/isolation/ns/db.mnt"]},"origin":"examples/isolation.otop:32:1"},
  {"op":{"kind":"uts.hostname","node":"db","uts":"/run/opentop/isolation/ns/db.uts","hostname":"db"},"origin":"examples/isolation.otop:34:3"},
  {"op":{"kind":"mount.add","node":"files","enter":{"mnt":"/run/opentop/isolation/ns/files.mnt"},"type":"tmpfs","source":"opentop:isolation:files","target":"/mnt","options":["size=16777216"]},"origin":"examples/isolation.otop:29:3"},
  {"op":{"kind":"mount.add","node":"db","enter":{"net":"/run/netns/isolation.db","mnt":"/run/opentop/isolation/ns/db.mnt"},"type":"sysfs","source":"opentop:isolation:db","target":"/sys","options":[]},"origin":"examples/isolation.otop:32:1"},
  {"op":{"kind":"mount.add","node":"db","enter":{"mnt":"/run/opentop/isolation/ns/db.mnt"},"type":"tmpfs","source":"opentop:isolation:db","target":"/var/tmp","options":["size=67108864"]},"origin":"examples/isolation.otop:37:3"},
  {"op":{"kind":"init.start","node":"db","enter":{"net":"/run/netns/isolation.db","uts":"/run/opentop/isolation/ns/db.uts","ipc":"/run/opentop/isolation/ns/db.ipc","cgroup":"/run/opentop/isolation/ns/db.cgroup","mnt":"/run/opentop/isolation/ns/db.mnt"},"join":["/sys/fs/cgroup/opentop/isolation/db/cgroup.procs"],"log":"/run/opentop/isolation/services/db.init.log","pidfile":"/run/opentop/isolation/services/db.init.pid","pidns":"/run/opentop/isolation/ns/db.pid","mark":"opentop:isolation:db:init"},"origin":"examples/isolation.otop:32:1"},
  {"op":{"kind":"mount.add","node":"db","enter":{"pid":"/run/opentop/isolation/ns/db.pid","mnt":"/run/opentop/isolation/ns/db.mnt"},"type":"proc","source":"opentop:isolation:db","target":"/proc","options":[]},"origin":"examples/isolation.otop:32:1"},
  {"op":{"kind":"service.start","node":"db","name":"web","enter":{"net":"/run/netns/isolation.db","uts":"/run/opentop/isolation/ns/db.uts","ipc":"/run/opentop/isolation/ns/db.ipc","cgroup":"/run/opentop/isolation/ns/db.cgroup","pid":"/run/opentop/isolation/ns/db.pid","mnt":"/run/opentop/isolation/ns/db.mnt"},"join":["/sys/fs/cgroup/opentop/isolation/db/cgroup.procs"],"log":"/run/opentop/isolation/services/db.web.log","pidfile":"/run/opentop/isolation/services/db.web.pid","status":"/run/opentop/isolation/services/db.web.status","mark":"opentop:isolation:db:web","env":["OPENTOP_LAB=isolation","OPENTOP_NODE=db","OPENTOP_SERVICE=web"],"command":"exec python3 -m http.server 8080 --bind 10.20.0.10 --directory /var/tmp"},"origin":"examples/isolation.otop:39:3"},
  {"op":{"kind":"service.ready","node":"db","name":"web","ns":"isolation.db","pidfile":"/run/opentop/isolation/services/db.web.pid","status":"/run/opentop/isolation/services/db.web.status","log":"/run/opentop/isolation/services/db.web.log","seconds":30,"check":"tcp","port":8080},"origin":"examples/isolation.otop:39:3"}
 ],
 "isolation": {"files":{"aspects":["mount"],"enter":{"mnt":"/run/opentop/isolation/ns/files.mnt"},"join":[],"limits":[],"services":[]},"db":{"aspects":["net","uts","ipc","mount","pid","cgroup"],"enter":{"net":"/run/netns/isolation.db","uts":"/run/opentop/isolation/ns/db.uts","ipc":"/run/opentop/isolation/ns/db.ipc","cgroup":"/run/opentop/isolation/ns/db.cgroup","pid":"/run/opentop/isolation/ns/db.pid","mnt":"/run/opentop/isolation/ns/db.mnt"},"join":["/sys/fs/cgroup/opentop/isolation/db/cgroup.procs"],"hostname":"db","limits":["memory 256M","cpu 0.5","pids 128"],"init":{"pidfile":"/run/opentop/isolation/services/db.init.pid","log":"/run/opentop/isolation/services/db.init.log","mark":"opentop:isolation:db:init"},"services":[{"name":"web","command":"exec python3 -m http.server 8080 --bind 10.20.0.10 --directory /var/tmp","pidfile":"/run/opentop/isolation/services/db.web.pid","log":"/run/opentop/isolation/services/db.web.log","status":"/run/opentop/isolation/services/db.web.status","mark":"opentop:isolation:db:web"}]}}
}
'

# why PROGRAM: sets $why and $package, for the message when PROGRAM is missing.
why() {
  case $1 in
    ip) why='this lab creates namespaces, links, addresses and routes with it' package=iproute2 ;;
    nsenter) why='this lab runs programs inside its namespaces with it' package=util-linux ;;
    sysctl) why='this lab sets sysctls' package=procps ;;
    mkdir) why='the lab keeps its record and files under /run/opentop' package=coreutils ;;
    mount) why='this lab mounts file systems in its nodes' package=mount ;;
    tee) why='this lab writes cgroup limits' package=coreutils ;;
    touch) why='this lab keeps namespace files, and its record'\''s time of birth' package=coreutils ;;
    unshare) why='this lab creates namespaces besides the network'\''s, or tries its kernel features and rulesets first' package=util-linux ;;
    sh) why='this lab'\''s steps include small sh programs' package=dash ;;
    hostname) why='a node of this lab has its own hostname' package=hostname ;;
    sleep) why='this lab waits for processes to start or stop' package=coreutils ;;
    setsid) why='this lab runs services' package=util-linux ;;
    env) why='this lab runs services' package=coreutils ;;
    cat) why='the script reads the kernel'\''s limits, and process and cgroup state' package=coreutils ;;
    tail) why='this lab reports the last lines of a failing service'\''s log' package=coreutils ;;
    sed) why='this lab stops its processes by their marks' package=sed ;;
    ss) why='this lab'\''s tests look for a listener before starting one' package=iproute2 ;;
    tr) why='this lab stops its processes by their marks' package=coreutils ;;
    mountpoint) why='this lab keeps namespaces with bind mounts' package=util-linux ;;
    stat) why='this lab unmounts only what it mounted' package=coreutils ;;
    umount) why='this lab mounts file systems in its nodes' package=mount ;;
    rm) why='the lab removes its record and files' package=coreutils ;;
    rmdir) why='this lab removes its directories and cgroups' package=coreutils ;;
    ln) why='the script keeps its lock and record with it' package=coreutils ;;
    readlink) why='the script keeps its lock and record with it' package=coreutils ;;
    mv) why='this lab saves the state of a host interface it moves in' package=coreutils ;;
    date) why='the script keeps its lock and record with it' package=coreutils ;;
    find) why='the script tells what the lab made from what it did not' package=findutils ;;
    timeout) why='this lab'\''s tests bound the life of a throwaway listener' package=coreutils ;;
    socat) why='this lab'\''s tcp and udp expectations are tested with it' package=socat ;;
    *) why='this script runs it' package=$1 ;;
  esac
}