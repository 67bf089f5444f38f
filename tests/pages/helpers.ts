// Fetches a page through the whole worker (middleware, router, error handler) as a browser would.
import { SELF } from "cloudflare:test";

export const ORIGIN = "https://chatiere.test";

export interface PageResult {
  status: number;
  html: string;
  res: Response;
}

export async function page(path: string, headers: Record<string, string> = {}): Promise<PageResult> {
  const res = await SELF.fetch(`${ORIGIN}${path}`, { headers: { accept: "text/html", ...headers } });
  return { status: res.status, html: await res.text(), res };
}

/** The text inside the first element matching a simple `<tag ... attr="value"` opening, tags stripped. */
export function textOf(html: string, open: RegExp): string {
  const m = open.exec(html);
  if (!m) return "";
  const start = m.index + m[0].length;
  const tag = /^<(\w+)/.exec(m[0])?.[1] ?? "div";
  let depth = 1;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, "g");
  re.lastIndex = start;
  let end = html.length;
  for (let t = re.exec(html); t; t = re.exec(html)) {
    depth += t[1] ? -1 : 1;
    if (depth === 0) {
      end = t.index;
      break;
    }
  }
  // Intl separates amounts with no-break spaces; plain spaces keep the assertions readable.
  // Inline tags join their text; any other tag separates it.
  const inner = html.slice(start, end).replace(/<\/?(?:a|span|strong|em|code|time|abbr|label|input)\b[^>]*>/g, "").replace(/<[^>]+>/g, " ");
  return decode(inner).replace(/[\s\u00a0\u202f]+/g, " ").trim();
}

/** Undoes the five entities hono/jsx writes. */
export function decode(s: string): string {
  return s.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");
}

/** Every match of the directory's result cards: their headings' text. */
export function resultNames(html: string): string[] {
  return [...html.matchAll(/<li class="card provider-card"><h3 id="[^"]+"><a href="[^"]+">([^<]*)<\/a>/g)].map((m) => decode(m[1] ?? ""));
}
