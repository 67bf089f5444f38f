// Peppol BIS Billing 3.0 UBL 2.1 for a billing document: Invoice (380) for invoices and share calls,
// CreditNote (381) for credit notes. Pure: the document in, the XML text out. The official EN 16931
// and Peppol Schematron rules run over what this writes in tests/coop/documents/ubl.node.test.ts.
import type { BillingDocument, DocumentLine, Party, VatBreakdown, VatCategory } from "../invoices/model";
import { el, xmlDocument, type XmlElement, type XmlNode } from "./xml";
import { documentMessage } from "./i18n";

export const CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
export const PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

const NS = {
  invoice: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
  creditNote: "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
  cac: "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
  cbc: "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
};

/** Peppol electronic address schemes for VAT numbers, by country (EAS code list), used when a buyer has
 * no Belgian enterprise number. */
const VAT_EAS: Record<string, string> = {
  AT: "9914", ES: "9920", AD: "9922", AL: "9923", BA: "9924", BE: "9925", BG: "9926", CH: "9927", CY: "9928",
  CZ: "9929", DE: "9930", EE: "9931", GB: "9932", GR: "9933", EL: "9933", HR: "9934", IE: "9935", LI: "9936",
  LT: "9937", LU: "9938", LV: "9939", MC: "9940", ME: "9941", MK: "9942", MT: "9943", NL: "9944", PL: "9945",
  PT: "9946", RO: "9947", RS: "9948", SI: "9949", SK: "9950", SM: "9951", TR: "9952", VA: "9953", FR: "9957",
  HU: "9910",
};

/** VATEX codes (CEF code list) for the categories that have a single EU-wide one. */
const VATEX: Partial<Record<VatCategory, string>> = { AE: "VATEX-EU-AE", O: "VATEX-EU-O" };

