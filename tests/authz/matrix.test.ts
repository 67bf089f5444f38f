// The authorisation matrix: every route of the app × every role, with the status each must get.
// A route added without a row here fails the coverage test, so nothing ships without a decision.
// Cells that change what they touch get fresh resources (world.ts), so each cell is independent.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { Browser, newDevice, signIn } from "../accounts/helpers";
import { BASE } from "../helpers/http";
import { makeOrg, person } from "../helpers/people";
import { buildWorld, EMAILS, freshClaim, freshInvitation, freshKeyId, freshOffer, ROLES, type Role, type World } from "./world";

type Status = number;
type Expect = Record<Role, Status>;

interface Request {
  path: string;
  /** Form fields (a page's POST) or a JSON body (under /api). */
  form?: Record<string, string | string[]>;
  json?: unknown;
  method?: "PATCH";
}

interface Row {
  route: string; // `METHOD /path/:param`, as the app registers it
  request: (w: World, role: Role) => Request | Promise<Request>;
  expect: Expect;
  /** The cell signs the browser out: give it a session of its own. */
  ownSession?: boolean;
}

// ── Expectation shapes ──────────────────────────────────────────────────────────────────────────
const everyone = (status: Status): Expect => Object.fromEntries(ROLES.map((r) => [r, status])) as Expect;
/** Signed-in people get `ok`; anonymous visitors are sent to sign in (pages) or get 401 (posts, API). */
const signedIn = (ok: Status, anonymous: Status): Expect => ({ ...everyone(ok), anonymous });
/** Only the roles listed get `ok`; the other signed-in roles 403. */
const only = (roles: Role[], ok: Status, anonymous: Status, overrides: Partial<Expect> = {}): Expect => ({
  ...everyone(403),
  ...Object.fromEntries(roles.map((r) => [r, ok])),
  anonymous,
  ...overrides,
});
const PAGE = 303; // a page behind sign-in sends anonymous visitors to /sign-in
const POST = 401; // a post or an API call without a session

const unique = () => crypto.randomUUID().slice(0, 8);
const OFFER_FORM = { service: "mailbox", name: "Matrix mail", description: "IMAP", pricing_model: "paid", amount: "2", period: "month", unit: "per_unit", setup_fee: "0", features: "imap", registration: "Member", load: "OPEN" };
const PROFILE_FORM = { name: "Host X", description: "Edited by the matrix", legal_form: "ASSOCIATION", website: "https://host-x.example.org", contact_email: "contact@host-x.example.org", country_code: "BE", languages: "fr", accepting_members: "on" };
const CHATONSINFOS = (name: string) => ({ organization: `file.class = organization\norganization.name = ${name}\norganization.website = https://${name.toLowerCase()}.example.org`, services: [] });
const LIBREHOST = (name: string) => ({ name, url: `https://${name.toLowerCase()}.example.org`, services: [] });

/** A pending change waiting for a steward: the provider proposes a new offer through its pages. */
async function freshChange(w: World): Promise<string> {
  const name = `Pending ${unique()}`;
  const res = await w.browsers.providerOwner.post(`/orgs/${w.providerOrg}/offers`, { ...OFFER_FORM, name });
  expect(res.status).toBe(303);
  const row = await env.DB.prepare("select c.id from pending_changes c join offers o on o.id = c.subject_id where o.name = ?").bind(name).first<{ id: string }>();
  return row!.id;
}

/** Fresh saved needs or a fresh shortlist entry of an organisation, for a cell that deletes it. */
async function freshSaved(orgId: string, table: "saved_needs" | "shortlist_items"): Promise<string> {
  const id = `${table === "saved_needs" ? "ned" : "sht"}_${unique()}`;
  const sql =
    table === "saved_needs"
      ? "insert into saved_needs (id, org_id, name, query, request) values (?, ?, 'matrix', 'mailbox_qty=1', '{}')"
      : "insert into shortlist_items (id, org_id, items, monthly_cents, yearly_cents, providers, score, query) values (?, ?, '[]', 0, 0, 1, 50, 'mailbox_qty=1')";
  await env.DB.prepare(sql).bind(id, orgId).run();
  return id;
}
/** A search Mail X answers: "submitted" without "accepting" means any provider. */
const MATCH_QUERY = "submitted=1&mailbox_qty=1";

