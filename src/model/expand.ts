// Expansion: evaluate parameters, loops, ranges, conditions, `let`, templates and
// interpolations, giving declarations whose values are plain strings, each with its span and
// the copy that made it (Span.via: which iteration, which use of a template). No names are
// resolved here, and a node given in several places is still several (merge.ts joins them).

import { closest, type Diagnostics } from "../diagnostics/diagnostic.js";
import { type Expansion, expansion, made, type Span } from "../diagnostics/source.js";
import { assertNever } from "../never.js";
import type { Building } from "../opt.js";
import type {
  ExpectStmt,
  FilterBodyStmt,
  ForStmt,
  IfStmt,
  IsolationKeyword,
  IsolationStmt,
  LabFile,
  LetStmt,
  LinkEnd,
  LinkStmt,
  MachineStmt,
  NamePattern,
  NodeBodyStmt,
  Property,
  Range,
  TemplateStmt,
  TopStmt,
  UseStmt,
  Value,
  Word,
} from "../syntax/ast.js";
import { type ExpectDecl, expandExpect } from "./expect/decl.js";
import { condition, type Env, evaluate, extend, FAILED, type Scalar } from "./expr.js";
import { NAME_PATTERN } from "./names.js";
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
  /** `on MACHINE`, as written (src/model/machines.ts resolves it). */
  readonly on?: Text;
  readonly ifaces: IfaceDecl[];
  readonly routes: RouteDecl[];
  readonly sysctls: SysctlDecl[];
  readonly forwards: Span[];
  /** Every `filter { … }` block's statements, in order (several blocks add up). */
  readonly filters: FilterDecl[];
  /** Where each `filter { … }` block is, empty ones included. */
  readonly filterBlocks: Span[];
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

/** One end of a `link`: `r1.eth1` (split by src/model/merge.ts), its addresses and options. */
export interface LinkEndDecl {
  readonly target: Text;
  readonly addresses: readonly Text[];
  readonly props: readonly PropDecl[];
  readonly span: Span;
}

/** `link A.x … -- B.y …`: both ends of a point-to-point link, in one place. */
export interface LinkDecl {
  readonly a: LinkEndDecl;
  readonly b: LinkEndDecl;
  /** The block's options, for both ends. */
  readonly props: readonly PropDecl[];
  readonly span: Span;
}

export interface SwitchDecl {
  readonly name: Text;
  readonly props: readonly PropDecl[];
  readonly span: Span;
}

/** `machine NAME ADDRESS …`, one per name of its range. */
export interface MachineDecl {
  readonly name: Text;
  readonly address: Text;
  readonly props: readonly PropDecl[];
  readonly span: Span;
}

export interface Decls {
  readonly labs: Text[];
  readonly switches: SwitchDecl[];
  /** Every place that gives a node's body, in order: one node may have several (merge.ts). */
  readonly nodes: NodeDecl[];
  readonly links: LinkDecl[];
  /** Expansion stopped at a limit (OT1017): what there is is a part of the lab, not to be checked. */
  truncated?: boolean;
  /** Top-level `isolate` statements: the lab's default for nodes without their own. */
  readonly isolate: IsolationDecl[];
  /** `expect` statements, one per pair of names (src/model/expect/). */
  readonly expects: ExpectDecl[];
  /** The machines, read before anything else (they set the lab's limits, OT1017). */
  readonly machines: MachineDecl[];
  /** Top-level `on MACHINE`: the default machine (once, OT1082). */
  readonly placements: Text[];
  /** Top-level `vxlan` options, each statement's in order. */
  readonly vxlan: PropDecl[];
  /** The names of the lab's parameters (`param`), in order. */
  readonly params: string[];
}

/**
 * What `plan` holds of a lab, at most, per node, switch and interface: measured at 10,000
 * and 20,000 nodes (a chain of routers, the heaviest: 10 KiB; a tree of switches 6, a
 * leaf-spine fabric 7; docs/benchmarks.md).
 */
