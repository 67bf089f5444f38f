// The proposals' pages (issue 15): the stewards' collective assignment at /transition/assignments
// (pick, run, review, send) and a member organisation's proposal at /orgs/:orgId/proposals/:pid
// (accept → its migration plan, decline). Forms post same-origin and work without JavaScript; a
// wrong field comes back next to the field (400); a refused answer is a translated error page (409).
import { Hono, type Context } from "hono";
import { inArray } from "drizzle-orm";
import { pageProps } from "../../../web/components/page-props";
import { AssignmentsPage, type AssignFormErrors, type AssignFormValues, type Review } from "../../../web/pages/transition/assignments";
import { ProposalPage } from "../../../web/pages/transition/proposal";
import { translator } from "../../../web/i18n";
import { sameOriginForms } from "../../accounts/csrf";
import { allow, caller, orgParam } from "../../accounts/guard";
import { findOrg } from "../../accounts/orgs/repository";
import { decide } from "../../accounts/policy";
import { inChunks } from "../../db/chunks";
import { assignmentProposals, offers, providers, type OrganisationRow } from "../../db/schema";
import type { AppEnv } from "../../env";
import { flashes } from "../../lib/flash";
import { formList, formText } from "../../lib/form";
import { AppError, PageError } from "../../lib/problem";
import { runAssignment, type AssignReply } from "../assign/service";
import { parseGroups, reviewToken } from "./review";
import { acceptProposal, declineProposal, getProposal, listProposals, membersWithoutPlan, ProposalRefused, sendProposals } from "./service";
import { and, eq } from "drizzle-orm";

export const proposalPages = new Hono<AppEnv>();
proposalPages.use("/transition/assignments", sameOriginForms);
proposalPages.use("/transition/assignments/*", sameOriginForms);
proposalPages.use("/orgs/*", sameOriginForms);

type C = Context<AppEnv>;
const stewardFlash = flashes("proposals.notice", ["sent"]);
const memberFlash = flashes("proposals.notice", ["declined"]);
const EMPTY: AssignFormValues = { members: [], all: false, mode: "optimal", groups: "" };

async function stewardPage(c: C, extra: { values?: AssignFormValues; errors?: AssignFormErrors; review?: Review; notice?: string; tone?: "error" } = {}, status: 200 | 400 | 409 = 200) {
  const [candidates, recent] = await Promise.all([membersWithoutPlan(c.var.db), listProposals(c.var.ctx, undefined, 50)]);
  return c.html(<AssignmentsPage {...pageProps(c)} candidates={candidates} values={extra.values ?? EMPTY} errors={extra.errors ?? {}} review={extra.review} notice={extra.notice} tone={extra.tone} recent={recent} />, status);
}

/** The posted choices, checked: members among those without a plan, a method, groups by line. */
async function readAssignForm(c: C): Promise<{ values: AssignFormValues; errors: AssignFormErrors; request?: { organisation_ids: string[]; mode: "optimal" | "stable"; groups: string[][] }; token?: string }> {
  const body = await c.req.parseBody({ all: true });
  const t = translator(c.var.lang);
  const values: AssignFormValues = { members: formList(body.members, 2000, 64), all: formText(body.all, 2) === "1", mode: formText(body.mode, 10), groups: formText(body.groups, 20000) };
  const candidates = await membersWithoutPlan(c.var.db);
  const known = new Map(candidates.map((m) => [m.id, m]));
  const errors: AssignFormErrors = {};
  const ids = values.all ? candidates.map((m) => m.id) : [...new Set(values.members)];
  if (ids.length === 0) errors.members = t("proposals.assign.error.members");
  else if (ids.some((id) => !known.has(id))) errors.members = t("proposals.assign.error.member_gone");
  if (values.mode !== "optimal" && values.mode !== "stable") errors.mode = t("proposals.assign.error.mode");
  const parsed = parseGroups(values.groups, ids.filter((id) => known.has(id)).map((id) => known.get(id)!));
  if (parsed.errors.length) errors.groups = parsed.errors.map((e) => t(`proposals.assign.error.${e.problem}`, { line: e.line, name: e.name ?? "" })).join(" ");
  if (Object.keys(errors).length) return { values, errors };
  return { values, errors, request: { organisation_ids: ids, mode: values.mode as "optimal" | "stable", groups: parsed.groups }, token: formText(body.review_token, 32) || undefined };
}

/** What the review table names: members, hosts, offers, and who already has an open proposal. */
async function reviewOf(c: C, reply: AssignReply): Promise<Review> {
  const db = c.var.db;
  const orgIds = [...reply.assignments.map((a) => a.organisation_id), ...reply.unassigned.map((u) => u.organisation_id)];
  const offerIds = [...new Set(reply.assignments.flatMap((a) => a.items.map((i) => i.offer_id)))];
  const candidates = await membersWithoutPlan(db);
  const offerRows = await inChunks(offerIds, (chunk) => db.select({ id: offers.id, name: offers.name, providerId: offers.providerId }).from(offers).where(inArray(offers.id, chunk)));
  const providerIds = [...new Set([...offerRows.map((o) => o.providerId), ...Object.keys(reply.capacity_used)])];
  const providerRows = await inChunks(providerIds, (chunk) => db.select({ id: providers.id, name: providers.name }).from(providers).where(inArray(providers.id, chunk)));
  const open = await inChunks(orgIds, (chunk) => db.select({ orgId: assignmentProposals.orgId }).from(assignmentProposals).where(and(inArray(assignmentProposals.orgId, chunk), eq(assignmentProposals.status, "sent"))));
  return {
    reply,
    token: reviewToken(reply),
    names: new Map(candidates.map((m) => [m.id, m.name])),
    providers: new Map(providerRows.map((p) => [p.id, p.name])),
    offers: new Map(offerRows.map((o) => [o.id, { name: o.name, providerId: o.providerId }])),
    open: new Set(open.map((o) => o.orgId)),
  };
}

