/**
 * Keyboard-only use and the map's text alternative. The journey never clicks: it tabs to the view
 * tabs, arrows to the Map, picks a seat by name, then changes a weight with the slider's keys.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, openTab } from './app';

interface Focused {
	role: string | null;
	tag: string;
	id: string;
	label: string | null;
	/** Outline or box-shadow: some visible mark of focus. */
	marked: boolean;
}

function focused(page: Page): Promise<Focused> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return { role: null, tag: 'body', id: '', label: null, marked: false };
		const style = getComputedStyle(el);
		const marked = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
		return { role: el.getAttribute('role'), tag: el.tagName.toLowerCase(), id: el.id, label: el.getAttribute('aria-label'), marked };
	});
}

/**
 * Press `key` until `done` holds for the focused element; every stop on the way must show a focus
 * mark. Fails after `limit` presses, which would mean the control is not reachable.
 */
async function tabTo(page: Page, done: (f: Focused) => boolean, { key = 'Tab', limit = 150 } = {}): Promise<Focused[]> {
	const seen: Focused[] = [];
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press(key);
		const f = await focused(page);
		seen.push(f);
		if (done(f)) return seen;
	}
	throw new Error(`Not reached with ${key} after ${limit} presses; last stops: ${JSON.stringify(seen.slice(-5))}`);
}

const unmarked = (stops: Focused[]) => stops.filter((f) => f.tag !== 'body' && !f.marked).map((f) => `${f.tag}#${f.id}[${f.label ?? ''}]`);
const topSeats = async (page: Page) => (await page.locator('section.table tbody tr[data-code]').locator('th').allTextContents()).slice(0, 10);
/** The top rows' whole text: their scores change with a weight even when P(loss) keeps their order. */
const topRows = async (page: Page) => (await page.locator('section.table tbody tr[data-code]').allTextContents()).slice(0, 10);

test('keyboard only: tabs by arrow keys, a seat chosen by name on the Map tab, and a weight changed with the slider keys', async ({ page }) => {
	await openApp(page);
	const stops = await tabTo(page, (f) => f.role === 'tab');
	expect(await focused(page)).toMatchObject({ role: 'tab', id: 'tab-scores' });

	await page.keyboard.press('ArrowRight');
	await expect(page.getByRole('tab', { name: 'Map' })).toHaveAttribute('aria-selected', 'true');
	expect((await focused(page)).id).toBe('tab-map');
	await page.keyboard.press('End');
	await expect(page.getByRole('tab', { name: 'Method' })).toBeFocused();
	// The briefing is the first tab, Scores the second.
	await page.keyboard.press('Home');
	await expect(page.getByRole('tab', { name: 'Briefing' })).toBeFocused();
	await page.keyboard.press('ArrowLeft');
	await expect(page.getByRole('tab', { name: 'Method' })).toHaveAttribute('aria-selected', 'true');
	await page.keyboard.press('ArrowRight');
	await expect(page.getByRole('tab', { name: 'Briefing' })).toHaveAttribute('aria-selected', 'true');
	await page.keyboard.press('ArrowRight');
	await expect(page.getByRole('tab', { name: 'Scores' })).toHaveAttribute('aria-selected', 'true');
	await page.keyboard.press('ArrowRight');
	await expect(page.getByRole('tab', { name: 'Map' })).toHaveAttribute('aria-selected', 'true');
	await expect(page.getByTestId('map-view')).toBeVisible();

	// Through the map controls and the map canvas (once MapLibre has made it) to the seat finder.
	await expect(page.getByTestId('geo-map')).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
	const toFinder = await tabTo(page, (f) => f.id === 'seat-picker-input');
	expect(toFinder.some((f) => f.tag === 'canvas' && f.label?.startsWith('Map canvas: arrow keys pan'))).toBe(true);
	stops.push(...toFinder);
	await page.keyboard.type('hartle');
	await expect(page.getByRole('option', { name: /Hartlepool/ })).toBeVisible();
	await page.keyboard.press('ArrowDown');
	await expect(page.getByRole('combobox', { name: 'Find a seat' })).toHaveAttribute('aria-activedescendant', 'seat-picker-E14000733');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('seat-detail')).toHaveAttribute('data-code', 'E14000733');
	await expect(page.getByTestId('seat-detail')).toContainText('Post-industrial');
	await expect(page.getByRole('status').filter({ hasText: 'Hartlepool selected' })).toBeAttached();

	// Back to the tabs, over to Scores, and along to a weight slider.
	stops.push(...(await tabTo(page, (f) => f.role === 'tab', { key: 'Shift+Tab' })));
	await page.keyboard.press('Home');
	await page.keyboard.press('ArrowRight');
	await expect(page.getByRole('tab', { name: 'Scores' })).toHaveAttribute('aria-selected', 'true');
	const before = await topRows(page);
	stops.push(...(await tabTo(page, (f) => f.label === 'Weight of Leave 2016')));
	await page.keyboard.press('End');
	await expect(page.getByRole('slider', { name: 'Weight of Leave 2016' })).toHaveValue('5');
	await expect(page.getByRole('spinbutton', { name: 'Weight of Leave 2016 (number)' })).toHaveValue('5');
	await expect(page.getByTestId('threat-formula')).toContainText('56% × Leave 2016');
	await expect.poll(() => topRows(page)).not.toEqual(before);

	// Every control the journey passed showed where the focus was.
	expect(unmarked(stops)).toEqual([]);
});

test('the scores table selects a seat with Enter and Space', async ({ page }) => {
	await openApp(page);
	const first = page.locator('section.table tbody tr[data-code]').first();
	const seat = first.getByRole('button').nth(1);
	await seat.focus();
	await page.keyboard.press('Enter');
	await expect(first).toHaveClass(/selected/);
	await expect(page.getByTestId('breakdown')).toBeVisible();
	const second = page.locator('section.table tbody tr[data-code]').nth(1);
	await second.getByRole('button').nth(1).focus();
	await page.keyboard.press('Space');
	await expect(second).toHaveClass(/selected/);
});

test('the map summary lists the top 10 seats in text and follows the map variable', async ({ page }) => {
	await openApp(page);
	const firstByPriority = (await topSeats(page))[0];
	await openTab(page, 'Map');
	const summary = page.getByRole('region', { name: 'Map summary' });
	const items = summary.getByTestId('map-summary-top').locator('li');
	await expect(items).toHaveCount(10);
	await expect(summary).toContainText('Top 10 seats by post-industrial and threat scores together');
	await expect(summary).toContainText('post-industrial high / threat high:');
	const bivariate = await items.allTextContents();

	await page.getByLabel('Map variable').selectOption('priority');
	await expect(summary).toContainText('Top 10 seats by Priority, highest first');
	await expect(items).toHaveCount(10);
	// The same order as the scores table, which ranks by priority.
	await expect(items.first()).toHaveText(new RegExp(`^1\\. ${firstByPriority.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
	await expect(summary).toContainText(/Class 1 of 5, .*: \d+ seats/);
	expect(await items.allTextContents()).not.toEqual(bivariate);

	await page.getByLabel('Map variable').selectOption('threat');
	await expect(summary).toContainText('Top 10 seats by Challenger-threat score, highest first');
	await expect(items).toHaveCount(10);
	await expect(summary).toHaveAttribute('aria-live', 'polite');
});
