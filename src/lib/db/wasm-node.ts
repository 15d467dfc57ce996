/**
 * DuckDB-wasm running inside Node (blocking bindings): the same engine build as the browser,
 * without a browser, locked the same way. Used by benchmarks to separate "wasm vs native" from
 * "browser vs Node", and by tests that must run the browser's DuckDB version.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { arrowToResult } from './arrow-rows';
import { StatementCache } from './statement-cache';
import { lockEngineSql, registeredPath, WASM_FILES_DIR } from './lock';
import type { Database, QueryResult } from './types';

/** `memoryLimit` (for example '512MB'): DuckDB's own limit, set before the lock makes settings read-only. */
export async function openWasmNodeDatabase(options: { memoryLimit?: string } = {}): Promise<Database> {
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
	if (options.memoryLimit) {
		if (!/^\d+(\.\d+)?\s?[KMGT]i?B$/.test(options.memoryLimit)) throw new Error(`Not a memory size: ${options.memoryLimit}`);
		connection.query(`SET memory_limit = '${options.memoryLimit}'`);
	}
	// Locked exactly as the browser engine is: registered files under WASM_FILES_DIR and nothing else.
	for (const sql of lockEngineSql([WASM_FILES_DIR])) connection.query(sql);
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
			const path = registeredPath(WASM_FILES_DIR, name);
			db.registerFileBuffer(path, bytes);
			return path;
		},
		async dropFile(name: string) {
			db.dropFile(registeredPath(WASM_FILES_DIR, name));
		},
		async close() {
			await statements.clear();
			connection.close();
		}
	};
}
