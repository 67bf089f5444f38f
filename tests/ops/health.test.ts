// Health: cron runs recorded per job, figures against thresholds, one incident and one steward mail
// per crossing, and the page and API that show them (who may see them is in tests/authz/ too).
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { runJob, runScheduled, type Job } from "../../src/ops/jobs";
import { reconcile, type Figure } from "../../src/ops/health/figures";
import { runHealth } from "../../src/ops/health/incidents";
import { NIGHTLY, SCHEDULE } from "../../src/ops/schedule";
import type { HealthResponse } from "../../src/ops/health/health.api";
import { signIn } from "../accounts/helpers";
import { call, problem, STEWARD_EMAIL } from "../helpers/http";
import { apiKey, bearer, grantRole } from "../helpers/people";

const NOW = new Date("2026-11-28T12:00:00.000Z");
const noWait = () => {};

async function failedMail(id: string, at = NOW.toISOString()) {
  await env.DB.prepare("insert into outbox (id, channel, kind, recipient, payload, status, created_at, updated_at) values (?, 'mail', 'x', 'x@example.be', '{}', 'failed', ?, ?)").bind(id, at, at).run();
}
const healthMails = async () => (await env.DB.prepare("select recipient, payload from outbox where kind = 'health_incident' order by created_at").all<{ recipient: string; payload: string }>()).results;
const openIncidents = async () => (await env.DB.prepare("select \"check\", value, worst from incidents where closed_at is null order by \"check\"").all()).results;

describe("pure: reconcile figures with open incidents", () => {
  const f = (id: string, value: number | null, threshold = 0): Figure => ({ id, label: "ops.figure.backup_age", value, unit: "count", threshold });
  it("opens what crossed, worsens what got worse, closes what is back or gone", () => {
    const plan = reconcile([f("a", 2), f("b", 5), f("c", 0), f("d", null)], [
      { id: "inc_b", check: "b", worst: 3 },
      { id: "inc_c", check: "c", worst: 1 },
      { id: "inc_gone", check: "gone", worst: 1 },
    ]);
    expect(plan.open.map((x) => x.id)).toEqual(["a"]);
    expect(plan.worsen).toEqual([{ id: "inc_b", worst: 5 }]);
    expect(plan.close.sort()).toEqual(["inc_c", "inc_gone"]);
  });
  it("a value equal to the threshold is not crossed; no data is not crossed", () => {
    expect(reconcile([f("a", 0), f("b", null)], []).open).toEqual([]);
  });
});

describe("cron jobs", () => {
  it("every cron of the schedule runs its jobs, each run recorded; the nightly one writes a backup", async () => {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: NOW.getTime(), cron: NIGHTLY }), env, ctx);
    await waitOnExecutionContext(ctx);
    const runs = (await env.DB.prepare("select job, cron, status, detail from job_runs where cron = ?").bind(NIGHTLY).all<{ job: string; status: string; detail: string }>()).results;
    expect(runs.map((r) => [r.job, r.status])).toEqual([["backup", "ok"]]);
    expect(JSON.parse(runs[0]!.detail)).toMatchObject({ key: "d1/2026-11-28T12-00-00Z.jsonl.gz", tables: expect.any(Number), pruned: 0 });
    expect(await env.BACKUPS.head("d1/2026-11-28T12-00-00Z.jsonl.gz")).not.toBeNull();
  });

  it("a failing job is recorded as failed with its error, and the next job still runs", async () => {
    const jobs: Job[] = [
      { name: "sweep", cron: "0 0 * * *", maxAgeMinutes: 1, run: async () => { throw new Error("boom: D1 unreachable"); } },
      { name: "health", cron: "0 0 * * *", maxAgeMinutes: 1, run: async () => ({ done: ["a", "b"] }) },
    ];
    const outcomes = await runScheduled("0 0 * * *", env, NOW, noWait, jobs);
    expect(outcomes).toEqual([{ job: "sweep", status: "failed", error: "boom: D1 unreachable" }, { job: "health", status: "ok" }]);
    const rows = (await env.DB.prepare("select job, status, error, detail from job_runs where cron = '0 0 * * *' order by job").all()).results;
    expect(rows).toEqual([
      { job: "health", status: "ok", error: null, detail: '{"done":2}' },
      { job: "sweep", status: "failed", error: "boom: D1 unreachable", detail: "{}" },
    ]);
  });

  it("an unknown cron runs nothing", async () => {
    expect(await runScheduled("1 2 3 4 5", env, NOW, noWait)).toEqual([]);
  });

  it("every job of the schedule has a runner", () => {
    expect(SCHEDULE.map((j) => j.name).sort()).toEqual(["backup", "dns", "dunning", "health", "offsession", "reminders", "subscriptions", "sweep"]);
  });
});

