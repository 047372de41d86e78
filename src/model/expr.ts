// The expression language: integer arithmetic inside `{ }` interpolations, conditions of
// `if`, and the functions that compute names and addresses (hex, net, host, ip). Small on
// purpose: integers, text and truth values, no variables of its own (docs/language.md).

import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { type Expansion, type Span, spanOf } from "../diagnostics/source.js";
import { assertNever } from "../never.js";
import { NODE_KEYWORDS, SWITCH_OPTIONS } from "../syntax/parser.js";
import { type Cidr, network, nthAddress, parseCidr, parseIp, subnet } from "./ip.js";

/** What a variable holds: an integer or text. */
export type Scalar = number | string;
/**
 * A name whose value could not be computed: its `let` was reported, so its uses stay quiet
 * rather than each reporting an unknown variable.
 */
export const FAILED: unique symbol = Symbol("failed");
/** The variables in scope: a lab's parameters (a Map), and what loops, ranges and `let` bind. */
export interface Env {
  get(name: string): Scalar | typeof FAILED | undefined;
  /** The names in scope, for a message. */
  keys(): Iterable<string>;
}

/**
 * `outer` with `name` bound. A range binds `i` for each of its copies, tens of thousands in
 * a large lab: each binding links to the scope around it rather than copying it.
 */
export function extend(outer: Env, name: string, value: Scalar | typeof FAILED): Env {
  return new Binding(outer, name, value);
}

class Binding implements Env {
  constructor(
    private readonly outer: Env,
    private readonly name: string,
    private readonly value: Scalar | typeof FAILED,
  ) {}

  get(name: string): Scalar | typeof FAILED | undefined {
    return name === this.name ? this.value : this.outer.get(name);
  }

  /** In the order of a copied Map's: a name bound again keeps its first place. */
  keys(): string[] {
    const names = [...this.outer.keys()];
    if (!names.includes(this.name)) names.push(this.name);
    return names;
  }
}
/** What an expression gives: conditions give truth values. */
type Value = Scalar | boolean;

type ExprCode = "OT0006" | "OT0010" | "OT1014" | "OT2050" | "OT2051";

class ExprError extends Error {
  constructor(
    message: string,
    /** Character offset and length in the expression's text. */
    readonly offset: number,
    readonly length: number,
    readonly code: ExprCode = "OT0006",
    readonly help?: string,
  ) {
    super(message);
  }
}

/** A use of a FAILED name: the expression has no value, and nothing more to report. */
class Failed extends Error {}

/** Words that start a block's statements: `{forward}` was probably meant as `{ forward }`. */
const BLOCK_WORDS = new Set<string>([...NODE_KEYWORDS, ...Object.keys(SWITCH_OPTIONS)]);

const COMPARISONS = ["==", "!=", "<=", ">=", "<", ">"] as const;
type Comparison = (typeof COMPARISONS)[number];

/** A parsed expression; `at` and `length` locate it in its text, for messages. */
type Expr = { readonly at: number; readonly length: number } & ExprBody;
type CallExpr = Expr & { readonly kind: "call" };
type ExprBody =
  | { readonly kind: "literal"; readonly value: Scalar }
  | { readonly kind: "name"; readonly name: string }
  | {
      readonly kind: "call";
      readonly name: string;
      readonly args: readonly Expr[];
      /** The values of its last evaluation, and what it gave (see call). */
      lastValues: readonly Value[] | undefined;
      lastResult: Scalar;
    }
  | { readonly kind: "arith"; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "compare"; readonly op: Comparison; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "logic"; readonly op: "and" | "or"; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "not"; readonly operand: Expr };

/**
 * An interpolation's value (`source` is the inside of `{ }`, at `span`, in the copy `via`);
 * undefined after an error (reported). The span and its copy are joined only for a
 * diagnostic: a large lab evaluates hundreds of thousands of interpolations, nearly all fine.
 */
export function evaluate(
  source: string,
  span: Span,
  via: Expansion | undefined,
  env: Env,
  diagnostics: Diagnostics,
): Scalar | undefined {
  return run(source, span, via, env, diagnostics, scalarOf);
}

/** An `if` condition's truth (`span` and `via` as for evaluate); undefined after an error (reported). */
export function condition(
  source: string,
  span: Span,
  via: Expansion | undefined,
  env: Env,
  diagnostics: Diagnostics,
): boolean | undefined {
  return run(source, span, via, env, diagnostics, truthOf);
}

// What an interpolation and a condition accept of an expression's value. Functions of
// their own, not closures made by each evaluation.

