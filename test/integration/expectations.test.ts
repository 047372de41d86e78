// Expectations proved twice. The agreement suite: every example lab and the purpose-built
// labs of test/integration/labs/ — more than 150 expectations, both outcomes, IPv4 and
// IPv6, TCP, UDP and ICMP, through NAT — brought up and tested with real packets; the
// model's verdict must equal the kernel's for every one. Then what `test` promises besides:
// the standalone script's `test` sees what `opentop test` sees, throwaway listeners are
// started only where nothing listens and are gone afterwards (also after Ctrl-C), a
// disagreement is reported as a defect, the matrix agrees pair by pair; and services are
// ready when `up` returns.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { debris, inNode, service, waitFor } from "../support/isolation.js";
import { BIN, cli, ROOT, SKIP_NOT_ROOT, scratch, uniqueLab, withLab } from "../support/lab.js";

interface Row {
  readonly expectation: string;
  readonly family: 4 | 6;
  readonly expect?: string;
  readonly model: { readonly verdict: string; readonly why: string };
  readonly live: { readonly seen: string; readonly detail?: string };
  readonly pass?: boolean;
  readonly agrees: boolean | null;
  readonly inconclusive?: string;
}

interface TraceJson {
  readonly verdict: string;
  readonly paths: readonly {
    readonly forward: readonly { readonly kind: string; readonly node: string; readonly out?: string }[];
    readonly stop: { readonly kind: string };
  }[];
}

interface TestJson {
  readonly ok: boolean;
  readonly results: readonly Row[];
  readonly diagnostics: readonly { readonly code: string; readonly message: string }[];
}

function testJson(lab: string, args: string[] = []): { code: number; json: TestJson; stderr: string } {
  const r = cli(["test", lab, "--json", ...args]);
  let json: TestJson;
  try {
    json = JSON.parse(r.stdout) as TestJson;
  } catch {
    throw new Error(`opentop test printed no JSON (${r.code}):\n${r.stderr}${r.stdout}`);
  }
  return { code: r.code, json, stderr: r.stderr };
}

/** A lab file without its `lab` line, and with the host's side of host links in this suite's range. */
function labBody(path: string): string {
  return readFileSync(join(ROOT, path), "utf8")
    .replace(/^lab \S+$/m, "")
    .replace(
      "198.51.100.2/30 { host-address 198.51.100.1/30 }",
      "198.51.100.98/30 { host-address 198.51.100.97/30 }",
    );
}

/** Processes that carry one of the lab's marks (services, inits, listeners). */
function marked(lab: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (argv[3]?.startsWith(`opentop:${lab}:`)) out.push(`${pid} ${argv[3]}`);
    } catch {}
  }
  return out;
}

const LABS: readonly { readonly path: string; readonly args?: readonly string[] }[] = [
  { path: "examples/office.otop" },
  { path: "examples/routed.otop" },
  { path: "examples/p2p.otop" },
  { path: "examples/isolation.otop" },
  { path: "examples/star.otop", args: ["--set", "n=6"] },
  { path: "test/integration/labs/campus.otop" },
  { path: "test/integration/labs/paths.otop" },
  { path: "test/integration/labs/multipath.otop" },
  { path: "examples/ecmp.otop" },
];

