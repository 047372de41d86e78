// When a service is ready (`run web "…" ready tcp 8080 timeout 20`): a port it listens on,
// or a command that succeeds inside its node; `up` waits for it. Without `ready`, a service
// is ready once it has run a moment without failing. The words after the command are read
// here; what is left (`[NAME] "COMMAND"`) is the service's own (src/model/isolation.ts).

import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { Text } from "./text.js";

export type Readiness =
  /** Running (or done, with status 0) a moment after it started: what every service must be. */
  | { readonly kind: "started" }
  | { readonly kind: "tcp" | "udp"; readonly port: number }
  /** A command run inside the node, by `sh -c`, until it exits with status 0. */
  | { readonly kind: "command"; readonly command: string };

export interface Ready {
  readonly check: Readiness;
  /** How long `up` waits, in seconds. */
  readonly seconds: number;
}

/** How long `up` waits for a service that says when it is ready, unless `timeout` says. */
export const READY_SECONDS = 30;
const MAX_SECONDS = 3600;

const USAGE =
  '`ready tcp PORT`, `ready udp PORT` or `ready "COMMAND"`, then optionally `timeout SECONDS`: for example `run web "python3 -m http.server 80" ready tcp 80 timeout 20`';

/**
 * Splits a `run` statement's arguments at `ready` or `timeout`: the service's own words,
 * and its readiness (undefined after an error, which is reported). A check command longer
 * than `commandMax` bytes could not be given to `sh -c` (OT5013).
 */
export function readReadiness(
  args: readonly Text[],
  diagnostics: Diagnostics,
  commandMax: number,
): { readonly head: readonly Text[]; readonly ready: Ready | undefined } {
  const at = args.findIndex((a) => !a.quoted && (a.text === "ready" || a.text === "timeout"));
  if (at === -1) return { head: args, ready: { check: { kind: "started" }, seconds: READY_SECONDS } };
  const head = args.slice(0, at);
  const rest = args.slice(at);
  const bad = (t: Text | undefined, message: string) => {
    diagnostics.error("OT5020", message, { ...(t ? { span: t.span } : {}), help: `write ${USAGE}` });
    return { head, ready: undefined };
  };
  let check: Readiness = { kind: "started" };
  let seconds = READY_SECONDS;
  let timed = false;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i] as Text;
    const next = rest[i + 1];
    if (w.quoted) return bad(w, "a quoted command here must follow `ready`");
    if (w.text === "ready" && check.kind === "started") {
      if (!next) return bad(w, "`ready` needs what to wait for");
      if (next.quoted) {
        if (next.text.trim() === "") return bad(next, "the command of `ready` is empty");
        const bytes = Buffer.byteLength(next.text, "utf8");
        if (bytes > commandMax) {
          diagnostics.error(
            "OT5013",
            `the command of \`ready\` is ${bytes} bytes long; the kernel takes at most ${commandMax}`,
            {
              span: next.span,
              label: "given to `sh -c` as one argument",
              help: 'put the check in a script file and run that: `ready "sh /path/to/check.sh"`',
            },
          );
          return { head, ready: undefined };
        }
        check = { kind: "command", command: next.text };
        i++;
        continue;
      }
      if (next.text !== "tcp" && next.text !== "udp")
        return bad(next, `\`ready ${next.text}\` is not a readiness check`);
      const port = rest[i + 2];
      if (!port || !/^\d+$/.test(port.text) || Number(port.text) < 1 || Number(port.text) > 65535)
        return bad(port ?? next, `\`ready ${next.text}\` needs a port from 1 to 65535`);
      check = { kind: next.text, port: Number(port.text) };
      i += 2;
    } else if (w.text === "timeout" && !timed && next) {
      const m = /^(\d+)s?$/.exec(next.text);
      const n = m ? Number(m[1]) : Number.NaN;
      if (!(n >= 1 && n <= MAX_SECONDS) || next.quoted)
        return bad(next, `invalid timeout \`${next.text}\`: a number of seconds from 1 to ${MAX_SECONDS}`);
      seconds = n;
      timed = true;
      i++;
    } else return bad(w, `unexpected \`${w.text}\` in the readiness of a service`);
  }
  return { head, ready: { check, seconds } };
}
