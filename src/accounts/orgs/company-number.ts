// Company numbers for the member space: a Belgian enterprise number (KBO/BCE, `0417.497.106`,
// `BE 1000.000.021`…) or an EU VAT number, checked by jsvat-next and stored normalised
// (`BE0417497106`). Pure.
import {
  austria,
  belgium,
  bulgaria,
  checkVAT,
  croatia,
  cyprus,
  czechRepublic,
  denmark,
  estonia,
  finland,
  france,
  germany,
  greece,
  hungary,
  ireland,
  italy,
  latvia,
  lithuania,
  luxembourg,
  malta,
  netherlands,
  poland,
  portugal,
  romania,
  slovakiaRepublic,
  slovenia,
  spain,
  sweden,
} from "jsvat-next";
// Named imports on purpose: the package's ES build (which bundlers pick through its `module`
// field, as workerd's does) has no default export, so `import jsvat from` fails there.

/** The 27 member states only: jsvat-next also knows Norway, Switzerland, the UK, Brazil… and the "EU" OSS prefix. */
const EU_STATES = [
  austria, belgium, bulgaria, croatia, cyprus, czechRepublic, denmark, estonia, finland, france, germany, greece, hungary, ireland,
  italy, latvia, lithuania, luxembourg, malta, netherlands, poland, portugal, romania, slovakiaRepublic, slovenia, spain, sweden,
];

export type CompanyNumberResult = { ok: true; value: string; country: string } | { ok: false };

/** Longer than any VAT number even with generous spacing: refuse before any work. */
const MAX_INPUT = 40;

export function normaliseCompanyNumber(raw: string): CompanyNumberResult {
  if (raw.length > MAX_INPUT) return { ok: false };
  // People type dots, spaces, dashes and the odd slash; the number is what remains.
  const compact = raw.toUpperCase().replace(/[\s.\-/]/g, "");
  // A bare Belgian enterprise number: ten digits starting with 0 or 1 (since 2023, also 1).
  const belgian = /^(?:BE)?([01]\d{9})$/.exec(compact);
  const candidate = belgian ? `BE${belgian[1]}` : compact;
  if (!/^[A-Z]{2}[0-9A-Z+*]{2,14}$/.test(candidate)) return { ok: false };
  const result = checkVAT(candidate, EU_STATES);
  if (!result.isValid || !result.country) return { ok: false };
  return { ok: true, value: result.value ?? candidate, country: result.country.isoCode.short };
}
