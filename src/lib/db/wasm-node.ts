/**
 * DuckDB-wasm running inside Node (blocking bindings): the same engine build as the browser,
 * without a browser. Used by benchmarks to separate "wasm vs native" from "browser vs Node".
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { arrowToResult } from './arrow-rows';
import { StatementCache } from './statement-cache';
import { SAFE_SETTINGS_SQL, type Database, type QueryResult } from './types';

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
	const statements = new StatementCache<ReturnType<typeof connection.prepare>>(16, (s) => s.close());
	return {
		async query(sql: string, params?: number[]): Promise<QueryResult> {
			if (!params) return arrowToResult(connection.query(sql));
			const statement = await statements.get(sql, async () => connection.prepare(sql));
			return arrowToResult(statement.query(...params));
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
			await statements.clear();
			connection.close();
		}
	};
}
