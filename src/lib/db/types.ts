/**
 * The one door to the database. Everything above `src/lib/db/` talks to DuckDB through this
 * interface only; the browser (DuckDB-wasm in a worker) and Node (native DuckDB) implementations
 * are interchangeable, so SQL builders, loaders and tests run the same code in both places.
 */

/** A cell after conversion at the boundary: BIGINT/DECIMAL become numbers, dates become ISO strings. */
export type Cell = number | string | boolean | null;
export type Row = Record<string, Cell>;

export interface QueryResult {
	/** Column names in result order. */
	columns: string[];
	/** DuckDB type names, e.g. `DOUBLE`, `VARCHAR`. */
	types: string[];
	rows: Row[];
}

export interface Database {
	/**
	 * Run one statement that returns rows. With `params`, `$1…$n` are bound as numbers and the
	 * prepared statement is cached by its SQL text, so repeated shapes skip planning.
	 */
	query(sql: string, params?: number[]): Promise<QueryResult>;
	/** Run statements whose result is not needed (DDL, inserts). */
	exec(sql: string): Promise<void>;
	/**
	 * Make bytes readable by SQL. `name` is a plain file name (letters, digits, `_`, `.`, `-`); the
	 * answer is the path to give DuckDB, e.g. `read_csv('<path>')`. The path lies in the engine's
	 * own folder, the only one its lock lets it read (see `lock.ts`), so loaders never build paths.
	 */
	registerFile(name: string, bytes: Uint8Array): Promise<string>;
	/** Forget a registered file and free its memory. */
	dropFile(name: string): Promise<void>;
	close(): Promise<void>;
}

/** BIGINT → number where exact; larger values become strings rather than silently losing digits. */
export function toCell(value: unknown): Cell {
	if (value === null || value === undefined) return null;
	switch (typeof value) {
		case 'number':
		case 'string':
		case 'boolean':
			return value;
		case 'bigint':
			return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
		default:
			if (value instanceof Date) return value.toISOString();
			return String(value);
	}
}
