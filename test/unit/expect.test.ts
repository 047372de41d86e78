// Expectations in the language and in the plan: the `expect` statement (ranges, interfaces,
// addresses, families, `via`) and one test per diagnostic code of its checker; services'
// readiness (`ready`); the test's lowering (listeners where the request lands, one per
// place; the matrix in rounds); how a probe's line reads back; the sh programs of probes,
// listeners and readiness through shellcheck; `trace`, as text and JSON.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import type { Io } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { plainStyle } from "../../src/diagnostics/render.js";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileSource } from "../../src/model/compile.js";
import type { Expectation, Lab } from "../../src/model/model.js";
import { verdictDiagnostic } from "../../src/model/reach/explain.js";
import type { Path, Verdict } from "../../src/model/reach/types.js";
import { lower } from "../../src/plan/lower.js";
import { opsOf } from "../../src/plan/plan.js";
import { LISTEN, PROBE, readProbe } from "../../src/plan/probes.js";
import { READY } from "../../src/plan/snippets.js";
import { matrixTests } from "../../src/plan/tests.js";

function compile(body: string, verdicts = true) {
  return compileSource(sourceFile("t.otop", `lab t\n${body}`), { verdicts });
}

function codes(body: string): string[] {
  return compile(body).diagnostics.map((d) => d.code);
}

