// The filter language: what it parses to, and one test per diagnostic code of filters
// (OT4xxx), each on the smallest lab that shows it. docs/diagnostics.md documents
// every code; a test here checks that it does.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { CODES } from "../../src/diagnostics/codes.js";
import { type Diagnostic, DiagnosticError } from "../../src/diagnostics/diagnostic.js";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileSource } from "../../src/model/compile.js";
import type { Filter, Rule } from "../../src/model/filter.js";
import { lower } from "../../src/plan/lower.js";
import { hostForwardingWarnings } from "../../src/runtime/firewall.js";
import { ROOT } from "../support/lab.js";

function compile(body: string) {
  return compileSource(sourceFile("t.otop", `lab t\n${body}`));
}

/** A router with three interfaces; `filter` is the body of its filter block. */
function router(filter: string, extra = ""): string {
  return `node r {
  forward
  eth0 -> a.eth0 10.0.0.1/24 fd6f::1/64
  wan -> b.eth0 203.0.113.1/24
  ${extra}
  filter {
${filter}
  }
}
node a { forward; eth0 10.0.0.2/24 fd6f::2/64 }
node b { eth0 203.0.113.2/24 }
`;
}

function codes(body: string): string[] {
  return compile(body).diagnostics.map((d) => d.code);
}

function filterOf(body: string, node = "r"): Filter {
  const c = compile(body);
  assert.deepEqual(
    c.diagnostics.map((d) => `${d.code} ${d.message}`),
    [],
  );
  const f = c.lab?.nodes.find((n) => n.name === node)?.filter;
  assert.ok(f, "the node has a filter");
  return f;
}

function only(body: string, code: string): Diagnostic {
  const list = compile(body).diagnostics;
  assert.deepEqual(
    list.map((d) => d.code),
    [code],
    list.map((d) => `${d.code} ${d.message}`).join("\n"),
  );
  return list[0] as Diagnostic;
}

describe("filter language", () => {
  test("a rule parses to its matches, with lists, ranges and both families", () => {
    const [rule] = filterOf(
      router(
        "forward accept in eth0 out wan saddr 10.0.0.0/24,fd6f::/64 tcp sport 1024-65535 dport 80,443 counter log",
      ),
    ).rules;
    assert.equal(rule?.kind, "filter");
    const m = (rule as Rule).match;
    assert.deepEqual(m.iif, ["eth0"]);
    assert.deepEqual(m.oif, ["wan"]);
    assert.deepEqual(
      m.saddr.map((a) => a.cidr),
      ["10.0.0.0/24", "fd6f::/64"],
    );
    assert.equal(m.protocol, "tcp");
    assert.deepEqual(m.sport, [{ first: 1024, last: 65535 }]);
    assert.deepEqual(m.dport, [
      { first: 80, last: 80 },
      { first: 443, last: 443 },
    ]);
    assert.deepEqual(m.families, [4, 6]);
    assert.equal(rule?.counter, true);
    assert.equal(rule?.log, "r forward accept: ");
    assert.equal(
      rule?.text,
      "forward accept in eth0 out wan saddr 10.0.0.0/24,fd6f::/64 tcp sport 1024-65535 dport 80,443 counter log",
    );
  });

  test("`nat` before masquerade, snat and dnat is optional", () => {
    const a = filterOf(router("nat masquerade out wan\nnat dnat in wan tcp dport 80 to 10.0.0.2:8080")).rules;
    const b = filterOf(router("masquerade out wan\ndnat in wan tcp dport 80 to 10.0.0.2:8080")).rules;
    assert.deepEqual(
      a.map((r) => [r.kind, r.text]),
      b.map((r) => [r.kind, r.text]),
    );
  });

  test("nat targets: IPv4 with a port, IPv6 bare and in brackets with a port", () => {
    const rules = filterOf(
      router(
        "dnat in wan tcp dport 80 to 10.0.0.2:8080\ndnat in wan tcp dport 81 to fd6f::2\ndnat in wan tcp dport 82 to [fd6f::2]:8000-8010",
      ),
    ).rules;
    const to = rules.map((r) =>
      r.kind === "dnat" ? `${r.to.address.text} ${JSON.stringify(r.to.ports ?? null)}` : "",
    );
    assert.deepEqual(to, [
      '10.0.0.2 {"first":8080,"last":8080}',
      "fd6f::2 null",
      'fd6f::2 {"first":8000,"last":8010}',
    ]);
    assert.deepEqual(
      rules.map((r) => r.match.families),
      [[4], [6], [6]],
    );
  });

  test("`established` is `ct state established,related`", () => {
    const [a, b] = filterOf(
      router("input accept established\ninput accept ct state related,established"),
    ).rules;
    assert.deepEqual(a?.match.ct, ["related", "established"]);
    assert.deepEqual(b?.match.ct, a?.match.ct);
  });

  test("loops and interpolation work inside a filter", () => {
    const rules = filterOf(router("for k in 1..3 { input accept tcp dport 80{k} }")).rules;
    assert.deepEqual(
      rules.map((r) => r.match.dport[0]?.first),
      [801, 802, 803],
    );
  });

  test("an nft block keeps its text, braces, strings and comments", () => {
    const f = filterOf(`node r {
  eth0 -> a.eth0 10.0.0.1/24
  nft {
    # a comment with a } brace
    table inet x {
      chain c { type filter hook input priority 0; comment "}"; }
    }
  }
}
node a { eth0 10.0.0.2/24 }
`);
    assert.equal(f.rules.length, 0);
    assert.equal(
      f.raw[0]?.text,
      '# a comment with a } brace\ntable inet x {\n  chain c { type filter hook input priority 0; comment "}"; }\n}',
    );
  });

  test("a node without a filter has none; a lab without filters lowers to no firewall step", () => {
    const c = compile("node a { eth0 -> b.eth0 10.0.0.1/30 }\nnode b { eth0 10.0.0.2/30 }\n");
    assert.ok(c.lab);
    assert.equal(c.lab.nodes[0]?.filter, undefined);
    const tools = lower(c.lab).stages.flatMap((s) => s.steps.map((st) => st.tool));
    assert.ok(!tools.some((t) => t === "nft" || t === "iptables" || t === "ip6tables"));
  });
});

