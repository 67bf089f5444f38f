// One place for how tests reach the worker, and the steward credentials the test config sets.
import { SELF } from "cloudflare:test";

export const BASE = "https://chatiere.test";
export const STEWARD = { authorization: "Bearer test-steward-token-0123456789" };

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
