// `opentop completion bash|zsh|fish` (the shell's script) and the hidden
// `opentop __complete WORD…` the scripts call (src/cli/complete.ts).

import { usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { complete as candidates, completionText } from "../complete.js";
import { COMPLETION_SCRIPTS, type Shell } from "../completion-scripts.js";
import { SPEC, usageOf } from "../spec.js";

function isShell(word: string | undefined): word is Shell {
  return word !== undefined && Object.hasOwn(COMPLETION_SCRIPTS, word);
}

export const completion: Command = {
  async run(args, io) {
    const [shell, ...extra] = args;
    if (!isShell(shell) || extra.length)
      throw usageError(
        shell === undefined || isShell(shell) ? "give one shell" : `no completion for \`${shell}\``,
        usageOf(SPEC.completion),
      );
    io.out(COMPLETION_SCRIPTS[shell]);
    return EXIT.ok;
  },
};

/** Never fails: a shell's completion must not print errors into the command line. */
export const complete: Command = {
  async run(args, io) {
    try {
      const text = completionText(candidates(args.length ? args : [""]));
      if (text) io.out(text);
    } catch {
      // nothing to offer
    }
    return EXIT.ok;
  },
};
