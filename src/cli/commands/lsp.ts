// `opentop lsp`: the language server (src/lsp/) on standard input and output, until the
// editor says `exit` or closes the stream.

import { readMessages, writeMessage } from "../../lsp/protocol.js";
import { Server } from "../../lsp/server.js";
import { parseCommand, usageError } from "../args.js";
import type { Command } from "../command.js";
import { SPEC, usageOf } from "../spec.js";

const spec = SPEC.lsp;

export const lsp: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    if (p.positionals.length) throw usageError("lsp takes no arguments", usageOf(spec));
    return new Promise<number>((resolve) => {
      let done = false;
      const finish = (status: number, why?: string) => {
        if (done) return;
        done = true;
        server.stop();
        process.stdin.destroy();
        if (why) io.err(`opentop lsp: ${why}`);
        resolve(status);
      };
      const server = new Server(
        (m) => writeMessage(process.stdout, m),
        (status) => finish(status),
      );
      process.stdout.on("error", () => finish(1));
      // The stream closed without `exit`: the editor is gone (the protocol's status 1).
      readMessages(
        process.stdin,
        (m) => server.handle(m),
        (why) => finish(1, why),
      );
    });
  },
};
