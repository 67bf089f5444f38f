// Sign-in, sign-out and one's own sessions, as server-rendered pages with plain forms.
// Access: /sign-in* and /sign-out public; /account/* the signed-in person, for their own data only.
// Every POST is same-origin only (sameOriginForms).
import { Hono, type Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { pageProps } from "../../web/components/page-props";
import { AccountPage } from "../../web/pages/account/account";
import { PasskeysPage } from "../../web/pages/account/passkeys";
import { SessionsPage } from "../../web/pages/account/sessions";
import { RateLimitedPage, SignInPage, SignInSentPage } from "../../web/pages/account/sign-in";
import { PageError } from "../lib/problem";
import { isLang, type MessageKey } from "../../web/i18n";
import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import { rememberLang } from "../lib/i18n";
import { formText } from "../lib/form";
import { flashes } from "../lib/flash";
import { orgsOf } from "./orgs/repository";
import { rolesAndOrgs } from "./principal";
import { findUserLanguage } from "./users";
import type { AppEnv } from "../env";
import { SIGN_IN_LINK_MINUTES } from "./auth";
import { sameOriginForms } from "./csrf";
import { allow } from "./guard";
import { currentSession, forwardCookies, authFor, signedIn } from "./session";
import { deleteOwnPasskey, listOwnPasskeys } from "./passkeys.repository";
import { listOwnSessions, revokeOwnSession } from "./sessions.repository";
import { requestSignInLink, safeNext, signInFormSchema } from "./sign-in";
import { describeUserAgent } from "./user-agent";

// The notices these pages show after a redirect.
const accountFlash = flashes("orgs.account", ["language_saved"]);
const sessionFlash = flashes("sessions", ["revoked"]);
const passkeyFlash = flashes("passkeys", ["added", "deleted"]);

export const accountPages = new Hono<AppEnv>();

/** Remembers the address between the form and the "check your mail" page, briefly. */
const SENT_COOKIE = "sign_in_email";

const secure = (c: Context<AppEnv>) => new URL(c.req.url).protocol === "https:";

accountPages.use("/sign-in", sameOriginForms);
accountPages.use("/sign-out", sameOriginForms);
accountPages.use("/account/*", sameOriginForms);
accountPages.use("/account", allow("account.use"));
accountPages.use("/account/*", allow("account.use"));

accountPages.get("/sign-in", async (c) => {
  if (await currentSession(c)) return c.redirect(safeNext(c.req.query("next")), 303);
  const q = c.req.query();
  // better-auth sends a failed magic link back here with ?error=…
  const notice = q.error === "passkey" ? "passkey_failed" : q.error ? "link_invalid" : q.signed_out ? "signed_out" : undefined;
  return c.html(<SignInPage {...pageProps(c)} next={q.next ? safeNext(q.next) : undefined} notice={notice} minutes={SIGN_IN_LINK_MINUTES} />);
});

accountPages.post("/sign-in", async (c) => {
  const form = await c.req.parseBody();
  const parsed = signInFormSchema.safeParse(form);
  const next = safeNext(form.next);
  if (!parsed.success) {
    const email = formText(form.email, 254);
    return c.html(<SignInPage {...pageProps(c)} email={email} invalid next={next} minutes={SIGN_IN_LINK_MINUTES} />, 400);
  }
  const decision = await requestSignInLink(c, parsed.data.email, next);
  if (!decision.ok) {
    c.header("Retry-After", String(decision.retryAfterSeconds));
    return c.html(<RateLimitedPage {...pageProps(c)} minutes={Math.ceil(decision.retryAfterSeconds / 60)} />, 429);
  }
  setCookie(c, SENT_COOKIE, parsed.data.email, { path: "/sign-in", maxAge: 600, httpOnly: true, sameSite: "Lax", secure: secure(c) });
  return c.redirect("/sign-in/sent", 303);
});

accountPages.get("/sign-in/sent", (c) => {
  const email = getCookie(c, SENT_COOKIE);
  return c.html(<SignInSentPage {...pageProps(c)} email={email} minutes={SIGN_IN_LINK_MINUTES} />);
});

async function signOut(c: Context<AppEnv>) {
  const { headers } = await authFor(c).api.signOut({ headers: c.req.raw.headers, returnHeaders: true });
  forwardCookies(c, headers);
  return c.redirect("/sign-in?signed_out=1", 303);
}

accountPages.post("/sign-out", async (c) => {
  if (!(await currentSession(c))) return c.redirect("/sign-in?signed_out=1", 303);
  return signOut(c);
});

/** /account with the person's language, organisations and platform roles read fresh from D1. */
async function accountPage(c: Context<AppEnv>, opts: { notice?: MessageKey; languageInvalid?: boolean } = {}) {
  const { user } = signedIn(c);
  const [language, orgs, { roles }] = await Promise.all([findUserLanguage(c.var.db, user.email), orgsOf(c.var.db, user.id), rolesAndOrgs(c.var.db, user.id)]);
  const admin = roles.includes("steward") || roles.includes("coop_admin");
  return <AccountPage {...pageProps(c)} email={user.email} language={language ?? "fr"} orgs={orgs} admin={admin} {...opts} />;
}

// Access: the signed-in person (account.use), their own account only.
accountPages.get("/account", async (c) => {
  return c.html(await accountPage(c, { notice: accountFlash.read(c) }));
});

// Access: the signed-in person (account.use), their own language only. Stored on the person (for
// mail) and remembered in the `lang` cookie exactly as the language switcher does (src/lib/i18n.ts).
accountPages.post("/account/language", async (c) => {
  const { user } = signedIn(c);
  const form = await c.req.parseBody();
  const language = form.language;
  if (!isLang(language)) return c.html(await accountPage(c, { languageInvalid: true }), 400);
  await c.var.db.update(users).set({ language, updatedAt: new Date() }).where(eq(users.id, user.id));
  rememberLang(c, language);
  return c.redirect(accountFlash.to("/account", "language_saved"), 303);
});

accountPages.get("/account/sessions", async (c) => {
  const { user, session } = signedIn(c);
  const rows = await listOwnSessions(c.var.db, user.id);
  const sessions = rows.map((s) => ({
    id: s.id,
    device: describeUserAgent(s.userAgent),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    ipAddress: s.ipAddress,
    current: s.id === session.id,
  }));
  return c.html(<SessionsPage {...pageProps(c)} sessions={sessions} notice={sessionFlash.read(c)} />);
});

accountPages.post("/account/sessions/:id/revoke", async (c) => {
  const { user, session } = signedIn(c);
  const id = c.req.param("id");
  if (id === session.id) return signOut(c); // revoking this device is signing out
  if (!(await revokeOwnSession(c.var.db, user.id, id))) {
    throw new PageError("NOT_FOUND", `No session ${id} of this user`, "sessions.not_found");
  }
  return c.redirect(sessionFlash.to("/account/sessions", "revoked"), 303);
});

accountPages.get("/account/passkeys", async (c) => {
  const { user } = signedIn(c);
  const rows = await listOwnPasskeys(c.var.db, user.id);
  const passkeys = rows.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt?.toISOString() ?? null }));
  return c.html(<PasskeysPage {...pageProps(c)} passkeys={passkeys} notice={passkeyFlash.read(c)} />);
});

accountPages.post("/account/passkeys/:id/delete", async (c) => {
  const { user } = signedIn(c);
  const id = c.req.param("id");
  if (!(await deleteOwnPasskey(c.var.db, user.id, id))) throw new PageError("NOT_FOUND", `No passkey ${id} of this user`, "error.not_found");
  return c.redirect(passkeyFlash.to("/account/passkeys", "deleted"), 303);
});
