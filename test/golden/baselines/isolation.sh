#!/bin/sh
# Lab giso: a standalone script built by opentop 0.1.0 (`opentop build`).
#
#   source    /ROOT/test/golden/cases/isolation.otop
#   sha256    95224f7440c86bc98ca0c263140e9407abf522a3b6c80ba48dbb200967388b03
#   requires  ip nsenter mkdir mount tee touch unshare sh hostname sleep pivot_root umount setsid env cat tail sed tr mountpoint stat rm rmdir ln readlink mv date find
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
LAB='giso'
SELF=${0##*/}
RUN_DIR=${OPENTOP_RUN_DIR:-/run/opentop}
LAB_DIR=$RUN_DIR/$LAB
RECORD=$LAB_DIR/record.json
LOCK=$RUN_DIR/$LAB.lock
NL='
'
# What each command needs installed, and the lab in a line (for its messages and --help).
NEED_UP='ip nsenter mkdir mount tee touch unshare sh hostname sleep pivot_root umount setsid env cat tail sed tr mountpoint stat rm rmdir ln readlink mv date find'
NEED_DOWN='sh cat tr sed sleep ip mountpoint stat umount rm rmdir nsenter mkdir ln readlink find'
NEED_STATUS='ip nsenter'
NEED_TEST=''
# What the lab asks of the machine (checked by capacity before anything is created).
NAMESPACES=5
KIB_PER_NAMESPACE=320
SUMMARY='6 nodes, 1 switch, 3 links (72 operations)'
HELP='
Lab giso: 6 nodes, 1 switch, 3 links (72 operations).
  up      create it (needs root and ip, nsenter, mkdir, mount, tee, touch, unshare, sh, hostname, sleep, pivot_root, umount, setsid, env, cat, tail, sed, tr, mountpoint, stat, rm, rmdir, ln, readlink, mv, date, find)
  down    remove everything it created; also after a failed or interrupted up
  status  its live state, and drift from its plan (exit status 1 on drift)
  exec    run a command inside a node (nsenter, sh)
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
  # == stage 1 of 21: namespaces
  # create network namespace giso  (test/golden/cases/isolation.otop:2:5)
  # create network namespace giso.plain  (test/golden/cases/isolation.otop:7:1)
  # create network namespace giso.web  (test/golden/cases/isolation.otop:12:1)
  # create network namespace giso.daemon  (test/golden/cases/isolation.otop:20:1)
  # create network namespace giso.db  (test/golden/cases/isolation.otop:32:1)
  tool_step '1/46, namespaces, on the host' ip -batch - <<'EOF' || return 1
netns add giso
netns add giso.plain
netns add giso.web
netns add giso.daemon
netns add giso.db
EOF
  # == stage 2 of 21: links
  # mark lo in giso as opentop:giso  (test/golden/cases/isolation.otop:2:5)
  # create bridge lan in giso  (test/golden/cases/isolation.otop:4:1)
  # give lan in giso no IPv6 link-local address  (test/golden/cases/isolation.otop:4:1)
  # bring lan up in giso  (test/golden/cases/isolation.otop:4:1)
  # create veth pair plain.eth0 (giso) — eth0 (giso.plain)  (test/golden/cases/isolation.otop:8:3)
  # give plain.eth0 in giso no IPv6 link-local address  (test/golden/cases/isolation.otop:8:3)
  # create veth pair web.eth0 (giso) — eth0 (giso.web)  (test/golden/cases/isolation.otop:13:3)
  # give web.eth0 in giso no IPv6 link-local address  (test/golden/cases/isolation.otop:13:3)
  # create veth pair db.eth0 (giso) — eth0 (giso.db)  (test/golden/cases/isolation.otop:35:3)
  # give db.eth0 in giso no IPv6 link-local address  (test/golden/cases/isolation.otop:35:3)
  tool_step '2/46, links, in the switches (giso)' nsenter --net=/run/netns/giso -- ip -batch - <<'EOF' || return 1
link set dev lo alias opentop:giso
link add name lan type bridge
link set dev lan addrgenmode none
link set dev lan up
link add name plain.eth0 index 13366269 master lan up type veth peer name eth0 netns giso.plain
link set dev plain.eth0 addrgenmode none
link add name web.eth0 index 6854235 master lan up type veth peer name eth0 netns giso.web
link set dev web.eth0 addrgenmode none
link add name db.eth0 index 11825311 master lan up type veth peer name eth0 netns giso.db
link set dev db.eth0 addrgenmode none
EOF
  # == stage 3 of 21: addresses and routes (its 4 steps side by side)
  up_3() {
    # mark lo in giso.plain as opentop:giso:plain  (test/golden/cases/isolation.otop:7:1)
    # bring lo up in giso.plain  (test/golden/cases/isolation.otop:7:1)
    # add 10.0.0.1/24 to eth0 in giso.plain  (test/golden/cases/isolation.otop:8:15)
    # give eth0 in giso.plain no IPv6 link-local address  (test/golden/cases/isolation.otop:8:3)
    # bring eth0 up in giso.plain  (test/golden/cases/isolation.otop:8:3)
    tool_step '3/46, addresses and routes, in node plain (giso.plain)' nsenter --net=/run/netns/giso.plain -- ip -batch - <<'EOF'
link set dev lo alias opentop:giso:plain
link set dev lo up
addr add 10.0.0.1/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
EOF
  }
  up_4() {
    # mark lo in giso.web as opentop:giso:web  (test/golden/cases/isolation.otop:12:1)
    # bring lo up in giso.web  (test/golden/cases/isolation.otop:12:1)
    # add 10.0.0.2/24 to eth0 in giso.web  (test/golden/cases/isolation.otop:13:15)
    # give eth0 in giso.web no IPv6 link-local address  (test/golden/cases/isolation.otop:13:3)
    # bring eth0 up in giso.web  (test/golden/cases/isolation.otop:13:3)
    tool_step '4/46, addresses and routes, in node web (giso.web)' nsenter --net=/run/netns/giso.web -- ip -batch - <<'EOF'
link set dev lo alias opentop:giso:web
link set dev lo up
addr add 10.0.0.2/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
EOF
  }
  up_5() {
    # mark lo in giso.daemon as opentop:giso:daemon  (test/golden/cases/isolation.otop:20:1)
    # bring lo up in giso.daemon  (test/golden/cases/isolation.otop:20:1)
    tool_step '5/46, addresses and routes, in node daemon (giso.daemon)' nsenter --net=/run/netns/giso.daemon -- ip -batch - <<'EOF'
link set dev lo alias opentop:giso:daemon
link set dev lo up
EOF
  }
  up_6() {
    # mark lo in giso.db as opentop:giso:db  (test/golden/cases/isolation.otop:32:1)
    # bring lo up in giso.db  (test/golden/cases/isolation.otop:32:1)
    # add 10.0.0.3/24 to eth0 in giso.db  (test/golden/cases/isolation.otop:35:15)
    # give eth0 in giso.db no IPv6 link-local address  (test/golden/cases/isolation.otop:35:3)
    # bring eth0 up in giso.db  (test/golden/cases/isolation.otop:35:3)
    tool_step '6/46, addresses and routes, in node db (giso.db)' nsenter --net=/run/netns/giso.db -- ip -batch - <<'EOF'
link set dev lo alias opentop:giso:db
link set dev lo up
addr add 10.0.0.3/24 dev eth0
link set dev eth0 addrgenmode none
link set dev eth0 up
EOF
  }
  at_once 3 6 || return 1
  # == stage 4 of 21: directories (its 2 steps side by side)
  up_7() {
    # create directories /run/opentop/giso/ns, /run/opentop/giso/services  (test/golden/cases/isolation.otop:2:5)
    tool_step '7/46, directories, on the host' mkdir -p /run/opentop/giso/ns /run/opentop/giso/services
  }
  up_8() {
    # create cgroup /sys/fs/cgroup/opentop/giso  (test/golden/cases/isolation.otop:2:5)
    tool_step '8/46, directories, on the host' mkdir -p /sys/fs/cgroup/opentop/giso
  }
  at_once 7 8 || return 1
  # == stage 5 of 21: namespace directory
  # make /run/opentop/giso/ns a private mount to hold namespace files  (test/golden/cases/isolation.otop:2:5)
  tool_step '9/46, namespace directory, on the host' mount --bind --make-private /run/opentop/giso/ns /run/opentop/giso/ns || return 1
  # == stage 6 of 21: cgroup controllers (1 of 2)
  # write +memory +cpu +pids to /sys/fs/cgroup/opentop/cgroup.subtree_control  (test/golden/cases/isolation.otop:2:5)
  tool_step '10/46, cgroup controllers (1 of 2), on the host' tee /sys/fs/cgroup/opentop/cgroup.subtree_control <<'EOF' || return 1
+memory +cpu +pids
EOF
  # == stage 7 of 21: cgroup controllers (2 of 2)
  # write +memory +cpu +pids to /sys/fs/cgroup/opentop/giso/cgroup.subtree_control  (test/golden/cases/isolation.otop:2:5)
  tool_step '11/46, cgroup controllers (2 of 2), on the host' tee /sys/fs/cgroup/opentop/giso/cgroup.subtree_control <<'EOF' || return 1
+memory +cpu +pids
EOF
  # == stage 8 of 21: node cgroups and namespace files (its 6 steps side by side)
  up_12() {
    # create cgroup /sys/fs/cgroup/opentop/giso/web  (test/golden/cases/isolation.otop:12:1)
    tool_step '12/46, node cgroups and namespace files, on the host' mkdir -p /sys/fs/cgroup/opentop/giso/web
  }
  up_13() {
    # create cgroup /sys/fs/cgroup/opentop/giso/daemon  (test/golden/cases/isolation.otop:20:1)
    tool_step '13/46, node cgroups and namespace files, on the host' mkdir -p /sys/fs/cgroup/opentop/giso/daemon
  }
  up_14() {
    # create the namespace files of node store  (test/golden/cases/isolation.otop:25:1)
    tool_step '14/46, node cgroups and namespace files, on the host' touch /run/opentop/giso/ns/store.mnt
  }
  up_15() {
    # create cgroup /sys/fs/cgroup/opentop/giso/db  (test/golden/cases/isolation.otop:32:1)
    tool_step '15/46, node cgroups and namespace files, on the host' mkdir -p /sys/fs/cgroup/opentop/giso/db
  }
  up_16() {
    # create the namespace files of node db  (test/golden/cases/isolation.otop:32:1)
    tool_step '16/46, node cgroups and namespace files, on the host' touch /run/opentop/giso/ns/db.uts /run/opentop/giso/ns/db.ipc /run/opentop/giso/ns/db.cgroup /run/opentop/giso/ns/db.pid /run/opentop/giso/ns/db.mnt
  }
  up_17() {
    # create the namespace files of node named  (test/golden/cases/isolation.otop:46:1)
    tool_step '17/46, node cgroups and namespace files, on the host' touch /run/opentop/giso/ns/named.uts
  }
  at_once 12 17 || return 1
  # == stage 9 of 21: limits (its 6 steps side by side)
  up_18() {
    # write 134217728 to /sys/fs/cgroup/opentop/giso/web/memory.max  (test/golden/cases/isolation.otop:15:9)
    tool_step '18/46, limits, on the host' tee /sys/fs/cgroup/opentop/giso/web/memory.max <<'EOF'
134217728
EOF
  }
  up_19() {
    # write 0 to /sys/fs/cgroup/opentop/giso/web/memory.swap.max  (test/golden/cases/isolation.otop:15:9)
    tool_step '19/46, limits, on the host' tee /sys/fs/cgroup/opentop/giso/web/memory.swap.max <<'EOF'
0
EOF
  }
  up_20() {
    # write 268435456 to /sys/fs/cgroup/opentop/giso/db/memory.max  (test/golden/cases/isolation.otop:39:9)
    tool_step '20/46, limits, on the host' tee /sys/fs/cgroup/opentop/giso/db/memory.max <<'EOF'
268435456
EOF
  }
  up_21() {
    # write 0 to /sys/fs/cgroup/opentop/giso/db/memory.swap.max  (test/golden/cases/isolation.otop:39:9)
    tool_step '21/46, limits, on the host' tee /sys/fs/cgroup/opentop/giso/db/memory.swap.max <<'EOF'
0
EOF
  }
  up_22() {
    # write 50000 100000 to /sys/fs/cgroup/opentop/giso/db/cpu.max  (test/golden/cases/isolation.otop:39:21)
    tool_step '22/46, limits, on the host' tee /sys/fs/cgroup/opentop/giso/db/cpu.max <<'EOF'
50000 100000
EOF
  }
  up_23() {
    # write 100 to /sys/fs/cgroup/opentop/giso/db/pids.max  (test/golden/cases/isolation.otop:40:9)
    tool_step '23/46, limits, on the host' tee /sys/fs/cgroup/opentop/giso/db/pids.max <<'EOF'
100
EOF
  }
  at_once 18 23 || return 1
  # == stage 10 of 21: node namespaces (its 3 steps side by side)
  up_24() {
    # create the mount namespaces of node store  (test/golden/cases/isolation.otop:25:1)
    tool_step '24/46, node namespaces, on the host' unshare --mount=/run/opentop/giso/ns/store.mnt --propagation private -- true
  }
  up_25() {
    # create the uts, ipc, cgroup, mount namespaces of node db  (test/golden/cases/isolation.otop:32:1)
    tool_step '25/46, node namespaces, on the host' sh -c 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"' opentop-join /sys/fs/cgroup/opentop/giso/db/cgroup.procs -- unshare --uts=/run/opentop/giso/ns/db.uts --ipc=/run/opentop/giso/ns/db.ipc --cgroup=/run/opentop/giso/ns/db.cgroup --mount=/run/opentop/giso/ns/db.mnt --propagation private -- true
  }
  up_26() {
    # create the uts namespaces of node named  (test/golden/cases/isolation.otop:46:1)
    tool_step '26/46, node namespaces, on the host' unshare --uts=/run/opentop/giso/ns/named.uts -- true
  }
  at_once 24 26 || return 1
  # == stage 11 of 21: hostnames (its 2 steps side by side)
  up_27() {
    # set the hostname of node db to database  (test/golden/cases/isolation.otop:34:3)
    tool_step '27/46, hostnames, on the host' nsenter --uts=/run/opentop/giso/ns/db.uts -- hostname database
  }
  up_28() {
    # set the hostname of node named to named  (test/golden/cases/isolation.otop:46:1)
    tool_step '28/46, hostnames, on the host' nsenter --uts=/run/opentop/giso/ns/named.uts -- hostname named
  }
  at_once 27 28 || return 1
  # == stage 12 of 21: mounts (1 of 5) (its 2 steps side by side)
  up_29() {
    # mount tmpfs on /var/cache in node store  (test/golden/cases/isolation.otop:27:3)
    tool_step '29/46, mounts (1 of 5), on the host' nsenter --mount=/run/opentop/giso/ns/store.mnt -- mount -t tmpfs -o size=33554432 opentop:giso:store /var/cache
  }
  up_30() {
    # mount /srv/rootfs on /srv/rootfs in node db  (test/golden/cases/isolation.otop:36:3)
    tool_step '30/46, mounts (1 of 5), on the host' nsenter --mount=/run/opentop/giso/ns/db.mnt -- mount --bind /srv/rootfs /srv/rootfs
  }
  at_once 29 30 || return 1
  # == stage 13 of 21: mounts (2 of 5) (its 2 steps side by side)
  up_31() {
    # mount /srv/data on /mnt in node store  (test/golden/cases/isolation.otop:28:3)
    tool_step '31/46, mounts (2 of 5), on the host' nsenter --mount=/run/opentop/giso/ns/store.mnt -- mount --bind -o ro /srv/data /mnt
  }
  up_32() {
    # mount sysfs on /srv/rootfs/sys in node db  (test/golden/cases/isolation.otop:36:3)
    tool_step '32/46, mounts (2 of 5), on the host' nsenter --net=/run/netns/giso.db --mount=/run/opentop/giso/ns/db.mnt -- mount -t sysfs opentop:giso:db /srv/rootfs/sys
  }
  at_once 31 32 || return 1
  # == stage 14 of 21: mounts (3 of 5)
  # mount /dev on /srv/rootfs/dev in node db  (test/golden/cases/isolation.otop:36:3)
  tool_step '33/46, mounts (3 of 5), on the host' nsenter --mount=/run/opentop/giso/ns/db.mnt -- mount --rbind /dev /srv/rootfs/dev || return 1
  # == stage 15 of 21: mounts (4 of 5)
  # mount tmpfs on /srv/rootfs/var/lib/db in node db  (test/golden/cases/isolation.otop:37:3)
  tool_step '34/46, mounts (4 of 5), on the host' nsenter --mount=/run/opentop/giso/ns/db.mnt -- mount -t tmpfs -o size=67108864 opentop:giso:db /srv/rootfs/var/lib/db || return 1
  # == stage 16 of 21: mounts (5 of 5)
  # mount /usr on /srv/rootfs/usr in node db  (test/golden/cases/isolation.otop:38:3)
  tool_step '35/46, mounts (5 of 5), on the host' nsenter --mount=/run/opentop/giso/ns/db.mnt -- mount --bind -o ro /usr /srv/rootfs/usr || return 1
  # == stage 17 of 21: init processes
  # start the init of node db's pid namespace  (test/golden/cases/isolation.otop:32:1)
  step '36/46, init processes, on the host' unshare --pid -- sh -c 'cd / || exit 125; log=$1 pidfile=$2 ns=$3; shift 3; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; "$@" </dev/null >>"$log" 2>&1 & echo $! > "$pidfile" && mount --bind /proc/$!/ns/pid "$ns" || { kill -KILL $!; exit 1; }' opentop-init /run/opentop/giso/services/db.init.log /run/opentop/giso/services/db.init.pid /run/opentop/giso/ns/db.pid /sys/fs/cgroup/opentop/giso/db/cgroup.procs -- nsenter --net=/run/netns/giso.db --uts=/run/opentop/giso/ns/db.uts --ipc=/run/opentop/giso/ns/db.ipc --cgroup=/run/opentop/giso/ns/db.cgroup --mount=/run/opentop/giso/ns/db.mnt -- sh -c 'while :; do sleep 2147483647 & wait; done' opentop:giso:db:init || return 1
  # == stage 18 of 21: /proc of pid namespaces
  # mount proc on /srv/rootfs/proc in node db  (test/golden/cases/isolation.otop:32:1)
  tool_step '37/46, /proc of pid namespaces, on the host' nsenter --pid=/run/opentop/giso/ns/db.pid --mount=/run/opentop/giso/ns/db.mnt -- mount -t proc opentop:giso:db /srv/rootfs/proc || return 1
  # == stage 19 of 21: roots
  # make /srv/rootfs the root of node db  (test/golden/cases/isolation.otop:36:3)
  tool_step '38/46, roots, on the host' nsenter --pid=/run/opentop/giso/ns/db.pid --mount=/run/opentop/giso/ns/db.mnt -- sh -c 'cd "$1" && pivot_root . . && umount -l .' opentop-root /srv/rootfs || return 1
  # == stage 20 of 21: services
  # start service web in node web  (test/golden/cases/isolation.otop:14:3)
  step '39/46, services, on the host' sh -c 'cd / || exit 125; log=$1 pidfile=$2; rm -f "$3" || exit 125; shift 3; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; setsid "$@" </dev/null >>"$log" 2>&1 & echo $! > "$pidfile" || { kill -KILL $!; exit 1; }' opentop-start /run/opentop/giso/services/web.web.log /run/opentop/giso/services/web.web.pid /run/opentop/giso/services/web.web.status /sys/fs/cgroup/opentop/giso/web/cgroup.procs -- sh -c 'status=$1; shift; "$@"; echo $? > "$status"' opentop:giso:web:web /run/opentop/giso/services/web.web.status env OPENTOP_LAB=giso OPENTOP_NODE=web OPENTOP_SERVICE=web nsenter --net=/run/netns/giso.web -- sh -c 'python3 -m http.server 8080' || return 1
  # start service run1 in node daemon  (test/golden/cases/isolation.otop:21:3)
  step '40/46, services, on the host' sh -c 'cd / || exit 125; log=$1 pidfile=$2; rm -f "$3" || exit 125; shift 3; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; setsid "$@" </dev/null >>"$log" 2>&1 & echo $! > "$pidfile" || { kill -KILL $!; exit 1; }' opentop-start /run/opentop/giso/services/daemon.run1.log /run/opentop/giso/services/daemon.run1.pid /run/opentop/giso/services/daemon.run1.status /sys/fs/cgroup/opentop/giso/daemon/cgroup.procs -- sh -c 'status=$1; shift; "$@"; echo $? > "$status"' opentop:giso:daemon:run1 /run/opentop/giso/services/daemon.run1.status env OPENTOP_LAB=giso OPENTOP_NODE=daemon OPENTOP_SERVICE=run1 nsenter --net=/run/netns/giso.daemon -- sh -c 'setsid sleep 1000 &' || return 1
  # start service db in node db  (test/golden/cases/isolation.otop:41:3)
  step '41/46, services, on the host' sh -c 'cd / || exit 125; log=$1 pidfile=$2; rm -f "$3" || exit 125; shift 3; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; setsid "$@" </dev/null >>"$log" 2>&1 & echo $! > "$pidfile" || { kill -KILL $!; exit 1; }' opentop-start /run/opentop/giso/services/db.db.log /run/opentop/giso/services/db.db.pid /run/opentop/giso/services/db.db.status /sys/fs/cgroup/opentop/giso/db/cgroup.procs -- sh -c 'status=$1; shift; "$@"; echo $? > "$status"' opentop:giso:db:db /run/opentop/giso/services/db.db.status env OPENTOP_LAB=giso OPENTOP_NODE=db OPENTOP_SERVICE=db nsenter --net=/run/netns/giso.db --uts=/run/opentop/giso/ns/db.uts --ipc=/run/opentop/giso/ns/db.ipc --cgroup=/run/opentop/giso/ns/db.cgroup --pid=/run/opentop/giso/ns/db.pid --mount=/run/opentop/giso/ns/db.mnt -- sh -c 'exec sleep 1000' || return 1
  # start service run1 in node db  (test/golden/cases/isolation.otop:42:3)
  step '42/46, services, on the host' sh -c 'cd / || exit 125; log=$1 pidfile=$2; rm -f "$3" || exit 125; shift 3; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; setsid "$@" </dev/null >>"$log" 2>&1 & echo $! > "$pidfile" || { kill -KILL $!; exit 1; }' opentop-start /run/opentop/giso/services/db.run1.log /run/opentop/giso/services/db.run1.pid /run/opentop/giso/services/db.run1.status /sys/fs/cgroup/opentop/giso/db/cgroup.procs -- sh -c 'status=$1; shift; "$@"; echo $? > "$status"' opentop:giso:db:run1 /run/opentop/giso/services/db.run1.status env OPENTOP_LAB=giso OPENTOP_NODE=db OPENTOP_SERVICE=run1 nsenter --net=/run/netns/giso.db --uts=/run/opentop/giso/ns/db.uts --ipc=/run/opentop/giso/ns/db.ipc --cgroup=/run/opentop/giso/ns/db.cgroup --pid=/run/opentop/giso/ns/db.pid --mount=/run/opentop/giso/ns/db.mnt -- sh -c 'echo '\''it'\'''\''s quoted: $HOME'\''' || return 1
  # == stage 21 of 21: readiness
  # wait until service web of node web keeps running  (test/golden/cases/isolation.otop:14:3)
  step '43/46, readiness, in node web (giso.web)' nsenter --net=/run/netns/giso.web -- sh -c 'pidfile=$1 status=$2 log=$3 t=$4 kind=$5 port=$6; shift 6; [ "${1-}" != -- ] || shift; fail() { echo "$1" >&2; tail -n 10 "$log" 2>/dev/null | sed "s/^/log: /" >&2; exit 1; }; f=-t; [ "$kind" = udp ] && f=-u; ready() { case $kind in tcp|udp) [ -n "$(ss -Hln $f "sport = :$port")" ];; command) "$@" >/dev/null 2>&1 </dev/null;; *) [ $i -ge 3 ];; esac; }; i=0; while :; do if [ -s "$status" ]; then code=$(cat "$status"); [ "$code" = 0 ] && [ "$kind" = started ] && exit 0; fail "it exited with status $code"; fi; pid=$(cat "$pidfile" 2>/dev/null); if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then [ -s "$status" ] && continue; fail "it is gone"; fi; if ready "$@"; then exit 0; fi; [ $i -ge $((t * 10)) ] && fail "it is not ready after $t s"; sleep 0.1; i=$((i+1)); done' opentop-ready /run/opentop/giso/services/web.web.pid /run/opentop/giso/services/web.web.status /run/opentop/giso/services/web.web.log 30 started '' || return 1
  # wait until service run1 of node daemon keeps running  (test/golden/cases/isolation.otop:21:3)
  step '44/46, readiness, in node daemon (giso.daemon)' nsenter --net=/run/netns/giso.daemon -- sh -c 'pidfile=$1 status=$2 log=$3 t=$4 kind=$5 port=$6; shift 6; [ "${1-}" != -- ] || shift; fail() { echo "$1" >&2; tail -n 10 "$log" 2>/dev/null | sed "s/^/log: /" >&2; exit 1; }; f=-t; [ "$kind" = udp ] && f=-u; ready() { case $kind in tcp|udp) [ -n "$(ss -Hln $f "sport = :$port")" ];; command) "$@" >/dev/null 2>&1 </dev/null;; *) [ $i -ge 3 ];; esac; }; i=0; while :; do if [ -s "$status" ]; then code=$(cat "$status"); [ "$code" = 0 ] && [ "$kind" = started ] && exit 0; fail "it exited with status $code"; fi; pid=$(cat "$pidfile" 2>/dev/null); if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then [ -s "$status" ] && continue; fail "it is gone"; fi; if ready "$@"; then exit 0; fi; [ $i -ge $((t * 10)) ] && fail "it is not ready after $t s"; sleep 0.1; i=$((i+1)); done' opentop-ready /run/opentop/giso/services/daemon.run1.pid /run/opentop/giso/services/daemon.run1.status /run/opentop/giso/services/daemon.run1.log 30 started '' || return 1
  # wait until service db of node db keeps running  (test/golden/cases/isolation.otop:41:3)
  step '45/46, readiness, in node db (giso.db)' nsenter --net=/run/netns/giso.db -- sh -c 'pidfile=$1 status=$2 log=$3 t=$4 kind=$5 port=$6; shift 6; [ "${1-}" != -- ] || shift; fail() { echo "$1" >&2; tail -n 10 "$log" 2>/dev/null | sed "s/^/log: /" >&2; exit 1; }; f=-t; [ "$kind" = udp ] && f=-u; ready() { case $kind in tcp|udp) [ -n "$(ss -Hln $f "sport = :$port")" ];; command) "$@" >/dev/null 2>&1 </dev/null;; *) [ $i -ge 3 ];; esac; }; i=0; while :; do if [ -s "$status" ]; then code=$(cat "$status"); [ "$code" = 0 ] && [ "$kind" = started ] && exit 0; fail "it exited with status $code"; fi; pid=$(cat "$pidfile" 2>/dev/null); if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then [ -s "$status" ] && continue; fail "it is gone"; fi; if ready "$@"; then exit 0; fi; [ $i -ge $((t * 10)) ] && fail "it is not ready after $t s"; sleep 0.1; i=$((i+1)); done' opentop-ready /run/opentop/giso/services/db.db.pid /run/opentop/giso/services/db.db.status /run/opentop/giso/services/db.db.log 30 started '' || return 1
  # wait until service run1 of node db keeps running  (test/golden/cases/isolation.otop:42:3)
  step '46/46, readiness, in node db (giso.db)' nsenter --net=/run/netns/giso.db -- sh -c 'pidfile=$1 status=$2 log=$3 t=$4 kind=$5 port=$6; shift 6; [ "${1-}" != -- ] || shift; fail() { echo "$1" >&2; tail -n 10 "$log" 2>/dev/null | sed "s/^/log: /" >&2; exit 1; }; f=-t; [ "$kind" = udp ] && f=-u; ready() { case $kind in tcp|udp) [ -n "$(ss -Hln $f "sport = :$port")" ];; command) "$@" >/dev/null 2>&1 </dev/null;; *) [ $i -ge 3 ];; esac; }; i=0; while :; do if [ -s "$status" ]; then code=$(cat "$status"); [ "$code" = 0 ] && [ "$kind" = started ] && exit 0; fail "it exited with status $code"; fi; pid=$(cat "$pidfile" 2>/dev/null); if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then [ -s "$status" ] && continue; fail "it is gone"; fi; if ready "$@"; then exit 0; fi; [ $i -ge $((t * 10)) ] && fail "it is not ready after $t s"; sleep 0.1; i=$((i+1)); done' opentop-ready /run/opentop/giso/services/db.run1.pid /run/opentop/giso/services/db.run1.status /run/opentop/giso/services/db.run1.log 30 started '' || return 1
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
  # stop service run1 of node db
  if true; then
    removed=$((removed + 1))
    sh -c 'pid=$(cat "$1" 2>/dev/null) || exit 0; mark=$2 grace=$3 mode=$4; case $pid in ""|*[!0-9]*) exit 0;; esac; a=$(tr "\0" "\n" < /proc/$pid/cmdline 2>/dev/null); if [ -n "$a" ]; then [ "$(printf "%s\n" "$a" | sed -n 4p)" = "$mark" ] || exit 0; elif [ "$mode" != group ]; then exit 0; fi; alive() { for f in /proc/[0-9]*/stat; do read -r l 2>/dev/null < "$f" || continue; set -- ${l##*) }; [ "$1" != Z ] || continue; if [ "$mode" = group ]; then [ "$3" = "$pid" ] && return 0; else [ "$f" = "/proc/$pid/stat" ] && return 0; fi; done; return 1; }; t=$pid; [ "$mode" = group ] && t=-$pid; kill -TERM $t 2>/dev/null || exit 0; i=0; while alive; do [ $i -eq $grace ] && kill -KILL $t 2>/dev/null; [ $i -ge $((grace + 50)) ] && { echo "process $pid did not stop" >&2; exit 1; }; sleep 0.1; i=$((i+1)); done' opentop-stop /run/opentop/giso/services/db.run1.pid opentop:giso:db:run1 50 group || ok=1
  fi
  # stop service db of node db
  if true; then
    removed=$((removed + 1))
    sh -c 'pid=$(cat "$1" 2>/dev/null) || exit 0; mark=$2 grace=$3 mode=$4; case $pid in ""|*[!0-9]*) exit 0;; esac; a=$(tr "\0" "\n" < /proc/$pid/cmdline 2>/dev/null); if [ -n "$a" ]; then [ "$(printf "%s\n" "$a" | sed -n 4p)" = "$mark" ] || exit 0; elif [ "$mode" != group ]; then exit 0; fi; alive() { for f in /proc/[0-9]*/stat; do read -r l 2>/dev/null < "$f" || continue; set -- ${l##*) }; [ "$1" != Z ] || continue; if [ "$mode" = group ]; then [ "$3" = "$pid" ] && return 0; else [ "$f" = "/proc/$pid/stat" ] && return 0; fi; done; return 1; }; t=$pid; [ "$mode" = group ] && t=-$pid; kill -TERM $t 2>/dev/null || exit 0; i=0; while alive; do [ $i -eq $grace ] && kill -KILL $t 2>/dev/null; [ $i -ge $((grace + 50)) ] && { echo "process $pid did not stop" >&2; exit 1; }; sleep 0.1; i=$((i+1)); done' opentop-stop /run/opentop/giso/services/db.db.pid opentop:giso:db:db 50 group || ok=1
  fi
  # stop service run1 of node daemon
  if true; then
    removed=$((removed + 1))
    sh -c 'pid=$(cat "$1" 2>/dev/null) || exit 0; mark=$2 grace=$3 mode=$4; case $pid in ""|*[!0-9]*) exit 0;; esac; a=$(tr "\0" "\n" < /proc/$pid/cmdline 2>/dev/null); if [ -n "$a" ]; then [ "$(printf "%s\n" "$a" | sed -n 4p)" = "$mark" ] || exit 0; elif [ "$mode" != group ]; then exit 0; fi; alive() { for f in /proc/[0-9]*/stat; do read -r l 2>/dev/null < "$f" || continue; set -- ${l##*) }; [ "$1" != Z ] || continue; if [ "$mode" = group ]; then [ "$3" = "$pid" ] && return 0; else [ "$f" = "/proc/$pid/stat" ] && return 0; fi; done; return 1; }; t=$pid; [ "$mode" = group ] && t=-$pid; kill -TERM $t 2>/dev/null || exit 0; i=0; while alive; do [ $i -eq $grace ] && kill -KILL $t 2>/dev/null; [ $i -ge $((grace + 50)) ] && { echo "process $pid did not stop" >&2; exit 1; }; sleep 0.1; i=$((i+1)); done' opentop-stop /run/opentop/giso/services/daemon.run1.pid opentop:giso:daemon:run1 50 group || ok=1
  fi
  # stop service web of node web
  if true; then
    removed=$((removed + 1))
    sh -c 'pid=$(cat "$1" 2>/dev/null) || exit 0; mark=$2 grace=$3 mode=$4; case $pid in ""|*[!0-9]*) exit 0;; esac; a=$(tr "\0" "\n" < /proc/$pid/cmdline 2>/dev/null); if [ -n "$a" ]; then [ "$(printf "%s\n" "$a" | sed -n 4p)" = "$mark" ] || exit 0; elif [ "$mode" != group ]; then exit 0; fi; alive() { for f in /proc/[0-9]*/stat; do read -r l 2>/dev/null < "$f" || continue; set -- ${l##*) }; [ "$1" != Z ] || continue; if [ "$mode" = group ]; then [ "$3" = "$pid" ] && return 0; else [ "$f" = "/proc/$pid/stat" ] && return 0; fi; done; return 1; }; t=$pid; [ "$mode" = group ] && t=-$pid; kill -TERM $t 2>/dev/null || exit 0; i=0; while alive; do [ $i -eq $grace ] && kill -KILL $t 2>/dev/null; [ $i -ge $((grace + 50)) ] && { echo "process $pid did not stop" >&2; exit 1; }; sleep 0.1; i=$((i+1)); done' opentop-stop /run/opentop/giso/services/web.web.pid opentop:giso:web:web 50 group || ok=1
  fi
  # stop the init of node db (and with it every process in its pid namespace)
  if true; then
    removed=$((removed + 1))
    sh -c 'pid=$(cat "$1" 2>/dev/null) || exit 0; mark=$2 grace=$3 mode=$4; case $pid in ""|*[!0-9]*) exit 0;; esac; a=$(tr "\0" "\n" < /proc/$pid/cmdline 2>/dev/null); if [ -n "$a" ]; then [ "$(printf "%s\n" "$a" | sed -n 4p)" = "$mark" ] || exit 0; elif [ "$mode" != group ]; then exit 0; fi; alive() { for f in /proc/[0-9]*/stat; do read -r l 2>/dev/null < "$f" || continue; set -- ${l##*) }; [ "$1" != Z ] || continue; if [ "$mode" = group ]; then [ "$3" = "$pid" ] && return 0; else [ "$f" = "/proc/$pid/stat" ] && return 0; fi; done; return 1; }; t=$pid; [ "$mode" = group ] && t=-$pid; kill -TERM $t 2>/dev/null || exit 0; i=0; while alive; do [ $i -eq $grace ] && kill -KILL $t 2>/dev/null; [ $i -ge $((grace + 50)) ] && { echo "process $pid did not stop" >&2; exit 1; }; sleep 0.1; i=$((i+1)); done' opentop-stop /run/opentop/giso/services/db.init.pid opentop:giso:db:init 0 process || ok=1
  fi
  # delete network namespace giso.db and everything in it
  if ns_ours giso.db opentop:giso:db; then owned=$((owned + 1)); queue 'netns del giso.db'; fi
  # delete network namespace giso.daemon and everything in it
  if ns_ours giso.daemon opentop:giso:daemon; then owned=$((owned + 1)); queue 'netns del giso.daemon'; fi
  # delete network namespace giso.web and everything in it
  if ns_ours giso.web opentop:giso:web; then owned=$((owned + 1)); queue 'netns del giso.web'; fi
  # delete network namespace giso.plain and everything in it
  if ns_ours giso.plain opentop:giso:plain; then owned=$((owned + 1)); queue 'netns del giso.plain'; fi
  # delete network namespace giso and everything in it
  if ns_ours giso opentop:giso; then owned=$((owned + 1)); queue 'netns del giso'; fi
  flush ip -force -batch - || ok=1
  # release the namespaces of node named
  if true; then
    removed=$((removed + 1))
    sh -c 'for f; do while mountpoint -q "$f" && [ "$(stat -f -c %T "$f")" = nsfs ]; do umount "$f" || exit 1; done; mountpoint -q "$f" || rm -f "$f"; done' opentop-ns-release /run/opentop/giso/ns/named.uts || ok=1
  fi
  # release the namespaces of node db
  if true; then
    removed=$((removed + 1))
    sh -c 'for f; do while mountpoint -q "$f" && [ "$(stat -f -c %T "$f")" = nsfs ]; do umount "$f" || exit 1; done; mountpoint -q "$f" || rm -f "$f"; done' opentop-ns-release /run/opentop/giso/ns/db.uts /run/opentop/giso/ns/db.ipc /run/opentop/giso/ns/db.cgroup /run/opentop/giso/ns/db.pid /run/opentop/giso/ns/db.mnt || ok=1
  fi
  # release the namespaces of node store
  if true; then
    removed=$((removed + 1))
    sh -c 'for f; do while mountpoint -q "$f" && [ "$(stat -f -c %T "$f")" = nsfs ]; do umount "$f" || exit 1; done; mountpoint -q "$f" || rm -f "$f"; done' opentop-ns-release /run/opentop/giso/ns/store.mnt || ok=1
  fi
  # remove cgroup /sys/fs/cgroup/opentop/giso/db (killing what still runs in it)
  if true; then
    removed=$((removed + 1))
    if [ "$proved" = 1 ]; then
      sh -c 'd=$1; [ -d "$d" ] || exit 0; case $d in */opentop/*) ;; *) exit 1 ;; esac; case $(stat -f -c %T "$d") in cgroup2fs | cgroupfs) ;; *) echo "$d is not a cgroup" >&2; exit 1 ;; esac; mountpoint -q "${d%/opentop/*}" || { echo "$d is not below the root of a cgroup hierarchy" >&2; exit 1; }; [ ! -e "$d/cgroup.kill" ] || echo 1 > "$d/cgroup.kill"; i=0; while p=$(cat "$d/cgroup.procs") && [ -n "$p" ]; do [ $i -ge 50 ] && { echo "cgroup $d still holds processes $p" >&2; exit 1; }; kill -KILL $p 2>/dev/null; sleep 0.1; i=$((i+1)); done; rmdir "$d"' opentop-cgroup-del /sys/fs/cgroup/opentop/giso/db || ok=1
    else # without a record of this plan: remove cgroup /sys/fs/cgroup/opentop/giso/db if it is empty (found by its name: what runs in it is not killed)
      sh -c '[ ! -d "$1" ] || rmdir "$1"' opentop-cgroup-rmdir /sys/fs/cgroup/opentop/giso/db || ok=1
    fi
  fi
  # remove cgroup /sys/fs/cgroup/opentop/giso/daemon (killing what still runs in it)
  if true; then
    removed=$((removed + 1))
    if [ "$proved" = 1 ]; then
      sh -c 'd=$1; [ -d "$d" ] || exit 0; case $d in */opentop/*) ;; *) exit 1 ;; esac; case $(stat -f -c %T "$d") in cgroup2fs | cgroupfs) ;; *) echo "$d is not a cgroup" >&2; exit 1 ;; esac; mountpoint -q "${d%/opentop/*}" || { echo "$d is not below the root of a cgroup hierarchy" >&2; exit 1; }; [ ! -e "$d/cgroup.kill" ] || echo 1 > "$d/cgroup.kill"; i=0; while p=$(cat "$d/cgroup.procs") && [ -n "$p" ]; do [ $i -ge 50 ] && { echo "cgroup $d still holds processes $p" >&2; exit 1; }; kill -KILL $p 2>/dev/null; sleep 0.1; i=$((i+1)); done; rmdir "$d"' opentop-cgroup-del /sys/fs/cgroup/opentop/giso/daemon || ok=1
    else # without a record of this plan: remove cgroup /sys/fs/cgroup/opentop/giso/daemon if it is empty (found by its name: what runs in it is not killed)
      sh -c '[ ! -d "$1" ] || rmdir "$1"' opentop-cgroup-rmdir /sys/fs/cgroup/opentop/giso/daemon || ok=1
    fi
  fi
  # remove cgroup /sys/fs/cgroup/opentop/giso/web (killing what still runs in it)
  if true; then
    removed=$((removed + 1))
    if [ "$proved" = 1 ]; then
      sh -c 'd=$1; [ -d "$d" ] || exit 0; case $d in */opentop/*) ;; *) exit 1 ;; esac; case $(stat -f -c %T "$d") in cgroup2fs | cgroupfs) ;; *) echo "$d is not a cgroup" >&2; exit 1 ;; esac; mountpoint -q "${d%/opentop/*}" || { echo "$d is not below the root of a cgroup hierarchy" >&2; exit 1; }; [ ! -e "$d/cgroup.kill" ] || echo 1 > "$d/cgroup.kill"; i=0; while p=$(cat "$d/cgroup.procs") && [ -n "$p" ]; do [ $i -ge 50 ] && { echo "cgroup $d still holds processes $p" >&2; exit 1; }; kill -KILL $p 2>/dev/null; sleep 0.1; i=$((i+1)); done; rmdir "$d"' opentop-cgroup-del /sys/fs/cgroup/opentop/giso/web || ok=1
    else # without a record of this plan: remove cgroup /sys/fs/cgroup/opentop/giso/web if it is empty (found by its name: what runs in it is not killed)
      sh -c '[ ! -d "$1" ] || rmdir "$1"' opentop-cgroup-rmdir /sys/fs/cgroup/opentop/giso/web || ok=1
    fi
  fi
  # unmount and remove /run/opentop/giso/ns
  if true; then
    removed=$((removed + 1))
    sh -c 'while mountpoint -q "$1" && [ "$(stat -c %d "$1")" = "$(stat -c %d "$1/..")" ]; do umount "$1" || exit 1; done; mountpoint -q "$1" || [ ! -d "$1" ] || rmdir "$1"' opentop-nsdir-del /run/opentop/giso/ns || ok=1
  fi
  # remove cgroup /sys/fs/cgroup/opentop/giso (killing what still runs in it)
  if true; then
    removed=$((removed + 1))
    if [ "$proved" = 1 ]; then
      sh -c 'd=$1; [ -d "$d" ] || exit 0; case $d in */opentop/*) ;; *) exit 1 ;; esac; case $(stat -f -c %T "$d") in cgroup2fs | cgroupfs) ;; *) echo "$d is not a cgroup" >&2; exit 1 ;; esac; mountpoint -q "${d%/opentop/*}" || { echo "$d is not below the root of a cgroup hierarchy" >&2; exit 1; }; [ ! -e "$d/cgroup.kill" ] || echo 1 > "$d/cgroup.kill"; i=0; while p=$(cat "$d/cgroup.procs") && [ -n "$p" ]; do [ $i -ge 50 ] && { echo "cgroup $d still holds processes $p" >&2; exit 1; }; kill -KILL $p 2>/dev/null; sleep 0.1; i=$((i+1)); done; rmdir "$d"' opentop-cgroup-del /sys/fs/cgroup/opentop/giso || ok=1
    else # without a record of this plan: remove cgroup /sys/fs/cgroup/opentop/giso if it is empty (found by its name: what runs in it is not killed)
      sh -c '[ ! -d "$1" ] || rmdir "$1"' opentop-cgroup-rmdir /sys/fs/cgroup/opentop/giso || ok=1
    fi
  fi
  return "$ok"
}

