// How the suite is organised (tests/projects.ts): which workerd files load the app, which start first.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { TestSpecification, Vitest } from "vitest/node";
import { LongestFirst, PREBUNDLED, workerdTestFiles } from "./projects";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("PREBUNDLED", () => {
  it("lists every entry the code imports of each package it bundles (else a second copy is loaded)", () => {
    const packageOf = (spec: string) => spec.split("/").slice(0, spec.startsWith("@") ? 2 : 1).join("/");
    const bundled = new Set(PREBUNDLED.include.map(packageOf));
    const imported = new Set<string>();
    for (const dir of ["src", "web", "tests"]) {
      for (const file of readdirSync(join(root, dir), { recursive: true }) as string[]) {
        if (!/\.tsx?$/.test(file) || file.includes(".node.test.")) continue;
        for (const [, spec] of readFileSync(join(root, dir, file), "utf8").matchAll(/(?:from|import)\s*\(?\s*"([^".][^"]*)"/g)) {
          if (bundled.has(packageOf(spec!))) imported.add(spec!);
        }
      }
    }
    expect(imported.size).toBeGreaterThan(10);
    expect([...imported].filter((s) => !PREBUNDLED.include.includes(s)).sort()).toEqual([]);
  });
});

describe("workerdTestFiles", () => {
  const { app, appFree } = workerdTestFiles(root);

  it("puts every workerd test file in exactly one list, and no Node or browser file in either", () => {
    expect(app.filter((f) => appFree.includes(f))).toEqual([]);
    expect(app.length).toBeGreaterThan(50);
    expect(appFree.length).toBeGreaterThan(50);
    for (const f of [...app, ...appFree]) expect(f).toMatch(/^tests\/(?!e2e\/).*(?<!\.node)\.test\.tsx?$/);
  });

  it("gives the app to files reaching cloudflare:test, themselves or through helpers under tests/", () => {
    expect(app).toContain("tests/smoke.test.ts"); // imports cloudflare:test itself
    expect(app).toContain("tests/authz/matrix.part1.test.ts"); // through matrix.ts → accounts/helpers.ts
    expect(app).toContain("tests/authz/coverage.test.ts"); // through matrix.ts too
    expect(appFree).toContain("tests/lib/days.test.ts"); // src only
    expect(appFree).toContain("tests/transition/assign-cuts-dual-cap.test.ts"); // src and a pure helper
  });
});

describe("LongestFirst", () => {
  const spec = (path: string, project = "workers") =>
    ({ moduleId: `${root}${path}`, project: { name: project, config: { sequence: { groupOrder: 0 }, isolate: true } } }) as unknown as TestSpecification;
  const ctx = { config: { root }, cache: { getFileTestResults: () => undefined, getFileStats: () => undefined } } as unknown as Vitest;

  it("starts the matrix parts, then the other long files, then vitest's order", async () => {
    const files = [
      spec("tests/smoke.test.ts"),
      spec("tests/accounts/principal.test.ts"),
      spec("tests/lib/days.test.ts", "units"),
      spec("tests/authz/matrix.part2.test.ts"),
      spec("tests/pages/naughty.test.ts"),
      spec("tests/authz/matrix.part1.test.ts"),
    ];
    const order = (await new LongestFirst(ctx).sort(files)).map((f) => f.moduleId.slice(root.length));
    expect(order.slice(0, 4)).toEqual(["tests/authz/matrix.part2.test.ts", "tests/authz/matrix.part1.test.ts", "tests/pages/naughty.test.ts", "tests/accounts/principal.test.ts"]);
    expect(order.slice(4).sort()).toEqual(["tests/lib/days.test.ts", "tests/smoke.test.ts"]);
  });
});
