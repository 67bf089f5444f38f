// The control room's service: the filters as zod (shared by the API and the page's GET form), and
// the figures read through repository.ts and shaped by figures.ts.
import { z } from "zod";
import type { ServiceContext } from "../../lib/context";
import { today } from "../../lib/days";
import { INVENTORY_KINDS } from "../inventory";
import { ITEM_STATES } from "../states";
import { progress, type ControlFilters, type Progress, type PublicSummary } from "./figures";
import { loadHosts, loadPublicSummary, loadRows, stuckSince } from "./repository";

// An empty select ("all") arrives as "": read as no filter.
const blank = (v: unknown) => (v === "" ? undefined : v);
export const controlQuerySchema = z.object({
  kind: z.preprocess(blank, z.enum(INVENTORY_KINDS).optional()),
  host: z.preprocess(blank, z.string().trim().max(64).regex(/^[\w-]+$/u, "a provider id").optional()),
  state: z.preprocess(blank, z.enum(ITEM_STATES).optional()),
  format: z.preprocess(blank, z.enum(["json", "csv", "html"]).optional()),
});
export type ControlQuery = z.output<typeof controlQuerySchema>;

export function filtersOf(q: ControlQuery): ControlFilters {
  return { kind: q.kind, host: q.host, state: q.state };
}

/** The Brussels day the deadline falls on: a move scheduled on or after it is late. */
export function deadlineDay(deadline: string): string {
  return today(new Date(deadline));
}

export async function controlProgress(ctx: ServiceContext, filters: ControlFilters): Promise<Progress> {
  const now = ctx.now();
  const deadline = ctx.settings.TRANSITION_DEADLINE;
  const rows = await loadRows(ctx.env.DB, { filters, stuckBefore: stuckSince(now), deadlineDay: deadlineDay(deadline) });
  return progress(rows, { now, today: today(now), deadline, filters });
}

export const controlHosts = (ctx: ServiceContext) => loadHosts(ctx.env.DB);

export async function publicSummary(ctx: ServiceContext): Promise<PublicSummary & { days_left: number; deadline: string }> {
  const s = await loadPublicSummary(ctx.env.DB);
  const deadline = ctx.settings.TRANSITION_DEADLINE;
  return { ...s, deadline, days_left: Math.max(0, Math.ceil((Date.parse(deadline) - ctx.now().getTime()) / 86_400_000)) };
}