# left_behind: sets $left to what the lab owns that still exists, one a line (after
# down_plan: its own that could not go, or a look-alike that is not provably the lab's).
left_behind() {
  left=
  if [ -e /run/netns/giso ]; then left="$left"'  netns giso'"$NL"; fi
  if [ -e /run/netns/giso.plain ]; then left="$left"'  netns giso.plain'"$NL"; fi
  if [ -e /run/netns/giso.web ]; then left="$left"'  netns giso.web'"$NL"; fi
  if [ -e /run/netns/giso.daemon ]; then left="$left"'  netns giso.daemon'"$NL"; fi
  if [ -e /run/netns/giso.db ]; then left="$left"'  netns giso.db'"$NL"; fi
}

# collisions: true when an object of the lab already exists. This lab's `up` did not
# create it (its record would say so), so the lab refuses to start rather than reuse it.
collisions() {
  found=1
  taken_netns /run/netns/giso && found=0
  taken_netns /run/netns/giso.plain && found=0
  taken_netns /run/netns/giso.web && found=0
  taken_netns /run/netns/giso.daemon && found=0
  taken_netns /run/netns/giso.db && found=0
  taken_cgroup /sys/fs/cgroup/opentop/giso && found=0
  return "$found"
}

# features: false when the kernel lacks a feature the lab needs; each is probed once, in a
# throwaway network namespace, before anything is created (as `opentop up` does).
features() {
  lacking=0
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name b0 type bridge
EOF
    error OT6011 'this kernel lacks Linux bridges, which this statement needs (test/golden/cases/isolation.otop:4:1)' 'it is the kernel option CONFIG_BRIDGE (module bridge: `modprobe bridge`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  if ! probe unshare --net -- ip -batch - <<'EOF'; then
link add name p0 type veth peer name p1
EOF
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/isolation.otop:8:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/isolation.otop:13:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    error OT6011 'this kernel lacks veth pairs, which this statement needs (test/golden/cases/isolation.otop:35:3)' 'it is the kernel option CONFIG_VETH (module veth: `modprobe veth`); on a kernel without it, remove what needs it from the lab'
    lacking=1
  fi
  return "$lacking"
}

