// The props every page passes to Layout, from the request: language (set by the i18n middleware),
// translator, URL and the transition deadline. Any router rendering a page can spread these.
import type { Context } from "hono";
import type { AppEnv } from "../../src/env";
import { DEFAULT_LANG, translator } from "../i18n";
import type { PageProps } from "./layout";

export function pageProps(c: Context<AppEnv>, title = ""): PageProps {
  const lang = c.get("lang") ?? DEFAULT_LANG;
  return { lang, t: translator(lang), url: new URL(c.req.url), deadline: c.env?.TRANSITION_DEADLINE, title };
}
