# The machinery every standalone script shares (`opentop build` appends it, unchanged, to a
# lab's own part): messages, programs, the lock and the record, status, and the commands.
# The lab's part defines what differs: LAB and its paths, NEED_UP/NEED_DOWN/NEED_STATUS,
# NEED_TEST, NAMESPACES, KIB_PER_NAMESPACE, SUMMARY, HELP, the record's pieces (RECORD_*,
# OBJECTS), TEST_WIDTH (and TEST_ACROSS in a machine's part of a lab on several machines),
# and the functions up_plan, down_plan, left_behind, collisions, features, status_reads, the
# status functions ns_K, end_K, links_K and routes_K of each namespace K, exec_node, test_plan,
# stop_listeners, test_rows, plan_text and why.
# shellcheck shell=sh
# shellcheck disable=SC2153,SC2154 # variables the lab's part sets
# ---- the script's own machinery: messages, programs, the lock, the record -------------

interrupted=0
locked=0
naming=
runs=
me=
current=
# 1 while a record of this plan says what the lab made (down_plan's guards then take an
# object made after it, but not marked yet, as the lab's); 0: only marks count.
proved=0

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

# n_objects N: "N object" or "N objects", for messages.
n_objects() {
  if [ "$1" = 1 ]; then echo "1 object"; else echo "$1 objects"; fi
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

# tool_step LABEL COMMAND [ARG]...: step, for a step that runs none of the lab's programs
# (only the tools and OpenTop's own): in the C locale, as `opentop up` runs it, so that
# nsenter, sysctl and unshare start without reading the locale's files. A service, an init
# or a readiness check is a `step`, in the caller's locale. With $naming set (at_once, naming
# the step that failed in a runner) it only sets $current.
tool_step() {
  current=$1
  shift
  [ -z "$naming" ] || return 0
  [ "$interrupted" = 0 ] || return 1
  LC_ALL=C "$@" >/dev/null
}

# probe COMMAND...: true when COMMAND succeeds; it only tries something, so it is quiet.
probe() {
  "$@" >/dev/null 2>&1
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

# proc_fields PID: sets $fields to the fields of /proc/PID/stat after the command name (the
# first is field 3, the state); false when there is no such process. PID may be `self`.
proc_fields() {
  stat=
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null
  # The command name is in parentheses and may contain spaces: split after the last one.
  fields=${stat##*')'}
  [ -n "$stat" ]
}

# proc_start PID: sets $start to the start time of process PID (field 22 of /proc/PID/stat);
# false when there is no such process.
proc_start() {
  start=
  proc_fields "$1" || return 1
  # shellcheck disable=SC2086 # splitting into fields is the point
  set -- $fields
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

# number FILE: sets $number to the integer FILE holds; false when it holds none (or is not
# there). With cat: a sysctl file under /proc/sys answers only a read from its start, and
# `read` takes a byte at a time.
number() {
  number=$(cat "$1" 2>/dev/null)
  case $number in
    '' | *[!0-9]*) return 1 ;;
  esac
}

# capacity: false when this machine cannot hold the lab's NAMESPACES network namespaces, as
# `opentop up` checks it before anything is created: the kernel's limit of namespaces, of
# mounts (each named namespace is one) and its available memory. What /proc does not say
# does not refuse.
capacity() {
  named=0
  for ns in /run/netns/*; do
    [ -e "$ns" ] && named=$((named + 1))
  done
  mounts=0
  while read -r _; do mounts=$((mounts + 1)); done </proc/self/mountinfo
  available=
  while read -r key value _; do
    [ "$key" = MemAvailable: ] && available=$value
  done </proc/meminfo
  max_ns=
  number /proc/sys/user/max_net_namespaces && max_ns=$number
  max_mounts=
  number /proc/sys/fs/mount-max && max_mounts=$number
  fits "$NAMESPACES" "$max_ns" "$named" "$max_mounts" "$mounts" "$available"
}

# fits WANTED MAX_NAMESPACES NAMED MAX_MOUNTS MOUNTS AVAILABLE_KIB: false, with a diagnostic
# for each limit WANTED more namespaces would exceed (an empty limit is not known).
fits() {
  fit=0
  if [ -n "$2" ] && [ $(($1 + $3)) -gt "$2" ]; then
    error OT6015 "this lab needs $1 network namespaces; the machine allows $2 in all" \
      'bring up a smaller lab, take other labs down, or raise the limit if this machine is yours' \
      "$3 named network namespaces exist already; the limit is the sysctl user.max_net_namespaces"
    fit=1
  fi
  if [ -n "$4" ] && [ $(($1 + $5)) -gt "$4" ]; then
    # shellcheck disable=SC2016 # the backquotes are the message's
    error OT6080 "this lab needs $1 mounts; the machine allows $4, and $5 are in use" \
      'bring up a smaller lab, take other labs down, or raise the limit if this machine is yours (`sysctl -w fs.mount-max=N`)' \
      'every network namespace of a lab is a mount, its name under /run/netns; the limit is the sysctl fs.mount-max'
    fit=1
  fi
  if [ -n "$6" ] && [ $(($1 * KIB_PER_NAMESPACE)) -gt "$6" ]; then
    error OT6081 "this lab needs about $((($1 * KIB_PER_NAMESPACE + 1023) / 1024)) MB of kernel memory; the machine has $(($6 / 1024)) MB available" \
      'bring up a smaller lab, or take other labs down' \
      "a node takes about $KIB_PER_NAMESPACE KiB of kernel memory (its namespace, a veth pair and its port), measured"
    fit=1
  fi
  return "$fit"
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
# A record that exists keeps its time of birth (its modification time): what the lab made
# after it is provably the lab's (born_after).
write_record() {
  if mkdir -p "$LAB_DIR" &&
    printf '%s' "$RECORD_HEAD" "$1" "$RECORD_CREATED" "$created" "$RECORD_BY" "$OBJECTS" "$RECORD_OPS" \
      >"$LAB_DIR/.record.$$.tmp" &&
    { [ ! -e "$RECORD" ] || touch -r "$RECORD" "$LAB_DIR/.record.$$.tmp"; } &&
    mv -f "$LAB_DIR/.record.$$.tmp" "$RECORD"; then
    return 0
  fi
  rm -f "$LAB_DIR/.record.$$.tmp"
  return 1
}

# register_run_dir: a run directory other than the default is noted under the default's
# .run-dirs (a link named after its path), so that `opentop gc` of any run directory sees
# this lab's record and never takes its objects for debris.
register_run_dir() {
  dir=$RUN_DIR
  case $dir in /run/opentop | /run/opentop/) return 0 ;; /*) ;; *) dir=$PWD/$dir ;; esac
  name=
  rest=$dir
  while [ -n "$rest" ]; do
    c=${rest%"${rest#?}"}
    rest=${rest#?}
    [ "$c" != / ] || c=%
    name=$name$c
  done
  mkdir -p /run/opentop/.run-dirs && { [ -L "/run/opentop/.run-dirs/$name" ] || ln -s "$dir" "/run/opentop/.run-dirs/$name"; }
}

# mounts_in DIR: sets $mounts to the mount points at or below DIR (one a line); false if none.
mounts_in() {
  mounts=
  while read -r _ _ _ _ point _; do
    case $point in "$1" | "$1"/*) mounts=$mounts$point$NL ;; esac
  done </proc/self/mountinfo
  [ -n "$mounts" ]
}

# remove_lab_dir: the lab's directory and its record, unless something OpenTop did not mount
# is mounted in it (a recursive delete would go through the mount, into what it shows), or
# it holds what OpenTop does not put there (labDirHolds in src/plan/layout.ts): a run
# directory given by mistake, a stranger's file, are not deleted with it.
remove_lab_dir() {
  if mounts_in "$LAB_DIR"; then
    error OT6016 "a mount is left in the directory of lab $LAB" \
      "unmount it (umount ${mounts%%"$NL"*}), then run \`$SELF down\` again" \
      "mounted: ${mounts%%"$NL"*}; OpenTop unmounts only what it mounted, and does not delete a directory through a mount"
    return 1
  fi
  [ -d "$LAB_DIR" ] || return 0
  strangers=$(cd "$LAB_DIR" && find . -mindepth 1 \
    ! \( -type d \( -path ./ns -o -path ./services -o -path ./nics -o -path ./probes \
    -o \( -path './test.[0-9]*' ! -path './test.*/*' \) \) \) \
    ! \( -type f \( -path ./record.json -o -path './.record.*.tmp' -o -path './ns/*.*' \
    -o -path './services/*.*.*' -o -path './nics/*' -o -path './probes/*.*.*.pid' \
    -o -path './test.[0-9]*/[lp][0-9]*.*' \) \) -print)
  if [ -n "$strangers" ]; then
    strangers=${strangers%%"$NL"*}
    error OT6092 "the directory of lab $LAB holds what OpenTop did not put there: ${strangers#./}" \
      "if it is yours, move it elsewhere; then run \`$SELF down\` again" \
      "it is $LAB_DIR; OpenTop deletes only what it puts in a lab's directory"
    return 1
  fi
  rm -rf "$LAB_DIR"
}

# born_after PATH: PATH (a namespace's file: the kernel's time of its making) was made at or
# after the lab's record, while a record of this plan proves what the lab made ($proved).
# The record is opened once, and its times read through the open file (/proc/self/fd/3): a
# record not there is no proof (the open fails), and one renamed away mid-way is still the
# one compared with, where bash's `-nt` by name would take a missing record for the oldest
# file of all.
born_after() {
  [ "$proved" = 1 ] || return 1
  { born_cmp "$1" 3<"$RECORD"; } 2>/dev/null
}

# born_cmp PATH: born_after, the record open on descriptor 3. The shell's own test answers
# without a process where the two times differ as far as it can tell; where they do not
# (busybox compares whole seconds only; a shell without -nt says neither), GNU find, to the
# nanosecond, decides (-H: the file the descriptor is open on). Another find (busybox's)
# compares whole seconds too: then a tie proves nothing, and only the mark counts. -nt is
# POSIX since its 2024 edition.
born_cmp() {
  # shellcheck disable=SC3013
  if [ "$1" -nt /proc/self/fd/3 ]; then return 0; fi
  # shellcheck disable=SC3013
  if [ /proc/self/fd/3 -nt "$1" ]; then return 1; fi
  find_exact || return 1
  newer=$(find -H /proc/self/fd/3 -newer "$1") || return 1
  [ -z "$newer" ]
}

# find_exact: find is GNU find, which compares times to the nanosecond (asked once).
find_exact=
find_exact() {
  if [ -z "$find_exact" ]; then
    # shellcheck disable=SC2185 # --version: no search
    case $(find --version 2>/dev/null) in *'GNU findutils'*) find_exact=yes ;; *) find_exact=no ;; esac
  fi
  [ "$find_exact" = yes ]
}

# ns_ours NAME MARK: network namespace NAME exists and is the lab's: made after the lab's
# record (it may not be marked yet), or its loopback carries MARK. Only a namespace, or the
# empty file one leaves when unmounted: never a link (`ip netns del` would unmount what it
# names), a directory, a FIFO or a file with content.
ns_ours() {
  [ -f "/run/netns/$1" ] && [ ! -L "/run/netns/$1" ] && [ ! -s "/run/netns/$1" ] || return 1
  ! born_after "/run/netns/$1" || return 0
  lo=$(nsenter --net="/run/netns/$1" ip -o link show dev lo 2>/dev/null) || return 1
  case $lo in *" alias $2") return 0 ;; esac
  return 1
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

# taken_netns PATH: the namespace exists already (and then says so).
taken_netns() {
  [ -e "$1" ] || return 1
  error OT6002 "network namespace ${1##*/} already exists" \
    "choose another lab name, or remove the namespace if it is yours (ip netns del ${1##*/})" \
    'OpenTop never reuses or removes a namespace it did not create'
}

# sysfs_ours: /sys/class/net shows this shell's network namespace, as it does on a normal
# host: the interfaces it lists are those of /proc/self/net/dev (always the reader's
# namespace). A sysfs mounted from another namespace (or from one that is gone) shows other
# interfaces or none; then iface_exists and iface_alias ask ip. Decided once.
sysfs_net=
sysfs_ours() {
  if [ -z "$sysfs_net" ]; then
    sysfs_net=yes
    n=0
    while IFS= read -r line; do
      case $line in *:*) ;; *) continue ;; esac # the two header lines have no colon
      name=${line%%:*}
      name=${name##* }
      [ -d "/sys/class/net/$name" ] || sysfs_net=no
      n=$((n + 1))
    done 2>/dev/null </proc/self/net/dev
    m=0
    set +f
    for dir in /sys/class/net/*; do
      [ ! -d "$dir" ] || m=$((m + 1))
    done
    set -f
    [ "$n" -gt 0 ] && [ "$n" = "$m" ] || sysfs_net=no
  fi
  [ "$sysfs_net" = yes ]
}

# iface_exists DEV: the host has interface DEV.
iface_exists() {
  if sysfs_ours; then
    [ -e "/sys/class/net/$1" ]
  else
    ip link show dev "$1" >/dev/null 2>&1
  fi
}

# iface_alias DEV: sets $mark to the alias of host interface DEV (empty: none, or no DEV).
iface_alias() {
  mark=
  if sysfs_ours; then
    { read -r mark <"/sys/class/net/$1/ifalias"; } 2>/dev/null
  else
    mark=$(ip -o link show dev "$1" 2>/dev/null) || mark=
    case $mark in
      *" alias "*) mark=${mark##*" alias "} ;;
      *) mark= ;;
    esac
  fi
}

# taken_iface DEV: the host interface exists already (and then says so).
taken_iface() {
  iface_exists "$1" || return 1
  error OT6003 "interface $1 already exists on the host" \
    'give this link another host-name, or remove the interface if it is yours'
}

# taken_table FAMILY NAME: the nftables table exists already on the host (and then says so).
taken_table() {
  nft list table "$1" "$2" >/dev/null 2>&1 || return 1
  error OT4010 "nftables table $1 $2 already exists on the host" \
    "if it is left from an earlier run of this lab, \`$SELF down\` removes it; otherwise delete it (nft delete table $1 $2)" \
    'OpenTop never adds to or removes a table it did not create'
}

# taken_cgroup DIR: a cgroup of the lab exists already (left by a run whose record is gone).
taken_cgroup() {
  [ -d "$1" ] || return 1
  error OT5105 "cgroup $1 already exists" \
    "remove it once nothing runs in it: its node cgroups, then it (rmdir $1/*/ $1)" \
    'it is left from an earlier run of a lab of this name whose record is gone'
}

