// The pure billing domain: VAT per line and category, EN 16931 rounding, totals, series and numbers,
// OGMs, legal mentions per language, the status of a document, credit note lines. No database.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerParty, enterpriseNumberOf, issuerParty, toBillingDocument } from "../../../src/coop/invoices/document";
import { creditLines, priceLines } from "../../../src/coop/invoices/draft";
import { creditNoteVatMention, legalNotes, missingMentions } from "../../../src/coop/invoices/legal";
import type { StoredLine } from "../../../src/coop/invoices/lines";
import type { Issuer, VatCategory } from "../../../src/coop/invoices/model";
import { checkSeries, dueDateOf, formatNumber, isChronological, ogmOf, parseNumber, seriesOf } from "../../../src/coop/invoices/numbering";
import { formatOgm, isValidOgm } from "../../../src/coop/invoices/ogm";
import { settle } from "../../../src/coop/invoices/status";
import { computeTotals, lineNetCents, vatCents } from "../../../src/coop/invoices/totals";
import { defaultVat, exemptionReason, resolveLineVat } from "../../../src/coop/invoices/vat";
import type { BillingDocumentRow } from "../../../src/db/schema";

const REGISTERED = { vatStatus: "registered" as const };
const FRANCHISE = { vatStatus: "franchise" as const };
const BE_CUSTOMER = {};
const FR_CUSTOMER = { vatNumber: "FR40303265045" };

describe("VAT per line", () => {
  it("defaults: 21 % S when registered, E under the franchise, AE for a VAT-registered customer in another member state", () => {
    expect(defaultVat(REGISTERED, BE_CUSTOMER)).toEqual({ category: "S", ratePercent: 21 });
    expect(defaultVat(FRANCHISE, BE_CUSTOMER)).toEqual({ category: "E", ratePercent: 0 });
    expect(defaultVat(REGISTERED, FR_CUSTOMER)).toEqual({ category: "AE", ratePercent: 0 });
    expect(defaultVat(REGISTERED, { vatNumber: "BE0417497106" })).toEqual({ category: "S", ratePercent: 21 });
  });

  it.each([
    [REGISTERED, BE_CUSTOMER, { category: "S" as VatCategory, ratePercent: 6 }, { ok: true, category: "S", ratePercent: 6 }],
    [REGISTERED, BE_CUSTOMER, { category: "S" as VatCategory, ratePercent: 12 }, { ok: true, category: "S", ratePercent: 12 }],
    [REGISTERED, BE_CUSTOMER, { category: "S" as VatCategory }, { ok: true, category: "S", ratePercent: 21 }],
    [REGISTERED, BE_CUSTOMER, { category: "O" as VatCategory }, { ok: true, category: "O", ratePercent: 0 }],
    [REGISTERED, BE_CUSTOMER, { category: "S" as VatCategory, ratePercent: 19 }, { ok: false, problem: "rate_not_allowed", field: "vat_rate" }],
    [REGISTERED, BE_CUSTOMER, { category: "O" as VatCategory, ratePercent: 21 }, { ok: false, problem: "rate_not_allowed", field: "vat_rate" }],
    [REGISTERED, BE_CUSTOMER, { category: "E" as VatCategory }, { ok: false, problem: "registered_cannot_exempt", field: "vat_category" }],
    [REGISTERED, BE_CUSTOMER, { category: "AE" as VatCategory }, { ok: false, problem: "reverse_charge_needs_eu_customer", field: "vat_category" }],
    [REGISTERED, FR_CUSTOMER, { category: "AE" as VatCategory }, { ok: true, category: "AE", ratePercent: 0 }],
    [FRANCHISE, BE_CUSTOMER, { category: "S" as VatCategory, ratePercent: 21 }, { ok: false, problem: "franchise_only_exempt", field: "vat_category" }],
    [FRANCHISE, BE_CUSTOMER, { category: "O" as VatCategory }, { ok: true, category: "O", ratePercent: 0 }],
  ])("%o %o %o → %o", (issuer, customer, requested, expected) => {
    expect(resolveLineVat(issuer, customer, requested)).toEqual(expected);
  });

  it("gives the legal basis of E, AE and O in each language, none for S", () => {
    expect(exemptionReason("E", "fr")).toBe("Régime particulier de franchise des petites entreprises");
    expect(exemptionReason("E", "nl")).toBe("Bijzondere vrijstellingsregeling kleine ondernemingen");
    expect(exemptionReason("E", "en")).toBe("Special exemption scheme for small enterprises");
    expect(exemptionReason("AE", "fr")).toMatch(/Autoliquidation/);
    expect(exemptionReason("AE", "nl")).toMatch(/Verlegging van heffing/);
    expect(exemptionReason("O", "en")).toBe("Outside the scope of VAT");
    expect(exemptionReason("S", "fr")).toBeUndefined();
  });
});

