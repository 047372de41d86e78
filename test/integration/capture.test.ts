// `opentop capture` on real namespaces: pcap on standard output (its magic number, its ICMP
// packets counted), to a file from a switch's port and from the host's end of a link, the
// API's capture, a Ctrl-C (SIGINT to the process group, as a terminal sends it) that stops it
// cleanly with nothing left running, and the diagnostics for what cannot be captured.
// The host-side address is from 198.51.100.224/27, on the lab's own link only.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { lab as running } from "../../src/api/opentop.js";
import { BIN, cli, ROOT, SKIP_NOT_ROOT, scratch, uniqueLab } from "../support/lab.js";

/** The packets of a pcap file (microsecond or nanosecond, either byte order): each frame's bytes. */
function frames(pcap: Buffer): Buffer[] {
  const magic = pcap.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  assert.ok(le || pcap.readUInt32BE(0) === 0xa1b2c3d4 || pcap.readUInt32BE(0) === 0xa1b23c4d, "a pcap file");
  const u32 = (at: number) => (le ? pcap.readUInt32LE(at) : pcap.readUInt32BE(at));
  assert.equal(u32(20), 1, "link type Ethernet");
  const out: Buffer[] = [];
  for (let at = 24; at + 16 <= pcap.length; ) {
    const len = u32(at + 8);
    out.push(pcap.subarray(at + 16, at + 16 + len));
    at += 16 + len;
  }
  return out;
}

/** IPv4 ICMP echo requests (8) and replies (0) among the frames. */
function echoes(pcap: Buffer): { requests: number; replies: number } {
  const icmp = frames(pcap).filter((f) => f.readUInt16BE(12) === 0x0800 && f[23] === 1);
  const type = (f: Buffer) => f[14 + ((f[14] ?? 0x45) & 0x0f) * 4];
  return {
    requests: icmp.filter((f) => type(f) === 8).length,
    replies: icmp.filter((f) => type(f) === 0).length,
  };
}

