// The mail HTTP API, provider-neutral: one JSON POST per message to MAIL_API_URL, with a bearer
// token and the outbox id as idempotency key so a retried delivery is sent at most once by an API
// that honours it. A small relay maps this shape to any provider (Postmark, Brevo, SMTP…).
import type { MailRow } from "../db/schema";
import { postDelivery } from "../outbox/post";

export interface MailApiRequest {
  /** The outbox id (`msg_…`), also sent as the Idempotency-Key header. */
  id: string;
  from?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** BCP 47 language of the message. */
  language: string;
  /** What the message is about (`sign_in_link`), for the provider's tags or stats. */
  tag: string;
  /** Files, base64 (only when the message has some). */
  attachments?: MailApiAttachment[];
}

export interface MailApiAttachment {
  filename: string;
  content_type: string;
  /** The file's bytes, base64. */
  content: string;
}

export interface MailApiConfig {
  url: string;
  token?: string;
  from?: string;
}

export type SendOutcome = import("../outbox/channel").DeliveryOutcome;

export function mailApiRequest(row: MailRow, from?: string, attachments: MailApiAttachment[] = []): MailApiRequest {
  const { lang, subject, text, html } = row.payload;
  return { id: row.id, ...(from ? { from } : {}), to: row.recipient, subject, text, html, language: lang, tag: row.kind, ...(attachments.length ? { attachments } : {}) };
}

export { isPermanentFailure } from "../outbox/post";

export function sendViaApi(config: MailApiConfig, row: MailRow, fetcher: typeof fetch = fetch, attachments: MailApiAttachment[] = []): Promise<SendOutcome> {
  return postDelivery(fetcher, config.url, {
    headers: {
      "content-type": "application/json",
      "idempotency-key": row.id,
      ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
    },
    body: JSON.stringify(mailApiRequest(row, config.from, attachments)),
  });
}
