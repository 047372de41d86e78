// One printing function per statement kind, in one exhaustive table: a new kind of
// statement does not compile until the formatter prints it. Each returns the statement's
// words and blocks in the order written; the renderer (./render.ts) lays them out.
// The formatter changes layout only: every word is printed as it was written.

import type { Span } from "../diagnostics/source.js";
import type {
  ExpectEnd,
  FilterBodyStmt,
  FilterRuleStmt,
  ForStmt,
  IfStmt,
  LinkEnd,
  NamePattern,
  NatTarget,
  NodeBodyStmt,
  Property,
  TemplateParam,
  TemplateStmt,
  TopStmt,
  Value,
  Word,
} from "../syntax/ast.js";
import { nftText } from "../syntax/nft.js";
import type { Layout } from "./layout.js";
import { type Block, type Item, type Piece, piece, type Seg } from "./segments.js";

/** Every statement of every kind of block. */
export type Stmt = TopStmt | NodeBodyStmt | FilterBodyStmt;

type Printers = { readonly [K in Stmt["kind"]]: (s: Extract<Stmt, { kind: K }>, p: Printer) => Seg[] };

const PRINTERS: Printers = {
  lab: (s, p) => [p.at("lab", s.span), p.word(s.name)],
  param: (s, p) => [p.at("param", s.span), p.word(s.name), p.after("=", s.name.span), p.word(s.value)],
  include: (s, p) => [p.at("include", s.span), p.word(s.path)],
  switch: (s, p) => [
    p.at("switch", s.span),
    ...p.pattern(s.name),
    ...p.options(s.props, s.name.span, s.span),
  ],
  node: (s, p) => [
    p.at("node", s.span),
    ...p.pattern(s.name),
    ...(s.on ? [p.after("on", s.name.span), p.word(s.on)] : []),
    ...p.body(s.body, (s.on ?? s.name).span.end, s.span.end),
  ],
  machine: (s, p) => [
    p.at("machine", s.span),
    ...p.pattern(s.name),
    p.word(s.address),
    ...p.options(s.props, s.address.span, s.span),
  ],
  on: (s, p) => [p.at("on", s.span), p.word(s.machine)],
  vxlan: (s, p) => [
    p.at("vxlan", s.span),
    ...p.options(s.props, p.layout.span(s.span.start, s.span.start + "vxlan".length), s.span),
  ],
  link: (s, p) => {
    const dashes = p.layout.next(s.a.span.end)?.span.start ?? s.a.span.end;
    return [
      p.at("link", s.span),
      ...p.end(s.a),
      piece("--", dashes),
      ...p.end(s.b),
      ...p.optionBlock(s.props, s.b.span.end, s.span.end),
    ];
  },
  template: (s, p) => [p.at("template", s.span), p.word(s.name), p.template(s)],
  isolation: (s, p) => [p.at(s.keyword, s.keywordSpan), ...s.args.map((a) => p.word(a))],
  let: (s, p) => [
    p.at("let", s.span),
    p.word(s.name),
    piece("=", s.name.span.end),
    piece(s.value.source, s.value.span.start),
  ],
  for: (s: ForStmt<Stmt>, p) => [
    p.at("for", s.span),
    p.word(s.variable),
    p.after("in", s.variable.span),
    piece(p.text(s.range.span), s.range.span.start),
    ...p.body(s.body, s.range.span.end, s.span.end),
  ],
  if: (s: IfStmt<Stmt>, p) => p.ifChain(s),
  iface: (s, p) => [
    p.word(s.name),
    ...(s.target ? [p.after("->", s.name.span), p.word(s.target)] : []),
    ...p.options([...s.addresses, ...s.props], s.name.span, s.span),
  ],
  route: (s, p) => [
    p.at("route", s.span),
    p.word(s.destination),
    ...s.props.flatMap((prop) => p.property(prop)),
  ],
  forward: (s, p) => [p.at("forward", s.span)],
  sysctl: (s, p) => [p.at("sysctl", s.span), p.word(s.key), p.word(s.value)],
  filter: (s, p) => [p.at("filter", s.span), ...p.body(s.body, s.span.start + 1, s.span.end)],
  nft: (s, p) => {
    const open = s.textSpan.start - 1;
    const lines = nftText(s.text);
    return [
      p.at("nft", s.span),
      { kind: "raw", open, close: s.textSpan.end, lines: lines === "" ? [] : lines.split("\n") },
    ];
  },
  use: (s, p) => [
    p.at("use", s.span),
    p.word(s.name),
    ...s.args.flatMap((a) => [
      p.word(a.name),
      p.after("=", a.name.span, true),
      { ...p.word(a.value), glue: true },
    ]),
  ],
  expect: (s, p) => [
    p.at("expect", s.span),
    ...p.expectEnd(s.from),
    piece(s.reach ? "->" : "!->", s.arrow.start),
    ...p.expectEnd(s.to),
    ...s.args.map((a) => p.word(a)),
  ],
  policy: (s, p) => [p.word(s.chain), p.after("policy", s.chain.span), p.word(s.verdict)],
  rule: (s, p) => p.rule(s),
};

