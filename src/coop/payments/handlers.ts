// The Stripe event types that move the ledger, registered with the inbound webhooks
// (src/webhooks/inbound): verified, deduplicated by event id, and applied in the batch that records
// the event. Order is handled by `transition` (./stripe.ts) with `event.created`. Automatic debit
// adds its own statements to the same batch (./autodebit-events.ts): the saved method, the
// off-session debit's outcome.
import { systemContext } from "../../lib/context";
import { registerInboundHandler } from "../../webhooks/inbound/registry";
import { autoDebitEventStatements } from "./autodebit-events";
import { stripeEventStatements } from "./service";
import { STRIPE_EVENT_TYPES } from "./stripe";

for (const type of STRIPE_EVENT_TYPES) {
  registerInboundHandler("stripe", type, async (ctx, event) => {
    const system = systemContext(ctx.env, "stripe", { db: ctx.db, now: ctx.now, defer: ctx.defer, requestId: ctx.requestId });
    const object = (event.data as { object?: unknown } | null)?.object;
    const ledger = await stripeEventStatements(system, event.type, object, event.created ?? Math.floor(ctx.now().getTime() / 1000));
    const debit = await autoDebitEventStatements(system, event.type, object);
    return { ...ledger, statements: [...ledger.statements, ...debit.statements], outbox: [...ledger.outbox, ...debit.outbox] };
  });
}
