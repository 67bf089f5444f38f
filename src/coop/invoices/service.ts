// Writes of billing documents: drafts (created, edited until issued), issuing (the number, the OGM
// and the frozen document in ONE D1 batch), and credit notes (created and issued in one batch that
// also raises the invoice's credited amount). Every write is audited in its batch; issuing mails the
// customer's contact through the outbox in the same batch.
import { and, eq, sql } from "drizzle-orm";
import { auditInsert } from "../../accounts/audit";
import { findOrg } from "../../accounts/orgs/repository";
import type { Db } from "../../db/client";
import { billingDocuments, billingSeries, type BillingDocumentRow } from "../../db/schema";
import { type ServiceContext } from "../../lib/context";
import { isCalendarDay, today } from "../../lib/days";
import { newId } from "../../lib/ids";
import { isLang, type Lang } from "../../lib/lang";
import { AppError, type FieldError } from "../../lib/problem";
import { mailInsert } from "../../mail/outbox";
import { enqueue } from "../../outbox/write";
import { customerParty, issuerParty, toBillingDocument } from "./document";
import { creditLines, priceLines, totalsOfStored, type CreditRequest, type LineRequest } from "./draft";
import { legalNotes, missingMentions } from "./legal";
import { invoiceIssuedMail } from "./mail";
import type { StoredLine } from "./lines";
import type { BillingDocument, DocumentType, Issuer, Party } from "./model";
import { dueDateOf, formatNumber, OGM_TYPE_DIGIT, seriesOf } from "./numbering";
import { creditNotesOf, findDocument, findIssuer } from "./repository";
import { invoiceStatusSql } from "./status";
import { peppolInsert } from "../peppol/outbox";
import { creditNoteIssuedEvent, fillFromDocument, invoiceIssuedEvent } from "../events";

export const MAX_DUE_DAYS = 120;

/** The cooperative as issuer, or a 409 saying it has no billing identity yet. */
export async function currentIssuer(db: Db): Promise<{ issuer: Issuer; orgId: string; language: Lang }> {
  const found = await findIssuer(db);
  if (!found?.settings) throw new AppError("CONFLICT", "The cooperative has no billing identity yet: a coop_admin sets it at /coop/settings");
  return { issuer: issuerParty(found.org, found.settings), orgId: found.org.id, language: found.settings.language };
}

/** The customer: a member organisation, with its party and language. */
export async function customerOf(db: Db, orgId: string, field = "organisation_id") {
  const org = await findOrg(db, orgId);
  if (!org || org.kind !== "member") throw new AppError("VALIDATION_FAILED", `No member organisation ${orgId}`, [{ field, message: "a member organisation's id" }]);
  return { org, party: customerParty(org) };
}

export interface DraftInput {
  orgId: string;
  lines: LineRequest[];
  issueDate?: string | null;
  dueDays?: number | null;
  language?: Lang;
  buyerReference?: string | null;
  /** Lines may credit (negative quantities): only the subscription run's drafts. */
  credits?: boolean;
}

function checkDates(input: { issueDate?: string | null; dueDays?: number | null }): FieldError[] {
  const errors: FieldError[] = [];
  if (input.issueDate && !isCalendarDay(input.issueDate)) errors.push({ field: "issue_date", message: "a date, YYYY-MM-DD" });
  if (input.dueDays !== undefined && input.dueDays !== null && (!Number.isInteger(input.dueDays) || input.dueDays < 0 || input.dueDays > MAX_DUE_DAYS)) errors.push({ field: "due_days", message: `whole days, 0 to ${MAX_DUE_DAYS}` });
  return errors;
}

async function priced(ctx: ServiceContext, input: DraftInput) {
  const { issuer, language: issuerLang } = await currentIssuer(ctx.db);
  const customer = await customerOf(ctx.db, input.orgId);
  const lang: Lang = input.language ?? (isLang(customer.org.language) ? customer.org.language : issuerLang);
  const result = priceLines(input.lines, { issuer, customer: customer.party }, lang, { credits: input.credits });
  const errors = [...checkDates(input), ...(result.ok ? [] : result.errors)];
  if (errors.length > 0 || !result.ok) throw new AppError("VALIDATION_FAILED", `Invalid value for ${[...new Set(errors.map((e) => e.field))].join(", ")}`, errors);
  // The draft's columns as the input and its pricing make them, for its insert and its update alike.
  const columns = {
    orgId: input.orgId,
    language: lang,
    issueDate: input.issueDate ?? null,
    dueDays: input.dueDays ?? null,
    lines: result.lines,
    vat: result.totals.vat,
    netCents: result.totals.netCents,
    vatCents: result.totals.vatCents,
    totalCents: result.totals.totalCents,
    buyerReference: input.buyerReference ?? null,
  };
  return { lang, result, columns };
}

