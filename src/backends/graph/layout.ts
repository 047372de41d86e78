// Which way each link is drawn. Graphviz's dot and Mermaid rank an edge's first end before
// its second, so the order decides the layout: each connected part of the lab is drawn
// from its centre (the vertex nearest to all others: the router of an office, the switch
// of a star) outwards, the centre on the left and the leaves on the right. A large mesh is
// drawn radially around the centre of its largest part (dot.ts).

interface Ended {
  readonly a: { readonly vertex: string };
  readonly b: { readonly vertex: string };
}

/** Edges with each one's ends ordered centre-first, and the centre of the largest part. */
export function orient<E extends Ended>(
  vertices: readonly string[],
  edges: readonly E[],
): { edges: E[]; centre: string | undefined } {
  const around = new Map<string, string[]>(vertices.map((v) => [v, []]));
  for (const e of edges) {
    around.get(e.a.vertex)?.push(e.b.vertex);
    around.get(e.b.vertex)?.push(e.a.vertex);
  }
  const level = new Map<string, number>();
  let main: { centre: string; size: number } | undefined;
  for (const v of vertices) {
    if (level.has(v)) continue;
    const part = [...distances(around, v).keys()];
    const centres = centresOf(around, part);
    const centre = centres[0] as string;
    if (!main || part.length > main.size) main = { centre, size: part.length };
    for (const [w, d] of distances(around, ...centres)) level.set(w, d);
  }
  return {
    edges: edges.map((e) =>
      (level.get(e.a.vertex) ?? 0) > (level.get(e.b.vertex) ?? 0) ? { ...e, a: e.b, b: e.a } : e,
    ),
    centre: main?.centre,
  };
}

/** Breadth-first distances from the nearest of `from` to every vertex they reach. */
export function distances(
  around: ReadonlyMap<string, readonly string[]>,
  ...from: string[]
): Map<string, number> {
  const out = new Map(from.map((f) => [f, 0]));
  const queue = [...from];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i] as string;
    const d = (out.get(v) ?? 0) + 1;
    for (const w of around.get(v) ?? [])
      if (!out.has(w)) {
        out.set(w, d);
        queue.push(w);
      }
  }
  return out;
}

/** Up to this many vertices, a part's centres are found exactly (a search from each vertex). */
const EXACT_UP_TO = 1500;

/**
 * The vertices of least eccentricity: all of them (the spines of a fabric, both routers of
 * a pair), so that they share the first rank; in a very large part, one found quickly.
 */
function centresOf(around: ReadonlyMap<string, readonly string[]>, part: readonly string[]): string[] {
  if (part.length > EXACT_UP_TO) return [centreOf(around, part)];
  const eccentricity = part.map((v) => Math.max(...distances(around, v).values()));
  const least = Math.min(...eccentricity);
  return part.filter((_, i) => eccentricity[i] === least);
}

/**
 * The vertex of least eccentricity, found from the middle of a longest path (two sweeps of
 * breadth-first search: exact on trees, close enough on the meshes of a lab, and linear).
 */
function centreOf(around: ReadonlyMap<string, readonly string[]>, part: readonly string[]): string {
  const first = part[0] as string;
  const far = (from: string) => {
    const d = distances(around, from);
    let best = from;
    for (const [v, n] of d) if (n > (d.get(best) ?? 0)) best = v;
    return { vertex: best, d };
  };
  const a = far(first).vertex;
  const { vertex: b, d: fromA } = far(a);
  const length = fromA.get(b) ?? 0;
  const fromB = distances(around, b);
  // On a longest path a…b, the vertex halfway along it.
  let centre = a;
  for (const v of part)
    if (
      (fromA.get(v) ?? 0) + (fromB.get(v) ?? 0) === length &&
      (fromA.get(v) ?? 0) === Math.floor(length / 2)
    )
      centre = v;
  return centre;
}
