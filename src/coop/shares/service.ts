// Writes of the cooperative's shares: classes (coop_admins), requests (a member organisation's owners
// and admins, or a person for themselves), the board's decision (approval issues a capital call —
// a billing document of type `share_call` in its own series `AP2027-000001`, out of VAT scope — in
// the same batch; refusal issues nothing) and redemptions. Every write is one D1 batch with its
// audit row and, for decisions, the requester's mail. Shares enter the register when the capital
// call is paid in full (./paid.ts, called by src/coop/payments).
import { eq, sql } from "drizzle-orm";
import { auditInsert } from "../../accounts/audit";
import { decide } from "../../accounts/policy";
import { findOrg } from "../../accounts/orgs/repository";
import { runBatch } from "../../db/batch";
import { billingDocuments, shareClasses, shareholders, shareRegister, shareRequests, users, type ShareClassRow, type ShareholderRow } from "../../db/schema";
import { actingPrincipal, type ServiceContext } from "../../lib/context";
import { isCalendarDay, today } from "../../lib/days";
import { newId } from "../../lib/ids";
import { isLang, type Lang } from "../../lib/lang";
import { AppError, type FieldError } from "../../lib/problem";
import { mailInsert } from "../../mail/outbox";
import { enqueue } from "../../outbox/write";
import { translator } from "../../../web/i18n";
import { formatMoney } from "../../../web/components/format";
import { enterpriseNumberOf, toBillingDocument } from "../invoices/document";
import { priceLines } from "../invoices/draft";
import { legalNotes, missingMentions } from "../invoices/legal";
import type { Party } from "../invoices/model";
import { dueDateOf, seriesOf } from "../invoices/numbering";
import { findDocument } from "../invoices/repository";
import { currentIssuer, numberingSet, runIssueBatch, takeNumber } from "../invoices/service";
import { checkClassSettings, checkRequestLimits, defaultMaxShares } from "./limits";
import { approvedMail, refusedMail } from "./mail";
import { CONSENTS, type Consent } from "./model";
import { redemptionAmount } from "./redemption";
import { positions } from "./register";
import { findClass, findHolder, findRequest, heldAndPending, holderOf, listClasses, registerEntries } from "./repository";

const fail = (errors: FieldError[]): never => {
  throw new AppError("VALIDATION_FAILED", `Invalid value for ${[...new Set(errors.map((e) => e.field))].join(", ")}`, errors);
};
const whoOf = (ctx: ServiceContext) => (ctx.actor.kind === "user" || ctx.actor.kind === "key" ? ctx.actor.userId : null);

// ── Classes ───────────────────────────────────────────────────────────────────────────────────────

export interface ClassInput {
  code: string;
  name: string;
  nominalCents: number;
  minShares?: number;
  maxShares?: number | null;
  requiredForUsers?: boolean;
}

export async function createClass(ctx: ServiceContext, input: ClassInput): Promise<ShareClassRow> {
  const code = input.code.trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9]{0,3}$/.test(code)) fail([{ field: "code", message: "a letter, then up to 3 letters or digits (A, B, A1)" }]);
  const minShares = input.minShares ?? 1;
  const maxShares = input.maxShares ?? (input.nominalCents > 0 ? defaultMaxShares(input.nominalCents) : 0);
  const errors = checkClassSettings({ nominalCents: input.nominalCents, minShares, maxShares });
  if (errors.length) fail(errors);
  const id = newId("scl");
  await runBatch(
    ctx.db,
    [
      ctx.db.insert(shareClasses).values({ id, code, name: input.name.trim(), nominalCents: input.nominalCents, minShares, maxShares, requiredForUsers: input.requiredForUsers ?? false }),
      auditInsert(ctx, { action: "share_class.create", subjectType: "share_class", subjectId: id, detail: { code, nominal_cents: input.nominalCents, min_shares: minShares, max_shares: maxShares } }),
    ],
    `A class ${code} exists already`,
  );
  return (await findClass(ctx.db, { id }))!;
}

