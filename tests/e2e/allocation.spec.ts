import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { openApp, openTab } from './app';

async function openAllocation(page: Page) {
	await openApp(page);
	await openTab(page, 'Allocation');
	await expect(page.getByTestId('allocation-table')).toBeVisible();
}

const amounts = (page: Page) =>
	page
		.getByTestId('allocation-table')
		.locator('tbody td[data-amount]')
		.evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-amount'))));

test('a budget of £1,000,000 is allocated to the pound', async ({ page }) => {
	await openAllocation(page);
	await page.getByLabel('Budget in pounds').fill('750000');
	await page.getByLabel('Budget in pounds').press('Enter');
	await expect(page.getByTestId('allocation-total')).toHaveText('£750,000');
	await page.getByLabel('Budget in pounds').fill('£1,000,000');
	await page.getByLabel('Budget in pounds').press('Enter');
	await expect(page.getByTestId('allocation-total')).toHaveText('£1,000,000');
	await page.getByLabel('Show unfunded eligible seats').check();
	const all = await amounts(page);
	expect(all.length).toBeGreaterThan(100);
	expect(all.reduce((a, b) => a + b, 0)).toBe(1_000_000);
	// P(loss) is the priority by default, and only seats with a chance of being lost share the money:
	// 158 Labour seats under no change from 2015, so the cap must allow at least £1,000,000 / 158.
	await page.getByLabel('Cap per seat (£)').fill('7000');
	await expect(page.getByTestId('allocation-table').locator('tbody td', { hasText: 'capped' }).first()).toBeVisible();
	const capped = await amounts(page);
	expect(Math.max(...capped)).toBe(7000);
	expect(capped.reduce((a, b) => a + b, 0)).toBe(1_000_000);
});

test('top-N and tiers allocate exactly too; an impossible floor says why', async ({ page }) => {
	await openAllocation(page);
	await page.getByLabel('Method').selectOption('topn');
	await page.getByLabel('Number of seats funded (N)').fill('7');
	await expect.poll(async () => (await amounts(page)).filter((a) => a > 0).length).toBe(7);
	expect((await amounts(page)).reduce((a, b) => a + b, 0)).toBe(1_000_000);
	await page.getByLabel('Method').selectOption('tiers');
	await expect.poll(async () => (await amounts(page)).filter((a) => a > 0).length).toBe(60);
	expect((await amounts(page)).filter((a) => a === 30_000)).toHaveLength(20);
	await page.getByRole('spinbutton', { name: 'Seats' }).first().fill('21');
	await expect(page.getByTestId('allocation-error')).toContainText('but the budget is £1,000,000');
	await page.getByLabel('Method').selectOption('proportional');
	await page.getByLabel('Floor per funded seat (£)').fill('20000');
	await expect(page.getByTestId('allocation-error')).toContainText('floor × eligible seats exceeds the budget');
});

test('the CSV export parses back to the same numbers, with formulas neutralised', async ({ page }, info) => {
	await openAllocation(page);
	const shown = await amounts(page);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
	const path = info.outputPath('allocation.csv');
	await download.saveAs(path);
	const lines = (await readFile(path, 'utf8')).trim().split('\n');
	const header = lines[0].split(',');
	expect(header).toEqual(['rank', 'code', 'name', 'nation', 'region', 'holder', 'priority', 'post_industrial', 'threat', 'allocation_gbp', 'reason']);
	const data = lines.slice(1).filter((l) => /^\d+,/.test(l));
	const amountIndex = header.indexOf('allocation_gbp');
	// Names with commas are quoted; split on commas outside quotes.
	const cells = (l: string) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
	const csvAmounts = data.map((l) => Number(cells(l)[amountIndex]));
	expect(csvAmounts.reduce((a, b) => a + b, 0)).toBe(1_000_000);
	expect(csvAmounts.filter((a) => a > 0)).toEqual(shown);
	expect(lines.some((l) => l.includes('Open Parliament Licence'))).toBe(true);
	expect(lines.every((l) => !/^[=+@]/.test(l))).toBe(true);
});

test('the printed committee report holds the method, rules, allocation and sources', async ({ page }) => {
	await openAllocation(page);
	const report = page.getByTestId('committee-report');
	await expect(report).toBeHidden();
	await page.emulateMedia({ media: 'print' });
	await expect(report).toBeVisible();
	for (const text of ['Lens: 2015 / UKIP', 'Post-industrial score', 'Challenger-threat score', 'held by Labour', 'Budget £1,000,000', 'in proportion to priority', 'Total', 'Open Parliament Licence']) {
		await expect(report).toContainText(text);
	}
	const pdf = await page.pdf();
	expect(pdf.byteLength).toBeGreaterThan(10_000);
});

test('the sensitivity run reports rank intervals and funding probabilities, and can be cancelled', async ({ page }) => {
	await openAllocation(page);
	await page.getByLabel('Method').selectOption('topn');
	await page.getByLabel('Number of seats funded (N)').fill('30');
	await page.getByLabel('Draws').fill('1000');
	await page.getByRole('button', { name: 'Run sensitivity' }).click();
	await expect(page.getByTestId('sensitivity-summary')).toContainText('1000 draws, seed 1', { timeout: 60_000 });
	const rows = page.getByTestId('sensitivity-table').locator('tbody tr');
	await expect(rows.first().locator('td').nth(2)).toHaveText(/^\d+%$/);
	expect(await rows.count()).toBeGreaterThan(100);
	// Zero jitter: every interval collapses to the seat's own rank.
	await page.getByLabel('± %').fill('0');
	await page.getByLabel('Draws').fill('50');
	await page.getByRole('button', { name: 'Run sensitivity' }).click();
	await expect(page.getByTestId('sensitivity-summary')).toContainText('50 draws');
	const cells = await rows.evaluateAll((trs) => trs.slice(0, 30).map((tr) => [tr.children[1].textContent, tr.children[2].textContent]));
	for (const [rank, interval] of cells) expect(interval).toBe(`${rank}–${rank}`);
	// A long run can be cancelled without changing anything.
	await page.getByLabel('Draws').fill('100000');
	await page.getByLabel('± %').fill('20');
	await page.getByRole('button', { name: 'Run sensitivity' }).click();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('alert')).toContainText('Cancelled: nothing was changed.');
	await expect(page.getByTestId('sensitivity-summary')).toContainText('50 draws');
});
