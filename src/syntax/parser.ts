// Recursive descent over the token stream. The parser never stops at the first error: it
// records a diagnostic, skips to the next statement, and goes on, so one run reports all.

import { Diagnostics } from "../diagnostics/diagnostic.js";
import { join, type SourceFile, type Span, spanOf } from "../diagnostics/source.js";
import type {
  ExpectEnd,
  ExpectStmt,
  FilterBodyStmt,
  FilterStmt,
  ForStmt,
  IfaceStmt,
  IfStmt,
  IncludeStmt,
  IsolationKeyword,
  IsolationStmt,
  Keyword,
  LabFile,
  LetStmt,
  LinkEnd,
  LinkStmt,
  NamePattern,
  NatTarget,
  NftStmt,
  NodeBodyStmt,
  Property,
  Range,
  RouteStmt,
  TemplateParam,
  TemplateStmt,
  TopStmt,
  UseArg,
  UseStmt,
  Value,
  Word,
} from "./ast.js";
import {
  CHAINS,
  CLAUSE_ALIASES,
  isChain,
  isNatAction,
  isVerdict,
  NAT_ACTIONS,
  RULE_CLAUSES,
  SPECIAL_CLAUSES,
  STATEMENT_ALIASES,
} from "./filter.js";
import { Lexer, type Token, type TokenKind, type Trivia, type WordPart } from "./lexer.js";

/** How many arguments each option of a statement takes. */
type Arity = Readonly<Record<string, number>>;

/** An option's arity; undefined for a word that is none (`toString` is no option). */
function arityOf(options: Arity, word: string): number | undefined {
  return Object.hasOwn(options, word) ? options[word] : undefined;
}

export const SWITCH_OPTIONS: Arity = { mtu: 1, "vlan-aware": 0 };
/** A machine's options (src/model/machines.ts): how to reach it, and its underlay's MTU. */
export const MACHINE_OPTIONS: Arity = { ssh: 1, "ssh-option": 2, mtu: 1 };
/** The lab's tunnels between machines: their UDP port and first VNI. */
export const VXLAN_OPTIONS: Arity = { port: 1, vni: 1 };
export const IFACE_OPTIONS: Arity = {
  mtu: 1,
  mac: 1,
  "host-name": 1,
  "host-address": 1,
  "host-masquerade": 0,
  // On the host's side of a host link: it may take a prefix under the host's default route (OT6020).
  "host-override-default": 0,
  // Shaping (src/model/shaping.ts): what the interface sends, and with `both` what it receives.
  rate: 1,
  burst: 1,
  delay: 1,
  jitter: 1,
  loss: 1,
  limit: 1,
  both: 0,
  // A VLAN-aware switch's port (src/model/links/switch-vlans.ts).
  access: 1,
  trunk: 1,
  native: 1,
  // The host's NIC (src/model/links/nic.ts): a macvlan on it (with its mode), or it, moved in.
  macvlan: 1,
  move: 0,
};
export const ROUTE_OPTIONS: Arity = {
  via: 1,
  dev: 1,
  metric: 1,
  src: 1,
  mtu: 1,
  onlink: 0,
  // A multipath route's paths, as iproute2 writes them (`nexthop via A weight 2 nexthop …`).
  nexthop: 0,
  weight: 1,
};

export const TOP_KEYWORDS: readonly string[] = [
  "lab",
  "param",
  "include",
  "template",
  "switch",
  "node",
  "link",
  "isolate",
  "expect",
  "machine",
  "on",
  "vxlan",
  "let",
  "for",
  "if",
];
/** Top-level statements that a loop or a condition cannot hold: they are read before expansion. */
const UNREPEATABLE = ["lab", "param", "template", "include", "machine", "on", "vxlan"];
/** The word that separates the two ends of a `link`. */
export const LINK_SEPARATOR = "--";
/** The statements of a node body; anything else starts an interface (with its name). */
export const NODE_STATEMENTS = [
  "route",
  "forward",
  "sysctl",
  "filter",
  "nft",
  "for",
  "isolate",
  "hostname",
  "mount",
  "bind",
  "root",
  "limit",
  "run",
  "let",
  "if",
  "use",
] as const;
/**
 * Words that cannot name an interface: the statements, and words that are no statement of
 * a node body but are reported as misplaced (OT0023, OT0024), not read as an interface.
 */
export const NODE_KEYWORDS: readonly string[] = [
  ...NODE_STATEMENTS,
  "else",
  "param",
  "link",
  "include",
  "template",
];

const KIND_NAMES: Record<TokenKind, string> = {
  word: "a word",
  string: "a string",
  arrow: "`->`",
  notarrow: "`!->`",
  lbrace: "`{`",
  rbrace: "`}`",
  lbracket: "`[`",
  rbracket: "`]`",
  equals: "`=`",
  newline: "end of line",
  eof: "end of file",
};

class ParseError extends Error {}

/** `trivia`, when given, receives every token read and every comment (src/format/ reprints with them). */
export function parse(file: SourceFile, diagnostics = new Diagnostics(), trivia?: Trivia): LabFile {
  return new Parser(file, diagnostics, trivia).file();
}

