// Posted form fields as text. A form post carries strings (files are not expected on these pages):
// anything else reads as "" / is dropped, and every value is capped so a huge post is refused by
// the schema's own limits rather than echoed back whole on the page that shows the errors.

/** One field as text ("" when missing, a file, or repeated). */
export function formText(v: unknown, cap = 2000): string {
  return typeof v === "string" ? v.slice(0, cap) : "";
}

/** A field that may repeat (a group of checkboxes): its text values, at most `max` of them. */
export function formList(v: unknown, max = 50, cap = 2000): string[] {
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all
    .filter((x): x is string => typeof x === "string")
    .slice(0, max)
    .map((x) => x.slice(0, cap));
}

/** Every text field of a post (parseBody()), each capped. */
export function formTexts(body: Record<string, unknown>, cap = 6000): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v.slice(0, cap);
  return out;
}
