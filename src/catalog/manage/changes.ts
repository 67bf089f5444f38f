// Pending changes: what a provider submitted and a steward must approve. The payload holds the
// complete proposed input and the fields that approval applies (every field for a creation, the
// material ones for an update). A newer submission on the same subject supersedes older ones.
// A change that starts waiting mails every steward once, in the same batch; an edit folded into, or
// superseding, a change that already waits mails nobody again.
import { and, eq } from "drizzle-orm";
import { caller } from "../../accounts/guard";
import type { Db } from "../../db/client";
import { pendingChanges } from "../../db/schema";
import type { AppEnv } from "../../env";
import { newId } from "../../lib/ids";
import { type ServiceContext, actingPrincipal, originOf } from "../../lib/context";
import { stewardRecipients } from "../../accounts/stewards";
import { mailInsert } from "../../mail/outbox";
import { waitingMail } from "../moderation/mail";
import { orgById } from "./store";

export interface ChangePayload<T = Record<string, unknown>> {
  proposed: T;
  /** Dotted field paths (`software.name`) that approval copies from `proposed`. */
  fields: string[];
}

export function readPayload<T>(payload: Record<string, unknown>): ChangePayload<T> {
  return { proposed: (payload.proposed ?? {}) as T, fields: Array.isArray(payload.fields) ? (payload.fields as string[]) : [] };
}

export interface Submission {
  subjectType: "provider" | "offer";
  subjectId: string;
  orgId: string;
  kind: "create" | "update";
  payload: ChangePayload<unknown>;
}

/** The moderation queue, where the stewards' mail leads. */
export const MODERATION_QUEUE_PATH = "/admin/moderation";

/** One mail per steward saying that the change waits, with a link to the queue; none when it replaces
 *  a change of the same subject that still waits (the stewards were told, and the queue shows the newest). */
async function stewardMails(ctx: ServiceContext, s: Submission, db: Db) {
  const waiting = await db
    .select({ id: pendingChanges.id })
    .from(pendingChanges)
    .where(and(eq(pendingChanges.subjectType, s.subjectType), eq(pendingChanges.subjectId, s.subjectId), eq(pendingChanges.status, "pending")))
    .get();
  if (waiting) return [];
  const [stewards, org] = await Promise.all([stewardRecipients(db), orgById(db, s.orgId)]);
  const proposed = s.payload.proposed as { name?: unknown } | null;
  const name = typeof proposed?.name === "string" ? proposed.name : s.subjectId;
  const url = `${originOf(ctx)}${MODERATION_QUEUE_PATH}`;
  return stewards.map((st) =>
    mailInsert(db, { kind: "moderation_waiting", to: st.email, ...waitingMail(st.lang, { org: org?.name ?? s.orgId, subjectType: s.subjectType, kind: s.kind, name, url }) }),
  );
}

/** The statements that supersede older pending changes of the subject, record this one and mail the
 *  stewards (outbox rows: `enqueue(ctx, mails)` once the batch has run). */
export async function submitStatements(ctx: ServiceContext, s: Submission, db: Db = ctx.db) {
  const who = actingPrincipal(ctx);
  const id = newId("chg");
  const at = new Date().toISOString();
  const mails = await stewardMails(ctx, s, db);
  return {
    id,
    mails,
    statements: [
      db
        .update(pendingChanges)
        .set({ status: "superseded", updatedAt: at })
        .where(and(eq(pendingChanges.subjectType, s.subjectType), eq(pendingChanges.subjectId, s.subjectId), eq(pendingChanges.status, "pending"))),
      db.insert(pendingChanges).values({
        id,
        subjectType: s.subjectType,
        subjectId: s.subjectId,
        orgId: s.orgId,
        kind: s.kind,
        payload: s.payload as unknown as Record<string, unknown>,
        submittedBy: who.userId,
        submittedByKey: who.kind === "key" ? who.keyId : null,
        createdAt: at,
        updatedAt: at,
      }),
      ...mails.map((m) => m.query),
    ] as const,
  };
}

export async function changeById(db: Db, id: string) {
  return db.select().from(pendingChanges).where(eq(pendingChanges.id, id)).get();
}

/** The pending creation of a subject, if any (edits of a never-approved subject replace it). */
export async function pendingCreate(db: Db, subjectType: "provider" | "offer", subjectId: string) {
  return db
    .select()
    .from(pendingChanges)
    .where(and(eq(pendingChanges.subjectType, subjectType), eq(pendingChanges.subjectId, subjectId), eq(pendingChanges.kind, "create"), eq(pendingChanges.status, "pending")))
    .get();
}
