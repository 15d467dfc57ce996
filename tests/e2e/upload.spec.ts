import { expect, test, type Page } from '@playwright/test';
import { openApp, openTab } from './app';
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { buildXlsx, forgeDeclaredSize, simpleRow } from '../fixtures/xlsx';

const file = (name: string, content: string | Buffer, mimeType = 'text/csv') => ({ name, mimeType, buffer: typeof content === 'string' ? Buffer.from(content) : content });

async function stage(page: Page, f: ReturnType<typeof file>) {
	await page.getByLabel(/^Choose a file/).setInputFiles(f);
}

/** The Your data tab with one small CSV imported, to show that a refused file changes nothing. */
async function withOneImport(page: Page) {
	await openApp(page);
	await openTab(page, 'Your data');
	await stage(page, file('codes.csv', 'code,value\nE14000733,1\nE14000642,2\n'));
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByTestId('dataset-list')).toContainText('codes');
}

test('a members file matched by name becomes an indicator that changes the ranks, and survives a reload', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Your data');
	// Windows-1252 bytes (as Excel saves them): ô in Ynys Môn, £ in a header.
	const csv = 'Constituency;Members;Spend £\nHartlepool;1200;£300\nYnys Môn;80;£10\nHartlepol;5;£1\nClacton;300;£20\nClacton;10;£5\n<img src=x onerror=alert(1)>;1;£1\n';
	await stage(page, file('members.csv', Buffer.from(csv, 'latin1')));
	const stageBox = page.getByTestId('upload-stage');
	await expect(stageBox).toContainText('windows-1252');
	await expect(stageBox).toContainText('Ynys Môn');
	await expect(stageBox).toContainText('<img src=x onerror=alert(1)>');
	await expect(page.locator('img[src="x"]')).toHaveCount(0);
	await expect(page.getByTestId('matched-count')).toHaveText('3 keys matched');
	await expect(page.getByTestId('duplicate-count')).toHaveText('1 seats with more than one row');
	// A misspelling is only suggested, never applied, until chosen.
	await page.getByRole('button', { name: /^Use Hartlepool/ }).click();
	await expect(page.getByTestId('matched-count')).toHaveText('4 keys matched');
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByTestId('commit-error')).toContainText('seats have more than one row');
	await page.getByLabel('Rows for the same seat').selectOption('sum');
	await page.getByLabel('Dataset name').fill('Members 2026');
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByTestId('upload-message')).toContainText('Imported “Members 2026”: 2 indicators for 3 seats');
	await expect(page.getByTestId('dataset-list')).toContainText('Members 2026');

	await openTab(page, 'Scores');
	await page.getByLabel('Search scored seats').fill('Ynys');
	const threatCell = page.locator('section.table tbody tr[data-code] td').nth(5);
	const before = await threatCell.textContent();
	await page.locator('section.panel').filter({ hasText: 'Challenger-threat score' }).getByLabel('Add an indicator').selectOption({ label: 'Members (Members 2026)' });
	await page.getByRole('spinbutton', { name: 'Weight of Members (Members 2026) (number)' }).fill('5');
	await expect(page.getByTestId('threat-formula')).toContainText('Members (Members 2026)');
	await expect.poll(() => threatCell.textContent()).not.toEqual(before);

	await page.goto('/');
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
	await openTab(page, 'Your data');
	await expect(page.getByTestId('dataset-list')).toContainText('Members 2026');
	await openTab(page, 'Scores');
	await expect(page.locator('section.panel').filter({ hasText: 'Challenger-threat score' }).getByLabel('Add an indicator').locator('option', { hasText: 'Members (Members 2026)' })).toHaveCount(1);
});

