// The migrations' API in workerd against D1: plans and their refusals, requests (mail and webhook
// rows written with the move), each role's moves and refusals, blocked and resumed, declined and
// re-assigned, cancelled, done only through verified with the data copy, the deadline's warning,
// checklists ticked by each side, events, stewards, provider keys with and without migrations:write.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { json, problem, STEWARD_EMAIL } from "../helpers/http";
import { apiKey, bearer, grantRole } from "../helpers/people";
import type { EventsBody, MigrationBody, MoveReplyBody, OrgItemsBody, PlanReplyBody } from "../../src/transition/migrations/migrations.api";
import { call, endpoint, member, outboxOf, provider, session, type Caller } from "./migrations-helpers";

let P: Awaited<ReturnType<typeof provider>>;
let Q: Awaited<ReturnType<typeof provider>>;
let STEWARD: Record<string, string>;

beforeAll(async () => {
  P = await provider({ language: "nl" });
  Q = await provider({ storageGb: 0.5 });
  await grantRole(STEWARD_EMAIL, "steward");
  STEWARD = bearer(await apiKey({ email: STEWARD_EMAIL, scopes: ["migrations:write"] }));
}, 60_000);

async function planned(items?: (m: Awaited<ReturnType<typeof member>>) => { inventory_id: string; offer_id: string }[]) {
  const m = await member();
  const owner = await session(m.owner);
  const res = await call(owner, `/orgs/${m.orgId}/migrations`, { items: items ? items(m) : [{ inventory_id: m.services.mailbox, offer_id: P.offers.mail }] });
  if (res.status !== 201) throw new Error(`plan: ${res.status} ${await res.text()}`);
  const body = await json<PlanReplyBody>(res);
  return { m, owner, migration: body, item: body.items[0]! };
}

async function requested() {
  const r = await planned();
  const res = await call(r.owner, `/migrations/${r.migration.id}/request`, {});
  expect(res.status).toBe(200);
  return r;
}

const move = (who: Caller, migrationId: string, itemId: string, body: Record<string, unknown>) => call(who, `/migrations/${migrationId}/items/${itemId}/transitions`, body);
async function moved(who: Caller, migrationId: string, itemId: string, body: Record<string, unknown>) {
  const res = await move(who, migrationId, itemId, body);
  if (res.status !== 200) throw new Error(`move to ${body.to}: ${res.status} ${await res.text()}`);
  return json<MoveReplyBody>(res);
}

