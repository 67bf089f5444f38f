// Proposals by API (issue 15): a steward sends a collective assignment as proposals; the member's
// owners accept (→ its migration plan) or decline; supersede, refusals and who may do what.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { mailTo, signIn, type Browser } from "../accounts/helpers";
import { BASE, call, json, postJson, problem } from "../helpers/http";
import { seed } from "../helpers/catalog";
import { apiKey, bearer, grantRole, makeOrg } from "../helpers/people";
import type { ProposalBody, SendReplyBody } from "../../src/transition/proposals/proposals.api";

let cheap: string;
let m1: string;
let m2: string;
let m3: string;
let m4: string;
let other: string;
let stewardKey: Record<string, string>;
let owner1: Browser;
let owner2: Browser;
let outsider: Browser;

async function mailboxes(orgId: string, n: number) {
  for (let i = 0; i < n; i++) {
    const address = `box${i}@${orgId.toLowerCase()}.test`;
    await env.DB.prepare("insert into inventory_services (id, org_id, kind, natural_key, service, updated_at) values (?, ?, 'mailbox', ?, ?, '2026-01-01T00:00:00.000Z')")
      .bind(`svc_${orgId}_${i}`, orgId, `mailbox:${address}`, JSON.stringify({ kind: "mailbox", address, quota_mb: null, used_mb: null }))
      .run();
  }
}

const json2 = (b: Browser, path: string, body: unknown) => b.fetch(path, { method: "POST", headers: { "content-type": "application/json", origin: BASE, "sec-fetch-site": "same-origin" }, body: JSON.stringify(body) });
const send = (body: unknown, headers = stewardKey) => postJson("/api/v1/transition/proposals", body, headers);
const count = async (sql: string, ...params: unknown[]) => (await env.DB.prepare(sql).bind(...params).first<{ n: number }>())!.n;

beforeAll(async () => {
  const [a] = await seed({ provider: { name: "Proposals Host", country_code: "BE" }, offers: [{ service: "mailbox", name: "Proposal mail", pricing: { model: "paid", amount_cents: 150, unit: "per_unit" } }] });
  cheap = a!.provider_id;
  await env.DB.prepare("insert into provider_capacities (provider_id, units, migrations_per_week) values (?, '{\"mailbox\":20}', null)").bind(cheap).run();
  m1 = await makeOrg({ kind: "member", name: "Prop Un asbl", members: [{ email: "prop-m1@m.test", role: "owner" }, { email: "prop-m1-admin@m.test", role: "admin" }, { email: "prop-m1-member@m.test", role: "member" }] });
  m2 = await makeOrg({ kind: "member", name: "Prop Deux", members: [{ email: "prop-m2@m.test", role: "owner" }] });
  m3 = await makeOrg({ kind: "member", name: "Prop Trois", members: [] });
  m4 = await makeOrg({ kind: "member", name: "Prop Quatre", members: [{ email: "prop-m4@m.test", role: "owner" }] });
  other = await makeOrg({ kind: "member", name: "Prop Autre", members: [{ email: "prop-other@m.test", role: "owner" }] });
  await env.DB.prepare("update users set language = 'nl' where email = 'prop-m2@m.test'").run();
  await mailboxes(m1, 2);
  await mailboxes(m2, 1);
  await mailboxes(m4, 1);
  await mailboxes(other, 1);
  await grantRole("prop-steward@chatiere.test", "steward");
  stewardKey = bearer(await apiKey({ email: "prop-steward@chatiere.test", scopes: ["migrations:write"] }));
  owner1 = await signIn("prop-m1@m.test");
  owner2 = await signIn("prop-m2@m.test");
  outsider = await signIn("prop-other@m.test");
});

