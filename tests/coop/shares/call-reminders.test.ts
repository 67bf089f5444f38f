// Capital calls get reminders like invoices, in workerd against D1: the MORNING dunning job walks the
// clock from a call's due date — a person's call (filed under the cooperative's organisation)
// reminds the person, in their language, with the OGM and where to pay online; an organisation's
// reminds its contact address; never the cooperative's own. Two steps only (no formal notice for
// shares not yet subscribed); the cron firing twice sends once; a payment stops them.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../../src/index";
import { runDunning } from "../../../src/coop/payments/remind";
import { importStatement } from "../../../src/coop/payments/service";
import { approveRequest } from "../../../src/coop/shares/service";
import { systemContext } from "../../../src/lib/context";
import { MORNING } from "../../../src/ops/schedule";
import { formatMoney } from "../../../web/components/format";
import { person } from "../../helpers/people";
import { coop, customer } from "../helpers";
import { camtPaying, demoClasses, registerRows } from "./fixtures";

const ORIGIN = "https://chatiere.example.org";
// Stripe configured and the site's origin known: the reminders say where to pay online.
const cronEnv = { ...env, STRIPE_SECRET_KEY: "sk_test_chatiere_reminders", PUBLIC_ORIGIN: ORIGIN };
const PERSON = "joost@reminders.test";
const ORG_CONTACT = "compta@reminders.test";
const COOP_CONTACT = "bureau@coop-reminders.test";

let due: string;
let personCall: { id: string; number: string; ogm: string; holder: string };
let orgCall: { id: string; number: string; ogm: string; holder: string; orgId: string };

const at = (days: number) => new Date(Date.parse(`${due}T07:00:00Z`) + days * 86_400_000);
const runOn = (days: number) => runDunning(systemContext(cronEnv, "cron", { now: () => at(days), defer: () => {} }));

async function mails(to: string) {
  const { results } = await env.DB.prepare("select kind, payload from outbox where recipient = ? and kind like 'share_call.%' order by created_at, kind").bind(to).all<{ kind: string; payload: string }>();
  return results.map((r) => ({ kind: r.kind, ...(JSON.parse(r.payload) as { lang: string; subject: string; text: string; html: string; attachments?: { kind: string; id: string; filename: string }[] }) }));
}

/** A holder (person or organisation) with an approved request for `shares` B shares: its capital call. */
async function approvedCall(holder: { userId?: string; orgId?: string; language: string }, shares: number) {
  const holderId = `shh_${crypto.randomUUID().slice(0, 8)}`;
  const requestId = `srq_${crypto.randomUUID().slice(0, 8)}`;
  await env.DB.prepare("insert into shareholders (id, kind, user_id, org_id, name, street, postcode, city, country_code, language) values (?, ?, ?, ?, ?, 'Rue 2', '1000', 'Bruxelles', 'BE', ?)")
    .bind(holderId, holder.userId ? "person" : "organisation", holder.userId ?? null, holder.orgId ?? null, holder.userId ? "Joost Janssens" : "Les Amis du Parc asbl", holder.language)
    .run();
  await env.DB.prepare("insert into share_requests (id, holder_id, class_id, shares, nominal_cents, consents) values (?, ?, 'scl_b', ?, 5000, '{}')").bind(requestId, holderId, shares).run();
  const { document } = await approveRequest(systemContext(env, "cli"), requestId, new Date().toISOString().slice(0, 10));
  return { id: document.id, number: document.number!, ogm: document.ogm!, dueDate: document.dueDate!, holder: holderId };
}

beforeAll(async () => {
  const coopOrg = await coop();
  await env.DB.prepare("update organisations set contact_email = ? where id = ?").bind(COOP_CONTACT, coopOrg).run();
  await demoClasses();
  const p = await approvedCall({ userId: await person(PERSON), language: "nl" }, 2);
  const orgId = await customer({ contactEmail: ORG_CONTACT, language: "fr" });
  const o = await approvedCall({ orgId, language: "fr" }, 1);
  due = p.dueDate;
  personCall = p;
  orgCall = { ...o, orgId };
});

