// Pledges in workerd against the real D1: pledge → mail → confirmation → the meter counts it;
// unconfirmed, expired and used links; one pledge per address; the rate limit; the settings (who may,
// what is refused, audited); opening invites each confirmed pledger once even when fired twice; the
// conversions; the member export.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newInvitationToken } from "../../../src/accounts/orgs/tokens";
import { linkIn, mailTo, newDevice, signIn } from "../../accounts/helpers";
import { apiKey, grantRole, makeOrg } from "../../helpers/people";
import { call, json, postJson, problem } from "../../helpers/http";

let ipCount = 0;
/** Each test pledges from its own IP, so the per-IP limit is only met where it is tested. */
const fromIp = () => ({ "cf-connecting-ip": `203.0.113.${++ipCount}` });

async function viability() {
  const res = await call("/api/v1/coop/viability");
  expect(res.status).toBe(200);
  return json(res);
}

/** Pledges through the API and returns the mailed link. */
async function pledge(body: Record<string, unknown>, headers = fromIp()): Promise<{ id: string; link: string }> {
  const res = await postJson("/api/v1/pledges", body, headers);
  if (res.status !== 202) throw new Error(`pledge answered ${res.status}: ${await res.text()}`);
  const { id } = await json(res);
  const [mail] = await mailTo(String(body.email).toLowerCase());
  return { id, link: linkIn(mail!.payload.text) };
}

async function confirm(link: string) {
  const u = new URL(link);
  return newDevice().post(u.pathname);
}

