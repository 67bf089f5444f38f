// A provider's offers by its organisation (pages) or its API key: a new offer waits for a steward;
// an edit applies its non-material fields at once (a new version when the public JSON changes) and
// submits the material ones; archiving is immediate, un-archiving is moderated.
import { eq } from "drizzle-orm";
import { auditInsert } from "../../accounts/audit";
import { offers, pendingChanges, type OfferRow, type ProviderRow } from "../../db/schema";
import type { AppEnv } from "../../env";
import { newId } from "../../lib/ids";
import { AppError } from "../../lib/problem";
import { offerInputFromRow } from "../dto";
import { slugify, uniqueKeys } from "../formats/values";
import { offerColumns } from "../import.service";
import type { OfferInput } from "../model";
import { latestSnapshots, versionIfChanged } from "../versions";
import { runBatch } from "../../db/batch";
import { webhookEventInserts } from "../../webhooks/outbound/emit";
import { enqueue } from "../../outbox/write";
import { pendingCreate, submitStatements } from "./changes";
import { applyFields, classifyOfferChange, OFFER_FIELDS } from "./classify";
import { type ServiceContext } from "../../lib/context";

const now = () => new Date().toISOString();

/** What a provider proposes for an offer: everything but its identity and status. */
export type OfferProposal = Omit<OfferInput, "key" | "status">;

export interface OfferOutcome {
  offerId: string;
  /** `applied`: nothing waits; `pending`: a steward must approve `changeId`. */
  state: "applied" | "pending";
  changeId: string | null;
  applied: string[];
  pending: string[];
}

export async function createOffer(ctx: ServiceContext, orgId: string, provider: ProviderRow, proposal: OfferProposal, key?: string): Promise<OfferOutcome> {
  const db = ctx.db;
  const taken = await db.select({ key: offers.externalKey }).from(offers).where(eq(offers.providerId, provider.id));
  const used = new Set(taken.map((t) => t.key));
  if (key && used.has(key)) throw new AppError("CONFLICT", `This provider already has an offer with the key ${key}`, [{ field: "key", message: "already used" }]);
  // Like the importers: the slug of its name, made unique within the provider (mail, mail-2…).
  const finalKey = key ?? uniqueKeys([...used, slugify(proposal.name)], "offer").at(-1)!;
  const id = newId("off");
  const at = now();
  const input: OfferInput = { ...proposal, key: finalKey, status: "published" };
  const change = await submitStatements(ctx, { subjectType: "offer", subjectId: id, orgId, kind: "create", payload: { proposed: input, fields: [...OFFER_FIELDS] } });
  await runBatch(
    db,
    [
      db.insert(offers).values({ id, providerId: provider.id, externalKey: finalKey, ...offerColumns(input), status: "pending", createdAt: at, updatedAt: at }),
      ...change.statements,
      auditInsert(ctx, { action: "offer.create", subjectType: "offer", subjectId: id, orgId, detail: { provider: provider.id, key: finalKey, change: change.id } }),
    ],
    `This provider already has an offer with the key ${finalKey}`,
  );
  enqueue(ctx, change.mails);
  return { offerId: id, state: "pending", changeId: change.id, applied: [], pending: [...OFFER_FIELDS] };
}

