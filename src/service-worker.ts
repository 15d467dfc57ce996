/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Repeat visits and offline use. One cache per build (`version`), filled at install with the app
 * shell, the data files and the DuckDB engine, and answered cache-first. Nothing is ever mixed
 * across builds: a new build ships a new worker with a new cache, which installs beside the old
 * one and takes over only when no page of the old build is open (no `skipWaiting`), so an open page
 * keeps the shell, lazy chunks and data it started with. Old caches are deleted on activation.
 *
 * Why a service worker rather than long-lived HTTP caching alone: the data files have stable names
 * (`data/results.csv`), so a browser cache would have to revalidate them on every visit, and
 * offline would not work at all. Tying them to the build's cache gives both.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `heartlands-${version}`;

/** Everything built is used: the app ships only DuckDB-wasm's `eh` engine (see db/browser.ts). */
const PRECACHE = import.meta.env.DEV ? [] : [...build, ...files, ...prerendered];
const PRECACHED = new Set(PRECACHE.map((path) => new URL(path, sw.location.href).pathname));

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches.open(CACHE).then((cache) =>
			// Content-hashed files may come from the HTTP cache the page has just filled (no second
			// 34 MB download); files with stable names are revalidated, so a new build never
			// precaches the previous build's data.
			Promise.all(PRECACHE.map((path) => cache.add(new Request(path, { cache: path.includes('/immutable/') ? 'force-cache' : 'no-cache' }))))
		)
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key)))));
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	// Under `vite dev` files change without a new version: let every request through.
	if (import.meta.env.DEV || request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	event.respondWith(respond(event, url));
});

async function respond(event: FetchEvent, url: URL): Promise<Response> {
	const request = event.request;
	const cache = await caches.open(CACHE);
	// Navigations (`/`, `/?tab=map`) all get the single prerendered page.
	const key = request.mode === 'navigate' ? new URL(prerendered[0] ?? '/', sw.location.href).pathname : url.pathname;
	const cached = await cache.match(key, { ignoreSearch: true });
	if (cached) return cached;
	const response = await fetch(request);
	// Only this build's content-hashed files are added later: anything else could be stale.
	if (response.ok && url.pathname.includes('/immutable/') && !PRECACHED.has(url.pathname)) {
		event.waitUntil(cache.put(url.pathname, response.clone()));
	}
	return response;
}
