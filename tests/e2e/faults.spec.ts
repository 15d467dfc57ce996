/**
 * Engine and loading faults: the DuckDB worker dying mid-session, stopping the first load, and
 * cancelling an import. None of these may lose uploads, scenarios or the current view.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, openTab } from './app';

const weight = (page: Page, label: string) => page.getByRole('spinbutton', { name: `Weight of ${label} (number)` });
const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
const threatPanel = (page: Page) => page.locator('section.panel').filter({ hasText: 'Challenger-threat score' });

async function runSql(page: Page, sql: string) {
	await openTab(page, 'SQL console');
	const region = page.getByRole('region', { name: 'SQL console' });
	await page.getByLabel('SQL query').fill(sql);
	await region.getByRole('button', { name: 'Run', exact: true }).click();
	await expect(region.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
	return region.getByTestId('console-result');
}

/** A route that holds matching requests until `release()` is called. */
async function hold(page: Page, pattern: string) {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	let requested = false;
	await page.route(pattern, async (route) => {
		requested = true;
		await released;
		await route.continue().catch(() => {}); // the page may have given up on it
	});
	return { release, requested: () => requested };
}

test('when the DuckDB worker dies the app says so, rebuilds, and keeps uploads, scenarios and the view', async ({ page }) => {
	await openApp(page, '/?debug');
	await openTab(page, 'Your data');
	await page.getByLabel(/^Choose a file/).setInputFiles(csv('members.csv', 'code,members\nE14000733,100\nE14000642,50\nE14000546,7\n'));
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByTestId('dataset-list')).toContainText('members');
	await openTab(page, 'Scenarios');
	await page.getByLabel('Scenario name').fill('Before the crash');
	await page.getByRole('button', { name: 'Save current settings' }).click();
	await openTab(page, 'Scores');
	await weight(page, 'Leave 2016').fill('3');
	await expect(page.locator('main')).toHaveAttribute('data-scored', 'true');

	expect(await page.evaluate(() => (window as unknown as { __heartlandsDebug: { killEngine(): boolean } }).__heartlandsDebug.killEngine())).toBe(true);
	const status = page.getByTestId('engine-status');
	await expect(status).toBeVisible();
	await expect(status).toContainText('The data engine stopped (its worker was terminated)');
	await expect(status).toHaveAttribute('data-state', 'recovered', { timeout: 60_000 });
	await expect(status).toContainText('was rebuilt: the public tables, your 1 upload and the scores are back');

	// The view is as it was, and scoring works on the new engine, with the uploaded indicator.
	await expect(page.locator('main')).toHaveAttribute('data-scored', 'true');
	await expect(weight(page, 'Leave 2016')).toHaveValue('3');
	await threatPanel(page).getByLabel('Add an indicator').selectOption({ label: 'members (members)' });
	await expect(page.getByTestId('threat-formula')).toContainText('members (members)');
	await expect(page.locator('main')).toHaveAttribute('data-scored', 'true');
	await expect(page.locator('section.table tbody tr[data-code]').first()).toBeVisible();
	await openTab(page, 'Your data');
	await expect(page.getByTestId('dataset-list')).toContainText('members');
	await openTab(page, 'Scenarios');
	await expect(page.getByTestId('scenario-list')).toContainText('Before the crash');
	// The SQL console runs on the new engine too, and sees the reloaded upload table.
	await expect(await runSql(page, "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'upload_%'")).toContainText('1');
});

test('stopping the first load leaves a clean "stopped" state, and loading again works', async ({ page }) => {
	const census = await hold(page, '**/data/census2011.csv');
	await page.goto('/');
	await expect.poll(census.requested).toBe(true);
	await page.getByRole('button', { name: 'Stop loading' }).click();
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'stopped');
	await expect(page.getByTestId('load-stopped')).toContainText('Nothing was kept from the partial load');
	census.release();
	await page.unroute('**/data/census2011.csv');
	await page.getByRole('button', { name: 'Load again' }).click();
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
	await expect(page.locator('main')).toHaveAttribute('data-scored', 'true', { timeout: 30_000 });
});

test('cancelling an import leaves nothing half-imported', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Your data');
	// A small-area import first fetches the area lookup: holding that request keeps the import running.
	const lookup = await hold(page, '**/data/smallarea_2010.csv');
	await page.getByLabel(/^Choose a file/).setInputFiles(csv('areas.csv', 'lsoa,contacts\nE01011949,10\nE01011950,10\n'));
	await page.getByRole('button', { name: 'Import' }).click();
	await expect.poll(lookup.requested).toBe(true);
	await page.getByRole('button', { name: 'Cancel import' }).click();
	lookup.release();
	await expect(page.getByTestId('commit-error')).toHaveText('Import cancelled: nothing was imported, and your earlier uploads are as they were.');
	await expect(page.getByText('No uploads yet.')).toBeVisible();
	// Nothing in DuckDB either: no upload table exists.
	await expect(await runSql(page, "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'upload_%'")).toContainText('0');
	// And the same file imports when not cancelled.
	await openTab(page, 'Your data');
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByTestId('upload-message')).toContainText('Imported “areas”');
});

test('reading a large file can be cancelled, and stages nothing', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Your data');
	// About 40 MB: long enough to read that the Cancel button is there to press.
	const lines = ['code,a,b,c,d,e'];
	for (let r = 0; r < 700_000; r++) lines.push(`E14000${String(530 + (r % 600)).padStart(3, '0')},${r},${r % 97},${(r * 7) % 1000},${r % 13},${r % 5}`);
	await page.getByLabel(/^Choose a file/).setInputFiles(csv('big.csv', lines.join('\n')));
	await page.getByRole('button', { name: 'Cancel reading' }).click();
	await expect(page.getByTestId('upload-message')).toHaveText('Reading cancelled: nothing was staged, and your uploads are as they were.');
	await expect(page.getByTestId('upload-stage')).toHaveCount(0);
	// The reader still works afterwards (in its worker).
	await page.getByLabel(/^Choose a file/).setInputFiles(csv('small.csv', 'code,members\nE14000733,100\n'));
	await expect(page.getByTestId('upload-stage')).toContainText('small.csv');
});
