// The one authorisation decision, as a matrix: every action × every kind of principal, with the
// decision expected. Pure (no database): the routes' own tests check they ask the right question.
import { describe, expect, it } from "vitest";
import { decide, type Action, type Decision, type OrgMembership, type Principal, type Resource } from "../../src/accounts/policy";

const ACTIONS: readonly Action[] = [
  "account.use",
  "org.read",
  "org.manage",
  "org.own",
  "provider.manage",
  "catalog.import",
  "moderation.review",
  "roles.grant",
  "audit.read",
  "orgs.list",
  "outbox.manage",
  "health.read",
  "transition.import",
  "webhooks.manage",
  "migrations.plan",
  "migrations.read",
  "migrations.move",
  "billing.manage",
  "billing.read",
  "subscriptions.manage",
  "billing.pay",
  "pledges.manage",
  "shares.manage",
  "shares.read",
];

// The member organisation the org.* actions are asked about, and the provider organisation that manages prv_1.
const ORG_A = "org_a";
const ORG_P = "org_p";
const MANAGED = "prv_1";
const OTHER_PROVIDER = "prv_2";

const RESOURCE: Record<Action, Resource> = {
  "account.use": {},
  "org.read": { orgId: ORG_A },
  "org.manage": { orgId: ORG_A },
  "org.own": { orgId: ORG_A },
  "provider.manage": { providerId: MANAGED },
  "catalog.import": {},
  "moderation.review": {},
  "roles.grant": {},
  "audit.read": {},
  "orgs.list": {},
  "outbox.manage": {},
  "health.read": {},
  "transition.import": {},
  "transition.progress": {},
  "webhooks.manage": { orgId: ORG_A },
  "migrations.plan": { orgId: ORG_A },
  // A migration of ORG_A with an item assigned to prv_1.
  "migrations.read": { orgId: ORG_A, providerIds: [MANAGED] },
  "migrations.move": { orgId: ORG_A, providerIds: [MANAGED] },
  "billing.manage": {},
  "billing.read": { orgId: ORG_A },
  "subscriptions.manage": { orgId: ORG_A },
  "billing.pay": { orgId: ORG_A },
  "pledges.manage": {},
  // shares.read for a person holder (Resource.userId): tests/coop/shares/api.test.ts.
  "shares.manage": {},
  "shares.read": { orgId: ORG_A },
  // shares.pay is not a column of the matrix: its own block below.
  "shares.pay": { orgId: ORG_A },
  "capacity.manage": { providerId: MANAGED },
  "transition.assign": {},
};

const inA = (role: OrgMembership["role"]): OrgMembership => ({ orgId: ORG_A, kind: "member", role, providerId: null });
const inP = (role: OrgMembership["role"]): OrgMembership => ({ orgId: ORG_P, kind: "provider", role, providerId: MANAGED });
const user = (orgs: OrgMembership[], roles: ("steward" | "coop_admin")[] = []): Principal => ({ kind: "user", userId: "usr_x", email: "x@example.be", emailVerified: true, roles, orgs });
const key = (org: OrgMembership | null, scopes: ("offers:write" | "catalog:import" | "audit:read" | "outbox:manage" | "health:read" | "transition:import" | "webhooks:manage" | "migrations:write" | "billing:write")[], roles: ("steward" | "coop_admin")[] = []): Principal => ({
  kind: "key",
  keyId: "key_x",
  userId: "usr_x",
  org,
  scopes,
  roles,
});

const A = "allow" as const;
const F = "forbidden" as const;
const U = "unauthenticated" as const;

type Row = Record<Action, Decision>;
const row = (decisions: Decision[]): Row => Object.fromEntries(ACTIONS.map((a, i) => [a, decisions[i]!])) as Row;

