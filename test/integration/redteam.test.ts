// A second adversarial pass (after issue 10), by someone who had read only the docs: what it
// broke, each as a case. Every case runs in a sandbox of its own (test/support/sandbox.ts):
// its own network, mounts, pids and /run, so the "NICs" it moves are veth pairs and bridges
// it made, and nothing of this machine or of other labs is touched.

import assert from "node:assert/strict";
import { test } from "node:test";
import { SKIP_NOT_ROOT } from "../support/lab.js";
import { sandbox, section } from "../support/sandbox.js";

/**
 * The sandbox's own /tmp, and sh functions: `lab_file PATH NAME BODY` writes a lab file; `snapshot` prints what of the
 * sandbox's machine a lab could leave or change, a kind a line (namespaces, interfaces with
 * their states and masters, global addresses, routes of every table, the run directory);
 * `fake_nic NAME ADDRESS` makes a "NIC" of the host: a veth pair NAME and NAME-p, with an address.
 */
const HELPERS = [
  `lab_file() { printf 'lab %s\\n%s\\n' "$2" "$3" > "$1"; }`,
  "snapshot() {",
  "  for what in netns links masters addrs routes run; do printf '%s: ' $what; case $what in",
  "    netns) ls /run/netns ;;",
  "    links) ip -o link show | sed -e 's/^[0-9]*: //' -e 's/@[^:]*:/:/' | awk '{print $1, $NF}' ;;",
  "    masters) ip -o link show | sed -n 's/^[0-9]*: \\([^:@]*\\).* master \\([^ ]*\\).*/\\1 \\2/p' ;;",
  "    addrs) ip -o addr show scope global | awk '{print $2, $4}' ;;",
  "    routes) ip route show table all | grep -v '^local\\|^broadcast\\|^multicast\\|^fe80\\|^ff00' ;;",
  "    run) ls -A /run/opentop ;;",
  "  esac | sort | tr '\\n' ' '; echo; done",
  "}",
  'fake_nic() { ip link add name "$1" type veth peer name "$1-p" && ip link set dev "$1" up && ip link set dev "$1-p" up && ip addr add "$2" dev "$1"; }',
].join("\n");

function run(script: string, options: Parameters<typeof sandbox>[1] = {}) {
  const r = sandbox(`${HELPERS}\n${script}`, options);
  return { ...r, out: r.stdout, all: `${r.stdout}\n${r.stderr}` };
}

test("nic 1. a moved NIC's saved state with lines its move did not write is not applied: no other interface deleted, no route added", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
copy_host_routes
fake_nic nica 198.51.100.25/29
ip link add name victim type veth peer name victim-p
lab_file /tmp/m.otop m 'node a { wan -> host.nica 198.51.100.26/29 { move } }'
snapshot > /tmp/before
$OT up /tmp/m.otop >/dev/null || echo UP-FAILED
f=/run/opentop/m/nics/nica
for line in "link del dev victim" "route add 0.0.0.0/1 via 192.0.2.1 dev eth0" \\
  "route add 0.0.0.0/1 via 198.51.100.30 dev eth0 dev nica" "link set dev nica up netns 1" \\
  "addr add 192.0.2.77/32 dev eth0" "route add 10.0.0.0/8 nexthop via 192.0.2.1 dev eth0 dev nica"; do
  cp $f /tmp/saved; echo "$line" >> $f
  echo ">>> $line"; $OT down m; echo "rc=$?"
  ip link show dev victim >/dev/null 2>&1 && echo "victim lives"
  ip route show 0.0.0.0/1 | grep -q . && echo "ROUTE ADDED"
  ip route show 10.0.0.0/8 | grep -q . && echo "ROUTE ADDED"
  ip addr show dev eth0 | grep -q 192.0.2.77 && echo "ADDRESS ADDED"
  ip link show dev nica >/dev/null 2>&1 && echo "nica is on the host"
  [ -f $f ] && echo "state kept"
  cp /tmp/saved $f
  $OT down m >/dev/null 2>&1 || echo "DOWN-FAILED"
  $OT up /tmp/m.otop >/dev/null || echo UP-FAILED
done
$OT down m >/dev/null || echo DOWN-FAILED
echo ">>> untouched"; $OT up /tmp/m.otop >/dev/null || echo UP-FAILED; $OT down m; echo "rc=$?"
snapshot > /tmp/after; cmp -s /tmp/before /tmp/after && echo "host: as before" || diff /tmp/before /tmp/after
`);
  assert.doesNotMatch(r.out, /UP-FAILED|DOWN-FAILED/, r.all);
  for (const line of [
    "link del dev victim",
    "route add 0.0.0.0/1 via 192.0.2.1 dev eth0",
    "route add 0.0.0.0/1 via 198.51.100.30 dev eth0 dev nica",
    "link set dev nica up netns 1",
    "addr add 192.0.2.77/32 dev eth0",
    "route add 10.0.0.0/8 nexthop via 192.0.2.1 dev eth0 dev nica",
  ]) {
    const s = section(r.out, line);
    assert.match(s, /rc=1/, `${line}: down says the state is not the move's:\n${r.all}`);
    assert.match(s, /victim lives/, `${line}: ${s}`);
    assert.doesNotMatch(s, /ROUTE ADDED|ADDRESS ADDED/, `${line}: ${s}`);
    assert.match(s, /nica is on the host/, `${line}: the NIC itself is given back: ${s}`);
    assert.match(s, /state kept/, `${line}: the file is left for a person to look at: ${s}`);
  }
  assert.match(
    r.stderr,
    /is not the saved state of nica \(a line its move did not write: link del dev victim\)/,
  );
  const untouched = section(r.out, "untouched");
  assert.match(untouched, /rc=0[\s\S]*host: as before/, r.all);
});

