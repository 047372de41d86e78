// The fuzzer's corpus and mutations, shared by the tests that feed mutated labs through the
// front end (test/unit/fuzz.test.ts) and through the formatter (test/unit/fmt.test.ts).

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Reader } from "../../src/model/sources.js";
import { ROOT } from "./lab.js";

const HOSTILE = [
  "{",
  "}",
  "->",
  "!->",
  '"',
  "'",
  ";",
  "\n",
  "\0",
  "\\",
  "$(rm -rf /)",
  "`id`",
  "$HOME",
  "a b",
  "é",
  "☃",
  "\u202e",
  "{i+}",
  "{1/0}",
  "{99999999999999999999}",
  "[1..99999999]",
  "[3..1]",
  "..",
  "-1",
  "0",
  "65536",
  "255.255.255.255/32",
  "0.0.0.0/0",
  "::/0",
  "fe80::1%eth0",
  "10.0.0.1/33",
  "lo",
  "host",
  "forward",
  "route default via 10.0.0.1",
  "sysctl kernel.x 1",
  "mtu 1",
  "mac ff:ff:ff:ff:ff:ff",
  "x".repeat(5000),
  "node",
  "switch",
  "lab",
  "param n = ",
  "for i in 1..3 {",
  '"a\\qb"',
  "# comment",
  // composition (docs/language.md): links, conditions, let, pools, includes, templates
  "link a.eth0 -- b.eth0",
  "link r{k}.right {host(net(10.255.0.0/16, 31, k), 0)} -- r{k+1}.left {host(net(10.255.0.0/16, 31, k), 1)}",
  " -- ",
  "if k > 1 {",
  "} else {",
  "} else if k == 2 {",
  "else",
  "if not (i % 2 == 0) or n != 3 { forward }",
  'if "a" == 1 { }',
  "let p = net(fd00::/48, 64, i)",
  "let = ",
  "{host(10.1.0.0/24, i)}",
  "{net(10.0.0.0/8, 33, 1)}",
  "{ip(host(::/0, 99999999999999))}",
  "{host(p, -1)}",
  'include "part.otop"',
  'include "self.otop"',
  'include "missing.otop"',
  "include x{i}.otop",
  "template t { param k\n lo 10.9.{k}.1/32 }",
  "use t k={i}",
  "use t k=1 k=2",
  "use nope",
  "template t { use t }",
];

/** Included files, from memory, so that the fuzzer never reads the disk. */
const PARTS: Record<string, string> = {
  "part.otop": "template t {\n  param k = 1\n  lo 10.9.{k}.1/32\n}\nswitch fuzzsw\n",
  "self.otop": 'include "self.otop"\nnode fz { lo 10.8.0.1/32 }\n',
};
export const read: Reader = (path) => {
  const text = PARTS[path];
  if (text === undefined) throw Object.assign(new Error("missing"), { code: "ENOENT" });
  return { bytes: Buffer.from(text), id: path };
};

export function seeds(): string[] {
  const dirs = [join(ROOT, "examples"), join(ROOT, "test/golden/cases")];
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith(".otop"))
      .map((f) => readFileSync(join(d, f), "utf8")),
  );
}

export function mutate(text: string, random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  let out = text;
  const rounds = 1 + Math.floor(random() * 4);
  for (let r = 0; r < rounds; r++) {
    const at = Math.floor(random() * (out.length + 1));
    switch (Math.floor(random() * 6)) {
      case 0: // delete a range
        out = out.slice(0, at) + out.slice(at + Math.floor(random() * 40));
        break;
      case 1: // insert something hostile
        out = out.slice(0, at) + pick(HOSTILE) + out.slice(at);
        break;
      case 2: {
        // replace a word
        const words = out.split(/(\s+)/);
        const i = Math.floor(random() * words.length);
        if (!/^\s*$/.test(words[i] ?? "")) words[i] = pick(HOSTILE);
        out = words.join("");
        break;
      }
      case 3: {
        // duplicate or drop a line
        const lines = out.split("\n");
        const i = Math.floor(random() * lines.length);
        if (random() < 0.5) lines.splice(i, 0, lines[i] ?? "");
        else lines.splice(i, 1);
        out = lines.join("\n");
        break;
      }
      case 4: // flip a byte to a random printable or control character
        out = out.slice(0, at) + String.fromCharCode(Math.floor(random() * 128)) + out.slice(at + 1);
        break;
      default: // splice in part of another lab
        out = out.slice(0, at) + out.slice(Math.floor(random() * out.length));
    }
  }
  return out;
}
