// What Belgian law wants on an invoice or a credit note (art. 5 of Royal Decree no. 1 on VAT, and
// the Code of Companies and Associations for the issuer's identity), in the document's language.
// `legalNotes` writes the mentions that are sentences; `missingMentions` says which required
// fields a document still lacks, so that nothing incomplete is ever issued. Pure.
import type { Lang } from "../../lib/lang";
import type { BillingDocument, DocumentType, Issuer, Party, VatBreakdown } from "./model";

const CREDIT_NOTE_VAT: Record<Lang, string> = {
  fr: "TVA à reverser à l'État dans la mesure où elle a été initialement déduite",
  nl: "Btw terug te storten aan de Staat in de mate waarin ze oorspronkelijk werd afgetrokken",
  en: "VAT to be repaid to the State insofar as it was initially deducted",
};

const REVERSE_CHARGE: Record<Lang, string> = {
  fr: "Autoliquidation",
  nl: "Btw verlegd",
  en: "Reverse charge",
};

const CORRECTS: Record<Lang, (number: string, date: string) => string> = {
  fr: (n, d) => `Note de crédit relative à la facture ${n} du ${d}`,
  nl: (n, d) => `Creditnota met betrekking tot factuur ${n} van ${d}`,
  en: (n, d) => `Credit note for invoice ${n} of ${d}`,
};

export function creditNoteVatMention(lang: Lang): string {
  return CREDIT_NOTE_VAT[lang];
}

/**
 * The sentences a document carries: the exemption bases of its categories (franchise, reverse
 * charge, out of scope), "Autoliquidation" when reverse charged, and for a credit note the invoice
 * it corrects and the VAT-repayment mention (when the issuer charges VAT).
 */
export function legalNotes(input: { type: DocumentType; lang: Lang; issuer: Pick<Issuer, "vatStatus">; vat: readonly VatBreakdown[]; corrects?: { number: string; issueDate: string } }): string[] {
  const notes: string[] = [];
  if (input.type === "credit_note" && input.corrects) notes.push(CORRECTS[input.lang](input.corrects.number, input.corrects.issueDate));
  for (const row of input.vat) {
    if (row.exemptionReason && !notes.includes(row.exemptionReason)) notes.push(row.exemptionReason);
  }
  if (input.vat.some((v) => v.category === "AE")) notes.push(REVERSE_CHARGE[input.lang]);
  if (input.type === "credit_note" && input.issuer.vatStatus === "registered") notes.push(CREDIT_NOTE_VAT[input.lang]);
  return notes;
}

/** Fields of a party a document cannot go without (its name and full address). */
export function missingPartyFields(party: Party, prefix: "issuer" | "customer"): string[] {
  const missing: string[] = [];
  if (!party.legalName.trim()) missing.push(`${prefix}.legal_name`);
  if (!party.address.street.trim()) missing.push(`${prefix}.street`);
  if (!party.address.postcode.trim()) missing.push(`${prefix}.postcode`);
  if (!party.address.city.trim()) missing.push(`${prefix}.city`);
  if (!/^[A-Z]{2}$/.test(party.address.countryCode)) missing.push(`${prefix}.country_code`);
  return missing;
}

/** Every mention the law requires that the document lacks, as field names; empty when it may be issued. */
export function missingMentions(doc: BillingDocument): string[] {
  const missing = [...missingPartyFields(doc.issuer, "issuer"), ...missingPartyFields(doc.customer, "customer")];
  if (!doc.issuer.enterpriseNumber) missing.push("issuer.enterprise_number");
  if (doc.issuer.vatStatus === "registered" && !doc.issuer.vatNumber) missing.push("issuer.vat_number");
  if (!doc.issuer.iban) missing.push("issuer.iban");
  // A customer liable to VAT in Belgium is named by its number; the reverse charge needs the customer's VAT number.
  if (doc.vat.some((v) => v.category === "AE") && !doc.customer.vatNumber) missing.push("customer.vat_number");
  if (!doc.number) missing.push("number");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(doc.issueDate)) missing.push("issue_date");
  if (doc.type === "invoice" && !doc.dueDate) missing.push("due_date");
  if (doc.lines.length === 0) missing.push("lines");
  if (doc.vat.length === 0) missing.push("vat");
  for (const v of doc.vat) if (v.category !== "S" && v.category !== "Z" && !v.exemptionReason) missing.push(`vat.${v.category}.exemption_reason`);
  if (doc.type === "credit_note" && !doc.corrects) missing.push("corrects");
  if (doc.type === "credit_note" && doc.issuer.vatStatus === "registered" && !doc.notes.includes(CREDIT_NOTE_VAT[doc.language])) missing.push("notes");
  return missing;
}
