// The dunning job in workerd against D1: invoices issued through the API, the clock walked from the
// due date (+6, +7, +7 again through the real cron handler, +21, +35), exactly which mails leave, in
// which language, with the PDF attached and the payment details; a paid invoice gets none, and a
// payment stops the steps at once.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../../src/index";
import { runDunning } from "../../../src/coop/payments/remind";
import { systemContext } from "../../../src/lib/context";
import { MORNING } from "../../../src/ops/schedule";
import { runMailConsumer, signIn } from "../../accounts/helpers";
import { grantRole } from "../../helpers/people";
import { call, json } from "../../helpers/http";
import { coop, coopAdminKey, customer } from "../helpers";

let key: string;
const H = () => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });
const ISSUED_ON = "2026-10-01";
const DUE = "2026-10-31"; // 30 days of payment terms

async function issuedInvoice(org: string): Promise<{ id: string; number: string; ogm: string; total_cents: number }> {
  const d = await json(await call("/api/v1/invoices", { method: "POST", headers: H(), body: JSON.stringify({ organisation_id: org, issue_date: ISSUED_ON, due_days: 30, lines: [{ description: "Hébergement, 12 mois", quantity: 12, unit: "MON", unit_price_cents: 1000 }] }) }));
  const res = await call(`/api/v1/invoices/${d.id}/issue`, { method: "POST", headers: H() });
  if (res.status !== 200) throw new Error(`issue: ${res.status} ${await res.text()}`);
  const issued = await json(res);
  expect(issued.due_date).toBe(DUE);
  return issued;
}

/** The job at 07:00 UTC on due date + `days`. */
function runOn(days: number) {
  const at = new Date(Date.parse(`${DUE}T07:00:00Z`) + days * 86_400_000);
  return runDunning(systemContext(env, "cron", { now: () => at, defer: () => {} }));
}

async function reminders(to: string) {
  const { results } = await env.DB.prepare("select id, kind, payload from outbox where recipient = ? and kind like 'invoice.%' and kind <> 'invoice.issued' order by created_at, kind").bind(to).all<{ id: string; kind: string; payload: string }>();
  return results.map((r) => ({ id: r.id, kind: r.kind, ...(JSON.parse(r.payload) as { lang: string; subject: string; text: string; html: string; attachments?: { kind: string; id: string; filename: string }[] }) }));
}
const notices = async (invoiceId: string) => (await env.DB.prepare("select step, sent_on, outbox_id is not null as mailed from dunning_notices where invoice_id = ? order by sent_on").bind(invoiceId).all()).results;
const pay = (invoiceId: string, cents: number) => env.DB.prepare("update billing_documents set paid_cents = ?, status = case when ? >= total_cents then 'paid' else 'partially_paid' end where id = ?").bind(cents, cents, invoiceId).run();

beforeAll(async () => {
  await coop();
  key = await coopAdminKey();
});
afterEach(() => vi.restoreAllMocks());

