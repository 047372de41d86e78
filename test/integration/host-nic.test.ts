// The host's interfaces in a lab: a macvlan on one, and one moved into a node and given back
// as it was — at `down`, after a failed `up` (rollback), after a crash (tear-down from a
// half-up record), and by the standalone script. The "NIC" is always a veth pair this test
// creates on the host, with host-side addresses from the test's own range; never a real one.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import { leftovers } from "../support/host.js";
import { cli, inNs, SKIP_NOT_ROOT, scratch, writeLab } from "../support/lab.js";

/** A veth pair on the host, `NAMEa` (with an address, an MTU and a route) and `NAMEb`, both up. */
function fakeNic(name: string, subnet: string): { a: string; b: string; remove: () => void } {
  const a = `${name}a`;
  const b = `${name}b`;
  const ip = (...args: string[]) => {
    const r = spawnSync("ip", args, { encoding: "utf8" });
    assert.equal(r.status, 0, `ip ${args.join(" ")}: ${r.stderr}`);
  };
  ip("link", "add", "name", a, "type", "veth", "peer", "name", b);
  ip("link", "set", "dev", a, "mtu", "1400", "up");
  ip("link", "set", "dev", b, "up");
  ip("addr", "add", `${subnet}.129/28`, "dev", a);
  ip("addr", "add", "fd11:7::1/64", "dev", a, "nodad");
  ip("route", "add", `${subnet}.192/28`, "via", `${subnet}.130`, "dev", a);
  return { a, b, remove: () => spawnSync("ip", ["link", "del", a]) };
}

/** What the host knows of an interface: MTU, state, global addresses, routes through it. */
function hostState(dev: string): string {
  const link = JSON.parse(
    spawnSync("ip", ["-j", "link", "show", "dev", dev], { encoding: "utf8" }).stdout || "[]",
  ) as {
    mtu: number;
    flags: string[];
    address: string;
  }[];
  const addrs = JSON.parse(
    spawnSync("ip", ["-j", "addr", "show", "dev", dev, "scope", "global"], { encoding: "utf8" }).stdout ||
      "[]",
  ) as { addr_info: { local: string; prefixlen: number }[] }[];
  const routes = spawnSync("ip", ["route", "show", "dev", dev], { encoding: "utf8" }).stdout.replace(
    / linkdown/g,
    "",
  );
  return JSON.stringify({
    mtu: link[0]?.mtu,
    up: link[0]?.flags.includes("UP"),
    mac: link[0]?.address,
    addrs: addrs.flatMap((a) => a.addr_info.map((i) => `${i.local}/${i.prefixlen}`)).sort(),
    routes: routes.trim().split("\n").sort(),
  });
}

/** Pings thrice: a moved veth's carrier may take up to a second to count (link watch). */
function reaches(ns: string, address: string): boolean {
  return / [1-3] received/.test(
    inNs(ns, ["ping", "-n", "-q", "-c", "3", "-i", "0.4", "-W", "1", address]).stdout,
  );
}

const SUBNET = "198.51.100";

function labBody(nic: { a: string; b: string }): string {
  return `node a { wan -> host.${nic.a} ${SUBNET}.140/28 fd11:7::40/64 { move mtu 1300 } }
node b { lan -> host.${nic.b} ${SUBNET}.141/28 }
node c { lan -> host.${nic.b} ${SUBNET}.142/28 { macvlan bridge } }
`;
}

