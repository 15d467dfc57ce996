import { expect, test } from '@playwright/test';
import { openApp } from './app';

test('brushing the scatter plot highlights the same seats in the table', async ({ page }) => {
	await openApp(page);
	const svg = page.getByTestId('scatter').locator('svg');
	await svg.scrollIntoViewIfNeeded();
	const box = (await svg.boundingBox())!;
	// Drag over the upper-right part of the plot: high on both scores.
	await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.05);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.97, box.y + box.height * 0.45, { steps: 8 });
	await page.mouse.up();
	const status = page.getByTestId('highlight-status');
	await expect(status).toBeVisible();
	const n = Number((await status.textContent())!.match(/the (\d+) highlighted/)![1]);
	expect(n).toBeGreaterThan(0);
	expect(n).toBeLessThan(650);
	await expect(page.locator('section.table tbody tr[data-code]')).toHaveCount(n);
	const brushed = await svg.locator('circle[data-code][opacity="0.9"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')).sort());
	const listed = await page.locator('section.table tbody tr[data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')).sort());
	expect(listed).toEqual(brushed);
	await page.getByRole('button', { name: 'Show all seats' }).click();
	await expect(page.locator('section.table tbody tr[data-code]')).toHaveCount(650);
});
