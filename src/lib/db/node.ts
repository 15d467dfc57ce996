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
	/** Single files (absolute paths) the engine may read or write besides those folders. */
	files?: string[];
	threads?: number;
	/** DuckDB's memory limit, e.g. `4GB`; past it, operators spill to `tempDirectory`. */
	memoryLimit?: string;
	/** Where spilled data goes. DuckDB writes it itself, so it need not be an allowed folder. */
	tempDirectory?: string;
}

/** The native engine adds what a long command-line run needs: progress and a way to stop. */
export interface NodeDatabase extends Database {
	/** How far the running query is, from DuckDB's own progress (null before it can tell). */
	progress(): { percentage: number; rows: number; totalRows: number } | null;
	/** Stop the running query; it then fails with an interrupt error. */
	interrupt(): void;
}

const asFolder = (dir: string) => resolve(dir).replace(/\/*$/, '/');

export async function openNodeDatabase(options: NodeDatabaseOptions = {}): Promise<NodeDatabase> {
	const instance = await DuckDBInstance.create(':memory:', {
		threads: String(options.threads ?? 2),
		...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
		...(options.tempDirectory ? { temp_directory: options.tempDirectory } : {})
	});
	const connection: DuckDBConnection = await instance.connect();
	const scratch = asFolder(mkdtempSync(join(tmpdir(), 'heartlands-db-')));
	try {
		// Progress is tracked but never printed: the caller decides how to show it.
		for (const sql of ['SET enable_progress_bar = true', 'SET enable_progress_bar_print = false']) await connection.run(sql);
		for (const sql of lockEngineSql(
			[scratch, ...(options.directories ?? []).map(asFolder)],
			(options.files ?? []).map((f) => resolve(f))
		))
			await connection.run(sql);
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
		progress() {
			const p = connection.progress;
			if (!p || p.percentage < 0) return null;
			return { percentage: p.percentage, rows: Number(p.rows_processed), totalRows: Number(p.total_rows_to_process) };
		},
		interrupt() {
			connection.interrupt();
		},
		async close() {
			await statements.clear();
			connection.closeSync();
			instance.closeSync();
			rmSync(scratch, { recursive: true, force: true });
		}
	};
}

/**
 * The files a pattern names (`data/*.csv`, a `**` pattern over folders, or one path), sorted. A short-lived
 * engine locked to the pattern's fixed folder lists them, so the engine that reads them can then
 * be locked to exactly those files.
 */
export async function listFiles(pattern: string): Promise<string[]> {
	const absolute = resolve(pattern);
	const fixed = absolute.slice(0, absolute.search(/[*?[{]|$/));
	const folder = asFolder(fixed.endsWith('/') ? fixed : fixed.slice(0, fixed.lastIndexOf('/') + 1) || '/');
	const db = await openNodeDatabase({ directories: [folder], threads: 1 });
	try {
		const rows = (await db.query(`SELECT file FROM glob('${absolute.replaceAll("'", "''")}') ORDER BY file`)).rows;
		return rows.map((r) => String(r.file));
	} finally {
		await db.close();
	}
}
