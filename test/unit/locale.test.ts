// The locale each process of a plan runs in (docs/architecture.md, "The tools run in the C
// locale"): a step of the elementary tools in C, so that its messages are those OpenTop
// recognises; a lab's own program (a readiness check here) in the caller's, unchanged.
// Programs first on PATH stand in for the real ones and note the locale they were given;
// nothing here needs root or a locale other than C.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { FIREWALL_OPS } from "../../src/plan/ops/firewall.js";
import { ISOLATION_OPS } from "../../src/plan/ops/isolation.js";
import { NETWORK_OPS } from "../../src/plan/ops/network.js";
import { NIC_OPS } from "../../src/plan/ops/nic.js";
import { PROBE_OPS } from "../../src/plan/ops/probe.js";
import { READY_OPS } from "../../src/plan/ops/ready.js";
import { TC_OPS } from "../../src/plan/ops/tc.js";
import type { Op } from "../../src/plan/ops.js";
import type { Step } from "../../src/plan/plan.js";
import { PROBE } from "../../src/plan/probes.js";
import { failureDiagnostic } from "../../src/runtime/failure.js";
import { run, runSync } from "../../src/runtime/proc.js";
import { runStages } from "../../src/runtime/run.js";

/**
 * Runs `fn` with `programs` (name → sh text) first on PATH, and the caller's locale as a
 * user's: LANG set (to `lang`), LC_ALL and LANGUAGE unset.
 */
async function withPrograms<T>(
  programs: Record<string, string>,
  fn: (dir: string) => Promise<T>,
  lang = "C.UTF-8",
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "opentop-locale-"));
  for (const [name, text] of Object.entries(programs))
    writeFileSync(join(dir, name), `#!/bin/sh\n${text}\n`, { mode: 0o755 });
  const saved = { PATH: process.env.PATH, LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
  const language = process.env.LANGUAGE;
  process.env.PATH = `${dir}:${process.env.PATH}`;
  process.env.LANG = lang;
  delete process.env.LC_ALL;
  delete process.env.LANGUAGE;
  try {
    return await fn(dir);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    if (language !== undefined) process.env.LANGUAGE = language;
    rmSync(dir, { recursive: true, force: true });
  }
}

test("locale: a stage's tool steps run in C also in a worker they share with a lab's program, which keeps the caller's", async () => {
  // sysctl notes its LC_ALL in a file named after its key; a readiness command, in its own.
  await withPrograms(
    // biome-ignore lint/suspicious/noTemplateCurlyInString: sh's, in a plain string on purpose
    { sysctl: 'for a; do k=${a%%=*}; done; printf %s "${LC_ALL-unset}" > "$0.$k"' },
    async (dir) => {
      writeFileSync(join(dir, "pid"), `${process.pid}\n`);
      const sysctl = (key: string): Step => ({
        tool: "sysctl",
        ns: null,
        ops: [{ kind: "sysctl.set", ns: null, key, value: "1" } as Op],
      });
      const ready = (name: string): Step => ({
        tool: "exec",
        ns: null,
        ops: [
          {
            kind: "service.ready",
            node: "a",
            name,
            ns: null,
            pidfile: join(dir, "pid"),
            status: join(dir, `status.${name}`),
            log: join(dir, "log"),
            check: "command",
            // A port, though the check does not use it: no empty word, so the step can go to a worker.
            port: 1,
            argv: ["sh", "-c", `printf %s "\${LC_ALL-unset}" > ${join(dir, `ready.${name}`)}`],
            seconds: 5,
          } as Op,
        ],
      });
      // Two workers (concurrency 2, four steps): each runs a sysctl step and a check.
      const out = await runStages(
        [{ name: "mixed", steps: [sysctl("k1"), sysctl("k2"), ready("r1"), ready("r2")] }],
        {
          concurrency: 2,
        },
      );
      assert.deepEqual(out.failures, []);
      const seen = (name: string) => readFileSync(join(dir, name), "utf8");
      assert.deepEqual(
        ["sysctl.k1", "sysctl.k2", "ready.r1", "ready.r2"].map(seen),
        ["C", "C", "unset", "unset"],
        "the tools in C, the lab's checks in the caller's locale (LC_ALL unset)",
      );
    },
  );
});

