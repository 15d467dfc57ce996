import { describe, expect, it } from 'vitest';
import type { Indicator } from '../scores/catalogue';
import { LENS_BOUNDARY_SET, LENS_IDS } from '../scores/definition';
import { defaultDefinition } from '../scores/lenses';
import { createScenario, defaultScenarioState, type Scenario } from './scenario';
import { createMemoryScenarioStore, openScenarioStore, SCENARIO_STORE_NAME, StorageError, toStorageError, type ScenarioStore } from './scenario-store';

const catalogue: Indicator[] = LENS_IDS.flatMap((lens) => {
	const d = defaultDefinition(lens);
	return [...d.scores.postIndustrial, ...d.scores.threat].map((s) => ({ id: s.id, boundarySet: LENS_BOUNDARY_SET[lens] }) as Indicator);
});

const at = (iso: string) => new Date(iso);
const scenario = (name: string, when: string, lens: (typeof LENS_IDS)[number] = '2015-ukip'): Scenario => createScenario(name, defaultScenarioState(lens), catalogue, at(when));
const damaged = { id: 'broken', name: 'Old', createdAt: '2020-01-01T00:00:00.000Z', updatedAt: '2020-01-01T00:00:00.000Z', state: { definition: { version: 1, lens: 'gone' } } };

/**
 * Just enough of IndexedDB for the store (open with upgrade, one-request transactions), with
 * asynchronous callbacks like the real thing. Not a general fake: see the brief's "no fake-indexeddb".
 */
function fakeIndexedDB(options: { open?: 'throw' | 'error'; quota?: boolean } = {}) {
	const stores = new Map<string, Map<string, unknown>>();
	const later = (f: () => void) => setTimeout(f, 0);
	const db = {
		objectStoreNames: { contains: (name: string) => stores.has(name) },
		createObjectStore: (name: string) => stores.set(name, new Map()),
		onversionchange: null,
		close: () => {},
		transaction(name: string) {
			const data = stores.get(name)!;
			const tx: Record<string, unknown> & { error: unknown } = { error: null };
			const call = (key: string) => (tx[key] as (() => void) | null)?.();
			const request = (run: () => unknown) => {
				const r: Record<string, unknown> = { result: undefined, error: null };
				later(() => {
					try {
						r.result = run();
						(r.onsuccess as (() => void) | undefined)?.();
						call('oncomplete');
					} catch (error) {
						r.error = tx.error = error;
						call('onerror');
						call('onabort');
					}
				});
				return r;
			};
			tx.objectStore = () => ({
				getAll: () => request(() => [...data.values()].map((v) => structuredClone(v))),
				get: (id: string) => request(() => structuredClone(data.get(id))),
				put: (value: { id: string }) => {
					const copy = structuredClone(value);
					return request(() => {
						if (options.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
						data.set(copy.id, copy);
					});
				},
				delete: (id: string) => request(() => data.delete(id))
			});
			return tx;
		}
	};
	const factory = {
		open() {
			if (options.open === 'throw') throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
			const r: Record<string, unknown> = {};
			later(() => {
				if (options.open === 'error') {
					r.error = new DOMException('Access denied', 'UnknownError');
					(r.onerror as () => void)();
					return;
				}
				r.result = db;
				if (!stores.has(SCENARIO_STORE_NAME)) (r.onupgradeneeded as () => void)();
				(r.onsuccess as () => void)();
			});
			return r;
		}
	};
	return { factory: factory as unknown as IDBFactory, stores };
}

async function exercise(store: ScenarioStore) {
	const a = scenario('Alpha', '2026-01-01T00:00:00.000Z');
	const b = scenario('Beta', '2026-02-01T00:00:00.000Z', '2024-reform');
	await store.save(a);
	await store.save(b);
	expect((await store.list()).map((s) => s.name)).toEqual(['Beta', 'Alpha']);
	expect(await store.list()).toEqual([b, a]);
	await store.rename(a.id, '  Alpha, revised ');
	const renamed = (await store.list()).find((s) => s.id === a.id)!;
	expect(renamed).toMatchObject({ name: 'Alpha, revised', createdAt: a.createdAt, updatedAt: '2026-03-01T00:00:00.000Z', state: a.state });
	await store.remove(b.id);
	await store.remove('no-such-id');
	expect((await store.list()).map((s) => s.name)).toEqual(['Alpha, revised']);
	await expect(store.rename('no-such-id', 'X')).rejects.toMatchObject({ kind: 'not-found' });
	await expect(store.rename(a.id, '   ')).rejects.toMatchObject({ kind: 'invalid' });
	return a;
}

describe('memory scenario store', () => {
	it('saves, lists newest first, renames and removes', async () => {
		const store = createMemoryScenarioStore(catalogue, { now: () => at('2026-03-01T00:00:00.000Z') });
		expect(store.persistent).toBe(false);
		await exercise(store);
	});

	it('stores a copy, not the caller’s object', async () => {
		const store = createMemoryScenarioStore(catalogue);
		const s = scenario('Copy', '2026-01-01T00:00:00.000Z');
		await store.save(s);
		s.state.definition.scores.threat[0].weight = 99;
		s.state.definition.priority.eligibility.holders.push('con');
		const [stored] = await store.list();
		expect(stored.state.definition.scores.threat[0].weight).toBe(1);
		expect(stored.state.definition.priority.eligibility.holders).toEqual(['lab']);
	});

	it('quarantines damaged records instead of failing, and can remove them', async () => {
		const good = scenario('Good', '2026-01-01T00:00:00.000Z');
		const cyclic: Record<string, unknown> = { id: 'cyclic', name: 'Loop', createdAt: 'x', updatedAt: 'x' };
		cyclic.state = { definition: { lens: cyclic } };
		const store = createMemoryScenarioStore(catalogue, { records: [good, damaged, 'junk', cyclic] });
		expect(await store.list()).toEqual([good]);
		const quarantined = await store.quarantined();
		expect(quarantined.map((q) => q.id)).toEqual(['broken', null, 'cyclic']);
		expect(quarantined[0].errors[0]).toEqual({ path: 'state.definition.lens', message: 'must be one of 2015-ukip, 2019-brexit, 2024-reform, got "gone"' });
		await expect(store.rename('broken', 'Fixed')).rejects.toMatchObject({ kind: 'invalid' });
		await store.remove('broken');
		expect((await store.quarantined()).map((q) => q.id)).toEqual([null, 'cyclic']);
	});

	it('refuses to save an invalid scenario, naming the field', async () => {
		const store = createMemoryScenarioStore(catalogue);
		const s = scenario('Bad', '2026-01-01T00:00:00.000Z');
		s.state.budget.budget = -1;
		await expect(store.save(s)).rejects.toThrow(/state\.budget\.budget: the budget must be/);
		expect(await store.list()).toEqual([]);
	});

	it('turns a full quota into a readable StorageError and keeps the old data', async () => {
		const store = createMemoryScenarioStore(catalogue, { quotaBytes: 3000 });
		await store.save(scenario('First', '2026-01-01T00:00:00.000Z'));
		const error = await store.save(scenario('Second', '2026-01-02T00:00:00.000Z')).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StorageError);
		expect(error).toMatchObject({ kind: 'quota', message: expect.stringMatching(/no storage left for this site/) });
		expect((await store.list()).map((s) => s.name)).toEqual(['First']);
		expect(toStorageError({ name: 'QuotaExceededError' }, 'save').kind).toBe('quota');
		expect(toStorageError(new Error('boom'), 'save the scenario').message).toBe('Could not save the scenario: boom.');
	});
});

