// `opentop status LAB|FILE`: the live state from the kernel, and drift from the plan (the API's
// `status`). A lab this machine brought up on several is read on each, over ssh
// (./status-machines.ts).

import { statusOf } from "../../api/actions.js";
import { DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import type { LabRecord } from "../../plan/record.js";
import { counted } from "../../plural.js";
import type { FilterStatus } from "../../runtime/filter-status.js";
import { qdiscText } from "../../runtime/shaping-status.js";
import { routeText, type Status } from "../../runtime/status.js";
import { spanOfLab } from "../across.js";
import { parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { type Io, printableData } from "../io.js";
import { SPEC, usageOf } from "../spec.js";
import { labTarget, requireRecord } from "../target.js";
import { statusOnMachines } from "./status-machines.js";

const spec = SPEC.status;
const usage = usageOf(spec);

export const status: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const target = labTarget(p, usage);
    const machine = p.values.machine;
    // A lab this machine brought up on several: each machine's part, over ssh.
    const span = machine === undefined ? spanOfLab(target.lab) : undefined;
    if (span) return statusOnMachines(span, p, io);
    if (typeof machine === "string") {
      const held = requireRecord(target).machine;
      if (held !== machine)
        throw new DiagnosticError(
          diag(
            "OT6045",
            `this machine holds ${held !== undefined ? `machine ${held}'s part` : "all"} of lab ${target.lab}, not machine ${machine}'s`,
            {
              help: `run it on machine ${machine}, or without \`--machine\` on the machine that brought the lab up`,
            },
          ),
        );
    }
    const s = await statusOf(target);
    const record = s.record;
    if (p.format === "json") {
      io.out(
        JSON.stringify(
          {
            lab: record.lab,
            state: record.state,
            file: record.file,
            since: record.createdAt,
            fileChanged: s.fileChanged ?? null,
            namespaces: s.namespaces,
            filters: s.filters,
            nodes: s.nodes,
            shaping: s.shaping,
            drift: s.drift,
          },
          null,
          2,
        ),
      );
    } else {
      // Only what is printed is made printable: the record's operations are not shown.
      const { record: r, ...shown } = s;
      const head = {
        lab: r.lab,
        state: r.state,
        createdAt: r.createdAt,
        file: r.file,
        ...(r.machine !== undefined ? { machine: r.machine } : {}),
      };
      printStatus(io, printableData(shown), printableData(head), s.fileChanged === true);
    }
    // A service that is not running (unless it finished with status 0) fails status too.
    const down = s.nodes.some((n) =>
      n.services.some((x) => x.state === "stopped" || (x.state === "exited" && x.code !== 0)),
    );
    return s.drift.length || record.state !== "up" || down ? EXIT.failed : EXIT.ok;
  },
};

/** A node's filter: what holds it, and the counters of the rules that count. */
function printFilters(io: Io, filters: readonly FilterStatus[]): void {
  const st = io.style;
  for (const f of filters) {
    const what = f.backend === "nft" ? `nft table ${f.table}` : f.table; // `ip6tables filter+nat`
    io.out(`  ${st.dim("filter")} ${what}${f.present ? "" : st.error(" missing")}`);
    const width = Math.max(0, ...f.counters.map((c) => c.rule.length));
    for (const c of f.counters)
      io.out(
        `    ${c.rule.padEnd(width)}  ${String(c.packets).padStart(8)} ${c.packets === 1 ? "packet " : "packets"} ${String(c.bytes).padStart(10)} ${c.bytes === 1 ? "byte" : "bytes"}`,
      );
  }
}

/** The record's fields a status shows. */
type StatusHead = Pick<LabRecord, "lab" | "state" | "createdAt" | "file" | "machine">;

