/**
 * What the importer accepts survives a reload, and no upload can stop the app from starting
 * (issue: two 200-column uploads once broke start-up; a 300-column one vanished on reload).
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, openTab } from './app';

const codes2010 = readFileSync('static/data/constituencies.csv', 'utf8')
	.split('\n')
	.slice(1)
	.filter((line) => line.startsWith('2010,'))
	.map((line) => line.split(',')[1]);

/** A seat-keyed CSV: every 2010 seat, `columns` numeric columns named by `header(i)`. */
function wideCsv(columns: number, header: (i: number) => string = (i) => `v${i}`): string {
	const head = ['code', ...Array.from({ length: columns }, (_, i) => header(i))].join(',');
	const rows = codes2010.map((code, r) => [code, ...Array.from({ length: columns }, (_, c) => (r * 13 + c) % 997)].join(','));
	return [head, ...rows].join('\n') + '\n';
}

async function importCsv(page: Page, name: string, csv: string) {
	await page.getByLabel(/^Choose a file/).setInputFiles({ name: `${name}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
	await expect(page.getByTestId('upload-stage')).toContainText(`“${name}.csv”`);
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByTestId('upload-message')).toContainText(`Imported “${name}”`);
}

const addThreat = (page: Page) => page.locator('section.panel').filter({ hasText: 'Challenger-threat score' }).getByLabel('Add an indicator');

test('two 200-column uploads, then a reload: the app starts and both are usable', async ({ page }) => {
	test.setTimeout(180_000);
	await openApp(page);
	await openTab(page, 'Your data');
	await importCsv(page, 'wide-a', wideCsv(200));
	await importCsv(page, 'wide-b', wideCsv(200));
	await expect(page.getByTestId('upload-message')).toContainText('200 indicators for 650 seats');

	await openApp(page);
	await openTab(page, 'Your data');
	await expect(page.getByTestId('dataset-list')).toContainText('wide-a');
	await expect(page.getByTestId('dataset-list')).toContainText('wide-b');
	await expect(page.getByTestId('set-aside-uploads')).toHaveCount(0);
	await openTab(page, 'Scores');
	await expect(addThreat(page).locator('option', { hasText: '(wide-a)' })).toHaveCount(200);
	await expect(addThreat(page).locator('option', { hasText: '(wide-b)' })).toHaveCount(200);
	await addThreat(page).selectOption({ label: 'v199 (wide-b)' });
	await expect(page.getByTestId('threat-formula')).toContainText('v199 (wide-b)');
});

test('a 300-column upload with a 5,000-character column name survives a reload', async ({ page }) => {
	test.setTimeout(180_000);
	const long = 'x'.repeat(5000);
	await openApp(page);
	await openTab(page, 'Your data');
	await importCsv(
		page,
		'very-wide',
		wideCsv(300, (i) => (i === 9 ? long : `w${i}`))
	);
	await expect(page.getByTestId('upload-message')).toContainText('300 indicators for 650 seats');

	await openApp(page);
	await openTab(page, 'Your data');
	await expect(page.getByTestId('dataset-list')).toContainText('very-wide');
	await expect(page.getByTestId('storage-notice')).toHaveCount(0);
	await openTab(page, 'Scores');
	await expect(addThreat(page).locator('option', { hasText: '(very-wide)' })).toHaveCount(300);
	// The long name is kept, clipped to the stored limit with an ellipsis.
	await expect(addThreat(page).locator('option', { hasText: `${'x'.repeat(199)}… (very-wide)` })).toHaveCount(1);
});

test('a scenario that uses a just-uploaded indicator saves, lists after a reload, and opens with the indicator', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Your data');
	await importCsv(page, 'members', 'code,members\nE14000733,120\nE14000642,80\n');
	await openTab(page, 'Scores');
	await addThreat(page).selectOption({ label: 'members (members)' });
	await expect(page.getByTestId('threat-formula')).toContainText('members (members)');
	await openTab(page, 'Scenarios');
	await page.getByLabel('Scenario name').fill('With members');
	await page.getByRole('button', { name: 'Save current settings' }).click();
	await expect(page.getByTestId('scenario-list')).toContainText('With members');
	await expect(page.getByTestId('scenario-error')).toHaveCount(0);

	await openApp(page);
	await openTab(page, 'Scores');
	await expect(page.getByTestId('threat-formula')).not.toContainText('members (members)'); // a fresh load has the defaults
	await openTab(page, 'Scenarios');
	await expect(page.getByTestId('scenario-list')).toContainText('With members');
	await expect(page.getByText(/could not be read/)).toHaveCount(0); // not set aside for naming an uploaded indicator
	await page.getByRole('button', { name: 'Open With members' }).click();
	await expect(page.getByTestId('scenario-error')).toHaveCount(0);
	await openTab(page, 'Scores');
	await expect(page.getByTestId('threat-formula')).toContainText('members (members)');
});
