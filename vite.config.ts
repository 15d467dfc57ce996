import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vitest/config';
import { securityHeaders } from './scripts/security-headers.mjs';

/**
 * `npm run serve` and the Playwright server send the app's security headers (a CSP with
 * connect-src 'self' and frame-ancestors 'none', see scripts/security-headers.mjs) on every
 * response. Vite's `preview.headers` is not enough: SvelteKit's preview middleware answers the
 * pages itself, so the headers are set before any middleware runs. Static hosts get the same
 * headers from static/_headers; SECURITY.md has them for nginx and Caddy.
 */
function securityHeadersOnPreview(): Plugin {
	const headers = Object.entries(securityHeaders());
	return {
		name: 'heartlands-security-headers',
		configurePreviewServer(server) {
			server.middlewares.use((_req, res, next) => {
				for (const [name, value] of headers) res.setHeader(name, value);
				next();
			});
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), securityHeadersOnPreview()],
	// DuckDB-wasm ships its own worker and wasm; pre-bundling them breaks the ?url imports.
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	// No CORS headers: no other site needs to read the app's files.
	preview: { port: Number(process.env.PORT ?? 4173), strictPort: true, host: 'localhost', cors: false },
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000
	}
});
