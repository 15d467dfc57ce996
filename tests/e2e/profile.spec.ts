/**
 * Seat profiles, the briefing and links to every view: a seat's link opens its profile (on its own
 * boundary set), similar seats link to their own profiles, Back and Forward walk them, an unknown
 * code gets a message and a search, the briefing's top ten are the allocation table's, and the
 * profile prints without cut-off tables.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, openTab } from './app';

test.beforeEach(() => test.setTimeout(180_000));

const heading = (page: Page) => page.getByTestId('seat-profile').getByRole('heading', { level: 2 });

test('?seat=E14000642 shows Clacton, its P(loss) and ten similar seats whose links open their own profiles; Back returns to Clacton', async ({ page }) => {
	await openApp(page, '/?seat=E14000642');
	await expect(page.getByRole('tab', { name: 'Seat profile' })).toHaveAttribute('aria-selected', 'true');
	await expect(heading(page)).toHaveText('Clacton');
	await expect(page.getByTestId('profile-ploss')).toContainText(/P\(loss\) (<1%|>99%|\d+%)/, { timeout: 60_000 });
	await expect(page.getByTestId('profile-risk')).toContainText('Projected winner');
	// The lead's distribution: whiskers, the quartile box and the median, described for screen readers.
	await expect(page.getByTestId('lead-distribution').locator('rect')).toHaveCount(1);
	await expect(page.getByTestId('profile-risk').getByRole('img')).toHaveAttribute('aria-label', /half of them between [−+]?\d+\.\d and [−+]?\d+\.\d, median/);
	await expect(page.getByTestId('profile-allocation')).toContainText('Reason:');
	await expect(page.getByTestId('locator-map')).toBeVisible();
	await expect(page.getByTestId('profile-unusual').locator('li').first()).toContainText(/is (higher|lower) than in \d+% of seats in England/);
	await expect(page.getByTestId('result-history')).toContainText('2015');

	const links = page.getByTestId('similar-list').getByRole('link');
	await expect(links).toHaveCount(10);
	const names = await links.allTextContents();
	const codes = await page
		.getByTestId('similar-list')
		.locator('li')
		.evaluateAll((li) => li.map((l) => l.getAttribute('data-code')));
	expect(names).not.toContain('Clacton');
	for (const [i, name] of names.entries()) {
		await page.getByTestId('similar-list').getByRole('link', { name: name.trim(), exact: true }).click();
		await expect(heading(page)).toHaveText(name.trim());
		expect(new URL(page.url()).searchParams.get('seat')).toBe(codes[i]);
		await expect(page.getByTestId('similar-list').getByRole('link')).toHaveCount(10);
		await page.goBack();
		await expect(heading(page)).toHaveText('Clacton');
		expect(new URL(page.url()).searchParams.get('seat')).toBe('E14000642');
	}
	// Forward again, then to a view and back.
	await page.goForward();
	await expect(heading(page)).toHaveText(names[names.length - 1].trim());
	await openTab(page, 'Risk');
	expect(new URL(page.url()).searchParams.get('tab')).toBe('risk');
	await page.goBack();
	await expect(heading(page)).toHaveText(names[names.length - 1].trim());
});

test('a 2024 code opens on the 2024 boundaries, and the profile opens from the scores table', async ({ page }) => {
	await openApp(page, '/?seat=E14001174');
	await expect(heading(page)).toHaveText('Clacton');
	await expect(page.getByTestId('seat-profile')).toContainText('2024 boundaries');
	await expect(page.getByRole('status').filter({ hasText: 'the lens changed' })).toBeVisible();

	await openApp(page, '/?tab=scores');
	await page.locator('section.table tbody tr[data-code="E14000733"]').getByRole('link', { name: 'profile of Hartlepool' }).click();
	await expect(heading(page)).toHaveText('Hartlepool');
	await expect(page).toHaveURL(/[?&]seat=E14000733/);
});

test('the selected seat is in the address: ?tab=map&seat=CODE selects it, a new selection replaces it, and a reload keeps it', async ({ page }) => {
	await openApp(page, '/?tab=map&seat=E14000642');
	await expect(page.getByTestId('seat-detail')).toHaveAttribute('data-code', 'E14000642');
	const finder = page.locator('#seat-picker-input');
	await finder.fill('Hartlepool');
	await page.locator('#seat-picker-E14000733').click();
	await expect(page.getByTestId('seat-detail')).toHaveAttribute('data-code', 'E14000733');
	await expect.poll(() => new URL(page.url()).searchParams.get('seat')).toBe('E14000733');
	expect(new URL(page.url()).searchParams.get('tab')).toBe('map');
	await page.reload();
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
	await expect(page.getByTestId('seat-detail')).toHaveAttribute('data-code', 'E14000733');
	await openTab(page, 'Scores');
	await expect(page.getByText(/Hartlepool: each indicator's contribution/)).toBeVisible();
	expect(new URL(page.url()).searchParams.get('seat')).toBe('E14000733');
});

test('?tab=allocation opens Allocation, and an unknown tab falls back to the briefing', async ({ page }) => {
	await openApp(page, '/?tab=allocation');
	await expect(page.getByRole('tab', { name: 'Allocation' })).toHaveAttribute('aria-selected', 'true');
	await expect(page.getByTestId('allocation-table')).toBeVisible();
	await openApp(page, '/?tab=no-such-view');
	await expect(page.getByRole('tab', { name: 'Briefing' })).toHaveAttribute('aria-selected', 'true');
	await expect(page.getByTestId('briefing')).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an unknown seat code shows a clear message and a seat search that opens the profile', async ({ page }) => {
	await openApp(page, '/?seat=E14999999');
	await expect(page.getByTestId('profile-unknown')).toContainText('There is no constituency with the code “E14999999”');
	const search = page.getByRole('combobox', { name: 'Find a seat' });
	await search.fill('clact');
	await expect(page.getByRole('option', { name: /Clacton/ })).toBeVisible();
	await search.press('ArrowDown');
	await search.press('Enter');
	await expect(heading(page)).toHaveText('Clacton');
	await expect(page).toHaveURL(/[?&]seat=E14000642/);
});

test("the briefing opens by default, and its top ten are the allocation table's", async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('main')).toHaveAttribute('data-scored', 'true', { timeout: 90_000 });
	await expect(page.getByRole('tab', { name: 'Briefing' })).toHaveAttribute('aria-selected', 'true');
	const top = page.getByTestId('briefing-top').locator('li');
	await expect(top).toHaveCount(10);
	const briefing = await top.evaluateAll((li) => li.map((l) => l.getAttribute('data-code')));
	const names = await page.getByTestId('briefing-top').getByRole('link').allTextContents();
	await expect(page.getByTestId('figure-allocated')).toContainText('£1,000,000');
	await expect(page.getByTestId('figure-saved')).toContainText('Not applicable');
	await expect(page.getByTestId('figure-lost')).toContainText(/90% range \d+–\d+/, { timeout: 60_000 });

	await page.getByTestId('figure-allocated').click();
	await expect(page.getByRole('tab', { name: 'Allocation' })).toHaveAttribute('aria-selected', 'true');
	const rows = page.getByTestId('allocation-table').locator('tbody tr[data-code]');
	const table = (await rows.evaluateAll((tr) => tr.map((r) => r.getAttribute('data-code')))).slice(0, 10);
	expect(briefing).toEqual(table);
	const tableNames = (await rows.locator('th button').allTextContents()).slice(0, 10);
	expect(names.map((n) => n.trim())).toEqual(tableNames.map((n) => n.trim()));
});

test('the profile prints without cut-off tables, on at most two pages', async ({ page }) => {
	await openApp(page, '/?seat=E14000642');
	await expect(page.getByTestId('similar-list').getByRole('link')).toHaveCount(10);
	await expect(page.getByTestId('profile-ploss')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('locator-map')).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('tablist')).toBeHidden();
	const cut = await page.getByTestId('seat-profile').evaluate((root) => {
		const page = root.getBoundingClientRect();
		// A table in a closed disclosure is not printed, so it cannot be cut off.
		return [...root.querySelectorAll('table')]
			.filter((t) => !t.closest('details:not([open])'))
			.flatMap((t) => {
				const box = t.getBoundingClientRect();
				const clipped = t.scrollWidth > t.clientWidth + 1 || box.right > page.right + 1 || box.width === 0;
				return clipped ? [`${t.getAttribute('data-testid') ?? t.caption?.textContent ?? 'table'}: ${box.width}×${box.height}, scroll ${t.scrollWidth}`] : [];
			});
	});
	expect(cut).toEqual([]);
	const pdf = await page.pdf({ format: 'A4', printBackground: true });
	const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
	expect(pages).toBeGreaterThanOrEqual(1);
	expect(pages).toBeLessThanOrEqual(2);
});
