import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// A static single-page app: no server code, DuckDB only ever runs in the browser.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
		// The page registers the service worker itself once the data has loaded (see
		// src/lib/data/service-worker-registration.ts), so its install never races the page's downloads.
		serviceWorker: { register: false },
		// A strict Content Security Policy in the built page itself (a <meta> tag with hashes for
		// SvelteKit's inline start-up script): only this origin, blob workers for MapLibre, no
		// eval, no plugins. Uploaded data therefore cannot be sent anywhere by the page.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'img-src': ['self', 'data:', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['none']
			}
		}
	}
};

export default config;
