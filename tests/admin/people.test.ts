// /admin/people: find people, grant and revoke steward / coop_admin, never the last steward.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Browser, signIn } from "../accounts/helpers";
import { call, STEWARD, STEWARD_EMAIL } from "../helpers/http";
import { grantRole, makeOrg, person } from "../helpers/people";
import { crossSite } from "../accounts/keys/helpers";

const rolesOf = async (email: string) =>
  (
    await env.DB.prepare("select p.role from platform_roles p join users u on u.id = p.user_id where u.email = ? order by p.role").bind(email).all<{ role: string }>()
  ).results.map((r) => r.role);
const audits = async (action: string, subjectId: string) =>
  (await env.DB.prepare("select * from audit_log where action = ? and subject_id = ?").bind(action, subjectId).all<Record<string, string>>()).results;

async function steward(email: string) {
  await grantRole(email, "steward");
  return signIn(email);
}

describe("finding people", () => {
  it("by exact address or its beginning, with roles, organisations and last sign-in", async () => {
    const b = await steward("people-finder@chatiere.test");
    await signIn("alice.people@asbl.example");
    await makeOrg({ kind: "member", name: "Les Amis du Parc", members: [{ email: "alice.people@asbl.example", role: "owner" }] });
    await grantRole("alice.people@asbl.example", "coop_admin");
    await person("alina.people@asbl.example");
    const res = await b.fetch("/admin/people?q=ALI&lang=en");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("alice.people@asbl.example");
    expect(html).toContain("alina.people@asbl.example");
    expect(html).toContain("Les Amis du Parc (owner)");
    expect(html).toContain("cooperative administrator");
    expect(html).toContain("No open session"); // alina never signed in
    expect(html).toMatch(/<th scope="col">Last sign-in<\/th>/);
    const exact = await (await b.fetch("/admin/people?q=alina.people@asbl.example")).text();
    expect(exact).toContain("alina.people@asbl.example");
    expect(exact).not.toContain("alice.people@asbl.example");
  });

  it("takes % and _ literally, and says when nobody matches", async () => {
    const b = await steward("people-like@chatiere.test");
    const html = await (await b.fetch("/admin/people?q=%25&lang=en")).text();
    expect(html).toContain("Nobody matches “%”");
    expect(html).not.toContain("people-like@chatiere.test</th>");
  });
});

