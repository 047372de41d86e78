// Quoting for POSIX sh: a word that needs no quotes is left bare, anything else is
// single-quoted with embedded single quotes closed, escaped and reopened.

/** Words that need no quotes. Made once: a regular expression literal is a new object each call. */
const BARE = /^[A-Za-z0-9_./:=,+%@-]+$/;

export function shellQuote(word: string): string {
  if (word !== "" && BARE.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
