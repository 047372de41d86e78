// Promises under attack (issue 10): interrupts, failures half-way, look-alikes under a lab's
// names, edited records, a host's default route, run directories. Each case runs in a
// sandbox of its own (test/support/sandbox.ts): its own network, mounts, pids and /run, so
// that what it attacks is its own and nothing of this machine or of other labs is touched.

import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, SKIP_NOT_ROOT, uniqueLab } from "../support/lab.js";
import { sandbox, section } from "../support/sandbox.js";

/** A sh function that writes a lab file: `lab_file PATH NAME BODY`. */
const LAB_FILE = `lab_file() { printf 'lab %s\\n%s\\n' "$2" "$3" > "$1"; }`;

/** The objects of the sandbox's machine, one a line: what a lab could have left. */
const SNAPSHOT = `snapshot() {
  echo "netns: $(ls /run/netns | tr '\\n' ' ')"
  echo "links: $(ls /sys/class/net | tr '\\n' ' ')"
  echo "run: $(ls -A /run/opentop | tr '\\n' ' ')"
  echo "nft: $(nft list tables 2>/dev/null | tr '\\n' ' ')"
}`;

function run(script: string, options: Parameters<typeof sandbox>[1] = {}) {
  const r = sandbox(`${LAB_FILE}\n${SNAPSHOT}\n${script}`, options);
  return { ...r, out: r.stdout, all: `${r.stdout}\n${r.stderr}` };
}

/**
 * `up` of an N-node star interrupted by SIGNAL (to its process group, as a terminal sends it)
 * at `points` moments spread over its run: each interrupt that lands while `up` runs ends it
 * with OT6017 and everything undone; the host is as before after every one.
 */
function interruptedStar(signal: "INT" | "HUP", nodes: number, points: number, landed: number): void {
  const r = run(
    `
lab_file /tmp/star.otop star 'switch lan
node pc[1..${nodes}] { eth0 -> lan 10.1.{i / 250}.{i % 250 + 1}/16 }'
snapshot > /tmp/before
# How long a whole up takes here, to spread the interrupts over it.
whole=$(up_ms /tmp/star.otop)
for k in $(seq 1 ${points}); do
  echo ">>> point $k"
  signal_after ${signal} $(( whole * k / ${points + 1} )) /tmp/up.out $OT up /tmp/star.otop | tee /tmp/rc
  cat /tmp/up.out
  grep -q "rc=0" /tmp/rc && $OT down star >/dev/null
  snapshot > /tmp/after
  cmp -s /tmp/before /tmp/after && echo "host: as before" || { echo "host: changed"; diff /tmp/before /tmp/after; }
done
`,
    { timeoutMs: 280_000 },
  );
  assert.doesNotMatch(r.all, /PROBE-FAILED/, r.all);
  let midway = 0;
  for (let k = 1; k <= points; k++) {
    const s = section(r.out, `point ${k}`);
    assert.match(s, /host: as before/, `point ${k}: ${s}`);
    assert.doesNotMatch(s, /OT6004|OT6012|OT9003/, `point ${k}: an interrupt is an interrupt: ${s}`);
    if (/rc=1\n/.test(s)) {
      midway++;
      assert.match(s, /error\[OT6017\]: bringing lab star up was interrupted/, s);
      assert.match(s, /nothing is left behind/, s);
    }
    // Finished before it landed (0), or landed before up listened for it: the signal's
    // default action ended it before anything was made (128 + the signal's number).
    else
      assert.match(
        s,
        signal === "INT" ? /rc=(0|130)/ : /rc=(0|129)/,
        `point ${k}: the signal ended up outright: ${s}`,
      );
  }
  assert.ok(midway >= landed, `only ${midway} of ${points} interrupts landed while up ran:\n${r.out}`);
}

test(
  "1. Ctrl-C (SIGINT to the process group) during up of a 250-node star: rolled back, OT6017, nothing left",
  {
    skip: SKIP_NOT_ROOT,
    timeout: 300_000,
  },
  () => interruptedStar("INT", 250, 7, 3),
);

