// The emitted script, without root: the programs it asks for (no bloat), shellcheck, the
// three shells it must run under, awkward values from the lab file, heredoc delimiters.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import PRELUDE from "../../src/backends/sh/prelude.sh.gen.js";
import { buildScript, delimiter, labPart, type Script } from "../../src/backends/sh/script.js";
import { planText } from "../../src/backends/text.js";
import { sourceFile } from "../../src/diagnostics/source.js";
import { type Compiled, compileSource } from "../../src/model/compile.js";
import { lower, lowerAll } from "../../src/plan/lower.js";
import { shellQuote as q } from "../../src/plan/quote.js";
import { toolsNeeded } from "../../src/runtime/lifecycle.js";
import { which } from "../../src/runtime/proc.js";
import { ROOT, scratch } from "../support/lab.js";

const UTILITIES = ["mkdir", "ln", "readlink", "rm", "mv", "date", "touch", "find", "cat"];

const LABS = {
  p2p: "lab tp\nnode a { eth0 -> b.eth0 10.0.0.1/30 fd00::1/64 }\nnode b { eth0 10.0.0.2/30 fd00::2/64 }\n",
  switched: "lab ts\nswitch sw\nnode a { eth0 -> sw 10.0.0.1/24 }\nnode b { eth0 -> sw 10.0.0.2/24 }\n",
  router: `lab tr
switch lan
node r {
  forward
  sysctl net.ipv4.conf.eth0.rp_filter 0
  eth0 -> lan 10.1.0.1/24
  wan -> host 192.0.2.2/30
}
node pc { eth0 -> lan 10.1.0.10/24
  route default via 10.1.0.1 }
`,
};

function compiled(source: string, path = "/labs/lab.otop"): Compiled {
  const c = compileSource(sourceFile(path, source));
  assert.ok(c.lab, c.diagnostics.map((d) => d.message).join("\n"));
  return c;
}

function script(source: string, path?: string): Script {
  const c = compiled(source, path);
  if (!c.lab) throw new Error("unreachable");
  return buildScript(c, lower(c.lab));
}

/** The lab's own part of its script: what differs between labs (the prelude is the same for all). */
function own(source: string): string {
  const c = compiled(source);
  if (!c.lab) throw new Error("unreachable");
  return labPart(c, lower(c.lab)).text;
}

/** The `requires` line of the script's header, as a list. */
function declared(text: string): string[] {
  const m = /^# {3}requires {2}(.*)$/m.exec(text);
  assert.ok(m?.[1], "the header declares what the script requires");
  return m[1].split(" ");
}

test("sh: a script requires exactly the programs its lab uses (no bloat)", () => {
  const p2p = script(LABS.p2p);
  // unshare: the kernel's veth is probed in a throwaway namespace before anything is created.
  assert.deepEqual(p2p.requires, ["ip", "nsenter", "unshare", ...UTILITIES]);
  assert.deepEqual(declared(p2p.text), p2p.requires);
  assert.deepEqual(p2p.needs.status, ["ip", "nsenter"]);
  assert.deepEqual(p2p.needs.exec, ["nsenter"]);
  // The prelude is one text for every lab; what a lab runs is in its own part.
  assert.doesNotMatch(own(LABS.p2p), /sysctl|type bridge|nft|\btc\b|iface_ours|taken_iface/);

  const switched = script(LABS.switched);
  assert.deepEqual(switched.requires, ["ip", "nsenter", "unshare", ...UTILITIES]);
  assert.match(
    switched.text,
    /^link add name sw type bridge\nlink set dev sw addrgenmode none\nlink set dev sw up$/m,
  );
  assert.doesNotMatch(own(LABS.switched), /sysctl|nft|\btc\b|iface_ours/);

  const router = script(LABS.router);
  assert.deepEqual(router.requires, ["ip", "nsenter", "sysctl", "unshare", ...UTILITIES]);
  assert.deepEqual(router.needs.up, ["ip", "nsenter", "sysctl", "unshare", ...UTILITIES]);
  assert.deepEqual(router.needs.down, ["ip", "nsenter", "mkdir", "ln", "readlink", "rm", "find"]);
  assert.match(router.text, /sysctl\) why='this lab sets sysctls' package=procps/);
  assert.match(own(LABS.router), /iface_ours/, "a host link is deleted only when it carries the lab's mark");
  assert.doesNotMatch(own(LABS.router), /nft|\btc\b/);
});

