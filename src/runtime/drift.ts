// A difference between the kernel and a lab's plan, as `status` reports it.

export interface Drift {
  /** Where: a namespace, or null for the host (and for objects outside any namespace). */
  readonly ns: string | null;
  readonly kind: "missing" | "extra" | "changed";
  readonly what: string;
}
