/**
 * Native DuckDB for Node: tests, the data build, the CLI and benchmarks. Files registered by name
 * are written to a private temp folder that is put on DuckDB's `file_search_path`, so
 * `read_csv('name')` resolves exactly as it does in DuckDB-wasm.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync, unlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAFE_SETTINGS_SQL, toCell, type Database, type QueryResult, type Row } from './types';

export interface NodeDatabaseOptions {
	/** Extra folders to resolve relative file names against (e.g. a data directory). */
	searchPath?: string[];
	threads?: number;
}

export async function openNodeDatabase(options: NodeDatabaseOptions = {}): Promise<Database> {
	const instance = await DuckDBInstance.create(':memory:', {
		threads: String(options.threads ?? 2)
	});
	const connection: DuckDBConnection = await instance.connect();
	const scratch = mkdtempSync(join(tmpdir(), 'heartlands-db-'));
	const searchPath = [scratch, ...(options.searchPath ?? [])].join(',');
	for (const sql of SAFE_SETTINGS_SQL) await connection.run(sql);
	await connection.run(`SET file_search_path = '${searchPath.replaceAll("'", "''")}'`);

	const safeName = (name: string) => {
		if (!/^[\w.-]+$/.test(name)) throw new Error(`Invalid registered file name: ${name}`);
		return join(scratch, name);
	};

	return {
		async query(sql: string): Promise<QueryResult> {
			const reader = await connection.runAndReadAll(sql);
			const columns = reader.columnNames();
			const types = reader.columnTypes().map((t) => t.toString());
			const rows: Row[] = reader.getRowsJS().map((values) => {
				const row: Row = {};
				columns.forEach((name, i) => (row[name] = toCell(values[i])));
				return row;
			});
			return { columns, types, rows };
		},
		async exec(sql: string) {
			await connection.run(sql);
		},
		async registerFile(name: string, bytes: Uint8Array) {
			writeFileSync(safeName(name), bytes);
		},
		async dropFile(name: string) {
			const path = safeName(name);
			if (existsSync(path)) unlinkSync(path);
		},
		async close() {
			connection.closeSync();
			instance.closeSync();
			rmSync(scratch, { recursive: true, force: true });
		}
	};
}
