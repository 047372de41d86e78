// The shaping tests' rate check (test/support/throughput.ts): a reading above the band fails
// at once, a low one is measured again, and three low ones fail. Readings are given here,
// not measured.

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertRate } from "../support/throughput.js";

/** A measurement that gives `readings` in turn, and counts how many were taken. */
function readings(...values: number[]): { measure: () => Promise<number>; taken: () => number } {
  let i = 0;
  return {
    measure: async () => values[i++] ?? Number.NaN,
    taken: () => i,
  };
}

test("assertRate: a reading in the band passes at once", async () => {
  const r = readings(29.5, 10);
  await assertRate(r.measure, 27, 33, "a → b");
  assert.equal(r.taken(), 1);
});

test("assertRate: a reading above the band fails at once, whatever would follow", async () => {
  const r = readings(40, 30);
  await assert.rejects(assertRate(r.measure, 27, 33, "a → b"), /a → b: 40\.0 Mbit\/s, above 33/);
  assert.equal(r.taken(), 1);
});

test("assertRate: a low reading is measured again, and a later one above the band still fails", async () => {
  const ok = readings(26.9, 30.1);
  await assertRate(ok.measure, 27, 33, "a → b");
  assert.equal(ok.taken(), 2);
  const high = readings(20, 35);
  await assert.rejects(assertRate(high.measure, 27, 33, "a → b"), /20\.0, 35\.0 Mbit\/s, above 33/);
});

test("assertRate: three low readings fail: a shaper set too low is not hidden", async () => {
  const r = readings(24, 24.5, 23.9, 30);
  await assert.rejects(
    assertRate(r.measure, 27, 33, "a → b"),
    /a → b: 24\.0, 24\.5, 23\.9 Mbit\/s, each below 27/,
  );
  assert.equal(r.taken(), 3);
});