test("nic 2. an interface the kernel will not move (a bridge, lo): up fails and rolls back whole, down and gc are not left stuck", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
copy_host_routes
ip link add name br9 type bridge; ip link set br9 up; ip addr add 198.51.100.25/29 dev br9
ip route add 198.51.100.64/28 via 198.51.100.30 dev br9
snapshot > /tmp/before
lab_file /tmp/m.otop m 'node a { wan -> host.br9 198.51.100.26/29 { move } }'
echo ">>> bridge"; $OT up /tmp/m.otop; echo "rc=$?"
snapshot > /tmp/after; cmp -s /tmp/before /tmp/after && echo "host: as before" || diff /tmp/before /tmp/after
lab_file /tmp/l.otop l 'node a { wan -> host.lo { move } }'
echo ">>> lo"; $OT up /tmp/l.otop; echo "rc=$?"
snapshot > /tmp/after; cmp -s /tmp/before /tmp/after && echo "host: as before" || diff /tmp/before /tmp/after
# The move killed after the state was saved, before the NIC left (a fake ip kills its step).
mkdir -p /tmp/bin; printf '#!/bin/sh\ncase "$*" in *"netns k.a name wan"*) kill -KILL -"$(ps -o pgid= -p $$ | tr -d " ")";; esac\nexec /usr/sbin/ip "$@"\n' > /tmp/bin/ip; chmod +x /tmp/bin/ip
lab_file /tmp/k.otop k 'node a { wan -> host.br9 198.51.100.26/29 { move } }'
echo ">>> killed"; PATH=/tmp/bin:$PATH $OT up /tmp/k.otop; echo "rc=$?"
snapshot > /tmp/after; cmp -s /tmp/before /tmp/after && echo "host: as before" || diff /tmp/before /tmp/after
echo ">>> gc"; $OT gc; echo "rc=$?"
`);
  for (const name of ["bridge", "lo", "killed"]) {
    const s = section(r.out, name);
    assert.match(s, /rc=1/, r.all);
    assert.match(s, /host: as before/, `${name}: ${s}\n${r.stderr}`);
  }
  assert.match(r.stderr, /could not move the host's br9 into m\.a as wan[^\n]*netns is immutable/);
  assert.match(r.stderr, /this interface cannot leave the host's network namespace/);
  assert.doesNotMatch(r.stderr, /OT6012|Address already assigned/, r.all);
  assert.match(section(r.out, "gc"), /rc=0/, r.all);
});

test("nic 3. a NIC the host uses as a bridge's port, or under an interface of its own or of another lab, is refused before anything", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
copy_host_routes
ip link add name hbr type bridge; ip link set hbr up
fake_nic port 198.51.100.25/29; ip link set dev port master hbr
fake_nic lower 198.51.100.33/29; ip link add link lower name upper type macvlan mode bridge
fake_nic shared 198.51.100.41/29
snapshot > /tmp/before
lab_file /tmp/p.otop p 'node a { wan -> host.port 198.51.100.26/29 { move } }'
echo ">>> port move"; $OT up /tmp/p.otop; echo "rc=$?"
lab_file /tmp/q.otop q 'node a { wan -> host.port 198.51.100.27/29 }'
echo ">>> port macvlan"; $OT up /tmp/q.otop; echo "rc=$?"
lab_file /tmp/u.otop u 'node a { wan -> host.lower 198.51.100.34/29 { move } }'
echo ">>> upper"; $OT up /tmp/u.otop; echo "rc=$?"
$OT build /tmp/p.otop -o /tmp/p.sh >/dev/null; $OT build /tmp/u.otop -o /tmp/u.sh >/dev/null
echo ">>> script port"; sh /tmp/p.sh up; echo "rc=$?"
echo ">>> script upper"; sh /tmp/u.sh up; echo "rc=$?"
snapshot > /tmp/after; cmp -s /tmp/before /tmp/after && echo "host: as before" || diff /tmp/before /tmp/after
lab_file /tmp/mv.otop mv 'node a { wan -> host.shared 198.51.100.42/29 }'
$OT up /tmp/mv.otop >/dev/null || echo UP-FAILED
lab_file /tmp/mw.otop mw 'node a { wan -> host.shared 198.51.100.43/29 { move } }'
echo ">>> another lab's"; $OT up /tmp/mw.otop; echo "rc=$?"
ip link show dev shared >/dev/null && echo "shared is on the host"
$OT down mv >/dev/null || echo DOWN-FAILED
echo ">>> after"; snapshot > /tmp/after; cmp -s /tmp/before /tmp/after && echo "host: as before" || diff /tmp/before /tmp/after
`);
  assert.doesNotMatch(r.out, /UP-FAILED|DOWN-FAILED/, r.all);
  for (const name of ["port move", "port macvlan", "upper", "another lab's"])
    assert.match(section(r.out, name), /rc=1/, `${name}: ${r.all}`);
  assert.match(r.stderr, /error\[OT6090\]: the host's port is a port of hbr/);
  assert.match(r.stderr, /error\[OT6091\]: the host's lower carries upper/);
  assert.match(r.stderr, /error\[OT6091\]: the host's shared carries a macvlan of OpenTop lab mv/);
  assert.match(section(r.out, "script port"), /rc=1/, r.all);
  assert.match(section(r.out, "script upper"), /rc=1/, r.all);
  assert.match(
    r.stderr,
    /OT6090[^\n]*the host's port is a port of hbr\n(.*\n)*.*OT6091[^\n]*the host's lower carries upper/,
  );
  assert.match(section(r.out, "another lab's"), /shared is on the host/);
  assert.match(section(r.out, "script upper"), /host: as before/, r.all);
  assert.match(section(r.out, "after"), /host: as before/, r.all);
});

test("nic 4. without a record, a saved state planted in a lab's directory moves and reconfigures nothing: not the uplink, not a look-alike's interface", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
copy_host_routes
head() { echo "# opentop: the state of $1 before it was moved into $2 as $3; down restores it"; }
# The uplink, as if a lab had moved it and this were its state.
mkdir -p /run/opentop/evil/nics
{ head eth0 evil.a wan; echo "link set dev eth0 mtu 1280"; echo "addr add 203.0.113.9/32 dev eth0"; } > /run/opentop/evil/nics/eth0
# A look-alike of a lab's node (unmarked), holding an interface under the name the state gives.
ip netns add look.a; ip -n look.a link add name wan type veth peer name wan-p
mkdir -p /run/opentop/look/nics; { head lookx look.a wan; echo "link set dev lookx up"; } > /run/opentop/look/nics/lookx
snapshot | grep -v '^run:' > /tmp/before
echo ">>> dry run"; $OT gc --dry-run; echo "rc=$?"
echo ">>> gc"; $OT gc; echo "rc=$?"
mkdir -p /run/opentop/evil/nics; { head eth0 evil.a wan; echo "link set dev eth0 mtu 1280"; } > /run/opentop/evil/nics/eth0
echo ">>> down"; $OT down evil; echo "rc=$?"
snapshot | grep -v '^run:' > /tmp/after; cmp -s /tmp/before /tmp/after && echo "host: as before" || diff /tmp/before /tmp/after
ip -n look.a link show dev wan >/dev/null && echo "look-alike's wan is still in look.a"
`);
  assert.doesNotMatch(section(r.out, "dry run"), /host interface|eth0|lookx/, r.all);
  assert.match(section(r.out, "gc"), /rc=[01]/, r.all);
  // The host's interfaces, addresses and routes and the look-alike are as before (the lab
  // directories, which hold nothing of a lab's, may go).
  assert.match(section(r.out, "down"), /host: as before/, r.all);
  assert.match(r.out, /look-alike's wan is still in look\.a/, r.all);
});

test("nic 5. two labs that move the same NIC at the same moment: one gets it, the other is refused before anything (OT6030), neither is left half up", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
fake_nic nicx 198.51.100.25/29
lab_file /tmp/la.otop la 'node a { wan -> host.nicx { move } }'
lab_file /tmp/lb.otop lb 'node a { wan -> host.nicx { move } }'
snapshot > /tmp/before
for i in 1 2 3 4 5; do
  echo ">>> round $i"
  $OT up /tmp/la.otop >/tmp/oa 2>&1 & a=$!
  $OT up /tmp/lb.otop >/tmp/ob 2>&1 & b=$!
  wait $a; echo "la=$?"; wait $b; echo "lb=$?"
  cat /tmp/oa /tmp/ob | grep -o 'error[OT[0-9]*]' | sort | uniq -c
  $OT down la >/dev/null 2>&1 || echo "DOWN la FAILED"; $OT down lb >/dev/null 2>&1 || echo "DOWN lb FAILED"
  snapshot > /tmp/after; cmp -s /tmp/before /tmp/after && echo "host: as before" || diff /tmp/before /tmp/after
done
`);
  for (let i = 1; i <= 5; i++) {
    const s = section(r.out, `round ${i}`);
    assert.match(s, /la=0\nlb=1\n|la=1\nlb=0\n/, `one wins: ${s}`);
    assert.match(
      s,
      /^ +1 error\[OT6030\]\n[^ ]/m,
      `the other is refused as the NIC is not on the host: ${s}`,
    );
    assert.doesNotMatch(s, /OT6012|OT6018|FAILED/, s);
    assert.match(s, /host: as before/, s);
  }
});