describe("POST /api/v1/orgs/{id}/migrations (plan)", () => {
  it("plans each service to an offer: 201, items planned with their provider, an event per item, audited", async () => {
    const { m, migration } = await planned((m) => [
      { inventory_id: m.services.mailbox, offer_id: P.offers.mail },
      { inventory_id: m.services.web, offer_id: P.offers.web },
    ]);
    expect(migration.id).toMatch(/^mig_/);
    expect(migration.org_id).toBe(m.orgId);
    expect(migration.items.map((i) => ({ inventory_id: i.inventory_id, offer_id: i.offer_id, provider_id: i.provider_id, state: i.state })).sort((a, b) => a.offer_id.localeCompare(b.offer_id))).toEqual(
      [
        { inventory_id: m.services.mailbox, offer_id: P.offers.mail, provider_id: P.providerId, state: "planned" },
        { inventory_id: m.services.web, offer_id: P.offers.web, provider_id: P.providerId, state: "planned" },
      ].sort((a, b) => a.offer_id.localeCompare(b.offer_id)),
    );
    for (const i of migration.items) {
      expect(i.id).toMatch(/^mit_/);
      expect(i.allowed_moves.map((a) => a.to)).toEqual(["requested", "cancelled"]);
      expect(i.history).toMatchObject([{ kind: "plan", to: "planned", role: "member", item_version: 1 }]);
    }
    expect(await env.DB.prepare("select count(*) as n from audit_log where action = 'migration.plan' and subject_id = ?").bind(migration.id).first("n")).toBe(1);
  });

  it.each([
    ["a mailbox to a web hosting offer", () => P.offers.web, "mailbox", "wrong_kind"],
    ["3000 MB of mail to a 0.5 GB offer", () => Q.offers.mail, "big", "storage_too_small"],
  ] as const)("refuses %s with the reason, storing nothing", async (_label, offer, svc, code) => {
    const m = await member();
    const before = await env.DB.prepare("select count(*) as n from migrations").first("n");
    const res = await call(await session(m.owner), `/orgs/${m.orgId}/migrations`, { items: [{ inventory_id: m.services[svc], offer_id: offer() }] });
    const p = await problem(res, 400);
    expect(p.errors).toEqual([{ field: "items.0.offer_id", message: expect.stringMatching(new RegExp(`^${code}: `)) }]);
    expect(await env.DB.prepare("select count(*) as n from migrations").first("n")).toBe(before);
  });

  it("refuses an archived offer, an unknown offer, another organisation's service and a service planned twice", async () => {
    const m = await member();
    const other = await member();
    const owner = await session(m.owner);
    const archived = (await provider()).offers.mail;
    await env.DB.prepare("update offers set status = 'archived' where id = ?").bind(archived).run();
    const p = await problem(await call(owner, `/orgs/${m.orgId}/migrations`, { items: [{ inventory_id: m.services.mailbox, offer_id: archived }] }), 400);
    expect(p.errors![0]!.message).toMatch(/^archived: /);
    const q = await problem(await call(owner, `/orgs/${m.orgId}/migrations`, { items: [{ inventory_id: other.services.mailbox, offer_id: P.offers.mail }, { inventory_id: m.services.web, offer_id: "off_nope" }] }), 400);
    expect(q.errors!.map((e) => e.field).sort()).toEqual(["items.0.inventory_id", "items.1.offer_id"]);
    expect((await call(owner, `/orgs/${m.orgId}/migrations`, { items: [{ inventory_id: m.services.mailbox, offer_id: P.offers.mail }] })).status).toBe(201);
    const again = await problem(await call(owner, `/orgs/${m.orgId}/migrations`, { items: [{ inventory_id: m.services.mailbox, offer_id: P.offers.mail2 }] }), 409);
    expect(again.errors![0]!.field).toBe("items.0.inventory_id");
  });

  it("is the owners' and admins': a plain member, another organisation's owner and a provider get 403; a steward may; no such organisation 404", async () => {
    const m = await member();
    const other = await member();
    const body = { items: [{ inventory_id: m.services.web, offer_id: P.offers.web }] };
    await problem(await call(await session(m.plain), `/orgs/${m.orgId}/migrations`, body), 403);
    await problem(await call(await session(other.owner), `/orgs/${m.orgId}/migrations`, body), 403);
    await problem(await call(P.key, `/orgs/${m.orgId}/migrations`, body), 403);
    expect((await call(STEWARD, `/orgs/${m.orgId}/migrations`, body)).status).toBe(201);
    await problem(await call(STEWARD, `/orgs/org_nobody/migrations`, body), 404);
    expect((await call({}, `/orgs/${m.orgId}/migrations`, body)).status).toBe(401);
  });
});

