/**
 * Compiles catalogue formulas to SQL and builds one wide table per boundary set,
 * `indicators_2010` and `indicators_2024`: one row per seat, one column per indicator id.
 * Scoring reads only these tables, so the SQL scorer and the TS reference see the same inputs.
 *
 * Aliases used by compiled formulas: `c` constituencies, `r<year>` results, `k` census2011,
 * `d` deprivation, `e` eu_ref, `p` benefits, rurality and population (2010 set), `x` figures measured on the 2024 seats, `n` notional values carried
 * from the 2010 set, `u<i>` the i-th uploaded table. Each uploaded table is joined once, however
 * many of its columns are used: a subquery per column made DuckDB plan one join per indicator, and
 * two 200-column uploads ran the browser engine out of memory.
 */
import type { BoundarySet, ElectionYear, Formula, Indicator, Party } from '$lib/model/catalogue';
import { ident, literal } from './sql';

export const indicatorTable = (set: BoundarySet) => `indicators_${set}`;

function votes(party: Party, year: ElectionYear): string {
	return party === 'right_populist' ? `r${year}.right_populist_votes` : `r${year}.${ident(party)}`;
}
const perValid = (expr: string, year: ElectionYear) => `(100.0 * (${expr}) / nullif(r${year}.valid_votes, 0))`;

/** Uploaded table name → its alias in the indicator query. */
export type UploadAliases = ReadonlyMap<string, string>;

export function compileFormula(formula: Formula, uploads: UploadAliases = new Map()): string {
	switch (formula.kind) {
		case 'census':
			return `k.${ident(formula.column)}`;
		case 'census-sum':
			return `(${formula.columns.map((c) => `k.${ident(c)}`).join(' + ')})`;
		case 'deprivation':
			return `d.${ident(formula.column)}`;
		case 'leave':
			return 'e.leave_pct';
		case 'share':
			return perValid(votes(formula.party, formula.year), formula.year);
		case 'change':
			return `(${perValid(votes(formula.party, formula.to), formula.to)} - ${perValid(votes(formula.fromParty ?? formula.party, formula.from), formula.from)})`;
		case 'majority-share':
			return perValid(`r${formula.year}.majority`, formula.year);
		case 'turnout':
			return `(100.0 * r${formula.year}.valid_votes / nullif(r${formula.year}.electorate, 0))`;
		case 'challenger-gap': {
			const { party, year } = formula;
			const p = literal(party);
			// `winner_votes` is the winner's own vote (for an independent or minor-party winner, the
			// HoC "Of which other winner", not all other candidates together). The Speaker stands
			// unopposed by the main parties, so a gap to the Speaker is no measure of a party contest:
			// it is left empty.
			return perValid(`CASE WHEN r${year}.winner_key = 'speaker' THEN NULL WHEN r${year}.winner_key = ${p} THEN -r${year}.majority WHEN r${year}.second_key = ${p} THEN r${year}.majority ELSE r${year}.winner_votes - ${votes(party, year)} END`, year);
		}
		case 'challenger-second':
			return `(r${formula.year}.second_key = ${literal(formula.party)})::INTEGER`;
		case 'challenger-top-two':
			return `(r${formula.year}.winner_key = ${literal(formula.party)} OR r${formula.year}.second_key = ${literal(formula.party)})::INTEGER`;
		case 'notional':
			return `n.${ident(formula.of)}`;
		case 'change-from-notional':
			return `(${compileFormula(formula.current, uploads)} - n.${ident(formula.notionalOf)})`;
		case 'profile':
			return `p.${ident(formula.column)}`;
		case 'direct':
			return `x.${ident(formula.column)}`;
		case 'fallback':
			return `coalesce(x.${ident(formula.column)}, n.${ident(formula.notionalOf)})`;
		case 'upload': {
			const alias = uploads.get(formula.table);
			if (!alias) throw new Error(`The uploaded table ${formula.table} is not part of this query.`);
			return `${alias}.${ident(formula.column)}`;
		}
	}
}

function yearsUsed(formula: Formula, into: Set<ElectionYear>): void {
	if ('year' in formula) into.add(formula.year);
	if (formula.kind === 'change') into.add(formula.from).add(formula.to);
	if (formula.kind === 'change-from-notional') yearsUsed(formula.current, into);
}

function uploadTables(formula: Formula, into: Set<string>): void {
	if (formula.kind === 'upload') into.add(formula.table);
}

