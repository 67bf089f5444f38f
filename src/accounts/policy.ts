// Who may do what: the one place where authorisation is decided. Pure: a principal (who is calling,
// with their platform roles and organisations), an action and the resource it touches, in; a
// decision out. Routes name their action through `allow()` (guard.ts); tests/authz/ checks the
// matrix of every route × every role against it.
import type { ApiScope, OrgRole, PlatformRole } from "../db/schema";
import type { OrgKind } from "./roles";

export type { OrgKind } from "./roles";

export interface OrgMembership {
  orgId: string;
  kind: OrgKind;
  role: OrgRole;
  /** Provider organisations: the catalogue profile they manage, once created or claimed. */
  providerId: string | null;
}

export type Principal =
  | { kind: "anonymous" }
  | { kind: "user"; userId: string; email: string; emailVerified: boolean; roles: PlatformRole[]; orgs: OrgMembership[] }
  | {
      kind: "key";
      keyId: string;
      /** The person who created the key; a steward key acts with that person's platform roles. */
      userId: string;
      /** Organisation keys act for that organisation only. */
      org: OrgMembership | null;
      scopes: ApiScope[];
      roles: PlatformRole[];
    };

export type Action =
  /** Anything a signed-in person does for themselves: own account, export, create an organisation, accept an invitation. */
  | "account.use"
  /** See an organisation's private space. */
  | "org.read"
  /** Change an organisation's profile, invite, change members' roles, manage its keys. */
  | "org.manage"
  /** Make or unmake owners, which only an owner may do. */
  | "org.own"
  /** Edit a provider profile and its offers (create, edit, archive). */
  | "provider.manage"
  | "catalog.import"
  | "moderation.review"
  | "roles.grant"
  | "audit.read"
  /** See outgoing messages that failed (every channel) and queue them again. */
  | "outbox.manage"
  /** The platform's health: cron runs, queues, backups, incidents (stewards, or their key with `health:read`). */
  | "health.read"
  /** Load the members' inventories in bulk (stewards, or their key with `transition:import`). */
  | "transition.import"
  /** The transition's control room: progress figures, burn-down, late and stuck items by name (stewards, or their key with `transition:read`). */
  | "transition.progress"
  /** An organisation's webhook endpoints and inbound secret (owner/admin, its key with `webhooks:manage`, stewards). */
  | "webhooks.manage"
  /** Look through every organisation (the cooperative signs members up; stewards follow the transition). */
  | "orgs.list"
  /** Plan a member organisation's migration (its owners/admins, stewards, a steward's key with `migrations:write`). */
  | "migrations.plan"
  /** See a migration or an organisation's migration items: the member organisation's people, the assigned providers' people, stewards; their keys with `migrations:write`. */
  | "migrations.read"
  /** Move, tick, re-assign: the member organisation's owners/admins, the assigned providers' owners/admins or their key with `migrations:write`, stewards (or their key). The service then says which moves each side may make. */
  | "migrations.move"
  /** The cooperative's billing: its issuer identity, every invoice and credit note (coop_admins, or their key with `billing:write`). */
  | "billing.manage"
  /** An organisation's own invoices (its owners and admins), and anyone's for coop_admins (and their key with `billing:write`). */
  | "billing.read"
  /** An organisation's subscriptions to the cooperative's plans: its owners and admins take, change and cancel them; coop_admins too (and their key with `billing:write`). */
  | "subscriptions.manage"
  /** Pay an organisation's invoices online and manage its saved payment methods (its owners and admins, signed in; never a key, never the cooperative). */
  | "billing.pay"
  /** The cooperative's viability targets, break-even model and opening (coop_admins, or their personal key with `billing:write`). */
  | "pledges.manage"
  /** The cooperative's shares: classes, decisions on requests, redemptions, the whole register (coop_admins, or their key with `billing:write`). */
  | "shares.manage"
  /** One holder's shares: the organisation's owners and admins, the person itself (`Resource.userId`), coop_admins (and their key with `billing:write`). */
  | "shares.read"
  /** Pay a capital call online (Stripe Checkout): a person holder itself (`Resource.userId`), an organisation holder's owners and admins, coop_admins; signed in, never a key. */
  | "shares.pay"
  /** Declare a provider's capacity for the transition (its owners/admins or its key with `offers:write`, stewards). */
  | "capacity.manage"
  /** Run the collective assignment and send proposals (stewards, or their personal key with `migrations:write`). */
  | "transition.assign";

