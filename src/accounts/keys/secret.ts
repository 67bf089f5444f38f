// API key secrets: random, shown once, kept as SHA-256. A plain digest is enough here (unlike
// passwords): the secret has 190 bits of entropy, so there is nothing to guess.
const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
export const KEY_PREFIX = "chk_";
const SECRET_LENGTH = 37; // 37 × log2(36) ≈ 191 bits

export interface NewKeySecret {
  /** The whole key, to show once and never store. */
  secret: string;
  /** What pages show to tell keys apart: `chk_1a2b3c4d…`. */
  start: string;
  hash: string;
}

export async function hashKey(secret: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function newKeySecret(): Promise<NewKeySecret> {
  let body = "";
  while (body.length < SECRET_LENGTH) {
    for (const b of crypto.getRandomValues(new Uint8Array(64))) if (b < 252 && body.length < SECRET_LENGTH) body += ALPHABET[b % 36];
  }
  const secret = `${KEY_PREFIX}${body}`;
  return { secret, start: secret.slice(0, KEY_PREFIX.length + 8), hash: await hashKey(secret) };
}

/** A bearer value that could be one of our keys (anything else is refused before a lookup). */
export const looksLikeKey = (value: string) => value.startsWith(KEY_PREFIX) && /^chk_[0-9a-z]{37}$/.test(value);
