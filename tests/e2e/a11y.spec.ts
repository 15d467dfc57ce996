/**
 * Automated accessibility checks (axe-core) on every view and on the states that add controls:
 * the three map modes, the upload wizard with a file staged, the console with a result, compare
 * with pinned seats, scenarios with one saved, and the loading error panel.
 *
 * Each view must have no 'serious' or 'critical' violation of WCAG 2.0/2.1 A and AA (colour
 * contrast included). Per-view counts are printed as a table so the numbers can be quoted.
 * The views are walked in one page per test because every fresh load re-runs DuckDB-wasm.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openApp, openTab } from './app';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);
const MAP_TIMEOUT = { timeout: 90_000 };

interface ViewResult {
	view: string;
	byImpact: Record<string, number>;
	passes: number;
	/** Rules axe could not decide (for example contrast over a gradient): left for a person to check. */
	incomplete: string[];
	blocking: string[];
}
const results: ViewResult[] = [];

async function check(page: Page, view: string): Promise<void> {
	const axe = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	const byImpact: Record<string, number> = {};
	const blocking: string[] = [];
	for (const v of axe.violations) {
		const impact = v.impact ?? 'unknown';
		byImpact[impact] = (byImpact[impact] ?? 0) + 1;
		if (BLOCKING.has(impact)) {
			const targets = v.nodes
				.slice(0, 5)
				.map((n) => n.target.join(' '))
				.join(' | ');
			blocking.push(`${v.id} [${impact}] ×${v.nodes.length}: ${targets}`);
		}
	}
	results.push({ view, byImpact, passes: axe.passes.length, incomplete: axe.incomplete.map((r) => `${r.id}×${r.nodes.length}`), blocking });
	for (const line of blocking) console.log(`  ${view}: ${line}`);
}

function summary(): string {
	const cols = ['critical', 'serious', 'moderate', 'minor'];
	const lines = [`| view | ${cols.join(' | ')} | passes | incomplete (rule×nodes) |`, `|---|${cols.map(() => '---').join('|')}|---|---|`];
	for (const r of results) lines.push(`| ${r.view} | ${cols.map((c) => r.byImpact[c] ?? 0).join(' | ')} | ${r.passes} | ${r.incomplete.join(', ') || '0'} |`);
	return lines.join('\n');
}

function assertClean() {
	const failures = results.flatMap((r) => r.blocking.map((b) => `${r.view}: ${b}`));
	expect(failures, 'serious or critical axe violations').toEqual([]);
}

test.afterAll(() => {
	if (results.length) console.log(`\nAxe results (violated rules by impact, and rules passed):\n${summary()}\n`);
});

async function mapReady(page: Page) {
	await expect(page.getByTestId('geo-map')).toHaveAttribute('data-rendered-seats', '650', MAP_TIMEOUT);
}

// Software GL on a shared two-core machine: these walks are long, so they get room (no timing is asserted).
test.beforeEach(() => test.setTimeout(300_000));

test('the map in all its modes has no serious or critical axe violations', async ({ page }) => {
	await openApp(page, '/?tab=map');
	await mapReady(page);
	await check(page, 'Map: bivariate');
	await page.getByTestId('bivariate-legend').locator('button[data-cell="2-2"]').click();
	await page.getByRole('combobox', { name: 'Find a seat' }).fill('pool');
	await expect(page.getByRole('listbox', { name: 'Matching seats' })).toBeVisible();
	await check(page, 'Map: bivariate, cell pressed, seat finder open');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('seat-detail')).toBeVisible();
	await check(page, 'Map: seat selected');
	await page.getByLabel('Map variable').selectOption('priority');
	await expect(page.getByTestId('legend')).toBeVisible();
	await check(page, 'Map: choropleth');
	await page.getByLabel('Classification').selectOption('custom');
	await page.getByRole('textbox', { name: /^Custom breaks/ }).fill('3, 1, x');
	await expect(page.getByTestId('custom-breaks-error')).toBeVisible();
	await check(page, 'Map: custom breaks error');
	await page.getByLabel('Classification').selectOption('quantile');
	await page.getByRole('button', { name: 'Hex cartogram' }).click();
	await expect(page.getByTestId('hex-map').locator('path[data-code]')).toHaveCount(650);
	await check(page, 'Map: hex');
	assertClean();
});