export interface Resource {
  orgId?: string;
  providerId?: string;
  /** A migration's assigned providers (migrations.*): their organisations are involved too. */
  providerIds?: readonly string[];
  /** A person's own resource (a shareholder who is a person): that person. */
  userId?: string;
}

export type Decision = "allow" | "unauthenticated" | "forbidden";

const ADMIN_ROLES: readonly OrgRole[] = ["owner", "admin"];

/** The scope a key needs for an action; actions without one are never done with a key. */
const KEY_SCOPE: Partial<Record<Action, ApiScope>> = {
  "provider.manage": "offers:write",
  "catalog.import": "catalog:import",
  "audit.read": "audit:read",
  "outbox.manage": "outbox:manage",
  "health.read": "health:read",
  "transition.import": "transition:import",
  "transition.progress": "transition:read",
  "webhooks.manage": "webhooks:manage",
  "migrations.plan": "migrations:write",
  "migrations.read": "migrations:write",
  "migrations.move": "migrations:write",
  "billing.manage": "billing:write",
  "billing.read": "billing:write",
  "subscriptions.manage": "billing:write",
  "pledges.manage": "billing:write",
  "shares.manage": "billing:write",
  "shares.read": "billing:write",
  "capacity.manage": "offers:write",
  "transition.assign": "migrations:write",
};

const STEWARD_ONLY: readonly Action[] = ["catalog.import", "moderation.review", "roles.grant", "audit.read", "outbox.manage", "health.read", "transition.import", "transition.progress", "transition.assign"];

export function hasRole(p: Principal, role: PlatformRole): boolean {
  return p.kind !== "anonymous" && p.roles.includes(role);
}

export function membership(p: Principal, orgId: string | undefined): OrgMembership | undefined {
  if (!orgId) return undefined;
  if (p.kind === "user") return p.orgs.find((m) => m.orgId === orgId);
  if (p.kind === "key") return p.org?.orgId === orgId ? p.org : undefined;
  return undefined;
}

/** A provider organisation assigned to one of the migration's items (any role when `anyRole`). */
function providesFor(m: OrgMembership, providerIds: readonly string[] | undefined, anyRole: boolean): boolean {
  return m.kind === "provider" && !!m.providerId && !!providerIds?.includes(m.providerId) && (anyRole || ADMIN_ROLES.includes(m.role));
}

function decideMigrationKey(p: Extract<Principal, { kind: "key" }>, action: Action, r: Resource): Decision {
  // A steward's personal key acts as a steward; an organisation key only for its provider's items.
  if (p.org === null) return hasRole(p, "steward") ? "allow" : "forbidden";
  if (action === "migrations.plan") return "forbidden";
  return providesFor(p.org, r.providerIds, true) || (action === "migrations.read" && p.org.kind === "provider" && p.org.orgId === r.orgId) ? "allow" : "forbidden";
}

function managesProvider(m: OrgMembership | undefined, providerId: string | undefined): boolean {
  return !!m && m.kind === "provider" && ADMIN_ROLES.includes(m.role) && !!providerId && m.providerId === providerId;
}

