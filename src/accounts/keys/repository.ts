// API keys in D1: list an owner's keys, create one (the secret leaves only in the return value),
// revoke one. Every change is written with its audit record in the same batch.
import { and, desc, eq, isNull } from "drizzle-orm";
import { apiKeys, type ApiScope } from "../../db/schema";
import type { AppEnv } from "../../env";
import { newId } from "../../lib/ids";
import { auditInsert } from "../audit";
import type { KeyInput, KeyOwner } from "./model";
import { newKeySecret } from "./secret";
import { type ServiceContext } from "../../lib/context";

export interface KeyRow {
  id: string;
  name: string;
  start: string;
  scopes: ApiScope[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const ownedBy = (owner: KeyOwner) =>
  owner.kind === "org" ? eq(apiKeys.orgId, owner.orgId) : and(eq(apiKeys.userId, owner.userId), isNull(apiKeys.orgId));

const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  start: apiKeys.start,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
};

export async function listKeys(ctx: ServiceContext, owner: KeyOwner): Promise<KeyRow[]> {
  return ctx.db.select(columns).from(apiKeys).where(ownedBy(owner)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Creates the key for `creatorId`; returns the secret, which is never stored nor shown again. */
export async function createKey(ctx: ServiceContext, owner: KeyOwner, creatorId: string, input: KeyInput) {
  const db = ctx.db;
  const { secret, start, hash } = await newKeySecret();
  const id = newId("key");
  const now = new Date().toISOString();
  const orgId = owner.kind === "org" ? owner.orgId : null;
  await db.batch([
    db.insert(apiKeys).values({ id, orgId, userId: creatorId, name: input.name, start, hash, scopes: input.scopes, expiresAt: input.expiresAt, createdAt: now }),
    auditInsert(ctx, { action: "key.create", subjectType: "api_key", subjectId: id, orgId, detail: { name: input.name, start, scopes: input.scopes, expiresAt: input.expiresAt } }),
  ]);
  return { id, secret, start };
}

export type RevokeOutcome = "revoked" | "already" | "missing";

/** Revokes one of the owner's keys; a key of anyone else is "missing" (the page answers 404). */
export async function revokeKey(ctx: ServiceContext, owner: KeyOwner, keyId: string): Promise<RevokeOutcome> {
  const db = ctx.db;
  const key = await db.query.apiKeys.findFirst({ columns: { id: true, name: true, start: true, revokedAt: true, orgId: true }, where: and(eq(apiKeys.id, keyId), ownedBy(owner)) });
  if (!key) return "missing";
  if (key.revokedAt) return "already";
  await db.batch([
    db
      .update(apiKeys)
      .set({ revokedAt: new Date().toISOString() })
      .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt))),
    auditInsert(ctx, { action: "key.revoke", subjectType: "api_key", subjectId: keyId, orgId: key.orgId, detail: { name: key.name, start: key.start } }),
  ]);
  return "revoked";
}
