// Why an offer was left out or a need stays unmet: stable machine codes for the API, and a sentence
// for people in French, Dutch and English. The tables are typed as Record<ReasonCode, …> so that a
// code without a sentence in one language does not compile.
import { featureLabel } from "../catalog/features";
import type { MatchLang } from "./types";

/** Exclusion codes in the order the filters check them: the first one failed is the one reported. */
export const EXCLUSION_CODES = [
  "not_published",
  "not_accepting",
  "provider_full",
  "offer_full",
  "not_network_member",
  "legal_form_not_allowed",
  "country_not_allowed",
  "language_not_supported",
  "not_free_software",
  "missing_feature",
  "quota_too_small",
  "over_budget",
] as const;
/**
 * Codes only a need can get: nothing of its kind exists, no combination fits the budget, or no
 * host serves together what must stay together (mail and its aliases, the DNS the member tied).
 */
export const UNMET_CODES = ["no_offer", "bundle_over_budget", "no_joint_host"] as const;
export const REASON_CODES = [...EXCLUSION_CODES, ...UNMET_CODES] as const;

export type ExclusionCode = (typeof EXCLUSION_CODES)[number];
export type ReasonCode = (typeof REASON_CODES)[number];
export type QuotaName = "storage_gb" | "mailboxes" | "aliases" | "lists" | "subscribers" | "domains" | "units";

export interface ReasonParams {
  service?: string;
  country?: string | null;
  countries?: string[];
  languages?: string[];
  networks?: string[];
  legal_form?: string;
  license?: string | null;
  features?: string[];
  quota?: QuotaName;
  needed?: number;
  included?: number;
  /** Effective monthly cost (setup spread over a year), in cents. */
  cost_cents?: number;
  budget_cents?: number;
  /** For unmet needs: how many offers of the kind were excluded. */
  count?: number;
}

const LOCALES: Record<MatchLang, string> = { fr: "fr-BE", nl: "nl-BE", en: "en-GB" };

// Building an Intl formatter costs far more than using one: build each once per language.
const MONEY = new Map<MatchLang, Intl.NumberFormat>();
const NUM = new Map<MatchLang, Intl.NumberFormat>();
function formatter(cache: Map<MatchLang, Intl.NumberFormat>, lang: MatchLang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = cache.get(lang);
  if (!f) cache.set(lang, (f = new Intl.NumberFormat(LOCALES[lang], options)));
  return f;
}
const money = (lang: MatchLang, cents = 0) => formatter(MONEY, lang, { style: "currency", currency: "EUR" }).format(cents / 100);
const num = (lang: MatchLang, n = 0) => (Number.isInteger(n) && n >= 0 && n < 1000 ? String(n) : formatter(NUM, lang, {}).format(n));
const list = (xs: readonly string[] | undefined, none: string) => (xs && xs.length > 0 ? xs.join(", ") : none);
/** Feature codes as their names in the member's language (wordpress → WordPress, tld_be → .be). */
const features = (codes: readonly string[] | undefined, lang: MatchLang) => codes?.map((c) => featureLabel(c, lang));

