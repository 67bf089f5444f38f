// saxon-js ships no types: the one call the tests make.
declare module "saxon-js" {
  interface TransformOptions {
    stylesheetInternal?: unknown;
    sourceText?: string;
    destination?: "serialized" | "document" | "raw";
  }
  const SaxonJS: { transform(options: TransformOptions, mode: "sync"): { principalResult: unknown } };
  export default SaxonJS;
}
