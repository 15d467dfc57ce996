/**
 * Writing the aggregate's result. The file appears under its name only when it is complete: it is
 * written beside the target under a hidden partial name and renamed (same folder, so the rename
 * is atomic); on any failure or interrupt the partial file is removed and the target left as it
 * was.
 */
import { closeSync, existsSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Cell } from '../../src/lib/db/types';
import type { NodeDatabase } from '../../src/lib/db/node';
import { csvCell, csvField } from '../../src/lib/export/csv';
import { copyCsvToParquetSql } from '../../src/lib/queries/aggregate-io';
import type { FileFormat } from './options';

/** The hidden partial file written first; the engine is allowed to write exactly this path. */
export function partialPath(out: string, pid = process.pid): string {
	const target = resolve(out);
	return join(dirname(target), `.${basename(target)}.partial-${pid}`);
}

/** Run `write` into the partial file, then rename it to `out`; nothing is left behind on failure. */
export async function writeAtomically(out: string, write: (partial: string) => Promise<void>, signal?: AbortSignal): Promise<void> {
	const partial = partialPath(out);
	try {
		await write(partial);
		signal?.throwIfAborted();
		renameSync(partial, resolve(out));
	} finally {
		if (existsSync(partial)) rmSync(partial, { force: true });
	}
}

/** CSV through the app's export writer (quoted, formula starts neutralised), a batch at a time. */
export function writeCsv(path: string, columns: string[], rows: Cell[][]): void {
	const fd = openSync(path, 'w');
	try {
		writeSync(fd, columns.map(csvCell).join(',') + '\n');
		for (let i = 0; i < rows.length; i += 10_000) {
			writeSync(
				fd,
				rows
					.slice(i, i + 10_000)
					.map((r) => r.map(csvCell).join(',') + '\n')
					.join('')
			);
		}
	} finally {
		closeSync(fd);
	}
}

/** A column's DuckDB type for the Parquet file: text stays text, whole numbers BIGINT, others DOUBLE. */
function typeOf(rows: Cell[][], c: number): string {
	let type = 'BIGINT';
	for (const r of rows) {
		const v = r[c];
		if (v === null) continue;
		if (typeof v !== 'number') return 'VARCHAR';
		if (!Number.isInteger(v)) type = 'DOUBLE';
	}
	return type;
}

/**
 * Parquet through DuckDB: the rows go in as lossless internal CSV with explicit types (no
 * sniffing), and COPY writes the partial file, the one output path the engine may write.
 */
export async function writeParquet(db: NodeDatabase, path: string, columns: string[], rows: Cell[][]): Promise<void> {
	const text = [columns.map(csvField).join(','), ...rows.map((r) => r.map((v) => (v === null ? '' : csvField(String(v)))).join(','))].join('\n') + '\n';
	const staged = await db.registerFile('agg_output.csv', new TextEncoder().encode(text));
	const types = columns.map((name, c) => ({ name, type: c === 0 ? 'VARCHAR' : typeOf(rows, c) }));
	try {
		await db.exec(copyCsvToParquetSql(staged, types, path));
	} finally {
		await db.dropFile('agg_output.csv');
	}
}

export async function writeOutput(db: NodeDatabase, format: FileFormat, path: string, columns: string[], rows: Cell[][]): Promise<void> {
	if (format === 'csv') writeCsv(path, columns, rows);
	else await writeParquet(db, path, columns, rows);
}
