import { describe, expect, it } from 'vitest';
import type { Indicator } from '$lib/model/catalogue';
import { LENS_BOUNDARY_SET, LENS_IDS } from '$lib/model/definition';
import { defaultDefinition } from '$lib/model/lenses';
import { createScenario, defaultScenarioState, type Scenario } from './scenario';
import { fakeIndexedDB } from '../../../../tests/support/fake-idb';
import { createMemoryScenarioStore, StorageError, toStorageError, type ScenarioStore } from './scenario-store';
import { openScenarioStore, SCENARIO_DB_NAME, SCENARIO_STORE_NAME } from './scenario-idb';
import { SCENARIO_SCHEMA_VERSION } from './scenario-migrations';

const catalogue: Indicator[] = LENS_IDS.flatMap((lens) => {
	const d = defaultDefinition(lens);
	return [...d.scores.postIndustrial, ...d.scores.threat].map((s) => ({ id: s.id, boundarySet: LENS_BOUNDARY_SET[lens] }) as Indicator);
});

const at = (iso: string) => new Date(iso);
/** What a 2015-lens record from before P(loss) was the default ranking meant, written out by the migration. */
const PINNED = { base: 2015, spec: 'no-change', priority: 'scores' };
const scenario = (name: string, when: string, lens: (typeof LENS_IDS)[number] = '2015-ukip'): Scenario => createScenario(name, defaultScenarioState(lens), catalogue, at(when));
const damaged = { id: 'broken', name: 'Old', createdAt: '2020-01-01T00:00:00.000Z', updatedAt: '2020-01-01T00:00:00.000Z', state: { definition: { version: 1, lens: 'gone' } } };

async function exercise(store: ScenarioStore) {
	const a = scenario('Alpha', '2026-01-01T00:00:00.000Z');
	const b = scenario('Beta', '2026-02-01T00:00:00.000Z', '2024-reform');
	expect(await store.save(a)).toEqual({ ...a, revision: 1 });
	await store.save(b);
	expect((await store.list()).map((s) => s.name)).toEqual(['Beta', 'Alpha']);
	expect(await store.list()).toEqual([
		{ ...b, revision: 1 },
		{ ...a, revision: 1 }
	]);
	const renamed = await store.rename(a.id, '  Alpha, revised ', 1);
	expect(renamed).toMatchObject({ name: 'Alpha, revised', createdAt: a.createdAt, updatedAt: '2026-03-01T00:00:00.000Z', state: a.state, revision: 2 });
	expect((await store.list()).find((s) => s.id === a.id)).toEqual(renamed);
	await store.remove(b.id);
	await store.remove('no-such-id');
	expect((await store.list()).map((s) => s.name)).toEqual(['Alpha, revised']);
	await expect(store.rename('no-such-id', 'X')).rejects.toMatchObject({ kind: 'not-found' });
	await expect(store.rename(a.id, '   ')).rejects.toMatchObject({ kind: 'invalid' });
	return a;
}

/** Two tabs: both read revision 1; the second writer is refused, and keeps nothing half-written. */
async function conflict(store: ScenarioStore) {
	const a = scenario('Shared', '2026-01-01T00:00:00.000Z');
	await store.save(a);
	const other = { ...a.state, budget: { ...a.state.budget, budget: 123_000 } };
	const theirs = await store.update(a.id, other, 1);
	expect(theirs.revision).toBe(2);
	const mine = { ...a.state, budget: { ...a.state.budget, budget: 999_000 } };
	const error = await store.update(a.id, mine, 1).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(StorageError);
	expect(error).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/“Shared” was changed in another tab/) });
	expect((error as StorageError).theirs).toMatchObject({ revision: 2, state: { budget: { budget: 123_000 } } });
	await expect(store.rename(a.id, 'Mine', 1)).rejects.toMatchObject({ kind: 'conflict' });
	expect((await store.list()).find((s) => s.id === a.id)).toMatchObject({ name: 'Shared', revision: 2, state: { budget: { budget: 123_000 } } });
	const forced = await store.update(a.id, mine, 'force');
	expect(forced).toMatchObject({ revision: 3, state: { budget: { budget: 999_000 } } });
}