describe("granting", () => {
  it("grants to an address that never signed in: creates the person (unverified), audits, and they can sign in as steward", async () => {
    const b = await steward("people-granter@chatiere.test");
    const res = await b.post("/admin/people/grant", { email: "  New.Steward@Example.org ", role: "steward" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/people?q=new.steward%40example.org&done=granted&role=steward");
    const page = await (await b.fetch(res.headers.get("location")!)).text();
    expect(page).toContain('role="status"');
    expect(page).toContain("new.steward@example.org a maintenant le rôle steward.");
    const user = await env.DB.prepare("select id, email_verified from users where email = 'new.steward@example.org'").first<{ id: string; email_verified: number }>();
    expect(user!.email_verified).toBe(0);
    expect(await rolesOf("new.steward@example.org")).toEqual(["steward"]);
    const [audit] = await audits("role.grant", user!.id);
    expect(JSON.parse(audit!.detail!)).toMatchObject({ role: "steward", email: "new.steward@example.org", created: true });
    expect(audit!.actor_user_id).toBeTruthy();

    const newcomer = await signIn("new.steward@example.org");
    expect((await newcomer.fetch("/admin/people")).status).toBe(200);
  });

  it("granting twice says so and audits once", async () => {
    const b = await steward("people-twice@chatiere.test");
    const id = await person("twice-coop@example.org");
    await b.post("/admin/people/grant", { email: "twice-coop@example.org", role: "coop_admin" });
    const again = await b.post("/admin/people/grant", { email: "twice-coop@example.org", role: "coop_admin" });
    expect(again.headers.get("location")).toContain("done=already");
    expect(await audits("role.grant", id)).toHaveLength(1);
  });

  it.each([
    ["a bad address", { email: "pas-une-adresse", role: "steward" }, "Saisissez une adresse électronique complète", "grant-email-error"],
    ["an unknown role", { email: "ok@example.org", role: "owner" }, "Choisissez un rôle.", "grant-role-error"],
    ["nothing", {}, "Saisissez une adresse électronique complète", "grant-email-error"],
  ])("re-renders with 400 on %s, naming the field, granting nothing", async (_label, fields, message, id) => {
    const b = await steward(`people-bad-${Math.random().toString(36).slice(2, 8)}@chatiere.test`);
    const before = await env.DB.prepare("select count(*) as n from platform_roles").first<{ n: number }>();
    const res = await b.post("/admin/people/grant", fields as Record<string, string>);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain(`id="${id}"`);
    expect(html).toContain('class="error-summary"');
    expect(await env.DB.prepare("select count(*) as n from platform_roles").first<{ n: number }>()).toEqual(before);
  });
});

describe("revoking", () => {
  it("revokes a role, audits it with the role, and the person loses the power", async () => {
    const b = await steward("people-revoker@chatiere.test");
    const id = await grantRole("people-revoked@example.org", "coop_admin");
    const target = await signIn("people-revoked@example.org");
    expect((await target.fetch("/admin")).status).toBe(200);
    const res = await b.post("/admin/people/revoke", { user_id: id, role: "coop_admin" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/people?q=people-revoked%40example.org&done=revoked&role=coop_admin");
    expect(await rolesOf("people-revoked@example.org")).toEqual([]);
    expect((await target.fetch("/admin")).status).toBe(403);
    const [audit] = await audits("role.revoke", id);
    expect(JSON.parse(audit!.detail!)).toMatchObject({ role: "coop_admin" });
    // Not held (any more): 404.
    expect((await b.post("/admin/people/revoke", { user_id: id, role: "coop_admin" })).status).toBe(404);
    expect((await b.post("/admin/people/revoke", { user_id: "usr_nobody", role: "steward" })).status).toBe(404);
    expect((await b.post("/admin/people/revoke", { user_id: id, role: "emperor" })).status).toBe(400);
  });
});

describe("the last steward", () => {
  it("two stewards revoking each other at once leave one; the last cannot be revoked (409, translated); audits match", async () => {
    // Storage is per file: leave exactly two stewards by revoking the others first.
    const one = await steward("people-last-1@chatiere.test");
    const two = await steward("people-last-2@chatiere.test");
    const { results } = await env.DB.prepare(
      "select p.user_id from platform_roles p join users u on u.id = p.user_id where p.role = 'steward' and u.email not like 'people-last-%'",
    ).all<{ user_id: string }>();
    for (const { user_id } of results) expect((await one.post("/admin/people/revoke", { user_id, role: "steward" })).status).toBe(303);
    expect(await rolesOf(STEWARD_EMAIL)).toEqual([]);
    const idOf = async (email: string) => (await env.DB.prepare("select id from users where email = ?").bind(email).first<{ id: string }>())!.id;
    const [id1, id2] = [await idOf("people-last-1@chatiere.test"), await idOf("people-last-2@chatiere.test")];

    const statuses = await Promise.all([
      one.post("/admin/people/revoke", { user_id: id2, role: "steward" }).then((r) => r.status),
      two.post("/admin/people/revoke", { user_id: id1, role: "steward" }).then((r) => r.status),
    ]);
    // One wins; the other is refused, by the last-steward guard (409) or, if it came second, because
    // its author is no longer a steward (403).
    const [won, lost] = [...statuses].sort();
    expect(won).toBe(303);
    expect([403, 409]).toContain(lost);
    const left = await env.DB.prepare("select user_id from platform_roles where role = 'steward'").all<{ user_id: string }>();
    expect(left.results).toHaveLength(1);
    expect((await audits("role.revoke", id1)).length + (await audits("role.revoke", id2)).length).toBe(1);

    const survivorId = left.results[0]!.user_id;
    const survivor = survivorId === id1 ? one : two;
    const res = await survivor.post("/admin/people/revoke?lang=en", { user_id: survivorId, role: "steward" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("The last steward cannot be revoked");
    expect(await audits("role.revoke", survivorId)).toHaveLength(0);
    // Give the file its steward back for the tests after this one.
    await grantRole(STEWARD_EMAIL, "steward");
  });
});

describe("security", () => {
  it("anonymous: GET redirects to sign-in, POST 401", async () => {
    const res = await new Browser().fetch("/admin/people?q=x");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in?next=%2Fadmin%2Fpeople%3Fq%3Dx");
    expect((await new Browser().post("/admin/people/grant", { email: "anon@example.org", role: "steward" })).status).toBe(401);
    expect(await rolesOf("anon@example.org")).toEqual([]);
  });

  it("a coop_admin, an organisation owner and a plain person get 403 and grant nothing", async () => {
    await grantRole("people-coop@chatiere.test", "coop_admin");
    await makeOrg({ kind: "provider", members: [{ email: "people-owner@chatiere.test", role: "owner" }] });
    for (const email of ["people-coop@chatiere.test", "people-owner@chatiere.test", "people-plain@chatiere.test"]) {
      const b = await signIn(email);
      expect((await b.fetch("/admin/people")).status, email).toBe(403);
      expect((await b.post("/admin/people/grant", { email, role: "steward" })).status, email).toBe(403);
      expect(await rolesOf(email), email).not.toContain("steward");
    }
  });

  it("a steward's API key cannot use the page (403)", async () => {
    expect((await call("/admin/people", { headers: STEWARD })).status).toBe(403);
  });

  it("refuses cross-site posts (403)", async () => {
    const b = await steward("people-csrf@chatiere.test");
    const id = await grantRole("people-csrf-target@example.org", "coop_admin");
    expect((await b.post("/admin/people/grant", { email: "evil@example.org", role: "steward" }, crossSite)).status).toBe(403);
    expect((await b.post("/admin/people/revoke", { user_id: id, role: "coop_admin" }, crossSite)).status).toBe(403);
    expect(await rolesOf("evil@example.org")).toEqual([]);
    expect(await rolesOf("people-csrf-target@example.org")).toEqual(["coop_admin"]);
  });
});
