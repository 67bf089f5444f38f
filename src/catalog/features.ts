// The shared feature vocabulary: one list of feature codes per service kind, used by the offer forms
// (checkboxes), the API (an unknown code is a 400 naming it, with the allowed ones), the importers
// (known ChatonsInfos / LibreHosters words → codes, the rest kept as free tags that never exclude),
// the wizard (the needs' required features) and the match reasons (labels in the visitor's language).
// Pure: no I/O. Labels live in web/i18n/features.{fr,nl,en}.ts, typed so that a code without a
// label in one language does not compile.
import type { Lang } from "../lib/lang";
import { enFeatures } from "../../web/i18n/features.en";
import { frFeatures } from "../../web/i18n/features.fr";
import { nlFeatures } from "../../web/i18n/features.nl";

/** Top-level domains a registrar may offer (the codes tld_be, tld_eu…; shown as .be, .eu). */
export const TLDS = ["be", "brussels", "vlaanderen", "eu", "org", "com", "net", "info", "fr", "nl", "lu", "de", "ch", "li"] as const;
const TLD_CODES = TLDS.map((t) => `tld_${t}` as const);

/** The codes of each kind Chatière knows, in the order the forms show them. */
export const FEATURES_BY_KIND = {
  web_hosting: ["php", "mysql", "wordpress", "spip", "grav", "static_site", "custom_domain", "tls", "daily_backups", "sftp", "ssh", "git_deploy", "staging", "multilingual", "phone_support", "migration_help", "training"],
  mailbox: ["imap", "pop3", "webmail", "smtp_submission", "antispam", "antivirus", "sieve", "dkim", "caldav", "carddav", "activesync", "custom_domain", "tls", "daily_backups", "phone_support", "migration_help"],
  mail_alias: ["forwarding", "catch_all", "srs", "custom_domain", "tls", "migration_help"],
  mailing_list: ["moderation", "archives", "web_interface", "digest", "subscriber_import", "dkim", "custom_domain", "migration_help"],
  domain_registration: [...TLD_CODES, "transfer", "dnssec", "whois_privacy", "api", "migration_help"],
  dns_hosting: ["dnssec", "secondary_dns", "anycast", "ipv6", "web_interface", "api", "migration_help"],
  cloud_storage: ["webdav", "sharing", "caldav", "carddav", "desktop_sync", "mobile_apps", "office_online", "encryption", "daily_backups", "dedicated_instance", "migration_help"],
  collaborative_editing: ["realtime", "markdown", "spreadsheets", "forms", "export", "no_account", "encryption"],
  video_conferencing: ["screen_sharing", "breakout_rooms", "recording", "whiteboard", "no_account", "e2ee"],
  chat: ["federation", "e2ee", "web_client", "mobile_apps", "export"],
} as const;

type KnownKind = keyof typeof FEATURES_BY_KIND;
export type FeatureCode = (typeof FEATURES_BY_KIND)[KnownKind][number];
/** The i18n key of a code's label (top-level domains need none: tld_be is shown as .be). */
export type FeatureKey = `feature.${Exclude<FeatureCode, `tld_${string}`>}`;

/** Every code, once, in a stable order. */
export const FEATURE_CODES: readonly FeatureCode[] = [...new Set(Object.values(FEATURES_BY_KIND).flat())] as FeatureCode[];
const CODES = new Set<string>(FEATURE_CODES);

export const isFeatureCode = (value: string): value is FeatureCode => CODES.has(value);

/** The codes an offer or a need of `kind` may carry. Kinds are an open list: a kind Chatière has no
 *  list for ("other", "forum"…) may carry any code. */
export function featuresOf(kind: string): readonly FeatureCode[] {
  return Object.hasOwn(FEATURES_BY_KIND, kind) ? FEATURES_BY_KIND[kind as KnownKind] : FEATURE_CODES;
}

export const allowsFeature = (kind: string, code: string): boolean => featuresOf(kind).includes(code as FeatureCode);

/** Every error about a feature code starts so; pages recognise it to say it in the visitor's language. */
export const FEATURE_ERROR_PREFIX = "not a feature of";

/** The message for a code `kind` does not have: which one, and what is allowed. */
export const featureError = (kind: string, code: string) => `${FEATURE_ERROR_PREFIX} ${kind}: "${code}"; allowed: ${featuresOf(kind).join(", ")}`;

/** The features that `kind` does not allow, with their index (for errors named `features.2`). */
export function unknownFeatures(kind: string, codes: readonly string[]): { index: number; code: string; message: string }[] {
  return codes.flatMap((code, index) => (allowsFeature(kind, code) ? [] : [{ index, code, message: featureError(kind, code) }]));
}

/** A zod superRefine for any object with `service` and `features`: one issue per code its kind lacks. */
export function refineFeatures(value: { service: string; features: readonly string[] }, ctx: { addIssue: (issue: { code: "custom"; path: (string | number)[]; message: string }) => void }) {
  for (const f of unknownFeatures(value.service, value.features)) ctx.addIssue({ code: "custom", path: ["features", f.index], message: f.message });
}

