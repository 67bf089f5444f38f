// The cooperative's billing identity as input: legal name, address, enterprise number, VAT status,
// IBAN and BIC (checked by ibantools), payment terms, default language. Pure: the settings page and
// the API read their input through `checkIssuer`, which names each field at fault.
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from "ibantools";
import { normaliseCompanyNumber } from "../../accounts/orgs/company-number";
import { isLang, type Lang } from "../../lib/lang";
import type { FieldError } from "../../lib/problem";

export const ISSUER_FIELDS = ["legal_name", "enterprise_number", "street", "postcode", "city", "country_code", "vat_status", "iban", "bic", "payment_terms_days", "language", "email"] as const;
export type IssuerField = (typeof ISSUER_FIELDS)[number];
export type IssuerValues = Record<IssuerField, string>;

export interface IssuerInput {
  legalName: string;
  /** `BE0123456749`, as organisations store company numbers. */
  companyNumber: string;
  street: string;
  postcode: string;
  city: string;
  countryCode: string;
  vatStatus: "registered" | "franchise";
  iban: string;
  bic: string;
  paymentTermsDays: number;
  language: Lang;
  email: string | null;
}

export type IssuerErrorCode = "required" | "too_long" | "enterprise_number" | "postcode" | "country" | "vat_status" | "iban" | "bic" | "terms" | "language" | "email";

const text = (v: unknown) => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");

export function checkIssuer(raw: Record<string, unknown>): { ok: true; input: IssuerInput } | { ok: false; errors: { field: IssuerField; code: IssuerErrorCode }[]; values: IssuerValues } {
  const values = Object.fromEntries(ISSUER_FIELDS.map((f) => [f, text(raw[f]).slice(0, 300)])) as IssuerValues;
  const errors: { field: IssuerField; code: IssuerErrorCode }[] = [];
  const need = (f: IssuerField, max: number) => {
    if (!values[f]) errors.push({ field: f, code: "required" });
    else if (values[f].length > max) errors.push({ field: f, code: "too_long" });
  };
  need("legal_name", 200);
  need("street", 200);
  need("postcode", 12);
  need("city", 100);
  const company = values.enterprise_number ? normaliseCompanyNumber(values.enterprise_number) : { ok: false as const };
  if (!values.enterprise_number) errors.push({ field: "enterprise_number", code: "required" });
  else if (!company.ok || company.country !== "BE") errors.push({ field: "enterprise_number", code: "enterprise_number" });
  const country = (values.country_code || "BE").toUpperCase();
  if (country !== "BE") errors.push({ field: "country_code", code: "country" });
  if (values.postcode && country === "BE" && !/^[1-9]\d{3}$/.test(values.postcode)) errors.push({ field: "postcode", code: "postcode" });
  if (values.vat_status !== "registered" && values.vat_status !== "franchise") errors.push({ field: "vat_status", code: "vat_status" });
  const iban = electronicFormatIBAN(values.iban) ?? "";
  if (!values.iban) errors.push({ field: "iban", code: "required" });
  else if (!isValidIBAN(iban)) errors.push({ field: "iban", code: "iban" });
  const bic = values.bic.replace(/\s/g, "").toUpperCase();
  if (!values.bic) errors.push({ field: "bic", code: "required" });
  else if (!isValidBIC(bic)) errors.push({ field: "bic", code: "bic" });
  const terms = values.payment_terms_days === "" ? 30 : Number(values.payment_terms_days);
  if (!Number.isInteger(terms) || terms < 0 || terms > 120) errors.push({ field: "payment_terms_days", code: "terms" });
  const language = values.language || "fr";
  if (!isLang(language)) errors.push({ field: "language", code: "language" });
  if (values.email && (values.email.length > 200 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email))) errors.push({ field: "email", code: "email" });
  if (errors.length > 0 || !company.ok) return { ok: false, errors, values };
  return {
    ok: true,
    input: {
      legalName: values.legal_name,
      companyNumber: company.value,
      street: values.street,
      postcode: values.postcode,
      city: values.city,
      countryCode: country,
      vatStatus: values.vat_status as IssuerInput["vatStatus"],
      iban,
      bic,
      paymentTermsDays: terms,
      language: language as Lang,
      email: values.email || null,
    },
  };
}

/** Field errors as the API names them. */
export const issuerFieldErrors = (errors: { field: IssuerField; code: IssuerErrorCode }[]): FieldError[] => errors.map((e) => ({ field: e.field, message: e.code }));
