// The steward moderation queue. Access: stewards (moderation.review) only; every POST is
// same-origin only; POST → 303 → GET with a notice.
import { Hono, type Context } from "hono";
import { ModerationPage } from "../../../web/pages/admin/moderation";
import { pageProps } from "../../../web/components/page-props";
import { allow } from "../../accounts/guard";
import { sameOriginForms } from "../../accounts/csrf";
import type { AppEnv } from "../../env";
import { flashes } from "../../lib/flash";
import { formText } from "../../lib/form";
import { onPage } from "../manage/page-errors";
import { approveChange, approveClaim, moderationQueue, rejectChange, rejectClaim } from "./service";

export const moderationPages = new Hono<AppEnv>();

moderationPages.use("/admin/moderation", sameOriginForms);
moderationPages.use("/admin/moderation/*", sameOriginForms);
moderationPages.use("/admin/moderation", allow("moderation.review"));
moderationPages.use("/admin/moderation/*", allow("moderation.review"));

const flash = flashes("moderation.notice", ["approved", "rejected"]);
const QUEUE = "/admin/moderation";

async function render(c: Context<AppEnv>, invalid?: string) {
  const queue = await moderationQueue(c.var.db);
  const notice = invalid ? undefined : flash.read(c);
  return c.html(<ModerationPage {...pageProps(c)} changes={queue.changes} claims={queue.claims} notice={notice} invalid={invalid} />, invalid ? 400 : 200);
}

/** A rejection needs a reason, told to the provider: without one the queue comes back (400). */
async function reason(c: Context<AppEnv>): Promise<string | null> {
  const r = formText((await c.req.parseBody()).reason, 6000).trim();
  return r.length >= 1 && r.length <= 1000 ? r : null;
}

// Access: stewards.
moderationPages.get("/admin/moderation", (c) => render(c));

// Access: stewards.
moderationPages.post("/admin/moderation/changes/:id/approve", async (c) => {
  await onPage(approveChange(c.var.ctx, c.req.param("id")));
  return c.redirect(flash.to(QUEUE, "approved"), 303);
});

// Access: stewards.
moderationPages.post("/admin/moderation/changes/:id/reject", async (c) => {
  const why = await reason(c);
  if (!why) return render(c, c.req.param("id"));
  await onPage(rejectChange(c.var.ctx, c.req.param("id"), why));
  return c.redirect(flash.to(QUEUE, "rejected"), 303);
});

// Access: stewards.
moderationPages.post("/admin/moderation/claims/:id/approve", async (c) => {
  await onPage(approveClaim(c.var.ctx, c.req.param("id")));
  return c.redirect(flash.to(QUEUE, "approved"), 303);
});

// Access: stewards.
moderationPages.post("/admin/moderation/claims/:id/reject", async (c) => {
  const why = await reason(c);
  if (!why) return render(c, c.req.param("id"));
  await onPage(rejectClaim(c.var.ctx, c.req.param("id"), why));
  return c.redirect(flash.to(QUEUE, "rejected"), 303);
});