describe("pledge → mail → confirm → counts", () => {
  it("counts only once confirmed, in the mail's language, and the link works once", async () => {
    const before = await viability();
    const res = await postJson("/api/v1/pledges", { name: "Anaïs", email: "Anais@Parc.example.be", organisation: "Les Amis du Parc", roles: ["client", "supporter"], services: [{ service: "mailbox", quantity: 12 }], monthly_cents: 4500, capital_cents: 25_000, language: "nl" }, fromIp());
    expect(res.status).toBe(202);
    const body = await json(res);
    expect(body).toEqual({ id: expect.stringMatching(/^plg_/), status: "pending" });
    const [mail] = await mailTo("anais@parc.example.be");
    expect(mail).toMatchObject({ kind: "pledge_confirm", payload: { lang: "nl", subject: "Bevestig uw belofte aan de coöperatie" } });
    const link = linkIn(mail!.payload.text);
    expect(link).toMatch(/^https:\/\/chatiere\.test\/coop\/pledges\/confirm\/[0-9a-z]{40}\?lang=nl$/);
    // The token is stored hashed only.
    const row = await env.DB.prepare("select status, token_hash, confirmed_at from pledges where id = ?").bind(body.id).first<{ status: string; token_hash: string; confirmed_at: null }>();
    expect(row).toMatchObject({ status: "pending", confirmed_at: null });
    expect(link).not.toContain(row!.token_hash);

    expect(await viability()).toMatchObject({ pledges: before.pledges, pledged_monthly_cents: before.pledged_monthly_cents });

    // The link opens a page with a button (scanners following links confirm nothing).
    const page = await newDevice().fetch(new URL(link).pathname + "?lang=nl");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(await page.text()).toContain("Mijn belofte bevestigen");
    expect((await viability()).pledges).toBe(before.pledges);

    const done = await confirm(link);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/coop?notice=confirmed");
    const after = await viability();
    expect(after).toMatchObject({
      pledges: before.pledges + 1,
      organisations: before.organisations + 1,
      pledged_monthly_cents: before.pledged_monthly_cents + 4500,
      pledged_capital_cents: before.pledged_capital_cents + 25_000,
    });
    expect(after.units.mailbox).toBe((before.units.mailbox ?? 0) + 12);
    expect(after.history.at(-1)).toMatchObject({ monthly_cents: after.pledged_monthly_cents, capital_cents: after.pledged_capital_cents });
    expect(after.converted).toBeUndefined(); // not open yet

    // Used: a 409 saying so, and nothing counted twice.
    expect((await confirm(link)).status).toBe(409);
    const again = await newDevice().fetch(`${new URL(link).pathname}?lang=en`);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("This pledge is already confirmed.");
    expect((await viability()).pledges).toBe(after.pledges);
  });

  it("an expired link confirms nothing; an unknown one is a 404", async () => {
    const { token, hash } = await newInvitationToken();
    await env.DB.prepare("insert into pledges (id, email, name, roles, services, monthly_cents, language, token_hash, token_expires_at) values ('plg_expired', 'late@example.be', 'Late', '[\"client\"]', '[]', 9999, 'fr', ?, '2020-01-01T00:00:00Z')").bind(hash).run();
    const before = await viability();
    const res = await newDevice().post(`/coop/pledges/confirm/${token}`);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("a expiré");
    expect((await env.DB.prepare("select status from pledges where id = 'plg_expired'").first())!.status).toBe("pending");
    expect(await viability()).toMatchObject({ pledges: before.pledges, pledged_monthly_cents: before.pledged_monthly_cents });
    expect((await newDevice().fetch(`/coop/pledges/confirm/${"a".repeat(40)}`)).status).toBe(404);
    expect((await newDevice().post("/coop/pledges/confirm/not-a-token")).status).toBe(404);
  });

  it("one pledge per address: the newer one, once confirmed, replaces the earlier", async () => {
    const email = "twice@example.be";
    const first = await pledge({ name: "Twice", email, roles: ["client"], monthly_cents: 1000 });
    await confirm(first.link);
    const counted = await viability();
    // A second pledge (anyone can type an address) does not touch the confirmed one until confirmed.
    const second = await pledge({ name: "Twice", email, roles: ["client"], monthly_cents: 3000 });
    expect(await viability()).toMatchObject({ pledges: counted.pledges, pledged_monthly_cents: counted.pledged_monthly_cents });
    // A third, still pending, stops the second's link.
    const third = await pledge({ name: "Twice", email, roles: ["supporter"], capital_cents: 50_000 });
    const stale = await confirm(second.link);
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("Une promesse plus récente");
    expect((await confirm(third.link)).status).toBe(303);
    const now = await viability();
    expect(now).toMatchObject({ pledges: counted.pledges, pledged_monthly_cents: counted.pledged_monthly_cents - 1000, pledged_capital_cents: counted.pledged_capital_cents + 50_000 });
    const rows = await env.DB.prepare("select id, status, replaced_at is not null replaced from pledges where email = ? order by created_at").bind(email).all();
    expect(rows.results).toEqual([
      { id: first.id, status: "replaced", replaced: 1 },
      { id: second.id, status: "replaced", replaced: 1 },
      { id: expect.any(String), status: "confirmed", replaced: 0 },
    ]);
  });

  it("bad input: 400 problem+json naming the field, nothing stored, no mail", async () => {
    const count = async () => (await env.DB.prepare("select count(*) n from pledges").first<{ n: number }>())!.n;
    const n = await count();
    let p = await problem(await postJson("/api/v1/pledges", { name: "A", email: "nobody@nowhere.example.be", roles: ["client"] }, fromIp()), 400);
    expect(p.errors).toEqual([{ field: "monthly_cents", message: expect.any(String) }]);
    p = await problem(await postJson("/api/v1/pledges", { name: "A", email: "nobody@nowhere.example.be", roles: ["supporter"], capital_cents: -5 }, fromIp()), 400);
    expect(p.errors!.map((e) => e.field)).toEqual(["capital_cents"]);
    p = await problem(await postJson("/api/v1/pledges", { name: "A", email: "nobody@nowhere.example.be", roles: ["client"], services: [{ service: "rocket", quantity: 1 }] }, fromIp()), 400);
    expect(p.errors!.map((e) => e.field)).toEqual(["services.0.service"]);
    p = await problem(await call("/api/v1/pledges", { method: "POST", headers: { "content-type": "application/json", ...fromIp() }, body: "{" }), 400);
    expect(await count()).toBe(n);
    expect(await mailTo("nobody@nowhere.example.be")).toEqual([]);
  });

  it("is rate limited per address (429 with Retry-After) and per IP", async () => {
    const body = { name: "Eager", email: "eager@example.be", roles: ["volunteer"] };
    for (let i = 0; i < 5; i++) expect((await postJson("/api/v1/pledges", body, fromIp())).status).toBe(202);
    const refused = await postJson("/api/v1/pledges", body, fromIp());
    await problem(refused, 429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await mailTo("eager@example.be")).toHaveLength(5);
    const ip = fromIp();
    for (let i = 0; i < 30; i++) expect((await postJson("/api/v1/pledges", { ...body, email: `ip${i}@example.be` }, ip)).status).toBe(202);
    await problem(await postJson("/api/v1/pledges", { ...body, email: "ip-last@example.be" }, ip), 429);
  });
});

