// The page shell shared by every page: skip link, header with navigation, language switcher and
// the transition deadline, main content, footer. No inline style or script: the CSP is 'self' only.
import type { Child } from "hono/jsx";
import { html } from "hono/html";
import { LANGS, type Lang, type T } from "../i18n";
import { Deadline } from "./deadline";
import { TrailContext, type Crumb } from "./breadcrumb";

export interface PageProps {
  lang: Lang;
  t: T;
  title: string;
  /** The current URL: the language switcher keeps its path and query. */
  url: URL;
  /** TRANSITION_DEADLINE (ISO-8601 UTC); the header shows it when given. */
  deadline?: string;
  /** The page shows fictional demo providers: the footer says so. */
  demo?: boolean;
  /** The clock for "days left"; tests pin it. */
  now?: Date;
  /** On an organisation's pages, where the viewer reaches it from (page-props.ts): the breadcrumb starts there. */
  orgRoot?: Crumb;
}

/** Each language named in itself, so a reader finds their own whatever the page's language. */
const ENDONYMS: Record<Lang, string> = { fr: "Français", nl: "Nederlands", en: "English" };

const SECTIONS = [
  { href: "/", key: "nav.home", match: (p: string) => p === "/" },
  { href: "/providers", key: "nav.providers", match: (p: string) => p.startsWith("/providers") },
  { href: "/match", key: "nav.match", match: (p: string) => p.startsWith("/match") },
  { href: "/compare", key: "nav.compare", match: (p: string) => p.startsWith("/compare") },
  { href: "/api/docs", key: "nav.api", match: (p: string) => p.startsWith("/api/") },
  // Anonymous visitors are sent on to /sign-in from there.
  { href: "/account", key: "nav.account", match: (p: string) => p.startsWith("/account") || p.startsWith("/sign-in") },
] as const;

/** The same page in another language: path and query kept, `lang` set. */
export function langUrl(url: URL, lang: Lang | null): URL {
  const u = new URL(url);
  if (lang) u.searchParams.set("lang", lang);
  else u.searchParams.delete("lang");
  return u;
}
const relative = (u: URL) => `${u.pathname}${u.search}`;

export function Layout(props: PageProps & { children?: Child; head?: Child }) {
  const { lang, t, url } = props;
  const appName = t("app.name");
  // hono/html keeps the doctype literal and escapes what is interpolated.
  return html`<!DOCTYPE html>${(
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title ? `${props.title} · ${appName}` : appName}</title>
        <link rel="stylesheet" href="/styles.css" />
        <link rel="icon" href="/favicon.ico" sizes="32x32" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {LANGS.map((l) => (
          <link rel="alternate" hreflang={l} href={langUrl(url, l).href} />
        ))}
        <link rel="alternate" hreflang="x-default" href={langUrl(url, null).href} />
        {props.head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("layout.skip")}
        </a>
        <header class="site-header">
          <div class="wrap header-bar">
            <p class="brand">
              <a href="/">{appName}</a>
              <span class="tagline">{t("app.tagline")}</span>
            </p>
            <nav class="site-nav" aria-label={t("nav.label")}>
              <ul>
                {SECTIONS.map((s) => (
                  <li>
                    <a href={s.href} aria-current={s.match(url.pathname) ? "page" : undefined}>
                      {t(s.key)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <nav class="lang-switch" aria-label={t("lang.label")}>
              <ul>
                {LANGS.map((l) => (
                  <li>
                    <a href={relative(langUrl(url, l))} hreflang={l} lang={l} aria-current={l === lang ? "true" : undefined}>
                      {ENDONYMS[l]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          {props.deadline ? (
            <div class="deadline-bar">
              <div class="wrap">
                <Deadline lang={lang} t={t} deadline={props.deadline} now={props.now} />
              </div>
            </div>
          ) : null}
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          <TrailContext.Provider value={{ label: t("nav.breadcrumb"), root: props.orgRoot }}>{props.children}</TrailContext.Provider>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            {props.demo ? <p class="demo-notice">{t("footer.demo")}</p> : null}
            <p>{t("footer.about")}</p>
            <p>
              <a href="/api/docs">{t("footer.api")}</a> · <a href="/api/openapi.json">OpenAPI</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  )}`;
}
