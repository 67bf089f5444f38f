// Steward pages: the dashboard, people and platform roles, the audit log. Owner: admin
// Moderation (/admin/moderation) and organisations (/admin/organisations) have their own routers:
// middleware here is registered on these paths only, never on /admin/*.
import { Hono, type Context } from "hono";
import { pageProps } from "../../web/components/page-props";
import { AuditPage, type AuditField } from "../../web/pages/admin/audit";
import { DashboardPage, type DashboardLink } from "../../web/pages/admin/dashboard";
import { PeoplePage, type PeopleNotice } from "../../web/pages/admin/people";
import { sameOriginForms } from "../accounts/csrf";
import { allow, caller } from "../accounts/guard";
import { decide, type Action } from "../accounts/policy";
import type { AppEnv } from "../env";
import { AppError, PageError } from "../lib/problem";
import { formText } from "../lib/form";
import { auditFiltersSchema, withoutBlanks } from "./audit.filters";
import { listAudit } from "./audit.repository";
import { grantErrors, grantFormSchema, revokeFormSchema, searchSchema } from "./people.forms";
import { findPeople, grantRole, revokeRole } from "./people.repository";
import { PLATFORM_ROLES, type PlatformRole } from "../db/schema";

export const adminPages = new Hono<AppEnv>();

/** Each tool of the dashboard and the action that opens it: the dashboard lists only those the person may use. */
const TOOLS: { href: string; action: Action; key: DashboardLink["key"] }[] = [
  { href: "/admin/people", action: "roles.grant", key: "people" },
  { href: "/admin/audit", action: "audit.read", key: "audit" },
  { href: "/admin/keys", action: "catalog.import", key: "keys" },
  { href: "/admin/moderation", action: "moderation.review", key: "moderation" },
  { href: "/admin/organisations", action: "orgs.list", key: "organisations" },
  { href: "/admin/outbox", action: "outbox.manage", key: "outbox" },
  { href: "/admin/health", action: "health.read", key: "health" },
  { href: "/admin/webhooks/received", action: "outbox.manage", key: "webhooks" },
];

// Access: stewards and coop_admins (orgs.list is the action both hold), signed in.
adminPages.get("/admin", allow("orgs.list"), (c) => {
  const who = caller(c);
  const links = TOOLS.filter((tool) => decide(who, tool.action) === "allow").map(({ href, key }) => ({ href, key }));
  return c.html(<DashboardPage {...pageProps(c)} links={links} roles={who.roles} />);
});

// Access: stewards (roles.grant), signed in; POSTs same-origin only.
adminPages.use("/admin/people/*", sameOriginForms, allow("roles.grant"));

async function peoplePage(c: Context<AppEnv>, extra: Partial<Parameters<typeof PeoplePage>[0]> = {}, status: 200 | 400 = 200) {
  const search = searchSchema.safeParse({ q: c.req.query("q") ?? "" });
  const q = search.success ? search.data.q : undefined;
  const people = q ? await findPeople(c.var.ctx, q) : undefined;
  const done = c.req.query("done");
  const role = c.req.query("role");
  const notice: PeopleNotice | undefined =
    q && (done === "granted" || done === "already" || done === "revoked") && (PLATFORM_ROLES as readonly string[]).includes(role ?? "")
      ? { kind: done, email: q, role: role as PlatformRole }
      : undefined;
  return c.html(<PeoplePage {...pageProps(c)} q={q} people={people} notice={notice} selfId={caller(c).userId} {...extra} />, status);
}

adminPages.get("/admin/people", (c) => peoplePage(c));

adminPages.post("/admin/people/grant", async (c) => {
  const body = await c.req.parseBody();
  const parsed = grantFormSchema.safeParse(body);
  if (!parsed.success) {
    const grant = { email: formText(body.email, 254), role: formText(body.role, 20) };
    return peoplePage(c, { grant, grantErrors: grantErrors(body) }, 400);
  }
  const { email, role } = parsed.data;
  const { outcome } = await grantRole(c.var.ctx, email, role, caller(c).userId);
  return c.redirect(`/admin/people?q=${encodeURIComponent(email)}&done=${outcome}&role=${role}`, 303);
});

adminPages.post("/admin/people/revoke", async (c) => {
  const parsed = revokeFormSchema.safeParse(await c.req.parseBody());
  if (!parsed.success) throw new PageError("VALIDATION_FAILED", "Invalid revoke form", "people.revoke_invalid");
  const { user_id, role } = parsed.data;
  const { outcome, email } = await revokeRole(c.var.ctx, user_id, role);
  if (outcome === "missing") throw new PageError("NOT_FOUND", `User ${user_id} does not hold ${role}`, "people.not_found");
  if (outcome === "last_steward") throw new PageError("CONFLICT", "The last steward keeps the role", "people.last_steward");
  return c.redirect(`/admin/people?q=${encodeURIComponent(email ?? "")}&done=revoked&role=${role}`, 303);
});

// Access: stewards (audit.read), signed in. The same filters as GET /api/v1/audit.
adminPages.use("/admin/audit/*", allow("audit.read"));

adminPages.get("/admin/audit", async (c) => {
  const raw = withoutBlanks(c.req.query());
  const parsed = auditFiltersSchema.safeParse(raw);
  const props = pageProps(c);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))] as AuditField[];
    return c.html(<AuditPage {...props} values={raw} errors={fields} />, 400);
  }
  try {
    const page = await listAudit(c.var.db, parsed.data);
    return c.html(<AuditPage {...props} values={raw} items={page.items} nextCursor={page.next_cursor} />);
  } catch (err) {
    // A cursor this list never gave out: say so next to the list instead of an error page.
    if (err instanceof AppError && err.code === "VALIDATION_FAILED") return c.html(<AuditPage {...props} values={raw} errors={["cursor"]} />, 400);
    throw err;
  }
});
