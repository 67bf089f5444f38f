// Picks the page language once per request and remembers an explicit choice in a cookie.
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { isLang, negotiateLang } from "../../web/i18n";
import type { AppEnv } from "../env";

export const LANG_COOKIE = "lang";

export const language = createMiddleware<AppEnv>(async (c, next) => {
  const asked = c.req.query("lang");
  const lang = negotiateLang(asked, getCookie(c, LANG_COOKIE), c.req.header("accept-language"));
  c.set("lang", lang);
  if (isLang(asked) && asked !== getCookie(c, LANG_COOKIE)) {
    setCookie(c, LANG_COOKIE, asked, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "Lax", httpOnly: true, secure: new URL(c.req.url).protocol === "https:" });
  }
  await next();
  c.header("Content-Language", lang);
  c.header("Vary", "Accept-Language, Cookie", { append: true });
});
