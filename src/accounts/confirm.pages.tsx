// The click-through between a mailed sign-in link and better-auth's verification: mail scanners
// open links (GET) but do not submit forms, so the link only shows a button, and the POST sends
// the browser on to /api/auth/magic-link/verify, which consumes the token and sets the cookie.
// Access: public (the token in the link is the credential). The POST is same-origin only.
import { Hono } from "hono";
import { z } from "zod";
import { pageProps } from "../../web/components/page-props";
import { SignInConfirmPage } from "../../web/pages/account/sign-in";
import { PageError } from "../lib/problem";
import type { AppEnv } from "../env";
import { AUTH_BASE_PATH } from "./auth";
import { CONFIRM_PATH } from "./confirm-link";
import { sameOriginForms } from "./csrf";
import { safeNext } from "./sign-in";

/** better-auth's tokens are URL-safe random strings; anything else is not one of ours. */
const confirmSchema = z.object({ token: z.string().regex(/^[\w-]{16,128}$/), next: z.unknown().optional() });

export const confirmPages = new Hono<AppEnv>();
confirmPages.use(CONFIRM_PATH, sameOriginForms);

function parse(fields: Record<string, unknown>) {
  const parsed = confirmSchema.safeParse(fields);
  if (!parsed.success) throw new PageError("VALIDATION_FAILED", "Incomplete sign-in link", "signin.confirm_missing", {}, [{ field: "token", message: "missing or malformed" }]);
  return { token: parsed.data.token, next: safeNext(parsed.data.next) };
}

confirmPages.get(CONFIRM_PATH, (c) => {
  const q = c.req.query();
  const { token, next } = parse({ token: q.token, next: q.callbackURL });
  c.header("Cache-Control", "no-store"); // the URL holds a live token
  return c.html(<SignInConfirmPage {...pageProps(c)} token={token} next={next} />);
});

confirmPages.post(CONFIRM_PATH, async (c) => {
  const { token, next } = parse(await c.req.parseBody());
  const verify = new URLSearchParams({ token, callbackURL: next, errorCallbackURL: "/sign-in" });
  return c.redirect(`${AUTH_BASE_PATH}/magic-link/verify?${verify}`, 303);
});
