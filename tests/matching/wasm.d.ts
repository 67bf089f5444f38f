// In workerd a .wasm import is a compiled WebAssembly.Module (wrangler's CompiledWasm rule).
declare module "highs/runtime" {
  const wasm: WebAssembly.Module;
  export default wasm;
}
