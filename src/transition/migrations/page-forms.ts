// The migration pages' forms, pure: the plan form (one `offer.<inventory id>` select per service)
// read into the service's plan input, the choices each select offers (only offers that can take the
// service, with their warnings), and a move form read into the state machine's Move — each wrong
// field named with the message key the page shows next to it.
import type { MessageKey } from "../../../web/i18n";
import type { Lang } from "../../lib/lang";
import { formText } from "../../lib/form";
import type { InventoryService } from "../inventory";
import { canTake, planMessage, type PlanOffer } from "../plan";
import { DATA_COPY_METHODS, ITEM_STATES, moveSchema, type DataCopyMethod, type ItemState, type Move } from "../states";

export const PLAN_FIELD = "offer.";

/** An offer as a plan choice: what the checks read, and what the select shows. */
export type ChoiceOffer = PlanOffer & { offer_id: string; offer_name: string; provider_name: string };

export interface PlanChoices {
  choices: { value: string; label: string }[];
  /** The translated warning of an offer that can take the service with a caveat (a smaller quota). */
  warnings: Record<string, string>;
}

/** The offers that can take this service, cheapest checks first, in the given order; `except` left out. */
export function planChoices(service: InventoryService, offers: readonly ChoiceOffer[], lang: Lang, except?: string): PlanChoices {
  const choices: PlanChoices["choices"] = [];
  const warnings: Record<string, string> = {};
  for (const o of offers) {
    if (o.offer_id === except) continue;
    const check = canTake(service, o);
    if (!check.ok) continue;
    choices.push({ value: o.offer_id, label: `${o.provider_name} — ${o.offer_name}` });
    if (check.warnings.length) warnings[o.offer_id] = check.warnings.map((w) => planMessage(w, lang)).join(" ");
  }
  return { choices, warnings };
}

/** The posted plan: each listed service with an offer chosen (an empty select leaves it out). */
export function readPlanForm(body: Record<string, unknown>, inventoryIds: readonly string[]): { inventory_id: string; offer_id: string }[] {
  const items: { inventory_id: string; offer_id: string }[] = [];
  for (const id of inventoryIds) {
    const offer = formText(body[`${PLAN_FIELD}${id}`], 100).trim();
    if (offer) items.push({ inventory_id: id, offer_id: offer });
  }
  return items;
}

export type MoveFormResult = { ok: true; move: Move } | { ok: false; to: ItemState | null; field: string; key: MessageKey };

const isState = (v: string): v is ItemState => (ITEM_STATES as readonly string[]).includes(v);
const isMethod = (v: string): v is DataCopyMethod => (DATA_COPY_METHODS as readonly string[]).includes(v);

/**
 * A move form: `to`, and what the move needs — `note`, `scheduled_for`, or `method` + `detail` (the
 * data copy, for done). Fields the move does not use are ignored; empty ones are left out, so the
 * state machine says what is missing.
 */
export function readMoveForm(body: Record<string, unknown>): MoveFormResult {
  const to = formText(body.to, 20);
  if (!isState(to)) return { ok: false, to: null, field: "to", key: "transition.migration.error.state" };
  const note = formText(body.note, 4000).trim();
  const day = formText(body.scheduled_for, 40).trim();
  const method = formText(body.method, 40);
  const detail = formText(body.detail, 4000).trim();
  const raw: Record<string, unknown> = { to };
  if (note) raw.note = note;
  if (to === "scheduled" && day) raw.scheduled_for = day;
  if (to === "done" && method) {
    if (!isMethod(method)) return { ok: false, to, field: "method", key: "transition.migration.error.method" };
    raw.data_copy = { method, ...(detail ? { detail } : {}) };
  } else if (to === "done" && detail) {
    return { ok: false, to, field: "method", key: "transition.migration.error.method" };
  }
  const parsed = moveSchema.safeParse(raw);
  if (parsed.success) return { ok: true, move: parsed.data };
  const path = parsed.error.issues[0]?.path.map(String) ?? [];
  if (path[0] === "scheduled_for") return { ok: false, to, field: "scheduled_for", key: "transition.migration.error.date" };
  if (path[0] === "data_copy") return path[1] === "detail" ? { ok: false, to, field: "detail", key: "transition.refusal.detail_required" } : { ok: false, to, field: "method", key: "transition.migration.error.method" };
  return { ok: false, to, field: "note", key: "transition.migration.error.note" };
}