describe("proposals: send", () => {
  let first: SendReplyBody;

  it("sends each assigned member a proposal and its owners/admins a mail in their language; the unassigned are listed", async () => {
    const res = await send({ organisation_ids: [m1, m2, m3], mode: "optimal" });
    expect(res.status, await res.clone().text()).toBe(201);
    first = await json<SendReplyBody>(res);
    expect(first.proposals.map((p) => p.organisation_id).sort()).toEqual([m1, m2].sort());
    expect(first.unassigned).toEqual([{ organisation_id: m3, reason: "no_offer", message: expect.any(String) }]);
    const p1 = first.proposals.find((p) => p.organisation_id === m1)!;
    expect(p1).toMatchObject({ status: "sent", mode: "optimal", proved: true, monthly_cents: 300, organisation_name: "Prop Un asbl", migration_id: null });
    expect(p1.items.map((i) => [i.inventory_id, i.provider_id, i.kind])).toEqual([
      [`svc_${m1}_0`, cheap, "mailbox"],
      [`svc_${m1}_1`, cheap, "mailbox"],
    ]);
    expect(first.review_token).toMatch(/^[0-9a-f]{16}$/);
    // Owner and admin, not the plain member; in French for m1, in Dutch for m2's owner.
    const [mail] = await mailTo("prop-m1@m.test");
    expect(mail!.kind).toBe("proposal.sent");
    expect(mail!.payload.subject).toBe("Une proposition d'hébergement pour Prop Un asbl");
    expect(mail!.payload.text).toContain(`/orgs/${m1}/proposals/${p1.id}`);
    expect(mail!.payload.text).toContain("3,00");
    expect(await mailTo("prop-m1-admin@m.test")).toHaveLength(1);
    expect(await mailTo("prop-m1-member@m.test")).toHaveLength(0);
    expect((await mailTo("prop-m2@m.test"))[0]!.payload.subject).toBe("Een hostingvoorstel voor Prop Deux");
    expect(await count("select count(*) n from audit_log where action = 'proposal.send' and org_id = ?", m1)).toBe(1);
  });

  it("a newer proposal supersedes the open one; the reviewed token sends, a stale one is a 409 and sends nothing", async () => {
    const again = await send({ organisation_ids: [m1], mode: "optimal", review_token: first.review_token === "0000000000000000" ? "1111111111111111" : "0000000000000000" });
    const p = await problem(again, 409);
    expect(p.errors).toEqual([{ field: "review_token", message: expect.any(String) }]);
    expect(await count("select count(*) n from assignment_proposals where org_id = ?", m1)).toBe(1);

    const okRes = await send({ organisation_ids: [m1], mode: "optimal" });
    expect(okRes.status).toBe(201);
    const ok = await json<SendReplyBody>(okRes);
    const old = first.proposals.find((x) => x.organisation_id === m1)!.id;
    expect(ok.superseded).toEqual([old]);
    const listed = await json<{ items: ProposalBody[] }>(await call(`/api/v1/transition/proposals?status=superseded`, { headers: stewardKey }));
    expect(listed.items.find((x) => x.id === old)).toMatchObject({ status: "superseded", superseded_by: ok.proposals[0]!.id });
    const open = await json<{ items: ProposalBody[] }>(await call(`/api/v1/transition/proposals?status=sent`, { headers: stewardKey }));
    expect(open.items.filter((x) => x.organisation_id === m1).map((x) => x.id)).toEqual([ok.proposals[0]!.id]);
  });

  it("errors name the field: no member, an unknown organisation, a bad mode, a bad status filter", async () => {
    expect((await problem(await send({ organisation_ids: [], mode: "optimal" }), 400)).errors?.[0]?.field).toBe("organisation_ids");
    expect((await problem(await send({ organisation_ids: ["org_nope"], mode: "optimal" }), 400)).errors?.[0]?.field).toBe("organisation_ids.0");
    expect((await problem(await send({ organisation_ids: [m1], mode: "cheapest" }), 400)).errors?.[0]?.field).toBe("mode");
    expect((await problem(await send({ organisation_ids: [m1], mode: "optimal", review_token: "x" }), 400)).errors?.[0]?.field).toBe("review_token");
    expect((await problem(await call("/api/v1/transition/proposals?status=open", { headers: stewardKey }), 400)).errors?.[0]?.field).toBe("status");
    // Nobody assignable: 409, nothing written.
    const before = await count("select count(*) n from assignment_proposals");
    expect((await problem(await send({ organisation_ids: [m3], mode: "stable" }), 409)).detail).toMatch(/nothing to send/);
    expect(await count("select count(*) n from assignment_proposals")).toBe(before);
  });

  it("security: only stewards send and list", async () => {
    await problem(await send({ organisation_ids: [m1], mode: "optimal" }, {}), 401);
    await problem(await json2(owner1, "/api/v1/transition/proposals", { organisation_ids: [m1], mode: "optimal" }), 403);
    await problem(await owner1.fetch("/api/v1/transition/proposals"), 403);
    const memberKey = bearer(await apiKey({ email: "prop-m1@m.test", orgId: m1, scopes: ["webhooks:manage"] }));
    await problem(await send({ organisation_ids: [m1], mode: "optimal" }, memberKey), 403);
  });
});