test(
  "1. SIGHUP (the terminal closed, an SSH session dropped) during up of a 150-node star: rolled back like Ctrl-C",
  {
    skip: SKIP_NOT_ROOT,
    timeout: 300_000,
  },
  () => interruptedStar("HUP", 150, 3, 1),
);

test("2-4. a failure half-way — a tool that cannot start, a record that cannot be marked up, a step between namespace files and namespaces — rolls back", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
mkdir -p /tmp/bin
# 4: unshare fails where the node namespaces are made, after their files were.
printf '#!/bin/sh\\necho "unshare: injected failure" >&2\\nexit 1\\n' > /tmp/bin/unshare
chmod +x /tmp/bin/unshare
lab_file /tmp/iso.otop iso 'node a { isolate net uts mount
  hostname a }'
snapshot > /tmp/before
echo ">>> files then namespaces"
PATH=/tmp/bin:$PATH $OT up /tmp/iso.otop; echo "rc=$?"
snapshot > /tmp/after; cmp -s /tmp/before /tmp/after && echo "host: as before" || diff /tmp/before /tmp/after

# 3: the run directory fills up after the lab's record is written: marking it up fails.
mkdir -p /tmp/small && mount -t tmpfs -o nr_inodes=4,size=1m small /tmp/small
# A lab of another run directory is noted in the default one (for gc): not part of the lab.
mkdir -p /run/opentop/.run-dirs
lab_file /tmp/p2p.otop full 'node a { eth0 -> b.eth0 10.0.0.1/30
  up0 -> host 10.9.0.2/30 { host-address 10.9.0.1/30 } }
node b { eth0 10.0.0.2/30 }'
snapshot > /tmp/before
echo ">>> record full"
OPENTOP_RUN_DIR=/tmp/small $OT up /tmp/p2p.otop; echo "rc=$?"
snapshot > /tmp/after; cmp -s /tmp/before /tmp/after && echo "host: as before" || diff /tmp/before /tmp/after
echo "small: $(ls -A /tmp/small | tr '\\n' ' ')"
`);
  const files = section(r.out, "files then namespaces");
  assert.match(files, /rc=1/, r.all);
  assert.match(
    r.stderr,
    /could not create the uts, mount namespaces of node a: unshare: injected failure/,
    r.all,
  );
  assert.doesNotMatch(r.stderr, /OT6012|Directory not empty/, r.all);
  assert.match(files, /host: as before/, files);

  const full = section(r.out, "record full");
  assert.match(full, /rc=1/, r.all);
  assert.match(r.stderr, /error\[OT9004\]: cannot write .*small.*ENOSPC/, r.all);
  assert.match(r.stderr, /was complete, but its record could not say so/, r.all);
  assert.match(full, /host: as before/, full);
  // No stray `.record.PID.tmp`, no lab directory: only the lock's directory is left.
  assert.match(full, /small: \n/, full);
});

test("5. down deletes only what is provably the lab's: look-alikes under its names, a host-name naming the uplink", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
copy_host_routes
# A user's namespace and veth under the lab's names, unmarked.
ip netns add look.a
ip link add name look0 type veth peer name look0p
lab_file /tmp/look.otop look 'node a { up0 -> host 10.9.0.2/30 { host-name look0 host-address 10.9.0.1/30 } }'
echo ">>> up"; $OT up /tmp/look.otop; echo "rc=$?"
echo ">>> down file"; $OT down /tmp/look.otop; echo "rc=$?"
echo ">>> left"; ls /run/netns; ls /sys/class/net | grep look0

# host-name eth0: the uplink. check and up refuse; down FILE and the script's down leave it.
lab_file /tmp/up.otop upl 'node a { up0 -> host 10.9.0.6/30 { host-name eth0 host-address 10.9.0.5/30 } }'
echo ">>> check eth0"; $OT check /tmp/up.otop; echo "rc=$?"
echo ">>> up eth0"; $OT up /tmp/up.otop; echo "rc=$?"
echo ">>> down eth0"; $OT down /tmp/up.otop; echo "rc=$?"
$OT build /tmp/up.otop -o /tmp/up.sh >/dev/null
echo ">>> script down eth0"; sh /tmp/up.sh down; echo "rc=$?"
echo ">>> uplink"; ip -o link show dev eth0 >/dev/null && echo "eth0 is there"
`);
  assert.match(section(r.out, "up"), /rc=1/, r.all);
  assert.match(r.stderr, /OT6002\]: network namespace look\.a already exists/);
  assert.match(r.stderr, /OT6003\]: interface look0 already exists on the host/);
  assert.match(section(r.out, "down file"), /rc=1/, r.all);
  assert.match(
    r.stderr,
    /OT6018\]: network namespace look\.a exists but is not provably lab look's: it was left/,
  );
  assert.match(r.stderr, /OT6018\]: host interface look0 exists but is not provably lab look's/);
  const left = section(r.out, "left");
  assert.match(left, /^look\.a$/m, r.all);
  assert.match(left, /^look0$/m, r.all);

  assert.match(section(r.out, "check eth0"), /rc=1/, r.all);
  assert.match(r.stderr, /OT6003\]: interface eth0 already exists on the host/);
  assert.match(section(r.out, "up eth0"), /rc=1/, r.all);
  assert.match(section(r.out, "uplink"), /eth0 is there/, r.all);
});

