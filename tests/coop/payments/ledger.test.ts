import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { amountDue, customerLedger, invoiceStatus } from "../../../src/coop/payments/ledger";

describe("invoiceStatus", () => {
  it("open → partially_paid → paid → overpaid; credited; paid then credited is overpaid", () => {
    expect(invoiceStatus({ totalCents: 12100, creditedCents: 0, allocatedCents: 0 })).toBe("open");
    expect(invoiceStatus({ totalCents: 12100, creditedCents: 0, allocatedCents: 100 })).toBe("partially_paid");
    expect(invoiceStatus({ totalCents: 12100, creditedCents: 0, allocatedCents: 12100 })).toBe("paid");
    expect(invoiceStatus({ totalCents: 12100, creditedCents: 0, allocatedCents: 12101 })).toBe("overpaid");
    expect(invoiceStatus({ totalCents: 12100, creditedCents: 12100, allocatedCents: 0 })).toBe("credited");
    expect(invoiceStatus({ totalCents: 12100, creditedCents: 2100, allocatedCents: 10000 })).toBe("paid");
    expect(invoiceStatus({ totalCents: 12100, creditedCents: 2100, allocatedCents: 5000 })).toBe("partially_paid");
    expect(invoiceStatus({ totalCents: 12100, creditedCents: 12100, allocatedCents: 12100 })).toBe("overpaid");
    // A refund (negative allocation) brings a paid invoice back to open.
    expect(invoiceStatus({ totalCents: 12100, creditedCents: 0, allocatedCents: 12100 - 12100 })).toBe("open");
  });

  it("is paid exactly when nothing is due and nothing is owed back", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (total, c, a) => {
        const credited = Math.min(c, total);
        const s = { totalCents: total, creditedCents: credited, allocatedCents: a };
        const status = invoiceStatus(s);
        const due = amountDue(s);
        if (status === "paid") return due === 0 && a === total - credited;
        if (status === "open" || status === "partially_paid") return due > 0;
        return due === 0;
      }),
    );
  });
});

describe("customerLedger", () => {
  it("lists invoices, credit notes, payments and refunds by date with a running balance", () => {
    const l = customerLedger({
      invoices: [
        { id: "i1", number: "F2027-000001", issueDate: "2027-01-05", totalCents: 12100 },
        { id: "i2", number: "F2027-000007", issueDate: "2027-02-05", totalCents: 6050 },
      ],
      creditNotes: [{ id: "c1", number: "NC2027-000001", issueDate: "2027-01-10", totalCents: 2100, invoiceId: "i1" }],
      payments: [
        { id: "p1", date: "2027-01-14", amountCents: 12000, refundedCents: 0, method: "transfer" },
        { id: "p2", date: "2027-02-20", amountCents: 6050, refundedCents: 6050, method: "card" },
      ],
      allocations: [
        { paymentId: "p1", invoiceId: "i1", amountCents: 10000 },
        { paymentId: "p2", invoiceId: "i2", amountCents: 6050 },
        { paymentId: "p2", invoiceId: "i2", amountCents: -6050 },
      ],
    });
    expect(l.lines.map((x) => [x.date, x.kind, x.amountCents, x.balanceCents])).toEqual([
      ["2027-01-05", "invoice", 12100, 12100],
      ["2027-01-10", "credit_note", -2100, 10000],
      ["2027-01-14", "payment", -12000, -2000],
      ["2027-02-05", "invoice", 6050, 4050],
      ["2027-02-20", "payment", -6050, -2000],
      ["2027-02-20", "refund", 6050, 4050],
    ]);
    expect(l.balanceCents).toBe(4050);
    expect(l.unallocatedCents).toBe(2000);
    expect(l.invoices.map((i) => [i.number, i.status, i.dueCents])).toEqual([
      ["F2027-000001", "paid", 0],
      ["F2027-000007", "open", 6050],
    ]);
  });

  it("the balance is what invoices ask minus what credit notes and kept payments cover", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 6 }), (inv, pay) => {
        const l = customerLedger({
          invoices: inv.map((t, i) => ({ id: `i${i}`, number: `F${i}`, issueDate: "2027-01-01", totalCents: t })),
          creditNotes: [],
          payments: pay.map((a, i) => ({ id: `p${i}`, date: "2027-01-02", amountCents: a, refundedCents: 0, method: "transfer" as const })),
          allocations: [],
        });
        return l.balanceCents === inv.reduce((s, x) => s + x, 0) - pay.reduce((s, x) => s + x, 0) && l.lines.at(-1)?.balanceCents === (l.lines.length ? l.balanceCents : undefined);
      }),
    );
  });
});
