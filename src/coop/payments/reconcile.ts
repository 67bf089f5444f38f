// Bank statement lines → invoices. Pure: a parsed CAMT.053 document, the invoices that can still
// take money (by OGM) and the keys of lines already booked; out comes one decision per credit line.
// The same statement uploaded twice gives only duplicates: every line has a stable key.
import { parseOgm } from "../invoices/ogm";
import type { CamtDocument, CamtEntry, CamtStatement, CamtTransaction } from "./camt";

export interface OpenInvoice {
  id: string;
  /** The 12 digits of its structured communication. */
  ogm: string;
  /** What is still to pay, in cents (0 for a settled invoice). */
  dueCents: number;
  currency?: "EUR";
}

export type LineOutcome =
  /** Pays the invoice exactly what was due. */
  | "matched"
  /** Pays part of what was due. */
  | "partial"
  /** Pays more than was due: `allocatedCents` settles it, `excessCents` stays on the customer's account. */
  | "over"
  /** No open invoice found: waits for a coop_admin in the queue. */
  | "unmatched"
  /** Already booked by an earlier upload (or twice in this one). */
  | "duplicate";

export type UnmatchedReason = "no_reference" | "unknown_reference" | "already_settled" | "not_eur" | "not_booked";

export interface StatementLine {
  /** Stable across uploads: see `lineKey`. */
  key: string;
  statementId: string;
  iban: string;
  entryIndex: number;
  txIndex: number;
  amountCents: number;
  currency: string;
  bookingDate: string;
  valueDate?: string;
  accountServicerRef?: string;
  endToEndId?: string;
  debtorName?: string;
  debtorIban?: string;
  /** What the payer wrote: the structured reference, else the free text. */
  remittance: string;
  /** The OGM read from the remittance, when one checks. */
  ogm: string | null;
}

export interface LineDecision {
  line: StatementLine;
  outcome: LineOutcome;
  invoiceId?: string;
  /** What goes to the invoice. */
  allocatedCents: number;
  /** Over-payment left on the customer's account. */
  excessCents: number;
  reason?: UnmatchedReason;
}

export interface Reconciliation {
  decisions: LineDecision[];
  /** Debit lines and other lines that are not incoming money: counted, never booked. */
  ignored: number;
  summary: { entries: number; matched: number; partial: number; unmatched: number; duplicates: number; over: number };
}

/** FNV-1a 64-bit, hex: a short stable digest for lines the bank gives no reference to. */
export function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
}

/**
 * The line's idempotency key: the bank's reference (AcctSvcrRef of the transaction, else of the
 * entry with the transaction's position when there are several), scoped by the account's IBAN;
 * without one, a digest of statement id + entry index + transaction index + amount + booking date.
 */
export function lineKey(stmt: Pick<CamtStatement, "id" | "iban">, entry: CamtEntry, tx: CamtTransaction): string {
  if (tx.accountServicerRef) return `ref:${stmt.iban}:${tx.accountServicerRef}`;
  if (entry.accountServicerRef) return `ref:${stmt.iban}:${entry.accountServicerRef}${entry.transactions.length > 1 ? `#${tx.index}` : ""}`;
  return `h:${fnv1a64([stmt.iban, stmt.id, entry.index, tx.index, tx.amountCents, tx.currency, entry.bookingDate].join("\u0000"))}`;
}

/** Every transaction of every credit entry, flattened; debit and reversed entries are left out. */
export function creditLines(doc: CamtDocument): { lines: StatementLine[]; ignored: number } {
  const lines: StatementLine[] = [];
  let ignored = 0;
  for (const stmt of doc.statements) {
    for (const entry of stmt.entries) {
      if (entry.direction !== "credit" || entry.reversal) {
        ignored += entry.transactions.length;
        continue;
      }
      for (const tx of entry.transactions) {
        const structured = tx.remittance.structured.join(" ");
        const text = tx.remittance.unstructured.join(" ");
        const ogm = (structured ? structuredOgm(structured) : null) ?? (text ? parseOgm(text) : null);
        lines.push({
          key: lineKey(stmt, entry, tx),
          statementId: stmt.id,
          iban: stmt.iban,
          entryIndex: entry.index,
          txIndex: tx.index,
          amountCents: tx.amountCents,
          currency: tx.currency,
          bookingDate: entry.bookingDate,
          valueDate: entry.valueDate,
          accountServicerRef: tx.accountServicerRef ?? entry.accountServicerRef,
          endToEndId: tx.endToEndId,
          debtorName: tx.debtorName,
          debtorIban: tx.debtorIban,
          remittance: (structured || text).slice(0, 500),
          ogm,
        });
      }
    }
  }
  return { lines, ignored };
}

/** A structured reference is the 12 digits, possibly framed or spaced; parseOgm reads both. */
function structuredOgm(ref: string): string | null {
  return parseOgm(ref);
}

/** Decides every credit line. `booked` holds the keys already stored; `invoices` the ones OGMs may name. */
export function reconcile(doc: CamtDocument, invoices: OpenInvoice[], booked: ReadonlySet<string>): Reconciliation {
  const { lines, ignored } = creditLines(doc);
  const byOgm = new Map(invoices.map((i) => [i.ogm, { ...i }]));
  const seen = new Set(booked);
  const decisions: LineDecision[] = [];
  for (const line of lines) {
    if (seen.has(line.key)) {
      decisions.push({ line, outcome: "duplicate", allocatedCents: 0, excessCents: 0 });
      continue;
    }
    seen.add(line.key);
    decisions.push(decide(line, byOgm));
  }
  const count = (o: LineOutcome) => decisions.filter((d) => d.outcome === o).length;
  return {
    decisions,
    ignored,
    summary: { entries: lines.length, matched: count("matched") + count("over"), partial: count("partial"), unmatched: count("unmatched"), duplicates: count("duplicate"), over: count("over") },
  };
}

function decide(line: StatementLine, byOgm: Map<string, OpenInvoice>): LineDecision {
  const unmatched = (reason: UnmatchedReason, invoiceId?: string): LineDecision => ({ line, outcome: "unmatched", allocatedCents: 0, excessCents: 0, reason, invoiceId });
  if (line.currency !== "EUR") return unmatched("not_eur");
  if (!line.ogm) return unmatched("no_reference");
  const invoice = byOgm.get(line.ogm);
  if (!invoice) return unmatched("unknown_reference");
  if (invoice.dueCents <= 0) return unmatched("already_settled", invoice.id);
  const allocated = Math.min(line.amountCents, invoice.dueCents);
  const excess = line.amountCents - allocated;
  // Two lines of one upload paying the same invoice see what the first one left.
  invoice.dueCents -= allocated;
  const outcome: LineOutcome = excess > 0 ? "over" : invoice.dueCents > 0 ? "partial" : "matched";
  return { line, outcome, invoiceId: invoice.id, allocatedCents: allocated, excessCents: excess };
}