describe("POST /api/v1/migrations/{id}/request", () => {
  it("moves planned items to requested; mails the provider's owners in their language and sends migration.requested, in the same batch", async () => {
    const { m, owner, migration, item } = await planned();
    const providerHook = await endpoint(P.orgId);
    const memberHook = await endpoint(m.orgId);
    const res = await call(owner, `/migrations/${migration.id}/request`, {});
    expect(res.status).toBe(200);
    const body = await json<MigrationBody>(res);
    expect(body.items[0]).toMatchObject({ id: item.id, state: "requested", version: 2 });
    expect(body.requested_at).not.toBeNull();

    const mails = (await outboxOf("migration.requested")).filter((r) => r.channel === "mail" && r.recipient === P.owner && r.payload.includes(item.label));
    expect(mails).toHaveLength(1);
    const mail = JSON.parse(mails[0]!.payload) as { lang: string; subject: string; text: string };
    expect(mail.lang).toBe("nl");
    expect(mail.subject).toMatch(/^Migratieaanvraag van Association /);
    expect(mail.text).toContain(item.label);
    const hooks = (await outboxOf("migration.requested")).filter((r) => r.channel === "webhook" && r.payload.includes(migration.id));
    expect(hooks.map((h) => h.recipient)).toEqual([providerHook]);
    const sent = JSON.parse((JSON.parse(hooks[0]!.payload) as { body: string }).body) as { type: string; data: Record<string, unknown> };
    expect(sent).toMatchObject({ type: "migration.requested", data: { object: "migration", id: migration.id, version: 2, org_id: m.orgId, provider_id: P.providerId, items: [{ id: item.id, state: "requested" }] } });
    const itemHooks = (await outboxOf("migration.item.requested")).filter((r) => r.payload.includes(item.id));
    expect(itemHooks.map((h) => h.recipient).sort()).toEqual([providerHook, memberHook].sort());
    const itemBody = JSON.parse((JSON.parse(itemHooks[0]!.payload) as { body: string }).body) as { data: Record<string, unknown> };
    expect(itemBody.data).toMatchObject({ object: "migration_item", id: item.id, version: 2, state: "requested", from: "planned", migration_id: migration.id });

    // Nothing left to request: 409, and no second mail.
    await problem(await call(owner, `/migrations/${migration.id}/request`, {}), 409);
    expect((await outboxOf("migration.requested")).filter((r) => r.channel === "mail" && r.payload.includes(item.label))).toHaveLength(1);
  });

  it("is the member's: the provider's key gets 403, a plain member 403", async () => {
    const { m, migration } = await planned();
    await problem(await call(P.key, `/migrations/${migration.id}/request`, {}), 403);
    await problem(await call(await session(m.plain), `/migrations/${migration.id}/request`, {}), 403);
  });
});

