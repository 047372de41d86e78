// Namespaces besides net, on the real kernel: uts (a hostname of its own), mount (tmpfs
// and binds inside, nothing on the host; a storage-only node on the host's network), a
// root directory seen as /, and pid (only the node's processes, an init only where needed).

import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { debris, inNode, outOf, statusJson } from "../support/isolation.js";
import { SKIP_NOT_ROOT, scratch, withLab } from "../support/lab.js";

test("uts: a node's hostname is its own; the host's is unchanged", { skip: SKIP_NOT_ROOT }, async () => {
  const before = hostname();
  let name = "";
  await withLab(
    "uts",
    `node a {
  isolate net uts
  hostname alpha
}
node b {
  isolate uts
}
`,
    (lab) => {
      name = lab.name;
      assert.equal(outOf(lab.name, "a", ["hostname"]).trim(), "alpha");
      assert.equal(outOf(lab.name, "b", ["hostname"]).trim(), "b", "without `hostname`, the node's name");
      assert.equal(hostname(), before);
      assert.equal(readFileSync("/proc/sys/kernel/hostname", "utf8").trim(), before);
    },
  );
  assert.deepEqual(debris(name), []);
});

test("mount: tmpfs and binds inside a storage-only node, invisible on the host; the host's network", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const s = scratch();
  mkdirSync(join(s.dir, "t"));
  mkdirSync(join(s.dir, "src"));
  mkdirSync(join(s.dir, "dst"));
  writeFileSync(join(s.dir, "src/hello"), "hello from the host\n");
  let name = "";
  try {
    await withLab(
      "mnt",
      `node s {
  isolate mount
  mount tmpfs ${s.dir}/t size 8M
  bind ${s.dir}/src ${s.dir}/dst ro
}
`,
      (lab) => {
        name = lab.name;
        // Inside: the tmpfs (marked as the lab's) and the read-only bind.
        const mounts = outOf(lab.name, "s", ["cat", "/proc/self/mountinfo"]);
        assert.match(mounts, new RegExp(` ${s.dir}/t .* - tmpfs opentop:${lab.name}:s `));
        assert.equal(outOf(lab.name, "s", ["cat", `${s.dir}/dst/hello`]), "hello from the host\n");
        assert.notEqual(
          inNode(lab.name, "s", ["touch", `${s.dir}/dst/new`]).code,
          0,
          "the bind is read-only",
        );
        outOf(lab.name, "s", ["sh", "-c", `echo inside > ${s.dir}/t/file`]);
        assert.equal(outOf(lab.name, "s", ["cat", `${s.dir}/t/file`]), "inside\n");
        // On the host: none of it.
        assert.deepEqual(readdirSync(join(s.dir, "t")), [], "the tmpfs is not on the host");
        assert.deepEqual(readdirSync(join(s.dir, "dst")), [], "nor the bind");
        assert.doesNotMatch(readFileSync("/proc/self/mountinfo", "utf8"), new RegExp(`opentop:${lab.name}`));
        // Storage only: the host's own network namespace, so the host's interfaces.
        assert.equal(
          outOf(lab.name, "s", ["readlink", "/proc/self/ns/net"]).trim(),
          readlinkSync("/proc/self/ns/net"),
        );
        assert.match(outOf(lab.name, "s", ["ip", "-br", "link", "show", "lo"]), /^lo /);
        const node = statusJson(lab.name).nodes.find((n) => n.node === "s");
        assert.deepEqual(node?.aspects, ["mount"]);
      },
    );
  } finally {
    s.remove();
  }
  assert.deepEqual(debris(name), []);
});

/** A minimal root file system: the host's /usr read-only, and the directories a root needs. */
function rootfs(dir: string): string {
  const root = join(dir, "rootfs");
  for (const d of ["usr", "proc", "sys", "dev", "tmp", "etc"]) mkdirSync(join(root, d), { recursive: true });
  for (const l of ["bin", "sbin", "lib", "lib64"]) symlinkSync(`usr/${l}`, join(root, l));
  writeFileSync(join(root, "etc/marker"), "the node's own root\n");
  return root;
}