# iface_ours NAME MARK PEER PEERMARK: host interface NAME exists and carries MARK; or it has
# no mark yet (made, and not yet marked by the next line of its batch) and is a veth whose
# peer is in PEER, the lab's namespace of its node (ns_ours PEER PEERMARK).
iface_ours() {
  iface_exists "$1" || return 1
  iface_alias "$1"
  [ "$mark" != "$2" ] || return 0
  [ -z "$mark" ] || return 1
  link=$(ip -o -d link show dev "$1" 2>/dev/null) || return 1
  case $link in *" link-netns $3 "*) ;; *) return 1 ;; esac
  case $link in *" veth "*) ;; *) return 1 ;; esac
  ns_ours "$3" "$4"
}

# taken_saved FILE NIC: a moved interface's saved state is left from an earlier run.
taken_saved() {
  [ -e "$1" ] || return 1
  error OT6032 "the saved state of the host's $2 ($1) is left from an earlier run of this lab" \
    "\`$SELF down\` gives $2 back and restores it" \
    'a lab never moves an interface it has not given back'
}

# nic_unusable NIC USE: the host's interface NIC cannot be used (parent of a macvlan, or
# moved in): it is missing, it is a lab's, a port of a bridge or bond, or (to move) it
# carries the host's own stacked interfaces or its default route.
nic_unusable() {
  if ! iface_exists "$1"; then
    error OT6030 "the host has no interface $1" "name an interface of the host (ip link)"
    return 0
  fi
  iface_alias "$1"
  case $mark in
    opentop:*)
      error OT6031 "interface $1 of the host belongs to an OpenTop lab" \
        'a lab never uses another lab'\''s interfaces, or its own host ends'
      return 0
      ;;
  esac
  link=$(ip -o link show dev "$1" 2>/dev/null)
  case $link in
    *" master "*)
      master=${link#*" master "}
      error OT6090 "the host's $1 is a port of ${master%% *}" 'use an interface that is no port'
      return 0
      ;;
  esac
  [ "$2" = move ] || return 1
  # The host's own interfaces stacked on it (a veth's peer shows as its link too: not one).
  uppers=
  while IFS= read -r line; do
    case $line in *" veth "* | *" vxcan "* | *" netkit "*) continue ;; esac
    name=${line#*": "}
    case $name in *"@$1: "*) uppers="$uppers ${name%%@*}" ;; esac
  done <<EOF
