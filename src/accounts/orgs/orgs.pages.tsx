// Organisation pages: one's organisations and creating one, an organisation's space (members,
// roles, invitations), its member-space profile, invitation links, and the list of all
// organisations for stewards and the cooperative's administrators. Owner: orgs
// Every POST is same-origin only (sameOriginForms) and answers 303 → GET with a notice.
import { Hono, type Context } from "hono";
import { z } from "zod";
import { AdminOrganisationsPage } from "../../../web/pages/orgs/admin-list";
import { InvitationPage } from "../../../web/pages/orgs/invitation";
import { MyOrganisationsPage, type CreateOrgError } from "../../../web/pages/orgs/organisations";
import { OrgOverviewPage, type InviteError } from "../../../web/pages/orgs/overview";
import { OrgProfilePage, valuesOf } from "../../../web/pages/orgs/profile";
import { PageError } from "../../lib/problem";
import { pageProps } from "../../../web/components/page-props";
import { LANGS } from "../../../web/i18n";
import { ORG_ROLES } from "../../db/schema";
import type { AppEnv } from "../../env";
import { flashes } from "../../lib/flash";
import { formText } from "../../lib/form";
import { sameOriginForms } from "../csrf";
import { allow, caller, orgParam } from "../guard";
import { decide, hasRole, membership, type OrgKind, type Principal } from "../policy";
import { principal } from "../principal";
import { validateProfile } from "./profile";
import { findOrg, listOrganisations, orgMembers, orgsOf, pendingInvitations } from "./repository";
import { acceptInvitation, changeRole, createOrganisation, invite, leave, openInvitation, refuseUnlessPending, removeMember, revokeInvitation, updateProfile } from "./service";
import { maskEmail } from "./tokens";

export const orgPages = new Hono<AppEnv>();

orgPages.use("/account/organisations", sameOriginForms);
orgPages.use("/orgs/*", sameOriginForms);
orgPages.use("/invitations/*", sameOriginForms);

type C = Context<AppEnv>;

/** Flash notices a redirect may ask for; anything else in `?notice=` is ignored. */
const flash = flashes("orgs.notice", ["created", "role_changed", "removed", "left", "invited", "revoked", "joined", "saved"]);
const noticeOf = (c: C) => flash.read(c);
const orgPath = (orgId: string, notice?: Parameters<typeof flash.to>[1]) => flash.to(`/orgs/${encodeURIComponent(orgId)}`, notice);

const ALL_KINDS: OrgKind[] = ["member", "provider", "cooperative"];
/** Anyone creates members' and providers' organisations; the cooperative is set up by its administrators or a steward. */
const creatableKinds = (p: Principal): OrgKind[] => (hasRole(p, "steward") || hasRole(p, "coop_admin") ? ALL_KINDS : ["member", "provider"]);

// ── /account/organisations ─────────────────────────────────────────────────────────────────────
async function myOrganisations(c: C, extra: { form?: { name: string; kind: string }; errors?: { name?: CreateOrgError; kind?: CreateOrgError } } = {}) {
  const who = caller(c);
  const orgs = await orgsOf(c.var.db, who.userId);
  return <MyOrganisationsPage {...pageProps(c)} orgs={orgs} kinds={creatableKinds(who)} notice={noticeOf(c)} {...extra} />;
}

// Access: signed-in person (account.use); shows only their own organisations.
orgPages.get("/account/organisations", allow("account.use"), async (c) => c.html(await myOrganisations(c)));

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const createSchema = z.object({
  name: z.string().trim().min(1, "name_required").max(120, "name_too_long").refine((s) => !CONTROL.test(s), "name_control"),
  kind: z.enum(ALL_KINDS, "kind"),
});

// Access: signed-in person (account.use); kind `cooperative` only for a steward or coop_admin (403 otherwise).
orgPages.post("/account/organisations", allow("account.use"), async (c) => {
  const form = await c.req.parseBody();
  const raw = { name: formText(form.name, 500), kind: formText(form.kind, 1000) };
  const parsed = createSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: { name?: CreateOrgError; kind?: CreateOrgError } = {};
    for (const i of parsed.error.issues) {
      const f = i.path[0] as "name" | "kind";
      errors[f] ??= (f === "kind" ? "kind" : i.message) as CreateOrgError;
    }
    return c.html(await myOrganisations(c, { form: raw, errors }), 400);
  }
  const who = caller(c);
  if (!creatableKinds(who).includes(parsed.data.kind)) {
    throw new PageError("FORBIDDEN", "Only a steward or a coop_admin creates the cooperative's organisation", "orgs.create.error.cooperative");
  }
  const id = await createOrganisation(c.var.ctx, { ...parsed.data, language: c.get("lang") });
  return c.redirect(orgPath(id, "created"), 303);
});

