// A host's weekly pace for the transition, as numbers: with N migrations a week and W weeks left
// (whole or partial, Brussels calendar weeks from today's to the one holding the last day before
// the deadline) it can start at most N × W more member migrations. A "member migration" at a host
// is one live migration (a member's plan) with at least one item there still under way: done items
// are behind it and cancelled, declined or failed ones never reach it. Pure: the clock and the
// deadline are arguments, the counts come from one aggregate query (capacity/service.ts).
import { today } from "../../lib/days";
import { RELEASED_STATES } from "./model";

/** Items in these states no longer take a migration slot at their host (done ones are behind it). */
export const NOT_UNDER_WAY = [...RELEASED_STATES, "done"] as const;

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The ISO week (Monday to Sunday) of a calendar day `YYYY-MM-DD`: its first and last day. */
export function isoWeek(day: string): { monday: string; sunday: string } {
  const n = dayNumber(day);
  // 1970-01-01 was a Thursday: day 0 → weekday index 3 (Monday = 0).
  const weekday = (((n + 3) % 7) + 7) % 7;
  return { monday: dayOf(n - weekday), sunday: dayOf(n - weekday + 6) };
}

/**
 * Calendar weeks left, in Brussels: from the week of today to the week of the last day that starts
 * before the deadline, both counted even when only partly left; 0 once that day has passed.
 */
export function weeksLeft(now: Date, deadline: string): number {
  const end = Date.parse(deadline);
  if (Number.isNaN(end) || end <= now.getTime()) return 0;
  const first = dayNumber(isoWeek(today(now)).monday);
  const last = dayNumber(isoWeek(today(new Date(end - 1))).monday);
  return Math.max(0, Math.round((last - first) / 7) + 1);
}

export interface Throughput {
  per_week: number;
  weeks_left: number;
  /** N × W: member migrations the host can start before the deadline. */
  limit: number;
  /** Member migrations under way there now (this plan's included when it is stored). */
  used: number;
  /** limit − used, never below zero: what the collective assignment may still give it. */
  remaining: number;
  over: boolean;
}

/** A host's throughput to the deadline; null when it states no weekly rate (no limit). */
export function throughput(input: { perWeek: number | null | undefined; now: Date; deadline: string; underWay: number }): Throughput | null {
  if (input.perWeek === null || input.perWeek === undefined) return null;
  const per = Math.max(0, Math.floor(input.perWeek));
  const weeks = weeksLeft(input.now, input.deadline);
  const limit = per * weeks;
  return { per_week: per, weeks_left: weeks, limit, used: input.underWay, remaining: Math.max(0, limit - input.underWay), over: input.underWay > limit };
}

/**
 * Scheduling an item at a host in a week: is that week already full? `scheduled` are the member
 * migrations (ids) with another item scheduled there that week; this item's own migration counts
 * once, so a second item of a migration already in the week never fills it.
 */
export function weekFull(input: { perWeek: number | null | undefined; scheduled: readonly string[]; migrationId: string }): boolean {
  if (input.perWeek === null || input.perWeek === undefined) return false;
  const migrations = new Set(input.scheduled);
  if (migrations.has(input.migrationId)) return false;
  return migrations.size >= Math.max(0, Math.floor(input.perWeek));
}
