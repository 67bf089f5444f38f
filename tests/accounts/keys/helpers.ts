// Reading what the key pages show, and what D1 keeps of a key.
import { env } from "cloudflare:test";

/** The secret on the page answering a create POST (the only place it ever appears). */
export function secretIn(html: string): string {
  const found = /<code id="secret" class="secret">(chk_[0-9a-z]+)<\/code>/.exec(html)?.[1];
  if (!found) throw new Error(`no secret on the page:\n${html.slice(0, 2000)}`);
  return found;
}

export interface StoredKey {
  id: string;
  org_id: string | null;
  user_id: string;
  name: string;
  start: string;
  hash: string;
  scopes: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export const storedKey = (start: string) => env.DB.prepare("select * from api_keys where start = ?").bind(start).first<StoredKey>();

export async function auditRows(action: string, subjectId: string) {
  const { results } = await env.DB.prepare("select * from audit_log where action = ? and subject_id = ?").bind(action, subjectId).all<Record<string, string | null>>();
  return results;
}

export const crossSite = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };

/** A same-origin form post with repeated fields (checkboxes), which Browser.post cannot send. */
export function postPairs(browser: { fetch(path: string, init?: RequestInit): Promise<Response> }, path: string, pairs: [string, string][]) {
  return browser.fetch(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://chatiere.test", "sec-fetch-site": "same-origin" },
    body: new URLSearchParams(pairs).toString(),
  });
}
