// The accountant's exports of a period: invoices, credit notes and payments as CSV (RFC 4180: CRLF,
// every field that needs it quoted, quotes doubled), and the UBL files of the documents as one ZIP.
// Text cells that a spreadsheet would run as a formula (= + - @, tab, carriage return) are prefixed
// with an apostrophe; numbers are written as numbers.
import { strToU8, zipSync } from "fflate";

/** `{ amount }`: a decimal written as is (never taken for a formula, though it may start with "-"). */
export type Cell = string | number | { amount: string } | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return value.amount;
  let text = typeof value === "number" ? String(value) : value;
  if (typeof value === "string" && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** 12345 → "123.45"; −5 → "-0.05" (a number column, never prefixed). */
export function euros(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export interface ExportDocument {
  type: "invoice" | "credit_note";
  number: string;
  issueDate: string;
  dueDate?: string;
  customerName: string;
  customerVat?: string;
  netCents: number;
  vatCents: number;
  totalCents: number;
  /** Credit notes: the invoice they correct. */
  corrects?: string;
  status?: string;
}

export interface ExportPayment {
  id: string;
  date: string;
  method: string;
  amountCents: number;
  refundedCents: number;
  payerName?: string;
  reference?: string;
  /** Invoice numbers it pays, with the amounts. */
  allocations: { invoiceNumber: string; amountCents: number }[];
}

export const DOCUMENT_HEADER = ["type", "number", "issue_date", "due_date", "customer", "customer_vat", "net_eur", "vat_eur", "total_eur", "corrects", "status"] as const;
export const PAYMENT_HEADER = ["payment_id", "date", "method", "amount_eur", "refunded_eur", "payer", "reference", "allocated_to"] as const;

export function documentsCsv(docs: ExportDocument[]): string {
  return toCsv(
    DOCUMENT_HEADER,
    docs.map((d) => [d.type, d.number, d.issueDate, d.dueDate, d.customerName, d.customerVat, num(d.netCents), num(d.vatCents), num(d.totalCents), d.corrects, d.status]),
  );
}

export function paymentsCsv(payments: ExportPayment[]): string {
  return toCsv(
    PAYMENT_HEADER,
    payments.map((p) => [p.id, p.date, p.method, num(p.amountCents), num(p.refundedCents), p.payerName, p.reference, p.allocations.map((a) => `${a.invoiceNumber}:${euros(a.amountCents)}`).join(" ")]),
  );
}

/** Amounts in euros with two decimals ("-12.50"): numbers, so they skip the formula prefix. */
const num = (cents: number): Cell => ({ amount: euros(cents) });

/** Every document's UBL in one ZIP (`F2027-000001.xml`), the CSVs beside them. Deterministic: fixed dates. */
export function exportZip(input: { documents: { number: string; type: "invoice" | "credit_note" }[]; renderUbl?: (number: string) => string; csv: Record<string, string> }): Uint8Array {
  const mtime = new Date("2000-01-01T00:00:00Z");
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [name, text] of Object.entries(input.csv)) files[name] = [strToU8(text), { mtime }];
  for (const d of input.renderUbl ? input.documents : []) {
    const name = `ubl/${d.number.replace(/[^\w.-]/g, "_")}.xml`;
    if (files[name]) throw new Error(`two documents export as ${name}`);
    files[name] = [strToU8(input.renderUbl!(d.number)), { mtime }];
  }
  return zipSync(files, { level: 6 });
}