describe("POST /api/v1/migrations/{id}/items/{itemId}/transitions", () => {
  it("walks the way forward: the provider accepts, schedules, copies and cuts over; the member verifies and confirms done with its data copy", async () => {
    const { m, owner, migration, item } = await requested();
    const at = (await moved(P.key, migration.id, item.id, { to: "accepted" })).item;
    expect(at).toMatchObject({ state: "accepted", viewer_role: "provider" });
    const sched = await moved(P.key, migration.id, item.id, { to: "scheduled", scheduled_for: "2027-03-01" });
    expect(sched).toMatchObject({ item: { state: "scheduled", scheduled_for: "2027-03-01" }, warnings: [] });
    await moved(P.key, migration.id, item.id, { to: "copying" });
    await moved(P.key, migration.id, item.id, { to: "cutover" });
    await problem(await move(P.key, migration.id, item.id, { to: "verified" }), 403); // the member's move
    await moved(owner, migration.id, item.id, { to: "verified" });
    const refused = await problem(await move(owner, migration.id, item.id, { to: "done" }), 409);
    expect(refused.errors![0]).toEqual({ field: "data_copy", message: "data_copy_required" });
    const done = await moved(owner, migration.id, item.id, { to: "done", data_copy: { method: "export_downloaded" } });
    expect(done.item.state).toBe("done");
    expect(done.item.data_copy).toMatchObject({ method: "export_downloaded", detail: null });
    expect(done.item.allowed_moves).toEqual([]);

    const events = await json<EventsBody>(await call(owner, `/migrations/${migration.id}/events`));
    expect(events.items.filter((e) => e.item_id === item.id).map((e) => [e.kind, e.to, e.role])).toEqual([
      ["plan", "planned", "member"],
      ["move", "requested", "member"],
      ["move", "accepted", "provider"],
      ["move", "scheduled", "provider"],
      ["move", "copying", "provider"],
      ["move", "cutover", "provider"],
      ["move", "verified", "member"],
      ["move", "done", "member"],
    ]);
    expect(await env.DB.prepare("select count(*) as n from audit_log where action = 'migration.item.move' and subject_id = ?").bind(item.id).first("n")).toBe(7);
    // The member must act at cutover: mailed.
    expect((await outboxOf("migration.item.cutover")).filter((r) => r.channel === "mail" && r.payload.includes(item.label)).map((r) => r.recipient)).toEqual([m.owner]);
  });

  it("a move the machine does not allow is a 409 listing the allowed ones; the other side's move a 403", async () => {
    const { owner, migration, item } = await requested();
    const p = await problem(await move(P.key, migration.id, item.id, { to: "copying" }), 409);
    expect(p.errors!.filter((e) => e.field === "allowed").map((e) => e.message)).toEqual(["accepted", "declined (needs note)", "blocked (needs note)"]);
    expect(p.detail).toContain("allowed: accepted");
    await problem(await move(owner, migration.id, item.id, { to: "accepted" }), 403);
    const q = await problem(await move(owner, migration.id, item.id, { to: "done" }), 409);
    expect(q.errors!.filter((e) => e.field === "allowed").map((e) => e.message)).toEqual(["blocked (needs note)", "cancelled"]);
    await problem(await move(owner, migration.id, item.id, { to: "nowhere" }), 400);
  });

  it("a day on or after the deadline is accepted with a warning", async () => {
    const { migration, item } = await requested();
    await moved(P.key, migration.id, item.id, { to: "accepted" });
    const late = await moved(P.key, migration.id, item.id, { to: "scheduled", scheduled_for: "2028-01-15" });
    expect(late.warnings).toEqual(["after_deadline"]);
    expect(late.item.scheduled_for).toBe("2028-01-15");
    const mail = (await outboxOf("migration.item.scheduled")).find((r) => r.channel === "mail" && r.payload.includes(item.label));
    expect(JSON.parse(mail!.payload).text).toContain("2028-01-15");
  });

  it("blocked by either side with a reason, then resumed to the state it left", async () => {
    const { owner, migration, item } = await requested();
    await moved(P.key, migration.id, item.id, { to: "accepted" });
    await problem(await move(P.key, migration.id, item.id, { to: "blocked" }), 409); // needs a note
    const blocked = await moved(P.key, migration.id, item.id, { to: "blocked", note: "The old host does not answer" });
    expect(blocked.item).toMatchObject({ state: "blocked", blocked_from: "accepted" });
    const view = await json<MigrationBody>(await call(owner, `/migrations/${migration.id}`));
    expect(view.items[0]!.allowed_moves[0]).toEqual({ to: "accepted", needs: [], resume: true });
    const back = await moved(owner, migration.id, item.id, { to: "accepted" });
    expect(back.item).toMatchObject({ state: "accepted", blocked_from: null });
    expect(back.item.history.at(-1)).toMatchObject({ from: "blocked", to: "accepted", detail: { resumed: true } });
    // The member was told of the block by mail (the provider blocked it).
    expect((await outboxOf("migration.item.blocked")).some((r) => r.channel === "mail" && r.payload.includes("The old host does not answer"))).toBe(true);
  });

  it("declined by the provider with a reason; the member re-assigns the item to another offer, planned again", async () => {
    const { m, owner, migration, item } = await requested();
    await problem(await move(P.key, migration.id, item.id, { to: "declined" }), 409);
    await moved(P.key, migration.id, item.id, { to: "declined", note: "We are full until March" });
    expect((await outboxOf("migration.item.declined")).filter((r) => r.channel === "mail" && r.payload.includes("We are full until March")).map((r) => r.recipient)).toEqual([m.owner]);
    await problem(await call(owner, `/migrations/${migration.id}/items/${item.id}/assign`, { offer_id: P.offers.web }), 400); // cannot take a mailbox
    await problem(await call(P.key, `/migrations/${migration.id}/items/${item.id}/assign`, { offer_id: Q.offers.mail2 }), 403);
    const res = await call(owner, `/migrations/${migration.id}/items/${item.id}/assign`, { offer_id: Q.offers.mail2 });
    expect(res.status).toBe(200);
    const body = await json<MoveReplyBody>(res);
    expect(body.item).toMatchObject({ state: "planned", offer_id: Q.offers.mail2, provider_id: Q.providerId });
    // The old provider no longer sees it; the new one will once requested.
    await problem(await call(P.key, `/migrations/${migration.id}`), 403);
    expect((await call(owner, `/migrations/${migration.id}/request`, {})).status).toBe(200);
    expect((await json<MigrationBody>(await call(Q.key, `/migrations/${migration.id}`))).items.map((i) => i.state)).toEqual(["requested"]);
  });

  it("cancelled by the member (the provider is told); a cancelled item moves no more", async () => {
    const { owner, migration, item } = await requested();
    await problem(await move(P.key, migration.id, item.id, { to: "cancelled" }), 403);
    await moved(owner, migration.id, item.id, { to: "cancelled" });
    expect((await outboxOf("migration.item.cancelled")).filter((r) => r.channel === "mail" && r.payload.includes(item.label)).map((r) => r.recipient)).toEqual([P.owner]);
    const p = await problem(await move(owner, migration.id, item.id, { to: "planned" }), 409);
    expect(p.errors!.filter((e) => e.field === "allowed")).toEqual([]);
  });

  it("a steward may make any move, with a note (its reason)", async () => {
    const { migration, item } = await requested();
    const p = await problem(await move(STEWARD, migration.id, item.id, { to: "accepted" }), 409);
    expect(p.errors![0]).toEqual({ field: "note", message: "note_required" });
    const r = await moved(STEWARD, migration.id, item.id, { to: "accepted", note: "Confirmed by phone with the host" });
    expect(r.item.history.at(-1)).toMatchObject({ role: "steward", note: "Confirmed by phone with the host" });
  });

  it("provider keys: with migrations:write they move their items; without it, or another provider's, 403", async () => {
    const { migration, item } = await requested();
    await problem(await move(P.offersOnly, migration.id, item.id, { to: "accepted" }), 403);
    await problem(await move(Q.key, migration.id, item.id, { to: "accepted" }), 403);
    await problem(await call(Q.key, `/migrations/${migration.id}`), 403);
    expect((await move(P.key, migration.id, item.id, { to: "accepted" })).status).toBe(200);
  });

  it("an unknown item or migration is a 404 for those who may look (stewards), 403 otherwise", async () => {
    const { migration } = await requested();
    await problem(await move(STEWARD, migration.id, "mit_nope", { to: "accepted", note: "x" }), 404);
    await problem(await call(STEWARD, `/migrations/mig_nope`), 404);
    await problem(await call(P.key, `/migrations/mig_nope`), 403);
  });
});

