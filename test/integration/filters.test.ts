// Filters beyond the office: literal nft blocks, host-side NAT in the lab's own table on
// the host (removed by `down`, also with the record gone), drift seen by status on each
// machine, and rulesets the kernel refuses stopped before anything exists.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { describe, test } from "node:test";
import { hostTableName } from "../../src/plan/nft.js";
import { cli, SKIP_NOT_ROOT, scratch, writeLab } from "../support/lab.js";
import { connect, type Listener, listen, MACHINES, machineEnv, withFilterLab } from "../support/traffic.js";

function inNs(ns: string | null, argv: string[]): { code: number; stdout: string; stderr: string } {
  const full = ns === null ? argv : ["nsenter", `--net=/run/netns/${ns}`, "--", ...argv];
  const r = spawnSync(full[0] as string, full.slice(1), { encoding: "utf8" });
  return { code: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
}

function netnsGone(name: string): boolean {
  return !existsSync(`/run/netns/${name}`);
}

function hostTables(): string[] {
  return inNs(null, ["nft", "list", "tables"]).stdout.split("\n").filter(Boolean);
}

const PAIR = `node a {
  eth0 -> b.eth0 10.0.0.1/30 fd6f:a::1/64
  filter {
    input policy drop
    input accept established
    input accept icmpv6
    input accept saddr 10.0.0.2 tcp dport 80 counter
  }
}
node b { eth0 10.0.0.2/30 fd6f:a::2/64 }
`;

describe("filters", { skip: SKIP_NOT_ROOT }, () => {
  test("an nft block is applied as written, in the same transaction as the table", async () => {
    const body = `node a {
  eth0 -> b.eth0 10.0.0.1/30
  filter { input accept tcp dport 7000 }
  nft {
    table inet extra {
      chain input {
        type filter hook input priority -10; policy accept;
        tcp dport 7777 drop
      }
    }
  }
}
node b { eth0 10.0.0.2/30 }
`;
    await withFilterLab("nft", "raw", body, async (lab) => {
      const listeners: Listener[] = [];
      try {
        listeners.push(await listen(lab.ns("a"), 7777), await listen(lab.ns("a"), 7000));
        assert.equal(connect(lab.ns("b"), "10.0.0.1", 7777), "timeout", "the raw table drops tcp/7777");
        assert.equal(connect(lab.ns("b"), "10.0.0.1", 7000), "ok");
        const tables = inNs(lab.ns("a"), ["nft", "list", "tables"]).stdout;
        assert.match(tables, /table inet extra/);
        assert.match(tables, /table inet opentop/);
      } finally {
        for (const l of listeners) l.stop();
      }
    });
    // With iptables, the raw block cannot be applied: said before anything is done.
    const s = scratch();
    try {
      const { path } = writeLab(s.dir, "raw", body);
      const r = cli(["plan", path, "--firewall", "iptables"]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /error\[OT4009\]: the `nft` block of `a` cannot be applied with iptables/);
    } finally {
      s.remove();
    }
  });

  for (const machine of MACHINES)
    test(`status shows counters and drift on ${machine}`, async () => {
      await withFilterLab(machine, "drift", PAIR, async (lab) => {
        const listener = await listen(lab.ns("a"), 80);
        try {
          assert.equal(connect(lab.ns("b"), "10.0.0.1", 80), "ok");
        } finally {
          listener.stop();
        }
        const before = lab.cli(["status", lab.name, "--json"]);
        assert.equal(before.code, 0, before.stdout);
        const counted = (
          JSON.parse(before.stdout) as { filters: { counters: { packets: number }[] }[] }
        ).filters
          .flatMap((f) => f.counters)
          .reduce((n, c) => n + c.packets, 0);
        assert.ok(counted > 0, "the counted rule counted the connection");
        // Change the live ruleset by hand: an extra rule and another policy.
        if (machine === "nft") {
          assert.equal(
            inNs(lab.ns("a"), ["nft", "add", "rule", "inet", "opentop", "input", "accept"]).code,
            0,
          );
          assert.equal(inNs(lab.ns("a"), ["nft", "flush", "chain", "inet", "opentop", "input"]).code, 0);
        } else {
          // The iptables of the machine the lab is on: the system's, or legacy.
          const iptables = machine === "iptables-only" ? "iptables-legacy" : "iptables";
          assert.equal(inNs(lab.ns("a"), [iptables, "-P", "INPUT", "ACCEPT"]).code, 0);
          assert.equal(inNs(lab.ns("a"), [iptables, "-A", "INPUT", "-j", "ACCEPT"]).code, 0);
        }
        const after = lab.cli(["status", lab.name]);
        assert.equal(after.code, 1, "drift fails status");
        assert.match(after.stdout, /drift \(\d+ differences?\):/);
        assert.match(
          after.stdout,
          machine === "nft"
            ? /missing rule `input accept saddr 10.0.0.2 tcp dport 80 counter`/
            : /extra +rule `-A INPUT -j ACCEPT`/,
        );
        if (machine !== "nft")
          assert.match(after.stdout, /changed iptables filter INPUT policy is ACCEPT, not DROP/);
      });
    });

  test("host-side NAT lives in the lab's own table on the host, removed by down", async () => {
    const body = `node r {
  uplink -> host 198.51.100.18/30 { host-address 198.51.100.17/30 host-masquerade }
  eth0 -> c.eth0 10.3.0.1/24
}
node c { eth0 10.3.0.2/24 }
`;
    const before = hostTables();
    const s = scratch();
    try {
      const { path, lab } = writeLab(s.dir, "hostnat", body);
      const table = hostTableName(lab);
      // Up and down as usual: the table comes and goes with the lab.
      assert.equal(cli(["up", path]).code, 0);
      assert.equal(inNs(null, ["nft", "list", "table", "inet", table]).code, 0);
      const down = cli(["down", lab]);
      assert.equal(down.code, 0, down.stderr);
      assert.notEqual(inNs(null, ["nft", "list", "table", "inet", table]).code, 0, "down removed the table");
      const up = cli(["up", path]);
      assert.equal(up.code, 0, up.stderr);
      try {
        const listed = inNs(null, ["nft", "list", "table", "inet", table]);
        assert.equal(listed.code, 0, "the lab's table exists on the host");
        assert.match(listed.stdout, new RegExp(`^\tcomment "opentop:${lab}"$`, "m"), "marked as the lab's");
        assert.match(listed.stdout, /iifname "ot-[0-9a-z]{6}-uplin" masquerade/);
        const status = cli(["status", lab]);
        assert.equal(status.code, 0, status.stdout);
        assert.match(status.stdout, new RegExp(`filter nft table inet ${table}`));
      } finally {
        // Lose the record, as after a crash: `down FILE` finds the table from the file's plan.
        rmSync(`/run/opentop/${lab}`, { recursive: true, force: true });
        const down = cli(["down", path]);
        assert.equal(down.code, 0, down.stderr);
      }
      assert.notEqual(inNs(null, ["nft", "list", "table", "inet", table]).code, 0, "the table is gone");
      assert.ok(netnsGone(`${lab}.r`));
      assert.deepEqual(hostTables(), before, "the host's tables are as before");
      // With iptables it would be the host's own nat table: refused.
      const r = cli(["plan", path, "--firewall", "iptables"]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /OT4009/);
    } finally {
      s.remove();
    }
  });

  test("a failed up rolls the host's table back with everything else", () => {
    const s = scratch();
    try {
      // The per-interface sysctl stage comes after the filters: its failure rolls them back.
      const { path, lab } = writeLab(
        s.dir,
        "rollback",
        "node r {\n  uplink -> host 198.51.100.10/30 { host-masquerade }\n  sysctl net.ipv4.conf.uplink.no_such_setting 1\n}\n",
      );
      const up = cli(["up", path]);
      assert.equal(up.code, 1, up.stdout);
      assert.match(up.stderr, /no_such_setting/);
      assert.notEqual(
        inNs(null, ["nft", "list", "table", "inet", hostTableName(lab)]).code,
        0,
        "rolled back",
      );
      assert.ok(netnsGone(`${lab}.r`));
    } finally {
      s.remove();
    }
  });

  test("a table of the lab's name already on the host is not taken over (OT4010)", () => {
    const s = scratch();
    try {
      const { path, lab } = writeLab(
        s.dir,
        "taken",
        "node r { uplink -> host 198.51.100.6/30 { host-masquerade } }\n",
      );
      const table = hostTableName(lab);
      assert.equal(inNs(null, ["nft", "add", "table", "inet", table]).code, 0);
      try {
        const up = cli(["up", path]);
        assert.equal(up.code, 1);
        assert.match(
          up.stderr,
          new RegExp(`error\\[OT4010\\]: nftables table inet ${table} already exists on the host`),
        );
        assert.ok(netnsGone(`${lab}.r`), "nothing was created");
        // `down` of a lab that is not up leaves a table without the lab's mark alone, and says
        // so: a look-alike under the lab's name (OT6018).
        const down = cli(["down", path]);
        assert.equal(down.code, 1);
        assert.match(
          down.stderr,
          new RegExp(
            `OT6018\\]: nftables table inet ${table} on the host exists but is not provably lab ${lab}'s`,
          ),
        );
        assert.equal(inNs(null, ["nft", "list", "table", "inet", table]).code, 0, "the table is still there");
      } finally {
        inNs(null, ["nft", "delete", "table", "inet", table]);
      }
    } finally {
      s.remove();
    }
  });

  test("a ruleset the kernel refuses is reported before anything is created", () => {
    const s = scratch();
    try {
      const { path, lab } = writeLab(
        s.dir,
        "refused",
        `node a {
  eth0 -> b.eth0 10.0.0.1/30
  nft {
    table inet broken {
      chain c {
        type filter hook input priority 0;
        masquerade
      }
    }
  }
}
node b { eth0 10.0.0.2/30 }
`,
      );
      const up = cli(["up", path]);
      assert.equal(up.code, 1);
      assert.match(
        up.stderr,
        /error\[OT6011\]: this machine cannot load the filter of .*Operation not supported/,
      );
      assert.match(up.stderr, /tried before creating anything, in a throwaway namespace/);
      assert.ok(netnsGone(`${lab}.a`), "no namespace was created");
      const check = cli(["check", path]);
      assert.equal(check.code, 1, "check says so too");
      assert.match(check.stderr, /OT6011/);
    } finally {
      s.remove();
    }
  });

  test("a lab without filters needs neither nft nor iptables", () => {
    const s = scratch();
    try {
      const { path, lab } = writeLab(
        s.dir,
        "nofilter",
        "node a { eth0 -> b.eth0 10.0.0.1/30 }\nnode b { eth0 10.0.0.2/30 }\n",
      );
      const env = machineEnv("iptables-only");
      try {
        // A PATH with only ip, nsenter, sysctl and unshare: no nft, no iptables.
        rmSync(`${env.env.PATH}/iptables-restore`);
        rmSync(`${env.env.PATH}/ip6tables-restore`);
        const up = cli(["up", path], { env: env.env });
        assert.equal(up.code, 0, up.stderr);
        const down = cli(["down", lab], { env: env.env });
        assert.equal(down.code, 0, down.stderr);
        // The same machine cannot bring up a lab with a filter, and says what is missing.
        const f = writeLab(
          s.dir,
          "filter",
          "node a { eth0 -> b.eth0 10.0.0.1/30\n filter { input policy drop } }\nnode b { eth0 10.0.0.2/30 }\n",
        );
        const refused = cli(["up", f.path], { env: env.env });
        assert.equal(refused.code, 1);
        assert.match(refused.stderr, /error\[OT6005\]: nft not found/);
        assert.ok(netnsGone(`${f.lab}.a`));
      } finally {
        env.remove();
      }
    } finally {
      s.remove();
    }
  });
});

test("status says a filter it could not compare with the plan, never 'no drift'", {
  skip: SKIP_NOT_ROOT,
}, () => {
  // The plan's table is loaded in a namespace of its own (unshare) to be compared with the
  // kernel's: when that fails, status cannot tell, and says so rather than pass.
  const s = scratch();
  const { path, lab } = writeLab(
    s.dir,
    "nocompare",
    "node r { eth0 -> h.eth0 10.43.0.1/30\n  filter { input policy drop\n    input accept icmp } }\nnode h { eth0 10.43.0.2/30 }\n",
  );
  const bin = `${s.dir}/bin`;
  try {
    assert.equal(cli(["up", path]).code, 0);
    assert.equal(cli(["status", lab]).code, 0, "no drift with the real unshare");
    mkdirSync(bin);
    writeFileSync(`${bin}/unshare`, '#!/bin/sh\necho "unshare: refused by the test" >&2\nexit 1\n', {
      mode: 0o755,
    });
    const r = cli(["status", lab], { env: { PATH: `${bin}:${process.env.PATH}` } });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /could not be compared with the plan: unshare: refused by the test/, r.stdout);
  } finally {
    assert.equal(cli(["down", lab]).code, 0);
    s.remove();
  }
});

