/**
 * The seat-risk backtest panel (Scores tab): computed in a worker when opened, the grouped table,
 * the calibration plot's keyboard-operable chooser, the CSV, and the Method tab's fitted values.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openApp, openTab } from './app';

async function openBacktest(page: Page): Promise<Locator> {
	await openApp(page);
	const section = page.getByRole('region', { name: /Backtest: would the seat-risk model/ });
	await section.getByRole('button', { name: 'Show the backtest' }).click();
	await expect(section.getByTestId('risk-backtest-table')).toBeVisible({ timeout: 60_000 });
	return section;
}

const num = async (cell: Locator) => Number((await cell.textContent())!.replace(/[^\d.]/g, ''));

test('the backtest table sets the model beside majority alone for Labour’s 2015 seats lost in 2019', async ({ page }) => {
	const section = await openBacktest(page);
	const group = section.locator('tbody[data-group="2015→2019 lab"]');
	await expect(group.locator('tr.group')).toContainText('2015 → 2019, Labour-held seats: 231 seats, 46 lost');
	for (const predictor of ['model', 'majority', 'leave', 'challenger', 'threat', 'priority']) await expect(group.locator(`tr[data-predictor="${predictor}"]`)).toHaveCount(1);
	const model = group.locator('tr[data-predictor="model"]');
	const majority = group.locator('tr[data-predictor="majority"]');
	await expect(model.locator('td').nth(0)).toHaveText('231');
	await expect(model.locator('td').nth(1)).toHaveText('46');
	for (const row of [model, majority]) {
		const auc = await num(row.locator('td[data-col="auc"]'));
		expect(auc).toBeGreaterThan(0.7);
		expect(auc).toBeLessThan(1);
		const brier = await num(row.locator('td[data-col="brier"]'));
		expect(brier).toBeGreaterThan(0);
		expect(brier).toBeLessThan(0.25);
		const expected = await num(row.locator('td[data-col="expected_lost"]'));
		expect(expected).toBeGreaterThan(5);
		expect(expected).toBeLessThan(100);
	}
	// The model beats majority alone on AUC here: its figure carries the mark.
	expect(await num(model.locator('td[data-col="auc"]'))).toBeGreaterThan(await num(majority.locator('td[data-col="auc"]')));
	await expect(model.locator('td[data-col="auc"] strong')).toContainText('(best)');
	// The notional pair is flagged, and every group says in words how the model fared.
	await expect(section.locator('tbody[data-group="2019→2024 con"] tr.group')).toContainText('notional');
	await expect(section.getByTestId('backtest-verdict')).toHaveCount(10);
	await expect(
		section
			.getByTestId('backtest-verdict')
			.filter({ hasText: /loses to majority alone on AUC \(\d\.\d{3} vs \d\.\d{3}\)/ })
			.first()
	).toBeVisible();
});

test('the calibration plot follows the pair chosen with the keyboard', async ({ page }) => {
	const section = await openBacktest(page);
	const plot = section.getByTestId('calibration-plot');
	await expect(plot.locator('title')).toContainText('2015 → 2019, Labour-held seats');
	const pair = section.getByRole('radiogroup', { name: 'Election pair' }).or(section.getByRole('group', { name: 'Election pair' }));
	const chosen = pair.getByRole('radio', { name: '2015→2019' });
	await expect(chosen).toBeChecked();
	await chosen.focus();
	await page.keyboard.press('ArrowRight');
	await expect(pair.getByRole('radio', { name: '2017→2019' })).toBeChecked();
	await expect(plot.locator('title')).toContainText('2017 → 2019, Labour-held seats');
	await page.keyboard.press('Tab');
	await page.keyboard.press('ArrowRight');
	await expect(section.getByRole('radio', { name: 'Conservative' })).toBeChecked();
	await expect(plot.locator('title')).toContainText('2017 → 2019, Conservative-held seats');
	// Each bin is a point whose label is its seat count; the counts add up to the group's seats.
	const counts = (await plot.locator('text.count').allTextContents()).map(Number);
	expect(counts.reduce((a, b) => a + b, 0)).toBe(await num(section.locator('tbody[data-group="2017→2019 con"] tr[data-predictor="model"] td').nth(0)));
	await section.getByText('The same bins as a table').click();
	await expect(section.getByTestId('calibration-table').locator('tbody tr')).toHaveCount(counts.length);
});

test('the backtest downloads as CSV with the CLI’s columns and the sources', async ({ page }, info) => {
	const section = await openBacktest(page);
	const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Download the backtest as CSV' }).click()]);
	expect(download.suggestedFilename()).toMatch(/^heartlands-risk-backtest-\d{4}-\d{2}-\d{2}\.csv$/);
	const path = info.outputPath('backtest.csv');
	await download.saveAs(path);
	const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
	expect(lines[0]).toBe('base_year,target_year,holder,predictor,seats,lost,auc,brier,log_loss,expected_lost');
	expect(lines).toContain(lines.find((l) => l.startsWith('2015,2019,lab,model,231,46,'))!);
	expect(lines.some((l) => l.startsWith('2015,2019,lab,majority,231,46,'))).toBe(true);
	expect(lines.some((l) => l.startsWith('2015,2019,lab,priority,231,46,'))).toBe(true);
	const data = lines.slice(1, lines.indexOf(''));
	expect(data.length).toBeGreaterThanOrEqual(40);
	expect(lines.some((l) => l.startsWith('# Sources and licences'))).toBe(true);
	expect(lines.some((l) => /Open Parliament Licence|Open Government Licence/.test(l))).toBe(true);
});

test('the Method tab explains P(loss) and shows what was fitted for each base election', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Method');
	const method = page.getByTestId('risk-method');
	await expect(method).toContainText('P(loss)');
	await expect(method).toContainText('Leave adjustment');
	await expect(method).toContainText('Speaker');
	const fits = method.getByTestId('risk-fits');
	await expect(fits.locator('tbody tr')).toHaveCount(4, { timeout: 60_000 });
	await expect(fits.locator('tbody tr').first().locator('th')).toHaveText('2010');
	await expect(method.getByTestId('risk-method-losses')).toContainText('loses to');
});
