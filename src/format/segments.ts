// What a statement prints as, before it is laid out in lines: its words in order (each as
// written, with the place it was written, so that comments and line continuations find
// their place) and its blocks.

/** A word, keyword or punctuation as written. */
export interface Piece {
  readonly kind: "piece";
  readonly text: string;
  /** Its offset in the source. */
  readonly at: number;
  /** Written against what comes before it, without a blank (`[`, `=` in `use t k=1`). */
  readonly glue?: boolean;
}

/** One statement, or one line of options, in a block. */
export interface Item {
  readonly start: number;
  readonly end: number;
  readonly segs: readonly Seg[];
}

/** `{ … }`: statements (separated by `;` on one line) or lines of options (by a blank). */
export interface Block {
  readonly kind: "block";
  readonly open: number;
  readonly close: number;
  readonly items: readonly Item[];
  readonly separator: ";" | " ";
}

/** The lines of an `nft { … }` block, without their common indentation. */
export interface Raw {
  readonly kind: "raw";
  readonly open: number;
  readonly close: number;
  readonly lines: readonly string[];
}

export type Seg = Piece | Block | Raw;

export function piece(text: string, at: number, glue = false): Piece {
  return glue ? { kind: "piece", text, at, glue } : { kind: "piece", text, at };
}
