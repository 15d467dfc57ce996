/** Shared test setup: the real data directory and a Node database loaded exactly as the app loads. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openNodeDatabase } from '../../src/lib/db/node';
import type { Database } from '../../src/lib/db/types';
import { loadTables } from '../../src/lib/data/load-tables';
import type { DataManifest } from '../../src/lib/data/manifest';
import { buildData } from '../../scripts/data/build';
import { PROJECT_ROOT, resolveDataDir } from '../../scripts/data/sources';

export const DATA_DIR = resolveDataDir();
export const BUILT_DIR = join(PROJECT_ROOT, 'static/data');

/** Build (or confirm up to date) the app data, then load it into native DuckDB. */
export async function openLoadedDatabase(): Promise<{ db: Database; manifest: DataManifest }> {
	const { manifest } = await buildData({ dataDir: DATA_DIR, outDir: BUILT_DIR });
	const db = await openNodeDatabase();
	await loadTables(db, manifest, async (file) => new Uint8Array(readFileSync(join(BUILT_DIR, file))));
	return { db, manifest };
}
