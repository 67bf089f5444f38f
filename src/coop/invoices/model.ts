// The cooperative's billing documents as the pure code sees them: what an issued invoice or credit
// note says, independent of storage. Numbers, totals and VAT are computed by the domain functions
// beside this file; the UBL, PDF and HTML renderers read this shape and nothing else.
import type { Lang } from "../../lib/lang";

/** UNCL5305 categories Chatière issues: standard (also Belgium's reduced 6 % and 12 %), zero,
 * exempt (the small-enterprise franchise scheme), reverse charge (EU B2B), out of scope. */
export const VAT_CATEGORIES = ["S", "Z", "E", "AE", "O"] as const;
export type VatCategory = (typeof VAT_CATEGORIES)[number];

export const DOCUMENT_TYPES = ["invoice", "credit_note", "share_call"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface PostalAddress {
  street: string;
  postcode: string;
  city: string;
  /** ISO 3166-1 alpha-2, e.g. "BE". */
  countryCode: string;
}

export interface Party {
  legalName: string;
  address: PostalAddress;
  /** Belgian enterprise number, 10 digits without dots ("0123456749"); the Peppol 0208 endpoint. */
  enterpriseNumber?: string;
  /** VAT number with its country prefix ("BE0123456749"); absent for customers not registered. */
  vatNumber?: string;
  email?: string;
}

export interface Issuer extends Party {
  /** `registered` charges VAT; `franchise` is the small-enterprise scheme (category E, legal mention). */
  vatStatus: "registered" | "franchise";
  iban: string;
  bic: string;
  paymentTermsDays: number;
}

export interface DocumentLine {
  description: string;
  /** Up to 4 decimals (e.g. 1, 12, 0.5). */
  quantity: number;
  /** UN/ECE Recommendation 20 code: "C62" one, "MON" month, "ANN" year, "HUR" hour. */
  unitCode: string;
  /** Net unit price in euro cents, VAT excluded. */
  unitPriceCents: number;
  vatCategory: VatCategory;
  /** Percent, e.g. 21, 12, 6, 0. Zero for Z, E, AE and O. */
  vatRatePercent: number;
  /** quantity × unit price, rounded half away from zero to the cent (EN 16931 BT-131). */
  netCents: number;
}

/** One row per (category, rate): EN 16931 BG-23. */
export interface VatBreakdown {
  category: VatCategory;
  ratePercent: number;
  taxableCents: number;
  vatCents: number;
  /** Required for E, AE and O (BT-120): the legal basis, in the document's language. */
  exemptionReason?: string;
}

export interface BillingDocument {
  id: string;
  type: DocumentType;
  /** `F2027-000001`, `NC2027-000001`: given when issued, never to a draft. */
  number: string;
  /** YYYY-MM-DD, Europe/Brussels calendar day. */
  issueDate: string;
  dueDate?: string;
  currency: "EUR";
  language: Lang;
  issuer: Issuer;
  customer: Party;
  /** BT-10, required by Peppol: the customer's reference, or the organisation id when none. */
  buyerReference: string;
  /** The structured communication's 12 digits ("123456789002"); displayed as +++123/4567/89002+++. */
  ogm: string;
  lines: DocumentLine[];
  vat: VatBreakdown[];
  netCents: number;
  vatCents: number;
  totalCents: number;
  /** Payments and credits already allocated; dueCents = totalCents − paidCents (never below 0). */
  paidCents: number;
  dueCents: number;
  /** Credit notes: the invoice they correct (BT-25, BT-26). */
  corrects?: { number: string; issueDate: string };
  /** Legal mentions printed on the document, already translated. */
  notes: string[];
}