// ── /orgs/:orgId ───────────────────────────────────────────────────────────────────────────────
async function loadOrg(c: C) {
  const org = await findOrg(c.var.db, c.req.param("orgId") ?? "");
  if (!org) throw new PageError("NOT_FOUND", `No organisation ${c.req.param("orgId")}`, "orgs.error.not_found");
  return org;
}

const inviteSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  role: z.enum(ORG_ROLES),
  language: z.enum(LANGS),
});
type InviteForm = { email: string; role: string; language: string; errors: Partial<Record<"email" | "role" | "language", InviteError>> };

async function overview(c: C, invite?: InviteForm) {
  const who = caller(c);
  const org = await loadOrg(c);
  const canManage = decide(who, "org.manage", { orgId: org.id }) === "allow";
  const [members, invitations] = await Promise.all([orgMembers(c.var.db, org.id), canManage ? pendingInvitations(c.var.db, org.id) : Promise.resolve(null)]);
  return (
    <OrgOverviewPage
      {...pageProps(c)}
      org={org}
      members={members}
      invitations={invitations}
      viewerId={who.userId}
      myRole={membership(who, org.id)?.role}
      canManage={canManage}
      canOwn={decide(who, "org.own", { orgId: org.id }) === "allow"}
      canWebhooks={decide(who, "webhooks.manage", { orgId: org.id }) === "allow"}
      notice={noticeOf(c)}
      invite={invite}
    />
  );
}

// Access: members of the organisation (any role), stewards and coop_admins (org.read). Invitations and
// the forms that change members show to owners and admins only.
orgPages.get("/orgs/:orgId", allow("org.read", orgParam), async (c) => c.html(await overview(c)));

const roleSchema = z.object({ role: z.enum(ORG_ROLES) });

// Access: owners and admins (org.manage); making or unmaking an owner needs an owner (org.own); the last owner stays (409).
orgPages.post("/orgs/:orgId/members/:userId/role", allow("org.manage", orgParam), async (c) => {
  const parsed = roleSchema.safeParse(await c.req.parseBody());
  if (!parsed.success) throw new PageError("VALIDATION_FAILED", "Invalid role", "orgs.error.role_invalid", {}, [{ field: "role", message: "owner, admin or member" }]);
  const orgId = c.req.param("orgId");
  const result = await changeRole(c.var.ctx, orgId, c.req.param("userId"), parsed.data.role);
  return c.redirect(orgPath(orgId, result === "changed" ? "role_changed" : undefined), 303);
});

// Access: owners and admins (org.manage); removing an owner needs an owner (org.own); the last owner stays (409).
orgPages.post("/orgs/:orgId/members/:userId/remove", allow("org.manage", orgParam), async (c) => {
  const orgId = c.req.param("orgId");
  const userId = c.req.param("userId");
  await removeMember(c.var.ctx, orgId, userId);
  return c.redirect(userId === caller(c).userId ? flash.to("/account/organisations", "left") : orgPath(orgId, "removed"), 303);
});

// Access: signed-in person (account.use), for themselves: any member leaves, except the last owner (409).
orgPages.post("/orgs/:orgId/leave", allow("account.use"), async (c) => {
  await leave(c.var.ctx, c.req.param("orgId"));
  return c.redirect(flash.to("/account/organisations", "left"), 303);
});

// Access: owners and admins (org.manage); inviting an owner needs an owner (org.own).
orgPages.post("/orgs/:orgId/invitations", allow("org.manage", orgParam), async (c) => {
  const form = await c.req.parseBody();
  const raw = { email: formText(form.email), role: formText(form.role), language: formText(form.language) };
  const parsed = inviteSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: InviteForm["errors"] = {};
    for (const i of parsed.error.issues) errors[i.path[0] as "email" | "role" | "language"] ??= i.path[0] as InviteError;
    return c.html(await overview(c, { ...raw, errors }), 400);
  }
  try {
    await invite(c.var.ctx, c.req.param("orgId"), parsed.data);
  } catch (err) {
    // Already a member: say so next to the address rather than on an error page.
    if (err instanceof PageError && err.messageKey === "orgs.invite.already_member") return c.html(await overview(c, { ...raw, errors: { email: "already_member" } }), 409);
    throw err;
  }
  return c.redirect(orgPath(c.req.param("orgId"), "invited"), 303);
});

