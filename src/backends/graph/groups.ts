// Many nodes on one switch (a star, a rack of hosts) drawn as one grid beside it instead of
// one box and one line each: a column of hundreds of boxes, or a ring of them, is not
// readable, a grid of names is. A group is the leaves of one vertex — nodes with a single
// link, to it — once there are at least GROUP_AT of them.

import type { Picture, PictureEdge, PictureVertex, State } from "./picture.js";
import { verticesOf } from "./picture.js";

export const GROUP_AT = 8;

export interface Member {
  readonly vertex: PictureVertex;
  readonly edge: PictureEdge;
}

export interface Group {
  /** `g0`, `g1`, … */
  readonly id: string;
  /** The vertex the members are linked to, and what it is called: `switch lan`. */
  readonly hub: string;
  readonly hubName: string;
  readonly members: readonly Member[];
  readonly columns: number;
}

export interface Grouping {
  readonly groups: readonly Group[];
  /** Vertices and edges drawn inside a group rather than on their own. */
  readonly inGroup: ReadonlySet<string>;
}

export function groupLeaves(p: Picture): Grouping {
  const degree = new Map<string, number>();
  for (const e of p.edges) for (const v of [e.a.vertex, e.b.vertex]) degree.set(v, (degree.get(v) ?? 0) + 1);
  const byId = new Map(verticesOf(p).map((v) => [v.id, v]));
  const leaves = new Map<string, Member[]>();
  for (const e of p.edges) {
    // Oriented centre-first (layout.ts): a leaf is the far end.
    const leaf = byId.get(e.b.vertex);
    if (leaf?.kind !== "node" || degree.get(leaf.id) !== 1) continue;
    const list = leaves.get(e.a.vertex) ?? [];
    list.push({ vertex: leaf, edge: e });
    leaves.set(e.a.vertex, list);
  }
  const groups: Group[] = [];
  const inGroup = new Set<string>();
  for (const [hub, members] of leaves) {
    if (members.length < GROUP_AT) continue;
    const v = byId.get(hub);
    groups.push({
      id: `g${groups.length}`,
      hub,
      hubName: v ? `${v.kind === "host" ? "the host" : `${v.kind} ${v.name}`}` : hub,
      members,
      columns: Math.ceil(Math.sqrt(members.length * 1.5)),
    });
    for (const m of members) inGroup.add(m.vertex.id).add(m.edge.id);
  }
  return { groups, inGroup };
}

/** A member's state: its own, or its link's when that is worse. */
export function memberState(m: Member): State {
  if (m.vertex.state === "missing" || m.edge.state === "missing") return "missing";
  if (m.edge.state === "down") return "down";
  return m.vertex.state;
}