function lab(body: string): Lab {
  const c = compile(body, false);
  assert.ok(c.lab, c.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return c.lab;
}

const PAIR = `node a { eth0 -> b.eth0 10.0.0.1/30 fd00::1/64 }
node b { eth0 10.0.0.2/30 fd00::2/64 }
`;

describe("the expect statement", () => {
  test("one per family both ends have, one per name of a range on either end", () => {
    const l = lab(`switch lan
node pc[1..3] { eth0 -> lan 10.1.0.{i}/24 }
node web { eth0 -> lan 10.1.0.100/24 fd01::100/64 }
expect pc[1..3] -> web tcp 80
expect web -> pc[2..3].eth0 udp 53
expect web !-> 10.1.0.1 -4`);
    assert.deepEqual(
      l.expectations.map(
        (e) => `${e.text}|${e.from.node}>${e.to.node}:${e.to.address.text}|${e.family}|${e.reach}`,
      ),
      [
        "pc1 -> web tcp 80|pc1>web:10.1.0.100|4|true",
        "pc2 -> web tcp 80|pc2>web:10.1.0.100|4|true",
        "pc3 -> web tcp 80|pc3>web:10.1.0.100|4|true",
        "web -> pc2.eth0 udp 53|web>pc2:10.1.0.2|4|true",
        "web -> pc3.eth0 udp 53|web>pc3:10.1.0.3|4|true",
        "web !-> 10.1.0.1 -4|web>pc1:10.1.0.1|4|false",
      ],
    );
  });

  test("a source interface or address fixes the source; loops and parameters expand", () => {
    const l = lab(`param n = 2
${PAIR}
for k in 1..{n} { expect a.eth0 -> b tcp 8{k} -6 }
expect fd00::1 -> b via a`);
    assert.deepEqual(
      l.expectations.map((e) => [e.text, e.from.address?.text, e.port, e.family, e.via]),
      [
        ["a.eth0 -> b tcp 81 -6", "fd00::1", 81, 6, undefined],
        ["a.eth0 -> b tcp 82 -6", "fd00::1", 82, 6, undefined],
        ["fd00::1 -> b via a", "fd00::1", undefined, 6, "a"],
      ],
    );
  });

  test("a node stands for its first address of the family, the loopback's last", () => {
    const l = lab(`node r {
  lo 10.255.0.1/32
  eth0 -> b.eth0 10.0.0.1/30
  eth1 -> c.eth0 10.0.1.1/30
}
node b { eth0 10.0.0.2/30 }
node c { eth0 10.0.1.2/30 }
expect b -> r
expect b -> r.lo`);
    assert.deepEqual(
      l.expectations.map((e) => e.to.address.text),
      ["10.0.0.1", "10.255.0.1"],
    );
  });

  test("OT0003: the arrow is missing", () => {
    assert.deepEqual(codes(`${PAIR}expect a b`), ["OT0003"]);
  });
  test("OT0023: in a node's body or a template, where an interface may still be called `expect`", () => {
    assert.deepEqual(codes(`${PAIR}node c { expect a -> b }`), ["OT0023"]);
    assert.deepEqual(codes(`${PAIR}template t { expect a !-> b }\nnode c { use t }`), ["OT0023"]);
    assert.deepEqual(
      codes(`${PAIR}node c { expect -> a.eth1 10.9.0.2/30 }\nnode a { eth1 10.9.0.1/30 }`),
      [],
    );
  });

  test("OT8001: protocol, port, family and `via` words", () => {
    for (const words of ["tcp", "udp 0", "tcp 80 udp 53", "80", "icmpv6", "-4 -6", "via", "bogus", "-6 foo"])
      assert.deepEqual(codes(`${PAIR}expect a -> b ${words}`), ["OT8001"], words);
    assert.deepEqual(codes(`${PAIR}expect a -> 10.0.0.2 -6`), ["OT8001"], "an IPv4 address with -6");
    assert.deepEqual(codes(`${PAIR}expect a -> 10.0.0.2/30`), ["OT8001"], "an address with a prefix");
  });
  test("OT8002: no such node, interface, or a switch", () => {
    assert.deepEqual(codes(`${PAIR}expect a -> c`), ["OT8002"]);
    assert.deepEqual(codes(`${PAIR}expect a -> b.eth9`), ["OT8002"]);
    assert.deepEqual(codes(`switch lan\n${PAIR}expect a -> lan`), ["OT8002"]);
    assert.deepEqual(codes(`${PAIR}expect a -> b via c`), ["OT8002"]);
  });
  test("OT8003: an address of no node, the host's side of a link included", () => {
    assert.deepEqual(codes(`${PAIR}expect a -> 192.0.2.1`), ["OT8003"]);
    assert.deepEqual(
      codes(`${PAIR}node h { up -> host 198.51.100.98/30 { host-address 198.51.100.97/30 } }
expect h -> 198.51.100.97`),
      ["OT8003"],
    );
  });
  test("OT8004: no address of the family, or none in common", () => {
    assert.deepEqual(
      codes(`node a { eth0 -> b.eth0 10.0.0.1/30 }\nnode b { eth0 fd00::2/64 }\nexpect a -> b`),
      ["OT8004"],
    );
    assert.deepEqual(
      codes(`node a { eth0 -> b.eth0 10.0.0.1/30 }\nnode b { eth0 10.0.0.2/30 }\nexpect a -> b -6`),
      ["OT8004"],
    );
  });
  test("OT8005: too many expectations stop expansion", () => {
    const c = compile(
      `switch s\nnode h[1..150] { eth0 -> s 10.0.{i / 250}.{i % 250 + 1}/16 }\nexpect h[1..150] -> h[1..150]`,
    );
    assert.deepEqual(
      c.diagnostics.map((d) => d.code),
      ["OT8005"],
    );
  });
  test("OT8006: the same packet expected both ways", () => {
    assert.deepEqual(codes(`${PAIR}expect a -> b tcp 22 -4\nexpect a !-> b tcp 22`), ["OT8006"]);
  });
  test("OT8007: a node without a network of its own", () => {
    assert.deepEqual(codes(`${PAIR}node f { isolate mount }\nexpect a -> f`), ["OT8007"]);
  });
  test("OT8010, OT8011, OT8014: the model's verdict at the expectation, with what decides", () => {
    const body = `node a { eth0 -> r.eth0 10.0.1.2/24
  route default via 10.0.1.1 }
node r { forward
  eth0 10.0.1.1/24
  eth1 -> b.eth0 10.0.2.1/24
  filter { forward policy drop
    forward accept established
    forward accept tcp dport 80 } }
node b { eth0 10.0.2.2/24
  route default via 10.0.2.1 }
`;
    const c = compile(`${body}expect a -> b tcp 22\nexpect a !-> b tcp 80`);
    assert.deepEqual(
      c.diagnostics.map((d) => d.code),
      ["OT8010", "OT8011"],
    );
    const [drop, accept] = c.diagnostics;
    assert.match(drop?.message ?? "", /cannot hold: dropped by the forward policy of r/);
    assert.equal(drop?.labels[0]?.message, "drops it");
    assert.match(drop?.notes.join("\n") ?? "", /path: a → r/);
    assert.match(accept?.labels.map((l) => l.message).join(",") ?? "", /accepts it \(forward, new\)/);
    assert.equal(compile(`${body}expect a -> b tcp 80 via r`).diagnostics.length, 0);
    assert.deepEqual(
      compile(`${body}expect a -> r via b`).diagnostics.map((d) => d.code),
      ["OT8014"],
    );
  });
  test("OT8012: a warning, and the lab still compiles", () => {
    const c = compile(
      `${PAIR.replace("fd00::2/64 }", "fd00::2/64\n  nft { table inet x { } } }")}expect a -> b -4`,
    );
    assert.deepEqual(
      c.diagnostics.map((d) => [d.code, d.severity]),
      [["OT8012", "warning"]],
    );
    assert.ok(c.lab);
  });
  test("OT8013: paths that disagree (equal-cost multipath)", () => {
    const l = lab(`${PAIR}expect a -> b -4`);
    const e = l.expectations[0] as Expectation;
    const path = (stop: Path["stop"]): Path => ({
      forward: [],
      reply: [],
      request: stop,
      stop,
      nodes: ["a", "b"],
    });
    const v: Verdict = {
      kind: "partial",
      family: 4,
      paths: [
        path({ kind: "returned", node: "a" }),
        path({ kind: "blocked", node: "b", how: "dropped", by: { text: "the input policy of b" } }),
      ],
    };
    const d = verdictDiagnostic(e, v);
    assert.equal(d?.code, "OT8013");
    assert.deepEqual(d?.notes, ["path 1: a → b", "path 2: a → b", "dropped by the input policy of b"]);
  });
});

describe("services' readiness", () => {
  const svc = (run: string) =>
    `node web {\n  eth0 -> b.eth0 10.0.0.1/30\n  ${run}\n}\nnode b { eth0 10.0.0.2/30 }\n`;

  test("ready tcp, udp, a command, with or without a timeout; none: it must keep running", () => {
    const l = lab(
      svc(`run a "x" ready tcp 80
  run b "x" ready udp 53 timeout 5s
  run c "x" ready "curl -sf localhost" timeout 90
  run d "x"`),
    );
    assert.deepEqual(
      l.nodes[0]?.isolation.services.map((s) => [s.name, s.command, s.ready]),
      [
        ["a", "x", { check: { kind: "tcp", port: 80 }, seconds: 30 }],
        ["b", "x", { check: { kind: "udp", port: 53 }, seconds: 5 }],
        ["c", "x", { check: { kind: "command", command: "curl -sf localhost" }, seconds: 90 }],
        ["d", "x", { check: { kind: "started" }, seconds: 30 }],
      ],
    );
    const ready = opsOf(lower(l).stages).filter((op) => op.kind === "service.ready");
    assert.deepEqual(
      ready.map((op) =>
        op.kind === "service.ready" ? [op.name, op.check, op.port, op.argv?.slice(-6)] : [],
      ),
      [
        ["a", "tcp", 80, undefined],
        ["b", "udp", 53, undefined],
        [
          "c",
          "command",
          undefined,
          ["OPENTOP_LAB=t", "OPENTOP_NODE=web", "OPENTOP_SERVICE=c", "sh", "-c", "curl -sf localhost"],
        ],
        ["d", "started", undefined, undefined],
      ],
    );
    assert.equal(lower(l).stages.at(-1)?.name, "readiness", "up waits last, for every service at once");
  });

  test("OT5020: what is not a readiness check", () => {
    for (const words of [
      "ready",
      "ready http 80",
      "ready tcp",
      "ready tcp 0",
      'ready ""',
      "timeout 0",
      "timeout 2h",
      "ready tcp 80 now",
      'timeout 5 "y"',
    ])
      assert.deepEqual(codes(svc(`run "x" ${words}`)), ["OT5020"], words);
  });
});

describe("the test's plan", () => {
  const EDGE = `node isp { eth0 -> r.wan 203.0.113.2/24 }
node r { forward
  wan 203.0.113.1/24
  eth1 -> web.eth0 10.2.0.1/24
  filter { dnat in wan tcp dport 80 to 10.2.0.10:8080 } }
node web { eth0 10.2.0.10/24
  route default via 10.2.0.1 }
expect isp -> r.wan tcp 80
expect isp -> r.wan tcp 81
expect r -> web tcp 8080
expect isp -> r.wan
`;

  test("a listener where the request lands (after NAT), one per place, none for icmp", () => {
    const tp = lower(lab(EDGE)).tests;
    assert.ok(tp);
    const starts = opsOf(tp.listen);
    assert.deepEqual(
      starts.map((op) =>
        op.kind === "listen.start" ? `${op.node} ${op.proto} ${op.address}:${op.port}` : "",
      ),
      ["web tcp 10.2.0.10:8080", "r tcp 203.0.113.1:81"],
    );
    assert.equal(opsOf(tp.stop).length, 2, "each is stopped");
    assert.deepEqual(
      tp.rows.map((r) => [r.name, r.verdict, r.listener !== undefined]),
      [
        ["isp -> r.wan tcp 80", "reaches", true],
        ["isp -> r.wan tcp 81", "reaches", true],
        ["r -> web tcp 8080", "reaches", true],
        ["isp -> r.wan", "reaches", false],
      ],
    );
    assert.equal(
      tp.rows[0]?.listener,
      tp.rows[2]?.listener,
      "the dnat'd request and the direct one share web's listener",
    );
  });

  test("the matrix: every ordered pair, in rounds that fit a neighbour budget", () => {
    const l = lab(`switch s\nnode h[1..6] { eth0 -> s 10.0.0.{i}/24 }`);
    const one = matrixTests(l, "/run/opentop", 1);
    assert.equal(one.rows.length, 30);
    assert.equal(one.probes.length, 1);
    const rounds = matrixTests(l, "/run/opentop", 1, 20);
    assert.deepEqual(
      rounds.probes.map((s) => s.name),
      [
        "probes (round 1 of 3)",
        "forget neighbours (round 1)",
        "probes (round 2 of 3)",
        "forget neighbours (round 2)",
        "probes (round 3 of 3)",
      ],
    );
    assert.equal(
      rounds.probes.flatMap((s) => s.steps.flatMap((st) => st.ops)).filter((op) => op.kind === "probe")
        .length,
      30,
    );
  });

  test("a probe's line reads back as what it saw", () => {
    assert.deepEqual(readProbe("reached\n"), { seen: "reached" });
    assert.deepEqual(readProbe("timeout"), { seen: "timeout" });
    assert.deepEqual(readProbe("error socat: bad address\n"), {
      seen: "error",
      detail: "socat: bad address",
    });
    assert.deepEqual(readProbe(""), { seen: "error", detail: "the probe printed nothing" });
  });

  const SHELLCHECK = spawnSync("shellcheck", ["--version"]).status === 0;
  test("the probe, listener and readiness programs pass shellcheck", {
    skip: SHELLCHECK ? false : "no shellcheck",
  }, () => {
    for (const [name, text] of [
      ["probe", PROBE],
      ["listen", LISTEN],
      ["ready", READY],
    ] as const) {
      const r = spawnSync("shellcheck", ["-s", "sh", "-"], {
        input: `#!/bin/sh\n${text}\n`,
        encoding: "utf8",
      });
      assert.equal(r.status, 0, `${name}:\n${r.stdout}`);
    }
  });
});

describe("trace", () => {
  async function run(args: string[]): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const io: Io = { out: (t) => lines.push(t), err: (t) => lines.push(t), style: plainStyle, color: false };
    const code = await main(["trace", ...args], io);
    return { code, out: lines.join("\n") };
  }

  test("the path hop by hop: routes, rules, NAT, the reply", async () => {
    const { code, out } = await run(["examples/office.otop", "isp", "router.wan", "tcp", "80", "-4"]);
    assert.equal(code, 0);
    assert.match(out, /^isp → router tcp 80 \(IPv4, 203\.0\.113\.2 → 203\.0\.113\.1:80\): reaches$/m);
    assert.match(
      out,
      /dnat 203\.0\.113\.1:80 → 10\.2\.0\.10:8080 \(`dnat in wan tcp dport 80 to 10\.2\.0\.10:8080`\)/,
    );
    assert.match(
      out,
      /forward accepts \(new\): rule `forward accept in wan out eth1 tcp dport 8080 counter` of router/,
    );
    assert.match(out, /conntrack: the reply's source 10\.2\.0\.10 → 203\.0\.113\.1/);
    assert.match(out, /✓ the reply returns to isp$/m);
  });

  test("where and why it dies; JSON", async () => {
    const text = await run(["examples/office.otop", "pc1", "web", "tcp", "22", "-6"]);
    assert.match(text.out, /✗ dropped by the forward policy of router {2}examples\/office\.otop:\d+:\d+$/m);
    const json = await run(["examples/office.otop", "pc1", "web", "tcp", "22", "--json"]);
    const traces = JSON.parse(json.out).traces as {
      family: number;
      verdict: string;
      holds: string;
      paths: { stop: { how: string; by: { span: string } } }[];
    }[];
    assert.deepEqual(
      traces.map((t) => [t.family, t.verdict, t.paths[0]?.stop.how]),
      [
        [4, "blocked", "dropped"],
        [6, "blocked", "dropped"],
      ],
    );
    assert.match(traces[0]?.paths[0]?.stop.by.span ?? "", /^examples\/office\.otop:\d+:\d+$/);
  });

  test("a mistake in the words is a diagnostic at them", async () => {
    const { code, out } = await run(["examples/office.otop", "pc1", "wbe"]);
    assert.equal(code, 1);
    assert.match(out, /error\[OT8002\]: no node named `wbe`/);
    assert.match(out, /help: did you mean `web`\?/);
  });
});
