// Mail as a channel of the outbox (src/outbox): `mailInsert` writes the row for the caller's D1
// batch, `mailChannel` delivers it — through the mail API, or, in local development, nowhere (the
// row is readable at /dev/mailbox).
import { z } from "zod";
import type { MailRow, OutboxMailPayload, OutboxRow } from "../db/schema";
import type { ServiceContext } from "../lib/context";
import type { OutboxChannel } from "../outbox/channel";
import { outboxInsert } from "../outbox/write";
import { sendViaApi } from "./api";
import type { RenderedMail } from "./templates";

export interface OutgoingMail extends RenderedMail {
  kind: string;
  to: string;
}

/** The insert to put in the same `db.batch([...])` as the change that causes the mail; then `enqueue` it. */
export function mailInsert(db: Parameters<typeof outboxInsert>[0], mail: OutgoingMail) {
  const payload: OutboxMailPayload = { lang: mail.lang, subject: mail.subject, text: mail.text, html: mail.html };
  return outboxInsert(db, { channel: "mail", kind: mail.kind, recipient: mail.to, payload: { ...payload } });
}

const mailPayloadSchema = z.object({ lang: z.enum(["fr", "nl", "en"]), subject: z.string(), text: z.string(), html: z.string() });

/** The row as mail, or null when it is not a well-formed mail row. */
export function asMailRow(row: OutboxRow): MailRow | null {
  if (row.channel !== "mail") return null;
  const payload = mailPayloadSchema.safeParse(row.payload);
  return payload.success ? { ...row, payload: payload.data } : null;
}

export const mailChannel: OutboxChannel = {
  name: "mail",
  queue: "chatiere-mail",
  deadLetterQueue: "chatiere-mail-dlq",
  producer: (env) => env.MAIL_QUEUE,
  async deliver(row, ctx: ServiceContext) {
    const mail = asMailRow(row);
    if (!mail) return { ok: false, retry: false, error: "not a mail row: the payload lacks lang, subject, text or html" };
    if (ctx.settings.ENVIRONMENT === "development") return { ok: true }; // the dev mailbox reads the row itself
    const { MAIL_API_URL, MAIL_API_TOKEN, MAIL_FROM } = ctx.env;
    if (!MAIL_API_URL) return { ok: false, retry: true, error: "MAIL_API_URL is not set" };
    return sendViaApi({ url: MAIL_API_URL, token: MAIL_API_TOKEN, from: MAIL_FROM }, mail);
  },
};
