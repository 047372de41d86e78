// JSON-RPC 2.0 as the Language Server Protocol frames it: each message is a header block
// (`Content-Length: N`, then a blank line) and N bytes of JSON. Reads messages from a
// stream as they arrive, in order; writes them whole.

import type { Readable, Writable } from "node:stream";

export type Id = number | string;

export interface Message {
  readonly jsonrpc?: "2.0";
  readonly id?: Id | null;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string };
}

/** JSON-RPC's and the protocol's error codes. */
export const ERRORS = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  notInitialized: -32002,
} as const;

/** The largest message accepted: a lab file and then some (a bigger one ends the session). */
const MAX_MESSAGE = 64 * 1024 * 1024;

/**
 * Calls `onMessage` for every message read from `input`, and `onEnd` when the stream ends
 * or its framing is broken beyond repair (a missing or absurd Content-Length).
 */
export function readMessages(
  input: Readable,
  onMessage: (m: Message | undefined) => void,
  onEnd: (why?: string) => void,
): void {
  let buffer = Buffer.alloc(0);
  let ended = false;
  const end = (why?: string) => {
    if (ended) return;
    ended = true;
    input.removeAllListeners("data");
    onEnd(why);
  };
  input.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) {
        if (buffer.length > 8192) end("a header without its end");
        return;
      }
      const header = buffer.subarray(0, headerEnd).toString("ascii");
      const length = Number(/^content-length:\s*(\d+)\s*$/im.exec(header)?.[1] ?? Number.NaN);
      if (!Number.isSafeInteger(length) || length > MAX_MESSAGE)
        return end("a header without a valid Content-Length");
      const start = headerEnd + 4;
      if (buffer.length < start + length) return;
      const body = buffer.subarray(start, start + length).toString("utf8");
      buffer = buffer.subarray(start + length);
      onMessage(parseMessage(body));
      if (ended) return;
    }
  });
  input.on("end", () => end());
  input.on("error", (e) => end(e.message));
}

/** The message, or undefined if it is not a JSON object. */
function parseMessage(body: string): Message | undefined {
  try {
    const m: unknown = JSON.parse(body);
    return m !== null && typeof m === "object" && !Array.isArray(m) ? (m as Message) : undefined;
  } catch {
    return undefined;
  }
}

export function writeMessage(output: Writable, message: Message): void {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  output.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, "ascii"), body]));
}
