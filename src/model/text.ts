// A value as written, after expansion: its text and where it was written. Every phase of
// the checker reads these (src/model/expand.ts makes them).

import type { Span } from "../diagnostics/source.js";

/** A value as written, after evaluation. */
export interface Text {
  readonly text: string;
  readonly span: Span;
  /** True for a quoted string (never a name or keyword). */
  readonly quoted?: boolean;
}
