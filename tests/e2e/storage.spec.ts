/**
 * Browser storage faults: damaged and old-format records, a full disk, and two tabs editing the
 * same scenario. Each seeds real IndexedDB / localStorage in Chromium, then reloads.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, openTab } from './app';

const weight = (page: Page, label: string) => page.getByRole('spinbutton', { name: `Weight of ${label} (number)` });

async function saveScenario(page: Page, name: string) {
	await openTab(page, 'Scenarios');
	await page.getByLabel('Scenario name').fill(name);
	await page.getByRole('button', { name: 'Save current settings' }).click();
}

/** Runs in the page: every record (key and value) of one IndexedDB store. */
function readStore(page: Page, db: string, store: string) {
	return page.evaluate(
		async ([dbName, storeName]) => {
			const open = indexedDB.open(dbName);
			const conn = await new Promise<IDBDatabase>((resolve, reject) => {
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const tx = conn.transaction(storeName);
			const keys = tx.objectStore(storeName).getAllKeys();
			const values = tx.objectStore(storeName).getAll();
			await new Promise((resolve) => (tx.oncomplete = resolve));
			conn.close();
			return values.result.map((value, i) => ({ key: String(keys.result[i]), value }));
		},
		[db, store]
	);
}

test('damaged and newer records are set aside with a message naming them; an old-format scenario is migrated; the app still works', async ({ page }) => {
	await openApp(page);
	await weight(page, 'Leave 2016').fill('4');
	await saveScenario(page, 'Old format plan');
	await expect(page.getByTestId('scenario-list')).toContainText('Old format plan');

	// Rewrite storage as an older app and a damaged disk would have left it.
	await page.evaluate(async () => {
		const open = (name: string) =>
			new Promise<IDBDatabase>((resolve, reject) => {
				const r = indexedDB.open(name);
				r.onsuccess = () => resolve(r.result);
				r.onerror = () => reject(r.error);
			});
		const done = (tx: IDBTransaction) => new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = () => reject(tx.error))));
		const scenarios = await open('heartlands');
		const read = scenarios.transaction('scenarios').objectStore('scenarios').getAll();
		await new Promise((resolve) => (read.onsuccess = resolve));
		const saved = read.result[0] as Record<string, unknown>;
		const { schemaVersion: _v, revision: _r, ...formatZero } = saved; // as saved before versions existed
		const tx = scenarios.transaction('scenarios', 'readwrite');
		tx.objectStore('scenarios').put(formatZero);
		tx.objectStore('scenarios').put({ id: 'corrupt-1', name: 'Broken plan', schemaVersion: 'x', state: 42 });
		tx.objectStore('scenarios').put({ ...formatZero, id: 'future-1', name: 'Future plan', schemaVersion: 99, revision: 1 });
		await done(tx);
		scenarios.close();
		const uploads = await open('heartlands-uploads');
		const t2 = uploads.transaction('datasets', 'readwrite');
		t2.objectStore('datasets').put({ version: 1, id: 'dbad', name: 'Broken upload', values: 'nope' }, 'dbad');
		await done(t2);
		uploads.close();
		localStorage.setItem('heartlands:pins:2010', '{"schemaVersion": 1, "value": [');
	});

	await openApp(page, '/');
	const notice = page.getByTestId('storage-notice');
	await expect(notice).toContainText('Set aside 4 stored items that this version cannot read');
	await expect(notice).toContainText('saved scenario “Broken plan”');
	await expect(notice).toContainText('saved scenario “Future plan” (it was saved by a newer version of Heartlands (format 99');
	await expect(notice).toContainText('upload “Broken upload”');
	await expect(notice).toContainText('pinned seats (2010 boundaries)');
	await expect(notice).toContainText("kept in the browser's quarantine, not deleted");

	// The old-format scenario is listed, opens, and was rewritten in the current format.
	await openTab(page, 'Scenarios');
	await expect(page.getByTestId('scenario-list')).toContainText('Old format plan');
	await expect(page.getByTestId('scenario-list').locator('tbody tr')).toHaveCount(1);
	const stored = await readStore(page, 'heartlands', 'scenarios');
	// Saved before P(loss) was the default ranking, it keeps the ranking by the two scores, written out.
	expect(stored.map((s) => s.value)).toEqual([expect.objectContaining({ name: 'Old format plan', schemaVersion: 2, revision: 1, state: expect.objectContaining({ risk: { base: 2015, spec: 'no-change', priority: 'scores' } }) })]);
	const quarantined = await readStore(page, 'heartlands', 'quarantine');
	expect(quarantined.map((q) => (q.value as { key: string }).key).sort()).toEqual(['corrupt-1', 'future-1']);
	expect((await readStore(page, 'heartlands-uploads', 'quarantine')).map((q) => (q.value as { record: { name: string } }).record.name)).toEqual(['Broken upload']);
	expect(await page.evaluate(() => localStorage.getItem('heartlands:quarantine:heartlands:pins:2010'))).toContain('schemaVersion');

	// Usable: open the migrated scenario and re-score.
	await page.getByRole('button', { name: 'Open Old format plan' }).click();
	await openTab(page, 'Scores');
	await expect(weight(page, 'Leave 2016')).toHaveValue('4');
	await expect(page.getByRole('checkbox', { name: /Rank the eligible seats by P\(loss\)/ })).not.toBeChecked();
	await weight(page, 'Leave 2016').fill('2');
	await expect(page.locator('main')).toHaveAttribute('data-scored', 'true');

	// A second load finds nothing more to set aside.
	await openApp(page, '/');
	await expect(page.getByTestId('storage-notice')).toHaveCount(0);
});

