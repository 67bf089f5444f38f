// The needs wizard's flat GET query (`mailbox_qty=12&mailbox_gb=2&budget=40,50&countries=BE…`) →
// the API's MatchRequest, validated by the same matchRequestSchema. Pure: no I/O, no rendering.
// The raw values are kept as typed so that the form can show them back, even when invalid.
import { z } from "zod";
import type { FeatureCode } from "../catalog/features";
import type { LegalForm } from "../catalog/model";
import type { FieldError } from "../lib/problem";
import { KEEP_DNS_WITH, matchRequestSchema, NETWORKS, type MatchRequest, type MatchRequestInput } from "./needs";
import { CRITERIA, type Criterion } from "./types";

/** The services Cassiopea's members have to move, in the wizard's order. */
export const MATCH_KINDS = ["web_hosting", "mailbox", "mail_alias", "mailing_list", "domain_registration", "dns_hosting", "cloud_storage"] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** A few features worth asking for, per kind (the checkboxes): codes of the shared vocabulary
 *  (src/catalog/features.ts), which the type and tests/catalog/features.test.ts hold to. */
export const KIND_FEATURES: Record<MatchKind, readonly FeatureCode[]> = {
  web_hosting: ["php", "mysql", "wordpress", "custom_domain", "daily_backups"],
  mailbox: ["imap", "webmail", "smtp_submission", "antispam", "caldav", "carddav"],
  mail_alias: ["forwarding", "custom_domain"],
  mailing_list: ["moderation", "archives", "web_interface", "digest"],
  domain_registration: ["tld_be", "tld_eu", "tld_org", "transfer", "dnssec"],
  dns_hosting: ["dnssec", "secondary_dns", "ipv6"],
  cloud_storage: ["webdav", "sharing", "caldav", "carddav", "desktop_sync", "office_online"],
};
/** Kinds where "storage each" makes sense. */
export const KIND_STORAGE: ReadonlySet<MatchKind> = new Set(["web_hosting", "mailbox", "cloud_storage"]);
export const COUNTRY_CHOICES = ["BE", "FR", "NL", "LU", "DE", "CH"] as const;
export const LANGUAGE_CHOICES = ["fr", "nl", "en", "de"] as const;
/** Set by a hidden field: tells "checkbox unticked" from "first visit". */
export const SUBMITTED = "submitted";

const WEIGHT_DEFAULTS: Record<Criterion, number> = { price: 4, providers: 2, commitments: 1, proximity: 1, language: 1, software: 1 };
export const weightDefault = (c: Criterion) => WEIGHT_DEFAULTS[c];
export const LIMIT_DEFAULT = 5;

export interface KindValues {
  qty: string;
  gb: string;
  subscribers: string;
  features: string[];
  software: string;
}

/** The form's values as typed (strings), shown back in the form. */
export interface MatchFormValues {
  submitted: boolean;
  kinds: Record<MatchKind, KindValues>;
  budget: string;
  countries: string[];
  languages: string[];
  networks: string[];
  /** The providers' allowed legal forms (LEGAL_FORMS); none ticked: any. */
  legal_forms: string[];
  free_software: boolean;
  accepting: boolean;
  /** Where the DNS must stay: "" (anywhere), "domain" or "mail" (KEEP_DNS_WITH). */
  dns_with: string;
  /** Rank pay-what-you-want offers as free (else at their suggested or minimum amount). */
  pwyw_free: boolean;
  weights: Record<Criterion, string>;
  limit: string;
}

export type MatchFormResult =
  | { ok: true; values: MatchFormValues; request: MatchRequest; kinds: MatchKind[] }
  | { ok: false; values: MatchFormValues; reason: "empty" | "invalid"; errors: FieldError[] };

type Query = Record<string, string[] | undefined>;

const first = (q: Query, name: string) => (q[name] ?? []).find((v) => v.trim() !== "")?.trim() ?? "";
const all = (q: Query, name: string) => [...new Set((q[name] ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean))];

export function readValues(q: Query): MatchFormValues {
  const submitted = (q[SUBMITTED] ?? []).length > 0;
  const kinds = Object.fromEntries(
    MATCH_KINDS.map((k) => [k, { qty: first(q, `${k}_qty`), gb: first(q, `${k}_gb`), subscribers: first(q, `${k}_subscribers`), features: all(q, `${k}_features`), software: first(q, `${k}_software`) }]),
  ) as Record<MatchKind, KindValues>;
  const weights = Object.fromEntries(CRITERIA.map((c) => [c, first(q, `w_${c}`)])) as Record<Criterion, string>;
  return {
    submitted,
    kinds,
    budget: first(q, "budget"),
    countries: all(q, "countries"),
    languages: all(q, "languages"),
    networks: all(q, "networks"),
    legal_forms: all(q, "legal_forms"),
    free_software: (q.free_software ?? []).length > 0,
    // Ticked by default: only a submitted form without it means "any provider".
    accepting: submitted ? (q.accepting ?? []).length > 0 : true,
    dns_with: first(q, "dns_with"),
    pwyw_free: (q.pwyw_free ?? []).length > 0,
    weights,
    limit: first(q, "limit"),
  };
}

