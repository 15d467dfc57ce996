import { expect, test, type Page } from '@playwright/test';
import { openApp, rankByScores } from './app';

const rows = (page: Page) => page.locator('section.table tbody tr[data-code]');
const topSeats = async (page: Page, n = 10) => (await rows(page).locator('th').allTextContents()).slice(0, n);

test('the scores screen ranks 650 seats with Labour-held seats eligible by default', async ({ page }) => {
	await openApp(page);
	await expect(rows(page)).toHaveCount(650);
	await expect(page.getByTestId('scores-count')).toContainText('650 of 650 seats');
	await expect(rows(page).first().locator('td[data-col="priority_rank"]')).toHaveText('1');
	await expect(page.getByTestId('priority-formula')).toContainText('held by Labour');
});

test('moving a weight changes the ranks shown', async ({ page }) => {
	await openApp(page);
	// About the weights: rank by the two scores, which the weights order (P(loss) does not).
	await rankByScores(page);
	const before = await topSeats(page);
	const weight = page.getByRole('spinbutton', { name: 'Weight of UKIP share 2015 (number)' });
	await weight.fill('5');
	await expect(page.getByTestId('threat-formula')).toContainText('56% × UKIP share 2015');
	await expect.poll(() => topSeats(page)).not.toEqual(before);
	// The slider moves with the number.
	await expect(page.getByRole('slider', { name: 'Weight of UKIP share 2015' })).toHaveValue('5');
});

test('the breakdown for Hartlepool lists every indicator of the definition', async ({ page }) => {
	await openApp(page);
	await page.getByLabel('Search scored seats').fill('Hartlepool');
	await page.getByRole('button', { name: 'Hartlepool', exact: true }).click();
	const chart = page.getByTestId('breakdown');
	await expect(chart).toContainText('Hartlepool');
	const controls = page.locator('li.control[data-indicator]');
	const ids = await controls.evaluateAll((els) => els.map((e) => e.getAttribute('data-indicator')));
	expect(ids.length).toBe(10);
	for (const id of ids) await expect(chart.locator(`g[data-indicator="${id}"]`)).toHaveCount(1);
	for (const label of ['Manufacturing + mining employment', 'No qualifications', 'Deprivation score', 'UKIP share 2015', 'Leave 2016']) {
		await expect(chart.locator('svg')).toContainText(label);
	}
});

test('reset restores the lens defaults', async ({ page }) => {
	await openApp(page);
	// About the weights: rank by the two scores, which the weights order (P(loss) does not).
	await rankByScores(page);
	const before = await topSeats(page);
	await page.getByRole('spinbutton', { name: 'Weight of Deprivation score (number)' }).fill('0');
	await page.getByRole('button', { name: 'Remove Leave 2016' }).click();
	await expect(page.locator('li.control[data-indicator="referendum.leave"]')).toHaveCount(0);
	await expect.poll(() => topSeats(page)).not.toEqual(before);
	await page.getByRole('button', { name: 'Reset to lens defaults' }).click();
	await expect(page.locator('li.control[data-indicator="referendum.leave"]')).toHaveCount(1);
	await expect(page.getByRole('spinbutton', { name: 'Weight of Deprivation score (number)' })).toHaveValue('1');
	await expect.poll(() => topSeats(page)).toEqual(before);
});

test('an invalid weight gets a message naming the field and keeps the last scores', async ({ page }) => {
	await openApp(page);
	for (const label of ['Manufacturing + mining employment', 'Long-term sick or disabled', 'Routine + semi-routine occupations', 'No qualifications']) {
		await page.getByRole('spinbutton', { name: `Weight of ${label} (number)` }).fill('0');
	}
	await expect(page.getByTestId('postIndustrial-formula')).toContainText('100% × Deprivation score');
	await expect(page.locator('.results')).toHaveAttribute('aria-busy', 'false');
	const before = await topSeats(page);
	await page.getByRole('spinbutton', { name: 'Weight of Deprivation score (number)' }).fill('0');
	await expect(page.getByTestId('definition-errors')).toContainText('scores.postIndustrial: all weights are zero');
	expect(await topSeats(page)).toEqual(before);
	await page.getByRole('spinbutton', { name: 'Weight of Deprivation score (number)' }).fill('-1');
	await expect(page.getByTestId('definition-errors')).toContainText('scores.postIndustrial[4].weight: must be a finite number ≥ 0, got -1');
});

test('switching to the 2024 lens scores the 2024 boundaries with notional values flagged', async ({ page }) => {
	await openApp(page);
	await page.getByLabel('Lens', { exact: true }).selectOption('2024-reform');
	await expect(page.locator('li.control[data-indicator="notional.census.routine"]')).toContainText('notional');
	// Direct Census 2021 figures in England and Wales, the 2011 value carried across elsewhere.
	const qual = page.locator('li.control[data-indicator="best.qual_none"]');
	await expect(qual).toContainText('notional outside England and Wales');
	await expect(qual).toContainText('direct on the 2024 seats in England and Wales; notional 2011 elsewhere');
	await page.getByLabel('Search scored seats').fill('Clacton');
	await expect(rows(page)).toHaveCount(1);
	await expect(rows(page).first()).toHaveAttribute('data-code', 'E14001174');
});

