// /admin/keys: a steward's personal keys (catalog:import, audit:read; no organisation).
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Browser, signIn } from "../helpers";
import { call, postJson, STEWARD } from "../../helpers/http";
import { apiKey, bearer, grantRole } from "../../helpers/people";
import { auditRows, crossSite, postPairs, secretIn, storedKey } from "./helpers";

const organization = "file.class = organization\norganization.name = Hébergeur par clé\norganization.website = https://par-cle.example";

async function steward(email: string) {
  await grantRole(email, "steward");
  return signIn(email);
}

describe("a steward's keys", () => {
  it("creates an import key shown once, which imports the catalogue and reads the audit log", async () => {
    const b = await steward("sk-happy@chatiere.test");
    const form = await (await b.fetch("/admin/keys")).text();
    expect(form).toContain('value="catalog:import"');
    expect(form).toContain('value="audit:read"');
    expect(form).not.toContain('value="offers:write"');
    const res = await b.post("/admin/keys", { name: "import nocturne", scopes: "catalog:import" });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const secret = secretIn(await res.text());
    const stored = (await storedKey(secret.slice(0, 12)))!;
    expect(stored).toMatchObject({ org_id: null, scopes: '["catalog:import"]' });
    expect(await auditRows("key.create", stored.id)).toHaveLength(1);

    const imported = await postJson("/api/v1/import/chatonsinfos", { organization, services: [] }, bearer(secret));
    expect(imported.status).toBe(201);
    // Scoped: this one has no audit:read.
    expect((await call("/api/v1/audit", { headers: bearer(secret) })).status).toBe(403);
    expect(await (await b.fetch("/admin/keys")).text()).not.toContain(secret);
  });

  it("lists only the steward's own keys; another steward's key is a 404 to revoke", async () => {
    const mine = await steward("sk-mine@chatiere.test");
    const theirs = await apiKey({ email: "sk-theirs@chatiere.test", scopes: ["audit:read"] });
    await grantRole("sk-theirs@chatiere.test", "steward");
    const ownSecret = secretIn(await (await postPairs(mine, "/admin/keys", [["name", "à moi"], ["scopes", "catalog:import"], ["scopes", "audit:read"]])).text());
    const html = await (await mine.fetch("/admin/keys")).text();
    expect(html).toContain(ownSecret.slice(0, 12));
    expect((await storedKey(ownSecret.slice(0, 12)))!.scopes).toBe('["catalog:import","audit:read"]');
    expect(html).not.toContain(theirs.slice(0, 12));
    const theirId = (await storedKey(theirs.slice(0, 12)))!.id;
    expect((await mine.post(`/admin/keys/${theirId}/revoke`)).status).toBe(404);
    expect((await storedKey(theirs.slice(0, 12)))!.revoked_at).toBeNull();
    const ownId = (await storedKey(ownSecret.slice(0, 12)))!.id;
    const revoked = await mine.post(`/admin/keys/${ownId}/revoke`);
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get("location")).toBe("/admin/keys?revoked=1");
    expect((await call("/api/v1/audit", { headers: bearer(ownSecret) })).status).toBe(401);
    expect(await auditRows("key.revoke", ownId)).toHaveLength(1);
  });

  it("refuses offers:write on a steward key (400, field named)", async () => {
    const b = await steward("sk-bad@chatiere.test");
    const res = await b.post("/admin/keys?lang=en", { name: "x", scopes: "offers:write" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("This permission is not available here.");
  });
});

describe("security", () => {
  it("anonymous: GET redirects to sign-in, POST 401", async () => {
    const res = await new Browser().fetch("/admin/keys");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in?next=%2Fadmin%2Fkeys");
    expect((await new Browser().post("/admin/keys", { name: "x", scopes: "audit:read" })).status).toBe(401);
  });

  it("a coop_admin, a provider owner and a plain person get 403", async () => {
    await grantRole("sk-coop@chatiere.test", "coop_admin");
    for (const email of ["sk-coop@chatiere.test", "sk-nobody@chatiere.test"]) {
      const b = await signIn(email);
      expect((await b.fetch("/admin/keys")).status, email).toBe(403);
      expect((await b.post("/admin/keys", { name: "x", scopes: "audit:read" })).status, email).toBe(403);
    }
  });

  it("a steward key cannot mint keys through the page (403)", async () => {
    expect((await call("/admin/keys", { headers: STEWARD })).status).toBe(403);
    const res = await call("/admin/keys", {
      method: "POST",
      headers: { ...STEWARD, "content-type": "application/x-www-form-urlencoded", origin: "https://chatiere.test", "sec-fetch-site": "same-origin" },
      body: "name=x&scopes=catalog%3Aimport",
    });
    expect(res.status).toBe(403);
    const n = await env.DB.prepare("select count(*) as n from api_keys where name = 'x' and org_id is null").first<{ n: number }>();
    expect(n?.n).toBe(0);
  });

  it("refuses cross-site posts (403)", async () => {
    const b = await steward("sk-csrf@chatiere.test");
    expect((await b.post("/admin/keys", { name: "evil", scopes: "audit:read" }, crossSite)).status).toBe(403);
    const n = await env.DB.prepare("select count(*) as n from api_keys where name = 'evil'").first<{ n: number }>();
    expect(n?.n).toBe(0);
  });
});