test('every other tab has no serious or critical axe violations', async ({ page }) => {
	await openApp(page);
	await check(page, 'Scores');
	await page
		.getByRole('button', { name: /^Hartlepool$/ })
		.first()
		.click();
	// The seat-risk backtest: its table, the calibration plot and (below) its table alternative.
	await page.getByRole('button', { name: 'Show the backtest' }).click();
	await expect(page.getByTestId('calibration-plot')).toBeVisible({ timeout: 60_000 });
	// Open the "as a table" disclosures, so their tables are checked too.
	await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
	await expect(page.getByTestId('breakdown')).toBeVisible();
	await check(page, 'Scores, seat selected, backtest and details open');

	await openTab(page, 'Allocation');
	await page.getByLabel('Draws').fill('20');
	await page.getByRole('button', { name: 'Run sensitivity' }).click();
	await expect(page.getByTestId('sensitivity-table')).toBeVisible();
	await check(page, 'Allocation, sensitivity run');

	for (const tab of ['Risk', 'Scenarios', 'Your data', 'SQL console', 'Constituency data', 'Method']) {
		await openTab(page, tab);
		await expect(page.getByRole('tabpanel')).not.toBeEmpty();
		await check(page, tab);
	}
	assertClean();
});

test('compare, scenarios, the upload wizard and the console with content have no serious or critical violations', async ({ page }) => {
	await openApp(page);
	for (const name of ['Hartlepool', 'Clacton', 'Rotherham']) {
		await page.getByLabel('Search scored seats').fill(name);
		await page.getByRole('button', { name: `Pin ${name} to compare` }).click();
	}
	await page.getByLabel('Search scored seats').fill('');
	await openTab(page, 'Compare');
	await expect(page.getByTestId('compare-table').locator('thead th[data-code]')).toHaveCount(3);
	await check(page, 'Compare, 3 pinned');

	await openTab(page, 'Scenarios');
	await page.getByLabel('Scenario name').fill('Baseline');
	await page.getByRole('button', { name: 'Save current settings' }).click();
	await expect(page.getByTestId('scenario-list')).toContainText('Baseline');
	await openTab(page, 'Scores');
	await page.getByRole('spinbutton', { name: 'Weight of Leave 2016 (number)' }).fill('5');
	await openTab(page, 'Scenarios');
	await page.getByLabel('Scenario name').fill('Leave-heavy');
	await page.getByRole('button', { name: 'Save current settings' }).click();
	await expect(page.getByTestId('scenario-list')).toContainText('Leave-heavy');
	await page.getByLabel('From scenario').selectOption({ label: 'Baseline' });
	await page.getByLabel('To scenario').selectOption({ label: 'Leave-heavy' });
	await page.getByRole('button', { name: 'Compare', exact: true }).click();
	await expect(page.getByTestId('diff-table')).toBeVisible();
	await check(page, 'Scenarios, two saved, diff shown');

	await openTab(page, 'Your data');
	const csv = 'Constituency,Members\nHartlepool,1200\nClacton,300\nHartlepol,5\n';
	await page.getByLabel(/^Choose a file/).setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
	await expect(page.getByTestId('match-report')).toBeVisible();
	await check(page, 'Upload wizard, file staged');

	await openTab(page, 'SQL console');
	await page.getByLabel('SQL query').fill('SELECT 1 AS one, NULL AS two');
	await page.getByRole('region', { name: 'SQL console' }).getByRole('button', { name: 'Run', exact: true }).click();
	await expect(page.getByTestId('console-result')).toBeVisible();
	await check(page, 'Console, with a result');
	assertClean();
});

test('the seat profile and the briefing have no serious or critical axe violations', async ({ page }) => {
	await openApp(page, '/?seat=E14000642');
	await expect(page.getByTestId('similar-list').getByRole('link')).toHaveCount(10);
	await expect(page.getByTestId('profile-ploss')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('locator-map')).toBeVisible();
	await check(page, 'Seat profile');
	await openTab(page, 'Briefing');
	await expect(page.getByTestId('briefing-top').locator('li')).toHaveCount(10);
	await expect(page.getByTestId('map-thumbnail')).toBeVisible();
	await check(page, 'Briefing');
	await openApp(page, '/?seat=NOPE');
	await expect(page.getByTestId('profile-unknown')).toBeVisible();
	await check(page, 'Seat profile: unknown code');
	assertClean();
});

test('the loading error panel has no serious or critical violations', async ({ page }) => {
	await page.route('**/data/results.csv', (route) => route.fulfill({ status: 404, body: 'missing' }));
	await page.goto('/');
	await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible({ timeout: 60_000 });
	await check(page, 'Loading error');
	assertClean();
});
