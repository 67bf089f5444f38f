// The "invoices overdue" health figures: invoices still unpaid more than 35 days after their due date,
// counted and summed (what remains due, in cents), against their thresholds, on GET /api/v1/health
// and /admin/health.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { collectFigures } from "../../src/ops/health/checks";
import type { HealthResponse } from "../../src/ops/health/health.api";
import { today } from "../../src/lib/days";
import { signIn } from "../accounts/helpers";
import { call, STEWARD_EMAIL } from "../helpers/http";
import { apiKey, bearer, makeOrg } from "../helpers/people";

let orgId: string;
let seq = 0;
const NOW = new Date();
const daysAgo = (n: number) => new Date(Date.parse(`${today(NOW)}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

async function invoice(dueDate: string, totalCents: number, opts: { paid?: number; credited?: number; status?: string; type?: string } = {}) {
  const s = ++seq;
  const type = opts.type ?? "invoice";
  await env.DB.prepare(
    `insert into billing_documents (id, type, status, org_id, language, series, sequence, number, ogm, issue_date, due_date, lines, vat, net_cents, vat_cents, total_cents, paid_cents, credited_cents, notes)
     values (?, ?, ?, ?, 'fr', ?, ?, ?, ?, ?, ?, '[]', '[]', ?, 0, ?, ?, ?, '[]')`,
  )
    .bind(`bil_h${s}`, type, opts.status ?? "open", orgId, type === "invoice" ? "F2026" : "NC2026", s, `F2026-${String(s).padStart(6, "0")}`, String(100000000000 + s), "2026-01-01", dueDate, totalCents, totalCents, opts.paid ?? 0, opts.credited ?? 0)
    .run();
}
const figures = async () => new Map((await collectFigures({ env, now: NOW })).map((f) => [f.id, f]));

beforeAll(async () => {
  orgId = await makeOrg({ kind: "member", name: "Les Retardataires", members: [] });
});

describe("invoices overdue", () => {
  it("counts only unpaid invoices more than 35 days past due, and sums what remains due", async () => {
    expect((await figures()).get("invoices.overdue")).toMatchObject({ value: 0, unit: "count", threshold: 5 });
    await invoice(daysAgo(36), 12100);
    await invoice(daysAgo(90), 10000, { paid: 4000, status: "partially_paid" });
    await invoice(daysAgo(200), 5000, { credited: 1000 });
    await invoice(daysAgo(35), 99999); // exactly 35 days: not yet
    await invoice(daysAgo(100), 7000, { paid: 7000, status: "paid" });
    await invoice(daysAgo(100), 7000, { credited: 7000, status: "credited" });
    await invoice(daysAgo(100), 3000, { type: "credit_note", status: "issued" });
    const f = await figures();
    expect(f.get("invoices.overdue")).toMatchObject({ value: 3, unit: "count", threshold: 5, params: { days: "35" } });
    expect(f.get("invoices.overdue_amount")).toMatchObject({ value: 12100 + 6000 + 4000, unit: "cents", threshold: 100_000 });
  });

  it("crosses its thresholds, shown on the API and the page in the steward's language", async () => {
    for (let i = 0; i < 3; i++) await invoice(daysAgo(40 + i), 30000);
    const key = await apiKey({ email: STEWARD_EMAIL, scopes: ["health:read"] });
    const body = (await (await call("/api/v1/health?lang=en", { headers: bearer(key) })).json()) as HealthResponse;
    const count = body.figures.find((f) => f.id === "invoices.overdue")!;
    const amount = body.figures.find((f) => f.id === "invoices.overdue_amount")!;
    expect(count).toMatchObject({ value: 6, crossed: true, label: "Invoices more than 35 days past due (count)" });
    expect(amount).toMatchObject({ value: 22100 + 90000, unit: "cents", crossed: true });
    expect(body.ok).toBe(false);
    const steward = await signIn(STEWARD_EMAIL);
    const html = await (await steward.fetch("/admin/health?lang=fr")).text();
    expect(html).toContain("Factures échues depuis plus de 35 jours (montant restant dû)");
    expect(html).toMatch(/data-figure="invoices\.overdue_amount"[\s\S]*?1\u202f121,00\s€/);
  });
});
