// Development only: the mailbox does not exist in any other environment.
import { everyone, type Row } from "../kit";

export const rows: Row[] = [
  { route: "GET /dev/mailbox", request: () => ({ path: "/dev/mailbox" }), expect: everyone(404) },
  { route: "GET /dev/mailbox/:id", request: () => ({ path: "/dev/mailbox/msg_x" }), expect: everyone(404) },
  { route: "GET /dev/mailbox/:id/html", request: () => ({ path: "/dev/mailbox/msg_x/html" }), expect: everyone(404) },
];
