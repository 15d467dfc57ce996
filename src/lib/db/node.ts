/**
 * Native DuckDB for Node: tests, the data build, the CLI and benchmarks. Files registered by name
 * are written to a private temp folder, and the engine is locked (see `lock.ts`) to that folder
 * plus any `directories` its caller names, exactly as the browser engine is locked to its own.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement, type DuckDBResultReader } from '@duckdb/node-api';
import { StatementCache } from './statement-cache';
import { mkdtempSync, rmSync, writeFileSync, unlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lockEngineSql, registeredPath } from './lock';
import { toCell, type Database, type QueryResult, type Row } from './types';

export interface NodeDatabaseOptions {
	/**
	 * Folders (besides its own temp folder) the engine may read and write with absolute paths,
	 * e.g. the data build's sources and output. Everything else is refused by DuckDB.
	 */
	directories?: string[];
	threads?: number;
}

const asFolder = (dir: string) => resolve(dir).replace(/\/*$/, '/');

export async function openNodeDatabase(options: NodeDatabaseOptions = {}): Promise<Database> {
	const instance = await DuckDBInstance.create(':memory:', {
		threads: String(options.threads ?? 2)
	});
	const connection: DuckDBConnection = await instance.connect();
	const scratch = asFolder(mkdtempSync(join(tmpdir(), 'heartlands-db-')));
	try {
		for (const sql of lockEngineSql([scratch, ...(options.directories ?? []).map(asFolder)])) await connection.run(sql);
	} catch (error) {
		connection.closeSync();
		instance.closeSync();
		rmSync(scratch, { recursive: true, force: true });
		throw error;
	}

	const statements = new StatementCache<DuckDBPreparedStatement>(16, (s) => s.destroySync());
	const pathOf = (name: string) => registeredPath(scratch, name);

	return {
		async query(sql: string, params?: number[]): Promise<QueryResult> {
			let reader: DuckDBResultReader;
			if (params) {
				const statement = await statements.get(sql, () => connection.prepare(sql));
				statement.clearBindings();
				params.forEach((value, i) => statement.bindDouble(i + 1, value));
				reader = await statement.runAndReadAll();
			} else {
				reader = await connection.runAndReadAll(sql);
			}
			const columns = reader.columnNames();
			const types = reader.columnTypes().map((t) => t.toString());
			// Column-wise conversion is several times faster than row-wise in node-api.
			const data = reader.getColumnsJS();
			const rows: Row[] = new Array(reader.currentRowCount);
			for (let r = 0; r < rows.length; r++) {
				const row: Row = {};
				for (let c = 0; c < columns.length; c++) row[columns[c]] = toCell(data[c][r]);
				rows[r] = row;
			}
			return { columns, types, rows };
		},
		async exec(sql: string) {
			await connection.run(sql);
		},
		async registerFile(name: string, bytes: Uint8Array) {
			const path = pathOf(name);
			writeFileSync(path, bytes);
			return path;
		},
		async dropFile(name: string) {
			const path = pathOf(name);
			if (existsSync(path)) unlinkSync(path);
		},
		async close() {
			await statements.clear();
			connection.closeSync();
			instance.closeSync();
			rmSync(scratch, { recursive: true, force: true });
		}
	};
}