function printStatus(io: Io, s: Omit<Status, "record">, r: StatusHead, fileChanged: boolean): void {
  const st = io.style;
  const part = r.machine !== undefined ? ` (machine ${r.machine}'s part)` : "";
  io.out(
    `${st.bold(`lab ${r.lab}`)}${part}: ${r.state === "up" ? "up" : st.warning(r.state === "applying" ? "half changed (its apply did not finish)" : "half up (its up did not finish)")} since ${r.createdAt}, from ${r.file}`,
  );
  if (fileChanged) io.out(st.warning("  the file has changed since the lab was brought up"));
  for (const ns of s.namespaces) {
    const title = ns.node !== null ? `node ${ns.node}` : ns.ns === null ? "host" : "switches";
    io.out(
      `${st.bold(title)} ${st.dim(`(${ns.ns ?? "the host's namespace"})`)}${ns.present ? "" : st.error(" missing")}${ns.unread !== undefined ? st.error(` could not be read: ${ns.unread}`) : ""}`,
    );
    // The switches' loopback is never brought up; it only carries the lab's mark.
    const ifaces = ns.node === null && ns.ns !== null ? ns.ifaces.filter((i) => i.name !== "lo") : ns.ifaces;
    const width = Math.max(4, ...ifaces.map((i) => i.name.length));
    for (const i of ifaces) {
      // Set up but without carrier (the other end is down): say so, it explains lost packets.
      const state = !i.up
        ? "down"
        : i.operstate === "DOWN" || i.operstate === "LOWERLAYERDOWN"
          ? "no-carrier"
          : "up";
      const extra = i.master ? `port of ${i.master}` : i.addresses.join(" ");
      io.out(
        `  ${i.name.padEnd(width)}  ${(state === "up" ? state : st.warning(state)).padEnd(10)} ${extra}`,
      );
    }
    for (const route of ns.routes.filter((x) => x.protocol !== "kernel")) {
      const destination =
        route.destination === "0.0.0.0/0" || route.destination === "::/0" ? "default" : route.destination;
      // Every metric the kernel gives, IPv6's 1024 too, written here rather than by routeText.
      const { metric, ...rest } = route;
      const text = routeText({ ...rest, destination }).replace(/^route /, "");
      io.out(`  ${st.dim("route")} ${text}${metric !== undefined ? ` metric ${metric}` : ""}`);
    }
    for (const shaped of s.shaping.filter((x) => x.ns === ns.ns))
      io.out(
        `  ${st.dim("qdisc")} ${shaped.dev}: ${shaped.qdiscs.map(qdiscText).join(", ") || st.error("none")}`,
      );
    printFilters(
      io,
      s.filters.filter((f) => f.ns === ns.ns),
    );
  }
  printIsolation(io, s);
  if (s.drift.length === 0) io.out(st.help("no drift: the kernel matches the plan"));
  else {
    io.out(st.error(`drift (${counted(s.drift.length, "difference")}):`));
    for (const d of s.drift) io.out(`  ${d.kind.padEnd(7)} ${d.what} ${st.dim(`in ${d.ns ?? "the host"}`)}`);
  }
}

/** Nodes that isolate more than their network: what they isolate, their limits, init and services. */
function printIsolation(io: Io, s: Omit<Status, "record">): void {
  const st = io.style;
  for (const n of s.nodes) {
    // A node that isolates only its network is here for its services: nothing to say of it.
    const facts = [
      ...(n.aspects.length === 1 && n.aspects[0] === "net" ? [] : [`isolates ${n.aspects.join(" ")}`]),
      ...(n.hostname !== undefined ? [`hostname ${n.hostname}`] : []),
      ...(n.root !== undefined ? [`root ${n.root}`] : []),
      ...(n.limits.length ? [`limit ${n.limits.join(" ")}`] : []),
    ];
    io.out(
      facts.length ? `${st.bold(`node ${n.node}`)} ${st.dim(facts.join(", "))}` : st.bold(`node ${n.node}`),
    );
    if (n.init)
      io.out(
        `  ${"init".padEnd(12)} ${n.init.alive ? `running   pid ${n.init.pid}` : st.error("gone: the pid namespace is dead")}`,
      );
    for (const svc of n.services) {
      const state =
        svc.state === "running"
          ? `running   pid ${svc.pid}`
          : svc.state === "exited"
            ? st.warning(`exited    status ${svc.code}`)
            : st.warning("stopped   (no exit status)");
      io.out(`  ${svc.name.padEnd(12)} ${state}  ${st.dim(svc.log)}`);
    }
  }
}