function notionalSources(formula: Formula, into: Set<string>): void {
	if (formula.kind === 'notional') into.add(formula.of);
	if (formula.kind === 'change-from-notional' || formula.kind === 'fallback') into.add(formula.notionalOf);
}

/**
 * 2024-set values from 2010-set values: the mean over overlapping 2010 seats weighted by the
 * population they share, ignoring 2010 seats with no value (so NI stays empty for GB-only data).
 */
function notionalSubquery(ids: string[]): string {
	const columns = ids.map((id) => {
		const v = `v.${ident(id)}`;
		return `sum(o.overlap_pop * ${v}) / nullif(sum(CASE WHEN ${v} IS NOT NULL THEN o.overlap_pop END), 0) AS ${ident(id)}`;
	});
	return `(SELECT o.from_code AS code, ${columns.join(', ')}
		FROM overlap o JOIN ${indicatorTable('2010')} v ON v.code = o.to_code
		WHERE o.from_set = '2024' GROUP BY o.from_code)`;
}

/** `CREATE TABLE indicators_<set>`; for 2024 the 2010 table must already exist. */
export function createIndicatorTable(set: BoundarySet, indicators: Indicator[]): string {
	const own = indicators.filter((i) => i.boundarySet === set);
	const years = new Set<ElectionYear>();
	const notional = new Set<string>();
	const uploaded = new Set<string>();
	for (const i of own) {
		yearsUsed(i.formula, years);
		notionalSources(i.formula, notional);
		uploadTables(i.formula, uploaded);
	}
	const aliases: UploadAliases = new Map([...uploaded].sort().map((table, i) => [table, `u${i}`]));
	const joins = [...years].sort().map((y) => `LEFT JOIN results r${y} ON r${y}.code = c.code AND r${y}.year = ${y}`);
	joins.push(`LEFT JOIN deprivation d ON d.code = c.code AND d.boundary_set = ${literal(set)}`);
	if (set === '2010') joins.push('LEFT JOIN census2011 k ON k.code = c.code', 'LEFT JOIN eu_ref e ON e.code = c.code', 'LEFT JOIN profile2010 p ON p.code = c.code');
	if (set === '2024') joins.push('LEFT JOIN direct2024 x ON x.code = c.code');
	if (notional.size) joins.push(`LEFT JOIN ${notionalSubquery([...notional].sort())} n ON n.code = c.code`);
	// Upload tables hold one row per seat (duplicates were resolved before commit), so the join keeps one row per seat.
	for (const [table, alias] of aliases) joins.push(`LEFT JOIN ${ident(table)} ${alias} ON ${alias}.code = c.code`);
	const columns = own.map((i) => `(${compileFormula(i.formula, aliases)})::DOUBLE AS ${ident(i.id)}`);
	return `CREATE OR REPLACE TABLE ${ident(indicatorTable(set))} AS
		SELECT c.code, ${columns.join(',\n\t\t')}
		FROM constituencies c
		${joins.join('\n\t\t')}
		WHERE c.boundary_set = ${literal(set)}
		ORDER BY c.code`;
}

/** Non-null count of every indicator per nation, to state coverage from the data itself. */
export function indicatorCoverage(set: BoundarySet, ids: string[]): string {
	const counts = ids.map((id) => `count(v.${ident(id)})::INTEGER AS ${ident(id)}`);
	return `SELECT c.nation, count(*)::INTEGER AS seats, ${counts.join(', ')}
		FROM ${ident(indicatorTable(set))} v JOIN constituencies c ON c.code = v.code AND c.boundary_set = ${literal(set)}
		GROUP BY c.nation ORDER BY c.nation`;
}

export const CODEBOOK_QUERY = 'SELECT variable, description, census_table FROM census2011_codebook ORDER BY variable';

/** Seat facts the scorer needs besides indicators: where it is, its class, and who held it at the lens election. */
export function seatMeta(set: BoundarySet, year: ElectionYear): string {
	// The Centre for Cities class exists only on the 2024 seats (England and Wales).
	const cityClass = set === '2024' ? 'x.city_class' : 'NULL::VARCHAR';
	const classJoin = set === '2024' ? ' LEFT JOIN direct2024 x ON x.code = c.code' : '';
	return `SELECT c.code, c.name, c.nation, c.region, r.winner_key AS holder, r.winner AS holder_label, ${cityClass} AS city_class
		FROM constituencies c LEFT JOIN results r ON r.code = c.code AND r.year = ${Number(year)}${classJoin}
		WHERE c.boundary_set = ${literal(set)} ORDER BY c.code`;
}
