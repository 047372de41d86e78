// The scanner: bytes of a lab file to tokens, pulled one at a time by the parser.
// Words are the language's atoms (names, addresses, numbers with units); a word may hold
// `{expr}` interpolations glued to its text, as in `pc{i}` or `10.0.{i}.1/24`.

import { Diagnostics } from "../diagnostics/diagnostic.js";
import { type SourceFile, type Span, spanOf } from "../diagnostics/source.js";

export type TokenKind =
  | "word"
  | "string"
  | "arrow" // ->
  | "notarrow" // !->
  | "lbrace"
  | "rbrace"
  | "lbracket"
  | "rbracket"
  | "equals"
  | "newline" // also `;`
  | "eof";

export type WordPart =
  | { readonly kind: "text"; readonly text: string; readonly span: Span }
  | { readonly kind: "expr"; readonly source: string; readonly span: Span };

export interface Token {
  readonly kind: TokenKind;
  readonly span: Span;
  /** Raw source text of the token. */
  readonly text: string;
  /** For words: literal text and interpolations in order. */
  readonly parts?: readonly WordPart[];
  /** For strings: the decoded value. */
  readonly value?: string;
  /** Already reported as malformed (an unterminated string): the parser stays quiet about it. */
  readonly bad?: boolean;
}

enum Ch {
  Tab = 0x09,
  Newline = 0x0a,
  Cr = 0x0d,
  Space = 0x20,
  Bang = 0x21,
  Quote = 0x22,
  Hash = 0x23,
  Minus = 0x2d,
  Semicolon = 0x3b,
  Equals = 0x3d,
  Greater = 0x3e,
  LBracket = 0x5b,
  Backslash = 0x5c,
  RBracket = 0x5d,
  LBrace = 0x7b,
  RBrace = 0x7d,
}

/** Characters that may appear in a word: names, numbers, addresses, prefixes, lists. */
export function isWordByte(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || // 0-9
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x61 && c <= 0x7a) || // a-z
    c === 0x5f || // _
    c === 0x2e || // .
    c === 0x3a || // :
    c === 0x2f || // /
    c === 0x2c || // ,
    c === 0x2d || // -
    c === 0x2b || // +
    c === 0x25 || // %
    c === 0x40 || // @
    c === 0x2a // *
  );
}