function scalarOf(value: Value, source: string): Scalar {
  if (typeof value === "boolean")
    throw new ExprError(
      "a condition cannot be written into a word",
      0,
      source.length,
      "OT0006",
      INTERPOLATION_HELP,
    );
  return value;
}

function truthOf(value: Value, source: string): boolean {
  if (typeof value !== "boolean")
    throw new ExprError(
      `a condition is true or false, not ${describe(value)}`,
      0,
      source.length,
      "OT0006",
      'compare it, as in `k > 1`, `k % 2 == 0` or `mode == "v6"`',
    );
  return value;
}

const INTERPOLATION_HELP = "an interpolation is an expression such as `{i}`, `{10+i}` or `{hex(i)}`";

function run<T>(
  source: string,
  span: Span,
  via: Expansion | undefined,
  env: Env,
  diagnostics: Diagnostics,
  check: (value: Value, source: string) => T,
): T | undefined {
  try {
    return check(valueIn(parseExpr(source), env), source);
  } catch (e) {
    if (e instanceof Failed) return undefined;
    if (!(e instanceof ExprError)) throw e;
    const start = span.start + Buffer.byteLength(source.slice(0, e.offset));
    const end = start + Math.max(1, Buffer.byteLength(source.slice(e.offset, e.offset + e.length)));
    diagnostics.error(e.code, e.message, {
      span: spanOf(span.file, start, Math.min(span.end, end), via),
      help: e.help ?? (e.code === "OT1014" ? unknownHelp(source, env) : INTERPOLATION_HELP),
    });
    return undefined;
  }
}

