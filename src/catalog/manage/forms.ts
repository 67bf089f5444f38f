// Plain HTML forms ⇄ domain inputs. Pure: the submitted strings and the current input in, the
// proposed input or the fields at fault (named as the form names them) out.
import { z } from "zod";
import type { FieldError } from "../../lib/problem";
import { ruleOf } from "../../lib/field-rule";
import { FEATURE_ERROR_PREFIX } from "../features";
import { checkedOfferInputSchema, providerInputSchema, type OfferInput, type ProviderInput } from "../model";
import type { OfferProposal } from "./offers.service";

export type FormValues = Record<string, string>;
export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const blank = (v: string | undefined) => v === undefined || v.trim() === "";
const textOrNull = (v: string | undefined) => (blank(v) ? null : v!.trim());
const list = (v: string | undefined) => (v ?? "").split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
/** Free tags: comma-separated words or phrases, as written. */
const tagList = (v: string | undefined) => [...new Set((v ?? "").split(/[,\r\n]+/).map((s) => s.trim().replace(/\s+/g, " ")).filter(Boolean))];

/** A number as typed, or a marker the schema rejects with the field's name. */
function num(v: string | undefined): number | null | string {
  if (blank(v)) return null;
  const n = Number(v!.trim().replace(",", "."));
  return Number.isFinite(n) ? n : v!;
}

/** Euros as people type them ("4", "4.5", "4,50") → integer cents, without floats; NaN when not a price. */
export function eurosToCents(v: string | undefined): number {
  if (blank(v)) return 0;
  const m = /^(\d{1,6})(?:[.,](\d{1,2}))?$/.exec(v!.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

export const centsToEuros = (cents: number) => (cents % 100 === 0 ? String(cents / 100) : `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, "0")}`);

function errorsOf(error: z.ZodError, rename: (path: string) => string): FieldError[] {
  const seen = new Set<string>();
  return error.issues.flatMap((i) => {
    const field = rename(i.path.map(String).join("."));
    if (seen.has(field)) return [];
    seen.add(field);
    const rule = ruleOf(i, FEATURE_ERROR_PREFIX);
    return [{ field, message: i.message, ...(rule ? { rule } : {}) }];
  });
}

// ── Provider profile ─────────────────────────────────────────────────────────────────────────

export const PROVIDER_FORM_FIELDS = [
  "name", "description", "legal_form", "website", "contact_url", "contact_email", "country_code", "address", "languages",
  "accepting_members", "capacity", "hardware_hosting", "network_chatons", "network_chatons_since", "network_librehosters",
  "network_librehosters_since", "commitments",
] as const;

/** The networks a provider ticks on its form; memberships of other networks (imported) are kept as they are. */
export const FORM_NETWORKS = ["chatons", "librehosters"] as const;

/** The form's network checkboxes over the current memberships, in their order: an active membership
 * stays while ticked (with the date typed), ticking adds one, and imported memberships of other
 * networks or other statuses are kept as they are — so an unchanged form changes nothing. */
function membershipsFrom(form: FormValues, base: ProviderInput["memberships"]): unknown[] {
  const isFormNetwork = (n: string) => (FORM_NETWORKS as readonly string[]).includes(n);
  const ticked = new Set<string>(FORM_NETWORKS.filter((n) => form[`network_${n}`] === "on"));
  const since = (n: string) => textOrNull(form[`network_${n}_since`]);
  const out: unknown[] = [];
  for (const m of base) {
    if (!isFormNetwork(m.network) || m.status !== "ACTIVE") {
      if (!(isFormNetwork(m.network) && ticked.has(m.network))) out.push(m);
    } else if (ticked.has(m.network)) {
      out.push({ ...m, since: since(m.network) });
      ticked.delete(m.network);
    }
  }
  for (const network of ticked) out.push({ network, status: "ACTIVE", since: since(network), until: null });
  return out;
}

/** One commitment a line: `Charter name | https://where.it/is/shown` (the link is optional). */
export function parseCommitments(text: string | undefined): { charter: string; evidence_url: string | null }[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const bar = line.lastIndexOf("|");
      return bar < 0 ? { charter: line, evidence_url: null } : { charter: line.slice(0, bar).trim(), evidence_url: textOrNull(line.slice(bar + 1)) };
    });
}

const formatCommitments = (cs: ProviderInput["commitments"]) => cs.map((c) => (c.evidence_url ? `${c.charter} | ${c.evidence_url}` : c.charter)).join("\n");

/** The form's fields over `base` (the current profile, or the defaults for a new one). */
export function parseProviderForm(form: FormValues, base: ProviderInput | null): FormResult<ProviderInput> {
  const input = {
    ...(base ?? {}),
    name: form.name ?? "",
    description: form.description ?? "",
    legal_form: blank(form.legal_form) ? "OTHER" : form.legal_form,
    website: textOrNull(form.website),
    contact_url: textOrNull(form.contact_url),
    contact_email: textOrNull(form.contact_email),
    country_code: blank(form.country_code) ? null : form.country_code!.trim().toUpperCase(),
    address: textOrNull(form.address),
    languages: list(form.languages).map((l) => l.toLowerCase()),
    accepting_members: form.accepting_members === "on" || form.accepting_members === "true",
    capacity: num(form.capacity),
    hardware_hosting: textOrNull(form.hardware_hosting),
    memberships: membershipsFrom(form, base?.memberships ?? []),
    commitments: parseCommitments(form.commitments),
  };
  const parsed = providerInputSchema.safeParse(input);
  // A membership's error is about the date typed next to its network's checkbox.
  const rename = (path: string) => {
    const [head = path, index] = path.split(".");
    if (head !== "memberships") return head;
    const network = (input.memberships[Number(index)] as { network?: string } | undefined)?.network;
    return network && (FORM_NETWORKS as readonly string[]).includes(network) ? `network_${network}_since` : head;
  };
  if (!parsed.success) return { ok: false, errors: errorsOf(parsed.error, rename) };
  return { ok: true, value: parsed.data };
}