test("host NIC: macvlans and a moved NIC carry traffic, and down gives the NIC back as it was", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const nic = fakeNic(`tn${process.pid.toString(36).slice(-4)}`, SUBNET);
  const s = scratch();
  const { path, lab } = writeLab(s.dir, "nics", labBody(nic));
  try {
    const before = hostState(nic.a);
    const up = cli(["up", path]);
    assert.equal(up.code, 0, up.stderr);
    assert.equal(spawnSync("ip", ["link", "show", "dev", nic.a]).status, 1, "the NIC has left the host");
    const saved = `/run/opentop/${lab}/nics/${nic.a}`;
    assert.match(readFileSync(saved, "utf8"), new RegExp(`^addr add ${SUBNET}\\.129/28 dev ${nic.a}$`, "m"));
    const [wan] = JSON.parse(inNs(`${lab}.a`, ["ip", "-j", "link", "show", "dev", "wan"]).stdout) as {
      mtu: number;
    }[];
    assert.equal(wan?.mtu, 1300, "the lab's MTU, set as it moved in");
    assert.ok(reaches(`${lab}.a`, `${SUBNET}.141`), "the moved NIC reaches a macvlan on its peer");
    assert.ok(reaches(`${lab}.b`, `${SUBNET}.142`), "two macvlans on one NIC (bridge mode) reach each other");
    const st = cli(["status", lab]);
    assert.equal(st.code, 0, st.stdout);
    const down = cli(["down", lab]);
    assert.equal(down.code, 0, down.stderr);
    assert.equal(hostState(nic.a), before, "address, MTU, state and routes restored");
    assert.equal(existsSync(saved), false, "the saved state is gone with the lab");
  } finally {
    cli(["down", lab]);
    nic.remove();
    s.remove();
  }
});

test("host NIC: a failed up, and a crashed one, give the NIC back", { skip: SKIP_NOT_ROOT }, () => {
  const nic = fakeNic(`tf${process.pid.toString(36).slice(-4)}`, SUBNET);
  const s = scratch();
  const labs: string[] = [];
  try {
    const before = hostState(nic.a);
    // Rollback: a setting of the moved interface this kernel does not have fails in the
    // stage after the links, once the NIC is in.
    const failing = writeLab(
      s.dir,
      "nicfail",
      labBody(nic).replace("node a {", "node a {\n  sysctl net.ipv4.conf.wan.no_such_key 1\n "),
    );
    labs.push(failing.lab);
    const r = cli(["up", failing.path]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no_such_key/);
    assert.doesNotMatch(r.stderr, /OT6012/, "the rollback finished");
    assert.equal(hostState(nic.a), before, "the NIC was given back as it was");
    // A crash: the lab is up, its record says it never finished.
    const { path, lab } = writeLab(s.dir, "niccrash", labBody(nic));
    labs.push(lab);
    assert.equal(cli(["up", path]).code, 0);
    const record = `/run/opentop/${lab}/record.json`;
    writeFileSync(record, readFileSync(record, "utf8").replace('"state": "up"', '"state": "creating"'));
    assert.equal(cli(["up", path]).code, 1, "a half-up lab is refused");
    const down = cli(["down", lab]);
    assert.equal(down.code, 0, down.stderr);
    assert.equal(hostState(nic.a), before);
    // The record lost as well: `down LAB` finds the move by the state saved in the lab's
    // directory, and gives the NIC back before the node's namespace (found by its mark) goes.
    assert.equal(cli(["up", path]).code, 0);
    rmSync(record);
    const lost = cli(["down", lab]);
    assert.equal(lost.code, 0, lost.stderr);
    assert.equal(hostState(nic.a), before, "given back without the record");
  } finally {
    for (const l of labs) cli(["down", l]);
    nic.remove();
    s.remove();
  }
});

test("host NIC: the script moves it in and gives it back like opentop", { skip: SKIP_NOT_ROOT }, () => {
  const nic = fakeNic(`ts${process.pid.toString(36).slice(-4)}`, SUBNET);
  const s = scratch();
  const { path, lab } = writeLab(s.dir, "nicsh", labBody(nic));
  const script = `${s.dir}/nicsh.sh`;
  try {
    const before = hostState(nic.a);
    assert.equal(cli(["build", path, "-o", script]).code, 0);
    const up = spawnSync("sh", [script, "up"], { encoding: "utf8" });
    assert.equal(up.status, 0, up.stderr);
    assert.equal(spawnSync("ip", ["link", "show", "dev", nic.a]).status, 1);
    assert.equal(spawnSync("sh", [script, "status"], { encoding: "utf8" }).status, 0);
    // opentop takes the script's lab down, and the other way round.
    assert.equal(cli(["down", lab]).code, 0);
    assert.equal(hostState(nic.a), before);
    assert.equal(cli(["up", path]).code, 0);
    const down = spawnSync("sh", [script, "down"], { encoding: "utf8" });
    assert.equal(down.status, 0, down.stderr);
    assert.equal(hostState(nic.a), before);
  } finally {
    cli(["down", lab]);
    nic.remove();
    s.remove();
  }
});

