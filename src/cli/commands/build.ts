// `opentop build FILE [-o OUT]`: the lab as a standalone POSIX sh script, generated from the
// plan `up` runs (src/backends/sh/script.ts). A lab on several machines has one script per
// machine: `--machine NAME` writes one, `--all-machines DIR` every one, with an Ansible
// inventory and playbook that copy and run them (src/backends/ansible.ts).

import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inventory, playbook } from "../../backends/ansible.js";
import { buildScript, type Script } from "../../backends/sh/script.js";
import { DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import type { Compiled } from "../../model/compile.js";
import type { Lab } from "../../model/model.js";
import { machinesInUse } from "../../model/part.js";
import { lowerHere } from "../../runtime/platform.js";
import { type Parsed, parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { firewallOf } from "../firewall.js";
import { type Io, printDiagnostics } from "../io.js";
import { machineOption } from "../machine-option.js";
import { SPEC, usageOf } from "../spec.js";
import { labFile } from "../target.js";

const spec = SPEC.build;
const usage = usageOf(spec);

type LabCompiled = Compiled & { readonly lab: Lab };

export const build: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const compiled = labFile(p, usage);
    if (p.format !== "json") printDiagnostics(io, compiled.diagnostics, p.format); // warnings
    const lab = compiled.lab;
    const machine = machineOption(p.values, lab);
    const dir = typeof p.values["all-machines"] === "string" ? p.values["all-machines"] : undefined;
    if (dir !== undefined && !lab.machines.length)
      throw new DiagnosticError(
        diag("OT7022", `lab ${lab.name} has no machines`, {
          help: "it is one script for whichever machine runs it: `opentop build FILE -o OUT`",
        }),
      );
    if (dir !== undefined) return allMachines(compiled, dir, p, io);
    if (lab.machines.length && machine === undefined)
      throw new DiagnosticError(
        diag(
          "OT7020",
          `lab ${lab.name} is on ${lab.machines.length} machines: each has a script of its own`,
          {
            help: `give \`--machine NAME\` for one (${lab.machines.map((m) => m.name).join(", ")}), or \`--all-machines DIR\` for every one`,
          },
        ),
      );
    // Filters and cgroup limits are lowered for this machine (its nft or iptables, its
    // cgroup layout), as `up` would here.
    const plan = lowerHere(lab, { ...firewallOf(p.values), ...(machine !== undefined ? { machine } : {}) });
    const script = buildScript(compiled, plan);
    const out = typeof p.values.output === "string" ? p.values.output : undefined;
    if (out === undefined || out === "-") {
      if (p.format === "json") io.out(JSON.stringify({ lab: lab.name, script: script.text }));
      else io.out(script.text);
      return EXIT.ok;
    }
    write("OT7001", out, () => {
      writeFileSync(out, script.text);
      chmodSync(out, 0o755);
    });
    if (p.format === "json")
      io.out(JSON.stringify({ ok: true, lab: lab.name, output: out, requires: script.requires }));
    else
      io.out(
        `wrote ${out}: lab ${lab.name}${machine !== undefined ? ` on machine ${machine}` : ""}, needs sh and ${needed(script).join(", ")}${tested(script)}`,
      );
    return EXIT.ok;
  },
};

/** What up, down, status and exec run, besides sh. */
function needed(script: Script): string[] {
  const n = script.needs;
  return [...new Set([...n.up, ...n.down, ...n.status, ...n.exec])].filter((p) => p !== "sh");
}

/** What `test` needs on top of that, if the lab has expectations. */
function tested(script: Script): string {
  const more = script.needs.test.filter((p) => p !== "sh" && !needed(script).includes(p));
  return more.length ? `; its test also ${more.join(", ")}` : "";
}

/**
 * Every machine's script in `dir`, named after it, and Ansible's inventory and playbook. Each
 * script is written as soon as it is made: a large lab's are not all held at once.
 */
function allMachines(compiled: LabCompiled, dir: string, p: Parsed, io: Io): number {
  const lab = compiled.lab;
  const machines = machinesInUse(lab);
  write("OT7021", dir, () => mkdirSync(dir, { recursive: true }));
  const files = machines.map((m) => {
    const plan = lowerHere(lab, { ...firewallOf(p.values), machine: m.name });
    const script = buildScript(compiled, plan);
    const name = `${m.name}.sh`;
    write("OT7021", dir, () => {
      writeFileSync(join(dir, name), script.text);
      chmodSync(join(dir, name), 0o755);
    });
    return { machine: m.name, script: name, requires: script.requires };
  });
  write("OT7021", dir, () => {
    writeFileSync(
      join(dir, "inventory.ini"),
      inventory(lab.name, machines, (m) => `${m.name}.sh`),
    );
    writeFileSync(join(dir, "playbook.yml"), playbook(lab.name));
  });
  const written = [...files.map((f) => f.script), "inventory.ini", "playbook.yml"];
  if (p.format === "json")
    io.out(JSON.stringify({ ok: true, lab: lab.name, directory: dir, machines: files, files: written }));
  else
    io.out(
      `wrote ${dir}: ${written.length > 8 ? `${files.length} scripts (${written.slice(0, 3).join(", ")}, …)` : written.slice(0, -2).join(", ")}, inventory.ini and playbook.yml (run \`ansible-playbook -i ${join(dir, "inventory.ini")} ${join(dir, "playbook.yml")}\`, or each script on its machine)`,
    );
  return EXIT.ok;
}

function write(code: "OT7001" | "OT7021", where: string, body: () => void): void {
  try {
    body();
  } catch (e) {
    throw new DiagnosticError(
      diag(
        code,
        `cannot write ${code === "OT7001" ? "the script to" : "the machines' scripts in"} ${where}: ${(e as Error).message}`,
        {
          help:
            code === "OT7001"
              ? "give a path in a directory you can write (or `-o -` for standard output)"
              : "give a directory you can write",
        },
      ),
    );
  }
}
