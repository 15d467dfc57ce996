/**
 * Registers `src/service-worker.ts` once the app is ready, instead of on the page's `load` event
 * (SvelteKit's default, switched off in svelte.config.js). By then the page has fetched the 34 MB
 * engine and the data itself, so the worker's install fills its cache from the HTTP cache rather
 * than downloading the engine a second time while the page is still starting.
 */
import { base } from '$app/paths';
import { dev } from '$app/environment';

let registered = false;

export function registerServiceWorker(): void {
	if (registered || dev || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	registered = true;
	navigator.serviceWorker.register(`${base}/service-worker.js`).catch(() => {
		// Without a service worker the app still works, only not offline; nothing to tell the user.
		registered = false;
	});
}