/**
 * How deeply blocks may nest (`for` in `for` in a node…): far beyond any lab, and far below
 * what would exhaust the parser's stack. A block past it is reported and skipped.
 */
export const MAX_NESTING = 64;

class Parser {
  private readonly lexer: Lexer;
  private tok: Token;
  /** Blocks open around the current token. */
  private depth = 0;

  constructor(
    private readonly source: SourceFile,
    private readonly diagnostics: Diagnostics,
    trivia?: Trivia,
  ) {
    this.lexer = new Lexer(source, diagnostics, trivia);
    this.tok = this.lexer.next();
  }

  file(): LabFile {
    const statements = this.statements(() => this.topStatement(), false);
    return { statements, span: spanOf(this.source, 0, this.source.bytes.length) };
  }

  // ---- token helpers ------------------------------------------------------------------

  private advance(): Token {
    const t = this.tok;
    this.tok = this.lexer.next();
    return t;
  }

  private at(kind: TokenKind): boolean {
    return this.tok.kind === kind;
  }

  private atKeyword(word: string): boolean {
    return this.tok.kind === "word" && this.tok.text === word;
  }

  private fail(message: string, help?: string, span: Span = this.tok.span): never {
    if (!this.tok.bad)
      this.diagnostics.error("OT0003", message, { span, label: `found ${describe(this.tok)}`, help });
    throw new ParseError(message);
  }

  private consume(kind: TokenKind, what: string, help?: string): Token {
    if (this.tok.kind !== kind) this.fail(`expected ${KIND_NAMES[kind]} ${what}`, help);
    return this.advance();
  }

  private wordToken(what: string, help?: string): Word {
    if (this.tok.kind !== "word") this.fail(`expected ${what}`, help);
    return toWord(this.advance());
  }

  private value(what: string): Value {
    if (this.tok.kind === "string") {
      const t = this.advance();
      return { kind: "string", value: t.value ?? "", span: t.span };
    }
    return this.wordToken(what);
  }

  /** The end of a statement: a line break, `;`, or the `}` / end of file that follows. */
  private endOfStatement(what: string): void {
    if (this.at("newline")) {
      this.advance();
      return;
    }
    if (this.at("rbrace") || this.at("eof")) return;
    this.fail(
      `unexpected ${describe(this.tok)} after ${what}`,
      "put each statement on its own line, or separate them with `;`",
    );
  }

  /** Skip to the start of the next statement after an error. */
  private synchronize(): void {
    let depth = 0;
    for (;;) {
      switch (this.tok.kind) {
        case "eof":
          return;
        case "newline":
          this.advance();
          if (depth === 0) return;
          break;
        case "lbrace":
          depth++;
          this.advance();
          break;
        case "rbrace":
          if (depth === 0) return;
          depth--;
          this.advance();
          if (depth === 0) return;
          break;
        default:
          this.advance();
      }
    }
  }

  /** Statements until `}` (inside a block) or end of file (at top level). */
  private statements<T>(parseOne: () => T | undefined, inBlock: boolean): T[] {
    const out: T[] = [];
    for (;;) {
      while (this.at("newline")) this.advance();
      if (this.at("eof")) return out;
      if (this.at("rbrace")) {
        if (inBlock) return out;
        this.diagnostics.error("OT0003", "unexpected `}` with no block open", { span: this.tok.span });
        this.advance();
        continue;
      }
      try {
        const stmt = parseOne();
        if (stmt !== undefined) out.push(stmt);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        this.synchronize();
      }
    }
  }

  /** `{ statements }` with the opening brace current. Returns the block and its closing span. */
  private block<T>(parseOne: () => T | undefined, owner: Span, what: string): { body: T[]; end: Span } {
    if (this.depth >= MAX_NESTING && this.at("lbrace")) {
      // Reported at the deepest `{`, and the block skipped whole as raw text: scanning it
      // as tokens would report what only its statements can read (an `if`'s condition).
      this.diagnostics.error("OT0025", `blocks nest more than ${MAX_NESTING} deep`, {
        span: this.tok.span,
        help: "a lab needs few levels: use a loop or a template instead of nesting further",
      });
      if (this.lexer.rawBlock()) {
        this.tok = this.lexer.next();
        this.advance(); // its `}`
      } else {
        this.lexer.skipToEnd();
        this.tok = this.lexer.next();
      }
      throw new ParseError();
    }
    const open = this.consume("lbrace", `to open ${what}`);
    this.depth++;
    let body: T[];
    try {
      body = this.statements(parseOne, true);
    } finally {
      this.depth--;
    }
    if (!this.at("rbrace")) {
      this.diagnostics.error("OT0004", `unclosed ${what}`, {
        span: open.span,
        label: "this `{` is never closed",
        labels: [{ span: owner, message: "in this statement" }],
        help: "add `}` at the end of the block",
      });
      return { body, end: this.tok.span };
    }
    return { body, end: this.advance().span };
  }

  // ---- top level ----------------------------------------------------------------------

