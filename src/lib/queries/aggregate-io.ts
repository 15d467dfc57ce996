/**
 * DuckDB statements that move the aggregate's files: reading the input (CSV or Parquet, one file
 * or many) and writing a Parquet output. Spark reads and writes through its own reader
 * (`scripts/aggregate/spark_runner.py`), so these have no Spark rendering.
 */
import { AGG_INPUT } from './aggregate';
import { ident, literal } from './sql';

export type InputFormat = 'csv' | 'parquet';

/** DuckDB type names as DESCRIBE writes them; anything else is refused rather than spliced. */
const TYPE_NAME = /^[A-Z][A-Z0-9_]*(\(\d+(,\s?\d+)?\))?$/;

/**
 * The delimiter is fixed by the file name, and the header is the first line: a sniffer shown a
 * ragged row would otherwise guess another delimiter, or skip lines to start after the bad one.
 */
export const delimiterOf = (files: readonly string[]) => (files.every((f) => /\.tsv(\.(gz|zst))?$/i.test(f)) ? '\t' : ',');

const fileList = (files: readonly string[]) => `[${files.map(literal).join(', ')}]`;

/**
 * The input as a view. CSV types come from DuckDB's sniffer unless `types` overrides some: the
 * caller reads keys as text and whole-number columns as DOUBLE, so a `2.5` past the sniffer's
 * sample is a number, not an error. Many files are read as one table, by column position.
 */
export function inputViewSql(files: readonly string[], format: InputFormat, types: Readonly<Record<string, string>> = {}): string {
	if (!files.length) throw new Error('No input file');
	if (format === 'parquet') return `CREATE OR REPLACE VIEW ${ident(AGG_INPUT)} AS SELECT * FROM read_parquet(${fileList(files)})`;
	const overrides = Object.entries(types).map(([name, type]) => {
		if (!TYPE_NAME.test(type)) throw new Error(`Unsupported type "${type}" for ${name}`);
		return `${literal(name)}: ${literal(type)}`;
	});
	const typed = overrides.length ? `, types = {${overrides.join(', ')}}` : '';
	const delim = delimiterOf(files);
	return `CREATE OR REPLACE VIEW ${ident(AGG_INPUT)} AS SELECT * FROM read_csv(${fileList(files)}, header = true, skip = 0, delim = ${literal(delim)}${typed})`;
}

export const DESCRIBE_INPUT = `DESCRIBE ${ident(AGG_INPUT)}`;

/**
 * Rows staged as lossless CSV (the file at `staged`, with `columns` as name → DuckDB type) written
 * to `path` as Parquet.
 */
export function copyCsvToParquetSql(staged: string, columns: readonly { name: string; type: string }[], path: string): string {
	const typed = columns.map((c) => {
		if (!TYPE_NAME.test(c.type)) throw new Error(`Unsupported type "${c.type}" for ${c.name}`);
		return `${literal(c.name)}: ${literal(c.type)}`;
	});
	return `COPY (SELECT * FROM read_csv(${literal(staged)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${typed.join(', ')}})) TO ${literal(path)} (FORMAT parquet)`;
}

/**
 * When the sniffer gives up (a ragged row in its sample), a strict read of one file with every
 * column as text finds the first bad line, so the analyst is told where it is.
 */
export function csvCheckSql(file: string, header: readonly string[]): string {
	const columns = header.map((name) => `${literal(name)}: 'VARCHAR'`).join(', ');
	return `SELECT count(*) AS n FROM read_csv(${literal(file)}, header = true, auto_detect = false, delim = ${literal(delimiterOf([file]))}, quote = '"', escape = '"', columns = {${columns}})`;
}