test("5. down from a file kills nothing unmarked in the lab's cgroup: without a record it is not provably the lab's", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  // The cgroup hierarchy is the machine's (the sandbox's cgroup namespace is rooted where
  // the test runs): the lab's name is unique, and the shared \`opentop/\` is left as it is.
  const lab = uniqueLab("cg");
  const r = run(
    `
lab_file /tmp/cg.otop ${lab} 'node a { isolate net cgroup
  run "sleep 1000" }'
$OT up /tmp/cg.otop >/dev/null || echo UP-FAILED
cg=/sys/fs/cgroup/opentop/${lab}/a
sleep 1000 & stranger=$!
echo $stranger > $cg/cgroup.procs
service=$(cat /run/opentop/${lab}/services/a.run1.pid)
rm /run/opentop/${lab}/record.json
echo ">>> down file"; $OT down /tmp/cg.otop; echo "rc=$?"
kill -0 $stranger 2>/dev/null && echo "stranger lives"
[ -d $cg ] && echo "cgroup kept"
kill -0 "$service" 2>/dev/null || echo "service stopped"
kill $stranger; wait $stranger 2>/dev/null
echo ">>> down again"; $OT down /tmp/cg.otop; echo "rc=$?"
[ -d /sys/fs/cgroup/opentop/${lab} ] || echo "cgroups gone"
`,
    { cgroup: true },
  );
  assert.doesNotMatch(r.out, /UP-FAILED/, r.all);
  const first = section(r.out, "down file");
  assert.match(first, /rc=1/, r.all);
  assert.match(first, /stranger lives/, r.all);
  assert.match(first, /cgroup kept/, r.all);
  assert.match(first, /service stopped/, "the lab's own (marked) service was stopped");
  assert.match(section(r.out, "down again"), /rc=0[\s\S]*cgroups gone/, r.all);
});

/** Node code that edits the record of lab LAB (its JSON as `r`) as `EDIT` says, keeping it consistent. */
function editRecord(lab: string, edit: string): string {
  return `node -e '
const fs = require("fs"), crypto = require("crypto");
const path = "/run/opentop/${lab}/record.json";
const r = JSON.parse(fs.readFileSync(path, "utf8"));
${edit}
fs.writeFileSync(path, JSON.stringify(r));'`;
}