/** Name, limits and the users' obligation change; the nominal value does not once shares were requested (the register reads it). */
export async function patchClass(ctx: ServiceContext, id: string, patch: Partial<Omit<ClassInput, "code">>): Promise<ShareClassRow> {
  const row = await findClass(ctx.db, { id });
  if (!row) throw new AppError("NOT_FOUND", `No share class ${id}`);
  const next = {
    name: patch.name?.trim() ?? row.name,
    nominalCents: patch.nominalCents ?? row.nominalCents,
    minShares: patch.minShares ?? row.minShares,
    maxShares: patch.maxShares === null ? defaultMaxShares(patch.nominalCents ?? row.nominalCents) : (patch.maxShares ?? row.maxShares),
    requiredForUsers: patch.requiredForUsers ?? row.requiredForUsers,
  };
  const errors = checkClassSettings(next);
  if (errors.length) fail(errors);
  if (next.nominalCents !== row.nominalCents) {
    const [used] = await ctx.db.select({ n: sql<number>`count(*)` }).from(shareRequests).where(eq(shareRequests.classId, id));
    if ((used?.n ?? 0) > 0) throw new AppError("CONFLICT", "Shares of this class were requested: its nominal value no longer changes", [{ field: "nominal_cents", message: "fixed once shares are requested" }]);
  }
  await ctx.db.batch([
    ctx.db.update(shareClasses).set({ ...next, updatedAt: ctx.now().toISOString() }).where(eq(shareClasses.id, id)),
    auditInsert(ctx, { action: "share_class.update", subjectType: "share_class", subjectId: id, detail: { ...next } }),
  ]);
  return (await findClass(ctx.db, { id }))!;
}

// ── Requests ──────────────────────────────────────────────────────────────────────────────────────

export interface PersonInput {
  name: string;
  street: string;
  postcode: string;
  city: string;
  countryCode: string;
}

export interface ShareRequestInput {
  classCode: string;
  shares: number;
  holder: { orgId: string } | { person: PersonInput };
  consents: Partial<Record<Consent, boolean>>;
}

/** A person's domicile as the register needs it; errors under `prefix` (`holder.person`, `to_person`). */
export function personErrors(p: PersonInput, prefix = "holder.person"): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, field] of [["name", "name"], ["street", "street"], ["postcode", "postcode"], ["city", "city"]] as const) {
    if (!p[key].trim()) errors.push({ field: `${prefix}.${field}`, message: "required for the share register" });
  }
  if (!/^[A-Z]{2}$/.test(p.countryCode.trim().toUpperCase())) errors.push({ field: `${prefix}.country_code`, message: "a two-letter country code (BE)" });
  return errors;
}

export type HolderValues = Omit<ShareholderRow, "id" | "createdAt" | "updatedAt">;
type OrgRow = NonNullable<Awaited<ReturnType<typeof findOrg>>>;

/** An organisation as the register names it (registered office, enterprise number), or the profile's missing fields. */
export function orgHolderValues(org: OrgRow): { ok: true; values: HolderValues } | { ok: false; missing: string[] } {
  const missing = (["street", "postcode", "city", "countryCode"] as const).filter((k) => !org[k]?.trim());
  if (missing.length) return { ok: false, missing };
  return {
    ok: true,
    values: {
      kind: "organisation",
      orgId: org.id,
      userId: null,
      name: org.legalName?.trim() || org.name,
      street: org.street!,
      postcode: org.postcode!,
      city: org.city!,
      countryCode: org.countryCode!,
      enterpriseNumber: enterpriseNumberOf(org.companyNumber) ?? org.companyNumber ?? null,
      email: org.contactEmail ?? null,
      language: isLang(org.language) ? org.language : "fr",
    },
  };
}

/** A person (a user of Chatière) as the register names them: their own words for name and domicile. */
export function personHolderValues(user: { id: string; email: string; language: string | null } | undefined, userId: string, p: PersonInput, fallback: Lang): HolderValues {
  return {
    kind: "person",
    orgId: null,
    userId,
    name: p.name.trim(),
    street: p.street.trim(),
    postcode: p.postcode.trim(),
    city: p.city.trim(),
    countryCode: p.countryCode.trim().toUpperCase(),
    enterpriseNumber: null,
    email: user?.email ?? null,
    language: user && isLang(user.language) ? user.language : fallback,
  };
}

