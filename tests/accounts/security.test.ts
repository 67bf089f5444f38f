import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE, Browser, mailTo, signIn } from "./helpers";

const crossSite = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
const outboxCount = async () => (await env.DB.prepare("select count(*) as n from outbox").first<{ n: number }>())?.n ?? 0;

describe("bad input on /sign-in", () => {
  it.each([
    ["not an address", { email: "not-an-email" }],
    ["missing", {}],
    ["too long", { email: `${"a".repeat(250)}@example.be` }],
    ["markup", { email: '"><script>alert(1)</script>@x' }],
  ])("answers 400 naming the email field when it is %s, and sends nothing", async (_label, fields) => {
    const before = await outboxCount();
    const res = await new Browser({ "accept-language": "en" }).post("/sign-in", fields as Record<string, string>);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('name="email"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain("Enter a complete email address");
    expect(html).toContain('href="#email"');
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(await outboxCount()).toBe(before);
  });

  it("never redirects to another site after signing in", async () => {
    const browser = new Browser({ "cf-connecting-ip": "198.51.100.50" });
    await browser.post("/sign-in", { email: "redirect@example.be", next: "//evil.example/x" });
    const [row] = await mailTo("redirect@example.be");
    expect(row!.payload.text).toContain("callbackURL=%2Faccount&");
  });
});

describe("cross-site posts are refused (CSRF)", () => {
  it("answers 403 to a cross-site sign-in post and writes no mail", async () => {
    const before = await outboxCount();
    const res = await new Browser({ "accept-language": "en" }).post("/sign-in", { email: "csrf@example.be" }, crossSite);
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await outboxCount()).toBe(before);
  });

  it("answers 403 to a form post that names no origin at all", async () => {
    const res = await new Browser().fetch("/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=nohead%40example.be",
    });
    expect(res.status).toBe(403);
  });

  it("answers 403 to cross-site sign-out and revoke, and the session stays open", async () => {
    const browser = await signIn("target@example.be");
    const html = await (await browser.fetch("/account/sessions")).text();
    const id = /data-session="([^"]+)"/.exec(html)![1]!;
    expect((await browser.post("/sign-out", {}, crossSite)).status).toBe(403);
    expect((await browser.post(`/account/sessions/${id}/revoke`, {}, crossSite)).status).toBe(403);
    // better-auth's own endpoints check Origin too.
    const direct = await browser.fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json", ...crossSite }, body: "{}" });
    expect(direct.status).toBe(403);
    expect((await browser.fetch("/account/sessions")).status).toBe(200);
  });

  it("does not let anyone ask better-auth for a link directly, around our limits", async () => {
    const res = await new Browser().fetch("/api/auth/sign-in/magic-link", {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE },
      body: JSON.stringify({ email: "direct@example.be" }),
    });
    expect(res.status).toBe(404);
    expect(await mailTo("direct@example.be")).toHaveLength(0);
  });
});

describe("sign-in rate limits", () => {
  it("allows 5 links per address per 15 minutes, then answers 429 with Retry-After", async () => {
    for (let i = 0; i < 5; i++) {
      const ok = await new Browser({ "cf-connecting-ip": `203.0.113.${i}` }).post("/sign-in", { email: "limited@example.be" });
      expect(ok.status).toBe(303);
    }
    const res = await new Browser({ "cf-connecting-ip": "203.0.113.99", "accept-language": "en" }).post("/sign-in", { email: "LIMITED@example.be" });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await res.text()).toContain("Too many sign-in links were asked for");
    expect(await mailTo("limited@example.be")).toHaveLength(5);
  });

  it("allows 30 requests per IP per 15 minutes, whatever the addresses", async () => {
    const ip = { "cf-connecting-ip": "192.0.2.77" };
    for (let i = 0; i < 30; i++) expect((await new Browser(ip).post("/sign-in", { email: `p${i}@example.be` })).status).toBe(303);
    const res = await new Browser({ ...ip, "accept-language": "nl" }).post("/sign-in", { email: "one-more@example.be" });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain("Er werden in korte tijd te veel aanmeldlinks aangevraagd");
    expect(await mailTo("one-more@example.be")).toHaveLength(0);
    // Another IP is not affected.
    expect((await new Browser({ "cf-connecting-ip": "192.0.2.78" }).post("/sign-in", { email: "one-more@example.be" })).status).toBe(303);
  });

  it("keeps counters in D1 without storing the address", async () => {
    await new Browser({ "cf-connecting-ip": "192.0.2.200" }).post("/sign-in", { email: "private@example.be" });
    const { results } = await env.DB.prepare("select key from rate_limits").all<{ key: string }>();
    expect(results.some((r) => r.key.startsWith("sign-in:email:"))).toBe(true);
    expect(results.some((r) => r.key.includes("private"))).toBe(false);
  });
});


describe("better-auth's endpoints", () => {
  it("are limited to 120 requests per IP per 15 minutes, answered with problem+json 429", async () => {
    const browser = new Browser({ "cf-connecting-ip": "192.0.2.150" });
    for (let i = 0; i < 120; i++) expect((await browser.fetch("/api/auth/ok")).status).toBe(200);
    const res = await browser.fetch("/api/auth/ok");
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    expect((await new Browser({ "cf-connecting-ip": "192.0.2.151" }).fetch("/api/auth/ok")).status).toBe(200);
  });
});