/** Re-hash the plan after an edit, as an attacker who read record.ts would. */
const REHASH = `r.plan = crypto.createHash("sha256").update(JSON.stringify(r.ops.map((o) => o.op))).digest("hex");`;

test("6. down trusts no record: malformed or foreign fields make it unreadable (down falls back to marks); a look-alike it lists is left", {
  skip: SKIP_NOT_ROOT,
  timeout: 180_000,
}, () => {
  const cases: Record<string, string> = {
    "ops [1]": "r.ops = [1];",
    "an unknown kind": 'r.ops.push({ op: { kind: "file.rm", path: "/etc/passwd" } });',
    "a namespace of another name": `r.ops.push({ op: { kind: "netns.add", name: "victim" } }); r.owned.push({ kind: "netns", name: "victim" }); ${REHASH}`,
    "a file outside the lab's directory": `r.ops.push({ op: { kind: "ns.files", node: "a", paths: ["/tmp/victim-file"] } }); ${REHASH}`,
    "a cgroup outside opentop/": `r.ops.push({ op: { kind: "cgroup.add", path: "/sys/fs/cgroup/victim", scope: "lab" } }); ${REHASH}`,
    "a mount outside the lab's directory": `r.ops.push({ op: { kind: "nsdir.add", path: "/tmp/victim-mount" } }); ${REHASH}`,
    "a process of another lab": `r.ops.push({ op: { kind: "proc.stop", role: "init", node: "a", name: "init", pidfile: "/run/opentop/ed/services/a.init.pid", mark: "opentop:other:a:init", grace: 0 } }); ${REHASH}`,
    "a stand-in's found list": 'r.found = [{ op: { kind: "netns.del", name: "victim" } }];',
    "null where an object is": "r.owned = [null];",
    "an edited operation": 'r.ops[0].op.name = "ed.b";',
  };
  const script = Object.entries(cases)
    .map(
      ([name, edit]) => `
echo ">>> ${name}"
$OT up /tmp/ed.otop >/dev/null || echo UP-FAILED
${editRecord("ed", edit)}
$OT status ed >/dev/null 2>/tmp/status.err; echo "status rc=$?"; grep -o "OT[0-9]*" /tmp/status.err | head -1
$OT down ed; echo "down rc=$?"
snapshot | grep -q "ed" && echo "LEFT: $(snapshot)"
ip netns | grep -q victim && echo "victim namespace lives"
[ -e /tmp/victim-file ] && echo "victim file lives"
mountpoint -q /tmp/victim-mount && echo "victim mount lives"
kill -0 $victim 2>/dev/null && echo "victim process lives"`,
    )
    .join("\n");
  const r = run(`
ip netns add victim
touch /tmp/victim-file
mkdir -p /tmp/victim-mount && mount -t tmpfs victim /tmp/victim-mount
mkdir -p /run/opentop/ed/services
sh -c 'sleep 1000' opentop:other:a:init & victim=$!
lab_file /tmp/ed.otop ed 'node a { eth0 -> b.eth0 10.0.0.1/30 }
node b { eth0 10.0.0.2/30 }'
${script}
`);
  for (const name of Object.keys(cases)) {
    const s = section(r.out, name);
    assert.doesNotMatch(s, /UP-FAILED|LEFT/, `${name}:\n${s}\n${r.stderr}`);
    assert.match(s, /status rc=1\nOT6013/, `${name}: status says unreadable:\n${s}`);
    assert.match(s, /down rc=0/, `${name}: down removes the lab by its marks:\n${s}\n${r.stderr}`);
    for (const victim of ["namespace", "file", "mount", "process"])
      assert.match(s, new RegExp(`victim ${victim} lives`), `${name}: ${s}`);
  }
  assert.doesNotMatch(r.all, /OT9003|internal error/);
});

