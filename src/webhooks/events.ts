// The event types Chatière sends, and which endpoints take which: exact types or a wildcard on a
// prefix (`migration.*`, `*`). Pure.
import { ITEM_STATES } from "../transition/states";

export const EVENT_TYPES = [
  "migration.requested",
  ...ITEM_STATES.map((s) => `migration.item.${s}` as const),
  "migration.cancelled",
  "offer.published",
  "offer.archived",
  // Billing (src/coop/events.ts), to the billed member organisation's endpoints.
  "invoice.issued",
  "invoice.paid",
  "credit_note.issued",
  "payment.received",
  "webhook.test",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** `*`, `migration.*` (any type under that prefix) or one exact type. */
export function typeMatches(pattern: string, type: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*")) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

/** A pattern an endpoint may subscribe to: it must match at least one type we send. */
export function validPattern(pattern: string): boolean {
  if (!/^(\*|[a-z_]+(\.[a-z_]+)*(\.\*)?)$/.test(pattern)) return false;
  return EVENT_TYPES.some((t) => typeMatches(pattern, t));
}

/** What every event's data names: the object, its id and its version, so receivers can order events. */
export interface EventSubject {
  type: string;
  id: string;
  version: number;
}

/** The body POSTed: `{"type","timestamp","data"}`; `data.object`, `data.id` and `data.version` name the subject. */
export function eventBody(type: string, at: Date, subject: EventSubject, data: Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp: at.toISOString(), data: { object: subject.type, id: subject.id, version: subject.version, ...data } });
}