export async function editOffer(ctx: ServiceContext, orgId: string, provider: ProviderRow, offer: OfferRow, proposal: OfferProposal): Promise<OfferOutcome> {
  const db = ctx.db;
  const before = offerInputFromRow(offer);
  const next: OfferInput = { ...proposal, key: before.key, status: before.status };
  const { material, immediate } = classifyOfferChange(before, next);
  const at = now();
  if (offer.status === "pending") {
    // Never approved: the row and the creation waiting for a steward both take the whole edit.
    const open = await pendingCreate(db, "offer", offer.id);
    const payload = { proposed: { ...next, status: "published" }, fields: [...OFFER_FIELDS] };
    const change = open ? null : await submitStatements(ctx, { subjectType: "offer", subjectId: offer.id, orgId, kind: "create", payload });
    await runBatch(
      db,
      [
        db.update(offers).set({ ...offerColumns(next), status: "pending", updatedAt: at }).where(eq(offers.id, offer.id)),
        ...(open ? [db.update(pendingChanges).set({ payload: payload as unknown as Record<string, unknown>, updatedAt: at }).where(eq(pendingChanges.id, open.id))] : change!.statements),
        auditInsert(ctx, { action: "offer.update", subjectType: "offer", subjectId: offer.id, orgId, detail: { fields: [...material, ...immediate], pending_create: true } }),
      ],
      "This offer changed meanwhile",
    );
    enqueue(ctx, change?.mails ?? []);
    return { offerId: offer.id, state: "pending", changeId: open?.id ?? change!.id, applied: [], pending: [...material, ...immediate] };
  }
  if (!material.length && !immediate.length) return { offerId: offer.id, state: "applied", changeId: null, applied: [], pending: [] };
  const applied = applyFields(before, next, immediate);
  const after: OfferRow = { ...offer, ...offerColumns(applied), updatedAt: at };
  const latest = immediate.length ? (await latestSnapshots(db, [offer.id])).get(offer.id) : undefined;
  const change = material.length ? await submitStatements(ctx, { subjectType: "offer", subjectId: offer.id, orgId, kind: "update", payload: { proposed: next, fields: material } }) : null;
  await runBatch(
    db,
    [
      ...(immediate.length ? [db.update(offers).set({ ...offerColumns(applied), updatedAt: at }).where(eq(offers.id, offer.id)), ...versionIfChanged(db, after, provider, latest, "provider")] : []),
      ...(change?.statements ?? []),
      auditInsert(ctx, { action: "offer.update", subjectType: "offer", subjectId: offer.id, orgId, detail: { applied: immediate, pending: material, change: change?.id ?? null } }),
    ],
    "This offer changed meanwhile",
  );
  enqueue(ctx, change?.mails ?? []);
  return { offerId: offer.id, state: change ? "pending" : "applied", changeId: change?.id ?? null, applied: immediate, pending: material };
}

export async function archiveOffer(ctx: ServiceContext, orgId: string, offer: OfferRow): Promise<void> {
  if (offer.status === "archived") throw new AppError("CONFLICT", `Offer ${offer.id} is archived already`);
  const db = ctx.db;
  const at = now();
  // The provider organisation's endpoints hear of it, in the same batch.
  const events = await webhookEventInserts(db, {
    type: "offer.archived",
    orgIds: [orgId],
    subject: { type: "offer", id: offer.id, version: offer.version },
    data: { provider_id: offer.providerId, name: offer.name, service: offer.service, status: "archived" },
  });
  await runBatch(
    db,
    [
      db.update(offers).set({ status: "archived", updatedAt: at }).where(eq(offers.id, offer.id)),
      ...events.map((e) => e.query),
      // What waited for a steward about this offer is moot once it is withdrawn.
      db.update(pendingChanges).set({ status: "superseded", updatedAt: at }).where(eq(pendingChanges.subjectId, offer.id)),
      auditInsert(ctx, { action: "offer.archive", subjectType: "offer", subjectId: offer.id, orgId, detail: { was: offer.status } }),
    ],
    "This offer changed meanwhile",
  );
  enqueue(ctx, events);
}

export async function unarchiveOffer(ctx: ServiceContext, orgId: string, offer: OfferRow): Promise<OfferOutcome> {
  if (offer.status !== "archived") throw new AppError("CONFLICT", `Offer ${offer.id} is not archived`);
  const input = { ...offerInputFromRow(offer), status: "published" as const };
  // An offer that was never approved comes back as a new offer; otherwise only its status changes.
  const kind = offer.version === 0 ? "create" : "update";
  const change = await submitStatements(ctx, { subjectType: "offer", subjectId: offer.id, orgId, kind, payload: { proposed: input, fields: kind === "create" ? [...OFFER_FIELDS, "status"] : ["status"] } });
  await runBatch(
    ctx.db,
    [...change.statements, auditInsert(ctx, { action: "offer.unarchive_request", subjectType: "offer", subjectId: offer.id, orgId, detail: { change: change.id } })],
    "This offer changed meanwhile",
  );
  enqueue(ctx, change.mails);
  return { offerId: offer.id, state: "pending", changeId: change.id, applied: [], pending: ["status"] };
}
