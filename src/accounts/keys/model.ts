// API keys as data: which scopes each kind of owner may give, a key's state, and the create form
// read into a checked input. Pure, so the rules are unit-tested without a database.
import { z } from "zod";
import { dayEnd, isCalendarDay, today } from "../../lib/days";
import type { ApiScope } from "../../db/schema";
import { formList, formText } from "../../lib/form";

/** A provider organisation's keys manage its offers, its webhook endpoints and its side of migrations (migrations:write), nothing else. */
export const ORG_KEY_SCOPES = ["offers:write", "webhooks:manage", "migrations:write"] as const satisfies readonly ApiScope[];
/** A member organisation's keys manage its webhook endpoints only (it has no offers). */
export const MEMBER_ORG_KEY_SCOPES = ["webhooks:manage"] as const satisfies readonly ApiScope[];

/** The scopes an organisation of this kind may give its keys; none (no keys at all) for the cooperative. */
export function orgKeyScopes(kind: string): readonly ApiScope[] | null {
  if (kind === "provider") return ORG_KEY_SCOPES;
  if (kind === "member") return MEMBER_ORG_KEY_SCOPES;
  return null;
}
/** A steward's personal keys import the catalogue and the members' inventories, read the audit log, retry failed outgoing messages and read the platform's health. */
export const STEWARD_KEY_SCOPES = ["catalog:import", "audit:read", "outbox:manage", "health:read", "transition:import", "transition:read", "migrations:write"] as const satisfies readonly ApiScope[];

export const KEY_NAME_MAX = 80;

/** Whose keys a list shows: a provider organisation's, or one steward's personal (org-less) ones. */
export type KeyOwner = { kind: "org"; orgId: string } | { kind: "steward"; userId: string };

export type KeyState = "active" | "expired" | "revoked";

export function keyState(key: { revokedAt: string | null; expiresAt: string | null }, now: string): KeyState {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return "active";
}

export type KeyFieldError =
  | { field: "name"; code: "required" | "too_long" }
  | { field: "scopes"; code: "required" | "not_allowed" }
  | { field: "expires"; code: "invalid" | "past" };

export interface KeyInput {
  name: string;
  scopes: ApiScope[];
  /** The instant the key stops working: the end of the chosen day in Brussels. */
  expiresAt: string | null;
}

/** What the form sent back, to show it again next to the errors. */
export interface KeyFormValues {
  name: string;
  scopes: string[];
  expires: string;
}

type FormBody = Record<string, string | File | (string | File)[]>;


const nameSchema = z.string().trim().min(1, "required").max(KEY_NAME_MAX, "too_long");

export function readKeyForm(
  body: FormBody,
  allowed: readonly ApiScope[],
  now: Date = new Date(),
): { ok: true; value: KeyInput } | { ok: false; errors: KeyFieldError[]; values: KeyFormValues } {
  const values: KeyFormValues = { name: formText(body.name, 400), scopes: formList(body.scopes, 10, 40), expires: formText(body.expires, 400).trim().slice(0, 40) };
  const errors: KeyFieldError[] = [];
  const name = nameSchema.safeParse(values.name);
  if (!name.success) errors.push({ field: "name", code: name.error.issues[0]?.message === "too_long" ? "too_long" : "required" });
  const scopes = [...new Set(values.scopes)];
  if (!scopes.length) errors.push({ field: "scopes", code: "required" });
  else if (scopes.some((s) => !(allowed as readonly string[]).includes(s))) errors.push({ field: "scopes", code: "not_allowed" });
  let expiresAt: string | null = null;
  if (values.expires) {
    if (!isCalendarDay(values.expires)) errors.push({ field: "expires", code: "invalid" });
    else if (values.expires < today(now)) errors.push({ field: "expires", code: "past" });
    else expiresAt = dayEnd(values.expires);
  }
  if (errors.length || !name.success) return { ok: false, errors, values };
  return { ok: true, value: { name: name.data, scopes: scopes as ApiScope[], expiresAt } };
}
