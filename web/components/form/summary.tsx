// The error summary at the top of a form that came back: one link per field at fault, in the order
// the fields stand in the form (not the order a validator happened to report them), announced when
// the page loads.

export interface SummaryItem {
  /** The id of the control to jump to; none for a problem no field can fix (a stale page link). */
  id?: string;
  label: string;
  /** What is wrong, when it helps to say it here too. */
  message?: string;
}

/** The items sorted by where their field stands in `order` (ids or names); unknown ones last, in their order. */
export function inFieldOrder<I>(items: readonly I[], order: readonly string[], key: (item: I) => string): I[] {
  const rank = (item: I) => {
    const i = order.indexOf(key(item));
    return i < 0 ? order.length : i;
  };
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i)
    .map((x) => x.item);
}

export function ErrorSummary(props: { title: string; items: readonly SummaryItem[] }) {
  if (!props.items.length) return null;
  return (
    <div class="error-summary" role="alert">
      <p>{props.title}</p>
      <ul>
        {props.items.map((e) => (
          <li>
            {e.id ? <a href={`#${e.id}`}>{e.label}</a> : e.label}
            {e.message ? ` — ${e.message}` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
