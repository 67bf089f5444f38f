// Invoice numbers: one gapless, chronological series per document type and year (`F2027-000001`,
// `NC2027-000001`), given when a document is issued and never to a draft. The counter lives in
// D1 (`billing_series`) and is advanced in the batch that freezes the document
// (./issue.ts); this file is the pure half: series names, formatting, parsing, the chronology rule,
// and the OGM derived from the number (the same arithmetic as the SQL in issue.ts). Pure.
import type { DocumentType } from "./model";
import { ogmFromBase } from "./ogm";

export const SERIES_PREFIX: Record<DocumentType, string> = { invoice: "F", credit_note: "NC", share_call: "AP" };
/** First digit of the OGM base: invoices, credit notes and share calls never share a communication. */
export const OGM_TYPE_DIGIT: Record<DocumentType, number> = { invoice: 1, credit_note: 2, share_call: 3 };
export const NUMBER_DIGITS = 6;
/** The OGM base holds 7 digits of the number. */
export const MAX_SEQUENCE = 9_999_999;

/** `F2027`: the series of a type in the year of its issue date (YYYY-MM-DD). */
export function seriesOf(type: DocumentType, issueDate: string): string {
  const year = issueDate.slice(0, 4);
  if (!/^\d{4}$/.test(year)) throw new RangeError(`not a date: ${issueDate}`);
  return `${SERIES_PREFIX[type]}${year}`;
}

/** `F2027-000001` (more digits once a year passes 999 999). */
export function formatNumber(series: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError("a sequence starts at 1");
  return `${series}-${String(sequence).padStart(NUMBER_DIGITS, "0")}`;
}

export function parseNumber(number: string): { type: DocumentType; year: number; series: string; sequence: number } | null {
  const m = /^(F|NC|AP)(\d{4})-(\d{6,})$/.exec(number);
  if (!m) return null;
  const type = (Object.entries(SERIES_PREFIX).find(([, p]) => p === m[1])![0]) as DocumentType;
  const sequence = Number(m[3]);
  if (sequence < 1) return null;
  return { type, year: Number(m[2]), series: `${m[1]}${m[2]}`, sequence };
}

/** The 12 OGM digits of a document: type digit, two digits of the year, seven of the sequence, then the check. */
export function ogmOf(type: DocumentType, issueDate: string, sequence: number): string {
  if (sequence > MAX_SEQUENCE) throw new RangeError("the series is full");
  const yy = Number(issueDate.slice(2, 4));
  return ogmFromBase(OGM_TYPE_DIGIT[type] * 1_000_000_000 + yy * 10_000_000 + sequence);
}

/** A number may only follow a number of an earlier or the same day: never date a document before the previous one. */
export function isChronological(lastIssueDate: string | null, issueDate: string): boolean {
  return lastIssueDate === null || lastIssueDate <= issueDate;
}

/** The due date: the issue date plus the payment term in days (calendar days, YYYY-MM-DD). */
export function dueDateOf(issueDate: string, days: number): string {
  const d = new Date(`${issueDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Numbers handed out one after another, as the series counter does: what a batch of issues in one
 * series must produce. Used by tests and by `checkSeries` (a gap or a date going backwards is a bug).
 */
export function checkSeries(issued: readonly { number: string; issueDate: string }[]): { ok: true } | { ok: false; problem: string } {
  const bySeries = new Map<string, { sequence: number; issueDate: string }[]>();
  for (const d of issued) {
    const p = parseNumber(d.number);
    if (!p) return { ok: false, problem: `not a number: ${d.number}` };
    bySeries.set(p.series, [...(bySeries.get(p.series) ?? []), { sequence: p.sequence, issueDate: d.issueDate }]);
  }
  for (const [series, docs] of bySeries) {
    docs.sort((a, b) => a.sequence - b.sequence);
    for (let i = 0; i < docs.length; i++) {
      if (docs[i]!.sequence !== i + 1) return { ok: false, problem: `${series}: expected ${i + 1}, found ${docs[i]!.sequence}` };
      if (i > 0 && docs[i]!.issueDate < docs[i - 1]!.issueDate) return { ok: false, problem: `${series}: ${docs[i]!.sequence} is dated before ${docs[i - 1]!.sequence}` };
    }
  }
  return { ok: true };
}
