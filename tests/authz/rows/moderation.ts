// The stewards' moderation queue: pending changes and claims.
import { env } from "cloudflare:test";
import { expect } from "vitest";
import { only, PAGE, POST, unique, OFFER_FORM, type Row } from "../kit";
import { freshClaim, type World } from "../world";

/** A pending change waiting for a steward: the provider proposes a new offer through its pages. */
async function freshChange(w: World): Promise<string> {
  const name = `Pending ${unique()}`;
  const res = await w.browsers.providerOwner.post(`/orgs/${w.providerOrg}/offers`, { ...OFFER_FORM, name });
  expect(res.status).toBe(303);
  const row = await env.DB.prepare("select c.id from pending_changes c join offers o on o.id = c.subject_id where o.name = ?").bind(name).first<{ id: string }>();
  return row!.id;
}

export const rows: Row[] = [
  { route: "GET /admin/moderation", request: () => ({ path: "/admin/moderation" }), expect: only(["steward"], 200, PAGE) },
  { route: "POST /admin/moderation/changes/:id/approve", request: async (w) => ({ path: `/admin/moderation/changes/${await freshChange(w)}/approve`, form: {} }), expect: only(["steward"], 303, POST) },
  { route: "POST /admin/moderation/changes/:id/reject", request: async (w) => ({ path: `/admin/moderation/changes/${await freshChange(w)}/reject`, form: { reason: "Incomplete" } }), expect: only(["steward"], 303, POST) },
  { route: "POST /admin/moderation/claims/:id/approve", request: async () => ({ path: `/admin/moderation/claims/${await freshClaim()}/approve`, form: {} }), expect: only(["steward"], 303, POST) },
  { route: "POST /admin/moderation/claims/:id/reject", request: async () => ({ path: `/admin/moderation/claims/${await freshClaim()}/reject`, form: { reason: "Not theirs" } }), expect: only(["steward"], 303, POST) },
];
