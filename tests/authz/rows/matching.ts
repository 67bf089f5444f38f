// Matching: the API and the wizard (public).
import { everyone, POST, type Row } from "../kit";

export const rows: Row[] = [
  { route: "POST /api/v1/match", request: () => ({ path: "/api/v1/match", json: { needs: [{ service: "mailbox", quantity: 1 }] } }), expect: everyone(200) },
  { route: "GET /match", request: () => ({ path: "/match" }), expect: everyone(200) },
  { route: "GET /match/results", request: () => ({ path: "/match/results?mailbox_qty=2&mailbox_gb=1" }), expect: everyone(200) },
];