test("6. a readable record that lists a look-alike: the look-alike is left (OT6018), the record stays until it is gone", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
lab_file /tmp/la.otop la 'node a { eth0 -> b.eth0 10.0.0.1/30 }
node b { eth0 10.0.0.2/30 }'
ip netns add la.x          # a user's namespace, before the lab
ip link add name la-v type veth peer name la-vp
sleep 0.05
$OT up /tmp/la.otop >/dev/null || echo UP-FAILED
${editRecord(
  "la",
  `r.ops.push({ op: { kind: "netns.add", name: "la.x", node: "x" } }); r.owned.push({ kind: "netns", name: "la.x", node: "x" });
r.ops.push({ op: { kind: "veth.add", ns: null, a: { ns: null, name: "la-v", mark: "opentop:la:a:v" }, b: { ns: "la.a", name: "v" } } }); r.owned.push({ kind: "host-iface", name: "la-v", mark: "opentop:la:a:v" }); ${REHASH}`,
)}
echo ">>> down"; $OT down la; echo "rc=$?"; ip netns; ls /sys/class/net; ls /run/opentop
ip netns del la.x; ip link del la-v
echo ">>> again"; $OT down la; echo "rc=$?"; ls /run/opentop
`);
  assert.doesNotMatch(r.out, /UP-FAILED/, r.all);
  const first = section(r.out, "down");
  assert.match(first, /rc=1/, r.all);
  assert.match(r.stderr, /OT6018\]: network namespace la\.x exists but is not provably lab la's/);
  assert.match(r.stderr, /OT6018\]: host interface la-v exists but is not provably lab la's/);
  assert.match(first, /^la\.x$/m, "the look-alike namespace is left");
  assert.match(first, /^la-v$/m, "the look-alike interface is left");
  assert.doesNotMatch(first, /^la\.a$|^la\.b$/m, "the lab's own namespaces are gone");
  assert.match(first, /^la$/m, "the record is kept");
  const again = section(r.out, "again");
  assert.match(again, /rc=0/, r.all);
  assert.doesNotMatch(again, /^la$/m, "the record is gone");
});

test("7. a foreign mount in the lab's directory: up refuses it (OT6016); down neither unmounts it nor deletes through it", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
lab_file /tmp/mt.otop mt 'node a { isolate net uts
  hostname a }'
mkdir -p /run/opentop/mt/ns && mount -t tmpfs foreign /run/opentop/mt/ns && echo keep > /run/opentop/mt/ns/precious
echo ">>> up over a mount"; $OT up /tmp/mt.otop; echo "rc=$?"; cat /run/opentop/mt/ns/precious
umount /run/opentop/mt/ns; rm -rf /run/opentop/mt
$OT up /tmp/mt.otop >/dev/null || echo UP-FAILED
mkdir -p /tmp/over && mount -t tmpfs foreign /run/opentop/mt/ns && echo keep > /run/opentop/mt/ns/precious
echo ">>> down under a mount"; $OT down mt; echo "rc=$?"; cat /run/opentop/mt/ns/precious
umount /run/opentop/mt/ns
echo ">>> down after"; $OT down mt; echo "rc=$?"; snapshot
`);
  const up = section(r.out, "up over a mount");
  assert.match(up, /rc=1\nkeep/, r.all);
  assert.match(r.stderr, /OT6016\]: a mount is in the directory of lab mt/);
  assert.doesNotMatch(r.out, /UP-FAILED/, r.all);
  const down = section(r.out, "down under a mount");
  assert.match(down, /rc=1\nkeep/, `the foreign tmpfs and its file are intact:\n${r.all}`);
  assert.match(r.stderr, /OT6016\]: (a mount is|mounts are) left in the directory of lab mt/);
  const after = section(r.out, "down after");
  assert.match(after, /rc=0/, r.all);
  assert.match(after, /netns: \n/, r.all);
  assert.match(after, /run: \n/, r.all);
});

