// Stewards see failed outgoing messages and retry them: GET /api/v1/outbox, POST
// /api/v1/outbox/{id}/retry and /admin/outbox. Happy paths, errors, security.
import { env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Browser, newDevice, runQueue, signIn } from "../accounts/helpers";
import { call, problem, STEWARD, STEWARD_EMAIL } from "../helpers/http";
import { apiKey, bearer, grantRole, makeOrg } from "../helpers/people";
import { outboxRow, rowOf } from "./helpers";

interface Item {
  id: string;
  channel: string;
  kind: string;
  recipient: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

let outboxKey: Record<string, string>;
let steward: Browser;
beforeAll(async () => {
  outboxKey = bearer(await apiKey({ email: STEWARD_EMAIL, scopes: ["outbox:manage"] }));
  steward = await signIn(STEWARD_EMAIL);
});
afterEach(() => vi.restoreAllMocks());

const list = async (query = "", headers = outboxKey) => {
  const res = await call(`/api/v1/outbox${query}`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as { items: Item[]; next_cursor: string | null };
};
const retry = (id: string, headers = outboxKey) => call(`/api/v1/outbox/${id}/retry`, { method: "POST", headers });

describe("GET /api/v1/outbox", () => {
  it("lists failed rows of every channel by default, a dead-lettered mail among them, and narrows to one channel", async () => {
    const mail = await outboxRow("mail");
    await runQueue("chatiere-mail-dlq", [mail]); // the queue gave up on it
    const pigeon = await outboxRow("pigeon", { status: "failed", attempts: 3, lastError: "no delivery handler" });
    const pending = await outboxRow("mail");

    const all = await list();
    const ids = all.items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([mail, pigeon]));
    expect(ids).not.toContain(pending);
    expect(all.items.find((i) => i.id === mail)).toMatchObject({ channel: "mail", kind: "test", recipient: "mail@example.be", status: "failed", last_error: "dead-lettered after 0 attempts" });
    expect(all.items[0]).not.toHaveProperty("payload");

    const mailOnly = await list("?status=failed&channel=mail");
    expect(mailOnly.items.every((i) => i.channel === "mail")).toBe(true);
    expect(mailOnly.items.map((i) => i.id)).toContain(mail);
    expect((await list("?status=pending")).items.map((i) => i.id)).toContain(pending);
  });

  it("pages with a cursor", async () => {
    for (let i = 0; i < 3; i++) await outboxRow("paged", { status: "failed" });
    const first = await list("?channel=paged&limit=2");
    expect(first.items).toHaveLength(2);
    const second = await list(`?channel=paged&limit=2&cursor=${encodeURIComponent(first.next_cursor!)}`);
    expect(second.items).toHaveLength(1);
    expect(second.next_cursor).toBeNull();
  });

  it("answers 400 naming the field for a bad status, channel or cursor", async () => {
    expect((await problem(await call("/api/v1/outbox?status=lost", { headers: outboxKey }), 400)).errors?.[0]?.field).toBe("status");
    expect((await problem(await call("/api/v1/outbox?channel=%3Cscript%3E", { headers: outboxKey }), 400)).errors?.[0]?.field).toBe("channel");
    expect((await problem(await call("/api/v1/outbox?cursor=nonsense", { headers: outboxKey }), 400)).code).toBe("VALIDATION_FAILED");
  });

  it("refuses anonymous (401), a member, a coop_admin and a steward key without outbox:manage (403)", async () => {
    await problem(await call("/api/v1/outbox"), 401);
    await problem(await call("/api/v1/outbox", { headers: STEWARD }), 403); // catalog:import and audit:read only
    await grantRole("coop-outbox@chatiere.test", "coop_admin");
    const coop = await signIn("coop-outbox@chatiere.test");
    await problem(await coop.fetch("/api/v1/outbox"), 403);
    const coopKey = bearer(await apiKey({ email: "coop-outbox@chatiere.test", scopes: ["outbox:manage"] }));
    await problem(await call("/api/v1/outbox", { headers: coopKey }), 403);
    await makeOrg({ kind: "member", members: [{ email: "member-outbox@chatiere.test", role: "owner" }] });
    const member = await signIn("member-outbox@chatiere.test");
    await problem(await member.fetch("/api/v1/outbox"), 403);
  });

  it("is documented: steward access, outbox:manage scope", async () => {
    const doc = (await (await call("/api/openapi.json")).json()) as { paths: Record<string, Record<string, { description: string; security: unknown }>> };
    for (const op of [doc.paths["/api/v1/outbox"]!.get!, doc.paths["/api/v1/outbox/{id}/retry"]!.post!]) {
      expect(op.description).toMatch(/^Access: steward \(session, or API key with `outbox:manage`\)/);
      expect(op.security).toEqual([{ session: [] }, { apiKey: ["outbox:manage"] }]);
    }
  });
});

describe("POST /api/v1/outbox/{id}/retry", () => {
  it("resets a failed row to pending, puts it on its channel's queue and audits it", async () => {
    const id = await outboxRow("mail", { status: "failed", attempts: 9, lastError: "dead-lettered after 9 attempts: HTTP 500" });
    const sent = vi.spyOn(env.MAIL_QUEUE, "sendBatch");
    const res = await retry(id);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ id, channel: "mail", status: "pending" });
    expect(await rowOf(id)).toMatchObject({ status: "pending", attempts: 0, last_error: null });
    await vi.waitFor(() => expect(sent).toHaveBeenCalled());
    expect([...sent.mock.calls[0]![0]].map((m) => m.body)).toEqual([{ id }]);
    const audit = await env.DB.prepare("select action, actor_key_id, actor_system, detail from audit_log where subject_id = ?").bind(id).first<{ action: string; actor_key_id: string | null; actor_system: string | null; detail: string }>();
    expect(audit).toMatchObject({ action: "outbox.retry", actor_system: null });
    expect(audit!.actor_key_id).toMatch(/^key_/);
    expect(JSON.parse(audit!.detail)).toMatchObject({ channel: "mail", attempts: 9, last_error: "dead-lettered after 9 attempts: HTTP 500" });
  });

