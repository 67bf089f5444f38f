// /dev/mailbox: the mail of the outbox, readable in local development only. In every other
// environment these routes answer 404 as if they did not exist.
import { and, desc, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { createMiddleware } from "hono/factory";
import { MailboxMessagePage, MailboxPage } from "../../web/pages/dev-mailbox";
import { translator } from "../../web/i18n";
import { outbox, type MailRow } from "../db/schema";
import { settings, type AppEnv } from "../env";
import { AppError } from "../lib/problem";
import { asMailRow } from "./channel";

export const devMailbox = new Hono<AppEnv>();

const developmentOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (settings(c.env).ENVIRONMENT !== "development") throw new AppError("NOT_FOUND", `Nothing at ${c.req.path}`);
  await next();
});
devMailbox.use("/dev/mailbox", developmentOnly);
devMailbox.use("/dev/mailbox/*", developmentOnly);

function pageProps(c: Context<AppEnv>) {
  const lang = c.get("lang");
  return { lang, t: translator(lang), url: new URL(c.req.url), title: "" };
}

const view = (row: MailRow) => ({
  id: row.id,
  to: row.recipient,
  subject: row.payload.subject,
  createdAt: row.createdAt,
  status: row.status,
  text: row.payload.text,
  attempts: row.attempts,
  lastError: row.lastError,
});

async function findMail(c: Context<AppEnv>) {
  const id = c.req.param("id") ?? "";
  const row = await c.var.db.query.outbox.findFirst({ where: and(eq(outbox.id, id), eq(outbox.channel, "mail")) });
  const mail = row && asMailRow(row);
  if (!mail) throw new AppError("NOT_FOUND", `No message ${id}`);
  return mail;
}

// Access: anyone, in development only.
devMailbox.get("/dev/mailbox", async (c) => {
  const rows = await c.var.db.query.outbox.findMany({ where: eq(outbox.channel, "mail"), orderBy: [desc(outbox.createdAt), desc(outbox.id)], limit: 100 });
  return c.html(<MailboxPage {...pageProps(c)} messages={rows.flatMap((r) => { const m = asMailRow(r); return m ? [view(m)] : []; })} />);
});

devMailbox.get("/dev/mailbox/:id", async (c) => c.html(<MailboxMessagePage {...pageProps(c)} message={view(await findMail(c))} />));

// The HTML part as sent; the site's CSP (scripts from 'self' only) applies to it too.
devMailbox.get("/dev/mailbox/:id/html", async (c) => c.html((await findMail(c)).payload.html));
