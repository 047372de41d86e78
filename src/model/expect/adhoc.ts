// An expectation given on the command line (`opentop trace LAB SRC DST tcp 80`), checked as
// one in the lab file would be: its words form a one-line source of their own, so that a
// mistake in them is shown with a caret like any other.

import { type Diagnostic, Diagnostics } from "../../diagnostics/diagnostic.js";
import { sourceFile, spanOf } from "../../diagnostics/source.js";
import type { Lab } from "../model.js";
import type { Text } from "../text.js";
import { checkExpectations, type Expectation } from "./check.js";

export function adHocExpectations(
  lab: Lab,
  words: readonly string[],
  reach = true,
): { readonly expectations: Expectation[]; readonly diagnostics: readonly Diagnostic[] } {
  const [src = "", dst = "", ...rest] = words;
  const line = [src, reach ? "->" : "!->", dst, ...rest].join(" ");
  const file = sourceFile("<command line>", line);
  let at = 0;
  const texts = [src, reach ? "->" : "!->", dst, ...rest].map((text): Text => {
    const start = Buffer.byteLength(line.slice(0, at));
    at += text.length + 1;
    return { text, span: spanOf(file, start, start + Buffer.byteLength(text)) };
  });
  const [from, , to, ...args] = texts as [Text, Text, Text, ...Text[]];
  const diagnostics = new Diagnostics();
  const expectations = checkExpectations(
    [{ reach, from, to, args, span: spanOf(file, 0, file.bytes.length) }],
    {
      nodes: lab.nodes,
      switches: lab.switches.map((s) => s.name),
      hostAddresses: lab.segments.flatMap((s) => s.addresses),
    },
    diagnostics,
  );
  return { expectations, diagnostics: diagnostics.list };
}
