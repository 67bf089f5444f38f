// A customer's account with the cooperative, computed from what is stored: invoices, credit notes,
// payments and their allocations to invoices. Pure. An invoice's status is never stored by hand:
// `invoiceStatus` derives it from its total, what credit notes took off, and what payments cover.

export const INVOICE_PAYMENT_STATUSES = ["open", "partially_paid", "paid", "overpaid", "credited"] as const;
export type InvoicePaymentStatus = (typeof INVOICE_PAYMENT_STATUSES)[number];

export interface StatusInput {
  totalCents: number;
  /** Sum of the credit notes issued against it. */
  creditedCents: number;
  /** Sum of its allocations (refunds are negative allocations). */
  allocatedCents: number;
}

/**
 * open → partially_paid → paid (→ overpaid), or credited when credit notes cancel it.
 * A credited invoice that had been paid is `overpaid`: money is owed back to the customer.
 */
export function invoiceStatus({ totalCents, creditedCents, allocatedCents }: StatusInput): InvoicePaymentStatus {
  const net = totalCents - creditedCents;
  if (net <= 0) return allocatedCents > 0 ? "overpaid" : "credited";
  if (allocatedCents <= 0) return "open";
  if (allocatedCents < net) return "partially_paid";
  return allocatedCents === net ? "paid" : "overpaid";
}

/** What is still to pay on an invoice (never below 0). */
export function amountDue({ totalCents, creditedCents, allocatedCents }: StatusInput): number {
  return Math.max(0, totalCents - creditedCents - allocatedCents);
}

export interface LedgerInvoice {
  id: string;
  number: string;
  issueDate: string;
  totalCents: number;
}
export interface LedgerCreditNote {
  id: string;
  number: string;
  issueDate: string;
  totalCents: number;
  /** The invoice it corrects. */
  invoiceId: string;
}
export interface LedgerPayment {
  id: string;
  /** YYYY-MM-DD the money arrived (value date, or Stripe's). */
  date: string;
  amountCents: number;
  /** Refunded part (Stripe refunds): leaves the customer's account again. */
  refundedCents: number;
  method: "transfer" | "card" | "bancontact" | "sepa_debit" | "stripe" | "manual";
}
export interface LedgerAllocation {
  paymentId: string;
  invoiceId: string;
  /** Negative for a reversal (a refund taken back off the invoice). */
  amountCents: number;
}

export interface LedgerLine {
  date: string;
  kind: "invoice" | "credit_note" | "payment" | "refund";
  ref: string;
  /** Positive: the customer owes more; negative: less. */
  amountCents: number;
  balanceCents: number;
}

export interface InvoiceStanding {
  id: string;
  number: string;
  totalCents: number;
  creditedCents: number;
  allocatedCents: number;
  dueCents: number;
  status: InvoicePaymentStatus;
  /** A Stripe payment (SEPA debit) under way: not yet on the invoice, which stays open meanwhile. */
  awaitingCents: number;
}

export interface CustomerLedger {
  lines: LedgerLine[];
  invoices: InvoiceStanding[];
  /** Invoices − credit notes − payments + refunds: > 0 the customer owes, < 0 the cooperative does. */
  balanceCents: number;
  /** Money received not allocated to any invoice (over-payments, unassigned transfers). */
  unallocatedCents: number;
}

/** A Stripe payment not arrived yet (SEPA takes days): shown on its invoice, never in the balance. */
export interface LedgerAwaiting {
  invoiceId: string;
  amountCents: number;
}

export function customerLedger(input: { invoices: LedgerInvoice[]; creditNotes: LedgerCreditNote[]; payments: LedgerPayment[]; allocations: LedgerAllocation[]; awaiting?: LedgerAwaiting[] }): CustomerLedger {
  const awaiting = sumBy(input.awaiting ?? [], (a) => a.invoiceId, (a) => a.amountCents);
  const credited = sumBy(input.creditNotes, (c) => c.invoiceId, (c) => c.totalCents);
  const allocated = sumBy(input.allocations, (a) => a.invoiceId, (a) => a.amountCents);
  const byPayment = sumBy(input.allocations, (a) => a.paymentId, (a) => a.amountCents);
  const invoices = input.invoices.map((i): InvoiceStanding => {
    const s = { totalCents: i.totalCents, creditedCents: credited.get(i.id) ?? 0, allocatedCents: allocated.get(i.id) ?? 0 };
    return { id: i.id, number: i.number, ...s, dueCents: amountDue(s), status: invoiceStatus(s), awaitingCents: awaiting.get(i.id) ?? 0 };
  });
  const moves: Omit<LedgerLine, "balanceCents">[] = [
    ...input.invoices.map((i) => ({ date: i.issueDate, kind: "invoice" as const, ref: i.number, amountCents: i.totalCents })),
    ...input.creditNotes.map((c) => ({ date: c.issueDate, kind: "credit_note" as const, ref: c.number, amountCents: -c.totalCents })),
    ...input.payments.map((p) => ({ date: p.date, kind: "payment" as const, ref: p.id, amountCents: -p.amountCents })),
    ...input.payments.filter((p) => p.refundedCents > 0).map((p) => ({ date: p.date, kind: "refund" as const, ref: p.id, amountCents: p.refundedCents })),
  ];
  const order = { invoice: 0, credit_note: 1, payment: 2, refund: 3 } as const;
  moves.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : order[a.kind] - order[b.kind] || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)));
  let balance = 0;
  const lines = moves.map((m) => ({ ...m, balanceCents: (balance += m.amountCents) }));
  const unallocatedCents = input.payments.reduce((s, p) => s + p.amountCents - p.refundedCents - (byPayment.get(p.id) ?? 0), 0);
  return { lines, invoices, balanceCents: balance, unallocatedCents };
}

function sumBy<T>(items: T[], key: (t: T) => string, value: (t: T) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of items) out.set(key(t), (out.get(key(t)) ?? 0) + value(t));
  return out;
}
