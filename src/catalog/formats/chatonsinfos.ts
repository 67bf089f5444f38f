// ChatonsInfos (https://framagit.org/chatons/chatonsinfos, protocol ChatonsInfos-0.5): one
// organization.properties plus one .properties file per service. We read the standard keys and
// carry what the format lacks (languages, quotas, pricing…) under a `chatiere.` key namespace.
// Broken files and missing names are errors naming the field; odd values are warnings, never crashes.
import { validationError, type FieldError } from "../../lib/problem";
import type { z } from "@hono/zod-openapi";
import {
  HARDWARE_HOSTING, LEGAL_FORMS, LOADS, OFFER_STATUSES, PRICE_PERIODS, PRICE_UNITS, PRICING_MODELS, PROVIDER_STATUSES,
  offerInputSchema, providerInputSchema,
  type ImportedProvider, type OfferInput, type ProviderInput,
} from "../model";
import { parseProperties, writeProperties, type PropertiesLine } from "./properties";
import { inferServiceKind } from "./service-kind";
import {
  countryName, fail, PRICE_UNKNOWN, pricingFromRegistration, providerKey, readBool, readCountry, readDate, readEmail, readEnum, readFeatures, readTags, featuresAndTags, readLanguages,
  readList, readNumber, readRegistration, readText, readUrl, slugify, truncate, uniqueKeys, type Warn,
} from "./values";

export const CHATONSINFOS_PROTOCOL = "ChatonsInfos-0.5";
const GENERATOR = "Chatière";
const KNOWN_PREFIXES = ["file.", "organization.", "service.", "software.", "host.", "subs.", "metrics.", "federation.", "chatiere."];

export interface ChatonsInfosInput {
  organization: string;
  services: string[];
}

type Props = Map<string, string>;

/** `organization.name` for the organization file, `services.2.service.name` for the third service. */
const fieldOf = (file: string, key: string) => (key.startsWith(`${file}.`) ? key : `${file}.${key}`);

export function importChatonsInfos(input: ChatonsInfosInput): ImportedProvider {
  const errors: FieldError[] = [];
  const raw = (input ?? {}) as Partial<Record<keyof ChatonsInfosInput, unknown>>;
  if (typeof raw.organization !== "string") errors.push({ field: "organization", message: "must be the text of organization.properties" });
  if (!Array.isArray(raw.services)) errors.push({ field: "services", message: "must be a list of service .properties texts" });
  else
    raw.services.forEach((s, i) => {
      if (typeof s !== "string") errors.push({ field: `services.${i}`, message: "must be the text of a service .properties file" });
    });
  if (errors.length) throw fail(errors);

  const warnings: string[] = [];
  const org = readFile(input.organization, "organization", "organization", errors, warnings);
  const services = input.services.map((text, i) => readFile(text, `services.${i}`, "service", errors, warnings));
  if (org && !org.get("organization.name")?.trim()) errors.push({ field: "organization.name", message: "is required" });
  services.forEach((s, i) => {
    if (s && !s.get("service.name")?.trim()) errors.push({ field: `services.${i}.service.name`, message: "is required" });
  });
  if (errors.length || !org) throw fail(errors);

  const offers = services.map((s, i) => readOffer(s as Props, `services.${i}`, warnings));
  const keys = uniqueKeys(offers.map((o) => slugify(o.name)), "service");
  const parsedOffers = offers.map((o, i) => parseOr(offerInputSchema, { ...o, key: keys[i] }, `services.${i}`));
  const provider = parseOr(providerInputSchema, readProvider(org, services as Props[], warnings), "organization");
  return { provider, key: providerKey(provider.website, provider.name), offers: parsedOffers, warnings };
}

/** The zod schema applies the defaults; a failure here is a reader bug, still reported per field. */
function parseOr<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw validationError(r.error, prefix);
  return r.data;
}

