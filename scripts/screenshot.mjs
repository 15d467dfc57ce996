// Takes the README screenshot from a running app: node scripts/screenshot.mjs [url] [out.png] [js-action]
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(process.argv[2] ?? 'http://localhost:4173/');
await page.waitForSelector('main[data-phase="ready"]', { timeout: 60000 });
await page.waitForSelector('main[data-scored="true"]', { timeout: 60000 });
if (process.argv[4]) await eval(process.argv[4]);
await page.screenshot({ path: process.argv[3] ?? 'docs/screenshot.png' });
await browser.close();
