// What a pending change changes, field by field: the current value and the proposed one. Pure.
import { getPath, sameValue } from "../manage/classify";

export interface FieldDiff {
  field: string;
  /** null for a creation: there is no current value. */
  before: string | null;
  after: string;
}

/** A value as a steward reads it: text as is, nothing as "—", anything else as compact JSON. */
export function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.length === 0) return "—";
  return JSON.stringify(value);
}

export function diffFields(current: unknown, proposed: unknown, fields: readonly string[], kind: "create" | "update"): FieldDiff[] {
  return fields.flatMap((field): FieldDiff[] => {
    const after = getPath(proposed, field);
    if (kind === "create") return show(after) === "—" ? [] : [{ field, before: null, after: show(after) }];
    const before = getPath(current, field);
    return sameValue(before, after) ? [] : [{ field, before: show(before), after: show(after) }];
  });
}
