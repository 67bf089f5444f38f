// The capacity form of the provider's own pages, pure: one field per service kind (`units_<kind>`,
// empty = unlimited) and `migrations_per_week` (empty = not stated). Errors carry the rule broken
// (src/lib/field-rule.ts), so the page says what is wrong in the visitor's language, naming the field.
import type { FieldError } from "../../lib/problem";
import { INVENTORY_KINDS, type InventoryKind } from "../inventory";
import type { Capacity } from "./service";

/** The same bounds as the API's body (capacity.api.ts). */
export const MAX_UNITS = 1_000_000;
export const MAX_PER_WEEK = 10_000;

export const unitsField = (kind: InventoryKind) => `units_${kind}`;
/** Field names in the order they stand in the form (the error summary follows it). */
export const CAPACITY_FIELDS = [...INVENTORY_KINDS.map(unitsField), "migrations_per_week"];

type Parsed = { ok: true; value: number | null } | { ok: false; error: FieldError };

function count(field: string, raw: string | undefined, max: number): Parsed {
  const text = (raw ?? "").trim().replace(/[\s\u00a0\u202f]/g, "");
  if (text === "") return { ok: true, value: null };
  if (/^-\d+$/.test(text)) return { ok: false, error: { field, message: "at least 0", rule: { kind: "too_small", min: 0 } } };
  if (!/^\d{1,9}$/.test(text)) return { ok: false, error: { field, message: "a whole number", rule: { kind: "number" } } };
  const n = Number(text);
  if (n > max) return { ok: false, error: { field, message: `at most ${max}`, rule: { kind: "too_big", max } } };
  return { ok: true, value: n };
}

export function parseCapacityForm(values: Record<string, string>): { ok: true; value: Capacity } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const units: Capacity["units"] = {};
  for (const kind of INVENTORY_KINDS) {
    const r = count(unitsField(kind), values[unitsField(kind)], MAX_UNITS);
    if (!r.ok) errors.push(r.error);
    else if (r.value !== null) units[kind] = r.value;
  }
  const week = count("migrations_per_week", values.migrations_per_week, MAX_PER_WEEK);
  if (!week.ok) errors.push(week.error);
  if (errors.length || !week.ok) return { ok: false, errors };
  return { ok: true, value: { units, migrations_per_week: week.value } };
}

/** A stored capacity as the form shows it: unlimited kinds empty. */
export function capacityFormValues(c: Capacity | null): Record<string, string> {
  const values: Record<string, string> = { migrations_per_week: c?.migrations_per_week === null || c === null ? "" : String(c.migrations_per_week) };
  for (const kind of INVENTORY_KINDS) values[unitsField(kind)] = c?.units[kind] === undefined ? "" : String(c.units[kind]);
  return values;
}
