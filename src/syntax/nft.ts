// The text of an `nft { … }` block as nftables receives it. One function for the checker
// (which applies it) and the formatter (which re-indents it): what the formatter may change
// in the block — its indentation, blank lines around it, blanks at line ends — is exactly
// what this function removes, so formatting never changes what nftables reads.

/** Literal text without its common indentation, blanks at line ends and surrounding blank lines. */
export function nftText(raw: string): string {
  const lines = raw
    .replace(/\r/g, "")
    .split("\n")
    .map((l) => l.replace(/[ \t]+$/, ""));
  while (lines.length && lines[0] === "") lines.shift();
  while (lines.length && lines.at(-1) === "") lines.pop();
  const indents = lines.filter((l) => l !== "").map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join("\n");
}
