// `opentop test LAB --matrix` as text: one grid per address family, a row per source and a
// column per destination, one character a pair (model and kernel side by side in it), in
// blocks of ten so that 50 nodes stay within a terminal's width; the pairs where they
// disagree are listed under the grid.

import type { TestResult } from "../../api/test.js";
import type { Family } from "../../model/ip.js";
import type { Io } from "../io.js";

/** What a cell shows. */
function cell(r: TestResult | undefined): string {
  if (!r) return " ";
  if (r.live.seen === "error") return "E";
  if (r.inconclusive) return "~";
  const reached = r.live.seen === "reached";
  if (r.agrees === false) return "!";
  if (r.agrees === true) return reached ? "●" : "·";
  return reached ? "○" : "-"; // the model did not decide: the kernel's answer alone
}

const LEGEND =
  "● both reach  · both blocked  ! the model and the kernel disagree  ○/- the model cannot tell, the kernel reaches/does not  ~ the kernel's neighbour table was full  E probe error";

export function printMatrix(io: Io, lab: string, results: readonly TestResult[]): void {
  for (const family of [4, 6] as const) {
    const rows = results.filter((r) => r.family === family);
    if (rows.length) grid(io, lab, family, rows);
  }
  io.out(io.style.dim(LEGEND));
}

function grid(io: Io, lab: string, family: Family, results: readonly TestResult[]): void {
  const nodes: string[] = [];
  for (const r of results) for (const n of [r.from, r.to]) if (!nodes.includes(n)) nodes.push(n);
  const at = new Map(results.map((r) => [`${r.from}\0${r.to}`, r]));
  const digits = String(nodes.length).length;
  const nameWidth = Math.max(...nodes.map((n) => n.length));
  const pad = " ".repeat(digits + nameWidth + 2);
  const blocks = (f: (j: number) => string) =>
    nodes
      .map((_, j) => f(j))
      .join("")
      .replace(/(.{10})(?=.)/gu, "$1 ");
  io.out(
    io.style.bold(`lab ${lab}: IPv${family} reachability of ${nodes.length} nodes (row: from, column: to)`),
  );
  // Column numbers, one digit a line, most significant first.
  for (let d = digits - 1; d >= 0; d--)
    io.out(
      io.style.dim(
        `${pad}${blocks((j) => (j + 1 >= 10 ** d ? String(Math.floor((j + 1) / 10 ** d) % 10) : " "))}`,
      ),
    );
  nodes.forEach((from, i) => {
    const cells = blocks((j) => (j === i ? "\\" : cell(at.get(`${from}\0${nodes[j]}`))));
    const painted = io.color
      ? cells.replaceAll("!", io.style.error("!")).replaceAll("E", io.style.warning("E"))
      : cells;
    io.out(`${String(i + 1).padStart(digits)} ${from.padEnd(nameWidth)} ${painted}`);
  });
  for (const r of results.filter((x) => x.agrees === false || x.live.seen === "error"))
    io.out(
      io.style.error(
        `  ${r.from} → ${r.to}: the model says ${r.model.verdict} (${r.model.why}); the kernel: ${r.live.seen}${r.live.detail ? ` (${r.live.detail})` : ""}`,
      ),
    );
}