// Codes become words: languages and countries named through Intl in the member's language.
const NAMES = new Map<string, Intl.DisplayNames>();
const LISTS = new Map<string, Intl.ListFormat>();
function displayName(lang: MatchLang, type: "language" | "region", code: string): string {
  const key = `${lang}:${type}`;
  let names = NAMES.get(key);
  if (!names) NAMES.set(key, (names = new Intl.DisplayNames([LOCALES[lang]], { type, fallback: "code" })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code; // not a well-formed code: shown as it is
  }
}
function wordList(lang: MatchLang, items: string[], type: "conjunction" | "disjunction"): string {
  const key = `${lang}:${type}`;
  let f = LISTS.get(key);
  if (!f) LISTS.set(key, (f = new Intl.ListFormat(LOCALES[lang], { style: "long", type })));
  return f.format(items);
}
/** "fr, nl" → "français ou néerlandais" (or "none" when empty). */
const languages = (l: MatchLang, xs: readonly string[] | undefined, none: string) =>
  xs && xs.length > 0 ? wordList(l, xs.map((x) => displayName(l, "language", x)), "disjunction") : none;
const country = (l: MatchLang, x: string | null | undefined, unknown: string) => (x ? displayName(l, "region", x) : unknown);
const countries = (l: MatchLang, xs: readonly string[] | undefined, none: string) =>
  xs && xs.length > 0 ? wordList(l, xs.map((x) => displayName(l, "region", x)), "conjunction") : none;

/** What one unit of a service is, for storage per unit: "par boîte mail", "per site". */
const PER_UNIT: Record<MatchLang, Record<string, string>> = {
  fr: { mailbox: "par boîte mail", web_hosting: "par site", cloud_storage: "par compte", mailing_list: "par liste", collaborative_editing: "par compte", chat: "par compte" },
  nl: { mailbox: "per mailbox", web_hosting: "per website", cloud_storage: "per account", mailing_list: "per lijst", collaborative_editing: "per account", chat: "per account" },
  en: { mailbox: "per mailbox", web_hosting: "per website", cloud_storage: "per account", mailing_list: "per list", collaborative_editing: "per account", chat: "per account" },
};
const GB: Record<MatchLang, string> = { fr: "Go", nl: "GB", en: "GB" };
const PER_UNIT_FALLBACK: Record<MatchLang, string> = { fr: "par unité", nl: "per eenheid", en: "per unit" };
/** "5 Go par boîte mail" (storage, per unit of the service) or "12 boîtes mail" (a count). */
function amount(l: MatchLang, p: ReasonParams, n: number | undefined, withUnit: boolean): string {
  if (p.quota === "storage_gb") {
    const per = PER_UNIT[l][p.service ?? ""] ?? PER_UNIT_FALLBACK[l];
    return `${num(l, n)} ${GB[l]}${withUnit ? ` ${per}` : ""}`;
  }
  return withUnit ? `${num(l, n)} ${QUOTA_LABELS[l][p.quota ?? "units"]}` : num(l, n);
}

const SERVICE_LABELS: Record<MatchLang, Record<string, string>> = {
  fr: {
    web_hosting: "hébergement web", mailbox: "boîtes mail", mail_alias: "alias mail", mailing_list: "listes de diffusion",
    domain_registration: "noms de domaine", dns_hosting: "hébergement DNS", cloud_storage: "stockage en ligne",
    collaborative_editing: "édition collaborative", video_conferencing: "visioconférence", chat: "messagerie instantanée", other: "autre service",
  },
  nl: {
    web_hosting: "webhosting", mailbox: "mailboxen", mail_alias: "mailaliassen", mailing_list: "mailinglijsten",
    domain_registration: "domeinnamen", dns_hosting: "DNS-hosting", cloud_storage: "online opslag",
    collaborative_editing: "samen bewerken", video_conferencing: "videovergaderen", chat: "chat", other: "andere dienst",
  },
  en: {
    web_hosting: "web hosting", mailbox: "mailboxes", mail_alias: "mail aliases", mailing_list: "mailing lists",
    domain_registration: "domain names", dns_hosting: "DNS hosting", cloud_storage: "cloud storage",
    collaborative_editing: "collaborative editing", video_conferencing: "video conferencing", chat: "chat", other: "other service",
  },
};

const QUOTA_LABELS: Record<MatchLang, Record<QuotaName, string>> = {
  fr: { storage_gb: "Go par unité", mailboxes: "boîtes mail", aliases: "alias", lists: "listes", subscribers: "abonnés par liste", domains: "domaines", units: "unités" },
  nl: { storage_gb: "GB per eenheid", mailboxes: "mailboxen", aliases: "aliassen", lists: "lijsten", subscribers: "abonnees per lijst", domains: "domeinen", units: "eenheden" },
  en: { storage_gb: "GB per unit", mailboxes: "mailboxes", aliases: "aliases", lists: "lists", subscribers: "subscribers per list", domains: "domains", units: "units" },
};

export function serviceLabel(service: string, lang: MatchLang): string {
  return SERVICE_LABELS[lang][service] ?? service;
}

type Sentence = (p: ReasonParams, lang: MatchLang) => string;

const SENTENCES: Record<MatchLang, Record<ReasonCode, Sentence>> = {
  fr: {
    not_published: () => "Cette offre n'est pas publiée.",
    not_accepting: () => "Cet hébergeur n'accepte pas de nouveaux membres pour le moment.",
    provider_full: () => "Cet hébergeur n'a plus de place pour de nouveaux membres.",
    offer_full: () => "Cette offre est complète.",
    not_network_member: (p) => `Cet hébergeur n'est membre d'aucun des réseaux demandés (${list(p.networks, "aucun")}).`,
    legal_form_not_allowed: (p) => `La forme juridique de l'hébergeur (${p.legal_form ?? "inconnue"}) ne fait pas partie de celles demandées.`,
    country_not_allowed: (p, l) => `Les données seraient hébergées hors des pays autorisés (${country(l, p.country, "pays inconnu")} ; autorisés : ${countries(l, p.countries, "aucun")}).`,
    language_not_supported: (p, l) => `L'hébergeur n'offre pas de support dans vos langues (${languages(l, p.languages, "aucune")}).`,
    not_free_software: (p) => `Le logiciel n'est pas publié sous une licence libre reconnue (${p.license ?? "licence inconnue"}).`,
    missing_feature: (p, l) => `Fonctionnalités manquantes : ${list(features(p.features, l), "aucune")}.`,
    quota_too_small: (p, l) =>
      p.quota === "storage_gb"
        ? `Espace insuffisant : il faut ${amount(l, p, p.needed, true)} ; l'offre en propose ${amount(l, p, p.included, false)}.`
        : `Quota insuffisant : il faut ${amount(l, p, p.needed, true)} ; l'offre en propose ${amount(l, p, p.included, false)} au plus.`,
    over_budget: (p, l) => `Trop cher : ${money(l, p.cost_cents)} par mois pour ce besoin, au-delà de votre budget de ${money(l, p.budget_cents)} par mois.`,
    no_offer: (p, l) => `Le catalogue ne contient aucune offre de ce type (${serviceLabel(p.service ?? "", l)}).`,
    bundle_over_budget: (p, l) => `Aucune combinaison d'offres ne couvre vos besoins dans votre budget de ${money(l, p.budget_cents)} par mois.`,
    no_joint_host: () => "Aucun hébergeur ne propose ensemble ce qui doit rester au même endroit : les boîtes mail avec leurs alias, et le DNS avec le domaine ou le courrier si vous l'avez demandé.",
  },
  nl: {
    not_published: () => "Dit aanbod is niet gepubliceerd.",
    not_accepting: () => "Deze aanbieder neemt momenteel geen nieuwe leden aan.",
    provider_full: () => "Deze aanbieder heeft geen plaats meer voor nieuwe leden.",
    offer_full: () => "Dit aanbod is volzet.",
    not_network_member: (p) => `Deze aanbieder is geen lid van een van de gevraagde netwerken (${list(p.networks, "geen")}).`,
    legal_form_not_allowed: (p) => `De rechtsvorm van de aanbieder (${p.legal_form ?? "onbekend"}) hoort niet bij de gevraagde rechtsvormen.`,
    country_not_allowed: (p, l) => `De gegevens zouden buiten de toegestane landen gehost worden (${country(l, p.country, "onbekend land")}; toegestaan: ${countries(l, p.countries, "geen")}).`,
    language_not_supported: (p, l) => `De aanbieder biedt geen ondersteuning in uw talen (${languages(l, p.languages, "geen")}).`,
    not_free_software: (p) => `De software valt niet onder een erkende vrije licentie (${p.license ?? "onbekende licentie"}).`,
    missing_feature: (p, l) => `Ontbrekende functies: ${list(features(p.features, l), "geen")}.`,
    quota_too_small: (p, l) =>
      p.quota === "storage_gb"
        ? `Te weinig opslag: ${amount(l, p, p.needed, true)} nodig, ${amount(l, p, p.included, false)} aangeboden.`
        : `Quotum te klein: ${amount(l, p, p.needed, true)} nodig, hoogstens ${amount(l, p, p.included, false)} aangeboden.`,
    over_budget: (p, l) => `Te duur: ${money(l, p.cost_cents)} per maand voor deze behoefte, boven uw budget van ${money(l, p.budget_cents)} per maand.`,
    no_offer: (p, l) => `De catalogus bevat geen aanbod van deze soort (${serviceLabel(p.service ?? "", l)}).`,
    bundle_over_budget: (p, l) => `Geen enkele combinatie van aanbiedingen dekt uw behoeften binnen uw budget van ${money(l, p.budget_cents)} per maand.`,
    no_joint_host: () => "Geen enkele aanbieder biedt samen aan wat op één plaats moet blijven: de mailboxen met hun aliassen, en de DNS bij het domein of de mail als u dat gevraagd hebt.",
  },
  en: {
    not_published: () => "This offer is not published.",
    not_accepting: () => "This provider is not taking new members at the moment.",
    provider_full: () => "This provider has no room left for new members.",
    offer_full: () => "This offer is full.",
    not_network_member: (p) => `This provider belongs to none of the networks you asked for (${list(p.networks, "none")}).`,
    legal_form_not_allowed: (p) => `The provider's legal form (${p.legal_form ?? "unknown"}) is not one of those you asked for.`,
    country_not_allowed: (p, l) => `The data would be hosted outside the allowed countries (${country(l, p.country, "unknown country")}; allowed: ${countries(l, p.countries, "none")}).`,
    language_not_supported: (p, l) => `The provider offers no support in your languages (${languages(l, p.languages, "none")}).`,
    not_free_software: (p) => `The software is not under a recognised free licence (${p.license ?? "unknown licence"}).`,
    missing_feature: (p, l) => `Missing features: ${list(features(p.features, l), "none")}.`,
    quota_too_small: (p, l) =>
      p.quota === "storage_gb"
        ? `Not enough storage: ${amount(l, p, p.needed, true)} needed, ${amount(l, p, p.included, false)} offered.`
        : `Quota too small: ${amount(l, p, p.needed, true)} needed, ${amount(l, p, p.included, false)} at most offered.`,
    over_budget: (p, l) => `Too expensive: ${money(l, p.cost_cents)} a month for this need, above your budget of ${money(l, p.budget_cents)} a month.`,
    no_offer: (p, l) => `The catalogue has no offer of this kind (${serviceLabel(p.service ?? "", l)}).`,
    bundle_over_budget: (p, l) => `No combination of offers covers your needs within your budget of ${money(l, p.budget_cents)} a month.`,
    no_joint_host: () => "No provider offers together what must stay in one place: the mailboxes with their aliases, and the DNS with the domain or the mail if you asked for it.",
  },
};

const UNMET_PREFIX: Record<MatchLang, (service: string, count: number) => string> = {
  fr: (s, n) => `Aucune offre ne convient pour : ${s}${n > 0 ? ` (${n} écartée${n > 1 ? "s" : ""})` : ""}. `,
  nl: (s, n) => `Geen enkel aanbod past voor: ${s}${n > 0 ? ` (${n} uitgesloten)` : ""}. `,
  en: (s, n) => `No offer fits: ${s}${n > 0 ? ` (${n} excluded)` : ""}. `,
};

/** The sentence explaining a reason code, in the member's language. */
export function reasonMessage(code: ReasonCode, lang: MatchLang, params: ReasonParams = {}): string {
  return SENTENCES[lang][code](params, lang);
}

/** The sentence for an unmet need: which service, how many offers were excluded, then the main reason. */
export function unmetMessage(code: ReasonCode, lang: MatchLang, params: ReasonParams & { service: string }): string {
  if (code === "no_offer" || code === "bundle_over_budget" || code === "no_joint_host") return reasonMessage(code, lang, params);
  return UNMET_PREFIX[lang](serviceLabel(params.service, lang), params.count ?? 0) + reasonMessage(code, lang, params);
}