function unknownHelp(source: string, env: Env): string {
  const names = [...env.keys()];
  const first = source.trim().split(/\s+/)[0] ?? "";
  return `${
    names.length
      ? `names in scope here: ${names.map((n) => `\`${n}\``).join(", ")}`
      : "no loop variable or parameter is in scope here; declare one with `param NAME = VALUE` or a range"
  }${BLOCK_WORDS.has(first) ? "; a block needs a space after its `{`" : ""}`;
}

// A loop of 20 000 iterations evaluates the same few texts again and again: parse each once.
const parsed = new Map<string, Expr | ExprError>();

function parseExpr(source: string): Expr {
  let tree = parsed.get(source);
  if (tree === undefined) {
    try {
      tree = new ExprParser(source).parse();
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      tree = e;
    }
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(source, tree);
  }
  if (tree instanceof ExprError) throw tree;
  return tree;
}

/** An expression is at most this long, and its parentheses nest at most this deep. */
const MAX_LENGTH = 1000;
const MAX_DEPTH = 32;

class ExprParser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly src: string) {}

  parse(): Expr {
    if (this.src.length > MAX_LENGTH)
      throw new ExprError(
        `an expression is at most ${MAX_LENGTH} characters`,
        0,
        this.src.length,
        "OT0006",
        "use `let` to name parts of it",
      );
    const e = this.or();
    this.skip();
    if (this.pos < this.src.length) {
      const c = this.src[this.pos];
      throw new ExprError(
        `unexpected \`${c}\` in expression`,
        this.pos,
        1,
        "OT0006",
        c === "=" ? "compare with `==`" : undefined,
      );
    }
    return e;
  }

  private skip(): void {
    while (this.src[this.pos] === " " || this.src[this.pos] === "\t") this.pos++;
  }

  /** Whether the keyword `word` (a whole word) is next; consumes it if so. */
  private keyword(word: string): boolean {
    this.skip();
    if (!this.src.startsWith(word, this.pos) || /[A-Za-z0-9_]/.test(this.src[this.pos + word.length] ?? ""))
      return false;
    this.pos += word.length;
    return true;
  }

  private node(start: number, body: ExprBody): Expr {
    return { ...body, at: start, length: this.pos - start };
  }

  private or(): Expr {
    this.skip();
    const start = this.pos;
    let left = this.and();
    while (this.keyword("or")) left = this.node(start, { kind: "logic", op: "or", left, right: this.and() });
    return left;
  }

  private and(): Expr {
    this.skip();
    const start = this.pos;
    let left = this.not();
    while (this.keyword("and"))
      left = this.node(start, { kind: "logic", op: "and", left, right: this.not() });
    return left;
  }

  private not(): Expr {
    this.skip();
    const start = this.pos;
    if (this.keyword("not")) return this.node(start, { kind: "not", operand: this.not() });
    return this.comparison();
  }

  private comparison(): Expr {
    this.skip();
    const start = this.pos;
    const left = this.sum();
    this.skip();
    const op = COMPARISONS.find((c) => this.src.startsWith(c, this.pos));
    if (!op) return left;
    this.pos += op.length;
    return this.node(start, { kind: "compare", op, left, right: this.sum() });
  }

  private sum(): Expr {
    this.skip();
    const start = this.pos;
    let left = this.product();
    for (;;) {
      this.skip();
      const op = this.src[this.pos];
      if (op !== "+" && op !== "-") return left;
      this.pos++;
      left = this.node(start, { kind: "arith", op, left, right: this.product() });
    }
  }

  private product(): Expr {
    this.skip();
    const start = this.pos;
    let left = this.unary();
    for (;;) {
      this.skip();
      const op = this.src[this.pos];
      if (op !== "*" && op !== "/" && op !== "%") return left;
      this.pos++;
      left = this.node(start, { kind: "arith", op, left, right: this.unary() });
    }
  }

  private unary(): Expr {
    this.skip();
    const start = this.pos;
    if (this.src[this.pos] === "-") {
      this.pos++;
      const operand = this.unary();
      return this.node(start, {
        kind: "arith",
        op: "-",
        left: { kind: "literal", value: 0, at: start, length: 0 },
        right: operand,
      });
    }
    return this.atom();
  }

  private atom(): Expr {
    this.skip();
    const start = this.pos;
    const rest = this.src.slice(this.pos);
    const c = rest[0];
    if (c === "(") {
      if (++this.depth > MAX_DEPTH)
        throw new ExprError(
          `parentheses nest more than ${MAX_DEPTH} deep`,
          start,
          1,
          "OT0006",
          "use `let` to name parts of it",
        );
      this.pos++;
      const inner = this.or();
      this.close();
      this.depth--;
      return { ...inner, at: start, length: this.pos - start };
    }
    if (c === '"') return this.string();
    // A prefix such as 10.1.0.0/24 or fd00::/64 is one value, not a division.
    const prefix = /^(\d{1,3}(\.\d{1,3}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*)\/\d{1,3}/.exec(rest);
    if (prefix) {
      this.pos += prefix[0].length;
      return this.node(start, { kind: "literal", value: prefix[0] });
    }
    const digits = /^\d+/.exec(rest);
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
      return this.node(start, { kind: "literal", value: n });
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (name) {
      this.pos += name[0].length;
      this.skip();
      if (this.src[this.pos] !== "(") return this.node(start, { kind: "name", name: name[0] });
      if (++this.depth > MAX_DEPTH)
        throw new ExprError(
          `calls nest more than ${MAX_DEPTH} deep`,
          start,
          1,
          "OT0006",
          "use `let` to name parts of it",
        );
      this.pos++;
      const args: Expr[] = [];
      this.skip();
      if (this.src[this.pos] !== ")")
        do args.push(this.or());
        while (this.comma());
      this.close();
      this.depth--;
      return this.node(start, { kind: "call", name: name[0], args, lastValues: undefined, lastResult: "" });
    }
    throw new ExprError(
      c === undefined ? "expression ends too early" : `unexpected \`${c}\` in expression`,
      start,
      1,
    );
  }

  private comma(): boolean {
    this.skip();
    if (this.src[this.pos] !== ",") return false;
    this.pos++;
    return true;
  }

  private close(): void {
    this.skip();
    if (this.src[this.pos] !== ")") throw new ExprError("expected `)`", this.pos, 1);
    this.pos++;
  }

  /** `"text"`, with `\"` and `\\`. */
  private string(): Expr {
    const start = this.pos++;
    let value = "";
    for (;;) {
      const c = this.src[this.pos++];
      if (c === undefined) throw new ExprError("unterminated string", start, this.pos - start);
      if (c === '"') return this.node(start, { kind: "literal", value });
      value += c === "\\" ? (this.src[this.pos++] ?? "") : c;
    }
  }
}

function valueIn(e: Expr, env: Env): Value {
  switch (e.kind) {
    case "literal":
      return e.value;
    case "name": {
      const value = env.get(e.name);
      if (value === undefined)
        throw new ExprError(`unknown variable \`${e.name}\``, e.at, e.length, "OT1014");
      if (value === FAILED) throw new Failed();
      return value;
    }
    case "call":
      return call(e, env);
    case "arith":
      return arith(e.op, valueIn(e.left, env), valueIn(e.right, env), e);
    case "compare":
      return compare(e.op, valueIn(e.left, env), valueIn(e.right, env), e);
    case "logic": {
      // Short-circuit: `k > 1 and 10 / (k - 1) > 2` is safe for k = 1.
      const left = truth(valueIn(e.left, env), e.op, e.left);
      if (e.op === "and" ? !left : left) return left;
      return truth(valueIn(e.right, env), e.op, e.right);
    }
    case "not":
      return !truth(valueIn(e.operand, env), "not", e.operand);
    default:
      return assertNever(e);
  }
}