describe("capital call reminders", () => {
  it("nothing before +7; at +7 each holder is reminded once, in its language, even when the cron fires twice", async () => {
    expect(await runOn(6)).toMatchObject({ reminder: 0 });
    expect(await mails(PERSON)).toEqual([]);

    expect(await runOn(7)).toMatchObject({ considered: 2, reminder: 2, unmailed: 0 });
    const [toPerson] = await mails(PERSON);
    expect(toPerson).toMatchObject({ kind: "share_call.reminder", lang: "nl", attachments: [{ kind: "billing_document_pdf", id: personCall.id, filename: `${personCall.number}.pdf` }] });
    expect(toPerson!.subject).toBe(`Herinnering: volstortingsoproep ${personCall.number} wacht op betaling`);
    expect(toPerson!.text).toContain(`Verschuldigd bedrag: ${formatMoney(10000, "nl")}`);
    expect(toPerson!.text).toContain(`+++${personCall.ogm.slice(0, 3)}/${personCall.ogm.slice(3, 7)}/${personCall.ogm.slice(7)}+++`);
    expect(toPerson!.text).toContain(`Of online (kaart, Bancontact, SEPA-domiciliëring): ${ORIGIN}/account/shares`);
    expect(toPerson!.text).toContain("De volstortingsoproep zit als pdf bij dit bericht.");
    const [toOrg] = await mails(ORG_CONTACT);
    expect(toOrg).toMatchObject({ kind: "share_call.reminder", lang: "fr" });
    expect(toOrg!.subject).toBe(`Rappel : appel de libération ${orgCall.number} en attente de paiement`);
    expect(toOrg!.text).toContain(`${ORIGIN}/orgs/${orgCall.orgId}/billing/${orgCall.id}`);
    // Never the cooperative's own address, under whose organisation the person's call is filed.
    expect(await env.DB.prepare("select count(*) n from outbox where recipient = ?").bind(COOP_CONTACT).first("n")).toBe(0);

    // The same morning again, through the Worker's real scheduled handler: nothing more leaves.
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: at(7).getTime(), cron: MORNING }), cronEnv, ctx);
    await waitOnExecutionContext(ctx);
    const run = await env.DB.prepare("select status, detail from job_runs where job = 'dunning' order by started_at desc").first<{ status: string; detail: string }>();
    expect(run).toMatchObject({ status: "ok" });
    expect(JSON.parse(run!.detail)).toMatchObject({ considered: 2, reminder: 0 });
    expect(await mails(PERSON)).toHaveLength(1);
    expect(await mails(ORG_CONTACT)).toHaveLength(1);
  });

  it("a payment stops them: the organisation pays by transfer, only the person gets the second reminder, and never a formal notice", async () => {
    await importStatement(systemContext(env, "cli"), camtPaying(orgCall.ogm, 5000, at(10).toISOString().slice(0, 10)));
    expect(await registerRows(orgCall.holder)).toHaveLength(2);

    expect(await runOn(21)).toMatchObject({ considered: 1, second_reminder: 1 });
    expect(await runOn(21)).toMatchObject({ second_reminder: 0 });
    const sent = await mails(PERSON);
    expect(sent.map((m) => m.kind)).toEqual(["share_call.reminder", "share_call.second_reminder"]);
    expect(sent[1]!.subject).toBe(`Tweede herinnering: volstortingsoproep ${personCall.number} onbetaald`);
    expect(await mails(ORG_CONTACT)).toHaveLength(1);

    expect(await runOn(35)).toMatchObject({ formal_notice: 0 });
    expect(await runOn(90)).toMatchObject({ reminder: 0, second_reminder: 0, formal_notice: 0 });
    expect(await mails(PERSON)).toHaveLength(2);
    expect((await env.DB.prepare("select step from dunning_notices where invoice_id = ? order by sent_on").bind(personCall.id).all()).results).toEqual([{ step: "reminder" }, { step: "second_reminder" }]);
  });
});