test('bad files get a clear message and lose nothing already loaded', async ({ page }) => {
	await withOneImport(page);

	await stage(page, file('empty.csv', ''));
	await expect(page.getByTestId('upload-error')).toContainText('empty');
	await stage(page, file('junk.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3])));
	await expect(page.getByTestId('upload-error')).toContainText(/binary|PNG/i);
	await stage(page, file('header.csv', 'code,value\n'));
	await expect(page.getByTestId('upload-error')).toContainText(/no data rows|only a header/i);
	await stage(page, file('nokey.csv', 'a,b\n1,2\n3,4\n'));
	await expect(page.getByTestId('upload-error')).toBeVisible();
	await stage(page, file('other-set.csv', 'code,value\nE14001174,5\nE14000642,2\n'));
	await expect(page.getByTestId('match-report')).toContainText('1 from the other boundary set');
	await expect(page.getByTestId('dataset-list')).toContainText('codes');
});

test('files chosen back to back: the last choice always shows, earlier results never overwrite it', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Your data');
	const error = page.getByTestId('upload-error');
	const stageBox = page.getByTestId('upload-stage');
	// No waits between choices: each one supersedes the reading before it.
	await stage(page, file('empty.csv', ''));
	await stage(page, file('junk.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3])));
	await stage(page, file('header.csv', 'code,value\n'));
	await stage(page, file('last.csv', 'code,value\nE14000733,1\nE14000642,2\n'));
	await expect(stageBox).toContainText('“last.csv”');
	await expect(error).toHaveCount(0);

	// A good file, then at once a bad one: the bad one's message, and no stage box.
	await stage(page, file('good.csv', 'code,value\nE14000733,1\n'));
	await stage(page, file('header.csv', 'code,value\n'));
	await expect(error).toContainText(/no data rows|only a header/i);
	await expect(stageBox).toHaveCount(0);

	// The list shows an upload only once its import has ended: read once, with no waiting, the file
	// input is free again and the stage is cleared in the same moment. (When the list came first, a
	// file chosen then was wiped by the import's tail, as if it had never been chosen.)
	await stage(page, file('first.csv', 'code,value\nE14000733,1\nE14000642,2\n'));
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByTestId('dataset-list')).toContainText('first');
	expect(await page.getByLabel(/^Choose a file/).isEnabled()).toBe(true);
	expect(await stageBox.count()).toBe(0);
	await stage(page, file('header.csv', 'code,value\n'));
	await expect(error).toContainText(/no data rows|only a header/i);
	await expect(page.getByTestId('upload-message')).toHaveCount(0);
	await expect(page.getByTestId('dataset-list')).toContainText('first');
});

test('a small-area file is added up to constituencies', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Your data');
	// Three Hartlepool LSOAs and one area the lookup does not know.
	const rows = ['E01011949', 'E01011950', 'E01011951'].map((a) => `${a},10`).join('\n');
	await stage(page, file('areas.csv', `lsoa,contacts\n${rows}\nE01999999,7\n`));
	await expect(page.getByRole('combobox', { name: 'Key column' })).toContainText('LSOA');
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByTestId('upload-message')).toContainText(/Imported “areas”: 1 indicator for \d+ seat/);
	await expect(page.getByRole('status').filter({ hasText: 'not in the lookup' })).toContainText('E01999999');
});

test('the workspace file carries uploads and scenarios to another browser', async ({ page, browser }, info) => {
	await openApp(page);
	await openTab(page, 'Your data');
	await stage(page, file('members.csv', 'code,members\nE14000733,100\nE14000642,50\n'));
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByTestId('dataset-list')).toContainText('members');
	await openTab(page, 'Scenarios');
	await page.getByLabel('Scenario name').fill('Carried over');
	await page.getByRole('button', { name: 'Save current settings' }).click();
	await openTab(page, 'Your data');
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download workspace file' }).click()]);
	const path = info.outputPath('workspace.json');
	await download.saveAs(path);

	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	await openApp(other);
	await openTab(other, 'Your data');
	await other.getByLabel('Open a workspace file').setInputFiles(path);
	await expect(other.getByTestId('workspace-status')).toContainText('Imported 1 upload(s), 1 scenario(s) and 0 map layer(s).');
	await expect(other.getByTestId('dataset-list')).toContainText('members');
	await openTab(other, 'Scenarios');
	await expect(other.getByTestId('scenario-list')).toContainText('Carried over');
	await other.getByLabel('Open a workspace file').count(); // still on the page: nothing crashed
	await fresh.close();
});

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('an Excel workbook imports from the sheet the user chooses', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Your data');
	const notes = { name: 'Notes', rows: simpleRow(1, ['About this file']) + simpleRow(2, ['Exported by the field team']) };
	const members = { name: 'Members', rows: simpleRow(1, ['code', 'members']) + simpleRow(2, ['E14000733', 120]) + simpleRow(3, ['E14000642', 45]) };
	await stage(page, file('members.xlsx', Buffer.from(buildXlsx([notes, members])), XLSX_MIME));
	// The first sheet with data is read by default; it has no key column, so the user picks another.
	const sheet = page.getByLabel('Sheet');
	await expect(sheet).toHaveValue('Notes');
	await expect(page.getByTestId('upload-error')).toBeVisible();
	await sheet.selectOption('Members');
	const stageBox = page.getByTestId('upload-stage');
	await expect(stageBox).toContainText('Excel workbook (.xlsx), sheet “Members”');
	await expect(page.getByTestId('upload-error')).toHaveCount(0);
	await expect(page.getByTestId('matched-count')).toHaveText('2 keys matched');
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByTestId('upload-message')).toContainText('Imported “members”: 1 indicator for 2 seats');
	await expect(page.getByTestId('dataset-list')).toContainText('members.xlsx');
});