$(ip -o -d link show 2>/dev/null)
EOF
  if [ -n "$uppers" ]; then
    error OT6091 "the host's $1 carries${uppers}" \
      'move an interface nothing is stacked on, or use a macvlan on it'
    return 0
  fi
  [ -n "$(ip route show default dev "$1" 2>/dev/null)$(ip -6 route show default dev "$1" 2>/dev/null)" ] || return 1
  error OT6033 "the host's $1 carries its default route: moving it would cut the host off" \
    'move an interface the host does not depend on, or use a macvlan on it'
}

# not_mine MACHINE ADDRESS: this machine has no address ADDRESS (and then says so): it is not
# MACHINE, whose tunnels leave from there.
not_mine() {
  case " $(ip -o addr show 2>/dev/null) " in
    *" inet $2/"* | *" inet6 $2/"*) return 1 ;;
  esac
  error OT6048 "this machine has no address $2: it is not machine $1" \
    "run machine $1's script on the machine that has $2, or give machine $1 its address"
}

# tries COMMAND...: COMMAND succeeds once in three tries (a lost packet is no verdict).
tries() {
  probe "$@" || probe "$@" || probe "$@"
}

# underlay_short MACHINE ADDRESS SIZE REACH... -- CARRY...: the underlay to MACHINE is not
# fit for the lab's tunnels (and then says why): REACH, a ping, gets no answer from ADDRESS,
# or CARRY, a ping of SIZE bytes that may not be fragmented, does not pass.
underlay_short() {
  machine=$1
  address=$2
  size=$3
  shift 3
  reach=
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    reach="$reach $1"
    shift
  done
  shift
  # shellcheck disable=SC2086 # generated words without blanks (nothing here expands file names)
  if ! tries $reach; then
    error OT6041 "machine $machine does not answer at $address" \
      "the machines must reach each other's underlay addresses; let ICMP echo and the tunnel's UDP port through their firewalls" \
      "tried before anything was created:$reach"
    return 0
  fi
  tries "$@" && return 1
  error OT6042 "the underlay to machine $machine does not carry $size-byte packets" \
    "lower the MTU of what the tunnel carries (or the machines' \`mtu\`) to what the path between them carries" \
    "a ping that may not be fragmented did not pass: $*"
}

# nic_held NETNS NAME: the node's namespace (a path) holds the moved interface as NAME.
nic_held() {
  [ -e "$1" ] && nsenter --net="$1" ip link show dev "$2" >/dev/null 2>&1
}

# nic_ours NS NSMARK NAME SAVED HEAD NIC: an interface moved into a node is the lab's while
# the lab's own node NS (ns_ours NS NSMARK) holds it as NAME — out of the lab's namespace it
# goes back to the host either way, and its state is applied only from a file whose first
# line is the move's — or (a give-back cut short) while its saved state, first line HEAD,
# waits for it back on the host as NIC.
nic_ours() {
  if nic_held "/run/netns/$1" "$3"; then
    ns_ours "$1" "$2"
    return
  fi
  [ -f "$4" ] || return 1
  first=
  { IFS= read -r first <"$4"; } 2>/dev/null
  [ "$first" = "$5" ] && iface_exists "$6"
}

# nic_left NETNS NAME SAVED: something is left of a moved interface: its saved state, or
# the node's hold of it.
nic_left() {
  [ -e "$3" ] || nic_held "$1" "$2"
}

# ---- up's stages side by side ----------------------------------------------------------

# cpu_count: sets $cpus to the number of CPUs online: 1 where getconf (not required) cannot
# say, and at most 64.
cpu_count() {
  cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null) || cpus=1
  case $cpus in '' | *[!0-9]*) cpus=1 ;; esac
  [ "$cpus" -le 64 ] || cpus=64
}

# at_once FIRST LAST: a stage's steps up_FIRST to up_LAST, which are independent, side by
# side as `opentop up` runs them: one runner a CPU in the background, each taking every
# CPU-th step. Once a step has failed or up was told to stop ($interrupted), no runner
# starts another, and each step under way runs to its end; all are waited for. False then,
# with the failing step's label in $current. With one CPU, or without getconf or mktemp
# (neither is required), one step after another. While $runs is set, up's trap makes
# $runs/stop itself: a signal that lands before the wait (as the last runner is forked) is
# not left for a runner to finish its whole share before the runners hear of it. Files in
# $runs are made with `true >FILE`, never `: >FILE`: where one cannot be made (TMPDIR out of
# inodes), the redirection error of a special built-in such as `:` ends dash and busybox.
at_once() {
  cpu_count
  runs=
  # mktemp and rm run with INT, TERM and HUP ignored, as in read_wide: a Ctrl-C would kill
  # them half-way and leave the directory; one that comes meanwhile is up's once they end.
  if [ "$cpus" -gt 1 ] && [ "$1" -lt "$2" ]; then
    runs=$(
      trap '' INT TERM HUP
      mktemp -d 2>/dev/null
    ) || runs=
  fi
  if [ -z "$runs" ]; then
    i=$1
    while [ "$i" -le "$2" ]; do
      "up_$i" || return 1
      i=$((i + 1))
    done
    return 0
  fi
  [ "$interrupted" = 0 ] || true >"$runs/stop"
  runners=
  r=0
  while [ "$r" -lt "$cpus" ] && [ $(($1 + r)) -le "$2" ]; do
    runner $(($1 + r)) "$2" "$cpus" &
    runners="$runners $!"
    r=$((r + 1))
  done
  whole=1
  for pid in $runners; do
    while :; do
      wait "$pid"
      rc=$?
      [ "$interrupted" = 0 ] || true >"$runs/stop"
      # A signal up traps (INT, TERM, HUP) cuts the wait short (a status above 128) but not
      # the runner, which is waited for again; a runner waited for is no longer there.
      if [ "$rc" -le 128 ] || ! kill -0 "$pid" 2>/dev/null; then break; fi
    done
    [ "$rc" = 0 ] || whole=
  done
  # The failing step: the first whose number a runner left (an empty file, which a full
  # TMPDIR still takes); its label is what its function says, asked without running it.
  failed=
  i=$1
  while [ -z "$failed" ] && [ "$i" -le "$2" ]; do
    [ ! -e "$runs/failed.$i" ] || failed=$i
    i=$((i + 1))
  done
  set -- "$1" "$2" "$runs"
  runs=
  (
    trap '' INT TERM HUP
    rm -rf "$3"
  )
  if [ -n "$failed" ]; then
    naming=1
    "up_$failed"
    naming=
  elif [ -z "$whole" ]; then
    current="$1 to $2 (which of them, the runners could not leave in TMPDIR)"
  fi
  [ -n "$whole" ] && [ "$interrupted" = 0 ]
}

# runner K LAST STRIDE: steps up_K, up_(K+STRIDE), … to up_LAST, in the background for
# at_once, until $runs/stop exists; false at a step that fails, whose number it leaves as
# $runs/failed.N. A SIGTERM or SIGHUP is up's to act on (it tells the runners to stop): the
# runner lives on, while the step's own process dies of it as in a step up runs itself. A
# runner whose up is gone (killed, or ended by a signal it does not trap, such as Ctrl-\'s
# SIGQUIT, which a runner ignores as it does SIGINT) starts nothing more, and removes $runs:
# the lab's lock is free then, and a `down` may be removing what it would create.
runner() {
  trap : TERM HUP
  i=$1
  while [ "$i" -le "$2" ] && [ ! -e "$runs/stop" ]; do
    if ! up_alive; then
      rm -rf "$runs"
      return 1
    fi
    if ! "up_$i"; then
      { true >"$runs/failed.$i"; true >"$runs/stop"; } 2>/dev/null
      return 1
    fi
    i=$((i + $3))
  done
}

