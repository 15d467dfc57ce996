import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { openApp, openTab } from './app';

const consoleSection = (page: Page) => page.getByRole('region', { name: 'SQL console' });

async function openConsole(page: Page) {
	await openApp(page);
	await openTab(page, 'SQL console');
	await expect(page.getByLabel('SQL query')).toBeVisible();
}

async function run(page: Page, sql: string) {
	await page.getByLabel('SQL query').fill(sql);
	await consoleSection(page).getByRole('button', { name: 'Run', exact: true }).click();
	await expect(consoleSection(page).getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
}

const resultTable = (page: Page) => consoleSection(page).getByTestId('console-result');
const alertBox = (page: Page) => consoleSection(page).getByTestId('console-alert');

/** A small RFC 4180 reader. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += c;
	}
	if (cell || row.length) rows.push([...row, cell]);
	return rows;
}

test('a query shows its rows, row count and time, and the CSV parses back to the same rows', async ({ page }, info) => {
	await openConsole(page);
	await run(page, "SELECT name, nation FROM constituencies WHERE boundary_set = '2010' ORDER BY name LIMIT 5");
	const rows = resultTable(page).locator('tbody tr');
	await expect(rows).toHaveCount(5);
	await expect(rows.first().locator('td').first()).toHaveText('Aberavon');
	await expect(resultTable(page).locator('caption')).toContainText('5 rows');
	await expect(consoleSection(page).getByTestId('console-summary')).toContainText(/5 rows · .*(ms|s)/);
	await expect(alertBox(page)).toHaveText('');

	const shown = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
	const [download] = await Promise.all([page.waitForEvent('download'), consoleSection(page).getByRole('button', { name: 'Download CSV' }).click()]);
	expect(download.suggestedFilename()).toMatch(/^heartlands-query-\d{4}-\d{2}-\d{2}\.csv$/);
	const path = info.outputPath('query.csv');
	await download.saveAs(path);
	const csv = parseCsv(await readFile(path, 'utf8'));
	expect(csv[0]).toEqual(['name', 'nation']);
	expect(csv.slice(1)).toEqual(shown);
});

test('DROP TABLE results is refused, naming the table, and results is untouched', async ({ page }) => {
	await openConsole(page);
	await run(page, 'DROP TABLE results');
	await expect(alertBox(page)).toContainText('"results"');
	await expect(alertBox(page)).toContainText('cannot drop it');
	await expect(resultTable(page)).toHaveCount(0);

	await run(page, 'SELECT count(*) AS n FROM results');
	await expect(alertBox(page)).toHaveText('');
	await expect(resultTable(page).locator('tbody td')).toHaveText(['3250']);
});

test('an own table can be created, appears in the schema browser and can be queried from it', async ({ page }) => {
	await openConsole(page);
	const schema = consoleSection(page).getByTestId('console-schema');
	await expect(schema.getByRole('button', { name: 'results', exact: true })).toBeVisible();
	await run(page, 'CREATE TABLE mine AS SELECT 1 AS x');
	await expect(alertBox(page)).toHaveText('');
	const mine = schema.getByRole('button', { name: 'mine', exact: true });
	await expect(mine).toBeVisible();

	await schema.getByRole('button', { name: 'Columns of mine' }).click();
	await expect(schema.getByRole('list', { name: 'Columns of mine' })).toContainText('x');
	await expect(schema.getByRole('list', { name: 'Columns of mine' })).toContainText('INTEGER');

	await mine.click();
	await expect(page.getByLabel('SQL query')).toHaveValue('SELECT * FROM "mine" LIMIT 100');
	await page.getByLabel('SQL query').press('Control+Enter');
	await expect(resultTable(page).locator('tbody td')).toHaveText(['1']);

	await run(page, 'DROP TABLE mine');
	await expect(mine).toHaveCount(0);
});

test('reading a URL is refused and nothing is requested from another origin', async ({ page, baseURL }) => {
	const external: string[] = [];
	page.on('request', (r) => {
		if (!r.url().startsWith(baseURL!) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) external.push(r.url());
	});
	await openConsole(page);
	await run(page, "SELECT * FROM read_csv('http://example.com/x.csv')");
	await expect(alertBox(page)).toContainText('nothing leaves the browser');
	await run(page, "SELECT * FROM 'http://example.com/x.csv'");
	await expect(alertBox(page)).toContainText('nothing leaves the browser');
	expect(external).toEqual([]);
});

test("a syntax error shows DuckDB's own message", async ({ page }) => {
	await openConsole(page);
	await run(page, 'SELECT * FROM constituencies WHERE');
	await expect(alertBox(page)).toContainText('Parser Error');
	await expect(alertBox(page)).toContainText('syntax error');
});

test('text is shown as text and NULL is shown distinctly', async ({ page }) => {
	await openConsole(page);
	await run(page, `SELECT '<img src=x onerror="window.__xss = 1">' AS html, NULL AS nothing, 'NULL' AS word`);
	const cells = resultTable(page).locator('tbody td');
	await expect(cells).toHaveText(['<img src=x onerror="window.__xss = 1">', 'NULL', 'NULL']);
	await expect(resultTable(page).locator('tbody img')).toHaveCount(0);
	await expect(cells.nth(1)).toHaveClass(/null/);
	await expect(cells.nth(2)).not.toHaveClass(/null/);
	expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test('recent queries survive a reload', async ({ page }) => {
	await openConsole(page);
	await run(page, 'SELECT 42 AS answer');
	await page.reload();
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
	await openTab(page, 'SQL console');
	const recent = consoleSection(page).getByLabel('Recent queries');
	await expect(recent).toContainText('SELECT 42 AS answer');
	await recent.selectOption({ label: 'SELECT 42 AS answer' });
	await expect(page.getByLabel('SQL query')).toHaveValue('SELECT 42 AS answer');
});

test('a runaway query can be cancelled, and the app re-scores afterwards', async ({ page }) => {
	await openConsole(page);
	await page.getByLabel('SQL query').fill('WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SELECT count(*) FROM r');
	await consoleSection(page).getByRole('button', { name: 'Run', exact: true }).click();
	// Every other view waits on the engine meanwhile, and the page says so.
	await expect(page.getByTestId('engine-busy')).toContainText('A query from the SQL console is running');
	await consoleSection(page).getByRole('button', { name: 'Cancel query' }).click();
	await expect(alertBox(page)).toContainText('Cancelled. Stopped: you cancelled it. The data engine was restarted');
	await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'recovered', { timeout: 60_000 });
	await expect(page.getByTestId('engine-busy')).toHaveCount(0);

	await openTab(page, 'Scores');
	// The top rows' whole text: their threat scores change with the weight (P(loss) keeps their order).
	const topSeats = async () => (await page.locator('section.table tbody tr[data-code]').allTextContents()).slice(0, 10);
	const before = await topSeats();
	await page.getByRole('spinbutton', { name: 'Weight of UKIP share 2015 (number)' }).fill('5');
	await expect(page.getByTestId('threat-formula')).toContainText('56% × UKIP share 2015');
	await expect.poll(topSeats).not.toEqual(before);
	await expect(page.locator('main')).toHaveAttribute('data-scored', 'true');
	// And the console works again.
	await openTab(page, 'SQL console');
	await run(page, 'SELECT 41 + 1 AS answer');
	await expect(resultTable(page).locator('tbody td')).toHaveText('42');
});

test('the console shows the new rows after switching tabs and back', async ({ page }) => {
	await openConsole(page);
	await run(page, "SELECT name FROM constituencies WHERE boundary_set = '2010' ORDER BY name LIMIT 2");
	await expect(resultTable(page).locator('tbody tr')).toHaveCount(2);
	await openTab(page, 'Scores');
	await openTab(page, 'SQL console');
	await expect(resultTable(page).locator('tbody tr')).toHaveCount(2);
	await run(page, 'SELECT range AS k, range * 2 AS doubled FROM range(4)');
	await expect(consoleSection(page).getByTestId('console-summary')).toContainText('4 rows');
	await expect(resultTable(page).locator('thead th')).toHaveText([/^k/, /^doubled/]);
	await expect(resultTable(page).locator('tbody tr')).toHaveCount(4);
	await expect(resultTable(page).locator('tbody tr').nth(3).locator('td')).toHaveText(['3', '6']);
});

test('a damaged console history is set aside with a notice, and the console opens at the first click', async ({ page }) => {
	await page.addInitScript(() => {
		if (!sessionStorage.getItem('seeded')) {
			localStorage.setItem('heartlands:console-history', '{"schemaVersion": 1, "value": [1, {');
			sessionStorage.setItem('seeded', '1');
		}
	});
	await openApp(page);
	await expect(page.getByTestId('storage-notice')).toContainText('SQL console history');
	await openTab(page, 'SQL console');
	await expect(page.getByLabel('SQL query')).toBeVisible();
	await run(page, 'SELECT 1 AS one');
	await expect(resultTable(page).locator('tbody td')).toHaveText('1');
});
