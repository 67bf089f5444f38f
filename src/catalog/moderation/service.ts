// The steward's queue: pending changes and claims, oldest first, and their decisions. Approving
// applies the payload, records the decision, the audit row, a new offer version where the public
// JSON changes and the notice mail — all in ONE D1 batch.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { isLang } from "../../lib/lang";
import { auditInsert } from "../../accounts/audit";
import { caller } from "../../accounts/guard";
import type { Db } from "../../db/client";
import { offers, organisations, pendingChanges, providerClaims, providers, type OfferRow, type OrganisationRow, type PendingChangeRow } from "../../db/schema";
import type { AppEnv } from "../../env";
import { AppError, notFound } from "../../lib/problem";
import { mailInsert } from "../../mail/outbox";
import { enqueue } from "../../outbox/write";
import { webhookEventInserts } from "../../webhooks/outbound/emit";
import { offerInputFromRow, providerInputFromRow } from "../dto";
import { offerColumns, providerColumns } from "../import.service";
import type { OfferInput, ProviderInput } from "../model";
import { latestSnapshots, versionIfChanged } from "../versions";
import { runBatch } from "../../db/batch";
import { changeById, readPayload } from "../manage/changes";
import { applyFields } from "../manage/classify";
import { orgAdmins, orgById } from "../manage/store";
import { diffFields, fieldChanges, type FieldChange, type FieldDiff } from "./diff";
import { decisionMail, type Decision } from "./mail";
import { type ServiceContext, actingPrincipal, originOf } from "../../lib/context";

export interface QueueChange {
  change: PendingChangeRow;
  orgName: string;
  subjectName: string;
  diff: FieldDiff[];
  /** The same changes with their values as stored, for a readable per-field display. */
  changes: FieldChange[];
  /** The offer's kind of service (proposed, else current): what its features and per-unit price are read against. */
  service: string | null;
}

export async function moderationQueue(db: Db) {
  const [changes, claims] = await db.batch([
    db
      .select({ change: pendingChanges, orgName: organisations.name })
      .from(pendingChanges)
      .innerJoin(organisations, eq(organisations.id, pendingChanges.orgId))
      .where(eq(pendingChanges.status, "pending"))
      .orderBy(asc(pendingChanges.createdAt), asc(pendingChanges.id))
      .limit(200),
    db
      .select({ claim: providerClaims, orgName: organisations.name, providerName: providers.name, contactEmail: providers.contactEmail })
      .from(providerClaims)
      .innerJoin(organisations, eq(organisations.id, providerClaims.orgId))
      .innerJoin(providers, eq(providers.id, providerClaims.providerId))
      .where(eq(providerClaims.status, "pending"))
      .orderBy(asc(providerClaims.createdAt), asc(providerClaims.id))
      .limit(200),
  ]);
  const items: QueueChange[] = [];
  for (const { change, orgName } of changes) {
    const { proposed, fields } = readPayload<Record<string, unknown>>(change.payload);
    const current =
      change.subjectType === "provider"
        ? await db.select().from(providers).where(eq(providers.id, change.subjectId)).get().then((r) => (r ? providerInputFromRow(r) : null))
        : await db.select().from(offers).where(eq(offers.id, change.subjectId)).get().then((r) => (r ? offerInputFromRow(r) : null));
    const name = typeof proposed.name === "string" ? proposed.name : change.subjectId;
    const service = typeof proposed.service === "string" ? proposed.service : current && "service" in current ? current.service : null;
    items.push({ change, orgName, subjectName: name, diff: diffFields(current, proposed, fields, change.kind), changes: fieldChanges(current, proposed, fields, change.kind), service });
  }
  return { changes: items, claims };
}

/** Mail to the organisation's owners and admins, in its language; returns the outbox rows and inserts. */
async function notices(ctx: ServiceContext, org: OrganisationRow, d: Omit<Decision, "url">, path: string) {
  const lang = isLang(org.language) ? org.language : "fr";
  const url = `${originOf(ctx)}${path}`;
  const mails = (await orgAdmins(ctx.db, org.id)).map((a) => mailInsert(ctx.db, { kind: `moderation_${d.approved ? "approved" : "rejected"}`, to: a.email, ...decisionMail(lang, { ...d, url }) }));
  return { rows: mails, queries: mails.map((m) => m.query) };
}