test('a full disk gives a clear message and writes nothing', async ({ page }) => {
	// Make every IndexedDB write fail as Chromium does when the site's quota is used up.
	await page.addInitScript(() => {
		IDBObjectStore.prototype.put = function () {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
	});
	await openApp(page);
	await saveScenario(page, 'Big plan');
	await expect(page.getByTestId('scenario-error')).toHaveText('Browser storage is full: the scenario “Big plan” was not saved. Delete old uploads (under Your data) or saved scenarios, then try again.');
	await expect(page.getByText('No saved scenarios yet.')).toBeVisible();

	await openTab(page, 'Your data');
	await page.getByLabel(/^Choose a file/).setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from('code,members\nE14000733,100\nE14000642,50\n') });
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Browser storage is full: the upload “members” was not saved' })).toContainText('works for this visit but will not survive a reload');
	await expect(page.getByTestId('dataset-list')).toContainText('members');

	expect(await readStore(page, 'heartlands', 'scenarios')).toEqual([]);
	expect(await readStore(page, 'heartlands-uploads', 'datasets')).toEqual([]);
});

test('two tabs editing one scenario: the second save is refused with a choice, and lists stay in step', async ({ context }) => {
	const a = await context.newPage();
	const b = await context.newPage();
	await openApp(a);
	await openApp(b);
	await saveScenario(a, 'Shared plan');
	await openTab(b, 'Scenarios');
	// B hears about A's save without reloading.
	await expect(b.getByTestId('scenario-list')).toContainText('Shared plan');

	// Both open revision 1. B changes a weight and updates it first.
	await a.getByRole('button', { name: 'Open Shared plan' }).click();
	await b.getByRole('button', { name: 'Open Shared plan' }).click();
	await openTab(b, 'Scores');
	await weight(b, 'Leave 2016').fill('5');
	await openTab(b, 'Scenarios');
	await b.getByRole('button', { name: 'Update Shared plan with the current settings' }).click();
	await expect(b.getByTestId('scenario-error')).toHaveCount(0);

	// A, still holding revision 1, tries to save its own change over it.
	await openTab(a, 'Scores');
	await weight(a, 'Leave 2016').fill('2');
	await openTab(a, 'Scenarios');
	await a.getByRole('button', { name: 'Update Shared plan with the current settings' }).click();
	const conflict = a.getByTestId('scenario-conflict');
	await expect(conflict).toContainText('“Shared plan” was changed in another tab');
	await expect(conflict).toContainText('your change was not saved');
	await conflict.getByRole('button', { name: 'Save mine as a copy' }).click();
	await expect(a.getByTestId('scenario-list')).toContainText('Shared plan (copy)');
	await expect(b.getByTestId('scenario-list')).toContainText('Shared plan (copy)');

	// Nothing was overwritten silently: B's weight is in the original, A's in the copy.
	await b.getByRole('button', { name: 'Open Shared plan', exact: true }).click();
	await openTab(b, 'Scores');
	await expect(weight(b, 'Leave 2016')).toHaveValue('5');
	await openTab(b, 'Scenarios');
	await b.getByRole('button', { name: 'Open Shared plan (copy)' }).click();
	await openTab(b, 'Scores');
	await expect(weight(b, 'Leave 2016')).toHaveValue('2');

	// A rename that started before the other tab's change is refused too; "overwrite" then wins.
	await openTab(a, 'Scenarios');
	await a.getByRole('button', { name: 'Rename Shared plan', exact: true }).click();
	await openTab(b, 'Scenarios');
	await b.getByRole('button', { name: 'Update Shared plan with the current settings', exact: true }).click();
	await a.getByLabel('New name for Shared plan', { exact: true }).fill('Plan A');
	await a.getByRole('button', { name: 'Rename', exact: true }).click();
	await expect(a.getByTestId('scenario-conflict')).toBeVisible();
	await a.getByTestId('scenario-conflict').getByRole('button', { name: 'Overwrite with mine' }).click();
	await expect(a.getByTestId('scenario-list')).toContainText('Plan A');
	await expect(b.getByTestId('scenario-list')).toContainText('Plan A');
});
