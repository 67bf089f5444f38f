// Shapes of the provider self-service API, for validation and the OpenAPI document.
import { z } from "@hono/zod-openapi";
import { refineFeatures } from "../features";
import { offerInputSchema } from "../model";
import { OFFER_FIELDS } from "./classify";
import { CHANGE_KINDS, CHANGE_STATUSES, CHANGE_SUBJECTS } from "./model";
import type { OfferProposal } from "./offers.service";

/** A new offer: the import shape without status (new offers wait for a steward); `key` defaults to a slug of the name. */
export const offerCreateSchema = offerInputSchema
  .omit({ status: true, key: true })
  .extend({ key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "a lowercase slug").optional() })
  // An unknown feature code is a 400 naming it (`features.2`) with the codes the kind allows.
  .superRefine(refineFeatures)
  .openapi("OfferCreate");

/** What a PATCH proposes once merged over the stored offer, features checked against its kind. */
export const offerProposalSchema = offerInputSchema.omit({ key: true, status: true }).superRefine(refineFeatures);

const TOP_LEVEL = [...new Set(OFFER_FIELDS.map((f) => f.split(".")[0]!))];

/** Only the fields sent change; nested objects (software, pricing, quotas) merge field by field.
 *  Checked against the offer schema after merging, so defaults never overwrite what is stored. */
export const offerPatchSchema = z
  .object(Object.fromEntries(TOP_LEVEL.map((k) => [k, z.any().optional().openapi({ description: `See Offer.${k}` })])))
  .strict()
  .openapi("OfferPatch");

export function mergePatch(current: OfferProposal, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const base = out[k];
    out[k] = v && typeof v === "object" && !Array.isArray(v) && base && typeof base === "object" && !Array.isArray(base) ? { ...base, ...v } : v;
  }
  return out;
}

export const changeSchema = z
  .object({
    id: z.string().openapi({ example: "chg_0a1b2c3d4e5f6g7h" }),
    subject_type: z.enum(CHANGE_SUBJECTS),
    subject_id: z.string(),
    kind: z.enum(CHANGE_KINDS),
    status: z.enum(CHANGE_STATUSES),
    fields: z.array(z.string()).openapi({ description: "What a steward's approval applies" }),
    proposed: z.record(z.string(), z.unknown()),
    created_at: z.string(),
  })
  .openapi("PendingChange");

export const outcomeSchema = z
  .object({
    offer_id: z.string(),
    state: z.enum(["applied", "pending"]).openapi({ description: "`pending`: a steward must approve `change`" }),
    applied: z.array(z.string()).openapi({ description: "Fields changed at once" }),
    pending: z.array(z.string()).openapi({ description: "Fields waiting for a steward" }),
    change: changeSchema.nullable(),
  })
  .openapi("OfferChangeOutcome");

export const providerIdParam = z.object({
  providerId: z.string().max(64).openapi({ param: { name: "providerId", in: "path" }, example: "prv_0a1b2c3d4e5f6g7h" }),
});
export const offerIdParam = z.object({
  offerId: z.string().max(64).openapi({ param: { name: "offerId", in: "path" }, example: "off_0a1b2c3d4e5f6g7h" }),
});
