// LibreHosters `librehost.json` (https://lab.libreho.st/librehosters/librehost-api, schema v0.0.1):
// a schema.org Organization served at /librehost.json. v0.0.1 defines only the organisation
// (name, tagLine, homeUrl, logo, description, communicationLanguages, contactUrl, privacyPolicyUrl,
// termsOfServiceUrl, isServiceProvider, foundingDate, dateCreated, dateModified); its README plans
// "services, locations, values and admins". We add those the schema.org way (`email`, `location`,
// `memberOf`, `services`) and keep the rest under `meta.chatiere`, the place the network's
// discussion set aside for local additions. Publishing the file implies LibreHosters membership.
import {
  HARDWARE_HOSTING, LEGAL_FORMS, LOADS, OFFER_STATUSES, PRICE_PERIODS, PRICE_UNITS, PRICING_MODELS, PROVIDER_STATUSES,
  offerInputSchema, providerInputSchema,
  type ImportedProvider, type LegalForm, type OfferInput, type ProviderInput,
} from "../model";
import { validationError, type FieldError } from "../../lib/problem";
import { inferServiceKind } from "./service-kind";
import {
  fail, PRICE_UNKNOWN, pricingFromRegistration, providerKey, readBool, readCountry, readDate, readEmail, readEnum, readFeatures, readTags, featuresAndTags, readLanguages, readList,
  readNumber, readRegistration, readText, readUrl, slugify, truncate, uniqueKeys, type Warn,
} from "./values";

export const LIBREHOST_SCHEMA_VERSION = "0.0.1";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

// organizationType is free text in the network ("Informal collective", "Non-profit", "Coop"…).
const LEGAL_FORM_LABELS: Record<LegalForm, string> = {
  ASSOCIATION: "Association",
  INFORMAL: "Informal collective",
  COOPERATIVE: "Cooperative",
  MICROCOMPANY: "Micro-company",
  COMPANY: "Company",
  INDIVIDUAL: "Individual",
  OTHER: "Other",
};
const LEGAL_FORM_WORDS: [RegExp, LegalForm][] = [
  [/informal|collective|collectif|collectief/i, "INFORMAL"],
  [/coop/i, "COOPERATIVE"],
  [/micro/i, "MICROCOMPANY"],
  [/association|non-?profit|not-for-profit|asbl|vzw|verein|e\.\s?v\.|charity|ngo/i, "ASSOCIATION"],
  [/individual|person|self-employed/i, "INDIVIDUAL"],
  [/company|business|sarl|sas\b|ltd|gmbh|\bbv\b|srl|llc|inc\b/i, "COMPANY"],
  [/^other$/i, "OTHER"],
];

function readLegalForm(raw: unknown, warn: Warn): LegalForm {
  const exact = typeof raw === "string" ? LEGAL_FORMS.find((f) => f === raw.trim().toUpperCase()) : undefined;
  if (exact) return exact;
  const text = readText(raw, 200, warn);
  if (!text) return "OTHER";
  const hit = LEGAL_FORM_WORDS.find(([re]) => re.test(text));
  if (!hit) warn(`"${text}" is not a known organisation type; read as OTHER`);
  return hit?.[1] ?? "OTHER";
}

export function importLibreHost(json: unknown): ImportedProvider {
  const errors: FieldError[] = [];
  if (!isObject(json)) throw fail([{ field: "(body)", message: "must be a librehost.json object" }]);
  if (typeof json.name !== "string" || !json.name.trim()) errors.push({ field: "name", message: "is required (non-empty text)" });
  const services = json.services ?? [];
  if (!Array.isArray(services)) errors.push({ field: "services", message: "must be a list" });
  else
    services.forEach((s, i) => {
      if (!isObject(s)) errors.push({ field: `services.${i}`, message: "must be an object" });
      else if (typeof s.name !== "string" || !s.name.trim()) {
        errors.push({ field: `services.${i}.name`, message: "is required (non-empty text)" });
      }
    });
  if (errors.length) throw fail(errors);

  const warnings: string[] = [];
  const at = (field: string): Warn => (message) => warnings.push(`${field}: ${message}`);
  const version = json.version;
  if (version !== undefined && version !== LIBREHOST_SCHEMA_VERSION) {
    at("version")(`schema ${JSON.stringify(version)} read as ${LIBREHOST_SCHEMA_VERSION}`);
  }
  if (json.isServiceProvider === false) at("isServiceProvider")("the organisation says it provides no services");

  const drafts = (services as Json[]).map((s, i) => readService(s, `services.${i}`, at));
  const keys = uniqueKeys(drafts.map((d) => d.key), "service");
  const offers = drafts.map((d, i) => {
    const r = offerInputSchema.safeParse({ ...d, key: keys[i] });
    if (!r.success) throw validationError(r.error, `services.${i}`);
    return r.data;
  });
  const r = providerInputSchema.safeParse(readProvider(json, offers, at));
  if (!r.success) throw validationError(r.error);
  return { provider: r.data, key: providerKey(r.data.website, r.data.name), offers, warnings };
}

