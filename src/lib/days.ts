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

/** Minutes the zone is ahead of UTC at an instant (+60 in Brussels winter, +120 in summer). */
export function offsetMinutes(instant: number, timeZone = BRUSSELS): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
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
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