describe("proposals: the member answers", () => {
  const openOf = async (org: string, b: Browser) => (await json<{ items: ProposalBody[] }>(await b.fetch(`/api/v1/orgs/${org}/proposals`))).items.find((p) => p.status === "sent")!;

  it("accept → the plan exists exactly as a member-built one; a second accept is a 409", async () => {
    const p = await openOf(m1, owner1);
    const res = await json2(owner1, `/api/v1/orgs/${m1}/proposals/${p.id}/accept`, {});
    expect(res.status, await res.clone().text()).toBe(200);
    const accepted = await json<ProposalBody>(res);
    expect(accepted).toMatchObject({ status: "accepted", migration_id: expect.stringMatching(/^mig_/) });
    const items = (await json<{ items: { inventory_id: string; state: string; offer_id: string }[] }>(await owner1.fetch(`/api/v1/orgs/${m1}/migrations`))).items;
    expect(items.map((i) => [i.inventory_id, i.state]).sort()).toEqual([
      [`svc_${m1}_0`, "planned"],
      [`svc_${m1}_1`, "planned"],
    ]);
    expect(await count("select count(*) n from migration_events where migration_id = ? and kind = 'plan'", accepted.migration_id)).toBe(2);
    const again = await problem(await json2(owner1, `/api/v1/orgs/${m1}/proposals/${p.id}/accept`, {}), 409);
    expect(again.errors).toEqual([{ field: "status", message: "accepted" }]);
    expect(await count("select count(*) n from migrations where org_id = ?", m1)).toBe(1);
  });

  it("decline with a reason leaves no plan; accepting it afterwards is a 409", async () => {
    const p = await openOf(m2, owner2);
    const res = await json2(owner2, `/api/v1/orgs/${m2}/proposals/${p.id}/decline`, { reason: "Nous restons ensemble" });
    expect(res.status).toBe(200);
    expect(await json<ProposalBody>(res)).toMatchObject({ status: "declined", decline_reason: "Nous restons ensemble", migration_id: null });
    expect(await count("select count(*) n from migration_items where org_id = ?", m2)).toBe(0);
    await problem(await json2(owner2, `/api/v1/orgs/${m2}/proposals/${p.id}/accept`, {}), 409);
    expect((await problem(await json2(owner2, `/api/v1/orgs/${m2}/proposals/${p.id}/decline`, { reason: "x".repeat(2001) }), 400)).errors?.[0]?.field).toBe("reason");
  });

  it("refuses (409, saying why) when the inventory changed or a host is now full", async () => {
    await send({ organisation_ids: [m4], mode: "optimal" });
    const owner4 = await signIn("prop-m4@m.test");
    let p = await openOf(m4, owner4);
    await env.DB.prepare("update inventory_services set updated_at = '2026-02-01T00:00:00.000Z' where id = ?").bind(`svc_${m4}_0`).run();
    const changed = await problem(await json2(owner4, `/api/v1/orgs/${m4}/proposals/${p.id}/accept`, {}), 409);
    expect(changed.errors).toEqual([{ field: `inventory.svc_${m4}_0`, message: "updated" }]);

    await send({ organisation_ids: [m4], mode: "optimal" });
    p = await openOf(m4, owner4);
    await env.DB.prepare("update provider_capacities set units = '{\"mailbox\":2}' where provider_id = ?").bind(cheap).run();
    const full = await problem(await json2(owner4, `/api/v1/orgs/${m4}/proposals/${p.id}/accept`, {}), 409);
    expect(full.errors).toEqual([{ field: `capacity.${cheap}.mailbox`, message: "3/2" }]);
    expect(full.detail).toContain("Proposals Host");
    expect(await count("select count(*) n from migration_items where org_id = ?", m4)).toBe(0);
    await env.DB.prepare("update provider_capacities set units = '{\"mailbox\":20}' where provider_id = ?").bind(cheap).run();
  });

  it("refuses (409) when the host's weekly rate is now spent: its member migrations to the deadline are all under way", async () => {
    await send({ organisation_ids: [m4], mode: "optimal" });
    const owner4 = await signIn("prop-m4@m.test");
    const p = await openOf(m4, owner4);
    // No more member migrations a week: m1's accepted plan is under way there, m4's would be the second.
    await env.DB.prepare("update provider_capacities set migrations_per_week = 0 where provider_id = ?").bind(cheap).run();
    const full = await problem(await json2(owner4, `/api/v1/orgs/${m4}/proposals/${p.id}/accept`, {}), 409);
    expect(full.errors).toEqual([{ field: `capacity.${cheap}.migrations`, message: "2/0" }]);
    expect(await count("select count(*) n from migration_items where org_id = ?", m4)).toBe(0);
    await env.DB.prepare("update provider_capacities set migrations_per_week = null where provider_id = ?").bind(cheap).run();
  });

  it("security: another organisation cannot read or answer; a proposal under another organisation's path is not found", async () => {
    const p = await openOf(m4, await signIn("prop-m4@m.test"));
    await problem(await outsider.fetch(`/api/v1/orgs/${m4}/proposals`), 403);
    await problem(await json2(outsider, `/api/v1/orgs/${m4}/proposals/${p.id}/accept`, {}), 403);
    await problem(await json2(outsider, `/api/v1/orgs/${m4}/proposals/${p.id}/decline`, {}), 403);
    await problem(await json2(outsider, `/api/v1/orgs/${other}/proposals/${p.id}/accept`, {}), 404);
    const plain = await signIn("prop-m1-member@m.test");
    await problem(await plain.fetch(`/api/v1/orgs/${m1}/proposals`), 403);
    await problem(await call(`/api/v1/orgs/${m4}/proposals`), 401);
    expect(await count("select count(*) n from migration_items where org_id = ?", m4)).toBe(0);
  });

  it("the member export holds the organisation's proposals with their lines", async () => {
    const res = await owner1.fetch("/api/v1/me/export");
    expect(res.status).toBe(200);
    const data = await json<{ organisations: { profile: { id: string }; assignment_proposals: { status: string; lines: { inventory_id: string }[] }[] }[] }>(res);
    const mine = data.organisations.find((o) => o.profile.id === m1)!;
    expect(mine.assignment_proposals.map((p) => p.status)).toEqual(["superseded", "accepted"]);
    expect(mine.assignment_proposals[1]!.lines.map((l) => l.inventory_id)).toEqual([`svc_${m1}_0`, `svc_${m1}_1`]);
  });
});
