/**
 * An upload that cannot be loaded at start-up is set aside, never fatal: the app starts with the
 * rest, names it with the engine's reason, and offers to delete it. The failure is real: this
 * browser's WebAssembly memory is capped at 256 MB (a V8 flag), as on a smaller machine than the
 * one that imported it, so DuckDB itself runs out of memory building a 2,000-column upload.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { openApp, openTab } from './app';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--js-flags=--wasm-max-mem-pages=4096'] } });

const codes = readFileSync('static/data/constituencies.csv', 'utf8')
	.split('\n')
	.filter((line) => line.startsWith('2010,'))
	.map((line) => line.split(',')[1]);

/** A stored upload record as the importer writes it: every 2010 seat, `columns` numeric columns. */
const upload = (id: string, name: string, columns: number) => ({
	version: 1,
	id,
	name,
	fileName: `${id}.csv`,
	boundarySet: '2010',
	createdAt: '2026-01-01T00:00:00.000Z',
	aggregation: null,
	columns: Array.from({ length: columns }, (_, i) => ({ id: `c${i}`, header: `v${i}`, label: `${name} ${i}`, unit: 'value', direction: 1 })),
	codes,
	values: Array.from({ length: columns }, (_, c) => codes.map((_, r) => (r * 13 + c) % 997))
});

/** Runs in the page: the keys of the stored uploads, after putting `records` (if any). */
function storeUploads(page: Page, records: unknown[] = []) {
	return page.evaluate(async (records) => {
		const open = indexedDB.open('heartlands-uploads');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const tx = db.transaction('datasets', 'readwrite');
		for (const r of records as { id: string }[]) tx.objectStore('datasets').put(r, r.id);
		const keys = tx.objectStore('datasets').getAllKeys();
		await new Promise((resolve) => (tx.oncomplete = resolve));
		db.close();
		return keys.result.map(String).sort();
	}, records);
}

test('an upload too big for this browser is set aside with its reason and a Delete button; the app starts with the rest', async ({ page }) => {
	await openApp(page, '/?tab=upload');
	await storeUploads(page, [upload('dsmall', 'Members', 2), upload('dhuge', 'Huge survey', 2000)]);
	await page.reload();
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'ready', { timeout: 90_000 });

	const notice = page.getByTestId('set-aside-uploads');
	await expect(notice).toContainText('One stored upload could not be loaded on this visit');
	await expect(notice).toContainText('“Huge survey” (2000 columns, 2010 boundaries): Out of Memory Error');
	await expect(notice).not.toContainText('Members');
	// The small upload loaded: its indicators are offered.
	await openTab(page, 'Scores');
	const add = page.locator('section.panel').filter({ hasText: 'Challenger-threat score' }).getByLabel('Add an indicator');
	await expect(add.locator('option', { hasText: 'Members 0' })).toHaveCount(1);
	await expect(add.locator('option', { hasText: 'Huge survey' })).toHaveCount(0);

	await openTab(page, 'Your data');
	await notice.getByRole('button', { name: 'Delete “Huge survey”' }).click();
	await expect(notice).toBeHidden();
	expect(await storeUploads(page)).toEqual(['dsmall']);
	await page.reload();
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'ready', { timeout: 90_000 });
	await expect(page.getByTestId('set-aside-uploads')).toBeHidden();
});
