// Billing documents for the renderers' tests, built the way EN 16931 computes them (line net =
// quantity × price rounded to the cent, one VAT row per category and rate, VAT = base × rate
// rounded), so the official Schematron rules can check what the renderers write.
import type { BillingDocument, DocumentLine, DocumentType, Issuer, Party, VatBreakdown, VatCategory } from "../../../src/coop/invoices/model";
import { ogmFromBase } from "../../../src/coop/invoices/ogm";
import type { Lang } from "../../../src/lib/lang";

/** Half away from zero, integers only. */
function roundHalfAway(numerator: number, denominator: number): number {
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  return sign * Math.floor((2 * n + d) / (2 * d));
}

/** A Belgian enterprise number from its first 8 digits: 97 − (base mod 97). */
export function enterpriseNumber(base8: string): string {
  const check = 97 - (Number(base8) % 97);
  return base8 + String(check).padStart(2, "0");
}

export const issuer: Issuer = {
  legalName: "Cassiopea Hébergement SC",
  address: { street: "Rue de l’Étuve 52", postcode: "1000", city: "Bruxelles", countryCode: "BE" },
  enterpriseNumber: "0123456749",
  vatNumber: "BE0123456749",
  email: "facturation@cassiopea.coop",
  vatStatus: "registered",
  iban: "BE68539007547034",
  bic: "GKCCBEBB",
  paymentTermsDays: 30,
};

export const belgianCustomer: Party = {
  legalName: "Les Amis du Chat ASBL",
  address: { street: "Chaussée de Wavre 1", postcode: "1050", city: "Ixelles", countryCode: "BE" },
  enterpriseNumber: enterpriseNumber("04031707"),
  vatNumber: `BE${enterpriseNumber("04031707")}`,
  email: "tresorerie@amisduchat.be",
};

export const germanCustomer: Party = {
  legalName: "Katzenklappe Hosting eG",
  address: { street: "Oranienstraße 25", postcode: "10999", city: "Berlin", countryCode: "DE" },
  vatNumber: "DE123456789",
};

export const associationWithoutNumber: Party = {
  legalName: "Collectif de fait « Le Grenier »",
  address: { street: "Rue Haute 3", postcode: "1000", city: "Bruxelles", countryCode: "BE" },
  email: "grenier@example.org",
};

export interface LineInput {
  description: string;
  quantity: number;
  unitCode?: string;
  unitPriceCents: number;
  vatCategory: VatCategory;
  vatRatePercent?: number;
}

const REASONS: Record<Lang, Partial<Record<VatCategory, string>>> = {
  fr: {
    E: "Régime particulier de franchise des petites entreprises",
    AE: "Autoliquidation – article 196 de la directive 2006/112/CE",
    O: "Opération hors du champ d’application de la TVA (apport en capital)",
  },
  nl: {
    E: "Bijzondere vrijstellingsregeling kleine ondernemingen",
    AE: "Btw verlegd – artikel 196 van richtlijn 2006/112/EG",
    O: "Handeling buiten het toepassingsgebied van de btw (kapitaalinbreng)",
  },
  en: {
    E: "Small enterprise exemption scheme",
    AE: "Reverse charge – Article 196 of Directive 2006/112/EC",
    O: "Outside the scope of VAT (capital contribution)",
  },
};

export function line(input: LineInput): DocumentLine {
  const rate = input.vatRatePercent ?? (input.vatCategory === "S" ? 21 : 0);
  // quantity has up to 4 decimals: scale to an integer before multiplying.
  const q4 = Math.round(input.quantity * 10_000);
  return {
    description: input.description,
    quantity: input.quantity,
    unitCode: input.unitCode ?? "C62",
    unitPriceCents: input.unitPriceCents,
    vatCategory: input.vatCategory,
    vatRatePercent: rate,
    netCents: roundHalfAway(q4 * input.unitPriceCents, 10_000),
  };
}

export interface DocumentInput {
  type?: DocumentType;
  number?: string;
  language?: Lang;
  issuer?: Issuer;
  customer?: Party;
  lines: LineInput[];
  paidCents?: number;
  ogmBase?: number;
  notes?: string[];
  corrects?: { number: string; issueDate: string };
  buyerReference?: string;
}

export function makeDocument(input: DocumentInput): BillingDocument {
  const lang = input.language ?? "fr";
  const lines = input.lines.map(line);
  const groups = new Map<string, VatBreakdown>();
  for (const l of lines) {
    const key = `${l.vatCategory}:${l.vatRatePercent}`;
    const row = groups.get(key) ?? { category: l.vatCategory, ratePercent: l.vatRatePercent, taxableCents: 0, vatCents: 0 };
    row.taxableCents += l.netCents;
    groups.set(key, row);
  }
  const vat = [...groups.values()].map((row) => ({
    ...row,
    vatCents: roundHalfAway(row.taxableCents * row.ratePercent, 100),
    ...(REASONS[lang][row.category] ? { exemptionReason: REASONS[lang][row.category] } : {}),
  }));
  const netCents = lines.reduce((s, l) => s + l.netCents, 0);
  const vatCents = vat.reduce((s, r) => s + r.vatCents, 0);
  const totalCents = netCents + vatCents;
  const paidCents = input.paidCents ?? 0;
  const type = input.type ?? "invoice";
  const prefix = type === "credit_note" ? "NC" : type === "share_call" ? "PS" : "F";
  return {
    id: "inv_test0001",
    type,
    number: input.number ?? `${prefix}2027-000042`,
    issueDate: "2027-01-15",
    ...(type === "credit_note" ? {} : { dueDate: "2027-02-14" }),
    currency: "EUR",
    language: lang,
    issuer: input.issuer ?? issuer,
    customer: input.customer ?? belgianCustomer,
    buyerReference: input.buyerReference ?? "org_amisduchat",
    ogm: ogmFromBase(input.ogmBase ?? 2027000042),
    lines,
    vat,
    netCents,
    vatCents,
    totalCents,
    paidCents,
    dueCents: Math.max(0, totalCents - paidCents),
    ...(input.corrects ? { corrects: input.corrects } : {}),
    notes: input.notes ?? [],
  };
}
