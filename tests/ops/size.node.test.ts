// The size check's pure parts: contributors by package, and the guard on wrangler.toml's relative alias.
import { describe, expect, it } from "vitest";
// @ts-expect-error — a plain .mjs script without types
import { aliasLeaks, BUDGET_GZIP_BYTES, contributors } from "../../scripts/size.mjs";

const metafile = {
  inputs: {
    "node_modules/zod/v4/core/index.js": { imports: [{ path: "src/lib/zod-locales-en.ts", original: "../locales/index.js" }] },
    "node_modules/zod/v4/classic/external.js": { imports: [{ path: "src/lib/zod-locales-en.ts", original: "../locales/index.js" }] },
    "src/app.tsx": { imports: [{ path: "node_modules/zod/index.js", original: "zod" }] },
  },
  outputs: {
    "index.js": {
      inputs: {
        "node_modules/zod/v4/core/schemas.js": { bytesInOutput: 300 },
        "node_modules/@pdf-lib/standard-fonts/es/index.js": { bytesInOutput: 500 },
        "src/app.tsx": { bytesInOutput: 100 },
        "src/lib/http-url.ts": { bytesInOutput: 50 },
      },
    },
  },
};

describe("npm run size", () => {
  it("groups the output by npm package (scoped too) or by our top-level folder, heaviest first", () => {
    const { packages, modules } = contributors(metafile);
    expect(packages).toEqual([
      { name: "@pdf-lib/standard-fonts", bytes: 500 },
      { name: "zod", bytes: 300 },
      { name: "src/app.tsx", bytes: 100 },
      { name: "src/lib", bytes: 50 },
    ]);
    expect(modules[0]).toEqual({ path: "node_modules/@pdf-lib/standard-fonts/es/index.js", bytes: 500 });
  });

  it("accepts zod importing its locales through the alias, and names any other importer", () => {
    expect(aliasLeaks(metafile)).toEqual([]);
    const leaking = { inputs: { ...metafile.inputs, "node_modules/other/dist/i18n/x.js": { imports: [{ path: "src/lib/zod-locales-en.ts", original: "../locales/index.js" }] } } };
    expect(aliasLeaks(leaking)).toEqual([{ importer: "node_modules/other/dist/i18n/x.js", specifier: "../locales/index.js" }]);
  });

  it("keeps a budget under the Workers Free plan's 3 MB", () => {
    expect(BUDGET_GZIP_BYTES).toBeLessThan(3_000_000);
  });
});
