/**
 * Earlier uploads, read back from the browser's storage (IndexedDB "heartlands-uploads") and
 * loaded into DuckDB: at start-up, and again when the engine is rebuilt after a crash.
 */
import type { Database } from '$lib/db/types';
import { loadDataset } from '$lib/data/dataset-db';
import type { SetAsideNote } from '$lib/data/quarantine';
import { openRecordStore, type RecordStore } from '$lib/data/record-store';
import { storageNotices } from '$lib/data/storage-notices.svelte';
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
 * Open storage and load earlier uploads into DuckDB, before the indicator catalogue is built, so
 * start-up builds the indicator tables once. Old-format records are upgraded (and written back);
 * a damaged or newer-format record is moved to the quarantine store and named, never fatal.
 */
export async function restoreUploads(db: Database): Promise<RestoredUploads> {
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
		await loadDataset(db, read.dataset);
		datasets.push(read.dataset);
	}
	storageNotices.add(notes);
	return { store, datasets, quarantined: notes.map((n) => `${n.what}: ${n.reason}`) };
}

