import { describe, expect, it } from 'vitest';
import type { DataManifest } from '$lib/data/manifest';
import { preloadLinks } from './preload-links';

const manifest = {
	tables: [
		{ name: 'a', file: 'a.csv', lazy: false },
		{ name: 'big', file: 'smallarea.csv', lazy: true },
		{ name: 'b', file: 'b"<x>.csv' }
	],
	geo: [
		{ kind: 'boundaries', boundarySet: '2024', file: 'boundaries-2024.topojson' },
		{ kind: 'outline', boundarySet: 'none', file: 'outline.topojson' },
		{ kind: 'boundaries', boundarySet: '2010', file: 'boundaries-2010.topojson' },
		{ kind: 'hexjson', boundarySet: '2010', file: 'hex-2010.hexjson' },
		{ kind: 'hexjson', boundarySet: '2024', file: 'hex-2024.hexjson' }
	],
	firstView: { file: 'first-view.json', bytes: 10, sha256: 'ab' }
} as unknown as DataManifest;

describe('preloadLinks', () => {
	it('preloads the wasm and, in CORS mode like fetch(), the manifest, the first paint files, then every start-up table', () => {
		const html = preloadLinks({ wasm: '/_app/immutable/assets/duckdb-eh.abc.wasm', dataPath: '/data', manifest });
		const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
		expect(hrefs).toEqual(['/_app/immutable/assets/duckdb-eh.abc.wasm', '/data/manifest.json', '/data/first-view.json', '/data/outline.topojson', '/data/boundaries-2010.topojson', '/data/hex-2010.hexjson', '/data/a.csv', '/data/b&quot;&lt;x>.csv']);
		expect(html.match(/crossorigin="anonymous"/g)).toHaveLength(8);
		expect(html).not.toContain('smallarea');
		expect(html).not.toContain('2024');
	});
	it('without a first view in the manifest, the geometry still comes before the tables', () => {
		const hrefs = [...preloadLinks({ wasm: '/w.wasm', dataPath: '/data', manifest: { ...manifest, firstView: undefined } }).matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
		expect(hrefs.slice(1, 4)).toEqual(['/data/manifest.json', '/data/outline.topojson', '/data/boundaries-2010.topojson']);
	});
	it('without built data it still preloads the engine', () => {
		expect(preloadLinks({ wasm: '/w.wasm', dataPath: '/data', manifest: null })).toBe('<link rel="preload" href="/w.wasm" as="fetch" type="application/wasm" crossorigin="anonymous">');
	});
});
