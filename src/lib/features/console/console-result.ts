/**
 * Pure helpers for the SQL console: result → CSV, cell display, history, the schema browser's
 * grouping and the one query it builds. No DuckDB, no DOM.
 */
import type { Cell, QueryResult, Row } from '$lib/db/types';
import { toCsv, type CsvCell } from '$lib/export/csv';
import { isoDate } from '$lib/export/download';
import { ident } from '$lib/queries/sql';

/** Rows shown in the result table; the CSV download always has them all. */
export const DISPLAY_ROW_CAP = 1000;
export const HISTORY_LIMIT = 20;
/** Longer queries are run but not kept in the history, so storage stays small. */
export const HISTORY_ENTRY_MAX = 20_000;

/** The rows of a result as CSV cells, in column order. */
export function resultCsvRows(result: Pick<QueryResult, 'columns' | 'rows'>): CsvCell[][] {
	return result.rows.map((row) => result.columns.map((c) => row[c] ?? null));
}

/** The whole result as CSV text; text that a spreadsheet would run as a formula is neutralised. */
export function resultToCsv(result: Pick<QueryResult, 'columns' | 'rows'>): string {
	return toCsv(result.columns, resultCsvRows(result));
}

export const csvFileName = (date = new Date()) => `heartlands-query-${isoDate(date)}.csv`;

/** How a cell is shown: NULL is marked so it cannot be mistaken for the text "NULL" or "". */
export function displayCell(cell: Cell | undefined): { text: string; isNull: boolean } {
	if (cell === null || cell === undefined) return { text: 'NULL', isNull: true };
	return { text: typeof cell === 'string' ? cell : String(cell), isNull: false };
}

/** Column names that appear more than once: rows are keyed by name, so only one value survives. */
export function duplicateColumns(columns: readonly string[]): string[] {
	const seen = new Set<string>();
	const dupes = new Set<string>();
	for (const c of columns) (seen.has(c) ? dupes : seen).add(c);
	return [...dupes];
}

export function formatElapsed(ms: number): string {
	if (!Number.isFinite(ms) || ms < 0) return '';
	if (ms < 1) return 'under 1 ms';
	if (ms < 1000) return `${Math.round(ms)} ms`;
	return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const count = (n: number) => n.toLocaleString('en-GB');

/** "5 rows", "1 row", "Showing the first 1,000 of 12,345 rows". */
export function rowCountText(total: number, cap = DISPLAY_ROW_CAP): string {
	if (total === 0) return 'No rows';
	if (total > cap) return `Showing the first ${count(cap)} of ${count(total)} rows`;
	return `${count(total)} ${total === 1 ? 'row' : 'rows'}`;
}

export function shownRows(rows: readonly Row[], cap = DISPLAY_ROW_CAP): Row[] {
	return rows.length > cap ? rows.slice(0, cap) : [...rows];
}

/** Ctrl+Enter, or Cmd+Enter on a Mac, runs the query. */
export function isRunShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
	return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey;
}

/** What the schema browser inserts when a table is clicked. */
export const selectTableSql = (name: string) => `SELECT * FROM ${ident(name)} LIMIT 100`;

// ---------------------------------------------------------------------------------------------
// History

/** Reads stored history; anything unreadable gives an empty (or shortened) list, never an error. */
export function parseHistory(raw: string | null | undefined): string[] {
	if (!raw) return [];
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		return [];
	}
	if (!Array.isArray(value)) return [];
	const out: string[] = [];
	for (const item of value) {
		if (typeof item !== 'string' || !item.trim() || item.length > HISTORY_ENTRY_MAX || out.includes(item)) continue;
		out.push(item);
		if (out.length === HISTORY_LIMIT) break;
	}
	return out;
}

/** Puts `sql` first (moving it up if it was already there) and keeps the newest `limit`. */
export function addToHistory(history: readonly string[], sql: string, limit = HISTORY_LIMIT): string[] {
	const text = sql.trim();
	if (!text || text.length > HISTORY_ENTRY_MAX) return [...history];
	return [text, ...history.filter((h) => h !== text)].slice(0, limit);
}

/** A one-line label for a history entry. */
export function historyLabel(sql: string, max = 80): string {
	const line = sql.replace(/\s+/g, ' ').trim();
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

// ---------------------------------------------------------------------------------------------
// Schema browser

export interface SchemaColumn {
	name: string;
	type: string;
}

export interface SchemaTable {
	/** `memory` for ordinary tables, `temp` for temporary ones. */
	catalog: string;
	schema: string;
	name: string;
	kind: 'table' | 'view' | 'temporary';
	columns: SchemaColumn[];
	/** One of the app's own tables (read-only in the console). */
	builtIn: boolean;
}

/** One row per column (tables without columns give one row with a null column). */
export const SCHEMA_SQL = `SELECT t.table_catalog AS "catalog", t.table_schema AS "schema", t.table_name AS "name", t.table_type AS "kind",
	c.column_name AS "column", c.data_type AS "type"
FROM information_schema.tables t
LEFT JOIN information_schema.columns c
	ON c.table_catalog = t.table_catalog AND c.table_schema = t.table_schema AND c.table_name = t.table_name
WHERE t.table_schema NOT IN ('information_schema', 'pg_catalog')
ORDER BY lower(t.table_name), t.table_catalog, t.table_schema, c.ordinal_position`;

const kindOf = (type: unknown): SchemaTable['kind'] => {
	const t = String(type ?? '').toUpperCase();
	return t === 'VIEW' ? 'view' : t.includes('TEMP') ? 'temporary' : 'table';
};

/** Groups the rows of `SCHEMA_SQL` into tables; the app's own tables are listed after the analyst's. */
export function groupSchema(rows: readonly Row[], isBuiltIn: (name: string) => boolean): SchemaTable[] {
	const tables = new Map<string, SchemaTable>();
	for (const row of rows) {
		const catalog = String(row.catalog ?? '');
		const schema = String(row.schema ?? '');
		const name = String(row.name ?? '');
		if (!name) continue;
		const key = JSON.stringify([catalog, schema, name]);
		let table = tables.get(key);
		if (!table) {
			table = { catalog, schema, name, kind: kindOf(row.kind), columns: [], builtIn: isBuiltIn(name) };
			tables.set(key, table);
		}
		if (row.column !== null && row.column !== undefined) table.columns.push({ name: String(row.column), type: String(row.type ?? '') });
	}
	const list = [...tables.values()];
	return [...list.filter((t) => !t.builtIn), ...list.filter((t) => t.builtIn)];
}
