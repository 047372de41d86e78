// The plan's text of an address is compared with what the kernel's tools print, so it must
// be theirs; and an address written with an IPv4 tail must mean the bytes the kernel reads.

import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCidr, parseIp } from "../../src/model/ip.js";

test("IPv6 text is the kernel tools' (glibc inet_ntop): a dotted tail for ::/96 and ::ffff:0:0/96 only", () => {
  // Each written as `ip -6 route add unreachable X` took it and `ip -j -6 route` printed
  // it (iproute2 6.1, Debian 12).
  const printed: [string, string][] = [
    ["::ffff:a00:0/120", "::ffff:10.0.0.0/120"],
    ["::a00:1/128", "::10.0.0.1/128"],
    ["::2:3/128", "::0.2.0.3/128"],
    ["::1:0/112", "::0.1.0.0/112"],
    ["::ffff:0:0/96", "::ffff:0.0.0.0/96"],
    ["0:0:0:0:0:1::/96", "::1:0:0/96"],
    ["::7:0:0/96", "::7:0:0/96"],
    ["1:0:0:1::/64", "1:0:0:1::/64"],
    ["1::/16", "1::/16"],
    ["::1:2:3/128", "::1:2:3/128"],
    ["0:0:0:ffff::/64", "0:0:0:ffff::/64"],
  ];
  for (const [written, kernel] of printed) {
    const c = parseCidr(written);
    assert.ok(c.ok, written);
    assert.equal(c.value.cidr, kernel, written);
  }
  const text = (t: string) => {
    const r = parseIp(t);
    return r.ok ? r.value.text : `error: ${r.reason}`;
  };
  assert.equal(text("::"), "::");
  assert.equal(text("::1"), "::1");
  assert.equal(text("1:0:0:0:1:0:0:1"), "1::1:0:0:1");
  assert.equal(text("2001:DB8:0:0:0:0:0:1"), "2001:db8::1");
  assert.equal(text("fd00:0:0:1:0:0:0:0"), "fd00:0:0:1::");
});

test("an IPv4 tail is the address's last 32 bits, wherever the rest is", () => {
  const bytes = (t: string) => {
    const r = parseIp(t);
    assert.ok(r.ok, t);
    return r.value.bytes.join(".");
  };
  // Not the IPv4-mapped ::ffff:10.0.0.1, as ipaddr.js reads it.
  assert.equal(bytes("::10.0.0.1"), "0.0.0.0.0.0.0.0.0.0.0.0.10.0.0.1");
  assert.equal(bytes("::ffff:10.0.0.1"), "0.0.0.0.0.0.0.0.0.0.255.255.10.0.0.1");
  assert.equal(bytes("ffff::10.0.0.1"), "255.255.0.0.0.0.0.0.0.0.0.0.10.0.0.1");
  assert.equal(bytes("64:ff9b::192.0.2.1"), "0.100.255.155.0.0.0.0.0.0.0.0.192.0.2.1");
  assert.equal(bytes("1:2:3:4:5:6:1.2.3.4"), "0.1.0.2.0.3.0.4.0.5.0.6.1.2.3.4");
  for (const bad of ["::256.1.1.1", "1::1.2.3.4.5", "1:2:3:4:5:6:7:1.2.3.4", "1.2::3", "::01.2.3.4"])
    assert.equal(parseIp(bad).ok, false, bad);
});
