/**
 * Uploads kept in the browser's storage (IndexedDB "heartlands-uploads"): read back and loaded
 * into DuckDB at start-up, and added from a workspace file.
 */
import type { Database } from '$lib/db/types';
import { dropDataset, loadDataset } from '$lib/data/dataset-db';
import type { SetAsideNote } from '$lib/storage/quarantine';
import { openRecordStore, type RecordStore } from '$lib/storage/record-store';
import { storageNotices } from '$lib/storage/storage-notices.svelte';
import type { UploadedDataset } from './dataset';
import { readDatasetRecord } from './dataset-migrations';

export const UPLOADS_DB = 'heartlands-uploads';
export const UPLOADS_STORE = 'datasets';

export interface RestoredUploads {
	store: RecordStore;
	datasets: UploadedDataset[];
	/** Why each set-aside record could not be read. */
	quarantined: string[];
}

/**
 * Open storage and read earlier uploads (loading them into DuckDB is `prepareWithUploads`, which
 * sets aside any that cannot load). Old-format records are upgraded (and written back); a damaged
 * or newer-format record is moved to the quarantine store and named, never fatal.
 */
export async function restoreUploads(): Promise<RestoredUploads> {
	const store = await openRecordStore(UPLOADS_DB, UPLOADS_STORE);
	const datasets: UploadedDataset[] = [];
	const notes: SetAsideNote[] = [];
	for (const { key, value } of await store.entries().catch(() => [])) {
		const read = readDatasetRecord(value);
		if (!read.ok) {
			notes.push({ what: `upload “${read.name}”`, reason: read.reason });
			await store.quarantine(key, { store: UPLOADS_STORE, key, reason: read.reason, at: new Date().toISOString(), record: value }).catch(() => {});
			continue;
		}
		if (read.migrated) await store.put(key, read.dataset).catch(() => {}); // best effort: it is read correctly either way
		datasets.push(read.dataset);
	}
	storageNotices.add(notes);
	return { store, datasets, quarantined: notes.map((n) => `${n.what}: ${n.reason}`) };
}

/**
 * Datasets from a workspace file: each is migrated and validated, and ids already present are
 * skipped. All or nothing: if one cannot be loaded or saved (say, storage is full), those added
 * before it are dropped from DuckDB and storage again, and the error is rethrown.
 */
export async function importDatasets(db: Database, store: RecordStore | null, existing: readonly UploadedDataset[], records: unknown[]): Promise<{ added: UploadedDataset[]; refused: string[] }> {
	const refused: string[] = [];
	const added: UploadedDataset[] = [];
	for (const [i, record] of records.entries()) {
		const v = readDatasetRecord(record);
		if (!v.ok) refused.push(`dataset ${i + 1} (${v.name}): ${v.reason}`);
		else if (!existing.some((d) => d.id === v.dataset.id) && !added.some((d) => d.id === v.dataset.id)) added.push(v.dataset);
	}
	const done: UploadedDataset[] = [];
	try {
		for (const d of added) {
			await loadDataset(db, d);
			done.push(d);
			await store?.put(d.id, d, `the upload “${d.name}”`);
		}
	} catch (error) {
		for (const d of done) {
			await store?.delete(d.id).catch(() => {});
			await dropDataset(db, d).catch(() => {});
		}
		throw error;
	}
	return { added, refused };
}