# status_reads: what every namespace holds, in the order of the status functions of each
# namespace that follow (in a subshell: read_wide's traps are its own).
status_reads() (
  set -f
  read_wide 1:giso 2:giso.plain 3:giso.web 4:giso.daemon 5:giso.db
)

ns_1() { look 'the switches (giso)' giso links_1; }
end_1() {
  [ "${seen_1-}" = 1 ] || drift missing 'interface lo'
  [ "${seen_2-}" = 1 ] || drift missing 'interface lan'
  [ "${seen_3-}" = 1 ] || drift missing 'interface plain.eth0'
  [ "${seen_4-}" = 1 ] || drift missing 'interface web.eth0'
  [ "${seen_5-}" = 1 ] || drift missing 'interface db.eth0'
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
    plain.eth0) seen_3=1; want_link up master lan ;;
    web.eth0) seen_4=1; want_link up master lan ;;
    db.eth0) seen_5=1; want_link up master lan ;;
    *) return 1 ;;
  esac
}
routes_1() { return 1; }

ns_2() { look 'node plain (giso.plain)' giso.plain links_2; }
end_2() {
  [ "${seen_1-}" = 2 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 2 ]; then
    want_addr eth0 10.0.0.1/24
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

ns_3() { look 'node web (giso.web)' giso.web links_3; }
end_3() {
  [ "${seen_1-}" = 3 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 3 ]; then
    want_addr eth0 10.0.0.2/24
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

ns_4() { look 'node daemon (giso.daemon)' giso.daemon links_4; }
end_4() {
  [ "${seen_1-}" = 4 ] || drift missing 'interface lo'
  extras
}

# links_4 DEV BRIDGE: checks interface DEV (a port of BRIDGE, or none) against the plan.
links_4() {
  case $1 in
    lo) seen_1=4; want_link up ;;
    *) return 1 ;;
  esac
}
routes_4() { return 1; }

