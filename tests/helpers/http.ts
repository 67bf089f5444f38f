// One place for how tests reach the worker, and the steward key tests/setup.ts creates.
import { SELF } from "cloudflare:test";

export const BASE = "https://chatiere.test";
export const STEWARD_EMAIL = "steward@chatiere.test";
/** A steward's API key with `catalog:import` and `audit:read` (37 base-36 characters after `chk_`). */
export const STEWARD_KEY = "chk_teststewardkey00000000000000000000000";
export const STEWARD = { authorization: `Bearer ${STEWARD_KEY}` };

export function call(path: string, init?: RequestInit): Promise<Response> {
  return SELF.fetch(`${BASE}${path}`, init);
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = STEWARD): Promise<Response> {
  return call(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Asserts a problem+json answer and returns it. */
export async function problem(res: Response, status: number) {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
  if (!res.headers.get("content-type")?.startsWith("application/problem+json")) throw new Error(`not problem+json: ${res.headers.get("content-type")}`);
  return json<{ type: string; title: string; status: number; detail: string; code: string; errors?: { field: string; message: string }[]; requestId: string }>(res);
}
