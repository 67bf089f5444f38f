// The cast of the authorisation matrix: one signed-in browser per role, their organisations, two
// imported providers (one managed by each provider organisation), and makers of fresh resources
// for the cells that consume what they touch (a key revoked, an invitation accepted).
import { env } from "cloudflare:test";
import { hashKey, newKeySecret } from "../../src/accounts/keys/secret";
import { createDb } from "../../src/db/client";
import { offers, providers } from "../../src/db/schema";
import { newId } from "../../src/lib/ids";
import { offerRow, providerRow, type NewOffer } from "../fixtures/catalog";
import { signIn, type Browser } from "../accounts/helpers";
import { seed } from "../helpers/catalog";
import { apiKey, grantRole, makeOrg, person } from "../helpers/people";

export const ROLES = ["anonymous", "member", "otherMember", "providerOwner", "otherProvider", "steward", "coopAdmin"] as const;
export type Role = (typeof ROLES)[number];

export const EMAILS: Record<Exclude<Role, "anonymous">, string> = {
  member: "member@matrix.test",
  otherMember: "other-member@matrix.test",
  providerOwner: "provider@host-x.example.org",
  otherProvider: "provider@host-y.example.org",
  steward: "steward@matrix.test",
  coopAdmin: "coop@matrix.test",
};

export interface World {
  browsers: Record<Role, Browser>;
  memberOrg: string;
  otherMemberOrg: string;
  providerOrg: string;
  otherProviderOrg: string;
  /** Managed by providerOrg; otherProviderOrg manages providerY. */
  providerX: string;
  providerY: string;
  offerX: string;
  offerY: string;
  userIds: Record<Exclude<Role, "anonymous">, string>;
  /** Keys: providerOrg's offers key, and a steward's import + audit key. */
  keys: { providerX: string; steward: string };
}

export async function buildWorld(anonymous: Browser): Promise<World> {
  const [x, y] = await seed(
    { provider: { name: "Host X", website: "https://host-x.example.org", contact_email: "contact@host-x.example.org" }, offers: [{ service: "mailbox", name: "Mail X" }] },
    { provider: { name: "Host Y", website: "https://host-y.example.org", contact_email: "contact@host-y.example.org" }, offers: [{ service: "website", name: "Web Y" }] },
  );
  const memberOrg = await makeOrg({ kind: "member", name: "Member A", members: [{ email: EMAILS.member, role: "owner" }] });
  const otherMemberOrg = await makeOrg({ kind: "member", name: "Member B", members: [{ email: EMAILS.otherMember, role: "owner" }] });
  const providerOrg = await makeOrg({ kind: "provider", name: "Provider X", providerId: x!.provider_id, members: [{ email: EMAILS.providerOwner, role: "owner" }] });
  const otherProviderOrg = await makeOrg({ kind: "provider", name: "Provider Y", providerId: y!.provider_id, members: [{ email: EMAILS.otherProvider, role: "owner" }] });
  await grantRole(EMAILS.steward, "steward");
  await grantRole(EMAILS.coopAdmin, "coop_admin");
  const userIds = {} as World["userIds"];
  for (const [role, email] of Object.entries(EMAILS)) userIds[role as keyof typeof EMAILS] = await person(email);
  const browsers = { anonymous } as Record<Role, Browser>;
  for (const [role, email] of Object.entries(EMAILS)) browsers[role as Role] = await signIn(email);
  return {
    browsers,
    memberOrg,
    otherMemberOrg,
    providerOrg,
    otherProviderOrg,
    providerX: x!.provider_id,
    providerY: y!.provider_id,
    offerX: x!.offer_ids[0]!,
    offerY: y!.offer_ids[0]!,
    userIds,
    keys: {
      providerX: await apiKey({ email: EMAILS.providerOwner, orgId: providerOrg, scopes: ["offers:write"] }),
      steward: await apiKey({ email: EMAILS.steward, scopes: ["catalog:import", "audit:read"] }),
    },
  };
}

/** A fresh published offer of a provider, for a cell that archives or edits it. */
export async function freshOffer(providerId: string, overrides: Partial<NewOffer> = {}): Promise<string> {
  const row = offerRow(providerId, overrides);
  await createDb(env.DB).insert(offers).values(row);
  return row.id!;
}

/** A fresh pending claim of a fresh public profile by a fresh provider organisation. */
export async function freshClaim(): Promise<string> {
  const provider = providerRow();
  await createDb(env.DB).insert(providers).values(provider);
  const orgId = await makeOrg({ kind: "provider", members: [{ email: `claimant-${provider.id}@matrix.test`, role: "owner" }] });
  const id = newId("clm");
  await env.DB.prepare("insert into provider_claims (id, org_id, provider_id, method, status) values (?, ?, ?, 'steward', 'pending')").bind(id, orgId, provider.id).run();
  return id;
}

/** A fresh API key row of an organisation (or a steward's own), for a cell that revokes it. */
export async function freshKeyId(email: string, orgId: string | null): Promise<string> {
  const id = newId("key");
  const { secret, start, hash } = await newKeySecret();
  void secret;
  await env.DB.prepare("insert into api_keys (id, org_id, user_id, name, start, hash, scopes) values (?, ?, ?, 'matrix', ?, ?, ?)")
    .bind(id, orgId, await person(email), start, hash, JSON.stringify(orgId ? ["offers:write"] : ["audit:read"]))
    .run();
  return id;
}

/** A fresh failed outbox row (a mail the API refused), for a cell that retries it. */
export async function freshFailedMessage(): Promise<string> {
  const id = newId("msg");
  await env.DB.prepare("insert into outbox (id, channel, kind, recipient, payload, status, attempts, last_error) values (?, 'mail', 'matrix', 'matrix@example.be', '{}', 'failed', 9, 'dead-lettered after 9 attempts')")
    .bind(id)
    .run();
  return id;
}

/** A fresh pending invitation; returns its id and the token its link carries. */
export async function freshInvitation(orgId: string, email: string): Promise<{ id: string; token: string }> {
  const id = newId("inv");
  const token = `${crypto.randomUUID().replaceAll("-", "")}matrix00`; // 40 of [0-9a-z], like the real ones
  await env.DB.prepare("insert into invitations (id, org_id, email, role, token_hash, expires_at) values (?, ?, ?, 'member', ?, ?)")
    .bind(id, orgId, email, await hashKey(token), new Date(Date.now() + 86_400_000).toISOString())
    .run();
  return { id, token };
}
