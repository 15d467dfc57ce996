/**
 * `npx tsx bench/geo-frames.ts`: only the GeoJSON area-layer frame gaps (import-frames.ts), against
 * the current build, without the rest of `npm run bench`. Prints the gaps as JSON.
 * Environment: BENCH_PORT (default 4391).
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { withServer } from './app-chromium';
import { writeGeoLayerFile } from './geo-layer-file';
import { geoFrameGaps } from './import-frames';

const port = Number(process.env.BENCH_PORT ?? 4391);
const dir = mkdtempSync(join(tmpdir(), 'heartlands-geo-bench-'));
try {
	const file = join(dir, 'zones.geojson');
	const { positions, features } = writeGeoLayerFile(file);
	console.log(`area layer: ${features} features, ${positions.toLocaleString('en-GB')} positions`);
	const gaps = await withServer(port, async () => {
		const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
		try {
			// The preview server takes a moment to answer.
			for (let i = 0; ; i++) {
				try {
					await (await fetch(`http://localhost:${port}/`)).text();
					break;
				} catch (error) {
					if (i > 120) throw error;
					await new Promise((r) => setTimeout(r, 500));
				}
			}
			return await geoFrameGaps(browser, `http://localhost:${port}`, file);
		} finally {
			await browser.close();
		}
	});
	console.log(JSON.stringify(gaps));
} finally {
	rmSync(dir, { recursive: true, force: true });
}
