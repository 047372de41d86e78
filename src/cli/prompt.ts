// A shell inside a node says where it is: its prompt starts with `[LAB:NODE]`. A prompt set
// in the environment alone is lost, since bash and zsh read start-up files that set their
// own; so each shell gets its start-up files first and the prefix after them.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

export interface ShellLaunch {
  /** The program and its arguments. */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Removes what the launch needed on disk, once the shell has exited. */
  readonly cleanup: () => void;
}

/** Double-quoted for sh-like shells: `$`, backquotes, `\` and `"` escaped. */
function dq(text: string): string {
  return `"${text.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

/**
 * bash reads its start-up text from a here-document on descriptor 3: a pipe, made by the
 * node's own sh, so that it works in a node with a root of its own (a file in the host's
 * /tmp would not be there) and leaves nothing behind.
 */
function bash(shell: string, tag: string): ShellLaunch {
  const rc = [
    "[ -r /etc/bash.bashrc ] && . /etc/bash.bashrc",
    '[ -r "$HOME/.bashrc" ] && . "$HOME/.bashrc"',
    `PS1=${dq(`${tag} `)}"\${PS1:-\\\\u@\\\\h:\\\\w\\\\$ }"`,
    "exec 3<&-",
  ].join("\n");
  return {
    argv: ["/bin/sh", "-c", `exec "$0" --rcfile /dev/fd/3 -i 3<<'OPENTOP_RC'\n${rc}\nOPENTOP_RC`, shell],
    env: {},
    cleanup: () => {},
  };
}

export function shellLaunch(shell: string, lab: string, node: string): ShellLaunch {
  const tag = `[${lab}:${node}]`;
  const none = () => {};
  switch (basename(shell)) {
    case "bash":
      return bash(shell, tag);
    case "zsh": {
      // zsh reads $ZDOTDIR/.zshrc: a directory of our own whose .zshrc reads the user's.
      const dir = mkdtempSync(join(tmpdir(), "opentop-zsh-"));
      const home = process.env.ZDOTDIR ?? process.env.HOME ?? "";
      writeFileSync(
        join(dir, ".zshrc"),
        `ZDOTDIR=${dq(home)}\n[[ -r "$ZDOTDIR/.zshrc" ]] && . "$ZDOTDIR/.zshrc"\nPROMPT=${dq(`${tag} `)}"$PROMPT"\n`,
      );
      return {
        argv: [shell, "-i"],
        env: { ZDOTDIR: dir },
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
      };
    }
    case "fish":
      return {
        argv: [
          shell,
          "-i",
          "-C",
          `functions -q fish_prompt; and functions -c fish_prompt __opentop_prompt; function fish_prompt; printf '%s ' ${fishQuote(tag)}; functions -q __opentop_prompt; and __opentop_prompt; end`,
        ],
        env: {},
        cleanup: none,
      };
    default:
      // sh, dash, ksh, busybox: they take PS1 from the environment.
      return {
        argv: [shell, "-i"],
        env: { PS1: `${tag} ${process.getuid?.() === 0 ? "#" : "$"} ` },
        cleanup: none,
      };
  }
}

function fishQuote(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
