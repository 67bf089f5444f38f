// One's own passkeys: better-auth registers and verifies them; listing and deleting are plain rows.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { passkeys } from "../db/schema";

export function listOwnPasskeys(db: Db, userId: string) {
  return db
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, deviceType: passkeys.deviceType })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(desc(passkeys.createdAt), desc(passkeys.id));
}

/** True when the passkey was the user's and is gone; someone else's id changes nothing. */
export async function deleteOwnPasskey(db: Db, userId: string, id: string): Promise<boolean> {
  const gone = await db.delete(passkeys).where(and(eq(passkeys.id, id), eq(passkeys.userId, userId))).returning({ id: passkeys.id });
  return gone.length > 0;
}