describe("rounding and totals (EN 16931)", () => {
  it("rounds a line's net half away from zero to the cent", () => {
    expect(lineNetCents(1, 1999)).toBe(1999);
    expect(lineNetCents(0.5, 1)).toBe(1); // 0.5 cent → 1
    expect(lineNetCents(0.5, 3)).toBe(2); // 1.5 → 2
    expect(lineNetCents(1.2345, 1000)).toBe(1235); // 1234.5 → 1235
    expect(lineNetCents(3, 3333)).toBe(9999);
    expect(() => lineNetCents(1.23456, 100)).toThrow(/4 decimals/);
  });

  it("computes VAT once per category on its taxable sum, not per line", () => {
    // Three lines of 0.10 € at 21 %: per line 0.021 → 0.02 each (0.06); on the sum 0.30 → 0.063 → 0.06.
    // Three lines of 0.05 €: per line 0.0105 → 0.01 each (0.03); on the sum 0.15 → 0.0315 → 0.03.
    // Seven lines of 0.07 €: per line 0.0147 → 0.01 (0.07); on the sum 0.49 → 0.1029 → 0.10.
    const line = { description: "x", quantity: 1, unitCode: "C62", unitPriceCents: 7, vatCategory: "S" as const, vatRatePercent: 21 };
    const t = computeTotals(Array.from({ length: 7 }, () => line), "fr");
    expect(t.vat).toEqual([{ category: "S", ratePercent: 21, taxableCents: 49, vatCents: 10 }]);
    expect(t.totalCents).toBe(59);
  });

  it("keeps one breakdown row per (category, rate), S first by rate, with the exemption reason", () => {
    const t = computeTotals(
      [
        { description: "Hébergement", quantity: 12, unitCode: "MON", unitPriceCents: 500, vatCategory: "S", vatRatePercent: 21 },
        { description: "Livre", quantity: 1, unitCode: "C62", unitPriceCents: 1000, vatCategory: "S", vatRatePercent: 6 },
        { description: "Cotisation", quantity: 1, unitCode: "ANN", unitPriceCents: 2500, vatCategory: "O", vatRatePercent: 0 },
        { description: "Domaine", quantity: 1, unitCode: "ANN", unitPriceCents: 1234, vatCategory: "S", vatRatePercent: 21 },
      ],
      "fr",
    );
    expect(t.vat).toEqual([
      { category: "S", ratePercent: 21, taxableCents: 7234, vatCents: 1519 },
      { category: "S", ratePercent: 6, taxableCents: 1000, vatCents: 60 },
      { category: "O", ratePercent: 0, taxableCents: 2500, vatCents: 0, exemptionReason: "Hors du champ d'application de la TVA" },
    ]);
    expect(t.netCents).toBe(10734);
    expect(t.vatCents).toBe(1579);
    expect(t.totalCents).toBe(12313);
  });

  const lineArb = fc.record({
    description: fc.constant("line"),
    quantity: fc.integer({ min: 1, max: 10_000_000 }).map((n) => n / 10_000),
    unitCode: fc.constant("C62"),
    unitPriceCents: fc.integer({ min: 0, max: 10_000_000 }),
    vatCategory: fc.constantFrom<VatCategory>("S", "O", "Z"),
    vatRatePercent: fc.constantFrom(21, 12, 6),
  }).map((l) => ({ ...l, vatRatePercent: l.vatCategory === "S" ? l.vatRatePercent : 0 }));

  it("property: integer cents, totals are the sums of their parts, VAT within half a cent of the exact figure", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 30 }), (lines) => {
        const t = computeTotals(lines, "en");
        for (const v of [t.netCents, t.vatCents, t.totalCents, ...t.lines.map((l) => l.netCents), ...t.vat.map((v) => v.vatCents)]) expect(Number.isSafeInteger(v)).toBe(true);
        expect(t.netCents).toBe(t.lines.reduce((s, l) => s + l.netCents, 0));
        expect(t.netCents).toBe(t.vat.reduce((s, v) => s + v.taxableCents, 0));
        expect(t.vatCents).toBe(t.vat.reduce((s, v) => s + v.vatCents, 0));
        expect(t.totalCents).toBe(t.netCents + t.vatCents);
        for (const v of t.vat) expect(Math.abs(v.vatCents - (v.taxableCents * v.ratePercent) / 100)).toBeLessThanOrEqual(0.5);
        for (const l of t.lines) expect(Math.abs(l.netCents - l.quantity * l.unitPriceCents)).toBeLessThanOrEqual(0.5 + 1e-6);
      }),
    );
  });

  it("property: the order of lines changes nothing but the lines' order", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 12 }), (lines) => {
        const a = computeTotals(lines, "fr");
        const b = computeTotals([...lines].reverse(), "fr");
        expect(b.vat).toEqual(a.vat);
        expect(b.totalCents).toBe(a.totalCents);
      }),
    );
  });

  it("property: VAT is half away from zero", () => {
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom(21, 12, 6), (taxable, rate) => {
        expect(vatCents(-taxable, rate) + vatCents(taxable, rate)).toBe(0);
      }));
  });
});

