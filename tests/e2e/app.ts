import { expect, type Page } from '@playwright/test';

/** Open the built app and wait until DuckDB-wasm has loaded every table and scored the seats. */
export async function openApp(page: Page, path = '/') {
	await page.goto(path);
	await expect(page.locator('main')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
	await expect(page.locator('main')).toHaveAttribute('data-scored', 'true', { timeout: 30_000 });
}

export async function openTab(page: Page, name: string) {
	await page.getByRole('tab', { name }).click();
}
