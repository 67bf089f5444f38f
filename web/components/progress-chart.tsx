// "n of m services moved" drawn as one horizontal bar, server-rendered SVG (no script, no inline
// style: colours are presentation attributes), with its text equivalent right under it — the same
// figures as a list — so a screen reader or a text browser reads what a sighted visitor sees.
import type { ItemState } from "../../src/transition/states";
import type { Lang, T } from "../i18n";
import { formatNumber, plural } from "./format";

/** The bar's segments, left to right: moved, on its way, not yet asked, in trouble. */
export const PROGRESS_GROUPS = ["done", "moving", "planned", "trouble"] as const;
export type ProgressGroup = (typeof PROGRESS_GROUPS)[number];

const GROUP_OF: Record<ItemState, ProgressGroup | null> = {
  done: "done",
  verified: "moving",
  cutover: "moving",
  copying: "moving",
  scheduled: "moving",
  accepted: "moving",
  requested: "moving",
  planned: "planned",
  declined: "trouble",
  blocked: "trouble",
  failed: "trouble",
  cancelled: null, // not counted: a cancelled move is no longer part of the plan
};

// Colours with at least 3:1 against white and against each other's neighbours (WCAG 1.4.11).
const FILL: Record<ProgressGroup, string> = { done: "#1b6e3a", moving: "#1f5fa8", planned: "#6b6b6b", trouble: "#b3261e" };

/** How many items fall in each group (cancelled ones are left out, as in `progress()`). */
export function progressGroups(states: readonly ItemState[]): Record<ProgressGroup, number> {
  const counts: Record<ProgressGroup, number> = { done: 0, moving: 0, planned: 0, trouble: 0 };
  for (const s of states) {
    const g = GROUP_OF[s];
    if (g) counts[g]++;
  }
  return counts;
}

export function ProgressChart(props: { t: T; lang: Lang; states: readonly ItemState[]; id: string }) {
  const { t, lang, id } = props;
  const counts = progressGroups(props.states);
  const total = PROGRESS_GROUPS.reduce((n, g) => n + counts[g], 0);
  const summary = plural(t, lang, "transition.migration.moved", total, { n: formatNumber(counts.done, lang), m: formatNumber(total, lang) });
  const width = 300;
  let x = 0;
  const segments = PROGRESS_GROUPS.filter((g) => counts[g] > 0).map((g) => {
    const w = total === 0 ? 0 : (counts[g] / total) * width;
    const rect = <rect x={x.toFixed(2)} y="0" width={w.toFixed(2)} height="24" fill={FILL[g]} data-group={g} />;
    x += w;
    return rect;
  });
  return (
    <figure class="progress-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} class="progress-summary">
        <strong>{summary}</strong>
      </figcaption>
      {/* The bar repeats the list below: hidden from assistive technology, which reads the list. */}
      <svg viewBox={`0 0 ${width} 24`} width="100%" height="24" preserveAspectRatio="none" aria-hidden="true" focusable="false" class="progress-bar">
        <rect x="0" y="0" width={String(width)} height="24" fill="#ffffff" stroke="#6b6b6b" stroke-width="1" />
        {segments}
      </svg>
      <ul class="progress-legend">
        {PROGRESS_GROUPS.map((g) => (
          <li data-group={g}>
            <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false">
              <rect x="0" y="0" width="12" height="12" fill={FILL[g]} />
            </svg>{" "}
            {plural(t, lang, `transition.migration.group.${g}`, counts[g])}
          </li>
        ))}
      </ul>
    </figure>
  );
}
