// Places in a document as the protocol counts them — a line and a character in UTF-16 code
// units — and as OpenTop does, a byte offset in the UTF-8 file.

import type { SourceFile, Span } from "../diagnostics/source.js";

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export class Lines {
  private readonly starts: number[] = [0];

  constructor(readonly file: SourceFile) {
    file.bytes.forEach((b, i) => {
      if (b === 0x0a) this.starts.push(i + 1);
    });
  }

  private lineText(line: number): string {
    const start = this.starts[line] ?? this.file.bytes.length;
    const end = this.starts[line + 1] ?? this.file.bytes.length;
    return Buffer.from(this.file.bytes.subarray(start, end)).toString("utf8");
  }

  position(offset: number): Position {
    let line = 0;
    for (let hi = this.starts.length - 1; line < hi; ) {
      const mid = (line + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) line = mid;
      else hi = mid - 1;
    }
    const start = this.starts[line] ?? 0;
    const prefix = Buffer.from(this.file.bytes.subarray(start, Math.max(start, offset))).toString("utf8");
    return { line, character: prefix.length };
  }

  /** The byte offset of a position; past the end of its line, the line's end. */
  offset(p: Position): number {
    if (p.line >= this.starts.length) return this.file.bytes.length;
    const text = this.lineText(p.line).replace(/\r?\n$/, "");
    return (this.starts[p.line] ?? 0) + Buffer.byteLength(text.slice(0, Math.max(0, p.character)));
  }

  range(span: Pick<Span, "start" | "end">): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }

  /** The whole document, for an edit that replaces it. */
  all(): Range {
    return { start: { line: 0, character: 0 }, end: this.position(this.file.bytes.length) };
  }
}
