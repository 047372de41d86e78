// Services on the real kernel: a TCP server started with `run` in a fully isolated node
// accepts connections from another node; a service that exits (after `up`, which fails on
// one that exits at once) shows as exited (with its status) in `status`; `logs` prints
// what it wrote; `down` stops it — its PID is gone — and leaves no cgroup, mount,
// namespace file or process of the lab.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { debris, inNode, processAlive, service, statusJson, waitFor } from "../support/isolation.js";
import { cli, SKIP_NOT_ROOT, uniqueLab, withLab } from "../support/lab.js";

test("services: a server in an isolated node, a service that exits, logs, and down", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  let name = "";
  let pids: number[] = [];
  await withLab(
    "svc",
    `switch lan
node server {
  isolate net uts ipc mount pid cgroup
  eth0 -> lan 10.7.0.1/24
  limit memory 128M pids 64
  run web "exec /usr/bin/python3 -m http.server 8080 --bind 10.7.0.1"
  run oneshot "sleep 1; echo done in $OPENTOP_NODE; exit 3"
}
node client {
  eth0 -> lan 10.7.0.2/24
}
`,
    async (lab) => {
      name = lab.name;
      const connect = `import socket, sys
s = socket.create_connection(("10.7.0.1", 8080), timeout=2)
s.sendall(b"GET / HTTP/1.0\\r\\n\\r\\n")
sys.stdout.write(s.recv(64).decode())`;
      const reply = await waitFor(() => {
        const r = inNode(lab.name, "client", ["/usr/bin/python3", "-c", connect]);
        return r.code === 0 && r.stdout;
      });
      assert.match(reply, /^HTTP\/1\.0 200/);

      const web = service(lab.name, "server", "web");
      assert.equal(web?.state, "running");
      assert.ok(web?.pid && processAlive(web.pid));
      const oneshot = await waitFor(() => {
        const s = service(lab.name, "server", "oneshot");
        return s?.state === "exited" && s;
      });
      assert.equal(oneshot.code, 3);
      const text = cli(["status", lab.name]);
      assert.match(text.stdout, /web\s+running\s+pid \d+/);
      assert.match(text.stdout, /oneshot\s+exited\s+status 3/);

      const logs = cli(["logs", lab.name, "server", "oneshot"]);
      assert.equal(logs.code, 0, logs.stderr);
      assert.equal(logs.stdout, "done in server\n");
      assert.match(
        cli(["logs", lab.name, "server"]).stdout,
        /==> server web <==[\s\S]*==> server oneshot <==/,
      );

      // The server runs inside the node: its pid namespace, its cgroups.
      const init = statusJson(lab.name).nodes.find((n) => n.node === "server")?.init;
      assert.ok(init?.alive);
      const ps = inNode(lab.name, "server", ["ps", "-e", "-o", "args="]).stdout;
      assert.match(ps, /python3 -m http.server 8080/);
      pids = [web.pid, init?.pid ?? 0];
    },
  );
  for (const pid of pids) assert.ok(!processAlive(pid), `process ${pid} is gone after down`);
  assert.deepEqual(debris(name), []);
});

test("a service in a network-only node, stopped by down", { skip: SKIP_NOT_ROOT }, async () => {
  let name = "";
  let pid = 0;
  await withLab("svc1", `node a {\n  run "sleep 1000"\n}\n`, async (lab) => {
    name = lab.name;
    const s = await waitFor(() => service(lab.name, "a", "run1"));
    assert.equal(s.state, "running");
    pid = s.pid ?? 0;
    assert.ok(processAlive(pid));
  });
  assert.ok(!processAlive(pid));
  assert.deepEqual(debris(name), []);
});

/**
 * A stand-in for `program` in `dir` (put first on PATH) that notes the locale of each process
 * started by its name, a line of $LC_ALL in the file it returns, and then runs the real one.
 */
function localeNoter(dir: string, program: string): string {
  const log = join(dir, `${program}-log`);
  const real = spawnSync("sh", ["-c", `command -v ${program}`], { encoding: "utf8" }).stdout.trim();
  assert.ok(real, `${program} is on PATH`);
  writeFileSync(join(dir, program), `#!/bin/sh\necho "$LC_ALL" >> ${log}\nexec ${real} "$@"\n`, {
    mode: 0o755,
  });
  return log;
}

