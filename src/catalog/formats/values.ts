// Tolerant readers shared by the ChatonsInfos and LibreHosters importers. Each takes a raw value
// (a properties string or a JSON value) and returns a clean value or null; anything odd becomes a
// warning through `warn`, never an exception, so one bad date does not lose a whole provider.
import { z } from "@hono/zod-openapi";
import { isHttpUrl } from "../../lib/http-url";
import { MAX_TAG_LENGTH, MAX_TAGS, splitFeatureWords } from "../features";
import { AppError, type FieldError } from "../../lib/problem";
import { REGISTRATIONS, type PricingModel } from "../model";

export type Warn = (message: string) => void;

const emailSchema = z.string().email().max(320);

export function fail(errors: FieldError[]): AppError {
  const fields = [...new Set(errors.map((e) => e.field))].join(", ");
  return new AppError("VALIDATION_FAILED", `Invalid value for ${fields}`, errors);
}

const show = (raw: unknown) => JSON.stringify(typeof raw === "string" ? raw.trim() : raw)?.slice(0, 120) ?? String(raw);

/** Cuts to `max` UTF-16 units without leaving half a surrogate pair behind. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

export function readText(raw: unknown, max: number, warn: Warn): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "number" || typeof raw === "boolean") raw = String(raw);
  if (typeof raw !== "string") {
    warn(`${show(raw)} is not text; ignored`);
    return null;
  }
  const s = raw.trim();
  if (s.length > max) warn(`longer than ${max} characters; shortened`);
  return s === "" ? null : truncate(s, max);
}

/** Comma-separated text or a JSON array of strings; blanks dropped. */
export function readList(raw: unknown, warn: Warn): string[] {
  if (raw === null || raw === undefined) return [];
  const items = typeof raw === "string" ? raw.split(",") : Array.isArray(raw) ? raw : null;
  if (!items) {
    warn(`${show(raw)} is not a list; ignored`);
    return [];
  }
  return items.flatMap((item) => {
    if (typeof item !== "string") {
      warn(`${show(item)} is not text; ignored`);
      return [];
    }
    const t = item.trim();
    return t ? [t] : [];
  });
}

/** Case-insensitive; returns the canonical spelling. Null when absent or unknown (with a warning). */
export function readEnum<T extends string>(raw: unknown, values: readonly T[], warn: Warn): T | null {
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) return null;
  const v = typeof raw === "string" ? raw.trim().toLowerCase() : null;
  const hit = values.find((x) => x.toLowerCase() === v);
  if (!hit) warn(`${show(raw)} is not one of ${values.join(", ")}; ignored`);
  return hit ?? null;
}

const TRUE = ["true", "yes", "oui", "ja", "1", "on"];
const FALSE = ["false", "no", "non", "nee", "0", "off"];

export function readBool(raw: unknown, warn: Warn): boolean | null {
  if (typeof raw === "boolean") return raw;
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) return null;
  const v = String(raw).trim().toLowerCase();
  if (TRUE.includes(v)) return true;
  if (FALSE.includes(v)) return false;
  warn(`${show(raw)} is not true or false; ignored`);
  return null;
}