/** A draft's insert and audit, for a caller that writes them in a batch of its own (the subscription run). */
export async function draftStatements(ctx: ServiceContext, input: DraftInput) {
  const { columns } = await priced(ctx, input);
  const id = newId("bil");
  const who = ctx.actor.kind === "user" || ctx.actor.kind === "key" ? ctx.actor.userId : null;
  const values = { id, type: "invoice" as const, status: "draft" as const, ...columns, notes: [], createdBy: who };
  return { id, statements: [ctx.db.insert(billingDocuments).values(values), auditInsert(ctx, { action: "invoice.draft", subjectType: "billing_document", subjectId: id, orgId: input.orgId, detail: { total_cents: values.totalCents } })] as const };
}

export async function createDraft(ctx: ServiceContext, input: DraftInput): Promise<BillingDocumentRow> {
  const { id, statements } = await draftStatements(ctx, input);
  await ctx.db.batch(statements);
  return (await findDocument(ctx.db, id))!;
}

export async function updateDraft(ctx: ServiceContext, id: string, patch: Partial<DraftInput>): Promise<BillingDocumentRow> {
  const row = await findDocument(ctx.db, id);
  if (!row) throw new AppError("NOT_FOUND", `No invoice ${id}`);
  if (row.status !== "draft") throw new AppError("CONFLICT", `${row.number} is issued: it is never edited; correct it with a credit note`);
  const input: DraftInput = {
    orgId: patch.orgId ?? row.orgId,
    lines: patch.lines ?? row.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitCode: l.unitCode, unitPriceCents: l.unitPriceCents, vatCategory: l.vatCategory, vatRatePercent: l.vatRatePercent })),
    issueDate: patch.issueDate !== undefined ? patch.issueDate : row.issueDate,
    dueDays: patch.dueDays !== undefined ? patch.dueDays : row.dueDays,
    language: patch.language ?? (patch.orgId ? undefined : (row.language as Lang)),
    buyerReference: patch.buyerReference !== undefined ? patch.buyerReference : row.buyerReference,
  };
  const { result, columns } = await priced(ctx, input);
  const [updated] = await ctx.db.batch([
    ctx.db
      .update(billingDocuments)
      .set({ ...columns, updatedAt: ctx.now().toISOString() })
      .where(and(eq(billingDocuments.id, id), eq(billingDocuments.status, "draft")))
      .returning({ id: billingDocuments.id }),
    auditInsert(ctx, { action: "invoice.draft.update", subjectType: "billing_document", subjectId: id, orgId: input.orgId, detail: { total_cents: result.totals.totalCents } }),
  ]);
  if (updated.length === 0) throw new AppError("CONFLICT", `Invoice ${id} was issued meanwhile: it is never edited`);
  return (await findDocument(ctx.db, id))!;
}

/** A draft nobody wants: deleted (an issued document never is; the trigger refuses it anyway). */
export async function deleteDraft(ctx: ServiceContext, id: string): Promise<void> {
  const row = await findDocument(ctx.db, id);
  if (!row) throw new AppError("NOT_FOUND", `No invoice ${id}`);
  if (row.status !== "draft") throw new AppError("CONFLICT", `${row.number} is issued: it is never deleted`);
  await ctx.db.batch([
    ctx.db.delete(billingDocuments).where(and(eq(billingDocuments.id, id), eq(billingDocuments.status, "draft"))),
    auditInsert(ctx, { action: "invoice.draft.delete", subjectType: "billing_document", subjectId: id, orgId: row.orgId }),
  ]);
}