describe("checklists and the data copy", () => {
  it("each side ticks its own steps (both may tick shared ones); the other side's step is a 403; an unknown step a 400", async () => {
    const { owner, migration, item } = await requested();
    const path = `/migrations/${migration.id}/items/${item.id}/checklist`;
    const mine = await call(owner, path, { step: "clients_reconfigured", done: true });
    expect(mine.status).toBe(200);
    const body = (await mine.json()) as { item: MoveReplyBody["item"]; changed: boolean };
    expect(body.changed).toBe(true);
    expect(body.item.checklist.find((s) => s.code === "clients_reconfigured")!.done).toMatchObject({ by: "member" });
    expect(((await (await call(owner, path, { step: "clients_reconfigured", done: true })).json()) as { changed: boolean }).changed).toBe(false);
    await problem(await call(owner, path, { step: "mailbox_created", done: true }), 403);
    expect((await call(P.key, path, { step: "mailbox_created", done: true })).status).toBe(200);
    expect((await call(P.key, path, { step: "mx_switched", done: true })).status).toBe(200);
    await problem(await call(P.key, path, { step: "clients_reconfigured", done: false }), 403);
    await problem(await call(owner, path, { step: "no_such_step", done: true }), 400);
    const untick = (await (await call(owner, path, { step: "mx_switched", done: false })).json()) as { item: MoveReplyBody["item"]; changed: boolean };
    expect(untick.changed).toBe(true);
    expect(untick.item.checklist_progress).toEqual({ ticked: 2, total: 6 });
    const kinds = (await json<EventsBody>(await call(owner, `/migrations/${migration.id}/events`))).items.filter((e) => e.kind === "tick" || e.kind === "untick").map((e) => [e.kind, e.detail.step, e.role]);
    expect(kinds).toEqual([["tick", "clients_reconfigured", "member"], ["tick", "mailbox_created", "provider"], ["tick", "mx_switched", "provider"], ["untick", "mx_switched", "member"]]);
  });

  it("the member confirms its data copy once the new host has the data; done then needs none", async () => {
    const { owner, migration, item } = await requested();
    const path = `/migrations/${migration.id}/items/${item.id}/data-copy`;
    await problem(await call(owner, path, { method: "export_downloaded" }), 409); // too early
    for (const to of ["accepted", "scheduled", "copying", "cutover"]) await moved(P.key, migration.id, item.id, to === "scheduled" ? { to, scheduled_for: "2027-02-01" } : { to });
    await problem(await call(P.key, path, { method: "export_downloaded" }), 403);
    await problem(await call(owner, path, { method: "other" }), 400);
    const r = await call(owner, path, { method: "copied_to_own_storage", detail: "Our NAS, folder mail-2027" });
    expect(r.status).toBe(200);
    expect((await json<MoveReplyBody>(r)).item.data_copy).toMatchObject({ method: "copied_to_own_storage", detail: "Our NAS, folder mail-2027", confirmed_at: expect.any(String) });
    await moved(owner, migration.id, item.id, { to: "verified" });
    expect((await moved(owner, migration.id, item.id, { to: "done" })).item.state).toBe("done");
  });
});

