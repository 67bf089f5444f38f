// The outbox: what leaves the system.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Lang } from "../../lib/lang";
import { timestamps } from "./columns";

/** What leaves the system (mail now, provider webhooks later), written in the same D1 batch as the
 * change that causes it and delivered by the queue consumer. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(), // msg_…
    /** Which channel delivers it (src/outbox/channels.ts): `mail` today; webhooks and Peppol later. */
    channel: text("channel").notNull(),
    /** What the message is about, e.g. `sign_in_link`; lets operators filter without reading bodies. */
    kind: text("kind").notNull(),
    /** Mail: the address; a webhook: its endpoint id. */
    recipient: text("recipient").notNull(),
    /** The channel's message, complete when the row is written. Mail: {lang, subject, text, html}. */
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status").$type<"pending" | "sent" | "failed">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: text("sent_at"),
    ...timestamps,
  },
  (t) => [index("outbox_status_idx").on(t.status, t.createdAt), index("outbox_channel_created_idx").on(t.channel, t.createdAt)],
);
export interface OutboxMailPayload {
  lang: Lang;
  subject: string;
  text: string;
  html: string;
  /** Files sent with the mail, by reference: rendered at delivery (src/mail/attachments.ts). */
  attachments?: MailAttachmentRef[];
}
/**
 * A file a mail carries, named rather than stored: an issued billing document never changes (SQL
 * triggers), so its PDF rendered at delivery is the one the mail was written about, number included
 * — even for the issuing mail, written in the batch that gives the number — and outbox rows stay small.
 */
export interface MailAttachmentRef {
  kind: "billing_document_pdf";
  /** The document's id (`bil_…`). */
  id: string;
  filename: string;
}

export type OutboxRow = typeof outbox.$inferSelect;
/** An outbox row of the mail channel, its payload checked (src/mail/outbox.ts `asMailRow`). */
export type MailRow = Omit<OutboxRow, "payload"> & { payload: OutboxMailPayload };
