import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openApp, openTab } from './app';

// SwiftShader draws slowly: wait on attributes the map sets, never on time.
const MAP_TIMEOUT = { timeout: 90_000 };
const geoMap = (page: Page) => page.getByTestId('geo-map');
const hexes = (page: Page) => page.getByTestId('hex-map').locator('path[data-code]');
const quadrantCodes = (page: Page) =>
	page
		.getByTestId('quadrant-table')
		.locator('tbody tr[data-code]')
		.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')!));

async function openMap(page: Page, set = '2010') {
	await openTab(page, 'Map');
	await expect(geoMap(page)).toHaveAttribute('data-boundary-set', set, MAP_TIMEOUT);
	await expect(geoMap(page)).toHaveAttribute('data-rendered-seats', '650', MAP_TIMEOUT);
}

test('the geographic map renders all 650 seats of the 2010 set and the canvas is not blank', async ({ page }) => {
	await openApp(page);
	await openMap(page);
	// preserveDrawingBuffer keeps the last frame, so the WebGL canvas can be read back.
	const colours = await geoMap(page).evaluate((el) => {
		const source = el.querySelector('canvas')!;
		const copy = document.createElement('canvas');
		copy.width = source.width;
		copy.height = source.height;
		const ctx = copy.getContext('2d')!;
		ctx.drawImage(source, 0, 0);
		const d = ctx.getImageData(0, 0, copy.width, copy.height).data;
		const seen = new Set<number>();
		for (let i = 0; i < d.length; i += 4 * 5) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
		return seen.size;
	});
	expect(colours).toBeGreaterThan(20);
});

test('computed live (no first view), the Map tab draws the seats while the data is still loading, then colours them', async ({ page }) => {
	// Without the build-time first view (first-view.spec.ts covers it) the page computes everything.
	await page.route('**/data/first-view.json', (route) => route.abort());
	// Hold one start-up table back, so loading cannot finish until the map has been checked.
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/data/census2011.csv', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/?tab=map');
	await expect(geoMap(page)).toHaveAttribute('data-rendered-seats', '650', MAP_TIMEOUT);
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'loading');
	await expect(geoMap(page)).toHaveAttribute('data-recolours', '0');
	await expect(page.getByTestId('map-view')).toContainText('coloured as soon as the scores are computed');
	const instance = await geoMap(page).getAttribute('data-instance');
	release();
	await expect(page.locator('main')).toHaveAttribute('data-scored', 'true', MAP_TIMEOUT);
	await expect.poll(() => geoMap(page).getAttribute('data-recolours').then(Number), MAP_TIMEOUT).toBeGreaterThan(0);
	// The same MapLibre instance took the colours: the map was not started a second time.
	await expect(geoMap(page)).toHaveAttribute('data-instance', instance!);
	await expect(geoMap(page)).toHaveAttribute('data-rendered-seats', '650');
});

test('changing the lens to 2024 swaps the map to the 650 seats of the 2024 set', async ({ page }) => {
	await openApp(page);
	await openMap(page, '2010');
	await openTab(page, 'Scores');
	await page.getByLabel('Lens', { exact: true }).selectOption('2024-reform');
	await openMap(page, '2024');
	await expect(page.getByTestId('notional-note')).toContainText('Notional');
	await page.getByRole('button', { name: 'Hex cartogram' }).click();
	await expect(hexes(page)).toHaveCount(650);
	// Clacton's 2024-set code (its 2010-set code is E14000642).
	await expect(page.getByTestId('hex-map').locator('path[data-code="E14001174"]')).toHaveCount(1);
});

