// Test helpers for accounts and mail: a cookie-keeping browser against SELF, outbox reads, the mail
// consumer run on a real MessageBatch, and the app in development mode (for /dev/mailbox).
import { createExecutionContext, createMessageBatch, env, getQueueResult, SELF } from "cloudflare:test";
import { createApp } from "../../src/app";
import type { MailRow } from "../../src/db/schema";
import worker from "../../src/index";
import type { OutboxJob } from "../../src/outbox/channel";
import { BASE } from "../helpers/http";

export { BASE };

/** Keeps cookies like a browser would (by name; expiry honoured for deletion), never follows redirects. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly headers: Record<string, string> = {}) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.headers)) if (!headers.has(k)) headers.set(k, v);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await SELF.fetch(path.startsWith("http") ? path : `${BASE}${path}`, { ...init, headers, redirect: "manual" });
    this.keep(res);
    return res;
  }

  keep(res: Response) {
    for (const line of res.headers.getAll("set-cookie")) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0\b/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** A same-origin form post, as a browser sends it. */
  post(path: string, fields: Record<string, string> = {}, extra: Record<string, string> = {}) {
    return this.fetch(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE, "sec-fetch-site": "same-origin", ...extra },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

export const SESSION_COOKIE = "__Secure-chatiere.session_token";

export async function mailTo(recipient: string): Promise<MailRow[]> {
  const { results } = await env.DB.prepare("select * from outbox where recipient = ? order by created_at desc, id desc").bind(recipient).all<Record<string, unknown>>();
  return results.map((r) => ({
    id: r.id as string,
    channel: r.channel as "mail",
    kind: r.kind as string,
    recipient: r.recipient as string,
    payload: JSON.parse(r.payload as string),
    status: r.status as MailRow["status"],
    attempts: r.attempts as number,
    lastError: (r.last_error as string | null) ?? null,
    sentAt: (r.sent_at as string | null) ?? null,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  }));
}

export function linkIn(text: string): string {
  const link = text.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no link in ${text}`);
  return link;
}

/** Runs the worker's queue handler on a batch of outbox ids, as the Queues runtime would. */
export function runMailConsumer(ids: string[], options: QueueRunOptions = {}) {
  return runQueue("chatiere-mail", ids, options);
}

export interface QueueRunOptions {
  environment?: string;
  attempts?: number;
  env?: Partial<Cloudflare.Env>;
}

/** Runs the worker's queue handler on a batch of outbox ids arriving on `queue` (a channel's queue or its DLQ). */
export async function runQueue(queue: string, ids: string[], options: QueueRunOptions = {}) {
  const batch = createMessageBatch<OutboxJob>(
    queue,
    ids.map((id, i) => ({ id: `q${i}-${id}`, timestamp: new Date(), attempts: options.attempts ?? 1, body: { id } })),
  );
  // The runtime's result does not carry retry delays: record them on the way.
  const delays: (number | undefined)[] = [];
  for (const m of batch.messages) {
    const retry = m.retry.bind(m);
    m.retry = (opts) => (delays.push(opts?.delaySeconds), retry(opts));
  }
  const ctx = createExecutionContext();
  await worker.queue(batch, { ...env, ENVIRONMENT: options.environment ?? env.ENVIRONMENT, ...options.env });
  return { ...(await getQueueResult(batch, ctx)), delays };
}

/** The app as `wrangler dev` runs it (ENVIRONMENT=development), against the test's D1. */
export async function devFetch(path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  return createApp().fetch(new Request(`${BASE}${path}`, init), { ...env, ENVIRONMENT: "development" }, ctx);
}

let devices = 0;
/** A browser from its own address (IPv6 documentation range), so sign-ins never share an IP limit. */
export const newDevice = (headers: Record<string, string> = {}) => new Browser({ "cf-connecting-ip": `2001:db8::${(++devices).toString(16)}`, ...headers });

/** Signs in through the whole flow: form → outbox → consumer → link. Returns the browser. */
export async function signIn(email: string, browser = newDevice()): Promise<Browser> {
  const res = await browser.post("/sign-in", { email });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const [mail] = await mailTo(email);
  if (!mail) throw new Error("no mail in the outbox");
  await runMailConsumer([mail.id], { environment: "development" });
  const callback = await followSignInLink(browser, linkIn(mail.payload.text));
  if (callback.status !== 302) throw new Error(`magic link answered ${callback.status}: ${await callback.text()}`);
  return browser;
}

/** Opens a mailed link as a person does: the confirmation page, its button, then better-auth's verification. */
export async function followSignInLink(browser: Browser, link: string): Promise<Response> {
  const page = await browser.fetch(link);
  if (page.status !== 200) return page;
  const html = await page.text();
  const field = (name: string) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1]?.replaceAll("&amp;", "&") ?? "";
  const confirmed = await browser.post("/sign-in/confirm", { token: field("token"), next: field("next") });
  if (confirmed.status !== 303) return confirmed;
  return browser.fetch(confirmed.headers.get("location")!);
}