test("host NIC: a missing NIC, another lab's, or one the lab already holds is refused before anything", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const nic = fakeNic(`tr${process.pid.toString(36).slice(-4)}`, SUBNET);
  const s = scratch();
  const first = writeLab(s.dir, "nicone", labBody(nic));
  try {
    const missing = writeLab(s.dir, "nicmiss", "node a { wan -> host.tnomissing0 { move } }\n");
    const r = cli(["up", missing.path]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error\[OT6030\]: the host has no interface tnomissing0/);
    assert.deepEqual(leftovers(missing.lab), [], "nothing of the refused lab exists");
    // A lab's own host end is no NIC for another lab.
    const owner = writeLab(s.dir, "nicown", `node h { up0 -> host { host-name ${nic.a}x } }\n`);
    assert.equal(cli(["up", owner.path]).code, 0);
    const theirs = writeLab(s.dir, "nictheirs", `node a { wan -> host.${nic.a}x { move } }\n`);
    const t = cli(["up", theirs.path]);
    assert.match(t.stderr, /error\[OT6031\]: interface \S+ of the host belongs to OpenTop lab/);
    assert.deepEqual(leftovers(theirs.lab), [], "nothing of the refused lab exists");
    assert.equal(cli(["down", owner.lab]).code, 0);
    // While one lab holds it, the NIC is not on the host: a second lab is refused.
    assert.equal(cli(["up", first.path]).code, 0);
    const again = writeLab(s.dir, "nictwo", `node a { wan -> host.${nic.a} { move } }\n`);
    assert.match(cli(["up", again.path]).stderr, /error\[OT6030\]/);
    assert.deepEqual(leftovers(again.lab), [], "nothing of the refused lab exists");
  } finally {
    for (const l of [first.lab]) cli(["down", l]);
    nic.remove();
    s.remove();
  }
});

test("host NIC: a tampered record makes down neither apply nor delete another file", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const nic = fakeNic(`tt${process.pid.toString(36).slice(-4)}`, SUBNET);
  const s = scratch();
  const { path, lab } = writeLab(s.dir, "nictamper", labBody(nic));
  const decoy = `${s.dir}/decoy`;
  writeFileSync(decoy, "link set dev lo down\n");
  try {
    const before = hostState(nic.a);
    assert.equal(cli(["up", path]).code, 0);
    const record = `/run/opentop/${lab}/record.json`;
    const saved = `/run/opentop/${lab}/nics/${nic.a}`;
    writeFileSync(record, readFileSync(record, "utf8").replaceAll(saved, decoy));
    // A saved state outside the lab's directory: the record is unreadable, and down takes the
    // lab by its marks — the move found by the state saved in the lab's own directory.
    assert.match(cli(["status", lab]).stderr, /OT6013/);
    const down = cli(["down", lab]);
    assert.equal(down.code, 0, down.stderr);
    assert.equal(
      readFileSync(decoy, "utf8"),
      "link set dev lo down\n",
      "the decoy is neither applied nor deleted",
    );
    const lo = spawnSync("ip", ["-j", "link", "show", "dev", "lo"], { encoding: "utf8" }).stdout;
    assert.ok(
      (JSON.parse(lo)[0]?.flags ?? []).includes("UP"),
      "the decoy was not applied: the host's lo is up",
    );
    assert.equal(hostState(nic.a), before, "the NIC is back on the host as it was");

    // A saved state the move did not write (its first line changed): the lab's node still
    // gives the NIC back, but the file is neither applied nor deleted, and down says so.
    assert.equal(cli(["up", path]).code, 0);
    writeFileSync(saved, readFileSync(saved, "utf8").replace(/^# opentop: /, "# edited: "));
    const tampered = readFileSync(saved, "utf8");
    const again = cli(["down", lab]);
    assert.equal(again.code, 1, "the saved state is not the move's");
    assert.match(again.stderr, /is not the saved state of/);
    assert.equal(readFileSync(saved, "utf8"), tampered, "the file is left as it is");
    assert.equal(spawnSync("ip", ["link", "show", "dev", nic.a]).status, 0, "the NIC is back on the host");
  } finally {
    rmSync(`/run/opentop/${lab}/nics/${nic.a}`, { force: true });
    cli(["down", lab]);
    nic.remove();
    s.remove();
  }
});
