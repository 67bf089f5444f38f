// The control room's figures, pure: aggregate rows (one query each, control/repository.ts) in, the
// figures the page, the API, the CSV and the reminders read out. No clock and no database here:
// `now` and the deadline are arguments.
import { today } from "../../lib/days";
import { throughput } from "../capacity/throughput";
import { INVENTORY_KINDS, type InventoryKind } from "../inventory";
import { ITEM_STATES, type ItemState } from "../states";

export const STUCK_DAYS = 14;
/** States an item can be stuck in: anything not finished (done) nor dropped (cancelled). */
export const STUCK_STATES: readonly ItemState[] = ITEM_STATES.filter((s) => s !== "done" && s !== "cancelled");

export interface ControlFilters {
  kind?: InventoryKind | undefined;
  /** A provider id. */
  host?: string | undefined;
  state?: ItemState | undefined;
}

export interface KindRow {
  kind: InventoryKind;
  total: number;
  moved: number;
}
/** One day's change: services that appeared in the inventory and services whose move was done. */
export interface DayRow {
  day: string;
  added: number;
  done: number;
}
/** One UTC hour's change (`YYYY-MM-DDTHH` or `YYYY-MM-DD HH`, as the instant was stored). */
export interface HourRow {
  hour: string;
  added: number;
  done: number;
}
export interface OrgWithoutPlan {
  org_id: string;
  name: string;
  services: number;
}
export interface ItemRow {
  item_id: string;
  migration_id: string;
  org_id: string;
  org_name: string;
  provider_id: string;
  provider_name: string;
  kind: InventoryKind;
  state: ItemState;
  scheduled_for: string | null;
  last_event_at: string;
}
export interface LoadRow {
  provider_id: string;
  provider_name: string;
  kind: InventoryKind;
  /** Items holding a place at the host (not cancelled, declined nor failed), done included; 0 for a kind declared with nothing assigned yet. */
  units: number;
  done: number;
  /** Units the host declared it can take for this kind before the deadline; null = no limit declared. */
  capacity: number | null;
}

/** A host that states a weekly rate and the member migrations under way there. */
export interface PaceRow {
  provider_id: string;
  provider_name: string;
  started: number;
  per_week: number;
}

/** A host's member migrations against its weekly rate × the weeks left. */
export interface PaceLoad extends PaceRow {
  weeks_left: number;
  limit: number;
  over: boolean;
}

export interface Rows {
  kinds: KindRow[];
  days: DayRow[];
  withoutPlan: OrgWithoutPlan[];
  stuck: ItemRow[];
  late: ItemRow[];
  load: LoadRow[];
  pace: PaceRow[];
}

export interface BurnPoint {
  day: string;
  left: number;
  ideal: number;
}

