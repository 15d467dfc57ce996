import { expect, test, type Page } from '@playwright/test';
import { openApp, openTab } from './app';

/** The seat-risk part of the link's state (`?s=`: JSON, UTF-8, base64url), or null. */
function linkedRisk(page: Page): { spec?: string; priority?: string } | null {
	const state = new URL(page.url()).searchParams.get('s');
	if (!state) return null;
	try {
		return (JSON.parse(Buffer.from(state, 'base64url').toString('utf8')) as { risk?: { spec?: string; priority?: string } }).risk ?? null;
	} catch {
		return null;
	}
}

const RISK_TIMEOUT = { timeout: 90_000 };
const riskView = (page: Page) => page.getByTestId('risk-view');
const gb = (page: Page, party: string) => page.getByTestId('risk-shares-gb').getByLabel(party, { exact: true });

/** P(loss) text per seat code, from the Scores table. */
async function pLossColumn(page: Page): Promise<Record<string, string>> {
	return page.locator('section.table tbody tr[data-code]').evaluateAll((rows) => Object.fromEntries(rows.map((r) => [r.getAttribute('data-code'), r.querySelector('td[data-col="p_loss"]')?.textContent?.trim() ?? ''])));
}

const legendCounts = (page: Page) =>
	page
		.getByTestId('legend')
		.locator('li[data-count]')
		.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-count')).join(','));

test('a custom scenario fills and changes P(loss) in the table and the map, survives a reload, and a bad input keeps the last results', async ({ page }) => {
	await openApp(page);
	// The default: the lens's own election (2015), no change.
	await openTab(page, 'Risk');
	await expect(riskView(page)).toHaveAttribute('data-status', 'ready', RISK_TIMEOUT);
	await expect(riskView(page)).toHaveAttribute('data-spec', 'no-change');
	await expect(page.getByTestId('risk-headline')).toHaveText(/^Labour: \d+ of 232 expected lost \(90%: \d+–\d+\)$/);
	await expect(page.getByTestId('risk-facts')).toContainText('Fitted on');
	const before = await page.getByTestId('risk-headline').textContent();

	await openTab(page, 'Scores');
	const baseColumn = await pLossColumn(page);
	expect(Object.values(baseColumn).filter((v) => /%$/.test(v)).length).toBeGreaterThan(600);
	// Northern Ireland and the Speaker's seat are not modelled, and say why.
	const belfast = page.locator('tr[data-code="N06000001"] td[data-col="p_loss"]');
	await expect(belfast).toHaveText('—');
	await expect(belfast).toHaveAttribute('title', /Northern Ireland is not modelled/);

	await openTab(page, 'Map');
	await page.getByLabel('Map variable').selectOption('p_loss');
	await expect(page.getByTestId('legend-no-data')).toContainText('not modelled');
	const baseLegend = await legendCounts(page);

	await openTab(page, 'Risk');
	await page.getByLabel("Your own numbers (e.g. today's polls)").check();
	await gb(page, 'Labour').fill('25');
	await gb(page, 'Conservative').fill('30');
	await gb(page, 'Reform UK / Brexit Party / UKIP').fill('25');
	await expect(riskView(page)).toHaveAttribute('data-spec', 'con=30,lab=25,ruk=25', RISK_TIMEOUT);
	await expect(riskView(page)).toHaveAttribute('data-status', 'ready', RISK_TIMEOUT);
	const after = await page.getByTestId('risk-headline').textContent();
	expect(after).not.toEqual(before);

	await openTab(page, 'Scores');
	const custom = await pLossColumn(page);
	const changed = Object.keys(custom).filter((code) => custom[code] !== baseColumn[code]);
	expect(changed.length).toBeGreaterThan(50);
	await openTab(page, 'Map');
	await expect.poll(() => legendCounts(page)).not.toEqual(baseLegend);

	// The scenario is in the address, so a reload brings it back with the fields as typed.
	// Wait until the link itself carries the scenario (the address bar follows the view asynchronously).
	await expect.poll(() => linkedRisk(page)?.spec ?? null, RISK_TIMEOUT).not.toBeNull();
	await page.reload();
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
	await openTab(page, 'Risk');
	await expect(riskView(page)).toHaveAttribute('data-spec', 'con=30,lab=25,ruk=25', RISK_TIMEOUT);
	await expect(gb(page, 'Labour')).toHaveValue('25');
	await expect(gb(page, 'Conservative')).toHaveValue('30');
	await expect(gb(page, 'Reform UK / Brexit Party / UKIP')).toHaveValue('25');
	await expect(page.getByTestId('risk-headline')).toHaveText(after!);

	// Shares summing to more than 100: the message names the field, and the results stay.
	await gb(page, 'Labour').fill('65');
	await expect(page.getByTestId('risk-input-error')).toContainText('Great Britain: shares sum to 120, more than 100.');
	await expect(riskView(page)).toHaveAttribute('data-spec', 'con=30,lab=25,ruk=25');
	await expect(page.getByTestId('risk-headline')).toHaveText(after!);
	await expect(page.getByTestId('risk-spec')).toHaveText('con=30,lab=25,ruk=25');
});

