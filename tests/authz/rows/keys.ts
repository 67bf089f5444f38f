// API keys: a provider organisation's (providerOrg) and a steward's own.
import { only, PAGE, POST, type Row } from "../kit";
import { EMAILS, freshKeyId } from "../world";

export const rows: Row[] = [
  { route: "GET /orgs/:orgId/keys", request: (w) => ({ path: `/orgs/${w.providerOrg}/keys` }), expect: only(["providerOwner"], 200, PAGE) },
  { route: "POST /orgs/:orgId/keys", request: (w) => ({ path: `/orgs/${w.providerOrg}/keys`, form: { name: "matrix", scopes: "offers:write" } }), expect: only(["providerOwner"], 201, POST) },
  { route: "POST /orgs/:orgId/keys/:keyId/revoke", request: async (w) => ({ path: `/orgs/${w.providerOrg}/keys/${await freshKeyId(EMAILS.providerOwner, w.providerOrg)}/revoke`, form: {} }), expect: only(["providerOwner"], 303, POST) },
  { route: "GET /admin/keys", request: () => ({ path: "/admin/keys" }), expect: only(["steward"], 200, PAGE) },
  { route: "POST /admin/keys", request: () => ({ path: "/admin/keys", form: { name: "matrix", scopes: "audit:read" } }), expect: only(["steward"], 201, POST) },
  { route: "POST /admin/keys/:keyId/revoke", request: async () => ({ path: `/admin/keys/${await freshKeyId(EMAILS.steward, null)}/revoke`, form: {} }), expect: only(["steward"], 303, POST) },
];