test('a Parquet file is decoded in the page and imports', async ({ page }, info) => {
	const path = info.outputPath('canvass.parquet');
	const db = await DuckDBInstance.create(':memory:');
	const con = await db.connect();
	// DuckDB writes snappy pages by default: the JS decoder must read them under the page's CSP.
	await con.run(`COPY (SELECT * FROM (VALUES ('E14000733', 1200::BIGINT, DATE '2024-07-04', 'Smith, "Jo"'), ('E14000642', 300::BIGINT, DATE '2024-07-05', NULL)) t(code, contacts, day, organiser)) TO '${path.replace(/'/g, "''")}' (FORMAT parquet)`);
	con.closeSync();
	const problems: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error' && /Content Security Policy|WebAssembly|unsafe-eval/i.test(m.text())) problems.push(m.text());
	});
	await openApp(page);
	await openTab(page, 'Your data');
	await stage(page, file('canvass.parquet', readFileSync(path), 'application/octet-stream'));
	const stageBox = page.getByTestId('upload-stage');
	await expect(stageBox).toContainText('2 rows, 4 columns, Parquet');
	await expect(stageBox).toContainText('2024-07-04');
	await expect(stageBox).toContainText('Smith, "Jo"');
	await expect(page.getByTestId('matched-count')).toHaveText('2 keys matched');
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByTestId('upload-message')).toContainText('Imported “canvass”: 1 indicator for 2 seats');
	expect(problems).toEqual([]);
});