// memberOf holds free-text names: the usual spellings of the two networks become their ids.
const NETWORK_ALIASES: Record<string, string> = {
  "les chatons": "chatons",
  "collectif chatons": "chatons",
  "chatons.org": "chatons",
  "libre hosters": "librehosters",
  "libreho.st": "librehosters",
  "librehosters network": "librehosters",
};

function readMemberships(raw: unknown, warn: (field: string) => Warn): ProviderInput["memberships"] {
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const out: ProviderInput["memberships"] = [];
  list.forEach((m, i) => {
    const w = (k: string) => warn(`memberOf.${i}${k ? `.${k}` : ""}`);
    const entry = typeof m === "string" ? { name: m } : isObject(m) ? m : null;
    const text = readText(entry?.name, 80, w("name"))?.toLowerCase();
    const network = text && (NETWORK_ALIASES[text] ?? text);
    if (!network) return w("")("a network without a name; ignored");
    if (out.some((x) => x.network === network)) return w("name")(`"${network}" listed twice; first kept`);
    out.push({
      network,
      status: readEnum(entry?.status, PROVIDER_STATUSES, w("status")) ?? "ACTIVE",
      since: readDate(entry?.startDate, w("startDate")),
      until: readDate(entry?.endDate, w("endDate")),
    });
  });
  // The file is how a member joins the LibreHosters directory: being there is membership.
  if (!out.some((m) => m.network === "librehosters")) out.push({ network: "librehosters", status: "ACTIVE", since: null, until: null });
  return out;
}

function readStringRecord(raw: unknown, warn: Warn): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) {
    warn("not an object; ignored");
    return {};
  }
  return Object.fromEntries(
    Object.entries(raw).flatMap(([k, v]) => {
      const text = readText(v, 2000, warn);
      return text ? [[k, text]] : [];
    }),
  );
}

function readProvider(json: Json, offers: OfferInput[], at: (f: string) => Warn): ProviderInput {
  const loc = isObject(json.location) ? json.location : {};
  const meta = isObject(json.meta) && isObject(json.meta.chatiere) ? json.meta.chatiere : {};
  const m = (k: string) => at(`meta.chatiere.${k}`);
  const commitments = (Array.isArray(meta.commitments) ? meta.commitments : []).flatMap((c: unknown, i) => {
    const charter = isObject(c) ? readText(c.charter, 200, m(`commitments.${i}.charter`)) : null;
    if (!charter) {
      m(`commitments.${i}`)("no charter; ignored");
      return [];
    }
    return [{ charter, evidence_url: readUrl((c as Json).evidence, m(`commitments.${i}.evidence`)) }];
  });
  const hosts = new Set(offers.flatMap((o) => o.hardware_hosting ?? []));
  const name = (json.name as string).trim();
  if (name.length > 200) at("name")("longer than 200 characters; shortened");
  return {
    name: truncate(name, 200),
    // tagLine is the short form; the description is what we show, so it falls back on the tagline.
    description: readText(json.description, 5000, at("description")) ?? readText(json.tagLine, 5000, at("tagLine")) ?? "",
    legal_form: readLegalForm(json.organizationType, at("organizationType")),
    status: readEnum(meta.status, PROVIDER_STATUSES, m("status")) ?? "ACTIVE",
    founded_on: readDate(json.foundingDate, at("foundingDate")),
    website: readUrl(json.homeUrl ?? json.url, at("homeUrl")),
    logo_url: readUrl(json.logo ?? json.logoUrl, at("logo")),
    contact_url: readUrl(json.contactUrl, at("contactUrl")),
    contact_email: readEmail(json.email, at("email")),
    legal_url: readUrl(json.termsOfServiceUrl, at("termsOfServiceUrl")) ?? readUrl(json.privacyPolicyUrl, at("privacyPolicyUrl")),
    user_guide_url: readUrl(meta.userGuideUrl, m("userGuideUrl")),
    technical_guide_url: readUrl(meta.technicalGuideUrl, m("technicalGuideUrl")),
    country_code: readCountry(loc.addressCountry, loc.countryName, at("location.addressCountry")),
    address: readText(loc.address, 500, at("location.address")),
    latitude: readNumber(loc.latitude, { min: -90, max: 90 }, at("location.latitude")),
    longitude: readNumber(loc.longitude, { min: -180, max: 180 }, at("location.longitude")),
    languages: readLanguages(json.communicationLanguages, at("communicationLanguages")),
    memberships: readMemberships(json.memberOf, at),
    commitments,
    hardware_hosting: readEnum(meta.hardware, HARDWARE_HOSTING, m("hardware")) ?? (hosts.size === 1 ? ([...hosts][0] ?? null) : null),
    accepting_members: readBool(meta.accepting, m("accepting")) ?? true,
    capacity: readNumber(meta.capacity, { min: 0, int: true }, m("capacity")),
    funding: readStringRecord(meta.funding, m("funding")),
    social: readStringRecord(meta.social, m("social")),
    is_demo: readBool(meta.demo, m("demo")) ?? false,
  };
}

