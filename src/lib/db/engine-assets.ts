/**
 * The engine's wasm URL for the prerendered page's preload link (`hooks.server.ts`). It lives here
 * because only `src/lib/db` imports `@duckdb/*`; Vite gives the same hashed URL `browser.ts` loads.
 */
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';

export const ENGINE_WASM_URL: string = ehWasm;
