/**
 * Frame gaps while a large CSV goes through the upload wizard in Chromium: the longest time the
 * page went without a frame while the file was read (in a worker) and while it was imported. A
 * long gap means Cancel cannot be clicked; the aim is none over 200 ms. Measured, never asserted.
 */
import type { Browser, Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const IMPORT_ROWS = 2_000_000;

/** A seat-keyed CSV of `rows` rows (codes repeat, so seats get summed). */
export function seatCsv(codes: string[], rows: number): Buffer {
	const lines = ['code,a,b,c'];
	for (let r = 0; r < rows; r++) lines.push(`${codes[r % codes.length]},${r % 97},${(r * 3) % 101},${r % 7}.5`);
	return Buffer.from(lines.join('\n') + '\n');
}

interface GapWindow {
	__gaps: { max: number; last: number; running: boolean };
}

/** Longest time between two animation frames from now until `stop` (as text: the TS loader renames nested functions). */
const START_GAPS = `(() => {
	const gaps = (globalThis.__gaps = { max: 0, last: performance.now(), running: true });
	const tick = (now) => {
		gaps.max = Math.max(gaps.max, now - gaps.last);
		gaps.last = now;
		if (gaps.running) requestAnimationFrame(tick);
	};
	requestAnimationFrame(tick);
})()`;
const startGaps = (page: Page) => page.evaluate(START_GAPS);
const stopGaps = (page: Page) => page.evaluate(() => (((globalThis as unknown as GapWindow).__gaps.running = false), (globalThis as unknown as GapWindow).__gaps.max));

export async function importFrameGaps(browser: Browser, base: string, csv: Buffer): Promise<{ stageGapMs: number; importGapMs: number; importMs: number }> {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	// Chosen from disk, as a user does: a buffer would be base64-decoded inside the page, a freeze
	// of the harness's own making.
	const dir = mkdtempSync(join(tmpdir(), 'heartlands-bench-'));
	const path = join(dir, 'big.csv');
	writeFileSync(path, csv);
	try {
		await page.goto(`${base}/?tab=upload`);
		await page.waitForSelector('main[data-phase="ready"]', { timeout: 120_000 });
		await startGaps(page);
		await page.getByLabel(/^Choose a file/).setInputFiles(path);
		await page.getByTestId('upload-stage').waitFor({ timeout: 300_000 });
		const stageGapMs = await stopGaps(page);
		await page.getByLabel('Rows for the same seat').selectOption('sum');
		await startGaps(page);
		const started = Date.now();
		await page.getByRole('button', { name: 'Import' }).click();
		await page.getByTestId('upload-message').waitFor({ timeout: 300_000 });
		const importMs = Date.now() - started;
		const importGapMs = await stopGaps(page);
		return { stageGapMs, importGapMs, importMs };
	} finally {
		await context.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

export interface GeoGaps {
	/** Reading the file (worker) until the wizard shows it. */
	stageGapMs: number;
	/** Import click until the layer is stored and the message shows. */
	importGapMs: number;
	/** Map tab click until MapLibre has drawn the layer (or a settle window on builds that cannot say). */
	mapGapMs: number;
	/** Reload until the stored layer is drawn on the Map tab. */
	reloadGapMs: number;
	importMs: number;
}

const GEO_MAP = '[data-testid="geo-map"]';
/** Builds before `data-overlays-drawn` existed cannot say when the layer is drawn: measure this long. */
const SETTLE_MS = 20_000;

async function untilOverlayDrawn(page: Page) {
	await page.waitForSelector(`${GEO_MAP}[data-overlays="1"]`, { timeout: 300_000 });
	const canTell = await page.getAttribute(GEO_MAP, 'data-overlays-drawn');
	if (canTell === null) await page.waitForTimeout(SETTLE_MS);
	else await page.waitForSelector(`${GEO_MAP}[data-overlays-drawn="1"]`, { timeout: 300_000 });
}

/**
 * A GeoJSON area layer of `file` through the wizard, then the Map tab, then a reload with the map
 * open: the longest frame gap in each step. Each step's window ends when the user can see its result.
 */
export async function geoFrameGaps(browser: Browser, base: string, file: string): Promise<GeoGaps> {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	try {
		await page.goto(`${base}/?tab=upload`);
		await page.waitForSelector('main[data-phase="ready"]', { timeout: 120_000 });
		await startGaps(page);
		await page.getByLabel(/^Choose a file/).setInputFiles(file);
		await page.getByTestId('geo-stage').waitFor({ timeout: 300_000 });
		const stageGapMs = await stopGaps(page);
		await page
			.getByTestId('geo-stage')
			.getByRole('radio', { name: /^An area layer/ })
			.check();
		await page.getByTestId('geo-stage').getByLabel('Layer name').fill('Bench zones');
		await startGaps(page);
		const started = Date.now();
		await page.getByTestId('geo-stage').getByRole('button', { name: 'Import' }).click();
		await page.getByTestId('upload-message').waitFor({ timeout: 300_000 });
		const importMs = Date.now() - started;
		const importGapMs = await stopGaps(page);
		await startGaps(page);
		await page.getByRole('tab', { name: 'Map' }).click();
		await untilOverlayDrawn(page);
		const mapGapMs = await stopGaps(page);
		// A reload reads the stored layer back; gaps are counted from the first frame of the new page.
		await page.addInitScript(START_GAPS);
		await page.goto(`${base}/?tab=map`);
		await untilOverlayDrawn(page);
		const reloadGapMs = await stopGaps(page);
		return { stageGapMs, importGapMs, mapGapMs, reloadGapMs, importMs };
	} finally {
		await context.close();
	}
}
