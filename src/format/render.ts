// Lays statements out in lines, the one canonical way: two spaces a level; one statement a
// line, except in a block written on one line, which stays on one line (`; ` between its
// statements); a line continued with `\` where it was; at most one blank line where there
// were blank lines; comments kept where they were, and those after code aligned.

import { assertNever } from "../never.js";
import type { Comment, Layout } from "./layout.js";
import { type Block, type Item, type Piece, piece, type Raw, type Seg } from "./segments.js";

const INDENT = "  ";

type Line =
  | { readonly kind: "code"; readonly indent: number; code: string; comment?: string }
  | { readonly kind: "comment"; readonly indent: number; readonly text: string }
  | { readonly kind: "blank" };

type CodeLine = Extract<Line, { kind: "code" }>;

/** A file's top-level items, laid out, as text ending in one line break (empty if nothing). */
export function render(layout: Layout, items: readonly Item[]): string {
  const writer = new Writer(layout);
  writer.items(items, 0, -1);
  writer.attachComments();
  return text(writer.lines);
}

class Writer {
  readonly lines: Line[] = [];
  private current: CodeLine | undefined;
  /** Where the last piece ended in the source: a `\` between it and the next continues the line. */
  private lastEnd = 0;
  /** Each piece's offset and the line it was written on, for the comments after code. */
  private readonly places: { at: number; line: number }[] = [];

  constructor(private readonly layout: Layout) {}

  private open(indent: number): CodeLine {
    const line: CodeLine = { kind: "code", indent, code: "" };
    this.lines.push(line);
    this.current = line;
    return line;
  }

  private endLine(): void {
    this.current = undefined;
  }

  private piece(p: Piece, indent: number): void {
    let line = this.current;
    if (!line) line = this.open(indent);
    else if (this.layout.continued(this.lastEnd, p.at)) {
      line.code += " \\";
      line = this.open(indent + 1);
    } else if (!p.glue) line.code += " ";
    line.code += p.text;
    this.places.push({ at: p.at, line: this.lines.length - 1 });
    this.lastEnd = p.at + Buffer.byteLength(p.text);
  }

  private segs(segs: readonly Seg[], indent: number): void {
    for (const seg of segs) {
      switch (seg.kind) {
        case "piece":
          this.piece(seg, indent);
          break;
        case "block":
          this.block(seg, indent);
          break;
        case "raw":
          this.raw(seg, indent);
          break;
        default:
          assertNever(seg);
      }
    }
  }

  /** Statements or option lines, with the comments alone on their lines in this block. */
  items(items: readonly Item[], indent: number, owner: number): void {
    const comments = this.layout.standaloneIn(owner);
    const all: (Item | Comment)[] = [...items, ...comments].sort((a, b) => start(a) - start(b));
    let previous: Item | Comment | undefined;
    for (const el of all) {
      if (previous && this.layout.blankBetween(end(previous), start(el))) this.lines.push({ kind: "blank" });
      this.endLine();
      if ("segs" in el) this.segs(el.segs, indent);
      else this.lines.push({ kind: "comment", indent, text: el.text });
      this.endLine();
      previous = el;
    }
  }

  private block(b: Block, indent: number): void {
    const commented = this.layout.hasComment(b.open, b.close);
    if (b.items.length === 0 && !commented) {
      this.piece(piece("{", b.open), indent);
      this.piece(piece("}", b.close, true), indent);
      return;
    }
    this.piece(piece("{", b.open), indent);
    if (this.layout.lineOf(b.open) === this.layout.lineOf(b.close)) {
      b.items.forEach((item, i) => {
        this.segs(item.segs, indent);
        if (b.separator === ";" && i < b.items.length - 1) this.piece(piece(";", item.end, true), indent);
      });
    } else {
      this.endLine();
      this.items(b.items, indent + 1, b.open);
    }
    this.piece(piece("}", b.close), indent);
  }

  /** An `nft { … }` block: its lines as written, re-indented. */
  private raw(r: Raw, indent: number): void {
    this.piece(piece("{", r.open), indent);
    const [first] = r.lines;
    if (first !== undefined && this.layout.lineOf(r.open) === this.layout.lineOf(r.close))
      this.piece(piece(first, r.open + 1), indent);
    else if (first !== undefined) {
      this.endLine();
      for (const line of r.lines)
        this.lines.push(line === "" ? { kind: "blank" } : { kind: "code", indent: indent + 1, code: line });
    }
    this.piece(piece("}", r.close, first === undefined), indent);
  }

  /** Each comment after code goes after the code it followed: on the line of the piece before it. */
  attachComments(): void {
    const places = [...this.places].sort((a, b) => a.at - b.at);
    for (const c of this.layout.comments) {
      if (c.standalone) continue;
      let lo = -1;
      for (let hi = places.length; hi - lo > 1; ) {
        const mid = (lo + hi) >> 1;
        if ((places[mid]?.at ?? 0) < c.span.start) lo = mid;
        else hi = mid;
      }
      const line = this.lines[places[lo]?.line ?? -1];
      if (line?.kind !== "code" || line.comment !== undefined)
        throw new Error(`no line for the comment at byte ${c.span.start}`);
      line.comment = c.text;
    }
  }
}

function start(el: Item | Comment): number {
  return "segs" in el ? el.start : el.span.start;
}

function end(el: Item | Comment): number {
  return "segs" in el ? el.end : el.span.end;
}

/**
 * The lines as text. Comments after code line up in a run of lines of one level with no
 * blank line or comment line between: two spaces after the longest code that has one.
 */
function text(lines: readonly Line[]): string {
  const column = new Map<Line, number>();
  let run: CodeLine[] = [];
  const close = () => {
    const width = Math.max(0, ...run.filter((l) => l.comment !== undefined).map((l) => [...l.code].length));
    for (const l of run) column.set(l, width + 2);
    run = [];
  };
  for (const line of lines) {
    if (line.kind !== "code" || (run[0] && run[0].indent !== line.indent)) close();
    if (line.kind === "code") run.push(line);
  }
  close();
  const out = lines.map((line) => {
    switch (line.kind) {
      case "blank":
        return "";
      case "comment":
        return INDENT.repeat(line.indent) + line.text;
      case "code": {
        const code = INDENT.repeat(line.indent) + line.code;
        if (line.comment === undefined) return code;
        const pad = (column.get(line) ?? 0) - [...line.code].length;
        return `${code}${" ".repeat(Math.max(2, pad))}${line.comment}`;
      }
      default:
        return assertNever(line);
    }
  });
  return out.length ? `${out.join("\n")}\n` : "";
}