async function foreignSession(): Promise<string> {
  await signIn(`bystander-${unique()}@matrix.test`);
  const row = await env.DB.prepare("select s.id from sessions s join users u on u.id = s.user_id where u.email like 'bystander-%' order by s.created_at desc").first<{ id: string }>();
  return row!.id;
}

const ROWS: Row[] = [
  // ── Public catalogue, matching, documentation ─────────────────────────────────────────────────
  { route: "GET /healthz", request: () => ({ path: "/healthz" }), expect: everyone(200) },
  { route: "GET /api/v1/providers", request: () => ({ path: "/api/v1/providers" }), expect: everyone(200) },
  { route: "GET /api/v1/providers/:id", request: (w) => ({ path: `/api/v1/providers/${w.providerX}` }), expect: everyone(200) },
  { route: "GET /api/v1/providers/:id/organization.properties", request: (w) => ({ path: `/api/v1/providers/${w.providerX}/organization.properties` }), expect: everyone(200) },
  { route: "GET /api/v1/providers/:id/librehost.json", request: (w) => ({ path: `/api/v1/providers/${w.providerX}/librehost.json` }), expect: everyone(200) },
  { route: "GET /api/v1/offers", request: () => ({ path: "/api/v1/offers" }), expect: everyone(200) },
  { route: "GET /api/v1/offers/:id", request: (w) => ({ path: `/api/v1/offers/${w.offerX}` }), expect: everyone(200) },
  { route: "GET /api/v1/offers/:id/service.properties", request: (w) => ({ path: `/api/v1/offers/${w.offerX}/service.properties` }), expect: everyone(200) },
  { route: "GET /api/v1/offers/:id/versions", request: (w) => ({ path: `/api/v1/offers/${w.offerX}/versions` }), expect: everyone(200) },
  { route: "GET /api/v1/offers/:id/versions/:version", request: (w) => ({ path: `/api/v1/offers/${w.offerX}/versions/1` }), expect: everyone(200) },
  { route: "POST /api/v1/match", request: () => ({ path: "/api/v1/match", json: { needs: [{ service: "mailbox", quantity: 1 }] } }), expect: everyone(200) },
  { route: "GET /api/openapi.json", request: () => ({ path: "/api/openapi.json" }), expect: everyone(200) },
  { route: "GET /api/docs", request: () => ({ path: "/api/docs" }), expect: everyone(200) },
  { route: "GET /", request: () => ({ path: "/" }), expect: everyone(200) },
  { route: "GET /providers", request: () => ({ path: "/providers" }), expect: everyone(200) },
  { route: "GET /providers/:id", request: (w) => ({ path: `/providers/${w.providerX}` }), expect: everyone(200) },
  { route: "GET /offers/:id/versions/:version", request: (w) => ({ path: `/offers/${w.offerX}/versions/1` }), expect: everyone(200) },
  { route: "GET /compare", request: (w) => ({ path: `/compare?offers=${w.offerX}&offers=${w.offerY}` }), expect: everyone(200) },
  { route: "GET /match", request: () => ({ path: "/match" }), expect: everyone(200) },
  { route: "GET /match/results", request: () => ({ path: "/match/results?mailbox_qty=2&mailbox_gb=1" }), expect: everyone(200) },

  // ── Sign-in (public) and better-auth's endpoints ──────────────────────────────────────────────
  { route: "GET /api/auth/*", request: () => ({ path: "/api/auth/get-session" }), expect: everyone(200) },
  // Links are only asked for through our rate-limited form: better-auth's own endpoint is switched off.
  { route: "POST /api/auth/*", request: () => ({ path: "/api/auth/sign-in/magic-link", json: { email: "x@matrix.test" } }), expect: everyone(404) },
  { route: "GET /sign-in", request: () => ({ path: "/sign-in" }), expect: { ...everyone(303), anonymous: 200 } },
  { route: "POST /sign-in", request: () => ({ path: "/sign-in", form: { email: `someone-${unique()}@matrix.test` } }), expect: everyone(303) },
  { route: "GET /sign-in/sent", request: () => ({ path: "/sign-in/sent" }), expect: everyone(200) },
  { route: "GET /sign-in/confirm", request: () => ({ path: "/sign-in/confirm?token=abcdefghijklmnopqrstuvwxyz012345&callbackURL=%2Faccount" }), expect: everyone(200) },
  { route: "POST /sign-in/confirm", request: () => ({ path: "/sign-in/confirm", form: { token: "abcdefghijklmnopqrstuvwxyz012345", next: "/account" } }), expect: everyone(303) },
  { route: "POST /sign-out", request: () => ({ path: "/sign-out", form: {} }), expect: everyone(303), ownSession: true },

  // ── One's own account ─────────────────────────────────────────────────────────────────────────
  { route: "GET /account", request: () => ({ path: "/account" }), expect: signedIn(200, PAGE) },
  { route: "POST /account/language", request: () => ({ path: "/account/language", form: { language: "fr" } }), expect: signedIn(303, POST) },
  { route: "GET /account/sessions", request: () => ({ path: "/account/sessions" }), expect: signedIn(200, PAGE) },
  // Someone else's session or passkey is not found, whoever asks.
  { route: "POST /account/sessions/:id/revoke", request: async () => ({ path: `/account/sessions/${await foreignSession()}/revoke`, form: {} }), expect: signedIn(404, POST) },
  { route: "GET /account/passkeys", request: () => ({ path: "/account/passkeys" }), expect: signedIn(200, PAGE) },
  { route: "POST /account/passkeys/:id/delete", request: () => ({ path: "/account/passkeys/pky_someoneelses/delete", form: {} }), expect: signedIn(404, POST) },
  { route: "GET /account/organisations", request: () => ({ path: "/account/organisations" }), expect: signedIn(200, PAGE) },
  { route: "POST /account/organisations", request: () => ({ path: "/account/organisations", form: { name: `New org ${unique()}`, kind: "member" } }), expect: signedIn(303, POST) },
  { route: "GET /api/v1/me/export", request: () => ({ path: "/api/v1/me/export" }), expect: signedIn(200, POST) },

  // ── A member organisation (memberOrg: `member` is its owner) ──────────────────────────────────
  { route: "GET /orgs/:orgId", request: (w) => ({ path: `/orgs/${w.memberOrg}` }), expect: only(["member", "steward", "coopAdmin"], 200, PAGE) },
  {
    route: "POST /orgs/:orgId/members/:userId/role",
    request: async (w) => {
      const userId = await person(`plain-${unique()}@matrix.test`);
      await env.DB.prepare("insert into memberships (org_id, user_id, role) values (?, ?, 'member')").bind(w.memberOrg, userId).run();
      return { path: `/orgs/${w.memberOrg}/members/${userId}/role`, form: { role: "admin" } };
    },
    expect: only(["member"], 303, POST),
  },
  {
    route: "POST /orgs/:orgId/members/:userId/remove",
    request: async (w) => {
      const userId = await person(`plain-${unique()}@matrix.test`);
      await env.DB.prepare("insert into memberships (org_id, user_id, role) values (?, ?, 'member')").bind(w.memberOrg, userId).run();
      return { path: `/orgs/${w.memberOrg}/members/${userId}/remove`, form: {} };
    },
    expect: only(["member"], 303, POST),
  },
  // The owner is the last one: leaving would orphan the organisation (409); others are not members.
  { route: "POST /orgs/:orgId/leave", request: (w) => ({ path: `/orgs/${w.memberOrg}/leave`, form: {} }), expect: only(["member"], 409, POST) },
  { route: "POST /orgs/:orgId/invitations", request: (w) => ({ path: `/orgs/${w.memberOrg}/invitations`, form: { email: `invitee-${unique()}@matrix.test`, role: "member", language: "fr" } }), expect: only(["member"], 303, POST) },
  {
    route: "POST /orgs/:orgId/invitations/:invitationId/revoke",
    request: async (w) => ({ path: `/orgs/${w.memberOrg}/invitations/${(await freshInvitation(w.memberOrg, `invitee-${unique()}@matrix.test`)).id}/revoke`, form: {} }),
    expect: only(["member"], 303, POST),
  },
  { route: "GET /orgs/:orgId/profile", request: (w) => ({ path: `/orgs/${w.memberOrg}/profile` }), expect: only(["member", "steward", "coopAdmin"], 200, PAGE) },
  { route: "POST /orgs/:orgId/profile", request: (w) => ({ path: `/orgs/${w.memberOrg}/profile`, form: { legal_name: "Member A asbl", company_number: "BE0417497106", country: "BE", language: "fr" } }), expect: only(["member"], 303, POST) },
  // An invitation link is public; only the invited address may accept it (here: otherMember's).
  { route: "GET /invitations/:token", request: async (w) => ({ path: `/invitations/${(await freshInvitation(w.memberOrg, `invitee-${unique()}@matrix.test`)).token}` }), expect: everyone(200) },
  {
    route: "POST /invitations/:token/accept",
    request: async () => {
      const orgId = await makeOrg({ kind: "member", members: [{ email: `host-${unique()}@matrix.test`, role: "owner" }] });
      return { path: `/invitations/${(await freshInvitation(orgId, EMAILS.otherMember)).token}/accept`, form: {} };
    },
    expect: only(["otherMember"], 303, POST),
  },
  // Saved needs and the shortlist: read by the organisation (and stewards, coop_admins), changed by its owners and admins.
  { route: "GET /orgs/:orgId/needs", request: (w) => ({ path: `/orgs/${w.memberOrg}/needs` }), expect: only(["member", "steward", "coopAdmin"], 200, PAGE) },
  { route: "POST /orgs/:orgId/needs", request: (w) => ({ path: `/orgs/${w.memberOrg}/needs`, form: { query: MATCH_QUERY, name: `Needs ${unique()}` } }), expect: only(["member"], 303, POST) },
  { route: "POST /orgs/:orgId/needs/:id/delete", request: async (w) => ({ path: `/orgs/${w.memberOrg}/needs/${await freshSaved(w.memberOrg, "saved_needs")}/delete`, form: {} }), expect: only(["member"], 303, POST) },
  { route: "POST /orgs/:orgId/shortlist", request: (w) => ({ path: `/orgs/${w.memberOrg}/shortlist`, form: { query: MATCH_QUERY, bundle: "0" } }), expect: only(["member"], 303, POST) },
  { route: "POST /orgs/:orgId/shortlist/:id/delete", request: async (w) => ({ path: `/orgs/${w.memberOrg}/shortlist/${await freshSaved(w.memberOrg, "shortlist_items")}/delete`, form: {} }), expect: only(["member"], 303, POST) },
  { route: "GET /admin/organisations", request: () => ({ path: "/admin/organisations" }), expect: only(["steward", "coopAdmin"], 200, PAGE) },

  // ── A provider organisation (providerOrg manages providerX; `providerOwner` owns it) ──────────
  { route: "GET /orgs/:orgId/provider", request: (w) => ({ path: `/orgs/${w.providerOrg}/provider` }), expect: only(["providerOwner"], 200, PAGE) },
  // It already has its profile: a second one is a conflict, for its owner only.
  { route: "POST /orgs/:orgId/provider", request: (w) => ({ path: `/orgs/${w.providerOrg}/provider`, form: PROFILE_FORM }), expect: only(["providerOwner"], 409, POST) },
  { route: "POST /orgs/:orgId/provider/claim", request: (w) => ({ path: `/orgs/${w.providerOrg}/provider/claim`, form: { provider_id: w.providerY } }), expect: only(["providerOwner"], 409, POST) },
  { route: "POST /orgs/:orgId/provider/edit", request: (w) => ({ path: `/orgs/${w.providerOrg}/provider/edit`, form: PROFILE_FORM }), expect: only(["providerOwner"], 303, POST) },
  { route: "GET /orgs/:orgId/offers", request: (w) => ({ path: `/orgs/${w.providerOrg}/offers` }), expect: only(["providerOwner"], 200, PAGE) },
  { route: "GET /orgs/:orgId/offers/new", request: (w) => ({ path: `/orgs/${w.providerOrg}/offers/new` }), expect: only(["providerOwner"], 200, PAGE) },
  { route: "POST /orgs/:orgId/offers", request: (w) => ({ path: `/orgs/${w.providerOrg}/offers`, form: { ...OFFER_FORM, name: `New ${unique()}` } }), expect: only(["providerOwner"], 303, POST) },
  { route: "GET /orgs/:orgId/offers/:offerId/edit", request: (w) => ({ path: `/orgs/${w.providerOrg}/offers/${w.offerX}/edit` }), expect: only(["providerOwner"], 200, PAGE) },
  {
    route: "POST /orgs/:orgId/offers/:offerId",
    request: async (w) => {
      const name = `Edit ${unique()}`;
      return { path: `/orgs/${w.providerOrg}/offers/${await freshOffer(w.providerX, { name, service: "mailbox", pricingModel: "paid", amountCents: 200, unit: "per_unit", features: ["imap"] })}`, form: { ...OFFER_FORM, name, description: "Now with webmail" } };
    },
    expect: only(["providerOwner"], 303, POST),
  },
  { route: "POST /orgs/:orgId/offers/:offerId/archive", request: async (w) => ({ path: `/orgs/${w.providerOrg}/offers/${await freshOffer(w.providerX)}/archive`, form: {} }), expect: only(["providerOwner"], 303, POST) },
  { route: "POST /orgs/:orgId/offers/:offerId/unarchive", request: async (w) => ({ path: `/orgs/${w.providerOrg}/offers/${await freshOffer(w.providerX, { status: "archived" })}/unarchive`, form: {} }), expect: only(["providerOwner"], 303, POST) },
  { route: "GET /orgs/:orgId/keys", request: (w) => ({ path: `/orgs/${w.providerOrg}/keys` }), expect: only(["providerOwner"], 200, PAGE) },
  { route: "POST /orgs/:orgId/keys", request: (w) => ({ path: `/orgs/${w.providerOrg}/keys`, form: { name: "matrix", scopes: "offers:write" } }), expect: only(["providerOwner"], 201, POST) },
  { route: "POST /orgs/:orgId/keys/:keyId/revoke", request: async (w) => ({ path: `/orgs/${w.providerOrg}/keys/${await freshKeyId(EMAILS.providerOwner, w.providerOrg)}/revoke`, form: {} }), expect: only(["providerOwner"], 303, POST) },
  { route: "POST /api/v1/providers/:providerId/offers", request: (w) => ({ path: `/api/v1/providers/${w.providerX}/offers`, json: { key: `api-${unique()}`, service: "mailbox", name: "API mail" } }), expect: only(["providerOwner"], 202, POST) },
  { route: "PATCH /api/v1/offers/:offerId", request: async (w) => ({ path: `/api/v1/offers/${await freshOffer(w.providerX)}`, method: "PATCH", json: { description: "Patched" } }), expect: only(["providerOwner"], 200, POST) },
  { route: "POST /api/v1/offers/:offerId/archive", request: async (w) => ({ path: `/api/v1/offers/${await freshOffer(w.providerX)}/archive`, json: {} }), expect: only(["providerOwner"], 200, POST) },
  { route: "GET /api/v1/providers/:providerId/changes", request: (w) => ({ path: `/api/v1/providers/${w.providerX}/changes` }), expect: only(["providerOwner"], 200, POST) },

  // ── Stewards (and the cooperative's administrators where said) ────────────────────────────────
  { route: "GET /admin", request: () => ({ path: "/admin" }), expect: only(["steward", "coopAdmin"], 200, PAGE) },
  { route: "GET /admin/people", request: () => ({ path: "/admin/people" }), expect: only(["steward"], 200, PAGE) },
  { route: "POST /admin/people/grant", request: () => ({ path: "/admin/people/grant", form: { email: `granted-${unique()}@matrix.test`, role: "coop_admin" } }), expect: only(["steward"], 303, POST) },
  {
    route: "POST /admin/people/revoke",
    request: async () => {
      const userId = await person(`revoked-${unique()}@matrix.test`);
      await env.DB.prepare("insert into platform_roles (user_id, role, granted_by) values (?, 'coop_admin', 'test')").bind(userId).run();
      return { path: "/admin/people/revoke", form: { user_id: userId, role: "coop_admin" } };
    },
    expect: only(["steward"], 303, POST),
  },
  { route: "GET /admin/audit", request: () => ({ path: "/admin/audit" }), expect: only(["steward"], 200, PAGE) },
  { route: "GET /api/v1/audit", request: () => ({ path: "/api/v1/audit" }), expect: only(["steward"], 200, POST) },
  { route: "GET /admin/health", request: () => ({ path: "/admin/health" }), expect: only(["steward"], 200, PAGE) },
  { route: "GET /api/v1/health", request: () => ({ path: "/api/v1/health" }), expect: only(["steward"], 200, POST) },
  { route: "GET /admin/keys", request: () => ({ path: "/admin/keys" }), expect: only(["steward"], 200, PAGE) },
  { route: "POST /admin/keys", request: () => ({ path: "/admin/keys", form: { name: "matrix", scopes: "audit:read" } }), expect: only(["steward"], 201, POST) },
  { route: "POST /admin/keys/:keyId/revoke", request: async () => ({ path: `/admin/keys/${await freshKeyId(EMAILS.steward, null)}/revoke`, form: {} }), expect: only(["steward"], 303, POST) },
  { route: "GET /admin/moderation", request: () => ({ path: "/admin/moderation" }), expect: only(["steward"], 200, PAGE) },
  { route: "POST /admin/moderation/changes/:id/approve", request: async (w) => ({ path: `/admin/moderation/changes/${await freshChange(w)}/approve`, form: {} }), expect: only(["steward"], 303, POST) },
  { route: "POST /admin/moderation/changes/:id/reject", request: async (w) => ({ path: `/admin/moderation/changes/${await freshChange(w)}/reject`, form: { reason: "Incomplete" } }), expect: only(["steward"], 303, POST) },
  { route: "POST /admin/moderation/claims/:id/approve", request: async () => ({ path: `/admin/moderation/claims/${await freshClaim()}/approve`, form: {} }), expect: only(["steward"], 303, POST) },
  { route: "POST /admin/moderation/claims/:id/reject", request: async () => ({ path: `/admin/moderation/claims/${await freshClaim()}/reject`, form: { reason: "Not theirs" } }), expect: only(["steward"], 303, POST) },
  { route: "POST /api/v1/import/chatonsinfos", request: () => ({ path: "/api/v1/import/chatonsinfos", json: CHATONSINFOS(`Imported${unique()}`) }), expect: only(["steward"], 201, POST) },
  { route: "POST /api/v1/import/librehosters", request: () => ({ path: "/api/v1/import/librehosters", json: LIBREHOST(`Libre${unique()}`) }), expect: only(["steward"], 201, POST) },

  // ── Development only: the mailbox does not exist in any other environment ─────────────────────
  { route: "GET /dev/mailbox", request: () => ({ path: "/dev/mailbox" }), expect: everyone(404) },
  { route: "GET /dev/mailbox/:id", request: () => ({ path: "/dev/mailbox/msg_x" }), expect: everyone(404) },
  { route: "GET /dev/mailbox/:id/html", request: () => ({ path: "/dev/mailbox/msg_x/html" }), expect: everyone(404) },
];

