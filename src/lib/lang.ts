// The languages Chatière speaks. Domain code (mail, profiles, services) needs the type without the
// catalogs, so it lives here; web/i18n re-exports it next to the messages.
export const LANGS = ["fr", "nl", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "fr";

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}