/** The holder's row as the register must name it: from the organisation's profile, or the person's own words. */
async function holderValues(ctx: ServiceContext, holder: ShareRequestInput["holder"]): Promise<HolderValues> {
  const me = actingPrincipal(ctx);
  if ("orgId" in holder) {
    const org = await findOrg(ctx.db, holder.orgId);
    if (!org || org.kind !== "member") fail([{ field: "holder.organisation_id", message: "a member organisation's id" }]);
    if (decide(me, "org.manage", { orgId: holder.orgId }) !== "allow" && decide(me, "shares.manage") !== "allow") throw new AppError("FORBIDDEN", "Only the organisation's owners and admins request shares for it");
    const v = orgHolderValues(org!);
    if (!v.ok) fail([{ field: "holder.organisation_id", message: `the organisation's profile lacks ${v.missing.join(", ")}: the register needs its registered office (complete it at /orgs/${org!.id}/profile)` }]);
    return (v as { values: HolderValues }).values;
  }
  const errors = personErrors(holder.person);
  if (errors.length) fail(errors);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, me.userId)).limit(1);
  return personHolderValues(user, me.userId, holder.person, ctx.lang ?? "fr");
}

export async function requestShares(ctx: ServiceContext, input: ShareRequestInput) {
  const missingConsents = CONSENTS.filter((c) => input.consents[c] !== true);
  if (missingConsents.length) fail(missingConsents.map((c) => ({ field: `consents.${c}`, message: "must be true: the request needs every consent" })));
  const cls = await findClass(ctx.db, { code: input.classCode });
  if (!cls) fail([{ field: "class", message: `no share class ${input.classCode}` }]);
  const values = await holderValues(ctx, input.holder);
  const existing = await holderOf(ctx.db, { orgId: values.orgId ?? undefined, userId: values.userId ?? undefined });
  const holderId = existing?.id ?? newId("shh");
  const { held, pending } = existing ? await heldAndPending(ctx.db, existing.id, cls!.id) : { held: 0, pending: 0 };
  const limitErrors = checkRequestLimits(cls!, { requested: input.shares, held, pending });
  if (limitErrors.length) fail(limitErrors);
  const at = ctx.now().toISOString();
  const id = newId("srq");
  const consents = Object.fromEntries(CONSENTS.map((c) => [c, at])) as Record<Consent, string>;
  await runBatch(
    ctx.db,
    [
      // The holder's details as given today (the register's identity; a later request refreshes them).
      existing ? ctx.db.update(shareholders).set({ ...values, updatedAt: at }).where(eq(shareholders.id, holderId)) : ctx.db.insert(shareholders).values({ id: holderId, ...values }),
      ctx.db.insert(shareRequests).values({ id, holderId, classId: cls!.id, shares: input.shares, nominalCents: cls!.nominalCents, consents, requestedBy: whoOf(ctx), createdAt: at, updatedAt: at }),
      auditInsert(ctx, { action: "share_request.create", subjectType: "share_request", subjectId: id, orgId: values.orgId, detail: { class: cls!.code, shares: input.shares } }),
    ],
    "This holder is being registered by another request at the same time; send it again",
  );
  return (await findRequest(ctx.db, id))!;
}

// ── Decisions ─────────────────────────────────────────────────────────────────────────────────────

async function pendingRequest(ctx: ServiceContext, id: string) {
  const request = await findRequest(ctx.db, id);
  if (!request) throw new AppError("NOT_FOUND", `No share request ${id}`);
  if (request.status !== "pending") throw new AppError("CONFLICT", `This request is already ${request.status}`);
  const holder = (await findHolder(ctx.db, request.holderId))!;
  const cls = (await findClass(ctx.db, { id: request.classId }))!;
  const [requester] = request.requestedBy ? await ctx.db.select({ email: users.email }).from(users).where(eq(users.id, request.requestedBy)).limit(1) : [];
  return { request, holder, cls, to: requester?.email ?? holder.email };
}