test("8. down FILE leaves a lab of the same name brought up from another file; the script's down of a lab that is down says so", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
lab_file /tmp/one.otop same 'node a { eth0 -> b.eth0 10.0.0.1/30 }
node b { eth0 10.0.0.2/30 }'
lab_file /tmp/two.otop same 'node a { eth0 -> c.eth0 10.0.0.1/30 }
node c { eth0 10.0.0.2/30 }'
$OT up /tmp/one.otop >/dev/null || echo UP-FAILED
echo ">>> other file"; $OT down /tmp/two.otop; echo "rc=$?"; ls /run/netns
echo ">>> same file"; $OT down /tmp/one.otop; echo "rc=$?"
$OT build /tmp/one.otop -o /tmp/one.sh >/dev/null
echo ">>> script down of a lab that is down"; sh /tmp/one.sh down; echo "rc=$?"
sh /tmp/one.sh up >/dev/null || echo SCRIPT-UP-FAILED
echo ">>> script down"; sh /tmp/one.sh down; echo "rc=$?"; snapshot
`);
  assert.doesNotMatch(r.out, /UP-FAILED/, r.all);
  const other = section(r.out, "other file");
  assert.match(other, /rc=1/, r.all);
  assert.match(r.stderr, /OT6019\]: lab same is up from another file/);
  assert.match(other, /^same\.a$/m, "the lab is still up");
  assert.match(section(r.out, "same file"), /is down .*\nrc=0/, r.all);
  assert.match(
    section(r.out, "script down of a lab that is down"),
    /lab same is not up: nothing to do\nrc=0/,
    r.all,
  );
  assert.match(
    section(r.out, "script down"),
    /lab same is down \(2 objects removed\)\nrc=0[\s\S]*netns: \n/,
    r.all,
  );
});

test("9. a lab never takes the host's own traffic: under a default route only prefixes the Internet does not route, unless host-override-default", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
copy_host_routes
lab_file /tmp/g4.otop g4 'node a { up0 -> host 16.0.0.2/4 { host-address 16.0.0.1/4 } }'
lab_file /tmp/g6.otop g6 'node a { up0 -> host 2000::2/3 { host-address 2000::1/3 } }'
lab_file /tmp/ok.otop okl 'node a { up0 -> host 198.51.100.66/30 { host-address 198.51.100.65/30 } }'
lab_file /tmp/ov.otop ov 'node a { up0 -> host 16.0.0.2/4 { host-address 16.0.0.1/4 host-override-default } }'
echo ">>> before"; ip route get 20.0.0.1; ip -6 route get 2001:4860::8888
echo ">>> global v4"; $OT up /tmp/g4.otop; echo "rc=$?"
echo ">>> global v6"; $OT up /tmp/g6.otop; echo "rc=$?"
echo ">>> after"; ip route get 20.0.0.1; ip -6 route get 2001:4860::8888
echo ">>> documentation"; $OT up /tmp/ok.otop; echo "rc=$?"; $OT down okl >/dev/null
echo ">>> override"; $OT up /tmp/ov.otop; echo "rc=$?"; ip route get 20.0.0.1; $OT down ov >/dev/null
echo ">>> end"; snapshot
`);
  const before = section(r.out, "before");
  assert.match(before, /via 192\.0\.2\.1 dev eth0/, r.all);
  assert.match(section(r.out, "global v4"), /rc=1/, r.all);
  assert.match(
    r.stderr,
    /OT6020\]: the host side of this link, 16\.0\.0\.1\/4, would take traffic the host sends through its default route/,
  );
  assert.match(section(r.out, "global v6"), /rc=1/, r.all);
  assert.match(r.stderr, /OT6020\]: the host side of this link, 2000::1\/3/);
  assert.equal(section(r.out, "after"), before, "where the host's traffic goes is unchanged");
  assert.match(section(r.out, "documentation"), /rc=0/, r.all);
  const override = section(r.out, "override");
  assert.match(override, /rc=0/, r.all);
  assert.match(override, /20\.0\.0\.1 dev ot-/, "with the opt-in, the lab takes the prefix");
  assert.match(section(r.out, "end"), /netns: \nlinks: eth0 eth0-peer lo \nrun: (\.run-dirs )?\n/, r.all);
});

