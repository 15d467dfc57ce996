/**
 * The build-time first view: with DuckDB-wasm's engine file held back, the default view is on
 * screen from `first-view.json`; once released, the engine takes over with the same figures, and
 * a change made while it was starting is applied, not lost. A stale file is ignored.
 */
import { expect, test, type Page } from '@playwright/test';
import { rankByScores } from './app';

const MAP_TIMEOUT = { timeout: 90_000 };
const rows = (page: Page) => page.locator('section.table tbody tr[data-code]');
const topSeats = async (page: Page, n = 10) => (await rows(page).locator('th').allTextContents()).slice(0, n);
const main = (page: Page) => page.locator('main');
const geoMap = (page: Page) => page.getByTestId('geo-map');
const WEIGHT = 'Weight of UKIP share 2015 (number)';

/** Hold every request for the engine's wasm until `release` is called. */
async function holdEngine(page: Page): Promise<() => void> {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/*.wasm', async (route) => {
		await held;
		await route.continue();
	});
	return release;
}

test('with the engine held back, the Map is coloured and Scores lists 650 seats from the first view; the engine then takes over with the same figures', async ({ page }) => {
	const release = await holdEngine(page);
	await page.goto('/?tab=map');
	await expect(main(page)).toHaveAttribute('data-first-view', 'shown', MAP_TIMEOUT);
	await expect(page.getByTestId('engine-starting')).toContainText('Engine starting');
	await expect(geoMap(page)).toHaveAttribute('data-rendered-seats', '650', MAP_TIMEOUT);
	await expect.poll(() => geoMap(page).getAttribute('data-recolours').then(Number), MAP_TIMEOUT).toBeGreaterThan(0);
	const legend = await page.getByTestId('bivariate-legend').textContent();
	await page.getByRole('tab', { name: 'Scores' }).click();
	await expect(rows(page)).toHaveCount(650);
	await expect(page.getByTestId('scores-count')).toContainText('650 of 650 seats');
	const before = await topSeats(page, 30);
	// Still from the file: nothing was scored by DuckDB-wasm yet.
	await expect(main(page)).toHaveAttribute('data-scored', 'false');

	release();
	await expect(main(page)).toHaveAttribute('data-scored', 'true', MAP_TIMEOUT);
	await expect(page.getByTestId('engine-starting')).toHaveCount(0);
	expect(await topSeats(page, 30)).toEqual(before);
	await page.getByRole('tab', { name: 'Map' }).click();
	await expect(page.getByTestId('bivariate-legend')).toHaveText(legend!);

	// A weight change now re-scores live (ranked by the two scores, which the weights order).
	await rankByScores(page);
	const byScores = await topSeats(page);
	await page.getByRole('spinbutton', { name: WEIGHT }).fill('5');
	await expect.poll(() => topSeats(page)).not.toEqual(byScores);
});

test('a weight moved while the engine is starting is applied once it is ready', async ({ page, browser }) => {
	const release = await holdEngine(page);
	await page.goto('/?tab=scores');
	await expect(rows(page)).toHaveCount(650, MAP_TIMEOUT);
	// Ranked by the two scores (the weights order them; the default P(loss) ranking they do not).
	await rankByScores(page);
	const before = await topSeats(page);
	await page.getByRole('spinbutton', { name: WEIGHT }).fill('5');
	await expect(page.getByTestId('engine-starting')).toContainText('Your change is kept');
	// Not applied yet: the table still shows the first view's ranking.
	expect(await topSeats(page)).toEqual(before);
	release();
	await expect(main(page)).toHaveAttribute('data-scored', 'true', MAP_TIMEOUT);
	const applied = await topSeats(page);
	expect(applied).not.toEqual(before);

	// The same edit made after start-up gives the same ranking.
	const other = await browser.newPage();
	await other.goto('/?tab=scores');
	await expect(other.locator('main')).toHaveAttribute('data-scored', 'true', MAP_TIMEOUT);
	await rankByScores(other);
	await other.getByRole('spinbutton', { name: WEIGHT }).fill('5');
	await expect.poll(() => topSeats(other)).toEqual(applied);
	await other.close();
});

test('a first-view file that does not match the manifest is ignored and the view is computed live', async ({ page }) => {
	await page.route('**/data/first-view.json', async (route) => {
		const response = await route.fetch();
		const text = (await response.text()).replace('"priority_rank"', '"priority_rank" ');
		await route.fulfill({ response, body: text });
	});
	await page.goto('/?tab=scores');
	await expect(main(page)).toHaveAttribute('data-first-view', /^ignored: the file does not match the manifest/, MAP_TIMEOUT);
	await expect(main(page)).toHaveAttribute('data-scored', 'true', MAP_TIMEOUT);
	await expect(rows(page)).toHaveCount(650);
});

/** Hold the MapLibre chunk (the one large script that names it) until `release` is called. */
async function holdMapLibre(page: Page): Promise<() => void> {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/chunks/*.js', async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		if (body.length > 500_000 && body.includes('maplibre')) await held;
		await route.fulfill({ response, body });
	});
	return release;
}

test('the first paint of the Map is an SVG preview with the same colours and framing as MapLibre, which then replaces it', async ({ page }) => {
	const HARTLEPOOL = 'E14000733';
	const release = await holdMapLibre(page);
	await page.goto('/?tab=map');
	const preview = page.getByTestId('map-preview');
	await expect(preview.locator('path[data-code]')).toHaveCount(650, MAP_TIMEOUT);
	await expect(page.getByTestId('map-view')).not.toHaveAttribute('data-preview-at', '');
	const seat = preview.locator(`path[data-code="${HARTLEPOOL}"]`);
	const fill = await seat.getAttribute('fill');
	const box = await seat.evaluate((el) => {
		const b = (el as SVGGraphicsElement).getBBox();
		return { left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height };
	});
	// Not drawn by MapLibre yet: the preview is the map on screen.
	await expect(geoMap(page)).toHaveAttribute('data-recolours', '0');

	release();
	await expect.poll(() => geoMap(page).getAttribute('data-recolours').then(Number), MAP_TIMEOUT).toBeGreaterThan(0);
	await expect(preview).toHaveCount(0);
	// MapLibre's seat: the same fill, and its projected extent where the preview drew it.
	const drawn = await geoMap(page).evaluate((el, code) => {
		type Hook = { instance: import('maplibre-gl').Map; seatSource(): { id: string; seats: import('geojson').FeatureCollection } };
		const hook = (el as unknown as { heartlandsMap: Hook }).heartlandsMap;
		const source = hook.seatSource()!;
		const feature = source.seats.features.find((f) => f.properties?.code === code)!;
		const points = JSON.stringify(feature.geometry)
			.match(/-?\d+\.?\d*,-?\d+\.?\d*/g)!
			.map((p) => p.split(',').map(Number) as [number, number]);
		const xy = points.map((p) => hook.instance.project(p));
		return {
			fill: hook.instance.getFeatureState({ source: source.id, id: code }).fill as string,
			left: Math.min(...xy.map((p) => p.x)),
			right: Math.max(...xy.map((p) => p.x)),
			top: Math.min(...xy.map((p) => p.y)),
			bottom: Math.max(...xy.map((p) => p.y))
		};
	}, HARTLEPOOL);
	expect(drawn.fill).toBe(fill);
	for (const edge of ['left', 'right', 'top', 'bottom'] as const) expect(Math.abs(drawn[edge] - box[edge])).toBeLessThan(1.5);
});