const pathFor = (orgId: string, what: "provider" | "offer" | "claim") => `/orgs/${orgId}/${what === "offer" ? "offers" : "provider"}`;

async function pendingChange(db: Db, id: string) {
  const change = await changeById(db, id);
  if (!change) throw notFound("Change", id);
  if (change.status !== "pending") throw new AppError("CONFLICT", `Change ${id} is ${change.status} already`);
  const org = await orgById(db, change.orgId);
  if (!org) throw notFound("Organisation", change.orgId);
  return { change, org };
}

/** The statements that apply an approved change to its subject; the name the notice uses. */
async function applyChange(
  db: Db,
  change: PendingChangeRow,
  at: string,
): Promise<{ statements: BatchItem<"sqlite">[]; name: string; published?: { offerId: string; version: number; providerId: string; name: string; service: string } }> {
  if (change.subjectType === "provider") {
    const row = await db.select().from(providers).where(eq(providers.id, change.subjectId)).get();
    if (!row) throw notFound("Provider", change.subjectId);
    const { proposed, fields } = readPayload<ProviderInput>(change.payload);
    const before = providerInputFromRow(row);
    const after = change.kind === "create" ? { ...before, ...proposed, is_demo: before.is_demo } : applyFields(before, proposed, fields);
    const visibility = change.kind === "create" ? "public" : row.visibility;
    // The provider's name and country are part of each offer's public JSON.
    const published = await db.select().from(offers).where(and(eq(offers.providerId, row.id), eq(offers.status, "published")));
    const latest = await latestSnapshots(db, published.map((o) => o.id));
    const named = { name: after.name, countryCode: after.country_code };
    return {
      name: after.name,
      statements: [
        db.update(providers).set({ ...providerColumns(after), visibility, updatedAt: at }).where(eq(providers.id, row.id)),
        ...published.flatMap((o) => versionIfChanged(db, o, named, latest.get(o.id), "steward")),
      ],
    };
  }
  const row = await db.select({ offer: offers, provider: providers }).from(offers).innerJoin(providers, eq(providers.id, offers.providerId)).where(eq(offers.id, change.subjectId)).get();
  if (!row) throw notFound("Offer", change.subjectId);
  const { proposed, fields } = readPayload<OfferInput>(change.payload);
  const before = offerInputFromRow(row.offer);
  const after: OfferInput =
    change.kind === "create" ? { ...before, ...proposed, key: before.key, status: "published" } : applyFields(before, proposed, fields);
  const afterRow: OfferRow = { ...row.offer, ...offerColumns(after), updatedAt: at };
  const latest = (await latestSnapshots(db, [row.offer.id])).get(row.offer.id);
  const version = versionIfChanged(db, afterRow, row.provider, latest, "steward");
  return {
    name: after.name,
    statements: [db.update(offers).set({ ...offerColumns(after), updatedAt: at }).where(eq(offers.id, row.offer.id)), ...version],
    // A new public version: the provider organisation's webhook endpoints hear of it (offer.published).
    published: version.length ? { offerId: row.offer.id, version: row.offer.version + 1, providerId: row.offer.providerId, name: after.name, service: after.service } : undefined,
  };
}

export async function approveChange(ctx: ServiceContext, id: string): Promise<void> {
  const db = ctx.db;
  const { change, org } = await pendingChange(db, id);
  const at = new Date().toISOString();
  const { statements, name, published } = await applyChange(db, change, at);
  const mail = await notices(ctx, org, { approved: true, subject: name, what: change.subjectType, reason: null }, pathFor(org.id, change.subjectType));
  const events = published
    ? await webhookEventInserts(db, {
        type: "offer.published",
        orgIds: [org.id],
        subject: { type: "offer", id: published.offerId, version: published.version },
        data: { provider_id: published.providerId, name: published.name, service: published.service, status: "published" },
      })
    : [];
  await runBatch(
    db,
    [
      ...statements,
      ...events.map((e) => e.query),
      db.update(pendingChanges).set({ status: "approved", decidedBy: actingPrincipal(ctx).userId, decidedAt: at, updatedAt: at }).where(eq(pendingChanges.id, id)),
      auditInsert(ctx, { action: "change.approve", subjectType: change.subjectType, subjectId: change.subjectId, orgId: org.id, detail: { change: id, kind: change.kind } }),
      ...mail.queries,
    ],
    "This change was decided meanwhile",
  );
  enqueue(ctx, [...mail.rows, ...events]);
}

