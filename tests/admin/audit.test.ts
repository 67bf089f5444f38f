// The audit log: GET /api/v1/audit (steward session or key with audit:read) and /admin/audit.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { Browser, signIn } from "../accounts/helpers";
import { call, problem, STEWARD } from "../helpers/http";
import { apiKey, bearer, grantRole, makeOrg, person } from "../helpers/people";

interface Item {
  id: string;
  at: string;
  action: string;
  subject_id: string;
  org_id: string | null;
  detail: Record<string, unknown>;
  actor: { user_id: string | null; email: string | null; key_id: string | null; key_start: string | null };
  ip: string | null;
  user_agent: string | null;
}
interface Page {
  items: Item[];
  next_cursor: string | null;
}

const api = async (query: string, headers: Record<string, string> = STEWARD) => {
  const res = await call(`/api/v1/audit${query}`, { headers });
  if (res.status !== 200) throw new Error(`${res.status}: ${await res.text()}`);
  return (await res.json()) as Page;
};

let actorId = "";
let otherId = "";
let orgId = "";

// A fixed history: 30 entries by two people over January 2026 (some in the Brussels evening, which is the next day in Brussels).
beforeAll(async () => {
  actorId = await person("auditor@chatiere.test");
  otherId = await person("someone-else@chatiere.test");
  orgId = await makeOrg({ kind: "provider", members: [] });
  const stmt = env.DB.prepare("insert into audit_log (id, at, actor_user_id, action, subject_type, subject_id, org_id, detail, ip, user_agent) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const rows = [];
  for (let i = 0; i < 30; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    rows.push(
      stmt.bind(
        newId("aud"),
        `2026-01-${day}T${i % 2 ? "23:30" : "10:00"}:00.000Z`,
        i % 3 ? actorId : otherId,
        i % 5 ? "offer.approve" : "role.grant",
        "offer",
        `off_${i}`,
        i % 4 ? null : orgId,
        JSON.stringify({ i }),
        "203.0.113.7",
        "Mozilla/5.0 test",
      ),
    );
  }
  await env.DB.batch(rows);
});

describe("GET /api/v1/audit (happy)", () => {
  it("answers newest first and walks every entry once by cursor", async () => {
    const seen: Item[] = [];
    let cursor: string | null = "";
    let pages = 0;
    while (cursor !== null) {
      const page: Page = await api(`?limit=7&from=2026-01-01&to=2026-01-31${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items);
      cursor = page.next_cursor;
      pages++;
    }
    expect(pages).toBe(5);
    expect(seen).toHaveLength(30);
    expect(new Set(seen.map((s) => s.id)).size).toBe(30);
    const order = seen.map((s) => `${s.at}|${s.id}`);
    expect(order).toEqual([...order].sort().reverse());
  });

  it("filters by action, actor email, subject and organisation, combined", async () => {
    expect((await api("?action=role.grant&limit=100")).items.filter((i) => i.subject_id.startsWith("off_"))).toHaveLength(6);
    const mine = (await api("?actor=AUDITOR@chatiere.test&limit=100")).items;
    expect(mine).toHaveLength(20);
    expect(mine.every((i) => i.actor.email === "auditor@chatiere.test" && i.actor.user_id === actorId)).toBe(true);
    expect((await api("?subject=off_7")).items.map((i) => i.detail)).toEqual([{ i: 7 }]);
    expect((await api(`?org=${orgId}&limit=100`)).items).toHaveLength(8);
    expect((await api(`?org=${orgId}&actor=someone-else@chatiere.test&action=role.grant&limit=100`)).items.map((i) => i.subject_id)).toEqual(["off_0"]);
  });

  it("reads from/to as Brussels days, both included", async () => {
    // 23:30 UTC on 2 January (i = 1) is 00:30 on 3 January in Brussels.
    const third = (await api("?from=2026-01-03&to=2026-01-03")).items.map((i) => i.subject_id).sort();
    expect(third).toEqual(["off_1", "off_2", "off_29"]);
    const first = (await api("?from=2026-01-01&to=2026-01-01")).items.map((i) => i.subject_id).sort();
    expect(first).toEqual(["off_0", "off_28"]);
  });

  it("shows who, from where, and the key when an action was done by key", async () => {
    const org = await makeOrg({ kind: "provider", members: [{ email: "key-actor@chatiere.test", role: "admin" }] });
    const b = await signIn("key-actor@chatiere.test");
    await b.post(`/orgs/${org}/keys`, { name: "by session", scopes: "offers:write" });
    const [entry] = (await api(`?action=key.create&org=${org}`)).items;
    expect(entry).toMatchObject({ action: "key.create", org_id: org, actor: { email: "key-actor@chatiere.test", key_id: null } });
    expect(entry!.ip).toMatch(/^2001:db8::/);
    // A steward's key reading the log is not audited, but an action by key carries its start.
    const keyId = (await env.DB.prepare("select id, start from api_keys where start = ?").bind(STEWARD.authorization.slice(7, 19)).first<{ id: string; start: string }>())!;
    await env.DB.prepare("insert into audit_log (id, actor_user_id, actor_key_id, action, subject_type, subject_id) select ?, user_id, id, 'catalog.import', 'provider', 'prv_bykey' from api_keys where id = ?")
      .bind(newId("aud"), keyId.id)
      .run();
    const [byKey] = (await api("?subject=prv_bykey")).items;
    expect(byKey!.actor).toMatchObject({ key_id: keyId.id, key_start: keyId.start, email: "steward@chatiere.test" });
  });

  it("works with a steward's session too", async () => {
    await grantRole("audit-session@chatiere.test", "steward");
    const b = await signIn("audit-session@chatiere.test");
    const res = await b.fetch("/api/v1/audit?subject=off_3");
    expect(res.status).toBe(200);
    expect(((await res.json()) as Page).items).toHaveLength(1);
  });
});

describe("GET /api/v1/audit (errors)", () => {
  it.each([
    ["action", "?action=DROP%20TABLE"],
    ["actor", "?actor=nobody"],
    ["from", "?from=2026-02-30"],
    ["to", "?from=2026-02-02&to=2026-02-01"],
    ["limit", "?limit=1000"],
    ["limit", "?limit=abc"],
    ["cursor", "?cursor=not-a-cursor"],
    ["cursor", `?cursor=${btoa(JSON.stringify([1, 2]))}`],
  ])("answers 400 naming %s", async (field, query) => {
    const body = await problem(await call(`/api/v1/audit${query}`, { headers: STEWARD }), 400);
    expect(body.errors?.map((e) => e.field)).toContain(field);
  });
});

describe("GET /api/v1/audit (security)", () => {
  it("anonymous → 401 problem+json", async () => {
    const res = await call("/api/v1/audit");
    await problem(res, 401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("a signed-in member, a coop_admin, a provider key and a steward key without audit:read → 403", async () => {
    await grantRole("audit-coop@chatiere.test", "coop_admin");
    for (const email of ["audit-member@chatiere.test", "audit-coop@chatiere.test"]) {
      await problem(await (await signIn(email)).fetch("/api/v1/audit"), 403);
    }
    const org = await makeOrg({ kind: "provider", members: [{ email: "audit-provider@chatiere.test", role: "owner" }] });
    await problem(await call("/api/v1/audit", { headers: bearer(await apiKey({ email: "audit-provider@chatiere.test", orgId: org, scopes: ["offers:write"] })) }), 403);
    await grantRole("audit-importer@chatiere.test", "steward");
    await problem(await call("/api/v1/audit", { headers: bearer(await apiKey({ email: "audit-importer@chatiere.test", scopes: ["catalog:import"] })) }), 403);
  });

  it("is documented: steward access, audit:read scope", async () => {
    const doc = (await (await call("/api/openapi.json")).json()) as { paths: Record<string, Record<string, { description: string; security: unknown }>> };
    const op = doc.paths["/api/v1/audit"]!.get!;
    expect(op.description).toMatch(/^Access: steward \(session, or API key with `audit:read`\)/);
    expect(op.security).toEqual([{ session: [] }, { apiKey: ["audit:read"] }]);
  });
});

describe("/admin/audit page", () => {
  it("lists entries in Brussels time with filters kept and an older-entries link", async () => {
    await grantRole("audit-page@chatiere.test", "steward");
    const b = await signIn("audit-page@chatiere.test");
    const res = await b.fetch("/admin/audit?action=offer.approve&actor=&from=2026-01-01&to=2026-01-31&limit=5&lang=en");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/data-audit="/g)).toHaveLength(5);
    expect(html).toContain('value="offer.approve"');
    expect(html).toContain("auditor@chatiere.test");
    expect(html).toContain("203.0.113.7");
    // 23:30 UTC in January is 00:30 in Brussels.
    expect(html).toMatch(/00:30/);
    const next = /<a href="([^"]+)" rel="next">/.exec(html)![1]!.replaceAll("&amp;", "&");
    expect(next).toContain("action=offer.approve");
    expect(next).toContain("cursor=");
    const older = await b.fetch(next);
    expect(older.status).toBe(200);
    const olderIds = [...(await older.text()).matchAll(/data-audit="([^"]+)"/g)].map((m) => m[1]);
    const firstIds = [...html.matchAll(/data-audit="([^"]+)"/g)].map((m) => m[1]);
    expect(olderIds.filter((id) => firstIds.includes(id))).toEqual([]);
  });

  it("re-renders with 400 and the field named on bad filters", async () => {
    await grantRole("audit-page-bad@chatiere.test", "steward");
    const b = await signIn("audit-page-bad@chatiere.test");
    const res = await b.fetch("/admin/audit?actor=nobody&from=2026-13-01&lang=en");
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="audit-actor-error"');
    expect(html).toContain('id="audit-from-error"');
    expect(html).toContain("Enter a complete email address.");
    const cursor = await b.fetch("/admin/audit?cursor=garbage&lang=en");
    expect(cursor.status).toBe(400);
    expect(await cursor.text()).toContain("This link to older entries is no longer valid");
  });

  it("anonymous → sign-in; coop_admin and plain person → 403; a steward key → 403", async () => {
    const anon = await new Browser().fetch("/admin/audit");
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toBe("/sign-in?next=%2Fadmin%2Faudit");
    await grantRole("audit-page-coop@chatiere.test", "coop_admin");
    for (const email of ["audit-page-coop@chatiere.test", "audit-page-plain@chatiere.test"]) {
      expect((await (await signIn(email)).fetch("/admin/audit")).status, email).toBe(403);
    }
    expect((await call("/admin/audit", { headers: STEWARD })).status).toBe(403);
  });
});
