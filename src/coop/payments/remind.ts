// The daily dunning job (cron MORNING, src/ops/schedule.ts): finds the invoices and capital calls
// (src/coop/shares; reminded twice, mailed to their holder) still open past their due date, asks the pure schedule (dunning.ts) which step each one is due, and writes, per invoice,
// ONE batch: the `dunning_notices` row (unique per invoice and step) and the reminder mail, with the
// invoice's PDF attached, in the invoice's language. Both inserts are INSERT … SELECT guarded in SQL:
// the notice only while the invoice is unpaid with exactly the payments read a moment ago (a payment
// booked in between stops it), and the mail only when the notice went in — so a cron firing twice, or
// two runs at once, send nothing more (the second run's notice meets the unique index and is skipped).
import { and, asc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { billingDocuments, dunningNotices, organisations, outbox, shareholders, shareRequests, users, type BillingDocumentRow, type MailAttachmentRef } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { today } from "../../lib/days";
import { newId } from "../../lib/ids";
import type { Lang } from "../../lib/lang";
import { inChunks } from "../../db/chunks";
import { enqueue, outboxRowColumns } from "../../outbox/write";
import { settle } from "../invoices/status";
import { stripeConfigured } from "./checkout.service";
import { dueDunningStep, dunningSchedule, DEFAULT_DUNNING_SCHEDULE, STEPS_OF, type DunningStep } from "./dunning";
import { dunningMail } from "./dunning-mail";

/** Invoices looked at per run, oldest due first; the rest wait for the next morning. */
export const DUNNING_BATCH_LIMIT = 500;

export interface DunningRun {
  /** Invoices past the first offset, still unpaid. */
  considered: number;
  /** Notices written, by step. */
  reminder: number;
  second_reminder: number;
  formal_notice: number;
  /** Notices written for customers without a contact address (recorded, not mailed). */
  unmailed: number;
  /** Steps another run wrote first, or invoices paid meanwhile. */
  skipped: number;
}

/** YYYY-MM-DD `days` before `day`. */
function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

export async function runDunning(ctx: ServiceContext): Promise<DunningRun> {
  const schedule = dunningSchedule(ctx.settings.DUNNING_SCHEDULE_DAYS) ?? dunningSchedule(DEFAULT_DUNNING_SCHEDULE)!;
  const day = today(ctx.now());
  const candidates = await ctx.db
    .select()
    .from(billingDocuments)
    .where(and(inArray(billingDocuments.type, ["invoice", "share_call"]), inArray(billingDocuments.status, ["open", "partially_paid"]), isNotNull(billingDocuments.dueDate), lte(billingDocuments.dueDate, daysBefore(day, schedule[0]!))))
    .orderBy(asc(billingDocuments.dueDate), asc(billingDocuments.id))
    .limit(DUNNING_BATCH_LIMIT);
  const sent = await inChunks(
    candidates.map((c) => c.id),
    (chunk) => ctx.db.select({ invoiceId: dunningNotices.invoiceId, step: dunningNotices.step, on: dunningNotices.sentOn }).from(dunningNotices).where(inArray(dunningNotices.invoiceId, chunk)),
  );
  // Today's contact address, not the one frozen in the invoice: people move on.
  const contacts = new Map(
    (await inChunks([...new Set(candidates.map((c) => c.orgId))], (chunk) => ctx.db.select({ id: organisations.id, email: organisations.contactEmail }).from(organisations).where(inArray(organisations.id, chunk)))).map((o) => [o.id, o.email]),
  );
  const holders = await callHolders(ctx, candidates.filter((c) => c.type === "share_call").map((c) => c.id));
  const online = stripeConfigured(ctx) ? (ctx.origin ?? ctx.settings.PUBLIC_ORIGIN ?? null) : null;
  const run: DunningRun = { considered: candidates.length, reminder: 0, second_reminder: 0, formal_notice: 0, unmailed: 0, skipped: 0 };
  for (const invoice of candidates) {
    const { status } = settle({ type: "invoice", issued: true, totalCents: invoice.totalCents, creditedCents: invoice.creditedCents, paidCents: invoice.paidCents });
    const call = invoice.type === "share_call";
    const step = dueDunningStep({ dueDate: invoice.dueDate!, status: status as "open", sent: sent.filter((s) => s.invoiceId === invoice.id) }, day, schedule, STEPS_OF[call ? "share_call" : "invoice"]);
    if (!step) continue;
    // A capital call reminds its holder, never the organisation it is filed under (a person's call
    // sits under the cooperative's own): the person, or the holding organisation's contact.
    const holder = call ? holders.get(invoice.id) : undefined;
    const to = call ? (holder?.email ?? invoice.customer?.email ?? null) : (contacts.get(invoice.orgId) ?? invoice.customer?.email ?? null);
    const payUrl = call && online && holder ? `${online}${holder.payPath}` : null;
    const outcome = await sendNotice(ctx, invoice, step, day, to, payUrl);
    if (outcome === "skipped") run.skipped++;
    else {
      run[step]++;
      if (outcome === "recorded") run.unmailed++;
    }
  }
  return run;
}

/** Each capital call's holder: where its reminders go, and where it is paid online. */
async function callHolders(ctx: ServiceContext, documentIds: string[]): Promise<Map<string, { email: string | null; payPath: string }>> {
  const rows = await inChunks(documentIds, (chunk) =>
    ctx.db
      .select({ documentId: shareRequests.documentId, orgId: shareholders.orgId, holderEmail: shareholders.email, personEmail: users.email, orgEmail: organisations.contactEmail })
      .from(shareRequests)
      .innerJoin(shareholders, eq(shareholders.id, shareRequests.holderId))
      .leftJoin(users, eq(users.id, shareholders.userId))
      .leftJoin(organisations, eq(organisations.id, shareholders.orgId))
      .where(inArray(shareRequests.documentId, chunk)),
  );
  return new Map(
    rows.map((r) => [
      r.documentId!,
      { email: (r.orgId ? r.orgEmail : r.personEmail) ?? r.holderEmail ?? null, payPath: r.orgId ? `/orgs/${encodeURIComponent(r.orgId)}/billing/${encodeURIComponent(r.documentId!)}` : "/account/shares" },
    ]),
  );
}

async function sendNotice(ctx: ServiceContext, invoice: BillingDocumentRow, step: DunningStep, day: string, to: string | null, payUrl: string | null): Promise<"mailed" | "recorded" | "skipped"> {
  const db = ctx.db;
  const noticeId = newId("dun");
  const mailId = to ? newId("msg") : null;
  const value = <T,>(v: T) => sql<T>`${v}`;
  const still = and(eq(billingDocuments.id, invoice.id), inArray(billingDocuments.status, ["open", "partially_paid"]), eq(billingDocuments.paidCents, invoice.paidCents), eq(billingDocuments.creditedCents, invoice.creditedCents));
  const notice = db
    .insert(dunningNotices)
    .select(
      db
        .select({ id: value(noticeId).as("id"), invoiceId: billingDocuments.id, step: value(step).as("step"), sentOn: value(day).as("sent_on"), outboxId: value(mailId).as("outbox_id"), createdAt: value(ctx.now().toISOString()).as("created_at") })
        .from(billingDocuments)
        .where(still),
    )
    .onConflictDoNothing()
    .returning({ id: dunningNotices.id });
  const [written] = to && mailId ? await db.batch([notice, mailWhereNotice(ctx, invoice, step, noticeId, mailId, to, payUrl)]) : await db.batch([notice]);
  if (written.length === 0) return "skipped";
  if (mailId) enqueue(ctx, [{ id: mailId, channel: "mail" }]);
  return mailId ? "mailed" : "recorded";
}

/** The reminder's outbox row, inserted only when the notice `noticeId` exists (it was just written in this batch). */
function mailWhereNotice(ctx: ServiceContext, invoice: BillingDocumentRow, step: DunningStep, noticeId: string, mailId: string, to: string, payUrl: string | null) {
  const lang = invoice.language as Lang;
  const issuer = invoice.issuer!;
  const { dueCents } = settle({ type: "invoice", issued: true, totalCents: invoice.totalCents, creditedCents: invoice.creditedCents, paidCents: invoice.paidCents });
  const mail = dunningMail(lang, step, {
    number: invoice.number!,
    issueDate: invoice.issueDate!,
    dueDate: invoice.dueDate!,
    dueCents,
    ogm: invoice.ogm!,
    iban: issuer.iban,
    bic: issuer.bic ?? "",
    payee: issuer.legalName,
    shareCall: invoice.type === "share_call",
    payUrl,
  });
  const attachments: MailAttachmentRef[] = [{ kind: "billing_document_pdf", id: invoice.id, filename: `${invoice.number}.pdf` }];
  const payload = { ...mail, attachments };
  return ctx.db.insert(outbox).select(
    ctx.db
      .select(outboxRowColumns({ id: mailId, channel: "mail", kind: `${invoice.type === "share_call" ? "share_call" : "invoice"}.${step}`, recipient: to, payload: JSON.stringify(payload) }))
      .from(dunningNotices)
      .where(eq(dunningNotices.id, noticeId)),
  );
}