describe("incidents: one mail per crossing", () => {
  it("opens an incident and mails every steward once, stays quiet while open, closes when back", async () => {
    await grantRole("second-steward@chatiere.test", "steward");
    await env.DB.prepare("update users set language = 'nl' where email = 'second-steward@chatiere.test'").run();
    await failedMail("msg_health_1");
    const first = await runHealth(env, NOW, noWait);
    expect(first.opened).toBeGreaterThanOrEqual(1);
    expect(await openIncidents()).toContainEqual({ check: "outbox.mail.failed", value: 1, worst: 1 });
    const mails = await healthMails();
    expect(mails.map((m) => m.recipient).sort()).toEqual(["second-steward@chatiere.test", STEWARD_EMAIL]);
    const nl = JSON.parse(mails.find((m) => m.recipient.startsWith("second"))!.payload);
    expect(nl.subject).toMatch(/gezondheidscijfer/);
    expect(nl.text).toContain("Wachtrij ‘mail’: mislukte berichten (laatste 24 uur): 1 (drempel 0)");

    // Worse, still open: no new mail, the worst value follows.
    await failedMail("msg_health_2");
    const second = await runHealth(env, new Date(NOW.getTime() + 15 * 60_000), noWait);
    expect(second.opened).toBe(0);
    expect(await healthMails()).toHaveLength(2);
    expect(await openIncidents()).toContainEqual({ check: "outbox.mail.failed", value: 1, worst: 2 });

    // A day later the failures are old news: the incident closes.
    const later = await runHealth(env, new Date(NOW.getTime() + 25 * 3_600_000), noWait);
    expect(later.closed).toBeGreaterThanOrEqual(1);
    const closed = await env.DB.prepare("select closed_at from incidents where \"check\" = 'outbox.mail.failed'").first<{ closed_at: string }>();
    expect(closed?.closed_at).toBe(new Date(NOW.getTime() + 25 * 3_600_000).toISOString());
  });
});

describe("GET /api/v1/health and /admin/health", () => {
  it("a steward key with health:read gets every figure with its threshold, in the caller's language", async () => {
    const key = await apiKey({ email: STEWARD_EMAIL, scopes: ["health:read"] });
    const res = await call("/api/v1/health?lang=en", { headers: bearer(key) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as HealthResponse;
    const ids = body.figures.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(["jobs.sweep.age", "jobs.backup.age", "jobs.health.age", "outbox.mail.backlog", "outbox.mail.stuck", "outbox.mail.failed", "backups.age", "d1.size"]));
    const size = body.figures.find((f) => f.id === "d1.size")!;
    expect(size).toMatchObject({ unit: "percent", threshold: 80, crossed: false });
    expect(size.value).toBeGreaterThan(0);
    expect(size.label).toMatch(/^Database size \(\d+\.\d MB of 500 MB\)$/);
    expect(body.ok).toBe(body.figures.every((f) => !f.crossed));
  });

  it("without the scope, another role or anonymously: 403 / 401 as problem+json", async () => {
    const auditOnly = await apiKey({ email: STEWARD_EMAIL, scopes: ["audit:read"] });
    await problem(await call("/api/v1/health", { headers: bearer(auditOnly) }), 403);
    await problem(await call("/api/v1/health"), 401);
    const coop = await grantRole("coop-health@chatiere.test", "coop_admin");
    expect(coop).toBeTruthy();
    const coopKey = await apiKey({ email: "coop-health@chatiere.test", scopes: ["health:read"] });
    await problem(await call("/api/v1/health", { headers: bearer(coopKey) }), 403);
  });

  it("is documented: steward access, health:read scope", async () => {
    const doc = (await (await call("/api/openapi.json")).json()) as { paths: Record<string, { get: { description: string; security: unknown } }> };
    const op = doc.paths["/api/v1/health"]!.get;
    expect(op.description).toMatch(/^Access: steward \(session, or API key with `health:read`\)/);
    expect(op.security).toEqual([{ session: [] }, { apiKey: ["health:read"] }]);
  });

  it("the page shows the figures, the state in words and the incidents, in French, Dutch and English", async () => {
    // The page reads the real clock: the failure is from just now (a fixed date ages out of the 24 h window).
    const now = new Date();
    await failedMail("msg_page_1", now.toISOString());
    await runHealth(env, now, noWait);
    const steward = await signIn(STEWARD_EMAIL);
    for (const [lang, title, crossedWord] of [["fr", "Santé de la plateforme", "Dépassé"], ["nl", "Gezondheid van het platform", "Overschreden"], ["en", "Platform health", "Crossed"]] as const) {
      const res = await steward.fetch(`/admin/health?lang=${lang}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<h1>${title}</h1>`);
      expect(html).toMatch(/data-figure="outbox\.mail\.failed"[\s\S]*?<strong>/);
      expect(html).toContain(crossedWord);
      expect(html).toContain('data-health="crossed"');
      expect(html).toMatch(/data-incident="inc_/);
      expect(html).not.toMatch(/<script(?![^>]*src=)/);
    }
    const dashboard = await (await steward.fetch("/admin?lang=en")).text();
    expect(dashboard).toContain('href="/admin/health"');
    const member = await signIn("member-health@chatiere.test");
    expect((await member.fetch("/admin/health")).status).toBe(403);
  });
});

describe("a job's record survives its failure", () => {
  it("runJob marks a run running first, so a crash mid-job leaves a trace", async () => {
    let seen: unknown;
    const job: Job = { name: "backup", cron: "5 5 * * *", maxAgeMinutes: 1, run: async () => { seen = await env.DB.prepare("select status from job_runs where cron = '5 5 * * *'").first("status"); return {}; } };
    await runJob(job, env, NOW, noWait);
    expect(seen).toBe("running");
  });
});