test('a damaged .xlsx gets a clear message and loses nothing already loaded', async ({ page }) => {
	await withOneImport(page);

	const good = Buffer.from(buildXlsx([{ name: 'Data', rows: simpleRow(1, ['code', 'value']) + simpleRow(2, ['E14000733', 5]) }]));
	await stage(page, file('broken.xlsx', good.subarray(0, Math.floor(good.length / 2)), XLSX_MIME));
	await expect(page.getByTestId('upload-error')).toContainText('not an Excel workbook (.xlsx)');
	await expect(page.getByTestId('upload-error')).toContainText('Nothing already loaded was changed.');
	await expect(page.getByTestId('upload-stage')).toHaveCount(0);
	await stage(page, file('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'application/vnd.ms-excel'));
	await expect(page.getByTestId('upload-error')).toContainText('save it as an Excel Workbook (.xlsx) or "CSV UTF-8"');
	await expect(page.getByTestId('dataset-list')).toContainText('codes');
	await expect(page.getByTestId('dataset-list').locator('tbody tr')).toHaveCount(1);
});

test('exact messages: formulas without saved values, a forged zip size, "features" not an array, coordinates out of any range', async ({ page }) => {
	await withOneImport(page);
	const error = page.getByTestId('upload-error');

	// As a generator that does not calculate writes them: formulas with no <v>.
	const formulas = simpleRow(1, ['code', 'members']) + '<row r="2"><c r="A2" t="inlineStr"><is><t>E14000733</t></is></c><c r="B2"><f>10*2</f></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>E14000642</t></is></c><c r="B3"><f>5*2</f></c></row>';
	await stage(page, file('generated.xlsx', Buffer.from(buildXlsx([{ name: 'Members', rows: formulas }])), XLSX_MIME));
	await expect(error).toHaveText(
		'This file cannot be imported. In the sheet "Members", 2 cells (the first is B2) are formulas without a saved value: the program that wrote this file did not calculate them, so there are no values to read. Open the file in Excel or LibreOffice and save it, which calculates and saves the values, or export the sheet as "CSV UTF-8", then upload it again. Nothing was imported. Nothing already loaded was changed.'
	);

	const padding = `<row r="9"><c r="A9" t="inlineStr"><is><t>${' '.repeat(2_000_000)}</t></is></c></row>`;
	const bomb = forgeDeclaredSize(buildXlsx([{ name: 'Data', rows: simpleRow(1, ['code', 'value']) + simpleRow(2, ['E14000733', 5]) + padding }]), 'xl/worksheets/sheet1.xml', 0);
	await stage(page, file('bomb.xlsx', Buffer.from(bomb), XLSX_MIME));
	await expect(error).toContainText('This Excel workbook (.xlsx) is damaged: the sheet "Data" declares 0 bytes unpacked, but its compressed data expands to 2 MB, so it was not read. Nothing was imported.');
	await expect(error).not.toContainText('empty');

	const geojson = (name: string, json: unknown) => ({ name, mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(json)) });
	const point = { type: 'Feature', properties: { code: 'E14000733' }, geometry: { type: 'Point', coordinates: [-1.2, 54.7] } };
	await stage(page, geojson('areas.geojson', { type: 'FeatureCollection', features: { first: point } }));
	await expect(error).toHaveText('This file cannot be imported. This GeoJSON FeatureCollection cannot be read: its "features" member is an object, not an array. It must be an array of Feature objects, [ … ]. Nothing was imported. Nothing already loaded was changed.');

	const far = { ...point, geometry: { type: 'Point', coordinates: [1e308, 1e308] } };
	await stage(page, geojson('far.geojson', { type: 'FeatureCollection', features: [far] }));
	await expect(error).toContainText('Feature 1 has the position (1e+308, 1e+308), which is not a valid coordinate: it is out of range for longitude and latitude');
	await expect(error).not.toContainText('British National Grid in metres');

	await expect(page.getByTestId('upload-stage')).toHaveCount(0);
	await expect(page.getByTestId('dataset-list').locator('tbody tr')).toHaveCount(1);
});

test('three misspelt names are listed with suggestions; types can be overridden; hostile headers stay text', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Your data');
	const csv = [
		'Constituency,"x""; DROP TABLE results; --",Ward code',
		'Hartlepool,10,00123',
		'Great Grimsbee,20,00456',
		'Rotheram,30,00789',
		'Barnsley Eastt,40,01000',
		'Clacton,50,02000',
		'Wentworth and Dearne,60,03000',
		'Doncaster North,70,04000',
		'Walsall North,80,05000',
		'Bolton South East,90,06000',
		'Stoke-On-Trent North,99,07000'
	].join('\n');
	await stage(page, file('misspelt.csv', csv));
	const report = page.getByTestId('match-report');
	await expect(page.getByTestId('matched-count')).toHaveText('7 keys matched');
	await expect(report).toContainText('3 not matched');
	for (const [typed, suggestion] of [
		['Great Grimsbee', 'Great Grimsby'],
		['Rotheram', 'Rotherham'],
		['Barnsley Eastt', 'Barnsley East']
	]) {
		await expect(report.locator('li', { hasText: `“${typed}”` }).getByRole('button', { name: new RegExp(`^Use ${suggestion}`) })).toBeVisible();
	}
	// Leading zeros are kept as text; the override makes the column a number when the user says so.
	await expect(page.getByLabel('Type of Ward code')).toHaveValue('text');
	await expect(page.getByLabel('Import Ward code')).not.toBeChecked();
	await page.getByLabel('Type of Ward code').selectOption('integer');
	await expect(page.getByLabel('Import Ward code')).toBeChecked();
	await page.getByLabel('Type of Ward code').selectOption('text');
	await expect(page.getByLabel('Import Ward code')).not.toBeChecked();
	// The hostile header is imported as a label only.
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByTestId('upload-message')).toContainText('Imported “misspelt”');
	await openTab(page, 'SQL console');
	await page.getByLabel('SQL query').fill('SELECT count(*) AS n FROM results');
	await page.getByRole('button', { name: 'Run', exact: true }).click();
	await expect(page.getByRole('table').filter({ hasText: 'n' }).first()).toContainText('3250');
});
