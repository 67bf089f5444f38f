// Bundling only (wrangler.toml [alias] "@pdf-lib/upng", mirrored in vitest.config.ts): pdf-lib reads
// PNG files with UPNG only inside `PDFDocument.embedPng`, which Chatière never calls (the invoices'
// EPC QR code is drawn as vector squares). UPNG and its own pako are ~165 KiB of the Worker before
// gzip, so it is replaced by this module, which says what to do if PNG embedding is ever needed.
function unavailable(): never {
  throw new Error("PNG embedding is not bundled: remove the \"@pdf-lib/upng\" alias (wrangler.toml, vitest.config.ts) to use PDFDocument.embedPng");
}

const UPNG = { decode: unavailable, toRGBA8: unavailable, encode: unavailable };
export default UPNG;
