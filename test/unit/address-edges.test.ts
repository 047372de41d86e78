// Addresses `check` passes and the kernel refuses (so `up` fails on them and rolls back),
// found by giving `ip` the same text by hand in a throwaway namespace (iproute2 6.1,
// kernel 6.18), and a diagnostic that misnames the mistake.

import assert from "node:assert/strict";
import { test } from "node:test";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileSource } from "../../src/model/compile.js";

function errors(body: string): string[] {
  return compileSource(sourceFile("t.otop", `lab t\n${body}`))
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${d.code} ${d.message}`);
}

/** A router r with e1 on fd01::/64 + 10.0.1.0/24 and e2 on fd02::/64 + 10.0.2.0/24, and one route line. */
const router = (route: string) =>
  [
    "node r {",
    "  forward",
    "  e1 -> a.e fd01::1/64 10.0.1.1/24",
    "  e2 -> b.e fd02::1/64 10.0.2.1/24",
    "  lo fd00:ff::1/128",
    `  ${route}`,
    "}",
    "node a { forward; e fd01::2/64 10.0.1.2/24 }",
    "node b { forward; e fd02::2/64 10.0.2.2/24 }",
    "",
  ].join("\n");

test("an IPv6 gateway that is the node's own address is refused, one path or several (kernel: 'Gateway can not be a local address')", () => {
  for (const route of [
    "route fd09::/64 via fd01::1",
    "route fd09::/64 via FD01::0.0.0.1",
    "route fd09::/64 via fd02::1 dev e1 onlink",
    "route fd09::/64 via fd00:ff::1 dev e1 onlink",
    "route fd09::/64 via ::1 dev e1 onlink",
    "route fd09::/64 nexthop via fd01::2 nexthop via fd02::1",
    "route fd09::/64 nexthop via fd01::2 dev e1 nexthop via fd00:ff::1 dev e2 onlink",
  ])
    assert.notDeepEqual(errors(router(route)), [], `check said ok to: ${route}`);
});

test("a gateway the kernel calls invalid (multicast, an IPv4 subnet's broadcast) is refused, one path or several", () => {
  for (const route of [
    // 'Invalid gateway address.'
    "route fd09::/64 via ff02::1 dev e1 onlink",
    "route fd09::/64 nexthop via ff02::1 dev e1 onlink nexthop via fd02::2",
    // 'Nexthop has invalid gateway.'
    "route 10.9.0.0/16 via 10.0.1.255",
    "route 10.9.0.0/16 via 224.0.0.1 dev e1 onlink",
    "route 10.9.0.0/16 nexthop via 10.0.1.2 nexthop via 10.0.2.255",
  ])
    assert.notDeepEqual(errors(router(route)), [], `check said ok to: ${route}`);
});

test("::1 is refused where the kernel refuses it: off lo ('Cannot assign loopback address'), and on lo at another length ('address already assigned')", () => {
  const two = (a: string, b: string) => `node a { ${a} }\nnode b { e fd01::2/64 }\n${b}`;
  assert.notDeepEqual(errors(two("e -> b.e fd01::1/64 ::1/128", "")), [], "::1 on a veth");
  assert.notDeepEqual(errors(two("e -> b.e fd01::1/64 ::0.0.0.1/128", "")), [], "::1 written with a v4 tail");
  assert.notDeepEqual(errors(two("e -> b.e fd01::1/64; lo ::1/96", "")), [], "::1/96 on lo");
  assert.notDeepEqual(errors(two("e -> b.e fd01::1/64; lo ::0.0.0.1/127", "")), [], "::1/127 on lo");
});

test("a zone index in a route's `src` is named as what it is, not as an address the node lacks", () => {
  const c = compileSource(
    sourceFile("t.otop", `lab t\n${router("route fd09::/64 via fd01::2 src fd01::1%lo")}`),
  );
  const d = c.diagnostics.find((x) => x.severity === "error");
  assert.ok(d, "no error");
  // Before the fix: OT3007 "source address `fd01::1%lo` is not an address of `r`" — but fd01::1 is.
  assert.match(JSON.stringify(d), /zone/, JSON.stringify(d));
});