describe('memory scenario store', () => {
	it('saves, lists newest first, renames and removes', async () => {
		const store = createMemoryScenarioStore(() => catalogue, { now: () => at('2026-03-01T00:00:00.000Z') });
		expect(store.persistent).toBe(false);
		await exercise(store);
	});

	it('refuses to overwrite a scenario another tab changed since it was read', async () => {
		await conflict(createMemoryScenarioStore(() => catalogue));
	});

	it('stores a copy, not the caller’s object', async () => {
		const store = createMemoryScenarioStore(() => catalogue);
		const s = scenario('Copy', '2026-01-01T00:00:00.000Z');
		await store.save(s);
		s.state.definition.scores.threat[0].weight = 99;
		s.state.definition.priority.eligibility.holders.push('con');
		const [stored] = await store.list();
		expect(stored.state.definition.scores.threat[0].weight).toBe(1);
		expect(stored.state.definition.priority.eligibility.holders).toEqual(['lab']);
	});

	it('moves damaged and newer-format records to quarantine, keeps ones that lack an upload, and migrates old ones', async () => {
		const good = scenario('Good', '2026-01-01T00:00:00.000Z');
		const cyclic: Record<string, unknown> = { id: 'cyclic', name: 'Loop', createdAt: 'x', updatedAt: 'x' };
		cyclic.state = { definition: { lens: cyclic } };
		const future = { ...good, id: 'future', name: 'From the future', schemaVersion: 99, revision: 1 };
		const missing = structuredClone({ ...good, id: 'needs-upload', name: 'Needs upload' });
		missing.state.definition.scores.threat[0].id = 'upload.d00.c0';
		const store = createMemoryScenarioStore(() => catalogue, { records: [good, damaged, 'junk', cyclic, future, missing] });
		// An unversioned record predates P(loss) as the default ranking: it keeps ranking by the scores.
		expect(await store.list()).toEqual([{ ...good, revision: 1, state: { ...good.state, risk: PINNED } }]);
		expect((await store.setAside()).map((q) => [q.id, q.move])).toEqual([
			['broken', true],
			[null, true],
			['cyclic', true],
			['future', true],
			['needs-upload', false]
		]);
		const report = await store.sweep();
		expect(report.migrated).toBe(1);
		expect(report.moved).toEqual([
			{ what: 'saved scenario “Old”', reason: 'it is damaged (state.definition.lens: must be one of 2015-ukip, 2019-brexit, 2024-reform, got "gone")' },
			{ what: 'saved scenario “without a name”', reason: 'it is not a record (damaged data)' },
			{ what: 'saved scenario “Loop”', reason: expect.stringMatching(/^it (is damaged|could not be read)/) },
			{ what: 'saved scenario “From the future”', reason: 'it was saved by a newer version of Heartlands (format 99; this version reads up to 2)' }
		]);
		expect(store.quarantine.map((q) => q.key)).toEqual(['broken', '(record 2)', 'cyclic', 'future']);
		expect(store.quarantine[3].record).toEqual(future);
		expect((await store.setAside()).map((q) => q.id)).toEqual(['needs-upload']);
		expect(await store.sweep()).toEqual({ migrated: 0, moved: [] });
		await expect(store.rename('needs-upload', 'Fixed')).rejects.toMatchObject({ kind: 'invalid' });
		await store.remove('needs-upload');
		expect(await store.setAside()).toEqual([]);
	});

	it('refuses to save an invalid scenario, naming the field', async () => {
		const store = createMemoryScenarioStore(() => catalogue);
		const s = scenario('Bad', '2026-01-01T00:00:00.000Z');
		s.state.budget.budget = -1;
		await expect(store.save(s)).rejects.toThrow(/state\.budget\.budget: the budget must be/);
		expect(await store.list()).toEqual([]);
	});

	it('turns a full quota into a readable StorageError and keeps the old data', async () => {
		const store = createMemoryScenarioStore(() => catalogue, { quotaBytes: 3000 });
		await store.save(scenario('First', '2026-01-01T00:00:00.000Z'));
		const error = await store.save(scenario('Second', '2026-01-02T00:00:00.000Z')).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StorageError);
		expect(error).toMatchObject({ kind: 'quota', message: 'Browser storage is full: the scenario “Second” was not saved. Delete old uploads (under Your data) or saved scenarios, then try again.' });
		expect((await store.list()).map((s) => s.name)).toEqual(['First']);
		expect(toStorageError({ name: 'QuotaExceededError' }, 'save').kind).toBe('quota');
		expect(toStorageError(new Error('boom'), 'save the scenario').message).toBe('Could not save the scenario: boom.');
	});
});