/** A statement's words and blocks. */
export function statement(s: Stmt, p: Printer): Seg[] {
  return (PRINTERS[s.kind] as (s: Stmt, p: Printer) => Seg[])(s, p);
}

export class Printer {
  constructor(readonly layout: Layout) {}

  text(span: Span): string {
    return this.layout.text(span.start, span.end);
  }

  /** A word, string or keyword exactly as written. */
  word(w: Value | Word | { readonly span: Span }): Piece {
    return piece(this.text(w.span), w.span.start);
  }

  /** A keyword at the start of a span (its text is the keyword: the parser read it so). */
  at(keyword: string, span: Span): Piece {
    return piece(keyword, span.start);
  }

  /** A keyword or punctuation that follows a span (`=`, `->`, `in`, `policy`). */
  after(text: string, span: Span, glue = false): Piece {
    return piece(text, this.layout.next(span.end)?.span.start ?? span.end, glue);
  }

  pattern(p: NamePattern): Piece[] {
    if (!p.range) return [this.word(p.name)];
    return [
      this.word(p.name),
      this.after("[", p.name.span, true),
      piece(this.text(p.range.span), p.range.span.start, true),
      piece("]", p.span.end - 1, true),
    ];
  }

  /** An end of an expectation: a name pattern, and `.IFACE` glued to a range's `]`. */
  expectEnd(e: ExpectEnd): Piece[] {
    return [...this.pattern(e.pattern), ...(e.suffix ? [{ ...this.word(e.suffix), glue: true }] : [])];
  }

  property(prop: Property): Piece[] {
    return [piece(this.text(prop.keySpan), prop.keySpan.start), ...prop.args.map((a) => this.word(a))];
  }

  /**
   * Addresses and options in the order written, those on the statement's line, then its
   * `{ … }` block of options if it has one (between `from` and the statement's end).
   */
  options(items: readonly (Word | Property)[], from: Span, span: Span): Seg[] {
    const open = this.layout.brace(from.end, span.end);
    const inline = items.filter((i) => open === undefined || i.span.start < open);
    const inBlock = items.filter((i): i is Property => open !== undefined && i.span.start > open);
    const pieces = byPlace(inline).flatMap((i) => ("key" in i ? this.property(i) : [this.word(i)]));
    return open === undefined ? pieces : [...pieces, this.optionLines(inBlock, open)];
  }

  /** A link's `{ … }` of options, after its second end. */
  optionBlock(props: readonly Property[], from: number, to: number): Seg[] {
    const open = this.layout.brace(from, to);
    return open === undefined ? [] : [this.optionLines(props, open)];
  }

  /** Options in a block, one item per line as written (`;` starts a line too). */
  private optionLines(props: readonly Property[], open: number): Block {
    const lines: Property[][] = [];
    for (const prop of props) {
      const line = lines.at(-1);
      const last = line?.at(-1);
      if (line && last && !this.layout.separated(last.span.end, prop.span.start)) line.push(prop);
      else lines.push([prop]);
    }
    const items = lines.map((line) => ({
      start: line[0]?.span.start ?? open,
      end: line.at(-1)?.span.end ?? open,
      segs: line.flatMap((prop) => this.property(prop)),
    }));
    return { kind: "block", open, close: this.layout.closer(open), items, separator: " " };
  }

