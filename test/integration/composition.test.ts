// The composition examples brought up for real, at small parameters: a chain of routers,
// a ring and a leaf-spine fabric, each proven end to end with ping over IPv4 and IPv6, and
// a lab made of an included file and a template, whose status is clean.

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli, inNs, ipJson, ping, ROOT, SKIP_NOT_ROOT, scratch, uniqueLab, withLab } from "../support/lab.js";

/** An example lab's body without its `lab` line, so that a test can give it a unique name. */
function example(name: string): string {
  return readFileSync(join(ROOT, "examples", name), "utf8").replace(/^lab .*$/m, "");
}

test("chain: a reaches b through n routers and back, IPv4 and IPv6, one hop per router", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const n = 4;
  await withLab(
    "chain",
    example("chain.otop"),
    ({ ns }) => {
      assert.ok(ping(ns("a"), "10.2.0.10", 2), "a -> b (IPv4)");
      assert.ok(ping(ns("a"), "fd00:2::10", 2), "a -> b (IPv6)");
      assert.ok(ping(ns("b"), "10.1.0.10", 2), "b -> a (IPv4)");
      // Each router takes one from the TTL: with n, the packet dies at the last router.
      const short = inNs(ns("a"), ["ping", "-n", "-c1", "-W2", "-t", String(n), "10.2.0.10"]);
      assert.notEqual(short.code, 0, `with a TTL of ${n} the packet dies in the chain`);
      const enough = inNs(ns("a"), ["ping", "-n", "-c1", "-W2", "-t", String(n + 1), "10.2.0.10"]);
      assert.equal(enough.code, 0, `with a TTL of ${n + 1} it arrives: the path is the chain`);
      // The hop addresses come from the pool: hop k is the k-th /31 of 10.255.0.0/16.
      const addrs = ipJson<{ ifname: string; addr_info: { local: string; prefixlen: number }[] }[]>(
        ns("r2"),
        ["-4", "addr", "show"],
      );
      const of = (ifname: string) =>
        addrs.find((a) => a.ifname === ifname)?.addr_info.map((x) => `${x.local}/${x.prefixlen}`);
      assert.deepEqual(of("left"), ["10.255.0.3/31"]);
      assert.deepEqual(of("right"), ["10.255.0.4/31"]);
    },
    ["--set", `n=${n}`],
  );
});

test("ring: every host reaches every other host, IPv4 and IPv6, the shorter way round", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const n = 5;
  await withLab(
    "ring",
    example("ring.otop"),
    ({ ns }) => {
      for (let from = 1; from <= n; from++)
        for (let to = 1; to <= n; to++) {
          if (from === to) continue;
          assert.ok(ping(ns(`h${from}`), `10.0.${to}.10`, 2), `h${from} -> h${to} (IPv4)`);
          assert.ok(ping(ns(`h${from}`), `fd00:1:0:${to.toString(16)}::a`, 2), `h${from} -> h${to} (IPv6)`);
        }
      // h1 to h3 goes clockwise (r1, r2, r3): three routers, so a TTL of 3 is too short.
      const viaTwo = inNs(ns("h1"), ["ping", "-n", "-c1", "-W2", "-t", "3", "10.0.3.10"]);
      assert.notEqual(viaTwo.code, 0, "h1 -> h3 crosses three routers");
      // h1 to h4 goes counter-clockwise (r1, r5, r4): three routers too, not four.
      const back = inNs(ns("h1"), ["ping", "-n", "-c1", "-W2", "-t", "4", "10.0.4.10"]);
      assert.equal(back.code, 0, "h1 -> h4 takes the shorter way, through r5");
    },
    ["--set", `n=${n}`],
  );
});

test("fabric: hosts behind different leaves reach each other through the spines, IPv4 and IPv6", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const leaves = 3;
  await withLab(
    "fabric",
    example("fabric.otop"),
    ({ ns }) => {
      for (let from = 1; from <= leaves; from++)
        for (let to = 1; to <= leaves; to++) {
          if (from === to) continue;
          assert.ok(ping(ns(`h${from}`), `10.128.${to}.10`, 2), `h${from} -> h${to} (IPv4)`);
          assert.ok(ping(ns(`h${from}`), `fd00:1:0:${to}::a`, 2), `h${from} -> h${to} (IPv6)`);
        }
      // Every leaf is linked to every spine.
      for (let s = 1; s <= 2; s++) {
        const links = ipJson<{ ifname: string }[]>(ns(`s${s}`), ["link", "show"]).map((l) => l.ifname);
        assert.deepEqual(
          links.filter((l) => l !== "lo").sort(),
          ["l1", "l2", "l3"],
          `spine ${s} has a link to every leaf`,
        );
      }
    },
    ["--set", `leaves=${leaves}`, "--set", "spines=2"],
  );
});

test("a lab built from an included file and a template comes up, and its status is clean", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const s = scratch();
  const lab = uniqueLab("parts");
  try {
    writeFileSync(
      join(s.dir, "parts.otop"),
      "template end {\n  param k\n  route default via 10.0.{k}.1\n}\n",
    );
    const path = join(s.dir, "lab.otop");
    writeFileSync(
      path,
      `lab ${lab}\ninclude "parts.otop"\nnode r { forward }\nfor k in 1..2 {\n  node h{k} { use end k={k} }\n  link r.e{k} 10.0.{k}.1/24 -- h{k}.eth0 10.0.{k}.2/24\n}\n`,
    );
    const up = cli(["up", path]);
    assert.equal(up.code, 0, up.stderr);
    assert.ok(ping(`${lab}.h1`, "10.0.2.2", 2), "h1 -> h2 through r");
    const status = cli(["status", lab, "--json"]);
    assert.equal(status.code, 0, status.stdout + status.stderr);
    assert.deepEqual(JSON.parse(status.stdout).drift, []);
  } finally {
    const down = cli(["down", lab]);
    s.remove();
    assert.equal(down.code, 0, down.stderr);
  }
});
