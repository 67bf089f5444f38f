// Emitting an event: one outbox row per enabled endpoint of the named organisations whose event
// types match. The caller puts the inserts in the batch of the change that causes the event, then
// `enqueue(ctx, inserts)` (src/outbox/write.ts). The transition calls this for `migration.*`.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { webhookEndpoints } from "../../db/schema";
import { outboxInsert, type OutboxInsert } from "../../outbox/write";
import { eventBody, typeMatches, type EventSubject, type EventType } from "../events";
import type { WebhookPayload } from "./channel";

export interface WebhookEvent {
  type: EventType;
  /** The organisations that hear of it (a provider's, a member's, both). */
  orgIds: readonly string[];
  data: Record<string, unknown>;
  subject: EventSubject;
  /** When it happened; now by default. */
  at?: Date;
}

export async function webhookEventInserts(db: Db, event: WebhookEvent): Promise<OutboxInsert[]> {
  const orgIds = [...new Set(event.orgIds)];
  if (!orgIds.length) return [];
  const endpoints = await db
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(inArray(webhookEndpoints.orgId, orgIds), eq(webhookEndpoints.status, "enabled")));
  const body = eventBody(event.type, event.at ?? new Date(), event.subject, event.data);
  return endpoints
    .filter((e) => e.eventTypes.some((p) => typeMatches(p, event.type)))
    .map((e) => outboxInsert(db, { channel: "webhook", kind: event.type, recipient: e.id, payload: { endpoint_id: e.id, type: event.type, body } satisfies WebhookPayload }));
}

/** One endpoint's message, whatever its event types (the "send test event" button). */
export function webhookMessageInsert(db: Db, endpointId: string, type: EventType, subject: EventSubject, data: Record<string, unknown>, at: Date): OutboxInsert {
  const body = eventBody(type, at, subject, data);
  return outboxInsert(db, { channel: "webhook", kind: type, recipient: endpointId, payload: { endpoint_id: endpointId, type, body } satisfies WebhookPayload });
}