const wholeNumber = z.string().regex(/^\d{1,7}$/, "a whole number such as 3").transform(Number);
const decimal = z.string().regex(/^\d{1,6}([.,]\d{1,2})?$/, "a number such as 2 or 2.5").transform((s) => Number(s.replace(",", ".")));
/** Euros as people type them ("40", "40.5", "40,50") → integer cents, without floats. */
const euros = z
  .string()
  .regex(/^\d{1,6}([.,]\d{1,2})?$/, "an amount in euros such as 40.50")
  .transform((s) => {
    const [whole = "0", frac = ""] = s.split(/[.,]/);
    return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  });

/** The query → a validated MatchRequest, or the form fields that are wrong. */
export function parseMatchForm(q: Query): MatchFormResult {
  const values = readValues(q);
  const errors: FieldError[] = [];
  function read<T>(field: string, schema: z.ZodType<T, string>, raw: string): T | null {
    if (raw === "") return null;
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    errors.push({ field, message: r.error.issues[0]?.message ?? "invalid" });
    return null;
  }

  const kinds: MatchKind[] = [];
  const needs: MatchRequestInput["needs"] = [];
  for (const k of MATCH_KINDS) {
    const v = values.kinds[k];
    const qty = read(`${k}_qty`, wholeNumber, v.qty);
    const gb = KIND_STORAGE.has(k) ? read(`${k}_gb`, decimal, v.gb) : null;
    const subscribers = k === "mailing_list" ? read(`${k}_subscribers`, wholeNumber, v.subscribers) : null;
    if (!qty) continue;
    kinds.push(k);
    needs.push({ service: k, quantity: qty, storage_gb: gb, subscribers, features: v.features, software: v.software || null });
  }
  const weights = Object.fromEntries(CRITERIA.flatMap((c) => {
    const w = read(`w_${c}`, decimal, values.weights[c]);
    return w === null ? [] : [[c, w]];
  }));
  const input: MatchRequestInput = {
    needs,
    constraints: {
      budget_monthly_cents: read("budget", euros, values.budget),
      hosting_countries: values.countries,
      support_languages: values.languages,
      free_software_only: values.free_software,
      networks: values.networks as (typeof NETWORKS)[number][],
      accepting_only: values.accepting,
      legal_forms: values.legal_forms as LegalForm[],
      // An unknown value reaches the schema, which names the field.
      keep_dns_with: values.dns_with === "" ? null : (values.dns_with as (typeof KEEP_DNS_WITH)[number]),
      pwyw_as_free: values.pwyw_free,
    },
    weights,
    limit: read("limit", wholeNumber, values.limit) ?? LIMIT_DEFAULT,
  };
  if (errors.length) return { ok: false, values, reason: "invalid", errors };
  if (needs.length === 0) return { ok: false, values, reason: "empty", errors: [] };
  const parsed = matchRequestSchema.safeParse(input);
  if (!parsed.success) {
    const mapped = parsed.error.issues.map((i) => ({ field: formField(i.path, kinds), message: i.message }));
    return { ok: false, values, reason: "invalid", errors: dedupe(mapped) };
  }
  return { ok: true, values, request: parsed.data, kinds };
}

const NEED_FIELDS: Record<string, string> = { quantity: "qty", storage_gb: "gb", subscribers: "subscribers", features: "features", software: "software" };
const CONSTRAINT_FIELDS: Record<string, string> = {
  budget_monthly_cents: "budget",
  hosting_countries: "countries",
  support_languages: "languages",
  networks: "networks",
  free_software_only: "free_software",
  accepting_only: "accepting",
  legal_forms: "legal_forms",
  keep_dns_with: "dns_with",
  pwyw_as_free: "pwyw_free",
};

/** A zod path in the MatchRequest → the form field that fed it. */
export function formField(path: readonly PropertyKey[], kinds: readonly MatchKind[]): string {
  const [head, a, b] = path.map(String);
  if (head === "needs" && a !== undefined) {
    const kind = kinds[Number(a)];
    return kind && b && NEED_FIELDS[b] ? `${kind}_${NEED_FIELDS[b]}` : "needs";
  }
  if (head === "constraints" && a) return CONSTRAINT_FIELDS[a] ?? a;
  if (head === "weights") return a ? `w_${a}` : "weights";
  return head ?? "form";
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.field) && seen.add(e.field));
}

/** The comparison page for a bundle's offers (the comparison shows at most `max`). */
export function compareHref(offerIds: readonly string[], max: number): string {
  return `/compare?offers=${encodeURIComponent(offerIds.slice(0, max).join(","))}`;
}
