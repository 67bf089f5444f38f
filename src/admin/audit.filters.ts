// The audit log's filters as one zod schema, shared by GET /api/v1/audit and the /admin/audit page.
// Dates are Brussels calendar days, both ends included.
import { z } from "@hono/zod-openapi";
import { isCalendarDay } from "../lib/days";

const day = (what: string) =>
  z
    .string()
    .refine(isCalendarDay, "expected a date as YYYY-MM-DD")
    .optional()
    .openapi({ description: `${what} (a Brussels calendar day, YYYY-MM-DD, included)`, example: "2026-03-01" });

export const AUDIT_PAGE_DEFAULT = 50;

export const auditFiltersSchema = z
  .object({
    action: z
      .string()
      .max(64)
      .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "expected an action such as role.grant")
      .optional()
      .openapi({ description: "Exact action, e.g. `role.grant`, `key.create`", example: "role.grant" }),
    actor: z
      .email("expected an email address")
      .max(254)
      .transform((s) => s.toLowerCase())
      .optional()
      .openapi({ description: "The acting person's email address (exact)", example: "steward@example.org" }),
    subject: z.string().min(1).max(100).optional().openapi({ description: "The subject's id (exact), e.g. a user, key or offer id" }),
    org: z.string().min(1).max(100).optional().openapi({ description: "The organisation's id (exact)" }),
    from: day("First day"),
    to: day("Last day"),
    cursor: z.string().min(1).max(400).optional().openapi({ description: "`next_cursor` from the previous page" }),
    limit: z.coerce.number().int().min(1).max(100).default(AUDIT_PAGE_DEFAULT).openapi({ description: "Entries per page, 1–100" }),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "must not be before `from`" });

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** Form fields left empty mean "no filter": drop them before parsing (the API has no empty fields). */
export function withoutBlanks(query: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v.trim() !== "").map(([k, v]) => [k, v.trim()]));
}