test("sh: the script enters namespaces only with nsenter, its status too (never `ip -n`)", () => {
  for (const source of Object.values(LABS)) {
    const text = script(source).text;
    const code = text
      .split("\n")
      .filter((l) => !l.trimStart().startsWith("#"))
      .join("\n");
    assert.doesNotMatch(code, /\bip -n\b|\bip netns exec\b|\bip -netns\b/);
    assert.match(text, /^ {6}nsenter --net="\/run\/netns\/\$ns" ip -j link show$/m);
  }
});

test("sh: up's preflight asks for the same programs as the script's up", () => {
  for (const source of Object.values(LABS)) {
    const c = compiled(source);
    if (!c.lab) continue;
    const plan = lower(c.lab);
    const s = buildScript(c, plan);
    assert.deepEqual(
      s.needs.up.filter((p) => !UTILITIES.includes(p)),
      toolsNeeded(plan),
    );
  }
  const p2p = compiled(LABS.p2p).lab;
  assert.ok(p2p);
  assert.deepEqual(
    toolsNeeded(lower(p2p)),
    ["ip", "nsenter", "unshare"],
    "a lab without sysctls needs no sysctl (unshare probes its veth)",
  );
});

test("sh: heredoc delimiters never collide with a line of the batch", () => {
  assert.equal(delimiter("netns add a\n"), "EOF");
  assert.equal(delimiter("EOF\nEOF_1\nx EOF_2\n"), "EOF_2");
});

const SHELLCHECK = which("shellcheck");

test("sh: scripts pass shellcheck with no warnings", { skip: SHELLCHECK ? false : "no shellcheck" }, () => {
  const texts = [
    ...Object.values(LABS).map((l) => script(l).text),
    script(LABS.router, "/tmp/it's a $HOME `dir`\\\nwith\nnewlines.otop").text,
    // Every example's script (a lab on several machines: each machine's).
    ...readdirSync(join(ROOT, "examples"))
      .filter((f) => f.endsWith(".otop"))
      .flatMap((f) => {
        const c = compiled(readFileSync(join(ROOT, "examples", f), "utf8"), `examples/${f}`);
        return c.lab ? lowerAll(c.lab).map((plan) => buildScript(c, plan).text) : [];
      }),
  ];
  for (const text of texts) {
    const r = spawnSync("shellcheck", ["--shell=sh", "--severity=style", "-"], {
      input: text,
      encoding: "utf8",
    });
    assert.equal(r.status, 0, `shellcheck:\n${r.stdout}${r.stderr}`);
  }
});

test("sh: the prelude every script shares passes shellcheck on its own", {
  skip: SHELLCHECK ? false : "no shellcheck",
}, () => {
  const r = spawnSync(
    "shellcheck",
    ["--shell=sh", "--severity=style", join(ROOT, "src/backends/sh/prelude.sh")],
    {
      encoding: "utf8",
    },
  );
  assert.equal(r.status, 0, `shellcheck:\n${r.stdout}${r.stderr}`);
  // …and is appended to every script unchanged.
  const text = script(LABS.p2p).text;
  assert.ok(text.endsWith(readFileSync(join(ROOT, "src/backends/sh/prelude.sh"), "utf8")));
});

const SHELLS: readonly (readonly string[])[] = [
  ["/usr/bin/dash"],
  ["/usr/bin/busybox", "sh"],
  ["/usr/bin/bash"],
];

function runIn(shell: readonly string[], path: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const [file, ...pre] = shell;
  const r = spawnSync(file as string, [...pre, path, ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, ...env },
  });
  return { code: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
}

