// Copies the browser assets that come from npm packages into web/public/vendor (gitignored), so that
// Workers Static Assets serves them from our own origin: no CDN, and the CSP stays 'self'.
import { cpSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), "..");
const out = join(root, "web/public/vendor");

const swagger = dirname(require.resolve("swagger-ui-dist/package.json"));
mkdirSync(join(out, "swagger-ui"), { recursive: true });
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) cpSync(join(swagger, file), join(out, "swagger-ui", file));
