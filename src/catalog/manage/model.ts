// The self-service and moderation vocabulary: how a claim is decided, what a pending change is
// about and where it stands. A leaf module, shared by the schema and the API schemas.
/** `domain`: the claimant's verified address shares the profile's contact domain; `steward`: a steward decides. */
export const CLAIM_METHODS = ["domain", "steward"] as const;
export const CLAIM_STATUSES = ["pending", "approved", "rejected"] as const;
export const CHANGE_SUBJECTS = ["provider", "offer"] as const;
export const CHANGE_KINDS = ["create", "update"] as const;
export const CHANGE_STATUSES = ["pending", "approved", "rejected", "superseded"] as const;