/** Accepts a decimal comma ("50,85": the ChatonsInfos template writes latitudes that way). */
export function readNumber(raw: unknown, opts: { min?: number; max?: number; int?: boolean }, warn: Warn): number | null {
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) return null;
  let n = Number.NaN;
  if (typeof raw === "number") n = raw;
  else if (typeof raw === "string") {
    const s = raw.trim().replace(/^([+-]?\d*),(\d+)$/, "$1.$2");
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) n = Number(s);
  }
  const ok =
    Number.isFinite(n) &&
    (!opts.int || Number.isSafeInteger(n)) &&
    (opts.min === undefined || n >= opts.min) &&
    (opts.max === undefined || n <= opts.max);
  if (!ok) {
    const min = opts.min !== undefined ? ` ≥ ${opts.min}` : "";
    const max = opts.max !== undefined ? ` ≤ ${opts.max}` : "";
    warn(`${show(raw)} is not ${opts.int ? "an integer" : "a number"}${min}${max}; ignored`);
    return null;
  }
  return n === 0 ? 0 : n; // no -0
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return m >= 1 && m <= 12 && d >= 1 && d <= (days[m - 1] ?? 0);
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** ChatonsInfos writes dates DD/MM/YYYY; ISO YYYY-MM-DD (with or without a time) is accepted too.
 *  A lone year (LibreHosters' foundingDate) reads as 1 January. Returns ISO YYYY-MM-DD. */
export function readDate(raw: unknown, warn: Warn): string | null {
  if (raw === null || raw === undefined) return null;
  const s = typeof raw === "number" && Number.isInteger(raw) ? String(raw) : typeof raw === "string" ? raw.trim() : null;
  if (s === "") return null;
  let ymd: [number, number, number] | null = null;
  let m: RegExpExecArray | null;
  if (s === null) ymd = null;
  else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s].*)?$/.exec(s))) ymd = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[T\s].*)?$/.exec(s))) ymd = [Number(m[3]), Number(m[2]), Number(m[1])];
  else if ((m = /^(\d{4})$/.exec(s))) {
    ymd = [Number(m[1]), 1, 1];
    warn(`only a year (${s}); read as ${s}-01-01`);
  }
  if (!ymd || !isCalendarDate(...ymd)) {
    warn(`${show(raw)} is not a date (DD/MM/YYYY or YYYY-MM-DD); ignored`);
    return null;
  }
  return `${pad(ymd[0], 4)}-${pad(ymd[1], 2)}-${pad(ymd[2], 2)}`;
}

// "logo.png" is a relative path, not a host: a file name never gets https:// put in front.
const FILE_EXTENSION = /\.(png|jpe?g|svg|gif|webp|ico|html?|php|properties|json|txt|pdf)$/i;
const looksLikeHost = (h: string) =>
  /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(:\d+)?$/u.test(h) && !FILE_EXTENSION.test(h.replace(/:\d+$/, ""));

