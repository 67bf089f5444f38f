// The transition's control room (issue 15): stewards only, as a page and as the progress API.
import { only, PAGE, POST, type Row } from "../kit";

export const rows: Row[] = [
  { route: "GET /transition", request: () => ({ path: "/transition" }), expect: only(["steward"], 200, PAGE) },
  { route: "GET /api/v1/transition/progress", request: () => ({ path: "/api/v1/transition/progress" }), expect: only(["steward"], 200, POST) },
];
