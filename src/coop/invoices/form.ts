// The draft form of /coop/invoices (no JavaScript): a fixed number of line rows, blank ones ignored;
// euros typed with a comma or a point; the VAT chosen as one code ("S21", "S6", "E", "AE", "O").
// Pure: posted fields in, a DraftInput or the values to show again with the fields at fault.
import { formText } from "../../lib/form";
import { isCalendarDay } from "../../lib/days";
import type { DraftInput } from "./service";
import type { VatCategory } from "./model";
import { UNIT_CODES } from "./draft";

export const FORM_LINES = 6;
export const VAT_CHOICES = ["", "S21", "S12", "S6", "Z", "E", "AE", "O"] as const;

export interface LineValues {
  description: string;
  quantity: string;
  unit: string;
  unit_price: string;
  vat: string;
}
export interface DraftValues {
  organisation_id: string;
  issue_date: string;
  due_days: string;
  lines: LineValues[];
}

/** "12,50" / "12.5" / "1 234,00" → 1250 cents; null when not an amount of euros and cents. */
export function euroCents(text: string): number | null {
  const t = text.replace(/[\s\u00a0€]/g, "").replace(",", ".");
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ""] = t.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

export const centsText = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`;

export function vatChoice(category: VatCategory, rate: number): string {
  return category === "S" ? `S${rate}` : category;
}

function vatOf(choice: string): { vatCategory?: VatCategory; vatRatePercent?: number } {
  if (!choice) return {};
  const m = /^S(\d+)$/.exec(choice);
  if (m) return { vatCategory: "S", vatRatePercent: Number(m[1]) };
  return { vatCategory: choice as VatCategory };
}

export function readDraftForm(body: Record<string, unknown>): { ok: true; input: DraftInput; values: DraftValues; rows: number[] } | { ok: false; errors: { field: string; message: string }[]; values: DraftValues } {
  const values: DraftValues = {
    organisation_id: formText(body.organisation_id, 80),
    issue_date: formText(body.issue_date, 20).trim(),
    due_days: formText(body.due_days, 10).trim(),
    lines: Array.from({ length: FORM_LINES }, (_, i) => ({
      description: formText(body[`lines.${i}.description`], 500).trim(),
      quantity: formText(body[`lines.${i}.quantity`], 20).trim(),
      unit: formText(body[`lines.${i}.unit`], 10),
      unit_price: formText(body[`lines.${i}.unit_price`], 20).trim(),
      vat: formText(body[`lines.${i}.vat`], 4),
    })),
  };
  const errors: { field: string; message: string }[] = [];
  if (!values.organisation_id) errors.push({ field: "organisation_id", message: "required" });
  if (values.issue_date && !isCalendarDay(values.issue_date)) errors.push({ field: "issue_date", message: "date" });
  const dueDays = values.due_days === "" ? null : Number(values.due_days);
  if (dueDays !== null && (!Number.isInteger(dueDays) || dueDays < 0 || dueDays > 120)) errors.push({ field: "due_days", message: "due_days" });
  const lines: DraftInput["lines"] = [];
  const rows: number[] = [];
  values.lines.forEach((l, i) => {
    if (!l.description && !l.quantity && !l.unit_price) return;
    const quantity = Number((l.quantity || "1").replace(",", "."));
    const cents = euroCents(l.unit_price);
    if (!l.description) errors.push({ field: `lines.${i}.description`, message: "required" });
    if (!Number.isFinite(quantity) || quantity <= 0) errors.push({ field: `lines.${i}.quantity`, message: "quantity" });
    if (cents === null) errors.push({ field: `lines.${i}.unit_price_cents`, message: "amount" });
    if (l.unit && !(UNIT_CODES as readonly string[]).includes(l.unit)) errors.push({ field: `lines.${i}.unit`, message: "unit" });
    if (!(VAT_CHOICES as readonly string[]).includes(l.vat)) errors.push({ field: `lines.${i}.vat_category`, message: "vat" });
    lines.push({ description: l.description, quantity, unitCode: l.unit || undefined, unitPriceCents: cents ?? 0, ...vatOf(l.vat) });
    rows.push(i);
  });
  if (lines.length === 0) errors.push({ field: "lines", message: "required" });
  if (errors.length > 0) return { ok: false, errors, values };
  return { ok: true, values, rows, input: { orgId: values.organisation_id, lines, issueDate: values.issue_date || null, dueDays } };
}

/** The form rows' values of stored lines (for editing a draft). */
export function valuesOfLines(lines: readonly { description: string; quantity: number; unitCode: string; unitPriceCents: number; vatCategory: VatCategory; vatRatePercent: number }[]): LineValues[] {
  const rows = lines.map((l) => ({ description: l.description, quantity: String(l.quantity).replace(".", ","), unit: l.unitCode, unit_price: centsText(l.unitPriceCents), vat: vatChoice(l.vatCategory, l.vatRatePercent) }));
  while (rows.length < FORM_LINES) rows.push({ description: "", quantity: "", unit: "", unit_price: "", vat: "" });
  return rows;
}

/** A service's `lines.K.field` (K among the lines sent) → the form row it came from. */
export function rowField(field: string, rows: readonly number[]): string {
  const m = /^lines\.(\d+)\.(.+)$/.exec(field);
  return m ? `lines.${rows[Number(m[1])] ?? m[1]}.${m[2]}` : field;
}
