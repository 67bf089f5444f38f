// Internationalised addresses: the domain normalised to punycode (IDNA), the local part kept in
// UTF-8 (SMTPUTF8); `anaïs@exämple.be` signs in from the form to a session.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { normaliseEmail, toAsciiDomain } from "../../src/accounts/email";
import { Browser, followSignInLink, linkIn, mailTo, runMailConsumer, SESSION_COOKIE } from "./helpers";

describe("normaliseEmail (pure)", () => {
  it.each([
    ["anaïs@exämple.be", "anaïs@xn--exmple-cua.be"],
    ["  Anaïs@Exämple.BE ", "anaïs@xn--exmple-cua.be"],
    ["anaïs@xn--exmple-cua.be", "anaïs@xn--exmple-cua.be"],
    ["anna@example.be", "anna@example.be"],
    ["jürgen.müller@bücher.de", "jürgen.müller@xn--bcher-kva.de"],
    ["o'brien+list@sub.example.org", "o'brien+list@sub.example.org"],
    // NFD (a + combining diaeresis) and NFC are one address.
    ["ana\u0069\u0308s@example.be", "anaïs@example.be"],
  ])("%s → %s", (raw, email) => {
    expect(normaliseEmail(raw)).toEqual({ ok: true, email });
  });

  it.each([
    ["no-at-sign", "format"],
    ["@example.be", "format"],
    ["anna@", "format"],
    ["an na@example.be", "local_part"],
    [".anna@example.be", "local_part"],
    ["an..na@example.be", "local_part"],
    ["anna\u200b@example.be", "local_part"],
    [`${"é".repeat(33)}@example.be`, "local_part"], // 66 octets in UTF-8
    ["anna@localhost", "domain"],
    ["anna@exa mple.be", "domain"],
    ["anna@-example.be", "domain"],
    ["anna@example.b3", "domain"],
    ["anna@127.0.0.1", "domain"],
    ["anna@[::1]", "domain"],
    ["anna@example.be/evil", "domain"],
    [`anna@${"a".repeat(60)}.${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(60)}.be`, "too_long"],
  ])("%s is refused (%s)", (raw, problem) => {
    expect(normaliseEmail(raw)).toEqual({ ok: false, problem });
  });

  it("keeps a non-Latin local part and makes a non-Latin domain ASCII", () => {
    const r = normaliseEmail("用户@例子.广告");
    expect(r.ok && r.email).toMatch(/^用户@xn--[a-z0-9-]+\.xn--[a-z0-9-]+$/);
  });

  it("turns a Unicode domain into its ASCII form only", () => {
    expect(toAsciiDomain("Exämple.BE")).toBe("xn--exmple-cua.be");
    expect(toAsciiDomain("example.be:8080")).toBeNull();
  });
});

describe("signing in with an internationalised address", () => {
  it("takes anaïs@exämple.be from the form to a session, mailing the punycode domain", async () => {
    const browser = new Browser({ "cf-connecting-ip": "2001:db8::1d1", "accept-language": "fr-BE" });
    const posted = await browser.post("/sign-in", { email: "Anaïs@Exämple.be" });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe("/sign-in/sent");
    const [row, ...others] = await mailTo("anaïs@xn--exmple-cua.be");
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({ kind: "sign_in_link", status: "pending" });
    expect((await browser.fetch("/sign-in/sent").then((r) => r.text()))).toContain("anaïs@xn--exmple-cua.be");

    await runMailConsumer([row!.id], { environment: "development" });
    const callback = await followSignInLink(browser, linkIn(row!.payload.text));
    expect(callback.status).toBe(302);
    expect(callback.headers.getAll("set-cookie").some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
    const user = await env.DB.prepare("SELECT email FROM users WHERE email = ?").bind("anaïs@xn--exmple-cua.be").first<{ email: string }>();
    expect(user?.email).toBe("anaïs@xn--exmple-cua.be");

    // The same person typing the ASCII form of the domain reaches the same account.
    const again = await new Browser({ "cf-connecting-ip": "2001:db8::1d2" }).post("/sign-in", { email: "anaïs@xn--exmple-cua.be" });
    expect(again.status).toBe(303);
    expect(await mailTo("anaïs@xn--exmple-cua.be")).toHaveLength(2);
    const users = await env.DB.prepare("SELECT count(*) AS n FROM users WHERE email LIKE 'ana%s@xn--exmple-cua.be'").first<{ n: number }>();
    expect(users?.n).toBe(1);
  });

  it("answers a translated 400 naming the field for an address mail cannot take", async () => {
    const browser = new Browser({ "cf-connecting-ip": "2001:db8::1d3" });
    const res = await browser.post("/sign-in", { email: "anaïs@exä mple.be" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<a href="#email">');
    expect(html).toContain('aria-invalid="true"');
  });

  it("keeps the form free of the browser's ASCII-only check", async () => {
    const html = await new Browser().fetch("/sign-in").then((r) => r.text());
    expect(html).toMatch(/<form method="post" action="\/sign-in" class="sign-in-form" novalidate="">/);
  });
});
