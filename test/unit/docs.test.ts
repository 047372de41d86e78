// docs/diagnostics.md documents the catalogue exactly: one `### CODE: title` section per
// code, titled as in src/diagnostics/codes.ts, and no section for a code that is not there.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { CODES } from "../../src/diagnostics/codes.js";
import { ROOT } from "../support/lab.js";

interface Heading {
  readonly line: number;
  readonly text: string;
}

/** Markdown headings outside fenced code blocks (lab files in examples have `#` comments). */
function headings(markdown: string): Heading[] {
  const out: Heading[] = [];
  let fenced = false;
  markdown.split("\n").forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) fenced = !fenced;
    else if (!fenced && /^#{1,6}\s/.test(text)) out.push({ line: i + 1, text });
  });
  return out;
}

const doc = readFileSync(join(ROOT, "docs/diagnostics.md"), "utf8");
const all = headings(doc);
/** Headings that name a code, whatever their form. */
const codeHeadings = all.filter((h) => /\bOT\d{4}\b/.test(h.text));

test("every code of the catalogue has a `### CODE: title` section with the catalogue's title", () => {
  for (const [code, { title }] of Object.entries(CODES)) {
    const found = codeHeadings.filter((h) => h.text.startsWith(`### ${code}:`));
    assert.equal(found.length, 1, `docs/diagnostics.md needs one \`### ${code}: ${title}\` heading`);
    assert.equal(
      found[0]?.text,
      `### ${code}: ${title}`,
      `line ${found[0]?.line}: title differs from codes.ts`,
    );
  }
});

test("every code heading is a `### CODE: title` section of a code in the catalogue", () => {
  for (const h of codeHeadings) {
    const m = /^### (OT\d{4}): \S/.exec(h.text);
    assert.ok(m, `line ${h.line}: \`${h.text}\` is not of the form \`### OTxxxx: title\``);
    assert.ok(m[1] && m[1] in CODES, `line ${h.line}: ${m[1]} is not in src/diagnostics/codes.ts`);
  }
});