/** The holder as the capital call's customer. */
export function holderParty(h: ShareholderRow): Party {
  const enterpriseNumber = enterpriseNumberOf(h.enterpriseNumber ? `BE${h.enterpriseNumber.replace(/^BE/, "")}` : null);
  return {
    legalName: h.name,
    address: { street: h.street, postcode: h.postcode, city: h.city, countryCode: h.countryCode },
    ...(enterpriseNumber ? { enterpriseNumber } : {}),
    ...(h.enterpriseNumber && !enterpriseNumber ? { vatNumber: h.enterpriseNumber } : {}),
    ...(h.email ? { email: h.email } : {}),
  };
}

const decidedOnce = (err: unknown) => (/a request is decided once/.test(String((err as { cause?: unknown }).cause ?? err) + String(err)) ? new AppError("CONFLICT", "This request was decided meanwhile") : err);

/**
 * The board approved: in one batch, the request moves to `approved` (a trigger refuses a second
 * decision, which aborts the batch) and its capital call is inserted, numbered in the `AP<year>`
 * series and issued (lines out of VAT scope, category O), with the audit row and the mail.
 * Persons are billed under the cooperative's own organisation (billing documents need one), with
 * the person as the customer on the document.
 */
export async function approveRequest(ctx: ServiceContext, id: string, decidedOn: string) {
  if (!isCalendarDay(decidedOn)) fail([{ field: "decided_on", message: "a date, YYYY-MM-DD" }]);
  const issueDate = today(ctx.now());
  if (decidedOn > issueDate) fail([{ field: "decided_on", message: "the board's decision is today or earlier" }]);
  const { request, holder, cls, to } = await pendingRequest(ctx, id);
  const { issuer, orgId: coopOrgId } = await currentIssuer(ctx.db);
  const lang: Lang = isLang(holder.language) ? holder.language : "fr";
  const t = translator(lang);
  const customer = holderParty(holder);
  const priced = priceLines([{ description: t("shares.call.line", { class: cls.code, name: cls.name }), quantity: request.shares, unitCode: "C62", unitPriceCents: request.nominalCents, vatCategory: "O", vatRatePercent: 0 }], { issuer, customer }, lang);
  if (!priced.ok) throw new AppError("CONFLICT", "The capital call could not be priced", priced.errors);
  const dueDate = dueDateOf(issueDate, issuer.paymentTermsDays);
  const notes = [...legalNotes({ type: "share_call", lang, issuer, vat: priced.totals.vat }), t("shares.call.decision", { date: decidedOn })];
  const docId = newId("bil");
  const orgId = holder.orgId ?? coopOrgId;
  const who = whoOf(ctx);
  const at = ctx.now().toISOString();
  const draft = { id: docId, type: "share_call" as const, status: "draft" as const, orgId, language: lang, lines: priced.lines, vat: priced.totals.vat, netCents: priced.totals.netCents, vatCents: priced.totals.vatCents, totalCents: priced.totals.totalCents, buyerReference: holder.id, notes, createdBy: who };
  const missing = missingMentions(toBillingDocument({ ...draft, issueDate, dueDate, issuer, customer, status: "open", number: "AP0000-000000" } as never)).filter((f) => f !== "number");
  if (missing.length) throw new AppError("CONFLICT", `A mention the law requires is missing: ${missing.join(", ")}`, missing.map((field) => ({ field, message: "required on a capital call" })));
  const series = seriesOf("share_call", issueDate);
  const mail = to ? mailInsert(ctx.db, { kind: "share_request.approved", to, ...approvedMail(lang, { classCode: cls.code, shares: request.shares, holder: holder.name, decidedOn, totalCents: draft.totalCents, url: ctx.origin ? `${ctx.origin}${holder.orgId ? `/orgs/${holder.orgId}/shares` : "/account/shares"}` : null }) }) : null;
  try {
    await runIssueBatch(ctx.db, [
      ctx.db.insert(billingDocuments).values(draft),
      ...takeNumber(ctx.db, series, issueDate, docId),
      ctx.db
        .update(billingDocuments)
        .set({ status: "open", ...numberingSet("share_call", series, issueDate), issueDate, dueDate, issuer, customer, issuedAt: at, issuedBy: who, updatedAt: at })
        .where(eq(billingDocuments.id, docId)),
      // No status condition: on a request decided meanwhile the trigger aborts the whole batch.
      ctx.db.update(shareRequests).set({ status: "approved", decidedOn, decidedBy: who, decidedAt: at, documentId: docId, updatedAt: at }).where(eq(shareRequests.id, id)),
      auditInsert(ctx, { action: "share_request.approve", subjectType: "share_request", subjectId: id, orgId: holder.orgId, detail: { decided_on: decidedOn, document: docId, total_cents: draft.totalCents } }),
      ...(mail ? [mail.query] : []),
    ]);
  } catch (err) {
    throw decidedOnce(err);
  }
  if (mail) enqueue(ctx, [mail]);
  return { request: (await findRequest(ctx.db, id))!, document: (await findDocument(ctx.db, docId))! };
}

