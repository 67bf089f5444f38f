// Which parts of a provider's edit wait for a steward. Pure: current and proposed input in, the
// changed field paths out, split into material (moderated) and immediate (applied at once).
import type { OfferInput, ProviderInput } from "../model";

/** What a member relies on to trust a provider: who it is, where, how to reach it, what it signed. */
export const MATERIAL_PROVIDER_FIELDS = ["name", "legal_form", "country_code", "website", "contact_email", "memberships", "commitments"] as const;
/** What a member compares and pays for, and where the offer sends them (its website). */
export const MATERIAL_OFFER_FIELDS = ["service", "name", "website", "pricing", "quotas", "features", "software.name", "software.license", "hosting_country"] as const;

/** Provider fields a provider may edit (is_demo is the platform's, not theirs). */
export const PROVIDER_FIELDS = [
  "name", "description", "legal_form", "status", "founded_on", "website", "logo_url", "contact_url", "contact_email", "legal_url",
  "user_guide_url", "technical_guide_url", "country_code", "address", "latitude", "longitude", "languages", "memberships",
  "commitments", "hardware_hosting", "accepting_members", "capacity", "funding", "social",
] as const;
/** Offer fields a provider may edit (key is its identity; status changes through archive / un-archive). */
export const OFFER_FIELDS = [
  "service", "name", "description", "website", "software.name", "software.website", "software.license", "software.license_url",
  "software.version", "software.source_url", "software.modules", "features", "tags", "quotas", "registration", "load", "pricing",
  "hosting_country", "hardware_hosting", "started_on",
] as const;

export interface Classified {
  material: string[];
  immediate: string[];
}

/** The value at a dotted path (`software.name`). */
export function getPath(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const part of path.split(".")) v = v && typeof v === "object" ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** A copy of `obj` with the value at a dotted path replaced. */
export function setPath<T>(obj: T, path: string, value: unknown): T {
  const [head = "", ...rest] = path.split(".");
  const base = (obj ?? {}) as Record<string, unknown>;
  return { ...base, [head]: rest.length ? setPath(base[head], rest.join("."), value) : value } as T;
}

/** Stable comparison of JSON-ish values: key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}
function canonical(v: unknown): string {
  if (v === undefined) return "null";
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

export function changedFields<T>(current: T, proposed: T, fields: readonly string[]): string[] {
  return fields.filter((f) => !sameValue(getPath(current, f), getPath(proposed, f)));
}

function classify(changed: string[], material: readonly string[]): Classified {
  return { material: changed.filter((f) => material.includes(f)), immediate: changed.filter((f) => !material.includes(f)) };
}

export function classifyProviderChange(current: ProviderInput, proposed: ProviderInput): Classified {
  return classify(changedFields(current, proposed, PROVIDER_FIELDS), MATERIAL_PROVIDER_FIELDS);
}

export function classifyOfferChange(current: OfferInput, proposed: OfferInput): Classified {
  return classify(changedFields(current, proposed, OFFER_FIELDS), MATERIAL_OFFER_FIELDS);
}

/** `base` with the given fields taken from `from`. */
export function applyFields<T>(base: T, from: T, fields: readonly string[]): T {
  return fields.reduce((acc, f) => setPath(acc, f, getPath(from, f)), base);
}