test('hovering a seat shows its name, on the geographic map and on the hex map', async ({ page }) => {
	await openApp(page);
	await openMap(page);
	// A point in South Yorkshire, projected by the map itself; the hook says which seat is under it.
	const probe = await geoMap(page).evaluate((el) => {
		const hook = (el as unknown as { heartlandsMap: { project: (p: [number, number]) => { x: number; y: number }; seatAt: (x: number, y: number) => { name: string } | null } }).heartlandsMap;
		const p = hook.project([-1.47, 53.38]);
		return { x: p.x, y: p.y, seat: hook.seatAt(p.x, p.y) };
	});
	expect(probe.seat?.name).toBeTruthy();
	const box = (await geoMap(page).boundingBox())!;
	await page.mouse.move(box.x + probe.x - 3, box.y + probe.y);
	await page.mouse.move(box.x + probe.x, box.y + probe.y);
	await expect(page.getByTestId('map-tooltip')).toContainText(probe.seat!.name);
	await expect(page.getByTestId('map-tooltip')).toContainText('England');

	await page.getByRole('button', { name: 'Hex cartogram' }).click();
	const hex = page.getByTestId('hex-map').locator('path[data-code="E14000733"]');
	await hex.hover();
	await expect(page.getByTestId('map-tooltip')).toContainText('Hartlepool');
	await hex.click();
	await expect(page.getByTestId('seat-detail')).toHaveAttribute('data-code', 'E14000733');
	await expect(page.getByTestId('seat-detail')).toContainText('North East');
});

test('clicking a bivariate legend cell selects the same seats as the quadrant table', async ({ page }) => {
	await openApp(page);
	await openMap(page);
	const legend = page.getByTestId('bivariate-legend');
	await expect(legend).toHaveAttribute('data-total', '650');
	const highHigh = legend.locator('button[data-cell="2-2"]');
	await highHigh.click();
	await expect(highHigh).toHaveAttribute('aria-pressed', 'true');
	const codes = await quadrantCodes(page);
	expect(codes.length).toBeGreaterThan(20);
	await expect(highHigh).toHaveText(String(codes.length));
	await expect(geoMap(page)).toHaveAttribute('data-selected-codes-count', String(codes.length));
	// The hex map outlines exactly those seats.
	await page.getByRole('button', { name: 'Hex cartogram' }).click();
	const highlighted = await page
		.getByTestId('hex-map')
		.locator('path[data-highlighted="true"]')
		.evaluateAll((ps) => ps.map((p) => p.getAttribute('data-code')!));
	expect([...highlighted].sort()).toEqual([...codes].sort());

	// Another cell: the table follows the selection.
	const lowLow = legend.locator('button[data-cell="0-0"]');
	await lowLow.click();
	await expect(page.getByRole('heading', { name: /post-industrial low \/ threat low/ })).toBeVisible();
	const lowCodes = await quadrantCodes(page);
	await expect(lowLow).toHaveText(String(lowCodes.length));
	await expect(page.getByTestId('hex-map').locator('path[data-highlighted="true"]')).toHaveCount(lowCodes.length);
});

test('the hex toggle shows 650 hexes', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Map');
	await page.getByRole('button', { name: 'Hex cartogram' }).click();
	await expect(hexes(page)).toHaveCount(650);
	await expect(page.getByTestId('hex-map')).toHaveAttribute('data-hex-count', '650');
});

test('a census indicator legend counts 650 seats with Northern Ireland as no data', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Map');
	await page.getByLabel('Map variable').selectOption('indicator:census.mfg_mining');
	const legend = page.getByTestId('legend');
	await expect(legend).toHaveAttribute('data-total', '650');
	await expect(page.getByTestId('legend-no-data')).toContainText('no Census 2011 for Northern Ireland');
	await expect(page.getByTestId('legend-no-data')).toHaveAttribute('data-count', '18');
	const counts = await legend.locator('li[data-count]').evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-count'))));
	expect(counts.reduce((a, b) => a + b, 0)).toBe(650);
	await page.getByLabel('Classification').selectOption('custom');
	await page.getByRole('textbox', { name: /Custom breaks/ }).fill('5, abc');
	await expect(page.getByTestId('custom-breaks-error')).toContainText('is not a number');
});

