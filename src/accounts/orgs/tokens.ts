// Invitation tokens: a random secret in the emailed link, only its SHA-256 stored (the same digest
// as API keys: the secret carries ~200 bits, so a plain hash is enough). Also the masked address
// shown to someone who opens another person's invitation.
import { hashKey } from "../keys/secret";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const TOKEN_LENGTH = 40; // 40 × log2(36) ≈ 207 bits

export const INVITATION_DAYS = 7;

export const hashToken = hashKey;

export async function newInvitationToken(): Promise<{ token: string; hash: string }> {
  let token = "";
  while (token.length < TOKEN_LENGTH) {
    // 252 = 7 × 36: dropping bytes above it keeps every character equally likely.
    for (const b of crypto.getRandomValues(new Uint8Array(64))) if (b < 252 && token.length < TOKEN_LENGTH) token += ALPHABET[b % 36];
  }
  return { token, hash: await hashToken(token) };
}

/** A token of ours (anything else is a 404 without a lookup). */
export const looksLikeToken = (value: string) => /^[0-9a-z]{40}$/.test(value);

/** `alice@example.be` → `a•••e@example.be`: enough for the invitee to recognise, not to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  const local = email.slice(0, at);
  const shown = local.length <= 2 ? `${local[0]}•••` : `${local[0]}•••${local[local.length - 1]}`;
  return `${shown}${email.slice(at)}`;
}

export function expiryFrom(now: Date, days = INVITATION_DAYS): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString();
}