  end(e: LinkEnd): Piece[] {
    const items = byPlace<Word | Property>([...e.addresses, ...e.props]);
    return [this.word(e.target), ...items.flatMap((i) => ("key" in i ? this.property(i) : [this.word(i)]))];
  }

  /** A block of statements whose `{` is the first between two offsets; none if not written. */
  body(stmts: readonly Stmt[], from: number, to: number): Block[] {
    const open = this.layout.brace(from, to);
    return open === undefined
      ? []
      : [
          this.block(
            stmts.map((s) => this.item(s)),
            open,
          ),
        ];
  }

  item(s: Stmt): Item {
    return { start: s.span.start, end: s.span.end, segs: statement(s, this) };
  }

  private block(items: readonly Item[], open: number): Block {
    return { kind: "block", open, close: this.layout.closer(open), items, separator: ";" };
  }

  /** `if C { … } else if D { … } else { … }`: an `else if` continues the chain on its line. */
  ifChain(s: IfStmt<Stmt>): Seg[] {
    const open = this.layout.brace(s.condition.span.end, s.span.end) ?? s.span.end;
    const then = this.block(
      s.body.map((b) => this.item(b)),
      open,
    );
    const segs: Seg[] = [this.at("if", s.span), piece(s.condition.source, s.condition.span.start), then];
    if (!s.otherwise) return segs;
    const elseAt = this.layout.next(then.close + 1)?.span.start ?? then.close + 1;
    segs.push(piece("else", elseAt));
    const [only, ...more] = s.otherwise;
    if (
      only?.kind === "if" &&
      more.length === 0 &&
      only.span.start === this.layout.next(elseAt + 4)?.span.start
    )
      return [...segs, ...this.ifChain(only)];
    return [...segs, ...this.body(s.otherwise, elseAt, s.span.end)];
  }

  /** A template's parameters and statements, in the order written. */
  template(s: TemplateStmt): Block {
    const open = this.layout.brace(s.name.span.end, s.span.end) ?? s.span.end;
    const params = s.params.map((param) => ({
      start: param.span.start,
      end: param.span.end,
      segs: this.param(param),
    }));
    const items = [...params, ...s.body.map((b) => this.item(b))].sort((a, b) => a.start - b.start);
    return this.block(items, open);
  }

  private param(param: TemplateParam): Piece[] {
    const head = [this.at("param", param.span), this.word(param.name)];
    return param.value ? [...head, this.after("=", param.name.span), this.word(param.value)] : head;
  }

  /** `[CHAIN] [nat] ACTION CLAUSES… [to TARGET]`, clauses and target in the order written. */
  rule(r: FilterRuleStmt): Piece[] {
    const head = r.chain
      ? [this.word(r.chain)]
      : r.span.start < r.action.span.start
        ? [this.at("nat", r.span)]
        : [];
    const rest = byPlace<Property | NatTarget>([...r.clauses, ...(r.target ? [r.target] : [])]).flatMap(
      (c) => ("key" in c ? this.clause(c) : this.target(c)),
    );
    return [...head, this.word(r.action), ...rest];
  }

  private clause(c: Property): Piece[] {
    if (c.key !== "ct") return this.property(c);
    return [this.at("ct", c.keySpan), this.after("state", c.keySpan), ...c.args.map((a) => this.word(a))];
  }

  private target(t: NatTarget): Piece[] {
    const to = this.at("to", t.span);
    if (!t.bracketed) return [to, this.word(t.address)];
    return [
      to,
      this.after("[", this.layout.span(t.span.start, t.span.start + 2)),
      { ...this.word(t.address), glue: true },
      this.after("]", t.address.span, true),
      ...(t.port ? [{ ...this.word(t.port), glue: true }] : []),
    ];
  }
}

function byPlace<T extends { readonly span: Span }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.span.start - b.span.start);
}
