// Types of scripts/steward-sql.mjs for the TypeScript tests that import it.
export declare const ROLES: readonly ["steward", "coop_admin"];
export declare const STEWARD_KEY_SCOPES: readonly ["catalog:import", "audit:read", "outbox:manage", "health:read", "transition:import", "transition:read", "migrations:write"];
export declare const KEY_START_LENGTH: number;
export declare function randomString(length: number): string;
export declare function newKeySecret(): string;
export declare function normaliseEmail(email: string): string;
export declare function grantSql(grant: {
  email: string;
  role?: "steward" | "coop_admin";
  key?: { name: string; start: string; hash: string };
  keyExpiresAt?: string;
  now?: string;
}): string;
