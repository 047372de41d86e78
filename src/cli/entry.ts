// The installed command's entry (bin/opentop.js): `exec` and `shell` the quick way when they
// can (src/cli/fast.ts), every command else — and those when they cannot — by `main`, which
// is loaded only then.

import { fast } from "./fast.js";
import { ended, holdFor } from "./hold.js";

export async function start(argv: readonly string[]): Promise<number> {
  // Before anything is loaded: `up` and `apply` are not ended outright by a Ctrl-C.
  holdFor(argv);
  const quick = await fast(argv);
  if (quick !== undefined) return quick;
  const { main } = await import("./main.js");
  return await ended(await main([...argv]));
}
