import { expect, test, type Page } from '@playwright/test';
import { openApp, openTab } from './app';

const PLAN_TIMEOUT = { timeout: 120_000 };

const amounts = (page: Page): Promise<Record<string, number>> =>
	page
		.getByTestId('allocation-table')
		.locator('tbody td[data-amount]')
		.evaluateAll((cells) => Object.fromEntries(cells.map((c) => [c.closest('tr')!.getAttribute('data-code'), Number(c.getAttribute('data-amount'))])));

async function settled(page: Page) {
	await expect(page.getByTestId('marginal-headline')).toBeVisible(PLAN_TIMEOUT);
	await expect(page.locator('section.marginal-summary')).toHaveAttribute('aria-busy', 'false', PLAN_TIMEOUT);
}

test('expected seats: headline, the comparison with proportional and top-N, and β changes the allocation and the report', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Allocation');
	await page.getByLabel('Method').selectOption('marginal');
	await settled(page);
	await expect(page.getByTestId('marginal-headline')).toContainText(/Expected seats held: [\d.]+ with no money → [\d.]+ with this allocation \(90% range \d+–\d+\)/);
	const comparison = page.getByTestId('marginal-comparison');
	await expect(comparison.locator('tr[data-method="proportional"]')).toContainText('In proportion to priority');
	await expect(comparison.locator('tr[data-method="topn"]')).toContainText('Top N');
	const heldAfter = async (method: string) => Number(await comparison.locator(`tr[data-method="${method}"] td[data-held-after]`).getAttribute('data-held-after'));
	expect(await heldAfter('marginal')).toBeGreaterThanOrEqual(await heldAfter('proportional'));
	// Every pound is allocated, none above a seat's legal limit.
	await expect(page.getByTestId('allocation-total')).toHaveText('£1,000,000');
	const before = await amounts(page);
	expect(Object.values(before).reduce((a, b) => a + b, 0)).toBe(1_000_000);
	await expect(page.getByTestId('marginal-curve')).toBeVisible();
	const report = page.getByTestId('committee-report');
	await expect(report.getByTestId('report-parameters')).toContainText('β 1.5');
	const reportBefore = await report.getByTestId('report-marginal-table').textContent();

	await page.getByLabel('β (points of lead per ln-unit)').fill('4');
	await expect(report.getByTestId('report-parameters')).toContainText('β 4', PLAN_TIMEOUT);
	await settled(page);
	const after = await amounts(page);
	expect(Object.values(after).reduce((a, b) => a + b, 0)).toBe(1_000_000);
	expect(after).not.toEqual(before);
	expect(await report.getByTestId('report-marginal-table').textContent()).not.toBe(reportBefore);
	// The β sensitivity is shown per seat.
	await expect(page.getByTestId('allocation-table').locator('thead')).toContainText('Funded across β');
});

test('the marginal rule survives a shared link, and an infeasible floor says why with the numbers', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Allocation');
	await page.getByLabel('Method').selectOption('marginal');
	await settled(page);
	await page.getByLabel('Floor per funded seat (£)').fill('9000');
	await expect(page.getByTestId('allocation-error')).toContainText(/The floor of £9,000 is above the cap of \d+ seat/, PLAN_TIMEOUT);
	await page.getByLabel('Floor per funded seat (£)').fill('0');
	await settled(page);
	const linkBefore = page.url();
	await page.getByLabel('β (points of lead per ln-unit)').fill('2.5');
	await settled(page);
	await expect.poll(() => page.url(), PLAN_TIMEOUT).not.toBe(linkBefore);
	await page.goto(page.url());
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
	await openTab(page, 'Allocation');
	await expect(page.getByLabel('Method')).toHaveValue('marginal');
	await expect(page.getByLabel('β (points of lead per ln-unit)')).toHaveValue('2.5');
	await settled(page);
});
