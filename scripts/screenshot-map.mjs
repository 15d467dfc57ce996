// The README's bivariate map screenshot, taken from a running build of the app:
//   npm run build && npx vite preview --port 4199 --strictPort &
//   node scripts/screenshot-map.mjs http://localhost:4199/ [docs/screenshot-map.png]
// Uses Debian's Chromium with the same software-GL flags as playwright.config.ts.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const url = process.argv[2] ?? 'http://localhost:4173/';
const out = process.argv[3] ?? 'docs/screenshot-map.png';

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
	const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
	await page.goto(url);
	await page.waitForSelector('main[data-phase="ready"]', { timeout: 90_000 });
	await page.getByRole('tab', { name: 'Map' }).click();
	// The bivariate view is the map's default; wait until MapLibre has tiled every seat and settled.
	await page.waitForSelector('[data-testid="geo-map"][data-rendered-seats="650"]', { timeout: 120_000 });
	await page.getByLabel('Map variable').selectOption('bivariate');
	await page.waitForSelector('[data-testid="bivariate-legend"]');
	await page.waitForTimeout(1000); // one more idle frame after the last recolour, for SwiftShader
	await page.screenshot({ path: out });
	console.log(`wrote ${out}`);
} finally {
	await browser.close();
}
