// Another machine as lowering sees it (src/plan/platform.ts): which firewall it has and its
// cgroup layout, read over ssh by one small sh program (the first command of a run, which
// also opens the shared connection). The same questions src/runtime/platform.ts asks of this
// machine, asked of the files of that one.

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Firewall } from "../plan/firewall.js";
import { RUN_DIR } from "../plan/layout.js";
import type { Platform } from "../plan/platform.js";
import { type CgroupFiles, detectCgroupLayout } from "./cgroups.js";
import { notReached } from "./fleet.js";
import { onMachine, type Remote, unreachable } from "./ssh.js";

/**
 * Prints the tools the firewall lowering chooses between, the mount table, and for each whole
 * cgroup hierarchy the files the layout is read from (src/runtime/cgroups.ts).
 */
const PROBE = `for t in nft iptables-restore; do command -v "$t" >/dev/null 2>&1 && echo "tool $t"; done
echo '== mountinfo'
cat /proc/self/mountinfo
echo '== files'
while read -r _ _ _ root mp rest; do
  fs=\${rest#* - }
  fs=\${fs%% *}
  [ "$root" = / ] || continue
  case $fs in cgroup | cgroup2) ;; *) continue ;; esac
  for f in cgroup.controllers cgroup.subtree_control; do
    [ -r "$mp/$f" ] && printf 'words %s %s\\n' "$mp/$f" "$(cat "$mp/$f")"
  done
  [ -e "$mp/memory.memsw.limit_in_bytes" ] && echo "exists $mp/memory.memsw.limit_in_bytes"
  for d in "$mp"/*/; do
    if [ -e "\${d}memory.swap.max" ]; then
      echo "child $mp memory.swap.max"
      break
    fi
  done
done </proc/self/mountinfo
`;

export interface Probed {
  readonly platform?: Partial<Platform>;
  /** The files its cgroups were read from, for the check of its limits. */
  readonly files?: CgroupFiles;
  readonly problem?: Diagnostic;
}

/** The platform of the machine, or why it could not be read (OT6040). */
export async function remotePlatform(
  r: Remote,
  asked: { readonly firewall?: Firewall } = {},
): Promise<Probed> {
  const result = await onMachine(r, ["sh", "-s"], PROBE);
  if (unreachable(result) || result.code !== 0) return { problem: notReached(r, result) };
  return probed(result.stdout, asked);
}

/** What the probe printed, as the machine's platform (and its cgroup files). */
export function probed(stdout: string, asked: { readonly firewall?: Firewall } = {}): Probed {
  const [head = "", rest = ""] = stdout.split("== mountinfo\n");
  const [mountinfo = "", listed = ""] = rest.split("== files\n");
  const tools = new Set(head.split("\n").flatMap((l) => (l.startsWith("tool ") ? [l.slice(5)] : [])));
  const files = filesOf(listed);
  const firewall: Firewall =
    asked.firewall ?? (tools.has("nft") || !tools.has("iptables-restore") ? "nft" : "iptables");
  return {
    platform: { firewall, cgroups: detectCgroupLayout(mountinfo, files), runDir: RUN_DIR },
    files,
  };
}

/** The answers the probe printed, as the files the layout reader asks about. */
function filesOf(text: string): CgroupFiles {
  const words = new Map<string, string[]>();
  const exists = new Set<string>();
  const children = new Set<string>();
  for (const line of text.split("\n")) {
    const [kind, path = "", ...rest] = line.split(" ");
    if (kind === "words") {
      words.set(path, rest.filter(Boolean));
      exists.add(path);
    } else if (kind === "exists") exists.add(path);
    else if (kind === "child") children.add(`${path} ${rest[0] ?? ""}`);
  }
  return {
    words: (path) => words.get(path) ?? [],
    exists: (path) => exists.has(path),
    childHas: (root, file) => children.has(`${root} ${file}`),
  };
}
