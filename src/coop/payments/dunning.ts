// Reminders for unpaid invoices. Pure: which step is due for an invoice on a given day.
// Default schedule (DUNNING_SCHEDULE_DAYS "7,21,35"): a reminder 7 days after the due date, a second
// one at 21, a formal notice (mise en demeure / ingebrekestelling) at 35. Steps go in order, each
// at most once, never once the invoice is paid or credited; a step that comes late (the cron missed
// days, or a partial payment arrived) keeps the schedule's spacing from the previous step.
import type { InvoicePaymentStatus } from "./ledger";

export const DUNNING_STEPS = ["reminder", "second_reminder", "formal_notice"] as const;
export type DunningStep = (typeof DUNNING_STEPS)[number];

export const DEFAULT_DUNNING_SCHEDULE = "7,21,35";

/**
 * The steps each kind of document gets. A capital call is reminded twice but never put on formal
 * notice: until it is paid the shares are not subscribed, so there is no debt to claim — the board
 * may refuse or cancel the request instead.
 */
export const STEPS_OF: Record<"invoice" | "share_call", readonly DunningStep[]> = { invoice: DUNNING_STEPS, share_call: ["reminder", "second_reminder"] };

/** "7,21,35" → [7, 21, 35]: one offset per step, strictly increasing, 1..365 days; null when malformed. */
export function dunningSchedule(text: string): number[] | null {
  const parts = text.split(",").map((p) => p.trim());
  if (parts.length !== DUNNING_STEPS.length || parts.some((p) => !/^\d{1,3}$/.test(p))) return null;
  const days = parts.map(Number);
  if (days.some((d, i) => d < 1 || d > 365 || (i > 0 && d <= days[i - 1]!))) return null;
  return days;
}

export interface DunningInput {
  /** YYYY-MM-DD */
  dueDate: string;
  status: InvoicePaymentStatus;
  /** Steps already sent, with the day each was. */
  sent: { step: DunningStep; on: string }[];
}

/** Whole days from a to b (YYYY-MM-DD, calendar days). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The step to send on `today`, or null; `steps` are the ones this document gets (STEPS_OF), in order. */
export function dueDunningStep(input: DunningInput, today: string, schedule: readonly number[], steps: readonly DunningStep[] = DUNNING_STEPS): DunningStep | null {
  if (input.status !== "open" && input.status !== "partially_paid") return null;
  const sentSteps = new Set(input.sent.map((s) => s.step));
  const next = DUNNING_STEPS.findIndex((s) => !sentSteps.has(s));
  if (next < 0 || !steps.includes(DUNNING_STEPS[next]!)) return null;
  const late = daysBetween(input.dueDate, today);
  if (late < schedule[next]!) return null;
  if (next > 0) {
    const previous = input.sent.find((s) => s.step === DUNNING_STEPS[next - 1]);
    if (previous && daysBetween(previous.on, today) < schedule[next]! - schedule[next - 1]!) return null;
  }
  return DUNNING_STEPS[next]!;
}
