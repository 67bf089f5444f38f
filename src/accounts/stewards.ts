// Who hears what waits for the transition's stewards (health incidents, the moderation queue): every
// steward, with the language to write to them in.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { platformRoles, users } from "../db/schema";
import { isLang, type Lang } from "../lib/lang";

export async function stewardRecipients(db: Db): Promise<{ email: string; lang: Lang }[]> {
  const rows = await db.select({ email: users.email, language: users.language }).from(platformRoles).innerJoin(users, eq(users.id, platformRoles.userId)).where(eq(platformRoles.role, "steward"));
  return rows.map((r) => ({ email: r.email, lang: isLang(r.language) ? r.language : "fr" }));
}
