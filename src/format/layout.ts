// The layout of a source file as the parser read it: where its tokens, braces, comments and
// lines are. The syntax tree says what a lab means; this says how it was written, which is
// what the formatter keeps (comments, blank lines, one-line blocks, line continuations).

import { type SourceFile, type Span, spanOf } from "../diagnostics/source.js";
import type { Token, Trivia } from "../syntax/lexer.js";

/** A `#` comment: alone on its line (`standalone`), or after code (it stays after that code). */
export interface Comment {
  readonly span: Span;
  /** Its text from `#`, without blanks at its end. */
  readonly text: string;
  readonly standalone: boolean;
  /** The offset of the `{` of the innermost block holding it; -1 at the top level. */
  readonly owner: number;
}

export class Layout {
  /** The tokens that are not line ends, in order. */
  private readonly tokens: readonly Token[];
  /** Line ends and `;`, which separate statements (and lines of options). */
  private readonly separators: readonly number[];
  private readonly closers = new Map<number, number>();
  private readonly lineStarts: readonly number[];
  readonly comments: readonly Comment[];
  private byOwner: Map<number, Comment[]> | undefined;

  constructor(
    readonly file: SourceFile,
    trivia: Trivia,
  ) {
    this.tokens = trivia.tokens.filter((t) => t.kind !== "newline" && t.kind !== "eof");
    this.separators = trivia.tokens.filter((t) => t.kind === "newline").map((t) => t.span.start);
    const starts = [0];
    file.bytes.forEach((b, i) => {
      if (b === 0x0a) starts.push(i + 1);
    });
    this.lineStarts = starts;
    this.comments = this.readComments(trivia.comments);
  }

  /** Pairs every `{` with its `}` and gives each comment its innermost block. */
  private readComments(spans: readonly Span[]): Comment[] {
    const stack: number[] = [];
    const out: Comment[] = [];
    let c = 0;
    const take = (until: number) => {
      for (; c < spans.length && (spans[c]?.start ?? 0) < until; c++) {
        const span = spans[c] as Span;
        out.push({
          span,
          text: this.text(span.start, span.end).replace(/\s+$/, ""),
          standalone: /^[\s;]*$/.test(this.text(this.lineStart(span.start), span.start)),
          owner: stack.at(-1) ?? -1,
        });
      }
    };
    for (const t of this.tokens) {
      take(t.span.start);
      if (t.kind === "lbrace") stack.push(t.span.start);
      else if (t.kind === "rbrace") {
        const open = stack.pop();
        if (open !== undefined) this.closers.set(open, t.span.start);
      }
    }
    take(Number.POSITIVE_INFINITY);
    return out;
  }

  text(start: number, end: number): string {
    return Buffer.from(this.file.bytes.subarray(start, end)).toString("utf8");
  }

  span(start: number, end: number): Span {
    return spanOf(this.file, start, end);
  }

  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private lineStart(offset: number): number {
    return this.lineStarts[this.lineOf(offset)] ?? 0;
  }

  /** Whether a line with nothing but blanks stands between the lines of two offsets. */
  blankBetween(a: number, b: number): boolean {
    for (let line = this.lineOf(a) + 1; line < this.lineOf(b); line++) {
      const start = this.lineStarts[line] ?? 0;
      const end = this.lineStarts[line + 1] ?? this.file.bytes.length;
      if (this.text(start, end).trim() === "") return true;
    }
    return false;
  }

  /** Whether the source continues a line (`\` at its end) between two offsets. */
  continued(a: number, b: number): boolean {
    for (let i = a; i < b - 1; i++)
      if (this.file.bytes[i] === 0x5c && this.file.bytes[i + 1] === 0x0a) return true;
    return false;
  }

  /** Whether a line end or `;` separates two offsets. */
  separated(a: number, b: number): boolean {
    const i = lowerBound(this.separators, a, (x) => x);
    return (this.separators[i] ?? Number.POSITIVE_INFINITY) < b;
  }

  /** The first token that starts at or after an offset. */
  next(offset: number): Token | undefined {
    return this.tokens[lowerBound(this.tokens, offset, (t) => t.span.start)];
  }

  /** The first `{` of a block between two offsets (a word's `{…}` is no token of its own). */
  brace(from: number, to: number): number | undefined {
    for (let t = this.next(from); t && t.span.start < to; t = this.next(t.span.end))
      if (t.kind === "lbrace") return t.span.start;
    return undefined;
  }

  /** The `}` that closes the `{` at an offset. */
  closer(open: number): number {
    const close = this.closers.get(open);
    if (close === undefined) throw new Error(`no \`}\` closes the \`{\` at byte ${open}`);
    return close;
  }

  /** Whether a comment stands between two offsets. */
  hasComment(a: number, b: number): boolean {
    const c = this.comments[lowerBound(this.comments, a + 1, (x) => x.span.start)];
    return c !== undefined && c.span.start < b;
  }

  /** The comments alone on their lines in the block that `{` at `owner` opens (-1: the top level). */
  standaloneIn(owner: number): readonly Comment[] {
    if (!this.byOwner) {
      this.byOwner = new Map();
      for (const c of this.comments) {
        if (!c.standalone) continue;
        const list = this.byOwner.get(c.owner);
        if (list) list.push(c);
        else this.byOwner.set(c.owner, [c]);
      }
    }
    return this.byOwner.get(owner) ?? [];
  }
}

/** The first index whose key is at least `value` (the items sorted by key). */
function lowerBound<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid] as T) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
