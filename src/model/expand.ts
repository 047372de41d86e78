// Expansion: evaluate parameters, loops, ranges and interpolations, giving declarations
// whose values are plain strings (each still with its span). No names are resolved here.

import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/source.js";
import { assertNever } from "../never.js";
import type {
  ExpectStmt,
  FilterBodyStmt,
  ForStmt,
  IsolationKeyword,
  IsolationStmt,
  LabFile,
  NamePattern,
  NodeBodyStmt,
  Property,
  Range,
  TopStmt,
  Value,
  Word,
} from "../syntax/ast.js";
import { type ExpectDecl, expandExpect } from "./expect/decl.js";
import { type Env, evaluate, type Scalar } from "./expr.js";
import type { Text } from "./text.js";

export type { Text } from "./text.js";

export interface PropDecl {
  readonly key: string;
  readonly keySpan: Span;
  readonly args: readonly Text[];
  readonly span: Span;
}

export interface IfaceDecl {
  readonly name: Text;
  readonly target?: Text;
  readonly addresses: readonly Text[];
  readonly props: readonly PropDecl[];
  readonly span: Span;
}

export interface RouteDecl {
  readonly destination: Text;
  readonly props: readonly PropDecl[];
  readonly span: Span;
}

export interface SysctlDecl {
  readonly key: Text;
  readonly value: Text;
  readonly span: Span;
}

/** An isolation statement with its arguments evaluated (checked in isolation.ts). */
export interface IsolationDecl {
  readonly keyword: IsolationKeyword;
  readonly keywordSpan: Span;
  readonly args: readonly Text[];
  readonly span: Span;
}

export interface NodeDecl {
  readonly name: Text;
  readonly span: Span;
  readonly ifaces: IfaceDecl[];
  readonly routes: RouteDecl[];
  readonly sysctls: SysctlDecl[];
  readonly forwards: Span[];
  /** Every `filter { … }` block's statements, in order (several blocks add up). */
  readonly filters: FilterDecl[];
  readonly nfts: NftDecl[];
  readonly isolation: IsolationDecl[];
}

/** A statement of a filter block, evaluated (src/model/filter.ts checks it). */
export type FilterDecl =
  | { readonly kind: "policy"; readonly chain: Text; readonly verdict: Text; readonly span: Span }
  | {
      readonly kind: "rule";
      readonly chain?: Text;
      readonly action: Text;
      readonly clauses: readonly PropDecl[];
      readonly target?: NatTargetDecl;
      readonly span: Span;
    };

export interface NatTargetDecl {
  readonly address: Text;
  /** `:8080` as written after `]`. */
  readonly port?: Text;
  readonly bracketed: boolean;
  readonly span: Span;
}

export interface NftDecl {
  readonly text: string;
  readonly span: Span;
}

export interface SwitchDecl {
  readonly name: Text;
  readonly props: readonly PropDecl[];
  readonly span: Span;
}

export interface Decls {
  readonly labs: Text[];
  readonly switches: SwitchDecl[];
  readonly nodes: NodeDecl[];
  /** Top-level `isolate` statements: the lab's default for nodes without their own. */
  readonly isolate: IsolationDecl[];
  /** `expect` statements, one per pair of names (src/model/expect/). */
  readonly expects: ExpectDecl[];
}

/** Expansion stops (with OT1017) beyond this many nodes, switches and interfaces in all. */
export const MAX_OBJECTS = 20_000;
/** Expectations beyond this many are reported (OT8005) and left out. */
export const MAX_EXPECTATIONS = 20_000;

export interface ExpandOptions {
  /** `--set NAME=VALUE` from the command line; overrides `param` defaults. */
  readonly params?: ReadonlyMap<string, string>;
}

export function expand(file: LabFile, diagnostics: Diagnostics, options: ExpandOptions = {}): Decls {
  return new Expander(diagnostics).run(file, options);
}

class TooMany extends Error {}

class Expander {
  private readonly decls: Decls = { labs: [], switches: [], nodes: [], isolate: [], expects: [] };
  private objects = 0;

  constructor(private readonly diagnostics: Diagnostics) {}

  run(file: LabFile, options: ExpandOptions): Decls {
    const env = this.params(file, options);
    try {
      this.top(file.statements, env);
    } catch (e) {
      if (!(e instanceof TooMany)) throw e;
    }
    return this.decls;
  }

