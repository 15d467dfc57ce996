/**
 * The app's engine: DuckDB-wasm in its worker (`$lib/db/browser`), supervised so that a crash is
 * rebuilt rather than fatal (`engine-recovery.ts`), and how a fresh engine is reloaded.
 */
import { discardBrowserDatabase, getBrowserDatabase, killBrowserEngine, onBrowserEngineDeath } from '$lib/db/browser';
import type { Database } from '$lib/db/types';
import type { UploadedDataset } from '$lib/features/upload/dataset';
import { datasetIndicators } from '$lib/features/upload/dataset';
import { loadDataset } from './dataset-db';
import { SupervisedDatabase, type SupervisorOptions } from './engine-recovery';
import { loadTables, type FetchBytes } from './load-tables';
import type { DataManifest } from './manifest';
import { prepareIndicators, type PreparedIndicators } from './prepare-indicators';

export interface DebugHooks {
	/** Terminate the engine's worker, as a crash would; true if there was one. */
	killEngine(): boolean;
}

export function superviseBrowserEngine(options: Pick<SupervisorOptions, 'rebuild' | 'onHealth'>): SupervisedDatabase {
	const supervised = new SupervisedDatabase({ start: getBrowserDatabase, discard: discardBrowserDatabase, ...options });
	onBrowserEngineDeath((reason) => supervised.engineDied(reason));
	// Only for tests and benchmarks, which open the page with ?debug or ?bench.
	const params = new URLSearchParams(globalThis.location?.search ?? '');
	if (params.has('debug') || params.has('bench')) {
		(globalThis as unknown as { __heartlandsDebug: DebugHooks }).__heartlandsDebug = { killEngine: killBrowserEngine };
	}
	return supervised;
}

/**
 * Load a fresh engine with everything the dead one had: the start-up tables (from the HTTP cache,
 * usually), this session's uploads (from memory, so one that could not be saved for lack of space
 * survives too), then the indicator tables. Lazy tables load again on first use.
 */
export async function reloadEngine(db: Database, manifest: DataManifest, fetchBytes: FetchBytes, datasets: readonly UploadedDataset[]): Promise<PreparedIndicators> {
	await loadTables(db, manifest, fetchBytes);
	for (const dataset of datasets) await loadDataset(db, dataset);
	return prepareIndicators(db, datasets.flatMap(datasetIndicators));
}
