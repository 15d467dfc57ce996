/**
 * The build-time first view: deterministic bytes, a file that does not match the manifest is
 * refused (the page then computes live), the readers' derived figures are the app's own, and the
 * core equals what the browser's engine (DuckDB-wasm, here in Node) computes, to 1e-9.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/db/types';
import type { DataManifest } from '../../src/lib/data/manifest';
import { encodeFirstView, FIRST_VIEW_FILE, readFirstView, type FirstView } from '../../src/lib/data/first-view';
import { computeFirstViewCore } from '../../src/lib/data/first-view-compute';
import { loadTables } from '../../src/lib/data/load-tables';
import { DEFAULT_LENS } from '../../src/lib/model/lenses';
import { computeFirstView, deriveFirstView } from '../../scripts/first-view';
import { BUILT_DIR } from './helpers';

const manifest = JSON.parse(readFileSync(join(BUILT_DIR, 'manifest.json'), 'utf8')) as DataManifest;
const fileBytes = new Uint8Array(readFileSync(join(BUILT_DIR, FIRST_VIEW_FILE)));
const shipped = JSON.parse(new TextDecoder().decode(fileBytes)) as FirstView;
const TOLERANCE = 1e-9;

/** Equal structures, numbers within the tolerance; the first difference is named by its path. */
function expectClose(actual: unknown, expected: unknown, where: string) {
	if (typeof actual === 'number' && typeof expected === 'number') {
		if (!(Math.abs(actual - expected) <= TOLERANCE)) expect.fail(`${where}: ${actual} against ${expected}`);
	} else if (Array.isArray(actual) && Array.isArray(expected)) {
		expect(actual.length, where).toBe(expected.length);
		actual.forEach((a, i) => expectClose(a, expected[i], `${where}[${i}]`));
	} else if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
		expect(Object.keys(actual).sort(), where).toEqual(Object.keys(expected).sort());
		for (const [key, value] of Object.entries(actual)) expectClose(value, (expected as Record<string, unknown>)[key], `${where}.${key}`);
	} else expect(actual, where).toEqual(expected);
}

describe('the first-view file', () => {
	it('is deterministic: computed again from the same data it has the same bytes as the shipped file', async () => {
		const again = encodeFirstView(await computeFirstView(BUILT_DIR, manifest));
		expect(Buffer.from(again).equals(Buffer.from(fileBytes))).toBe(true);
		expect(manifest.firstView).toEqual({ file: FIRST_VIEW_FILE, bytes: fileBytes.length, sha256: createHash('sha256').update(fileBytes).digest('hex') });
	}, 60_000);

	it('is read only when it matches the manifest; a stale or damaged file is refused with the reason', async () => {
		const good = await readFirstView(fileBytes, manifest.firstView);
		expect(good.ok).toBe(true);
		const stale = new Uint8Array(fileBytes);
		stale[stale.length - 2] ^= 1;
		expect(await readFirstView(stale, manifest.firstView)).toEqual({ ok: false, reason: 'the file does not match the manifest (stale or damaged)' });
		expect(await readFirstView(fileBytes.slice(0, -1), manifest.firstView)).toMatchObject({ ok: false });
		expect(await readFirstView(fileBytes, undefined)).toEqual({ ok: false, reason: 'the manifest names no first view' });
		// A file of another format whose hash the manifest does record is refused too.
		const other = new TextEncoder().encode(JSON.stringify({ ...shipped, version: 2 }));
		const record = { file: FIRST_VIEW_FILE, bytes: other.length, sha256: createHash('sha256').update(other).digest('hex') };
		expect(await readFirstView(other, record)).toEqual({ ok: false, reason: 'the file has an unknown format' });
	});

	it('stays within its budget: 150 KB brotli', () => {
		const brotli = brotliCompressSync(fileBytes).length;
		expect(brotli, `first-view.json is ${(brotli / 1024).toFixed(0)} KB brotli`).toBeLessThanOrEqual(150 * 1024);
	});

	it('carries the allocation, map colours and headline exactly as the app derives them from its core', () => {
		expect(deriveFirstView(shipped)).toEqual(shipped.derived);
		expect(shipped.derived.map.codes).toHaveLength(650);
		expect(shipped.derived.allocation.total).toBe(shipped.derived.allocation.budget);
		expect(shipped.scores.rows).toHaveLength(650);
	});
});

describe('parity with the browser engine (DuckDB-wasm)', () => {
	let wasm: Database;
	beforeAll(async () => {
		const { openWasmNodeDatabase } = await import('../../src/lib/db/wasm-node');
		wasm = await openWasmNodeDatabase();
		await loadTables(wasm, manifest, async (file) => new Uint8Array(readFileSync(join(BUILT_DIR, file))));
	}, 120_000);
	afterAll(async () => wasm?.close());

	it('scores, ranks, the risk run, the catalogue and the Data table agree to 1e-9 for the default view', async () => {
		const live = await computeFirstViewCore(wasm, DEFAULT_LENS);
		expect(live.lens).toBe(shipped.lens);
		expect(live.definition).toEqual(shipped.definition);
		expect(live.prepared).toEqual(shipped.prepared);
		expect(shipped.scores.rows).toHaveLength(650);
		// Every cell, ranks and flags exactly, numbers to 1e-9; the risk run with its fit and losses.
		expectClose(live.scores, shipped.scores, 'scores');
		expectClose(live.overview, shipped.overview, 'overview');
		expectClose(JSON.parse(JSON.stringify(live.risk)), shipped.risk, 'risk');
	}, 120_000);
});
