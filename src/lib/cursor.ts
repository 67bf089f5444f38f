// Opaque keyset cursors: base64url JSON of the last row's sort key.
import { AppError } from "./problem";

export function encodeCursor(key: readonly (string | number)[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(key));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Decodes a cursor whose key must have the given element types; anything else is a 400 on `cursor`. */
export function decodeCursor<T extends (string | number)[]>(cursor: string, types: { [K in keyof T]: T[K] extends string ? "string" : "number" }): T {
  const bad = () => new AppError("VALIDATION_FAILED", "Invalid value for cursor", [{ field: "cursor", message: "not a cursor this list gave out" }]);
  let parsed: unknown;
  try {
    const bin = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    parsed = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0))));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== types.length || parsed.some((v, i) => typeof v !== types[i])) throw bad();
  return parsed as T;
}
