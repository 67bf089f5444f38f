import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCamt053, type CamtDocument } from "../../../src/coop/payments/camt";
import { creditLines, reconcile, type OpenInvoice } from "../../../src/coop/payments/reconcile";
import { ogmFromBase } from "../../../src/coop/invoices/ogm";
import v02 from "../../fixtures/camt/statement-v02.xml?raw";
import v08 from "../../fixtures/camt/statement-v08.xml?raw";

const invoices = (): OpenInvoice[] => [
  { id: "bdoc_parc", ogm: "000000010104", dueCents: 12100 },
  { id: "bdoc_velo", ogm: "000000010205", dueCents: 25000 },
  { id: "bdoc_helmet", ogm: "000000010306", dueCents: 6050 },
  { id: "bdoc_panik", ogm: "123456789002", dueCents: 4200 },
  { id: "bdoc_zinneke", ogm: "000000010407", dueCents: 3000 },
];

describe("reconcile camt.053.001.02", () => {
  const doc = parseCamt053(v02);
  const r = reconcile(doc, invoices(), new Set());
  const byInvoice = (id: string) => r.decisions.find((d) => d.invoiceId === id);

  it("full, partial, over-payment, unknown reference, free-text OGM, no reference; debits ignored", () => {
    expect(r.ignored).toBe(1);
    expect(r.summary).toEqual({ entries: 6, matched: 3, partial: 1, unmatched: 2, duplicates: 0, over: 1 });
    expect(byInvoice("bdoc_parc")).toMatchObject({ outcome: "matched", allocatedCents: 12100, excessCents: 0 });
    expect(byInvoice("bdoc_velo")).toMatchObject({ outcome: "partial", allocatedCents: 10000, excessCents: 0 });
    expect(byInvoice("bdoc_helmet")).toMatchObject({ outcome: "over", allocatedCents: 6050, excessCents: 1950 });
    expect(byInvoice("bdoc_panik")).toMatchObject({ outcome: "matched", allocatedCents: 4200, line: { ogm: "123456789002", debtorName: "Radio Panik asbl" } });
    const unmatched = r.decisions.filter((d) => d.outcome === "unmatched");
    expect(unmatched.map((d) => [d.reason, d.line.amountCents])).toEqual([
      ["unknown_reference", 1500],
      ["no_reference", 2000],
    ]);
  });

  it("keys lines by the bank's reference scoped to the account, else by a digest", () => {
    const keys = r.decisions.map((d) => d.line.key);
    expect(keys[0]).toBe("ref:BE68539007547034:20270114-000001");
    expect(keys.at(-1)).toMatch(/^h:[0-9a-f]{16}$/);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("the same statement uploaded again changes nothing: every line is a duplicate", () => {
    const booked = new Set(r.decisions.map((d) => d.line.key));
    const again = reconcile(parseCamt053(v02), invoices(), booked);
    expect(again.summary).toEqual({ entries: 6, matched: 0, partial: 0, unmatched: 0, duplicates: 6, over: 0 });
    expect(again.decisions.every((d) => d.allocatedCents === 0)).toBe(true);
  });

  it("the digest key survives a re-parse and changes with the amount", () => {
    const a = creditLines(parseCamt053(v02)).lines.at(-1)!.key;
    const b = creditLines(parseCamt053(v02.replaceAll('"EUR">20.00<', '"EUR">21.00<'))).lines.at(-1)!.key;
    expect(creditLines(parseCamt053(v02)).lines.at(-1)!.key).toBe(a);
    expect(b).not.toBe(a);
  });

  it("a settled invoice's reference goes to the queue, naming the invoice", () => {
    const settled = invoices().map((i) => (i.id === "bdoc_parc" ? { ...i, dueCents: 0 } : i));
    expect(reconcile(doc, settled, new Set()).decisions[0]).toMatchObject({ outcome: "unmatched", reason: "already_settled", invoiceId: "bdoc_parc" });
  });
});

describe("reconcile camt.053.001.08", () => {
  it("matches each transaction of a batch entry; a second line for the same invoice sees what is left", () => {
    const r = reconcile(parseCamt053(v08), invoices().map((i) => (i.id === "bdoc_velo" ? { ...i, dueCents: 15000 } : i)), new Set());
    expect(r.decisions.map((d) => [d.invoiceId, d.outcome, d.allocatedCents, d.excessCents])).toEqual([
      ["bdoc_parc", "matched", 12100, 0],
      ["bdoc_zinneke", "matched", 3000, 0],
      ["bdoc_panik", "matched", 4200, 0],
      ["bdoc_velo", "over", 15000, 10000],
    ]);
    expect(r.decisions[0]!.line.key).toBe("ref:BE68539007547034:KRED-20270131-BATCH-9-1");
    expect(r.ignored).toBe(1);
  });
});

describe("reconcile properties", () => {
  const doc = (amounts: number[], ogms: (string | null)[]): CamtDocument => ({
    version: "camt.053.001.08",
    messageId: "m",
    statements: [
      {
        id: "s",
        iban: "BE68539007547034",
        entries: amounts.map((a, i) => ({
          index: i,
          amountCents: a,
          currency: "EUR",
          direction: "credit",
          reversal: false,
          status: "BOOK",
          bookingDate: "2027-01-01",
          transactions: [{ index: 0, amountCents: a, currency: "EUR", remittance: { structured: ogms[i] ? [ogms[i]!] : [], unstructured: [] } }],
        })),
      },
    ],
  });

  it("never allocates more than an invoice's due, and every cent received is allocated or left over", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 1_000_000 })), { minLength: 1, maxLength: 12 }),
        (dues, payments) => {
          const open = dues.map((d, i) => ({ id: `i${i}`, ogm: ogmFromBase(i + 1), dueCents: d }));
          const r = reconcile(doc(payments.map((p) => p[1]), payments.map((p) => (p[0] < dues.length ? ogmFromBase(p[0] + 1) : null))), open, new Set());
          for (const inv of open) {
            const total = r.decisions.filter((d) => d.invoiceId === inv.id).reduce((s, d) => s + d.allocatedCents, 0);
            if (total > inv.dueCents) return false;
          }
          return r.decisions.every((d) => (d.outcome === "unmatched" ? d.allocatedCents === 0 : d.allocatedCents + d.excessCents === d.line.amountCents));
        },
      ),
    );
  });

  it("reconciling again with the keys booked is all duplicates", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 8 }), (amounts) => {
        const d = doc(amounts, amounts.map(() => null));
        const first = reconcile(d, [], new Set());
        const again = reconcile(d, [], new Set(first.decisions.map((x) => x.line.key)));
        return first.summary.duplicates === 0 && again.summary.duplicates === amounts.length;
      }),
    );
  });
});
