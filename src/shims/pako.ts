// Bundling only (wrangler.toml [alias] "pako", mirrored in vitest.config.ts): pdf-lib, @pdf-lib/upng
// and @pdf-lib/standard-fonts each carry their own copy of pako 1.0 (~120 KiB each before gzip), and
// the Worker already has fflate (the payments export's ZIP). They call two functions only:
// `deflate(bytes, {level?})` (pdf-lib's content streams, UPNG's encoder) and `inflate(bytes)` (the
// standard fonts' compressed metrics). Both are zlib-wrapped (RFC 1950), which fflate's zlibSync /
// unzlibSync produce and read. pako's default level is 6, fflate's too.
import { unzlibSync, zlibSync, type DeflateOptions } from "fflate";

type PakoOptions = { level?: DeflateOptions["level"] };

function only(options: object | undefined, allowed: string[]): void {
  const extra = Object.keys(options ?? {}).filter((k) => !allowed.includes(k));
  // A new caller passing pako options we do not translate must fail loudly, not compress differently.
  if (extra.length) throw new Error(`pako shim (src/shims/pako.ts): option(s) ${extra.join(", ")} not supported`);
}

export function deflate(data: Uint8Array | ArrayBuffer, options?: PakoOptions): Uint8Array {
  only(options, ["level"]);
  return zlibSync(data instanceof Uint8Array ? data : new Uint8Array(data), options?.level === undefined ? {} : { level: options.level });
}

export function inflate(data: Uint8Array | ArrayBuffer, options?: object): Uint8Array {
  only(options, []);
  return unzlibSync(data instanceof Uint8Array ? data : new Uint8Array(data));
}

export default { deflate, inflate };
