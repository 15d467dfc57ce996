import { expect, type Page } from '@playwright/test';

/**
 * The app opens on the briefing; these tests start from Scores (the app's first view before the
 * briefing), so a path that names no view or seat gets `tab=scores`. A path that names one keeps it.
 */
export function onScores(path: string): string {
	const absolute = /^https?:/.test(path);
	const url = new URL(path, 'http://placeholder');
	if (!url.searchParams.has('tab') && !url.searchParams.has('seat')) url.searchParams.set('tab', 'scores');
	return absolute ? url.toString() : `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Open the built app (on Scores, unless the path names a view) and wait until DuckDB-wasm has loaded
 * every table and scored the seats, and the priority is ranked (by default it waits for P(loss)
 * from the risk model).
 */
export async function openApp(page: Page, path = '/') {
	await page.goto(onScores(path));
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
	await expect(page.locator('main')).toHaveAttribute('data-scored', 'true', { timeout: 30_000 });
	await expect(page.locator('main')).toHaveAttribute('data-ranked', 'true', { timeout: 60_000 });
}

/** Rank the eligible seats by the two scores (untick the default P(loss) ranking), for tests about the weights. */
export async function rankByScores(page: Page) {
	await openTab(page, 'Scores');
	await page.getByRole('checkbox', { name: /Rank the eligible seats by P\(loss\)/ }).uncheck();
	await expect(page.getByTestId('priority-formula')).toContainText("the two scores' percentile ranks");
}

export async function openTab(page: Page, name: string) {
	await page.getByRole('tab', { name }).click();
}
