// Provider profiles by their organisation: create one (pending until a steward approves it), claim
// an imported one (at once when the claimant proves the contact domain, else a steward decides),
// and edit it (material fields wait for a steward; the rest applies at once).
import { and, eq, isNull } from "drizzle-orm";
import { auditInsert } from "../../accounts/audit";
import { caller } from "../../accounts/guard";
import { organisations, pendingChanges, providerClaims, providers, type OrganisationRow, type ProviderRow } from "../../db/schema";
import type { AppEnv } from "../../env";
import { newId } from "../../lib/ids";
import { AppError, notFound } from "../../lib/problem";
import { providerInputFromRow } from "../dto";
import { providerKey } from "../formats/values";
import { providerColumns } from "../import.service";
import type { ProviderInput } from "../model";
import { runBatch } from "../../db/batch";
import { enqueue } from "../../outbox/write";
import { pendingCreate, submitStatements } from "./changes";
import { applyFields, classifyProviderChange, PROVIDER_FIELDS } from "./classify";
import { managerOf, providerById } from "./store";
import { provesDomain } from "./webmail";
import { type ServiceContext, actingPrincipal } from "../../lib/context";

const now = () => new Date().toISOString();

export async function createProfile(ctx: ServiceContext, org: OrganisationRow, input: ProviderInput): Promise<string> {
  if (org.providerId) throw new AppError("CONFLICT", "This organisation already manages a provider profile");
  const db = ctx.db;
  const key = providerKey(input.website, input.name);
  const clash = await db.select({ id: providers.id }).from(providers).where(eq(providers.externalKey, key)).get();
  if (clash) throw new AppError("CONFLICT", `A provider with the key ${key} exists already; claim it instead`, [{ field: input.website ? "website" : "name", message: "already in the catalogue" }]);
  const id = newId("prv");
  const at = now();
  const change = await submitStatements(ctx, { subjectType: "provider", subjectId: id, orgId: org.id, kind: "create", payload: { proposed: { ...input, is_demo: false }, fields: [...PROVIDER_FIELDS] } });
  await runBatch(
    db,
    [
      db.insert(providers).values({ id, externalKey: key, ...providerColumns({ ...input, is_demo: false }), visibility: "pending", sourceFormat: "manual", createdAt: at, updatedAt: at }),
      db.update(organisations).set({ providerId: id, updatedAt: at }).where(and(eq(organisations.id, org.id), isNull(organisations.providerId))),
      ...change.statements,
      auditInsert(ctx, { action: "provider.create", subjectType: "provider", subjectId: id, orgId: org.id, detail: { key, change: change.id } }),
    ],
    "This profile or organisation changed meanwhile",
  );
  enqueue(ctx, change.mails);
  return id;
}

export type ClaimOutcome = "approved" | "pending";

export async function claimProfile(ctx: ServiceContext, org: OrganisationRow, providerId: string, message: string): Promise<ClaimOutcome> {
  if (org.providerId) throw new AppError("CONFLICT", "This organisation already manages a provider profile");
  const db = ctx.db;
  const provider = await providerById(db, providerId);
  if (!provider || provider.visibility !== "public") throw notFound("Provider", providerId);
  if (await managerOf(db, providerId)) throw new AppError("CONFLICT", `Provider ${providerId} is already managed by an organisation`);
  const open = await db
    .select({ id: providerClaims.id })
    .from(providerClaims)
    .where(and(eq(providerClaims.orgId, org.id), eq(providerClaims.providerId, providerId), eq(providerClaims.status, "pending")))
    .get();
  if (open) throw new AppError("CONFLICT", "This organisation already asked to manage this profile");
  const who = actingPrincipal(ctx);
  const byDomain = who.kind === "user" && provesDomain(who, provider.contactEmail);
  const id = newId("clm");
  const at = now();
  await runBatch(
    db,
    [
      db.insert(providerClaims).values({
        id,
        orgId: org.id,
        providerId,
        method: byDomain ? "domain" : "steward",
        status: byDomain ? "approved" : "pending",
        requestedBy: who.userId,
        message: message.slice(0, 2000),
        decidedBy: byDomain ? "domain" : null,
        decidedAt: byDomain ? at : null,
        createdAt: at,
        updatedAt: at,
      }),
      ...(byDomain ? [db.update(organisations).set({ providerId, updatedAt: at }).where(and(eq(organisations.id, org.id), isNull(organisations.providerId)))] : []),
      auditInsert(ctx, { action: byDomain ? "provider.claim" : "provider.claim_request", subjectType: "provider", subjectId: providerId, orgId: org.id, detail: { claim: id, method: byDomain ? "domain" : "steward" } }),
    ],
    "This profile is already managed by an organisation",
  );
  return byDomain ? "approved" : "pending";
}

export interface EditOutcome {
  applied: string[];
  pending: string[];
  changeId: string | null;
}

export async function editProfile(ctx: ServiceContext, org: OrganisationRow, current: ProviderRow, proposed: ProviderInput): Promise<EditOutcome> {
  const db = ctx.db;
  const before = providerInputFromRow(current);
  const next = { ...proposed, is_demo: before.is_demo };
  const at = now();
  if (current.visibility === "pending") {
    // Never approved: nothing is public yet, so the row and the creation waiting for a steward both take the edit.
    const { material, immediate } = classifyProviderChange(before, next);
    const open = await pendingCreate(db, "provider", current.id);
    const payload = { proposed: next, fields: [...PROVIDER_FIELDS] };
    const change = open ? null : await submitStatements(ctx, { subjectType: "provider", subjectId: current.id, orgId: org.id, kind: "create", payload });
    await runBatch(
      db,
      [
        db.update(providers).set({ ...providerColumns(next), updatedAt: at }).where(eq(providers.id, current.id)),
        ...(open ? [db.update(pendingChanges).set({ payload: payload as unknown as Record<string, unknown>, updatedAt: at }).where(eq(pendingChanges.id, open.id))] : change!.statements.slice(1)),
        auditInsert(ctx, { action: "provider.update", subjectType: "provider", subjectId: current.id, orgId: org.id, detail: { fields: [...material, ...immediate], pending_create: true } }),
      ],
      "This profile changed meanwhile",
    );
    enqueue(ctx, change?.mails ?? []);
    return { applied: [], pending: [...material, ...immediate], changeId: open?.id ?? change!.id };
  }
  const { material, immediate } = classifyProviderChange(before, next);
  if (!material.length && !immediate.length) return { applied: [], pending: [], changeId: null };
  const applied = applyFields(before, next, immediate);
  const change = material.length ? await submitStatements(ctx, { subjectType: "provider", subjectId: current.id, orgId: org.id, kind: "update", payload: { proposed: next, fields: material } }) : null;
  await runBatch(
    db,
    [
      ...(immediate.length ? [db.update(providers).set({ ...providerColumns(applied), updatedAt: at }).where(eq(providers.id, current.id))] : []),
      ...(change?.statements ?? []),
      auditInsert(ctx, { action: "provider.update", subjectType: "provider", subjectId: current.id, orgId: org.id, detail: { applied: immediate, pending: material, change: change?.id ?? null } }),
    ],
    "This profile changed meanwhile",
  );
  enqueue(ctx, change?.mails ?? []);
  return { applied: immediate, pending: material, changeId: change?.id ?? null };
}
