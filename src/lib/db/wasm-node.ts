/**
 * DuckDB-wasm running inside Node (blocking bindings): the same engine build as the browser,
 * without a browser. Used by benchmarks to separate "wasm vs native" from "browser vs Node".
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SAFE_SETTINGS_SQL, toCell, type Database, type QueryResult, type Row } from './types';

export async function openWasmNodeDatabase(): Promise<Database> {
	const require = createRequire(import.meta.url);
	const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as typeof import('@duckdb/duckdb-wasm/blocking');
	const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
	const bundles = {
		mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
		eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') }
	};
	const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
	await db.instantiate();
	db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
	const connection = db.connect();
	for (const sql of SAFE_SETTINGS_SQL) connection.query(sql);
	return {
		async query(sql: string): Promise<QueryResult> {
			const table = connection.query(sql);
			const columns = table.schema.fields.map((f) => f.name);
			const types = table.schema.fields.map((f) => String(f.type));
			const vectors = columns.map((_, i) => table.getChildAt(i));
			const rows: Row[] = new Array(table.numRows);
			for (let r = 0; r < table.numRows; r++) {
				const row: Row = {};
				for (let c = 0; c < columns.length; c++) row[columns[c]] = toCell(vectors[c]?.get(r));
				rows[r] = row;
			}
			return { columns, types, rows };
		},
		async exec(sql: string) {
			connection.query(sql);
		},
		async registerFile(name: string, bytes: Uint8Array) {
			db.registerFileBuffer(name, bytes);
		},
		async dropFile(name: string) {
			db.dropFile(name);
		},
		async close() {
			connection.close();
		}
	};
}