test("root and pid: the directory is /, and ps shows only the node's processes", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const s = scratch();
  const root = rootfs(s.dir);
  let name = "";
  try {
    await withLab(
      "root",
      `node r {
  isolate net uts mount pid
  eth0 -> q.eth0 10.9.0.1/30
  root ${root}
  bind /usr /usr ro
}
node q {
  isolate net mount
  eth0 10.9.0.2/30
}
`,
      (lab) => {
        name = lab.name;
        assert.equal(outOf(lab.name, "r", ["cat", "/etc/marker"]), "the node's own root\n");
        assert.deepEqual(outOf(lab.name, "r", ["ls", "-1", "/"]).trim().split("\n"), [
          "bin",
          "dev",
          "etc",
          "lib",
          "lib64",
          "proc",
          "sbin",
          "sys",
          "tmp",
          "usr",
        ]);
        // sysfs and the network are the node's.
        assert.deepEqual(outOf(lab.name, "r", ["ls", "/sys/class/net"]).trim().split(/\s+/).sort(), [
          "eth0",
          "lo",
        ]);
        // pid: its init (pid 1, with the lab's mark), the init's sleep, and ps itself.
        const ps = outOf(lab.name, "r", ["ps", "-e", "-o", "pid=,args="])
          .trim()
          .split("\n")
          .map((l) => l.trim());
        assert.equal(ps.length, 3, ps.join("\n"));
        assert.match(ps[0] ?? "", new RegExp(`^1 sh -c .* opentop:${lab.name}:r:init$`));
        assert.match(ps[2] ?? "", /^\d+ ps -e/);
        // The node without pid isolation sees the host's processes and has no init.
        const hostPs = outOf(lab.name, "q", ["ps", "-e", "-o", "pid="])
          .split("\n")
          .map((l) => l.trim());
        assert.ok(hostPs.includes(String(process.pid)), "q shares the host's pid namespace");
        const status = statusJson(lab.name);
        assert.ok(status.nodes.find((n) => n.node === "r")?.init?.alive);
        assert.equal(
          status.nodes.find((n) => n.node === "q")?.init,
          undefined,
          "no init where pid is not isolated",
        );
        assert.deepEqual(status.drift, []);
        // The host still sees its own /etc.
        assert.doesNotMatch(readFileSync("/etc/hostname", "utf8"), /the node's own root/);
      },
    );
  } finally {
    s.remove();
  }
  assert.deepEqual(debris(name), []);
});

test("exec enters exactly the namespaces a node isolates, and only those", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const kinds = ["net", "uts", "ipc", "mnt", "pid", "cgroup"] as const;
  const host = Object.fromEntries(kinds.map((k) => [k, readlinkSync(`/proc/self/ns/${k}`)]));
  let name = "";
  await withLab(
    "which",
    `node all {
  isolate uts ipc mount pid cgroup
}
node some {
  isolate net ipc
}
`,
    (lab) => {
      name = lab.name;
      const seen = (node: string) =>
        Object.fromEntries(
          kinds.map((k) => [k, outOf(lab.name, node, ["readlink", `/proc/self/ns/${k}`]).trim()]),
        );
      const all = seen("all");
      const some = seen("some");
      for (const k of kinds) {
        assert.equal(all[k] !== host[k], k !== "net", `node all, ${k}`);
        assert.equal(some[k] !== host[k], k === "net" || k === "ipc", `node some, ${k}`);
      }
      // Its cgroup namespace is rooted at the node's own cgroup: the init is in that cgroup
      // as the host sees it, and at the root as the node sees it.
      const init = statusJson(lab.name).nodes.find((n) => n.node === "all")?.init?.pid;
      const hostView = readFileSync(`/proc/${init}/cgroup`, "utf8");
      assert.match(hostView, new RegExp(`^0::/opentop/${lab.name}/all$`, "m"));
      assert.match(outOf(lab.name, "all", ["cat", "/proc/1/cgroup"]), /^0::\/$/m);
    },
  );
  assert.deepEqual(debris(name), []);
});
