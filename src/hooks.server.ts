/**
 * Runs only while the app is prerendered at build time (the built app has no server): adds the
 * preload tags for the engine's wasm and the start-up data to the page head.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Handle } from '@sveltejs/kit';
import { base } from '$app/paths';
import { ENGINE_WASM_URL as wasm } from '$lib/db/engine-assets';
import { parseManifest, type DataManifest } from '$lib/data/manifest';
import { preloadLinks } from '$lib/server/preload-links';

/** The data built by `npm run data`; without it the page still works, just without data preloads. */
function builtManifest(): DataManifest | null {
	const path = 'static/data/manifest.json';
	return existsSync(path) ? parseManifest(readFileSync(path, 'utf8')) : null;
}

export const handle: Handle = async ({ event, resolve }) => {
	const links = preloadLinks({ wasm, dataPath: `${base}/data`, manifest: builtManifest() });
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('</head>', `\t${links}\n\t</head>`) });
};