test("9. two labs that want the same host prefix at the same moment: exactly one gets it", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
copy_host_routes
for k in 1 2 3; do
  lab_file /tmp/c1.otop cone$k 'node a { up0 -> host 198.51.100.70/30 { host-address 198.51.100.69/30 } }'
  lab_file /tmp/c2.otop ctwo$k 'node a { up0 -> host 198.51.100.70/30 { host-address 198.51.100.69/30 } }'
  $OT up /tmp/c1.otop > /tmp/c1.out 2>&1 & p1=$!
  $OT up /tmp/c2.otop > /tmp/c2.out 2>&1 & p2=$!
  wait $p1; r1=$?; wait $p2; r2=$?
  echo ">>> round $k"
  echo "rc $r1 $r2"; cat /tmp/c1.out /tmp/c2.out
  ip -4 addr show | grep -c "198.51.100.69/30" | sed 's/^/addresses: /'
  $OT down cone$k >/dev/null; $OT down ctwo$k >/dev/null
done
# The lock is the machine's: a live holder makes up wait (it does not finish), Ctrl-C ends the wait.
sleep 1000 & holder=$!
ln -s "$holder:$(cut -d' ' -f22 /proc/$holder/stat)" /run/opentop/.host.lock
setsid $OT up /tmp/c1.otop > /tmp/w.out 2>&1 & w=$!
sleep 1; kill -0 $w 2>/dev/null && echo "waiting for the host lock"
kill -INT -$w; wait $w; echo "rc=$?"; cat /tmp/w.out; kill $holder
echo ">>> end"; snapshot
`);
  for (let k = 1; k <= 3; k++) {
    const s = section(r.out, `round ${k}`);
    assert.match(s, /rc (0 1|1 0)\n/, `round ${k}: one up succeeds, the other fails:\n${s}`);
    assert.match(
      s,
      /OT6014\]: the host side of this link, 198\.51\.100\.69\/30, overlaps the host's 198\.51\.100\.69\/30/,
      s,
    );
    assert.match(s, /addresses: 1/, s);
  }
  assert.match(r.out, /waiting for the host lock\nrc=1\nerror\[OT6017\]/, r.all);
  assert.match(section(r.out, "end"), /netns: \n/, r.all);
});

test("16. a lab of another run directory is not debris: gc (dry run and real) leaves it, down refuses it from elsewhere", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
mkdir -p /tmp/alt
lab_file /tmp/alt.otop altl 'node a { eth0 -> b.eth0 10.0.0.1/30 }
node b { eth0 10.0.0.2/30 }'
OPENTOP_RUN_DIR=/tmp/alt $OT up /tmp/alt.otop >/dev/null || echo UP-FAILED
echo ">>> ls"; $OT ls
echo ">>> dry run"; $OT gc --dry-run; echo "rc=$?"
echo ">>> gc"; $OT gc; echo "rc=$?"; ls /run/netns
echo ">>> down here"; $OT down altl; echo "rc=$?"
echo ">>> down there"; OPENTOP_RUN_DIR=/tmp/alt $OT down altl; echo "rc=$?"; ls /run/netns
`);
  assert.doesNotMatch(r.out, /UP-FAILED/, r.all);
  assert.doesNotMatch(section(r.out, "dry run"), /altl|run-dirs/, r.all);
  assert.match(section(r.out, "ls"), /^no labs on this machine\n$/, "the index of run directories is no lab");
  assert.match(section(r.out, "gc"), /altl\.a/, "gc left the lab");
  assert.match(section(r.out, "down here"), /rc=1/, r.all);
  assert.match(r.stderr, /OT6021\]: lab altl is recorded in another run directory: \/tmp\/alt/);
  assert.match(section(r.out, "down there"), /rc=0\n$/, r.all);
});

