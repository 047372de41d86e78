// Hostile input and hostile records, without a machine to change (issue 10): records edited
// or broken every way are unreadable, never an exception; hostile lab files (nesting, size,
// special files, strings a tool would interpret, settings that are not a node's own) are
// diagnostics at `check`; a step that dies or cannot start is a failure the runner
// understands. What needs namespaces is in test/integration/adversarial.test.ts.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { renderPretty } from "../../src/diagnostics/render.js";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileFile, compileSource } from "../../src/model/compile.js";
import { COMMAND_MAX } from "../../src/model/isolation.js";
import { MAX_SOURCE_BYTES } from "../../src/model/sources.js";
import { notPerNamespace } from "../../src/model/sysctls.js";
import { lower } from "../../src/plan/lower.js";
import type { Op } from "../../src/plan/ops.js";
import { type LabRecord, parseRecord, recordOf, recordText } from "../../src/plan/record.js";
import { CGROUP_DEL, nicSavedHead } from "../../src/plan/snippets.js";
import { teardownOps } from "../../src/plan/teardown.js";
import { TOOLS } from "../../src/plan/tools.js";
import { run } from "../../src/runtime/proc.js";
import { labDir, readRecord, writeRecord } from "../../src/runtime/record.js";
import { runStages } from "../../src/runtime/run.js";
import { verdict } from "../../src/runtime/teardown.js";
import { ROOT } from "../support/lab.js";
import { rng } from "../support/random.js";

function compiled(source: string) {
  return compileSource(sourceFile("lab.otop", source));
}

function codes(source: string): string[] {
  return compiled(source).diagnostics.map((d) => d.code);
}

function exampleRecord(name: string): LabRecord {
  const c = compileFile(join(ROOT, `examples/${name}.otop`));
  if (!c.lab) throw new Error(`examples/${name}.otop does not compile`);
  return recordOf(c, lower(c.lab), "cli", "2026-01-01T00:00:00.000Z");
}

function isolationRecord(): LabRecord {
  return exampleRecord("isolation");
}

/** A lab of every link kind: a host NIC moved in, a macvlan on one, VLANs, shaping, multipath routes. */
function linksRecord(): LabRecord {
  const c = compileFile(join(ROOT, "test/golden/cases/links.otop"));
  if (!c.lab) throw new Error("test/golden/cases/links.otop does not compile");
  return recordOf(c, lower(c.lab), "cli", "2026-01-01T00:00:00.000Z");
}

const JUNK: readonly unknown[] = [
  null,
  1,
  -1,
  "",
  "x",
  "/etc/passwd",
  "../../etc",
  "opentop:other:a:b",
  "victim",
  [],
  [1],
  [null],
  {},
  { kind: "netns.add", name: "victim" },
  true,
  1e308,
];

/** Replaces one value somewhere inside `value` (arrays and objects), or deletes a key. */
function mutate(value: unknown, random: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  if (Array.isArray(value)) {
    if (value.length === 0 || random() < 0.15) return random() < 0.5 ? pick(JUNK) : [...value, pick(JUNK)];
    const i = Math.floor(random() * value.length);
    return value.map((v, j) => (j === i ? mutate(v, random) : v));
  }
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 0 || random() < 0.15) return pick(JUNK);
    const k = pick(keys);
    const copy: Record<string, unknown> = { ...value };
    if (random() < 0.1) delete copy[k];
    else copy[k] = mutate(copy[k], random);
    return copy;
  }
  return pick(JUNK);
}

test("records: 3000 edited records are read back as unreadable or as a record tear-down can use — never an exception", () => {
  // Isolation's operations, the office's host link and host-side NAT table, and the links'
  // kinds: a moved NIC, a macvlan, VLANs, qdiscs, multipath routes.
  const records = [isolationRecord(), exampleRecord("office"), linksRecord()];
  const random = rng(10);
  let readable = 0;
  for (let n = 0; n < 3000; n++) {
    const record = records[n % records.length] ?? assert.fail();
    const base = JSON.parse(recordText(record)) as unknown;
    const edited = JSON.stringify(mutate(mutate(base, random), random));
    let back: LabRecord | Error;
    try {
      back = parseRecord(edited, record.lab);
    } catch (e) {
      assert.fail(`reading threw ${(e as Error).stack}\n${edited}`);
    }
    if (back instanceof Error) continue;
    readable++;
    // What passes is whole: its tear-down and its text are made without a question.
    teardownOps({ ...back, born: 0 });
    teardownOps(back);
    recordText(back);
  }
  assert.ok(readable < 3000, "some edits must be refused");
});

