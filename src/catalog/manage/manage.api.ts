// Provider self-service API: a provider organisation's owners and admins (session) or its API keys
// with `offers:write` manage its offers. New offers and material changes answer 202 with the
// pending change a steward must approve.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { allow, type ResourceOf } from "../../accounts/guard";
import { membership } from "../../accounts/policy";
import type { PendingChangeRow } from "../../db/schema";
import type { AppEnv } from "../../env";
import { jsonOnly } from "../../lib/auth";
import { access, createRouter, problems } from "../../lib/openapi";
import { AppError, validationError } from "../../lib/problem";
import { offerInputFromRow } from "../dto";
import { changeSchema, mergePatch, offerCreateSchema, offerIdParam, offerPatchSchema, offerProposalSchema, outcomeSchema, providerIdParam } from "./api.schemas";
import { changeById, readPayload } from "./changes";
import { archiveOffer, createOffer, editOffer, type OfferOutcome, type OfferProposal } from "./offers.service";
import { managerOf, offerWithProvider, pendingChangesOf, allOffersOf, providerOrThrow } from "./store";

const DESCRIPTION = "Access: provider (an owner or admin of the organisation that manages the provider, by session, or its API key with `offers:write`).";

const byProvider: ResourceOf = (c) => ({ providerId: c.req.param("providerId") });
/** The offer's provider decides who may touch it; an unknown offer is a 404 for everyone. */
const byOffer: ResourceOf = async (c) => {
  const { offer } = await offerWithProvider(c.var.db, c.req.param("offerId") ?? "");
  return { providerId: offer.providerId };
};

export function changeDto(ch: PendingChangeRow) {
  const { proposed, fields } = readPayload<Record<string, unknown>>(ch.payload);
  return { id: ch.id, subject_type: ch.subjectType, subject_id: ch.subjectId, kind: ch.kind, status: ch.status, fields, proposed, created_at: ch.createdAt };
}

async function outcomeDto(c: Context<AppEnv>, o: OfferOutcome) {
  const change = o.changeId ? await changeById(c.var.db, o.changeId) : undefined;
  return { offer_id: o.offerId, state: o.state, applied: o.applied, pending: o.pending, change: change ? changeDto(change) : null };
}

/** The organisation acting: the key's, or the caller's membership that manages this provider. */
async function actingOrg(c: Context<AppEnv>, providerId: string): Promise<string> {
  const manager = await managerOf(c.var.db, providerId);
  if (!manager) throw new AppError("CONFLICT", `Provider ${providerId} is managed by no organisation`);
  const who = c.get("principal");
  if (!who || who.kind === "anonymous" || !membership(who, manager.id)) throw new AppError("FORBIDDEN", "You may not do this (provider.manage)");
  return manager.id;
}

const errors = { 400: problems[400], 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 415: problems[415], 429: problems[429] };

const create = createRoute({
  method: "post",
  path: "/providers/{providerId}/offers",
  tags: ["Provider self-service"],
  summary: "Propose a new offer",
  description: `${DESCRIPTION} The offer is not public until a steward approves it: the answer is 202 with the pending change.`,
  security: access.provider,
  middleware: [allow("provider.manage", byProvider), jsonOnly],
  request: { params: providerIdParam, body: { required: true, content: { "application/json": { schema: offerCreateSchema } } } },
  responses: { 202: { description: "Waiting for a steward", content: { "application/json": { schema: outcomeSchema } } }, ...errors },
});

const patch = createRoute({
  method: "patch",
  path: "/offers/{offerId}",
  tags: ["Provider self-service"],
  summary: "Change an offer",
  description: `${DESCRIPTION} Non-material fields apply at once (200, a new version when the public offer changes); material ones (service, name, website, pricing, quotas, features, software name and license, hosting country) wait for a steward (202).`,
  security: access.provider,
  middleware: [allow("provider.manage", byOffer), jsonOnly],
  request: { params: offerIdParam, body: { required: true, content: { "application/json": { schema: offerPatchSchema } } } },
  responses: {
    200: { description: "Applied", content: { "application/json": { schema: outcomeSchema } } },
    202: { description: "Waiting for a steward (what could apply at once did)", content: { "application/json": { schema: outcomeSchema } } },
    ...errors,
  },
});

const archive = createRoute({
  method: "post",
  path: "/offers/{offerId}/archive",
  tags: ["Provider self-service"],
  summary: "Archive an offer at once",
  description: `${DESCRIPTION} Archived offers leave the directory; bringing one back goes through a steward.`,
  security: access.provider,
  middleware: [allow("provider.manage", byOffer)],
  request: { params: offerIdParam },
  responses: { 200: { description: "Archived", content: { "application/json": { schema: z.object({ offer_id: z.string(), status: z.literal("archived") }) } } }, ...errors },
});

const changes = createRoute({
  method: "get",
  path: "/providers/{providerId}/changes",
  tags: ["Provider self-service"],
  summary: "This provider's changes waiting for a steward",
  description: `${DESCRIPTION} Newest first.`,
  security: access.provider,
  middleware: [allow("provider.manage", byProvider)],
  request: { params: providerIdParam },
  responses: { 200: { description: "Pending changes", content: { "application/json": { schema: z.object({ data: z.array(changeSchema) }) } } }, ...errors },
});

const proposalOf = (input: ReturnType<typeof offerInputFromRow>): OfferProposal => {
  const { key: _k, status: _s, ...rest } = input;
  return rest;
};

export const manageApi = createRouter()
  .openapi(create, async (c) => {
    const { providerId } = c.req.valid("param");
    const provider = await providerOrThrow(c.var.db, providerId);
    const orgId = await actingOrg(c, providerId);
    const { key, ...proposal } = c.req.valid("json");
    const outcome = await createOffer(c.var.ctx, orgId, provider, proposal, key);
    return c.json(await outcomeDto(c, outcome), 202);
  })
  .openapi(patch, async (c) => {
    const { offer, provider } = await offerWithProvider(c.var.db, c.req.valid("param").offerId);
    const orgId = await actingOrg(c, provider.id);
    const current = proposalOf(offerInputFromRow(offer));
    const parsed = offerProposalSchema.safeParse(mergePatch(current, c.req.valid("json")));
    if (!parsed.success) throw validationError(parsed.error);
    const outcome = await editOffer(c.var.ctx, orgId, provider, offer, parsed.data);
    return c.json(await outcomeDto(c, outcome), outcome.state === "pending" ? 202 : 200);
  })
  .openapi(archive, async (c) => {
    const { offer, provider } = await offerWithProvider(c.var.db, c.req.valid("param").offerId);
    const orgId = await actingOrg(c, provider.id);
    await archiveOffer(c.var.ctx, orgId, offer);
    return c.json({ offer_id: offer.id, status: "archived" as const }, 200);
  })
  .openapi(changes, async (c) => {
    const { providerId } = c.req.valid("param");
    const provider = await providerOrThrow(c.var.db, providerId);
    const own = await allOffersOf(c.var.db, provider.id);
    const rows = await pendingChangesOf(c.var.db, provider.id, own.map((o) => o.id));
    return c.json({ data: rows.map(changeDto) }, 200);
  });