# up_alive: in a runner, the shell of up that started it still runs, which is then its
# parent; once that shell is gone the runner's parent is another process (init or a
# subreaper), whatever PID comes to be reused. True where /proc cannot say.
up_alive() {
  proc_fields self || return 0
  # shellcheck disable=SC2086 # splitting into fields is the point
  set -- $fields
  [ $# -lt 2 ] || [ "$2" = "$$" ]
}

# ---- status: the live state, and drift from the plan -----------------------------------
#
# Every namespace is read first (status_reads: read_namespaces, one `ip -j link` and one
# `ip -batch` each: a process is what costs; read_wide, on every CPU). What they print is
# taken in at once and split into lines by the shell itself (`read` would take a system call
# a byte), then checked line by line, a namespace at a time: matching patterns against all
# of a namespace's text would take time quadratic in its size (a switch with hundreds of
# ports).

drift=0
drifts=
ns=

# read_namespaces K:NS[+tc]...: for each namespace NS (`-`: the host), a line
# `#opentop-ns K NS`, its interfaces as one line of `ip -j link` (the text form looks up the
# name of every veth peer's namespace among all of /run/netns, in each namespace: quadratic),
# then the `ip -o` lines of its addresses and, in the lab's own, its routes of every table —
# or `#opentop-missing` —, `#opentop-qdiscs`, its qdiscs when +tc asks for them, and
# `#opentop-end`. No line of ip or tc starts with `#`.
read_namespaces() {
  for arg do
    k=${arg%%:*}
    ns=${arg#*:}
    ns=${ns%+tc}
    printf '#opentop-ns %s %s\n' "$k" "$ns"
    if [ "$ns" = - ]; then
      ip -j link show
      ip -o address show
    elif [ -e "/run/netns/$ns" ]; then
      nsenter --net="/run/netns/$ns" ip -j link show
      nsenter --net="/run/netns/$ns" ip -o -batch - <<'EOF'
address show
route show table all
EOF
    else
      echo '#opentop-missing'
    fi
    echo '#opentop-qdiscs'
    case $arg in
      *+tc) if [ "$ns" = - ]; then tc qdisc show; else nsenter --net="/run/netns/$ns" tc qdisc show; fi ;;
    esac
    echo '#opentop-end'
  done
}

# read_wide K:NS[+tc]...: what read_namespaces prints, the same and in the same order, read
# by one reader a CPU at once, each a contiguous share of the namespaces into a file of its
# own (a process a namespace is what costs, and the CPUs can start them side by side); if
# any reader could not write all it read (a full or read-only disk), all are read again by
# one reader. With one CPU, few namespaces, or no mktemp or getconf (neither is required),
# one reader reads them all. It runs in a subshell (status_reads), so its traps are its own.
read_wide() {
  cpu_count
  if [ "$cpus" -lt 2 ] || [ $# -lt $((cpus * 2)) ]; then
    read_namespaces "$@"
    return
  fi
  # INT, TERM and HUP stop the readers (background jobs ignore SIGINT) and remove the
  # directory, with the three ignored so that none cuts the removal short. mktemp runs with
  # them ignored, so that none kills it between making the directory and naming it: one
  # that comes meanwhile is this shell's once mktemp is done (an ignoring shell would lose
  # it, and the shell that runs the script waits for this one before it acts on a SIGINT).
  # The readers are killed, not terminated: a signal that comes as one starts runs this trap
  # before the new subshell has let go of this shell's handlers, and a SIGTERM it gets then
  # is lost (measured, with both CPUs busy: 9 of 30 signals at mktemp's end left a reader
  # reading for seconds, which the script's caller waited for). One started but not yet
  # in $readers is $! ($forking says so). A reader leaves $readers once waited for, so that
  # its process ID, free again, is never signalled.
  readers=
  forking=
  wide=
  # shellcheck disable=SC2086 # $readers: process IDs
  trap 'trap "" INT TERM HUP; [ -z "$readers$forking" ] || kill -9 $readers ${forking:+$!} 2>/dev/null; [ -z "$wide" ] || rm -rf "$wide"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  wide=$(
    trap '' INT TERM HUP
    mktemp -d 2>/dev/null
  ) || wide=
  [ -n "$wide" ] || {
    read_namespaces "$@"
    return
  }
  per=$((($# + cpus - 1) / cpus))
  part=0
  share=
  i=0
  for arg do
    share="$share $arg"
    i=$((i + 1))
    [ "$i" -lt "$per" ] || {
      reader
      i=0
    }
  done
  [ -z "$share" ] || reader
  whole=1
  for pid in $readers; do
    wait "$pid" || whole=
    readers=${readers#" $pid"}
  done
  [ -n "$whole" ] || {
    read_namespaces "$@"
    return
  }
  i=0
  while [ "$i" -lt "$part" ]; do
    cat "$wide/$i" || return 1
    i=$((i + 1))
  done
}

# reader: read_namespaces of the namespaces in $share into file $part of $wide, in the
# background, false if it could not write it all; its process ID kept in $readers. What it
# reads is held until it is written by the shell, which knows when a write fails (ip and tc
# exit 0 even then: a full disk would cut a namespace short unseen); that failure is not
# shown, as the reads are then made again by one reader.
reader() {
  forking=1
  # shellcheck disable=SC2086 # the share's words: K:NS, without spaces or patterns
  (
    got=$(read_namespaces $share) && printf '%s\n' "$got" 2>/dev/null >"$wide/$part"
  ) &
  readers="$readers $!"
  forking=
  part=$((part + 1))
  share=
}

# drift KIND WHAT: one difference between the kernel and the plan.
drift() {
  drift=$((drift + 1))
  drifts=$drifts$(printf '  %-7s %s (in %s)' "$1" "$2" "${ns:-the host}")$NL
}

# status_check: every namespace's live interfaces, addresses, routes and qdiscs (the
# sections of read_namespaces), each checked against what the plan creates: missing, changed and extra. A
# section starts namespace K (ns_K says which), its lines are shown and checked, and at its
# end what the plan makes there is checked by end_K.
status_check() {
  all=$(status_reads) || return 1
  keep=$IFS
  IFS=$NL
  for line in $all; do
    IFS=$keep
    case $line in
      '#opentop-ns '*)
        k=${line#"#opentop-ns "}
        k=${k%% *}
        "ns_$k"
        ;;
      '#opentop-missing') present= ;;
      '#opentop-qdiscs') section=qdiscs ;;
      '#opentop-end') section_end ;;
      *) if [ "$section" = ip ]; then ip_line "$line"; else qtext=$qtext$line$NL; fi ;;
    esac
  done
  IFS=$keep
}

# look TITLE NS LINKS [ROUTED]: a namespace's section begins (NS empty: the host, where only
# the lab's interfaces count; ROUTED: the plan makes routes there). Its interfaces are checked
# against the plan as they come (link_line, by the functions LINKS names), and no other may
# be in a namespace of the lab's own; its addresses are kept as " DEV=CIDR ..." in $have for
# want_addr (a name has no space, a CIDR no `=`), its unicast routes in $routes, its qdiscs
# in $qtext.
look() {
  printf '%s\n' "$1"
  ns=$2
  links=$3
  routed=${4-}
  present=1
  section=ip
  ours=' '
  have=' '
  wanted=' '
  unclaimed=
  qlines=
  qtext=
  shown=
  routes=
  said=
  said_at=
}

# section_end: the namespace's interfaces shown (each with its addresses, or its bridge),
# then its routes; end_K checks the rest (false: the namespace is missing, and that is all).
section_end() {
  if [ -z "$present" ]; then
    echo '  missing'
    drift missing "namespace $ns"
    return 0
  fi
  while read -r dev state extra; do
    [ -n "$dev" ] || continue
    if [ -z "$extra" ]; then
      # shellcheck disable=SC2086 # its words (nothing here expands file names)
      for a in $have; do
        case ${a%=*} in "$dev") extra="$extra ${a##*=}" ;; esac
      done
    fi
    printf '  %-16s %-5s%s\n' "$dev" "$state" "$extra"
  done <<EOF
$shown
EOF
  [ -z "$ns" ] || keep_routes "$routes"
  "end_$k"
}

# ip_line LINE: the interfaces (`ip -j link`, a JSON array), an address of `ip -o` (it
# starts with its interface's index and ": "), or a route: kept when unicast (its first word
# says its type otherwise), whatever its table (keep_routes reads that, as every word after
# the destination can be an interface's name too).
ip_line() {
  case $1 in
    '['*)
      links_json "$1"
      return 0
      ;;
  esac
  case ${1%%": "*} in
    '' | *[!0-9]*) ;;
    *)
      addr_line "$1"
      return 0
      ;;
  esac
  case $1 in
    unreachable\ * | blackhole\ * | prohibit\ * | throw\ * | local\ * | broadcast\ * | multicast\ * | anycast\ * | nat\ *) ;;
    *) routes=$routes$1$NL ;;
  esac
}

# links_json JSON: each interface of `ip -j link`, checked by link_line. The array is split at
# each `}`; a piece that does not open the next interface's object (`,{"ifindex":`, which no
# string holds, as a string's quotes are escaped) continues the one before: a `}` in a name
# or an alias, or the end of an object within it.
links_json() {
  keep=$IFS
  IFS='}'
  # shellcheck disable=SC2086 # splitting into pieces is the point (nothing expands file names)
  set -- $1
  IFS=$keep
  object=
  for piece do
    case $piece in
      ',{"ifindex":'* | '[{"ifindex":'*)
        [ -z "$object" ] || link_object "$object"
        object=$piece
        ;;
      ']') ;;
      *) object=$object'}'$piece ;;
    esac
  done
  [ -z "$object" ] || link_object "$object"
}

