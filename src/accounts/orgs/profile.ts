// The member-space profile form: raw form fields in, a normalised profile or per-field error codes
// out (the page translates them next to each field). Pure.
import { z } from "zod";
import { LANGS, type Lang } from "../../lib/lang";
import { normaliseCompanyNumber } from "./company-number";
import { isCountryCode } from "./countries";
import { formText } from "../../lib/form";

export const PROFILE_FIELDS = [
  "legal_name",
  "company_number",
  "street",
  "postcode",
  "city",
  "country",
  "contact_name",
  "contact_email",
  "contact_phone",
  "language",
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export type ProfileErrorCode = "too_long" | "control_chars" | "company_number" | "postcode" | "country" | "email" | "phone" | "language";

/** What organisations store; empty optional fields are null. */
export interface Profile {
  legalName: string | null;
  companyNumber: string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  countryCode: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  language: Lang;
}

export type ProfileValues = Record<ProfileField, string>;
export type ProfileResult = { ok: true; profile: Profile } | { ok: false; errors: Partial<Record<ProfileField, ProfileErrorCode>>; values: ProfileValues };

// Single-line fields: no control characters (C0, DEL, C1) nor line/paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "too_long")
    .refine((s) => !CONTROL.test(s), "control_chars")
    .transform((s) => (s === "" ? null : s));

/** Digits with the usual separators and an optional leading +; between 6 and 20 digits. */
const PHONE = /^\+?[0-9 ().\/-]+$/;

const schema = z
  .object({
    legal_name: text(200),
    company_number: text(40).refine((s) => s === null || normaliseCompanyNumber(s).ok, "company_number"),
    street: text(200),
    postcode: text(16),
    city: text(120),
    country: text(60)
      .transform((s) => s?.toUpperCase() ?? null)
      .refine((s) => s === null || isCountryCode(s), "country"),
    contact_name: text(200),
    contact_email: text(254).refine((s) => s === null || z.email().safeParse(s).success, "email"),
    contact_phone: text(40).refine((s) => s === null || (PHONE.test(s) && digits(s) >= 6 && digits(s) <= 20), "phone"),
    language: z.enum(LANGS, "language"),
  })
  .superRefine((p, ctx) => {
    // Belgian postcodes are four digits, 1000–9999; elsewhere letters, digits, spaces and dashes.
    if (p.postcode === null) return;
    const ok = p.country === "BE" ? /^[1-9]\d{3}$/.test(p.postcode) : /^[0-9A-Za-z][0-9A-Za-z -]*$/.test(p.postcode);
    if (!ok) ctx.addIssue({ code: "custom", path: ["postcode"], message: "postcode" });
  });

const digits = (s: string) => s.replace(/\D/g, "").length;

/** The form's fields as strings, for re-displaying what was typed. */
export function profileValues(form: Record<string, unknown>): ProfileValues {
  const values = {} as ProfileValues;
  for (const f of PROFILE_FIELDS) values[f] = formText(form[f], 1000);
  return values;
}

export function validateProfile(form: Record<string, unknown>): ProfileResult {
  const values = profileValues(form);
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const errors: Partial<Record<ProfileField, ProfileErrorCode>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as ProfileField;
      // The first problem of each field is the one to fix first.
      if (!errors[field]) errors[field] = (isCode(issue.message) ? issue.message : fallbackCode(field)) as ProfileErrorCode;
    }
    return { ok: false, errors, values };
  }
  const p = parsed.data;
  const company = p.company_number === null ? null : normaliseCompanyNumber(p.company_number);
  return {
    ok: true,
    profile: {
      legalName: p.legal_name,
      companyNumber: company && company.ok ? company.value : null,
      street: p.street,
      postcode: p.postcode === null ? null : p.country === "BE" ? p.postcode : p.postcode.toUpperCase(),
      city: p.city,
      countryCode: p.country,
      contactName: p.contact_name,
      contactEmail: p.contact_email?.toLowerCase() ?? null,
      contactPhone: p.contact_phone,
      language: p.language,
    },
  };
}

const CODES: readonly string[] = ["too_long", "control_chars", "company_number", "postcode", "country", "email", "phone", "language"];
const isCode = (m: string) => CODES.includes(m);
/** A zod message of its own (a type mismatch): name the field's usual problem. */
function fallbackCode(field: ProfileField): ProfileErrorCode {
  return field === "language" ? "language" : field === "country" ? "country" : "too_long";
}
