// /api/v1/me/*: what a signed-in person takes away. Owner: orgs
import { createRoute, z } from "@hono/zod-openapi";
import { access, createRouter, problems } from "../../lib/openapi";
import { today } from "../../lib/days";
import { AppError } from "../../lib/problem";
import { auditInsert } from "../audit";
import { allow, caller } from "../guard";
import { membership } from "../policy";
import { buildExport } from "./export.service";

const rows = z.array(z.record(z.string(), z.unknown()));

const exportSchema = z
  .object({
    exported_at: z.string().openapi({ format: "date-time" }),
    person: z.object({ id: z.string(), email: z.string(), language: z.string(), created_at: z.string() }).nullable(),
    sessions: rows,
    passkeys: rows,
    platform_roles: rows,
    organisations: z.array(
      z
        .object({
          my_role: z.enum(["owner", "admin", "member"]),
          member_since: z.string(),
          profile: z.record(z.string(), z.unknown()),
          members: rows,
          invitations: rows,
          api_keys: rows,
          audit: rows,
          provider: z.record(z.string(), z.unknown()).nullable().optional(),
          offers: rows.optional(),
          pending_changes: rows.optional(),
          provider_claims: rows.optional(),
          inventory: rows.optional().openapi({ description: "Member organisations: every service of the transition's inventory, gone ones with their gone_at" }),
        })
        .openapi("ExportOrganisation"),
    ),
  })
  .openapi("PersonalExport");

const exportRoute = createRoute({
  method: "get",
  path: "/me/export",
  tags: ["Account"],
  summary: "Download all my data and my organisations' data as JSON",
  description:
    "Access: signed-in person (session cookie), for their own data only; API keys are refused (403): this is a person's export. " +
    "Holds the person, their sessions and passkeys (no tokens, no key material), platform roles, and every organisation they belong to " +
    "with profile, members, invitations (no token hashes), API key metadata (no hashes), audit entries, and for providers the profile, " +
    "offers in any status, pending changes and claims; for member organisations their transition inventory (gone services included). `organisation` narrows it to one organisation the person belongs to (else 403).",
  security: access.session,
  // account.use is never granted to a key (policy.ts): a key gets 403 here.
  middleware: [allow("account.use")],
  request: { query: z.object({ organisation: z.string().regex(/^org_[0-9a-z]{1,40}$/, "an organisation id, org_…").optional() }) },
  responses: {
    200: {
      description: "The export, as an attachment `chatiere-export-YYYY-MM-DD.json` (the day in Brussels)",
      headers: { "Content-Disposition": { schema: { type: "string" }, description: 'attachment; filename="chatiere-export-YYYY-MM-DD.json"' } },
      content: { "application/json": { schema: exportSchema } },
    },
    400: problems[400],
    401: problems[401],
    403: problems[403],
  },
});

export const meApi = createRouter().openapi(exportRoute, async (c) => {
  const who = caller(c);
  const orgId = c.req.valid("query").organisation;
  if (orgId && !membership(who, orgId)) throw new AppError("FORBIDDEN", `You are not a member of ${orgId}`);
  const now = new Date();
  const data = await buildExport(c.var.db, { userId: who.userId, orgId, now });
  await auditInsert(c.var.ctx, { action: "export.download", subjectType: "user", subjectId: who.userId, orgId: orgId ?? null, detail: { organisations: (data.organisations as unknown[]).length } });
  c.header("Content-Disposition", `attachment; filename="chatiere-export-${today(now)}.json"`);
  c.header("Cache-Control", "no-store");
  return c.json(data as z.infer<typeof exportSchema>, 200);
});
