// Prefixed random ids (`prv_…`, `off_…`): readable in logs and unguessable.
const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

export type IdPrefix = "prv" | "off" | "req" | "usr" | "ses" | "acc" | "vrf" | "pky" | "msg" | "org" | "inv" | "key" | "aud" | "clm" | "chg" | "ned" | "sht" | "svc" | "mig" | "mit" | "mev" | "whe" | "wha" | "rcv" | "job" | "bak" | "inc" | "bil" | "pay" | "alc" | "bst" | "ben" | "dun" | "sub" | "srn" | "rms" | "dnc" | "plg" | "scl" | "shh" | "srq" | "sre" | "prp" | "prl";

export function newId(prefix: IdPrefix, length = 16): string {
  let out = "";
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length * 2))) {
      // 252 = 7 × 36: dropping bytes above it keeps every character equally likely.
      if (b < 252 && out.length < length) out += ALPHABET[b % 36];
    }
  }
  return `${prefix}_${out}`;
}
