// A line as stored in a billing document's `lines` JSON: the model's line, its 1-based position, and
// on a credit note the position of the invoice line it credits. A leaf module (the schema types its
// JSON column with it).
import type { DocumentLine } from "./model";

export interface StoredLine extends DocumentLine {
  position: number;
  /** Credit notes: the invoice line this one credits. */
  correctsLine?: number;
}
