import { expect, test, type Page } from '@playwright/test';
import { openApp, openTab } from './app';

const topSeats = async (page: Page) => (await page.locator('section.table tbody tr[data-code]').locator('th').allTextContents()).slice(0, 10);
const weight = (page: Page, label: string) => page.getByRole('spinbutton', { name: `Weight of ${label} (number)` });

test('a saved scenario survives a reload and can be renamed, opened and deleted', async ({ page }) => {
	await openApp(page);
	await weight(page, 'Leave 2016').fill('4');
	await openTab(page, 'Scenarios');
	await page.getByLabel('Scenario name').fill('Leave-heavy');
	await page.getByRole('button', { name: 'Save current settings' }).click();
	await expect(page.getByTestId('scenario-list')).toContainText('Leave-heavy');

	await page.goto('/?tab=scores'); // a fresh load without the scenario
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
	await expect(weight(page, 'Leave 2016')).toHaveValue('1');
	await openTab(page, 'Scenarios');
	await expect(page.getByTestId('scenario-list')).toContainText('Leave-heavy');
	await page.getByRole('button', { name: 'Rename Leave-heavy' }).click();
	await page.getByLabel('New name for Leave-heavy').fill('Leave × 4');
	await page.getByRole('button', { name: 'Rename', exact: true }).click();
	await expect(page.getByTestId('scenario-list')).toContainText('Leave × 4');
	await page.getByRole('button', { name: 'Open Leave × 4' }).click();
	await openTab(page, 'Scores');
	await expect(weight(page, 'Leave 2016')).toHaveValue('4');
	await openTab(page, 'Scenarios');
	await page.getByRole('button', { name: 'Delete Leave × 4' }).click();
	await expect(page.getByText('No saved scenarios yet.')).toBeVisible();
});

test('a copied link reproduces the view in a new page', async ({ page, context }) => {
	await openApp(page);
	await weight(page, 'UKIP share 2015').fill('3.5');
	await page.getByLabel('Lens', { exact: true }).focus();
	await openTab(page, 'Allocation');
	await page.getByLabel('Method').selectOption('topn');
	await page.getByLabel('Number of seats funded (N)').fill('12');
	await openTab(page, 'Scenarios');
	await page.getByRole('button', { name: 'Copy link to this view' }).click();
	const link = await page.getByLabel('Link to this view').inputValue();
	expect(link).toContain('?s=');
	await openTab(page, 'Scores');
	const expected = await topSeats(page);

	const other = await context.newPage();
	// The link names the view it was copied from, and opens there.
	expect(link).toContain('tab=scenarios');
	await openApp(other, link.replace(/^https?:\/\/[^/]+/, ''));
	await expect(other.getByRole('tab', { name: 'Scenarios' })).toHaveAttribute('aria-selected', 'true');
	await openTab(other, 'Scores');
	await expect(weight(other, 'UKIP share 2015')).toHaveValue('3.5');
	await expect.poll(() => topSeats(other)).toEqual(expected);
	await openTab(other, 'Allocation');
	await expect(other.getByLabel('Number of seats funded (N)')).toHaveValue('12');
});

test('a damaged link says so where it lands, and falls back to the defaults', async ({ page }) => {
	await openApp(page, '/?s=not-a-real-state&tab=map');
	await expect(page.getByTestId('link-error')).toContainText("The link's settings could not be used");
	await openTab(page, 'Scores');
	await expect(page.getByTestId('link-error')).toBeVisible();
	await expect(weight(page, 'Leave 2016')).toHaveValue('1');
});

test('the difference between two scenarios lists seats funded in one and not the other', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Allocation');
	await page.getByLabel('Method').selectOption('topn');
	await page.getByLabel('Number of seats funded (N)').fill('10');
	await openTab(page, 'Scenarios');
	await page.getByLabel('Scenario name').fill('Top 10');
	await page.getByRole('button', { name: 'Save current settings' }).click();
	await openTab(page, 'Allocation');
	await page.getByLabel('Number of seats funded (N)').fill('15');
	await openTab(page, 'Scenarios');
	await page.getByLabel('Scenario name').fill('Top 15');
	await page.getByRole('button', { name: 'Save current settings' }).click();
	await page.getByRole('combobox', { name: /^From scenario/ }).selectOption({ label: 'Top 10' });
	await page.getByRole('combobox', { name: /^To scenario/ }).selectOption({ label: 'Top 15' });
	await page.getByRole('button', { name: 'Compare' }).click();
	await expect(page.getByTestId('diff-summary')).toContainText('0 seats funded only in “Top 10”, 5 only in “Top 15”, 10 in both');
	await expect(page.getByTestId('diff-table').locator('tbody tr')).toHaveCount(15);
});
