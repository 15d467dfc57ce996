/**
 * What the aggregate needs from an engine: open the input as `agg_input`, run the builder's
 * statements, report progress and stop when asked. DuckDB and Spark each implement it, so the
 * steps in `run.ts` are written once.
 */
import type { Cell } from '../../src/lib/db/types';
import type { NodeDatabase } from '../../src/lib/db/node';
import { DUCKDB, type Dialect } from '../../src/lib/queries/dialect';
import { csvCheckSql, delimiterOf, DESCRIBE_INPUT, inputViewSql, type InputFormat } from '../../src/lib/queries/aggregate-io';
import { closeSync, openSync, readSync } from 'node:fs';

export interface InputColumn {
	name: string;
	type: string;
}

export interface Table {
	columns: string[];
	rows: Cell[][];
}

export interface AggregateEngine {
	readonly dialect: Dialect;
	/** Make the input readable as `agg_input`; `textColumns` are read as text. Its columns. */
	openInput(files: readonly string[], format: InputFormat, textColumns: readonly string[]): Promise<InputColumn[]>;
	query(sql: string): Promise<Table>;
	exec(sql: string): Promise<void>;
	/** A short progress text for the running statement, or null if the engine cannot tell. */
	progress(): string | null;
	interrupt(): void;
	close(): Promise<void>;
}

/** Whole-number types a CSV column may be sniffed as; they are read as DOUBLE (see inputViewSql). */
const WHOLE = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|UHUGEINT)$/;

/** A CSV file's header names, from its first line (quotes as RFC 4180). */
function headerOf(file: string): string[] {
	const fd = openSync(file, 'r');
	const buffer = Buffer.alloc(65_536);
	const n = readSync(fd, buffer, 0, buffer.length, 0);
	closeSync(fd);
	const line = buffer
		.subarray(0, n)
		.toString('utf8')
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)[0];
	const names: string[] = [];
	const delim = delimiterOf([file]);
	for (const m of line.matchAll(new RegExp(`("(?:[^"]|"")*"|[^${delim}]*)(?:${delim}|$)`, 'g'))) {
		if (m.index === line.length && names.length) break;
		names.push(m[1].startsWith('"') ? m[1].slice(1, -1).replaceAll('""', '"') : m[1]);
	}
	return names;
}

/** After a sniffer failure: the first file whose strict read fails gives the error to report. */
async function diagnose(db: NodeDatabase, files: readonly string[], original: unknown): Promise<never> {
	for (const file of files) {
		if (/\.(gz|zst)$/i.test(file)) continue;
		await db.query(csvCheckSql(file, headerOf(file)));
	}
	throw original;
}

export function duckdbEngine(db: NodeDatabase): AggregateEngine {
	const describe = async () => (await db.query(DESCRIBE_INPUT)).rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
	return {
		dialect: DUCKDB,
		async openInput(files, format, textColumns) {
			const sniffed = await db
				.exec(inputViewSql(files, format))
				.then(describe)
				.catch((e) => (format === 'csv' && /sniffing/i.test(String(e?.message)) ? diagnose(db, files, e) : Promise.reject(e)));
			if (format === 'parquet') return sniffed;
			const text = new Set(textColumns);
			const types: Record<string, string> = {};
			for (const c of sniffed) {
				if (text.has(c.name)) types[c.name] = 'VARCHAR';
				else if (WHOLE.test(c.type)) types[c.name] = 'DOUBLE';
			}
			if (!Object.keys(types).length) return sniffed;
			await db.exec(inputViewSql(files, format, types));
			return describe();
		},
		async query(sql) {
			const result = await db.query(sql);
			return { columns: result.columns, rows: result.rows.map((r) => result.columns.map((c) => r[c])) };
		},
		exec: (sql) => db.exec(sql),
		progress() {
			const p = db.progress();
			if (!p) return null;
			const rows = p.totalRows > 0 ? ` (${p.rows.toLocaleString('en-GB')} of about ${p.totalRows.toLocaleString('en-GB')} rows)` : '';
			return `${p.percentage.toFixed(0)}%${rows}`;
		},
		interrupt: () => db.interrupt(),
		close: () => db.close()
	};
}