test("run directory. gc and down in a directory that is not OpenTop's (OPENTOP_RUN_DIR set by mistake) delete nothing of it; a stranger's file in a lab's directory is kept", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
mkdir -p /tmp/fake/home/alice /tmp/fake/etc /tmp/fake/var/lib
echo precious > /tmp/fake/home/alice/thesis.txt; echo conf > /tmp/fake/etc/passwd
echo "pid 1" > /tmp/fake/dpkg.lock; ln -s /etc/hostname /tmp/fake/other.lock
(cd /tmp/fake && find . | sort) > /tmp/before
echo ">>> dry run"; OPENTOP_RUN_DIR=/tmp/fake $OT gc --dry-run; echo "rc=$?"
echo ">>> gc"; OPENTOP_RUN_DIR=/tmp/fake $OT gc; echo "rc=$?"
echo ">>> down"; OPENTOP_RUN_DIR=/tmp/fake $OT down home; echo "rc=$?"
(cd /tmp/fake && find . | sort) > /tmp/after; cmp -s /tmp/before /tmp/after && echo "fake: as before" || diff /tmp/before /tmp/after
# A lab's own directory with a stranger's file in it: the lab goes, the file and directory stay.
lab_file /tmp/s.otop s 'node a { isolate net uts
  hostname a
  run "sleep 100" }'