describe("the dunning job", () => {
  it("walks the schedule: nothing at +6, a reminder at +7 (once, even when the cron fires again), a second at +21, a formal notice at +35, then nothing", async () => {
    const org = await customer({ contactEmail: "compta@parc.test", language: "fr" });
    const invoice = await issuedInvoice(org);

    expect(await runOn(6)).toMatchObject({ reminder: 0, second_reminder: 0, formal_notice: 0 });
    expect(await reminders("compta@parc.test")).toEqual([]);

    expect(await runOn(7)).toMatchObject({ considered: 1, reminder: 1 });
    const [first] = await reminders("compta@parc.test");
    expect(first).toMatchObject({ kind: "invoice.reminder", lang: "fr", attachments: [{ kind: "billing_document_pdf", id: invoice.id, filename: `${invoice.number}.pdf` }] });
    expect(first!.subject).toBe(`Rappel : facture ${invoice.number} en attente de paiement`);
    // The payment details: what is due, where to, with which communication.
    expect(first!.text).toContain("Montant dû : 145,20\u00a0€");
    expect(first!.text).toContain("IBAN : BE68 5390 0754 7034 (BIC GKCCBEBB)");
    expect(first!.text).toContain(`Communication structurée : +++${invoice.ogm.slice(0, 3)}/${invoice.ogm.slice(3, 7)}/${invoice.ogm.slice(7)}+++`);
    expect(first!.text).toContain("Bénéficiaire : Coopérative Hébergement Solidaire SC");
    expect(first!.html).toContain("<li>Montant dû : 145,20\u00a0€</li>");

    // The same morning again, through the Worker's real scheduled handler: nothing more leaves.
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.parse(`${DUE}T07:00:00Z`) + 7 * 86_400_000, cron: MORNING }), env, ctx);
    await waitOnExecutionContext(ctx);
    const run = await env.DB.prepare("select status, detail from job_runs where job = 'dunning' order by started_at desc").first<{ status: string; detail: string }>();
    expect(run).toMatchObject({ status: "ok" });
    expect(JSON.parse(run!.detail)).toMatchObject({ considered: 1, reminder: 0 });
    expect(await reminders("compta@parc.test")).toHaveLength(1);

    expect(await runOn(20)).toMatchObject({ second_reminder: 0 });
    expect(await runOn(21)).toMatchObject({ second_reminder: 1 });
    expect(await runOn(21)).toMatchObject({ second_reminder: 0 });
    expect(await runOn(34)).toMatchObject({ formal_notice: 0 });
    expect(await runOn(35)).toMatchObject({ formal_notice: 1 });
    expect(await runOn(36)).toMatchObject({ reminder: 0, second_reminder: 0, formal_notice: 0 });
    expect(await runOn(90)).toMatchObject({ reminder: 0, second_reminder: 0, formal_notice: 0 });

    const all = await reminders("compta@parc.test");
    expect(all.map((m) => m.kind)).toEqual(["invoice.reminder", "invoice.second_reminder", "invoice.formal_notice"]);
    expect(all[2]!.subject).toBe(`Mise en demeure : facture ${invoice.number}`);
    expect(all[2]!.text).toContain("nous vous mettons en demeure de payer ce montant dans les quinze jours");
    expect(await notices(invoice.id)).toEqual([
      { step: "reminder", sent_on: "2026-11-07", mailed: 1 },
      { step: "second_reminder", sent_on: "2026-11-21", mailed: 1 },
      { step: "formal_notice", sent_on: "2026-12-05", mailed: 1 },
    ]);
  });

  it("a paid invoice gets none; a payment after the first reminder stops the next ones; a partial one does not", async () => {
    const paidOrg = await customer({ contactEmail: "paid@parc.test" });
    const paid = await issuedInvoice(paidOrg);
    await pay(paid.id, paid.total_cents);
    const stoppedOrg = await customer({ contactEmail: "stopped@parc.test" });
    const stopped = await issuedInvoice(stoppedOrg);
    const partOrg = await customer({ contactEmail: "part@parc.test" });
    const part = await issuedInvoice(partOrg);

    await runOn(7);
    expect(await reminders("paid@parc.test")).toEqual([]);
    expect((await reminders("stopped@parc.test")).map((m) => m.kind)).toEqual(["invoice.reminder"]);
    await pay(stopped.id, stopped.total_cents);
    await pay(part.id, 5000);
    await runOn(21);
    await runOn(35);
    expect(await reminders("paid@parc.test")).toEqual([]);
    expect((await reminders("stopped@parc.test")).map((m) => m.kind)).toEqual(["invoice.reminder"]);
    const partMails = await reminders("part@parc.test");
    expect(partMails.map((m) => m.kind)).toEqual(["invoice.reminder", "invoice.second_reminder", "invoice.formal_notice"]);
    // What is still due, not the invoice's total.
    expect(partMails[1]!.text).toContain("Montant dû : 95,20\u00a0€");
    expect(await notices(paid.id)).toEqual([]);
  });

  it("speaks the invoice's language: Dutch (u) and English, the formal notice worded as one", async () => {
    const nlOrg = await customer({ contactEmail: "boekhouding@park.test", language: "nl" });
    const enOrg = await customer({ contactEmail: "accounts@park.test", language: "en" });
    const nl = await issuedInvoice(nlOrg);
    const en = await issuedInvoice(enOrg);
    await runOn(7);
    await runOn(21);
    await runOn(35);
    const [nlFirst, , nlLast] = await reminders("boekhouding@park.test");
    expect(nlFirst).toMatchObject({ lang: "nl", subject: `Herinnering: factuur ${nl.number} nog niet betaald` });
    expect(nlFirst!.text).toContain("Gestructureerde mededeling: +++");
    expect(nlLast!.subject).toBe(`Ingebrekestelling: factuur ${nl.number}`);
    expect(nlLast!.text).toContain("Hierbij stellen wij u in gebreke");
    const [enFirst, , enLast] = await reminders("accounts@park.test");
    expect(enFirst).toMatchObject({ lang: "en", subject: `Reminder: invoice ${en.number} awaiting payment` });
    expect(enFirst!.text).toContain("Amount due: €145.20");
    expect(enLast!.subject).toBe(`Formal notice: invoice ${en.number}`);
    expect(enLast!.text).toContain("We hereby give you formal notice");
  });

  it("a customer without a contact address: the step is recorded, no mail is written", async () => {
    const org = await customer({});
    const invoice = await issuedInvoice(org);
    expect(await runOn(7)).toMatchObject({ reminder: 1, unmailed: 1 });
    expect(await notices(invoice.id)).toEqual([{ step: "reminder", sent_on: "2026-11-07", mailed: 0 }]);
    expect(await runOn(7)).toMatchObject({ reminder: 0 });
  });

  it("the mail channel sends the reminder with the invoice's PDF attached", async () => {
    const org = await customer({ contactEmail: "pdf@parc.test" });
    const invoice = await issuedInvoice(org);
    await runOn(7);
    const [mail] = await reminders("pdf@parc.test");
    const fetch = vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response("{}", { status: 202 }));
    await runMailConsumer([mail!.id], { environment: "production" });
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toBe("https://mail.chatiere.test/v1/send");
    const body = JSON.parse(String(init!.body)) as { to: string; subject: string; attachments: { filename: string; content_type: string; content: string }[] };
    expect(body).toMatchObject({ to: "pdf@parc.test", subject: mail!.subject });
    expect(body.attachments).toHaveLength(1);
    expect(body.attachments[0]).toMatchObject({ filename: `${invoice.number}.pdf`, content_type: "application/pdf" });
    const pdf = atob(body.attachments[0]!.content);
    expect(pdf.startsWith("%PDF-")).toBe(true);
    expect(pdf.length).toBeGreaterThan(1000);
    expect((await env.DB.prepare("select status from outbox where id = ?").bind(mail!.id).first("status"))).toBe("sent");
  });

  it("the reminders show on the coop_admin's invoice page and on the member's, with date and level; not to another organisation", async () => {
    const org = await customer({ owner: "owner@rappels.test", contactEmail: "rappels@parc.test", language: "fr" });
    const invoice = await issuedInvoice(org);
    const admin = await signIn("coop-pages@remind.test");
    await grantRole("coop-pages@remind.test", "coop_admin");
    const before = await (await admin.fetch(`/coop/invoices/${invoice.id}`)).text();
    expect(before).not.toContain("Rappels</h2>");
    await runOn(7);
    await runOn(21);
    const adminPage = await (await admin.fetch(`/coop/invoices/${invoice.id}`)).text();
    expect(adminPage).toContain('<h2 id="reminders-title">Rappels</h2>');
    expect(adminPage).toMatch(/7 novembre 2026<\/td><td>Rappel<\/td><td>envoyé par courriel/);
    expect(adminPage).toMatch(/21 novembre 2026<\/td><td>Deuxième rappel<\/td>/);
    const owner = await signIn("owner@rappels.test");
    const memberPage = await (await owner.fetch(`/orgs/${org}/billing/${invoice.id}?lang=nl`)).text();
    expect(memberPage).toContain('<h2 id="reminders-title">Herinneringen</h2>');
    expect(memberPage).toMatch(/7 november 2026<\/td><td>Herinnering<\/td><td>per e-mail verzonden/);
    // The member's export carries them too.
    const data = await (await owner.fetch(`/api/v1/me/export?organisation=${org}`)).json<{ organisations: { profile: { id: string }; reminders: { invoice_id: string; number: string; step: string; sent_on: string }[] }[] }>();
    expect(data.organisations.find((o) => o.profile.id === org)!.reminders).toEqual([
      { invoice_id: invoice.id, number: invoice.number, step: "reminder", sent_on: "2026-11-07" },
      { invoice_id: invoice.id, number: invoice.number, step: "second_reminder", sent_on: "2026-11-21" },
    ]);
    const stranger = await signIn("stranger@elsewhere.test");
    expect((await stranger.fetch(`/orgs/${org}/billing/${invoice.id}`)).status).toBe(403);
  });
});
