/**
 * What a fresh engine needs after a crash, in the order start-up builds it. Separate from the
 * browser wiring so that Node tests run exactly this against native DuckDB.
 */
import type { Database } from '$lib/db/types';
import type { UploadedDataset } from '$lib/features/upload/dataset';
import { loadTables, type FetchBytes } from '../data/load-tables';
import type { DataManifest } from '../data/manifest';
import { prepareWithUploads, type PreparedWithUploads } from '../data/prepare-with-uploads';

/**
 * Load a fresh engine with everything the dead one had: the start-up tables (from the HTTP cache,
 * usually), this session's uploads (from memory, so one that could not be saved for lack of space
 * survives too), then the indicator tables, setting aside any upload that no longer loads. Lazy
 * tables load again on first use.
 */
export async function reloadEngine(db: Database, manifest: DataManifest, fetchBytes: FetchBytes, datasets: readonly UploadedDataset[]): Promise<PreparedWithUploads> {
	await loadTables(db, manifest, fetchBytes);
	return prepareWithUploads(db, datasets);
}
