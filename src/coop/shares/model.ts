// The cooperative's shares as the pure code and the schema see them: the vocabulary of share
// classes, requests and register entries. A leaf module (no imports but the language list), so the
// schema can type its enum columns with these very arrays.
export const HOLDER_KINDS = ["organisation", "person"] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];

/** pending → approved (a capital call is issued) | refused. Decided once (a trigger refuses a second decision). */
export const REQUEST_STATUSES = ["pending", "approved", "refused"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * What the register records. `subscription`: shares enter (positive), at their nominal value;
 * `payment`: money paid in on them (amount only); `transfer`: shares leave one holder (negative)
 * and enter another (positive), one entry each; `redemption`: shares leave on resignation
 * (negative), with the amount paid back (negative). A transfer's amount is the paid-in part of its shares,
 * moving with them (negative out, positive in).
 */
export const ENTRY_KINDS = ["subscription", "payment", "transfer", "redemption"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const CONSENTS = ["statutes", "internal_rules", "data_policy", "financial_risk"] as const;
export type Consent = (typeof CONSENTS)[number];

/** The default cap per holder, in nominal value: €5,000. */
export const DEFAULT_CAP_CENTS = 500_000;