function describe(v: Value): string {
  if (typeof v === "boolean") return "a truth value";
  return typeof v === "number" ? `the integer ${v}` : `the text \`${v}\``;
}

function truth(v: Value, op: string, at: Expr): boolean {
  if (typeof v !== "boolean")
    throw new ExprError(
      `\`${op}\` joins conditions, not ${describe(v)}`,
      at.at,
      at.length,
      "OT0006",
      "compare it, as in `k > 1`",
    );
  return v;
}

function integer(v: Value, what: string, at: Expr): number {
  if (typeof v !== "number")
    throw new ExprError(
      `${what} needs an integer, not ${describe(v)}`,
      at.at,
      at.length,
      "OT0006",
      "only integer parameters can be computed with",
    );
  return v;
}

function arith(op: string, a: Value, b: Value, e: Expr): number {
  const x = integer(a, `\`${op}\``, e);
  const y = integer(b, `\`${op}\``, e);
  let r: number;
  switch (op) {
    case "+":
      r = x + y;
      break;
    case "-":
      r = x - y;
      break;
    case "*":
      r = x * y;
      break;
    default:
      if (y === 0) throw new ExprError("division by zero", e.at, e.length);
      r = op === "/" ? Math.floor(x / y) : x - Math.floor(x / y) * y;
  }
  if (!Number.isSafeInteger(r)) throw new ExprError("result too large", e.at, e.length);
  return r;
}

function compare(op: Comparison, a: Value, b: Value, e: Expr): boolean {
  if (op === "==" || op === "!=") {
    if (typeof a !== typeof b)
      throw new ExprError(
        `\`${op}\` compares ${describe(a)} with ${describe(b)}`,
        e.at,
        e.length,
        "OT0006",
        'compare integers with integers and text with text (`mode == "v6"`)',
      );
    return (a === b) === (op === "==");
  }
  const x = integer(a, `\`${op}\``, e);
  const y = integer(b, `\`${op}\``, e);
  switch (op) {
    case "<":
      return x < y;
    case "<=":
      return x <= y;
    case ">":
      return x > y;
    case ">=":
      return x >= y;
    default:
      return assertNever(op);
  }
}

// ---- functions ------------------------------------------------------------------------

interface Fn {
  /** How it is written, for messages: `net(PREFIX, LENGTH, INDEX)`. */
  readonly usage: string;
  /** How many arguments it takes (several counts: several forms). */
  readonly arity: readonly number[];
  /**
   * `values` are the arguments' values, `args` where each is written; both have one of the
   * counts of `arity`. Gives the same for the same values (call() keeps the last result).
   */
  call(values: readonly Value[], args: readonly Expr[], e: Expr): Scalar;
}

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  hex: {
    usage: "hex(INTEGER)",
    arity: [1],
    call: (values, args) => {
      const at = arg(args, 0);
      const n = integer(arg(values, 0), "hex()", at);
      if (n < 0) throw new ExprError("hex() takes a non-negative integer", at.at, at.length);
      return n.toString(16);
    },
  },
  net: {
    usage: "net(PREFIX, LENGTH, INDEX)",
    arity: [3],
    call: (values, args, e) => {
      const base = pool(arg(values, 0), arg(args, 0));
      const length = arg(args, 1);
      const len = integer(arg(values, 1), "the length of net()", length);
      const k = index(arg(values, 2), arg(args, 2), "net()");
      const r = subnet(base, len, k);
      if (r.ok) {
        // A subnet of a pool is a pool: `host(net(…), 1)` finds it checked (see pool).
        made = r.value;
        return r.value.cidr;
      }
      if (len < base.prefix || len > (base.family === 4 ? 32 : 128))
        throw new ExprError(`invalid subnet length ${len}`, length.at, length.length, "OT2051", r.reason);
      throw new ExprError(`subnet ${k} is outside ${base.cidr}`, e.at, e.length, "OT2050", r.reason);
    },
  },
  host: {
    usage: "host(PREFIX, INDEX)",
    arity: [2],
    call: (values, args, e) => nth(values, args, e, "host()").cidr,
  },
  ip: {
    usage: "ip(ADDRESS) or ip(PREFIX, INDEX)",
    arity: [1, 2],
    call: (values, args, e) => {
      if (values.length === 2) return nth(values, args, e, "ip()").text;
      const value = arg(values, 0);
      const text = typeof value === "string" ? value : "";
      const cidr = parseCidr(text);
      if (cidr.ok) return cidr.value.text;
      if (parseIp(text).ok) return text;
      const at = arg(args, 0);
      throw new ExprError(
        `ip() takes an address, not ${describe(value)}`,
        at.at,
        at.length,
        "OT0006",
        "`ip(10.1.0.1/24)` gives 10.1.0.1, and `ip(10.1.0.0/24, 1)` the same",
      );
    },
  },
};

