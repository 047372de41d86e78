// The underlay between this machine and the lab's other machines, tried before anything is
// created (src/plan/underlay.ts): a peer that does not answer (OT6041), or a path that does
// not carry the tunnel's packets whole (OT6042), refuses the lab with nothing done.

import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/source.js";
import type { Underlay } from "../plan/owned.js";
import { byPeer, carryArgv, reachArgv, TRIES } from "../plan/underlay.js";
import { ipJson } from "./kernel.js";
import { type ProcResult, pool, run } from "./proc.js";

/** The problem of each peer's path, if it has one, at the first statement that needs it. */
export async function underlayProblems(
  claims: readonly { readonly claim: Underlay; readonly origin: Span | undefined }[],
): Promise<(Diagnostic | undefined)[]> {
  const peers = byPeer(claims.map((c) => c.claim));
  const found = await pool(peers, 16, async (u) => [u.address, await probe(u)] as const);
  const problems = new Map<string, (origin: Span | undefined) => Diagnostic>();
  for (const entry of found) if (entry?.[1]) problems.set(entry[0], entry[1]);
  const reported = new Set<string>();
  return claims.map((c) => {
    const problem = problems.get(c.claim.address);
    if (!problem || reported.has(c.claim.address)) return undefined;
    reported.add(c.claim.address);
    return problem(c.origin);
  });
}

async function probe(u: Underlay): Promise<((origin: Span | undefined) => Diagnostic) | undefined> {
  const reach = await tries(reachArgv(u));
  if (reach.code !== 0)
    return (span) =>
      diag("OT6041", `machine ${u.machine} does not answer at ${u.address}`, {
        span,
        label: "this tunnel goes there",
        notes: [
          `tried before anything was created: ${reach.argv.join(" ")}`,
          ...said(reach.stderr, reach.stdout),
        ],
        help: "the machines must reach each other's underlay addresses; let ICMP echo and the tunnel's UDP port through their firewalls",
      });
  const carry = await tries(carryArgv(u));
  if (carry.code !== 0)
    return (span) =>
      diag("OT6042", `the underlay to machine ${u.machine} does not carry ${u.size}-byte packets`, {
        span,
        label: "this tunnel needs them",
        notes: [
          `a ping that may not be fragmented did not pass: ${carry.argv.join(" ")}`,
          ...said(carry.stderr, carry.stdout),
        ],
        help: "lower the MTU of what the tunnel carries (or the machines' `mtu`) to what the path between them carries",
      });
  return undefined;
}

/** Whether this machine has each claimed address of its own; OT6048 at the first claim of each it lacks. */
export async function ownAddressProblems(
  claims: readonly {
    readonly claim: { readonly machine: string; readonly address: string };
    readonly origin: Span | undefined;
  }[],
): Promise<(Diagnostic | undefined)[]> {
  const r = await run(["ip", "-j", "addr", "show"]);
  const mine = new Set(
    (ipJson<{ addr_info?: { local: string }[] }>(r.stdout)?.flat() ?? []).flatMap((a) =>
      (a.addr_info ?? []).map((i) => i.local),
    ),
  );
  const reported = new Set<string>();
  return claims.map(({ claim, origin }) => {
    if ((r.code === 0 && mine.has(claim.address)) || reported.has(claim.address)) return undefined;
    reported.add(claim.address);
    return diag(
      "OT6048",
      `this machine has no address ${claim.address}: it is not machine ${claim.machine}`,
      {
        span: origin,
        label: "this tunnel leaves from there",
        notes: [
          r.code === 0
            ? "its tunnels would send from an address that is not its own"
            : `ip could not list the addresses: ${r.stderr.trim()}`,
        ],
        help: `bring machine ${claim.machine}'s part up on the machine that has ${claim.address} (\`--machine\` names the machine this one is), or give machine ${claim.machine} its address`,
      },
    );
  });
}

/** The first success of up to TRIES runs, or the last failure. */
async function tries(argv: readonly string[]): Promise<ProcResult> {
  let last = await run(argv);
  for (let i = 1; i < TRIES && last.code !== 0; i++) last = await run(argv);
  return last;
}

/** The lines of ping's output that say why, for a note. */
function said(stderr: string, stdout: string): string[] {
  const lines = `${stderr}\n${stdout}`
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("---") && !l.startsWith("PING"));
  return lines.length ? [`ping said: ${lines.slice(0, 3).join("; ")}`] : [];
}
