// The key rules as data: states, the create form, the scopes each owner may give.
import { describe, expect, it } from "vitest";
import { keyState, ORG_KEY_SCOPES, readKeyForm, STEWARD_KEY_SCOPES } from "../../../src/accounts/keys/model";
import { looksLikeKey, newKeySecret, hashKey } from "../../../src/accounts/keys/secret";

const NOW = new Date("2026-03-10T12:00:00Z");

describe("keyState", () => {
  const now = "2026-03-10T12:00:00.000Z";
  it.each([
    [{ revokedAt: null, expiresAt: null }, "active"],
    [{ revokedAt: null, expiresAt: "2026-03-10T12:00:01.000Z" }, "active"],
    [{ revokedAt: null, expiresAt: now }, "expired"],
    [{ revokedAt: null, expiresAt: "2020-01-01T00:00:00.000Z" }, "expired"],
    [{ revokedAt: "2026-01-01T00:00:00.000Z", expiresAt: "2020-01-01T00:00:00.000Z" }, "revoked"],
  ] as const)("%o → %s", (key, state) => {
    expect(keyState(key, now)).toBe(state);
  });
});

describe("readKeyForm", () => {
  it("reads a complete form; the last day ends at Brussels midnight", () => {
    const r = readKeyForm({ name: "  sync  ", scopes: "offers:write", expires: "2026-03-31" }, ORG_KEY_SCOPES, NOW);
    expect(r).toEqual({ ok: true, value: { name: "sync", scopes: ["offers:write"], expiresAt: "2026-03-31T22:00:00.000Z" } });
  });

  it("takes several scopes once each, and no expiry when left empty", () => {
    const r = readKeyForm({ name: "import", scopes: ["catalog:import", "audit:read", "audit:read"], expires: "" }, STEWARD_KEY_SCOPES, NOW);
    expect(r).toEqual({ ok: true, value: { name: "import", scopes: ["catalog:import", "audit:read"], expiresAt: null } });
  });

  it.each([
    ["no name", { scopes: "offers:write" }, [{ field: "name", code: "required" }]],
    ["a blank name", { name: "   ", scopes: "offers:write" }, [{ field: "name", code: "required" }]],
    ["a name of 81 characters", { name: "x".repeat(81), scopes: "offers:write" }, [{ field: "name", code: "too_long" }]],
    ["no scope", { name: "n" }, [{ field: "scopes", code: "required" }]],
    ["a steward scope on a provider key", { name: "n", scopes: ["offers:write", "catalog:import"] }, [{ field: "scopes", code: "not_allowed" }]],
    ["an unknown scope", { name: "n", scopes: "admin:*" }, [{ field: "scopes", code: "not_allowed" }]],
    ["a date that does not exist", { name: "n", scopes: "offers:write", expires: "2026-02-30" }, [{ field: "expires", code: "invalid" }]],
    ["not a date", { name: "n", scopes: "offers:write", expires: "tomorrow" }, [{ field: "expires", code: "invalid" }]],
    ["yesterday", { name: "n", scopes: "offers:write", expires: "2026-03-09" }, [{ field: "expires", code: "past" }]],
    ["everything wrong", { expires: "x" }, [{ field: "name", code: "required" }, { field: "scopes", code: "required" }, { field: "expires", code: "invalid" }]],
  ])("refuses %s, naming the field", (_label, body, errors) => {
    const r = readKeyForm(body as Record<string, string | string[]>, ORG_KEY_SCOPES, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual(errors);
  });

  it("keeps what was typed to show it again, cut to a sane length", () => {
    const r = readKeyForm({ name: "y".repeat(1000), scopes: "offers:write" }, ORG_KEY_SCOPES, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.values.name).toHaveLength(400);
  });

  it("accepts today as the last day", () => {
    expect(readKeyForm({ name: "n", scopes: "offers:write", expires: "2026-03-10" }, ORG_KEY_SCOPES, NOW).ok).toBe(true);
  });
});

describe("scopes per owner", () => {
  it("a provider organisation may only give offers:write and webhooks:manage; a steward catalog:import, audit:read, outbox:manage, health:read and transition:import", () => {
    expect([...ORG_KEY_SCOPES]).toEqual(["offers:write", "webhooks:manage", "migrations:write"]);
    expect([...STEWARD_KEY_SCOPES]).toEqual(["catalog:import", "audit:read", "outbox:manage", "health:read", "transition:import", "transition:read", "migrations:write"]);
  });
});

describe("secrets", () => {
  it("are chk_ + 37 base-36 characters, distinct, and stored as their SHA-256 only", async () => {
    const a = await newKeySecret();
    const b = await newKeySecret();
    expect(looksLikeKey(a.secret)).toBe(true);
    expect(a.secret).not.toBe(b.secret);
    expect(a.start).toBe(a.secret.slice(0, 12));
    expect(a.hash).toBe(await hashKey(a.secret));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.secret.slice(4));
  });
});
