/**
 * The few places where DuckDB's SQL and Apache Spark SQL differ, for the builders that must run on
 * both (the voter-file aggregation, `queries/aggregate.ts`). Everything else those builders write
 * is the common subset: SELECT, GROUP BY, sum, count, nullif, CAST to DOUBLE/BIGINT, EXISTS.
 */
import { ident, literal } from './sql';

export type EngineName = 'duckdb' | 'spark';

export interface Dialect {
	readonly name: EngineName;
	/** A quoted identifier. */
	ident(name: string): string;
	/** A quoted string literal. */
	literal(value: string): string;
	/** The name of the text type in CAST. */
	readonly text: string;
	/** Keep a query's result under a name for the statements that follow. */
	materialise(name: string, query: string): string;
}

function refuseNul(value: string): string {
	if (value.includes('\u0000')) throw new Error('Text contains a NUL character');
	return value;
}

export const DUCKDB: Dialect = {
	name: 'duckdb',
	ident,
	literal,
	text: 'VARCHAR',
	materialise: (name, query) => `CREATE OR REPLACE TEMP TABLE ${ident(name)} AS ${query}`
};

/**
 * Spark quotes names with backticks (doubled inside), and its string literals take backslash
 * escapes by default (`spark.sql.parser.escapedStringLiterals` is false), so a backslash must be
 * escaped as well as the quote. `VARCHAR` needs a length there, so text is `STRING`. CACHE TABLE
 * computes the stage once; a plain temp view would be recomputed by every query that reads it.
 */
export const SPARK: Dialect = {
	name: 'spark',
	ident: (name) => `\`${refuseNul(name).replaceAll('`', '``')}\``,
	literal: (value) => `'${refuseNul(value).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
	text: 'STRING',
	materialise: (name, query) => `CACHE TABLE ${SPARK.ident(name)} AS ${query}`
};

export const DIALECTS: Record<EngineName, Dialect> = { duckdb: DUCKDB, spark: SPARK };
