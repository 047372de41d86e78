// The checker of composable isolation: every OT50xx code from a lab that should raise it,
// and the model a valid lab gives.

import assert from "node:assert/strict";
import { test } from "node:test";
import type { Code } from "../../src/diagnostics/codes.js";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileSource } from "../../src/model/compile.js";
import { parseSize } from "../../src/model/isolation.js";

function compile(body: string) {
  return compileSource(sourceFile("t.otop", `lab t\n${body}`));
}

function codes(body: string): Code[] {
  return compile(body).diagnostics.map((d) => d.code);
}

function expectCode(code: Code, body: string, message?: RegExp): void {
  const c = compile(body);
  const found = c.diagnostics.filter((d) => d.code === code);
  assert.ok(
    found.length > 0,
    `expected ${code}, got ${c.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ") || "nothing"}`,
  );
  if (message)
    assert.ok(
      found.some((d) => message.test(d.message)),
      found.map((d) => d.message).join("; "),
    );
}

test("a valid lab: aspects, hostname, mounts, limits and services in the model", () => {
  const c = compile(`isolate net uts
node a {
  hostname alpha
  run web "python3 -m http.server 80"
  run "sleep 1"
  limit memory 256M cpu 0.5
  limit pids 64
}
node b { isolate mount pid
  root /srv/root
  mount tmpfs /tmp size 16M
  bind /etc /mnt/etc ro
}
node c { }
`);
  assert.deepEqual(c.diagnostics, []);
  const [a, b, n] = c.lab?.nodes ?? [];
  assert.deepEqual(a?.isolation.aspects, ["net", "uts"], "the lab's default applies");
  assert.equal(a?.isolation.hostname, "alpha");
  assert.deepEqual(
    a?.isolation.services.map((s) => [s.name, s.command]),
    [
      ["web", "python3 -m http.server 80"],
      ["run1", "sleep 1"],
    ],
  );
  assert.equal(a?.isolation.limits.memory?.value, 256 * 2 ** 20);
  assert.equal(a?.isolation.limits.cpu?.value, 0.5);
  assert.equal(a?.isolation.limits.pids?.value, 64);
  assert.deepEqual(b?.isolation.aspects, ["mount", "pid"], "a node's own isolate replaces the default");
  assert.equal(b?.isolation.root?.dir, "/srv/root");
  assert.deepEqual(
    b?.isolation.mounts.map((m) =>
      m.kind === "tmpfs" ? [m.kind, m.target, m.size] : [m.kind, m.source, m.target, m.readonly],
    ),
    [
      ["tmpfs", "/tmp", String(16 * 2 ** 20)],
      ["bind", "/etc", "/mnt/etc", true],
    ],
  );
  assert.equal(n?.isolation.hostname, "c", "with uts and no hostname, the node's name");
});

test("without isolate anywhere, a node isolates its network alone", () => {
  const c = compile("node a { }\n");
  assert.deepEqual(c.lab?.nodes[0]?.isolation.aspects, ["net"]);
  assert.equal(c.lab?.nodes[0]?.isolation.hostname, undefined);
});

test("OT5001 unknown aspect, with a suggestion", () => {
  expectCode("OT5001", "node a { isolate net mnt }\n", /`mnt` is not something/);
  const c = compile("node a { isolate net mnt }\n");
  assert.match(c.diagnostics[0]?.help ?? "", /mount/);
});

test("OT5002 repeated statements, aspects and limits", () => {
  expectCode("OT5002", "node a { isolate net\nisolate uts }\n");
  expectCode("OT5002", "isolate net\nisolate uts\nnode a { }\n");
  expectCode("OT5002", "node a { isolate net net }\n");
  expectCode("OT5002", "node a { isolate uts\nhostname x\nhostname y }\n");
  expectCode("OT5002", "node a { limit memory 1G memory 2G }\n");
  expectCode("OT5002", "node a { isolate mount\nroot /a\nroot /b }\n");
});

test("OT5003 statements that need an aspect the node does not isolate", () => {
  expectCode("OT5003", "node a { hostname x }\n", /needs `isolate uts`/);
  expectCode("OT5003", "node a { mount tmpfs /tmp }\n", /needs `isolate mount`/);
  expectCode("OT5003", "node a { bind /etc /mnt }\n", /needs `isolate mount`/);
  expectCode("OT5003", "node a { root /srv }\n", /needs `isolate mount`/);
  expectCode("OT5003", "node a { isolate net pid }\n", /`isolate pid` needs `mount`/);
});

