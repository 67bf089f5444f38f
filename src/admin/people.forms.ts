// The /admin/people forms as zod: who to look for, which role to grant to which address, which
// role to take from whom. Pure; the pages re-render with a message next to a field that fails.
import { z } from "zod";
import { PLATFORM_ROLES } from "../db/schema";

const email = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const searchSchema = z.object({ q: z.string().trim().toLowerCase().min(1).max(254) });
export const grantFormSchema = z.object({ email, role: z.enum(PLATFORM_ROLES) });
export const revokeFormSchema = z.object({ user_id: z.string().min(1).max(64), role: z.enum(PLATFORM_ROLES) });

export type GrantField = "email" | "role";

/** The fields of a failed grant form, in form order. */
export function grantErrors(body: unknown): GrantField[] {
  const parsed = grantFormSchema.safeParse(body);
  if (parsed.success) return [];
  const fields = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  return (["email", "role"] as const).filter((f) => fields.has(f));
}