test("status says a namespace it could not read, never that it is missing", { skip: SKIP_NOT_ROOT }, () => {
  // The namespace is there; its read fails (here a refusing `nsenter` for one node, as an
  // interrupt in every try would): drift that says so, not "namespace … missing".
  const s = scratch();
  const { path, lab } = writeLab(
    s.dir,
    "noread",
    "node a { eth0 -> b.eth0 10.44.0.1/30 }\nnode b { eth0 10.44.0.2/30 }\n",
  );
  const bin = `${s.dir}/bin`;
  try {
    assert.equal(cli(["up", path]).code, 0);
    mkdirSync(bin);
    const real = spawnSync("sh", ["-c", "command -v nsenter"], { encoding: "utf8" }).stdout.trim();
    writeFileSync(
      `${bin}/nsenter`,
      `#!/bin/sh\ncase "$1" in *${lab}.b) echo "nsenter: refused by the test" >&2; exit 1;; esac\nexec ${real} "$@"\n`,
      { mode: 0o755 },
    );
    const r = cli(["status", lab], { env: { PATH: `${bin}:${process.env.PATH}` } });
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stdout,
      new RegExp(`namespace ${lab}\\.b could not be read: nsenter: refused by the test`),
      r.stdout,
    );
    assert.doesNotMatch(r.stdout, /missing/, r.stdout);
    assert.equal(cli(["status", lab]).code, 0, "no drift with the real nsenter");
  } finally {
    assert.equal(cli(["down", lab]).code, 0);
    s.remove();
  }
});
