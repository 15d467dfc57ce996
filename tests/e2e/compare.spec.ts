import { expect, test, type Page } from '@playwright/test';
import { openApp, openTab } from './app';

async function pin(page: Page, name: string) {
	await page.getByLabel('Search scored seats').fill(name);
	await page.getByRole('button', { name: `Pin ${name} to compare` }).click();
	await expect(page.getByRole('button', { name: `Pin ${name} to compare` })).toHaveAttribute('aria-pressed', 'true');
}

test('pin three seats and the board shows them side by side; pins survive a reload', async ({ page }) => {
	await openApp(page);
	for (const name of ['Hartlepool', 'Clacton', 'Rotherham']) await pin(page, name);
	await openTab(page, 'Compare');
	const table = page.getByTestId('compare-table');
	await expect(table.locator('thead th[data-code]')).toHaveCount(3);
	for (const name of ['Hartlepool', 'Clacton', 'Rotherham']) await expect(table.locator('thead')).toContainText(name);
	await expect(table).toContainText('Manufacturing + mining employment');
	await expect(table).toContainText(/p\d+/);
	await expect(table.locator('svg[aria-label^="Vote shares 2010 to 2024"]')).toHaveCount(3);
	// Clacton was held by UKIP in 2015, so it gets no money under the Labour-held default.
	await expect(table.getByTestId('compare-amount').nth(1)).toHaveText('—');
	await expect(table.getByTestId('compare-amount').first()).toHaveText(/£[\d,]+/);
	await expect(page.getByTestId('breakdown')).toHaveCount(3);

	await page.reload();
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
	await openTab(page, 'Compare');
	await expect(page.getByTestId('compare-table').locator('thead th[data-code]')).toHaveCount(3);
	await page.getByRole('button', { name: 'Unpin Clacton' }).click();
	await expect(page.getByTestId('compare-table').locator('thead th[data-code]')).toHaveCount(2);
});

test('the 2024 notional history is flagged on a 2010-set seat', async ({ page }) => {
	await openApp(page);
	await pin(page, 'Hartlepool');
	await pin(page, 'Great Grimsby');
	await openTab(page, 'Compare');
	const points = page.getByTestId('compare-table').locator('svg circle title');
	await expect(points.filter({ hasText: '2024' }).first()).toContainText('(notional)');
	await expect(points.filter({ hasText: '2015' }).first()).not.toContainText('notional');
});
