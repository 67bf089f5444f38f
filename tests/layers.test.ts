// The layering rules of issue 9, read from the sources themselves: domain code, services and lib
// never import a view (web/pages); only a feature's page routers (`*.pages.tsx`)
// and the app that composes them do. Nor does anything but the app import a route file, which
// keeps services free of import cycles through their pages (auth.ts ↔ confirm.pages.tsx was one).
import { describe, expect, it } from "vitest";

// node:fs is not available in workerd: vite inlines the sources at transform time.
const sources = import.meta.glob<string>(["../src/**/*.ts", "../src/**/*.tsx"], { query: "?raw", import: "default", eager: true });

/** Every module specifier a source imports or re-exports, static or dynamic. */
function specifiers(source: string): string[] {
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["']|(?:^|\n)\s*import\s+["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of source.matchAll(re)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

/** A relative specifier resolved against the importing file, as a path from the repository root. */
function resolve(from: string, spec: string): string {
  if (!spec.startsWith(".")) return spec;
  const parts = from.split("/").slice(0, -1);
  for (const seg of spec.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

const COMPOSITION_ROOT = "src/app.tsx";
/** Page routers may render views; every router (pages or JSON API) is imported only by the app. */
const isPageRoute = (file: string) => /\.pages\.tsx$/.test(file);
const isRouter = (file: string) => /\.(?:pages|api)\.tsx?$/.test(file);
const isView = (target: string) => target.startsWith("web/pages/") || target === "web/pages";

/** The rule broken by `file`'s imports, one line per offending import. */
function layerViolations(file: string, source: string): string[] {
  const out: string[] = [];
  for (const spec of specifiers(source)) {
    const target = resolve(file, spec);
    if (isView(target) && !isPageRoute(file) && file !== COMPOSITION_ROOT) out.push(`${file} imports the view ${spec}`);
    if (target.startsWith("src/") && isRouter(target.replace(/(\.tsx?)?$/, ".ts")) && file !== COMPOSITION_ROOT && !isRouter(file)) {
      out.push(`${file} imports the route module ${spec}`);
    }
  }
  return out;
}

/** Routers are named for what they serve: `<name>.api.ts` (JSON API) or `<name>.pages.tsx` (pages). */
function misnamedRouter(file: string, source: string): boolean {
  const makesRouter = /\bcreateRouter\(\)|new (?:OpenAPI)?Hono</.test(source);
  return makesRouter && !isRouter(file) && file !== COMPOSITION_ROOT && file !== "src/lib/openapi.ts";
}

describe("layers", () => {
  const files = Object.keys(sources).map((key) => key.replace(/^\.\.\//, ""));

  it("reads the sources", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain("src/app.tsx");
    expect(files).toContain("src/lib/problem.ts");
  });

  it("src/ imports views and route modules only from page-route files and the app", () => {
    const violations = Object.entries(sources).flatMap(([key, source]) => layerViolations(key.replace(/^\.\.\//, ""), source));
    expect(violations).toEqual([]);
  });

  it("names every router <name>.api.ts or <name>.pages.tsx", () => {
    const misnamed = Object.entries(sources).filter(([key, source]) => misnamedRouter(key.replace(/^\.\.\//, ""), source)).map(([key]) => key);
    expect(misnamed).toEqual([]);
    expect(misnamedRouter("src/catalog/pages.tsx", "export const catalogPages = new Hono<AppEnv>();")).toBe(true);
  });

  it("catches a service that imports a view or a page route, and lets page routes import views", () => {
    expect(layerViolations("src/accounts/orgs/service.ts", 'import { PageError } from "../../../web/pages/error";\n')).toEqual([
      "src/accounts/orgs/service.ts imports the view ../../../web/pages/error",
    ]);
    expect(layerViolations("src/accounts/auth.ts", 'import { confirmUrl } from "./confirm.pages";\n')).toEqual([
      "src/accounts/auth.ts imports the route module ./confirm.pages",
    ]);
    expect(layerViolations("src/lib/x.ts", 'const page = await import("../../web/pages/home");\n')).toHaveLength(1);
    expect(layerViolations("src/catalog/catalog.pages.tsx", 'import { HomePage } from "../../web/pages/home";\n')).toEqual([]);
    expect(layerViolations("src/catalog/api/offers.api.ts", 'import { HomePage } from "../../../web/pages/home";\n')).toHaveLength(1);
    expect(layerViolations("src/lib/x.ts", '// the view web/pages/error renders it\nimport { z } from "zod";\n')).toEqual([]);
  });
});
