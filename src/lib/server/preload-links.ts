/**
 * `<link rel="preload">` tags for what start-up needs besides the app's own JavaScript: the
 * DuckDB wasm (the largest file, fetched by the engine's worker) and the data manifest and
 * start-up tables (fetched by the page). Written into the prerendered HTML, so the browser
 * starts all of them while it is still parsing, in parallel with the app's scripts.
 *
 * The first paint's files come before the tables, as a host may serve only a few at a time: the
 * build-time first view and the default lens's map geometry (outline, seats, hexes), which the
 * briefing and the Map draw before the engine has loaded anything. A link with settings (`?s=`)
 * does not use the first view; the preload then costs one small download and a console notice.
 *
 * `as="fetch"` with `crossorigin` matches the page's own `fetch()` (CORS mode, same-origin
 * credentials), so those responses are taken from the preload. The worker cannot use the page's
 * preloads; it gets the wasm from the HTTP cache (hashed assets are served immutable).
 */
import type { DataManifest } from '$lib/data/manifest';
import { startupTables } from '$lib/data/load-tables';
import { FIRST_VIEW_FILE } from '$lib/data/first-view';
import { DEFAULT_LENS, lensById } from '$lib/model/lenses';

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function preloadLinks(options: { wasm: string; dataPath: string; manifest: DataManifest | null }): string {
	const links = [`<link rel="preload" href="${escapeAttr(options.wasm)}" as="fetch" type="application/wasm" crossorigin="anonymous">`];
	if (options.manifest) {
		const m = options.manifest;
		const set = lensById(DEFAULT_LENS).boundarySet;
		const geometry = m.geo.filter((g) => g.kind === 'outline' || g.boundarySet === set).map((g) => g.file);
		const firstPaint = m.firstView ? [FIRST_VIEW_FILE, ...geometry] : geometry;
		const files = ['manifest.json', ...firstPaint, ...startupTables(m).map((t) => t.file)];
		for (const file of files) links.push(`<link rel="preload" href="${escapeAttr(`${options.dataPath}/${file}`)}" as="fetch" crossorigin="anonymous">`);
	}
	return links.join('\n\t\t');
}
