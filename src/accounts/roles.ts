// The accounts vocabulary: kinds of organisation, roles and API key scopes. A leaf module (no
// imports) so that the schema (src/db/schema) can type its columns with these very arrays.
export const ORG_KINDS = ["member", "provider", "cooperative"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_ROLES = ["owner", "admin", "member"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const INVITATION_STATUSES = ["pending", "accepted", "revoked"] as const;

export const PLATFORM_ROLES = ["steward", "coop_admin"] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const API_SCOPES = ["offers:write", "catalog:import", "audit:read", "outbox:manage", "health:read", "transition:import", "transition:read", "webhooks:manage", "migrations:write", "billing:write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];