for (const shell of SHELLS)
  test(`sh: --help, plan and usage errors under ${shell.join(" ")}`, {
    skip: existsSync(shell[0] as string) ? false : "not installed",
  }, () => {
    const s = scratch();
    try {
      // Awkward characters in the lab file's path reach comments, the record and `plan`.
      const path = "/tmp/it's a $HOME `dir`\\\nwith\nnewlines.otop";
      const c = compiled(LABS.router, path);
      if (!c.lab) return;
      const plan = lower(c.lab);
      const file = join(s.dir, "lab.sh");
      writeFileSync(file, buildScript(c, plan).text);

      const help = runIn(shell, file, ["--help"]);
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, /^usage: lab\.sh up \| down \| status/);
      const printed = runIn(shell, file, ["plan"]);
      assert.equal(printed.code, 0, printed.stderr);
      assert.equal(printed.stdout, `${planText(plan, "up")}\n`, "`plan` prints what `opentop plan` prints");
      assert.equal(runIn(shell, file, ["bogus"]).code, 2);
      assert.equal(runIn(shell, file, ["up", "extra"]).code, 2);
      assert.equal(runIn(shell, file, ["exec", "r"]).code, 2);

      // Nothing is up under an empty run directory: status and exec say so.
      const env = { OPENTOP_RUN_DIR: join(s.dir, "run") };
      const status = runIn(shell, file, ["status"], env);
      assert.equal(status.code, 1);
      assert.match(status.stderr, /^error\[OT6007\]: lab tr is not up$/m);
      const exec = runIn(shell, file, ["exec", "r", "true"], env);
      assert.equal(exec.code, 1);
      assert.match(exec.stderr, /OT6007/);
    } finally {
      s.remove();
    }
  });

test("sh: the status lookup of a big bridge's ports (a tree of `case`s) finds each port and nothing else", () => {
  // 1,000 ports in one `case` cost 500 patterns a port; the tree cuts that to tens. Names of
  // many lengths and beginnings: h1 … h300 (one a prefix of the next), p.HASH of long ones,
  // and - _ in others.
  const source = [
    "lab tl",
    "switch sw",
    "node h[1..300] { eth0 -> sw 10.0.{i / 256}.{i % 256}/16 }",
    "node averyveryverylongname[1..40] { eth0 -> sw 10.1.0.{i}/16 }",
    "node a-b_c { x1 -> sw 10.2.0.1/16; x10 -> sw 10.2.0.2/16 }",
    "",
  ].join("\n");
  const text = own(source);
  const at = text.indexOf("links_1() {");
  const functions = text.slice(at, text.indexOf("\nroutes_1", at));
  const names = [...text.slice(0, at).matchAll(/drift missing 'interface ([^']*)'/g)].map((m) => m[1] ?? "");
  assert.ok(names.length > 340, String(names.length));
  const strangers = ["h", "h3", "h30", "h301.eth0", "h1.eth00", "h1.eth", "p.", "a-b_c.x", "x1", "sw.x", ""];
  const probe = [
    "want_link() { printf '%s\\n' \"$dev\"; }",
    functions,
    ...names.map((n) => `dev=${q(n)}; links_1 "$dev" sw || echo "MISSED $dev"`),
    ...strangers.map((n) => `dev=${q(n)}; ! links_1 "$dev" sw || echo "FOUND $dev"`),
  ].join("\n");
  for (const shell of SHELLS) {
    if (!existsSync(shell[0] as string)) continue;
    const [file, ...pre] = shell;
    const r = spawnSync(file as string, [...pre, "-c", probe], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.split("\n").filter(Boolean), names, `${shell.join(" ")}: ${r.stderr}`);
  }
});