ns_5() { look 'node db (giso.db)' giso.db links_5; }
end_5() {
  [ "${seen_1-}" = 5 ] || drift missing 'interface lo'
  if [ "${seen_2-}" = 5 ]; then
    want_addr eth0 10.0.0.3/24
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

# exec_node NODE COMMAND [ARG]...: COMMAND inside NODE, in place of this shell.
exec_node() {
  node=$1
  shift
  case $node in
    plain) enter nsenter --net=/run/netns/giso.plain -- "$@" ;;
    web) enter sh -c 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"' opentop-join /sys/fs/cgroup/opentop/giso/web/cgroup.procs -- nsenter --net=/run/netns/giso.web -- "$@" ;;
    daemon) enter sh -c 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"' opentop-join /sys/fs/cgroup/opentop/giso/daemon/cgroup.procs -- nsenter --net=/run/netns/giso.daemon -- "$@" ;;
    store) enter nsenter --mount=/run/opentop/giso/ns/store.mnt -- "$@" ;;
    db) enter sh -c 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"' opentop-join /sys/fs/cgroup/opentop/giso/db/cgroup.procs -- nsenter --net=/run/netns/giso.db --uts=/run/opentop/giso/ns/db.uts --ipc=/run/opentop/giso/ns/db.ipc --cgroup=/run/opentop/giso/ns/db.cgroup --pid=/run/opentop/giso/ns/db.pid --mount=/run/opentop/giso/ns/db.mnt -- "$@" ;;
    named) enter nsenter --uts=/run/opentop/giso/ns/named.uts -- "$@" ;;
    *) error OT6008 "lab $LAB has no node \`$node\`" 'its nodes are plain, web, daemon, store, db, named'
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
  printf '%s\n' '# lab giso: up, 72 operations in 46 processes

