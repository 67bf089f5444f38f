// Pure pieces of accounts and mail: no database, no request.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeNext, signInFormSchema } from "../../src/accounts/sign-in";
import { describeUserAgent } from "../../src/accounts/user-agent";
import { isPermanentFailure } from "../../src/mail/api";
import { MAX_QUEUE_DELAY, retryDelaySeconds } from "../../src/outbox/backoff";
import { escapeHtml, signInLinkMail } from "../../src/mail/templates";
import { decide, windowStart } from "../../src/lib/rate-limit";
import { linksIn } from "../../web/pages/dev-mailbox";
import { LANGS } from "../../web/i18n";

describe("safeNext", () => {
  it.each(["/account", "/account/sessions", "/providers?service=mailbox"])("keeps our own path %s", (p) => expect(safeNext(p)).toBe(p));
  it.each(["//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "account", "/api/auth/sign-out", "/a b", "", undefined, 42])(
    "replaces %s with /account",
    (p) => expect(safeNext(p)).toBe("/account"),
  );
  it("never yields something that leaves the origin", () => {
    fc.assert(fc.property(fc.string(), (s) => new URL(safeNext(s), "https://chatiere.test").origin === "https://chatiere.test"));
  });
});

describe("sign-in form", () => {
  it("trims and lower-cases the address", () => {
    expect(signInFormSchema.parse({ email: "  Jo@Example.BE " }).email).toBe("jo@example.be");
  });
  it.each(["", "jo", "jo@", "@example.be", "jo@@example.be", "jo example@x.be"])("refuses %j", (email) => {
    const r = signInFormSchema.safeParse({ email });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["email"]);
  });
});

describe("describeUserAgent", () => {
  it.each([
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0", "Edge · Windows"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15", "Safari · macOS"],
    ["Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36", "Chrome · Android"],
    ["curl/8.5.0", "curl/8.5.0"],
  ])("%s → %s", (ua, name) => expect(describeUserAgent(ua)).toBe(name));
  it("says nothing without a User-Agent", () => expect(describeUserAgent(null)).toBeNull());
});

describe("mail retry schedule", () => {
  it("follows the Svix schedule within the queue's 12-hour ceiling", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 50].map(retryDelaySeconds)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000, 36000, 36000, 36000]);
    fc.assert(fc.property(fc.integer({ min: -5, max: 1000 }), (n) => retryDelaySeconds(n) > 0 && retryDelaySeconds(n) <= MAX_QUEUE_DELAY));
  });
  it("treats only 'the message is wrong' answers as final", () => {
    expect([400, 413, 415, 422].every(isPermanentFailure)).toBe(true);
    expect([401, 403, 404, 408, 429, 500, 502, 503].some(isPermanentFailure)).toBe(false);
  });
});

describe("fixed-window rate limits", () => {
  const limits = [
    { key: "a", max: 2, windowSeconds: 60 },
    { key: "b", max: 5, windowSeconds: 900 },
  ];
  it("opens windows on their boundaries", () => {
    expect(windowStart(119, 60)).toBe(60);
    expect(windowStart(120, 60)).toBe(120);
  });
  it("allows counts up to each max", () => expect(decide(limits, [2, 5], 1000)).toEqual({ ok: true }));
  it("refuses past a max, saying when the window reopens", () => {
    expect(decide(limits, [3, 1], 1000)).toEqual({ ok: false, key: "a", retryAfterSeconds: 20 });
    expect(decide(limits, [3, 6], 1000)).toEqual({ ok: false, key: "b", retryAfterSeconds: 800 });
  });
});

describe("sign-in mail templates", () => {
  it.each(LANGS)("has a subject, a text and an HTML part in %s, with the link in both", (lang) => {
    const url = "https://chatiere.test/api/auth/magic-link/verify?token=t&callbackURL=%2Faccount";
    const mail = signInLinkMail(lang, url, 15);
    expect(mail.lang).toBe(lang);
    expect(mail.subject.length).toBeGreaterThan(5);
    expect(mail.text).toContain(url);
    expect(mail.text).toContain("15");
    expect(mail.html).toContain(`<html lang="${lang}">`);
    expect(mail.html).toContain(`href="${escapeHtml(url)}"`);
    expect(linksIn(mail.text)).toEqual([url]);
  });
  it("escapes what it puts in HTML", () => {
    expect(signInLinkMail("en", 'https://x.test/"><script>', 15).html).not.toContain("<script>");
  });
});