/** Parses one file and checks that it is the ChatonsInfos file we expect; null when it is not. */
function readFile(text: string, field: string, expected: "organization" | "service", errors: FieldError[], warnings: string[]): Props | null {
  let props: Props;
  try {
    if (text.includes("\u0000")) throw new Error("binary content");
    props = parseProperties(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    errors.push({ field, message: `is not a readable .properties file (${why})` });
    return null;
  }
  if (![...props.keys()].some((k) => KNOWN_PREFIXES.some((p) => k.startsWith(p)))) {
    errors.push({ field, message: `is not a ChatonsInfos ${expected} file (no ChatonsInfos key found)` });
    return null;
  }
  const cls = props.get("file.class")?.trim();
  if (!cls) warnings.push(`${field}.file.class: missing; read as ${expected}`);
  else if (cls.toLowerCase() !== expected) {
    errors.push({ field: `${field}.file.class`, message: `is "${cls}", expected "${expected}"` });
    return null;
  }
  // U+FFFD means the bytes were not UTF-8: most likely an ISO-8859-1 file, as Java writes them.
  if (text.includes("\uFFFD")) warnings.push(`${field}: contains undecodable characters (�); is the file saved as UTF-8?`);
  const protocol = props.get("file.protocol")?.trim();
  if (protocol && !/^chatonsinfos/i.test(protocol)) warnings.push(`${field}.file.protocol: "${protocol}" is not a ChatonsInfos protocol`);
  return props;
}

/** Reads the values of one file, each warning prefixed by its field. */
function reader(props: Props, file: string, warnings: string[]) {
  const warn = (key: string): Warn => (message) => warnings.push(`${fieldOf(file, key)}: ${message}`);
  const get = (key: string) => props.get(key);
  return {
    get,
    warn,
    text: (key: string, max: number) => readText(get(key), max, warn(key)),
    url: (key: string) => readUrl(get(key), warn(key)),
    date: (key: string) => readDate(get(key), warn(key)),
    num: (key: string, opts: Parameters<typeof readNumber>[1]) => readNumber(get(key), opts, warn(key)),
    enumOf: <T extends string>(key: string, values: readonly T[]) => readEnum(get(key), values, warn(key)),
    country: (code: string, name: string) => readCountry(get(code), get(name), warn(code)),
    /** Keys `prefix.<name>.<rest>` grouped by name, in file order. */
    groups(prefix: string): Map<string, Map<string, string>> {
      const out = new Map<string, Map<string, string>>();
      for (const [k, v] of props) {
        const m = k.startsWith(prefix) ? /^([^.]+)(?:\.(.+))?$/.exec(k.slice(prefix.length)) : null;
        if (!m?.[1]) continue;
        const group = out.get(m[1]) ?? new Map<string, string>();
        group.set(m[2] ?? "", v);
        out.set(m[1], group);
      }
      return out;
    },
  };
}

function readProvider(props: Props, services: Props[], warnings: string[]): ProviderInput {
  const r = reader(props, "organization", warnings);
  const name = r.get("organization.name")?.trim() ?? "";
  if (name.length > 200) r.warn("organization.name")("longer than 200 characters; shortened");

  const memberships: ProviderInput["memberships"] = [];
  for (const [network, g] of r.groups("organization.memberof.")) {
    const w = (sub: string) => r.warn(`organization.memberof.${network}.${sub}`);
    const name = truncate(network.toLowerCase(), 80);
    if (memberships.some((m) => m.network === name)) {
      w("status.level")(`"${network}" repeats the network "${name}" in another case; ignored`);
      continue;
    }
    memberships.push({
      network: name,
      status: readEnum(g.get("status.level"), PROVIDER_STATUSES, w("status.level")) ?? "ACTIVE",
      since: readDate(g.get("startdate"), w("startdate")),
      until: readDate(g.get("enddate"), w("enddate")),
    });
  }
  const commitments = [...r.groups("chatiere.commitments.")]
    .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
    .flatMap(([n, g]) => {
      const charter = readText(g.get("charter"), 200, r.warn(`chatiere.commitments.${n}.charter`));
      if (!charter) {
        r.warn(`chatiere.commitments.${n}.charter`)("missing; commitment ignored");
        return [];
      }
      return [{ charter, evidence_url: readUrl(g.get("evidence"), r.warn(`chatiere.commitments.${n}.evidence`)) }];
    });
  const record = (prefix: string) =>
    Object.fromEntries(
      [...r.groups(prefix)].flatMap(([k, g]) => {
        const v = readText(g.get(""), 2000, r.warn(`${prefix}${k}`));
        return v ? [[k, v]] : [];
      }),
    );
  // Without a provider-level statement, the services that state a host.provider.type tell, if they agree.
  const hosts = new Set(services.flatMap((s) => readEnum(s.get("host.provider.type"), HARDWARE_HOSTING, () => {}) ?? []));
  const derivedHardware = hosts.size === 1 ? ([...hosts][0] ?? null) : null;

  return {
    name: truncate(name, 200),
    description: r.text("organization.description", 5000) ?? "",
    legal_form: r.enumOf("organization.type", LEGAL_FORMS) ?? "OTHER",
    status: r.enumOf("organization.status.level", PROVIDER_STATUSES) ?? "ACTIVE",
    founded_on: r.date("organization.startdate"),
    website: r.url("organization.website"),
    logo_url: r.url("organization.logo"),
    contact_url: r.url("organization.contact.url"),
    contact_email: readEmail(r.get("organization.contact.email"), r.warn("organization.contact.email")),
    legal_url: r.url("organization.legal.url"),
    user_guide_url: r.url("organization.guide.user"),
    technical_guide_url: r.url("organization.guide.technical"),
    country_code: r.country("organization.country.code", "organization.country.name"),
    address: r.text("organization.geolocation.address", 500),
    latitude: r.num("organization.geolocation.latitude", { min: -90, max: 90 }),
    longitude: r.num("organization.geolocation.longitude", { min: -180, max: 180 }),
    languages: readLanguages(r.get("chatiere.languages"), r.warn("chatiere.languages")),
    memberships,
    commitments,
    hardware_hosting: r.enumOf("chatiere.hardware", HARDWARE_HOSTING) ?? derivedHardware,
    accepting_members: readBool(r.get("chatiere.accepting"), r.warn("chatiere.accepting")) ?? true,
    capacity: r.num("chatiere.capacity", { min: 0, int: true }),
    funding: record("organization.funding."),
    social: record("organization.socialnetworks."),
    is_demo: readBool(r.get("chatiere.demo"), r.warn("chatiere.demo")) ?? false,
  };
}

type OfferDraft = Omit<OfferInput, "key">;

function readOffer(props: Props, file: string, warnings: string[]): OfferDraft {
  const r = reader(props, file, warnings);
  const name = r.get("service.name")?.trim() ?? "";
  if (name.length > 200) r.warn("service.name")("longer than 200 characters; shortened");
  const description = r.text("service.description", 5000) ?? "";
  const software = {
    name: r.text("software.name", 200),
    website: r.url("software.website"),
    license: r.text("software.license.name", 200),
    license_url: r.url("software.license.url"),
    version: r.text("software.version", 100),
    source_url: r.url("software.source.url"),
    modules: readList(r.get("software.modules"), r.warn("software.modules")).map((m) => truncate(m, 200)),
  };

  const explicit = r.get("chatiere.service.kind")?.trim();
  const guess = inferServiceKind({ explicit, software: software.name, name, description });
  const kindWarn = r.warn("chatiere.service.kind");
  if (explicit && guess.reason !== "declared explicitly") kindWarn(`"${explicit}" is not a service kind; guessed instead`);
  if (!guess.confident) kindWarn(`kind guessed as ${guess.kind} (${guess.reason}); please confirm`);

  const registration = readRegistration(r.get("service.registration"), r.warn("service.registration"));
  const model = r.enumOf("chatiere.pricing.model", PRICING_MODELS);
  const amount = r.num("chatiere.pricing.amount_cents", { min: 0, int: true });
  if (!model && registration === "Client" && amount === null) r.warn("chatiere.pricing.model")(PRICE_UNKNOWN);
  const currency = r.get("chatiere.pricing.currency")?.trim();
  if (currency && currency.toUpperCase() !== "EUR") r.warn("chatiere.pricing.currency")(`"${currency}" is not supported; read as EUR`);
  const overLevel = r.get("service.status.level")?.trim().toUpperCase() === "OVER";
  const int0 = { min: 0, int: true };

  return {
    service: guess.kind,
    name: truncate(name, 200),
    description,
    website: r.url("service.website"),
    software,
    ...featuresAndTags(readFeatures(r.get("chatiere.features"), r.warn("chatiere.features"), guess.kind), readTags(r.get("chatiere.tags"), r.warn("chatiere.tags"))),
    quotas: {
      storage_gb: r.num("chatiere.quota.storage_gb", { min: 0 }),
      mailboxes: r.num("chatiere.quota.mailboxes", int0),
      aliases: r.num("chatiere.quota.aliases", int0),
      lists: r.num("chatiere.quota.lists", int0),
      subscribers: r.num("chatiere.quota.subscribers", int0),
      domains: r.num("chatiere.quota.domains", int0),
    },
    registration,
    load: r.enumOf("service.registration.load", LOADS) ?? "OPEN",
    pricing: {
      model: model ?? pricingFromRegistration(registration),
      amount_cents: amount ?? 0,
      currency: "EUR",
      period: r.enumOf("chatiere.pricing.period", PRICE_PERIODS) ?? "month",
      unit: r.enumOf("chatiere.pricing.unit", PRICE_UNITS) ?? "flat",
      setup_fee_cents: r.num("chatiere.pricing.setup_fee_cents", int0) ?? 0,
    },
    hosting_country: r.country("host.country.code", "host.country.name"),
    hardware_hosting: r.enumOf("host.provider.type", HARDWARE_HOSTING),
    // A service whose ChatonsInfos status is OVER has closed.
    status: r.enumOf("chatiere.status", OFFER_STATUSES) ?? (overLevel ? "archived" : "published"),
    started_on: r.date("service.startdate"),
  };
}

// ---------------------------------------------------------------------------------------------
// Writers: the layout of the official MODELES files (sections as comments), null values left out.

/** `YYYY-MM-DD` → ChatonsInfos' `DD/MM/YYYY`. */
export const toChatonsDate = (iso: string) => iso.split("-").reverse().join("/");

/** A key segment (network, funding or social name) cannot hold a dot. */
const segment = (s: string) => s.replace(/[.\s]+/g, "-");
const date = (iso: string | null) => (iso ? toChatonsDate(iso) : null);

type Value = string | number | boolean | null | undefined;

/** Sections as `# [Title]` comments, like the MODELES files; null and empty values are left out. */
function render(header: string, sections: [title: string, entries: [string, Value][]][]): string {
  const lines: PropertiesLine[] = [
    { comment: header },
    { comment: `Généré par ${GENERATOR} ; les clés chatiere.* sont des extensions Chatière.` },
  ];
  for (const [title, entries] of sections) {
    const kept = entries.filter((e): e is [string, string | number | boolean] => e[1] !== null && e[1] !== undefined && e[1] !== "");
    if (kept.length) lines.push("", { comment: `[${title}]` }, ...kept.map(([k, v]) => [k, String(v)] as const));
  }
  return writeProperties(lines);
}

const fileSection = (cls: string, generatedAt?: string): [string, [string, Value][]] => [
  "File",
  [
    ["file.class", cls],
    ["file.protocol", CHATONSINFOS_PROTOCOL],
    ["file.datetime", generatedAt],
    ["file.generator", GENERATOR],
  ],
];

export function writeOrganizationProperties(
  provider: ProviderInput,
  opts: { services?: { key: string; url: string }[]; generatedAt?: string } = {},
): string {
  const p = provider;
  return render("organization.properties", [
    fileSection("organization", opts.generatedAt),
    [
      "Organisation",
      [
        ["organization.name", p.name],
        ["organization.description", p.description],
        ["organization.type", p.legal_form],
        ["organization.status.level", p.status],
        ["organization.website", p.website],
        ["organization.logo", p.logo_url],
        ["organization.legal.url", p.legal_url],
        ["organization.guide.user", p.user_guide_url],
        ["organization.guide.technical", p.technical_guide_url],
        ["organization.contact.url", p.contact_url],
        ["organization.contact.email", p.contact_email],
        ["organization.country.name", p.country_code && countryName(p.country_code)],
        ["organization.country.code", p.country_code],
        ["organization.geolocation.latitude", p.latitude],
        ["organization.geolocation.longitude", p.longitude],
        ["organization.geolocation.address", p.address],
        ["organization.startdate", date(p.founded_on)],
      ],
    ],
    [
      "Memberof",
      p.memberships.flatMap((m): [string, Value][] => {
        const k = `organization.memberof.${segment(m.network.toLowerCase())}`;
        return [
          [`${k}.startdate`, date(m.since)],
          [`${k}.enddate`, date(m.until)],
          [`${k}.status.level`, m.status],
        ];
      }),
    ],
    ["Funding", Object.entries(p.funding).map(([k, v]) => [`organization.funding.${segment(k)}`, v])],
    ["Socialnetworks", Object.entries(p.social).map(([k, v]) => [`organization.socialnetworks.${segment(k)}`, v])],
    [
      "Chatière",
      [
        ["chatiere.languages", p.languages.join(",")],
        ["chatiere.accepting", p.accepting_members],
        ["chatiere.capacity", p.capacity],
        ["chatiere.hardware", p.hardware_hosting],
        ...p.commitments.flatMap((c, i): [string, Value][] => [
          [`chatiere.commitments.${i + 1}.charter`, c.charter],
          [`chatiere.commitments.${i + 1}.evidence`, c.evidence_url],
        ]),
        ["chatiere.demo", p.is_demo || null],
      ],
    ],
    ["Subs", (opts.services ?? []).map((s) => [`subs.${segment(s.key)}`, s.url])],
  ]);
}

export function writeServiceProperties(offer: OfferInput, provider: ProviderInput, opts: { generatedAt?: string } = {}): string {
  const o = offer;
  const p = provider;
  const sw = o.software;
  return render(`${o.key}.properties`, [
    fileSection("service", opts.generatedAt),
    [
      "Service",
      [
        ["service.name", o.name],
        ["service.description", o.description],
        ["service.website", o.website],
        // ChatonsInfos repeats these per service; the provider's own pages are the best we know.
        ["service.legal.url", p.legal_url],
        ["service.guide.technical", p.technical_guide_url],
        ["service.guide.user", p.user_guide_url],
        ["service.contact.url", p.contact_url],
        ["service.contact.email", p.contact_email],
        ["service.startdate", date(o.started_on)],
        ["service.status.level", o.status === "archived" ? "OVER" : "OK"],
        ["service.registration", o.registration],
        ["service.registration.load", o.load],
      ],
    ],
    [
      "Software",
      [
        ["software.name", sw.name],
        ["software.website", sw.website],
        ["software.license.url", sw.license_url],
        ["software.license.name", sw.license],
        ["software.version", sw.version],
        ["software.source.url", sw.source_url],
        ["software.modules", sw.modules.join(",")],
      ],
    ],
    [
      "Host",
      [
        ["host.provider.type", o.hardware_hosting],
        ["host.country.name", o.hosting_country && countryName(o.hosting_country)],
        ["host.country.code", o.hosting_country],
      ],
    ],
    [
      "Chatière",
      [
        ["chatiere.service.kind", o.service],
        ["chatiere.features", o.features.join(",")],
        ["chatiere.tags", o.tags.join(",")],
        ...Object.entries(o.quotas).map(([k, v]): [string, Value] => [`chatiere.quota.${k}`, v]),
        ...Object.entries(o.pricing).map(([k, v]): [string, Value] => [`chatiere.pricing.${k}`, v]),
        ["chatiere.status", o.status],
      ],
    ],
  ]);
}
