// `opentop lsp`: a language server over stdio. It keeps the open lab files, compiles each as
// `check` does (the front end only: nothing on the machine is asked or changed) a moment
// after it changes, and publishes its diagnostics; it completes names and keywords
// (./completion.ts) and formats a file as `opentop fmt` does.

import { realpathSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { location, sourceFile } from "../diagnostics/source.js";
import { format } from "../format/format.js";
import { compileSource } from "../model/compile.js";
import { type Reader, readLabFile } from "../model/sources.js";
import { VERSION } from "../version.js";
import {
  type Candidate,
  complete,
  type ItemKind,
  type Names,
  namesOfLab,
  namesOfText,
} from "./completion.js";
import { Lines, type Position, type Range } from "./positions.js";
import { ERRORS, type Id, type Message } from "./protocol.js";

interface Document {
  readonly uri: string;
  readonly path: string;
  version: number;
  text: string;
  /** The names of the lab the last time it compiled: completion offers them while it does not. */
  names?: Names;
  timer?: NodeJS.Timeout;
}

/** How long after a change the file is checked: typing on coalesces into one check. */
export const CHECK_DELAY_MS = 150;

/** The protocol's CompletionItemKind for each kind of name. */
const ITEM_KINDS: { readonly [K in ItemKind]: number } = {
  keyword: 14,
  node: 9,
  switch: 22,
  interface: 8,
  template: 15,
  endpoint: 18,
  machine: 7,
};

class RequestError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export class Server {
  private readonly docs = new Map<string, Document>();
  private state: "new" | "running" | "shut down" = "new";

  constructor(
    private readonly send: (m: Message) => void,
    private readonly exit: (status: number) => void,
  ) {}

  /** One message from the client; an invalid one (not JSON) is answered with a parse error. */
  handle(m: Message | undefined): void {
    if (!m) {
      this.send({ id: null, error: { code: ERRORS.parse, message: "not a JSON-RPC message" } });
      return;
    }
    if (m.method === undefined) return; // a response to nothing we asked
    const request = m.id !== undefined && m.id !== null;
    try {
      const result = this.dispatch(m.method, m.params as Params);
      if (request) this.send({ id: m.id as Id, result: result ?? null });
    } catch (e) {
      if (!request) return;
      const code = e instanceof RequestError ? e.code : ERRORS.invalidParams;
      this.send({ id: m.id as Id, error: { code, message: (e as Error).message } });
    }
  }

  private dispatch(method: string, params: Params): unknown {
    if (method === "initialize") return this.initialize();
    if (method === "exit") return this.exit(this.state === "shut down" ? 0 : 1);
    if (this.state === "new") throw new RequestError(ERRORS.notInitialized, "initialize first");
    switch (method) {
      case "initialized":
      case "textDocument/didSave":
      case "$/cancelRequest":
      case "$/setTrace":
        return undefined;
      case "shutdown":
        this.state = "shut down";
        this.stop();
        return null;
      case "textDocument/didOpen":
        return this.open(params);
      case "textDocument/didChange":
        return this.change(params);
      case "textDocument/didClose":
        return this.close(params);
      case "textDocument/completion":
        return this.completion(params);
      case "textDocument/formatting":
        return this.formatting(params);
      default:
        throw new RequestError(ERRORS.methodNotFound, `${method} is not supported`);
    }
  }

  private initialize(): unknown {
    this.state = "running";
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: 1 },
        completionProvider: { triggerCharacters: [".", ">"] },
        documentFormattingProvider: true,
      },
      serverInfo: { name: "opentop", version: VERSION },
    };
  }

  private doc(params: Params): Document {
    const uri = params.textDocument?.uri;
    const doc = uri === undefined ? undefined : this.docs.get(uri);
    if (!doc) throw new RequestError(ERRORS.invalidParams, `${uri ?? "a document"} is not open`);
    return doc;
  }

  private open(params: Params): void {
    const { uri, text, version } = params.textDocument ?? {};
    if (typeof uri !== "string" || typeof text !== "string") throw new Error("didOpen without a document");
    const doc: Document = { uri, path: pathOf(uri), version: version ?? 0, text };
    this.docs.set(uri, doc);
    this.schedule(doc);
  }

  /** Whole texts (the sync this server asks for), or ranges replaced, in order. */
  private change(params: Params): void {
    const doc = this.doc(params);
    for (const c of params.contentChanges ?? []) {
      if (!c.range) doc.text = c.text;
      else {
        const lines = new Lines(sourceFile(doc.path, doc.text));
        const bytes = Buffer.from(doc.text);
        const [start, end] = [lines.offset(c.range.start), lines.offset(c.range.end)];
        doc.text = `${bytes.subarray(0, start).toString()}${c.text}${bytes.subarray(end).toString()}`;
      }
    }
    doc.version = params.textDocument?.version ?? doc.version + 1;
    this.schedule(doc);
  }

  private close(params: Params): void {
    const doc = this.doc(params);
    clearTimeout(doc.timer);
    this.docs.delete(doc.uri);
    this.send({ method: "textDocument/publishDiagnostics", params: { uri: doc.uri, diagnostics: [] } });
  }

  private schedule(doc: Document): void {
    clearTimeout(doc.timer);
    doc.timer = setTimeout(() => this.check(doc), CHECK_DELAY_MS);
  }

  /** Stops every check under way: nothing more is sent. */
  stop(): void {
    for (const doc of this.docs.values()) clearTimeout(doc.timer);
    this.docs.clear();
  }

  /** Compiles the document as it is now and publishes what `check` would say. */
  private check(doc: Document): void {
    if (this.docs.get(doc.uri) !== doc) return;
    const file = sourceFile(doc.path, doc.text);
    const compiled = compileSource(file, { read: this.reader() });
    if (compiled.lab) doc.names = namesOfLab(compiled.lab);
    const lines = new Lines(file);
    const diagnostics = compiled.diagnostics.map((d) => toLsp(d, doc.uri, lines));
    this.send({
      method: "textDocument/publishDiagnostics",
      params: { uri: doc.uri, version: doc.version, diagnostics },
    });
  }

  /** Included files: the editor's text where the file is open, else the file on disk. */
  private reader(): Reader {
    return (path, limit) => {
      const open = [...this.docs.values()].find((d) => d.path === path);
      if (!open) return readLabFile(path, limit);
      const bytes = Buffer.from(open.text);
      if (bytes.length > limit) throw Object.assign(new Error("too large"), { code: "EFBIG" });
      return { bytes, id: realOf(path) };
    };
  }

  private completion(params: Params): unknown {
    const doc = this.doc(params);
    const file = sourceFile(doc.path, doc.text);
    const lines = new Lines(file);
    const offset = lines.offset(params.position ?? { line: 0, character: 0 });
    const before = Buffer.from(file.bytes.subarray(0, offset)).toString("utf8");
    const word = /[A-Za-z0-9_.:/,+%@*-]*$/.exec(before)?.[0] ?? "";
    const range = lines.range({ start: offset - Buffer.byteLength(word), end: offset });
    const known = doc.names ?? namesOfText(doc.text);
    const items = complete(before, known).map((c: Candidate) => ({
      label: c.label,
      kind: ITEM_KINDS[c.kind],
      detail: c.detail,
      textEdit: { range, newText: c.label },
    }));
    return { isIncomplete: false, items };
  }

  private formatting(params: Params): unknown {
    const doc = this.doc(params);
    const r = format(sourceFile(doc.path, doc.text));
    if (r.text === undefined || r.text === doc.text) return [];
    return [{ range: new Lines(sourceFile(doc.path, doc.text)).all(), newText: r.text }];
  }
}

