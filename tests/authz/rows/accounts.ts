// Sign-in (public), better-auth's endpoints, and one's own account.
import { env } from "cloudflare:test";
import { signIn } from "../../accounts/helpers";
import { everyone, signedIn, PAGE, POST, unique, type Row } from "../kit";

async function foreignSession(): Promise<string> {
  await signIn(`bystander-${unique()}@matrix.test`);
  const row = await env.DB.prepare("select s.id from sessions s join users u on u.id = s.user_id where u.email like 'bystander-%' order by s.created_at desc").first<{ id: string }>();
  return row!.id;
}

export const rows: Row[] = [
  { route: "GET /api/auth/*", request: () => ({ path: "/api/auth/get-session" }), expect: everyone(200) },
  // Links are only asked for through our rate-limited form: better-auth's own endpoint is switched off.
  { route: "POST /api/auth/*", request: () => ({ path: "/api/auth/sign-in/magic-link", json: { email: "x@matrix.test" } }), expect: everyone(404) },
  { route: "GET /sign-in", request: () => ({ path: "/sign-in" }), expect: { ...everyone(303), anonymous: 200 } },
  { route: "POST /sign-in", request: () => ({ path: "/sign-in", form: { email: `someone-${unique()}@matrix.test` } }), expect: everyone(303) },
  { route: "GET /sign-in/sent", request: () => ({ path: "/sign-in/sent" }), expect: everyone(200) },
  { route: "GET /sign-in/confirm", request: () => ({ path: "/sign-in/confirm?token=abcdefghijklmnopqrstuvwxyz012345&callbackURL=%2Faccount" }), expect: everyone(200) },
  { route: "POST /sign-in/confirm", request: () => ({ path: "/sign-in/confirm", form: { token: "abcdefghijklmnopqrstuvwxyz012345", next: "/account" } }), expect: everyone(303) },
  { route: "POST /sign-out", request: () => ({ path: "/sign-out", form: {} }), expect: everyone(303), ownSession: true },
  { route: "GET /account", request: () => ({ path: "/account" }), expect: signedIn(200, PAGE) },
  { route: "POST /account/language", request: () => ({ path: "/account/language", form: { language: "fr" } }), expect: signedIn(303, POST) },
  { route: "GET /account/sessions", request: () => ({ path: "/account/sessions" }), expect: signedIn(200, PAGE) },
  // Someone else's session or passkey is not found, whoever asks.
  { route: "POST /account/sessions/:id/revoke", request: async () => ({ path: `/account/sessions/${await foreignSession()}/revoke`, form: {} }), expect: signedIn(404, POST) },
  { route: "GET /account/passkeys", request: () => ({ path: "/account/passkeys" }), expect: signedIn(200, PAGE) },
  { route: "POST /account/passkeys/:id/delete", request: () => ({ path: "/account/passkeys/pky_someoneelses/delete", form: {} }), expect: signedIn(404, POST) },
];
