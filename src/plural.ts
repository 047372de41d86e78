// Counts in messages: "1 switch", "2 switches", "1 operation".

/** `n` and the noun, plural unless n is 1; the plural is the noun + s unless given. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
