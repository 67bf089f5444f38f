// The outbox: stewards list failed messages of every channel and put them back on their queue.
import { only, PAGE, POST, type Row } from "../kit";
import { freshFailedMessage } from "../world";

export const rows: Row[] = [
  { route: "GET /admin/outbox", request: () => ({ path: "/admin/outbox" }), expect: only(["steward"], 200, PAGE) },
  { route: "POST /admin/outbox/:id/retry", request: async () => ({ path: `/admin/outbox/${await freshFailedMessage()}/retry`, form: {} }), expect: only(["steward"], 303, POST) },
  { route: "GET /api/v1/outbox", request: () => ({ path: "/api/v1/outbox?status=failed&channel=mail" }), expect: only(["steward"], 200, POST) },
  { route: "POST /api/v1/outbox/:id/retry", request: async () => ({ path: `/api/v1/outbox/${await freshFailedMessage()}/retry`, json: {} }), expect: only(["steward"], 202, POST) },
];