test("locale: OpenTop's own programs in an exec step run in C: the cgroup a busy rmdir refused gets its help", async () => {
  // rmdir as coreutils answers EBUSY: in German unless LC_ALL=C (the text is coreutils' own
  // translation, as `LANG=de_DE.UTF-8 rmdir` on a mount point prints it).
  const rmdir = [
    'if [ "$LC_ALL" = C ]; then echo "rmdir: failed to remove \'$1\': Device or resource busy" >&2',
    "else echo \"rmdir: konnte '$1' nicht entfernen: Das Gerät oder die Ressource ist belegt\" >&2; fi",
    "exit 1",
  ].join("\n");
  await withPrograms(
    { rmdir },
    async (dir) => {
      // A cgroup found by its name alone (`gc`, `down` without a record): removed only if empty.
      const path = join(dir, "opentop", "lab");
      mkdirSync(path, { recursive: true });
      const step: Step = {
        tool: "exec",
        ns: null,
        ops: [{ kind: "cgroup.del", path, scope: "lab", byName: true } as Op],
      };
      const out = await runStages([{ name: "remove", steps: [step] }], { force: true });
      const failure = out.failures[0];
      assert.ok(failure, "rmdir failed");
      assert.match(failure.result.stderr, /Device or resource busy/);
      assert.match(failureDiagnostic(failure).help ?? "", /something still uses this cgroup/);
    },
    "de_DE.UTF-8",
  );
});

test("locale: a probe's verdict does not depend on the caller's language (opentop test and the built script run the same program)", async () => {
  // ping as iputils answers a network without a route and its own filter's refusal: its
  // errno text is glibc's, in German unless LC_ALL=C (as `LANG=de_DE.UTF-8 ping` prints it).
  const ping = [
    'case $* in *192.0.2.1) en="Network is unreachable" de="Das Netzwerk ist nicht erreichbar";;',
    '*) en="Operation not permitted" de="Die Operation ist nicht erlaubt";; esac',
    'if [ "$LC_ALL" = C ]; then echo "ping: connect: $en" >&2; else echo "ping: connect: $de" >&2; fi',
    "exit 2",
  ].join("\n");
  await withPrograms(
    { ping },
    async () => {
      const probe = (dst: string) =>
        spawnSync("sh", ["-c", PROBE, "opentop-probe", "icmp", "4", dst, "", "", "1"], { encoding: "utf8" })
          .stdout;
      assert.equal(probe("192.0.2.1"), "unreachable\n");
      assert.equal(probe("192.0.2.2"), "refused\n");
    },
    "de_DE.UTF-8",
  );
});

test("locale: of the exec kinds, exactly those that run what the lab file wrote keep the caller's locale", () => {
  const tables = [FIREWALL_OPS, ISOLATION_OPS, NETWORK_OPS, NIC_OPS, PROBE_OPS, READY_OPS, TC_OPS];
  const callers = tables
    .flatMap((t) => Object.entries(t))
    .filter(([, spec]) => "labPrograms" in spec && spec.labPrograms)
    .map(([kind]) => kind)
    .sort();
  // A service, the init a pid namespace's processes live under, a readiness command.
  assert.deepEqual(callers, ["init.start", "service.ready", "service.start"]);
});

test("locale: the single reads and probes OpenTop runs itself (run, runSync) are in C when they are the tools'", async () => {
  const saved = process.env.LC_ALL;
  process.env.LC_ALL = "C.UTF-8";
  try {
    const argv = ["sh", "-c", 'printf %s "$LC_ALL"'];
    assert.equal((await run(argv, { tools: true })).stdout, "C");
    assert.equal((await run(argv)).stdout, "C.UTF-8");
    assert.equal(runSync(argv, { tools: true }).stdout, "C");
    assert.equal(runSync(argv).stdout, "C.UTF-8");
  } finally {
    if (saved === undefined) delete process.env.LC_ALL;
    else process.env.LC_ALL = saved;
  }
});
