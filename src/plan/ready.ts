// Lowering of services' readiness (src/model/ready.ts): after every service has started,
// one step per service waits until it is ready — a listener on its port, its command
// succeeding inside the node, or at least not failing at once — so that `up` returns a lab
// whose services answer, and fails (and rolls back) when one cannot.

import type { Lab } from "../model/model.js";
import { nodeNetns } from "../model/names.js";
import { assertNever } from "../never.js";
import { enterPrefix, type NodeRuntime } from "./enter.js";
import type { ReadyOp } from "./ops/ready.js";

export function readinessOps(lab: Lab, nodes: Readonly<Record<string, NodeRuntime>>): ReadyOp[] {
  const out: ReadyOp[] = [];
  // Only the nodes with services: a large lab has thousands without.
  for (const n of lab.nodes) {
    const rt = n.isolation.services.length ? nodes[n.name] : undefined;
    if (!rt) continue;
    const ops = n.isolation.services.flatMap((s): ReadyOp[] => {
      const svc = rt.services.find((x) => x.name === s.name);
      if (!svc) return [];
      const check = s.ready.check;
      const base = {
        kind: "service.ready" as const,
        node: n.name,
        name: s.name,
        ns: rt.enter.net !== undefined ? nodeNetns(lab.name, n.name) : null,
        pidfile: svc.pidfile,
        status: svc.status,
        log: svc.log,
        seconds: s.ready.seconds,
        origin: s.span,
      };
      switch (check.kind) {
        case "started":
          return [{ ...base, check: "started" }];
        case "tcp":
        case "udp":
          return [{ ...base, check: check.kind, port: check.port }];
        case "command": {
          // Inside the node, as its service runs: its namespaces and cgroups, its environment.
          const env = [`OPENTOP_LAB=${lab.name}`, `OPENTOP_NODE=${n.name}`, `OPENTOP_SERVICE=${s.name}`];
          const argv = [...enterPrefix(rt), "env", ...env, "sh", "-c", check.command];
          return [{ ...base, ns: null, check: "command", argv }];
        }
        default:
          return assertNever(check);
      }
    });
    out.push(...ops);
  }
  return out;
}
