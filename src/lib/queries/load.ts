/** Builders that turn data files into tables. Column types come from the manifest: no sniffing. */
import type { ManifestTable } from '../model/manifest';
import { ident, literal } from './sql';

/** DuckDB type names as written by DESCRIBE. Anything else in a manifest is refused, not spliced. */
const TYPE_NAME = /^[A-Z][A-Z0-9_]*(\(\d+(,\s?\d+)?\))?(\[\])?$/;

export function createTableFromCsv(table: Pick<ManifestTable, 'name' | 'file' | 'columns'>): string {
	const columns = table.columns.map((c) => {
		if (!TYPE_NAME.test(c.type)) throw new Error(`Table ${table.name}: column ${c.name} has an unsupported type "${c.type}"`);
		return `${literal(c.name)}: ${literal(c.type)}`;
	});
	return `CREATE OR REPLACE TABLE ${ident(table.name)} AS SELECT * FROM read_csv(${literal(table.file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns.join(', ')}})`;
}

export function countRows(table: string): string {
	return `SELECT count(*)::INTEGER AS n FROM ${ident(table)}`;
}
