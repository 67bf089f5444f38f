// Member-facing words (issue 10, items 5–8), in Dutch; a missing key is a type error.
import type { frMember } from "./member.fr";

export const nlMember = {
  "compare.too_many_hint": "Vink de aanbiedingen uit die u niet wilt vergelijken en kies dan «\u00a0Vergelijken\u00a0».",
  "compare.submit": "Vergelijken",
  "dir.invalid_summary": "Sommige waarden zijn niet geldig; de andere filters zijn toegepast.",
  "filters.max_price_error": "Geef een bedrag in euro, bijvoorbeeld 5 of 4,50 (hoogstens twee decimalen).",
  "filters.invalid_value": "Deze waarde wordt niet herkend; ze werd genegeerd.",
} satisfies Record<keyof typeof frMember, string>;