# stage 1: namespaces
ip -batch -
    netns add giso         # test/golden/cases/isolation.otop:2:5
    netns add giso.plain   # test/golden/cases/isolation.otop:7:1
    netns add giso.web     # test/golden/cases/isolation.otop:12:1
    netns add giso.daemon  # test/golden/cases/isolation.otop:20:1
    netns add giso.db      # test/golden/cases/isolation.otop:32:1

# stage 2: links
nsenter --net=/run/netns/giso -- ip -batch -
    link set dev lo alias opentop:giso                                                               # test/golden/cases/isolation.otop:2:5
    link add name lan type bridge                                                                    # test/golden/cases/isolation.otop:4:1
    link set dev lan addrgenmode none                                                                # test/golden/cases/isolation.otop:4:1
    link set dev lan up                                                                              # test/golden/cases/isolation.otop:4:1
    link add name plain.eth0 index 13366269 master lan up type veth peer name eth0 netns giso.plain  # test/golden/cases/isolation.otop:8:3
    link set dev plain.eth0 addrgenmode none                                                         # test/golden/cases/isolation.otop:8:3
    link add name web.eth0 index 6854235 master lan up type veth peer name eth0 netns giso.web       # test/golden/cases/isolation.otop:13:3
    link set dev web.eth0 addrgenmode none                                                           # test/golden/cases/isolation.otop:13:3
    link add name db.eth0 index 11825311 master lan up type veth peer name eth0 netns giso.db        # test/golden/cases/isolation.otop:35:3
    link set dev db.eth0 addrgenmode none                                                            # test/golden/cases/isolation.otop:35:3

# stage 3: addresses and routes (steps run concurrently)
nsenter --net=/run/netns/giso.plain -- ip -batch -
    link set dev lo alias opentop:giso:plain  # test/golden/cases/isolation.otop:7:1
    link set dev lo up                        # test/golden/cases/isolation.otop:7:1
    addr add 10.0.0.1/24 dev eth0             # test/golden/cases/isolation.otop:8:15
    link set dev eth0 addrgenmode none        # test/golden/cases/isolation.otop:8:3
    link set dev eth0 up                      # test/golden/cases/isolation.otop:8:3
nsenter --net=/run/netns/giso.web -- ip -batch -
    link set dev lo alias opentop:giso:web  # test/golden/cases/isolation.otop:12:1
    link set dev lo up                      # test/golden/cases/isolation.otop:12:1
    addr add 10.0.0.2/24 dev eth0           # test/golden/cases/isolation.otop:13:15
    link set dev eth0 addrgenmode none      # test/golden/cases/isolation.otop:13:3
    link set dev eth0 up                    # test/golden/cases/isolation.otop:13:3
nsenter --net=/run/netns/giso.daemon -- ip -batch -
    link set dev lo alias opentop:giso:daemon  # test/golden/cases/isolation.otop:20:1
    link set dev lo up                         # test/golden/cases/isolation.otop:20:1
nsenter --net=/run/netns/giso.db -- ip -batch -
    link set dev lo alias opentop:giso:db  # test/golden/cases/isolation.otop:32:1
    link set dev lo up                     # test/golden/cases/isolation.otop:32:1
    addr add 10.0.0.3/24 dev eth0          # test/golden/cases/isolation.otop:35:15
    link set dev eth0 addrgenmode none     # test/golden/cases/isolation.otop:35:3
    link set dev eth0 up                   # test/golden/cases/isolation.otop:35:3

# stage 4: directories (steps run concurrently)
mkdir -p /run/opentop/giso/ns /run/opentop/giso/services
    # create directories /run/opentop/giso/ns, /run/opentop/giso/services  (test/golden/cases/isolation.otop:2:5)
mkdir -p /sys/fs/cgroup/opentop/giso
    # create cgroup /sys/fs/cgroup/opentop/giso  (test/golden/cases/isolation.otop:2:5)

# stage 5: namespace directory
mount --bind --make-private /run/opentop/giso/ns /run/opentop/giso/ns
    # make /run/opentop/giso/ns a private mount to hold namespace files  (test/golden/cases/isolation.otop:2:5)

# stage 6: cgroup controllers (1 of 2)
tee /sys/fs/cgroup/opentop/cgroup.subtree_control
    <<< +memory +cpu +pids
    # write +memory +cpu +pids to /sys/fs/cgroup/opentop/cgroup.subtree_control  (test/golden/cases/isolation.otop:2:5)

# stage 7: cgroup controllers (2 of 2)
tee /sys/fs/cgroup/opentop/giso/cgroup.subtree_control
    <<< +memory +cpu +pids
    # write +memory +cpu +pids to /sys/fs/cgroup/opentop/giso/cgroup.subtree_control  (test/golden/cases/isolation.otop:2:5)

# stage 8: node cgroups and namespace files (steps run concurrently)
mkdir -p /sys/fs/cgroup/opentop/giso/web
    # create cgroup /sys/fs/cgroup/opentop/giso/web  (test/golden/cases/isolation.otop:12:1)
mkdir -p /sys/fs/cgroup/opentop/giso/daemon
    # create cgroup /sys/fs/cgroup/opentop/giso/daemon  (test/golden/cases/isolation.otop:20:1)
touch /run/opentop/giso/ns/store.mnt
    # create the namespace files of node store  (test/golden/cases/isolation.otop:25:1)
mkdir -p /sys/fs/cgroup/opentop/giso/db
    # create cgroup /sys/fs/cgroup/opentop/giso/db  (test/golden/cases/isolation.otop:32:1)
touch /run/opentop/giso/ns/db.uts /run/opentop/giso/ns/db.ipc /run/opentop/giso/ns/db.cgroup /run/opentop/giso/ns/db.pid /run/opentop/giso/ns/db.mnt
    # create the namespace files of node db  (test/golden/cases/isolation.otop:32:1)
touch /run/opentop/giso/ns/named.uts
    # create the namespace files of node named  (test/golden/cases/isolation.otop:46:1)

# stage 9: limits (steps run concurrently)
tee /sys/fs/cgroup/opentop/giso/web/memory.max
    <<< 134217728
    # write 134217728 to /sys/fs/cgroup/opentop/giso/web/memory.max  (test/golden/cases/isolation.otop:15:9)
tee /sys/fs/cgroup/opentop/giso/web/memory.swap.max
    <<< 0
    # write 0 to /sys/fs/cgroup/opentop/giso/web/memory.swap.max  (test/golden/cases/isolation.otop:15:9)
tee /sys/fs/cgroup/opentop/giso/db/memory.max
    <<< 268435456
    # write 268435456 to /sys/fs/cgroup/opentop/giso/db/memory.max  (test/golden/cases/isolation.otop:39:9)
tee /sys/fs/cgroup/opentop/giso/db/memory.swap.max
    <<< 0
    # write 0 to /sys/fs/cgroup/opentop/giso/db/memory.swap.max  (test/golden/cases/isolation.otop:39:9)
tee /sys/fs/cgroup/opentop/giso/db/cpu.max
    <<< 50000 100000
    # write 50000 100000 to /sys/fs/cgroup/opentop/giso/db/cpu.max  (test/golden/cases/isolation.otop:39:21)
tee /sys/fs/cgroup/opentop/giso/db/pids.max
    <<< 100
    # write 100 to /sys/fs/cgroup/opentop/giso/db/pids.max  (test/golden/cases/isolation.otop:40:9)

# stage 10: node namespaces (steps run concurrently)
unshare --mount=/run/opentop/giso/ns/store.mnt --propagation private -- true
    # create the mount namespaces of node store  (test/golden/cases/isolation.otop:25:1)
sh -c <join> opentop-join /sys/fs/cgroup/opentop/giso/db/cgroup.procs -- unshare --uts=/run/opentop/giso/ns/db.uts --ipc=/run/opentop/giso/ns/db.ipc --cgroup=/run/opentop/giso/ns/db.cgroup --mount=/run/opentop/giso/ns/db.mnt --propagation private -- true
    # create the uts, ipc, cgroup, mount namespaces of node db  (test/golden/cases/isolation.otop:32:1)
