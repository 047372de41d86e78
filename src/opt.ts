// Optional properties under exactOptionalPropertyTypes: `...opt("mtu", mtu)` sets the key
// only when there is a value, instead of writing `mtu: undefined`.

export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * An object of the model made field by field, in the order its JSON shows, where a literal of
 * conditional spreads (`...opt(…)`) costs several times as much, once a node or a route of a
 * large lab: writable, and every field optional until the last one is set.
 */
export type Building<T> = { -readonly [K in keyof T]?: T[K] };

/** The same when the first literal gives every required field: no cast when it is done. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };
