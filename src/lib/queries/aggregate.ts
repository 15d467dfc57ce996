/**
 * The voter-file aggregation (`npm run aggregate`): row-level data (a canvass export, a register
 * with history) reduced to one row per seat, or per seat and a second column such as a ward.
 * One builder, rendered for DuckDB or Spark SQL through `dialect.ts`, so both engines run the same
 * statements.
 *
 * Two steps, so the big input is read once and everything after it is small:
 * 1. the stage (`AGG_KEYS`): per key value (and group), the row count and, per numeric column, its
 *    sum and its count of non-missing values;
 * 2. the result: stage rows whose key is a seat of the chosen set pass through; small-area keys go
 *    to seats through the app's lookups, weighted exactly as the app's upload does
 *    (`aggregateSmallAreas` in `uploads.ts`): best-fit (weight 1) on the 2010 set, and on the 2024
 *    set an area split between seats counts in each in proportion to its population there.
 * A mean is the (weighted) sum over the (weighted) count of values present, so a missing value is
 * left out of a mean rather than counted as zero.
 */
import type { BoundarySet } from '$lib/model/catalogue';
import type { Dialect } from './dialect';

export const AGG_INPUT = 'agg_input';
export const AGG_KEYS = 'agg_keys';
export const AGG_RESULT = 'agg_result';
/** The lookup tables the app loads (manifest names), read by both engines. */
export const SEAT_TABLE = 'constituencies';
export const lookupTable = (set: BoundarySet) => (set === '2010' ? 'smallarea_2010' : 'smallarea_2024');

export type ColumnKind = 'number' | 'boolean';
export interface AggregateColumn {
	name: string;
	kind: ColumnKind;
}
export type KeyKind = { kind: 'seat'; set: BoundarySet } | { kind: 'area'; set: BoundarySet };

export interface AggregatePlan {
	/** The input's key column: seat codes or small-area codes. */
	key: string;
	/** A second grouping column (a ward, a polling district). */
	group?: string;
	/** Numeric (and true/false) columns: each gives `<name>_sum` and `<name>_mean`. */
	columns: readonly AggregateColumn[];
	keyKind: KeyKind;
	/** A row filter, already checked by the caller; spliced in brackets as written. */
	where?: string;
}

/**
 * Which input columns count as numbers, from the type name either engine reports (DuckDB's
 * DESCRIBE: `BIGINT`, `DECIMAL(9,2)`; Spark's: `bigint`, `decimal(9,2)`). True/false columns (a
 * contact flag) count too: their sum is how many are true and their mean the share.
 */
export function columnKind(type: string): ColumnKind | null {
	const t = type.trim().toLowerCase();
	if (t === 'boolean') return 'boolean';
	if (/^(u?(tiny|small|big|huge)?int(eger)?|u?hugeint|long|short|byte|float|real|double|decimal(\(\d+,\s*\d+\))?|numeric(\(\d+,\s*\d+\))?|float[48]|int[248])$/.test(t)) return 'number';
	return null;
}

/** The output's column names, in order: code, the group, rows, then each column's sum and mean. */
export function outputColumns(plan: Pick<AggregatePlan, 'group' | 'columns'>): string[] {
	return ['code', ...(plan.group ? [plan.group] : []), 'rows', ...plan.columns.flatMap((c) => [`${c.name}_sum`, `${c.name}_mean`])];
}

const keyExpr = (d: Dialect, key: string) => `trim(CAST(${d.ident(key)} AS ${d.text}))`;

/** Step 1: per key value (and group), rows, and per column c<i>: its sum and its count present. */
export function stageQuery(plan: AggregatePlan, d: Dialect): string {
	const key = keyExpr(d, plan.key);
	const group = plan.group ? d.ident(plan.group) : null;
	const measures = plan.columns.flatMap((c, i) => {
		const v = c.kind === 'boolean' ? `CAST(${d.ident(c.name)} AS INTEGER)` : d.ident(c.name);
		return [`sum(${v}) AS c${i}_sum`, `count(${v}) AS c${i}_n`];
	});
	const select = [`${key} AS agg_key`, ...(group ? [`${group} AS agg_group`] : []), 'count(*) AS agg_rows', ...measures];
	const where = plan.where?.trim() ? `\nWHERE (${plan.where})` : '';
	return `SELECT ${select.join(', ')}\nFROM ${d.ident(AGG_INPUT)}${where}\nGROUP BY ${[key, ...(group ? [group] : [])].join(', ')}`;
}

/** The statement that computes and keeps the stage. */
export const stageStatement = (plan: AggregatePlan, d: Dialect) => d.materialise(AGG_KEYS, stageQuery(plan, d));

/** Does stage row `k` have a key the chosen lookup knows? */
function matches(plan: AggregatePlan, d: Dialect): string {
	const { kind, set } = plan.keyKind;
	return kind === 'seat' ? `EXISTS (SELECT 1 FROM ${d.ident(SEAT_TABLE)} c WHERE c.boundary_set = ${d.literal(set)} AND c.code = k.agg_key)` : `EXISTS (SELECT 1 FROM ${d.ident(lookupTable(set))} l WHERE l.area = k.agg_key)`;
}

/** Step 2: one row per seat (and group), with the output's column names. */
export function resultQuery(plan: AggregatePlan, d: Dialect): string {
	const names = outputColumns(plan).map((n) => d.ident(n));
	const groupSel = plan.group ? [`k.agg_group AS ${names[1]}`] : [];
	const order = `ORDER BY ${d.ident('code')}${plan.group ? `, ${names[1]} NULLS LAST` : ''}`;
	const at = (i: number) => names[(plan.group ? 3 : 2) + i];
	if (plan.keyKind.kind === 'seat') {
		const measures = plan.columns.flatMap((_, i) => [`CAST(k.c${i}_sum AS DOUBLE) AS ${at(2 * i)}`, `CAST(k.c${i}_sum AS DOUBLE) / nullif(k.c${i}_n, 0) AS ${at(2 * i + 1)}`]);
		return `SELECT k.agg_key AS ${d.ident('code')}, ${[...groupSel, `CAST(k.agg_rows AS BIGINT) AS ${d.ident('rows')}`, ...measures].join(', ')}\nFROM ${d.ident(AGG_KEYS)} k\nWHERE ${matches(plan, d)}\n${order}`;
	}
	// The app's weights: 1 on the best-fit 2010 lookup, the population share on the 2024 one.
	const set = plan.keyKind.set;
	const w = (v: string) => (set === '2010' ? v : `${v} * l.share`);
	const rows = set === '2010' ? `CAST(sum(k.agg_rows) AS BIGINT)` : `sum(${w('k.agg_rows')})`;
	const measures = plan.columns.flatMap((_, i) => {
		const sum = `sum(${w(`CAST(k.c${i}_sum AS DOUBLE)`)})`;
		return [`${sum} AS ${at(2 * i)}`, `${sum} / nullif(sum(${w(`k.c${i}_n`)}), 0) AS ${at(2 * i + 1)}`];
	});
	return `SELECT l.code AS ${d.ident('code')}, ${[...groupSel, `${rows} AS ${d.ident('rows')}`, ...measures].join(', ')}\nFROM ${d.ident(AGG_KEYS)} k JOIN ${d.ident(lookupTable(set))} l ON l.area = k.agg_key\nGROUP BY l.code${plan.group ? ', k.agg_group' : ''}\n${order}`;
}

/** Keys the lookup does not know (blank keys included): how many distinct ones, and their rows. */
export function unmatchedTotalsQuery(plan: AggregatePlan, d: Dialect): string {
	return `SELECT count(DISTINCT k.agg_key) + coalesce(max(CASE WHEN k.agg_key IS NULL THEN 1 ELSE 0 END), 0) AS ${d.ident('keys')}, coalesce(sum(k.agg_rows), 0) AS ${d.ident('rows')}\nFROM ${d.ident(AGG_KEYS)} k\nWHERE k.agg_key IS NULL OR k.agg_key = '' OR NOT ${matches(plan, d)}`;
}

/** A sample of those keys, the most frequent first. */
export function unmatchedSampleQuery(plan: AggregatePlan, d: Dialect, limit = 5): string {
	return `SELECT k.agg_key AS ${d.ident('key')}, sum(k.agg_rows) AS ${d.ident('rows')}\nFROM ${d.ident(AGG_KEYS)} k\nWHERE k.agg_key IS NULL OR k.agg_key = '' OR NOT ${matches(plan, d)}\nGROUP BY k.agg_key\nORDER BY ${d.ident('rows')} DESC, ${d.ident('key')} NULLS FIRST\nLIMIT ${Math.max(1, Math.floor(limit))}`;
}

/**
 * Which kind of key a column holds, from its distinct values in the first `sampleRows` rows: how
 * many are 2010-set seats, 2024-set seats and small areas. The caller picks the largest.
 */
export function keyKindQuery(key: string, d: Dialect, sampleRows = 100_000): string {
	const inSet = (set: BoundarySet) => `(SELECT count(*) FROM s WHERE s.k IN (SELECT code FROM ${d.ident(SEAT_TABLE)} WHERE boundary_set = ${d.literal(set)}))`;
	return `WITH s AS (SELECT DISTINCT ${keyExpr(d, key)} AS k FROM (SELECT ${d.ident(key)} FROM ${d.ident(AGG_INPUT)} LIMIT ${Math.floor(sampleRows)}) t)
SELECT (SELECT count(*) FROM s) AS ${d.ident('distinct_keys')}, ${inSet('2010')} AS ${d.ident('seat_2010')}, ${inSet('2024')} AS ${d.ident('seat_2024')},
	(SELECT count(*) FROM s WHERE s.k IN (SELECT area FROM ${d.ident(lookupTable('2010'))})) AS ${d.ident('area')}`;
}

/** How many input rows the stage holds (after --where), and how many key values. */
export const stageTotalsQuery = (d: Dialect) => `SELECT coalesce(sum(agg_rows), 0) AS ${d.ident('rows')}, count(DISTINCT agg_key) AS ${d.ident('keys')} FROM ${d.ident(AGG_KEYS)}`;
