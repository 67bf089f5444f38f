// From stored rows to the `BillingDocument` the renderers read, and the parties from organisation
// rows. Pure: the caller reads the rows (./repository.ts) and hands them over.
import type { BillingDocumentRow, BillingIssuerRow, OrganisationRow } from "../../db/schema";
import type { Lang } from "../../lib/lang";
import type { BillingDocument, Issuer, Party } from "./model";
import { settle } from "./status";

/** `BE0123456749` → `0123456749`; other numbers have no Belgian enterprise number. */
export function enterpriseNumberOf(companyNumber: string | null | undefined): string | undefined {
  const m = /^BE([01]\d{9})$/.exec(companyNumber ?? "");
  return m ? m[1] : undefined;
}

/** A member organisation as the customer: its registered name (else its name), address, numbers. */
export function customerParty(org: Pick<OrganisationRow, "id" | "name" | "legalName" | "companyNumber" | "street" | "postcode" | "city" | "countryCode" | "contactEmail">): Party {
  const enterpriseNumber = enterpriseNumberOf(org.companyNumber);
  return {
    legalName: org.legalName?.trim() || org.name,
    address: { street: org.street ?? "", postcode: org.postcode ?? "", city: org.city ?? "", countryCode: org.countryCode ?? "" },
    ...(enterpriseNumber ? { enterpriseNumber } : {}),
    // A Belgian number is the customer's enterprise number (whether it is also liable to VAT is not
    // known); a number of another member state is a VAT number by nature.
    ...(org.companyNumber && !enterpriseNumber ? { vatNumber: org.companyNumber } : {}),
    ...(org.contactEmail ? { email: org.contactEmail } : {}),
  };
}

/** The cooperative as issuer: its organisation's identity and its billing settings. */
export function issuerParty(org: Pick<OrganisationRow, "name" | "legalName" | "companyNumber" | "street" | "postcode" | "city" | "countryCode" | "contactEmail">, settings: Pick<BillingIssuerRow, "vatStatus" | "iban" | "bic" | "paymentTermsDays" | "email">): Issuer {
  const enterpriseNumber = enterpriseNumberOf(org.companyNumber);
  return {
    legalName: org.legalName?.trim() || org.name,
    address: { street: org.street ?? "", postcode: org.postcode ?? "", city: org.city ?? "", countryCode: org.countryCode ?? "" },
    ...(enterpriseNumber ? { enterpriseNumber } : {}),
    // Registered: its VAT number is BE + the enterprise number. Franchise: it has one too, but the
    // invoice says it charges none; the number still identifies it.
    ...(enterpriseNumber && settings.vatStatus === "registered" ? { vatNumber: `BE${enterpriseNumber}` } : {}),
    ...((settings.email ?? org.contactEmail) ? { email: (settings.email ?? org.contactEmail)! } : {}),
    vatStatus: settings.vatStatus,
    iban: settings.iban,
    bic: settings.bic,
    paymentTermsDays: settings.paymentTermsDays,
  };
}

/**
 * The model of a stored document. Issued ones read their own snapshots (issuer and customer as
 * they were that day); drafts need the current `issuer` and `customer`, and have no number yet.
 * `corrects` is the invoice a credit note corrects.
 */
export function toBillingDocument(
  row: BillingDocumentRow,
  current: { issuer?: Issuer; customer?: Party; corrects?: Pick<BillingDocumentRow, "number" | "issueDate"> | null } = {},
): BillingDocument {
  const issuer = row.issuer ?? current.issuer;
  const customer = row.customer ?? current.customer;
  if (!issuer || !customer) throw new Error(`billing document ${row.id}: a draft needs the current issuer and customer`);
  const { dueCents } = settle({ type: row.type, issued: row.status !== "draft", totalCents: row.totalCents, creditedCents: row.creditedCents, paidCents: row.paidCents });
  return {
    id: row.id,
    type: row.type,
    number: row.number ?? "",
    issueDate: row.issueDate ?? "",
    ...(row.dueDate ? { dueDate: row.dueDate } : {}),
    currency: "EUR",
    language: row.language as Lang,
    issuer,
    customer,
    buyerReference: row.buyerReference ?? row.orgId,
    ogm: row.ogm ?? "",
    lines: row.lines.map(({ position: _p, correctsLine: _c, ...line }) => line),
    vat: row.vat,
    netCents: row.netCents,
    vatCents: row.vatCents,
    totalCents: row.totalCents,
    paidCents: row.paidCents,
    dueCents,
    ...(current.corrects?.number && current.corrects.issueDate ? { corrects: { number: current.corrects.number, issueDate: current.corrects.issueDate } } : {}),
    notes: row.notes,
  };
}
