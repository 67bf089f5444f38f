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

/** The codes whose message `${prefix}.${code}` exists (one by one, so the wrong code is the one flagged). */
type WithMessage<P extends string, K extends string> = K extends unknown ? (`${P}.${K}` extends MessageKey ? K : never) : never;

/**
 * The notices of one router: `prefix` names their messages (`orgs.notice` → `orgs.notice.saved`),
 * `codes` the ones it may ask for. A code without its message in every catalog is a type error.
 */
export function flashes<const P extends string, const K extends string>(prefix: P, codes: readonly (K & WithMessage<P, K>)[]): Flash<K> {
  const known = new Set<string>(codes);
  return {
    to: (path, code) => (code ? `${path}${path.includes("?") ? "&" : "?"}${PARAM}=${encodeURIComponent(code)}` : path),
    read: (c) => {
      const code = c.req.query(PARAM);
      return code !== undefined && known.has(code) ? (`${prefix}.${code}` as MessageKey) : undefined;
    },
  };
}
