// Reading data from disk back as what OpenTop wrote: a value is checked against the shape
// its kind declares (`Shape`, in each operation's entry of the table) before anything acts
// on it. The roles that name the lab's own objects — its namespaces, its marks, paths in its
// directory, its cgroups — must name this lab's, so that an edited record (or another lab's)
// cannot point tear-down, `status` or `logs` at anything else. Pure: the lab and its
// directory are given.

import { NAME_PATTERN, parseMark } from "../model/names.js";
import { CGROUP_ROOT } from "./cgroups.js";
import type { Field, Shape } from "./ops/types.js";

export interface ShapeContext {
  /** The lab whose record this is. */
  readonly lab: string;
  /** Its directory under the run directory (`/run/opentop/LAB`). */
  readonly dir: string;
}

/** The safe character set of batch lines (src/plan/tools.ts `batchLine`). */
const WORD = /^[A-Za-z0-9_.:/,+%@=-]+$/;

/** Why `value` does not hold `field`, or undefined when it does. */
export function fieldProblem(value: unknown, field: Field, ctx: ShapeContext): string | undefined {
  if (typeof field === "object") {
    if ("optional" in field)
      return value === undefined ? undefined : fieldProblem(value, field.optional, ctx);
    if ("oneOf" in field)
      return field.oneOf.includes(value as never) ? undefined : `is not one of ${field.oneOf.join(", ")}`;
    if ("each" in field) {
      if (!Array.isArray(value)) return "is not a list";
      for (const [i, item] of value.entries()) {
        const p = fieldProblem(item, field.each, ctx);
        if (p !== undefined) return `[${i}] ${p}`;
      }
      return undefined;
    }
    if ("kinds" in field) {
      if (!isObject(value)) return "is not an object";
      const { kind, ...rest } = value;
      if (typeof kind !== "string" || !Object.hasOwn(field.kinds, kind))
        return `is not of a kind ${Object.keys(field.kinds).join(", ")}`;
      const p = shapeProblem(rest, field.kinds[kind] ?? {}, ctx);
      return p === undefined ? undefined : `(${kind}) ${p}`;
    }
    return shapeProblem(value, field.object, ctx);
  }
  return ROLES[field](value, ctx);
}

/** Why `value` is not an object of `shape` (no field missing, none unknown), or undefined. */
export function shapeProblem(
  value: unknown,
  shape: Shape,
  ctx: ShapeContext,
  also: readonly string[] = [],
): string | undefined {
  if (!isObject(value)) return "is not an object";
  for (const key in value)
    if (!Object.hasOwn(shape, key) && !also.includes(key)) return `has an unknown field \`${key}\``;
  for (const [key, field] of fieldsOf(shape)) {
    const p = fieldProblem(value[key], field, ctx);
    if (p !== undefined) return `\`${key}\` ${p}`;
  }
  return undefined;
}

/**
 * A shape's fields, listed once: a record holds thousands of operations of a few dozen
 * kinds, read by a process that lives a fraction of a second (mostly before the JIT has
 * optimised anything), so what is allocated for each of them counts.
 */
const FIELDS = new WeakMap<Shape, readonly (readonly [string, Field])[]>();

function fieldsOf(shape: Shape): readonly (readonly [string, Field])[] {
  let fields = FIELDS.get(shape);
  if (fields === undefined) {
    fields = Object.entries(shape);
    FIELDS.set(shape, fields);
  }
  return fields;
}

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

type Check = (value: unknown, ctx: ShapeContext) => string | undefined;

function string(v: unknown): string | undefined {
  return typeof v === "string" ? undefined : "is not a string";
}

/** A path without `.` or `..` components, so that its text says where it is. */
function plainPath(v: string): boolean {
  return v.startsWith("/") && !v.includes("\0") && v.split("/").every((c) => c !== "." && c !== "..");
}

const ROLES: { readonly [K in Extract<Field, string>]: Check } = {
  string,
  number: (v) => (typeof v === "number" && Number.isFinite(v) ? undefined : "is not a number"),
  boolean: (v) => (typeof v === "boolean" ? undefined : "is not true or false"),
  word: (v) => string(v) ?? (WORD.test(v as string) ? undefined : "holds characters a name cannot have"),
  netns: (v, { lab }) => {
    if (typeof v !== "string") return "is not a string";
    const node = v.startsWith(`${lab}.`) ? v.slice(lab.length + 1) : undefined;
    return v === lab || (node !== undefined && NAME_PATTERN.test(node))
      ? undefined
      : `is not a network namespace of lab ${lab}`;
  },
  ns: (v, ctx) => (v === null ? undefined : ROLES.netns(v, ctx)),
  mark: (v, { lab }) =>
    typeof v === "string" && parseMark(v)?.lab === lab ? undefined : `is not a mark of lab ${lab}`,
  "lab-path": (v, { dir }) =>
    typeof v === "string" && v.startsWith(`${dir}/`) && plainPath(v)
      ? undefined
      : `is not a path in the lab's directory ${dir}`,
  cgroup: (v, { lab }) => {
    if (typeof v !== "string" || !plainPath(v)) return "is not a cgroup's path";
    const parts = v.split("/");
    const at = parts.lastIndexOf(CGROUP_ROOT);
    const rest = parts.slice(at + 1);
    return at > 0 &&
      rest[0] === lab &&
      (rest.length === 1 || (rest.length === 2 && NAME_PATTERN.test(rest[1] ?? "")))
      ? undefined
      : `is not a cgroup of lab ${lab} (…/${CGROUP_ROOT}/${lab}[/NODE])`;
  },
};