/** The board refused: the request says why; no document, no register entry. */
export async function refuseRequest(ctx: ServiceContext, id: string, reason: string) {
  const why = reason.trim();
  if (!why) fail([{ field: "reason", message: "the reason the requester will read" }]);
  const { holder, cls, request, to } = await pendingRequest(ctx, id);
  const lang: Lang = isLang(holder.language) ? holder.language : "fr";
  const at = ctx.now().toISOString();
  const mail = to ? mailInsert(ctx.db, { kind: "share_request.refused", to, ...refusedMail(lang, { classCode: cls.code, shares: request.shares, holder: holder.name, reason: why, url: null }) }) : null;
  try {
    await ctx.db.batch([
      ctx.db.update(shareRequests).set({ status: "refused", refusalReason: why, decidedBy: whoOf(ctx), decidedAt: at, decidedOn: today(ctx.now()), updatedAt: at }).where(eq(shareRequests.id, id)),
      auditInsert(ctx, { action: "share_request.refuse", subjectType: "share_request", subjectId: id, orgId: holder.orgId, detail: { reason: why } }),
      ...(mail ? [mail.query] : []),
    ]);
  } catch (err) {
    throw decidedOnce(err);
  }
  if (mail) enqueue(ctx, [mail]);
  return (await findRequest(ctx.db, id))!;
}

// ── Redemption ────────────────────────────────────────────────────────────────────────────────────

/** A holder resigns (some or all of its shares of a class): a `redemption` entry, paying back at most what it paid in. */
export async function redeem(ctx: ServiceContext, holderId: string, input: { classCode: string; shares: number; on: string; bookValueCents?: number | null }) {
  const holder = await findHolder(ctx.db, holderId);
  if (!holder) throw new AppError("NOT_FOUND", `No shareholder ${holderId}`);
  if (!isCalendarDay(input.on)) fail([{ field: "on", message: "a date, YYYY-MM-DD" }]);
  if (input.on > today(ctx.now())) fail([{ field: "on", message: "today or earlier" }]);
  const cls = await findClass(ctx.db, { code: input.classCode });
  if (!cls) fail([{ field: "class", message: `no share class ${input.classCode}` }]);
  const classes = await listClasses(ctx.db);
  const entries = await registerEntries(ctx.db, [holderId]);
  const position = positions(entries, classes).find((p) => p.classId === cls!.id) ?? { shares: 0, paidInCents: 0 };
  const r = redemptionAmount({ shares: input.shares, nominalCents: cls!.nominalCents, heldShares: position.shares, paidInCents: position.paidInCents, minShares: cls!.minShares, bookValueCents: input.bookValueCents });
  if (!r.ok) fail(r.errors);
  const id = newId("sre");
  const amountCents = (r as { amountCents: number }).amountCents;
  await ctx.db.batch([
    ctx.db.insert(shareRegister).values({ id, holderId, classId: cls!.id, kind: "redemption", shares: -input.shares, amountCents: -amountCents, on: input.on, createdBy: whoOf(ctx), createdAt: ctx.now().toISOString() }),
    auditInsert(ctx, { action: "share.redeem", subjectType: "shareholder", subjectId: holderId, orgId: holder.orgId, detail: { class: cls!.code, shares: input.shares, amount_cents: amountCents, on: input.on } }),
  ]);
  const [entry] = await registerEntries(ctx.db, [holderId]).then((all) => all.filter((e) => e.id === id));
  return { entry: entry!, amountCents, formatted: formatMoney(amountCents, holder.language as Lang) };
}
