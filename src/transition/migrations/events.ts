// The migrations' outbound webhook events (types in src/webhooks/events.ts, schemas in
// src/webhooks/openapi.ts): every one names its object, id and version so receivers can order them.
import type { Db } from "../../db/client";
import type { OutboxInsert } from "../../outbox/write";
import { webhookEventInserts } from "../../webhooks/outbound/emit";
import { eventName, type HistoryEntry, type ItemState } from "../states";

export interface ItemEventInput {
  migrationId: string;
  itemId: string;
  /** The item's version after the move. */
  version: number;
  entry: Pick<HistoryEntry, "from" | "to" | "note" | "scheduled_for" | "occurred_at">;
  /** The member organisation and the provider's (when one manages the profile). */
  orgIds: readonly string[];
  providerId: string;
  offerId: string;
  at: Date;
}

/** `migration.item.<state>` to the member's and the provider's endpoints. */
export function itemEventInserts(db: Db, e: ItemEventInput): Promise<OutboxInsert[]> {
  return webhookEventInserts(db, {
    type: eventName(e.entry.to),
    orgIds: e.orgIds,
    subject: { type: "migration_item", id: e.itemId, version: e.version },
    at: e.at,
    data: {
      migration_id: e.migrationId,
      state: e.entry.to,
      from: e.entry.from as ItemState | null,
      provider_id: e.providerId,
      offer_id: e.offerId,
      ...(e.entry.note ? { note: e.entry.note } : {}),
      ...(e.entry.scheduled_for ? { scheduled_for: e.entry.scheduled_for } : {}),
      occurred_at: e.entry.occurred_at,
    },
  });
}

export interface MigrationEventInput {
  type: "migration.requested" | "migration.cancelled";
  migrationId: string;
  /** The migration's version after the change. */
  version: number;
  memberOrgId: string;
  providerId: string | null;
  orgIds: readonly string[];
  items: { id: string; kind: string; label: string; offer_id: string; state: ItemState }[];
  at: Date;
}

export function migrationEventInserts(db: Db, e: MigrationEventInput): Promise<OutboxInsert[]> {
  return webhookEventInserts(db, {
    type: e.type,
    orgIds: e.orgIds,
    subject: { type: "migration", id: e.migrationId, version: e.version },
    at: e.at,
    data: { org_id: e.memberOrgId, provider_id: e.providerId, items: e.items },
  });
}
