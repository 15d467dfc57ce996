import { expect, test } from '@playwright/test';
import { openApp, openTab } from './app';

// The config blocks service workers so every other test is a first visit; this one is about the
// visit after that.
test.use({ serviceWorkers: 'allow' });

test('after one visit the app starts and scores offline, served by its service worker', async ({ page, context }) => {
	const violations: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
	});
	await openApp(page);
	// Installed means the app shell, the data and the DuckDB engine are all in this build's cache.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await context.setOffline(true);
	// The Map tab too: MapLibre is a lazy chunk, and the boundaries a data file.
	await openApp(page, '/?tab=map');
	expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
	await expect(page.getByTestId('geo-map')).not.toHaveAttribute('data-recolours', '0');
	await openTab(page, 'Constituency data');
	await expect(page.getByRole('row').filter({ hasText: 'Clacton' }).first()).toBeVisible();
	expect(violations).toEqual([]);
	await context.setOffline(false);
});
