// Receiving an event once verified: deduplicated by (source, sender, id), handed to its handler,
// and recorded with the handler's statements in one batch. A duplicate applies nothing.
import { and, desc, eq, isNotNull, lt, lte } from "drizzle-orm";
import { inboundWebhookSecrets, receivedEvents, type ReceivedEventRow } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { newId } from "../../lib/ids";
import { AppError } from "../../lib/problem";
import { newSecret, rotated } from "../secrets";
import { enqueue } from "../../outbox/write";
import { inboundHandler, type HandlerResult, type InboundEvent } from "./registry";

export const RAW_BODY_DAYS = 30;

export type Received = { duplicate: true; applied: boolean; reason: string | null } | { duplicate: false; applied: boolean; reason: string | null };

export async function receive(ctx: ServiceContext, event: InboundEvent, rawBody: string): Promise<Received> {
  const where = and(eq(receivedEvents.source, event.source), eq(receivedEvents.sender, event.sender), eq(receivedEvents.eventId, event.id));
  const seen = await ctx.db.query.receivedEvents.findFirst({ where });
  if (seen) return { duplicate: true, applied: seen.applied, reason: seen.reason };
  const handler = inboundHandler(event.source, event.type);
  let result: HandlerResult = { applied: false, reason: "unsupported", statements: [] };
  let refused: AppError | null = null;
  if (handler) {
    try {
      result = await handler(ctx, event);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused = err;
      result = { applied: false, reason: `refused: ${err.message}`.slice(0, 500), statements: [] };
    }
  }
  const row = { id: newId("rcv"), source: event.source, sender: event.sender, eventId: event.id, type: event.type.slice(0, 200), receivedAt: ctx.now().toISOString(), applied: result.applied, reason: result.reason, rawBody };
  try {
    await ctx.db.batch([ctx.db.insert(receivedEvents).values(row), ...result.statements]);
  } catch (err) {
    // Two copies racing: the other one recorded (and applied) it.
    if (/UNIQUE constraint failed/i.test(String((err as { cause?: unknown }).cause ?? err))) {
      const other = await ctx.db.query.receivedEvents.findFirst({ where });
      return { duplicate: true, applied: other?.applied ?? false, reason: other?.reason ?? null };
    }
    throw err;
  }
  if (refused) throw refused;
  if (result.outbox?.length) enqueue(ctx, result.outbox);
  return { duplicate: false, applied: result.applied, reason: result.reason };
}

/** Raw bodies older than 30 days are dropped (the sweep); the record of the event stays. */
export async function purgeRawBodies(ctx: ServiceContext): Promise<number> {
  const before = new Date(ctx.now().getTime() - RAW_BODY_DAYS * 86_400_000).toISOString();
  const done = await ctx.db.update(receivedEvents).set({ rawBody: null }).where(and(lt(receivedEvents.receivedAt, before), isNotNull(receivedEvents.rawBody))).returning({ id: receivedEvents.id });
  return done.length;
}

export async function listReceived(ctx: ServiceContext, filter: { source?: "stripe" | "provider"; before?: string; limit: number }): Promise<ReceivedEventRow[]> {
  const conditions = [filter.source ? eq(receivedEvents.source, filter.source) : undefined, filter.before ? lte(receivedEvents.receivedAt, filter.before) : undefined].filter((c) => c !== undefined);
  return ctx.db.select().from(receivedEvents).where(and(...conditions)).orderBy(desc(receivedEvents.receivedAt), desc(receivedEvents.id)).limit(filter.limit);
}

/** A provider organisation's inbound secret: a new one, or a rotation (the old one verifies 24 hours more). */
export async function issueInboundSecret(ctx: ServiceContext, orgId: string): Promise<string> {
  const current = await ctx.db.query.inboundWebhookSecrets.findFirst({ where: eq(inboundWebhookSecrets.orgId, orgId) });
  const at = ctx.now().toISOString();
  const next = current ? rotated(current.secret, ctx.now()) : { secret: newSecret(), previousSecret: null, previousSecretExpiresAt: null };
  const { auditInsert } = await import("../../accounts/audit");
  await ctx.db.batch([
    ctx.db
      .insert(inboundWebhookSecrets)
      .values({ orgId, ...next, createdAt: at, updatedAt: at })
      .onConflictDoUpdate({ target: inboundWebhookSecrets.orgId, set: { ...next, updatedAt: at } }),
    auditInsert(ctx, { action: current ? "webhook.inbound_secret.rotate" : "webhook.inbound_secret.create", subjectType: "organisation", subjectId: orgId, orgId, detail: {} }),
  ]);
  return next.secret;
}
