// Flash notices: a form's POST answers 303 to a page with `?notice=<code>`, and that page's GET shows
// the message the code stands for. Each router names its own codes once; a code it does not know
// (or a crafted one such as `constructor`) shows nothing. The message is chosen by the server, so
// nothing from the URL is ever shown as text.
import type { MessageKey } from "../../web/i18n";

const PARAM = "notice";

export interface Flash<K extends string> {
  /** `path` with the notice `code` to show after the redirect (just `path` without one). */
  to(path: string, code?: K): string;
  /** The message key of the notice the request asks for, if it is one of these. */
  read(c: { req: { query(name: string): string | undefined } }): MessageKey | undefined;
}

export function flashes<K extends string>(messages: Readonly<Record<K, MessageKey>>): Flash<K> {
  return {
    to: (path, code) => (code ? `${path}${path.includes("?") ? "&" : "?"}${PARAM}=${encodeURIComponent(code)}` : path),
    read: (c) => {
      const code = c.req.query(PARAM);
      return code !== undefined && Object.hasOwn(messages, code) ? messages[code as K] : undefined;
    },
  };
}
