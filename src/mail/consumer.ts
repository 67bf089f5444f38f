// The MAIL_QUEUE consumer: loads each outbox row and delivers it — through the mail API, or, in
// local development, nowhere (the row is readable at /dev/mailbox). Retries with backoff; a row
// keeps its attempts, last error and sending time.
import { and, eq, ne, sql } from "drizzle-orm";
import { createDb, type Db } from "../db/client";
import { outbox, type OutboxRow } from "../db/schema";
import { settings, type Bindings } from "../env";
import { sendViaApi, type SendOutcome } from "./api";
import { MAX_DELIVERIES, retryDelaySeconds } from "./backoff";
import type { MailJob } from "./outbox";

const now = () => new Date().toISOString();

export async function handleMailBatch(batch: MessageBatch<MailJob>, env: Bindings): Promise<void> {
  const db = createDb(env.DB);
  const development = settings(env).ENVIRONMENT === "development";
  for (const message of batch.messages) {
    try {
      await deliver(db, env, message, development);
    } catch (err) {
      // D1 or a bug: leave the row as it is and let the queue try again later.
      console.error(JSON.stringify({ level: "error", msg: "mail delivery crashed", id: message.body?.id, error: String(err) }));
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

async function deliver(db: Db, env: Bindings, message: Message<MailJob>, development: boolean) {
  const id = message.body?.id;
  const row = typeof id === "string" ? await db.query.outbox.findFirst({ where: eq(outbox.id, id) }) : undefined;
  if (!row || row.channel !== "mail" || row.status !== "pending") {
    message.ack(); // unknown, or already delivered/abandoned: a duplicate delivery must not send twice
    return;
  }
  const outcome: SendOutcome = development
    ? { ok: true } // the dev mailbox reads the row itself
    : env.MAIL_API_URL
      ? await sendViaApi({ url: env.MAIL_API_URL, token: env.MAIL_API_TOKEN, from: env.MAIL_FROM }, row)
      : { ok: false, retry: true, error: "MAIL_API_URL is not set" };

  if (outcome.ok) {
    await record(db, row, { status: "sent", sentAt: now(), lastError: null });
    message.ack();
    return;
  }
  const exhausted = message.attempts >= MAX_DELIVERIES;
  await record(db, row, { status: outcome.retry && !exhausted ? "pending" : "failed", lastError: outcome.error });
  console.warn(JSON.stringify({ level: "warn", msg: "mail delivery failed", id: row.id, attempt: message.attempts, error: outcome.error }));
  if (!outcome.retry) message.ack(); // the API refused the message itself: retrying cannot help
  else message.retry({ delaySeconds: retryDelaySeconds(message.attempts) }); // past max_retries, this lands in the DLQ
}

function record(db: Db, row: OutboxRow, change: Partial<Pick<OutboxRow, "status" | "sentAt" | "lastError">>) {
  return db
    .update(outbox)
    .set({ ...change, attempts: sql`${outbox.attempts} + 1`, updatedAt: now() })
    .where(and(eq(outbox.id, row.id), ne(outbox.status, "sent")));
}