export async function rejectChange(ctx: ServiceContext, id: string, reason: string): Promise<void> {
  const db = ctx.db;
  const { change, org } = await pendingChange(db, id);
  const at = new Date().toISOString();
  const name = String(readPayload<{ name?: string }>(change.payload).proposed.name ?? change.subjectId);
  const mail = await notices(ctx, org, { approved: false, subject: name, what: change.subjectType, reason }, pathFor(org.id, change.subjectType));
  await runBatch(
    db,
    [
      db.update(pendingChanges).set({ status: "rejected", reason, decidedBy: actingPrincipal(ctx).userId, decidedAt: at, updatedAt: at }).where(eq(pendingChanges.id, id)),
      auditInsert(ctx, { action: "change.reject", subjectType: change.subjectType, subjectId: change.subjectId, orgId: org.id, detail: { change: id, kind: change.kind, reason } }),
      ...mail.queries,
    ],
    "This change was decided meanwhile",
  );
  enqueue(ctx, mail.rows);
}

async function pendingClaim(db: Db, id: string) {
  const row = await db
    .select({ claim: providerClaims, providerName: providers.name })
    .from(providerClaims)
    .innerJoin(providers, eq(providers.id, providerClaims.providerId))
    .where(eq(providerClaims.id, id))
    .get();
  if (!row) throw notFound("Claim", id);
  if (row.claim.status !== "pending") throw new AppError("CONFLICT", `Claim ${id} is ${row.claim.status} already`);
  const org = await orgById(db, row.claim.orgId);
  if (!org) throw notFound("Organisation", row.claim.orgId);
  return { ...row, org };
}

export async function approveClaim(ctx: ServiceContext, id: string): Promise<void> {
  const db = ctx.db;
  const { claim, providerName, org } = await pendingClaim(db, id);
  const manager = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.providerId, claim.providerId)).get();
  if (manager) throw new AppError("CONFLICT", `Provider ${claim.providerId} is managed by another organisation meanwhile`);
  if (org.providerId) throw new AppError("CONFLICT", `Organisation ${org.id} manages another profile meanwhile`);
  const at = new Date().toISOString();
  const mail = await notices(ctx, org, { approved: true, subject: providerName, what: "claim", reason: null }, pathFor(org.id, "claim"));
  await runBatch(
    db,
    [
      db.update(providerClaims).set({ status: "approved", decidedBy: actingPrincipal(ctx).userId, decidedAt: at, updatedAt: at }).where(eq(providerClaims.id, id)),
      db.update(organisations).set({ providerId: claim.providerId, updatedAt: at }).where(and(eq(organisations.id, org.id), isNull(organisations.providerId))),
      auditInsert(ctx, { action: "claim.approve", subjectType: "provider", subjectId: claim.providerId, orgId: org.id, detail: { claim: id } }),
      ...mail.queries,
    ],
    `Provider ${claim.providerId} is managed by another organisation meanwhile`,
  );
  enqueue(ctx, mail.rows);
}

export async function rejectClaim(ctx: ServiceContext, id: string, reason: string): Promise<void> {
  const db = ctx.db;
  const { claim, providerName, org } = await pendingClaim(db, id);
  const at = new Date().toISOString();
  const mail = await notices(ctx, org, { approved: false, subject: providerName, what: "claim", reason }, pathFor(org.id, "claim"));
  await runBatch(
    db,
    [
      db.update(providerClaims).set({ status: "rejected", reason, decidedBy: actingPrincipal(ctx).userId, decidedAt: at, updatedAt: at }).where(eq(providerClaims.id, id)),
      auditInsert(ctx, { action: "claim.reject", subjectType: "provider", subjectId: claim.providerId, orgId: org.id, detail: { claim: id, reason } }),
      ...mail.queries,
    ],
    "This claim was decided meanwhile",
  );
  enqueue(ctx, mail.rows);
}