// ── Words in the wild → codes ───────────────────────────────────────────────────────────────

/** Words that ChatonsInfos / LibreHosters files, forms and old free-text features use for a code. */
export const SYNONYMS: Record<string, FeatureCode> = {
  spam: "antispam", anti_spam: "antispam", spam_filter: "antispam", spamfilter: "antispam", antispam_filter: "antispam", spam_filtering: "antispam",
  filtre_antispam: "antispam", filtre_anti_spam: "antispam", rspamd: "antispam", spamassassin: "antispam",
  anti_virus: "antivirus", virus_scan: "antivirus", clamav: "antivirus",
  web_mail: "webmail", imaps: "imap", pop: "pop3", pops: "pop3", pop_3: "pop3",
  smtp: "smtp_submission", submission: "smtp_submission", smtp_auth: "smtp_submission",
  managesieve: "sieve", mail_filters: "sieve", filters: "sieve",
  calendar: "caldav", calendars: "caldav", agenda: "caldav", cal_dav: "caldav",
  contacts: "carddav", address_book: "carddav", addressbook: "carddav", carnet_d_adresses: "carddav", card_dav: "carddav",
  exchange_activesync: "activesync", eas: "activesync",
  own_domain: "custom_domain", custom_domains: "custom_domain", domain: "custom_domain", nom_de_domaine: "custom_domain",
  ssl: "tls", https: "tls", letsencrypt: "tls", lets_encrypt: "tls",
  backup: "daily_backups", backups: "daily_backups", daily_backup: "daily_backups", sauvegardes: "daily_backups", sauvegarde: "daily_backups",
  forward: "forwarding", redirect: "forwarding", redirection: "forwarding", catchall: "catch_all",
  mariadb: "mysql", mysql_mariadb: "mysql", wp: "wordpress", static: "static_site", static_website: "static_site",
  ssh_access: "ssh", shell: "ssh", git: "git_deploy", test_environment: "staging",
  slave_dns: "secondary_dns", secondary: "secondary_dns", domain_transfer: "transfer", whois_protection: "whois_privacy",
  file_sharing: "sharing", share: "sharing", sync: "desktop_sync", desktop_client: "desktop_sync", mobile: "mobile_apps", mobile_app: "mobile_apps",
  office: "office_online", collabora: "office_online", onlyoffice: "office_online",
  real_time: "realtime", archive: "archives", list_archives: "archives", web_ui: "web_interface", digests: "digest",
  end_to_end_encryption: "e2ee", federated: "federation", migration: "migration_help", migration_support: "migration_help",
  formation: "training", phone: "phone_support",
};

/** A word as people write it → the form codes are written in: "Spam filter" → spam_filter, ".be" → tld_be. */
function normalise(word: string): string {
  const w = word.trim().toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  if (/^\.[a-z]{2,24}$/.test(w)) return `tld_${w.slice(1)}`;
  return w.replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
}

/** The code a word stands for in `kind`, or null when it is none of `kind`'s. */
export function featureCodeFor(word: string, kind: string): FeatureCode | null {
  const w = normalise(word);
  const code = isFeatureCode(w) ? w : (SYNONYMS[w] ?? null);
  return code && allowsFeature(kind, code) ? code : null;
}

export const MAX_TAG_LENGTH = 60;
export const MAX_TAGS = 40;

/** Words from an import or old free text → the kind's codes, and the rest as free tags (kept as written,
 *  trimmed, without repeats): tags are shown but never exclude an offer from a match. */
export function splitFeatureWords(words: readonly string[], kind: string): { features: FeatureCode[]; tags: string[] } {
  const features = new Set<FeatureCode>();
  const tags = new Map<string, string>();
  for (const raw of words) {
    const word = raw.trim().replace(/\s+/g, " ");
    if (!word) continue;
    const code = featureCodeFor(word, kind);
    if (code) features.add(code);
    else if (!tags.has(word.toLowerCase())) tags.set(word.toLowerCase(), word.slice(0, MAX_TAG_LENGTH));
  }
  return { features: [...features], tags: [...tags.values()].slice(0, MAX_TAGS) };
}

// ── Labels ──────────────────────────────────────────────────────────────────────────────────

const LABELS: Record<Lang, Record<FeatureKey, string>> = { fr: frFeatures, nl: nlFeatures, en: enFeatures };

/** A code's name in `lang` (wordpress → "WordPress", tld_be → ".be"); anything else as written, underscores as spaces. */
export function featureLabel(code: string, lang: Lang): string {
  if (code.startsWith("tld_") && /^tld_[a-z]{2,24}$/.test(code)) return `.${code.slice(4)}`;
  const labels = LABELS[lang] as Record<string, string>;
  return Object.hasOwn(labels, `feature.${code}`) ? labels[`feature.${code}`]! : code.replaceAll("_", " ");
}
