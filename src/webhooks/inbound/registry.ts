// Who applies a received event, by (source, type). The transition registers `provider`
// `migration.item.transition`; billing registers its Stripe types. A handler returns whether it
// applied the event (or why not) and the statements that apply it, which run in the same D1 batch
// as the received event's row: applied and recorded together, or neither. A move the domain
// refuses is thrown as an AppError (409).
import type { BatchItem } from "drizzle-orm/batch";
import type { ServiceContext } from "../../lib/context";

export type InboundSource = "stripe" | "provider";

export interface InboundEvent {
  source: InboundSource;
  /** The provider id, or `stripe`. */
  sender: string;
  /** The provider organisation the event comes from (provider source only). */
  orgId?: string;
  id: string;
  type: string;
  data: unknown;
  /** When the sender created the event (Unix seconds; Stripe's `event.created`): handlers order by it. */
  created?: number;
}

export interface HandlerResult {
  applied: boolean;
  /** Why not (`stale`, …), or a word on what it did. */
  reason: string | null;
  statements: BatchItem<"sqlite">[];
  /** Outbox rows among the statements: queued once the batch has landed. */
  outbox?: { id: string; channel: string }[];
}

export type InboundHandler = (ctx: ServiceContext, event: InboundEvent) => Promise<HandlerResult>;

const handlers = new Map<string, InboundHandler>();
const keyOf = (source: InboundSource, type: string) => `${source}\u0000${type}`;

export function registerInboundHandler(source: InboundSource, type: string, handler: InboundHandler): () => void {
  handlers.set(keyOf(source, type), handler);
  return () => handlers.delete(keyOf(source, type));
}

export const inboundHandler = (source: InboundSource, type: string) => handlers.get(keyOf(source, type));
