// Member-facing words (issue 10, items 5–8): kept choices on the directory and the comparison, the
// "together" and "cooperative" pages, units and languages in match reasons, moderation in words.
// French (the default) defines the keys member.nl.ts and member.en.ts must have.
export const frMember = {
  "compare.too_many_hint": "Décochez les offres que vous ne voulez pas comparer, puis choisissez «\u00a0Comparer\u00a0».",
  "compare.submit": "Comparer",
  "dir.invalid_summary": "Certaines valeurs ne conviennent pas ; les autres filtres sont appliqués.",
  "filters.max_price_error": "Indiquez un montant en euros, par exemple 5 ou 4,50 (au plus deux décimales).",
  "filters.invalid_value": "Cette valeur n'est pas reconnue ; elle a été ignorée.",
} as const;
