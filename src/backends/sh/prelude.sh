# The machinery every standalone script shares (`opentop build` appends it, unchanged, to a
# lab's own part): messages, programs, the lock and the record, status, and the commands.
# The lab's part defines what differs: LAB and its paths, NEED_UP/NEED_DOWN/NEED_STATUS,
# NEED_TEST, SUMMARY, HELP, the record's pieces (RECORD_*, OBJECTS), TEST_WIDTH, and the
# functions up_plan, down_plan, collisions, status_plan, link_of, exec_node, test_plan,
# stop_listeners, test_rows, plan_text and why.
# shellcheck shell=sh
# shellcheck disable=SC2153,SC2154 # variables the lab's part sets
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
  # shellcheck disable=SC2086 # a list of program names, one word each
  need $NEED_UP || return 1
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
    echo "lab $LAB is up: $SUMMARY"
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
  # shellcheck disable=SC2086 # a list of program names, one word each
  need $NEED_DOWN || return 1
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

# listener K COMMAND...: start throwaway listener K (nothing is started where something listens).
listener() {
  k=$1
  shift
  [ "$interrupted" = 0 ] || return 0
  "$@" >"$test_dir/l$k.out" 2>"$test_dir/l$k.err"
  echo "$?" >"$test_dir/l$k.rc"
}

# probe K COMMAND...: run probe K in the background; at most JOBS run at once.
probe() {
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
  printf 'usage: %s up | down | status | exec NODE COMMAND [ARG]... | test | plan | --help\n' "$SELF"
  printf '%s\n' "$HELP"
}

trap lock_release EXIT
case ${1-} in
  up | down | status | test | plan)
    if [ $# -ne 1 ]; then
      usage >&2
      exit 2
    fi
    case $1 in up) cmd_up ;; down) cmd_down ;; status) cmd_status ;; test) cmd_test ;; plan) plan_text ;; esac
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
