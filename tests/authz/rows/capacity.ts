// The transition's capacities (src/transition/capacity): public read, the provider's managers and stewards write.
import { everyone, only, PAGE, POST, type Row } from "../kit";

export const rows: Row[] = [
  { route: "GET /api/v1/providers/:providerId/capacity", request: (w) => ({ path: `/api/v1/providers/${w.providerX}/capacity` }), expect: everyone(200) },
  {
    route: "PUT /api/v1/providers/:providerId/capacity",
    request: (w) => ({ path: `/api/v1/providers/${w.providerX}/capacity`, method: "PUT", json: { units: { mailbox: 40, web_hosting: 3 }, migrations_per_week: 5 } }),
    expect: only(["providerOwner", "steward"], 200, POST),
  },
  // The provider's own capacity form (the same people as the PUT): its owners/admins and stewards.
  { route: "GET /orgs/:orgId/provider/capacity", request: (w) => ({ path: `/orgs/${w.providerOrg}/provider/capacity` }), expect: only(["providerOwner", "steward"], 200, PAGE) },
  {
    route: "POST /orgs/:orgId/provider/capacity",
    request: (w) => ({ path: `/orgs/${w.providerOrg}/provider/capacity`, form: { units_mailbox: "40", units_web_hosting: "3", migrations_per_week: "5" } }),
    expect: only(["providerOwner", "steward"], 303, POST),
  },
  // The collective assignment (src/transition/assign): stewards only; it stores nothing.
  { route: "POST /api/v1/transition/assignments", request: (w) => ({ path: "/api/v1/transition/assignments", json: { organisation_ids: [w.memberOrg], mode: "optimal" } }), expect: only(["steward"], 200, POST) },
];
