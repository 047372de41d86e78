// Garbage collection: remove what OpenTop labs left behind — labs that never finished
// coming up (their `up` died), and marked objects whose lab has no record: namespaces, host
// interfaces and tables, and what isolation made (marked processes, namespace files, cgroups,
// the lab's directory; discover-isolation.ts). A lab that is up, or that another command is
// working on right now, is left alone; so is anything without OpenTop's mark, whatever its name.

import { existsSync, readdirSync, readlinkSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { NAME_PATTERN } from "../model/names.js";
import { removedBy } from "../plan/ops.js";
import type { LabRecord } from "../plan/record.js";
import { discover, emptyMarked, type Marked } from "./discover.js";
import { down, markedRecord } from "./lifecycle.js";
import { clearStaleHostLock, holderAlive, lockPath } from "./lock.js";
import { listLabs, readRecord, recordedAnywhere, runDir } from "./record.js";
import { teardownOf } from "./teardown.js";

export interface Debris {
  /** The lab the debris is of; empty for the host lock, which is every lab's. */
  readonly lab: string;
  readonly why: string;
  /** Human-readable objects: `netns office.pc1`, `link ot-…`. */
  readonly objects: readonly string[];
}

export interface GcResult {
  readonly debris: readonly Debris[];
  readonly diagnostics: readonly Diagnostic[];
}

function isLock(path: string): boolean {
  try {
    return /^\d+:\d+$/.test(readlinkSync(path));
  } catch {
    return false;
  }
}

function busy(lab: string): boolean {
  try {
    return holderAlive(readlinkSync(lockPath(lab)));
  } catch {
    return false;
  }
}

function objectsOf(record: LabRecord): string[] {
  return teardownOf(record).flatMap((s) => s.steps.flatMap((st) => st.ops.flatMap(removedBy)));
}

/** What a lab without a record left: its objects, and what keeps its directory. */
function unrecordedObjects(lab: string, marked: Marked, stand: LabRecord): string[] {
  return [
    ...objectsOf(stand),
    ...marked.foreignMounts.map((m) => `mount ${m} (not OpenTop's: left, and the directory with it)`),
    ...(marked.dir ? [`directory ${join(runDir(), lab)}`] : []),
  ];
}

export async function gc(options: { dryRun: boolean }): Promise<GcResult> {
  const debris: Debris[] = [];
  const diagnostics: Diagnostic[] = [];
  // A lab directory without a record file (a record removed by hand, a run that died
  // while writing it) counts as no record: the lab's marks decide.
  const recorded = new Set(listLabs().filter((lab) => readRecord(lab) !== undefined));

  // 1. Labs whose up never finished, and whose up is not running any more.
  for (const lab of recorded) {
    const record = readRecord(lab);
    if (record === undefined || busy(lab)) continue;
    if (!(record instanceof Error) && record.state === "up") continue;
    const why =
      record instanceof Error ? `its record is unreadable (${record.message})` : "its up did not finish";
    const stand =
      record instanceof Error ? markedRecord(lab, (await discover(lab)).get(lab) ?? emptyMarked()) : record;
    debris.push({ lab, why, objects: [...objectsOf(stand), `record ${join(runDir(), lab)}`] });
    if (!options.dryRun) {
      const r = await down(lab, { fallback: stand });
      diagnostics.push(...r.diagnostics);
    }
  }

  // 2. Marked objects of labs that have no record at all.
  for (const [lab, marked] of await discover()) {
    // A lab with a record in another run directory (OPENTOP_RUN_DIR) is that record's.
    if (recorded.has(lab) || recordedAnywhere(lab) || busy(lab)) continue;
    const stand = markedRecord(lab, marked);
    debris.push({
      lab,
      why: "it has no record (its record was removed, or it predates this boot's /run)",
      objects: unrecordedObjects(lab, marked, stand),
    });
    if (!options.dryRun) {
      const r = await down(lab, { fallback: stand, unrecorded: true });
      diagnostics.push(...r.diagnostics);
    }
  }

  // 3. Locks whose holder died: OpenTop's locks only, symbolic links named after a lab
  // whose target is a holder's PID:STARTTIME (a `dpkg.lock` of a run directory given by
  // mistake is no lock of OpenTop's).
  if (existsSync(runDir()))
    for (const entry of readdirSync(runDir())) {
      if (!entry.endsWith(".lock")) continue;
      const lab = entry.slice(0, -5);
      if (!NAME_PATTERN.test(lab) || !isLock(join(runDir(), entry)) || busy(lab)) continue;
      debris.push({ lab, why: "its lock's holder is gone", objects: [`lock ${join(runDir(), entry)}`] });
      if (!options.dryRun)
        try {
          unlinkSync(join(runDir(), entry));
        } catch {}
    }
  // 4. The host lock, if an `up` holding it died (it is in the default run directory,
  // whatever the run directory).
  const hostLock = clearStaleHostLock(options.dryRun);
  if (hostLock) debris.push({ lab: "", why: "its holder is gone", objects: [`lock ${hostLock}`] });
  return { debris, diagnostics };
}
