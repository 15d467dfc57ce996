import { describe, expect, it } from 'vitest';
import type { DataManifest } from '$lib/data/manifest';
import { preloadLinks } from './preload-links';

const manifest = {
	tables: [
		{ name: 'a', file: 'a.csv', lazy: false },
		{ name: 'big', file: 'smallarea.csv', lazy: true },
		{ name: 'b', file: 'b"<x>.csv' }
	]
} as unknown as DataManifest;

describe('preloadLinks', () => {
	it('preloads the wasm and, in CORS mode like fetch(), the manifest and every start-up table', () => {
		const html = preloadLinks({ wasm: '/_app/immutable/assets/duckdb-eh.abc.wasm', dataPath: '/data', manifest });
		const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
		expect(hrefs).toEqual(['/_app/immutable/assets/duckdb-eh.abc.wasm', '/data/manifest.json', '/data/a.csv', '/data/b&quot;&lt;x>.csv']);
		expect(html.match(/crossorigin="anonymous"/g)).toHaveLength(4);
		expect(html).not.toContain('smallarea');
	});
	it('without built data it still preloads the engine', () => {
		expect(preloadLinks({ wasm: '/w.wasm', dataPath: '/data', manifest: null })).toBe('<link rel="preload" href="/w.wasm" as="fetch" type="application/wasm" crossorigin="anonymous">');
	});
});