test('a PNG export can be cancelled while it is prepared, and then nothing is downloaded', async ({ page }) => {
	// Hold PNG encoding until the test lets it go, so Cancel is pressed while the export is running.
	await page.addInitScript(() => {
		const original = HTMLCanvasElement.prototype.toBlob;
		const w = window as unknown as { releasePng?: () => void };
		HTMLCanvasElement.prototype.toBlob = function (callback, ...rest) {
			new Promise<void>((resolve) => (w.releasePng = resolve)).then(() => original.call(this, callback, ...rest));
		};
	});
	let downloads = 0;
	page.on('download', () => downloads++);
	await openApp(page);
	await openMap(page);
	await page.getByRole('button', { name: 'Download PNG' }).click();
	await expect(page.getByRole('button', { name: 'Preparing PNG…' })).toBeDisabled();
	await page.getByRole('button', { name: 'Cancel PNG' }).click();
	await expect(page.getByTestId('export-status')).toHaveText('PNG export cancelled: nothing was downloaded.');
	await expect(page.getByRole('button', { name: 'Download PNG' })).toBeEnabled();
	await page.evaluate(() => (window as unknown as { releasePng: () => void }).releasePng());
	// Encoding finishes after the cancel, and the export ends without a file.
	await expect(page.locator('[data-exports-settled]')).toHaveAttribute('data-exports-settled', '1');
	expect(downloads).toBe(0);
});

test('the PNG export downloads a non-empty image and the CSV has every seat', async ({ page }) => {
	await openApp(page);
	await openMap(page);
	const [png] = await Promise.all([page.waitForEvent('download', MAP_TIMEOUT), page.getByRole('button', { name: 'Download PNG' }).click()]);
	expect(png.suggestedFilename()).toMatch(/^heartlands-map-bivariate-\d{4}-\d{2}-\d{2}\.png$/);
	const bytes = await readFile((await png.path())!);
	expect(bytes.length).toBeGreaterThan(10 * 1024);
	expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

	const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
	const text = await readFile((await csv.path())!, 'utf8');
	const lines = text.split('\n');
	expect(lines[0]).toContain('code,name,nation');
	expect(lines.filter((l) => /^[ENSW]\d{8},/.test(l))).toHaveLength(650);
	expect(text).toContain('# Sources and licences:');
	expect(text).toContain('Open Parliament Licence');
});

test('one highlight across the app: a legend cell filters the table, a scatter brush outlines the map', async ({ page }) => {
	await openApp(page);
	await openMap(page);
	await page.getByTestId('bivariate-legend').locator('button[data-cell="2-2"]').click();
	const codes = await quadrantCodes(page);
	await openTab(page, 'Scores');
	await expect(page.getByTestId('highlight-status')).toContainText(`the ${codes.length} highlighted seats`);
	const listed = await page.locator('section.table tbody tr[data-code]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')!));
	expect(listed.sort()).toEqual([...codes].sort());

	await page.getByRole('button', { name: 'Show all seats' }).click();
	const svg = page.getByTestId('scatter').locator('svg');
	await svg.scrollIntoViewIfNeeded();
	const box = (await svg.boundingBox())!;
	await page.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.1);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.8, { steps: 6 });
	await page.mouse.up();
	const n = Number((await page.getByTestId('highlight-status').textContent())!.match(/the (\d+) highlighted/)![1]);
	await openTab(page, 'Map');
	await expect(geoMap(page)).toHaveAttribute('data-selected-codes-count', String(n), MAP_TIMEOUT);
	await expect(page.getByTestId('bivariate-legend').locator('button[aria-pressed="true"]')).toHaveCount(0);
});

test('the proposed allocation maps as £ per seat, with ineligible seats as no data', async ({ page }) => {
	await openApp(page);
	const eligible = Number((await page.getByTestId('scores-count').textContent())!.match(/(\d+) eligible/)![1]);
	await openMap(page);
	await page.getByLabel('Map variable').selectOption('allocation');
	const legend = page.getByTestId('legend');
	await expect(legend).toHaveAttribute('data-total', '650');
	await expect(legend).toContainText('£');
	await expect(page.getByTestId('legend-no-data')).toHaveAttribute('data-count', String(650 - eligible));
});

test('hovering a row of the quadrant table outlines that seat on the map; clicking selects it everywhere', async ({ page }) => {
	await openApp(page);
	await openMap(page);
	const row = page.getByTestId('quadrant-table').locator('tbody tr[data-code]').first();
	const code = (await row.getAttribute('data-code'))!;
	await row.hover();
	await expect(geoMap(page)).toHaveAttribute('data-hovered', code);
	await row.getByRole('button').click();
	await openTab(page, 'Scores');
	await expect(page.locator(`section.table tbody tr[data-code="${code}"]`)).toHaveClass(/selected/);
	await expect(page.getByTestId('breakdown')).toBeVisible();
});