test("the seat breakdown explains a seat's risk", async ({ page }) => {
	await openApp(page);
	await page
		.getByRole('button', { name: /^Hartlepool$/ })
		.first()
		.click();
	const explained = page.getByTestId('seat-risk').first();
	await expect(explained).toContainText('with a lead of', RISK_TIMEOUT);
	await expect(explained).toContainText('90% range');
	await expect(explained).toContainText(/Chance Labour loses it: (<1|>99|\d+)%/);
});

test('the priority ranks the eligible seats by P(loss) by default; ranking by the scores is one click away, and the link keeps that choice', async ({ page }) => {
	await openApp(page);
	const box = page.getByRole('checkbox', { name: /Rank the eligible seats by P\(loss\)/ });
	await expect(box).toBeChecked();
	await expect(page.getByTestId('priority-formula')).toContainText('Priority is P(loss), the chance (0–1) that the holder loses the seat, from the 2015 election under no change');
	await expect(page.getByTestId('priority-why')).toContainText('Why P(loss) is the default');
	await expect(page.getByTestId('priority-evidence')).toContainText('0.825');
	const percent = (t: string) => (t === '>99%' ? 99.5 : t === '<1%' ? 0.5 : Number(t.replace('%', '')));
	// Sorted by priority rank (the default order), P(loss) never rises down the list.
	const topTwenty = async () => {
		const rows = page.locator('section.table tbody tr[data-code]').filter({ has: page.locator('td[data-col="priority_rank"]', { hasText: /^\d+$/ }) });
		return (await rows.locator('td[data-col="p_loss"]').allTextContents()).slice(0, 20).map((t) => percent(t.trim()));
	};
	const descending = (shown: number[]) => shown.length === 20 && shown.every((v, i) => i === 0 || v <= shown[i - 1]);
	await expect.poll(async () => descending(await topTwenty()), RISK_TIMEOUT).toBe(true);
	expect((await topTwenty())[0]).toBeGreaterThan(20);
	// The default is not written into the link.
	expect(linkedRisk(page)).toBeNull();

	await box.uncheck();
	await expect(page.getByTestId('priority-formula')).toContainText("the two scores' percentile ranks");
	await expect.poll(async () => descending(await topTwenty())).toBe(false);
	// Wait until the link itself carries the choice (the address bar follows the view asynchronously).
	await expect.poll(() => linkedRisk(page)?.priority ?? null, RISK_TIMEOUT).toBe('scores');
	await page.reload();
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
	await expect(box).not.toBeChecked();
});

test('until the first P(loss) arrives, no view shows a ranking: each says it is waiting for the risk model', async ({ page }) => {
	// Computed live: the build-time first view carries the default P(loss), so it never waits.
	await page.route('**/data/first-view.json', (route) => route.abort());
	// Hold the risk worker's script, so the model cannot start until released.
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route(/risk\.worker[^/]*\.js/, async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/?tab=scores');
	await expect(page.locator('main')).toHaveAttribute('data-scored', 'true', { timeout: 90_000 });
	await expect(page.locator('main')).toHaveAttribute('data-ranked', 'false');
	const waiting = page.getByTestId('ranking-pending');
	await expect(waiting).toContainText('The ranking is waiting for the risk model');
	// No seat has a rank meanwhile: not the score-based ranking in its place.
	await expect(page.locator('section.table tbody td[data-col="priority_rank"]', { hasText: /^\d+$/ })).toHaveCount(0);
	for (const tab of ['Allocation', 'Briefing', 'Map']) {
		await openTab(page, tab);
		if (tab !== 'Map') await expect(waiting).toContainText('waiting for the risk model');
	}
	await expect(page.getByTestId('allocation-table')).toHaveCount(0);
	await page.getByLabel('Map variable').selectOption('priority');
	await expect(waiting).toContainText('waiting for the risk model');
	release();
	await expect(page.locator('main')).toHaveAttribute('data-ranked', 'true', RISK_TIMEOUT);
	await expect(waiting).toHaveCount(0);
	await openTab(page, 'Scores');
	await expect(page.locator('section.table tbody td[data-col="priority_rank"]').first()).toHaveText('1');
});
