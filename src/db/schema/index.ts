// The single source of truth for tables, one file per feature; drizzle-kit reads them all
// (drizzle.config.ts) and generates the migrations (`npm run db:generate`); never edit a migration
// that has landed. Import tables from here: `import { offers } from "../db/schema"`.
export * from "./catalog";
export * from "./auth";
export * from "./orgs";
export * from "./keys";
export * from "./audit";
export * from "./manage";
export * from "./saved";
export * from "./outbox";
export * from "./rate-limits";
export * from "./inventory";
export * from "./ops";
// The accounts vocabulary, long imported from here.
export { API_SCOPES, ORG_ROLES, PLATFORM_ROLES, type ApiScope, type OrgRole, type PlatformRole } from "../../accounts/roles";
export * from "./webhooks";
export * from "./migrations";
export * from "./billing";
export * from "./payments";
export * from "./subscriptions";
export * from "./control";
export * from "./pledges";
export * from "./shares";
export * from "./capacity";
export * from "./proposals";
