// Quoting for POSIX sh: a word that needs no quotes is left bare, anything else is
// single-quoted with embedded single quotes closed, escaped and reopened.

export function shellQuote(word: string): string {
  if (word !== "" && /^[A-Za-z0-9_./:=,+%@-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
