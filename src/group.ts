// Grouping into lists by key, in time linear in the items (copying a list to add one item
// makes grouping quadratic: ten thousand namespaces' operations took a large share of
// `plan`).

/** Appends `value` to the list of `key` in `groups`. */
export function addTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}