/** Only http(s) URLs: a `javascript:` website must never reach a page. "www.x.org" gets https://. */
export function readUrl(raw: unknown, warn: Warn): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== "string") {
    warn(`${show(raw)} is not a URL; ignored`);
    return null;
  }
  let s = raw.trim().replace(/^(['"])(.*)\1$/, "$2").trim(); // some generators quote values
  if (s === "") return null;
  if (!/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(s) && looksLikeHost(s.split(/[/?#]/)[0] ?? "")) {
    s = `https://${s}`;
    warn(`no scheme; read as ${s}`);
  }
  if (s.length > 2000 || !isHttpUrl(s)) {
    warn(`${show(raw)} is not an http(s) URL; ignored`);
    return null;
  }
  return s;
}

export function readEmail(raw: unknown, warn: Warn): string | null {
  const s = readText(raw, 400, warn)?.replace(/^mailto:/i, "");
  if (!s) return null;
  if (!emailSchema.safeParse(s).success) {
    warn(`${show(raw)} is not an e-mail address; ignored`);
    return null;
  }
  return s;
}

// Country names seen in CHATONS and LibreHosters files, for files that give a name but no code.
const COUNTRY_NAMES: Record<string, string> = {
  france: "FR", belgique: "BE", belgium: "BE", belgie: "BE", belgien: "BE", suisse: "CH", switzerland: "CH", schweiz: "CH",
  luxembourg: "LU", canada: "CA", quebec: "CA", "pays-bas": "NL", "pays bas": "NL", nederland: "NL", netherlands: "NL",
  allemagne: "DE", germany: "DE", deutschland: "DE", espagne: "ES", spain: "ES", espana: "ES", italie: "IT", italy: "IT", italia: "IT",
  "royaume-uni": "GB", "united kingdom": "GB", austria: "AT", autriche: "AT", portugal: "PT", sweden: "SE", suede: "SE",
};

export function readCountry(code: unknown, name: unknown, warn: Warn): string | null {
  const c = typeof code === "string" ? code.trim().toUpperCase() : null;
  if (c && /^[A-Z]{2}$/.test(c)) return c;
  if (code !== null && code !== undefined && c !== "") warn(`${show(code)} is not a two-letter country code; ignored`);
  const n = typeof name === "string" ? name.trim().normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase() : "";
  if (!n) return null;
  const fromName = COUNTRY_NAMES[n];
  if (!fromName) warn(`country name ${show(name)} not recognised; no country code`);
  return fromName ?? null;
}

/** A French country name for a code ("BE" → "Belgique"), as ChatonsInfos files are in French. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(["fr"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Lowercase, accents dropped, anything but letters and digits turned into single dashes. */
export function slugify(s: string): string {
  const slug = s
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return truncate(slug, 80).replace(/-+$/, "");
}

/** A provider's stable identity: its website's host without www., else a slug of its name. */
export function providerKey(website: string | null, name: string): string {
  if (website) {
    try {
      const host = new URL(website).hostname.toLowerCase().replace(/\.$/, "").replace(/^www\./, "");
      if (host) return host;
    } catch {
      /* fall back to the name */
    }
  }
  return slugify(name) || "provider";
}

/** Makes keys unique in order: the second "mail" becomes "mail-2", the third "mail-3". */
export function uniqueKeys(bases: string[], fallback: string): string[] {
  const used = new Set<string>();
  return bases.map((b) => {
    const base = b || fallback;
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    return key;
  });
}

export function readLanguages(raw: unknown, warn: Warn): string[] {
  const out = new Set<string>();
  for (const l of readList(raw, warn).map((x) => x.toLowerCase())) {
    if (/^[a-z]{2}$/.test(l)) out.add(l);
    else warn(`"${l}" is not a two-letter language code; ignored`);
  }
  return [...out];
}

/** Feature words → the kind's codes (src/catalog/features.ts maps the usual words: "spam filter" →
 *  antispam, ".be" → tld_be); words it does not know are kept as free tags, which never exclude. */
export function readFeatures(raw: unknown, warn: Warn, kind: string): { features: string[]; tags: string[] } {
  const words = readList(raw, warn);
  const { features, tags } = splitFeatureWords(words, kind);
  for (const t of tags) warn(`"${t}" is not a feature of ${kind}; kept as a free tag`);
  return { features, tags };
}

/** The features read and every tag (the feature words kept as tags, then the declared tags), without repeats. */
export function featuresAndTags(found: { features: string[]; tags: string[] }, declared: string[]): { features: string[]; tags: string[] } {
  const tags = new Map<string, string>();
  for (const t of [...found.tags, ...declared]) if (!tags.has(t.toLowerCase())) tags.set(t.toLowerCase(), t);
  return { features: found.features, tags: [...tags.values()].slice(0, MAX_TAGS) };
}

/** Free tags as written (no commas, at most MAX_TAG_LENGTH characters each, no repeats). */
export function readTags(raw: unknown, warn: Warn): string[] {
  const out = new Map<string, string>();
  for (const t of readList(raw, warn)) {
    const tag = t.replace(/\s+/g, " ").slice(0, MAX_TAG_LENGTH);
    if (!out.has(tag.toLowerCase())) out.set(tag.toLowerCase(), tag);
  }
  return [...out.values()].slice(0, MAX_TAGS);
}

/** ChatonsInfos allows several registrations ("Free,Member"); we keep the most open one. */
export function readRegistration(raw: unknown, warn: Warn): (typeof REGISTRATIONS)[number] {
  const found = readList(raw, warn).flatMap((v) => {
    const hit = readEnum(v, REGISTRATIONS, warn);
    return hit ? [hit] : [];
  });
  const best = [...REGISTRATIONS].find((r) => found.includes(r));
  if (found.length > 1) warn(`several registrations (${found.join(", ")}); kept the most open, ${best}`);
  return best ?? "Free";
}

export const PRICE_UNKNOWN = "registration is Client: a paid service whose price is unknown";

/** Without an explicit model, who may register tells how the service is paid for. */
export function pricingFromRegistration(registration: (typeof REGISTRATIONS)[number]): PricingModel {
  return registration === "Member" ? "membership" : registration === "Client" ? "paid" : "free";
}