describe("reads", () => {
  it("GET /orgs/{id}/migrations: the member's items; the provider's incoming ones once requested (not planned)", async () => {
    const a = await planned();
    const b = await requested();
    const mine = await json<OrgItemsBody>(await call(a.owner, `/orgs/${a.m.orgId}/migrations`));
    expect(mine).toMatchObject({ organisation_id: a.m.orgId, kind: "member", items: [{ id: a.item.id, state: "planned" }] });
    const incoming = await json<OrgItemsBody>(await call(P.key, `/orgs/${P.orgId}/migrations`));
    expect(incoming.kind).toBe("provider");
    expect(incoming.items.map((i) => i.id)).toContain(b.item.id);
    expect(incoming.items.map((i) => i.id)).not.toContain(a.item.id);
    expect(incoming.items.find((i) => i.id === b.item.id)!.allowed_moves.map((m) => m.to)).toEqual(["accepted", "declined", "blocked"]);
    await problem(await call(Q.key, `/orgs/${P.orgId}/migrations`), 403);
    await problem(await call(P.key, `/orgs/${a.m.orgId}/migrations`), 403);
    expect((await call(STEWARD, `/orgs/${a.m.orgId}/migrations`)).status).toBe(200);
  });

  it("a plain member reads (no moves offered); stewards read every member's migrations and inventory", async () => {
    const { m, migration } = await requested();
    const view = await json<MigrationBody>(await call(await session(m.plain), `/migrations/${migration.id}`));
    expect(view.items[0]).toMatchObject({ viewer_role: null, allowed_moves: [] });
    expect(view.items[0]!.checklist.every((s) => !s.editable)).toBe(true);
    await problem(await move(await session(m.plain), migration.id, view.items[0]!.id, { to: "cancelled" }), 403);
    const steward = await json<MigrationBody>(await call(STEWARD, `/migrations/${migration.id}`));
    expect(steward.items[0]!.viewer_role).toBe("steward");
    expect((await call(await session(STEWARD_EMAIL), `/orgs/${m.orgId}/inventory`)).status).toBe(200);
    expect((await call(await session((await member()).owner), `/migrations/${migration.id}`)).status).toBe(403);
  });

  it("POST /migrations/{id}/cancel cancels every live item and sends migration.cancelled", async () => {
    const { m, owner, migration } = await requested();
    const hook = await endpoint(m.orgId);
    await problem(await call(P.key, `/migrations/${migration.id}/cancel`, {}), 403);
    const res = await call(owner, `/migrations/${migration.id}/cancel`, { note: "We merge with another association" });
    expect(res.status).toBe(200);
    const body = await json<MigrationBody>(res);
    expect(body.cancelled_at).not.toBeNull();
    expect(body.items.map((i) => i.state)).toEqual(["cancelled"]);
    expect((await outboxOf("migration.cancelled")).filter((r) => r.recipient === hook && r.payload.includes(migration.id))).toHaveLength(1);
    await problem(await call(owner, `/migrations/${migration.id}/cancel`, {}), 409);
  });
});
