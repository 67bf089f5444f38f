// The member's service form, one per kind: posted text in, a service checked by the inventory's own
// zod schema out, or an error code per field (the page translates them next to each field). Pure.
import { formText } from "../../lib/form";
import { INVENTORY_KINDS, inventoryServiceSchema, type InventoryKind, type InventoryService } from "../inventory";

export const FORM_FIELDS: Record<InventoryKind, readonly string[]> = {
  web_hosting: ["host", "software", "disk_mb", "database_mb"],
  mailbox: ["address", "quota_mb", "used_mb"],
  mail_alias: ["address", "targets"],
  mailing_list: ["address", "subscribers", "archive_mb", "owners"],
  domain_registration: ["name", "registrar", "expires_on", "dns_hosted"],
  dns_hosting: ["name"],
};

export type FieldErrorCode = "domain" | "address" | "addresses" | "mb" | "count" | "text" | "date" | "duplicate";

const CODE: Record<string, FieldErrorCode> = {
  host: "domain",
  name: "domain",
  address: "address",
  targets: "addresses",
  owners: "addresses",
  disk_mb: "mb",
  database_mb: "mb",
  quota_mb: "mb",
  used_mb: "mb",
  archive_mb: "mb",
  subscribers: "count",
  software: "text",
  registrar: "text",
  expires_on: "date",
};

const NUMBERS = new Set(["disk_mb", "database_mb", "quota_mb", "used_mb", "archive_mb", "subscribers"]);
const LISTS = new Set(["targets", "owners"]);

export type FormValues = Record<string, string>;
export type ServiceForm = { ok: true; service: InventoryService } | { ok: false; values: FormValues; errors: Record<string, FieldErrorCode> };

export const isKind = (k: string): k is InventoryKind => (INVENTORY_KINDS as readonly string[]).includes(k);

/** A stored service as the form's values. */
export function valuesOf(s: InventoryService): FormValues {
  const out: FormValues = {};
  for (const f of FORM_FIELDS[s.kind]) {
    const v = (s as Record<string, unknown>)[f];
    out[f] = v === null || v === undefined ? "" : Array.isArray(v) ? v.join("\n") : f === "dns_hosted" ? (v ? "1" : "") : String(v);
  }
  return out;
}

/**
 * Reads the form of `kind`. An empty field is an absent one; a number that is not one stays text for
 * the schema to refuse. DNS records have no form: an edit keeps those of `previous`.
 */
export function readServiceForm(kind: InventoryKind, body: Record<string, unknown>, previous?: InventoryService): ServiceForm {
  const values: FormValues = {};
  const input: Record<string, unknown> = { kind };
  for (const f of FORM_FIELDS[kind]) {
    const raw = formText(body[f], LISTS.has(f) ? 30_000 : 1000);
    values[f] = raw;
    const v = raw.trim();
    if (f === "dns_hosted") input[f] = v !== "";
    else if (v === "") continue;
    else if (NUMBERS.has(f)) input[f] = /^\d+$/.test(v) ? Number(v) : v;
    else if (LISTS.has(f)) input[f] = v.split(/[\r\n;,]+/).map((x) => x.trim()).filter(Boolean);
    else input[f] = v;
  }
  if (kind === "mailing_list" && input.subscribers === undefined) input.subscribers = 0;
  if (previous && previous.kind === kind && (kind === "domain_registration" || kind === "dns_hosting")) input.records = (previous as { records: unknown }).records;
  const parsed = inventoryServiceSchema.safeParse(input);
  if (parsed.success) return { ok: true, service: parsed.data };
  const errors: Record<string, FieldErrorCode> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "");
    if (CODE[field]) errors[field] ??= CODE[field];
  }
  return { ok: false, values, errors };
}

