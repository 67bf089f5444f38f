// Reads of share classes, holders, requests and the register, shaped for the pure code.
import { and, asc, desc, eq, gt, inArray, isNull, lte, notExists, or, sql, sum } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { billingDocuments, subscriptions, shareClasses, shareholders, shareRegister, shareRequests, type RegisterEntryRow, type ShareClassRow, type ShareholderRow, type ShareRequestRow } from "../../db/schema";
import type { Entry } from "./register";

export function listClasses(db: Db): Promise<ShareClassRow[]> {
  return db.select().from(shareClasses).orderBy(asc(shareClasses.code));
}

export async function findClass(db: Db, by: { id?: string; code?: string }): Promise<ShareClassRow | undefined> {
  const [row] = await db.select().from(shareClasses).where(by.id ? eq(shareClasses.id, by.id) : eq(shareClasses.code, (by.code ?? "").toUpperCase())).limit(1);
  return row;
}

export async function findHolder(db: Db, id: string): Promise<ShareholderRow | undefined> {
  const [row] = await db.select().from(shareholders).where(eq(shareholders.id, id)).limit(1);
  return row;
}

export async function holderOf(db: Db, by: { orgId?: string; userId?: string }): Promise<ShareholderRow | undefined> {
  if (!by.orgId && !by.userId) return undefined;
  const [row] = await db.select().from(shareholders).where(by.orgId ? eq(shareholders.orgId, by.orgId) : eq(shareholders.userId, by.userId!)).limit(1);
  return row;
}

/** Whether an organisation holds at least one share today (the register's entries, any class). */
export async function holdsShares(db: Db, orgId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: sum(shareRegister.shares) })
    .from(shareRegister)
    .innerJoin(shareholders, eq(shareholders.id, shareRegister.holderId))
    .where(eq(shareholders.orgId, orgId));
  return Number(row?.n ?? 0) > 0;
}

export async function findRequest(db: Db, id: string): Promise<ShareRequestRow | undefined> {
  const [row] = await db.select().from(shareRequests).where(eq(shareRequests.id, id)).limit(1);
  return row;
}

/** Shares a holder holds of a class (the register), and requests still on their way (pending, or approved and not yet in the register). */
export async function heldAndPending(db: Db, holderId: string, classId: string): Promise<{ held: number; pending: number }> {
  const [held] = await db.select({ n: sum(shareRegister.shares) }).from(shareRegister).where(and(eq(shareRegister.holderId, holderId), eq(shareRegister.classId, classId)));
  const [pending] = await db
    .select({ n: sum(shareRequests.shares) })
    .from(shareRequests)
    .where(
      and(
        eq(shareRequests.holderId, holderId),
        eq(shareRequests.classId, classId),
        or(
          eq(shareRequests.status, "pending"),
          and(eq(shareRequests.status, "approved"), notExists(db.select({ one: sql`1` }).from(shareRegister).where(and(eq(shareRegister.requestId, shareRequests.id), eq(shareRegister.kind, "subscription"))))),
        ),
      ),
    );
  return { held: Number(held?.n ?? 0), pending: Number(pending?.n ?? 0) };
}

export interface RequestView {
  request: ShareRequestRow;
  holder: ShareholderRow;
  cls: ShareClassRow;
  call: { number: string | null; status: string; totalCents: number; paidCents: number } | null;
}

/** Requests with their holder, class and capital call; newest first. */
export async function listRequests(db: Db, f: { status?: ShareRequestRow["status"]; holderId?: string; limit?: number } = {}): Promise<RequestView[]> {
  const rows = await db
    .select({ request: shareRequests, holder: shareholders, cls: shareClasses, number: billingDocuments.number, status: billingDocuments.status, totalCents: billingDocuments.totalCents, paidCents: billingDocuments.paidCents })
    .from(shareRequests)
    .innerJoin(shareholders, eq(shareholders.id, shareRequests.holderId))
    .innerJoin(shareClasses, eq(shareClasses.id, shareRequests.classId))
    .leftJoin(billingDocuments, eq(billingDocuments.id, shareRequests.documentId))
    .where(and(f.status ? eq(shareRequests.status, f.status) : undefined, f.holderId ? eq(shareRequests.holderId, f.holderId) : undefined))
    .orderBy(desc(shareRequests.createdAt), desc(shareRequests.id))
    .limit(f.limit ?? 200);
  return rows.map((r) => ({ request: r.request, holder: r.holder, cls: r.cls, call: r.status ? { number: r.number, status: r.status, totalCents: r.totalCents ?? 0, paidCents: r.paidCents ?? 0 } : null }));
}

/** Approved requests whose capital call is not yet paid in full. */
export async function unpaidCalls(db: Db): Promise<RequestView[]> {
  const approved = await listRequests(db, { status: "approved", limit: 500 });
  return approved.filter((r) => r.call && ["open", "partially_paid"].includes(r.call.status));
}

/** An entry with the names the register shows: its holder, its class, and a transfer's other holder. */
export type EntryView = RegisterEntryRow & Entry & { holderName: string; classCode: string; counterpartName: string | null };

const counterparts = alias(shareholders, "counterpart");

/** Register entries (every holder, or one), with the holder's name, the class code and a transfer's counterpart. */
export async function registerEntries(db: Db, holderIds?: string[]): Promise<EntryView[]> {
  const rows = await db
    .select({ e: shareRegister, holderName: shareholders.name, classCode: shareClasses.code, counterpartName: counterparts.name })
    .from(shareRegister)
    .innerJoin(shareholders, eq(shareholders.id, shareRegister.holderId))
    .innerJoin(shareClasses, eq(shareClasses.id, shareRegister.classId))
    .leftJoin(counterparts, eq(counterparts.id, shareRegister.counterpartId))
    .where(holderIds ? inArray(shareRegister.holderId, holderIds) : undefined)
    .orderBy(asc(shareRegister.on), asc(shareRegister.createdAt), asc(shareRegister.id));
  return rows.map((r) => ({ ...r.e, holderName: r.holderName, classCode: r.classCode, counterpartName: r.counterpartName ?? null }));
}

/** Whether an organisation uses the cooperative's services on `day`: a subscription started and not ended. */
export async function usesServices(db: Db, orgId: string, day: string): Promise<boolean> {
  const [row] = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.orgId, orgId), lte(subscriptions.startedOn, day), or(isNull(subscriptions.endsOn), gt(subscriptions.endsOn, day))))
    .limit(1);
  return !!row;
}

export function listHolders(db: Db): Promise<ShareholderRow[]> {
  return db.select().from(shareholders).orderBy(asc(shareholders.name));
}