export interface Progress {
  generated_at: string;
  deadline: string;
  days_left: number;
  filters: ControlFilters;
  moved: { total: number; moved: number; left: number; by_kind: KindRow[] };
  burn_down: BurnPoint[];
  without_plan: OrgWithoutPlan[];
  stuck: ItemRow[];
  late: ItemRow[];
  load: (LoadRow & { over: boolean })[];
  /** Per host with a weekly rate: member migrations started (under way) against what the rate allows to the deadline. */
  migrations: PaceLoad[];
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Whole days from `now` to the deadline, never negative. */
export function daysLeft(deadline: string, now: Date): number {
  return Math.max(0, Math.ceil((Date.parse(deadline) - now.getTime()) / DAY_MS));
}

/** The hours' changes summed per Brussels day (lib/days `today`), in day order. */
export function brusselsDays(hours: readonly HourRow[]): DayRow[] {
  const days = new Map<string, DayRow>();
  for (const h of hours) {
    const day = today(new Date(`${h.hour.slice(0, 10)}T${h.hour.slice(11, 13)}:00:00Z`));
    const d = days.get(day) ?? { day, added: 0, done: 0 };
    d.added += h.added;
    d.done += h.done;
    days.set(day, d);
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

/**
 * Services left day by day from the first day anything was in the inventory up to today, beside
 * the ideal line: a straight fall from what was left on the first day to nothing on the deadline.
 * Days without change are filled in, so the line is drawn at its true pace.
 */
export function burnDown(days: readonly DayRow[], today: string, deadline: string): BurnPoint[] {
  const sorted = [...days].filter((d) => d.day <= today).sort((a, b) => (a.day < b.day ? -1 : 1));
  if (!sorted.length) return [];
  const first = dayNumber(sorted[0]!.day);
  const last = dayNumber(today);
  const end = dayNumber(deadline.slice(0, 10));
  const byDay = new Map(sorted.map((d) => [d.day, d]));
  const points: BurnPoint[] = [];
  let left = 0;
  let start = 0;
  for (let n = first; n <= last; n++) {
    const d = byDay.get(dayOf(n));
    if (d) left += d.added - d.done;
    if (n === first) start = left;
    const ideal = end <= first ? 0 : Math.max(0, Math.round((start * (end - n)) / (end - first)));
    points.push({ day: dayOf(n), left, ideal });
  }
  return points;
}

/** Keeps the first and last point and one per `step` days between them: the text table's rows. */
export function sample(points: readonly BurnPoint[], step = 7): BurnPoint[] {
  return points.filter((_, i) => i === 0 || i === points.length - 1 || i % step === 0);
}

export function progress(rows: Rows, opts: { now: Date; today: string; deadline: string; filters: ControlFilters }): Progress {
  const byKind = INVENTORY_KINDS.map((kind) => rows.kinds.find((k) => k.kind === kind) ?? { kind, total: 0, moved: 0 }).filter((k) => k.total > 0 || !opts.filters.kind || k.kind === opts.filters.kind);
  const total = byKind.reduce((n, k) => n + k.total, 0);
  const moved = byKind.reduce((n, k) => n + k.moved, 0);
  return {
    generated_at: opts.now.toISOString(),
    deadline: opts.deadline,
    days_left: daysLeft(opts.deadline, opts.now),
    filters: opts.filters,
    moved: { total, moved, left: total - moved, by_kind: byKind },
    burn_down: burnDown(rows.days, opts.today, opts.deadline),
    without_plan: rows.withoutPlan,
    stuck: rows.stuck,
    late: rows.late,
    load: rows.load.map((l) => ({ ...l, over: l.capacity !== null && l.units > l.capacity })),
    migrations: rows.pace.map((r) => {
      const t = throughput({ perWeek: r.per_week, now: opts.now, deadline: opts.deadline, underWay: r.started });
      return { ...r, weeks_left: t!.weeks_left, limit: t!.limit, over: t!.over };
    }),
  };
}

/** The public summary on the home page: no names, two numbers. */
export interface PublicSummary {
  moved: number;
  total: number;
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? "" : String(v);
  // Quote what needs it, and defuse a leading formula character for spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** Every figure as long CSV: one line per (figure, subject, measure), so one file holds them all. */
export function progressCsv(p: Progress): string {
  const lines: (string | number | null)[][] = [["figure", "subject", "detail", "value"]];
  lines.push(["moved", "total", "moved", p.moved.moved], ["moved", "total", "total", p.moved.total], ["moved", "total", "left", p.moved.left]);
  for (const k of p.moved.by_kind) lines.push(["moved", k.kind, "moved", k.moved], ["moved", k.kind, "total", k.total]);
  lines.push(["deadline", "days_left", p.deadline, p.days_left]);
  for (const b of p.burn_down) lines.push(["burn_down", b.day, "left", b.left], ["burn_down", b.day, "ideal", b.ideal]);
  for (const o of p.without_plan) lines.push(["without_plan", o.org_id, o.name, o.services]);
  for (const i of p.stuck) lines.push(["stuck", i.item_id, `${i.org_name} → ${i.provider_name} (${i.kind}, ${i.state})`, i.last_event_at]);
  for (const i of p.late) lines.push(["late", i.item_id, `${i.org_name} → ${i.provider_name} (${i.kind}, ${i.state})`, i.scheduled_for]);
  for (const l of p.load)
    lines.push(["load", l.provider_id, `${l.provider_name} ${l.kind} units`, l.units], ["load", l.provider_id, `${l.provider_name} ${l.kind} done`, l.done], ["load", l.provider_id, `${l.provider_name} ${l.kind} capacity`, l.capacity]);
  for (const m of p.migrations) lines.push(["migrations", m.provider_id, `${m.provider_name} started`, m.started], ["migrations", m.provider_id, `${m.provider_name} limit`, m.limit]);
  return lines.map((l) => l.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
