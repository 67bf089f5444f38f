// Rows → the API's snake_case shapes (and their zod schemas for OpenAPI), and the register as CSV. Pure.
import { z } from "@hono/zod-openapi";
import type { ShareClassRow, ShareholderRow } from "../../db/schema";
import { euros, toCsv } from "../payments/export";
import type { RunningEntry } from "./register";
import type { EntryView, RequestView } from "./repository";

export const classSchema = z
  .object({ id: z.string(), code: z.string(), name: z.string(), nominal_cents: z.number().int(), min_shares: z.number().int(), max_shares: z.number().int(), required_for_users: z.boolean() })
  .openapi("ShareClass");
export function classDto(c: ShareClassRow): z.infer<typeof classSchema> {
  return { id: c.id, code: c.code, name: c.name, nominal_cents: c.nominalCents, min_shares: c.minShares, max_shares: c.maxShares, required_for_users: c.requiredForUsers };
}

export const holderSchema = z
  .object({ id: z.string(), kind: z.enum(["organisation", "person"]), organisation_id: z.string().nullable(), name: z.string(), street: z.string(), postcode: z.string(), city: z.string(), country_code: z.string(), enterprise_number: z.string().nullable() })
  .openapi("Shareholder");
export function holderDto(h: ShareholderRow): z.infer<typeof holderSchema> {
  return { id: h.id, kind: h.kind, organisation_id: h.orgId, name: h.name, street: h.street, postcode: h.postcode, city: h.city, country_code: h.countryCode, enterprise_number: h.enterpriseNumber };
}

export const requestSchema = z
  .object({
    id: z.string(),
    status: z.enum(["pending", "approved", "refused"]),
    class: z.string(),
    shares: z.number().int(),
    nominal_cents: z.number().int(),
    holder: holderSchema,
    requested_at: z.string(),
    decided_on: z.string().nullable(),
    refusal_reason: z.string().nullable(),
    capital_call: z.object({ id: z.string(), number: z.string().nullable(), status: z.string(), total_cents: z.number().int(), paid_cents: z.number().int() }).nullable(),
  })
  .openapi("ShareRequest");
export function requestDto(v: RequestView): z.infer<typeof requestSchema> {
  const r = v.request;
  return {
    id: r.id,
    status: r.status,
    class: v.cls.code,
    shares: r.shares,
    nominal_cents: r.nominalCents,
    holder: holderDto(v.holder),
    requested_at: r.createdAt,
    decided_on: r.decidedOn,
    refusal_reason: r.refusalReason,
    capital_call: r.documentId && v.call ? { id: r.documentId, number: v.call.number, status: v.call.status, total_cents: v.call.totalCents, paid_cents: v.call.paidCents } : null,
  };
}

export const entrySchema = z
  .object({
    id: z.string(),
    on: z.string(),
    holder_id: z.string(),
    holder: z.string(),
    class: z.string(),
    kind: z.enum(["subscription", "payment", "transfer", "redemption"]),
    shares: z.number().int(),
    amount_cents: z.number().int(),
    class_shares_after: z.number().int(),
    capital_cents_after: z.number().int(),
    paid_in_cents_after: z.number().int(),
    document_id: z.string().nullable(),
    counterpart_id: z.string().nullable().openapi({ description: "Transfers: the other holder (the receiver of an entry out, the giver of an entry in)" }),
    counterpart: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi("RegisterEntry");
export function entryDto(r: RunningEntry<EntryView>): z.infer<typeof entrySchema> {
  const e = r.entry;
  return { id: e.id, on: e.on, holder_id: e.holderId, holder: e.holderName, class: e.classCode, kind: e.kind, shares: e.shares, amount_cents: e.amountCents, class_shares_after: r.classShares, capital_cents_after: r.capitalCents, paid_in_cents_after: r.paidInCents, document_id: e.documentId, counterpart_id: e.counterpartId, counterpart: e.counterpartName, note: e.note };
}

/** The register as CSV, one line per entry with the running totals (amounts in euros, as numbers). */
export function registerCsv(rows: readonly RunningEntry<EntryView>[], holders: ReadonlyMap<string, ShareholderRow>): string {
  return toCsv(
    ["date", "holder_id", "holder", "address", "enterprise_number", "class", "kind", "shares", "amount_eur", "class_shares_after", "capital_eur_after", "paid_in_eur_after", "entry_id", "counterpart_id", "counterpart"],
    rows.map((r) => {
      const e = r.entry;
      const h = holders.get(e.holderId);
      return [e.on, e.holderId, e.holderName, h ? `${h.street}, ${h.postcode} ${h.city}, ${h.countryCode}` : "", h?.enterpriseNumber ?? "", e.classCode, e.kind, e.shares, { amount: euros(e.amountCents) }, r.classShares, { amount: euros(r.capitalCents) }, { amount: euros(r.paidInCents) }, e.id, e.counterpartId ?? "", e.counterpartName ?? ""];
    }),
  );
}
