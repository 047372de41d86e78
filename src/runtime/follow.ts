// `logs -f`: new output of files as it is written, like `tail -f`, until stopped. Files are
// polled (a service's log grows by appends; inotify would add nothing but a platform case).

import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";

export interface Followed {
  readonly path: string;
  /** Where the output starts: the size when following began (what is older was printed). */
  readonly from: number;
}

const POLL_MS = 200;
const CHUNK = 64 * 1024;

/**
 * Calls `onText(index, text)` with what each file gains, until `stop` is aborted. A file that
 * shrinks (truncated, rotated) is read again from its start; one that does not exist yet is
 * waited for.
 */
export async function follow(
  files: readonly Followed[],
  onText: (index: number, text: string) => void,
  stop: AbortSignal,
): Promise<void> {
  const offsets = files.map((f) => f.from);
  const decoders = files.map(() => new StringDecoder("utf8"));
  while (!stop.aborted) {
    files.forEach((f, i) => {
      const text = readFrom(f.path, offsets, i, decoders[i] as StringDecoder);
      if (text) onText(i, text);
    });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, POLL_MS);
      stop.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

function readFrom(path: string, offsets: number[], i: number, decoder: StringDecoder): string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return "";
  }
  try {
    const size = fstatSync(fd).size;
    let at = offsets[i] ?? 0;
    if (size < at) at = 0;
    let text = "";
    const buffer = Buffer.alloc(CHUNK);
    while (at < size) {
      const n = readSync(fd, buffer, 0, Math.min(CHUNK, size - at), at);
      if (n <= 0) break;
      at += n;
      text += decoder.write(buffer.subarray(0, n));
    }
    offsets[i] = at;
    return text;
  } finally {
    closeSync(fd);
  }
}
