// /account: email, language (and changing it), one's organisations, links onwards.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { mailTo, newDevice, signIn } from "../helpers";
import { call } from "../../helpers/http";
import { grantRole, makeOrg } from "../../helpers/people";
import { EVIL, MANUAL } from "./helpers";

describe("GET /account (the signed-in person)", () => {
  it("shows the address, the language form, the organisations with their links, and the way onwards", async () => {
    const email = "acct-a@example.be";
    const member = await makeOrg({ kind: "member", name: "Acct Asbl", members: [{ email, role: "owner" }] });
    const provider = await makeOrg({ kind: "provider", name: "Acct Hosting", members: [{ email, role: "admin" }] });
    const html = await (await (await signIn(email)).fetch("/account?lang=en")).text();
    expect(html).toContain(email);
    expect(html).toContain('action="/account/language"');
    expect(html).toContain('<label for="account-language">');
    expect(html).toContain(`href="/orgs/${member}"`);
    expect(html).toContain(`href="/orgs/${provider}"`);
    expect(html).toContain(`href="/orgs/${provider}/provider"`);
    expect(html).toContain(`href="/orgs/${provider}/keys"`);
    // Member organisations have keys too (webhooks:manage): their owners and admins are linked to them.
    expect(html).toContain(`href="/orgs/${member}/keys"`);
    for (const href of ["/account/sessions", "/account/passkeys", "/account/organisations", "/api/v1/me/export"]) expect(html).toContain(`href="${href}"`);
    expect(html).not.toContain('href="/admin"');
  });

  it("links no keys where the person does not administer, nor for the cooperative (it has none)", async () => {
    const email = "acct-b@example.be";
    const plain = await makeOrg({ kind: "member", name: "Acct Plain", members: [{ email, role: "member" }] });
    const plainProvider = await makeOrg({ kind: "provider", name: "Acct Plain Hosting", members: [{ email, role: "member" }] });
    const coop = await makeOrg({ kind: "cooperative", name: "Acct Coop", members: [{ email, role: "owner" }] });
    const html = await (await (await signIn(email)).fetch("/account?lang=en")).text();
    expect(html).toContain(`href="/orgs/${plain}"`);
    expect(html).toContain(`href="/orgs/${coop}"`);
    for (const org of [plain, plainProvider, coop]) expect(html).not.toContain(`href="/orgs/${org}/keys"`);
    expect(html).toContain(`href="/orgs/${plainProvider}/provider"`);
    for (const href of ["/account/sessions", "/account/passkeys", "/account/organisations", "/api/v1/me/export"]) expect(html).toContain(`href="${href}"`);
    expect(html).not.toContain('href="/admin"');
  });

  it("links stewards and coop_admins to /admin", async () => {
    await grantRole("acct-steward@example.be", "steward");
    await grantRole("acct-coop@example.be", "coop_admin");
    for (const email of ["acct-steward@example.be", "acct-coop@example.be"]) {
      expect(await (await (await signIn(email)).fetch("/account")).text()).toContain('href="/admin"');
    }
  });

  it("sends anonymous visitors to sign in", async () => {
    const res = await call("/account", MANUAL);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in?next=%2Faccount");
  });
});

describe("POST /account/language (the signed-in person, for themselves)", () => {
  it("stores the language on the person, sets the lang cookie like the switcher, and mail follows it", async () => {
    const email = "acct-lang@example.be";
    const b = await signIn(email);
    const res = await b.post("/account/language", { language: "nl" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account?notice=language_saved");
    const cookie = res.headers.getAll("set-cookie").find((c) => c.startsWith("lang="))!;
    expect(cookie).toMatch(/^lang=nl; Max-Age=31536000; Path=\//);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect((await env.DB.prepare("select language from users where email = ?").bind(email).first<{ language: string }>())!.language).toBe("nl");
    const page = await b.fetch("/account?notice=language_saved");
    const html = await page.text();
    expect(html).toContain('<html lang="nl"');
    expect(html).toContain("Uw taal is opgeslagen.");
    expect(html).toMatch(/<option value="nl" lang="nl" selected/);

    // The next sign-in link is written in Dutch, whatever the page's language.
    await newDevice().post("/sign-in?lang=fr", { email });
    const [mail] = await mailTo(email);
    expect(mail!.payload.lang).toBe("nl");
  });

  it("answers an unknown language with 400 and the form's message; nothing changes", async () => {
    const email = "acct-lang-bad@example.be";
    const b = await signIn(email);
    const res = await b.post("/account/language?lang=en", { language: "klingon" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="account-language-error"');
    expect(html).toContain("Choose French, Dutch or English.");
    expect((await env.DB.prepare("select language from users where email = ?").bind(email).first<{ language: string }>())!.language).toBe("fr");
  });

  it("refuses cross-site posts (403) and anonymous ones (401, with a way to sign in)", async () => {
    const email = "acct-lang-csrf@example.be";
    const b = await signIn(email);
    expect((await b.post("/account/language", { language: "en" }, EVIL)).status).toBe(403);
    expect((await env.DB.prepare("select language from users where email = ?").bind(email).first<{ language: string }>())!.language).toBe("fr");
    const anon = await newDevice().post("/account/language", { language: "en" });
    expect(anon.status).toBe(401);
    expect(await anon.text()).toContain('href="/sign-in"');
  });
});
