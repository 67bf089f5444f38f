import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BASE, Browser, devFetch, followSignInLink, linkIn, mailTo, runMailConsumer, SESSION_COOKIE, signIn } from "./helpers";

afterEach(() => vi.restoreAllMocks());

describe("sign in with a link by mail (public)", () => {
  it("goes from the form through the outbox and the dev mailbox to a session", async () => {
    const enqueued = vi.spyOn(env.MAIL_QUEUE, "sendBatch");
    const browser = new Browser({ "accept-language": "nl-BE" });
    const page = await browser.fetch("/sign-in");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('action="/sign-in"');
    expect(html).toContain('name="email"');
    expect(html).toContain('<script src="/js/passkey.js" defer="">'); // the enhancement, from our origin

    const posted = await browser.post("/sign-in", { email: "  Anna@Example.BE " });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe("/sign-in/sent");

    // The request only wrote the row: it is pending until the consumer runs.
    const [row, ...others] = await mailTo("anna@example.be");
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({ channel: "mail", kind: "sign_in_link", status: "pending", attempts: 0 });
    expect(row!.payload.lang).toBe("nl");
    expect(row!.payload.subject).toBe("Uw aanmeldlink voor Chatière");
    const link = linkIn(row!.payload.text);
    expect(link.startsWith(`${BASE}/sign-in/confirm?token=`)).toBe(true);
    expect(row!.payload.html).toContain(`href="${link.replaceAll("&", "&amp;")}"`);
    expect(enqueued).toHaveBeenCalledWith([{ body: { id: row!.id } }]);

    const sent = await browser.fetch("/sign-in/sent");
    expect(await sent.text()).toContain("anna@example.be");

    const result = await runMailConsumer([row!.id], { environment: "development" });
    expect(result.explicitAcks).toEqual([`q0-${row!.id}`]);
    const [delivered] = await mailTo("anna@example.be");
    expect(delivered).toMatchObject({ status: "sent", attempts: 1, lastError: null });

    const list = await devFetch("/dev/mailbox");
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain("anna@example.be");
    expect(listHtml).toContain(`/dev/mailbox/${row!.id}`);
    const one = await devFetch(`/dev/mailbox/${row!.id}`);
    const oneHtml = await one.text();
    expect(oneHtml).toContain(link.replaceAll("&", "&amp;"));

    // Opening the link (what a mail scanner does) signs nobody in: it shows a button.
    const opened = await browser.fetch(link);
    expect(opened.status).toBe(200);
    expect(opened.headers.get("cache-control")).toBe("no-store");
    expect(opened.headers.getAll("set-cookie").some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    expect(await opened.text()).toContain('action="/sign-in/confirm"');
    const callback = await followSignInLink(browser, link);
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe(`${BASE}/account`);
    const cookie = callback.headers.getAll("set-cookie").find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*Path=\//i);

    const account = await browser.fetch("/account");
    expect(account.status).toBe(200);
    expect(await account.text()).toContain("anna@example.be");

    const user = await env.DB.prepare("select * from users where email = ?").bind("anna@example.be").first<Record<string, unknown>>();
    expect(user).toMatchObject({ language: "nl", email_verified: 1 });
    expect(String(user!.id)).toMatch(/^usr_/);
  });

  it("refuses a link that was already used", async () => {
    const browser = new Browser();
    await browser.post("/sign-in", { email: "once@example.be" });
    const [row] = await mailTo("once@example.be");
    const link = linkIn(row!.payload.text);
    expect((await followSignInLink(browser, link)).status).toBe(302);
    const again = await followSignInLink(new Browser(), link);
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(`${BASE}/sign-in?error=INVALID_TOKEN`);
    expect(again.headers.getAll("set-cookie").some((c) => c.startsWith(`${SESSION_COOKIE}=`) && !/max-age=0/i.test(c))).toBe(false);
  });
});

describe("the confirmation step (public)", () => {
  it("refuses a cross-site confirmation and an incomplete link", async () => {
    const browser = new Browser();
    await browser.post("/sign-in", { email: "scanner@example.be" });
    const [row] = await mailTo("scanner@example.be");
    const token = new URL(linkIn(row!.payload.text)).searchParams.get("token")!;
    const crossSite = await browser.post("/sign-in/confirm", { token, next: "/account" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect((await browser.fetch("/sign-in/confirm")).status).toBe(400);
    expect((await browser.fetch("/sign-in/confirm?token=<script>")).status).toBe(400);
    expect((await browser.post("/sign-in/confirm", { token: "" })).status).toBe(400);
    // The token was not spent by any of this.
    expect((await followSignInLink(browser, linkIn(row!.payload.text))).headers.get("location")).toBe(`${BASE}/account`);
  });

  it("never sends the browser to another site after signing in", async () => {
    const browser = new Browser();
    await browser.post("/sign-in", { email: "next@example.be", next: "//evil.example/x" });
    const [row] = await mailTo("next@example.be");
    const confirmed = await followSignInLink(browser, linkIn(row!.payload.text));
    expect(confirmed.headers.get("location")).toBe(`${BASE}/account`);
  });
});

describe("the language of the mail", () => {
  it("is the person's own once they have one, whatever the page's language", async () => {
    const browser = await signIn("lang@example.be", new Browser({ "accept-language": "en" }));
    await browser.post("/sign-out");
    await new Browser({ "accept-language": "fr-BE" }).post("/sign-in", { email: "lang@example.be" });
    const [latest, first] = await mailTo("lang@example.be");
    expect(first!.payload.lang).toBe("en");
    expect(latest!.payload.lang).toBe("en");
    expect(latest!.payload.subject).toBe("Your Chatière sign-in link");
  });
});
