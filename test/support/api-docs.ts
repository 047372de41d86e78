// The snippets of docs/api.md, for the tests that type-check them (unit) and run them against
// a real lab (integration): its lab file (the `otop` block) and its TypeScript blocks, in order.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./lab.js";

export interface ApiDocs {
  /** The lab file the snippets drive (`lab demo`). */
  readonly lab: string;
  readonly snippets: readonly string[];
}

export function apiDocs(): ApiDocs {
  const page = readFileSync(join(ROOT, "docs/api.md"), "utf8");
  const blocks = (lang: string) =>
    [...page.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, "g"))].map((m) => m[1] ?? "");
  const [lab] = blocks("otop");
  if (lab === undefined) throw new Error("docs/api.md has no lab file");
  return { lab, snippets: blocks("ts") };
}

/** A snippet as a program of this checkout: `opentop` is its bundle, the lab `demo` is `name`. */
export function asProgram(snippet: string, name: string): string {
  const bundle = pathToFileURL(join(ROOT, "dist/bundle/opentop.js")).href;
  return snippet
    .replaceAll('from "opentop"', `from ${JSON.stringify(bundle)}`)
    .replaceAll('"demo"', JSON.stringify(name));
}
