import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";

/**
 * Loads Prisma's schema engine compiled to WebAssembly (dev tooling only).
 * The Prisma CLI wants a native schema-engine binary it cannot download here;
 * the WASM build does the same diffing and migration generation in-process.
 *
 * This is an internal Prisma API: the package is pinned to the engine version
 * of our Prisma release and used only by scripts/db-*.ts, never at runtime.
 */

export type SchemaEngine = bindings.SchemaEngine;
export type SchemaEngineClass = typeof bindings.SchemaEngine;

let loaded: SchemaEngineClass | undefined;

export function loadSchemaEngine(): SchemaEngineClass {
  if (loaded) return loaded;
  // The package's own entry imports the .wasm as an ES module, which Node
  // cannot do; instantiate it by hand with the glue module as its imports.
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasm = fs.readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), {
    "./schema_engine_bg.js": { ...bindings },
  });
  // A Rust panic reports its message here instead of a bare "unreachable".
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      throw new Error(`Prisma schema engine panicked: ${message}`);
    },
  };
  // Not in the glue module's type declarations: looked up and checked at run time.
  const setWasm: unknown = Reflect.get(bindings, "__wbg_set_wasm");
  if (typeof setWasm !== "function") throw new Error("@prisma/schema-engine-wasm: the glue module has no __wbg_set_wasm (engine version changed?)");
  setWasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  loaded = bindings.SchemaEngine;
  return loaded;
}

/** The engine's error without its Rust span trace ("   0: schema_engine_wasm::…"). */
export function engineErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\n\s+0: /)[0]?.trim() ?? message;
}