describe("series, numbers and OGMs", () => {
  it("one series per type and year", () => {
    expect(seriesOf("invoice", "2027-03-01")).toBe("F2027");
    expect(seriesOf("credit_note", "2027-12-31")).toBe("NC2027");
    expect(formatNumber("F2027", 1)).toBe("F2027-000001");
    expect(formatNumber("NC2027", 42)).toBe("NC2027-000042");
    expect(formatNumber("F2027", 1_234_567)).toBe("F2027-1234567");
    expect(() => formatNumber("F2027", 0)).toThrow();
    expect(parseNumber("NC2027-000042")).toEqual({ type: "credit_note", year: 2027, series: "NC2027", sequence: 42 });
    expect(parseNumber("X2027-1")).toBeNull();
  });

  it("property: formatting and parsing agree", () => {
    fc.assert(
      fc.property(fc.constantFrom("invoice", "credit_note", "share_call" as const), fc.integer({ min: 2000, max: 2999 }), fc.integer({ min: 1, max: 9_999_999 }), (type, year, seq) => {
        const n = formatNumber(seriesOf(type, `${year}-01-01`), seq);
        expect(parseNumber(n)).toEqual({ type, year, series: seriesOf(type, `${year}-01-01`), sequence: seq });
      }),
    );
  });

  it("property: OGMs are valid and never shared between types, years or numbers", () => {
    fc.assert(
      fc.property(fc.constantFrom("invoice", "credit_note" as const), fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 9_999_999 }), (type, year, seq) => {
        const ogm = ogmOf(type, `${year}-06-01`, seq);
        expect(isValidOgm(ogm)).toBe(true);
        expect(ogmOf(type === "invoice" ? "credit_note" : "invoice", `${year}-06-01`, seq)).not.toBe(ogm);
        expect(ogmOf(type, `${year + 1 > 2099 ? 2000 : year + 1}-06-01`, seq)).not.toBe(ogm);
        if (seq > 1) expect(ogmOf(type, `${year}-06-01`, seq - 1)).not.toBe(ogm);
      }),
    );
    const first = ogmOf("invoice", "2027-01-15", 1);
    expect(formatOgm(first)).toBe(`+++127/0000/001${first.slice(10)}+++`);
    expect(ogmOf("invoice", "2027-01-15", 1).slice(0, 10)).toBe("1270000001");
  });

  it("chronology and gaps", () => {
    expect(isChronological(null, "2027-01-01")).toBe(true);
    expect(isChronological("2027-01-02", "2027-01-02")).toBe(true);
    expect(isChronological("2027-01-02", "2027-01-01")).toBe(false);
    expect(checkSeries([{ number: "F2027-000002", issueDate: "2027-01-02" }, { number: "F2027-000001", issueDate: "2027-01-01" }])).toEqual({ ok: true });
    expect(checkSeries([{ number: "F2027-000001", issueDate: "2027-01-01" }, { number: "F2027-000003", issueDate: "2027-01-02" }])).toMatchObject({ ok: false });
    expect(checkSeries([{ number: "F2027-000001", issueDate: "2027-01-03" }, { number: "F2027-000002", issueDate: "2027-01-02" }])).toMatchObject({ ok: false });
    expect(dueDateOf("2027-01-31", 30)).toBe("2027-03-02");
    expect(dueDateOf("2028-02-15", 14)).toBe("2028-02-29");
  });
});