unshare --uts=/run/opentop/giso/ns/named.uts -- true
    # create the uts namespaces of node named  (test/golden/cases/isolation.otop:46:1)

# stage 11: hostnames (steps run concurrently)
nsenter --uts=/run/opentop/giso/ns/db.uts -- hostname database
    # set the hostname of node db to database  (test/golden/cases/isolation.otop:34:3)
nsenter --uts=/run/opentop/giso/ns/named.uts -- hostname named
    # set the hostname of node named to named  (test/golden/cases/isolation.otop:46:1)

# stage 12: mounts (1 of 5) (steps run concurrently)
nsenter --mount=/run/opentop/giso/ns/store.mnt -- mount -t tmpfs -o size=33554432 opentop:giso:store /var/cache
    # mount tmpfs on /var/cache in node store  (test/golden/cases/isolation.otop:27:3)
nsenter --mount=/run/opentop/giso/ns/db.mnt -- mount --bind /srv/rootfs /srv/rootfs
    # mount /srv/rootfs on /srv/rootfs in node db  (test/golden/cases/isolation.otop:36:3)

# stage 13: mounts (2 of 5) (steps run concurrently)
nsenter --mount=/run/opentop/giso/ns/store.mnt -- mount --bind -o ro /srv/data /mnt
    # mount /srv/data on /mnt in node store  (test/golden/cases/isolation.otop:28:3)
nsenter --net=/run/netns/giso.db --mount=/run/opentop/giso/ns/db.mnt -- mount -t sysfs opentop:giso:db /srv/rootfs/sys
    # mount sysfs on /srv/rootfs/sys in node db  (test/golden/cases/isolation.otop:36:3)

# stage 14: mounts (3 of 5)
nsenter --mount=/run/opentop/giso/ns/db.mnt -- mount --rbind /dev /srv/rootfs/dev
    # mount /dev on /srv/rootfs/dev in node db  (test/golden/cases/isolation.otop:36:3)

# stage 15: mounts (4 of 5)
nsenter --mount=/run/opentop/giso/ns/db.mnt -- mount -t tmpfs -o size=67108864 opentop:giso:db /srv/rootfs/var/lib/db
    # mount tmpfs on /srv/rootfs/var/lib/db in node db  (test/golden/cases/isolation.otop:37:3)

# stage 16: mounts (5 of 5)
nsenter --mount=/run/opentop/giso/ns/db.mnt -- mount --bind -o ro /usr /srv/rootfs/usr
    # mount /usr on /srv/rootfs/usr in node db  (test/golden/cases/isolation.otop:38:3)

# stage 17: init processes
unshare --pid -- sh -c <start-init> opentop-init /run/opentop/giso/services/db.init.log /run/opentop/giso/services/db.init.pid /run/opentop/giso/ns/db.pid /sys/fs/cgroup/opentop/giso/db/cgroup.procs -- nsenter --net=/run/netns/giso.db --uts=/run/opentop/giso/ns/db.uts --ipc=/run/opentop/giso/ns/db.ipc --cgroup=/run/opentop/giso/ns/db.cgroup --mount=/run/opentop/giso/ns/db.mnt -- sh -c <init> opentop:giso:db:init
    # start the init of node db'\''s pid namespace  (test/golden/cases/isolation.otop:32:1)

# stage 18: /proc of pid namespaces
nsenter --pid=/run/opentop/giso/ns/db.pid --mount=/run/opentop/giso/ns/db.mnt -- mount -t proc opentop:giso:db /srv/rootfs/proc
    # mount proc on /srv/rootfs/proc in node db  (test/golden/cases/isolation.otop:32:1)

# stage 19: roots
nsenter --pid=/run/opentop/giso/ns/db.pid --mount=/run/opentop/giso/ns/db.mnt -- sh -c <pivot-root> opentop-root /srv/rootfs
    # make /srv/rootfs the root of node db  (test/golden/cases/isolation.otop:36:3)

# stage 20: services (steps run concurrently)
sh -c <start-service> opentop-start /run/opentop/giso/services/web.web.log /run/opentop/giso/services/web.web.pid /run/opentop/giso/services/web.web.status /sys/fs/cgroup/opentop/giso/web/cgroup.procs -- sh -c <service-wrapper> opentop:giso:web:web /run/opentop/giso/services/web.web.status env OPENTOP_LAB=giso OPENTOP_NODE=web OPENTOP_SERVICE=web nsenter --net=/run/netns/giso.web -- sh -c '\''python3 -m http.server 8080'\''
    # start service web in node web  (test/golden/cases/isolation.otop:14:3)
sh -c <start-service> opentop-start /run/opentop/giso/services/daemon.run1.log /run/opentop/giso/services/daemon.run1.pid /run/opentop/giso/services/daemon.run1.status /sys/fs/cgroup/opentop/giso/daemon/cgroup.procs -- sh -c <service-wrapper> opentop:giso:daemon:run1 /run/opentop/giso/services/daemon.run1.status env OPENTOP_LAB=giso OPENTOP_NODE=daemon OPENTOP_SERVICE=run1 nsenter --net=/run/netns/giso.daemon -- sh -c '\''setsid sleep 1000 &'\''
    # start service run1 in node daemon  (test/golden/cases/isolation.otop:21:3)
sh -c <start-service> opentop-start /run/opentop/giso/services/db.db.log /run/opentop/giso/services/db.db.pid /run/opentop/giso/services/db.db.status /sys/fs/cgroup/opentop/giso/db/cgroup.procs -- sh -c <service-wrapper> opentop:giso:db:db /run/opentop/giso/services/db.db.status env OPENTOP_LAB=giso OPENTOP_NODE=db OPENTOP_SERVICE=db nsenter --net=/run/netns/giso.db --uts=/run/opentop/giso/ns/db.uts --ipc=/run/opentop/giso/ns/db.ipc --cgroup=/run/opentop/giso/ns/db.cgroup --pid=/run/opentop/giso/ns/db.pid --mount=/run/opentop/giso/ns/db.mnt -- sh -c '\''exec sleep 1000'\''
    # start service db in node db  (test/golden/cases/isolation.otop:41:3)
sh -c <start-service> opentop-start /run/opentop/giso/services/db.run1.log /run/opentop/giso/services/db.run1.pid /run/opentop/giso/services/db.run1.status /sys/fs/cgroup/opentop/giso/db/cgroup.procs -- sh -c <service-wrapper> opentop:giso:db:run1 /run/opentop/giso/services/db.run1.status env OPENTOP_LAB=giso OPENTOP_NODE=db OPENTOP_SERVICE=run1 nsenter --net=/run/netns/giso.db --uts=/run/opentop/giso/ns/db.uts --ipc=/run/opentop/giso/ns/db.ipc --cgroup=/run/opentop/giso/ns/db.cgroup --pid=/run/opentop/giso/ns/db.pid --mount=/run/opentop/giso/ns/db.mnt -- sh -c '\''echo '\''\'\'''\''it'\''\'\'''\'''\''\'\'''\''s quoted: $HOME'\''\'\'''\'''\''
    # start service run1 in node db  (test/golden/cases/isolation.otop:42:3)

# stage 21: readiness (steps run concurrently)
nsenter --net=/run/netns/giso.web -- sh -c <ready> opentop-ready /run/opentop/giso/services/web.web.pid /run/opentop/giso/services/web.web.status /run/opentop/giso/services/web.web.log 30 started '\'''\''
    # wait until service web of node web keeps running  (test/golden/cases/isolation.otop:14:3)
nsenter --net=/run/netns/giso.daemon -- sh -c <ready> opentop-ready /run/opentop/giso/services/daemon.run1.pid /run/opentop/giso/services/daemon.run1.status /run/opentop/giso/services/daemon.run1.log 30 started '\'''\''
    # wait until service run1 of node daemon keeps running  (test/golden/cases/isolation.otop:21:3)
nsenter --net=/run/netns/giso.db -- sh -c <ready> opentop-ready /run/opentop/giso/services/db.db.pid /run/opentop/giso/services/db.db.status /run/opentop/giso/services/db.db.log 30 started '\'''\''
    # wait until service db of node db keeps running  (test/golden/cases/isolation.otop:41:3)
nsenter --net=/run/netns/giso.db -- sh -c <ready> opentop-ready /run/opentop/giso/services/db.run1.pid /run/opentop/giso/services/db.run1.status /run/opentop/giso/services/db.run1.log 30 started '\'''\''
    # wait until service run1 of node db keeps running  (test/golden/cases/isolation.otop:42:3)

# the sh programs above, shown as <NAME> (src/plan/snippets.ts):
#   <join> = while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"
#   <start-service> = cd / || exit 125; log=$1 pidfile=$2; rm -f "$3" || exit 125; shift 3; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; setsid "$@" </dev/null >>"$log" 2>&1 & echo $! > "$pidfile" || { kill -KILL $!; exit 1; }
#   <service-wrapper> = status=$1; shift; "$@"; echo $? > "$status"
#   <start-init> = cd / || exit 125; log=$1 pidfile=$2 ns=$3; shift 3; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; "$@" </dev/null >>"$log" 2>&1 & echo $! > "$pidfile" && mount --bind /proc/$!/ns/pid "$ns" || { kill -KILL $!; exit 1; }
#   <init> = while :; do sleep 2147483647 & wait; done
#   <pivot-root> = cd "$1" && pivot_root . . && umount -l .
#   <ready> = pidfile=$1 status=$2 log=$3 t=$4 kind=$5 port=$6; shift 6; [ "${1-}" != -- ] || shift; fail() { echo "$1" >&2; tail -n 10 "$log" 2>/dev/null | sed "s/^/log: /" >&2; exit 1; }; f=-t; [ "$kind" = udp ] && f=-u; ready() { case $kind in tcp|udp) [ -n "$(ss -Hln $f "sport = :$port")" ];; command) "$@" >/dev/null 2>&1 </dev/null;; *) [ $i -ge 3 ];; esac; }; i=0; while :; do if [ -s "$status" ]; then code=$(cat "$status"); [ "$code" = 0 ] && [ "$kind" = started ] && exit 0; fail "it exited with status $code"; fi; pid=$(cat "$pidfile" 2>/dev/null); if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then [ -s "$status" ] && continue; fail "it is gone"; fi; if ready "$@"; then exit 0; fi; [ $i -ge $((t * 10)) ] && fail "it is not ready after $t s"; sleep 0.1; i=$((i+1)); done'
}

# The record (/run/opentop/LAB/record.json) as `opentop up` writes it: what the lab owns
# (OBJECTS) and the operations of its plan. Only its state and creation time vary.
RECORD_HEAD='{
 "version": 2,
 "tool": "opentop 0.1.0",
 "lab": "giso",
 "file": "/ROOT/test/golden/cases/isolation.otop",
 "hash": "95224f7440c86bc98ca0c263140e9407abf522a3b6c80ba48dbb200967388b03",
 "state": "'
RECORD_CREATED='",
 "createdAt": "'
RECORD_BY='",
 "by": "script",
'
OBJECTS=' "nodes": ["plain","web","daemon","store","db","named"],
 "switches": ["lan"],
 "plan": "40483d4523fc553e622e3a31475d857074b15270ccd20e8f7f0d9e309e66b2fe",
 "owned": [
  {"kind":"netns","name":"giso"},
  {"kind":"netns","name":"giso.plain","node":"plain"},
  {"kind":"netns","name":"giso.web","node":"web"},
  {"kind":"netns","name":"giso.daemon","node":"daemon"},
  {"kind":"netns","name":"giso.db","node":"db"}
 ],
