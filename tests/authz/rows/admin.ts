// Stewards (and the cooperative's administrators where said): people, roles, the audit log.
import { env } from "cloudflare:test";
import { person } from "../../helpers/people";
import { only, PAGE, POST, unique, type Row } from "../kit";

export const rows: Row[] = [
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
];
