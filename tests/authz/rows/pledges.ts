// The cooperative's pledges (src/coop/pledges): anyone pledges, reads the meter and confirms by the
// mailed link (its secret is the key); only coop_admins (or their key with billing:write) set the
// targets and open the cooperative.
import { env } from "cloudflare:test";
import { newInvitationToken } from "../../../src/accounts/orgs/tokens";
import { everyone, only, PAGE, POST, unique, type Row } from "../kit";

const PLEDGE = () => ({ name: "Anaïs", email: `pledge-${unique()}@matrix.test`, roles: ["client"], monthly_cents: 2500 });
const SETTINGS = { fixed_monthly_cents: 100_000, cost_per_unit_cents: { mailbox: 150 }, target_capital_cents: 1_000_000 };

/** A pending pledge whose link's token we know (the mail's token is never stored). */
async function pendingLink(): Promise<string> {
  const { token, hash } = await newInvitationToken();
  await env.DB.prepare("insert into pledges (id, email, name, roles, services, monthly_cents, language, token_hash, token_expires_at) values (?, ?, 'Matrix', '[\"client\"]', '[]', 1000, 'fr', ?, '2999-01-01T00:00:00Z')")
    .bind(`plg_${unique()}${unique()}`, `link-${unique()}@matrix.test`, hash)
    .run();
  return `/coop/pledges/confirm/${token}`;
}

const coop = (ok: number, anonymous: number) => only(["coopAdmin"], ok, anonymous);

export const rows: Row[] = [
  { route: "POST /api/v1/pledges", request: () => ({ path: "/api/v1/pledges", json: PLEDGE() }), expect: everyone(202) },
  { route: "GET /api/v1/coop/viability", request: () => ({ path: "/api/v1/coop/viability" }), expect: everyone(200) },
  { route: "PUT /api/v1/coop/viability/settings", request: () => ({ path: "/api/v1/coop/viability/settings", json: SETTINGS, method: "PUT" }), expect: coop(200, POST) },
  { route: "POST /api/v1/coop/open", request: () => ({ path: "/api/v1/coop/open", json: {} }), expect: coop(200, POST) },
  { route: "GET /coop", request: () => ({ path: "/coop" }), expect: everyone(200) },
  {
    route: "POST /coop/pledges",
    request: () => ({ path: "/coop/pledges", form: { name: "Anaïs", email: `form-${unique()}@matrix.test`, roles: ["supporter"], capital: "250,00" } }),
    expect: everyone(303),
  },
  { route: "GET /coop/pledges/confirm/:token", request: async () => ({ path: await pendingLink() }), expect: everyone(200) },
  { route: "POST /coop/pledges/confirm/:token", request: async () => ({ path: await pendingLink(), form: {} }), expect: everyone(303) },
  { route: "GET /coop/viability/settings", request: () => ({ path: "/coop/viability/settings" }), expect: coop(200, PAGE) },
  { route: "POST /coop/viability/settings", request: () => ({ path: "/coop/viability/settings", form: { fixed_monthly: "1000,00", cost_mailbox: "1,50", target_capital: "10000" } }), expect: coop(303, POST) },
  { route: "POST /coop/open", request: () => ({ path: "/coop/open", form: {} }), expect: coop(303, POST) },
];