  /** A statement of the file, or (`nested`) of a loop or a condition at its top level. */
  private topStatement(nested = false): TopStmt | undefined {
    const start = this.tok;
    if (start.kind !== "word") this.fail(`expected a statement (${TOP_KEYWORDS.join(", ")})`);
    if (nested && UNREPEATABLE.includes(start.text)) this.misplaced(start, "in a loop or a condition");
    switch (start.text) {
      case "lab": {
        this.advance();
        const name = this.wordToken("a lab name after `lab`", "for example `lab office`");
        this.endOfStatement("the lab name");
        return { kind: "lab", name, span: join(start.span, name.span) };
      }
      case "param": {
        this.advance();
        const name = this.wordToken("a parameter name after `param`", "for example `param n = 50`");
        this.consume("equals", "after the parameter name", "for example `param n = 50`");
        const value = this.value("a value for the parameter");
        this.endOfStatement("the parameter's value");
        return { kind: "param", name, value, span: join(start.span, value.span) };
      }
      case "switch":
        return this.switchStatement();
      case "node":
        return this.nodeDeclaration();
      case "machine":
        return this.machine();
      case "on": {
        this.advance();
        const machine = this.wordToken("a machine name after `on`", "for example `on alpha`");
        this.endOfStatement("the machine");
        return { kind: "on", machine, span: join(start.span, machine.span) };
      }
      case "vxlan":
        return this.vxlan();
      case "link":
        return this.link();
      case "include":
        return this.include();
      case "template":
        return this.template();
      case "isolate":
        return this.isolationStatement("isolate");
      case "expect":
        return this.expectStatement();
      case "let":
        return this.letStatement();
      case "for":
        return this.forStatement(() => this.topStatement(true));
      case "if":
        return this.ifStatement(() => this.topStatement(true));
      case "else":
        return this.strayElse();
      default:
        this.diagnostics.error("OT0007", `unknown statement \`${start.text}\``, {
          span: start.span,
          help: `a lab file holds ${TOP_KEYWORDS.map((k) => `\`${k}\``).join(", ")}; interfaces, routes and the like go inside a \`node { … }\``,
        });
        throw new ParseError();
    }
  }

  private switchStatement(): TopStmt {
    const start = this.advance();
    const name = this.namePattern("switch");
    const props = this.properties(SWITCH_OPTIONS, "switch");
    let end = props.at(-1)?.span ?? name.span;
    if (this.at("lbrace")) {
      const block = this.block(() => this.propertyLine(SWITCH_OPTIONS, "switch"), start.span, "switch block");
      props.push(...block.body.flat());
      end = block.end;
    }
    this.endOfStatement("the switch");
    return { kind: "switch", name, props, span: join(start.span, end) };
  }

  /** `machine NAME[RANGE] ADDRESS [OPTION…] [{ OPTION… }]` */
  private machine(): TopStmt {
    const start = this.advance();
    const name = this.namePattern("machine");
    const address = this.wordToken(
      "the machine's underlay address after its name",
      "for example `machine alpha 198.51.100.1`: the address the other machines reach it at",
    );
    const props = this.properties(MACHINE_OPTIONS, "machine");
    let end = props.at(-1)?.span ?? address.span;
    if (this.at("lbrace")) {
      const block = this.block(
        () => this.propertyLine(MACHINE_OPTIONS, "machine"),
        start.span,
        "machine block",
      );
      props.push(...block.body.flat());
      end = block.end;
    }
    this.endOfStatement("the machine");
    return { kind: "machine", name, address, props, span: join(start.span, end) };
  }

  /** `vxlan [OPTION…] [{ OPTION… }]` */
  private vxlan(): TopStmt {
    const start = this.advance();
    const props = this.properties(VXLAN_OPTIONS, "vxlan");
    let end = props.at(-1)?.span ?? start.span;
    if (this.at("lbrace")) {
      const block = this.block(() => this.propertyLine(VXLAN_OPTIONS, "vxlan"), start.span, "vxlan block");
      props.push(...block.body.flat());
      end = block.end;
    }
    if (props.length === 0)
      this.fail("expected a vxlan option after `vxlan`", "for example `vxlan port 14789`");
    this.endOfStatement("the vxlan options");
    return { kind: "vxlan", props, span: join(start.span, end) };
  }

  private nodeDeclaration(): TopStmt {
    const start = this.advance();
    const name = this.namePattern("node");
    let on: Word | undefined;
    if (this.atKeyword("on")) {
      this.advance();
      on = this.wordToken("a machine name after `on`", "for example `node a on alpha { … }`");
    }
    let body: NodeBodyStmt[] = [];
    let end = on?.span ?? name.span;
    if (this.at("lbrace")) {
      const block = this.block(() => this.nodeStatement(), start.span, "node body");
      body = block.body;
      end = block.end;
    }
    this.endOfStatement("the node");
    return { kind: "node", name, ...(on ? { on } : {}), body, span: join(start.span, end) };
  }

  /** A statement where it cannot be: reported (OT0023), and skipped. */
  private misplaced(start: Token, where: string): never {
    const place: Record<string, string> = {
      lab: "a lab is named once, at the top level of its file",
      param: "parameters are declared at the top level of a lab, or of a template's body",
      template: "templates are declared at the top level of a file",
      include: "files are included at the top level of a file",
      machine:
        "machines are declared at the top level of a lab: `machine m[1..4] 198.51.100.{i}` declares several",
      on: "the lab's default machine is given once, at the top level; a node names its own: `node a on alpha { … }`",
      vxlan: "the lab's tunnel settings are given once, at the top level",
      link: "a `link` joins two nodes' interfaces at the top level: `link a.eth1 -- b.eth1`",
      expect:
        "expectations are top-level statements: write `expect SRC -> DST …` outside the node (inside a `for` or an `if` if need be)",
    };
    this.diagnostics.error("OT0023", `\`${start.text}\` cannot be ${where}`, {
      span: start.span,
      help: place[start.text],
    });
    throw new ParseError();
  }

  /** `else` that follows no `if` (an `else` on the line after the `}` is such one). */
  private strayElse(): never {
    this.diagnostics.error("OT0024", "`else` without an `if`", {
      span: this.tok.span,
      help: "write `else` on the line of the `}` that closes the `if`: `} else {`",
    });
    throw new ParseError();
  }

  /** `if CONDITION { … } [else { … } | else if …]` */
  private ifStatement<T>(parseOne: () => T | undefined): IfStmt<T> {
    const start = this.tok;
    // The scanner stands just past `if`: the condition is raw text up to the block's `{`.
    const raw = this.lexer.expression();
    const condition = { source: raw.text, span: raw.span };
    this.tok = this.lexer.next();
    if (raw.text === "")
      this.fail("expected a condition after `if`", "for example `if k > 1 { … }`", start.span);
    if (!this.at("lbrace"))
      this.fail(
        "expected `{` after the condition",
        "for example `if k > 1 { … }`; a condition ends at its line",
      );
    const then = this.block(parseOne, start.span, "`if` block");
    let otherwise: T[] | undefined;
    let end = then.end;
    if (this.atKeyword("else")) {
      const elseTok = this.advance();
      if (this.atKeyword("if")) {
        // `else if`: the rest of the chain is the one statement of the `else`.
        const nested = this.ifStatement(parseOne);
        otherwise = [nested as T];
        end = nested.span;
      } else {
        const block = this.block(parseOne, elseTok.span, "`else` block");
        otherwise = block.body;
        end = block.end;
        this.endOfStatement("the `else` block");
      }
    } else this.endOfStatement("the `if`");
    return {
      kind: "if",
      condition,
      body: then.body,
      ...(otherwise ? { otherwise } : {}),
      span: join(start.span, end),
    };
  }

  /** `let NAME = EXPR` */
  private letStatement(): LetStmt {
    const start = this.advance();
    const help = "for example `let p = net(10.255.0.0/16, 31, k)`: the expression without `{ }`";
    if (this.tok.kind !== "word") this.fail("expected a name after `let`", help);
    // The scanner stands just past the name: `= EXPR` is raw text, up to the statement's end.
    const name = toWord(this.tok);
    const raw = this.lexer.expression();
    this.tok = this.lexer.next();
    const eq = /^=\s*/.exec(raw.text);
    if (!eq || raw.text.startsWith("=="))
      this.fail("expected `=` after the name", help, raw.text ? raw.span : name.span);
    const skip = Buffer.byteLength(eq[0]);
    const value = {
      source: raw.text.slice(eq[0].length),
      span: spanOf(raw.span.file, raw.span.start + skip, raw.span.end),
    };
    if (value.source === "") this.fail("expected a value after `=`", help, raw.span);
    this.endOfStatement("the `let`");
    return { kind: "let", name, value, span: join(start.span, raw.span) };
  }

  /** `include "FILE"` */
  private include(): IncludeStmt {
    const start = this.advance();
    if (!this.at("word") && !this.at("string"))
      this.fail("expected a file after `include`", 'for example `include "parts/routers.otop"`');
    const path = this.value("a file after `include`");
    this.endOfStatement("the included file");
    return { kind: "include", path, span: join(start.span, path.span) };
  }

  /** `link A.x [ADDR…] [OPTION…] -- B.y [ADDR…] [OPTION…] [{ OPTION… }]` */
  private link(): LinkStmt {
    const start = this.advance();
    const help = "for example `link r1.eth1 10.0.0.0/31 -- r2.eth1 10.0.0.1/31`";
    const a = this.linkEnd("the first end of the link (`NODE.IFACE`)", help);
    if (!this.atKeyword(LINK_SEPARATOR))
      this.fail(`expected \`${LINK_SEPARATOR}\` between the two ends of the link`, help);
    this.advance();
    const b = this.linkEnd(`the other end of the link (\`NODE.IFACE\`) after \`${LINK_SEPARATOR}\``, help);
    const props: Property[] = [];
    let end = b.span;
    if (this.at("lbrace")) {
      const block = this.block(() => this.propertyLine(IFACE_OPTIONS, "interface"), start.span, "link block");
      props.push(...block.body.flat());
      end = block.end;
    }
    this.endOfStatement("the link");
    return { kind: "link", a, b, props, span: join(start.span, end) };
  }

  private linkEnd(what: string, help: string): LinkEnd {
    const target = this.wordToken(what, help);
    const addresses: Word[] = [];
    const props: Property[] = [];
    while (this.at("word") && this.tok.text !== LINK_SEPARATOR) {
      if (arityOf(IFACE_OPTIONS, this.tok.text) !== undefined)
        props.push(this.property(IFACE_OPTIONS, "interface"));
      else addresses.push(toWord(this.advance()));
    }
    const end = [target.span, ...addresses.map((a) => a.span), ...props.map((p) => p.span)].reduce((x, y) =>
      x.end >= y.end ? x : y,
    );
    return { target, addresses, props, span: join(target.span, end) };
  }

  /** `template NAME { param NAME [= VALUE]…  node statements… }` */
  private template(): TemplateStmt {
    const start = this.advance();
    const name = this.wordToken("a template name after `template`", "for example `template router { … }`");
    if (!this.at("lbrace"))
      this.fail("expected `{` after the template's name", "for example `template router { forward }`");
    const block = this.block(
      () => (this.atKeyword("param") ? this.templateParam() : this.nodeStatement()),
      start.span,
      "template body",
    );
    this.endOfStatement("the template");
    const params: TemplateParam[] = [];
    const body: NodeBodyStmt[] = [];
    for (const stmt of block.body) {
      if ("kind" in stmt) body.push(stmt);
      else params.push(stmt);
    }
    return { kind: "template", name, params, body, span: join(start.span, block.end) };
  }

  private templateParam(): TemplateParam {
    const start = this.advance();
    const name = this.wordToken(
      "a parameter name after `param`",
      "for example `param asn` or `param lan = lan1`",
    );
    let value: Value | undefined;
    if (this.at("equals")) {
      this.advance();
      value = this.value("a default value for the parameter");
    }
    this.endOfStatement("the parameter");
    return { name, ...(value ? { value } : {}), span: join(start.span, value?.span ?? name.span) };
  }

  /** `use NAME ARG=VALUE…` */
  private use(): UseStmt {
    const start = this.advance();
    const name = this.wordToken("a template name after `use`", "for example `use router asn=1`");
    const args: UseArg[] = [];
    while (this.at("word")) {
      const arg = toWord(this.advance());
      this.consume("equals", "after the parameter's name", "for example `use router asn=1 lan=lan1`");
      const value = this.value("a value for the parameter");
      args.push({ name: arg, value, span: join(arg.span, value.span) });
    }
    this.endOfStatement("the template's arguments");
    return { kind: "use", name, args, span: join(start.span, args.at(-1)?.span ?? name.span) };
  }

  // ---- expectations: `expect SRC -> DST …` (the words after DST are the model's) --------

  private expectStatement(): ExpectStmt {
    const start = this.advance();
    const help = "for example `expect pc1 -> web tcp 80` or `expect guest !-> office`";
    const from = this.expectEnd("a source (a node, `NODE.IFACE` or an address) after `expect`", help);
    if (!this.at("arrow") && !this.at("notarrow"))
      this.fail("expected `->` (must reach) or `!->` (must not reach) after the source", help);
    const arrow = this.advance();
    const to = this.expectEnd("a destination (a node, `NODE.IFACE` or an address)", help);
    const args: Word[] = [];
    while (this.at("word")) args.push(toWord(this.advance()));
    this.endOfStatement("the expectation");
    return {
      kind: "expect",
      from,
      reach: arrow.kind === "arrow",
      arrow: arrow.span,
      to,
      args,
      span: join(start.span, args.at(-1)?.span ?? to.span),
    };
  }

  /** `pc1`, `web.eth0`, `10.1.0.1`, or `pc[1..3]` with an optional `.IFACE` glued after `]`. */
  private expectEnd(what: string, help: string): ExpectEnd {
    if (!this.at("word")) this.fail(`expected ${what}`, help);
    const pattern = this.namePattern("node");
    if (
      pattern.range &&
      this.at("word") &&
      this.tok.span.start === pattern.span.end &&
      this.tok.text.startsWith(".")
    ) {
      const suffix = toWord(this.advance());
      return { pattern, suffix, span: join(pattern.span, suffix.span) };
    }
    return { pattern, span: pattern.span };
  }

  private forStatement<T>(parseOne: () => T | undefined): ForStmt<T> {
    const start = this.advance();
    const variable = this.wordToken("a variable name after `for`", "for example `for i in 1..10 { … }`");
    if (!this.atKeyword("in"))
      this.fail("expected `in` after the loop variable", "for example `for i in 1..10 { … }`");
    this.advance();
    const rangeWord = this.wordToken("a range after `in`", "for example `1..10`");
    const range = this.range(rangeWord);
    const block = this.block(parseOne, start.span, "loop body");
    this.endOfStatement("the loop");
    return { kind: "for", variable, range, body: block.body, span: join(start.span, block.end) };
  }

  /** `name` or `name[lo..hi]` */
  private namePattern(what: string): NamePattern {
    const name = this.wordToken(`a ${what} name`);
    if (!this.at("lbracket")) return { name, span: name.span };
    this.advance();
    const range = this.range(this.wordToken("a range such as `1..10` inside `[ ]`"));
    const close = this.consume("rbracket", "to close the range");
    return { name, range, span: join(name.span, close.span) };
  }

  private range(word: Word): Range {
    const parts = word.parts;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part?.kind !== "text") continue;
      const at = part.text.indexOf("..");
      if (at === -1) continue;
      const before = part.text.slice(0, at);
      const after = part.text.slice(at + 2);
      const file = part.span.file;
      const cut = part.span.start + Buffer.byteLength(before);
      const left: WordPart[] = [...parts.slice(0, i)];
      if (before) left.push({ kind: "text", text: before, span: spanOf(file, part.span.start, cut) });
      const right: WordPart[] = [];
      if (after) right.push({ kind: "text", text: after, span: spanOf(file, cut + 2, part.span.end) });
      right.push(...parts.slice(i + 1));
      if (left.length === 0 || right.length === 0) break;
      return {
        from: { kind: "word", parts: left, span: spanOrWord(left, word) },
        to: { kind: "word", parts: right, span: spanOrWord(right, word) },
        span: word.span,
      };
    }
    this.diagnostics.error("OT0008", "invalid range", {
      span: word.span,
      help: "a range is `FIRST..LAST`, both integers or `{expressions}`, for example `1..50`",
    });
    throw new ParseError();
  }

  /** Options on the same line as the statement: `mtu 1400 mac 02:…`. */
  private properties(options: Arity, what: string): Property[] {
    const props: Property[] = [];
    while (this.at("word")) props.push(this.property(options, what));
    return props;
  }

  private property(options: Arity, what: string): Property {
    const key = this.advance();
    const arity = arityOf(options, key.text);
    if (arity === undefined) {
      const known = Object.keys(options);
      this.diagnostics.error("OT0003", `unknown ${what} option \`${key.text}\``, {
        span: key.span,
        help: known.length
          ? `${known.length === 1 ? `the only ${what} option is` : `${what} options are`} ${known.map((k) => `\`${k}\``).join(", ")}`
          : undefined,
      });
      throw new ParseError();
    }
    const args: Value[] = [];
    for (let i = 0; i < arity; i++) args.push(this.value(`a value after \`${key.text}\``));
    const last = args.at(-1)?.span ?? key.span;
    return { key: key.text, keySpan: key.span, args, span: join(key.span, last) };
  }

  /** A line of options inside a `{ }` block. */
  private propertyLine(options: Arity, what: string): Property[] | undefined {
    const props = this.properties(options, what);
    if (props.length === 0) this.fail(`expected a ${what} option`);
    this.endOfStatement(`the ${what} option`);
    return props;
  }

  // ---- node bodies --------------------------------------------------------------------

  private nodeStatement(): NodeBodyStmt | undefined {
    const start = this.tok;
    if (start.kind !== "word")
      this.fail(
        `expected an interface or a statement (${NODE_STATEMENTS.map((k) => `\`${k}\``).join(", ")})`,
      );
    switch (start.text) {
      case "forward":
        this.advance();
        this.endOfStatement("`forward`");
        return { kind: "forward", span: start.span };
      case "sysctl": {
        this.advance();
        const key = this.wordToken("a sysctl key", "for example `sysctl net.ipv4.conf.all.rp_filter 0`");
        const value = this.value("a sysctl value");
        this.endOfStatement("the sysctl value");
        return { kind: "sysctl", key, value, span: join(start.span, value.span) };
      }
      case "route":
        return this.route();
      case "filter":
        return this.filterBlock();
      case "nft":
        return this.rawNft();
      case "let":
        return this.letStatement();
      case "for":
        return this.forStatement(() => this.nodeStatement());
      case "if":
        return this.ifStatement(() => this.nodeStatement());
      case "else":
        return this.strayElse();
      case "use":
        return this.use();
      case "param":
      case "link":
      case "include":
      case "template":
        return this.misplaced(start, "inside a node");
      case "isolate":
      case "hostname":
      case "mount":
      case "bind":
      case "root":
      case "limit":
      case "run":
        return this.isolationStatement(start.text);
      default:
        return this.iface();
    }
  }

  /** `KEYWORD ARG…` to the end of the line; the model checks the arguments' shape. */
  private isolationStatement(keyword: IsolationKeyword): IsolationStmt {
    const start = this.advance();
    const args: Value[] = [];
    while (this.at("word") || this.at("string")) args.push(this.value(`an argument of \`${keyword}\``));
    this.endOfStatement(`\`${keyword}\``);
    return {
      kind: "isolation",
      keyword,
      keywordSpan: start.span,
      args,
      span: join(start.span, args.at(-1)?.span ?? start.span),
    };
  }

  private route(): RouteStmt {
    const start = this.advance();
    const destination = this.wordToken(
      "a destination (a prefix or `default`) after `route`",
      "for example `route default via 10.0.0.1` or `route 10.2.0.0/16 via 10.0.0.1`",
    );
    const props = this.properties(ROUTE_OPTIONS, "route");
    this.endOfStatement("the route");
    return {
      kind: "route",
      destination,
      props,
      span: join(start.span, props.at(-1)?.span ?? destination.span),
    };
  }

  private iface(): IfaceStmt {
    const first = this.tok;
    const name = toWord(this.advance());
    let target: Word | undefined;
    if (this.at("arrow")) {
      this.advance();
      target = this.wordToken(
        "what the interface connects to after `->`",
        "a switch name, `node.interface` for a point-to-point link, or `host`",
      );
    }
    const addresses: Word[] = [];
    const props: Property[] = [];
    while (this.at("word")) {
      const lit = this.tok.text;
      if (arityOf(IFACE_OPTIONS, lit) !== undefined) props.push(this.property(IFACE_OPTIONS, "interface"));
      else addresses.push(toWord(this.advance()));
    }
    // `expect a -> b` in a node reads as an interface `expect` until its arrow.
    if (first.text === "expect" && !target && (this.at("arrow") || this.at("notarrow")))
      this.misplaced(first, "inside a node");
    let end = props.at(-1)?.span ?? addresses.at(-1)?.span ?? target?.span ?? name.span;
    if (this.at("lbrace")) {
      const block = this.block(
        () => this.propertyLine(IFACE_OPTIONS, "interface"),
        name.span,
        "interface block",
      );
      props.push(...block.body.flat());
      end = block.end;
    }
    this.endOfStatement("the interface");
    return {
      kind: "iface",
      name,
      ...(target ? { target } : {}),
      addresses,
      props,
      span: join(name.span, end),
    };
  }

  // ---- filters: `filter { … }` and `nft { … }` (the words are in ./filter.ts) -----------

  private filterBlock(): FilterStmt {
    const start = this.advance();
    if (!this.at("lbrace"))
      this.fail("expected `{` after `filter`", "for example `filter { forward policy drop }`");
    const block = this.block(() => this.filterStatement(), start.span, "filter block");
    this.endOfStatement("the filter block");
    return { kind: "filter", body: block.body, span: join(start.span, block.end) };
  }

  private filterStatement(): FilterBodyStmt | undefined {
    const start = this.tok;
    if (start.kind !== "word") this.fail("expected a filter rule", FILTER_HELP);
    if (start.text === "for") return this.forStatement(() => this.filterStatement());
    if (start.text === "if") return this.ifStatement(() => this.filterStatement());
    if (start.text === "let") return this.letStatement();
    if (start.text === "else") return this.strayElse();
    if (isChain(start.text)) return this.chainRule();
    if (start.text === "nat" || isNatAction(start.text)) return this.natRule();
    const alias = Object.hasOwn(STATEMENT_ALIASES, start.text) ? STATEMENT_ALIASES[start.text] : undefined;
    this.diagnostics.error("OT4001", `unknown filter statement \`${start.text}\``, {
      span: start.span,
      help:
        start.text === "nft"
          ? "an `nft { … }` block belongs in the node itself, outside `filter { … }`"
          : alias
            ? `did you mean \`${alias}\`? ${FILTER_HELP}`
            : FILTER_HELP,
    });
    throw new ParseError();
  }

  /** `CHAIN policy accept|drop` or `CHAIN accept|drop|reject MATCHES…` */
  private chainRule(): FilterBodyStmt {
    const chain = keyword(this.advance());
    if (this.atKeyword("policy")) {
      this.advance();
      if (this.tok.kind !== "word" || (this.tok.text !== "accept" && this.tok.text !== "drop"))
        this.fail("expected `accept` or `drop` after `policy`", `for example \`${chain.text} policy drop\``);
      const verdict = keyword(this.advance());
      this.endOfStatement("the policy");
      return { kind: "policy", chain, verdict, span: join(chain.span, verdict.span) };
    }
    if (this.tok.kind !== "word" || !isVerdict(this.tok.text))
      this.fail(
        `expected \`accept\`, \`drop\`, \`reject\` or \`policy\` after \`${chain.text}\``,
        `for example \`${chain.text} accept tcp dport 22\` or \`${chain.text} policy drop\``,
      );
    const action = keyword(this.advance());
    return this.ruleRest(chain, action);
  }

  /** `[nat] masquerade|snat|dnat MATCHES… [to TARGET]` */
  private natRule(): FilterBodyStmt {
    const first = this.advance();
    let action = first;
    if (first.text === "nat") {
      if (this.tok.kind !== "word" || !isNatAction(this.tok.text))
        this.fail(
          `expected ${NAT_ACTIONS.map((a) => `\`${a}\``).join(", ")} after \`nat\``,
          "for example `nat masquerade out wan`",
        );
      action = this.advance();
    }
    const rule = this.ruleRest(undefined, keyword(action));
    return { ...rule, span: join(first.span, rule.span) };
  }

  private ruleRest(chain: Keyword | undefined, action: Keyword): FilterBodyStmt {
    const clauses: Property[] = [];
    let target: NatTarget | undefined;
    while (this.at("word")) {
      const key = this.tok;
      switch (key.text) {
        case "ct": {
          this.advance();
          if (!this.atKeyword("state"))
            this.fail("expected `state` after `ct`", "for example `ct state established,related`");
          this.advance();
          const states = this.value("connection states after `ct state`");
          clauses.push({ key: "ct", keySpan: key.span, args: [states], span: join(key.span, states.span) });
          break;
        }
        case "log": {
          this.advance();
          const args = this.at("string") ? [this.value("a log prefix")] : [];
          clauses.push({
            key: "log",
            keySpan: key.span,
            args,
            span: join(key.span, args[0]?.span ?? key.span),
          });
          break;
        }
        case "to":
          target = this.natTarget();
          break;
        default: {
          if (arityOf(RULE_CLAUSES, key.text) === undefined) {
            const alias = Object.hasOwn(CLAUSE_ALIASES, key.text) ? CLAUSE_ALIASES[key.text] : undefined;
            const known = [...Object.keys(RULE_CLAUSES), ...SPECIAL_CLAUSES];
            this.diagnostics.error("OT4002", `unknown match or option \`${key.text}\` in a rule`, {
              span: key.span,
              help: alias
                ? `did you mean \`${alias}\`?`
                : `a rule takes ${known.map((k) => `\`${k}\``).join(", ")}`,
            });
            throw new ParseError();
          }
          clauses.push(this.property(RULE_CLAUSES, "rule"));
        }
      }
    }
    const end = [target?.span, clauses.at(-1)?.span, action.span]
      .filter((s): s is Span => s !== undefined)
      .reduce((a, b) => (a.end >= b.end ? a : b));
    this.endOfStatement("the rule");
    return {
      kind: "rule",
      ...(chain ? { chain } : {}),
      action,
      clauses,
      ...(target ? { target } : {}),
      span: join(chain?.span ?? action.span, end),
    };
  }

  /** `to ADDRESS[:PORT]` or `to [IPV6]:PORT` */
  private natTarget(): NatTarget {
    const to = this.advance();
    const help = "for example `to 10.2.0.10:8080`, `to fd00:2::10` or `to [fd00:2::10]:8080`";
    if (this.at("lbracket")) {
      this.advance();
      const address = this.wordToken("an IPv6 address inside `[ ]`", help);
      const close = this.consume("rbracket", "after the IPv6 address", help);
      // `]:8080` with nothing between: the port belongs to the bracketed address.
      if (this.at("word") && this.tok.text.startsWith(":") && this.tok.span.start === close.span.end) {
        const port = toWord(this.advance());
        return { address, port, bracketed: true, span: join(to.span, port.span) };
      }
      return { address, bracketed: true, span: join(to.span, close.span) };
    }
    const address = this.value(`an address after \`to\` (${help})`);
    return { address, bracketed: false, span: join(to.span, address.span) };
  }

  /** `nft { literal nftables text }` */
  private rawNft(): NftStmt {
    const start = this.advance();
    if (!this.at("lbrace"))
      this.fail("expected `{` after `nft`", "for example `nft { table inet extra { … } }`");
    // The scanner stands just past the `{` we hold: it reads the raw text from there.
    const open = this.tok;
    const raw = this.lexer.rawBlock();
    if (!raw) {
      this.diagnostics.error("OT0004", "unclosed nft block", {
        span: open.span,
        label: "this `{` is never closed",
        labels: [{ span: start.span, message: "in this statement" }],
        help: "add `}` at the end of the block; braces inside nftables text must balance",
      });
      this.lexer.skipToEnd();
      this.tok = this.lexer.next();
      throw new ParseError();
    }
    this.tok = this.lexer.next();
    const close = this.consume("rbrace", "to close the nft block");
    this.endOfStatement("the nft block");
    return { kind: "nft", text: raw.text, textSpan: raw.span, span: join(start.span, close.span) };
  }
}

const FILTER_HELP = `a filter holds \`CHAIN policy accept|drop\`, \`CHAIN accept|drop|reject MATCHES…\` (CHAIN is ${CHAINS.map((c) => `\`${c}\``).join(", ")}) and \`masquerade\`, \`snat\`, \`dnat\` rules`;

function keyword(t: Token): Keyword {
  return { text: t.text, span: t.span };
}

function toWord(t: Token): Word {
  return { kind: "word", parts: t.parts ?? [], span: t.span };
}

function spanOrWord(parts: readonly WordPart[], word: Word): Span {
  const first = parts[0];
  const last = parts.at(-1);
  if (!first || !last) return word.span;
  // Interpolation spans cover the inside of `{ }`; widen them to include the braces.
  const start = first.kind === "expr" ? first.span.start - 1 : first.span.start;
  const end = last.kind === "expr" ? last.span.end + 1 : last.span.end;
  return spanOf(word.span.file, start, end);
}

/** A token as named in "unexpected …" and "found …". */
function describe(t: Token): string {
  if (t.kind === "word") return `\`${t.text}\``;
  if (t.kind === "string") return "string";
  return KIND_NAMES[t.kind];
}