'
RECORD_OPS=' "ops": [
  {"op":{"kind":"netns.add","name":"giso"},"origin":"test/golden/cases/isolation.otop:2:5"},
  {"op":{"kind":"netns.add","name":"giso.plain","node":"plain"},"origin":"test/golden/cases/isolation.otop:7:1"},
  {"op":{"kind":"netns.add","name":"giso.web","node":"web"},"origin":"test/golden/cases/isolation.otop:12:1"},
  {"op":{"kind":"netns.add","name":"giso.daemon","node":"daemon"},"origin":"test/golden/cases/isolation.otop:20:1"},
  {"op":{"kind":"netns.add","name":"giso.db","node":"db"},"origin":"test/golden/cases/isolation.otop:32:1"},
  {"op":{"kind":"link.alias","ns":"giso","dev":"lo","alias":"opentop:giso"},"origin":"test/golden/cases/isolation.otop:2:5"},
  {"op":{"kind":"bridge.add","ns":"giso","name":"lan"},"origin":"test/golden/cases/isolation.otop:4:1"},
  {"op":{"kind":"link.nolinklocal","ns":"giso","dev":"lan"},"origin":"test/golden/cases/isolation.otop:4:1"},
  {"op":{"kind":"link.up","ns":"giso","dev":"lan"},"origin":"test/golden/cases/isolation.otop:4:1"},
  {"op":{"kind":"veth.add","ns":"giso","a":{"ns":"giso","name":"plain.eth0","index":13366269,"master":"lan"},"b":{"ns":"giso.plain","name":"eth0"}},"origin":"test/golden/cases/isolation.otop:8:3"},
  {"op":{"kind":"link.nolinklocal","ns":"giso","dev":"plain.eth0"},"origin":"test/golden/cases/isolation.otop:8:3"},
  {"op":{"kind":"veth.add","ns":"giso","a":{"ns":"giso","name":"web.eth0","index":6854235,"master":"lan"},"b":{"ns":"giso.web","name":"eth0"}},"origin":"test/golden/cases/isolation.otop:13:3"},
  {"op":{"kind":"link.nolinklocal","ns":"giso","dev":"web.eth0"},"origin":"test/golden/cases/isolation.otop:13:3"},
  {"op":{"kind":"veth.add","ns":"giso","a":{"ns":"giso","name":"db.eth0","index":11825311,"master":"lan"},"b":{"ns":"giso.db","name":"eth0"}},"origin":"test/golden/cases/isolation.otop:35:3"},
  {"op":{"kind":"link.nolinklocal","ns":"giso","dev":"db.eth0"},"origin":"test/golden/cases/isolation.otop:35:3"},
  {"op":{"kind":"link.alias","ns":"giso.plain","dev":"lo","alias":"opentop:giso:plain"},"origin":"test/golden/cases/isolation.otop:7:1"},
  {"op":{"kind":"link.up","ns":"giso.plain","dev":"lo"},"origin":"test/golden/cases/isolation.otop:7:1"},
  {"op":{"kind":"addr.add","ns":"giso.plain","dev":"eth0","cidr":"10.0.0.1/24","family":4},"origin":"test/golden/cases/isolation.otop:8:15"},
  {"op":{"kind":"link.nolinklocal","ns":"giso.plain","dev":"eth0"},"origin":"test/golden/cases/isolation.otop:8:3"},
  {"op":{"kind":"link.up","ns":"giso.plain","dev":"eth0"},"origin":"test/golden/cases/isolation.otop:8:3"},
  {"op":{"kind":"link.alias","ns":"giso.web","dev":"lo","alias":"opentop:giso:web"},"origin":"test/golden/cases/isolation.otop:12:1"},
  {"op":{"kind":"link.up","ns":"giso.web","dev":"lo"},"origin":"test/golden/cases/isolation.otop:12:1"},
  {"op":{"kind":"addr.add","ns":"giso.web","dev":"eth0","cidr":"10.0.0.2/24","family":4},"origin":"test/golden/cases/isolation.otop:13:15"},
  {"op":{"kind":"link.nolinklocal","ns":"giso.web","dev":"eth0"},"origin":"test/golden/cases/isolation.otop:13:3"},
  {"op":{"kind":"link.up","ns":"giso.web","dev":"eth0"},"origin":"test/golden/cases/isolation.otop:13:3"},
  {"op":{"kind":"link.alias","ns":"giso.daemon","dev":"lo","alias":"opentop:giso:daemon"},"origin":"test/golden/cases/isolation.otop:20:1"},
  {"op":{"kind":"link.up","ns":"giso.daemon","dev":"lo"},"origin":"test/golden/cases/isolation.otop:20:1"},
  {"op":{"kind":"link.alias","ns":"giso.db","dev":"lo","alias":"opentop:giso:db"},"origin":"test/golden/cases/isolation.otop:32:1"},
  {"op":{"kind":"link.up","ns":"giso.db","dev":"lo"},"origin":"test/golden/cases/isolation.otop:32:1"},
  {"op":{"kind":"addr.add","ns":"giso.db","dev":"eth0","cidr":"10.0.0.3/24","family":4},"origin":"test/golden/cases/isolation.otop:35:15"},
  {"op":{"kind":"link.nolinklocal","ns":"giso.db","dev":"eth0"},"origin":"test/golden/cases/isolation.otop:35:3"},
  {"op":{"kind":"link.up","ns":"giso.db","dev":"eth0"},"origin":"test/golden/cases/isolation.otop:35:3"},
  {"op":{"kind":"dir.add","paths":["/run/opentop/giso/ns","/run/opentop/giso/services"]},"origin":"test/golden/cases/isolation.otop:2:5"},
  {"op":{"kind":"cgroup.add","path":"/sys/fs/cgroup/opentop/giso","scope":"lab"},"origin":"test/golden/cases/isolation.otop:2:5"},
  {"op":{"kind":"nsdir.add","path":"/run/opentop/giso/ns"},"origin":"test/golden/cases/isolation.otop:2:5"},
  {"op":{"kind":"cgroup.set","file":"/sys/fs/cgroup/opentop/cgroup.subtree_control","value":"+memory +cpu +pids"},"origin":"test/golden/cases/isolation.otop:2:5"},
  {"op":{"kind":"cgroup.set","file":"/sys/fs/cgroup/opentop/giso/cgroup.subtree_control","value":"+memory +cpu +pids"},"origin":"test/golden/cases/isolation.otop:2:5"},
  {"op":{"kind":"cgroup.add","path":"/sys/fs/cgroup/opentop/giso/web","scope":"node"},"origin":"test/golden/cases/isolation.otop:12:1"},
  {"op":{"kind":"cgroup.add","path":"/sys/fs/cgroup/opentop/giso/daemon","scope":"node"},"origin":"test/golden/cases/isolation.otop:20:1"},
  {"op":{"kind":"ns.files","node":"store","paths":["/run/opentop/giso/ns/store.mnt"]},"origin":"test/golden/cases/isolation.otop:25:1"},
  {"op":{"kind":"cgroup.add","path":"/sys/fs/cgroup/opentop/giso/db","scope":"node"},"origin":"test/golden/cases/isolation.otop:32:1"},
  {"op":{"kind":"ns.files","node":"db","paths":["/run/opentop/giso/ns/db.uts","/run/opentop/giso/ns/db.ipc","/run/opentop/giso/ns/db.cgroup","/run/opentop/giso/ns/db.pid","/run/opentop/giso/ns/db.mnt"]},"origin":"test/golden/cases/isolation.otop:32:1"},
  {"op":{"kind":"ns.files","node":"named","paths":["/run/opentop/giso/ns/named.uts"]},"origin":"test/golden/cases/isolation.otop:46:1"},
  {"op":{"kind":"cgroup.set","file":"/sys/fs/cgroup/opentop/giso/web/memory.max","value":"134217728"},"origin":"test/golden/cases/isolation.otop:15:9"},
  {"op":{"kind":"cgroup.set","file":"/sys/fs/cgroup/opentop/giso/web/memory.swap.max","value":"0"},"origin":"test/golden/cases/isolation.otop:15:9"},
  {"op":{"kind":"cgroup.set","file":"/sys/fs/cgroup/opentop/giso/db/memory.max","value":"268435456"},"origin":"test/golden/cases/isolation.otop:39:9"},
  {"op":{"kind":"cgroup.set","file":"/sys/fs/cgroup/opentop/giso/db/memory.swap.max","value":"0"},"origin":"test/golden/cases/isolation.otop:39:9"},
  {"op":{"kind":"cgroup.set","file":"/sys/fs/cgroup/opentop/giso/db/cpu.max","value":"50000 100000"},"origin":"test/golden/cases/isolation.otop:39:21"},
  {"op":{"kind":"cgroup.set","file":"/sys/fs/cgroup/opentop/giso/db/pids.max","value":"100"},"origin":"test/golden/cases/isolation.otop:40:9"},
  {"op":{"kind":"ns.create","node":"store","mnt":"/run/opentop/giso/ns/store.mnt","join":[],"release":["/run/opentop/giso/ns/store.mnt"]},"origin":"test/golden/cases/isolation.otop:25:1"},
  {"op":{"kind":"ns.create","node":"db","uts":"/run/opentop/giso/ns/db.uts","ipc":"/run/opentop/giso/ns/db.ipc","cgroup":"/run/opentop/giso/ns/db.cgroup","mnt":"/run/opentop/giso/ns/db.mnt","join":["/sys/fs/cgroup/opentop/giso/db/cgroup.procs"],"release":["/run/opentop/giso/ns/db.uts","/run/opentop/giso/ns/db.ipc","/run/opentop/giso/ns/db.cgroup","/run/opentop/giso/ns/db.pid","/run/opentop/giso/ns/db.mnt"]},"origin":"test/golden/cases/isolation.otop:32:1"},
  {"op":{"kind":"ns.create","node":"named","uts":"/run/opentop/giso/ns/named.uts","join":[],"release":["/run/opentop/giso/ns/named.uts"]},"origin":"test/golden/cases/isolation.otop:46:1"},
  {"op":{"kind":"uts.hostname","node":"db","uts":"/run/opentop/giso/ns/db.uts","hostname":"database"},"origin":"test/golden/cases/isolation.otop:34:3"},
  {"op":{"kind":"uts.hostname","node":"named","uts":"/run/opentop/giso/ns/named.uts","hostname":"named"},"origin":"test/golden/cases/isolation.otop:46:1"},
  {"op":{"kind":"mount.add","node":"store","enter":{"mnt":"/run/opentop/giso/ns/store.mnt"},"type":"tmpfs","source":"opentop:giso:store","target":"/var/cache","options":["size=33554432"]},"origin":"test/golden/cases/isolation.otop:27:3"},
  {"op":{"kind":"mount.add","node":"db","enter":{"mnt":"/run/opentop/giso/ns/db.mnt"},"type":"bind","source":"/srv/rootfs","target":"/srv/rootfs","options":[]},"origin":"test/golden/cases/isolation.otop:36:3"},
  {"op":{"kind":"mount.add","node":"store","enter":{"mnt":"/run/opentop/giso/ns/store.mnt"},"type":"bind","source":"/srv/data","target":"/mnt","options":["ro"]},"origin":"test/golden/cases/isolation.otop:28:3"},
  {"op":{"kind":"mount.add","node":"db","enter":{"net":"/run/netns/giso.db","mnt":"/run/opentop/giso/ns/db.mnt"},"type":"sysfs","source":"opentop:giso:db","target":"/srv/rootfs/sys","options":[]},"origin":"test/golden/cases/isolation.otop:36:3"},
  {"op":{"kind":"mount.add","node":"db","enter":{"mnt":"/run/opentop/giso/ns/db.mnt"},"type":"rbind","source":"/dev","target":"/srv/rootfs/dev","options":[]},"origin":"test/golden/cases/isolation.otop:36:3"},
  {"op":{"kind":"mount.add","node":"db","enter":{"mnt":"/run/opentop/giso/ns/db.mnt"},"type":"tmpfs","source":"opentop:giso:db","target":"/srv/rootfs/var/lib/db","options":["size=67108864"]},"origin":"test/golden/cases/isolation.otop:37:3"},
  {"op":{"kind":"mount.add","node":"db","enter":{"mnt":"/run/opentop/giso/ns/db.mnt"},"type":"bind","source":"/usr","target":"/srv/rootfs/usr","options":["ro"]},"origin":"test/golden/cases/isolation.otop:38:3"},
  {"op":{"kind":"init.start","node":"db","enter":{"net":"/run/netns/giso.db","uts":"/run/opentop/giso/ns/db.uts","ipc":"/run/opentop/giso/ns/db.ipc","cgroup":"/run/opentop/giso/ns/db.cgroup","mnt":"/run/opentop/giso/ns/db.mnt"},"join":["/sys/fs/cgroup/opentop/giso/db/cgroup.procs"],"log":"/run/opentop/giso/services/db.init.log","pidfile":"/run/opentop/giso/services/db.init.pid","pidns":"/run/opentop/giso/ns/db.pid","mark":"opentop:giso:db:init"},"origin":"test/golden/cases/isolation.otop:32:1"},
  {"op":{"kind":"mount.add","node":"db","enter":{"pid":"/run/opentop/giso/ns/db.pid","mnt":"/run/opentop/giso/ns/db.mnt"},"type":"proc","source":"opentop:giso:db","target":"/srv/rootfs/proc","options":[]},"origin":"test/golden/cases/isolation.otop:32:1"},
  {"op":{"kind":"root.pivot","node":"db","enter":{"pid":"/run/opentop/giso/ns/db.pid","mnt":"/run/opentop/giso/ns/db.mnt"},"dir":"/srv/rootfs"},"origin":"test/golden/cases/isolation.otop:36:3"},
  {"op":{"kind":"service.start","node":"web","name":"web","enter":{"net":"/run/netns/giso.web"},"join":["/sys/fs/cgroup/opentop/giso/web/cgroup.procs"],"log":"/run/opentop/giso/services/web.web.log","pidfile":"/run/opentop/giso/services/web.web.pid","status":"/run/opentop/giso/services/web.web.status","mark":"opentop:giso:web:web","env":["OPENTOP_LAB=giso","OPENTOP_NODE=web","OPENTOP_SERVICE=web"],"command":"python3 -m http.server 8080"},"origin":"test/golden/cases/isolation.otop:14:3"},
  {"op":{"kind":"service.start","node":"daemon","name":"run1","enter":{"net":"/run/netns/giso.daemon"},"join":["/sys/fs/cgroup/opentop/giso/daemon/cgroup.procs"],"log":"/run/opentop/giso/services/daemon.run1.log","pidfile":"/run/opentop/giso/services/daemon.run1.pid","status":"/run/opentop/giso/services/daemon.run1.status","mark":"opentop:giso:daemon:run1","env":["OPENTOP_LAB=giso","OPENTOP_NODE=daemon","OPENTOP_SERVICE=run1"],"command":"setsid sleep 1000 &"},"origin":"test/golden/cases/isolation.otop:21:3"},
  {"op":{"kind":"service.start","node":"db","name":"db","enter":{"net":"/run/netns/giso.db","uts":"/run/opentop/giso/ns/db.uts","ipc":"/run/opentop/giso/ns/db.ipc","cgroup":"/run/opentop/giso/ns/db.cgroup","pid":"/run/opentop/giso/ns/db.pid","mnt":"/run/opentop/giso/ns/db.mnt"},"join":["/sys/fs/cgroup/opentop/giso/db/cgroup.procs"],"log":"/run/opentop/giso/services/db.db.log","pidfile":"/run/opentop/giso/services/db.db.pid","status":"/run/opentop/giso/services/db.db.status","mark":"opentop:giso:db:db","env":["OPENTOP_LAB=giso","OPENTOP_NODE=db","OPENTOP_SERVICE=db"],"command":"exec sleep 1000"},"origin":"test/golden/cases/isolation.otop:41:3"},
  {"op":{"kind":"service.start","node":"db","name":"run1","enter":{"net":"/run/netns/giso.db","uts":"/run/opentop/giso/ns/db.uts","ipc":"/run/opentop/giso/ns/db.ipc","cgroup":"/run/opentop/giso/ns/db.cgroup","pid":"/run/opentop/giso/ns/db.pid","mnt":"/run/opentop/giso/ns/db.mnt"},"join":["/sys/fs/cgroup/opentop/giso/db/cgroup.procs"],"log":"/run/opentop/giso/services/db.run1.log","pidfile":"/run/opentop/giso/services/db.run1.pid","status":"/run/opentop/giso/services/db.run1.status","mark":"opentop:giso:db:run1","env":["OPENTOP_LAB=giso","OPENTOP_NODE=db","OPENTOP_SERVICE=run1"],"command":"echo '\''it'\'''\''s quoted: $HOME'\''"},"origin":"test/golden/cases/isolation.otop:42:3"},
  {"op":{"kind":"service.ready","node":"web","name":"web","ns":"giso.web","pidfile":"/run/opentop/giso/services/web.web.pid","status":"/run/opentop/giso/services/web.web.status","log":"/run/opentop/giso/services/web.web.log","seconds":30,"check":"started"},"origin":"test/golden/cases/isolation.otop:14:3"},
  {"op":{"kind":"service.ready","node":"daemon","name":"run1","ns":"giso.daemon","pidfile":"/run/opentop/giso/services/daemon.run1.pid","status":"/run/opentop/giso/services/daemon.run1.status","log":"/run/opentop/giso/services/daemon.run1.log","seconds":30,"check":"started"},"origin":"test/golden/cases/isolation.otop:21:3"},
  {"op":{"kind":"service.ready","node":"db","name":"db","ns":"giso.db","pidfile":"/run/opentop/giso/services/db.db.pid","status":"/run/opentop/giso/services/db.db.status","log":"/run/opentop/giso/services/db.db.log","seconds":30,"check":"started"},"origin":"test/golden/cases/isolation.otop:41:3"},
  {"op":{"kind":"service.ready","node":"db","name":"run1","ns":"giso.db","pidfile":"/run/opentop/giso/services/db.run1.pid","status":"/run/opentop/giso/services/db.run1.status","log":"/run/opentop/giso/services/db.run1.log","seconds":30,"check":"started"},"origin":"test/golden/cases/isolation.otop:42:3"}
 ],
 "isolation": {"web":{"aspects":["net"],"enter":{"net":"/run/netns/giso.web"},"join":["/sys/fs/cgroup/opentop/giso/web/cgroup.procs"],"limits":["memory 128M"],"services":[{"name":"web","command":"python3 -m http.server 8080","pidfile":"/run/opentop/giso/services/web.web.pid","log":"/run/opentop/giso/services/web.web.log","status":"/run/opentop/giso/services/web.web.status","mark":"opentop:giso:web:web"}]},"daemon":{"aspects":["net"],"enter":{"net":"/run/netns/giso.daemon"},"join":["/sys/fs/cgroup/opentop/giso/daemon/cgroup.procs"],"limits":[],"services":[{"name":"run1","command":"setsid sleep 1000 &","pidfile":"/run/opentop/giso/services/daemon.run1.pid","log":"/run/opentop/giso/services/daemon.run1.log","status":"/run/opentop/giso/services/daemon.run1.status","mark":"opentop:giso:daemon:run1"}]},"store":{"aspects":["mount"],"enter":{"mnt":"/run/opentop/giso/ns/store.mnt"},"join":[],"limits":[],"services":[]},"db":{"aspects":["net","uts","ipc","mount","pid","cgroup"],"enter":{"net":"/run/netns/giso.db","uts":"/run/opentop/giso/ns/db.uts","ipc":"/run/opentop/giso/ns/db.ipc","cgroup":"/run/opentop/giso/ns/db.cgroup","pid":"/run/opentop/giso/ns/db.pid","mnt":"/run/opentop/giso/ns/db.mnt"},"join":["/sys/fs/cgroup/opentop/giso/db/cgroup.procs"],"hostname":"database","root":"/srv/rootfs","limits":["memory 256M","cpu 0.5","pids 100"],"init":{"pidfile":"/run/opentop/giso/services/db.init.pid","log":"/run/opentop/giso/services/db.init.log","mark":"opentop:giso:db:init"},"services":[{"name":"db","command":"exec sleep 1000","pidfile":"/run/opentop/giso/services/db.db.pid","log":"/run/opentop/giso/services/db.db.log","status":"/run/opentop/giso/services/db.db.status","mark":"opentop:giso:db:db"},{"name":"run1","command":"echo '\''it'\'''\''s quoted: $HOME'\''","pidfile":"/run/opentop/giso/services/db.run1.pid","log":"/run/opentop/giso/services/db.run1.log","status":"/run/opentop/giso/services/db.run1.status","mark":"opentop:giso:db:run1"}]},"named":{"aspects":["uts"],"enter":{"uts":"/run/opentop/giso/ns/named.uts"},"join":[],"hostname":"named","limits":[],"services":[]}}
}
'

