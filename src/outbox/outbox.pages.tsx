// /admin/outbox: stewards see failed outgoing messages of every channel and queue them again.
// Access: stewards (outbox.manage), signed in; the retry POST is same-origin only and answers 303.
import { Hono } from "hono";
import { pageProps } from "../../web/components/page-props";
import { OutboxPage } from "../../web/pages/admin/outbox";
import { sameOriginForms } from "../accounts/csrf";
import { allow } from "../accounts/guard";
import type { AppEnv } from "../env";
import { AppError } from "../lib/problem";
import { CHANNELS } from "./channels";
import { listOutbox, outboxFiltersSchema, retryError, retryOutbox } from "./steward";

export const outboxPages = new Hono<AppEnv>();

outboxPages.use("/admin/outbox", sameOriginForms, allow("outbox.manage"));
outboxPages.use("/admin/outbox/*", sameOriginForms, allow("outbox.manage"));

// Access: stewards. Failed rows only; `channel` narrows to one channel.
outboxPages.get("/admin/outbox", async (c) => {
  const channel = c.req.query("channel") || undefined;
  const parsed = outboxFiltersSchema.safeParse({ status: "failed", channel, cursor: c.req.query("cursor") || undefined });
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", "Unknown channel or cursor");
  const page = await listOutbox(c.var.db, parsed.data);
  const retried = c.req.query("retried");
  return c.html(
    <OutboxPage
      {...pageProps(c)}
      channels={Object.keys(CHANNELS)}
      channel={parsed.data.channel}
      items={page.items}
      nextCursor={page.next_cursor}
      retried={retried && /^[\w-]{1,64}$/.test(retried) ? retried : undefined}
    />,
  );
});

// Access: stewards.
outboxPages.post("/admin/outbox/:id/retry", async (c) => {
  const id = c.req.param("id");
  const outcome = await retryOutbox(c.var.ctx, id);
  if (!outcome.ok) throw retryError(id, outcome);
  return c.redirect(`/admin/outbox?retried=${encodeURIComponent(id)}`, 303);
});
