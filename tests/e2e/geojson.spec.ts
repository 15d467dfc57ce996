import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, openTab } from './app';

const DATA = process.env.HEARTLANDS_DATA ?? join(process.cwd(), '../shared/data');
const geojson = (name: string, content: string | Buffer) => ({ name, mimeType: 'application/geo+json', buffer: typeof content === 'string' ? Buffer.from(content) : content });
const geoMap = (page: Page) => page.getByTestId('geo-map');

async function stage(page: Page, f: ReturnType<typeof geojson>) {
	await page.getByLabel(/^Choose a file/).setInputFiles(f);
}

async function openMapOn2024(page: Page) {
	await openTab(page, 'Scores');
	await page.getByLabel('Lens', { exact: true }).selectOption('2024-reform');
	await openTab(page, 'Map');
	await expect(geoMap(page)).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
}

test('detailed 2024 boundaries replace the built-in shapes, survive a reload and can be switched back', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Your data');
	await stage(page, geojson('constituencies-2024-detailed.geojson', readFileSync(join(DATA, 'boundaries/wpc2024_uk_detailed_openinnovations.geojson'))));
	const geo = page.getByTestId('geo-stage');
	await expect(geo).toContainText('650 features');
	await expect(geo.getByRole('radio', { name: /^Seat boundaries for the 2024 map/ })).toBeChecked();
	await expect(geo).toContainText('650 of 650 seats matched');
	await expect(page.getByTestId('matched-count')).toHaveText('650 keys matched');
	await page.getByLabel('Dataset name').fill('Detailed 2024 shapes');
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(page.getByTestId('upload-message')).toContainText('boundaries for 650 of 650 seats (2024 set)');
	await expect(page.getByTestId('layer-list')).toContainText('Detailed 2024 shapes');
	// Boundaries are not indicators unless asked for.
	await expect(page.getByTestId('dataset-list')).toHaveCount(0);

	await openMapOn2024(page);
	await expect(geoMap(page)).toHaveAttribute('data-boundary-source', /^2024-d[0-9a-f]+$/);
	await expect(geoMap(page)).toHaveAttribute('data-rendered-seats', '650', { timeout: 60_000 });
	await expect(page.getByTestId('map-view')).toContainText('shapes from your upload “Detailed 2024 shapes”');

	await page.reload();
	await expect(page.locator('main')).toHaveAttribute('data-scored', 'true', { timeout: 60_000 });
	await openMapOn2024(page);
	await expect(geoMap(page)).toHaveAttribute('data-boundary-source', /^2024-d/);
	await page
		.getByTestId('map-layers')
		.getByLabel(/Seat shapes/)
		.selectOption({ label: 'Built-in (ONS)' });
	await expect(geoMap(page)).toHaveAttribute('data-boundary-source', '2024');
	await expect(geoMap(page)).toHaveAttribute('data-rendered-seats', '650', { timeout: 60_000 });
});

test('a GeoJSON of other areas becomes an overlay whose names show on hover', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Your data');
	// A box around Hartlepool and a point in it: no property names a constituency.
	const box = [
		[
			[-1.32, 54.62],
			[-1.1, 54.62],
			[-1.1, 54.74],
			[-1.32, 54.74],
			[-1.32, 54.62]
		]
	];
	const areas = {
		type: 'FeatureCollection',
		features: [
			{ type: 'Feature', properties: { zone: 'Z1', ZONE_NM: 'Canvass zone <b>North</b>' }, geometry: { type: 'Polygon', coordinates: box } },
			{ type: 'Feature', properties: { zone: 'Z2', ZONE_NM: 'Office' }, geometry: { type: 'Point', coordinates: [-1.21, 54.68] } }
		]
	};
	await stage(page, geojson('zones.geojson', JSON.stringify(areas)));
	const geo = page.getByTestId('geo-stage');
	await expect(geo.getByRole('radio', { name: /^Seat boundaries/ })).toBeDisabled();
	await expect(geo.getByRole('radio', { name: /^An area layer/ })).toBeChecked();
	await expect(geo.getByLabel('Name each area by')).toHaveValue('1');
	await expect(geo).toContainText('Canvass zone <b>North</b>');
	await geo.getByLabel('Layer name').fill('Canvass zones');
	await geo.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByTestId('upload-message')).toContainText('an area layer of 2 features');

	await openTab(page, 'Map');
	await expect(geoMap(page)).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
	await expect(geoMap(page)).toHaveAttribute('data-overlays', '1');
	const probe = await geoMap(page).evaluate((el) => {
		const hook = (el as unknown as { heartlandsMap: { project: (p: [number, number]) => { x: number; y: number } } }).heartlandsMap;
		return hook.project([-1.25, 54.66]);
	});
	const rect = (await geoMap(page).boundingBox())!;
	await page.mouse.move(rect.x + probe.x - 3, rect.y + probe.y);
	await page.mouse.move(rect.x + probe.x, rect.y + probe.y);
	await expect(page.getByTestId('map-tooltip')).toContainText('Area: Canvass zone <b>North</b>');
	await expect(page.locator('b', { hasText: 'North' })).toHaveCount(0);
	// Switched off from the map's own controls.
	await page
		.getByTestId('map-layers')
		.getByLabel(/Canvass zones/)
		.uncheck();
	await expect(geoMap(page)).toHaveAttribute('data-overlays', '0');

	// Renamed and deleted on the Your data tab.
	await openTab(page, 'Your data');
	await page.getByRole('button', { name: 'Rename Canvass zones' }).click();
	await page.getByLabel('New name for Canvass zones').fill('Zones 2027');
	await page.getByRole('button', { name: 'Save name' }).click();
	await expect(page.getByTestId('layer-list')).toContainText('Zones 2027');
	await page.getByRole('button', { name: 'Delete Zones 2027' }).click();
	await expect(page.getByText('No map layers yet.')).toBeVisible();
	await page.reload();
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
	await openTab(page, 'Your data');
	await expect(page.getByText('No map layers yet.')).toBeVisible();
});

test('projected (British National Grid) GeoJSON is refused with a fix, and nothing changes', async ({ page }) => {
	await openApp(page);
	await openTab(page, 'Your data');
	const bng = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { PCON10CD: 'E14000733' }, geometry: { type: 'Point', coordinates: [449500, 532500] } }] };
	await stage(page, geojson('bng.geojson', JSON.stringify(bng)));
	await expect(page.getByTestId('upload-error')).toContainText('not a longitude and latitude');
	await expect(page.getByTestId('upload-error')).toContainText('EPSG:4326');
	await expect(page.getByTestId('geo-stage')).toHaveCount(0);
	await expect(page.getByText('No map layers yet.')).toBeVisible();
});
