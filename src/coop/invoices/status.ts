// An issued document's status and what is left to pay, from its totals, its credits and what was
// paid: the one place that decides it (payments plug their allocations in as `paidCents`). Pure.
export const DOCUMENT_STATUSES = ["draft", "open", "partially_paid", "paid", "overpaid", "credited", "issued"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export interface Settlement {
  status: DocumentStatus;
  /** What the customer still owes: total − credited − paid, never below 0. */
  dueCents: number;
}

/**
 * Invoices: `credited` once credit notes cover the whole total; otherwise by what was paid against
 * what remains (`open`, `partially_paid`, `paid`, `overpaid`). Credit notes are `issued` and owe
 * nothing. Drafts stay drafts.
 */
export function settle(doc: { type: "invoice" | "credit_note" | "share_call"; issued: boolean; totalCents: number; creditedCents: number; paidCents: number }): Settlement {
  if (!doc.issued) return { status: "draft", dueCents: 0 };
  if (doc.type === "credit_note") return { status: "issued", dueCents: 0 };
  const owed = Math.max(0, doc.totalCents - doc.creditedCents);
  const dueCents = Math.max(0, owed - doc.paidCents);
  if (owed === 0 && doc.paidCents === 0) return { status: "credited", dueCents: 0 };
  if (doc.paidCents === 0) return { status: "open", dueCents };
  if (doc.paidCents < owed) return { status: "partially_paid", dueCents };
  if (doc.paidCents === owed) return { status: "paid", dueCents: 0 };
  return { status: "overpaid", dueCents: 0 };
}

/**
 * `settle()`'s status of an issued invoice as SQL, for the batch that changes its credits or
 * payments (the status then moves in the same statement, whatever ran concurrently). Arguments are
 * SQL expressions for the new credited, paid and total cents. tests/coop/invoices/status.test.ts
 * checks it against `settle()` in D1.
 */
export function invoiceStatusSql(credited: string, paid: string, total: string): string {
  return `CASE WHEN (${credited}) >= (${total}) AND (${paid}) = 0 THEN 'credited' WHEN (${paid}) = 0 THEN 'open' WHEN (${paid}) < (${total}) - (${credited}) THEN 'partially_paid' WHEN (${paid}) = (${total}) - (${credited}) THEN 'paid' ELSE 'overpaid' END`;
}
