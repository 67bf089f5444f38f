// Operations: the platform's health, for stewards.
import { only, PAGE, POST, type Row } from "../kit";

export const rows: Row[] = [
  { route: "GET /admin/health", request: () => ({ path: "/admin/health" }), expect: only(["steward"], 200, PAGE) },
  { route: "GET /api/v1/health", request: () => ({ path: "/api/v1/health" }), expect: only(["steward"], 200, POST) },
];