export function decide(p: Principal, action: Action, resource: Resource = {}): Decision {
  if (p.kind === "anonymous") return "unauthenticated";
  if (p.kind === "key") {
    const scope = KEY_SCOPE[action];
    if (!scope || !p.scopes.includes(scope)) return "forbidden";
    if (STEWARD_ONLY.includes(action)) return hasRole(p, "steward") ? "allow" : "forbidden";
    if (action === "provider.manage" || action === "capacity.manage") return managesProvider(p.org ?? undefined, resource.providerId) ? "allow" : "forbidden";
    if (action === "webhooks.manage") return !!p.org && !!resource.orgId && p.org.orgId === resource.orgId ? "allow" : "forbidden";
    if (action.startsWith("migrations.")) return decideMigrationKey(p, action, resource);
    // A coop_admin's personal key; an organisation's key never bills, even one a coop_admin made.
    if (action === "billing.manage" || action === "billing.read" || action === "subscriptions.manage" || action === "pledges.manage" || action === "shares.manage" || action === "shares.read") return !p.org && hasRole(p, "coop_admin") ? "allow" : "forbidden";
    return "forbidden";
  }
  if (STEWARD_ONLY.includes(action)) return hasRole(p, "steward") ? "allow" : "forbidden";
  const m = membership(p, resource.orgId);
  switch (action) {
    case "account.use":
      return "allow";
    case "orgs.list":
      return hasRole(p, "steward") || hasRole(p, "coop_admin") ? "allow" : "forbidden";
    case "org.read":
      return m || hasRole(p, "steward") || hasRole(p, "coop_admin") ? "allow" : "forbidden";
    case "org.manage":
      return m && ADMIN_ROLES.includes(m.role) ? "allow" : "forbidden";
    case "webhooks.manage":
      return (m && ADMIN_ROLES.includes(m.role)) || hasRole(p, "steward") ? "allow" : "forbidden";
    case "billing.manage":
    case "pledges.manage":
      return hasRole(p, "coop_admin") ? "allow" : "forbidden";
    case "billing.read":
      return hasRole(p, "coop_admin") || (m && ADMIN_ROLES.includes(m.role)) ? "allow" : "forbidden";
    case "subscriptions.manage":
      return hasRole(p, "coop_admin") || (m && m.kind === "member" && ADMIN_ROLES.includes(m.role)) ? "allow" : "forbidden";
    case "billing.pay":
      return m && m.kind === "member" && ADMIN_ROLES.includes(m.role) ? "allow" : "forbidden";
    case "shares.manage":
      return hasRole(p, "coop_admin") ? "allow" : "forbidden";
    // Paying is reading's twin for people; only keys differ (shares.pay has no key scope).
    case "shares.read":
    case "shares.pay":
      if (hasRole(p, "coop_admin")) return "allow";
      if (resource.userId) return resource.userId === p.userId ? "allow" : "forbidden";
      return m && ADMIN_ROLES.includes(m.role) ? "allow" : "forbidden";
    case "org.own":
      return m?.role === "owner" ? "allow" : "forbidden";
    case "migrations.plan":
      return (m && m.kind === "member" && ADMIN_ROLES.includes(m.role)) || hasRole(p, "steward") ? "allow" : "forbidden";
    case "migrations.read":
      return m || p.orgs.some((o) => providesFor(o, resource.providerIds, true)) || hasRole(p, "steward") ? "allow" : "forbidden";
    case "migrations.move":
      return (m && m.kind === "member" && ADMIN_ROLES.includes(m.role)) || p.orgs.some((o) => providesFor(o, resource.providerIds, false)) || hasRole(p, "steward") ? "allow" : "forbidden";
    case "capacity.manage":
      return p.orgs.some((o) => managesProvider(o, resource.providerId)) || hasRole(p, "steward") ? "allow" : "forbidden";
    case "provider.manage": {
      // By provider id (API) or by organisation (pages): either way an owner/admin of the provider organisation.
      const viaProvider = resource.providerId ? p.orgs.find((o) => managesProvider(o, resource.providerId)) : undefined;
      if (resource.orgId) return m && m.kind === "provider" && ADMIN_ROLES.includes(m.role) && (!resource.providerId || m.providerId === resource.providerId) ? "allow" : "forbidden";
      return viaProvider ? "allow" : "forbidden";
    }
  }
  return "forbidden";
}
