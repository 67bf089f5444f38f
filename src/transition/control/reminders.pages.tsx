// /account/reminders: each person turns the non-essential reminders (reminders.ts) off or on again.
import { Hono } from "hono";
import { pageProps } from "../../../web/components/page-props";
import { RemindersPage } from "../../../web/pages/account/reminders";
import { sameOriginForms } from "../../accounts/csrf";
import { allow } from "../../accounts/guard";
import { signedIn } from "../../accounts/session";
import { reminderPreferences } from "../../db/schema";
import type { AppEnv } from "../../env";
import { flashes } from "../../lib/flash";
import { eq } from "drizzle-orm";

const saved = flashes("control.prefs", ["saved"]);
export const reminderPages = new Hono<AppEnv>();
reminderPages.use("/account/reminders", sameOriginForms, allow("account.use"));

// Access: the signed-in person (account.use), their own choice only.
reminderPages.get("/account/reminders", async (c) => {
  const { user } = signedIn(c);
  const row = await c.var.db.select().from(reminderPreferences).where(eq(reminderPreferences.userId, user.id)).get();
  return c.html(<RemindersPage {...pageProps(c)} off={row?.nonEssentialOff ?? false} notice={saved.read(c)} />);
});

// Access: the signed-in person (account.use), their own choice only. An unticked box is not posted: absent = on.
reminderPages.post("/account/reminders", async (c) => {
  const { user } = signedIn(c);
  const form = await c.req.parseBody();
  const off = form.non_essential_off === "on";
  const at = new Date().toISOString();
  await c.var.db.insert(reminderPreferences).values({ userId: user.id, nonEssentialOff: off, updatedAt: at }).onConflictDoUpdate({ target: reminderPreferences.userId, set: { nonEssentialOff: off, updatedAt: at } });
  return c.redirect(saved.to("/account/reminders", "saved"), 303);
});
