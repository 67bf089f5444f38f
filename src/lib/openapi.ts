// Routers whose validation failures become problem+json naming the field, and the reusable
// OpenAPI pieces every route declares (who may call it, what errors look like).
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { validationError } from "./problem";

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target === "json" || result.target === "query" || result.target === "param" ? undefined : result.target);
    },
  });
}

/** Who may call a route, as OpenAPI security requirements. */
export const access = {
  public: [] as Record<string, string[]>[],
  /** A signed-in person (the session cookie); pages and /api/v1/me/*. */
  session: [{ session: [] }] as Record<string, string[]>[],
  /** A steward: their session, or their API key with the scope named. */
  steward: (scope?: string) => [{ session: [] }, { apiKey: scope ? [scope] : [] }] as Record<string, string[]>[],
  /** An owner or admin of the provider organisation: session, or an organisation key with `offers:write`. */
  provider: [{ session: [] }, { apiKey: ["offers:write"] }] as Record<string, string[]>[],
  /** A coop_admin: their session, or their personal API key with `billing:write`. */
  coopAdmin: [{ session: [] }, { apiKey: ["billing:write"] }] as Record<string, string[]>[],
};

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    requestId: z.string(),
  })
  .openapi("Problem");

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: problemSchema } } });
export const problems = {
  400: problem("Invalid input; `errors` names each field at fault"),
  401: problem("Missing or wrong credentials"),
  403: problem("Signed in, but not allowed to do this"),
  409: problem("The resource's state does not allow this"),
  429: problem("Too many requests; see Retry-After"),
  404: problem("No such resource"),
  413: problem("The body is too large"),
  415: problem("The body must be JSON"),
  502: problem("A service Chatière relies on (Stripe) failed; try again"),
  503: problem("Not configured on this deployment"),
};