/** Errors the database raises on purpose (triggers, checks) → what the caller did wrong. */
function refusal(err: unknown): AppError | null {
  const text = String((err as { cause?: unknown }).cause ?? err) + String(err);
  if (/issue date before the previous number/.test(text)) return new AppError("CONFLICT", "The issue date is before the last document of its series: numbers follow dates", [{ field: "issue_date", message: "on or after the date of the series' last document" }]);
  if (/billing_documents_credited_le_total/.test(text)) return new AppError("CONFLICT", "Credit notes would exceed the invoice's total", [{ field: "lines", message: "more than what remains to credit" }]);
  if (/an issued document is never/.test(text)) return new AppError("CONFLICT", "An issued document is never edited nor deleted");
  if (/UNIQUE constraint failed/i.test(text)) return new AppError("CONFLICT", "Another document took this number or communication; try again");
  return null;
}

/** A numbering batch whose refusals by the database (series chronology, freeze triggers, unique numbers) become 409s. Also used by capital calls (src/coop/shares). */
export async function runIssueBatch(db: Db, statements: Parameters<Db["batch"]>[0]) {
  try {
    return await db.batch(statements);
  } catch (err) {
    throw refusal(err) ?? err;
  }
}

/** SQL for the number and OGM of the sequence the series counter just handed out (`next - 1`). */
export function numberingSet(type: DocumentType, series: string, issueDate: string) {
  const seq = sql`(select ${billingSeries.next} - 1 from ${billingSeries} where ${billingSeries.series} = ${series})`;
  const base = sql`(${OGM_TYPE_DIGIT[type] * 1_000_000_000 + Number(issueDate.slice(2, 4)) * 10_000_000} + ${seq})`;
  return {
    series,
    sequence: seq,
    number: sql`${series} || '-' || printf('%06d', ${seq})`,
    ogm: sql`printf('%010d', ${base}) || printf('%02d', case when ${base} % 97 = 0 then 97 else ${base} % 97 end)`,
  };
}

/** The two series statements: make the counter exist, then take the next number — only if the document is still a draft. */
export function takeNumber(db: Db, series: string, issueDate: string, documentId: string) {
  return [
    db.insert(billingSeries).values({ series }).onConflictDoNothing(),
    db
      .update(billingSeries)
      .set({ next: sql`${billingSeries.next} + 1`, lastIssueDate: issueDate })
      .where(and(eq(billingSeries.series, series), sql`exists (select 1 from ${billingDocuments} where ${billingDocuments.id} = ${documentId} and ${billingDocuments.status} = 'draft')`)),
  ] as const;
}

function issueDateFor(ctx: ServiceContext, planned: string | null | undefined): string {
  const now = today(ctx.now());
  const date = planned ?? now;
  if (date > now) throw new AppError("CONFLICT", `The issue date ${date} is in the future: issue it that day`, [{ field: "issue_date", message: "today or earlier" }]);
  return date;
}

function mentionsOrThrow(doc: BillingDocument) {
  const missing = missingMentions(doc).filter((f) => f !== "number");
  if (missing.length > 0) throw new AppError("CONFLICT", `A mention the law requires is missing: ${missing.join(", ")}`, missing.map((field) => ({ field, message: "required on an issued document" })));
}

/**
 * Issues a draft invoice: the series counter, the number, the OGM and the frozen document (lines
 * re-priced with today's issuer and customer, their snapshots, the legal mentions) land in one
 * batch, so a number is never lost nor given twice, and dates follow numbers (the series trigger
 * refuses an earlier date: 409 on `issue_date`).
 */