describe("expectations, with real packets", { skip: SKIP_NOT_ROOT }, () => {
  test("agreement: the model's verdict is the kernel's for every expectation of every lab", async () => {
    const all: Row[] = [];
    for (const { path, args = [] } of LABS) {
      const base = path.replace(/^.*\//, "").replace(".otop", "");
      await withLab(
        base,
        labBody(path),
        (lab) => {
          const { code, json, stderr } = testJson(lab.name, [...args]);
          const wrong = json.results.filter((r) => r.agrees !== true || r.pass !== true);
          assert.deepEqual(
            wrong.map(
              (r) =>
                `${r.expectation} (IPv${r.family}): model ${r.model.verdict} (${r.model.why}), live ${r.live.seen} ${r.live.detail ?? ""}`,
            ),
            [],
            `${path}: every expectation holds, as the model says\n${stderr}`,
          );
          assert.equal(code, 0, stderr);
          all.push(...json.results);
        },
        [...args],
      );
    }
    // What the suite covers.
    assert.ok(all.length >= 150, `${all.length} expectations`);
    const count = (f: (r: Row) => boolean) => all.filter(f).length;
    for (const [what, n] of [
      ["reach", count((r) => r.expect === "reach")],
      ["must not reach", count((r) => r.expect === "not reach")],
      ["IPv4", count((r) => r.family === 4)],
      ["IPv6", count((r) => r.family === 6)],
      ["tcp", count((r) => / tcp \d+/.test(r.expectation))],
      ["udp", count((r) => / udp \d+/.test(r.expectation))],
      ["icmp", count((r) => !/ (tcp|udp) \d+/.test(r.expectation))],
      ["refused", count((r) => r.live.seen === "refused")],
      ["timeout", count((r) => r.live.seen === "timeout")],
      ["unreachable", count((r) => r.live.seen === "unreachable")],
    ] as const)
      assert.ok(n >= 3, `at least 3 expectations: ${what} (${n})`);
  });

  test("multipath: the model follows every next hop, and real flows take each link with the model's outcome", async () => {
    await withLab("multipath", labBody("test/integration/labs/multipath.otop"), async (lab) => {
      // The lab's own expectations hold on every path, with real packets too.
      const { code, json, stderr } = testJson(lab.name);
      assert.equal(code, 0, stderr);
      assert.ok(
        json.results.every((r) => r.agrees === true && r.pass === true),
        JSON.stringify(json.results),
      );
      // tcp 22: the model reaches through r's p1 and is dropped by s through p2: partial.
      const t = cli(["trace", lab.name, "a", "b", "tcp", "22", "--json"]);
      assert.equal(t.code, 0, t.stderr);
      const trace = (JSON.parse(t.stdout) as { traces: TraceJson[] }).traces[0] ?? assert.fail("no trace");
      assert.equal(trace.verdict, "partial");
      const model = new Map<string, Set<string>>();
      for (const p of trace.paths) {
        const link = p.forward.find((x) => x.kind === "send" && x.node === "r")?.out ?? "?";
        model.set(
          link,
          new Set([...(model.get(link) ?? []), p.stop.kind === "returned" ? "reaches" : "blocked"]),
        );
      }
      assert.deepEqual([...model].map(([link, outcomes]) => `${link} ${[...outcomes].join(",")}`).sort(), [
        "p1 reaches",
        "p2 blocked",
      ]);
      // Real flows, one at a time: the counters of s's rules say which link each took; each
      // reaches exactly when the model says its link does. With hash policy 1, r hashes a
      // packet by the L4 hash it carries, which between namespaces of one machine is the one
      // the sending socket drew at random, drawn again when a SYN times out: a retried SYN
      // may take the other link (seen: a first SYN dropped on p2, its retry through p1 at
      // 1 s). So each flow sends one SYN: it gives up before the first retry (at 1 s).
      const counters = (): Record<string, number> => {
        const r = spawnSync(
          "nsenter",
          [`--net=/run/netns/${lab.ns("s")}`, "nft", "-j", "list", "table", "inet", "opentop"],
          {
            encoding: "utf8",
          },
        );
        assert.equal(r.status, 0, r.stderr);
        const out: Record<string, number> = {};
        for (const item of (JSON.parse(r.stdout) as { nftables: { rule?: { expr: unknown[] } }[] })
          .nftables) {
          const expr = JSON.stringify(item.rule?.expr ?? []);
          const link = /"right":"(p[12])"/.exec(expr)?.[1];
          const packets = /"counter":\{"packets":(\d+)/.exec(expr)?.[1];
          if (link && packets) out[link] = Number(packets);
        }
        return out;
      };
      const flows: string[] = [];
      for (let port = 41000; port < 41016; port++) {
        const before = counters();
        const c = spawnSync(
          "nsenter",
          [
            `--net=/run/netns/${lab.ns("a")}`,
            "socat",
            "-T1",
            "/dev/null",
            `TCP4:10.2.0.2:22,sourceport=${port},connect-timeout=0.8`,
          ],
          { encoding: "utf8" },
        );
        const after = counters();
        const moved = ["p1", "p2"].filter((l) => (after[l] ?? 0) > (before[l] ?? 0));
        const link = moved.join("+") || "none";
        const seen = c.status === 0 ? "reaches" : "blocked";
        flows.push(`${port} ${link} ${seen}${c.status === 0 ? "" : ` (${c.stderr.trim()})`}`);
        assert.ok(
          model.get(link)?.has(seen),
          `flow from port ${port}: through ${link}, ${seen}; the model: ${JSON.stringify([...model].map(([l, o]) => [l, [...o]]))}\n${flows.join("\n")}`,
        );
      }
      const links = new Set(flows.map((f) => f.split(" ")[1]));
      assert.deepEqual([...links].sort(), ["p1", "p2"], `flows take both links:\n${flows.join("\n")}`);
    });
  });

  test("the standalone script's test sees what opentop test sees", async () => {
    const s = scratch();
    try {
      await withLab("campus", labBody("test/integration/labs/campus.otop"), (lab) => {
        const built = cli(["build", lab.path, "-o", join(s.dir, "lab.sh")]);
        assert.equal(built.code, 0, built.stderr);
        const script = spawnSync("sh", [join(s.dir, "lab.sh"), "test"], {
          encoding: "utf8",
          timeout: 120_000,
        });
        assert.equal(script.status, 0, `${script.stdout}${script.stderr}`);
        const { json } = testJson(lab.name);
        const fromScript = script.stdout
          .split("\n")
          .filter((l) => / IPv[46] /.test(l))
          .map((l) => {
            const m = /^(.*?)\s+IPv([46])\s+(\S+)\s+(\S+)/.exec(l);
            return `${m?.[1]} ${m?.[2]} ${m?.[3]} ${m?.[4]}`;
          });
        const fromCli = json.results.map(
          (r) => `${r.expectation} ${r.family} ${r.model.verdict} ${r.live.seen}`,
        );
        assert.deepEqual(fromScript, fromCli);
      });
    } finally {
      s.remove();
    }
  });

  test("throwaway listeners: only where nothing listens, and gone afterwards", async () => {
    let name = "";
    await withLab("example-iso", labBody("examples/isolation.otop"), async (lab) => {
      name = lab.name;
      const before = service(lab.name, "db", "web");
      assert.equal(before?.state, "running", "up returned with the service running");
      const { code, json } = testJson(lab.name);
      assert.equal(code, 0);
      assert.equal(json.results[0]?.live.seen, "reached");
      assert.deepEqual(
        marked(lab.name).filter((m) => m.includes(":listen-")),
        [],
        "no listener is left (and none was needed)",
      );
      assert.equal(service(lab.name, "db", "web")?.pid, before?.pid, "the service itself is untouched");
    });
    assert.deepEqual(debris(name), []);
  });

  test("Ctrl-C during a test stops its listeners and fails it", async () => {
    await withLab(
      "ctrl-c",
      `node a { eth0 -> r.eth0 10.0.1.2/24
  route default via 10.0.1.1 }
node r { forward
  eth0 10.0.1.1/24
  eth1 -> b.eth0 10.0.2.1/24
  filter { forward policy drop }
  }
node b { eth0 10.0.2.2/24
  route default via 10.0.2.1 }
expect a !-> b tcp 22
expect a !-> b udp 53
`,
      async (lab) => {
        const child = spawn(process.execPath, [BIN, "test", lab.name, "--timeout", "10"], { stdio: "pipe" });
        const done = new Promise<number | null>((resolve) => child.on("close", resolve));
        let code: number | null;
        try {
          // One listener for tcp 22, one for udp 53; then the probes wait (dropped).
          await waitFor(
            () => marked(lab.name).filter((m) => m.includes(":listen-")).length === 2 || undefined,
          );
        } finally {
          // Whatever happened, the test ends before the lab goes down (it holds the lab's lock).
          child.kill("SIGINT");
          code = await done;
        }
        assert.notEqual(code, 0, "an interrupted test fails");
        assert.deepEqual(marked(lab.name), [], "every listener is stopped");
      },
    );
  });

  test("a disagreement between the model and the kernel is a defect, and fails the test", async () => {
    await withLab(
      "defect",
      `node a { eth0 -> r.eth0 10.0.1.2/24 fd01::2/64
  route default via 10.0.1.1
  route ::/0 via fd01::1 }
node r { forward
  eth0 10.0.1.1/24 fd01::1/64
  eth1 -> b.eth0 10.0.2.1/24 fd02::1/64 }
node b { eth0 10.0.2.2/24 fd02::2/64
  route default via 10.0.2.1
  route ::/0 via fd02::1 }
expect a -> b tcp 22
`,
      (lab) => {
        assert.equal(testJson(lab.name).code, 0);
        // The lab's kernel state no longer what the plan made: IPv4 forwarding off in r.
        assert.equal(inNode(lab.name, "r", ["sysctl", "-qw", "net.ipv4.ip_forward=0"]).code, 0);
        const { code, json } = testJson(lab.name);
        assert.equal(code, 1);
        const v4 = json.results.find((r) => r.family === 4);
        const v6 = json.results.find((r) => r.family === 6);
        assert.equal(v4?.agrees, false);
        assert.equal(v4?.live.seen, "timeout");
        assert.equal(v6?.agrees, true, "IPv6 still forwards");
        assert.ok(json.diagnostics.some((d) => d.code === "OT8021" && /DEFECT/.test(d.message)));
      },
    );
  });

  test("the matrix: every pair, the model and the kernel side by side", async () => {
    await withLab("paths", labBody("test/integration/labs/paths.otop"), (lab) => {
      const { code, json } = testJson(lab.name, ["--matrix"]);
      const wrong = json.results.filter((r) => r.agrees !== true);
      assert.deepEqual(
        wrong.map((r) => `${r.expectation} (IPv${r.family}): model ${r.model.verdict}, live ${r.live.seen}`),
        [],
      );
      assert.equal(code, 0);
      assert.ok(json.results.some((r) => r.live.seen === "reached"));
      assert.ok(json.results.some((r) => r.live.seen !== "reached"));
      // 12 nodes with IPv4, 7 with IPv6: every ordered pair.
      assert.equal(json.results.length, 12 * 11 + 7 * 6);
    });
  });

  test("a verdict the model leaves open is decided by real packets", async () => {
    await withLab(
      "raw",
      `node a { eth0 -> b.eth0 10.0.0.1/30 }
node b {
  eth0 10.0.0.2/30
  nft {
    table inet extra {
      chain in {
        type filter hook input priority 0; policy accept;
        tcp dport 80 drop
      }
    }
  }
}
expect a -> b tcp 80
expect a -> b tcp 81
`,
      (lab) => {
        const { code, json } = testJson(lab.name);
        assert.equal(code, 1);
        assert.deepEqual(
          json.results.map((r) => [r.model.verdict, r.live.seen, r.pass, r.agrees]),
          [
            ["unknown", "timeout", false, null],
            ["unknown", "reached", true, null],
          ],
        );
        assert.ok(json.diagnostics.some((d) => d.code === "OT8020"));
      },
    );
  });
});

describe("services are ready when up returns", { skip: SKIP_NOT_ROOT }, () => {
  const LAB = (run: string) => `node a { eth0 -> web.eth0 10.0.0.1/30 }
node web {
  eth0 10.0.0.2/30
  ${run}
}
`;

  test("up waits until the service listens: a connection right after up succeeds", async () => {
    await withLab(
      "ready",
      LAB(`run web "sleep 1; exec python3 -m http.server 8080 --bind 10.0.0.2" ready tcp 8080`),
      (lab) => {
        const r = inNode(lab.name, "a", [
          "curl",
          "-sf",
          "--max-time",
          "2",
          "-o",
          "/dev/null",
          "http://10.0.0.2:8080/",
        ]);
        assert.equal(r.code, 0, r.stderr);
      },
    );
  });

  test("a readiness command, run inside the node", async () => {
    await withLab(
      "ready-cmd",
      LAB(
        `run web "sleep 0.5; touch /tmp/opentop-ready-$OPENTOP_LAB; sleep 600" ready "test -e /tmp/opentop-ready-$OPENTOP_LAB"`,
      ),
      (lab) => {
        const flag = `/tmp/opentop-ready-${lab.name}`;
        try {
          assert.ok(existsSync(flag), "up returned after the command succeeded");
          assert.equal(service(lab.name, "web", "web")?.state, "running");
        } finally {
          rmSync(flag, { force: true });
        }
      },
    );
  });

  test("a service that fails at once fails up: rolled back, its log in the diagnostic", () => {
    const s = scratch();
    try {
      const path = join(s.dir, "bad.otop");
      const name = uniqueLab("bad");
      writeFileSync(
        path,
        `lab ${name}\n${LAB(`run web "echo starting; no-such-program-x14" ready tcp 8080`)}`,
      );
      const r = cli(["up", path]);
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /error\[OT5021\]: could not wait until service web of node web listens on tcp 8080: it exited with status 127/,
      );
      assert.match(r.stderr, /= note: log: starting/);
      assert.match(r.stderr, /= note: log: .*no-such-program-x14: not found/);
      assert.deepEqual(debris(name), [], "nothing is left");
      const again = cli(["up", path]);
      assert.equal(again.code, 1, "and it fails the same way again (no half-up record)");
      assert.doesNotMatch(again.stderr, /OT6010|OT6001/);
    } finally {
      s.remove();
    }
  });

  test("status fails once a service has exited with an error", async () => {
    await withLab("dies", LAB(`run web "sleep 1; exit 3"`), async (lab) => {
      assert.equal(cli(["status", lab.name]).code, 0, "running at first");
      await waitFor(() => service(lab.name, "web", "web")?.state === "exited" || undefined);
      const r = cli(["status", lab.name]);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /exited\s+status 3/);
    });
  });
});