  /** Parameters are global and may be used anywhere, before or after their declaration. */
  private params(file: LabFile, options: ExpandOptions): Map<string, Scalar> {
    const env = new Map<string, Scalar>();
    const declared = new Map<string, Span>();
    for (const stmt of file.statements) {
      if (stmt.kind !== "param") continue;
      const name = this.word(stmt.name, env);
      if (name === undefined) continue;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        this.diagnostics.error("OT1003", `invalid parameter name \`${name}\``, {
          span: stmt.name.span,
          help: "a parameter name is letters, digits and `_`, not starting with a digit",
        });
        continue;
      }
      const first = declared.get(name);
      if (first) {
        this.diagnostics.error("OT1005", `parameter \`${name}\` is declared twice`, {
          span: stmt.name.span,
          labels: [{ span: first, message: "first declared here" }],
        });
        continue;
      }
      declared.set(name, stmt.name.span);
      const override = options.params?.get(name);
      const raw = override ?? this.value(stmt.value, env)?.text;
      if (raw === undefined) continue;
      env.set(name, /^-?\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : raw);
    }
    for (const name of options.params?.keys() ?? []) {
      if (!declared.has(name))
        this.diagnostics.error("OT1015", `\`--set ${name}=…\` names no parameter of this lab`, {
          help: declared.size
            ? `the parameters are ${[...declared.keys()].map((k) => `\`${k}\``).join(", ")}`
            : "this lab declares no `param`",
        });
    }
    return env;
  }

  private count(span: Span): void {
    if (++this.objects <= MAX_OBJECTS) return;
    this.diagnostics.error(
      "OT1017",
      `this lab expands to more than ${MAX_OBJECTS} nodes, switches and interfaces`,
      {
        span,
        help: "check the ranges and loops; a larger lab would exhaust kernel and tool limits long before it was useful",
      },
    );
    throw new TooMany();
  }

  private top(statements: readonly TopStmt[], env: Env): void {
    for (const stmt of statements) {
      switch (stmt.kind) {
        case "lab": {
          const name = this.word(stmt.name, env);
          if (name !== undefined) this.decls.labs.push({ text: name, span: stmt.name.span });
          break;
        }
        case "param":
          break; // evaluated up front
        case "switch":
          for (const [name, inner] of this.names(stmt.name, env)) {
            this.count(stmt.span);
            this.decls.switches.push({ name, props: this.props(stmt.props, inner), span: stmt.span });
          }
          break;
        case "node":
          for (const [name, inner] of this.names(stmt.name, env)) {
            this.count(stmt.span);
            const node: NodeDecl = {
              name,
              span: stmt.span,
              ifaces: [],
              routes: [],
              sysctls: [],
              forwards: [],
              filters: [],
              nfts: [],
              isolation: [],
            };
            this.nodeBody(stmt.body, inner, node);
            this.decls.nodes.push(node);
          }
          break;
        case "isolation":
          this.decls.isolate.push(this.isolation(stmt, env));
          break;
        case "expect":
          this.expect(stmt, env);
          break;
        case "for":
          this.loop(stmt, env, (inner) => this.top(stmt.body, inner));
          break;
        default:
          assertNever(stmt);
      }
    }
  }

  private nodeBody(statements: readonly NodeBodyStmt[], env: Env, node: NodeDecl): void {
    for (const stmt of statements) {
      switch (stmt.kind) {
        case "iface": {
          const name = this.word(stmt.name, env);
          if (name === undefined) break;
          this.count(stmt.span);
          const target = stmt.target && this.word(stmt.target, env);
          node.ifaces.push({
            name: { text: name, span: stmt.name.span },
            ...(target !== undefined && stmt.target
              ? { target: { text: target, span: stmt.target.span } }
              : {}),
            addresses: this.values(stmt.addresses, env),
            props: this.props(stmt.props, env),
            span: stmt.span,
          });
          break;
        }
        case "route": {
          const destination = this.value(stmt.destination, env);
          if (destination)
            node.routes.push({ destination, props: this.props(stmt.props, env), span: stmt.span });
          break;
        }
        case "forward":
          node.forwards.push(stmt.span);
          break;
        case "sysctl": {
          const key = this.value(stmt.key, env);
          const value = this.value(stmt.value, env);
          if (key && value) node.sysctls.push({ key, value, span: stmt.span });
          break;
        }
        case "filter":
          this.filterBody(stmt.body, env, node);
          break;
        case "nft":
          node.nfts.push({ text: stmt.text, span: stmt.span });
          break;
        case "isolation":
          node.isolation.push(this.isolation(stmt, env));
          break;
        case "for":
          this.loop(stmt, env, (inner) => this.nodeBody(stmt.body, inner, node));
          break;
        default:
          assertNever(stmt);
      }
    }
  }

  private filterBody(statements: readonly FilterBodyStmt[], env: Env, node: NodeDecl): void {
    const text = (k: { text: string; span: Span }): Text => ({ text: k.text, span: k.span });
    for (const stmt of statements) {
      switch (stmt.kind) {
        case "policy":
          node.filters.push({
            kind: "policy",
            chain: text(stmt.chain),
            verdict: text(stmt.verdict),
            span: stmt.span,
          });
          break;
        case "rule": {
          const t = stmt.target;
          const address = t && this.value(t.address, env);
          const port = t?.port && this.value(t.port, env);
          if (t && (address === undefined || (t.port && port === undefined))) break; // reported
          node.filters.push({
            kind: "rule",
            ...(stmt.chain ? { chain: text(stmt.chain) } : {}),
            action: text(stmt.action),
            clauses: this.props(stmt.clauses, env),
            ...(t && address
              ? { target: { address, ...(port ? { port } : {}), bracketed: t.bracketed, span: t.span } }
              : {}),
            span: stmt.span,
          });
          break;
        }
        case "for":
          this.loop(stmt, env, (inner) => this.filterBody(stmt.body, inner, node));
          break;
        default:
          assertNever(stmt);
      }
    }
  }

  private tooManyExpectations = false;

  private expect(stmt: ExpectStmt, env: Env): void {
    if (this.tooManyExpectations) return;
    const helpers = {
      names: (p: NamePattern, e: Env) => this.names(p, e),
      word: (w: Word, e: Env) => this.word(w, e),
    };
    const decls = expandExpect(stmt, env, helpers, MAX_EXPECTATIONS - this.decls.expects.length);
    if (decls) {
      this.decls.expects.push(...decls);
      return;
    }
    this.tooManyExpectations = true;
    this.diagnostics.error("OT8005", `this lab expands to more than ${MAX_EXPECTATIONS} expectations`, {
      span: stmt.span,
      help: "check the ranges; `opentop test LAB --matrix` checks every pair of nodes without an expectation each",
    });
  }

  private isolation(stmt: IsolationStmt, env: Env): IsolationDecl {
    return {
      keyword: stmt.keyword,
      keywordSpan: stmt.keywordSpan,
      args: this.values(stmt.args, env),
      span: stmt.span,
    };
  }

  private loop<T>(stmt: ForStmt<T>, env: Env, body: (env: Env) => void): void {
    const variable = this.word(stmt.variable, env);
    if (variable === undefined) return;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
      this.diagnostics.error("OT1003", `invalid loop variable \`${variable}\``, {
        span: stmt.variable.span,
        help: "a variable name is letters, digits and `_`, not starting with a digit",
      });
      return;
    }
    for (const i of this.range(stmt.range, env)) body(new Map([...env, [variable, i]]));
  }

  /** The names a pattern stands for, each with the environment its body sees (`i` bound). */
  private names(pattern: NamePattern, env: Env): [Text, Env][] {
    const base = this.word(pattern.name, env);
    if (base === undefined) return [];
    if (!pattern.range) return [[{ text: base, span: pattern.name.span }, env]];
    return this.range(pattern.range, env).map((i) => [
      { text: `${base}${i}`, span: pattern.span },
      new Map([...env, ["i", i]]),
    ]);
  }

  private range(range: Range, env: Env): number[] {
    const from = this.word(range.from, env);
    const to = this.word(range.to, env);
    if (from === undefined || to === undefined) return [];
    const lo = Number(from);
    const hi = Number(to);
    if (
      !/^-?\d+$/.test(from) ||
      !/^-?\d+$/.test(to) ||
      !Number.isSafeInteger(lo) ||
      !Number.isSafeInteger(hi)
    ) {
      this.diagnostics.error("OT0008", `a range needs integer bounds, not \`${from}..${to}\``, {
        span: range.span,
        help: "for example `1..50` or `1..{n}` with `param n = 50`",
      });
      return [];
    }
    if (hi < lo - 1) {
      this.diagnostics.error("OT0008", `the range \`${lo}..${hi}\` runs backwards`, {
        span: range.span,
        help: `ranges count upwards: \`${hi}..${lo}\``,
      });
      return [];
    }
    if (hi - lo + 1 > MAX_OBJECTS) {
      this.objects = MAX_OBJECTS;
      this.count(range.span); // reports OT1017 and stops expansion
    }
    return Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
  }

  private props(props: readonly Property[], env: Env): PropDecl[] {
    return props.map((p) => ({
      key: p.key,
      keySpan: p.keySpan,
      args: this.values(p.args, env),
      span: p.span,
    }));
  }

  private values(values: readonly Value[], env: Env): Text[] {
    const out: Text[] = [];
    for (const v of values) {
      const t = this.value(v, env);
      if (t) out.push(t);
    }
    return out;
  }

  private value(v: Value, env: Env): Text | undefined {
    if (v.kind === "string") return { text: v.value, span: v.span, quoted: true };
    const text = this.word(v, env);
    return text === undefined ? undefined : { text, span: v.span };
  }

  private word(w: Word, env: Env): string | undefined {
    let out = "";
    for (const part of w.parts) {
      if (part.kind === "text") out += part.text;
      else {
        const v = evaluate(part.source, part.span, env, this.diagnostics);
        if (v === undefined) return undefined;
        out += String(v);
      }
    }
    return out;
  }
}
