import { describe, expect, it } from "vitest";
import { call, json, problem } from "./helpers/http";

describe("OpenAPI document and docs (public)", () => {
  it("serves an OpenAPI 3.1 document with every API route and who may call it", async () => {
    const res = await call("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(doc.openapi).toBe("3.1.0");
    const paths = Object.keys(doc.paths);
    for (const p of [
      "/api/v1/providers",
      "/api/v1/providers/{id}",
      "/api/v1/providers/{id}/organization.properties",
      "/api/v1/providers/{id}/librehost.json",
      "/api/v1/offers",
      "/api/v1/offers/{id}",
      "/api/v1/offers/{id}/service.properties",
      "/api/v1/import/chatonsinfos",
      "/api/v1/import/librehosters",
    ]) {
      expect(paths).toContain(p);
    }
    for (const item of Object.values<Record<string, { security?: unknown[]; description?: string }>>(doc.paths)) {
      for (const op of Object.values(item)) {
        expect(op.security, JSON.stringify(op)).toBeDefined();
        expect(op.description).toMatch(/^Access: (public|steward|signed-in|provider|coop_admin)/);
        // A coop_admin route takes a session or a coop_admin's key with billing:write, nothing else.
        if (op.description?.startsWith("Access: coop_admin")) expect(op.security).toEqual([{ session: [] }, { apiKey: ["billing:write"] }]);
      }
    }
    expect(doc.paths["/api/v1/import/chatonsinfos"].post.security).toEqual([{ session: [] }, { apiKey: ["catalog:import"] }]);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie" });
  });

  it("renders the docs page on the server, with Swagger UI as an enhancement", async () => {
    const res = await call("/api/docs?lang=en");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("/api/v1/import/chatonsinfos");
    expect(html).toContain("/vendor/swagger-ui/swagger-ui-bundle.js");
  });
});

describe("errors", () => {
  it("answers unknown API paths with problem+json", async () => {
    const body = await problem(await call("/api/v1/nothing-here"), 404);
    expect(body).toMatchObject({ status: 404, code: "NOT_FOUND", title: "Not found" });
    expect(body.type).toMatch(/^https:\/\//);
  });

  it("answers unknown pages with a translated HTML page", async () => {
    const fr = await call("/nulle-part");
    expect(fr.status).toBe(404);
    expect(fr.headers.get("content-type")).toContain("text/html");
    expect(await fr.text()).toMatch(/Cette page n(&#39;|')existe pas/);
    const nl = await call("/nulle-part", { headers: { "accept-language": "nl-BE,nl;q=0.9" } });
    expect(await nl.text()).toContain("Deze pagina bestaat niet.");
  });

  it("sets secure headers on every response", async () => {
    for (const path of ["/", "/api/v1/providers", "/nulle-part"]) {
      const res = await call(path);
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    }
  });
});