test('Northern Ireland is scored on deprivation alone, marked partial; choosing a median imputes it with a caveat', async ({ page }) => {
	await openApp(page);
	await expect(page.getByTestId('postIndustrial-partial-note')).toContainText('Northern Ireland');
	await page.getByLabel('Search scored seats').fill('South Antrim');
	await expect(rows(page)).toHaveCount(1);
	await expect(rows(page).first()).toContainText('partial, not ranked');
	await expect(page.getByTestId('postIndustrial-imputation-caveats')).toHaveCount(0);
	await page.getByLabel('Missing values for Manufacturing + mining employment').selectOption('impute-nation-median');
	await expect(page.getByTestId('postIndustrial-imputation-caveats')).toContainText('Northern Ireland has no values in this source, so its 18 seats take the UK median');
	// Still partial while any census indicator is left out; imputing all four ranks NI with GB.
	await expect(rows(page).first()).toContainText('partial, not ranked');
	for (const label of ['Long-term sick or disabled', 'Routine + semi-routine occupations', 'No qualifications']) {
		await page.getByLabel(`Missing values for ${label}`).selectOption('impute-nation-median');
	}
	await expect(page.getByTestId('postIndustrial-imputation-caveats').locator('li')).toHaveCount(4);
	await expect(rows(page).first()).not.toContainText('partial, not ranked');
});

test('the backtest judges the 2015 lens’s priority on Labour’s 2019 losses, and drops the lens rows for another lens', async ({ page }) => {
	await openApp(page);
	const section = page.getByRole('region', { name: /Backtest: would the seat-risk model/ });
	await section.getByRole('button', { name: 'Show the backtest' }).click();
	const table = section.getByTestId('risk-backtest-table');
	// 2019: 231 Labour-held seats (Chorley went to the Speaker, not a loss), 46 of them lost.
	const priority = table.locator('tbody[data-group="2015→2019 lab"] tr[data-predictor="priority"]');
	await expect(priority.locator('td').nth(0)).toHaveText('231', { timeout: 60_000 });
	await expect(priority.locator('td').nth(1)).toHaveText('46');
	await expect(table.locator('tbody[data-group="2015→2017 lab"] tr[data-predictor="priority"] td').nth(0)).toHaveText('232');
	await page.getByLabel('Lens', { exact: true }).selectOption('2024-reform');
	await expect(table.locator('tr[data-predictor="priority"]')).toHaveCount(0);
	await expect(section).toContainText('appear for the 2015 / UKIP lens');
	await expect(table.locator('tbody[data-group="2015→2019 lab"] tr[data-predictor="model"]')).toHaveCount(1);
});

test('a method downloads as JSON and loads back; a bad file is refused with the field named', async ({ page }, info) => {
	await openApp(page);
	await page.getByRole('spinbutton', { name: 'Weight of Leave 2016 (number)' }).fill('3');
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download method (JSON)' }).click()]);
	const path = info.outputPath('method.json');
	await download.saveAs(path);
	const method = JSON.parse(await (await import('node:fs/promises')).readFile(path, 'utf8'));
	expect(method.scores.threat.find((s: { id: string }) => s.id === 'referendum.leave').weight).toBe(3);

	await page.getByRole('button', { name: 'Reset to lens defaults' }).click();
	await expect(page.getByRole('spinbutton', { name: 'Weight of Leave 2016 (number)' })).toHaveValue('1');
	await page.getByLabel('Load a method (JSON)').setInputFiles(path);
	await expect(page.getByRole('spinbutton', { name: 'Weight of Leave 2016 (number)' })).toHaveValue('3');

	method.scores.threat[0].weight = -5;
	method.scores.threat[1].id = '<img src=x onerror=alert(1)>';
	await page.getByLabel('Load a method (JSON)').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(method)) });
	const errors = page.getByTestId('method-file-errors');
	await expect(errors).toContainText('scores.threat[0].weight: must be a finite number ≥ 0, got -5');
	await expect(errors).toContainText('unknown indicator "<img src=x onerror=alert(1)>"');
	await expect(page.locator('img[src="x"]')).toHaveCount(0);
	await expect(page.getByRole('spinbutton', { name: 'Weight of Leave 2016 (number)' })).toHaveValue('3');

	await page.getByLabel('Load a method (JSON)').setInputFiles({ name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from([0xff, 0x00, 0x12]) });
	await expect(errors).toContainText('junk.json: is not valid JSON');
});

test('the Centre for Cities class filter narrows the eligible seats on the 2024 lens, and the link keeps it', async ({ page }) => {
	await openApp(page);
	await page.getByLabel('Lens', { exact: true }).selectOption('2024-reform');
	const count = page.getByTestId('scores-count');
	await expect(count).toContainText('650 of 650 seats');
	const eligible = async () => Number((await count.textContent())?.match(/(\d+) eligible/)?.[1]);
	await expect.poll(eligible).toBeGreaterThan(0);
	const before = await eligible();
	await page.getByTestId('city-class-filter').getByLabel('Deep rural').check();
	await expect(page.getByTestId('priority-formula')).toContainText('Deep rural');
	await expect.poll(eligible).toBeLessThan(before);
	const narrowed = await eligible();
	expect(narrowed).toBeGreaterThan(0);
	// Only seats of that class stay eligible: no Scottish seat (the class covers England and Wales).
	await page.getByLabel('Search scored seats').fill('Glasgow');
	await expect(rows(page).first()).toContainText('not eligible');
	await page.getByLabel('Search scored seats').fill('');

	// The address bar holds the filter: a reload of it gives the same eligible seats.
	await expect.poll(() => page.url()).toContain('s=');
	await openApp(page, page.url().replace(/^https?:\/\/[^/]+/, ''));
	await expect(page.getByTestId('city-class-filter').getByLabel('Deep rural')).toBeChecked();
	await expect.poll(eligible).toBe(narrowed);
});
