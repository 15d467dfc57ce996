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