# link_object OBJECT: an interface of `ip -j link`, as link_line takes it: its name in $dev,
# its bridge in $master (both printable, as they are shown: no name of the plan's needs an
# escape), and in $line " <FLAGS> mtu M qdisc Q master B link/TYPE MAC ", the words of `ip -o
# link` after the name (which want_link reads: a name could be any of them). It asks for its
# fields in the order ip prints them (json_seek).
link_object() {
  json_after=
  json_string "$1" ifname || return 0
  case $field in
    *[!\ -~]*)
      printable "$field"
      dev=$printed
      ;;
    *) dev=$field ;;
  esac
  json_field "$1" flags ']'
  flags=
  IFS=,
  for flag in ${field#[}; do
    flag=${flag#'"'}
    flags=$flags${flags:+,}${flag%'"'}
  done
  IFS=$keep
  json_field "$1" mtu ,
  line=" <$flags> mtu $field"
  json_field "$1" qdisc '"' && line="$line qdisc $field"
  master=
  if json_string "$1" master; then
    case $field in
      *[!\ -~]*)
        printable "$field"
        master=$printed
        ;;
      *) master=$field ;;
    esac
    line="$line master $master"
  fi
  json_field "$1" link_type '"' && line="$line link/$field"
  json_field "$1" address '"' && line="$line $field"
  line="$line "
  link_line
}

# json_field OBJECT KEY END: sets $field to the value of KEY in a JSON object of ip's (a
# string without its quotes, up to END, or a number or list up to END); false when absent.
# Only for values that have no escapes: json_string reads the others.
json_field() {
  json_seek "$1" "$2" || return 1
  field=${field#'"'}
  field=${field%%"$3"*}
}

# json_string OBJECT KEY: sets $field to the string KEY names in a JSON object of ip's,
# unescaped; false when absent.
json_string() {
  json_seek "$1" "$2" || return 1
  case $field in
    '"'*) field=${field#'"'} ;;
    *)
      field=
      return 1
      ;;
  esac
  case ${field%%'"'*} in
    *\\*) json_unescape ;;
    *) field=${field%%'"'*} ;;
  esac
}

# json_seek OBJECT KEY: sets $field to what follows `"KEY":` in a JSON object of ip's (a
# key's quoted name followed by a colon is never in a string, where every quote is
# escaped); false when absent. dash removes a prefix (${OBJECT#*"\"KEY\":"}) in time that
# grows with the square of its length: 4.6 M instructions an interface of a bridge, its
# fields each looked for from the object's start. ip prints an interface's keys in one
# order, in which link_object asks for them, so each is looked for first after the last one
# found ($json_after, which link_object empties), and only then from the start.
json_seek() {
  case $json_after in
    *"\"$2\":"*) field=${json_after#*"\"$2\":"} ;;
    *)
      case $1 in
        *"\"$2\":"*) field=${1#*"\"$2\":"} ;;
        *)
          field=
          return 1
          ;;
      esac
      ;;
  esac
  json_after=$field
}

# json_unescape: $field, a JSON string's text after its opening quote, becomes the string.
# ip escapes a quote, a backslash and the control characters that have a letter, of which
# a name can hold only a backspace (the others are white space).
json_unescape() {
  rest=$field
  field=
  while :; do
    chunk=${rest%%[\"\\]*}
    field=$field$chunk
    rest=${rest#"$chunk"}
    case $rest in
      \\?*)
        c=${rest#?}
        rest=${c#?}
        c=${c%"$rest"}
        [ "$c" != b ] || c=$(printf '\b')
        field=$field$c
        ;;
      *) return 0 ;;
    esac
  done
}

# printable TEXT: sets $printed to TEXT as OpenTop prints what the kernel names (`printable`,
# src/diagnostics/render.ts): control characters (but a tab), DEL, C1 controls and
# bidirectional overrides and isolates as \uXXXX, a line break as \n and a carriage return
# as \r, so that an interface a process in a node named x\033[2J cannot drive the terminal;
# and bytes that are not UTF-8 as U+FFFD, one a maximal ill-formed part, as Node decodes
# what ip prints. Nearly every name is printable ASCII, which needs nothing: a caller asks
# first, with `case TEXT in *[!\ -~]*) printable TEXT ;; *) printed=TEXT ;; esac` (a call is
# a command, 2-3 us in a large lab's script, and this is asked of every name). It reads a byte
# at a time: cmd_status sets LC_ALL=C, as bash and busybox sh match characters in a UTF-8
# locale, and no byte that is none of UTF-8's.
printable() {
  case ${u_c0-} in '') printable_patterns ;; esac
  printed=
  u_rest=$1
  while :; do
    u_run=${u_rest%%[!\ -~]*}
    printed=$printed$u_run
    u_rest=${u_rest#"$u_run"}
    case $u_rest in '') return 0 ;; esac
    u_c=${u_rest%"${u_rest#?}"}
    u_rest=${u_rest#?}
    # shellcheck disable=SC2254 # $u_c0 is a pattern
    case $u_c in
      "$u_tab") printed=$printed$u_c ;;
      "$NL") printed="$printed\\n" ;;
      "$u_cr") printed="$printed\\r" ;;
      "$u_del") printed="$printed\\u007f" ;;
      $u_c0)
        u_at=${u_c0s%%"$u_c"*}
        hex_of $((${#u_at} + 1))
        printed="$printed\\u00$u_hex"
        ;;
      *) utf8_char ;;
    esac
  done
}

# utf8_char: the byte $u_c (128 or more) and those after it ($u_rest) are a character of
# UTF-8, which printable keeps or escapes, or are none: U+FFFD for the longest
# beginning that could have been one (its lead and the bytes after it UTF-8 allows there).
utf8_char() {
  case $u_c$u_rest in
    $u_c1*)
      u_b=${u_rest%"${u_rest#?}"}
      u_at=${u_c1s%%"$u_b"*}
      hex_of $((${#u_at} + 128))
      printed="$printed\\u00$u_hex"
      u_rest=${u_rest#?}
      ;;
    $u_bidi* | $u_isol*)
      u_b=${u_rest#?}
      u_b=${u_b%"${u_b#?}"}
      case $u_c$u_rest in
        $u_bidi*) u_at=${u_bidis%%"$u_b"*} u_v=8234 ;;
        *) u_at=${u_isols%%"$u_b"*} u_v=8294 ;;
      esac
      hex_of $((${#u_at} + u_v))
      printed="$printed\\u$u_hex"
      u_rest=${u_rest#??}
      ;;
    $u_4a* | $u_4b* | $u_4c*)
      printed=$printed$u_c${u_rest%"${u_rest#???}"}
      u_rest=${u_rest#???}
      ;;
    $u_3a* | $u_3b* | $u_3c*)
      printed=$printed$u_c${u_rest%"${u_rest#??}"}
      u_rest=${u_rest#??}
      ;;
    $u_2*)
      printed=$printed$u_c${u_rest%"${u_rest#?}"}
      u_rest=${u_rest#?}
      ;;
    $u_4a3* | $u_4b3* | $u_4c3*)
      printed=$printed$u_bad
      u_rest=${u_rest#??}
      ;;
    $u_3a2* | $u_3b2* | $u_3c2* | $u_4a2* | $u_4b2* | $u_4c2*)
      printed=$printed$u_bad
      u_rest=${u_rest#?}
      ;;
    *) printed=$printed$u_bad ;;
  esac
}

# hex_of N: sets $u_hex to N in hexadecimal (lowercase), of two digits at least.
hex_of() {
  u_hex=
  u_v=$1
  while :; do
    case $((u_v % 16)) in
      10) u_hex=a$u_hex ;;
      11) u_hex=b$u_hex ;;
      12) u_hex=c$u_hex ;;
      13) u_hex=d$u_hex ;;
      14) u_hex=e$u_hex ;;
      15) u_hex=f$u_hex ;;
      *) u_hex=$((u_v % 16))$u_hex ;;
    esac
    u_v=$((u_v / 16))
    case $u_v$u_hex in 0??*) return 0 ;; esac
  done
}

