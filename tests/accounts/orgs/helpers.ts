// Helpers for the organisation tests: audit rows, invitation mail, and reading ids out of pages.
import { env } from "cloudflare:test";
import { linkIn, mailTo, type Browser } from "../helpers";

/** For `call()`: see the redirect itself. */
export const MANUAL: RequestInit = { redirect: "manual" };

export const EVIL = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };

export async function auditOf(orgId: string): Promise<{ action: string; subject_id: string; actor_user_id: string | null; detail: Record<string, unknown> }[]> {
  const { results } = await env.DB.prepare("select action, subject_id, actor_user_id, detail from audit_log where org_id = ? order by at, id").bind(orgId).all<Record<string, unknown>>();
  return results.map((r) => ({ ...(r as { action: string; subject_id: string; actor_user_id: string | null }), detail: JSON.parse(r.detail as string) }));
}

export async function roleOf(orgId: string, email: string): Promise<string | null> {
  const row = await env.DB.prepare("select m.role from memberships m join users u on u.id = m.user_id where m.org_id = ? and u.email = ?").bind(orgId, email).first<{ role: string }>();
  return row?.role ?? null;
}

export async function userId(email: string): Promise<string> {
  const row = await env.DB.prepare("select id from users where email = ?").bind(email).first<{ id: string }>();
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

/** The latest invitation mail to an address, with its link. */
export async function invitationMail(email: string) {
  const mail = (await mailTo(email)).find((m) => m.kind === "org_invitation");
  if (!mail) throw new Error(`no invitation mail to ${email}`);
  return { ...mail, link: linkIn(mail.payload.text) };
}

/** Creates an organisation through the page, as its creator would; returns its id. */
export async function createOrg(browser: Browser, name: string, kind = "member"): Promise<string> {
  const res = await browser.post("/account/organisations", { name, kind });
  if (res.status !== 303) throw new Error(`create answered ${res.status}: ${await res.text()}`);
  return /\/orgs\/(org_[0-9a-z]+)/.exec(res.headers.get("location")!)![1]!;
}
