// Where each service's move stands, as a pure state machine: which moves exist, who may make each,
// and what a move records. The service layer stores the item and its history entry, and writes the
// entry's event to the outbox, in one batch; nothing here reads a clock or a database.
import { z } from "zod";
import { dayStart, isCalendarDay } from "../lib/days";

export const ITEM_STATES = [
  "planned", "requested", "accepted", "scheduled", "copying", "cutover", "verified", "done",
  "declined", "blocked", "cancelled", "failed",
] as const;
export type ItemState = (typeof ITEM_STATES)[number];
/** The way forward, in order: what "n of m services moved" and progress bars count along. */
export const FORWARD: readonly ItemState[] = ["planned", "requested", "accepted", "scheduled", "copying", "cutover", "verified", "done"];
/** No move leaves these. */
export const TERMINAL: ReadonlySet<ItemState> = new Set(["done", "cancelled"]);

/** Who makes a move: the member organisation, the receiving provider, or a steward of the transition. */
export const ROLES = ["member", "provider", "steward"] as const;
export type Role = (typeof ROLES)[number];

export type MoveNeed = "note" | "scheduled_for" | "data_copy";
export type ItemEvent = `migration.item.${ItemState}`;

/** How the member holds its own full copy of the data the old host kept ("members own their data"). */
export const DATA_COPY_METHODS = ["export_downloaded", "copied_to_own_storage", "checked_at_new_host", "other"] as const;
export type DataCopyMethod = (typeof DATA_COPY_METHODS)[number];
export interface DataCopy {
  method: DataCopyMethod;
  /** Where the copy is, or what "other" means; required for "other". */
  detail: string | null;
  confirmed_at: string;
}

export interface ItemStatus {
  state: ItemState;
  /** The state a blocked item resumes to; null unless state is "blocked". */
  blocked_from: ItemState | null;
  /** The day the provider plans the move, `YYYY-MM-DD` (Brussels). */
  scheduled_for: string | null;
  data_copy: DataCopy | null;
  /** occurred_at of the last applied move: an older report is stale. */
  last_move_at: string;
}

