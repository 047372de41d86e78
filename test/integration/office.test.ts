// examples/office.otop, brought up on each machine a filter can run on (nftables,
// iptables, a machine with only legacy iptables), proven rule by rule with real TCP
// connections between its namespaces: what is forwarded, dropped (a timeout), rejected
// (refused at once), translated (seen from the far side) and filtered by the server itself.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { ROOT, SKIP_NOT_ROOT } from "../support/lab.js";
import { connect, type Listener, listen, MACHINES, withFilterLab } from "../support/traffic.js";

/** The example without its `lab` line: each run gets a lab name of its own. */
const OFFICE = readFileSync(join(ROOT, "examples/office.otop"), "utf8").replace(/^lab office$/m, "");

function nftRuleset(ns: string): string {
  return spawnSync("nsenter", [`--net=/run/netns/${ns}`, "--", "nft", "list", "ruleset"], {
    encoding: "utf8",
  }).stdout;
}

for (const machine of MACHINES) {
  describe(`office on ${machine}`, { skip: SKIP_NOT_ROOT }, () => {
    test("every rule of the router and the server, with real connections", async () => {
      await withFilterLab(machine, "office", OFFICE, async (lab) => {
        const listeners: Listener[] = [];
        try {
          const on = async (node: string, port: number) => {
            const l = await listen(lab.ns(node), port);
            listeners.push(l);
            return l;
          };
          const web = new Map<number, Listener>();
          for (const port of [22, 80, 8000, 8080, 8443, 9999]) web.set(port, await on("web", port));
          const isp = await on("isp", 9000);
          const pc2 = await on("pc2", 7000);
          const pc1 = lab.ns("pc1");

          // lan → dmz: port 80 forwarded, 22 dropped (a timeout), 8443 rejected (refused).
          assert.equal(connect(pc1, "10.2.0.10", 80), "ok", "pc1 reaches web:80 (and the replies come back)");
          assert.ok(await web.get(80)?.sawPeer("10.1.0.11"), "web sees pc1's own address: no NAT inside");
          assert.equal(connect(pc1, "10.2.0.10", 22), "timeout", "the router drops lan → dmz tcp/22");
          assert.equal(
            connect(pc1, "10.2.0.10", 8443),
            "refused",
            "the router rejects tcp/8443: refused at once",
          );
          // The router itself reaches both: the server accepts them, only forwarding is filtered.
          assert.equal(connect(lab.ns("router"), "10.2.0.10", 22), "ok", "web accepts tcp/22 itself");
          assert.equal(connect(lab.ns("router"), "10.2.0.10", 8443), "ok", "web accepts tcp/8443 itself");

          // Established replies pass; new connections from the DMZ into the office do not.
          assert.equal(connect(lab.ns("web"), "10.1.0.12", 7000), "timeout", "dmz → lan is dropped");
          assert.deepEqual(pc2.peers(), [], "pc2 saw no connection");

          // Input filtering on the server: port 9999 is not accepted (a listener is there).
          assert.equal(connect(lab.ns("router"), "10.2.0.10", 9999), "timeout", "web drops tcp/9999");
          assert.equal(connect(lab.ns("router"), "10.2.0.10", 80), "ok", "web accepts tcp/80");

          // Masquerade: the far side sees the router's address, over IPv4 and IPv6.
          assert.equal(connect(pc1, "203.0.113.2", 9000), "ok", "pc1 reaches the isp through NAT");
          assert.ok(
            await isp.sawPeer("203.0.113.1"),
            `isp sees the router's address, not pc1's: ${isp.peers()}`,
          );
          assert.equal(connect(pc1, "fd6f:ff::2", 9000), "ok", "pc1 reaches the isp over IPv6 through NAT");
          assert.ok(await isp.sawPeer("fd6f:ff::1"), `isp sees the router's IPv6 address: ${isp.peers()}`);
          assert.ok(
            !isp.peers().some((p) => p.startsWith("10.1.") || p.startsWith("fd6f:1:")),
            "no office address leaks",
          );

          // dnat: port 80 of the router's public address is web's 8080; web sees the isp.
          assert.equal(connect(lab.ns("isp"), "203.0.113.1", 80), "ok", "the isp reaches the port forward");
          assert.ok(await web.get(8080)?.sawPeer("203.0.113.2"), "web:8080 sees the isp's address");
          assert.equal(connect(lab.ns("isp"), "fd6f:ff::1", 80), "ok", "the IPv6 port forward works");
          assert.ok(await web.get(8080)?.sawPeer("fd6f:ff::2"), "web:8080 sees the isp's IPv6 address");
          assert.equal(
            connect(lab.ns("isp"), "10.2.0.10", 8080),
            "ENETUNREACH",
            "the isp has no route inside",
          );

          // IPv6 rules: the same rules for IPv6, and one for IPv6 only.
          assert.equal(connect(pc1, "fd6f:2::10", 80), "ok", "lan → dmz tcp/80 over IPv6");
          assert.ok(await web.get(80)?.sawPeer("fd6f:1::11"), "web sees pc1's IPv6 address");
          assert.equal(connect(pc1, "fd6f:2::10", 22), "timeout", "lan → dmz tcp/22 dropped over IPv6");
          assert.equal(connect(pc1, "fd6f:2::10", 8443), "refused", "tcp/8443 rejected over IPv6");
          assert.equal(connect(pc1, "fd6f:2::10", 8000), "ok", "tcp/8000 is forwarded for IPv6 sources");
          assert.equal(connect(pc1, "10.2.0.10", 8000), "timeout", "…and not for IPv4");

          // Status: the counted rule counted the forwarded connections; no drift.
          const status = lab.cli(["status", lab.name, "--json"]);
          assert.equal(status.code, 0, `status: ${status.stdout}${status.stderr}`);
          const s = JSON.parse(status.stdout) as {
            filters: { node: string; backend: string; counters: { rule: string; packets: number }[] }[];
            drift: unknown[];
          };
          assert.deepEqual(s.drift, []);
          const router = s.filters.filter((f) => f.node === "router");
          assert.ok(
            router.length > 0 && router.every((f) => f.backend === (machine === "nft" ? "nft" : "iptables")),
          );
          const forwarded = router
            .flatMap((f) => f.counters)
            .filter((c) => c.rule.startsWith("forward accept in wan out eth1 tcp dport 8080"));
          assert.ok(forwarded.reduce((n, c) => n + c.packets, 0) > 0, `counters: ${JSON.stringify(router)}`);

          if (machine === "iptables-only")
            assert.equal(
              nftRuleset(lab.ns("router")).trim(),
              "",
              "no nf_tables object on an iptables-only machine",
            );
          if (machine === "nft") assert.match(nftRuleset(lab.ns("router")), /table inet opentop/);
          assert.equal(nftRuleset(lab.ns("pc1")).trim(), "", "a node without a filter gets no table");
        } finally {
          for (const l of listeners) l.stop();
        }
      });
    });
  });
}
