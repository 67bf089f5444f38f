// What each member has at the old host, one service per row, by the catalogue's service kinds; the
// bulk import body stewards send; each service's natural key. Pure: the import service stores what
// parseInventory returns and diffInventory says what changed.
// Plain zod (not @hono/zod-openapi) so that this file never pulls Hono in; routes may wrap it.
import { z } from "zod";
import { LANGS } from "../lib/lang";
import { normaliseCompanyNumber } from "../accounts/orgs/company-number";
import { isCalendarDay } from "../lib/days";
import type { FieldError } from "../lib/problem";
import { ADDRESS_HINT, DOMAIN_HINT, normaliseAddress, normaliseDomain } from "./names";

export const INVENTORY_KINDS = ["web_hosting", "mailbox", "mail_alias", "mailing_list", "domain_registration", "dns_hosting"] as const;
export type InventoryKind = (typeof INVENTORY_KINDS)[number];
export const DNS_RECORD_TYPES = ["A", "AAAA", "CAA", "CNAME", "MX", "NS", "SRV", "TXT"] as const;

export const MAX_ORGANISATIONS = 2000;
export const MAX_SERVICES = 1000;
/** 10 TB in MB: a bound that no real mailbox or site reaches, so a typo (a byte count) is caught. */
const MAX_MB = 10_000_000;

/** Control characters never belong in a name; text is stored NFC so that look-alike inputs compare equal. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const text = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().min(1, "must not be empty").max(max, `at most ${max} characters`).refine((s) => !CONTROL.test(s), "no control characters"));
const optionalText = (max: number) => text(max).nullable().optional().transform((v) => v ?? null);

const domain = z.string().transform((s, ctx) => normaliseDomain(s) ?? (ctx.addIssue({ code: "custom", message: DOMAIN_HINT }), z.NEVER));
const address = z.string().transform((s, ctx) => normaliseAddress(s) ?? (ctx.addIssue({ code: "custom", message: ADDRESS_HINT }), z.NEVER));
/** Order and repeats carry no meaning in a list of addresses: stored sorted and unique, so a re-import compares equal. */
const addresses = (min: number) => z.array(address).max(500).transform((xs) => [...new Set(xs)].sort()).pipe(z.array(z.string()).min(min, `at least ${min} address`));
const mb = z.number().int("a whole number of MB").min(0).max(MAX_MB);
const optionalMb = mb.nullable().optional().transform((v) => v ?? null);
const day = z.string().refine(isCalendarDay, "a date as YYYY-MM-DD");

export const dnsRecordSchema = z
  .strictObject({
    /** Relative to the zone: "@" for the apex, "www", "_dmarc"… */
    name: z.string().trim().min(1).max(253).regex(/^(@|\*|[A-Za-z0-9_*-]+(\.[A-Za-z0-9_-]+)*)$/, "a name relative to the zone, such as @ or www"),
    type: z.enum(DNS_RECORD_TYPES),
    value: z.string().trim().min(1).max(4096).refine((s) => !CONTROL.test(s), "no control characters"),
    ttl: z.number().int().min(30).max(2_592_000).nullable().optional().transform((v) => v ?? null),
    priority: z.number().int().min(0).max(65_535).nullable().optional().transform((v) => v ?? null),
  })
  .superRefine((r, ctx) => {
    if (r.type === "A" && !z.ipv4().safeParse(r.value).success) ctx.addIssue({ code: "custom", path: ["value"], message: "an IPv4 address" });
    if (r.type === "AAAA" && !z.ipv6().safeParse(r.value).success) ctx.addIssue({ code: "custom", path: ["value"], message: "an IPv6 address" });
    if ((r.type === "MX" || r.type === "SRV") && r.priority === null) ctx.addIssue({ code: "custom", path: ["priority"], message: `this ${r.type} record needs a priority` });
  });
export type DnsRecord = z.output<typeof dnsRecordSchema>;
const records = z.array(dnsRecordSchema).max(2000).optional().transform((v) => v ?? []);

export const webHostingSchema = z.strictObject({
  kind: z.literal("web_hosting"),
  host: domain,
  /** WordPress, SPIP, Drupal, static… as the old host knows it. */
  software: optionalText(100),
  disk_mb: optionalMb,
  database_mb: optionalMb,
});
export const mailboxSchema = z.strictObject({ kind: z.literal("mailbox"), address, quota_mb: optionalMb, used_mb: optionalMb });
export const mailAliasSchema = z.strictObject({ kind: z.literal("mail_alias"), address, targets: addresses(1) });
/** A Sympa list: its posting address, how many subscribers, its archive's size and its owners. */
export const mailingListSchema = z.strictObject({
  kind: z.literal("mailing_list"),
  address,
  subscribers: z.number().int().min(0).max(10_000_000),
  archive_mb: optionalMb,
  owners: addresses(0).optional().transform((v) => v ?? []),
});
export const domainRegistrationSchema = z.strictObject({
  kind: z.literal("domain_registration"),
  name: domain,
  registrar: optionalText(200),
  expires_on: day.nullable().optional().transform((v) => v ?? null),
  /** The old host serves this domain's zone: it needs a dns_hosting home too. */
  dns_hosted: z.boolean().optional().transform((v) => v ?? false),
  records,
});
/** A zone the old host serves for a domain registered elsewhere. */
export const dnsHostingSchema = z.strictObject({ kind: z.literal("dns_hosting"), name: domain, records });

