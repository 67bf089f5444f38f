// Picks the page language once per request and remembers an explicit choice in a cookie.
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import { negotiateLang } from "../../web/i18n";
import { isLang, type Lang } from "./lang";
import type { AppEnv } from "../env";

export const LANG_COOKIE = "lang";

/** Remembers a language the visitor chose (switcher link or profile) for a year. */
export function rememberLang(c: Context<AppEnv>, lang: Lang) {
  setCookie(c, LANG_COOKIE, lang, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "Lax", httpOnly: true, secure: new URL(c.req.url).protocol === "https:" });
}

export const language = createMiddleware<AppEnv>(async (c, next) => {
  const asked = c.req.query("lang");
  const lang = negotiateLang(asked, getCookie(c, LANG_COOKIE), c.req.header("accept-language"));
  c.set("lang", lang);
  if (isLang(asked) && asked !== getCookie(c, LANG_COOKIE)) {
    rememberLang(c, asked);
  }
  await next();
  c.header("Content-Language", lang);
  c.header("Vary", "Accept-Language, Cookie", { append: true });
});