const noteText = z.string().trim().min(1).max(2000).refine((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/u.test(s), "no control characters");
/** A move as a route receives it: `{"to", "note"?, "scheduled_for"?, "occurred_at"?, "data_copy"?}`. */
export const moveSchema = z.strictObject({
  to: z.enum(ITEM_STATES),
  note: noteText.optional(),
  scheduled_for: z.string().refine(isCalendarDay, "a date as YYYY-MM-DD").optional(),
  occurred_at: z.iso.datetime({ offset: true }).optional(),
  data_copy: z
    .strictObject({ method: z.enum(DATA_COPY_METHODS), detail: noteText.optional() })
    .refine((d) => d.method !== "other" || d.detail !== undefined, { path: ["detail"], message: "say how the copy was made" })
    .optional(),
});
export type Move = z.output<typeof moveSchema>;

interface Edge {
  from: readonly ItemState[];
  to: ItemState;
  /** Roles other than stewards: a steward may take every edge, always with a note (its reason). */
  by: readonly Role[];
  needs: readonly MoveNeed[];
}

/** Involved in a live move: anyone involved may block it. */
const LIVE: readonly ItemState[] = ["requested", "accepted", "scheduled", "copying", "cutover", "verified"];
const EDGES: readonly Edge[] = [
  { from: ["planned"], to: "requested", by: ["member"], needs: [] },
  // The member re-assigns a declined or failed item to another offer: it is planned again.
  { from: ["declined", "failed"], to: "planned", by: ["member"], needs: [] },
  { from: ["requested"], to: "accepted", by: ["provider"], needs: [] },
  { from: ["requested", "accepted", "scheduled"], to: "declined", by: ["provider"], needs: ["note"] },
  // Scheduling again moves the date.
  { from: ["accepted", "scheduled"], to: "scheduled", by: ["provider"], needs: ["scheduled_for"] },
  { from: ["scheduled"], to: "copying", by: ["provider"], needs: [] },
  { from: ["copying"], to: "cutover", by: ["provider"], needs: [] },
  { from: ["cutover"], to: "verified", by: ["member"], needs: [] },
  { from: ["verified"], to: "done", by: ["member"], needs: ["data_copy"] },
  { from: LIVE, to: "blocked", by: ["member", "provider"], needs: ["note"] },
  { from: ["scheduled", "copying", "cutover"], to: "failed", by: ["provider"], needs: ["note"] },
  { from: ["planned", ...LIVE, "blocked", "declined", "failed"], to: "cancelled", by: ["member"], needs: [] },
];
const RESUMERS: readonly Role[] = ["member", "provider"];

export interface AllowedMove {
  to: ItemState;
  needs: MoveNeed[];
  /** This move takes a blocked item back to the state it left. */
  resume?: true;
}

/** The moves this role may make from the item's state, with what each needs. */
export function allowedMoves(item: ItemStatus, role: Role): AllowedMove[] {
  const moves: AllowedMove[] = [];
  const steward = role === "steward";
  const withNote = (needs: readonly MoveNeed[]): MoveNeed[] => (steward && !needs.includes("note") ? ["note", ...needs] : [...needs]);
  if (item.state === "blocked" && item.blocked_from && (steward || RESUMERS.includes(role))) {
    moves.push({ to: item.blocked_from, needs: withNote([]), resume: true });
  }
  for (const e of EDGES) {
    if (!e.from.includes(item.state) || !(steward || e.by.includes(role))) continue;
    // A copy confirmed earlier (confirmDataCopy) need not be given again.
    const needs = e.needs.filter((n) => n !== "data_copy" || item.data_copy === null);
    moves.push({ to: e.to, needs: withNote(needs) });
  }
  return moves;
}

export const REFUSALS = ["not_allowed", "note_required", "date_required", "data_copy_required", "stale", "in_future"] as const;
export type RefusalCode = (typeof REFUSALS)[number];

/**
 * `after_deadline`: the day is on or after the deadline (applyMove says so). `week_full`: the host
 * already has as many member migrations scheduled that ISO week as its weekly rate (added by the
 * migrations service, which reads the other items: capacity/throughput.ts `weekFull`). Neither refuses.
 */
export const WARNINGS = ["after_deadline", "week_full"] as const;
export type MoveWarning = (typeof WARNINGS)[number];

export interface HistoryEntry {
  from: ItemState;
  to: ItemState;
  role: Role;
  note: string | null;
  scheduled_for: string | null;
  /** When it happened (the reporter's occurred_at, else now)… */
  occurred_at: string;
  /** …and when Chatière recorded it. */
  recorded_at: string;
  event: ItemEvent;
  resumed: boolean;
  warnings: MoveWarning[];
}

export type MoveResult =
  | { ok: true; item: ItemStatus; entry: HistoryEntry; event: ItemEvent; warnings: MoveWarning[] }
  | { ok: false; code: RefusalCode; allowed: AllowedMove[] };

export interface MoveContext {
  /** TRANSITION_DEADLINE, ISO UTC: a day scheduled on or after it is accepted with a warning. */
  deadline: string;
  /** How far in the future an occurred_at may be (clock skew of a provider's system). */
  skewMs?: number;
}

/** A day whose Brussels morning is at or after the deadline instant is too late. */
export function scheduledAfterDeadline(day: string, deadline: string): boolean {
  return Date.parse(dayStart(day)) >= Date.parse(deadline);
}

export const eventName = (state: ItemState): ItemEvent => `migration.item.${state}`;

/** A new item, planned now. */
export function plannedItem(now: string): ItemStatus {
  return { state: "planned", blocked_from: null, scheduled_for: null, data_copy: null, last_move_at: now };
}

/**
 * Applies a move, or refuses it with the moves allowed instead. A report that happened before the
 * last applied move is "stale": not applied, since webhooks may arrive in any order and an older
 * report must never undo a newer state.
 */
export function applyMove(item: ItemStatus, move: Move, role: Role, now: string, ctx: MoveContext): MoveResult {
  const allowed = allowedMoves(item, role);
  const refuse = (code: RefusalCode): MoveResult => ({ ok: false, code, allowed });
  const occurredAt = move.occurred_at ? new Date(move.occurred_at).toISOString() : now;
  if (Date.parse(occurredAt) > Date.parse(now) + (ctx.skewMs ?? 5 * 60_000)) return refuse("in_future");
  if (Date.parse(occurredAt) < Date.parse(item.last_move_at)) return refuse("stale");

  const chosen = allowed.find((m) => m.to === move.to);
  if (!chosen) return refuse("not_allowed");
  const note = move.note?.trim() || null;
  if (chosen.needs.includes("note") && !note) return refuse("note_required");
  if (chosen.needs.includes("scheduled_for") && !move.scheduled_for) return refuse("date_required");
  let dataCopy = item.data_copy;
  if (move.to === "done" && !dataCopy) {
    if (!move.data_copy) return refuse("data_copy_required");
    dataCopy = { method: move.data_copy.method, detail: move.data_copy.detail ?? null, confirmed_at: occurredAt };
  }

  const warnings: MoveWarning[] = [];
  let scheduledFor = item.scheduled_for;
  if (move.to === "scheduled" && move.scheduled_for) {
    scheduledFor = move.scheduled_for;
    if (scheduledAfterDeadline(scheduledFor, ctx.deadline)) warnings.push("after_deadline");
  }
  if (move.to === "planned") scheduledFor = null; // a new host sets its own date

  const next: ItemStatus = {
    state: move.to,
    blocked_from: move.to === "blocked" ? item.state : null,
    scheduled_for: scheduledFor,
    data_copy: dataCopy,
    last_move_at: occurredAt,
  };
  const event = eventName(move.to);
  const entry: HistoryEntry = {
    from: item.state,
    to: move.to,
    role,
    note,
    scheduled_for: move.to === "scheduled" ? scheduledFor : null,
    occurred_at: occurredAt,
    recorded_at: now,
    event,
    resumed: chosen.resume === true,
    warnings,
  };
  return { ok: true, item: next, entry, event, warnings };
}

export type ConfirmResult = { ok: true; item: ItemStatus } | { ok: false; code: "not_allowed" | "detail_required" };

/**
 * The member (or a steward for it) records that it holds a full copy of the service's data, when
 * and how: possible once the new host has the data (cutover, verified, or blocked there), so that
 * the final move to done need not carry it.
 */
export function confirmDataCopy(item: ItemStatus, input: { method: DataCopyMethod; detail?: string | null }, role: Role, now: string): ConfirmResult {
  const at = item.state === "blocked" ? item.blocked_from : item.state;
  if (role === "provider" || (at !== "cutover" && at !== "verified")) return { ok: false, code: "not_allowed" };
  const detail = input.detail?.trim() || null;
  if (input.method === "other" && !detail) return { ok: false, code: "detail_required" };
  return { ok: true, item: { ...item, data_copy: { method: input.method, detail, confirmed_at: now } } };
}

/** How many services have moved: done ones, out of those not cancelled. */
export function progress(states: readonly ItemState[]): { moved: number; total: number } {
  const live = states.filter((s) => s !== "cancelled");
  return { moved: live.filter((s) => s === "done").length, total: live.length };
}