test("the tools up runs are in the C locale; a lab's service keeps the caller's", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  // Set for `up`, a child of this process as is the service. A `nsenter` first on PATH
  // notes the locale of each process that enters a node, then runs the real one.
  const dir = mkdtempSync(join(tmpdir(), "opentop-locale-"));
  const log = localeNoter(dir, "nsenter");
  const saved = { LC_ALL: process.env.LC_ALL, PATH: process.env.PATH };
  process.env.LC_ALL = "C.UTF-8";
  process.env.PATH = `${dir}:${process.env.PATH}`;
  try {
    await withLab("svcloc", `node a {\n  run "echo LC_ALL=$LC_ALL; sleep 1000"\n}\n`, async (lab) => {
      await waitFor(() => service(lab.name, "a", "run1"));
      const logs = await waitFor(() => {
        const r = cli(["logs", lab.name, "a", "run1"]);
        return r.stdout.includes("LC_ALL=") ? r : undefined;
      });
      assert.equal(logs.stdout, "LC_ALL=C.UTF-8\n");
      // The node's ip batch entered in the C locale; the service's launcher in the caller's.
      const seen = new Set(readFileSync(log, "utf8").trim().split("\n"));
      assert.deepEqual([...seen].sort(), ["C", "C.UTF-8"]);
    });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the built script too: its up's tool steps and its down in the C locale, a lab's service in the caller's", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), "opentop-locale-"));
  const log = localeNoter(dir, "nsenter");
  // And an `ip` that notes the locale of each batch, for down's (run on the host).
  const ipLog = localeNoter(dir, "ip");
  const name = uniqueLab("svcsh");
  const file = join(dir, `${name}.otop`);
  writeFileSync(file, `lab ${name}\nnode a {\n  run "echo LC_ALL=$LC_ALL; sleep 1000"\n}\n`);
  const script = join(dir, "lab.sh");
  assert.equal(cli(["build", file, "-o", script]).code, 0);
  const env = { ...process.env, LC_ALL: "C.UTF-8", PATH: `${dir}:${process.env.PATH}` };
  const sh = (command: string) =>
    spawnSync("sh", [script, command], { encoding: "utf8", env, timeout: 60_000 });
  try {
    const up = sh("up");
    assert.equal(up.status, 0, up.stderr);
    const logs = await waitFor(() => {
      const r = cli(["logs", name, "a", "run1"]);
      return r.stdout.includes("LC_ALL=") ? r : undefined;
    });
    assert.equal(logs.stdout, "LC_ALL=C.UTF-8\n");
    // The node's ip batch entered in C; the service's launcher in the caller's locale.
    assert.deepEqual([...new Set(readFileSync(log, "utf8").trim().split("\n"))].sort(), ["C", "C.UTF-8"]);
    writeFileSync(ipLog, "");
    const down = sh("down");
    assert.equal(down.status, 0, down.stderr);
    // Down's batch (its namespace deleted) in C.
    assert.deepEqual([...new Set(readFileSync(ipLog, "utf8").trim().split("\n"))], ["C"]);
  } finally {
    spawnSync("sh", [script, "down"], { encoding: "utf8", timeout: 60_000 });
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a service that exited leaves no status for the next one of its name: apply starts it again", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  // Readiness reads a service's exit status first: one left by an earlier run (a service
  // that failed, or a node removed and added back) made `apply` blame a healthy service.
  let name = "";
  await withLab("svcagain", "node a\n", async (lab) => {
    name = lab.name;
    const body = (command: string) => `lab ${lab.name}\nnode a\nnode svc {\n  run "${command}"\n}\n`;
    writeFileSync(lab.path, body("sleep 0.3; exit 3"));
    const failing = cli(["apply", lab.path]);
    assert.equal(failing.code, 1, failing.stderr);
    assert.match(failing.stderr, /OT5021.*exited with status 3/, failing.stderr);
    writeFileSync(lab.path, body("sleep 1000"));
    const healthy = cli(["apply", lab.path]);
    assert.equal(healthy.code, 0, healthy.stderr);
    assert.equal((await waitFor(() => service(lab.name, "svc", "run1"))).state, "running");
    // Removed, and added back: the same.
    writeFileSync(lab.path, `lab ${lab.name}\nnode a\n`);
    assert.equal(cli(["apply", lab.path]).code, 0);
    writeFileSync(lab.path, body("sleep 1000"));
    const again = cli(["apply", lab.path]);
    assert.equal(again.code, 0, again.stderr);
  });
  assert.deepEqual(debris(name), []);
});

/**
 * A service that runs while a flag file exists is running; the flag goes; a change gives it a
 * new command and fails after stopping it (a setting this kernel lacks, on node `a`): the
 * rollback starts the old command again, which now exits 4. `body(lab, sysctl, command)` is
 * the lab; `node` and `svc` name the service.
 */
async function diesOnRollback(
  base: string,
  body: (lab: string, sysctl: string, command: string) => string,
  node: string,
  svc: string,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "opentop-rbsvc-"));
  const flag = join(dir, "flag");
  writeFileSync(flag, "");
  let name = "";
  try {
    const old = `[ -e ${flag} ] && exec sleep 1000; exit 4`;
    await withLab(base, body(base, "", old).replace(/^lab .*\n/, ""), async (lab) => {
      name = lab.name;
      assert.equal((await waitFor(() => service(lab.name, node, svc))).state, "running");
      rmSync(flag);
      writeFileSync(lab.path, body(lab.name, "  sysctl net.ipv4.tcp_no_such_setting 1\n", "exec sleep 999"));
      const r = cli(["apply", lab.path]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /error\[OT6063\]: rolling back the change/, r.stderr);
      assert.match(
        r.stderr,
        new RegExp(`note: service ${svc} of node ${node} exited with status 4`),
        r.stderr,
      );
      assert.doesNotMatch(r.stderr, /is as it was before the apply/, r.stderr);
      assert.match(cli(["status", lab.name]).stdout, /half changed/);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(debris(name), []);
}

test("a service the rollback of a failed apply starts again and that dies is reported (OT6063), not 'as it was'", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  await diesOnRollback(
    "rbsvc",
    (lab, sysctl, command) => `lab ${lab}\nnode a {\n${sysctl}}\nnode svc {\n  run "${command}"\n}\n`,
    "svc",
    "run1",
  );
});

test("a service of a node without its own network that the rollback starts again and that dies is reported too", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  // A node that isolates only its mounts has no namespace of its own for the change to touch:
  // the node itself is what the change names.
  await diesOnRollback(
    "rbmnt",
    (lab, sysctl, command) =>
      `lab ${lab}\nnode a {\n  eth0 -> b.eth0 10.78.9.1/30\n${sysctl}}\nnode b { eth0 10.78.9.2/30 }\nnode f {\n  isolate mount\n  run s "${command}"\n}\n`,
    "f",
    "s",
  );
});

