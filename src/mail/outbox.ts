// Writing mail: a row of the outbox's mail channel (src/outbox), whose insert goes into the caller's
// D1 batch; after the batch, `enqueue` (src/outbox/write.ts) puts it on MAIL_QUEUE and
// src/mail/channel.ts delivers it.
import type { MailAttachmentRef, OutboxMailPayload } from "../db/schema";
import { outboxInsert } from "../outbox/write";
import type { RenderedMail } from "./templates";

export interface OutgoingMail extends RenderedMail {
  kind: string;
  to: string;
  attachments?: MailAttachmentRef[];
}

/** The insert to put in the same `db.batch([...])` as the change that causes the mail; then `enqueue` it. */
export function mailInsert(db: Parameters<typeof outboxInsert>[0], mail: OutgoingMail) {
  const payload: OutboxMailPayload = { lang: mail.lang, subject: mail.subject, text: mail.text, html: mail.html, ...(mail.attachments?.length ? { attachments: mail.attachments } : {}) };
  return outboxInsert(db, { channel: "mail", kind: mail.kind, recipient: mail.to, payload: { ...payload } });
}