/** The i-th argument's value, or where it is written (arity was checked: it is there). */
function arg<T>(args: readonly T[], i: number): T {
  const a = args[i];
  if (a === undefined) throw new Error(`internal: argument ${i} missing`);
  return a;
}

function index(value: Value, at: Expr, fn: string): number {
  return integer(value, `the index of ${fn}`, at);
}

/** `host(PREFIX, INDEX)`: the index-th address of the prefix, with its length. */
function nth(values: readonly Value[], args: readonly Expr[], e: Expr, fn: string): Cidr {
  const base = pool(arg(values, 0), arg(args, 0));
  const k = index(arg(values, 1), arg(args, 1), fn);
  const r = nthAddress(base, k);
  if (r.ok) return r.value;
  throw new ExprError(`address ${k} is outside ${base.cidr}`, e.at, e.length, "OT2050", r.reason);
}

// A loop asks for the k-th subnet of one pool again and again: check each pool once.
const pools = new Map<string, Cidr>();
/**
 * The last subnet net() made, checked: `host(net(…), 1)` and `let p = net(…)` with
 * `host(p, 0)` ask for it next. Kept apart from `pools`, whose entry for each of a loop's
 * subnets cost more than checking the few asked for again.
 */
let made: Cidr | undefined;

/** A function's prefix argument: a network with its length, such as 10.255.0.0/16. */
function pool(value: Value, at: Expr): Cidr {
  const text = typeof value === "string" ? value : "";
  if (made !== undefined && made.cidr === text) return made;
  let c = pools.get(text);
  if (!c) {
    c = checkPool(value, at, text);
    // Emptied past 1000, as a loop uses what it makes at once.
    if (pools.size > 1000) pools.clear();
    pools.set(text, c);
  }
  return c;
}

function checkPool(value: Value, at: Expr, text: string): Cidr {
  const c = parseCidr(text);
  if (!c.ok)
    throw new ExprError(
      `${typeof value === "string" ? `\`${value}\`` : describe(value)} is not a prefix`,
      at.at,
      at.length,
      "OT2051",
      "a pool is a network with its length, such as 10.255.0.0/16 or fd00:ff::/48",
    );
  const net = network(c.value);
  if (net.text !== c.value.text)
    throw new ExprError(
      `\`${text}\` is not a network`,
      at.at,
      at.length,
      "OT2051",
      `a pool is written with its network address: ${net.cidr}`,
    );
  return c.value;
}

function call(e: CallExpr, env: Env): Scalar {
  const { name, args } = e;
  const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!fn)
    throw new ExprError(
      `unknown function \`${name}\``,
      e.at,
      name.length,
      "OT0006",
      `the functions are ${Object.values(FUNCTIONS)
        .map((f) => `\`${f.usage}\``)
        .join(", ")}`,
    );
  if (!fn.arity.includes(args.length)) {
    const counts = fn.arity.join(" or ");
    throw new ExprError(
      `\`${name}\` takes ${counts} argument${counts === "1" ? "" : "s"}, not ${args.length}`,
      e.at,
      e.length,
      "OT0006",
      `write \`${fn.usage}\``,
    );
  }
  const values: Value[] = [];
  for (const a of args) values.push(valueIn(a, env));
  // The functions give the same for the same values, and a loop's copies often call one
  // with the same (`net(lans, 20, s)` in each of a switch's hosts): the last is kept.
  if (e.lastValues !== undefined && sameValues(e.lastValues, values)) return e.lastResult;
  const result = fn.call(values, args, e);
  e.lastValues = values;
  e.lastResult = result;
  return result;
}

/**
 * Compared from the last: an index, most often what changes, is an integer and compares at
 * once, where two prefixes of one length compare character by character.
 */
function sameValues(a: readonly Value[], b: readonly Value[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return false;
  return true;
}