  it("answers 404 for an unknown id, 409 for a pending or sent row and for a channel nothing delivers", async () => {
    await problem(await retry("msg_nope"), 404);
    const pending = await outboxRow("mail");
    expect((await problem(await retry(pending), 409)).detail).toContain("only failed rows");
    const sent = await outboxRow("mail", { status: "sent" });
    await problem(await retry(sent), 409);
    expect(await rowOf(sent)).toMatchObject({ status: "sent" });
    const orphan = await outboxRow("carrier-pigeon", { status: "failed" });
    expect((await problem(await retry(orphan), 409)).detail).toContain("carrier-pigeon");
    expect(await rowOf(orphan)).toMatchObject({ status: "failed" });
  });

  it("refuses anonymous (401) and a steward key without the scope (403), changing nothing", async () => {
    const id = await outboxRow("mail", { status: "failed" });
    await problem(await retry(id, {}), 401);
    await problem(await retry(id, STEWARD), 403);
    expect(await rowOf(id)).toMatchObject({ status: "failed" });
  });
});

describe("/admin/outbox", () => {
  it("lists failed rows with a retry button that works without JavaScript", async () => {
    const id = await outboxRow("mail", { status: "failed", attempts: 4, lastError: "HTTP 422: bad recipient" });
    const page = await steward.fetch("/admin/outbox?lang=en");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Failed outgoing messages");
    expect(html).toContain(`<form method="post" action="/admin/outbox/${id}/retry" class="inline-form">`);
    expect(html).toContain("HTTP 422: bad recipient");

    const sent = vi.spyOn(env.MAIL_QUEUE, "sendBatch");
    const res = await steward.post(`/admin/outbox/${id}/retry`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/admin/outbox?retried=${id}`);
    expect(await rowOf(id)).toMatchObject({ status: "pending", attempts: 0 });
    await vi.waitFor(() => expect(sent).toHaveBeenCalled());
    const after = await (await steward.fetch(`/admin/outbox?retried=${id}&lang=en`)).text();
    expect(after).toContain(`Message ${id} is queued again.`);
    expect(after).not.toContain(`action="/admin/outbox/${id}/retry"`);
  });

  it("is in French by default, Dutch and English, and linked from the dashboard", async () => {
    expect(await (await steward.fetch("/admin/outbox?lang=fr")).text()).toContain("Messages sortants en échec");
    expect(await (await steward.fetch("/admin/outbox?lang=nl")).text()).toContain("Mislukte uitgaande berichten");
    expect(await (await steward.fetch("/admin?lang=en")).text()).toContain('<a href="/admin/outbox">Outgoing messages</a>');
  });

  it("refuses a cross-site post, an unknown channel, and anyone but stewards", async () => {
    const id = await outboxRow("mail", { status: "failed" });
    const cross = await steward.post(`/admin/outbox/${id}/retry`, {}, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(cross.status).toBe(403);
    expect(await rowOf(id)).toMatchObject({ status: "failed" });
    expect((await steward.fetch("/admin/outbox?channel=%3Cb%3E")).status).toBe(400);
    expect((await steward.post("/admin/outbox/msg_nope/retry")).status).toBe(404);

    const anonymous = await newDevice().fetch("/admin/outbox");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toMatch(/^\/sign-in\?next=/);
    await makeOrg({ kind: "member", members: [{ email: "member-outbox-page@chatiere.test", role: "owner" }] });
    const member = await signIn("member-outbox-page@chatiere.test");
    expect((await member.fetch("/admin/outbox")).status).toBe(403);
    expect((await member.post(`/admin/outbox/${id}/retry`)).status).toBe(403);
    expect(await rowOf(id)).toMatchObject({ status: "failed" });
  });
});
