// The app itself: health and the API documentation (public).
import { everyone, type Row } from "../kit";

export const rows: Row[] = [
  { route: "GET /healthz", request: () => ({ path: "/healthz" }), expect: everyone(200) },
  { route: "GET /api/openapi.json", request: () => ({ path: "/api/openapi.json" }), expect: everyone(200) },
  { route: "GET /api/docs", request: () => ({ path: "/api/docs" }), expect: everyone(200) },
];
