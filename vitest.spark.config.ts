/** `npm run test:spark`: the DuckDB ↔ Spark parity test alone; it needs PySpark and Java 17. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
	test: { include: ['tests/spark/**/*.test.ts'], environment: 'node', testTimeout: 900_000, hookTimeout: 900_000 }
});