/** Cents as a decimal amount with two places: 123456 → "1234.56", -5 → "-0.05". */
export function amount(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`an amount is a whole number of cents, not ${cents}`);
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** A quantity with at most 4 decimals and no trailing zeros: 1 → "1", 0.5 → "0.5". */
export function quantity(q: number): string {
  if (!Number.isFinite(q)) throw new RangeError(`a quantity is a finite number, not ${q}`);
  const scaled = Math.round(Math.abs(q) * 10_000);
  const whole = Math.floor(scaled / 10_000);
  const frac = String(scaled % 10_000).padStart(4, "0").replace(/0+$/, "");
  return `${q < 0 && scaled !== 0 ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

/** Peppol forbids empty elements (PEPPOL-EN16931-R008): optional text that is blank is left out. */
function opt(name: string, value: string | undefined, attrs: Record<string, string | undefined> | null = null): XmlNode {
  return value !== undefined && value.trim() !== "" ? el(name, attrs, value) : null;
}

/** Mandatory text (a name, an item name): a blank value, which the domain should never give, becomes "-". */
function req(name: string, value: string, attrs: Record<string, string | undefined> | null = null): XmlElement {
  return el(name, attrs, value.trim() === "" ? "-" : value);
}

const money = (name: string, cents: number) => el(name, { currencyID: "EUR" }, amount(cents));

function endpoint(party: Party): XmlNode {
  if (party.enterpriseNumber) return el("cbc:EndpointID", { schemeID: "0208" }, party.enterpriseNumber);
  const vat = party.vatNumber?.replace(/\s+/g, "").toUpperCase();
  const scheme = vat ? VAT_EAS[vat.slice(0, 2)] : undefined;
  if (vat && scheme) return el("cbc:EndpointID", { schemeID: scheme }, vat);
  // Nothing Peppol can route to: the document is still EN 16931, but not sendable over Peppol.
  return null;
}

function party(p: Party, withVat: boolean): XmlElement {
  return el(
    "cac:Party",
    null,
    endpoint(p),
    el("cac:PartyName", null, req("cbc:Name", p.legalName)),
    el(
      "cac:PostalAddress",
      null,
      opt("cbc:StreetName", p.address.street),
      opt("cbc:CityName", p.address.city),
      opt("cbc:PostalZone", p.address.postcode),
      el("cac:Country", null, el("cbc:IdentificationCode", null, p.address.countryCode.toUpperCase())),
    ),
    withVat && p.vatNumber
      ? el("cac:PartyTaxScheme", null, el("cbc:CompanyID", null, p.vatNumber.replace(/\s+/g, "").toUpperCase()), el("cac:TaxScheme", null, el("cbc:ID", null, "VAT")))
      : null,
    el(
      "cac:PartyLegalEntity",
      null,
      req("cbc:RegistrationName", p.legalName),
      p.enterpriseNumber ? el("cbc:CompanyID", { schemeID: "0208" }, p.enterpriseNumber) : null,
    ),
    p.email?.trim() ? el("cac:Contact", null, el("cbc:ElectronicMail", null, p.email.trim())) : null,
  );
}

function taxCategory(tag: "cac:TaxCategory" | "cac:ClassifiedTaxCategory", category: VatCategory, ratePercent: number, reason?: string): XmlElement {
  return el(
    tag,
    null,
    el("cbc:ID", null, category),
    // BR-O-05 and BR-O-10: "not subject to VAT" carries no rate.
    category === "O" ? null : el("cbc:Percent", null, quantity(ratePercent)),
    tag === "cac:TaxCategory" && VATEX[category] ? el("cbc:TaxExemptionReasonCode", null, VATEX[category]!) : null,
    tag === "cac:TaxCategory" && category !== "S" && category !== "Z" ? opt("cbc:TaxExemptionReason", reason) : null,
    el("cac:TaxScheme", null, el("cbc:ID", null, "VAT")),
  );
}

function subtotal(row: VatBreakdown): XmlElement {
  return el(
    "cac:TaxSubtotal",
    null,
    money("cbc:TaxableAmount", row.taxableCents),
    money("cbc:TaxAmount", row.vatCents),
    taxCategory("cac:TaxCategory", row.category, row.ratePercent, row.exemptionReason),
  );
}

function line(l: DocumentLine, index: number, credit: boolean): XmlElement {
  // BR-27: the item price is never negative; a negative price (a discount line) moves its sign to the quantity.
  const negative = l.unitPriceCents < 0;
  return el(
    credit ? "cac:CreditNoteLine" : "cac:InvoiceLine",
    null,
    el("cbc:ID", null, String(index + 1)),
    el(credit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity", { unitCode: l.unitCode }, quantity(negative ? -l.quantity : l.quantity)),
    money("cbc:LineExtensionAmount", l.netCents),
    el("cac:Item", null, req("cbc:Name", l.description), taxCategory("cac:ClassifiedTaxCategory", l.vatCategory, l.vatRatePercent)),
    el("cac:Price", null, money("cbc:PriceAmount", Math.abs(l.unitPriceCents))),
  );
}

/** The UBL 2.1 XML of `doc`, Peppol BIS Billing 3.0. */
export function invoiceUbl(doc: BillingDocument): string {
  const credit = doc.type === "credit_note";
  // BR-O-02: a document with "not subject to VAT" names neither the seller's nor the buyer's VAT number.
  const outOfScope = doc.vat.some((r) => r.category === "O") || doc.lines.some((l) => l.vatCategory === "O");
  const payable = doc.totalCents - doc.paidCents;
  const terms = credit
    ? documentMessage(doc.language, "billdoc.terms.credit", { number: doc.corrects?.number ?? "" })
    : documentMessage(doc.language, "billdoc.terms.days", { days: String(doc.issuer.paymentTermsDays) });

  const root = el(
    credit ? "CreditNote" : "Invoice",
    { xmlns: credit ? NS.creditNote : NS.invoice, "xmlns:cac": NS.cac, "xmlns:cbc": NS.cbc },
    el("cbc:CustomizationID", null, CUSTOMIZATION_ID),
    el("cbc:ProfileID", null, PROFILE_ID),
    req("cbc:ID", doc.number),
    el("cbc:IssueDate", null, doc.issueDate),
    !credit && doc.dueDate ? el("cbc:DueDate", null, doc.dueDate) : null,
    el(credit ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode", null, credit ? "381" : "380"),
    // PEPPOL-EN16931-R002: one note at document level, so the legal mentions share it, one per line.
    opt("cbc:Note", doc.notes.filter((n) => n.trim() !== "").join("\n")),
    el("cbc:DocumentCurrencyCode", null, doc.currency),
    req("cbc:BuyerReference", doc.buyerReference),
    doc.corrects
      ? el("cac:BillingReference", null, el("cac:InvoiceDocumentReference", null, req("cbc:ID", doc.corrects.number), el("cbc:IssueDate", null, doc.corrects.issueDate)))
      : null,
    el("cac:AccountingSupplierParty", null, party(doc.issuer, !outOfScope)),
    el("cac:AccountingCustomerParty", null, party(doc.customer, !outOfScope)),
    credit
      ? null
      : el(
          "cac:PaymentMeans",
          null,
          el("cbc:PaymentMeansCode", null, "30"),
          el("cbc:PaymentID", null, doc.ogm),
          el(
            "cac:PayeeFinancialAccount",
            null,
            el("cbc:ID", null, doc.issuer.iban.replace(/\s+/g, "").toUpperCase()),
            req("cbc:Name", doc.issuer.legalName),
            doc.issuer.bic ? el("cac:FinancialInstitutionBranch", null, el("cbc:ID", null, doc.issuer.bic.replace(/\s+/g, "").toUpperCase())) : null,
          ),
        ),
    // BR-CO-25: a positive amount due needs a due date or payment terms; terms are always stated.
    el("cac:PaymentTerms", null, req("cbc:Note", terms)),
    el("cac:TaxTotal", null, money("cbc:TaxAmount", doc.vatCents), ...doc.vat.map(subtotal)),
    el(
      "cac:LegalMonetaryTotal",
      null,
      money("cbc:LineExtensionAmount", doc.netCents),
      money("cbc:TaxExclusiveAmount", doc.netCents),
      money("cbc:TaxInclusiveAmount", doc.totalCents),
      doc.paidCents !== 0 ? money("cbc:PrepaidAmount", doc.paidCents) : null,
      money("cbc:PayableAmount", payable),
    ),
    ...doc.lines.map((l, i) => line(l, i, credit)),
  );
  return xmlDocument(root);
}