export const inventoryServiceSchema = z.discriminatedUnion("kind", [
  webHostingSchema,
  mailboxSchema,
  mailAliasSchema,
  mailingListSchema,
  domainRegistrationSchema,
  dnsHostingSchema,
]);
export type InventoryService = z.output<typeof inventoryServiceSchema>;
export type InventoryServiceInput = z.input<typeof inventoryServiceSchema>;

/**
 * A service's identity across imports: its kind and its address, host or name, normalised. The
 * kind is part of it because a domain's registration and its zone are two services with one name.
 */
export function naturalKey(s: InventoryService): string {
  switch (s.kind) {
    case "web_hosting":
      return `web_hosting:${s.host}`;
    case "mailbox":
    case "mail_alias":
    case "mailing_list":
      return `${s.kind}:${s.address}`;
    case "domain_registration":
    case "dns_hosting":
      return `${s.kind}:${s.name}`;
  }
}

/** What identifies a service to people (no kind prefix): the address, host or name. */
export function serviceLabel(s: InventoryService): string {
  return naturalKey(s).slice(s.kind.length + 1);
}

export const inventoryOrganisationSchema = z
  .strictObject({
    /** The old host's own reference for this member: matches the organisation across imports. */
    external_ref: z.string().trim().min(1).max(100).regex(/^[\p{L}\p{N}._:/-]+$/u, "letters, digits and . _ : / - only"),
    name: text(200),
    legal_name: optionalText(200),
    enterprise_number: z
      .string()
      .nullable()
      .optional()
      .transform((v, ctx) => {
        if (v === null || v === undefined || v.trim() === "") return null;
        const r = normaliseCompanyNumber(v);
        if (r.ok) return r.value;
        ctx.addIssue({ code: "custom", message: "a Belgian enterprise number or an EU VAT number" });
        return z.NEVER;
      }),
    // Spreadsheets write "be" and "NL" as often as "BE" and "nl": case carries no meaning here.
    country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "an ISO country code such as BE").nullable().optional().transform((v) => v ?? null),
    contact_email: address,
    /** The contact's language: the invitation is written in it. */
    language: z.string().trim().toLowerCase().pipe(z.enum(LANGS, "fr, nl or en")).optional().transform((v) => v ?? "fr"),
    services: z.array(inventoryServiceSchema).max(MAX_SERVICES),
  })
  .superRefine((org, ctx) => {
    const seen = new Map<string, number>();
    org.services.forEach((s, i) => {
      const key = naturalKey(s);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else ctx.addIssue({ code: "custom", path: ["services", i, keyField(s.kind)], message: `the same ${keyField(s.kind)} as services.${first}` });
    });
  });
export type InventoryOrganisation = z.output<typeof inventoryOrganisationSchema>;

export const inventoryImportSchema = z
  .strictObject({ organisations: z.array(inventoryOrganisationSchema).min(1, "at least one organisation").max(MAX_ORGANISATIONS) })
  .superRefine((body, ctx) => {
    const seen = new Map<string, number>();
    body.organisations.forEach((o, i) => {
      const first = seen.get(o.external_ref);
      if (first === undefined) seen.set(o.external_ref, i);
      else ctx.addIssue({ code: "custom", path: ["organisations", i, "external_ref"], message: `the same external_ref as organisations.${first}` });
    });
  });
export type InventoryImport = z.output<typeof inventoryImportSchema>;
export type InventoryImportInput = z.input<typeof inventoryImportSchema>;

/** The field that holds a kind's natural key. */
export function keyField(kind: InventoryKind): "host" | "address" | "name" {
  return kind === "web_hosting" ? "host" : kind === "domain_registration" || kind === "dns_hosting" ? "name" : "address";
}

export type InventoryParse = { ok: true; value: InventoryImport } | { ok: false; errors: FieldError[] };

/**
 * Validates and normalises an import body. Each error names its place as a dotted path
 * (`organisations.2.services.5.quota_mb`); a field the schema does not know is named itself.
 */
export function parseInventory(body: unknown): InventoryParse {
  const r = inventoryImportSchema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: issuesToErrors(r.error.issues) };
}

export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") return issue.keys.map((k) => ({ field: [...path, k].join("."), message: "unknown field" }));
    return [{ field: path.join(".") || "(body)", message: issue.message }];
  });
}
