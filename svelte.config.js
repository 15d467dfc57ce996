import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES } from './scripts/security-headers.mjs';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// A static single-page app: no server code, DuckDB only ever runs in the browser.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
		// The page registers the service worker itself once the data has loaded (see
		// src/lib/app/service-worker-registration.ts), so its install never races the page's downloads.
		// static/_headers is for the static host, not for the page's cache.
		serviceWorker: { register: false, files: (path) => path !== '_headers' },
		// A strict Content Security Policy in the built page itself (a <meta> tag with hashes for
		// SvelteKit's inline start-up script): only this origin, blob workers for DuckDB and
		// MapLibre, no eval, no plugins. Uploaded data therefore cannot be sent anywhere by the page.
		// The same directives are sent as headers, with frame-ancestors (scripts/security-headers.mjs).
		csp: {
			mode: 'hash',
			directives: CSP_DIRECTIVES
		}
	}
};

export default config;
