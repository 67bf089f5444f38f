// Saved needs and shortlists, the pure part: the wizard's query as it is kept (without the page's
// language), the posted forms checked field by field, and a bundle of the engine turned into the
// shortlist entry that is stored. No I/O: the routes read the database and the engine's answer.
import { z } from "zod";
import type { ShortlistOffer } from "../../db/schema";
import type { OfferLabel } from "../catalog";
import type { Bundle } from "../types";

/** Longer than any wizard's query (a few hundred characters): a bigger one is not ours. */
export const MAX_QUERY = 4000;
export const MAX_NAME = 120;
export const MAX_NOTE = 500;

/** Parameters that describe the page, not the needs: left out of what is saved. */
const NOT_NEEDS = new Set(["lang", "notice"]);

export type Query = Record<string, string[]>;

/** A query string as the wizard sent it → the same string without the page's own parameters, or null when too long. */
export function normaliseQuery(raw: string): string | null {
  const text = raw.startsWith("?") ? raw.slice(1) : raw;
  if (text.length > MAX_QUERY) return null;
  const out = new URLSearchParams();
  for (const [k, v] of new URLSearchParams(text)) if (!NOT_NEEDS.has(k)) out.append(k, v);
  return out.toString();
}

/** A query string → the shape `c.req.queries()` gives (what parseMatchForm reads). */
export function queriesOf(query: string): Query {
  const out: Query = {};
  for (const [k, v] of new URLSearchParams(query)) (out[k] ??= []).push(v);
  return out;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Error codes are message-key suffixes (match.saved.error.*). */
export type SaveError = "name_required" | "name_too_long" | "name_control";
export type NoteError = "note_too_long" | "note_control";

const nameSchema = z
  .string()
  .trim()
  .min(1, "name_required")
  .max(MAX_NAME, "name_too_long")
  .refine((s) => !CONTROL.test(s), "name_control");
const noteSchema = z
  .string()
  .trim()
  .max(MAX_NOTE, "note_too_long")
  .refine((s) => !CONTROL.test(s), "note_control");

export function checkName(raw: string): { ok: true; name: string } | { ok: false; error: SaveError } {
  const r = nameSchema.safeParse(raw);
  return r.success ? { ok: true, name: r.data } : { ok: false, error: (r.error.issues[0]?.message ?? "name_required") as SaveError };
}

export function checkNote(raw: string): { ok: true; note: string } | { ok: false; error: NoteError } {
  const r = noteSchema.safeParse(raw);
  return r.success ? { ok: true, note: r.data } : { ok: false, error: (r.error.issues[0]?.message ?? "note_too_long") as NoteError };
}

/** The bundle's position in the results (0-based), as posted; null when it is not a small whole number. */
export function bundleIndex(raw: string): number | null {
  return /^\d{1,2}$/.test(raw) ? Number(raw) : null;
}

/** The offer ids the visitor saw in the bundle (a hidden field), to tell when the results changed since. */
export const offerList = (raw: string): string[] => raw.split(",").map((s) => s.trim()).filter(Boolean);

export function sameOffers(seen: readonly string[], bundle: Bundle): boolean {
  const now = bundle.items.map((i) => i.offer_id);
  return seen.length === now.length && seen.every((id, i) => id === now[i]);
}

export interface ShortlistEntry {
  items: ShortlistOffer[];
  monthlyCents: number;
  yearlyCents: number;
  providers: number;
  score: number;
}

/** A bundle as stored: the engine's prices, the names shown and each offer's version at that moment. */
export function shortlistEntry(bundle: Bundle, labels: ReadonlyMap<string, OfferLabel>, versions: ReadonlyMap<string, number>): ShortlistEntry {
  return {
    items: bundle.items.map((i) => {
      const label = labels.get(i.offer_id);
      return {
        offer_id: i.offer_id,
        provider_id: i.provider_id,
        offer_name: label?.offer_name ?? i.offer_id,
        provider_name: label?.provider_name ?? i.provider_id,
        needs: [...i.needs],
        monthly_cents: i.monthly_cents,
        offer_version: versions.get(i.offer_id) ?? 0,
      };
    }),
    monthlyCents: bundle.monthly_cents,
    yearlyCents: bundle.yearly_cents,
    providers: bundle.providers,
    score: Math.round(bundle.score * 10) / 10,
  };
}

/** Where a shortlisted offer links: the version the member saw, else (no recorded version) its provider. */
export function offerHref(item: Pick<ShortlistOffer, "offer_id" | "provider_id" | "offer_version">): string {
  return item.offer_version > 0
    ? `/offers/${encodeURIComponent(item.offer_id)}/versions/${item.offer_version}`
    : `/providers/${encodeURIComponent(item.provider_id)}`;
}