export async function issueInvoice(ctx: ServiceContext, id: string): Promise<BillingDocumentRow> {
  const row = await findDocument(ctx.db, id);
  if (!row) throw new AppError("NOT_FOUND", `No invoice ${id}`);
  if (row.status !== "draft") throw new AppError("CONFLICT", `Invoice ${row.number} is already issued`);
  const { issuer } = await currentIssuer(ctx.db);
  const customer = await customerOf(ctx.db, row.orgId);
  const lang = row.language as Lang;
  const repriced = priceLines(
    row.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitCode: l.unitCode, unitPriceCents: l.unitPriceCents, vatCategory: l.vatCategory, vatRatePercent: l.vatRatePercent })),
    { issuer, customer: customer.party },
    lang,
    { credits: row.lines.some((l) => l.quantity < 0) },
  );
  if (!repriced.ok) throw new AppError("CONFLICT", "The draft's VAT no longer fits the cooperative or the customer: edit the draft", repriced.errors);
  const issueDate = issueDateFor(ctx, row.issueDate);
  const dueDate = dueDateOf(issueDate, row.dueDays ?? issuer.paymentTermsDays);
  const notes = legalNotes({ type: "invoice", lang, issuer, vat: repriced.totals.vat });
  const frozen = { ...row, lines: repriced.lines, vat: repriced.totals.vat, netCents: repriced.totals.netCents, vatCents: repriced.totals.vatCents, totalCents: repriced.totals.totalCents, issueDate, dueDate, notes, issuer, customer: customer.party, status: "open" as const };
  mentionsOrThrow(toBillingDocument(frozen));
  const series = seriesOf("invoice", issueDate);
  const issuedAt = ctx.now().toISOString();
  // Customers with an enterprise number also receive it through Peppol, in this same batch.
  const peppol = peppolInsert(ctx.db, toBillingDocument(frozen), issuedAt);
  const at = ctx.now();
  const events = await invoiceIssuedEvent(ctx.db, { id, orgId: row.orgId, issueDate, dueDate, netCents: frozen.netCents, vatCents: frozen.vatCents, totalCents: frozen.totalCents, at });
  const mail = customer.org.contactEmail ? mailInsert(ctx.db, { kind: "invoice.issued", to: customer.org.contactEmail, ...invoiceIssuedMail(lang, { orgName: customer.party.legalName, totalCents: frozen.totalCents, dueDate, billingUrl: ctx.origin ? `${ctx.origin}/orgs/${row.orgId}/billing` : null }) }) : null;
  const results = await runIssueBatch(ctx.db, [
    ...takeNumber(ctx.db, series, issueDate, id),
    ctx.db
      .update(billingDocuments)
      .set({
        status: "open",
        ...numberingSet("invoice", series, issueDate),
        issueDate,
        dueDate,
        lines: frozen.lines,
        vat: frozen.vat,
        netCents: frozen.netCents,
        vatCents: frozen.vatCents,
        totalCents: frozen.totalCents,
        issuer,
        customer: customer.party,
        notes,
        issuedAt,
        issuedBy: ctx.actor.kind === "user" || ctx.actor.kind === "key" ? ctx.actor.userId : null,
        updatedAt: ctx.now().toISOString(),
      })
      .where(and(eq(billingDocuments.id, id), eq(billingDocuments.status, "draft")))
      .returning({ id: billingDocuments.id, number: billingDocuments.number }),
    auditInsert(ctx, { action: "invoice.issue", subjectType: "billing_document", subjectId: id, orgId: row.orgId, detail: { total_cents: frozen.totalCents, issue_date: issueDate } }),
    ...(mail ? [mail.query] : []),
    ...(peppol ? [peppol.query] : []),
    // invoice.issued to the customer's endpoints, its number and OGM read from the row just frozen.
    ...events.map((e) => e.query),
    ...(events.length ? [fillFromDocument(ctx.db, events, id)] : []),
  ]);
  const issued = results[2] as { id: string; number: string }[];
  if (issued.length === 0) throw new AppError("CONFLICT", `Invoice ${id} was issued meanwhile`);
  enqueue(ctx, [...(mail ? [mail] : []), ...(peppol ? [peppol] : []), ...events]);
  return (await findDocument(ctx.db, id))!;
}

/**
 * A credit note against an issued invoice, for all of it or some lines (quantities no larger than
 * what earlier credit notes left), created and issued in one batch that also raises the invoice's
 * credited amount — a CHECK keeps it within the invoice's total, whatever runs concurrently.
 */