/** The parts of the protocol's parameters this server reads. */
interface Params {
  readonly textDocument?: { readonly uri?: string; readonly text?: string; readonly version?: number };
  readonly contentChanges?: readonly { readonly text: string; readonly range?: Range }[];
  readonly position?: Position;
}

function pathOf(uri: string): string {
  try {
    return uri.startsWith("file:") ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
}

function realOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** A diagnostic as the protocol has it; one in another file (an included one) is shown at the top. */
function toLsp(d: Diagnostic, uri: string, lines: Lines): object {
  const file = lines.file;
  const here = d.span?.file.path === file.path;
  const range = here && d.span ? lines.range(d.span) : lines.range({ start: 0, end: 0 });
  const elsewhere = d.span && !here ? `${location(d.span)}: ` : "";
  const extra = [...d.notes.map((n) => `note: ${n}`), ...(d.help ? [`help: ${d.help}`] : [])];
  return {
    range,
    severity: d.severity === "error" ? 1 : 2,
    code: d.code,
    source: "opentop",
    message: [`${elsewhere}${d.message}${d.label ? ` (${d.label})` : ""}`, ...extra].join("\n"),
    relatedInformation: d.labels.map((l) => ({
      location: {
        uri: l.span.file.path === file.path ? uri : pathToFileURL(l.span.file.path).href,
        range: new Lines(l.span.file).range(l.span),
      },
      message: l.message,
    })),
  };
}
