// The checker: resolve every name, parse every value, and build the model, reporting each
// problem with its own code. It keeps going after an error so one run reports them all.

import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../diagnostics/source.js";
import type { Building } from "../opt.js";
import { attachAll } from "./attach.js";
import type { Decls, NodeDecl } from "./expand.js";
import { checkExpectations } from "./expect/check.js";
import { checkFilter } from "./filter.js";
import { checkForwarding } from "./forwarding.js";
import { ifaceModels, readIfaces } from "./ifaces.js";
import { type Aspect, checkIsolation, labDefault } from "./isolation.js";
import { checkCarried, checkKinds, LINK_WORDS, type Pending } from "./links/index.js";
import { declareMachines, placeNode } from "./machines.js";
import { mergePlaces } from "./merge.js";
import type { Lab, Node, Switch } from "./model.js";
import { checkRoutes } from "./routes.js";
import { declareLab, declareNode, declareSwitch, Scope } from "./scope.js";
import { checkSegments } from "./segments.js";
import { placeShaping } from "./shaping-links.js";
import { checkSysctls } from "./sysctls.js";
import { placeTunnels } from "./tunnels.js";

export function check(decls: Decls, diagnostics: Diagnostics, file?: SourceFile): Lab | undefined {
  const scope = new Scope(diagnostics, file, LINK_WORDS);
  const labSpan = declareLab(scope, decls);
  const labIsolate = labDefault(decls, diagnostics);
  const placement = declareMachines(diagnostics, decls);
  for (const s of decls.switches) declareSwitch(scope, s);
  // A node given in several places is one node; interfaces are read as their node is
  // declared, and they link once every node is.
  const waiting: Pending[] = [];
  for (const n of mergePlaces(decls, diagnostics)) {
    if (!declareNode(scope, n)) continue;
    placeNode(placement, n);
    readIfaces(scope, n, waiting);
  }
  const links = attachAll(scope, waiting);
  checkCarried(scope, links);
  checkKinds(scope, links);
  // Before segments: a tunnel gives the interfaces it carries its MTU.
  const tunnels = placeTunnels(scope, placement, links, decls);
  const segments = checkSegments(scope, links);
  placeShaping(scope, links);
  const nodes = [...scope.nodes.values()].map((n) =>
    node(scope, n, labIsolate, placement.placed.get(n.name.text)),
  );
  checkForwarding(diagnostics, nodes);
  const expectations = checkExpectations(
    decls.expects,
    { nodes, switches: [...scope.switches.keys()], hostAddresses: segments.flatMap((s) => s.addresses) },
    diagnostics,
  );
  if (diagnostics.hasErrors || labSpan === undefined) return undefined;
  const home = placement.defaultMachine;
  const switches: Switch[] = [...scope.switches.values()].map(({ decl, mtu, vlanAware, machines, vni }) => ({
    name: decl.name.text,
    span: decl.span,
    ...(mtu !== undefined ? { mtu } : {}),
    ...(vlanAware ? { vlanAware: true } : {}),
    ...(home !== undefined ? { machines: machines?.length ? machines : [home] } : {}),
    ...(vni !== undefined ? { vni } : {}),
  }));
  return {
    name: scope.labName,
    span: labSpan,
    switches,
    nodes,
    links,
    segments,
    expectations,
    machines: [...placement.machines.values()].map((m) => m.machine),
    ...(home !== undefined ? { defaultMachine: home } : {}),
    tunnels,
  };
}

/** A node's own settings: its routes, sysctls, filter and isolation. */
function node(
  scope: Scope,
  n: NodeDecl,
  labIsolate: readonly Aspect[] | undefined,
  machine: string | undefined,
): Node {
  const ifaces = scope.ifacesOf(n.name.text);
  const outIfaces = ifaceModels(n.name.text, ifaces);
  const routes = checkRoutes(scope.diagnostics, n, ifaces);
  const sysctls = checkSysctls(scope.diagnostics, n);
  const filter = checkFilter(n, { node: n.name.text, ifaces: outIfaces, routes, sysctls }, scope.diagnostics);
  const isolation = checkIsolation(n, labIsolate, scope.diagnostics);
  // Field by field, in the order the model's JSON shows them: a literal of conditional
  // spreads cost several times as much, once a node.
  const out: Building<Node> = { name: n.name.text, span: n.span };
  if (machine !== undefined) out.machine = machine;
  out.ifaces = outIfaces;
  out.routes = routes;
  out.sysctls = sysctls;
  if (filter) out.filter = filter;
  out.isolation = isolation;
  // Complete: every field not in the first literal is set above.
  return out as Node;
}
