// Cgroup limits on the real kernel (the layout this machine has: on the development VM,
// cgroup v1 controllers). Every command runs through `opentop exec`, which joins the node's
// cgroups: allocating past `limit memory` fails, `limit pids` stops a fork bomb, `limit cpu`
// caps a busy loop near its fraction. Nothing of the lab is left after `down`.

import assert from "node:assert/strict";
import { test } from "node:test";
import { debris, inNode, outOf } from "../support/isolation.js";
import { SKIP_NOT_ROOT, withLab } from "../support/lab.js";

const PY = "/usr/bin/python3";

test("limit memory: allocating past the limit fails inside the node", { skip: SKIP_NOT_ROOT }, async () => {
  let name = "";
  await withLab("mem", "node m {\n  limit memory 48M\n}\nnode free { }\n", (lab) => {
    name = lab.name;
    const touch = (mb: number) =>
      `b = bytearray(${mb} << 20)\nfor i in range(0, len(b), 4096): b[i] = 1\nprint("allocated")`;
    assert.equal(outOf(lab.name, "m", [PY, "-c", touch(8)]).trim(), "allocated", "within the limit");
    const over = inNode(lab.name, "m", [PY, "-c", touch(128)]);
    assert.notEqual(over.code, 0, "past the limit: killed or MemoryError");
    assert.doesNotMatch(over.stdout, /allocated/);
    assert.equal(
      outOf(lab.name, "free", [PY, "-c", touch(128)]).trim(),
      "allocated",
      "a node without a limit",
    );
  });
  assert.deepEqual(debris(name), []);
});

test("limit pids: a fork bomb is stopped at the limit", { skip: SKIP_NOT_ROOT }, async () => {
  let name = "";
  await withLab("pids", "node f {\n  limit pids 16\n}\n", (lab) => {
    name = lab.name;
    // Forks children that linger until the limit refuses one: how many did it get?
    const bomb = `import os, time
n = 0
for i in range(200):
    try:
        if os.fork() == 0:
            time.sleep(3)
            os._exit(0)
        n += 1
    except OSError:
        break
print(n)`;
    const forked = Number(outOf(lab.name, "f", [PY, "-c", bomb]).trim());
    assert.ok(forked < 16, `forked ${forked} processes under limit pids 16`);
    assert.ok(forked >= 8, `forked only ${forked}: the limit, not something else, should stop it`);
  });
  // The children still sleeping in the node's cgroup are the lab's: `down` removed them with it.
  assert.deepEqual(debris(name), []);
});

test("limit cpu: a busy loop gets about its fraction of a core", { skip: SKIP_NOT_ROOT }, async () => {
  let name = "";
  await withLab("cpu", "node c {\n  limit cpu 0.25\n}\n", (lab) => {
    name = lab.name;
    const busy = `import time
t0, c0 = time.monotonic(), time.process_time()
while time.monotonic() - t0 < 2: pass
print((time.process_time() - c0) / (time.monotonic() - t0))`;
    const share = Number(outOf(lab.name, "c", [PY, "-c", busy]).trim());
    // Generous: other tests share the machine, and the quota is enforced per 100 ms period.
    assert.ok(
      share > 0.05 && share < 0.4,
      `CPU time over wall time was ${share.toFixed(3)} under limit cpu 0.25`,
    );
  });
  assert.deepEqual(debris(name), []);
});
