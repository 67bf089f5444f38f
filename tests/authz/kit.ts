// The vocabulary of the authorisation matrix's rows: what a row is, the expectation shapes, and the
// forms several features' rows send. Each feature's rows live in tests/authz/rows/<feature>.ts.
import type { Role, World } from "./world";
import { ROLES } from "./world";

export type Status = number;
export type Expect = Record<Role, Status>;

export interface Request {
  path: string;
  /** Form fields (a page's POST) or a JSON body (under /api). */
  form?: Record<string, string | string[]>;
  json?: unknown;
  /** Any other body (an XML statement), POSTed with its content type. */
  raw?: { type: string; body: string };
  method?: "PATCH" | "PUT" | "DELETE";
}

export interface Row {
  route: string; // `METHOD /path/:param`, as the app registers it
  request: (w: World, role: Role) => Request | Promise<Request>;
  expect: Expect;
  /** The cell signs the browser out: give it a session of its own. */
  ownSession?: boolean;
}

// ── Expectation shapes ──────────────────────────────────────────────────────────────────────────
export const everyone = (status: Status): Expect => Object.fromEntries(ROLES.map((r) => [r, status])) as Expect;
/** Signed-in people get `ok`; anonymous visitors are sent to sign in (pages) or get 401 (posts, API). */
export const signedIn = (ok: Status, anonymous: Status): Expect => ({ ...everyone(ok), anonymous });
/** Only the roles listed get `ok`; the other signed-in roles 403. */
export const only = (roles: Role[], ok: Status, anonymous: Status, overrides: Partial<Expect> = {}): Expect => ({
  ...everyone(403),
  ...Object.fromEntries(roles.map((r) => [r, ok])),
  anonymous,
  ...overrides,
});
export const PAGE = 303; // a page behind sign-in sends anonymous visitors to /sign-in
export const POST = 401; // a post or an API call without a session

export const unique = () => crypto.randomUUID().slice(0, 8);
/** A provider's offer form (self-service pages; moderation makes pending changes with it). */
export const OFFER_FORM = { service: "mailbox", name: "Matrix mail", description: "IMAP", pricing_model: "paid", amount: "2", period: "month", unit: "per_unit", setup_fee: "0", features: "imap", registration: "Member", load: "OPEN" };