# printable_patterns: the bytes printable looks for, made once (by one printf): the
# control characters \001-\037 in order, the second bytes of the C1 controls and the third
# of the bidirectional overrides and isolates (whose place says which), patterns of each of
# these, of UTF-8's characters of 2, 3 and 4 bytes — a lead and the second bytes it allows,
# the bytes after those — and U+FFFD, a tab, a carriage return and DEL.
printable_patterns() {
  u_keep=$IFS
  IFS=/
  # shellcheck disable=SC2046 # split at each `/`, which none of these bytes is (nothing here expands file names)
  set -- $(printf '\001\002\003\004\005\006\007\010\011\012\013\014\015\016\017\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037/[\001-\037]/'\
'\200\201\202\203\204\205\206\207\210\211\212\213\214\215\216\217\220\221\222\223\224\225\226\227\230\231\232\233\234\235\236\237/\302[\200-\237]/'\
'\252\253\254\255\256/\342\200[\252-\256]/\246\247\250\251/\342\201[\246-\251]/[\302-\337][\200-\277]/'\
'\340[\240-\277]/[\341-\354\356\357][\200-\277]/\355[\200-\237]/\360[\220-\277]/[\361-\363][\200-\277]/\364[\200-\217]/'\
'[\200-\277]/\357\277\275/\011/\015/\177')
  IFS=$u_keep
  u_c0s=$1 u_c0=$2 u_c1s=$3 u_c1=$4 u_bidis=$5 u_bidi=$6 u_isols=$7 u_isol=$8 u_2=$9
  shift 9
  u_3a2=$1 u_3b2=$2 u_3c2=$3 u_4a2=$4 u_4b2=$5 u_4c2=$6 u_cont=$7 u_bad=$8 u_tab=$9
  shift 9
  u_cr=$1 u_del=$2
  u_3a=$u_3a2$u_cont u_3b=$u_3b2$u_cont u_3c=$u_3c2$u_cont
  u_4a3=$u_4a2$u_cont u_4b3=$u_4b2$u_cont u_4c3=$u_4c2$u_cont
  u_4a=$u_4a3$u_cont u_4b=$u_4b3$u_cont u_4c=$u_4c3$u_cont
}

# link_line: checks interface $dev (its bridge $master, its words $line, from link_object)
# of the namespace being looked at against the plan, by the functions $links names, one a
# bridge (a port is looked for among its bridge's first): a lookup is as long as a bridge
# has ports, not as the lab has interfaces, whose square would make a large lab's status
# slow. Another interface is extra, but on the host, where only the lab's count.
link_line() {
  if "$links" "$dev" "$master"; then
    ours="$ours$dev "
  else
    [ -n "$ns" ] || return 0
    drift extra "interface $dev"
  fi
  flags=${line#*<}
  case ,${flags%%>*}, in
    *,UP,*) state=up ;;
    *) state=down ;;
  esac
  if [ -n "$master" ]; then
    shown="$shown$dev $state (port of $master)$NL"
  else
    shown="$shown$dev $state$NL"
  fi
}

# addr_line LINE: a line of `ip -o addr` (N: DEV inet|inet6 CIDR ... scope S ...), where an
# address with a peer is "LOCAL peer PEER/LEN", named LOCAL/LEN as `opentop status` names it;
# only the addresses of global scope are the lab's, as in `opentop status`, and on the host
# only those of the lab's interfaces. The name is as ip printed it (`-o addr` adds no @PEER),
# made printable as link_object makes it.
addr_line() {
  case $1 in *" scope global "*) ;; *) return 0 ;; esac
  # shellcheck disable=SC2086 # the line's words (nothing here expands file names)
  set -- $1
  case $2 in *[!\ -~]*) printable "$2" ;; *) printed=$2 ;; esac
  if [ -z "$ns" ]; then
    case $ours in *" $printed "*) ;; *) return 0 ;; esac
  fi
  if [ "$5" = peer ]; then
    have="$have$printed=$4/${6##*/} "
  else
    have="$have$printed=$4 "
  fi
}

# keep_routes TEXT: the routes of the main table among TEXT (lines of `ip -o route`, unicast),
# each read by route_parse and given to routes_K (which marks the plan's routes it is); those
# a lab may have made — neither the kernel's own (a connected subnet) nor a router
# advertisement's — shown, and named in $unclaimed when they are none of the plan's. Where
# the plan makes no route ($routed empty), the kernel's own are not even read. (Here and in
# what it calls, `case` rather than `[`: a line of a large lab's costs no command lookup.)
keep_routes() {
  while IFS= read -r line; do
    # Only `proto` can be followed by `kernel` or `ra` (no word of a route line is either,
    # and an interface's name follows `dev`).
    case " $line " in
      '  ') continue ;;
      *' proto kernel '* | *' proto ra '*)
        case $routed in '') continue ;; esac
        route_parse "$line"
        # Neither shown nor ever extra, but it may be a route of the plan (a connected
        # subnet's), as `opentop status` takes it.
        case $r_table in '') "routes_$k" || : ;; esac
        continue
        ;;
    esac
    route_parse "$line"
    case $r_table in '') ;; *) continue ;; esac
    case $line in *[!\ -~]*) printable "$line" ;; *) printed=$line ;; esac
    printf '  route %s\n' "$printed"
    "routes_$k" || unclaimed_route
  done <<EOF
$1
EOF
}

# route_parse LINE: a line of `ip -o route`, read word by word, as `opentop status` reads
# ip's JSON: $r_dest its destination as a prefix (0.0.0.0/0 for `default`), $r_via its
# gateway, $r_dev its interface (printable), $r_metric, $r_table (empty: main), and for a route of
# several paths $r_paths ("/PATH/PATH/", each "[via G ]dev D weight W": no gateway or
# interface has a `/`) and $r_hops (","-joined, as drift names them). A gateway of the other
# family (an IPv4 route's `via inet6 G`) is "inet6 G", as ip prints it and `opentop status`
# names ip's JSON's "via" object. The route's family is its destination's, else its first
# gateway's of its own family, else IPv6 when it has a preference (which the kernel gives
# every IPv6 route and no IPv4 one). A word that takes a value ($key) takes the next,
# whatever it is: an interface may be called `metric`.
route_parse() {
  # shellcheck disable=SC2086 # the line's words (nothing here expands file names)
  set -- $1
  r_dest=$1
  shift
  r_via=
  r_dev=
  r_metric=
  r_table=
  r_paths=
  r_hops=
  gateway=
  pref=
  hop=
  key=
  for word do
    case $key in
      '')
        case $word in
          via | dev | weight | metric | table | pref | proto | scope | src | from | tos | nhid | realms | expires) key=$word ;;
          nexthop)
            case $hop in 1) route_hop ;; esac
            hop=1
            weight=1
            ;;
        esac
        continue
        ;;
      via)
        case $word in
          *[.:]*)
            r_via=$word
            gateway=${gateway:-$word}
            ;;
          *)
            # A family's name: its address follows, and says nothing of the route's family.
            r_via=$word
            key=host
            continue
            ;;
        esac
        ;;
      host) r_via="$r_via $word" ;;
      dev)
        case $word in
          *[!\ -~]*)
            printable "$word"
            r_dev=$printed
            ;;
          *) r_dev=$word ;;
        esac
        ;;
      weight) weight=$word ;;
      metric) r_metric=$word ;;
      table) case $word in main) ;; *) r_table=$word ;; esac ;;
      pref) pref=1 ;;
    esac
    key=
  done
  case $hop in 1) route_hop ;; esac
  # ip prints no metric where it is 0 (IPv4's default; every IPv6 route has one).
  r_metric=${r_metric:-0}
  case $r_dest in
    */*) ;;
    default)
      case $gateway/$pref in
        *:*/* | /1) r_dest=::/0 ;;
        *) r_dest=0.0.0.0/0 ;;
      esac
      ;;
    *:*) r_dest=$r_dest/128 ;;
    *) r_dest=$r_dest/32 ;;
  esac
}

# route_hop: the path route_parse has read (after `nexthop`) joins $r_paths and $r_hops.
route_hop() {
  path="dev $r_dev weight $weight"
  case $r_via in ?*) path="via $r_via $path" ;; esac
  r_paths=${r_paths:-/}$path/
  r_hops="$r_hops${r_hops:+,} $path"
  r_via=
  r_dev=
}

