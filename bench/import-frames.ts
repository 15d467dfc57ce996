/**
 * Frame gaps while a large CSV goes through the upload wizard in Chromium: the longest time the
 * page went without a frame while the file was read (in a worker) and while it was imported. A
 * long gap means Cancel cannot be clicked; the aim is none over 200 ms. Measured, never asserted.
 */
import type { Browser } from '@playwright/test';
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
		// As text: functions defined inside an evaluated function would be renamed by the TS loader.
		const startGaps = () =>
			page.evaluate(`(() => {
				const gaps = (globalThis.__gaps = { max: 0, last: performance.now(), running: true });
				const tick = (now) => {
					gaps.max = Math.max(gaps.max, now - gaps.last);
					gaps.last = now;
					if (gaps.running) requestAnimationFrame(tick);
				};
				requestAnimationFrame(tick);
			})()`);
		const stopGaps = () => page.evaluate(() => ((globalThis as unknown as GapWindow).__gaps.running = false, (globalThis as unknown as GapWindow).__gaps.max));
		await startGaps();
		await page.getByLabel(/^Choose a file/).setInputFiles(path);
		await page.getByTestId('upload-stage').waitFor({ timeout: 300_000 });
		const stageGapMs = await stopGaps();
		await page.getByLabel('Rows for the same seat').selectOption('sum');
		await startGaps();
		const started = Date.now();
		await page.getByRole('button', { name: 'Import' }).click();
		await page.getByTestId('upload-message').waitFor({ timeout: 300_000 });
		const importMs = Date.now() - started;
		const importGapMs = await stopGaps();
		return { stageGapMs, importGapMs, importMs };
	} finally {
		await context.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
