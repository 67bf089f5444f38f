// What a pending change changes, field by field: the current value and the proposed one. Pure.
import { getPath, sameValue } from "../manage/classify";

export interface FieldDiff {
  field: string;
  /** null for a creation: there is no current value. */
  before: string | null;
  after: string;
}

/** The same, with the values as stored (the queue page renders them per field: web/pages/admin/moderation-model.ts). */
export interface FieldChange {
  field: string;
  /** Absent for a creation: there is no current value. */
  before?: unknown;
  after: unknown;
}

/** A value as a steward reads it: text as is, nothing as "—", anything else as compact JSON. */
export function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.length === 0) return "—";
  return JSON.stringify(value);
}

/** The fields that differ (an update), or that the creation sets to something. */
export function fieldChanges(current: unknown, proposed: unknown, fields: readonly string[], kind: "create" | "update"): FieldChange[] {
  return fields.flatMap((field): FieldChange[] => {
    const after = getPath(proposed, field);
    if (kind === "create") return show(after) === "—" ? [] : [{ field, after }];
    const before = getPath(current, field);
    return sameValue(before, after) ? [] : [{ field, before, after }];
  });
}

export function diffFields(current: unknown, proposed: unknown, fields: readonly string[], kind: "create" | "update"): FieldDiff[] {
  return fieldChanges(current, proposed, fields, kind).map((c) => ({ field: c.field, before: "before" in c ? show(c.before) : null, after: show(c.after) }));
}
