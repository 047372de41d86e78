// A third adversarial pass, after apply, test, capture, the machines' capacity checks and
// fmt landed, by someone who had read only the docs: what it broke, each as a case. Every
// case runs in a sandbox of its own (test/support/sandbox.ts): its own network, mounts, pids
// and /run, so nothing of this machine or of other labs is touched.

import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, SKIP_NOT_ROOT } from "../support/lab.js";
import { sandbox, section } from "../support/sandbox.js";

/** The sandbox's own /tmp, and `lls`: each namespace's IPv6 link-local addresses, one a line. */
const HELPERS = [
  "lls() { for n in $(ls /run/netns); do ip -n $n -6 -o addr show scope link | awk -v n=$n '{print n, $2, $4}'; done; }",
].join("\n");

function run(script: string, options: Parameters<typeof sandbox>[1] = {}) {
  const r = sandbox(`${HELPERS}\n${script}`, options);
  return { ...r, out: r.stdout, all: `${r.stdout}\n${r.stderr}` };
}

const V6 = `lab a
switch lan
node r { forward; eth0 -> lan 10.0.0.1/24 fd00::1/64; eth1 -> y.eth0 10.0.1.1/24 fd00:1::1/64 }
node x { eth0 -> lan 10.0.0.2/24 fd00::2/64; route default via 10.0.0.1; route ::/0 via fd00::1 }
node y { eth0 10.0.1.2/24 fd00:1::2/64; route default via 10.0.1.1; route ::/0 via fd00:1::1 }
`;
const V4 = V6.replace(/ fd00[:0-9]*::\d\/64/g, "").replace(/; route ::\/0 via fd00[:0-9]*::1/g, "");

test("apply 1. apply that removes a lab's last IPv6 address leaves no link-local address, as up of the new file does", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
cat > /tmp/a.otop <<'X'
${V6}X
cat > /tmp/a4.otop <<'X'
${V4}X
$OT up /tmp/a4.otop >/dev/null || echo UP-FAILED
echo ">>> fresh"; lls; $OT down a >/dev/null
$OT up /tmp/a.otop >/dev/null || echo UP-FAILED
$OT apply /tmp/a4.otop >/dev/null || echo APPLY-FAILED
echo ">>> applied"; lls
$OT status a >/dev/null || echo STATUS-FAILED
$OT exec a x -- ping -c1 -W2 10.0.1.2 >/dev/null || echo PING-FAILED
$OT apply /tmp/a.otop >/dev/null || echo APPLY-FAILED
$OT exec a x -- ping -c1 -W3 fd00:1::2 >/dev/null || echo PING6-FAILED
$OT down a >/dev/null || echo DOWN-FAILED
ls -A /run/netns /run/opentop | grep -v ':$' | grep . && echo LEFTOVERS
`);
  assert.doesNotMatch(r.out, /FAILED|LEFTOVERS/, r.all);
  assert.equal(section(r.out, "fresh").trim(), "", r.all);
  assert.equal(section(r.out, "applied").trim(), "", `link-local addresses left by apply:\n${r.all}`);
});

test("down 2. the script's test killed outright leaves its files in the lab's directory: down (the script's and opentop's) removes them, not OT6092", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const r = run(`
cat > /tmp/a.otop <<'X'
lab a
switch lan
node x { eth0 -> lan 10.0.0.1/24 }
node y { eth0 -> lan 10.0.0.2/24; filter { input policy drop } }
expect x !-> y tcp 8080
expect x !-> y
X
$OT build /tmp/a.otop -o /tmp/a.sh >/dev/null || echo BUILD-FAILED
for down in script opentop; do
  echo ">>> $down"
  sh /tmp/a.sh up >/dev/null || echo UP-FAILED
  setsid sh /tmp/a.sh test >/dev/null 2>&1 & p=$!
  sleep 1; ls /run/opentop/a | grep -q '^test\\.' || echo NOT-MID-TEST
  kill -9 -$p; wait $p
  if [ $down = script ]; then sh /tmp/a.sh down; else $OT down a; fi; echo "rc=$?"
  [ -e /run/opentop/a ] && echo "DIR LEFT: $(ls -A /run/opentop/a)"
  ls /run/netns | grep . && echo NETNS-LEFT
done
`);
  assert.doesNotMatch(r.out, /FAILED|NOT-MID-TEST|DIR LEFT|NETNS-LEFT/, r.all);
  assert.doesNotMatch(r.all, /OT6092/, r.all);
  for (const d of ["script", "opentop"]) assert.match(section(r.out, d), /rc=0/, r.all);
});

test("api 3. the API's misuse: exec and spawn through a handle whose lab went down are OT6008 (not nsenter's status 1), anything but a compilation is refused (not a TypeError), and a compilation's plan cannot be swapped for another lab's", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const api = join(ROOT, "dist/src/api/opentop.js");
  const program = `
import { compile, up, down, OpentopError } from ${JSON.stringify(api)};
const says = async (name, f) => {
  try { console.log(name, "returned", JSON.stringify(await f())); }
  catch (e) { console.log(name, e instanceof OpentopError ? e.diagnostics.map((d) => d.code).join(",") : "raw " + e.constructor.name); }
};
const c = compile("/tmp/d.otop", { source: "lab demo\\nswitch lan\\nnode a { eth0 -> lan 10.0.0.1/24 }\\n" });
const demo = await up(c);
await says("exec-up", async () => (await demo.exec("a", ["true"])).code);
await down("demo");
await says("exec-down", () => demo.exec("a", ["true"]));
await says("spawn-down", () => demo.spawn("a", ["true"]).pid > 0);
for (const [name, forged] of [["empty", {}], ["undefined", undefined], ["null", null], ["copy", { ...c }]])
  await says("up-" + name, () => up(forged));
const other = compile("/tmp/o.otop", { source: "lab other\\nnode z { lo 10.9.9.9/32 }\\n" });
await says("swap", () => { c.plan = other.plan; return "swapped"; });
`;
  const r = run(`
cat > /tmp/api.mjs <<'X'
${program}X
node /tmp/api.mjs
ls /run/netns | grep . && echo NETNS-LEFT
ls -A /run/opentop | grep . && echo RUN-LEFT
`);
  assert.match(r.out, /^exec-up returned 0$/m, r.all);
  assert.match(r.out, /^exec-down OT6008$/m, r.all);
  assert.match(r.out, /^spawn-down OT6008$/m, r.all);
  for (const name of ["empty", "undefined", "null", "copy"])
    assert.match(r.out, new RegExp(`^up-${name} OT9003$`, "m"), r.all);
  assert.match(r.out, /^swap raw TypeError$/m, r.all);
  assert.doesNotMatch(r.out, /LEFT/, r.all);
});
