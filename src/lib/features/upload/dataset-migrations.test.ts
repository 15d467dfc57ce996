import { afterEach, describe, expect, it } from 'vitest';
import { fakeIndexedDB } from '../../../../tests/support/fake-idb';
import { openRecordStore, StorageFullError } from '$lib/storage/record-store';
import type { UploadedDataset } from './dataset';
import { readDatasetRecord } from './dataset-migrations';

const dataset: UploadedDataset = {
	version: 1,
	id: 'd0123456789abcdef',
	name: 'Members',
	fileName: 'members.csv',
	boundarySet: '2010',
	createdAt: '2026-01-01T00:00:00.000Z',
	aggregation: null,
	columns: [{ id: 'c0', header: 'members', label: 'Members', unit: 'people', direction: 1 }],
	codes: ['E14000530', 'E14000531'],
	values: [[10, null]]
};

describe('readDatasetRecord', () => {
	it('reads the current format, and upgrades an unversioned record', () => {
		expect(readDatasetRecord(dataset)).toEqual({ ok: true, dataset, migrated: false });
		const { version: _, ...unversioned } = dataset;
		expect(readDatasetRecord(unversioned)).toEqual({ ok: true, dataset, migrated: true });
	});

	it('refuses a newer format and damaged records, naming them', () => {
		expect(readDatasetRecord({ ...dataset, version: 2 })).toEqual({ ok: false, name: 'Members', reason: 'it was saved by a newer version of Heartlands (format 2; this version reads up to 1)' });
		expect(readDatasetRecord({ ...dataset, values: [[1]] })).toEqual({ ok: false, name: 'Members', reason: 'it is damaged (its values do not line up with its seats and columns)' });
		expect(readDatasetRecord('garbage')).toMatchObject({ ok: false, name: 'without a name' });
	});
});

describe('record store (IndexedDB)', () => {
	const original = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
	afterEach(() => void ((globalThis as { indexedDB?: IDBFactory }).indexedDB = original));

	it('keeps records by key, moves one to quarantine in one step, and upgrades a version-1 database', async () => {
		const fake = fakeIndexedDB();
		await fake.create('uploads', 1, { datasets: null });
		await fake.seed('uploads', 'datasets', 'bad', { junk: true });
		(globalThis as { indexedDB?: IDBFactory }).indexedDB = fake.factory;
		const store = await openRecordStore('uploads', 'datasets');
		expect(store.persistent).toBe(true);
		await store.put(dataset.id, dataset);
		expect(await store.entries()).toEqual([
			{ key: 'bad', value: { junk: true } },
			{ key: dataset.id, value: dataset }
		]);
		await store.quarantine('bad', { store: 'datasets', key: 'bad', reason: 'damaged', at: 'now', record: { junk: true } });
		expect((await store.entries()).map((e) => e.key)).toEqual([dataset.id]);
		expect([...(await fake.records('uploads', 'quarantine')).values()]).toEqual([{ store: 'datasets', key: 'bad', reason: 'damaged', at: 'now', record: { junk: true } }]);
	});

	it('falls back to memory, saying why, when another tab blocks the upgrade', async () => {
		const blocked = { open: () => ({}) } as unknown as IDBFactory; // never answers, as when blocked
		(globalThis as { indexedDB?: IDBFactory }).indexedDB = blocked;
		const store = await openRecordStore('uploads', 'datasets', 20);
		expect(store.persistent).toBe(false);
		expect(store.reason).toMatch(/another Heartlands tab is holding the storage/);
	});

	it('turns a full disk into a StorageFullError that names the upload, and writes nothing', async () => {
		const fake = fakeIndexedDB({ quota: true });
		(globalThis as { indexedDB?: IDBFactory }).indexedDB = fake.factory;
		const store = await openRecordStore('uploads', 'datasets');
		const error = await store.put(dataset.id, dataset, 'the upload “Members”').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StorageFullError);
		expect((error as Error).message).toBe('Browser storage is full: the upload “Members” was not saved. Delete old uploads (under Your data) or saved scenarios, then try again.');
		expect((await fake.records('uploads', 'datasets')).size).toBe(0);
	});
});
