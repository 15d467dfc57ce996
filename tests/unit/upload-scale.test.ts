/**
 * Many uploaded indicators, in the browser's engine (DuckDB-wasm, run in Node): the indicator
 * tables are built within a stated memory budget, and start-up survives an upload that fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWasmNodeDatabase } from '../../src/lib/db/wasm-node';
import type { Database } from '../../src/lib/db/types';
import { loadTables } from '../../src/lib/data/load-tables';
import { prepareWithUploads } from '../../src/lib/data/prepare-with-uploads';
import { uploadTableName, validateDataset, type UploadedDataset } from '../../src/lib/model/uploads/dataset';
import { buildData } from '../../scripts/data/build';
import { BUILT_DIR, DATA_DIR } from './helpers';

/** The budget: DuckDB's own memory limit while the indicator tables are built with 2,000 uploaded columns. */
const MEMORY_BUDGET = '512MB';

function dataset(id: string, codes: string[], columns: number): UploadedDataset {
	return {
		version: 1,
		id,
		name: `Wide ${id}`,
		fileName: `${id}.csv`,
		boundarySet: '2010',
		createdAt: '2026-01-01T00:00:00.000Z',
		aggregation: null,
		columns: Array.from({ length: columns }, (_, i) => ({ id: `c${i}`, header: `h${i}`, label: `Column ${i}`, unit: '', direction: 1 as const })),
		codes,
		values: Array.from({ length: columns }, (_, c) => codes.map((_, r) => (r * 7 + c) % 101))
	};
}

describe('uploaded indicators at scale, in DuckDB-wasm', () => {
	let db: Database;
	let codes: string[];
	beforeAll(async () => {
		const { manifest } = await buildData({ dataDir: DATA_DIR, outDir: BUILT_DIR });
		db = await openWasmNodeDatabase({ memoryLimit: MEMORY_BUDGET });
		await loadTables(db, manifest, async (file) => new Uint8Array(readFileSync(join(BUILT_DIR, file))));
		codes = (await db.query(`SELECT code FROM constituencies WHERE boundary_set = '2010' ORDER BY code`)).rows.map((r) => String(r.code));
		expect((await db.query(`SELECT current_setting('memory_limit') AS m`)).rows[0].m).toMatch(/^(488\.2 MiB|512\.0 MB)$/);
	}, 180_000);
	afterAll(() => db?.close());

	it(`builds 2,000 uploaded indicators within ${MEMORY_BUDGET}, each stored record valid`, async () => {
		const wide = [dataset('dwidea', codes, 1000), dataset('dwideb', codes, 1000)];
		for (const d of wide) expect(validateDataset(JSON.parse(JSON.stringify(d))).ok).toBe(true);
		const { prepared, loaded, setAside } = await prepareWithUploads(db, wide);
		expect(setAside).toEqual([]);
		expect(loaded.map((d) => d.id)).toEqual(['dwidea', 'dwideb']);
		expect(prepared.catalogue.filter((i) => i.group === 'Uploaded')).toHaveLength(2000);
		const row = (await db.query(`SELECT "upload.dwideb.c999" AS v, "upload.dwidea.c0" AS w FROM indicators_2010 WHERE code = '${codes[3]}'`)).rows[0];
		expect(row).toEqual({ v: (3 * 7 + 999) % 101, w: (3 * 7) % 101 });
	}, 120_000);

	it('sets aside an upload that cannot be built, starts with the rest, and drops its table', async () => {
		const good = dataset('dgood', codes, 3);
		const bad = dataset('dbad', codes, 3);
		// A fault in the engine for one upload's table: whatever the cause, the others must load.
		const faulty: Database = {
			...db,
			query: (sql, params) => db.query(sql, params),
			exec: (sql) => (sql.includes(`${uploadTableName(bad)}"`) && sql.startsWith('CREATE OR REPLACE TABLE "indicators') ? Promise.reject(new Error('Out of Memory Error: simulated')) : db.exec(sql)),
			registerFile: (n, b) => db.registerFile(n, b),
			dropFile: (n) => db.dropFile(n),
			close: async () => {}
		};
		const { prepared, loaded, setAside } = await prepareWithUploads(faulty, [bad, good]);
		expect(loaded.map((d) => d.id)).toEqual(['dgood']);
		expect(setAside.map((s) => [s.dataset.id, s.reason])).toEqual([['dbad', 'Out of Memory Error: simulated']]);
		expect(prepared.catalogue.some((i) => i.id === 'upload.dgood.c0')).toBe(true);
		expect(prepared.catalogue.some((i) => i.id.startsWith('upload.dbad'))).toBe(false);
		const tables = (await db.query(`SELECT table_name FROM duckdb_tables()`)).rows.map((r) => r.table_name);
		expect(tables).toContain(uploadTableName(good));
		expect(tables).not.toContain(uploadTableName(bad));
		const columns = (await db.query(`SELECT column_name FROM duckdb_columns() WHERE table_name = 'indicators_2010'`)).rows.map((r) => r.column_name);
		expect(columns).toContain('upload.dgood.c0');
		expect(columns.some((c) => String(c).startsWith('upload.dbad'))).toBe(false);
	}, 120_000);
});