const issuer: Issuer = {
  legalName: "Coopérative Hébergement Solidaire SC",
  address: { street: "Rue de la Loi 1", postcode: "1000", city: "Bruxelles", countryCode: "BE" },
  enterpriseNumber: "0417497106",
  vatNumber: "BE0417497106",
  vatStatus: "registered",
  iban: "BE68539007547034",
  bic: "GKCCBEBB",
  paymentTermsDays: 30,
};

describe("legal mentions", () => {
  it("a credit note carries the VAT-repayment mention in the customer's language, and the invoice it corrects", () => {
    const vat = [{ category: "S" as const, ratePercent: 21, taxableCents: 100, vatCents: 21 }];
    const corrects = { number: "F2027-000001", issueDate: "2027-01-15" };
    expect(legalNotes({ type: "credit_note", lang: "fr", issuer, vat, corrects })).toEqual([
      "Note de crédit relative à la facture F2027-000001 du 2027-01-15",
      "TVA à reverser à l'État dans la mesure où elle a été initialement déduite",
    ]);
    expect(legalNotes({ type: "credit_note", lang: "nl", issuer, vat, corrects })).toContain("Btw terug te storten aan de Staat in de mate waarin ze oorspronkelijk werd afgetrokken");
    expect(legalNotes({ type: "credit_note", lang: "en", issuer, vat, corrects })).toContain(creditNoteVatMention("en"));
    expect(legalNotes({ type: "invoice", lang: "fr", issuer, vat })).toEqual([]);
  });

  it("the franchise scheme and the reverse charge are written out", () => {
    expect(legalNotes({ type: "invoice", lang: "nl", issuer: FRANCHISE, vat: [{ category: "E", ratePercent: 0, taxableCents: 100, vatCents: 0, exemptionReason: exemptionReason("E", "nl") }] })).toEqual([
      "Bijzondere vrijstellingsregeling kleine ondernemingen",
    ]);
    expect(legalNotes({ type: "invoice", lang: "fr", issuer, vat: [{ category: "AE", ratePercent: 0, taxableCents: 100, vatCents: 0, exemptionReason: exemptionReason("AE", "fr") }] })).toContain("Autoliquidation");
  });

  const org = { id: "org_1", name: "Amis du Parc", legalName: "Les Amis du Parc asbl", companyNumber: "BE0417497106", street: "Rue Haute 5", postcode: "1000", city: "Bruxelles", countryCode: "BE", contactEmail: null };

  it("every required mention of a complete invoice is there; missing ones are named", () => {
    const customer = customerParty(org);
    expect(customer).toEqual({ legalName: "Les Amis du Parc asbl", address: { street: "Rue Haute 5", postcode: "1000", city: "Bruxelles", countryCode: "BE" }, enterpriseNumber: "0417497106" });
    const priced = priceLines([{ description: "Hébergement", quantity: 1, unitPriceCents: 1000 }], { issuer, customer }, "fr");
    if (!priced.ok) throw new Error("priced");
    const row = {
      id: "bil_1", type: "invoice", status: "open", orgId: "org_1", correctsId: null, language: "fr", series: "F2027", sequence: 1, number: "F2027-000001", ogm: ogmOf("invoice", "2027-01-15", 1),
      issueDate: "2027-01-15", dueDays: null, dueDate: "2027-02-14", lines: priced.lines, vat: priced.totals.vat, netCents: priced.totals.netCents, vatCents: priced.totals.vatCents, totalCents: priced.totals.totalCents,
      creditedCents: 0, paidCents: 0, issuer, customer, buyerReference: null, notes: [], createdBy: null, issuedAt: null, issuedBy: null, createdAt: "", updatedAt: "",
    } satisfies BillingDocumentRow;
    const doc = toBillingDocument(row);
    expect(doc).toMatchObject({ number: "F2027-000001", totalCents: 1210, vatCents: 210, dueCents: 1210, buyerReference: "org_1", currency: "EUR" });
    expect(doc.lines[0]).not.toHaveProperty("position");
    expect(missingMentions(doc)).toEqual([]);
    const bare = toBillingDocument({ ...row, customer: customerParty({ ...org, legalName: null, name: "", street: null }), dueDate: null });
    expect(missingMentions(bare)).toEqual(["customer.legal_name", "customer.street", "due_date"]);
    expect(missingMentions(toBillingDocument({ ...row, type: "credit_note" }))).toEqual(["corrects", "notes"]);
  });

  it("parties: enterprise numbers, the issuer's VAT number when registered only", () => {
    expect(enterpriseNumberOf("BE0417497106")).toBe("0417497106");
    expect(enterpriseNumberOf("FR40303265045")).toBeUndefined();
    expect(customerParty({ ...org, companyNumber: "FR40303265045", countryCode: "FR" }).vatNumber).toBe("FR40303265045");
    const settings = { vatStatus: "franchise" as const, iban: "BE68539007547034", bic: "GKCCBEBB", paymentTermsDays: 14, email: null };
    expect(issuerParty(org, settings)).not.toHaveProperty("vatNumber");
    expect(issuerParty(org, { ...settings, vatStatus: "registered" }).vatNumber).toBe("BE0417497106");
  });
});

