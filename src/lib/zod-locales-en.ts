// Bundling only (wrangler.toml [alias]): zod's `locales` namespace (`z.locales`, `z.core.locales`)
// lists its 40-odd error-message languages, about 400 KiB that the Worker would carry unused: zod's
// English default is imported by zod itself (classic/schemas.js → ../locales/en.js), and Chatière
// translates errors itself. The alias swaps zod's `../locales/index.js` for this module, which
// offers English only; `npm run size` fails when anything but zod imports that path.
export { default as en } from "zod/v4/locales/en.js";