# why PROGRAM: sets $why and $package, for the message when PROGRAM is missing.
why() {
  case $1 in
    ip) why='this lab creates namespaces, links, addresses and routes with it' package=iproute2 ;;
    nsenter) why='this lab runs programs inside its namespaces with it' package=util-linux ;;
    mkdir) why='the lab keeps its record and files under /run/opentop' package=coreutils ;;
    mount) why='this lab mounts file systems in its nodes' package=mount ;;
    tee) why='this lab writes cgroup limits' package=coreutils ;;
    touch) why='this lab keeps namespace files, and its record'\''s time of birth' package=coreutils ;;
    unshare) why='this lab creates namespaces besides the network'\''s, or tries its kernel features and rulesets first' package=util-linux ;;
    sh) why='this lab'\''s steps include small sh programs' package=dash ;;
    hostname) why='a node of this lab has its own hostname' package=hostname ;;
    sleep) why='this lab waits for processes to start or stop' package=coreutils ;;
    pivot_root) why='a node of this lab has its own root' package=util-linux ;;
    umount) why='this lab mounts file systems in its nodes' package=mount ;;
    setsid) why='this lab runs services' package=util-linux ;;
    env) why='this lab runs services' package=coreutils ;;
    cat) why='the script reads the kernel'\''s limits, and process and cgroup state' package=coreutils ;;
    tail) why='this lab reports the last lines of a failing service'\''s log' package=coreutils ;;
    sed) why='this lab stops its processes by their marks' package=sed ;;
    tr) why='this lab stops its processes by their marks' package=coreutils ;;
    mountpoint) why='this lab keeps namespaces with bind mounts' package=util-linux ;;
    stat) why='this lab unmounts only what it mounted' package=coreutils ;;
    rm) why='the lab removes its record and files' package=coreutils ;;
    rmdir) why='this lab removes its directories and cgroups' package=coreutils ;;
    ln) why='the script keeps its lock and record with it' package=coreutils ;;
    readlink) why='the script keeps its lock and record with it' package=coreutils ;;
    mv) why='this lab saves the state of a host interface it moves in' package=coreutils ;;
    date) why='the script keeps its lock and record with it' package=coreutils ;;
    find) why='the script tells what the lab made from what it did not' package=findutils ;;
    *) why='this script runs it' package=$1 ;;
  esac
}