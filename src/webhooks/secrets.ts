// Signing secrets in the Standard Webhooks format (`whsec_` + base64 of 24 random bytes), and the
// signature header of a message: one `v1,…` per secret still in force (two during a rotation).
import { Webhook } from "standardwebhooks";

export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

export interface SecretPair {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
}

/** The secrets in force at `now`: the current one, and the previous one until it expires. */
export function secretsInForce(s: SecretPair, now: Date): string[] {
  const previous = s.previousSecret && s.previousSecretExpiresAt && s.previousSecretExpiresAt > now.toISOString() ? [s.previousSecret] : [];
  return [s.secret, ...previous];
}

/** The three Standard Webhooks headers for a message; `webhook-signature` carries every secret in force. */
export function signedHeaders(secrets: readonly string[], id: string, at: Date, body: string): Record<string, string> {
  const signature = secrets.map((s) => new Webhook(s).sign(id, at, body)).join(" ");
  return { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signature };
}

/** The rotation of a pair: a new secret now, the current one kept for 24 hours. */
export function rotated(current: string, now: Date): SecretPair {
  return { secret: newSecret(), previousSecret: current, previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString() };
}
