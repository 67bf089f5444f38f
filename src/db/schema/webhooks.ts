// Webhooks both ways (src/webhooks): endpoints organisations register (outbound), each delivery
// attempt, the inbound signing secrets of provider organisations, and every event received.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { timestamps } from "./columns";
import { organisations } from "./orgs";

export const WEBHOOK_ENDPOINT_STATUSES = ["enabled", "disabled"] as const;
export const RECEIVED_SOURCES = ["stripe", "provider"] as const;

/** An organisation's endpoint: where its events are POSTed, signed with its secret (Standard Webhooks). */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(), // whe_…
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    /** Event types, exact (`offer.published`) or a wildcard on a prefix (`migration.*`), or `*`. */
    eventTypes: text("event_types", { mode: "json" }).$type<string[]>().notNull(),
    status: text("status", { enum: WEBHOOK_ENDPOINT_STATUSES }).notNull().default("enabled"),
    /** Why it is disabled: `manual`, `gone` (it answered 410), `failing` (5 days of failures), `unsafe_url`. */
    disabledReason: text("disabled_reason"),
    disabledAt: text("disabled_at"),
    /** The signing secret (`whsec_…`): kept because every delivery is signed with it; never logged. */
    secret: text("secret").notNull(),
    /** After a rotation, the old secret still signs alongside the new one until this instant. */
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: text("previous_secret_expires_at"),
    /** The first failed attempt since the last success: 5 days of failures disable the endpoint. */
    failingSince: text("failing_since"),
    ...timestamps,
  },
  (t) => [index("webhook_endpoints_org_idx").on(t.orgId, t.createdAt)],
);

/** Every delivery attempt of an outbound message (an outbox row of the `webhook` channel). */
export const webhookAttempts = sqliteTable(
  "webhook_attempts",
  {
    id: text("id").primaryKey(), // wha_…
    messageId: text("message_id").notNull(), // the outbox row, also the `webhook-id` header
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    attemptedAt: text("attempted_at").notNull(),
    /** The HTTP status, or null when no answer came (timeout, refused address, network error). */
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    /** The first 1 KB of the answer's body. */
    response: text("response"),
    error: text("error"),
    ok: integer("ok", { mode: "boolean" }).notNull(),
  },
  (t) => [index("webhook_attempts_message_idx").on(t.messageId, t.attemptedAt), index("webhook_attempts_endpoint_idx").on(t.endpointId, t.attemptedAt)],
);

/** A provider organisation's secret for the events it sends us (`POST /webhooks/providers/{id}`). */
export const inboundWebhookSecrets = sqliteTable("inbound_webhook_secrets", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  secret: text("secret").notNull(),
  previousSecret: text("previous_secret"),
  previousSecretExpiresAt: text("previous_secret_expires_at"),
  ...timestamps,
});

/** Every event received (Stripe, providers), deduplicated by (source, sender, event id). */
export const receivedEvents = sqliteTable(
  "received_events",
  {
    id: text("id").primaryKey(), // rcv_…
    source: text("source", { enum: RECEIVED_SOURCES }).notNull(),
    /** Who sent it: the provider id, or `stripe`. */
    sender: text("sender").notNull(),
    /** Stripe's `evt_…`, or the provider's `webhook-id`. */
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    receivedAt: text("received_at").notNull(),
    applied: integer("applied", { mode: "boolean" }).notNull().default(false),
    /** Why it was not applied (`unsupported`, `stale`, …), or what applying it did. */
    reason: text("reason"),
    /** The raw body, kept 30 days (purged by the sweep). */
    rawBody: text("raw_body"),
  },
  (t) => [uniqueIndex("received_events_uq").on(t.source, t.sender, t.eventId), index("received_events_received_idx").on(t.receivedAt)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type ReceivedEventRow = typeof receivedEvents.$inferSelect;