test("what a failed apply made outside the network and its rollback could not remove is reported (OT6063), and down removes it", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  // The change adds a node with its own mounts and pid namespace, and a service that fails;
  // an `umount` that refuses keeps the rollback from taking the node's namespace files off.
  // Before, the apply said "as it was", the record forgot them, and every `down` failed.
  const dir = mkdtempSync(join(tmpdir(), "opentop-rbmnt-"));
  writeFileSync(join(dir, "umount"), '#!/bin/sh\necho "umount: refused by the test" >&2\nexit 32\n', {
    mode: 0o755,
  });
  let name = "";
  try {
    await withLab("rbleft", "switch lan\nnode base { eth0 -> lan 10.79.1.1/24 }\n", async (lab) => {
      name = lab.name;
      // Five such nodes: eleven mounts left, more than a diagnostic lists.
      const nodes = [1, 2, 3, 4, 5].map(
        (i) =>
          `node p${i} {\n  isolate net mount pid\n  eth0 -> lan 10.79.1.${20 + i}/24\n  run s "exec sleep 1000"\n${i === 5 ? '  run bad "exit 3"\n' : ""}}\n`,
      );
      writeFileSync(
        lab.path,
        `lab ${lab.name}\nswitch lan\nnode base { eth0 -> lan 10.79.1.1/24 }\n${nodes.join("")}`,
      );
      const r = cli(["apply", lab.path], { env: { PATH: `${dir}:${process.env.PATH}` } });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /error\[OT6063\]/, r.stderr);
      assert.match(r.stderr, /mnt namespace of node p1 \(.*p1\.mnt\) extra/, r.stderr);
      assert.match(r.stderr, /note: … and 1 more, not shown/, r.stderr);
      assert.doesNotMatch(r.stderr, /is as it was before the apply/, r.stderr);
      // status, half changed, names what the unfinished change left (it said "no drift").
      const st = cli(["status", lab.name]);
      assert.equal(st.code, 1, st.stdout);
      assert.match(st.stdout, /half changed/);
      assert.match(
        st.stdout,
        /extra +mnt namespace of node p1 \(.*\) \(made by the unfinished change\)/,
        st.stdout,
      );
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(debris(name), []);
});
