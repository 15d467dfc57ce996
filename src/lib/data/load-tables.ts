/**
 * Loads every table in the manifest into a Database. Used by the browser (bytes come from fetch,
 * with progress) and by Node tests (bytes come from disk), so both exercise one loading path.
 * Each table is checked against its manifest row count after loading.
 */
import type { Database } from '../db/types';
import type { DataManifest, ManifestTable } from './manifest';
import { countRows, createTableFromCsv } from '../queries/load';

export type DatasetStatus = 'waiting' | 'fetching' | 'loading' | 'ready' | 'failed';

export interface DatasetProgress {
	name: string;
	description: string;
	status: DatasetStatus;
	loadedBytes: number;
	totalBytes: number;
	rows: number;
	error?: string;
}

export type FetchBytes = (file: string, onBytes: (loaded: number) => void) => Promise<Uint8Array>;

/** Tables loaded at start-up; lazy ones wait until a feature asks for them. */
export const startupTables = (manifest: DataManifest) => manifest.tables.filter((t) => !t.lazy);

export function initialProgress(manifest: DataManifest): DatasetProgress[] {
	return startupTables(manifest).map((t) => ({
		name: t.name,
		description: t.description,
		status: 'waiting',
		loadedBytes: 0,
		totalBytes: t.bytes,
		rows: t.rows
	}));
}

export class DatasetLoadError extends Error {
	constructor(
		readonly dataset: string,
		message: string
	) {
		super(`Could not load “${dataset}”: ${message}`);
		this.name = 'DatasetLoadError';
	}
}

/**
 * Fetch all files at once (the network is the slow part), then create tables one at a time as
 * their bytes arrive. `db` may be a promise so fetching overlaps with the engine starting.
 */
export async function loadTables(
	dbReady: Database | Promise<Database>,
	manifest: DataManifest,
	fetchBytes: FetchBytes,
	onProgress: (name: string, patch: Partial<DatasetProgress>) => void = () => {}
): Promise<void> {
	const tables = startupTables(manifest);
	const downloads = tables.map((table) => {
		onProgress(table.name, { status: 'fetching' });
		return fetchBytes(table.file, (loaded) => onProgress(table.name, { loadedBytes: loaded })).catch(
			(error: Error) => {
				throw new DatasetLoadError(table.name, error.message);
			}
		);
	});
	// Surface a failed download immediately rather than after the tables before it.
	downloads.forEach((d) => d.catch(() => {}));
	const db = await dbReady;
	for (const [i, table] of tables.entries()) {
		try {
			const bytes = await downloads[i];
			onProgress(table.name, { status: 'loading', loadedBytes: bytes.byteLength });
			await loadTable(db, table, bytes);
			onProgress(table.name, { status: 'ready' });
		} catch (error) {
			const failure = error instanceof DatasetLoadError ? error : new DatasetLoadError(table.name, (error as Error).message);
			onProgress(table.name, { status: 'failed', error: failure.message });
			throw failure;
		}
	}
}

export async function loadTable(db: Database, table: ManifestTable, bytes: Uint8Array): Promise<void> {
	const path = await db.registerFile(table.file, bytes);
	try {
		await db.exec(createTableFromCsv({ ...table, file: path }));
	} finally {
		await db.dropFile(table.file);
	}
	const n = Number((await db.query(countRows(table.name))).rows[0].n);
	if (n !== table.rows) throw new Error(`expected ${table.rows} rows, loaded ${n}`);
}
