import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// DuckDB-wasm ships its own worker and wasm; pre-bundling them breaks the ?url imports.
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	preview: { port: Number(process.env.PORT ?? 4173), strictPort: true, host: 'localhost' },
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000
	}
});
