// Mail as a channel of the outbox (src/outbox/channels.ts): delivers a row through the mail API, or,
// in local development, nowhere (the row is readable at /dev/mailbox). Imports nothing that
// writes to the outbox, so the channel registry has no import cycle.
import { z } from "zod";
import type { MailRow, OutboxRow } from "../db/schema";
import type { ServiceContext } from "../lib/context";
import type { OutboxChannel } from "../outbox/channel";
import { sendViaApi } from "./api";
import { resolveAttachments } from "./attachments";

const attachmentSchema = z.object({ kind: z.literal("billing_document_pdf"), id: z.string(), filename: z.string() });
const mailPayloadSchema = z.object({ lang: z.enum(["fr", "nl", "en"]), subject: z.string(), text: z.string(), html: z.string(), attachments: z.array(attachmentSchema).optional() });

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
    const files = await resolveAttachments(ctx, mail.payload.attachments);
    if (!files.ok) return { ok: false, retry: false, error: files.error };
    return sendViaApi({ url: MAIL_API_URL, token: MAIL_API_TOKEN, from: MAIL_FROM }, mail, fetch, files.files);
  },
};
