// Optional properties under exactOptionalPropertyTypes: `...opt("mtu", mtu)` sets the key
// only when there is a value, instead of writing `mtu: undefined`.

export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
