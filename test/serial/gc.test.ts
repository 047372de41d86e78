// gc removes what interrupted or orphaned labs left, and nothing else: labs that are up
// and look-alike objects without OpenTop's mark survive. (Serial: gc sees the whole machine.)

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { test } from "node:test";
import { leftovers } from "../support/host.js";
import { BIN, cli, SKIP_NOT_ROOT, scratch, uniqueLab, writeLab } from "../support/lab.js";

const LAB = "switch lan\nnode h[1..30] { eth0 -> lan 10.6.0.{i}/24 }\n";

async function killedUp(path: string, lab: string): Promise<void> {
  const child = spawn(process.execPath, [BIN, "up", path], { stdio: "ignore" });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const record = `/run/opentop/${lab}/record.json`;
  for (let i = 0; i < 2000 && !existsSync(record); i++) await new Promise((r) => setTimeout(r, 2));
  await new Promise((r) => setTimeout(r, 30));
  child.kill("SIGKILL");
  await exited;
}

test("gc removes a lab whose up was killed, and a lab whose record is gone; --dry-run only lists", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const s = scratch();
  const killed = writeLab(s.dir, "killed", LAB);
  const orphan = writeLab(s.dir, "orphan", "switch lan\nnode a { eth0 -> lan }\nnode b { x -> host }\n");
  const healthy = writeLab(s.dir, "healthy", "node a { eth0 -> b.eth0 }\nnode b { eth0 }\n");
  try {
    await killedUp(killed.path, killed.lab);
    assert.equal(cli(["up", orphan.path]).code, 0);
    rmSync(`/run/opentop/${orphan.lab}`, { recursive: true });
    assert.equal(cli(["up", healthy.path]).code, 0);

    const dry = cli(["gc", "--dry-run", "--json"]);
    assert.equal(dry.code, 0, dry.stderr);
    const listed = (JSON.parse(dry.stdout).debris as { lab: string; objects: string[] }[]).map((d) => d.lab);
    assert.ok(listed.includes(killed.lab), "the killed lab is debris");
    assert.ok(listed.includes(orphan.lab), "the record-less lab is debris");
    assert.ok(!listed.includes(healthy.lab), "a lab that is up is not debris");
    assert.ok(existsSync(`/run/netns/${orphan.lab}.a`), "--dry-run removes nothing");

    const real = cli(["gc"]);
    assert.equal(real.code, 0, real.stderr);
    assert.deepEqual(leftovers(killed.lab), []);
    assert.deepEqual(leftovers(orphan.lab), []);
    assert.ok(existsSync(`/run/netns/${healthy.lab}.a`), "the healthy lab survives gc");
  } finally {
    cli(["down", healthy.lab]);
    cli(["down", killed.lab]);
    cli(["down", orphan.lab]);
    s.remove();
  }
});

test("gc never removes look-alikes without the mark", { skip: SKIP_NOT_ROOT }, () => {
  const lab = uniqueLab("alike");
  const fakeNode = `${lab}.a`; // named like a node, but unmarked
  const lying = `${lab}.b`; // marked for another lab than its name says
  const hostLike = `ot-zzzzzz-${lab.slice(-4)}`.slice(0, 15);
  const sh = (...argv: string[]) => spawnSync(argv[0] as string, argv.slice(1));
  try {
    sh("ip", "netns", "add", fakeNode);
    sh("ip", "netns", "add", lying);
    sh("ip", "-n", lying, "link", "set", "dev", "lo", "alias", "opentop:someotherlab:b");
    sh("ip", "link", "add", "name", hostLike, "type", "veth", "peer", "name", `${hostLike.slice(0, 12)}-p`);
    sh("ip", "link", "set", "dev", hostLike, "alias", "not-opentop");
    const r = cli(["gc"]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(`/run/netns/${fakeNode}`), "an unmarked namespace named like a node survives");
    assert.ok(existsSync(`/run/netns/${lying}`), "a namespace whose mark disagrees with its name survives");
    assert.ok(
      existsSync(`/sys/class/net/${hostLike}`),
      "an interface named like a host link, without the mark, survives",
    );
    assert.equal(cli(["down", lab]).code, 0);
    assert.ok(existsSync(`/run/netns/${fakeNode}`), "down of the lab leaves them too");
  } finally {
    sh("ip", "netns", "del", fakeNode);
    sh("ip", "netns", "del", lying);
    sh("ip", "link", "del", "dev", hostLike);
  }
});