const BYTES_PER_OBJECT = 10 * 1024;
/** Half of the largest heap Node gives a process by default (4 GiB): the rest is its own. */
const HEAP_FOR_A_LAB = 2 * 1024 ** 3;
/**
 * Expansion stops (with OT1017) beyond this many nodes, switches and interfaces in all
 * (209,715): more would not fit in `plan`'s memory. What one machine's kernel holds is far
 * less, and is checked against the plan for that machine at `up` (src/runtime/capacity.ts).
 */
export const MAX_OBJECTS = Math.floor(HEAP_FOR_A_LAB / BYTES_PER_OBJECT);
/** …or beyond this many statements expanded and loop iterations (per machine, up to five). */
export const MAX_STEPS = 2_000_000;
/** A lab has at most this many machines (OT1084). */
export const MAX_MACHINES = 1024;
/** Templates used inside templates nest at most this deep (OT0025). */
export const MAX_TEMPLATE_DEPTH = 16;

/** Names of parameters, loop variables and template parameters. */
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
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
  private readonly decls: Decls = {
    labs: [],
    switches: [],
    nodes: [],
    links: [],
    isolate: [],
    expects: [],
    machines: [],
    placements: [],
    vxlan: [],
    params: [],
  };
  private objects = 0;
  private steps = 0;
  /** The limit of expansion for this lab: MAX_STEPS scaled by its machines. */
  private maxSteps = MAX_STEPS;
  /** The copy being made: loop and range bindings and templates in use, innermost first. */
  private via: Expansion | undefined;
  /** The lab's parameters: what a template's body sees besides its own. */
  private globals: ReadonlyMap<string, Scalar> = new Map();
  private readonly templates = new Map<string, TemplateStmt>();
  /** Templates being expanded, outermost first: one of them used again is a cycle (OT1043). */
  private readonly using: TemplateStmt[] = [];

  constructor(private readonly diagnostics: Diagnostics) {}

  /** Whether `name` can name a variable (reported, OT1003, if not). */
  private variable(name: string, span: Span, what: string): boolean {
    if (VARIABLE.test(name)) return true;
    this.diagnostics.error("OT1003", `invalid ${what} name \`${name}\``, {
      span: this.at(span),
      help: `a ${what} name is letters, digits and \`_\`, not starting with a digit`,
    });
    return false;
  }

  /** The span as made by the current copy. */
  private at(span: Span): Span {
    return made(span, this.via);
  }

  /** Runs `body` with one more step of expansion in effect. */
  private within(step: Expansion | undefined, body: () => void): void {
    const outer = this.via;
    this.via = step;
    try {
      body();
    } finally {
      this.via = outer;
    }
  }

  run(file: LabFile, options: ExpandOptions): Decls {
    const env = this.params(file, options);
    this.globals = env;
    this.declareTemplates(file);
    this.declareMachines(file, env);
    try {
      this.top(file.statements, env);
    } catch (e) {
      if (!(e instanceof TooMany)) throw e;
      this.decls.truncated = true;
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
      if (!this.variable(name, stmt.name.span, "parameter")) continue;
      const first = declared.get(name);
      if (first) {
        this.diagnostics.error("OT1005", `parameter \`${name}\` is declared twice`, {
          span: stmt.name.span,
          labels: [{ span: first, message: "first declared here" }],
        });
        continue;
      }
      declared.set(name, stmt.name.span);
      this.decls.params.push(name);
      const override = options.params?.get(name);
      const raw = override ?? this.value(stmt.value, env)?.text;
      if (raw === undefined) continue;
      env.set(name, scalar(raw));
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
        span: this.at(span),
        help: "check the ranges and loops: a lab this large would not fit in OpenTop's memory, nor any one machine's kernel",
      },
    );
    throw new TooMany();
  }

  /**
   * Machines are read up front, like parameters and templates: nodes anywhere may name
   * them, and how many there are sets the lab's limits. `on` and `vxlan` are read here too.
   */
  private declareMachines(file: LabFile, env: Env): void {
    for (const stmt of file.statements) {
      if (stmt.kind === "machine") this.machine(stmt, env);
      else if (stmt.kind === "on") {
        const name = this.word(stmt.machine, env);
        if (name !== undefined) this.decls.placements.push({ text: name, span: this.at(stmt.machine.span) });
      } else if (stmt.kind === "vxlan") this.decls.vxlan.push(...this.props(stmt.props, env));
    }
    const machines = Math.max(1, this.decls.machines.length);
    this.maxSteps = MAX_STEPS * Math.min(machines, 5);
  }

  private machine(stmt: MachineStmt, env: Env): void {
    for (const [name, inner, step] of this.names(stmt.name, env))
      this.within(step, () => {
        const address = this.word(stmt.address, inner);
        if (address === undefined) return;
        if (this.decls.machines.length >= MAX_MACHINES) {
          this.diagnostics.error("OT1084", `this lab declares more than ${MAX_MACHINES} machines`, {
            span: this.at(stmt.span),
            help: "a lab spreads over at most that many machines; check the machine's range",
          });
          return;
        }
        this.decls.machines.push({
          name,
          address: { text: address, span: this.at(stmt.address.span) },
          props: this.props(stmt.props, inner),
          span: this.at(stmt.span),
        });
      });
  }

  private top(statements: readonly TopStmt[], env: Env): void {
    for (const stmt of statements) {
      this.work(stmt.span);
      switch (stmt.kind) {
        case "lab": {
          const name = this.word(stmt.name, env);
          if (name !== undefined) this.decls.labs.push({ text: name, span: this.at(stmt.name.span) });
          break;
        }
        case "param":
        case "template":
        case "machine":
        case "on":
        case "vxlan":
          break; // read up front
        case "include":
          break; // replaced by the included file's statements (src/model/sources.ts)
        case "switch":
          for (const [name, inner, step] of this.names(stmt.name, env))
            this.within(step, () => {
              this.count(stmt.span);
              this.decls.switches.push({
                name,
                props: this.props(stmt.props, inner),
                span: this.at(stmt.span),
              });
            });
          break;
        case "node":
          for (const [name, inner, step] of this.names(stmt.name, env))
            this.within(step, () => {
              this.count(stmt.span);
              const on = stmt.on && this.word(stmt.on, inner);
              const node = emptyNode(
                name,
                this.at(stmt.span),
                on !== undefined && stmt.on ? { text: on, span: this.at(stmt.on.span) } : undefined,
              );
              this.nodeBody(stmt.body, inner, node);
              this.decls.nodes.push(node);
            });
          break;
        case "link":
          this.link(stmt, env);
          break;
        case "isolation":
          this.decls.isolate.push(this.isolation(stmt, env));
          break;
        case "expect":
          this.expect(stmt, env);
          break;
        case "let":
          env = this.bind(stmt, env);
          break;
        case "for":
          this.loop(stmt, env, (inner) => this.top(stmt.body, inner));
          break;
        case "if":
          this.top(this.branch(stmt, env), env);
          break;
        default:
          assertNever(stmt);
      }
    }
  }

  /** `let NAME = EXPR`: the environment of the statements after it, with NAME bound. */
  private bind(stmt: LetStmt, env: Env): Env {
    const name = literal(stmt.name);
    if (!this.variable(name, stmt.name.span, "variable")) return env;
    const value = evaluate(stmt.value.source, stmt.value.span, this.via, env, this.diagnostics);
    return extend(env, name, value ?? FAILED);
  }

  /** The statements of the branch an `if` takes; none after an error in its condition. */
  private branch<T>(stmt: IfStmt<T>, env: Env): readonly T[] {
    const holds = condition(stmt.condition.source, stmt.condition.span, this.via, env, this.diagnostics);
    if (holds === undefined) return [];
    return holds ? stmt.body : (stmt.otherwise ?? []);
  }

  private link(stmt: LinkStmt, env: Env): void {
    this.count(stmt.span);
    this.count(stmt.span);
    const a = this.linkEnd(stmt.a, env);
    const b = this.linkEnd(stmt.b, env);
    if (a && b) this.decls.links.push({ a, b, props: this.props(stmt.props, env), span: this.at(stmt.span) });
  }

  private linkEnd(end: LinkEnd, env: Env): LinkEndDecl | undefined {
    const target = this.value(end.target, env);
    if (!target) return undefined;
    return {
      target,
      addresses: this.values(end.addresses, env),
      props: this.props(end.props, env),
      span: this.at(end.span),
    };
  }

  private nodeBody(statements: readonly NodeBodyStmt[], env: Env, node: NodeDecl): void {
    for (const stmt of statements) {
      this.work(stmt.span);
      switch (stmt.kind) {
        case "iface": {
          const name = this.word(stmt.name, env);
          if (name === undefined) break;
          this.count(stmt.span);
          const target = stmt.target && this.word(stmt.target, env);
          const ifaceName = { text: name, span: this.at(stmt.name.span) };
          const addresses = this.values(stmt.addresses, env);
          const props = this.props(stmt.props, env);
          // Two literals, not a spread of the optional target: V8 adds each property after a
          // spread one by one (about a microsecond each), and a large lab has an interface
          // per node. The keys keep their order.
          node.ifaces.push(
            target !== undefined && stmt.target
              ? {
                  name: ifaceName,
                  target: { text: target, span: this.at(stmt.target.span) },
                  addresses,
                  props,
                  span: this.at(stmt.span),
                }
              : { name: ifaceName, addresses, props, span: this.at(stmt.span) },
          );
          break;
        }
        case "route": {
          const destination = this.value(stmt.destination, env);
          if (destination)
            node.routes.push({ destination, props: this.props(stmt.props, env), span: this.at(stmt.span) });
          break;
        }
        case "forward":
          node.forwards.push(this.at(stmt.span));
          break;
        case "sysctl": {
          const key = this.value(stmt.key, env);
          const value = this.value(stmt.value, env);
          if (key && value) node.sysctls.push({ key, value, span: this.at(stmt.span) });
          break;
        }
        case "filter":
          node.filterBlocks.push(this.at(stmt.span));
          this.filterBody(stmt.body, env, node);
          break;
        case "nft":
          node.nfts.push({ text: stmt.text, span: this.at(stmt.span) });
          break;
        case "isolation":
          node.isolation.push(this.isolation(stmt, env));
          break;
        case "use":
          this.use(stmt, env, node);
          break;
        case "let":
          env = this.bind(stmt, env);
          break;
        case "for":
          this.loop(stmt, env, (inner) => this.nodeBody(stmt.body, inner, node));
          break;
        case "if":
          this.nodeBody(this.branch(stmt, env), env, node);
          break;
        default:
          assertNever(stmt);
      }
    }
  }

  private filterBody(statements: readonly FilterBodyStmt[], env: Env, node: NodeDecl): void {
    const text = (k: { text: string; span: Span }): Text => ({ text: k.text, span: this.at(k.span) });
    for (const stmt of statements) {
      this.work(stmt.span);
      switch (stmt.kind) {
        case "policy":
          node.filters.push({
            kind: "policy",
            chain: text(stmt.chain),
            verdict: text(stmt.verdict),
            span: this.at(stmt.span),
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
              ? {
                  target: {
                    address,
                    ...(port ? { port } : {}),
                    bracketed: t.bracketed,
                    span: this.at(t.span),
                  },
                }
              : {}),
            span: this.at(stmt.span),
          });
          break;
        }
        case "let":
          env = this.bind(stmt, env);
          break;
        case "for":
          this.loop(stmt, env, (inner) => this.filterBody(stmt.body, inner, node));
          break;
        case "if":
          this.filterBody(this.branch(stmt, env), env, node);
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
      names: (p: NamePattern, e: Env) => this.names(p, e).map(([name, , step]) => [name, step] as const),
      word: (w: Word, e: Env) => this.word(w, e),
      within: (step: Expansion | undefined, body: () => void) => this.within(step, body),
      at: (span: Span) => this.at(span),
    };
    const decls = expandExpect(stmt, env, helpers, MAX_EXPECTATIONS - this.decls.expects.length);
    if (decls) {
      this.decls.expects.push(...decls);
      return;
    }
    this.tooManyExpectations = true;
    this.diagnostics.error("OT8005", `this lab expands to more than ${MAX_EXPECTATIONS} expectations`, {
      span: this.at(stmt.span),
      help: "check the ranges; `opentop test LAB --matrix` checks every pair of nodes without an expectation each",
    });
  }

  private isolation(stmt: IsolationStmt, env: Env): IsolationDecl {
    return {
      keyword: stmt.keyword,
      keywordSpan: this.at(stmt.keywordSpan),
      args: this.values(stmt.args, env),
      span: this.at(stmt.span),
    };
  }

  // ---- templates ------------------------------------------------------------------------

  /** Templates are global, like parameters: usable before and after their declaration. */
  private declareTemplates(file: LabFile): void {
    for (const stmt of file.statements) {
      if (stmt.kind !== "template") continue;
      const name = this.word(stmt.name, new Map());
      if (name === undefined) continue;
      if (!NAME_PATTERN.test(name)) {
        this.diagnostics.error("OT1003", `invalid template name \`${name}\``, {
          span: stmt.name.span,
          help: "names use letters, digits, `_` and `-`, and start with a letter",
        });
        continue;
      }
      const first = this.templates.get(name);
      if (first) {
        this.diagnostics.error("OT1041", `template \`${name}\` is declared twice`, {
          span: stmt.name.span,
          labels: [{ span: first.name.span, message: "first declared here" }],
          help: "rename one of them; a node may use both",
        });
        continue;
      }
      this.templates.set(name, stmt);
      this.templateParams(stmt);
    }
  }

  /** A template's parameter names: valid and each declared once (reported at the template). */
  private templateParams(t: TemplateStmt): void {
    const seen = new Map<string, Span>();
    for (const p of t.params) {
      const name = literal(p.name);
      if (!this.variable(name, p.name.span, "parameter")) continue;
      const first = seen.get(name);
      if (first)
        this.diagnostics.error("OT1005", `parameter \`${name}\` is declared twice`, {
          span: p.name.span,
          labels: [{ span: first, message: "first declared here" }],
        });
      else seen.set(name, p.name.span);
    }
  }

  /** `use NAME ARG=VALUE…`: the template's body, expanded into the node with its parameters bound. */
  private use(stmt: UseStmt, env: Env, node: NodeDecl): void {
    const name = this.word(stmt.name, env);
    if (name === undefined) return;
    const t = this.templates.get(name);
    if (!t) {
      const guess = closest(name, this.templates.keys());
      this.diagnostics.error("OT1040", `no template named \`${name}\``, {
        span: this.at(stmt.name.span),
        help: guess ? `did you mean \`${guess}\`?` : `declare it with \`template ${name} { … }\``,
      });
      return;
    }
    if (this.using.length >= MAX_TEMPLATE_DEPTH) {
      this.diagnostics.error("OT0025", `templates nest more than ${MAX_TEMPLATE_DEPTH} deep`, {
        span: this.at(stmt.span),
        help: "a template may use others, but not through so many levels",
      });
      return;
    }
    const cycle = this.using.indexOf(t);
    if (cycle !== -1) {
      const chain = [...this.using.slice(cycle), t].map((u) => `\`${literal(u.name)}\``).join(" uses ");
      this.diagnostics.error("OT1043", `template \`${name}\` uses itself`, {
        span: this.at(stmt.span),
        notes: [chain],
        help: "a template's body cannot use the template again, directly or through another",
      });
      return;
    }
    const inner = this.templateEnv(t, stmt, env);
    if (!inner) return;
    const step = expansion(
      { kind: "template", name, node: node.name.text, use: this.at(stmt.span) },
      this.via,
    );
    this.using.push(t);
    try {
      this.within(step, () => this.nodeBody(t.body, inner, node));
    } finally {
      this.using.pop();
    }
  }

  /** The lab's parameters and the template's, bound by the use's arguments or their defaults. */
  private templateEnv(t: TemplateStmt, stmt: UseStmt, env: Env): Env | undefined {
    const declared = new Map(t.params.map((p) => [literal(p.name), p]));
    const inner = new Map(this.globals);
    const given = new Map<string, Span>();
    let ok = true;
    for (const arg of stmt.args) {
      const argName = literal(arg.name);
      const problem = !declared.has(argName) ? "unknown" : given.has(argName) ? "twice" : undefined;
      if (problem) {
        ok = false;
        this.badArgument(t, argName, arg.name.span, problem, given.get(argName));
        continue;
      }
      given.set(argName, arg.name.span);
      const value = this.value(arg.value, env);
      if (value === undefined) ok = false;
      else inner.set(argName, value.quoted ? value.text : scalar(value.text));
    }
    for (const [paramName, p] of declared) {
      if (given.has(paramName)) continue;
      const fallback = p.value && this.value(p.value, inner);
      if (fallback) inner.set(paramName, fallback.quoted ? fallback.text : scalar(fallback.text));
      else if (!p.value) {
        ok = false;
        this.diagnostics.error("OT1042", `template \`${literal(t.name)}\` needs \`${paramName}\``, {
          span: this.at(stmt.span),
          labels: [{ span: p.name.span, message: "declared here, without a default" }],
          help: `give it: \`use ${literal(t.name)} ${paramName}=VALUE\``,
        });
      } else ok = false;
    }
    return ok ? inner : undefined;
  }

  private badArgument(
    t: TemplateStmt,
    name: string,
    span: Span,
    problem: "unknown" | "twice",
    first: Span | undefined,
  ): void {
    const params = t.params.map((p) => literal(p.name));
    if (problem === "twice") {
      this.diagnostics.error("OT1042", `\`${name}\` is given twice`, {
        span: this.at(span),
        labels: first ? [{ span: first, message: "first given here" }] : [],
      });
      return;
    }
    const guess = closest(name, params);
    this.diagnostics.error("OT1042", `template \`${literal(t.name)}\` has no parameter \`${name}\``, {
      span: this.at(span),
      labels: [{ span: t.name.span, message: "declared here" }],
      help: guess
        ? `did you mean \`${guess}\`?`
        : params.length
          ? `its parameters are ${params.map((p) => `\`${p}\``).join(", ")}`
          : "it takes no parameters",
    });
  }

  // ---- repetition ------------------------------------------------------------------------

  private loop<T>(stmt: ForStmt<T>, env: Env, body: (env: Env) => void): void {
    const variable = this.word(stmt.variable, env);
    if (variable === undefined) return;
    if (!this.variable(variable, stmt.variable.span, "loop variable")) return;
    for (const i of this.range(stmt.range, env))
      this.within(this.binding(variable, i, stmt.range.span), () => body(extend(env, variable, i)));
  }

  /** One iteration's step of expansion. */
  private binding(name: string, value: number, span: Span): Expansion {
    this.work(span);
    return expansion({ kind: "binding", name, value: String(value) }, this.via);
  }

  /** Counts a statement or an iteration against MAX_STEPS: expansion stops beyond it (OT1017). */
  private work(span: Span): void {
    if (++this.steps <= this.maxSteps) return;
    this.diagnostics.error("OT1017", `this lab expands to more than ${this.maxSteps} statements`, {
      span: this.at(span),
      help: "check the ranges, loops and templates, and loops inside loops in particular",
    });
    throw new TooMany();
  }

  /**
   * The names a pattern stands for, each with the environment its body sees (`i` bound)
   * and the step of expansion that makes it.
   */
  private names(pattern: NamePattern, env: Env): [Text, Env, Expansion | undefined][] {
    const base = this.word(pattern.name, env);
    if (base === undefined) return [];
    if (!pattern.range) return [[{ text: base, span: this.at(pattern.name.span) }, env, this.via]];
    return this.range(pattern.range, env).map((i) => {
      const step = this.binding("i", i, pattern.span);
      return [{ text: `${base}${i}`, span: made(pattern.span, step) }, extend(env, "i", i), step];
    });
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
        span: this.at(range.span),
        help: "for example `1..50` or `1..{n}` with `param n = 50`",
      });
      return [];
    }
    if (hi < lo - 1) {
      this.diagnostics.error("OT0008", `the range \`${lo}..${hi}\` runs backwards`, {
        span: this.at(range.span),
        help: `ranges count upwards: \`${hi}..${lo}\``,
      });
      return [];
    }
    if (hi - lo + 1 > MAX_OBJECTS) {
      this.objects = MAX_OBJECTS;
      this.count(range.span); // reports OT1017 and stops expansion
    }
    const out: number[] = [];
    // `lo + k`, not `lo` itself: a range written from `-0` counts from 0, as before.
    for (let k = 0; k <= hi - lo; k++) out.push(lo + k);
    return out;
  }

  private props(props: readonly Property[], env: Env): PropDecl[] {
    return props.map((p) => ({
      key: p.key,
      keySpan: this.at(p.keySpan),
      args: this.values(p.args, env),
      span: this.at(p.span),
    }));
  }

  private values(values: readonly Value[], env: Env): Text[] {
    // Mapped, so that the array is made at its size (pushed, V8 gives it room for 17), and
    // filtered only when a value failed (reported).
    const out = values.map((v) => this.value(v, env));
    return out.every((t) => t !== undefined) ? out : out.filter((t) => t !== undefined);
  }

  private value(v: Value, env: Env): Text | undefined {
    if (v.kind === "string") return { text: v.value, span: this.at(v.span), quoted: true };
    const text = this.word(v, env);
    return text === undefined ? undefined : { text, span: this.at(v.span) };
  }

  private word(w: Word, env: Env): string | undefined {
    let out = "";
    for (const part of w.parts) {
      if (part.kind === "text") out += part.text;
      else {
        const v = evaluate(part.source, part.span, this.via, env, this.diagnostics);
        if (v === undefined) return undefined;
        out += String(v);
      }
    }
    return out;
  }
}

/**
 * Made field by field (src/opt.ts), not with a spread of the optional `on`, which costs V8 a
 * microsecond for each property after it. The keys keep their order.
 */
function emptyNode(name: Text, span: Span, on: Text | undefined): NodeDecl {
  const node: Building<NodeDecl> = { name, span };
  if (on) node.on = on;
  node.ifaces = [];
  node.routes = [];
  node.sysctls = [];
  node.forwards = [];
  node.filters = [];
  node.filterBlocks = [];
  node.nfts = [];
  node.isolation = [];
  // Complete: every field not in the first literal is set above.
  return node as NodeDecl;
}

/** A value as a variable holds it: an integer when it reads as one, else text. */
function scalar(raw: string): Scalar {
  return /^-?\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : raw;
}

/** A word's text as written, interpolations included (for names that are never interpolated). */
function literal(w: Word): string {
  return w.parts.map((p) => (p.kind === "text" ? p.text : `{${p.source}}`)).join("");
}
