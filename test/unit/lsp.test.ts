// A scripted editor session with `opentop lsp`: the real command, spawned, spoken to over
// its standard input and output with the protocol's framing.

import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { type Message, readMessages, writeMessage } from "../../src/lsp/protocol.js";
import { BIN, scratch } from "../support/lab.js";

/** An editor's side of a session: requests with their answers, notifications as they come. */
class Client {
  readonly child: ChildProcessWithoutNullStreams;
  private next = 1;
  private readonly answers = new Map<number, (m: Message) => void>();
  private readonly notes: Message[] = [];
  private waiting: (() => void)[] = [];
  stderr = "";
  readonly exited: Promise<number | null>;

  constructor(cwd: string) {
    this.child = spawn(process.execPath, [BIN, "lsp", "--stdio"], { cwd });
    this.child.stderr.on("data", (b: Buffer) => {
      this.stderr += b.toString();
    });
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
    readMessages(
      this.child.stdout,
      (m) => {
        assert.ok(m, "the server sends JSON");
        if (typeof m.id === "number" && !m.method) this.answers.get(m.id)?.(m);
        else this.notes.push(m);
        for (const w of this.waiting.splice(0)) w();
      },
      () => undefined,
    );
  }

  request(method: string, params: unknown): Promise<Message> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.answers.set(id, resolve);
      writeMessage(this.child.stdin, { id, method, params });
    });
  }

  notify(method: string, params?: unknown): void {
    writeMessage(this.child.stdin, { method, ...(params !== undefined ? { params } : {}) });
  }

  /** Whether a notification that satisfies `match` has come and not been taken. */
  queued(match: (m: Message) => boolean): boolean {
    return this.notes.some(match);
  }

  /** The first notification (from now on, or already queued) that satisfies `match`. */
  async notification(match: (m: Message) => boolean, timeoutMs = 10_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.notes.findIndex(match);
      if (i >= 0) return this.notes.splice(i, 1)[0] as Message;
      if (Date.now() > deadline) assert.fail(`no such notification; got ${JSON.stringify(this.notes)}`);
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }
}

interface LspDiagnostic {
  range: { start: { line: number; character: number } };
  severity: number;
  code: string;
  message: string;
}

const diagnosticsOf = (m: Message) => (m.params as { diagnostics: LspDiagnostic[] }).diagnostics;
const published = (uri: string, version: number) => (m: Message) =>
  m.method === "textDocument/publishDiagnostics" &&
  (m.params as { uri: string; version?: number }).uri === uri &&
  (m.params as { version?: number }).version === version;
const labels = (m: Message) => (m.result as { items: { label: string }[] }).items.map((i) => i.label);

const GOOD = `lab ed
switch lan
node r1 {
  forward
  eth0 -> lan 10.0.0.1/24
  eth1 -> r2.eth1 10.9.0.0/31
}
node r2 { eth1 10.9.0.1/31 }
node pc[1..2] { eth0 -> lan 10.0.0.{10+i}/24 }
`;