/** Runs `body` with a run directory of its own (OPENTOP_RUN_DIR), removed after. */
function inRunDir(body: () => void): void {
  const dir = mkdtempSync(join(tmpdir(), "opentop-record-"));
  const before = process.env.OPENTOP_RUN_DIR;
  process.env.OPENTOP_RUN_DIR = dir;
  try {
    body();
  } finally {
    if (before === undefined) delete process.env.OPENTOP_RUN_DIR;
    else process.env.OPENTOP_RUN_DIR = before;
    rmSync(dir, { recursive: true, force: true });
  }
}

test("records: a record edited after it was read is read anew — what was validated is kept only for the same bytes", () => {
  inRunDir(() => {
    const record = exampleRecord("office");
    writeRecord(record);
    const first = readRecord(record.lab);
    assert.ok(first && !(first instanceof Error), String(first));
    assert.equal(first.ops.length, record.ops.length);
    // The same bytes again: the same reading.
    assert.deepEqual(readRecord(record.lab), first);
    // An operation pointed at another lab's namespace: refused, although the last read passed.
    const edited = JSON.parse(recordText(record)) as { ops: { op: Record<string, unknown> }[] };
    const op = edited.ops.find((r) => typeof r.op.ns === "string") ?? assert.fail("no op with a namespace");
    op.op.ns = "victim.h1";
    writeFileSync(join(labDir(record.lab), "record.json"), JSON.stringify(edited));
    const second = readRecord(record.lab);
    assert.ok(second instanceof Error, "an edited record must be refused");
    // Written back as it was: readable again.
    writeRecord(record);
    assert.ok(!(readRecord(record.lab) instanceof Error));
  });
});

test("records: a record read twice is two records — changing what the first read gave does not change what the second reads", () => {
  inRunDir(() => {
    const record = exampleRecord("office");
    writeRecord(record);
    // What the API's `lab(name).record` hands out: typed read-only, but a plain object.
    const first = readRecord(record.lab) as unknown as {
      ops: { op: Record<string, unknown> }[];
      nodes: string[];
    };
    const op = first.ops.find((r) => typeof r.op.ns === "string") ?? assert.fail("no op with a namespace");
    op.op.ns = "victim.h1";
    first.ops.push({ op: { kind: "netns.add", name: "victim" } });
    first.nodes.reverse();
    // The same bytes read again: what the file says, checked, not the first reading as changed.
    const second = readRecord(record.lab);
    assert.ok(second && !(second instanceof Error), String(second));
    assert.deepEqual(second, { ...JSON.parse(recordText(record)), born: second.born });
  });
});

test("records: a version-1 record whose lists hold null is unreadable, not an exception (down then finds the lab by its marks)", () => {
  const v1 = {
    version: 1,
    tool: "opentop 0.1.0",
    lab: "old",
    file: "/labs/old.otop",
    hash: "",
    state: "up",
    createdAt: "",
    by: "cli",
    nodes: ["a"],
    switches: [],
    namespaces: ["old.a", null],
    hostIfaces: [null],
    hostTables: [null],
    ops: [
      { op: { kind: "netns.add", name: "old.a" } },
      {
        op: {
          kind: "veth.add",
          ns: null,
          a: { ns: null, name: "ot-abc123-up0" },
          b: { ns: "old.a", name: "up0" },
        },
      },
    ],
  };
  const back = parseRecord(JSON.stringify(v1), "old");
  assert.ok(back instanceof Error);
  assert.match(
    back.message,
    /not one a plan makes: host end ot-abc123-up0 without the lab's mark|not one OpenTop owns/,
  );
});