$OT up /tmp/s.otop >/dev/null || echo UP-FAILED
echo mine > /run/opentop/s/notes.txt
echo ">>> stranger"; $OT down s; echo "rc=$?"; ls /run/netns; cat /run/opentop/s/notes.txt
rm /run/opentop/s/notes.txt
echo ">>> again"; $OT down s; echo "rc=$?"; ls -A /run/opentop
$OT build /tmp/s.otop -o /tmp/s.sh >/dev/null
sh /tmp/s.sh up >/dev/null || echo UP-FAILED
echo mine > /run/opentop/s/notes.txt
echo ">>> script stranger"; sh /tmp/s.sh down; echo "rc=$?"; cat /run/opentop/s/notes.txt
rm /run/opentop/s/notes.txt
echo ">>> script again"; sh /tmp/s.sh down; echo "rc=$?"; ls -A /run/opentop
# Everything an isolated node puts in its lab's directory is OpenTop's: down and gc remove
# it. (No mount namespace: binding one's file fails now and then on this kernel, with
# util-linux's unshare alone too — not what this case is about.)
lab_file /tmp/i.otop i 'node a { isolate net uts ipc
  run "sleep 100" }
node b { isolate uts
  run "sleep 100" }'
$OT up /tmp/i.otop >/dev/null 2>/tmp/up.err || { echo UP-FAILED; cat /tmp/up.err; }
echo ">>> isolated down"; $OT down i; echo "rc=$?"; ls -A /run/opentop
$OT up /tmp/i.otop >/dev/null 2>/tmp/up.err || { echo UP-FAILED; cat /tmp/up.err; }
rm /run/opentop/i/record.json
echo ">>> isolated gc"; $OT gc >/dev/null; echo "rc=$?"; ls -A /run/opentop
`);
  assert.match(section(r.out, "isolated down"), /rc=0\n$/, r.all);
  assert.match(section(r.out, "isolated gc"), /rc=0\n$/, r.all);
  assert.doesNotMatch(r.all, /UP-FAILED/, r.all);
  assert.doesNotMatch(section(r.out, "dry run"), /home|etc|var|dpkg|other/, r.all);
  assert.match(section(r.out, "down"), /fake: as before/, r.all);
  const stranger = section(r.out, "stranger");
  assert.match(stranger, /rc=1\nmine\n/, `the file is kept: ${r.all}`);
  assert.match(
    r.stderr,
    /error\[OT6092\]: the directory of lab s holds what OpenTop did not put there: notes\.txt/,
  );
  assert.doesNotMatch(stranger, /^s\.a$/m, "the lab's namespace is gone");
  assert.match(section(r.out, "again"), /rc=0\n$/, r.all);
  assert.match(section(r.out, "script stranger"), /rc=1\nmine\n/, r.all);
  assert.match(
    r.stderr,
    /error\[OT6092\]: the directory of lab s holds what OpenTop did not put there: notes\.txt\n/,
  );
  assert.match(section(r.out, "script again"), /rc=0\n$/, r.all);
});

test("names. an interface a process in a node names with control characters: status reads it (iproute2 prints them raw in JSON) and shows it escaped", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
f="/tmp/$(printf 'e\\033[31mX').otop"
lab_file "$f" e 'node a { eth0 -> b.eth0 10.0.0.1/30 }
node b { eth0 10.0.0.2/30 }'
$OT up "$f" >/dev/null || echo UP-FAILED
# What software under test, root in its node, may do.
ip -n e.a link add name "$(printf 'x\\033[2Jy')" type veth peer name "$(printf 'p\\033]0;T\\007')"
echo ">>> status"; $OT status e; echo "rc=$?"
echo ">>> json"; $OT status e --json | grep -c 'x\\\\u001b\\[2Jy'
echo ">>> ls"; $OT ls
echo ">>> graph"; $OT graph e -T html >/dev/null; echo "rc=$?"
$OT down e >/dev/null || echo DOWN-FAILED
`);
  assert.doesNotMatch(r.all, /UP-FAILED|DOWN-FAILED|OT9003|internal error/, r.all);
  const status = section(r.out, "status");
  assert.match(status, /rc=1/, "drift, not a failure");
  assert.match(status, /extra {3}interface x\\u001b\[2Jy in e\.a/, status);
  assert.match(section(r.out, "json"), /^[1-9]$/m, `the JSON names it, escaped: ${r.all}`);
  assert.match(section(r.out, "ls"), /e\\u001b\[31mX\.otop/, r.all);
  assert.match(section(r.out, "graph"), /rc=0/, r.all);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  assert.doesNotMatch(r.out, /[\u0000-\u0008\u000b-\u001f]/, JSON.stringify(r.out));
});

