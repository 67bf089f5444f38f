import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SoftAuthenticator } from "./authenticator";
import { BASE, Browser, SESSION_COOKIE, signIn } from "./helpers";

const json = { "content-type": "application/json", origin: BASE };

/** What /js/passkey.js does in a browser, with a software authenticator. */
async function registerPasskey(browser: Browser, authenticator: SoftAuthenticator) {
  const options = await (await browser.fetch("/api/auth/passkey/generate-register-options")).json<any>();
  const response = await authenticator.create(options);
  return browser.fetch("/api/auth/passkey/verify-registration", { method: "POST", headers: json, body: JSON.stringify({ response }) });
}
async function signInWithPasskey(browser: Browser, authenticator: SoftAuthenticator) {
  const options = await (await browser.fetch("/api/auth/passkey/generate-authenticate-options")).json<any>();
  const response = await authenticator.get(options);
  return browser.fetch("/api/auth/passkey/verify-authentication", { method: "POST", headers: json, body: JSON.stringify({ response }) });
}

describe("passkeys", () => {
  it("adds a passkey to a signed-in account, then signs in with it on a new browser", async () => {
    const laptop = await signIn("pk@example.be");
    const authenticator = new SoftAuthenticator(BASE);
    const registered = await registerPasskey(laptop, authenticator);
    expect(registered.status).toBe(200);

    const page = await (await laptop.fetch("/account/passkeys?lang=en")).text();
    expect(page.match(/data-passkey="/g)).toHaveLength(1);
    expect(page).toContain("/js/passkey.js");

    const fresh = new Browser();
    const res = await signInWithPasskey(fresh, authenticator);
    expect(res.status).toBe(200);
    expect(fresh.cookies.has(SESSION_COOKIE)).toBe(true);
    const account = await fresh.fetch("/account");
    expect(account.status).toBe(200);
    expect(await account.text()).toContain("pk@example.be");
  });

  it("refuses a passkey signature made for another challenge", async () => {
    const browser = await signIn("pk-replay@example.be");
    const authenticator = new SoftAuthenticator(BASE);
    await registerPasskey(browser, authenticator);
    const stranger = new Browser();
    await stranger.fetch("/api/auth/passkey/generate-authenticate-options");
    const forged = await authenticator.get({ challenge: "bm90LXRoZS1jaGFsbGVuZ2U" });
    const res = await stranger.fetch("/api/auth/passkey/verify-authentication", { method: "POST", headers: json, body: JSON.stringify({ response: forged }) });
    expect(res.status).toBe(400);
    expect(stranger.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("refuses a passkey made for another site", async () => {
    const browser = await signIn("pk-phish@example.be");
    const phished = new SoftAuthenticator("https://chatiere-login.example");
    const options = await (await browser.fetch("/api/auth/passkey/generate-register-options")).json<any>();
    const response = await phished.create(options);
    const res = await browser.fetch("/api/auth/passkey/verify-registration", { method: "POST", headers: json, body: JSON.stringify({ response }) });
    expect(res.status).toBe(400);
    const n = await env.DB.prepare("select count(*) as n from passkeys where user_id = (select id from users where email = ?)").bind("pk-phish@example.be").first<{ n: number }>();
    expect(n?.n).toBe(0);
  });

  it("needs a session to add a passkey", async () => {
    const res = await new Browser().fetch("/api/auth/passkey/generate-register-options");
    expect(res.status).toBe(401);
  });

  it("deletes one's own passkey, and not someone else's", async () => {
    const owner = await signIn("pk-owner@example.be");
    await registerPasskey(owner, new SoftAuthenticator(BASE));
    const id = /data-passkey="([^"]+)"/.exec(await (await owner.fetch("/account/passkeys")).text())![1]!;

    const other = await signIn("pk-other@example.be");
    expect((await other.post(`/account/passkeys/${id}/delete`)).status).toBe(404);
    expect((await owner.post(`/account/passkeys/${id}/delete`, {}, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(403);

    const res = await owner.post(`/account/passkeys/${id}/delete`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account/passkeys?notice=deleted");
    expect(await (await owner.fetch("/account/passkeys")).text()).not.toContain(`data-passkey="${id}"`);
  });
});
