// `opentop fmt`: a lab file in the one canonical style (docs/language.md, "Style"). The
// formatter changes layout only — blanks, indentation, line breaks, `;` — never a word, and
// it checks that: the file it writes must parse to the same tree with the same comments,
// or nothing is written (OT9031).

import { type Diagnostic, Diagnostics, diag } from "../diagnostics/diagnostic.js";
import { type SourceFile, sourceFile, spanOf } from "../diagnostics/source.js";
import { invalidText } from "../model/sources.js";
import type { LabFile } from "../syntax/ast.js";
import type { Trivia } from "../syntax/lexer.js";
import { nftText } from "../syntax/nft.js";
import { parse } from "../syntax/parser.js";
import { Layout } from "./layout.js";
import { Printer } from "./print.js";
import { render } from "./render.js";

export interface Formatted {
  /** The file in canonical style; absent when it could not be formatted (see diagnostics). */
  readonly text?: string;
  readonly diagnostics: readonly Diagnostic[];
}

interface Parsed {
  readonly tree: LabFile;
  readonly layout: Layout;
  readonly diagnostics: Diagnostics;
}

function read(file: SourceFile): Parsed {
  const diagnostics = new Diagnostics();
  const trivia: Trivia = { tokens: [], comments: [] };
  const tree = parse(file, diagnostics, trivia);
  return { tree, layout: new Layout(file, trivia), diagnostics };
}

/** A file in canonical style, or why it cannot be: its syntax errors (nothing else is checked). */
export function format(file: SourceFile): Formatted {
  const bad = invalidText(file);
  if (bad !== undefined) {
    const d = new Diagnostics();
    d.error("OT0009", "the file is not UTF-8 text", {
      span: spanOf(file, bad, bad + 1),
      help: "lab files are UTF-8 text without NUL bytes",
    });
    return { diagnostics: d.list };
  }
  const before = read(file);
  if (before.diagnostics.hasErrors) return { diagnostics: before.diagnostics.list };
  let text: string;
  try {
    const printer = new Printer(before.layout);
    text = render(
      before.layout,
      before.tree.statements.map((s) => printer.item(s)),
    );
  } catch (e) {
    return { diagnostics: [unsafe(file, (e as Error).message)] };
  }
  const after = read(sourceFile(file.path, text));
  const problem = after.diagnostics.hasErrors
    ? "the result does not parse"
    : shape(after.tree) !== shape(before.tree)
      ? "the result reads differently"
      : comments(after.layout) !== comments(before.layout)
        ? "the result's comments differ"
        : undefined;
  return problem ? { diagnostics: [unsafe(file, problem)] } : { text, diagnostics: [] };
}

function unsafe(file: SourceFile, why: string): Diagnostic {
  return diag("OT9031", `${file.path} cannot be formatted safely: ${why}; it is left as it is`, {
    help: "this is a bug in OpenTop's formatter; please report it with the file",
  });
}

/** The tree without places: what the file means, as far as the parser knows. */
function shape(tree: LabFile): string {
  return JSON.stringify(tree, (key, value: unknown) => {
    if (key === "span" || key.endsWith("Span") || isSpan(value)) return undefined;
    const nft = value as { kind?: unknown; text?: unknown };
    if (nft?.kind === "nft" && typeof nft.text === "string") return { ...nft, text: nftText(nft.text) };
    return value;
  });
}

/** A place in a file, whatever the field holding it is called (`arrow`, `keywordSpan`). */
function isSpan(value: unknown): boolean {
  const v = value as { start?: unknown; end?: unknown; file?: unknown } | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.start === "number" &&
    typeof v.end === "number" &&
    "file" in v
  );
}

function comments(layout: Layout): string {
  return JSON.stringify(layout.comments.map((c) => c.text));
}