test("signals. SIGHUP during down: down finishes, or (landing before it started or after it ended) leaves the lab whole; a step the signal killed as it started is run again", {
  skip: SKIP_NOT_ROOT,
  timeout: 180_000,
}, () => {
  // 150 nodes: long enough a down (a few hundred milliseconds) for the signal to land in it.
  const r = run(`
snapshot > /tmp/before
lab_file /tmp/star.otop star "switch lan; node pc[1..150] { eth0 -> lan {host(10.1.0.0/16, i)} }"
for ms in 200 300 400; do
  $OT up /tmp/star.otop >/dev/null || echo UP-FAILED
  echo ">>> down $ms"; signal_after HUP $ms /tmp/down.out $OT down star; cat /tmp/down.out
  echo "namespaces: $(ls /run/netns | wc -l)"
  $OT down star >/dev/null || echo DOWN-FAILED
done
# A step that the signal caught as it started (between fork and setsid) dies without having
# run; a fake ip plays it: its first batch kills itself with SIGHUP.
mkdir -p /tmp/bin; printf '#!/bin/sh\nif [ "$*" = "-force -batch -" ] && [ ! -e /tmp/once ]; then touch /tmp/once; kill -HUP $$; fi\nexec /usr/sbin/ip "$@"\n' > /tmp/bin/ip; chmod +x /tmp/bin/ip
$OT up /tmp/star.otop >/dev/null || echo UP-FAILED
echo ">>> killed step"; PATH=/tmp/bin:$PATH $OT down star; echo "rc=$?"
snapshot > /tmp/after; cmp -s /tmp/before /tmp/after && echo "host: as before" || diff /tmp/before /tmp/after
`);
  assert.doesNotMatch(r.all, /UP-FAILED|DOWN-FAILED/, r.all);
  for (const ms of [200, 300, 400]) {
    const s = section(r.out, `down ${ms}`);
    // Finished (rc=0, no namespace left), or killed before it started (all 151 left): never half.
    assert.match(s, /rc=0\n(.*\n)*namespaces: 0\n|rc=129\nnamespaces: (0|151)\n/, `down ${ms}: ${s}`);
  }
  const killed = section(r.out, "killed step");
  assert.match(killed, /rc=0\n/, killed);
  assert.match(killed, /host: as before/, killed);
});