type OfferDraft = Omit<OfferInput, "key"> & { key: string };

function readService(s: Json, field: string, at: (f: string) => Warn): OfferDraft {
  const w = (k: string) => at(`${field}.${k}`);
  const name = (s.name as string).trim();
  if (name.length > 200) w("name")("longer than 200 characters; shortened");
  const description = readText(s.description, 5000, w("description")) ?? "";
  // `software` may be a bare name ("Nextcloud") or a schema.org SoftwareApplication.
  const sw: Json = typeof s.software === "string" ? { name: s.software } : isObject(s.software) ? s.software : {};
  if (s.software != null && typeof s.software !== "string" && !isObject(s.software)) w("software")("not a name or an object; ignored");
  const software = {
    name: readText(sw.name, 200, w("software.name")),
    website: readUrl(sw.url, w("software.url")),
    license: readText(sw.license, 200, w("software.license")),
    license_url: readUrl(sw.licenseUrl, w("software.licenseUrl")),
    version: readText(sw.softwareVersion, 100, w("software.softwareVersion")),
    source_url: readUrl(sw.codeRepository, w("software.codeRepository")),
    modules: readList(sw.modules, w("software.modules")).map((x) => truncate(x, 200)),
  };
  const explicit = typeof s.serviceType === "string" ? s.serviceType.trim() : undefined;
  const guess = inferServiceKind({ explicit, software: software.name, name, description });
  if (explicit && guess.reason !== "declared explicitly") w("serviceType")(`"${explicit}" is not a service kind; guessed instead`);
  if (!guess.confident) w("serviceType")(`kind guessed as ${guess.kind} (${guess.reason}); please confirm`);

  const c = isObject(s.meta) && isObject(s.meta.chatiere) ? s.meta.chatiere : {};
  const m = (k: string) => w(`meta.chatiere.${k}`);
  const q = isObject(c.quotas) ? c.quotas : {};
  const p = isObject(c.pricing) ? c.pricing : {};
  const int0 = { min: 0, int: true };
  const registration = readRegistration(c.registration, m("registration"));
  const model = readEnum(p.model, PRICING_MODELS, m("pricing.model"));
  const amount = readNumber(p.amount_cents, int0, m("pricing.amount_cents"));
  if (!model && registration === "Client" && amount === null) m("pricing.model")(PRICE_UNKNOWN);
  if (p.currency !== undefined && String(p.currency).toUpperCase() !== "EUR") {
    m("pricing.currency")(`${JSON.stringify(p.currency)} is not supported; read as EUR`);
  }
  const ident = typeof s.identifier === "string" ? s.identifier.trim() : "";
  return {
    key: ident && ident.length <= 200 ? ident : slugify(name),
    service: guess.kind,
    name: truncate(name, 200),
    description,
    website: readUrl(s.url, w("url")),
    software,
    ...featuresAndTags(readFeatures(c.features, m("features"), guess.kind), readTags(c.tags, m("tags"))),
    quotas: {
      storage_gb: readNumber(q.storage_gb, { min: 0 }, m("quotas.storage_gb")),
      mailboxes: readNumber(q.mailboxes, int0, m("quotas.mailboxes")),
      aliases: readNumber(q.aliases, int0, m("quotas.aliases")),
      lists: readNumber(q.lists, int0, m("quotas.lists")),
      subscribers: readNumber(q.subscribers, int0, m("quotas.subscribers")),
      domains: readNumber(q.domains, int0, m("quotas.domains")),
    },
    registration,
    load: readEnum(c.load, LOADS, m("load")) ?? "OPEN",
    pricing: {
      model: model ?? pricingFromRegistration(registration),
      amount_cents: amount ?? 0,
      currency: "EUR",
      period: readEnum(p.period, PRICE_PERIODS, m("pricing.period")) ?? "month",
      unit: readEnum(p.unit, PRICE_UNITS, m("pricing.unit")) ?? "flat",
      setup_fee_cents: readNumber(p.setup_fee_cents, int0, m("pricing.setup_fee_cents")) ?? 0,
    },
    hosting_country: readCountry(c.hostingCountry, null, m("hostingCountry")),
    hardware_hosting: readEnum(c.hardware, HARDWARE_HOSTING, m("hardware")),
    status: readEnum(c.status, OFFER_STATUSES, m("status")) ?? "published",
    started_on: readDate(c.startedOn, m("startedOn")),
  };
}

