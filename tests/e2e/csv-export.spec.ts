/**
 * The console's CSV download goes through the shared writer (src/lib/export/csv.ts): a payload
 * that Excel in a ;-separated locale would split and run is quoted and neutralised, and a negative
 * number stays a number.
 */
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { openApp, openTab } from './app';

test('a ;-separated formula payload from the console is quoted and neutralised; numbers stay numbers', async ({ page }, info) => {
	await openApp(page);
	await openTab(page, 'SQL console');
	const section = page.getByRole('region', { name: 'SQL console' });
	await page.getByLabel('SQL query').fill(`SELECT 'x;=cmd|'' /C calc''!A0' AS "a;b", 'y' || chr(9) || '@SUM(A1)' AS tabbed, -3.2::DOUBLE AS n`);
	await section.getByRole('button', { name: 'Run', exact: true }).click();
	await expect(section.getByTestId('console-result').locator('tbody tr')).toHaveCount(1);
	const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Download CSV' }).click()]);
	const path = info.outputPath('payload.csv');
	await download.saveAs(path);
	expect(await readFile(path, 'utf8')).toBe(`"a;b",tabbed,n\n"x;'=cmd|' /C calc'!A0","y\t'@SUM(A1)",-3.2\n`);
});
