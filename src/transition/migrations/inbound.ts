// Providers report moves by signed webhook (POST /webhooks/providers/{provider_id}, verified and
// deduplicated by src/webhooks/inbound/): `{"type": "migration.item.transition", "data":
// {"migration_id", "item_id", "to", "note"?, "scheduled_for"?, "occurred_at"}}`. Applied as the
// provider's move in the batch that records the event. Order-safe: a report older than the item's
// last applied move is not applied (`stale`); a move the machine refuses is a 409; an item not
// assigned to this provider (or none at all) is `unknown_item`, the same answer either way.
import { z } from "zod";
import { systemContext } from "../../lib/context";
import { validationError } from "../../lib/problem";
import { registerInboundHandler } from "../../webhooks/inbound/registry";
import { moveSchema } from "../states";
import { providerMoveStatements } from "./service";

export const TRANSITION_TYPE = "migration.item.transition";

export const inboundTransitionSchema = z.strictObject({
  migration_id: z.string().min(1).max(64),
  item_id: z.string().min(1).max(64),
  to: moveSchema.shape.to,
  note: moveSchema.shape.note,
  scheduled_for: moveSchema.shape.scheduled_for,
  occurred_at: z.iso.datetime({ offset: true }),
});

registerInboundHandler("provider", TRANSITION_TYPE, async (request, event) => {
  const parsed = inboundTransitionSchema.safeParse(event.data);
  if (!parsed.success) throw validationError(parsed.error, "data");
  const { migration_id, item_id, ...move } = parsed.data;
  const ctx = { ...systemContext(request.env, "provider-webhook", { db: request.db, now: () => request.now(), defer: (p) => request.defer(p), requestId: request.requestId }), origin: request.origin };
  const r = await providerMoveStatements(ctx, event.sender, migration_id, item_id, move);
  return { applied: r.applied, reason: r.reason, statements: r.statements, outbox: r.outbox };
});