describe('openScenarioStore', () => {
	it('falls back to memory, saying why, without IndexedDB', async () => {
		const opened = await openScenarioStore(() => catalogue, { indexedDB: null });
		expect(opened).toMatchObject({ persistent: false, reason: expect.stringMatching(/last only until the page is closed/) });
		expect(opened.store.persistent).toBe(false);
		await opened.store.save(scenario('Kept for now', '2026-01-01T00:00:00.000Z'));
		expect(await opened.store.list()).toHaveLength(1);
		// Node has no IndexedDB, so the default lookup falls back too.
		expect((await openScenarioStore(() => catalogue)).persistent).toBe(false);
	});

	it('falls back when opening throws or fails', async () => {
		for (const open of ['throw', 'error'] as const) {
			const opened = await openScenarioStore(() => catalogue, { indexedDB: fakeIndexedDB({ open }).factory });
			expect(opened.persistent).toBe(false);
			expect(opened.reason).toMatch(/Saved scenarios are off for this visit/);
		}
	});

	it('persists through IndexedDB across reopenings (a reload)', async () => {
		const { factory, records, seed } = fakeIndexedDB();
		const first = await openScenarioStore(() => catalogue, { indexedDB: factory, now: () => at('2026-03-01T00:00:00.000Z') });
		expect(first).toMatchObject({ persistent: true, reason: null });
		const a = await exercise(first.store);
		await conflict(first.store);
		await seed(SCENARIO_DB_NAME, SCENARIO_STORE_NAME, 'broken', damaged);
		const second = await openScenarioStore(() => catalogue, { indexedDB: factory });
		expect((await second.store.list()).map((s) => s.id)).toContain(a.id);
		expect((await second.store.setAside()).map((q) => q.id)).toEqual(['broken']);
		expect((await second.store.sweep()).moved).toHaveLength(1);
		expect([...(await records(SCENARIO_DB_NAME, 'quarantine')).values()]).toMatchObject([{ store: 'scenarios', key: 'broken', record: damaged }]);
		expect((await records(SCENARIO_DB_NAME, SCENARIO_STORE_NAME)).has('broken')).toBe(false);
	});

	it('upgrades a version-1 database (no quarantine store) and migrates its unversioned records', async () => {
		const { factory, records, seed, create } = fakeIndexedDB();
		await create(SCENARIO_DB_NAME, 1, { [SCENARIO_STORE_NAME]: 'id' });
		const old = scenario('Before versions', '2025-01-01T00:00:00.000Z');
		await seed(SCENARIO_DB_NAME, SCENARIO_STORE_NAME, old.id, old);
		const { store: s } = await openScenarioStore(() => catalogue, { indexedDB: factory });
		const migrated = { ...old, revision: 1, state: { ...old.state, risk: PINNED } };
		expect(await s.list()).toEqual([migrated]);
		expect(await s.sweep()).toEqual({ migrated: 1, moved: [] });
		expect((await records(SCENARIO_DB_NAME, SCENARIO_STORE_NAME)).get(old.id)).toEqual({ ...migrated, schemaVersion: SCENARIO_SCHEMA_VERSION });
		expect((await records(SCENARIO_DB_NAME, 'quarantine')).size).toBe(0);
	});

	it('reports a full disk on an IndexedDB save as a quota StorageError, writing nothing', async () => {
		const { factory, records } = fakeIndexedDB({ quota: true });
		const { store: s } = await openScenarioStore(() => catalogue, { indexedDB: factory });
		await expect(s.save(scenario('Too big', '2026-01-01T00:00:00.000Z'))).rejects.toMatchObject({ name: 'StorageError', kind: 'quota', message: expect.stringMatching(/^Browser storage is full: the scenario “Too big” was not saved/) });
		expect((await records(SCENARIO_DB_NAME, SCENARIO_STORE_NAME)).size).toBe(0);
	});

	it('says a newer app has used this browser when the database version is ahead', async () => {
		const { factory, create } = fakeIndexedDB();
		await create(SCENARIO_DB_NAME, 99, { [SCENARIO_STORE_NAME]: 'id' });
		const opened = await openScenarioStore(() => catalogue, { indexedDB: factory });
		expect(opened.persistent).toBe(false);
		expect(opened.reason).toMatch(/A newer version of Heartlands has used this browser/);
	});
});