test("signals. an interrupt that lands while up checks the machine is an interrupt (OT6017), even if it killed the check", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  // The fake ip plays the race of a terminal's SIGINT with a check's process: on reading the
  // host's addresses, it interrupts OpenTop's process group and dies of the same signal.
  const r = run(`
copy_host_routes
mkdir -p /tmp/bin
cat > /tmp/bin/ip <<'EOF'
#!/bin/sh
if [ "$*" = "-j addr show" ]; then
  kill -INT -"$(ps -o pgid= -p "$PPID" | tr -d ' ')"; sleep 0.2; kill -INT $$
fi
exec /usr/sbin/ip "$@"
EOF
chmod +x /tmp/bin/ip
lab_file /tmp/h.otop h 'node r { up0 -> host 198.51.100.34/30 { host-address 198.51.100.33/30 } }'
snapshot > /tmp/before
echo ">>> up"; PATH=/tmp/bin:$PATH setsid $OT up /tmp/h.otop; echo "rc=$?"
snapshot > /tmp/after; cmp -s /tmp/before /tmp/after && echo "host: as before" || diff /tmp/before /tmp/after
`);
  const s = section(r.out, "up");
  assert.match(s, /rc=1/, r.all);
  assert.match(r.stderr, /error\[OT6017\]: bringing lab h up was interrupted/, r.all);
  assert.doesNotMatch(r.stderr, /OT6004|could not read the host's networks/, r.all);
  assert.match(s, /host: as before/, r.all);
});