async function send(browser: Browser, req: Request): Promise<Response> {
  if (req.json !== undefined) {
    return browser.fetch(req.path, {
      method: req.method ?? "POST",
      headers: { "content-type": "application/json", origin: BASE, "sec-fetch-site": "same-origin" },
      body: JSON.stringify(req.json),
    });
  }
  if (req.form) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(req.form)) for (const one of [v].flat()) body.append(k, one);
    return browser.fetch(req.path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE, "sec-fetch-site": "same-origin" }, body: body.toString() });
  }
  return browser.fetch(req.path);
}

let world: World;
beforeAll(async () => {
  world = await buildWorld(newDevice());
}, 60_000);

describe("the authorisation matrix", () => {
  it("has a row for every route the app serves", () => {
    const served = new Set(createApp().routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
    const covered = new Set(ROWS.map((r) => r.route));
    expect([...served].filter((r) => !covered.has(r)).sort(), "routes without a row").toEqual([]);
    expect([...covered].filter((r) => !served.has(r)).sort(), "rows without a route").toEqual([]);
  });

  it.each(ROWS.map((row) => [row.route, row] as const))("%s", async (_route, row) => {
    const got: Partial<Expect> = {};
    for (const role of ROLES) {
      let browser = world.browsers[role];
      if (row.ownSession && role !== "anonymous") browser = await signIn(EMAILS[role]);
      const res = await send(browser, await row.request(world, role));
      got[role] = res.status;
      // A page sending an anonymous visitor away must send them to sign in.
      if (res.status === 303 && role === "anonymous" && row.expect.anonymous === PAGE && !row.route.startsWith("POST")) {
        expect(res.headers.get("location")).toMatch(/^\/sign-in\?next=/);
      }
    }
    expect(got).toEqual(row.expect);
  });
});
