// Golden tests of `apply`'s plans: a running lab (its record) against an edited file, as
// `plan --diff` shows the change, then every command it would run in order — for the changes
// this machine's kernel cannot run live (VLAN-aware switches: no bridge vlan_filtering here)
// and for the other lowerings (iptables, isolation, a host interface moved in, a parameter).
// `npm run accept` rewrites the baselines; a reviewer reads the diff.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { diffText } from "../../src/backends/text.js";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileSource } from "../../src/model/compile.js";
import { type Diff, diffRecord, undoStages } from "../../src/plan/diff.js";
import { lower } from "../../src/plan/lower.js";
import { command, type Stage } from "../../src/plan/plan.js";
import type { Platform } from "../../src/plan/platform.js";
import { recordOf } from "../../src/plan/record.js";
import { ROOT } from "../support/lab.js";
import { compareBaseline } from "./golden.test.js";

interface Pair {
  readonly name: string;
  readonly before: string;
  readonly after: string;
  readonly platform?: Partial<Platform>;
  readonly params?: Record<string, string>;
}

const VLAN = readFileSync(join(ROOT, "examples/vlan.otop"), "utf8");

function edit(text: string, ...pairs: [string, string][]): string {
  let out = text;
  for (const [from, to] of pairs) {
    if (out.split(from).length !== 2) throw new Error(`\`${from}\` must occur once`);
    out = out.replace(from, to);
  }
  return out;
}

const PAIRS: readonly Pair[] = [
  {
    name: "vlan-ports",
    before: VLAN,
    // A VLAN added to the trunk with a node on it, and a guest moved to the staff's VLAN.
    after: edit(
      VLAN,
      ["trunk -> office { trunk 10,20 }", "trunk -> office { trunk 10,20,30 }\n  trunk.30 10.30.0.1/24"],
      [
        "node guest { eth0 -> office 10.20.0.11/24 { access 20 }; route default via 10.20.0.1 }",
        "node guest { eth0 -> office 10.10.0.13/24 { access 10 }; route default via 10.10.0.1 }\nnode lab { eth0 -> office 10.30.0.2/24 { access 30 } }",
      ],
    ),
  },
  {
    name: "iptables",
    before:
      "lab f\nnode r { forward\n  eth0 -> a.eth0 10.0.0.1/30\n  filter { forward policy drop\n forward accept established } }\nnode a { eth0 10.0.0.2/30 }\n",
    after:
      "lab f\nnode r { forward\n  eth0 -> a.eth0 10.0.0.1/30\n  filter { forward policy drop\n forward accept established\n forward accept in eth0 tcp dport 22 } }\nnode a { eth0 10.0.0.2/30\n  filter { input policy drop } }\n",
    platform: { firewall: "iptables" },
  },
  {
    name: "isolation",
    before: "lab i\nnode x { eth0 -> y.eth0 10.7.0.1/30 }\nnode y { eth0 10.7.0.2/30 }\n",
    after:
      'lab i\nnode x { isolate net uts\n  hostname xx\n  eth0 -> y.eth0 10.7.0.1/30 }\nnode y { eth0 10.7.0.2/30\n  run web "sleep 1000" }\n',
  },
  {
    name: "nic",
    before: "lab n\nnode m { e0 -> n.e0 10.6.0.2/30 }\nnode n { e0 10.6.0.1/30 }\n",
    after:
      "lab n\nnode m { e0 -> n.e0 10.6.0.2/30\n  wan -> host.enp9s0 198.51.100.226/28 { move mtu 1300 } }\nnode n { e0 10.6.0.1/30\n  lan -> host.enp8s0 10.5.0.1/24 { macvlan bridge } }\n",
  },
  {
    name: "params",
    before:
      "lab p\nparam rate = 10mbit\nnode a { eth0 -> b.eth0 10.0.0.1/30 fd00::1/64 { rate {rate} } }\nnode b { eth0 10.0.0.2/30 fd00::2/64 }\n",
    after:
      "lab p\nparam rate = 10mbit\nnode a { eth0 -> b.eth0 10.0.0.5/30 fd00::1/64 { rate {rate} } }\nnode b { eth0 10.0.0.6/30 fd00::2/64 }\n",
    params: { rate: "20mbit" },
  },
];

function compiled(name: string, text: string, params: Record<string, string> = {}) {
  const c = compileSource(sourceFile(name, text), { params: new Map(Object.entries(params)) });
  if (!c.lab) throw new Error(c.diagnostics.map((d) => d.message).join("; "));
  return { ...c, lab: c.lab };
}

/** Each step's command (its standard input indented under it), stage by stage. */
function commands(title: string, stages: readonly Stage[]): string[] {
  return stages.flatMap((s) =>
    s.steps.map((step) => {
      const cmd = command(step);
      const input = cmd.stdin?.trimEnd().replace(/^/gm, "    ");
      return `${title}: ${cmd.argv.join(" ")}${input ? `\n${input}` : ""}`;
    }),
  );
}

function output(d: Diff, lab: string): string {
  return [
    diffText(d, lab),
    "",
    "# what runs, in order",
    ...commands("remove", undoStages(d.undo.map((u) => u.op))),
    ...commands("make", d.stages),
    ...commands("remove last", undoStages(d.last.map((u) => u.op))),
    "",
  ].join("\n");
}

for (const pair of PAIRS)
  test(`golden apply: ${pair.name}`, () => {
    const before = compiled("before.otop", pair.before);
    const record = recordOf(before, lower(before.lab, pair.platform), "cli", "");
    const after = compiled("after.otop", pair.after, pair.params);
    const d = diffRecord(record.ops, lower(after.lab, pair.platform));
    compareBaseline(`apply-${pair.name}.txt`, output(d, after.lab.name));
  });
