// HiGHS, the reference MIP solver, inside workerd: its .wasm is imported as a compiled module and
// handed over through Emscripten's instantiateWasm hook (workerd may not compile wasm from bytes nor
// read files).
import loadHighs from "highs";
import wasm from "highs/runtime";

export type Highs = Awaited<ReturnType<typeof loadHighs>>;

export function loadHighsInWorkerd(): Promise<Highs> {
  const hook = {
    instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
      const instance = new WebAssembly.Instance(wasm, imports);
      done(instance, wasm);
      return instance.exports;
    },
  };
  return loadHighs(hook as Parameters<typeof loadHighs>[0]);
}