// Access: owners and admins (org.manage); an owner's invitation only by an owner (org.own).
orgPages.post("/orgs/:orgId/invitations/:invitationId/revoke", allow("org.manage", orgParam), async (c) => {
  await revokeInvitation(c.var.ctx, c.req.param("orgId"), c.req.param("invitationId"));
  return c.redirect(orgPath(c.req.param("orgId"), "revoked"), 303);
});

// ── /orgs/:orgId/profile ───────────────────────────────────────────────────────────────────────
// Access: members, stewards and coop_admins read (org.read); owners and admins get the form (org.manage).
orgPages.get("/orgs/:orgId/profile", allow("org.read", orgParam), async (c) => {
  const org = await loadOrg(c);
  const canManage = decide(caller(c), "org.manage", { orgId: org.id }) === "allow";
  return c.html(<OrgProfilePage {...pageProps(c)} org={org} canManage={canManage} values={valuesOf(org)} notice={noticeOf(c)} />);
});

// Access: owners and admins (org.manage). Invalid fields: 400 with the form and a message next to each.
orgPages.post("/orgs/:orgId/profile", allow("org.manage", orgParam), async (c) => {
  const org = await loadOrg(c);
  const result = validateProfile(await c.req.parseBody());
  if (!result.ok) return c.html(<OrgProfilePage {...pageProps(c)} org={org} canManage values={result.values} errors={result.errors} />, 400);
  await updateProfile(c.var.ctx, org.id, result.profile);
  return c.redirect(flash.to(`/orgs/${encodeURIComponent(org.id)}/profile`, "saved"), 303);
});

// ── /invitations/:token ────────────────────────────────────────────────────────────────────────
// Access: public on purpose — the token in the link is the secret; unknown → 404, expired,
// revoked or used → 409. Accepting needs the invited person signed in.
orgPages.get("/invitations/:token", async (c) => {
  const token = c.req.param("token");
  const { invitation, orgName, state } = await openInvitation(c.var.ctx, token);
  refuseUnlessPending(state);
  c.header("Cache-Control", "no-store");
  const who = await principal(c);
  return c.html(
    <InvitationPage
      {...pageProps(c)}
      token={token}
      orgName={orgName}
      role={invitation.role}
      invited={maskEmail(invitation.email)}
      expiresAt={invitation.expiresAt}
      signedIn={who.kind === "user"}
      otherAccount={who.kind === "user" && who.email.toLowerCase() !== invitation.email.toLowerCase() ? who.email : undefined}
    />,
  );
});

// Access: signed-in person (account.use) whose address is the invited one (403 otherwise, naming the invited address masked).
orgPages.post("/invitations/:token/accept", allow("account.use"), async (c) => {
  const orgId = await acceptInvitation(c.var.ctx, c.req.param("token"));
  return c.redirect(orgPath(orgId, "joined"), 303);
});

// ── /admin/organisations ───────────────────────────────────────────────────────────────────────
const adminQuery = z.object({
  kind: z
    .enum(["", ...ALL_KINDS])
    .optional()
    .transform((k) => (k ? (k as OrgKind) : undefined)),
  cursor: z.string().max(400).optional(),
});

// Access: stewards and coop_admins (orgs.list).
orgPages.get("/admin/organisations", allow("orgs.list"), async (c) => {
  const parsed = adminQuery.safeParse(c.req.query());
  if (!parsed.success) throw new PageError("VALIDATION_FAILED", "Invalid filter", "orgs.admin.invalid_kind", {}, [{ field: "kind", message: "member, provider or cooperative" }]);
  const page = await listOrganisations(c.var.db, { kind: parsed.data.kind, cursor: parsed.data.cursor || undefined });
  return c.html(<AdminOrganisationsPage {...pageProps(c)} rows={page.rows} kind={parsed.data.kind} next={page.next} />);
});
