// Writing mail: a row in the outbox (its insert goes into the caller's D1 batch), then the row's id
// on the queue. Nothing is sent from a request; src/mail/consumer.ts delivers.
import type { Db } from "../db/client";
import { outbox, type OutboxMailPayload } from "../db/schema";
import type { Bindings } from "../env";
import { newId } from "../lib/ids";
import type { RenderedMail } from "./templates";

/** What travels on MAIL_QUEUE: only the id; the row holds the message. */
export interface MailJob {
  id: string;
}

export interface OutgoingMail extends RenderedMail {
  kind: string;
  to: string;
}

/** The insert to put in the same `db.batch([...])` as the change that causes the mail. */
export function mailInsert(db: Db, mail: OutgoingMail) {
  const id = newId("msg");
  const payload: OutboxMailPayload = { lang: mail.lang, subject: mail.subject, text: mail.text, html: mail.html };
  return { id, query: db.insert(outbox).values({ id, channel: "mail", kind: mail.kind, recipient: mail.to, payload }) };
}

/**
 * Puts committed rows on the queue. A failed send leaves the row pending for the re-queue sweep
 * (a later issue) rather than failing a request whose change is already stored.
 */
export function enqueueMail(env: Pick<Bindings, "MAIL_QUEUE">, waitUntil: (p: Promise<unknown>) => void, ids: string[]) {
  if (!ids.length) return;
  waitUntil(
    env.MAIL_QUEUE.sendBatch(ids.map((id) => ({ body: { id } satisfies MailJob }))).catch((err: unknown) => {
      console.error(JSON.stringify({ level: "error", msg: "mail enqueue failed", ids, error: String(err) }));
    }),
  );
}