export async function creditInvoice(ctx: ServiceContext, invoiceId: string, input: { lines?: CreditRequest[]; issueDate?: string | null }): Promise<BillingDocumentRow> {
  const invoice = await findDocument(ctx.db, invoiceId);
  if (!invoice || invoice.type !== "invoice") throw new AppError("NOT_FOUND", `No invoice ${invoiceId}`);
  if (invoice.status === "draft") throw new AppError("CONFLICT", "A draft is edited or deleted, not credited");
  if (input.issueDate && !isCalendarDay(input.issueDate)) throw new AppError("VALIDATION_FAILED", "Invalid value for issue_date", [{ field: "issue_date", message: "a date, YYYY-MM-DD" }]);
  const earlier = await creditNotesOf(ctx.db, invoiceId);
  const chosen = creditLines(invoice.lines, earlier.flatMap((n) => n.lines), input.lines);
  if (!chosen.ok) throw new AppError(input.lines ? "VALIDATION_FAILED" : "CONFLICT", `Invalid value for ${[...new Set(chosen.errors.map((e) => e.field))].join(", ")}`, chosen.errors);
  const lang = invoice.language as Lang;
  const totals = totalsOfStored(chosen.lines, lang);
  const lines: StoredLine[] = totals.lines.map((l, i) => ({ ...l, position: i + 1, correctsLine: chosen.lines[i]!.correctsLine }));
  if (totals.totalCents > invoice.totalCents - invoice.creditedCents) {
    throw new AppError("CONFLICT", "This credit note would exceed what remains of the invoice", [{ field: "lines", message: `at most ${invoice.totalCents - invoice.creditedCents} cents remain to credit` }]);
  }
  const issuer = invoice.issuer!;
  const customer: Party = invoice.customer!;
  const issueDate = issueDateFor(ctx, input.issueDate);
  if (issueDate < invoice.issueDate!) throw new AppError("CONFLICT", "A credit note is not dated before its invoice", [{ field: "issue_date", message: `on or after ${invoice.issueDate}` }]);
  const corrects = { number: invoice.number!, issueDate: invoice.issueDate! };
  const notes = legalNotes({ type: "credit_note", lang, issuer, vat: totals.vat, corrects });
  const id = newId("bil");
  const who = ctx.actor.kind === "user" || ctx.actor.kind === "key" ? ctx.actor.userId : null;
  const draft = {
    id,
    type: "credit_note" as const,
    status: "draft" as const,
    orgId: invoice.orgId,
    correctsId: invoice.id,
    language: lang,
    lines,
    vat: totals.vat,
    netCents: totals.netCents,
    vatCents: totals.vatCents,
    totalCents: totals.totalCents,
    buyerReference: invoice.buyerReference,
    notes,
    createdBy: who,
  };
  mentionsOrThrow(toBillingDocument({ ...invoice, ...draft, issueDate, dueDate: null, issuer, customer, creditedCents: 0, paidCents: 0, status: "issued", number: "NC0000-000000" } as BillingDocumentRow, { corrects }));
  const series = seriesOf("credit_note", issueDate);
  const issuedAt = ctx.now().toISOString();
  const peppol = peppolInsert(ctx.db, toBillingDocument({ ...invoice, ...draft, issueDate, dueDate: null, issuer, customer, creditedCents: 0, paidCents: 0, status: "issued", number: null, ogm: null } as BillingDocumentRow, { corrects }), issuedAt);
  const newCredited = sql.raw(`credited_cents + ${totals.totalCents}`);
  const events = await creditNoteIssuedEvent(ctx.db, { id, orgId: invoice.orgId, invoiceId: invoice.id, invoiceNumber: invoice.number!, issueDate, totalCents: totals.totalCents, at: ctx.now() });
  const results = await runIssueBatch(ctx.db, [
    ctx.db.insert(billingDocuments).values(draft),
    ...takeNumber(ctx.db, series, issueDate, id),
    ctx.db
      .update(billingDocuments)
      .set({ status: "issued", ...numberingSet("credit_note", series, issueDate), issueDate, issuer, customer, issuedAt, issuedBy: who })
      .where(and(eq(billingDocuments.id, id), eq(billingDocuments.status, "draft")))
      .returning({ id: billingDocuments.id }),
    ctx.db
      .update(billingDocuments)
      .set({ creditedCents: newCredited, status: sql.raw(invoiceStatusSql(`credited_cents + ${totals.totalCents}`, "paid_cents", "total_cents")) as unknown as "open", updatedAt: ctx.now().toISOString() })
      .where(and(eq(billingDocuments.id, invoice.id), sql`${billingDocuments.status} <> 'draft'`))
      .returning({ id: billingDocuments.id }),
    auditInsert(ctx, { action: "invoice.credit", subjectType: "billing_document", subjectId: id, orgId: invoice.orgId, detail: { invoice: invoice.number, total_cents: totals.totalCents } }),
    ...(peppol ? [peppol.query] : []),
    // credit_note.issued to the customer's endpoints, its number read from the row just issued.
    ...events.map((e) => e.query),
    ...(events.length ? [fillFromDocument(ctx.db, events, id)] : []),
  ]);
  if ((results[3] as unknown[]).length === 0) throw new AppError("CONFLICT", "The credit note could not be issued");
  enqueue(ctx, [...(peppol ? [peppol] : []), ...events]);
  return (await findDocument(ctx.db, id))!;
}