describe("status", () => {
  const inv = (total: number, credited: number, paid: number) => settle({ type: "invoice", issued: true, totalCents: total, creditedCents: credited, paidCents: paid });
  it("open, partially paid, paid, overpaid, credited", () => {
    expect(inv(1000, 0, 0)).toEqual({ status: "open", dueCents: 1000 });
    expect(inv(1000, 0, 400)).toEqual({ status: "partially_paid", dueCents: 600 });
    expect(inv(1000, 400, 600)).toEqual({ status: "paid", dueCents: 0 });
    expect(inv(1000, 0, 1200)).toEqual({ status: "overpaid", dueCents: 0 });
    expect(inv(1000, 1000, 0)).toEqual({ status: "credited", dueCents: 0 });
    expect(inv(1000, 300, 0)).toEqual({ status: "open", dueCents: 700 });
    expect(settle({ type: "credit_note", issued: true, totalCents: 10, creditedCents: 0, paidCents: 0 })).toEqual({ status: "issued", dueCents: 0 });
    expect(settle({ type: "invoice", issued: false, totalCents: 10, creditedCents: 0, paidCents: 0 }).status).toBe("draft");
  });
});

describe("lines of a draft and of a credit note", () => {
  it("names the fields at fault", () => {
    const r = priceLines(
      [
        { description: " ", quantity: 0, unitPriceCents: 1.5 },
        { description: "ok", quantity: 1, unitPriceCents: 100, vatCategory: "S", vatRatePercent: 19 },
        { description: "ok", quantity: 1, unitPriceCents: 100, unitCode: "XXX" },
      ],
      { issuer, customer: {} },
      "fr",
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(["lines.0.description", "lines.0.quantity", "lines.0.unit_price_cents", "lines.1.vat_rate", "lines.2.unit"]);
    expect(priceLines([], { issuer, customer: {} }, "fr")).toMatchObject({ ok: false, errors: [{ field: "lines" }] });
  });

  const stored = (position: number, quantity: number, correctsLine?: number): StoredLine => ({ description: `l${position}`, quantity, unitCode: "C62", unitPriceCents: 1000, vatCategory: "S", vatRatePercent: 21, netCents: quantity * 1000, position, ...(correctsLine ? { correctsLine } : {}) });

  it("credits what remains, never more", () => {
    const invoice = [stored(1, 3), stored(2, 1)];
    expect(creditLines(invoice, [], undefined)).toMatchObject({ ok: true, lines: [{ quantity: 3, correctsLine: 1, position: 1 }, { quantity: 1, correctsLine: 2, position: 2 }] });
    expect(creditLines(invoice, [stored(1, 2, 1)], undefined)).toMatchObject({ ok: true, lines: [{ quantity: 1, correctsLine: 1 }, { quantity: 1, correctsLine: 2 }] });
    expect(creditLines(invoice, [stored(1, 2, 1)], [{ line: 1, quantity: 2 }])).toMatchObject({ ok: false, errors: [{ field: "lines.0.quantity" }] });
    expect(creditLines(invoice, [], [{ line: 3 }])).toMatchObject({ ok: false, errors: [{ field: "lines.0.line" }] });
    expect(creditLines(invoice, [stored(1, 3, 1), stored(2, 1, 2)], undefined)).toMatchObject({ ok: false, errors: [{ field: "lines" }] });
  });

  it("property: however it is split, what is credited never exceeds the invoice line", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 10 }), (qty, asks) => {
        const invoice = [stored(1, qty)];
        const done: StoredLine[] = [];
        for (const ask of asks) {
          const r = creditLines(invoice, done, [{ line: 1, quantity: ask }]);
          if (r.ok) done.push(...r.lines);
        }
        expect(done.reduce((s, l) => s + l.quantity, 0)).toBeLessThanOrEqual(qty);
      }),
    );
  });
});
