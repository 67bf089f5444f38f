// The /coop pledge form ↔ the pledge: posted text → the API's shape (quantities and euros parsed
// here), then the one schema of model.ts; its errors → the form's field ids and translated messages.
// Also the viability settings form. Pure.
import type { MessageKey } from "../../../web/i18n";
import { formList, formText } from "../../lib/form";
import { euroCents } from "../invoices/form";
import { MAX_QUANTITY, PLEDGE_ROLES, PLEDGE_SERVICES, ROLE_MESSAGES, pledgeInputSchema, type PledgeInput, type PledgeService } from "./model";
import { settingsInputSchema, type SettingsInput } from "./settings";

type Body = Record<string, unknown>;

export interface PledgeFormValues {
  name: string;
  email: string;
  organisation: string;
  roles: string[];
  services: Partial<Record<PledgeService, string>>;
  monthly: string;
  capital: string;
  skills: string;
  language: string;
}

export interface FormError {
  /** The control's id on the page (`service-mailbox`, `monthly`, `roles`…). */
  field: string;
  key: MessageKey;
}

export const serviceFieldId = (kind: PledgeService) => `service-${kind}`;

export function pledgeFormValues(body: Body): PledgeFormValues {
  return {
    name: formText(body.name, 200),
    email: formText(body.email, 320),
    organisation: formText(body.organisation, 200),
    roles: formList(body.roles, 5, 20),
    services: Object.fromEntries(PLEDGE_SERVICES.map((k) => [k, formText(body[`service_${k}`], 12).trim()])),
    monthly: formText(body.monthly, 20).trim(),
    capital: formText(body.capital, 20).trim(),
    skills: formText(body.skills, 2001),
    language: formText(body.language, 5),
  };
}

const FIELD_OF: Record<string, string> = { monthly_cents: "monthly", capital_cents: "capital" };
const DEFAULT_KEY: Record<string, MessageKey> = {
  name: "coop.error.name",
  email: "coop.error.email",
  organisation: "coop.error.organisation",
  roles: "coop.error.roles",
  services: "coop.error.not_client",
  monthly: "coop.error.amount",
  capital: "coop.error.amount",
  skills: "coop.error.skills",
  language: "coop.error.language",
};
const KEY_OF_MESSAGE = new Map<string, MessageKey>(Object.entries(ROLE_MESSAGES).map(([k, m]) => [m, `coop.error.${k === "duplicate_service" ? "quantity" : k}` as MessageKey]));

/** The form read, checked and turned into a pledge; or its values (to show again) and the errors by field. */
export function readPledgeForm(body: Body): { values: PledgeFormValues; ok: true; input: PledgeInput } | { values: PledgeFormValues; ok: false; errors: FormError[] } {
  const values = pledgeFormValues(body);
  const errors: FormError[] = [];
  const services: { service: PledgeService; quantity: number }[] = [];
  for (const kind of PLEDGE_SERVICES) {
    const text = values.services[kind] ?? "";
    if (!text) continue;
    const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
    if (!(n >= 1 && n <= MAX_QUANTITY)) errors.push({ field: serviceFieldId(kind), key: "coop.error.quantity" });
    else services.push({ service: kind, quantity: n });
  }
  const amount = (text: string, field: string) => {
    if (!text) return undefined;
    const cents = euroCents(text);
    if (cents === null) errors.push({ field, key: "coop.error.amount" });
    return cents ?? undefined;
  };
  const raw = {
    name: values.name,
    email: values.email,
    organisation: values.organisation,
    roles: values.roles.filter((r) => (PLEDGE_ROLES as readonly string[]).includes(r)),
    services,
    monthly_cents: amount(values.monthly, "monthly"),
    capital_cents: amount(values.capital, "capital"),
    skills: values.skills,
    language: values.language || undefined,
  };
  const parsed = pledgeInputSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index] = issue.path;
      const field = head === "services" && typeof index === "number" ? serviceFieldId(services[index]!.service) : (FIELD_OF[String(head)] ?? String(head));
      if (errors.some((e) => e.field === field)) continue; // the first problem of a field is the one said
      errors.push({ field, key: KEY_OF_MESSAGE.get(issue.message) ?? DEFAULT_KEY[field] ?? (head === "services" ? "coop.error.quantity" : "coop.error.amount") });
    }
  }
  if (errors.length || !parsed.success) return { values, ok: false, errors };
  return { values, ok: true, input: parsed.data };
}

// ── Settings form ──────────────────────────────────────────────────────────────────────────────
export interface SettingsFormValues {
  fixed_monthly: string;
  costs: Partial<Record<PledgeService, string>>;
  target_capital: string;
  opens_on: string;
}

export const costFieldId = (kind: PledgeService) => `cost-${kind}`;

export function readSettingsForm(body: Body): { values: SettingsFormValues; ok: true; input: SettingsInput } | { values: SettingsFormValues; ok: false; errors: FormError[] } {
  const values: SettingsFormValues = {
    fixed_monthly: formText(body.fixed_monthly, 20).trim(),
    costs: Object.fromEntries(PLEDGE_SERVICES.map((k) => [k, formText(body[`cost_${k}`], 20).trim()])),
    target_capital: formText(body.target_capital, 20).trim(),
    opens_on: formText(body.opens_on, 20).trim(),
  };
  const errors: FormError[] = [];
  const cents = (text: string, field: string) => {
    if (!text) return 0;
    const c = euroCents(text);
    if (c === null) errors.push({ field, key: "coop.error.amount" });
    return c ?? 0;
  };
  const costs: Partial<Record<PledgeService, number>> = {};
  for (const k of PLEDGE_SERVICES) {
    const c = cents(values.costs[k] ?? "", costFieldId(k));
    if (c > 0) costs[k] = c;
  }
  const raw = { fixed_monthly_cents: cents(values.fixed_monthly, "fixed_monthly"), cost_per_unit_cents: costs, target_capital_cents: cents(values.target_capital, "target_capital"), opens_on: values.opens_on || null };
  const parsed = settingsInputSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, kind] = issue.path;
      const field = head === "cost_per_unit_cents" ? costFieldId(kind as PledgeService) : head === "opens_on" ? "opens_on" : String(head).replace(/_cents$/, "");
      if (!errors.some((e) => e.field === field)) errors.push({ field, key: head === "opens_on" ? "coop.error.date" : "coop.error.amount" });
    }
  }
  if (errors.length || !parsed.success) return { values, ok: false, errors };
  return { values, ok: true, input: parsed.data };
}

/** Stored settings → the form's text (euros with a comma). */
export function settingsFormValues(s: { fixedMonthlyCents: number; costPerUnitCents: Partial<Record<PledgeService, number>>; targetCapitalCents: number; opensOn: string | null }): SettingsFormValues {
  const euros = (c: number | undefined) => (c ? `${Math.floor(c / 100)},${String(c % 100).padStart(2, "0")}` : "");
  return {
    fixed_monthly: euros(s.fixedMonthlyCents),
    costs: Object.fromEntries(PLEDGE_SERVICES.map((k) => [k, euros(s.costPerUnitCents[k])])),
    target_capital: euros(s.targetCapitalCents),
    opens_on: s.opensOn ?? "",
  };
}