test("sh: the status reads an interface of `ip -j link` whatever the order of its keys", () => {
  // link_object asks for the keys in ip's order, each after the last one found (json_seek,
  // as a prefix removal costs dash the square of its length); a key earlier than that is
  // still found, from the object's start.
  const status = PRELUDE.slice(PRELUDE.indexOf("# ---- status:"), PRELUDE.indexOf("# ---- the commands"));
  const keys = [
    '"ifindex":7',
    '"link":"p}x"',
    '"ifname":"a\\\\\\"b"',
    '"flags":["BROADCAST","UP","LOWER_UP"]',
    '"mtu":1400',
    '"qdisc":"noqueue"',
    '"master":"br,0"',
    '"operstate":"UP"',
    '"link_type":"ether"',
    '"address":"02:00:00:00:00:07"',
    '"ifalias":"\\"mtu\\":9000,\\"master\\":\\"x\\""',
  ];
  const shuffled = [
    keys[0],
    keys[9],
    keys[6],
    keys[4],
    keys[2],
    keys[10],
    keys[8],
    keys[3],
    keys[5],
    keys[1],
    keys[7],
  ];
  const probe = (order: readonly (string | undefined)[]) =>
    [
      "set -f",
      "NL='\n'",
      status,
      'link_line() { printf \'%s|%s|%s\\n\' "$dev" "$master" "$line"; }',
      "keep=$IFS",
      `links_json ${q(`[{${order.join(",")}},{"ifindex":8,"ifname":"lo","flags":[],"mtu":65536}]`)}`,
    ].join("\n");
  const expected = [
    'a\\"b|br,0| <BROADCAST,UP,LOWER_UP> mtu 1400 qdisc noqueue master br,0 link/ether 02:00:00:00:00:07 ',
    "lo|| <> mtu 65536 ",
  ];
  for (const order of [keys, shuffled]) {
    const r = spawnSync("dash", ["-c", probe(order)], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.split("\n").filter(Boolean), expected, order.join(","));
  }
});

test("sh: the script's capacity refuses what the machine's limits cannot hold, as up does (OT6015, OT6080, OT6081)", () => {
  // `fits` of the prelude, run on its own with the numbers /proc would give.
  const prelude = readFileSync(join(ROOT, "src/backends/sh/prelude.sh"), "utf8");
  const fn = (name: string) =>
    new RegExp(`^${name}\\(\\) \\{\\n[\\s\\S]*?^\\}\\n`, "m").exec(prelude)?.[0] ?? "";
  const fits = (...args: (number | "")[]) =>
    spawnSync(
      "sh",
      ["-c", `KIB_PER_NAMESPACE=320\n${fn("error")}${fn("fits")}fits "$@"`, "fits", ...args.map(String)],
      {
        encoding: "utf8",
      },
    );
  const roomy = [21, 100, 10, 1000, 40, 1024 ** 2] as const;
  const ok = fits(...roomy);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stderr, "");
  const ns = fits(21, 25, 10, 1000, 40, 1024 ** 2);
  assert.equal(ns.status, 1);
  assert.match(
    ns.stderr,
    /error\[OT6015\]: this lab needs 21 network namespaces; the machine allows 25 in all/,
  );
  const mounts = fits(21, 100, 10, 60, 40, 1024 ** 2);
  assert.match(
    mounts.stderr,
    /error\[OT6080\]: this lab needs 21 mounts; the machine allows 60, and 40 are in use/,
  );
  const memory = fits(21, 100, 10, 1000, 40, 20 * 320);
  assert.match(
    memory.stderr,
    /error\[OT6081\]: this lab needs about 7 MB of kernel memory; the machine has 6 MB available/,
  );
  // What /proc does not say does not refuse.
  assert.equal(fits(21, "", 10, "", 40, "").status, 0);
  // The limits as the script reads them are the kernel's (a sysctl file answers only a
  // read from its start: `read`, a byte at a time, saw "1" for 100000).
  for (const file of ["/proc/sys/fs/mount-max", "/proc/sys/user/max_net_namespaces"]) {
    if (!existsSync(file)) continue;
    const r = spawnSync("sh", ["-c", `${fn("number")}number "$1" && echo "$number"`, "number", file], {
      encoding: "utf8",
    });
    assert.equal(r.stdout.trim(), readFileSync(file, "utf8").trim(), file);
  }
});