describe("filter diagnostics", () => {
  test("OT4001 unknown filter statement, with a hint", () => {
    const d = only(router("FORWARD accept"), "OT4001");
    assert.match(d.help ?? "", /did you mean `forward`/);
  });

  test("OT4002 unknown match or option, with the word OpenTop uses", () => {
    const d = only(router("input accept iifname eth0"), "OT4002");
    assert.match(d.help ?? "", /did you mean `in`/);
  });

  test("OT4003 a rule names an interface the node does not have", () => {
    const d = only(router("forward accept in eht0"), "OT4003");
    assert.match(d.message, /node `r` has no interface `eht0`/);
    assert.match(d.help ?? "", /did you mean `eth0`/);
    assert.deepEqual(codes(router("masquerade out wan0")), ["OT4003"]);
  });

  test("OT4004 a dnat target on no connected subnet (a route that leads there is enough)", () => {
    only(router("dnat in wan tcp dport 80 to 10.9.0.5"), "OT4004");
    assert.deepEqual(
      codes(router("dnat in wan tcp dport 80 to 10.9.0.5", "route 10.9.0.0/16 via 10.0.0.2")),
      [],
    );
  });

  test("OT4005 a port outside 1-65535, or a range backwards", () => {
    assert.deepEqual(codes(router("input accept tcp dport 0")), ["OT4005"]);
    assert.deepEqual(codes(router("input accept udp sport 65536")), ["OT4005"]);
    assert.deepEqual(codes(router("input accept tcp dport 90-80")), ["OT4005"]);
    assert.deepEqual(codes(router("dnat in wan tcp dport 80 to 10.0.0.2:0")), ["OT4005"]);
  });

  test("OT4006 a match that can never be true", () => {
    assert.match(only(router("input accept icmp dport 80"), "OT4006").message, /icmp has no ports/);
    assert.match(only(router("input accept tcp udp"), "OT4006").message, /not both tcp and udp/);
    assert.match(only(router("input accept out eth0"), "OT4006").message, /no output interface/);
    assert.match(only(router("output accept in eth0"), "OT4006").message, /no input interface/);
    assert.match(only(router("dnat out wan tcp dport 80 to 10.0.0.2"), "OT4006").message, /before routing/);
    assert.match(
      only(router("input accept saddr 10.0.0.2 daddr fd6f::1"), "OT4006").message,
      /mixes IPv4 and IPv6/,
    );
    assert.match(only(router("input accept icmpv6 saddr 10.0.0.2"), "OT4006").message, /mixes IPv4 and IPv6/);
    assert.match(only(router("snat out wan saddr fd6f::/64 to 203.0.113.1"), "OT4006").message, /mixes/);
  });

  test("OT4007 forward rules on a node that does not forward (a warning)", () => {
    const c = compile(
      "node h {\n eth0 -> g.eth0 10.0.0.1/24\n filter { forward accept tcp dport 80 }\n}\nnode g { eth0 10.0.0.2/24 }\n",
    );
    assert.deepEqual(
      c.diagnostics.map((d) => [d.code, d.severity]),
      [["OT4007", "warning"]],
    );
    assert.ok(c.lab, "a warning does not stop the lab");
    assert.deepEqual(codes(router("forward accept tcp dport 80")), [], "a router forwards");
  });

  test("OT4008 an invalid rule", () => {
    const cases: [string, RegExp][] = [
      ["input accept dport 53", /needs a protocol/],
      ["input accept tcp dport 22 dport 23", /given twice/],
      ["input accept established ct state new", /connection state is given twice/],
      ["input accept ct state old", /unknown connection state/],
      ['input accept log "a prefix much longer than iptables allows"', /invalid log prefix/],
      ["dnat in wan tcp dport 80", /needs a target/],
      ["dnat in wan to 10.0.0.2:80", /port in the target needs/],
      ["masquerade out wan to 203.0.113.1", /applies only to `snat` and `dnat`/],
      ["snat in eth0 to 203.0.113.1", /`in` cannot be matched/],
    ];
    for (const [rule, message] of cases) assert.match(only(router(rule), "OT4008").message, message, rule);
  });

  test("OT4009 what the iptables lowering cannot do: nft blocks and host-side NAT", () => {
    const c = compile(`node r {
  up0 -> host 198.51.100.2/30 { host-address 198.51.100.1/30 host-masquerade }
  nft { table inet x { } }
}
`);
    assert.ok(c.lab);
    assert.doesNotThrow(() => lower(c.lab as NonNullable<typeof c.lab>, { firewall: "nft" }));
    assert.throws(
      () => lower(c.lab as NonNullable<typeof c.lab>, { firewall: "iptables" }),
      (e: unknown) =>
        e instanceof DiagnosticError &&
        e.diagnostics.length === 2 &&
        e.diagnostics.every((d) => d.code === "OT4009"),
    );
  });

  test("OT4011 host-side NAT on a host that does not forward (a warning; nothing changed)", () => {
    const c = compile("node r { up0 -> host 198.51.100.2/30 { host-masquerade } }\n");
    assert.ok(c.lab);
    const plan = lower(c.lab);
    const off = hostForwardingWarnings(plan, () => "0");
    assert.deepEqual(
      off.map((d) => [d.code, d.severity]),
      [["OT4011", "warning"]],
    );
    assert.deepEqual(
      hostForwardingWarnings(plan, () => "1"),
      [],
    );
  });

  test("host-masquerade is only for links to the host (OT2008)", () => {
    assert.deepEqual(
      codes("node r { eth0 -> a.eth0 10.0.0.1/24 { host-masquerade } }\nnode a { eth0 10.0.0.2/24 }\n"),
      ["OT2008"],
    );
  });

  test("every filter code is in the catalogue and documented", () => {
    const doc = readFileSync(join(ROOT, "docs/diagnostics.md"), "utf8");
    const filterCodes = Object.keys(CODES).filter((c) => c.startsWith("OT4"));
    assert.ok(filterCodes.length >= 11);
    for (const code of filterCodes)
      assert.match(doc, new RegExp(`^### ${code}: `, "m"), `${code} is documented`);
  });
});
