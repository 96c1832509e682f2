// Loads the console's wasm: wasm-bindgen's glue, then the module beside it.
import init from './__GLUE__';
init({ module_or_path: new URL('./__WASM__', import.meta.url) });
