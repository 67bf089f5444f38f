// Reads about people that better-auth does not offer.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";

export async function findUserLanguage(db: Db, email: string): Promise<string | undefined> {
  const row = await db.query.users.findFirst({ columns: { language: true }, where: eq(users.email, email.toLowerCase()) });
  return row?.language;
}