# unclaimed_route: the route route_parse read is none of the plan's: named in $unclaimed,
# once, as `opentop status` names it (its metric too, but IPv6's default 1024, which ip
# prints on every IPv6 route). Routes that drift names alike (they differ in protocol, or
# one at IPv6's 1024 and one without) have one destination, and the kernel lists a
# destination's routes together: only the names said since the destination last changed
# ($said, $said_at) need looking through.
unclaimed_route() {
  text="route $r_dest"
  if [ -n "$r_hops" ]; then
    text=$text$r_hops
  else
    [ -z "$r_via" ] || text="$text via $r_via"
    [ -z "$r_dev" ] || text="$text dev $r_dev"
  fi
  case $r_metric/$r_dest in
    0/* | 1024/*:*) ;;
    *) text="$text metric $r_metric" ;;
  esac
  if [ "$r_dest" != "$said_at" ]; then
    said_at=$r_dest
    said=$NL
  fi
  case $said in *"$NL$text$NL"*) return 0 ;; esac
  said=$said$text$NL
  unclaimed=$unclaimed$text$NL
}

# want_link [shaped] [up] [mtu N] [mac MAC] [master BRIDGE]: interface $dev (its `ip -o
# link` line is $line) is as the plan made it; unless shaped (want_qdisc checks those), its
# root qdisc is one the kernel attaches by itself.
want_link() {
  if [ "${1-}" = shaped ]; then
    shift
  else
    case $line in
      *" qdisc "*)
        root=${line#*" qdisc "}
        root=${root%% *}
        case $root in
          noqueue | noop | pfifo_fast | mq | fq_codel | fq) ;;
          *) drift extra "qdisc $root on $dev" ;;
        esac
        ;;
    esac
  fi
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

# shaped DEV...: shows the qdiscs of each DEV (read_namespaces read them, into $qtext), and keeps
# them in $qlines as "DEV LINE" for want_qdisc.
shaped() {
  while IFS= read -r line; do
    dev=${line#*" dev "}
    dev=${dev%% *}
    case " $* " in *" $dev "*) ;; *) continue ;; esac
    qlines="$qlines$dev $line$NL"
    echo "  $line"
  done <<EOF
$qtext
EOF
}

# want_qdisc DEV KIND HANDLE PARENT [KEY VALUE]...: DEV has the qdisc HANDLE of that kind,
# at the root or under class PARENT, with each KEY as tc prints it; it is claimed, so that
# what is left of DEV's qdiscs is extra.
want_qdisc() {
  dev=$1
  what="qdisc $2 $3 on $1"
  rest=
  found=
  while IFS= read -r entry; do
    [ -n "$entry" ] || continue
    case "$entry " in
      "$dev qdisc "*" $3 dev $dev "*)
        if [ -z "$found" ]; then
          found=" ${entry#* } "
          continue
        fi
        ;;
    esac
    rest="$rest$entry$NL"
  done <<EOF
$qlines
EOF
  qlines=$rest
  if [ -z "$found" ]; then
    drift missing "$what"
    return 0
  fi
  case $found in
    *" qdisc $2 $3 "*) ;;
    *)
      got=${found#" qdisc "}
      drift changed "$what is ${got%% *}"
      return 0
      ;;
  esac
  case $found in
    *" dev $dev root "*) under=root ;;
    *" parent "*)
      under=${found#*" parent "}
      under=${under%% *}
      ;;
    *) under=none ;;
  esac
  if [ "$under" != "$4" ]; then
    drift changed "$what is under $under, not $4"
    return 0
  fi
  shift 4
  while [ $# -gt 1 ]; do
    case $found in
      *" $1 $2 "*) ;;
      *)
        got=${found#*" $1 "}
        [ "$got" != "$found" ] && got=${got%% *} || got=none
        drift changed "$what has $1 $got, not $2"
        ;;
    esac
    shift 2
  done
}

# want_addr DEV CIDR: DEV has the address.
want_addr() {
  wanted="$wanted$1=$2 "
  case $have in
    *" $1=$2 "*) ;;
    *) drift missing "address $2 on $1" ;;
  esac
}

# route_exact METRIC VIA DEV [PATH]...: route_is, and the route has that metric (the
# kernel's default where the plan says none): the plan's route as the kernel keeps it, which
# a route at another metric is not.
route_exact() {
  case $1 in "$r_metric") route_is "$@" ;; *) return 1 ;; esac
}

# route_is METRIC VIA DEV [PATH]...: the route route_parse read is that route of the plan,
# as `opentop status` compares them: what the plan says (an empty METRIC or DEV says
# nothing), its gateway or none (an empty VIA: a device route, which a route through a
# neighbour is not), and with several paths, the same paths ("[via G ]dev D weight W"), in
# any order.
route_is() {
  case $1 in '' | "$r_metric") ;; *) return 1 ;; esac
  case $#$r_paths in
    3)
      case $2 in "$r_via") ;; *) return 1 ;; esac
      case $3 in '' | "$r_dev") return 0 ;; *) return 1 ;; esac
      ;;
  esac
  left=${r_paths:-/}
  shift 3
  for path do
    case $left in *"/$path/"*) ;; *) return 1 ;; esac
    left=${left%%"/$path/"*}/${left#*"/$path/"}
  done
  case $left in /) return 0 ;; *) return 1 ;; esac
}

# extras: what the namespace has that the plan does not make: addresses on the lab's
# interfaces that no want_addr named (each once: the kernel may hold one twice, with a peer
# and without), routes that are none of the plan's (unclaimed_route named them), and qdiscs
# of shaped interfaces no want_qdisc claimed.
extras() {
  # shellcheck disable=SC2086 # its words (nothing here expands file names)
  for a in $have; do
    case $wanted in *" $a "*) continue ;; esac
    case $ours in *" ${a%=*} "*) ;; *) continue ;; esac
    drift extra "address ${a##*=} on ${a%=*}"
    wanted="$wanted$a "
  done
  while IFS= read -r entry; do
    [ -z "$entry" ] || drift extra "$entry"
  done <<EOF
$unclaimed
EOF
  while IFS= read -r entry; do
    [ -n "$entry" ] || continue
    # shellcheck disable=SC2086 # the line's words (nothing here expands file names)
    set -- $entry
    [ "$4" = 0: ] || drift extra "qdisc $3 $4 on $1"
  done <<EOF
$qlines
EOF
}

# ---- the commands ------------------------------------------------------------------

# ready: what up makes sure of before it creates anything (and check reports): the record
# says the lab is not here, none of its objects exists, and the kernel has what it needs.
ready() {
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
  features || return 1
  capacity || return 1
  if mounts_in "$LAB_DIR"; then
    error OT6016 "a mount is in the directory of lab $LAB" \
      "unmount it (umount ${mounts%%"$NL"*}), or give the lab another name" \
      "mounted: ${mounts%%"$NL"*}; OpenTop makes every mount in a lab's directory itself"
    return 1
  fi
}

cmd_up() {
  if ! is_root; then
    error OT6006 'bringing a lab up needs root' \
      'run this script as root (for example with sudo); it creates namespaces and interfaces'
    return 1
  fi
  # shellcheck disable=SC2086 # a list of program names, one word each
  need $NEED_UP || return 1
  lock_take || return 1
  ready || return 1
  created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  if ! register_run_dir || ! write_record creating; then
    error OT9004 "cannot write the record $RECORD" 'nothing was created'
    rmdir "$LAB_DIR" 2>/dev/null
    return 1
  fi
  proved=1 # this run made what exists under the lab's names from here on
  # While a stage runs side by side (at_once), the runners are told at once.
  trap 'interrupted=1; [ -z "$runs" ] || { true >"$runs/stop"; } 2>/dev/null' INT TERM HUP
  if up_plan && [ "$interrupted" = 0 ]; then
    if write_record up; then
      echo "lab $LAB is up: $SUMMARY"
      return 0
    fi
    error OT9004 "cannot mark lab $LAB up in $RECORD" '' \
      'the lab was complete, but a lab whose record does not say what it is cannot be taken down reliably: it is rolled back'
  elif [ "$interrupted" = 1 ]; then
    error OT6017 "bringing lab $LAB up was interrupted"
  else
    error OT6004 "up failed at step $current" '' \
      'the message above is the tool'\''s own; in a batch, "-:N" is its line N, listed in this script'
  fi
  # The rollback runs none of the lab's programs: the tools' locale, as in down.
  LC_ALL=C
  export LC_ALL
  if down_plan && left_behind && [ -z "$left" ] && remove_lab_dir; then
    echo "rolled back: $(n_objects "$removed") removed, nothing is left" >&2
  else
    [ -z "${left-}" ] || error OT6018 "what lab $LAB owns is still there, or something under its names is not its own" \
      "remove by hand what is yours to remove, then run \`$SELF down\`" "left:$NL$left"
    error OT6012 "rolling back lab $LAB did not finish" "run \`$SELF down\` to remove what is left"
  fi
  return 1
}

# cmd_check: everything up checks before it creates anything, and nothing else (`opentop up`
# asks every machine of a lab this before any of them creates anything).
cmd_check() {
  if ! is_root; then
    error OT6006 'checking a lab needs root' 'run this script as root; it tries the kernel in throwaway namespaces'
    return 1
  fi
  # shellcheck disable=SC2086 # a list of program names, one word each
  need $NEED_UP || return 1
  ready || return 1
  echo "lab $LAB can come up here: $SUMMARY"
}

cmd_down() {
  if ! is_root; then
    error OT6006 'taking a lab down needs root' 'run this script as root'
    return 1
  fi
  # shellcheck disable=SC2086 # a list of program names, one word each
  need $NEED_DOWN || return 1
  lock_take || return 1
  read_record
  case $rec_state in
    # What to remove is this script's plan, as with `opentop down FILE`; nothing proves that
    # the lab made any of it, so only what carries the lab's mark is removed.
    '' | unreadable) ;;
    *)
      if [ "$rec_objects" != "$OBJECTS" ]; then
        error OT7002 "lab $LAB was brought up from another plan" \
          "take it down with \`opentop down $LAB\`, or with the script built from its file" \
          'its record lists other nodes, namespaces or host interfaces than this script'
        return 1
      fi
      proved=1
      ;;
  esac
  trap 'interrupted=1' INT TERM HUP # finish removing, then exit
  # Tear-down runs none of the lab's programs (it stops them): the tools' locale, as
  # `opentop down` runs them.
  LC_ALL=C
  export LC_ALL
  if ! down_plan; then
    error OT6004 "taking lab $LAB down did not finish" "the message above says why; run \`$SELF down\` again"
    return 1
  fi
  left_behind
  if [ -n "$left" ]; then
    error OT6018 "what lab $LAB owns is still there, or something under its names is not its own: it was left" \
      "if it is yours, keep it (the lab's record stays until it is gone); if the lab left it, remove it by hand, then run \`$SELF down\` again" \
      "left:$NL$left"
    return 1
  fi
  remove_lab_dir || return 1
  if [ -z "$rec_state" ] && [ "$owned" = 0 ]; then
    echo "lab $LAB is not up: nothing to do"
  else
    echo "lab $LAB is down ($(n_objects "$removed") removed)"
  fi
}

cmd_status() {
  # printable reads bytes, which bash and busybox sh match only in the C locale (in a
  # UTF-8 one, characters); the tools status runs (it runs no program of the lab's) start
  # in it without reading the locale's files, as `opentop status` runs them.
  LC_ALL=C
  export LC_ALL
  # shellcheck disable=SC2086 # a list of program names, one word each
  need $NEED_STATUS || return 1
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
  status_check || return 1
  if [ "$drift" = 0 ]; then
    echo 'no drift: the kernel matches the plan'
  else
    if [ "$drift" = 1 ]; then printf 'drift (1 difference):\n%s' "$drifts"; else printf 'drift (%s differences):\n%s' "$drift" "$drifts"; fi
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

# ---- test: the expectations with real packets ------------------------------------------
#
# Each probe prints one line (reached, refused, unreachable, timeout or error ...) into a
# file of its own under the lab's directory; the probes run in the background, JOBS at a
# time; the throwaway listeners are stopped whatever happens, by their PIDs.

JOBS=${OPENTOP_TEST_JOBS:-16}
running=0
test_dir=
passed=0
failed=0
defects=0
rows=0

# now: milliseconds since the epoch, or empty where date cannot say (no %N).
now() {
  t=$(date +%s%N 2>/dev/null)
  case $t in *[!0-9]* | '') t= ;; *) t=$((t / 1000000)) ;; esac
}

# settle K COMMAND...: wait, with COMMAND, until a node's addresses are no longer tentative.
settle() {
  shift
  [ "$interrupted" = 0 ] || return 0
  "$@" >/dev/null 2>&1
}

# listener K COMMAND...: start throwaway listener K (nothing is started where something listens).
listener() {
  k=$1
  shift
  [ "$interrupted" = 0 ] || return 0
  "$@" >"$test_dir/l$k.out" 2>"$test_dir/l$k.err"
  echo "$?" >"$test_dir/l$k.rc"
}

# run_probe K COMMAND...: run probe K in the background; at most JOBS run at once. (Not
# `probe`, which tries a kernel feature.)
run_probe() {
  k=$1
  shift
  [ "$interrupted" = 0 ] || return 0
  (
    now
    s=$t
    "$@" >"$test_dir/p$k.out" 2>"$test_dir/p$k.err"
    rc=$?
    now
    echo "$rc ${s:+$((t - s))}" >"$test_dir/p$k.rc"
  ) &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then
    wait
    running=0
  fi
}

# stop_listener K COMMAND...: stop listener K if it was started (a PID file says so).
stop_listener() {
  shift
  "$@" >/dev/null 2>&1 || echo "a throwaway listener could not be stopped: $*" >&2
}

# row NAME FAMILY EXPECT MODEL WHY PROBE LISTENER: one line of the table, from the probe's
# files; counts passes, failures and disagreements between the model and the kernel.
row() {
  rows=$((rows + 1))
  live=error
  ms=
  if [ "$7" != 0 ] && [ "$(cat "$test_dir/l$7.rc" 2>/dev/null)" != 0 ]; then
    live=error
  elif [ -e "$test_dir/p$6.rc" ]; then
    read -r rc ms <"$test_dir/p$6.rc"
    out=$(cat "$test_dir/p$6.out")
    last=${out##*"$NL"}
    [ "$rc" = 0 ] && live=${last%% *}
  fi
  case $live in reached | refused | unreachable | timeout) ;; *) live=error ;; esac
  mark=ok
  case $4:$live in
    *:error) mark=ERROR ;;
    reaches:reached | blocked:refused | blocked:unreachable | blocked:timeout) ;;
    reaches:* | blocked:*) mark=DEFECT ;;
  esac
  verdict=$mark
  case $3:$live in
    *:error | -:*) ;;
    reach:reached | not:refused | not:unreachable | not:timeout) ;;
    *) verdict=FAIL ;;
  esac
  if [ "$mark" = DEFECT ]; then defects=$((defects + 1)); fi
  if [ "$verdict" = ok ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  [ "$mark" = ok ] || verdict=$mark
  printf "%-${TEST_WIDTH}s  %-6s %-8s %-12s %7s  %s\n" "$1" "IPv$2" "$4" "$live" "${ms:+$ms ms}" "$verdict"
  case $verdict in DEFECT) printf '  the model: %s (%s); the kernel: %s\n' "$4" "$5" "$live" ;; esac
  :
}

cmd_test() {
  if [ -n "${TEST_ACROSS-}" ]; then
    error OT8024 "lab $LAB is on several machines: this script is one machine's part, and cannot test it" \
      "\`opentop check FILE\` gives the model's verdict of each expectation; \`$SELF exec NODE ping ...\` probes one by hand" \
      'testing with real packets across machines is not supported yet'
    return 1
  fi
  if [ "$TEST_WIDTH" = 0 ]; then
    echo "lab $LAB has no expectations: write \`expect SRC -> DST ...\` in its file"
    return 0
  fi
  if ! is_root; then
    error OT6006 'testing a lab needs root' 'run this script as root: probes run inside the lab'\''s namespaces'
    return 1
  fi
  # shellcheck disable=SC2086 # a list of program names, one word each
  need $NEED_TEST || return 1
  lock_take || return 1
  read_record
  if [ "$rec_state" != up ]; then
    error OT6007 "lab $LAB is not up" "bring it up with \`$SELF up\`"
    return 1
  fi
  if [ "$rec_objects" != "$OBJECTS" ]; then
    error OT7002 "lab $LAB was brought up from another plan" "test it with \`opentop test $LAB\`"
    return 1
  fi
  test_dir=$LAB_DIR/test.$$
  mkdir -p "$test_dir" || return 1
  trap 'interrupted=1' INT TERM HUP
  test_plan
  printf "%-${TEST_WIDTH}s  %-6s %-8s %-12s %7s\n" expectation family model live time
  test_rows
  rm -rf "$test_dir"
  if [ "$interrupted" = 1 ]; then
    error OT8023 'the test was interrupted: probes that had not run are errors'
  fi
  echo "$passed of $rows expectations hold with real packets; the model and the kernel disagree on $defects"
  [ "$failed" = 0 ] && [ "$interrupted" = 0 ]
}

usage() {
  printf 'usage: %s up | down | status | exec NODE COMMAND [ARG]... | test | plan | check | --help\n' "$SELF"
  printf '%s\n' "$HELP"
}

trap lock_release EXIT
case ${1-} in
  up | down | status | test | plan | check)
    if [ $# -ne 1 ]; then
      usage >&2
      exit 2
    fi
    case $1 in up) cmd_up ;; down) cmd_down ;; status) cmd_status ;; test) cmd_test ;; plan) plan_text ;; check) cmd_check ;; esac
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