test("OT5004 network statements in a node that shares the host's network", () => {
  expectCode(
    "OT5004",
    "node a { isolate mount\neth0 -> b.eth0 10.0.0.1/30 }\nnode b { eth0 10.0.0.2/30 }\n",
    /interface `eth0`/,
  );
  expectCode("OT5004", "node a { isolate uts\nforward }\n");
  expectCode("OT5004", "node a { isolate uts\nsysctl net.ipv4.ip_forward 1 }\n");
});

test("OT5005 invalid paths", () => {
  expectCode("OT5005", "node a { isolate mount\nmount tmpfs tmp }\n", /invalid mount point/);
  expectCode("OT5005", "node a { isolate mount\nbind /a/../b /c }\n");
  expectCode("OT5005", 'node a { isolate mount\nbind "/a b" /c }\n');
  expectCode("OT5005", "node a { isolate mount\nroot /srv/ }\n");
});

test("OT5006 mount points not allowed", () => {
  expectCode("OT5006", "node a { isolate mount\nmount tmpfs /x\nmount tmpfs /x }\n", /mounted twice/);
  expectCode("OT5006", "node a { isolate mount\nmount tmpfs /proc/x }\n");
  expectCode("OT5006", "node a { isolate mount\nbind /srv /sys }\n");
  expectCode("OT5006", "node a { isolate mount\nmount tmpfs / }\n");
  expectCode("OT5006", "node a { isolate mount\nroot / }\n");
});

test("OT5007 invalid sizes", () => {
  expectCode("OT5007", "node a { limit memory lots }\n");
  expectCode("OT5007", "node a { limit memory 100k }\n", /memory limit/);
  expectCode("OT5007", "node a { isolate mount\nmount tmpfs /t size 1x }\n");
  assert.deepEqual(["256M", "1G", "512k", "4096", "2MiB", "3GB"].map(parseSize), [
    256 * 2 ** 20,
    2 ** 30,
    512 * 1024,
    4096,
    2 * 2 ** 20,
    3 * 2 ** 30,
  ]);
  assert.equal(parseSize("1.5G"), undefined);
});

test("OT5008 invalid limits", () => {
  expectCode("OT5008", "node a { limit memroy 1G }\n", /unknown limit/);
  expectCode("OT5008", "node a { limit cpu 0 }\n");
  expectCode("OT5008", "node a { limit cpu half }\n");
  expectCode("OT5008", "node a { limit pids 0 }\n");
  expectCode("OT5008", "node a { limit pids 1.5 }\n");
});

test("OT5009 invalid services", () => {
  expectCode("OT5009", "node a { run python3 }\n", /quoted string/);
  expectCode("OT5009", 'node a { run "" }\n', /empty/);
  expectCode("OT5009", 'node a { run 9web "x" }\n', /invalid service name/);
  expectCode("OT5009", 'node a { run init "x" }\n', /`init`/);
  expectCode("OT5009", 'node a { run w "x"\nrun w "y" }\n', /two services named `w`/);
});

test("OT5010 invalid hostnames", () => {
  expectCode("OT5010", "node a { isolate uts\nhostname -x }\n");
  expectCode("OT5010", "node a { isolate uts\nhostname a_b }\n");
  expectCode("OT5010", `node a { isolate uts\nhostname ${"h".repeat(65)} }\n`);
});

test("OT5011 wrong arguments", () => {
  expectCode("OT5011", "node a { isolate mount\nmount nfs /x }\n", /only `tmpfs`/);
  expectCode("OT5011", "node a { isolate mount\nmount tmpfs /x mode 0755 }\n");
  expectCode("OT5011", "node a { isolate mount\nbind /x }\n");
  expectCode("OT5011", "node a { isolate mount\nbind /x /y rx }\n");
  expectCode("OT5011", "node a { limit memory }\n");
  expectCode("OT5011", "node a { isolate uts\nhostname }\n");
  expectCode("OT5011", 'node a { run a b "c" }\n');
});

test("OT5012 isolate without aspects", () => {
  expectCode("OT5012", "node a { isolate }\n");
  expectCode("OT5012", "isolate\nnode a { }\n");
});

test("isolation statements are keywords in a node, and the parser recovers after them", () => {
  // `run` starts a statement, so the interface after it is still parsed, and both errors show.
  const found = codes("node a { run x\nfoo -> nowhere }\n");
  assert.ok(found.includes("OT5009"));
  assert.ok(found.includes("OT1007"));
});