describe("settings and opening", () => {
  const ADMIN = "pledge-admin@coop.test";

  it("settings: coop_admin's key with billing:write sets them (audited); others are refused; bad fields named", async () => {
    await grantRole(ADMIN, "coop_admin");
    const key = await apiKey({ email: ADMIN, scopes: ["billing:write"] });
    const put = (body: unknown, headers: Record<string, string>) => call("/api/v1/coop/viability/settings", { method: "PUT", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    const body = { fixed_monthly_cents: 120_000, cost_per_unit_cents: { mailbox: 150, web_hosting: 400 }, target_capital_cents: 2_000_000, opens_on: "2026-09-01" };
    await problem(await put(body, {}), 401);
    await grantRole("pledge-steward@coop.test", "steward");
    const stewardKey = await apiKey({ email: "pledge-steward@coop.test", scopes: ["billing:write"] });
    await problem(await put(body, { authorization: `Bearer ${stewardKey}` }), 403);
    let p = await problem(await put({ ...body, cost_per_unit_cents: { rocket: 1 }, opens_on: "2026-02-30" }, { authorization: `Bearer ${key}` }), 400);
    expect(p.errors!.map((e) => e.field).sort()).toEqual(["cost_per_unit_cents", "opens_on"]);
    p = await problem(await put({ ...body, fixed_monthly_cents: 1.5 }, { authorization: `Bearer ${key}` }), 400);
    expect(p.errors!.map((e) => e.field)).toEqual(["fixed_monthly_cents"]);
    const res = await put(body, { authorization: `Bearer ${key}` });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ ...body, opened_at: null });
    const v = await viability();
    expect(v.target_monthly_cents).toBe(120_000 + 150 * (v.units.mailbox ?? 0) + 400 * (v.units.web_hosting ?? 0));
    expect(v).toMatchObject({ target_capital_cents: 2_000_000, opens_on: "2026-09-01" });
    const audit = await env.DB.prepare("select detail from audit_log where action = 'coop.viability.settings'").all<{ detail: string }>();
    expect(audit.results.map((r) => JSON.parse(r.detail))).toContainEqual(body);
  });

  it("opening invites every confirmed pledger once, in their language, even when fired twice; later confirmations are invited then", async () => {
    await grantRole(ADMIN, "coop_admin");
    const key = await apiKey({ email: ADMIN, scopes: ["billing:write"] });
    const open = () => call("/api/v1/coop/open", { method: "POST", headers: { authorization: `Bearer ${key}` } });
    const a = await pledge({ name: "Ada", email: "ada@open.example.be", roles: ["client"], monthly_cents: 1000, language: "en" });
    await confirm(a.link);
    const b = await pledge({ name: "Bea", email: "bea@open.example.be", roles: ["volunteer"], language: "nl" });
    await confirm(b.link);
    const pending = await pledge({ name: "Cy", email: "cy@open.example.be", roles: ["volunteer"] });
    const confirmed = (await env.DB.prepare("select count(*) n from pledges where status = 'confirmed'").first<{ n: number }>())!.n;

    const [first, second] = [await open(), await open()];
    expect(first.status).toBe(200);
    const opened = await json(first);
    expect(opened).toEqual({ opened_at: expect.any(String), invited: confirmed });
    expect(await json(second)).toEqual({ opened_at: opened.opened_at, invited: 0 });
    const invites = await env.DB.prepare("select recipient, payload from outbox where kind = 'pledge_invite'").all<{ recipient: string; payload: string }>();
    expect(invites.results).toHaveLength(confirmed);
    expect(new Set(invites.results.map((r) => r.recipient)).size).toBe(confirmed);
    const ada = invites.results.find((r) => r.recipient === "ada@open.example.be")!;
    expect(JSON.parse(ada.payload)).toMatchObject({ lang: "en", subject: "The cooperative is open: join it" });
    expect(JSON.parse(invites.results.find((r) => r.recipient === "bea@open.example.be")!.payload).lang).toBe("nl");
    expect(await mailTo("cy@open.example.be")).toHaveLength(1); // only its confirmation link

    // Confirming after the opening: invited at once, and only once.
    await confirm(pending.link);
    expect((await mailTo("cy@open.example.be")).map((m) => m.kind)).toEqual(["pledge_invite", "pledge_confirm"]);
    expect(await json(await open())).toMatchObject({ invited: 0 });
    expect((await env.DB.prepare("select count(*) n from outbox where kind = 'pledge_invite'").first<{ n: number }>())!.n).toBe(confirmed + 1);

    // Converted: Ada's address is a person in a member organisation the cooperative has invoiced.
    expect((await viability()).converted).toBe(0);
    const org = await makeOrg({ kind: "member", name: "Ada asbl", members: [{ email: "ada@open.example.be", role: "owner" }] });
    await env.DB.prepare(
      "insert into billing_documents (id, type, status, org_id, language, series, sequence, number, ogm, issue_date, due_date, lines, vat, net_cents, vat_cents, total_cents, notes) values ('bil_pledge', 'invoice', 'open', ?, 'en', 'F2026', 1, 'F2026-000001', '126000000120', '2026-01-02', '2026-01-16', '[]', '[]', 1000, 210, 1210, '[]')",
    )
      .bind(org)
      .run();
    expect((await viability()).converted).toBe(1);
  });

  it("the member export holds the person's own pledges, never a token hash", async () => {
    const email = "exporter@pledge.example.be";
    const { link } = await pledge({ name: "Exporter", email, roles: ["supporter"], capital_cents: 10_000 });
    await confirm(link);
    await pledge({ name: "Someone else", email: "other@pledge.example.be", roles: ["volunteer"] });
    const browser = await signIn(email);
    const data = await json(await browser.fetch("/api/v1/me/export"));
    expect(data.pledges).toEqual([expect.objectContaining({ email, name: "Exporter", status: "confirmed", capital_cents: 10_000, roles: ["supporter"] })]);
    expect(JSON.stringify(data.pledges)).not.toContain("token");
  });
});