// Columns, in ACTIONS order: account.use, org.read, org.manage, org.own, provider.manage,
// catalog.import, moderation.review, roles.grant, audit.read, orgs.list, outbox.manage, health.read,
// transition.import, webhooks.manage, migrations.plan, migrations.read, migrations.move, billing.manage, billing.read, subscriptions.manage, billing.pay, pledges.manage, shares.manage, shares.read.
const MATRIX: [string, Principal, Row][] = [
  ["anonymous", { kind: "anonymous" }, row([U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U])],
  ["member of the organisation", user([inA("member")]), row([A, A, F, F, F, F, F, F, F, F, F, F, F, F, F, A, F, F, F, F, F, F, F, F])],
  ["admin of the organisation", user([inA("admin")]), row([A, A, A, F, F, F, F, F, F, F, F, F, F, A, A, A, A, F, A, A, A, F, F, A])],
  ["owner of the organisation", user([inA("owner")]), row([A, A, A, A, F, F, F, F, F, F, F, F, F, A, A, A, A, F, A, A, A, F, F, A])],
  ["owner of another organisation", user([{ orgId: "org_b", kind: "member", role: "owner", providerId: null }]), row([A, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["admin of the provider managing prv_1", user([inP("admin")]), row([A, F, F, F, A, F, F, F, F, F, F, F, F, F, F, A, A, F, F, F, F, F, F, F])],
  ["owner of the provider managing prv_1", user([inP("owner")]), row([A, F, F, F, A, F, F, F, F, F, F, F, F, F, F, A, A, F, F, F, F, F, F, F])],
  ["plain member of the provider", user([inP("member")]), row([A, F, F, F, F, F, F, F, F, F, F, F, F, F, F, A, F, F, F, F, F, F, F, F])],
  ["admin of a provider managing another profile", user([{ ...inP("admin"), orgId: "org_q", providerId: OTHER_PROVIDER }]), row([A, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["steward", user([], ["steward"]), row([A, A, F, F, F, A, A, A, A, A, A, A, A, A, A, A, A, F, F, F, F, F, F, F])],
  ["coop_admin", user([], ["coop_admin"]), row([A, A, F, F, F, F, F, F, F, A, F, F, F, F, F, F, F, A, A, A, F, A, A, A])],
  ["steward who is also owner of the organisation", user([inA("owner")], ["steward"]), row([A, A, A, A, F, A, A, A, A, A, A, A, A, A, A, A, A, F, A, A, A, F, F, A])],
  ["provider key with offers:write", key(inP("admin"), ["offers:write"]), row([F, F, F, F, A, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["provider key without scopes", key(inP("admin"), []), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["provider key whose creator is a steward", key(inP("admin"), ["offers:write"], ["steward"]), row([F, F, F, F, A, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["steward key with catalog:import and audit:read", key(null, ["catalog:import", "audit:read"], ["steward"]), row([F, F, F, F, F, A, F, F, A, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["steward key with catalog:import only", key(null, ["catalog:import"], ["steward"]), row([F, F, F, F, F, A, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["steward key whose creator is no longer a steward", key(null, ["catalog:import", "audit:read"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["steward key with offers:write (no organisation)", key(null, ["offers:write"], ["steward"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["steward key with outbox:manage", key(null, ["outbox:manage"], ["steward"]), row([F, F, F, F, F, F, F, F, F, F, A, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["coop_admin's key with outbox:manage", key(null, ["outbox:manage"], ["coop_admin"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["coop_admin's key with audit:read", key(null, ["audit:read"], ["coop_admin"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["steward key with health:read", key(null, ["health:read"], ["steward"]), row([F, F, F, F, F, F, F, F, F, F, F, A, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["coop_admin's key with health:read", key(null, ["health:read"], ["coop_admin"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["organisation key with webhooks:manage", key(inA("admin"), ["webhooks:manage"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, A, F, F, F, F, F, F, F, F, F, F])],
  ["another organisation's key with webhooks:manage", key(inP("admin"), ["webhooks:manage"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["steward key with transition:import", key(null, ["transition:import"], ["steward"]), row([F, F, F, F, F, F, F, F, F, F, F, F, A, F, F, F, F, F, F, F, F, F, F, F])],
  ["coop_admin's key with transition:import", key(null, ["transition:import"], ["coop_admin"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["steward key with every other steward scope but transition:import", key(null, ["catalog:import", "audit:read", "outbox:manage", "health:read"], ["steward"]), row([F, F, F, F, F, A, F, F, A, F, A, A, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["provider key with migrations:write", key(inP("admin"), ["migrations:write"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, A, A, F, F, F, F, F, F, F])],
  ["another provider's key with migrations:write", key({ ...inP("admin"), orgId: "org_q", providerId: OTHER_PROVIDER }, ["migrations:write"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["member organisation's key with migrations:write", key(inA("admin"), ["migrations:write"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["steward key with migrations:write", key(null, ["migrations:write"], ["steward"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, A, A, A, F, F, F, F, F, F, F])],
  ["coop_admin's key with migrations:write", key(null, ["migrations:write"], ["coop_admin"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["coop_admin's key with billing:write", key(null, ["billing:write"], ["coop_admin"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, A, A, A, F, A, A, A])],
  ["steward key with billing:write", key(null, ["billing:write"], ["steward"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["organisation key with billing:write made by a coop_admin", key(inA("admin"), ["billing:write"], ["coop_admin"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
  ["coop_admin's key without billing:write", key(null, ["audit:read", "outbox:manage"], ["coop_admin"]), row([F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F])],
];

describe("decide(): every action × every principal", () => {
  for (const [label, principal, expected] of MATRIX) {
    it(`${label}`, () => {
      const actual = Object.fromEntries(ACTIONS.map((a) => [a, decide(principal, a, RESOURCE[a])]));
      expect(actual).toEqual(expected);
    });
  }

  it("covers every kind of principal", () => {
    expect(new Set(MATRIX.map(([, p]) => p.kind))).toEqual(new Set(["anonymous", "user", "key"]));
  });
});

describe("decide(): shares.pay — the holder (a person, or an organisation's owners and admins) and coop_admins; never a key", () => {
  const person: Resource = { userId: "usr_x" };
  it.each([
    ["the person holder itself", user([]), person, A],
    ["another person", { ...user([]), userId: "usr_y" } as Principal, person, F],
    ["an owner of the organisation holder", user([inA("owner")]), { orgId: ORG_A }, A],
    ["an admin of the organisation holder", user([inA("admin")]), { orgId: ORG_A }, A],
    ["a plain member of the organisation holder", user([inA("member")]), { orgId: ORG_A }, F],
    ["an owner of another organisation, for a person's call", { ...user([inA("owner")]), userId: "usr_y" } as Principal, person, F],
    ["a coop_admin, for a person's call", { ...user([], ["coop_admin"]), userId: "usr_y" } as Principal, person, A],
    ["a steward", { ...user([], ["steward"]), userId: "usr_y" } as Principal, person, F],
    ["nobody's request (unknown id)", user([inA("owner")]), {}, F],
    ["the person's own key with billing:write", key(null, ["billing:write"]), person, F],
    ["a coop_admin's key with billing:write", key(null, ["billing:write"], ["coop_admin"]), person, F],
    ["anonymous", { kind: "anonymous" } as Principal, person, U],
  ] as [string, Principal, Resource, Decision][])("%s", (_, principal, resource, expected) => {
    expect(decide(principal, "shares.pay", resource)).toBe(expected);
  });
});

describe("decide(): provider.manage by organisation and by profile", () => {
  const admin = user([inP("admin")]);
  it.each([
    ["its own organisation", { orgId: ORG_P }, A],
    ["its organisation and its profile", { orgId: ORG_P, providerId: MANAGED }, A],
    ["its organisation but another profile", { orgId: ORG_P, providerId: OTHER_PROVIDER }, F],
    ["another profile", { providerId: OTHER_PROVIDER }, F],
    ["another organisation", { orgId: "org_q" }, F],
    ["nothing named", {}, F],
  ] as [string, Resource, Decision][])("a provider admin, on %s → %s", (_label, resource, expected) => {
    expect(decide(admin, "provider.manage", resource)).toBe(expected);
  });

  it("a member organisation's admin manages no provider, even by its own organisation id", () => {
    expect(decide(user([inA("admin")]), "provider.manage", { orgId: ORG_A })).toBe(F);
  });

  it("a provider key manages its own profile only", () => {
    const k = key(inP("admin"), ["offers:write"]);
    expect(decide(k, "provider.manage", { providerId: MANAGED })).toBe(A);
    expect(decide(k, "provider.manage", { providerId: OTHER_PROVIDER })).toBe(F);
    expect(decide(k, "provider.manage", {})).toBe(F);
  });
});

describe("decide(): organisation actions on another organisation", () => {
  it("an owner of A has no say over B, nor over the provider", () => {
    const owner = user([inA("owner")]);
    for (const orgId of ["org_b", ORG_P]) {
      expect(decide(owner, "org.read", { orgId })).toBe(F);
      expect(decide(owner, "org.manage", { orgId })).toBe(F);
      expect(decide(owner, "org.own", { orgId })).toBe(F);
    }
  });

  it("stewards and coop_admins read any organisation but manage none", () => {
    for (const role of ["steward", "coop_admin"] as const) {
      const p = user([], [role]);
      expect(decide(p, "org.read", { orgId: "org_b" })).toBe(A);
      expect(decide(p, "org.manage", { orgId: "org_b" })).toBe(F);
    }
  });

  it("org actions without an organisation are forbidden, not allowed", () => {
    expect(decide(user([inA("owner")]), "org.manage", {})).toBe(F);
    expect(decide(user([inA("owner")]), "org.read", {})).toBe(F);
  });
});

describe("decide(): the transition's capacities and collective assignment", () => {
  it("capacity.manage: the provider's owners/admins, its key with offers:write, stewards; no one else", () => {
    const r = { providerId: MANAGED };
    expect(decide(user([inP("owner")]), "capacity.manage", r)).toBe(A);
    expect(decide(user([inP("admin")]), "capacity.manage", r)).toBe(A);
    expect(decide(user([inP("member")]), "capacity.manage", r)).toBe(F);
    expect(decide(user([inP("owner")]), "capacity.manage", { providerId: OTHER_PROVIDER })).toBe(F);
    expect(decide(user([inA("owner")]), "capacity.manage", r)).toBe(F);
    expect(decide(user([], ["steward"]), "capacity.manage", r)).toBe(A);
    expect(decide(user([], ["coop_admin"]), "capacity.manage", r)).toBe(F);
    expect(decide(key(inP("admin"), ["offers:write"]), "capacity.manage", r)).toBe(A);
    expect(decide(key(inP("admin"), ["offers:write"]), "capacity.manage", { providerId: OTHER_PROVIDER })).toBe(F);
    expect(decide(key(inP("admin"), ["webhooks:manage"]), "capacity.manage", r)).toBe(F);
    expect(decide({ kind: "anonymous" }, "capacity.manage", r)).toBe("unauthenticated");
  });

  it("transition.assign: stewards and their personal key with migrations:write only", () => {
    expect(decide(user([], ["steward"]), "transition.assign")).toBe(A);
    expect(decide(user([inA("owner"), inP("owner")]), "transition.assign")).toBe(F);
    expect(decide(user([], ["coop_admin"]), "transition.assign")).toBe(F);
    expect(decide(key(null, ["migrations:write"], ["steward"]), "transition.assign")).toBe(A);
    expect(decide(key(null, ["transition:import"], ["steward"]), "transition.assign")).toBe(F);
    expect(decide(key(inA("owner"), ["migrations:write"]), "transition.assign")).toBe(F);
    expect(decide({ kind: "anonymous" }, "transition.assign")).toBe("unauthenticated");
  });
});