test("lsp: diagnostics as you type, completion of names and keywords, formatting, shutdown", async () => {
  const s = scratch();
  const client = new Client(s.dir);
  try {
    const path = join(s.dir, "ed.otop");
    writeFileSync(path, GOOD);
    const uri = pathToFileURL(path).href;
    const init = await client.request("initialize", { processId: null, rootUri: null, capabilities: {} });
    const caps = (init.result as { capabilities: Record<string, unknown> }).capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 1 });
    assert.ok(caps.completionProvider && caps.documentFormattingProvider);
    client.notify("initialized", {});

    // Open a good lab: diagnostics are published, and empty.
    client.notify("textDocument/didOpen", {
      textDocument: { uri, languageId: "opentop", version: 1, text: GOOD },
    });
    assert.deepEqual(diagnosticsOf(await client.notification(published(uri, 1))), []);

    // A change that breaks it: the mistake is published at its place, with its code.
    const broken = GOOD.replace("r2.eth1 10.9.0.0/31", "r3.eth1 10.9.0.0/31");
    client.notify("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: broken }],
    });
    const errors = diagnosticsOf(await client.notification(published(uri, 2)));
    assert.deepEqual(
      errors.map((e) => [e.code, e.severity, e.range.start.line, e.range.start.character]),
      [
        ["OT1007", 1, 5, 10], // no node r3
        ["OT1011", 1, 7, 10], // r2.eth1 is left unconnected
      ],
    );
    assert.match(errors[0]?.message ?? "", /no node named `r3`\nhelp: /);

    // Typed fast: only the last of several changes is checked.
    for (let v = 3; v <= 5; v++)
      client.notify("textDocument/didChange", {
        textDocument: { uri, version: v },
        contentChanges: [{ text: v === 5 ? GOOD : `${GOOD}node {\n` }],
      });
    assert.deepEqual(diagnosticsOf(await client.notification(published(uri, 5))), []);
    // Messages arrive in order: a check of version 3 or 4 would be queued before 5's.
    assert.ok(
      !client.queued(published(uri, 3)) && !client.queued(published(uri, 4)),
      "3 and 4 were not checked",
    );

    // Completion while the file does not compile: names from the lab as it last compiled.
    const typing = `${GOOD}node pc9 {\n  eth0 -> \n}\n`;
    client.notify("textDocument/didChange", {
      textDocument: { uri, version: 6 },
      contentChanges: [{ text: typing }],
    });
    const line = typing.split("\n").length - 3;
    const targets = await client.request("textDocument/completion", {
      textDocument: { uri },
      position: { line, character: 10 },
    });
    const offered = labels(targets);
    for (const name of ["lan", "host", "r1.eth0", "r1.eth1", "r2.eth1", "pc1.eth0", "pc2.eth0"])
      assert.ok(offered.includes(name), `${name} offered after \`->\`: ${offered.join(" ")}`);

    // Keywords by position: a node's statements, the top level's, a filter's.
    const inNode = await client.request("textDocument/completion", {
      textDocument: { uri },
      position: { line: 3, character: 2 },
    });
    for (const k of ["route", "forward", "filter", "eth0", "eth1"]) assert.ok(labels(inNode).includes(k), k);
    const top = await client.request("textDocument/completion", {
      textDocument: { uri },
      position: { line: 1, character: 0 },
    });
    for (const k of ["lab", "node", "switch", "link", "template"]) assert.ok(labels(top).includes(k), k);
    assert.ok(!labels(top).includes("route"));

    // Formatting: the edit that `opentop fmt` would make.
    const messy = "lab ed\nnode a {\nforward\n}\n";
    client.notify("textDocument/didChange", {
      textDocument: { uri, version: 7 },
      contentChanges: [{ text: messy }],
    });
    const edits = await client.request("textDocument/formatting", {
      textDocument: { uri },
      options: { tabSize: 2 },
    });
    assert.deepEqual(
      (edits.result as { newText: string }[]).map((e) => e.newText),
      ["lab ed\nnode a {\n  forward\n}\n"],
    );

    // An unknown request is an error; the session goes on.
    const unknown = await client.request("textDocument/hover", {
      textDocument: { uri },
      position: { line: 0, character: 0 },
    });
    assert.equal(unknown.error?.code, -32601);

    client.notify("textDocument/didClose", { textDocument: { uri } });
    assert.deepEqual(
      diagnosticsOf(await client.notification((m) => m.method === "textDocument/publishDiagnostics")),
      [],
    );
    const down = await client.request("shutdown", null);
    assert.equal(down.result, null);
    client.notify("exit");
    assert.equal(await client.exited, 0, client.stderr);
  } finally {
    client.child.kill();
    s.remove();
  }
});

test("lsp: a request before initialize is refused; a closed stream ends the server", async () => {
  const s = scratch();
  const client = new Client(s.dir);
  try {
    const early = await client.request("textDocument/completion", {
      textDocument: { uri: "file:///x.otop" },
    });
    assert.equal(early.error?.code, -32002);
    client.child.stdin.end();
    assert.equal(await client.exited, 1, "exit without shutdown is status 1");
  } finally {
    client.child.kill();
    s.remove();
  }
});

test("lsp: hostile input — bad JSON, unknown documents, places past the end — is answered, never fatal", async () => {
  const s = scratch();
  const client = new Client(s.dir);
  try {
    await client.request("initialize", { capabilities: {} });
    // Not JSON: a parse error with id null, and the session goes on.
    const body = Buffer.from("{not json");
    client.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
    const parseError = await client.notification((m) => m.error?.code === -32700);
    assert.equal(parseError.id, null);
    const notOpen = await client.request("textDocument/completion", {
      textDocument: { uri: "file:///nowhere.otop" },
      position: { line: 0, character: 0 },
    });
    assert.equal(notOpen.error?.code, -32602);
    // A document with multi-byte text and CRLF; a place past its end and inside a character.
    const uri = pathToFileURL(join(s.dir, "u.otop")).href;
    const text =
      'lab u\r\n# é ☃ 𝄞\r\nnode a { run "é☃𝄞 x"; eth0 -> b.eth0 10.0.0.1/30 }\r\nnode b { eth0 10.0.0.2/30 }\r\n';
    client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "opentop", version: 1, text } });
    assert.deepEqual(diagnosticsOf(await client.notification(published(uri, 1))), []);
    for (const position of [
      { line: 99, character: 0 },
      { line: 1, character: 999 },
      { line: 1, character: 9 }, // between the two halves of 𝄞
    ]) {
      const r = await client.request("textDocument/completion", { textDocument: { uri }, position });
      assert.ok(r.result, JSON.stringify(r));
    }
    // An incremental change (a range replaced), though the server asks for whole texts.
    client.notify("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 2, character: 46 }, end: { line: 2, character: 49 } }, text: "/33" },
      ],
    });
    const errors = diagnosticsOf(await client.notification(published(uri, 2)));
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.deepEqual(
      errors[0]?.range.start,
      { line: 2, character: 38 },
      "UTF-16 columns after multi-byte text",
    );
    // A header without a length ends the session (status 1), with a word on standard error.
    client.child.stdin.write("Content-Type: nothing\r\n\r\n");
    assert.equal(await client.exited, 1);
    assert.match(client.stderr, /opentop lsp: a header without a valid Content-Length/);
  } finally {
    client.child.kill();
    s.remove();
  }
});
