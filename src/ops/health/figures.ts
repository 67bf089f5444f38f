// Pure: what a health figure is, whether it crosses its threshold, and what changes in the incidents.
import type { MessageKey } from "../../../web/i18n";

/** `cents`: an amount of money in euro cents (integer, like every amount). */
export type Unit = "count" | "minutes" | "hours" | "percent" | "cents";

export interface Figure {
  /** Stable id, also the incident's `check`: `jobs.backup.age`, `outbox.mail.backlog`… */
  id: string;
  label: MessageKey;
  params?: Record<string, string>;
  /** null: no data yet (a job that never ran, a first backup still to come). */
  value: number | null;
  unit: Unit;
  /** Crossed when value > threshold. */
  threshold: number;
  /** A short fact beside the figure, e.g. the last run's status and error. */
  note?: { status: "ok" | "failed" | "running"; at: string; error?: string | null };
}

export const crossed = (f: Figure): boolean => f.value !== null && f.value > f.threshold;

export interface OpenIncident {
  id: string;
  check: string;
  worst: number;
}

export interface Reconciliation {
  /** Figures newly over their threshold: one incident and one mail each run that finds them. */
  open: Figure[];
  /** Open incidents still crossed whose figure got worse. */
  worsen: { id: string; worst: number }[];
  /** Open incidents whose figure is back under its threshold (or no longer measured). */
  close: string[];
}

export function reconcile(figures: Figure[], open: OpenIncident[]): Reconciliation {
  const byCheck = new Map(open.map((i) => [i.check, i]));
  const out: Reconciliation = { open: [], worsen: [], close: [] };
  const seen = new Set<string>();
  for (const f of figures) {
    seen.add(f.id);
    const incident = byCheck.get(f.id);
    if (crossed(f)) {
      if (!incident) out.open.push(f);
      else if (f.value! > incident.worst) out.worsen.push({ id: incident.id, worst: f.value! });
    } else if (incident) out.close.push(incident.id);
  }
  for (const i of open) if (!seen.has(i.check)) out.close.push(i.id);
  return out;
}
