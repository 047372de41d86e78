// OpenTop under a user's language: the messages it reads (a probe's, a tool's, nsenter's)
// mean the same whatever LANG says. Most need a translated locale on the machine (de_DE.UTF-8,
// with glibc's and coreutils' German messages: `locale-gen de_DE.UTF-8`); skipped without one.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { lab as labHandle, OpentopError } from "../../src/api/opentop.js";
import type { Op } from "../../src/plan/ops.js";
import { failureDiagnostic } from "../../src/runtime/failure.js";
import { runStages } from "../../src/runtime/run.js";
import { cli, SKIP_NOT_ROOT, scratch, withLab } from "../support/lab.js";

const GERMAN = { LANG: "de_DE.UTF-8", LC_ALL: undefined, LC_MESSAGES: undefined, LANGUAGE: undefined };

function skip(): string | false {
  if (SKIP_NOT_ROOT) return SKIP_NOT_ROOT;
  const locales = spawnSync("locale", ["-a"], { encoding: "utf8" }).stdout ?? "";
  const translated = ["libc", "coreutils"].every((d) =>
    existsSync(`/usr/share/locale/de/LC_MESSAGES/${d}.mo`),
  );
  return /^de_DE\.utf-?8$/im.test(locales) && translated
    ? false
    : "needs the de_DE.UTF-8 locale and glibc's and coreutils' German messages";
}

test("under LANG=de_DE.UTF-8, a node without a route is unreachable, for opentop test and the built script alike", {
  skip: skip(),
}, async () => {
  const s = scratch();
  try {
    const body = [
      "switch s",
      "node a { eth0 -> s 10.61.0.1/24 }",
      "node b { eth0 -> s 10.61.0.2/24 }",
      "node c { eth0 -> s 10.62.0.3/24 }",
      "expect a -> b -4",
      "expect a !-> c -4",
      "",
    ].join("\n");
    await withLab("locale", body, (lab) => {
      // ping says "Das Netzwerk ist nicht erreichbar" in German, which no probe reads.
      const r = cli(["test", lab.name, "--json"], { env: GERMAN });
      const json = JSON.parse(r.stdout) as { results: { expectation: string; live: { seen: string } }[] };
      assert.deepEqual(
        json.results.map((x) => `${x.expectation}: ${x.live.seen}`),
        ["a -> b -4: reached", "a !-> c -4: unreachable"],
        r.stderr,
      );
      assert.equal(r.code, 0, r.stderr);
      const built = cli(["build", lab.path, "-o", join(s.dir, "lab.sh")]);
      assert.equal(built.code, 0, built.stderr);
      const script = spawnSync("sh", [join(s.dir, "lab.sh"), "test"], {
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, ...GERMAN },
      });
      assert.match(script.stdout, /a !-> c -4 +IPv4 +blocked +unreachable .* ok\n/, script.stdout);
      assert.equal(script.status, 0, `${script.stdout}${script.stderr}`);
    });
  } finally {
    s.remove();
  }
});

test("under LANG=de_DE.UTF-8, a cgroup found by its name that rmdir finds busy gets its help", {
  skip: skip(),
}, async () => {
  const s = scratch();
  // A mount point: rmdir's EBUSY, as a cgroup with processes answers it.
  const path = join(s.dir, "opentop", "lab");
  mkdirSync(path, { recursive: true });
  const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, LANGUAGE: process.env.LANGUAGE };
  try {
    assert.equal(spawnSync("mount", ["-t", "tmpfs", "opentop-locale", path]).status, 0);
    process.env.LANG = "de_DE.UTF-8";
    delete process.env.LC_ALL;
    delete process.env.LANGUAGE;
    const step = {
      tool: "exec" as const,
      ns: null,
      ops: [{ kind: "cgroup.del", path, scope: "lab", byName: true } as Op],
    };
    const out = await runStages([{ name: "remove", steps: [step] }], { force: true });
    const failure = out.failures[0];
    assert.ok(failure, "rmdir failed");
    assert.match(
      failureDiagnostic(failure).help ?? "",
      /something still uses this cgroup/,
      failure.result.stderr,
    );
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    spawnSync("umount", [path]);
    s.remove();
  }
});

test("the API's exec throws OT6008 for a node that lost a namespace, whatever language nsenter says it in", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  // nsenter's "cannot open" as util-linux-locales has it in German: the real one where the
  // locale is installed, else a nsenter first on PATH that answers so for a file that is gone.
  const real = skip() === false && existsSync("/usr/share/locale/de/LC_MESSAGES/util-linux.mo");
  const s = scratch();
  writeFileSync(
    join(s.dir, "nsenter"),
    [
      "#!/bin/sh",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: sh's, in a plain string on purpose
      'for a; do case $a in --*=/*) f=${a#*=}; [ -e "$f" ] || { echo "nsenter: $f kann nicht geöffnet werden: Datei oder Verzeichnis nicht gefunden" >&2; exit 1; };; esac; done',
      'exec /usr/bin/nsenter "$@"',
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
  const saved = { PATH: process.env.PATH, LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
  try {
    await withLab("lostuts", "node a {\n  isolate net uts\n  hostname h\n}\n", async (lab) => {
      const handle = labHandle(lab.name);
      assert.equal((await handle.exec("a", ["hostname"])).stdout, "h\n");
      // The node's uts namespace is lost: its file unmounted and removed.
      const uts =
        handle
          .enter("a")
          .find((w) => w.startsWith("--uts="))
          ?.slice("--uts=".length) ?? "";
      assert.equal(spawnSync("umount", [uts]).status, 0);
      rmSync(uts);
      if (!real) process.env.PATH = `${s.dir}:${process.env.PATH}`;
      process.env.LANG = "de_DE.UTF-8";
      delete process.env.LC_ALL;
      await assert.rejects(handle.exec("a", ["hostname"]), (e: unknown) => {
        assert.ok(e instanceof OpentopError, String(e));
        assert.equal(e.diagnostics[0]?.code, "OT6008");
        return true;
      });
    });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    s.remove();
  }
});
