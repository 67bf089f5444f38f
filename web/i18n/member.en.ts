// Member-facing words (issue 10, items 5–8), in English; a missing key is a type error.
import type { frMember } from "./member.fr";

export const enMember = {
  "compare.too_many_hint": "Untick the offers you do not want to compare, then choose “Compare”.",
  "compare.submit": "Compare",
  "dir.invalid_summary": "Some values are not valid; the other filters are applied.",
  "filters.max_price_error": "Give an amount in euros, such as 5 or 4.50 (two decimals at most).",
  "filters.invalid_value": "This value is not recognised; it was ignored.",
} satisfies Record<keyof typeof frMember, string>;