/** A byte that ends or starts an operand (a name, a number, a parenthesis): two never touch. */
function isOperand(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/** Characters an interpolation may contain: an integer expression over names. */
function isExprByte(c: number): boolean {
  return isWordByte(c) || c === Ch.Space || c === Ch.Tab || c === 0x28 || c === 0x29 || c === 0x2f;
}

/**
 * What the parser does not keep, for the tools that reprint a file (src/format/): every
 * token it read, in order, and every `#` comment. Filled only when asked for.
 */
export interface Trivia {
  readonly tokens: Token[];
  readonly comments: Span[];
}

export class Lexer {
  private pos = 0;
  private readonly bytes: Uint8Array;

  constructor(
    readonly file: SourceFile,
    readonly diagnostics: Diagnostics = new Diagnostics(),
    private readonly trivia?: Trivia,
  ) {
    this.bytes = file.bytes;
  }

  get offset(): number {
    return this.pos;
  }

  private text(start: number, end: number): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, end - start).toString("utf8");
  }

  private span(start: number, end: number): Span {
    return spanOf(this.file, start, end);
  }

  private token(kind: TokenKind, start: number, extra: Partial<Token> = {}): Token {
    return { kind, span: this.span(start, this.pos), text: this.text(start, this.pos), ...extra };
  }

  next(): Token {
    const t = this.scan();
    this.trivia?.tokens.push(t);
    return t;
  }

  private scan(): Token {
    this.skipBlanksAndComments();
    const start = this.pos;
    if (this.pos >= this.bytes.length) return this.token("eof", start);
    const c = this.bytes[this.pos] ?? 0;
    switch (c) {
      case Ch.Newline:
      case Ch.Semicolon:
        this.pos++;
        return this.token("newline", start);
      case Ch.LBrace:
        // `{8000+i}` — braces tight around an expression — starts a word; `{ …` opens a block.
        if (this.interpolationEnd(this.pos, true) !== -1) return this.word();
        this.pos++;
        return this.token("lbrace", start);
      case Ch.RBrace:
        this.pos++;
        return this.token("rbrace", start);
      case Ch.LBracket:
        this.pos++;
        return this.token("lbracket", start);
      case Ch.RBracket:
        this.pos++;
        return this.token("rbracket", start);
      case Ch.Equals:
        this.pos++;
        return this.token("equals", start);
      case Ch.Quote:
        return this.string();
      case Ch.Bang:
        if (this.bytes[this.pos + 1] === Ch.Minus && this.bytes[this.pos + 2] === Ch.Greater) {
          this.pos += 3;
          return this.token("notarrow", start);
        }
        break;
      case Ch.Minus:
        if (this.bytes[this.pos + 1] === Ch.Greater) {
          this.pos += 2;
          return this.token("arrow", start);
        }
        break;
    }
    if (isWordByte(c)) return this.word();
    // One unexpected character (a whole UTF-8 sequence), reported, then skipped.
    this.pos++;
    while (this.pos < this.bytes.length && ((this.bytes[this.pos] ?? 0) & 0xc0) === 0x80) this.pos++;
    const shown = this.text(start, this.pos);
    this.diagnostics.error("OT0001", `unexpected character ${JSON.stringify(shown)}`, {
      span: this.span(start, this.pos),
      help: "names, numbers and addresses use letters, digits and . : / , - _ + % @ *; quote anything else",
    });
    return this.scan();
  }

  private skipBlanksAndComments(): void {
    for (;;) {
      const c = this.bytes[this.pos];
      if (c === Ch.Space || c === Ch.Tab || c === Ch.Cr) this.pos++;
      else if (c === Ch.Backslash && this.bytes[this.pos + 1] === Ch.Newline)
        this.pos += 2; // line continuation
      else if (c === Ch.Hash) {
        const start = this.pos;
        while (this.pos < this.bytes.length && this.bytes[this.pos] !== Ch.Newline) this.pos++;
        this.trivia?.comments.push(this.span(start, this.pos));
      } else return;
    }
  }

  private word(): Token {
    const start = this.pos;
    const parts: WordPart[] = [];
    let textStart = this.pos;
    const flushText = () => {
      if (this.pos > textStart)
        parts.push({
          kind: "text",
          text: this.text(textStart, this.pos),
          span: this.span(textStart, this.pos),
        });
    };
    for (;;) {
      const c = this.bytes[this.pos] ?? -1;
      if (c === Ch.Minus && this.bytes[this.pos + 1] === Ch.Greater) break; // `a->b`
      if (isWordByte(c)) {
        this.pos++;
        continue;
      }
      if (c === Ch.LBrace) {
        const close = this.interpolationEnd(this.pos, this.pos === start);
        if (close === -1) break;
        flushText();
        parts.push({
          kind: "expr",
          source: this.text(this.pos + 1, close),
          span: this.span(this.pos + 1, close),
        });
        this.pos = close + 1;
        textStart = this.pos;
        continue;
      }
      break;
    }
    flushText();
    return this.token("word", start, { parts });
  }

  /**
   * The offset of the `}` closing an interpolation that starts at `open`, or -1 if this is
   * a block. `tight` (a `{` that starts a word) is a block when a blank follows the `{`
   * (`{ mtu 1400 }`) or when two words stand side by side inside (`{mtu 1400}`), which no
   * expression does; so `{host(10.1.0.0/24, i + 1)}` is an interpolation.
   */
  private interpolationEnd(open: number, tight = false): number {
    const first = this.bytes[open + 1];
    if (tight && (first === Ch.Space || first === Ch.Tab)) return -1;
    let depth = 0;
    /** The last byte before a run of blanks, and whether the run is under way. */
    let beforeBlank = 0;
    for (let i = open + 1; i < this.bytes.length; i++) {
      const c = this.bytes[i] ?? 0;
      if (c === Ch.RBrace) return depth === 0 && i > open + 1 ? i : -1;
      if (c === Ch.Space || c === Ch.Tab) {
        beforeBlank ||= this.bytes[i - 1] ?? 0;
        continue;
      }
      if (tight && beforeBlank && isOperand(beforeBlank) && isOperand(c)) return -1;
      beforeBlank = 0;
      if (c === 0x28) depth++;
      else if (c === 0x29) depth--;
      else if (!isExprByte(c)) return -1;
    }
    return -1;
  }

  private string(): Token {
    const start = this.pos;
    this.pos++; // opening quote
    let value = "";
    let chunk = this.pos;
    for (;;) {
      const c = this.bytes[this.pos];
      if (c === undefined || c === Ch.Newline) {
        value += this.text(chunk, this.pos);
        this.diagnostics.error("OT0002", "unterminated string", {
          span: this.span(start, this.pos),
          label: "this string is not closed before the end of the line",
          help: 'close it with `"`; a string cannot span lines (write \\n for a line break)',
        });
        return this.token("string", start, { value, bad: true });
      }
      if (c === Ch.Quote) {
        value += this.text(chunk, this.pos);
        this.pos++;
        return this.token("string", start, { value });
      }
      if (c === Ch.Backslash) {
        value += this.text(chunk, this.pos);
        const e = this.bytes[this.pos + 1];
        const escapes: Record<number, string> = { 34: '"', 92: "\\", 110: "\n", 116: "\t" };
        const decoded = e === undefined ? undefined : escapes[e];
        if (decoded === undefined) {
          this.diagnostics.error("OT0005", "invalid escape in string", {
            span: this.span(this.pos, Math.min(this.pos + 2, this.bytes.length)),
            help: 'the escapes are \\" \\\\ \\n and \\t',
          });
        } else value += decoded;
        this.pos += e === undefined || e === Ch.Newline ? 1 : 2;
        chunk = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  /**
   * The raw text of an expression outside braces (an `if` condition, a `let` value): from
   * here to the `{` that opens a block, a `}`, `;`, `#` or the end of the line (quoted
   * strings may hold anything but a line break). Leaves the scanner there. The model parses it.
   */
  expression(): { text: string; span: Span } {
    while (this.bytes[this.pos] === Ch.Space || this.bytes[this.pos] === Ch.Tab) this.pos++;
    const start = this.pos;
    let end = start;
    let inString = false;
    for (; this.pos < this.bytes.length; this.pos++) {
      const c = this.bytes[this.pos];
      if (c === Ch.Newline || (c === Ch.Cr && this.bytes[this.pos + 1] === Ch.Newline)) break;
      if (inString) {
        if (c === Ch.Backslash && this.bytes[this.pos + 1] !== Ch.Newline) this.pos++;
        else if (c === Ch.Quote) inString = false;
      } else if (c === Ch.Quote) inString = true;
      else if (c === Ch.LBrace || c === Ch.RBrace || c === Ch.Semicolon || c === Ch.Hash) break;
      if (c !== Ch.Space && c !== Ch.Tab) end = this.pos + 1;
    }
    this.pos = Math.min(this.pos, this.bytes.length);
    return { text: this.text(start, end), span: this.span(start, end) };
  }

  /** Skips the rest of the file: after an unclosed raw block, nothing more can be read. */
  skipToEnd(): void {
    this.pos = this.bytes.length;
  }

  /**
   * Raw text up to the `}` that balances a `{` just consumed (for blocks of literal
   * nftables or iproute2 text). Leaves the scanner on that `}`.
   */
  rawBlock(): { text: string; span: Span } | undefined {
    const start = this.pos;
    let depth = 0;
    let inString = false;
    for (let i = this.pos; i < this.bytes.length; i++) {
      const c = this.bytes[i];
      if (inString) {
        if (c === Ch.Backslash) i++;
        else if (c === Ch.Quote || c === Ch.Newline) inString = false;
      } else if (c === Ch.Quote) inString = true;
      else if (c === Ch.Hash) {
        while (i < this.bytes.length && this.bytes[i] !== Ch.Newline) i++;
      } else if (c === Ch.LBrace) depth++;
      else if (c === Ch.RBrace) {
        if (depth === 0) {
          this.pos = i;
          return { text: this.text(start, i), span: this.span(start, i) };
        }
        depth--;
      }
    }
    return undefined;
  }
}
