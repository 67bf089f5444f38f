// Calendar days as people in Brussels mean them. A day picked in a form (an audit filter, a key's
// last valid day) starts and ends at Brussels midnight; storage and comparisons stay ISO-8601 UTC.
// Pure: Intl gives the offset in force, so summer time needs no table.
export const BRUSSELS = "Europe/Brussels";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` naming a real date (no 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

// One formatter per zone for the life of the isolate: building an Intl.DateTimeFormat costs far more
// than formatting with it, and callers ask per row (the control room's burn-down, per hour of activity).
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in the zone at an instant: `YYYY`, `MM`, `DD`, `hh`, `mm`, `ss` as printed. */
function wallClock(instant: number, timeZone: string): Record<"year" | "month" | "day" | "hour" | "minute" | "second", string> {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** Minutes the zone is ahead of UTC at an instant (+60 in Brussels winter, +120 in summer). */
export function offsetMinutes(instant: number, timeZone = BRUSSELS): number {
  const w = wallClock(instant, timeZone);
  const wall = Date.UTC(Number(w.year), Number(w.month) - 1, Number(w.day), Number(w.hour), Number(w.minute), Number(w.second));
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The instant (ISO UTC) a calendar day starts in the zone. */
export function dayStart(day: string, timeZone = BRUSSELS): string {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // Clocks change at 02:00/03:00, never around midnight: the offset just before midnight is the one.
  const first = utcMidnight - offsetMinutes(utcMidnight, timeZone) * 60_000;
  return new Date(utcMidnight - offsetMinutes(first, timeZone) * 60_000).toISOString();
}

export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The instant the day is over (exclusive end): the next day's start. */
export const dayEnd = (day: string, timeZone = BRUSSELS) => dayStart(nextDay(day), timeZone);

/** Today's date in the zone, `YYYY-MM-DD`. */
export function today(now: Date = new Date(), timeZone = BRUSSELS): string {
  const w = wallClock(now.getTime(), timeZone);
  return `${w.year}-${w.month}-${w.day}`;
}