test("records: what a record names of the lab must be the lab's — its namespaces, marks, paths and cgroups", () => {
  const record = isolationRecord();
  const withOp = (op: unknown) => JSON.stringify({ ...record, ops: [...record.ops, { op }] });
  const refused: [unknown, RegExp][] = [
    [{ kind: "netns.add", name: "victim" }, /not a network namespace of lab isolation/],
    [{ kind: "netns.del", name: "other.a" }, /not a network namespace of lab isolation/],
    [{ kind: "ns.release", node: "a", paths: ["/etc/passwd"] }, /not a path in the lab's directory/],
    [
      { kind: "ns.release", node: "a", paths: ["/run/opentop/isolation/../../../etc/passwd"] },
      /not a path in the lab's directory/,
    ],
    [{ kind: "nsdir.add", path: "/tmp/victim" }, /not a path in the lab's directory/],
    [{ kind: "cgroup.add", path: "/sys/fs/cgroup/victim", scope: "lab" }, /not a cgroup of lab isolation/],
    [
      { kind: "cgroup.add", path: "/sys/fs/cgroup/opentop/other", scope: "lab" },
      /not a cgroup of lab isolation/,
    ],
    [
      {
        kind: "proc.stop",
        role: "init",
        node: "a",
        name: "init",
        pidfile: "/run/opentop/isolation/services/a.init.pid",
        mark: "opentop:other:a:init",
        grace: 0,
      },
      /not a mark of lab isolation/,
    ],
    [{ kind: "link.del", ns: null, dev: "eth0; reboot" }, /characters a name cannot have/],
    [{ kind: "file.rm", path: "/" }, /kind this version does not know/],
    [1, /is not an operation/],
  ];
  for (const [op, why] of refused) {
    const back = parseRecord(withOp(op), record.lab);
    assert.ok(back instanceof Error, JSON.stringify(op));
    assert.match(back.message, why, JSON.stringify(op));
  }
  // Injected fields that only OpenTop's own stand-in records have.
  for (const extra of [{ found: [{ op: { kind: "netns.del", name: "victim" } }] }, { born: 0 }])
    assert.match(String(parseRecord(JSON.stringify({ ...record, ...extra }), record.lab)), /unknown field/);
  // An operation added without its owned object, or the plan's hash left as it was.
  const added = { kind: "netns.add", name: "isolation.x", node: "x" };
  assert.match(String(parseRecord(withOp(added), record.lab)), /not what its operations created/);
  const owned = {
    ...record,
    ops: [...record.ops, { op: added }],
    owned: [...record.owned, { kind: "netns", name: "isolation.x", node: "x" }],
  };
  assert.match(String(parseRecord(JSON.stringify(owned), record.lab)), /not the plan it names/);
});

test("records: a host NIC moved in is read back only as the lab's own: its node, its saved state in the lab's directory", () => {
  const record = linksRecord();
  assert.ok(!(parseRecord(recordText(record), record.lab) instanceof Error), "the plan's own record");
  const i = record.ops.findIndex((r) => r.op.kind === "nic.take");
  const take = record.ops[i]?.op ?? assert.fail("no nic.take");
  const refused: [unknown, RegExp][] = [
    [{ ...take, saved: "/etc/shadow" }, /not a path in the lab's directory/],
    [{ ...take, ns: "other.r" }, /not a network namespace of lab glinks/],
    [{ ...take, nic: "eth0; reboot" }, /characters a name cannot have/],
    [{ ...take, mtu: "9000" }, /is not a number/],
  ];
  for (const [op, why] of refused) {
    const ops = record.ops.map((r, j) => (j === i ? { ...r, op } : r));
    const back = parseRecord(JSON.stringify({ ...record, ops }), record.lab);
    assert.ok(back instanceof Error, JSON.stringify(op));
    assert.match(back.message, why, JSON.stringify(op));
  }
  // The move is owned as the operations say, and nothing else: a moved NIC added by hand is refused.
  const extra = {
    kind: "moved-nic",
    name: "eth0",
    ns: "glinks.r",
    iface: "x",
    saved: "/run/opentop/glinks/nics/eth0",
  };
  assert.match(
    String(parseRecord(JSON.stringify({ ...record, owned: [...record.owned, extra] }), record.lab)),
    /not what its operations created/,
  );
  const outside = record.owned.map((o) => (o.kind === "moved-nic" ? { ...o, saved: "/etc/shadow" } : o));
  assert.match(
    String(parseRecord(JSON.stringify({ ...record, owned: outside }), record.lab)),
    /not one OpenTop owns/,
  );
});

test("tear-down: a moved NIC is the lab's only while its saved state is the one its move wrote, a record proves the move, and the NIC is there to give back", () => {
  const dir = mkdtempSync(join(tmpdir(), "opentop-nic-"));
  const before = process.env.OPENTOP_RUN_DIR;
  process.env.OPENTOP_RUN_DIR = dir;
  try {
    // A record `up` wrote (born): it proves the move, so the state waits for the NIC.
    const p = { lab: "vnic", born: 0 };
    // `lo`: a NIC this machine surely has, back on the host (a give-back cut short).
    const o = {
      kind: "moved-nic",
      name: "lo",
      ns: "vnic.r",
      iface: "wan",
      saved: join(dir, "vnic/nics/lo"),
    } as const;
    assert.equal(verdict(o, p), "gone", "no saved state, not in the node");
    mkdirSync(join(dir, "vnic/nics"), { recursive: true });
    writeFileSync(o.saved, `${nicSavedHead("lo", "vnic.r", "wan")}\nlink set dev lo up\n`);
    assert.equal(verdict(o, p), "ours");
    // A stand-in for a lost record proves nothing: a saved state alone would let a planted
    // file reconfigure a host interface.
    assert.equal(verdict(o, { lab: "vnic" }), "foreign", "no record up wrote");
    writeFileSync(o.saved, "link set dev lo down\n");
    assert.equal(verdict(o, p), "foreign", "a file the move did not write");
    const gone = { ...o, name: "ot-no-such-nic" };
    writeFileSync(gone.saved, `${nicSavedHead(gone.name, "vnic.r", "wan")}\n`);
    assert.equal(verdict(gone, p), "foreign", "its state, but no NIC to give it back to");
    assert.equal(
      verdict({ ...o, saved: "/etc/hostname" }, p),
      "foreign",
      "a file outside the lab's directory",
    );
    assert.equal(verdict({ ...o, ns: "other.r" }, p), "foreign", "another lab's node");
  } finally {
    if (before === undefined) delete process.env.OPENTOP_RUN_DIR;
    else process.env.OPENTOP_RUN_DIR = before;
    rmSync(dir, { recursive: true, force: true });
  }
});

test("records: a stand-in (no record up wrote) removes a lab's cgroup only if empty; a record up wrote kills what runs in it", () => {
  const record = isolationRecord();
  const cgroups = (proven: boolean) =>
    teardownOps(record, proven)
      .map((g) => g.op)
      .filter((op): op is Extract<Op, { kind: "cgroup.del" }> => op.kind === "cgroup.del");
  assert.ok(cgroups(true).length > 0);
  assert.ok(cgroups(true).every((op) => op.byName === undefined));
  assert.ok(cgroups(false).every((op) => op.byName === true));
  // A record read back from its file has its time of birth: proven by default.
  assert.deepEqual(teardownOps({ ...record, born: 1 }), teardownOps(record, true));
});

test("check: a filter in a node without its own network is OT5004 (there is no namespace of the lab to load it into)", () => {
  assert.deepEqual(codes("lab f\nnode a {\n  isolate mount\n  filter {}\n}\n"), ["OT5004"]);
  assert.deepEqual(codes("lab f\nnode a {\n  isolate mount\n  filter { input policy drop }\n}\n"), [
    "OT5004",
  ]);
  assert.deepEqual(codes("lab f\nnode a {\n  isolate mount\n  nft { table inet x { } }\n}\n"), ["OT5004"]);
  assert.deepEqual(codes("lab f\nnode a {\n  filter { input policy drop }\n}\n"), []);
});

test("check: a log prefix nft would interpret (`$x`) is refused, naming the string", () => {
  const c = compiled('lab l\nnode a {\n  filter {\n    input accept icmp log "a $x"\n  }\n}\n');
  assert.deepEqual(
    c.diagnostics.map((d) => [d.code, d.message]),
    [["OT4008", 'invalid log prefix "a $x"']],
  );
});

test("check: a sysctl the kernel does not keep per network namespace is OT3008, with the reason", () => {
  for (const key of [
    "net.netfilter.nf_hooks_lwtunnel",
    "net.ipv4.tcp_mem",
    "net.core.rmem_max",
    "net.core.bpf_jit_enable",
    "net.core.netdev_max_backlog",
    "net.netfilter.nf_conntrack_max",
    "net.ipv4.neigh.default.gc_thresh3",
    "net.ipv4.route.max_size",
  ])
    assert.deepEqual(codes(`lab s\nnode a {\n  sysctl ${key} 1\n}\n`), ["OT3008"], key);
  for (const key of [
    "net.ipv4.ip_forward",
    "net.ipv4.conf.all.rp_filter",
    "net.ipv6.conf.default.accept_dad",
    "net.ipv4.tcp_ecn",
    "net.ipv4.neigh.lo.gc_stale_time",
    "net.netfilter.nf_conntrack_tcp_timeout_established",
    "net.core.somaxconn",
    "net.ipv6.route.max_size",
  ])
    assert.deepEqual(codes(`lab s\nnode a {\n  sysctl ${key} 1\n}\n`), [], key);
});

test("check: the allow-list of sysctls agrees with this kernel: what a fresh namespace may write, and no more", {
  skip: process.getuid?.() === 0 ? false : "needs root (a namespace of its own)",
}, () => {
  const list = (argv: string[]) =>
    spawnSync(argv[0] as string, argv.slice(1), { encoding: "utf8" })
      .stdout.split("\n")
      .filter(Boolean)
      .map((p) => p.replace("/proc/sys/", "").replaceAll("/", "."));
  const own = list(["unshare", "--net", "find", "/proc/sys/net", "-type", "f", "-perm", "-200"]);
  const shown = new Set(list(["unshare", "--net", "find", "/proc/sys/net", "-type", "f"]));
  const host = list(["find", "/proc/sys/net", "-type", "f"]);
  assert.ok(own.length > 100);
  const refused = own.filter((k) => notPerNamespace(k) !== undefined);
  // The namespace shows these, but they are the machine's (or only the host may set them).
  assert.deepEqual(
    refused.filter((k) => !/^net\.(netfilter\.nf_hooks_lwtunnel|core\.)/.test(k)),
    [],
    "writable in a namespace of its own, yet refused",
  );
  const readOnly = [...shown].filter((k) => !own.includes(k) && !/\.conf\.lo\./.test(k));
  assert.deepEqual(
    readOnly.filter((k) => notPerNamespace(k) === undefined),
    [],
    "read-only in a namespace, yet accepted",
  );
  const hostOnly = host.filter((k) => !shown.has(k) && !/\.(conf|neigh)\.(?!default|all)[^.]+\./.test(k));
  assert.deepEqual(
    hostOnly.filter((k) => notPerNamespace(k) === undefined),
    [],
    "accepted, yet only the host's namespace has it",
  );
});

test("check: a service command longer than one argument can be (128 KiB) is OT5013; one byte less is accepted", () => {
  const lab = (n: number) => `lab c\nnode a {\n  run "${"x".repeat(n)}"\n}\n`;
  assert.deepEqual(codes(lab(COMMAND_MAX)), []);
  assert.deepEqual(codes(lab(COMMAND_MAX + 1)), ["OT5013"]);
});

test("check: nesting past its bound is OT0025 (blocks) or OT0006 (expressions) — never a stack overflow", () => {
  const loops = (n: number) => `lab n\n${"for i in 1..1 {\n".repeat(n)}node a\n${"}\n".repeat(n)}`;
  assert.deepEqual(codes(loops(64)), []);
  assert.deepEqual(codes(loops(65)), ["OT0025"]);
  assert.deepEqual(codes(loops(1500)), ["OT0025"]);
  const expr = (inner: string) =>
    `lab n\nnode a {\n  eth0 -> b.eth0 10.0.0.{${inner}}/30\n}\nnode b { eth0 10.0.0.2/30 }\n`;
  assert.deepEqual(codes(expr(`${"(".repeat(30)}1${")".repeat(30)}`)), []);
  assert.deepEqual(codes(expr(`${"(".repeat(40)}1${")".repeat(40)}`)), ["OT0006"]);
  assert.deepEqual(codes(expr(`${"(".repeat(2000)}1${")".repeat(2000)}`)), ["OT0006"]);
  assert.deepEqual(codes(expr(`${"-".repeat(100_000)}1`)), ["OT0006"]);
  assert.deepEqual(codes(expr(`${"-".repeat(900)}1`)), []);
  assert.deepEqual(codes(expr(`${"hex(".repeat(300)}1${")".repeat(300)}`)), ["OT0006"]);
});

test("check: only a regular file of at most 16 MiB is read: a FIFO, a device, a huge file are coded diagnostics", () => {
  const dir = mkdtempSync(join(tmpdir(), "opentop-files-"));
  try {
    const fifo = join(dir, "pipe.otop");
    spawnSync("mkfifo", [fifo]);
    const big = join(dir, "big.otop");
    writeFileSync(big, "lab big\n");
    truncateSync(big, MAX_SOURCE_BYTES + 1); // sparse: nothing is written
    const cases: [string, string, RegExp][] = [
      [fifo, "OT9001", /it is a FIFO \(named pipe\), not a regular file/],
      ["/dev/zero", "OT9001", /it is a character device, not a regular file/],
      [dir, "OT9001", /it is a directory/],
      [big, "OT9005", /is too large to be a lab file: 16777217 bytes/],
    ];
    for (const [path, code, message] of cases) {
      const c = compileFile(path);
      assert.deepEqual(
        c.diagnostics.map((d) => d.code),
        [code],
        path,
      );
      assert.match(c.diagnostics[0]?.message ?? "", message, path);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("run: an argument the kernel refuses (E2BIG) is a failed process, not an exception", async () => {
  const r = await run(["true", "x".repeat(200_000)]);
  assert.equal(r.code, 127);
  assert.match(r.stderr, /E2BIG/);
});

test("run: a step that dies without saying how far it got is uncertain, whole; a batch's failing line splits it", async () => {
  const ops: Op[] = [
    { kind: "netns.add", name: "t.a" },
    { kind: "netns.add", name: "t.b" },
    { kind: "netns.add", name: "t.c" },
  ];
  const dir = mkdtempSync(join(tmpdir(), "opentop-fake-ip-"));
  const path = process.env.PATH;
  try {
    // A fake `ip`: killed by a signal, or failing at line 2 of its batch.
    writeFileSync(
      join(dir, "ip"),
      '#!/bin/sh\ncat >/dev/null\n[ -n "$KILL" ] && kill -INT $$\necho "Command failed -:2" >&2\nexit 1\n',
      { mode: 0o755 },
    );
    process.env.PATH = `${dir}:${path ?? ""}`;
    const stage = { name: "namespaces", steps: [{ tool: "ip" as const, ns: null, ops }] };
    process.env.KILL = "1";
    const killed = await runStages([stage]);
    assert.deepEqual(killed.done, []);
    assert.deepEqual(killed.uncertain, ops);
    assert.equal(killed.failures[0]?.result.code, 130);
    delete process.env.KILL;
    const failed = await runStages([stage]);
    assert.deepEqual(failed.done, ops.slice(0, 1));
    assert.deepEqual(failed.uncertain, ops.slice(1, 2));
  } finally {
    process.env.PATH = path;
    delete process.env.KILL;
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a sysctl value the kernel refuses is located at its own operation, not the step's first", () => {
  const ops: Op[] = [
    { kind: "sysctl.set", ns: "s.a", key: "net.ipv4.ip_forward", value: "1" },
    { kind: "sysctl.set", ns: "s.a", key: "net.ipv4.ip_default_ttl", value: "0" },
  ];
  const located = TOOLS.sysctl.locate(
    'sysctl: setting key "net.ipv4.ip_default_ttl": Invalid argument\n',
    ops,
  );
  assert.equal(located.op, ops[1]);
  const missing = TOOLS.sysctl.locate(
    "sysctl: cannot stat /proc/sys/net/ipv4/ip_default_ttl: No such file\n",
    ops,
  );
  assert.equal(missing.op, ops[1]);
});

test("a diagnostic on a very long line shows the line around its mark, and thousands of them render fast", () => {
  const words = "eth0 ".repeat(20_000);
  const c = compiled(`lab long\nnode a { ${words}}\n`);
  assert.ok(c.diagnostics.length > 1000, "one diagnostic a word");
  const started = performance.now();
  const text = c.diagnostics.map((d) => renderPretty(d)).join("\n");
  assert.ok(performance.now() - started < 5000, "rendering is linear in what is shown");
  for (const line of text.split("\n"))
    assert.ok([...line].length < 300, `a line of ${line.length} characters`);
  const last = renderPretty(c.diagnostics.at(-1) ?? assert.fail());
  assert.match(last, /\n2 \| …[ eth0]+}\n/, "a window of the line, its cut start shown");
  assert.match(last, /\n +\| +\^+/, "the caret lines up in the window");
});

test("a directory that merely looks like a lab's cgroup (a file named cgroup.procs) is not one: nothing in it is killed", () => {
  const dir = mkdtempSync(join(tmpdir(), "opentop-cg-"));
  const victim = spawn("sleep", ["1000"], { stdio: "ignore" });
  try {
    const node = join(dir, "opentop", "lab", "a");
    mkdirSync(node, { recursive: true });
    writeFileSync(join(node, "cgroup.procs"), `${victim.pid}\n`);
    const r = spawnSync("sh", ["-c", CGROUP_DEL, "opentop-cgroup-del", node], { encoding: "utf8" });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /is not a cgroup/);
    assert.equal(victim.exitCode, null);
    assert.equal(victim.signalCode, null, "the process named in the file lives");
  } finally {
    victim.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});
