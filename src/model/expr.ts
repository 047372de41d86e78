// The integer expressions inside `{ }` interpolations: + - * / % and parentheses over
// integers, loop variables and parameters, plus hex(x) for IPv6 address parts.

import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { type Span, spanOf } from "../diagnostics/source.js";
import { NODE_KEYWORDS, SWITCH_OPTIONS } from "../syntax/parser.js";

export type Scalar = number | string;
export type Env = ReadonlyMap<string, Scalar>;

class ExprError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length: number,
    readonly code: "OT0006" | "OT0010" | "OT0011" | "OT1014" = "OT0006",
    readonly help?: string,
  ) {
    super(message);
  }
}

/** Words that start a block's statements: `{forward}` was probably meant as `{ forward }`. */
const BLOCK_WORDS = new Set<string>([...NODE_KEYWORDS, ...Object.keys(SWITCH_OPTIONS)]);

const FUNCTIONS: Record<string, (x: number) => string> = {
  hex: (x) => x.toString(16),
};

/** Evaluate `source` (the inside of `{ }`, at `span`). Reports and returns undefined on error. */
export function evaluate(source: string, span: Span, env: Env, diagnostics: Diagnostics): Scalar | undefined {
  try {
    return new ExprParser(source, env).parse();
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    // Offsets within the expression are character indices; the expression is ASCII.
    const start = span.start + e.offset;
    const names = [...env.keys()];
    diagnostics.error(e.code, e.message, {
      span: spanOf(span.file, start, Math.min(span.end, start + Math.max(1, e.length))),
      help:
        e.help ??
        (e.code === "OT1014"
          ? `${
              names.length
                ? `names in scope here: ${names.map((n) => `\`${n}\``).join(", ")}`
                : "no loop variable or parameter is in scope here; declare one with `param NAME = VALUE` or a range"
            }${BLOCK_WORDS.has(source.trim()) ? "; a block needs a space after its `{`" : ""}`
          : "an interpolation is an integer expression such as `{i}`, `{10+i}` or `{hex(i)}`"),
    });
    return undefined;
  }
}

/** Parentheses, function calls and unary minuses nested in one expression: enough for any lab, not a stack's worth. */
export const MAX_EXPR_DEPTH = 100;

class ExprParser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly src: string,
    private readonly env: Env,
  ) {}

  parse(): Scalar {
    const value = this.sum();
    this.skip();
    if (this.pos < this.src.length)
      throw new ExprError(`unexpected \`${this.src[this.pos]}\` in expression`, this.pos, 1);
    return value;
  }

  private skip(): void {
    while (this.src[this.pos] === " " || this.src[this.pos] === "\t") this.pos++;
  }

  private sum(): Scalar {
    let left = this.product();
    for (;;) {
      this.skip();
      const op = this.src[this.pos];
      if (op !== "+" && op !== "-") return left;
      const at = this.pos++;
      const right = this.product();
      left = arith(op, left, right, at);
    }
  }

  private product(): Scalar {
    let left = this.unary();
    for (;;) {
      this.skip();
      const op = this.src[this.pos];
      if (op !== "*" && op !== "/" && op !== "%") return left;
      const at = this.pos++;
      const right = this.unary();
      left = arith(op, left, right, at);
    }
  }

  private unary(): Scalar {
    this.skip();
    this.nest();
    try {
      if (this.src[this.pos] === "-") {
        const at = this.pos++;
        return arith("-", 0, this.unary(), at);
      }
      return this.atom();
    } finally {
      this.depth--;
    }
  }

  /** One level deeper (a unary minus, a parenthesis, a call); past the limit, an error. */
  private nest(): void {
    if (++this.depth <= MAX_EXPR_DEPTH) return;
    throw new ExprError(
      `expression nested more than ${MAX_EXPR_DEPTH} levels deep`,
      this.pos,
      1,
      "OT0011",
      "write the value more simply: an interpolation holds a small integer expression such as `{10+i*2}`",
    );
  }

  private atom(): Scalar {
    this.skip();
    const start = this.pos;
    const c = this.src[this.pos];
    if (c === "(") {
      this.pos++;
      const v = this.sum();
      this.skip();
      if (this.src[this.pos] !== ")") throw new ExprError("expected `)`", this.pos, 1);
      this.pos++;
      return v;
    }
    const digits = /^\d+/.exec(this.src.slice(this.pos));
    if (digits) {
      this.pos += digits[0].length;
      const n = Number(digits[0]);
      if (!Number.isSafeInteger(n))
        throw new ExprError(
          "number too large",
          start,
          digits[0].length,
          "OT0010",
          "integers go up to 2^53 - 1",
        );
      return n;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos));
    if (name) {
      this.pos += name[0].length;
      this.skip();
      const fn = FUNCTIONS[name[0]];
      if (fn && this.src[this.pos] === "(") {
        this.pos++;
        const arg = this.sum();
        this.skip();
        if (this.src[this.pos] !== ")") throw new ExprError("expected `)`", this.pos, 1);
        this.pos++;
        if (typeof arg !== "number" || arg < 0)
          throw new ExprError(`${name[0]}() takes a non-negative integer`, start, this.pos - start);
        return fn(arg);
      }
      const value = this.env.get(name[0]);
      if (value === undefined)
        throw new ExprError(`unknown variable \`${name[0]}\``, start, name[0].length, "OT1014");
      return value;
    }
    throw new ExprError(
      c === undefined ? "expression ends too early" : `unexpected \`${c}\` in expression`,
      start,
      1,
    );
  }
}

function arith(op: string, a: Scalar, b: Scalar, at: number): number {
  if (typeof a !== "number" || typeof b !== "number")
    throw new ExprError(
      `\`${op}\` needs integers, not text`,
      at,
      1,
      "OT0006",
      "only integer parameters can be computed with",
    );
  let r: number;
  switch (op) {
    case "+":
      r = a + b;
      break;
    case "-":
      r = a - b;
      break;
    case "*":
      r = a * b;
      break;
    default:
      if (b === 0) throw new ExprError("division by zero", at, 1);
      r = op === "/" ? Math.floor(a / b) : a - Math.floor(a / b) * b;
  }
  if (!Number.isSafeInteger(r)) throw new ExprError("result too large", at, 1);
  return r;
}