test("15. a sysctl value the kernel refuses is reported at the sysctl's own line, not at `forward`", {
  skip: SKIP_NOT_ROOT,
  timeout: 60_000,
}, () => {
  const r = run(`
lab_file /tmp/sy.otop sy 'node r {
  forward
  sysctl net.ipv4.ip_default_ttl 0
}'
$OT up /tmp/sy.otop; echo "rc=$?"; snapshot
`);
  assert.match(r.out, /rc=1/, r.all);
  assert.match(
    r.stderr,
    /could not set net\.ipv4\.ip_default_ttl = 0 in sy\.r: sysctl: setting key "net\.ipv4\.ip_default_ttl": Invalid argument/,
  );
  assert.match(r.stderr, / --> \/tmp\/sy\.otop:4:3\n/, "the caret is on the sysctl's line");
  assert.match(r.stderr, /the kernel refuses this value/);
  assert.match(r.out, /netns: \n/, r.all);
});

test("1. the standalone script's up killed between making namespaces and marking them: its down (and opentop's) removes them", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
lab_file /tmp/sk.otop sk 'switch lan
node pc[1..120] { eth0 -> lan 10.1.0.{i}/24 }'
$OT build /tmp/sk.otop -o /tmp/sk.sh >/dev/null
for who in script cli; do
  # Stop the script as soon as its first namespaces exist, before any is marked.
  sh /tmp/sk.sh up >/dev/null 2>&1 & pid=$!
  while [ "$(ls /run/netns | wc -l)" -lt 5 ]; do :; done
  kill -KILL $pid; wait $pid 2>/dev/null
  sleep 0.5 # the batch it started finishes by itself
  echo ">>> $who"
  echo "namespaces: $(ls /run/netns | wc -l)"
  nsenter --net=/run/netns/sk.pc1 ip -o link show dev lo | grep -q alias || echo "pc1 is not marked"
  if [ $who = script ]; then sh /tmp/sk.sh down; else $OT down sk; fi; echo "rc=$?"
  snapshot
done
`);
  for (const who of ["script", "cli"]) {
    const s = section(r.out, who);
    assert.match(s, /pc1 is not marked/, `${who}: killed before the marks:\n${r.all}`);
    assert.match(s, /rc=0/, `${who}:\n${r.all}`);
    assert.match(s, /netns: \n/, `${who}: nothing left:\n${s}`);
  }
});

test("2. a record the API handed out, changed by its caller to name another lab's namespaces: down reads the file, takes down its own lab and leaves the other", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const api = join(ROOT, "dist/src/api/opentop.js");
  const program = `
import { compile, down, lab, up } from ${JSON.stringify(api)};
const source = (name) => "lab " + name + "\\nnode a { eth0 -> b.eth0 10.0.0.1/30 }\\nnode b { eth0 10.0.0.2/30 }\\n";
await up(compile("/tmp/victim.otop", { source: source("victim") }));
await up(compile("/tmp/mine.otop", { source: source("mine") }));
// Typed read-only, but a plain object: its caller points it at the victim.
const record = lab("mine").record;
for (const o of record.owned) if (o.name?.startsWith("mine.")) o.name = o.name.replace("mine.", "victim.");
for (const r of record.ops)
  for (const k of ["name", "ns"]) if (r.op[k]?.startsWith?.("mine.")) r.op[k] = r.op[k].replace("mine.", "victim.");
try { console.log("down", JSON.stringify((await down("mine")).removed)); }
catch (e) { console.log("down failed", e.diagnostics?.map((d) => d.code + " " + d.message).join("; ") ?? e); }
`;
  const r = run(`
cat > /tmp/api.mjs <<'X'
${program}X
node /tmp/api.mjs
echo "netns: $(ls /run/netns | sort | tr '\\n' ' ')"
`);
  assert.match(r.out, /^down 2$/m, r.all);
  assert.match(r.out, /^netns: victim\.a victim\.b $/m, r.all);
});
