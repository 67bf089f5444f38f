// Events sent to us: `POST /webhooks/stripe` (verified by the stripe SDK on the raw body with
// STRIPE_WEBHOOK_SECRET) and `POST /webhooks/providers/{provider_id}` (Standard Webhooks, with the
// provider organisation's inbound secret). Both: forged, missing or more than 5 minutes old → 401
// problem+json and nothing stored; deduplicated by event id; an event with no handler is stored
// and answered `{"applied": false, "reason": "unsupported"}`.
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { Webhook } from "standardwebhooks";
import Stripe from "stripe";
import { inboundWebhookSecrets, organisations } from "../../db/schema";
import type { AppEnv } from "../../env";
import { AppError, problemResponse } from "../../lib/problem";
import { secretsInForce } from "../secrets";
import { receive } from "./receive";

export const MAX_BODY = 256 * 1024;

const problem = (c: { get(k: "requestId"): string }, code: ConstructorParameters<typeof AppError>[0], message: string) => problemResponse(new AppError(code, message), c.get("requestId") ?? "");

async function rawBody(req: Request): Promise<string | null> {
  const text = await req.text();
  return new TextEncoder().encode(text).length > MAX_BODY ? null : text;
}

export const inboundWebhooks = new Hono<AppEnv>()
  // Access: public — the Stripe-Signature header, checked against STRIPE_WEBHOOK_SECRET, is the credential.
  .post("/webhooks/stripe", async (c) => {
    const secret = c.var.ctx.settings.STRIPE_WEBHOOK_SECRET;
    if (!secret) return problem(c, "UNAUTHORIZED", "Stripe events are not accepted: STRIPE_WEBHOOK_SECRET is not set");
    const signature = c.req.header("stripe-signature");
    if (!signature) return problem(c, "UNAUTHORIZED", "Missing Stripe-Signature header");
    const raw = await rawBody(c.req.raw);
    if (raw === null) return problem(c, "PAYLOAD_TOO_LARGE", `The body is over ${MAX_BODY} bytes`);
    let event: Stripe.Event;
    try {
      event = await Stripe.webhooks.constructEventAsync(raw, signature, secret, 300, Stripe.createSubtleCryptoProvider());
    } catch {
      return problem(c, "UNAUTHORIZED", "The Stripe signature does not verify (forged, altered, or more than 5 minutes old)");
    }
    const outcome = await receive(c.var.ctx, { source: "stripe", sender: "stripe", id: event.id, type: event.type, data: event.data, created: event.created }, raw);
    return c.json({ received: true, duplicate: outcome.duplicate, applied: outcome.applied, reason: outcome.reason }, 200);
  })
  // Access: public — the Standard Webhooks signature, with the provider organisation's inbound secret, is the credential.
  .post("/webhooks/providers/:providerId", async (c) => {
    const providerId = c.req.param("providerId");
    const [org] = await c.var.db
      .select({ id: organisations.id, secret: inboundWebhookSecrets.secret, previousSecret: inboundWebhookSecrets.previousSecret, previousSecretExpiresAt: inboundWebhookSecrets.previousSecretExpiresAt })
      .from(organisations)
      .innerJoin(inboundWebhookSecrets, eq(inboundWebhookSecrets.orgId, organisations.id))
      .where(and(eq(organisations.providerId, providerId), eq(organisations.kind, "provider")))
      .limit(1);
    // Unknown provider or no secret yet: the same 401 as a bad signature, so ids cannot be probed.
    if (!org) return problem(c, "UNAUTHORIZED", "The signature does not verify");
    const headers = { "webhook-id": c.req.header("webhook-id") ?? "", "webhook-timestamp": c.req.header("webhook-timestamp") ?? "", "webhook-signature": c.req.header("webhook-signature") ?? "" };
    if (!headers["webhook-id"] || !headers["webhook-timestamp"] || !headers["webhook-signature"]) return problem(c, "UNAUTHORIZED", "Missing webhook-id, webhook-timestamp or webhook-signature");
    if (headers["webhook-id"].length > 200) return problem(c, "UNAUTHORIZED", "webhook-id is too long");
    const raw = await rawBody(c.req.raw);
    if (raw === null) return problem(c, "PAYLOAD_TOO_LARGE", `The body is over ${MAX_BODY} bytes`);
    const verified = secretsInForce(org, c.var.ctx.now()).some((s) => {
      try {
        new Webhook(s).verify(raw, headers); // also refuses a timestamp more than 5 minutes away
        return true;
      } catch {
        return false;
      }
    });
    if (!verified) return problem(c, "UNAUTHORIZED", "The signature does not verify (forged, altered, or more than 5 minutes old)");
    let body: { type?: unknown; data?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return problemResponse(new AppError("VALIDATION_FAILED", "The body is not JSON", [{ field: "body", message: "Not JSON" }]), c.get("requestId"));
    }
    if (typeof body !== "object" || body === null || typeof body.type !== "string" || !body.type) {
      return problemResponse(new AppError("VALIDATION_FAILED", "The body needs a string `type`", [{ field: "type", message: "Required" }]), c.get("requestId"));
    }
    try {
      const outcome = await receive(c.var.ctx, { source: "provider", sender: providerId, orgId: org.id, id: headers["webhook-id"], type: body.type, data: body.data }, raw);
      return c.json({ received: true, duplicate: outcome.duplicate, applied: outcome.applied, reason: outcome.reason }, 200);
    } catch (err) {
      if (err instanceof AppError) return problemResponse(err, c.get("requestId"));
      throw err;
    }
  });
