import { expect, test, type Page } from '@playwright/test';
import { openApp as open, openTab } from './app';

/** The constituency data tab, after everything has loaded. */
async function openApp(page: Page) {
	await open(page);
	await openTab(page, 'Constituency data');
}

const bodyRows = (page: Page) => page.locator('table tbody tr[data-code]');

test('the built app shows all 650 constituencies of the 2010 set', async ({ page }) => {
	await openApp(page);
	await expect(bodyRows(page)).toHaveCount(650);
	await expect(page.getByTestId('row-count')).toHaveText('650 of 650 seats');
});

test('typing Hartlepool into the search leaves that row', async ({ page }) => {
	await openApp(page);
	await page.getByLabel('Search constituencies').fill('Hartlepool');
	await expect(bodyRows(page)).toHaveCount(1);
	await expect(bodyRows(page).first().locator('th')).toHaveText('Hartlepool');
});

test('names are the official ones, and South Antrim shows its counted Leave share', async ({ page }) => {
	await openApp(page);
	await page.getByLabel('Search constituencies').fill('Stoke-on-Trent');
	const names = bodyRows(page).locator('th').filter({ hasText: /Trent/i });
	await expect(names).toHaveText(['Stoke-on-Trent Central', 'Stoke-on-Trent North', 'Stoke-on-Trent South']);
	await page.getByLabel('Search constituencies').fill('South Antrim');
	await expect(bodyRows(page).first()).toContainText('50.6%');
});

test('the Method tab names the NI Leave counts and notes the Reform UK 2024 total', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Method');
	const corrections = page.getByTestId('leave-corrections');
	await expect(corrections.locator('tbody tr')).toHaveCount(2);
	await expect(corrections.locator('tr', { hasText: 'South Antrim' })).toContainText('22,055');
	await expect(corrections.locator('tr', { hasText: 'South Antrim' })).toContainText('50.64%');
	await expect(corrections.locator('tr', { hasText: 'South Antrim' })).toContainText('41.18%');
	await expect(corrections).toContainText('Carrickfergus Times');
	const reform = page.getByTestId('challenger-totals').locator('tr', { hasText: 'Reform UK' });
	await expect(reform).toContainText('4,117,620');
	await expect(reform).toContainText('10 votes more than the published 4,117,610');
});

test('sorting by UKIP share puts Clacton first', async ({ page }) => {
	await openApp(page);
	await page.getByRole('button', { name: /UKIP 2015/ }).click();
	const first = bodyRows(page).first();
	await expect(first.locator('th')).toHaveText('Clacton');
	await expect(first).toContainText('44.4%');
	await expect(page.getByRole('columnheader', { name: /UKIP 2015/ })).toHaveAttribute('aria-sort', 'descending');
});

test('attribution of every source is visible', async ({ page }) => {
	await openApp(page);
	const footer = page.getByRole('contentinfo');
	for (const text of ['Open Parliament Licence', 'mySociety, CC BY 4.0', 'ODI Leeds', 'Hanretty', 'British Election Study', 'Crown copyright']) {
		await expect(footer).toContainText(text);
	}
});

test('no request leaves the app origin, and the page runs under its CSP without violations', async ({ page, baseURL }) => {
	const requests: string[] = [];
	const violations: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
	});
	page.on('request', (request) => requests.push(request.url()));
	page.on('worker', (worker) => requests.push(worker.url()));
	await openApp(page);
	await page.getByLabel('Search constituencies').fill('Clacton');
	await page.getByRole('button', { name: /UKIP 2015/ }).click();
	const origin = new URL(baseURL!).origin;
	const foreign = requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'));
	expect(requests.length).toBeGreaterThan(5);
	expect(requests.some((url) => url.endsWith('.wasm'))).toBe(true);
	expect(foreign).toEqual([]);
	const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
	expect(csp).toContain("default-src 'self'");
	expect(csp).toContain("connect-src 'self'");
	// 'wasm-unsafe-eval' (compiling the DuckDB wasm) is allowed; eval and new Function are not.
	expect(csp).not.toContain("'unsafe-eval'");
	expect(csp).toContain("'wasm-unsafe-eval'");
	// A tour of every tab: none may trip the policy.
	for (const tab of ['Map', 'Allocation', 'Compare', 'Scenarios', 'Your data', 'SQL console', 'Constituency data', 'Method', 'Scores']) {
		await page.getByRole('tab', { name: tab }).click();
	}
	expect(violations).toEqual([]);
	expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
});

test('a failed data download shows the error panel and keeps the app alive', async ({ page }) => {
	await page.route('**/data/results.csv', (route) => route.fulfill({ status: 404, body: 'missing' }));
	await page.goto('/');
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Could not load “results”');
	await expect(alert).toContainText('404');
	await expect(page.locator('[data-dataset="results"]')).toHaveAttribute('data-status', 'failed');
	// Retrying once the file is back loads everything.
	await page.unroute('**/data/results.csv');
	await page.getByRole('button', { name: 'Try again' }).click();
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
	await openTab(page, 'Constituency data');
	await expect(bodyRows(page)).toHaveCount(650);
});

test('the page preloads the engine and start-up data, and downloads the 34 MB wasm only once', async ({ page }) => {
	const wasmRequests: string[] = [];
	page.context().on('request', (r) => {
		if (r.url().endsWith('.wasm')) wasmRequests.push(r.url());
	});
	await openApp(page);
	const preloads = await page.locator('link[rel="preload"]').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
	expect(preloads.some((h) => /duckdb-eh\.[\w-]+\.wasm$/.test(h ?? ''))).toBe(true);
	expect(preloads).toContain('/data/manifest.json');
	expect(preloads).toContain('/data/census2011.csv');
	expect(wasmRequests).toHaveLength(1);
});
