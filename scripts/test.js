#!/usr/bin/env node
// The whole test suite, as `npm test` runs it after building and linting: unit and golden
// tests, then integration tests (root: real namespaces), then the proof that the host is
// exactly as before. Usage: node scripts/test.js [unit|golden|integration]…

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const groups = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ["unit", "golden", "integration", "serial"];
const { hostSnapshot, diffSnapshots, leftovers } = await import(join(root, "dist/test/support/host.js"));

const prefix = process.env.OPENTOP_TEST_PREFIX ?? `t${process.pid.toString(36)}`;
const env = { ...process.env, OPENTOP_TEST_PREFIX: prefix, NO_COLOR: "1" };
const before = hostSnapshot();
let failed = false;

for (const group of groups) {
  const dir = join(root, "dist/test", group);
  if (!existsSync(dir)) continue;
  console.log(`\n== ${group} tests`);
  const r = spawnSync(
    process.execPath,
    // Integration tests run two files at a time; serial ones (gc, crash) see the whole
    // machine and run alone.
    [
      "--test",
      "--test-reporter=spec",
      `--test-concurrency=${{ integration: 2, serial: 1 }[group] ?? 4}`,
      dir,
    ],
    { stdio: "inherit", env, cwd: root },
  );
  if (r.status !== 0) failed = true;
}

// Leaves nothing behind: nothing named after this run, and (when this suite is the only
// one on the machine) the host's network state exactly as before.
const left = leftovers(prefix);
const diff = process.env.OPENTOP_TEST_SHARED_HOST ? [] : diffSnapshots(before, hostSnapshot());
if (left.length || diff.length) {
  failed = true;
  console.error("\nThe test run left the host changed:");
  for (const line of [...left, ...diff]) console.error(`  ${line}`);
  // The run has failed; still leave the machine clean: take down every lab of this run.
  const labs = new Set(left.map((l) => /(?:^|[ /])(t[0-9a-z]+-[A-Za-z0-9_-]+)/.exec(l)?.[1]).filter(Boolean));
  for (const lab of labs)
    spawnSync(process.execPath, [join(root, "bin/opentop.js"), "down", lab], { stdio: "inherit" });
} else
  console.log(
    "\nhost check: namespaces, links, addresses, routes, nft ruleset, records, mounts, cgroups and marked processes as before",
  );

process.exit(failed ? 1 : 0);