export function providerFormValues(p: ProviderInput): FormValues {
  return {
    name: p.name,
    description: p.description,
    legal_form: p.legal_form,
    website: p.website ?? "",
    contact_url: p.contact_url ?? "",
    contact_email: p.contact_email ?? "",
    country_code: p.country_code ?? "",
    address: p.address ?? "",
    languages: p.languages.join(", "),
    accepting_members: p.accepting_members ? "on" : "",
    capacity: p.capacity === null ? "" : String(p.capacity),
    hardware_hosting: p.hardware_hosting ?? "",
    ...Object.fromEntries(
      FORM_NETWORKS.flatMap((n) => {
        const m = p.memberships.find((x) => x.network === n && x.status === "ACTIVE");
        return [
          [`network_${n}`, m ? "on" : ""],
          [`network_${n}_since`, m?.since ?? ""],
        ];
      }),
    ),
    commitments: formatCommitments(p.commitments),
  };
}

// ── Offers ───────────────────────────────────────────────────────────────────────────────────

export const QUOTA_FIELDS = ["storage_gb", "mailboxes", "aliases", "lists", "subscribers", "domains"] as const;

/** Schema paths → the form's field names. */
function offerField(path: string): string {
  const [head = "", sub = ""] = path.split(".");
  if (head === "software") return `software_${sub}`;
  if (head === "pricing") return sub === "amount_cents" ? "amount" : sub === "setup_fee_cents" ? "setup_fee" : sub === "model" ? "pricing_model" : sub;
  if (head === "quotas") return `quota_${sub}`;
  return head;
}

export function parseOfferForm(form: FormValues, base: OfferProposal | null): FormResult<OfferProposal> {
  const amount = eurosToCents(form.amount);
  const setup = eurosToCents(form.setup_fee);
  const money: FieldError[] = [
    ...(Number.isNaN(amount) ? [{ field: "amount", message: "an amount in euros such as 4.50", rule: { kind: "money" as const } }] : []),
    ...(Number.isNaN(setup) ? [{ field: "setup_fee", message: "an amount in euros such as 4.50", rule: { kind: "money" as const } }] : []),
  ];
  const software = base?.software ?? { name: null, website: null, license: null, license_url: null, version: null, source_url: null, modules: [] };
  const input = {
    ...(base ?? {}),
    key: "form",
    service: (form.service ?? "").trim(),
    name: form.name ?? "",
    description: form.description ?? "",
    website: textOrNull(form.website),
    software: { ...software, name: textOrNull(form.software_name), license: textOrNull(form.software_license) },
    // The ticked checkboxes (the page joins them with commas); each must be a code of the chosen kind.
    features: [...new Set(list(form.features).map((f) => f.toLowerCase()))],
    tags: tagList(form.tags),
    quotas: Object.fromEntries(QUOTA_FIELDS.map((q) => [q, num(form[`quota_${q}`])])),
    registration: blank(form.registration) ? "Free" : form.registration,
    load: blank(form.load) ? "OPEN" : form.load,
    pricing: {
      model: blank(form.pricing_model) ? "free" : form.pricing_model,
      amount_cents: Number.isNaN(amount) ? 0 : amount,
      currency: "EUR",
      period: blank(form.period) ? "month" : form.period,
      unit: blank(form.unit) ? "flat" : form.unit,
      setup_fee_cents: Number.isNaN(setup) ? 0 : setup,
    },
    hosting_country: blank(form.hosting_country) ? null : form.hosting_country!.trim().toUpperCase(),
    status: "published",
  };
  const parsed = checkedOfferInputSchema.safeParse(input);
  const errors = [...money, ...(parsed.success ? [] : errorsOf(parsed.error, offerField))];
  if (errors.length || !parsed.success) return { ok: false, errors };
  const { key: _k, status: _s, ...proposal } = parsed.data;
  return { ok: true, value: proposal };
}

export function offerFormValues(o: OfferProposal | OfferInput): FormValues {
  return {
    service: o.service,
    name: o.name,
    description: o.description,
    website: o.website ?? "",
    software_name: o.software.name ?? "",
    software_license: o.software.license ?? "",
    features: o.features.join(","),
    tags: o.tags.join(", "),
    ...Object.fromEntries(QUOTA_FIELDS.map((q) => [`quota_${q}`, o.quotas[q] === null ? "" : String(o.quotas[q])])),
    registration: o.registration,
    load: o.load,
    pricing_model: o.pricing.model,
    amount: centsToEuros(o.pricing.amount_cents),
    period: o.pricing.period,
    unit: o.pricing.unit,
    setup_fee: centsToEuros(o.pricing.setup_fee_cents),
    hosting_country: o.hosting_country ?? "",
  };
}
