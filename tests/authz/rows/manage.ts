// Provider self-service (providerOrg manages providerX; `providerOwner` owns it): pages and API.
import { only, PAGE, POST, unique, OFFER_FORM, type Row } from "../kit";
import { freshOffer } from "../world";

const PROFILE_FORM = { name: "Host X", description: "Edited by the matrix", legal_form: "ASSOCIATION", website: "https://host-x.example.org", contact_email: "contact@host-x.example.org", country_code: "BE", languages: "fr", accepting_members: "on" };

export const rows: Row[] = [
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
  { route: "POST /api/v1/providers/:providerId/offers", request: (w) => ({ path: `/api/v1/providers/${w.providerX}/offers`, json: { key: `api-${unique()}`, service: "mailbox", name: "API mail" } }), expect: only(["providerOwner"], 202, POST) },
  { route: "PATCH /api/v1/offers/:offerId", request: async (w) => ({ path: `/api/v1/offers/${await freshOffer(w.providerX)}`, method: "PATCH", json: { description: "Patched" } }), expect: only(["providerOwner"], 200, POST) },
  { route: "POST /api/v1/offers/:offerId/archive", request: async (w) => ({ path: `/api/v1/offers/${await freshOffer(w.providerX)}/archive`, json: {} }), expect: only(["providerOwner"], 200, POST) },
  { route: "GET /api/v1/providers/:providerId/changes", request: (w) => ({ path: `/api/v1/providers/${w.providerX}/changes` }), expect: only(["providerOwner"], 200, POST) },
];