/** The provider as a librehost.json document: every v0.0.1 key present ("" when unknown, as the
 *  network's validator checks that keys exist), then the extensions. */
export function writeLibreHost(provider: ProviderInput, offers: OfferInput[], opts: { generatedAt?: string } = {}): Json {
  const p = provider;
  const omitNull = <T>(v: T | null) => v ?? undefined;
  const doc = {
    "@context": "http://schema.org",
    "@type": "Organization",
    version: LIBREHOST_SCHEMA_VERSION,
    organizationType: LEGAL_FORM_LABELS[p.legal_form],
    name: p.name,
    tagLine: "",
    homeUrl: p.website ?? "",
    logo: p.logo_url ?? "",
    description: p.description,
    communicationLanguages: p.languages,
    contactUrl: p.contact_url ?? "",
    privacyPolicyUrl: "",
    termsOfServiceUrl: p.legal_url ?? "",
    isServiceProvider: true,
    foundingDate: p.founded_on ?? "",
    dateCreated: opts.generatedAt ?? "",
    dateModified: opts.generatedAt ?? "",
    email: omitNull(p.contact_email),
    location: {
      address: omitNull(p.address),
      addressCountry: omitNull(p.country_code),
      latitude: omitNull(p.latitude),
      longitude: omitNull(p.longitude),
    },
    memberOf: p.memberships.map((m) => ({
      "@type": "Organization",
      name: m.network,
      status: m.status,
      startDate: omitNull(m.since),
      endDate: omitNull(m.until),
    })),
    services: offers.map((o) => ({
      "@type": "Service",
      identifier: o.key,
      name: o.name,
      serviceType: o.service,
      description: o.description,
      url: omitNull(o.website),
      software: {
        "@type": "SoftwareApplication",
        name: omitNull(o.software.name),
        url: omitNull(o.software.website),
        license: omitNull(o.software.license),
        licenseUrl: omitNull(o.software.license_url),
        softwareVersion: omitNull(o.software.version),
        codeRepository: omitNull(o.software.source_url),
        modules: o.software.modules,
      },
      meta: {
        chatiere: {
          features: o.features,
          tags: o.tags,
          quotas: o.quotas,
          pricing: o.pricing,
          registration: o.registration,
          load: o.load,
          status: o.status,
          startedOn: omitNull(o.started_on),
          hostingCountry: omitNull(o.hosting_country),
          hardware: omitNull(o.hardware_hosting),
        },
      },
    })),
    meta: {
      chatiere: {
        status: p.status,
        userGuideUrl: omitNull(p.user_guide_url),
        technicalGuideUrl: omitNull(p.technical_guide_url),
        hardware: omitNull(p.hardware_hosting),
        accepting: p.accepting_members,
        capacity: omitNull(p.capacity),
        commitments: p.commitments.map((c) => ({ charter: c.charter, evidence: omitNull(c.evidence_url) })),
        funding: p.funding,
        social: p.social,
        demo: p.is_demo || undefined,
      },
    },
  };
  return JSON.parse(JSON.stringify(doc)) as Json; // drops the undefined keys, as the wire would
}