// Access: stewards (transition.assign). The form, and the proposals sent lately.
proposalPages.get("/transition/assignments", allow("transition.assign"), async (c) => {
  const notice = stewardFlash.read(c);
  return stewardPage(c, { notice: notice ? translator(c.var.lang)(notice) : undefined });
});

// Access: stewards (transition.assign). Runs the assignment and shows the result to review; stores
// nothing. A wrong choice comes back next to its field (400).
proposalPages.post("/transition/assignments", allow("transition.assign"), async (c) => {
  const form = await readAssignForm(c);
  if (!form.request) return stewardPage(c, { values: form.values, errors: form.errors }, 400);
  const reply = await runAssignment(c.var.ctx, form.request);
  return stewardPage(c, { values: form.values, review: await reviewOf(c, reply) });
});

// Access: stewards (transition.assign). Runs the assignment again and sends the proposals when the
// result is the one reviewed; otherwise shows the new result to review (409), nothing sent.
proposalPages.post("/transition/assignments/send", allow("transition.assign"), async (c) => {
  const form = await readAssignForm(c);
  if (!form.request) return stewardPage(c, { values: form.values, errors: form.errors }, 400);
  const t = translator(c.var.lang);
  try {
    await sendProposals(c.var.ctx, form.request, form.token ?? "");
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "CONFLICT") throw err;
    const reply = await runAssignment(c.var.ctx, form.request);
    const changed = err.errors?.some((e) => e.field === "review_token");
    return stewardPage(c, { values: form.values, review: await reviewOf(c, reply), notice: changed ? t("proposals.review.changed") : t("proposals.review.nothing"), tone: "error" }, 409);
  }
  return c.redirect(stewardFlash.to("/transition/assignments", "sent"), 303);
});

// ── The member's side ─────────────────────────────────────────────────────────────────────────
async function memberOrg(c: C): Promise<OrganisationRow> {
  const org = await findOrg(c.var.db, c.req.param("orgId") ?? "");
  if (!org || org.kind !== "member") throw new PageError("NOT_FOUND", `No member organisation ${c.req.param("orgId")}`, "orgs.error.not_found");
  return org;
}

async function proposalOf(c: C, org: OrganisationRow) {
  try {
    return await getProposal(c.var.ctx, org.id, c.req.param("pid") ?? "");
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") throw new PageError("NOT_FOUND", err.message, "proposals.error.not_found");
    throw err;
  }
}

function refusedPage(err: unknown): never {
  if (err instanceof ProposalRefused) throw new PageError("CONFLICT", err.message, `proposals.error.${err.reason}`, err.params);
  if (err instanceof AppError && err.code === "CONFLICT") throw new PageError("CONFLICT", err.message, "proposals.error.closed");
  if (err instanceof AppError && err.code === "NOT_FOUND") throw new PageError("NOT_FOUND", err.message, "proposals.error.not_found");
  throw err;
}

async function memberPage(c: C, org: OrganisationRow, extra: { reason?: string; reasonError?: string } = {}, status: 200 | 400 = 200) {
  const proposal = await proposalOf(c, org);
  const notice = memberFlash.read(c);
  const canAnswer = decide(caller(c), "migrations.plan", { orgId: org.id }) === "allow";
  return c.html(<ProposalPage {...pageProps(c)} org={org} proposal={proposal} canAnswer={canAnswer} notice={notice ? translator(c.var.lang)(notice) : undefined} {...extra} />, status);
}

// Access: owners and admins of the member organisation, and stewards (migrations.plan); another
// organisation's proposal is not found.
proposalPages.get("/orgs/:orgId/proposals/:pid", allow("migrations.plan", orgParam), async (c) => memberPage(c, await memberOrg(c)));

// Access: owners and admins of the member organisation, and stewards (migrations.plan). The plan is
// written with the answer; then the migration page, which shows it.
proposalPages.post("/orgs/:orgId/proposals/:pid/accept", allow("migrations.plan", orgParam), async (c) => {
  const org = await memberOrg(c);
  try {
    await acceptProposal(c.var.ctx, org.id, c.req.param("pid"));
  } catch (err) {
    refusedPage(err);
  }
  return c.redirect(`/orgs/${encodeURIComponent(org.id)}/migration?notice=planned`, 303);
});

// Access: owners and admins of the member organisation, and stewards (migrations.plan). A reason
// longer than 2000 characters comes back next to the field (400).
proposalPages.post("/orgs/:orgId/proposals/:pid/decline", allow("migrations.plan", orgParam), async (c) => {
  const org = await memberOrg(c);
  const reason = formText((await c.req.parseBody()).reason, 2001).trim();
  if (reason.length > 2000) return memberPage(c, org, { reason: reason.slice(0, 2000), reasonError: translator(c.var.lang)("proposals.error.reason_long") }, 400);
  try {
    await declineProposal(c.var.ctx, org.id, c.req.param("pid"), reason || undefined);
  } catch (err) {
    refusedPage(err);
  }
  return c.redirect(memberFlash.to(`/orgs/${encodeURIComponent(org.id)}/proposals/${encodeURIComponent(c.req.param("pid"))}`, "declined"), 303);
});