/** A capture as a command run from a shell: its own process group; stdout (pcap) and stderr collected. */
function capture(args: string[]) {
  const child = spawn(process.execPath, [BIN, "capture", ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  const out: Buffer[] = [];
  let err = "";
  child.stdout.on("data", (b: Buffer) => out.push(b));
  child.stderr.on("data", (b: Buffer) => {
    err += b.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const listening = async () => {
    for (let i = 0; i < 200 && !/listening on /.test(err); i++) await new Promise((r) => setTimeout(r, 25));
    assert.match(err, /listening on /, "tcpdump listens");
  };
  return { child, exited, listening, stdout: () => Buffer.concat(out), stderr: () => err };
}

/** Processes whose network namespace is `ns`'s (none may be left once a capture ended). */
function inNamespace(ns: string): string[] {
  const ino = statSync(`/run/netns/${ns}`).ino;
  return readdirSync("/proc").filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return readlinkSync(`/proc/${pid}/ns/net`) === `net:[${ino}]`;
    } catch {
      return false;
    }
  });
}

const LAB = (name: string) => `lab ${name}
switch lan
node a { eth0 -> lan 10.0.0.1/24 }
node b { eth0 -> lan 10.0.0.2/24 }
node r { eth0 -> lan 10.0.0.3/24
  wan -> host 198.51.100.230/30 { host-address 198.51.100.229/30 } }
`;

function ok(r: { code: number; stdout: string; stderr: string }, what: string): string {
  assert.equal(r.code, 0, `${what} failed (${r.code}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

const ping = (lab: string, node: string, to: string, n = 3) =>
  ok(cli(["exec", lab, node, "--", "ping", "-c", String(n), "-i", "0.2", "-W", "2", to]), `ping ${to}`);

test("capture: a node's interface to stdout, a switch's port and the host's end to files, Ctrl-C, and the API", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const s = scratch();
  const name = uniqueLab("capture");
  const file = join(s.dir, "lab.otop");
  try {
    writeFileSync(file, LAB(name));
    ok(cli(["up", file]), "up");

    // pcap on standard output, stopped after 6 packets: three pings and their replies.
    const out = capture([name, "a", "eth0", "icmp", "-c", "6"]);
    await out.listening();
    ping(name, "a", "10.0.0.2");
    assert.equal(await out.exited, 0, out.stderr());
    assert.deepEqual(echoes(out.stdout()), { requests: 3, replies: 3 });
    assert.match(out.stderr(), /capturing on a's eth0/);
    assert.match(out.stderr(), /6 packets captured/);

    // A switch's port, by the node's interface it serves, into a file; stopped by Ctrl-C.
    const portFile = join(s.dir, "port.pcap");
    const port = capture([name, "lan", "b.eth0", "-w", portFile]);
    await port.listening();
    ping(name, "a", "10.0.0.2", 2);
    ping(name, "r", "10.0.0.1", 2); // not through b's port: not captured there
    await new Promise((r) => setTimeout(r, 200));
    process.kill(-(port.child.pid as number), "SIGINT");
    assert.equal(await port.exited, 0, port.stderr());
    assert.deepEqual(echoes(readFileSync(portFile)), { requests: 2, replies: 2 });
    assert.match(port.stderr(), /port b\.eth0 of switch lan/);
    assert.match(port.stderr(), /\d+ packets? captured/);
    assert.deepEqual(
      inNamespace(name).filter((pid) => readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "tcpdump"),
      [],
      "no tcpdump is left in the switches' namespace",
    );

    // The host's end of r's link to the host.
    const hostFile = join(s.dir, "host.pcap");
    const host = capture([name, "host", "r.wan", "icmp", "-c", "4", "-w", hostFile]);
    await host.listening();
    ping(name, "r", "198.51.100.229", 2);
    assert.equal(await host.exited, 0, host.stderr());
    assert.deepEqual(echoes(readFileSync(hostFile)), { requests: 2, replies: 2 });

    // The API: a capture of node b's interface, stopped when the pings are done.
    const apiFile = join(s.dir, "api.pcap");
    const cap = running(name).capture("b", "eth0", { filter: ["icmp"], output: apiFile });
    await cap.listening;
    ping(name, "a", "10.0.0.2", 3);
    const summary = await cap.stop();
    assert.equal(summary.code, 0, summary.messages.join("\n"));
    assert.equal(summary.captured, 6);
    assert.deepEqual(echoes(readFileSync(apiFile)), { requests: 3, replies: 3 });
    assert.deepEqual(inNamespace(`${name}.b`), [], "nothing is left running in node b");
  } finally {
    cli(["down", name]);
    s.remove();
  }
});

test("capture: what cannot be captured says why, and a missing tcpdump names its package", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const s = scratch();
  const name = uniqueLab("capbad");
  const file = join(s.dir, "lab.otop");
  try {
    writeFileSync(file, LAB(name));
    ok(cli(["up", file]), "up");
    const fails = (args: string[], code: string, text: RegExp, env: NodeJS.ProcessEnv = {}) => {
      const r = cli(["capture", name, ...args, "-w", join(s.dir, "x.pcap")], { env });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`error\\[${code}\\]`));
      assert.match(r.stderr, text);
    };
    fails(["a", "eth9"], "OT6066", /its interfaces are lo, eth0/);
    fails(["lan", "a.eth9"], "OT6066", /its ports are a\.eth0, b\.eth0, r\.eth0/);
    fails(["host", "a.eth0"], "OT6066", /its links to the host are r\.wan/);
    fails(["nobody", "eth0"], "OT6008", /has no node or switch `nobody`/);
    fails(["a", "eth0", "not", "a", "filter", "("], "OT6067", /tcpdump could not capture/);
    fails(["a", "eth0"], "OT6005", /install tcpdump/, { PATH: "/nonexistent" });
  } finally {
    cli(["down", name]);
    s.remove();
  }
});