test("signals. an interrupt that lands while apply checks the machine is an interrupt (OT6017), even if it killed the check", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  // As for up (above), with the check apply runs last: its new filter tried in a namespace of
  // its own. The fake nft, there (no named namespace), interrupts OpenTop's process group and
  // dies of the same signal, as a check's process can before it leaves the group.
  const r = run(`
mkdir -p /tmp/bin
cat > /tmp/bin/nft <<'EOF2'
#!/bin/sh
if [ -z "$(ip netns identify)" ]; then
  kill -INT -"$(ps -o pgid= -p "$PPID" | tr -d ' ')"; sleep 0.2; kill -INT $$
fi
exec /usr/sbin/nft "$@"
EOF2
chmod +x /tmp/bin/nft
lab_file /tmp/a.otop a 'switch lan
node r { eth0 -> lan 10.40.0.1/24
  filter { input policy drop
    input accept icmp } }
node h[1..3] { eth0 -> lan 10.40.0.{10+i}/24 }'
sed -e 's/h\\[1..3\\]/h[1..5]/' -e 's/input accept icmp/input accept icmp\\n    input accept tcp dport 22/' /tmp/a.otop > /tmp/b.otop
$OT up /tmp/a.otop >/dev/null || echo UP-FAILED
snapshot > /tmp/before
echo ">>> apply"; PATH=/tmp/bin:$PATH setsid $OT apply /tmp/b.otop; echo "rc=$?"
snapshot > /tmp/after; cmp -s /tmp/before /tmp/after && echo "lab: as before" || diff /tmp/before /tmp/after
$OT status a >/dev/null && echo "status: no drift"
$OT down a >/dev/null || echo DOWN-FAILED
`);
  assert.doesNotMatch(r.out, /UP-FAILED|DOWN-FAILED/, r.all);
  const s = section(r.out, "apply");
  assert.match(s, /rc=1/, r.all);
  assert.match(r.stderr, /error\[OT6017\]: changing lab a was interrupted/, r.all);
  assert.doesNotMatch(r.stderr, /OT6004|OT6063/, r.all);
  assert.match(s, /lab: as before/, r.all);
  assert.match(s, /status: no drift/, r.all);
});

test("rollback. a namespace the change added that its rollback could not remove is reported (OT6063), not left behind unsaid", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  // The fake ip makes the change fail (its new route), and drops the new node's namespace
  // from the rollback's deletions: the record must not say the lab is as it was.
  const r = run(`
mkdir -p /tmp/bin
cat > /tmp/bin/ip <<'EOF2'
#!/bin/sh
case "$*" in *-batch*) ;; *) exec /usr/sbin/ip "$@" ;; esac
in=$(cat)
case "$in" in *"route add 10.99.0.0/16"*) echo "RTNETLINK answers: refused by the test" >&2; exit 1 ;; esac
case "$in" in *"netns del b.h9"*)
  printf '%s\\n' "$in" | grep -v "netns del b.h9" | /usr/sbin/ip "$@"; echo "kept b.h9" >&2; exit 1 ;;
esac
printf '%s\\n' "$in" | exec /usr/sbin/ip "$@"
EOF2
chmod +x /tmp/bin/ip
lab_file /tmp/a.otop b 'switch lan
node h[1..3] { eth0 -> lan 10.42.0.{i}/24 }'
lab_file /tmp/c.otop b 'switch lan
node h[1..3] { eth0 -> lan 10.42.0.{i}/24 }
node h9 { eth0 -> lan 10.42.0.9/24
  route 10.99.0.0/16 via 10.42.0.1 }'
$OT up /tmp/a.otop >/dev/null || echo UP-FAILED
echo ">>> apply"; PATH=/tmp/bin:$PATH $OT apply /tmp/c.otop; echo "rc=$?"
ls /run/netns
$OT ls
echo ">>> down"; $OT down b; echo "rc=$?"; ls /run/netns | grep . || echo "no namespace left"
`);
  assert.doesNotMatch(r.out, /UP-FAILED/, r.all);
  const apply = section(r.out, "apply");
  assert.match(apply, /rc=1/, r.all);
  assert.match(r.stderr, /error\[OT6063\]: rolling back the change of lab b did not finish/, r.all);
  assert.match(r.stderr, /b\.h9: namespace b\.h9 extra/, r.all);
  assert.match(apply, /applying/, `the record stays applying: ${r.all}`);
  const down = section(r.out, "down");
  assert.match(down, /rc=0\n(.*\n)*no namespace left/, r.all);
});
