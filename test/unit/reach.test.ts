// The reachability analysis on many small models: routes (longest prefix, metrics, the
// kernel's connected routes, forwarding, loops, blackholes, asymmetric paths), each filter
// construct and policy, each NAT form and its reply, IPv6 and its neighbour discovery,
// conntrack's view of replies, and what the model refuses to guess. Every lab states its
// truth as expectations; the test checks that the model agrees with each, and for some
// where and why a packet stops.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileSource } from "../../src/model/compile.js";
import type { Expectation, Lab } from "../../src/model/model.js";
import type { Blocked, Verdict } from "../../src/model/reach/types.js";
import { analyse, holds } from "../../src/model/reach/verdict.js";

function model(body: string): Lab {
  const c = compileSource(sourceFile("t.otop", `lab t\n${body}`), { verdicts: false });
  assert.ok(c.lab, c.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return c.lab;
}

/** Every expectation of the lab holds on the model; returns the verdicts by `text/IPvN`. */
function allHold(body: string): Map<string, Verdict> {
  const lab = model(body);
  assert.ok(lab.expectations.length > 0, "the lab states expectations");
  const out = new Map<string, Verdict>();
  for (const e of lab.expectations) {
    const v = analyse(lab, e);
    assert.equal(holds(e, v), "yes", `${e.text} (IPv${e.family}): the model says ${v.kind} — ${why(v)}`);
    out.set(`${e.text}/${e.family}`, v);
  }
  return out;
}

function why(v: Verdict): string {
  return v.paths
    .map((p) =>
      p.stop.kind === "blocked"
        ? `${p.stop.how}: ${p.stop.by.text}`
        : p.stop.kind === "unknown"
          ? p.stop.reason
          : p.stop.kind,
    )
    .join("; ");
}

/** The single expectation's verdict. */
function only(body: string): { e: Expectation; v: Verdict } {
  const lab = model(body);
  const e = lab.expectations[0];
  assert.ok(e);
  return { e, v: analyse(lab, e) };
}

function stoppedBy(v: Verdict, how: Blocked, text?: RegExp): void {
  const stop = v.paths[0]?.stop;
  assert.equal(stop?.kind, "blocked", why(v));
  if (stop?.kind !== "blocked") return;
  assert.equal(stop.how, how, why(v));
  if (text) assert.match(stop.by.text, text);
}

/** a reaches b's eth0 through r1, and b answers a through r2 (unless NAT or filters differ). */
const ASYM = (r1 = "", r2 = "", b = "") => `
node a { eth0 -> r1.eth0 10.0.1.2/24
  eth1 -> r2.eth0 10.0.2.2/24
  route 10.0.9.0/24 via 10.0.1.1 }
node r1 { forward
  eth0 10.0.1.1/24
  eth1 -> b.eth0 10.0.9.1/24
  ${r1} }
node r2 { forward
  eth0 10.0.2.1/24
  eth1 -> b.eth1 10.0.8.1/24
  route 10.0.1.0/24 via 10.0.2.2
  ${r2} }
node b { eth0 10.0.9.2/24
  eth1 10.0.8.2/24
  route 10.0.1.0/24 via 10.0.8.1
  ${b} }
`;

/** a — r — b: two subnets joined by a router. */
const ROUTED = (rExtra = "", aExtra = "", bExtra = "") => `
node a { eth0 -> r.eth0 10.1.0.2/24 fd01::2/64
  route default via 10.1.0.1
  route ::/0 via fd01::1
  ${aExtra} }
node r { forward
  eth0 10.1.0.1/24 fd01::1/64
  eth1 -> b.eth0 10.2.0.1/24 fd02::1/64
  ${rExtra} }
node b { eth0 10.2.0.2/24 fd02::2/64
  route default via 10.2.0.1
  route ::/0 via fd02::1
  ${bExtra} }
`;

describe("routing", () => {
  test("neighbours on a point-to-point link, both families, every protocol", () => {
    allHold(`
node a { eth0 -> b.eth0 10.0.0.1/30 fd00::1/64 }
node b { eth0 10.0.0.2/30 fd00::2/64 }
expect a -> b
expect a -> b tcp 22
expect b -> a udp 53
expect a -> b.eth0 -6
expect a -> 10.0.0.2 tcp 80`);
  });

  test("on a switch, every port reaches every other", () => {
    allHold(`
switch lan
node h[1..4] { eth0 -> lan 10.0.0.{i}/24 }
expect h[1..4] -> h1
expect h2 -> h[3..4] tcp 80`);
  });

  test("through a router that forwards, not through one that does not", () => {
    allHold(`${ROUTED()}
expect a -> b
expect b -> a tcp 443`);
    const { v } = only(`${ROUTED().replace("node r { forward", "node r {")}
expect a !-> b`);
    stoppedBy(v, "not-forwarding", /r does not forward IPv4/);
  });

  test("forwarding per family and per interface (sysctls)", () => {
    const off6 = ROUTED().replace("node r { forward", "node r { sysctl net.ipv4.ip_forward 1");
    allHold(`${off6}
expect a -> b -4
expect a !-> b -6`);
    // IPv4 forwarding is a property of the interface a packet comes in by: b's replies too.
    const perIface = ROUTED("sysctl net.ipv4.conf.eth1.forwarding 0");
    const v = allHold(`${perIface}
expect a !-> b -4
expect b !-> a -4
expect b -> a -6`);
    assert.equal(
      v.get("a !-> b -4/4")?.paths[0]?.request.kind,
      "delivered",
      "the request passes, the reply does not",
    );
  });

  test("no route at the source, and a blackhole on the way back", () => {
    const { v } = only(`${ROUTED("", "", "").replace("route default via 10.1.0.1", "")}
expect a !-> b -4`);
    stoppedBy(v, "no-route", /a has no route to 10.2.0.2/);
    const back = only(`${ROUTED().replace("route default via 10.2.0.1", "")}
expect a !-> b tcp 80 -4`);
    stoppedBy(back.v, "no-route", /b has no route to 10.1.0.2/);
    assert.equal(
      back.v.paths[0]?.request.kind,
      "delivered",
      "the request arrives; its reply has no way back",
    );
  });

  test("the longest prefix decides, then the lowest metric, and a connected route beats a static one", () => {
    const lab = `
node a {
  eth0 -> r1.eth0 10.0.1.2/24
  eth1 -> r2.eth0 10.0.2.2/24
  route 10.9.0.0/16 via 10.0.1.1
  route 10.9.9.0/24 via 10.0.2.1
  route 10.8.0.0/16 via 10.0.1.1 metric 200
  route 10.8.0.0/16 via 10.0.2.1 metric 100
}
node r1 { forward
  eth0 10.0.1.1/24
  eth1 -> d1.eth0 10.9.9.1/24 }
node r2 { forward
  eth0 10.0.2.1/24
  eth1 -> d2.eth0 10.8.0.1/16 }
node d1 { eth0 10.9.9.2/24
  route default via 10.9.9.1 }
node d2 { eth0 10.8.0.2/16
  route default via 10.8.0.1 }`;
    // 10.9.9.2 is on r1's side, but the /24 sends it to r2, which knows nothing of it.
    const v = allHold(`${lab}
expect a !-> d1 -4
expect a -> d2 -4 via r2`);
    stoppedBy(v.get("a !-> d1 -4/4") as Verdict, "no-route", /r2 has no route to 10.9.9.2/);
  });

  test("a routing loop is found, not walked forever", () => {
    const { v } = only(`
node a { eth0 -> r1.eth0 10.0.0.2/24
  route default via 10.0.0.1 }
node r1 { forward
  eth0 10.0.0.1/24
  eth1 -> r2.eth0 10.255.0.0/31
  route default via 10.255.0.1 }
node r2 { forward
  eth0 10.255.0.1/31
  route default via 10.255.0.0 }
node y { eth0 -> z.eth0 10.99.0.1/24 }
node z { eth0 10.99.0.2/24 }
expect a !-> z -4`);
    stoppedBy(v, "loop", /comes back to r[12]: a routing loop/);
  });

  test("no neighbour has the gateway's address", () => {
    const { v } = only(`
node a { eth0 -> b.eth0 10.0.0.1/24
  route 10.5.0.0/16 via 10.0.0.9 }
node b { eth0 10.0.0.2/24
  lo 10.5.0.1/32 }
expect a !-> b.lo -4`);
    stoppedBy(v, "no-neighbour", /no node on the link a.eth0 — b.eth0 has 10.0.0.9/);
  });

  test("ARP answers for an address on any of a node's interfaces; neighbour discovery only on the link", () => {
    allHold(`
node a { eth0 -> b.eth0 10.0.0.1/24 fd00::1/64
  route 10.5.0.1/32 dev eth0
  route fd05::1/128 dev eth0 }
node b { eth0 10.0.0.2/24 fd00::2/64
  lo 10.5.0.1/32 fd05::1/128 }
expect a -> b.lo -4
expect a !-> b.lo -6`);
  });

  test("an asymmetric path with NAT-free routers still completes", () => {
    const v = allHold(`${ASYM()}
expect a -> b tcp 80 via r1
expect a -> b udp 53
expect a -> b`);
    const path = v.get("a -> b tcp 80 via r1/4")?.paths[0];
    assert.deepEqual(path?.nodes, ["a", "r1", "b"]);
    assert.deepEqual([...new Set(path?.reply.map((s) => s.node))], ["b", "r2"]);
  });

  test("source addresses: the route's src, the subnet of the next hop, IPv6's longest match", () => {
    const lab = model(`
node a {
  eth0 -> b.eth0 10.0.0.1/24 10.7.0.1/24 fd00::1/64 fd77::1/64
  route 10.9.0.0/24 via 10.7.0.2 src 10.0.0.1
  route fd77:9::/64 via fd77::2
}
node b { eth0 10.0.0.2/24 10.7.0.2/24 fd00::2/64 fd77::2/64
  lo 10.9.0.1/32 fd77:9::1/128 }
expect a -> b.lo -4
expect a -> b.lo -6
expect a -> 10.7.0.2`);
    const [v4, v6, sub] = lab.expectations.map((e) => analyse(lab, e));
    assert.equal(v4?.source?.text, "10.0.0.1", "the route's `src`");
    assert.equal(v6?.source?.text, "fd77::1", "the address sharing the longest prefix with the destination");
    assert.equal(sub?.source?.text, "10.7.0.1", "the address on the next hop's subnet");
  });
});

/** r with a stateful forward chain: replies pass, new connections only by `rule`. */
const STATEFUL = (rule: string, aExtra = "") =>
  ROUTED(
    `filter {
      forward policy drop
      forward accept established
      ${rule}
    }`,
    aExtra,
  );

describe("filters", () => {
  test("input: policy, ports, protocols, established replies", () => {
    const v = allHold(
      ROUTED(
        "",
        "",
        `filter {
      input policy drop
      input accept established
      input accept tcp dport 22,8000-8080
      input accept icmpv6
      input reject udp dport 53
    }`,
      ) +
        `
expect a -> b tcp 22
expect a -> b tcp 8080
expect a !-> b tcp 8081
expect a !-> b -4
expect a -> b -6
expect a !-> b udp 53
expect a !-> b udp 54`,
    );
    stoppedBy(v.get("a !-> b tcp 8081/4") as Verdict, "dropped", /the input policy of b/);
    stoppedBy(v.get("a !-> b udp 53/4") as Verdict, "rejected", /input reject udp dport 53/);
  });

  test("output: the source's own filter, and its replies", () => {
    const v = allHold(`${ROUTED(
      "",
      `filter {
      output policy drop
      output accept ct state established,related
      output accept tcp dport 80
      output accept icmpv6
    }`,
    )}
expect a -> b tcp 80
expect a !-> b tcp 81
expect b -> a tcp 22`);
    stoppedBy(v.get("a !-> b tcp 81/4") as Verdict, "dropped", /the output policy of a/);
  });

  test("forward: interfaces, addresses, families, first match wins", () => {
    allHold(`${ROUTED(`filter {
      forward policy drop
      forward accept established
      forward drop in eth0 out eth1 saddr 10.1.0.2 tcp dport 25
      forward accept in eth0 out eth1 tcp dport 25,80
      forward accept in eth0 out eth1 daddr fd02::2 udp dport 53
      forward reject in eth1 out eth0
    }`)}
expect a !-> b tcp 25 -4
expect a -> b tcp 25 -6
expect a -> b tcp 80
expect a -> b udp 53 -6
expect a !-> b udp 53 -4
expect b !-> a tcp 22`);
  });

  test("a stateful router: new connections one way only, replies through `established`", () => {
    allHold(`${STATEFUL("forward accept in eth0 out eth1")}
expect a -> b tcp 80
expect a -> b udp 53
expect a -> b
expect b !-> a tcp 80
expect b !-> a`);
  });

  test("without `established`, a stateless rule set must let replies through itself", () => {
    const { v } = only(`${ROUTED(`filter {
      forward policy drop
      forward accept in eth0 out eth1
    }`)}
expect a !-> b tcp 80 -4`);
    assert.equal(v.paths[0]?.request.kind, "delivered", "the request passes");
    stoppedBy(v, "dropped", /the forward policy of r/);
  });

  test("replies through a router that did not see the request: TCP's and ICMP's are invalid, UDP's new", () => {
    const v = allHold(`${ASYM(
      "",
      `filter {
    forward policy drop
    forward accept established
    forward accept ct state new
  }`,
    )}
expect a !-> b tcp 80
expect a !-> b
expect a -> b udp 53`);
    stoppedBy(v.get("a !-> b tcp 80/4") as Verdict, "dropped", /the forward policy of r2/);
  });

  test("source ports: a rule on all ephemeral ports matches; one on some of them is not guessed", () => {
    allHold(`${STATEFUL("forward accept tcp sport 1024-65535 dport 80")}
expect a -> b tcp 80 -4`);
    const { e, v } = only(`${STATEFUL("forward accept tcp sport 40000-50000 dport 80")}
expect a -> b tcp 80 -4`);
    assert.equal(v.kind, "unknown");
    assert.equal(holds(e, v), "unknown");
  });

  test("a port range of the node's own ephemeral range (sysctl) is followed", () => {
    allHold(`${STATEFUL("forward accept tcp sport 40000-50000 dport 80", `sysctl net.ipv4.ip_local_port_range "40000 50000"`)}
expect a -> b tcp 80 -4`);
  });

  test("literal nftables make the verdict unknown, never a guess", () => {
    const { e, v } = only(`${ROUTED(`nft {
      table inet x { chain c { type filter hook forward priority 0; } }
    }`)}
expect a -> b -4`);
    assert.equal(v.kind, "unknown");
    assert.equal(holds(e, v), "unknown");
    const stop = v.paths[0]?.stop;
    assert.ok(stop?.kind === "unknown" && /literal nftables/.test(stop.reason));
  });

  test("IPv6 needs neighbour discovery through an `input policy drop`", () => {
    const v = allHold(
      ROUTED(
        "",
        "",
        `filter {
      input policy drop
      input accept established
      input accept tcp dport 22
    }`,
      ) +
        `
expect a -> b tcp 22 -4
expect a !-> b tcp 22 -6`,
    );
    stoppedBy(v.get("a !-> b tcp 22 -6/6") as Verdict, "neighbour-discovery", /between r and b/);
  });
});

describe("NAT", () => {
  /** lan — r — isp, where isp has no route back to the lan. */
  const EDGE = (filter: string) => `
node pc { eth0 -> r.eth0 10.1.0.2/24 fd01::2/64
  route default via 10.1.0.1
  route ::/0 via fd01::1 }
node r { forward
  eth0 10.1.0.1/24 fd01::1/64
  wan -> isp.eth0 203.0.113.1/24 fd0f::1/64
  eth1 -> web.eth0 10.2.0.1/24 fd02::1/64
  filter {
${filter}
  } }
node isp { eth0 203.0.113.2/24 fd0f::2/64 }
node web { eth0 10.2.0.10/24 fd02::10/64
  route default via 10.2.0.1
  route ::/0 via fd02::1 }
`;

  test("masquerade and snat take the office out; without them the reply has no way back", () => {
    allHold(`${EDGE("masquerade out wan saddr 10.1.0.0/24")}
expect pc -> isp tcp 80 -4
expect pc !-> isp tcp 80 -6`);
    allHold(`${EDGE("snat out wan to 203.0.113.1\n    snat out wan to fd0f::1")}
expect pc -> isp udp 53
expect pc -> isp`);
  });

  test("dnat forwards a port of the public address; the listener belongs where it lands", () => {
    const v = allHold(`${EDGE(`dnat in wan tcp dport 80 to 10.2.0.10:8080
    dnat in wan udp dport 53 to [fd02::10]:5353`)}
expect isp -> r.wan tcp 80 -4
expect isp -> r.wan tcp 80 -6
expect isp -> r.wan udp 53 -6
expect isp !-> web -4`);
    const dnat = v.get("isp -> r.wan tcp 80 -4/4") as Verdict;
    assert.equal(dnat.delivery?.node, "web");
    assert.equal(dnat.delivery?.address.text, "10.2.0.10");
    assert.equal(dnat.delivery?.port, 8080);
    assert.equal(v.get("isp -> r.wan tcp 80 -6/6")?.delivery?.node, "r", "no IPv6 dnat: the router itself");
    assert.equal(v.get("isp -> r.wan udp 53 -6/6")?.delivery?.port, 5353);
  });

  test("dnat from inside the LAN (hairpin): the reply does not come back as one", () => {
    const { v } = only(`
switch lan
node pc { eth0 -> lan 10.1.0.2/24
  route default via 10.1.0.1 }
node web { eth0 -> lan 10.1.0.10/24
  route default via 10.1.0.1 }
node r { forward
  eth0 -> lan 10.1.0.1/24
  wan -> isp.eth0 203.0.113.1/24
  filter { dnat tcp dport 80 to 10.1.0.10 } }
node isp { eth0 203.0.113.2/24 }
expect pc !-> r.wan tcp 80`);
    stoppedBy(v, "mismatch", /comes back from 10.1.0.10:80, but pc sent to 203.0.113.1:80/);
  });

  test("dnat on one router, the reply through another: it does not match", () => {
    const { v } = only(`${ASYM("filter { dnat tcp dport 80 to 10.0.9.2 }")}
expect a !-> r1.eth0 tcp 80`);
    stoppedBy(v, "mismatch", /comes back from 10.0.9.2:80, but a sent to 10.0.1.1:80/);
  });
});

/**
 * a — r ==(p1, p2)== s — b: r reaches b's LAN through both of its links to s (one multipath
 * route a family); s routes back through both too (`nexthop … weight`, repeated `via`).
 */
const MP = (r = "", s = "", back4 = "nexthop via 10.7.1.1 nexthop via 10.7.2.1 weight 3") => `
node a { eth0 -> r.eth0 10.1.0.2/24 fd01::2/64
  route default via 10.1.0.1
  route ::/0 via fd01::1 }
node r { forward
  eth0 10.1.0.1/24 fd01::1/64
  p1 -> s.p1 10.7.1.1/30 fd07:1::1/64
  p2 -> s.p2 10.7.2.1/30 fd07:2::1/64
  route 10.2.0.0/24 via 10.7.1.2 via 10.7.2.2
  route fd02::/64 via fd07:1::2 via fd07:2::2
  ${r} }
node s { forward
  p1 10.7.1.2/30 fd07:1::2/64
  p2 10.7.2.2/30 fd07:2::2/64
  eth0 -> b.eth0 10.2.0.1/24 fd02::1/64
  route 10.1.0.0/24 ${back4}
  route fd01::/64 via fd07:1::1 via fd07:2::1
  ${s} }
node b { eth0 10.2.0.2/24 fd02::2/64
  route default via 10.2.0.1
  route ::/0 via fd02::1 }
`;

/** The links between r and s that each path's request and reply were sent out of. */
function hops(v: Verdict): string[] {
  return v.paths.map((p) =>
    [...p.forward, ...p.reply]
      .flatMap((st) => (st.kind === "send" && /^p\d$/.test(st.out) ? [`${st.node}.${st.out}`] : []))
      .join(" "),
  );
}

describe("multipath routes", () => {
  test("every next hop is followed, the request's and the reply's: four round trips, each reaching", () => {
    const v = allHold(`${MP()}
expect a -> b
expect a -> b tcp 80
expect b -> a udp 53`);
    for (const family of [4, 6]) {
      const tcp = v.get(`a -> b tcp 80/${family}`) as Verdict;
      assert.equal(tcp.kind, "reaches");
      assert.deepEqual(hops(tcp).sort(), ["r.p1 s.p1", "r.p1 s.p2", "r.p2 s.p1", "r.p2 s.p2"]);
    }
  });

  test("a filter on one path only: the verdict is partial, and neither -> nor !-> holds", () => {
    const body = MP("", "filter { forward drop in p2 tcp dport 22 }");
    const { e, v } = only(`${body}
expect a -> b tcp 22 -4`);
    assert.equal(v.kind, "partial", why(v));
    assert.equal(holds(e, v), "no");
    const not = only(`${body}
expect a !-> b tcp 22 -4`);
    assert.equal(holds(not.e, not.v), "no");
    // Other traffic takes either path.
    allHold(`${body}
expect a -> b tcp 80`);
  });

  test("the reply's paths count too: a drop on one way back is partial", () => {
    const { v } = only(`${MP("filter { forward drop in p2 tcp sport 22 }")}
expect a -> b tcp 22 -4`);
    assert.equal(v.kind, "partial", why(v));
    const stopped = v.paths.filter((p) => p.stop.kind === "blocked");
    assert.ok(stopped.length > 0 && stopped.every((p) => p.request.kind === "delivered"), why(v));
  });

  test("strict reverse-path filtering accepts a packet on any next hop of the way back", () => {
    allHold(`${MP("", "sysctl net.ipv4.conf.all.rp_filter 1")}
expect a -> b -4`);
    // With one way back, what arrives on the other link fails the check: partial.
    const { v } = only(`${MP("", "sysctl net.ipv4.conf.all.rp_filter 1", "via 10.7.1.1")}
expect a -> b -4`);
    assert.equal(v.kind, "partial", why(v));
    assert.ok(v.paths.some((p) => p.stop.kind === "blocked" && p.stop.how === "rp-filter"));
  });

  test("check reports a partial expectation (OT8013) with a label at what makes the paths differ", () => {
    const src = `lab t\n${MP("", "filter { forward drop in p2 tcp dport 22 }")}\nexpect a -> b tcp 22 -4\n`;
    const c = compileSource(sourceFile("t.otop", src));
    const d = c.diagnostics.find((x) => x.code === "OT8013");
    assert.ok(d, c.diagnostics.map((x) => `${x.code} ${x.message}`).join("\n"));
    assert.ok(
      d.labels.some((l) => src.slice(l.span.start, l.span.end).startsWith("forward drop in p2")),
      JSON.stringify(d.labels.map((l) => src.slice(l.span.start, l.span.end))),
    );
    assert.equal(c.lab, undefined, "a lab that contradicts its expectations has no model");
  });
});

describe("what the model does not follow", () => {
  test("a path out to the host is not followed", () => {
    const { e, v } = only(`
node a { eth0 -> r.eth0 10.0.0.2/24
  route default via 10.0.0.1 }
node r { forward
  eth0 10.0.0.1/24
  up -> host 198.51.100.98/30 { host-address 198.51.100.97/30 }
  route 10.50.0.0/24 via 198.51.100.97 }
node y { eth0 -> z.eth0 10.50.0.2/24 }
node z { eth0 10.50.0.1/24 }
expect a -> z`);
    assert.equal(v.kind, "unknown");
    assert.equal(holds(e, v), "unknown");
    const stop = v.paths[0]?.stop;
    assert.ok(stop?.kind === "unknown" && /beyond the lab, on the host/.test(stop.reason), why(v));
  });

  test("macvlans on one host NIC: bridge mode is a segment of the lab; other modes and the NIC's network are not followed", () => {
    const nic = (mode: string) => `
node a { eth0 -> host.eth9 10.0.0.1/24 ${mode}
  route 10.9.0.0/24 via 10.0.0.254 }
node b { eth0 -> host.eth9 10.0.0.2/24 ${mode} }
node c { eth0 -> d.eth0 10.9.0.1/24 }
node d { eth0 10.9.0.2/24 }`;
    allHold(`${nic("")}
expect a -> b tcp 80`);
    const priv = only(`${nic("macvlan private")}
expect a -> b`);
    assert.equal(priv.v.kind, "unknown", why(priv.v));
    const out = only(`${nic("")}
expect a -> c`);
    const stop = out.v.paths[0]?.stop;
    assert.ok(
      stop?.kind === "unknown" && /on the network of the host's `eth9`/.test(stop.reason),
      why(out.v),
    );
  });

  test("settings that change reachability in ways not modelled make it unknown", () => {
    const { v } = only(`${ROUTED("sysctl net.ipv4.conf.all.arp_ignore 1")}
expect a -> b -4`);
    assert.equal(v.kind, "unknown");
  });

  test("pings ignored, and reverse-path filtering of an asymmetric path", () => {
    const v = allHold(`${ROUTED("", "", "sysctl net.ipv4.icmp_echo_ignore_all 1")}
expect a !-> b -4
expect a -> b -6
expect a -> b tcp 80 -4`);
    stoppedBy(v.get("a !-> b -4/4") as Verdict, "ignored");
    const rp = only(`${ASYM("", "", "sysctl net.ipv4.conf.all.rp_filter 1")}
expect a !-> b`);
    stoppedBy(rp.v, "rp-filter", /the way back to 10.0.1.2 is not through eth0/);
  });
});
