// Services run without a request: a cron-style system context calls an audited service, and the
// audit log (table, API and page) says the system did it, and why.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { auditInsert } from "../../src/accounts/audit";
import { actingPrincipal, collectDeferred, systemContext } from "../../src/lib/context";
import { retryOutbox } from "../../src/outbox/steward";
import { signIn } from "../accounts/helpers";
import { call, STEWARD, STEWARD_EMAIL } from "../helpers/http";
import { outboxRow, rowOf } from "../outbox/helpers";

const NOW = new Date("2026-11-21T12:00:00.000Z");

describe("a system context", () => {
  it("runs an audited service with no request at all, and the audit row names the system and its reason", async () => {
    const id = await outboxRow("mail", { status: "failed", attempts: 9, lastError: "HTTP 500" });
    const deferred = collectDeferred();
    const ctx = systemContext(env, "cron", { now: () => NOW, defer: deferred.defer });
    expect(await retryOutbox(ctx, id)).toEqual({ ok: true, channel: "mail" });
    await deferred.settle();
    expect(await rowOf(id)).toMatchObject({ status: "pending", attempts: 0 });

    const row = await env.DB.prepare("select at, actor_user_id, actor_key_id, actor_system, ip, user_agent, request_id from audit_log where subject_id = ? and action = 'outbox.retry'")
      .bind(id)
      .first();
    expect(row).toEqual({ at: NOW.toISOString(), actor_user_id: null, actor_key_id: null, actor_system: "cron", ip: null, user_agent: null, request_id: null });
  });

  it("shows the system actor in the audit API and on the audit page", async () => {
    const ctx = systemContext(env, "stripe", { now: () => new Date() });
    await auditInsert(ctx, { action: "payment.settle", subjectType: "invoice", subjectId: "inv_ctx_test" });
    const res = await call("/api/v1/audit?subject=inv_ctx_test", { headers: STEWARD });
    const { items } = (await res.json()) as { items: { actor: Record<string, unknown> }[] };
    expect(items[0]!.actor).toEqual({ user_id: null, email: null, key_id: null, key_start: null, system: "stripe" });
    const steward = await signIn(STEWARD_EMAIL);
    const html = await (await steward.fetch("/admin/audit?subject=inv_ctx_test&lang=en")).text();
    expect(html).toContain("system (stripe)");
  });

  it("refuses a service that needs a person when the system acts", () => {
    expect(() => actingPrincipal(systemContext(env, "cron"))).toThrow("not the system (cron)");
  });
});

describe("a request's context", () => {
  it("records the signed-in person, the address and the request id on the audit row", async () => {
    const steward = await signIn(STEWARD_EMAIL);
    const id = await outboxRow("mail", { status: "failed" });
    const res = await steward.post(`/admin/outbox/${id}/retry`, {}, { "cf-connecting-ip": "2001:db8::ca7" });
    expect(res.status).toBe(303);
    const row = await env.DB.prepare("select a.actor_system, a.ip, a.request_id, u.email from audit_log a join users u on u.id = a.actor_user_id where a.subject_id = ?")
      .bind(id)
      .first<{ actor_system: string | null; ip: string; request_id: string; email: string }>();
    expect(row).toMatchObject({ actor_system: null, email: STEWARD_EMAIL, ip: "2001:db8::ca7" });
    expect(row!.request_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
