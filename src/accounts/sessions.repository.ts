// One's own sessions: listed and revoked by id, always within the signed-in user's rows.
import { and, desc, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { sessions } from "../db/schema";

export interface SessionSummary {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

export function listOwnSessions(db: Db, userId: string, now = new Date()): Promise<SessionSummary[]> {
  return db
    .select({ id: sessions.id, createdAt: sessions.createdAt, updatedAt: sessions.updatedAt, ipAddress: sessions.ipAddress, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.updatedAt), desc(sessions.id));
}

/** True when the session existed and was the user's; someone else's id changes nothing. */
export async function revokeOwnSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const gone = await db.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId))).returning({ id: sessions.id });
  return gone.length > 0;
}