describe('openScenarioStore', () => {
	it('falls back to memory, saying why, without IndexedDB', async () => {
		const opened = await openScenarioStore(catalogue, { indexedDB: null });
		expect(opened).toMatchObject({ persistent: false, reason: expect.stringMatching(/last only until the page is closed/) });
		expect(opened.store.persistent).toBe(false);
		await opened.store.save(scenario('Kept for now', '2026-01-01T00:00:00.000Z'));
		expect(await opened.store.list()).toHaveLength(1);
		// Node has no IndexedDB, so the default lookup falls back too.
		expect((await openScenarioStore(catalogue)).persistent).toBe(false);
	});

	it('falls back when opening throws or fails', async () => {
		for (const open of ['throw', 'error'] as const) {
			const opened = await openScenarioStore(catalogue, { indexedDB: fakeIndexedDB({ open }).factory });
			expect(opened.persistent).toBe(false);
			expect(opened.reason).toMatch(/Saved scenarios are off for this visit/);
		}
	});

	it('persists through IndexedDB across reopenings (a reload)', async () => {
		const { factory, stores } = fakeIndexedDB();
		const first = await openScenarioStore(catalogue, { indexedDB: factory, now: () => at('2026-03-01T00:00:00.000Z') });
		expect(first).toMatchObject({ persistent: true, reason: null });
		const a = await exercise(first.store);
		stores.get(SCENARIO_STORE_NAME)!.set('broken', damaged);
		const second = await openScenarioStore(catalogue, { indexedDB: factory });
		expect((await second.store.list()).map((s) => s.id)).toEqual([a.id]);
		expect((await second.store.quarantined()).map((q) => q.id)).toEqual(['broken']);
	});

	it('reports a full disk on an IndexedDB save as a quota StorageError', async () => {
		const { store } = await openScenarioStore(catalogue, { indexedDB: fakeIndexedDB({ quota: true }).factory });
		await expect(store.save(scenario('Too big', '2026-01-01T00:00:00.000Z'))).rejects.toMatchObject({ name: 'StorageError', kind: 'quota' });
	});
});
